/* test-store-powerloss.c: the power fails at random moments while the store
 * writes through its public API (store-test-powercut-vfs.c simulates the
 * cut: writes not yet synced are thrown away or torn, undurable directory
 * changes undone). Pass: after every cut the file passes integrity_check,
 * every acknowledged transaction is there, none is half applied.
 *
 * A folder goes through 1–12 cuts (each time: open the store, write until
 * the power fails, cut, check) before a fresh one is started, so cuts land
 * in creating and migrating a file, in commits, in checkpoints (the WAL
 * grows across cuts) and around a clean close (checkpoint, WAL deleted and
 * created again).
 *
 * CLOSENESS_SOAK=1 runs 2,000 cuts instead of 300; CLOSENESS_POWER_CUTS=N
 * any number; CLOSENESS_POWERLOSS_SEED=N repeats a run.
 * CLOSENESS_POWERLOSS_SYNC=OFF (or NORMAL) sets that synchronous level on
 * the store's connection after every open, to see the test fail.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store-test"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "store-test-powercut-vfs.h"
#include "store-test-utils.h"
#include "store/closeness-store-private.h"

/* Where the power fails, counted in writes and syncs after an open: for
 * half the cuts anywhere in the first MAX_CALLS (a commit is about five);
 * for an eighth in the first EARLY_CALLS (creating or migrating the file,
 * the first commits); for an eighth in the first AFTER_CLOSE_CALLS after a
 * clean close (the WAL deleted and made again, the directory not synced
 * yet: the first commit syncs it); for a quarter in
 * the next checkpoint, at one of its first CHECKPOINT_CALLS writes or syncs
 * of the database file. */
#define MAX_CALLS 500
#define EARLY_CALLS 30
#define CHECKPOINT_CALLS 20
#define AFTER_CLOSE_CALLS 8
#define MAX_CUTS_PER_FOLDER 12
#define PROMPT_TEXT "Power cut?"

typedef struct
{
  const char   *sync;            /* NULL: the store's own setting */
  guint         cuts;
  guint         cuts_after_commit;
  guint         cuts_in_open;    /* the store could not open */
  guint         cuts_in_checkpoint;
  guint64       acked;           /* acknowledged transactions */
  guint64       checks;          /* acknowledged or durable transactions checked after a cut */
  guint64       lost;
  guint64       half_applied;
  guint         damaged;         /* failed integrity_check or could not be read */
  PowercutStats writes;
} Totals;

typedef struct
{
  char    *dir;
  char    *path;
  GArray  *durable;       /* gint64 indexes acknowledged or found after a cut */
  gint64   next;
  gint64   note;          /* index of the last acknowledged note, or -1 */
  guint    cuts_left;
  guint    close_every;   /* about every n transactions a clean close; 0: never */
} Folder;

/* Once the power is off the store warns about what it could not save. */
static gboolean
fatal_log_cb (const char     *log_domain,
              GLogLevelFlags  log_level,
              const char     *message,
              gpointer        user_data)
{
  return !((log_level & G_LOG_LEVEL_WARNING) && powercut_vfs_is_dead ());
}

static void
store_log_cb (const char     *log_domain,
              GLogLevelFlags  log_level,
              const char     *message,
              gpointer        user_data)
{
  if ((log_level & G_LOG_LEVEL_WARNING) && powercut_vfs_is_dead ())
    return;

  g_log_default_handler (log_domain, log_level, message, user_data);
}

static void
folder_free (Folder *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (folder->dir);

  g_array_unref (folder->durable);
  g_free (folder->path);
  g_free (folder->dir);
  g_free (folder);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Folder, folder_free)

static Folder *
folder_new (GRand *rand)
{
  Folder *folder = g_new0 (Folder, 1);

  folder->path = store_test_new_db_path ();
  folder->dir = g_path_get_dirname (folder->path);
  folder->durable = g_array_new (FALSE, FALSE, sizeof (gint64));
  folder->note = -1;
  folder->cuts_left = g_rand_int_range (rand, 1, MAX_CUTS_PER_FOLDER + 1);
  /* Half the folders close now and then (a checkpoint at each close, the
   * WAL deleted and made again), the other half never do (the WAL grows
   * until a commit runs the automatic checkpoint). */
  folder->close_every = g_rand_boolean (rand) ? 10 : 0;

  /* The folder itself is durable; the model covers the names in it. */
  g_assert_cmpint (g_mkdir_with_parents (folder->dir, 0700), ==, 0);

  return folder;
}

/* Returns NULL only when the power failed during the open. */
static ClosenessStore *
open_store (Totals     *totals,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);

  if (powercut_vfs_is_dead ())
    return NULL;

  g_assert_no_error (error);
  g_assert_null (closeness_store_get_recovery_report (store));
  g_assert_false (closeness_store_get_read_only (store));

  if (totals->sync != NULL)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA synchronous = %s", totals->sync);

      g_assert_cmpint (sqlite3_exec (_closeness_store_get_db (store), sql, NULL, NULL, NULL),
                       ==, SQLITE_OK);
    }

  return g_steal_pointer (&store);
}

/* Every call that fails must have failed because the power is off. */
static gboolean
check_write (gboolean  ok,
             GError   *error)
{
  if (ok)
    return TRUE;

  if (!powercut_vfs_is_dead ())
    g_error ("a write failed with the power on: %s", error != NULL ? error->message : "(no error)");

  return FALSE;
}

static gint64
ensure_activity (ClosenessStore *store)
{
  ClosenessActivityInfo info = {
    .builtin_key = "power-loss",
    .name = "Power loss",
    .owner = CLOSENESS_OWNER_BOTH,
    .goal_kind = CLOSENESS_GOAL_DAILY,
    .goal_count = 1,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessActivity) activity = closeness_store_create_activity (store, &info, &error);

  if (!check_write (activity != NULL, error))
    return 0;

  return closeness_record_get_id (CLOSENESS_RECORD (activity));
}

static gint64
ensure_prompt (ClosenessStore *store)
{
  GListModel *prompts = closeness_store_get_prompts (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessDeck) deck = NULL;
  g_autoptr(ClosenessPrompt) prompt = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (prompts); i++)
    {
      g_autoptr(ClosenessPrompt) item = g_list_model_get_item (prompts, i);

      if (g_str_equal (closeness_prompt_get_text (item), PROMPT_TEXT))
        return closeness_record_get_id (CLOSENESS_RECORD (item));
    }

  deck = closeness_store_create_deck (store, "Power loss", "", &error);
  if (!check_write (deck != NULL, error))
    return 0;

  prompt = closeness_store_create_prompt (store, closeness_record_get_id (CLOSENESS_RECORD (deck)),
                                          PROMPT_TEXT, NULL, CLOSENESS_INTENSITY_GENTLE, &error);
  if (!check_write (prompt != NULL, error))
    return 0;

  return closeness_record_get_id (CLOSENESS_RECORD (prompt));
}

/* Index i: both partners' entries for day 1900-01-01 + i, one transaction. */
static gboolean
write_pair (ClosenessStore *store,
            gint64          activity,
            gint64          index)
{
  g_autoptr(GDateTime) base = g_date_time_new_utc (1900, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) date = g_date_time_add_days (base, (int) index);
  g_autofree char *day = g_date_time_format (date, "%Y-%m-%d");
  g_autofree char *note = g_strdup_printf ("txn %" G_GINT64_FORMAT, index);
  g_autoptr(GError) error = NULL;
  ClosenessEntryInfo pair[2] = {
    { activity, 0, day, CLOSENESS_ENTRY_DONE, note },
    { activity, 1, day, CLOSENESS_ENTRY_REST, note },
  };

  return check_write (closeness_store_add_entries (store, pair, 2, NULL, NULL, &error), error);
}

static gboolean
write_note (ClosenessStore *store,
            gint64          prompt,
            gint64          index)
{
  g_autofree char *text = g_strdup_printf ("note %" G_GINT64_FORMAT, index);
  g_autoptr(GError) error = NULL;

  return check_write (closeness_store_set_note (store, prompt, text, &error), error);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static gboolean
passes_integrity_check (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  ok = sqlite3_step (stmt) == SQLITE_ROW &&
       g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);

  return ok;
}

/* No file was moved aside as damaged, no grave of the VFS is left. The
 * journal of changes that could not be saved (written with plain POSIX
 * calls, not through SQLite's VFS) is outside this model: writes the cut
 * failed would be saved from it at the next start, which the accounting
 * of acknowledged transactions does not expect. It goes. */
static void
check_folder_names (Folder *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      if (strstr (name, ".corrupt-") != NULL || strstr (name, ".powercut-") != NULL)
        g_error ("unexpected file after a power cut: %s", name);
      if (strstr (name, ".pending-") != NULL)
        {
          g_autofree char *path = g_build_filename (folder->dir, name, NULL);

          g_unlink (path);
        }
    }
}

/* Reads the folder the way the next start would, with the normal VFS
 * (WAL recovery included, no checkpoint at close so the WAL carries over
 * to the next cut). Returns FALSE when the file is damaged. */
static gboolean
verify (Totals *totals,
        Folder *folder)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GHashTable) present = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 max_present = -1;
  gint64 note = -1;
  gboolean damaged = FALSE;
  int rc;

  check_folder_names (folder);

  rc = sqlite3_open_v2 (folder->path, &db, SQLITE_OPEN_READWRITE, "unix");
  if (rc == SQLITE_CANTOPEN && !g_file_test (folder->path, G_FILE_TEST_EXISTS))
    {
      /* Its creation was not durable yet. */
      sqlite3_close (db);
      db = NULL;
    }
  else
    {
      g_assert_cmpint (rc, ==, SQLITE_OK);
      sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
      damaged = !passes_integrity_check (db);
    }

  if (db != NULL && !damaged &&
      sqlite3_prepare_v2 (db, "SELECT 1 FROM selfcare_entries", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_finalize (stmt);

      /* Every day has both rows of its transaction, with the same note. */
      totals->half_applied +=
        query_int (db, "SELECT count(*) FROM ("
                       "  SELECT day FROM selfcare_entries GROUP BY activity_id, day "
                       "  HAVING count(*) != 2 OR count(DISTINCT slot) != 2 "
                       "    OR count(DISTINCT note) != 1)");

      g_assert_cmpint (sqlite3_prepare_v2 (db,
                                           "SELECT DISTINCT CAST(substr(note, 5) AS INTEGER) "
                                           "FROM selfcare_entries",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 index = sqlite3_column_int64 (stmt, 0);

          g_hash_table_add (present, g_memdup2 (&index, sizeof index));
          max_present = MAX (max_present, index);
        }
      sqlite3_finalize (stmt);

      g_assert_cmpint (sqlite3_prepare_v2 (db,
                                           "SELECT CAST(substr(n.text, 6) AS INTEGER) "
                                           "FROM conversation_notes n JOIN prompts p ON p.id = n.prompt_id "
                                           "WHERE p.text = '" PROMPT_TEXT "'",
                                           -1, &stmt, NULL),
                       ==, SQLITE_OK);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        note = sqlite3_column_int64 (stmt, 0);
      sqlite3_finalize (stmt);
    }

  sqlite3_close (db);

  if (damaged)
    {
      totals->damaged++;
      totals->lost += folder->durable->len + (folder->note >= 0 ? 1 : 0);
      return FALSE;
    }

  /* What was acknowledged (or found after an earlier cut) is still there. */
  for (guint i = 0; i < folder->durable->len; i++)
    {
      totals->checks++;
      if (!g_hash_table_contains (present, &g_array_index (folder->durable, gint64, i)))
        totals->lost++;
    }

  if (folder->note >= 0)
    {
      totals->checks++;
      if (note < folder->note)
        totals->lost++;
    }

  /* What is there now is durable: later cuts must keep it. */
  g_array_set_size (folder->durable, 0);
  for (gint64 index = 0; index <= max_present; index++)
    {
      if (g_hash_table_contains (present, &index))
        g_array_append_val (folder->durable, index);
    }
  folder->next = max_present + 1;
  folder->note = note;

  return TRUE;
}

/* Opens the store, writes until the power fails, cuts, checks. */
static gboolean
run_session (Totals *totals,
             Folder *folder,
             GRand  *rand)
{
  ClosenessStore *store;
  gint64 activity = 0;
  gint64 prompt = 0;
  guint acked = 0;
  PowercutStats stats;
  guint plan = g_rand_int_range (rand, 0, 8);

  if (plan == 0)
    powercut_vfs_begin (rand, g_rand_int_range (rand, 1, EARLY_CALLS + 1), 0, folder->dir);
  else if (plan == 1)
    powercut_vfs_begin (rand, G_MAXUINT, 0, folder->dir);
  else if (plan <= 3)
    powercut_vfs_begin (rand, G_MAXUINT, g_rand_int_range (rand, 1, CHECKPOINT_CALLS + 1),
                        folder->dir);
  else
    powercut_vfs_begin (rand, g_rand_int_range (rand, 1, MAX_CALLS + 1), 0, folder->dir);

  store = open_store (totals, folder->path);

  if (store != NULL && plan == 1)
    {
      store_test_finalize (g_steal_pointer (&store));
      if (!powercut_vfs_is_dead ())
        {
          powercut_vfs_cut_in (g_rand_int_range (rand, 1, AFTER_CLOSE_CALLS + 1));
          store = open_store (totals, folder->path);
        }
    }

  if (store == NULL)
    totals->cuts_in_open++;
  else if ((activity = ensure_activity (store)) != 0)
    prompt = ensure_prompt (store);

  while (store != NULL && prompt != 0)
    {
      gint64 index = folder->next++;

      if (!write_pair (store, activity, index))
        break;
      g_array_append_val (folder->durable, index);
      acked++;

      if (index % 3 == 0)
        {
          if (!write_note (store, prompt, index))
            break;
          folder->note = index;
          acked++;
        }

      if (folder->close_every > 0 && g_rand_int_range (rand, 0, folder->close_every) == 0)
        {
          store_test_finalize (g_steal_pointer (&store));
          store = open_store (totals, folder->path);
        }
    }

  if (store != NULL)
    store_test_finalize (g_steal_pointer (&store));

  g_assert_true (powercut_vfs_is_dead ());
  powercut_vfs_power_off (&stats);

  totals->cuts++;
  totals->cuts_after_commit += acked > 0 ? 1 : 0;
  totals->cuts_in_checkpoint += stats.db_pending > 0 ? 1 : 0;
  totals->acked += acked;
  totals->writes.pending += stats.pending;
  totals->writes.dropped += stats.dropped;
  totals->writes.applied += stats.applied;
  totals->writes.torn += stats.torn;
  totals->writes.reverted += stats.reverted;

  return verify (totals, folder);
}

static void
run_power_cuts (Totals *totals,
                guint   n_cuts)
{
  const char *seed_env = g_getenv ("CLOSENESS_POWERLOSS_SEED");
  guint32 seed = seed_env != NULL ? (guint32) g_ascii_strtoull (seed_env, NULL, 10)
                                  : (guint32) g_test_rand_int ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(Folder) folder = NULL;
  guint handler;

  g_test_message ("seed %u (CLOSENESS_POWERLOSS_SEED=%u repeats this run), synchronous=%s",
                  seed, seed, totals->sync != NULL ? totals->sync : "the store's (FULL)");

  g_test_log_set_fatal_handler (fatal_log_cb, NULL);
  handler = g_log_set_handler ("closeness-store", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL,
                               store_log_cb, NULL);
  powercut_vfs_register ();

  for (guint i = 0; i < n_cuts; i++)
    {
      if (folder == NULL)
        folder = folder_new (rand);

      if (!run_session (totals, folder, rand) || --folder->cuts_left == 0)
        g_clear_pointer (&folder, folder_free);
    }

  powercut_vfs_unregister ();
  g_log_remove_handler ("closeness-store", handler);

  g_test_message ("power cuts: %u (%u after at least one commit, %u while opening, %u in a "
                  "checkpoint); acknowledged transactions: %" G_GUINT64_FORMAT " (%"
                  G_GUINT64_FORMAT " checks after cuts); lost: %" G_GUINT64_FORMAT
                  "; half-applied: %" G_GUINT64_FORMAT "; damaged files: %u; "
                  "writes not synced at the cuts: %u (dropped %u, torn %u, applied %u); "
                  "directory changes undone: %u",
                  totals->cuts, totals->cuts_after_commit, totals->cuts_in_open,
                  totals->cuts_in_checkpoint, totals->acked, totals->checks,
                  totals->lost, totals->half_applied, totals->damaged, totals->writes.pending,
                  totals->writes.dropped, totals->writes.torn, totals->writes.applied,
                  totals->writes.reverted);
}

static void
test_power_loss (void)
{
  const char *soak = g_getenv ("CLOSENESS_SOAK");
  const char *cuts_env = g_getenv ("CLOSENESS_POWER_CUTS");
  guint n_cuts = (soak != NULL && soak[0] == '1') ? 2000 : 300;
  const char *sync = g_getenv ("CLOSENESS_POWERLOSS_SYNC");
  Totals totals = { .sync = sync != NULL && sync[0] != '\0' ? sync : NULL };

  if (cuts_env != NULL)
    n_cuts = (guint) atoi (cuts_env);

  run_power_cuts (&totals, n_cuts);

  g_assert_cmpuint (totals.lost, ==, 0);
  g_assert_cmpuint (totals.half_applied, ==, 0);
  g_assert_cmpuint (totals.damaged, ==, 0);
  /* The cuts really hit unsynced writes, and mostly after commits. */
  g_assert_cmpuint (totals.writes.dropped + totals.writes.torn, >, 0);
  g_assert_cmpuint (totals.cuts_after_commit, >, n_cuts / 2);
}

/* The harness is not a no-op: without syncs acknowledged commits are lost. */
static void
test_power_loss_without_sync (void)
{
  Totals totals = { .sync = "OFF" };

  run_power_cuts (&totals, 20);

  g_assert_cmpuint (totals.lost, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/reliability/power-loss", test_power_loss);
  g_test_add_func ("/store/reliability/power-loss-detects-synchronous-off",
                   test_power_loss_without_sync);

  return g_test_run ();
}
