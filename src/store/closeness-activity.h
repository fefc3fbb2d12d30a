/* closeness-activity.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "closeness-record.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_ACTIVITY (closeness_activity_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessActivity, closeness_activity, CLOSENESS, ACTIVITY, ClosenessRecord)

const char * closeness_activity_get_builtin_key (ClosenessActivity *self);
const char * closeness_activity_get_name (ClosenessActivity *self);
const char * closeness_activity_get_icon (ClosenessActivity *self);
const char * closeness_activity_get_color (ClosenessActivity *self);
int          closeness_activity_get_owner (ClosenessActivity *self);
gboolean     closeness_activity_get_is_private (ClosenessActivity *self);
int          closeness_activity_get_goal_kind (ClosenessActivity *self);
int          closeness_activity_get_goal_count (ClosenessActivity *self);
gboolean     closeness_activity_get_archived (ClosenessActivity *self);
int          closeness_activity_get_kind (ClosenessActivity *self);
const char * closeness_activity_get_unit (ClosenessActivity *self);
double       closeness_activity_get_target (ClosenessActivity *self);
int          closeness_activity_get_interval_days (ClosenessActivity *self);

G_END_DECLS
