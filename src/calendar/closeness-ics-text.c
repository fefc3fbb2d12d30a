/* closeness-ics-text.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The calendar file as text, before libical reads it: its encoding, its
 * lines and nesting, and reading it from disk within a size limit.
 */

#define G_LOG_DOMAIN "closeness-calendar"

#include "config.h"

#include <glib/gi18n.h>
#include <libical/ical.h>
#include <string.h>

#include "closeness-ics-private.h"

#include "store/closeness-import-file.h"

gboolean
_closeness_ics_set_error (GError            **error,
           ClosenessIcsError   code,
           const char         *message)
{
  g_set_error_literal (error, CLOSENESS_ICS_ERROR, code, message);
  return FALSE;
}


/* Text from the file: valid UTF-8, at most @max_chars characters. */
char *
_closeness_ics_clean_text (const char *text,
            gsize       max_chars,
            gboolean    single_line)
{
  g_autofree char *valid = NULL;
  const char *end;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  if (single_line)
    g_strdelimit (valid, "\r\n\t", ' ');
  g_strstrip (valid);

  if ((gsize) g_utf8_strlen (valid, -1) <= max_chars)
    return g_steal_pointer (&valid);

  end = g_utf8_offset_to_pointer (valid, max_chars);
  return g_strndup (valid, end - valid);
}

/* Pre-checks */

/* RFC 5545 calendars are UTF-8, but some programs save UTF-16 (with or
 * without a byte order mark; the first line is ASCII, so every other byte
 * is NUL) or an 8-bit encoding. UTF-16 converts without loss. Text that is
 * not valid UTF-8 is read as Windows-1252, what such programs almost always
 * wrote (Latin-1 plus quotes, dashes and the euro sign), rather than have
 * every accent replaced; the summary says what was assumed.
 *
 * Returns: %FALSE with @error set when the file cannot be decoded; else
 *   @converted is the UTF-8 text, or %NULL when @data already is */
gboolean
_closeness_ics_decode_text (const char    *data,
             gsize          length,
             char         **converted,
             gsize         *converted_length,
             FileEncoding  *encoding,
             GError       **error)
{
  const char *utf16 = NULL;
  gsize bom = 0;

  *converted = NULL;
  *converted_length = 0;
  *encoding = FILE_ENCODING_UTF8;

  if (length >= 2 && memcmp (data, "\xff\xfe", 2) == 0)
    utf16 = "UTF-16LE", bom = 2;
  else if (length >= 2 && memcmp (data, "\xfe\xff", 2) == 0)
    utf16 = "UTF-16BE", bom = 2;
  else if (length >= 4 && data[0] != '\0' && data[1] == '\0' && data[2] != '\0' && data[3] == '\0')
    utf16 = "UTF-16LE";
  else if (length >= 4 && data[0] == '\0' && data[1] != '\0' && data[2] == '\0' && data[3] != '\0')
    utf16 = "UTF-16BE";

  if (utf16 != NULL)
    {
      *converted = g_convert (data + bom, length - bom, "UTF-8", utf16, NULL, converted_length,
                              NULL);
      if (*converted == NULL)
        return _closeness_ics_set_error (error, CLOSENESS_ICS_ERROR_NOT_CALENDAR,
                          _("The calendar file is UTF-16 text that could not be read. Save it "
                            "as UTF-8 and try again."));
      *encoding = FILE_ENCODING_UTF16;
      return TRUE;
    }

  /* NUL bytes are binary data: _closeness_ics_prepare_text() says so. */
  if (g_utf8_validate_len (data, length, NULL) || memchr (data, '\0', length) != NULL)
    return TRUE;

  /* glibc's Windows-1252 has no characters for five bytes; Latin-1 has
   * them all, and is the same for every letter. */
  *converted = g_convert (data, length, "UTF-8", "WINDOWS-1252", NULL, converted_length, NULL);
  if (*converted == NULL)
    *converted = g_convert (data, length, "UTF-8", "ISO-8859-1", NULL, converted_length, NULL);
  if (*converted == NULL)
    return _closeness_ics_set_error (error, CLOSENESS_ICS_ERROR_NOT_CALENDAR,
                      _("The calendar file is not UTF-8 text. Save it as UTF-8 and try again."));
  *encoding = FILE_ENCODING_WINDOWS_1252;

  return TRUE;
}

/* Reads the file's lines before libical does: it must start with
 * BEGIN:VCALENDAR, nest at most CLOSENESS_ICS_MAX_DEPTH deep, close every
 * BEGIN, and have no NUL bytes (libical would stop there and read half a
 * file). libical takes quadratic time on very long (unfolded) lines, so a
 * property longer than MAX_LINE, such as an inline attachment, is left out.
 *
 * Returns: (transfer full): the text for libical, or %NULL */
char *
_closeness_ics_prepare_text (const char  *data,
              gsize        length,
              guint       *n_dropped,
              GError     **error)
{
  g_autoptr(GString) out = NULL;
  const char *p = data;
  const char *end = data + length;
  const char *logical = NULL;
  gsize logical_length = 0;
  gboolean first = TRUE;
  guint depth = 0, components = 0;

  *n_dropped = 0;

  if (memchr (data, '\0', length) != NULL)
    {
      _closeness_ics_set_error (error, CLOSENESS_ICS_ERROR_NOT_CALENDAR,
                 _("The calendar file contains binary data and was not read."));
      return NULL;
    }

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  out = g_string_sized_new (length + 1);

#define FLUSH_LOGICAL_LINE() \
  G_STMT_START { \
    if (logical != NULL && logical_length <= MAX_LINE) \
      g_string_append_len (out, logical, logical_length); \
    else if (logical != NULL) \
      (*n_dropped)++; \
  } G_STMT_END

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *next = eol != NULL ? eol + 1 : end;
      gsize line_length = (eol != NULL ? eol : end) - p;
      gboolean continuation = *p == ' ' || *p == '\t';

      if (!continuation)
        {
          FLUSH_LOGICAL_LINE ();
          logical = p;
          logical_length = 0;
        }
      logical_length += next - p;

      while (line_length > 0 && (p[line_length - 1] == '\r' || p[line_length - 1] == ' '))
        line_length--;

      if (line_length > 0 && !continuation)
        {
          if (first)
            {
              if (line_length != 15 || g_ascii_strncasecmp (p, "BEGIN:VCALENDAR", 15) != 0)
                {
                  _closeness_ics_set_error (error, CLOSENESS_ICS_ERROR_NOT_CALENDAR,
                             _("This is not an iCalendar file."));
                  return NULL;
                }
              first = FALSE;
            }

          if (line_length >= 6 && g_ascii_strncasecmp (p, "BEGIN:", 6) == 0)
            {
              if (++depth > CLOSENESS_ICS_MAX_DEPTH)
                {
                  _closeness_ics_set_error (error, CLOSENESS_ICS_ERROR_TOO_DEEP,
                             _("The calendar file is nested too deeply to be read."));
                  return NULL;
                }
              if (++components > MAX_COMPONENTS)
                {
                  _closeness_ics_set_error (error, CLOSENESS_ICS_ERROR_TOO_BIG,
                             _("The calendar file has too many entries to be read."));
                  return NULL;
                }
            }
          else if (line_length >= 4 && g_ascii_strncasecmp (p, "END:", 4) == 0)
            {
              if (depth == 0)
                {
                  _closeness_ics_set_error (error, CLOSENESS_ICS_ERROR_NOT_CALENDAR,
                             _("The calendar file is damaged and could not be read."));
                  return NULL;
                }
              depth--;
            }
        }

      p = next;
    }

  FLUSH_LOGICAL_LINE ();
#undef FLUSH_LOGICAL_LINE

  if (first)
    {
      _closeness_ics_set_error (error, CLOSENESS_ICS_ERROR_NOT_CALENDAR,
                                _("The calendar file is empty."));
      return NULL;
    }

  /* A cut-off file could silently lose events: refuse it as a whole. */
  if (depth != 0)
    {
      _closeness_ics_set_error (error, CLOSENESS_ICS_ERROR_NOT_CALENDAR,
                 _("The calendar file is incomplete and could not be read."));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define READ_CHUNK (64 * 1024)

/* Reads an ordinary file of at most CLOSENESS_ICS_MAX_SIZE bytes, also
 * when it grows while being read. */
char *
_closeness_ics_load_file (GFile         *file,
           gsize         *length,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  goffset size = 0;

  stream = closeness_import_file_open (file, &size, cancellable, error);
  if (stream == NULL)
    return NULL;

  if (size > CLOSENESS_ICS_MAX_SIZE)
    {
      _closeness_ics_set_error (error, CLOSENESS_ICS_ERROR_TOO_BIG,
                 _("The calendar file is larger than 20 MB and was not read."));
      return NULL;
    }

  bytes = g_byte_array_sized_new (size + 1);
  for (;;)
    {
      gsize used = bytes->len;
      gssize n;

      g_byte_array_set_size (bytes, used + READ_CHUNK);
      n = g_input_stream_read (G_INPUT_STREAM (stream), bytes->data + used, READ_CHUNK,
                               cancellable, error);
      g_byte_array_set_size (bytes, used + MAX (n, 0));
      if (n < 0)
        return NULL;
      if (n == 0)
        break;

      if (bytes->len > CLOSENESS_ICS_MAX_SIZE)
        {
          _closeness_ics_set_error (error, CLOSENESS_ICS_ERROR_TOO_BIG,
                     _("The calendar file is larger than 20 MB and was not read."));
          return NULL;
        }
    }

  *length = bytes->len;

  return (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
}

static void
ics_block_free (IcsBlock *block)
{
  g_free (block->name);
  g_free (block->text);
  g_free (block);
}

/**
 * _closeness_ics_split_blocks:
 * @text: the text prepare_text() made
 *
 * The components directly inside each VCALENDAR (VEVENT, VTIMEZONE, …) as
 * the file wrote them, in order, line ends made CRLF and folding kept: what
 * the store keeps of an event, so that an export writes it back unchanged.
 *
 * Returns: (transfer full) (element-type IcsBlock): the blocks
 */
GPtrArray *
_closeness_ics_split_blocks (const char *text)
{
  GPtrArray *blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) ics_block_free);
  g_autoptr(GString) current = NULL;
  const char *p = text;
  guint depth = 0;
  int calendar = -1;

  while (*p != '\0')
    {
      const char *eol = strchr (p, '\n');
      const char *next = eol != NULL ? eol + 1 : p + strlen (p);
      gsize length = (eol != NULL ? eol : next) - p;
      gboolean begin, end;

      if (length > 0 && p[length - 1] == '\r')
        length--;
      begin = length > 6 && g_ascii_strncasecmp (p, "BEGIN:", 6) == 0;
      end = length > 4 && g_ascii_strncasecmp (p, "END:", 4) == 0;

      if (begin && depth == 0)
        calendar++;
      if (begin && depth == 1)
        current = g_string_new (NULL);
      if (current != NULL)
        {
          g_string_append_len (current, p, length);
          g_string_append (current, "\r\n");
        }
      if (begin)
        depth++;
      if (end && depth > 0)
        {
          depth--;
          if (depth == 1 && current != NULL)
            {
              IcsBlock *block = g_new0 (IcsBlock, 1);
              const char *colon = memchr (current->str, ':', current->len);
              const char *name_end = current->str + strcspn (current->str, "\r");

              block->name = g_ascii_strup (colon + 1, name_end - colon - 1);
              block->calendar = calendar;
              block->text = g_string_free (g_steal_pointer (&current), FALSE);
              g_ptr_array_add (blocks, block);
            }
        }
      p = next;
    }

  return blocks;
}
