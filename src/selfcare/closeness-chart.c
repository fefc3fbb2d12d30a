/* closeness-chart.c: what the activity's charts (heat map, score chart,
 * week bars) share: the theme's colours and the start of drawing.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-selfcare"

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "closeness-chart.h"

void
closeness_chart_colors_init (ClosenessChartColors *colors,
                             GtkWidget            *widget,
                             const GdkRGBA        *accent)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  AdwStyleManager *manager = adw_style_manager_get_default ();

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (context, "view_bg_color", &colors->background))
    gdk_rgba_parse (&colors->background,
                    adw_style_manager_get_dark (manager) ? "#1e1e1e" : "#ffffff");
  if (!gtk_style_context_lookup_color (context, "view_fg_color", &colors->foreground))
    gtk_style_context_get_color (context, &colors->foreground);
G_GNUC_END_IGNORE_DEPRECATIONS

  colors->accent = *accent;
  colors->high_contrast = adw_style_manager_get_high_contrast (manager);
}

/* @amount 0: the background; 1: the activity colour. */
void
closeness_chart_blend (const ClosenessChartColors *colors,
                       double                      amount,
                       GdkRGBA                    *result)
{
  result->red = colors->background.red + (colors->accent.red - colors->background.red) * amount;
  result->green =
    colors->background.green + (colors->accent.green - colors->background.green) * amount;
  result->blue = colors->background.blue + (colors->accent.blue - colors->background.blue) * amount;
  result->alpha = 1.0;
}

/* A chart drawn in the theme's colours is drawn again when the style
 * changes (dark, high contrast). */
void
closeness_chart_follow_style (GtkWidget *widget)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (gtk_widget_queue_draw), widget,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (gtk_widget_queue_draw),
                           widget, G_CONNECT_SWAPPED);
}

/**
 * closeness_chart_init:
 * @color: (out): the chart's activity colour, set to the default blue
 *
 * What every chart does in its init: it starts in the default blue until
 * the activity's colour is set, and follows the style.
 */
void
closeness_chart_init (GtkWidget *widget,
                      GdkRGBA   *color)
{
  gdk_rgba_parse (color, "#3584e4");
  closeness_chart_follow_style (widget);
}

/**
 * closeness_chart_begin:
 * @color: the activity colour
 * @colors: (out): the colours to draw with
 *
 * Starts a chart's snapshot: the theme's colours with @color, and a Cairo
 * context over the whole of @widget. The caller checks first that the
 * widget has a size.
 *
 * Returns: (transfer full): the context; cairo_destroy() it after drawing
 */
cairo_t *
closeness_chart_begin (GtkWidget            *widget,
                       GtkSnapshot          *snapshot,
                       const GdkRGBA        *color,
                       ClosenessChartColors *colors)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  closeness_chart_colors_init (colors, widget, color);

  return gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* Axis labels: the month names under (or above) a chart and the values at
 * its side, at libadwaita's .caption size, dimmed as .dim-label. */
void
closeness_chart_style_labels (PangoLayout *labels)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
  pango_layout_set_attributes (labels, attrs);
  pango_attr_list_unref (attrs);
}

/* The widest of @texts, in pixels. */
int
closeness_chart_labels_width (PangoLayout        *labels,
                              const char * const *texts,
                              guint               n_texts)
{
  int widest = 0;

  for (guint i = 0; i < n_texts; i++)
    {
      int w, h;

      pango_layout_set_text (labels, texts[i], -1);
      pango_layout_get_pixel_size (labels, &w, &h);
      widest = MAX (widest, w);
    }

  return widest;
}

int
closeness_chart_labels_height (PangoLayout *labels)
{
  int w, h;

  /* A month name's height: digits and letters alike. */
  pango_layout_set_text (labels, "0Mg", -1);
  pango_layout_get_pixel_size (labels, &w, &h);

  return h;
}

/**
 * closeness_chart_measure_side_labels:
 * @labels: (nullable): the chart's layout, or %NULL for no labels
 * @texts: (array length=n_texts): the values written at the chart's left
 * @left: (out): room at the left for the widest of @texts
 * @top: (out): room above the top line for half a label, centred on it
 * @bottom: (out): room under the chart for the month names
 *
 * The room a chart with values at its left and months under it (the
 * strength chart, the weekly bars) keeps for them; all 0 without labels.
 */
void
closeness_chart_measure_side_labels (PangoLayout        *labels,
                                     const char * const *texts,
                                     guint               n_texts,
                                     double             *left,
                                     double             *top,
                                     double             *bottom)
{
  int height;

  *left = *top = *bottom = 0;
  if (labels == NULL)
    return;

  closeness_chart_style_labels (labels);
  *left = closeness_chart_labels_width (labels, texts, n_texts) + 6;
  height = closeness_chart_labels_height (labels);
  *top = ceil (height / 2.0);
  *bottom = height + 4;
}

static void
set_label_source (cairo_t                    *cr,
                  const ClosenessChartColors *colors)
{
  GdkRGBA text = colors->foreground;

  text.alpha = colors->high_contrast ? 1.0 : 0.7;
  gdk_cairo_set_source_rgba (cr, &text);
}

/**
 * closeness_chart_draw_label:
 * @right: where the text ends
 * @middle: the height the text is centred on, moved so that it stays
 *   between @min_top and @max_bottom
 *
 * A value at the side of a chart, right-aligned to the chart.
 */
void
closeness_chart_draw_label (cairo_t                    *cr,
                            PangoLayout                *labels,
                            const ClosenessChartColors *colors,
                            const char                 *text,
                            double                      right,
                            double                      middle,
                            double                      min_top,
                            double                      max_bottom)
{
  int w, h;
  double top;

  pango_layout_set_text (labels, text, -1);
  pango_layout_get_pixel_size (labels, &w, &h);
  top = CLAMP (middle - h / 2.0, min_top, MAX (min_top, max_bottom - h));
  set_label_source (cr, colors);
  cairo_move_to (cr, right - w, round (top));
  pango_cairo_show_layout (cr, labels);
}

/**
 * closeness_chart_draw_months:
 * @first_day: the Julian day of the first column's first day
 * @last_day: the last day the chart shows (the last column may have room
 *   for days still to come)
 * @days_per_column: 1 for a column a day, 7 for a week
 * @x0: where the first column starts; column i starts at @x0 + i × @pitch
 * @top: the top of the names
 * @width: the chart's width
 *
 * The locale's short month name at the column that holds the month's
 * first day (or at the first column, for a month begun before it). The
 * newest month, begun only days ago, is moved in to end at @width. Where
 * two names would run into each other the older is left out: the months
 * nearest today matter most. The first column's month, when that column is
 * the end of a month, has no room of its own and is left out too.
 */
void
closeness_chart_draw_months (cairo_t                    *cr,
                             PangoLayout                *labels,
                             const ClosenessChartColors *colors,
                             guint32                     first_day,
                             guint32                     last_day,
                             guint                       n_columns,
                             guint                       days_per_column,
                             double                      x0,
                             double                      pitch,
                             double                      top,
                             int                         width)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (double));
  double next_start = G_MAXDOUBLE;
  int previous_month = 0;

  /* Where each month's column starts, oldest first. */
  for (guint column = 0; column < n_columns; column++)
    {
      GDate date;
      double x = x0 + column * pitch;
      g_autoptr(GDateTime) date_time = NULL;
      char *name;

      /* A column's month is that of its last day: the column of a week
       * from 30 November to 6 December is December's first. */
      g_date_clear (&date, 1);
      g_date_set_julian (&date, MIN (first_day + (column + 1) * days_per_column - 1, last_day));
      if ((int) g_date_get_month (&date) == previous_month)
        continue;
      previous_month = g_date_get_month (&date);

      date_time = g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date), 1,
                                       12, 0, 0);
      /* The locale's short month name, as in the dates of this page. */
      name = g_date_time_format (date_time, "%b");
      if (name == NULL)
        continue;

      g_ptr_array_add (names, name);
      g_array_append_val (starts, x);
    }

  /* Newest first, each name where it does not run into the next. */
  set_label_source (cr, colors);
  for (guint i = names->len; i-- > 0;)
    {
      double x = g_array_index (starts, double, i);
      int w, h;

      pango_layout_set_text (labels, g_ptr_array_index (names, i), -1);
      pango_layout_get_pixel_size (labels, &w, &h);
      x = MIN (x, width - w);
      if (x + w + 4 > next_start || x < 0)
        continue;
      /* A month that began before the chart has only what is left of it:
       * its name goes there only when the next month's is not drawn
       * over it. */
      if (i == 0 && names->len > 1 && x + w + 4 > g_array_index (starts, double, 1))
        continue;

      cairo_move_to (cr, x, top);
      pango_cairo_show_layout (cr, labels);
      next_start = x;
    }
}
