/* closeness-event-batch.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Events and their reminders gathered for one closeness_store_add_events()
 * call (the .ics import). A thin helper over the store's public API: the
 * store checks everything and writes it in one transaction.
 */

#pragma once

#include <glib.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

typedef struct _ClosenessEventBatch ClosenessEventBatch;

ClosenessEventBatch *closeness_event_batch_new      (void);
void                 closeness_event_batch_free     (ClosenessEventBatch      *batch);
void                 closeness_event_batch_add      (ClosenessEventBatch      *batch,
                                                     const ClosenessEventInfo *info,
                                                     const int                *reminder_offsets,
                                                     guint                     n_reminders);
guint                closeness_event_batch_get_size (ClosenessEventBatch      *batch);
gboolean             closeness_event_batch_commit   (ClosenessEventBatch      *batch,
                                                     ClosenessStore           *store,
                                                     guint                    *n_added,
                                                     guint                    *n_updated,
                                                     GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClosenessEventBatch, closeness_event_batch_free)

G_END_DECLS
