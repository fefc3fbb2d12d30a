/* closeness-store-conversations.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "closeness-answer-private.h"
#include "closeness-deck-private.h"
#include "closeness-prompt-private.h"
#include "closeness-store-records-private.h"

/* The records of the Conversations page: decks, prompts, answers, notes and
 * what was discussed, skipped or seen. */

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
  gint64 now = _store_now_unix ();

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (library_version == NULL || library_version[0] == '\0')
    return _store_invalid (error, _("The question library is not valid."));

  synced = closeness_store_dup_state (self, "library-version");
  if (g_strcmp0 (synced, library_version) == 0)
    return TRUE;

  deck_keys = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n_decks; i++)
    {
      if (decks[i].key == NULL || decks[i].key[0] == '\0' ||
          !_store_check_text (decks[i].name, 1, CLOSENESS_STORE_MAX_TITLE, NULL, NULL) ||
          !_store_check_text (decks[i].description ? decks[i].description : "", 0,
                              CLOSENESS_STORE_MAX_TEXT, NULL, NULL))
        return _store_invalid (error, _("The question library is not valid."));
      g_hash_table_add (deck_keys, (gpointer) decks[i].key);
    }

  for (guint i = 0; i < n_prompts; i++)
    {
      if (prompts[i].key == NULL || prompts[i].key[0] == '\0' ||
          prompts[i].deck_key == NULL || !g_hash_table_contains (deck_keys, prompts[i].deck_key) ||
          !_store_check_text (prompts[i].text, 1, CLOSENESS_STORE_MAX_TEXT, NULL, NULL) ||
          !_store_check_text (prompts[i].follow_up ? prompts[i].follow_up : "", 0,
                              CLOSENESS_STORE_MAX_TEXT, NULL, NULL) ||
          (guint) prompts[i].intensity > CLOSENESS_INTENSITY_SPICY)
        return _store_invalid (error, _("The question library is not valid."));
    }

  write = _store_write_new (DECK_TABLES | PROMPT_TABLES | STORE_TABLE_STATE,
                            _("The question library could not be updated."));

  _store_write_add (write, FALSE, "UPDATE decks SET retired = 1 WHERE builtin_key IS NOT NULL",
                    NULL);
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

  _store_write_add (write, FALSE, "UPDATE prompts SET retired = 1 WHERE builtin_key IS NOT NULL",
                    NULL);
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

  return _closeness_store_run (self, write, error);
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
    self->decks = _store_new_list (self, CLOSENESS_TYPE_DECK, _closeness_deck_new_from_stmt,
                                   DECK_TABLES,
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
  if (!_store_check_name (name, CLOSENESS_STORE_MAX_TITLE, trimmed, error))
    return FALSE;

  if (description != NULL
      && !_store_check_text (description, 0, CLOSENESS_STORE_MAX_TEXT,
                             _("The description is too long."), error))
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
  gint64 now = _store_now_unix ();
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

  if (!(id = _store_run_for_id (self, write, error)))
    return NULL;

  return _store_ref_from_list (self->decks, id);
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

  if (!_store_check_id (deck_id, error) || !check_deck_fields (name, description, &trimmed, error))
    return FALSE;

  write = _store_write_new (DECK_TABLES, _("The deck could not be saved."));
  _store_write_add (write, TRUE,
                    "UPDATE decks SET name = ?, description = ?, updated_at = ? "
                    "WHERE id = ? AND builtin_key IS NULL",
                    g_variant_new ("(ssxx)", trimmed, description ? description : "",
                                   _store_now_unix (), deck_id));

  return _closeness_store_run (self, write, error);
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

  return _store_set_deleted (self, "decks", DECK_TABLES | PROMPT_TABLES, deck_id, TRUE,
                             _("The deck could not be deleted."), error);
}

gboolean
closeness_store_undelete_deck (ClosenessStore  *self,
                               gint64           deck_id,
                               GError         **error)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  return _store_set_deleted (self, "decks", DECK_TABLES | PROMPT_TABLES, deck_id, FALSE,
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
    self->prompts = _store_new_list (self, CLOSENESS_TYPE_PROMPT, _closeness_prompt_new_from_stmt,
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
 * structs without text: enough to choose one (the question of the day) and
 * to count how far the couple got in each deck without loading them all. Not a live model: the result is kept until the next
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
                           "SELECT p.id, p.deck_id, p.intensity, p.retired, p.builtin_key, "
                           "  EXISTS (SELECT 1 FROM discussed x WHERE x.prompt_id = p.id) "
                           "FROM prompts p " PROMPT_MODEL_WHERE PROMPT_ORDER,
                           -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ClosenessPromptKey key = {
        .id = sqlite3_column_int64 (stmt, 0),
        .deck_id = sqlite3_column_int64 (stmt, 1),
        .intensity = sqlite3_column_int (stmt, 2),
        .retired = sqlite3_column_int (stmt, 3) != 0,
        .discussed = sqlite3_column_int (stmt, 5) != 0,
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
    return _store_ref_from_list (self->prompts, prompt_id);

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

  return G_LIST_MODEL (_store_new_list (self, CLOSENESS_TYPE_PROMPT,
                                        _closeness_prompt_new_from_stmt,
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
  g_autofree char *trimmed = _store_dup_trimmed (text);

  if (trimmed == NULL || trimmed[0] == '\0')
    return _store_invalid (error, _("Please write the question."));

  if (!_store_check_text (text, 1, CLOSENESS_STORE_MAX_TEXT, _("The question is too long."),
                          error) ||
      (follow_up != NULL &&
       !_store_check_text (follow_up, 0, CLOSENESS_STORE_MAX_TEXT,
                           _("The follow-up is too long."), error)))
    return FALSE;

  if ((guint) intensity > CLOSENESS_INTENSITY_SPICY)
    return _store_invalid (error, _("The intensity is not valid."));

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
  gint64 now = _store_now_unix ();
  gint64 id;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (!_store_check_id (deck_id, error) || !check_prompt_fields (text, follow_up, intensity, error))
    return NULL;

  trimmed = _store_dup_trimmed (text);
  closeness_store_get_prompts (self);

  write =
    _store_write_new (PROMPT_TABLES | STORE_TABLE_DECKS, _("The question could not be saved."));
  _store_write_add (write, FALSE,
                    "INSERT INTO prompts (deck_id, text, follow_up, intensity, position, "
                    "  created_at, updated_at) "
                    "VALUES (?1, ?2, ?3, ?4, "
                    "  (SELECT coalesce(max(position), 0) + 1 FROM prompts WHERE deck_id = ?1), ?5, ?5) "
                    "RETURNING id",
                    g_variant_new ("(xssxx)", deck_id, trimmed, follow_up ? follow_up : "",
                                   (gint64) intensity, now));

  if (!(id = _store_run_for_id (self, write, error)))
    return NULL;

  return _store_ref_from_list (self->prompts, id);
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

  if (!_store_check_id (prompt_id, error) ||
      !check_prompt_fields (text, follow_up, intensity, error))
    return FALSE;

  trimmed = _store_dup_trimmed (text);

  write = _store_write_new (PROMPT_TABLES, _("The question could not be saved."));
  _store_write_add (write, TRUE,
                    "UPDATE prompts SET text = ?, follow_up = ?, intensity = ?, updated_at = ? "
                    "WHERE id = ? AND builtin_key IS NULL",
                    g_variant_new ("(ssxxx)", trimmed, follow_up ? follow_up : "",
                                   (gint64) intensity, _store_now_unix (), prompt_id));

  return _closeness_store_run (self, write, error);
}

gboolean
closeness_store_delete_prompt (ClosenessStore  *self,
                               gint64           prompt_id,
                               GError         **error)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  return _store_set_deleted (self, "prompts", PROMPT_TABLES | STORE_TABLE_DECKS, prompt_id, TRUE,
                             _("The question could not be deleted."), error);
}

gboolean
closeness_store_undelete_prompt (ClosenessStore  *self,
                                 gint64           prompt_id,
                                 GError         **error)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  return _store_set_deleted (self, "prompts", PROMPT_TABLES | STORE_TABLE_DECKS, prompt_id, FALSE,
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

  if (!_store_check_id (prompt_id, error))
    return FALSE;

  write = _store_write_new (STORE_TABLE_FAVOURITES, _("The favorite could not be saved."));
  if (favourite)
    _store_write_add (write, FALSE,
                      "INSERT INTO favourites (prompt_id, created_at) VALUES (?, ?) "
                      "ON CONFLICT (prompt_id) DO NOTHING",
                      g_variant_new ("(xx)", prompt_id, _store_now_unix ()));
  else
    _store_write_add (write, FALSE, "DELETE FROM favourites WHERE prompt_id = ?",
                      g_variant_new ("(x)", prompt_id));

  return _closeness_store_run (self, write, error);
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

  if (!_store_check_id (prompt_id, error) || !_closeness_store_check_day (day, error))
    return FALSE;

  sql = g_strdup_printf ("INSERT INTO %s (prompt_id, day) VALUES (?, ?) "
                         "ON CONFLICT DO NOTHING", table);
  write = _store_write_new (tables, what);
  _store_write_add (write, FALSE, sql, g_variant_new ("(xs)", prompt_id, day));

  return _closeness_store_run (self, write, error);
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

  if (!_store_check_id (prompt_id, error) || !_closeness_store_check_day (day, error))
    return FALSE;

  write = _store_write_new (STORE_TABLE_DISCUSSED, _("The change could not be saved."));
  _store_write_add (write, FALSE, "DELETE FROM discussed WHERE prompt_id = ? AND day = ?",
                    g_variant_new ("(xs)", prompt_id, day));

  return _closeness_store_run (self, write, error);
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

  return G_LIST_MODEL (_store_new_list (self, CLOSENESS_TYPE_ANSWER,
                                        _closeness_answer_new_from_stmt,
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
  gint64 now = _store_now_unix ();

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (!_store_check_id (prompt_id, error) || !_store_check_slot (slot, error) ||
      !_store_check_text (text, 0, CLOSENESS_STORE_MAX_TEXT, _("The answer is too long."), error))
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

  return _closeness_store_run (self, write, error);
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

  if (!_store_check_id (prompt_id, error) ||
      !_store_check_text (text, 0, CLOSENESS_STORE_MAX_TEXT, _("The note is too long."), error))
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
                      g_variant_new ("(xsx)", prompt_id, text, _store_now_unix ()));

  return _closeness_store_run (self, write, error);
}
