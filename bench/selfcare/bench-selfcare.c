/* bench-selfcare.c: streaks, scores and the heat map over ten years.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Data: 10 activities x 2 partners x 3,652 days = 73,040 entries (about
 * 7 % of them rest days), goals mixed daily / 3 a week / 4 a month.
 *
 *   logic      every activity's streaks and score in all three views
 *              (Me for each partner, Together: 30 computations) from
 *              Julian days                                    goal ≤ 20 ms
 *   parse      the same, starting from the store's 'YYYY-MM-DD' strings
 *   store      the same, starting from the database, as the page does:
 *              one ClosenessActivityHistory per activity, its recent days
 *              read from the store (the whole history only when a streak
 *              reaches back before them), then the three views
 *                                                        goal ≤ 20 ms
 *              In this profile every day is logged for ten years: every
 *              streak is ten years long, and the whole history is read.
 *   gaps       the same where a day is missed now and then (15 % of the
 *              days without an entry), as real histories have
 *   whole      the same, always reading the whole history (the page
 *              before issue 18), for comparison
 *   tick       what one "Done today" costs the rows: the history of
 *              every activity read again after the store's
 *              entries-changed, and the three views again
 *   old store  the same through closeness_store_get_entries() (a model
 *              of objects per entry), as the page did before; for
 *              comparison in the same run
 *   heat map   closeness_heat_map_draw() (the widget's own drawing
 *              function) on a Cairo image surface, six months, at
 *              640×152 and at 2× scale                    goal ≤ 8 ms
 *
 * Every figure is the median of repeated runs.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "selfcare/closeness-activity-history.h"
#include "selfcare/closeness-habit-logic.h"
#include "selfcare/closeness-heat-map.h"
#include "selfcare/closeness-week-bars.h"
#include "store/closeness-store.h"

#define N_ACTIVITIES 10
#define N_DAYS 3652

typedef struct
{
  ClosenessGoalKind kind;
  int count;
  GArray *entries[3];   /* Me (partner 1), Me (partner 2), Together */
  GPtrArray *days[3];   /* the same as strings */
  guint8 *kinds[3];
} Activity;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);

  return g_array_index (times, double, times->len / 2);
}

static Activity activities[N_ACTIVITIES];
static guint32 today;

static void
generate (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261121);
  guint32 first = 0;

  today = closeness_habit_today ();
  first = today - N_DAYS + 1;

  for (guint a = 0; a < N_ACTIVITIES; a++)
    {
      Activity *activity = &activities[a];

      activity->kind = a < 4 ? CLOSENESS_GOAL_DAILY : a < 8 ? CLOSENESS_GOAL_WEEKLY
                                                            : CLOSENESS_GOAL_MONTHLY;
      activity->count = activity->kind == CLOSENESS_GOAL_DAILY ? 1
                        : activity->kind == CLOSENESS_GOAL_WEEKLY ? 3 : 4;

      for (guint v = 0; v < 3; v++)
        {
          activity->entries[v] = g_array_new (FALSE, FALSE, sizeof (ClosenessHabitEntry));
          activity->days[v] = g_ptr_array_new_with_free_func (g_free);
        }

      for (guint32 d = first; d <= today; d++)
        for (guint p = 0; p < 2; p++)
          {
            ClosenessHabitEntry entry = { d, g_rand_int_range (rand, 0, 100) < 7 };

            g_array_append_val (activity->entries[p], entry);
            g_array_append_val (activity->entries[2], entry);
            g_ptr_array_add (activity->days[p], closeness_habit_format_day (d));
            g_ptr_array_add (activity->days[2], closeness_habit_format_day (d));
          }

      for (guint v = 0; v < 3; v++)
        {
          activity->kinds[v] = g_malloc (activity->entries[v]->len);
          for (guint i = 0; i < activity->entries[v]->len; i++)
            activity->kinds[v][i] =
              g_array_index (activity->entries[v], ClosenessHabitEntry, i).kind;
        }
    }
}

static double
run_logic (void)
{
  gint64 start = g_get_monotonic_time ();
  ClosenessHabitStats stats;
  volatile guint sink = 0;

  for (guint a = 0; a < N_ACTIVITIES; a++)
    for (guint v = 0; v < 3; v++)
      {
        closeness_habit_compute (activities[a].kind, activities[a].count,
                                 (ClosenessHabitEntry *) (gpointer) activities[a].entries[v]->data,
                                 activities[a].entries[v]->len, today, &stats);
        sink += stats.best_streak;
      }

  (void) sink;

  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
run_parse (void)
{
  gint64 start = g_get_monotonic_time ();
  ClosenessHabitStats stats;

  for (guint a = 0; a < N_ACTIVITIES; a++)
    for (guint v = 0; v < 3; v++)
      {
        GPtrArray *days = activities[a].days[v];
        g_autofree ClosenessHabitEntry *entries = g_new (ClosenessHabitEntry, days->len);

        for (guint i = 0; i < days->len; i++)
          {
            closeness_habit_parse_day (g_ptr_array_index (days, i), &entries[i].day);
            entries[i].kind = activities[a].kinds[v][i];
          }
        closeness_habit_compute (activities[a].kind, activities[a].count, entries, days->len,
                                 today, &stats);
      }

  return (g_get_monotonic_time () - start) / 1000.0;
}

static ClosenessHabitGoal
goal_of (guint a)
{
  ClosenessHabitGoal goal = { activities[a].kind, activities[a].count, 1 };

  return goal;
}

/* @gap_percent of the days have no entry at all (0: every day logged). */
static ClosenessStore *
fill_store (gint64 *ids,
            guint   gap_percent)
{
  g_autoptr(GRand) gaps = g_rand_new_with_seed (18);
  g_autofree char *dir = g_dir_make_tmp ("bench-selfcare-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "closeness.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) infos = g_array_new (FALSE, FALSE, sizeof (ClosenessEntryInfo));
  ClosenessStore *store = closeness_store_new (path, &error);

  g_assert_no_error (error);

  for (guint a = 0; a < N_ACTIVITIES; a++)
    {
      g_autofree char *name = g_strdup_printf ("Activity %u", a);
      g_autoptr(ClosenessActivity) activity = NULL;
      ClosenessActivityInfo info = {
        .name = name, .owner = CLOSENESS_OWNER_BOTH, .goal_kind = activities[a].kind,
        .goal_count = activities[a].count,
      };

      activity = closeness_store_create_activity (store, &info, &error);
      g_assert_no_error (error);
      ids[a] = closeness_record_get_id (CLOSENESS_RECORD (activity));

      for (guint p = 0; p < 2; p++)
        for (guint i = 0; i < activities[a].days[p]->len; i++)
          {
            ClosenessEntryInfo entry = {
              ids[a], p, g_ptr_array_index (activities[a].days[p], i),
              activities[a].kinds[p][i], NULL,
            };

            if ((guint) g_rand_int_range (gaps, 0, 100) < gap_percent)
              continue;
            g_array_append_val (infos, entry);
          }
    }

  g_assert_true (closeness_store_add_entries (store, (ClosenessEntryInfo *) (gpointer) infos->data,
                                              infos->len, NULL, NULL, &error));
  g_assert_no_error (error);
  g_print ("# store: %u entries\n", infos->len);

  return store;
}

/* The three views of one activity from its history, as the rows do. */
static guint
compute_views (ClosenessActivityHistory *history,
               guint                     a,
               GArray                   *scratch)
{
  static const ClosenessSelfcareView views[3] = {
    CLOSENESS_SELFCARE_VIEW_ME, CLOSENESS_SELFCARE_VIEW_ME, CLOSENESS_SELFCARE_VIEW_TOGETHER,
  };
  ClosenessHabitGoal goal = goal_of (a);
  ClosenessHabitStats stats;
  guint sink = 0;

  for (guint v = 0; v < 3; v++)
    {
      closeness_activity_history_compute (history, views[v], v == 1, CLOSENESS_OWNER_BOTH, FALSE,
                                          &goal, 0, today, scratch, &stats);
      sink += stats.current_streak;
    }

  return sink;
}

/* The page's path: a history per activity, its recent days read from the
 * store (all of them with @whole, as before), then the views. */
static double
run_history (ClosenessStore *store,
             const gint64   *ids,
             gboolean        whole)
{
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (ClosenessHabitEntry));
  gint64 start = g_get_monotonic_time ();
  volatile guint sink = 0;

  for (guint a = 0; a < N_ACTIVITIES; a++)
    {
      g_autoptr(ClosenessActivityHistory) history = closeness_activity_history_new (store, ids[a]);
      g_autoptr(GError) error = NULL;
      ClosenessHabitGoal goal = goal_of (a);
      gboolean ok =
        whole ? closeness_activity_history_load (history, &error)
              : closeness_activity_history_load_recent (history,
                                                        closeness_habit_recent_start (&goal, today),
                                                        &error);

      if (!ok)
        g_error ("%s", error->message);
      sink += compute_views (history, a, scratch);
    }

  (void) sink;

  return (g_get_monotonic_time () - start) / 1000.0;
}

/* A tick: the store says entries changed, every loaded history reads its
 * activity again, and the rows compute their views again. */
static double
run_tick (ClosenessStore            *store,
          ClosenessActivityHistory **histories)
{
  g_autoptr(GArray) scratch = g_array_new (FALSE, FALSE, sizeof (ClosenessHabitEntry));
  gint64 start = g_get_monotonic_time ();
  volatile guint sink = 0;

  g_signal_emit_by_name (store, "entries-changed");
  for (guint a = 0; a < N_ACTIVITIES; a++)
    sink += compute_views (histories[a], a, scratch);

  (void) sink;

  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The page's path before: a live model with an object per entry, parsed. */
static double
run_store (ClosenessStore *store,
           const gint64   *ids)
{
  gint64 start = g_get_monotonic_time ();
  g_autofree char *first = closeness_habit_format_day (today - N_DAYS + 1);
  g_autofree char *last = closeness_habit_format_day (today);
  ClosenessHabitStats stats;

  for (guint a = 0; a < N_ACTIVITIES; a++)
    {
      g_autoptr(GListModel) model = closeness_store_get_entries (store, ids[a], first, last);
      guint n = g_list_model_get_n_items (model);
      g_autofree ClosenessHabitEntry *all = g_new (ClosenessHabitEntry, n);
      g_autofree ClosenessHabitEntry *mine[2] = { g_new (ClosenessHabitEntry, n),
                                                  g_new (ClosenessHabitEntry, n) };
      guint n_mine[2] = { 0, 0 };

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ClosenessEntry) entry = g_list_model_get_item (model, i);
          int slot = closeness_entry_get_slot (entry);

          closeness_habit_parse_day (closeness_entry_get_day (entry), &all[i].day);
          all[i].kind = closeness_entry_get_kind (entry);
          mine[slot][n_mine[slot]++] = all[i];
        }

      for (guint p = 0; p < 2; p++)
        closeness_habit_compute (activities[a].kind, activities[a].count, mine[p], n_mine[p],
                                 today, &stats);
      closeness_habit_compute (activities[a].kind, activities[a].count, all, n, today, &stats);
    }

  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
run_heat_map (int     width,
              int     height,
              double  scale,
              guint   n_days)
{
  ClosenessChartColors colors = { { 1, 1, 1, 1 },
                                  { 0, 0, 0, 0.8 },
                                  { 0.21, 0.52, 0.89, 1 },
                                  FALSE };
  guint32 first = today - n_days + 1;
  g_autofree guint8 *values = g_malloc (n_days);
  cairo_surface_t *surface;
  gint64 start;
  cairo_t *cr;
  PangoLayout *labels;

  closeness_habit_fill_days ((ClosenessHabitEntry *) (gpointer) activities[0].entries[2]->data,
                             activities[0].entries[2]->len, first, n_days, values);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  start = g_get_monotonic_time ();
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  /* Month and weekday names included, as the widget draws them each frame. */
  labels = pango_cairo_create_layout (cr);
  closeness_heat_map_draw (cr, width, height, &colors, first, values, n_days, 2, today, today - 3,
                           labels);
  g_object_unref (labels);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  start = g_get_monotonic_time () - start;
  cairo_surface_destroy (surface);

  return start / 1000.0;
}

static double
run_bars (void)
{
  ClosenessChartColors colors = { { 0.12, 0.12, 0.12, 1 },
                                  { 1, 1, 1, 1 },
                                  { 0.21, 0.52, 0.89, 1 },
                                  FALSE };
  guint8 weeks[12];
  cairo_surface_t *surface;
  PangoLayout *labels;
  gint64 start;
  cairo_t *cr;

  closeness_habit_fill_weeks ((ClosenessHabitEntry *) (gpointer) activities[0].entries[2]->data,
                              activities[0].entries[2]->len,
                              closeness_habit_week_start (today) - 77, 12, weeks);
  /* 96 px of bars and about 22 of labels, as the widget has. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 640, 118);
  start = g_get_monotonic_time ();
  cr = cairo_create (surface);
  /* Its side and month labels included, as the widget draws them. */
  labels = pango_cairo_create_layout (cr);
  closeness_week_bars_draw (cr, 640, 118, &colors, closeness_habit_week_start (today) - 77, weeks,
                            12, 3, labels);
  g_object_unref (labels);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  start = g_get_monotonic_time () - start;
  cairo_surface_destroy (surface);

  return start / 1000.0;
}

/* Machine-readable line for bench/closeness-bench-all: RESULT name value unit goal,
 * the name made from the label. */
static void
print_result (const char *label,
              double      ms,
              double      goal)
{
  g_autoptr(GString) name = g_string_new ("selfcare-");
  g_autofree char *goal_text = goal > 0 ? g_strdup_printf ("<=%g", goal) : g_strdup ("-");
  gboolean dash = FALSE;

  for (const char *p = label; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        {
          if (dash)
            g_string_append_c (name, '-');
          g_string_append_c (name, g_ascii_tolower (*p));
          dash = FALSE;
        }
      else
        dash = name->len > strlen ("selfcare-");
    }

  g_print ("RESULT %s %.3f ms %s\n", name->str, ms, goal_text);
}

#define REPORT(label, goal, expr, runs) \
  G_STMT_START { \
    g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double)); \
    double m; \
    for (guint r = 0; r < (runs); r++) { double t = (expr); g_array_append_val (times, t); } \
    m = median (times); \
    g_print ("%-44s median %8.3f ms  (min %.3f, max %.3f, %u runs)%s\n", label, m, \
             g_array_index (times, double, 0), g_array_index (times, double, times->len - 1), \
             (guint) (runs), (goal) > 0 ? (m <= (goal) ? "  goal met" : "  GOAL MISSED") : ""); \
    print_result (label, m, (goal)); \
  } G_STMT_END

int
main (int   argc,
      char *argv[])
{
  gint64 ids[N_ACTIVITIES];
  g_autoptr(ClosenessStore) store = NULL;
  guint total = 0;

  generate ();
  for (guint a = 0; a < N_ACTIVITIES; a++)
    total += activities[a].entries[0]->len + activities[a].entries[1]->len;
  g_print ("# %u entries: %u activities x 2 partners x %u days\n", total, N_ACTIVITIES, N_DAYS);

  REPORT ("streaks+scores, 30 views (logic)", 20.0, run_logic (), 51);
  REPORT ("streaks+scores, 30 views (from day strings)", 20.0, run_parse (), 21);

  store = fill_store (ids, 0);
  {
    ClosenessActivityHistory *histories[N_ACTIVITIES];

    for (guint a = 0; a < N_ACTIVITIES; a++)
      {
        histories[a] = closeness_activity_history_new (store, ids[a]);
        g_assert_true (closeness_activity_history_load (histories[a], NULL));
      }

    /* Side by side, in turns, so the machine's mood falls on both alike. */
    for (guint round = 0; round < 2; round++)
      {
        REPORT ("streaks+scores, 30 views (from the store)", 20.0, run_history (store, ids, FALSE),
                21);
        REPORT ("the same, whole history read", 0.0, run_history (store, ids, TRUE), 21);
        REPORT ("streaks+scores, 30 views (logic, again)", 20.0, run_logic (), 21);
        REPORT ("a tick: 10 histories read again, 30 views", 0.0, run_tick (store, histories), 21);
        REPORT ("before: 30 views through entry models", 0.0, run_store (store, ids), 5);
      }

    for (guint a = 0; a < N_ACTIVITIES; a++)
      g_object_unref (histories[a]);
  }

  /* Real histories: a day without anything now and then. */
  {
    gint64 gap_ids[N_ACTIVITIES];
    g_autoptr(ClosenessStore) gaps = fill_store (gap_ids, 15);

    for (guint round = 0; round < 2; round++)
      {
        REPORT ("30 views from the store, with gaps", 20.0, run_history (gaps, gap_ids, FALSE), 21);
        REPORT ("the same with gaps, whole history read", 0.0, run_history (gaps, gap_ids, TRUE),
                21);
      }
  }

  REPORT ("heat map 183 days, 640x168 (cairo image)", 8.0, run_heat_map (640, 168, 1, 183), 201);
  REPORT ("heat map 183 days, 640x168 @2x", 8.0, run_heat_map (640, 168, 2, 183), 201);
  REPORT ("heat map 183 days, 328x94 (360 px window)", 8.0, run_heat_map (328, 94, 1, 183), 201);
  REPORT ("heat map 10 years, 1200x176 (stress)", 0.0, run_heat_map (1200, 176, 1, N_DAYS), 51);
  REPORT ("week bars 12 weeks, 640x118", 8.0, run_bars (), 201);

  return 0;
}
