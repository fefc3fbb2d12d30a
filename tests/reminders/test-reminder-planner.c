/* test-reminder-planner.c: when reminders ring, with a fake clock; the
 * notification text; the autostart entry
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-reminders-test"

#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "closeness-test-utils.h"
#include "reminders/closeness-autostart.h"
#include "reminders/closeness-notifier.h"
#include "reminders/closeness-reminder-planner.h"
#include "store/closeness-time.h"

typedef struct
{
  char                     *dir;
  ClosenessStore           *store;
  ClosenessReminderPlanner *planner;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = closeness_test_new_store_in_tmp ("closeness-reminders-XXXXXX", &fixture->dir);
  fixture->planner = closeness_reminder_planner_new_for_store (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->planner);
  g_clear_object (&fixture->store);
  closeness_test_remove_tmp_dir (fixture->dir);
}

static gint64
utc (int y, int mo, int d, int h, int mi)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (y, mo, d, h, mi, 0);

  return g_date_time_to_unix (dt);
}

static gint64
add_event (Fixture    *fixture,
           const char *summary,
           const char *dtstart,
           const char *tzid,
           const char *rrule)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessEvent) event = NULL;
  ClosenessEventInfo info = {
    .summary = summary,
    .dtstart = dtstart,
    .tzid = tzid,
    .duration_minutes = 30,
    .rrule = rrule,
    .planned_by = CLOSENESS_PLANNED_BY_BOTH,
  };

  event = closeness_store_create_event (fixture->store, &info, &error);
  g_assert_no_error (error);

  return closeness_record_get_id (CLOSENESS_RECORD (event));
}

static gint64
add_reminder (Fixture *fixture,
              gint64   event_id,
              int      offset)
{
  g_autoptr(GError) error = NULL;
  gint64 id = closeness_store_add_event_reminder (fixture->store, event_id, offset, &error);

  g_assert_no_error (error);
  return id;
}

static gint64
add_activity_reminder (Fixture    *fixture,
                       const char *name,
                       gboolean    is_private,
                       const char *time,
                       guint       weekdays,
                       gint64     *activity_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessActivity) activity = NULL;
  ClosenessActivityInfo info = {
    .name = name,
    .owner = CLOSENESS_OWNER_BOTH,
    .is_private = is_private,
    .goal_kind = CLOSENESS_GOAL_DAILY,
    .goal_count = 1,
  };
  gint64 id;

  activity = closeness_store_create_activity (fixture->store, &info, &error);
  g_assert_no_error (error);
  *activity_id = closeness_record_get_id (CLOSENESS_RECORD (activity));
  id = closeness_store_add_activity_reminder (fixture->store, *activity_id, time, weekdays, &error);
  g_assert_no_error (error);

  return id;
}

static void
apply (Fixture *fixture,
       GArray  *states)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (closeness_reminder_states_apply (fixture->store, states, &error));
  g_assert_no_error (error);
}

/* Collects what is due at @now, checks the count, and marks it delivered as
 * the service does. */
static GArray *
ring (Fixture *fixture,
      gint64   since,
      gint64   now,
      guint    expected)
{
  g_autoptr(GArray) states = NULL;
  GArray *due = closeness_reminder_planner_collect_due (fixture->planner, since, now);

  g_assert_cmpuint (due->len, ==, expected);
  states = closeness_reminder_planner_plan_fired (fixture->planner, due, now);
  apply (fixture, states);

  return due;
}

/* Planner */

static void
test_next_and_due (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 event_id =
    add_event (fixture, "Time together", "2026-06-10T21:00:00", "Europe/Berlin", NULL);
  gint64 reminder_id = add_reminder (fixture, event_id, 15);
  gint64 due_at = utc (2026, 6, 10, 18, 45); /* 20:45 CEST */
  g_autoptr(GArray) none = NULL;
  g_autoptr(GArray) due = NULL;
  ClosenessDueReminder *item;

  g_assert_cmpint (closeness_reminder_planner_get_next_due (fixture->planner,
                                                            utc (2026, 6, 10, 12, 0)),
                   ==, due_at);

  none = closeness_reminder_planner_collect_due (fixture->planner, due_at - 60, due_at - 1);
  g_assert_cmpuint (none->len, ==, 0);

  due = ring (fixture, due_at - 1, due_at, 1);
  item = &g_array_index (due, ClosenessDueReminder, 0);
  g_assert_cmpint (item->reminder_id, ==, reminder_id);
  g_assert_cmpint (item->kind, ==, CLOSENESS_REMINDER_KIND_EVENT);
  g_assert_cmpint (item->target_id, ==, event_id);
  g_assert_cmpint (item->occurrence_utc, ==, due_at + 15 * 60);
  g_assert_cmpint (item->scheduled_utc, ==, due_at);
  g_assert_false (item->snoozed);

  /* Delivered: it never rings again, not even for a caller that looks
   * further back (another process). */
  g_clear_pointer (&due, g_array_unref);
  due = closeness_reminder_planner_collect_due (fixture->planner, due_at - 3600, due_at + 60);
  g_assert_cmpuint (due->len, ==, 0);
  g_assert_cmpint (closeness_reminder_planner_get_next_due (fixture->planner, due_at + 60), ==, 0);

  /* Switched off: nothing. */
  {
    g_autoptr(GError) error = NULL;
    gint64 other = add_reminder (fixture, event_id, 5);

    g_assert_true (closeness_store_set_reminder_state (fixture->store, other, 0, 0, FALSE, &error));
    g_assert_no_error (error);
    g_assert_cmpint (closeness_reminder_planner_get_next_due (fixture->planner, due_at + 60), ==,
                     0);
  }
}

static void
test_deleted_event (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 event_id =
    add_event (fixture, "Time together", "2026-06-10T21:00:00", "Europe/Berlin", NULL);

  add_reminder (fixture, event_id, 15);
  g_assert_true (closeness_store_delete_event (fixture->store, event_id, &error));
  g_assert_no_error (error);

  g_assert_cmpint (closeness_reminder_planner_get_next_due (fixture->planner,
                                                            utc (2026, 6, 10, 12, 0)),
                   ==, 0);
}

static void
test_snooze (Fixture       *fixture,
             gconstpointer  data)
{
  gint64 event_id =
    add_event (fixture, "Time together", "2026-06-10T21:00:00", "Europe/Berlin", NULL);
  gint64 reminder_id = add_reminder (fixture, event_id, 15);
  gint64 due_at = utc (2026, 6, 10, 18, 45);
  gint64 start = due_at + 15 * 60;
  g_autoptr(GArray) due = NULL;
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (ClosenessReminderState));
  g_autoptr(GArray) again = NULL;
  ClosenessReminderState state;
  ClosenessDueReminder *item;

  due = ring (fixture, due_at - 1, due_at, 1);

  /* Snooze a minute after it rang. */
  g_assert_true (closeness_reminder_planner_plan_snooze (fixture->planner, reminder_id, start,
                                                         due_at + 60, &state));
  g_assert_cmpint (state.snoozed_until, ==, due_at + 60 + 600);
  g_array_append_val (states, state);
  apply (fixture, states);

  g_assert_cmpint (closeness_reminder_planner_get_next_due (fixture->planner, due_at + 61), ==,
                   due_at + 660);
  g_clear_pointer (&due, g_array_unref);
  due = closeness_reminder_planner_collect_due (fixture->planner, due_at + 61, due_at + 659);
  g_assert_cmpuint (due->len, ==, 0);

  again = ring (fixture, due_at + 659, due_at + 660, 1);
  item = &g_array_index (again, ClosenessDueReminder, 0);
  g_assert_true (item->snoozed);
  g_assert_cmpint (item->occurrence_utc, ==, start);
  g_assert_cmpint (item->due_utc, ==, due_at + 660);
  g_assert_cmpint (item->target_id, ==, event_id);

  /* Once back, it is done. */
  g_assert_cmpint (closeness_reminder_planner_get_next_due (fixture->planner, due_at + 661), ==, 0);

  /* A reminder that is gone cannot be snoozed. */
  g_assert_false (closeness_reminder_planner_plan_snooze (fixture->planner, reminder_id + 100,
                                                          start, due_at, &state));
}

static void
test_skip_tonight (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 event_id = add_event (fixture, "Time together", "2026-06-08T21:00:00", "Europe/Berlin",
                               "FREQ=DAILY");
  gint64 early = add_reminder (fixture, event_id, 30);
  gint64 late = add_reminder (fixture, event_id, 15);
  gint64 tonight = utc (2026, 6, 10, 19, 0);
  g_autoptr(GArray) due = NULL;
  g_autoptr(GArray) states = NULL;
  gint64 next;

  g_assert_cmpint (closeness_reminder_planner_get_next_due (fixture->planner, tonight - 3600), ==,
                   tonight - 30 * 60);
  due = ring (fixture, tonight - 30 * 60 - 1, tonight - 30 * 60, 1);
  g_assert_cmpint (g_array_index (due, ClosenessDueReminder, 0).reminder_id, ==, early);

  /* "Skip tonight" on the first silences the second one too ... */
  states = closeness_reminder_planner_plan_skip (fixture->planner, early, tonight);
  g_assert_cmpuint (states->len, ==, 2);
  apply (fixture, states);

  g_clear_pointer (&due, g_array_unref);
  due = closeness_reminder_planner_collect_due (fixture->planner, tonight - 30 * 60, tonight + 60);
  g_assert_cmpuint (due->len, ==, 0);

  /* ... but tomorrow both ring again. */
  next = closeness_reminder_planner_get_next_due (fixture->planner, tonight - 29 * 60);
  g_assert_cmpint (next, ==, tonight + 86400 - 30 * 60);
  g_clear_pointer (&due, g_array_unref);
  due = closeness_reminder_planner_collect_due (fixture->planner, tonight + 60,
                                                tonight + 86400 - 15 * 60);
  g_assert_cmpuint (due->len, ==, 2);
  g_assert_cmpint (g_array_index (due, ClosenessDueReminder, 1).reminder_id, ==, late);
}

static void
test_missed_after_suspend (Fixture       *fixture,
                           gconstpointer  data)
{
  gint64 activity_id;
  gint64 e1 = add_event (fixture, "Walk", "2026-06-10T19:00:00", "Europe/Berlin", NULL);
  gint64 e2 = add_event (fixture, "Time together", "2026-06-10T20:00:00", "Europe/Berlin", NULL);
  gint64 e3 = add_event (fixture, "Board games", "2026-06-10T21:00:00", "Europe/Berlin", NULL);
  gint64 asleep = utc (2026, 6, 10, 15, 0);  /* 17:00 local */
  gint64 awake = utc (2026, 6, 10, 20, 0);   /* 22:00 local */
  g_autoptr(GArray) due = NULL;
  g_autoptr(GArray) states = NULL;
  g_autoptr(GArray) again = NULL;
  ClosenessReminderSplit split = { NULL, NULL };

  add_reminder (fixture, e1, 15);
  add_reminder (fixture, e2, 15);
  add_reminder (fixture, e2, 5);   /* the same evening twice: listed once */
  add_reminder (fixture, e3, 15);
  add_activity_reminder (fixture, "Meditation", FALSE, "18:30", 0x7f, &activity_id);

  /* The lid closed at 17:00 and opened at 22:00. */
  due = closeness_reminder_planner_collect_due (fixture->planner, asleep, awake);
  g_assert_cmpuint (due->len, ==, 5);

  closeness_reminder_split_due (due, awake, &split);
  g_assert_cmpuint (split.on_time->len, ==, 0);
  g_assert_cmpuint (split.missed->len, ==, 4);
  closeness_reminder_split_clear (&split);

  states = closeness_reminder_planner_plan_fired (fixture->planner, due, awake);
  apply (fixture, states);

  /* Delivered once: neither this process nor another one sends them again. */
  again = closeness_reminder_planner_collect_due (fixture->planner, asleep, awake + 1);
  g_assert_cmpuint (again->len, ==, 0);
}

static void
test_late_but_not_started (Fixture       *fixture,
                           gconstpointer  data)
{
  gint64 event_id =
    add_event (fixture, "Time together", "2026-06-10T21:00:00", "Europe/Berlin", NULL);
  gint64 due_at = utc (2026, 6, 10, 18, 45);
  g_autoptr(GArray) due = NULL;
  ClosenessReminderSplit split = { NULL, NULL };

  add_reminder (fixture, event_id, 15);

  /* Woke at 20:55 for an evening at 21:00: still a real reminder. */
  due = closeness_reminder_planner_collect_due (fixture->planner, due_at - 3600, due_at + 600);
  g_assert_cmpuint (due->len, ==, 1);
  closeness_reminder_split_due (due, due_at + 600, &split);
  g_assert_cmpuint (split.on_time->len, ==, 1);
  g_assert_cmpuint (split.missed->len, ==, 0);
  closeness_reminder_split_clear (&split);

  /* Woke at 21:10: missed. */
  closeness_reminder_split_due (due, due_at + 25 * 60, &split);
  g_assert_cmpuint (split.on_time->len, ==, 0);
  g_assert_cmpuint (split.missed->len, ==, 1);
  closeness_reminder_split_clear (&split);

  /* Nothing older than the missed window is ever delivered. */
  g_clear_pointer (&due, g_array_unref);
  due = closeness_reminder_planner_collect_due (fixture->planner, 0,
                                                due_at + CLOSENESS_REMINDER_MISSED_WINDOW + 1);
  g_assert_cmpuint (due->len, ==, 0);
}

typedef struct
{
  const char *tzid;
  const char *dtstart;
  int         offset;
  gint64      expected; /* filled in the test */
  int         y, mo, d, h, mi;
} DstCase;

static void
test_dst_single_events (Fixture       *fixture,
                        gconstpointer  data)
{
  DstCase cases[] = {
    /* Europe/Berlin: spring forward on 29 March, back on 25 October 2026. */
    { "Europe/Berlin", "2026-03-28T21:00:00", 15, 0, 2026, 3, 28, 19, 45 },
    { "Europe/Berlin", "2026-03-29T21:00:00", 15, 0, 2026, 3, 29, 18, 45 },
    { "Europe/Berlin", "2026-10-24T21:00:00", 15, 0, 2026, 10, 24, 18, 45 },
    { "Europe/Berlin", "2026-10-25T21:00:00", 15, 0, 2026, 10, 25, 19, 45 },
    /* In the gap: 02:30 is read with the offset from before, so 03:30 CEST. */
    { "Europe/Berlin", "2026-03-29T02:30:00", 15, 0, 2026, 3, 29, 1, 15 },
    /* Twice in autumn: the first one (CEST). */
    { "Europe/Berlin", "2026-10-25T02:30:00", 15, 0, 2026, 10, 25, 0, 15 },
    /* America/New_York: 8 March and 1 November 2026. */
    { "America/New_York", "2026-03-07T21:00:00", 15, 0, 2026, 3, 8, 1, 45 },
    { "America/New_York", "2026-03-08T21:00:00", 15, 0, 2026, 3, 9, 0, 45 },
    { "America/New_York", "2026-03-08T02:30:00", 15, 0, 2026, 3, 8, 7, 15 },
    { "America/New_York", "2026-11-01T01:30:00", 15, 0, 2026, 11, 1, 5, 15 },
    { "America/New_York", "2026-11-01T21:00:00", 15, 0, 2026, 11, 2, 1, 45 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ClosenessReminderPlanner) planner = NULL;
      g_autoptr(GArray) due = NULL;
      gint64 event_id = add_event (fixture, "Time together", cases[i].dtstart, cases[i].tzid, NULL);
      gint64 reminder_id = add_reminder (fixture, event_id, cases[i].offset);
      gint64 expected = utc (cases[i].y, cases[i].mo, cases[i].d, cases[i].h, cases[i].mi);
      g_autoptr(GError) error = NULL;

      g_test_message ("%s %s", cases[i].tzid, cases[i].dtstart);
      g_assert_cmpint (closeness_reminder_planner_get_next_due (fixture->planner, expected - 86400),
                       ==, expected);
      due = closeness_reminder_planner_collect_due (fixture->planner, expected - 1, expected);
      g_assert_cmpuint (due->len, ==, 1);

      /* One at a time. */
      g_assert_true (closeness_store_delete_reminder (fixture->store, reminder_id, &error));
      g_assert_no_error (error);
    }
}

static void
test_dst_recurring (Fixture       *fixture,
                    gconstpointer  data)
{
  struct {
    const char *tzid;
    const char *dtstart;
    gint64      expected[4];
  } series[] = {
    { "Europe/Berlin", "2026-03-27T21:00:00",
      { utc (2026, 3, 27, 19, 45), utc (2026, 3, 28, 19, 45),
        utc (2026, 3, 29, 18, 45), utc (2026, 3, 30, 18, 45) } },
    { "Europe/Berlin", "2026-10-23T21:00:00",
      { utc (2026, 10, 23, 18, 45), utc (2026, 10, 24, 18, 45),
        utc (2026, 10, 25, 19, 45), utc (2026, 10, 26, 19, 45) } },
    { "America/New_York", "2026-03-06T21:00:00",
      { utc (2026, 3, 7, 1, 45), utc (2026, 3, 8, 1, 45),
        utc (2026, 3, 9, 0, 45), utc (2026, 3, 10, 0, 45) } },
    { "America/New_York", "2026-10-30T21:00:00",
      { utc (2026, 10, 31, 0, 45), utc (2026, 11, 1, 0, 45),
        utc (2026, 11, 2, 1, 45), utc (2026, 11, 3, 1, 45) } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    {
      gint64 event_id = add_event (fixture, "Time together", series[i].dtstart, series[i].tzid,
                                   "FREQ=DAILY;COUNT=4");
      gint64 reminder_id = add_reminder (fixture, event_id, 15);
      gint64 now = series[i].expected[0] - 3600;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s %s", series[i].tzid, series[i].dtstart);
      for (guint j = 0; j < 4; j++)
        {
          g_autoptr(GArray) due = NULL;

          g_assert_cmpint (closeness_reminder_planner_get_next_due (fixture->planner, now), ==,
                           series[i].expected[j]);
          due = ring (fixture, now, series[i].expected[j], 1);
          now = series[i].expected[j];
        }
      g_assert_cmpint (closeness_reminder_planner_get_next_due (fixture->planner, now), ==, 0);

      g_assert_true (closeness_store_delete_reminder (fixture->store, reminder_id, &error));
      g_assert_no_error (error);
    }
}

static void
test_edited_occurrence (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessEvent) series = NULL;
  g_autoptr(ClosenessEvent) moved = NULL;
  ClosenessEventInfo info = {
    .summary = "Time together",
    .dtstart = "2026-06-08T21:00:00",
    .tzid = "Europe/Berlin",
    .duration_minutes = 30,
    .rrule = "FREQ=DAILY",
  };
  ClosenessEventInfo edit = info;
  gint64 day = utc (2026, 6, 10, 19, 0);
  g_autoptr(GArray) due = NULL;
  gint64 reminder_id;

  series = closeness_store_create_event (fixture->store, &info, &error);
  g_assert_no_error (error);
  reminder_id = add_reminder (fixture, closeness_record_get_id (CLOSENESS_RECORD (series)), 15);

  /* On 10 June the evening moves to 22:00. */
  edit.uid = closeness_event_get_uid (series);
  edit.recurrence_id = "2026-06-10T21:00:00";
  edit.dtstart = "2026-06-10T22:00:00";
  edit.rrule = NULL;
  moved = closeness_store_create_event (fixture->store, &edit, &error);
  g_assert_no_error (error);

  due = closeness_reminder_planner_collect_due (fixture->planner, day - 3600, day + 3600);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpint (g_array_index (due, ClosenessDueReminder, 0).reminder_id, ==, reminder_id);
  g_assert_cmpint (g_array_index (due, ClosenessDueReminder, 0).target_id, ==,
                   closeness_record_get_id (CLOSENESS_RECORD (moved)));
  g_assert_cmpint (g_array_index (due, ClosenessDueReminder, 0).scheduled_utc, ==,
                   day + 3600 - 15 * 60);
}

/* The planner reads the evenings reminders ring for, not every evening
 * (ten years of them would be loaded within a second of the window). */
static void
test_only_reminded_events (Fixture       *fixture,
                           gconstpointer  data)
{
  GListModel *reminded = closeness_store_get_reminded_events (fixture->store);
  gint64 walk = add_event (fixture, "Walk", "2026-06-08T20:00:00", "Europe/Berlin", NULL);
  gint64 dinner = add_event (fixture, "Dinner", "2026-06-09T19:00:00", "Europe/Berlin", NULL);
  gint64 day = utc (2026, 6, 9, 17, 0);
  g_autoptr(GArray) due = NULL;
  gint64 reminder_id;

  add_event (fixture, "Film", "2026-06-10T21:00:00", "Europe/Berlin", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (reminded), ==, 0);

  add_reminder (fixture, walk, 10);
  reminder_id = add_reminder (fixture, dinner, 30);
  g_assert_cmpuint (g_list_model_get_n_items (reminded), ==, 2);

  /* Planning from them alone still rings. */
  due = closeness_reminder_planner_collect_due (fixture->planner, day - 3600, day + 3600);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpint (g_array_index (due, ClosenessDueReminder, 0).reminder_id, ==, reminder_id);
  g_assert_cmpint (g_array_index (due, ClosenessDueReminder, 0).scheduled_utc, ==, day - 30 * 60);
}

static void
test_activity_reminders (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GArray) due = NULL;
  g_autoptr(GArray) states = NULL;
  gint64 activity_id, reminder_id;
  /* Monday, Wednesday, Friday. */
  guint weekdays = closeness_weekday_bit (G_DATE_MONDAY) | closeness_weekday_bit (G_DATE_WEDNESDAY)
                   | closeness_weekday_bit (G_DATE_FRIDAY);
  gint64 next;

  reminder_id = add_activity_reminder (fixture, "Exercise", FALSE, "07:30", weekdays, &activity_id);
  closeness_reminder_planner_set_local_time_zone (fixture->planner, new_york);

  /* Saturday 7 March 2026 → Monday 9 March, 07:30 EDT (DST began on Sunday). */
  next = closeness_reminder_planner_get_next_due (fixture->planner, utc (2026, 3, 7, 12, 0));
  g_assert_cmpint (next, ==, utc (2026, 3, 9, 11, 30));

  due = ring (fixture, next - 1, next, 1);
  g_assert_cmpint (g_array_index (due, ClosenessDueReminder, 0).kind, ==,
                   CLOSENESS_REMINDER_KIND_ACTIVITY);
  g_assert_cmpint (g_array_index (due, ClosenessDueReminder, 0).target_id, ==, activity_id);

  /* Skip today only. */
  states = closeness_reminder_planner_plan_skip (fixture->planner, reminder_id, next);
  g_assert_cmpuint (states->len, ==, 1);
  apply (fixture, states);
  g_assert_cmpint (closeness_reminder_planner_get_next_due (fixture->planner, next + 1), ==,
                   utc (2026, 3, 11, 11, 30));

  /* The master switch for check-in reminders silences them all. */
  closeness_reminder_planner_set_activity_reminders_enabled (fixture->planner, FALSE);
  g_assert_cmpint (closeness_reminder_planner_get_next_due (fixture->planner, next + 1), ==, 0);
  g_clear_pointer (&due, g_array_unref);
  due = closeness_reminder_planner_collect_due (fixture->planner, next, utc (2026, 3, 12, 0, 0));
  g_assert_cmpuint (due->len, ==, 0);

  /* Archived activities do not ring either. */
  closeness_reminder_planner_set_activity_reminders_enabled (fixture->planner, TRUE);
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (
      closeness_store_set_activity_archived (fixture->store, activity_id, TRUE, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (closeness_reminder_planner_get_next_due (fixture->planner, next + 1), ==, 0);
}

static void
test_local_to_utc (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GTimeZone) utc_tz = g_time_zone_new_utc ();
  gint64 t;

  g_assert_true (closeness_time_local_to_utc (berlin, 2026, 3, 29, 2, 30, 0, &t));
  g_assert_cmpint (t, ==, utc (2026, 3, 29, 1, 30));
  g_assert_true (closeness_time_local_to_utc (berlin, 2026, 10, 25, 2, 30, 0, &t));
  g_assert_cmpint (t, ==, utc (2026, 10, 25, 0, 30));
  g_assert_true (closeness_time_local_to_utc (berlin, 2026, 1, 5, 12, 0, 0, &t));
  g_assert_cmpint (t, ==, utc (2026, 1, 5, 11, 0));
  g_assert_true (closeness_time_local_to_utc (utc_tz, 2026, 1, 5, 12, 0, 0, &t));
  g_assert_cmpint (t, ==, utc (2026, 1, 5, 12, 0));

  g_assert_true (closeness_parse_event_start ("2026-01-05", "Europe/Berlin", NULL, &t));
  g_assert_cmpint (t, ==, utc (2026, 1, 4, 23, 0));
  g_assert_true (closeness_parse_event_start ("2026-01-05T12:00:00Z", "Europe/Berlin", NULL, &t));
  g_assert_cmpint (t, ==, utc (2026, 1, 5, 12, 0));
  /* Floating: the local zone (TZ=Europe/Berlin in the tests). */
  g_assert_true (closeness_parse_event_start ("2026-01-05T12:00:00", "", berlin, &t));
  g_assert_cmpint (t, ==, utc (2026, 1, 5, 11, 0));
  g_assert_false (closeness_parse_event_start ("2026-02-30T12:00:00", NULL, NULL, &t));
  g_assert_false (closeness_parse_event_start ("tonight", NULL, NULL, &t));
  g_assert_false (closeness_parse_event_start (NULL, NULL, NULL, &t));

  {
    int h, m;

    g_assert_true (closeness_parse_time_of_day ("07:05", &h, &m));
    g_assert_cmpint (h, ==, 7);
    g_assert_cmpint (m, ==, 5);
    g_assert_false (closeness_parse_time_of_day ("24:00", &h, &m));
    g_assert_false (closeness_parse_time_of_day ("7:05", &h, &m));
    g_assert_false (closeness_parse_time_of_day (NULL, &h, &m));
  }

  g_assert_cmpuint (closeness_weekday_bit (G_DATE_MONDAY), ==, 1);
  g_assert_cmpuint (closeness_weekday_bit (G_DATE_SUNDAY), ==, 1 << 6);
  g_assert_cmpuint (closeness_weekday_bit (G_DATE_BAD_WEEKDAY), ==, 0);
}

/* Notification text and shape */

static void
test_compose_text (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  gint64 start = utc (2026, 6, 10, 19, 0); /* 21:00 CEST */
  const char *lines[] = { "Walk at 19:00", "Time together at 21:00", NULL };
  const char *one[] = { "Walk at 19:00", NULL };
  char *title, *body;

  closeness_reminder_compose_event (FALSE, "Stargazing", start, start - 15 * 60, berlin, &title,
                                    &body);
  g_assert_cmpstr (title, ==, "Time together at 21:00");
  g_assert_cmpstr (body, ==, "Stargazing\nStarts in 15 minutes");
  g_free (title);
  g_free (body);

  closeness_reminder_compose_event (FALSE, "Stargazing", start, start, berlin, &title, &body);
  g_assert_cmpstr (body, ==, "Stargazing\nStarting now");
  g_free (title);
  g_free (body);

  /* Discreet: nothing about the event, not even the time. */
  closeness_reminder_compose_event (TRUE, "Stargazing", start, start - 15 * 60, berlin, &title,
                                    &body);
  g_assert_cmpstr (title, ==, "A reminder from Closeness");
  g_assert_cmpstr (body, ==, "You have something planned.");
  g_free (title);
  g_free (body);

  closeness_reminder_compose_activity (FALSE, "Meditation", start, berlin, &title, &body);
  g_assert_cmpstr (title, ==, "Time for Meditation");
  g_free (title);
  g_free (body);
  closeness_reminder_compose_activity (TRUE, "Meditation", start, berlin, &title, &body);
  g_assert_cmpstr (title, ==, "A reminder from Closeness");
  g_assert_null (strstr (body, "Meditation"));
  g_free (title);
  g_free (body);

  /* The notification says why they are late, truthfully. */
  closeness_reminder_compose_missed (FALSE, CLOSENESS_MISSED_NOT_RUNNING, lines, &title, &body);
  g_assert_cmpstr (title, ==, "You missed: 2 reminders");
  g_assert_cmpstr (body, ==, "Walk at 19:00\nTime together at 21:00\n"
                             "Closeness was not running when they were due.");
  g_free (title);
  g_free (body);
  closeness_reminder_compose_missed (FALSE, CLOSENESS_MISSED_ASLEEP, one, &title, &body);
  g_assert_cmpstr (title, ==, "You missed: Walk at 19:00");
  g_assert_cmpstr (body, ==, "It came while the computer was asleep or its clock was changed.");
  g_free (title);
  g_free (body);
  closeness_reminder_compose_missed (FALSE, CLOSENESS_MISSED_LATE, one, &title, &body);
  g_assert_cmpstr (body, ==, "It could not be shown on time.");
  g_free (title);
  g_free (body);
  closeness_reminder_compose_missed (TRUE, CLOSENESS_MISSED_NOT_RUNNING, lines, &title, &body);
  g_assert_cmpstr (title, ==, "A reminder from Closeness");
  g_assert_cmpstr (body, ==,
                   "You missed 2 reminders. Closeness was not running when they were due.");
  g_free (title);
  g_free (body);
}

static void
test_notification_shape (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  ClosenessDueReminder event = {
    .reminder_id = 7, .kind = CLOSENESS_REMINDER_KIND_EVENT, .target_id = 42,
    .occurrence_utc = utc (2026, 6, 10, 19, 0),
  };
  ClosenessDueReminder activity = {
    .reminder_id = 8, .kind = CLOSENESS_REMINDER_KIND_ACTIVITY, .target_id = 3,
    .occurrence_utc = utc (2026, 6, 10, 22, 30), /* 00:30 on 11 June in Berlin */
  };
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;

  id = closeness_reminder_dup_notification_id (&event, berlin);
  g_assert_cmpstr (id, ==, "event-42-1781118000");
  g_free (id);
  id = closeness_reminder_dup_notification_id (&activity, berlin);
  g_assert_cmpstr (id, ==, "activity-3-2026-06-11");

  /* The GNotification's fields are private; building it must not warn. */
  notification = closeness_reminder_build_notification (&event, "t", "b");
  g_assert_true (G_IS_NOTIFICATION (notification));
  g_clear_object (&notification);
  notification = closeness_reminder_build_notification (&activity, "t", "b");
  g_assert_true (G_IS_NOTIFICATION (notification));
}

/* Autostart */

static void
test_autostart (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *path = closeness_autostart_dup_path ();
  g_autofree char *exec = NULL;
  g_autofree char *contents = NULL;
  GStatBuf st;

  g_assert_true (g_str_has_prefix (path, g_get_user_config_dir ()));
  g_assert_true (g_str_has_suffix (path, "/autostart/com.example.Closeness-reminders.desktop"));
  g_assert_false (closeness_autostart_is_enabled ());

  /* Switching off what is not there is fine. */
  g_assert_true (closeness_autostart_set_enabled (FALSE, &error));
  g_assert_no_error (error);

  g_assert_true (closeness_autostart_set_enabled (TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (closeness_autostart_is_enabled ());
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);

  g_assert_true (g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  exec = g_key_file_get_string (key_file, "Desktop Entry", "Exec", &error);
  g_assert_cmpstr (exec, ==, "closeness --gapplication-service");
  g_assert_true (g_key_file_get_boolean (key_file, "Desktop Entry", "NoDisplay", NULL));
  g_assert_true (
    g_key_file_get_boolean (key_file, "Desktop Entry", "X-GNOME-Autostart-enabled", NULL));
  g_assert_cmpstr (g_key_file_get_start_group (key_file), ==, "Desktop Entry");

  /* Writing again keeps it private even when someone loosened it. */
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_true (closeness_autostart_set_enabled (TRUE, &error));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);

  /* Switched off in the session's own settings. */
  g_key_file_set_boolean (key_file, "Desktop Entry", "X-GNOME-Autostart-enabled", FALSE);
  g_assert_true (g_key_file_save_to_file (key_file, path, &error));
  g_assert_false (closeness_autostart_is_enabled ());
  g_key_file_set_boolean (key_file, "Desktop Entry", "X-GNOME-Autostart-enabled", TRUE);
  g_key_file_set_boolean (key_file, "Desktop Entry", "Hidden", TRUE);
  g_assert_true (g_key_file_save_to_file (key_file, path, &error));
  g_assert_false (closeness_autostart_is_enabled ());

  g_assert_true (closeness_autostart_set_enabled (FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  contents =
    closeness_autostart_build_contents ("/opt/closeness/bin/closeness --gapplication-service");
  g_assert_nonnull (
    strstr (contents, "Exec=/opt/closeness/bin/closeness --gapplication-service\n"));
  g_assert_nonnull (strstr (contents, "Type=Application\n"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/reminders/planner/next-and-due", test_next_and_due);
  ADD ("/reminders/planner/deleted-event", test_deleted_event);
  ADD ("/reminders/planner/only-reminded-events", test_only_reminded_events);
  ADD ("/reminders/planner/snooze", test_snooze);
  ADD ("/reminders/planner/skip-tonight", test_skip_tonight);
  ADD ("/reminders/planner/missed-after-suspend", test_missed_after_suspend);
  ADD ("/reminders/planner/late-but-not-started", test_late_but_not_started);
  ADD ("/reminders/planner/dst-single-events", test_dst_single_events);
  ADD ("/reminders/planner/dst-recurring", test_dst_recurring);
  ADD ("/reminders/planner/edited-occurrence", test_edited_occurrence);
  ADD ("/reminders/planner/activities", test_activity_reminders);
#undef ADD

  g_test_add_func ("/reminders/time/local-to-utc", test_local_to_utc);
  g_test_add_func ("/reminders/text/compose", test_compose_text);
  g_test_add_func ("/reminders/text/notification", test_notification_shape);
  g_test_add_func ("/reminders/autostart", test_autostart);

  return g_test_run ();
}
