/* closeness-gen-tenyears.c: writes a "ten years of a couple" database.
 *
 *   closeness-gen-tenyears OUTPUT.db [SEED]
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "closeness-tenyears.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  ClosenessTenYearsStats stats;
  guint32 seed = 1;

  if (argc < 2 || argc > 3)
    {
      g_printerr ("usage: %s OUTPUT.db [SEED]\n", argv[0]);
      return 1;
    }

  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      g_printerr ("%s exists; not overwriting it\n", argv[1]);
      return 1;
    }

  if (argc == 3)
    seed = (guint32) strtoul (argv[2], NULL, 10);

  if (!closeness_generate_ten_years (argv[1], seed, &stats, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print ("wrote %s: %u self-care entries, %u evenings, %u custom prompts, %u answers\n",
           argv[1], stats.n_entries, stats.n_events, stats.n_custom_prompts, stats.n_answers);

  return 0;
}
