/* bench-calendar.c: 5,000 events of which 100 recurring.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints the median of repeated runs for building one month's view (the
 * store's windowed query, closeness_store_query_events(), plus expansion, on
 * a freshly opened store; goal ≤ 20 ms) and for importing a
 * 5,000-event .ics into an empty store (goal ≤ 1 s).
 */

#include <glib/gstdio.h>

#include "calendar/closeness-ics.h"
#include "calendar/closeness-recurrence.h"
#include "closeness-bench-median.h"

#define N_EVENTS     5000
#define N_RECURRING  100

static char *
make_ics (void)
{
  GString *text = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n");
  const char *rules[] = { "FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,WE,FR", "FREQ=DAILY;INTERVAL=2",
                          "FREQ=WEEKLY;INTERVAL=2", "FREQ=MONTHLY;BYDAY=2SA" };

  for (guint i = 0; i < N_EVENTS; i++)
    {
      /* Spread over 2025–2027 so a month holds ~140 single events. */
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, 1, 2025);
      g_date_add_days (&date, (i * 7919) % (3 * 365));
      g_string_append_printf (
        text,
        "BEGIN:VEVENT\r\nUID:bench-%u@closeness\r\nDTSTAMP:20260101T000000Z\r\n"
        "DTSTART;TZID=Europe/Berlin:%04d%02d%02dT%02d%02d00\r\nDURATION:PT30M\r\n"
        "SUMMARY:Evening %u\r\nDESCRIPTION:Notes for evening %u\r\n",
        i, g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 18 + i % 4,
        (i % 4) * 15, i, i);
      if (i < N_RECURRING)
        g_string_append_printf (text, "RRULE:%s\r\n", rules[i % G_N_ELEMENTS (rules)]);
      g_string_append (text, "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\n"
                             "DESCRIPTION:x\r\nEND:VALARM\r\nEND:VEVENT\r\n");
    }
  g_string_append (text, "END:VCALENDAR\r\n");

  return g_string_free (text, FALSE);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *ics = make_ics ();
  g_autoptr(GArray) import_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) month_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) expand_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) query_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) all_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) export_ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint queried_events = 0;
  g_autofree char *keep_dir = NULL;
  g_autofree char *keep_path = NULL;
  gsize length = strlen (ics);
  guint shown = 0;

  for (guint run = 0; run < 5; run++)
    {
      g_autofree char *dir = g_dir_make_tmp ("closeness-bench-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "closeness.db", NULL);
      g_autoptr(ClosenessStore) store = closeness_store_new (path, NULL);
      g_autoptr(ClosenessIcsImport) import = NULL;
      g_autoptr(GError) error = NULL;
      gint64 started = g_get_monotonic_time ();
      double ms;

      import = closeness_ics_parse (ics, length, &error);
      if (import == NULL || !closeness_ics_import_commit (import, store, &error))
        g_error ("Import failed: %s", error->message);
      ms = (g_get_monotonic_time () - started) / 1000.0;
      g_array_append_val (import_ms, ms);
      g_assert_cmpuint (g_list_model_get_n_items (closeness_store_get_events (store)), ==,
                        N_EVENTS);

      /* The export reads every stored component again and writes it back,
       * patched where the store differs. */
      {
        g_autofree char *exported = NULL;
        guint n = 0;

        started = g_get_monotonic_time ();
        exported = closeness_ics_export (store, 0, &n, &error);
        if (exported == NULL || n != N_EVENTS)
          g_error ("Export failed");
        ms = (g_get_monotonic_time () - started) / 1000.0;
        g_array_append_val (export_ms, ms);
      }

      g_clear_object (&store);
      if (run == 0)
        {
          keep_dir = g_steal_pointer (&dir);
          keep_path = g_steal_pointer (&path);
        }
      else
        remove_dir (dir);
    }

  /* One month's view, as the page builds it: ask a freshly opened store for
   * the events that can occur in November 2026 plus its grid days (the
   * windowed query), then expand them. */
  for (guint run = 0; run < 21; run++)
    {
      g_autoptr(ClosenessStore) store = closeness_store_new (keep_path, NULL);
      g_autoptr(GDateTime) from = g_date_time_new_local (2026, 10, 26, 0, 0, 0);
      g_autoptr(GDateTime) to = g_date_time_add_days (from, 42);
      g_autoptr(GPtrArray) instances = NULL;
      g_autoptr(GPtrArray) events = NULL;
      g_autoptr(GListStore) list = NULL;
      g_autoptr(GError) error = NULL;
      gint64 started = g_get_monotonic_time ();
      gint64 queried;
      double ms;

      events = closeness_store_query_events (store, g_date_time_to_unix (from),
                                             g_date_time_to_unix (to), &error);
      if (events == NULL)
        g_error ("Query failed: %s", error->message);
      queried = g_get_monotonic_time ();
      list = g_list_store_new (CLOSENESS_TYPE_EVENT);
      g_list_store_splice (list, 0, 0, events->pdata, events->len);
      instances = closeness_recurrence_expand_events (G_LIST_MODEL (list),
                                                      g_date_time_to_unix (from),
                                                      g_date_time_to_unix (to), 400);
      ms = (g_get_monotonic_time () - started) / 1000.0;
      g_array_append_val (month_ms, ms);
      ms = (g_get_monotonic_time () - queried) / 1000.0;
      g_array_append_val (expand_ms, ms);
      ms = (queried - started) / 1000.0;
      g_array_append_val (query_ms, ms);
      shown = instances->len;
      queried_events = events->len;
    }

  /* For comparison: what the month view cost before the windowed query
   * (every event loaded as an object, then expanded). */
  for (guint run = 0; run < 11; run++)
    {
      g_autoptr(ClosenessStore) store = closeness_store_new (keep_path, NULL);
      g_autoptr(GDateTime) from = g_date_time_new_local (2026, 10, 26, 0, 0, 0);
      g_autoptr(GDateTime) to = g_date_time_add_days (from, 42);
      g_autoptr(GPtrArray) instances = NULL;
      gint64 started = g_get_monotonic_time ();
      double ms;

      instances = closeness_recurrence_expand_events (closeness_store_get_events (store),
                                                      g_date_time_to_unix (from),
                                                      g_date_time_to_unix (to), 400);
      ms = (g_get_monotonic_time () - started) / 1000.0;
      g_array_append_val (all_ms, ms);
      if (instances->len != shown)
        g_error ("The windowed query shows %u instances, all events %u", shown, instances->len);
    }

  g_print ("calendar: 5,000 events (100 recurring), %zu KiB .ics\n", length / 1024);
  g_print (
    "import 5,000-event .ics (parse + one transaction), median of %u: %.1f ms (goal <= 1000 ms)\n",
    import_ms->len, closeness_bench_median (import_ms));
  g_print ("export of the same 5,000 events (each stored component read again and patched), "
           "median of %u: %.1f ms\n", export_ms->len, closeness_bench_median (export_ms));
  g_print ("month view (windowed store query of %u events + expansion, %u instances), "
           "median of %u: %.1f ms (goal <= 20 ms)\n",
           queried_events, shown, month_ms->len, closeness_bench_median (month_ms));
  g_print ("  of which query %.1f ms, expansion %.1f ms\n", closeness_bench_median (query_ms),
           closeness_bench_median (expand_ms));
  g_print ("  for comparison, all 5,000 events loaded then expanded (same instances): %.1f ms\n",
           closeness_bench_median (all_ms));
  /* Machine-readable lines for bench/closeness-bench-all: RESULT name value unit goal */
  g_print ("RESULT calendar-import-5000 %.1f ms <=1000\n", closeness_bench_median (import_ms));
  g_print ("RESULT calendar-export-5000 %.1f ms -\n", closeness_bench_median (export_ms));
  g_print ("RESULT calendar-month-view %.1f ms <=20\n", closeness_bench_median (month_ms));
  g_print ("RESULT calendar-month-query %.1f ms -\n", closeness_bench_median (query_ms));
  g_print ("RESULT calendar-month-expansion %.1f ms -\n", closeness_bench_median (expand_ms));

  remove_dir (keep_dir);

  return 0;
}
