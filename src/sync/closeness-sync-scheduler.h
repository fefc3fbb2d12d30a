/* closeness-sync-scheduler.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_SYNC_SCHEDULER (closeness_sync_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessSyncScheduler, closeness_sync_scheduler, CLOSENESS, SYNC_SCHEDULER,
                      GObject)

ClosenessSyncScheduler *closeness_sync_scheduler_new         (ClosenessStore         *store);
void                    closeness_sync_scheduler_request (ClosenessSyncScheduler *self,
                                                          guint                   delay_seconds);
gboolean                closeness_sync_scheduler_get_running (ClosenessSyncScheduler *self);
const char             *closeness_sync_scheduler_get_last_line (ClosenessSyncScheduler *self);

char                   *closeness_sync_program_path          (void);
gboolean                closeness_sync_command_finish        (GSubprocess            *child,
                                                              GAsyncResult           *result,
                                                              char                  **out,
                                                              char                  **err,
                                                              GError                **error);

G_END_DECLS
