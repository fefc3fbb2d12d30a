/* closeness-prompt-view-answers.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each partner's private answer in a conversation: writing it (saved after
 * a pause, gone from the screen once its writer is done), asking who is at
 * the screen before showing it again, and revealing both answers together,
 * side by side when there is room.
 */

#define G_LOG_DOMAIN "closeness-conversations"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-conversation-logic.h"
#include "closeness-partner-dot.h"
#include "closeness-prompt-view-private.h"

/* The revealed answers sit side by side from this width on, else stacked. */
#define ANSWERS_SIDE_BY_SIDE_WIDTH 480
#define ANSWERS_SPACING            12

static AdwActionRow *
get_answer_row (ClosenessPromptView *self,
                guint                slot)
{
  return slot == 0 ? self->first_answer_row : self->second_answer_row;
}

static GtkButton *
get_answer_button (ClosenessPromptView *self,
                   guint                slot)
{
  return slot == 0 ? self->first_answer_button : self->second_answer_button;
}

static GtkRevealer *
get_answer_revealer (ClosenessPromptView *self,
                     guint                slot)
{
  return slot == 0 ? self->first_answer_revealer : self->second_answer_revealer;
}

GtkTextView *
_closeness_prompt_view_get_answer_view (ClosenessPromptView *self,
                 guint                slot)
{
  return slot == 0 ? self->first_answer_view : self->second_answer_view;
}

static GtkLabel *
get_writing_label (ClosenessPromptView *self,
                   guint                slot)
{
  return slot == 0 ? self->first_writing_label : self->second_writing_label;
}

static const char *
find_answer_text (ClosenessPromptView *self,
                  guint                slot)
{
  guint n;

  if (self->answers == NULL)
    return NULL;

  n = g_list_model_get_n_items (self->answers);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessAnswer) answer = g_list_model_get_item (self->answers, i);

      if ((guint) closeness_answer_get_slot (answer) == slot)
        return closeness_answer_get_text (answer);
    }

  return NULL;
}

static int
get_answered_mask (ClosenessPromptView *self)
{
  int mask = 0;

  for (guint slot = 0; slot < N_SLOTS; slot++)
    {
      const char *text = find_answer_text (self, slot);

      if (text != NULL && text[0] != '\0')
        mask |= 1 << slot;
    }

  return mask;
}

static ClosenessRevealState
get_reveal_state (ClosenessPromptView *self)
{
  return closeness_reveal_state_get (get_answered_mask (self), self->revealed);
}

void
_closeness_prompt_view_save_answer (ClosenessPromptView *self,
             guint                slot)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_clear_handle_id (&self->answer_save_id[slot], g_source_remove);

  if (!self->answer_dirty[slot] || self->prompt == NULL)
    return;

  self->answer_dirty[slot] = FALSE;
  text =
    _closeness_prompt_view_dup_buffer_text (_closeness_prompt_view_get_answer_view (self, slot));
  g_strstrip (text);

  if (!closeness_store_set_answer (self->store,
                                   closeness_record_get_id (CLOSENESS_RECORD (self->prompt)), slot,
                                   text, &error))
    _closeness_prompt_view_report_error (self, error);
}

static gboolean
answers_side_by_side (int width)
{
  return width >= ANSWERS_SIDE_BY_SIDE_WIDTH;
}

static int
get_answers_column_width (GtkWidget *widget,
                          int        width)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      n++;

  if (n < 2 || !answers_side_by_side (width))
    return width;

  return MAX (0, (width - (int) (n - 1) * ANSWERS_SPACING) / (int) n);
}

static void
answers_layout_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  gboolean side_by_side = for_size >= 0 && answers_side_by_side (for_size);
  int column = for_size >= 0 ? get_answers_column_width (widget, for_size) : -1;
  guint n = 0;

  *minimum = *natural = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_should_layout (child))
        continue;

      if (orientation == GTK_ORIENTATION_HORIZONTAL)
        {
          /* Stacked, the widest card decides. */
          gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      else
        {
          gtk_widget_measure (child, orientation, column, &child_min, &child_nat, NULL, NULL);
          if (side_by_side)
            {
              *minimum = MAX (*minimum, child_min);
              *natural = MAX (*natural, child_nat);
            }
          else
            {
              *minimum += child_min + (n > 0 ? ANSWERS_SPACING : 0);
              *natural += child_nat + (n > 0 ? ANSWERS_SPACING : 0);
            }
        }
      n++;
    }
}

static void
answers_layout_allocate (GtkWidget *widget,
                         int        width,
                         int        height,
                         int        baseline)
{
  gboolean side_by_side = answers_side_by_side (width);
  int column = get_answers_column_width (widget, width);
  int x = 0, y = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_height;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, column, NULL, &child_height, NULL, NULL);
      if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL && side_by_side)
        gtk_widget_size_allocate (child,
                                  &(GtkAllocation) { width - x - column, y, column, child_height },
                                  -1);
      else
        gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, column, child_height }, -1);

      if (side_by_side)
        x += column + ANSWERS_SPACING;
      else
        y += child_height + ANSWERS_SPACING;
    }
}

static GtkSizeRequestMode
answers_layout_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
update_revealed_answers (ClosenessPromptView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->revealed_box))) != NULL)
    gtk_box_remove (self->revealed_box, child);

  if (get_reveal_state (self) != CLOSENESS_REVEAL_REVEALED)
    return;

  for (guint slot = 0; slot < N_SLOTS; slot++)
    {
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *dot = closeness_partner_dot_new ();
      GtkWidget *name = gtk_label_new (self->names[slot]);
      GtkWidget *text = gtk_label_new (find_answer_text (self, slot));

      gtk_widget_add_css_class (card, "card");
      gtk_widget_add_css_class (card, "closeness-answer-card");
      gtk_widget_set_valign (card, GTK_ALIGN_START);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_wrap (GTK_LABEL (name), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (name, "heading");
      if (self->partner_names != NULL)
        closeness_partner_dot_bind (CLOSENESS_PARTNER_DOT (dot), self->partner_names, slot);
      gtk_box_append (GTK_BOX (heading), dot);
      gtk_box_append (GTK_BOX (heading), name);
      gtk_box_append (GTK_BOX (card), heading);

      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_natural_wrap_mode (GTK_LABEL (text), GTK_NATURAL_WRAP_WORD);
      gtk_label_set_selectable (GTK_LABEL (text), TRUE);
      gtk_widget_add_css_class (text, "body");
      gtk_box_append (GTK_BOX (card), text);

      gtk_box_append (self->revealed_box, card);
    }
}

void
_closeness_prompt_view_update_answers (ClosenessPromptView *self)
{
  ClosenessRevealState state = get_reveal_state (self);
  g_autofree char *hint = NULL;
  gboolean sealed[N_SLOTS] = { FALSE, FALSE };

  for (guint slot = 0; slot < N_SLOTS; slot++)
    sealed[slot] = self->store != NULL && self->prompt != NULL
                   && !closeness_reveal_state_has_answered (state, slot)
                   && closeness_store_couple_has_sealed_answer (self->store,
                                                                closeness_record_get_id (
                                                                  CLOSENESS_RECORD (self->prompt)),
                                                                slot);

  for (guint slot = 0; slot < N_SLOTS; slot++)
    {
      gboolean answered = closeness_reveal_state_has_answered (state, slot);
      gboolean writing = self->writing_slot == (int) slot;
      g_autofree char *writing_text = NULL;
      g_autofree char *name = NULL;
      const char *subtitle;
      const char *button;

      if (writing)
        subtitle = _("Writing…");
      else if (sealed[slot])
        subtitle = _("Answered on another computer — answer to reveal");
      else if (answered)
        subtitle = _("Answered");
      else
        subtitle = _("Not answered yet");

      if (writing)
        button = _("_Hide");
      else if (answered)
        button = _("_Edit Answer");
      else
        button = _("_Write Answer");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (get_answer_row (self, slot)),
                                     self->names[slot]);
      adw_action_row_set_subtitle (get_answer_row (self, slot), subtitle);
      gtk_button_set_label (get_answer_button (self, slot), button);
      /* Only that partner's computers may write it: it is theirs, and sealed. */
      gtk_widget_set_visible (GTK_WIDGET (get_answer_button (self, slot)), !sealed[slot]);
      gtk_revealer_set_reveal_child (get_answer_revealer (self, slot), writing);
      gtk_widget_set_visible (GTK_WIDGET (get_answer_revealer (self, slot)), writing);

      name = closeness_isolate_name (self->names[slot]);
      /* Translators: shown above the answer box; %s is the partner's name. */
      writing_text = g_strdup_printf (_("%s’s answer, only visible to you while you write"), name);
      gtk_label_set_text (get_writing_label (self, slot), writing_text);
    }

  for (guint slot = 0; slot < N_SLOTS && hint == NULL; slot++)
    if (sealed[slot])
      {
        g_autofree char *answered = closeness_isolate_name (self->names[slot]);

        /* Translators: %s answered on their own computer; the answer opens
         * only once the person here has answered too. */
        hint =
          g_strdup_printf (_("%s answered on another computer. Write your answer, and both open once "
                             "it is synced."),
                           answered);
      }

  if (hint == NULL)
    switch (state)
      {
      case CLOSENESS_REVEAL_NOBODY_ANSWERED:
        hint =
          g_strdup (_("When both of you have answered, you can reveal your answers together."));
        break;

      case CLOSENESS_REVEAL_FIRST_ANSWERED:
      case CLOSENESS_REVEAL_SECOND_ANSWERED:
        {
          guint done = state == CLOSENESS_REVEAL_FIRST_ANSWERED ? 0 : 1;
          g_autofree char *answered = closeness_isolate_name (self->names[done]);
          g_autofree char *waiting = closeness_isolate_name (self->names[1 - done]);

          /* Translators: the first %s has answered, the second %s not yet. */
          hint = g_strdup_printf (_("%s has answered. Waiting for %s."), answered, waiting);
        }
        break;

      case CLOSENESS_REVEAL_READY:
        hint = g_strdup (_("You have both answered. Sit together and reveal your answers."));
        break;

      case CLOSENESS_REVEAL_REVEALED:
      default:
        break;
      }

  gtk_label_set_text (self->reveal_hint_label, hint != NULL ? hint : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reveal_hint_label), hint != NULL);
  gtk_button_set_label (self->reveal_button,
                        state == CLOSENESS_REVEAL_REVEALED ? _("_Hide Answers")
                                                           : _("_Reveal Together"));
  if (state == CLOSENESS_REVEAL_REVEALED)
    gtk_widget_remove_css_class (GTK_WIDGET (self->reveal_button), "suggested-action");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->reveal_button), "suggested-action");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prompt.reveal",
                                 state == CLOSENESS_REVEAL_READY ||
                                 state == CLOSENESS_REVEAL_REVEALED);
  gtk_widget_set_visible (GTK_WIDGET (self->revealed_box), state == CLOSENESS_REVEAL_REVEALED);
  update_revealed_answers (self);
}

void
_closeness_prompt_view_answers_changed_cb (ClosenessPromptView *self)
{
  _closeness_prompt_view_update_answers (self);
}

static gboolean
save_answer_timeout_cb (gpointer user_data)
{
  ClosenessPromptView *self = user_data;

  for (guint slot = 0; slot < N_SLOTS; slot++)
    {
      if (self->answer_save_id[slot] != 0 && self->answer_dirty[slot])
        {
          self->answer_save_id[slot] = 0;
          self->answer_dirty[slot] = TRUE;
          _closeness_prompt_view_save_answer (self, slot);
        }
    }

  return G_SOURCE_REMOVE;
}

static void
answer_buffer_changed_cb (GtkTextBuffer       *buffer,
                          ClosenessPromptView *self)
{
  guint slot = buffer == gtk_text_view_get_buffer (self->first_answer_view) ? 0 : 1;

  if (self->loading)
    return;

  self->answer_dirty[slot] = TRUE;
  g_clear_handle_id (&self->answer_save_id[slot], g_source_remove);
  self->answer_save_id[slot] = g_timeout_add (SAVE_DELAY_MS, save_answer_timeout_cb, self);
}

void
_closeness_prompt_view_stop_writing (ClosenessPromptView *self)
{
  if (self->writing_slot >= 0)
    {
      guint slot = self->writing_slot;

      _closeness_prompt_view_save_answer (self, slot);
      /* Nothing of an answer stays in a widget once its writer is done. */
      _closeness_prompt_view_set_buffer_text (self,
                                              _closeness_prompt_view_get_answer_view (self, slot),
                                              "");
      self->writing_slot = -1;
    }
}

static void
start_writing (ClosenessPromptView *self,
               guint                slot)
{
  _closeness_prompt_view_stop_writing (self);
  self->writing_slot = slot;
  _closeness_prompt_view_set_buffer_text (self, _closeness_prompt_view_get_answer_view (self, slot),
                                          find_answer_text (self, slot));
  _closeness_prompt_view_update_answers (self);
  gtk_widget_grab_focus (GTK_WIDGET (_closeness_prompt_view_get_answer_view (self, slot)));
}

static void
confirm_writer_response_cb (AdwMessageDialog    *dialog,
                            const char          *response,
                            ClosenessPromptView *self)
{
  guint slot = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "slot"));
  ClosenessPrompt *prompt = g_object_get_data (G_OBJECT (dialog), "prompt");

  /* Only if the conversation did not change while the dialog was open. */
  if (g_str_equal (response, "open") && prompt == self->prompt)
    start_writing (self, slot);
}

/* A written answer stays private until it is revealed: before showing it
 * again for editing, ask whether its writer is the one at the screen. */
static void
confirm_writer (ClosenessPromptView *self,
                guint                slot)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *name = closeness_isolate_name (self->names[slot]);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: asked before showing a private answer again; %s is the partner's name. */
  heading = g_strdup_printf (_("Is This You, %s?"), name);
  /* Translators: %s is the partner's name. */
  body = g_strdup_printf (_("Answers stay private until you reveal them together. "
                            "Open this answer only if you are %s."), name);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "open", _("_Open Answer"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "slot", GUINT_TO_POINTER (slot));
  g_object_set_data_full (G_OBJECT (dialog), "prompt", g_object_ref (self->prompt), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_writer_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
answer_button_clicked_cb (ClosenessPromptView *self,
                          GtkButton           *button)
{
  guint slot = button == self->first_answer_button ? 0 : 1;

  if (self->writing_slot == (int) slot)
    {
      _closeness_prompt_view_stop_writing (self);
      _closeness_prompt_view_update_answers (self);
    }
  else if (self->prompt != NULL &&
           closeness_reveal_state_has_answered (get_reveal_state (self), slot) &&
           get_reveal_state (self) != CLOSENESS_REVEAL_REVEALED)
    {
      /* Hide whatever else was open before asking. */
      _closeness_prompt_view_stop_writing (self);
      _closeness_prompt_view_update_answers (self);
      confirm_writer (self, slot);
    }
  else
    start_writing (self, slot);
}

static void
done_button_clicked_cb (ClosenessPromptView *self,
                        GtkButton           *button)
{
  _closeness_prompt_view_stop_writing (self);
  _closeness_prompt_view_update_answers (self);
}

static void
reveal_activated_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ClosenessPromptView *self = CLOSENESS_PROMPT_VIEW (widget);
  ClosenessRevealState state;

  _closeness_prompt_view_stop_writing (self);
  state = get_reveal_state (self);

  if (state == CLOSENESS_REVEAL_REVEALED)
    self->revealed = FALSE;
  else if (closeness_reveal_state_can_reveal (state))
    self->revealed = TRUE;
  else
    return;

  _closeness_prompt_view_update_answers (self);
  _closeness_prompt_view_notify_revealed (self);
}

void
_closeness_prompt_view_class_init_answers (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, answer_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, done_button_clicked_cb);
  gtk_widget_class_install_action (widget_class, "prompt.reveal", NULL, reveal_activated_cb);
}

void
_closeness_prompt_view_init_answers (ClosenessPromptView *self)
{
  for (guint slot = 0; slot < N_SLOTS; slot++)
    {
      g_signal_connect_object (gtk_text_view_get_buffer (
                                 _closeness_prompt_view_get_answer_view (self, slot)),
                               "changed", G_CALLBACK (answer_buffer_changed_cb), self, 0);
      /* A screen reader names the box as the line above it does: whose
       * answer, and that only this screen shows it. */
      gtk_accessible_update_relation (GTK_ACCESSIBLE (_closeness_prompt_view_get_answer_view (self,
                                                                                              slot)),
                                      GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      get_writing_label (self, slot), NULL, -1);
      self->answer_dots[slot] = closeness_partner_dot_new ();
      adw_action_row_add_prefix (get_answer_row (self, slot), self->answer_dots[slot]);
    }

  gtk_widget_set_layout_manager (GTK_WIDGET (self->revealed_box),
                                 gtk_custom_layout_new (answers_layout_request_mode,
                                                        answers_layout_measure,
                                                        answers_layout_allocate));
}
