/* test-consent.c: the desire deck stays closed until both partners open it,
 * on every path a question can take, under Xvfb.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The intensity is set to Everything, so the only thing that keeps the
 * desire deck's questions away is the couple's choice. With the deck closed
 * the walk goes through: tonight's question over four years of days (from
 * the prompts and from their keys), drawing hundreds of cards (on the page
 * and in the logic, from all decks and from the desire deck asked for by
 * name), search for every word only the desire deck uses, the deck cards,
 * the deck chooser, opening the deck or one of its questions directly,
 * favourites and history holding a desire question from before, the print
 * selection and a printed PDF (read back with pdftotext), and the command
 * line. Then one partner says yes (still closed), the other too (open:
 * every path finds them), and one takes it back (closed again).
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "closeness-application.h"
#include "closeness-test-utils.h"
#include "closeness-window.h"
#include "calendar/closeness-calendar-page.h"
#include "conversations/closeness-conversation-logic.h"
#include "conversations/closeness-conversation-settings.h"
#include "conversations/closeness-conversations-page-private.h"
#include "conversations/closeness-conversations-prefs-group.h"
#include "conversations/closeness-deck-card.h"
#include "conversations/closeness-prompt-library.h"
#include "conversations/closeness-prompt-row.h"
#include "conversations/closeness-prompt-view.h"
#include "printing/closeness-print-command.h"
#include "printing/closeness-print-selection.h"
#include "printing/closeness-prompt-print-operation.h"
#include "printing/print-test-utils.h"

#define N_DAYS  1461  /* four years, a leap day among them */
#define N_DRAWS 2000

typedef struct
{
  ClosenessStore             *store;
  ClosenessConversationSettings *settings;
  ClosenessPromptFilter       filter;
  GtkWindow                  *window;
  ClosenessConversationsPage *page;
  GtkWindow                  *prefs_window;
  GtkWidget                  *prefs;
  gint64                      desire_id;
  GPtrArray                  *desire_texts;  /* normalized for printed-text checks */
  GPtrArray                  *desire_words;  /* words no other question uses */
  char                       *dir;
} Fixture;

/* What the couple's settings allow right now. */
static const ClosenessPromptFilter *
current_filter (Fixture *f)
{
  closeness_conversation_settings_get_filter (f->settings, &f->filter);

  return &f->filter;
}

static gpointer
page_child (Fixture    *f,
            const char *name)
{
  return _closeness_conversations_page_get_object (f->page, name);
}

static gboolean
is_desire (Fixture         *f,
           ClosenessPrompt *prompt)
{
  return prompt != NULL && closeness_prompt_get_deck_id (prompt) == f->desire_id;
}

static gboolean
word_char (gunichar c)
{
  return g_unichar_isalpha (c) || c == 0x2019 || c == '\'';
}

static void
add_words (GHashTable *words,
           const char *text)
{
  g_autofree char *folded = closeness_text_fold (text);
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && word_char (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (g_utf8_strlen (word->str, -1) >= 5)
        g_hash_table_add (words, g_strdup (word->str));
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
}

/* The words of the desire deck that no other question, deck name or
 * description uses: searching for them may only ever find desire questions. */
static void
collect_desire_words (Fixture *f)
{
  g_autoptr(GHashTable) desire = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) others = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *prompts = closeness_store_get_prompts (f->store);
  GListModel *decks = closeness_store_get_decks (f->store);
  GHashTableIter iter;
  gpointer word;

  f->desire_texts = g_ptr_array_new_with_free_func (g_free);
  f->desire_words = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (prompts); i++)
    {
      g_autoptr(ClosenessPrompt) prompt = g_list_model_get_item (prompts, i);
      GHashTable *words = is_desire (f, prompt) ? desire : others;

      add_words (words, closeness_prompt_get_display_text (prompt));
      add_words (words, closeness_prompt_get_display_follow_up (prompt));
      if (is_desire (f, prompt))
        g_ptr_array_add (f->desire_texts,
                         normalize_printed_text (closeness_prompt_get_display_text (prompt)));
    }
  for (guint i = 0; i < g_list_model_get_n_items (decks); i++)
    {
      g_autoptr(ClosenessDeck) deck = g_list_model_get_item (decks, i);

      if (closeness_record_get_id (CLOSENESS_RECORD (deck)) == f->desire_id)
        continue;
      add_words (others, closeness_deck_get_display_name (deck));
      add_words (others, closeness_deck_get_display_description (deck));
    }

  g_hash_table_iter_init (&iter, desire);
  while (g_hash_table_iter_next (&iter, &word, NULL))
    {
      if (!g_hash_table_contains (others, word))
        g_ptr_array_add (f->desire_words, g_strdup (word));
    }
  g_ptr_array_sort (f->desire_words, (GCompareFunc) g_strcmp0);

  g_test_message ("%u desire questions, %u words only they use", f->desire_texts->len,
                  f->desire_words->len);
  g_assert_cmpuint (f->desire_texts->len, >=, 30);
  g_assert_cmpuint (f->desire_words->len, >=, 20);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *decks;

  /* The store at its default place, which the command line opens too. */
  f->store = closeness_store_new (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (closeness_prompt_library_sync (f->store, &error));
  g_assert_true (closeness_store_update_partner (f->store, 0, "Alex", "", &error));
  g_assert_true (closeness_store_update_partner (f->store, 1, "Sam", "", &error));
  g_assert_no_error (error);

  f->settings = closeness_conversation_settings_get_for_store (f->store);
  g_assert_true (
    closeness_conversation_settings_set_ceiling (f->settings, CLOSENESS_INTENSITY_SPICY, &error));
  g_assert_no_error (error);

  decks = closeness_store_get_decks (f->store);
  for (guint i = 0; i < g_list_model_get_n_items (decks); i++)
    {
      g_autoptr(ClosenessDeck) deck = g_list_model_get_item (decks, i);

      if (g_strcmp0 (closeness_deck_get_builtin_key (deck), "desire") == 0)
        f->desire_id = closeness_record_get_id (CLOSENESS_RECORD (deck));
    }
  g_assert_cmpint (f->desire_id, >, 0);
  collect_desire_words (f);

  f->dir = g_dir_make_tmp ("closeness-consent-XXXXXX", &error);
  g_assert_no_error (error);

  f->window = GTK_WINDOW (adw_window_new ());
  f->page = CLOSENESS_CONVERSATIONS_PAGE (closeness_conversations_page_new (f->store));
  adw_window_set_content (ADW_WINDOW (f->window), GTK_WIDGET (f->page));
  gtk_window_set_default_size (f->window, 1000, 800);
  gtk_window_present (f->window);
  closeness_test_wait_for_drawn (GTK_WIDGET (f->page));

  /* Preferences, where each partner makes the choice. */
  f->prefs_window = GTK_WINDOW (adw_window_new ());
  {
    GtkWidget *page = adw_preferences_page_new ();

    f->prefs = closeness_conversations_prefs_group_new (f->store);
    adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (f->prefs));
    adw_window_set_content (ADW_WINDOW (f->prefs_window), page);
  }
  gtk_window_present (f->prefs_window);
  closeness_test_wait_for_drawn (f->prefs);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->prefs_window);
  gtk_window_destroy (f->window);
  closeness_test_settle ();
  g_clear_pointer (&f->desire_texts, g_ptr_array_unref);
  g_clear_pointer (&f->desire_words, g_ptr_array_unref);
  g_clear_object (&f->store);
  g_clear_pointer (&f->dir, g_free);
}

/* Each partner's own switch, as a person flips it. */
static void
choose (Fixture    *f,
        const char *switch_name,
        gboolean    yes)
{
  GtkSwitch *button =
    GTK_SWITCH (gtk_widget_get_template_child (f->prefs, CLOSENESS_TYPE_CONVERSATIONS_PREFS_GROUP,
                                               switch_name));

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  gtk_switch_set_active (button, yes);
  /* The switch writes the choice and the page follows it at once. */
  g_assert_true (gtk_switch_get_active (button) == yes);
  closeness_test_settle ();
}

/* Paths */

typedef struct
{
  guint day_from_prompts;
  guint day_from_keys;
  guint tonight;
  guint drawn_on_page;
  guint drawn;
  guint drawn_from_desire;
  guint found;
  guint deck_cards;
  guint chooser;
  guint opened_deck;
  guint opened_prompt;
  guint favourites;
  guint history;
  guint print_selection;
  guint print_deck;
  guint pdf;
  guint command_line;
  guint command_line_accepted;
} Seen;

static void
report (const Seen *seen)
{
  g_test_message ("desire questions seen: day %u/%u tonight %u, drawn %u/%u/%u, found %u, "
                  "deck cards %u, chooser %u, opened %u/%u, favourites %u, history %u, "
                  "print %u/%u, pdf %u, command line %u (desire deck accepted: %u)",
                  seen->day_from_prompts, seen->day_from_keys, seen->tonight,
                  seen->drawn_on_page, seen->drawn, seen->drawn_from_desire, seen->found,
                  seen->deck_cards, seen->chooser, seen->opened_deck, seen->opened_prompt,
                  seen->favourites, seen->history, seen->print_selection, seen->print_deck,
                  seen->pdf, seen->command_line, seen->command_line_accepted);
}

static void
walk_days (Fixture *f,
           Seen    *seen)
{
  GListModel *prompts = closeness_store_get_prompts (f->store);
  g_autoptr(GArray) keys = closeness_store_get_prompt_keys (f->store, NULL);
  g_autoptr(GDateTime) day = g_date_time_new_local (2026, 1, 1, 12, 0, 0);

  g_assert_nonnull (keys);
  for (guint i = 0; i < N_DAYS; i++)
    {
      g_autoptr(GDateTime) next = g_date_time_add_days (day, 1);
      g_autofree char *text = closeness_conversation_day_string (day);
      g_autoptr(ClosenessPrompt) prompt = NULL;
      gint64 id;

      prompt = closeness_conversation_prompt_of_the_day (prompts, current_filter (f), text);
      id = closeness_conversation_pick_of_the_day (keys, current_filter (f), text);
      g_assert_nonnull (prompt);
      g_assert_cmpint (id, ==, closeness_record_get_id (CLOSENESS_RECORD (prompt)));
      seen->day_from_prompts += is_desire (f, prompt);
      {
        g_autoptr(ClosenessPrompt) picked = closeness_store_get_prompt (f->store, id);

        seen->day_from_keys += is_desire (f, picked);
      }

      g_date_time_unref (day);
      day = g_steal_pointer (&next);
    }

  closeness_conversations_page_show_overview (f->page);
  closeness_test_settle ();
  seen->tonight += is_desire (f, closeness_conversations_page_get_day_prompt (f->page));
}

static void
walk_draws (Fixture *f,
            Seen    *seen)
{
  GListModel *prompts = closeness_store_get_prompts (f->store);
  g_autoptr(GRand) rand = g_rand_new_with_seed (19);

  for (guint i = 0; i < 150; i++)
    {
      closeness_conversations_page_draw_card (f->page);
      seen->drawn_on_page +=
        is_desire (f, closeness_prompt_view_get_prompt (
                        closeness_conversations_page_get_prompt_view (f->page)));
    }
  closeness_conversations_page_show_overview (f->page);

  for (guint i = 0; i < N_DRAWS; i++)
    {
      g_autoptr(ClosenessPrompt) any = NULL;
      g_autoptr(ClosenessPrompt) desire = NULL;

      any = closeness_conversation_draw (prompts, current_filter (f), NULL, 0, NULL, 0, rand, NULL);
      desire = closeness_conversation_draw (prompts, current_filter (f), &f->desire_id, 1, NULL, 0,
                                            rand, NULL);
      seen->drawn += is_desire (f, any);
      seen->drawn_from_desire += is_desire (f, desire);
    }
}

static guint
count_desire_rows (Fixture    *f,
                   GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (CLOSENESS_IS_PROMPT_ROW (row))
      n += is_desire (f, closeness_prompt_row_get_prompt (CLOSENESS_PROMPT_ROW (row)));

  return n;
}

static void
walk_search (Fixture *f,
             Seen    *seen)
{
  GtkEditable *entry = page_child (f, "search_entry");

  for (guint i = 0; i < f->desire_words->len; i++)
    {
      /* At once, not after the entry's pause for typing. */
      gtk_editable_set_text (entry, g_ptr_array_index (f->desire_words, i));
      g_signal_emit_by_name (entry, "search-changed");
      closeness_test_settle ();
      seen->found += count_desire_rows (f, page_child (f, "search_list"));
    }
  gtk_editable_set_text (entry, "");
  g_signal_emit_by_name (entry, "search-changed");
  closeness_test_settle ();
}

static GtkWidget *
find_check (GtkWidget  *root,
            const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_CHECK_BUTTON (child) &&
          g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_check (child, label)) != NULL)
        return found;
    }

  return NULL;
}

static void
walk_decks (Fixture *f,
            Seen    *seen)
{
  GtkFlowBox *cards = page_child (f, "decks_flow_box");
  GtkMenuButton *chooser = page_child (f, "deck_chooser_button");
  g_autoptr(ClosenessPrompt) prompt = NULL;
  GListModel *prompts = closeness_store_get_prompts (f->store);
  const char *name = NULL;
  GtkWidget *popover;

  closeness_conversations_page_show_overview (f->page);
  closeness_test_settle ();
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (cards)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    seen->deck_cards += CLOSENESS_IS_DECK_CARD (child)
                        && closeness_record_get_id (CLOSENESS_RECORD (
                             closeness_deck_card_get_deck (CLOSENESS_DECK_CARD (child))))
                             == f->desire_id;

  {
    GListModel *decks = closeness_store_get_decks (f->store);

    for (guint i = 0; i < g_list_model_get_n_items (decks); i++)
      {
        g_autoptr(ClosenessDeck) deck = g_list_model_get_item (decks, i);

        if (closeness_record_get_id (CLOSENESS_RECORD (deck)) == f->desire_id)
          name = closeness_deck_get_display_name (deck);
      }
  }
  gtk_menu_button_popup (chooser);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (chooser));
  g_assert_nonnull (popover);
  closeness_test_wait_for_drawn (popover);
  seen->chooser += find_check (popover, name) != NULL;
  gtk_menu_button_popdown (chooser);

  /* Asked for directly, as the calendar's “Open deck” does. */
  closeness_conversations_page_open_deck (f->page, f->desire_id);
  closeness_test_settle ();
  if (g_strcmp0 (closeness_conversations_page_get_visible_view (f->page), "list") == 0)
    seen->opened_deck += count_desire_rows (f, page_child (f, "list_box"));

  closeness_conversations_page_show_overview (f->page);
  for (guint i = 0; i < g_list_model_get_n_items (prompts) && prompt == NULL; i++)
    {
      g_autoptr(ClosenessPrompt) candidate = g_list_model_get_item (prompts, i);

      if (is_desire (f, candidate))
        prompt = g_steal_pointer (&candidate);
    }
  closeness_conversations_page_open_prompt (f->page, prompt);
  closeness_test_settle ();
  if (g_strcmp0 (closeness_conversations_page_get_visible_view (f->page), "prompt") == 0)
    seen->opened_prompt += is_desire (f, closeness_prompt_view_get_prompt (
                                           closeness_conversations_page_get_prompt_view (f->page)));
  closeness_conversations_page_show_overview (f->page);

  /* A favourite and a conversation from a time the deck was open. */
  g_signal_emit_by_name (page_child (f, "favourites_button"), "clicked");
  closeness_test_settle ();
  seen->favourites += count_desire_rows (f, page_child (f, "list_box"));
  closeness_conversations_page_show_overview (f->page);
  g_signal_emit_by_name (page_child (f, "history_button"), "clicked");
  closeness_test_settle ();
  seen->history += count_desire_rows (f, page_child (f, "list_box"));
  closeness_conversations_page_show_overview (f->page);
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    g_error ("pdftotext could not run: %s", error->message);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return normalize_printed_text (out);
}

static guint
count_desire_texts (Fixture    *f,
                    const char *normalized)
{
  guint n = 0;

  for (guint i = 0; i < f->desire_texts->len; i++)
    n += strstr (normalized, g_ptr_array_index (f->desire_texts, i)) != NULL;

  return n;
}

static void
walk_printing (Fixture *f,
               Seen    *seen,
               guint    round)
{
  g_autoptr(ClosenessPrintSelection) everything = closeness_print_selection_new ();
  g_autoptr(ClosenessPrintSelection) deck = closeness_print_selection_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) desire = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("library-%u.pdf", round);
  g_autofree char *pdf = g_build_filename (f->dir, name, NULL);
  g_autofree char *text = NULL;

  /* What the print dialog and its preview lay out: the whole library, and
   * the deck as the page's “Print Deck…” asks for it. */
  all = closeness_print_selection_collect (everything, f->store, current_filter (f));
  for (guint i = 0; i < all->len; i++)
    seen->print_selection += is_desire (f, g_ptr_array_index (all, i));
  closeness_print_selection_add_deck (deck, f->desire_id);
  desire = closeness_print_selection_collect (deck, f->store, current_filter (f));
  seen->print_deck += desire->len;
  {
    g_autoptr(ClosenessPromptPrintOperation) operation =
      closeness_prompt_print_operation_new (f->store, deck);

    g_assert_cmpuint (closeness_prompt_print_operation_count_prompts (operation), ==, desire->len);
  }

  /* On paper. */
  g_assert_cmpint (closeness_print_command_run (f->store, pdf, NULL, FALSE, "cards-8", "a4",
                                                &error),
                   ==, CLOSENESS_PRINT_COMMAND_OK);
  g_assert_no_error (error);
  text = pdf_text (pdf);
  seen->pdf += count_desire_texts (f, text);
}

typedef struct
{
  int   status;
  char *err;
  char *text;  /* the PDF's text, normalized; NULL when none was written */
} Command;

static void
command_clear (Command *command)
{
  g_clear_pointer (&command->err, g_free);
  g_clear_pointer (&command->text, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Command, command_clear)

static void
run_command (Fixture    *f,
             const char *decks,
             const char *name,
             Command    *command)
{
  const char *program = g_getenv ("CLOSENESS_PROGRAM");
  g_autofree char *pdf = g_build_filename (f->dir, name, NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  g_autofree char *out = NULL;

  /* The test's private folders are GLib's own idea until they are in the
   * environment: the program has to find the same data. */
  envp = g_environ_setenv (envp, "HOME", g_get_home_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_CACHE_HOME", g_get_user_cache_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_STATE_HOME", g_get_user_state_dir (), TRUE);

  g_assert_nonnull (program);
  g_ptr_array_add (argv, (gpointer) program);
  g_ptr_array_add (argv, "--print-questions");
  g_ptr_array_add (argv, "--output");
  g_ptr_array_add (argv, pdf);
  if (decks != NULL)
    {
      g_ptr_array_add (argv, "--decks");
      g_ptr_array_add (argv, (gpointer) decks);
    }
  g_ptr_array_add (argv, NULL);

  /* Its one line on success is captured: it would not be TAP. */
  if (!g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL, &out,
                     &command->err, &wait_status, &error))
    g_error ("%s could not run: %s", program, error->message);
  command->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  if (g_file_test (pdf, G_FILE_TEST_EXISTS))
    {
      command->text = pdf_text (pdf);
      g_unlink (pdf);
    }
}

static void
walk_command_line (Fixture  *f,
                   Seen     *seen,
                   guint     round,
                   gboolean  open)
{
  g_auto(Command) all = { 0 };
  g_auto(Command) desire = { 0 };
  g_autofree char *all_name = g_strdup_printf ("command-all-%u.pdf", round);
  g_autofree char *desire_name = g_strdup_printf ("command-desire-%u.pdf", round);

  run_command (f, NULL, all_name, &all);
  g_test_message ("all decks: status %d, %s", all.status, all.err);
  g_assert_cmpint (all.status, ==, 0);
  g_assert_nonnull (all.text);
  seen->command_line += count_desire_texts (f, all.text);

  run_command (f, "desire", desire_name, &desire);
  if (desire.text != NULL)
    seen->command_line += count_desire_texts (f, desire.text);
  seen->command_line_accepted += desire.status == 0;

  /* Asked for by name while closed: refused, saying why, nothing written. */
  if (!open && desire.status != 0)
    {
      g_test_message ("refused: %s", desire.err);
      g_assert_null (desire.text);
      g_assert_nonnull (strstr (desire.err, "desire deck"));
      g_assert_nonnull (strstr (desire.err, "both of you"));
    }
}

static void
walk_everything (Fixture  *f,
                 Seen     *seen,
                 guint     round,
                 gboolean  open)
{
  memset (seen, 0, sizeof *seen);
  walk_days (f, seen);
  walk_draws (f, seen);
  walk_search (f, seen);
  walk_decks (f, seen);
  walk_printing (f, seen, round);
  walk_command_line (f, seen, round, open);
  report (seen);
}

static void
assert_closed (Fixture *f,
               guint    round)
{
  Seen seen;
  static const Seen none;

  walk_everything (f, &seen, round, FALSE);
  g_assert_true (memcmp (&seen, &none, sizeof seen) == 0);
}

static void
test_desire_deck (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Seen seen;

  /* A favourite and a conversation kept from a time the deck was open. */
  {
    GListModel *prompts = closeness_store_get_prompts (f->store);

    for (guint i = 0; i < g_list_model_get_n_items (prompts); i++)
      {
        g_autoptr(ClosenessPrompt) prompt = g_list_model_get_item (prompts, i);
        gint64 id = closeness_record_get_id (CLOSENESS_RECORD (prompt));

        if (!is_desire (f, prompt))
          continue;
        g_assert_true (closeness_store_set_favourite (f->store, id, TRUE, &error));
        g_assert_true (closeness_store_mark_discussed (f->store, id, "2026-02-14", &error));
        g_assert_no_error (error);
        break;
      }
  }

  /* Nobody chose it: closed by default. */
  assert_closed (f, 0);

  /* One partner's yes is not enough. */
  choose (f, "first_desire_switch", TRUE);
  assert_closed (f, 1);

  /* Both: every path finds the desire questions. */
  choose (f, "second_desire_switch", TRUE);
  walk_everything (f, &seen, 2, TRUE);
  g_assert_cmpuint (seen.day_from_prompts, >, 0);
  g_assert_cmpuint (seen.day_from_keys, ==, seen.day_from_prompts);
  g_assert_cmpuint (seen.drawn_on_page, >, 0);
  g_assert_cmpuint (seen.drawn, >, 0);
  g_assert_cmpuint (seen.drawn_from_desire, ==, N_DRAWS);
  g_assert_cmpuint (seen.found, >=, f->desire_words->len);
  g_assert_cmpuint (seen.deck_cards, ==, 1);
  g_assert_cmpuint (seen.chooser, ==, 1);
  g_assert_cmpuint (seen.opened_deck, ==, f->desire_texts->len);
  g_assert_cmpuint (seen.opened_prompt, ==, 1);
  g_assert_cmpuint (seen.favourites, ==, 1);
  g_assert_cmpuint (seen.history, ==, 1);
  g_assert_cmpuint (seen.print_selection, ==, f->desire_texts->len);
  g_assert_cmpuint (seen.print_deck, ==, f->desire_texts->len);
  g_assert_cmpuint (seen.pdf, ==, f->desire_texts->len);
  g_assert_cmpuint (seen.command_line, ==, 2 * f->desire_texts->len);
  g_assert_cmpuint (seen.command_line_accepted, ==, 1);

  /* Either of them can close it again, alone. */
  choose (f, "first_desire_switch", FALSE);
  assert_closed (f, 3);
}

/* The calendar lists decks as tonight's topic: the window keeps it told
 * which deck the couple has not opened, so the event editor leaves it out. */
static void
test_calendar_topics (void)
{
  g_autoptr(ClosenessApplication) app = closeness_application_new ();
  g_autofree char *app_id = g_strdup_printf ("%s.Consent", APP_ID);
  ClosenessConversationSettings *settings;
  g_autoptr(GError) error = NULL;
  ClosenessPromptFilter filter;
  GtkWindow *window;
  GtkWidget *calendar;
  gint64 closed = -1;

  g_application_set_application_id (G_APPLICATION (app), app_id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_hold (G_APPLICATION (app));
  g_application_activate (G_APPLICATION (app));

  window = closeness_test_wait_for_window (CLOSENESS_TYPE_WINDOW);
  g_assert_nonnull (window);
  settings = closeness_conversation_settings_get_for_store (
    closeness_window_get_store (CLOSENESS_WINDOW (window)));
  closeness_window_set_page (CLOSENESS_WINDOW (window), CLOSENESS_PAGE_CALENDAR);
  closeness_test_settle ();
  calendar = closeness_test_find_of_type (GTK_WIDGET (window), CLOSENESS_TYPE_CALENDAR_PAGE);
  g_assert_nonnull (calendar);

  closeness_conversation_settings_get_filter (settings, &filter);
  g_assert_cmpint (filter.closed_deck_id, >, 0);
  g_object_get (calendar, "closed-deck-id", &closed, NULL);
  g_assert_cmpint (closed, ==, filter.closed_deck_id);

  for (guint slot = 0; slot < 2; slot++)
    g_assert_true (
      closeness_conversation_settings_set_desire_chosen (settings, slot, TRUE, &error));
  g_assert_no_error (error);
  g_object_get (calendar, "closed-deck-id", &closed, NULL);
  g_assert_cmpint (closed, ==, 0);

  g_assert_true (closeness_conversation_settings_set_desire_chosen (settings, 1, FALSE, &error));
  g_object_get (calendar, "closed-deck-id", &closed, NULL);
  g_assert_cmpint (closed, ==, filter.closed_deck_id);

  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    while (g_list_model_get_n_items (toplevels) > 0)
      {
        g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, 0);

        gtk_window_destroy (toplevel);
      }
  }
  closeness_test_settle ();
  g_application_release (G_APPLICATION (app));
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

  g_test_add ("/consent/desire-deck", Fixture, NULL, fixture_set_up, test_desire_deck,
              fixture_tear_down);
  g_test_add_func ("/consent/calendar-topics", test_calendar_topics);

  return g_test_run ();
}
