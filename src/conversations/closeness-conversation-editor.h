/* closeness-conversation-editor.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_CONVERSATION_EDITOR (closeness_conversation_editor_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessConversationEditor, closeness_conversation_editor,
                      CLOSENESS, CONVERSATION_EDITOR, AdwMessageDialog)

GtkWidget          *closeness_conversation_editor_new_prompt    (GtkWindow       *parent,
                                                                 ClosenessPrompt *prompt);
GtkWidget          *closeness_conversation_editor_new_deck      (GtkWindow     *parent,
                                                                 ClosenessDeck *deck);
char               *closeness_conversation_editor_dup_text      (ClosenessConversationEditor *self);
void                closeness_conversation_editor_set_text      (ClosenessConversationEditor *self,
                                                                 const char                  *text);
char               *closeness_conversation_editor_dup_detail    (ClosenessConversationEditor *self);
ClosenessIntensity  closeness_conversation_editor_get_intensity (ClosenessConversationEditor *self);
gboolean            closeness_conversation_editor_get_can_save  (ClosenessConversationEditor *self);
const char         *closeness_conversation_editor_get_message   (ClosenessConversationEditor *self);

G_END_DECLS
