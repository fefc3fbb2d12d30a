/* closeness-partner.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "closeness-record-private.h"
#include "closeness-partner-private.h"

/* One of the two partners; its id is its slot (0 or 1). */
struct _ClosenessPartner
{
  ClosenessRecord parent_instance;

  int slot;
  char *name;
  char *color;
};

G_DEFINE_FINAL_TYPE (ClosenessPartner, closeness_partner, CLOSENESS_TYPE_RECORD)

enum {
  PROP_0,
  PROP_SLOT,
  PROP_NAME,
  PROP_COLOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
closeness_partner_update_from (ClosenessRecord *record,
                               ClosenessRecord *other_record)
{
  ClosenessPartner *self = (ClosenessPartner *) record;
  ClosenessPartner *other = (ClosenessPartner *) other_record;
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  _closeness_record_set_int (object, &self->slot, other->slot, properties[PROP_SLOT]);
  _closeness_record_set_string (object, &self->name, other->name, properties[PROP_NAME]);
  _closeness_record_set_string (object, &self->color, other->color, properties[PROP_COLOR]);
  g_object_thaw_notify (object);
}

static void
closeness_partner_finalize (GObject *object)
{
  ClosenessPartner *self = (ClosenessPartner *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->color, g_free);

  G_OBJECT_CLASS (closeness_partner_parent_class)->finalize (object);
}

static void
closeness_partner_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ClosenessPartner *self = (ClosenessPartner *) object;

  switch (prop_id)
    {
    case PROP_SLOT:
      g_value_set_int (value, self->slot);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_partner_class_init (ClosenessPartnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ClosenessRecordClass *record_class = CLOSENESS_RECORD_CLASS (klass);

  object_class->finalize = closeness_partner_finalize;
  object_class->get_property = closeness_partner_get_property;

  record_class->update_from = closeness_partner_update_from;

  /* 0 or 1 */
  properties[PROP_SLOT] =
    g_param_spec_int ("slot", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* the name, empty until set (the UI shows a default) */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* "" or "#rrggbb" */
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
closeness_partner_init (ClosenessPartner *self)
{
}

/* Builds a record from a row whose columns are: id, then the fields in the
 * order of the struct (see closeness-partner-private.h). */
ClosenessRecord *
_closeness_partner_new_from_stmt (sqlite3_stmt *stmt)
{
  ClosenessPartner *self;

  self = g_object_new (CLOSENESS_TYPE_PARTNER,
                       "id", (gint64) sqlite3_column_int64 (stmt, 0),
                       NULL);

  self->slot = sqlite3_column_int (stmt, 1);
  self->name = _closeness_record_column_dup (stmt, 2);
  self->color = _closeness_record_column_dup (stmt, 3);

  return CLOSENESS_RECORD (self);
}

/**
 * closeness_partner_get_slot:
 *
 * Returns: 0 or 1
 */
int
closeness_partner_get_slot (ClosenessPartner *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PARTNER (self), 0);

  return self->slot;
}

/**
 * closeness_partner_get_name:
 *
 * Returns: the name, empty until set (the UI shows a default)
 */
const char *
closeness_partner_get_name (ClosenessPartner *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PARTNER (self), NULL);

  return self->name;
}

/**
 * closeness_partner_get_color:
 *
 * Returns: "" or "#rrggbb"
 */
const char *
closeness_partner_get_color (ClosenessPartner *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PARTNER (self), NULL);

  return self->color;
}

/**
 * closeness_partner_display_name:
 * @name: (nullable): the name the couple entered, possibly empty
 * @slot: 0 for the first partner, 1 for the second
 *
 * Returns: (transfer full): the name to show; a neutral default when the
 *   couple has not entered one.
 */
char *
closeness_partner_display_name (const char *name,
                                guint       slot)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (trimmed[0] != '\0')
    return g_steal_pointer (&trimmed);

  /* Translators: the default name of a partner who has not entered one; %u is 1 or 2. */
  return g_strdup_printf (_("Partner %u"), slot + 1);
}
