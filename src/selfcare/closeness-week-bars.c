/* closeness-week-bars.c: days done in each of the last weeks.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-selfcare"

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "closeness-week-bars.h"

struct _ClosenessWeekBars
{
  GtkWidget  parent_instance;

  guint8    *done_days;
  guint      n_weeks;
  guint32    first_monday;
  double     weekly_goal;
  GdkRGBA    color;
};

G_DEFINE_FINAL_TYPE (ClosenessWeekBars, closeness_week_bars, GTK_TYPE_WIDGET)

/* The days at the side: none at the bottom, a whole week at the top, and
 * the goal at its dashed line. */
static const char * const day_labels[] = { "0", "7" };

/* The goal in days a week: "3", or "0,9" for four times a month. */
static char *
format_goal (double weekly_goal)
{
  if (weekly_goal <= 0 || weekly_goal >= 7)
    return NULL;
  if (fabs (weekly_goal - round (weekly_goal)) < 0.05)
    return g_strdup_printf ("%.0f", weekly_goal);

  return g_strdup_printf ("%.1f", weekly_goal);
}

static void
measure_labels (PangoLayout *labels,
                double       weekly_goal,
                double      *left,
                double      *top,
                double      *bottom)
{
  g_autofree char *goal = format_goal (weekly_goal);
  const char *texts[] = { day_labels[0], day_labels[1], goal != NULL ? goal : "" };

  closeness_chart_measure_side_labels (labels, texts, G_N_ELEMENTS (texts), left, top, bottom);
}

/**
 * closeness_week_bars_draw:
 * @first_monday: the Julian day of the first week's Monday
 * @weekly_goal: days a week the goal asks for (drawn as a dashed line), or 0
 * @labels: (nullable): a layout for the days at the side and the month
 *   names, or %NULL for none
 *
 * Bars are 0–7 days high; the newest week is on the right.
 */
void
closeness_week_bars_draw (cairo_t                    *cr,
                          int                         width,
                          int                         height,
                          const ClosenessChartColors *colors,
                          guint32                     first_monday,
                          const guint8               *done_days,
                          guint                       n_weeks,
                          double                      weekly_goal,
                          PangoLayout                *labels)
{
  GdkRGBA bar, track, line;
  double pitch, bar_width, radius;
  double left, top, bottom, full;
  double dashes[] = { 4.0, 4.0 };

  if (n_weeks == 0 || width <= 0 || height <= 0)
    return;

  measure_labels (labels, weekly_goal, &left, &top, &bottom);
  bottom = height - bottom;
  full = bottom - top;
  if (width - left < n_weeks || full <= 0)
    return;

  pitch = (double) (width - left) / n_weeks;
  bar_width = MIN (pitch * 0.6, 28.0);
  radius = MIN (bar_width / 3, 4.0);
  closeness_chart_blend (colors, 1.0, &bar);
  track = colors->foreground;
  track.alpha = colors->high_contrast ? 0.25 : 0.08;

  if (labels != NULL)
    {
      g_autofree char *goal = format_goal (weekly_goal);
      int label_height = closeness_chart_labels_height (labels);
      double goal_y = bottom - full * weekly_goal / 7.0;

      closeness_chart_draw_label (cr, labels, colors, day_labels[0], left - 6, bottom, 0, height);
      closeness_chart_draw_label (cr, labels, colors, day_labels[1], left - 6, top, 0, height);
      /* Where it does not run into 0 or 7. */
      if (goal != NULL && goal_y - top >= label_height && bottom - goal_y >= label_height)
        closeness_chart_draw_label (cr, labels, colors, goal, left - 6, goal_y, 0, height);
      closeness_chart_draw_months (cr, labels, colors, first_monday, first_monday + n_weeks * 7 - 1,
                                   n_weeks, 7,
                                   left + (pitch - bar_width) / 2, pitch, bottom + 4, width);
    }

  /* The tracks behind the bars show a full week. */
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < n_weeks; i++)
        {
          double h = pass == 0 ? full : full * MIN (done_days[i], 7) / 7.0;
          double x = left + i * pitch + (pitch - bar_width) / 2;
          double y = bottom - h;
          double r = MIN (radius, h / 2);

          if (h <= 0)
            continue;

          cairo_new_sub_path (cr);
          cairo_arc (cr, x + bar_width - r, y + r, r, -G_PI / 2, 0);
          cairo_line_to (cr, x + bar_width, bottom);
          cairo_line_to (cr, x, bottom);
          cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
          cairo_close_path (cr);
        }
      gdk_cairo_set_source_rgba (cr, pass == 0 ? &track : &bar);
      cairo_fill (cr);
    }

  if (weekly_goal > 0)
    {
      double y = bottom - full * MIN (weekly_goal, 7.0) / 7.0;

      line = colors->foreground;
      line.alpha = colors->high_contrast ? 0.9 : 0.45;
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_move_to (cr, left, MAX (top, y) + 0.5);
      cairo_line_to (cr, width, MAX (top, y) + 0.5);
      gdk_cairo_set_source_rgba (cr, &line);
      cairo_stroke (cr);
    }
}

static void
closeness_week_bars_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  ClosenessWeekBars *self = CLOSENESS_WEEK_BARS (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) labels = NULL;
  ClosenessChartColors colors;
  cairo_t *cr;

  if (self->n_weeks == 0 || width <= 0 || height <= 0)
    return;

  labels = gtk_widget_create_pango_layout (widget, NULL);
  cr = closeness_chart_begin (widget, snapshot, &self->color, &colors);
  closeness_week_bars_draw (cr, width, height, &colors, self->first_monday, self->done_days,
                            self->n_weeks, self->weekly_goal, labels);
  cairo_destroy (cr);
}

static void
closeness_week_bars_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  ClosenessWeekBars *self = CLOSENESS_WEEK_BARS (widget);
  g_autoptr(PangoLayout) labels = gtk_widget_create_pango_layout (widget, NULL);
  double left, top, bottom;

  measure_labels (labels, self->weekly_goal, &left, &top, &bottom);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) ceil (left) + MAX (1, self->n_weeks) * 12;
      *natural = (int) ceil (left) + MAX (1, self->n_weeks) * 36;
    }
  else
    *minimum = *natural = (int) ceil (top + bottom) + 96;
}

static void
closeness_week_bars_finalize (GObject *object)
{
  ClosenessWeekBars *self = CLOSENESS_WEEK_BARS (object);

  g_free (self->done_days);

  G_OBJECT_CLASS (closeness_week_bars_parent_class)->finalize (object);
}

static void
closeness_week_bars_class_init (ClosenessWeekBarsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = closeness_week_bars_finalize;

  widget_class->snapshot = closeness_week_bars_snapshot;
  widget_class->measure = closeness_week_bars_measure;

  gtk_widget_class_set_css_name (widget_class, "weekbars");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
closeness_week_bars_init (ClosenessWeekBars *self)
{
  closeness_chart_init (GTK_WIDGET (self), &self->color);
}

GtkWidget *
closeness_week_bars_new (void)
{
  return g_object_new (CLOSENESS_TYPE_WEEK_BARS, NULL);
}

/**
 * closeness_week_bars_set_weeks:
 * @first_monday: the Julian day of the first week's Monday
 * @done_days: (array length=n_weeks): days done in each week, oldest first
 */
void
closeness_week_bars_set_weeks (ClosenessWeekBars *self,
                               guint32            first_monday,
                               const guint8      *done_days,
                               guint              n_weeks,
                               double             weekly_goal)
{
  g_return_if_fail (CLOSENESS_IS_WEEK_BARS (self));

  self->first_monday = first_monday;
  g_free (self->done_days);
  self->done_days = g_memdup2 (done_days, n_weeks);
  self->n_weeks = n_weeks;
  self->weekly_goal = weekly_goal;

  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
closeness_week_bars_set_color (ClosenessWeekBars *self,
                               const GdkRGBA     *color)
{
  g_return_if_fail (CLOSENESS_IS_WEEK_BARS (self));

  self->color = *color;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
