/* test-store.c: opening, partners, app state, models and the record API
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store-test"

#include "config.h"

#include <sqlite3.h>

#include "store-test-utils.h"
#include "store/closeness-store-private.h"

static char *
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static void
test_open_default_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) store = NULL;
  g_autofree char *expected =
    g_build_filename (g_get_user_data_dir (), "closeness", "closeness.db", NULL);
  g_autofree char *dir = g_path_get_dirname (expected);
  g_autofree char *wal = g_strconcat (expected, "-wal", NULL);
  g_autofree char *shm = g_strconcat (expected, "-shm", NULL);

  /* Modes do not depend on the umask, and a folder that exists too open
   * is tightened. */
  umask (0);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);

  store = closeness_store_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (closeness_store_get_path (store), ==, expected);
  g_assert_false (closeness_store_get_read_only (store));
  g_assert_null (closeness_store_get_recovery_report (store));
  g_assert_cmpint (closeness_store_get_schema_version (store), ==, CLOSENESS_STORE_SCHEMA_VERSION);

  g_assert_cmpuint (store_test_file_mode (dir), ==, 0700);
  g_assert_cmpuint (store_test_file_mode (expected), ==, 0600);

  g_assert_true (closeness_store_set_state (store, "k", "v", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (store_test_file_mode (wal), ==, 0600);
  g_assert_cmpuint (store_test_file_mode (shm), ==, 0600);

  /* Backups too, with umask 0 */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(ClosenessBackup) backup = NULL;
    g_autofree char *backups = g_build_filename (dir, "backups", NULL);

    closeness_store_backup_now_async (store, NULL, store_test_result_cb, &result);
    backup = closeness_store_backup_now_finish (store, store_test_wait (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (store_test_file_mode (backups), ==, 0700);
    g_assert_cmpuint (store_test_file_mode (closeness_backup_get_path (backup)), ==, 0600);
  }
  umask (022);
}

static void
test_pragmas (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_test_new_db_path ();
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);
  sqlite3 *db;
  sqlite3_stmt *stmt;
  struct { const char *pragma; const char *expected; } checks[] = {
    { "PRAGMA journal_mode", "wal" },
    { "PRAGMA synchronous", "2" },
    { "PRAGMA foreign_keys", "1" },
    { "PRAGMA trusted_schema", "0" },
    { "PRAGMA application_id", "1131179891" },
  };

  g_assert_no_error (error);
  db = _closeness_store_get_db (store);

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_assert_cmpint (sqlite3_prepare_v2 (db, checks[i].pragma, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, checks[i].expected);
      sqlite3_finalize (stmt);
    }
}

static void
count_cb (guint *counter)
{
  (*counter)++;
}

static void
test_partners (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_test_new_db_path ();
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);
  g_autoptr(ClosenessPartner) first = NULL;
  g_autoptr(ClosenessPartner) again = NULL;
  g_autofree char *long_name = NULL;
  ItemsChanged ic = { 0 };
  GListModel *partners;
  guint notifies = 0;

  g_assert_no_error (error);
  partners = closeness_store_get_partners (store);
  g_assert_cmpuint (g_list_model_get_n_items (partners), ==, 2);
  g_assert_true (g_list_model_get_item_type (partners) == CLOSENESS_TYPE_PARTNER);

  first = g_list_model_get_item (partners, 0);
  g_assert_cmpint (closeness_partner_get_slot (first), ==, 0);
  g_assert_cmpstr (closeness_partner_get_name (first), ==, "");
  g_assert_cmpstr (closeness_partner_get_color (first), ==, "");

  g_signal_connect (partners, "items-changed", G_CALLBACK (store_test_items_changed_cb), &ic);
  g_signal_connect_swapped (first, "notify::name", G_CALLBACK (count_cb), &notifies);

  g_assert_true (closeness_store_update_partner (store, 0, "  Sam \t", "#A1B2C3", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (closeness_partner_get_name (first), ==, "Sam");
  g_assert_cmpstr (closeness_partner_get_color (first), ==, "#a1b2c3");
  g_assert_cmpuint (ic.n_signals, ==, 0);  /* in place, not replaced */
  g_assert_cmpuint (notifies, ==, 1);

  /* The same values again: no notify */
  g_assert_true (closeness_store_update_partner (store, 0, "Sam", "#a1b2c3", &error));
  g_assert_cmpuint (notifies, ==, 1);

  again = g_list_model_get_item (partners, 0);
  g_assert_true (again == first);

  /* Bad input */
  g_assert_false (closeness_store_update_partner (store, 2, "Kim", "", &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  /* Blank means "no name": the app shows the default name. */
  g_assert_true (closeness_store_update_partner (store, 1, "   ", "", &error));
  g_assert_no_error (error);
  {
    g_autoptr(ClosenessPartner) second = g_list_model_get_item (partners, 1);
    g_assert_cmpstr (closeness_partner_get_name (second), ==, "");
  }
  g_assert_false (closeness_store_update_partner (store, 1, NULL, "", &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (closeness_store_update_partner (store, 1, "\xff\xfe", "", &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (closeness_store_update_partner (store, 1, "Kim", "red", &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  long_name = g_strnfill (61, 'x');
  g_assert_false (closeness_store_update_partner (store, 1, long_name, "", &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  long_name[60] = '\0';
  g_assert_true (closeness_store_update_partner (store, 1, long_name, "", &error));
  g_assert_no_error (error);
  /* 60 characters of 2 bytes each are fine too */
  g_assert_true (
    closeness_store_update_partner (store, 1,
                                    "ééééééééééééééééééééééééééééééééééééééééééééééééééééééééééé"
                                    "é",
                                    NULL, &error));
  g_assert_no_error (error);

  /* Persisted */
  g_clear_object (&first);
  g_clear_object (&again);
  g_clear_object (&store);
  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (closeness_store_get_partners (store), 0);
  g_assert_cmpstr (closeness_partner_get_name (first), ==, "Sam");
}

static void
test_partner_display_name (void)
{
  g_autofree char *empty0 = closeness_partner_display_name ("", 0);
  g_autofree char *null1 = closeness_partner_display_name (NULL, 1);
  g_autofree char *spaces = closeness_partner_display_name ("   \t", 1);
  g_autofree char *named = closeness_partner_display_name ("  Sam ", 0);
  g_autofree char *rtl = closeness_partner_display_name ("نور", 1);

  g_assert_cmpstr (empty0, ==, "Partner 1");
  g_assert_cmpstr (null1, ==, "Partner 2");
  g_assert_cmpstr (spaces, ==, "Partner 2");
  g_assert_cmpstr (named, ==, "Sam");
  g_assert_cmpstr (rtl, ==, "نور");
}

/* The shown names follow renames and notify only when a name changes. */
static void
test_partner_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_test_new_db_path ();
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);
  g_autoptr(ClosenessPartnerNames) names = NULL;
  g_auto(GStrv) bound = NULL;
  guint notifies = 0;

  g_assert_no_error (error);
  names = closeness_partner_names_new (closeness_store_get_partners (store));
  g_signal_connect_swapped (names, "notify::names", G_CALLBACK (count_cb), &notifies);
  g_assert_cmpstr (closeness_partner_names_get (names, 0), ==, "Partner 1");
  g_assert_cmpstr (closeness_partner_names_get (names, 1), ==, "Partner 2");
  g_assert_cmpuint (g_strv_length ((GStrv) closeness_partner_names_get_names (names)), ==, 2);

  g_assert_true (closeness_store_update_partner (store, 1, " Robin ", "", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_cmpstr (closeness_partner_names_get (names, 1), ==, "Robin");
  g_object_get (names, "names", &bound, NULL);
  g_assert_cmpstr (bound[0], ==, "Partner 1");
  g_assert_cmpstr (bound[1], ==, "Robin");

  /* A change the names do not show (the colour), or none: no notify. */
  g_assert_true (closeness_store_update_partner (store, 1, "Robin", "#a1b2c3", &error));
  g_assert_true (closeness_store_update_partner (store, 1, "Robin", "#a1b2c3", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notifies, ==, 1);

  g_assert_true (closeness_store_update_partner (store, 1, "", "", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notifies, ==, 2);
  g_assert_cmpstr (closeness_partner_names_get (names, 1), ==, "Partner 2");
}

/* The colours follow a change in Preferences and notify only when one changes. */
static void
test_partner_colors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_test_new_db_path ();
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);
  g_autoptr(ClosenessPartnerNames) names = NULL;
  g_auto(GStrv) bound = NULL;
  guint notifies = 0;

  g_assert_no_error (error);
  names = closeness_partner_names_new (closeness_store_get_partners (store));
  g_signal_connect_swapped (names, "notify::colors", G_CALLBACK (count_cb), &notifies);
  g_assert_cmpstr (closeness_partner_names_get_color (names, 0), ==, "");
  g_assert_cmpstr (closeness_partner_names_get_color (names, 1), ==, "");

  g_assert_true (closeness_store_update_partner (store, 0, "Sam", "#3584e4", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_cmpstr (closeness_partner_names_get_color (names, 0), ==, "#3584e4");
  g_object_get (names, "colors", &bound, NULL);
  g_assert_cmpstr (bound[0], ==, "#3584e4");
  g_assert_cmpstr (bound[1], ==, "");

  /* A rename keeps the colours: no notify of them. */
  g_assert_true (closeness_store_update_partner (store, 0, "Sammy", "#3584e4", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notifies, ==, 1);

  g_assert_true (closeness_store_update_partner (store, 0, "Sammy", "#e62d42", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notifies, ==, 2);
  g_assert_cmpstr (closeness_partner_names_get_color (names, 0), ==, "#e62d42");
}

static void
test_state (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_test_new_db_path ();
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);
  g_autofree char *value = NULL;
  g_autofree char *missing = NULL;

  g_assert_no_error (error);
  missing = closeness_store_dup_state (store, "welcome-done");
  g_assert_null (missing);

  g_assert_true (closeness_store_set_state (store, "welcome-done", "true", &error));
  g_assert_no_error (error);
  value = closeness_store_dup_state (store, "welcome-done");
  g_assert_cmpstr (value, ==, "true");
  g_clear_pointer (&value, g_free);

  g_assert_true (closeness_store_set_state (store, "welcome-done", "false", &error));
  value = closeness_store_dup_state (store, "welcome-done");
  g_assert_cmpstr (value, ==, "false");
  g_clear_pointer (&value, g_free);

  g_assert_true (closeness_store_set_state (store, "welcome-done", NULL, &error));
  value = closeness_store_dup_state (store, "welcome-done");
  g_assert_null (value);

  g_assert_false (closeness_store_set_state (store, "", "x", &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (closeness_store_set_state (store, NULL, "x", &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
}

static const ClosenessLibraryDeck library_decks[] = {
  { "talk", "Talking", "Start here" },
  { "touch", "Affection and touch", "Without sex" },
};

static const ClosenessLibraryPrompt library_prompts[] = {
  { "talk-1", "talk", "What made you smile this week?", NULL, CLOSENESS_INTENSITY_GENTLE },
  { "talk-2", "talk", "What do you need more of?", "And less of?", CLOSENESS_INTENSITY_WARM },
  { "touch-1", "touch", "Which touch calms you?", NULL, CLOSENESS_INTENSITY_GENTLE },
};

static void
test_library_and_prompts (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_test_new_db_path ();
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);
  g_autoptr(ClosenessPrompt) p0 = NULL;
  g_autoptr(ClosenessDeck) custom = NULL;
  g_autoptr(ClosenessPrompt) mine = NULL;
  g_autoptr(GListModel) answers = NULL;
  g_autoptr(GListModel) deck_prompts = NULL;
  g_autofree char *big = NULL;
  g_autofree char *day = today ();
  g_autofree char *note = NULL;
  g_auto(GStrv) days = NULL;
  g_autoptr(GArray) seen = NULL;
  ItemsChanged ic = { 0 };
  GListModel *decks, *prompts;
  guint pos;

  g_assert_no_error (error);
  decks = closeness_store_get_decks (store);
  prompts = closeness_store_get_prompts (store);
  g_assert_cmpuint (g_list_model_get_n_items (decks), ==, 0);

  g_assert_true (
    closeness_store_sync_library (store, "1", library_decks, 2, library_prompts, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (decks), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (prompts), ==, 3);

  p0 = g_list_model_get_item (prompts, 0);
  g_assert_cmpstr (closeness_prompt_get_builtin_key (p0), ==, "talk-1");
  g_assert_false (closeness_prompt_get_is_custom (p0));

  /* Favourite: the prompt object is updated in place, no items-changed. */
  g_signal_connect (prompts, "items-changed", G_CALLBACK (store_test_items_changed_cb), &ic);
  g_assert_true (closeness_store_set_favourite (store,
                                                closeness_record_get_id (CLOSENESS_RECORD (p0)),
                                                TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (closeness_prompt_get_favourite (p0));
  g_assert_cmpuint (ic.n_signals, ==, 0);

  /* Answers and reveal information */
  answers = closeness_store_get_answers (store, closeness_record_get_id (CLOSENESS_RECORD (p0)));
  g_assert_true (closeness_store_set_answer (store, closeness_record_get_id (CLOSENESS_RECORD (p0)),
                                             1, "Our walk", &error));
  g_assert_no_error (error);
  g_assert_cmpint (closeness_prompt_get_answered_mask (p0), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 1);
  g_assert_true (closeness_store_set_answer (store, closeness_record_get_id (CLOSENESS_RECORD (p0)),
                                             0, "The sun", &error));
  g_assert_cmpint (closeness_prompt_get_answered_mask (p0), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 2);

  /* Notes, discussed, seen */
  g_assert_true (closeness_store_set_note (store, closeness_record_get_id (CLOSENESS_RECORD (p0)),
                                           "We laughed", &error));
  note = closeness_store_dup_note (store, closeness_record_get_id (CLOSENESS_RECORD (p0)));
  g_assert_cmpstr (note, ==, "We laughed");
  g_assert_true (closeness_store_mark_discussed (store,
                                                 closeness_record_get_id (CLOSENESS_RECORD (p0)),
                                                 day, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (closeness_prompt_get_last_discussed (p0), ==, day);
  days =
    closeness_store_dup_discussed_days (store, closeness_record_get_id (CLOSENESS_RECORD (p0)));
  g_assert_cmpuint (g_strv_length (days), ==, 1);
  g_assert_true (closeness_store_mark_seen (store, 2, day, &error));
  seen = closeness_store_dup_seen_since (store, day);
  g_assert_cmpuint (seen->len, ==, 2);

  /* Deck progress */
  {
    g_autoptr(ClosenessDeck) talk = g_list_model_get_item (decks, 0);

    g_assert_cmpint (closeness_deck_get_prompt_count (talk), ==, 2);
    g_assert_cmpint (closeness_deck_get_discussed_count (talk), ==, 1);
  }

  /* Custom deck and prompt, delete and undo */
  custom = closeness_store_create_deck (store, "Ours", "Our own questions", &error);
  g_assert_no_error (error);
  g_assert_nonnull (custom);
  g_assert_true (closeness_deck_get_is_custom (custom));
  g_assert_cmpuint (g_list_model_get_n_items (decks), ==, 3);

  deck_prompts =
    closeness_store_get_deck_prompts (store, closeness_record_get_id (CLOSENESS_RECORD (custom)));
  ic = (ItemsChanged) { 0 };
  mine = closeness_store_create_prompt (store, closeness_record_get_id (CLOSENESS_RECORD (custom)),
                                        "Where shall we go? 🌍 ¿Dónde? שלום", NULL,
                                        CLOSENESS_INTENSITY_WARM, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mine);
  g_assert_cmpuint (ic.n_signals, ==, 1);
  g_assert_cmpuint (ic.position, ==, 3);
  g_assert_cmpuint (ic.removed, ==, 0);
  g_assert_cmpuint (ic.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (deck_prompts), ==, 1);
  g_assert_cmpstr (closeness_prompt_get_text (mine), ==, "Where shall we go? 🌍 ¿Dónde? שלום");

  g_assert_true (
    closeness_store_update_prompt (store, closeness_record_get_id (CLOSENESS_RECORD (mine)),
                                   "Where next?", "Why?", CLOSENESS_INTENSITY_GENTLE, &error));
  g_assert_cmpstr (closeness_prompt_get_text (mine), ==, "Where next?");
  g_assert_cmpuint (ic.n_signals, ==, 1);

  ic = (ItemsChanged) { 0 };
  g_assert_true (closeness_store_delete_prompt (store,
                                                closeness_record_get_id (CLOSENESS_RECORD (mine)),
                                                &error));
  g_assert_cmpuint (ic.n_signals, ==, 1);
  g_assert_cmpuint (ic.position, ==, 3);
  g_assert_cmpuint (ic.removed, ==, 1);
  g_assert_cmpuint (ic.added, ==, 0);
  g_assert_null (closeness_record_list_lookup (CLOSENESS_RECORD_LIST (prompts),
                                               closeness_record_get_id (CLOSENESS_RECORD (mine)),
                                               NULL));
  g_assert_true (closeness_store_undelete_prompt (store,
                                                  closeness_record_get_id (CLOSENESS_RECORD (mine)),
                                                  &error));
  g_assert_nonnull (closeness_record_list_lookup (CLOSENESS_RECORD_LIST (prompts),
                                                  closeness_record_get_id (CLOSENESS_RECORD (mine)),
                                                  &pos));
  g_assert_cmpuint (pos, ==, 3);
  g_assert_false (
    closeness_store_undelete_prompt (store, closeness_record_get_id (CLOSENESS_RECORD (mine)),
                                     &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Built-in prompts cannot be edited, only custom ones */
  g_assert_false (closeness_store_update_prompt (store,
                                                 closeness_record_get_id (CLOSENESS_RECORD (p0)),
                                                 "x", NULL, 0, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Bad input */
  big = g_strnfill (1024 * 1024, 'a');
  g_assert_false (closeness_store_set_answer (store,
                                              closeness_record_get_id (CLOSENESS_RECORD (p0)), 0,
                                              big, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (closeness_store_set_answer (store,
                                              closeness_record_get_id (CLOSENESS_RECORD (p0)), 0,
                                              NULL, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (closeness_store_set_answer (store, 99999, 0, "x", &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (closeness_store_set_answer (store, -1, 0, "x", &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (closeness_store_create_prompt (store,
                                                closeness_record_get_id (CLOSENESS_RECORD (custom)),
                                                "   ", NULL, 0, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (closeness_store_create_prompt (store,
                                                closeness_record_get_id (CLOSENESS_RECORD (custom)),
                                                big, NULL, 0, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (closeness_store_create_prompt (store, 424242, "Why?", NULL, 0, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (closeness_store_create_prompt (store,
                                                closeness_record_get_id (CLOSENESS_RECORD (custom)),
                                                "Why?", NULL, 7, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_null (closeness_store_create_deck (store, "", NULL, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (closeness_store_mark_discussed (store, 1, "2024-02-30", &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (closeness_store_mark_discussed (store, 1, "1899-12-31", &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (closeness_store_mark_discussed (store, 1, "2999-01-01", &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (closeness_store_mark_discussed (store, 1, NULL, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* A library upgrade that drops a prompt keeps its answers and history */
  g_assert_true (
    closeness_store_sync_library (store, "2", library_decks, 2, library_prompts + 1, 2, &error));
  g_assert_no_error (error);
  g_assert_true (closeness_prompt_get_retired (p0));
  g_assert_cmpint (closeness_prompt_get_answered_mask (p0), ==, 3);
  g_assert_true (
    closeness_store_sync_library (store, "3", library_decks, 2, library_prompts, 3, &error));
  g_assert_false (closeness_prompt_get_retired (p0));
  g_assert_true (closeness_prompt_get_favourite (p0));
}

static void
test_events (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_test_new_db_path ();
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);
  g_autoptr(ClosenessEvent) late = NULL;
  g_autoptr(ClosenessEvent) early = NULL;
  ClosenessEventInfo info = {
    .summary = "Time together",
    .dtstart = "2026-03-29T21:00:00",
    .tzid = "Europe/Berlin",
    .duration_minutes = 30,
    .rrule = "FREQ=DAILY",
    .planned_by = CLOSENESS_PLANNED_BY_PARTNER_2,
  };
  ItemsChanged ic = { 0 };
  GListModel *events;
  gint64 reminder;

  g_assert_no_error (error);
  events = closeness_store_get_events (store);
  g_signal_connect (events, "items-changed", G_CALLBACK (store_test_items_changed_cb), &ic);

  late = closeness_store_create_event (store, &info, &error);
  g_assert_no_error (error);
  g_assert_nonnull (late);
  g_assert_true (g_str_has_suffix (closeness_event_get_uid (late), "@closeness"));
  g_assert_null (closeness_event_get_etag (late));

  info.dtstart = "2026-01-01T20:00:00";
  info.uid = "abc@example.com";
  info.etag = "\"123\"";
  early = closeness_store_create_event (store, &info, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ic.position, ==, 0);
  g_assert_cmpuint (ic.added, ==, 1);
  g_assert_cmpstr (closeness_event_get_etag (early), ==, "\"123\"");

  /* Same UID and recurrence-id again: refused */
  g_assert_null (closeness_store_create_event (store, &info, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* Moving the early one after the late one: a remove and an insert */
  info.dtstart = "2026-12-24T19:00:00";
  ic = (ItemsChanged) { 0 };
  g_assert_true (closeness_store_update_event (store,
                                               closeness_record_get_id (CLOSENESS_RECORD (early)),
                                               &info, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ic.n_signals, ==, 2);
  g_assert_cmpuint (ic.added, ==, 1);
  {
    g_autoptr(ClosenessEvent) last = g_list_model_get_item (events, 1);

    g_assert_true (last == early);  /* the same object, moved */
  }
  g_assert_cmpstr (closeness_event_get_dtstart (early), ==, "2026-12-24T19:00:00");

  reminder =
    closeness_store_add_event_reminder (store, closeness_record_get_id (CLOSENESS_RECORD (early)),
                                        15, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reminder, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (closeness_store_get_reminders (store)), ==, 1);
  g_assert_true (closeness_store_set_reminder_state (store, reminder, 1800000000, 0, TRUE, &error));
  g_assert_no_error (error);

  /* Bad input */
  info.uid = NULL;
  info.dtstart = "2026-13-01T20:00:00";
  g_assert_null (closeness_store_create_event (store, &info, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  info.dtstart = "2026-01-01T24:00:00";
  g_assert_null (closeness_store_create_event (store, &info, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  info.dtstart = "2026-01-01T20:00:00";
  info.duration_minutes = 0;
  g_assert_null (closeness_store_create_event (store, &info, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  info.duration_minutes = -5;
  g_assert_null (closeness_store_create_event (store, &info, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  info.duration_minutes = 30;
  info.tzid = "Mars/Olympus_Mons";
  g_assert_null (closeness_store_create_event (store, &info, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  info.tzid = NULL;
  info.summary = "";
  g_assert_null (closeness_store_create_event (store, &info, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  info.summary = "x";
  info.deck_id = 77777;
  g_assert_null (closeness_store_create_event (store, &info, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (closeness_store_create_event (store, NULL, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 2);

  ic = (ItemsChanged) { 0 };
  g_assert_true (closeness_store_delete_event (store,
                                               closeness_record_get_id (CLOSENESS_RECORD (late)),
                                               &error));
  g_assert_cmpuint (ic.n_signals, ==, 1);
  g_assert_cmpuint (ic.removed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 1);

  /* A deleted event's reminder does not fire; undo brings it back */
  g_assert_true (closeness_store_delete_event (store,
                                               closeness_record_get_id (CLOSENESS_RECORD (early)),
                                               &error));
  g_assert_cmpuint (g_list_model_get_n_items (closeness_store_get_reminders (store)), ==, 0);
  g_assert_true (closeness_store_undelete_event (store,
                                                 closeness_record_get_id (CLOSENESS_RECORD (early)),
                                                 &error));
  g_assert_cmpuint (g_list_model_get_n_items (closeness_store_get_reminders (store)), ==, 1);
  g_assert_no_error (error);
}

static void
count_signal_cb (gpointer  instance,
                 guint    *count)
{
  (*count)++;
}

/* What streaks read: days as Julian numbers, both partners on one day,
 * in order, and a signal when they change (by this process or another). */
static void
test_entry_days (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_test_new_db_path ();
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);
  g_autoptr(ClosenessActivity) activity = NULL;
  g_autoptr(ClosenessEntry) entry = NULL;
  g_autoptr(GArray) days = NULL;
  ClosenessActivityInfo info = {
    .name = "Reading", .owner = CLOSENESS_OWNER_BOTH, .goal_kind = CLOSENESS_GOAL_DAILY,
    .goal_count = 1,
  };
  ClosenessEntryInfo batch[] = {
    { 0, 1, "2024-03-01", CLOSENESS_ENTRY_REST, "" },
    { 0, 0, "2024-02-29", CLOSENESS_ENTRY_DONE, "leap" },
    { 0, 0, "1900-01-01", CLOSENESS_ENTRY_DONE, NULL },
    { 0, 0, "2024-03-01", CLOSENESS_ENTRY_DONE, NULL },
  };
  const ClosenessEntryDay *day;
  GDate date;
  guint changed = 0;
  gint64 id;

  g_assert_no_error (error);
  activity = closeness_store_create_activity (store, &info, &error);
  g_assert_no_error (error);
  id = closeness_record_get_id (CLOSENESS_RECORD (activity));
  for (guint i = 0; i < G_N_ELEMENTS (batch); i++)
    batch[i].activity_id = id;

  g_signal_connect (store, "entries-changed", G_CALLBACK (count_signal_cb), &changed);
  g_assert_true (
    closeness_store_add_entries (store, batch, G_N_ELEMENTS (batch), NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);

  days = closeness_store_query_entry_days (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (days->len, ==, 3);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 1, 1900);
  day = &g_array_index (days, ClosenessEntryDay, 0);
  g_assert_cmpuint (day->day, ==, g_date_get_julian (&date));
  g_assert_cmpint (day->kinds[0], ==, CLOSENESS_ENTRY_DONE);
  g_assert_cmpint (day->kinds[1], ==, -1);

  g_date_set_dmy (&date, 29, 2, 2024);
  day = &g_array_index (days, ClosenessEntryDay, 1);
  g_assert_cmpuint (day->day, ==, g_date_get_julian (&date));

  day = &g_array_index (days, ClosenessEntryDay, 2);
  g_assert_cmpuint (day->day, ==, g_date_get_julian (&date) + 1);
  g_assert_cmpint (day->kinds[0], ==, CLOSENESS_ENTRY_DONE);
  g_assert_cmpint (day->kinds[1], ==, CLOSENESS_ENTRY_REST);

  /* One entry with its note, as it is now. */
  entry = closeness_store_dup_entry (store, id, 0, "2024-02-29");
  g_assert_nonnull (entry);
  g_assert_cmpstr (closeness_entry_get_note (entry), ==, "leap");
  g_assert_null (closeness_store_dup_entry (store, id, 1, "2024-02-29"));

  g_assert_true (closeness_store_remove_entry (store, id, 0, "1900-01-01", &error));
  g_assert_cmpuint (changed, ==, 2);
  g_clear_pointer (&days, g_array_unref);
  days = closeness_store_query_entry_days (store, id, &error);
  g_assert_cmpuint (days->len, ==, 2);

  /* Another process's change is noticed like the models' are. */
  {
    g_autoptr(ClosenessStore) other = closeness_store_new (path, &error);
    ClosenessEntryInfo more = { id, 1, "2024-03-02", CLOSENESS_ENTRY_DONE, NULL };

    g_assert_no_error (error);
    g_assert_cmpint (closeness_store_log_entry (other, &more, &error), >, 0);
    closeness_store_check_for_changes (store);
    g_assert_cmpuint (changed, ==, 3);
  }
}

static void
test_selfcare (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_test_new_db_path ();
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);
  g_autoptr(ClosenessActivity) walk = NULL;
  g_autoptr(ClosenessActivity) again = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autofree char *day = today ();
  ClosenessActivityInfo info = {
    .builtin_key = "exercise",
    .name = "Exercise",
    .icon = "walking-symbolic",
    .owner = CLOSENESS_OWNER_BOTH,
    .goal_kind = CLOSENESS_GOAL_WEEKLY,
    .goal_count = 3,
  };
  ClosenessEntryInfo entry = { 0 };
  ClosenessEntryInfo batch[3];
  guint n_added, n_updated;
  ItemsChanged ic = { 0 };
  gint64 id;

  g_assert_no_error (error);

  walk = closeness_store_create_activity (store, &info, &error);
  g_assert_no_error (error);
  again = closeness_store_create_activity (store, &info, &error);
  g_assert_no_error (error);
  g_assert_true (walk == again);
  g_assert_cmpuint (g_list_model_get_n_items (closeness_store_get_activities (store)), ==, 1);
  id = closeness_record_get_id (CLOSENESS_RECORD (walk));

  entries = closeness_store_get_entries (store, id, "2000-01-01", day);
  g_signal_connect (entries, "items-changed", G_CALLBACK (store_test_items_changed_cb), &ic);

  entry = (ClosenessEntryInfo) { id, 1, day, CLOSENESS_ENTRY_DONE, "Ran by the river" };
  g_assert_cmpint (closeness_store_log_entry (store, &entry, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (ic.n_signals, ==, 1);
  g_assert_cmpuint (ic.added, ==, 1);

  /* Logging the same day again changes it in place */
  entry.kind = CLOSENESS_ENTRY_REST;
  g_assert_cmpint (closeness_store_log_entry (store, &entry, &error), >, 0);
  g_assert_cmpuint (ic.n_signals, ==, 1);

  batch[0] = (ClosenessEntryInfo) { id, 0, "2020-02-29", CLOSENESS_ENTRY_DONE, NULL };
  batch[1] = (ClosenessEntryInfo) { id, 1, "2020-02-29", CLOSENESS_ENTRY_DONE, "" };
  batch[2] = (ClosenessEntryInfo) { id, 0, "2020-02-30", CLOSENESS_ENTRY_DONE, NULL };
  g_assert_false (closeness_store_add_entries (store, batch, 3, NULL, NULL, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 1);  /* nothing half-written */

  batch[2].activity_id = 987654;
  batch[2].day = "2020-03-01";
  g_assert_false (closeness_store_add_entries (store, batch, 3, NULL, NULL, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 1);

  g_assert_true (closeness_store_add_entries (store, batch, 2, &n_added, &n_updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 3);
  g_assert_cmpuint (n_added, ==, 2);
  g_assert_cmpuint (n_updated, ==, 0);

  /* The same again changes nothing; a different note replaces the entry. */
  g_assert_true (closeness_store_add_entries (store, batch, 2, &n_added, &n_updated, &error));
  g_assert_cmpuint (n_added, ==, 0);
  g_assert_cmpuint (n_updated, ==, 0);
  batch[1].note = "Stretched";
  g_assert_true (closeness_store_add_entries (store, batch, 2, &n_added, &n_updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_added, ==, 0);
  g_assert_cmpuint (n_updated, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 3);

  ic = (ItemsChanged) { 0 };
  g_assert_true (closeness_store_remove_entry (store, id, 0, "2020-02-29", &error));
  g_assert_cmpuint (ic.n_signals, ==, 1);
  g_assert_cmpuint (ic.position, ==, 0);
  g_assert_cmpuint (ic.removed, ==, 1);
  g_assert_false (closeness_store_remove_entry (store, id, 0, "2020-02-29", &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Bad input */
  entry = (ClosenessEntryInfo) { id, 2, day, CLOSENESS_ENTRY_DONE, NULL };
  g_assert_cmpint (closeness_store_log_entry (store, &entry, &error), ==, 0);
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  entry = (ClosenessEntryInfo) { id, 0, "2999-01-01", CLOSENESS_ENTRY_DONE, NULL };
  g_assert_cmpint (closeness_store_log_entry (store, &entry, &error), ==, 0);
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  entry = (ClosenessEntryInfo) { id, 0, "1850-01-01", CLOSENESS_ENTRY_DONE, NULL };
  g_assert_cmpint (closeness_store_log_entry (store, &entry, &error), ==, 0);
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  info = (ClosenessActivityInfo) { NULL, "exercise", NULL, NULL, 0, FALSE, CLOSENESS_GOAL_DAILY,
                                   1 };
  g_assert_null (closeness_store_create_activity (store, &info, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR,
                  CLOSENESS_STORE_ERROR_INVALID_INPUT);  /* duplicate */
  g_clear_error (&error);
  info.name = "Reading";
  info.goal_kind = CLOSENESS_GOAL_WEEKLY;
  info.goal_count = 1000;
  g_assert_null (closeness_store_create_activity (store, &info, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  info.goal_count = 0;
  g_assert_null (closeness_store_create_activity (store, &info, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  info.goal_count = 2;
  info.color = "#12345";
  g_assert_null (closeness_store_create_activity (store, &info, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  info.color = "#123456";
  info.is_private = TRUE;
  info.owner = CLOSENESS_OWNER_PARTNER_2;
  {
    g_autoptr(ClosenessActivity) reading = closeness_store_create_activity (store, &info, &error);

    g_assert_no_error (error);
    g_assert_true (closeness_activity_get_is_private (reading));
    g_assert_true (
      closeness_store_set_activity_archived (store,
                                             closeness_record_get_id (CLOSENESS_RECORD (reading)),
                                             TRUE, &error));
    g_assert_true (closeness_activity_get_archived (reading));
    g_assert_cmpint (closeness_store_add_activity_reminder (store,
                                                            closeness_record_get_id (
                                                              CLOSENESS_RECORD (reading)),
                                                            "07:30", 0x1f, &error),
                     >, 0);
    g_assert_no_error (error);
    g_assert_cmpint (closeness_store_add_activity_reminder (store,
                                                            closeness_record_get_id (
                                                              CLOSENESS_RECORD (reading)),
                                                            "25:30", 0x1f, &error),
                     ==, 0);
    g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
    g_clear_error (&error);
  }

  g_assert_null (closeness_store_get_entries (store, id, "2020-13-01", day));
}

/* A second store on the same file stands in for a second process: its
 * commits reach the first store's models through PRAGMA data_version. */
/* Record properties that carry a store enum are enum properties of its
 * GType, with the record's value. */
static void
assert_enum_property (gpointer     record,
                      const char  *name,
                      GType        enum_type,
                      int          expected,
                      const char  *expected_nick)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (record), name);
  g_auto(GValue) value = G_VALUE_INIT;
  GEnumValue *enum_value;

  g_assert_nonnull (pspec);
  g_assert_true (G_IS_PARAM_SPEC_ENUM (pspec));
  g_assert_true (pspec->value_type == enum_type);

  g_value_init (&value, enum_type);
  g_object_get_property (G_OBJECT (record), name, &value);
  g_assert_cmpint (g_value_get_enum (&value), ==, expected);

  enum_value = g_enum_get_value (G_PARAM_SPEC_ENUM (pspec)->enum_class, expected);
  g_assert_nonnull (enum_value);
  g_assert_cmpstr (enum_value->value_nick, ==, expected_nick);
}

static void
test_enum_properties (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_test_new_db_path ();
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);
  g_autoptr(ClosenessDeck) deck = NULL;
  g_autoptr(ClosenessPrompt) prompt = NULL;
  g_autoptr(ClosenessEvent) event = NULL;
  g_autoptr(ClosenessActivity) activity = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(ClosenessEntry) logged = NULL;
  g_autofree char *day = today ();
  ClosenessEventInfo event_info = {
    .summary = "Dinner",
    .dtstart = "2026-03-29T19:00:00",
    .tzid = "Europe/Berlin",
    .duration_minutes = 90,
    .planned_by = CLOSENESS_PLANNED_BY_NOBODY,
  };
  ClosenessActivityInfo activity_info = {
    .name = "Reading",
    .owner = CLOSENESS_OWNER_PARTNER_2,
    .goal_kind = CLOSENESS_GOAL_MONTHLY,
    .goal_count = 4,
  };
  ClosenessEntryInfo entry;
  gint64 activity_id;

  g_assert_no_error (error);

  deck = closeness_store_create_deck (store, "Ours", NULL, &error);
  g_assert_no_error (error);
  prompt = closeness_store_create_prompt (store, closeness_record_get_id (CLOSENESS_RECORD (deck)),
                                          "What made you laugh today?", NULL,
                                          CLOSENESS_INTENSITY_SPICY, &error);
  g_assert_no_error (error);
  assert_enum_property (prompt, "intensity", CLOSENESS_TYPE_INTENSITY,
                        CLOSENESS_INTENSITY_SPICY, "spicy");

  event = closeness_store_create_event (store, &event_info, &error);
  g_assert_no_error (error);
  assert_enum_property (event, "planned-by", CLOSENESS_TYPE_PLANNED_BY,
                        CLOSENESS_PLANNED_BY_NOBODY, "nobody");

  activity = closeness_store_create_activity (store, &activity_info, &error);
  g_assert_no_error (error);
  assert_enum_property (activity, "owner", CLOSENESS_TYPE_OWNER,
                        CLOSENESS_OWNER_PARTNER_2, "partner-2");
  assert_enum_property (activity, "goal-kind", CLOSENESS_TYPE_GOAL_KIND,
                        CLOSENESS_GOAL_MONTHLY, "monthly");

  activity_id = closeness_record_get_id (CLOSENESS_RECORD (activity));
  entry = (ClosenessEntryInfo) { activity_id, 0, day, CLOSENESS_ENTRY_REST, NULL };
  g_assert_cmpint (closeness_store_log_entry (store, &entry, &error), >, 0);
  g_assert_no_error (error);
  entries = closeness_store_get_entries (store, activity_id, day, day);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 1);
  logged = g_list_model_get_item (entries, 0);
  assert_enum_property (logged, "kind", CLOSENESS_TYPE_ENTRY_KIND, CLOSENESS_ENTRY_REST, "rest");

  /* The error domain and the open flags are registered too. */
  g_assert_true (G_TYPE_IS_ENUM (CLOSENESS_TYPE_STORE_ERROR));
  g_assert_true (G_TYPE_IS_FLAGS (CLOSENESS_TYPE_STORE_OPEN_FLAGS));
}

static void
test_changes_from_elsewhere (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_test_new_db_path ();
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);
  g_autoptr(ClosenessStore) other = NULL;
  g_autoptr(ClosenessPartner) partner = NULL;
  g_autoptr(ClosenessEvent) event = NULL;
  gint64 deadline;
  ClosenessEventInfo info = { .summary = "Walk",
                              .dtstart = "2026-05-01T19:00:00",
                              .duration_minutes = 30 };
  ItemsChanged ic = { 0 };
  GListModel *events;

  g_assert_no_error (error);
  other = closeness_store_new (path, &error);
  g_assert_no_error (error);

  partner = g_list_model_get_item (closeness_store_get_partners (store), 1);
  events = closeness_store_get_events (store);
  g_signal_connect (events, "items-changed", G_CALLBACK (store_test_items_changed_cb), &ic);

  event = closeness_store_create_event (other, &info, &error);
  g_assert_no_error (error);
  g_assert_true (closeness_store_update_partner (other, 1, "Robin", "", &error));

  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 0);

  /* The folder monitor picks it up without being asked (the poll is 60 s). */
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_list_model_get_n_items (events) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (g_list_model_get_n_items (events), ==, 1);
  g_assert_cmpuint (ic.n_signals, ==, 1);
  g_assert_cmpuint (ic.added, ==, 1);
  g_assert_cmpstr (closeness_partner_get_name (partner), ==, "Robin");

  /* An update elsewhere: notify in place, no items-changed */
  info.summary = "Long walk";
  g_assert_true (closeness_store_update_event (other,
                                               closeness_record_get_id (CLOSENESS_RECORD (event)),
                                               &info, &error));
  closeness_store_check_for_changes (store);
  {
    g_autoptr(ClosenessEvent) mine = g_list_model_get_item (events, 0);

    g_assert_cmpstr (closeness_event_get_summary (mine), ==, "Long walk");
  }
  g_assert_cmpuint (ic.n_signals, ==, 1);
}

static void
test_pending_writes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_test_new_db_path ();
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);
  g_autoptr(ClosenessDeck) deck = NULL;
  g_autoptr(ClosenessPrompt) prompt = NULL;
  g_autoptr(GListModel) answers = NULL;
  g_autofree char *big = g_strnfill (90000, 'z');
  gint64 prompt_id;
  guint i;

  g_assert_no_error (error);
  deck = closeness_store_create_deck (store, "Deck", NULL, &error);
  prompt = closeness_store_create_prompt (store, closeness_record_get_id (CLOSENESS_RECORD (deck)),
                                          "Q?", NULL, 0, &error);
  g_assert_no_error (error);
  prompt_id = closeness_record_get_id (CLOSENESS_RECORD (prompt));
  answers = closeness_store_get_answers (store, prompt_id);

  /* Stand-in for a full disk: a page limit (the tmpfs test in the
   * reliability suite does it for real). */
  _closeness_store_set_max_page_count (store, 1);
  for (i = 0; i < 10 && error == NULL; i++)
    closeness_store_set_note (store, prompt_id, big, &error);
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_DISK_FULL);
  g_assert_cmpuint (closeness_store_get_pending_writes (store), ==, 1);
  g_clear_error (&error);

  /* Later writes queue behind it, in order */
  g_assert_false (closeness_store_set_answer (store, prompt_id, 0, "first", &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_DISK_FULL);
  g_clear_error (&error);
  g_assert_false (closeness_store_set_answer (store, prompt_id, 0, "second", &error));
  g_clear_error (&error);
  g_assert_cmpuint (closeness_store_get_pending_writes (store), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 0);

  g_assert_false (closeness_store_retry_pending (store, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_DISK_FULL);
  g_clear_error (&error);

  _closeness_store_set_max_page_count (store, 1073741823);
  g_assert_true (closeness_store_retry_pending (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (closeness_store_get_pending_writes (store), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 1);
  {
    g_autoptr(ClosenessAnswer) answer = g_list_model_get_item (answers, 0);
    g_autofree char *note = closeness_store_dup_note (store, prompt_id);

    g_assert_cmpstr (closeness_answer_get_text (answer), ==, "second");
    g_assert_cmpstr (note, ==, big);
  }
}

static void
mirror_items_changed_cb (GListModel *model,
                         guint       position,
                         guint       removed,
                         guint       added,
                         GPtrArray  *mirror)
{
  g_ptr_array_remove_range (mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror, position + i, g_list_model_get_item (model, position + i));
}

/* Random batches of changes made elsewhere: a mirror kept only from the
 * items-changed signals must always equal the model, and rows that stay
 * keep their object. */
static void
test_models_follow_changes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = store_test_new_db_path ();
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);
  g_autoptr(ClosenessStore) other = NULL;
  g_autoptr(ClosenessActivity) activity = NULL;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(GPtrArray) mirror = g_ptr_array_new_with_free_func (g_object_unref);
  ClosenessActivityInfo info = {
    NULL, "Yoga", NULL, NULL, CLOSENESS_OWNER_BOTH, FALSE, CLOSENESS_GOAL_DAILY, 1
  };
  gint64 id;

  g_assert_no_error (error);
  other = closeness_store_new (path, &error);
  activity = closeness_store_create_activity (store, &info, &error);
  g_assert_no_error (error);
  id = closeness_record_get_id (CLOSENESS_RECORD (activity));

  entries = closeness_store_get_entries (store, id, "2001-01-01", "2001-01-31");
  g_signal_connect (entries, "items-changed", G_CALLBACK (mirror_items_changed_cb), mirror);

  for (guint round = 0; round < 150; round++)
    {
      guint n_ops = g_test_rand_int_range (1, 6);

      for (guint op = 0; op < n_ops; op++)
        {
          g_autofree char *day = g_strdup_printf ("2001-01-%02d", g_test_rand_int_range (1, 32));
          guint slot = g_test_rand_int_range (0, 2);
          ClosenessEntryInfo entry = { id, slot, day, g_test_rand_int_range (0, 2),
                                       g_test_rand_bit () ? "x" : NULL };

          if (g_test_rand_int_range (0, 3) == 0)
            closeness_store_remove_entry (other, id, slot, day, NULL);
          else
            g_assert_cmpint (closeness_store_log_entry (other, &entry, &error), >, 0);
        }

      closeness_store_check_for_changes (store);

      g_assert_cmpuint (mirror->len, ==, g_list_model_get_n_items (entries));
      for (guint i = 0; i < mirror->len; i++)
        {
          g_autoptr(ClosenessEntry) item = g_list_model_get_item (entries, i);

          g_assert_true (item == g_ptr_array_index (mirror, i));
          if (i > 0)
            {
              ClosenessEntry *prev = g_ptr_array_index (mirror, i - 1);
              int cmp = g_strcmp0 (closeness_entry_get_day (prev), closeness_entry_get_day (item));

              g_assert_true (
                cmp < 0
                || (cmp == 0 && closeness_entry_get_slot (prev) < closeness_entry_get_slot (item)));
            }
        }
    }

  g_assert_cmpuint (mirror->len, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/open/default-path", test_open_default_path);
  g_test_add_func ("/store/open/pragmas", test_pragmas);
  g_test_add_func ("/store/partners", test_partners);
  g_test_add_func ("/store/partners/display-name", test_partner_display_name);
  g_test_add_func ("/store/partners/names", test_partner_names);
  g_test_add_func ("/store/partners/colors", test_partner_colors);
  g_test_add_func ("/store/state", test_state);
  g_test_add_func ("/store/prompts", test_library_and_prompts);
  g_test_add_func ("/store/events", test_events);
  g_test_add_func ("/store/selfcare", test_selfcare);
  g_test_add_func ("/store/selfcare/entry-days", test_entry_days);
  g_test_add_func ("/store/records/enum-properties", test_enum_properties);
  g_test_add_func ("/store/changes-from-elsewhere", test_changes_from_elsewhere);
  g_test_add_func ("/store/pending-writes", test_pending_writes);
  g_test_add_func ("/store/models/follow-changes", test_models_follow_changes);

  return g_test_run ();
}
