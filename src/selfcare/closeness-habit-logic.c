/* closeness-habit-logic.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How progress is counted (also in docs/SELFCARE-CSV.md, "Progress"):
 *
 * A goal has a period (a day; a week Monday–Sunday; a calendar month) and a
 * count N (daily: 1). Rest days are taken out of their period: a period of
 * L days with R rest days asks for min (N, L - R) done days. A period that
 * asks for nothing (all rest) is neutral: it neither counts nor breaks a
 * streak. The first period is clipped to start on the first logged day, and
 * the current period is "open": it counts once its goal is met and never
 * breaks anything while it is still running.
 *
 * Streak: consecutive periods whose goal was met, neutral periods skipped.
 *
 * "Every N days" (a daily goal with an interval, as Loop Habit Tracker
 * has it): a day counts as kept while the last time done was at most N − 1
 * days before it, rest days not counted; the N-th day without it (not a
 * rest day, not today) is a miss, and so is every day after it until it is
 * done again. Every 1 day is the daily goal above, exactly. The streak
 * counts the days kept in a row. Before the first time, its first N − 1
 * days are neutral: the time it may take.
 *
 * Measured activities (minutes, km, pages): a day counts as done when the
 * amount logged reaches the daily target (closeness_habit_classify()); a
 * smaller amount is a day logged but not done, and not a rest day.
 *
 * Habit strength (Loop's "score"): exponential smoothing over periods,
 *
 *   s ← s + α · (x − s),   x = min (1, done / asked),
 *
 * starting at s = 0 on the first period. α comes from a half-life of
 * 14 days, 6 weeks or 3 months (α = 1 − 2^(−1/half-life)): one missed day
 * of a daily habit at full strength leaves 95 %, a missed week 89 %, a
 * missed month 79 %; months of practice are never erased by one miss.
 * Half-done periods count half (x = 2/3 for two of three). The open
 * period only counts when it raises the score. Neutral periods leave it
 * unchanged.
 */

#define G_LOG_DOMAIN "closeness-selfcare"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "closeness-habit-logic.h"

enum {
  DAY_NONE = 0,
  DAY_REST = 1,
  DAY_DONE = 2,
};

/* How many days of "every N days" a chart or a row may ask for. */
#define MAX_INTERVAL 365

typedef enum {
  PERIOD_MET,
  PERIOD_MISSED,
  PERIOD_NEUTRAL,
  PERIOD_OPEN,
} PeriodState;

static double
alpha_for_goal (ClosenessGoalKind goal_kind)
{
  /* 1 − 2^(−1/h) for h = 14 days, 6 weeks, 3 months. */
  switch (goal_kind)
    {
    case CLOSENESS_GOAL_WEEKLY:
      return 0.109101281859661;
    case CLOSENESS_GOAL_MONTHLY:
      return 0.206299474015900;
    case CLOSENESS_GOAL_DAILY:
    default:
      return 0.048304846989380;
    }
}

guint
closeness_habit_weekday (guint32 day)
{
  /* Julian day 1 (0001-01-01, proleptic Gregorian) was a Monday. */
  return (day - 1) % 7;
}

guint32
closeness_habit_week_start (guint32 day)
{
  return day - closeness_habit_weekday (day);
}

static guint32
month_start (guint32  day,
             guint   *length)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  if (length != NULL)
    *length = g_date_get_days_in_month (g_date_get_month (&date), g_date_get_year (&date));

  return day - g_date_get_day (&date) + 1;
}

/* The first day of the period that holds @day. */
static guint32
period_start (ClosenessGoalKind goal_kind,
              guint32           day)
{
  switch (goal_kind)
    {
    case CLOSENESS_GOAL_WEEKLY:
      return closeness_habit_week_start (day);
    case CLOSENESS_GOAL_MONTHLY:
      return month_start (day, NULL);
    case CLOSENESS_GOAL_DAILY:
    default:
      return day;
    }
}

/* The end (exclusive) of the period that starts at @start. */
static guint32
period_end (ClosenessGoalKind goal_kind,
            guint32           start)
{
  guint length;

  switch (goal_kind)
    {
    case CLOSENESS_GOAL_WEEKLY:
      return closeness_habit_week_start (start) + 7;
    case CLOSENESS_GOAL_MONTHLY:
      return month_start (start, &length) + length;
    case CLOSENESS_GOAL_DAILY:
    default:
      return start + 1;
    }
}

/**
 * closeness_habit_classify:
 * @value: the amount logged, or a negative number for none
 * @target: a measured activity's daily target; 0 for a yes/no activity
 *
 * Returns: the #ClosenessHabitEntry kind of an entry: done, rest, or
 *   %CLOSENESS_HABIT_PARTIAL for an amount short of the target
 */
guint8
closeness_habit_classify (ClosenessEntryKind kind,
                          double             value,
                          double             target)
{
  if (kind == CLOSENESS_ENTRY_REST)
    return CLOSENESS_ENTRY_REST;

  if (target > 0 && !(value >= target))
    return CLOSENESS_HABIT_PARTIAL;

  return CLOSENESS_ENTRY_DONE;
}

void
closeness_habit_compute (ClosenessGoalKind          goal_kind,
                         int                        goal_count,
                         const ClosenessHabitEntry *entries,
                         gsize                      n_entries,
                         guint32                    today,
                         ClosenessHabitStats       *stats)
{
  ClosenessHabitGoal goal = { goal_kind, goal_count, 1 };

  closeness_habit_compute_goal (&goal, entries, n_entries, today, stats, 0, 0, NULL);
}

/**
 * closeness_habit_compute_goal:
 * @series_first: the first day of @series
 * @series_n: how many days @series holds (0 for none)
 * @series: (out caller-allocates) (nullable): the strength at the end of
 *   each day from @series_first (what the chart draws); 0 before anything
 *   was logged, and the last value after @today
 *
 * Streaks, strength and the current period of one activity, as the rows,
 * the detail and the chart show them.
 */
void
closeness_habit_compute_goal (const ClosenessHabitGoal  *goal,
                              const ClosenessHabitEntry *entries,
                              gsize                      n_entries,
                              guint32                    today,
                              ClosenessHabitStats       *stats,
                              guint32                    series_first,
                              guint                      series_n,
                              double                    *series)
{
  ClosenessGoalKind goal_kind = goal->kind;
  int goal_count = goal->count;
  guint interval = goal_kind == CLOSENESS_GOAL_DAILY ? CLAMP (goal->interval_days, 1, MAX_INTERVAL)
                                                     : 1;
  guint since_done = 0;   /* days (not rest) since it was last done */
  gboolean ever_done = FALSE;
  guint8 small[4096];
  g_autofree guint8 *large = NULL;
  guint8 *days;
  guint32 first = G_MAXUINT32;
  guint32 n_days;
  guint32 start;
  guint32 week_start = closeness_habit_week_start (today);
  guint32 this_month = month_start (today, NULL);
  double alpha = alpha_for_goal (goal_kind);
  double score = 0.0;
  guint run = 0, best = 0;
  guint asked_goal;

  g_return_if_fail (goal != NULL);
  g_return_if_fail (stats != NULL);
  g_return_if_fail (entries != NULL || n_entries == 0);
  g_return_if_fail (series != NULL || series_n == 0);

  memset (stats, 0, sizeof *stats);
  if (series_n > 0)
    memset (series, 0, series_n * sizeof *series);

  if (goal_kind == CLOSENESS_GOAL_DAILY)
    asked_goal = 1;
  else
    asked_goal = CLAMP (goal_count, 1, 31);

  for (gsize i = 0; i < n_entries; i++)
    {
      if (entries[i].day <= today && entries[i].day < first)
        first = entries[i].day;
    }

  stats->period_target = asked_goal;

  if (first == G_MAXUINT32)
    return;

  stats->started = TRUE;

  /* One byte per day from the first entry to today; ten years is 3,653. */
  n_days = today - first + 1;
  if (n_days <= sizeof small)
    days = small;
  else
    days = large = g_malloc (n_days);
  memset (days, DAY_NONE, n_days);

  for (gsize i = 0; i < n_entries; i++)
    {
      const ClosenessHabitEntry *entry = &entries[i];

      if (entry->day < first || entry->day > today)
        continue;

      /* A measured day short of its target is neither done nor rest. */
      if (entry->kind == CLOSENESS_ENTRY_DONE)
        days[entry->day - first] = DAY_DONE;
      else if (entry->kind == CLOSENESS_ENTRY_REST && days[entry->day - first] == DAY_NONE)
        days[entry->day - first] = DAY_REST;
    }

  for (start = first; start <= today;)
    {
      guint32 end = period_end (goal_kind, start);
      guint32 last = MIN (end, today + 1);
      guint done = 0, rest = 0, asked;
      PeriodState state;

      for (guint32 d = start; d < last; d++)
        {
          guint8 value = days[d - first];

          done += value == DAY_DONE;
          rest += value == DAY_REST;
        }

      /* The whole goal, also in the period the couple began in (it is not
       * shrunk to the days left); only rest days lower it, never to a goal
       * that counts as reached by doing nothing. */
      asked = MIN (asked_goal, (end - period_start (goal_kind, start)) - rest);

      if (asked == 0)
        state = PERIOD_NEUTRAL;   /* a period of rest */
      else if (done >= asked)
        state = PERIOD_MET;
      else if (interval > 1 && ++since_done < interval)
        /* Every N days: still within N days of the last time; before the
         * first time, the first N days are only the time it may take. */
        state = ever_done ? PERIOD_MET : PERIOD_NEUTRAL;
      else if (end > today)
        state = PERIOD_OPEN;      /* today is not over yet */
      else if (start > period_start (goal_kind, start))
        state = PERIOD_NEUTRAL;   /* begun part-way: short of the goal, but no miss */
      else
        state = PERIOD_MISSED;

      if (done > 0)
        {
          since_done = 0;
          ever_done = TRUE;
        }

      switch (state)
        {
        case PERIOD_MET:
          run++;
          best = MAX (best, run);
          score += alpha * (1.0 - score);
          stats->scored++;
          break;

        case PERIOD_MISSED:
          run = 0;
          score += alpha * ((double) done / asked - score);
          stats->scored++;
          stats->missed = TRUE;
          break;

        case PERIOD_OPEN:
          score = MAX (score, score + alpha * ((double) done / asked - score));
          break;

        case PERIOD_NEUTRAL:
        default:
          break;
        }

      if (end > today)
        {
          stats->period_done = done;
          stats->period_target = asked;
        }

      /* The chart: the strength as it stood at the end of each day. */
      for (guint32 d = MAX (start, series_first); series_n > 0 && d < last; d++)
        {
          if (d - series_first >= series_n)
            break;
          series[d - series_first] = CLAMP (score, 0.0, 1.0);
        }

      start = end;
    }

  for (guint32 d = MAX (today + 1, series_first); series_n > 0 && d - series_first < series_n; d++)
    series[d - series_first] = CLAMP (score, 0.0, 1.0);

  for (guint32 d = MAX (first, week_start); d <= today; d++)
    stats->done_this_week += days[d - first] == DAY_DONE;
  for (guint32 d = MAX (first, this_month); d <= today; d++)
    stats->done_this_month += days[d - first] == DAY_DONE;
  for (guint32 d = today >= 29 ? MAX (first, today - 29) : first; d <= today; d++)
    stats->done_last_30 += days[d - first] == DAY_DONE;

  stats->done_today = days[today - first] == DAY_DONE;
  stats->current_streak = run;
  stats->best_streak = best;
  stats->score = CLAMP (score, 0.0, 1.0);
}

/* Periods that make the strength of a recent window as good as that of
 * the whole history: what came before weighs at most (1 − α)^n < 10⁻⁶. */
static guint
periods_for_strength (ClosenessGoalKind goal_kind)
{
  switch (goal_kind)
    {
    case CLOSENESS_GOAL_WEEKLY:
      return 120;
    case CLOSENESS_GOAL_MONTHLY:
      return 60;
    case CLOSENESS_GOAL_DAILY:
    default:
      return 280;
    }
}

/**
 * closeness_habit_recent_start:
 *
 * The first day of the recent window a row needs (see
 * closeness_habit_recent_is_enough()): a period start, with room for the
 * periods that make the strength exact and some to spare.
 */
guint32
closeness_habit_recent_start (const ClosenessHabitGoal *goal,
                              guint32                   today)
{
  guint n = periods_for_strength (goal->kind);

  switch (goal->kind)
    {
    case CLOSENESS_GOAL_WEEKLY:
      return closeness_habit_week_start (today) - (n + 10) * 7;
    case CLOSENESS_GOAL_MONTHLY:
      {
        guint32 start = month_start (today, NULL);

        for (guint i = 0; i < n + 4; i++)
          start = month_start (start - 1, NULL);
        return start;
      }
    case CLOSENESS_GOAL_DAILY:
    default:
      return today - (n + 120) - CLAMP (goal->interval_days, 1, MAX_INTERVAL);
    }
}

/**
 * closeness_habit_recent_is_enough:
 * @stats: computed from the entries since closeness_habit_recent_start()
 *   alone, when there are older ones
 *
 * Whether those figures are the whole history's: the streak was broken
 * inside the window (so it does not reach back before it), and enough
 * periods counted for the strength. Otherwise the whole history is needed.
 */
gboolean
closeness_habit_recent_is_enough (const ClosenessHabitGoal  *goal,
                                  const ClosenessHabitStats *stats)
{
  return stats->started && stats->missed && stats->scored >= periods_for_strength (goal->kind);
}

/**
 * closeness_habit_fill_days:
 * @values: (out caller-allocates): @n_days values, see
 *   %CLOSENESS_HABIT_DAY_REST
 */
void
closeness_habit_fill_days (const ClosenessHabitEntry *entries,
                           gsize                      n_entries,
                           guint32                    first_day,
                           guint                      n_days,
                           guint8                    *values)
{
  g_return_if_fail (values != NULL || n_days == 0);

  memset (values, 0, n_days);

  for (gsize i = 0; i < n_entries; i++)
    {
      guint32 day = entries[i].day;
      guint8 *value;

      if (day < first_day || day - first_day >= n_days)
        continue;

      value = &values[day - first_day];
      if (entries[i].kind == CLOSENESS_ENTRY_DONE)
        {
          if ((*value & CLOSENESS_HABIT_DAY_DONE_MASK) < CLOSENESS_HABIT_DAY_DONE_MASK)
            *value = *value + 1;
        }
      else if (entries[i].kind == CLOSENESS_ENTRY_REST)
        *value |= CLOSENESS_HABIT_DAY_REST;
    }
}

/**
 * closeness_habit_fill_weeks:
 * @done_days: (out caller-allocates): for each week, the number of days
 *   (0–7) on which anyone did it
 */
void
closeness_habit_fill_weeks (const ClosenessHabitEntry *entries,
                            gsize                      n_entries,
                            guint32                    first_monday,
                            guint                      n_weeks,
                            guint8                    *done_days)
{
  g_autofree guint8 *days = NULL;

  g_return_if_fail (done_days != NULL || n_weeks == 0);

  days = g_malloc0 (n_weeks * 7 + 1);
  memset (done_days, 0, n_weeks);

  for (gsize i = 0; i < n_entries; i++)
    {
      guint32 day = entries[i].day;

      if (entries[i].kind == CLOSENESS_ENTRY_DONE &&
          day >= first_monday && day - first_monday < n_weeks * 7)
        days[day - first_monday] = 1;
    }

  for (guint i = 0; i < n_weeks * 7; i++)
    done_days[i / 7] += days[i];
}

static gboolean
parse_digits (const char *text,
              guint       n,
              int        *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (text[i] - '0');
    }

  return TRUE;
}

/**
 * closeness_habit_parse_day:
 * @text: 'YYYY-MM-DD', exactly
 *
 * Returns: %TRUE if @text is a real calendar day
 */
gboolean
closeness_habit_parse_day (const char *text,
                           guint32    *day)
{
  int y, m, d;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      !parse_digits (text, 4, &y) || !parse_digits (text + 5, 2, &m) ||
      !parse_digits (text + 8, 2, &d) || y < 1 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;

  if (day != NULL)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, d, m, y);
      *day = g_date_get_julian (&date);
    }

  return TRUE;
}

char *
closeness_habit_format_day (guint32 day)
{
  GDate date;

  g_return_val_if_fail (g_date_valid_julian (day), NULL);

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date),
                          (guint) g_date_get_month (&date), g_date_get_day (&date));
}

/**
 * closeness_habit_day_for_time:
 * @tz: (nullable): the time zone; %NULL for local time
 *
 * Returns: the calendar day that @unix_time falls on in @tz
 */
guint32
closeness_habit_day_for_time (gint64     unix_time,
                              GTimeZone *tz)
{
  g_autoptr(GTimeZone) local = NULL;
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) there = NULL;
  GDate date;
  int y, m, d;

  g_return_val_if_fail (utc != NULL, 0);

  if (tz == NULL)
    tz = local = g_time_zone_new_local ();

  there = g_date_time_to_timezone (utc, tz);
  g_date_time_get_ymd (there, &y, &m, &d);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);

  return g_date_get_julian (&date);
}

guint32
closeness_habit_today (void)
{
  return closeness_habit_day_for_time (g_get_real_time () / G_USEC_PER_SEC, NULL);
}

/**
 * closeness_habit_check_log_day:
 *
 * Whether a person may log @day: from 1900-01-01 to @today.
 */
gboolean
closeness_habit_check_log_day (guint32   day,
                               guint32   today,
                               GError  **error)
{
  if (day > today)
    {
      g_set_error_literal (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                           _("That day is still to come. Please choose today or an earlier day."));
      return FALSE;
    }

  if (day < CLOSENESS_HABIT_FIRST_DAY)
    {
      g_set_error_literal (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                           _("Please choose a day in 1900 or later."));
      return FALSE;
    }

  return TRUE;
}

char *
closeness_habit_describe_streak (ClosenessGoalKind goal_kind,
                                 guint             streak)
{
  if (streak == 0)
    /* Translators: shown instead of a streak when there is none; never a reproach */
    return g_strdup (_("A fresh start"));

  switch (goal_kind)
    {
    case CLOSENESS_GOAL_WEEKLY:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u week in a row",
                                           "%u weeks in a row", streak), streak);
    case CLOSENESS_GOAL_MONTHLY:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u month in a row",
                                           "%u months in a row", streak), streak);
    case CLOSENESS_GOAL_DAILY:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day in a row",
                                           "%u days in a row", streak), streak);
    }
}

/* Gentle words for the habit strength; none of them is a reproach. */
const char *
closeness_habit_describe_score (double score)
{
  if (score < 0.15)
    /* Translators: habit strength, lowest level */
    return _("Just starting");
  if (score < 0.4)
    /* Translators: habit strength */
    return _("Taking root");
  if (score < 0.75)
    /* Translators: habit strength */
    return _("Getting stronger");

  /* Translators: habit strength, highest level */
  return _("Part of your life");
}

/* The progress of the goal's current period, or %NULL for a daily goal. */
static char *
describe_period (ClosenessGoalKind          goal_kind,
                 const ClosenessHabitStats *stats)
{
  switch (goal_kind)
    {
    case CLOSENESS_GOAL_WEEKLY:
      if (stats->period_target == 0)
        /* Translators: a weekly goal's status when every day of the week is a rest day */
        return g_strdup (_("A week of rest"));
      if (stats->period_done >= stats->period_target)
        return g_strdup (_("Goal reached this week"));
      /* Translators: progress towards a weekly goal: "2 of 3 this week" */
      return g_strdup_printf (_("%u of %u this week"), stats->period_done, stats->period_target);
    case CLOSENESS_GOAL_MONTHLY:
      if (stats->period_target == 0)
        /* Translators: a monthly goal's status when every day of the month is a rest day */
        return g_strdup (_("A month of rest"));
      if (stats->period_done >= stats->period_target)
        return g_strdup (_("Goal reached this month"));
      /* Translators: progress towards a monthly goal: "1 of 2 this month" */
      return g_strdup_printf (_("%u of %u this month"), stats->period_done, stats->period_target);
    case CLOSENESS_GOAL_DAILY:
    default:
      return NULL;
    }
}

/**
 * closeness_habit_describe_status:
 *
 * One line on how an activity is going, true to what was logged and never
 * a reproach: "1 of 2 this week", "3 days in a row · Getting stronger",
 * "Goal reached this week · 2 weeks in a row"; "Ready when you are" before
 * anything is logged. It says each thing once: no streak of zero next to
 * "Just starting".
 */
char *
closeness_habit_describe_status (ClosenessGoalKind          goal_kind,
                                 const ClosenessHabitStats *stats)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_return_val_if_fail (stats != NULL, NULL);

  if (!stats->started)
    /* Translators: an activity with nothing logged yet; warm, never a reproach */
    return g_strdup (_("Ready when you are"));

  first = describe_period (goal_kind, stats);

  if (first == NULL)
    {
      /* A daily goal: the streak, else what this week holds. */
      if (stats->current_streak > 0)
        first = closeness_habit_describe_streak (goal_kind, stats->current_streak);
      else if (stats->done_this_week > 0)
        /* Translators: days done this week for a daily goal: "4 days this week" */
        first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day this week",
                                              "%u days this week", stats->done_this_week),
                                 stats->done_this_week);
      else
        first = closeness_habit_describe_streak (goal_kind, 0);
    }
  else if (stats->current_streak > 0)
    second = closeness_habit_describe_streak (goal_kind, stats->current_streak);

  /* The strength once there is something to say about it. */
  if (second == NULL && stats->score >= 0.15)
    second = g_strdup (closeness_habit_describe_score (stats->score));

  if (second == NULL)
    return g_steal_pointer (&first);

  /* Translators: joins the two halves of an activity's status:
   * "1 of 2 this week · Taking root" */
  return g_strdup_printf (_("%s · %s"), first, second);
}

/* What the goal asks, with "every N days" and a measured target:
 * "Goal: every 3 days", "Goal: 30 minutes every day". */
char *
closeness_habit_describe_goal_full (const ClosenessHabitGoal *goal,
                                    double                    target,
                                    const char               *unit)
{
  g_autofree char *how_often = NULL;
  g_autofree char *amount = NULL;

  g_return_val_if_fail (goal != NULL, NULL);

  if (goal->kind == CLOSENESS_GOAL_DAILY && goal->interval_days > 1)
    /* Translators: an activity's goal, under its name */
    how_often = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Goal: every %u day",
                                              "Goal: every %u days", goal->interval_days),
                                 goal->interval_days);
  else
    how_often = closeness_habit_describe_goal (goal->kind, goal->count);

  if (target <= 0)
    return g_steal_pointer (&how_often);

  amount = closeness_habit_format_amount (target);
  /* Translators: a measured activity's goal: "Goal: every day · 30 minutes a day" */
  return g_strdup_printf (_("%s · %s %s a day"), how_often, amount, unit != NULL ? unit : "");
}

/**
 * closeness_habit_format_amount:
 *
 * Returns: an amount as people write it here: "20", "2.5" (at most two
 *   decimals, the locale's decimal mark)
 */
char *
closeness_habit_format_amount (double amount)
{
  g_autofree char *text = g_strdup_printf ("%.2f", amount);
  char *end = text + strlen (text);

  /* "2.50" → "2.5", "20.00" → "20"; the decimal mark is the locale's. */
  while (end > text && end[-1] == '0')
    *--end = '\0';
  if (end > text && !g_ascii_isdigit (end[-1]))
    *--end = '\0';

  return g_steal_pointer (&text);
}

/**
 * closeness_habit_describe_amount:
 * @amount: what was logged today, or a negative number for nothing
 *
 * Returns: "20 of 30 minutes", or "0 of 30 minutes" before anything
 */
char *
closeness_habit_describe_amount (double      amount,
                                 double      target,
                                 const char *unit)
{
  g_autofree char *done = closeness_habit_format_amount (MAX (amount, 0));
  g_autofree char *asked = closeness_habit_format_amount (target);

  /* Translators: a measured activity's progress today: "20 of 30 minutes" */
  return g_strdup_printf (_("%s of %s %s"), done, asked, unit != NULL ? unit : "");
}

/* What the goal asks: "Every day", "2 times a week". */
char *
closeness_habit_describe_goal (ClosenessGoalKind goal_kind,
                               int               goal_count)
{
  guint count = MAX (goal_count, 1);

  switch (goal_kind)
    {
    case CLOSENESS_GOAL_WEEKLY:
      /* Translators: an activity's goal, under its name */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Goal: %u time a week",
                                           "Goal: %u times a week", count), count);
    case CLOSENESS_GOAL_MONTHLY:
      /* Translators: an activity's goal, under its name */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Goal: %u time a month",
                                           "Goal: %u times a month", count), count);
    case CLOSENESS_GOAL_DAILY:
    default:
      /* Translators: an activity's goal, under its name */
      return g_strdup (_("Goal: every day"));
    }
}

/**
 * closeness_habit_describe_scores:
 * @scores: (array length=n_days): the strength chart's days, oldest first,
 *   today last
 *
 * What the strength chart shows, in words, for a screen reader: "Habit
 * strength 62 % today, 48 % a month ago, 20 % six months ago" (for a
 * shorter chart, its first day stands for "six months ago").
 */
char *
closeness_habit_describe_scores (const double *scores,
                                 guint         n_days)
{
  guint now, month, start;

  g_return_val_if_fail (scores != NULL && n_days > 0, NULL);

  now = (guint) round (100 * CLAMP (scores[n_days - 1], 0.0, 1.0));
  month = (guint) round (100 * CLAMP (scores[n_days > 30 ? n_days - 31 : 0], 0.0, 1.0));
  start = (guint) round (100 * CLAMP (scores[0], 0.0, 1.0));

  /* Translators: the strength chart for a screen reader; %u%% is a
   * percentage, write it as your language does ("62 %") */
  return g_strdup_printf (_("Habit strength %u%% today, %u%% a month ago, %u%% six months ago"),
                          now, month, start);
}

/* The text a screen reader hears for the charts. */
char *
closeness_habit_describe_summary (ClosenessGoalKind          goal_kind,
                                  const ClosenessHabitStats *stats)
{
  g_autofree char *done = NULL;
  g_autofree char *best = NULL;

  g_return_val_if_fail (stats != NULL, NULL);

  /* Translators: first half of a chart summary, e.g. "Done 18 of the last 30 days" */
  done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Done %u of the last 30 days",
                                       "Done %u of the last 30 days", stats->done_last_30),
                          stats->done_last_30);

  /* "best streak 0 weeks" would only discourage. */
  if (stats->best_streak == 0)
    return g_steal_pointer (&done);

  switch (goal_kind)
    {
    case CLOSENESS_GOAL_WEEKLY:
      best = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u week",
                                           "%u weeks", stats->best_streak),
                              stats->best_streak);
      break;
    case CLOSENESS_GOAL_MONTHLY:
      best = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u month",
                                           "%u months", stats->best_streak),
                              stats->best_streak);
      break;
    case CLOSENESS_GOAL_DAILY:
    default:
      best = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day",
                                           "%u days", stats->best_streak),
                              stats->best_streak);
      break;
    }

  /* Translators: joins the two halves of a chart summary:
   * "Done 18 of the last 30 days; best streak 12 days" */
  return g_strdup_printf (_("%s; best streak %s"), done, best);
}
