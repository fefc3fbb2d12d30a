/* test-habit-logic.c: streaks, strength and chart data, without a display.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "selfcare/closeness-activity-history.h"
#include "selfcare/closeness-habit-logic.h"
#include "selfcare/closeness-selfcare-view.h"

static guint32
day (const char *text)
{
  guint32 julian = 0;

  g_assert_true (closeness_habit_parse_day (text, &julian));

  return julian;
}

/* "D" done, "R" rest, "." nothing, "p" a measured amount short of the
 * target, one letter per day from @first. */
static GArray *
entries_from_pattern (const char *first,
                      const char *pattern)
{
  GArray *entries = g_array_new (FALSE, TRUE, sizeof (ClosenessHabitEntry));
  guint32 start = day (first);

  for (guint i = 0; pattern[i] != '\0'; i++)
    {
      ClosenessHabitEntry entry = { start + i, CLOSENESS_ENTRY_DONE };

      if (pattern[i] == '.' || pattern[i] == ' ')
        continue;
      if (pattern[i] == 'R')
        entry.kind = CLOSENESS_ENTRY_REST;
      else if (pattern[i] == 'p')
        entry.kind = CLOSENESS_HABIT_PARTIAL;
      g_array_append_val (entries, entry);
    }

  return entries;
}

static ClosenessHabitStats
compute (ClosenessGoalKind  kind,
         int                count,
         const char        *first,
         const char        *pattern,
         const char        *today)
{
  g_autoptr(GArray) entries = entries_from_pattern (first, pattern);
  ClosenessHabitStats stats;

  closeness_habit_compute (kind, count, (ClosenessHabitEntry *) (gpointer) entries->data,
                           entries->len, day (today), &stats);

  return stats;
}

static void
test_days (void)
{
  GDate date;
  g_autofree char *text = NULL;

  g_assert_cmpuint (day ("1900-01-01"), ==, CLOSENESS_HABIT_FIRST_DAY);
  g_assert_true (closeness_habit_parse_day ("2024-02-29", NULL));
  g_assert_false (closeness_habit_parse_day ("2023-02-29", NULL));
  g_assert_false (closeness_habit_parse_day ("2024-2-03", NULL));
  g_assert_false (closeness_habit_parse_day ("2024-02-03 ", NULL));
  g_assert_false (closeness_habit_parse_day ("2024-13-01", NULL));
  g_assert_false (closeness_habit_parse_day ("0000-01-01", NULL));
  g_assert_false (closeness_habit_parse_day ("", NULL));
  g_assert_false (closeness_habit_parse_day (NULL, NULL));

  text = closeness_habit_format_day (day ("2024-12-31"));
  g_assert_cmpstr (text, ==, "2024-12-31");

  /* Weekdays agree with GDate (Monday = 0). */
  for (guint32 d = day ("2024-12-25"); d < day ("2025-01-10"); d++)
    {
      g_date_clear (&date, 1);
      g_date_set_julian (&date, d);
      g_assert_cmpuint (closeness_habit_weekday (d), ==, g_date_get_weekday (&date) - 1);
    }
  g_assert_cmpuint (closeness_habit_week_start (day ("2025-01-01")), ==, day ("2024-12-30"));
}

static void
test_log_day_limits (void)
{
  g_autoptr(GError) error = NULL;
  guint32 today = day ("2024-06-15");

  g_assert_true (closeness_habit_check_log_day (today, today, NULL));
  g_assert_true (closeness_habit_check_log_day (day ("1900-01-01"), today, NULL));
  g_assert_false (closeness_habit_check_log_day (today + 1, today, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (closeness_habit_check_log_day (day ("1899-12-31"), today, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
}

static void
test_daily_streaks (void)
{
  ClosenessHabitStats s;

  s = compute (CLOSENESS_GOAL_DAILY, 1, "2024-01-01", "", "2024-01-10");
  g_assert_cmpuint (s.current_streak, ==, 0);
  g_assert_cmpfloat (s.score, ==, 0.0);

  /* Ten days up to today. */
  s = compute (CLOSENESS_GOAL_DAILY, 1, "2024-01-01", "DDDDDDDDDD", "2024-01-10");
  g_assert_cmpuint (s.current_streak, ==, 10);
  g_assert_cmpuint (s.best_streak, ==, 10);
  g_assert_true (s.done_today);

  /* Today is not over: not done yet breaks nothing. */
  s = compute (CLOSENESS_GOAL_DAILY, 1, "2024-01-01", "DDDDDDDDD.", "2024-01-10");
  g_assert_cmpuint (s.current_streak, ==, 9);
  g_assert_false (s.done_today);

  /* A day missed yesterday ends it; the best stays. */
  s = compute (CLOSENESS_GOAL_DAILY, 1, "2024-01-01", "DDDDDDD.D.", "2024-01-10");
  g_assert_cmpuint (s.current_streak, ==, 1);
  g_assert_cmpuint (s.best_streak, ==, 7);

  /* Rest days bridge and are not counted. */
  s = compute (CLOSENESS_GOAL_DAILY, 1, "2024-01-01", "DDRRDD", "2024-01-06");
  g_assert_cmpuint (s.current_streak, ==, 4);

  /* Month and year boundaries. */
  s = compute (CLOSENESS_GOAL_DAILY, 1, "2023-12-28", "DDDDDDDD", "2024-01-04");
  g_assert_cmpuint (s.current_streak, ==, 8);
  s = compute (CLOSENESS_GOAL_DAILY, 1, "2024-02-27", "DDDD", "2024-03-01");
  g_assert_cmpuint (s.current_streak, ==, 4);
  s = compute (CLOSENESS_GOAL_DAILY, 1, "2023-02-27", "DD.D", "2023-03-02");
  g_assert_cmpuint (s.current_streak, ==, 1);

  /* Entries after today (a partner a time zone ahead) are ignored. */
  s = compute (CLOSENESS_GOAL_DAILY, 1, "2024-01-01", "DDD", "2024-01-02");
  g_assert_cmpuint (s.current_streak, ==, 2);
}

static void
test_weekly_streaks (void)
{
  ClosenessHabitStats s;

  /* 3 a week, four weeks met across the new year (2024-12-30 is a Monday),
   * the fifth week just begun. */
  s = compute (CLOSENESS_GOAL_WEEKLY, 3, "2024-12-09",
               "D.D.D.." "DD.D..." ".D.D.D." "DDD...." "D", "2025-01-06");
  g_assert_cmpuint (s.current_streak, ==, 4);
  g_assert_cmpuint (s.best_streak, ==, 4);
  g_assert_cmpuint (s.period_done, ==, 1);
  g_assert_cmpuint (s.period_target, ==, 3);
  g_assert_cmpuint (s.done_this_week, ==, 1);
  g_assert_cmpuint (s.done_this_month, ==, 2);

  /* Two of three is not met: the streak starts again. */
  s = compute (CLOSENESS_GOAL_WEEKLY, 3, "2024-12-09",
               "D.D.D.." "D.....D" ".D.D.D." "..", "2024-12-31");
  g_assert_cmpuint (s.current_streak, ==, 1);
  g_assert_cmpuint (s.best_streak, ==, 1);

  /* A week with five rest days asks for two; a week of rest is neutral. */
  s = compute (CLOSENESS_GOAL_WEEKLY, 3, "2024-12-09",
               "D.D.D.." "DRRRRRD" "RRRRRRR" "DDD....", "2025-01-05");
  g_assert_cmpuint (s.current_streak, ==, 3);

  /* The first week starts on the first logged day. */
  s = compute (CLOSENESS_GOAL_WEEKLY, 3, "2024-12-13", "DDD" "DDD....", "2024-12-22");
  g_assert_cmpuint (s.current_streak, ==, 2);
}

static void
test_monthly_streaks (void)
{
  g_autoptr(GString) pattern = g_string_new (NULL);
  ClosenessHabitStats s;

  /* Twice a month from November to February (a short month), today in March. */
  g_string_append (pattern, "D.....D.......................");   /* Nov: 30 */
  g_string_append (pattern, "..............D..............D."); /* Dec: 31 */
  g_string_append (pattern, "D.D............................"); /* Jan: 31 */
  g_string_append (pattern, "...........................D");    /* Feb: 28 */
  g_string_append (pattern, "..");
  s = compute (CLOSENESS_GOAL_MONTHLY, 2, "2024-11-01", pattern->str, "2025-03-02");
  g_assert_cmpuint (s.best_streak, ==, 3);
  g_assert_cmpuint (s.current_streak, ==, 0);
  g_assert_cmpuint (s.period_target, ==, 2);
  g_assert_cmpuint (s.period_done, ==, 0);

  /* Feb 2024 (leap year) done twice, March in progress. */
  s = compute (CLOSENESS_GOAL_MONTHLY, 2, "2024-02-01",
               "D...........................D" "D", "2024-03-01");
  g_assert_cmpuint (s.current_streak, ==, 1);
  g_assert_cmpuint (s.period_done, ==, 1);
}

static void
test_score_forgiving (void)
{
  g_autoptr(GString) pattern = g_string_new (NULL);
  ClosenessHabitStats full, one_miss, week_off, started;

  for (guint i = 0; i < 180; i++)
    g_string_append_c (pattern, 'D');
  full = compute (CLOSENESS_GOAL_DAILY, 1, "2024-01-01", pattern->str, "2024-06-28");
  g_assert_cmpfloat (full.score, >, 0.99);

  /* Today is not over: not done yet takes nothing away. */
  one_miss = compute (CLOSENESS_GOAL_DAILY, 1, "2024-01-01", pattern->str, "2024-06-29");
  g_assert_cmpfloat (one_miss.score, ==, full.score);

  /* One missed day after half a year takes away about five percent. */
  one_miss = compute (CLOSENESS_GOAL_DAILY, 1, "2024-01-01", pattern->str, "2024-06-30");
  g_assert_cmpfloat (one_miss.score, >, 0.94);
  g_assert_cmpfloat (one_miss.score, <, full.score);
  g_assert_cmpuint (one_miss.best_streak, ==, 180);

  /* A whole week away still leaves a strong habit. */
  week_off = compute (CLOSENESS_GOAL_DAILY, 1, "2024-01-01", pattern->str, "2024-07-06");
  g_assert_cmpfloat (week_off.score, >, 0.7);
  g_assert_cmpfloat (week_off.score, <, one_miss.score);

  /* Three days of a new habit are a start, not strength. */
  started = compute (CLOSENESS_GOAL_DAILY, 1, "2024-01-01", "DDD", "2024-01-03");
  g_assert_cmpfloat (started.score, <, 0.2);
  g_assert_cmpfloat (started.score, >, 0.1);

  /* Rest days do not lower it. */
  full = compute (CLOSENESS_GOAL_DAILY, 1, "2024-01-01", "DDDDDDDDDD", "2024-01-10");
  one_miss = compute (CLOSENESS_GOAL_DAILY, 1, "2024-01-01", "DDDDDDDDDDRRRR", "2024-01-14");
  g_assert_cmpfloat (one_miss.score, ==, full.score);

  /* A weekly goal met every week for a year is strong; one week missed
   * does not erase it, and extra days are not needed. */
  g_string_truncate (pattern, 0);
  for (guint w = 0; w < 52; w++)
    g_string_append (pattern, "D.D.D..");
  full = compute (CLOSENESS_GOAL_WEEKLY, 3, "2024-01-01", pattern->str, "2024-12-29");
  g_assert_cmpfloat (full.score, >, 0.99);
  one_miss = compute (CLOSENESS_GOAL_WEEKLY, 3, "2024-01-01", pattern->str, "2025-01-06");
  g_assert_cmpfloat (one_miss.score, >, 0.85);
  g_assert_cmpfloat (one_miss.score, <, full.score);

  /* An unfinished current week never lowers the score. */
  week_off = compute (CLOSENESS_GOAL_WEEKLY, 3, "2024-01-01", pattern->str, "2025-01-08");
  g_assert_cmpfloat (week_off.score, ==, one_miss.score);
}

static void
test_chart_data (void)
{
  g_autoptr(GArray) entries = entries_from_pattern ("2024-01-01", "DD.R...D");
  ClosenessHabitEntry second = { day ("2024-01-02"), CLOSENESS_ENTRY_DONE };
  guint8 values[10];
  guint8 weeks[3];

  /* The other partner on the 2nd. */
  g_array_append_val (entries, second);

  closeness_habit_fill_days ((ClosenessHabitEntry *) (gpointer) entries->data, entries->len,
                             day ("2023-12-31"), G_N_ELEMENTS (values), values);
  g_assert_cmpuint (values[0], ==, 0);
  g_assert_cmpuint (values[1], ==, 1);
  g_assert_cmpuint (values[2], ==, 2);
  g_assert_cmpuint (values[3], ==, 0);
  g_assert_cmpuint (values[4], ==, CLOSENESS_HABIT_DAY_REST);
  g_assert_cmpuint (values[8], ==, 1);
  g_assert_cmpuint (values[9], ==, 0);

  closeness_habit_fill_weeks ((ClosenessHabitEntry *) (gpointer) entries->data, entries->len,
                              day ("2023-12-25"), G_N_ELEMENTS (weeks), weeks);
  g_assert_cmpuint (weeks[0], ==, 0);
  g_assert_cmpuint (weeks[1], ==, 2);  /* the 1st and the 2nd, once each */
  g_assert_cmpuint (weeks[2], ==, 1);
}

/* A day is a local calendar day: late-evening and just-after-midnight
 * logs around the DST changes land on consecutive days, never twice on
 * one day or skipping one. */
static void
test_dst (gconstpointer data)
{
  const char *zone = data;
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  const char *changes[] = { "2024-03-31", "2024-10-27", "2024-03-10", "2024-11-03" };
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (ClosenessHabitEntry));
  ClosenessHabitStats stats;

  g_assert_nonnull (tz);

  for (guint c = 0; c < G_N_ELEMENTS (changes); c++)
    {
      guint32 change = day (changes[c]);

      g_array_set_size (entries, 0);
      for (int offset = -5; offset <= 5; offset++)
        {
          GDate date;
          g_autoptr(GDateTime) late = NULL;
          g_autoptr(GDateTime) early = NULL;
          ClosenessHabitEntry entry = { 0, CLOSENESS_ENTRY_DONE };

          g_date_clear (&date, 1);
          g_date_set_julian (&date, change + offset);
          late = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                                  g_date_get_day (&date), 23, 59, 0);
          early = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                                   g_date_get_day (&date), 0, 1, 0);

          g_assert_cmpuint (closeness_habit_day_for_time (g_date_time_to_unix (late), tz), ==,
                            change + offset);
          g_assert_cmpuint (closeness_habit_day_for_time (g_date_time_to_unix (early), tz), ==,
                            change + offset);

          entry.day = closeness_habit_day_for_time (g_date_time_to_unix (late), tz);
          g_array_append_val (entries, entry);
        }

      closeness_habit_compute (CLOSENESS_GOAL_DAILY, 1,
                               (ClosenessHabitEntry *) (gpointer) entries->data, entries->len,
                               change + 5, &stats);
      g_assert_cmpuint (stats.current_streak, ==, 11);
    }

  /* The process time zone (TZ of this test run) agrees with itself. */
  g_assert_cmpuint (closeness_habit_today (), ==,
                    closeness_habit_day_for_time (g_get_real_time () / G_USEC_PER_SEC, NULL));
}

static void
test_words (void)
{
  g_autofree char *days = closeness_habit_describe_streak (CLOSENESS_GOAL_DAILY, 3);
  g_autofree char *one_week = closeness_habit_describe_streak (CLOSENESS_GOAL_WEEKLY, 1);
  g_autofree char *none = closeness_habit_describe_streak (CLOSENESS_GOAL_MONTHLY, 0);
  g_autofree char *summary = NULL;
  ClosenessHabitStats stats = { .done_last_30 = 18, .best_streak = 12 };

  g_assert_cmpstr (days, ==, "3 days in a row");
  g_assert_cmpstr (one_week, ==, "1 week in a row");
  g_assert_cmpstr (none, ==, "A fresh start");
  g_assert_cmpstr (closeness_habit_describe_score (0.6), ==, "Getting stronger");

  summary = closeness_habit_describe_summary (CLOSENESS_GOAL_DAILY, &stats);
  g_assert_cmpstr (summary, ==, "Done 18 of the last 30 days; best streak 12 days");

  /* No guilt words anywhere. */
  for (double score = 0; score <= 1.0; score += 0.05)
    {
      const char *words = closeness_habit_describe_score (score);

      g_assert_null (strstr (words, "broken"));
      g_assert_null (strstr (words, "fail"));
      g_assert_null (strstr (words, "lost"));
    }
}

static char *
status_for (ClosenessGoalKind  kind,
            int                count,
            const char        *first,
            const char        *pattern,
            const char        *today)
{
  ClosenessHabitStats stats = compute (kind, count, first, pattern, today);

  return closeness_habit_describe_status (kind, &stats);
}

/* The status line under an activity says what is true, each thing once. */
static void
test_status (void)
{
  g_autofree char *fresh = status_for (CLOSENESS_GOAL_WEEKLY, 2, "2024-05-06", "", "2024-05-08");
  /* Logged today (Wednesday) on a two-a-week goal. */
  g_autofree char *one_of_two = status_for (CLOSENESS_GOAL_WEEKLY, 2, "2024-05-08", "D",
                                            "2024-05-08");
  g_autofree char *reached = status_for (CLOSENESS_GOAL_WEEKLY, 2, "2024-05-06", "D.D",
                                         "2024-05-08");
  g_autofree char *first_day = status_for (CLOSENESS_GOAL_DAILY, 1, "2024-05-08", "D",
                                           "2024-05-08");
  g_autofree char *monthly = status_for (CLOSENESS_GOAL_MONTHLY, 3, "2024-05-02", "D",
                                         "2024-05-08");
  g_autofree char *missed = status_for (CLOSENESS_GOAL_DAILY, 1, "2024-05-01", "D",
                                        "2024-05-08");
  ClosenessHabitStats stats = compute (CLOSENESS_GOAL_WEEKLY, 2, "2024-05-08", "D", "2024-05-08");
  g_autofree char *summary = closeness_habit_describe_summary (CLOSENESS_GOAL_WEEKLY, &stats);
  g_autofree char *every_day = closeness_habit_describe_goal (CLOSENESS_GOAL_DAILY, 1);
  g_autofree char *weekly = closeness_habit_describe_goal (CLOSENESS_GOAL_WEEKLY, 2);

  g_assert_cmpstr (fresh, ==, "Ready when you are");
  g_assert_cmpstr (one_of_two, ==, "1 of 2 this week");
  g_assert_cmpstr (reached, ==, "Goal reached this week · 1 week in a row");
  g_assert_cmpstr (first_day, ==, "1 day in a row");
  g_assert_cmpstr (monthly, ==, "1 of 3 this month");
  g_assert_cmpstr (missed, ==, "A fresh start");
  g_assert_null (strstr (one_of_two, "fresh"));

  /* No "best streak 0 weeks". */
  g_assert_cmpstr (summary, ==, "Done 1 of the last 30 days");
  g_assert_cmpstr (every_day, ==, "Goal: every day");
  g_assert_cmpstr (weekly, ==, "Goal: 2 times a week");
}

/* Who sees what; see also test-selfcare-csv.c for exports. */
static void
test_views (void)
{
  for (guint me = 0; me <= 1; me++)
    {
      guint partner = 1 - me;

      /* My private activity: only in my "Me" view. */
      g_assert_true (
        closeness_selfcare_view_shows_activity (CLOSENESS_SELFCARE_VIEW_ME, me, me, TRUE));
      g_assert_false (
        closeness_selfcare_view_shows_activity (CLOSENESS_SELFCARE_VIEW_PARTNER, me, me, TRUE));
      g_assert_false (
        closeness_selfcare_view_shows_activity (CLOSENESS_SELFCARE_VIEW_TOGETHER, me, me, TRUE));

      /* Their private activity: nowhere on my side. */
      for (ClosenessSelfcareView v = CLOSENESS_SELFCARE_VIEW_ME;
           v <= CLOSENESS_SELFCARE_VIEW_TOGETHER; v++)
        {
          g_assert_false (closeness_selfcare_view_shows_activity (v, me, partner, TRUE));
          for (guint slot = 0; slot <= 1; slot++)
            g_assert_false (closeness_selfcare_view_counts_slot (v, me, partner, TRUE, slot));
        }

      /* Their shared one: in "My partner" and "Both of You", not in "Me". */
      g_assert_false (
        closeness_selfcare_view_shows_activity (CLOSENESS_SELFCARE_VIEW_ME, me, partner, FALSE));
      g_assert_true (closeness_selfcare_view_shows_activity (CLOSENESS_SELFCARE_VIEW_PARTNER, me,
                                                             partner, FALSE));
      g_assert_true (closeness_selfcare_view_shows_activity (CLOSENESS_SELFCARE_VIEW_TOGETHER, me,
                                                             partner, FALSE));

      /* Ours: everywhere, counting the right person. */
      g_assert_true (closeness_selfcare_view_counts_slot (CLOSENESS_SELFCARE_VIEW_ME, me,
                                                          CLOSENESS_OWNER_BOTH, FALSE, me));
      g_assert_false (closeness_selfcare_view_counts_slot (CLOSENESS_SELFCARE_VIEW_ME, me,
                                                           CLOSENESS_OWNER_BOTH, FALSE, partner));
      g_assert_true (closeness_selfcare_view_counts_slot (CLOSENESS_SELFCARE_VIEW_PARTNER, me,
                                                          CLOSENESS_OWNER_BOTH, FALSE, partner));
      g_assert_false (closeness_selfcare_view_counts_slot (CLOSENESS_SELFCARE_VIEW_PARTNER, me,
                                                           CLOSENESS_OWNER_BOTH, FALSE, me));
      g_assert_true (closeness_selfcare_view_counts_slot (CLOSENESS_SELFCARE_VIEW_TOGETHER, me,
                                                          CLOSENESS_OWNER_BOTH, FALSE, 0));
      g_assert_true (closeness_selfcare_view_counts_slot (CLOSENESS_SELFCARE_VIEW_TOGETHER, me,
                                                          CLOSENESS_OWNER_BOTH, FALSE, 1));
      /* A "private for both" (refused by the store) shows to nobody. */
      for (ClosenessSelfcareView v = CLOSENESS_SELFCARE_VIEW_ME;
           v <= CLOSENESS_SELFCARE_VIEW_TOGETHER; v++)
        g_assert_false (closeness_selfcare_view_shows_activity (v, me, CLOSENESS_OWNER_BOTH, TRUE));

      /* Nobody logs for the other in "My partner". */
      g_assert_false (closeness_selfcare_view_can_log (CLOSENESS_SELFCARE_VIEW_PARTNER, me,
                                                       CLOSENESS_OWNER_BOTH, partner));
      g_assert_true (
        closeness_selfcare_view_can_log (CLOSENESS_SELFCARE_VIEW_ME, me, CLOSENESS_OWNER_BOTH, me));
      g_assert_false (
        closeness_selfcare_view_can_log (CLOSENESS_SELFCARE_VIEW_ME, me, partner, me));
    }

  g_assert_cmpuint (closeness_selfcare_parse_me ("1"), ==, 1);
  g_assert_cmpuint (closeness_selfcare_parse_me (NULL), ==, 0);
  g_assert_cmpuint (closeness_selfcare_parse_me ("x"), ==, 0);
}

/* The goal's status against a table of weeks and months, written before the
 * logic it checks: a week that started when the couple started is judged
 * on the whole goal (it is not shrunk to the days left), rest days never
 * make a goal "reached", and a week or month of rest says so. 2026-11-30
 * is a Monday. */
/* A row of a status table: what is logged from @first, and what the
 * activity then says on @today. */
typedef struct
{
  const char        *what;
  ClosenessGoalKind  kind;
  int                count;
  const char        *first;
  const char        *pattern;
  const char        *today;
  const char        *status;
  guint              streak;
} StatusRow;

static void
assert_status_rows (const StatusRow *rows,
                    guint            n_rows)
{
  for (guint i = 0; i < n_rows; i++)
    {
      ClosenessHabitStats stats = compute (rows[i].kind, rows[i].count, rows[i].first,
                                           rows[i].pattern, rows[i].today);
      g_autofree char *status = closeness_habit_describe_status (rows[i].kind, &stats);

      g_test_message ("%s: “%s”, streak %u", rows[i].what, status, stats.current_streak);
      g_assert_cmpstr (status, ==, rows[i].status);
      g_assert_cmpuint (stats.current_streak, ==, rows[i].streak);
    }
}

static void
test_goal_status_table (void)
{
  static const StatusRow weeks[] = {
    { "one tick on the first Sunday of a 3-a-week goal", CLOSENESS_GOAL_WEEKLY, 3,
      "2026-12-06", "D", "2026-12-06", "1 of 3 this week", 0 },
    { "the week after a first partial week", CLOSENESS_GOAL_WEEKLY, 3,
      "2026-12-06", "D", "2026-12-07", "0 of 3 this week", 0 },
    { "a first partial week that met the whole goal", CLOSENESS_GOAL_WEEKLY, 3,
      "2026-12-04", "DDD", "2026-12-06", "Goal reached this week · 1 week in a row", 1 },
    { "a first partial week that fell short breaks nothing", CLOSENESS_GOAL_WEEKLY, 2,
      "2026-12-05", "D." "DD", "2026-12-08", "Goal reached this week · 1 week in a row", 1 },
    { "a rest day and nothing done on a once-a-week goal", CLOSENESS_GOAL_WEEKLY, 1,
      "2026-12-06", "R", "2026-12-06", "0 of 1 this week", 0 },
    { "a rest day and one done on a once-a-week goal", CLOSENESS_GOAL_WEEKLY, 1,
      "2026-12-05", "DR", "2026-12-06", "Goal reached this week · 1 week in a row", 1 },
    { "five rest days leave two days for a 3-a-week goal", CLOSENESS_GOAL_WEEKLY, 3,
      "2026-11-30", "RRRRRD", "2026-12-05", "1 of 2 this week", 0 },
    { "a whole week of rest", CLOSENESS_GOAL_WEEKLY, 2,
      "2026-11-30", "RRRRRRR", "2026-12-06", "A week of rest", 0 },
    { "a whole week of rest keeps the streak", CLOSENESS_GOAL_WEEKLY, 1, "2026-11-23",
      "D......"
      "RRRRRRR"
      "D",
      "2026-12-07", "Goal reached this week · 2 weeks in a row", 2 },
    { "one tick on the last day of the first month", CLOSENESS_GOAL_MONTHLY, 4,
      "2026-11-30", "D", "2026-11-30", "1 of 4 this month", 0 },
    { "a month that began with the couple, goal met", CLOSENESS_GOAL_MONTHLY, 2,
      "2026-11-29", "DD", "2026-11-30", "Goal reached this month · 1 month in a row", 1 },
    { "a whole month of rest", CLOSENESS_GOAL_MONTHLY, 2,
      "2026-11-01", "RRRRRRRRRRRRRRRRRRRRRRRRRRRRRR", "2026-11-30", "A month of rest", 0 },
  };

  assert_status_rows (weeks, G_N_ELEMENTS (weeks));

  /* Time zones: Sunday 23:30 in New York is Monday in UTC; the tick belongs
   * to the week the couple lived it in. */
  {
    g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
    g_autoptr(GDateTime) late = g_date_time_new (new_york, 2026, 12, 6, 23, 30, 0);
    guint32 sunday = closeness_habit_day_for_time (g_date_time_to_unix (late), new_york);
    ClosenessHabitEntry entry = { sunday, CLOSENESS_ENTRY_DONE };
    ClosenessHabitStats stats;
    g_autofree char *status = NULL;

    g_assert_cmpuint (sunday, ==, day ("2026-12-06"));
    closeness_habit_compute (CLOSENESS_GOAL_WEEKLY, 1, &entry, 1, sunday, &stats);
    status = closeness_habit_describe_status (CLOSENESS_GOAL_WEEKLY, &stats);
    g_assert_cmpstr (status, ==, "Goal reached this week · 1 week in a row");
  }
}

static ClosenessHabitStats
compute_every (guint       interval,
               const char *first,
               const char *pattern,
               const char *today)
{
  g_autoptr(GArray) entries = entries_from_pattern (first, pattern);
  ClosenessHabitGoal goal = { CLOSENESS_GOAL_DAILY, 1, interval };
  ClosenessHabitStats stats;

  closeness_habit_compute_goal (&goal, (ClosenessHabitEntry *) (gpointer) entries->data,
                                entries->len, day (today), &stats, 0, 0, NULL);

  return stats;
}

/* "Every N days" and measured days, written before the code: the first
 * period, rest days, today still open, and a day in another time zone. */
static void
test_every_n_days_table (void)
{
  static const struct {
    const char *what;
    guint       interval;
    const char *first;
    const char *pattern;
    const char *today;
    guint       streak;
    guint       best;
    gboolean    started;
  } table[] = {
    { "every 3 days, kept", 3, "2026-12-01", "D..D..D", "2026-12-07", 7, 7, TRUE },
    { "every 3 days, a gap of four days", 3, "2026-12-01", "D...D", "2026-12-05", 1, 3, TRUE },
    { "every 2 days: done yesterday keeps today", 2, "2026-12-01", "D", "2026-12-02", 2, 2, TRUE },
    { "every 2 days: today still open", 2, "2026-12-01", "D.", "2026-12-03", 2, 2, TRUE },
    { "every 2 days: a rest day does not count as a day without", 2, "2026-12-01", "D.RD",
      "2026-12-04", 3, 3, TRUE },
    { "every 2 days: two days without, a rest between", 2, "2026-12-01", "D.R.", "2026-12-05", 0,
      2, TRUE },
    { "every 3 days: the first days before the first time", 3, "2026-12-01", "p", "2026-12-02", 0,
      0, TRUE },
    { "every 3 days: never done in three days is a miss", 3, "2026-12-01", "p..D", "2026-12-04",
      1, 1, TRUE },
    { "every 3 days: begun with a rest day", 3, "2026-12-01", "R.D", "2026-12-03", 1, 1, TRUE },
    { "every 1 day is the daily goal", 1, "2026-12-01", "DD.D", "2026-12-04", 1, 2, TRUE },
    { "nothing yet", 4, "2026-12-01", "", "2026-12-04", 0, 0, FALSE },
    { "every 7 days across a month's end", 7, "2026-11-25", "D......D", "2026-12-02", 8, 8, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      ClosenessHabitStats stats = compute_every (table[i].interval, table[i].first,
                                                 table[i].pattern, table[i].today);

      g_test_message ("%s: streak %u, best %u", table[i].what, stats.current_streak,
                      stats.best_streak);
      g_assert_cmpuint (stats.current_streak, ==, table[i].streak);
      g_assert_cmpuint (stats.best_streak, ==, table[i].best);
      g_assert_cmpint (stats.started, ==, table[i].started);
    }

  /* Every 1 day and the daily goal agree on everything. */
  {
    ClosenessHabitStats every = compute_every (1, "2026-11-01", "DD.DRR.DDDp.D", "2026-11-13");
    ClosenessHabitStats daily = compute (CLOSENESS_GOAL_DAILY, 1, "2026-11-01", "DD.DRR.DDDp.D",
                                         "2026-11-13");

    g_assert_cmpmem (&every, sizeof every, &daily, sizeof daily);
  }
}

static void
test_measured_table (void)
{
  static const struct {
    ClosenessEntryKind kind;
    double             value;
    double             target;
    guint8             counts_as;
  } classify[] = {
    { CLOSENESS_ENTRY_DONE, 30, 30, CLOSENESS_ENTRY_DONE },
    { CLOSENESS_ENTRY_DONE, 45, 30, CLOSENESS_ENTRY_DONE },
    { CLOSENESS_ENTRY_DONE, 20, 30, CLOSENESS_HABIT_PARTIAL },
    { CLOSENESS_ENTRY_DONE, 29.99, 30, CLOSENESS_HABIT_PARTIAL },
    { CLOSENESS_ENTRY_DONE, -1, 30, CLOSENESS_HABIT_PARTIAL },    /* ticked without an amount */
    { CLOSENESS_ENTRY_REST, -1, 30, CLOSENESS_ENTRY_REST },
    { CLOSENESS_ENTRY_REST, 10, 30, CLOSENESS_ENTRY_REST },
    { CLOSENESS_ENTRY_DONE, -1, 0, CLOSENESS_ENTRY_DONE },        /* a yes/no activity */
    { CLOSENESS_ENTRY_DONE, 2.5, 2.5, CLOSENESS_ENTRY_DONE },
  };
  static const StatusRow table[] = {
    { "a day short of the target breaks a daily streak", CLOSENESS_GOAL_DAILY, 1,
      "2026-12-01", "DpD", "2026-12-03", "1 day in a row", 1 },
    { "short today: not done yet, nothing broken", CLOSENESS_GOAL_DAILY, 1,
      "2026-12-01", "DDp", "2026-12-03", "2 days in a row", 2 },
    { "short days do not count towards a weekly goal", CLOSENESS_GOAL_WEEKLY, 2,
      "2026-11-30", "DppD", "2026-12-03", "Goal reached this week · 1 week in a row", 1 },
    { "short days are not rest days", CLOSENESS_GOAL_WEEKLY, 3,
      "2026-11-30", "Dpp", "2026-12-02", "1 of 3 this week", 0 },
    { "a first month begun with a short day", CLOSENESS_GOAL_MONTHLY, 2,
      "2026-11-29", "pD", "2026-11-30", "1 of 2 this month", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (classify); i++)
    g_assert_cmpuint (closeness_habit_classify (classify[i].kind, classify[i].value,
                                                classify[i].target), ==, classify[i].counts_as);

  assert_status_rows (table, G_N_ELEMENTS (table));

  /* Time zones: 30 minutes logged at 23:30 on Sunday in New York belong to
   * that Sunday and its week, not to Monday in UTC. */
  {
    g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
    g_autoptr(GDateTime) late = g_date_time_new (new_york, 2026, 12, 6, 23, 30, 0);
    guint32 sunday = closeness_habit_day_for_time (g_date_time_to_unix (late), new_york);
    ClosenessHabitEntry entry = { sunday, closeness_habit_classify (CLOSENESS_ENTRY_DONE, 30, 30) };
    ClosenessHabitGoal goal = { CLOSENESS_GOAL_WEEKLY, 1, 0 };
    ClosenessHabitStats stats;

    closeness_habit_compute_goal (&goal, &entry, 1, sunday, &stats, 0, 0, NULL);
    g_assert_cmpuint (stats.period_done, ==, 1);
    g_assert_cmpuint (stats.current_streak, ==, 1);
  }

  /* What the row and the goal say. */
  {
    ClosenessHabitGoal every_day = { CLOSENESS_GOAL_DAILY, 1, 1 };
    ClosenessHabitGoal every_3 = { CLOSENESS_GOAL_DAILY, 1, 3 };
    g_autofree char *amount = closeness_habit_describe_amount (20, 30, "minutes");
    g_autofree char *none = closeness_habit_describe_amount (-1, 2.5, "km");
    g_autofree char *goal = closeness_habit_describe_goal_full (&every_day, 30, "minutes");
    g_autofree char *interval = closeness_habit_describe_goal_full (&every_3, 0, NULL);

    g_assert_cmpstr (amount, ==, "20 of 30 minutes");
    g_assert_cmpstr (none, ==, "0 of 2.5 km");
    g_assert_cmpstr (goal, ==, "Goal: every day · 30 minutes a day");
    g_assert_cmpstr (interval, ==, "Goal: every 3 days");
  }
}

/* Loop's score, our habit strength: s ← s + α (x − s) per period, x the
 * share of the period's goal met, α = 1 − 2^(−1/14) for a daily goal.
 * A small table worked out by hand, and the chart's series of it. */
static void
test_score_formula (void)
{
  const double alpha = 1 - pow (2, -1.0 / 14);
  g_autoptr(GArray) entries = entries_from_pattern ("2026-12-01", "DD.D");
  ClosenessHabitGoal goal = { CLOSENESS_GOAL_DAILY, 1, 1 };
  ClosenessHabitStats stats;
  double expected[6];
  double series[6];

  expected[0] = 0;                                          /* the day before */
  expected[1] = alpha;                                      /* D */
  expected[2] = expected[1] + alpha * (1 - expected[1]);    /* D */
  expected[3] = expected[2] - alpha * expected[2];          /* a miss */
  expected[4] = expected[3] + alpha * (1 - expected[3]);    /* D, today */
  expected[5] = expected[4];                                /* tomorrow: as today */

  closeness_habit_compute_goal (&goal, (ClosenessHabitEntry *) (gpointer) entries->data,
                                entries->len, day ("2026-12-04"), &stats,
                                day ("2026-11-30"), G_N_ELEMENTS (series), series);
  for (guint i = 0; i < G_N_ELEMENTS (series); i++)
    g_assert_cmpfloat_with_epsilon (series[i], expected[i], 1e-12);
  g_assert_cmpfloat_with_epsilon (stats.score, expected[4], 1e-12);
  g_assert_cmpfloat_with_epsilon (expected[4], 0.1337, 1e-4);

  /* What a screen reader hears of the chart. */
  {
    double scores[182] = { 0 };
    g_autofree char *text = NULL;
    g_autofree char *short_text = NULL;

    scores[0] = 0.2;
    scores[151] = 0.484;   /* 30 days before today */
    scores[181] = 0.625;
    text = closeness_habit_describe_scores (scores, G_N_ELEMENTS (scores));
    g_assert_cmpstr (text, ==, "Habit strength 63% today, 48% a month ago, 20% six months ago");
    short_text = closeness_habit_describe_scores (series, G_N_ELEMENTS (series));
    g_assert_cmpstr (short_text, ==, "Habit strength 13% today, 0% a month ago, 0% six months ago");
  }

  /* Every 3 days kept for 30 days is as strong as every day for 30 days. */
  {
    g_autoptr(GArray) every_third = entries_from_pattern ("2026-11-01",
                                                          "D..D..D..D..D..D..D..D..D..D..");
    g_autoptr(GArray) every_day = entries_from_pattern ("2026-11-01",
                                                        "DDDDDDDDDDDDDDDDDDDDDDDDDDDDDD");
    ClosenessHabitGoal every_3 = { CLOSENESS_GOAL_DAILY, 1, 3 };
    ClosenessHabitStats third, daily;

    closeness_habit_compute_goal (&every_3, (ClosenessHabitEntry *) (gpointer) every_third->data,
                                  every_third->len, day ("2026-11-30"), &third, 0, 0, NULL);
    closeness_habit_compute_goal (&goal, (ClosenessHabitEntry *) (gpointer) every_day->data,
                                  every_day->len, day ("2026-11-30"), &daily, 0, 0, NULL);
    g_assert_cmpfloat_with_epsilon (third.score, daily.score, 1e-12);
    g_assert_cmpfloat_with_epsilon (daily.score, 1 - pow (1 - alpha, 30), 1e-12);
  }
}

/* A row's figures from the recent days alone are those of the whole
 * history: random histories of six years, with and without gaps, every
 * goal, ticked and measured; the whole history is read only when a streak
 * reaches back before the recent days. */
static void
test_recent_window (void)
{
  g_autofree char *dir = g_dir_make_tmp ("habit-recent-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "closeness.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (18);
  guint32 today = closeness_habit_today ();
  static const struct {
    ClosenessGoalKind kind;
    int count;
    int interval;
    double target;
  } goals[] = {
    { CLOSENESS_GOAL_DAILY, 1, 1, 0 },
    { CLOSENESS_GOAL_DAILY, 1, 3, 0 },
    { CLOSENESS_GOAL_WEEKLY, 3, 0, 0 },
    { CLOSENESS_GOAL_MONTHLY, 4, 0, 0 },
    { CLOSENESS_GOAL_DAILY, 1, 1, 30 },
    { CLOSENESS_GOAL_WEEKLY, 2, 0, 20 },
  };
  guint n_partial = 0, n_complete = 0;

  g_assert_no_error (error);

  for (guint g = 0; g < G_N_ELEMENTS (goals); g++)
    for (guint gaps = 0; gaps < 3; gaps++)
      {
        g_autofree char *name = g_strdup_printf ("Goal %u, gaps %u", g, gaps);
        ClosenessActivityInfo info = {
          .name = name, .owner = CLOSENESS_OWNER_BOTH, .goal_kind = goals[g].kind,
          .goal_count = goals[g].count, .interval_days = goals[g].interval,
          .kind = goals[g].target > 0 ? CLOSENESS_ACTIVITY_MEASURABLE : CLOSENESS_ACTIVITY_YES_NO,
          .unit = "min", .target = goals[g].target,
        };
        g_autoptr(ClosenessActivity) activity =
          closeness_store_create_activity (store, &info, &error);
        g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (ClosenessEntryInfo));
        g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);
        ClosenessHabitGoal goal = { goals[g].kind, goals[g].count, goals[g].interval };
        gint64 id;

        g_assert_no_error (error);
        id = closeness_record_get_id (CLOSENESS_RECORD (activity));

        /* gaps 0: every day logged (streaks of six years); 1: a gap now
         * and then; 2: a gap in the last weeks only. */
        for (guint32 d = today - 6 * 365; d <= today; d++)
          for (guint slot = 0; slot < 2; slot++)
            {
              ClosenessEntryInfo entry = { id, slot, NULL, CLOSENESS_ENTRY_DONE, NULL, FALSE, 0 };
              guint roll = g_rand_int_range (rand, 0, 100);

              if ((gaps == 1 && roll < 15) || (gaps == 2 && today - d < 40 && roll < 50))
                continue;
              if (roll >= 93)
                entry.kind = CLOSENESS_ENTRY_REST;
              if (goals[g].target > 0)
                {
                  entry.has_value = TRUE;
                  entry.value = gaps == 0 ? goals[g].target + roll : g_rand_int_range (rand, 0, 60);
                }
              g_ptr_array_add (days, closeness_habit_format_day (d));
              entry.day = g_ptr_array_index (days, days->len - 1);
              g_array_append_val (entries, entry);
            }
        g_assert_true (closeness_store_add_entries (store,
                                                    (ClosenessEntryInfo *) (gpointer) entries->data,
                                                    entries->len, NULL, NULL, &error));
        g_assert_no_error (error);

        for (guint v = 0; v < 3; v++)
          {
            ClosenessSelfcareView view = v == 2 ? CLOSENESS_SELFCARE_VIEW_TOGETHER
                                                : CLOSENESS_SELFCARE_VIEW_ME;
            g_autoptr(ClosenessActivityHistory) whole = closeness_activity_history_new (store, id);
            g_autoptr(ClosenessActivityHistory) recent = closeness_activity_history_new (store, id);
            ClosenessHabitStats a, b;

            g_assert_true (closeness_activity_history_load (whole, NULL));
            g_assert_true (
              closeness_activity_history_load_recent (recent,
                                                      closeness_habit_recent_start (&goal, today),
                                                      NULL));
            g_assert_false (closeness_activity_history_get_complete (recent));
            closeness_activity_history_compute (whole, view, v == 1, CLOSENESS_OWNER_BOTH, FALSE,
                                                &goal, goals[g].target, today, NULL, &a);
            closeness_activity_history_compute (recent, view, v == 1, CLOSENESS_OWNER_BOTH, FALSE,
                                                &goal, goals[g].target, today, NULL, &b);

            g_test_message ("%s, view %u: streak %u/%u, score %.9f/%.9f, %s", name, v,
                            a.current_streak, b.current_streak, a.score, b.score,
                            closeness_activity_history_get_complete (recent) ? "all read"
                                                                             : "recent");
            g_assert_cmpuint (a.current_streak, ==, b.current_streak);
            g_assert_cmpuint (a.period_done, ==, b.period_done);
            g_assert_cmpuint (a.period_target, ==, b.period_target);
            g_assert_cmpuint (a.done_this_week, ==, b.done_this_week);
            g_assert_cmpuint (a.done_last_30, ==, b.done_last_30);
            g_assert_cmpint (a.done_today, ==, b.done_today);
            g_assert_cmpint (a.started, ==, b.started);
            g_assert_cmpfloat_with_epsilon (a.score, b.score, 1e-6);
            if (closeness_activity_history_get_complete (recent))
              n_complete++;
            else
              n_partial++;
          }
      }

  /* Both happen: unbroken streaks read it all, broken ones do not. */
  g_test_message ("%u views from the recent days, %u from all", n_partial, n_complete);
  g_assert_cmpuint (n_partial, >, 0);
  g_assert_cmpuint (n_complete, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/habit/days", test_days);
  g_test_add_func ("/habit/log-day-limits", test_log_day_limits);
  g_test_add_func ("/habit/daily", test_daily_streaks);
  g_test_add_func ("/habit/weekly", test_weekly_streaks);
  g_test_add_func ("/habit/monthly", test_monthly_streaks);
  g_test_add_func ("/habit/score-forgiving", test_score_forgiving);
  g_test_add_func ("/habit/chart-data", test_chart_data);
  g_test_add_data_func ("/habit/dst/europe-berlin", "Europe/Berlin", test_dst);
  g_test_add_data_func ("/habit/dst/america-new-york", "America/New_York", test_dst);
  g_test_add_func ("/habit/words", test_words);
  g_test_add_func ("/habit/status", test_status);
  g_test_add_func ("/habit/goal-status-table", test_goal_status_table);
  g_test_add_func ("/habit/every-n-days-table", test_every_n_days_table);
  g_test_add_func ("/habit/measured-table", test_measured_table);
  g_test_add_func ("/habit/score-formula", test_score_formula);
  g_test_add_func ("/habit/recent-window", test_recent_window);
  g_test_add_func ("/selfcare/views", test_views);

  return g_test_run ();
}
