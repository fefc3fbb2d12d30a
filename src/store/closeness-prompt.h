/* closeness-prompt.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "closeness-record.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_PROMPT (closeness_prompt_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessPrompt, closeness_prompt, CLOSENESS, PROMPT, ClosenessRecord)

gint64       closeness_prompt_get_deck_id (ClosenessPrompt *self);
const char * closeness_prompt_get_builtin_key (ClosenessPrompt *self);
const char * closeness_prompt_get_text (ClosenessPrompt *self);
const char * closeness_prompt_get_follow_up (ClosenessPrompt *self);
int          closeness_prompt_get_intensity (ClosenessPrompt *self);
int          closeness_prompt_get_position (ClosenessPrompt *self);
gboolean     closeness_prompt_get_is_custom (ClosenessPrompt *self);
gboolean     closeness_prompt_get_retired (ClosenessPrompt *self);
gboolean     closeness_prompt_get_favourite (ClosenessPrompt *self);
const char * closeness_prompt_get_last_discussed (ClosenessPrompt *self);
int          closeness_prompt_get_answered_mask (ClosenessPrompt *self);

G_END_DECLS
