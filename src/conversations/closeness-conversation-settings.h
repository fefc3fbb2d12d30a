/* closeness-conversation-settings.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Conversations settings kept in the store's app_state, as one object
 * per store so the page hears when Preferences change them. GLib only.
 */

#pragma once

#include "store/closeness-store.h"

#include "closeness-conversation-logic.h"

G_BEGIN_DECLS

#define CLOSENESS_CONVERSATION_CEILING_KEY   "intensity-ceiling"
/* The partners who chose the desire deck, by slot: "", "0", "1" or "0,1". */
#define CLOSENESS_CONVERSATION_DESIRE_KEY    "desire-deck"
/* The decks left out when drawing a card: deck ids, separated by commas. */
#define CLOSENESS_CONVERSATION_LEFT_OUT_KEY  "draw-left-out"

#define CLOSENESS_TYPE_CONVERSATION_SETTINGS (closeness_conversation_settings_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessConversationSettings, closeness_conversation_settings,
                      CLOSENESS, CONVERSATION_SETTINGS, GObject)

ClosenessConversationSettings *
closeness_conversation_settings_get_for_store (ClosenessStore *store);
ClosenessIntensity
closeness_conversation_settings_get_ceiling (ClosenessConversationSettings *self);
gboolean
closeness_conversation_settings_set_ceiling (ClosenessConversationSettings *self,
                                             ClosenessIntensity             ceiling,
                                             GError                       **error);
gboolean
closeness_conversation_settings_get_desire_chosen (ClosenessConversationSettings *self,
                                                   guint                          slot);
gboolean
closeness_conversation_settings_set_desire_chosen (ClosenessConversationSettings *self,
                                                   guint                          slot,
                                                   gboolean                       chosen,
                                                   GError                       **error);
gboolean
closeness_conversation_settings_get_desire_open (ClosenessConversationSettings *self);
void
closeness_conversation_settings_get_filter (ClosenessConversationSettings *self,
                                            ClosenessPromptFilter         *filter);
gboolean
closeness_conversation_settings_get_deck_left_out (ClosenessConversationSettings *self,
                                                   gint64                         deck_id);
gboolean
closeness_conversation_settings_set_deck_left_out (ClosenessConversationSettings *self,
                                                   gint64                         deck_id,
                                                   gboolean                       left_out,
                                                   GError                       **error);

G_END_DECLS
