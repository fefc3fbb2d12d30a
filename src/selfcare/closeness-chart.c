/* closeness-chart.c: what the activity's charts (heat map, score chart,
 * week bars) share: the theme's colours and the start of drawing.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-selfcare"

#include "config.h"

#include <adwaita.h>

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
