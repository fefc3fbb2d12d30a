/* test-sync-prefs.c: Preferences → Calendar Sync, as a person sets it up
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "closeness-test-utils.h"
#include "sync/closeness-calendar-sync.h"
#include "sync/closeness-credentials.h"
#include "sync/closeness-sync-prefs-group.h"
#include "sync-test-server.h"

static SyncTestServer *server;

static gpointer
child (GtkWidget  *group,
       const char *name)
{
  return gtk_widget_get_template_child (group, CLOSENESS_TYPE_SYNC_PREFS_GROUP, name);
}

static gboolean
set_up_cond (gpointer user_data)
{
  return gtk_widget_get_visible (child (user_data, "status_row"));
}

static gboolean
subtitle_changed_cond (gpointer user_data)
{
  GtkWidget *group = user_data;

  return gtk_widget_get_sensitive (child (group, "connect_button")) &&
         gtk_widget_has_css_class (child (group, "connect_row"), "error");
}

typedef struct
{
  GtkWidget *group;
  guint      n;
} Calendars;

static gboolean
n_calendars_cond (gpointer user_data)
{
  Calendars *want = user_data;
  AdwComboRow *row = child (want->group, "calendar_row");

  return g_list_model_get_n_items (adw_combo_row_get_model (row)) == want->n;
}

static gboolean
test_done_cond (gpointer user_data)
{
  return gtk_widget_get_sensitive (child (user_data, "test_button")) &&
         !gtk_widget_get_visible (child (user_data, "test_spinner"));
}

static const char *
selected_calendar (GtkWidget *group)
{
  AdwComboRow *row = child (group, "calendar_row");

  return gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (row)),
                                     adw_combo_row_get_selected (row));
}

/* The number of items in the calendar at @href on the test server. */
static guint
count_items (const char *href)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessCaldavClient) client =
    closeness_caldav_client_new (sync_test_server_get_url (server), "anna", "", &error);
  g_autoptr(GPtrArray) items = NULL;

  g_assert_no_error (error);
  items = closeness_caldav_client_list (client, href, NULL, &error);
  g_assert_no_error (error);

  return items->len;
}

/* A wrong address says so in plain words, and so does a certificate no
 * one vouches for; the right address finds the calendars, makes
 * "Closeness" and shows the account; another of the account's calendars
 * can be chosen, and every evening goes there; reopened, the choice lists
 * the account's calendars again; Stop Syncing keeps every evening. */
static void
test_set_up_and_stop (void)
{
  g_autofree char *dir = g_dir_make_tmp ("closeness-syncprefs-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "closeness.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);
  g_autoptr(ClosenessEvent) event = NULL;
  g_autofree char *calendar = NULL;
  ClosenessEventInfo info = { .summary = "Stargazing", .dtstart = "2026-12-28T21:00:00",
                              .tzid = "Europe/Berlin", .duration_minutes = 60,
                              .planned_by = CLOSENESS_PLANNED_BY_BOTH };
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = g_object_new (CLOSENESS_TYPE_SYNC_PREFS_GROUP, NULL);
  const char *subtitle;

  g_autoptr(ClosenessCaldavClient) other = NULL;
  g_autofree char *family = NULL;
  SyncTestTlsServer *tls = sync_test_tls_server_start ();
  Calendars two = { group, 2 };

  g_assert_no_error (error);
  /* The account already has a calendar of the family's. */
  other = closeness_caldav_client_new (sync_test_server_get_url (server), "anna", "", &error);
  g_assert_no_error (error);
  family =
    closeness_caldav_client_make_calendar (other, "Family", CLOSENESS_CALDAV_VEVENT, NULL, &error);
  g_assert_no_error (error);
  event = closeness_store_create_event (store, &info, &error);
  g_assert_no_error (error);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  closeness_sync_prefs_group_set_store (CLOSENESS_SYNC_PREFS_GROUP (group), store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  closeness_test_wait_for_drawn (group);

  g_assert_true (gtk_widget_get_visible (child (group, "server_row")));
  g_assert_false (gtk_widget_get_visible (child (group, "status_row")));
  g_assert_false (gtk_widget_get_sensitive (child (group, "connect_button")));

  /* Nothing listens there. */
  gtk_editable_set_text (child (group, "server_row"), "http://127.0.0.1:9/");
  gtk_editable_set_text (child (group, "user_row"), "anna");
  g_assert_true (gtk_widget_get_sensitive (child (group, "connect_button")));
  g_signal_emit_by_name (child (group, "connect_button"), "clicked");
  closeness_test_wait_until (subtitle_changed_cond, group, "the connection to fail");
  subtitle = adw_action_row_get_subtitle (child (group, "connect_row"));
  g_assert_true (g_str_has_prefix (subtitle, "The server could not be reached"));
  g_assert_null (closeness_store_dup_sync_state (store, "calendar"));

  /* Plain HTTP off this computer is refused before anything is sent. */
  gtk_editable_set_text (child (group, "server_row"), "http://dav.example.org/");
  g_signal_emit_by_name (child (group, "connect_button"), "clicked");
  closeness_test_wait_until (subtitle_changed_cond, group, "the address to be refused");
  g_assert_nonnull (
    strstr (adw_action_row_get_subtitle (child (group, "connect_row")), "https://"));

  /* A certificate nobody here vouches for. */
  gtk_editable_set_text (child (group, "server_row"), sync_test_tls_server_get_url (tls));
  g_signal_emit_by_name (child (group, "connect_button"), "clicked");
  closeness_test_wait_until (subtitle_changed_cond, group, "the certificate to be refused");
  g_assert_cmpstr (adw_action_row_get_subtitle (child (group, "connect_row")), ==,
                   "The server’s certificate is not trusted: it is not signed by an authority "
                   "this computer trusts.");
  g_assert_null (closeness_store_dup_sync_state (store, "calendar"));
  sync_test_tls_server_stop (tls);

  gtk_editable_set_text (child (group, "server_row"), sync_test_server_get_url (server));
  gtk_editable_set_text (child (group, "password_row"), "harbour-lights-42");
  g_signal_emit_by_name (child (group, "connect_button"), "clicked");
  closeness_test_wait_until (set_up_cond, group, "the account to be set up");
  /* The password went to the keyring (its test double), not the database. */
  {
    g_autofree char *kept =
      closeness_credentials_lookup (sync_test_server_get_url (server), "anna", &error);
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_no_error (error);
    g_assert_cmpstr (kept, ==, "harbour-lights-42");
    g_assert_cmpstr (gtk_editable_get_text (child (group, "password_row")), ==, "");
    for (guint i = 0; i < 2; i++)
      {
        g_autofree char *file = g_strconcat (path, i == 0 ? "" : "-wal", NULL);

        g_clear_pointer (&contents, g_free);
        if (g_file_get_contents (file, &contents, &length, NULL))
          g_assert_null (g_strstr_len (contents, length, "harbour-lights"));
        else
          g_assert_true (i == 1);
      }
  }
  calendar = closeness_store_dup_sync_state (store, "calendar");
  g_assert_nonnull (calendar);
  g_assert_true (g_str_has_prefix (calendar, sync_test_server_get_url (server)));
  g_assert_false (gtk_widget_get_visible (child (group, "server_row")));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (child (group, "status_row")), "anna"));
  g_assert_cmpstr (adw_action_row_get_subtitle (child (group, "status_row")), ==, "Not synced yet");
  closeness_test_wait_until (n_calendars_cond, &two, "the account's two calendars");
  g_assert_cmpstr (selected_calendar (group), ==, "Closeness");
  {
    g_autofree char *shot = closeness_test_screenshot (window, "sync-prefs-set-up");
    g_autofree char *narrow = NULL;

    g_assert_nonnull (shot);
    closeness_test_resize (GTK_WINDOW (window), 360, 640);
    closeness_test_assert_labels_fit (window, FALSE);
    /* A problem in plain words is read in full, not cut short. */
    g_assert_true (closeness_store_set_sync_state (store, "problem",
                                                   "The server refused the user name or password.",
                                                   &error));
    closeness_sync_prefs_group_refresh (CLOSENESS_SYNC_PREFS_GROUP (group));
    closeness_test_settle ();
    closeness_test_assert_labels_fit (group, TRUE);
    narrow = closeness_test_screenshot (window, "sync-prefs-set-up-360");
    g_assert_nonnull (narrow);
  }

  /* Family instead: the evening is sent there on the next sync. */
  adw_combo_row_set_selected (child (group, "calendar_row"),
                              1 - adw_combo_row_get_selected (child (group, "calendar_row")));
  g_assert_cmpstr (selected_calendar (group), ==, "Family");
  g_free (calendar);
  calendar = closeness_store_dup_sync_state (store, "calendar");
  g_assert_cmpstr (calendar, ==, family);
  {
    g_autoptr(ClosenessCaldavClient) client =
      closeness_caldav_client_new (sync_test_server_get_url (server), "anna", "", &error);
    ClosenessSyncReport report = { 0 };

    g_assert_no_error (error);
    g_assert_cmpuint (count_items (family), ==, 0);
    g_assert_true (closeness_calendar_sync_run (store, client, &report, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (report.sent, ==, 1);
    g_assert_cmpuint (count_items (family), ==, 1);
  }

  /* Test Connection: the server answers and the calendar is there; then
   * with the server gone, it says so in plain words. */
  g_signal_emit_by_name (child (group, "test_button"), "clicked");
  closeness_test_wait_until (test_done_cond, group, "the connection test");
  g_assert_cmpstr (adw_action_row_get_subtitle (child (group, "test_row")), ==,
                   "The server answers, and the calendar in use is there.");
  g_assert_false (gtk_widget_has_css_class (child (group, "test_row"), "error"));
  {
    g_autofree char *real = closeness_store_dup_sync_state (store, "server");

    g_assert_true (closeness_store_set_sync_state (store, "server", "http://127.0.0.1:9/", &error));
    g_signal_emit_by_name (child (group, "test_button"), "clicked");
    closeness_test_wait_until (test_done_cond, group, "the failed connection test");
    g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (child (group, "test_row")),
                                     "The server could not be reached"));
    g_assert_true (gtk_widget_has_css_class (child (group, "test_row"), "error"));
    g_assert_true (closeness_store_set_sync_state (store, "server", real, &error));
  }

  /* Preferences opened again list the account's calendars again. */
  {
    GtkWidget *again_window = adw_preferences_window_new ();
    GtkWidget *again_page = adw_preferences_page_new ();
    GtkWidget *again = g_object_new (CLOSENESS_TYPE_SYNC_PREFS_GROUP, NULL);
    Calendars listed = { again, 2 };

    adw_preferences_page_add (ADW_PREFERENCES_PAGE (again_page), ADW_PREFERENCES_GROUP (again));
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (again_window),
                                ADW_PREFERENCES_PAGE (again_page));
    closeness_sync_prefs_group_set_store (CLOSENESS_SYNC_PREFS_GROUP (again), store, NULL);
    gtk_window_present (GTK_WINDOW (again_window));
    g_assert_cmpstr (selected_calendar (again), ==, "Family");
    closeness_test_wait_until (n_calendars_cond, &listed, "the calendars to be listed again");
    g_assert_cmpstr (selected_calendar (again), ==, "Family");
    gtk_window_destroy (GTK_WINDOW (again_window));
  }

  g_signal_emit_by_name (child (group, "stop_button"), "clicked");
  g_assert_null (closeness_store_dup_sync_state (store, "calendar"));
  {
    g_autofree char *kept =
      closeness_credentials_lookup (sync_test_server_get_url (server), "anna", NULL);

    g_assert_null (kept);
  }
  g_assert_true (gtk_widget_get_visible (child (group, "server_row")));
  g_assert_cmpuint (g_list_model_get_n_items (closeness_store_get_events (store)), ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!closeness_test_init_display (&argc, &argv))
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  closeness_credentials_use_memory_for_testing ();
  server = sync_test_server_start ("radicale");
  g_test_add_func ("/sync-prefs/set-up-and-stop", test_set_up_and_stop);
  status = g_test_run ();
  sync_test_server_stop (server);

  return status;
}
