/* closeness-toast.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwToast *closeness_toast_new                   (const char *title);
void      closeness_toast_show_in_preferences (GtkWidget  *widget,
                                               const char *message);

G_END_DECLS
