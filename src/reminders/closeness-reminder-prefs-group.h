/* closeness-reminder-prefs-group.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_REMINDER_PREFS_GROUP (closeness_reminder_prefs_group_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessReminderPrefsGroup, closeness_reminder_prefs_group, CLOSENESS,
                      REMINDER_PREFS_GROUP, AdwPreferencesGroup)

GtkWidget      *closeness_reminder_prefs_group_new       (ClosenessStore              *store);
ClosenessStore *closeness_reminder_prefs_group_get_store (ClosenessReminderPrefsGroup *self);
void            closeness_reminder_prefs_group_set_store (ClosenessReminderPrefsGroup *self,
                                                          ClosenessStore              *store);

G_END_DECLS
