/* test-store-import.c: whole-data files from anywhere are held to the API's
 * rules; a refused file changes nothing, not even the backups.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store-test"

#include "config.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include "store-test-utils.h"
#include "store/closeness-store-private.h"

typedef struct
{
  char           *path;
  char           *export_path;
  char           *bad_path;
  ClosenessStore *store;
  gint64          activity;
  char           *contents;
  gsize           length;
} Fixture;

/* Everything a refused import must leave alone: the data and the backups. */
static char *
fingerprint (Fixture *f)
{
  g_autofree char *backup_dir = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GListModel) backups = closeness_store_list_backups (f->store);
  g_autoptr(GListModel) entries = closeness_store_get_entries (f->store, f->activity,
                                                               "1900-01-01", "2100-01-01");
  g_autofree char *name = store_test_partner_name (f->store, 0);
  g_autofree char *ceiling = closeness_store_dup_state (f->store, "intensity-ceiling");

  g_string_append_printf (text, "%s|%s|%u|", name, ceiling, g_list_model_get_n_items (entries));
  for (guint i = 0; i < g_list_model_get_n_items (backups); i++)
    {
      g_autoptr(ClosenessBackup) backup = g_list_model_get_item (backups, i);

      g_string_append_printf (text, "%s;", closeness_backup_get_path (backup));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  ClosenessActivityInfo info = { .name = "Walk", .goal_kind = CLOSENESS_GOAL_DAILY, .goal_count = 1,
                                 .owner = CLOSENESS_OWNER_BOTH };
  g_autoptr(ClosenessActivity) activity = NULL;
  g_autoptr(GFile) export_file = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ClosenessEntryInfo entries[3] = {
    { 0, 0, "2026-01-01", CLOSENESS_ENTRY_DONE, "a note" },
    { 0, 1, "2026-01-02", CLOSENESS_ENTRY_DONE, "" },
    { 0, 0, "2026-01-03", CLOSENESS_ENTRY_REST, "" },
  };
  ClosenessEventInfo event = { .summary = "Evening", .dtstart = "2026-02-01T20:00:00",
                               .tzid = "Europe/Berlin", .duration_minutes = 30,
                               .planned_by = CLOSENESS_PLANNED_BY_NOBODY };
  g_autoptr(ClosenessEvent) created = NULL;

  f->path = store_test_new_db_path ();
  f->export_path = g_build_filename (g_get_user_data_dir (), "export.closeness", NULL);
  f->bad_path = g_build_filename (g_get_user_data_dir (), "bad.closeness", NULL);

  f->store = closeness_store_new (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (closeness_store_update_partner (f->store, 0, "Sam", "#3584e4", &error));
  g_assert_true (closeness_store_set_state (f->store, "intensity-ceiling", "1", &error));
  activity = closeness_store_create_activity (f->store, &info, &error);
  g_assert_no_error (error);
  f->activity = closeness_record_get_id (CLOSENESS_RECORD (activity));
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    entries[i].activity_id = f->activity;
  g_assert_true (
    closeness_store_add_entries (f->store, entries, G_N_ELEMENTS (entries), NULL, NULL, &error));
  g_assert_cmpint (closeness_store_add_activity_reminder (f->store, f->activity, "08:30", 0x7f,
                                                          &error),
                   >, 0);
  created = closeness_store_create_event (f->store, &event, &error);
  g_assert_no_error (error);

  export_file = g_file_new_for_path (f->export_path);
  closeness_store_export_async (f->store, export_file, NULL, store_test_result_cb, &result);
  g_assert_true (closeness_store_export_finish (f->store, store_test_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (f->export_path, &f->contents, &f->length, NULL));

  /* A backup made today, as every real profile has. */
  g_clear_object (&result);
  {
    g_autoptr(GAsyncResult) backup_result = NULL;
    g_autoptr(ClosenessBackup) backup = NULL;

    closeness_store_backup_now_async (f->store, NULL, store_test_result_cb, &backup_result);
    backup = closeness_store_backup_now_finish (f->store, store_test_wait (&backup_result), &error);
    g_assert_no_error (error);
  }

  g_assert_true (closeness_store_update_partner (f->store, 0, "Sam now", "", &error));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  store_test_finalize (f->store);
  g_free (f->path);
  g_free (f->export_path);
  g_free (f->bad_path);
  g_free (f->contents);
}

/* A copy of the export changed by @sql on a connection of its own. */
static void
write_bad_copy (Fixture    *f,
                const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_true (g_file_set_contents (f->bad_path, f->contents, f->length, NULL));
  g_assert_cmpint (sqlite3_open (f->bad_path, &db), ==, SQLITE_OK);
  sqlite3_limit (db, SQLITE_LIMIT_LENGTH, 1000 * 1000 * 1000);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("Could not prepare the bad file (%s): %s", sql, message);
  sqlite3_close (db);
}

static void
assert_refused (Fixture    *f,
                const char *what,
                int         code)
{
  g_autofree char *before = fingerprint (f);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double seconds;

  g_assert_false (store_test_import (f->store, f->bad_path, &error));
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_assert_nonnull (error);
  g_test_message ("%s: %s (%.2f s)", what, error->message, seconds);
  g_assert_error (error, CLOSENESS_STORE_ERROR, code);
  g_assert_true (g_str_has_prefix (error->message, "Nothing was changed. "));
  g_assert_cmpfloat (seconds, <, 5.0);

  after = fingerprint (f);
  g_assert_cmpstr (after, ==, before);
}

static void
test_hostile_values (Fixture       *f,
                     gconstpointer  data)
{
  static const struct {
    const char *what;
    const char *sql;
    int         code;
  } cases[] = {
    { "one partner", "DELETE FROM partners WHERE slot = 1", CLOSENESS_STORE_ERROR_INVALID_INPUT },
    { "no partners", "DELETE FROM partners", CLOSENESS_STORE_ERROR_INVALID_INPUT },
    { "a five-million-character name",
      "UPDATE partners SET name = printf('%.*c', 5000000, 'x') WHERE slot = 0",
      CLOSENESS_STORE_ERROR_INVALID_INPUT },
    { "a name over the API's limit",
      "UPDATE partners SET name = printf('%.*c', 61, 'x') WHERE slot = 0",
      CLOSENESS_STORE_ERROR_INVALID_INPUT },
    { "a BLOB where text belongs", "UPDATE partners SET name = x'00ff00' WHERE slot = 0",
      CLOSENESS_STORE_ERROR_INVALID_INPUT },
    { "invalid UTF-8", "UPDATE partners SET name = CAST(x'41c328' AS TEXT) WHERE slot = 0",
      CLOSENESS_STORE_ERROR_INVALID_INPUT },
    { "text in a number column", "UPDATE selfcare_entries SET updated_at = 'soon'",
      CLOSENESS_STORE_ERROR_INVALID_INPUT },
    { "a garbage start", "UPDATE events SET dtstart = 'garbage'",
      CLOSENESS_STORE_ERROR_INVALID_INPUT },
    { "an unknown time zone", "UPDATE events SET tzid = 'Mars/Olympus_Mons'",
      CLOSENESS_STORE_ERROR_INVALID_INPUT },
    { "a day that is not a day", "UPDATE selfcare_entries SET day = 'not-a-day' WHERE kind = 1",
      CLOSENESS_STORE_ERROR_INVALID_INPUT },
    { "a bad time", "UPDATE reminders SET time_of_day = '25:99'",
      CLOSENESS_STORE_ERROR_INVALID_INPUT },
    { "a bad colour", "UPDATE partners SET color = 'red; drop' WHERE slot = 0",
      CLOSENESS_STORE_ERROR_INVALID_INPUT },
    { "an impossible goal", "UPDATE activities SET goal_count = 5",
      CLOSENESS_STORE_ERROR_INVALID_INPUT },
    { "a two-year evening", "UPDATE events SET duration_minutes = 1051200",
      CLOSENESS_STORE_ERROR_INVALID_INPUT },
    { "a setting that is not ours", "INSERT INTO app_state VALUES ('autorun', 'rm -rf ~')",
      CLOSENESS_STORE_ERROR_INVALID_INPUT },
    { "a negative schema version", "PRAGMA user_version = -5",
      CLOSENESS_STORE_ERROR_INVALID_INPUT },
    { "an absurd schema version", "PRAGMA user_version = 2147483647",
      CLOSENESS_STORE_ERROR_TOO_NEW },
    { "a generated column",
      "ALTER TABLE partners ADD COLUMN echo TEXT GENERATED ALWAYS AS (name || name) VIRTUAL",
      CLOSENESS_STORE_ERROR_INVALID_INPUT },
    { "a virtual table", "CREATE VIRTUAL TABLE search USING fts4 (body)",
      CLOSENESS_STORE_ERROR_INVALID_INPUT },
    { "an expression index", "CREATE INDEX slow ON partners (length (name) * 2)",
      CLOSENESS_STORE_ERROR_INVALID_INPUT },
    { "an extra table", "CREATE TABLE extra (x)", CLOSENESS_STORE_ERROR_INVALID_INPUT },
    { "a changed column", "ALTER TABLE partners ADD COLUMN extra TEXT",
      CLOSENESS_STORE_ERROR_INVALID_INPUT },
    { "a trigger", "CREATE TRIGGER t AFTER INSERT ON partners BEGIN SELECT 1; END",
      CLOSENESS_STORE_ERROR_INVALID_INPUT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      write_bad_copy (f, cases[i].sql);
      assert_refused (f, cases[i].what, cases[i].code);
    }
}

/* Not an ordinary file, or one that is huge once copied. */
static void
test_hostile_files (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *fifo = g_build_filename (g_get_user_data_dir (), "fifo.closeness", NULL);
  int fd;

  g_clear_pointer (&f->bad_path, g_free);
  f->bad_path = g_strdup ("/dev/zero");
  assert_refused (f, "/dev/zero", CLOSENESS_STORE_ERROR_INVALID_INPUT);

  g_free (f->bad_path);
  f->bad_path = g_strdup (fifo);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_refused (f, "a FIFO", CLOSENESS_STORE_ERROR_INVALID_INPUT);

  /* The real export's first pages, then 2 GiB of holes. */
  g_free (f->bad_path);
  f->bad_path = g_build_filename (g_get_user_data_dir (), "sparse.closeness", NULL);
  g_assert_true (g_file_set_contents (f->bad_path, f->contents, f->length, NULL));
  fd = open (f->bad_path, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 2 * 1024 * 1024 * 1024), ==, 0);
  close (fd);
  assert_refused (f, "a sparse file", CLOSENESS_STORE_ERROR_INVALID_INPUT);

  /* Under the size limit, but holes all the same. */
  fd = open (f->bad_path, O_WRONLY);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 512 * 1024 * 1024), ==, 0);
  close (fd);
  assert_refused (f, "a half-gigabyte sparse file", CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_unlink (f->bad_path);

  g_free (f->bad_path);
  f->bad_path = g_build_filename (g_get_user_data_dir (), "empty.closeness", NULL);
  g_assert_true (g_file_set_contents (f->bad_path, "", 0, NULL));
  assert_refused (f, "an empty file", CLOSENESS_STORE_ERROR_CORRUPT);
}

/* Thirteen refusals used to make thirteen safety backups and rotate away
 * this morning's backup. */
static void
test_refusals_keep_backups (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *before = fingerprint (f);

  for (guint i = 0; i < 13; i++)
    {
      g_autoptr(GError) error = NULL;

      /* Refused by the last step, the replacement itself, before. */
      write_bad_copy (f,
                      "PRAGMA foreign_keys = OFF; UPDATE selfcare_entries SET activity_id = 999");
      g_assert_false (store_test_import (f->store, f->bad_path, &error));
      g_assert_nonnull (error);
    }

  {
    g_autofree char *after = fingerprint (f);

    g_assert_cmpstr (after, ==, before);
  }
}

/* Print settings say where "Print to File" writes: this computer's stay,
 * the file's are not taken. */
static void
test_local_settings_stay (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *settings = NULL;
  g_autofree char *name = NULL;

  g_assert_true (
    closeness_store_set_state (f->store, "print-settings",
                               "[Print Settings]\noutput-uri=file:///home/me/cards.pdf\n", &error));
  write_bad_copy (f, "INSERT OR REPLACE INTO app_state VALUES ('print-settings', "
                     "'[Print Settings]\noutput-uri=file:///home/me/.bashrc\n')");

  g_assert_true (store_test_import (f->store, f->bad_path, &error));
  g_assert_no_error (error);

  name = store_test_partner_name (f->store, 0);
  g_assert_cmpstr (name, ==, "Sam");
  settings = closeness_store_dup_state (f->store, "print-settings");
  g_assert_nonnull (strstr (settings, "cards.pdf"));
}

/* The couple's choices about questions travel with their data: which
 * partners chose the desire deck, and which decks drawing leaves out. */
static void
test_conversation_choices_travel (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *desire = NULL;
  g_autofree char *left_out = NULL;

  g_assert_true (closeness_store_set_state (f->store, "desire-deck", "", &error));
  g_assert_no_error (error);
  write_bad_copy (f, "INSERT OR REPLACE INTO app_state VALUES ('desire-deck', '0,1');"
                     "INSERT OR REPLACE INTO app_state VALUES ('draw-left-out', '3,7')");

  g_assert_true (store_test_import (f->store, f->bad_path, &error));
  g_assert_no_error (error);

  desire = closeness_store_dup_state (f->store, "desire-deck");
  left_out = closeness_store_dup_state (f->store, "draw-left-out");
  g_assert_cmpstr (desire, ==, "0,1");
  g_assert_cmpstr (left_out, ==, "3,7");
}

/* Waiting changes are replayed by row id: an import first would make them
 * land on other rows. */
static void
test_refused_while_changes_wait (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  _closeness_store_set_max_page_count (f->store, 1);
  for (guint i = 0; i < 200 && closeness_store_get_pending_writes (f->store) == 0; i++)
    {
      g_autofree char *note = g_strnfill (2000, 'n');
      g_autofree char *day = g_strdup_printf ("2025-%02u-%02u", 1 + i / 28, 1 + i % 28);
      ClosenessEntryInfo entry = { f->activity, 1, day, CLOSENESS_ENTRY_DONE, note };

      closeness_store_add_entries (f->store, &entry, 1, NULL, NULL, NULL);
    }
  g_assert_cmpuint (closeness_store_get_pending_writes (f->store), >, 0);

  g_assert_false (store_test_import (f->store, f->export_path, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_PENDING);
  g_assert_true (g_str_has_prefix (error->message, "Nothing was changed. "));
  g_clear_error (&error);

  name = store_test_partner_name (f->store, 0);
  g_assert_cmpstr (name, ==, "Sam now");

  _closeness_store_set_max_page_count (f->store, 1000000);
  g_assert_true (closeness_store_retry_pending (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (store_test_import (f->store, f->export_path, &error));
  g_assert_no_error (error);
}

/* While the data is being replaced, a change is refused with a reason, not
 * kept to be replayed onto the replaced data. */
static void
test_edits_refused_while_replacing (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_new_for_path (f->export_path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  closeness_store_import_async (f->store, file, NULL, store_test_result_cb, &result);
  g_assert_true (closeness_store_get_replacing (f->store));
  g_assert_false (closeness_store_update_partner (f->store, 1, "Typed meanwhile", "", &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_REPLACING);
  g_assert_cmpuint (closeness_store_get_pending_writes (f->store), ==, 0);
  g_clear_error (&error);

  g_assert_true (closeness_store_import_finish (f->store, store_test_wait (&result), &error));
  g_assert_no_error (error);
  g_assert_false (closeness_store_get_replacing (f->store));
  g_assert_true (closeness_store_update_partner (f->store, 1, "Typed after", "", &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/import/hostile-values", test_hostile_values);
  ADD ("/store/import/hostile-files", test_hostile_files);
  ADD ("/store/import/refusals-keep-backups", test_refusals_keep_backups);
  ADD ("/store/import/local-settings-stay", test_local_settings_stay);
  ADD ("/store/import/conversation-choices-travel", test_conversation_choices_travel);
  ADD ("/store/import/refused-while-changes-wait", test_refused_while_changes_wait);
  ADD ("/store/import/edits-refused-while-replacing", test_edits_refused_while_replacing);

#undef ADD

  return g_test_run ();
}
