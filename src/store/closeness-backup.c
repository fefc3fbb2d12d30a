/* closeness-backup.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include "closeness-backup.h"

/* One backup file in $XDG_DATA_HOME/closeness/backups/. */
struct _ClosenessBackup
{
  GObject    parent_instance;

  char      *path;
  GDateTime *date;
  goffset    size;
};

G_DEFINE_FINAL_TYPE (ClosenessBackup, closeness_backup, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_DATE,
  PROP_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
closeness_backup_finalize (GObject *object)
{
  ClosenessBackup *self = (ClosenessBackup *) object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->date, g_date_time_unref);

  G_OBJECT_CLASS (closeness_backup_parent_class)->finalize (object);
}

static void
closeness_backup_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ClosenessBackup *self = CLOSENESS_BACKUP (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_DATE:
      g_value_set_boxed (value, self->date);
      break;

    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_backup_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ClosenessBackup *self = CLOSENESS_BACKUP (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    case PROP_DATE:
      self->date = g_value_dup_boxed (value);
      break;

    case PROP_SIZE:
      self->size = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_backup_class_init (ClosenessBackupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = closeness_backup_finalize;
  object_class->get_property = closeness_backup_get_property;
  object_class->set_property = closeness_backup_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS));

  properties[PROP_SIZE] =
    g_param_spec_int64 ("size", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
closeness_backup_init (ClosenessBackup *self)
{
}

const char *
closeness_backup_get_path (ClosenessBackup *self)
{
  g_return_val_if_fail (CLOSENESS_IS_BACKUP (self), NULL);

  return self->path;
}

/**
 * closeness_backup_get_date:
 *
 * Returns: (transfer none): when the backup was made, local time
 */
GDateTime *
closeness_backup_get_date (ClosenessBackup *self)
{
  g_return_val_if_fail (CLOSENESS_IS_BACKUP (self), NULL);

  return self->date;
}
