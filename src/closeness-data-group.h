/* closeness-data-group.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_DATA_GROUP (closeness_data_group_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessDataGroup, closeness_data_group, CLOSENESS, DATA_GROUP,
                      AdwPreferencesGroup)

void closeness_data_group_set_store     (ClosenessDataGroup *self,
                                         ClosenessStore     *store);
void closeness_data_group_export_to     (ClosenessDataGroup *self,
                                         GFile              *file);
void closeness_data_group_import_from   (ClosenessDataGroup *self,
                                         GFile              *file);
void closeness_data_group_restore       (ClosenessDataGroup *self,
                                         ClosenessBackup    *backup);
char *closeness_format_backup_label     (ClosenessBackup    *backup);

G_END_DECLS
