/* test-conversations-prompt.c: one question of the Conversations page, under Xvfb:
 * drawing it, answering, revealing the answers, answers from the other
 * laptop, "not tonight", the talk timer and the partners' colours.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include <string.h>

#include "closeness-button-row.h"
#include "closeness-test-utils.h"
#include "conversations-test-fixture.h"
#include "conversations/closeness-conversations-page-private.h"
#include "conversations/closeness-talk-timer.h"

/* A partner's name as it appears inside a sentence: in Unicode isolates. */
#define ISOLATED(name) "\xe2\x81\xa8" name "\xe2\x81\xa9"

static void
type_text (GtkTextView *view,
           const char  *text)
{
  gtk_widget_grab_focus (GTK_WIDGET (view));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static char *
buffer_text (GtkTextView *view)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);

  return gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE);
}

/* Conditions to wait for, instead of a guessed time. */

static gboolean
no_message_dialog_cond (gpointer user_data)
{
  return conversations_test_find_message_dialog () == NULL;
}

/* Sam answered on his own laptop (couple sync keeps only a note that a
 * sealed answer is there): the card says so, offers no button to write
 * Sam's answer here, and tells Alex how both answers open. */
static void
test_answered_elsewhere (Fixture       *fixture,
                         gconstpointer  data)
{
  ClosenessPromptView *view = conversations_test_get_prompt_view (fixture);
  g_autoptr(GHashTable) states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  GListModel *prompts = closeness_store_get_prompts (fixture->store);
  AdwActionRow *second_row = conversations_test_view_child (fixture, "second_answer_row");
  GtkLabel *hint = conversations_test_view_child (fixture, "reveal_hint_label");

  for (guint i = 0; i < g_list_model_get_n_items (prompts); i++)
    {
      g_autoptr(ClosenessPrompt) prompt = g_list_model_get_item (prompts, i);

      if (closeness_prompt_get_builtin_key (prompt) != NULL)
        g_hash_table_insert (states,
                             g_strdup_printf ("sealed:answer:b-%s:1",
                                              closeness_prompt_get_builtin_key (prompt)),
                             (gpointer) "019b76daa800-0000-0000000000000002");
    }
  g_assert_true (closeness_store_couple_set_states (fixture->store, states, &error));
  g_assert_no_error (error);

  conversations_test_click (conversations_test_page_child (fixture, "draw_button"));
  closeness_test_settle ();
  g_assert_nonnull (closeness_prompt_view_get_prompt (view));
  g_assert_cmpstr (adw_action_row_get_subtitle (second_row), ==,
                   "Answered on another computer — answer to reveal");
  g_assert_false (
    gtk_widget_get_visible (conversations_test_view_child (fixture, "second_answer_button")));
  g_assert_true (
    gtk_widget_get_visible (conversations_test_view_child (fixture, "first_answer_button")));
  g_assert_cmpstr (gtk_label_get_text (hint), ==,
                   ISOLATED ("Sam") " answered on another computer. Write your answer, and both open once it is synced.");
  g_assert_false (
    gtk_widget_is_sensitive (conversations_test_view_child (fixture, "reveal_button")));
  closeness_test_assert_labels_fit (GTK_WIDGET (view), FALSE);
  {
    g_autofree char *wide =
      closeness_test_screenshot (GTK_WIDGET (fixture->window), "answered-elsewhere");
    g_autofree char *narrow = NULL;

    g_assert_nonnull (wide);
    closeness_test_resize (fixture->window, 360, 720);
    closeness_test_assert_labels_fit (GTK_WIDGET (view), FALSE);
    narrow = closeness_test_screenshot (GTK_WIDGET (fixture->window), "answered-elsewhere-360");
    g_assert_nonnull (narrow);
  }
}

/* The partner's sealed answer arrives while the card is open: a sync in
 * another process notes it, and the card says so without being reopened. */
static void
test_answered_elsewhere_arrives (Fixture       *fixture,
                                 gconstpointer  data)
{
  AdwActionRow *second_row = conversations_test_view_child (fixture, "second_answer_row");
  g_autoptr(GHashTable) states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) sync = NULL;
  ClosenessPrompt *prompt;

  conversations_test_click (conversations_test_page_child (fixture, "draw_button"));
  closeness_test_settle ();
  prompt = closeness_prompt_view_get_prompt (conversations_test_get_prompt_view (fixture));
  g_assert_nonnull (prompt);
  g_assert_cmpstr (adw_action_row_get_subtitle (second_row), !=,
                   "Answered on another computer — answer to reveal");

  /* The sync's own connection, as `closeness --sync` would have it. */
  sync = closeness_store_new (closeness_store_get_path (fixture->store), &error);
  g_assert_no_error (error);
  g_assert_nonnull (closeness_prompt_get_builtin_key (prompt));
  g_hash_table_insert (states,
                       g_strdup_printf ("sealed:answer:b-%s:1",
                                        closeness_prompt_get_builtin_key (prompt)),
                       (gpointer) "019b76daa800-0000-0000000000000002");
  g_assert_true (closeness_store_couple_set_states (sync, states, &error));
  closeness_store_check_for_changes (fixture->store);
  g_assert_cmpstr (adw_action_row_get_subtitle (second_row), ==,
                   "Answered on another computer — answer to reveal");
  g_assert_false (
    gtk_widget_get_visible (conversations_test_view_child (fixture, "second_answer_button")));
}

static void
test_draw_favourite_answer_reveal (Fixture       *fixture,
                                   gconstpointer  data)
{
  ClosenessPromptView *view = conversations_test_get_prompt_view (fixture);
  ClosenessPrompt *prompt;
  GtkButton *reveal = conversations_test_view_child (fixture, "reveal_button");
  GtkLabel *hint = conversations_test_view_child (fixture, "reveal_hint_label");
  AdwActionRow *first_row = conversations_test_view_child (fixture, "first_answer_row");
  AdwActionRow *second_row = conversations_test_view_child (fixture, "second_answer_row");
  GtkTextView *first_view = conversations_test_view_child (fixture, "first_answer_view");
  GtkTextView *second_view = conversations_test_view_child (fixture, "second_answer_view");
  GtkWidget *revealed = conversations_test_view_child (fixture, "revealed_box");
  g_autoptr(GListModel) answers = NULL;
  g_autofree char *shown = NULL;
  gint64 id;

  /* Draw a card. */
  conversations_test_click (conversations_test_page_child (fixture, "draw_button"));
  closeness_test_settle ();
  g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "prompt");
  prompt = closeness_prompt_view_get_prompt (view);
  g_assert_nonnull (prompt);
  g_assert_cmpint (closeness_prompt_get_intensity (prompt), <=, CLOSENESS_INTENSITY_WARM);
  g_assert_cmpstr (gtk_label_get_text (
                     GTK_LABEL (conversations_test_view_child (fixture, "text_label"))),
                   ==, closeness_prompt_get_display_text (prompt));
  id = closeness_record_get_id (CLOSENESS_RECORD (prompt));
  {
    g_autoptr(GArray) seen = closeness_store_dup_seen_since (fixture->store, "2000-01-01");
    g_assert_cmpuint (seen->len, ==, 1);
    g_assert_cmpint (g_array_index (seen, gint64, 0), ==, id);
  }

  /* A screen reader names each answer box by the line above it (whose
   * answer, private while written), not as a bare text view. */
  for (guint slot = 0; slot < 2; slot++)
    {
      GtkWidget *box = GTK_WIDGET (slot == 0 ? first_view : second_view);
      GtkWidget *label = conversations_test_view_child (fixture, slot == 0 ? "first_writing_label"
                                                                            : "second_writing_label");

      gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (box),
                                           GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL);
    }

  /* Favourite it: a toggle (its pressed state is what a screen reader
   * announces) that keeps its width, so nothing next to it jumps. */
  {
    GtkWidget *favourite = conversations_test_view_child (fixture, "favourite_button");
    int width_before = gtk_widget_get_width (favourite);

    g_assert_true (GTK_IS_TOGGLE_BUTTON (favourite));
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (favourite)));
    conversations_test_click (favourite);
    g_assert_true (closeness_prompt_get_favourite (prompt));
    g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (favourite)));
    g_assert_cmpint (gtk_widget_get_width (favourite), ==, width_before);
  }

  /* Nobody answered: nothing to reveal yet. */
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (reveal)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first_row)), ==, "Alex");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (second_row)), ==, "Sam");
  g_assert_cmpstr (adw_action_row_get_subtitle (first_row), ==, "Not answered yet");

  /* Alex writes and presses Done. */
  conversations_test_click (conversations_test_view_child (fixture, "first_answer_button"));
  g_assert_true (gtk_revealer_get_reveal_child (
    conversations_test_view_child (fixture, "first_answer_revealer")));
  g_assert_false (gtk_revealer_get_reveal_child (
    conversations_test_view_child (fixture, "second_answer_revealer")));
  type_text (first_view, "I changed my mind about mornings 🌅");
  conversations_test_click (conversations_test_view_child (fixture, "first_done_button"));
  answers = closeness_store_get_answers (fixture->store, id);
  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 1);

  /* Sam only learns that Alex answered: the text is nowhere on screen. */
  g_assert_cmpstr (adw_action_row_get_subtitle (first_row), ==, "Answered");
  g_assert_cmpstr (adw_action_row_get_subtitle (second_row), ==, "Not answered yet");
  g_assert_cmpstr (gtk_label_get_text (hint), ==,
                   ISOLATED ("Alex") " has answered. Waiting for " ISOLATED ("Sam") ".");
  shown = buffer_text (first_view);
  g_assert_cmpstr (shown, ==, "");
  g_assert_false (gtk_widget_get_visible (revealed));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (reveal)));

  /* “Edit Answer” on Alex's row first asks who is at the screen: Cancel
   * shows nothing; only “Open Answer” shows the text again. */
  g_assert_cmpstr (gtk_button_get_label (
                     conversations_test_view_child (fixture, "first_answer_button")),
                   ==, "_Edit Answer");
  conversations_test_click (conversations_test_view_child (fixture, "first_answer_button"));
  {
    AdwMessageDialog *dialog = conversations_test_find_message_dialog ();

    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                     "Is This You, " ISOLATED ("Alex") "?");
    g_assert_false (gtk_revealer_get_reveal_child (
      conversations_test_view_child (fixture, "first_answer_revealer")));
    g_clear_pointer (&shown, g_free);
    shown = buffer_text (first_view);
    g_assert_cmpstr (shown, ==, "");
    conversations_test_click (
      conversations_test_find_widget_with_text (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Cancel"));
    closeness_test_wait_until (no_message_dialog_cond, NULL, "the dialog to close");
    g_assert_null (conversations_test_find_message_dialog ());
    g_assert_false (gtk_revealer_get_reveal_child (
      conversations_test_view_child (fixture, "first_answer_revealer")));

    conversations_test_click (conversations_test_view_child (fixture, "first_answer_button"));
    dialog = conversations_test_find_message_dialog ();
    g_assert_nonnull (dialog);
    conversations_test_click (conversations_test_find_widget_with_text (GTK_WIDGET (dialog),
                                                                        GTK_TYPE_BUTTON,
                                                                        "_Open Answer"));
    closeness_test_wait_until (no_message_dialog_cond, NULL, "the dialog to close");
    g_assert_null (conversations_test_find_message_dialog ());
    g_assert_true (gtk_revealer_get_reveal_child (
      conversations_test_view_child (fixture, "first_answer_revealer")));
    g_clear_pointer (&shown, g_free);
    shown = buffer_text (first_view);
    g_assert_cmpstr (shown, ==, "I changed my mind about mornings 🌅");
    conversations_test_click (conversations_test_view_child (fixture, "first_done_button"));
    g_clear_pointer (&shown, g_free);
    shown = buffer_text (first_view);
    g_assert_cmpstr (shown, ==, "");
  }

  /* Sam writes; it saves itself after a pause, without Done. */
  conversations_test_click (conversations_test_view_child (fixture, "second_answer_button"));
  g_assert_true (gtk_revealer_get_reveal_child (
    conversations_test_view_child (fixture, "second_answer_revealer")));
  g_clear_pointer (&shown, g_free);
  shown = buffer_text (second_view);
  g_assert_cmpstr (shown, ==, "");
  type_text (second_view, "Quiet evenings, and you reading aloud.");
  closeness_test_wait_for_n_items (answers, 2);
  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 2);
  conversations_test_click (conversations_test_view_child (fixture, "second_done_button"));

  /* Both answered: Reveal Together. */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (reveal)));
  conversations_test_click (reveal);
  g_assert_true (closeness_prompt_view_get_revealed (view));
  g_assert_true (gtk_widget_get_visible (revealed));
  g_assert_nonnull (
    conversations_test_find_widget_with_text (revealed, GTK_TYPE_LABEL,
                                              "I changed my mind about mornings 🌅"));
  g_assert_nonnull (
    conversations_test_find_widget_with_text (revealed, GTK_TYPE_LABEL,
                                              "Quiet evenings, and you reading aloud."));
  {
    GtkAdjustment *adjustment;

    adjustment = gtk_scrolled_window_get_vadjustment (
      conversations_test_view_child (fixture, "scrolled_window"));
    closeness_test_wait_for_drawn (conversations_test_view_child (fixture, "scrolled_window"));
    gtk_adjustment_set_value (adjustment, 330);
  }

  /* Side by side when wide, stacked when narrow. */
  {
    GtkWidget *a = gtk_widget_get_first_child (revealed);
    GtkWidget *b = gtk_widget_get_next_sibling (a);
    graphene_point_t pa, pb;

    g_assert_true (
      gtk_widget_compute_point (GTK_WIDGET (a), revealed, &GRAPHENE_POINT_INIT (0, 0), &pa));
    g_assert_true (
      gtk_widget_compute_point (GTK_WIDGET (b), revealed, &GRAPHENE_POINT_INIT (0, 0), &pb));
    g_assert_cmpfloat (pa.y, ==, pb.y);

    closeness_test_resize (fixture->window, 360, 640);
    g_assert_true (
      gtk_widget_compute_point (GTK_WIDGET (a), revealed, &GRAPHENE_POINT_INIT (0, 0), &pa));
    g_assert_true (
      gtk_widget_compute_point (GTK_WIDGET (b), revealed, &GRAPHENE_POINT_INIT (0, 0), &pb));
    g_assert_cmpfloat (pb.y, >, pa.y);
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 360);
  }
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
                              conversations_test_view_child (fixture, "scrolled_window")),
                            560);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
                              conversations_test_view_child (fixture, "scrolled_window")),
                            0);

  /* “We talked about this” goes into the history with today's date. */
  conversations_test_click (conversations_test_view_child (fixture, "discussed_button"));
  g_assert_true (
    gtk_widget_get_visible (conversations_test_view_child (fixture, "discussed_label")));
  {
    g_auto(GStrv) days = closeness_store_dup_discussed_days (fixture->store, id);
    g_assert_cmpuint (g_strv_length (days), ==, 1);
  }

  /* Shared notes save without a Save button, also when leaving. */
  type_text (conversations_test_view_child (fixture, "note_view"),
             "Plan a morning walk on Sunday.");
  conversations_test_click (conversations_test_view_child (fixture, "back_button"));
  {
    g_autofree char *note = closeness_store_dup_note (fixture->store, id);
    g_assert_cmpstr (note, ==, "Plan a morning walk on Sunday.");
  }

  /* Favourites and History list it. */
  conversations_test_click (conversations_test_page_child (fixture, "favourites_button"));
  g_assert_cmpuint (conversations_test_count_children (
                      conversations_test_page_child (fixture, "list_box")),
                    ==, 1);
  conversations_test_click (conversations_test_page_child (fixture, "list_back_button"));
  conversations_test_click (conversations_test_page_child (fixture, "history_button"));
  g_assert_cmpuint (conversations_test_count_children (
                      conversations_test_page_child (fixture, "list_box")),
                    ==, 1);
}

static void
test_not_tonight (Fixture       *fixture,
                  gconstpointer  data)
{
  ClosenessPromptView *view = conversations_test_get_prompt_view (fixture);
  gint64 first, second;

  conversations_test_click (conversations_test_page_child (fixture, "draw_button"));
  first = closeness_record_get_id (CLOSENESS_RECORD (closeness_prompt_view_get_prompt (view)));
  conversations_test_click (conversations_test_view_child (fixture, "skip_button"));
  second = closeness_record_get_id (CLOSENESS_RECORD (closeness_prompt_view_get_prompt (view)));
  g_assert_cmpint (first, !=, second);
  g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "prompt");

  /* Views made on first use keep the leaflet's order: overview, list,
   * conversation, so each slides in from the side a person expects. */
  {
    g_autoptr(ClosenessDeck) deck =
      g_list_model_get_item (closeness_store_get_decks (fixture->store), 0);

    closeness_conversations_page_open_deck (fixture->page,
                                            closeness_record_get_id (CLOSENESS_RECORD (deck)));
  }
  closeness_test_settle ();
  {
    g_autoptr(GtkSelectionModel) pages =
      adw_leaflet_get_pages (ADW_LEAFLET (conversations_test_page_child (fixture, "leaflet")));
    const char *expected[] = { "overview", "list", "prompt" };

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autoptr(AdwLeafletPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

        g_assert_cmpstr (adw_leaflet_page_get_name (page), ==, expected[i]);
      }
  }
}

static void
test_long_text_layout (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(ClosenessDeck) deck = NULL;
  g_autoptr(ClosenessPrompt) prompt = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  while (g_utf8_strlen (text->str, -1) < 10000)
    g_string_append (text,
                     "A very long question 💞 שאלה ארוכה مع نص عربي averyveryverylongwordwithoutanybreaksatall ");
  g_string_truncate (text, 10000);

  deck = closeness_store_create_deck (fixture->store, "Our own questions 🌱",
                                      "Written by the two of us.", &error);
  g_assert_no_error (error);
  prompt =
    closeness_store_create_prompt (fixture->store,
                                   closeness_record_get_id (CLOSENESS_RECORD (deck)), text->str,
                                   "هل تتذكر؟", CLOSENESS_INTENSITY_GENTLE, &error);
  g_assert_no_error (error);

  closeness_test_resize (fixture->window, 360, 640);
  closeness_conversations_page_open_deck (fixture->page,
                                          closeness_record_get_id (CLOSENESS_RECORD (deck)));
  closeness_test_settle ();
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 360);

  closeness_conversations_page_open_prompt (fixture->page, prompt);
  closeness_test_settle ();
  g_assert_cmpstr (gtk_label_get_text (conversations_test_view_child (fixture, "text_label")), ==,
                   text->str);
  /* The layout holds: the window did not grow to fit the text. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 360);
}

static void
test_talk_timer (Fixture       *fixture,
                 gconstpointer  data)
{
  ClosenessTalkTimer *timer;

  conversations_test_click (conversations_test_page_child (fixture, "draw_button"));
  timer = conversations_test_view_child (fixture, "talk_timer");
  g_assert_cmpuint (closeness_talk_timer_get_remaining (timer), ==, 180);
  g_assert_cmpuint (closeness_talk_timer_get_speaker (timer), ==, 0);
  g_assert_nonnull (
    conversations_test_find_widget_with_text (GTK_WIDGET (timer), GTK_TYPE_LABEL,
                                              ISOLATED ("Alex") " speaks, " ISOLATED (
                                                "Sam") " listens"));

  closeness_talk_timer_set_running (timer, TRUE);
  g_assert_true (closeness_talk_timer_get_running (timer));
  closeness_talk_timer_set_running (timer, FALSE);
  for (guint i = 0; i < 179; i++)
    closeness_talk_timer_tick (timer);
  g_assert_cmpuint (closeness_talk_timer_get_remaining (timer), ==, 1);
  closeness_talk_timer_tick (timer);
  /* Time is up: Sam's turn, waiting for a start. */
  g_assert_cmpuint (closeness_talk_timer_get_speaker (timer), ==, 1);
  g_assert_cmpuint (closeness_talk_timer_get_remaining (timer), ==, 180);
  g_assert_false (closeness_talk_timer_get_running (timer));
  g_assert_nonnull (
    conversations_test_find_widget_with_text (GTK_WIDGET (timer), GTK_TYPE_LABEL,
                                              ISOLATED ("Sam") " speaks, " ISOLATED (
                                                "Alex") " listens"));
  /* The end of the turn shows, not only rings, until the next one starts. */
  g_assert_cmpstr (closeness_talk_timer_get_turn_over (timer), ==,
                   "Time is up. Now " ISOLATED ("Sam") " speaks.");
  closeness_talk_timer_set_running (timer, TRUE);
  g_assert_null (closeness_talk_timer_get_turn_over (timer));
  closeness_talk_timer_set_running (timer, FALSE);

  closeness_talk_timer_switch_turns (timer);
  g_assert_cmpuint (closeness_talk_timer_get_speaker (timer), ==, 0);
  closeness_talk_timer_tick (timer);
  closeness_talk_timer_reset (timer);
  g_assert_cmpuint (closeness_talk_timer_get_remaining (timer), ==, 180);
}

/* The colours chosen in the welcome show beside each partner's name: their
 * answer row, their revealed answer and the talk timer's turn; a change in
 * Preferences shows at once, and a partner without a colour has no dot. */
static void
test_partner_colors (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ClosenessPrompt) prompt =
    g_list_model_get_item (closeness_store_get_prompts (fixture->store), 0);
  gint64 id = closeness_record_get_id (CLOSENESS_RECORD (prompt));
  GtkWidget *revealed = conversations_test_view_child (fixture, "revealed_box");
  ClosenessTalkTimer *timer = conversations_test_view_child (fixture, "talk_timer");
  GtkWidget *first_dot =
    closeness_test_find_partner_dot (conversations_test_view_child (fixture, "first_answer_row"));
  GtkWidget *second_dot =
    closeness_test_find_partner_dot (conversations_test_view_child (fixture, "second_answer_row"));
  GtkWidget *timer_dot = closeness_test_find_partner_dot (GTK_WIDGET (timer));
  g_autoptr(GError) error = NULL;
  g_autofree char *shot = NULL;

  g_assert_true (closeness_store_update_partner (fixture->store, 0, "Alex", "#3584e4", &error));
  g_assert_true (closeness_store_set_answer (fixture->store, id, 0, "Our walks.", &error));
  g_assert_true (closeness_store_set_answer (fixture->store, id, 1, "The small things.", &error));
  g_assert_no_error (error);
  closeness_conversations_page_open_prompt (fixture->page, prompt);
  closeness_test_settle ();

  g_assert_nonnull (first_dot);
  g_assert_nonnull (second_dot);
  g_assert_nonnull (timer_dot);
  closeness_test_assert_partner_dot (first_dot, "#3584e4");
  /* Sam chose none: the name alone, no grey stand-in, in line with Alex's. */
  closeness_test_assert_partner_dot (second_dot, "");
  g_assert_cmpint (gtk_widget_get_width (second_dot), ==, gtk_widget_get_width (first_dot));
  shot = closeness_test_screenshot (GTK_WIDGET (fixture->window),
                                    "conversations-partner-colors-one-1280");
  g_clear_pointer (&shot, g_free);
  /* Alex speaks first. */
  closeness_test_assert_partner_dot (timer_dot, "#3584e4");

  conversations_test_click (conversations_test_view_child (fixture, "reveal_button"));
  g_assert_true (closeness_prompt_view_get_revealed (conversations_test_get_prompt_view (fixture)));
  closeness_test_wait_for_drawn (revealed);
  closeness_test_assert_partner_dot (closeness_test_find_partner_dot (
                                       gtk_widget_get_first_child (revealed)),
                                     "#3584e4");
  g_assert_nonnull (conversations_test_find_widget_with_text (gtk_widget_get_first_child (revealed),
                                                              GTK_TYPE_LABEL, "Alex"));

  /* A new colour in Preferences, and Sam chooses one. */
  g_assert_true (closeness_store_update_partner (fixture->store, 0, "Alex", "#e62d42", &error));
  g_assert_true (closeness_store_update_partner (fixture->store, 1, "Sam", "#3a944a", &error));
  g_assert_no_error (error);
  closeness_test_settle ();
  closeness_test_assert_partner_dot (first_dot, "#e62d42");
  closeness_test_assert_partner_dot (second_dot, "#3a944a");
  closeness_test_assert_partner_dot (timer_dot, "#e62d42");
  closeness_test_assert_partner_dot (closeness_test_find_partner_dot (
                                       gtk_widget_get_first_child (revealed)),
                                     "#e62d42");
  closeness_test_assert_partner_dot (closeness_test_find_partner_dot (
                                       gtk_widget_get_last_child (revealed)),
                                     "#3a944a");

  /* Sam's turn: the timer shows Sam's colour. */
  closeness_talk_timer_switch_turns (timer);
  closeness_test_assert_partner_dot (timer_dot, "#3a944a");

  shot =
    closeness_test_screenshot (GTK_WIDGET (fixture->window), "conversations-partner-colors-1280");
  g_clear_pointer (&shot, g_free);
  closeness_test_resize (fixture->window, 360, 640);
  closeness_test_wait_for_drawn (GTK_WIDGET (fixture->window));
  closeness_test_assert_partner_dot (first_dot, "#e62d42");
  shot =
    closeness_test_screenshot (GTK_WIDGET (fixture->window), "conversations-partner-colors-360");
  g_clear_pointer (&shot, g_free);
  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
      conversations_test_view_child (fixture, "scrolled_window"));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  }
  closeness_test_assert_partner_dot (timer_dot, "#3a944a");
  shot = closeness_test_screenshot (GTK_WIDGET (fixture->window),
                                    "conversations-partner-colors-timer-360");
}

/* Issue 18: the question's action buttons are as wide as their labels,
 * not stretched across the card. */
static void
test_action_buttons_fit_labels (Fixture       *fixture,
                                gconstpointer  data)
{
  const char *names[] = { "favourite_button", "discussed_button", "skip_button" };
  int widths[] = { 1280, 360 };

  closeness_conversations_page_draw_card (fixture->page);
  closeness_test_wait_until (conversations_test_no_transition_cond,
                             conversations_test_page_child (fixture, "leaflet"),
                             "the slide to finish");

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      g_autofree char *file = g_strdup_printf ("conversations-question-%d", widths[w]);
      g_autofree char *shot = NULL;

      closeness_test_resize (fixture->window, widths[w], 640);
      closeness_test_wait_for_drawn (GTK_WIDGET (fixture->window));
      shot = closeness_test_screenshot (GTK_WIDGET (fixture->window), file);

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          GtkWidget *button = conversations_test_view_child (fixture, names[i]);
          int natural;

          g_assert_true (gtk_widget_get_mapped (button));
          gtk_widget_measure (button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
          g_test_message ("%s at %d px: %d px wide, natural %d", names[i], widths[w],
                          gtk_widget_get_width (button), natural);
          g_assert_cmpint (gtk_widget_get_width (button), <=, natural);
          g_assert_false (gtk_widget_has_css_class (button, "destructive-action"));
        }

      /* Wide, one centred row; narrow, one button a line, each centred
       * (not two on a line and the third alone at the start of the next). */
      g_assert_true (closeness_button_row_get_stacked (
                       conversations_test_view_child (fixture, "actions_box"))
                     == (widths[w] < 500));
      closeness_test_assert_buttons_centred (conversations_test_view_child (fixture, "actions_box"));
    }
}

/* Reveal: a very long answer beside a short one leaves no blank card. */

static void
test_reveal_long_answer (Fixture       *fixture,
                         gconstpointer  data)
{
  ClosenessPromptView *view = conversations_test_get_prompt_view (fixture);
  GtkWidget *revealed = conversations_test_view_child (fixture, "revealed_box");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(ClosenessPrompt) prompt =
    g_list_model_get_item (closeness_store_get_prompts (fixture->store), 0);
  gint64 id = closeness_record_get_id (CLOSENESS_RECORD (prompt));
  g_autoptr(GError) error = NULL;
  GtkWidget *long_card, *short_card;
  graphene_rect_t long_bounds, short_bounds;

  while (g_utf8_strlen (text->str, -1) < 10000)
    g_string_append (text, "When I think about us, I remember the long walk by the river 🌊 ");
  g_string_truncate (text, 10000);
  g_assert_true (closeness_store_set_answer (fixture->store, id, 0, text->str, &error));
  g_assert_true (closeness_store_set_answer (fixture->store, id, 1, "The small things.", &error));
  g_assert_no_error (error);

  closeness_conversations_page_open_prompt (fixture->page, prompt);
  closeness_test_settle ();
  conversations_test_click (conversations_test_view_child (fixture, "reveal_button"));
  g_assert_true (closeness_prompt_view_get_revealed (view));
  closeness_test_wait_for_drawn (revealed);

  long_card = gtk_widget_get_first_child (revealed);
  short_card = gtk_widget_get_next_sibling (long_card);

  /* Wide: side by side, equally wide, the short card only as tall as its answer. */
  g_assert_true (gtk_widget_compute_bounds (long_card, revealed, &long_bounds));
  g_assert_true (gtk_widget_compute_bounds (short_card, revealed, &short_bounds));
  g_assert_cmpfloat (long_bounds.origin.y, ==, short_bounds.origin.y);
  g_assert_cmpfloat (ABS (long_bounds.size.width - short_bounds.size.width), <=, 1);
  g_assert_cmpfloat (short_bounds.size.height, <, 150);
  g_assert_cmpfloat (long_bounds.size.height, >, 1000);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
                              conversations_test_view_child (fixture, "scrolled_window")),
                            330);

  /* Narrow: stacked, the long card right below the short one. */
  closeness_test_resize (fixture->window, 360, 640);
  g_assert_true (gtk_widget_compute_bounds (long_card, revealed, &long_bounds));
  g_assert_true (gtk_widget_compute_bounds (short_card, revealed, &short_bounds));
  g_assert_cmpfloat (short_bounds.origin.y, >, long_bounds.origin.y);
  g_assert_cmpfloat (short_bounds.origin.y - (long_bounds.origin.y + long_bounds.size.height), <=,
                     24);
  g_assert_cmpfloat (short_bounds.size.height, <, 150);
  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
      conversations_test_view_child (fixture, "scrolled_window"));
    graphene_point_t top;

    g_assert_true (
      gtk_widget_compute_point (short_card,
                                gtk_viewport_get_child (
                                  GTK_VIEWPORT (gtk_scrolled_window_get_child (
                                    conversations_test_view_child (fixture, "scrolled_window")))),
                                &GRAPHENE_POINT_INIT (0, 0), &top));
    gtk_adjustment_set_value (adjustment, top.y - 300);
  }
}

int
main (int   argc,
      char *argv[])
{
  if (!conversations_test_init (&argc, &argv))
    return 0;

#define ADD CONVERSATIONS_TEST_ADD
  ADD ("draw-favourite-answer-reveal", test_draw_favourite_answer_reveal);
  ADD ("answered-elsewhere", test_answered_elsewhere);
  ADD ("answered-elsewhere-arrives", test_answered_elsewhere_arrives);
  ADD ("not-tonight", test_not_tonight);
  ADD ("long-text-layout", test_long_text_layout);
  ADD ("talk-timer", test_talk_timer);
  ADD ("partner-colors", test_partner_colors);
  ADD ("action-buttons-fit-labels", test_action_buttons_fit_labels);
  ADD ("reveal-long-answer", test_reveal_long_answer);
#undef ADD

  return g_test_run ();
}
