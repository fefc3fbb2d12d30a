/* closeness-deck-card.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One deck on the Conversations overview: its icon, name, description and
 * how far the couple got. The labels follow the deck through bindings in
 * the template; the progress is counted by the page, which knows the
 * ceiling.
 */

#define G_LOG_DOMAIN "closeness-conversations"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-conversation-logic.h"
#include "closeness-deck-card.h"
#include "closeness-prompt-library.h"

struct _ClosenessDeckCard
{
  GtkFlowBoxChild  parent_instance;

  ClosenessDeck   *deck;
  char            *progress;
};

G_DEFINE_FINAL_TYPE (ClosenessDeckCard, closeness_deck_card, GTK_TYPE_FLOW_BOX_CHILD)

enum {
  PROP_0,
  PROP_DECK,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
get_icon_name_cb (ClosenessDeckCard *self,
                  ClosenessDeck     *deck)
{
  ClosenessPromptLibrary *library = closeness_prompt_library_get_default ();
  const char *icon = NULL;

  if (deck != NULL && library != NULL && !closeness_deck_get_is_custom (deck))
    icon = closeness_prompt_library_get_deck_icon (library, closeness_deck_get_builtin_key (deck));

  return g_strdup (icon != NULL ? icon : "view-list-bullet-symbolic");
}

/* The name and description follow the deck's own properties (a renamed
 * deck updates in place); the display text is translated for built-in decks. */
static char *
get_name_cb (ClosenessDeckCard *self,
             ClosenessDeck     *deck,
             const char        *name)
{
  return g_strdup (deck != NULL ? closeness_deck_get_display_name (deck) : "");
}

static char *
get_description_cb (ClosenessDeckCard *self,
                    ClosenessDeck     *deck,
                    const char        *description)
{
  return g_strdup (deck != NULL ? closeness_deck_get_display_description (deck) : "");
}

static gboolean
has_text_cb (ClosenessDeckCard *self,
             const char        *text)
{
  return text != NULL && text[0] != '\0';
}

static void
update_accessible_label (ClosenessDeckCard *self)
{
  g_autofree char *label = NULL;

  if (self->deck == NULL)
    return;

  /* Translators: how a screen reader names a deck card: deck name, then progress. */
  label = g_strdup_printf (_("%s, %s"), closeness_deck_get_display_name (self->deck),
                           self->progress != NULL ? self->progress : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
closeness_deck_card_dispose (GObject *object)
{
  ClosenessDeckCard *self = CLOSENESS_DECK_CARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLOSENESS_TYPE_DECK_CARD);
  g_clear_object (&self->deck);

  G_OBJECT_CLASS (closeness_deck_card_parent_class)->dispose (object);
}

static void
closeness_deck_card_finalize (GObject *object)
{
  ClosenessDeckCard *self = CLOSENESS_DECK_CARD (object);

  g_free (self->progress);

  G_OBJECT_CLASS (closeness_deck_card_parent_class)->finalize (object);
}

static void
closeness_deck_card_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ClosenessDeckCard *self = CLOSENESS_DECK_CARD (object);

  switch (prop_id)
    {
    case PROP_DECK:
      g_value_set_object (value, self->deck);
      break;

    case PROP_PROGRESS:
      g_value_set_string (value, self->progress);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_deck_card_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ClosenessDeckCard *self = CLOSENESS_DECK_CARD (object);

  switch (prop_id)
    {
    case PROP_DECK:
      /* Construct-only: a card shows one deck for its whole life. */
      self->deck = g_value_dup_object (value);
      update_accessible_label (self);
      break;

    case PROP_PROGRESS:
      closeness_deck_card_set_progress (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_deck_card_class_init (ClosenessDeckCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_deck_card_dispose;
  object_class->finalize = closeness_deck_card_finalize;
  object_class->get_property = closeness_deck_card_get_property;
  object_class->set_property = closeness_deck_card_set_property;

  properties[PROP_DECK] =
    g_param_spec_object ("deck", NULL, NULL,
                         CLOSENESS_TYPE_DECK,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PROGRESS] =
    g_param_spec_string ("progress", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Closeness/closeness-deck-card.ui");
  gtk_widget_class_bind_template_callback (widget_class, get_icon_name_cb);
  gtk_widget_class_bind_template_callback (widget_class, get_name_cb);
  gtk_widget_class_bind_template_callback (widget_class, get_description_cb);
  gtk_widget_class_bind_template_callback (widget_class, has_text_cb);
}

static void
closeness_deck_card_init (ClosenessDeckCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
closeness_deck_card_new (ClosenessDeck *deck)
{
  g_return_val_if_fail (CLOSENESS_IS_DECK (deck), NULL);

  return g_object_new (CLOSENESS_TYPE_DECK_CARD, "deck", deck, NULL);
}

/**
 * closeness_deck_card_get_deck:
 *
 * Returns: (transfer none): the deck shown
 */
ClosenessDeck *
closeness_deck_card_get_deck (ClosenessDeckCard *self)
{
  g_return_val_if_fail (CLOSENESS_IS_DECK_CARD (self), NULL);

  return self->deck;
}

void
closeness_deck_card_set_progress (ClosenessDeckCard *self,
                                  const char        *progress)
{
  g_return_if_fail (CLOSENESS_IS_DECK_CARD (self));

  if (g_strcmp0 (self->progress, progress) == 0)
    return;

  g_free (self->progress);
  self->progress = g_strdup (progress);
  update_accessible_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}
