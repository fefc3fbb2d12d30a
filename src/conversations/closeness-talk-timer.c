/* closeness-talk-timer.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Speaker and listener take turns for a few minutes each.
 */

#define G_LOG_DOMAIN "closeness-conversations"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-conversation-logic.h"
#include "closeness-partner-dot.h"
#include "closeness-talk-timer.h"

struct _ClosenessTalkTimer
{
  GtkBox       parent_instance;

  char        *names[2];
  char        *colors[2];  /* "" or "#rrggbb" */
  guint        speaker;
  guint        turn_minutes;
  guint        remaining;
  guint        tick_source_id;

  GtkDropDown *length_drop_down;
  ClosenessPartnerDot *speaker_dot;
  GtkLabel    *turn_label;
  GtkLabel    *time_label;
  GtkButton   *start_button;
  GtkButton   *switch_button;
  GtkButton   *reset_button;
  GtkRevealer *turn_over_revealer;
  GtkLabel    *turn_over_label;
};

G_DEFINE_FINAL_TYPE (ClosenessTalkTimer, closeness_talk_timer, GTK_TYPE_BOX)

static const guint turn_lengths[] = { 3, 4, 5 };

static const char *
get_name (ClosenessTalkTimer *self,
          guint               slot)
{
  if (self->names[slot] != NULL)
    return self->names[slot];

  return slot == 0 ? _("Partner 1") : _("Partner 2");
}

/* The end of a turn shows until the next one starts: a line in the accent
 * colour above the time, and the time itself in the accent colour. The
 * bell rings as well, when the desktop lets applications ring it. */
static void
show_turn_over (ClosenessTalkTimer *self,
                gboolean            shown)
{
  if (shown)
    {
      g_autofree char *speaker = closeness_isolate_name (get_name (self, self->speaker));
      /* Translators: the talk timer at the end of a turn; %s speaks next */
      g_autofree char *text = g_strdup_printf (_("Time is up. Now %s speaks."), speaker);

      gtk_label_set_text (self->turn_over_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->time_label), "accent");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->time_label), "accent");
  gtk_revealer_set_reveal_child (self->turn_over_revealer, shown);
}

static void
update_labels (ClosenessTalkTimer *self,
               gboolean            announce)
{
  g_autofree char *time = closeness_talk_timer_format (self->remaining);
  g_autofree char *turn = NULL;
  g_autofree char *time_description = NULL;
  g_autofree char *speaker = closeness_isolate_name (get_name (self, self->speaker));
  g_autofree char *listener = closeness_isolate_name (get_name (self, 1 - self->speaker));
  gboolean running = self->tick_source_id != 0;

  /* Translators: the talk timer; the first %s speaks, the second listens. */
  turn = g_strdup_printf (_("%s speaks, %s listens"), speaker, listener);
  gtk_label_set_text (self->turn_label, turn);
  gtk_label_set_text (self->time_label, time);
  closeness_partner_dot_set_color (self->speaker_dot, self->colors[self->speaker]);

  /* Translators: what a screen reader says about the timer, e.g. “2:30 left”. */
  time_description = g_strdup_printf (_("%s left"), time);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->time_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, time_description,
                                  -1);
  if (announce)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->turn_label),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, turn,
                                    -1);

  gtk_button_set_label (self->start_button, running ? _("_Pause") : _("_Start"));
  if (running)
    show_turn_over (self, FALSE);
  if (running)
    gtk_widget_remove_css_class (GTK_WIDGET (self->start_button), "suggested-action");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->start_button), "suggested-action");
}

static gboolean
tick_cb (gpointer user_data)
{
  closeness_talk_timer_tick (CLOSENESS_TALK_TIMER (user_data));

  return G_SOURCE_CONTINUE;
}

static void
start_clicked_cb (ClosenessTalkTimer *self)
{
  closeness_talk_timer_set_running (self, self->tick_source_id == 0);
}

static void
length_changed_cb (ClosenessTalkTimer *self)
{
  guint selected = gtk_drop_down_get_selected (self->length_drop_down);

  if (selected >= G_N_ELEMENTS (turn_lengths))
    return;

  self->turn_minutes = turn_lengths[selected];
  closeness_talk_timer_reset (self);
}

static void
closeness_talk_timer_dispose (GObject *object)
{
  ClosenessTalkTimer *self = CLOSENESS_TALK_TIMER (object);

  g_clear_handle_id (&self->tick_source_id, g_source_remove);

  G_OBJECT_CLASS (closeness_talk_timer_parent_class)->dispose (object);
}

static void
closeness_talk_timer_finalize (GObject *object)
{
  ClosenessTalkTimer *self = CLOSENESS_TALK_TIMER (object);

  g_free (self->names[0]);
  g_free (self->names[1]);
  g_free (self->colors[0]);
  g_free (self->colors[1]);

  G_OBJECT_CLASS (closeness_talk_timer_parent_class)->finalize (object);
}

static void
closeness_talk_timer_unmap (GtkWidget *widget)
{
  /* A timer nobody can see should not keep running. */
  closeness_talk_timer_set_running (CLOSENESS_TALK_TIMER (widget), FALSE);

  GTK_WIDGET_CLASS (closeness_talk_timer_parent_class)->unmap (widget);
}

static void
closeness_talk_timer_class_init (ClosenessTalkTimerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_talk_timer_dispose;
  object_class->finalize = closeness_talk_timer_finalize;
  widget_class->unmap = closeness_talk_timer_unmap;

  gtk_widget_class_set_css_name (widget_class, "closeness-talk-timer");
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

static void
closeness_talk_timer_init (ClosenessTalkTimer *self)
{
  g_autoptr(GtkStringList) lengths = gtk_string_list_new (NULL);
  GtkWidget *buttons;
  GtkWidget *header;
  GtkWidget *title;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_add_css_class (GTK_WIDGET (self), "closeness-timer-card");

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  title = gtk_label_new (_("Talk Timer"));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  /* "Temporizador de conversación" and the length beside it are wider
   * than a 360 px window's card: the heading wraps. */
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (header), title);

  for (guint i = 0; i < G_N_ELEMENTS (turn_lengths); i++)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute",
                                                            "%u minutes", turn_lengths[i]),
                                               turn_lengths[i]);
      gtk_string_list_append (lengths, text);
    }
  self->length_drop_down = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (lengths)),
                                                             NULL));
  gtk_drop_down_set_selected (self->length_drop_down, 0);
  gtk_widget_set_valign (GTK_WIDGET (self->length_drop_down), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->length_drop_down), _("Length of Each Turn"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->length_drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Length of Each Turn"),
                                  -1);
  g_signal_connect_object (self->length_drop_down, "notify::selected",
                           G_CALLBACK (length_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->length_drop_down));
  gtk_box_append (GTK_BOX (self), header);

  {
    GtkWidget *hint = new_label (_("Take turns: one of you speaks, the other listens without "
                                   "interrupting. Then switch."), "dim-label");

    gtk_label_set_xalign (GTK_LABEL (hint), 0);
    gtk_label_set_justify (GTK_LABEL (hint), GTK_JUSTIFY_LEFT);
    gtk_box_append (GTK_BOX (self), hint);
  }

  /* The speaker's colour beside whose turn it is. */
  {
    GtkWidget *turn = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

    gtk_widget_set_halign (turn, GTK_ALIGN_CENTER);
    self->speaker_dot = CLOSENESS_PARTNER_DOT (closeness_partner_dot_new ());
    gtk_box_append (GTK_BOX (turn), GTK_WIDGET (self->speaker_dot));
    self->turn_label = GTK_LABEL (new_label (NULL, "title-4"));
    gtk_box_append (GTK_BOX (turn), GTK_WIDGET (self->turn_label));
    gtk_box_append (GTK_BOX (self), turn);
  }

  self->turn_over_label = GTK_LABEL (new_label (NULL, "heading"));
  gtk_widget_add_css_class (GTK_WIDGET (self->turn_over_label), "accent");
  self->turn_over_revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->turn_over_revealer, GTK_WIDGET (self->turn_over_label));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->turn_over_revealer));

  self->time_label = GTK_LABEL (g_object_new (GTK_TYPE_LABEL,
                                              "accessible-role", GTK_ACCESSIBLE_ROLE_TIMER,
                                              NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->time_label), "title-1");
  gtk_widget_add_css_class (GTK_WIDGET (self->time_label), "numeric");
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->time_label));

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);

  self->start_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Start")));
  gtk_widget_add_css_class (GTK_WIDGET (self->start_button), "pill");
  g_signal_connect_object (self->start_button, "clicked",
                           G_CALLBACK (start_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->start_button));

  self->switch_button =
    GTK_BUTTON (gtk_button_new_from_icon_name ("object-flip-horizontal-symbolic"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->switch_button), _("Switch Turns"));
  gtk_widget_set_valign (GTK_WIDGET (self->switch_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->switch_button), "circular");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->switch_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Switch Turns"), -1);
  g_signal_connect_object (self->switch_button, "clicked",
                           G_CALLBACK (closeness_talk_timer_switch_turns), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->switch_button));

  self->reset_button = GTK_BUTTON (gtk_button_new_from_icon_name ("view-refresh-symbolic"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reset_button), _("Reset Timer"));
  gtk_widget_set_valign (GTK_WIDGET (self->reset_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->reset_button), "circular");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reset_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reset Timer"), -1);
  g_signal_connect_object (self->reset_button, "clicked",
                           G_CALLBACK (closeness_talk_timer_reset), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->reset_button));
  gtk_box_append (GTK_BOX (self), buttons);

  self->turn_minutes = turn_lengths[0];
  self->remaining = self->turn_minutes * 60;
  update_labels (self, FALSE);
}

void
closeness_talk_timer_set_names (ClosenessTalkTimer *self,
                                const char         *first_name,
                                const char         *second_name)
{
  g_return_if_fail (CLOSENESS_IS_TALK_TIMER (self));

  g_free (self->names[0]);
  g_free (self->names[1]);
  self->names[0] = g_strdup (first_name);
  self->names[1] = g_strdup (second_name);
  update_labels (self, FALSE);
}

/**
 * closeness_talk_timer_set_colors:
 * @first_color: (nullable): the first partner's colour, "" or "#rrggbb"
 * @second_color: (nullable): the second partner's colour
 *
 * The dot beside the turn shows the speaker's colour.
 */
void
closeness_talk_timer_set_colors (ClosenessTalkTimer *self,
                                 const char         *first_color,
                                 const char         *second_color)
{
  g_return_if_fail (CLOSENESS_IS_TALK_TIMER (self));

  g_free (self->colors[0]);
  g_free (self->colors[1]);
  self->colors[0] = g_strdup (first_color);
  self->colors[1] = g_strdup (second_color);
  update_labels (self, FALSE);
}

guint
closeness_talk_timer_get_remaining (ClosenessTalkTimer *self)
{
  g_return_val_if_fail (CLOSENESS_IS_TALK_TIMER (self), 0);

  return self->remaining;
}

guint
closeness_talk_timer_get_speaker (ClosenessTalkTimer *self)
{
  g_return_val_if_fail (CLOSENESS_IS_TALK_TIMER (self), 0);

  return self->speaker;
}

gboolean
closeness_talk_timer_get_running (ClosenessTalkTimer *self)
{
  g_return_val_if_fail (CLOSENESS_IS_TALK_TIMER (self), FALSE);

  return self->tick_source_id != 0;
}

void
closeness_talk_timer_set_running (ClosenessTalkTimer *self,
                                  gboolean            running)
{
  g_return_if_fail (CLOSENESS_IS_TALK_TIMER (self));

  if (running == (self->tick_source_id != 0))
    return;

  if (running)
    self->tick_source_id = g_timeout_add_seconds (1, tick_cb, self);
  else
    g_clear_handle_id (&self->tick_source_id, g_source_remove);

  update_labels (self, FALSE);
}

/* Advances one second; at zero the turn passes to the other partner and the
 * timer waits for them to start. */
void
closeness_talk_timer_tick (ClosenessTalkTimer *self)
{
  g_return_if_fail (CLOSENESS_IS_TALK_TIMER (self));

  if (self->remaining > 0)
    self->remaining--;

  if (self->remaining == 0)
    {
      g_clear_handle_id (&self->tick_source_id, g_source_remove);
      self->speaker = 1 - self->speaker;
      self->remaining = self->turn_minutes * 60;
      gtk_widget_error_bell (GTK_WIDGET (self));
      update_labels (self, TRUE);
      show_turn_over (self, TRUE);
      return;
    }

  update_labels (self, FALSE);
}

void
closeness_talk_timer_switch_turns (ClosenessTalkTimer *self)
{
  g_return_if_fail (CLOSENESS_IS_TALK_TIMER (self));

  self->speaker = 1 - self->speaker;
  self->remaining = self->turn_minutes * 60;
  show_turn_over (self, FALSE);
  update_labels (self, TRUE);
}

void
closeness_talk_timer_reset (ClosenessTalkTimer *self)
{
  g_return_if_fail (CLOSENESS_IS_TALK_TIMER (self));

  g_clear_handle_id (&self->tick_source_id, g_source_remove);
  self->speaker = 0;
  self->remaining = self->turn_minutes * 60;
  show_turn_over (self, FALSE);
  update_labels (self, TRUE);
}

/**
 * closeness_talk_timer_get_turn_over:
 *
 * Returns: (nullable): what the timer shows when a turn ended and the next
 *   one has not started, or %NULL
 */
const char *
closeness_talk_timer_get_turn_over (ClosenessTalkTimer *self)
{
  g_return_val_if_fail (CLOSENESS_IS_TALK_TIMER (self), NULL);

  return gtk_revealer_get_reveal_child (self->turn_over_revealer)
           ? gtk_label_get_text (self->turn_over_label)
           : NULL;
}
