/* closeness-window.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "closeness-application.h"
#include "closeness-window-logic.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_WINDOW (closeness_window_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessWindow, closeness_window, CLOSENESS, WINDOW, AdwApplicationWindow)

ClosenessWindow *closeness_window_new        (ClosenessApplication *application,
                                              ClosenessStore       *store);
ClosenessStore  *closeness_window_get_store  (ClosenessWindow      *self);
ClosenessPage    closeness_window_get_page   (ClosenessWindow      *self);
void             closeness_window_set_page   (ClosenessWindow      *self,
                                              ClosenessPage         page);
gboolean         closeness_window_ask_before_leaving (ClosenessWindow *self,
                                                      gboolean         quit_app);
void             closeness_window_save_state         (ClosenessWindow *self);
void             closeness_window_add_toast  (ClosenessWindow      *self,
                                              AdwToast             *toast);
void             closeness_window_open_item  (ClosenessWindow      *self,
                                              ClosenessPage         page,
                                              gint64                id);
gboolean         closeness_window_open_article (ClosenessWindow    *self,
                                                const char         *id);

G_END_DECLS
