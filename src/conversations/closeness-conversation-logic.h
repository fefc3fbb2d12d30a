/* closeness-conversation-logic.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Conversations page shows, decided without a display so it can be
 * tested: which questions may appear (ClosenessPromptFilter), prompt of the
 * day, drawing a card, search, deck progress and when answers may be revealed.
 */

#pragma once

#include <gio/gio.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

/* U+2068 and U+2069, in UTF-8: around a name inside a sentence. */
#define CLOSENESS_FIRST_STRONG_ISOLATE    "\xe2\x81\xa8"
#define CLOSENESS_POP_DIRECTIONAL_ISOLATE "\xe2\x81\xa9"

/* Drawing a card avoids prompts seen, skipped or discussed this recently. */
#define CLOSENESS_DRAW_RECENT_DAYS 28

/* Which questions may appear, wherever they would: up to the intensity the
 * couple chose, and none from a deck they have not opened (the desire deck,
 * until both partners choose it). Every function here that offers, finds,
 * counts or prints questions takes one; get it from
 * closeness_conversation_settings_get_filter(). */
typedef struct
{
  ClosenessIntensity ceiling;
  gint64             closed_deck_id;  /* 0: no deck is closed */
} ClosenessPromptFilter;

typedef enum
{
  CLOSENESS_REVEAL_NOBODY_ANSWERED,
  CLOSENESS_REVEAL_FIRST_ANSWERED,  /* only the partner in slot 0 */
  CLOSENESS_REVEAL_SECOND_ANSWERED, /* only the partner in slot 1 */
  CLOSENESS_REVEAL_READY,           /* both answered, not shown yet */
  CLOSENESS_REVEAL_REVEALED,        /* both answers shown side by side */
} ClosenessRevealState;

const char          *closeness_intensity_to_string            (ClosenessIntensity intensity);
ClosenessIntensity   closeness_intensity_from_string          (const char        *value,
                                                               ClosenessIntensity fallback);

gboolean             closeness_prompt_filter_allows           (const ClosenessPromptFilter *filter,
                                                               ClosenessPrompt             *prompt);
gboolean             closeness_prompt_filter_allows_deck (const ClosenessPromptFilter *filter,
                                                          gint64                       deck_id);
const char          *closeness_prompt_get_display_text        (ClosenessPrompt             *prompt);
const char          *closeness_prompt_get_display_follow_up   (ClosenessPrompt             *prompt);
const char          *closeness_deck_get_display_name          (ClosenessDeck               *deck);
const char          *closeness_deck_get_display_description   (ClosenessDeck               *deck);

char                *closeness_text_fold                      (const char                  *text);
gboolean             closeness_prompt_matches                 (ClosenessPrompt *prompt,
                                                               const char      *folded_query);

GPtrArray           *closeness_conversation_eligible (GListModel                  *prompts,
                                                      const ClosenessPromptFilter *filter,
                                                      const gint64                *deck_ids,
                                                      guint                        n_deck_ids);
GPtrArray           *closeness_conversation_search            (GListModel                  *prompts,
                                                               const ClosenessPromptFilter *filter,
                                                               const char                  *query);
GPtrArray           *closeness_conversation_deck_prompts (GListModel                  *prompts,
                                                          const ClosenessPromptFilter *filter,
                                                          gint64                       deck_id);
ClosenessPrompt     *closeness_conversation_prompt_of_the_day (GListModel                  *prompts,
                                                               const ClosenessPromptFilter *filter,
                                                               const char                  *day);
gint64               closeness_conversation_pick_of_the_day   (GArray                      *keys,
                                                               const ClosenessPromptFilter *filter,
                                                               const char                  *day);
ClosenessPrompt     *closeness_conversation_draw (GListModel                  *prompts,
                                                  const ClosenessPromptFilter *filter,
                                                  const gint64                *deck_ids,
                                                  guint                        n_deck_ids,
                                                  GArray                      *recent_ids,
                                                  gint64                       current_id,
                                                  GRand                       *rand,
                                                  gboolean                    *all_seen);
void                 closeness_conversation_count_progress (GListModel                  *prompts,
                                                            const ClosenessPromptFilter *filter,
                                                            gint64                       deck_id,
                                                            guint                       *discussed,
                                                            guint                       *total);
void closeness_conversation_count_progress_keys (GArray                      *keys,
                                                 const ClosenessPromptFilter *filter,
                                                 gint64                       deck_id,
                                                 guint                       *discussed,
                                                 guint                       *total);
char                *closeness_conversation_format_progress   (guint discussed,
                                                               guint total);

char                *closeness_conversation_day_string        (GDateTime *date_time);
char                *closeness_conversation_day_add           (const char                  *day,
                                                               int                          days);
char                *closeness_conversation_format_day        (const char                  *day);
guint                closeness_conversation_seconds_to_midnight (GDateTime                   *now);

ClosenessRevealState closeness_reveal_state_get               (int      answered_mask,
                                                               gboolean revealed);
gboolean             closeness_reveal_state_can_reveal        (ClosenessRevealState         state);
gboolean             closeness_reveal_state_has_answered      (ClosenessRevealState         state,
                                                               guint                        slot);
gboolean             closeness_reveal_state_shows_answer      (ClosenessRevealState state,
                                                               guint                answer_slot,
                                                               int                  writing_slot);

char                *closeness_talk_timer_format              (guint seconds);

char                *closeness_isolate_name                   (const char                  *name);

G_END_DECLS
