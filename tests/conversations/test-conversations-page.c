/* test-conversations-page.c: the Conversations page as a couple uses it, under Xvfb:
 * the overview of decks, a deck's questions, search, custom questions and
 * decks, printing and accessible names.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "closeness-test-utils.h"
#include "conversations-test-fixture.h"
#include "closeness-window.h"
#include "conversations/closeness-conversation-editor.h"
#include "conversations/closeness-conversations-page-private.h"
#include "conversations/closeness-deck-card.h"

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

  return bounds.origin.y >= 0
         && bounds.origin.y + bounds.size.height
              <= gtk_widget_get_height (GTK_WIDGET (scrolled_window));
}

static gboolean
editor_shown_cond (gpointer user_data)
{
  return conversations_test_find_editor () != NULL;
}

static gboolean
no_editor_cond (gpointer user_data)
{
  return conversations_test_find_editor () == NULL;
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
  return conversations_test_count_children (user_data) <= 2;
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
  return conversations_test_count_children (user_data) > 0;
}

/* The overview says how far the couple got in every deck without loading
 * every prompt (issue 17: a cheaper first page), and still follows a
 * conversation marked as discussed. */
static void
test_deck_progress_from_keys (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkFlowBox *decks = conversations_test_page_child (fixture, "decks_flow_box");
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
  g_assert_nonnull (
    conversations_test_find_widget_with_text (GTK_WIDGET (card), GTK_TYPE_LABEL, before));

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
  g_assert_nonnull (
    conversations_test_find_widget_with_text (GTK_WIDGET (card), GTK_TYPE_LABEL, expected));
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
  GtkFlowBox *decks = conversations_test_page_child (fixture, "decks_flow_box");
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
  g_assert_cmpuint (conversations_test_count_children (GTK_WIDGET (decks)), ==, n_cards);
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

  /* A description that fills its three lines still leaves room above
   * "0 of 0 discussed", as a shorter one does (it was 6 px). */
  {
    GtkWidget *description_widget = gtk_widget_get_next_sibling (name_widget);
    GtkWidget *progress = gtk_widget_get_next_sibling (description_widget);
    graphene_rect_t text, count;

    g_assert_true (GTK_IS_INSCRIPTION (description_widget));
    g_assert_true (gtk_widget_has_css_class (progress, "closeness-deck-progress"));
    g_assert_true (gtk_widget_compute_bounds (description_widget, long_card, &text));
    g_assert_true (gtk_widget_compute_bounds (progress, long_card, &count));
    g_assert_cmpfloat (count.origin.y - (text.origin.y + text.size.height), >=, 12);
  }
}

static void
test_overview (Fixture       *fixture,
               gconstpointer  data)
{
  GtkFlowBox *decks = conversations_test_page_child (fixture, "decks_flow_box");
  GtkLabel *day_label = conversations_test_page_child (fixture, "day_text_label");
  ClosenessPrompt *day = closeness_conversations_page_get_day_prompt (fixture->page);
  GListModel *store_decks = closeness_store_get_decks (fixture->store);
  g_autoptr(ClosenessDeck) first = g_list_model_get_item (store_decks, 0);
  g_autofree char *progress = NULL;
  guint discussed, total;

  g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "overview");
  /* Every deck but the desire deck, which nobody chose yet. */
  g_assert_cmpuint (conversations_test_count_children (decks), ==,
                    g_list_model_get_n_items (store_decks) - 1);
  g_assert_cmpuint (conversations_test_count_children (decks), >=, 10);

  /* The question of the day is shown, within the ceiling. */
  g_assert_nonnull (day);
  g_assert_cmpint (closeness_prompt_get_intensity (day), <=, CLOSENESS_INTENSITY_WARM);
  g_assert_cmpstr (gtk_label_get_text (day_label), ==, closeness_prompt_get_display_text (day));

  /* Every deck card says how far the couple got. */
  closeness_conversation_count_progress (closeness_store_get_prompts (fixture->store),
                                         &(ClosenessPromptFilter) { .ceiling =
                                                                     CLOSENESS_INTENSITY_WARM },
                                         closeness_record_get_id (CLOSENESS_RECORD (first)),
                                         &discussed, &total);
  progress = closeness_conversation_format_progress (discussed, total);
  g_assert_nonnull (
    conversations_test_find_widget_with_text (GTK_WIDGET (decks), GTK_TYPE_LABEL, progress));
  g_assert_nonnull (
    conversations_test_find_widget_with_text (GTK_WIDGET (decks), GTK_TYPE_INSCRIPTION,
                                              closeness_deck_get_display_name (first)));

  closeness_test_resize (fixture->window, 360, 640);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 360);

  /* Opening a deck card shows its questions, and Back returns. */
  {
    GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (decks, 0);
    GtkListBox *list = conversations_test_page_child (fixture, "list_box");

    g_signal_emit_by_name (decks, "child-activated", child);
    closeness_test_settle ();
    g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "list");
    g_assert_cmpuint (conversations_test_count_children (list), ==, total);
    /* The deck's name is on screen once, as the heading (once the slide
     * from the overview has finished, which takes longer on a busy machine). */
    closeness_test_wait_until (conversations_test_no_transition_cond,
                               conversations_test_page_child (fixture, "leaflet"),
                               "the slide to finish");
    g_assert_cmpuint (count_mapped_labels (conversations_test_page_child (fixture, "leaflet"),
                                           closeness_deck_get_display_name (first)), ==, 1);
    conversations_test_click (conversations_test_page_child (fixture, "list_back_button"));
    g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "overview");
  }
}

/* "Draw a Card" draws from the decks ticked in the chooser next to it. */
static void
test_deck_chooser (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkMenuButton *chooser = conversations_test_page_child (fixture, "deck_chooser_button");
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

  g_assert_null (
    conversations_test_find_widget_with_text (popover, GTK_TYPE_CHECK_BUTTON,
                                              closeness_deck_get_display_name (desire)));
  for (guint i = 0; i < g_list_model_get_n_items (decks); i++)
    {
      g_autoptr(ClosenessDeck) deck = g_list_model_get_item (decks, i);
      GtkWidget *check =
        conversations_test_find_widget_with_text (popover, GTK_TYPE_CHECK_BUTTON,
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
    g_autoptr(ClosenessStore) again =
      closeness_store_new (closeness_store_get_path (fixture->store), &error);
    GtkWidget *page = closeness_conversations_page_new (fixture->store);
    GtkMenuButton *other = GTK_MENU_BUTTON (
      _closeness_conversations_page_get_object (CLOSENESS_CONVERSATIONS_PAGE (page),
                                                "deck_chooser_button"));
    ClosenessConversationSettings *settings = NULL;

    g_assert_no_error (error);
    settings = closeness_conversation_settings_get_for_store (again);
    g_object_ref_sink (page);
    g_assert_cmpstr (gtk_menu_button_get_label (other), ==, "1 Deck");
    g_assert_false (
      closeness_conversation_settings_get_deck_left_out (settings, closeness_record_get_id (
                                                                     CLOSENESS_RECORD (kept))));
    for (guint i = 0; i < g_list_model_get_n_items (decks); i++)
      {
        g_autoptr(ClosenessDeck) deck = g_list_model_get_item (decks, i);

        if (deck != kept && deck != desire)
          g_assert_true (
            closeness_conversation_settings_get_deck_left_out (settings,
                                                               closeness_record_get_id (
                                                                 CLOSENESS_RECORD (deck))));
      }
    g_object_unref (page);
  }

  /* Every card drawn now comes from the one deck left. */
  for (guint i = 0; i < 5; i++)
    {
      ClosenessPrompt *prompt;

      closeness_conversations_page_draw_card (fixture->page);
      closeness_test_settle ();
      prompt = closeness_prompt_view_get_prompt (conversations_test_get_prompt_view (fixture));
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
      GtkWidget *check =
        conversations_test_find_widget_with_text (popover, GTK_TYPE_CHECK_BUTTON,
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
  editor = conversations_test_find_editor ();
  g_assert_nonnull (editor);

  return CLOSENESS_CONVERSATION_EDITOR (editor);
}

static void
test_custom_prompt_delete_undo (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(ClosenessDeck) deck = closeness_test_find_deck (fixture->store, "play");
  GtkListBox *list = conversations_test_page_child (fixture, "list_box");
  const char *text = "Which tiny adventure 🌍 shall we plan next? (مغامرة صغيرة)";
  ClosenessConversationEditor *editor;
  GtkWidget *row_label;
  GtkWidget *undo;
  guint n_rows;

  closeness_test_resize (fixture->window, 360, 640);
  closeness_conversations_page_open_deck (fixture->page,
                                          closeness_record_get_id (CLOSENESS_RECORD (deck)));
  closeness_test_settle ();
  n_rows = conversations_test_count_children (list);

  /* Empty text is refused inline. */
  conversations_test_click (conversations_test_page_child (fixture, "new_prompt_button"));
  editor = wait_for_editor ();
  g_assert_false (closeness_conversation_editor_get_can_save (editor));
  closeness_conversation_editor_set_text (editor, "   ");
  g_assert_false (closeness_conversation_editor_get_can_save (editor));
  g_assert_cmpstr (closeness_conversation_editor_get_message (editor), ==,
                   "Please write the question.");

  closeness_conversation_editor_set_text (editor, text);
  g_assert_true (closeness_conversation_editor_get_can_save (editor));
  g_assert_null (closeness_conversation_editor_get_message (editor));
  /* Press Save as a person would. */
  conversations_test_click (
    conversations_test_find_widget_with_text (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "_Save"));
  closeness_test_wait_until (no_editor_cond, NULL, "the editor to close");
  g_assert_null (conversations_test_find_editor ());

  g_assert_cmpuint (conversations_test_count_children (list), ==, n_rows + 1);
  row_label = conversations_test_find_widget_with_text (GTK_WIDGET (list), GTK_TYPE_LABEL, text);
  g_assert_nonnull (row_label);
  /* “Question added”, and there it is: scrolled into view and focused
   * (once it is laid out). */
  closeness_test_wait_until (has_focus_cond,
                             gtk_widget_get_ancestor (row_label, GTK_TYPE_LIST_BOX_ROW),
                             "the new question to be focused");
  closeness_test_wait_for_drawn (conversations_test_page_child (fixture, "list_scrolled_window"));
  g_assert_true (
    is_scrolled_into_view (gtk_widget_get_ancestor (row_label, GTK_TYPE_LIST_BOX_ROW),
                           conversations_test_page_child (fixture, "list_scrolled_window")));
  g_assert_true (gtk_widget_has_focus (gtk_widget_get_ancestor (row_label, GTK_TYPE_LIST_BOX_ROW)));

  /* Open it and delete it. */
  g_signal_emit_by_name (list, "row-activated",
                         gtk_widget_get_ancestor (row_label, GTK_TYPE_LIST_BOX_ROW));
  closeness_test_settle ();
  g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "prompt");
  g_assert_true (gtk_widget_get_visible (conversations_test_view_child (fixture, "delete_button")));
  conversations_test_click (conversations_test_view_child (fixture, "delete_button"));
  closeness_test_settle ();
  g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "list");
  g_assert_cmpuint (conversations_test_count_children (list), ==, n_rows);
  g_assert_null (
    conversations_test_find_widget_with_text (GTK_WIDGET (list), GTK_TYPE_LABEL, text));

  /* Undo in the toast brings it back. “Question added” makes way for
   * “Question deleted” first: libadwaita 1.2 asserts if it comes back
   * before it has finished leaving. */
  closeness_test_wait_until (one_toast_cond,
                             conversations_test_page_child (fixture, "toast_overlay"),
                             "the earlier toast to leave");
  undo = conversations_test_find_widget_with_text (conversations_test_page_child (fixture,
                                                                                  "toast_overlay"),
                                                   GTK_TYPE_BUTTON, "_Undo");
  g_assert_nonnull (undo);
  conversations_test_click (undo);
  closeness_test_settle ();
  g_assert_cmpuint (conversations_test_count_children (list), ==, n_rows + 1);
  g_assert_nonnull (
    conversations_test_find_widget_with_text (GTK_WIDGET (list), GTK_TYPE_LABEL, text));
}

static void
test_empty_states (Fixture       *fixture,
                   gconstpointer  data)
{
  AdwStatusPage *status = conversations_test_page_child (fixture, "list_empty_status");

  conversations_test_click (conversations_test_page_child (fixture, "favourites_button"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     conversations_test_page_child (fixture, "list_stack")),
                   ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Favorites Yet");
  conversations_test_click (conversations_test_page_child (fixture, "list_back_button"));
  conversations_test_click (conversations_test_page_child (fixture, "history_button"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     conversations_test_page_child (fixture, "list_stack")),
                   ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "No Conversations Yet");
}

static void
test_search_shortcut (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *entry = conversations_test_page_child (fixture, "search_entry");

  closeness_conversations_page_draw_card (fixture->page);
  g_assert_true (
    gtk_widget_activate_action (GTK_WIDGET (fixture->page), "conversations.search", NULL));
  closeness_test_settle ();
  g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "overview");
  g_assert_true (
    gtk_widget_is_focus (entry)
    || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), entry));

  gtk_editable_set_text (GTK_EDITABLE (entry), "LAUGH");
  closeness_test_wait_for_visible (conversations_test_page_child (fixture, "search_box"), TRUE);
  g_assert_true (gtk_widget_get_mapped (conversations_test_page_child (fixture, "search_box")));
  g_assert_false (gtk_widget_get_visible (conversations_test_page_child (fixture, "home_box")));
  g_assert_cmpuint (conversations_test_count_children (
                      conversations_test_page_child (fixture, "search_list")),
                    >, 0);

  /* Clearing the search brings tonight's card back. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  closeness_test_wait_for_visible (conversations_test_page_child (fixture, "home_box"), TRUE);
  g_assert_true (gtk_widget_get_mapped (conversations_test_page_child (fixture, "home_box")));
  g_assert_false (gtk_widget_get_visible (conversations_test_page_child (fixture, "search_box")));
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
  page =
    CLOSENESS_CONVERSATIONS_PAGE (adw_bin_get_child (window_child (window, "conversations_bin")));
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
  g_assert_true (gtk_widget_is_focus (entry)
                 || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));
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
  g_assert_true (gtk_widget_is_focus (entry)
                 || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));

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
        closeness_conversations_page_open_deck (fixture->page,
                                                closeness_record_get_id (CLOSENESS_RECORD (first)));
      else
        conversations_test_click (
          conversations_test_page_child (fixture, i == 1 ? "favourites_button" : "history_button"));
      closeness_test_wait_until (conversations_test_no_transition_cond,
                                 conversations_test_page_child (fixture, "leaflet"),
                                 "the slide to finish");
      g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "list");

      title = conversations_test_page_child (fixture, "list_title_label");
      closeness_test_wait_for_label (GTK_LABEL (title), views[i].title);
      g_assert_true (gtk_widget_get_mapped (title));
      g_assert_true (
        gtk_widget_get_parent (title)
        == gtk_widget_get_parent (conversations_test_page_child (fixture, "list_back_button")));
      g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (title), "closeness-nav-bar"));
      g_assert_cmpuint (count_mapped_labels (conversations_test_page_child (fixture, "leaflet"),
                                             views[i].title),
                        ==, 1);

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

      conversations_test_click (conversations_test_page_child (fixture, "list_back_button"));
      g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==,
                       "overview");
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
              gboolean handled =
                gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                              gtk_shortcut_get_arguments (shortcut));
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
  GtkWidget *print_button = conversations_test_page_child (fixture, "print_button");
  GtkWidget *overview_print = conversations_test_page_child (fixture, "overview_print_button");
  g_autoptr(GError) error = NULL;

  /* The overview prints the whole library (the application applies the
   * ceiling), from its button and with Ctrl+P. */
  g_assert_true (gtk_widget_get_mapped (overview_print));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (overview_print), ==, "Print…");
  conversations_test_click (overview_print);
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
  conversations_test_click (print_button);
  g_assert_cmpuint (printed->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (printed, 2), ==, deck_target);

  /* Favorites: nothing to print while empty, then “Print Favorites…”. */
  conversations_test_click (conversations_test_page_child (fixture, "list_back_button"));
  conversations_test_click (conversations_test_page_child (fixture, "favourites_button"));
  g_assert_true (gtk_widget_get_mapped (print_button));
  g_assert_false (gtk_widget_is_sensitive (print_button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (print_button), ==, "Print Favorites…");
  conversations_test_click (conversations_test_page_child (fixture, "list_back_button"));
  {
    g_autoptr(ClosenessPrompt) prompt =
      g_list_model_get_item (closeness_store_get_prompts (fixture->store), 0);

    g_assert_true (
      closeness_store_set_favourite (fixture->store,
                                     closeness_record_get_id (CLOSENESS_RECORD (prompt)), TRUE,
                                     &error));
    g_assert_no_error (error);
  }
  conversations_test_click (conversations_test_page_child (fixture, "favourites_button"));
  conversations_test_click (print_button);
  g_assert_cmpuint (printed->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (printed, 3), ==, "favourites");

  /* History and a single conversation have no print. */
  conversations_test_click (conversations_test_page_child (fixture, "list_back_button"));
  conversations_test_click (conversations_test_page_child (fixture, "history_button"));
  g_assert_false (gtk_widget_get_visible (print_button));
  g_assert_false (
    gtk_widget_activate_action (GTK_WIDGET (fixture->page), "conversations.print", NULL)
    && printed->len > 4);
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

  conversations_test_click (conversations_test_page_child (fixture, "new_deck_button"));
  editor = wait_for_editor ();
  entry = closeness_test_find_of_type (GTK_WIDGET (editor), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);

  /* Enter with no name: refused, the dialog stays. */
  press_enter_in (entry);
  g_assert_true (conversations_test_find_editor () == GTK_WINDOW (editor));
  g_assert_cmpuint (g_list_model_get_n_items (decks), ==, n_decks);

  /* Enter with a name: one deck, dialog closed, the deck open. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Weekend Plans");
  press_enter_in (entry);
  closeness_test_wait_until (no_editor_cond, NULL, "the editor to close");
  g_assert_cmpuint (g_list_model_get_n_items (decks), ==, n_decks + 1);
  g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "list");

  /* An empty deck says what to do and offers the button to do it. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     conversations_test_page_child (fixture, "list_stack")),
                   ==, "empty");
  g_assert_true (
    gtk_widget_get_mapped (conversations_test_page_child (fixture, "list_empty_button")));
  g_assert_cmpstr (gtk_button_get_label (
                     conversations_test_page_child (fixture, "list_empty_button")),
                   ==, "_Add a Question");
  g_assert_true (
    gtk_widget_has_css_class (conversations_test_page_child (fixture, "list_empty_button"),
                              "suggested-action"));
  closeness_test_resize (fixture->window, 360, 640);

  /* New Question from there; Enter in the follow-up field saves it once. */
  n_prompts = g_list_model_get_n_items (prompts);
  conversations_test_click (conversations_test_page_child (fixture, "list_empty_button"));
  editor = wait_for_editor ();
  closeness_conversation_editor_set_text (editor, "What would make this weekend feel like ours?");
  entry = closeness_test_find_of_type (GTK_WIDGET (editor), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  press_enter_in (entry);
  closeness_test_wait_until (no_editor_cond, NULL, "the editor to close");
  g_assert_cmpuint (g_list_model_get_n_items (prompts), ==, n_prompts + 1);
  g_assert_cmpuint (conversations_test_count_children (
                      conversations_test_page_child (fixture, "list_box")),
                    ==, 1);
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
      if (GTK_IS_BUTTON (child) && gtk_widget_get_visible (child)
          && is_icon_only (GTK_BUTTON (child))
          && !gtk_widget_get_ancestor (child, GTK_TYPE_MENU_BUTTON))
        {
          const char *icon = gtk_button_get_icon_name (GTK_BUTTON (child));

          if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (child),
                                                 GTK_ACCESSIBLE_PROPERTY_LABEL))
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
  g_autofree char *error =
    gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        label);

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
  GtkFlowBox *decks = conversations_test_page_child (fixture, "decks_flow_box");
  GtkFlowBoxChild *card;
  guint n_checked = 0;

  deck = closeness_store_create_deck (fixture->store, "Our Own", "", &error);
  g_assert_no_error (error);
  prompt = closeness_store_create_prompt (fixture->store,
                                          closeness_record_get_id (CLOSENESS_RECORD (deck)),
                                          "What made you smile today?", NULL,
                                          CLOSENESS_INTENSITY_GENTLE, &error);
  g_assert_no_error (error);
  closeness_test_settle ();

  /* The overview, a custom deck (with its edit and delete buttons) and one
   * of its questions: every icon-only button on the way has a name. */
  assert_icon_buttons_named (GTK_WIDGET (fixture->page), &n_checked);
  closeness_conversations_page_open_deck (fixture->page,
                                          closeness_record_get_id (CLOSENESS_RECORD (deck)));
  closeness_test_settle ();
  assert_icon_buttons_named (GTK_WIDGET (fixture->page), &n_checked);
  for (guint i = 0; i < G_N_ELEMENTS (page_buttons); i++)
    {
      g_assert_true (
        gtk_widget_get_visible (conversations_test_page_child (fixture, page_buttons[i].id)));
      assert_accessible_label (conversations_test_page_child (fixture, page_buttons[i].id),
                               page_buttons[i].label);
    }
  closeness_conversations_page_open_prompt (fixture->page, prompt);
  closeness_test_settle ();
  assert_icon_buttons_named (GTK_WIDGET (fixture->page), &n_checked);
  for (guint i = 0; i < G_N_ELEMENTS (view_buttons); i++)
    {
      g_assert_true (
        gtk_widget_get_visible (conversations_test_view_child (fixture, view_buttons[i].id)));
      assert_accessible_label (conversations_test_view_child (fixture, view_buttons[i].id),
                               view_buttons[i].label);
    }
  g_assert_cmpuint (n_checked, >=, G_N_ELEMENTS (page_buttons) + G_N_ELEMENTS (view_buttons));

  /* The favourite star in a list row is a toggle with a name too. */
  conversations_test_click (conversations_test_view_child (fixture, "back_button"));
  {
    GtkWidget *toggle =
      closeness_test_find_of_type (conversations_test_page_child (fixture, "list_box"),
                                   GTK_TYPE_TOGGLE_BUTTON);

    g_assert_nonnull (toggle);
    assert_accessible_label (toggle, "Favorite");
  }
  conversations_test_click (conversations_test_page_child (fixture, "list_back_button"));

  /* Deck cards open with Enter or the keypad's Enter, as well as a click. */
  card = gtk_flow_box_get_child_at_index (decks, 1);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (card)));
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (card)));
  g_assert_true (press_shortcut (GTK_WIDGET (decks), GDK_KEY_KP_Enter, 0));
  g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "list");
  conversations_test_click (conversations_test_page_child (fixture, "list_back_button"));
  card = gtk_flow_box_get_child_at_index (decks, 2);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (card)));
  g_assert_true (press_shortcut (GTK_WIDGET (decks), GDK_KEY_Return, 0));
  g_assert_cmpstr (closeness_conversations_page_get_visible_view (fixture->page), ==, "list");
}

int
main (int   argc,
      char *argv[])
{
  if (!conversations_test_init (&argc, &argv))
    return 0;

#define ADD CONVERSATIONS_TEST_ADD
  ADD ("overview", test_overview);
  ADD ("deck-progress-from-keys", test_deck_progress_from_keys);
  ADD ("long-deck-name", test_long_deck_name);
  ADD ("deck-chooser", test_deck_chooser);
  ADD ("custom-prompt-delete-undo", test_custom_prompt_delete_undo);
  ADD ("empty-states", test_empty_states);
  ADD ("search-shortcut", test_search_shortcut);
  ADD ("search-button", test_search_button);
  ADD ("back-bar-titles", test_back_bar_titles);
  ADD ("print", test_print);
  ADD ("editor-enter-saves-once", test_editor_enter_saves_once);
  ADD ("accessible-names", test_accessible_names);
#undef ADD

  return g_test_run ();
}
