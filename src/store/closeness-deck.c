/* closeness-deck.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include "closeness-record-private.h"
#include "closeness-deck-private.h"

/* A deck of prompts, built in (builtin-key set) or custom. */
struct _ClosenessDeck
{
  ClosenessRecord parent_instance;

  char *builtin_key;
  char *name;
  char *description;
  int position;
  gboolean is_custom;
  gboolean retired;
  int prompt_count;
  int discussed_count;
};

G_DEFINE_FINAL_TYPE (ClosenessDeck, closeness_deck, CLOSENESS_TYPE_RECORD)

enum {
  PROP_0,
  PROP_BUILTIN_KEY,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_POSITION,
  PROP_IS_CUSTOM,
  PROP_RETIRED,
  PROP_PROMPT_COUNT,
  PROP_DISCUSSED_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
closeness_deck_update_from (ClosenessRecord *record,
                            ClosenessRecord *other_record)
{
  ClosenessDeck *self = (ClosenessDeck *) record;
  ClosenessDeck *other = (ClosenessDeck *) other_record;
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  _closeness_record_set_string (object, &self->builtin_key, other->builtin_key,
                                properties[PROP_BUILTIN_KEY]);
  _closeness_record_set_string (object, &self->name, other->name, properties[PROP_NAME]);
  _closeness_record_set_string (object, &self->description, other->description,
                                properties[PROP_DESCRIPTION]);
  _closeness_record_set_int (object, &self->position, other->position, properties[PROP_POSITION]);
  _closeness_record_set_boolean (object, &self->is_custom, other->is_custom,
                                 properties[PROP_IS_CUSTOM]);
  _closeness_record_set_boolean (object, &self->retired, other->retired, properties[PROP_RETIRED]);
  _closeness_record_set_int (object, &self->prompt_count, other->prompt_count,
                             properties[PROP_PROMPT_COUNT]);
  _closeness_record_set_int (object, &self->discussed_count, other->discussed_count,
                             properties[PROP_DISCUSSED_COUNT]);
  g_object_thaw_notify (object);
}

static void
closeness_deck_finalize (GObject *object)
{
  ClosenessDeck *self = (ClosenessDeck *) object;

  g_clear_pointer (&self->builtin_key, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (closeness_deck_parent_class)->finalize (object);
}

static void
closeness_deck_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ClosenessDeck *self = (ClosenessDeck *) object;

  switch (prop_id)
    {
    case PROP_BUILTIN_KEY:
      g_value_set_string (value, self->builtin_key);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;

    case PROP_IS_CUSTOM:
      g_value_set_boolean (value, self->is_custom);
      break;

    case PROP_RETIRED:
      g_value_set_boolean (value, self->retired);
      break;

    case PROP_PROMPT_COUNT:
      g_value_set_int (value, self->prompt_count);
      break;

    case PROP_DISCUSSED_COUNT:
      g_value_set_int (value, self->discussed_count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_deck_class_init (ClosenessDeckClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ClosenessRecordClass *record_class = CLOSENESS_RECORD_CLASS (klass);

  object_class->finalize = closeness_deck_finalize;
  object_class->get_property = closeness_deck_get_property;

  record_class->update_from = closeness_deck_update_from;

  /* stable key of a built-in deck, or NULL for a custom deck */
  properties[PROP_BUILTIN_KEY] =
    g_param_spec_string ("builtin-key", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* the name (for built-in decks the untranslated msgid) */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* a line about the deck */
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* sort position */
  properties[PROP_POSITION] =
    g_param_spec_int ("position", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* TRUE for decks the couple made */
  properties[PROP_IS_CUSTOM] =
    g_param_spec_boolean ("is-custom", NULL, NULL,
                          FALSE,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* a built-in deck no longer in the library (kept for its data) */
  properties[PROP_RETIRED] =
    g_param_spec_boolean ("retired", NULL, NULL,
                          FALSE,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* live prompts in the deck */
  properties[PROP_PROMPT_COUNT] =
    g_param_spec_int ("prompt-count", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* prompts of the deck discussed at least once */
  properties[PROP_DISCUSSED_COUNT] =
    g_param_spec_int ("discussed-count", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
closeness_deck_init (ClosenessDeck *self)
{
}

/* Builds a record from a row whose columns are: id, then the fields in the
 * order of the struct (see closeness-deck-private.h). */
ClosenessRecord *
_closeness_deck_new_from_stmt (sqlite3_stmt *stmt)
{
  ClosenessDeck *self;

  self = g_object_new (CLOSENESS_TYPE_DECK,
                       "id", (gint64) sqlite3_column_int64 (stmt, 0),
                       NULL);

  self->builtin_key = _closeness_record_column_dup (stmt, 1);
  self->name = _closeness_record_column_dup (stmt, 2);
  self->description = _closeness_record_column_dup (stmt, 3);
  self->position = sqlite3_column_int (stmt, 4);
  self->is_custom = sqlite3_column_int (stmt, 5) != 0;
  self->retired = sqlite3_column_int (stmt, 6) != 0;
  self->prompt_count = sqlite3_column_int (stmt, 7);
  self->discussed_count = sqlite3_column_int (stmt, 8);

  return CLOSENESS_RECORD (self);
}

/**
 * closeness_deck_get_builtin_key:
 *
 * Returns: stable key of a built-in deck, or NULL for a custom deck
 */
const char *
closeness_deck_get_builtin_key (ClosenessDeck *self)
{
  g_return_val_if_fail (CLOSENESS_IS_DECK (self), NULL);

  return self->builtin_key;
}

/**
 * closeness_deck_get_name:
 *
 * Returns: the name (for built-in decks the untranslated msgid)
 */
const char *
closeness_deck_get_name (ClosenessDeck *self)
{
  g_return_val_if_fail (CLOSENESS_IS_DECK (self), NULL);

  return self->name;
}

/**
 * closeness_deck_get_description:
 *
 * Returns: a line about the deck
 */
const char *
closeness_deck_get_description (ClosenessDeck *self)
{
  g_return_val_if_fail (CLOSENESS_IS_DECK (self), NULL);

  return self->description;
}

/**
 * closeness_deck_get_position:
 *
 * Returns: sort position
 */
int
closeness_deck_get_position (ClosenessDeck *self)
{
  g_return_val_if_fail (CLOSENESS_IS_DECK (self), 0);

  return self->position;
}

/**
 * closeness_deck_get_is_custom:
 *
 * Returns: TRUE for decks the couple made
 */
gboolean
closeness_deck_get_is_custom (ClosenessDeck *self)
{
  g_return_val_if_fail (CLOSENESS_IS_DECK (self), 0);

  return self->is_custom;
}

/**
 * closeness_deck_get_retired:
 *
 * Returns: a built-in deck no longer in the library (kept for its data)
 */
gboolean
closeness_deck_get_retired (ClosenessDeck *self)
{
  g_return_val_if_fail (CLOSENESS_IS_DECK (self), 0);

  return self->retired;
}

/**
 * closeness_deck_get_prompt_count:
 *
 * Returns: live prompts in the deck
 */
int
closeness_deck_get_prompt_count (ClosenessDeck *self)
{
  g_return_val_if_fail (CLOSENESS_IS_DECK (self), 0);

  return self->prompt_count;
}

/**
 * closeness_deck_get_discussed_count:
 *
 * Returns: prompts of the deck discussed at least once
 */
int
closeness_deck_get_discussed_count (ClosenessDeck *self)
{
  g_return_val_if_fail (CLOSENESS_IS_DECK (self), 0);

  return self->discussed_count;
}
