/* closeness-event.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include <string.h>

#include "closeness-record-private.h"
#include "closeness-event-private.h"
#include "closeness-store-types.h"

/* An evening of time together (one VEVENT). */
struct _ClosenessEvent
{
  ClosenessRecord parent_instance;

  char *uid;
  char *recurrence_id;
  char *summary;
  char *dtstart;
  char *tzid;
  int duration_minutes;
  char *rrule;
  char *exdates;
  int planned_by;
  gint64 deck_id;
  char *notes;
  char *ical_raw;
  char *etag;
  char *href;
  gint64 updated_at;
};

G_DEFINE_FINAL_TYPE (ClosenessEvent, closeness_event, CLOSENESS_TYPE_RECORD)

enum {
  PROP_0,
  PROP_UID,
  PROP_RECURRENCE_ID,
  PROP_SUMMARY,
  PROP_DTSTART,
  PROP_TZID,
  PROP_DURATION_MINUTES,
  PROP_RRULE,
  PROP_EXDATES,
  PROP_PLANNED_BY,
  PROP_DECK_ID,
  PROP_NOTES,
  PROP_ICAL_RAW,
  PROP_ETAG,
  PROP_HREF,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
closeness_event_update_from (ClosenessRecord *record,
                             ClosenessRecord *other_record)
{
  ClosenessEvent *self = (ClosenessEvent *) record;
  ClosenessEvent *other = (ClosenessEvent *) other_record;
  GObject *object = G_OBJECT (self);

  g_object_freeze_notify (object);
  _closeness_record_set_string (object, &self->uid, other->uid, properties[PROP_UID]);
  _closeness_record_set_string (object, &self->recurrence_id, other->recurrence_id,
                                properties[PROP_RECURRENCE_ID]);
  _closeness_record_set_string (object, &self->summary, other->summary, properties[PROP_SUMMARY]);
  _closeness_record_set_string (object, &self->dtstart, other->dtstart, properties[PROP_DTSTART]);
  _closeness_record_set_string (object, &self->tzid, other->tzid, properties[PROP_TZID]);
  _closeness_record_set_int (object, &self->duration_minutes, other->duration_minutes,
                             properties[PROP_DURATION_MINUTES]);
  _closeness_record_set_string (object, &self->rrule, other->rrule, properties[PROP_RRULE]);
  _closeness_record_set_string (object, &self->exdates, other->exdates, properties[PROP_EXDATES]);
  _closeness_record_set_int (object, &self->planned_by, other->planned_by,
                             properties[PROP_PLANNED_BY]);
  _closeness_record_set_int64 (object, &self->deck_id, other->deck_id, properties[PROP_DECK_ID]);
  _closeness_record_set_string (object, &self->notes, other->notes, properties[PROP_NOTES]);
  _closeness_record_set_string (object, &self->ical_raw, other->ical_raw,
                                properties[PROP_ICAL_RAW]);
  _closeness_record_set_string (object, &self->etag, other->etag, properties[PROP_ETAG]);
  _closeness_record_set_string (object, &self->href, other->href, properties[PROP_HREF]);
  _closeness_record_set_int64 (object, &self->updated_at, other->updated_at,
                               properties[PROP_UPDATED_AT]);
  g_object_thaw_notify (object);
}

static void
closeness_event_finalize (GObject *object)
{
  ClosenessEvent *self = (ClosenessEvent *) object;

  g_clear_pointer (&self->uid, g_free);
  g_clear_pointer (&self->recurrence_id, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->dtstart, g_free);
  g_clear_pointer (&self->tzid, g_free);
  g_clear_pointer (&self->rrule, g_free);
  g_clear_pointer (&self->exdates, g_free);
  g_clear_pointer (&self->notes, g_free);
  g_clear_pointer (&self->ical_raw, g_free);
  g_clear_pointer (&self->etag, g_free);
  g_clear_pointer (&self->href, g_free);

  G_OBJECT_CLASS (closeness_event_parent_class)->finalize (object);
}

static void
closeness_event_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ClosenessEvent *self = (ClosenessEvent *) object;

  switch (prop_id)
    {
    case PROP_UID:
      g_value_set_string (value, self->uid);
      break;

    case PROP_RECURRENCE_ID:
      g_value_set_string (value, self->recurrence_id);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    case PROP_DTSTART:
      g_value_set_string (value, self->dtstart);
      break;

    case PROP_TZID:
      g_value_set_string (value, self->tzid);
      break;

    case PROP_DURATION_MINUTES:
      g_value_set_int (value, self->duration_minutes);
      break;

    case PROP_RRULE:
      g_value_set_string (value, self->rrule);
      break;

    case PROP_EXDATES:
      g_value_set_string (value, self->exdates);
      break;

    case PROP_PLANNED_BY:
      g_value_set_enum (value, self->planned_by);
      break;

    case PROP_DECK_ID:
      g_value_set_int64 (value, self->deck_id);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_ICAL_RAW:
      g_value_set_string (value, self->ical_raw);
      break;

    case PROP_ETAG:
      g_value_set_string (value, self->etag);
      break;

    case PROP_HREF:
      g_value_set_string (value, self->href);
      break;

    case PROP_UPDATED_AT:
      g_value_set_int64 (value, self->updated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_event_class_init (ClosenessEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ClosenessRecordClass *record_class = CLOSENESS_RECORD_CLASS (klass);

  object_class->finalize = closeness_event_finalize;
  object_class->get_property = closeness_event_get_property;

  record_class->update_from = closeness_event_update_from;

  /* the iCalendar UID */
  properties[PROP_UID] =
    g_param_spec_string ("uid", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* "" for a series or single event, else the RECURRENCE-ID it overrides */
  properties[PROP_RECURRENCE_ID] =
    g_param_spec_string ("recurrence-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* the title */
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* local start 'YYYY-MM-DDTHH:MM:SS' (or 'YYYY-MM-DD' all day) in tzid */
  properties[PROP_DTSTART] =
    g_param_spec_string ("dtstart", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* an IANA time zone, or "" for floating time */
  properties[PROP_TZID] =
    g_param_spec_string ("tzid", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* length in minutes */
  properties[PROP_DURATION_MINUTES] =
    g_param_spec_int ("duration-minutes", NULL, NULL,
                      G_MININT, G_MAXINT, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* an iCalendar RRULE value, or "" */
  properties[PROP_RRULE] =
    g_param_spec_string ("rrule", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* comma separated excluded starts, or "" */
  properties[PROP_EXDATES] =
    g_param_spec_string ("exdates", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* a #ClosenessPlannedBy */
  properties[PROP_PLANNED_BY] =
    g_param_spec_enum ("planned-by", NULL, NULL,
                       CLOSENESS_TYPE_PLANNED_BY, CLOSENESS_PLANNED_BY_PARTNER_1,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /* tonight's topic deck, or 0 */
  properties[PROP_DECK_ID] =
    g_param_spec_int64 ("deck-id", NULL, NULL,
                        G_MININT64, G_MAXINT64, 0,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* notes */
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* the raw VEVENT as last imported or synced, or NULL */
  properties[PROP_ICAL_RAW] =
    g_param_spec_string ("ical-raw", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* the CalDAV ETag, or NULL */
  properties[PROP_ETAG] =
    g_param_spec_string ("etag", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* the CalDAV resource, or NULL */
  properties[PROP_HREF] =
    g_param_spec_string ("href", NULL, NULL,
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
closeness_event_init (ClosenessEvent *self)
{
}

/* Builds a record from a row whose columns are: id, then the fields in the
 * order of the struct (see closeness-event-private.h). */
ClosenessRecord *
_closeness_event_new_from_stmt (sqlite3_stmt *stmt)
{
  ClosenessEvent *self;

  self = g_object_new (CLOSENESS_TYPE_EVENT,
                       "id", (gint64) sqlite3_column_int64 (stmt, 0),
                       NULL);

  self->uid = _closeness_record_column_dup (stmt, 1);
  self->recurrence_id = _closeness_record_column_dup (stmt, 2);
  self->summary = _closeness_record_column_dup (stmt, 3);
  self->dtstart = _closeness_record_column_dup (stmt, 4);
  self->tzid = _closeness_record_column_dup (stmt, 5);
  self->duration_minutes = sqlite3_column_int (stmt, 6);
  self->rrule = _closeness_record_column_dup (stmt, 7);
  self->exdates = _closeness_record_column_dup (stmt, 8);
  self->planned_by = sqlite3_column_int (stmt, 9);
  self->deck_id = sqlite3_column_int64 (stmt, 10);
  self->notes = _closeness_record_column_dup (stmt, 11);
  self->ical_raw = _closeness_record_column_dup (stmt, 12);
  self->etag = _closeness_record_column_dup (stmt, 13);
  self->href = _closeness_record_column_dup (stmt, 14);
  self->updated_at = sqlite3_column_int64 (stmt, 15);

  return CLOSENESS_RECORD (self);
}

/**
 * closeness_event_get_uid:
 *
 * Returns: the iCalendar UID
 */
const char *
closeness_event_get_uid (ClosenessEvent *self)
{
  g_return_val_if_fail (CLOSENESS_IS_EVENT (self), NULL);

  return self->uid;
}

/**
 * closeness_event_get_recurrence_id:
 *
 * Returns: "" for a series or single event, else the RECURRENCE-ID it overrides
 */
const char *
closeness_event_get_recurrence_id (ClosenessEvent *self)
{
  g_return_val_if_fail (CLOSENESS_IS_EVENT (self), NULL);

  return self->recurrence_id;
}

/**
 * closeness_event_get_summary:
 *
 * Returns: the title
 */
const char *
closeness_event_get_summary (ClosenessEvent *self)
{
  g_return_val_if_fail (CLOSENESS_IS_EVENT (self), NULL);

  return self->summary;
}

/**
 * closeness_event_get_dtstart:
 *
 * Returns: local start 'YYYY-MM-DDTHH:MM:SS' (or 'YYYY-MM-DD' all day) in tzid
 */
const char *
closeness_event_get_dtstart (ClosenessEvent *self)
{
  g_return_val_if_fail (CLOSENESS_IS_EVENT (self), NULL);

  return self->dtstart;
}

/**
 * closeness_event_get_tzid:
 *
 * Returns: an IANA time zone, or "" for floating time
 */
const char *
closeness_event_get_tzid (ClosenessEvent *self)
{
  g_return_val_if_fail (CLOSENESS_IS_EVENT (self), NULL);

  return self->tzid;
}

/**
 * closeness_event_get_duration_minutes:
 *
 * Returns: length in minutes
 */
int
closeness_event_get_duration_minutes (ClosenessEvent *self)
{
  g_return_val_if_fail (CLOSENESS_IS_EVENT (self), 0);

  return self->duration_minutes;
}

/**
 * closeness_event_get_rrule:
 *
 * Returns: an iCalendar RRULE value, or ""
 */
const char *
closeness_event_get_rrule (ClosenessEvent *self)
{
  g_return_val_if_fail (CLOSENESS_IS_EVENT (self), NULL);

  return self->rrule;
}

/**
 * closeness_event_get_exdates:
 *
 * Returns: comma separated excluded starts, or ""
 */
const char *
closeness_event_get_exdates (ClosenessEvent *self)
{
  g_return_val_if_fail (CLOSENESS_IS_EVENT (self), NULL);

  return self->exdates;
}

/**
 * closeness_event_get_planned_by:
 *
 * Returns: a #ClosenessPlannedBy
 */
int
closeness_event_get_planned_by (ClosenessEvent *self)
{
  g_return_val_if_fail (CLOSENESS_IS_EVENT (self), 0);

  return self->planned_by;
}

/**
 * closeness_event_get_deck_id:
 *
 * Returns: tonight's topic deck, or 0
 */
gint64
closeness_event_get_deck_id (ClosenessEvent *self)
{
  g_return_val_if_fail (CLOSENESS_IS_EVENT (self), 0);

  return self->deck_id;
}

/**
 * closeness_event_get_notes:
 *
 * Returns: notes
 */
const char *
closeness_event_get_notes (ClosenessEvent *self)
{
  g_return_val_if_fail (CLOSENESS_IS_EVENT (self), NULL);

  return self->notes;
}

/**
 * closeness_event_get_ical_raw:
 *
 * Returns: the raw VEVENT as last imported or synced, or NULL
 */
const char *
closeness_event_get_ical_raw (ClosenessEvent *self)
{
  g_return_val_if_fail (CLOSENESS_IS_EVENT (self), NULL);

  return self->ical_raw;
}

/**
 * closeness_event_get_etag:
 *
 * Returns: the CalDAV ETag, or NULL
 */
const char *
closeness_event_get_etag (ClosenessEvent *self)
{
  g_return_val_if_fail (CLOSENESS_IS_EVENT (self), NULL);

  return self->etag;
}

/**
 * closeness_event_get_href:
 *
 * Returns: the CalDAV resource, or NULL
 */
const char *
closeness_event_get_href (ClosenessEvent *self)
{
  g_return_val_if_fail (CLOSENESS_IS_EVENT (self), NULL);

  return self->href;
}

/**
 * closeness_event_get_info:
 * @info: (out caller-allocates): filled with the event's fields, as
 *   closeness_store_update_event() takes them
 *
 * The strings belong to @self and stay valid while it is unchanged.
 */
void
closeness_event_get_info (ClosenessEvent     *self,
                          ClosenessEventInfo *info)
{
  g_return_if_fail (CLOSENESS_IS_EVENT (self));
  g_return_if_fail (info != NULL);

  memset (info, 0, sizeof *info);
  info->uid = closeness_event_get_uid (self);
  info->recurrence_id = closeness_event_get_recurrence_id (self);
  info->summary = closeness_event_get_summary (self);
  info->dtstart = closeness_event_get_dtstart (self);
  info->tzid = closeness_event_get_tzid (self);
  info->duration_minutes = closeness_event_get_duration_minutes (self);
  info->rrule = closeness_event_get_rrule (self);
  info->exdates = closeness_event_get_exdates (self);
  info->planned_by = closeness_event_get_planned_by (self);
  info->deck_id = closeness_event_get_deck_id (self);
  info->notes = closeness_event_get_notes (self);
  info->ical_raw = closeness_event_get_ical_raw (self);
  info->etag = closeness_event_get_etag (self);
  info->href = closeness_event_get_href (self);
}
