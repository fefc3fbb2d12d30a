/* closeness-habit-logic.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Streaks, habit strength and chart data for self-care activities.
 * GLib only, no GTK: tested and benchmarked without a display.
 *
 * A day is a local calendar day, given as its Julian day number
 * (g_date_get_julian (): 1 is Monday 0001-01-01). Days never depend on
 * the time of day or on daylight saving time.
 */

#pragma once

#include <glib.h>

#include "store/closeness-store-types.h"

G_BEGIN_DECLS

/* One logged entry: a day and whether it was done or a rest day. Entries
 * of both partners may be mixed (the "Together" view); order does not
 * matter. */
typedef struct
{
  guint32 day;   /* Julian day */
  guint8  kind;  /* ClosenessEntryKind, or CLOSENESS_HABIT_PARTIAL */
} ClosenessHabitEntry;

/* A ClosenessHabitEntry kind: a measured day logged short of its target
 * (see closeness_habit_classify()). Neither done nor a rest day. */
#define CLOSENESS_HABIT_PARTIAL 2

/* What an activity asks for. */
typedef struct
{
  ClosenessGoalKind kind;
  int               count;          /* times a week or a month; daily: 1 */
  guint             interval_days;  /* daily: every N days (0 or 1: every day) */
} ClosenessHabitGoal;

typedef struct
{
  guint   current_streak;  /* periods in a row: days, weeks or months */
  guint   best_streak;
  double  score;           /* habit strength, 0 … 1 */
  guint   period_done;     /* days done in the goal's current period */
  guint   period_target;   /* what the goal asks in that period */
  guint   done_this_week;  /* days done Monday … today */
  guint   done_this_month; /* days done 1st … today */
  guint   done_last_30;    /* days done in the 30 days ending today */
  gboolean done_today;
  gboolean started;        /* anything logged on or before today */
  gboolean missed;         /* some period was missed */
  guint   scored;          /* periods that changed the strength (met or missed) */
} ClosenessHabitStats;

/* Values of the heat map: the number of partners who did it that day
 * (0–2) in the low bits, and this flag for a rest day. */
#define CLOSENESS_HABIT_DAY_REST 0x80
#define CLOSENESS_HABIT_DAY_DONE_MASK 0x7f

/* The earliest day anyone may log. */
#define CLOSENESS_HABIT_FIRST_DAY 693596 /* 1900-01-01 */

void      closeness_habit_compute          (ClosenessGoalKind          goal_kind,
                                            int                        goal_count,
                                            const ClosenessHabitEntry *entries,
                                            gsize                      n_entries,
                                            guint32                    today,
                                            ClosenessHabitStats       *stats);

void      closeness_habit_compute_goal     (const ClosenessHabitGoal  *goal,
                                            const ClosenessHabitEntry *entries,
                                            gsize                      n_entries,
                                            guint32                    today,
                                            ClosenessHabitStats       *stats,
                                            guint32                    series_first,
                                            guint                      series_n,
                                            double                    *series);
guint32   closeness_habit_recent_start     (const ClosenessHabitGoal  *goal,
                                            guint32                    today);
gboolean  closeness_habit_recent_is_enough (const ClosenessHabitGoal  *goal,
                                            const ClosenessHabitStats *stats);
guint8    closeness_habit_classify         (ClosenessEntryKind         kind,
                                            double                     value,
                                            double                     target);

void      closeness_habit_fill_days        (const ClosenessHabitEntry *entries,
                                            gsize                      n_entries,
                                            guint32                    first_day,
                                            guint                      n_days,
                                            guint8                    *values);
void      closeness_habit_fill_weeks       (const ClosenessHabitEntry *entries,
                                            gsize                      n_entries,
                                            guint32                    first_monday,
                                            guint                      n_weeks,
                                            guint8                    *done_days);

guint     closeness_habit_weekday          (guint32                    day);
guint32   closeness_habit_week_start       (guint32                    day);
gboolean  closeness_habit_parse_day        (const char                *text,
                                            guint32                   *day);
char     *closeness_habit_format_day       (guint32                    day);
guint32   closeness_habit_day_for_time     (gint64                     unix_time,
                                            GTimeZone                 *tz);
guint32   closeness_habit_today            (void);
gboolean  closeness_habit_check_log_day    (guint32                    day,
                                            guint32                    today,
                                            GError                   **error);

char     *closeness_habit_describe_streak  (ClosenessGoalKind          goal_kind,
                                            guint                      streak);
const char *closeness_habit_describe_score (double                     score);
char     *closeness_habit_describe_status (ClosenessGoalKind          goal_kind,
                                            const ClosenessHabitStats *stats);
char     *closeness_habit_describe_goal    (ClosenessGoalKind          goal_kind,
                                            int                        goal_count);
char     *closeness_habit_describe_goal_full (const ClosenessHabitGoal *goal,
                                            double                     target,
                                            const char                *unit);
char     *closeness_habit_format_amount    (double                     amount);
char     *closeness_habit_describe_amount  (double                     amount,
                                            double                     target,
                                            const char                *unit);
char     *closeness_habit_describe_scores  (const double              *scores,
                                            guint                      n_days);
char     *closeness_habit_describe_summary (ClosenessGoalKind          goal_kind,
                                            const ClosenessHabitStats *stats);

G_END_DECLS
