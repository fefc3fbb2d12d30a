/* test-store-events.c: many events in one write (closeness_store_add_events)
 * and the month view's windowed query (closeness_store_query_events).
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store-test"

#include "config.h"

#include <sqlite3.h>

#include "store-test-utils.h"
#include "store/closeness-store-private.h"

static gint64
count_rows (ClosenessStore *store,
            const char     *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (_closeness_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return n;
}

static ClosenessStore *
new_store (void)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autoptr(GError) error = NULL;
  ClosenessStore *store = closeness_store_new (path, &error);

  g_assert_no_error (error);

  return store;
}

static ClosenessEventInfo
event_info (const char *uid,
            const char *dtstart,
            const char *tzid)
{
  ClosenessEventInfo info = {
    .uid = uid,
    .summary = "Time together",
    .dtstart = dtstart,
    .tzid = tzid,
    .duration_minutes = 30,
    .planned_by = CLOSENESS_PLANNED_BY_BOTH,
  };

  return info;
}

static void
test_add_events_refused (void)
{
  g_autoptr(ClosenessStore) store = new_store ();
  ItemsChanged ic = { 0 };
  ClosenessEventInfo events[2];
  int too_many[] = { 0, 5, 10, 15, 30, 60 };
  int negative[] = { -5 };
  ClosenessEventReminders reminders[2] = { { NULL, 0 }, { NULL, 0 } };
  GListModel *model = closeness_store_get_events (store);
  guint added = 7, updated = 7;

  g_signal_connect (model, "items-changed", G_CALLBACK (store_test_items_changed_cb), &ic);

  for (guint bad = 0; bad < 9; bad++)
    {
      g_autoptr(GError) error = NULL;
      const ClosenessEventInfo *array = events;

      events[0] = event_info ("a@test", "2026-11-10T21:00:00", "Europe/Berlin");
      events[1] = event_info ("b@test", "2026-11-11T21:00:00", "Europe/Berlin");
      reminders[0].offsets = NULL;
      reminders[0].n_offsets = 0;
      reminders[1] = reminders[0];

      /* Only the second event is bad: the first must not be written either. */
      switch (bad)
        {
        case 0: events[1].summary = "   "; break;
        case 1: events[1].dtstart = "2026-02-30T21:00:00"; break;
        case 2: events[1].tzid = "Mars/Olympus_Mons"; break;
        case 3: events[1].duration_minutes = 0; break;
        case 4: events[1].planned_by = 7; break;
        case 5:
          reminders[1].offsets = too_many;
          reminders[1].n_offsets = G_N_ELEMENTS (too_many);
          break;
        case 6: reminders[1].offsets = negative; reminders[1].n_offsets = 1; break;
        case 7: events[1].dtstart = "2301-01-01"; break;
        case 8: array = NULL; break;
        default: g_assert_not_reached ();
        }

      g_assert_false (
        closeness_store_add_events (store, array, 2, reminders, &added, &updated, &error));
      g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
      g_assert_cmpuint (added, ==, 0);
      g_assert_cmpuint (updated, ==, 0);
    }

  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM events"), ==, 0);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM reminders"), ==, 0);
  g_assert_cmpuint (ic.n_signals, ==, 0);
  g_assert_cmpuint (closeness_store_get_pending_writes (store), ==, 0);

  /* Nothing to add is not an error */
  g_assert_true (closeness_store_add_events (store, NULL, 0, NULL, &added, NULL, NULL));
  g_assert_cmpuint (added, ==, 0);
}

static void
test_add_events (void)
{
  g_autoptr(ClosenessStore) store = new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessEvent) first = NULL;
  ItemsChanged ic = { 0 }, ric = { 0 };
  ClosenessEventInfo events[3];
  int fifteen[] = { 15 };
  int two[] = { 0, 60 };
  ClosenessEventReminders reminders[3] = { { fifteen, 1 }, { two, 2 }, { NULL, 0 } };
  GListModel *model = closeness_store_get_events (store);
  GListModel *reminder_model = closeness_store_get_reminders (store);
  guint added = 0, updated = 0;
  gint64 first_id;

  g_signal_connect (model, "items-changed", G_CALLBACK (store_test_items_changed_cb), &ic);
  g_signal_connect (reminder_model, "items-changed", G_CALLBACK (store_test_items_changed_cb),
                    &ric);

  events[0] = event_info ("a@test", "2026-11-10T21:00:00", "Europe/Berlin");
  events[0].etag = "\"e1\"";
  events[0].href = "/cal/a.ics";
  events[1] = event_info ("b@test", "2026-11-11T21:00:00", "America/New_York");
  events[1].rrule = "FREQ=DAILY";
  events[2] = event_info (NULL, "2026-11-12", NULL);
  events[2].summary = "  Picnic  ";
  events[2].duration_minutes = 1440;

  g_assert_true (
    closeness_store_add_events (store, events, 3, reminders, &added, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 3);
  g_assert_cmpuint (updated, ==, 0);
  /* Exactly what happened: three rows appeared, in one signal */
  g_assert_cmpuint (ic.n_signals, ==, 1);
  g_assert_cmpuint (ic.added, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (reminder_model), ==, 3);
  {
    g_autoptr(ClosenessEvent) picnic = g_list_model_get_item (model, 2);

    g_assert_cmpstr (closeness_event_get_summary (picnic), ==, "Picnic");
    g_assert_true (g_str_has_suffix (closeness_event_get_uid (picnic), "@closeness"));
  }

  /* The same uids again: replaced in place, reminders replaced too */
  first = g_list_model_get_item (model, 0);
  first_id = closeness_record_get_id (CLOSENESS_RECORD (first));
  ic.n_signals = 0;
  ric.n_signals = 0;
  events[0].summary = "Dinner";
  events[0].etag = NULL;
  events[0].href = NULL;
  reminders[0].offsets = two;
  reminders[0].n_offsets = 2;
  g_assert_true (
    closeness_store_add_events (store, events, 2, reminders, &added, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (updated, ==, 2);
  g_assert_cmpuint (ic.n_signals, ==, 0);   /* same rows, same order: notify only */
  g_assert_cmpstr (closeness_event_get_summary (first), ==, "Dinner");
  g_assert_cmpint (closeness_record_get_id (CLOSENESS_RECORD (first)), ==, first_id);
  /* an etag and href not given are kept (calendar sync) */
  g_assert_cmpstr (closeness_event_get_etag (first), ==, "\"e1\"");
  g_assert_cmpstr (closeness_event_get_href (first), ==, "/cal/a.ics");
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM reminders"), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (reminder_model), ==, 4);

  /* Without reminders, those the events have stay */
  g_assert_true (closeness_store_add_events (store, events, 2, NULL, &added, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM reminders"), ==, 4);

  /* A deleted event comes back as added */
  g_assert_true (closeness_store_delete_event (store, first_id, &error));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_assert_true (closeness_store_add_events (store, events, 1, NULL, &added, &updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (updated, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM events"), ==, 3);
}

/* Disk full: the batch is kept (an owned copy) and saved on retry. */
static void
test_add_events_pending (void)
{
  g_autoptr(ClosenessStore) store = new_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (g_free);
  g_autofree ClosenessEventInfo *events = g_new0 (ClosenessEventInfo, 200);
  g_autofree char *notes = g_strnfill (2000, 'n');
  guint added = 9;

  for (guint i = 0; i < 200; i++)
    {
      char *uid = g_strdup_printf ("e%u@test", i);

      g_ptr_array_add (infos, uid);
      events[i] = event_info (uid, "2026-11-10T21:00:00", "Europe/Berlin");
      events[i].notes = notes;
    }

  _closeness_store_set_max_page_count (store, 1);
  g_assert_false (closeness_store_add_events (store, events, 200, NULL, &added, NULL, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_DISK_FULL);
  g_assert_cmpuint (added, ==, 0);
  g_assert_cmpuint (closeness_store_get_pending_writes (store), ==, 1);
  g_clear_error (&error);

  /* The caller's strings are gone; the store kept its own copy */
  g_ptr_array_set_size (infos, 0);
  memset (events, 0, sizeof (ClosenessEventInfo) * 200);
  memset (notes, 'x', 2000);

  _closeness_store_set_max_page_count (store, 1073741823);
  g_assert_true (closeness_store_retry_pending (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM events"), ==, 200);
  g_assert_cmpint (count_rows (store, "SELECT count(*) FROM events WHERE notes GLOB 'n*'"), ==,
                   200);
}

static gint64
local_time (const char *tzid,
            int         year,
            int         month,
            int         day,
            int         hour,
            int         minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (tzid);
  g_autoptr(GDateTime) time = g_date_time_new (tz, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
uids_of (GPtrArray *events)
{
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < events->len; i++)
    g_ptr_array_add (uids, g_strdup (closeness_event_get_uid (g_ptr_array_index (events, i))));
  g_ptr_array_sort (uids, compare_strings);
  g_ptr_array_add (uids, NULL);

  return g_strjoinv (" ", (char **) uids->pdata);
}

static char *
query_uids (ClosenessStore *store,
            gint64          from,
            gint64          to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = closeness_store_query_events (store, from, to, &error);

  g_assert_no_error (error);
  g_assert_nonnull (events);

  return uids_of (events);
}

static void
test_query_events (void)
{
  g_autoptr(ClosenessStore) store = new_store ();
  g_autoptr(GError) error = NULL;
  gint64 from = local_time ("Europe/Berlin", 2026, 11, 1, 0, 0);
  gint64 to = local_time ("Europe/Berlin", 2026, 12, 1, 0, 0);
  ClosenessEventInfo events[] = {
    event_info ("in@t", "2026-11-10T21:00:00", "Europe/Berlin"),
    event_info ("before@t", "2026-10-20T21:00:00", "Europe/Berlin"),
    event_info ("after@t", "2026-12-15T21:00:00", "Europe/Berlin"),
    event_info ("long@t", "2026-10-27T12:00:00", "Europe/Berlin"),       /* a week, into November */
    event_info ("old-series@t", "2019-01-01T21:00:00", "Europe/Berlin"), /* years earlier, no end */
    event_info ("ended@t", "2025-01-01T21:00:00", "Europe/Berlin"),      /* UNTIL before November */
    event_info ("ends-in@t", "2026-01-01T21:00:00", "Europe/Berlin"),    /* UNTIL in November */
    event_info ("later-series@t", "2027-01-01T21:00:00", "Europe/Berlin"),
    event_info ("old-series@t", "2026-11-03T21:00:00", "Europe/Berlin"), /* edited, moved away */
    event_info ("old-series@t", "2026-11-20T19:00:00", "Europe/Berlin"), /* edited, moved in */
    event_info ("old-series@t", "2025-02-01T20:00:00", "Europe/Berlin"), /* edited, far away */
    event_info ("deleted@t", "2026-11-12T21:00:00", "Europe/Berlin"),
    event_info ("edge-end@t", "2026-12-01T00:00:00", "Europe/Berlin"),   /* starts at the end */
    event_info ("edge-start@t", "2026-10-31T23:30:00", "Europe/Berlin"), /* ends at the start */
    event_info ("ny@t", "2026-11-30T17:30:00", "America/New_York"),     /* 23:30 in Berlin */
    event_info ("ny-out@t", "2026-11-30T18:00:00", "America/New_York"), /* midnight in Berlin */
    event_info ("allday@t", "2026-11-30", NULL),
  };
  guint added = 0;

  events[3].duration_minutes = 7 * 24 * 60;
  events[4].rrule = "FREQ=DAILY";
  events[5].rrule = "FREQ=WEEKLY;UNTIL=20261020T200000Z";
  events[6].rrule = "FREQ=WEEKLY;UNTIL=20261105";
  events[7].rrule = "FREQ=DAILY";
  events[8].recurrence_id = "2026-11-03T21:00:00";
  events[8].dtstart = "2027-01-05T21:00:00";
  events[9].recurrence_id = "2025-01-01T21:00:00";
  events[10].recurrence_id = "2025-02-01T21:00:00";
  events[12].duration_minutes = 60;
  events[14].duration_minutes = 30;
  events[16].duration_minutes = 1440;

  g_assert_true (
    closeness_store_add_events (store, events, G_N_ELEMENTS (events), NULL, &added, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, G_N_ELEMENTS (events));
  {
    g_autoptr(GPtrArray) all = closeness_store_query_events (store, from, to, &error);

    for (guint i = 0; i < all->len; i++)
      if (g_strcmp0 (closeness_event_get_uid (g_ptr_array_index (all, i)), "deleted@t") == 0)
        g_assert_true (
          closeness_store_delete_event (store, closeness_record_get_id (g_ptr_array_index (all, i)),
                                        &error));
    g_assert_no_error (error);
  }

  {
    g_autofree char *uids = query_uids (store, from, to);

    /* old-series@t three times: the series, the occurrence moved away from
     * 3 November (hides it) and the one moved in; (TZ=Europe/Berlin) the
     * all-day event is floating, read in this computer's zone. */
    g_assert_cmpstr (uids, ==,
                     "allday@t ends-in@t in@t long@t ny@t old-series@t old-series@t old-series@t");
  }

  /* Sorted by start, then id */
  {
    g_autoptr(GPtrArray) shown = closeness_store_query_events (store, from, to, &error);

    for (guint i = 1; i < shown->len; i++)
      g_assert_cmpstr (closeness_event_get_dtstart (g_ptr_array_index (shown, i - 1)), <=,
                       closeness_event_get_dtstart (g_ptr_array_index (shown, i)));
  }

  /* Bad windows */
  g_assert_null (closeness_store_query_events (store, to, from, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (closeness_store_query_events (store, from, from, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (closeness_store_query_events (store, G_MININT64, from, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (closeness_store_query_events (store, from, G_MAXINT64, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
}

/* Windows that begin or end on the nights the clocks change. */
static void
test_query_events_dst (void)
{
  g_autoptr(ClosenessStore) store = new_store ();
  g_autoptr(GError) error = NULL;
  ClosenessEventInfo events[] = {
    /* Europe/Berlin, autumn: 02:30 happens twice; the first (CEST) counts */
    event_info ("berlin-overlap@t", "2026-10-25T02:30:00", "Europe/Berlin"),
    /* Europe/Berlin, spring: 02:30 does not exist; read as 03:30 CEST */
    event_info ("berlin-gap@t", "2026-03-29T02:30:00", "Europe/Berlin"),
    /* America/New_York, spring and autumn */
    event_info ("ny-gap@t", "2026-03-08T02:30:00", "America/New_York"),
    event_info ("ny-overlap@t", "2026-11-01T01:30:00", "America/New_York"),
  };
  g_autofree char *uids = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    events[i].duration_minutes = 10;
  g_assert_true (
    closeness_store_add_events (store, events, G_N_ELEMENTS (events), NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* 2026-10-25 00:40 UTC is 02:40 CEST: the first 02:30 is 00:30 UTC */
  g_clear_pointer (&uids, g_free);
  uids = query_uids (store, 1792888200 /* 00:30Z */, 1792888201);
  g_assert_cmpstr (uids, ==, "berlin-overlap@t");
  g_clear_pointer (&uids, g_free);
  uids = query_uids (store, 1792888200 + 600, 1792888200 + 3600);   /* after it ends */
  g_assert_cmpstr (uids, ==, "");
  g_clear_pointer (&uids, g_free);
  uids = query_uids (store, 1792888200 + 3600, 1792888200 + 3601); /* the second 02:30 (01:30Z) */
  g_assert_cmpstr (uids, ==, "");

  /* Spring gap: 03:30 CEST = 01:30 UTC on 2026-03-29 */
  g_clear_pointer (&uids, g_free);
  uids = query_uids (store, 1774747800, 1774747801);
  g_assert_cmpstr (uids, ==, "berlin-gap@t");
  g_clear_pointer (&uids, g_free);
  uids = query_uids (store, 1774747800 - 3600, 1774747800);        /* 02:30 UTC+1 would be here */
  g_assert_cmpstr (uids, ==, "");

  /* New York: 02:30 in the gap is 03:30 EDT = 07:30 UTC; 01:30 in the
   * overlap is the first one, EDT = 05:30 UTC */
  g_clear_pointer (&uids, g_free);
  uids = query_uids (store, 1772955000, 1772955001);
  g_assert_cmpstr (uids, ==, "ny-gap@t");
  g_clear_pointer (&uids, g_free);
  uids = query_uids (store, 1793511000, 1793511001);
  g_assert_cmpstr (uids, ==, "ny-overlap@t");
  g_clear_pointer (&uids, g_free);
  uids = query_uids (store, 1793511000 + 3600, 1793511000 + 3601); /* the second 01:30 (EST) */
  g_assert_cmpstr (uids, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/events/add-refused", test_add_events_refused);
  g_test_add_func ("/store/events/add", test_add_events);
  g_test_add_func ("/store/events/add-pending", test_add_events_pending);
  g_test_add_func ("/store/events/query-window", test_query_events);
  g_test_add_func ("/store/events/query-window-dst", test_query_events_dst);

  return g_test_run ();
}
