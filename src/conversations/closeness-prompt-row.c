/* closeness-prompt-row.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A question in a list (a deck, the favorites, the history, search
 * results): its text, a line saying where it comes from and when it was
 * discussed, and a star. Everything follows the prompt's properties through
 * bindings in the template; the star asks the page to change the favourite
 * (the conversations.set-favourite action), it never writes itself.
 */

#define G_LOG_DOMAIN "closeness-conversations"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-conversation-logic.h"
#include "closeness-prompt-row.h"

struct _ClosenessPromptRow
{
  GtkListBoxRow    parent_instance;

  ClosenessPrompt *prompt;
  char            *deck_name;

  GtkToggleButton *favourite_button;
};

G_DEFINE_FINAL_TYPE (ClosenessPromptRow, closeness_prompt_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_PROMPT,
  PROP_DECK_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
get_text_cb (ClosenessPromptRow *self,
             ClosenessPrompt    *prompt,
             const char         *text)
{
  return g_strdup (prompt != NULL ? closeness_prompt_get_display_text (prompt) : "");
}

/* “Deck · Discussed on 21 November 2026 · Your question”, each part only
 * where it applies. */
static char *
get_subtitle_cb (ClosenessPromptRow *self,
                 const char         *deck_name,
                 const char         *last_discussed,
                 gboolean            is_custom)
{
  g_autoptr(GString) subtitle = g_string_new (deck_name);

  if (last_discussed != NULL && last_discussed[0] != '\0')
    {
      g_autofree char *date = closeness_conversation_format_day (last_discussed);

      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      /* Translators: %s is a date such as “21 November 2026”. */
      g_string_append_printf (subtitle, _("Discussed on %s"), date);
    }
  if (is_custom)
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append (subtitle, _("Your question"));
    }

  return g_string_free (g_steal_pointer (&subtitle), FALSE);
}

static gboolean
has_text_cb (ClosenessPromptRow *self,
             const char         *text)
{
  return text != NULL && text[0] != '\0';
}

static char *
get_star_icon_cb (ClosenessPromptRow *self,
                  gboolean            favourite)
{
  return g_strdup (favourite ? "starred-symbolic" : "non-starred-symbolic");
}

static void
favourite_toggled_cb (ClosenessPromptRow *self)
{
  gboolean active = gtk_toggle_button_get_active (self->favourite_button);

  /* The binding sets the button from the prompt: only a press asks. */
  if (self->prompt == NULL || closeness_prompt_get_favourite (self->prompt) == active)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "conversations.set-favourite", "(xb)",
                              closeness_record_get_id (CLOSENESS_RECORD (self->prompt)), active);
}

static void
closeness_prompt_row_dispose (GObject *object)
{
  ClosenessPromptRow *self = CLOSENESS_PROMPT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLOSENESS_TYPE_PROMPT_ROW);
  g_clear_object (&self->prompt);

  G_OBJECT_CLASS (closeness_prompt_row_parent_class)->dispose (object);
}

static void
closeness_prompt_row_finalize (GObject *object)
{
  ClosenessPromptRow *self = CLOSENESS_PROMPT_ROW (object);

  g_free (self->deck_name);

  G_OBJECT_CLASS (closeness_prompt_row_parent_class)->finalize (object);
}

static void
closeness_prompt_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ClosenessPromptRow *self = CLOSENESS_PROMPT_ROW (object);

  switch (prop_id)
    {
    case PROP_PROMPT:
      g_value_set_object (value, self->prompt);
      break;

    case PROP_DECK_NAME:
      g_value_set_string (value, self->deck_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_prompt_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ClosenessPromptRow *self = CLOSENESS_PROMPT_ROW (object);

  /* Both construct-only: a row shows one prompt for its whole life. */
  switch (prop_id)
    {
    case PROP_PROMPT:
      self->prompt = g_value_dup_object (value);
      break;

    case PROP_DECK_NAME:
      self->deck_name = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_prompt_row_class_init (ClosenessPromptRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_prompt_row_dispose;
  object_class->finalize = closeness_prompt_row_finalize;
  object_class->get_property = closeness_prompt_row_get_property;
  object_class->set_property = closeness_prompt_row_set_property;

  properties[PROP_PROMPT] =
    g_param_spec_object ("prompt", NULL, NULL,
                         CLOSENESS_TYPE_PROMPT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DECK_NAME] =
    g_param_spec_string ("deck-name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Closeness/closeness-prompt-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptRow, favourite_button);
  gtk_widget_class_bind_template_callback (widget_class, get_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, get_subtitle_cb);
  gtk_widget_class_bind_template_callback (widget_class, has_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, get_star_icon_cb);
  gtk_widget_class_bind_template_callback (widget_class, favourite_toggled_cb);
}

static void
closeness_prompt_row_init (ClosenessPromptRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * closeness_prompt_row_new:
 * @deck_name: (nullable): the deck's name, where the list mixes decks
 */
GtkWidget *
closeness_prompt_row_new (ClosenessPrompt *prompt,
                          const char      *deck_name)
{
  g_return_val_if_fail (CLOSENESS_IS_PROMPT (prompt), NULL);

  return g_object_new (CLOSENESS_TYPE_PROMPT_ROW, "prompt", prompt, "deck-name", deck_name, NULL);
}

/**
 * closeness_prompt_row_get_prompt:
 *
 * Returns: (transfer none): the prompt shown
 */
ClosenessPrompt *
closeness_prompt_row_get_prompt (ClosenessPromptRow *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PROMPT_ROW (self), NULL);

  return self->prompt;
}
