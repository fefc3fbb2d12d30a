/* closeness-test-utils.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

gboolean closeness_test_init_display (int         *argc,
                                      char      ***argv);
void     closeness_test_iterate      (guint        ms);
void     closeness_test_resize       (GtkWindow   *window,
                                      int          width,
                                      int          height);
char    *closeness_test_screenshot   (GtkWidget   *widget,
                                      const char  *name);
GtkWindow *closeness_test_find_window (GType       type);

G_END_DECLS
