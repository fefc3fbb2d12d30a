/* fuzz-csv.c: the self-care CSV importer on arbitrary bytes.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parse-only: the importer reads and judges a file without a store, so
 * this runs fast and touches no disk. Checks beyond "no crash": every
 * accepted entry is valid for the store, and every cell written by the
 * exporter reads back as itself.
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "selfcare/closeness-habit-logic.h"
#include "selfcare/closeness-selfcare-csv.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static const ClosenessCsvActivity activities[] = {
  { 1, "Walk", NULL, NULL, CLOSENESS_OWNER_BOTH },
  { 2, "Exercise", "Sport", "exercise", CLOSENESS_OWNER_BOTH },
  { 3, "Diary", NULL, NULL, CLOSENESS_OWNER_PARTNER_1 },
  { 4, "Ruhe", "Rest", "rest", CLOSENESS_OWNER_PARTNER_2 },
};

static gboolean
row_cb (const char * const  *cells,
        guint                n_cells,
        guint                line,
        gpointer             user_data,
        GError             **error)
{
  GPtrArray *rows = user_data;

  g_ptr_array_add (rows, g_strdupv ((char **) cells));

  return TRUE;
}

/* Writing a cell and reading it back gives one cell, and importing it as a
 * note gives the text (the importer removes the formula guard). */
static void
check_cell_round_trip (const char *text)
{
  g_autoptr(GString) row = g_string_new (NULL);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(ClosenessCsvParser) parser = NULL;
  const char *expected = text;
  char **cells;

  if (!g_utf8_validate (text, -1, NULL))
    return;

  /* After a first cell, as in an export: a byte order mark may only
   * start the file, and the parser takes it off there. */
  g_string_append (row, "x,");
  closeness_csv_append_cell (row, text);
  g_string_append (row, "\r\n");

  parser = closeness_csv_parser_new (row_cb, rows);
  g_assert_true (closeness_csv_parser_feed (parser, row->str, row->len, NULL));
  g_assert_true (closeness_csv_parser_finish (parser, NULL));
  g_assert_cmpuint (rows->len, ==, 1);

  cells = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (g_strv_length (cells), ==, 2);

  /* The importer takes the guard off again: a note comes back as itself. */
  {
    g_autoptr(GString) file = g_string_new ("date,partner,activity,kind,note\r\n"
                                            "2026-01-01,1,Walk,done,");
    g_autoptr(ClosenessCsvImport) import = NULL;
    g_autoptr(GError) error = NULL;
    const ClosenessEntryInfo *entries;
    guint32 today;
    guint n;

    g_assert_true (closeness_habit_parse_day ("2026-01-15", &today));
    closeness_csv_append_cell (file, text);
    g_string_append (file, "\r\n");
    import = closeness_csv_import_read_data (file->str, file->len, activities,
                                             G_N_ELEMENTS (activities), today, &error);
    g_assert_no_error (error);
    entries = closeness_csv_import_get_entries (import, &n);
    g_assert_cmpuint (n, ==, 1);
    g_assert_cmpstr (entries[0].note != NULL ? entries[0].note : "", ==, expected);
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ClosenessCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const ClosenessEntryInfo *entries;
  guint32 today;
  guint n;

  g_assert_true (closeness_habit_parse_day ("2026-01-15", &today));

  import = closeness_csv_import_read_data ((const char *) data, size, activities,
                                           G_N_ELEMENTS (activities), today, &error);
  if (import == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == CLOSENESS_CSV_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
  else
    {
      g_autofree char *report = closeness_csv_import_describe (import, 10);

      g_assert_no_error (error);
      g_assert_true (g_utf8_validate (report, -1, NULL));

      entries = closeness_csv_import_get_entries (import, &n);
      for (guint i = 0; i < n; i++)
        {
          guint32 day;

          g_assert_true (entries[i].activity_id >= 1 && entries[i].activity_id <= 4);
          g_assert_true (entries[i].slot <= 1);
          g_assert_true (entries[i].kind == CLOSENESS_ENTRY_DONE ||
                         entries[i].kind == CLOSENESS_ENTRY_REST);
          g_assert_true (closeness_habit_parse_day (entries[i].day, &day));
          g_assert_true (day <= today && day >= CLOSENESS_HABIT_FIRST_DAY);
          g_assert_true (entries[i].note == NULL || g_utf8_validate (entries[i].note, -1, NULL));
        }
    }

  /* The input as one cell. */
  if (size < 4096)
    {
      text = g_strndup ((const char *) data, size);
      check_cell_round_trip (text);
    }

  return 0;
}
