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

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  /* Not even started writing yet (killed during the first open). */
  if (sqlite3_prepare_v2 (db, "SELECT count(*) FROM selfcare_entries", -1, &stmt, NULL) != SQLITE_OK)
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
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT (SELECT count(*) FROM (SELECT 1 FROM selfcare_entries "
                                       "                              GROUP BY activity_id, day)), "
                                       "  coalesce(max(CAST(substr(note, 5) AS INTEGER)), -1) "
                                       "FROM selfcare_entries",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
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

static void
test_kill_loop (void)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "store-test-writer", NULL);
  const char *soak = g_getenv ("CLOSENESS_SOAK");
  const char *kills_env = g_getenv ("CLOSENESS_KILLS");
  guint n_kills = (soak != NULL && soak[0] == '1') ? 2000 : 300;
  guint killed_mid_write = 0;
  guint exited_early = 0;
  guint64 total_acked = 0;
  gint64 next = 0;
  Acks acks = { -1, 0 };

  if (kills_env != NULL)
    n_kills = (guint) atoi (kills_env);

  for (guint k = 0; k < n_kills; k++)
    {
      g_autofree char *first = g_strdup_printf ("%" G_GINT64_FORMAT, next);
      char *argv[] = { writer, (char *) "kill", path, first, NULL };
      g_autoptr(GString) buffer = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      gboolean early;
      gint64 deadline;
      GPid pid;
      int out_fd;
      int status;
      guint before = acks.n_acked;

      g_assert_true (g_spawn_async_with_pipes (NULL, argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);

      /* One kill in four lands anywhere in start-up (open, checks,
       * migration); the others at a random moment after the first commit,
       * whatever the speed of this machine or build. */
      early = g_test_rand_int_range (0, 4) == 0;
      deadline = g_get_monotonic_time () + (early ? g_test_rand_int_range (0, 20000) : 10 * G_USEC_PER_SEC);

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
              g_string_append_len (buffer, chunk, n);
              parse_acks (buffer, &acks);

              if (!early && acks.n_acked > before)
                {
                  early = TRUE;   /* from now on: a short random wait */
                  deadline = g_get_monotonic_time () + g_test_rand_int_range (0, 25000);
                }
            }
        }

      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);

      /* Acknowledgements written before the kill still count. */
      for (;;)
        {
          char chunk[4096];
          ssize_t n = read (out_fd, chunk, sizeof chunk);

          if (n <= 0)
            break;
          g_string_append_len (buffer, chunk, n);
        }
      parse_acks (buffer, &acks);
      close (out_fd);
      g_spawn_close_pid (pid);

      if (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL)
        killed_mid_write += acks.n_acked > before ? 1 : 0;
      else
        {
          exited_early++;
          g_error ("the writer exited by itself (status %d)", status);
        }

      next = verify (path, acks.max_acked) + 1;
    }

  total_acked = acks.n_acked;
  g_test_message ("kills: %u, of which after at least one commit: %u; "
                  "acknowledged transactions: %" G_GUINT64_FORMAT "; lost: 0; half-applied: 0",
                  n_kills, killed_mid_write, total_acked);
  g_assert_cmpuint (exited_early, ==, 0);
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
    g_autoptr(ClosenessActivity) activity = g_list_model_get_item (closeness_store_get_activities (store), 0);
    g_autoptr(GListModel) entries = closeness_store_get_entries (store,
                                                                 closeness_record_get_id (CLOSENESS_RECORD (activity)),
                                                                 "1900-01-01", "2100-01-01");

    g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 2 * n);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/reliability/kill-loop", test_kill_loop);
  g_test_add_func ("/store/reliability/two-writers", test_two_writers);

  return g_test_run ();
}
