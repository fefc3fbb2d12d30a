/* closeness-application.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-application"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-application.h"
#include "closeness-data-command.h"
#include "closeness-preferences-window.h"
#include "calendar/closeness-ics.h"
#include "conversations/closeness-prompt-library.h"
#include "printing/closeness-print-command.h"
#include "printing/closeness-print-selection.h"
#include "printing/closeness-prompt-print-operation.h"
#include "reminders/closeness-reminder-service.h"
#include "resources/closeness-article-library.h"
#include "closeness-welcome-window.h"
#include "sync/closeness-couple-command.h"
#include "sync/closeness-sync-command.h"
#include "sync/closeness-sync-scheduler.h"
#include "closeness-window.h"

struct _ClosenessApplication
{
  AdwApplication  parent_instance;

  ClosenessStore           *store;
  GError                   *store_error;
  GTask                    *store_opening;  /* while the store opens in a worker thread */
  guint                     first_frame_idle_id;
  ClosenessReminderService *reminders;
  ClosenessSyncScheduler   *sync;
  guint                     maintenance_id;
  guint                     check_id;
  gboolean                  check_started;
  GCancellable             *check_cancellable;
};

G_DEFINE_FINAL_TYPE (ClosenessApplication, closeness_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version of Closeness and quit"), NULL },
  { "sync-account", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Sync the calendar with a CalDAV account (the password is read from standard input)"),
    N_("URL") },
  { "user", 0, 0, G_OPTION_ARG_STRING, NULL, N_("The account’s user name, with --sync-account"),
    N_("NAME") },
  { "calendar", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The calendar to use, with --sync-account (default: “Closeness”, made when missing)"),
    N_("NAME") },
  { "calendar-only", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --sync-account: sync only the calendar, not answers, notes and self-care"), NULL },
  { "sync", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Sync the calendar, and answers, notes and self-care end-to-end encrypted, once and quit"),
    NULL },
  { "join", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Ask to join the couple’s devices (after --sync-account) and print this computer’s number"),
    NULL },
  { "approve-device", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Let the computer showing this number join the couple’s devices"), N_("NUMBER") },
  { "devices", 0, 0, G_OPTION_ARG_NONE, NULL, N_("List the couple’s devices and their numbers"),
    NULL },
  { "remove-device", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Remove the computer showing this number from the couple’s devices"), N_("NUMBER") },
  { "recovery-code", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Make a new recovery code for this computer’s partner and print it (an earlier one stops working)"),
    NULL },
  { "recover", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Join the couple’s devices with a recovery code (after --sync-account; the code is read from "
       "standard input)"),
    NULL },
  { "partner", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Who uses this computer, with --join or the first --sync: 1, 2 or both; whose code, with "
       "--recovery-code on a computer both use: 1 or 2"), N_("WHO") },
  { "import-ics", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import the evenings in an iCalendar file and quit"), N_("FILE") },
  { "export-ics", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export the calendar to an iCalendar file and quit"), N_("FILE") },
  { "export-data", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export all of your data to one file and quit"), N_("FILE") },
  { "import-data", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Replace all of your data with an exported file and quit (backs up first)"), N_("FILE") },
  { "print-questions", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Write conversation questions to a PDF file and quit (with --output)"), NULL },
  /* The name of earlier versions, kept so that scripts keep working */
  { "print-prompts", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, NULL, NULL },
  { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("The PDF file to write"), N_("FILE") },
  { "decks", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Only these decks, separated by commas"), N_("DECKS") },
  { "favorites", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Only favorite questions"), NULL },
  /* The spelling of earlier versions, kept so that scripts keep working */
  { "favourites", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, NULL, NULL },
  { "layout", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("cards-4, cards-6, cards-8 or sheet"), N_("LAYOUT") },
  { "paper", 0, 0, G_OPTION_ARG_STRING, NULL, N_("a4 or letter"), N_("PAPER") },
  { NULL }
};

/* Brings in the built-in prompts a new version of Closeness added (a no-op
 * otherwise), also after a repair restored an older backup or none. If it
 * fails, the couple keeps the library they already have. */
static void
sync_prompt_library (ClosenessStore *store)
{
  g_autoptr(GError) error = NULL;

  if (!closeness_store_get_read_only (store) &&
      !closeness_prompt_library_sync (store, &error))
    g_warning ("Could not update the built-in prompts (error code %d)", error->code);
}

/* The opening task's data. The first ensure_store() needs the store at
 * once, so it waits on @cond rather than for the task's callback, which
 * would come only in a later main loop iteration. */
typedef struct
{
  GMutex          mutex;
  GCond           cond;
  gboolean        done;
  ClosenessStore *store;
  GError         *error;
} StoreOpening;

static void
store_opening_free (StoreOpening *opening)
{
  g_clear_object (&opening->store);
  g_clear_error (&opening->error);
  g_mutex_clear (&opening->mutex);
  g_cond_clear (&opening->cond);
  g_free (opening);
}

static void
open_store_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  StoreOpening *opening = task_data;
  g_autoptr(GError) error = NULL;
  ClosenessStore *store;

  store = closeness_store_new_full (NULL, CLOSENESS_STORE_OPEN_DEFER_CHECK, &error);

  /* What the first page reads from the store is read here too, while GTK
   * starts on the main thread: the store keeps the deck list and the prompt
   * keys (tonight's question is chosen from them) until the data changes. */
  if (store != NULL)
    {
      g_autoptr(GArray) keys = NULL;

      sync_prompt_library (store);
      closeness_store_get_decks (store);
      keys = closeness_store_get_prompt_keys (store, NULL);
    }

  /* The first page asks for today's date; GLib reads the local time zone
   * once and keeps it. Read it here, off the main thread, too. */
  g_time_zone_unref (g_time_zone_new_local ());

  g_mutex_lock (&opening->mutex);
  opening->store = store;
  opening->error = g_steal_pointer (&error);
  opening->done = TRUE;
  g_cond_signal (&opening->cond);
  g_mutex_unlock (&opening->mutex);

  g_task_return_boolean (task, TRUE);
}

/* Opening the store starts in a GTask's worker thread at the beginning of
 * startup and runs while GTK and libadwaita load their styles; the first
 * ensure_store() waits for it. Nothing uses the store before that, and the connection is
 * used by one thread at a time only. Its quick_check (it reads the whole
 * file) is deferred until after the first frame, see start_check(). */
static void
start_opening_store (ClosenessApplication *self)
{
  g_autoptr(GTask) task = NULL;
  StoreOpening *opening;

  if (self->store != NULL || self->store_error != NULL || self->store_opening != NULL)
    return;

  opening = g_new0 (StoreOpening, 1);
  g_mutex_init (&opening->mutex);
  g_cond_init (&opening->cond);

  /* No source object: the task must not keep the application alive. */
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, start_opening_store);
  g_task_set_task_data (task, opening, (GDestroyNotify) store_opening_free);
  self->store_opening = g_object_ref (task);
  g_task_run_in_thread (task, open_store_thread);
}

/* Waits for the opening task and takes what it opened (or its error). */
static void
finish_opening_store (ClosenessApplication *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->store_opening);
  StoreOpening *opening = g_task_get_task_data (task);

  g_mutex_lock (&opening->mutex);
  while (!opening->done)
    g_cond_wait (&opening->cond, &opening->mutex);
  self->store = g_steal_pointer (&opening->store);
  self->store_error = g_steal_pointer (&opening->error);
  g_mutex_unlock (&opening->mutex);
}

#define MAINTENANCE_DELAY_S 20
#define CHECK_FALLBACK_DELAY_S 2

static void
check_done_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ClosenessApplication) self = user_data;
  ClosenessStore *store = CLOSENESS_STORE (source_object);
  g_autoptr(GError) error = NULL;

  if (!closeness_store_check_finish (store, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The data could not be checked (error code %d)", error->code);
      return;
    }

  /* A late repair may have restored an older backup, or none. */
  if (closeness_store_get_recovery_report (store) != NULL)
    sync_prompt_library (store);
}

/* The store's quick_check, deferred at open, runs in a worker thread right
 * after the window's first frame (or, without a window, a little after
 * start-up). A damaged file is repaired then, and the window says so. */
static void
start_check (ClosenessApplication *self)
{
  g_clear_handle_id (&self->check_id, g_source_remove);

  if (self->check_started || self->store == NULL)
    return;

  self->check_started = TRUE;
  closeness_store_check_async (self->store, self->check_cancellable, check_done_cb,
                               g_object_ref (self));
}

static gboolean
check_timeout_cb (gpointer user_data)
{
  ClosenessApplication *self = user_data;

  self->check_id = 0;
  start_check (self);

  return G_SOURCE_REMOVE;
}

static gboolean
start_maintenance_cb (gpointer user_data)
{
  ClosenessApplication *self = user_data;

  self->maintenance_id = 0;

  /* A window closed by then means the app is on its way out (unless it
   * runs as the background service): no backup it would not see finish. */
  if (self->store != NULL &&
      (gtk_application_get_windows (GTK_APPLICATION (self)) != NULL ||
       (g_application_get_flags (G_APPLICATION (self)) & G_APPLICATION_IS_SERVICE) != 0))
    closeness_store_schedule_maintenance (self->store);

  return G_SOURCE_REMOVE;
}

/* The store opens on first use, not at startup: the window decides what to
 * show when it cannot open, and --version never touches the disk. */
static gboolean
ensure_store (ClosenessApplication *self)
{
  if (self->store != NULL)
    return TRUE;
  if (self->store_error != NULL)
    return FALSE;

  if (self->store_opening != NULL)
    finish_opening_store (self);
  else
    {
      self->store = closeness_store_new (NULL, &self->store_error);
      if (self->store != NULL)
        sync_prompt_library (self->store);
    }

  if (self->store == NULL)
    {
      g_warning ("Could not open the Closeness database (error code %d)",
                 self->store_error->code);
      return FALSE;
    }

  if (closeness_store_get_check_pending (self->store) && !self->check_started &&
      self->check_id == 0)
    self->check_id = g_timeout_add_seconds_full (G_PRIORITY_LOW, CHECK_FALLBACK_DELAY_S,
                                                 check_timeout_cb, self, NULL);

  /* The daily automatic backup waits until the window has settled: it is
   * never on the start-up path, and a run that lasts only seconds (a quick
   * look, a test) does not start a backup it will not see finish. */
  if (self->maintenance_id == 0)
    self->maintenance_id = g_timeout_add_seconds_full (G_PRIORITY_LOW, MAINTENANCE_DELAY_S,
                                                       start_maintenance_cb, self, NULL);

  return TRUE;
}

static GtkWindow *
get_main_window (ClosenessApplication *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  for (const GList *l = windows; l != NULL; l = l->next)
    {
      if (CLOSENESS_IS_WINDOW (l->data))
        return GTK_WINDOW (l->data);
    }

  return NULL;
}

static void
show_store_error (ClosenessApplication *self)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL,
                                                       _("Closeness Cannot Open Your Data"),
                                                       self->store_error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_swapped (dialog, "response", G_CALLBACK (gtk_window_destroy), dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The window icon. Only X11 shows it, and it is set right after the first
 * frame: nothing a person sees waits for it. The header bar's window
 * controls rebuild themselves whenever the window's icon changes, so it is
 * set in an idle that runs before GTK's next frame: set any later, after the
 * deck grid's frame, the rebuild cost a frame of its own (docs/BENCHMARKS.md). */
static void
set_window_icons (void)
{
  GListModel *toplevels;

  if (g_strcmp0 (gtk_window_get_default_icon_name (), APP_ID) == 0)
    return;

  gtk_window_set_default_icon_name (APP_ID);

  /* Windows realized before this keep no icon unless told, the welcome
   * too, which belongs to no application. */
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_icon_name (window) == NULL)
        gtk_window_set_icon_name (window, APP_ID);
    }
}

static gboolean
after_first_frame_idle_cb (gpointer user_data)
{
  ClosenessApplication *self = user_data;

  self->first_frame_idle_id = 0;
  start_check (self);
  /* The calendar syncs a little after the window is there. */
  if (self->sync != NULL)
    closeness_sync_scheduler_request (self->sync, 5);

  return G_SOURCE_REMOVE;
}

static gboolean
window_icons_idle_cb (gpointer user_data)
{
  set_window_icons ();

  return G_SOURCE_REMOVE;
}

static void
first_frame_painted_cb (GdkFrameClock *frame_clock,
                        GtkWindow     *window)
{
  GtkApplication *app = gtk_window_get_application (window);
  ClosenessApplication *self;

  g_signal_handlers_disconnect_by_func (frame_clock, first_frame_painted_cb, window);

  if (!CLOSENESS_IS_APPLICATION (app))
    return;

  self = CLOSENESS_APPLICATION (app);
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, window_icons_idle_cb, NULL, NULL);

  /* No reference: dispose removes the idle. */
  if (self->first_frame_idle_id == 0)
    self->first_frame_idle_id = g_idle_add_full (G_PRIORITY_LOW, after_first_frame_idle_cb,
                                                 self, NULL);
}

static void
set_window_icons_after_first_frame (ClosenessApplication *self,
                                    GtkWindow            *window)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  if (frame_clock == NULL)
    {
      set_window_icons ();
      return;
    }

  g_signal_connect_object (frame_clock, "after-paint", G_CALLBACK (first_frame_painted_cb),
                           window, 0);
}

static void
maybe_show_welcome (ClosenessApplication *self,
                    GtkWindow            *window)
{
  g_autofree char *done = closeness_store_dup_state (self->store, "welcome-done");
  ClosenessWelcomeWindow *welcome;

  if (done != NULL || g_getenv ("CLOSENESS_SKIP_WELCOME") != NULL)
    return;

  welcome = closeness_welcome_window_new (self->store);
  gtk_window_set_transient_for (GTK_WINDOW (welcome), window);
  gtk_window_present (GTK_WINDOW (welcome));
}

static void
closeness_application_activate (GApplication *app)
{
  ClosenessApplication *self = CLOSENESS_APPLICATION (app);
  GtkWindow *window;

  window = get_main_window (self);
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (!ensure_store (self))
    {
      set_window_icons ();
      show_store_error (self);
      return;
    }

  window = GTK_WINDOW (closeness_window_new (self, self->store));
  gtk_window_present (window);
  set_window_icons_after_first_frame (self, window);
  maybe_show_welcome (self, window);
}

static const char *
lookup_string_option (GVariantDict *options,
                      const char   *name)
{
  const char *value = NULL;

  if (!g_variant_dict_lookup (options, name, "&s", &value))
    g_variant_dict_lookup (options, name, "^&ay", &value);

  return value;
}

/* --import-data, --export-data, --import-ics, --export-ics and
 * --print-questions work without a window and without a running instance;
 * they open the store themselves. */
static int
run_command_line_tool (GVariantDict *options)
{
  const char *import_ics = lookup_string_option (options, "import-ics");
  const char *export_ics = lookup_string_option (options, "export-ics");
  const char *import_data = lookup_string_option (options, "import-data");
  const char *export_data = lookup_string_option (options, "export-data");
  gboolean print_prompts = g_variant_dict_contains (options, "print-questions") ||
                           g_variant_dict_contains (options, "print-prompts");
  const char *sync_account = NULL;
  const char *sync_user = NULL;
  const char *sync_calendar = NULL;
  gboolean sync_now = g_variant_dict_contains (options, "sync");
  gboolean join = g_variant_dict_contains (options, "join");
  gboolean devices = g_variant_dict_contains (options, "devices");
  const char *approve = lookup_string_option (options, "approve-device");
  const char *remove = lookup_string_option (options, "remove-device");
  const char *partner = lookup_string_option (options, "partner");
  gboolean recovery_code = g_variant_dict_contains (options, "recovery-code");
  gboolean recover = g_variant_dict_contains (options, "recover");
  g_autoptr(ClosenessStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_variant_dict_lookup (options, "sync-account", "&s", &sync_account);
  g_variant_dict_lookup (options, "user", "&s", &sync_user);
  g_variant_dict_lookup (options, "calendar", "&s", &sync_calendar);

  if (import_ics == NULL && export_ics == NULL && import_data == NULL && export_data == NULL &&
      !print_prompts && sync_account == NULL && !sync_now && !join && !devices && approve == NULL &&
      remove == NULL && !recovery_code && !recover)
    return -1;

  store = closeness_store_new (NULL, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (import_data != NULL)
    status = closeness_data_command_import (store, import_data);

  if (status == 0 && export_data != NULL)
    status = closeness_data_command_export (store, export_data);

  if (status == 0 && import_ics != NULL)
    status = closeness_ics_run_import (store, import_ics);

  if (status == 0 && export_ics != NULL)
    status = closeness_ics_run_export (store, export_ics);

  /* Answers and notes from the other computers may be about built-in
   * questions: every computer has them before it syncs. */
  if (sync_account != NULL || sync_now || join || approve != NULL || recover)
    sync_prompt_library (store);

  if (status == 0 && sync_account != NULL)
    status = closeness_sync_command_account (store, sync_account, sync_user, sync_calendar,
                                             g_variant_dict_contains (options, "calendar-only"));

  if (status == 0 && recover)
    status = closeness_couple_command_recover (store);

  if (status == 0 && join)
    status = closeness_couple_command_join (store, partner);

  if (status == 0 && approve != NULL)
    status = closeness_couple_command_approve (store, approve);

  if (status == 0 && remove != NULL)
    status = closeness_couple_command_remove (store, remove);

  if (status == 0 && recovery_code)
    status = closeness_couple_command_recovery_code (store, partner);

  if (status == 0 && sync_now)
    status = closeness_sync_command_run (store);

  if (status == 0 && sync_now)
    status = closeness_couple_command_sync (store, partner);

  if (status == 0 && devices)
    status = closeness_couple_command_devices (store);

  if (status == 0 && print_prompts)
    {
      const char *output = lookup_string_option (options, "output");
      const char *decks = lookup_string_option (options, "decks");
      g_auto(GStrv) deck_list = decks != NULL ? g_strsplit (decks, ",", -1) : NULL;

      if (output == NULL)
        {
          g_printerr ("%s\n", _("Say where to write the PDF with --output FILE.pdf."));
          return 2;
        }

      status = closeness_print_command_run (store, output,
                                            (const char * const *) deck_list,
                                            g_variant_dict_contains (options, "favorites") ||
                                            g_variant_dict_contains (options, "favourites"),
                                            lookup_string_option (options, "layout"),
                                            lookup_string_option (options, "paper"),
                                            &error);
      if (error != NULL)
        g_printerr ("%s\n", error->message);
      else if (status == 0)
        {
          g_autofree char *display_name = g_filename_display_name (output);

          /* The one line the README promises, as --export-data has. */
          g_print (_("Wrote the questions to “%s”.\n"), display_name);
        }
    }

  return status;
}

static int
closeness_application_handle_local_options (GApplication *app,
                                            GVariantDict *options)
{
  int status;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  status = run_command_line_tool (options);
  if (status >= 0)
    return status;

  return G_APPLICATION_CLASS (closeness_application_parent_class)
    ->handle_local_options (app, options);
}

static void
print_prompts_activated_cb (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  ClosenessApplication *self = user_data;
  g_autoptr(ClosenessPrintSelection) selection = closeness_print_selection_new ();
  const char *what = g_variant_get_string (parameter, NULL);

  if (!ensure_store (self))
    return;

  /* "all", "favourites", "custom", "deck:<id>[,<id>…]" or "picks:<id>[,<id>…]" */
  if (g_str_equal (what, "favourites"))
    closeness_print_selection_set_favourites_only (selection, TRUE);
  else if (g_str_equal (what, "custom"))
    closeness_print_selection_set_custom_only (selection, TRUE);
  else if (g_str_has_prefix (what, "deck:") || g_str_has_prefix (what, "picks:"))
    {
      gboolean decks = g_str_has_prefix (what, "deck:");
      g_auto(GStrv) ids = g_strsplit (strchr (what, ':') + 1, ",", -1);

      for (guint i = 0; ids[i] != NULL; i++)
        {
          gint64 id = g_ascii_strtoll (ids[i], NULL, 10);

          if (id <= 0)
            continue;
          if (decks)
            closeness_print_selection_add_deck (selection, id);
          else
            closeness_print_selection_add_prompt (selection, id);
        }
    }

  closeness_prompt_print_run (get_main_window (self), self->store, selection);
}

static void
open_page_item (ClosenessApplication *self,
                ClosenessPage         page,
                GVariant             *parameter)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = get_main_window (self);
  if (window == NULL)
    return;

  closeness_window_open_item (CLOSENESS_WINDOW (window), page, g_variant_get_int64 (parameter));
}

static void
open_event_activated_cb (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  open_page_item (user_data, CLOSENESS_PAGE_CALENDAR, parameter);
}

static void
open_activity_activated_cb (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  open_page_item (user_data, CLOSENESS_PAGE_SELFCARE, parameter);
}

static void
open_deck_activated_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  open_page_item (user_data, CLOSENESS_PAGE_CONVERSATIONS, parameter);
}

static void
open_article_activated_cb (GSimpleAction *action,
                           GVariant      *parameter,
                           gpointer       user_data)
{
  ClosenessApplication *self = user_data;
  const char *id = g_variant_get_string (parameter, NULL);
  GtkWindow *window;

  g_application_activate (G_APPLICATION (self));
  window = get_main_window (self);
  if (window == NULL)
    return;

  if (!closeness_window_open_article (CLOSENESS_WINDOW (window), id))
    g_warning ("There is no article called “%s”", id);
  gtk_window_present (window);
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  ClosenessApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Changes still waiting to be saved: the window asks first. */
  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (CLOSENESS_IS_WINDOW (l->data) &&
          closeness_window_ask_before_leaving (CLOSENESS_WINDOW (l->data), TRUE))
        {
          gtk_window_present (GTK_WINDOW (l->data));
          return;
        }
    }

  /* Each window saves its size and page, then goes. */
  while (windows != NULL)
    {
      if (CLOSENESS_IS_WINDOW (windows->data))
        closeness_window_save_state (CLOSENESS_WINDOW (windows->data));
      gtk_window_destroy (GTK_WINDOW (windows->data));
      windows = gtk_application_get_windows (GTK_APPLICATION (self));
    }

  g_application_quit (G_APPLICATION (self));
}

static void
preferences_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  ClosenessApplication *self = user_data;
  GtkWindow *parent = get_main_window (self);
  ClosenessPreferencesWindow *prefs;

  if (!ensure_store (self))
    return;

  prefs = closeness_preferences_window_new (self->store);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  /* Its safety row opens an article through app.open-article. */
  gtk_window_set_application (GTK_WINDOW (prefs), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
shortcuts_activated_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  ClosenessApplication *self = user_data;
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  builder = gtk_builder_new_from_resource ("/com/example/Closeness/closeness-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (shortcuts, get_main_window (self));
  gtk_window_set_application (shortcuts, GTK_APPLICATION (self));
  gtk_window_present (shortcuts);
}

static gboolean
about_activate_link_cb (AdwAboutWindow *about,
                        const char     *uri,
                        gpointer        user_data)
{
  ClosenessApplication *self = user_data;
  const char *id = closeness_article_link_get_id (uri);

  if (id == NULL)
    return FALSE;

  gtk_window_close (GTK_WINDOW (about));
  g_action_group_activate_action (G_ACTION_GROUP (self), "open-article", g_variant_new_string (id));

  return TRUE;
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ClosenessApplication *self = user_data;
  static const char *developers[] = { "The Closeness developers", NULL };
  static const char *designers[] = { "The Closeness developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", get_main_window (self),
                        "application", self,
                        "application-name", _("Closeness"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Closeness developers"),
                        "version", PACKAGE_VERSION,
                        "website", "https://closeness.example.org/",
                        "issue-url", "https://closeness.example.org/issues",
                        "copyright", "© 2026 The Closeness developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "designers", designers,
                        /* Translators: Replace this with your name, one per line. */
                        "translator-credits", _("translator-credits"),
                        "comments", _("Closeness helps couples talk openly, protect time "
                                      "together and look after themselves and each other. "
                                      "Everything stays on this computer."),
                        NULL);
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about), _("Safety and Crisis Help"),
                             CLOSENESS_ARTICLE_LINK_PREFIX CLOSENESS_ARTICLE_SAFETY_NOTE);
  g_signal_connect_object (about, "activate-link", G_CALLBACK (about_activate_link_cb), self, 0);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated_cb },
  { "preferences", preferences_activated_cb },
  { "shortcuts", shortcuts_activated_cb },
  { "about", about_activated_cb },
  { "print-prompts", print_prompts_activated_cb, "s" },
  { "open-event", open_event_activated_cb, "x" },
  { "open-activity", open_activity_activated_cb, "x" },
  { "open-deck", open_deck_activated_cb, "x" },
  { "open-article", open_article_activated_cb, "s" },
};

static void
closeness_application_startup (GApplication *app)
{
  ClosenessApplication *self = CLOSENESS_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  /* Only the primary instance gets here: the store opens while GTK starts. */
  start_opening_store (self);

  G_APPLICATION_CLASS (closeness_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts",
                                         shortcuts_accels);

  /* The default window icon is set after the first frame (set_window_icons()). */

  /* Reminders run in the app and as `closeness --gapplication-service`;
   * the service holds the application while it has work to do. */
  if (ensure_store (self))
    {
      self->reminders = closeness_reminder_service_new (app, self->store);
      closeness_reminder_service_add_actions (self->reminders, G_ACTION_MAP (self));
      /* Also in the background service: an evening planned on the other
       * laptop arrives here and its reminder rings. */
      self->sync = closeness_sync_scheduler_new (self->store);
      closeness_sync_scheduler_request (self->sync, 60);
    }
}

static void
closeness_application_shutdown (GApplication *app)
{
  ClosenessApplication *self = CLOSENESS_APPLICATION (app);

  g_clear_object (&self->reminders);
  g_clear_object (&self->sync);

  G_APPLICATION_CLASS (closeness_application_parent_class)->shutdown (app);
}

static void
closeness_application_dispose (GObject *object)
{
  ClosenessApplication *self = CLOSENESS_APPLICATION (object);

  /* Never let a store opening outlive the application. */
  if (self->store_opening != NULL)
    finish_opening_store (self);

  g_clear_handle_id (&self->first_frame_idle_id, g_source_remove);
  g_clear_handle_id (&self->check_id, g_source_remove);
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_handle_id (&self->maintenance_id, g_source_remove);
  g_clear_object (&self->reminders);
  g_clear_object (&self->sync);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (closeness_application_parent_class)->dispose (object);
}

static void
closeness_application_finalize (GObject *object)
{
  ClosenessApplication *self = CLOSENESS_APPLICATION (object);

  g_clear_error (&self->store_error);

  G_OBJECT_CLASS (closeness_application_parent_class)->finalize (object);
}

static void
closeness_application_class_init (ClosenessApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = closeness_application_dispose;
  object_class->finalize = closeness_application_finalize;

  app_class->activate = closeness_application_activate;
  app_class->startup = closeness_application_startup;
  app_class->shutdown = closeness_application_shutdown;
  app_class->handle_local_options = closeness_application_handle_local_options;
}

static void
closeness_application_init (ClosenessApplication *self)
{
  self->check_cancellable = g_cancellable_new ();
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
}

ClosenessApplication *
closeness_application_new (void)
{
  return g_object_new (CLOSENESS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/com/example/Closeness",
                       NULL);
}

/**
 * closeness_application_get_store:
 *
 * Returns: (transfer none) (nullable): the store, opening it on first use;
 *   %NULL when it cannot be opened.
 */
/**
 * closeness_application_get_sync_scheduler:
 *
 * Returns: (transfer none) (nullable) (type ClosenessSyncScheduler): what
 *   syncs the calendar, or %NULL without a store
 */
gpointer
closeness_application_get_sync_scheduler (ClosenessApplication *self)
{
  g_return_val_if_fail (CLOSENESS_IS_APPLICATION (self), NULL);

  return self->sync;
}

ClosenessStore *
closeness_application_get_store (ClosenessApplication *self)
{
  g_return_val_if_fail (CLOSENESS_IS_APPLICATION (self), NULL);

  ensure_store (self);

  return self->store;
}
