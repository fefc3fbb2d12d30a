/* test-store-killloop.c: a writer is SIGKILLed at random moments, over and
 * over. Pass: no acknowledged transaction lost, none half applied, the file
 * passes integrity_check after every kill.
 *
 * CLOSENESS_SOAK=1 runs 2,000 kills instead of 300; CLOSENESS_KILLS=N any
 * number.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store-test"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store-test-utils.h"
#include "store/closeness-store-private.h"

typedef struct
{
  gint64 max_acked;
  guint  n_acked;
} Acks;

static void
parse_acks (GString *buffer,
            Acks    *acks)
{
  char *line_end;

  while ((line_end = strchr (buffer->str, '\n')))
    {
      gint64 index;

      *line_end = '\0';
      index = g_ascii_strtoll (buffer->str, NULL, 10);
      g_assert_cmpint (index, >, acks->max_acked);
      acks->max_acked = index;
      acks->n_acked++;
      g_string_erase (buffer, 0, line_end - buffer->str + 1);
    }
}

/* Reads the database the way the next start would (WAL recovery included)
 * and checks it. Returns the highest index present. */
static gint64
verify (const char *path,
        gint64      max_acked)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 max_present = -1;
  gint64 days = 0;

  /* Killed before it even created the file. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_assert_cmpint (max_acked, ==, -1);
      return -1;
    }

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  /* Not even started writing yet (killed during the first open). */
  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM selfcare_entries", -1, &stmt, NULL)
      != SQLITE_OK)
    {
      g_assert_cmpint (max_acked, ==, -1);
      sqlite3_close (db);
      return -1;
    }
  sqlite3_finalize (stmt);

  /* Every day has both rows of its transaction, with the same note. */
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT count(*) FROM ("
                                       "  SELECT day FROM selfcare_entries GROUP BY activity_id, day "
                                       "  HAVING count(*) != 2 OR count(DISTINCT slot) != 2 "
                                       "    OR count(DISTINCT note) != 1)",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT (SELECT count(*) FROM (SELECT 1 FROM selfcare_entries "
                                       "                              GROUP BY activity_id, day)), "
                                       "  coalesce(max(CAST(substr(note, 5) AS INTEGER)), -1) "
                                       "FROM selfcare_entries",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  days = sqlite3_column_int64 (stmt, 0);
  max_present = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);

  /* Indexes are written in order without gaps: all of 0..max are there,
   * so every acknowledged one is too. */
  g_assert_cmpint (days, ==, max_present + 1);
  g_assert_cmpint (max_present, >=, max_acked);

  sqlite3_close (db);

  return max_present;
}

/* Runs @argv and SIGKILLs it: when @early, at a random moment in its first
 * 20 ms (start-up: open, checks, migration, recovery); otherwise 0–@after_us
 * µs after it printed a line (finished something), whatever the speed of
 * this machine or build. Everything it printed is appended to @output.
 * Fails the test if it exited by itself. */
static void
run_and_kill (char     **argv,
              gboolean   early,
              guint      after_us,
              GString   *output)
{
  g_autoptr(GError) error = NULL;
  gsize start_len = output->len;
  gint64 deadline;
  GPid pid;
  int out_fd;
  int status;

  g_assert_true (g_spawn_async_with_pipes (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);

  deadline =
    g_get_monotonic_time () + (early ? g_test_rand_int_range (0, 20000) : 10 * G_USEC_PER_SEC);

  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      struct pollfd pfd = { out_fd, POLLIN, 0 };
      char chunk[4096];
      ssize_t n;

      if (now >= deadline)
        break;

      if (poll (&pfd, 1, (int) ((deadline - now) / 1000) + 1) > 0)
        {
          n = read (out_fd, chunk, sizeof chunk);
          if (n <= 0)
            break;   /* it exited by itself: an error, checked below */
          g_string_append_len (output, chunk, n);

          if (!early && memchr (output->str + start_len, '\n', output->len - start_len) != NULL)
            {
              early = TRUE;   /* from now on: a short random wait */
              deadline = g_get_monotonic_time () + g_test_rand_int_range (0, (gint32) after_us + 1);
            }
        }
    }

  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);

  /* What it printed before the kill still counts. */
  for (;;)
    {
      char chunk[4096];
      ssize_t n = read (out_fd, chunk, sizeof chunk);

      if (n <= 0)
        break;
      g_string_append_len (output, chunk, n);
    }
  close (out_fd);
  g_spawn_close_pid (pid);

  if (!WIFSIGNALED (status) || WTERMSIG (status) != SIGKILL)
    g_error ("the writer exited by itself (status %d)", status);
}

static guint
default_kills (guint ci,
               guint soak)
{
  const char *soak_env = g_getenv ("CLOSENESS_SOAK");
  const char *kills_env = g_getenv ("CLOSENESS_KILLS");

  if (kills_env != NULL)
    return (guint) atoi (kills_env);

  return (soak_env != NULL && soak_env[0] == '1') ? soak : ci;
}

static void
test_kill_loop (void)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "store-test-writer", NULL);
  guint n_kills = default_kills (300, 2000);
  guint killed_mid_write = 0;
  guint64 total_acked = 0;
  gint64 next = 0;
  Acks acks = { -1, 0 };

  for (guint k = 0; k < n_kills; k++)
    {
      g_autofree char *first = g_strdup_printf ("%" G_GINT64_FORMAT, next);
      char *argv[] = { writer, (char *) "kill", path, first, NULL };
      g_autoptr(GString) buffer = g_string_new (NULL);
      guint before = acks.n_acked;

      /* One kill in four lands anywhere in start-up; the others at a random
       * moment after the first commit. */
      run_and_kill (argv, g_test_rand_int_range (0, 4) == 0, 25000, buffer);
      parse_acks (buffer, &acks);
      killed_mid_write += acks.n_acked > before ? 1 : 0;

      next = verify (path, acks.max_acked) + 1;
    }

  total_acked = acks.n_acked;
  g_test_message ("kills: %u, of which after at least one commit: %u; "
                  "acknowledged transactions: %" G_GUINT64_FORMAT "; lost: 0; half-applied: 0",
                  n_kills, killed_mid_write, total_acked);
  /* Most kills hit a writer that had committed, not only its start-up. */
  g_assert_cmpuint (killed_mid_write, >, n_kills / 2);
  g_assert_cmpuint (total_acked, >=, killed_mid_write);
}

/* Two processes write at once: the store's BEGIN IMMEDIATE + busy timeout
 * means no one ever sees SQLITE_BUSY. */
static void
test_two_writers (void)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "store-test-writer", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) store = NULL;
  GPid pids[2];
  int fds[2];
  const guint n = 400;

  /* Created first so both start from a migrated file. */
  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *slot = g_strdup_printf ("%u", i);
      g_autofree char *count = g_strdup_printf ("%u", n);
      char *argv[] = { writer, (char *) "concurrent", path, slot, count, NULL };

      g_assert_true (g_spawn_async_with_pipes (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pids[i], NULL, &fds[i], NULL, &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < 2; i++)
    {
      char buffer[256] = "";
      ssize_t len = 0, r;
      int status;

      while ((r = read (fds[i], buffer + len, sizeof buffer - 1 - len)) > 0)
        len += r;
      buffer[len] = '\0';
      close (fds[i]);
      g_assert_cmpint (waitpid (pids[i], &status, 0), ==, pids[i]);
      g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
      g_test_message ("writer %u: %s", i, g_strstrip (buffer));
      g_assert_cmpstr (buffer, ==, "failures=0 busy=0 pending=0");
    }

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(ClosenessActivity) activity =
      g_list_model_get_item (closeness_store_get_activities (store), 0);
    g_autoptr(GListModel) entries =
      closeness_store_get_entries (store, closeness_record_get_id (CLOSENESS_RECORD (activity)),
                                   "1900-01-01", "2100-01-01");

    g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 2 * n);
  }
}

/* A store with partner 0 called @name and @n entries of one activity. */
static void
make_profile (const char *path,
              const char *name,
              guint       n)
{
  ClosenessActivityInfo info = { .name = "Walk", .owner = CLOSENESS_OWNER_BOTH,
                                 .goal_kind = CLOSENESS_GOAL_DAILY, .goal_count = 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessActivity) activity = NULL;
  ClosenessStore *store = closeness_store_new (path, &error);

  g_assert_no_error (error);
  g_assert_true (closeness_store_update_partner (store, 0, name, "", &error));
  activity = closeness_store_create_activity (store, &info, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *day = g_strdup_printf ("2020-01-%02u", i + 1);
      ClosenessEntryInfo entry = { closeness_record_get_id (CLOSENESS_RECORD (activity)), 0, day,
                                   CLOSENESS_ENTRY_DONE, name };

      g_assert_true (closeness_store_log_entry (store, &entry, &error) > 0);
    }
  store_test_finalize (store);
}

static void
export_to (const char *path,
           const char *target)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (target);
  ClosenessStore *store = closeness_store_new (path, &error);

  g_assert_no_error (error);
  closeness_store_export_async (store, file, NULL, store_test_result_cb, &result);
  g_assert_true (closeness_store_export_finish (store, store_test_wait (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  store_test_finalize (store);
}

/* The state the next start sees, through the store as the app opens it
 * (which finishes any recovery cut short): "NAME/N". */
static char *
open_and_describe (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *marker = g_strconcat (path, ".recovering", NULL);
  ClosenessStore *store = closeness_store_new (path, &error);
  g_autofree char *name = NULL;
  guint n_entries = 0;
  char *state;

  g_assert_no_error (error);
  g_assert_false (closeness_store_get_read_only (store));
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  {
    g_autoptr(ClosenessPartner) partner =
      g_list_model_get_item (closeness_store_get_partners (store), 0);

    name = g_strdup (closeness_partner_get_name (partner));
  }
  if (g_list_model_get_n_items (closeness_store_get_activities (store)) > 0)
    {
      g_autoptr(ClosenessActivity) activity =
        g_list_model_get_item (closeness_store_get_activities (store), 0);
      g_autoptr(GListModel) entries =
        closeness_store_get_entries (store, closeness_record_get_id (CLOSENESS_RECORD (activity)),
                                     "1900-01-01", "2100-01-01");

      n_entries = g_list_model_get_n_items (entries);
    }
  store_test_finalize (store);

  g_assert_true (_closeness_store_check_database_file (path, TRUE, NULL, &error));
  g_assert_no_error (error);

  state = g_strdup_printf ("%s/%u", name, n_entries);

  return state;
}

/* Every backup listed passes its check: a half-made one is never taken
 * for a backup. */
static void
check_backups (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *backup_dir = g_build_filename (dir, "backups", NULL);
  g_autoptr(GPtrArray) backups = _closeness_store_find_backups (backup_dir);

  for (guint i = 0; i < backups->len; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (_closeness_store_check_database_file (closeness_backup_get_path (
                                                             g_ptr_array_index (backups, i)),
                                                           FALSE, NULL, &error));
      g_assert_no_error (error);
    }
}

static void
place_dated_backup (const char *path,
                    const char *source,
                    int         days_ago,
                    const char *tag)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *backup_dir = g_build_filename (dir, "backups", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days_ago);
  g_autofree char *stamp = g_date_time_format (then, "%Y%m%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s/closeness-%s-%s.db", backup_dir, stamp, tag);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_cmpint (g_mkdir_with_parents (backup_dir, 0700), ==, 0);
  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (
    g_file_set_contents_full (target, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, NULL));
}

/* A writer repeats one whole-data operation (a backup, an import, a
 * restore, a recovery from a damaged file) and is killed at random moments,
 * over and over. After every kill the next start must open read-write,
 * finish what was cut short, and show one whole state: the one before the
 * operation or the one after it, never a mix, never nothing. */
static void
test_kill_during (gconstpointer data)
{
  const char *op = data;
  g_autofree char *path = store_test_new_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "store-test-writer", NULL);
  g_autofree char *x_path = g_strconcat (path, ".x", NULL);
  g_autofree char *y_path = g_strconcat (path, ".y", NULL);
  const char *allowed[3] = { NULL, NULL, NULL };
  guint n_kills = default_kills (100, 500);
  guint after_one = 0;
  guint done = 0;

  if (g_str_equal (op, "import") || g_str_equal (op, "restore"))
    {
      g_autofree char *px =
        g_build_filename (g_get_user_data_dir (), "x", op, "closeness.db", NULL);
      g_autofree char *py =
        g_build_filename (g_get_user_data_dir (), "y", op, "closeness.db", NULL);

      make_profile (path, "X", 10);
      make_profile (px, "X", 10);
      make_profile (py, "Y", 20);
      export_to (px, x_path);
      export_to (py, y_path);
      allowed[0] = "X/10";
      allowed[1] = "Y/20";
      if (g_str_equal (op, "restore"))
        {
          place_dated_backup (path, x_path, 2, "x");
          place_dated_backup (path, y_path, 3, "y");
        }
    }
  else
    {
      make_profile (path, "Kept", 30);
      allowed[0] = "Kept/30";
      if (g_str_equal (op, "recover"))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GAsyncResult) result = NULL;
          g_autoptr(ClosenessBackup) backup = NULL;
          ClosenessStore *store = closeness_store_new (path, &error);

          closeness_store_backup_now_async (store, NULL, store_test_result_cb, &result);
          backup = closeness_store_backup_now_finish (store, store_test_wait (&result), &error);
          g_assert_no_error (error);
          g_clear_object (&result);
          store_test_finalize (store);
        }
    }

  for (guint k = 0; k < n_kills; k++)
    {
      char *argv[] = { writer, (char *) "ops", path, (char *) op, NULL };
      g_autoptr(GString) output = g_string_new (NULL);
      g_autofree char *state = NULL;
      guint lines = 0;

      run_and_kill (argv, g_test_rand_int_range (0, 4) == 0, 30000, output);
      for (const char *c = output->str; *c != '\0'; c++)
        lines += *c == '\n';
      done += lines;
      after_one += lines > 0 ? 1 : 0;

      state = open_and_describe (path);
      if (!g_strv_contains (allowed, state))
        g_error ("after kill %u during %s the data is “%s”", k, op, state);
      if (g_str_equal (op, "backup") || g_str_equal (op, "restore") || g_str_equal (op, "import"))
        check_backups (path);
    }

  g_test_message ("%s: kills: %u, of which after at least one finished %s: %u; "
                  "operations finished: %u; lost: 0; half-applied: 0",
                  op, n_kills, op, after_one, done);
  g_assert_cmpuint (after_one, >, n_kills / 4);
}

/* Changes that had to wait (disk full) when the app crashed are saved at
 * the next start, from the journal beside the database. */
static void
test_pending_survive_crash (void)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "store-test-writer", NULL);
  char *argv[] = { writer, (char *) "pending", path, NULL };
  g_autoptr(GString) output = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  ClosenessStore *store;
  guint pending = 0;

  run_and_kill (argv, FALSE, 0, output);
  g_assert_true (sscanf (output->str, "pending %u", &pending) == 1);
  g_test_message ("%u change(s) waiting when the writer was killed", pending);
  g_assert_cmpuint (pending, >=, 2);

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (closeness_store_get_pending_writes (store), ==, 0);
  {
    g_autoptr(ClosenessPartner) partner =
      g_list_model_get_item (closeness_store_get_partners (store), 0);
    g_autoptr(ClosenessActivity) activity =
      g_list_model_get_item (closeness_store_get_activities (store), 0);
    g_autoptr(GListModel) entries =
      closeness_store_get_entries (store, closeness_record_get_id (CLOSENESS_RECORD (activity)),
                                   "1900-01-01", "2100-01-01");

    g_assert_cmpstr (closeness_partner_get_name (partner), ==, "Typed while full");
    g_assert_cmpuint (g_list_model_get_n_items (entries), >=, pending - 1);
  }
  store_test_finalize (store);

  /* Saved once: the next start has nothing more to save. */
  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (closeness_store_get_pending_writes (store), ==, 0);
  store_test_finalize (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* Finishing a recovery cut short warns on purpose. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);
  g_log_set_fatal_mask ("closeness-store", G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  g_test_add_func ("/store/reliability/kill-loop", test_kill_loop);
  g_test_add_func ("/store/reliability/two-writers", test_two_writers);
  g_test_add_func ("/store/reliability/pending-survive-crash", test_pending_survive_crash);
  g_test_add_data_func ("/store/reliability/kill-during/backup", "backup", test_kill_during);
  g_test_add_data_func ("/store/reliability/kill-during/import", "import", test_kill_during);
  g_test_add_data_func ("/store/reliability/kill-during/restore", "restore", test_kill_during);
  g_test_add_data_func ("/store/reliability/kill-during/recover", "recover", test_kill_during);

  return g_test_run ();
}
