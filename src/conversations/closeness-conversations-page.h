/* closeness-conversations-page.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/closeness-store.h"
#include "conversations/closeness-prompt-view.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_CONVERSATIONS_PAGE (closeness_conversations_page_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessConversationsPage, closeness_conversations_page,
                      CLOSENESS, CONVERSATIONS_PAGE, AdwBin)

GtkWidget       *closeness_conversations_page_new              (ClosenessStore             *store);
void             closeness_conversations_page_set_store        (ClosenessConversationsPage *self,
                                                                ClosenessStore             *store);
void             closeness_conversations_page_draw_card        (ClosenessConversationsPage *self);
void             closeness_conversations_page_open_deck (ClosenessConversationsPage *self,
                                                         gint64                      deck_id);
void             closeness_conversations_page_open_prompt      (ClosenessConversationsPage *self,
                                                                ClosenessPrompt            *prompt);
void             closeness_conversations_page_show_overview    (ClosenessConversationsPage *self);
void             closeness_conversations_page_focus_search     (ClosenessConversationsPage *self);
gboolean         closeness_conversations_page_get_search_mode  (ClosenessConversationsPage *self);
void
closeness_conversations_page_set_search_mode (ClosenessConversationsPage *self,
                                              gboolean                    search_mode);
ClosenessPrompt *closeness_conversations_page_get_day_prompt   (ClosenessConversationsPage *self);
const char      *closeness_conversations_page_get_visible_view (ClosenessConversationsPage *self);
ClosenessPromptView *
closeness_conversations_page_get_prompt_view (ClosenessConversationsPage *self);

G_END_DECLS
