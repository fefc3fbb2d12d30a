/* test-conversations-page.c: the Conversations page as a couple uses it, under Xvfb.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "closeness-test-utils.h"
#include "conversations/closeness-conversation-editor.h"
#include "conversations/closeness-conversation-logic.h"
#include "conversations/closeness-conversation-settings.h"
#include "conversations/closeness-conversations-page.h"
#include "conversations/closeness-conversations-prefs-group.h"
#include "conversations/closeness-prompt-library.h"
#include "conversations/closeness-prompt-view.h"
#include "conversations/closeness-talk-timer.h"

typedef struct
{
  ClosenessStore             *store;
  GtkWindow                  *window;
  ClosenessConversationsPage *page;
} Fixture;

static gpointer
page_child (Fixture    *fixture,
            const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (fixture->page), CLOSENESS_TYPE_CONVERSATIONS_PAGE, name);
}

static ClosenessPromptView *
get_prompt_view (Fixture *fixture)
{
  return CLOSENESS_PROMPT_VIEW (page_child (fixture, "prompt_view"));
}

static gpointer
view_child (Fixture    *fixture,
            const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (get_prompt_view (fixture)),
                                        CLOSENESS_TYPE_PROMPT_VIEW, name);
}

static void
click (gpointer button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
  closeness_test_iterate (60);
}

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

/* Finds a visible widget of @type below @root whose label or text is @text. */
static GtkWidget *
find_widget_with_text (GtkWidget  *root,
                       GType       type,
                       const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child))
        continue;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        {
          const char *label = NULL;

          if (GTK_IS_LABEL (child))
            label = gtk_label_get_text (GTK_LABEL (child));
          else if (GTK_IS_BUTTON (child))
            label = gtk_button_get_label (GTK_BUTTON (child));

          if (g_strcmp0 (label, text) == 0)
            return child;
        }

      if ((found = find_widget_with_text (child, type, text)) != NULL)
        return found;
    }

  return NULL;
}

static guint
count_children (gpointer widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (widget)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

static ClosenessDeck *
find_deck_by_key (ClosenessStore *store,
                  const char     *key)
{
  GListModel *decks = closeness_store_get_decks (store);

  for (guint i = 0; i < g_list_model_get_n_items (decks); i++)
    {
      g_autoptr(ClosenessDeck) deck = g_list_model_get_item (decks, i);

      if (g_strcmp0 (closeness_deck_get_builtin_key (deck), key) == 0)
        return g_steal_pointer (&deck);
    }

  return NULL;
}

/* gtk_window_get_toplevels() is (transfer none): not unreffed here. */
static GtkWindow *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (CLOSENESS_IS_CONVERSATION_EDITOR (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->store = closeness_store_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (closeness_prompt_library_sync (fixture->store, &error));
  g_assert_true (closeness_store_update_partner (fixture->store, 0, "Alex", "", &error));
  g_assert_true (closeness_store_update_partner (fixture->store, 1, "Sam", "", &error));
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_title (fixture->window, "Conversations");
  fixture->page = CLOSENESS_CONVERSATIONS_PAGE (closeness_conversations_page_new (fixture->store));
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
  gtk_widget_set_size_request (GTK_WIDGET (fixture->window), 360, 294);
  gtk_window_set_default_size (fixture->window, 1280, 900);
  gtk_window_present (fixture->window);
  closeness_test_resize (fixture->window, 1280, 900);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWindow *editor;

  while ((editor = find_editor ()) != NULL)
    gtk_window_destroy (editor);
  gtk_window_destroy (fixture->window);
  closeness_test_iterate (50);
  g_clear_object (&fixture->store);
}

static void
screenshot (Fixture    *fixture,
            const char *name)
{
  g_autofree char *path = NULL;

  closeness_test_iterate (250);
  path = closeness_test_screenshot (GTK_WIDGET (fixture->window), name);
  g_assert_nonnull (path);
}

static void
test_overview (Fixture       *fixture,
               gconstpointer  data)
{
  GtkFlowBox *decks = page_child (fixture, "decks_flow_box");
  GtkLabel *day_label = page_child (fixture, "day_text_label");
  ClosenessPrompt *day = closeness_conversations_page_get_day_prompt (fixture->page);
  GListModel *store_decks = closeness_store_get_decks (fixture->store);
  g_autoptr(ClosenessDeck) first = g_list_model_get_item (store_decks, 0);
  g_autofree char *progress = NULL;
  guint discussed, total;

  g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "overview");
  g_assert_cmpuint (count_children (decks), ==, g_list_model_get_n_items (store_decks));
  g_assert_cmpuint (count_children (decks), >=, 10);

  /* The question of the day is shown, within the ceiling. */
  g_assert_nonnull (day);
  g_assert_cmpint (closeness_prompt_get_intensity (day), <=, CLOSENESS_INTENSITY_WARM);
  g_assert_cmpstr (gtk_label_get_text (day_label), ==, closeness_prompt_get_display_text (day));

  /* Every deck card says how far the couple got. */
  closeness_conversation_count_progress (closeness_store_get_prompts (fixture->store),
                                         CLOSENESS_INTENSITY_WARM,
                                         closeness_record_get_id (CLOSENESS_RECORD (first)),
                                         &discussed, &total);
  progress = closeness_conversation_format_progress (discussed, total);
  g_assert_nonnull (find_widget_with_text (GTK_WIDGET (decks), GTK_TYPE_LABEL, progress));
  g_assert_nonnull (find_widget_with_text (GTK_WIDGET (decks), GTK_TYPE_LABEL,
                                           closeness_deck_get_display_name (first)));

  screenshot (fixture, "conversations-overview-1280");
  closeness_test_resize (fixture->window, 360, 640);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 360);
  screenshot (fixture, "conversations-overview-360");

  /* Opening a deck card shows its questions, and Back returns. */
  {
    GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (decks, 0);
    GtkListBox *list = page_child (fixture, "list_box");

    g_signal_emit_by_name (decks, "child-activated", child);
    closeness_test_iterate (300);
    g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "list");
    g_assert_cmpuint (count_children (list), ==, total);
    screenshot (fixture, "conversations-deck-360");
    click (page_child (fixture, "list_back_button"));
    g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "overview");
  }
}

static void
test_draw_favourite_answer_reveal (Fixture       *fixture,
                                   gconstpointer  data)
{
  ClosenessPromptView *view = get_prompt_view (fixture);
  ClosenessPrompt *prompt;
  GtkButton *reveal = view_child (fixture, "reveal_button");
  GtkLabel *hint = view_child (fixture, "reveal_hint_label");
  AdwActionRow *first_row = view_child (fixture, "first_answer_row");
  AdwActionRow *second_row = view_child (fixture, "second_answer_row");
  GtkTextView *first_view = view_child (fixture, "first_answer_view");
  GtkTextView *second_view = view_child (fixture, "second_answer_view");
  GtkFlowBox *revealed = view_child (fixture, "revealed_box");
  g_autoptr(GListModel) answers = NULL;
  g_autofree char *shown = NULL;
  gint64 id;

  /* Draw a card. */
  click (page_child (fixture, "draw_button"));
  closeness_test_iterate (300);
  g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "prompt");
  prompt = closeness_prompt_view_get_prompt (view);
  g_assert_nonnull (prompt);
  g_assert_cmpint (closeness_prompt_get_intensity (prompt), <=, CLOSENESS_INTENSITY_WARM);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (view_child (fixture, "text_label"))), ==,
                   closeness_prompt_get_display_text (prompt));
  id = closeness_record_get_id (CLOSENESS_RECORD (prompt));
  {
    g_autoptr(GArray) seen = closeness_store_dup_seen_since (fixture->store, "2000-01-01");
    g_assert_cmpuint (seen->len, ==, 1);
    g_assert_cmpint (g_array_index (seen, gint64, 0), ==, id);
  }
  screenshot (fixture, "conversations-card-1280");

  /* Favourite it. */
  click (view_child (fixture, "favourite_button"));
  g_assert_true (closeness_prompt_get_favourite (prompt));
  g_assert_true (gtk_toggle_button_get_active (view_child (fixture, "favourite_button")));

  /* Nobody answered: nothing to reveal yet. */
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (reveal)));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first_row)), ==, "Alex");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (second_row)), ==, "Sam");
  g_assert_cmpstr (adw_action_row_get_subtitle (first_row), ==, "Not answered yet");

  /* Alex writes and presses Done. */
  click (view_child (fixture, "first_answer_button"));
  g_assert_true (gtk_revealer_get_reveal_child (view_child (fixture, "first_answer_revealer")));
  g_assert_false (gtk_revealer_get_reveal_child (view_child (fixture, "second_answer_revealer")));
  type_text (first_view, "I changed my mind about mornings 🌅");
  click (view_child (fixture, "first_done_button"));
  answers = closeness_store_get_answers (fixture->store, id);
  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 1);

  /* Sam only learns that Alex answered: the text is nowhere on screen. */
  g_assert_cmpstr (adw_action_row_get_subtitle (first_row), ==, "Answered");
  g_assert_cmpstr (adw_action_row_get_subtitle (second_row), ==, "Not answered yet");
  g_assert_cmpstr (gtk_label_get_text (hint), ==, "Alex has answered. Waiting for Sam.");
  shown = buffer_text (first_view);
  g_assert_cmpstr (shown, ==, "");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (revealed)));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (reveal)));

  /* Sam writes; it saves itself after a pause, without Done. */
  click (view_child (fixture, "second_answer_button"));
  g_assert_true (gtk_revealer_get_reveal_child (view_child (fixture, "second_answer_revealer")));
  g_clear_pointer (&shown, g_free);
  shown = buffer_text (second_view);
  g_assert_cmpstr (shown, ==, "");
  type_text (second_view, "Quiet evenings, and you reading aloud.");
  closeness_test_iterate (900);
  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 2);
  click (view_child (fixture, "second_done_button"));

  /* Both answered: Reveal Together. */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (reveal)));
  click (reveal);
  g_assert_true (closeness_prompt_view_get_revealed (view));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (revealed)));
  g_assert_nonnull (find_widget_with_text (GTK_WIDGET (revealed), GTK_TYPE_LABEL,
                                           "I changed my mind about mornings 🌅"));
  g_assert_nonnull (find_widget_with_text (GTK_WIDGET (revealed), GTK_TYPE_LABEL,
                                           "Quiet evenings, and you reading aloud."));
  {
    GtkAdjustment *adjustment;

    adjustment = gtk_scrolled_window_get_vadjustment (view_child (fixture, "scrolled_window"));
    closeness_test_iterate (100);
    gtk_adjustment_set_value (adjustment, 330);
  }
  screenshot (fixture, "conversations-reveal-1280");

  /* Side by side when wide, stacked when narrow. */
  {
    GtkFlowBoxChild *a = gtk_flow_box_get_child_at_index (revealed, 0);
    GtkFlowBoxChild *b = gtk_flow_box_get_child_at_index (revealed, 1);
    graphene_point_t pa, pb;

    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (a), GTK_WIDGET (revealed), &GRAPHENE_POINT_INIT (0, 0), &pa));
    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (b), GTK_WIDGET (revealed), &GRAPHENE_POINT_INIT (0, 0), &pb));
    g_assert_cmpfloat (pa.y, ==, pb.y);

    closeness_test_resize (fixture->window, 360, 640);
    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (a), GTK_WIDGET (revealed), &GRAPHENE_POINT_INIT (0, 0), &pa));
    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (b), GTK_WIDGET (revealed), &GRAPHENE_POINT_INIT (0, 0), &pb));
    g_assert_cmpfloat (pb.y, >, pa.y);
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 360);
  }
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (view_child (fixture, "scrolled_window")), 560);
  screenshot (fixture, "conversations-reveal-360");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (view_child (fixture, "scrolled_window")), 0);
  screenshot (fixture, "conversations-card-360");

  /* “We talked about this” goes into the history with today's date. */
  click (view_child (fixture, "discussed_button"));
  g_assert_true (gtk_widget_get_visible (view_child (fixture, "discussed_label")));
  {
    g_auto(GStrv) days = closeness_store_dup_discussed_days (fixture->store, id);
    g_assert_cmpuint (g_strv_length (days), ==, 1);
  }

  /* Shared notes save without a Save button, also when leaving. */
  type_text (view_child (fixture, "note_view"), "Plan a morning walk on Sunday.");
  click (view_child (fixture, "back_button"));
  {
    g_autofree char *note = closeness_store_dup_note (fixture->store, id);
    g_assert_cmpstr (note, ==, "Plan a morning walk on Sunday.");
  }

  /* Favourites and History list it. */
  click (page_child (fixture, "favourites_button"));
  g_assert_cmpuint (count_children (page_child (fixture, "list_box")), ==, 1);
  click (page_child (fixture, "list_back_button"));
  click (page_child (fixture, "history_button"));
  g_assert_cmpuint (count_children (page_child (fixture, "list_box")), ==, 1);
}

static void
test_not_tonight (Fixture       *fixture,
                  gconstpointer  data)
{
  ClosenessPromptView *view = get_prompt_view (fixture);
  gint64 first, second;

  click (page_child (fixture, "draw_button"));
  first = closeness_record_get_id (CLOSENESS_RECORD (closeness_prompt_view_get_prompt (view)));
  click (view_child (fixture, "skip_button"));
  second = closeness_record_get_id (CLOSENESS_RECORD (closeness_prompt_view_get_prompt (view)));
  g_assert_cmpint (first, !=, second);
  g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "prompt");
}

static ClosenessConversationEditor *
wait_for_editor (void)
{
  GtkWindow *editor;

  closeness_test_iterate (200);
  editor = find_editor ();
  g_assert_nonnull (editor);

  return CLOSENESS_CONVERSATION_EDITOR (editor);
}

static void
test_custom_prompt_delete_undo (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(ClosenessDeck) deck = find_deck_by_key (fixture->store, "play");
  GtkListBox *list = page_child (fixture, "list_box");
  const char *text = "Which tiny adventure 🌍 shall we plan next? (مغامرة صغيرة)";
  ClosenessConversationEditor *editor;
  GtkWidget *row_label;
  GtkWidget *undo;
  guint n_rows;

  closeness_test_resize (fixture->window, 360, 640);
  closeness_conversations_page_open_deck (fixture->page, closeness_record_get_id (CLOSENESS_RECORD (deck)));
  closeness_test_iterate (200);
  n_rows = count_children (list);

  /* Empty text is refused inline. */
  click (page_child (fixture, "new_prompt_button"));
  editor = wait_for_editor ();
  g_assert_false (closeness_conversation_editor_get_can_save (editor));
  closeness_conversation_editor_set_text (editor, "   ");
  g_assert_false (closeness_conversation_editor_get_can_save (editor));
  g_assert_cmpstr (closeness_conversation_editor_get_message (editor), ==, "Please write the question.");
  g_free (closeness_test_screenshot (GTK_WIDGET (editor), "conversations-editor-empty"));

  closeness_conversation_editor_set_text (editor, text);
  g_assert_true (closeness_conversation_editor_get_can_save (editor));
  g_assert_null (closeness_conversation_editor_get_message (editor));
  /* Press Save as a person would. */
  click (find_widget_with_text (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "_Save"));
  closeness_test_iterate (300);
  g_assert_null (find_editor ());

  g_assert_cmpuint (count_children (list), ==, n_rows + 1);
  row_label = find_widget_with_text (GTK_WIDGET (list), GTK_TYPE_LABEL, text);
  g_assert_nonnull (row_label);

  /* Open it and delete it. */
  g_signal_emit_by_name (list, "row-activated", gtk_widget_get_ancestor (row_label, GTK_TYPE_LIST_BOX_ROW));
  closeness_test_iterate (200);
  g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "prompt");
  g_assert_true (gtk_widget_get_visible (view_child (fixture, "delete_button")));
  click (view_child (fixture, "delete_button"));
  closeness_test_iterate (200);
  g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "list");
  g_assert_cmpuint (count_children (list), ==, n_rows);
  g_assert_null (find_widget_with_text (GTK_WIDGET (list), GTK_TYPE_LABEL, text));

  /* Undo in the toast brings it back. */
  undo = find_widget_with_text (page_child (fixture, "toast_overlay"), GTK_TYPE_BUTTON, "_Undo");
  g_assert_nonnull (undo);
  screenshot (fixture, "conversations-deleted-toast-360");
  click (undo);
  closeness_test_iterate (200);
  g_assert_cmpuint (count_children (list), ==, n_rows + 1);
  g_assert_nonnull (find_widget_with_text (GTK_WIDGET (list), GTK_TYPE_LABEL, text));
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
    g_string_append (text, "A very long question 💞 שאלה ארוכה مع نص عربي averyveryverylongwordwithoutanybreaksatall ");
  g_string_truncate (text, 10000);

  deck = closeness_store_create_deck (fixture->store, "Our own questions 🌱", "Written by the two of us.", &error);
  g_assert_no_error (error);
  prompt = closeness_store_create_prompt (fixture->store, closeness_record_get_id (CLOSENESS_RECORD (deck)),
                                          text->str, "هل تتذكر؟", CLOSENESS_INTENSITY_GENTLE, &error);
  g_assert_no_error (error);

  closeness_test_resize (fixture->window, 360, 640);
  closeness_conversations_page_open_deck (fixture->page, closeness_record_get_id (CLOSENESS_RECORD (deck)));
  closeness_test_iterate (200);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 360);
  screenshot (fixture, "conversations-long-deck-360");

  closeness_conversations_page_open_prompt (fixture->page, prompt);
  closeness_test_iterate (300);
  g_assert_cmpstr (gtk_label_get_text (view_child (fixture, "text_label")), ==, text->str);
  /* The layout holds: the window did not grow to fit the text. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 360);
  screenshot (fixture, "conversations-long-card-360");
}

static void
test_ceiling_in_ui (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *prefs = closeness_conversations_prefs_group_new (fixture->store);
  AdwComboRow *row = ADW_COMBO_ROW (gtk_widget_get_template_child (prefs, CLOSENESS_TYPE_CONVERSATIONS_PREFS_GROUP, "ceiling_row"));
  g_autoptr(ClosenessDeck) desire = find_deck_by_key (fixture->store, "desire");
  GtkListBox *list = page_child (fixture, "list_box");
  g_autofree char *stored = NULL;
  GListModel *prompts = closeness_store_get_prompts (fixture->store);
  const char *warm_text = NULL;

  g_object_ref_sink (prefs);
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, CLOSENESS_INTENSITY_WARM);

  for (guint i = 0; i < g_list_model_get_n_items (prompts) && warm_text == NULL; i++)
    {
      g_autoptr(ClosenessPrompt) prompt = g_list_model_get_item (prompts, i);

      if (closeness_prompt_get_intensity (prompt) == CLOSENESS_INTENSITY_WARM)
        warm_text = closeness_prompt_get_text (prompt);
    }

  /* Search finds a warm question now… */
  gtk_editable_set_text (GTK_EDITABLE (page_child (fixture, "search_entry")), warm_text);
  closeness_test_iterate (400);
  g_assert_cmpuint (count_children (page_child (fixture, "search_list")), ==, 1);

  /* …and not once the couple chose “Gentle only”. */
  adw_combo_row_set_selected (row, CLOSENESS_INTENSITY_GENTLE);
  closeness_test_iterate (200);
  stored = closeness_store_dup_state (fixture->store, CLOSENESS_CONVERSATION_CEILING_KEY);
  g_assert_cmpstr (stored, ==, "gentle");
  g_assert_cmpuint (count_children (page_child (fixture, "search_list")), ==, 0);
  g_assert_true (gtk_widget_get_visible (page_child (fixture, "search_empty_status")));
  gtk_editable_set_text (GTK_EDITABLE (page_child (fixture, "search_entry")), "");
  closeness_test_iterate (300);

  g_assert_cmpint (closeness_prompt_get_intensity (closeness_conversations_page_get_day_prompt (fixture->page)),
                   ==, CLOSENESS_INTENSITY_GENTLE);

  closeness_conversations_page_open_deck (fixture->page, closeness_record_get_id (CLOSENESS_RECORD (desire)));
  closeness_test_iterate (200);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      ClosenessPrompt *prompt = g_object_get_data (G_OBJECT (child), "prompt");
      g_assert_cmpint (closeness_prompt_get_intensity (prompt), ==, CLOSENESS_INTENSITY_GENTLE);
    }

  /* Drawing honours it too. */
  for (guint i = 0; i < 15; i++)
    {
      closeness_conversations_page_draw_card (fixture->page);
      g_assert_cmpint (closeness_prompt_get_intensity (closeness_prompt_view_get_prompt (get_prompt_view (fixture))),
                       ==, CLOSENESS_INTENSITY_GENTLE);
    }

  g_object_unref (prefs);
}

static void
test_empty_states (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwStatusPage *status = page_child (fixture, "list_empty_status");

  click (page_child (fixture, "favourites_button"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (fixture, "list_stack")), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Favorites Yet");
  click (page_child (fixture, "list_back_button"));
  click (page_child (fixture, "history_button"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (fixture, "list_stack")), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Conversations Yet");
  screenshot (fixture, "conversations-history-empty-1280");
}

static void
test_talk_timer (Fixture       *fixture,
                 gconstpointer  data)
{
  ClosenessTalkTimer *timer;

  click (page_child (fixture, "draw_button"));
  timer = view_child (fixture, "talk_timer");
  g_assert_cmpuint (closeness_talk_timer_get_remaining (timer), ==, 180);
  g_assert_cmpuint (closeness_talk_timer_get_speaker (timer), ==, 0);
  g_assert_nonnull (find_widget_with_text (GTK_WIDGET (timer), GTK_TYPE_LABEL, "Alex speaks, Sam listens"));

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
  g_assert_nonnull (find_widget_with_text (GTK_WIDGET (timer), GTK_TYPE_LABEL, "Sam speaks, Alex listens"));

  closeness_talk_timer_switch_turns (timer);
  g_assert_cmpuint (closeness_talk_timer_get_speaker (timer), ==, 0);
  closeness_talk_timer_tick (timer);
  closeness_talk_timer_reset (timer);
  g_assert_cmpuint (closeness_talk_timer_get_remaining (timer), ==, 180);
}

static void
test_search_shortcut (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *entry = page_child (fixture, "search_entry");

  closeness_conversations_page_draw_card (fixture->page);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "conversations.search", NULL));
  closeness_test_iterate (300);
  g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "overview");
  g_assert_true (gtk_widget_is_focus (entry) || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), entry));

  gtk_editable_set_text (GTK_EDITABLE (entry), "LAUGH");
  closeness_test_iterate (400);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (fixture, "overview_stack")), ==, "search");
  g_assert_cmpuint (count_children (page_child (fixture, "search_list")), >, 0);
  screenshot (fixture, "conversations-search-1280");
}

/* Some SVG icons fail to load under Xvfb with isolated XDG folders; that is
 * the test machine, not the page. */
static gboolean
ignore_icon_warnings_cb (const char     *log_domain,
                         GLogLevelFlags  log_level,
                         const char     *message,
                         gpointer        user_data)
{
  return strstr (message, "Failed to load icon") == NULL;
}

int
main (int   argc,
      char *argv[])
{
  if (!closeness_test_init_display (&argc, &argv))
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  g_test_log_set_fatal_handler (ignore_icon_warnings_cb, NULL);

  /* AdwApplication loads style.css itself; here there is no application. */
  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, "/com/example/Closeness/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  /* Isolated XDG folders hide the system icon theme that deck icons come from. */
  gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                  "/usr/share/icons");

#define ADD(path, func) g_test_add ("/conversations-page/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("overview", test_overview);
  ADD ("draw-favourite-answer-reveal", test_draw_favourite_answer_reveal);
  ADD ("not-tonight", test_not_tonight);
  ADD ("custom-prompt-delete-undo", test_custom_prompt_delete_undo);
  ADD ("long-text-layout", test_long_text_layout);
  ADD ("ceiling", test_ceiling_in_ui);
  ADD ("empty-states", test_empty_states);
  ADD ("talk-timer", test_talk_timer);
  ADD ("search-shortcut", test_search_shortcut);
#undef ADD

  return g_test_run ();
}
