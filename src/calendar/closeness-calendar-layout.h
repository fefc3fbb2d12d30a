/* closeness-calendar-layout.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where the month grid and the week view put an evening, as pure functions
 * (GLib only): which days it is shown on and, in the week view, which lane
 * it takes beside the evenings it overlaps.
 */

#pragma once

#include <glib.h>

#include "closeness-recurrence.h"
#include "store/closeness-store.h"

G_BEGIN_DECLS

gboolean   closeness_calendar_instance_is_long    (const ClosenessInstance *instance,
                                                   ClosenessEvent          *event);
void       closeness_calendar_instance_get_days   (const ClosenessInstance *instance,
                                                   ClosenessEvent          *event,
                                                   GDate                   *first,
                                                   GDate                   *last);
GPtrArray *closeness_calendar_instances_on_day    (GPtrArray               *instances,
                                                   GHashTable              *events_by_id,
                                                   const GDate             *day);
char      *closeness_calendar_format_time         (gint64                   utc);

/* One timed evening of a day in the week view. */
typedef struct
{
  int   start;      /* minutes since the day's midnight */
  int   end;        /* exclusive, > start */
  guint lane;       /* out: 0 … n_lanes - 1 */
  guint n_lanes;    /* out: lanes of the group of overlapping evenings */
} ClosenessLaneItem;

void       closeness_calendar_assign_lanes        (ClosenessLaneItem       *items,
                                                   guint                    n_items);

G_END_DECLS
