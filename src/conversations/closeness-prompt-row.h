/* closeness-prompt-row.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_PROMPT_ROW (closeness_prompt_row_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessPromptRow, closeness_prompt_row, CLOSENESS, PROMPT_ROW,
                      GtkListBoxRow)

GtkWidget       *closeness_prompt_row_new        (ClosenessPrompt    *prompt,
                                                  const char         *deck_name);
ClosenessPrompt *closeness_prompt_row_get_prompt (ClosenessPromptRow *self);

G_END_DECLS
