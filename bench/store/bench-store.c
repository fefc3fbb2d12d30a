/* bench-store.c: store benchmarks, side by side in one run.
 *
 * (a) 100,000 self-care entries through closeness_store_add_entries()
 *     versus raw sqlite3 prepared statements, both as ONE transaction with
 *     the same statement, schema, indexes and pragmas (WAL, synchronous=FULL,
 *     foreign_keys=ON). Goal: ratio <= 1.5.
 * (b) Open the store and populate the main models (partners, decks, prompts,
 *     events, activities, reminders) on a "ten years of a couple" database
 *     versus an empty one. Goal: difference <= 50 ms.
 *
 * Medians of repeated runs. CLOSENESS_BENCH_RUNS overrides the repeats.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "closeness-tenyears.h"
#include "store/closeness-store-private.h"
#include "closeness-bench-median.h"

#define N_ENTRIES      100000
#define N_ACTIVITIES   10
#define DAYS_EACH      (N_ENTRIES / N_ACTIVITIES / 2)

static char *work_dir;
static guint run_counter;

static char *
fresh_path (void)
{
  return g_strdup_printf ("%s/run-%u/closeness.db", work_dir, ++run_counter);
}

static GPtrArray *
make_days (void)
{
  g_autoptr(GDateTime) base = g_date_time_new_utc (1990, 1, 1, 0, 0, 0);
  GPtrArray *days = g_ptr_array_new_with_free_func (g_free);

  for (guint d = 0; d < DAYS_EACH; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (base, (int) d);

      g_ptr_array_add (days, g_date_time_format (day, "%Y-%m-%d"));
    }

  return days;
}

static ClosenessEntryInfo *
make_entries (GPtrArray    *days,
              const gint64 *activity_ids)
{
  ClosenessEntryInfo *entries = g_new0 (ClosenessEntryInfo, N_ENTRIES);
  guint n = 0;

  for (guint a = 0; a < N_ACTIVITIES; a++)
    for (guint d = 0; d < DAYS_EACH; d++)
      for (guint slot = 0; slot < 2; slot++)
        entries[n++] = (ClosenessEntryInfo) { activity_ids[a], slot, g_ptr_array_index (days, d),
                                              d % 9 == 0 ? CLOSENESS_ENTRY_REST
                                                         : CLOSENESS_ENTRY_DONE,
                                              d % 7 == 0 ? "felt good" : NULL };

  g_assert (n == N_ENTRIES);

  return entries;
}

static double
insert_through_store (GPtrArray *days)
{
  g_autofree char *path = fresh_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);
  g_autofree ClosenessEntryInfo *entries = NULL;
  gint64 ids[N_ACTIVITIES];
  gint64 start;
  double ms;

  g_assert_no_error (error);

  for (guint a = 0; a < N_ACTIVITIES; a++)
    {
      g_autofree char *name = g_strdup_printf ("Activity %u", a);
      ClosenessActivityInfo info = {
        NULL, name, NULL, NULL, CLOSENESS_OWNER_BOTH, FALSE, CLOSENESS_GOAL_DAILY, 1
      };
      g_autoptr(ClosenessActivity) activity = closeness_store_create_activity (store, &info,
                                                                               &error);

      g_assert_no_error (error);
      ids[a] = closeness_record_get_id (CLOSENESS_RECORD (activity));
    }

  entries = make_entries (days, ids);

  start = g_get_monotonic_time ();
  if (!closeness_store_add_entries (store, entries, N_ENTRIES, NULL, NULL, &error))
    g_error ("%s", error->message);
  ms = (g_get_monotonic_time () - start) / 1000.0;

  return ms;
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));
}

static double
insert_raw (GPtrArray *days)
{
  g_autofree char *path = fresh_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autofree ClosenessEntryInfo *entries = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 ids[N_ACTIVITIES];
  gint64 start, now;
  double ms;

  g_mkdir_with_parents (dir, 0700);
  g_assert (sqlite3_open (path, &db) == SQLITE_OK);
  exec_or_die (db, "PRAGMA journal_mode = WAL");
  exec_or_die (db, "PRAGMA synchronous = FULL");
  exec_or_die (db, "PRAGMA foreign_keys = ON");
  if (!_closeness_store_migrate (db, CLOSENESS_STORE_SCHEMA_VERSION, &error))
    g_error ("%s", error->message);

  for (guint a = 0; a < N_ACTIVITIES; a++)
    {
      g_autofree char *sql =
        g_strdup_printf ("INSERT INTO activities (name, owner, goal_kind, goal_count, "
                         "created_at, updated_at) VALUES ('Activity %u', 2, 0, 1, 0, 0)",
                         a);

      exec_or_die (db, sql);
      ids[a] = sqlite3_last_insert_rowid (db);
    }

  entries = make_entries (days, ids);
  now = g_get_real_time () / G_USEC_PER_SEC;

  start = g_get_monotonic_time ();
  exec_or_die (db, "BEGIN IMMEDIATE");
  g_assert (sqlite3_prepare_v2 (
              db,
              "INSERT INTO selfcare_entries (activity_id, slot, day, kind, note, updated_at) "
              "VALUES (?, ?, ?, ?, ?, ?) "
              "ON CONFLICT (activity_id, day, slot) DO UPDATE SET kind = excluded.kind, "
              "  note = excluded.note, updated_at = excluded.updated_at",
              -1, &stmt, NULL)
            == SQLITE_OK);
  for (guint i = 0; i < N_ENTRIES; i++)
    {
      sqlite3_bind_int64 (stmt, 1, entries[i].activity_id);
      sqlite3_bind_int (stmt, 2, entries[i].slot);
      sqlite3_bind_text (stmt, 3, entries[i].day, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, entries[i].kind);
      sqlite3_bind_text (stmt, 5, entries[i].note ? entries[i].note : "", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, now);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_error ("%s", sqlite3_errmsg (db));
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  exec_or_die (db, "COMMIT");
  ms = (g_get_monotonic_time () - start) / 1000.0;

  sqlite3_close (db);

  return ms;
}

static double
open_and_populate (const char *path,
                   guint      *n_items)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) store = NULL;
  gint64 start = g_get_monotonic_time ();
  double ms;
  guint n = 0;

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  n += g_list_model_get_n_items (closeness_store_get_partners (store));
  n += g_list_model_get_n_items (closeness_store_get_decks (store));
  n += g_list_model_get_n_items (closeness_store_get_prompts (store));
  n += g_list_model_get_n_items (closeness_store_get_events (store));
  n += g_list_model_get_n_items (closeness_store_get_activities (store));
  n += g_list_model_get_n_items (closeness_store_get_reminders (store));
  ms = (g_get_monotonic_time () - start) / 1000.0;

  *n_items = n;

  return ms;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) days = make_days ();
  g_autoptr(GArray) store_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) empty_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) full_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *empty_path = NULL;
  g_autofree char *full_path = NULL;
  const char *runs_env = g_getenv ("CLOSENESS_BENCH_RUNS");
  guint runs = runs_env ? (guint) atoi (runs_env) : 5;
  ClosenessTenYearsStats stats;
  guint n_empty = 0, n_full = 0;
  gint64 start;
  double a_store, a_raw, b_empty, b_full;

  work_dir = g_dir_make_tmp ("closeness-bench-XXXXXX", &error);
  g_assert_no_error (error);

  g_print ("# (a) insert %d self-care entries, one transaction each side, %u runs\n", N_ENTRIES,
           runs);
  for (guint r = 0; r < runs; r++)
    {
      /* Alternate the order so neither side always runs on a warmer cache. */
      double s, w;

      if (r % 2 == 0)
        {
          s = insert_through_store (days);
          w = insert_raw (days);
        }
      else
        {
          w = insert_raw (days);
          s = insert_through_store (days);
        }
      g_array_append_val (store_ms, s);
      g_array_append_val (raw_ms, w);
      g_print ("#   run %u: store %.1f ms, raw sqlite3 %.1f ms\n", r + 1, s, w);
    }
  a_store = closeness_bench_median (store_ms);
  a_raw = closeness_bench_median (raw_ms);
  g_print (
    "insert-100k: store API median %.1f ms, raw sqlite3 median %.1f ms, ratio %.2f (goal <= 1.5)\n",
    a_store, a_raw, a_store / a_raw);
  /* Machine-readable lines for bench/closeness-bench-all: RESULT name value unit goal */
  g_print ("RESULT store-insert-100k-store %.1f ms -\n", a_store);
  g_print ("RESULT store-insert-100k-raw %.1f ms -\n", a_raw);
  g_print ("RESULT store-insert-100k-ratio %.2f x <=1.5\n", a_store / a_raw);

  full_path = fresh_path ();
  start = g_get_monotonic_time ();
  if (!closeness_generate_ten_years (full_path, 1, &stats, &error))
    g_error ("%s", error->message);
  g_print (
    "# generated ten years in %.1f s: %u entries, %u evenings, %u custom prompts, %u answers\n",
    (g_get_monotonic_time () - start) / 1e6, stats.n_entries, stats.n_events,
    stats.n_custom_prompts, stats.n_answers);

  empty_path = fresh_path ();
  {
    g_autoptr(ClosenessStore) store = closeness_store_new (empty_path, &error);

    g_assert_no_error (error);
  }

  runs = MAX (runs * 2 + 1, 11);
  g_print ("# (b) open + populate main models, %u runs each\n", runs);
  for (guint r = 0; r < runs; r++)
    {
      double e = open_and_populate (empty_path, &n_empty);
      double f = open_and_populate (full_path, &n_full);

      g_array_append_val (empty_ms, e);
      g_array_append_val (full_ms, f);
    }
  b_empty = closeness_bench_median (empty_ms);
  b_full = closeness_bench_median (full_ms);
  g_print ("open-populate: empty median %.1f ms (%u items), ten years median %.1f ms (%u items), "
           "difference %.1f ms (goal <= 50 ms)\n",
           b_empty, n_empty, b_full, n_full, b_full - b_empty);
  g_print ("RESULT store-open-populate-empty %.1f ms -\n", b_empty);
  g_print ("RESULT store-open-populate-tenyears %.1f ms -\n", b_full);
  g_print ("RESULT store-open-populate-difference %.1f ms <=50\n", b_full - b_empty);

  if (g_getenv ("CLOSENESS_BENCH_KEEP") == NULL)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", work_dir);

      if (system (cmd) != 0)
        g_printerr ("could not remove %s\n", work_dir);
    }

  return 0;
}
