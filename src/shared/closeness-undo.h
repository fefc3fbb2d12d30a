/* closeness-undo.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Seconds an Undo toast stays: long enough to read it and act. */
#define CLOSENESS_UNDO_TIMEOUT 10

AdwToast *closeness_undo_toast_new (GtkWidget  *widget,
                                    const char *title);
gboolean  closeness_undo_last      (GtkWidget  *widget);

G_END_DECLS
