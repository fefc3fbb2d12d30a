/* closeness-preferences-window.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_PREFERENCES_WINDOW (closeness_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessPreferencesWindow, closeness_preferences_window, CLOSENESS,
                      PREFERENCES_WINDOW, AdwPreferencesWindow)

ClosenessPreferencesWindow *closeness_preferences_window_new (ClosenessStore *store);

G_END_DECLS
