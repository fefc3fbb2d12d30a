/* closeness-event.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "closeness-record.h"
#include "closeness-store-types.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_EVENT (closeness_event_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessEvent, closeness_event, CLOSENESS, EVENT, ClosenessRecord)

const char * closeness_event_get_uid (ClosenessEvent *self);
const char * closeness_event_get_recurrence_id (ClosenessEvent *self);
const char * closeness_event_get_summary (ClosenessEvent *self);
const char * closeness_event_get_dtstart (ClosenessEvent *self);
const char * closeness_event_get_tzid (ClosenessEvent *self);
int          closeness_event_get_duration_minutes (ClosenessEvent *self);
const char * closeness_event_get_rrule (ClosenessEvent *self);
const char * closeness_event_get_exdates (ClosenessEvent *self);
int          closeness_event_get_planned_by (ClosenessEvent *self);
gint64       closeness_event_get_deck_id (ClosenessEvent *self);
const char * closeness_event_get_notes (ClosenessEvent *self);
const char * closeness_event_get_ical_raw (ClosenessEvent *self);
const char * closeness_event_get_etag (ClosenessEvent *self);
const char * closeness_event_get_href (ClosenessEvent *self);

void         closeness_event_get_info (ClosenessEvent     *self,
                                       ClosenessEventInfo *info);

G_END_DECLS
