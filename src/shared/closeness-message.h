/* closeness-message.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

AdwMessageDialog *closeness_message_show (GtkWidget  *widget,
                                          const char *heading,
                                          const char *body);

G_END_DECLS
