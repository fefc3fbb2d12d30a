/* test-hlc.c: hybrid logical clocks
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "sync/closeness-hlc.h"

#define DEVICE_A G_GUINT64_CONSTANT (0x1111111111111111)
#define DEVICE_B G_GUINT64_CONSTANT (0x2222222222222222)
#define START_MS G_GINT64_CONSTANT (1767225600000)  /* 2026-01-01 */

typedef struct
{
  gint64 now_ms;
} FakeWall;

static gint64
fake_time (gpointer user_data)
{
  FakeWall *wall = user_data;

  return wall->now_ms;
}

static ClosenessHlcClock *
clock_at (guint64   device,
          FakeWall *wall)
{
  ClosenessHlcClock *clock = closeness_hlc_clock_new (device, NULL);

  closeness_hlc_clock_set_time_func_for_testing (clock, fake_time, wall);
  return clock;
}

/* Every timestamp is after the one before, whether the wall clock moves
 * on, stands still, or steps back an hour. */
static void
test_hlc_monotonic (void)
{
  FakeWall wall = { START_MS };
  g_autoptr(ClosenessHlcClock) clock = clock_at (DEVICE_A, &wall);
  ClosenessHlc previous, next;

  closeness_hlc_clock_now (clock, &previous);
  g_assert_cmpint (previous.physical_ms, ==, START_MS);
  g_assert_cmpuint (previous.counter, ==, 0);
  g_assert_cmpuint (previous.device, ==, DEVICE_A);

  for (guint i = 0; i < 1000; i++)
    {
      if (i % 3 == 0)
        wall.now_ms += 1;
      if (i == 500)
        wall.now_ms -= 60 * 60 * 1000;
      closeness_hlc_clock_now (clock, &next);
      g_assert_cmpint (closeness_hlc_compare (&previous, &next), <, 0);
      previous = next;
    }

  /* While the wall clock lags, time goes on in the counter. */
  g_assert_cmpint (next.physical_ms, >, wall.now_ms);
}

/* A counter that fills up carries into the milliseconds instead of wrapping. */
static void
test_hlc_counter_carry (void)
{
  FakeWall wall = { START_MS };
  g_autoptr(ClosenessHlcClock) clock = clock_at (DEVICE_A, &wall);
  ClosenessHlc previous, next;

  closeness_hlc_clock_now (clock, &previous);
  for (guint i = 0; i < G_MAXUINT16 + 10; i++)
    {
      closeness_hlc_clock_now (clock, &next);
      g_assert_cmpint (closeness_hlc_compare (&previous, &next), <, 0);
      previous = next;
    }
  g_assert_cmpint (next.physical_ms, ==, START_MS + 1);
}

/* A clock restarted with the last timestamp it issued does not go back,
 * even when the wall clock did while the app was closed. */
static void
test_hlc_restart (void)
{
  FakeWall wall = { START_MS };
  g_autoptr(ClosenessHlcClock) first = clock_at (DEVICE_A, &wall);
  g_autoptr(ClosenessHlcClock) second = NULL;
  ClosenessHlc last, issued, next;

  closeness_hlc_clock_now (first, &issued);
  closeness_hlc_clock_get_last (first, &last);
  g_assert_cmpint (closeness_hlc_compare (&issued, &last), ==, 0);

  wall.now_ms -= 10000;
  second = closeness_hlc_clock_new (DEVICE_A, &last);
  closeness_hlc_clock_set_time_func_for_testing (second, fake_time, &wall);
  closeness_hlc_clock_now (second, &next);
  g_assert_cmpint (closeness_hlc_compare (&last, &next), <, 0);
}

/* Receiving a remote timestamp moves the clock past it, whether the remote
 * clock is ahead (within a day) or behind; a remote far ahead is refused. */
static void
test_hlc_receive (void)
{
  FakeWall wall_a = { START_MS };
  FakeWall wall_b = { START_MS + 5000 };
  g_autoptr(ClosenessHlcClock) a = clock_at (DEVICE_A, &wall_a);
  g_autoptr(ClosenessHlcClock) b = clock_at (DEVICE_B, &wall_b);
  g_autoptr(GError) error = NULL;
  ClosenessHlc remote, received, local, before;

  /* B is 5 s ahead: A's next events come after B's. */
  closeness_hlc_clock_now (b, &remote);
  g_assert_true (closeness_hlc_clock_receive (a, &remote, &received, &error));
  g_assert_no_error (error);
  g_assert_cmpint (closeness_hlc_compare (&remote, &received), <, 0);
  g_assert_cmpint (received.physical_ms, ==, remote.physical_ms);
  g_assert_cmpuint (received.counter, ==, remote.counter + 1);
  g_assert_cmpuint (received.device, ==, DEVICE_A);
  closeness_hlc_clock_now (a, &local);
  g_assert_cmpint (closeness_hlc_compare (&received, &local), <, 0);

  /* Same millisecond on both sides: the larger counter wins, plus one. */
  closeness_hlc_clock_get_last (a, &before);
  remote.physical_ms = before.physical_ms;
  remote.counter = before.counter + 7;
  g_assert_true (closeness_hlc_clock_receive (a, &remote, &received, &error));
  g_assert_cmpint (received.physical_ms, ==, before.physical_ms);
  g_assert_cmpuint (received.counter, ==, before.counter + 8);

  /* Something old arriving moves nothing back. */
  remote.physical_ms = START_MS - 100000;
  remote.counter = 3;
  closeness_hlc_clock_get_last (a, &before);
  g_assert_true (closeness_hlc_clock_receive (a, &remote, &received, &error));
  g_assert_cmpint (closeness_hlc_compare (&before, &received), <, 0);

  /* The wall clock ahead of both: it leads, the counter restarts. */
  wall_a.now_ms = START_MS + 60000;
  g_assert_true (closeness_hlc_clock_receive (a, &remote, &received, &error));
  g_assert_cmpint (received.physical_ms, ==, START_MS + 60000);
  g_assert_cmpuint (received.counter, ==, 0);

  /* A laptop whose clock says next year does not drag this one along. */
  closeness_hlc_clock_get_last (a, &before);
  remote.physical_ms = wall_a.now_ms + CLOSENESS_HLC_MAX_DRIFT_MS + 1;
  g_assert_false (closeness_hlc_clock_receive (a, &remote, &received, &error));
  g_assert_error (error, CLOSENESS_HLC_ERROR, CLOSENESS_HLC_ERROR_DRIFT);
  closeness_hlc_clock_get_last (a, &received);
  g_assert_cmpint (closeness_hlc_compare (&before, &received), ==, 0);
}

/* The order is total: the same time and counter on two devices is decided
 * by the device, and only the same event compares equal. */
static void
test_hlc_compare (void)
{
  ClosenessHlc a = { START_MS, 4, DEVICE_A };
  ClosenessHlc b = { START_MS, 4, DEVICE_B };
  ClosenessHlc later_counter = { START_MS, 5, DEVICE_A };
  ClosenessHlc later_ms = { START_MS + 1, 0, DEVICE_A };

  g_assert_cmpint (closeness_hlc_compare (&a, &b), <, 0);
  g_assert_cmpint (closeness_hlc_compare (&b, &a), >, 0);
  g_assert_cmpint (closeness_hlc_compare (&a, &a), ==, 0);
  g_assert_cmpint (closeness_hlc_compare (&b, &later_counter), <, 0);
  g_assert_cmpint (closeness_hlc_compare (&later_counter, &later_ms), <, 0);
  /* Milliseconds outrank a bigger counter and a bigger device. */
  b.counter = G_MAXUINT16;
  g_assert_cmpint (closeness_hlc_compare (&b, &later_ms), <, 0);
}

/* The string form round-trips, has a fixed width, and sorts like the
 * timestamps; anything else is refused. */
static void
test_hlc_string (void)
{
  ClosenessHlc stamps[] = {
    { 0, 0, 0 },
    { START_MS, 0, DEVICE_B },
    { START_MS, 1, DEVICE_A },
    { START_MS, 1, DEVICE_B },
    { START_MS + 1, 0, 0 },
    { G_GINT64_CONSTANT (0xffffffffffff), G_MAXUINT16, G_MAXUINT64 },
  };
  const char *bad[] = {
    "",
    "019b7a0e3000-0000-1111111111111111x",
    "019b7a0e3000-0000-111111111111111",
    "019b7a0e3000_0000-1111111111111111",
    "019B7A0E3000-0000-1111111111111111",
    "019b7a0e3000-000g-1111111111111111",
    "+19b7a0e3000-0000-1111111111111111",
  };
  g_autofree char *text = NULL;
  ClosenessHlc parsed;

  text = closeness_hlc_to_string (&stamps[1]);
  g_assert_cmpstr (text, ==, "019b76daa800-0000-2222222222222222");

  for (guint i = 0; i < G_N_ELEMENTS (stamps); i++)
    {
      g_autofree char *one = closeness_hlc_to_string (&stamps[i]);
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (strlen (one), ==, CLOSENESS_HLC_STRING_LENGTH);
      g_assert_true (closeness_hlc_parse (one, &parsed, &error));
      g_assert_no_error (error);
      g_assert_cmpint (closeness_hlc_compare (&parsed, &stamps[i]), ==, 0);

      if (i > 0)
        {
          g_autofree char *before = closeness_hlc_to_string (&stamps[i - 1]);

          g_assert_cmpint (closeness_hlc_compare (&stamps[i - 1], &stamps[i]), <, 0);
          g_assert_cmpint (strcmp (before, one), <, 0);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (closeness_hlc_parse (bad[i], &parsed, &error));
      g_assert_error (error, CLOSENESS_HLC_ERROR, CLOSENESS_HLC_ERROR_MALFORMED);
    }
}

/* Two devices editing and exchanging in turns: every event each sees is
 * after what it saw before, and the order is the same on both. */
static void
test_hlc_two_devices (void)
{
  FakeWall wall_a = { START_MS };
  FakeWall wall_b = { START_MS - 30000 };   /* B's clock is 30 s slow */
  g_autoptr(ClosenessHlcClock) a = clock_at (DEVICE_A, &wall_a);
  g_autoptr(ClosenessHlcClock) b = clock_at (DEVICE_B, &wall_b);
  ClosenessHlc from_a, from_b, seen;

  for (guint round = 0; round < 50; round++)
    {
      wall_a.now_ms += 7;
      wall_b.now_ms += 3;
      closeness_hlc_clock_now (a, &from_a);
      g_assert_true (closeness_hlc_clock_receive (b, &from_a, &seen, NULL));
      closeness_hlc_clock_now (b, &from_b);
      /* B's answer comes after A's edit, though B's wall clock is slow. */
      g_assert_cmpint (closeness_hlc_compare (&from_a, &from_b), <, 0);
      g_assert_true (closeness_hlc_clock_receive (a, &from_b, &seen, NULL));
      g_assert_cmpint (closeness_hlc_compare (&from_b, &seen), <, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sync/hlc/monotonic", test_hlc_monotonic);
  g_test_add_func ("/sync/hlc/counter-carry", test_hlc_counter_carry);
  g_test_add_func ("/sync/hlc/restart", test_hlc_restart);
  g_test_add_func ("/sync/hlc/receive", test_hlc_receive);
  g_test_add_func ("/sync/hlc/compare", test_hlc_compare);
  g_test_add_func ("/sync/hlc/string", test_hlc_string);
  g_test_add_func ("/sync/hlc/two-devices", test_hlc_two_devices);

  return g_test_run ();
}
