/* closeness-couple-sync.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "store/closeness-store.h"
#include "sync/closeness-caldav-client.h"
#include "sync/closeness-couple-keyring.h"
#include "sync/closeness-hlc.h"
#include "sync/closeness-vault.h"

G_BEGIN_DECLS



typedef struct
{
  guint items_sent;      /* items written to the server */
  guint items_received;  /* items read from it */
  guint records_sent;    /* records changed here, now on the server */
  guint applied;         /* records from the other devices applied here */
  guint refused;         /* items or records refused: tampered, replayed, not the couple's */
  guint sealed;          /* the partner's answers that wait for an answer here */
  guint64 bytes_sent;    /* the items' bodies written */
  guint64 bytes_received;
} ClosenessCoupleSyncReport;

gboolean closeness_couple_sync_run (ClosenessStore             *store,
                                    ClosenessCaldavClient      *client,
                                    const char                 *collection,
                                    ClosenessCoupleKeyring     *keys,
                                    ClosenessCoupleSyncReport  *report,
                                    GCancellable               *cancellable,
                                    GError                    **error);

G_END_DECLS
