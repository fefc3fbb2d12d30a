/* closeness-conversation-editor.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writing or editing a custom question or deck. Empty text is refused
 * inline: Save stays off and a sentence says what is missing.
 */

#define G_LOG_DOMAIN "closeness-conversations"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-conversation-editor.h"

struct _ClosenessConversationEditor
{
  AdwMessageDialog  parent_instance;

  gboolean          is_deck;
  gboolean          touched;

  GtkTextView      *text_view;   /* the question (prompts) */
  GtkEntry         *name_entry;  /* the name (decks) */
  GtkEntry         *detail_entry;
  GtkDropDown      *intensity_drop_down;
  GtkLabel         *message_label;
};

G_DEFINE_FINAL_TYPE (ClosenessConversationEditor,
                     closeness_conversation_editor,
                     ADW_TYPE_MESSAGE_DIALOG)

static char *
dup_trimmed_text (ClosenessConversationEditor *self)
{
  g_autofree char *text = closeness_conversation_editor_dup_text (self);

  return g_strstrip (g_steal_pointer (&text));
}

static void
update_can_save (ClosenessConversationEditor *self)
{
  g_autofree char *text = dup_trimmed_text (self);
  gboolean empty = text[0] == '\0';

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save", !empty);

  gtk_label_set_text (self->message_label,
                      self->is_deck ? _("Please give the deck a name.")
                                    : _("Please write the question."));
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), empty && self->touched);
}

static void
text_changed_cb (ClosenessConversationEditor *self)
{
  self->touched = TRUE;
  update_can_save (self);
}

static void
closeness_conversation_editor_class_init (ClosenessConversationEditorClass *klass)
{
}

static void
closeness_conversation_editor_init (ClosenessConversationEditor *self)
{
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
}

static GtkWidget *
new_field_label (const char *text,
                 GtkWidget  *mnemonic_widget)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), mnemonic_widget);
  gtk_widget_add_css_class (label, "heading");

  return label;
}

static void
build (ClosenessConversationEditor *self,
       gboolean                     is_deck,
       const char                  *text,
       const char                  *detail,
       int                          intensity)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->is_deck = is_deck;
  gtk_widget_set_size_request (box, 280, -1);

  if (is_deck)
    {
      self->name_entry = GTK_ENTRY (gtk_entry_new ());
      gtk_entry_set_max_length (self->name_entry, CLOSENESS_STORE_MAX_TITLE);
      gtk_box_append (GTK_BOX (box), new_field_label (_("_Name"), GTK_WIDGET (self->name_entry)));
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->name_entry));
      gtk_editable_set_text (GTK_EDITABLE (self->name_entry), text != NULL ? text : "");
      g_signal_connect_object (self->name_entry, "changed", G_CALLBACK (text_changed_cb), self,
                               G_CONNECT_SWAPPED);
      /* Enter presses Save, the default response, which also closes the
       * dialog; with the name empty, Save is off and Enter does nothing. */
      gtk_entry_set_activates_default (self->name_entry, TRUE);
    }
  else
    {
      GtkWidget *scrolled = gtk_scrolled_window_new ();

      self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
      gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_top_margin (self->text_view, 8);
      gtk_text_view_set_bottom_margin (self->text_view, 8);
      gtk_text_view_set_left_margin (self->text_view, 8);
      gtk_text_view_set_right_margin (self->text_view, 8);
      gtk_text_view_set_accepts_tab (self->text_view, FALSE);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view),
                                text != NULL ? text : "", -1);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 96);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->text_view));
      gtk_widget_add_css_class (scrolled, "card");
      gtk_widget_add_css_class (scrolled, "closeness-text-card");
      gtk_box_append (GTK_BOX (box),
                      new_field_label (_("_Question"), GTK_WIDGET (self->text_view)));
      gtk_box_append (GTK_BOX (box), scrolled);
      g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                               G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);
    }

  /* An alert, so a screen reader says why Save is off. */
  self->message_label = GTK_LABEL (g_object_new (GTK_TYPE_LABEL,
                                                 "accessible-role", GTK_ACCESSIBLE_ROLE_ALERT,
                                                 NULL));
  gtk_label_set_xalign (self->message_label, 0);
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "caption");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->message_label));

  self->detail_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_editable_set_text (GTK_EDITABLE (self->detail_entry), detail != NULL ? detail : "");
  gtk_entry_set_activates_default (self->detail_entry, TRUE);
  {
    GtkWidget *label = new_field_label (is_deck ? _("_Description (optional)")
                                                : _("_Follow-up Question (optional)"),
                                        GTK_WIDGET (self->detail_entry));
    gtk_widget_set_margin_top (label, 6);
    gtk_box_append (GTK_BOX (box), label);
  }
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->detail_entry));

  if (!is_deck)
    {
      const char *levels[] = {
        C_("intensity", "Gentle"), C_("intensity", "Warm"), C_("intensity", "Spicy"), NULL
      };
      GtkWidget *label;

      self->intensity_drop_down = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (levels));
      gtk_drop_down_set_selected (self->intensity_drop_down, CLAMP (intensity, 0, 2));
      label = new_field_label (_("_Intensity"), GTK_WIDGET (self->intensity_drop_down));
      gtk_widget_set_margin_top (label, 6);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->intensity_drop_down));
    }

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
  update_can_save (self);
}

/* The dialog, modal over @parent, before build() fills it in. */
static ClosenessConversationEditor *
new_editor (GtkWindow  *parent,
            const char *heading,
            const char *body)
{
  return g_object_new (CLOSENESS_TYPE_CONVERSATION_EDITOR,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", heading,
                       "body", body,
                       NULL);
}

GtkWidget *
closeness_conversation_editor_new_prompt (GtkWindow       *parent,
                                          ClosenessPrompt *prompt)
{
  ClosenessConversationEditor *self;

  g_return_val_if_fail (prompt == NULL || CLOSENESS_IS_PROMPT (prompt), NULL);

  self = new_editor (parent,
                     prompt != NULL ? _("Edit Question") : _("New Question"),
                     _("Write it the way you would ask it, ideally as an open question."));
  build (self, FALSE,
         prompt != NULL ? closeness_prompt_get_text (prompt) : NULL,
         prompt != NULL ? closeness_prompt_get_follow_up (prompt) : NULL,
         prompt != NULL ? closeness_prompt_get_intensity (prompt) : CLOSENESS_INTENSITY_GENTLE);

  return GTK_WIDGET (self);
}

GtkWidget *
closeness_conversation_editor_new_deck (GtkWindow     *parent,
                                        ClosenessDeck *deck)
{
  ClosenessConversationEditor *self;

  g_return_val_if_fail (deck == NULL || CLOSENESS_IS_DECK (deck), NULL);

  self = new_editor (parent,
                     deck != NULL ? _("Edit Deck") : _("New Deck"),
                     _("A deck gathers your own questions around one theme."));
  build (self, TRUE,
         deck != NULL ? closeness_deck_get_name (deck) : NULL,
         deck != NULL ? closeness_deck_get_description (deck) : NULL,
         0);

  return GTK_WIDGET (self);
}

char *
closeness_conversation_editor_dup_text (ClosenessConversationEditor *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (CLOSENESS_IS_CONVERSATION_EDITOR (self), NULL);

  if (self->is_deck)
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry)));

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
closeness_conversation_editor_set_text (ClosenessConversationEditor *self,
                                        const char                  *text)
{
  g_return_if_fail (CLOSENESS_IS_CONVERSATION_EDITOR (self));

  if (self->is_deck)
    gtk_editable_set_text (GTK_EDITABLE (self->name_entry), text != NULL ? text : "");
  else
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text != NULL ? text : "",
                              -1);
}

char *
closeness_conversation_editor_dup_detail (ClosenessConversationEditor *self)
{
  g_return_val_if_fail (CLOSENESS_IS_CONVERSATION_EDITOR (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->detail_entry))));
}

ClosenessIntensity
closeness_conversation_editor_get_intensity (ClosenessConversationEditor *self)
{
  g_return_val_if_fail (CLOSENESS_IS_CONVERSATION_EDITOR (self), CLOSENESS_INTENSITY_GENTLE);

  if (self->intensity_drop_down == NULL)
    return CLOSENESS_INTENSITY_GENTLE;

  return MIN (gtk_drop_down_get_selected (self->intensity_drop_down), CLOSENESS_INTENSITY_SPICY);
}

gboolean
closeness_conversation_editor_get_can_save (ClosenessConversationEditor *self)
{
  g_return_val_if_fail (CLOSENESS_IS_CONVERSATION_EDITOR (self), FALSE);

  return adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "save");
}

/**
 * closeness_conversation_editor_get_message:
 *
 * Returns: (nullable): the inline message shown, or %NULL when none is
 */
const char *
closeness_conversation_editor_get_message (ClosenessConversationEditor *self)
{
  g_return_val_if_fail (CLOSENESS_IS_CONVERSATION_EDITOR (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;

  return gtk_label_get_text (self->message_label);
}
