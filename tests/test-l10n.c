/* test-l10n.c: LANGUAGE=de and LANGUAGE=es show a translated window.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-application.h"
#include "closeness-test-utils.h"
#include "closeness-welcome-window.h"
#include "closeness-window.h"
#include "conversations/closeness-conversations-page-private.h"

static const char * const english_titles[] = { "Conversations", "Calendar", "Self-Care",
                                               "Resources" };

/* glibc keeps the translations it has looked up until the text domain is
 * set again; without that, a LANGUAGE changed at run time is not read, and
 * the Spanish cases once ran in German. */
static void
set_language (const char *language)
{
  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  textdomain (GETTEXT_PACKAGE);
}

static gboolean
squeezer_settled_cond (gpointer squeezer)
{
  return !adw_squeezer_get_transition_running (squeezer);
}

static void
test_window_translated (gconstpointer data)
{
  const char *language = data;
  g_autoptr(ClosenessApplication) app = NULL;
  g_autoptr(GtkSelectionModel) pages = NULL;
  g_autofree char *app_id = g_strdup_printf ("%s.L10n.%s", APP_ID, language);
  GtkWindow *window;
  AdwViewStack *stack;
  AdwSqueezer *squeezer;

  /* Templates are translated when built. */
  set_language (language);

  app = closeness_application_new ();
  g_application_set_application_id (G_APPLICATION (app), app_id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_activate (G_APPLICATION (app));
  window = closeness_test_wait_for_window (CLOSENESS_TYPE_WINDOW);
  stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), CLOSENESS_TYPE_WINDOW,
                                                         "stack"));
  pages = adw_view_stack_get_pages (stack);

  for (guint i = 0; i < G_N_ELEMENTS (english_titles); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      const char *title = adw_view_stack_page_get_title (page);

      g_test_message ("%s: %s → %s", language, english_titles[i], title);
      g_assert_nonnull (title);
      g_assert_cmpstr (title, !=, english_titles[i]);
    }

  /* Strings from code, a template and the prompt library are all translated. */
  g_assert_cmpstr (_("Main Menu"), !=, "Main Menu");
  g_assert_cmpstr (_("Welcome to Closeness"), !=, "Welcome to Closeness");
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Appreciation"), !=, "Appreciation");

  /* Parts of a page made later, from their own builder file, too. */
  {
    GListModel *decks =
      closeness_store_get_decks (closeness_window_get_store (CLOSENESS_WINDOW (window)));
    g_autoptr(ClosenessDeck) deck = g_list_model_get_item (decks, 0);
    AdwBin *bin =
      ADW_BIN (gtk_widget_get_template_child (GTK_WIDGET (window), CLOSENESS_TYPE_WINDOW,
                                              "conversations_bin"));
    ClosenessConversationsPage *page;
    AdwStatusPage *no_results;

    closeness_window_open_item (CLOSENESS_WINDOW (window), CLOSENESS_PAGE_CONVERSATIONS,
                                closeness_record_get_id (CLOSENESS_RECORD (deck)));
    closeness_test_settle ();
    page = CLOSENESS_CONVERSATIONS_PAGE (adw_bin_get_child (bin));
    g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (
                       _closeness_conversations_page_get_object (page, "list_back_button"))),
                     !=, "Back");
    no_results =
      ADW_STATUS_PAGE (_closeness_conversations_page_get_object (page, "search_empty_status"));
    g_assert_cmpstr (adw_status_page_get_title (no_results), !=, "No Questions Found");
    closeness_conversations_page_show_overview (page);
  }

  /* The longer translated page names still fit the header bar of a wide
   * window (the picture is build-aux/screenshots'). */
  closeness_test_resize (window, 1280, 800);
  squeezer = ADW_SQUEEZER (
    gtk_widget_get_template_child (GTK_WIDGET (window), CLOSENESS_TYPE_WINDOW, "title_squeezer"));
  closeness_test_wait_until (squeezer_settled_cond, squeezer, "the header's crossfade to end");
  g_assert_true (
    adw_squeezer_get_visible_child (squeezer)
    == GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), CLOSENESS_TYPE_WINDOW,
                                                  "header_switcher")));

  /* And the window shrinks to 360 px in this language too (the Spanish
   * window once stopped at 382 px on the Conversations overview's draw
   * button; the Resources layout tests check the bottom bar's names). */
  closeness_test_resize (window, 360, 720);
  closeness_test_wait_until (squeezer_settled_cond, squeezer, "the header's crossfade to end");
  g_test_message ("%s: %d px wide when asked for 360", language,
                  gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);

  /* A question, its talk timer too (the Spanish timer's heading once held
   * the window at 415 px). */
  {
    AdwBin *bin =
      ADW_BIN (gtk_widget_get_template_child (GTK_WIDGET (window), CLOSENESS_TYPE_WINDOW,
                                              "conversations_bin"));
    ClosenessConversationsPage *page = CLOSENESS_CONVERSATIONS_PAGE (adw_bin_get_child (bin));

    closeness_conversations_page_draw_card (page);
    closeness_test_settle ();
    closeness_test_resize (window, 360, 720);
    g_test_message ("%s: a question, %d px wide when asked for 360", language,
                    gtk_widget_get_width (GTK_WIDGET (window)));
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 360);
    closeness_conversations_page_show_overview (page);
  }

  gtk_window_destroy (window);
  closeness_test_settle ();
  set_language (NULL);
}

/* The welcome shows all it says, down to its Start button and the room
 * below it, without scrolling, in the longer translations too (the German
 * button once sat 5 px above the window's edge, the rest scrolled away). */
static void
test_welcome_fits (gconstpointer data)
{
  const char *language = data;
  g_autofree char *dir = NULL;
  g_autoptr(ClosenessStore) store = NULL;
  ClosenessWelcomeWindow *welcome;
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;

  set_language (language);
  store = closeness_test_new_store_in_tmp ("closeness-l10n-welcome-XXXXXX", &dir);
  welcome = closeness_welcome_window_new (store);
  gtk_window_present (GTK_WINDOW (welcome));
  closeness_test_wait_for_drawn (GTK_WIDGET (welcome));

  scrolled = closeness_test_find_of_type (GTK_WIDGET (welcome), GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_test_message ("%s: the welcome's content is %.0f px, %.0f px show", language,
                  gtk_adjustment_get_upper (adjustment), gtk_adjustment_get_page_size (adjustment));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), <=,
                     gtk_adjustment_get_page_size (adjustment));

  gtk_window_destroy (GTK_WINDOW (welcome));
  closeness_test_settle ();
  g_clear_object (&store);
  closeness_test_remove_tmp_dir (g_steal_pointer (&dir));
  set_language (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("CLOSENESS_SKIP_WELCOME", "1", TRUE);
  /* GLib decides once, at the first g_dgettext(), whether to translate at
   * all; a person sets LANGUAGE before starting the app, and so do we. */
  g_setenv ("LANGUAGE", "de", TRUE);

  if (!closeness_test_init_display (&argc, &argv))
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  g_test_add_data_func ("/l10n/window/de", "de", test_window_translated);
  g_test_add_data_func ("/l10n/window/es", "es", test_window_translated);
  g_test_add_data_func ("/l10n/welcome-fits/de", "de", test_welcome_fits);
  g_test_add_data_func ("/l10n/welcome-fits/es", "es", test_welcome_fits);

  return g_test_run ();
}
