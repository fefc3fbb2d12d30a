/* closeness-activity-row.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/closeness-store.h"
#include "closeness-activity-history.h"
#include "closeness-habit-logic.h"
#include "closeness-selfcare-view.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_ACTIVITY_ROW (closeness_activity_row_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessActivityRow, closeness_activity_row, CLOSENESS, ACTIVITY_ROW,
                      AdwActionRow)

GtkWidget         *closeness_activity_row_new             (ClosenessActivity    *activity,
                                                           ClosenessActivityHistory *history,
                                                           guint32               today);
ClosenessActivity *closeness_activity_row_get_activity    (ClosenessActivityRow *self);
GtkCheckButton    *closeness_activity_row_get_check       (ClosenessActivityRow *self,
                                                           guint                 slot);
const char        *closeness_activity_row_get_check_label (ClosenessActivityRow *self,
                                                           guint                 slot);
void               closeness_activity_row_reload          (ClosenessActivityRow *self);
GtkMenuButton     *closeness_activity_row_get_amount_button (ClosenessActivityRow *self,
                                                             guint                 slot);
GtkSpinButton     *closeness_activity_row_get_amount_spin (ClosenessActivityRow *self,
                                                           guint                 slot);
const char        *closeness_activity_row_get_amount_label (ClosenessActivityRow *self,
                                                            guint                 slot);
GtkMenuButton     *closeness_activity_row_get_menu_button (ClosenessActivityRow *self);

void               closeness_selfcare_apply_color         (GtkWidget            *widget,
                                                           const char           *color);
gboolean           closeness_selfcare_show_amount_cb      (GtkSpinButton        *spin);

G_END_DECLS
