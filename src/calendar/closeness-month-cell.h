/* closeness-month-cell.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CLOSENESS_TYPE_MONTH_CELL (closeness_month_cell_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessMonthCell, closeness_month_cell, CLOSENESS, MONTH_CELL, GtkWidget)

GtkWidget *closeness_month_cell_new          (void);
void       closeness_month_cell_set_day      (ClosenessMonthCell *self,
                                              int                 day);
void       closeness_month_cell_clear        (ClosenessMonthCell *self);
void       closeness_month_cell_add_entry    (ClosenessMonthCell *self,
                                              const char         *time,
                                              const char         *title);
guint      closeness_month_cell_get_n_entries (ClosenessMonthCell *self);
guint      closeness_month_cell_get_n_shown  (ClosenessMonthCell *self);
gboolean   closeness_month_cell_get_compact  (ClosenessMonthCell *self);

G_END_DECLS
