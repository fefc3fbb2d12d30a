/* bench-first-frame.c: the start-up benchmark's first-frame report
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked into the benchmark's programs only (closeness-bench, the floor),
 * never into Closeness itself. With CLOSENESS_BENCH_FIRST_FRAME set, the
 * first frame the watched window paints prints its CLOCK_MONOTONIC time and
 * the peak RSS, then quits the application; without it the programs run as
 * usual (the outside measurement, bench-first-draw.c). With
 * CLOSENESS_BENCH_FIRST_FRAME=exit the process ends at once instead, so
 * that callgrind counts the instructions to the first frame and no more.
 * CLOSENESS_BENCH_PAINTED_FRAMES=N moves the report to the N-th frame that
 * paints (2: Closeness's deck grid, drawn one painting frame after the
 * first), to count the instructions until the page is fully drawn.
 */

#define G_LOG_DOMAIN "closeness-bench"

#include "config.h"

#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "bench-first-frame.h"

static gboolean frame_painted;
static guint painted_frames;

static void
paint_cb (GdkFrameClock *frame_clock,
          gpointer       user_data)
{
  frame_painted = TRUE;
}

/* The frame to report: the N-th that paints (N = 1 unless
 * CLOSENESS_BENCH_PAINTED_FRAMES says otherwise). */
static gboolean
is_reported_frame (void)
{
  const char *wanted = g_getenv ("CLOSENESS_BENCH_PAINTED_FRAMES");
  guint64 n = wanted != NULL ? g_ascii_strtoull (wanted, NULL, 10) : 1;

  if (frame_painted)
    painted_frames++;
  frame_painted = FALSE;

  return painted_frames >= MAX (n, 1);
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                GtkWindow     *window)
{
  gint64 now = g_get_monotonic_time ();
  struct rusage usage = { 0 };
  GApplication *app;

  if (!is_reported_frame ())
    return;

  g_signal_handlers_disconnect_by_func (frame_clock, after_paint_cb, window);
  g_signal_handlers_disconnect_by_func (frame_clock, paint_cb, NULL);

  getrusage (RUSAGE_SELF, &usage);
  /* ru_maxrss is in KiB on Linux. */
  g_print ("first-frame %" G_GINT64_FORMAT "\n", now);
  g_print ("peak-rss-kib %ld\n", usage.ru_maxrss);
  fflush (stdout);

  if (g_strcmp0 (g_getenv ("CLOSENESS_BENCH_FIRST_FRAME"), "exit") == 0)
    _exit (0);

  app = G_APPLICATION (gtk_window_get_application (window));
  if (app == NULL)
    app = g_application_get_default ();
  if (app != NULL)
    g_application_quit (app);
}

static void
window_realize_cb (GtkWindow *window)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  g_signal_handlers_disconnect_by_func (window, window_realize_cb, NULL);

  if (frame_clock == NULL)
    return;

  g_signal_connect (frame_clock, "paint", G_CALLBACK (paint_cb), NULL);
  g_signal_connect_object (frame_clock, "after-paint",
                           G_CALLBACK (after_paint_cb), window, 0);
}

/**
 * bench_first_frame_watch:
 * @window: the window whose first frame ends the measurement
 *
 * Does nothing unless `CLOSENESS_BENCH_FIRST_FRAME` is set.
 */
void
bench_first_frame_watch (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (g_getenv ("CLOSENESS_BENCH_FIRST_FRAME") == NULL)
    return;

  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    window_realize_cb (window);
  else
    g_signal_connect (window, "realize", G_CALLBACK (window_realize_cb), NULL);
}
