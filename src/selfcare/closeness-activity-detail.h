/* closeness-activity-detail.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/closeness-store.h"
#include "closeness-activity-history.h"
#include "closeness-selfcare-view.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_ACTIVITY_DETAIL (closeness_activity_detail_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessActivityDetail, closeness_activity_detail, CLOSENESS,
                      ACTIVITY_DETAIL, AdwBin)

void               closeness_activity_detail_show              (ClosenessActivityDetail *self,
                                                                ClosenessActivity       *activity,
                                                                ClosenessActivityHistory *history);
ClosenessActivity *closeness_activity_detail_get_activity      (ClosenessActivityDetail *self);
const char        *closeness_activity_detail_get_title         (ClosenessActivityDetail *self);
gboolean           closeness_activity_detail_get_can_log       (ClosenessActivityDetail *self);
gboolean           closeness_activity_detail_get_day_logged    (ClosenessActivityDetail *self);
guint32            closeness_activity_detail_get_selected_day  (ClosenessActivityDetail *self);
gboolean           closeness_activity_detail_check_selected_day (ClosenessActivityDetail *self);
const char        *closeness_activity_detail_get_note          (ClosenessActivityDetail *self);
char              *closeness_activity_detail_dup_reminder_time (ClosenessActivityDetail *self);
guint              closeness_activity_detail_get_reminder_weekdays (ClosenessActivityDetail *self);
double             closeness_activity_detail_get_amount        (ClosenessActivityDetail *self);
GtkSpinButton     *closeness_activity_detail_get_amount_spin   (ClosenessActivityDetail *self);

G_END_DECLS
