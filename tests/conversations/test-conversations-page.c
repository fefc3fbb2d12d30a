/* test-conversations-page.c: the Conversations page as a couple uses it, under Xvfb.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "closeness-test-utils.h"
#include "closeness-window.h"
#include "conversations/closeness-conversation-editor.h"
#include "conversations/closeness-conversation-logic.h"
#include "conversations/closeness-conversation-settings.h"
#include "conversations/closeness-conversations-page-private.h"
#include "conversations/closeness-conversations-prefs-group.h"
#include "conversations/closeness-deck-card.h"
#include "conversations/closeness-prompt-library.h"
#include "conversations/closeness-prompt-row.h"
#include "conversations/closeness-prompt-view.h"
#include "conversations/closeness-talk-timer.h"

/* A partner's name as it appears inside a sentence: in Unicode isolates. */
#define ISOLATED(name) "\xe2\x81\xa8" name "\xe2\x81\xa9"

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
  return _closeness_conversations_page_get_object (fixture->page, name);
}

static ClosenessPromptView *
get_prompt_view (Fixture *fixture)
{
  return closeness_conversations_page_get_prompt_view (fixture->page);
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
  closeness_test_settle ();
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
          else if (GTK_IS_CHECK_BUTTON (child))
            label = gtk_check_button_get_label (GTK_CHECK_BUTTON (child));
          else if (GTK_IS_INSCRIPTION (child))
            label = gtk_inscription_get_text (GTK_INSCRIPTION (child));

          if (g_strcmp0 (label, text) == 0)
            return child;
        }

      if ((found = find_widget_with_text (child, type, text)) != NULL)
        return found;
    }

  return NULL;
}

static guint
count_mapped_labels (GtkWidget  *root,
                     const char *text)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        n++;
      n += count_mapped_labels (child, text);
    }

  return n;
}

/* Whether @widget lies inside what @scrolled_window shows. */
static gboolean
is_scrolled_into_view (GtkWidget         *widget,
                       GtkScrolledWindow *scrolled_window)
{
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (widget, GTK_WIDGET (scrolled_window), &bounds))
    return FALSE;

  return bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (GTK_WIDGET (scrolled_window));
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

/* A visible message dialog that is not a question or deck editor. */
static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && !CLOSENESS_IS_CONVERSATION_EDITOR (window) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

/* Conditions to wait for, instead of a guessed time. */

static gboolean
no_message_dialog_cond (gpointer user_data)
{
  return find_message_dialog () == NULL;
}

static gboolean
editor_shown_cond (gpointer user_data)
{
  return find_editor () != NULL;
}

static gboolean
no_editor_cond (gpointer user_data)
{
  return find_editor () == NULL;
}

static gboolean
no_transition_cond (gpointer user_data)
{
  return !adw_leaflet_get_child_transition_running (user_data);
}

static gboolean
has_focus_cond (gpointer user_data)
{
  return gtk_widget_has_focus (user_data);
}

/* The overlay holds its child and one toast, none on its way out. */
static gboolean
one_toast_cond (gpointer user_data)
{
  return count_children (user_data) <= 2;
}

static gboolean
popover_shown_cond (gpointer user_data)
{
  GtkWidget *popover = closeness_test_find_of_type (user_data, GTK_TYPE_POPOVER);

  return popover != NULL && gtk_widget_get_mapped (popover);
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
  while ((editor = (GtkWindow *) find_message_dialog ()) != NULL)
    gtk_window_destroy (editor);
  gtk_window_destroy (fixture->window);
  closeness_test_settle ();
  g_clear_object (&fixture->store);
}

typedef struct
{
  ClosenessDeckCard *card;
  const char        *progress;
} CardProgress;

static gboolean
card_progress_cond (gpointer user_data)
{
  CardProgress *wanted = user_data;
  g_autofree char *progress = NULL;

  g_object_get (wanted->card, "progress", &progress, NULL);

  return g_strcmp0 (progress, wanted->progress) == 0;
}

static gboolean
has_children_cond (gpointer user_data)
{
  return count_children (user_data) > 0;
}

/* The overview says how far the couple got in every deck without loading
 * every prompt (issue 17: a cheaper first page), and still follows a
 * conversation marked as discussed. */
static void
test_deck_progress_from_keys (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkFlowBox *decks = page_child (fixture, "decks_flow_box");
  ClosenessPromptFilter filter = { .ceiling = CLOSENESS_INTENSITY_WARM };
  ClosenessDeckCard *card;
  ClosenessDeck *deck;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) keys = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *before = NULL;
  g_autofree char *today = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  guint discussed, total;
  gint64 prompt_id = 0;

  closeness_test_wait_until (has_children_cond, decks, "the deck cards");
  g_assert_null (fixture->page->prompts);

  card = CLOSENESS_DECK_CARD (gtk_flow_box_get_child_at_index (decks, 0));
  deck = closeness_deck_card_get_deck (card);

  /* The same counts as from the prompts themselves. */
  closeness_conversation_count_progress (closeness_store_get_prompts (fixture->store), &filter,
                                         closeness_record_get_id (CLOSENESS_RECORD (deck)),
                                         &discussed, &total);
  g_assert_cmpuint (total, >, 0);
  g_assert_cmpuint (discussed, ==, 0);
  before = closeness_conversation_format_progress (discussed, total);
  g_assert_nonnull (find_widget_with_text (GTK_WIDGET (card), GTK_TYPE_LABEL, before));

  /* A question of that deck talked about today, here or by another program. */
  keys = closeness_store_get_prompt_keys (fixture->store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < keys->len && prompt_id == 0; i++)
    {
      const ClosenessPromptKey *key = &g_array_index (keys, ClosenessPromptKey, i);

      if (key->deck_id == closeness_record_get_id (CLOSENESS_RECORD (deck)) && !key->retired &&
          key->intensity <= CLOSENESS_INTENSITY_WARM)
        prompt_id = key->id;
    }
  g_assert_cmpint (prompt_id, !=, 0);
  today = closeness_conversation_day_string (now);
  g_assert_true (closeness_store_mark_discussed (fixture->store, prompt_id, today, &error));
  g_assert_no_error (error);

  expected = closeness_conversation_format_progress (1, total);
  closeness_test_wait_until (card_progress_cond, &(CardProgress) { card, expected },
                             "the deck card's progress");
  g_assert_nonnull (find_widget_with_text (GTK_WIDGET (card), GTK_TYPE_LABEL, expected));
  g_assert_null (fixture->page->prompts);
}

static gboolean
allocated_cond (gpointer user_data)
{
  return gtk_widget_get_height (user_data) > 0;
}

/* A deck of the couple's own with the longest name the editor takes does
 * not stretch every card of the overview (the grid's cards are all as tall
 * as the tallest): its name ends in an ellipsis after two lines, and the
 * name's tooltip says it whole. */
static void
test_long_deck_name (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkFlowBox *decks = page_child (fixture, "decks_flow_box");
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GString) description = g_string_new (NULL);
  g_autoptr(ClosenessDeck) deck = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *first;
  GtkWidget *long_card = NULL;
  GtkWidget *name_widget;
  int height_before;
  guint n_cards;

  closeness_test_resize (fixture->window, 1280, 800);
  closeness_test_wait_until (has_children_cond, decks, "the deck cards");
  closeness_test_settle ();
  n_cards = g_list_model_get_n_items (G_LIST_MODEL (fixture->page->shown_decks));
  g_assert_cmpuint (count_children (GTK_WIDGET (decks)), ==, n_cards);
  first = GTK_WIDGET (gtk_flow_box_get_child_at_index (decks, 0));
  height_before = gtk_widget_get_height (first);
  g_assert_cmpint (height_before, >, 0);

  while (g_utf8_strlen (name->str, -1) < CLOSENESS_STORE_MAX_TITLE)
    g_string_append (name, "Our questions for slow Sunday mornings ");
  g_string_truncate (name, CLOSENESS_STORE_MAX_TITLE);
  while (description->len < 2000)
    g_string_append (description, "Written by the two of us, for the two of us. ");
  deck = closeness_store_create_deck (fixture->store, name->str, description->str, &error);
  g_assert_no_error (error);
  closeness_test_wait_for_n_items (G_LIST_MODEL (fixture->page->shown_decks), n_cards + 1);
  closeness_test_settle ();

  for (guint i = 0; i <= n_cards; i++)
    {
      ClosenessDeckCard *card = CLOSENESS_DECK_CARD (gtk_flow_box_get_child_at_index (decks, i));

      if (closeness_record_get_id (CLOSENESS_RECORD (closeness_deck_card_get_deck (card))) ==
          closeness_record_get_id (CLOSENESS_RECORD (deck)))
        long_card = GTK_WIDGET (card);
    }
  g_assert_nonnull (long_card);
  closeness_test_wait_until (allocated_cond, long_card, "the new deck's card laid out");

  /* Every card, the new one too, is as tall as before. */
  g_assert_cmpint (gtk_widget_get_height (first), ==, height_before);
  g_assert_cmpint (gtk_widget_get_height (long_card), ==, height_before);

  name_widget = closeness_test_find_of_type (long_card, GTK_TYPE_INSCRIPTION);
  g_assert_nonnull (name_widget);
  g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (name_widget)), ==, name->str);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (name_widget), ==, name->str);
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
  /* Every deck but the desire deck, which nobody chose yet. */
  g_assert_cmpuint (count_children (decks), ==, g_list_model_get_n_items (store_decks) - 1);
  g_assert_cmpuint (count_children (decks), >=, 10);

  /* The question of the day is shown, within the ceiling. */
  g_assert_nonnull (day);
  g_assert_cmpint (closeness_prompt_get_intensity (day), <=, CLOSENESS_INTENSITY_WARM);
  g_assert_cmpstr (gtk_label_get_text (day_label), ==, closeness_prompt_get_display_text (day));

  /* Every deck card says how far the couple got. */
  closeness_conversation_count_progress (closeness_store_get_prompts (fixture->store),
                                         &(ClosenessPromptFilter) { .ceiling = CLOSENESS_INTENSITY_WARM },
                                         closeness_record_get_id (CLOSENESS_RECORD (first)),
                                         &discussed, &total);
  progress = closeness_conversation_format_progress (discussed, total);
  g_assert_nonnull (find_widget_with_text (GTK_WIDGET (decks), GTK_TYPE_LABEL, progress));
  g_assert_nonnull (find_widget_with_text (GTK_WIDGET (decks), GTK_TYPE_INSCRIPTION,
                                           closeness_deck_get_display_name (first)));

  closeness_test_resize (fixture->window, 360, 640);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 360);

  /* Opening a deck card shows its questions, and Back returns. */
  {
    GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (decks, 0);
    GtkListBox *list = page_child (fixture, "list_box");

    g_signal_emit_by_name (decks, "child-activated", child);
    closeness_test_settle ();
    g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "list");
    g_assert_cmpuint (count_children (list), ==, total);
    /* The deck's name is on screen once, as the heading (once the slide
     * from the overview has finished, which takes longer on a busy machine). */
    closeness_test_wait_until (no_transition_cond, page_child (fixture, "leaflet"), "the slide to finish");
    g_assert_cmpuint (count_mapped_labels (page_child (fixture, "leaflet"),
                                           closeness_deck_get_display_name (first)), ==, 1);
    click (page_child (fixture, "list_back_button"));
    g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "overview");
  }
}

/* Sam answered on his own laptop (couple sync keeps only a note that a
 * sealed answer is there): the card says so, offers no button to write
 * Sam's answer here, and tells Alex how both answers open. */
static void
test_answered_elsewhere (Fixture       *fixture,
                         gconstpointer  data)
{
  ClosenessPromptView *view = get_prompt_view (fixture);
  g_autoptr(GHashTable) states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  GListModel *prompts = closeness_store_get_prompts (fixture->store);
  AdwActionRow *second_row = view_child (fixture, "second_answer_row");
  GtkLabel *hint = view_child (fixture, "reveal_hint_label");

  for (guint i = 0; i < g_list_model_get_n_items (prompts); i++)
    {
      g_autoptr(ClosenessPrompt) prompt = g_list_model_get_item (prompts, i);

      if (closeness_prompt_get_builtin_key (prompt) != NULL)
        g_hash_table_insert (states, g_strdup_printf ("sealed:answer:b-%s:1", closeness_prompt_get_builtin_key (prompt)),
                             (gpointer) "019b76daa800-0000-0000000000000002");
    }
  g_assert_true (closeness_store_couple_set_states (fixture->store, states, &error));
  g_assert_no_error (error);

  click (page_child (fixture, "draw_button"));
  closeness_test_settle ();
  g_assert_nonnull (closeness_prompt_view_get_prompt (view));
  g_assert_cmpstr (adw_action_row_get_subtitle (second_row), ==, "Answered on another computer — answer to reveal");
  g_assert_false (gtk_widget_get_visible (view_child (fixture, "second_answer_button")));
  g_assert_true (gtk_widget_get_visible (view_child (fixture, "first_answer_button")));
  g_assert_cmpstr (gtk_label_get_text (hint), ==,
                   ISOLATED ("Sam") " answered on another computer. Write your answer, and both open once it is synced.");
  g_assert_false (gtk_widget_is_sensitive (view_child (fixture, "reveal_button")));
  closeness_test_assert_labels_fit (GTK_WIDGET (view), FALSE);
  {
    g_autofree char *wide = closeness_test_screenshot (GTK_WIDGET (fixture->window), "answered-elsewhere");
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
  AdwActionRow *second_row = view_child (fixture, "second_answer_row");
  g_autoptr(GHashTable) states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) sync = NULL;
  ClosenessPrompt *prompt;

  click (page_child (fixture, "draw_button"));
  closeness_test_settle ();
  prompt = closeness_prompt_view_get_prompt (get_prompt_view (fixture));
  g_assert_nonnull (prompt);
  g_assert_cmpstr (adw_action_row_get_subtitle (second_row), !=, "Answered on another computer — answer to reveal");

  /* The sync's own connection, as `closeness --sync` would have it. */
  sync = closeness_store_new (closeness_store_get_path (fixture->store), &error);
  g_assert_no_error (error);
  g_assert_nonnull (closeness_prompt_get_builtin_key (prompt));
  g_hash_table_insert (states, g_strdup_printf ("sealed:answer:b-%s:1", closeness_prompt_get_builtin_key (prompt)),
                       (gpointer) "019b76daa800-0000-0000000000000002");
  g_assert_true (closeness_store_couple_set_states (sync, states, &error));
  closeness_store_check_for_changes (fixture->store);
  g_assert_cmpstr (adw_action_row_get_subtitle (second_row), ==, "Answered on another computer — answer to reveal");
  g_assert_false (gtk_widget_get_visible (view_child (fixture, "second_answer_button")));
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
  GtkWidget *revealed = view_child (fixture, "revealed_box");
  g_autoptr(GListModel) answers = NULL;
  g_autofree char *shown = NULL;
  gint64 id;

  /* Draw a card. */
  click (page_child (fixture, "draw_button"));
  closeness_test_settle ();
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

  /* Favourite it: a toggle (its pressed state is what a screen reader
   * announces) that keeps its width, so nothing next to it jumps. */
  {
    GtkWidget *favourite = view_child (fixture, "favourite_button");
    int width_before = gtk_widget_get_width (favourite);

    g_assert_true (GTK_IS_TOGGLE_BUTTON (favourite));
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (favourite)));
    click (favourite);
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
  g_assert_cmpstr (gtk_label_get_text (hint), ==, ISOLATED ("Alex") " has answered. Waiting for " ISOLATED ("Sam") ".");
  shown = buffer_text (first_view);
  g_assert_cmpstr (shown, ==, "");
  g_assert_false (gtk_widget_get_visible (revealed));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (reveal)));

  /* “Edit Answer” on Alex's row first asks who is at the screen: Cancel
   * shows nothing; only “Open Answer” shows the text again. */
  g_assert_cmpstr (gtk_button_get_label (view_child (fixture, "first_answer_button")), ==, "_Edit Answer");
  click (view_child (fixture, "first_answer_button"));
  {
    AdwMessageDialog *dialog = find_message_dialog ();

    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Is This You, " ISOLATED ("Alex") "?");
    g_assert_false (gtk_revealer_get_reveal_child (view_child (fixture, "first_answer_revealer")));
    g_clear_pointer (&shown, g_free);
    shown = buffer_text (first_view);
    g_assert_cmpstr (shown, ==, "");
    click (find_widget_with_text (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Cancel"));
    closeness_test_wait_until (no_message_dialog_cond, NULL, "the dialog to close");
    g_assert_null (find_message_dialog ());
    g_assert_false (gtk_revealer_get_reveal_child (view_child (fixture, "first_answer_revealer")));

    click (view_child (fixture, "first_answer_button"));
    dialog = find_message_dialog ();
    g_assert_nonnull (dialog);
    click (find_widget_with_text (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Open Answer"));
    closeness_test_wait_until (no_message_dialog_cond, NULL, "the dialog to close");
    g_assert_null (find_message_dialog ());
    g_assert_true (gtk_revealer_get_reveal_child (view_child (fixture, "first_answer_revealer")));
    g_clear_pointer (&shown, g_free);
    shown = buffer_text (first_view);
    g_assert_cmpstr (shown, ==, "I changed my mind about mornings 🌅");
    click (view_child (fixture, "first_done_button"));
    g_clear_pointer (&shown, g_free);
    shown = buffer_text (first_view);
    g_assert_cmpstr (shown, ==, "");
  }

  /* Sam writes; it saves itself after a pause, without Done. */
  click (view_child (fixture, "second_answer_button"));
  g_assert_true (gtk_revealer_get_reveal_child (view_child (fixture, "second_answer_revealer")));
  g_clear_pointer (&shown, g_free);
  shown = buffer_text (second_view);
  g_assert_cmpstr (shown, ==, "");
  type_text (second_view, "Quiet evenings, and you reading aloud.");
  closeness_test_wait_for_n_items (answers, 2);
  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 2);
  click (view_child (fixture, "second_done_button"));

  /* Both answered: Reveal Together. */
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (reveal)));
  click (reveal);
  g_assert_true (closeness_prompt_view_get_revealed (view));
  g_assert_true (gtk_widget_get_visible (revealed));
  g_assert_nonnull (find_widget_with_text (revealed, GTK_TYPE_LABEL,
                                           "I changed my mind about mornings 🌅"));
  g_assert_nonnull (find_widget_with_text (revealed, GTK_TYPE_LABEL,
                                           "Quiet evenings, and you reading aloud."));
  {
    GtkAdjustment *adjustment;

    adjustment = gtk_scrolled_window_get_vadjustment (view_child (fixture, "scrolled_window"));
    closeness_test_wait_for_drawn (view_child (fixture, "scrolled_window"));
    gtk_adjustment_set_value (adjustment, 330);
  }

  /* Side by side when wide, stacked when narrow. */
  {
    GtkWidget *a = gtk_widget_get_first_child (revealed);
    GtkWidget *b = gtk_widget_get_next_sibling (a);
    graphene_point_t pa, pb;

    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (a), revealed, &GRAPHENE_POINT_INIT (0, 0), &pa));
    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (b), revealed, &GRAPHENE_POINT_INIT (0, 0), &pb));
    g_assert_cmpfloat (pa.y, ==, pb.y);

    closeness_test_resize (fixture->window, 360, 640);
    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (a), revealed, &GRAPHENE_POINT_INIT (0, 0), &pa));
    g_assert_true (gtk_widget_compute_point (GTK_WIDGET (b), revealed, &GRAPHENE_POINT_INIT (0, 0), &pb));
    g_assert_cmpfloat (pb.y, >, pa.y);
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 360);
  }
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (view_child (fixture, "scrolled_window")), 560);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (view_child (fixture, "scrolled_window")), 0);

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

  /* Views made on first use keep the leaflet's order: overview, list,
   * conversation, so each slides in from the side a person expects. */
  {
    g_autoptr(ClosenessDeck) deck = g_list_model_get_item (closeness_store_get_decks (fixture->store), 0);

    closeness_conversations_page_open_deck (fixture->page, closeness_record_get_id (CLOSENESS_RECORD (deck)));
  }
  closeness_test_settle ();
  {
    g_autoptr(GtkSelectionModel) pages = adw_leaflet_get_pages (ADW_LEAFLET (page_child (fixture, "leaflet")));
    const char *expected[] = { "overview", "list", "prompt" };

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autoptr(AdwLeafletPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

        g_assert_cmpstr (adw_leaflet_page_get_name (page), ==, expected[i]);
      }
  }
}

/* "Draw a Card" draws from the decks ticked in the chooser next to it. */
static void
test_deck_chooser (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkMenuButton *chooser = page_child (fixture, "deck_chooser_button");
  GListModel *decks = closeness_store_get_decks (fixture->store);
  g_autoptr(ClosenessDeck) kept = g_list_model_get_item (decks, 1);
  g_autoptr(ClosenessDeck) desire = closeness_test_find_deck (fixture->store, "desire");
  GtkWidget *popover, *kept_check = NULL;
  guint n_checks = 0;

  g_assert_cmpstr (gtk_menu_button_get_label (chooser), ==, "All Decks");

  /* Opening the chooser lists every deck, all ticked; the desire deck only
   * once both partners chose it. */
  gtk_menu_button_popup (chooser);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (chooser));
  g_assert_nonnull (popover);
  closeness_test_wait_for_drawn (popover);
  g_assert_true (gtk_widget_get_mapped (popover));

  g_assert_null (find_widget_with_text (popover, GTK_TYPE_CHECK_BUTTON,
                                        closeness_deck_get_display_name (desire)));
  for (guint i = 0; i < g_list_model_get_n_items (decks); i++)
    {
      g_autoptr(ClosenessDeck) deck = g_list_model_get_item (decks, i);
      GtkWidget *check = find_widget_with_text (popover, GTK_TYPE_CHECK_BUTTON,
                                                closeness_deck_get_display_name (deck));

      if (deck == desire)
        continue;
      g_assert_nonnull (check);
      g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
      n_checks++;
      if (deck == kept)
        kept_check = check;
      else
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
    }
  g_assert_cmpuint (n_checks, ==, g_list_model_get_n_items (decks) - 1);
  g_assert_nonnull (kept_check);
  g_assert_cmpstr (gtk_menu_button_get_label (chooser), ==, "1 Deck");
  gtk_menu_button_popdown (chooser);

  /* The choice is kept with the couple's data: a new page, and a second
   * connection as after a restart, still leave the decks out. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ClosenessStore) again = closeness_store_new (closeness_store_get_path (fixture->store), &error);
    GtkWidget *page = closeness_conversations_page_new (fixture->store);
    GtkMenuButton *other = GTK_MENU_BUTTON (_closeness_conversations_page_get_object (CLOSENESS_CONVERSATIONS_PAGE (page),
                                                                                     "deck_chooser_button"));
    ClosenessConversationSettings *settings = NULL;

    g_assert_no_error (error);
    settings = closeness_conversation_settings_get_for_store (again);
    g_object_ref_sink (page);
    g_assert_cmpstr (gtk_menu_button_get_label (other), ==, "1 Deck");
    g_assert_false (closeness_conversation_settings_get_deck_left_out (settings,
                                                                       closeness_record_get_id (CLOSENESS_RECORD (kept))));
    for (guint i = 0; i < g_list_model_get_n_items (decks); i++)
      {
        g_autoptr(ClosenessDeck) deck = g_list_model_get_item (decks, i);

        if (deck != kept && deck != desire)
          g_assert_true (closeness_conversation_settings_get_deck_left_out (settings,
                                                                            closeness_record_get_id (CLOSENESS_RECORD (deck))));
      }
    g_object_unref (page);
  }

  /* Every card drawn now comes from the one deck left. */
  for (guint i = 0; i < 5; i++)
    {
      ClosenessPrompt *prompt;

      closeness_conversations_page_draw_card (fixture->page);
      closeness_test_settle ();
      prompt = closeness_prompt_view_get_prompt (get_prompt_view (fixture));
      g_assert_nonnull (prompt);
      g_assert_cmpint (closeness_prompt_get_deck_id (prompt), ==,
                       closeness_record_get_id (CLOSENESS_RECORD (kept)));
    }

  /* Ticking them again brings back "All Decks". */
  closeness_conversations_page_show_overview (fixture->page);
  gtk_menu_button_popup (chooser);
  closeness_test_settle ();
  g_assert_true ((gpointer) gtk_menu_button_get_popover (chooser) == (gpointer) popover);
  for (guint i = 0; i < g_list_model_get_n_items (decks); i++)
    {
      g_autoptr(ClosenessDeck) deck = g_list_model_get_item (decks, i);
      GtkWidget *check = find_widget_with_text (popover, GTK_TYPE_CHECK_BUTTON,
                                                closeness_deck_get_display_name (deck));

      if (deck != desire)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    }
  g_assert_cmpstr (gtk_menu_button_get_label (chooser), ==, "All Decks");
  gtk_menu_button_popdown (chooser);
}

static ClosenessConversationEditor *
wait_for_editor (void)
{
  GtkWindow *editor;

  closeness_test_wait_until (editor_shown_cond, NULL, "the editor to open");
  editor = find_editor ();
  g_assert_nonnull (editor);

  return CLOSENESS_CONVERSATION_EDITOR (editor);
}

static void
test_custom_prompt_delete_undo (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(ClosenessDeck) deck = closeness_test_find_deck (fixture->store, "play");
  GtkListBox *list = page_child (fixture, "list_box");
  const char *text = "Which tiny adventure 🌍 shall we plan next? (مغامرة صغيرة)";
  ClosenessConversationEditor *editor;
  GtkWidget *row_label;
  GtkWidget *undo;
  guint n_rows;

  closeness_test_resize (fixture->window, 360, 640);
  closeness_conversations_page_open_deck (fixture->page, closeness_record_get_id (CLOSENESS_RECORD (deck)));
  closeness_test_settle ();
  n_rows = count_children (list);

  /* Empty text is refused inline. */
  click (page_child (fixture, "new_prompt_button"));
  editor = wait_for_editor ();
  g_assert_false (closeness_conversation_editor_get_can_save (editor));
  closeness_conversation_editor_set_text (editor, "   ");
  g_assert_false (closeness_conversation_editor_get_can_save (editor));
  g_assert_cmpstr (closeness_conversation_editor_get_message (editor), ==, "Please write the question.");

  closeness_conversation_editor_set_text (editor, text);
  g_assert_true (closeness_conversation_editor_get_can_save (editor));
  g_assert_null (closeness_conversation_editor_get_message (editor));
  /* Press Save as a person would. */
  click (find_widget_with_text (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "_Save"));
  closeness_test_wait_until (no_editor_cond, NULL, "the editor to close");
  g_assert_null (find_editor ());

  g_assert_cmpuint (count_children (list), ==, n_rows + 1);
  row_label = find_widget_with_text (GTK_WIDGET (list), GTK_TYPE_LABEL, text);
  g_assert_nonnull (row_label);
  /* “Question added”, and there it is: scrolled into view and focused
   * (once it is laid out). */
  closeness_test_wait_until (has_focus_cond, gtk_widget_get_ancestor (row_label, GTK_TYPE_LIST_BOX_ROW),
                             "the new question to be focused");
  closeness_test_wait_for_drawn (page_child (fixture, "list_scrolled_window"));
  g_assert_true (is_scrolled_into_view (gtk_widget_get_ancestor (row_label, GTK_TYPE_LIST_BOX_ROW),
                                        page_child (fixture, "list_scrolled_window")));
  g_assert_true (gtk_widget_has_focus (gtk_widget_get_ancestor (row_label, GTK_TYPE_LIST_BOX_ROW)));

  /* Open it and delete it. */
  g_signal_emit_by_name (list, "row-activated", gtk_widget_get_ancestor (row_label, GTK_TYPE_LIST_BOX_ROW));
  closeness_test_settle ();
  g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "prompt");
  g_assert_true (gtk_widget_get_visible (view_child (fixture, "delete_button")));
  click (view_child (fixture, "delete_button"));
  closeness_test_settle ();
  g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "list");
  g_assert_cmpuint (count_children (list), ==, n_rows);
  g_assert_null (find_widget_with_text (GTK_WIDGET (list), GTK_TYPE_LABEL, text));

  /* Undo in the toast brings it back. “Question added” makes way for
   * “Question deleted” first: libadwaita 1.2 asserts if it comes back
   * before it has finished leaving. */
  closeness_test_wait_until (one_toast_cond, page_child (fixture, "toast_overlay"),
                             "the earlier toast to leave");
  undo = find_widget_with_text (page_child (fixture, "toast_overlay"), GTK_TYPE_BUTTON, "_Undo");
  g_assert_nonnull (undo);
  click (undo);
  closeness_test_settle ();
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
  closeness_test_settle ();
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 360);

  closeness_conversations_page_open_prompt (fixture->page, prompt);
  closeness_test_settle ();
  g_assert_cmpstr (gtk_label_get_text (view_child (fixture, "text_label")), ==, text->str);
  /* The layout holds: the window did not grow to fit the text. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 360);
}

static void
test_ceiling_in_ui (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *prefs = closeness_conversations_prefs_group_new (fixture->store);
  AdwComboRow *row = ADW_COMBO_ROW (gtk_widget_get_template_child (prefs, CLOSENESS_TYPE_CONVERSATIONS_PREFS_GROUP, "ceiling_row"));
  g_autoptr(ClosenessDeck) trust = closeness_test_find_deck (fixture->store, "trust");
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
  closeness_test_wait_for_visible (page_child (fixture, "search_box"), TRUE);
  g_assert_cmpuint (count_children (page_child (fixture, "search_list")), ==, 1);

  /* …and not once the couple chose “Gentle only”. */
  adw_combo_row_set_selected (row, CLOSENESS_INTENSITY_GENTLE);
  closeness_test_settle ();
  stored = closeness_store_dup_state (fixture->store, CLOSENESS_CONVERSATION_CEILING_KEY);
  g_assert_cmpstr (stored, ==, "gentle");
  g_assert_cmpuint (count_children (page_child (fixture, "search_list")), ==, 0);
  g_assert_true (gtk_widget_get_visible (page_child (fixture, "search_empty_status")));
  gtk_editable_set_text (GTK_EDITABLE (page_child (fixture, "search_entry")), "");
  closeness_test_wait_for_visible (page_child (fixture, "home_box"), TRUE);

  g_assert_cmpint (closeness_prompt_get_intensity (closeness_conversations_page_get_day_prompt (fixture->page)),
                   ==, CLOSENESS_INTENSITY_GENTLE);

  closeness_conversations_page_open_deck (fixture->page, closeness_record_get_id (CLOSENESS_RECORD (trust)));
  closeness_test_settle ();
  g_assert_cmpuint (count_children (list), >, 0);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      ClosenessPrompt *prompt = closeness_prompt_row_get_prompt (CLOSENESS_PROMPT_ROW (child));
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
  g_assert_nonnull (find_widget_with_text (GTK_WIDGET (timer), GTK_TYPE_LABEL, ISOLATED ("Alex") " speaks, " ISOLATED ("Sam") " listens"));

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
  g_assert_nonnull (find_widget_with_text (GTK_WIDGET (timer), GTK_TYPE_LABEL, ISOLATED ("Sam") " speaks, " ISOLATED ("Alex") " listens"));
  /* The end of the turn shows, not only rings, until the next one starts. */
  g_assert_cmpstr (closeness_talk_timer_get_turn_over (timer), ==, "Time is up. Now " ISOLATED ("Sam") " speaks.");
  closeness_talk_timer_set_running (timer, TRUE);
  g_assert_null (closeness_talk_timer_get_turn_over (timer));
  closeness_talk_timer_set_running (timer, FALSE);

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
  closeness_test_settle ();
  g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "overview");
  g_assert_true (gtk_widget_is_focus (entry) || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), entry));

  gtk_editable_set_text (GTK_EDITABLE (entry), "LAUGH");
  closeness_test_wait_for_visible (page_child (fixture, "search_box"), TRUE);
  g_assert_true (gtk_widget_get_mapped (page_child (fixture, "search_box")));
  g_assert_false (gtk_widget_get_visible (page_child (fixture, "home_box")));
  g_assert_cmpuint (count_children (page_child (fixture, "search_list")), >, 0);

  /* Clearing the search brings tonight's card back. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  closeness_test_wait_for_visible (page_child (fixture, "home_box"), TRUE);
  g_assert_true (gtk_widget_get_mapped (page_child (fixture, "home_box")));
  g_assert_false (gtk_widget_get_visible (page_child (fixture, "search_box")));
}

static gboolean
mapped_cond (gpointer user_data)
{
  return gtk_widget_get_mapped (user_data);
}

static void assert_accessible_label (gpointer    widget,
                                     const char *label);

static gpointer
page_object (ClosenessConversationsPage *page,
             const char                 *name)
{
  return _closeness_conversations_page_get_object (page, name);
}

static gpointer
window_child (ClosenessWindow *window,
              const char      *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (window), CLOSENESS_TYPE_WINDOW, name);
}

/* Issue 18: search hides behind a search button in the window's header bar,
 * as in GNOME apps, shown while Conversations is the page; the button,
 * Ctrl+F and Escape open and close it. */
static void
test_search_button (Fixture       *fixture,
                    gconstpointer  data)
{
  ClosenessWindow *window = closeness_window_new (NULL, fixture->store);
  ClosenessConversationsPage *page;
  GtkSearchBar *bar;
  GtkToggleButton *button = window_child (window, "search_button");
  GtkWidget *entry;
  g_autofree char *shot = NULL;

  closeness_window_set_page (window, CLOSENESS_PAGE_CONVERSATIONS);
  gtk_window_present (GTK_WINDOW (window));
  closeness_test_resize (GTK_WINDOW (window), 1280, 900);
  page = CLOSENESS_CONVERSATIONS_PAGE (adw_bin_get_child (window_child (window, "conversations_bin")));
  bar = page_object (page, "search_bar");
  entry = page_object (page, "search_entry");

  /* In the header bar, named, with the usual icon. */
  g_assert_true (GTK_IS_SEARCH_BAR (bar));
  g_assert_true (GTK_IS_TOGGLE_BUTTON (button));
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (button), window_child (window, "header_bar")));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (button)), ==, "system-search-symbolic");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), ==, "Search Questions");
  assert_accessible_label (button, "Search Questions");
  closeness_test_wait_for_drawn (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (button)));

  /* Closed at first: the overview starts with tonight's card. */
  g_assert_false (gtk_search_bar_get_search_mode (bar));
  g_assert_false (gtk_toggle_button_get_active (button));
  g_assert_false (gtk_widget_get_mapped (entry));

  /* The button opens it, with the cursor in the entry... */
  g_signal_emit_by_name (button, "clicked");
  closeness_test_wait_until (mapped_cond, entry, "the search entry to show");
  g_assert_true (gtk_search_bar_get_search_mode (bar));
  g_assert_true (gtk_widget_is_focus (entry) || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), "LAUGH");
  closeness_test_wait_for_visible (page_object (page, "search_box"), TRUE);
  closeness_test_wait_for_drawn (GTK_WIDGET (window));
  shot = closeness_test_screenshot (GTK_WIDGET (window), "conversations-search-1280");
  g_clear_pointer (&shot, g_free);

  /* ...and closing it forgets the words and brings tonight's card back. */
  g_signal_emit_by_name (button, "clicked");
  closeness_test_wait_for_visible (page_object (page, "home_box"), TRUE);
  g_assert_false (gtk_search_bar_get_search_mode (bar));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  /* Other pages have no questions to search: no button there. */
  closeness_window_set_page (window, CLOSENESS_PAGE_CALENDAR);
  closeness_test_settle ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (button)));
  closeness_window_set_page (window, CLOSENESS_PAGE_CONVERSATIONS);
  closeness_test_settle ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));

  /* Ctrl+F from a question opens it on the overview, with the focus in it,
   * and the header button pressed. */
  closeness_conversations_page_draw_card (page);
  closeness_test_settle ();
  g_assert_cmpstr (closeness_conversations_page_get_visible_view (page), ==, "prompt");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  closeness_test_settle ();
  g_assert_cmpstr (closeness_conversations_page_get_visible_view (page), ==, "overview");
  g_assert_true (gtk_search_bar_get_search_mode (bar));
  g_assert_true (gtk_toggle_button_get_active (button));
  g_assert_true (gtk_widget_is_focus (entry) || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));

  /* Escape in the entry closes it, clears it and releases the button. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "LAUGH");
  g_signal_emit_by_name (entry, "stop-search");
  closeness_test_settle ();
  g_assert_false (gtk_search_bar_get_search_mode (bar));
  g_assert_false (gtk_toggle_button_get_active (button));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  closeness_test_resize (GTK_WINDOW (window), 360, 640);
  g_signal_emit_by_name (button, "clicked");
  closeness_test_wait_until (mapped_cond, entry, "the search entry to show");
  /* Past the header's crossfade to the narrow title and the bar's slide. */
  closeness_test_iterate (800);
  closeness_test_wait_for_drawn (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (button)));
  shot = closeness_test_screenshot (GTK_WIDGET (window), "conversations-search-360");

  gtk_window_destroy (GTK_WINDOW (window));
  closeness_test_settle ();
}

/* The colours chosen in the welcome show beside each partner's name: their
 * answer row, their revealed answer and the talk timer's turn; a change in
 * Preferences shows at once, and a partner without a colour has no dot. */
static void
test_partner_colors (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ClosenessPrompt) prompt = g_list_model_get_item (closeness_store_get_prompts (fixture->store), 0);
  gint64 id = closeness_record_get_id (CLOSENESS_RECORD (prompt));
  GtkWidget *revealed = view_child (fixture, "revealed_box");
  ClosenessTalkTimer *timer = view_child (fixture, "talk_timer");
  GtkWidget *first_dot = closeness_test_find_partner_dot (view_child (fixture, "first_answer_row"));
  GtkWidget *second_dot = closeness_test_find_partner_dot (view_child (fixture, "second_answer_row"));
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
  shot = closeness_test_screenshot (GTK_WIDGET (fixture->window), "conversations-partner-colors-one-1280");
  g_clear_pointer (&shot, g_free);
  /* Alex speaks first. */
  closeness_test_assert_partner_dot (timer_dot, "#3584e4");

  click (view_child (fixture, "reveal_button"));
  g_assert_true (closeness_prompt_view_get_revealed (get_prompt_view (fixture)));
  closeness_test_wait_for_drawn (revealed);
  closeness_test_assert_partner_dot (closeness_test_find_partner_dot (gtk_widget_get_first_child (revealed)),
                                     "#3584e4");
  g_assert_nonnull (find_widget_with_text (gtk_widget_get_first_child (revealed), GTK_TYPE_LABEL, "Alex"));

  /* A new colour in Preferences, and Sam chooses one. */
  g_assert_true (closeness_store_update_partner (fixture->store, 0, "Alex", "#e62d42", &error));
  g_assert_true (closeness_store_update_partner (fixture->store, 1, "Sam", "#3a944a", &error));
  g_assert_no_error (error);
  closeness_test_settle ();
  closeness_test_assert_partner_dot (first_dot, "#e62d42");
  closeness_test_assert_partner_dot (second_dot, "#3a944a");
  closeness_test_assert_partner_dot (timer_dot, "#e62d42");
  closeness_test_assert_partner_dot (closeness_test_find_partner_dot (gtk_widget_get_first_child (revealed)),
                                     "#e62d42");
  closeness_test_assert_partner_dot (closeness_test_find_partner_dot (gtk_widget_get_last_child (revealed)),
                                     "#3a944a");

  /* Sam's turn: the timer shows Sam's colour. */
  closeness_talk_timer_switch_turns (timer);
  closeness_test_assert_partner_dot (timer_dot, "#3a944a");

  shot = closeness_test_screenshot (GTK_WIDGET (fixture->window), "conversations-partner-colors-1280");
  g_clear_pointer (&shot, g_free);
  closeness_test_resize (fixture->window, 360, 640);
  closeness_test_wait_for_drawn (GTK_WIDGET (fixture->window));
  closeness_test_assert_partner_dot (first_dot, "#e62d42");
  shot = closeness_test_screenshot (GTK_WIDGET (fixture->window), "conversations-partner-colors-360");
  g_clear_pointer (&shot, g_free);
  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (view_child (fixture, "scrolled_window"));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  }
  closeness_test_assert_partner_dot (timer_dot, "#3a944a");
  shot = closeness_test_screenshot (GTK_WIDGET (fixture->window), "conversations-partner-colors-timer-360");
}

/* Issue 18: the deck, Favorites and History have a back bar with their
 * title in it, as a header bar has; the name is on screen once. */
static void
test_back_bar_titles (Fixture       *fixture,
                      gconstpointer  data)
{
  GListModel *store_decks = closeness_store_get_decks (fixture->store);
  g_autoptr(ClosenessDeck) first = g_list_model_get_item (store_decks, 0);
  const char *name = closeness_deck_get_display_name (first);
  struct { const char *title; const char *shot; } views[] = {
    { name, "conversations-deck" },
    { "Favorites", "conversations-favorites" },
    { "History", "conversations-history" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      GtkWidget *title;

      closeness_test_resize (fixture->window, 1280, 900);
      if (i == 0)
        closeness_conversations_page_open_deck (fixture->page, closeness_record_get_id (CLOSENESS_RECORD (first)));
      else
        click (page_child (fixture, i == 1 ? "favourites_button" : "history_button"));
      closeness_test_wait_until (no_transition_cond, page_child (fixture, "leaflet"), "the slide to finish");
      g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "list");

      title = page_child (fixture, "list_title_label");
      closeness_test_wait_for_label (GTK_LABEL (title), views[i].title);
      g_assert_true (gtk_widget_get_mapped (title));
      g_assert_true (gtk_widget_get_parent (title) ==
                     gtk_widget_get_parent (page_child (fixture, "list_back_button")));
      g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (title), "closeness-nav-bar"));
      g_assert_cmpuint (count_mapped_labels (page_child (fixture, "leaflet"), views[i].title), ==, 1);

      for (guint w = 0; w < 2; w++)
        {
          int width = w == 0 ? 1280 : 360;
          g_autofree char *file = g_strdup_printf ("%s-%d", views[i].shot, width);
          g_autofree char *shot = NULL;

          closeness_test_resize (fixture->window, width, 640);
          closeness_test_wait_for_drawn (GTK_WIDGET (fixture->window));
          g_assert_cmpint (gtk_widget_get_width (title), >, 0);
          shot = closeness_test_screenshot (GTK_WIDGET (fixture->window), file);
        }

      click (page_child (fixture, "list_back_button"));
      g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "overview");
    }
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
  closeness_test_wait_until (no_transition_cond, page_child (fixture, "leaflet"), "the slide to finish");

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      g_autofree char *file = g_strdup_printf ("conversations-question-%d", widths[w]);
      g_autofree char *shot = NULL;

      closeness_test_resize (fixture->window, widths[w], 640);
      closeness_test_wait_for_drawn (GTK_WIDGET (fixture->window));
      shot = closeness_test_screenshot (GTK_WIDGET (fixture->window), file);

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          GtkWidget *button = view_child (fixture, names[i]);
          int natural;

          g_assert_true (gtk_widget_get_mapped (button));
          gtk_widget_measure (button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
          g_test_message ("%s at %d px: %d px wide, natural %d", names[i], widths[w],
                          gtk_widget_get_width (button), natural);
          g_assert_cmpint (gtk_widget_get_width (button), <=, natural);
          g_assert_false (gtk_widget_has_css_class (button, "destructive-action"));
        }
    }
}

/* Printing: the page asks app.print-prompts; a fake “app” group records what. */

static void
print_prompts_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GPtrArray *printed = user_data;

  g_ptr_array_add (printed, g_variant_dup_string (parameter, NULL));
}

static GPtrArray *
install_fake_print_action (Fixture *fixture)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("print-prompts", G_VARIANT_TYPE_STRING);
  GPtrArray *printed = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (action, "activate", G_CALLBACK (print_prompts_cb), printed);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "app", G_ACTION_GROUP (group));

  return printed;
}

/* Presses @keyval + @modifiers on @widget as its own shortcut controllers
 * would: runs the shortcut's action. FALSE if there is no such shortcut. */
static gboolean
press_shortcut (GtkWidget       *widget,
                guint            keyval,
                GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            {
              gboolean handled = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                               widget, gtk_shortcut_get_arguments (shortcut));
              closeness_test_settle ();
              return handled;
            }
        }
    }

  return FALSE;
}

static void
test_print (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) printed = install_fake_print_action (fixture);
  g_autoptr(ClosenessDeck) deck = closeness_test_find_deck (fixture->store, "play");
  gint64 deck_id = closeness_record_get_id (CLOSENESS_RECORD (deck));
  g_autofree char *deck_target = g_strdup_printf ("deck:%" G_GINT64_FORMAT, deck_id);
  GtkWidget *print_button = page_child (fixture, "print_button");
  GtkWidget *overview_print = page_child (fixture, "overview_print_button");
  g_autoptr(GError) error = NULL;

  /* The overview prints the whole library (the application applies the
   * ceiling), from its button and with Ctrl+P. */
  g_assert_true (gtk_widget_get_mapped (overview_print));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (overview_print), ==, "Print…");
  click (overview_print);
  g_assert_cmpuint (printed->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (printed, 0), ==, "all");
  g_assert_true (press_shortcut (GTK_WIDGET (fixture->page), GDK_KEY_p, GDK_CONTROL_MASK));
  g_assert_cmpuint (printed->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (printed, 1), ==, "all");

  /* A deck: “Print Deck…” in its header prints that deck. */
  closeness_conversations_page_open_deck (fixture->page, deck_id);
  closeness_test_settle ();
  g_assert_true (gtk_widget_get_mapped (print_button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (print_button), ==, "Print Deck…");
  click (print_button);
  g_assert_cmpuint (printed->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (printed, 2), ==, deck_target);

  /* Favorites: nothing to print while empty, then “Print Favorites…”. */
  click (page_child (fixture, "list_back_button"));
  click (page_child (fixture, "favourites_button"));
  g_assert_true (gtk_widget_get_mapped (print_button));
  g_assert_false (gtk_widget_is_sensitive (print_button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (print_button), ==, "Print Favorites…");
  click (page_child (fixture, "list_back_button"));
  {
    g_autoptr(ClosenessPrompt) prompt = g_list_model_get_item (closeness_store_get_prompts (fixture->store), 0);

    g_assert_true (closeness_store_set_favourite (fixture->store,
                                                  closeness_record_get_id (CLOSENESS_RECORD (prompt)),
                                                  TRUE, &error));
    g_assert_no_error (error);
  }
  click (page_child (fixture, "favourites_button"));
  click (print_button);
  g_assert_cmpuint (printed->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (printed, 3), ==, "favourites");

  /* History and a single conversation have no print. */
  click (page_child (fixture, "list_back_button"));
  click (page_child (fixture, "history_button"));
  g_assert_false (gtk_widget_get_visible (print_button));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "conversations.print", NULL) &&
                  printed->len > 4);
  g_assert_cmpuint (printed->len, ==, 4);
}

/* New Deck / New Question: Enter in an entry saves once and closes. */

/* What Enter does in a GtkEntry: its GtkText emits “activate”. */
static void
press_enter_in (GtkWidget *entry)
{
  gtk_widget_grab_focus (entry);
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (entry)), "activate");
  closeness_test_settle ();
}

static void
test_editor_enter_saves_once (Fixture       *fixture,
                              gconstpointer  data)
{
  GListModel *decks = closeness_store_get_decks (fixture->store);
  GListModel *prompts = closeness_store_get_prompts (fixture->store);
  guint n_decks = g_list_model_get_n_items (decks);
  guint n_prompts;
  ClosenessConversationEditor *editor;
  GtkWidget *entry;

  click (page_child (fixture, "new_deck_button"));
  editor = wait_for_editor ();
  entry = closeness_test_find_of_type (GTK_WIDGET (editor), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);

  /* Enter with no name: refused, the dialog stays. */
  press_enter_in (entry);
  g_assert_true (find_editor () == GTK_WINDOW (editor));
  g_assert_cmpuint (g_list_model_get_n_items (decks), ==, n_decks);

  /* Enter with a name: one deck, dialog closed, the deck open. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Weekend Plans");
  press_enter_in (entry);
  closeness_test_wait_until (no_editor_cond, NULL, "the editor to close");
  g_assert_cmpuint (g_list_model_get_n_items (decks), ==, n_decks + 1);
  g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "list");

  /* An empty deck says what to do and offers the button to do it. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child (fixture, "list_stack")), ==, "empty");
  g_assert_true (gtk_widget_get_mapped (page_child (fixture, "list_empty_button")));
  g_assert_cmpstr (gtk_button_get_label (page_child (fixture, "list_empty_button")), ==, "_Add a Question");
  g_assert_true (gtk_widget_has_css_class (page_child (fixture, "list_empty_button"), "suggested-action"));
  closeness_test_resize (fixture->window, 360, 640);

  /* New Question from there; Enter in the follow-up field saves it once. */
  n_prompts = g_list_model_get_n_items (prompts);
  click (page_child (fixture, "list_empty_button"));
  editor = wait_for_editor ();
  closeness_conversation_editor_set_text (editor, "What would make this weekend feel like ours?");
  entry = closeness_test_find_of_type (GTK_WIDGET (editor), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  press_enter_in (entry);
  closeness_test_wait_until (no_editor_cond, NULL, "the editor to close");
  g_assert_cmpuint (g_list_model_get_n_items (prompts), ==, n_prompts + 1);
  g_assert_cmpuint (count_children (page_child (fixture, "list_box")), ==, 1);
}

/* Accessible names: every icon-only button says what it does. */

static gboolean
is_icon_only (GtkButton *button)
{
  GtkWidget *child = gtk_button_get_child (button);

  return gtk_button_get_label (button) == NULL && GTK_IS_IMAGE (child);
}

static void
assert_icon_buttons_named (GtkWidget *root,
                           guint     *n_checked)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_widget_get_visible (child) && is_icon_only (GTK_BUTTON (child)) &&
          !gtk_widget_get_ancestor (child, GTK_TYPE_MENU_BUTTON))
        {
          const char *icon = gtk_button_get_icon_name (GTK_BUTTON (child));

          if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL))
            g_error ("The icon-only button “%s” (%s in %s) has no accessible name", icon,
                     gtk_buildable_get_buildable_id (GTK_BUILDABLE (child)),
                     G_OBJECT_TYPE_NAME (gtk_widget_get_parent (child)));
          g_assert_nonnull (gtk_widget_get_tooltip_text (child));
          (*n_checked)++;
        }

      assert_icon_buttons_named (child, n_checked);
    }
}

static void
assert_accessible_label (gpointer    widget,
                         const char *label)
{
  g_autofree char *error = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                               GTK_ACCESSIBLE_PROPERTY_LABEL, label);

  if (error != NULL)
    g_error ("%s: %s", label, error);
}

static void
test_accessible_names (Fixture       *fixture,
                       gconstpointer  data)
{
  static const struct { const char *id; const char *label; } page_buttons[] = {
    { "favourites_button", "Favorites" },
    { "history_button", "History" },
    { "overview_print_button", "Print…" },
    { "new_deck_button", "New Deck" },
    { "list_back_button", "Back" },
    { "edit_deck_button", "Edit Deck" },
    { "delete_deck_button", "Delete Deck" },
    { "new_prompt_button", "New Question" },
    { "print_button", "Print Deck…" },
  };
  static const struct { const char *id; const char *label; } view_buttons[] = {
    { "back_button", "Back" },
    { "edit_button", "Edit Question" },
    { "delete_button", "Delete Question" },
  };
  g_autoptr(ClosenessDeck) deck = NULL;
  g_autoptr(ClosenessPrompt) prompt = NULL;
  g_autoptr(GError) error = NULL;
  GtkFlowBox *decks = page_child (fixture, "decks_flow_box");
  GtkFlowBoxChild *card;
  guint n_checked = 0;

  deck = closeness_store_create_deck (fixture->store, "Our Own", "", &error);
  g_assert_no_error (error);
  prompt = closeness_store_create_prompt (fixture->store, closeness_record_get_id (CLOSENESS_RECORD (deck)),
                                          "What made you smile today?", NULL, CLOSENESS_INTENSITY_GENTLE,
                                          &error);
  g_assert_no_error (error);
  closeness_test_settle ();

  /* The overview, a custom deck (with its edit and delete buttons) and one
   * of its questions: every icon-only button on the way has a name. */
  assert_icon_buttons_named (GTK_WIDGET (fixture->page), &n_checked);
  closeness_conversations_page_open_deck (fixture->page, closeness_record_get_id (CLOSENESS_RECORD (deck)));
  closeness_test_settle ();
  assert_icon_buttons_named (GTK_WIDGET (fixture->page), &n_checked);
  for (guint i = 0; i < G_N_ELEMENTS (page_buttons); i++)
    {
      g_assert_true (gtk_widget_get_visible (page_child (fixture, page_buttons[i].id)));
      assert_accessible_label (page_child (fixture, page_buttons[i].id), page_buttons[i].label);
    }
  closeness_conversations_page_open_prompt (fixture->page, prompt);
  closeness_test_settle ();
  assert_icon_buttons_named (GTK_WIDGET (fixture->page), &n_checked);
  for (guint i = 0; i < G_N_ELEMENTS (view_buttons); i++)
    {
      g_assert_true (gtk_widget_get_visible (view_child (fixture, view_buttons[i].id)));
      assert_accessible_label (view_child (fixture, view_buttons[i].id), view_buttons[i].label);
    }
  g_assert_cmpuint (n_checked, >=, G_N_ELEMENTS (page_buttons) + G_N_ELEMENTS (view_buttons));

  /* The favourite star in a list row is a toggle with a name too. */
  click (view_child (fixture, "back_button"));
  {
    GtkWidget *toggle = closeness_test_find_of_type (page_child (fixture, "list_box"), GTK_TYPE_TOGGLE_BUTTON);

    g_assert_nonnull (toggle);
    assert_accessible_label (toggle, "Favorite");
  }
  click (page_child (fixture, "list_back_button"));

  /* Deck cards open with Enter or the keypad's Enter, as well as a click. */
  card = gtk_flow_box_get_child_at_index (decks, 1);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (card)));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (card)));
  g_assert_true (press_shortcut (GTK_WIDGET (decks), GDK_KEY_KP_Enter, 0));
  g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "list");
  click (page_child (fixture, "list_back_button"));
  card = gtk_flow_box_get_child_at_index (decks, 2);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (card)));
  g_assert_true (press_shortcut (GTK_WIDGET (decks), GDK_KEY_Return, 0));
  g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "list");
}

/* Reveal: a very long answer beside a short one leaves no blank card. */

static void
test_reveal_long_answer (Fixture       *fixture,
                         gconstpointer  data)
{
  ClosenessPromptView *view = get_prompt_view (fixture);
  GtkWidget *revealed = view_child (fixture, "revealed_box");
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(ClosenessPrompt) prompt = g_list_model_get_item (closeness_store_get_prompts (fixture->store), 0);
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
  click (view_child (fixture, "reveal_button"));
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
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (view_child (fixture, "scrolled_window")), 330);

  /* Narrow: stacked, the long card right below the short one. */
  closeness_test_resize (fixture->window, 360, 640);
  g_assert_true (gtk_widget_compute_bounds (long_card, revealed, &long_bounds));
  g_assert_true (gtk_widget_compute_bounds (short_card, revealed, &short_bounds));
  g_assert_cmpfloat (short_bounds.origin.y, >, long_bounds.origin.y);
  g_assert_cmpfloat (short_bounds.origin.y - (long_bounds.origin.y + long_bounds.size.height), <=, 24);
  g_assert_cmpfloat (short_bounds.size.height, <, 150);
  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (view_child (fixture, "scrolled_window"));
    graphene_point_t top;

    g_assert_true (gtk_widget_compute_point (short_card, gtk_viewport_get_child (GTK_VIEWPORT (gtk_scrolled_window_get_child (view_child (fixture, "scrolled_window")))),
                                             &GRAPHENE_POINT_INIT (0, 0), &top));
    gtk_adjustment_set_value (adjustment, top.y - 300);
  }
}

/* Preferences: the intensity choices are short and never cut off. */

static guint
count_ellipsized_labels (GtkWidget *root)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (child))))
        {
          g_test_message ("ellipsized: %s", gtk_label_get_text (GTK_LABEL (child)));
          n++;
        }
      n += count_ellipsized_labels (child);
    }

  return n;
}

static void
test_ceiling_labels (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *prefs = closeness_conversations_prefs_group_new (fixture->store);
  AdwComboRow *row = ADW_COMBO_ROW (gtk_widget_get_template_child (prefs, CLOSENESS_TYPE_CONVERSATIONS_PREFS_GROUP, "ceiling_row"));
  GListModel *model = adw_combo_row_get_model (row);
  static const char *expected[] = { "Gentle Only", "Gentle and Warm", "Everything" };
  GtkWidget *popover;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), i), ==, expected[i]);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "spicy questions also need the desire deck"));

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (prefs));
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_widget_set_size_request (window, 360, 294);
  gtk_window_present (GTK_WINDOW (window));
  closeness_test_resize (GTK_WINDOW (window), 360, 640);
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      adw_combo_row_set_selected (row, i);
      closeness_test_settle ();
      g_assert_cmpuint (count_ellipsized_labels (prefs), ==, 0);
    }

  /* The choices in the popover, too. */
  g_signal_emit_by_name (row, "activate");
  closeness_test_wait_until (popover_shown_cond, row, "the choices to pop up");
  popover = closeness_test_find_of_type (GTK_WIDGET (row), GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_mapped (popover));
  g_assert_nonnull (find_widget_with_text (popover, GTK_TYPE_LABEL, "Everything"));
  g_assert_cmpuint (count_ellipsized_labels (popover), ==, 0);
  gtk_popover_popdown (GTK_POPOVER (popover));

  gtk_window_destroy (GTK_WINDOW (window));
  closeness_test_settle ();
}

/* The desire deck in Preferences: a switch for each partner, named after
 * them; the deck opens only when both are on, and closes, on screen too,
 * as soon as either is off. */
static void
test_desire_deck_in_preferences (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *prefs = closeness_conversations_prefs_group_new (fixture->store);
  ClosenessConversationSettings *settings = closeness_conversation_settings_get_for_store (fixture->store);
  GtkSwitch *first = GTK_SWITCH (gtk_widget_get_template_child (prefs, CLOSENESS_TYPE_CONVERSATIONS_PREFS_GROUP, "first_desire_switch"));
  GtkSwitch *second = GTK_SWITCH (gtk_widget_get_template_child (prefs, CLOSENESS_TYPE_CONVERSATIONS_PREFS_GROUP, "second_desire_switch"));
  AdwActionRow *first_row = ADW_ACTION_ROW (gtk_widget_get_template_child (prefs, CLOSENESS_TYPE_CONVERSATIONS_PREFS_GROUP, "first_desire_row"));
  AdwActionRow *second_row = ADW_ACTION_ROW (gtk_widget_get_template_child (prefs, CLOSENESS_TYPE_CONVERSATIONS_PREFS_GROUP, "second_desire_row"));
  AdwActionRow *desire_row = ADW_ACTION_ROW (gtk_widget_get_template_child (prefs, CLOSENESS_TYPE_CONVERSATIONS_PREFS_GROUP, "desire_row"));
  GtkLabel *state = GTK_LABEL (gtk_widget_get_template_child (prefs, CLOSENESS_TYPE_CONVERSATIONS_PREFS_GROUP, "desire_state_label"));
  GtkFlowBox *decks = page_child (fixture, "decks_flow_box");
  g_autoptr(ClosenessDeck) desire = closeness_test_find_deck (fixture->store, "desire");
  g_autoptr(ClosenessPrompt) question = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  GListModel *prompts = closeness_store_get_prompts (fixture->store);
  guint n_cards;

  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (prefs));
  adw_window_set_content (ADW_WINDOW (window), page);
  gtk_widget_set_size_request (window, 360, 294);
  gtk_window_present (GTK_WINDOW (window));
  closeness_test_resize (GTK_WINDOW (window), 360, 900);

  /* Closed by default, and the description says why that is fine. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (desire_row), "both"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (desire_row), "not a lesser one"));
  g_assert_cmpstr (gtk_label_get_text (state), ==, "Closed");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first_row)), ==, "Alex");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (second_row)), ==, "Sam");
  g_assert_false (gtk_switch_get_active (first));
  g_assert_false (gtk_switch_get_active (second));
  g_assert_cmpuint (count_ellipsized_labels (prefs), ==, 0);
  n_cards = count_children (decks);

  /* Alex says yes: still closed. */
  gtk_switch_set_active (first, TRUE);
  closeness_test_settle ();
  stored = closeness_store_dup_state (fixture->store, CLOSENESS_CONVERSATION_DESIRE_KEY);
  g_assert_cmpstr (stored, ==, "0");
  g_assert_cmpstr (gtk_label_get_text (state), ==, "Closed");
  g_assert_false (closeness_conversation_settings_get_desire_open (settings));
  g_assert_cmpuint (count_children (decks), ==, n_cards);

  /* Sam too: open, and its card is on the page. */
  gtk_switch_set_active (second, TRUE);
  closeness_test_settle ();
  g_assert_cmpstr (gtk_label_get_text (state), ==, "Open");
  g_assert_true (closeness_conversation_settings_get_desire_open (settings));
  g_assert_cmpuint (count_children (decks), ==, n_cards + 1);

  /* A desire question on screen… */
  for (guint i = 0; i < g_list_model_get_n_items (prompts) && question == NULL; i++)
    {
      g_autoptr(ClosenessPrompt) prompt = g_list_model_get_item (prompts, i);

      if (closeness_prompt_get_deck_id (prompt) == closeness_record_get_id (CLOSENESS_RECORD (desire)) &&
          closeness_prompt_get_intensity (prompt) <= CLOSENESS_INTENSITY_WARM)
        question = g_steal_pointer (&prompt);
    }
  g_assert_nonnull (question);
  closeness_conversations_page_open_prompt (fixture->page, question);
  closeness_test_settle ();
  g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "prompt");

  /* …goes away the moment Sam takes the yes back. */
  gtk_switch_set_active (second, FALSE);
  closeness_test_settle ();
  g_assert_cmpstr (gtk_label_get_text (state), ==, "Closed");
  g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "overview");
  g_assert_null (closeness_prompt_view_get_prompt (get_prompt_view (fixture)));
  g_assert_cmpuint (count_children (decks), ==, n_cards);

  /* A new name shows at once, as text. */
  g_assert_true (closeness_store_update_partner (fixture->store, 0, "Robin & <Kai>", "", &error));
  g_assert_no_error (error);
  closeness_test_settle ();
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first_row)), ==, "Robin & <Kai>");

  gtk_window_destroy (GTK_WINDOW (window));
  closeness_test_settle ();
}

int
main (int   argc,
      char *argv[])
{
  /* Accessible properties are kept (and readable by the tests) only with an
   * accessibility backend; the test one needs no bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!closeness_test_init_display (&argc, &argv))
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  /* AdwApplication loads style.css itself; here there is no application. */
  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, "/com/example/Closeness/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

#define ADD(path, func) g_test_add ("/conversations-page/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("overview", test_overview);
  ADD ("deck-progress-from-keys", test_deck_progress_from_keys);
  ADD ("long-deck-name", test_long_deck_name);
  ADD ("draw-favourite-answer-reveal", test_draw_favourite_answer_reveal);
  ADD ("answered-elsewhere", test_answered_elsewhere);
  ADD ("answered-elsewhere-arrives", test_answered_elsewhere_arrives);
  ADD ("not-tonight", test_not_tonight);
  ADD ("deck-chooser", test_deck_chooser);
  ADD ("custom-prompt-delete-undo", test_custom_prompt_delete_undo);
  ADD ("long-text-layout", test_long_text_layout);
  ADD ("ceiling", test_ceiling_in_ui);
  ADD ("empty-states", test_empty_states);
  ADD ("talk-timer", test_talk_timer);
  ADD ("search-shortcut", test_search_shortcut);
  ADD ("search-button", test_search_button);
  ADD ("partner-colors", test_partner_colors);
  ADD ("back-bar-titles", test_back_bar_titles);
  ADD ("action-buttons-fit-labels", test_action_buttons_fit_labels);
  ADD ("print", test_print);
  ADD ("editor-enter-saves-once", test_editor_enter_saves_once);
  ADD ("accessible-names", test_accessible_names);
  ADD ("reveal-long-answer", test_reveal_long_answer);
  ADD ("ceiling-labels", test_ceiling_labels);
  ADD ("desire-deck-in-preferences", test_desire_deck_in_preferences);
#undef ADD

  return g_test_run ();
}
