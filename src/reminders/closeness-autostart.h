/* closeness-autostart.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The autostart entry that starts the reminder service at login. GLib only.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CLOSENESS_AUTOSTART_FILE_NAME "com.example.Closeness-reminders.desktop"
#define CLOSENESS_AUTOSTART_EXEC      "closeness --gapplication-service"

char     *closeness_autostart_dup_path       (void);
char     *closeness_autostart_build_contents (const char  *exec);
gboolean  closeness_autostart_is_enabled     (void);
gboolean  closeness_autostart_set_enabled    (gboolean     enabled,
                                              GError     **error);

G_END_DECLS
