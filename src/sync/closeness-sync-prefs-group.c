/* closeness-sync-prefs-group.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences → Calendar Sync: the server, user name and password; Connect
 * finds the calendars (off the main thread) and uses the one called
 * "Closeness", made when the account has none, so the second laptop joins
 * the first one's calendar. Once set up: the calendar in use, which may be
 * changed to any other of the account's calendars that takes events and
 * may be written (every evening here is then copied into it), when it last
 * synced or what went wrong, in plain words, Sync Now and Stop Syncing
 * (every evening stays).
 * The password goes to the Secret Service only.
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "closeness-toast.h"
#include "sync/closeness-caldav-client.h"
#include "sync/closeness-credentials.h"
#include "sync/closeness-sync-prefs-group.h"

#define CALENDAR_NAME "Closeness"

struct _ClosenessSyncPrefsGroup
{
  AdwPreferencesGroup     parent_instance;

  ClosenessStore         *store;
  ClosenessSyncScheduler *scheduler;
  GCancellable           *cancellable;

  AdwEntryRow            *server_row;
  AdwEntryRow            *user_row;
  AdwEntryRow            *password_row;
  AdwActionRow           *connect_row;
  GtkButton              *connect_button;
  GtkSpinner             *connect_spinner;
  AdwComboRow            *calendar_row;
  GtkStringList          *calendar_names;
  GPtrArray              *calendar_hrefs;
  gboolean                filling;
  gboolean                listing;
  gboolean                testing;
  AdwActionRow           *test_row;
  GtkButton              *test_button;
  GtkSpinner             *test_spinner;
  AdwActionRow           *status_row;
  GtkButton              *sync_button;
  GtkSpinner             *sync_spinner;
  AdwActionRow           *stop_row;
  GtkButton              *stop_button;
};

G_DEFINE_FINAL_TYPE (ClosenessSyncPrefsGroup,
                     closeness_sync_prefs_group,
                     ADW_TYPE_PREFERENCES_GROUP)

enum {
  ACCOUNT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (ClosenessSyncPrefsGroup *self,
       const char              *message)
{
  closeness_toast_show_in_preferences (GTK_WIDGET (self), message);
}

/* The account's calendars Closeness may use: they take events and may be
 * written. Takes @calendars. */
static GPtrArray *
usable_calendars (GPtrArray *calendars)
{
  GPtrArray *usable =
    g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_caldav_collection_free);

  for (guint i = 0; calendars != NULL && i < calendars->len; i++)
    {
      ClosenessCaldavCollection *calendar = g_ptr_array_index (calendars, i);

      if ((calendar->components & CLOSENESS_CALDAV_VEVENT) && calendar->writable)
        g_ptr_array_add (usable, g_ptr_array_steal_index (calendars, i--));
    }
  if (calendars != NULL)
    g_ptr_array_unref (calendars);

  return usable;
}

static const char *
calendar_title (ClosenessCaldavCollection *calendar)
{
  return calendar->display_name != NULL && calendar->display_name[0] != '\0'
    ? calendar->display_name : _("Unnamed calendar");
}

/* The choice of calendars: @calendars when known, else only the one in use. */
static void
fill_calendars (ClosenessSyncPrefsGroup *self,
                GPtrArray               *calendars)
{
  g_autofree char *current = closeness_store_dup_sync_state (self->store, "calendar");
  g_autofree char *current_name = closeness_store_dup_sync_state (self->store, "calendar-name");
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint selected = 0;
  gboolean found = FALSE;

  self->filling = TRUE;
  g_ptr_array_set_size (self->calendar_hrefs, 0);
  for (guint i = 0; calendars != NULL && i < calendars->len; i++)
    {
      ClosenessCaldavCollection *calendar = g_ptr_array_index (calendars, i);

      if (g_strcmp0 (calendar->href, current) == 0)
        {
          selected = self->calendar_hrefs->len;
          found = TRUE;
        }
      g_ptr_array_add (self->calendar_hrefs, g_strdup (calendar->href));
      g_ptr_array_add (names, (gpointer) calendar_title (calendar));
    }
  if (!found && current != NULL)
    {
      selected = self->calendar_hrefs->len;
      g_ptr_array_add (self->calendar_hrefs, g_strdup (current));
      g_ptr_array_add (names, current_name != NULL ? current_name : (char *) CALENDAR_NAME);
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->calendar_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->calendar_names)),
                          (const char * const *) names->pdata);
  adw_combo_row_set_selected (self->calendar_row, selected);
  self->filling = FALSE;
}

static char *
describe_last_sync (ClosenessStore *store)
{
  g_autofree char *stamp = closeness_store_dup_sync_state (store, "last-sync");
  g_autofree char *problem = closeness_store_dup_sync_state (store, "problem");
  g_autoptr(GDateTime) utc = stamp != NULL ? g_date_time_new_from_iso8601 (stamp, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  g_autofree char *when = local != NULL ? g_date_time_format (local, _("%-d %B, %H:%M")) : NULL;

  if (problem != NULL)
    /* Translators: %s says what went wrong, e.g. "The server refused the user name or password." */
    return g_strdup_printf (_("The last sync did not go through: %s"), problem);
  if (when != NULL)
    /* Translators: %s is a date and time, "7 December, 14:30" */
    return g_strdup_printf (_("Last synced %s"), when);

  return g_strdup (_("Not synced yet"));
}

static void list_calendars (ClosenessSyncPrefsGroup *self);

/**
 * closeness_sync_prefs_group_refresh:
 *
 * Shows the form, or the account and its last sync.
 */
void
closeness_sync_prefs_group_refresh (ClosenessSyncPrefsGroup *self)
{
  g_autofree char *calendar = NULL;
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  gboolean set_up, running;

  g_return_if_fail (CLOSENESS_IS_SYNC_PREFS_GROUP (self));

  calendar = self->store != NULL ? closeness_store_dup_sync_state (self->store, "calendar") : NULL;
  set_up = calendar != NULL;
  running = self->scheduler != NULL && closeness_sync_scheduler_get_running (self->scheduler);

  gtk_widget_set_visible (GTK_WIDGET (self->server_row), !set_up);
  gtk_widget_set_visible (GTK_WIDGET (self->user_row), !set_up);
  gtk_widget_set_visible (GTK_WIDGET (self->password_row), !set_up);
  gtk_widget_set_visible (GTK_WIDGET (self->connect_row), !set_up);
  gtk_widget_set_visible (GTK_WIDGET (self->calendar_row), set_up);
  gtk_widget_set_visible (GTK_WIDGET (self->status_row), set_up);
  gtk_widget_set_visible (GTK_WIDGET (self->stop_row), set_up);
  gtk_widget_set_visible (GTK_WIDGET (self->test_row), set_up);
  gtk_widget_set_sensitive (GTK_WIDGET (self), self->store != NULL);

  if (set_up)
    {
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *last = describe_last_sync (self->store);

      server = closeness_store_dup_sync_state (self->store, "server");
      user = closeness_store_dup_sync_state (self->store, "user");
      /* Translators: "Syncing with anna on dav.example.org" */
      title = g_strdup_printf (_("Syncing as %s on %s"),
                               user != NULL && user[0] != '\0' ? user : _("no user name"),
                               server != NULL ? server : "");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->status_row), FALSE);
      subtitle = g_strdup (last);
      adw_action_row_set_subtitle (self->status_row, subtitle);
      gtk_widget_set_visible (GTK_WIDGET (self->sync_spinner), running);
      gtk_spinner_set_spinning (self->sync_spinner, running);
      gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button), !running);
      if (self->calendar_hrefs->len == 0)
        {
          fill_calendars (self, NULL);
          list_calendars (self);
        }
    }
  else if (self->calendar_hrefs->len > 0)
    {
      self->filling = TRUE;
      g_ptr_array_set_size (self->calendar_hrefs, 0);
      gtk_string_list_splice (self->calendar_names, 0,
                              g_list_model_get_n_items (G_LIST_MODEL (self->calendar_names)), NULL);
      self->filling = FALSE;
    }
}

static void
fields_changed_cb (ClosenessSyncPrefsGroup *self)
{
  const char *server = gtk_editable_get_text (GTK_EDITABLE (self->server_row));

  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button),
                            g_cancellable_is_cancelled (self->cancellable) == FALSE &&
                            server != NULL && server[0] != '\0');
}

typedef struct
{
  char *server;
  char *user;
  char *password;
  char *calendar;   /* out: the calendar's address */
  char *calendar_name;
  gboolean list_only;    /* never make a calendar */
  gboolean lookup_password; /* from the Secret Service, in the thread */
  GPtrArray *calendars;  /* out: the calendars it could use */
} Connecting;

static void
connecting_free (Connecting *connecting)
{
  g_free (connecting->server);
  g_free (connecting->user);
  if (connecting->password != NULL)
    memset (connecting->password, 0, strlen (connecting->password));
  g_free (connecting->password);
  g_free (connecting->calendar);
  g_free (connecting->calendar_name);
  g_clear_pointer (&connecting->calendars, g_ptr_array_unref);
  g_free (connecting);
}

/* In a worker thread: the network only, never the store. */
static void
connect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Connecting *connecting = task_data;
  g_autoptr(ClosenessCaldavClient) client = NULL;
  g_autoptr(GPtrArray) calendars = NULL;
  GError *error = NULL;

  if (connecting->lookup_password)
    {
      g_free (connecting->password);
      connecting->password =
        closeness_credentials_lookup (connecting->server, connecting->user, &error);
      if (connecting->password == NULL && error != NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      if (connecting->password == NULL)
        connecting->password = g_strdup ("");
    }
  client = closeness_caldav_client_new (connecting->server, connecting->user, connecting->password,
                                        &error);
  if (client != NULL)
    calendars = closeness_caldav_client_discover (client, cancellable, &error);
  if (calendars == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  connecting->calendars = usable_calendars (g_steal_pointer (&calendars));
  for (guint i = 0; i < connecting->calendars->len && connecting->calendar == NULL; i++)
    {
      ClosenessCaldavCollection *calendar = g_ptr_array_index (connecting->calendars, i);

      if (g_strcmp0 (calendar->display_name, CALENDAR_NAME) == 0)
        connecting->calendar = g_strdup (calendar->href);
    }
  if (connecting->calendar == NULL && !connecting->list_only)
    {
      ClosenessCaldavCollection *made;

      connecting->calendar = closeness_caldav_client_make_calendar (client, CALENDAR_NAME,
                                                                    CLOSENESS_CALDAV_VEVENT,
                                                                    cancellable, &error);
      if (connecting->calendar == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      made = g_new0 (ClosenessCaldavCollection, 1);
      made->href = g_strdup (connecting->calendar);
      made->display_name = g_strdup (CALENDAR_NAME);
      made->components = CLOSENESS_CALDAV_VEVENT;
      made->writable = TRUE;
      g_ptr_array_add (connecting->calendars, made);
    }
  connecting->calendar_name = g_strdup (CALENDAR_NAME);
  g_task_return_boolean (task, TRUE);
}

static void
set_connecting (ClosenessSyncPrefsGroup *self,
                gboolean                 busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->connect_spinner), busy);
  gtk_spinner_set_spinning (self->connect_spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->server_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !busy);
}

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ClosenessSyncPrefsGroup *self = CLOSENESS_SYNC_PREFS_GROUP (source);
  Connecting *connecting = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_connecting (self, FALSE);
      adw_action_row_set_subtitle (self->connect_row, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->connect_row), "error");
      return;
    }

  set_connecting (self, FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->connect_row), "error");

  /* The password to the keyring; a server on this computer with no
   * password needs none. */
  if ((connecting->password[0] != '\0'
       && !closeness_credentials_store (connecting->server, connecting->user, connecting->password,
                                        &error))
      || !closeness_store_start_sync (self->store, connecting->calendar, &error)
      || !closeness_store_set_sync_state (self->store, "calendar-name", connecting->calendar_name,
                                          &error)
      || !closeness_store_set_sync_state (self->store, "server", connecting->server, &error)
      || !closeness_store_set_sync_state (self->store, "user", connecting->user, &error)
      || !closeness_store_set_sync_state (self->store, "password-kept",
                                          connecting->password[0] != '\0' ? "1" : NULL, &error)
      ||
      /* Answers, notes and self-care wait for Your Devices, where the
       * person says who uses this computer. */
      !closeness_store_set_sync_state (self->store, "couple", "ask", &error))
    {
      adw_action_row_set_subtitle (self->connect_row, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->connect_row), "error");
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  toast (self, _("The calendar now syncs with the server"));
  fill_calendars (self, connecting->calendars);
  closeness_sync_prefs_group_refresh (self);
  g_signal_emit (self, signals[ACCOUNT_CHANGED], 0);
  if (self->scheduler != NULL)
    closeness_sync_scheduler_request (self->scheduler, 0);
}

static void
connect_clicked_cb (ClosenessSyncPrefsGroup *self)
{
  g_autoptr(GTask) task = NULL;
  Connecting *connecting;

  if (self->store == NULL)
    return;

  connecting = g_new0 (Connecting, 1);
  connecting->server =
    g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row))));
  connecting->user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
  connecting->password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));

  set_connecting (self, TRUE);
  adw_action_row_set_subtitle (self->connect_row, _("Looking for the calendars…"));
  task = g_task_new (self, self->cancellable, connected_cb, NULL);
  g_task_set_task_data (task, connecting, (GDestroyNotify) connecting_free);
  g_task_run_in_thread (task, connect_thread);
}

static void
show_test_result (ClosenessSyncPrefsGroup *self,
                  const char              *message,
                  gboolean                 ok)
{
  self->testing = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), FALSE);
  gtk_spinner_set_spinning (self->test_spinner, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), TRUE);
  adw_action_row_set_subtitle (self->test_row, message);
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->test_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->test_row), "error");
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ClosenessSyncPrefsGroup *self = CLOSENESS_SYNC_PREFS_GROUP (source);
  Connecting *connecting = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;

  gboolean testing = self->testing;

  /* Without the network the choice shows the calendar in use only. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->listing = FALSE;
      if (testing)
        show_test_result (self, error->message, FALSE);
      return;
    }
  self->listing = FALSE;
  current = closeness_store_dup_sync_state (self->store, "calendar");
  if (current != NULL)
    fill_calendars (self, connecting->calendars);
  if (testing)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < connecting->calendars->len; i++)
        found |=
          g_strcmp0 (((ClosenessCaldavCollection *) g_ptr_array_index (connecting->calendars, i))
                       ->href,
                     current)
          == 0;
      show_test_result (self,
                        found
                          ? _("The server answers, and the calendar in use is there.")
                          : _("The server answers, but the calendar in use is gone: choose another."),
                        found);
    }
}

/* The account's calendars, looked up again when Preferences open on an
 * account set up before (its password from the Secret Service). */
static void
list_calendars (ClosenessSyncPrefsGroup *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *kept = NULL;
  Connecting *connecting;

  if (self->listing || self->store == NULL)
    return;

  connecting = g_new0 (Connecting, 1);
  connecting->server = closeness_store_dup_sync_state (self->store, "server");
  connecting->user = closeness_store_dup_sync_state (self->store, "user");
  kept = closeness_store_dup_sync_state (self->store, "password-kept");
  if (connecting->server == NULL)
    {
      connecting_free (connecting);
      return;
    }
  if (connecting->user == NULL)
    connecting->user = g_strdup ("");
  connecting->lookup_password = g_strcmp0 (kept, "1") == 0;
  connecting->password = g_strdup ("");
  connecting->list_only = TRUE;

  self->listing = TRUE;
  task = g_task_new (self, self->cancellable, listed_cb, NULL);
  g_task_set_task_data (task, connecting, (GDestroyNotify) connecting_free);
  g_task_run_in_thread (task, connect_thread);
}

/* Test Connection: the address, the password from the keyring and the
 * calendar in use, checked off the main thread, the answer in words. */
static void
test_clicked_cb (ClosenessSyncPrefsGroup *self)
{
  if (self->testing)
    return;
  self->testing = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->test_spinner), TRUE);
  gtk_spinner_set_spinning (self->test_spinner, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), FALSE);
  adw_action_row_set_subtitle (self->test_row, _("Looking for the calendars…"));
  if (self->listing)
    return;  /* the listing under way answers */
  list_calendars (self);
}

static void
calendar_selected_cb (ClosenessSyncPrefsGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *current = NULL;
  g_autofree char *message = NULL;
  guint selected = adw_combo_row_get_selected (self->calendar_row);
  const char *href, *name;

  if (self->filling || self->store == NULL || selected >= self->calendar_hrefs->len)
    return;
  href = g_ptr_array_index (self->calendar_hrefs, selected);
  current = closeness_store_dup_sync_state (self->store, "calendar");
  if (current == NULL || g_strcmp0 (href, current) == 0)
    return;

  name = gtk_string_list_get_string (self->calendar_names, selected);
  if (!closeness_store_start_sync (self->store, href, &error) ||
      !closeness_store_set_sync_state (self->store, "calendar-name", name, &error))
    {
      toast (self, error->message);
      fill_calendars (self, NULL);
      return;
    }
  /* Translators: %s is a calendar's name on the server */
  message = g_strdup_printf (_("Every evening now syncs with “%s”"), name);
  toast (self, message);
  closeness_sync_prefs_group_refresh (self);
  if (self->scheduler != NULL)
    closeness_sync_scheduler_request (self->scheduler, 0);
}

static void
sync_clicked_cb (ClosenessSyncPrefsGroup *self)
{
  if (self->scheduler != NULL)
    closeness_sync_scheduler_request (self->scheduler, 0);
  closeness_sync_prefs_group_refresh (self);
}

static void
stop_clicked_cb (ClosenessSyncPrefsGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *server = closeness_store_dup_sync_state (self->store, "server");
  g_autofree char *user = closeness_store_dup_sync_state (self->store, "user");
  g_autofree char *kept = closeness_store_dup_sync_state (self->store, "password-kept");

  if (g_strcmp0 (kept, "1") == 0 && server != NULL)
    closeness_credentials_clear (server, user != NULL ? user : "", NULL);
  if (!closeness_store_stop_sync (self->store, &error))
    {
      toast (self, error->message);
      return;
    }
  toast (self, _("The calendar no longer syncs; every evening stays here"));
  closeness_sync_prefs_group_refresh (self);
  g_signal_emit (self, signals[ACCOUNT_CHANGED], 0);
}

static void
scheduler_changed_cb (ClosenessSyncPrefsGroup *self)
{
  closeness_sync_prefs_group_refresh (self);
}

void
closeness_sync_prefs_group_set_store (ClosenessSyncPrefsGroup *self,
                                      ClosenessStore          *store,
                                      ClosenessSyncScheduler  *scheduler)
{
  g_return_if_fail (CLOSENESS_IS_SYNC_PREFS_GROUP (self));

  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  g_set_object (&self->store, store);
  g_set_object (&self->scheduler, scheduler);
  if (scheduler != NULL)
    {
      g_signal_connect_swapped (scheduler, "notify::running", G_CALLBACK (scheduler_changed_cb),
                                self);
      g_signal_connect_swapped (scheduler, "finished", G_CALLBACK (scheduler_changed_cb), self);
    }
  closeness_sync_prefs_group_refresh (self);
}

static void
closeness_sync_prefs_group_dispose (GObject *object)
{
  ClosenessSyncPrefsGroup *self = CLOSENESS_SYNC_PREFS_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->calendar_hrefs, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLOSENESS_TYPE_SYNC_PREFS_GROUP);

  G_OBJECT_CLASS (closeness_sync_prefs_group_parent_class)->dispose (object);
}

static void
closeness_sync_prefs_group_class_init (ClosenessSyncPrefsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_sync_prefs_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Closeness/closeness-sync-prefs-group.ui");
  gtk_widget_class_bind_template_child (widget_class, ClosenessSyncPrefsGroup, server_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSyncPrefsGroup, user_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSyncPrefsGroup, password_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSyncPrefsGroup, connect_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSyncPrefsGroup, connect_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSyncPrefsGroup, connect_spinner);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSyncPrefsGroup, calendar_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSyncPrefsGroup, calendar_names);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSyncPrefsGroup, status_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSyncPrefsGroup, sync_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSyncPrefsGroup, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSyncPrefsGroup, stop_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSyncPrefsGroup, test_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSyncPrefsGroup, test_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSyncPrefsGroup, test_spinner);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSyncPrefsGroup, stop_button);
  gtk_widget_class_bind_template_callback (widget_class, fields_changed_cb);

  /**
   * ClosenessSyncPrefsGroup::account-changed:
   *
   * An account was set up or stopped here.
   */
  signals[ACCOUNT_CHANGED] = g_signal_new ("account-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_bind_template_callback (widget_class, connect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, sync_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, test_clicked_cb);
}

static void
closeness_sync_prefs_group_init (ClosenessSyncPrefsGroup *self)
{
  self->cancellable = g_cancellable_new ();
  self->calendar_hrefs = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), FALSE);
  closeness_sync_prefs_group_refresh (self);
}
