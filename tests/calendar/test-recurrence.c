/* test-recurrence.c: recurrence expansion, time zones and DST, and the
 * "this evening / whole series" rows, without a display.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <locale.h>

#include "calendar/closeness-calendar-logic.h"
#include "calendar/closeness-recurrence.h"

static gint64
utc_of (const char *iso)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static char *
local_of (gint64      utc,
          const char *tzid)
{
  return closeness_recurrence_utc_to_local (utc, tzid, FALSE);
}

static GArray *
expand (const char *dtstart,
        const char *tzid,
        const char *rrule,
        const char *exdates,
        const char *from,
        const char *to,
        guint       max)
{
  g_autoptr(GError) error = NULL;
  GArray *out = closeness_recurrence_expand_full (dtstart, tzid, 30, rrule, exdates,
                                                  utc_of (from), utc_of (to), max, &error);

  g_assert_no_error (error);
  g_assert_nonnull (out);
  return out;
}

static void
test_daily_window_and_count (void)
{
  g_autoptr(GArray) all = expand ("2026-01-01T21:00:00", "Europe/Berlin", "FREQ=DAILY", NULL,
                                  "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", 1000);
  g_autoptr(GArray) few = expand ("2026-01-01T21:00:00", "Europe/Berlin", "FREQ=DAILY", NULL,
                                  "2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", 5);
  g_autoptr(GArray) count = expand ("2026-01-01T21:00:00", "Europe/Berlin", "FREQ=DAILY;COUNT=3",
                                    NULL, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z", 100);
  ClosenessOccurrence *first = &g_array_index (all, ClosenessOccurrence, 0);

  g_assert_cmpuint (all->len, ==, 31);
  g_assert_cmpuint (few->len, ==, 5);
  g_assert_cmpuint (count->len, ==, 3);
  g_assert_cmpint (first->start_utc, ==, utc_of ("2026-01-01T20:00:00Z"));
  g_assert_cmpint (first->end_utc - first->start_utc, ==, 30 * 60);
  g_assert_cmpstr (first->recurrence_id, ==, "2026-01-01T21:00:00");
}

static void
test_weekdays_interval_and_exdates (void)
{
  g_autoptr(GArray) weekdays = expand ("2026-11-02T21:00:00", "Europe/Berlin",
                                       "FREQ=WEEKLY;BYDAY=MO,WE,FR", "2026-11-04T21:00:00",
                                       "2026-11-01T00:00:00Z", "2026-11-15T00:00:00Z", 100);
  g_autoptr(GArray) every_three = expand ("2026-11-01T20:00:00", "Europe/Berlin",
                                          "FREQ=DAILY;INTERVAL=3", NULL,
                                          "2027-03-01T00:00:00Z", "2027-03-31T00:00:00Z", 100);

  /* Mo 2, Fr 6, Mo 9, We 11, Fr 13 (We 4 excluded). */
  g_assert_cmpuint (weekdays->len, ==, 5);
  g_assert_cmpstr (g_array_index (weekdays, ClosenessOccurrence, 1).recurrence_id, ==,
                   "2026-11-06T21:00:00");

  /* The jump to the window keeps the phase of the series: every third day
   * from 1 November 2026 falls on 1 March 2027 (120 days later). */
  g_assert_cmpuint (every_three->len, >, 0);
  g_assert_cmpstr (g_array_index (every_three, ClosenessOccurrence, 0).recurrence_id, ==,
                   "2027-03-01T20:00:00");
  for (guint i = 0; i < every_three->len; i++)
    {
      ClosenessOccurrence *o = &g_array_index (every_three, ClosenessOccurrence, i);
      GDate a, b;

      g_date_clear (&a, 1);
      g_date_clear (&b, 1);
      g_date_set_dmy (&a, 1, 11, 2026);
      g_date_set_dmy (&b, (GDateDay) g_ascii_strtoll (o->recurrence_id + 8, NULL, 10),
                      (GDateMonth) g_ascii_strtoll (o->recurrence_id + 5, NULL, 10),
                      (GDateYear) g_ascii_strtoll (o->recurrence_id, NULL, 10));
      g_assert_cmpint (g_date_days_between (&a, &b) % 3, ==, 0);
    }
}

/* 21:00 Europe/Berlin stays 21:00 local across both DST changes. */
static void
test_evening_across_dst_berlin (void)
{
  g_autoptr(GArray) spring = expand ("2026-03-20T21:00:00", "Europe/Berlin", "FREQ=DAILY", NULL,
                                     "2026-03-27T00:00:00Z", "2026-03-31T00:00:00Z", 10);
  g_autoptr(GArray) autumn = expand ("2026-10-20T21:00:00", "Europe/Berlin", "FREQ=DAILY", NULL,
                                     "2026-10-24T00:00:00Z", "2026-10-27T00:00:00Z", 10);

  g_assert_cmpuint (spring->len, ==, 4);
  for (guint i = 0; i < spring->len; i++)
    {
      g_autofree char *local = local_of (g_array_index (spring, ClosenessOccurrence, i).start_utc,
                                         "Europe/Berlin");
      g_assert_true (g_str_has_suffix (local, "T21:00:00"));
    }
  /* 28 March: CET (UTC+1), 29 March: CEST (UTC+2). */
  g_assert_cmpint (g_array_index (spring, ClosenessOccurrence, 1).start_utc, ==,
                   utc_of ("2026-03-28T20:00:00Z"));
  g_assert_cmpint (g_array_index (spring, ClosenessOccurrence, 2).start_utc, ==,
                   utc_of ("2026-03-29T19:00:00Z"));

  g_assert_cmpuint (autumn->len, ==, 3);
  g_assert_cmpint (g_array_index (autumn, ClosenessOccurrence, 0).start_utc, ==,
                   utc_of ("2026-10-24T19:00:00Z"));
  g_assert_cmpint (g_array_index (autumn, ClosenessOccurrence, 1).start_utc, ==,
                   utc_of ("2026-10-25T20:00:00Z"));
}

/* A daily 02:30: on the spring-forward day it happens at 03:30 CEST (the
 * offset before the gap, RFC 5545), and at 02:30 again the day after
 * (libical alone kept 03:30). In the autumn overlap it is the first 02:30. */
static void
test_gap_and_overlap_berlin (void)
{
  g_autoptr(GArray) spring = expand ("2026-03-27T02:30:00", "Europe/Berlin", "FREQ=DAILY", NULL,
                                     "2026-03-28T00:00:00Z", "2026-03-31T00:00:00Z", 10);
  g_autoptr(GArray) autumn = expand ("2026-10-23T02:30:00", "Europe/Berlin", "FREQ=DAILY", NULL,
                                     "2026-10-25T00:00:00Z", "2026-10-26T12:00:00Z", 10);

  g_assert_cmpuint (spring->len, ==, 3);
  g_assert_cmpint (g_array_index (spring, ClosenessOccurrence, 1).start_utc, ==,
                   utc_of ("2026-03-29T01:30:00Z"));   /* 03:30 CEST */
  g_assert_cmpstr (g_array_index (spring, ClosenessOccurrence, 1).recurrence_id, ==,
                   "2026-03-29T02:30:00");
  g_assert_cmpint (g_array_index (spring, ClosenessOccurrence, 2).start_utc, ==,
                   utc_of ("2026-03-30T00:30:00Z"));   /* 02:30 CEST again */

  g_assert_cmpuint (autumn->len, ==, 2);
  g_assert_cmpint (g_array_index (autumn, ClosenessOccurrence, 0).start_utc, ==,
                   utc_of ("2026-10-25T00:30:00Z"));   /* the first 02:30, CEST */
  g_assert_cmpint (g_array_index (autumn, ClosenessOccurrence, 1).start_utc, ==,
                   utc_of ("2026-10-26T01:30:00Z"));   /* 02:30 CET */
}

/* Expanding a late window jumps close to it (libical's set_start); the
 * result must equal the same part of a walk from the series start. */
static void
test_jump_matches_walk (void)
{
  const char *rules[] = {
    "FREQ=DAILY", "FREQ=DAILY;INTERVAL=3", "FREQ=WEEKLY;INTERVAL=2",
    "FREQ=WEEKLY;BYDAY=TU,SA", "FREQ=WEEKLY;INTERVAL=3;BYDAY=MO,FR",
    "FREQ=MONTHLY;BYDAY=2SA", "FREQ=MONTHLY;BYMONTHDAY=-1", "FREQ=MONTHLY;INTERVAL=5;BYMONTHDAY=15",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(GArray) walk = expand ("2019-03-05T20:15:00", "Europe/Berlin", rules[i], NULL,
                                       "2019-03-01T00:00:00Z", "2033-01-01T00:00:00Z", 100000);
      g_autoptr(GArray) jump = expand ("2019-03-05T20:15:00", "Europe/Berlin", rules[i], NULL,
                                       "2032-01-01T00:00:00Z", "2033-01-01T00:00:00Z", 100000);
      guint first = 0;

      while (first < walk->len
             && g_array_index (walk, ClosenessOccurrence, first).end_utc
                  <= utc_of ("2032-01-01T00:00:00Z"))
        first++;

      g_test_message ("%s: %u in 2032", rules[i], jump->len);
      g_assert_cmpuint (jump->len, >, 0);
      g_assert_cmpuint (walk->len - first, ==, jump->len);
      for (guint j = 0; j < jump->len; j++)
        g_assert_cmpstr (g_array_index (walk, ClosenessOccurrence, first + j).recurrence_id, ==,
                         g_array_index (jump, ClosenessOccurrence, j).recurrence_id);
    }
}

static void
test_gap_and_overlap_new_york (void)
{
  gint64 utc = 0;
  g_autoptr(GArray) days = NULL;

  /* 8 March 2026, 02:30 does not exist: read as EST, 07:30Z = 03:30 EDT. */
  g_assert_true (
    closeness_recurrence_local_to_utc ("2026-03-08T02:30:00", "America/New_York", &utc));
  g_assert_cmpint (utc, ==, utc_of ("2026-03-08T07:30:00Z"));
  /* 1 November 2026, 01:30 happens twice: the first (EDT, 05:30Z). */
  g_assert_true (
    closeness_recurrence_local_to_utc ("2026-11-01T01:30:00", "America/New_York", &utc));
  g_assert_cmpint (utc, ==, utc_of ("2026-11-01T05:30:00Z"));

  days = expand ("2026-03-06T21:00:00", "America/New_York", "FREQ=DAILY", NULL,
                 "2026-03-07T00:00:00Z", "2026-03-10T06:00:00Z", 10);
  g_assert_cmpuint (days->len, ==, 4);
  g_assert_cmpint (g_array_index (days, ClosenessOccurrence, 1).start_utc, ==,
                   utc_of ("2026-03-08T02:00:00Z"));   /* 7 March 21:00 EST */
  g_assert_cmpint (g_array_index (days, ClosenessOccurrence, 2).start_utc, ==,
                   utc_of ("2026-03-09T01:00:00Z"));   /* 8 March 21:00 EDT */
}

static void
test_all_day_and_floating (void)
{
  g_autoptr(GArray) days = expand ("2026-02-14", "", "FREQ=YEARLY", NULL,
                                   "2026-01-01T00:00:00Z", "2029-01-01T00:00:00Z", 10);

  g_assert_cmpuint (days->len, ==, 3);
  g_assert_cmpstr (g_array_index (days, ClosenessOccurrence, 0).recurrence_id, ==, "2026-02-14");
  /* Floating: the zone of this computer (TZ=Europe/Berlin in tests). */
  g_assert_cmpint (g_array_index (days, ClosenessOccurrence, 0).start_utc, ==,
                   utc_of ("2026-02-13T23:00:00Z"));
}

static void
test_hostile_rules_are_refused_quickly (void)
{
  const char *rules[] = {
    "FREQ=SECONDLY",
    "FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=31",
    "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=MONTHLY;BYMONTHDAY=1;BYDAY=2SU",
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=DAILY;INTERVAL=100000",
    "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO",
    "NOT A RULE",
  };

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) out = NULL;
      gint64 started = g_get_monotonic_time ();
      int expected = (i + 1 == G_N_ELEMENTS (rules)) ? CLOSENESS_RECURRENCE_ERROR_INVALID
                                                     : CLOSENESS_RECURRENCE_ERROR_TOO_COMPLEX;

      g_assert_false (closeness_recurrence_check_rrule (rules[i], "2026-01-01T21:00:00", &error));
      g_assert_true (error->domain == CLOSENESS_RECURRENCE_ERROR);
      /* INTERVAL=100000 does not even fit libical's parser: invalid. */
      if (expected == CLOSENESS_RECURRENCE_ERROR_INVALID)
        g_assert_cmpint (error->code, ==, expected);
      g_clear_error (&error);

      out = closeness_recurrence_expand_full ("2026-01-01T21:00:00", "Europe/Berlin", 30, rules[i],
                                              NULL, 0, G_MAXINT32, 1000, &error);
      g_assert_null (out);
      g_assert_nonnull (error);
      g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC / 2);
    }

  /* Legitimate rules from calendar programs pass. */
  g_assert_true (
    closeness_recurrence_check_rrule ("FREQ=MONTHLY;BYDAY=2SA", "2026-01-10T19:00:00", NULL));
  g_assert_true (closeness_recurrence_check_rrule ("FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
                                                   "2026-02-13T19:00:00", NULL));
  g_assert_true (
    closeness_recurrence_check_rrule ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "2028-02-29", NULL));
  g_assert_true (closeness_recurrence_check_rrule ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
                                                   "2026-01-30T19:00:00", NULL));
}

static void
test_budget_bounds_a_huge_window (void)
{
  gint64 started = g_get_monotonic_time ();
  g_autoptr(GArray) out =
    expand ("1900-01-01T21:00:00", "Europe/Berlin", "FREQ=DAILY;COUNT=1000000", NULL,
            "1900-01-01T00:00:00Z", "2200-01-01T00:00:00Z", G_MAXUINT);

  g_assert_cmpuint (out->len, <=, CLOSENESS_RECURRENCE_MAX_STEPS);
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
}

static void
test_exdate_helpers (void)
{
  g_autofree char *one = closeness_recurrence_add_exdate ("", "2026-01-01T21:00:00");
  g_autofree char *two = closeness_recurrence_add_exdate (one, "2026-01-02T21:00:00");
  g_autofree char *same = closeness_recurrence_add_exdate (two, "2026-01-01T21:00:00");

  g_assert_cmpstr (two, ==, "2026-01-01T21:00:00,2026-01-02T21:00:00");
  g_assert_cmpstr (same, ==, two);
  g_assert_true (closeness_recurrence_has_exdate (two, "2026-01-02T21:00:00"));
  g_assert_false (closeness_recurrence_has_exdate (two, "2026-01-02T21:00"));
}

/* "This evening" and "whole series" as store rows: an EXDATE hides one
 * occurrence, an edited occurrence replaces it, a series update moves all. */
static void
test_this_occurrence_and_series (void)
{
  g_autofree char *dir = g_dir_make_tmp ("closeness-recurrence-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "closeness.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);
  g_autoptr(ClosenessEvent) series = NULL;
  g_autoptr(ClosenessEvent) edited = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  ClosenessEventInfo info = { 0, };
  gint64 from = utc_of ("2026-11-01T00:00:00Z"), to = utc_of ("2026-11-08T00:00:00Z");
  ClosenessInstance *third;

  g_assert_no_error (error);

  info.uid = "series@closeness";
  info.summary = "Time together";
  info.dtstart = "2026-11-01T21:00:00";
  info.tzid = "Europe/Berlin";
  info.duration_minutes = 30;
  info.rrule = "FREQ=DAILY";
  info.planned_by = CLOSENESS_PLANNED_BY_BOTH;
  series = closeness_store_create_event (store, &info, &error);
  g_assert_no_error (error);

  shown = closeness_recurrence_expand_events (closeness_store_get_events (store), from, to, 100);
  g_assert_cmpuint (shown->len, ==, 7);
  g_clear_pointer (&shown, g_ptr_array_unref);

  /* Delete this occurrence (3 November). */
  info.exdates = "2026-11-03T21:00:00";
  g_assert_true (closeness_store_update_event (store,
                                               closeness_record_get_id (CLOSENESS_RECORD (series)),
                                               &info, &error));
  shown = closeness_recurrence_expand_events (closeness_store_get_events (store), from, to, 100);
  g_assert_cmpuint (shown->len, ==, 6);
  g_clear_pointer (&shown, g_ptr_array_unref);

  /* Edit this occurrence (4 November at 22:00 instead of 21:00). */
  info.rrule = NULL;
  info.exdates = NULL;
  info.recurrence_id = "2026-11-04T21:00:00";
  info.dtstart = "2026-11-04T22:00:00";
  edited = closeness_store_create_event (store, &info, &error);
  g_assert_no_error (error);
  shown = closeness_recurrence_expand_events (closeness_store_get_events (store), from, to, 100);
  g_assert_cmpuint (shown->len, ==, 6);
  third = g_ptr_array_index (shown, 2);
  g_assert_cmpint (third->event_id, ==, closeness_record_get_id (CLOSENESS_RECORD (edited)));
  g_assert_cmpint (third->start_utc, ==, utc_of ("2026-11-04T21:00:00Z"));
  g_assert_true (third->is_recurring);
  g_clear_pointer (&shown, g_ptr_array_unref);

  /* The whole series to 20:00: every other evening moves, the edited one stays. */
  info.recurrence_id = NULL;
  info.dtstart = "2026-11-01T20:00:00";
  info.rrule = "FREQ=DAILY";
  info.exdates = "2026-11-03T20:00:00";
  g_assert_true (closeness_store_update_event (store,
                                               closeness_record_get_id (CLOSENESS_RECORD (series)),
                                               &info, &error));
  shown = closeness_recurrence_expand_events (closeness_store_get_events (store), from, to, 100);
  g_assert_cmpuint (shown->len, ==, 7);   /* the 4th at 20:00 is not the edited one's id */
  g_assert_cmpint (((ClosenessInstance *) g_ptr_array_index (shown, 0))->start_utc, ==,
                   utc_of ("2026-11-01T19:00:00Z"));

  g_clear_object (&store);
  g_remove (path);
}

static void
test_form_validation (void)
{
  ClosenessEventForm form = { "Time together", 2026, 11, 21, 21, 0, 30,
                              CLOSENESS_REPEAT_NONE, 0, 1, 15 };
  g_autoptr(GError) error = NULL;
  g_autofree char *rrule = NULL;
  guint weekdays;
  int interval;

  g_assert_true (closeness_event_form_validate (&form, NULL));

  form.title = "   ";
  g_assert_false (closeness_event_form_validate (&form, &error));
  g_assert_error (error, CLOSENESS_CALENDAR_ERROR, CLOSENESS_CALENDAR_ERROR_TITLE);
  g_clear_error (&error);
  form.title = "Time together";

  form.duration_minutes = 0;
  g_assert_false (closeness_event_form_validate (&form, &error));
  g_assert_error (error, CLOSENESS_CALENDAR_ERROR, CLOSENESS_CALENDAR_ERROR_DURATION);
  g_clear_error (&error);
  form.duration_minutes = -30;
  g_assert_false (closeness_event_form_validate (&form, NULL));
  /* A holiday imported from another calendar may last weeks. */
  form.duration_minutes = 21 * 24 * 60;
  g_assert_true (closeness_event_form_validate (&form, NULL));
  form.duration_minutes = CLOSENESS_STORE_MAX_DURATION_MINUTES + 1;
  g_assert_false (closeness_event_form_validate (&form, &error));
  g_assert_error (error, CLOSENESS_CALENDAR_ERROR, CLOSENESS_CALENDAR_ERROR_DURATION);
  g_clear_error (&error);
  form.duration_minutes = 30;

  form.year = 2201;
  g_assert_false (closeness_event_form_validate (&form, &error));
  g_assert_error (error, CLOSENESS_CALENDAR_ERROR, CLOSENESS_CALENDAR_ERROR_DATE);
  g_clear_error (&error);
  form.year = 2026;
  form.month = 2;
  form.day = 30;
  g_assert_false (closeness_event_form_validate (&form, NULL));
  form.month = 11;
  form.day = 21;

  form.repeat = CLOSENESS_REPEAT_WEEKDAYS;
  g_assert_false (closeness_event_form_validate (&form, NULL));
  form.weekdays = CLOSENESS_WEEKDAY_BIT (G_DATE_MONDAY) | CLOSENESS_WEEKDAY_BIT (G_DATE_SATURDAY);
  g_assert_true (closeness_event_form_validate (&form, NULL));
  rrule = closeness_event_form_dup_rrule (&form);
  g_assert_cmpstr (rrule, ==, "FREQ=WEEKLY;BYDAY=MO,SA");
  g_assert_cmpint (closeness_repeat_from_rrule (rrule, &weekdays, &interval), ==,
                   CLOSENESS_REPEAT_WEEKDAYS);
  g_assert_cmpuint (weekdays, ==, form.weekdays);
  g_assert_cmpint (closeness_repeat_from_rrule ("FREQ=WEEKLY;INTERVAL=2", &weekdays, &interval),
                   ==, CLOSENESS_REPEAT_WEEKS);
  g_assert_cmpint (interval, ==, 2);
  g_assert_cmpint (closeness_repeat_from_rrule ("FREQ=MONTHLY;BYDAY=2SA", &weekdays, &interval),
                   ==, CLOSENESS_REPEAT_CUSTOM);
}

/* Until a date, a number of times, every month, every year: what the
 * editor writes is read back the same, and expands to those evenings. */
static void
test_form_series_ends (void)
{
  ClosenessEventForm form = { "Anniversary", 2026, 10, 31, 20, 0, 120,
                              CLOSENESS_REPEAT_MONTHLY, 0, 1, 0, };
  g_autofree char *monthly = NULL;
  g_autofree char *until = NULL;
  g_autofree char *yearly = NULL;
  g_autoptr(GArray) occurrences = NULL;
  g_autoptr(GError) error = NULL;
  guint weekdays;
  int interval, y, m, d, count;

  /* The 31st: months without one are left out (RFC 5545), four times. */
  form.end = CLOSENESS_REPEAT_END_COUNT;
  form.count = 4;
  form.tzid = "Europe/Berlin";
  g_assert_true (closeness_event_form_validate (&form, NULL));
  monthly = closeness_event_form_dup_rrule (&form);
  g_assert_cmpstr (monthly, ==, "FREQ=MONTHLY;COUNT=4");
  g_assert_cmpint (closeness_repeat_from_rrule (monthly, &weekdays, &interval), ==,
                   CLOSENESS_REPEAT_MONTHLY);
  g_assert_cmpint (closeness_repeat_end_from_rrule (monthly, "Europe/Berlin", &y, &m, &d, &count),
                   ==, CLOSENESS_REPEAT_END_COUNT);
  g_assert_cmpint (count, ==, 4);
  occurrences =
    closeness_recurrence_expand_full ("2026-10-31T20:00:00", "Europe/Berlin", 120, monthly, NULL, 0,
                                      G_GINT64_CONSTANT (4102444800), 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (occurrences->len, ==, 4);
  g_assert_cmpstr (g_array_index (occurrences, ClosenessOccurrence, 1).recurrence_id, ==,
                   "2026-12-31T20:00:00");
  g_assert_cmpstr (g_array_index (occurrences, ClosenessOccurrence, 3).recurrence_id, ==,
                   "2027-03-31T20:00:00");
  g_clear_pointer (&occurrences, g_array_unref);

  /* Until 31 March 2027 in Berlin, that day included: its last second in
   * UTC, read back as that date. */
  form.end = CLOSENESS_REPEAT_END_DATE;
  form.until_year = 2027;
  form.until_month = 3;
  form.until_day = 31;
  until = closeness_event_form_dup_rrule (&form);
  g_assert_cmpstr (until, ==, "FREQ=MONTHLY;UNTIL=20270331T215959Z");
  g_assert_cmpint (closeness_repeat_end_from_rrule (until, "Europe/Berlin", &y, &m, &d, &count), ==,
                   CLOSENESS_REPEAT_END_DATE);
  g_assert_cmpint (y * 10000 + m * 100 + d, ==, 20270331);
  occurrences =
    closeness_recurrence_expand_full ("2026-10-31T20:00:00", "Europe/Berlin", 120, until, NULL, 0,
                                      G_GINT64_CONSTANT (4102444800), 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (occurrences->len, ==, 4);   /* Oct, Dec, Jan, Mar */
  g_clear_pointer (&occurrences, g_array_unref);
  form.until_day = 30;
  g_free (until);
  until = closeness_event_form_dup_rrule (&form);
  occurrences =
    closeness_recurrence_expand_full ("2026-10-31T20:00:00", "Europe/Berlin", 120, until, NULL, 0,
                                      G_GINT64_CONSTANT (4102444800), 100, &error);
  g_assert_cmpuint (occurrences->len, ==, 3);   /* 31 March is after the end */

  /* An end before the first evening is refused with a reason. */
  form.until_year = 2026;
  form.until_month = 10;
  form.until_day = 30;
  g_assert_false (closeness_event_form_validate (&form, &error));
  g_assert_error (error, CLOSENESS_CALENDAR_ERROR, CLOSENESS_CALENDAR_ERROR_REPEAT);
  g_clear_error (&error);
  form.end = CLOSENESS_REPEAT_END_COUNT;
  form.count = 0;
  g_assert_false (closeness_event_form_validate (&form, NULL));

  form.repeat = CLOSENESS_REPEAT_YEARLY;
  form.end = CLOSENESS_REPEAT_END_NEVER;
  g_assert_true (closeness_event_form_validate (&form, NULL));
  yearly = closeness_event_form_dup_rrule (&form);
  g_assert_cmpstr (yearly, ==, "FREQ=YEARLY");
  g_assert_cmpint (closeness_repeat_from_rrule (yearly, &weekdays, &interval), ==,
                   CLOSENESS_REPEAT_YEARLY);
  g_assert_cmpint (closeness_repeat_end_from_rrule (yearly, "Europe/Berlin", &y, &m, &d, &count),
                   ==, CLOSENESS_REPEAT_END_NEVER);
  /* A floating series ends at a floating time. */
  form.tzid = "";
  form.end = CLOSENESS_REPEAT_END_DATE;
  form.until_year = 2030;
  form.until_month = 10;
  form.until_day = 31;
  g_free (yearly);
  yearly = closeness_event_form_dup_rrule (&form);
  g_assert_cmpstr (yearly, ==, "FREQ=YEARLY;UNTIL=20301031T235959");
}

/* The week starts where the person lives: Sunday in the US, Monday in
 * Germany and Spain (the README's set-up generates these locales); its
 * columns run from there, each named in the person's language. */
static void
test_first_weekday (void)
{
  static const struct
  {
    const char   *locale;
    GDateWeekday  first;
    GDateWeekday  last;
    const char   *first_short;   /* the heading of the first column */
    const char   *sunday;
  } cases[] = {
    { "en_US.UTF-8", G_DATE_SUNDAY, G_DATE_SATURDAY, "Sun", "Sunday" },
    { "de_DE.UTF-8", G_DATE_MONDAY, G_DATE_SUNDAY, "Mo", "Sonntag" },
    { "es_ES.UTF-8", G_DATE_MONDAY, G_DATE_SUNDAY, "lun", "domingo" },
  };
  g_autofree char *saved = g_strdup (setlocale (LC_TIME, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *first_short = NULL;
      g_autofree char *sunday = NULL;

      if (setlocale (LC_TIME, cases[i].locale) == NULL)
        g_error ("The locale %s is missing: run the README's set-up (build-aux/dev test)",
                 cases[i].locale);
      g_assert_cmpint (closeness_calendar_first_weekday (), ==, cases[i].first);
      g_assert_cmpint (closeness_calendar_column_weekday (0), ==, cases[i].first);
      g_assert_cmpint (closeness_calendar_column_weekday (6), ==, cases[i].last);
      first_short = closeness_calendar_weekday_name (closeness_calendar_column_weekday (0), TRUE);
      sunday = closeness_calendar_weekday_name (G_DATE_SUNDAY, FALSE);
      g_assert_cmpstr (first_short, ==, cases[i].first_short);
      g_assert_cmpstr (sunday, ==, cases[i].sunday);
    }
  setlocale (LC_TIME, saved);
}

static void
test_day_label (void)
{
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 11, 21, 12, 0, 0);
  g_autofree char *two = closeness_calendar_day_label (day, 2, FALSE);
  g_autofree char *today = closeness_calendar_day_label (day, 0, TRUE);

  g_assert_cmpstr (two, ==, "Saturday 21 November, 2 evenings planned");
  g_assert_cmpstr (today, ==, "Saturday 21 November, today, nothing planned");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/recurrence/daily-window-count", test_daily_window_and_count);
  g_test_add_func ("/recurrence/weekdays-interval-exdates", test_weekdays_interval_and_exdates);
  g_test_add_func ("/recurrence/jump-matches-walk", test_jump_matches_walk);
  g_test_add_func ("/recurrence/dst/berlin-evening", test_evening_across_dst_berlin);
  g_test_add_func ("/recurrence/dst/berlin-gap-overlap", test_gap_and_overlap_berlin);
  g_test_add_func ("/recurrence/dst/new-york", test_gap_and_overlap_new_york);
  g_test_add_func ("/recurrence/all-day-floating", test_all_day_and_floating);
  g_test_add_func ("/recurrence/hostile-rules", test_hostile_rules_are_refused_quickly);
  g_test_add_func ("/recurrence/budget", test_budget_bounds_a_huge_window);
  g_test_add_func ("/recurrence/exdates", test_exdate_helpers);
  g_test_add_func ("/recurrence/this-and-series", test_this_occurrence_and_series);
  g_test_add_func ("/calendar/form-validation", test_form_validation);
  g_test_add_func ("/calendar/day-label", test_day_label);
  g_test_add_func ("/calendar/first-weekday", test_first_weekday);
  g_test_add_func ("/calendar/form-series-ends", test_form_series_ends);

  return g_test_run ();
}
