/* closeness-heat-map.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "closeness-chart.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_HEAT_MAP (closeness_heat_map_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessHeatMap, closeness_heat_map, CLOSENESS, HEAT_MAP, GtkWidget)

GtkWidget *closeness_heat_map_new        (void);
void       closeness_heat_map_set_days   (ClosenessHeatMap           *self,
                                          guint32                     first_day,
                                          const guint8               *values,
                                          guint                       n_days,
                                          guint                       max_done,
                                          guint32                     today);
void       closeness_heat_map_set_color  (ClosenessHeatMap           *self,
                                          const GdkRGBA              *color);
void       closeness_heat_map_set_selected (ClosenessHeatMap         *self,
                                            guint32                   day);
guint32    closeness_heat_map_get_day_at (ClosenessHeatMap           *self,
                                          double                      x,
                                          double                      y);

void       closeness_heat_map_draw       (cairo_t                    *cr,
                                          int                         width,
                                          int                         height,
                                          const ClosenessChartColors *colors,
                                          guint32                     first_day,
                                          const guint8               *values,
                                          guint                       n_days,
                                          guint                       max_done,
                                          guint32                     today,
                                          guint32                     selected,
                                          PangoLayout                *labels);

G_END_DECLS
