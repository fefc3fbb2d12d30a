/* test-time.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * closeness-time: wall times to instants with real zones, including the
 * spring gap and the autumn overlap (Lord Howe's are half an hour long).
 */

#include "config.h"

#include "store/closeness-time.h"

static GTimeZone *
zone (const char *identifier)
{
  GTimeZone *tz = g_time_zone_new_identifier (identifier);

  /* The tests need the system's tz database. */
  g_assert_nonnull (tz);

  return tz;
}

static gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute,
     int second)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (year, month, day, hour, minute, second);

  return g_date_time_to_unix (time);
}

static void
assert_local (GTimeZone *tz,
              int        year,
              int        month,
              int        day,
              int        hour,
              int        minute,
              gint64     expected)
{
  gint64 instant = 0;

  g_assert_true (closeness_time_local_to_utc (tz, year, month, day, hour, minute, 0, &instant));
  g_assert_cmpint (instant, ==, expected);
  /* The same through the wall-seconds form. */
  g_assert_cmpint (closeness_time_wall_to_utc (tz, utc (year, month, day, hour, minute, 0)), ==,
                   expected);
}

static void
test_berlin (void)
{
  g_autoptr(GTimeZone) tz = zone ("Europe/Berlin");

  /* Plain winter and summer times. */
  assert_local (tz, 2026, 1, 5, 12, 0, utc (2026, 1, 5, 11, 0, 0));
  assert_local (tz, 2026, 7, 1, 12, 0, utc (2026, 7, 1, 10, 0, 0));

  /* Spring gap, 2026-03-29 02:00 → 03:00: the offset from before (+01:00). */
  assert_local (tz, 2026, 3, 29, 1, 59, utc (2026, 3, 29, 0, 59, 0));
  assert_local (tz, 2026, 3, 29, 2, 0, utc (2026, 3, 29, 1, 0, 0));
  assert_local (tz, 2026, 3, 29, 2, 30, utc (2026, 3, 29, 1, 30, 0));
  assert_local (tz, 2026, 3, 29, 3, 0, utc (2026, 3, 29, 1, 0, 0));
  assert_local (tz, 2026, 3, 29, 3, 30, utc (2026, 3, 29, 1, 30, 0));
  /* No shift is carried into the next day. */
  assert_local (tz, 2026, 3, 30, 2, 30, utc (2026, 3, 30, 0, 30, 0));

  /* Autumn overlap, 2026-10-25 03:00 → 02:00: the first instant (CEST). */
  assert_local (tz, 2026, 10, 25, 1, 59, utc (2026, 10, 24, 23, 59, 0));
  assert_local (tz, 2026, 10, 25, 2, 0, utc (2026, 10, 25, 0, 0, 0));
  assert_local (tz, 2026, 10, 25, 2, 30, utc (2026, 10, 25, 0, 30, 0));
  assert_local (tz, 2026, 10, 25, 2, 59, utc (2026, 10, 25, 0, 59, 0));
  assert_local (tz, 2026, 10, 25, 3, 0, utc (2026, 10, 25, 2, 0, 0));
}

static void
test_new_york (void)
{
  g_autoptr(GTimeZone) tz = zone ("America/New_York");

  assert_local (tz, 2026, 1, 5, 12, 0, utc (2026, 1, 5, 17, 0, 0));
  assert_local (tz, 2026, 7, 1, 12, 0, utc (2026, 7, 1, 16, 0, 0));

  /* Spring gap, 2026-03-08 02:00 → 03:00: EST (−05:00) from before it. */
  assert_local (tz, 2026, 3, 8, 1, 59, utc (2026, 3, 8, 6, 59, 0));
  assert_local (tz, 2026, 3, 8, 2, 30, utc (2026, 3, 8, 7, 30, 0));
  assert_local (tz, 2026, 3, 8, 3, 0, utc (2026, 3, 8, 7, 0, 0));

  /* Autumn overlap, 2026-11-01 02:00 → 01:00: the first, EDT (−04:00). */
  assert_local (tz, 2026, 11, 1, 0, 59, utc (2026, 11, 1, 4, 59, 0));
  assert_local (tz, 2026, 11, 1, 1, 0, utc (2026, 11, 1, 5, 0, 0));
  assert_local (tz, 2026, 11, 1, 1, 30, utc (2026, 11, 1, 5, 30, 0));
  assert_local (tz, 2026, 11, 1, 2, 0, utc (2026, 11, 1, 7, 0, 0));
}

static void
test_lord_howe (void)
{
  g_autoptr(GTimeZone) tz = zone ("Australia/Lord_Howe");

  /* +11:00 in the southern summer, +10:30 in winter. */
  assert_local (tz, 2026, 1, 5, 12, 0, utc (2026, 1, 5, 1, 0, 0));
  assert_local (tz, 2026, 7, 1, 12, 0, utc (2026, 7, 1, 1, 30, 0));

  /* Spring gap, 2026-10-04 02:00 → 02:30: +10:30 from before it. */
  assert_local (tz, 2026, 10, 4, 1, 59, utc (2026, 10, 3, 15, 29, 0));
  assert_local (tz, 2026, 10, 4, 2, 0, utc (2026, 10, 3, 15, 30, 0));
  assert_local (tz, 2026, 10, 4, 2, 15, utc (2026, 10, 3, 15, 45, 0));
  assert_local (tz, 2026, 10, 4, 2, 30, utc (2026, 10, 3, 15, 30, 0));
  assert_local (tz, 2026, 10, 4, 2, 31, utc (2026, 10, 3, 15, 31, 0));

  /* Autumn overlap, 2026-04-05 02:00 → 01:30: the first, +11:00. */
  assert_local (tz, 2026, 4, 5, 1, 29, utc (2026, 4, 4, 14, 29, 0));
  assert_local (tz, 2026, 4, 5, 1, 30, utc (2026, 4, 4, 14, 30, 0));
  assert_local (tz, 2026, 4, 5, 1, 45, utc (2026, 4, 4, 14, 45, 0));
  assert_local (tz, 2026, 4, 5, 2, 0, utc (2026, 4, 4, 15, 30, 0));
}

static void
test_utc (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GTimeZone) named = zone ("UTC");

  assert_local (tz, 2026, 3, 29, 2, 30, utc (2026, 3, 29, 2, 30, 0));
  assert_local (tz, 1970, 1, 1, 0, 0, 0);
  assert_local (tz, 1900, 1, 1, 0, 0, utc (1900, 1, 1, 0, 0, 0));
  assert_local (tz, 2200, 12, 31, 23, 59, utc (2200, 12, 31, 23, 59, 0));
  assert_local (named, 2026, 10, 25, 2, 30, utc (2026, 10, 25, 2, 30, 0));
  g_assert_cmpint (closeness_time_offset_at (named, utc (2026, 7, 1, 0, 0, 0)), ==, 0);
}

static void
test_invalid_fields (void)
{
  g_autoptr(GTimeZone) tz = zone ("Europe/Berlin");
  gint64 instant = 42;

  g_assert_false (closeness_time_local_to_utc (tz, 2026, 2, 29, 12, 0, 0, &instant));
  g_assert_false (closeness_time_local_to_utc (tz, 2026, 13, 1, 12, 0, 0, &instant));
  g_assert_false (closeness_time_local_to_utc (tz, 2026, 0, 1, 12, 0, 0, &instant));
  g_assert_false (closeness_time_local_to_utc (tz, 2026, 1, 1, 24, 0, 0, &instant));
  g_assert_false (closeness_time_local_to_utc (tz, 2026, 1, 1, 12, 60, 0, &instant));
  g_assert_false (closeness_time_local_to_utc (tz, 2026, 1, 1, 12, 0, 60, &instant));
  g_assert_false (closeness_time_local_to_utc (tz, 0, 1, 1, 12, 0, 0, &instant));
  g_assert_cmpint (instant, ==, 42);

  g_assert_true (closeness_time_local_to_utc (tz, 2028, 2, 29, 12, 0, 0, &instant));
  g_assert_cmpint (instant, ==, utc (2028, 2, 29, 11, 0, 0));
}

/* Every instant of the days around both changes goes to a wall time and
 * back: to itself, or (the second pass through an overlap) to the first
 * instant that shows the same wall time. Every wall time of those days
 * maps to an instant that shows it, or one in the gap, moved by its length. */
static void
test_round_trip (void)
{
  const char *zones[] = { "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "UTC" };
  /* Three days from each: every change of the zones above in 2026. */
  const int starts[][2] = { { 3, 6 }, { 3, 27 }, { 4, 3 }, { 10, 2 }, { 10, 24 }, { 10, 31 } };

  for (guint z = 0; z < G_N_ELEMENTS (zones); z++)
    {
      g_autoptr(GTimeZone) tz = zone (zones[z]);

      for (guint d = 0; d < G_N_ELEMENTS (starts); d++)
        {
          gint64 start = utc (2026, starts[d][0], starts[d][1], 0, 0, 0);

          for (gint64 t = start; t < start + 3 * 86400; t += 60)
            {
              gint64 wall = closeness_time_utc_to_wall (tz, t);
              gint64 back = closeness_time_wall_to_utc (tz, wall);
              gint64 shown = closeness_time_utc_to_wall (tz, closeness_time_wall_to_utc (tz, t));

              g_assert_cmpint (closeness_time_utc_to_wall (tz, back), ==, wall);
              g_assert_cmpint (back, <=, t);
              g_assert_cmpint (back, >=, t - 3600);

              /* @t read as a wall time: shown as itself, or later by the gap. */
              g_assert_cmpint (shown, >=, t);
              g_assert_cmpint (shown, <=, t + 3600);
            }
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time/berlin", test_berlin);
  g_test_add_func ("/time/new-york", test_new_york);
  g_test_add_func ("/time/lord-howe", test_lord_howe);
  g_test_add_func ("/time/utc", test_utc);
  g_test_add_func ("/time/invalid-fields", test_invalid_fields);
  g_test_add_func ("/time/round-trip", test_round_trip);

  return g_test_run ();
}
