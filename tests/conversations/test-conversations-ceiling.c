/* test-conversations-ceiling.c: the intensity ceiling of the Conversations page,
 * under Xvfb: which questions it lets through, its labels, and the desire
 * deck in the preferences.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "closeness-test-utils.h"
#include "conversations-test-fixture.h"
#include "conversations/closeness-conversations-page-private.h"
#include "conversations/closeness-conversations-prefs-group.h"
#include "conversations/closeness-prompt-row.h"

static gboolean
popover_shown_cond (gpointer user_data)
{
  GtkWidget *popover = closeness_test_find_of_type (user_data, GTK_TYPE_POPOVER);

  return popover != NULL && gtk_widget_get_mapped (popover);
}

static void
test_ceiling_in_ui (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *prefs = closeness_conversations_prefs_group_new (fixture->store);
  AdwComboRow *row = ADW_COMBO_ROW (
    gtk_widget_get_template_child (prefs, CLOSENESS_TYPE_CONVERSATIONS_PREFS_GROUP, "ceiling_row"));
  g_autoptr(ClosenessDeck) trust = closeness_test_find_deck (fixture->store, "trust");
  GtkListBox *list = conversations_test_page_child (fixture, "list_box");
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
  gtk_editable_set_text (GTK_EDITABLE (conversations_test_page_child (fixture, "search_entry")),
                         warm_text);
  closeness_test_wait_for_visible (conversations_test_page_child (fixture, "search_box"), TRUE);
  g_assert_cmpuint (conversations_test_count_children (
                      conversations_test_page_child (fixture, "search_list")),
                    ==, 1);

  /* …and not once the couple chose “Gentle only”. */
  adw_combo_row_set_selected (row, CLOSENESS_INTENSITY_GENTLE);
  closeness_test_settle ();
  stored = closeness_store_dup_state (fixture->store, CLOSENESS_CONVERSATION_CEILING_KEY);
  g_assert_cmpstr (stored, ==, "gentle");
  g_assert_cmpuint (conversations_test_count_children (
                      conversations_test_page_child (fixture, "search_list")),
                    ==, 0);
  g_assert_true (
    gtk_widget_get_visible (conversations_test_page_child (fixture, "search_empty_status")));
  gtk_editable_set_text (GTK_EDITABLE (conversations_test_page_child (fixture, "search_entry")),
                         "");
  closeness_test_wait_for_visible (conversations_test_page_child (fixture, "home_box"), TRUE);

  g_assert_cmpint (closeness_prompt_get_intensity (
                     closeness_conversations_page_get_day_prompt (fixture->page)),
                   ==, CLOSENESS_INTENSITY_GENTLE);

  closeness_conversations_page_open_deck (fixture->page,
                                          closeness_record_get_id (CLOSENESS_RECORD (trust)));
  closeness_test_settle ();
  g_assert_cmpuint (conversations_test_count_children (list), >, 0);
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
      g_assert_cmpint (closeness_prompt_get_intensity (closeness_prompt_view_get_prompt (
                         conversations_test_get_prompt_view (fixture))),
                       ==, CLOSENESS_INTENSITY_GENTLE);
    }

  g_object_unref (prefs);
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
  AdwComboRow *row = ADW_COMBO_ROW (
    gtk_widget_get_template_child (prefs, CLOSENESS_TYPE_CONVERSATIONS_PREFS_GROUP, "ceiling_row"));
  GListModel *model = adw_combo_row_get_model (row);
  static const char *expected[] = { "Gentle Only", "Gentle and Warm", "Everything" };
  GtkWidget *popover;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), i), ==, expected[i]);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "spicy questions also need the desire deck"));

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
  g_assert_nonnull (
    conversations_test_find_widget_with_text (popover, GTK_TYPE_LABEL, "Everything"));
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
  ClosenessConversationSettings *settings =
    closeness_conversation_settings_get_for_store (fixture->store);
  GtkSwitch *first =
    GTK_SWITCH (gtk_widget_get_template_child (prefs, CLOSENESS_TYPE_CONVERSATIONS_PREFS_GROUP,
                                               "first_desire_switch"));
  GtkSwitch *second =
    GTK_SWITCH (gtk_widget_get_template_child (prefs, CLOSENESS_TYPE_CONVERSATIONS_PREFS_GROUP,
                                               "second_desire_switch"));
  AdwActionRow *first_row =
    ADW_ACTION_ROW (gtk_widget_get_template_child (prefs, CLOSENESS_TYPE_CONVERSATIONS_PREFS_GROUP,
                                                   "first_desire_row"));
  AdwActionRow *second_row =
    ADW_ACTION_ROW (gtk_widget_get_template_child (prefs, CLOSENESS_TYPE_CONVERSATIONS_PREFS_GROUP,
                                                   "second_desire_row"));
  AdwActionRow *desire_row = ADW_ACTION_ROW (
    gtk_widget_get_template_child (prefs, CLOSENESS_TYPE_CONVERSATIONS_PREFS_GROUP, "desire_row"));
  GtkLabel *state =
    GTK_LABEL (gtk_widget_get_template_child (prefs, CLOSENESS_TYPE_CONVERSATIONS_PREFS_GROUP,
                                              "desire_state_label"));
  GtkFlowBox *decks = conversations_test_page_child (fixture, "decks_flow_box");
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
  n_cards = conversations_test_count_children (decks);

  /* Alex says yes: still closed. */
  gtk_switch_set_active (first, TRUE);
  closeness_test_settle ();
  stored = closeness_store_dup_state (fixture->store, CLOSENESS_CONVERSATION_DESIRE_KEY);
  g_assert_cmpstr (stored, ==, "0");
  g_assert_cmpstr (gtk_label_get_text (state), ==, "Closed");
  g_assert_false (closeness_conversation_settings_get_desire_open (settings));
  g_assert_cmpuint (conversations_test_count_children (decks), ==, n_cards);

  /* Sam too: open, and its card is on the page. */
  gtk_switch_set_active (second, TRUE);
  closeness_test_settle ();
  g_assert_cmpstr (gtk_label_get_text (state), ==, "Open");
  g_assert_true (closeness_conversation_settings_get_desire_open (settings));
  g_assert_cmpuint (conversations_test_count_children (decks), ==, n_cards + 1);

  /* A desire question on screen… */
  for (guint i = 0; i < g_list_model_get_n_items (prompts) && question == NULL; i++)
    {
      g_autoptr(ClosenessPrompt) prompt = g_list_model_get_item (prompts, i);

      if (closeness_prompt_get_deck_id (prompt)
            == closeness_record_get_id (CLOSENESS_RECORD (desire))
          && closeness_prompt_get_intensity (prompt) <= CLOSENESS_INTENSITY_WARM)
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
  g_assert_null (closeness_prompt_view_get_prompt (conversations_test_get_prompt_view (fixture)));
  g_assert_cmpuint (conversations_test_count_children (decks), ==, n_cards);

  /* A new name shows at once, as text. */
  g_assert_true (closeness_store_update_partner (fixture->store, 0, "Robin & <Kai>", "", &error));
  g_assert_no_error (error);
  closeness_test_settle ();
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first_row)), ==,
                   "Robin & <Kai>");

  gtk_window_destroy (GTK_WINDOW (window));
  closeness_test_settle ();
}

int
main (int   argc,
      char *argv[])
{
  if (!conversations_test_init (&argc, &argv))
    return 0;

#define ADD CONVERSATIONS_TEST_ADD
  ADD ("ceiling", test_ceiling_in_ui);
  ADD ("ceiling-labels", test_ceiling_labels);
  ADD ("desire-deck-in-preferences", test_desire_deck_in_preferences);
#undef ADD

  return g_test_run ();
}
