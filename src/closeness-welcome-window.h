/* closeness-welcome-window.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_WELCOME_WINDOW (closeness_welcome_window_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessWelcomeWindow, closeness_welcome_window, CLOSENESS, WELCOME_WINDOW,
                      AdwWindow)

ClosenessWelcomeWindow *closeness_welcome_window_new (ClosenessStore *store);

G_END_DECLS
