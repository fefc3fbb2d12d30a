/* closeness-data-command.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "store/closeness-store.h"

G_BEGIN_DECLS

int closeness_data_command_export (ClosenessStore *store,
                                   const char     *path);
int closeness_data_command_import (ClosenessStore *store,
                                   const char     *path);

G_END_DECLS
