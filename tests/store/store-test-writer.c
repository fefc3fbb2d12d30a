/* store-test-writer.c: a helper process for the reliability tests. It writes
 * through the store API and reports each commit on stdout.
 *
 *   store-test-writer kill DB FIRST       one transaction of two related rows
 *                                         per index from FIRST on, "i\n" after
 *                                         each commit, until killed
 *   store-test-writer concurrent DB SLOT N   N transactions, then a summary
 *   store-test-writer pending DB          makes changes that must wait (a page
 *                                         limit stands in for a full disk),
 *                                         "pending N\n", then waits to be killed
 *   store-test-writer ops DB OP           repeats one whole-data operation
 *                                         (backup, import, restore, recover),
 *                                         "OP N\n" after each that finished,
 *                                         until killed
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store-test"

#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store/closeness-store-private.h"

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

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
acknowledge (const char *op,
             guint       n)
{
  printf ("%s %u\n", op, n);
  fflush (stdout);
}

/* The header made unreadable, as a disk might: the next open recovers. */
static void
damage_header (const char *path)
{
  guchar junk[100];
  int fd = open (path, O_WRONLY);

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (guchar) g_random_int_range (0, 256);
  if (fd < 0 || pwrite (fd, junk, sizeof junk, 0) != (ssize_t) sizeof junk)
    exit (5);
  fsync (fd);
  close (fd);
}

static ClosenessBackup *
find_backup (ClosenessStore *store,
             const char     *suffix)
{
  g_autoptr(GListModel) backups = closeness_store_list_backups (store);

  for (guint i = 0; i < g_list_model_get_n_items (backups); i++)
    {
      g_autoptr(ClosenessBackup) backup = g_list_model_get_item (backups, i);

      if (g_str_has_suffix (closeness_backup_get_path (backup), suffix))
        return g_steal_pointer (&backup);
    }

  return NULL;
}

/* The test prepares DB (and DB.x, DB.y for import; two dated backups for
 * restore; a backup for recover). */
static int
run_ops (const char *path,
         const char *op)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) store = NULL;

  for (guint n = 1;; n++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      gboolean ok = TRUE;

      if (store == NULL || g_str_equal (op, "recover"))
        {
          g_clear_object (&store);
          if (g_str_equal (op, "recover"))
            damage_header (path);
          store = closeness_store_new (path, &error);
          if (store == NULL)
            {
              g_printerr ("cannot open: %s\n", error->message);
              return 2;
            }
        }

      if (g_str_equal (op, "backup"))
        {
          g_autoptr(ClosenessBackup) backup = NULL;

          closeness_store_backup_now_async (store, NULL, result_cb, &result);
          backup = closeness_store_backup_now_finish (store, wait_for (&result), &error);
          ok = backup != NULL;
        }
      else if (g_str_equal (op, "import"))
        {
          g_autofree char *source = g_strconcat (path, n % 2 ? ".x" : ".y", NULL);
          g_autoptr(GFile) file = g_file_new_for_path (source);

          closeness_store_import_async (store, file, NULL, result_cb, &result);
          ok = closeness_store_import_finish (store, wait_for (&result), &error);
        }
      else if (g_str_equal (op, "restore"))
        {
          g_autoptr(ClosenessBackup) backup = find_backup (store, n % 2 ? "-x.db" : "-y.db");

          if (backup == NULL)
            {
              g_printerr ("the backup to restore is missing\n");
              return 6;
            }
          closeness_store_restore_backup_async (store, backup, NULL, result_cb, &result);
          ok = closeness_store_restore_backup_finish (store, wait_for (&result), &error);
        }
      else if (g_str_equal (op, "recover"))
        ok = closeness_store_get_recovery_report (store) != NULL;
      else
        return 1;

      if (!ok)
        {
          g_printerr ("%s failed: %s\n", op, error != NULL ? error->message : "no report");
          return 4;
        }

      acknowledge (op, n);
    }
}

/* A name, an answer-sized text and an entry typed while the disk is full,
 * then a crash: the journal must bring them back. */
static int
run_pending (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);
  g_autofree char *big = g_strnfill (20000, 'n');
  gint64 activity;

  if (store == NULL)
    return 2;

  activity = ensure_activity (store, "pending");
  _closeness_store_set_max_page_count (store, 1);

  closeness_store_update_partner (store, 0, "Typed while full", "", NULL);
  for (guint i = 0; i < 40 && closeness_store_get_pending_writes (store) < 3; i++)
    {
      g_autofree char *day = day_for_index (i);
      ClosenessEntryInfo entry = { activity, 0, day, CLOSENESS_ENTRY_DONE, big };

      closeness_store_add_entries (store, &entry, 1, NULL, NULL, NULL);
    }

  printf ("pending %u\n", closeness_store_get_pending_writes (store));
  fflush (stdout);

  for (;;)
    g_usleep (G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "kill"))
    return run_kill (argv[2], g_ascii_strtoll (argv[3], NULL, 10));

  if (argc == 5 && g_str_equal (argv[1], "concurrent"))
    return run_concurrent (argv[2], (guint) atoi (argv[3]), (guint) atoi (argv[4]));

  if (argc == 3 && g_str_equal (argv[1], "pending"))
    return run_pending (argv[2]);

  if (argc == 4 && g_str_equal (argv[1], "ops"))
    return run_ops (argv[2], argv[3]);

  g_printerr ("usage: %s kill DB FIRST | concurrent DB SLOT N | ops DB OP\n", argv[0]);

  return 1;
}
