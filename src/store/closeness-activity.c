/* closeness-activity.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include "closeness-record-private.h"
#include "closeness-activity-private.h"
#include "closeness-store-types.h"

/* A self-care activity with its goal. */
struct _ClosenessActivity
{
  ClosenessRecord parent_instance;

  char *builtin_key;
  char *name;
  char *icon;
  char *color;
  int owner;
  gboolean is_private;
  int goal_kind;
  int goal_count;
  int position;
  gboolean archived;
  int kind;
  char *unit;
  double target;
  int interval_days;
};

G_DEFINE_FINAL_TYPE (ClosenessActivity, closeness_activity, CLOSENESS_TYPE_RECORD)

enum {
  PROP_0,
  PROP_BUILTIN_KEY,
  PROP_NAME,
  PROP_ICON,
  PROP_COLOR,
  PROP_OWNER,
  PROP_IS_PRIVATE,
  PROP_GOAL_KIND,
  PROP_GOAL_COUNT,
  PROP_POSITION,
  PROP_ARCHIVED,
  PROP_KIND,
  PROP_UNIT,
  PROP_TARGET,
  PROP_INTERVAL_DAYS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
closeness_activity_update_from (ClosenessRecord *record,
                                ClosenessRecord *other_record)
{
  ClosenessActivity *self = (ClosenessActivity *) record;
  ClosenessActivity *other = (ClosenessActivity *) other_record;
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  _closeness_record_set_string (object, &self->builtin_key, other->builtin_key,
                                properties[PROP_BUILTIN_KEY]);
  _closeness_record_set_string (object, &self->name, other->name, properties[PROP_NAME]);
  _closeness_record_set_string (object, &self->icon, other->icon, properties[PROP_ICON]);
  _closeness_record_set_string (object, &self->color, other->color, properties[PROP_COLOR]);
  _closeness_record_set_int (object, &self->owner, other->owner, properties[PROP_OWNER]);
  _closeness_record_set_boolean (object, &self->is_private, other->is_private,
                                 properties[PROP_IS_PRIVATE]);
  _closeness_record_set_int (object, &self->goal_kind, other->goal_kind,
                             properties[PROP_GOAL_KIND]);
  _closeness_record_set_int (object, &self->goal_count, other->goal_count,
                             properties[PROP_GOAL_COUNT]);
  _closeness_record_set_int (object, &self->position, other->position, properties[PROP_POSITION]);
  _closeness_record_set_boolean (object, &self->archived, other->archived,
                                 properties[PROP_ARCHIVED]);
  _closeness_record_set_int (object, &self->kind, other->kind, properties[PROP_KIND]);
  _closeness_record_set_string (object, &self->unit, other->unit, properties[PROP_UNIT]);
  _closeness_record_set_int (object, &self->interval_days, other->interval_days,
                             properties[PROP_INTERVAL_DAYS]);
  if (self->target != other->target)
    {
      self->target = other->target;
      g_object_notify_by_pspec (object, properties[PROP_TARGET]);
    }
  g_object_thaw_notify (object);
}

static void
closeness_activity_finalize (GObject *object)
{
  ClosenessActivity *self = (ClosenessActivity *) object;

  g_clear_pointer (&self->builtin_key, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->icon, g_free);
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->unit, g_free);

  G_OBJECT_CLASS (closeness_activity_parent_class)->finalize (object);
}

static void
closeness_activity_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ClosenessActivity *self = (ClosenessActivity *) object;

  switch (prop_id)
    {
    case PROP_BUILTIN_KEY:
      g_value_set_string (value, self->builtin_key);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ICON:
      g_value_set_string (value, self->icon);
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_OWNER:
      g_value_set_enum (value, self->owner);
      break;

    case PROP_IS_PRIVATE:
      g_value_set_boolean (value, self->is_private);
      break;

    case PROP_GOAL_KIND:
      g_value_set_enum (value, self->goal_kind);
      break;

    case PROP_GOAL_COUNT:
      g_value_set_int (value, self->goal_count);
      break;

    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;

    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->archived);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;

    case PROP_TARGET:
      g_value_set_double (value, self->target);
      break;

    case PROP_INTERVAL_DAYS:
      g_value_set_int (value, self->interval_days);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_activity_class_init (ClosenessActivityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ClosenessRecordClass *record_class = CLOSENESS_RECORD_CLASS (klass);

  object_class->finalize = closeness_activity_finalize;
  object_class->get_property = closeness_activity_get_property;

  record_class->update_from = closeness_activity_update_from;

  /* stable key of a built-in activity, or NULL */
  properties[PROP_BUILTIN_KEY] =
    g_param_spec_string ("builtin-key", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* the name (for built-ins the untranslated msgid) */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* a symbolic icon name, or "" */
  properties[PROP_ICON] =
    g_param_spec_string ("icon", NULL, NULL,
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

  /* a #ClosenessOwner */
  properties[PROP_OWNER] =
    g_param_spec_enum ("owner", NULL, NULL,
                       CLOSENESS_TYPE_OWNER, CLOSENESS_OWNER_PARTNER_1,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /* only the owner's view shows it */
  properties[PROP_IS_PRIVATE] =
    g_param_spec_boolean ("private", NULL, NULL,
                          FALSE,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* a #ClosenessGoalKind */
  properties[PROP_GOAL_KIND] =
    g_param_spec_enum ("goal-kind", NULL, NULL,
                       CLOSENESS_TYPE_GOAL_KIND, CLOSENESS_GOAL_DAILY,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /* times per period */
  properties[PROP_GOAL_COUNT] =
    g_param_spec_int ("goal-count", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
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

  /* hidden from the main list, data kept */
  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL,
                          FALSE,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* a #ClosenessActivityKind */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       CLOSENESS_TYPE_ACTIVITY_KIND, CLOSENESS_ACTIVITY_YES_NO,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /* what a measurable activity counts ("minutes"), or "" */
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* the amount a day of a measurable activity asks for; 0 for yes/no */
  properties[PROP_TARGET] =
    g_param_spec_double ("target", NULL, NULL,
                         0, CLOSENESS_STORE_MAX_AMOUNT, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* a daily goal's "every N days" (1: every day); 0 for weekly and monthly goals */
  properties[PROP_INTERVAL_DAYS] =
    g_param_spec_int ("interval-days", NULL, NULL,
                      0, CLOSENESS_STORE_MAX_INTERVAL_DAYS, 0,
                      (G_PARAM_READABLE |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
closeness_activity_init (ClosenessActivity *self)
{
}

/* Builds a record from a row whose columns are: id, then the fields in the
 * order of the struct (see closeness-activity-private.h). */
ClosenessRecord *
_closeness_activity_new_from_stmt (sqlite3_stmt *stmt)
{
  ClosenessActivity *self;

  self = g_object_new (CLOSENESS_TYPE_ACTIVITY,
                       "id", (gint64) sqlite3_column_int64 (stmt, 0),
                       NULL);

  self->builtin_key = _closeness_record_column_dup (stmt, 1);
  self->name = _closeness_record_column_dup (stmt, 2);
  self->icon = _closeness_record_column_dup (stmt, 3);
  self->color = _closeness_record_column_dup (stmt, 4);
  self->owner = sqlite3_column_int (stmt, 5);
  self->is_private = sqlite3_column_int (stmt, 6) != 0;
  self->goal_kind = sqlite3_column_int (stmt, 7);
  self->goal_count = sqlite3_column_int (stmt, 8);
  self->position = sqlite3_column_int (stmt, 9);
  self->archived = sqlite3_column_int (stmt, 10) != 0;
  self->kind = sqlite3_column_int (stmt, 11);
  self->unit = _closeness_record_column_dup (stmt, 12);
  self->target = sqlite3_column_double (stmt, 13);
  self->interval_days = sqlite3_column_int (stmt, 14);

  return CLOSENESS_RECORD (self);
}

/**
 * closeness_activity_get_builtin_key:
 *
 * Returns: stable key of a built-in activity, or NULL
 */
const char *
closeness_activity_get_builtin_key (ClosenessActivity *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY (self), NULL);

  return self->builtin_key;
}

/**
 * closeness_activity_get_name:
 *
 * Returns: the name (for built-ins the untranslated msgid)
 */
const char *
closeness_activity_get_name (ClosenessActivity *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY (self), NULL);

  return self->name;
}

/**
 * closeness_activity_get_icon:
 *
 * Returns: a symbolic icon name, or ""
 */
const char *
closeness_activity_get_icon (ClosenessActivity *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY (self), NULL);

  return self->icon;
}

/**
 * closeness_activity_get_color:
 *
 * Returns: "" or "#rrggbb"
 */
const char *
closeness_activity_get_color (ClosenessActivity *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY (self), NULL);

  return self->color;
}

/**
 * closeness_activity_get_owner:
 *
 * Returns: a #ClosenessOwner
 */
int
closeness_activity_get_owner (ClosenessActivity *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY (self), 0);

  return self->owner;
}

/**
 * closeness_activity_get_is_private:
 *
 * Returns: only the owner's view shows it
 */
gboolean
closeness_activity_get_is_private (ClosenessActivity *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY (self), 0);

  return self->is_private;
}

/**
 * closeness_activity_get_goal_kind:
 *
 * Returns: a #ClosenessGoalKind
 */
int
closeness_activity_get_goal_kind (ClosenessActivity *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY (self), 0);

  return self->goal_kind;
}

/**
 * closeness_activity_get_goal_count:
 *
 * Returns: times per period
 */
int
closeness_activity_get_goal_count (ClosenessActivity *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY (self), 0);

  return self->goal_count;
}

/**
 * closeness_activity_get_archived:
 *
 * Returns: hidden from the main list, data kept
 */
gboolean
closeness_activity_get_archived (ClosenessActivity *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY (self), 0);

  return self->archived;
}

/**
 * closeness_activity_get_kind:
 *
 * Returns: a #ClosenessActivityKind
 */
int
closeness_activity_get_kind (ClosenessActivity *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY (self), 0);

  return self->kind;
}

/**
 * closeness_activity_get_unit:
 *
 * Returns: what a measurable activity counts ("minutes"), or ""
 */
const char *
closeness_activity_get_unit (ClosenessActivity *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY (self), NULL);

  return self->unit;
}

/**
 * closeness_activity_get_target:
 *
 * Returns: the amount a day of a measurable activity asks for; 0 for yes/no
 */
double
closeness_activity_get_target (ClosenessActivity *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY (self), 0);

  return self->target;
}

/**
 * closeness_activity_get_interval_days:
 *
 * Returns: a daily goal's "every N days" (1: every day); 0 for weekly and
 *   monthly goals
 */
int
closeness_activity_get_interval_days (ClosenessActivity *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY (self), 0);

  return self->interval_days;
}
