/* closeness-score-chart.c: habit strength, day by day, over the last months.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loop Habit Tracker's "score" chart: the strength that
 * closeness_habit_compute_goal() works out (s ← s + α (x − s) per period,
 * see closeness-habit-logic.c) at the end of each day, drawn as a line
 * over its area, 0 % at the bottom and 100 % at the top, the newest day on
 * the right. Colours come from the theme (view colours, high contrast) and
 * the activity; what it shows is said in words by the detail (the
 * accessible description). 0 %, 50 % and 100 % are written at the left,
 * the months under the line.
 */

#define G_LOG_DOMAIN "closeness-selfcare"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "closeness-score-chart.h"

struct _ClosenessScoreChart
{
  GtkWidget  parent_instance;

  double    *scores;
  guint      n_days;
  guint32    first_day;
  GdkRGBA    color;
};

G_DEFINE_FINAL_TYPE (ClosenessScoreChart, closeness_score_chart, GTK_TYPE_WIDGET)

/* The percentages at the side, 0 % first. */
static void
format_percentages (char *texts[3])
{
  for (guint i = 0; i < 3; i++)
    /* Translators: a percentage at the side of the strength chart
     * (0, 50 and 100); write it as your language does ("50 %") */
    texts[i] = g_strdup_printf (_("%u%%"), i * 50);
}

static void
measure_labels (PangoLayout *labels,
                double      *left,
                double      *top,
                double      *bottom)
{
  char *texts[3];

  format_percentages (texts);
  closeness_chart_measure_side_labels (labels, (const char * const *) texts, 3, left, top,
                                       bottom);
  for (guint i = 0; i < 3; i++)
    g_free (texts[i]);
}

/**
 * closeness_score_chart_draw:
 * @first_day: the Julian day of the first score
 * @scores: (array length=n_days): strength 0 … 1 at the end of each day,
 *   oldest first
 * @labels: (nullable): a layout for the percentages and the month names,
 *   or %NULL for none
 */
void
closeness_score_chart_draw (cairo_t                    *cr,
                            int                         width,
                            int                         height,
                            const ClosenessChartColors *colors,
                            guint32                     first_day,
                            const double               *scores,
                            guint                       n_days,
                            PangoLayout                *labels)
{
  double dashes[] = { 2.0, 4.0 };
  double line_width = colors->high_contrast ? 3.0 : 2.0;
  double left, label_top, label_bottom;
  double top, bottom;
  double step, last_x, last_y;
  GdkRGBA grid, fill;

  if (n_days < 2 || width <= 0 || height <= 0)
    return;

  measure_labels (labels, &left, &label_top, &label_bottom);
  top = MAX (line_width, label_top);
  bottom = height - label_bottom - line_width;
  if (width - left < 2 * line_width + 1 || bottom <= top)
    return;
  step = (double) (width - left - 2 * line_width) / (n_days - 1);

  /* 0 %, 50 % and 100 %. */
  grid = colors->foreground;
  grid.alpha = colors->high_contrast ? 0.5 : 0.15;
  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  for (guint i = 0; i < 3; i++)
    {
      double y = round (bottom - (bottom - top) * i / 2.0) + 0.5;

      cairo_move_to (cr, left, y);
      cairo_line_to (cr, width, y);
    }
  gdk_cairo_set_source_rgba (cr, &grid);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (labels != NULL)
    {
      char *texts[3];

      format_percentages (texts);
      for (guint i = 0; i < 3; i++)
        {
          closeness_chart_draw_label (cr, labels, colors, texts[i], left - 6,
                                      round (bottom - (bottom - top) * i / 2.0) + 0.5,
                                      0, height);
          g_free (texts[i]);
        }
      closeness_chart_draw_months (cr, labels, colors, first_day, first_day + n_days - 1, n_days, 1,
                                   left + line_width,
                                   step, bottom + line_width + 4, width);
    }

  /* The line, and under it the area, lighter. */
  for (guint i = 0; i < n_days; i++)
    {
      double x = left + line_width + i * step;
      double y = bottom - (bottom - top) * CLAMP (scores[i], 0.0, 1.0);

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  cairo_get_current_point (cr, &last_x, &last_y);
  {
    cairo_path_t *line = cairo_copy_path (cr);

    cairo_line_to (cr, last_x, bottom);
    cairo_line_to (cr, left + line_width, bottom);
    cairo_close_path (cr);
    closeness_chart_blend (colors, colors->high_contrast ? 0.5 : 0.25, &fill);
    gdk_cairo_set_source_rgba (cr, &fill);
    cairo_fill (cr);

    cairo_append_path (cr, line);
    cairo_path_destroy (line);
  }
  cairo_set_line_width (cr, line_width);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  gdk_cairo_set_source_rgba (cr, &colors->accent);
  cairo_stroke (cr);

  /* Today. */
  cairo_arc (cr, last_x, last_y, line_width * 1.75, 0, 2 * G_PI);
  cairo_fill (cr);
}

static void
closeness_score_chart_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  ClosenessScoreChart *self = CLOSENESS_SCORE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) labels = NULL;
  ClosenessChartColors colors;
  cairo_t *cr;

  if (self->n_days < 2 || width <= 0 || height <= 0)
    return;

  labels = gtk_widget_create_pango_layout (widget, NULL);
  cr = closeness_chart_begin (widget, snapshot, &self->color, &colors);
  closeness_score_chart_draw (cr, width, height, &colors, self->first_day, self->scores,
                              self->n_days, labels);
  cairo_destroy (cr);
}

static void
closeness_score_chart_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  g_autoptr(PangoLayout) labels = gtk_widget_create_pango_layout (widget, NULL);
  double left, top, bottom;

  measure_labels (labels, &left, &top, &bottom);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) ceil (left) + 120;
      *natural = (int) ceil (left) + 480;
    }
  else
    *minimum = *natural = (int) ceil (top + bottom) + 96;
}

static void
closeness_score_chart_finalize (GObject *object)
{
  ClosenessScoreChart *self = CLOSENESS_SCORE_CHART (object);

  g_free (self->scores);

  G_OBJECT_CLASS (closeness_score_chart_parent_class)->finalize (object);
}

static void
closeness_score_chart_class_init (ClosenessScoreChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = closeness_score_chart_finalize;

  widget_class->snapshot = closeness_score_chart_snapshot;
  widget_class->measure = closeness_score_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "scorechart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
closeness_score_chart_init (ClosenessScoreChart *self)
{
  closeness_chart_init (GTK_WIDGET (self), &self->color);
}

GtkWidget *
closeness_score_chart_new (void)
{
  return g_object_new (CLOSENESS_TYPE_SCORE_CHART, NULL);
}

/**
 * closeness_score_chart_set_scores:
 * @first_day: the Julian day of the first score
 * @scores: (array length=n_days): strength 0 … 1 at the end of each day,
 *   oldest first, as closeness_habit_compute_goal() fills them
 */
void
closeness_score_chart_set_scores (ClosenessScoreChart *self,
                                  guint32              first_day,
                                  const double        *scores,
                                  guint                n_days)
{
  g_return_if_fail (CLOSENESS_IS_SCORE_CHART (self));

  self->first_day = first_day;
  g_free (self->scores);
  self->scores = g_memdup2 (scores, n_days * sizeof *scores);
  self->n_days = n_days;

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
closeness_score_chart_set_color (ClosenessScoreChart *self,
                                 const GdkRGBA       *color)
{
  g_return_if_fail (CLOSENESS_IS_SCORE_CHART (self));

  self->color = *color;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
