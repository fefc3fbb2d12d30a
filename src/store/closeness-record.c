/* closeness-record.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include "closeness-record-private.h"

typedef struct
{
  gint64 id;
} ClosenessRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (ClosenessRecord, closeness_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
closeness_record_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ClosenessRecord *self = CLOSENESS_RECORD (object);
  ClosenessRecordPrivate *priv = closeness_record_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, priv->id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_record_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ClosenessRecord *self = CLOSENESS_RECORD (object);
  ClosenessRecordPrivate *priv = closeness_record_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      priv->id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_record_class_init (ClosenessRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = closeness_record_get_property;
  object_class->set_property = closeness_record_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
closeness_record_init (ClosenessRecord *self)
{
}

/**
 * closeness_record_get_id:
 *
 * Returns: the row id; for partners, the slot.
 */
gint64
closeness_record_get_id (ClosenessRecord *self)
{
  ClosenessRecordPrivate *priv = closeness_record_get_instance_private (self);

  g_return_val_if_fail (CLOSENESS_IS_RECORD (self), 0);

  return priv->id;
}

void
_closeness_record_update_from (ClosenessRecord *self,
                               ClosenessRecord *other)
{
  g_return_if_fail (CLOSENESS_IS_RECORD (self));
  g_return_if_fail (G_OBJECT_TYPE (self) == G_OBJECT_TYPE (other));

  if (CLOSENESS_RECORD_GET_CLASS (self)->update_from != NULL)
    CLOSENESS_RECORD_GET_CLASS (self)->update_from (self, other);
}

gboolean
_closeness_record_set_string (GObject     *object,
                              char       **field,
                              const char  *value,
                              GParamSpec  *pspec)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);

  if (pspec != NULL)
    g_object_notify_by_pspec (object, pspec);

  return TRUE;
}

gboolean
_closeness_record_set_int64 (GObject    *object,
                             gint64     *field,
                             gint64      value,
                             GParamSpec *pspec)
{
  if (*field == value)
    return FALSE;

  *field = value;

  if (pspec != NULL)
    g_object_notify_by_pspec (object, pspec);

  return TRUE;
}

gboolean
_closeness_record_set_int (GObject    *object,
                           int        *field,
                           int         value,
                           GParamSpec *pspec)
{
  if (*field == value)
    return FALSE;

  *field = value;

  if (pspec != NULL)
    g_object_notify_by_pspec (object, pspec);

  return TRUE;
}

gboolean
_closeness_record_set_boolean (GObject    *object,
                               gboolean   *field,
                               gboolean    value,
                               GParamSpec *pspec)
{
  value = !!value;

  if (*field == value)
    return FALSE;

  *field = value;

  if (pspec != NULL)
    g_object_notify_by_pspec (object, pspec);

  return TRUE;
}

char *
_closeness_record_column_dup (sqlite3_stmt *stmt,
                              int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}
