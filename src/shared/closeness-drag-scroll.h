/* closeness-drag-scroll.h: a scrolled window that scrolls while something
 * is dragged near its top or bottom edge
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

double closeness_drag_scroll_speed  (double             y,
                                     double             height);
void   closeness_drag_scroll_attach (GtkScrolledWindow *scrolled);

G_END_DECLS
