/* closeness-selfcare-builtins.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "closeness-habit-logic.h"
#include "store/closeness-store.h"

G_BEGIN_DECLS

/* The app_state key set once the built-ins exist, so that a built-in the
 * couple deleted stays deleted. */
#define CLOSENESS_SELFCARE_SEEDED_KEY "selfcare-builtins-seeded"

gboolean    closeness_selfcare_ensure_builtins      (ClosenessStore     *store,
                                                     GError            **error);
char       *closeness_selfcare_activity_dup_name    (ClosenessActivity  *activity);
const char *closeness_selfcare_activity_get_icon    (ClosenessActivity  *activity);
void        closeness_selfcare_activity_get_goal    (ClosenessActivity  *activity,
                                                     ClosenessHabitGoal *goal);
char       *closeness_selfcare_activity_describe_goal (ClosenessActivity *activity);
gboolean    closeness_selfcare_check_activity       (GListModel                  *activities,
                                                     gint64                       own_id,
                                                     const ClosenessActivityInfo *info,
                                                     GError                     **error);
const char * const *closeness_selfcare_get_icons    (guint              *n_icons);
const char * const *closeness_selfcare_get_colors   (guint              *n_colors);
const char *closeness_selfcare_get_icon_label       (guint               index);
const char *closeness_selfcare_get_color_label      (guint               index);
const char *closeness_selfcare_color_for_index      (guint               index);
const char *closeness_selfcare_color_class          (const char         *color);
const char * const *closeness_selfcare_get_color_classes (guint          *n_classes);

G_END_DECLS
