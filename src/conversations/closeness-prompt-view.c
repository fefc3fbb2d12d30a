/* closeness-prompt-view.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One conversation: the card, favourite/discussed/skip, shared notes and a
 * talk timer. Each partner's private answer and revealing them together are
 * in closeness-prompt-view-answers.c.
 */

#define G_LOG_DOMAIN "closeness-conversations"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-button-row.h"
#include "closeness-conversation-logic.h"
#include "closeness-partner-dot.h"
#include "closeness-prompt-view-private.h"
#include "closeness-toast.h"
#include "closeness-undo.h"

G_DEFINE_FINAL_TYPE (ClosenessPromptView, closeness_prompt_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_PROMPT,
  PROP_REVEALED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  GO_BACK,
  SKIPPED,
  EDIT_REQUESTED,
  DELETE_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return closeness_conversation_day_string (now);
}

char *
_closeness_prompt_view_dup_buffer_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
_closeness_prompt_view_set_buffer_text (ClosenessPromptView *self,
                 GtkTextView         *view,
                 const char          *text)
{
  self->loading = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
  self->loading = FALSE;
}

void
_closeness_prompt_view_report_error (ClosenessPromptView *self,
              const GError        *error)
{
  /* The store's messages are written for people and never hold their text. */
  g_warning ("Saving a conversation failed: %s", error->message);
  closeness_prompt_view_show_toast (GTK_WIDGET (self), closeness_toast_new (error->message));
}

static void
save_note (ClosenessPromptView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_clear_handle_id (&self->note_save_id, g_source_remove);

  if (!self->note_dirty || self->prompt == NULL)
    return;

  self->note_dirty = FALSE;
  text = _closeness_prompt_view_dup_buffer_text (self->note_view);

  if (!closeness_store_set_note (self->store,
                                 closeness_record_get_id (CLOSENESS_RECORD (self->prompt)), text,
                                 &error))
    _closeness_prompt_view_report_error (self, error);
}

/* The revealed answers: two equal columns when wide, stacked when narrow;
 * either way each card is as tall as its own answer, so a long answer next to
 * a short one leaves no blank card. (GtkFlowBox gives every card of a line
 * the line's height and guesses heights at other widths than it allocates.) */

static void
update_discussed (ClosenessPromptView *self)
{
  g_auto(GStrv) days = NULL;

  if (self->prompt == NULL)
    return;

  days = closeness_store_dup_discussed_days (self->store, closeness_record_get_id (
                                                            CLOSENESS_RECORD (self->prompt)));
  if (days != NULL && days[0] != NULL)
    {
      g_autofree char *date = closeness_conversation_format_day (days[0]);
      /* Translators: %s is a date such as “21 November 2026”. */
      g_autofree char *text = g_strdup_printf (_("Discussed on %s"), date);

      gtk_label_set_text (self->discussed_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->discussed_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->discussed_label), FALSE);
}

static const char *
find_deck_name (ClosenessPromptView *self,
                gint64               deck_id)
{
  GListModel *decks = closeness_store_get_decks (self->store);
  guint n = g_list_model_get_n_items (decks);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessDeck) deck = g_list_model_get_item (decks, i);

      if (closeness_record_get_id (CLOSENESS_RECORD (deck)) == deck_id)
        return closeness_deck_get_display_name (deck);
    }

  return "";
}

static void
update_names (ClosenessPromptView *self)
{
  if (self->partner_names == NULL)
    return;

  for (guint slot = 0; slot < N_SLOTS; slot++)
    {
      g_free (self->names[slot]);
      self->names[slot] = g_strdup (closeness_partner_names_get (self->partner_names, slot));
    }

  closeness_talk_timer_set_names (self->talk_timer, self->names[0], self->names[1]);
}

/* Colours follow a change in Preferences at once (names follow the prompt). */
static void
update_colors (ClosenessPromptView *self)
{
  if (self->partner_names == NULL)
    {
      closeness_talk_timer_set_colors (self->talk_timer, NULL, NULL);
      return;
    }

  closeness_talk_timer_set_colors (self->talk_timer,
                                   closeness_partner_names_get_color (self->partner_names, 0),
                                   closeness_partner_names_get_color (self->partner_names, 1));

  /* The two answer rows' names stay in line when only one has a colour. */
  for (guint slot = 0; slot < N_SLOTS; slot++)
    closeness_partner_dot_set_keep_space (CLOSENESS_PARTNER_DOT (self->answer_dots[slot]),
                                          closeness_partner_names_get_color (self->partner_names,
                                                                             0)[0]
                                              != '\0'
                                            || closeness_partner_names_get_color (self
                                                                                    ->partner_names,
                                                                                  1)[0]
                                                 != '\0');
}

/* The card follows the prompt through bindings in the template; only the
 * days it was discussed are asked of the store. */
static void
update_card (ClosenessPromptView *self)
{
  update_discussed (self);
}

static char *
get_text_cb (ClosenessPromptView *self,
             ClosenessPrompt     *prompt,
             const char          *text)
{
  return g_strdup (prompt != NULL ? closeness_prompt_get_display_text (prompt) : "");
}

static char *
get_follow_up_cb (ClosenessPromptView *self,
                  ClosenessPrompt     *prompt,
                  const char          *follow_up)
{
  const char *text = prompt != NULL ? closeness_prompt_get_display_follow_up (prompt) : NULL;

  return g_strdup (text != NULL ? text : "");
}

static gboolean
has_text_cb (ClosenessPromptView *self,
             const char          *text)
{
  return text != NULL && text[0] != '\0';
}

static char *
get_intensity_name_cb (ClosenessPromptView *self,
                       int                  intensity)
{
  switch (CLAMP (intensity, CLOSENESS_INTENSITY_GENTLE, CLOSENESS_INTENSITY_SPICY))
    {
    case CLOSENESS_INTENSITY_GENTLE:
      return g_strdup (C_("intensity", "Gentle"));

    case CLOSENESS_INTENSITY_WARM:
      return g_strdup (C_("intensity", "Warm"));

    case CLOSENESS_INTENSITY_SPICY:
    default:
      return g_strdup (C_("intensity", "Spicy"));
    }
}

static GStrv
get_intensity_classes_cb (ClosenessPromptView *self,
                          int                  intensity)
{
  static const char *levels[] = { "gentle", "warm", "spicy" };
  const char *classes[] = { "caption-heading", "closeness-intensity",
                            levels[CLAMP (intensity, 0, 2)], NULL };

  return g_strdupv ((char **) classes);
}

static char *
get_star_icon_cb (ClosenessPromptView *self,
                  gboolean             favourite)
{
  return g_strdup (favourite ? "starred-symbolic" : "non-starred-symbolic");
}

static char *
get_deck_name_cb (ClosenessPromptView *self,
                  gint64               deck_id)
{
  return g_strdup (self->store != NULL ? find_deck_name (self, deck_id) : "");
}
static gboolean
save_note_timeout_cb (gpointer user_data)
{
  ClosenessPromptView *self = user_data;

  self->note_save_id = 0;
  save_note (self);

  return G_SOURCE_REMOVE;
}

static void
note_buffer_changed_cb (ClosenessPromptView *self)
{
  if (self->loading)
    return;

  self->note_dirty = TRUE;
  g_clear_handle_id (&self->note_save_id, g_source_remove);
  self->note_save_id = g_timeout_add (SAVE_DELAY_MS, save_note_timeout_cb, self);
}

static void
favourite_toggled_cb (ClosenessPromptView *self)
{
  g_autoptr(GError) error = NULL;
  gboolean favourite = gtk_toggle_button_get_active (self->favourite_button);

  /* The binding sets the button from the prompt: only a press asks. */
  if (self->prompt == NULL || closeness_prompt_get_favourite (self->prompt) == favourite)
    return;

  if (!closeness_store_set_favourite (self->store,
                                      closeness_record_get_id (CLOSENESS_RECORD (self->prompt)),
                                      favourite, &error))
    {
      _closeness_prompt_view_report_error (self, error);
      gtk_toggle_button_set_active (self->favourite_button, !favourite);
    }
}
static void
undo_discussed_cb (AdwToast            *toast,
                   ClosenessPromptView *self)
{
  g_autoptr(GError) error = NULL;
  const char *day = g_object_get_data (G_OBJECT (toast), "day");
  gint64 prompt_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "prompt-id"));

  if (!closeness_store_unmark_discussed (self->store, prompt_id, day, &error))
    _closeness_prompt_view_report_error (self, error);

  update_discussed (self);
}

static void
discussed_activated_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ClosenessPromptView *self = CLOSENESS_PROMPT_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = dup_today ();
  g_auto(GStrv) days = NULL;
  gint64 prompt_id;
  AdwToast *toast;

  if (self->prompt == NULL)
    return;

  prompt_id = closeness_record_get_id (CLOSENESS_RECORD (self->prompt));
  days = closeness_store_dup_discussed_days (self->store, prompt_id);
  if (days != NULL && g_strv_contains ((const char * const *) days, today))
    {
      closeness_prompt_view_show_toast (widget, closeness_toast_new (
                                                  _("Already marked as discussed today")));
      return;
    }

  if (!closeness_store_mark_discussed (self->store, prompt_id, today, &error))
    {
      _closeness_prompt_view_report_error (self, error);
      return;
    }

  update_discussed (self);

  toast = closeness_undo_toast_new (GTK_WIDGET (self), _("Marked as discussed today"));
  g_object_set_data_full (G_OBJECT (toast), "day", g_steal_pointer (&today), g_free);
  g_object_set_data (G_OBJECT (toast), "prompt-id", GSIZE_TO_POINTER (prompt_id));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_discussed_cb), self, 0);
  closeness_prompt_view_show_toast (widget, toast);
}

static void
skip_activated_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ClosenessPromptView *self = CLOSENESS_PROMPT_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = dup_today ();

  if (self->prompt == NULL)
    return;

  closeness_prompt_view_save (self);

  if (!closeness_store_skip_prompt (self->store,
                                    closeness_record_get_id (CLOSENESS_RECORD (self->prompt)),
                                    today, &error))
    {
      _closeness_prompt_view_report_error (self, error);
      return;
    }

  g_signal_emit (self, signals[SKIPPED], 0);
}

static void
back_activated_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  closeness_prompt_view_save (CLOSENESS_PROMPT_VIEW (widget));
  g_signal_emit (widget, signals[GO_BACK], 0);
}

static void
edit_activated_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  g_signal_emit (widget, signals[EDIT_REQUESTED], 0);
}

static void
delete_activated_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  closeness_prompt_view_save (CLOSENESS_PROMPT_VIEW (widget));
  g_signal_emit (widget, signals[DELETE_REQUESTED], 0);
}

static void
prompt_notify_cb (ClosenessPromptView *self)
{
  update_card (self);
}

void
_closeness_prompt_view_notify_revealed (ClosenessPromptView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}

static void
closeness_prompt_view_unmap (GtkWidget *widget)
{
  ClosenessPromptView *self = CLOSENESS_PROMPT_VIEW (widget);

  /* Leaving the conversation saves and hides what was being written. */
  _closeness_prompt_view_stop_writing (self);
  closeness_prompt_view_save (self);
  _closeness_prompt_view_update_answers (self);

  GTK_WIDGET_CLASS (closeness_prompt_view_parent_class)->unmap (widget);
}

static void
closeness_prompt_view_dispose (GObject *object)
{
  ClosenessPromptView *self = CLOSENESS_PROMPT_VIEW (object);

  if (self->store != NULL)
    closeness_prompt_view_save (self);

  /* AdwBin keeps its own pointer to the child: let it unparent first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLOSENESS_TYPE_PROMPT_VIEW);

  g_clear_object (&self->answers);
  g_clear_object (&self->prompt);
  g_clear_object (&self->partner_names);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (closeness_prompt_view_parent_class)->dispose (object);
}

static void
closeness_prompt_view_finalize (GObject *object)
{
  ClosenessPromptView *self = CLOSENESS_PROMPT_VIEW (object);

  g_free (self->names[0]);
  g_free (self->names[1]);

  G_OBJECT_CLASS (closeness_prompt_view_parent_class)->finalize (object);
}

static void
closeness_prompt_view_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ClosenessPromptView *self = CLOSENESS_PROMPT_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_PROMPT:
      g_value_set_object (value, self->prompt);
      break;

    case PROP_REVEALED:
      g_value_set_boolean (value, self->revealed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_prompt_view_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ClosenessPromptView *self = CLOSENESS_PROMPT_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      closeness_prompt_view_set_store (self, g_value_get_object (value));
      break;

    case PROP_PROMPT:
      closeness_prompt_view_set_prompt (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_prompt_view_class_init (ClosenessPromptViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_prompt_view_dispose;
  object_class->finalize = closeness_prompt_view_finalize;
  object_class->get_property = closeness_prompt_view_get_property;
  object_class->set_property = closeness_prompt_view_set_property;
  widget_class->unmap = closeness_prompt_view_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLOSENESS_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PROMPT] =
    g_param_spec_object ("prompt", NULL, NULL,
                         CLOSENESS_TYPE_PROMPT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REVEALED] =
    g_param_spec_boolean ("revealed", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[GO_BACK] = g_signal_new ("go-back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SKIPPED] = g_signal_new ("skipped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[EDIT_REQUESTED] = g_signal_new ("edit-requested", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
  signals[DELETE_REQUESTED] = g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);

  g_type_ensure (CLOSENESS_TYPE_BUTTON_ROW);
  g_type_ensure (CLOSENESS_TYPE_TALK_TIMER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Closeness/closeness-prompt-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, back_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, deck_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, edit_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, delete_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, intensity_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, text_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, follow_up_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, discussed_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, favourite_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, discussed_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, skip_button);
  /* Not used here; bound so tests can find it. */
  gtk_widget_class_bind_template_child_full (widget_class, "actions_box", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, first_answer_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, second_answer_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, first_answer_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, second_answer_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, first_answer_revealer);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, second_answer_revealer);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, first_writing_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, second_writing_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, first_answer_view);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, second_answer_view);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, first_done_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, second_done_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, reveal_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, reveal_hint_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, revealed_box);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, note_view);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptView, talk_timer);
  gtk_widget_class_bind_template_callback (widget_class, favourite_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, get_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, get_follow_up_cb);
  gtk_widget_class_bind_template_callback (widget_class, has_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, get_intensity_name_cb);
  gtk_widget_class_bind_template_callback (widget_class, get_intensity_classes_cb);
  gtk_widget_class_bind_template_callback (widget_class, get_star_icon_cb);
  gtk_widget_class_bind_template_callback (widget_class, get_deck_name_cb);
  _closeness_prompt_view_class_init_answers (widget_class);

  gtk_widget_class_install_action (widget_class, "prompt.back", NULL, back_activated_cb);
  gtk_widget_class_install_action (widget_class, "prompt.discussed", NULL, discussed_activated_cb);
  gtk_widget_class_install_action (widget_class, "prompt.skip", NULL, skip_activated_cb);
  gtk_widget_class_install_action (widget_class, "prompt.edit", NULL, edit_activated_cb);
  gtk_widget_class_install_action (widget_class, "prompt.delete", NULL, delete_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "prompt.back",
                                       NULL);
}

static void
closeness_prompt_view_init (ClosenessPromptView *self)
{
  self->writing_slot = -1;
  for (guint slot = 0; slot < N_SLOTS; slot++)
    self->names[slot] = closeness_partner_display_name (NULL, slot);

  gtk_widget_init_template (GTK_WIDGET (self));

  _closeness_prompt_view_init_answers (self);
  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (note_buffer_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Shared Notes"), -1);

}

void
closeness_prompt_view_set_store (ClosenessPromptView *self,
                                 ClosenessStore      *store)
{
  g_return_if_fail (CLOSENESS_IS_PROMPT_VIEW (self));
  g_return_if_fail (store == NULL || CLOSENESS_IS_STORE (store));

  if (self->store == store)
    return;

  closeness_prompt_view_set_prompt (self, NULL);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  g_clear_object (&self->partner_names);
  if (store != NULL)
    {
      self->partner_names = closeness_partner_names_new (closeness_store_get_partners (store));
      /* A sync in the background may bring the partner's sealed answer. */
      g_signal_connect_object (store, "changed-elsewhere",
                               G_CALLBACK (_closeness_prompt_view_update_answers), self,
                               G_CONNECT_SWAPPED);
      for (guint slot = 0; slot < N_SLOTS; slot++)
        closeness_partner_dot_bind (CLOSENESS_PARTNER_DOT (self->answer_dots[slot]),
                                    self->partner_names, slot);
      g_signal_connect_object (self->partner_names, "notify::colors", G_CALLBACK (update_colors),
                               self, G_CONNECT_SWAPPED);
    }
  update_colors (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

ClosenessPrompt *
closeness_prompt_view_get_prompt (ClosenessPromptView *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PROMPT_VIEW (self), NULL);

  return self->prompt;
}

gboolean
closeness_prompt_view_get_revealed (ClosenessPromptView *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PROMPT_VIEW (self), FALSE);

  return self->revealed;
}

void
closeness_prompt_view_set_prompt (ClosenessPromptView *self,
                                  ClosenessPrompt     *prompt)
{
  g_autofree char *note = NULL;

  g_return_if_fail (CLOSENESS_IS_PROMPT_VIEW (self));
  g_return_if_fail (prompt == NULL || CLOSENESS_IS_PROMPT (prompt));

  if (self->prompt == prompt)
    {
      if (prompt != NULL)
        update_card (self);
      return;
    }

  _closeness_prompt_view_stop_writing (self);
  closeness_prompt_view_save (self);

  if (self->prompt != NULL)
    g_signal_handlers_disconnect_by_func (self->prompt, prompt_notify_cb, self);
  if (self->answers != NULL)
    g_signal_handlers_disconnect_by_func (self->answers, _closeness_prompt_view_answers_changed_cb,
                                          self);

  g_set_object (&self->prompt, prompt);
  g_clear_object (&self->answers);
  self->revealed = FALSE;

  if (prompt != NULL)
    {
      gint64 id = closeness_record_get_id (CLOSENESS_RECORD (prompt));

      g_signal_connect_object (prompt, "notify", G_CALLBACK (prompt_notify_cb), self,
                               G_CONNECT_SWAPPED);
      self->answers = closeness_store_get_answers (self->store, id);
      g_signal_connect_object (self->answers, "items-changed",
                               G_CALLBACK (_closeness_prompt_view_answers_changed_cb), self,
                               G_CONNECT_SWAPPED);
      note = closeness_store_dup_note (self->store, id);
    }

  _closeness_prompt_view_set_buffer_text (self, self->note_view, note);
  closeness_talk_timer_reset (self->talk_timer);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);

  update_names (self);
  update_card (self);
  _closeness_prompt_view_update_answers (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROMPT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}

/**
 * closeness_prompt_view_save:
 *
 * Writes what is pending (answers, the shared note) right away.
 */
void
closeness_prompt_view_save (ClosenessPromptView *self)
{
  g_return_if_fail (CLOSENESS_IS_PROMPT_VIEW (self));

  for (guint slot = 0; slot < N_SLOTS; slot++)
    _closeness_prompt_view_save_answer (self, slot);
  save_note (self);
}

/**
 * closeness_prompt_view_show_toast:
 *
 * Shows @toast in the nearest toast overlay above @widget.
 */
void
closeness_prompt_view_show_toast (GtkWidget *widget,
                                  AdwToast  *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}
