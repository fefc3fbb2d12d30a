/* test-conversation-logic.c: the Conversations model without a display.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "closeness-test-utils.h"
#include "conversations/closeness-conversation-logic.h"
#include "conversations/closeness-conversation-settings.h"
#include "conversations/closeness-prompt-library.h"

static gint64
record_id (gpointer record)
{
  return closeness_record_get_id (CLOSENESS_RECORD (record));
}

/* Every deck open, questions up to @ceiling. */
#define UP_TO(intensity) (&(const ClosenessPromptFilter) { .ceiling = (intensity), .closed_deck_id = 0 })

static void
assert_all_within (GPtrArray          *prompts,
                   ClosenessIntensity  ceiling)
{
  for (guint i = 0; i < prompts->len; i++)
    g_assert_cmpint (closeness_prompt_get_intensity (g_ptr_array_index (prompts, i)), <=, ceiling);
}

static void
count_notify_cb (guint *count)
{
  (*count)++;
}

static void
assert_state (ClosenessStore *store,
              const char     *key,
              const char     *expected)
{
  g_autofree char *value = closeness_store_dup_state (store, key);

  g_assert_cmpstr (value, ==, expected);
}

/* Library */

static void
test_library_counts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessPromptLibrary) library = closeness_prompt_library_new_from_resource (&error);
  g_autoptr(ClosenessStore) store = NULL;
  const ClosenessLibraryDeck *decks;
  const ClosenessLibraryPrompt *prompts;
  guint n_decks, n_prompts;

  g_assert_no_error (error);
  g_assert_nonnull (library);

  decks = closeness_prompt_library_get_decks (library, &n_decks);
  prompts = closeness_prompt_library_get_prompts (library, &n_prompts);
  g_test_message ("library: %u decks, %u prompts", n_decks, n_prompts);
  g_assert_cmpuint (n_decks, >=, 10);
  g_assert_cmpuint (n_prompts, >=, 240);

  for (guint d = 0; d < n_decks; d++)
    {
      guint count = 0;

      g_assert_nonnull (decks[d].name);
      g_assert_nonnull (decks[d].description);
      g_assert_nonnull (closeness_prompt_library_get_deck_icon (library, decks[d].key));
      for (guint p = 0; p < n_prompts; p++)
        count += g_str_equal (prompts[p].deck_key, decks[d].key);
      g_test_message ("deck %s: %u prompts", decks[d].key, count);
      g_assert_cmpuint (count, >=, 15);
    }

  /* What the store holds after a sync matches. */
  store = closeness_test_new_library_store ();
  g_assert_cmpuint (g_list_model_get_n_items (closeness_store_get_decks (store)), ==, n_decks);
  g_assert_cmpuint (g_list_model_get_n_items (closeness_store_get_prompts (store)), ==, n_prompts);
}

static void
assert_library_invalid (const char *xml)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (xml, strlen (xml));
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessPromptLibrary) library = NULL;

  library = closeness_prompt_library_new_from_bytes (bytes, &error);
  g_assert_null (library);
  g_assert_nonnull (error);
}

static void
test_library_validation (void)
{
  /* A duplicate id, an unknown intensity, spicy outside the desire deck,
   * empty text, broken XML, no decks. */
  assert_library_invalid (
    "<library version=\"1\"><deck id=\"a\"><name>A</name><description>d</description>"
    "<prompt id=\"p\" intensity=\"gentle\"><text>Q?</text></prompt>"
    "<prompt id=\"p\" intensity=\"gentle\"><text>R?</text></prompt></deck></library>");
  assert_library_invalid (
    "<library version=\"1\"><deck id=\"a\"><name>A</name><description>d</description>"
    "<prompt id=\"p\" intensity=\"hot\"><text>Q?</text></prompt></deck></library>");
  assert_library_invalid (
    "<library version=\"1\"><deck id=\"a\"><name>A</name><description>d</description>"
    "<prompt id=\"p\" intensity=\"spicy\"><text>Q?</text></prompt></deck></library>");
  assert_library_invalid (
    "<library version=\"1\"><deck id=\"a\"><name>A</name><description>d</description>"
    "<prompt id=\"p\" intensity=\"gentle\"><text> </text></prompt></deck></library>");
  assert_library_invalid ("<library version=\"1\"><deck id=\"a\"><name>A</name>"
                          "<prompt id=\"p\" intensity=\"gentle\"><text>Q?</text></library>");
  assert_library_invalid ("<library version=\"1\"></library>");
}

static void
test_library_sync_noop_is_fast (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  const guint rounds = 200;
  gint64 start, elapsed;
  double per_call_ms;

  version = closeness_store_dup_state (store, CLOSENESS_PROMPT_LIBRARY_STATE_KEY);
  g_assert_nonnull (version);
  g_assert_true (g_str_has_prefix (version, "1:"));

  start = g_get_monotonic_time ();
  for (guint i = 0; i < rounds; i++)
    {
      g_assert_true (closeness_prompt_library_sync (store, &error));
      g_assert_no_error (error);
    }
  elapsed = g_get_monotonic_time () - start;
  per_call_ms = (double) elapsed / rounds / 1000.0;

  g_test_message ("no-op library sync: %.3f ms per call (%u calls)", per_call_ms, rounds);
  g_assert_cmpfloat (per_call_ms, <, 2.0);
}

static char *
make_upgraded_library (const char *changed_key,
                       const char *changed_text)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (CLOSENESS_PROMPT_LIBRARY_RESOURCE, 0, NULL);
  g_autofree char *xml = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *open_tag = g_strdup_printf ("<prompt id=\"%s\"", changed_key);
  g_autoptr(GString) result = g_string_new (xml);
  const char *prompt_start = strstr (result->str, open_tag);
  const char *text_start, *text_end;
  const char *deck_end;
  gsize text_pos, text_len;

  g_assert_nonnull (prompt_start);
  text_start = strstr (prompt_start, "<text>") + strlen ("<text>");
  text_end = strstr (text_start, "</text>");
  text_pos = text_start - result->str;
  text_len = text_end - text_start;
  g_string_erase (result, text_pos, text_len);
  g_string_insert (result, text_pos, changed_text);

  /* One new prompt at the end of the first deck. */
  deck_end = strstr (result->str, "</deck>");
  g_string_insert (result, deck_end - result->str,
                   "<prompt id=\"rediscover-new-999\" intensity=\"gentle\">"
                   "<text>Which new habit of mine surprised you most this year?</text></prompt>\n");

  return g_string_free (g_steal_pointer (&result), FALSE);
}

static void
test_library_upgrade_keeps_user_data (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessPrompt) prompt = closeness_test_find_prompt (store, "rediscover-001");
  g_autoptr(ClosenessPrompt) after = NULL;
  g_autoptr(ClosenessPrompt) added = NULL;
  g_autoptr(GListModel) answers = NULL;
  g_autoptr(GBytes) upgraded = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *note = NULL;
  g_autofree char *old_version = NULL;
  g_autofree char *new_version = NULL;
  g_auto(GStrv) days = NULL;
  guint n_before;
  gint64 id;

  g_assert_nonnull (prompt);
  id = record_id (prompt);
  n_before = g_list_model_get_n_items (closeness_store_get_prompts (store));

  g_assert_true (
    closeness_store_set_answer (store, id, 0, "An answer from the first partner", &error));
  g_assert_true (
    closeness_store_set_answer (store, id, 1, "An answer from the second partner", &error));
  g_assert_true (closeness_store_set_favourite (store, id, TRUE, &error));
  g_assert_true (closeness_store_mark_discussed (store, id, "2026-03-14", &error));
  g_assert_true (closeness_store_set_note (store, id, "A shared note", &error));
  g_assert_no_error (error);

  old_version = closeness_store_dup_state (store, CLOSENESS_PROMPT_LIBRARY_STATE_KEY);
  xml = make_upgraded_library ("rediscover-001",
                               "What have you changed your mind about lately, and why?");
  upgraded = g_bytes_new_take (g_steal_pointer (&xml), strlen (xml));
  g_assert_true (closeness_prompt_library_sync_bytes (store, upgraded, &error));
  g_assert_no_error (error);

  new_version = closeness_store_dup_state (store, CLOSENESS_PROMPT_LIBRARY_STATE_KEY);
  g_assert_cmpstr (old_version, !=, new_version);

  g_assert_cmpuint (g_list_model_get_n_items (closeness_store_get_prompts (store)), ==,
                    n_before + 1);

  after = closeness_test_find_prompt (store, "rediscover-001");
  g_assert_nonnull (after);
  g_assert_cmpint (record_id (after), ==, id);
  g_assert_cmpstr (closeness_prompt_get_text (after), ==,
                   "What have you changed your mind about lately, and why?");
  g_assert_true (closeness_prompt_get_favourite (after));
  g_assert_cmpstr (closeness_prompt_get_last_discussed (after), ==, "2026-03-14");

  answers = closeness_store_get_answers (store, id);
  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 2);
  note = closeness_store_dup_note (store, id);
  g_assert_cmpstr (note, ==, "A shared note");
  days = closeness_store_dup_discussed_days (store, id);
  g_assert_cmpuint (g_strv_length (days), ==, 1);

  added = closeness_test_find_prompt (store, "rediscover-new-999");
  g_assert_nonnull (added);
  g_assert_false (closeness_prompt_get_favourite (added));
}

/* The shipped library without some of its prompts, as the next version
 * that dropped them would be. */
static GBytes *
make_library_without (const char * const *keys)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data (CLOSENESS_PROMPT_LIBRARY_RESOURCE, 0, NULL);
  g_autoptr(GString) xml =
    g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *open_tag = g_strdup_printf ("<prompt id=\"%s\"", keys[i]);
      const char *start = strstr (xml->str, open_tag);
      const char *end;

      g_assert_nonnull (start);
      end = strstr (start, "</prompt>") + strlen ("</prompt>");
      g_string_erase (xml, start - xml->str, end - start);
    }

  return g_string_free_to_bytes (g_steal_pointer (&xml));
}

/* A built-in prompt that a new version removes is retired, never deleted:
 * the couple's answers, note, favourite and history stay, and so does the
 * prompt in their favourites and history, but it is never offered again.
 * One nobody touched simply goes. */
static void
test_library_removal_retires (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessPrompt) kept = closeness_test_find_prompt (store, "rediscover-001");
  g_autoptr(ClosenessPrompt) untouched = closeness_test_find_prompt (store, "rediscover-002");
  g_autoptr(GListModel) answers = NULL;
  g_autoptr(GBytes) next = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *note = NULL;
  const char *removed[] = { "rediscover-001", "rediscover-002", NULL };
  GListModel *prompts = closeness_store_get_prompts (store);
  guint n_before = g_list_model_get_n_items (prompts);
  gint64 id = record_id (kept);
  gint64 untouched_id = record_id (untouched);
  gint64 deck_id = closeness_prompt_get_deck_id (kept);

  g_assert_true (closeness_store_set_answer (store, id, 0, "Mine", &error));
  g_assert_true (closeness_store_set_answer (store, id, 1, "Yours", &error));
  g_assert_true (closeness_store_set_favourite (store, id, TRUE, &error));
  g_assert_true (closeness_store_mark_discussed (store, id, "2026-03-14", &error));
  g_assert_true (closeness_store_set_note (store, id, "Ours", &error));
  g_assert_no_error (error);

  next = make_library_without (removed);
  g_assert_true (closeness_prompt_library_sync_bytes (store, next, &error));
  g_assert_no_error (error);

  /* The touched one stays, retired, with everything the couple wrote. */
  g_assert_cmpuint (g_list_model_get_n_items (prompts), ==, n_before - 1);
  g_assert_true (closeness_prompt_get_retired (kept));
  g_assert_true (closeness_prompt_get_favourite (kept));
  g_assert_cmpstr (closeness_prompt_get_last_discussed (kept), ==, "2026-03-14");
  answers = closeness_store_get_answers (store, id);
  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 2);
  note = closeness_store_dup_note (store, id);
  g_assert_cmpstr (note, ==, "Ours");
  g_assert_null (closeness_store_get_prompt (store, untouched_id));

  /* Never offered again: not drawn, not tonight's question. */
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(ClosenessPrompt) drawn =
        closeness_conversation_draw (prompts, UP_TO (CLOSENESS_INTENSITY_SPICY), &deck_id, 1, NULL,
                                     0, rand, NULL);

      g_assert_nonnull (drawn);
      g_assert_cmpint (record_id (drawn), !=, id);
    }
  for (guint d = 0; d < 400; d++)
    {
      g_autofree char *day = closeness_conversation_day_add ("2026-01-01", d);
      g_autoptr(ClosenessPrompt) pick =
        closeness_conversation_prompt_of_the_day (prompts, UP_TO (CLOSENESS_INTENSITY_SPICY), day);

      g_assert_cmpint (record_id (pick), !=, id);
    }
}

/* Ceiling */

static void
test_settings_ceiling (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(GError) error = NULL;
  ClosenessConversationSettings *settings = closeness_conversation_settings_get_for_store (store);
  g_autofree char *stored = NULL;

  g_assert_true (settings == closeness_conversation_settings_get_for_store (store));
  g_assert_cmpint (closeness_conversation_settings_get_ceiling (settings), ==,
                   CLOSENESS_INTENSITY_WARM);
  g_assert_true (
    closeness_conversation_settings_set_ceiling (settings, CLOSENESS_INTENSITY_GENTLE, &error));
  g_assert_no_error (error);
  stored = closeness_store_dup_state (store, CLOSENESS_CONVERSATION_CEILING_KEY);
  g_assert_cmpstr (stored, ==, "gentle");

  g_assert_cmpint (closeness_intensity_from_string ("spicy", CLOSENESS_INTENSITY_WARM), ==,
                   CLOSENESS_INTENSITY_SPICY);
  g_assert_cmpint (closeness_intensity_from_string ("nonsense", CLOSENESS_INTENSITY_WARM), ==,
                   CLOSENESS_INTENSITY_WARM);
  g_assert_cmpint (closeness_intensity_from_string (NULL, CLOSENESS_INTENSITY_GENTLE), ==,
                   CLOSENESS_INTENSITY_GENTLE);
  g_assert_cmpstr (closeness_intensity_to_string (CLOSENESS_INTENSITY_WARM), ==, "warm");
}

static void
test_ceiling_everywhere (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  GListModel *prompts = closeness_store_get_prompts (store);
  g_autoptr(ClosenessDeck) desire = closeness_test_find_deck (store, "desire");
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  gint64 desire_id = record_id (desire);
  g_autofree char *spicy_word = NULL;
  guint spicy_draws = 0;

  for (ClosenessIntensity ceiling = CLOSENESS_INTENSITY_GENTLE;
       ceiling <= CLOSENESS_INTENSITY_SPICY; ceiling++)
    {
      g_autoptr(GPtrArray) eligible =
        closeness_conversation_eligible (prompts, UP_TO (ceiling), NULL, 0);
      g_autoptr(GPtrArray) deck =
        closeness_conversation_deck_prompts (prompts, UP_TO (ceiling), desire_id);
      g_autoptr(GPtrArray) found = closeness_conversation_search (prompts, UP_TO (ceiling), "you");
      guint discussed, total;

      assert_all_within (eligible, ceiling);
      assert_all_within (deck, ceiling);
      assert_all_within (found, ceiling);
      g_assert_cmpuint (found->len, >, 0);

      closeness_conversation_count_progress (prompts, UP_TO (ceiling), desire_id, &discussed,
                                             &total);
      g_assert_cmpuint (total, ==, deck->len);

      /* Prompt of the day, two months of days. */
      for (guint d = 1; d <= 60; d++)
        {
          g_autofree char *day = closeness_conversation_day_add ("2026-01-01", d);
          g_autoptr(ClosenessPrompt) prompt =
            closeness_conversation_prompt_of_the_day (prompts, UP_TO (ceiling), day);

          g_assert_nonnull (prompt);
          g_assert_cmpint (closeness_prompt_get_intensity (prompt), <=, ceiling);
        }

      /* Drawing from the desire deck only, many times: nothing of it is
       * gentle, so Gentle Only draws nothing there. */
      for (guint i = 0; i < 300; i++)
        {
          g_autoptr(ClosenessPrompt) prompt = NULL;

          prompt = closeness_conversation_draw (prompts, UP_TO (ceiling), &desire_id, 1, NULL, 0,
                                                rand, NULL);
          if (ceiling == CLOSENESS_INTENSITY_GENTLE)
            {
              g_assert_null (prompt);
              g_assert_cmpuint (deck->len, ==, 0);
              continue;
            }
          g_assert_nonnull (prompt);
          g_assert_cmpint (closeness_prompt_get_intensity (prompt), <=, ceiling);
          g_assert_cmpint (closeness_prompt_get_deck_id (prompt), ==, desire_id);
          if (closeness_prompt_get_intensity (prompt) == CLOSENESS_INTENSITY_SPICY)
            spicy_draws++;
        }
    }

  /* The spicy cards exist and are drawn when the couple allows them. */
  g_assert_cmpuint (spicy_draws, >, 0);

  /* A word only a spicy prompt has is not found below the ceiling. */
  for (guint i = 0; i < g_list_model_get_n_items (prompts) && spicy_word == NULL; i++)
    {
      g_autoptr(ClosenessPrompt) prompt = g_list_model_get_item (prompts, i);

      if (closeness_prompt_get_intensity (prompt) == CLOSENESS_INTENSITY_SPICY)
        spicy_word = g_strdup (closeness_prompt_get_text (prompt));
    }
  g_assert_nonnull (spicy_word);
  {
    g_autoptr(GPtrArray) warm =
      closeness_conversation_search (prompts, UP_TO (CLOSENESS_INTENSITY_WARM), spicy_word);
    g_autoptr(GPtrArray) spicy =
      closeness_conversation_search (prompts, UP_TO (CLOSENESS_INTENSITY_SPICY), spicy_word);

    g_assert_cmpuint (warm->len, ==, 0);
    g_assert_cmpuint (spicy->len, >=, 1);
  }
}

/* Each partner's choice about the desire deck, kept in the couple's data
 * and read from it every time. */
static void
test_settings_desire (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(ClosenessStore) again = NULL;
  g_autoptr(ClosenessDeck) desire = closeness_test_find_deck (store, "desire");
  g_autoptr(GError) error = NULL;
  ClosenessConversationSettings *settings = closeness_conversation_settings_get_for_store (store);
  ClosenessPromptFilter filter;
  guint n_open_changes = 0;
  gint64 other_deck;

  g_signal_connect_swapped (settings, "notify::desire-open", G_CALLBACK (count_notify_cb),
                            &n_open_changes);

  /* Nobody chose it: closed. */
  g_assert_false (closeness_conversation_settings_get_desire_open (settings));
  closeness_conversation_settings_get_filter (settings, &filter);
  g_assert_cmpint (filter.ceiling, ==, CLOSENESS_INTENSITY_WARM);
  g_assert_cmpint (filter.closed_deck_id, ==, record_id (desire));
  g_assert_false (closeness_prompt_filter_allows_deck (&filter, record_id (desire)));

  /* One partner: still closed. */
  g_assert_true (closeness_conversation_settings_set_desire_chosen (settings, 1, TRUE, &error));
  g_assert_no_error (error);
  assert_state (store, CLOSENESS_CONVERSATION_DESIRE_KEY, "1");
  g_assert_true (closeness_conversation_settings_get_desire_chosen (settings, 1));
  g_assert_false (closeness_conversation_settings_get_desire_chosen (settings, 0));
  g_assert_false (closeness_conversation_settings_get_desire_open (settings));
  g_assert_cmpuint (n_open_changes, ==, 0);

  /* Both: open. */
  g_assert_true (closeness_conversation_settings_set_desire_chosen (settings, 0, TRUE, &error));
  assert_state (store, CLOSENESS_CONVERSATION_DESIRE_KEY, "0,1");
  g_assert_true (closeness_conversation_settings_get_desire_open (settings));
  closeness_conversation_settings_get_filter (settings, &filter);
  g_assert_cmpint (filter.closed_deck_id, ==, 0);
  g_assert_cmpuint (n_open_changes, ==, 1);

  /* Kept after a restart. */
  again = closeness_store_new (closeness_store_get_path (store), &error);
  g_assert_no_error (error);
  g_assert_true (closeness_conversation_settings_get_desire_open (
    closeness_conversation_settings_get_for_store (again)));
  g_clear_object (&again);

  /* Either one alone closes it. */
  g_assert_true (closeness_conversation_settings_set_desire_chosen (settings, 0, FALSE, &error));
  assert_state (store, CLOSENESS_CONVERSATION_DESIRE_KEY, "1");
  g_assert_false (closeness_conversation_settings_get_desire_open (settings));
  g_assert_cmpuint (n_open_changes, ==, 2);

  /* What the data says counts, not a copy in memory: after an import, a
   * restore or the command line changed it, and whatever it holds. */
  g_assert_true (
    closeness_store_set_state (store, CLOSENESS_CONVERSATION_DESIRE_KEY, "1,0", &error));
  g_assert_true (closeness_conversation_settings_get_desire_open (settings));
  g_assert_true (
    closeness_store_set_state (store, CLOSENESS_CONVERSATION_DESIRE_KEY, "yes", &error));
  g_assert_false (closeness_conversation_settings_get_desire_open (settings));
  g_assert_true (
    closeness_store_set_state (store, CLOSENESS_CONVERSATION_DESIRE_KEY, "0,7,-1", &error));
  g_assert_false (closeness_conversation_settings_get_desire_open (settings));
  g_assert_true (closeness_conversation_settings_get_desire_chosen (settings, 0));
  g_assert_true (
    closeness_store_set_state (store, CLOSENESS_CONVERSATION_DESIRE_KEY, NULL, &error));
  g_assert_false (closeness_conversation_settings_get_desire_open (settings));
  g_assert_true (
    closeness_store_set_state (store, CLOSENESS_CONVERSATION_CEILING_KEY, "spicy", &error));
  g_assert_cmpint (closeness_conversation_settings_get_ceiling (settings), ==,
                   CLOSENESS_INTENSITY_SPICY);
  g_assert_no_error (error);

  /* Decks left out of drawing, remembered the same way. */
  {
    g_autoptr(ClosenessDeck) play = closeness_test_find_deck (store, "play");

    other_deck = record_id (play);
  }
  g_assert_false (closeness_conversation_settings_get_deck_left_out (settings, other_deck));
  g_assert_true (
    closeness_conversation_settings_set_deck_left_out (settings, other_deck, TRUE, &error));
  g_assert_true (
    closeness_conversation_settings_set_deck_left_out (settings, record_id (desire), TRUE, &error));
  g_assert_true (
    closeness_conversation_settings_set_deck_left_out (settings, other_deck, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (closeness_conversation_settings_get_deck_left_out (settings, other_deck));
  g_assert_true (closeness_conversation_settings_set_deck_left_out (settings, record_id (desire),
                                                                    FALSE, &error));
  {
    g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, other_deck);

    assert_state (store, CLOSENESS_CONVERSATION_LEFT_OUT_KEY, expected);
  }
  g_assert_true (
    closeness_store_set_state (store, CLOSENESS_CONVERSATION_LEFT_OUT_KEY, "x,,-4", &error));
  g_assert_false (closeness_conversation_settings_get_deck_left_out (settings, other_deck));
}

/* With the desire deck closed, nothing of it is offered, found, counted
 * or chosen as tonight's question, whatever the intensity; from the keys
 * the same as from the prompts. */
static void
test_closed_deck_everywhere (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(ClosenessDeck) desire = closeness_test_find_deck (store, "desire");
  g_autoptr(GArray) keys = closeness_store_get_prompt_keys (store, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  GListModel *prompts = closeness_store_get_prompts (store);
  gint64 desire_id = record_id (desire);
  ClosenessPromptFilter closed = { .ceiling = CLOSENESS_INTENSITY_SPICY,
                                   .closed_deck_id = desire_id };
  guint discussed, total;

  g_assert_nonnull (keys);
  for (guint d = 0; d < 730; d++)
    {
      g_autofree char *day = closeness_conversation_day_add ("2026-01-01", d);
      g_autoptr(ClosenessPrompt) pick =
        closeness_conversation_prompt_of_the_day (prompts, &closed, day);

      g_assert_cmpint (closeness_prompt_get_deck_id (pick), !=, desire_id);
      g_assert_cmpint (closeness_conversation_pick_of_the_day (keys, &closed, day), ==,
                       record_id (pick));
    }
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(ClosenessPrompt) any =
        closeness_conversation_draw (prompts, &closed, NULL, 0, NULL, 0, rand, NULL);

      g_assert_cmpint (closeness_prompt_get_deck_id (any), !=, desire_id);
    }
  g_assert_null (
    closeness_conversation_draw (prompts, &closed, &desire_id, 1, NULL, 0, rand, NULL));
  {
    g_autoptr(GPtrArray) in_deck =
      closeness_conversation_deck_prompts (prompts, &closed, desire_id);
    g_autoptr(GPtrArray) eligible =
      closeness_conversation_eligible (prompts, &closed, &desire_id, 1);
    g_autoptr(GPtrArray) found = closeness_conversation_search (prompts, &closed, "desire");
    g_autoptr(GPtrArray) found_open =
      closeness_conversation_search (prompts, UP_TO (CLOSENESS_INTENSITY_SPICY), "desire");

    g_assert_cmpuint (in_deck->len, ==, 0);
    g_assert_cmpuint (eligible->len, ==, 0);
    for (guint i = 0; i < found->len; i++)
      g_assert_cmpint (closeness_prompt_get_deck_id (g_ptr_array_index (found, i)), !=, desire_id);
    g_assert_cmpuint (found_open->len, >, found->len);
  }
  closeness_conversation_count_progress (prompts, &closed, desire_id, &discussed, &total);
  g_assert_cmpuint (total, ==, 0);
}

/* Prompt of the day */

static void
test_prompt_of_the_day (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(GError) error = NULL;
  GListModel *prompts = closeness_store_get_prompts (store);
  g_autoptr(GPtrArray) picks = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ClosenessDeck) deck = closeness_test_find_deck (store, "play");
  g_autoptr(ClosenessPrompt) custom = NULL;
  g_autoptr(GDateTime) evening = NULL;
  g_autoptr(GDateTime) morning = NULL;
  g_autofree char *evening_day = NULL;
  g_autofree char *morning_day = NULL;
  guint changed = 0;

  /* The same all day: the day comes from the local date, not the hour. */
  evening = g_date_time_new_local (2026, 11, 21, 23, 59, 59);
  morning = g_date_time_new_local (2026, 11, 21, 0, 0, 1);
  evening_day = closeness_conversation_day_string (evening);
  morning_day = closeness_conversation_day_string (morning);
  g_assert_cmpstr (evening_day, ==, "2026-11-21");
  g_assert_cmpstr (morning_day, ==, evening_day);
  g_assert_cmpuint (closeness_conversation_seconds_to_midnight (evening), ==, 1);

  for (guint d = 0; d < 30; d++)
    {
      g_autofree char *day = closeness_conversation_day_add ("2026-11-01", d);
      g_autoptr(ClosenessPrompt) first =
        closeness_conversation_prompt_of_the_day (prompts, UP_TO (CLOSENESS_INTENSITY_WARM), day);
      g_autoptr(ClosenessPrompt) again =
        closeness_conversation_prompt_of_the_day (prompts, UP_TO (CLOSENESS_INTENSITY_WARM), day);

      g_assert_true (first == again);
      g_ptr_array_add (picks, g_steal_pointer (&first));
    }
  /* Different across days: a month shows many different questions. */
  {
    g_autoptr(GHashTable) distinct = g_hash_table_new (NULL, NULL);

    for (guint i = 0; i < picks->len; i++)
      g_hash_table_add (distinct, g_ptr_array_index (picks, i));
    g_assert_cmpuint (g_hash_table_size (distinct), >=, 20);
  }

  /* Adding an unrelated prompt keeps each day's pick, unless the new one wins. */
  custom =
    closeness_store_create_prompt (store, record_id (deck), "What game would you invent for us?",
                                   NULL, CLOSENESS_INTENSITY_GENTLE, &error);
  g_assert_no_error (error);
  for (guint d = 0; d < picks->len; d++)
    {
      g_autofree char *day = closeness_conversation_day_add ("2026-11-01", d);
      g_autoptr(ClosenessPrompt) now =
        closeness_conversation_prompt_of_the_day (prompts, UP_TO (CLOSENESS_INTENSITY_WARM), day);

      if (now != g_ptr_array_index (picks, d))
        {
          g_assert_true (record_id (now) == record_id (custom));
          changed++;
        }
    }
  g_assert_cmpuint (changed, <=, 2);
}

/* Drawing */

/* The window chooses tonight's question from the prompts' keys before it
 * loads the prompts: both ways must always agree. */
static void
test_pick_of_the_day_matches_model (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(ClosenessStore) fresh = NULL;
  g_autoptr(ClosenessDeck) deck = NULL;
  g_autoptr(ClosenessPrompt) gone = NULL;
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *prompts;
  guint n_custom_picks = 0;

  /* A couple's own deck and prompts, one of them deleted again. */
  deck = closeness_store_create_deck (store, "Ours", "", &error);
  g_assert_no_error (error);
  for (ClosenessIntensity i = CLOSENESS_INTENSITY_GENTLE; i <= CLOSENESS_INTENSITY_SPICY; i++)
    for (guint n = 0; n < 20; n++)
      {
        g_autofree char *text = g_strdup_printf ("Our question %u at %d?", n, i);
        g_autoptr(ClosenessPrompt) prompt =
          closeness_store_create_prompt (store, record_id (deck), text, NULL, i, &error);
        g_assert_no_error (error);
        if (n == 0 && i == CLOSENESS_INTENSITY_GENTLE)
          gone = g_object_ref (prompt);
      }
  g_assert_true (closeness_store_delete_prompt (store, record_id (gone), &error));
  g_assert_no_error (error);

  /* A second connection, as at start-up: nothing loaded yet. */
  fresh = closeness_store_new (closeness_store_get_path (store), &error);
  g_assert_no_error (error);
  keys = closeness_store_get_prompt_keys (fresh, &error);
  g_assert_no_error (error);
  g_assert_nonnull (keys);

  /* Loaded alone, a prompt is the same as in the model loaded later. */
  {
    const ClosenessPromptKey *first = &g_array_index (keys, ClosenessPromptKey, 0);
    g_autoptr(ClosenessPrompt) alone = closeness_store_get_prompt (fresh, first->id);
    g_autoptr(ClosenessPrompt) in_model = NULL;

    g_assert_nonnull (alone);
    g_assert_null (closeness_store_get_prompt (fresh, record_id (gone)));
    g_assert_null (closeness_store_get_prompt (fresh, 999999));
    prompts = closeness_store_get_prompts (fresh);
    in_model = g_list_model_get_item (prompts, 0);
    g_assert_cmpint (record_id (alone), ==, record_id (in_model));
    g_assert_cmpstr (closeness_prompt_get_text (alone), ==, closeness_prompt_get_text (in_model));
    g_assert_cmpint (closeness_prompt_get_intensity (alone), ==,
                     closeness_prompt_get_intensity (in_model));
  }

  g_assert_cmpuint (keys->len, ==, g_list_model_get_n_items (prompts));
  for (ClosenessIntensity ceiling = CLOSENESS_INTENSITY_GENTLE;
       ceiling <= CLOSENESS_INTENSITY_SPICY; ceiling++)
    for (guint d = 0; d < 120; d++)
      {
        g_autofree char *day = closeness_conversation_day_add ("2026-01-01", d);
        g_autoptr(ClosenessPrompt) from_model =
          closeness_conversation_prompt_of_the_day (prompts, UP_TO (ceiling), day);
        gint64 from_keys = closeness_conversation_pick_of_the_day (keys, UP_TO (ceiling), day);

        g_assert_nonnull (from_model);
        g_assert_cmpint (from_keys, ==, record_id (from_model));
        if (closeness_prompt_get_builtin_key (from_model) == NULL)
          n_custom_picks++;
      }
  /* The couple's own prompts take part too. */
  g_assert_cmpuint (n_custom_picks, >, 0);

  /* Nothing eligible: no pick either way. */
  {
    g_autoptr(GArray) none = g_array_new (FALSE, TRUE, sizeof (ClosenessPromptKey));

    g_assert_cmpint (closeness_conversation_pick_of_the_day (none,
                                                             UP_TO (CLOSENESS_INTENSITY_SPICY),
                                                             "2026-01-01"),
                     ==, 0);
  }
}

static gboolean
keys_have (GArray             *keys,
           gint64              id,
           ClosenessIntensity  intensity)
{
  for (guint i = 0; i < keys->len; i++)
    {
      const ClosenessPromptKey *key = &g_array_index (keys, ClosenessPromptKey, i);

      if (key->id == id)
        return key->intensity == intensity;
    }

  return FALSE;
}

/* The store keeps the keys it read until the data changes: tonight's
 * question must follow an edit made here or by another program. */
static void
test_prompt_keys_follow_changes (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(ClosenessStore) other = NULL;
  g_autoptr(ClosenessDeck) deck = closeness_test_find_deck (store, "appreciation");
  g_autoptr(ClosenessPrompt) ours = NULL;
  g_autoptr(ClosenessPrompt) theirs = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) again = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  before = closeness_store_get_prompt_keys (store, &error);
  g_assert_no_error (error);
  n = before->len;
  again = closeness_store_get_prompt_keys (store, &error);
  g_assert_no_error (error);
  g_assert_true (again == before);

  /* Added here: in the next keys. */
  ours =
    closeness_store_create_prompt (store, record_id (deck), "What did I do lately that you liked?",
                                   NULL, CLOSENESS_INTENSITY_GENTLE, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GArray) keys = closeness_store_get_prompt_keys (store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (keys->len, ==, n + 1);
    g_assert_true (keys_have (keys, record_id (ours), CLOSENESS_INTENSITY_GENTLE));
  }
  /* The keys handed out before are left as they were. */
  g_assert_cmpuint (before->len, ==, n);

  /* Changed here. */
  g_assert_true (closeness_store_update_prompt (store, record_id (ours),
                                                "What did I do lately that you liked?", NULL,
                                                CLOSENESS_INTENSITY_WARM, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GArray) keys = closeness_store_get_prompt_keys (store, &error);

    g_assert_true (keys_have (keys, record_id (ours), CLOSENESS_INTENSITY_WARM));
  }

  /* Added by another program (a second connection), seen after the check
   * the store runs when the file changes. */
  other = closeness_store_new (closeness_store_get_path (store), &error);
  g_assert_no_error (error);
  theirs = closeness_store_create_prompt (other, record_id (deck),
                                          "Which small habit of mine do you like?", NULL,
                                          CLOSENESS_INTENSITY_GENTLE, &error);
  g_assert_no_error (error);
  closeness_store_check_for_changes (store);
  {
    g_autoptr(GArray) keys = closeness_store_get_prompt_keys (store, &error);

    g_assert_cmpuint (keys->len, ==, n + 2);
    g_assert_true (keys_have (keys, record_id (theirs), CLOSENESS_INTENSITY_GENTLE));
  }

  /* Deleted here: gone from the keys. */
  g_assert_true (closeness_store_delete_prompt (store, record_id (ours), &error));
  g_assert_no_error (error);
  {
    g_autoptr(GArray) keys = closeness_store_get_prompt_keys (store, &error);

    g_assert_cmpuint (keys->len, ==, n + 1);
    g_assert_false (keys_have (keys, record_id (ours), CLOSENESS_INTENSITY_WARM));
  }
}

static void
test_draw_avoids_recent (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  GListModel *prompts = closeness_store_get_prompts (store);
  g_autoptr(ClosenessDeck) deck = closeness_test_find_deck (store, "appreciation");
  g_autoptr(GPtrArray) in_deck = NULL;
  g_autoptr(GArray) recent = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  gint64 deck_id = record_id (deck);
  gint64 fresh[3];
  gboolean all_seen;

  in_deck =
    closeness_conversation_eligible (prompts, UP_TO (CLOSENESS_INTENSITY_WARM), &deck_id, 1);
  g_assert_cmpuint (in_deck->len, >, 5);

  /* Everything but three cards was seen lately, through the store. */
  for (guint i = 0; i < in_deck->len; i++)
    {
      gint64 id = record_id (g_ptr_array_index (in_deck, i));

      if (i < 3)
        fresh[i] = id;
      else
        g_assert_true (closeness_store_mark_seen (store, id, "2026-11-10", &error));
    }
  g_assert_no_error (error);

  g_array_unref (recent);
  recent = closeness_store_dup_seen_since (store, "2026-10-24");
  g_assert_cmpuint (recent->len, ==, in_deck->len - 3);

  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(ClosenessPrompt) prompt = NULL;
      gint64 id;

      prompt = closeness_conversation_draw (prompts, UP_TO (CLOSENESS_INTENSITY_WARM), &deck_id, 1,
                                            recent, fresh[0], rand, &all_seen);
      id = record_id (prompt);
      g_assert_false (all_seen);
      /* Never a recent one, never the card already on the table. */
      g_assert_true (id == fresh[1] || id == fresh[2]);
    }

  /* Seen long ago no longer counts as recent. */
  {
    g_autoptr(GArray) later = closeness_store_dup_seen_since (store, "2026-12-01");
    g_assert_cmpuint (later->len, ==, 0);
  }

  /* Everything seen: still a card, and the caller learns it is a repeat. */
  for (guint i = 0; i < 3; i++)
    g_array_append_val (recent, fresh[i]);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(ClosenessPrompt) prompt = NULL;

      prompt = closeness_conversation_draw (prompts, UP_TO (CLOSENESS_INTENSITY_WARM), &deck_id, 1,
                                            recent, fresh[0], rand, &all_seen);
      g_assert_nonnull (prompt);
      g_assert_true (all_seen);
      g_assert_cmpint (record_id (prompt), !=, fresh[0]);
    }

  /* A deck with nothing under the ceiling gives nothing. */
  {
    g_autoptr(ClosenessDeck) custom =
      closeness_store_create_deck (store, "Only spicy", NULL, &error);
    g_autoptr(ClosenessPrompt) spicy = NULL;
    g_autoptr(ClosenessPrompt) none = NULL;
    gint64 custom_id = record_id (custom);

    spicy = closeness_store_create_prompt (store, custom_id, "What would you like to try?", NULL,
                                           CLOSENESS_INTENSITY_SPICY, &error);
    g_assert_no_error (error);
    none = closeness_conversation_draw (prompts, UP_TO (CLOSENESS_INTENSITY_WARM), &custom_id, 1,
                                        NULL, 0, rand, &all_seen);
    g_assert_null (none);
  }
}

/* Reveal */

static void
test_reveal_states (void)
{
  ClosenessRevealState state;

  state = closeness_reveal_state_get (0, FALSE);
  g_assert_cmpint (state, ==, CLOSENESS_REVEAL_NOBODY_ANSWERED);
  g_assert_false (closeness_reveal_state_can_reveal (state));
  g_assert_false (closeness_reveal_state_has_answered (state, 0));
  g_assert_false (closeness_reveal_state_shows_answer (state, 0, -1));
  /* Asking to reveal early changes nothing. */
  g_assert_cmpint (closeness_reveal_state_get (0, TRUE), ==, CLOSENESS_REVEAL_NOBODY_ANSWERED);

  state = closeness_reveal_state_get (1, FALSE);
  g_assert_cmpint (state, ==, CLOSENESS_REVEAL_FIRST_ANSWERED);
  g_assert_true (closeness_reveal_state_has_answered (state, 0));
  g_assert_false (closeness_reveal_state_has_answered (state, 1));
  g_assert_false (closeness_reveal_state_can_reveal (state));
  /* The second partner learns the first answered, but never reads it. */
  g_assert_false (closeness_reveal_state_shows_answer (state, 0, 1));
  g_assert_false (closeness_reveal_state_shows_answer (state, 0, -1));
  /* The writer sees their own answer. */
  g_assert_true (closeness_reveal_state_shows_answer (state, 0, 0));
  g_assert_cmpint (closeness_reveal_state_get (1, TRUE), ==, CLOSENESS_REVEAL_FIRST_ANSWERED);

  state = closeness_reveal_state_get (2, FALSE);
  g_assert_cmpint (state, ==, CLOSENESS_REVEAL_SECOND_ANSWERED);
  g_assert_true (closeness_reveal_state_has_answered (state, 1));
  g_assert_false (closeness_reveal_state_shows_answer (state, 1, 0));

  state = closeness_reveal_state_get (3, FALSE);
  g_assert_cmpint (state, ==, CLOSENESS_REVEAL_READY);
  g_assert_true (closeness_reveal_state_can_reveal (state));
  g_assert_false (closeness_reveal_state_shows_answer (state, 0, 1));
  g_assert_false (closeness_reveal_state_shows_answer (state, 1, 0));

  state = closeness_reveal_state_get (3, TRUE);
  g_assert_cmpint (state, ==, CLOSENESS_REVEAL_REVEALED);
  g_assert_false (closeness_reveal_state_can_reveal (state));
  g_assert_true (closeness_reveal_state_shows_answer (state, 0, -1));
  g_assert_true (closeness_reveal_state_shows_answer (state, 1, -1));
}

/* Search, progress, bad input */

static void
test_search_folds_case_and_accents (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(ClosenessDeck) deck = closeness_test_find_deck (store, "dreams");
  g_autoptr(ClosenessPrompt) custom = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folded = closeness_text_fold ("Ünïcödé CAFÉ");
  GListModel *prompts = closeness_store_get_prompts (store);

  g_assert_cmpstr (folded, ==, "unicode cafe");

  custom = closeness_store_create_prompt (store, record_id (deck),
                                          "¿Qué crème brûlée compartiríamos en Lisboa?",
                                          "Élégant follow-up", CLOSENESS_INTENSITY_GENTLE, &error);
  g_assert_no_error (error);

  {
    g_autoptr(GPtrArray) hits =
      closeness_conversation_search (prompts, UP_TO (CLOSENESS_INTENSITY_WARM), "BRULEE");
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_true (g_ptr_array_index (hits, 0) == custom);
  }
  {
    /* Follow-ups are searched too. */
    g_autoptr(GPtrArray) hits =
      closeness_conversation_search (prompts, UP_TO (CLOSENESS_INTENSITY_WARM), "elegant");
    g_assert_cmpuint (hits->len, ==, 1);
  }
  {
    g_autoptr(GPtrArray) hits =
      closeness_conversation_search (prompts, UP_TO (CLOSENESS_INTENSITY_WARM), "   ");
    g_assert_cmpuint (hits->len, ==, 0);
  }
  {
    g_autoptr(GPtrArray) hits =
      closeness_conversation_search (prompts, UP_TO (CLOSENESS_INTENSITY_WARM), "xyzzy-nothing");
    g_assert_cmpuint (hits->len, ==, 0);
  }
}

static void
test_deck_progress (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(ClosenessDeck) deck = closeness_test_find_deck (store, "rituals");
  GListModel *prompts = closeness_store_get_prompts (store);
  g_autoptr(GPtrArray) in_deck = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint discussed, total;

  in_deck = closeness_conversation_deck_prompts (prompts, UP_TO (CLOSENESS_INTENSITY_WARM),
                                                 record_id (deck));
  closeness_conversation_count_progress (prompts, UP_TO (CLOSENESS_INTENSITY_WARM),
                                         record_id (deck), &discussed, &total);
  g_assert_cmpuint (discussed, ==, 0);
  g_assert_cmpuint (total, ==, in_deck->len);

  g_assert_true (closeness_store_mark_discussed (store, record_id (g_ptr_array_index (in_deck, 0)),
                                                 "2026-11-20", &error));
  g_assert_true (closeness_store_mark_discussed (store, record_id (g_ptr_array_index (in_deck, 0)),
                                                 "2026-11-21", &error));
  g_assert_true (closeness_store_mark_discussed (store, record_id (g_ptr_array_index (in_deck, 1)),
                                                 "2026-11-21", &error));
  g_assert_no_error (error);

  closeness_conversation_count_progress (prompts, UP_TO (CLOSENESS_INTENSITY_WARM),
                                         record_id (deck), &discussed, &total);
  g_assert_cmpuint (discussed, ==, 2);
  g_assert_cmpuint (total, ==, in_deck->len);

  /* The same counts from the prompts' keys, for every ceiling and deck. */
  {
    GListModel *decks = closeness_store_get_decks (store);
    g_autoptr(GArray) keys = closeness_store_get_prompt_keys (store, &error);

    g_assert_no_error (error);
    for (ClosenessIntensity ceiling = CLOSENESS_INTENSITY_GENTLE;
         ceiling <= CLOSENESS_INTENSITY_SPICY; ceiling++)
      for (guint i = 0; i < g_list_model_get_n_items (decks); i++)
        {
          g_autoptr(ClosenessDeck) each = g_list_model_get_item (decks, i);
          guint from_keys_discussed, from_keys_total;

          closeness_conversation_count_progress (prompts, UP_TO (ceiling), record_id (each),
                                                 &discussed, &total);
          closeness_conversation_count_progress_keys (keys, UP_TO (ceiling), record_id (each),
                                                      &from_keys_discussed, &from_keys_total);
          g_assert_cmpuint (from_keys_discussed, ==, discussed);
          g_assert_cmpuint (from_keys_total, ==, total);
        }

    closeness_conversation_count_progress_keys (keys, UP_TO (CLOSENESS_INTENSITY_WARM),
                                                record_id (deck), &discussed, &total);
    g_assert_cmpuint (discussed, ==, 2);
    g_assert_cmpuint (total, ==, in_deck->len);
  }

  text = closeness_conversation_format_progress (12, 30);
  g_assert_cmpstr (text, ==, "12 of 30 discussed");
}

static void
test_custom_bad_input (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessDeck) deck = NULL;
  g_autoptr(ClosenessPrompt) prompt = NULL;
  g_autoptr(ClosenessPrompt) empty = NULL;
  g_autoptr(ClosenessDeck) unnamed = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  const char *rtl = "מה הדבר הקטן שגורם לך להרגיש אהוב? ما الذي يجعلك تشعر بالحب؟ 💞🫶🏽";

  while (g_utf8_strlen (long_text->str, -1) < 10000)
    g_string_append (long_text, "Long text with emoji 🌙 and right-to-left ");
  g_string_truncate (long_text, 10000);
  g_assert_true (g_utf8_validate (long_text->str, -1, NULL));

  deck = closeness_store_create_deck (store, "Our deck 🌱 عربى", rtl, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (closeness_deck_get_display_name (deck), ==, "Our deck 🌱 عربى");
  g_assert_cmpstr (closeness_deck_get_display_description (deck), ==, rtl);

  prompt = closeness_store_create_prompt (store, record_id (deck), long_text->str, rtl,
                                          CLOSENESS_INTENSITY_GENTLE, &error);
  g_assert_no_error (error);
  /* Custom text is shown exactly as typed, never run through gettext. */
  g_assert_cmpstr (closeness_prompt_get_display_text (prompt), ==, long_text->str);
  g_assert_cmpstr (closeness_prompt_get_display_follow_up (prompt), ==, rtl);

  empty = closeness_store_create_prompt (store, record_id (deck), "   \n ", NULL,
                                         CLOSENESS_INTENSITY_GENTLE, &error);
  g_assert_null (empty);
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  unnamed = closeness_store_create_deck (store, "", NULL, &error);
  g_assert_null (unnamed);
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
}

static void
test_days (void)
{
  g_autofree char *a = closeness_conversation_day_add ("2026-03-01", -1);
  g_autofree char *b = closeness_conversation_day_add ("2026-12-31", 1);
  g_autofree char *c = closeness_conversation_day_add ("garbage", 1);
  g_autofree char *d = closeness_conversation_format_day ("2026-11-21");
  g_autofree char *t = closeness_talk_timer_format (185);

  g_assert_cmpstr (a, ==, "2026-02-28");
  g_assert_cmpstr (b, ==, "2027-01-01");
  g_assert_null (c);
  g_assert_cmpstr (d, ==, "21 November 2026");
  g_assert_cmpstr (t, ==, "3:05");
}

static void
test_isolate_name (void)
{
  g_autofree char *latin = closeness_isolate_name ("Alex");
  g_autofree char *hebrew = closeness_isolate_name ("נועה");
  g_autofree char *empty = closeness_isolate_name (NULL);
  g_autofree char *sentence = NULL;
  gunichar *chars;
  glong n;

  g_assert_cmpstr (latin, ==, "\xe2\x81\xa8" "Alex" "\xe2\x81\xa9");
  g_assert_cmpstr (empty, ==, "\xe2\x81\xa8\xe2\x81\xa9");
  g_assert_true (g_utf8_validate (hebrew, -1, NULL));

  /* The name sits between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE,
   * so “נועה has answered.” keeps its period at the end of the sentence. */
  chars = g_utf8_to_ucs4 (hebrew, -1, NULL, &n, NULL);
  g_assert_cmpint (n, ==, 6);
  g_assert_cmpuint (chars[0], ==, 0x2068);
  g_assert_cmpuint (chars[1], ==, 0x05E0);
  g_assert_cmpuint (chars[5], ==, 0x2069);
  g_free (chars);

  sentence = g_strdup_printf ("%s has answered.", hebrew);
  g_assert_true (g_str_has_suffix (sentence, "\xe2\x81\xa9 has answered."));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/conversations/library/counts", test_library_counts);
  g_test_add_func ("/conversations/library/validation", test_library_validation);
  g_test_add_func ("/conversations/library/sync-noop-is-fast", test_library_sync_noop_is_fast);
  g_test_add_func ("/conversations/library/upgrade-keeps-user-data",
                   test_library_upgrade_keeps_user_data);
  g_test_add_func ("/conversations/library/removal-retires", test_library_removal_retires);
  g_test_add_func ("/conversations/ceiling/settings", test_settings_ceiling);
  g_test_add_func ("/conversations/desire/settings", test_settings_desire);
  g_test_add_func ("/conversations/desire/closed-everywhere", test_closed_deck_everywhere);
  g_test_add_func ("/conversations/ceiling/everywhere", test_ceiling_everywhere);
  g_test_add_func ("/conversations/prompt-of-the-day", test_prompt_of_the_day);
  g_test_add_func ("/conversations/prompt-of-the-day/from-keys",
                   test_pick_of_the_day_matches_model);
  g_test_add_func ("/conversations/prompt-of-the-day/keys-follow-changes",
                   test_prompt_keys_follow_changes);
  g_test_add_func ("/conversations/draw/avoids-recent", test_draw_avoids_recent);
  g_test_add_func ("/conversations/reveal/states", test_reveal_states);
  g_test_add_func ("/conversations/search/folds-case-and-accents",
                   test_search_folds_case_and_accents);
  g_test_add_func ("/conversations/deck-progress", test_deck_progress);
  g_test_add_func ("/conversations/custom/bad-input", test_custom_bad_input);
  g_test_add_func ("/conversations/days", test_days);
  g_test_add_func ("/conversations/isolate-name", test_isolate_name);

  return g_test_run ();
}
