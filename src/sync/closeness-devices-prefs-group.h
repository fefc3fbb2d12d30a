/* closeness-devices-prefs-group.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/closeness-store.h"
#include "sync/closeness-sync-scheduler.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_DEVICES_PREFS_GROUP (closeness_devices_prefs_group_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessDevicesPrefsGroup, closeness_devices_prefs_group, CLOSENESS,
                      DEVICES_PREFS_GROUP, AdwPreferencesGroup)

void closeness_devices_prefs_group_set_store (ClosenessDevicesPrefsGroup *self,
                                              ClosenessStore             *store,
                                              ClosenessSyncScheduler     *scheduler);
void closeness_devices_prefs_group_refresh   (ClosenessDevicesPrefsGroup *self);

G_END_DECLS
