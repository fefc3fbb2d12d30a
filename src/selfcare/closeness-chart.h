/* closeness-chart.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the charts are drawn with: the theme's view colours and the
 * activity's own colour. */
typedef struct
{
  GdkRGBA  background;     /* @view_bg_color */
  GdkRGBA  foreground;     /* @view_fg_color */
  GdkRGBA  accent;         /* the activity colour */
  gboolean high_contrast;
} ClosenessChartColors;

void     closeness_chart_colors_init  (ClosenessChartColors       *colors,
                                       GtkWidget                  *widget,
                                       const GdkRGBA              *accent);
void     closeness_chart_follow_style (GtkWidget                  *widget);
void     closeness_chart_blend        (const ClosenessChartColors *colors,
                                       double                      amount,
                                       GdkRGBA                    *result);
void     closeness_chart_init         (GtkWidget                  *widget,
                                       GdkRGBA                    *color);
cairo_t *closeness_chart_begin        (GtkWidget                  *widget,
                                       GtkSnapshot                *snapshot,
                                       const GdkRGBA              *color,
                                       ClosenessChartColors       *colors);

void     closeness_chart_style_labels (PangoLayout                *labels);
int      closeness_chart_labels_width (PangoLayout                *labels,
                                       const char * const         *texts,
                                       guint                       n_texts);
int      closeness_chart_labels_height (PangoLayout               *labels);
void     closeness_chart_measure_side_labels (PangoLayout         *labels,
                                              const char * const  *texts,
                                              guint                n_texts,
                                              double              *left,
                                              double              *top,
                                              double              *bottom);
void     closeness_chart_draw_label   (cairo_t                    *cr,
                                       PangoLayout                *labels,
                                       const ClosenessChartColors *colors,
                                       const char                 *text,
                                       double                      right,
                                       double                      middle,
                                       double                      min_top,
                                       double                      max_bottom);
void     closeness_chart_draw_months  (cairo_t                    *cr,
                                       PangoLayout                *labels,
                                       const ClosenessChartColors *colors,
                                       guint32                     first_day,
                                       guint32                     last_day,
                                       guint                       n_columns,
                                       guint                       days_per_column,
                                       double                      x0,
                                       double                      pitch,
                                       double                      top,
                                       int                         width);

G_END_DECLS
