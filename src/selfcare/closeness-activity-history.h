/* closeness-activity-history.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "closeness-habit-logic.h"
#include "closeness-selfcare-view.h"
#include "store/closeness-store.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_ACTIVITY_HISTORY (closeness_activity_history_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessActivityHistory, closeness_activity_history,
                      CLOSENESS, ACTIVITY_HISTORY, GObject)

ClosenessActivityHistory *closeness_activity_history_new         (ClosenessStore *store,
                                                                  gint64          activity_id);
ClosenessStore           *closeness_activity_history_get_store   (ClosenessActivityHistory *self);
gint64 closeness_activity_history_get_activity_id (ClosenessActivityHistory *self);
gboolean                  closeness_activity_history_get_loaded  (ClosenessActivityHistory *self);
gboolean                  closeness_activity_history_load        (ClosenessActivityHistory *self,
                                                                  GError                  **error);
gboolean                  closeness_activity_history_load_recent (ClosenessActivityHistory *self,
                                                                  guint32                   since,
                                                                  GError                  **error);
gboolean                  closeness_activity_history_get_complete (ClosenessActivityHistory *self);
void                      closeness_activity_history_compute (ClosenessActivityHistory *self,
                                                              ClosenessSelfcareView     view,
                                                              guint                     me,
                                                              ClosenessOwner            owner,
                                                              gboolean                  is_private,
                                                              const ClosenessHabitGoal *goal,
                                                              double                    target,
                                                              guint32                   today,
                                                              GArray                   *items,
                                                              ClosenessHabitStats      *stats);
const ClosenessEntryDay   *closeness_activity_history_get_days    (ClosenessActivityHistory *self,
                                                                  guint                    *n_days);
int                       closeness_activity_history_get_kind    (ClosenessActivityHistory *self,
                                                                  guint32                   day,
                                                                  guint                     slot);
double                    closeness_activity_history_get_value   (ClosenessActivityHistory *self,
                                                                  guint32                   day,
                                                                  guint                     slot);
guint                     closeness_activity_history_collect (ClosenessActivityHistory *self,
                                                              ClosenessSelfcareView     view,
                                                              guint                     me,
                                                              ClosenessOwner            owner,
                                                              gboolean                  is_private,
                                                              double                    target,
                                                              GArray                   *out);

G_END_DECLS
