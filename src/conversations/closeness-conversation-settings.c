/* closeness-conversation-settings.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every value is read from the store when asked for, not kept here: after a
 * whole-data import or a restore, or a change made by the command line, the
 * couple's choices are the ones in their data, never a stale copy. Anything
 * unreadable counts as the careful default: Gentle and Warm, and the desire
 * deck closed.
 */

#define G_LOG_DOMAIN "closeness-conversations"

#include "config.h"

#include <string.h>

#include "closeness-conversation-settings.h"
#include "closeness-prompt-library.h"

#define N_PARTNERS 2

struct _ClosenessConversationSettings
{
  GObject         parent_instance;

  ClosenessStore *store; /* weak: the store owns us */
};

G_DEFINE_FINAL_TYPE (ClosenessConversationSettings, closeness_conversation_settings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INTENSITY_CEILING,
  PROP_DESIRE_CHOSEN_BY,
  PROP_DESIRE_OPEN,
  PROP_CLOSED_DECK_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The partners who chose the desire deck, one bit per slot. */
static guint
read_desire_mask (ClosenessConversationSettings *self)
{
  g_autofree char *value =
    closeness_store_dup_state (self->store, CLOSENESS_CONVERSATION_DESIRE_KEY);
  g_auto(GStrv) slots = NULL;
  guint mask = 0;

  if (value == NULL || value[0] == '\0')
    return 0;

  slots = g_strsplit (value, ",", -1);
  for (guint i = 0; slots[i] != NULL; i++)
    {
      guint64 slot;

      if (g_ascii_string_to_unsigned (g_strstrip (slots[i]), 10, 0, N_PARTNERS - 1, &slot, NULL))
        mask |= 1u << slot;
    }

  return mask;
}

static gboolean
write_desire_mask (ClosenessConversationSettings  *self,
                   guint                           mask,
                   GError                        **error)
{
  g_autoptr(GString) value = g_string_new (NULL);

  for (guint slot = 0; slot < N_PARTNERS; slot++)
    {
      if ((mask & (1u << slot)) == 0)
        continue;
      if (value->len > 0)
        g_string_append_c (value, ',');
      g_string_append_printf (value, "%u", slot);
    }

  return closeness_store_set_state (self->store, CLOSENESS_CONVERSATION_DESIRE_KEY, value->str,
                                    error);
}

static gboolean
is_open (guint mask)
{
  return mask == (1u << N_PARTNERS) - 1;
}

static gint64
find_desire_deck_id (ClosenessConversationSettings *self)
{
  GListModel *decks = closeness_store_get_decks (self->store);
  guint n = g_list_model_get_n_items (decks);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessDeck) deck = g_list_model_get_item (decks, i);

      if (g_strcmp0 (closeness_deck_get_builtin_key (deck), CLOSENESS_PROMPT_LIBRARY_DESIRE_DECK)
          == 0)
        return closeness_record_get_id (CLOSENESS_RECORD (deck));
    }

  return 0;
}

static GArray *
read_left_out (ClosenessConversationSettings *self)
{
  g_autofree char *value =
    closeness_store_dup_state (self->store, CLOSENESS_CONVERSATION_LEFT_OUT_KEY);
  g_auto(GStrv) ids = NULL;
  GArray *result = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (value == NULL || value[0] == '\0')
    return result;

  ids = g_strsplit (value, ",", -1);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      gint64 id;

      if (g_ascii_string_to_signed (g_strstrip (ids[i]), 10, 1, G_MAXINT64, &id, NULL))
        g_array_append_val (result, id);
    }

  return result;
}

static gboolean
array_contains (GArray *ids,
                gint64  id,
                guint  *index)
{
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == id)
        {
          if (index != NULL)
            *index = i;
          return TRUE;
        }
    }

  return FALSE;
}

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
      g_value_set_int (value, closeness_conversation_settings_get_ceiling (self));
      break;

    case PROP_DESIRE_CHOSEN_BY:
      g_value_set_uint (value, read_desire_mask (self));
      break;

    case PROP_DESIRE_OPEN:
      g_value_set_boolean (value, closeness_conversation_settings_get_desire_open (self));
      break;

    case PROP_CLOSED_DECK_ID:
      {
        ClosenessPromptFilter filter;

        closeness_conversation_settings_get_filter (self, &filter);
        g_value_set_int64 (value, filter.closed_deck_id);
      }
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

  /* One bit per partner slot: who chose the desire deck. */
  properties[PROP_DESIRE_CHOSEN_BY] =
    g_param_spec_uint ("desire-chosen-by", NULL, NULL,
                       0, (1u << N_PARTNERS) - 1, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Both partners chose it: its questions may appear. */
  properties[PROP_DESIRE_OPEN] =
    g_param_spec_boolean ("desire-open", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The deck nobody may see now (the desire deck while it is closed), or
   * 0: for pages that list decks without showing questions. */
  properties[PROP_CLOSED_DECK_ID] =
    g_param_spec_int64 ("closed-deck-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
closeness_conversation_settings_init (ClosenessConversationSettings *self)
{
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

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), NULL);

  self = g_object_get_data (G_OBJECT (store), "closeness-conversation-settings");
  if (self != NULL)
    return self;

  self = g_object_new (CLOSENESS_TYPE_CONVERSATION_SETTINGS, NULL);
  self->store = store;
  g_object_set_data_full (G_OBJECT (store), "closeness-conversation-settings", self,
                          g_object_unref);

  return self;
}

ClosenessIntensity
closeness_conversation_settings_get_ceiling (ClosenessConversationSettings *self)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (CLOSENESS_IS_CONVERSATION_SETTINGS (self), CLOSENESS_INTENSITY_WARM);

  value = closeness_store_dup_state (self->store, CLOSENESS_CONVERSATION_CEILING_KEY);

  return closeness_intensity_from_string (value, CLOSENESS_INTENSITY_WARM);
}

gboolean
closeness_conversation_settings_set_ceiling (ClosenessConversationSettings  *self,
                                             ClosenessIntensity              ceiling,
                                             GError                        **error)
{
  g_return_val_if_fail (CLOSENESS_IS_CONVERSATION_SETTINGS (self), FALSE);
  g_return_val_if_fail ((guint) ceiling <= CLOSENESS_INTENSITY_SPICY, FALSE);

  if (closeness_conversation_settings_get_ceiling (self) == ceiling)
    return TRUE;

  if (!closeness_store_set_state (self->store, CLOSENESS_CONVERSATION_CEILING_KEY,
                                  closeness_intensity_to_string (ceiling), error))
    return FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTENSITY_CEILING]);

  return TRUE;
}

/**
 * closeness_conversation_settings_get_desire_chosen:
 * @slot: the partner, 0 or 1
 *
 * Returns: whether this partner chose the desire deck
 */
gboolean
closeness_conversation_settings_get_desire_chosen (ClosenessConversationSettings *self,
                                                   guint                          slot)
{
  g_return_val_if_fail (CLOSENESS_IS_CONVERSATION_SETTINGS (self), FALSE);
  g_return_val_if_fail (slot < N_PARTNERS, FALSE);

  return (read_desire_mask (self) & (1u << slot)) != 0;
}

/**
 * closeness_conversation_settings_set_desire_chosen:
 * @slot: the partner, 0 or 1
 *
 * Records one partner's choice. The deck opens only when both chose it, and
 * closes as soon as either takes it back.
 */
gboolean
closeness_conversation_settings_set_desire_chosen (ClosenessConversationSettings  *self,
                                                   guint                           slot,
                                                   gboolean                        chosen,
                                                   GError                        **error)
{
  guint old_mask, mask;

  g_return_val_if_fail (CLOSENESS_IS_CONVERSATION_SETTINGS (self), FALSE);
  g_return_val_if_fail (slot < N_PARTNERS, FALSE);

  old_mask = read_desire_mask (self);
  mask = chosen ? old_mask | (1u << slot) : old_mask & ~(1u << slot);
  if (mask == old_mask)
    return TRUE;

  if (!write_desire_mask (self, mask, error))
    return FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESIRE_CHOSEN_BY]);
  if (is_open (old_mask) != is_open (mask))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESIRE_OPEN]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSED_DECK_ID]);
    }

  return TRUE;
}

/**
 * closeness_conversation_settings_get_desire_open:
 *
 * Returns: whether both partners chose the desire deck
 */
gboolean
closeness_conversation_settings_get_desire_open (ClosenessConversationSettings *self)
{
  g_return_val_if_fail (CLOSENESS_IS_CONVERSATION_SETTINGS (self), FALSE);

  return is_open (read_desire_mask (self));
}

/**
 * closeness_conversation_settings_get_filter:
 * @filter: (out caller-allocates): what may appear now
 *
 * The couple's intensity, and the desire deck closed unless both chose it.
 */
void
closeness_conversation_settings_get_filter (ClosenessConversationSettings *self,
                                            ClosenessPromptFilter         *filter)
{
  g_return_if_fail (filter != NULL);

  filter->ceiling = CLOSENESS_INTENSITY_WARM;
  filter->closed_deck_id = 0;

  g_return_if_fail (CLOSENESS_IS_CONVERSATION_SETTINGS (self));

  filter->ceiling = closeness_conversation_settings_get_ceiling (self);
  if (!closeness_conversation_settings_get_desire_open (self))
    filter->closed_deck_id = find_desire_deck_id (self);
}

/**
 * closeness_conversation_settings_get_deck_left_out:
 *
 * Returns: whether the couple left this deck out of drawing a card
 */
gboolean
closeness_conversation_settings_get_deck_left_out (ClosenessConversationSettings *self,
                                                   gint64                         deck_id)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (CLOSENESS_IS_CONVERSATION_SETTINGS (self), FALSE);

  ids = read_left_out (self);

  return array_contains (ids, deck_id, NULL);
}

/**
 * closeness_conversation_settings_set_deck_left_out:
 *
 * Remembers which decks drawing a card leaves out, until the couple ticks
 * them again.
 */
gboolean
closeness_conversation_settings_set_deck_left_out (ClosenessConversationSettings  *self,
                                                   gint64                          deck_id,
                                                   gboolean                        left_out,
                                                   GError                        **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) value = g_string_new (NULL);
  guint index;

  g_return_val_if_fail (CLOSENESS_IS_CONVERSATION_SETTINGS (self), FALSE);
  g_return_val_if_fail (deck_id > 0, FALSE);

  ids = read_left_out (self);
  if (array_contains (ids, deck_id, &index) == left_out)
    return TRUE;

  if (left_out)
    g_array_append_val (ids, deck_id);
  else
    g_array_remove_index (ids, index);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (value, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));

  return closeness_store_set_state (self->store, CLOSENESS_CONVERSATION_LEFT_OUT_KEY, value->str,
                                    error);
}
