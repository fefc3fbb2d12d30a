/* test-store-recovery.c: damaged files, backups, restore, export, import.
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

static ClosenessBackup *
backup_now (ClosenessStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ClosenessBackup *backup;

  closeness_store_backup_now_async (store, NULL, store_test_result_cb, &result);
  backup = closeness_store_backup_now_finish (store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (backup);

  return backup;
}

static gint64
add_entries (ClosenessStore *store,
             guint           n,
             const char     *note)
{
  ClosenessActivityInfo info = { .builtin_key = "walk",
                                 .name = "Walk",
                                 .goal_kind = 0,
                                 .goal_count = 1,
                                 .owner = CLOSENESS_OWNER_BOTH };
  g_autoptr(ClosenessActivity) activity = NULL;
  g_autoptr(GDateTime) base = g_date_time_new_utc (1950, 1, 1, 0, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);
  g_autofree ClosenessEntryInfo *entries = g_new0 (ClosenessEntryInfo, n);
  gint64 id;

  activity = closeness_store_create_activity (store, &info, &error);
  g_assert_no_error (error);
  id = closeness_record_get_id (CLOSENESS_RECORD (activity));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (base, (int) i);

      g_ptr_array_add (days, g_date_time_format (day, "%Y-%m-%d"));
      entries[i] = (ClosenessEntryInfo) { id, i % 2, g_ptr_array_index (days, i), 0, note };
    }

  g_assert_true (closeness_store_add_entries (store, entries, n, NULL, NULL, &error));
  g_assert_no_error (error);

  return id;
}

static guint
count_entries (ClosenessStore *store,
               gint64          activity_id)
{
  g_autoptr(GListModel) entries =
    closeness_store_get_entries (store, activity_id, "1900-01-01", "2100-01-01");

  return g_list_model_get_n_items (entries);
}

static guint
count_files_with (const char *dir,
                  const char *infix)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)))
    {
      if (strstr (name, infix) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);

          if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
            {
              g_assert_cmpuint (store_test_file_mode (path), ==, 0600);
              n++;
            }
        }
    }

  return n;
}

static void
clobber (const char *path,
         goffset     offset,
         gsize       length)
{
  g_autofree guchar *junk = g_malloc (length);
  int fd = open (path, O_WRONLY);

  for (gsize i = 0; i < length; i++)
    junk[i] = (guchar) g_test_rand_int_range (0, 256);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, junk, length, offset), ==, (ssize_t) length);
  close (fd);
}

static void
close_store (ClosenessStore **store)
{
  store_test_finalize (*store);
  *store = NULL;
}

/* Header garbage: the file is kept aside (with its -wal/-shm if any) and the
 * backup is restored; the report says where and from when. */
static void
test_clobbered_header (void)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessBackup) backup = NULL;
  g_autofree char *name = NULL;
  ClosenessStore *store;

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  closeness_store_update_partner (store, 0, "Before backup", "", &error);
  backup = backup_now (store);
  closeness_store_update_partner (store, 0, "After backup", "", &error);
  g_assert_no_error (error);
  close_store (&store);

  clobber (path, 0, 100);

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_test_message ("report: %s", closeness_store_get_recovery_report (store));
  g_assert_nonnull (closeness_store_get_recovery_report (store));
  g_assert_nonnull (strstr (closeness_store_get_recovery_report (store), ".corrupt-"));
  g_assert_nonnull (strstr (closeness_store_get_recovery_report (store), "restored"));
  name = store_test_partner_name (store, 0);
  g_assert_cmpstr (name, ==, "Before backup");
  g_assert_cmpuint (count_files_with (dir, ".corrupt-"), ==, 1);
  g_assert_cmpuint (store_test_file_mode (path), ==, 0600);

  /* The kept file is the damaged one, byte for byte not lost */
  close_store (&store);
}

/* A damaged b-tree page, and the newest backup damaged too: the newest
 * good backup wins. */
static void
test_damaged_page (void)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *backup_dir = g_build_filename (dir, "backups", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessBackup) older = NULL;
  g_autoptr(ClosenessBackup) newer = NULL;
  g_autofree char *older_renamed = NULL;
  g_autoptr(GDateTime) yesterday = NULL;
  g_autofree char *stamp = NULL;
  ClosenessStore *store;
  gint64 activity;

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  activity = add_entries (store, 3000, "a note that takes some room on the page");
  older = backup_now (store);

  /* Pretend the older backup is from yesterday, so rotation keeps both. */
  yesterday = g_date_time_add_days (closeness_backup_get_date (older), -1);
  stamp = g_date_time_format (yesterday, "%Y%m%d-%H%M%S");
  older_renamed = g_strdup_printf ("%s/closeness-%s.db", backup_dir, stamp);
  g_assert_cmpint (g_rename (closeness_backup_get_path (older), older_renamed), ==, 0);

  closeness_store_update_partner (store, 1, "Only in the newer backup", "", &error);
  newer = backup_now (store);
  close_store (&store);

  /* Damage the newest backup: its first page. */
  clobber (closeness_backup_get_path (newer), 0, 64);

  /* Damage a page of the entries table in the live file. */
  clobber (path, (store_test_root_page (path, "selfcare_entries") - 1) * 4096 + 12, 600);

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_test_message ("report: %s", closeness_store_get_recovery_report (store));
  g_assert_nonnull (closeness_store_get_recovery_report (store));
  g_assert_cmpuint (count_entries (store, activity), ==, 3000);
  {
    g_autofree char *name = store_test_partner_name (store, 1);

    /* Written after the older backup, read back from the damaged file. */
    g_assert_cmpstr (name, ==, "Only in the newer backup");
  }
  g_assert_cmpuint (count_files_with (dir, ".corrupt-"), >=, 1);
  close_store (&store);
}

static gboolean
check_now (ClosenessStore  *store,
           GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  closeness_store_check_async (store, NULL, store_test_result_cb, &result);
  return closeness_store_check_finish (store, store_test_wait (&result), error);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* Opened with the check deferred (the application, before its first
 * frame), a file with a damaged page opens as it is; the late check finds
 * the damage, keeps the file aside, restores the backup, says so, and the
 * models already handed out show the restored data. */
static void
test_late_check_damaged_page (void)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessBackup) backup = NULL;
  g_autoptr(ClosenessPartner) first = NULL;
  ClosenessStore *store;
  guint reports = 0;
  gint64 activity;

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  activity = add_entries (store, 3000, "a note that takes some room on the page");
  closeness_store_update_partner (store, 0, "Before backup", "", &error);
  g_assert_no_error (error);
  backup = backup_now (store);
  closeness_store_update_partner (store, 0, "After backup", "", &error);
  g_assert_no_error (error);
  close_store (&store);

  clobber (path, (store_test_root_page (path, "selfcare_entries") - 1) * 4096 + 12, 600);

  store = closeness_store_new_full (path, CLOSENESS_STORE_OPEN_DEFER_CHECK, &error);
  g_assert_no_error (error);
  g_assert_null (closeness_store_get_recovery_report (store));
  g_assert_true (closeness_store_get_check_pending (store));
  g_assert_cmpuint (count_files_with (dir, ".corrupt-"), ==, 0);
  {
    g_autofree char *name = store_test_partner_name (store, 0);

    g_assert_cmpstr (name, ==, "After backup");   /* the file as it is */
  }

  /* A partner as a page holds it */
  first = g_list_model_get_item (closeness_store_get_partners (store), 0);
  g_signal_connect (store, "notify::recovery-report", G_CALLBACK (count_notify_cb), &reports);

  g_assert_true (check_now (store, &error));
  g_assert_no_error (error);
  g_test_message ("report: %s", closeness_store_get_recovery_report (store));
  g_assert_cmpuint (reports, ==, 1);
  g_assert_nonnull (strstr (closeness_store_get_recovery_report (store), ".corrupt-"));
  g_assert_nonnull (strstr (closeness_store_get_recovery_report (store), "restored"));
  g_assert_false (closeness_store_get_check_pending (store));
  g_assert_false (closeness_store_get_read_only (store));
  /* Renamed after the backup: read back from the damaged file. */
  g_assert_cmpstr (closeness_partner_get_name (first), ==, "After backup");
  {
    g_autofree char *name = store_test_partner_name (store, 0);

    g_assert_cmpstr (name, ==, "After backup");
  }
  g_assert_cmpuint (count_entries (store, activity), ==, 3000);
  g_assert_cmpuint (count_files_with (dir, ".corrupt-"), ==, 1);
  g_assert_cmpuint (store_test_file_mode (path), ==, 0600);

  /* It goes on working: a change is saved in the repaired file */
  closeness_store_update_partner (store, 1, "After repair", "", &error);
  g_assert_no_error (error);
  g_signal_handlers_disconnect_by_data (store, &reports);
  close_store (&store);

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_null (closeness_store_get_recovery_report (store));
  {
    g_autofree char *name = store_test_partner_name (store, 1);

    g_assert_cmpstr (name, ==, "After repair");
  }
  close_store (&store);
}

/* A sound file opened with the check deferred: the check finds nothing,
 * changes nothing, and a second call has nothing left to do. */
static void
test_late_check_sound (void)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  ClosenessStore *store;

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  /* A new file is created at our schema version: nothing to defer yet */
  g_assert_false (closeness_store_get_check_pending (store));
  closeness_store_update_partner (store, 0, "Robin", "", &error);
  g_assert_no_error (error);
  close_store (&store);

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_false (closeness_store_get_check_pending (store));
  close_store (&store);

  store = closeness_store_new_full (path, CLOSENESS_STORE_OPEN_DEFER_CHECK, &error);
  g_assert_no_error (error);
  g_assert_true (closeness_store_get_check_pending (store));
  g_assert_true (check_now (store, &error));
  g_assert_no_error (error);
  g_assert_false (closeness_store_get_check_pending (store));
  g_assert_null (closeness_store_get_recovery_report (store));
  g_assert_true (check_now (store, &error));
  g_assert_no_error (error);
  {
    g_autofree char *name = store_test_partner_name (store, 0);

    g_assert_cmpstr (name, ==, "Robin");
  }
  g_assert_cmpuint (count_files_with (dir, ".corrupt-"), ==, 0);
  close_store (&store);
}

/* A header so damaged that not even the schema version can be read is
 * repaired at open, deferred check or not. */
static void
test_deferred_check_clobbered_header (void)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessBackup) backup = NULL;
  ClosenessStore *store;

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  closeness_store_update_partner (store, 0, "Kept", "", &error);
  backup = backup_now (store);
  close_store (&store);

  clobber (path, 0, 100);

  store = closeness_store_new_full (path, CLOSENESS_STORE_OPEN_DEFER_CHECK, &error);
  g_assert_no_error (error);
  g_assert_nonnull (closeness_store_get_recovery_report (store));
  g_assert_false (closeness_store_get_check_pending (store));
  {
    g_autofree char *name = store_test_partner_name (store, 0);

    g_assert_cmpstr (name, ==, "Kept");
  }
  close_store (&store);
}

static void
test_no_backup (void)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *entry;
  ClosenessStore *store;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path,
                                      "This is not a database, just text that someone saved here.",
                                      -1, NULL));

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_test_message ("report: %s", closeness_store_get_recovery_report (store));
  g_assert_nonnull (strstr (closeness_store_get_recovery_report (store), "No usable backup"));
  name = store_test_partner_name (store, 0);
  g_assert_cmpstr (name, ==, "");
  g_assert_true (closeness_store_update_partner (store, 0, "Fresh", "", &error));

  listing = g_dir_open (dir, 0, NULL);
  while ((entry = g_dir_read_name (listing)))
    if (strstr (entry, ".corrupt-"))
      kept = g_build_filename (dir, entry, NULL);
  g_assert_nonnull (kept);
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
    g_assert_cmpstr (contents, ==, "This is not a database, just text that someone saved here.");
  }
  close_store (&store);
}

static void
test_rotation_and_permissions (void)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *backup_dir = g_build_filename (dir, "backups", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessBackup) first = NULL;
  g_autoptr(ClosenessBackup) last = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *contents = NULL;
  gsize length;
  ClosenessStore *store;
  guint older_than_week = 0;

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  first = backup_now (store);
  g_assert_cmpuint (store_test_file_mode (backup_dir), ==, 0700);
  g_assert_cmpuint (store_test_file_mode (closeness_backup_get_path (first)), ==, 0600);
  g_assert_true (g_file_get_contents (closeness_backup_get_path (first), &contents, &length, NULL));

  /* 40 days of daily backups, and two more from a few hours ago. */
  for (int days_ago = 1; days_ago <= 40; days_ago++)
    {
      g_autoptr(GDateTime) date = g_date_time_add_days (now, -days_ago);
      g_autofree char *stamp = g_date_time_format (date, "%Y%m%d-%H%M%S");
      g_autofree char *fake = g_strdup_printf ("%s/closeness-%s.db", backup_dir, stamp);

      g_assert_true (
        g_file_set_contents_full (fake, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
    }
  for (int hours_ago = 2; hours_ago <= 3; hours_ago++)
    {
      g_autoptr(GDateTime) date = g_date_time_add_hours (now, -hours_ago);
      g_autofree char *stamp = g_date_time_format (date, "%Y%m%d-%H%M%S");
      g_autofree char *fake = g_strdup_printf ("%s/closeness-%s.db", backup_dir, stamp);

      g_assert_true (
        g_file_set_contents_full (fake, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
    }

  last = backup_now (store);
  list = closeness_store_list_backups (store);
  g_test_message ("%u backups kept", g_list_model_get_n_items (list));

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(ClosenessBackup) backup = g_list_model_get_item (list, i);
      GTimeSpan age = g_date_time_difference (now, closeness_backup_get_date (backup));

      g_assert_cmpuint (store_test_file_mode (closeness_backup_get_path (backup)), ==, 0600);
      g_assert_cmpint (age, <, 40 * G_TIME_SPAN_DAY);       /* the oldest went */
      if (age > 8 * G_TIME_SPAN_DAY)
        older_than_week++;
    }

  /* Newest first; the recent ones all kept; days 1-6 kept; 4 weekly at most */
  {
    g_autoptr(ClosenessBackup) newest = g_list_model_get_item (list, 0);

    g_assert_cmpstr (closeness_backup_get_path (newest), ==, closeness_backup_get_path (last));
    g_assert_true (g_file_test (closeness_backup_get_path (first), G_FILE_TEST_EXISTS));
  }
  g_assert_cmpuint (older_than_week, <=, 4);
  g_assert_cmpuint (older_than_week, >=, 3);
  /* All 4 from the last day (now, the first one, 2 and 3 hours ago), one a
   * day for the other days of the 7 kept, 4 weekly. Shortly after midnight
   * the ones from 2 and 3 hours ago are from yesterday: then yesterday is
   * one of the 7 days already, and one daily backup fewer is kept. */
  {
    g_autoptr(GDateTime) hours_ago = g_date_time_add_hours (now, -3);
    guint recent_days =
      g_date_time_get_day_of_year (hours_ago) == g_date_time_get_day_of_year (now) ? 1 : 2;

    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 4 + (7 - recent_days) + 4);
  }
  close_store (&store);
}

static void
test_restore (void)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessBackup) backup = NULL;
  g_autoptr(ClosenessPartner) partner = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) list = NULL;
  ItemsChanged ic = { 0 };
  ClosenessStore *store;
  gint64 activity;

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  closeness_store_update_partner (store, 0, "As backed up", "", &error);
  activity = add_entries (store, 10, NULL);
  backup = backup_now (store);

  closeness_store_update_partner (store, 0, "Changed later", "", &error);
  g_assert_true (closeness_store_remove_entry (store, activity, 0, "1950-01-01", &error));
  g_assert_cmpuint (count_entries (store, activity), ==, 9);

  partner = g_list_model_get_item (closeness_store_get_partners (store), 0);
  g_signal_connect (closeness_store_get_partners (store), "items-changed",
                    G_CALLBACK (store_test_items_changed_cb), &ic);

  closeness_store_restore_backup_async (store, backup, NULL, store_test_result_cb, &result);
  g_assert_true (closeness_store_restore_backup_finish (store, store_test_wait (&result), &error));
  g_assert_no_error (error);

  /* Updated in place, not reset */
  g_assert_cmpstr (closeness_partner_get_name (partner), ==, "As backed up");
  g_assert_cmpuint (ic.n_signals, ==, 0);
  g_assert_cmpuint (count_entries (store, activity), ==, 10);

  /* The state before the restore was backed up first */
  list = closeness_store_list_backups (store);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  {
    g_autoptr(ClosenessBackup) safety = g_list_model_get_item (list, 0);
    g_autoptr(ClosenessStore) peek = NULL;
    g_autofree char *copy = g_build_filename (g_get_user_data_dir (), "peek", "closeness.db", NULL);
    g_autofree char *copy_dir = g_path_get_dirname (copy);
    g_autofree char *name = NULL;

    g_assert_cmpint (g_mkdir_with_parents (copy_dir, 0700), ==, 0);
    g_assert_true (
      _closeness_store_copy_database (closeness_backup_get_path (safety), copy, &error));
    peek = closeness_store_new (copy, &error);
    g_assert_no_error (error);
    name = store_test_partner_name (peek, 0);
    g_assert_cmpstr (name, ==, "Changed later");
  }
  g_clear_object (&result);
  g_clear_object (&partner);
  close_store (&store);
}

static char *
fingerprint (ClosenessStore *store,
             gint64          activity)
{
  g_autofree char *name = store_test_partner_name (store, 0);
  g_autofree char *state = closeness_store_dup_state (store, "intensity-ceiling");

  return g_strdup_printf ("%s|%s|%u", name, state, count_entries (store, activity));
}

static void
test_export_import (void)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autofree char *export_path =
    g_build_filename (g_get_user_data_dir (), "export.closeness", NULL);
  g_autofree char *bad_path = g_build_filename (g_get_user_data_dir (), "bad.closeness", NULL);
  g_autoptr(GFile) export_file = g_file_new_for_path (export_path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *before = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  ClosenessStore *store;
  sqlite3 *db = NULL;
  gint64 activity;
  struct {
    const char *what;
    const char *sql;   /* run on a copy of the export */
    int         code;
  } bad[] = {
    { "newer version", "PRAGMA user_version = 99", CLOSENESS_STORE_ERROR_TOO_NEW },
    { "someone else's database", "PRAGMA application_id = 42",
      CLOSENESS_STORE_ERROR_INVALID_INPUT },
    { "broken constraints", "PRAGMA ignore_check_constraints = ON; "
                            "UPDATE selfcare_entries SET slot = 7", CLOSENESS_STORE_ERROR_CORRUPT },
    { "dangling reference", "PRAGMA foreign_keys = OFF; "
                            "UPDATE selfcare_entries SET activity_id = 999",
                            CLOSENESS_STORE_ERROR_INVALID_INPUT },
    { "missing table", "DROP TABLE answers", CLOSENESS_STORE_ERROR_INVALID_INPUT },
  };

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  closeness_store_update_partner (store, 0, "Exported", "", &error);
  closeness_store_set_state (store, "intensity-ceiling", "1", &error);
  activity = add_entries (store, 20, "a note");
  exported = fingerprint (store, activity);

  closeness_store_export_async (store, export_file, NULL, store_test_result_cb, &result);
  g_assert_true (closeness_store_export_finish (store, store_test_wait (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (store_test_file_mode (export_path), ==, 0600);
  g_assert_true (_closeness_store_check_database_file (export_path, TRUE, NULL, &error));
  g_assert_no_error (error);

  /* Change everything, then import the export back */
  closeness_store_update_partner (store, 0, "Changed", "", &error);
  closeness_store_set_state (store, "intensity-ceiling", "2", &error);
  g_assert_true (closeness_store_remove_entry (store, activity, 1, "1950-01-02", &error));
  before = fingerprint (store, activity);
  g_assert_cmpstr (before, !=, exported);

  g_assert_true (store_test_import (store, export_path, &error));
  g_assert_no_error (error);
  g_clear_pointer (&before, g_free);
  before = fingerprint (store, activity);
  g_assert_cmpstr (before, ==, exported);

  /* Files that must change nothing, each with a reason */
  g_assert_true (g_file_set_contents (bad_path, "not a database at all", -1, NULL));
  g_assert_false (store_test_import (store, bad_path, &error));
  g_test_message ("text file: %s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Nothing was changed."));
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (export_path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (bad_path, contents, length / 2, NULL));
  g_assert_false (store_test_import (store, bad_path, &error));
  g_test_message ("truncated: %s", error->message);
  g_clear_error (&error);

  g_assert_false (store_test_import (store, "/nonexistent/file.closeness", &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *now = NULL;

      g_assert_true (g_file_set_contents (bad_path, contents, length, NULL));
      g_assert_cmpint (sqlite3_open (bad_path, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, bad[i].sql, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      g_assert_false (store_test_import (store, bad_path, &error));
      g_test_message ("%s: %s", bad[i].what, error->message);
      g_assert_error (error, CLOSENESS_STORE_ERROR, bad[i].code);
      g_clear_error (&error);

      now = fingerprint (store, activity);
      g_assert_cmpstr (now, ==, exported);
    }

  /* A file with a trigger or a view of its own is not one Closeness made:
   * refused, not cleaned up and taken in. */
  g_assert_true (g_file_set_contents (bad_path, contents, length, NULL));
  g_assert_cmpint (sqlite3_open (bad_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TRIGGER sneaky AFTER INSERT ON app_state BEGIN "
                                 "  DELETE FROM partners; END;"
                                 "CREATE VIEW peek AS SELECT * FROM answers;"
                                 "UPDATE partners SET name = 'With trigger' WHERE slot = 0",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_false (store_test_import (store, bad_path, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  {
    g_autofree char *now = fingerprint (store, activity);

    g_assert_cmpstr (now, ==, exported);
  }

  g_clear_object (&result);
  close_store (&store);
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
set_flag_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The finished backups beside the database at @path. */
static guint
count_backup_files (const char *path)
{
  g_autofree char *dir_path = g_path_get_dirname (path);
  g_autofree char *backups = g_build_filename (dir_path, "backups", NULL);
  g_autoptr(GDir) dir = g_dir_open (backups, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_suffix (name, ".db");

  return n;
}

static void
test_maintenance (void)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  ClosenessStore *store;
  gboolean maintained = FALSE;
  gint64 deadline;
  guint wake;

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  list = closeness_store_list_backups (store);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 0);
  g_clear_object (&list);

  /* The backup is made in a worker thread; its file is in place before the
   * task's callback wakes the main context. */
  closeness_store_schedule_maintenance (store);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  wake = g_timeout_add (50, wake_cb, NULL);
  list = closeness_store_list_backups (store);
  while (g_list_model_get_n_items (list) == 0 && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      g_clear_object (&list);
      list = closeness_store_list_backups (store);
    }
  g_source_remove (wake);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);

  /* A fresh backup exists: nothing more to do. Maintenance runs in a
   * low-priority idle, so once an idle added after it has run, it has
   * decided; a backup it started would hold the store until it is written,
   * so count the files once the store is gone. */
  closeness_store_schedule_maintenance (store);
  g_idle_add_full (G_PRIORITY_LOW + 1, set_flag_cb, &maintained, NULL);
  while (!maintained)
    g_main_context_iteration (NULL, TRUE);
  g_clear_object (&list);
  close_store (&store);
  g_assert_cmpuint (count_backup_files (path), ==, 1);
}

/* The state an earlier version left when it was killed half-way through a
 * recovery: the damaged file moved aside, no data file (or a fresh, empty
 * one made at the next start). The next start finishes the recovery. */
static void
check_finishes_recovery (gboolean fresh_file)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *aside = g_strconcat (path, ".corrupt-20260101-000000", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessBackup) backup = NULL;
  g_autofree char *name = NULL;
  ClosenessStore *store;

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (closeness_store_update_partner (store, 0, "Before backup", "", &error));
  backup = backup_now (store);
  close_store (&store);

  /* What the earlier version did before it was killed. */
  clobber (path, 0, 100);
  g_assert_cmpint (g_rename (path, aside), ==, 0);
  for (guint i = 0; i < 2; i++)
    {
      const char *suffix = i == 0 ? "-wal" : "-shm";
      g_autofree char *from = g_strconcat (path, suffix, NULL);
      g_autofree char *to = g_strconcat (aside, suffix, NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_assert_cmpint (g_rename (from, to), ==, 0);
    }

  if (fresh_file)
    {
      g_autofree char *other =
        g_build_filename (g_get_user_data_dir (), "fresh", "closeness.db", NULL);

      store = closeness_store_new (other, &error);
      g_assert_no_error (error);
      close_store (&store);
      g_assert_cmpint (g_rename (other, path), ==, 0);
    }

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_test_message ("report: %s", closeness_store_get_recovery_report (store));
  g_assert_nonnull (closeness_store_get_recovery_report (store));
  g_assert_nonnull (strstr (closeness_store_get_recovery_report (store), "restored"));
  name = store_test_partner_name (store, 0);
  g_assert_cmpstr (name, ==, "Before backup");
  g_assert_true (g_file_test (aside, G_FILE_TEST_IS_REGULAR));
  close_store (&store);

  /* Done once: the next start is an ordinary one. */
  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_null (closeness_store_get_recovery_report (store));
  close_store (&store);
}

static void
test_finish_missing_file (void)
{
  check_finishes_recovery (FALSE);
}

static void
test_finish_fresh_file (void)
{
  check_finishes_recovery (TRUE);
}

/* Killed after the damaged file was kept (a link) but before the backup
 * was put in place: the note left behind makes the next start finish. */
static void
test_resume_from_note (void)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *aside = g_strconcat (path, ".corrupt-20260101-000000", NULL);
  g_autofree char *note = g_strconcat (path, ".recovering", NULL);
  g_autofree char *aside_name = g_path_get_basename (aside);
  g_autofree char *damaged = NULL;
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessBackup) backup = NULL;
  g_autofree char *name = NULL;
  gsize damaged_len, kept_len;
  ClosenessStore *store;

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (closeness_store_update_partner (store, 0, "Before backup", "", &error));
  backup = backup_now (store);
  close_store (&store);

  clobber (path, 0, 100);
  g_assert_true (g_file_get_contents (path, &damaged, &damaged_len, NULL));
  g_assert_cmpint (link (path, aside), ==, 0);
  g_assert_true (g_file_set_contents (note, aside_name, -1, NULL));

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (closeness_store_get_recovery_report (store), "restored"));
  name = store_test_partner_name (store, 0);
  g_assert_cmpstr (name, ==, "Before backup");
  g_assert_false (g_file_test (note, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files_with (dir, ".corrupt-"), ==, 1);
  g_assert_true (g_file_get_contents (aside, &kept, &kept_len, NULL));
  g_assert_cmpmem (kept, kept_len, damaged, damaged_len);
  close_store (&store);
}

/* A recovery that found no backup starts empty once, not at every start. */
static void
test_empty_recovery_once (void)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  ClosenessStore *store;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, "Not a database, only text.", -1, NULL));

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (closeness_store_get_recovery_report (store), "No usable backup"));
  close_store (&store);

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_null (closeness_store_get_recovery_report (store));
  close_store (&store);
}

static void
set_user_version (const char *path,
                  const char *version)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %s", version);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Backups whose schema version is negative or absurd are skipped with a
 * reason (they used to crash recovery), and importing one says why (it
 * used to hang). */
static void
test_absurd_versions (void)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *backup_dir = g_build_filename (dir, "backups", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessBackup) good = NULL;
  g_autoptr(ClosenessBackup) negative = NULL;
  g_autoptr(ClosenessBackup) absurd = NULL;
  g_autoptr(GDateTime) yesterday = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *good_renamed = NULL;
  g_autofree char *name = NULL;
  ClosenessStore *store;

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (closeness_store_update_partner (store, 0, "Good backup", "", &error));
  good = backup_now (store);
  yesterday = g_date_time_add_days (closeness_backup_get_date (good), -1);
  stamp = g_date_time_format (yesterday, "%Y%m%d-%H%M%S");
  good_renamed = g_strdup_printf ("%s/closeness-%s.db", backup_dir, stamp);
  g_assert_cmpint (g_rename (closeness_backup_get_path (good), good_renamed), ==, 0);

  g_assert_true (closeness_store_update_partner (store, 0, "Negative backup", "", &error));
  negative = backup_now (store);
  set_user_version (closeness_backup_get_path (negative), "-5");
  absurd = backup_now (store);
  set_user_version (closeness_backup_get_path (absurd), "2147483647");

  g_assert_false (store_test_import (store, closeness_backup_get_path (negative), &error));
  g_test_message ("negative: %s", error->message);
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (store_test_import (store, closeness_backup_get_path (absurd), &error));
  g_test_message ("absurd: %s", error->message);
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_TOO_NEW);
  g_clear_error (&error);
  close_store (&store);

  clobber (path, 0, 100);
  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  name = store_test_partner_name (store, 0);
  g_assert_cmpstr (name, ==, "Good backup");
  close_store (&store);
}

/* Another program deletes the -wal while the store runs, then the store
 * crashes: what it had acknowledged must be in the main file by then. */
static void
test_deleted_wal (void)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *crashed = g_build_filename (g_get_user_data_dir (), "crashed.db", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  ClosenessStore *store;
  gint64 deadline;

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (closeness_store_update_partner (store, 0, "Acknowledged", "", &error));
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_unlink (wal), ==, 0);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (!g_file_test (wal, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  /* The crash: only what is on disk under the file's name counts. */
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
    g_assert_true (g_file_set_contents (crashed, contents, length, NULL));
  }
  g_assert_cmpint (sqlite3_open_v2 (crashed, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM partners WHERE slot = 0", -1, &stmt,
                                       NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "Acknowledged");
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* And the store goes on saving. */
  g_assert_true (closeness_store_update_partner (store, 1, "Later", "", &error));
  g_assert_no_error (error);
  close_store (&store);
}

/* Eight flipped bytes in one page used to throw away everything written
 * since the last backup although the damaged file still held it. */
static void
test_salvage_newer_than_backup (void)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessBackup) backup = NULL;
  g_autoptr(ClosenessDeck) deck = NULL;
  g_autoptr(ClosenessPrompt) prompt = NULL;
  g_autofree char *kept_before = NULL;
  g_autofree char *kept_after = NULL;
  g_autofree char *aside = NULL;
  gsize before_len, after_len;
  ClosenessStore *store;
  gint64 activity, prompt_id;
  const char *report;

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  activity = add_entries (store, 3000, "a note that takes some room on the page");
  deck = closeness_store_create_deck (store, "Ours", NULL, &error);
  g_assert_no_error (error);
  prompt = closeness_store_create_prompt (store, closeness_record_get_id (CLOSENESS_RECORD (deck)),
                                          "What made today good?", NULL, 0, &error);
  g_assert_no_error (error);
  prompt_id = closeness_record_get_id (CLOSENESS_RECORD (prompt));
  backup = backup_now (store);

  /* Written after the backup. */
  g_assert_true (closeness_store_update_partner (store, 0, "Renamed after the backup", "", &error));
  g_assert_true (closeness_store_set_answer (store, prompt_id, 0, "Written tonight", &error));
  g_assert_true (closeness_store_set_note (store, prompt_id, "A note from tonight", &error));
  g_assert_no_error (error);
  close_store (&store);

  /* Eight bytes flipped in one page of the entries, far from the rest. */
  clobber (path, (store_test_root_page (path, "selfcare_entries") - 1) * 4096 + 100, 8);
  g_assert_true (g_file_get_contents (path, &kept_before, &before_len, NULL));

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  report = closeness_store_get_recovery_report (store);
  g_test_message ("report: %s", report);
  g_assert_nonnull (strstr (report, "recovered from the damaged file"));
  {
    g_autofree char *name = store_test_partner_name (store, 0);
    g_autoptr(GListModel) answers = closeness_store_get_answers (store, prompt_id);
    g_autoptr(ClosenessAnswer) answer = g_list_model_get_item (answers, 0);

    g_assert_cmpstr (name, ==, "Renamed after the backup");
    g_assert_nonnull (answer);
    g_assert_cmpstr (closeness_answer_get_text (answer), ==, "Written tonight");
  }
  /* What the backup has and the damage hid is kept. */
  g_assert_cmpuint (count_entries (store, activity), ==, 3000);

  /* The kept file is the damaged one, byte for byte. */
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *entry;

    while ((entry = g_dir_read_name (listing)))
      if (strstr (entry, ".corrupt-") && !g_str_has_suffix (entry, "-wal")
          && !g_str_has_suffix (entry, "-shm"))
        aside = g_build_filename (dir, entry, NULL);
  }
  g_assert_nonnull (aside);
  g_assert_true (g_file_get_contents (aside, &kept_after, &after_len, NULL));
  g_assert_cmpmem (kept_after, after_len, kept_before, before_len);
  close_store (&store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* Recovery warns on purpose. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_log_set_fatal_mask ("closeness-store", G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  g_test_add_func ("/store/recovery/clobbered-header", test_clobbered_header);
  g_test_add_func ("/store/recovery/damaged-page-newest-good-backup", test_damaged_page);
  g_test_add_func ("/store/recovery/no-backup", test_no_backup);
  g_test_add_func ("/store/recovery/late-check-damaged-page", test_late_check_damaged_page);
  g_test_add_func ("/store/recovery/late-check-sound", test_late_check_sound);
  g_test_add_func ("/store/recovery/deferred-check-clobbered-header",
                   test_deferred_check_clobbered_header);
  g_test_add_func ("/store/recovery/finish-missing-file", test_finish_missing_file);
  g_test_add_func ("/store/recovery/finish-fresh-file", test_finish_fresh_file);
  g_test_add_func ("/store/recovery/resume-from-note", test_resume_from_note);
  g_test_add_func ("/store/recovery/empty-recovery-once", test_empty_recovery_once);
  g_test_add_func ("/store/recovery/absurd-versions", test_absurd_versions);
  g_test_add_func ("/store/recovery/deleted-wal", test_deleted_wal);
  g_test_add_func ("/store/recovery/salvage-newer-than-backup", test_salvage_newer_than_backup);
  g_test_add_func ("/store/backups/rotation-and-permissions", test_rotation_and_permissions);
  g_test_add_func ("/store/backups/restore", test_restore);
  g_test_add_func ("/store/backups/export-import", test_export_import);
  g_test_add_func ("/store/backups/maintenance", test_maintenance);

  return g_test_run ();
}
