/* closeness-backup.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CLOSENESS_TYPE_BACKUP (closeness_backup_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessBackup, closeness_backup, CLOSENESS, BACKUP, GObject)

const char *closeness_backup_get_path (ClosenessBackup *self);
GDateTime  *closeness_backup_get_date (ClosenessBackup *self);

G_END_DECLS
