/* closeness-store-records.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "closeness-store-records-private.h"

/* The record API of ClosenessStore: validation, the SQL of each write, and
 * the models the pages bind to. Messages never quote what people wrote.
 * This file holds what the record files share; the records are in
 * closeness-store-conversations.c, -calendar.c and -selfcare.c. */

gint64
_store_now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

gboolean
_store_invalid (GError     **error,
                const char  *message)
{
  g_set_error_literal (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT, message);
  return FALSE;
}

/* NULL or invalid UTF-8 is refused; length is counted in characters. */
gboolean
_store_check_text (const char  *text,
                   glong        min_chars,
                   glong        max_chars,
                   const char  *message,
                   GError     **error)
{
  gsize bytes;
  glong chars;

  if (text == NULL)
    return _store_invalid (error, message);

  bytes = strlen (text);
  if (bytes > (gsize) max_chars * 4 || !g_utf8_validate (text, bytes, NULL))
    return _store_invalid (error, message);

  chars = g_utf8_strlen (text, bytes);

  return (chars >= min_chars && chars <= max_chars) || _store_invalid (error, message);
}

char *
_store_dup_trimmed (const char *text)
{
  return text != NULL ? g_strstrip (g_strdup (text)) : NULL;
}

gboolean
_store_check_name (const char  *name,
                   glong        max_chars,
                   char       **trimmed,
                   GError     **error)
{
  g_autofree char *copy = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return _store_invalid (error, _("Please enter a name."));

  copy = _store_dup_trimmed (name);

  if (!_store_check_text (copy, 1, max_chars, NULL, NULL))
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A name needs between 1 and %ld character.",
                                "A name needs between 1 and %ld characters.",
                                max_chars),
                   max_chars);
      return FALSE;
    }

  *trimmed = g_steal_pointer (&copy);

  return TRUE;
}

static gboolean
is_color (const char *color)
{
  if (color[0] == '\0')
    return TRUE;

  if (strlen (color) != 7 || color[0] != '#')
    return FALSE;

  for (guint i = 1; i < 7; i++)
    {
      if (!g_ascii_isxdigit (color[i]))
        return FALSE;
    }

  return TRUE;
}

gboolean
_store_parse_digits (const char *s,
                     guint       n,
                     int        *out)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s[i]))
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }

  *out = v;

  return TRUE;
}

static gboolean
parse_day (const char *day,
           int        *y,
           int        *m,
           int        *d)
{
  if (day == NULL || strlen (day) != 10 || day[4] != '-' || day[7] != '-')
    return FALSE;

  return _store_parse_digits (day, 4, y) && _store_parse_digits (day + 5, 2, m) &&
         _store_parse_digits (day + 8, 2, d) &&
         *y >= 1900 && *m >= 1 && *m <= 12 && *d >= 1 &&
         g_date_valid_dmy (*d, *m, *y);
}

char *
_store_tomorrow_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);

  return g_date_time_format (tomorrow, "%Y-%m-%d");
}

gboolean
_store_check_day_before (const char  *day,
                         const char  *latest,
                         GError     **error)
{
  int y, m, d;

  if (!parse_day (day, &y, &m, &d))
    return _store_invalid (error, _("The date is not valid."));

  /* Days compare as strings in this format. One day of slack for a partner
   * in another time zone. */
  if (strcmp (day, latest) > 0)
    return _store_invalid (error, _("The date is in the future."));

  return TRUE;
}

gboolean
_closeness_store_check_day (const char  *day,
                            GError     **error)
{
  g_autofree char *latest = _store_tomorrow_string ();

  return _store_check_day_before (day, latest, error);
}

/* Any day 1900 … 2200 (calendar dates may be in the future). */
gboolean
_store_check_calendar_day (const char  *day,
                           GError     **error)
{
  int y, m, d;

  if (!parse_day (day, &y, &m, &d) || y > 2200)
    return _store_invalid (error, _("The date is not valid."));

  return TRUE;
}

/* The same rules for a whole-data import (closeness-store-import.c). */
gboolean
_closeness_store_check_text (const char  *text,
                             glong        min_chars,
                             glong        max_chars)
{
  return _store_check_text (text, min_chars, max_chars, NULL, NULL);
}

gboolean
_closeness_store_check_calendar_day (const char *day)
{
  return _store_check_calendar_day (day, NULL);
}

gboolean
_closeness_store_check_time_of_day (const char *time_of_day)
{
  int h, m;

  return time_of_day != NULL && strlen (time_of_day) == 5 && time_of_day[2] == ':' &&
         _store_parse_digits (time_of_day, 2, &h) && _store_parse_digits (time_of_day + 3, 2, &m) &&
         h <= 23 && m <= 59;
}

gboolean
_closeness_store_is_color (const char *color)
{
  return color != NULL && is_color (color);
}

gboolean
_store_check_id (gint64   id,
                 GError **error)
{
  if (id <= 0)
    {
      g_set_error_literal (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_NOT_FOUND,
                           _("It no longer exists."));
      return FALSE;
    }

  return TRUE;
}

gboolean
_store_check_slot (guint    slot,
                   GError **error)
{
  return slot <= 1 || _store_invalid (error, _("There are only two partners."));
}

ClosenessRecordList *
_store_new_list (ClosenessStore          *self,
                 GType                    type,
                 ClosenessRecordLoadFunc  load,
                 guint                    tables,
                 const char              *sql,
                 GVariant                *params)
{
  return _closeness_store_track_list (self, _closeness_record_list_new (type, load, tables,
                                                                       sql, params));
}

gpointer
_store_ref_from_list (ClosenessRecordList *list,
                      gint64               id)
{
  gpointer item = closeness_record_list_lookup (list, id, NULL);

  return item != NULL ? g_object_ref (item) : NULL;
}

gint64
_store_run_for_id (ClosenessStore  *self,
                   StoreWrite      *write,
                   GError         **error)
{
  if (!_closeness_store_run (self, write, error))
    return 0;

  return self->last_result_id;
}

/* The end of a batch's step (closeness_store_add_events(), _add_entries()):
 * turns a failed statement (@rc) into @error with @message, or hands what was
 * added and updated to the caller while it still waits (@counts is NULL
 * once a kept batch is replayed later). */
gboolean
_store_finish_batch (sqlite3     *db,
                     int          rc,
                     guint       *counts,
                     guint        n_added,
                     guint        n_updated,
                     const char  *message,
                     GError     **error)
{
  if (rc != SQLITE_OK)
    {
      _closeness_store_set_error_from_rc (error, db, rc, message);
      return FALSE;
    }

  if (counts != NULL)
    {
      counts[0] = n_added;
      counts[1] = n_updated;
    }

  return TRUE;
}

/* Runs a batch @write whose step fills @counts (added, updated) and gives
 * them to the caller's optional @n_added and @n_updated only when the batch
 * was saved now; a kept batch reports neither. */
gboolean
_store_run_batch (ClosenessStore  *self,
                  StoreWrite      *write,
                  const guint     *counts,
                  guint           *n_added,
                  guint           *n_updated,
                  GError         **error)
{
  if (!_closeness_store_run (self, write, error))
    return FALSE;

  if (n_added != NULL)
    *n_added = counts[0];
  if (n_updated != NULL)
    *n_updated = counts[1];

  return TRUE;
}

gboolean
_store_set_deleted (ClosenessStore  *self,
                    const char      *table,
                    guint            tables,
                    gint64           id,
                    gboolean         deleted,
                    const char      *what,
                    GError         **error)
{
  g_autofree char *sql = NULL;
  StoreWrite *write;

  if (!_store_check_id (id, error))
    return FALSE;

  sql = g_strdup_printf ("UPDATE %s SET deleted_at = %s WHERE id = ? AND deleted_at IS %s", table,
                         deleted ? "CAST (strftime ('%%s', 'now') AS INTEGER)" : "NULL",
                         deleted ? "NULL" : "NOT NULL");
  write = _store_write_new (tables, what);
  _store_write_add (write, TRUE, sql, g_variant_new ("(x)", id));

  return _closeness_store_run (self, write, error);
}

GVariant *
_store_maybe_string (const char *value)
{
  return g_variant_new_maybe (G_VARIANT_TYPE_STRING,
                              value != NULL ? g_variant_new_string (value) : NULL);
}

/* Partners and app_state */

/**
 * closeness_store_get_partners:
 *
 * Returns: (transfer none): always two #ClosenessPartner, slot 0 and 1
 */
GListModel *
closeness_store_get_partners (ClosenessStore *self)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  return G_LIST_MODEL (self->partners);
}

gboolean
closeness_store_update_partner (ClosenessStore  *self,
                                guint            slot,
                                const char      *name,
                                const char      *color,
                                GError         **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *lower = NULL;
  StoreWrite *write;
  glong length;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (slot > 1)
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                   _("There are only two partners."));
      return FALSE;
    }

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                   _("Please enter a name."));
      return FALSE;
    }

  trimmed = g_strstrip (g_strdup (name));
  length = g_utf8_strlen (trimmed, -1);

  /* An empty name is allowed: the app then shows "Partner 1" or "Partner 2". */
  if (length > CLOSENESS_STORE_MAX_NAME)
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A name can have at most %d character.",
                                "A name can have at most %d characters.",
                                CLOSENESS_STORE_MAX_NAME),
                   CLOSENESS_STORE_MAX_NAME);
      return FALSE;
    }

  if (color == NULL)
    color = "";

  if (!_closeness_store_is_color (color))
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                   _("The color is not valid."));
      return FALSE;
    }

  lower = g_ascii_strdown (color, -1);

  write = _store_write_new (STORE_TABLE_PARTNERS, _("The name could not be saved."));
  _store_write_add (write, TRUE,
                    "UPDATE partners SET name = ?, color = ? WHERE slot = ?",
                    g_variant_new ("(ssx)", trimmed, lower, (gint64) slot));

  return _closeness_store_run (self, write, error);
}

static gboolean
check_state_key (const char  *key,
                 GError     **error)
{
  gsize len;

  if (key == NULL || (len = strlen (key)) == 0 || len > 200 || !g_utf8_validate (key, -1, NULL))
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                   _("The setting name is not valid."));
      return FALSE;
    }

  return TRUE;
}

/**
 * closeness_store_dup_state:
 *
 * Returns: (transfer full) (nullable): the value stored under @key
 */
char *
closeness_store_dup_state (ClosenessStore *self,
                           const char     *key)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (!check_state_key (key, NULL))
    return NULL;

  return _store_dup_text (self, "SELECT value FROM app_state WHERE key = ?", key);
}

/* The text column of the first row @sql (one text parameter) returns. */
char *
_store_dup_text (ClosenessStore *self,
                 const char     *sql,
                 const char     *param)
{
  sqlite3_stmt *stmt;
  char *value = NULL;
  int rc;

  stmt = _closeness_store_get_statement (self, sql, &rc);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return value;
}

/**
 * closeness_store_set_state:
 * @value: (nullable): the value, or %NULL to remove the key
 */
gboolean
closeness_store_set_state (ClosenessStore  *self,
                           const char      *key,
                           const char      *value,
                           GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (!check_state_key (key, error))
    return FALSE;

  if (value != NULL &&
      (!g_utf8_validate (value, -1, NULL) || strlen (value) > 4 * CLOSENESS_STORE_MAX_TEXT))
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                   _("The setting is not valid."));
      return FALSE;
    }

  write = _store_write_new (STORE_TABLE_STATE, _("A setting could not be saved."));

  if (value != NULL)
    _store_write_add (write, FALSE,
                      "INSERT INTO app_state (key, value) VALUES (?, ?) "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                      g_variant_new ("(ss)", key, value));
  else
    _store_write_add (write, FALSE, "DELETE FROM app_state WHERE key = ?",
                      g_variant_new ("(s)", key));

  return _closeness_store_run (self, write, error);
}
