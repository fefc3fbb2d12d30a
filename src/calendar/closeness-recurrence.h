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

#include <gio/gio.h>

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

/* Everything below was added by the calendar work; the function above is
 * the contract the reminders code uses. */

#define CLOSENESS_RECURRENCE_ERROR (closeness_recurrence_error_quark ())

typedef enum
{
  CLOSENESS_RECURRENCE_ERROR_INVALID,      /* not an RRULE, or a bad start */
  CLOSENESS_RECURRENCE_ERROR_TOO_COMPLEX,  /* valid iCalendar, but refused (absurd or too costly) */
} ClosenessRecurrenceError;

GQuark  closeness_recurrence_error_quark (void);

/* Every expansion stops after this many libical steps or this much time,
 * whichever comes first, even if the window and count are not reached. */
#define CLOSENESS_RECURRENCE_MAX_STEPS        20000
#define CLOSENESS_RECURRENCE_BUDGET_USEC      (100 * 1000)

/* Occurrence strings (dtstart, RECURRENCE-ID, EXDATE entries) are local wall
 * times in the event's zone: 'YYYY-MM-DDTHH:MM:SS', or 'YYYY-MM-DD' for
 * all-day events. exdates is a comma-separated list of them. */

gboolean closeness_recurrence_check_rrule   (const char  *rrule,
                                             const char  *dtstart,
                                             GError     **error);
gboolean closeness_recurrence_zone_is_known (const char  *tzid);
gboolean closeness_recurrence_local_to_utc  (const char  *local,
                                             const char  *tzid,
                                             gint64      *utc);
char    *closeness_recurrence_utc_to_local  (gint64       utc,
                                             const char  *tzid,
                                             gboolean     date_only);
GArray  *closeness_recurrence_expand_full   (const char  *dtstart,
                                             const char  *tzid,
                                             int          duration_minutes,
                                             const char  *rrule,
                                             const char  *exdates,
                                             gint64       from_utc,
                                             gint64       to_utc,
                                             guint        max_count,
                                             GError     **error);
gboolean closeness_recurrence_has_exdate    (const char  *exdates,
                                             const char  *local);
char    *closeness_recurrence_add_exdate    (const char  *exdates,
                                             const char  *local);

/* One shown instance of an event: a single event, an occurrence of a
 * series, or an edited occurrence (an override row with a recurrence_id). */
typedef struct
{
  gint64    event_id;
  gint64    start_utc;
  gint64    end_utc;
  char     *recurrence_id;   /* NULL for a single event */
  gboolean  is_recurring;    /* part of a series (also for overrides) */
} ClosenessInstance;

void       closeness_instance_free                  (ClosenessInstance *instance);

GPtrArray *closeness_recurrence_expand_events       (GListModel          *events,
                                                     gint64               from_utc,
                                                     gint64               to_utc,
                                                     guint                max_per_event);
void       closeness_recurrence_expand_events_async (GListModel          *events,
                                                     gint64               from_utc,
                                                     gint64               to_utc,
                                                     guint                max_per_event,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray *closeness_recurrence_expand_events_finish (GAsyncResult       *result,
                                                      GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClosenessInstance, closeness_instance_free)

G_END_DECLS
