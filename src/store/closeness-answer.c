/* closeness-answer.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include "closeness-record-private.h"
#include "closeness-answer-private.h"

/* A partner's private answer to a prompt. */
struct _ClosenessAnswer
{
  ClosenessRecord parent_instance;

  gint64 prompt_id;
  int slot;
  char *text;
  gint64 updated_at;
};

G_DEFINE_FINAL_TYPE (ClosenessAnswer, closeness_answer, CLOSENESS_TYPE_RECORD)

enum {
  PROP_0,
  PROP_PROMPT_ID,
  PROP_SLOT,
  PROP_TEXT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
closeness_answer_update_from (ClosenessRecord *record,
                              ClosenessRecord *other_record)
{
  ClosenessAnswer *self = (ClosenessAnswer *) record;
  ClosenessAnswer *other = (ClosenessAnswer *) other_record;
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  _closeness_record_set_int64 (object, &self->prompt_id, other->prompt_id,
                               properties[PROP_PROMPT_ID]);
  _closeness_record_set_int (object, &self->slot, other->slot, properties[PROP_SLOT]);
  _closeness_record_set_string (object, &self->text, other->text, properties[PROP_TEXT]);
  _closeness_record_set_int64 (object, &self->updated_at, other->updated_at,
                               properties[PROP_UPDATED_AT]);
  g_object_thaw_notify (object);
}

static void
closeness_answer_finalize (GObject *object)
{
  ClosenessAnswer *self = (ClosenessAnswer *) object;

  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (closeness_answer_parent_class)->finalize (object);
}

static void
closeness_answer_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ClosenessAnswer *self = (ClosenessAnswer *) object;

  switch (prop_id)
    {
    case PROP_PROMPT_ID:
      g_value_set_int64 (value, self->prompt_id);
      break;

    case PROP_SLOT:
      g_value_set_int (value, self->slot);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_answer_class_init (ClosenessAnswerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ClosenessRecordClass *record_class = CLOSENESS_RECORD_CLASS (klass);

  object_class->finalize = closeness_answer_finalize;
  object_class->get_property = closeness_answer_get_property;

  record_class->update_from = closeness_answer_update_from;

  /* the prompt */
  properties[PROP_PROMPT_ID] =
    g_param_spec_int64 ("prompt-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* whose answer (0 or 1) */
  properties[PROP_SLOT] =
    g_param_spec_int ("slot", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* the answer */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
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
closeness_answer_init (ClosenessAnswer *self)
{
}

/* Builds a record from a row whose columns are: id, then the fields in the
 * order of the struct (see closeness-answer-private.h). */
ClosenessRecord *
_closeness_answer_new_from_stmt (sqlite3_stmt *stmt)
{
  ClosenessAnswer *self;

  self = g_object_new (CLOSENESS_TYPE_ANSWER,
                       "id", (gint64) sqlite3_column_int64 (stmt, 0),
                       NULL);

  self->prompt_id = sqlite3_column_int64 (stmt, 1);
  self->slot = sqlite3_column_int (stmt, 2);
  self->text = _closeness_record_column_dup (stmt, 3);
  self->updated_at = sqlite3_column_int64 (stmt, 4);

  return CLOSENESS_RECORD (self);
}

/**
 * closeness_answer_get_slot:
 *
 * Returns: whose answer (0 or 1)
 */
int
closeness_answer_get_slot (ClosenessAnswer *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ANSWER (self), 0);

  return self->slot;
}

/**
 * closeness_answer_get_text:
 *
 * Returns: the answer
 */
const char *
closeness_answer_get_text (ClosenessAnswer *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ANSWER (self), NULL);

  return self->text;
}
