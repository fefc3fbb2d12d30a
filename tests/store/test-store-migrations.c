/* test-store-migrations.c: every earlier schema version opens and keeps its
 * data; a newer one is refused and left byte for byte untouched.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store-test"

#include "config.h"

#include <fcntl.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store-test-utils.h"
#include "store/closeness-store-private.h"

static char *
make_db_from_fixture (const char *fixture)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *sql_path = g_build_filename (STORE_FIXTURES_DIR, fixture, NULL);
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;

  g_assert_true (g_file_get_contents (sql_path, &sql, NULL, NULL));
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  return g_steal_pointer (&path);
}

static gint64
count_rows (ClosenessStore *store,
            const char     *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (_closeness_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

static void
assert_integrity (ClosenessStore *store)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_closeness_store_get_db (store), "PRAGMA integrity_check",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (_closeness_store_get_db (store), "PRAGMA foreign_key_check",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* The checked-in version-1 fixture: everything in it survives. */
static void
test_from_v1_fixture (void)
{
  g_autofree char *path = make_db_from_fixture ("closeness-v1.sql");
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) store = NULL;
  g_autoptr(ClosenessPartner) alex = NULL;
  g_autoptr(ClosenessActivity) piano = NULL;
  g_autoptr(GListModel) answers = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autofree char *note = NULL;
  g_autofree char *state = NULL;
  GListModel *prompts;

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_null (closeness_store_get_recovery_report (store));
  g_assert_cmpint (closeness_store_get_schema_version (store), ==, CLOSENESS_STORE_SCHEMA_VERSION);
  assert_integrity (store);

  alex = g_list_model_get_item (closeness_store_get_partners (store), 0);
  g_assert_cmpstr (closeness_partner_get_name (alex), ==, "Alex");
  g_assert_cmpstr (closeness_partner_get_color (alex), ==, "#336699");
  state = closeness_store_dup_state (store, "welcome-done");
  g_assert_cmpstr (state, ==, "true");

  g_assert_cmpuint (g_list_model_get_n_items (closeness_store_get_decks (store)), ==, 2);
  prompts = closeness_store_get_prompts (store);
  g_assert_cmpuint (g_list_model_get_n_items (prompts), ==, 2);
  {
    g_autoptr(ClosenessPrompt) first = g_list_model_get_item (prompts, 0);
    g_autoptr(ClosenessPrompt) second = g_list_model_get_item (prompts, 1);

    g_assert_cmpint (closeness_prompt_get_answered_mask (first), ==, 3);
    g_assert_cmpstr (closeness_prompt_get_last_discussed (first), ==, "2023-11-14");
    g_assert_true (closeness_prompt_get_favourite (second));
    g_assert_cmpstr (closeness_prompt_get_follow_up (second), ==, "Why there?");
  }

  answers = closeness_store_get_answers (store, 1);
  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 2);
  note = closeness_store_dup_note (store, 1);
  g_assert_cmpstr (note, ==, "Talk about the summer");

  g_assert_cmpuint (g_list_model_get_n_items (closeness_store_get_events (store)), ==, 1);
  {
    g_autoptr(ClosenessEvent) event = g_list_model_get_item (closeness_store_get_events (store), 0);

    g_assert_cmpstr (closeness_event_get_uid (event), ==, "ev1@closeness");
    g_assert_cmpstr (closeness_event_get_tzid (event), ==, "Europe/Berlin");
    g_assert_true (g_str_has_prefix (closeness_event_get_ical_raw (event), "BEGIN:VEVENT\r\n"));
    g_assert_cmpint (closeness_event_get_deck_id (event), ==, 1);
  }

  /* New in version 2: reminders are enabled, activities not archived */
  g_assert_cmpuint (g_list_model_get_n_items (closeness_store_get_reminders (store)), ==, 2);
  {
    g_autoptr(ClosenessReminder) reminder =
      g_list_model_get_item (closeness_store_get_reminders (store), 1);

    g_assert_true (closeness_reminder_get_enabled (reminder));
    g_assert_cmpstr (closeness_reminder_get_time_of_day (reminder), ==, "07:30");
  }
  piano = g_list_model_get_item (closeness_store_get_activities (store), 1);
  g_assert_cmpstr (closeness_activity_get_name (piano), ==, "Piano");
  g_assert_true (closeness_activity_get_is_private (piano));
  g_assert_false (closeness_activity_get_archived (piano));

  entries = closeness_store_get_entries (store, 1, "2023-01-01", "2023-12-31");
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 2);
  g_assert_cmpint (count_rows (store, "selfcare_entries"), ==, 3);
  g_assert_cmpint (count_rows (store, "prompt_seen"), ==, 0);

  /* And it is writable at the new version */
  g_assert_true (closeness_store_mark_seen (store, 1, "2023-11-20", &error));
  g_assert_no_error (error);
}

static gboolean
has_index (ClosenessStore *store,
           const char     *name)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  g_assert_cmpint (sqlite3_prepare_v2 (_closeness_store_get_db (store),
                                       "SELECT 1 FROM sqlite_schema WHERE type = 'index' AND name = ?",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);

  return found;
}

static gint64
utc (int year,
     int month,
     int day)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (year, month, day, 0, 0, 0);

  return g_date_time_to_unix (time);
}

/* The checked-in version-2 fixture: everything in it survives, and the
 * windowed query of version 3 finds its events. */
static void
test_from_v2_fixture (void)
{
  g_autofree char *path = make_db_from_fixture ("closeness-v2.sql");
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) store = NULL;
  g_autoptr(ClosenessActivity) exercise = NULL;
  g_autoptr(ClosenessReminder) reminder = NULL;
  g_autoptr(GPtrArray) march = NULL;
  g_autoptr(GPtrArray) november = NULL;
  g_autoptr(GArray) seen = NULL;
  GListModel *events;

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_null (closeness_store_get_recovery_report (store));
  g_assert_cmpint (closeness_store_get_schema_version (store), ==, CLOSENESS_STORE_SCHEMA_VERSION);
  assert_integrity (store);
  g_assert_true (has_index (store, "events_series_by_start"));
  g_assert_true (has_index (store, "events_by_start"));

  /* Version 2's own data */
  seen = closeness_store_dup_seen_since (store, "2024-01-01");
  g_assert_cmpuint (seen->len, ==, 1);
  exercise = g_list_model_get_item (closeness_store_get_activities (store), 0);
  g_assert_true (closeness_activity_get_archived (exercise));
  reminder = g_list_model_get_item (closeness_store_get_reminders (store), 1);
  g_assert_false (closeness_reminder_get_enabled (reminder));
  g_assert_cmpint (count_rows (store, "reminders"), ==, 3);
  g_assert_cmpint (count_rows (store, "selfcare_entries"), ==, 3);

  events = closeness_store_get_events (store);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 4);
  {
    g_autoptr(ClosenessEvent) walk = g_list_model_get_item (events, 2);

    g_assert_cmpstr (closeness_event_get_uid (walk), ==, "ev3@closeness");
    g_assert_cmpstr (closeness_event_get_rrule (walk), ==, "FREQ=WEEKLY;UNTIL=20240302T150000Z");
    g_assert_cmpstr (closeness_event_get_exdates (walk), ==, "2024-01-13T10:00:00");
    g_assert_cmpstr (closeness_event_get_etag (walk), ==, "etag-3");
    g_assert_cmpstr (closeness_event_get_href (walk), ==, "/cal/ev3.ics");
  }

  /* March 2024: the daily series of 2023, the walks (until 2 March) and
   * the picnic; the edited occurrence of November 2023 is not near. */
  march = closeness_store_query_events (store, utc (2024, 3, 1), utc (2024, 4, 1), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (march->len, ==, 3);
  g_assert_cmpstr (closeness_event_get_uid (g_ptr_array_index (march, 0)), ==, "ev1@closeness");
  g_assert_cmpstr (closeness_event_get_uid (g_ptr_array_index (march, 1)), ==, "ev3@closeness");
  g_assert_cmpstr (closeness_event_get_uid (g_ptr_array_index (march, 2)), ==, "ev4@closeness");

  /* November 2023: the series with its edited occurrence */
  november = closeness_store_query_events (store, utc (2023, 11, 1), utc (2023, 12, 1), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (november->len, ==, 2);
  g_assert_cmpint (closeness_record_get_id (g_ptr_array_index (november, 0)), ==, 1);
  g_assert_cmpint (closeness_record_get_id (g_ptr_array_index (november, 1)), ==, 2);

  /* And it is writable at the new version */
  {
    ClosenessEventInfo info = { .uid = "ev5@closeness", .summary = "Dinner",
                                .dtstart = "2024-03-15T19:00:00", .tzid = "Europe/Berlin",
                                .duration_minutes = 90, .planned_by = CLOSENESS_PLANNED_BY_BOTH };
    guint added = 0;

    g_assert_true (closeness_store_add_events (store, &info, 1, NULL, &added, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (added, ==, 1);
  }
}

/* A database made by version 5 (the shipped steps up to it), with
 * activities of each goal and their entries. */
static char *
make_v5_db (void)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (_closeness_store_migrate (db, 5, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO activities (id, name, owner, goal_kind, goal_count, position, "
                                 "  created_at, updated_at, archived_at) VALUES "
                                 "  (1, 'Walk', 2, 0, 1, 2, 0, 0, NULL),"
                                 "  (2, 'Swim', 0, 1, 3, 1, 0, 0, NULL),"
                                 "  (3, 'Paint', 1, 2, 4, 3, 0, 0, 1700000000);"
                                 "INSERT INTO selfcare_entries (activity_id, slot, day, kind, note, updated_at) VALUES "
                                 "  (1, 0, '2025-03-01', 0, 'kept', 0),"
                                 "  (1, 1, '2025-03-01', 1, '', 0),"
                                 "  (2, 0, '2025-03-02', 0, '', 0),"
                                 "  (3, 1, '2025-03-03', 0, '', 0);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  return g_steal_pointer (&path);
}

static ClosenessActivity *
dup_activity (ClosenessStore *store,
              gint64          id)
{
  return closeness_record_list_lookup (CLOSENESS_RECORD_LIST (
                                         closeness_store_get_activities (store)),
                                       id, NULL);
}

/* Version 6: every row of version 5 is kept; ticked activities, daily
 * goals every day, weekly and monthly ones without an interval; the order
 * and the archive as they were; entries without an amount. */
static void
test_from_v5 (void)
{
  g_autofree char *path = make_v5_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) store = NULL;
  g_autoptr(GListModel) entries = NULL;
  GListModel *activities;

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (closeness_store_get_schema_version (store), ==, CLOSENESS_STORE_SCHEMA_VERSION);
  assert_integrity (store);
  g_assert_true (has_index (store, "selfcare_entries_days"));
  g_assert_cmpint (count_rows (store, "activities"), ==, 3);
  g_assert_cmpint (count_rows (store, "selfcare_entries"), ==, 4);

  activities = closeness_store_get_activities (store);
  g_assert_cmpuint (g_list_model_get_n_items (activities), ==, 3);
  {
    g_autoptr(ClosenessActivity) first = g_list_model_get_item (activities, 0);
    ClosenessActivity *walk = dup_activity (store, 1);
    ClosenessActivity *swim = dup_activity (store, 2);
    ClosenessActivity *paint = dup_activity (store, 3);

    /* Ordered by position, as before */
    g_assert_true (first == swim);
    g_assert_cmpint (closeness_activity_get_kind (walk), ==, CLOSENESS_ACTIVITY_YES_NO);
    g_assert_cmpstr (closeness_activity_get_unit (walk), ==, "");
    g_assert_cmpfloat (closeness_activity_get_target (walk), ==, 0);
    g_assert_cmpint (closeness_activity_get_interval_days (walk), ==, 1);
    g_assert_cmpint (closeness_activity_get_interval_days (swim), ==, 0);
    g_assert_cmpint (closeness_activity_get_goal_count (swim), ==, 3);
    g_assert_cmpint (closeness_activity_get_interval_days (paint), ==, 0);
    g_assert_true (closeness_activity_get_archived (paint));
    g_assert_false (closeness_activity_get_archived (walk));
  }

  entries = closeness_store_get_entries (store, 1, "2025-01-01", "2025-12-31");
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 2);
  {
    g_autoptr(ClosenessEntry) entry = g_list_model_get_item (entries, 0);

    g_assert_cmpstr (closeness_entry_get_note (entry), ==, "kept");
    g_assert_cmpfloat (closeness_entry_get_value (entry), ==, -1);
  }

  /* And it takes what version 6 brings */
  {
    ClosenessActivityInfo info = { .name = "Read", .owner = CLOSENESS_OWNER_PARTNER_1,
                                   .goal_kind = CLOSENESS_GOAL_DAILY, .goal_count = 1,
                                   .kind = CLOSENESS_ACTIVITY_MEASURABLE, .unit = "pages",
                                   .target = 20, .interval_days = 2 };
    g_autoptr(ClosenessActivity) read = closeness_store_create_activity (store, &info, &error);
    ClosenessEntryInfo entry = { closeness_record_get_id (CLOSENESS_RECORD (read)), 0, "2025-03-04",
                                 CLOSENESS_ENTRY_DONE, NULL, TRUE, 12.5 };
    g_autoptr(ClosenessEntry) stored = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (closeness_activity_get_interval_days (read), ==, 2);
    g_assert_cmpstr (closeness_activity_get_unit (read), ==, "pages");
    g_assert_cmpint (closeness_store_log_entry (store, &entry, &error), >, 0);
    g_assert_no_error (error);
    stored = closeness_store_dup_entry (store, entry.activity_id, 0, "2025-03-04");
    g_assert_cmpfloat (closeness_entry_get_value (stored), ==, 12.5);
  }
}

/* A version-5 file imports (brought to version 6 on the way), and an
 * export of version 6 with amounts, units, targets and intervals comes
 * back whole. */
static void
test_v6_import_round_trip (void)
{
  g_autofree char *v5_path = make_v5_db ();
  g_autofree char *path = store_test_new_db_path ();
  g_autofree char *export_path = g_build_filename (g_get_user_data_dir (), "v6.closeness", NULL);
  g_autoptr(GFile) v5_file = g_file_new_for_path (v5_path);
  g_autoptr(GFile) export_file = g_file_new_for_path (export_path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) store = NULL;
  ClosenessActivityInfo info = { .name = "Run", .owner = CLOSENESS_OWNER_BOTH,
                                 .goal_kind = CLOSENESS_GOAL_DAILY, .goal_count = 1,
                                 .kind = CLOSENESS_ACTIVITY_MEASURABLE, .unit = "km",
                                 .target = 5, .interval_days = 3 };
  g_autoptr(ClosenessActivity) run = NULL;
  g_autoptr(ClosenessEntry) entry = NULL;
  gint64 run_id;

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);

  /* Version 5's file: its rows arrive, at version 6 */
  closeness_store_import_async (store, v5_file, NULL, store_test_result_cb, &result);
  g_assert_true (closeness_store_import_finish (store, store_test_wait (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (count_rows (store, "selfcare_entries"), ==, 4);
  {
    ClosenessActivity *walk = dup_activity (store, 1);

    g_assert_nonnull (walk);
    g_assert_cmpint (closeness_activity_get_interval_days (walk), ==, 1);
  }

  run = closeness_store_create_activity (store, &info, &error);
  g_assert_no_error (error);
  run_id = closeness_record_get_id (CLOSENESS_RECORD (run));
  {
    ClosenessEntryInfo entries[] = {
      { run_id, 0, "2025-04-01", CLOSENESS_ENTRY_DONE, "", TRUE, 6.25 },
      { run_id, 1, "2025-04-01", CLOSENESS_ENTRY_REST, "", FALSE, 0 },
    };

    g_assert_true (closeness_store_add_entries (store, entries, G_N_ELEMENTS (entries), NULL, NULL,
                                                &error));
    g_assert_no_error (error);
  }

  closeness_store_export_async (store, export_file, NULL, store_test_result_cb, &result);
  g_assert_true (closeness_store_export_finish (store, store_test_wait (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  /* Changed here, then the export brought back */
  g_assert_true (closeness_store_remove_entry (store, run_id, 0, "2025-04-01", &error));
  closeness_store_import_async (store, export_file, NULL, store_test_result_cb, &result);
  g_assert_true (closeness_store_import_finish (store, store_test_wait (&result), &error));
  g_assert_no_error (error);

  run = g_object_ref (dup_activity (store, run_id));
  g_assert_cmpint (closeness_activity_get_kind (run), ==, CLOSENESS_ACTIVITY_MEASURABLE);
  g_assert_cmpstr (closeness_activity_get_unit (run), ==, "km");
  g_assert_cmpfloat (closeness_activity_get_target (run), ==, 5);
  g_assert_cmpint (closeness_activity_get_interval_days (run), ==, 3);
  entry = closeness_store_dup_entry (store, run_id, 0, "2025-04-01");
  g_assert_nonnull (entry);
  g_assert_cmpfloat (closeness_entry_get_value (entry), ==, 6.25);
  g_clear_object (&entry);
  entry = closeness_store_dup_entry (store, run_id, 1, "2025-04-01");
  g_assert_cmpfloat (closeness_entry_get_value (entry), ==, -1);
}

/* Every version this build knows, made by running the shipped steps up to
 * it, opens and reaches the current one. */
static void
test_from_every_version (void)
{
  for (int version = 0; version < CLOSENESS_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *path = store_test_new_db_path ();
      g_autofree char *dir = g_path_get_dirname (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(ClosenessStore) store = NULL;
      sqlite3 *db = NULL;

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_true (_closeness_store_migrate (db, version, &error));
      g_assert_no_error (error);
      if (version >= 1)
        g_assert_cmpint (sqlite3_exec (db, "UPDATE partners SET name = 'Kept' WHERE slot = 1",
                                       NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      store = closeness_store_new (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (closeness_store_get_schema_version (store), ==,
                       CLOSENESS_STORE_SCHEMA_VERSION);
      assert_integrity (store);

      if (version >= 1)
        {
          g_autoptr(ClosenessPartner) partner =
            g_list_model_get_item (closeness_store_get_partners (store), 1);

          g_assert_cmpstr (closeness_partner_get_name (partner), ==, "Kept");
        }
    }
}

static void
check_refused_untouched (gboolean wal)
{
  g_autofree char *path = make_db_from_fixture ("closeness-v1.sql");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal_path = g_strconcat (path, "-wal", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  ClosenessStore *store;
  sqlite3 *db = NULL;
  g_autofree char *sql =
    g_strdup_printf ("PRAGMA user_version = %d", CLOSENESS_STORE_SCHEMA_VERSION + 1);
  const char *name;
  guint n_files = 0;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  if (wal)
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), ==,
                     SQLITE_OK);
  sqlite3_close (db);

  before = store_test_checksum_file (path);

  store = closeness_store_new (path, &error);
  g_assert_null (store);
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_TOO_NEW);
  g_assert_true (strstr (error->message, "newer") != NULL);

  after = store_test_checksum_file (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal_path, G_FILE_TEST_EXISTS));

  /* Nothing moved aside, no backup made */
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)))
    {
      g_assert_false (strstr (name, "corrupt") != NULL);
      g_assert_cmpstr (name, !=, "backups");
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 1);
}

static void
test_newer_refused (void)
{
  check_refused_untouched (FALSE);
  check_refused_untouched (TRUE);
}

static void
test_foreign_database_refused (void)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  ClosenessStore *store;
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE t (x); INSERT INTO t VALUES (1); PRAGMA user_version = 1",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  before = store_test_checksum_file (path);

  store = closeness_store_new (path, &error);
  g_assert_null (store);
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_FAILED);
  after = store_test_checksum_file (path);
  g_assert_cmpstr (before, ==, after);
}

/* A file that is about to be migrated is checked first, also when the
 * application defers the check: a damaged one is repaired before anything
 * is written to it. */
static void
test_damaged_old_file_checked_first (void)
{
  g_autofree char *path = make_db_from_fixture ("closeness-v2.sql");
  g_autoptr(GError) error = NULL;
  gint64 root = store_test_root_page (path, "prompts");
  ClosenessStore *store;
  int fd;

  /* The b-tree page's type byte: no valid page has 0x7f there */
  fd = open (path, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, "\x7f", 1, (root - 1) * 4096), ==, 1);
  close (fd);

  g_test_expect_message ("closeness-store", G_LOG_LEVEL_WARNING, "*integrity check*");
  store = closeness_store_new_full (path, CLOSENESS_STORE_OPEN_DEFER_CHECK, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_nonnull (closeness_store_get_recovery_report (store));
  g_assert_false (closeness_store_get_check_pending (store));
  g_assert_cmpint (closeness_store_get_schema_version (store), ==, CLOSENESS_STORE_SCHEMA_VERSION);
  assert_integrity (store);
  store_test_finalize (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/migrations/from-v1-fixture", test_from_v1_fixture);
  g_test_add_func ("/store/migrations/from-v2-fixture", test_from_v2_fixture);
  g_test_add_func ("/store/migrations/from-v5", test_from_v5);
  g_test_add_func ("/store/migrations/v6-import-round-trip", test_v6_import_round_trip);
  g_test_add_func ("/store/migrations/from-every-version", test_from_every_version);
  g_test_add_func ("/store/migrations/newer-refused-untouched", test_newer_refused);
  g_test_add_func ("/store/migrations/foreign-refused-untouched", test_foreign_database_refused);
  g_test_add_func ("/store/migrations/damaged-old-file-checked-first",
                   test_damaged_old_file_checked_first);

  return g_test_run ();
}
