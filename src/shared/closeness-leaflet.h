/* closeness-leaflet.h: a leaflet that takes its first shape without animating
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void closeness_leaflet_fold_at_once_when_shown (AdwLeaflet *leaflet);

G_END_DECLS
