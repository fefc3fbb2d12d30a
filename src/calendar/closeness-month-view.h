/* closeness-month-view.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CLOSENESS_TYPE_MONTH_VIEW (closeness_month_view_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessMonthView, closeness_month_view, CLOSENESS, MONTH_VIEW, GtkWidget)

GtkWidget *closeness_month_view_new              (void);
void       closeness_month_view_set_month        (ClosenessMonthView *self,
                                                  int                 year,
                                                  int                 month);
int        closeness_month_view_get_year         (ClosenessMonthView *self);
int        closeness_month_view_get_month        (ClosenessMonthView *self);
void       closeness_month_view_get_range        (ClosenessMonthView *self,
                                                  gint64             *from_utc,
                                                  gint64             *to_utc);
void       closeness_month_view_set_instances    (ClosenessMonthView *self,
                                                  GPtrArray          *instances,
                                                  GHashTable         *events_by_id);
void       closeness_month_view_select           (ClosenessMonthView *self,
                                                  int                 year,
                                                  int                 month,
                                                  int                 day,
                                                  gboolean            focus);
GDate      closeness_month_view_get_selected     (ClosenessMonthView *self);
char      *closeness_month_view_dup_title        (ClosenessMonthView *self);
GtkWidget *closeness_month_view_get_day_button   (ClosenessMonthView *self,
                                                  int                 day);
GtkWidget *closeness_month_view_get_day_cell     (ClosenessMonthView *self,
                                                  int                 day);

G_END_DECLS
