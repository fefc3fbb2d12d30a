/* closeness-entry.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include "closeness-record-private.h"
#include "closeness-entry-private.h"
#include "closeness-store-types.h"

/* A self-care log entry: one partner, one activity, one local day. */
struct _ClosenessEntry
{
  ClosenessRecord parent_instance;

  gint64 activity_id;
  int slot;
  char *day;
  int kind;
  char *note;
  gint64 updated_at;
  double value;   /* -1: none */
};

G_DEFINE_FINAL_TYPE (ClosenessEntry, closeness_entry, CLOSENESS_TYPE_RECORD)

enum {
  PROP_0,
  PROP_ACTIVITY_ID,
  PROP_SLOT,
  PROP_DAY,
  PROP_KIND,
  PROP_NOTE,
  PROP_UPDATED_AT,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
closeness_entry_update_from (ClosenessRecord *record,
                             ClosenessRecord *other_record)
{
  ClosenessEntry *self = (ClosenessEntry *) record;
  ClosenessEntry *other = (ClosenessEntry *) other_record;
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  _closeness_record_set_int64 (object, &self->activity_id, other->activity_id,
                               properties[PROP_ACTIVITY_ID]);
  _closeness_record_set_int (object, &self->slot, other->slot, properties[PROP_SLOT]);
  _closeness_record_set_string (object, &self->day, other->day, properties[PROP_DAY]);
  _closeness_record_set_int (object, &self->kind, other->kind, properties[PROP_KIND]);
  _closeness_record_set_string (object, &self->note, other->note, properties[PROP_NOTE]);
  _closeness_record_set_int64 (object, &self->updated_at, other->updated_at,
                               properties[PROP_UPDATED_AT]);
  if (self->value != other->value)
    {
      self->value = other->value;
      g_object_notify_by_pspec (object, properties[PROP_VALUE]);
    }
  g_object_thaw_notify (object);
}

static void
closeness_entry_finalize (GObject *object)
{
  ClosenessEntry *self = (ClosenessEntry *) object;

  g_clear_pointer (&self->day, g_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (closeness_entry_parent_class)->finalize (object);
}

static void
closeness_entry_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ClosenessEntry *self = (ClosenessEntry *) object;

  switch (prop_id)
    {
    case PROP_ACTIVITY_ID:
      g_value_set_int64 (value, self->activity_id);
      break;

    case PROP_SLOT:
      g_value_set_int (value, self->slot);
      break;

    case PROP_DAY:
      g_value_set_string (value, self->day);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    case PROP_VALUE:
      g_value_set_double (value, self->value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_entry_class_init (ClosenessEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ClosenessRecordClass *record_class = CLOSENESS_RECORD_CLASS (klass);

  object_class->finalize = closeness_entry_finalize;
  object_class->get_property = closeness_entry_get_property;

  record_class->update_from = closeness_entry_update_from;

  /* the activity */
  properties[PROP_ACTIVITY_ID] =
    g_param_spec_int64 ("activity-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* whose entry (0 or 1) */
  properties[PROP_SLOT] =
    g_param_spec_int ("slot", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* the local calendar day 'YYYY-MM-DD' */
  properties[PROP_DAY] =
    g_param_spec_string ("day", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* a #ClosenessEntryKind */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       CLOSENESS_TYPE_ENTRY_KIND, CLOSENESS_ENTRY_DONE,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /* an optional note, or "" */
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL,
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

  /* the amount logged for a measurable activity, or -1 for none */
  properties[PROP_VALUE] =
    g_param_spec_double ("value", NULL, NULL,
                         -1, CLOSENESS_STORE_MAX_AMOUNT, -1,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
closeness_entry_init (ClosenessEntry *self)
{
}

/* Builds a record from a row whose columns are: id, then the fields in the
 * order of the struct (see closeness-entry-private.h). */
ClosenessRecord *
_closeness_entry_new_from_stmt (sqlite3_stmt *stmt)
{
  ClosenessEntry *self;

  self = g_object_new (CLOSENESS_TYPE_ENTRY,
                       "id", (gint64) sqlite3_column_int64 (stmt, 0),
                       NULL);

  self->activity_id = sqlite3_column_int64 (stmt, 1);
  self->slot = sqlite3_column_int (stmt, 2);
  self->day = _closeness_record_column_dup (stmt, 3);
  self->kind = sqlite3_column_int (stmt, 4);
  self->note = _closeness_record_column_dup (stmt, 5);
  self->updated_at = sqlite3_column_int64 (stmt, 6);
  self->value = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? -1 : sqlite3_column_double (stmt, 7);

  return CLOSENESS_RECORD (self);
}

/**
 * closeness_entry_get_activity_id:
 *
 * Returns: the activity
 */
gint64
closeness_entry_get_activity_id (ClosenessEntry *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ENTRY (self), 0);

  return self->activity_id;
}

/**
 * closeness_entry_get_slot:
 *
 * Returns: whose entry (0 or 1)
 */
int
closeness_entry_get_slot (ClosenessEntry *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ENTRY (self), 0);

  return self->slot;
}

/**
 * closeness_entry_get_day:
 *
 * Returns: the local calendar day 'YYYY-MM-DD'
 */
const char *
closeness_entry_get_day (ClosenessEntry *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ENTRY (self), NULL);

  return self->day;
}

/**
 * closeness_entry_get_kind:
 *
 * Returns: a #ClosenessEntryKind
 */
int
closeness_entry_get_kind (ClosenessEntry *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ENTRY (self), 0);

  return self->kind;
}

/**
 * closeness_entry_get_note:
 *
 * Returns: an optional note, or ""
 */
const char *
closeness_entry_get_note (ClosenessEntry *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ENTRY (self), NULL);

  return self->note;
}

/**
 * closeness_entry_get_value:
 *
 * Returns: the amount logged for a measurable activity, or -1 for none
 */
double
closeness_entry_get_value (ClosenessEntry *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ENTRY (self), -1);

  return self->value;
}
