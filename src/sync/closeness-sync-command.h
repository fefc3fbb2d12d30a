/* closeness-sync-command.h: --sync-account and --sync
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "store/closeness-store.h"

G_BEGIN_DECLS

int closeness_sync_command_account (ClosenessStore *store,
                                    const char     *address,
                                    const char     *user,
                                    const char     *calendar_name,
                                    gboolean        calendar_only);
int closeness_sync_command_run     (ClosenessStore *store);

char *closeness_sync_command_read_secret (const char *prompt);

G_END_DECLS
