/* closeness-talk-timer.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CLOSENESS_TYPE_TALK_TIMER (closeness_talk_timer_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessTalkTimer, closeness_talk_timer, CLOSENESS, TALK_TIMER, GtkBox)

void     closeness_talk_timer_set_names     (ClosenessTalkTimer *self,
                                             const char         *first_name,
                                             const char         *second_name);
void     closeness_talk_timer_set_colors    (ClosenessTalkTimer *self,
                                             const char         *first_color,
                                             const char         *second_color);
guint    closeness_talk_timer_get_remaining (ClosenessTalkTimer *self);
guint    closeness_talk_timer_get_speaker   (ClosenessTalkTimer *self);
gboolean closeness_talk_timer_get_running   (ClosenessTalkTimer *self);
void     closeness_talk_timer_set_running   (ClosenessTalkTimer *self,
                                             gboolean            running);
void     closeness_talk_timer_switch_turns  (ClosenessTalkTimer *self);
void     closeness_talk_timer_reset         (ClosenessTalkTimer *self);
void     closeness_talk_timer_tick          (ClosenessTalkTimer *self);
const char *closeness_talk_timer_get_turn_over (ClosenessTalkTimer *self);

G_END_DECLS
