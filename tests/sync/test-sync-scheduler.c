/* test-sync-scheduler.c: when the app syncs the calendar
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scheduler runs `$CLOSENESS_PROGRAM --sync`; here that program is a
 * script that notes each run in a file and answers as a sync would, so the
 * tests see when a sync would have happened without a server.
 */

#include <glib/gstdio.h>

#include "store/closeness-store-private.h"
#include "sync/closeness-sync-scheduler.h"
#include "sync-test-server.h"

typedef struct
{
  char                   *dir;
  char                   *runs;      /* one line per sync the program ran */
  ClosenessStore         *store;
  ClosenessSyncScheduler *scheduler;
  guint                   finished;
  gboolean                last_ok;
} Fixture;

static void
finished_cb (ClosenessSyncScheduler *scheduler,
             gboolean                ok,
             Fixture                *fixture)
{
  fixture->finished++;
  fixture->last_ok = ok;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *program = NULL;
  g_autofree char *script = NULL;

  fixture->dir = g_dir_make_tmp ("closeness-scheduler-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->runs = g_build_filename (fixture->dir, "runs", NULL);
  program = g_build_filename (fixture->dir, "closeness", NULL);
  script = g_strdup_printf ("#!/bin/sh\necho \"$*\" >> '%s'\nsleep 0.2\n"
                            "echo 'Synced: 1 sent, 0 received, 0 conflicts'\n", fixture->runs);
  g_assert_true (g_file_set_contents (program, script, -1, &error));
  g_assert_cmpint (g_chmod (program, 0700), ==, 0);
  g_setenv ("CLOSENESS_PROGRAM", program, TRUE);

  path = g_build_filename (fixture->dir, "closeness.db", NULL);
  fixture->store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  fixture->scheduler = closeness_sync_scheduler_new (fixture->store);
  g_signal_connect (fixture->scheduler, "finished", G_CALLBACK (finished_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->scheduler);
  g_clear_object (&fixture->store);
  sync_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->runs);
}

static guint
n_runs (Fixture *fixture)
{
  g_autofree char *text = NULL;
  guint n = 0;

  if (!g_file_get_contents (fixture->runs, &text, NULL, NULL))
    return 0;
  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';

  return n;
}

/* Runs the main loop until @n syncs finished, or @seconds passed. */
static void
wait_for_finished (Fixture *fixture,
                   guint    n,
                   guint    seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (fixture->finished < n && g_get_monotonic_time () < end)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (10000);
}

static void
set_up_account (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (
    closeness_store_start_sync (fixture->store, "http://127.0.0.1:9/anna/closeness/", &error));
  g_assert_no_error (error);
}

static void
plan (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  ClosenessEventInfo info = { .summary = "Night walk", .dtstart = "2026-12-29T20:00:00",
                              .tzid = "Europe/Berlin", .duration_minutes = 60,
                              .planned_by = CLOSENESS_PLANNED_BY_BOTH, .notes = "" };
  g_autoptr(ClosenessEvent) event = closeness_store_create_event (fixture->store, &info, &error);

  g_assert_no_error (error);
}

/* No account, no sync: asking, a change and the network coming back
 * start nothing. */
static void
test_not_set_up (Fixture       *fixture,
                 gconstpointer  data)
{
  closeness_sync_scheduler_request (fixture->scheduler, 0);
  plan (fixture);
  wait_for_finished (fixture, 1, 1);
  g_assert_cmpuint (fixture->finished, ==, 0);
  g_assert_cmpuint (n_runs (fixture), ==, 0);
  g_assert_false (closeness_sync_scheduler_get_running (fixture->scheduler));
}

/* "Sync Now" runs one `closeness --sync`; its line is kept for
 * Preferences; asked again while one runs, it runs once more after. */
static void
test_now_and_again (Fixture       *fixture,
                    gconstpointer  data)
{
  set_up_account (fixture);
  closeness_sync_scheduler_request (fixture->scheduler, 0);
  g_assert_true (closeness_sync_scheduler_get_running (fixture->scheduler));
  closeness_sync_scheduler_request (fixture->scheduler, 0);
  closeness_sync_scheduler_request (fixture->scheduler, 0);
  wait_for_finished (fixture, 2, 10);
  g_assert_cmpuint (fixture->finished, ==, 2);
  g_assert_true (fixture->last_ok);
  g_assert_cmpuint (n_runs (fixture), ==, 2);
  g_assert_cmpstr (closeness_sync_scheduler_get_last_line (fixture->scheduler), ==,
                   "Synced: 1 sent, 0 received, 0 conflicts");
  g_assert_false (closeness_sync_scheduler_get_running (fixture->scheduler));
}

/* An evening planned here is sent shortly after (10 s), once, however
 * many changes come in between. */
static void
test_after_a_change (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 started;

  /* Watching for changes loads no event (the window's first frame waits
   * for the scheduler): the store says when the calendar changed. */
  g_assert_null (fixture->store->events);
  g_assert_null (fixture->store->reminders);

  set_up_account (fixture);
  /* Setting up queues nothing here (no evenings yet). */
  wait_for_finished (fixture, 1, 1);
  g_assert_cmpuint (n_runs (fixture), ==, 0);

  started = g_get_monotonic_time ();
  plan (fixture);
  plan (fixture);
  wait_for_finished (fixture, 1, 20);
  g_assert_cmpuint (fixture->finished, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 9 * G_USEC_PER_SEC);
  wait_for_finished (fixture, 2, 1);
  g_assert_cmpuint (n_runs (fixture), ==, 1);
}

/* When the network comes back, a sync follows a few seconds later. */
static void
test_network_back (Fixture       *fixture,
                   gconstpointer  data)
{
  GNetworkMonitor *monitor = g_network_monitor_get_default ();

  set_up_account (fixture);
  g_signal_emit_by_name (monitor, "network-changed", FALSE);
  wait_for_finished (fixture, 1, 1);
  g_assert_cmpuint (n_runs (fixture), ==, 0);
  g_signal_emit_by_name (monitor, "network-changed", TRUE);
  wait_for_finished (fixture, 1, 10);
  g_assert_cmpuint (fixture->finished, ==, 1);
  g_assert_cmpuint (n_runs (fixture), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sync-scheduler/not-set-up", test_not_set_up);
  ADD ("/sync-scheduler/now-and-again", test_now_and_again);
  ADD ("/sync-scheduler/after-a-change", test_after_a_change);
  ADD ("/sync-scheduler/network-back", test_network_back);
#undef ADD

  return g_test_run ();
}
