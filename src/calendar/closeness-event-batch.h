/* closeness-event-batch.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Many events and their reminders saved in one store transaction (imports).
 * GLib + the store only.
 *
 * TODO(store): the store has no public batch path for events yet. This uses
 * the store's private write API the same way closeness_store_add_entries()
 * does; it should move into src/store as closeness_store_add_events().
 */

#pragma once

#include <glib.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

#define CLOSENESS_EVENT_BATCH_MAX_REMINDERS 5

typedef struct _ClosenessEventBatch ClosenessEventBatch;

ClosenessEventBatch *closeness_event_batch_new         (void);
void                 closeness_event_batch_free        (ClosenessEventBatch      *batch);
gboolean             closeness_event_batch_add         (ClosenessEventBatch      *batch,
                                                        const ClosenessEventInfo *info,
                                                        const int                *reminder_offsets,
                                                        guint                     n_reminders,
                                                        GError                  **error);
guint                closeness_event_batch_get_size    (ClosenessEventBatch      *batch);
gboolean             closeness_event_batch_commit      (ClosenessEventBatch      *batch,
                                                        ClosenessStore           *store,
                                                        guint                    *n_added,
                                                        guint                    *n_updated,
                                                        GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClosenessEventBatch, closeness_event_batch_free)

G_END_DECLS
