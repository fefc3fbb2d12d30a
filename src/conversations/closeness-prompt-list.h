/* closeness-prompt-list.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/closeness-store.h"
#include "conversations/closeness-conversation-logic.h"

G_BEGIN_DECLS

typedef enum
{
  CLOSENESS_PROMPT_LIST_DECK,
  CLOSENESS_PROMPT_LIST_FAVOURITES,
  CLOSENESS_PROMPT_LIST_HISTORY,
} ClosenessPromptListMode;

#define CLOSENESS_TYPE_PROMPT_LIST (closeness_prompt_list_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessPromptList, closeness_prompt_list, CLOSENESS, PROMPT_LIST, GtkBox)

GtkWidget              *closeness_prompt_list_new                (GListModel *prompts,
                                                                  GListModel *decks);
void                    closeness_prompt_list_set_filter (ClosenessPromptList         *self,
                                                          const ClosenessPromptFilter *filter);
void                    closeness_prompt_list_show               (ClosenessPromptList    *self,
                                                                  ClosenessPromptListMode mode,
                                                                  gint64                  deck_id);
void                    closeness_prompt_list_refilter           (ClosenessPromptList *self);
ClosenessPromptListMode closeness_prompt_list_get_mode           (ClosenessPromptList *self);
gint64                  closeness_prompt_list_get_deck_id        (ClosenessPromptList *self);
gboolean                closeness_prompt_list_get_empty          (ClosenessPromptList *self);
GListModel             *closeness_prompt_list_get_model          (ClosenessPromptList *self);
void                    closeness_prompt_list_scroll_to_prompt   (ClosenessPromptList *self,
                                                                  gint64               prompt_id);

G_END_DECLS
