/* test-reminder-notifications.c: reminders reach python3-dbusmock's
 * notification daemon, from the app and from a background service process
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs on the private session bus of dbus-run-session. GLib chooses the
 * freedesktop backend because nothing owns org.gtk.Notifications here.
 * argv[1] is the service harness, argv[2] the real closeness program.
 */

#define G_LOG_DOMAIN "closeness-reminders-test"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "closeness-test-utils.h"
#include "reminders/closeness-reminder-planner.h"
#include "reminders/closeness-reminder-service.h"

#define TEST_APP_ID     "com.example.Closeness.ReminderTest"
#define HARNESS_APP_ID  "com.example.Closeness.ReminderHarness"
#define MOCK_NAME       "org.freedesktop.Notifications"
#define MOCK_PATH       "/org/freedesktop/Notifications"

static GDBusConnection *bus;
static GSubprocess *mock;
static GApplication *app;
static const char *harness_path;
static const char *app_path;
static char *system_data_dirs;   /* XDG_DATA_DIRS from before the isolation */

/* One Notify the mock received. */
typedef struct
{
  gint64    when;
  char     *app_name;
  char     *summary;
  char     *body;
  char    **actions;
  char     *desktop_entry;
  char     *dump;   /* every argument, to look for text that must not be there */
} Notified;

static void
notified_free (Notified *n)
{
  g_free (n->app_name);
  g_free (n->summary);
  g_free (n->body);
  g_strfreev (n->actions);
  g_free (n->desktop_entry);
  g_free (n->dump);
  g_free (n);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Notified, notified_free)

static GVariant *
mock_call (const char *method,
           GVariant   *args)
{
  g_autoptr(GError) error = NULL;
  GVariant *reply;

  reply = g_dbus_connection_call_sync (bus, MOCK_NAME, MOCK_PATH, "org.freedesktop.DBus.Mock",
                                       method, args, NULL, G_DBUS_CALL_FLAGS_NONE, 5000, NULL,
                                       &error);
  g_assert_no_error (error);

  return reply;
}

/* The mock's calls of @method, oldest first. */
static GPtrArray *
get_calls (const char *method)
{
  g_autoptr(GVariant) reply = mock_call ("GetCalls", NULL);
  g_autoptr(GVariantIter) iter = NULL;
  GPtrArray *calls = g_ptr_array_new_with_free_func ((GDestroyNotify) notified_free);
  const char *name;
  GVariant *args;
  guint64 when;

  g_variant_get (reply, "(a(tsav))", &iter);
  while (g_variant_iter_next (iter, "(t&s@av)", &when, &name, &args))
    {
      Notified *n;

      if (g_strcmp0 (name, method) != 0)
        {
          g_variant_unref (args);
          continue;
        }

      n = g_new0 (Notified, 1);
      n->when = (gint64) when;
      n->dump = g_variant_print (args, FALSE);

      if (g_str_equal (method, "Notify"))
        {
          g_autoptr(GVariant) v0 = g_variant_get_child_value (args, 0);
          g_autoptr(GVariant) v3 = g_variant_get_child_value (args, 3);
          g_autoptr(GVariant) v4 = g_variant_get_child_value (args, 4);
          g_autoptr(GVariant) v5 = g_variant_get_child_value (args, 5);
          g_autoptr(GVariant) v6 = g_variant_get_child_value (args, 6);
          g_autoptr(GVariant) app_name = g_variant_get_variant (v0);
          g_autoptr(GVariant) summary = g_variant_get_variant (v3);
          g_autoptr(GVariant) body = g_variant_get_variant (v4);
          g_autoptr(GVariant) actions = g_variant_get_variant (v5);
          g_autoptr(GVariant) hints = g_variant_get_variant (v6);
          g_autoptr(GVariant) entry = NULL;

          n->app_name = g_variant_dup_string (app_name, NULL);
          n->summary = g_variant_dup_string (summary, NULL);
          n->body = g_variant_dup_string (body, NULL);
          n->actions = g_variant_dup_strv (actions, NULL);
          entry = g_variant_lookup_value (hints, "desktop-entry", G_VARIANT_TYPE_STRING);
          n->desktop_entry = entry != NULL ? g_variant_dup_string (entry, NULL) : NULL;
        }

      g_ptr_array_add (calls, n);
      g_variant_unref (args);
    }

  return calls;
}

static void
clear_calls (void)
{
  g_autoptr(GVariant) reply = mock_call ("ClearCalls", NULL);
}

static void
iterate (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
}

/* Waits (running the main loop) until the mock has @count Notify calls. */
static GPtrArray *
wait_for_notify (guint count,
                 guint timeout_s)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;

  for (;;)
    {
      GPtrArray *calls = get_calls ("Notify");

      if (calls->len >= count || g_get_monotonic_time () > end)
        return calls;

      g_ptr_array_unref (calls);
      iterate (100);
    }
}

static gboolean
strv_contains_prefix (char       **strv,
                      const char  *prefix)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (g_str_has_prefix (strv[i], prefix))
      return TRUE;

  return FALSE;
}

/* A local 'YYYY-MM-DDTHH:MM:SS' @seconds from now, and that instant. */
static char *
local_in (int     seconds,
          gint64 *instant)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, seconds);

  *instant = g_date_time_to_unix (then);
  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%S");
}

static gint64
add_event_in (ClosenessStore *store,
              const char     *summary,
              int             seconds,
              gint64         *start)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessEvent) event = NULL;
  g_autofree char *dtstart = local_in (seconds, start);
  ClosenessEventInfo info = {
    .summary = summary,
    .dtstart = dtstart,
    .tzid = "Europe/Berlin",
    .duration_minutes = 30,
    .notes = "Our secret plan",
    .planned_by = CLOSENESS_PLANNED_BY_BOTH,
  };

  event = closeness_store_create_event (store, &info, &error);
  g_assert_no_error (error);
  closeness_store_add_event_reminder (store, closeness_record_get_id (CLOSENESS_RECORD (event)), 0,
                                      &error);
  g_assert_no_error (error);

  return closeness_record_get_id (CLOSENESS_RECORD (event));
}

static char *
expected_title (gint64 start)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (start);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *time = g_date_time_format (local, "%H:%M");

  return g_strdup_printf ("Time together at %s", time);
}

/* Drops the service and waits until it is really gone (it may still wait
 * for the system bus). */
static void
drop_service (ClosenessReminderService **service)
{
  GObject *weak = G_OBJECT (*service);
  gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_object_add_weak_pointer (weak, (gpointer *) &weak);
  g_clear_object (service);
  while (weak != NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (weak);
}

static void
check_event_notification (Notified   *n,
                          const char *summary,
                          gint64      start,
                          const char *app_id)
{
  g_autofree char *title = expected_title (start);
  g_autofree char *body_start = g_strconcat (summary, "\n", NULL);

  g_assert_cmpstr (n->summary, ==, title);
  g_assert_true (g_str_has_prefix (n->body, body_start));
  g_assert_cmpstr (n->desktop_entry, ==, app_id);
  /* On time: not before the start, at most a few seconds after. */
  g_assert_cmpint (n->when, >=, start - 1);
  g_assert_cmpint (n->when, <=, start + 4);
  /* Default action, Snooze and Skip, each with its label. */
  g_assert_true (g_strv_contains ((const char * const *) n->actions, "default"));
  g_assert_true (strv_contains_prefix (n->actions, "app.snooze-reminder"));
  g_assert_true (strv_contains_prefix (n->actions, "app.skip-reminder"));
  g_assert_true (g_strv_contains ((const char * const *) n->actions, "Snooze 10 Minutes"));
  g_assert_true (g_strv_contains ((const char * const *) n->actions, "Skip Tonight"));
  /* Notes never show. */
  g_assert_null (strstr (n->dump, "secret"));
}

/* In the app */

static void
test_in_app (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ClosenessStore) store =
    closeness_test_new_store_in_tmp ("closeness-notify-XXXXXX", &dir);
  g_autoptr(ClosenessReminderService) service = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GPtrArray) closed = NULL;
  g_autoptr(ClosenessReminder) reminder = NULL;
  gint64 start, reminder_id, before;

  clear_calls ();
  service = closeness_reminder_service_new (app, store);
  closeness_reminder_service_add_actions (service, G_ACTION_MAP (app));
  g_assert_false (closeness_reminder_service_get_holding (service));

  add_event_in (store, "Stargazing", 3, &start);
  iterate (300);
  /* It sleeps until then instead of polling. */
  g_assert_cmpint (closeness_reminder_service_get_next_due (service), ==, start);

  calls = wait_for_notify (1, 10);
  g_assert_cmpuint (calls->len, ==, 1);
  check_event_notification (g_ptr_array_index (calls, 0), "Stargazing", start, TEST_APP_ID);

  /* Recorded as delivered. */
  reminder = g_list_model_get_item (closeness_store_get_reminders (store), 0);
  g_assert_cmpint (closeness_reminder_get_last_fired_at (reminder), >=, start);
  reminder_id = closeness_record_get_id (CLOSENESS_RECORD (reminder));

  /* Snooze from the notification: the notification goes, the reminder
   * comes back in ten minutes. (Let GLib get the daemon's id first, as it
   * always has by the time a person clicks.) */
  iterate (300);
  before = g_get_real_time () / G_USEC_PER_SEC;
  g_action_group_activate_action (G_ACTION_GROUP (app), "snooze-reminder",
                                  g_variant_new ("(xx)", reminder_id, start));
  iterate (300);
  g_assert_cmpint (closeness_reminder_get_snoozed_until (reminder), >=, before + 600);
  g_assert_cmpint (closeness_reminder_get_snoozed_until (reminder), <=, before + 602);
  g_assert_cmpint (closeness_reminder_service_get_next_due (service), ==,
                   closeness_reminder_get_snoozed_until (reminder));
  closed = get_calls ("CloseNotification");
  g_assert_cmpuint (closed->len, ==, 1);

  /* Skip tonight ends the snooze; nothing else rings. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "skip-reminder",
                                  g_variant_new ("(xx)", reminder_id, start));
  iterate (300);
  g_assert_cmpint (closeness_reminder_get_snoozed_until (reminder), ==, 0);
  g_assert_cmpint (closeness_reminder_service_get_next_due (service), ==, 0);

  g_action_map_remove_action (G_ACTION_MAP (app), "snooze-reminder");
  g_action_map_remove_action (G_ACTION_MAP (app), "skip-reminder");
  g_action_map_remove_action (G_ACTION_MAP (app), "background-reminders-changed");
  drop_service (&service);
}

static void
test_in_app_discreet (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ClosenessStore) store =
    closeness_test_new_store_in_tmp ("closeness-notify-XXXXXX", &dir);
  g_autoptr(ClosenessReminderService) service = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GError) error = NULL;
  Notified *n;
  gint64 start;

  clear_calls ();
  g_assert_true (closeness_store_set_state (store, CLOSENESS_STATE_DISCREET_MODE, "true", &error));
  g_assert_no_error (error);
  service = closeness_reminder_service_new (app, store);

  add_event_in (store, "Stargazing", 3, &start);
  calls = wait_for_notify (1, 10);
  g_assert_cmpuint (calls->len, ==, 1);

  n = g_ptr_array_index (calls, 0);
  g_assert_cmpstr (n->summary, ==, "A reminder from Closeness");
  g_assert_cmpstr (n->body, ==, "You have something planned.");
  g_assert_null (strstr (n->dump, "Stargazing"));
  g_assert_null (strstr (n->dump, "secret"));
  g_assert_cmpint (n->when, >=, start - 1);
  g_assert_true (strv_contains_prefix (n->actions, "app.snooze-reminder"));

  drop_service (&service);
}

static gint64 clock_offset;

static gint64
fake_real_time (gpointer user_data)
{
  return g_get_real_time () + clock_offset;
}

static gint64
fake_monotonic_time (gpointer user_data)
{
  return g_get_monotonic_time ();
}

static void
test_missed_after_jump (void)
{
  const ClosenessClock clock = { fake_real_time, fake_monotonic_time, NULL };
  g_autofree char *dir = NULL;
  g_autoptr(ClosenessStore) store =
    closeness_test_new_store_in_tmp ("closeness-notify-XXXXXX", &dir);
  g_autoptr(ClosenessReminderService) service = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GPtrArray) later = NULL;
  Notified *n;
  gint64 start;

  clear_calls ();
  clock_offset = 0;
  service = closeness_reminder_service_new (app, store);
  closeness_reminder_service_set_clock (service, &clock);

  add_event_in (store, "Walk", 3600, &start);
  add_event_in (store, "Time together", 2 * 3600, &start);
  add_event_in (store, "Board games", 3 * 3600, &start);
  iterate (300);

  /* The computer sleeps four hours: the wall clock jumps, the monotonic
   * clock does not. On waking, one summary, not three notifications. */
  clock_offset = (gint64) 4 * 3600 * G_USEC_PER_SEC;
  closeness_reminder_service_check_now (service);
  calls = wait_for_notify (1, 5);
  iterate (500);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = get_calls ("Notify");
  g_assert_cmpuint (calls->len, ==, 1);

  n = g_ptr_array_index (calls, 0);
  g_assert_cmpstr (n->summary, ==, "You missed: 3 reminders");
  g_assert_true (strv_contains_prefix (n->actions, "default"));
  g_assert_nonnull (strstr (n->body, "Walk at "));
  g_assert_nonnull (strstr (n->body, "Board games at "));
  g_assert_nonnull (strstr (n->body, "the computer was asleep"));
  g_assert_true (g_strv_contains ((const char * const *) n->actions, "Open"));

  /* Delivered once. */
  closeness_reminder_service_check_now (service);
  iterate (500);
  later = get_calls ("Notify");
  g_assert_cmpuint (later->len, ==, 1);

  drop_service (&service);
}

/* A reminder that came due while no Closeness ran is shown at the next
 * start, and says so; Open opens the evening. */
static void
test_missed_while_not_running (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(ClosenessStore) store =
    closeness_test_new_store_in_tmp ("closeness-notify-XXXXXX", &dir);
  g_autoptr(ClosenessReminderService) service = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  Notified *n;
  gint64 start;

  clear_calls ();
  clock_offset = 0;
  add_event_in (store, "Walk", -20 * 60, &start);

  service = closeness_reminder_service_new (app, store);
  closeness_reminder_service_check_now (service);
  calls = wait_for_notify (1, 5);
  g_assert_cmpuint (calls->len, ==, 1);
  n = g_ptr_array_index (calls, 0);
  g_assert_true (g_str_has_prefix (n->summary, "You missed: Walk at "));
  g_assert_cmpstr (n->body, ==, "Closeness was not running when it was due.");
  g_assert_true (g_strv_contains ((const char * const *) n->actions, "Open"));

  drop_service (&service);
}

/* In a background service process */

static gboolean
name_has_owner (const char *name)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, 5000, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);

  return owned;
}

static gboolean
wait_for_name (const char *name,
               gboolean    owned,
               guint       timeout_s)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;

  while (name_has_owner (name) != owned)
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      iterate (50);
    }

  return TRUE;
}

static gboolean
exports_action (const char *name,
                const char *object_path,
                const char *action)
{
  g_autoptr(GVariant) reply = NULL;
  g_autofree const char **actions = NULL;

  reply = g_dbus_connection_call_sync (bus, name, object_path, "org.gtk.Actions", "List", NULL,
                                       G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                       NULL, NULL);
  if (reply == NULL)
    return FALSE;

  g_variant_get (reply, "(^a&s)", &actions);
  return g_strv_contains (actions, action);
}

static void
run_background_service (const char *program,
                        const char *app_id,
                        const char *object_path)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) service = NULL;
  g_autoptr(ClosenessStore) store = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;
  Notified *n;
  gint64 start;

  if (!g_file_test (program, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("The program is not built");
      return;
    }

  clear_calls ();

  /* Both share one database: the service's default path in its own data dir. */
  data_home = g_dir_make_tmp ("closeness-service-XXXXXX", &error);
  g_assert_no_error (error);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  g_subprocess_launcher_setenv (launcher, "CLOSENESS_SKIP_WELCOME", "1", TRUE);
  /* GTK needs the system's schemas and icons. */
  if (system_data_dirs != NULL)
    g_subprocess_launcher_setenv (launcher, "XDG_DATA_DIRS", system_data_dirs, TRUE);
  service = g_subprocess_launcher_spawn (launcher, &error, program, "--gapplication-service", NULL);
  g_assert_no_error (error);

  g_assert_true (wait_for_name (app_id, TRUE, 20));

  if (!exports_action (app_id, object_path, "snooze-reminder"))
    {
      g_subprocess_send_signal (service, SIGTERM);
      g_subprocess_wait (service, NULL, NULL);
      g_test_skip ("The program does not run the reminder service yet");
      return;
    }

  {
    g_autofree char *path = g_build_filename (data_home, "closeness", "closeness.db", NULL);

    store = closeness_store_new (path, &error);
    g_assert_no_error (error);
  }

  /* An evening planned from another process (the app's window) reaches the
   * service through the database. */
  add_event_in (store, "Stargazing", 3, &start);
  calls = wait_for_notify (1, 12);
  g_assert_cmpuint (calls->len, ==, 1);
  check_event_notification (g_ptr_array_index (calls, 0), "Stargazing", start, app_id);

  /* It keeps working with no window: a second one, discreet this time. */
  g_assert_true (closeness_store_set_state (store, CLOSENESS_STATE_DISCREET_MODE, "true", &error));
  g_assert_no_error (error);
  add_event_in (store, "Picnic", 3, &start);
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = wait_for_notify (2, 12);
  g_assert_cmpuint (calls->len, ==, 2);
  n = g_ptr_array_index (calls, 1);
  g_assert_cmpstr (n->summary, ==, "A reminder from Closeness");
  g_assert_cmpstr (n->body, ==, "You have something planned.");
  g_assert_null (strstr (n->dump, "Picnic"));
  g_assert_cmpint (n->when, >=, start - 1);
  g_assert_cmpint (n->when, <=, start + 4);

  /* Still running, with no window. */
  g_assert_true (name_has_owner (app_id));

  g_subprocess_send_signal (service, SIGTERM);
  g_subprocess_wait (service, NULL, NULL);
}

static void
test_background_harness (void)
{
  run_background_service (harness_path, HARNESS_APP_ID, "/com/example/Closeness/ReminderHarness");
}

static void
test_background_real_program (void)
{
  run_background_service (app_path, APP_ID, "/com/example/Closeness");
}

/* Setup */

static const char *
skip_reason (void)
{
  g_autofree char *out = NULL;
  int status = -1;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return "no session bus (run under dbus-run-session)";

  if (!g_spawn_sync (NULL, (char *[]) { "/usr/bin/python3", "-c", "import dbusmock", NULL }, NULL,
                     G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    return "python3-dbusmock is not installed";

  return NULL;
}

static void
start_mock (void)
{
  g_autoptr(GError) error = NULL;
  const char *output = g_getenv ("CLOSENESS_TEST_OUTPUT");
  g_autofree char *log = NULL;

  /* The mock's log stays next to the other test output for a look. */
  if (output != NULL && g_mkdir_with_parents (output, 0700) == 0)
    log = g_build_filename (output, "reminders-notification-daemon.log", NULL);
  else
    log = g_build_filename (g_get_tmp_dir (), "closeness-notify-mock.log", NULL);
  int status = -1;

  g_assert_false (name_has_owner ("org.gtk.Notifications"));
  g_assert_false (name_has_owner (MOCK_NAME));

  mock = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "/usr/bin/python3", "-m", "dbusmock",
                           "--template", "notification_daemon", "-l", log, NULL);
  g_assert_no_error (error);

  g_assert_true (g_spawn_sync (NULL, (char *[]) { "gdbus", "wait", "--session", "--timeout", "20",
                                                  MOCK_NAME, NULL },
                               NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *reason;
  int ret;

  reason = skip_reason ();
  if (reason != NULL)
    {
      g_print ("1..0 # SKIP %s\n", reason);
      return 0;
    }

  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  harness_path = argc > 1 ? argv[1] : "";
  app_path = argc > 2 ? argv[2] : "";

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  start_mock ();

  app = g_application_new (TEST_APP_ID, G_APPLICATION_DEFAULT_FLAGS);
  g_application_register (app, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/reminders/notify/in-app", test_in_app);
  g_test_add_func ("/reminders/notify/in-app-discreet", test_in_app_discreet);
  g_test_add_func ("/reminders/notify/missed-after-jump", test_missed_after_jump);
  g_test_add_func ("/reminders/notify/missed-while-not-running", test_missed_while_not_running);
  g_test_add_func ("/reminders/notify/background-harness", test_background_harness);
  g_test_add_func ("/reminders/notify/background-real-program", test_background_real_program);

  ret = g_test_run ();

  g_clear_object (&app);
  g_subprocess_send_signal (mock, SIGTERM);
  g_subprocess_wait (mock, NULL, NULL);
  g_clear_object (&mock);
  g_clear_object (&bus);
  g_clear_pointer (&system_data_dirs, g_free);

  return ret;
}
