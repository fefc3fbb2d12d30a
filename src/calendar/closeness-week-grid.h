/* closeness-week-grid.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The hours' column at the start and the height of one hour, in pixels. */
#define CLOSENESS_WEEK_GRID_GUTTER       56
#define CLOSENESS_WEEK_GRID_HOUR_HEIGHT  44

#define CLOSENESS_TYPE_WEEK_GRID (closeness_week_grid_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessWeekGrid, closeness_week_grid, CLOSENESS, WEEK_GRID, GtkWidget)

GtkWidget *closeness_week_grid_new        (void);
void       closeness_week_grid_clear      (ClosenessWeekGrid *self);
void       closeness_week_grid_add_block  (ClosenessWeekGrid *self,
                                           GtkWidget         *block,
                                           guint              day,
                                           int                start_minute,
                                           int                end_minute,
                                           guint              lane,
                                           guint              n_lanes);
void       closeness_week_grid_set_today  (ClosenessWeekGrid *self,
                                           int                day);

G_END_DECLS
