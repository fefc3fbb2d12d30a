/* test-window-logic.c: what the main window shows, without a display.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "closeness-window-logic.h"

static void
test_page_names_round_trip (void)
{
  for (guint i = 0; i < CLOSENESS_N_PAGES; i++)
    {
      ClosenessPage page = CLOSENESS_N_PAGES;

      g_assert_true (closeness_page_from_name (closeness_page_to_name (i), &page));
      g_assert_cmpint (page, ==, i);
    }

  g_assert_cmpstr (closeness_page_to_name (CLOSENESS_PAGE_CALENDAR), ==, "calendar");
  g_assert_cmpstr (closeness_page_to_name (CLOSENESS_PAGE_SELFCARE), ==, "selfcare");
}

static void
test_unknown_page_falls_back (void)
{
  const char *bad[] = { NULL, "", "Conversations", "settings", "calendar ", "\xff\xfe" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      ClosenessPage page = CLOSENESS_PAGE_RESOURCES;

      g_assert_false (closeness_page_from_name (bad[i], &page));
      g_assert_cmpint (page, ==, CLOSENESS_PAGE_CONVERSATIONS);
    }
}

static void
test_window_size_clamped (void)
{
  int width = -5, height = 0;

  closeness_clamp_window_size (&width, &height);
  g_assert_cmpint (width, ==, 360);
  g_assert_cmpint (height, ==, 294);

  width = 1280;
  height = 800;
  closeness_clamp_window_size (&width, &height);
  g_assert_cmpint (width, ==, 1280);
  g_assert_cmpint (height, ==, 800);

  width = G_MAXINT;
  height = 100000;
  closeness_clamp_window_size (&width, &height);
  g_assert_cmpint (width, ==, 16384);
  g_assert_cmpint (height, ==, 16384);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/window-logic/page-names/round-trip", test_page_names_round_trip);
  g_test_add_func ("/window-logic/page-names/unknown-falls-back", test_unknown_page_falls_back);
  g_test_add_func ("/window-logic/window-size-clamped", test_window_size_clamped);

  return g_test_run ();
}
