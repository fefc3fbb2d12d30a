/* closeness-devices-recovery.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwMessageDialog *closeness_devices_recovery_show  (GtkWidget  *parent,
                                                    const char *code);
void              closeness_devices_recovery_print (GtkWidget  *parent,
                                                    const char *code);
gboolean          closeness_devices_recovery_export (const char  *code,
                                                     const char  *path,
                                                     GError     **error);

G_END_DECLS
