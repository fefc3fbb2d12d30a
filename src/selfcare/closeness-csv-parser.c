/* closeness-csv-parser.c: RFC 4180 reading and writing of cells.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A push parser that hands over one row at a time, and the quoting that
 * keeps a spreadsheet from running a cell as a formula.
 */

#define G_LOG_DOMAIN "closeness-selfcare"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "closeness-selfcare-csv-private.h"

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

gboolean
_closeness_csv_fail (GError     **error,
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
          return _closeness_csv_fail (error, CLOSENESS_CSV_ERROR_NOT_CSV,
                                      _("The file is not a CSV text file (it contains binary "
                                        "data)."));
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
    return _closeness_csv_fail (error, CLOSENESS_CSV_ERROR_NOT_CSV,
                                _("The file is not valid CSV."));

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
char *
_closeness_csv_unguard_cell (const char *text)
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
