/* closeness-deck-card.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_DECK_CARD (closeness_deck_card_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessDeckCard, closeness_deck_card, CLOSENESS, DECK_CARD, GtkFlowBoxChild)

GtkWidget     *closeness_deck_card_new          (ClosenessDeck     *deck);
ClosenessDeck *closeness_deck_card_get_deck     (ClosenessDeckCard *self);
void           closeness_deck_card_set_progress (ClosenessDeckCard *self,
                                                 const char        *progress);

G_END_DECLS
