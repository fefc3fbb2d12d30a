/* closeness-time.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Wall-clock times and instants, read as RFC 5545 (3.3.5) reads them. GLib
 * only, so the store, the calendar's recurrence expansion and the reminder
 * planner share one definition.
 *
 * A *wall time* is what a clock on the wall shows in a zone, without the
 * zone: here it is counted in seconds since 1970-01-01T00:00:00 as if that
 * clock were in UTC. An *instant* is Unix seconds (UTC).
 *
 * Most wall times name exactly one instant. Around a change of the zone's
 * offset (daylight saving time) two cases need a rule:
 *
 *  - A wall time in the spring-forward gap does not exist. It is read with
 *    the offset from before the gap, so it lands as far after the gap's
 *    start as it was written: in Europe/Berlin 02:30 on 2026-03-29 is
 *    01:30 UTC (03:30 CEST); in America/New_York 02:30 on 2026-03-08 is
 *    07:30 UTC (03:30 EDT); in Australia/Lord_Howe, whose clocks go from
 *    02:00 to 02:30, 02:15 on 2026-10-04 is 15:45 UTC (02:45 +11:00). The
 *    same wall time on the next day is the usual one again (no shift is
 *    carried from one occurrence to the next).
 *  - A wall time in the autumn overlap happens twice. It means the first
 *    of the two instants, the one still on daylight time: in Europe/Berlin
 *    02:30 on 2026-10-25 is 00:30 UTC (not 01:30); in America/New_York
 *    01:30 on 2026-11-01 is 05:30 UTC (not 06:30).
 *
 * (GDateTime reads both cases differently, which is why this exists.)
 * The offset is probed two days either side of the wall time, so a zone
 * must not change its offset twice within two days; in the tz database the
 * closest two changes since 1900 are four days apart (Africa/Freetown,
 * 1939). */

gint32   closeness_time_offset_at    (GTimeZone *tz,
                                      gint64     utc);
gint64   closeness_time_wall_to_utc  (GTimeZone *tz,
                                      gint64     wall);
gint64   closeness_time_utc_to_wall  (GTimeZone *tz,
                                      gint64     utc);
gboolean closeness_time_local_to_utc (GTimeZone *tz,
                                      int        year,
                                      int        month,
                                      int        day,
                                      int        hour,
                                      int        minute,
                                      int        second,
                                      gint64    *utc);

G_END_DECLS
