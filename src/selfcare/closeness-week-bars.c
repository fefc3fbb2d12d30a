/* closeness-week-bars.c: days done in each of the last weeks.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-selfcare"

#include "config.h"

#include <adwaita.h>

#include "closeness-week-bars.h"

struct _ClosenessWeekBars
{
  GtkWidget  parent_instance;

  guint8    *done_days;
  guint      n_weeks;
  double     weekly_goal;
  GdkRGBA    color;
};

G_DEFINE_FINAL_TYPE (ClosenessWeekBars, closeness_week_bars, GTK_TYPE_WIDGET)

/**
 * closeness_week_bars_draw:
 * @weekly_goal: days a week the goal asks for (drawn as a dashed line), or 0
 *
 * Bars are 0–7 days high; the newest week is on the right.
 */
void
closeness_week_bars_draw (cairo_t                    *cr,
                          int                         width,
                          int                         height,
                          const ClosenessChartColors *colors,
                          const guint8               *done_days,
                          guint                       n_weeks,
                          double                      weekly_goal)
{
  GdkRGBA bar, track, line;
  double pitch, bar_width, radius;
  double dashes[] = { 4.0, 4.0 };

  if (n_weeks == 0 || width <= 0 || height <= 0)
    return;

  pitch = (double) width / n_weeks;
  bar_width = MIN (pitch * 0.6, 28.0);
  radius = MIN (bar_width / 3, 4.0);
  closeness_chart_blend (colors, 1.0, &bar);
  track = colors->foreground;
  track.alpha = colors->high_contrast ? 0.25 : 0.08;

  /* The tracks behind the bars show a full week. */
  for (guint pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < n_weeks; i++)
        {
          double h = pass == 0 ? height : height * MIN (done_days[i], 7) / 7.0;
          double x = i * pitch + (pitch - bar_width) / 2;
          double y = height - h;
          double r = MIN (radius, h / 2);

          if (h <= 0)
            continue;

          cairo_new_sub_path (cr);
          cairo_arc (cr, x + bar_width - r, y + r, r, -G_PI / 2, 0);
          cairo_line_to (cr, x + bar_width, height);
          cairo_line_to (cr, x, height);
          cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
          cairo_close_path (cr);
        }
      gdk_cairo_set_source_rgba (cr, pass == 0 ? &track : &bar);
      cairo_fill (cr);
    }

  if (weekly_goal > 0)
    {
      double y = height - height * MIN (weekly_goal, 7.0) / 7.0;

      line = colors->foreground;
      line.alpha = colors->high_contrast ? 0.9 : 0.45;
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_move_to (cr, 0, MAX (0.5, y) );
      cairo_line_to (cr, width, MAX (0.5, y));
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
  ClosenessChartColors colors;
  cairo_t *cr;

  if (self->n_weeks == 0 || width <= 0 || height <= 0)
    return;

  cr = closeness_chart_begin (widget, snapshot, &self->color, &colors);
  closeness_week_bars_draw (cr, width, height, &colors, self->done_days, self->n_weeks,
                            self->weekly_goal);
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

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (1, self->n_weeks) * 12;
      *natural = MAX (1, self->n_weeks) * 36;
    }
  else
    *minimum = *natural = 96;
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

void
closeness_week_bars_set_weeks (ClosenessWeekBars *self,
                               const guint8      *done_days,
                               guint              n_weeks,
                               double             weekly_goal)
{
  g_return_if_fail (CLOSENESS_IS_WEEK_BARS (self));

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
