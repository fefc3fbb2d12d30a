/* closeness-sync-prefs-group.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/closeness-store.h"
#include "sync/closeness-sync-scheduler.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_SYNC_PREFS_GROUP (closeness_sync_prefs_group_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessSyncPrefsGroup, closeness_sync_prefs_group, CLOSENESS,
                      SYNC_PREFS_GROUP, AdwPreferencesGroup)

void closeness_sync_prefs_group_set_store     (ClosenessSyncPrefsGroup *self,
                                               ClosenessStore          *store,
                                               ClosenessSyncScheduler  *scheduler);
void closeness_sync_prefs_group_refresh       (ClosenessSyncPrefsGroup *self);

G_END_DECLS
