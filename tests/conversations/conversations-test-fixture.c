/* conversations-test-fixture.c: the page in a window with a store, set up and
 * torn down for each test, and the helpers several Conversations tests use.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "closeness-test-utils.h"
#include "conversations-test-fixture.h"
#include "conversations/closeness-conversation-editor.h"
#include "conversations/closeness-conversations-page-private.h"
#include "conversations/closeness-prompt-library.h"

gpointer
conversations_test_page_child (Fixture    *fixture,
                               const char *name)
{
  return _closeness_conversations_page_get_object (fixture->page, name);
}

ClosenessPromptView *
conversations_test_get_prompt_view (Fixture *fixture)
{
  return closeness_conversations_page_get_prompt_view (fixture->page);
}

gpointer
conversations_test_view_child (Fixture    *fixture,
                               const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (conversations_test_get_prompt_view (fixture)),
                                        CLOSENESS_TYPE_PROMPT_VIEW, name);
}

void
conversations_test_click (gpointer button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
  closeness_test_settle ();
}

/* Finds a visible widget of @type below @root whose label or text is @text. */
GtkWidget *
conversations_test_find_widget_with_text (GtkWidget  *root,
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

      if ((found = conversations_test_find_widget_with_text (child, type, text)) != NULL)
        return found;
    }

  return NULL;
}

guint
conversations_test_count_children (gpointer widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (widget)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n;
}

/* gtk_window_get_toplevels() is (transfer none): not unreffed here. */
GtkWindow *
conversations_test_find_editor (void)
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
AdwMessageDialog *
conversations_test_find_message_dialog (void)
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

gboolean
conversations_test_no_transition_cond (gpointer user_data)
{
  return !adw_leaflet_get_child_transition_running (user_data);
}

void
conversations_test_fixture_set_up (Fixture       *fixture,
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

void
conversations_test_fixture_tear_down (Fixture       *fixture,
                                      gconstpointer  data)
{
  GtkWindow *editor;

  while ((editor = conversations_test_find_editor ()) != NULL)
    gtk_window_destroy (editor);
  while ((editor = (GtkWindow *) conversations_test_find_message_dialog ()) != NULL)
    gtk_window_destroy (editor);
  gtk_window_destroy (fixture->window);
  closeness_test_settle ();
  g_clear_object (&fixture->store);
}

/* Before any test: a display, and the stylesheet the application would load.
 * FALSE, after saying so in TAP, when there is no display. */
gboolean
conversations_test_init (int    *argc,
                         char ***argv)
{
  /* Accessible properties are kept (and readable by the tests) only with an
   * accessibility backend; the test one needs no bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!closeness_test_init_display (argc, argv))
    {
      g_print ("1..0 # SKIP no display\n");
      return FALSE;
    }

  /* AdwApplication loads style.css itself; here there is no application. */
  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, "/com/example/Closeness/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  return TRUE;
}
