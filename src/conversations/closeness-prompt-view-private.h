/* closeness-prompt-view-private.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the conversation view's files share: closeness-prompt-view.c (the
 * card, favourite, discussed, skip, notes) and closeness-prompt-view-answers.c
 * (each partner's private answer and revealing them together).
 */

#pragma once

#include "closeness-prompt-view.h"
#include "closeness-talk-timer.h"

G_BEGIN_DECLS

#define SAVE_DELAY_MS 600
#define N_SLOTS       2

struct _ClosenessPromptView
{
  AdwBin           parent_instance;

  ClosenessStore  *store;
  ClosenessPrompt *prompt;
  GListModel      *answers;
  int              writing_slot;
  gboolean         revealed;
  gboolean         loading;
  gboolean         answer_dirty[N_SLOTS];
  gboolean         note_dirty;
  guint            answer_save_id[N_SLOTS];
  guint            note_save_id;
  ClosenessPartnerNames *partner_names;
  char            *names[N_SLOTS];   /* as shown when the prompt was set */

  /* Template widgets */
  GtkButton       *back_button;
  GtkLabel        *deck_label;
  GtkButton       *edit_button;
  GtkButton       *delete_button;
  GtkScrolledWindow *scrolled_window;
  GtkLabel        *intensity_label;
  GtkLabel        *text_label;
  GtkLabel        *follow_up_label;
  GtkLabel        *discussed_label;
  GtkToggleButton *favourite_button;
  GtkButton       *discussed_button;
  GtkButton       *skip_button;
  AdwActionRow    *first_answer_row;
  AdwActionRow    *second_answer_row;
  GtkButton       *first_answer_button;
  GtkButton       *second_answer_button;
  GtkRevealer     *first_answer_revealer;
  GtkRevealer     *second_answer_revealer;
  GtkLabel        *first_writing_label;
  GtkLabel        *second_writing_label;
  GtkTextView     *first_answer_view;
  GtkTextView     *second_answer_view;
  GtkButton       *first_done_button;
  GtkButton       *second_done_button;
  GtkButton       *reveal_button;
  GtkLabel        *reveal_hint_label;
  GtkBox          *revealed_box;
  GtkTextView     *note_view;
  ClosenessTalkTimer *talk_timer;
  GtkWidget       *answer_dots[N_SLOTS];  /* each partner's colour beside their answer row */
};

/* closeness-prompt-view.c */
char *_closeness_prompt_view_dup_buffer_text      (GtkTextView         *view);
void  _closeness_prompt_view_set_buffer_text      (ClosenessPromptView *self,
                                                   GtkTextView         *view,
                                                   const char          *text);
void  _closeness_prompt_view_report_error         (ClosenessPromptView *self,
                                                   const GError        *error);
void  _closeness_prompt_view_notify_revealed      (ClosenessPromptView *self);

/* closeness-prompt-view-answers.c */
void         _closeness_prompt_view_class_init_answers (GtkWidgetClass      *widget_class);
void         _closeness_prompt_view_init_answers       (ClosenessPromptView *self);
GtkTextView *_closeness_prompt_view_get_answer_view    (ClosenessPromptView *self,
                                                        guint                slot);
void         _closeness_prompt_view_save_answer        (ClosenessPromptView *self,
                                                        guint                slot);
void         _closeness_prompt_view_stop_writing       (ClosenessPromptView *self);
void         _closeness_prompt_view_update_answers     (ClosenessPromptView *self);
void         _closeness_prompt_view_answers_changed_cb (ClosenessPromptView *self);

G_END_DECLS
