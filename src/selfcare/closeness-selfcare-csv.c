/* closeness-selfcare-csv.c: judging a self-care CSV file, row by row.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The columns are documented in docs/SELFCARE-CSV.md. Import reads the
 * whole file first and writes nothing until every row has been judged;
 * the valid rows then go to the store in one transaction
 * (closeness-selfcare-csv-file.c).
 */

#define G_LOG_DOMAIN "closeness-selfcare"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "closeness-habit-logic.h"
#include "closeness-selfcare-csv-private.h"

#define MAX_ROWS 1000000

/* Import */

static const char * const column_names[N_COLUMNS] = {
  "date", "partner", "activity", "kind", "note", "activity_key", "partner_name", "value",
};

#define N_REQUIRED_COLUMNS 4


void
closeness_csv_import_free (ClosenessCsvImport *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->entries);
  g_array_unref (self->skipped);
  g_string_chunk_free (self->strings);
  g_hash_table_unref (self->by_name);
  g_hash_table_unref (self->by_key);
  g_hash_table_unref (self->by_entry);
  g_free (self);
}

static char *
fold_name (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autofree char *normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_DEFAULT);

  return normal != NULL ? g_utf8_casefold (normal, -1) : g_strdup ("");
}

static ClosenessCsvImport *
import_new (const ClosenessCsvActivity *activities,
            guint                       n_activities,
            guint32                     today)
{
  ClosenessCsvImport *self = g_new0 (ClosenessCsvImport, 1);

  self->entries = g_array_new (FALSE, TRUE, sizeof (ClosenessEntryInfo));
  self->skipped = g_array_new (FALSE, TRUE, sizeof (ClosenessCsvSkip));
  self->strings = g_string_chunk_new (64 * 1024);
  self->by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->by_key = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_entry = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->today = today;

  for (guint i = 0; i < n_activities; i++)
    {
      const ClosenessCsvActivity *activity = &activities[i];

      if (activity->name != NULL)
        g_hash_table_insert (self->by_name, fold_name (activity->name), (gpointer) activity);
      if (activity->display_name != NULL)
        g_hash_table_insert (self->by_name, fold_name (activity->display_name),
                             (gpointer) activity);
      if (activity->builtin_key != NULL && activity->builtin_key[0] != '\0')
        g_hash_table_insert (self->by_key, (gpointer) activity->builtin_key, (gpointer) activity);
    }

  return self;
}

static gboolean
read_header (ClosenessCsvImport  *self,
             const char * const  *cells,
             guint                n_cells,
             GError             **error)
{
  for (guint c = 0; c < N_COLUMNS; c++)
    self->columns[c] = -1;

  for (guint i = 0; i < n_cells; i++)
    {
      g_autofree char *name = g_ascii_strdown (cells[i], -1);

      g_strstrip (name);
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          if (!g_str_equal (name, column_names[c]))
            continue;

          if (self->columns[c] != -1)
            return _closeness_csv_fail (error, CLOSENESS_CSV_ERROR_WRONG_COLUMNS,
                                        _("The file names a column twice. Closeness expects the "
                                          "columns date, partner, activity, kind and note."));
          self->columns[c] = i;
        }
    }

  for (guint c = 0; c < N_REQUIRED_COLUMNS; c++)
    {
      if (self->columns[c] == -1)
        return _closeness_csv_fail (error, CLOSENESS_CSV_ERROR_WRONG_COLUMNS,
                                    _("This is not a self-care export: its first line must name "
                                      "the columns date, partner, activity, kind and note."));
    }

  self->n_header_cells = n_cells;
  self->have_header = TRUE;

  return TRUE;
}

static const char *
cell (const char * const *cells,
      guint               n_cells,
      int                 column)
{
  if (column < 0 || (guint) column >= n_cells)
    return "";

  return cells[column];
}

static char *
stripped_cell (const char * const *cells,
               guint               n_cells,
               int                 column)
{
  return g_strstrip (g_strdup (cell (cells, n_cells, column)));
}

static void
skip_row (ClosenessCsvImport     *self,
          guint                   line,
          ClosenessCsvSkipReason  reason)
{
  ClosenessCsvSkip skip = { line, reason };

  g_array_append_val (self->skipped, skip);
}

static gboolean
read_row_cb (const char * const  *cells,
             guint                n_cells,
             guint                line,
             gpointer             user_data,
             GError             **error)
{
  ClosenessCsvImport *self = user_data;
  const ClosenessCsvActivity *activity = NULL;
  ClosenessEntryInfo entry = { 0 };
  g_autofree char *folded = NULL;
  g_autofree char *date = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *key_text = NULL;
  g_autofree char *kind_text = NULL;
  g_autofree char *note_text = NULL;
  g_autofree char *value_text = NULL;
  g_autofree char *entry_key = NULL;
  const char *partner, *kind, *key, *note, *value;
  gpointer index;
  guint32 day;

  if (!self->have_header)
    return read_header (self, cells, n_cells, error);

  if (++self->n_rows > MAX_ROWS)
    return _closeness_csv_fail (error, CLOSENESS_CSV_ERROR_TOO_LARGE,
                                _("The file has more rows than Closeness imports at once (one "
                                  "million)."));

  if (n_cells != self->n_header_cells)
    {
      skip_row (self, line, CLOSENESS_CSV_SKIP_CELL_COUNT);
      return TRUE;
    }

  date = stripped_cell (cells, n_cells, self->columns[COLUMN_DATE]);
  if (!closeness_habit_parse_day (date, &day))
    {
      skip_row (self, line, CLOSENESS_CSV_SKIP_DATE_INVALID);
      return TRUE;
    }
  if (day > self->today)
    {
      skip_row (self, line, CLOSENESS_CSV_SKIP_DATE_FUTURE);
      return TRUE;
    }
  if (day < CLOSENESS_HABIT_FIRST_DAY)
    {
      skip_row (self, line, CLOSENESS_CSV_SKIP_DATE_TOO_EARLY);
      return TRUE;
    }

  partner = stripped = stripped_cell (cells, n_cells, self->columns[COLUMN_PARTNER]);
  if (g_str_equal (partner, "1"))
    entry.slot = 0;
  else if (g_str_equal (partner, "2"))
    entry.slot = 1;
  else
    {
      skip_row (self, line, CLOSENESS_CSV_SKIP_PARTNER);
      return TRUE;
    }

  key = key_text = stripped_cell (cells, n_cells, self->columns[COLUMN_ACTIVITY_KEY]);
  if (key[0] != '\0')
    activity = g_hash_table_lookup (self->by_key, key);
  if (activity == NULL)
    {
      g_autofree char *name =
        _closeness_csv_unguard_cell (cell (cells, n_cells, self->columns[COLUMN_ACTIVITY]));

      folded = fold_name (name);
      activity = g_hash_table_lookup (self->by_name, folded);
    }
  if (activity == NULL)
    {
      skip_row (self, line, CLOSENESS_CSV_SKIP_ACTIVITY_UNKNOWN);
      return TRUE;
    }
  if (activity->owner != CLOSENESS_OWNER_BOTH && (guint) activity->owner != entry.slot)
    {
      skip_row (self, line, CLOSENESS_CSV_SKIP_ACTIVITY_NOT_PARTNERS);
      return TRUE;
    }

  kind = kind_text = stripped_cell (cells, n_cells, self->columns[COLUMN_KIND]);
  if (g_ascii_strcasecmp (kind, "done") == 0)
    entry.kind = CLOSENESS_ENTRY_DONE;
  else if (g_ascii_strcasecmp (kind, "rest") == 0)
    entry.kind = CLOSENESS_ENTRY_REST;
  else
    {
      skip_row (self, line, CLOSENESS_CSV_SKIP_KIND);
      return TRUE;
    }

  note = note_text =
    _closeness_csv_unguard_cell (cell (cells, n_cells, self->columns[COLUMN_NOTE]));
  if (g_utf8_strlen (note, -1) > CLOSENESS_STORE_MAX_TEXT)
    {
      skip_row (self, line, CLOSENESS_CSV_SKIP_NOTE_TOO_LONG);
      return TRUE;
    }

  /* The amount of a measured activity: optional, and files made before
   * version 6 have no such column. */
  value = value_text = stripped_cell (cells, n_cells, self->columns[COLUMN_VALUE]);
  if (value[0] != '\0')
    {
      char *end = NULL;

      entry.value = g_ascii_strtod (value, &end);
      if (end == value || *end != '\0' || !isfinite (entry.value) || entry.value < 0 ||
          entry.value > CLOSENESS_STORE_MAX_AMOUNT)
        {
          skip_row (self, line, CLOSENESS_CSV_SKIP_VALUE);
          return TRUE;
        }
      entry.has_value = TRUE;
    }

  entry.activity_id = activity->id;
  entry.day = g_string_chunk_insert_const (self->strings, date);
  entry.note = note[0] != '\0' ? g_string_chunk_insert (self->strings, note) : NULL;

  /* A row for an activity, partner and day already read is the same
   * entry: the last one counts, as it would in the store. */
  entry_key = g_strdup_printf ("%" G_GINT64_FORMAT ":%u:%s", entry.activity_id, entry.slot, date);
  if (g_hash_table_lookup_extended (self->by_entry, entry_key, NULL, &index))
    {
      g_array_index (self->entries, ClosenessEntryInfo, GPOINTER_TO_UINT (index)) = entry;
      return TRUE;
    }

  g_hash_table_insert (self->by_entry, g_steal_pointer (&entry_key),
                       GUINT_TO_POINTER (self->entries->len));
  g_array_append_val (self->entries, entry);

  return TRUE;
}

static gboolean
check_start (const char  *data,
             gsize        length,
             GError     **error)
{
  if (length >= 2 && (((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe) ||
                      ((guchar) data[0] == 0xfe && (guchar) data[1] == 0xff)))
    return _closeness_csv_fail (error, CLOSENESS_CSV_ERROR_NOT_UTF8,
                                _("The file is UTF-16 text. Save it as “CSV UTF-8” in your "
                                  "spreadsheet program and try again."));

  return TRUE;
}

static ClosenessCsvImport *
finish_read (ClosenessCsvImport  *self,
             ClosenessCsvParser  *parser,
             GError             **error)
{
  g_autoptr(ClosenessCsvImport) import = self;

  if (!closeness_csv_parser_finish (parser, error))
    return NULL;

  if (!import->have_header)
    {
      _closeness_csv_fail (error, CLOSENESS_CSV_ERROR_WRONG_COLUMNS,
                           _("The file is empty: there is nothing to import."));
      return NULL;
    }

  return g_steal_pointer (&import);
}

/**
 * closeness_csv_import_read:
 * @today: the last day that may be imported
 *
 * Reads and judges a whole file without touching the store. At most
 * %CLOSENESS_CSV_MAX_FILE_SIZE bytes are read; a longer stream is refused.
 *
 * Returns: (transfer full) (nullable): the rows to import and the rows
 *   left out, or %NULL with @error set when the file cannot be imported
 */
ClosenessCsvImport *
closeness_csv_import_read (GInputStream                *stream,
                           const ClosenessCsvActivity  *activities,
                           guint                        n_activities,
                           guint32                      today,
                           GCancellable                *cancellable,
                           GError                     **error)
{
  g_autoptr(ClosenessCsvImport) import = NULL;
  g_autoptr(ClosenessCsvParser) parser = NULL;
  g_autofree char *buffer = g_malloc (64 * 1024);
  gsize total = 0;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  import = import_new (activities, n_activities, today);
  parser = closeness_csv_parser_new (read_row_cb, import);

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, 64 * 1024, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;

      if (total == 0 && !check_start (buffer, n, error))
        return NULL;

      total += n;
      if (total > CLOSENESS_CSV_MAX_FILE_SIZE)
        {
          _closeness_csv_fail (error, CLOSENESS_CSV_ERROR_TOO_LARGE,
                               _("The file is larger than 20 MB, far more than a self-care "
                                 "export. Nothing was imported."));
          return NULL;
        }

      if (!closeness_csv_parser_feed (parser, buffer, n, error))
        return NULL;
    }

  return finish_read (g_steal_pointer (&import), parser, error);
}

/* The same for data in memory; the fuzzer's entry point. */
ClosenessCsvImport *
closeness_csv_import_read_data (const char                  *data,
                                gsize                        length,
                                const ClosenessCsvActivity  *activities,
                                guint                        n_activities,
                                guint32                      today,
                                GError                     **error)
{
  g_autoptr(ClosenessCsvImport) import = NULL;
  g_autoptr(ClosenessCsvParser) parser = NULL;

  if (length > CLOSENESS_CSV_MAX_FILE_SIZE)
    {
      _closeness_csv_fail (error, CLOSENESS_CSV_ERROR_TOO_LARGE,
                           _("The file is larger than 20 MB, far more than a self-care export. "
                             "Nothing was imported."));
      return NULL;
    }

  if (!check_start (data, length, error))
    return NULL;

  import = import_new (activities, n_activities, today);
  parser = closeness_csv_parser_new (read_row_cb, import);

  if (!closeness_csv_parser_feed (parser, data, length, error))
    return NULL;

  return finish_read (g_steal_pointer (&import), parser, error);
}

const ClosenessEntryInfo *
closeness_csv_import_get_entries (ClosenessCsvImport *self,
                                  guint              *n_entries)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_entries != NULL)
    *n_entries = self->entries->len;

  return (const ClosenessEntryInfo *) (gpointer) self->entries->data;
}

const ClosenessCsvSkip *
closeness_csv_import_get_skipped (ClosenessCsvImport *self,
                                  guint              *n_skipped)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_skipped != NULL)
    *n_skipped = self->skipped->len;

  return (const ClosenessCsvSkip *) (gpointer) self->skipped->data;
}

const char *
closeness_csv_skip_reason_to_string (ClosenessCsvSkipReason reason)
{
  switch (reason)
    {
    case CLOSENESS_CSV_SKIP_CELL_COUNT:
      return _("the row has a different number of cells than the first line");
    case CLOSENESS_CSV_SKIP_DATE_INVALID:
      return _("the date is not a day written as YYYY-MM-DD");
    case CLOSENESS_CSV_SKIP_DATE_FUTURE:
      return _("the date is still to come");
    case CLOSENESS_CSV_SKIP_DATE_TOO_EARLY:
      return _("the date is before 1900");
    case CLOSENESS_CSV_SKIP_PARTNER:
      return _("the partner is not 1 or 2");
    case CLOSENESS_CSV_SKIP_ACTIVITY_UNKNOWN:
      return _("there is no activity with this name");
    case CLOSENESS_CSV_SKIP_ACTIVITY_NOT_PARTNERS:
      return _("the activity belongs to the other partner");
    case CLOSENESS_CSV_SKIP_KIND:
      return _("the kind is not “done” or “rest”");
    case CLOSENESS_CSV_SKIP_NOTE_TOO_LONG:
      return _("the note is too long");
    case CLOSENESS_CSV_SKIP_VALUE:
      /* Translators: why an imported row was left out: the "value" cell */
      return _("the amount is not a number from 0 to 1,000,000");
    default:
      return _("the row is not valid");
    }
}

/**
 * closeness_csv_import_describe:
 * @max_lines: how many skipped rows to list before "and N more"
 *
 * Returns: (transfer full): how many entries were imported (after
 *   closeness_selfcare_csv_import_file(): saved, without those that were
 *   already there as they are), and which lines were left out and why;
 *   never any cell text
 */
char *
closeness_csv_import_describe (ClosenessCsvImport *self,
                               guint               max_lines)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  if (!self->stored)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u entry imported.",
                                               "%u entries imported.", self->entries->len),
                            self->entries->len);
  else
    {
      guint n_stored = self->n_added + self->n_updated;
      guint n_unchanged = self->entries->len - MIN (n_stored, self->entries->len);

      if (self->n_updated > 0)
        g_string_append_printf (text,
                                g_dngettext (GETTEXT_PACKAGE,
                                             "%u entry imported (%u already there, updated).",
                                             "%u entries imported (%u already there, updated).",
                                             n_stored),
                                n_stored, self->n_updated);
      else
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u entry imported.",
                                                   "%u entries imported.", n_stored),
                                n_stored);

      if (n_unchanged > 0)
        {
          g_string_append_c (text, ' ');
          g_string_append_printf (text,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u entry was already there and is unchanged.",
                                               "%u entries were already there and are unchanged.",
                                               n_unchanged),
                                  n_unchanged);
        }
    }

  if (self->skipped->len > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u row left out:",
                                                 "%u rows left out:", self->skipped->len),
                              self->skipped->len);
    }

  for (guint i = 0; i < self->skipped->len && i < max_lines; i++)
    {
      const ClosenessCsvSkip *skip = &g_array_index (self->skipped, ClosenessCsvSkip, i);

      g_string_append_c (text, '\n');
      /* Translators: a row an import left out: "Line 12: the date is still to come" */
      g_string_append_printf (text, _("Line %u: %s"), skip->line,
                              closeness_csv_skip_reason_to_string (skip->reason));
    }

  if (self->skipped->len > max_lines)
    {
      guint more = self->skipped->len - max_lines;

      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "and %u more row",
                                                 "and %u more rows", more), more);
    }

  return g_string_free (text, FALSE);
}
