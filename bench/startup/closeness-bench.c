/* closeness-bench.c: Closeness as the start-up benchmark launches it
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The program's own main() (src/main.c) on the same library, plus the
 * first-frame report on the first window the application opens. The
 * product carries no benchmark code.
 */

#define G_LOG_DOMAIN "closeness-bench"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "bench-first-frame.h"
#include "closeness-application.h"

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  g_signal_handlers_disconnect_by_func (app, window_added_cb, NULL);
  bench_first_frame_watch (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ClosenessApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = closeness_application_new ();
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
