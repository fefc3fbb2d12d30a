/* closeness-conversation-settings.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-conversations"

#include "config.h"

#include "closeness-conversation-logic.h"
#include "closeness-conversation-settings.h"

struct _ClosenessConversationSettings
{
  GObject             parent_instance;

  ClosenessStore     *store; /* weak: the store owns us */
  ClosenessIntensity  ceiling;
};

G_DEFINE_FINAL_TYPE (ClosenessConversationSettings, closeness_conversation_settings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INTENSITY_CEILING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
closeness_conversation_settings_get_property (GObject    *object,
                                              guint       prop_id,
                                              GValue     *value,
                                              GParamSpec *pspec)
{
  ClosenessConversationSettings *self = CLOSENESS_CONVERSATION_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_INTENSITY_CEILING:
      g_value_set_int (value, self->ceiling);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_conversation_settings_class_init (ClosenessConversationSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = closeness_conversation_settings_get_property;

  properties[PROP_INTENSITY_CEILING] =
    g_param_spec_int ("intensity-ceiling", NULL, NULL,
                      CLOSENESS_INTENSITY_GENTLE, CLOSENESS_INTENSITY_SPICY,
                      CLOSENESS_INTENSITY_WARM,
                      (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
closeness_conversation_settings_init (ClosenessConversationSettings *self)
{
  self->ceiling = CLOSENESS_INTENSITY_WARM;
}

/**
 * closeness_conversation_settings_get_for_store:
 *
 * Returns: (transfer none): the settings object of @store, made on first use
 */
ClosenessConversationSettings *
closeness_conversation_settings_get_for_store (ClosenessStore *store)
{
  ClosenessConversationSettings *self;
  g_autofree char *value = NULL;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), NULL);

  self = g_object_get_data (G_OBJECT (store), "closeness-conversation-settings");
  if (self != NULL)
    return self;

  self = g_object_new (CLOSENESS_TYPE_CONVERSATION_SETTINGS, NULL);
  self->store = store;
  value = closeness_store_dup_state (store, CLOSENESS_CONVERSATION_CEILING_KEY);
  self->ceiling = closeness_intensity_from_string (value, CLOSENESS_INTENSITY_WARM);
  g_object_set_data_full (G_OBJECT (store), "closeness-conversation-settings", self,
                          g_object_unref);

  return self;
}

ClosenessIntensity
closeness_conversation_settings_get_ceiling (ClosenessConversationSettings *self)
{
  g_return_val_if_fail (CLOSENESS_IS_CONVERSATION_SETTINGS (self), CLOSENESS_INTENSITY_WARM);

  return self->ceiling;
}

gboolean
closeness_conversation_settings_set_ceiling (ClosenessConversationSettings  *self,
                                             ClosenessIntensity              ceiling,
                                             GError                        **error)
{
  g_return_val_if_fail (CLOSENESS_IS_CONVERSATION_SETTINGS (self), FALSE);
  g_return_val_if_fail ((guint) ceiling <= CLOSENESS_INTENSITY_SPICY, FALSE);

  if (self->ceiling == ceiling)
    return TRUE;

  if (!closeness_store_set_state (self->store, CLOSENESS_CONVERSATION_CEILING_KEY,
                                  closeness_intensity_to_string (ceiling), error))
    return FALSE;

  self->ceiling = ceiling;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTENSITY_CEILING]);

  return TRUE;
}
