/* closeness-store-couple.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Couple sync's side of the store: the couple's shared records as
 * versioned values under stable keys, and the merge of the other devices'
 * versions into this store. No network and no cryptography here: the
 * engine (src/sync/) stamps, seals, sends and receives.
 *
 * A record's key names it the same on every device, with global ids
 * where the tables have local ones (schema step 6 → 7):
 *
 *   partner:SLOT                 a partner's name and colour
 *   deck:GID  prompt:GID         custom decks and prompts
 *   activity:GID                 self-care activities
 *   answer:PROMPT:SLOT           one partner's answer
 *   note:PROMPT                  the shared note on a question
 *   favourite:PROMPT             a favourite (present or not)
 *   discussed:PROMPT:DAY  skip:PROMPT:DAY
 *   entry:ACTIVITY:DAY:SLOT      one partner's self-care entry
 *
 * Its value is an a{sv} (NULL: the record is gone). Decks, prompts and
 * activities merge field by field (each field carries the version that
 * last changed it); a note edited on both sides keeps both texts until a
 * person merges them; everything else goes to the newest version.
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "closeness-store-couple-private.h"

/* What a received record may hold at most (a note or an answer's text is
 * far smaller; the vault refuses more than 1 MiB anyway). */
#define MAX_KEY_LENGTH 200

void
closeness_couple_record_free (ClosenessCoupleRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->key);
  g_free (record->version);
  g_clear_pointer (&record->value, g_variant_unref);
  g_free (record);
}

ClosenessCoupleRecord *
closeness_couple_record_new (const char *key,
                             const char *version,
                             GVariant   *value)
{
  ClosenessCoupleRecord *record = g_new0 (ClosenessCoupleRecord, 1);

  record->key = g_strdup (key);
  record->version = g_strdup (version);
  record->value = value != NULL ? g_variant_ref_sink (value) : NULL;

  return record;
}

/* ---- Keys ---------------------------------------------------------------- */

void
_couple_key_clear (Key *key)
{
  g_clear_pointer (&key->gid, g_free);
  g_clear_pointer (&key->day, g_free);
}

static const struct
{
  const char *name;
  guint       n_parts;   /* after the kind */
  guint       tables;
} kinds[N_KINDS] = {
  [KIND_PARTNER]   = { "partner",   1, STORE_TABLE_PARTNERS },
  [KIND_DECK]      = { "deck",      1, STORE_TABLE_DECKS | STORE_TABLE_PROMPTS },
  [KIND_PROMPT]    = { "prompt",    1, STORE_TABLE_PROMPTS },
  [KIND_ACTIVITY]  = { "activity",  1, STORE_TABLE_ACTIVITIES | STORE_TABLE_ENTRIES },
  [KIND_ANSWER]    = { "answer",    2, STORE_TABLE_ANSWERS },
  [KIND_NOTE]      = { "note",      1, STORE_TABLE_NOTES },
  [KIND_FAVOURITE] = { "favourite", 1, STORE_TABLE_FAVOURITES },
  [KIND_DISCUSSED] = { "discussed", 2, STORE_TABLE_DISCUSSED },
  [KIND_SKIP]      = { "skip",      2, STORE_TABLE_SKIPS },
  [KIND_ENTRY]     = { "entry",     3, STORE_TABLE_ENTRIES },
};


gboolean
_couple_is_gid (const char *text)
{
  gsize n = strlen (text);

  if (n == 0 || n > 100)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '-' && text[i] != '.' && text[i] != '_')
      return FALSE;

  return TRUE;
}

static gboolean
parse_slot (const char *text,
            int        *slot)
{
  if (g_strcmp0 (text, "0") == 0 || g_strcmp0 (text, "1") == 0)
    {
      *slot = text[0] - '0';
      return TRUE;
    }

  return FALSE;
}

/* Reads a key written by any device; anything else is refused. */
gboolean
_couple_parse_key (const char *text,
           Key        *key)
{
  g_auto(GStrv) parts = NULL;
  guint n;

  memset (key, 0, sizeof *key);
  key->slot = -1;
  if (text == NULL || strlen (text) > MAX_KEY_LENGTH || !g_str_is_ascii (text))
    return FALSE;

  parts = g_strsplit (text, ":", -1);
  n = g_strv_length (parts);
  for (guint k = 0; k < N_KINDS; k++)
    {
      if (g_strcmp0 (parts[0], kinds[k].name) != 0)
        continue;
      if (n != kinds[k].n_parts + 1)
        return FALSE;
      key->kind = k;
      switch (k)
        {
        case KIND_PARTNER:
          return parse_slot (parts[1], &key->slot);

        case KIND_ANSWER:
          key->gid = g_strdup (parts[1]);
          return _couple_is_gid (parts[1]) && parse_slot (parts[2], &key->slot);

        case KIND_DISCUSSED:
        case KIND_SKIP:
          key->gid = g_strdup (parts[1]);
          key->day = g_strdup (parts[2]);
          return _couple_is_gid (parts[1]) && _closeness_store_check_calendar_day (parts[2]);

        case KIND_ENTRY:
          key->gid = g_strdup (parts[1]);
          key->day = g_strdup (parts[2]);
          return _couple_is_gid (parts[1]) && _closeness_store_check_calendar_day (parts[2]) &&
                 parse_slot (parts[3], &key->slot);

        default:
          key->gid = g_strdup (parts[1]);
          return _couple_is_gid (parts[1]);
        }
    }

  return FALSE;
}

/**
 * closeness_couple_key_is_valid:
 *
 * Returns: whether @key names a record couple sync knows
 */
gboolean
closeness_couple_key_is_valid (const char *key)
{
  g_auto(Key) parsed = { 0 };

  return _couple_parse_key (key, &parsed);
}

/**
 * closeness_couple_key_get_owner:
 *
 * Returns: the partner (0 or 1) who alone may write the record @key (an
 *   answer, a self-care entry), or -1 when both may
 */
int
closeness_couple_key_get_owner (const char *key)
{
  g_auto(Key) parsed = { 0 };

  if (!_couple_parse_key (key, &parsed))
    return -1;

  return parsed.kind == KIND_ANSWER || parsed.kind == KIND_ENTRY ? parsed.slot : -1;
}

/* ---- Reading ------------------------------------------------------------- */

static void
add_text (GVariantDict *dict,
          const char   *name,
          sqlite3_stmt *stmt,
          int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  g_variant_dict_insert (dict, name, "s", text != NULL ? text : "");
}

/* The first row of @sql with @key's parts bound as ?1 (gid or slot), ?2
 * (day or slot), ?3 (slot); NULL when there is none. */
static sqlite3_stmt *
query_row (sqlite3    *db,
           const char *sql,
           const Key  *key,
           int        *rc)
{
  sqlite3_stmt *stmt = NULL;

  *rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (*rc != SQLITE_OK)
    return NULL;
  if (key->gid != NULL)
    sqlite3_bind_text (stmt, 1, key->gid, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int (stmt, 1, key->slot);
  if (key->day != NULL)
    sqlite3_bind_text (stmt, 2, key->day, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int (stmt, 2, key->slot);
  sqlite3_bind_int (stmt, 3, key->slot);

  *rc = sqlite3_step (stmt);
  if (*rc == SQLITE_ROW)
    {
      *rc = SQLITE_OK;
      return stmt;
    }
  if (*rc == SQLITE_DONE)
    *rc = SQLITE_OK;
  sqlite3_finalize (stmt);

  return NULL;
}


static const char * const read_sql[N_KINDS] = {
  [KIND_PARTNER] = "SELECT name, color FROM partners WHERE slot = ?1",
  [KIND_DECK] = "SELECT name, description, position, deleted_at IS NOT NULL FROM decks "
                "WHERE gid = ?1 AND builtin_key IS NULL",
  [KIND_PROMPT] =
    "SELECT d.gid, p.text, p.follow_up, p.intensity, p.position, p.deleted_at IS NOT NULL "
    "FROM prompts p JOIN decks d ON d.id = p.deck_id "
    "WHERE p.gid = ?1 AND p.builtin_key IS NULL",
  [KIND_ACTIVITY] =
    "SELECT name, icon, color, owner, private, goal_kind, goal_count, position, "
    "archived_at IS NOT NULL, deleted_at IS NOT NULL, kind, unit, target, interval_days "
    "FROM activities WHERE gid = ?1",
  [KIND_ANSWER] = "SELECT text FROM answers WHERE prompt_id = " PROMPT_OF " AND slot = ?2",
  [KIND_NOTE] =
    "SELECT text, coalesce (other_text, '') FROM conversation_notes WHERE prompt_id = " PROMPT_OF,
  [KIND_FAVOURITE] = "SELECT 1 FROM favourites WHERE prompt_id = " PROMPT_OF,
  [KIND_DISCUSSED] = "SELECT 1 FROM discussed WHERE prompt_id = " PROMPT_OF " AND day = ?2",
  [KIND_SKIP] = "SELECT 1 FROM skips WHERE prompt_id = " PROMPT_OF " AND day = ?2",
  [KIND_ENTRY] = "SELECT kind, note, value FROM selfcare_entries "
                 "WHERE activity_id = " ACTIVITY_OF " AND day = ?2 AND slot = ?3",
};

/* The fields of a deck, prompt or activity, from a row of read_sql. */
static GVariant *
row_value (Kind          kind,
           sqlite3_stmt *stmt)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  switch (kind)
    {
    case KIND_PARTNER:
      add_text (&dict, "name", stmt, 0);
      add_text (&dict, "color", stmt, 1);
      break;

    case KIND_DECK:
      add_text (&dict, "name", stmt, 0);
      add_text (&dict, "description", stmt, 1);
      g_variant_dict_insert (&dict, "position", "x", sqlite3_column_int64 (stmt, 2));
      g_variant_dict_insert (&dict, "deleted", "b", sqlite3_column_int (stmt, 3) != 0);
      break;

    case KIND_PROMPT:
      add_text (&dict, "deck", stmt, 0);
      add_text (&dict, "text", stmt, 1);
      add_text (&dict, "follow-up", stmt, 2);
      g_variant_dict_insert (&dict, "intensity", "i", sqlite3_column_int (stmt, 3));
      g_variant_dict_insert (&dict, "position", "x", sqlite3_column_int64 (stmt, 4));
      g_variant_dict_insert (&dict, "deleted", "b", sqlite3_column_int (stmt, 5) != 0);
      break;

    case KIND_ACTIVITY:
      add_text (&dict, "name", stmt, 0);
      add_text (&dict, "icon", stmt, 1);
      add_text (&dict, "color", stmt, 2);
      g_variant_dict_insert (&dict, "owner", "i", sqlite3_column_int (stmt, 3));
      g_variant_dict_insert (&dict, "private", "b", sqlite3_column_int (stmt, 4) != 0);
      g_variant_dict_insert (&dict, "goal-kind", "i", sqlite3_column_int (stmt, 5));
      g_variant_dict_insert (&dict, "goal-count", "i", sqlite3_column_int (stmt, 6));
      g_variant_dict_insert (&dict, "position", "x", sqlite3_column_int64 (stmt, 7));
      g_variant_dict_insert (&dict, "archived", "b", sqlite3_column_int (stmt, 8) != 0);
      g_variant_dict_insert (&dict, "deleted", "b", sqlite3_column_int (stmt, 9) != 0);
      g_variant_dict_insert (&dict, "kind", "i", sqlite3_column_int (stmt, 10));
      add_text (&dict, "unit", stmt, 11);
      g_variant_dict_insert (&dict, "target", "d", sqlite3_column_double (stmt, 12));
      g_variant_dict_insert (&dict, "interval-days", "i", sqlite3_column_int (stmt, 13));
      break;

    case KIND_ANSWER:
      add_text (&dict, "text", stmt, 0);
      break;

    case KIND_NOTE:
      add_text (&dict, "text", stmt, 0);
      add_text (&dict, "other", stmt, 1);
      break;

    case KIND_ENTRY:
      g_variant_dict_insert (&dict, "kind", "i", sqlite3_column_int (stmt, 0));
      add_text (&dict, "note", stmt, 1);
      /* A measured day's amount; none for a yes/no one. */
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        g_variant_dict_insert (&dict, "value", "d", sqlite3_column_double (stmt, 2));
      break;

    case KIND_FAVOURITE:
    case KIND_DISCUSSED:
    case KIND_SKIP:
    case N_KINDS:
      break;
    }

  return g_variant_dict_end (&dict);
}

GVariant *
_couple_read_value (sqlite3    *db,
            const Key  *key,
            GError    **error)
{
  sqlite3_stmt *stmt;
  GVariant *value;
  int rc;

  stmt = query_row (db, read_sql[key->kind], key, &rc);
  if (rc != SQLITE_OK)
    {
      _closeness_store_set_error_from_rc (error, db, rc,
                                          _("The shared records could not be read."));
      return NULL;
    }
  if (stmt == NULL)
    return NULL;
  value = g_variant_ref_sink (row_value (key->kind, stmt));
  sqlite3_finalize (stmt);

  return value;
}

/**
 * closeness_store_couple_read:
 * @key: a record's key, as closeness_store_couple_list_changes() gives it
 *
 * Reads the record as it is here now. Its version is what this device
 * last sent or applied (NULL when never), its value NULL when the record
 * is gone. Decks, prompts and activities also carry the versions of their
 * fields ("stamps"), as closeness_store_couple_stamp() sets them.
 *
 * Returns: (transfer full) (nullable): the record, or NULL with @error set
 */
ClosenessCoupleRecord *
closeness_store_couple_read (ClosenessStore  *self,
                             const char      *key,
                             GError         **error)
{
  g_auto(Key) parsed = { 0 };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autofree char *version = NULL;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (!_couple_parse_key (key, &parsed))
    {
      _store_invalid (error, _("The shared record is not valid."));
      return NULL;
    }

  value = _couple_read_value (_closeness_store_get_db (self), &parsed, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  version = _store_dup_text (self, "SELECT hlc FROM couple_versions WHERE key = ?", key);

  return closeness_couple_record_new (key, version, value);
}

/* ---- Changes made here --------------------------------------------------- */

/**
 * closeness_store_couple_set_enabled:
 *
 * Turns the noting of changes on or off. Turned on, every shared record
 * here is noted as changed, so that the first sync sends them all; off,
 * what was noted and this device's versions are forgotten (the records
 * themselves stay).
 */
gboolean
closeness_store_couple_set_enabled (ClosenessStore  *self,
                                    gboolean         enabled,
                                    GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  write = _store_write_new (0, _("Couple sync could not be set up."));
  _store_write_add (write, FALSE, "DELETE FROM couple_outbox", NULL);
  _store_write_add (write, FALSE, "DELETE FROM couple_versions", NULL);
  _store_write_add (write, FALSE, "DELETE FROM couple_waiting", NULL);
  _store_write_add (write, FALSE, "DELETE FROM couple_applying", NULL);
  /* The device's keys and the collections stay: they are the account's. */
  _store_write_add (write, FALSE,
                    "DELETE FROM couple_state WHERE key NOT IN ('keys-public', 'keys-id') AND key NOT LIKE 'collection:%'",
                    NULL);
  if (!enabled)
    return _closeness_store_run (self, write, error);

  _store_write_add (write, FALSE,
                    "INSERT OR REPLACE INTO couple_state (key, value) VALUES ('enabled', '1')",
                    NULL);
#define NOTE_ALL(select) \
  _store_write_add (write, FALSE, "INSERT OR IGNORE INTO couple_outbox (key, changed_at) " select, NULL)
  NOTE_ALL ("SELECT 'partner:' || slot, 0 FROM partners WHERE name <> '' OR color <> ''");
  NOTE_ALL ("SELECT 'deck:' || gid, updated_at * 1000 FROM decks WHERE builtin_key IS NULL");
  NOTE_ALL ("SELECT 'prompt:' || gid, updated_at * 1000 FROM prompts WHERE builtin_key IS NULL");
  NOTE_ALL ("SELECT 'activity:' || gid, updated_at * 1000 FROM activities");
  NOTE_ALL ("SELECT 'answer:' || p.gid || ':' || a.slot, a.updated_at * 1000 "
            "FROM answers a JOIN prompts p ON p.id = a.prompt_id");
  NOTE_ALL ("SELECT 'note:' || p.gid, n.updated_at * 1000 "
            "FROM conversation_notes n JOIN prompts p ON p.id = n.prompt_id");
  NOTE_ALL ("SELECT 'favourite:' || p.gid, f.created_at * 1000 "
            "FROM favourites f JOIN prompts p ON p.id = f.prompt_id");
  NOTE_ALL ("SELECT 'discussed:' || p.gid || ':' || d.day, 0 FROM discussed d JOIN prompts p ON p.id = d.prompt_id");
  NOTE_ALL (
            "SELECT 'skip:' || p.gid || ':' || s.day, 0 FROM skips s JOIN prompts p ON p.id = s.prompt_id");
  NOTE_ALL ("SELECT 'entry:' || a.gid || ':' || e.day || ':' || e.slot, e.updated_at * 1000 "
            "FROM selfcare_entries e JOIN activities a ON a.id = e.activity_id");
#undef NOTE_ALL

  return _closeness_store_run (self, write, error);
}

gboolean
closeness_store_couple_get_enabled (ClosenessStore *self)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  value = _store_dup_text (self, "SELECT value FROM couple_state WHERE key = ?", "enabled");

  return value != NULL;
}

void
closeness_couple_change_free (ClosenessCoupleChange *change)
{
  if (change == NULL)
    return;
  g_free (change->key);
  g_free (change);
}

/**
 * closeness_store_couple_list_changes:
 *
 * Returns: (transfer full) (element-type ClosenessCoupleChange): the
 *   records changed here and not sent yet, oldest change first
 */
GPtrArray *
closeness_store_couple_list_changes (ClosenessStore *self)
{
  GPtrArray *changes =
    g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_couple_change_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), changes);

  stmt = _closeness_store_get_statement (self, "SELECT key, changed_at FROM couple_outbox "
                                               "ORDER BY changed_at, key", &rc);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      ClosenessCoupleChange *change = g_new0 (ClosenessCoupleChange, 1);

      change->key = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      change->changed_at = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (changes, change);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return changes;
}

gboolean
_couple_merges_by_field (Kind kind)
{
  return kind == KIND_DECK || kind == KIND_PROMPT || kind == KIND_ACTIVITY;
}

/* The stamps kept for @key: field → version. */
GVariant *
_couple_dup_stamps (sqlite3    *db,
            const char *key,
            GVariant  **base)
{
  sqlite3_stmt *stmt = NULL;
  GVariant *stamps = NULL;

  *base = NULL;
  if (sqlite3_prepare_v2 (db, "SELECT stamps, base FROM couple_versions WHERE key = ?", -1, &stmt,
                          NULL)
      != SQLITE_OK)
    return g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("{ss}"), NULL, 0));
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      const char *base_text = (const char *) sqlite3_column_text (stmt, 1);

      if (text != NULL && text[0] != '\0')
        stamps = g_variant_parse (G_VARIANT_TYPE ("a{ss}"), text, NULL, NULL, NULL);
      if (base_text != NULL && base_text[0] != '\0')
        *base = g_variant_parse (RECORD_TYPE, base_text, NULL, NULL, NULL);
    }
  sqlite3_finalize (stmt);
  if (stamps == NULL)
    stamps = g_variant_new_array (G_VARIANT_TYPE ("{ss}"), NULL, 0);

  return g_variant_ref_sink (stamps);
}

/**
 * closeness_store_couple_stamp:
 * @record: as closeness_store_couple_read() gave it
 * @version: the version this device gives the change
 *
 * Gives @record the version @version; for decks, prompts and activities
 * each field that changed since the version last sent or applied gets
 * @version as its stamp, and the others keep theirs. The value then
 * carries the stamps ("stamps", a{ss}).
 */
void
closeness_store_couple_stamp (ClosenessStore        *self,
                              ClosenessCoupleRecord *record,
                              const char            *version)
{
  g_auto(Key) parsed = { 0 };
  g_autoptr(GVariant) stamps = NULL;
  g_autoptr(GVariant) base = NULL;
  GVariantDict out_stamps, value;
  GVariantIter iter;
  const char *field;
  GVariant *field_value;

  g_return_if_fail (CLOSENESS_IS_STORE (self));
  g_return_if_fail (record != NULL && version != NULL);

  g_free (record->version);
  record->version = g_strdup (version);
  if (!_couple_parse_key (record->key, &parsed) || !_couple_merges_by_field (parsed.kind)
      || record->value == NULL)
    return;

  stamps = _couple_dup_stamps (_closeness_store_get_db (self), record->key, &base);
  g_variant_dict_init (&out_stamps, stamps);
  g_variant_dict_init (&value, NULL);
  g_variant_iter_init (&iter, record->value);
  while (g_variant_iter_next (&iter, "{&sv}", &field, &field_value))
    {
      g_autoptr(GVariant) before = base != NULL ? g_variant_lookup_value (base, field, NULL) : NULL;

      if (strcmp (field, "stamps") != 0)
        {
          if (before == NULL || !g_variant_equal (before, field_value) ||
              !g_variant_dict_contains (&out_stamps, field))
            g_variant_dict_insert (&out_stamps, field, "s", version);
          g_variant_dict_insert_value (&value, field, field_value);
        }
      g_variant_unref (field_value);
    }
  g_variant_dict_insert_value (&value, "stamps", g_variant_dict_end (&out_stamps));
  g_clear_pointer (&record->value, g_variant_unref);
  record->value = g_variant_ref_sink (g_variant_dict_end (&value));
}

GVariant *
_couple_without_stamps (GVariant *value,
                GVariant **stamps)
{
  GVariantDict dict;

  *stamps = NULL;
  if (value == NULL)
    return NULL;
  g_variant_dict_init (&dict, value);
  *stamps = g_variant_dict_lookup_value (&dict, "stamps", G_VARIANT_TYPE ("a{ss}"));
  g_variant_dict_remove (&dict, "stamps");

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static void
add_version_statement (StoreWrite *write,
                       const char *key,
                       const char *version,
                       GVariant   *value)
{
  g_autoptr(GVariant) stamps = NULL;
  g_autoptr(GVariant) base = _couple_without_stamps (value, &stamps);
  g_autofree char *stamps_text = stamps != NULL ? g_variant_print (stamps, FALSE) : g_strdup ("");
  g_autofree char *base_text = base != NULL ? g_variant_print (base, TRUE) : g_strdup ("");

  _store_write_add (write, FALSE,
                    "INSERT INTO couple_versions (key, hlc, stamps, base) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET hlc = excluded.hlc, stamps = excluded.stamps, "
                    "base = excluded.base",
                    g_variant_new ("(ssss)", key, version, stamps_text, base_text));
}

/**
 * closeness_store_couple_mark_sent:
 * @records: (element-type ClosenessCoupleRecord): the records as they were
 *   sent (stamped)
 * @changed_at: for each record, the change it sent, as
 *   closeness_store_couple_list_changes() listed it
 *
 * Notes, in one transaction, that the other devices now have @records. A
 * change made here after its @changed_at stays to be sent.
 */
gboolean
closeness_store_couple_mark_sent (ClosenessStore  *self,
                                  GPtrArray       *records,
                                  const gint64    *changed_at,
                                  GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);

  write = _store_write_new (0, _("Couple sync could not note what it sent."));
  for (guint i = 0; i < records->len; i++)
    {
      const ClosenessCoupleRecord *record = g_ptr_array_index (records, i);

      g_return_val_if_fail (record->version != NULL, FALSE);
      add_version_statement (write, record->key, record->version, record->value);
      _store_write_add (write, FALSE, "DELETE FROM couple_outbox WHERE key = ? AND changed_at <= ?",
                        g_variant_new ("(sx)", record->key, changed_at[i]));
    }

  return _closeness_store_run (self, write, error);
}


/**
 * closeness_store_couple_list_keys:
 *
 * Returns: (transfer full): the key of every shared record here, and of
 *   every record that was here and went (its removal still travels)
 */
GStrv
closeness_store_couple_list_keys (ClosenessStore *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  stmt = _closeness_store_get_statement (self,
    "SELECT 'partner:' || slot FROM partners "
    "UNION SELECT 'deck:' || gid FROM decks WHERE builtin_key IS NULL "
    "UNION SELECT 'prompt:' || gid FROM prompts WHERE builtin_key IS NULL "
    "UNION SELECT 'activity:' || gid FROM activities "
    "UNION SELECT 'answer:' || p.gid || ':' || a.slot FROM answers a JOIN prompts p ON p.id = a.prompt_id "
    "UNION SELECT 'note:' || p.gid FROM conversation_notes n JOIN prompts p ON p.id = n.prompt_id "
    "UNION SELECT 'favourite:' || p.gid FROM favourites f JOIN prompts p ON p.id = f.prompt_id "
    "UNION SELECT 'discussed:' || p.gid || ':' || d.day FROM discussed d JOIN prompts p ON p.id = d.prompt_id "
    "UNION SELECT 'skip:' || p.gid || ':' || s.day FROM skips s JOIN prompts p ON p.id = s.prompt_id "
    "UNION SELECT 'entry:' || a.gid || ':' || e.day || ':' || e.slot "
    "  FROM selfcare_entries e JOIN activities a ON a.id = e.activity_id "
    "UNION SELECT key FROM couple_versions "
    "UNION SELECT key FROM couple_outbox",
    &rc);
  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return g_strv_builder_end (builder);
}

/**
 * closeness_store_couple_dup_state:
 * @key: a name of the sync engine's own ("token", "item:…")
 *
 * Returns: (transfer full) (nullable): what the engine kept under @key
 */
char *
closeness_store_couple_dup_state (ClosenessStore *self,
                                  const char     *key)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return _store_dup_text (self, "SELECT value FROM couple_state WHERE key = ?", key);
}

/**
 * closeness_store_couple_set_states:
 * @states: (element-type utf8 utf8): names and values (%NULL removes one)
 *
 * Keeps the sync engine's own bookkeeping, all of @states in one
 * transaction. "enabled" is closeness_store_couple_set_enabled()'s.
 */
gboolean
closeness_store_couple_set_states (ClosenessStore  *self,
                                   GHashTable      *states,
                                   GError         **error)
{
  StoreWrite *write;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  write = _store_write_new (0, _("Couple sync could not note where it is."));
  g_hash_table_iter_init (&iter, states);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_strcmp0 (key, "enabled") == 0 || !g_utf8_validate (key, -1, NULL) ||
          (value != NULL && !g_utf8_validate (value, -1, NULL)))
        {
          _store_write_free (write);
          return _store_invalid (error, _("The sync setting is not valid."));
        }
      if (value != NULL)
        _store_write_add (write, FALSE,
                          "INSERT INTO couple_state (key, value) VALUES (?, ?) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                          g_variant_new ("(ss)", (const char *) key, (const char *) value));
      else
        _store_write_add (write, FALSE, "DELETE FROM couple_state WHERE key = ?",
                          g_variant_new ("(s)", (const char *) key));
    }

  return _closeness_store_run (self, write, error);
}

/**
 * closeness_store_couple_note_change:
 *
 * Notes @key to be sent again though nothing in it changed here (the sync
 * engine does so when an answer's key may now be published). It is noted
 * as changed at no time at all: a version received meanwhile wins over it
 * (a real change made here later is noted at its own time), so that
 * sending a key never undoes an edit made on another device.
 */
gboolean
closeness_store_couple_note_change (ClosenessStore  *self,
                                    const char      *key,
                                    GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (!closeness_couple_key_is_valid (key))
    return _store_invalid (error, _("The shared record is not valid."));

  write = _store_write_new (0, _("Couple sync could not note where it is."));
  _store_write_add (write, FALSE,
                    "INSERT INTO couple_outbox (key, changed_at) VALUES (?, 0) "
                    "ON CONFLICT (key) DO NOTHING", g_variant_new ("(s)", key));

  return _closeness_store_run (self, write, error);
}

/**
 * closeness_store_couple_has_sealed_answer:
 * @slot: the partner who answered
 *
 * Returns: whether @slot's answer to @prompt_id arrived from another
 *   computer and stays sealed until an answer of this computer's partner
 *   is on the server (couple sync keeps that note, not the answer)
 */
gboolean
closeness_store_couple_has_sealed_answer (ClosenessStore *self,
                                          gint64          prompt_id,
                                          guint           slot)
{
  g_autofree char *param = NULL;
  g_autofree char *found = NULL;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  param = g_strdup_printf ("%" G_GINT64_FORMAT ":%u", prompt_id, slot);
  found =
    _store_dup_text (self,
                     "SELECT s.value FROM couple_state s JOIN prompts p "
                     "ON s.key = 'sealed:answer:' || p.gid || ':' || substr (?1, instr (?1, ':') + 1) "
                     "WHERE p.id = CAST (substr (?1, 1, instr (?1, ':') - 1) AS INTEGER)",
                     param);

  return found != NULL;
}
