/* closeness-application.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_APPLICATION (closeness_application_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessApplication, closeness_application, CLOSENESS, APPLICATION,
                      AdwApplication)

ClosenessApplication *closeness_application_new       (void);
ClosenessStore       *closeness_application_get_store (ClosenessApplication *self);
gpointer              closeness_application_get_sync_scheduler (ClosenessApplication *self);

G_END_DECLS
