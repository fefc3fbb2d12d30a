/* closeness-event-batch.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-calendar"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "store/closeness-store-private.h"

#include "closeness-event-batch.h"
#include "closeness-recurrence.h"

typedef struct
{
  char   *uid;
  char   *recurrence_id;
  char   *summary;
  char   *dtstart;
  char   *tzid;
  int     duration_minutes;
  char   *rrule;
  char   *exdates;
  int     planned_by;
  gint64  deck_id;
  char   *notes;
  char   *ical_raw;
  int     reminders[CLOSENESS_EVENT_BATCH_MAX_REMINDERS];
  guint   n_reminders;
} BatchEvent;

struct _ClosenessEventBatch
{
  GArray *events;    /* BatchEvent */
  guint   n_added;
  guint   n_updated;
};

/* The caller's batch is only borrowed while the write runs; when the store
 * keeps the write to retry it (disk full), it gets its own copy. */
typedef struct
{
  ClosenessEventBatch *batch;
  gboolean             owned;
} BatchRef;

static void
batch_event_clear (BatchEvent *event)
{
  g_free (event->uid);
  g_free (event->recurrence_id);
  g_free (event->summary);
  g_free (event->dtstart);
  g_free (event->tzid);
  g_free (event->rrule);
  g_free (event->exdates);
  g_free (event->notes);
  g_free (event->ical_raw);
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT, message);
  return FALSE;
}

static gboolean
text_ok (const char *text,
         gsize       max_bytes)
{
  return text == NULL || (strlen (text) <= max_bytes && g_utf8_validate (text, -1, NULL));
}

ClosenessEventBatch *
closeness_event_batch_new (void)
{
  ClosenessEventBatch *batch = g_new0 (ClosenessEventBatch, 1);

  batch->events = g_array_new (FALSE, TRUE, sizeof (BatchEvent));
  g_array_set_clear_func (batch->events, (GDestroyNotify) batch_event_clear);

  return batch;
}

void
closeness_event_batch_free (ClosenessEventBatch *batch)
{
  if (batch == NULL)
    return;

  g_clear_pointer (&batch->events, g_array_unref);
  g_free (batch);
}

guint
closeness_event_batch_get_size (ClosenessEventBatch *batch)
{
  return batch->events->len;
}

/**
 * closeness_event_batch_add:
 *
 * Checks @info as the store does and keeps a copy. @info->uid is required.
 */
gboolean
closeness_event_batch_add (ClosenessEventBatch       *batch,
                           const ClosenessEventInfo  *info,
                           const int                 *reminder_offsets,
                           guint                      n_reminders,
                           GError                   **error)
{
  BatchEvent event = { 0, };
  glong summary_length;

  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  if (info->uid == NULL || info->uid[0] == '\0' || !text_ok (info->uid, 1000))
    return invalid (error, _("The event id is not valid."));

  if (info->summary == NULL || !g_utf8_validate (info->summary, -1, NULL))
    return invalid (error, _("The title is not valid."));
  summary_length = g_utf8_strlen (info->summary, -1);
  if (summary_length < 1 || summary_length > CLOSENESS_STORE_MAX_TITLE)
    return invalid (error, _("The title is not valid."));

  if (info->dtstart == NULL || (strlen (info->dtstart) != 10 && strlen (info->dtstart) != 19))
    return invalid (error, _("The start is not valid."));

  if (info->tzid != NULL && info->tzid[0] != '\0')
    {
      if (!closeness_recurrence_zone_is_known (info->tzid))
        return invalid (error, _("The time zone is not known."));
    }

  if (info->duration_minutes < 1 || info->duration_minutes > 7 * 24 * 60)
    return invalid (error, _("The length must be between one minute and one week."));

  if (info->planned_by < CLOSENESS_PLANNED_BY_NOBODY || info->planned_by > CLOSENESS_PLANNED_BY_BOTH ||
      info->deck_id < 0)
    return invalid (error, _("The event is not valid."));

  if (!text_ok (info->recurrence_id, 100) || !text_ok (info->rrule, 1000) ||
      !text_ok (info->exdates, CLOSENESS_STORE_MAX_TEXT) ||
      !text_ok (info->notes, CLOSENESS_STORE_MAX_TEXT) ||
      !text_ok (info->ical_raw, CLOSENESS_STORE_MAX_TEXT))
    return invalid (error, _("A text is too long."));

  if (n_reminders > CLOSENESS_EVENT_BATCH_MAX_REMINDERS)
    return invalid (error, _("The event has too many reminders."));

  for (guint i = 0; i < n_reminders; i++)
    if (reminder_offsets[i] < 0 || reminder_offsets[i] > 4 * 7 * 24 * 60)
      return invalid (error, _("The reminder time is not valid."));

  event.uid = g_strdup (info->uid);
  event.recurrence_id = g_strdup (info->recurrence_id ? info->recurrence_id : "");
  event.summary = g_strdup (info->summary);
  event.dtstart = g_strdup (info->dtstart);
  event.tzid = g_strdup (info->tzid ? info->tzid : "");
  event.duration_minutes = info->duration_minutes;
  event.rrule = g_strdup (info->rrule ? info->rrule : "");
  event.exdates = g_strdup (info->exdates ? info->exdates : "");
  event.planned_by = info->planned_by;
  event.deck_id = info->deck_id;
  event.notes = g_strdup (info->notes ? info->notes : "");
  event.ical_raw = g_strdup (info->ical_raw);
  event.n_reminders = n_reminders;
  for (guint i = 0; i < n_reminders; i++)
    event.reminders[i] = reminder_offsets[i];

  g_array_append_val (batch->events, event);

  return TRUE;
}

static gboolean
step_ok (sqlite3  *db,
         int       rc,
         GError  **error)
{
  if (rc == SQLITE_DONE || rc == SQLITE_ROW || rc == SQLITE_OK)
    return TRUE;

  g_set_error (error, CLOSENESS_STORE_ERROR,
               (rc & 0xff) == SQLITE_FULL ? CLOSENESS_STORE_ERROR_DISK_FULL
                                          : CLOSENESS_STORE_ERROR_FAILED,
               "%s (%s)", _("The events could not be saved."), sqlite3_errstr (rc));
  g_debug ("Event batch failed: %s", sqlite3_errmsg (db));

  return FALSE;
}

static void
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

/* Runs inside the store's BEGIN IMMEDIATE … COMMIT. */
static gboolean
insert_event_batch (sqlite3   *db,
                    gpointer   data,
                    gint64    *result_id,
                    GError   **error)
{
  ClosenessEventBatch *batch = ((BatchRef *) data)->batch;
  sqlite3_stmt *exists = NULL, *insert = NULL, *clear = NULL, *remind = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean ok = TRUE;

  batch->n_added = batch->n_updated = 0;

  if (!step_ok (db, sqlite3_prepare_v2 (db,
                  "SELECT 1 FROM events WHERE uid = ?1 AND recurrence_id = ?2 AND deleted_at IS NULL",
                  -1, &exists, NULL), error) ||
      !step_ok (db, sqlite3_prepare_v2 (db,
                  "INSERT INTO events (uid, recurrence_id, summary, dtstart, tzid, "
                  "  duration_minutes, rrule, exdates, planned_by, deck_id, notes, ical_raw, "
                  "  created_at, updated_at) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13) "
                  "ON CONFLICT (uid, recurrence_id) DO UPDATE SET summary = excluded.summary, "
                  "  dtstart = excluded.dtstart, tzid = excluded.tzid, "
                  "  duration_minutes = excluded.duration_minutes, rrule = excluded.rrule, "
                  "  exdates = excluded.exdates, planned_by = excluded.planned_by, "
                  "  deck_id = excluded.deck_id, notes = excluded.notes, "
                  "  ical_raw = excluded.ical_raw, updated_at = excluded.updated_at, "
                  "  deleted_at = NULL "
                  "RETURNING id",
                  -1, &insert, NULL), error) ||
      !step_ok (db, sqlite3_prepare_v2 (db, "DELETE FROM reminders WHERE event_id = ?1",
                                        -1, &clear, NULL), error) ||
      !step_ok (db, sqlite3_prepare_v2 (db,
                  "INSERT INTO reminders (event_id, offset_minutes) VALUES (?1, ?2)",
                  -1, &remind, NULL), error))
    ok = FALSE;

  for (guint i = 0; ok && i < batch->events->len; i++)
    {
      BatchEvent *event = &g_array_index (batch->events, BatchEvent, i);
      gboolean existed;
      gint64 id;
      int rc;

      sqlite3_reset (exists);
      bind_text (exists, 1, event->uid);
      bind_text (exists, 2, event->recurrence_id);
      rc = sqlite3_step (exists);
      if (!(ok = step_ok (db, rc, error)))
        break;
      existed = rc == SQLITE_ROW;

      sqlite3_reset (insert);
      bind_text (insert, 1, event->uid);
      bind_text (insert, 2, event->recurrence_id);
      bind_text (insert, 3, event->summary);
      bind_text (insert, 4, event->dtstart);
      bind_text (insert, 5, event->tzid);
      sqlite3_bind_int (insert, 6, event->duration_minutes);
      bind_text (insert, 7, event->rrule);
      bind_text (insert, 8, event->exdates);
      sqlite3_bind_int (insert, 9, event->planned_by);
      if (event->deck_id > 0)
        sqlite3_bind_int64 (insert, 10, event->deck_id);
      else
        sqlite3_bind_null (insert, 10);
      bind_text (insert, 11, event->notes);
      bind_text (insert, 12, event->ical_raw);
      sqlite3_bind_int64 (insert, 13, now);
      rc = sqlite3_step (insert);
      if (rc != SQLITE_ROW)
        {
          ok = step_ok (db, rc == SQLITE_DONE ? SQLITE_ERROR : rc, error);
          break;
        }
      id = sqlite3_column_int64 (insert, 0);
      /* Finish the statement before the next one touches the table. */
      if (!(ok = step_ok (db, sqlite3_step (insert), error)))
        break;

      sqlite3_reset (clear);
      sqlite3_bind_int64 (clear, 1, id);
      if (!(ok = step_ok (db, sqlite3_step (clear), error)))
        break;

      for (guint j = 0; ok && j < event->n_reminders; j++)
        {
          sqlite3_reset (remind);
          sqlite3_bind_int64 (remind, 1, id);
          sqlite3_bind_int (remind, 2, event->reminders[j]);
          ok = step_ok (db, sqlite3_step (remind), error);
        }

      if (existed)
        batch->n_updated++;
      else
        batch->n_added++;
    }

  sqlite3_finalize (exists);
  sqlite3_finalize (insert);
  sqlite3_finalize (clear);
  sqlite3_finalize (remind);

  *result_id = batch->events->len;

  return ok;
}


static void
batch_ref_free (gpointer data)
{
  BatchRef *ref = data;

  if (ref->owned)
    closeness_event_batch_free (ref->batch);
  g_free (ref);
}

static gpointer
batch_ref_own (gpointer data)
{
  BatchRef *ref = data;
  ClosenessEventBatch *copy = closeness_event_batch_new ();

  for (guint i = 0; i < ref->batch->events->len; i++)
    {
      BatchEvent event = g_array_index (ref->batch->events, BatchEvent, i);

      event.uid = g_strdup (event.uid);
      event.recurrence_id = g_strdup (event.recurrence_id);
      event.summary = g_strdup (event.summary);
      event.dtstart = g_strdup (event.dtstart);
      event.tzid = g_strdup (event.tzid);
      event.rrule = g_strdup (event.rrule);
      event.exdates = g_strdup (event.exdates);
      event.notes = g_strdup (event.notes);
      event.ical_raw = g_strdup (event.ical_raw);
      g_array_append_val (copy->events, event);
    }

  ref->batch = copy;
  ref->owned = TRUE;

  return ref;
}

/**
 * closeness_event_batch_commit:
 *
 * Saves every event of @batch (an event with the same uid and recurrence id
 * is replaced, with its reminders) in one transaction: all or nothing.
 */
gboolean
closeness_event_batch_commit (ClosenessEventBatch  *batch,
                              ClosenessStore       *store,
                              guint                *n_added,
                              guint                *n_updated,
                              GError              **error)
{
  StoreWrite *write;
  BatchRef *ref;
  gboolean ok;

  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (CLOSENESS_IS_STORE (store), FALSE);

  if (batch->events->len == 0)
    {
      if (n_added != NULL)
        *n_added = 0;
      if (n_updated != NULL)
        *n_updated = 0;
      return TRUE;
    }

  write = _store_write_new (STORE_TABLE_EVENTS | STORE_TABLE_REMINDERS,
                            _("The events could not be saved."));
  write->func = insert_event_batch;
  ref = g_new0 (BatchRef, 1);
  ref->batch = batch;
  write->data = ref;
  write->data_free = batch_ref_free;
  write->data_own = batch_ref_own;

  ok = _closeness_store_run (store, write, error);

  if (n_added != NULL)
    *n_added = ok ? batch->n_added : 0;
  if (n_updated != NULL)
    *n_updated = ok ? batch->n_updated : 0;

  return ok;
}
