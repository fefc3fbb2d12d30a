/* closeness-prompt-view.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_PROMPT_VIEW (closeness_prompt_view_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessPromptView, closeness_prompt_view, CLOSENESS, PROMPT_VIEW, AdwBin)

void             closeness_prompt_view_set_store    (ClosenessPromptView *self,
                                                     ClosenessStore      *store);
ClosenessPrompt *closeness_prompt_view_get_prompt   (ClosenessPromptView *self);
void             closeness_prompt_view_set_prompt   (ClosenessPromptView *self,
                                                     ClosenessPrompt     *prompt);
gboolean         closeness_prompt_view_get_revealed (ClosenessPromptView *self);
void             closeness_prompt_view_save         (ClosenessPromptView *self);
void             closeness_prompt_view_show_toast   (GtkWidget           *widget,
                                                     AdwToast            *toast);

G_END_DECLS
