/* closeness-calendar-sync.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "store/closeness-store.h"
#include "sync/closeness-caldav-client.h"

G_BEGIN_DECLS

typedef struct
{
  guint sent;        /* evenings created, changed or deleted on the server */
  guint received;    /* evenings that came from the server */
  guint removed;     /* evenings deleted here because the server deleted them */
  guint conflicts;   /* properties both sides changed: the newer one was kept */
  guint unreadable;  /* server items that are not iCalendar: left as they are */
} ClosenessSyncReport;

gboolean closeness_calendar_sync_run    (ClosenessStore          *store,
                                         ClosenessCaldavClient   *client,
                                         ClosenessSyncReport     *report,
                                         GCancellable            *cancellable,
                                         GError                 **error);

char    *closeness_calendar_sync_describe (const ClosenessSyncReport *report);

G_END_DECLS
