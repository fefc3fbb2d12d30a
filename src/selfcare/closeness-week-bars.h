/* closeness-week-bars.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "closeness-heat-map.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_WEEK_BARS (closeness_week_bars_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessWeekBars, closeness_week_bars, CLOSENESS, WEEK_BARS, GtkWidget)

GtkWidget *closeness_week_bars_new       (void);
void       closeness_week_bars_set_weeks (ClosenessWeekBars          *self,
                                          guint32                     first_monday,
                                          const guint8               *done_days,
                                          guint                       n_weeks,
                                          double                      weekly_goal);
void       closeness_week_bars_set_color (ClosenessWeekBars          *self,
                                          const GdkRGBA              *color);
void       closeness_week_bars_draw      (cairo_t                    *cr,
                                          int                         width,
                                          int                         height,
                                          const ClosenessChartColors *colors,
                                          guint32                     first_monday,
                                          const guint8               *done_days,
                                          guint                       n_weeks,
                                          double                      weekly_goal,
                                          PangoLayout                *labels);

G_END_DECLS
