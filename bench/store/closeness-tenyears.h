/* closeness-tenyears.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "store/closeness-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint n_entries;
  guint n_events;
  guint n_custom_prompts;
  guint n_answers;
} ClosenessTenYearsStats;

gboolean closeness_generate_ten_years (const char              *db_path,
                                       guint32                  seed,
                                       ClosenessTenYearsStats  *stats,
                                       GError                 **error);

gboolean closeness_ten_years_install_library (ClosenessStore          *store,
                                              GError                 **error);

G_END_DECLS
