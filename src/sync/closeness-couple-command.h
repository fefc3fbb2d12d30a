/* closeness-couple-command.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "store/closeness-store.h"

G_BEGIN_DECLS

int closeness_couple_command_sync    (ClosenessStore *store,
                                      const char     *partner);
int closeness_couple_command_join    (ClosenessStore *store,
                                      const char     *partner);
int closeness_couple_command_approve (ClosenessStore *store,
                                      const char     *fingerprint);
int closeness_couple_command_devices (ClosenessStore *store);
int closeness_couple_command_remove  (ClosenessStore *store,
                                      const char     *fingerprint);
int closeness_couple_command_recovery_code (ClosenessStore *store,
                                            const char     *partner);
int closeness_couple_command_recover       (ClosenessStore *store);

G_END_DECLS
