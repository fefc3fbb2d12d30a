/* closeness-prompt.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include "closeness-record-private.h"
#include "closeness-prompt-private.h"
#include "closeness-store-types.h"

/* A conversation prompt. */
struct _ClosenessPrompt
{
  ClosenessRecord parent_instance;

  gint64 deck_id;
  char *builtin_key;
  char *text;
  char *follow_up;
  int intensity;
  int position;
  gboolean is_custom;
  gboolean retired;
  gboolean favourite;
  char *last_discussed;
  int answered_mask;
  gint64 updated_at;
};

G_DEFINE_FINAL_TYPE (ClosenessPrompt, closeness_prompt, CLOSENESS_TYPE_RECORD)

enum {
  PROP_0,
  PROP_DECK_ID,
  PROP_BUILTIN_KEY,
  PROP_TEXT,
  PROP_FOLLOW_UP,
  PROP_INTENSITY,
  PROP_POSITION,
  PROP_IS_CUSTOM,
  PROP_RETIRED,
  PROP_FAVOURITE,
  PROP_LAST_DISCUSSED,
  PROP_ANSWERED_MASK,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
closeness_prompt_update_from (ClosenessRecord *record,
                              ClosenessRecord *other_record)
{
  ClosenessPrompt *self = (ClosenessPrompt *) record;
  ClosenessPrompt *other = (ClosenessPrompt *) other_record;
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  _closeness_record_set_int64 (object, &self->deck_id, other->deck_id, properties[PROP_DECK_ID]);
  _closeness_record_set_string (object, &self->builtin_key, other->builtin_key,
                                properties[PROP_BUILTIN_KEY]);
  _closeness_record_set_string (object, &self->text, other->text, properties[PROP_TEXT]);
  _closeness_record_set_string (object, &self->follow_up, other->follow_up,
                                properties[PROP_FOLLOW_UP]);
  _closeness_record_set_int (object, &self->intensity, other->intensity,
                             properties[PROP_INTENSITY]);
  _closeness_record_set_int (object, &self->position, other->position, properties[PROP_POSITION]);
  _closeness_record_set_boolean (object, &self->is_custom, other->is_custom,
                                 properties[PROP_IS_CUSTOM]);
  _closeness_record_set_boolean (object, &self->retired, other->retired, properties[PROP_RETIRED]);
  _closeness_record_set_boolean (object, &self->favourite, other->favourite,
                                 properties[PROP_FAVOURITE]);
  _closeness_record_set_string (object, &self->last_discussed, other->last_discussed,
                                properties[PROP_LAST_DISCUSSED]);
  _closeness_record_set_int (object, &self->answered_mask, other->answered_mask,
                             properties[PROP_ANSWERED_MASK]);
  _closeness_record_set_int64 (object, &self->updated_at, other->updated_at,
                               properties[PROP_UPDATED_AT]);
  g_object_thaw_notify (object);
}

static void
closeness_prompt_finalize (GObject *object)
{
  ClosenessPrompt *self = (ClosenessPrompt *) object;

  g_clear_pointer (&self->builtin_key, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->follow_up, g_free);
  g_clear_pointer (&self->last_discussed, g_free);

  G_OBJECT_CLASS (closeness_prompt_parent_class)->finalize (object);
}

static void
closeness_prompt_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ClosenessPrompt *self = (ClosenessPrompt *) object;

  switch (prop_id)
    {
    case PROP_DECK_ID:
      g_value_set_int64 (value, self->deck_id);
      break;

    case PROP_BUILTIN_KEY:
      g_value_set_string (value, self->builtin_key);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_FOLLOW_UP:
      g_value_set_string (value, self->follow_up);
      break;

    case PROP_INTENSITY:
      g_value_set_enum (value, self->intensity);
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

    case PROP_FAVOURITE:
      g_value_set_boolean (value, self->favourite);
      break;

    case PROP_LAST_DISCUSSED:
      g_value_set_string (value, self->last_discussed);
      break;

    case PROP_ANSWERED_MASK:
      g_value_set_int (value, self->answered_mask);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_prompt_class_init (ClosenessPromptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ClosenessRecordClass *record_class = CLOSENESS_RECORD_CLASS (klass);

  object_class->finalize = closeness_prompt_finalize;
  object_class->get_property = closeness_prompt_get_property;

  record_class->update_from = closeness_prompt_update_from;

  /* the deck */
  properties[PROP_DECK_ID] =
    g_param_spec_int64 ("deck-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* stable key of a built-in prompt, or NULL */
  properties[PROP_BUILTIN_KEY] =
    g_param_spec_string ("builtin-key", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* the question (for built-ins the untranslated msgid) */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* an optional follow-up question, or "" */
  properties[PROP_FOLLOW_UP] =
    g_param_spec_string ("follow-up", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* a #ClosenessIntensity */
  properties[PROP_INTENSITY] =
    g_param_spec_enum ("intensity", NULL, NULL,
                       CLOSENESS_TYPE_INTENSITY, CLOSENESS_INTENSITY_GENTLE,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /* sort position inside the deck */
  properties[PROP_POSITION] =
    g_param_spec_int ("position", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* TRUE for prompts the couple wrote */
  properties[PROP_IS_CUSTOM] =
    g_param_spec_boolean ("is-custom", NULL, NULL,
                          FALSE,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* a built-in prompt no longer in the library */
  properties[PROP_RETIRED] =
    g_param_spec_boolean ("retired", NULL, NULL,
                          FALSE,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* marked as favourite */
  properties[PROP_FAVOURITE] =
    g_param_spec_boolean ("favourite", NULL, NULL,
                          FALSE,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* the last day ('YYYY-MM-DD') it was discussed, or NULL */
  properties[PROP_LAST_DISCUSSED] =
    g_param_spec_string ("last-discussed", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* bit 0: partner 0 has answered, bit 1: partner 1 */
  properties[PROP_ANSWERED_MASK] =
    g_param_spec_int ("answered-mask", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* unix time of the last edit */
  properties[PROP_UPDATED_AT] =
    g_param_spec_int64 ("updated-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
closeness_prompt_init (ClosenessPrompt *self)
{
}

/* Builds a record from a row whose columns are: id, then the fields in the
 * order of the struct (see closeness-prompt-private.h). */
ClosenessRecord *
_closeness_prompt_new_from_stmt (sqlite3_stmt *stmt)
{
  ClosenessPrompt *self;

  self = g_object_new (CLOSENESS_TYPE_PROMPT,
                       "id", (gint64) sqlite3_column_int64 (stmt, 0),
                       NULL);

  self->deck_id = sqlite3_column_int64 (stmt, 1);
  self->builtin_key = _closeness_record_column_dup (stmt, 2);
  self->text = _closeness_record_column_dup (stmt, 3);
  self->follow_up = _closeness_record_column_dup (stmt, 4);
  self->intensity = sqlite3_column_int (stmt, 5);
  self->position = sqlite3_column_int (stmt, 6);
  self->is_custom = sqlite3_column_int (stmt, 7) != 0;
  self->retired = sqlite3_column_int (stmt, 8) != 0;
  self->favourite = sqlite3_column_int (stmt, 9) != 0;
  self->last_discussed = _closeness_record_column_dup (stmt, 10);
  self->answered_mask = sqlite3_column_int (stmt, 11);
  self->updated_at = sqlite3_column_int64 (stmt, 12);

  return CLOSENESS_RECORD (self);
}

/**
 * closeness_prompt_get_deck_id:
 *
 * Returns: the deck
 */
gint64
closeness_prompt_get_deck_id (ClosenessPrompt *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PROMPT (self), 0);

  return self->deck_id;
}

/**
 * closeness_prompt_get_builtin_key:
 *
 * Returns: stable key of a built-in prompt, or NULL
 */
const char *
closeness_prompt_get_builtin_key (ClosenessPrompt *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PROMPT (self), NULL);

  return self->builtin_key;
}

/**
 * closeness_prompt_get_text:
 *
 * Returns: the question (for built-ins the untranslated msgid)
 */
const char *
closeness_prompt_get_text (ClosenessPrompt *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PROMPT (self), NULL);

  return self->text;
}

/**
 * closeness_prompt_get_follow_up:
 *
 * Returns: an optional follow-up question, or ""
 */
const char *
closeness_prompt_get_follow_up (ClosenessPrompt *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PROMPT (self), NULL);

  return self->follow_up;
}

/**
 * closeness_prompt_get_intensity:
 *
 * Returns: a #ClosenessIntensity
 */
int
closeness_prompt_get_intensity (ClosenessPrompt *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PROMPT (self), 0);

  return self->intensity;
}

/**
 * closeness_prompt_get_position:
 *
 * Returns: sort position inside the deck
 */
int
closeness_prompt_get_position (ClosenessPrompt *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PROMPT (self), 0);

  return self->position;
}

/**
 * closeness_prompt_get_is_custom:
 *
 * Returns: TRUE for prompts the couple wrote
 */
gboolean
closeness_prompt_get_is_custom (ClosenessPrompt *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PROMPT (self), 0);

  return self->is_custom;
}

/**
 * closeness_prompt_get_retired:
 *
 * Returns: a built-in prompt no longer in the library
 */
gboolean
closeness_prompt_get_retired (ClosenessPrompt *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PROMPT (self), 0);

  return self->retired;
}

/**
 * closeness_prompt_get_favourite:
 *
 * Returns: marked as favourite
 */
gboolean
closeness_prompt_get_favourite (ClosenessPrompt *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PROMPT (self), 0);

  return self->favourite;
}

/**
 * closeness_prompt_get_last_discussed:
 *
 * Returns: the last day ('YYYY-MM-DD') it was discussed, or NULL
 */
const char *
closeness_prompt_get_last_discussed (ClosenessPrompt *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PROMPT (self), NULL);

  return self->last_discussed;
}

/**
 * closeness_prompt_get_answered_mask:
 *
 * Returns: bit 0: partner 0 has answered, bit 1: partner 1
 */
int
closeness_prompt_get_answered_mask (ClosenessPrompt *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PROMPT (self), 0);

  return self->answered_mask;
}
