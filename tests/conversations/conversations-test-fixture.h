/* conversations-test-fixture.h: what the Conversations page tests share: the
 * page in a window with a store, and the helpers more than one of them uses.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "closeness-test-utils.h"
#include "conversations/closeness-conversations-page-private.h"
#include "conversations/closeness-prompt-view.h"

G_BEGIN_DECLS

typedef struct
{
  ClosenessStore             *store;
  GtkWindow                  *window;
  ClosenessConversationsPage *page;
} Fixture;

gpointer conversations_test_page_child (Fixture    *fixture,
                                        const char *name);
ClosenessPromptView *conversations_test_get_prompt_view (Fixture *fixture);
gpointer conversations_test_view_child (Fixture    *fixture,
                                        const char *name);
void conversations_test_click (gpointer button);
GtkWidget *conversations_test_find_widget_with_text (GtkWidget  *root,
                                                     GType       type,
                                                     const char *text);
guint conversations_test_count_children (gpointer widget);
GtkWindow *conversations_test_find_editor (void);
AdwMessageDialog *conversations_test_find_message_dialog (void);
gboolean conversations_test_no_transition_cond (gpointer user_data);
void conversations_test_fixture_set_up (Fixture       *fixture,
                                        gconstpointer  data);
void conversations_test_fixture_tear_down (Fixture       *fixture,
                                           gconstpointer  data);

gboolean conversations_test_init (int    *argc,
                                  char ***argv);

/* Registers a test of the page, with a fresh page for it. */
#define CONVERSATIONS_TEST_ADD(path, func) \
  g_test_add ("/conversations-page/" path, Fixture, NULL, \
              conversations_test_fixture_set_up, func, conversations_test_fixture_tear_down)

G_END_DECLS
