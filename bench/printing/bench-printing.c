/* bench-printing.c: 500 cards to PDF through GtkPrintOperation.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints the median wall time of five exports (goal ≤ 2 s) and the peak
 * resident memory of the process. Needs a display (Xvfb).
 */

#include "config.h"

#include <locale.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "conversations/closeness-conversation-settings.h"
#include "conversations/closeness-prompt-library.h"
#include "printing/closeness-prompt-print-operation.h"

#define N_CARDS 500
#define N_RUNS  5

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static ClosenessStore *
create_store (guint *n_cards)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) store = closeness_store_new (NULL, &error);
  g_autoptr(ClosenessPromptPrintOperation) probe = NULL;
  g_autoptr(ClosenessDeck) deck = NULL;
  guint count;

  if (store == NULL || !closeness_prompt_library_sync (store, &error))
    g_error ("No store: %s", error->message);
  closeness_conversation_settings_set_ceiling (closeness_conversation_settings_get_for_store (
                                                 store),
                                               CLOSENESS_INTENSITY_SPICY, NULL);

  /* Top the library up with custom prompts of mixed length. */
  deck = closeness_store_create_deck (store, "Our own questions", "", &error);
  probe = closeness_prompt_print_operation_new (store, NULL);
  count = closeness_prompt_print_operation_count_prompts (probe);
  for (guint i = 0; count < N_CARDS; i++, count++)
    {
      g_autofree char *text = g_strdup_printf ("Custom question %u: what would make this week "
                                               "feel a little lighter for both of us%s?", i,
                                               i % 7 == 0 ? ", and what could each of us "
                                               "let go of to make room for it, even if only for "
                                               "one evening" : "");
      g_autoptr(ClosenessPrompt) prompt = NULL;

      prompt = closeness_store_create_prompt (store,
                                              closeness_record_get_id (CLOSENESS_RECORD (deck)),
                                              text, i % 3 == 0 ? "And what would help?" : NULL,
                                              CLOSENESS_INTENSITY_GENTLE, &error);
      if (prompt == NULL)
        g_error ("No prompt: %s", error->message);
    }

  *n_cards = count;

  return g_steal_pointer (&store);
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (children, &info, &child, NULL, NULL) || info == NULL)
        break;
      remove_tree (child);
    }
  g_file_delete (file, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = NULL;
  g_autofree char *data_home = NULL;
  g_autofree char *pdf = NULL;
  g_autoptr(ClosenessStore) store = NULL;
  const char *layouts[] = { "cards-6", "cards-8", "sheet" };
  struct rusage usage;
  guint n_cards = 0;

  setlocale (LC_ALL, "");

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("printing benchmark skipped: no display (run under xvfb-run)\n");
      return 0;
    }

  /* Never the person's own data. */
  home = g_dir_make_tmp ("closeness-bench-print-XXXXXX", NULL);
  data_home = g_build_filename (home, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);

  if (!gtk_init_check ())
    {
      g_print ("printing benchmark skipped: GTK could not open the display\n");
      return 0;
    }

  store = create_store (&n_cards);
  pdf = g_build_filename (home, "bench.pdf", NULL);

  for (guint l = 0; l < G_N_ELEMENTS (layouts); l++)
    {
      double times[N_RUNS];
      GStatBuf st = { 0 };

      for (guint run = 0; run < N_RUNS; run++)
        {
          g_autoptr(ClosenessPromptPrintOperation) operation = NULL;
          g_autoptr(GError) error = NULL;
          ClosenessPrintOptions options;
          gint64 start;

          closeness_print_options_init (&options);
          closeness_print_options_set_layout (&options, layouts[l], NULL);

          start = g_get_monotonic_time ();
          operation = closeness_prompt_print_operation_new (store, NULL);
          closeness_prompt_print_operation_set_options (operation, &options);
          closeness_prompt_print_operation_set_paper (operation, "a4", NULL);
          if (!closeness_prompt_print_operation_export_pdf (operation, pdf, &error))
            g_error ("Export failed: %s", error->message);
          times[run] = (g_get_monotonic_time () - start) / 1e6;
        }

      qsort (times, N_RUNS, sizeof (double), compare_doubles);
      g_stat (pdf, &st);
      g_print ("%-8s %u cards to PDF: median %.3f s (min %.3f, max %.3f; goal ≤ 2 s), %.0f KiB\n",
               layouts[l], n_cards, times[N_RUNS / 2], times[0], times[N_RUNS - 1],
               st.st_size / 1024.0);
      /* Machine-readable line for bench/closeness-bench-all: RESULT name value unit goal */
      g_print ("RESULT printing-%s-%u-cards %.3f s <=2\n", layouts[l], n_cards, times[N_RUNS / 2]);
    }

  getrusage (RUSAGE_SELF, &usage);
  g_print ("peak memory (ru_maxrss): %.1f MiB\n", usage.ru_maxrss / 1024.0);
  g_print ("RESULT printing-peak-rss %.1f MiB -\n", usage.ru_maxrss / 1024.0);

  g_unlink (pdf);
  g_clear_object (&store);
  {
    g_autoptr(GFile) folder = g_file_new_for_path (home);

    remove_tree (folder);
  }

  return 0;
}
