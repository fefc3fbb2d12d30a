/* closeness-print-selection.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which prompts go on paper: decks, favourites, tonight's picks or custom
 * prompts. GLib only; the couple's choices (ClosenessPromptFilter) are
 * applied when collecting.
 */

#pragma once

#include <gio/gio.h>

#include "store/closeness-store.h"
#include "conversations/closeness-conversation-logic.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_PRINT_SELECTION (closeness_print_selection_get_type ())

typedef struct _ClosenessPrintSelection ClosenessPrintSelection;

/* What a selection holds, as the Cards tab of the print dialog offers it. */
typedef enum
{
  CLOSENESS_PRINT_SELECTION_ALL,
  CLOSENESS_PRINT_SELECTION_DECKS,
  CLOSENESS_PRINT_SELECTION_FAVOURITES,
  CLOSENESS_PRINT_SELECTION_PICKS,
  CLOSENESS_PRINT_SELECTION_CUSTOM,
} ClosenessPrintSelectionKind;

GType                    closeness_print_selection_get_type            (void) G_GNUC_CONST;
ClosenessPrintSelection *closeness_print_selection_new                 (void);
ClosenessPrintSelection *closeness_print_selection_ref (ClosenessPrintSelection *self);
void                     closeness_print_selection_unref (ClosenessPrintSelection *self);

void                     closeness_print_selection_add_deck (ClosenessPrintSelection *self,
                                                             gint64                   deck_id);
void                     closeness_print_selection_add_prompt (ClosenessPrintSelection *self,
                                                               gint64                   prompt_id);
void closeness_print_selection_set_favourites_only (ClosenessPrintSelection *self,
                                                    gboolean                 favourites_only);
void closeness_print_selection_set_custom_only (ClosenessPrintSelection *self,
                                                gboolean                 custom_only);
ClosenessPrintSelectionKind closeness_print_selection_get_kind (ClosenessPrintSelection *self);
ClosenessPrintSelection *closeness_print_selection_new_tonight (ClosenessStore              *store,
                                                                const ClosenessPromptFilter *filter,
                                                                const char                  *day);
char *closeness_print_selection_dup_display_title (ClosenessPrintSelection *self,
                                                   ClosenessStore          *store);

GPtrArray               *closeness_print_selection_collect (ClosenessPrintSelection     *self,
                                                            ClosenessStore              *store,
                                                            const ClosenessPromptFilter *filter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClosenessPrintSelection, closeness_print_selection_unref)

G_END_DECLS
