/* closeness-score-chart.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "closeness-heat-map.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_SCORE_CHART (closeness_score_chart_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessScoreChart, closeness_score_chart, CLOSENESS, SCORE_CHART, GtkWidget)

GtkWidget *closeness_score_chart_new        (void);
void       closeness_score_chart_set_scores (ClosenessScoreChart        *self,
                                             guint32                     first_day,
                                             const double               *scores,
                                             guint                       n_days);
void       closeness_score_chart_set_color  (ClosenessScoreChart        *self,
                                             const GdkRGBA              *color);
void       closeness_score_chart_draw       (cairo_t                    *cr,
                                             int                         width,
                                             int                         height,
                                             const ClosenessChartColors *colors,
                                             guint32                     first_day,
                                             const double               *scores,
                                             guint                       n_days,
                                             PangoLayout                *labels);

G_END_DECLS
