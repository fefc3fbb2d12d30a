/* closeness-store-couple-apply.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Couple sync: the other devices' versions merged into this store, in one
 * transaction, checked field by field before anything is written
 * (closeness-store-couple.c has the keys and what a record holds).
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "closeness-store-couple-private.h"

/* ---- Versions from the other devices ---------------------------------- */

/* A version as the hybrid logical clock writes it (closeness-hlc.c):
 * "%012x-%04x-%016x", lowercase, so that text order is time order. */
static gboolean
is_version (const char *version)
{
  if (version == NULL || strlen (version) != 34 || version[12] != '-' || version[17] != '-')
    return FALSE;
  for (guint i = 0; i < 34; i++)
    if (i != 12 && i != 17
        && !(g_ascii_isdigit (version[i]) || (version[i] >= 'a' && version[i] <= 'f')))
      return FALSE;

  return TRUE;
}

static gint64
version_ms (const char *version)
{
  return (gint64) g_ascii_strtoull (version, NULL, 16);
}

typedef enum
{
  APPLIED,
  STALE,      /* not newer than what is here */
  WAITING,    /* its deck, prompt or activity has not arrived */
  REFUSED,    /* not a record Closeness writes */
  FAILED,     /* the database failed: @error is set */
} Outcome;

typedef struct
{
  GPtrArray                  *records;  /* ClosenessCoupleRecord, owned */
  ClosenessCoupleApplyCounts *counts;   /* shared with the caller (g_rc_box) */
} ApplyBatch;

static void
apply_batch_free (gpointer data)
{
  ApplyBatch *batch = data;

  g_ptr_array_unref (batch->records);
  g_rc_box_release (batch->counts);
  g_free (batch);
}

static gboolean
run_sql (sqlite3     *db,
         GError     **error,
         const char  *sql,
         const char  *format,
         ...)
{
  g_autoptr(GVariant) params = NULL;
  sqlite3_stmt *stmt = NULL;
  va_list args;
  int rc;

  if (format != NULL)
    {
      va_start (args, format);
      params = g_variant_ref_sink (g_variant_new_va (format, NULL, &args));
      va_end (args);
    }
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK && !_closeness_bind_params (stmt, params))
    rc = SQLITE_MISUSE;
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE || rc == SQLITE_ROW)
        rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      _closeness_store_set_error_from_rc (error, db, rc,
                                          _("The shared records could not be saved."));
      return FALSE;
    }

  return TRUE;
}

static char *
select_text (sqlite3    *db,
             const char *sql,
             const char *param)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return value;
}

static gboolean
has_row (sqlite3    *db,
         const char *sql,
         const char *param)
{
  g_autofree char *value = select_text (db, sql, param);

  return value != NULL;
}

/* The value's field @name as a string within limits; NULL if absent,
 * of another type or out of bounds. */
static const char *
lookup_text (GVariant *value,
             const char *name,
             glong       min_chars,
             glong       max_chars)
{
  const char *text = NULL;

  if (!g_variant_lookup (value, name, "&s", &text) ||
      !_closeness_store_check_text (text, min_chars, max_chars))
    return NULL;

  return text;
}

static gboolean
lookup_int (GVariant *value,
            const char *name,
            int         min,
            int         max,
            int        *out)
{
  return g_variant_lookup (value, name, "i", out) && *out >= min && *out <= max;
}

static gboolean
lookup_double (GVariant   *value,
               const char *name,
               double      min,
               double      max)
{
  double number;

  return g_variant_lookup (value, name, "d", &number) && number >= min && number <= max;
}

/* Whether @value is what a device writes for a record of @kind. */
static gboolean
value_is_valid (Kind      kind,
                GVariant *value)
{
  int n;
  gint64 position;
  gboolean flag;
  double amount;
  const char *color;

  if (value == NULL)
    return kind != KIND_PARTNER && !_couple_merges_by_field (kind);
  if (!g_variant_is_of_type (value, RECORD_TYPE))
    return FALSE;

  switch (kind)
    {
    case KIND_PARTNER:
      color = lookup_text (value, "color", 0, 20);
      return lookup_text (value, "name", 0, CLOSENESS_STORE_MAX_NAME) != NULL && color != NULL &&
             (color[0] == '\0' || _closeness_store_is_color (color));

    case KIND_DECK:
      return lookup_text (value, "name", 1, CLOSENESS_STORE_MAX_NAME) != NULL &&
             lookup_text (value, "description", 0, CLOSENESS_STORE_MAX_TITLE * 5) != NULL &&
             g_variant_lookup (value, "position", "x", &position) &&
             g_variant_lookup (value, "deleted", "b", &flag);

    case KIND_PROMPT:
      return lookup_text (value, "deck", 1, 100) != NULL
             && _couple_is_gid (lookup_text (value, "deck", 1, 100))
             && lookup_text (value, "text", 1, CLOSENESS_STORE_MAX_TITLE * 5) != NULL
             && lookup_text (value, "follow-up", 0, CLOSENESS_STORE_MAX_TITLE * 5) != NULL
             && lookup_int (value, "intensity", 0, 2, &n)
             && g_variant_lookup (value, "position", "x", &position)
             && g_variant_lookup (value, "deleted", "b", &flag);

    case KIND_ACTIVITY:
      color = lookup_text (value, "color", 0, 20);
      return lookup_text (value, "name", 1, CLOSENESS_STORE_MAX_NAME) != NULL &&
             lookup_text (value, "icon", 0, 100) != NULL && color != NULL &&
             (color[0] == '\0' || _closeness_store_is_color (color)) &&
             lookup_int (value, "owner", 0, 2, &n) &&
             g_variant_lookup (value, "private", "b", &flag) &&
             lookup_int (value, "goal-kind", 0, 2, &n) &&
             lookup_int (value, "goal-count", 1, 31, &n) &&
             g_variant_lookup (value, "position", "x", &position) &&
             g_variant_lookup (value, "archived", "b", &flag) &&
             g_variant_lookup (value, "deleted", "b", &flag) &&
             lookup_int (value, "kind", 0, 1, &n) &&
             lookup_text (value, "unit", 0, 20) != NULL &&
             lookup_double (value, "target", 0, 1000000) &&
             lookup_int (value, "interval-days", 0, 365, &n);

    case KIND_ANSWER:
      return lookup_text (value, "text", 1, CLOSENESS_STORE_MAX_TEXT) != NULL;

    case KIND_NOTE:
      return lookup_text (value, "text", 0, CLOSENESS_STORE_MAX_TEXT) != NULL &&
             lookup_text (value, "other", 0, CLOSENESS_STORE_MAX_TEXT) != NULL;

    case KIND_ENTRY:
      return lookup_int (value, "kind", 0, 1, &n)
             && lookup_text (value, "note", 0, CLOSENESS_STORE_MAX_TEXT) != NULL
             && (!g_variant_lookup (value, "value", "d", &amount)
                 || (amount >= 0 && amount <= 1000000));

    case KIND_FAVOURITE:
    case KIND_DISCUSSED:
    case KIND_SKIP:
      return TRUE;

    case N_KINDS:
    default:
      return FALSE;
    }
}

/* The gid a record depends on, when it is not here yet. */
static gboolean
parent_missing (sqlite3   *db,
                const Key *key,
                GVariant  *value)
{
  switch (key->kind)
    {
    case KIND_PROMPT:
      return !has_row (db, "SELECT 1 FROM decks WHERE gid = ?",
                       lookup_text (value, "deck", 1, 100));

    case KIND_ANSWER:
    case KIND_NOTE:
    case KIND_FAVOURITE:
    case KIND_DISCUSSED:
    case KIND_SKIP:
      return !has_row (db, "SELECT 1 FROM prompts WHERE gid = ?", key->gid);

    case KIND_ENTRY:
      return !has_row (db, "SELECT 1 FROM activities WHERE gid = ?", key->gid);

    default:
      return FALSE;
    }
}

/* Field by field: each of @incoming's fields whose stamp is newer than the
 * one here, unless it was changed here (and not sent) later still. */
static GVariant *
merge_fields (sqlite3     *db,
              const Key   *key,
              const char  *record_key,
              GVariant    *incoming,
              gint64       changed_here_ms,
              GVariant   **merged_stamps)
{
  g_autoptr(GVariant) here = _couple_read_value (db, key, NULL);
  g_autoptr(GVariant) base = NULL;
  g_autoptr(GVariant) stamps_here = _couple_dup_stamps (db, record_key, &base);
  g_autoptr(GVariant) stamps_there = NULL;
  g_autoptr(GVariant) fields_there = _couple_without_stamps (incoming, &stamps_there);
  GVariantDict merged, stamps;
  GVariantIter iter;
  const char *field;
  GVariant *there_value;

  g_variant_dict_init (&merged, here);
  g_variant_dict_init (&stamps, stamps_here);
  g_variant_iter_init (&iter, fields_there);
  while (g_variant_iter_next (&iter, "{&sv}", &field, &there_value))
    {
      const char *stamp_there = NULL;
      const char *stamp_here = NULL;
      g_autoptr(GVariant) value_here = here != NULL ? g_variant_lookup_value (here, field, NULL)
                                                    : NULL;
      g_autoptr(GVariant) value_base = base != NULL ? g_variant_lookup_value (base, field, NULL)
                                                    : NULL;
      gboolean changed_here = value_here != NULL && value_base != NULL
                              && !g_variant_equal (value_here, value_base);
      gboolean take;

      if (stamps_there == NULL || !g_variant_lookup (stamps_there, field, "&s", &stamp_there) ||
          !is_version (stamp_there))
        stamp_there = "";
      g_variant_lookup (stamps_here, field, "&s", &stamp_here);

      if (here == NULL)
        take = TRUE;
      else if (changed_here && changed_here_ms > 0)
        take = version_ms (stamp_there) > changed_here_ms;
      else
        take = stamp_here == NULL || strcmp (stamp_there, stamp_here) > 0;

      if (take)
        {
          g_variant_dict_insert_value (&merged, field, there_value);
          g_variant_dict_insert (&stamps, field, "s", stamp_there);
        }
      g_variant_unref (there_value);
    }

  *merged_stamps = g_variant_ref_sink (g_variant_dict_end (&stamps));

  return g_variant_ref_sink (g_variant_dict_end (&merged));
}

#define NOW "CAST (strftime ('%s', 'now') AS INTEGER)"

/* Writes @value (NULL: removes) as the record @key names. */
static gboolean
write_value (sqlite3    *db,
             const Key  *key,
             GVariant   *value,
             GError    **error)
{
  const char *gid = key->gid;

  switch (key->kind)
    {
    case KIND_PARTNER:
      return run_sql (db, error, "UPDATE partners SET name = ?, color = ? WHERE slot = ?", "(ssi)",
                      lookup_text (value, "name", 0, CLOSENESS_STORE_MAX_NAME),
                      lookup_text (value, "color", 0, 20), key->slot);

    case KIND_DECK:
      {
        gint64 position = 0;
        gboolean deleted = FALSE;

        g_variant_lookup (value, "position", "x", &position);
        g_variant_lookup (value, "deleted", "b", &deleted);
        return run_sql (db, error,
                        "INSERT INTO decks (gid, name, description, position, created_at, updated_at) "
                        "VALUES (?1, ?2, ?3, ?4, " NOW ", " NOW ") ON CONFLICT (gid) DO UPDATE SET "
                        "name = ?2, description = ?3, position = ?4, updated_at = " NOW,
                        "(sssx)", gid, lookup_text (value, "name", 1, 1000),
                        lookup_text (value, "description", 0, 10000), position)
               && run_sql (db, error,
                           "UPDATE decks SET deleted_at = CASE WHEN ?2 THEN coalesce (deleted_at, " NOW
                           ") END "
                           "WHERE gid = ?1",
                           "(sb)", gid, deleted);
      }

    case KIND_PROMPT:
      {
        gint64 position = 0;
        gboolean deleted = FALSE;
        int intensity = 0;

        g_variant_lookup (value, "position", "x", &position);
        g_variant_lookup (value, "deleted", "b", &deleted);
        g_variant_lookup (value, "intensity", "i", &intensity);
        return run_sql (db, error,
                        "INSERT INTO prompts (gid, deck_id, text, follow_up, intensity, position, "
                        "  created_at, updated_at) "
                        "VALUES (?1, (SELECT id FROM decks WHERE gid = ?2), ?3, ?4, ?5, ?6, " NOW
                        ", " NOW ") "
                        "ON CONFLICT (gid) DO UPDATE SET deck_id = (SELECT id FROM decks WHERE gid = ?2), "
                        "text = ?3, follow_up = ?4, intensity = ?5, position = ?6, updated_at = " NOW,
                        "(ssssix)", gid, lookup_text (value, "deck", 1, 100),
                        lookup_text (value, "text", 1, 100000),
                        lookup_text (value, "follow-up", 0, 100000), intensity, position)
               && run_sql (db, error,
                           "UPDATE prompts SET deleted_at = CASE WHEN ?2 THEN coalesce (deleted_at, " NOW
                           ") END "
                           "WHERE gid = ?1",
                           "(sb)", gid, deleted);
      }

    case KIND_ACTIVITY:
      {
        gint64 position = 0;
        gboolean archived = FALSE, deleted = FALSE, private = FALSE;
        int owner = 2, goal_kind = 0, goal_count = 1, kind = 0, interval_days = 0;
        double target = 0;

        g_variant_lookup (value, "position", "x", &position);
        g_variant_lookup (value, "archived", "b", &archived);
        g_variant_lookup (value, "deleted", "b", &deleted);
        g_variant_lookup (value, "private", "b", &private);
        g_variant_lookup (value, "owner", "i", &owner);
        g_variant_lookup (value, "goal-kind", "i", &goal_kind);
        g_variant_lookup (value, "goal-count", "i", &goal_count);
        g_variant_lookup (value, "kind", "i", &kind);
        g_variant_lookup (value, "target", "d", &target);
        g_variant_lookup (value, "interval-days", "i", &interval_days);
        return run_sql (db, error,
                        "INSERT INTO activities (gid, name, icon, color, owner, private, goal_kind, "
                        "  goal_count, position, created_at, updated_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, " NOW ", " NOW ") "
                        "ON CONFLICT (gid) DO UPDATE SET name = ?2, icon = ?3, color = ?4, owner = ?5, "
                        "private = ?6, goal_kind = ?7, goal_count = ?8, position = ?9, updated_at = " NOW,
                        "(ssssibiix)", gid, lookup_text (value, "name", 1, 1000),
                        lookup_text (value, "icon", 0, 100), lookup_text (value, "color", 0, 20),
                        owner, private, goal_kind, goal_count, position)
               && run_sql (db, error,
                           "UPDATE activities SET "
                           "archived_at = CASE WHEN ?2 THEN coalesce (archived_at, " NOW ") END, "
                           "deleted_at = CASE WHEN ?3 THEN coalesce (deleted_at, " NOW ") END, "
                           "kind = ?4, unit = ?5, target = ?6, interval_days = ?7 "
                           "WHERE gid = ?1",
                           "(sbbisdi)", gid, archived, deleted, kind,
                           lookup_text (value, "unit", 0, 20), target, interval_days);
      }

    case KIND_ANSWER:
      if (value == NULL)
        return run_sql (db, error,
                        "DELETE FROM answers WHERE prompt_id = " PROMPT_OF " AND slot = ?2", "(si)",
                        gid, key->slot);
      return run_sql (db, error,
                      "INSERT INTO answers (prompt_id, slot, text, created_at, updated_at) "
                      "VALUES (" PROMPT_OF ", ?2, ?3, " NOW ", " NOW ") "
                      "ON CONFLICT (prompt_id, slot) DO UPDATE SET text = ?3, updated_at = " NOW,
                      "(sis)", gid, key->slot,
                      lookup_text (value, "text", 1, CLOSENESS_STORE_MAX_TEXT));

    case KIND_NOTE:
      {
        const char *other =
          value != NULL ? lookup_text (value, "other", 0, CLOSENESS_STORE_MAX_TEXT) : NULL;

        if (value == NULL)
          return run_sql (db, error, "DELETE FROM conversation_notes WHERE prompt_id = " PROMPT_OF,
                          "(s)", gid);
        return run_sql (db, error,
                        "INSERT INTO conversation_notes (prompt_id, text, other_text, updated_at) "
                        "VALUES (" PROMPT_OF ", ?2, nullif (?3, ''), " NOW ") "
                        "ON CONFLICT (prompt_id) DO UPDATE SET text = ?2, other_text = nullif (?3, ''), "
                        "updated_at = " NOW,
                        "(sss)", gid, lookup_text (value, "text", 0, CLOSENESS_STORE_MAX_TEXT),
                        other != NULL ? other : "");
      }

    case KIND_FAVOURITE:
      if (value == NULL)
        return run_sql (db, error, "DELETE FROM favourites WHERE prompt_id = " PROMPT_OF, "(s)",
                        gid);
      return run_sql (db, error, "INSERT OR IGNORE INTO favourites (prompt_id, created_at) "
                                 "VALUES (" PROMPT_OF ", " NOW ")", "(s)", gid);

    case KIND_DISCUSSED:
    case KIND_SKIP:
      {
        const char *table = key->kind == KIND_DISCUSSED ? "discussed" : "skips";
        g_autofree char *sql =
          value == NULL
            ? g_strdup_printf ("DELETE FROM %s WHERE prompt_id = " PROMPT_OF " AND day = ?2", table)
            : g_strdup_printf ("INSERT OR IGNORE INTO %s (prompt_id, day) VALUES (" PROMPT_OF
                               ", ?2)",
                               table);

        return run_sql (db, error, sql, "(ss)", gid, key->day);
      }

    case KIND_ENTRY:
      {
        int kind = 0;
        double amount = 0;
        gboolean measured;

        if (value == NULL)
          return run_sql (db, error,
                          "DELETE FROM selfcare_entries WHERE activity_id = " ACTIVITY_OF
                          " AND day = ?2 "
                          "AND slot = ?3",
                          "(ssi)", gid, key->day, key->slot);
        g_variant_lookup (value, "kind", "i", &kind);
        measured = g_variant_lookup (value, "value", "d", &amount);
        return run_sql (db, error,
                        "INSERT INTO selfcare_entries (activity_id, slot, day, kind, note, value, updated_at) "
                        "VALUES (" ACTIVITY_OF ", ?3, ?2, ?4, ?5, ?6, " NOW ") "
                        "ON CONFLICT (activity_id, day, slot) DO UPDATE SET kind = ?4, note = ?5, value = ?6, "
                        "updated_at = " NOW,
                        "(ssiis@md)", gid, key->day, key->slot, kind,
                        lookup_text (value, "note", 0, CLOSENESS_STORE_MAX_TEXT),
                        g_variant_new_maybe (G_VARIANT_TYPE_DOUBLE,
                                             measured ? g_variant_new_double (amount) : NULL));
      }

    case N_KINDS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

static Outcome
apply_one (sqlite3                     *db,
           const ClosenessCoupleRecord *record,
           GError                     **error)
{
  g_auto(Key) key = { 0 };
  g_autofree char *here_version = NULL;
  g_autofree char *changed_text = NULL;
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GVariant) stamps = NULL;
  gint64 changed_here_ms = 0;
  gboolean pending;

  if (!_couple_parse_key (record->key, &key) || !is_version (record->version) ||
      !value_is_valid (key.kind, record->value) ||
      ((key.kind == KIND_DECK || key.kind == KIND_PROMPT) && g_str_has_prefix (key.gid, "b-")))
    return REFUSED;

  here_version = select_text (db, "SELECT hlc FROM couple_versions WHERE key = ?", record->key);
  if (here_version != NULL && strcmp (record->version, here_version) <= 0)
    return STALE;
  if (record->value != NULL && parent_missing (db, &key, record->value))
    return WAITING;

  changed_text =
    select_text (db, "SELECT changed_at FROM couple_outbox WHERE key = ?", record->key);
  pending = changed_text != NULL;
  if (pending)
    changed_here_ms = g_ascii_strtoll (changed_text, NULL, 10);

  if (_couple_merges_by_field (key.kind))
    {
      value =
        merge_fields (db, &key, record->key, record->value, pending ? changed_here_ms : 0, &stamps);
    }
  else if (key.kind == KIND_NOTE && pending && record->value != NULL)
    {
      /* Both changed the note: ours stays the text, theirs is kept beside
       * it until a person merges them; both devices then show both. */
      g_autoptr(GVariant) here = _couple_read_value (db, &key, NULL);
      const char *theirs = lookup_text (record->value, "text", 0, CLOSENESS_STORE_MAX_TEXT);
      const char *ours = here != NULL ? lookup_text (here, "text", 0, CLOSENESS_STORE_MAX_TEXT)
                                      : NULL;
      GVariantDict dict;

      if (ours == NULL || g_strcmp0 (ours, theirs) == 0)
        value = g_variant_ref (record->value);
      else
        {
          g_variant_dict_init (&dict, NULL);
          g_variant_dict_insert (&dict, "text", "s", ours);
          g_variant_dict_insert (&dict, "other", "s", theirs);
          value = g_variant_ref_sink (g_variant_dict_end (&dict));
        }
    }
  else if (pending && changed_here_ms >= version_ms (record->version))
    {
      /* Changed here later than there: ours stays and goes out next, with a
       * version above theirs. */
      return run_sql (db, error,
                      "INSERT INTO couple_versions (key, hlc) VALUES (?1, ?2) "
                      "ON CONFLICT (key) DO UPDATE SET hlc = ?2",
                      "(ss)", record->key, record->version)
               ? APPLIED
               : FAILED;
    }
  else
    value = record->value != NULL ? g_variant_ref (record->value) : NULL;

  if (!write_value (db, &key, value, error))
    return FAILED;

  /* What both sides now agree on. */
  {
    g_autofree char *stamps_text = stamps != NULL ? g_variant_print (stamps, FALSE) : g_strdup ("");
    g_autoptr(GVariant) agreed_stamps = NULL;
    g_autoptr(GVariant) agreed = _couple_without_stamps (record->value, &agreed_stamps);
    g_autofree char *base_text = agreed != NULL ? g_variant_print (agreed, TRUE) : g_strdup ("");

    if (!run_sql (db, error,
                  "INSERT INTO couple_versions (key, hlc, stamps, base) VALUES (?1, ?2, ?3, ?4) "
                  "ON CONFLICT (key) DO UPDATE SET hlc = ?2, stamps = ?3, base = ?4",
                  "(ssss)", record->key, record->version, stamps_text, base_text))
      return FAILED;
  }

  /* Theirs won: nothing of ours is left to send, unless merged fields or
   * a kept note of ours still differ from what they have. */
  if (pending && !_couple_merges_by_field (key.kind)
      && !(key.kind == KIND_NOTE && value != record->value
           && !g_variant_equal (value, record->value)))
    {
      if (!run_sql (db, error, "DELETE FROM couple_outbox WHERE key = ?", "(s)", record->key))
        return FAILED;
    }

  return APPLIED;
}

static gboolean
wait_for_parent (sqlite3                     *db,
                 const ClosenessCoupleRecord *record,
                 GError                     **error)
{
  g_autofree char *text = NULL;

  text = g_variant_print (g_variant_new ("(sm@a{sv})", record->version, record->value), TRUE);

  return run_sql (db, error, "INSERT OR REPLACE INTO couple_waiting (key, record) VALUES (?, ?)",
                  "(ss)", record->key, text);
}

static int
compare_by_kind (gconstpointer a,
                 gconstpointer b)
{
  const ClosenessCoupleRecord *ra = *(ClosenessCoupleRecord * const *) a;
  const ClosenessCoupleRecord *rb = *(ClosenessCoupleRecord * const *) b;
  g_auto(Key) ka = { 0 };
  g_auto(Key) kb = { 0 };
  int oa = _couple_parse_key (ra->key, &ka) ? (int) ka.kind : N_KINDS;
  int ob = _couple_parse_key (rb->key, &kb) ? (int) kb.kind : N_KINDS;

  return oa != ob ? oa - ob : g_strcmp0 (ra->key, rb->key);
}

/* Records that waited for their deck, prompt or activity, tried again. */
static gboolean
retry_waiting (sqlite3                    *db,
               ClosenessCoupleApplyCounts *counts,
               GError                    **error)
{
  gboolean progress = TRUE;

  while (progress)
    {
      g_autoptr(GPtrArray) waiting =
        g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_couple_record_free);
      sqlite3_stmt *stmt = NULL;

      progress = FALSE;
      if (sqlite3_prepare_v2 (db, "SELECT key, record FROM couple_waiting", -1, &stmt, NULL)
          != SQLITE_OK)
        return run_sql (db, error, "SELECT 1 FROM couple_waiting", NULL);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autoptr(GVariant) parsed =
            g_variant_parse (G_VARIANT_TYPE ("(sma{sv})"),
                             (const char *) sqlite3_column_text (stmt, 1), NULL, NULL, NULL);
          const char *version;
          GVariant *value;

          if (parsed == NULL)
            continue;
          g_variant_get (parsed, "(&sm@a{sv})", &version, &value);
          g_ptr_array_add (waiting,
                           closeness_couple_record_new ((const char *) sqlite3_column_text (stmt,
                                                                                            0),
                                                        version, value));
          g_clear_pointer (&value, g_variant_unref);
        }
      sqlite3_finalize (stmt);

      g_ptr_array_sort (waiting, compare_by_kind);
      for (guint i = 0; i < waiting->len; i++)
        {
          ClosenessCoupleRecord *record = g_ptr_array_index (waiting, i);
          Outcome outcome = apply_one (db, record, error);

          if (outcome == FAILED)
            return FALSE;
          if (outcome == WAITING)
            continue;
          if (outcome == APPLIED)
            counts->applied++;
          if (!run_sql (db, error, "DELETE FROM couple_waiting WHERE key = ?", "(s)", record->key))
            return FALSE;
          progress = TRUE;
        }
    }

  return TRUE;
}

static gboolean
apply_batch (sqlite3   *db,
             gpointer   data,
             gint64    *result_id,
             GError   **error)
{
  ApplyBatch *batch = data;

  ClosenessCoupleApplyCounts *counts = batch->counts;

  memset (counts, 0, sizeof *counts);
  if (!run_sql (db, error, "INSERT OR IGNORE INTO couple_applying (one) VALUES (1)", NULL))
    return FALSE;

  g_ptr_array_sort (batch->records, compare_by_kind);
  for (guint i = 0; i < batch->records->len; i++)
    {
      ClosenessCoupleRecord *record = g_ptr_array_index (batch->records, i);

      switch (apply_one (db, record, error))
        {
        case APPLIED:
          counts->applied++;
          break;

        case STALE:
          counts->stale++;
          break;

        case WAITING:
          counts->waiting++;
          if (!wait_for_parent (db, record, error))
            return FALSE;
          break;

        case REFUSED:
          counts->refused++;
          break;

        case FAILED:
        default:
          return FALSE;
        }
    }

  if (!retry_waiting (db, counts, error))
    return FALSE;
  {
    g_autofree char *still =
      select_text (db, "SELECT count(*) FROM couple_waiting WHERE ? IS NULL", NULL);

    counts->waiting = still != NULL ? (guint) g_ascii_strtoull (still, NULL, 10) : 0;
  }

  return run_sql (db, error, "DELETE FROM couple_applying", NULL);
}

/**
 * closeness_store_couple_apply:
 * @records: (element-type ClosenessCoupleRecord): versions from the other
 *   devices, in any order
 * @counts: (out) (optional): what became of them
 *
 * Merges @records into the store in one transaction: the newest version of
 * each wins (field by field for decks, prompts and activities), a change
 * made here later than a received one stays and is sent, a note both
 * changed keeps both texts, a record whose deck, prompt or activity has
 * not arrived waits for it here. Records no device writes are refused and
 * counted, never applied. Nothing of it is noted to be sent back.
 */
gboolean
closeness_store_couple_apply (ClosenessStore              *self,
                              GPtrArray                   *records,
                              ClosenessCoupleApplyCounts  *counts,
                              GError                     **error)
{
  g_autoptr(ClosenessCoupleApplyCounts) shared = g_rc_box_new0 (ClosenessCoupleApplyCounts);
  StoreWrite *write;
  ApplyBatch *batch;
  gboolean ok;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);

  batch = g_new0 (ApplyBatch, 1);
  batch->counts = g_rc_box_acquire (shared);
  batch->records = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_couple_record_free);
  for (guint i = 0; i < records->len; i++)
    {
      ClosenessCoupleRecord *record = g_ptr_array_index (records, i);

      g_ptr_array_add (batch->records, closeness_couple_record_new (record->key, record->version,
                                                                    record->value));
    }

  write = _store_write_new (STORE_TABLE_ALL
                              & ~(STORE_TABLE_EVENTS | STORE_TABLE_REMINDERS | STORE_TABLE_STATE),
                            _("The changes from the other devices could not be saved."));
  write->func = apply_batch;
  write->data = batch;
  write->data_free = apply_batch_free;

  ok = _closeness_store_run (self, write, error);
  if (counts != NULL)
    *counts = ok ? *shared : (ClosenessCoupleApplyCounts) { 0 };

  return ok;
}
