/* closeness-occurrences.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Test helper: prints every instance the app's own expansion produces for
 * the events in the store (found through the XDG dirs), one per line:
 *
 *   SUMMARY<TAB>START<TAB>END     (UTC, 'YYYY-MM-DDTHH:MM:SSZ')
 *
 * Usage: closeness-occurrences FROM_UNIX TO_UNIX
 */

#define G_LOG_DOMAIN "closeness-tests"

#include "config.h"

#include "calendar/closeness-recurrence.h"
#include "store/closeness-store.h"

static char *
format_utc (gint64 utc)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (utc);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ClosenessStore) store = NULL;
  g_autoptr(GHashTable) summaries = NULL;
  g_autoptr(GPtrArray) instances = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *events;
  gint64 from_utc, to_utc;

  if (argc != 3)
    {
      g_printerr ("Usage: %s FROM_UNIX TO_UNIX\n", argv[0]);
      return 2;
    }

  from_utc = g_ascii_strtoll (argv[1], NULL, 10);
  to_utc = g_ascii_strtoll (argv[2], NULL, 10);

  store = closeness_store_new (NULL, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  events = closeness_store_get_events (store);
  summaries = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(ClosenessEvent) event = g_list_model_get_item (events, i);

      g_hash_table_insert (summaries,
                           GINT_TO_POINTER (closeness_record_get_id (CLOSENESS_RECORD (event))),
                           g_strdup (closeness_event_get_summary (event)));
    }

  instances = closeness_recurrence_expand_events (events, from_utc, to_utc, 5000);
  for (guint i = 0; i < instances->len; i++)
    {
      ClosenessInstance *instance = g_ptr_array_index (instances, i);
      g_autofree char *start = format_utc (instance->start_utc);
      g_autofree char *end = format_utc (instance->end_utc);

      g_print ("%s\t%s\t%s\n",
               (const char *) g_hash_table_lookup (summaries, GINT_TO_POINTER (instance->event_id)),
               start, end);
    }

  return 0;
}
