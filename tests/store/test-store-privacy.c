/* test-store-privacy.c: nothing a couple writes reaches the logs or error
 * messages, with every debug message switched on.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store-test"

#include "config.h"

#include <fcntl.h>
#include <unistd.h>

#include "store-test-utils.h"
#include "store/closeness-store-private.h"

static GString *captured;
static guint n_debug_lines;

static GLogWriterOutput
capture_writer (GLogLevelFlags   log_level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_autofree char *line = g_log_writer_format_fields (log_level, fields, n_fields, FALSE);

  g_string_append (captured, line);
  g_string_append_c (captured, '\n');
  if (log_level & G_LOG_LEVEL_DEBUG)
    n_debug_lines++;

  return G_LOG_WRITER_HANDLED;
}

static void
capture_error (GError **error)
{
  if (*error != NULL)
    {
      g_string_append (captured, (*error)->message);
      g_string_append_c (captured, '\n');
    }
  g_clear_error (error);
}

#define MARK(what) "MARKER-" what "-c8e1f"

static void
test_no_intimate_text_in_logs (void)
{
  g_autofree char *path = store_test_new_db_path ();
  g_autoptr(GError) error = NULL;
  ClosenessStore *store;
  g_autoptr(ClosenessStore) other = NULL;
  g_autoptr(ClosenessDeck) deck = NULL;
  g_autoptr(ClosenessPrompt) prompt = NULL;
  g_autoptr(ClosenessEvent) event = NULL;
  g_autoptr(ClosenessActivity) activity = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ClosenessBackup) backup = NULL;
  g_autoptr(GString) huge = g_string_new (NULL);
  ClosenessEventInfo event_info = {
    .summary = MARK ("TITLE"),
    .dtstart = "2026-02-14T20:00:00",
    .tzid = "Europe/Berlin",
    .duration_minutes = 45,
    .notes = MARK ("EVENTNOTE"),
    .ical_raw = "BEGIN:VEVENT\r\nSUMMARY:" MARK ("ICAL") "\r\nEND:VEVENT\r\n",
  };
  ClosenessActivityInfo activity_info = {
    .name = MARK ("ACT"),
    .owner = CLOSENESS_OWNER_PARTNER_1,
    .goal_kind = CLOSENESS_GOAL_DAILY,
    .goal_count = 1,
  };
  ClosenessEntryInfo entry = { 0, 0, "2024-05-05", CLOSENESS_ENTRY_DONE, MARK ("ENTRYNOTE") };
  gint64 prompt_id;

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);

  closeness_store_update_partner (store, 0, MARK ("NAME"), "", &error);
  g_assert_no_error (error);
  closeness_store_set_state (store, "draft", MARK ("STATE"), &error);
  deck = closeness_store_create_deck (store, MARK ("DECK"), MARK ("DECKDESC"), &error);
  g_assert_no_error (error);
  prompt = closeness_store_create_prompt (store, closeness_record_get_id (CLOSENESS_RECORD (deck)),
                                          MARK ("PROMPT"), MARK ("FOLLOWUP"), 0, &error);
  g_assert_no_error (error);
  prompt_id = closeness_record_get_id (CLOSENESS_RECORD (prompt));
  closeness_store_set_answer (store, prompt_id, 0, MARK ("ANSWER"), &error);
  closeness_store_set_note (store, prompt_id, MARK ("NOTE"), &error);
  g_assert_no_error (error);
  event = closeness_store_create_event (store, &event_info, &error);
  g_assert_no_error (error);
  activity = closeness_store_create_activity (store, &activity_info, &error);
  g_assert_no_error (error);
  entry.activity_id = closeness_record_get_id (CLOSENESS_RECORD (activity));
  closeness_store_log_entry (store, &entry, &error);
  g_assert_no_error (error);

  /* Failures with the markers in the refused input */
  g_string_append (huge, MARK ("HUGE"));
  while (huge->len <= CLOSENESS_STORE_MAX_TEXT + 10)
    g_string_append (huge, " and more words");
  closeness_store_set_answer (store, prompt_id, 1, huge->str, &error);
  g_assert_nonnull (error);
  capture_error (&error);
  closeness_store_set_answer (store, 4242, 1, MARK ("ORPHAN"), &error);
  g_assert_nonnull (error);
  capture_error (&error);
  event_info.dtstart = "2026-02-30T20:00:00";
  g_assert_null (closeness_store_create_event (store, &event_info, &error));
  capture_error (&error);
  event_info.dtstart = "2026-02-14T20:00:00";
  event_info.uid = closeness_event_get_uid (event);
  g_assert_null (closeness_store_create_event (store, &event_info, &error));  /* same UID */
  capture_error (&error);
  g_assert_null (
    closeness_store_create_activity (store, &activity_info, &error));  /* duplicate name */
  capture_error (&error);
  closeness_store_update_partner (store, 1,
                                  MARK ("LONGNAME-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
                                  "", &error);
  capture_error (&error);

  /* Pending writes: kept, retried, saved */
  _closeness_store_set_max_page_count (store, 1);
  closeness_store_set_note (store, prompt_id, huge->str + (huge->len - CLOSENESS_STORE_MAX_TEXT),
                            &error);
  capture_error (&error);
  closeness_store_set_answer (store, prompt_id, 1, MARK ("PENDING"), &error);
  capture_error (&error);
  closeness_store_retry_pending (store, &error);
  capture_error (&error);
  _closeness_store_set_max_page_count (store, 1073741823);
  closeness_store_retry_pending (store, &error);
  g_assert_no_error (error);

  /* A change from another connection, seen by polling */
  other = closeness_store_new (path, &error);
  g_assert_no_error (error);
  closeness_store_set_answer (other, prompt_id, 1, MARK ("OTHER"), &error);
  closeness_store_check_for_changes (store);

  /* Backup, then damage the file: recovery logs what happened */
  closeness_store_backup_now_async (store, NULL, store_test_result_cb, &result);
  backup = closeness_store_backup_now_finish (store, store_test_wait (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);   /* the task holds the store */
  g_clear_object (&other);
  store_test_finalize (store);
  store = NULL;
  {
    int fd = open (path, O_WRONLY);

    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (write (fd, "garbage garbage garbage garbage!", 32), ==, 32);
    close (fd);
  }
  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (closeness_store_get_recovery_report (store));
  g_string_append (captured, closeness_store_get_recovery_report (store));

  /* Leaving with a write still pending warns, without content */
  _closeness_store_set_max_page_count (store, 1);
  closeness_store_set_note (store, prompt_id, huge->str + (huge->len - CLOSENESS_STORE_MAX_TEXT),
                            &error);
  capture_error (&error);
  store_test_finalize (store);

  g_test_message ("captured %u debug lines, %" G_GSIZE_FORMAT " bytes", n_debug_lines,
                  captured->len);
  g_assert_cmpuint (n_debug_lines, >, 5);   /* the capture really sees debug output */
  g_assert_nonnull (strstr (captured->str, "Migrating"));
  g_assert_nonnull (strstr (captured->str, "keeping it aside"));
  g_assert_nonnull (strstr (captured->str, "kept in memory"));
  g_assert_nonnull (strstr (captured->str, "could not be saved"));
  g_assert_null (strstr (captured->str, "MARKER-"));
  g_assert_null (strstr (captured->str, "c8e1f"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  captured = g_string_new (NULL);
  g_log_set_writer_func (capture_writer, NULL, NULL);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* The recovery path warns on purpose; keep running to inspect it. */
  g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  g_test_add_func ("/store/privacy/no-intimate-text-in-logs", test_no_intimate_text_in_logs);

  return g_test_run ();
}
