/* closeness-activity-editor.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_ACTIVITY_EDITOR (closeness_activity_editor_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessActivityEditor, closeness_activity_editor, CLOSENESS,
                      ACTIVITY_EDITOR, AdwWindow)

ClosenessActivityEditor *closeness_activity_editor_new        (GtkWindow               *parent,
                                                               GListModel              *activities,
                                                               ClosenessActivity       *activity,
                                                               const char * const      *names,
                                                               guint                    me);
ClosenessActivity       *closeness_activity_editor_get_activity (ClosenessActivityEditor *self);
gboolean                 closeness_activity_editor_get_info   (ClosenessActivityEditor *self,
                                                               ClosenessActivityInfo   *info,
                                                               GError                 **error);
void                     closeness_activity_editor_set_name   (ClosenessActivityEditor *self,
                                                               const char              *name);
void                     closeness_activity_editor_set_goal   (ClosenessActivityEditor *self,
                                                               ClosenessGoalKind        kind,
                                                               int                      count);
void                     closeness_activity_editor_set_interval (ClosenessActivityEditor *self,
                                                                 guint                    days);
void                     closeness_activity_editor_set_measure (ClosenessActivityEditor *self,
                                                                ClosenessActivityKind    kind,
                                                                const char              *unit,
                                                                double                   target);
const char              *closeness_activity_editor_get_message (ClosenessActivityEditor *self);
gboolean                 closeness_activity_editor_get_name_error (ClosenessActivityEditor *self);
gboolean                 closeness_activity_editor_get_can_save (ClosenessActivityEditor *self);
gboolean                 closeness_activity_editor_save       (ClosenessActivityEditor *self);

G_END_DECLS
