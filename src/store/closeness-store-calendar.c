/* closeness-store-calendar.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "closeness-event-private.h"
#include "closeness-reminder-private.h"
#include "closeness-store-records-private.h"
#include "closeness-time.h"

/* The records of the calendar: events (one by one and in batches), their
 * reminders and activity reminders, and the month view's query. */

#define EVENT_FIELDS \
  "id, uid, recurrence_id, summary, dtstart, tzid, duration_minutes, rrule, exdates, " \
  "  planned_by, coalesce(deck_id, 0), notes, ical_raw, etag, href, updated_at "

#define EVENT_COLUMNS "SELECT " EVENT_FIELDS "FROM events "

#define REMINDER_COLUMNS \
  "SELECT id, coalesce(event_id, 0), coalesce(activity_id, 0), offset_minutes, time_of_day, " \
  "  weekdays, coalesce(snoozed_until, 0), coalesce(last_fired_at, 0), enabled FROM reminders "

static gboolean
check_dtstart (const char  *dtstart,
               GError     **error)
{
  g_autofree char *day = NULL;
  int h, mi, s;

  if (dtstart == NULL)
    return _store_invalid (error, _("The start is not valid."));

  if (strlen (dtstart) == 10)
    return _store_check_calendar_day (dtstart, error);

  if (strlen (dtstart) != 19 || dtstart[10] != 'T' || dtstart[13] != ':' || dtstart[16] != ':')
    return _store_invalid (error, _("The start is not valid."));

  day = g_strndup (dtstart, 10);

  if (!_store_check_calendar_day (day, NULL) ||
      !_store_parse_digits (dtstart + 11, 2, &h) || !_store_parse_digits (dtstart + 14, 2, &mi) ||
      !_store_parse_digits (dtstart + 17, 2, &s) || h > 23 || mi > 59 || s > 59)
    return _store_invalid (error, _("The start is not valid."));

  return TRUE;
}

/* @known: NULL, or names already found good (GLib reads the zone file
 * again for every lookup once a zone is unreferenced, which adds up for a
 * batch of thousands of events). */
static gboolean
check_tzid (const char  *tzid,
            GHashTable  *known,
            GError     **error)
{
  GTimeZone *tz;

  if (tzid == NULL || tzid[0] == '\0')
    return TRUE;

  if (known != NULL && g_hash_table_contains (known, tzid))
    return TRUE;

  if (strlen (tzid) > 64 || !g_utf8_validate (tzid, -1, NULL))
    return _store_invalid (error, _("The time zone is not known."));

  tz = g_time_zone_new_identifier (tzid);
  if (tz == NULL)
    return _store_invalid (error, _("The time zone is not known."));

  g_time_zone_unref (tz);

  if (known != NULL)
    g_hash_table_add (known, g_strdup (tzid));

  return TRUE;
}

/* The same rules for a whole-data import (closeness-store-import.c). */
gboolean
_closeness_store_check_dtstart (const char *dtstart)
{
  return check_dtstart (dtstart, NULL);
}

gboolean
_closeness_store_check_tzid (const char *tzid,
                             GHashTable *known)
{
  return check_tzid (tzid, known, NULL);
}

/**
 * closeness_store_get_events:
 *
 * Returns: (transfer none): every event (#ClosenessEvent) by start; the
 *   calendar expands recurrences itself
 */
GListModel *
closeness_store_get_events (ClosenessStore *self)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (self->events == NULL)
    self->events = _store_new_list (self, CLOSENESS_TYPE_EVENT, _closeness_event_new_from_stmt,
                                    STORE_TABLE_EVENTS,
                                    EVENT_COLUMNS "WHERE deleted_at IS NULL ORDER BY dtstart, id",
                                    NULL);

  return G_LIST_MODEL (self->events);
}

/**
 * closeness_store_get_reminded_events:
 *
 * What the reminders need of the calendar: the events a reminder rings for
 * (enabled or not) and the edited occurrences of their series (the same
 * uid), by start. Follows closeness_store_get_events() and the reminders;
 * years of evenings without a reminder stay on disk.
 *
 * Returns: (transfer none): the events (#ClosenessEvent) reminders refer to
 */
GListModel *
closeness_store_get_reminded_events (ClosenessStore *self)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (self->reminded_events == NULL)
    self->reminded_events =
      _store_new_list (self, CLOSENESS_TYPE_EVENT, _closeness_event_new_from_stmt,
                       STORE_TABLE_EVENTS | STORE_TABLE_REMINDERS,
                       EVENT_COLUMNS
                       "WHERE deleted_at IS NULL "
                       "  AND (id IN (SELECT event_id FROM reminders WHERE event_id IS NOT NULL) "
                       "       OR uid IN (SELECT e.uid FROM events e "
                       "                  JOIN reminders r ON r.event_id = e.id "
                       "                  WHERE e.uid IS NOT NULL AND e.uid != '')) "
                       "ORDER BY dtstart, id",
                       NULL);

  return G_LIST_MODEL (self->reminded_events);
}

static gboolean
check_optional_text (const char  *text,
                     GError     **error)
{
  return text == NULL ||
         _store_check_text (text, 0, CLOSENESS_STORE_MAX_TEXT, _("A text is too long."), error);
}

static gboolean
check_event_info_full (const ClosenessEventInfo  *info,
                       GHashTable                *known_zones,
                       char                     **summary,
                       GError                   **error)
{
  if (info == NULL)
    return _store_invalid (error, _("The event is not valid."));

  if (!_store_check_name (info->summary, CLOSENESS_STORE_MAX_TITLE, summary, error))
    return FALSE;

  if (!check_dtstart (info->dtstart, error) || !check_tzid (info->tzid, known_zones, error)
      || !check_optional_text (info->notes, error) || !check_optional_text (info->ical_raw, error)
      || !check_optional_text (info->rrule, error) || !check_optional_text (info->exdates, error)
      || !check_optional_text (info->etag, error) || !check_optional_text (info->href, error)
      || !check_optional_text (info->recurrence_id, error)
      || (info->uid != NULL
          && !_store_check_text (info->uid, 1, 1000, _("The event id is not valid."), error)))
    goto fail;

  if (info->duration_minutes < 1 || info->duration_minutes > CLOSENESS_STORE_MAX_DURATION_MINUTES)
    {
      _store_invalid (error, _("The length must be between one minute and one year."));
      goto fail;
    }

  if (info->planned_by < CLOSENESS_PLANNED_BY_NOBODY
      || info->planned_by > CLOSENESS_PLANNED_BY_BOTH)
    {
      _store_invalid (error, _("The event is not valid."));
      goto fail;
    }

  if (info->deck_id < 0)
    {
      _store_invalid (error, _("The event is not valid."));
      goto fail;
    }

  return TRUE;

fail:
  g_clear_pointer (summary, g_free);
  return FALSE;
}

static gboolean
check_event_info (const ClosenessEventInfo  *info,
                  char                     **summary,
                  GError                   **error)
{
  return check_event_info_full (info, NULL, summary, error);
}

static GVariant *
maybe_id (gint64 id)
{
  return g_variant_new_maybe (G_VARIANT_TYPE_INT64, id > 0 ? g_variant_new_int64 (id) : NULL);
}

/* The event's iCalendar UID, or a new random one for a new event. */
static char *
dup_event_uid (const ClosenessEventInfo *info)
{
  g_autofree char *random = NULL;

  if (info->uid != NULL)
    return g_strdup (info->uid);

  random = g_uuid_string_random ();

  return g_strconcat (random, "@closeness", NULL);
}

/* The columns uid … href of an event, in the order the INSERT and the UPDATE
 * name them (?1 … ?14): @uid first, then @info's fields with its @summary as
 * checked. */
static void
event_info_to_params (const ClosenessEventInfo  *info,
                      GVariant                  *uid,
                      const char                *summary,
                      GVariant                 **params)
{
  params[0] = uid;
  params[1] = g_variant_new_string (info->recurrence_id ? info->recurrence_id : "");
  params[2] = g_variant_new_string (summary);
  params[3] = g_variant_new_string (info->dtstart);
  params[4] = g_variant_new_string (info->tzid ? info->tzid : "");
  params[5] = g_variant_new_int64 (info->duration_minutes);
  params[6] = g_variant_new_string (info->rrule ? info->rrule : "");
  params[7] = g_variant_new_string (info->exdates ? info->exdates : "");
  params[8] = g_variant_new_int64 (info->planned_by);
  params[9] = maybe_id (info->deck_id);
  params[10] = g_variant_new_string (info->notes ? info->notes : "");
  params[11] = _store_maybe_string (info->ical_raw);
  params[12] = _store_maybe_string (info->etag);
  params[13] = _store_maybe_string (info->href);
}

/**
 * closeness_store_create_event:
 *
 * Returns: (transfer full): the new event
 */
ClosenessEvent *
closeness_store_create_event (ClosenessStore            *self,
                              const ClosenessEventInfo  *info,
                              GError                   **error)
{
  g_autofree char *summary = NULL;
  g_autofree char *uid = NULL;
  GVariant *params[17];
  StoreWrite *write;
  gint64 now = _store_now_unix ();
  gint64 id;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (!check_event_info (info, &summary, error))
    return NULL;

  uid = dup_event_uid (info);
  closeness_store_get_events (self);

  event_info_to_params (info, g_variant_new_string (uid), summary, params);
  params[14] = g_variant_new_int64 (now);

  write = _store_write_new (STORE_TABLE_EVENTS, _("The event could not be saved."));
  _store_write_add (write, FALSE,
                    "INSERT INTO events (uid, recurrence_id, summary, dtstart, tzid, "
                    "  duration_minutes, rrule, exdates, planned_by, deck_id, notes, ical_raw, "
                    "  etag, href, created_at, updated_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15) "
                    "RETURNING id",
                    g_variant_new_tuple (params, 15));
  _store_queue_sync_uid (self, write, uid);

  if (!(id = _store_run_for_id (self, write, error)))
    return NULL;

  return _store_ref_from_list (self->events, id);
}

gboolean
closeness_store_update_event (ClosenessStore            *self,
                              gint64                     event_id,
                              const ClosenessEventInfo  *info,
                              GError                   **error)
{
  g_autofree char *summary = NULL;
  GVariant *params[16];
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (!_store_check_id (event_id, error) || !check_event_info (info, &summary, error))
    return FALSE;

  event_info_to_params (info, _store_maybe_string (info->uid), summary, params);
  params[14] = g_variant_new_int64 (_store_now_unix ());
  params[15] = g_variant_new_int64 (event_id);

  write = _store_write_new (STORE_TABLE_EVENTS, _("The event could not be saved."));
  _store_write_add (write, TRUE,
                    "UPDATE events SET uid = coalesce (?1, uid), recurrence_id = ?2, summary = ?3, "
                    "  dtstart = ?4, tzid = ?5, duration_minutes = ?6, rrule = ?7, exdates = ?8, "
                    "  planned_by = ?9, deck_id = ?10, notes = ?11, ical_raw = ?12, etag = ?13, "
                    "  href = ?14, updated_at = ?15 "
                    "WHERE id = ?16",
                    g_variant_new_tuple (params, 16));
  _store_queue_sync_event (self, write, event_id);

  return _closeness_store_run (self, write, error);
}

/* A deleted evening stays in the table (Undo) and, when the calendar is
 * synced, is queued to be deleted on the server too. */
static gboolean
set_event_deleted (ClosenessStore  *self,
                   gint64           event_id,
                   gboolean         deleted,
                   const char      *what,
                   GError         **error)
{
  StoreWrite *write;

  if (!_store_check_id (event_id, error))
    return FALSE;

  write = _store_write_new (STORE_TABLE_EVENTS, what);
  _store_write_add (write, TRUE,
                    deleted
                      ? "UPDATE events SET deleted_at = CAST (strftime ('%s', 'now') AS INTEGER) "
                        "WHERE id = ? AND deleted_at IS NULL"
                      : "UPDATE events SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL",
                    g_variant_new ("(x)", event_id));
  _store_queue_sync_event (self, write, event_id);

  return _closeness_store_run (self, write, error);
}

gboolean
closeness_store_delete_event (ClosenessStore  *self,
                              gint64           event_id,
                              GError         **error)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  return set_event_deleted (self, event_id, TRUE, _("The event could not be deleted."), error);
}

gboolean
closeness_store_undelete_event (ClosenessStore  *self,
                                gint64           event_id,
                                GError         **error)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  return set_event_deleted (self, event_id, FALSE, _("The event could not be restored."), error);
}

/* Many events at once (imports, later calendar sync) */

#define MAX_EVENT_REMINDER_OFFSET (4 * 7 * 24 * 60)

static gboolean
check_reminders (const ClosenessEventReminders  *reminders,
                 GError                        **error)
{
  if (reminders == NULL)
    return TRUE;

  if (reminders->n_offsets > CLOSENESS_STORE_MAX_EVENT_REMINDERS)
    return _store_invalid (error, _("The event has too many reminders."));

  if (reminders->n_offsets > 0 && reminders->offsets == NULL)
    return _store_invalid (error, _("The reminder time is not valid."));

  for (guint i = 0; i < reminders->n_offsets; i++)
    {
      if (reminders->offsets[i] < 0 || reminders->offsets[i] > MAX_EVENT_REMINDER_OFFSET)
        return _store_invalid (error, _("The reminder time is not valid."));
    }

  return TRUE;
}

/**
 * closeness_store_check_event:
 * @info: an event
 * @reminders: (nullable): its reminders
 * @error: set to a %CLOSENESS_STORE_ERROR_INVALID_INPUT error
 *
 * Checks @info and @reminders as closeness_store_create_event() and
 * closeness_store_add_events() do, without a store (importers use it to
 * make sure they only produce what the store accepts).
 */
gboolean
closeness_store_check_event (const ClosenessEventInfo       *info,
                             const ClosenessEventReminders  *reminders,
                             GError                        **error)
{
  g_autofree char *summary = NULL;

  return check_event_info (info, &summary, error) && check_reminders (reminders, error);
}

typedef struct
{
  gint64 offset_index;     /* into EventBatch.offsets */
  guint  n_offsets;
} BatchReminders;

/* A checked, owned copy of the caller's events: the summaries are the
 * trimmed ones, and the write can stay pending (disk full) after the call. */
typedef struct
{
  GArray       *events;       /* ClosenessEventInfo, strings in @strings */
  GArray       *reminders;    /* BatchReminders per event, or NULL: keep reminders */
  GArray       *offsets;      /* int */
  GStringChunk *strings;
  guint        *counts;       /* the caller's n_added, n_updated while it waits; NULL later */
  gboolean      queue_sync;   /* changes made here: queue them for the synced calendar */
} EventBatch;

static void
event_batch_free (gpointer data)
{
  EventBatch *batch = data;

  g_clear_pointer (&batch->events, g_array_unref);
  g_clear_pointer (&batch->reminders, g_array_unref);
  g_clear_pointer (&batch->offsets, g_array_unref);
  g_clear_pointer (&batch->strings, g_string_chunk_free);
  g_free (batch);
}

/* The data is owned already; a write kept for later has no caller to report to. */
static gpointer
event_batch_detach (gpointer data)
{
  EventBatch *batch = data;

  batch->counts = NULL;

  return batch;
}

static const char *
batch_string (EventBatch *batch,
              const char *text)
{
  return text != NULL ? g_string_chunk_insert (batch->strings, text) : NULL;
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

#define EVENT_UPSERT \
  "INSERT INTO events (uid, recurrence_id, summary, dtstart, tzid, duration_minutes, rrule, " \
  "  exdates, planned_by, deck_id, notes, ical_raw, etag, href, created_at, updated_at) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15) " \
  "ON CONFLICT (uid, recurrence_id) DO UPDATE SET summary = excluded.summary, " \
  "  dtstart = excluded.dtstart, tzid = excluded.tzid, " \
  "  duration_minutes = excluded.duration_minutes, rrule = excluded.rrule, " \
  "  exdates = excluded.exdates, planned_by = excluded.planned_by, " \
  "  deck_id = excluded.deck_id, notes = excluded.notes, ical_raw = excluded.ical_raw, " \
  "  etag = coalesce (excluded.etag, etag), href = coalesce (excluded.href, href), " \
  "  updated_at = excluded.updated_at, deleted_at = NULL " \
  "RETURNING id"

/* Whether event @id has exactly the reminder offsets @mine gives. */
static gboolean
same_offsets (sqlite3_stmt         *offsets,
              gint64                id,
              EventBatch           *batch,
              const BatchReminders *mine)
{
  g_autoptr(GArray) stored = g_array_new (FALSE, FALSE, sizeof (int));
  gboolean same = TRUE;

  sqlite3_bind_int64 (offsets, 1, id);
  while (sqlite3_step (offsets) == SQLITE_ROW)
    {
      int offset = sqlite3_column_int (offsets, 0);

      g_array_append_val (stored, offset);
    }
  sqlite3_reset (offsets);

  if (stored->len != mine->n_offsets)
    return FALSE;
  for (guint j = 0; j < mine->n_offsets && same; j++)
    {
      int offset = g_array_index (batch->offsets, int, mine->offset_index + j);
      gboolean found = FALSE;

      for (guint k = 0; k < stored->len; k++)
        found |= g_array_index (stored, int, k) == offset;
      same = found;
    }

  return same;
}

/* Runs inside the store's BEGIN IMMEDIATE … COMMIT. */
static gboolean
insert_event_batch (sqlite3   *db,
                    gpointer   data,
                    gint64    *result_id,
                    GError   **error)
{
  EventBatch *batch = data;
  sqlite3_stmt *exists = NULL, *upsert = NULL, *clear = NULL, *remind = NULL;
  sqlite3_stmt *offsets = NULL, *outbox = NULL;
  gint64 now = _store_now_unix ();
  guint n_added = 0, n_updated = 0;
  int rc;

  if ((rc = sqlite3_prepare_v2 (db,
                                "SELECT 1 FROM events "
                                "WHERE uid = ?1 AND recurrence_id = ?2 AND deleted_at IS NULL",
                                -1, &exists, NULL)) == SQLITE_OK &&
      (rc = sqlite3_prepare_v2 (db, EVENT_UPSERT, -1, &upsert, NULL)) == SQLITE_OK &&
      (rc = sqlite3_prepare_v2 (db, "DELETE FROM reminders WHERE event_id = ?1",
                                -1, &clear, NULL)) == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "INSERT INTO reminders (event_id, offset_minutes) VALUES (?1, ?2)",
                             -1, &remind, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT offset_minutes FROM reminders WHERE event_id = ?1 "
                                 "ORDER BY offset_minutes", -1, &offsets, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, _STORE_QUEUE_SYNC_UID_SQL, -1, &outbox, NULL);

  for (guint i = 0; rc == SQLITE_OK && i < batch->events->len; i++)
    {
      const ClosenessEventInfo *info = &g_array_index (batch->events, ClosenessEventInfo, i);
      gboolean existed;
      gint64 id;

      sqlite3_bind_text (exists, 1, info->uid, -1, SQLITE_STATIC);
      sqlite3_bind_text (exists, 2, info->recurrence_id, -1, SQLITE_STATIC);
      rc = sqlite3_step (exists);
      existed = rc == SQLITE_ROW;
      rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode (db);
      sqlite3_reset (exists);
      if (rc != SQLITE_OK)
        break;

      sqlite3_bind_text (upsert, 1, info->uid, -1, SQLITE_STATIC);
      sqlite3_bind_text (upsert, 2, info->recurrence_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (upsert, 3, info->summary, -1, SQLITE_STATIC);
      sqlite3_bind_text (upsert, 4, info->dtstart, -1, SQLITE_STATIC);
      sqlite3_bind_text (upsert, 5, info->tzid, -1, SQLITE_STATIC);
      sqlite3_bind_int (upsert, 6, info->duration_minutes);
      sqlite3_bind_text (upsert, 7, info->rrule, -1, SQLITE_STATIC);
      sqlite3_bind_text (upsert, 8, info->exdates, -1, SQLITE_STATIC);
      sqlite3_bind_int (upsert, 9, info->planned_by);
      if (info->deck_id > 0)
        sqlite3_bind_int64 (upsert, 10, info->deck_id);
      else
        sqlite3_bind_null (upsert, 10);
      sqlite3_bind_text (upsert, 11, info->notes, -1, SQLITE_STATIC);
      bind_text_or_null (upsert, 12, info->ical_raw);
      bind_text_or_null (upsert, 13, info->etag);
      bind_text_or_null (upsert, 14, info->href);
      sqlite3_bind_int64 (upsert, 15, now);

      rc = sqlite3_step (upsert);
      if (rc != SQLITE_ROW)
        {
          rc = rc == SQLITE_DONE ? SQLITE_INTERNAL : sqlite3_extended_errcode (db);
          sqlite3_reset (upsert);
          break;
        }
      id = sqlite3_column_int64 (upsert, 0);
      /* Finish the statement before the next one touches the table. */
      rc = sqlite3_step (upsert);
      rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode (db);
      sqlite3_reset (upsert);
      if (rc != SQLITE_OK)
        break;

      if (batch->queue_sync)
        {
          sqlite3_bind_text (outbox, 1, info->uid, -1, SQLITE_STATIC);
          rc = sqlite3_step (outbox);
          rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode (db);
          sqlite3_reset (outbox);
          if (rc != SQLITE_OK)
            break;
        }

      /* The same reminders again keep their rows: what has rung stays rung. */
      if (batch->reminders != NULL &&
          same_offsets (offsets, id, batch,
                        &g_array_index (batch->reminders, BatchReminders, i)))
        ;
      else if (batch->reminders != NULL)
        {
          const BatchReminders *mine = &g_array_index (batch->reminders, BatchReminders, i);

          sqlite3_bind_int64 (clear, 1, id);
          rc = sqlite3_step (clear);
          rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode (db);
          sqlite3_reset (clear);

          for (guint j = 0; rc == SQLITE_OK && j < mine->n_offsets; j++)
            {
              sqlite3_bind_int64 (remind, 1, id);
              sqlite3_bind_int (remind, 2, g_array_index (batch->offsets, int,
                                                           mine->offset_index + j));
              rc = sqlite3_step (remind);
              rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode (db);
              sqlite3_reset (remind);
            }
        }

      if (existed)
        n_updated++;
      else
        n_added++;
    }

  sqlite3_finalize (exists);
  sqlite3_finalize (upsert);
  sqlite3_finalize (clear);
  sqlite3_finalize (remind);
  sqlite3_finalize (offsets);
  sqlite3_finalize (outbox);

  if (!_store_finish_batch (db, rc, batch->counts, n_added, n_updated,
                            _("The events could not be saved."), error))
    return FALSE;

  *result_id = batch->events->len;

  return TRUE;
}

/**
 * closeness_store_add_events:
 * @events: (array length=n_events): the events
 * @n_events: how many
 * @reminders: (array length=n_events) (nullable): the reminders of each
 *   event, replacing those it had; %NULL leaves every event's reminders as
 *   they are (new events get none)
 * @n_added: (out) (optional): events that were new (or deleted before)
 * @n_updated: (out) (optional): events that replaced one with the same
 *   `uid` and `recurrence_id`
 * @error: return location for a #GError
 *
 * Saves many events and their reminders in one transaction (imports): all
 * or nothing. Every event is checked first; one invalid event refuses the
 * whole batch and nothing is written. An event whose `uid` and
 * `recurrence_id` are already stored replaces that row (its id, etag and
 * href stay unless @events gives new ones); a `uid` of %NULL gets a new one.
 *
 * Like every write, a batch that cannot be saved now (disk full, read-only
 * folder) is kept and retried; the call then returns %FALSE and the counts
 * are 0.
 */
gboolean
closeness_store_add_events (ClosenessStore                 *self,
                            const ClosenessEventInfo       *events,
                            guint                           n_events,
                            const ClosenessEventReminders  *reminders,
                            guint                          *n_added,
                            guint                          *n_updated,
                            GError                        **error)
{
  g_autoptr(GHashTable) known_zones = NULL;
  EventBatch *batch;
  StoreWrite *write;
  guint counts[2] = { 0, 0 };

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (n_added != NULL)
    *n_added = 0;
  if (n_updated != NULL)
    *n_updated = 0;

  if (n_events == 0)
    return TRUE;

  if (events == NULL)
    return _store_invalid (error, _("The events are not valid."));

  known_zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  batch = g_new0 (EventBatch, 1);
  batch->queue_sync = !self->sync_applying;
  batch->events = g_array_sized_new (FALSE, TRUE, sizeof (ClosenessEventInfo), n_events);
  batch->strings = g_string_chunk_new (64 * 1024);
  if (reminders != NULL)
    {
      batch->reminders = g_array_sized_new (FALSE, TRUE, sizeof (BatchReminders), n_events);
      batch->offsets = g_array_new (FALSE, FALSE, sizeof (int));
    }

  for (guint i = 0; i < n_events; i++)
    {
      const ClosenessEventInfo *info = &events[i];
      g_autofree char *summary = NULL;
      g_autofree char *uid = NULL;
      ClosenessEventInfo copy = { 0, };

      if (!check_event_info_full (info, known_zones, &summary, error) ||
          !check_reminders (reminders != NULL ? &reminders[i] : NULL, error))
        {
          event_batch_free (batch);
          return FALSE;
        }

      uid = dup_event_uid (info);

      copy.uid = batch_string (batch, uid);
      copy.recurrence_id = batch_string (batch, info->recurrence_id ? info->recurrence_id : "");
      copy.summary = batch_string (batch, summary);
      copy.dtstart = batch_string (batch, info->dtstart);
      copy.tzid = batch_string (batch, info->tzid ? info->tzid : "");
      copy.duration_minutes = info->duration_minutes;
      copy.rrule = batch_string (batch, info->rrule ? info->rrule : "");
      copy.exdates = batch_string (batch, info->exdates ? info->exdates : "");
      copy.planned_by = info->planned_by;
      copy.deck_id = info->deck_id;
      copy.notes = batch_string (batch, info->notes ? info->notes : "");
      copy.ical_raw = batch_string (batch, info->ical_raw);
      copy.etag = batch_string (batch, info->etag);
      copy.href = batch_string (batch, info->href);
      g_array_append_val (batch->events, copy);

      if (reminders != NULL)
        {
          BatchReminders mine = { batch->offsets->len, reminders[i].n_offsets };

          if (mine.n_offsets > 0)
            g_array_append_vals (batch->offsets, reminders[i].offsets, mine.n_offsets);
          g_array_append_val (batch->reminders, mine);
        }
    }

  batch->counts = counts;

  write = _store_write_new (STORE_TABLE_EVENTS | STORE_TABLE_REMINDERS,
                            _("The events could not be saved."));
  write->func = insert_event_batch;
  write->data = batch;
  write->data_free = event_batch_free;
  write->data_own = event_batch_detach;

  return _store_run_batch (self, write, counts, n_added, n_updated, error);
}

/* The month view's query */

/* Seconds: offsets from UTC are within −12 h … +14 h, so a day of margin
 * covers every zone (and floating times read in any local zone). */
#define QUERY_ZONE_MARGIN   (24 * 60 * 60)
#define QUERY_LONGEST_EVENT ((gint64) CLOSENESS_STORE_MAX_DURATION_MINUTES * 60)
/* For an edited occurrence: how long the occurrence it replaces may have been. */
#define QUERY_REPLACED_MARGIN (7 * 24 * 60 * 60)
/* 1800-01-01 … 2300-01-01: well around what the store accepts (1900 … 2200). */
#define QUERY_EARLIEST      G_GINT64_CONSTANT (-5364662400)
#define QUERY_LATEST        G_GINT64_CONSTANT (10413792000)

/* Stored times are wall times ('YYYY-MM-DDTHH:MM:SS' or 'YYYY-MM-DD') that
 * compare as strings; the bounds are UTC wall times widened by the margins. */
#define EVENT_WINDOW_QUERY \
  "WITH series (id, uid) AS (" \
  "  SELECT id, uid FROM events " \
  "  WHERE rrule <> '' AND recurrence_id = '' AND dtstart < ?2 AND deleted_at IS NULL " \
  "    AND (instr (upper (rrule), 'UNTIL=') = 0 " \
  "         OR substr (upper (rrule), instr (upper (rrule), 'UNTIL=') + 6, 8) >= ?4)), " \
  "hits (hit) AS (" \
  "  SELECT id FROM series " \
  "  UNION " \
  "  SELECT id FROM events WHERE dtstart >= ?1 AND dtstart < ?2 " \
  "    AND unixepoch (dtstart) + 60 * duration_minutes > ?3 " \
  "  UNION " \
  "  SELECT e.id FROM series s CROSS JOIN events e " \
  "    ON e.uid = s.uid AND e.recurrence_id >= ?1 AND e.recurrence_id < ?2) " \
  /* CROSS JOIN: the few hits lead, events are looked up by id. */ \
  "SELECT " EVENT_FIELDS "FROM hits CROSS JOIN events ON events.id = hits.hit " \
  "WHERE deleted_at IS NULL ORDER BY dtstart, id"

/* Wall time 'YYYY-MM-DD[THH:MM:SS]' or an RRULE UNTIL 'YYYYMMDD[THHMMSS[Z]]'
 * as seconds since 1970 read as if in UTC. */
static gboolean
parse_wall (const char *text,
            gboolean    compact,
            gint64     *seconds,
            gboolean   *is_utc)
{
  g_autoptr(GDateTime) time = NULL;
  int y, mo, d, h = 0, mi = 0, sec = 0;
  guint date_len = compact ? 8 : 10;
  gsize len = strlen (text);

  *is_utc = FALSE;

  if (len < date_len ||
      !_store_parse_digits (text, 4, &y) ||
      !_store_parse_digits (text + (compact ? 4 : 5), 2, &mo) ||
      !_store_parse_digits (text + (compact ? 6 : 8), 2, &d))
    return FALSE;

  if (len > date_len && text[date_len] == 'T')
    {
      const char *t = text + date_len + 1;

      if (!_store_parse_digits (t, 2, &h) ||
          !_store_parse_digits (t + (compact ? 2 : 3), 2, &mi) ||
          !_store_parse_digits (t + (compact ? 4 : 6), 2, &sec))
        return FALSE;
      *is_utc = compact && t[6] == 'Z';
    }

  time = g_date_time_new_utc (y, mo, d, h, mi, sec);
  if (time == NULL)
    return FALSE;

  *seconds = g_date_time_to_unix (time);

  return TRUE;
}

static GTimeZone *
query_zone (GHashTable *zones,
            const char *tzid)
{
  GTimeZone *tz = g_hash_table_lookup (zones, tzid);

  if (tz == NULL)
    {
      /* Floating times (and unknown zones) are read in this computer's zone. */
      if (tzid[0] != '\0')
        tz = g_time_zone_new_identifier (tzid);
      if (tz == NULL)
        tz = g_time_zone_new_local ();
      g_hash_table_insert (zones, g_strdup (tzid), tz);
    }

  return tz;
}

/* Whether @event, as found by the SQL above (which has margins), can show in
 * [from, to): exact for single events, edited occurrences and the bounds
 * of a series (its first start and its UNTIL); the RRULE itself is left to
 * the expansion. An edited occurrence also counts when the occurrence it
 * replaces was in the window, so the expansion can leave that one out. */
static gboolean
event_in_window (ClosenessEvent *event,
                 GHashTable     *zones,
                 gint64          from_utc,
                 gint64          to_utc)
{
  const char *rrule = closeness_event_get_rrule (event);
  const char *rid = closeness_event_get_recurrence_id (event);
  GTimeZone *tz = query_zone (zones, closeness_event_get_tzid (event));
  gint64 duration = 60 * (gint64) closeness_event_get_duration_minutes (event);
  gboolean is_utc;
  gint64 wall, start;

  if (!parse_wall (closeness_event_get_dtstart (event), FALSE, &wall, &is_utc))
    return TRUE;
  start = closeness_time_wall_to_utc (tz, wall);

  if (rid[0] == '\0' && rrule[0] != '\0')
    {
      g_autofree char *upper = g_ascii_strup (rrule, -1);
      const char *until = strstr (upper, "UNTIL=");
      gint64 last;

      if (start >= to_utc)
        return FALSE;
      if (until == NULL || !parse_wall (until + 6, TRUE, &wall, &is_utc))
        return TRUE;
      last = is_utc ? wall : closeness_time_wall_to_utc (tz, wall);
      /* A date-only UNTIL includes that whole day. */
      if (strlen (until + 6) < 9 || until[6 + 8] != 'T')
        last += 86400;

      return last + duration > from_utc;
    }

  if (start < to_utc && start + duration > from_utc)
    return TRUE;

  if (rid[0] != '\0' && parse_wall (rid, FALSE, &wall, &is_utc))
    {
      gint64 replaced = closeness_time_wall_to_utc (tz, wall);

      /* The replaced occurrence is as long as the series, which the edited
       * one usually keeps; a week covers the evenings that were shortened. */
      return replaced < to_utc && replaced + MAX (duration, QUERY_REPLACED_MARGIN) > from_utc;
    }

  return FALSE;
}

static char *
format_utc (gint64      utc,
            const char *format)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (utc);

  return g_date_time_format (time, format);
}

/**
 * closeness_store_query_events:
 * @from_utc: window start, Unix seconds (inclusive)
 * @to_utc: window end, Unix seconds (exclusive)
 * @error: return location for a #GError
 *
 * The events that can have an occurrence overlapping [@from_utc, @to_utc),
 * for building one month's view without loading every event:
 *
 * - every row (single event, series or edited occurrence) that starts near
 *   the window, found by the index on `dtstart`;
 * - every series that starts before the window ends and whose RRULE has no
 *   UNTIL before the window (a series limited by COUNT is always included);
 * - the edited occurrences of those series whose original time
 *   (`recurrence_id`) is near the window, so expansion can hide the
 *   occurrence they replace even when it was moved elsewhere.
 *
 * The index ranges are widened by a day for time zones and by the longest
 * event (CLOSENESS_STORE_MAX_DURATION_MINUTES); each row found is then checked in its own zone (DST as
 * the calendar reads it: a wall time in the spring gap uses the offset
 * before it, one in the autumn overlap the first instant), so single
 * events and edited occurrences come back exactly when they overlap the
 * window. A series comes back when its first start is before the window
 * ends and its UNTIL (if any) not before the window starts; whether its
 * RRULE has an occurrence in between is the expansion's business. Deleted
 * rows are left out. The objects are a snapshot, not the ones of
 * closeness_store_get_events(); pass them to the calendar's expansion.
 *
 * Returns: (transfer full) (element-type ClosenessEvent): by `dtstart`,
 *   then id; %NULL with @error set for a window that is empty, reversed or
 *   outside 1800 … 2300 (%CLOSENESS_STORE_ERROR_INVALID_INPUT) or when the
 *   data cannot be read
 */
GPtrArray *
closeness_store_query_events (ClosenessStore  *self,
                              gint64           from_utc,
                              gint64           to_utc,
                              GError         **error)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;
  g_autofree char *until_low = NULL;
  g_autoptr(GHashTable) zones = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (from_utc >= to_utc || from_utc < QUERY_EARLIEST || to_utc > QUERY_LATEST)
    {
      _store_invalid (error, _("The dates are not valid."));
      return NULL;
    }

  low = format_utc (from_utc - QUERY_LONGEST_EVENT - QUERY_ZONE_MARGIN, "%Y-%m-%dT%H:%M:%S");
  high = format_utc (to_utc + QUERY_ZONE_MARGIN, "%Y-%m-%dT%H:%M:%S");
  /* UNTIL is the last start, in UTC or local: compare days, with margins. */
  until_low = format_utc (from_utc - QUERY_LONGEST_EVENT - 2 * QUERY_ZONE_MARGIN, "%Y%m%d");

  events = g_ptr_array_new_with_free_func (g_object_unref);
  zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                 (GDestroyNotify) g_time_zone_unref);

  rc = sqlite3_prepare_v2 (self->db, EVENT_WINDOW_QUERY, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, low, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, high, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, from_utc - QUERY_ZONE_MARGIN);
      sqlite3_bind_text (stmt, 4, until_low, -1, SQLITE_STATIC);

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          ClosenessRecord *event = _closeness_event_new_from_stmt (stmt);

          if (event_in_window (CLOSENESS_EVENT (event), zones, from_utc, to_utc))
            g_ptr_array_add (events, event);
          else
            g_object_unref (event);
        }

      rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode (self->db);
    }
  else
    rc = sqlite3_extended_errcode (self->db);

  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    {
      _closeness_store_set_error_from_rc (error, self->db, rc,
                                          _("The calendar could not be read."));
      return NULL;
    }

  return g_steal_pointer (&events);
}

/**
 * closeness_store_get_reminders:
 *
 * Returns: (transfer none): every reminder (#ClosenessReminder) of events
 *   and activities that are not deleted
 */
GListModel *
closeness_store_get_reminders (ClosenessStore *self)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (self->reminders == NULL)
    self->reminders = _store_new_list (self, CLOSENESS_TYPE_REMINDER,
                                       _closeness_reminder_new_from_stmt,
                                       STORE_TABLE_REMINDERS | STORE_TABLE_EVENTS |
                                       STORE_TABLE_ACTIVITIES,
                                       REMINDER_COLUMNS
                                       /* a deleted (undoable) event or activity does not remind */
                                       "WHERE (event_id IS NULL OR event_id IN "
                                       "       (SELECT id FROM events WHERE deleted_at IS NULL)) "
                                       "  AND (activity_id IS NULL OR activity_id IN "
                                       "       (SELECT id FROM activities "
                                       "        WHERE deleted_at IS NULL)) "
                                       "ORDER BY id", NULL);

  return G_LIST_MODEL (self->reminders);
}

gint64
closeness_store_add_event_reminder (ClosenessStore  *self,
                                    gint64           event_id,
                                    int              offset_minutes,
                                    GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), 0);

  if (!_store_check_id (event_id, error))
    return 0;

  if (offset_minutes < 0 || offset_minutes > 4 * 7 * 24 * 60)
    return _store_invalid (error, _("The reminder time is not valid."));

  write = _store_write_new (STORE_TABLE_REMINDERS, _("The reminder could not be saved."));
  _store_write_add (write, FALSE,
                    "INSERT INTO reminders (event_id, offset_minutes) VALUES (?, ?) RETURNING id",
                    g_variant_new ("(xx)", event_id, (gint64) offset_minutes));
  _store_queue_sync_event (self, write, event_id);

  return _store_run_for_id (self, write, error);
}

gint64
closeness_store_add_activity_reminder (ClosenessStore  *self,
                                       gint64           activity_id,
                                       const char      *time_of_day,
                                       guint            weekdays,
                                       GError         **error)
{
  StoreWrite *write;
  int h, m;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), 0);

  if (!_store_check_id (activity_id, error))
    return 0;

  if (time_of_day == NULL || strlen (time_of_day) != 5 || time_of_day[2] != ':' ||
      !_store_parse_digits (time_of_day, 2, &h) || !_store_parse_digits (time_of_day + 3, 2, &m) ||
      h > 23 || m > 59)
    return _store_invalid (error, _("The reminder time is not valid."));

  if (weekdays == 0 || weekdays > 0x7f)
    return _store_invalid (error, _("Please choose at least one day."));

  write = _store_write_new (STORE_TABLE_REMINDERS, _("The reminder could not be saved."));
  _store_write_add (write, FALSE,
                    "INSERT INTO reminders (activity_id, time_of_day, weekdays) VALUES (?, ?, ?) "
                    "RETURNING id",
                    g_variant_new ("(xsx)", activity_id, time_of_day, (gint64) weekdays));

  return _store_run_for_id (self, write, error);
}

gboolean
closeness_store_delete_reminder (ClosenessStore  *self,
                                 gint64           reminder_id,
                                 GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (!_store_check_id (reminder_id, error))
    return FALSE;

  write = _store_write_new (STORE_TABLE_REMINDERS, _("The reminder could not be removed."));
  /* An evening's alarm is part of the evening on the server. */
  _store_queue_sync_reminder (self, write, reminder_id);
  _store_write_add (write, TRUE, "DELETE FROM reminders WHERE id = ?",
                    g_variant_new ("(x)", reminder_id));

  return _closeness_store_run (self, write, error);
}

/**
 * closeness_store_set_reminder_state:
 * @snoozed_until: unix time or 0
 * @last_fired_at: unix time or 0
 *
 * Used by the reminder service to record deliveries and snoozes.
 */
gboolean
closeness_store_set_reminder_state (ClosenessStore  *self,
                                    gint64           reminder_id,
                                    gint64           snoozed_until,
                                    gint64           last_fired_at,
                                    gboolean         enabled,
                                    GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (!_store_check_id (reminder_id, error))
    return FALSE;

  if (snoozed_until < 0 || last_fired_at < 0)
    return _store_invalid (error, _("The reminder time is not valid."));

  write = _store_write_new (STORE_TABLE_REMINDERS, _("The reminder could not be saved."));
  _store_write_add (write, TRUE,
                    "UPDATE reminders SET snoozed_until = nullif (?, 0), "
                    "  last_fired_at = nullif (?, 0), enabled = ? WHERE id = ?",
                    g_variant_new ("(xxbx)", snoozed_until, last_fired_at, enabled, reminder_id));

  return _closeness_store_run (self, write, error);
}
