/* closeness-calendar-layout.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-calendar"

#include "config.h"

#include <string.h>

#include "closeness-calendar-layout.h"

static void
local_date_of (gint64  utc,
               GDate  *date)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (utc);

  g_date_clear (date, 1);
  if (local != NULL)
    g_date_set_dmy (date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                    g_date_time_get_year (local));
}

/**
 * closeness_calendar_instance_is_long:
 *
 * Returns: whether @instance is shown as a whole-day bar (at the top of the
 *   week, without a time in the month grid): an all-day event or one that
 *   lasts a day or more.
 */
gboolean
closeness_calendar_instance_is_long (const ClosenessInstance *instance,
                                     ClosenessEvent          *event)
{
  const char *dtstart = event != NULL ? closeness_event_get_dtstart (event) : NULL;

  if (dtstart != NULL && strlen (dtstart) == 10)
    return TRUE;

  return instance->end_utc - instance->start_utc >= 24 * 3600;
}

/* The local days @instance is shown on: a long one on every day it covers,
 * a timed evening on the day it starts (one that goes on past midnight
 * belongs to the evening it began). */
void
closeness_calendar_instance_get_days (const ClosenessInstance *instance,
                                      ClosenessEvent          *event,
                                      GDate                   *first,
                                      GDate                   *last)
{
  local_date_of (instance->start_utc, first);

  if (closeness_calendar_instance_is_long (instance, event)
      && instance->end_utc > instance->start_utc)
    local_date_of (instance->end_utc - 1, last);
  else
    *last = *first;

  if (!g_date_valid (last) || (g_date_valid (first) && g_date_compare (last, first) < 0))
    *last = *first;
}

static int
compare_on_day (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const ClosenessInstance *x = *(ClosenessInstance **) a;
  const ClosenessInstance *y = *(ClosenessInstance **) b;
  GHashTable *events_by_id = user_data;
  gboolean x_long =
    closeness_calendar_instance_is_long (x, g_hash_table_lookup (events_by_id, &x->event_id));
  gboolean y_long =
    closeness_calendar_instance_is_long (y, g_hash_table_lookup (events_by_id, &y->event_id));

  if (x_long != y_long)
    return x_long ? -1 : 1;

  return x->start_utc < y->start_utc ? -1 : x->start_utc > y->start_utc;
}

/**
 * closeness_calendar_instances_on_day:
 * @instances: (element-type ClosenessInstance): instances of a range
 * @events_by_id: event id (gint64 *) → #ClosenessEvent
 *
 * Returns: (transfer container) (element-type ClosenessInstance): the
 *   instances shown on @day, long ones first, then by start
 */
GPtrArray *
closeness_calendar_instances_on_day (GPtrArray   *instances,
                                     GHashTable  *events_by_id,
                                     const GDate *day)
{
  GPtrArray *shown = g_ptr_array_new ();

  for (guint i = 0; instances != NULL && i < instances->len; i++)
    {
      ClosenessInstance *instance = g_ptr_array_index (instances, i);
      ClosenessEvent *event = g_hash_table_lookup (events_by_id, &instance->event_id);
      GDate first, last;

      if (event == NULL)
        continue;

      closeness_calendar_instance_get_days (instance, event, &first, &last);
      if (g_date_valid (&first) && g_date_compare (&first, day) <= 0 &&
          g_date_compare (day, &last) <= 0)
        g_ptr_array_add (shown, instance);
    }

  g_ptr_array_sort_with_data (shown, compare_on_day, events_by_id);

  return shown;
}

/* A start time as the page shows it everywhere, "21:00". */
char *
closeness_calendar_format_time (gint64 utc)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (utc);

  return local != NULL ? g_date_time_format (local, "%H:%M") : g_strdup ("");
}

/**
 * closeness_calendar_assign_lanes:
 * @items: (array length=n_items): the timed evenings of one day, by start
 *
 * Puts each evening in the first lane that is free at its start; evenings
 * that overlap, directly or through others, share the day's width in as
 * many lanes as the group needs at most.
 */
void
closeness_calendar_assign_lanes (ClosenessLaneItem *items,
                                 guint              n_items)
{
  g_autofree int *lane_ends = g_new0 (int, MAX (n_items, 1));
  guint group_start = 0;
  guint group_lanes = 0;
  int group_end = G_MININT;

  for (guint i = 0; i <= n_items; i++)
    {
      guint lane;

      /* A new group starts when nothing before is still going on. */
      if (i == n_items || items[i].start >= group_end)
        {
          for (guint j = group_start; j < i; j++)
            items[j].n_lanes = group_lanes;
          if (i == n_items)
            break;
          group_start = i;
          group_lanes = 0;
          group_end = G_MININT;
        }

      for (lane = 0; lane < group_lanes && lane_ends[lane] > items[i].start; lane++)
        ;
      if (lane == group_lanes)
        group_lanes++;
      lane_ends[lane] = items[i].end;
      items[i].lane = lane;
      group_end = MAX (group_end, items[i].end);
    }
}
