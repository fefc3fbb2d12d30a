/* closeness-reminder.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include "closeness-record-private.h"
#include "closeness-reminder-private.h"

/* A reminder for an event or a self-care activity. */
struct _ClosenessReminder
{
  ClosenessRecord parent_instance;

  gint64 event_id;
  gint64 activity_id;
  int offset_minutes;
  char *time_of_day;
  int weekdays;
  gint64 snoozed_until;
  gint64 last_fired_at;
  gboolean enabled;
};

G_DEFINE_FINAL_TYPE (ClosenessReminder, closeness_reminder, CLOSENESS_TYPE_RECORD)

enum {
  PROP_0,
  PROP_EVENT_ID,
  PROP_ACTIVITY_ID,
  PROP_OFFSET_MINUTES,
  PROP_TIME_OF_DAY,
  PROP_WEEKDAYS,
  PROP_SNOOZED_UNTIL,
  PROP_LAST_FIRED_AT,
  PROP_ENABLED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
closeness_reminder_update_from (ClosenessRecord *record,
                                ClosenessRecord *other_record)
{
  ClosenessReminder *self = (ClosenessReminder *) record;
  ClosenessReminder *other = (ClosenessReminder *) other_record;
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  _closeness_record_set_int64 (object, &self->event_id, other->event_id, properties[PROP_EVENT_ID]);
  _closeness_record_set_int64 (object, &self->activity_id, other->activity_id,
                               properties[PROP_ACTIVITY_ID]);
  _closeness_record_set_int (object, &self->offset_minutes, other->offset_minutes,
                             properties[PROP_OFFSET_MINUTES]);
  _closeness_record_set_string (object, &self->time_of_day, other->time_of_day,
                                properties[PROP_TIME_OF_DAY]);
  _closeness_record_set_int (object, &self->weekdays, other->weekdays, properties[PROP_WEEKDAYS]);
  _closeness_record_set_int64 (object, &self->snoozed_until, other->snoozed_until,
                               properties[PROP_SNOOZED_UNTIL]);
  _closeness_record_set_int64 (object, &self->last_fired_at, other->last_fired_at,
                               properties[PROP_LAST_FIRED_AT]);
  _closeness_record_set_boolean (object, &self->enabled, other->enabled, properties[PROP_ENABLED]);
  g_object_thaw_notify (object);
}

static void
closeness_reminder_finalize (GObject *object)
{
  ClosenessReminder *self = (ClosenessReminder *) object;

  g_clear_pointer (&self->time_of_day, g_free);

  G_OBJECT_CLASS (closeness_reminder_parent_class)->finalize (object);
}

static void
closeness_reminder_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ClosenessReminder *self = (ClosenessReminder *) object;

  switch (prop_id)
    {
    case PROP_EVENT_ID:
      g_value_set_int64 (value, self->event_id);
      break;

    case PROP_ACTIVITY_ID:
      g_value_set_int64 (value, self->activity_id);
      break;

    case PROP_OFFSET_MINUTES:
      g_value_set_int (value, self->offset_minutes);
      break;

    case PROP_TIME_OF_DAY:
      g_value_set_string (value, self->time_of_day);
      break;

    case PROP_WEEKDAYS:
      g_value_set_int (value, self->weekdays);
      break;

    case PROP_SNOOZED_UNTIL:
      g_value_set_int64 (value, self->snoozed_until);
      break;

    case PROP_LAST_FIRED_AT:
      g_value_set_int64 (value, self->last_fired_at);
      break;

    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_reminder_class_init (ClosenessReminderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ClosenessRecordClass *record_class = CLOSENESS_RECORD_CLASS (klass);

  object_class->finalize = closeness_reminder_finalize;
  object_class->get_property = closeness_reminder_get_property;

  record_class->update_from = closeness_reminder_update_from;

  /* the event, or 0 */
  properties[PROP_EVENT_ID] =
    g_param_spec_int64 ("event-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* the activity, or 0 */
  properties[PROP_ACTIVITY_ID] =
    g_param_spec_int64 ("activity-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* for events: minutes before the start */
  properties[PROP_OFFSET_MINUTES] =
    g_param_spec_int ("offset-minutes", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* for activities: 'HH:MM' local time, else "" */
  properties[PROP_TIME_OF_DAY] =
    g_param_spec_string ("time-of-day", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* for activities: bit 0 Monday ... bit 6 Sunday */
  properties[PROP_WEEKDAYS] =
    g_param_spec_int ("weekdays", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* unix time, or 0 */
  properties[PROP_SNOOZED_UNTIL] =
    g_param_spec_int64 ("snoozed-until", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* unix time of the last delivery, or 0 */
  properties[PROP_LAST_FIRED_AT] =
    g_param_spec_int64 ("last-fired-at", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* whether it fires */
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL,
                          FALSE,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
closeness_reminder_init (ClosenessReminder *self)
{
}

/* Builds a record from a row whose columns are: id, then the fields in the
 * order of the struct (see closeness-reminder-private.h). */
ClosenessRecord *
_closeness_reminder_new_from_stmt (sqlite3_stmt *stmt)
{
  ClosenessReminder *self;

  self = g_object_new (CLOSENESS_TYPE_REMINDER,
                       "id", (gint64) sqlite3_column_int64 (stmt, 0),
                       NULL);

  self->event_id = sqlite3_column_int64 (stmt, 1);
  self->activity_id = sqlite3_column_int64 (stmt, 2);
  self->offset_minutes = sqlite3_column_int (stmt, 3);
  self->time_of_day = _closeness_record_column_dup (stmt, 4);
  self->weekdays = sqlite3_column_int (stmt, 5);
  self->snoozed_until = sqlite3_column_int64 (stmt, 6);
  self->last_fired_at = sqlite3_column_int64 (stmt, 7);
  self->enabled = sqlite3_column_int (stmt, 8) != 0;

  return CLOSENESS_RECORD (self);
}

/**
 * closeness_reminder_get_event_id:
 *
 * Returns: the event, or 0
 */
gint64
closeness_reminder_get_event_id (ClosenessReminder *self)
{
  g_return_val_if_fail (CLOSENESS_IS_REMINDER (self), 0);

  return self->event_id;
}

/**
 * closeness_reminder_get_activity_id:
 *
 * Returns: the activity, or 0
 */
gint64
closeness_reminder_get_activity_id (ClosenessReminder *self)
{
  g_return_val_if_fail (CLOSENESS_IS_REMINDER (self), 0);

  return self->activity_id;
}

/**
 * closeness_reminder_get_offset_minutes:
 *
 * Returns: for events: minutes before the start
 */
int
closeness_reminder_get_offset_minutes (ClosenessReminder *self)
{
  g_return_val_if_fail (CLOSENESS_IS_REMINDER (self), 0);

  return self->offset_minutes;
}

/**
 * closeness_reminder_get_time_of_day:
 *
 * Returns: for activities: 'HH:MM' local time, else ""
 */
const char *
closeness_reminder_get_time_of_day (ClosenessReminder *self)
{
  g_return_val_if_fail (CLOSENESS_IS_REMINDER (self), NULL);

  return self->time_of_day;
}

/**
 * closeness_reminder_get_weekdays:
 *
 * Returns: for activities: bit 0 Monday ... bit 6 Sunday
 */
int
closeness_reminder_get_weekdays (ClosenessReminder *self)
{
  g_return_val_if_fail (CLOSENESS_IS_REMINDER (self), 0);

  return self->weekdays;
}

/**
 * closeness_reminder_get_snoozed_until:
 *
 * Returns: unix time, or 0
 */
gint64
closeness_reminder_get_snoozed_until (ClosenessReminder *self)
{
  g_return_val_if_fail (CLOSENESS_IS_REMINDER (self), 0);

  return self->snoozed_until;
}

/**
 * closeness_reminder_get_last_fired_at:
 *
 * Returns: unix time of the last delivery, or 0
 */
gint64
closeness_reminder_get_last_fired_at (ClosenessReminder *self)
{
  g_return_val_if_fail (CLOSENESS_IS_REMINDER (self), 0);

  return self->last_fired_at;
}

/**
 * closeness_reminder_get_enabled:
 *
 * Returns: whether it fires
 */
gboolean
closeness_reminder_get_enabled (ClosenessReminder *self)
{
  g_return_val_if_fail (CLOSENESS_IS_REMINDER (self), 0);

  return self->enabled;
}
