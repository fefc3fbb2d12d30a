/* closeness-recurrence.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recurrence expansion through libical, always bounded by a time window and
 * a count (some RRULEs expand for seconds or forever in libical 3.0.16).
 * GLib + libical only: the reminder service and tests use it without a display.
 */

#pragma once

#include <glib.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 start_utc;        /* occurrence start, Unix seconds (UTC) */
  gint64 end_utc;          /* start + duration */
  char  *recurrence_id;    /* the occurrence's RECURRENCE-ID value, for "this occurrence" edits */
} ClosenessOccurrence;

void    closeness_occurrence_clear       (ClosenessOccurrence *occurrence);

/**
 * closeness_recurrence_expand:
 * @event: a series or single event from the store
 * @from_utc: window start (inclusive), Unix seconds
 * @to_utc: window end (exclusive), Unix seconds
 * @max_count: stop after this many occurrences
 * @error: set for an RRULE libical cannot parse
 *
 * Returns: (transfer full): a GArray of ClosenessOccurrence sorted by start,
 *   honouring EXDATEs and the event's time zone (an evening at 21:00 stays at
 *   21:00 local time across DST), with clear func set; or %NULL on error.
 */
GArray *closeness_recurrence_expand      (ClosenessEvent      *event,
                                          gint64               from_utc,
                                          gint64               to_utc,
                                          guint                max_count,
                                          GError             **error);

G_END_DECLS
