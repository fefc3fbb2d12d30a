/* closeness-selfcare-csv.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The columns are documented in docs/SELFCARE-CSV.md. Import reads the
 * whole file first and writes nothing until every row has been judged;
 * the valid rows then go to the store in one transaction.
 */

#define G_LOG_DOMAIN "closeness-selfcare"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/closeness-import-file.h"

#include "closeness-habit-logic.h"
#include "closeness-selfcare-builtins.h"
#include "closeness-selfcare-csv.h"

#define MAX_ROWS 1000000

G_DEFINE_QUARK (closeness-csv-error-quark, closeness_csv_error)

/* Parser */

typedef enum
{
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTE_IN_QUOTED,
  STATE_AFTER_CR,
} ParserState;

struct _ClosenessCsvParser
{
  ClosenessCsvRowFunc  func;
  gpointer             user_data;

  ParserState          state;
  GString             *cell;
  GPtrArray           *cells;
  guint                line;        /* line being read */
  guint                row_line;    /* line where the current row started */
  gsize                offset;
  gboolean             row_started;
  gboolean             failed;
};

ClosenessCsvParser *
closeness_csv_parser_new (ClosenessCsvRowFunc func,
                          gpointer            user_data)
{
  ClosenessCsvParser *self = g_new0 (ClosenessCsvParser, 1);

  self->func = func;
  self->user_data = user_data;
  self->state = STATE_FIELD_START;
  self->cell = g_string_new (NULL);
  self->cells = g_ptr_array_new_with_free_func (g_free);
  self->line = 1;
  self->row_line = 1;

  return self;
}

void
closeness_csv_parser_free (ClosenessCsvParser *self)
{
  if (self == NULL)
    return;

  g_string_free (self->cell, TRUE);
  g_ptr_array_unref (self->cells);
  g_free (self);
}

static gboolean
fail (GError     **error,
      int          code,
      const char  *message)
{
  g_set_error_literal (error, CLOSENESS_CSV_ERROR, code, message);
  return FALSE;
}

static gboolean
end_cell (ClosenessCsvParser  *self,
          GError             **error)
{
  if (!g_utf8_validate_len (self->cell->str, self->cell->len, NULL))
    {
      g_set_error (error, CLOSENESS_CSV_ERROR, CLOSENESS_CSV_ERROR_NOT_UTF8,
                   /* Translators: %u is a line number */
                   _("The file is not UTF-8 text (line %u). Save it as “CSV UTF-8” in your "
                     "spreadsheet program and try again."), self->row_line);
      return FALSE;
    }

  if (self->cells->len >= CLOSENESS_CSV_MAX_COLUMNS)
    {
      g_set_error (error, CLOSENESS_CSV_ERROR, CLOSENESS_CSV_ERROR_WRONG_COLUMNS,
                   /* Translators: %u is a line number */
                   _("Line %u has far more cells than a self-care export."), self->row_line);
      return FALSE;
    }

  g_ptr_array_add (self->cells, g_strndup (self->cell->str, self->cell->len));
  g_string_truncate (self->cell, 0);

  return TRUE;
}

static gboolean
end_row (ClosenessCsvParser  *self,
         GError             **error)
{
  gboolean ok = TRUE;

  if (!end_cell (self, error))
    return FALSE;

  /* A line with nothing on it is not a row. */
  if (self->cells->len > 1 || ((char *) g_ptr_array_index (self->cells, 0))[0] != '\0' ||
      self->row_started)
    {
      g_ptr_array_add (self->cells, NULL);
      ok = self->func ((const char * const *) self->cells->pdata, self->cells->len - 1,
                       self->row_line, self->user_data, error);
    }

  g_ptr_array_set_size (self->cells, 0);
  self->row_started = FALSE;

  return ok;
}

static gboolean
add_char (ClosenessCsvParser  *self,
          char                 c,
          GError             **error)
{
  if (self->cell->len >= CLOSENESS_CSV_MAX_CELL)
    {
      g_set_error (error, CLOSENESS_CSV_ERROR, CLOSENESS_CSV_ERROR_TOO_LARGE,
                   /* Translators: %u is a line number */
                   _("A cell on line %u is longer than any note can be."), self->row_line);
      return FALSE;
    }

  g_string_append_c (self->cell, c);

  return TRUE;
}

static gboolean
new_line (ClosenessCsvParser  *self,
          GError             **error)
{
  gboolean ok = end_row (self, error);

  self->line++;
  self->row_line = self->line;

  return ok;
}

gboolean
closeness_csv_parser_feed (ClosenessCsvParser  *self,
                           const char          *data,
                           gsize                length,
                           GError             **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->failed, FALSE);

  for (gsize i = 0; i < length; i++, self->offset++)
    {
      char c = data[i];
      gboolean ok = TRUE;

      if (c == '\0')
        {
          self->failed = TRUE;
          return fail (error, CLOSENESS_CSV_ERROR_NOT_CSV,
                       _("The file is not a CSV text file (it contains binary data)."));
        }

      /* A byte order mark is allowed at the very start. */
      if (self->offset == 0 && length - i >= 3 && memcmp (data + i, "\xef\xbb\xbf", 3) == 0)
        {
          i += 2;
          self->offset += 2;
          continue;
        }

      if (self->state == STATE_AFTER_CR)
        {
          self->state = STATE_FIELD_START;
          if (c == '\n')
            continue;
        }

      switch (self->state)
        {
        case STATE_FIELD_START:
          if (c == '"')
            {
              self->state = STATE_QUOTED;
              self->row_started = TRUE;
            }
          else if (c == ',')
            ok = end_cell (self, error);
          else if (c == '\n')
            ok = new_line (self, error);
          else if (c == '\r')
            {
              ok = new_line (self, error);
              self->state = STATE_AFTER_CR;
            }
          else
            {
              ok = add_char (self, c, error);
              self->state = STATE_UNQUOTED;
            }
          break;

        case STATE_UNQUOTED:
          if (c == ',')
            {
              ok = end_cell (self, error);
              self->state = STATE_FIELD_START;
            }
          else if (c == '\n' || c == '\r')
            {
              ok = new_line (self, error);
              self->state = c == '\r' ? STATE_AFTER_CR : STATE_FIELD_START;
            }
          else if (c == '"')
            {
              self->failed = TRUE;
              g_set_error (error, CLOSENESS_CSV_ERROR, CLOSENESS_CSV_ERROR_NOT_CSV,
                           /* Translators: %u is a line number */
                           _("The file is not valid CSV: a quotation mark in the middle of a "
                             "cell on line %u."), self->line);
              return FALSE;
            }
          else
            ok = add_char (self, c, error);
          break;

        case STATE_QUOTED:
          if (c == '"')
            self->state = STATE_QUOTE_IN_QUOTED;
          else
            {
              if (c == '\n')
                self->line++;
              ok = add_char (self, c, error);
            }
          break;

        case STATE_QUOTE_IN_QUOTED:
          if (c == '"')
            {
              ok = add_char (self, c, error);
              self->state = STATE_QUOTED;
            }
          else if (c == ',')
            {
              ok = end_cell (self, error);
              self->state = STATE_FIELD_START;
            }
          else if (c == '\n' || c == '\r')
            {
              ok = new_line (self, error);
              self->state = c == '\r' ? STATE_AFTER_CR : STATE_FIELD_START;
            }
          else
            {
              self->failed = TRUE;
              g_set_error (error, CLOSENESS_CSV_ERROR, CLOSENESS_CSV_ERROR_NOT_CSV,
                           /* Translators: %u is a line number */
                           _("The file is not valid CSV: text after a closing quotation mark "
                             "on line %u."), self->line);
              return FALSE;
            }
          break;

        case STATE_AFTER_CR:
        default:
          g_assert_not_reached ();
        }

      if (!ok)
        {
          self->failed = TRUE;
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
closeness_csv_parser_finish (ClosenessCsvParser  *self,
                             GError             **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->failed)
    return fail (error, CLOSENESS_CSV_ERROR_NOT_CSV, _("The file is not valid CSV."));

  if (self->state == STATE_QUOTED)
    {
      self->failed = TRUE;
      g_set_error (error, CLOSENESS_CSV_ERROR, CLOSENESS_CSV_ERROR_NOT_CSV,
                   /* Translators: %u is a line number */
                   _("The file is not valid CSV: a quotation mark opened on line %u is never "
                     "closed."), self->row_line);
      return FALSE;
    }

  if (self->state == STATE_AFTER_CR ||
      (self->state == STATE_FIELD_START && self->cells->len == 0 && !self->row_started))
    return TRUE;

  self->state = STATE_FIELD_START;
  if (!end_row (self, error))
    {
      self->failed = TRUE;
      return FALSE;
    }

  return TRUE;
}

/* Text that a spreadsheet would run as a formula gets an apostrophe in
 * front (OWASP "CSV injection"); the importer takes it off again. A
 * spreadsheet splits on ',' (as the format says) or, in German or Spanish,
 * on ';', quotes or not: a field may start at the start of a cell, after a
 * ';' in it or after a line break in it, and each of those is guarded. */
static gboolean
is_formula_start (char c)
{
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

static gboolean
is_field_start (const char *text,
                const char *p)
{
  return p == text || p[-1] == ';' || p[-1] == '\n' || p[-1] == '\r';
}

/* A formula character after any apostrophes: text already starting with
 * apostrophes gets one more, so that taking one off always gives it back. */
static gboolean
needs_guard (const char *p)
{
  while (*p == '\'')
    p++;

  return is_formula_start (*p);
}

void
closeness_csv_append_cell (GString    *row,
                           const char *text)
{
  gboolean quote;

  if (text == NULL)
    text = "";

  quote = strpbrk (text, ",\"\r\n") != NULL;

  if (quote)
    g_string_append_c (row, '"');

  for (const char *p = text; *p != '\0'; p++)
    {
      if (is_field_start (text, p) && needs_guard (p))
        g_string_append_c (row, '\'');
      if (*p == '"')
        g_string_append_c (row, '"');
      g_string_append_c (row, *p);
    }

  if (quote)
    g_string_append_c (row, '"');
}

/* The text of a cell without the apostrophes closeness_csv_append_cell()
 * added. */
static char *
unguard_cell (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\'' && is_field_start (text, p) && needs_guard (p + 1))
        continue;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* Import */

enum {
  COLUMN_DATE,
  COLUMN_PARTNER,
  COLUMN_ACTIVITY,
  COLUMN_KIND,
  COLUMN_NOTE,
  COLUMN_ACTIVITY_KEY,
  COLUMN_PARTNER_NAME,
  N_COLUMNS
};

static const char * const column_names[N_COLUMNS] = {
  "date", "partner", "activity", "kind", "note", "activity_key", "partner_name",
};

#define N_REQUIRED_COLUMNS 4

struct _ClosenessCsvImport
{
  GArray        *entries;   /* ClosenessEntryInfo, strings in @strings */
  GArray        *skipped;   /* ClosenessCsvSkip */
  GStringChunk  *strings;
  GHashTable    *by_name;   /* casefolded name → ClosenessCsvActivity */
  GHashTable    *by_key;    /* builtin key → ClosenessCsvActivity */
  GHashTable    *by_entry;  /* "activity id:slot:day" → index in @entries */
  guint32        today;
  int            columns[N_COLUMNS];  /* -1: absent */
  guint          n_header_cells;
  gboolean       have_header;
  guint          n_rows;

  /* After closeness_selfcare_csv_import_file() saved @entries. */
  gboolean       stored;
  guint          n_added;
  guint          n_updated;
};

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
            return fail (error, CLOSENESS_CSV_ERROR_WRONG_COLUMNS,
                         _("The file names a column twice. Closeness expects the columns "
                           "date, partner, activity, kind and note."));
          self->columns[c] = i;
        }
    }

  for (guint c = 0; c < N_REQUIRED_COLUMNS; c++)
    {
      if (self->columns[c] == -1)
        return fail (error, CLOSENESS_CSV_ERROR_WRONG_COLUMNS,
                     _("This is not a self-care export: its first line must name the columns "
                       "date, partner, activity, kind and note."));
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
  g_autofree char *entry_key = NULL;
  const char *partner, *kind, *key, *note;
  gpointer index;
  guint32 day;

  if (!self->have_header)
    return read_header (self, cells, n_cells, error);

  if (++self->n_rows > MAX_ROWS)
    return fail (error, CLOSENESS_CSV_ERROR_TOO_LARGE,
                 _("The file has more rows than Closeness imports at once (one million)."));

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
      g_autofree char *name = unguard_cell (cell (cells, n_cells, self->columns[COLUMN_ACTIVITY]));

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

  note = note_text = unguard_cell (cell (cells, n_cells, self->columns[COLUMN_NOTE]));
  if (g_utf8_strlen (note, -1) > CLOSENESS_STORE_MAX_TEXT)
    {
      skip_row (self, line, CLOSENESS_CSV_SKIP_NOTE_TOO_LONG);
      return TRUE;
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
    return fail (error, CLOSENESS_CSV_ERROR_NOT_UTF8,
                 _("The file is UTF-16 text. Save it as “CSV UTF-8” in your spreadsheet "
                   "program and try again."));

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
      fail (error, CLOSENESS_CSV_ERROR_WRONG_COLUMNS,
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
          fail (error, CLOSENESS_CSV_ERROR_TOO_LARGE,
                _("The file is larger than 20 MB, far more than a self-care export. "
                  "Nothing was imported."));
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
      fail (error, CLOSENESS_CSV_ERROR_TOO_LARGE,
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
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
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
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
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

/**
 * closeness_selfcare_csv_import_file:
 *
 * Refuses files above %CLOSENESS_CSV_MAX_FILE_SIZE before reading, reads
 * and judges every row, then logs the valid ones in one transaction.
 * Nothing changes when the file cannot be imported.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error
 */
ClosenessCsvImport *
closeness_selfcare_csv_import_file (ClosenessStore  *store,
                                    GFile           *file,
                                    GCancellable    *cancellable,
                                    GError         **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(ClosenessCsvImport) import = NULL;
  g_autoptr(GArray) activities = NULL;
  g_autoptr(GPtrArray) names = NULL;
  GListModel *model;
  const ClosenessEntryInfo *entries;
  goffset size = 0;
  guint n_entries;
  guint n;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  stream = closeness_import_file_open (file, &size, cancellable, error);
  if (stream == NULL)
    return NULL;

  if (size > CLOSENESS_CSV_MAX_FILE_SIZE)
    {
      fail (error, CLOSENESS_CSV_ERROR_TOO_LARGE,
            _("The file is larger than 20 MB, far more than a self-care export. "
              "Nothing was imported."));
      return NULL;
    }

  model = closeness_store_get_activities (store);
  n = g_list_model_get_n_items (model);
  activities = g_array_sized_new (FALSE, TRUE, sizeof (ClosenessCsvActivity), n);
  names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessActivity) activity = g_list_model_get_item (model, i);
      char *display = closeness_selfcare_activity_dup_name (activity);
      ClosenessCsvActivity item = {
        .id = closeness_record_get_id (CLOSENESS_RECORD (activity)),
        .name = closeness_activity_get_name (activity),
        .display_name = display,
        .builtin_key = closeness_activity_get_builtin_key (activity),
        .owner = closeness_activity_get_owner (activity),
      };

      g_ptr_array_add (names, display);
      g_array_append_val (activities, item);
    }

  import = closeness_csv_import_read (G_INPUT_STREAM (stream),
                                      (const ClosenessCsvActivity *) (gpointer) activities->data,
                                      activities->len, closeness_habit_today (),
                                      cancellable, error);
  if (import == NULL)
    return NULL;

  entries = closeness_csv_import_get_entries (import, &n_entries);
  if (!closeness_store_add_entries (store, entries, n_entries, &import->n_added,
                                    &import->n_updated, error))
    return NULL;
  import->stored = TRUE;

  return g_steal_pointer (&import);
}

/* Export */

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  ClosenessEntry *ea = *(ClosenessEntry **) a;
  ClosenessEntry *eb = *(ClosenessEntry **) b;
  int cmp = strcmp (closeness_entry_get_day (ea), closeness_entry_get_day (eb));

  if (cmp != 0)
    return cmp;

  return closeness_entry_get_slot (ea) - closeness_entry_get_slot (eb);
}

/**
 * closeness_selfcare_csv_export_string:
 * @me: who is using the computer (0 or 1)
 *
 * Every entry @view shows, oldest first. Private activities appear only in
 * their owner's "Me" export.
 *
 * Returns: (transfer full): the CSV text, with a byte order mark and CRLF
 *   line ends
 */
char *
closeness_selfcare_csv_export_string (ClosenessStore        *store,
                                      ClosenessSelfcareView  view,
                                      guint                  me,
                                      guint                 *n_rows)
{
  GListModel *activities;
  GListModel *partners;
  g_autofree char *partner_names[2] = { NULL, NULL };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  GString *out = g_string_new ("\xef\xbb\xbf");
  guint n;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), NULL);

  partners = closeness_store_get_partners (store);
  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(ClosenessPartner) partner = g_list_model_get_item (partners, i);
      int slot = closeness_partner_get_slot (partner);

      if (slot == 0 || slot == 1)
        {
          g_free (partner_names[slot]);
          partner_names[slot] = g_strdup (closeness_partner_get_name (partner));
        }
    }

  g_string_append (out, "date,partner,partner_name,activity,activity_key,kind,note\r\n");

  activities = closeness_store_get_activities (store);
  n = g_list_model_get_n_items (activities);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessActivity) activity = g_list_model_get_item (activities, i);
      g_autoptr(GListModel) entries = NULL;
      ClosenessOwner owner = closeness_activity_get_owner (activity);
      gboolean is_private = closeness_activity_get_is_private (activity);
      guint n_entries;

      if (!closeness_selfcare_view_shows_activity (view, me, owner, is_private))
        continue;

      entries = closeness_store_get_entries (store,
                                             closeness_record_get_id (CLOSENESS_RECORD (activity)),
                                             "1900-01-01", "2200-12-31");
      n_entries = entries != NULL ? g_list_model_get_n_items (entries) : 0;

      for (guint j = 0; j < n_entries; j++)
        {
          ClosenessEntry *entry = g_list_model_get_item (entries, j);

          if (closeness_selfcare_view_counts_slot (view, me, owner, is_private,
                                                   closeness_entry_get_slot (entry)))
            g_ptr_array_add (rows, entry);
          else
            g_object_unref (entry);
        }
    }

  g_ptr_array_sort (rows, compare_entries);

  for (guint i = 0; i < rows->len; i++)
    {
      ClosenessEntry *entry = g_ptr_array_index (rows, i);
      g_autoptr(ClosenessActivity) activity = NULL;
      guint slot = closeness_entry_get_slot (entry);
      const char *key;

      activity = closeness_record_list_lookup (CLOSENESS_RECORD_LIST (activities),
                                               closeness_entry_get_activity_id (entry), NULL);
      if (activity == NULL)
        continue;
      g_object_ref (activity);
      key = closeness_activity_get_builtin_key (activity);

      g_string_append_printf (out, "%s,%u,", closeness_entry_get_day (entry), slot + 1);
      closeness_csv_append_cell (out, partner_names[slot]);
      g_string_append_c (out, ',');
      closeness_csv_append_cell (out, closeness_activity_get_name (activity));
      g_string_append_c (out, ',');
      closeness_csv_append_cell (out, key != NULL ? key : "");
      g_string_append (out, closeness_entry_get_kind (entry) == CLOSENESS_ENTRY_REST
                            ? ",rest," : ",done,");
      closeness_csv_append_cell (out, closeness_entry_get_note (entry));
      g_string_append (out, "\r\n");
    }

  if (n_rows != NULL)
    *n_rows = rows->len;

  return g_string_free (out, FALSE);
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;

      data += n;
      length -= n;
    }

  return TRUE;
}

/**
 * closeness_selfcare_csv_export_file:
 *
 * Writes the export next to @file and renames it into place, so the file
 * is complete or untouched, and always 0600.
 */
gboolean
closeness_selfcare_csv_export_file (ClosenessStore         *store,
                                    ClosenessSelfcareView   view,
                                    guint                   me,
                                    GFile                  *file,
                                    guint                  *n_rows,
                                    GError                **error)
{
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *tmp_path = NULL;
  gsize length;
  int fd;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  text = closeness_selfcare_csv_export_string (store, view, me, n_rows);
  length = strlen (text);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr(GFileOutputStream) stream = NULL;

      stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, error);
      if (stream == NULL ||
          !g_output_stream_write_all (G_OUTPUT_STREAM (stream), text, length, NULL, NULL, error) ||
          !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error))
        return FALSE;

      return TRUE;
    }

  tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The export could not be written: %s"), g_strerror (saved));
      return FALSE;
    }

  if (fchmod (fd, 0600) != 0 || !write_all (fd, text, length) || fsync (fd) != 0)
    {
      int saved = errno;

      close (fd);
      g_unlink (tmp_path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The export could not be written: %s"), g_strerror (saved));
      return FALSE;
    }

  if (close (fd) != 0 || g_rename (tmp_path, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp_path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The export could not be written: %s"), g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}
