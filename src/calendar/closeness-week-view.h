/* closeness-week-view.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CLOSENESS_TYPE_WEEK_VIEW (closeness_week_view_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessWeekView, closeness_week_view, CLOSENESS, WEEK_VIEW, GtkWidget)

void       closeness_week_view_set_date       (ClosenessWeekView *self,
                                               const GDate       *day);
GDate      closeness_week_view_get_first_day  (ClosenessWeekView *self);
void       closeness_week_view_set_instances  (ClosenessWeekView *self,
                                               GPtrArray         *instances,
                                               GHashTable        *events_by_id);
GtkWidget *closeness_week_view_get_grid       (ClosenessWeekView *self);

G_END_DECLS
