/* closeness-view-switcher.h: the header bar's page switcher
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CLOSENESS_TYPE_VIEW_SWITCHER (closeness_view_switcher_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessViewSwitcher, closeness_view_switcher, CLOSENESS, VIEW_SWITCHER, GtkWidget)

GtkWidget    *closeness_view_switcher_new       (void);
AdwViewStack *closeness_view_switcher_get_stack (ClosenessViewSwitcher *self);
void          closeness_view_switcher_set_stack (ClosenessViewSwitcher *self,
                                                 AdwViewStack          *stack);

G_END_DECLS
