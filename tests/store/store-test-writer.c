/* store-test-writer.c: a helper process for the reliability tests. It writes
 * through the store API and reports each commit on stdout.
 *
 *   store-test-writer kill DB FIRST       one transaction of two related rows
 *                                         per index from FIRST on, "i\n" after
 *                                         each commit, until killed
 *   store-test-writer concurrent DB SLOT N   N transactions, then a summary
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store-test"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store/closeness-store.h"

#define DAYS_PER_ACTIVITY 40000

/* Index i is day 1900-01-01 + (i mod 40000) of activity "kill-loop-<i div
 * 40000>": both partners' entries for that day are one transaction. */
static char *
day_for_index (gint64 index)
{
  g_autoptr(GDateTime) base = g_date_time_new_utc (1900, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) day = g_date_time_add_days (base, (int) index);

  return g_date_time_format (day, "%Y-%m-%d");
}

static gint64
ensure_activity (ClosenessStore *store,
                 const char     *key)
{
  ClosenessActivityInfo info = {
    .builtin_key = key,
    .name = key,
    .owner = CLOSENESS_OWNER_BOTH,
    .goal_kind = CLOSENESS_GOAL_DAILY,
    .goal_count = 1,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessActivity) activity = NULL;

  for (guint attempt = 0; attempt < 5 && activity == NULL; attempt++)
    {
      g_clear_error (&error);
      activity = closeness_store_create_activity (store, &info, &error);
    }

  if (activity == NULL)
    {
      g_printerr ("cannot create the activity: %s\n", error->message);
      exit (3);
    }

  return closeness_record_get_id (CLOSENESS_RECORD (activity));
}

static int
run_kill (const char *path,
          gint64      first)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);
  gint64 activity = 0;

  if (store == NULL)
    {
      g_printerr ("cannot open: %s\n", error->message);
      return 2;
    }

  for (gint64 i = first, block = -1; i < 100 * DAYS_PER_ACTIVITY; i++)
    {
      g_autofree char *day = day_for_index (i % DAYS_PER_ACTIVITY);
      g_autofree char *note = g_strdup_printf ("txn %" G_GINT64_FORMAT, i);
      ClosenessEntryInfo pair[2];

      if (block != i / DAYS_PER_ACTIVITY)
        {
          g_autofree char *key = NULL;

          block = i / DAYS_PER_ACTIVITY;
          key = g_strdup_printf ("kill-loop-%" G_GINT64_FORMAT, block);
          activity = ensure_activity (store, key);
        }

      pair[0] = (ClosenessEntryInfo) { activity, 0, day, CLOSENESS_ENTRY_DONE, note };
      pair[1] = (ClosenessEntryInfo) { activity, 1, day, CLOSENESS_ENTRY_REST, note };

      if (!closeness_store_add_entries (store, pair, 2, NULL, NULL, &error))
        {
          g_printerr ("write failed: %s\n", error->message);
          return 4;
        }

      /* Acknowledge only after the commit returned. */
      printf ("%" G_GINT64_FORMAT "\n", i);
      fflush (stdout);
    }

  return 0;
}

static int
run_concurrent (const char *path,
                guint       slot,
                guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);
  guint failures = 0, busy = 0;
  gint64 activity;

  if (store == NULL)
    {
      g_printerr ("cannot open: %s\n", error->message);
      return 2;
    }

  activity = ensure_activity (store, "concurrent");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *day = day_for_index (i);
      g_autofree char *value = g_strdup_printf ("%u-%u", slot, i);
      ClosenessEntryInfo entry = { activity, slot, day, CLOSENESS_ENTRY_DONE, NULL };
      g_autofree char *key = g_strdup_printf ("writer-%u", slot);

      if (closeness_store_log_entry (store, &entry, &error) == 0 ||
          !closeness_store_set_state (store, key, value, &error))
        {
          failures++;
          if (g_error_matches (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_BUSY))
            busy++;
          g_clear_error (&error);
        }
    }

  printf ("failures=%u busy=%u pending=%u\n", failures, busy,
          closeness_store_get_pending_writes (store));
  fflush (stdout);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "kill"))
    return run_kill (argv[2], g_ascii_strtoll (argv[3], NULL, 10));

  if (argc == 5 && g_str_equal (argv[1], "concurrent"))
    return run_concurrent (argv[2], (guint) atoi (argv[3]), (guint) atoi (argv[4]));

  g_printerr ("usage: %s kill DB FIRST | concurrent DB SLOT N\n", argv[0]);

  return 1;
}
