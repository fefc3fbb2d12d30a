/* closeness-deck.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "closeness-record.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_DECK (closeness_deck_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessDeck, closeness_deck, CLOSENESS, DECK, ClosenessRecord)

const char * closeness_deck_get_builtin_key (ClosenessDeck *self);
const char * closeness_deck_get_name (ClosenessDeck *self);
const char * closeness_deck_get_description (ClosenessDeck *self);
int          closeness_deck_get_position (ClosenessDeck *self);
gboolean     closeness_deck_get_is_custom (ClosenessDeck *self);
gboolean     closeness_deck_get_retired (ClosenessDeck *self);
int          closeness_deck_get_prompt_count (ClosenessDeck *self);
int          closeness_deck_get_discussed_count (ClosenessDeck *self);

G_END_DECLS
