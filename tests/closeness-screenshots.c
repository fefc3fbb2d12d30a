/* closeness-screenshots.c: renders the app's pages to PNG for a person to
 * look at; build-aux/screenshots runs it. Not a test: the UI tests check
 * what these pictures show (pages fit, dark is dark, labels fit).
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pictures go to $CLOSENESS_TEST_OUTPUT (or the current folder). With
 * LANGUAGE set, the names end in the language: window-de.png, ...
 */

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-application.h"
#include "closeness-preferences-window.h"
#include "closeness-test-utils.h"
#include "closeness-welcome-window.h"
#include "calendar/closeness-calendar-page.h"
#include "closeness-window.h"
#include "conversations/closeness-prompt-library.h"
#include "printing/closeness-prompt-print-operation.h"
#include "resources/closeness-article-library.h"
#include "resources/closeness-resources-page.h"
#include "sync/closeness-couple-view.h"
#include "sync/closeness-devices-prefs-group.h"
#include "sync/closeness-sync-prefs-group.h"

static const char *
language (void)
{
  const char *value = g_getenv ("LANGUAGE");

  return value != NULL && value[0] != '\0' ? value : "en";
}

static void
shoot (GtkWidget  *widget,
       const char *name)
{
  g_autofree char *path = closeness_test_screenshot (widget, name);

  g_assert_nonnull (path);
}

static gboolean
dark_cond (gpointer style)
{
  return adw_style_manager_get_dark (style);
}

static gboolean
high_contrast_cond (gpointer style)
{
  return adw_style_manager_get_high_contrast (style);
}

/* The Conversations overview scrolled down to its deck cards
 * ("window-decks-1280"), where a long name or description shows how the
 * cards keep their size. */
static void
shoot_decks (ClosenessWindow *window,
             const char      *suffix)
{
  g_autofree char *name = g_strdup_printf ("window-decks-%s", suffix);
  GtkWidget *decks;
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;
  graphene_point_t top;

  decks = closeness_test_find_of_type (GTK_WIDGET (window), GTK_TYPE_FLOW_BOX);
  g_assert_nonnull (decks);
  scrolled = gtk_widget_get_ancestor (decks, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);
  g_assert_true (
    gtk_widget_compute_point (decks, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                              &GRAPHENE_POINT_INIT (0, 0), &top));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, top.y - 12);
  closeness_test_settle ();
  shoot (GTK_WIDGET (window), name);
  gtk_adjustment_set_value (adjustment, 0);
  closeness_test_settle ();
}

static void
shoot_pages (ClosenessWindow *window,
             const char      *suffix)
{
  for (guint i = 0; i < CLOSENESS_N_PAGES; i++)
    {
      g_autofree char *name = g_strdup_printf ("window-%s-%s", closeness_page_to_name (i), suffix);

      closeness_window_set_page (window, i);
      closeness_test_settle ();
      /* The switcher's buttons fade their highlight over 200 ms (a CSS
       * transition): a picture shows where it ends, not two pages lit.
       * (Turning animations off instead makes libadwaita's bottom
       * switcher bar allocate a box at height -1 and warn.) */
      closeness_test_iterate (300);
      shoot (GTK_WIDGET (window), name);
      if (i == CLOSENESS_PAGE_CONVERSATIONS)
        shoot_decks (window, suffix);
    }
}

/* Every page at 1280, 600, 450 and 360 px (in the language of the run:
 * "window-calendar-de-450"), then, in English, dark and high contrast at
 * 1280. */
/* Two evenings, so that the calendar shows a month and what comes up
 * rather than its empty state (the calendar's tests shoot that). */
static void
plan_evenings (void)
{
  ClosenessStore *store =
    closeness_application_get_store (CLOSENESS_APPLICATION (closeness_test_get_app ()));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%dT20:30:00");
  g_autofree char *next = g_date_time_format (tomorrow, "%Y-%m-%dT18:30:00");
  ClosenessEventInfo info = { 0, };
  g_autoptr(ClosenessEvent) series = NULL;
  g_autoptr(ClosenessEvent) walk = NULL;
  g_autoptr(GError) error = NULL;

  info.summary = _("Time together");
  info.dtstart = today;
  info.tzid = "Europe/Berlin";
  info.duration_minutes = 30;
  info.rrule = "FREQ=WEEKLY;BYDAY=MO,WE,FR";
  info.planned_by = CLOSENESS_PLANNED_BY_BOTH;
  series = closeness_store_create_event (store, &info, &error);
  g_assert_no_error (error);
  info.summary = "Walk by the river";
  info.dtstart = next;
  info.duration_minutes = 60;
  info.rrule = NULL;
  info.planned_by = CLOSENESS_PLANNED_BY_PARTNER_1;
  walk = closeness_store_create_event (store, &info, &error);
  g_assert_no_error (error);
}

static void
shoot_window (void)
{
  ClosenessWindow *window = CLOSENESS_WINDOW (closeness_test_open_main_window ());

  plan_evenings ();
  AdwStyleManager *style = adw_style_manager_get_default ();
  const int widths[] = { 1280, 600, 450, 360 };
  gboolean english = g_str_equal (language (), "en");

  for (guint s = 0; s < G_N_ELEMENTS (widths); s++)
    {
      g_autofree char *suffix = english ? g_strdup_printf ("%d", widths[s])
                                        : g_strdup_printf ("%s-%d", language (), widths[s]);

      closeness_test_resize (GTK_WINDOW (window), widths[s], widths[s] > 500 ? 800 : 640);
      /* The header's switcher fades into the title when it no longer fits. */
      closeness_test_iterate (600);
      shoot_pages (window, suffix);
    }
  if (!english)
    {
      closeness_test_close_all ();
      return;
    }

  closeness_test_resize (GTK_WINDOW (window), 1280, 800);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  closeness_test_wait_until (dark_cond, style, "the dark style");
  shoot_pages (window, "dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  if (g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                       "org.gnome.desktop.a11y.interface", TRUE) != NULL)
    {
      g_autoptr(GSettings) a11y = g_settings_new ("org.gnome.desktop.a11y.interface");

      g_settings_set_boolean (a11y, "high-contrast", TRUE);
      closeness_test_wait_until (high_contrast_cond, style, "high contrast");
      shoot_pages (window, "hc");
      g_settings_reset (a11y, "high-contrast");
    }

  closeness_test_close_all ();
}

/* The calendar's week, with the evenings of plan_evenings(), at every
 * width ("calendar-week-600"). */
static void
shoot_week (void)
{
  ClosenessWindow *window = CLOSENESS_WINDOW (closeness_test_open_main_window ());
  const int widths[] = { 1280, 600, 360 };
  GtkWidget *page;

  plan_evenings ();
  closeness_window_set_page (window, CLOSENESS_PAGE_CALENDAR);
  closeness_test_settle ();
  page = closeness_test_find_of_type (GTK_WIDGET (window), CLOSENESS_TYPE_CALENDAR_PAGE);
  g_assert_nonnull (page);
  gtk_widget_activate_action (page, "calendar.view", "s", "week");
  for (guint s = 0; s < G_N_ELEMENTS (widths); s++)
    {
      g_autofree char *name = g_strdup_printf ("calendar-week-%d", widths[s]);

      closeness_test_resize (GTK_WINDOW (window), widths[s], widths[s] > 500 ? 800 : 640);
      closeness_test_iterate (600);
      /* A narrow window shows what comes up first; the week is a button away. */
      if (widths[s] < 500)
        {
          GObject *toggle =
            gtk_widget_get_template_child (page, CLOSENESS_TYPE_CALENDAR_PAGE, "month_toggle");

          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
          closeness_test_iterate (600);
        }
      shoot (GTK_WIDGET (window), name);
    }
  gtk_widget_activate_action (page, "calendar.view", "s", "month");
  closeness_test_close_all ();
}

static void
shoot_dialogs (void)
{
  const struct { const char *action; GType (*get_type) (void); } dialogs[] = {
    { "about", adw_about_window_get_type },
    { "preferences", closeness_preferences_window_get_type },
    { "shortcuts", gtk_shortcuts_window_get_type },
  };

  closeness_test_open_main_window ();
  for (guint i = 0; i < G_N_ELEMENTS (dialogs); i++)
    {
      g_autofree char *name = g_strdup_printf ("dialog-%s", dialogs[i].action);
      GtkWindow *dialog;

      g_action_group_activate_action (G_ACTION_GROUP (closeness_test_get_app ()),
                                      dialogs[i].action, NULL);
      dialog = closeness_test_wait_for_window (dialogs[i].get_type ());
      shoot (GTK_WIDGET (dialog), name);
      gtk_window_destroy (dialog);
      closeness_test_wait_for_window_gone (dialogs[i].get_type ());
    }
  closeness_test_close_all ();
}

/* The Cards tab of the print dialog, opened from a deck. */
static void
shoot_print_tab (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) store = closeness_store_new (NULL, &error);
  g_autoptr(ClosenessPrintSelection) selection = closeness_print_selection_new ();
  g_autoptr(ClosenessPromptPrintOperation) operation = NULL;
  GListModel *decks;
  GtkWidget *window;

  g_assert_no_error (error);
  g_assert_true (closeness_prompt_library_sync (store, &error));
  decks = closeness_store_get_decks (store);
  {
    g_autoptr(ClosenessDeck) deck = g_list_model_get_item (decks, 0);

    closeness_print_selection_add_deck (selection,
                                        closeness_record_get_id (CLOSENESS_RECORD (deck)));
  }
  operation = closeness_prompt_print_operation_new (store, selection);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 640, -1);
  gtk_window_set_child (GTK_WINDOW (window),
                        GTK_PRINT_OPERATION_GET_CLASS (operation)->create_custom_widget (
                          GTK_PRINT_OPERATION (operation)));
  gtk_window_present (GTK_WINDOW (window));
  closeness_test_wait_for_drawn (window);
  shoot (window, "dialog-print-cards-tab");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The first start of a new couple. */
static void
shoot_welcome (void)
{
  g_unsetenv ("CLOSENESS_SKIP_WELCOME");
  g_application_activate (closeness_test_get_app ());
  shoot (GTK_WIDGET (closeness_test_wait_for_window (CLOSENESS_TYPE_WELCOME_WINDOW)), "welcome");
  closeness_test_close_all ();
  g_setenv ("CLOSENESS_SKIP_WELCOME", "1", TRUE);
}

static gpointer
resources_child (ClosenessResourcesPage *page,
                 const char             *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (page), CLOSENESS_TYPE_RESOURCES_PAGE, name);
}

static gboolean
list_empty_cond (gpointer list_stack)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (list_stack), "empty") == 0;
}

/* The Resources page wide and narrow, and the safety note in the language
 * of the run, further down too. */
static void
shoot_resources (void)
{
  ClosenessWindow *window = CLOSENESS_WINDOW (closeness_test_open_main_window ());
  ClosenessResourcesPage *page;
  GtkAdjustment *adjustment;
  g_autofree char *name = NULL;

  closeness_test_resize (GTK_WINDOW (window), 1280, 800);
  closeness_window_open_article (window, CLOSENESS_ARTICLE_SAFETY_NOTE);
  page = CLOSENESS_RESOURCES_PAGE (adw_bin_get_child (ADW_BIN (gtk_widget_get_template_child (
    GTK_WIDGET (window), CLOSENESS_TYPE_WINDOW, "resources_bin"))));
  name = g_strdup_printf ("resources-safety-note-%s-1280", language ());
  shoot (GTK_WIDGET (window), name);
  g_clear_pointer (&name, g_free);

  g_assert_true (closeness_resources_page_show_article (page, "finding-a-therapist"));
  shoot (GTK_WIDGET (window), "resources-article-1280");

  gtk_editable_set_text (resources_child (page, "search_entry"), "xylophonequark");
  closeness_test_wait_until (list_empty_cond, resources_child (page, "list_stack"),
                             "the search to find nothing");
  shoot (GTK_WIDGET (window), "resources-no-results-1280");
  g_signal_emit_by_name (resources_child (page, "search_entry"), "stop-search");

  closeness_test_resize (GTK_WINDOW (window), 360, 720);
  g_assert_true (closeness_resources_page_show_article (page, CLOSENESS_ARTICLE_SAFETY_NOTE));
  name = g_strdup_printf ("resources-safety-note-%s-360", language ());
  shoot (GTK_WIDGET (window), name);
  g_clear_pointer (&name, g_free);

  adjustment = gtk_scrolled_window_get_vadjustment (resources_child (page, "article_scroller"));
  gtk_adjustment_set_value (adjustment, 650);
  closeness_test_settle ();
  name = g_strdup_printf ("resources-safety-note-%s-360-lower", language ());
  shoot (GTK_WIDGET (window), name);

  g_signal_emit_by_name (resources_child (page, "back_button"), "clicked");
  closeness_test_settle ();
  shoot (GTK_WIDGET (window), "resources-list-360");

  closeness_test_close_all ();
}

/* The window at 1280 px in the language of the run. */
static void
shoot_translated (void)
{
  ClosenessWindow *window = CLOSENESS_WINDOW (closeness_test_open_main_window ());
  g_autofree char *name = g_strdup_printf ("window-%s", language ());

  g_autofree char *narrow = g_strdup_printf ("window-%s-360", language ());

  closeness_test_resize (GTK_WINDOW (window), 1280, 800);
  shoot (GTK_WIDGET (window), name);
  closeness_test_resize (GTK_WINDOW (window), 360, 720);
  g_test_message ("%s: the window is %d px wide at 360", language (),
                  gtk_widget_get_width (GTK_WIDGET (window)));
  /* The header's switcher fades into the title: a picture for eyes, after it. */
  closeness_test_iterate (600);
  shoot (GTK_WIDGET (window), narrow);
  closeness_test_close_all ();
}

/* @group alone in a Preferences window, 640 px wide and at 360. */
static void
shoot_preferences_group (GtkWidget  *group,
                         int         height,
                         const char *wide,
                         const char *narrow)
{
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page = adw_preferences_page_new ();

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, height);
  gtk_window_present (GTK_WINDOW (window));
  closeness_test_wait_for_drawn (group);
  shoot (window, wide);
  closeness_test_resize (GTK_WINDOW (window), 360, height);
  shoot (window, narrow);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Preferences → Calendar Sync before and after setting it up, at 640 and
 * 360 px, in the language of the run. The account is one on this computer
 * that does not answer: the calendar choice shows the calendar in use. */
static void
shoot_sync_prefs (void)
{
  /* In the test's own folders, which GLib removes afterwards. */
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "sync-prefs.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);

  g_assert_no_error (error);
  for (guint state = 0; state < 2; state++)
    {
      GtkWidget *group = g_object_new (CLOSENESS_TYPE_SYNC_PREFS_GROUP, NULL);
      const char *what = state == 0 ? "form" : "set-up";
      g_autofree char *wide = g_strdup_printf ("sync-prefs-%s-%s", what, language ());
      g_autofree char *narrow = g_strdup_printf ("sync-prefs-%s-%s-360", what, language ());

      if (state == 1)
        {
          g_assert_true (
            closeness_store_start_sync (store, "http://127.0.0.1:9/anna/closeness/", &error));
          g_assert_true (
            closeness_store_set_sync_state (store, "calendar-name", "Closeness", &error));
          g_assert_true (
            closeness_store_set_sync_state (store, "server", "https://dav.example.org", &error));
          g_assert_true (closeness_store_set_sync_state (store, "user", "anna", &error));
          g_assert_true (
            closeness_store_set_sync_state (store, "problem",
                                            _("The server refused the user name or password."),
                                            &error));
        }
      closeness_sync_prefs_group_set_store (CLOSENESS_SYNC_PREFS_GROUP (group), store, NULL);
      shoot_preferences_group (group, 560, wide, narrow);
    }
}

/* Preferences → Your Devices waiting for approval, and set up with three
 * computers, one asking to join, at 640 and 360 px. */
static void
shoot_devices_prefs (void)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "devices-prefs.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);
  gint64 now_ms = g_get_real_time () / 1000;

  /* The list is read again from the server on opening: not here. */
  g_setenv ("CLOSENESS_PROGRAM", "/bin/true", TRUE);
  g_assert_no_error (error);
  g_assert_true (
    closeness_store_set_sync_state (store, "server", "https://dav.example.org", &error));
  for (guint state = 0; state < 2; state++)
    {
      g_autoptr(ClosenessCoupleView) view = closeness_couple_view_new (
        state == 0 ? CLOSENESS_COUPLE_STATUS_WAITING : CLOSENESS_COUPLE_STATUS_MEMBER);
      GtkWidget *group = g_object_new (CLOSENESS_TYPE_DEVICES_PREFS_GROUP, NULL);
      const char *what = state == 0 ? "waiting" : "member";
      g_autofree char *wide = g_strdup_printf ("devices-prefs-%s-%s", what, language ());
      g_autofree char *narrow = g_strdup_printf ("devices-prefs-%s-%s-360", what, language ());

      g_free (view->fingerprint);
      view->fingerprint = g_strdup ("4821 0937 5512 7730 1186 2049");
      view->partner = CLOSENESS_DEVICE_PARTNER_FIRST;
      if (state == 1)
        {
          g_free (view->approver);
          view->approver = g_strdup ("3307 6620 0415 9981 2274 5530");
          closeness_couple_view_add (view->devices, "3307 6620 0415 9981 2274 5530",
                                     "living-room-laptop", CLOSENESS_DEVICE_PARTNER_BOTH, FALSE,
                                     now_ms - 3 * 60 * 1000);
          closeness_couple_view_add (view->devices, "4821 0937 5512 7730 1186 2049",
                                     "annika-thinkpad", CLOSENESS_DEVICE_PARTNER_FIRST, TRUE,
                                     now_ms);
          closeness_couple_view_add (view->devices, "9054 1178 6630 2245 8816 0391", "",
                                     CLOSENESS_DEVICE_PARTNER_SECOND, FALSE,
                                     now_ms - 8 * 24 * 3600 * 1000ll);
          closeness_couple_view_add (view->requests, "1290 4471 0083 6652 9917 3048", "",
                                     CLOSENESS_DEVICE_PARTNER_FIRST, FALSE, 0);
          closeness_couple_view_add (view->recovery_codes, "7702 5519 3386 0045 6621 9873", "",
                                     CLOSENESS_DEVICE_PARTNER_FIRST, FALSE, 0);
        }
      g_assert_true (closeness_couple_view_save (view, store, &error));
      closeness_devices_prefs_group_set_store (CLOSENESS_DEVICES_PREFS_GROUP (group), store, NULL);
      shoot_preferences_group (group, 720, wide, narrow);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("CLOSENESS_SKIP_WELCOME", "1", TRUE);

  if (!closeness_test_init_display (&argc, &argv))
    {
      g_printerr ("No display: run build-aux/screenshots, or this under xvfb-run\n");
      return 1;
    }

  g_test_add_func ("/screenshots/window", shoot_window);
  g_test_add_func ("/screenshots/week", shoot_week);
  g_test_add_func ("/screenshots/dialogs", shoot_dialogs);
  g_test_add_func ("/screenshots/print-tab", shoot_print_tab);
  g_test_add_func ("/screenshots/welcome", shoot_welcome);
  g_test_add_func ("/screenshots/resources", shoot_resources);
  g_test_add_func ("/screenshots/translated", shoot_translated);
  g_test_add_func ("/screenshots/sync-prefs", shoot_sync_prefs);
  g_test_add_func ("/screenshots/devices-prefs", shoot_devices_prefs);

  return g_test_run ();
}
