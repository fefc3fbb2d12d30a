/* standalone-driver.c: runs a libFuzzer target over its corpus without
 * libFuzzer, so every corpus file is replayed as an ordinary unit test
 * (with gcc, and under the sanitizer build).
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
run_one (gconstpointer user_data)
{
  const char *path = user_data;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("Cannot read %s: %s", path, error->message);

  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* Arguments left after g_test_init are corpus folders or files. */
  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
          const char *name;
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

          while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
            g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
          g_ptr_array_sort (names, compare_paths);
          for (guint j = 0; j < names->len; j++)
            g_ptr_array_add (paths, g_strdup (g_ptr_array_index (names, j)));
        }
      else
        g_ptr_array_add (paths, g_strdup (argv[i]));
    }

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *test_path = g_strdup_printf ("/fuzz-corpus/%s", base);

      g_test_add_data_func (test_path, path, run_one);
    }

  return g_test_run ();
}
