/* closeness-bench-hook.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void closeness_bench_hook_install (GtkWindow *window);

G_END_DECLS
