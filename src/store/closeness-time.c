/* closeness-time.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-time"

#include "config.h"

#include "closeness-time.h"

#define DAY_SECONDS   G_GINT64_CONSTANT (86400)
/* Offsets are within −12 h … +14 h: two days either side are surely
 * outside any change that concerns this wall time. */
#define PROBE_SECONDS (2 * DAY_SECONDS)
/* GDate's Julian day of 1970-01-01 (day 1 is 0001-01-01). */
#define UNIX_EPOCH_JULIAN 719163

/**
 * closeness_time_offset_at:
 * @tz: a zone
 * @utc: an instant, Unix seconds
 *
 * Returns: the offset from UTC of @tz at @utc, in seconds
 */
gint32
closeness_time_offset_at (GTimeZone *tz,
                          gint64     utc)
{
  int interval;

  g_return_val_if_fail (tz != NULL, 0);

  interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, utc);

  return interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0;
}

/**
 * closeness_time_wall_to_utc:
 * @tz: the zone of the wall time
 * @wall: a wall time, seconds since 1970 as if in UTC
 *
 * The instant of @wall in @tz; a time in the spring gap is read with the
 * offset from before the gap, a time in the autumn overlap is the first of
 * its two instants (see the top of closeness-time.h).
 *
 * Returns: Unix seconds
 */
gint64
closeness_time_wall_to_utc (GTimeZone *tz,
                            gint64     wall)
{
  gint32 before, after;
  gboolean before_fits, after_fits;

  g_return_val_if_fail (tz != NULL, wall);

  before = closeness_time_offset_at (tz, wall - PROBE_SECONDS);
  after = closeness_time_offset_at (tz, wall + PROBE_SECONDS);
  before_fits = closeness_time_offset_at (tz, wall - before) == before;
  after_fits = closeness_time_offset_at (tz, wall - after) == after;

  /* Both fit: the overlap (its first instant), or no change at all. */
  if (before_fits && after_fits)
    return MIN (wall - before, wall - after);
  if (after_fits)
    return wall - after;

  /* Only the earlier offset fits, or neither does: the gap. */
  return wall - before;
}

/**
 * closeness_time_utc_to_wall:
 * @tz: a zone
 * @utc: an instant, Unix seconds
 *
 * Returns: the wall time of @utc in @tz, seconds since 1970 as if in UTC
 */
gint64
closeness_time_utc_to_wall (GTimeZone *tz,
                            gint64     utc)
{
  return utc + closeness_time_offset_at (tz, utc);
}

/**
 * closeness_time_local_to_utc:
 * @tz: the zone of the wall time
 * @year: 1 … 9999
 * @month: 1 … 12
 * @day: 1 … 31
 * @hour: 0 … 23
 * @minute: 0 … 59
 * @second: 0 … 59
 * @utc: (out): the instant, Unix seconds
 *
 * closeness_time_wall_to_utc() for a wall time given by its fields.
 *
 * Returns: %FALSE if the fields are not a date and time of day
 */
gboolean
closeness_time_local_to_utc (GTimeZone *tz,
                             int        year,
                             int        month,
                             int        day,
                             int        hour,
                             int        minute,
                             int        second,
                             gint64    *utc)
{
  GDate date;
  gint64 wall;

  g_return_val_if_fail (tz != NULL, FALSE);
  g_return_val_if_fail (utc != NULL, FALSE);

  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy (day, month, year) ||
      hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return FALSE;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  wall = ((gint64) g_date_get_julian (&date) - UNIX_EPOCH_JULIAN) * DAY_SECONDS +
         hour * 3600 + minute * 60 + second;

  *utc = closeness_time_wall_to_utc (tz, wall);

  return TRUE;
}
