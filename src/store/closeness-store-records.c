/* closeness-store-records.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "closeness-activity-private.h"
#include "closeness-answer-private.h"
#include "closeness-deck-private.h"
#include "closeness-entry-private.h"
#include "closeness-event-private.h"
#include "closeness-prompt-private.h"
#include "closeness-reminder-private.h"
#include "closeness-store-private.h"

/* The record API of ClosenessStore: validation, the SQL of each write, and
 * the models the pages bind to. Messages never quote what people wrote. */

#define PROMPT_TABLES (STORE_TABLE_PROMPTS | STORE_TABLE_FAVOURITES | \
                       STORE_TABLE_DISCUSSED | STORE_TABLE_ANSWERS | STORE_TABLE_NOTES)
#define DECK_TABLES   (STORE_TABLE_DECKS | STORE_TABLE_PROMPTS | STORE_TABLE_DISCUSSED)

#define DECK_COLUMNS \
  "SELECT d.id, d.builtin_key, d.name, d.description, d.position, d.builtin_key IS NULL, " \
  "  d.retired, " \
  "  (SELECT count(*) FROM prompts p " \
  "   WHERE p.deck_id = d.id AND p.deleted_at IS NULL AND p.retired = 0), " \
  "  (SELECT count(DISTINCT x.prompt_id) FROM discussed x JOIN prompts p ON p.id = x.prompt_id " \
  "   WHERE p.deck_id = d.id AND p.deleted_at IS NULL) " \
  "FROM decks d "

#define PROMPT_COLUMNS \
  "SELECT p.id, p.deck_id, p.builtin_key, p.text, p.follow_up, p.intensity, p.position, " \
  "  p.builtin_key IS NULL, p.retired, " \
  "  EXISTS (SELECT 1 FROM favourites f WHERE f.prompt_id = p.id), " \
  "  (SELECT max(day) FROM discussed x WHERE x.prompt_id = p.id), " \
  "  (SELECT coalesce(sum(1 << a.slot), 0) FROM answers a WHERE a.prompt_id = p.id), " \
  "  p.updated_at " \
  "FROM prompts p "

/* A retired built-in prompt stays visible while it holds the couple's data. */
#define PROMPT_VISIBLE \
  "p.deleted_at IS NULL AND (p.retired = 0 " \
  "  OR EXISTS (SELECT 1 FROM answers a WHERE a.prompt_id = p.id) " \
  "  OR EXISTS (SELECT 1 FROM favourites f WHERE f.prompt_id = p.id) " \
  "  OR EXISTS (SELECT 1 FROM discussed x WHERE x.prompt_id = p.id) " \
  "  OR EXISTS (SELECT 1 FROM conversation_notes n WHERE n.prompt_id = p.id)) "

/* The prompts of closeness_store_get_prompts() */
#define PROMPT_MODEL_WHERE \
  "WHERE " PROMPT_VISIBLE "  AND (SELECT deleted_at FROM decks WHERE id = p.deck_id) IS NULL "

#define PROMPT_ORDER \
  "ORDER BY (SELECT position FROM decks WHERE id = p.deck_id), p.deck_id, p.position, p.id"

#define EVENT_FIELDS \
  "id, uid, recurrence_id, summary, dtstart, tzid, duration_minutes, rrule, exdates, " \
  "  planned_by, coalesce(deck_id, 0), notes, ical_raw, etag, href, updated_at "

#define EVENT_COLUMNS "SELECT " EVENT_FIELDS "FROM events "

#define REMINDER_COLUMNS \
  "SELECT id, coalesce(event_id, 0), coalesce(activity_id, 0), offset_minutes, time_of_day, " \
  "  weekdays, coalesce(snoozed_until, 0), coalesce(last_fired_at, 0), enabled FROM reminders "

#define ACTIVITY_COLUMNS \
  "SELECT id, builtin_key, name, icon, color, owner, private, goal_kind, goal_count, position, " \
  "  archived_at IS NOT NULL FROM activities "

#define ENTRY_COLUMNS \
  "SELECT id, activity_id, slot, day, kind, note, updated_at FROM selfcare_entries "

static gint64
now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT, message);
  return FALSE;
}

/* NULL or invalid UTF-8 is refused; length is counted in characters. */
static gboolean
check_text (const char  *text,
            glong        min_chars,
            glong        max_chars,
            const char  *message,
            GError     **error)
{
  gsize bytes;
  glong chars;

  if (text == NULL)
    return invalid (error, message);

  bytes = strlen (text);
  if (bytes > (gsize) max_chars * 4 || !g_utf8_validate (text, bytes, NULL))
    return invalid (error, message);

  chars = g_utf8_strlen (text, bytes);

  return (chars >= min_chars && chars <= max_chars) || invalid (error, message);
}

static char *
dup_trimmed (const char *text)
{
  return text != NULL ? g_strstrip (g_strdup (text)) : NULL;
}

static gboolean
check_name (const char  *name,
            glong        max_chars,
            char       **trimmed,
            GError     **error)
{
  g_autofree char *copy = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return invalid (error, _("Please enter a name."));

  copy = dup_trimmed (name);

  if (!check_text (copy, 1, max_chars, NULL, NULL))
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

static gboolean
parse_digits (const char *s,
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

  return parse_digits (day, 4, y) && parse_digits (day + 5, 2, m) &&
         parse_digits (day + 8, 2, d) &&
         *y >= 1900 && *m >= 1 && *m <= 12 && *d >= 1 &&
         g_date_valid_dmy (*d, *m, *y);
}

static char *
tomorrow_string (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);

  return g_date_time_format (tomorrow, "%Y-%m-%d");
}

static gboolean
check_day_before (const char  *day,
                  const char  *latest,
                  GError     **error)
{
  int y, m, d;

  if (!parse_day (day, &y, &m, &d))
    return invalid (error, _("The date is not valid."));

  /* Days compare as strings in this format. One day of slack for a partner
   * in another time zone. */
  if (strcmp (day, latest) > 0)
    return invalid (error, _("The date is in the future."));

  return TRUE;
}

gboolean
_closeness_store_check_day (const char  *day,
                            GError     **error)
{
  g_autofree char *latest = tomorrow_string ();

  return check_day_before (day, latest, error);
}

/* Any day 1900 … 2200 (calendar dates may be in the future). */
static gboolean
check_calendar_day (const char  *day,
                    GError     **error)
{
  int y, m, d;

  if (!parse_day (day, &y, &m, &d) || y > 2200)
    return invalid (error, _("The date is not valid."));

  return TRUE;
}

static gboolean
check_dtstart (const char  *dtstart,
               GError     **error)
{
  g_autofree char *day = NULL;
  int h, mi, s;

  if (dtstart == NULL)
    return invalid (error, _("The start is not valid."));

  if (strlen (dtstart) == 10)
    return check_calendar_day (dtstart, error);

  if (strlen (dtstart) != 19 || dtstart[10] != 'T' || dtstart[13] != ':' || dtstart[16] != ':')
    return invalid (error, _("The start is not valid."));

  day = g_strndup (dtstart, 10);

  if (!check_calendar_day (day, NULL) ||
      !parse_digits (dtstart + 11, 2, &h) || !parse_digits (dtstart + 14, 2, &mi) ||
      !parse_digits (dtstart + 17, 2, &s) || h > 23 || mi > 59 || s > 59)
    return invalid (error, _("The start is not valid."));

  return TRUE;
}

/* @known: NULL, or names already found good (GLib reads the zone file
 * again for every lookup once a zone is unreferenced, which adds up for a
 * batch of thousands of events). */
static gboolean
check_tzid (const char  *tzid,
            GHashTable  *known,
            GError     **error)
{
  GTimeZone *tz;

  if (tzid == NULL || tzid[0] == '\0')
    return TRUE;

  if (known != NULL && g_hash_table_contains (known, tzid))
    return TRUE;

  if (strlen (tzid) > 64 || !g_utf8_validate (tzid, -1, NULL))
    return invalid (error, _("The time zone is not known."));

  tz = g_time_zone_new_identifier (tzid);
  if (tz == NULL)
    return invalid (error, _("The time zone is not known."));

  g_time_zone_unref (tz);

  if (known != NULL)
    g_hash_table_add (known, g_strdup (tzid));

  return TRUE;
}

/* The same rules for a whole-data import (closeness-store-import.c). */
gboolean
_closeness_store_check_text (const char  *text,
                             glong        min_chars,
                             glong        max_chars)
{
  return check_text (text, min_chars, max_chars, NULL, NULL);
}

gboolean
_closeness_store_check_calendar_day (const char *day)
{
  return check_calendar_day (day, NULL);
}

gboolean
_closeness_store_check_dtstart (const char *dtstart)
{
  return check_dtstart (dtstart, NULL);
}

gboolean
_closeness_store_check_tzid (const char *tzid,
                             GHashTable *known)
{
  return check_tzid (tzid, known, NULL);
}

gboolean
_closeness_store_check_time_of_day (const char *time_of_day)
{
  int h, m;

  return time_of_day != NULL && strlen (time_of_day) == 5 && time_of_day[2] == ':' &&
         parse_digits (time_of_day, 2, &h) && parse_digits (time_of_day + 3, 2, &m) &&
         h <= 23 && m <= 59;
}

gboolean
_closeness_store_is_color (const char *color)
{
  return color != NULL && is_color (color);
}

static gboolean
check_id (gint64   id,
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

static gboolean
check_slot (guint    slot,
            GError **error)
{
  return slot <= 1 || invalid (error, _("There are only two partners."));
}

static ClosenessRecordList *
new_list (ClosenessStore          *self,
          GType                    type,
          ClosenessRecordLoadFunc  load,
          guint                    tables,
          const char              *sql,
          GVariant                *params)
{
  return _closeness_store_track_list (self, _closeness_record_list_new (type, load, tables,
                                                                       sql, params));
}

static gpointer
ref_from_list (ClosenessRecordList *list,
               gint64               id)
{
  gpointer item = closeness_record_list_lookup (list, id, NULL);

  return item != NULL ? g_object_ref (item) : NULL;
}

static gboolean
run (ClosenessStore  *self,
     StoreWrite      *write,
     GError         **error)
{
  return _closeness_store_run (self, write, error);
}

static gint64
run_for_id (ClosenessStore  *self,
            StoreWrite      *write,
            GError         **error)
{
  if (!_closeness_store_run (self, write, error))
    return 0;

  return self->last_result_id;
}

/* Decks and prompts */

/**
 * closeness_store_sync_library:
 * @library_version: changes whenever the built-in library changes
 *
 * Brings the built-in decks and prompts up to date, matched by key: new
 * ones are added, changed ones updated, removed ones marked retired (their
 * answers, favourites and history stay). Does nothing when
 * @library_version was already synced.
 */
gboolean
closeness_store_sync_library (ClosenessStore               *self,
                              const char                   *library_version,
                              const ClosenessLibraryDeck   *decks,
                              guint                         n_decks,
                              const ClosenessLibraryPrompt *prompts,
                              guint                         n_prompts,
                              GError                      **error)
{
  g_autofree char *synced = NULL;
  g_autoptr(GHashTable) deck_keys = NULL;
  StoreWrite *write;
  gint64 now = now_unix ();

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (library_version == NULL || library_version[0] == '\0')
    return invalid (error, _("The question library is not valid."));

  synced = closeness_store_dup_state (self, "library-version");
  if (g_strcmp0 (synced, library_version) == 0)
    return TRUE;

  deck_keys = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n_decks; i++)
    {
      if (decks[i].key == NULL || decks[i].key[0] == '\0' ||
          !check_text (decks[i].name, 1, CLOSENESS_STORE_MAX_TITLE, NULL, NULL) ||
          !check_text (decks[i].description ? decks[i].description : "", 0,
                       CLOSENESS_STORE_MAX_TEXT, NULL, NULL))
        return invalid (error, _("The question library is not valid."));
      g_hash_table_add (deck_keys, (gpointer) decks[i].key);
    }

  for (guint i = 0; i < n_prompts; i++)
    {
      if (prompts[i].key == NULL || prompts[i].key[0] == '\0' ||
          prompts[i].deck_key == NULL || !g_hash_table_contains (deck_keys, prompts[i].deck_key) ||
          !check_text (prompts[i].text, 1, CLOSENESS_STORE_MAX_TEXT, NULL, NULL) ||
          !check_text (prompts[i].follow_up ? prompts[i].follow_up : "", 0,
                       CLOSENESS_STORE_MAX_TEXT, NULL, NULL) ||
          (guint) prompts[i].intensity > CLOSENESS_INTENSITY_SPICY)
        return invalid (error, _("The question library is not valid."));
    }

  write = _store_write_new (DECK_TABLES | PROMPT_TABLES | STORE_TABLE_STATE,
                            _("The question library could not be updated."));

  _store_write_add (write, FALSE, "UPDATE decks SET retired = 1 WHERE builtin_key IS NOT NULL", NULL);
  for (guint i = 0; i < n_decks; i++)
    _store_write_add (write, FALSE,
                      "INSERT INTO decks (builtin_key, name, description, position, retired, "
                      "  created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?) "
                      "ON CONFLICT (builtin_key) DO UPDATE SET name = excluded.name, "
                      "  description = excluded.description, position = excluded.position, "
                      "  retired = 0, updated_at = excluded.updated_at",
                      g_variant_new ("(sssxxx)", decks[i].key, decks[i].name,
                                     decks[i].description ? decks[i].description : "",
                                     (gint64) i, now, now));

  _store_write_add (write, FALSE, "UPDATE prompts SET retired = 1 WHERE builtin_key IS NOT NULL", NULL);
  for (guint i = 0; i < n_prompts; i++)
    _store_write_add (write, FALSE,
                      "INSERT INTO prompts (builtin_key, deck_id, text, follow_up, intensity, "
                      "  position, retired, created_at, updated_at) "
                      "VALUES (?, (SELECT id FROM decks WHERE builtin_key = ?), ?, ?, ?, ?, 0, ?, ?) "
                      "ON CONFLICT (builtin_key) DO UPDATE SET deck_id = excluded.deck_id, "
                      "  text = excluded.text, follow_up = excluded.follow_up, "
                      "  intensity = excluded.intensity, position = excluded.position, "
                      "  retired = 0, updated_at = excluded.updated_at",
                      g_variant_new ("(ssssxxxx)", prompts[i].key, prompts[i].deck_key,
                                     prompts[i].text,
                                     prompts[i].follow_up ? prompts[i].follow_up : "",
                                     (gint64) prompts[i].intensity, (gint64) i, now, now));

  _store_write_add (write, FALSE,
                    "INSERT INTO app_state (key, value) VALUES ('library-version', ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    g_variant_new ("(s)", library_version));

  return run (self, write, error);
}

/**
 * closeness_store_get_decks:
 *
 * Returns: (transfer none): the decks (#ClosenessDeck), built-in first
 */
GListModel *
closeness_store_get_decks (ClosenessStore *self)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (self->decks == NULL)
    self->decks = new_list (self, CLOSENESS_TYPE_DECK, _closeness_deck_new_from_stmt, DECK_TABLES,
                            DECK_COLUMNS
                            "WHERE d.deleted_at IS NULL AND (d.retired = 0 OR EXISTS ("
                            "  SELECT 1 FROM prompts p WHERE p.deck_id = d.id AND "
                            PROMPT_VISIBLE "))"
                            "ORDER BY d.position, d.id",
                            NULL);

  return G_LIST_MODEL (self->decks);
}

static gboolean
check_deck_fields (const char  *name,
                   const char  *description,
                   char       **trimmed,
                   GError     **error)
{
  if (!check_name (name, CLOSENESS_STORE_MAX_TITLE, trimmed, error))
    return FALSE;

  if (description != NULL &&
      !check_text (description, 0, CLOSENESS_STORE_MAX_TEXT, _("The description is too long."), error))
    {
      g_clear_pointer (trimmed, g_free);
      return FALSE;
    }

  return TRUE;
}

/**
 * closeness_store_create_deck:
 *
 * Returns: (transfer full): the new deck, also in closeness_store_get_decks()
 */
ClosenessDeck *
closeness_store_create_deck (ClosenessStore  *self,
                             const char      *name,
                             const char      *description,
                             GError         **error)
{
  g_autofree char *trimmed = NULL;
  StoreWrite *write;
  gint64 now = now_unix ();
  gint64 id;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (!check_deck_fields (name, description, &trimmed, error))
    return NULL;

  closeness_store_get_decks (self);

  write = _store_write_new (DECK_TABLES, _("The deck could not be saved."));
  _store_write_add (write, FALSE,
                    "INSERT INTO decks (name, description, position, created_at, updated_at) "
                    "VALUES (?, ?, (SELECT coalesce(max(position), 0) + 1 FROM decks), ?, ?) "
                    "RETURNING id",
                    g_variant_new ("(ssxx)", trimmed, description ? description : "", now, now));

  if (!(id = run_for_id (self, write, error)))
    return NULL;

  return ref_from_list (self->decks, id);
}

gboolean
closeness_store_update_deck (ClosenessStore  *self,
                             gint64           deck_id,
                             const char      *name,
                             const char      *description,
                             GError         **error)
{
  g_autofree char *trimmed = NULL;
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (!check_id (deck_id, error) || !check_deck_fields (name, description, &trimmed, error))
    return FALSE;

  write = _store_write_new (DECK_TABLES, _("The deck could not be saved."));
  _store_write_add (write, TRUE,
                    "UPDATE decks SET name = ?, description = ?, updated_at = ? "
                    "WHERE id = ? AND builtin_key IS NULL",
                    g_variant_new ("(ssxx)", trimmed, description ? description : "",
                                   now_unix (), deck_id));

  return run (self, write, error);
}

static gboolean
set_deleted (ClosenessStore  *self,
             const char      *table,
             guint            tables,
             gint64           id,
             gboolean         deleted,
             const char      *what,
             GError         **error)
{
  g_autofree char *sql = NULL;
  StoreWrite *write;

  if (!check_id (id, error))
    return FALSE;

  sql = g_strdup_printf ("UPDATE %s SET deleted_at = %s WHERE id = ? AND deleted_at IS %s",
                         table, deleted ? "CAST (strftime ('%%s', 'now') AS INTEGER)" : "NULL", deleted ? "NULL" : "NOT NULL");
  write = _store_write_new (tables, what);
  _store_write_add (write, TRUE, sql, g_variant_new ("(x)", id));

  return run (self, write, error);
}

/**
 * closeness_store_delete_deck:
 *
 * Hides a custom deck and its prompts; closeness_store_undelete_deck()
 * brings them back (the Undo of the toast).
 */
gboolean
closeness_store_delete_deck (ClosenessStore  *self,
                             gint64           deck_id,
                             GError         **error)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  return set_deleted (self, "decks", DECK_TABLES | PROMPT_TABLES, deck_id, TRUE,
                      _("The deck could not be deleted."), error);
}

gboolean
closeness_store_undelete_deck (ClosenessStore  *self,
                               gint64           deck_id,
                               GError         **error)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  return set_deleted (self, "decks", DECK_TABLES | PROMPT_TABLES, deck_id, FALSE,
                      _("The deck could not be restored."), error);
}

/**
 * closeness_store_get_prompts:
 *
 * Returns: (transfer none): all prompts (#ClosenessPrompt) of live decks,
 *   in deck order
 */
GListModel *
closeness_store_get_prompts (ClosenessStore *self)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (self->prompts == NULL)
    self->prompts = new_list (self, CLOSENESS_TYPE_PROMPT, _closeness_prompt_new_from_stmt,
                              PROMPT_TABLES | STORE_TABLE_DECKS,
                              PROMPT_COLUMNS PROMPT_MODEL_WHERE PROMPT_ORDER,
                              NULL);

  return G_LIST_MODEL (self->prompts);
}

static void
prompt_key_clear (gpointer data)
{
  ClosenessPromptKey *key = data;

  g_clear_pointer (&key->builtin_key, g_free);
}

/**
 * closeness_store_get_prompt_keys:
 *
 * The prompts of closeness_store_get_prompts(), in the same order, as plain
 * structs without text: enough to choose one (the question of the day) without
 * loading them all. Not a live model: the result is kept until the next
 * change to the data (any write, a change made by another program, a
 * restore), so a second call in between costs nothing. The application's
 * opening thread makes the first call, while GTK starts.
 *
 * Returns: (transfer full) (element-type ClosenessPromptKey): the keys, shared:
 *   read them, do not change them; %NULL with @error set when the database
 *   cannot be read
 */
GArray *
closeness_store_get_prompt_keys (ClosenessStore  *self,
                                 GError         **error)
{
  g_autoptr(GArray) keys = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (self->prompt_keys != NULL)
    return g_array_ref (self->prompt_keys);

  keys = g_array_new (FALSE, TRUE, sizeof (ClosenessPromptKey));
  g_array_set_clear_func (keys, prompt_key_clear);

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT p.id, p.deck_id, p.intensity, p.retired, p.builtin_key "
                           "FROM prompts p " PROMPT_MODEL_WHERE PROMPT_ORDER,
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ClosenessPromptKey key = {
        .id = sqlite3_column_int64 (stmt, 0),
        .deck_id = sqlite3_column_int64 (stmt, 1),
        .intensity = sqlite3_column_int (stmt, 2),
        .retired = sqlite3_column_int (stmt, 3) != 0,
        .builtin_key = g_strdup ((const char *) sqlite3_column_text (stmt, 4)),
      };

      g_array_append_val (keys, key);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      g_set_error_literal (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_FAILED,
                           _("The questions could not be read."));
      return NULL;
    }

  self->prompt_keys = g_array_ref (keys);

  return g_steal_pointer (&keys);
}

/**
 * closeness_store_get_prompt:
 *
 * One prompt as closeness_store_get_prompts() has it, without loading the
 * others: from that model when it is loaded, else from the database.
 *
 * Returns: (transfer full) (nullable): the prompt, or %NULL when there is no
 *   such prompt in closeness_store_get_prompts()
 */
ClosenessPrompt *
closeness_store_get_prompt (ClosenessStore *self,
                            gint64          prompt_id)
{
  g_autoptr(ClosenessRecordList) list = NULL;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (self->prompts != NULL)
    return ref_from_list (self->prompts, prompt_id);

  list = _closeness_record_list_new (CLOSENESS_TYPE_PROMPT, _closeness_prompt_new_from_stmt,
                                     PROMPT_TABLES | STORE_TABLE_DECKS,
                                     PROMPT_COLUMNS PROMPT_MODEL_WHERE "AND p.id = ?",
                                     g_variant_new ("(x)", prompt_id));
  if (!_closeness_record_list_reload (list, self->db, NULL))
    return NULL;

  return g_list_model_get_n_items (G_LIST_MODEL (list)) > 0
         ? g_list_model_get_item (G_LIST_MODEL (list), 0) : NULL;
}

/**
 * closeness_store_get_deck_prompts:
 *
 * Returns: (transfer full): the prompts of one deck, kept up to date
 */
GListModel *
closeness_store_get_deck_prompts (ClosenessStore *self,
                                  gint64          deck_id)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  return G_LIST_MODEL (new_list (self, CLOSENESS_TYPE_PROMPT, _closeness_prompt_new_from_stmt,
                                 PROMPT_TABLES,
                                 PROMPT_COLUMNS "WHERE p.deck_id = ? AND " PROMPT_VISIBLE
                                 PROMPT_ORDER,
                                 g_variant_new ("(x)", deck_id)));
}

static gboolean
check_prompt_fields (const char          *text,
                     const char          *follow_up,
                     ClosenessIntensity   intensity,
                     GError             **error)
{
  g_autofree char *trimmed = dup_trimmed (text);

  if (trimmed == NULL || trimmed[0] == '\0')
    return invalid (error, _("Please write the question."));

  if (!check_text (text, 1, CLOSENESS_STORE_MAX_TEXT, _("The question is too long."), error) ||
      (follow_up != NULL &&
       !check_text (follow_up, 0, CLOSENESS_STORE_MAX_TEXT, _("The follow-up is too long."), error)))
    return FALSE;

  if ((guint) intensity > CLOSENESS_INTENSITY_SPICY)
    return invalid (error, _("The intensity is not valid."));

  return TRUE;
}

/**
 * closeness_store_create_prompt:
 *
 * Returns: (transfer full): the new custom prompt
 */
ClosenessPrompt *
closeness_store_create_prompt (ClosenessStore      *self,
                               gint64               deck_id,
                               const char          *text,
                               const char          *follow_up,
                               ClosenessIntensity   intensity,
                               GError             **error)
{
  g_autofree char *trimmed = NULL;
  StoreWrite *write;
  gint64 now = now_unix ();
  gint64 id;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (!check_id (deck_id, error) || !check_prompt_fields (text, follow_up, intensity, error))
    return NULL;

  trimmed = dup_trimmed (text);
  closeness_store_get_prompts (self);

  write = _store_write_new (PROMPT_TABLES | STORE_TABLE_DECKS, _("The question could not be saved."));
  _store_write_add (write, FALSE,
                    "INSERT INTO prompts (deck_id, text, follow_up, intensity, position, "
                    "  created_at, updated_at) "
                    "VALUES (?1, ?2, ?3, ?4, "
                    "  (SELECT coalesce(max(position), 0) + 1 FROM prompts WHERE deck_id = ?1), ?5, ?5) "
                    "RETURNING id",
                    g_variant_new ("(xssxx)", deck_id, trimmed, follow_up ? follow_up : "",
                                   (gint64) intensity, now));

  if (!(id = run_for_id (self, write, error)))
    return NULL;

  return ref_from_list (self->prompts, id);
}

gboolean
closeness_store_update_prompt (ClosenessStore      *self,
                               gint64               prompt_id,
                               const char          *text,
                               const char          *follow_up,
                               ClosenessIntensity   intensity,
                               GError             **error)
{
  g_autofree char *trimmed = NULL;
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (!check_id (prompt_id, error) || !check_prompt_fields (text, follow_up, intensity, error))
    return FALSE;

  trimmed = dup_trimmed (text);

  write = _store_write_new (PROMPT_TABLES, _("The question could not be saved."));
  _store_write_add (write, TRUE,
                    "UPDATE prompts SET text = ?, follow_up = ?, intensity = ?, updated_at = ? "
                    "WHERE id = ? AND builtin_key IS NULL",
                    g_variant_new ("(ssxxx)", trimmed, follow_up ? follow_up : "",
                                   (gint64) intensity, now_unix (), prompt_id));

  return run (self, write, error);
}

gboolean
closeness_store_delete_prompt (ClosenessStore  *self,
                               gint64           prompt_id,
                               GError         **error)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  return set_deleted (self, "prompts", PROMPT_TABLES | STORE_TABLE_DECKS, prompt_id, TRUE,
                      _("The question could not be deleted."), error);
}

gboolean
closeness_store_undelete_prompt (ClosenessStore  *self,
                                 gint64           prompt_id,
                                 GError         **error)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  return set_deleted (self, "prompts", PROMPT_TABLES | STORE_TABLE_DECKS, prompt_id, FALSE,
                      _("The question could not be restored."), error);
}

gboolean
closeness_store_set_favourite (ClosenessStore  *self,
                               gint64           prompt_id,
                               gboolean         favourite,
                               GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (!check_id (prompt_id, error))
    return FALSE;

  write = _store_write_new (STORE_TABLE_FAVOURITES, _("The favorite could not be saved."));
  if (favourite)
    _store_write_add (write, FALSE,
                      "INSERT INTO favourites (prompt_id, created_at) VALUES (?, ?) "
                      "ON CONFLICT (prompt_id) DO NOTHING",
                      g_variant_new ("(xx)", prompt_id, now_unix ()));
  else
    _store_write_add (write, FALSE, "DELETE FROM favourites WHERE prompt_id = ?",
                      g_variant_new ("(x)", prompt_id));

  return run (self, write, error);
}

static gboolean
add_prompt_day (ClosenessStore  *self,
                const char      *table,
                guint            tables,
                gint64           prompt_id,
                const char      *day,
                const char      *what,
                GError         **error)
{
  g_autofree char *sql = NULL;
  StoreWrite *write;

  if (!check_id (prompt_id, error) || !_closeness_store_check_day (day, error))
    return FALSE;

  sql = g_strdup_printf ("INSERT INTO %s (prompt_id, day) VALUES (?, ?) "
                         "ON CONFLICT DO NOTHING", table);
  write = _store_write_new (tables, what);
  _store_write_add (write, FALSE, sql, g_variant_new ("(xs)", prompt_id, day));

  return run (self, write, error);
}

gboolean
closeness_store_mark_discussed (ClosenessStore  *self,
                                gint64           prompt_id,
                                const char      *day,
                                GError         **error)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  return add_prompt_day (self, "discussed", STORE_TABLE_DISCUSSED, prompt_id, day,
                         _("The conversation could not be marked as discussed."), error);
}

gboolean
closeness_store_unmark_discussed (ClosenessStore  *self,
                                  gint64           prompt_id,
                                  const char      *day,
                                  GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (!check_id (prompt_id, error) || !_closeness_store_check_day (day, error))
    return FALSE;

  write = _store_write_new (STORE_TABLE_DISCUSSED, _("The change could not be saved."));
  _store_write_add (write, FALSE, "DELETE FROM discussed WHERE prompt_id = ? AND day = ?",
                    g_variant_new ("(xs)", prompt_id, day));

  return run (self, write, error);
}

/**
 * closeness_store_dup_discussed_days:
 *
 * Returns: (transfer full): the days a prompt was discussed, newest first
 */
char **
closeness_store_dup_discussed_days (ClosenessStore *self,
                                    gint64          prompt_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (sqlite3_prepare_v2 (self->db, "SELECT day FROM discussed WHERE prompt_id = ? "
                                    "ORDER BY day DESC", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, prompt_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);

  return g_strv_builder_end (builder);
}

gboolean
closeness_store_skip_prompt (ClosenessStore  *self,
                             gint64           prompt_id,
                             const char      *day,
                             GError         **error)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  return add_prompt_day (self, "skips", STORE_TABLE_SKIPS, prompt_id, day,
                         _("The change could not be saved."), error);
}

gboolean
closeness_store_mark_seen (ClosenessStore  *self,
                           gint64           prompt_id,
                           const char      *day,
                           GError         **error)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  return add_prompt_day (self, "prompt_seen", STORE_TABLE_SEEN, prompt_id, day,
                         _("The change could not be saved."), error);
}

/**
 * closeness_store_dup_seen_since:
 *
 * Returns: (transfer full) (element-type gint64): ids of prompts seen,
 *   skipped or discussed on or after @since_day
 */
GArray *
closeness_store_dup_seen_since (ClosenessStore *self,
                                const char     *since_day)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), ids);

  if (since_day != NULL &&
      sqlite3_prepare_v2 (self->db,
                          "SELECT prompt_id FROM prompt_seen WHERE day >= ?1 "
                          "UNION SELECT prompt_id FROM skips WHERE day >= ?1 "
                          "UNION SELECT prompt_id FROM discussed WHERE day >= ?1",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, since_day, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
        }
    }
  sqlite3_finalize (stmt);

  return ids;
}

/* Answers and notes */

/**
 * closeness_store_get_answers:
 *
 * Returns: (transfer full): the answers (#ClosenessAnswer, 0–2) to a prompt;
 *   the UI decides what to reveal
 */
GListModel *
closeness_store_get_answers (ClosenessStore *self,
                             gint64          prompt_id)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  return G_LIST_MODEL (new_list (self, CLOSENESS_TYPE_ANSWER, _closeness_answer_new_from_stmt,
                                 STORE_TABLE_ANSWERS,
                                 "SELECT id, prompt_id, slot, text, updated_at FROM answers "
                                 "WHERE prompt_id = ? ORDER BY slot",
                                 g_variant_new ("(x)", prompt_id)));
}

/**
 * closeness_store_set_answer:
 * @text: the answer; "" removes it
 */
gboolean
closeness_store_set_answer (ClosenessStore  *self,
                            gint64           prompt_id,
                            guint            slot,
                            const char      *text,
                            GError         **error)
{
  StoreWrite *write;
  gint64 now = now_unix ();

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (!check_id (prompt_id, error) || !check_slot (slot, error) ||
      !check_text (text, 0, CLOSENESS_STORE_MAX_TEXT, _("The answer is too long."), error))
    return FALSE;

  write = _store_write_new (STORE_TABLE_ANSWERS, _("The answer could not be saved."));

  if (text[0] == '\0')
    _store_write_add (write, FALSE, "DELETE FROM answers WHERE prompt_id = ? AND slot = ?",
                      g_variant_new ("(xx)", prompt_id, (gint64) slot));
  else
    _store_write_add (write, FALSE,
                      "INSERT INTO answers (prompt_id, slot, text, created_at, updated_at) "
                      "VALUES (?1, ?2, ?3, ?4, ?4) "
                      "ON CONFLICT (prompt_id, slot) DO UPDATE SET text = excluded.text, "
                      "  updated_at = excluded.updated_at",
                      g_variant_new ("(xxsx)", prompt_id, (gint64) slot, text, now));

  return run (self, write, error);
}

/**
 * closeness_store_dup_note:
 *
 * Returns: (transfer full) (nullable): the shared note on a prompt
 */
char *
closeness_store_dup_note (ClosenessStore *self,
                          gint64          prompt_id)
{
  sqlite3_stmt *stmt = NULL;
  char *note = NULL;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (sqlite3_prepare_v2 (self->db, "SELECT text FROM conversation_notes WHERE prompt_id = ?",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, prompt_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        note = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);

  return note;
}

/**
 * closeness_store_set_note:
 * @text: the note; "" removes it
 */
gboolean
closeness_store_set_note (ClosenessStore  *self,
                          gint64           prompt_id,
                          const char      *text,
                          GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (!check_id (prompt_id, error) ||
      !check_text (text, 0, CLOSENESS_STORE_MAX_TEXT, _("The note is too long."), error))
    return FALSE;

  write = _store_write_new (STORE_TABLE_NOTES, _("The note could not be saved."));

  if (text[0] == '\0')
    _store_write_add (write, FALSE, "DELETE FROM conversation_notes WHERE prompt_id = ?",
                      g_variant_new ("(x)", prompt_id));
  else
    _store_write_add (write, FALSE,
                      "INSERT INTO conversation_notes (prompt_id, text, updated_at) VALUES (?, ?, ?) "
                      "ON CONFLICT (prompt_id) DO UPDATE SET text = excluded.text, "
                      "  updated_at = excluded.updated_at",
                      g_variant_new ("(xsx)", prompt_id, text, now_unix ()));

  return run (self, write, error);
}

/* Events and reminders */

/**
 * closeness_store_get_events:
 *
 * Returns: (transfer none): every event (#ClosenessEvent) by start; the
 *   calendar expands recurrences itself
 */
GListModel *
closeness_store_get_events (ClosenessStore *self)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (self->events == NULL)
    self->events = new_list (self, CLOSENESS_TYPE_EVENT, _closeness_event_new_from_stmt,
                             STORE_TABLE_EVENTS,
                             EVENT_COLUMNS "WHERE deleted_at IS NULL ORDER BY dtstart, id",
                             NULL);

  return G_LIST_MODEL (self->events);
}

static gboolean
check_optional_text (const char  *text,
                     GError     **error)
{
  return text == NULL ||
         check_text (text, 0, CLOSENESS_STORE_MAX_TEXT, _("A text is too long."), error);
}

static gboolean
check_event_info_full (const ClosenessEventInfo  *info,
                       GHashTable                *known_zones,
                       char                     **summary,
                       GError                   **error)
{
  if (info == NULL)
    return invalid (error, _("The event is not valid."));

  if (!check_name (info->summary, CLOSENESS_STORE_MAX_TITLE, summary, error))
    return FALSE;

  if (!check_dtstart (info->dtstart, error) ||
      !check_tzid (info->tzid, known_zones, error) ||
      !check_optional_text (info->notes, error) ||
      !check_optional_text (info->ical_raw, error) ||
      !check_optional_text (info->rrule, error) ||
      !check_optional_text (info->exdates, error) ||
      !check_optional_text (info->etag, error) ||
      !check_optional_text (info->href, error) ||
      !check_optional_text (info->recurrence_id, error) ||
      (info->uid != NULL && !check_text (info->uid, 1, 1000, _("The event id is not valid."), error)))
    goto fail;

  if (info->duration_minutes < 1 || info->duration_minutes > CLOSENESS_STORE_MAX_DURATION_MINUTES)
    {
      invalid (error, _("The length must be between one minute and one year."));
      goto fail;
    }

  if (info->planned_by < CLOSENESS_PLANNED_BY_NOBODY || info->planned_by > CLOSENESS_PLANNED_BY_BOTH)
    {
      invalid (error, _("The event is not valid."));
      goto fail;
    }

  if (info->deck_id < 0)
    {
      invalid (error, _("The event is not valid."));
      goto fail;
    }

  return TRUE;

fail:
  g_clear_pointer (summary, g_free);
  return FALSE;
}

static gboolean
check_event_info (const ClosenessEventInfo  *info,
                  char                     **summary,
                  GError                   **error)
{
  return check_event_info_full (info, NULL, summary, error);
}

static GVariant *
maybe_string (const char *value)
{
  return g_variant_new_maybe (G_VARIANT_TYPE_STRING,
                              value != NULL ? g_variant_new_string (value) : NULL);
}

static GVariant *
maybe_id (gint64 id)
{
  return g_variant_new_maybe (G_VARIANT_TYPE_INT64, id > 0 ? g_variant_new_int64 (id) : NULL);
}

/**
 * closeness_store_create_event:
 *
 * Returns: (transfer full): the new event
 */
ClosenessEvent *
closeness_store_create_event (ClosenessStore            *self,
                              const ClosenessEventInfo  *info,
                              GError                   **error)
{
  g_autofree char *summary = NULL;
  g_autofree char *uid = NULL;
  GVariant *params[17];
  StoreWrite *write;
  gint64 now = now_unix ();
  gint64 id;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (!check_event_info (info, &summary, error))
    return NULL;

  if (info->uid != NULL)
    uid = g_strdup (info->uid);
  else
    {
      g_autofree char *random = g_uuid_string_random ();

      uid = g_strconcat (random, "@closeness", NULL);
    }
  closeness_store_get_events (self);

  params[0] = g_variant_new_string (uid);
  params[1] = g_variant_new_string (info->recurrence_id ? info->recurrence_id : "");
  params[2] = g_variant_new_string (summary);
  params[3] = g_variant_new_string (info->dtstart);
  params[4] = g_variant_new_string (info->tzid ? info->tzid : "");
  params[5] = g_variant_new_int64 (info->duration_minutes);
  params[6] = g_variant_new_string (info->rrule ? info->rrule : "");
  params[7] = g_variant_new_string (info->exdates ? info->exdates : "");
  params[8] = g_variant_new_int64 (info->planned_by);
  params[9] = maybe_id (info->deck_id);
  params[10] = g_variant_new_string (info->notes ? info->notes : "");
  params[11] = maybe_string (info->ical_raw);
  params[12] = maybe_string (info->etag);
  params[13] = maybe_string (info->href);
  params[14] = g_variant_new_int64 (now);

  write = _store_write_new (STORE_TABLE_EVENTS, _("The event could not be saved."));
  _store_write_add (write, FALSE,
                    "INSERT INTO events (uid, recurrence_id, summary, dtstart, tzid, "
                    "  duration_minutes, rrule, exdates, planned_by, deck_id, notes, ical_raw, "
                    "  etag, href, created_at, updated_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15) "
                    "RETURNING id",
                    g_variant_new_tuple (params, 15));

  if (!(id = run_for_id (self, write, error)))
    return NULL;

  return ref_from_list (self->events, id);
}

gboolean
closeness_store_update_event (ClosenessStore            *self,
                              gint64                     event_id,
                              const ClosenessEventInfo  *info,
                              GError                   **error)
{
  g_autofree char *summary = NULL;
  GVariant *params[16];
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (!check_id (event_id, error) || !check_event_info (info, &summary, error))
    return FALSE;

  params[0] = maybe_string (info->uid);
  params[1] = g_variant_new_string (info->recurrence_id ? info->recurrence_id : "");
  params[2] = g_variant_new_string (summary);
  params[3] = g_variant_new_string (info->dtstart);
  params[4] = g_variant_new_string (info->tzid ? info->tzid : "");
  params[5] = g_variant_new_int64 (info->duration_minutes);
  params[6] = g_variant_new_string (info->rrule ? info->rrule : "");
  params[7] = g_variant_new_string (info->exdates ? info->exdates : "");
  params[8] = g_variant_new_int64 (info->planned_by);
  params[9] = maybe_id (info->deck_id);
  params[10] = g_variant_new_string (info->notes ? info->notes : "");
  params[11] = maybe_string (info->ical_raw);
  params[12] = maybe_string (info->etag);
  params[13] = maybe_string (info->href);
  params[14] = g_variant_new_int64 (now_unix ());
  params[15] = g_variant_new_int64 (event_id);

  write = _store_write_new (STORE_TABLE_EVENTS, _("The event could not be saved."));
  _store_write_add (write, TRUE,
                    "UPDATE events SET uid = coalesce (?1, uid), recurrence_id = ?2, summary = ?3, "
                    "  dtstart = ?4, tzid = ?5, duration_minutes = ?6, rrule = ?7, exdates = ?8, "
                    "  planned_by = ?9, deck_id = ?10, notes = ?11, ical_raw = ?12, etag = ?13, "
                    "  href = ?14, updated_at = ?15 "
                    "WHERE id = ?16",
                    g_variant_new_tuple (params, 16));

  return run (self, write, error);
}

gboolean
closeness_store_delete_event (ClosenessStore  *self,
                              gint64           event_id,
                              GError         **error)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  return set_deleted (self, "events", STORE_TABLE_EVENTS, event_id, TRUE,
                      _("The event could not be deleted."), error);
}

gboolean
closeness_store_undelete_event (ClosenessStore  *self,
                                gint64           event_id,
                                GError         **error)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  return set_deleted (self, "events", STORE_TABLE_EVENTS, event_id, FALSE,
                      _("The event could not be restored."), error);
}

/* Many events at once (imports, later calendar sync) */

#define MAX_EVENT_REMINDER_OFFSET (4 * 7 * 24 * 60)

static gboolean
check_reminders (const ClosenessEventReminders  *reminders,
                 GError                        **error)
{
  if (reminders == NULL)
    return TRUE;

  if (reminders->n_offsets > CLOSENESS_STORE_MAX_EVENT_REMINDERS)
    return invalid (error, _("The event has too many reminders."));

  if (reminders->n_offsets > 0 && reminders->offsets == NULL)
    return invalid (error, _("The reminder time is not valid."));

  for (guint i = 0; i < reminders->n_offsets; i++)
    {
      if (reminders->offsets[i] < 0 || reminders->offsets[i] > MAX_EVENT_REMINDER_OFFSET)
        return invalid (error, _("The reminder time is not valid."));
    }

  return TRUE;
}

/**
 * closeness_store_check_event:
 * @info: an event
 * @reminders: (nullable): its reminders
 * @error: set to a %CLOSENESS_STORE_ERROR_INVALID_INPUT error
 *
 * Checks @info and @reminders as closeness_store_create_event() and
 * closeness_store_add_events() do, without a store (importers use it to
 * make sure they only produce what the store accepts).
 */
gboolean
closeness_store_check_event (const ClosenessEventInfo       *info,
                             const ClosenessEventReminders  *reminders,
                             GError                        **error)
{
  g_autofree char *summary = NULL;

  return check_event_info (info, &summary, error) && check_reminders (reminders, error);
}

typedef struct
{
  gint64 offset_index;     /* into EventBatch.offsets */
  guint  n_offsets;
} BatchReminders;

/* A checked, owned copy of the caller's events: the summaries are the
 * trimmed ones, and the write can stay pending (disk full) after the call. */
typedef struct
{
  GArray       *events;       /* ClosenessEventInfo, strings in @strings */
  GArray       *reminders;    /* BatchReminders per event, or NULL: keep reminders */
  GArray       *offsets;      /* int */
  GStringChunk *strings;
  guint        *counts;       /* the caller's n_added, n_updated while it waits; NULL later */
} EventBatch;

static void
event_batch_free (gpointer data)
{
  EventBatch *batch = data;

  g_clear_pointer (&batch->events, g_array_unref);
  g_clear_pointer (&batch->reminders, g_array_unref);
  g_clear_pointer (&batch->offsets, g_array_unref);
  g_clear_pointer (&batch->strings, g_string_chunk_free);
  g_free (batch);
}

/* The data is owned already; a write kept for later has no caller to report to. */
static gpointer
event_batch_detach (gpointer data)
{
  EventBatch *batch = data;

  batch->counts = NULL;

  return batch;
}

static const char *
batch_string (EventBatch *batch,
              const char *text)
{
  return text != NULL ? g_string_chunk_insert (batch->strings, text) : NULL;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

#define EVENT_UPSERT \
  "INSERT INTO events (uid, recurrence_id, summary, dtstart, tzid, duration_minutes, rrule, " \
  "  exdates, planned_by, deck_id, notes, ical_raw, etag, href, created_at, updated_at) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15) " \
  "ON CONFLICT (uid, recurrence_id) DO UPDATE SET summary = excluded.summary, " \
  "  dtstart = excluded.dtstart, tzid = excluded.tzid, " \
  "  duration_minutes = excluded.duration_minutes, rrule = excluded.rrule, " \
  "  exdates = excluded.exdates, planned_by = excluded.planned_by, " \
  "  deck_id = excluded.deck_id, notes = excluded.notes, ical_raw = excluded.ical_raw, " \
  "  etag = coalesce (excluded.etag, etag), href = coalesce (excluded.href, href), " \
  "  updated_at = excluded.updated_at, deleted_at = NULL " \
  "RETURNING id"

/* Runs inside the store's BEGIN IMMEDIATE … COMMIT. */
static gboolean
insert_event_batch (sqlite3   *db,
                    gpointer   data,
                    gint64    *result_id,
                    GError   **error)
{
  EventBatch *batch = data;
  sqlite3_stmt *exists = NULL, *upsert = NULL, *clear = NULL, *remind = NULL;
  gint64 now = now_unix ();
  guint n_added = 0, n_updated = 0;
  int rc;

  if ((rc = sqlite3_prepare_v2 (db,
                                "SELECT 1 FROM events "
                                "WHERE uid = ?1 AND recurrence_id = ?2 AND deleted_at IS NULL",
                                -1, &exists, NULL)) == SQLITE_OK &&
      (rc = sqlite3_prepare_v2 (db, EVENT_UPSERT, -1, &upsert, NULL)) == SQLITE_OK &&
      (rc = sqlite3_prepare_v2 (db, "DELETE FROM reminders WHERE event_id = ?1",
                                -1, &clear, NULL)) == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "INSERT INTO reminders (event_id, offset_minutes) VALUES (?1, ?2)",
                             -1, &remind, NULL);

  for (guint i = 0; rc == SQLITE_OK && i < batch->events->len; i++)
    {
      const ClosenessEventInfo *info = &g_array_index (batch->events, ClosenessEventInfo, i);
      gboolean existed;
      gint64 id;

      sqlite3_bind_text (exists, 1, info->uid, -1, SQLITE_STATIC);
      sqlite3_bind_text (exists, 2, info->recurrence_id, -1, SQLITE_STATIC);
      rc = sqlite3_step (exists);
      existed = rc == SQLITE_ROW;
      rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode (db);
      sqlite3_reset (exists);
      if (rc != SQLITE_OK)
        break;

      sqlite3_bind_text (upsert, 1, info->uid, -1, SQLITE_STATIC);
      sqlite3_bind_text (upsert, 2, info->recurrence_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (upsert, 3, info->summary, -1, SQLITE_STATIC);
      sqlite3_bind_text (upsert, 4, info->dtstart, -1, SQLITE_STATIC);
      sqlite3_bind_text (upsert, 5, info->tzid, -1, SQLITE_STATIC);
      sqlite3_bind_int (upsert, 6, info->duration_minutes);
      sqlite3_bind_text (upsert, 7, info->rrule, -1, SQLITE_STATIC);
      sqlite3_bind_text (upsert, 8, info->exdates, -1, SQLITE_STATIC);
      sqlite3_bind_int (upsert, 9, info->planned_by);
      if (info->deck_id > 0)
        sqlite3_bind_int64 (upsert, 10, info->deck_id);
      else
        sqlite3_bind_null (upsert, 10);
      sqlite3_bind_text (upsert, 11, info->notes, -1, SQLITE_STATIC);
      bind_text_or_null (upsert, 12, info->ical_raw);
      bind_text_or_null (upsert, 13, info->etag);
      bind_text_or_null (upsert, 14, info->href);
      sqlite3_bind_int64 (upsert, 15, now);

      rc = sqlite3_step (upsert);
      if (rc != SQLITE_ROW)
        {
          rc = rc == SQLITE_DONE ? SQLITE_INTERNAL : sqlite3_extended_errcode (db);
          sqlite3_reset (upsert);
          break;
        }
      id = sqlite3_column_int64 (upsert, 0);
      /* Finish the statement before the next one touches the table. */
      rc = sqlite3_step (upsert);
      rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode (db);
      sqlite3_reset (upsert);
      if (rc != SQLITE_OK)
        break;

      if (batch->reminders != NULL)
        {
          const BatchReminders *mine = &g_array_index (batch->reminders, BatchReminders, i);

          sqlite3_bind_int64 (clear, 1, id);
          rc = sqlite3_step (clear);
          rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode (db);
          sqlite3_reset (clear);

          for (guint j = 0; rc == SQLITE_OK && j < mine->n_offsets; j++)
            {
              sqlite3_bind_int64 (remind, 1, id);
              sqlite3_bind_int (remind, 2, g_array_index (batch->offsets, int,
                                                           mine->offset_index + j));
              rc = sqlite3_step (remind);
              rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode (db);
              sqlite3_reset (remind);
            }
        }

      if (existed)
        n_updated++;
      else
        n_added++;
    }

  sqlite3_finalize (exists);
  sqlite3_finalize (upsert);
  sqlite3_finalize (clear);
  sqlite3_finalize (remind);

  if (rc != SQLITE_OK)
    {
      _closeness_store_set_error_from_rc (error, db, rc, _("The events could not be saved."));
      return FALSE;
    }

  if (batch->counts != NULL)
    {
      batch->counts[0] = n_added;
      batch->counts[1] = n_updated;
    }
  *result_id = batch->events->len;

  return TRUE;
}

/**
 * closeness_store_add_events:
 * @events: (array length=n_events): the events
 * @n_events: how many
 * @reminders: (array length=n_events) (nullable): the reminders of each
 *   event, replacing those it had; %NULL leaves every event's reminders as
 *   they are (new events get none)
 * @n_added: (out) (optional): events that were new (or deleted before)
 * @n_updated: (out) (optional): events that replaced one with the same
 *   `uid` and `recurrence_id`
 * @error: return location for a #GError
 *
 * Saves many events and their reminders in one transaction (imports): all
 * or nothing. Every event is checked first; one invalid event refuses the
 * whole batch and nothing is written. An event whose `uid` and
 * `recurrence_id` are already stored replaces that row (its id, etag and
 * href stay unless @events gives new ones); a `uid` of %NULL gets a new one.
 *
 * Like every write, a batch that cannot be saved now (disk full, read-only
 * folder) is kept and retried; the call then returns %FALSE and the counts
 * are 0.
 */
gboolean
closeness_store_add_events (ClosenessStore                 *self,
                            const ClosenessEventInfo       *events,
                            guint                           n_events,
                            const ClosenessEventReminders  *reminders,
                            guint                          *n_added,
                            guint                          *n_updated,
                            GError                        **error)
{
  g_autoptr(GHashTable) known_zones = NULL;
  EventBatch *batch;
  StoreWrite *write;
  guint counts[2] = { 0, 0 };
  gboolean ok;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (n_added != NULL)
    *n_added = 0;
  if (n_updated != NULL)
    *n_updated = 0;

  if (n_events == 0)
    return TRUE;

  if (events == NULL)
    return invalid (error, _("The events are not valid."));

  known_zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  batch = g_new0 (EventBatch, 1);
  batch->events = g_array_sized_new (FALSE, TRUE, sizeof (ClosenessEventInfo), n_events);
  batch->strings = g_string_chunk_new (64 * 1024);
  if (reminders != NULL)
    {
      batch->reminders = g_array_sized_new (FALSE, TRUE, sizeof (BatchReminders), n_events);
      batch->offsets = g_array_new (FALSE, FALSE, sizeof (int));
    }

  for (guint i = 0; i < n_events; i++)
    {
      const ClosenessEventInfo *info = &events[i];
      g_autofree char *summary = NULL;
      g_autofree char *uid = NULL;
      ClosenessEventInfo copy = { 0, };

      if (!check_event_info_full (info, known_zones, &summary, error) ||
          !check_reminders (reminders != NULL ? &reminders[i] : NULL, error))
        {
          event_batch_free (batch);
          return FALSE;
        }

      if (info->uid != NULL)
        uid = g_strdup (info->uid);
      else
        {
          g_autofree char *random = g_uuid_string_random ();

          uid = g_strconcat (random, "@closeness", NULL);
        }

      copy.uid = batch_string (batch, uid);
      copy.recurrence_id = batch_string (batch, info->recurrence_id ? info->recurrence_id : "");
      copy.summary = batch_string (batch, summary);
      copy.dtstart = batch_string (batch, info->dtstart);
      copy.tzid = batch_string (batch, info->tzid ? info->tzid : "");
      copy.duration_minutes = info->duration_minutes;
      copy.rrule = batch_string (batch, info->rrule ? info->rrule : "");
      copy.exdates = batch_string (batch, info->exdates ? info->exdates : "");
      copy.planned_by = info->planned_by;
      copy.deck_id = info->deck_id;
      copy.notes = batch_string (batch, info->notes ? info->notes : "");
      copy.ical_raw = batch_string (batch, info->ical_raw);
      copy.etag = batch_string (batch, info->etag);
      copy.href = batch_string (batch, info->href);
      g_array_append_val (batch->events, copy);

      if (reminders != NULL)
        {
          BatchReminders mine = { batch->offsets->len, reminders[i].n_offsets };

          if (mine.n_offsets > 0)
            g_array_append_vals (batch->offsets, reminders[i].offsets, mine.n_offsets);
          g_array_append_val (batch->reminders, mine);
        }
    }

  batch->counts = counts;

  write = _store_write_new (STORE_TABLE_EVENTS | STORE_TABLE_REMINDERS,
                            _("The events could not be saved."));
  write->func = insert_event_batch;
  write->data = batch;
  write->data_free = event_batch_free;
  write->data_own = event_batch_detach;

  ok = run (self, write, error);

  if (ok && n_added != NULL)
    *n_added = counts[0];
  if (ok && n_updated != NULL)
    *n_updated = counts[1];

  return ok;
}

/* The month view's query */

/* Seconds: offsets from UTC are within −12 h … +14 h, so a day of margin
 * covers every zone (and floating times read in any local zone). */
#define QUERY_ZONE_MARGIN   (24 * 60 * 60)
#define QUERY_LONGEST_EVENT ((gint64) CLOSENESS_STORE_MAX_DURATION_MINUTES * 60)
/* For an edited occurrence: how long the occurrence it replaces may have been. */
#define QUERY_REPLACED_MARGIN (7 * 24 * 60 * 60)
/* 1800-01-01 … 2300-01-01: well around what the store accepts (1900 … 2200). */
#define QUERY_EARLIEST      G_GINT64_CONSTANT (-5364662400)
#define QUERY_LATEST        G_GINT64_CONSTANT (10413792000)

/* Stored times are wall times ('YYYY-MM-DDTHH:MM:SS' or 'YYYY-MM-DD') that
 * compare as strings; the bounds are UTC wall times widened by the margins. */
#define EVENT_WINDOW_QUERY \
  "WITH series (id, uid) AS (" \
  "  SELECT id, uid FROM events " \
  "  WHERE rrule <> '' AND recurrence_id = '' AND dtstart < ?2 AND deleted_at IS NULL " \
  "    AND (instr (upper (rrule), 'UNTIL=') = 0 " \
  "         OR substr (upper (rrule), instr (upper (rrule), 'UNTIL=') + 6, 8) >= ?4)), " \
  "hits (hit) AS (" \
  "  SELECT id FROM series " \
  "  UNION " \
  "  SELECT id FROM events WHERE dtstart >= ?1 AND dtstart < ?2 " \
  "    AND unixepoch (dtstart) + 60 * duration_minutes > ?3 " \
  "  UNION " \
  "  SELECT e.id FROM series s CROSS JOIN events e " \
  "    ON e.uid = s.uid AND e.recurrence_id >= ?1 AND e.recurrence_id < ?2) " \
  /* CROSS JOIN: the few hits lead, events are looked up by id. */ \
  "SELECT " EVENT_FIELDS "FROM hits CROSS JOIN events ON events.id = hits.hit " \
  "WHERE deleted_at IS NULL ORDER BY dtstart, id"

/* Wall time 'YYYY-MM-DD[THH:MM:SS]' or an RRULE UNTIL 'YYYYMMDD[THHMMSS[Z]]'
 * as seconds since 1970 read as if in UTC. */
static gboolean
parse_wall (const char *text,
            gboolean    compact,
            gint64     *seconds,
            gboolean   *is_utc)
{
  g_autoptr(GDateTime) time = NULL;
  int y, mo, d, h = 0, mi = 0, sec = 0;
  guint date_len = compact ? 8 : 10;
  gsize len = strlen (text);

  *is_utc = FALSE;

  if (len < date_len ||
      !parse_digits (text, 4, &y) ||
      !parse_digits (text + (compact ? 4 : 5), 2, &mo) ||
      !parse_digits (text + (compact ? 6 : 8), 2, &d))
    return FALSE;

  if (len > date_len && text[date_len] == 'T')
    {
      const char *t = text + date_len + 1;

      if (!parse_digits (t, 2, &h) ||
          !parse_digits (t + (compact ? 2 : 3), 2, &mi) ||
          !parse_digits (t + (compact ? 4 : 6), 2, &sec))
        return FALSE;
      *is_utc = compact && t[6] == 'Z';
    }

  time = g_date_time_new_utc (y, mo, d, h, mi, sec);
  if (time == NULL)
    return FALSE;

  *seconds = g_date_time_to_unix (time);

  return TRUE;
}

static gint32
zone_offset_at (GTimeZone *tz,
                gint64     utc)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, utc);

  return interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0;
}

/* The instant of a wall time, as the calendar reads it (RFC 5545, 3.3.5):
 * in an overlap the first instant, in a gap the offset from before it. */
static gint64
wall_to_utc (GTimeZone *tz,
             gint64     local)
{
  gint32 before = zone_offset_at (tz, local - 86400);
  gint32 after = zone_offset_at (tz, local + 86400);
  gboolean before_ok = zone_offset_at (tz, local - before) == before;
  gboolean after_ok = zone_offset_at (tz, local - after) == after;

  if (before_ok && after_ok)
    return MIN (local - before, local - after);
  if (after_ok && !before_ok)
    return local - after;

  return local - before;
}

static GTimeZone *
query_zone (GHashTable *zones,
            const char *tzid)
{
  GTimeZone *tz = g_hash_table_lookup (zones, tzid);

  if (tz == NULL)
    {
      /* Floating times (and unknown zones) are read in this computer's zone. */
      if (tzid[0] != '\0')
        tz = g_time_zone_new_identifier (tzid);
      if (tz == NULL)
        tz = g_time_zone_new_local ();
      g_hash_table_insert (zones, g_strdup (tzid), tz);
    }

  return tz;
}

/* Whether @event, as found by the SQL above (which has margins), can show in
 * [from, to): exact for single events, edited occurrences and the bounds
 * of a series (its first start and its UNTIL); the RRULE itself is left to
 * the expansion. An edited occurrence also counts when the occurrence it
 * replaces was in the window, so the expansion can leave that one out. */
static gboolean
event_in_window (ClosenessEvent *event,
                 GHashTable     *zones,
                 gint64          from_utc,
                 gint64          to_utc)
{
  const char *rrule = closeness_event_get_rrule (event);
  const char *rid = closeness_event_get_recurrence_id (event);
  GTimeZone *tz = query_zone (zones, closeness_event_get_tzid (event));
  gint64 duration = 60 * (gint64) closeness_event_get_duration_minutes (event);
  gboolean is_utc;
  gint64 wall, start;

  if (!parse_wall (closeness_event_get_dtstart (event), FALSE, &wall, &is_utc))
    return TRUE;
  start = wall_to_utc (tz, wall);

  if (rid[0] == '\0' && rrule[0] != '\0')
    {
      g_autofree char *upper = g_ascii_strup (rrule, -1);
      const char *until = strstr (upper, "UNTIL=");
      gint64 last;

      if (start >= to_utc)
        return FALSE;
      if (until == NULL || !parse_wall (until + 6, TRUE, &wall, &is_utc))
        return TRUE;
      last = is_utc ? wall : wall_to_utc (tz, wall);
      /* A date-only UNTIL includes that whole day. */
      if (strlen (until + 6) < 9 || until[6 + 8] != 'T')
        last += 86400;

      return last + duration > from_utc;
    }

  if (start < to_utc && start + duration > from_utc)
    return TRUE;

  if (rid[0] != '\0' && parse_wall (rid, FALSE, &wall, &is_utc))
    {
      gint64 replaced = wall_to_utc (tz, wall);

      /* The replaced occurrence is as long as the series, which the edited
       * one usually keeps; a week covers the evenings that were shortened. */
      return replaced < to_utc && replaced + MAX (duration, QUERY_REPLACED_MARGIN) > from_utc;
    }

  return FALSE;
}

static char *
format_utc (gint64      utc,
            const char *format)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (utc);

  return g_date_time_format (time, format);
}

/**
 * closeness_store_query_events:
 * @from_utc: window start, Unix seconds (inclusive)
 * @to_utc: window end, Unix seconds (exclusive)
 * @error: return location for a #GError
 *
 * The events that can have an occurrence overlapping [@from_utc, @to_utc),
 * for building one month's view without loading every event:
 *
 * - every row (single event, series or edited occurrence) that starts near
 *   the window, found by the index on `dtstart`;
 * - every series that starts before the window ends and whose RRULE has no
 *   UNTIL before the window (a series limited by COUNT is always included);
 * - the edited occurrences of those series whose original time
 *   (`recurrence_id`) is near the window, so expansion can hide the
 *   occurrence they replace even when it was moved elsewhere.
 *
 * The index ranges are widened by a day for time zones and by the longest
 * event (CLOSENESS_STORE_MAX_DURATION_MINUTES); each row found is then checked in its own zone (DST as
 * the calendar reads it: a wall time in the spring gap uses the offset
 * before it, one in the autumn overlap the first instant), so single
 * events and edited occurrences come back exactly when they overlap the
 * window. A series comes back when its first start is before the window
 * ends and its UNTIL (if any) not before the window starts; whether its
 * RRULE has an occurrence in between is the expansion's business. Deleted
 * rows are left out. The objects are a snapshot, not the ones of
 * closeness_store_get_events(); pass them to the calendar's expansion.
 *
 * Returns: (transfer full) (element-type ClosenessEvent): by `dtstart`,
 *   then id; %NULL with @error set for a window that is empty, reversed or
 *   outside 1800 … 2300 (%CLOSENESS_STORE_ERROR_INVALID_INPUT) or when the
 *   data cannot be read
 */
GPtrArray *
closeness_store_query_events (ClosenessStore  *self,
                              gint64           from_utc,
                              gint64           to_utc,
                              GError         **error)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  g_autofree char *until_low = NULL;
  g_autoptr(GHashTable) zones = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (from_utc >= to_utc || from_utc < QUERY_EARLIEST || to_utc > QUERY_LATEST)
    {
      invalid (error, _("The dates are not valid."));
      return NULL;
    }

  low = format_utc (from_utc - QUERY_LONGEST_EVENT - QUERY_ZONE_MARGIN, "%Y-%m-%dT%H:%M:%S");
  high = format_utc (to_utc + QUERY_ZONE_MARGIN, "%Y-%m-%dT%H:%M:%S");
  /* UNTIL is the last start, in UTC or local: compare days, with margins. */
  until_low = format_utc (from_utc - QUERY_LONGEST_EVENT - 2 * QUERY_ZONE_MARGIN, "%Y%m%d");

  events = g_ptr_array_new_with_free_func (g_object_unref);
  zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                 (GDestroyNotify) g_time_zone_unref);

  rc = sqlite3_prepare_v2 (self->db, EVENT_WINDOW_QUERY, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, low, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, high, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, from_utc - QUERY_ZONE_MARGIN);
      sqlite3_bind_text (stmt, 4, until_low, -1, SQLITE_STATIC);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          ClosenessRecord *event = _closeness_event_new_from_stmt (stmt);

          if (event_in_window (CLOSENESS_EVENT (event), zones, from_utc, to_utc))
            g_ptr_array_add (events, event);
          else
            g_object_unref (event);
        }

      rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode (self->db);
    }
  else
    rc = sqlite3_extended_errcode (self->db);

  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    {
      _closeness_store_set_error_from_rc (error, self->db, rc, _("The calendar could not be read."));
      return NULL;
    }

  return g_steal_pointer (&events);
}

/**
 * closeness_store_get_reminders:
 *
 * Returns: (transfer none): every reminder (#ClosenessReminder) of events
 *   and activities that are not deleted
 */
GListModel *
closeness_store_get_reminders (ClosenessStore *self)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (self->reminders == NULL)
    self->reminders = new_list (self, CLOSENESS_TYPE_REMINDER, _closeness_reminder_new_from_stmt,
                                STORE_TABLE_REMINDERS | STORE_TABLE_EVENTS | STORE_TABLE_ACTIVITIES,
                                REMINDER_COLUMNS
                                /* a deleted (undoable) event or activity does not remind */
                                "WHERE (event_id IS NULL OR event_id IN "
                                "       (SELECT id FROM events WHERE deleted_at IS NULL)) "
                                "  AND (activity_id IS NULL OR activity_id IN "
                                "       (SELECT id FROM activities WHERE deleted_at IS NULL)) "
                                "ORDER BY id", NULL);

  return G_LIST_MODEL (self->reminders);
}

gint64
closeness_store_add_event_reminder (ClosenessStore  *self,
                                    gint64           event_id,
                                    int              offset_minutes,
                                    GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), 0);

  if (!check_id (event_id, error))
    return 0;

  if (offset_minutes < 0 || offset_minutes > 4 * 7 * 24 * 60)
    return invalid (error, _("The reminder time is not valid."));

  write = _store_write_new (STORE_TABLE_REMINDERS, _("The reminder could not be saved."));
  _store_write_add (write, FALSE,
                    "INSERT INTO reminders (event_id, offset_minutes) VALUES (?, ?) RETURNING id",
                    g_variant_new ("(xx)", event_id, (gint64) offset_minutes));

  return run_for_id (self, write, error);
}

gint64
closeness_store_add_activity_reminder (ClosenessStore  *self,
                                       gint64           activity_id,
                                       const char      *time_of_day,
                                       guint            weekdays,
                                       GError         **error)
{
  StoreWrite *write;
  int h, m;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), 0);

  if (!check_id (activity_id, error))
    return 0;

  if (time_of_day == NULL || strlen (time_of_day) != 5 || time_of_day[2] != ':' ||
      !parse_digits (time_of_day, 2, &h) || !parse_digits (time_of_day + 3, 2, &m) ||
      h > 23 || m > 59)
    return invalid (error, _("The reminder time is not valid."));

  if (weekdays == 0 || weekdays > 0x7f)
    return invalid (error, _("Please choose at least one day."));

  write = _store_write_new (STORE_TABLE_REMINDERS, _("The reminder could not be saved."));
  _store_write_add (write, FALSE,
                    "INSERT INTO reminders (activity_id, time_of_day, weekdays) VALUES (?, ?, ?) "
                    "RETURNING id",
                    g_variant_new ("(xsx)", activity_id, time_of_day, (gint64) weekdays));

  return run_for_id (self, write, error);
}

gboolean
closeness_store_delete_reminder (ClosenessStore  *self,
                                 gint64           reminder_id,
                                 GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (!check_id (reminder_id, error))
    return FALSE;

  write = _store_write_new (STORE_TABLE_REMINDERS, _("The reminder could not be removed."));
  _store_write_add (write, TRUE, "DELETE FROM reminders WHERE id = ?",
                    g_variant_new ("(x)", reminder_id));

  return run (self, write, error);
}

/**
 * closeness_store_set_reminder_state:
 * @snoozed_until: unix time or 0
 * @last_fired_at: unix time or 0
 *
 * Used by the reminder service to record deliveries and snoozes.
 */
gboolean
closeness_store_set_reminder_state (ClosenessStore  *self,
                                    gint64           reminder_id,
                                    gint64           snoozed_until,
                                    gint64           last_fired_at,
                                    gboolean         enabled,
                                    GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (!check_id (reminder_id, error))
    return FALSE;

  if (snoozed_until < 0 || last_fired_at < 0)
    return invalid (error, _("The reminder time is not valid."));

  write = _store_write_new (STORE_TABLE_REMINDERS, _("The reminder could not be saved."));
  _store_write_add (write, TRUE,
                    "UPDATE reminders SET snoozed_until = nullif (?, 0), "
                    "  last_fired_at = nullif (?, 0), enabled = ? WHERE id = ?",
                    g_variant_new ("(xxbx)", snoozed_until, last_fired_at, enabled, reminder_id));

  return run (self, write, error);
}

/* Self-care */

/**
 * closeness_store_get_activities:
 *
 * Returns: (transfer none): every activity (#ClosenessActivity), archived
 *   ones included (see #ClosenessActivity:archived); the page filters by
 *   owner and privacy
 */
GListModel *
closeness_store_get_activities (ClosenessStore *self)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (self->activities == NULL)
    self->activities = new_list (self, CLOSENESS_TYPE_ACTIVITY, _closeness_activity_new_from_stmt,
                                 STORE_TABLE_ACTIVITIES,
                                 ACTIVITY_COLUMNS "WHERE deleted_at IS NULL ORDER BY position, id",
                                 NULL);

  return G_LIST_MODEL (self->activities);
}

static gboolean
check_activity_info (ClosenessStore               *self,
                     const ClosenessActivityInfo  *info,
                     gint64                        own_id,
                     char                        **name,
                     GError                      **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean duplicate = FALSE;

  if (info == NULL)
    return invalid (error, _("The activity is not valid."));

  if (!check_name (info->name, CLOSENESS_STORE_MAX_NAME, name, error))
    return FALSE;

  if ((info->icon != NULL && !check_text (info->icon, 0, 200, _("The icon is not valid."), error)) ||
      (info->color != NULL && !is_color (info->color) && !invalid (error, _("The color is not valid."))) ||
      ((guint) info->owner > CLOSENESS_OWNER_BOTH && !invalid (error, _("The activity is not valid."))) ||
      (info->is_private && info->owner == CLOSENESS_OWNER_BOTH &&
       !invalid (error, _("An activity for both of you cannot be private."))) ||
      ((guint) info->goal_kind > CLOSENESS_GOAL_MONTHLY && !invalid (error, _("The goal is not valid."))))
    goto fail;

  if (info->goal_count < 1 ||
      (info->goal_kind == CLOSENESS_GOAL_DAILY && info->goal_count != 1) ||
      (info->goal_kind == CLOSENESS_GOAL_WEEKLY && info->goal_count > 7) ||
      (info->goal_kind == CLOSENESS_GOAL_MONTHLY && info->goal_count > 31))
    {
      invalid (error, _("The goal is not possible for this period."));
      goto fail;
    }

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT 1 FROM activities WHERE name = ? COLLATE NOCASE "
                          "AND deleted_at IS NULL AND id != ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, *name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, own_id);
      duplicate = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);

  if (duplicate && (info->builtin_key == NULL || own_id != 0))
    {
      invalid (error, _("There is already an activity with this name."));
      goto fail;
    }

  return TRUE;

fail:
  g_clear_pointer (name, g_free);
  return FALSE;
}

/**
 * closeness_store_create_activity:
 *
 * With a builtin_key that exists already, returns the existing activity
 * unchanged (so seeding built-ins is idempotent).
 *
 * Returns: (transfer full): the activity
 */
ClosenessActivity *
closeness_store_create_activity (ClosenessStore               *self,
                                 const ClosenessActivityInfo  *info,
                                 GError                      **error)
{
  g_autofree char *name = NULL;
  StoreWrite *write;
  gint64 now = now_unix ();
  gint64 id;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (!check_activity_info (self, info, 0, &name, error))
    return NULL;

  closeness_store_get_activities (self);

  write = _store_write_new (STORE_TABLE_ACTIVITIES, _("The activity could not be saved."));
  _store_write_add (write, FALSE,
                    "INSERT INTO activities (builtin_key, name, icon, color, owner, private, "
                    "  goal_kind, goal_count, position, created_at, updated_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                    "  (SELECT coalesce(max(position), 0) + 1 FROM activities), ?9, ?9) "
                    "ON CONFLICT (builtin_key) DO UPDATE SET builtin_key = excluded.builtin_key "
                    "RETURNING id",
                    g_variant_new ("(@mssssxbxxx)", maybe_string (info->builtin_key), name,
                                   info->icon ? info->icon : "",
                                   info->color ? info->color : "",
                                   (gint64) info->owner, info->is_private,
                                   (gint64) info->goal_kind, (gint64) info->goal_count, now));

  if (!(id = run_for_id (self, write, error)))
    return NULL;

  return ref_from_list (self->activities, id);
}

gboolean
closeness_store_update_activity (ClosenessStore               *self,
                                 gint64                        activity_id,
                                 const ClosenessActivityInfo  *info,
                                 GError                      **error)
{
  g_autofree char *name = NULL;
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (!check_id (activity_id, error) ||
      !check_activity_info (self, info, activity_id, &name, error))
    return FALSE;

  write = _store_write_new (STORE_TABLE_ACTIVITIES, _("The activity could not be saved."));
  _store_write_add (write, TRUE,
                    "UPDATE activities SET name = ?, icon = ?, color = ?, owner = ?, private = ?, "
                    "  goal_kind = ?, goal_count = ?, updated_at = ? WHERE id = ?",
                    g_variant_new ("(sssxbxxxx)", name, info->icon ? info->icon : "",
                                   info->color ? info->color : "", (gint64) info->owner,
                                   info->is_private, (gint64) info->goal_kind,
                                   (gint64) info->goal_count, now_unix (), activity_id));

  return run (self, write, error);
}

gboolean
closeness_store_set_activity_archived (ClosenessStore  *self,
                                       gint64           activity_id,
                                       gboolean         archived,
                                       GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (!check_id (activity_id, error))
    return FALSE;

  write = _store_write_new (STORE_TABLE_ACTIVITIES, _("The activity could not be saved."));
  _store_write_add (write, TRUE,
                    archived
                    ? "UPDATE activities SET archived_at = coalesce (archived_at, CAST (strftime ('%s', 'now') AS INTEGER)) WHERE id = ?"
                    : "UPDATE activities SET archived_at = NULL WHERE id = ?",
                    g_variant_new ("(x)", activity_id));

  return run (self, write, error);
}

gboolean
closeness_store_delete_activity (ClosenessStore  *self,
                                 gint64           activity_id,
                                 GError         **error)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  return set_deleted (self, "activities", STORE_TABLE_ACTIVITIES | STORE_TABLE_ENTRIES,
                      activity_id, TRUE, _("The activity could not be deleted."), error);
}

gboolean
closeness_store_undelete_activity (ClosenessStore  *self,
                                   gint64           activity_id,
                                   GError         **error)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  return set_deleted (self, "activities", STORE_TABLE_ACTIVITIES | STORE_TABLE_ENTRIES,
                      activity_id, FALSE, _("The activity could not be restored."), error);
}

/**
 * closeness_store_get_entries:
 * @first_day: 'YYYY-MM-DD'
 * @last_day: 'YYYY-MM-DD', inclusive
 *
 * Returns: (transfer full) (nullable): the entries (#ClosenessEntry) of
 *   one activity in a range of days, by day then partner, kept up to date;
 *   %NULL for invalid days
 */
GListModel *
closeness_store_get_entries (ClosenessStore *self,
                             gint64          activity_id,
                             const char     *first_day,
                             const char     *last_day)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (!check_calendar_day (first_day, NULL) || !check_calendar_day (last_day, NULL))
    return NULL;

  return G_LIST_MODEL (new_list (self, CLOSENESS_TYPE_ENTRY, _closeness_entry_new_from_stmt,
                                 STORE_TABLE_ENTRIES,
                                 ENTRY_COLUMNS "WHERE activity_id = ? AND day BETWEEN ? AND ? "
                                 "ORDER BY day, slot",
                                 g_variant_new ("(xss)", activity_id, first_day, last_day)));
}

static gboolean
check_entry (const ClosenessEntryInfo  *entry,
             const char                *latest,
             GError                   **error)
{
  if (entry->activity_id <= 0)
    return check_id (entry->activity_id, error);

  return check_slot (entry->slot, error) &&
         check_day_before (entry->day, latest, error) &&
         ((guint) entry->kind <= CLOSENESS_ENTRY_REST || invalid (error, _("The entry is not valid."))) &&
         (entry->note == NULL ||
          check_text (entry->note, 0, CLOSENESS_STORE_MAX_TEXT, _("The note is too long."), error));
}

#define ENTRY_UPSERT \
  "INSERT INTO selfcare_entries (activity_id, slot, day, kind, note, updated_at) " \
  "VALUES (?, ?, ?, ?, ?, ?) " \
  "ON CONFLICT (activity_id, day, slot) DO UPDATE SET kind = excluded.kind, " \
  "  note = excluded.note, updated_at = excluded.updated_at"

/**
 * closeness_store_log_entry:
 *
 * Logs (or changes) one partner's entry for one activity and day.
 *
 * Returns: the entry id, or 0 with @error set
 */
gint64
closeness_store_log_entry (ClosenessStore            *self,
                           const ClosenessEntryInfo  *info,
                           GError                   **error)
{
  g_autofree char *latest = tomorrow_string ();
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), 0);

  if (info == NULL)
    return invalid (error, _("The entry is not valid."));

  if (!check_entry (info, latest, error))
    return 0;

  write = _store_write_new (STORE_TABLE_ENTRIES, _("The entry could not be saved."));
  _store_write_add (write, FALSE, ENTRY_UPSERT " RETURNING id",
                    g_variant_new ("(xxsxsx)", info->activity_id, (gint64) info->slot, info->day,
                                   (gint64) info->kind, info->note ? info->note : "", now_unix ()));

  return run_for_id (self, write, error);
}

gboolean
closeness_store_remove_entry (ClosenessStore  *self,
                              gint64           activity_id,
                              guint            slot,
                              const char      *day,
                              GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (!check_id (activity_id, error) || !check_slot (slot, error) ||
      !check_calendar_day (day, error))
    return FALSE;

  write = _store_write_new (STORE_TABLE_ENTRIES, _("The entry could not be removed."));
  _store_write_add (write, TRUE,
                    "DELETE FROM selfcare_entries WHERE activity_id = ? AND slot = ? AND day = ?",
                    g_variant_new ("(xxs)", activity_id, (gint64) slot, day));

  return run (self, write, error);
}

typedef struct
{
  ClosenessEntryInfo *entries;
  guint               n_entries;
  gboolean            owned;
  GStringChunk       *strings;
  guint              *counts;   /* the caller's n_added, n_updated while it waits; NULL later */
} EntryBatch;

static void
entry_batch_free (gpointer data)
{
  EntryBatch *batch = data;

  if (batch->owned)
    {
      g_free (batch->entries);
      g_clear_pointer (&batch->strings, g_string_chunk_free);
    }
  g_free (batch);
}

/* The caller's array is only borrowed while the write runs; when the write
 * has to wait (disk full), it is copied here. */
static gpointer
entry_batch_own (gpointer data)
{
  EntryBatch *batch = data;

  batch->entries = g_memdup2 (batch->entries, sizeof (ClosenessEntryInfo) * batch->n_entries);
  batch->strings = g_string_chunk_new (4096);

  for (guint i = 0; i < batch->n_entries; i++)
    {
      batch->entries[i].day = g_string_chunk_insert (batch->strings, batch->entries[i].day);
      if (batch->entries[i].note != NULL)
        batch->entries[i].note = g_string_chunk_insert (batch->strings, batch->entries[i].note);
    }

  batch->owned = TRUE;
  /* The caller has returned: nobody reads the counts any more. */
  batch->counts = NULL;

  return batch;
}

/* The same, but an entry already stored as it is stays untouched. */
#define ENTRY_UPSERT_IF_CHANGED \
  ENTRY_UPSERT " WHERE kind IS NOT excluded.kind OR note IS NOT excluded.note"

/* A batch that has to wait becomes one statement per entry, so it can be
 * kept in the pending journal like any other change. */
static void
entry_batch_to_statements (StoreWrite *write)
{
  EntryBatch *batch = write->data;
  gint64 now = now_unix ();

  for (guint i = 0; i < batch->n_entries; i++)
    {
      const ClosenessEntryInfo *entry = &batch->entries[i];

      _store_write_add (write, FALSE, ENTRY_UPSERT_IF_CHANGED,
                        g_variant_new ("(xxsxsx)", entry->activity_id, (gint64) entry->slot,
                                       entry->day, (gint64) entry->kind,
                                       entry->note != NULL ? entry->note : "", now));
    }

  g_clear_pointer (&write->data, write->data_free);
  write->func = NULL;
  write->data_own = NULL;
  write->to_statements = NULL;
}

/* Runs inside the store's BEGIN IMMEDIATE … COMMIT. One statement per
 * entry: a row it inserted sets the last insert rowid, one it updated does
 * not, one it left alone changes nothing. */
static gboolean
insert_entry_batch (sqlite3   *db,
                    gpointer   data,
                    gint64    *result_id,
                    GError   **error)
{
  EntryBatch *batch = data;
  sqlite3_stmt *stmt = NULL;
  gint64 now = now_unix ();
  guint n_added = 0, n_updated = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db, ENTRY_UPSERT_IF_CHANGED, -1, &stmt, NULL);

  for (guint i = 0; rc == SQLITE_OK && i < batch->n_entries; i++)
    {
      const ClosenessEntryInfo *entry = &batch->entries[i];

      sqlite3_bind_int64 (stmt, 1, entry->activity_id);
      sqlite3_bind_int (stmt, 2, entry->slot);
      sqlite3_bind_text (stmt, 3, entry->day, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, entry->kind);
      sqlite3_bind_text (stmt, 5, entry->note ? entry->note : "", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, now);

      sqlite3_set_last_insert_rowid (db, 0);
      rc = sqlite3_step (stmt);
      rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode (db);
      sqlite3_reset (stmt);

      if (rc == SQLITE_OK && sqlite3_changes (db) > 0)
        {
          if (sqlite3_last_insert_rowid (db) != 0)
            n_added++;
          else
            n_updated++;
        }
    }

  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    {
      _closeness_store_set_error_from_rc (error, db, rc, _("The entries could not be saved."));
      return FALSE;
    }

  if (batch->counts != NULL)
    {
      batch->counts[0] = n_added;
      batch->counts[1] = n_updated;
    }
  *result_id = batch->n_entries;

  return TRUE;
}

/**
 * closeness_store_add_entries:
 * @n_added: (out) (optional): entries that were new
 * @n_updated: (out) (optional): entries that replaced a different one for
 *   the same activity, partner and day
 *
 * Logs many entries in one transaction (imports): all or nothing. Every
 * entry is checked first; one invalid entry refuses the whole batch. An
 * entry already stored exactly so is left as it is and counted in neither.
 *
 * Like every write, a batch that cannot be saved now is kept and retried;
 * the call then returns %FALSE and the counts are 0.
 */
gboolean
closeness_store_add_entries (ClosenessStore            *self,
                             const ClosenessEntryInfo  *entries,
                             guint                      n_entries,
                             guint                     *n_added,
                             guint                     *n_updated,
                             GError                   **error)
{
  g_autofree char *latest = tomorrow_string ();
  EntryBatch *batch;
  StoreWrite *write;
  guint counts[2] = { 0, 0 };
  gboolean ok;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (n_added != NULL)
    *n_added = 0;
  if (n_updated != NULL)
    *n_updated = 0;

  if (n_entries == 0)
    return TRUE;

  if (entries == NULL)
    return invalid (error, _("The entries are not valid."));

  for (guint i = 0; i < n_entries; i++)
    {
      if (!check_entry (&entries[i], latest, error))
        return FALSE;
    }

  batch = g_new0 (EntryBatch, 1);
  batch->entries = (ClosenessEntryInfo *) entries;
  batch->n_entries = n_entries;
  batch->counts = counts;

  write = _store_write_new (STORE_TABLE_ENTRIES, _("The entries could not be saved."));
  write->func = insert_entry_batch;
  write->data = batch;
  write->data_free = entry_batch_free;
  write->data_own = entry_batch_own;
  write->to_statements = entry_batch_to_statements;

  ok = run (self, write, error);

  if (ok && n_added != NULL)
    *n_added = counts[0];
  if (ok && n_updated != NULL)
    *n_updated = counts[1];

  return ok;
}
