/* closeness-floor.c: the start-up floor
 *
 * A bare AdwApplication with an AdwApplicationWindow, a header bar and an
 * empty view stack, built with the project's flags and the same first-frame
 * report as closeness-bench.c. No GTK 4 + libadwaita app can start faster
 * or smaller on this machine; bench/startup compares Closeness with it.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-floor"

#include "config.h"

#include <adwaita.h>

#include "bench-first-frame.h"

static void
activate_cb (GApplication *app)
{
  GtkWidget *window;
  GtkWidget *box;

  window = adw_application_window_new (GTK_APPLICATION (app));
  gtk_window_set_title (GTK_WINDOW (window), "Floor");
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 720);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), g_object_new (ADW_TYPE_VIEW_STACK, "vexpand", TRUE, NULL));
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  bench_first_frame_watch (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  app = adw_application_new ("com.example.Closeness.Floor", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
