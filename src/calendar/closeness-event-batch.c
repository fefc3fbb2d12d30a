/* closeness-event-batch.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-calendar"

#include "config.h"

#include "closeness-event-batch.h"

struct _ClosenessEventBatch
{
  GArray *events;      /* ClosenessEventInfo, strings borrowed */
  GArray *reminders;   /* ClosenessEventReminders, offsets borrowed */
};

ClosenessEventBatch *
closeness_event_batch_new (void)
{
  ClosenessEventBatch *batch = g_new0 (ClosenessEventBatch, 1);

  batch->events = g_array_new (FALSE, TRUE, sizeof (ClosenessEventInfo));
  batch->reminders = g_array_new (FALSE, TRUE, sizeof (ClosenessEventReminders));

  return batch;
}

void
closeness_event_batch_free (ClosenessEventBatch *batch)
{
  if (batch == NULL)
    return;

  g_clear_pointer (&batch->events, g_array_unref);
  g_clear_pointer (&batch->reminders, g_array_unref);
  g_free (batch);
}

/**
 * closeness_event_batch_add:
 *
 * Adds @info and its reminders. Nothing is copied: the strings of @info and
 * @reminder_offsets must stay valid until closeness_event_batch_commit().
 * The store checks them there (one invalid event refuses the batch).
 */
void
closeness_event_batch_add (ClosenessEventBatch      *batch,
                           const ClosenessEventInfo *info,
                           const int                *reminder_offsets,
                           guint                     n_reminders)
{
  ClosenessEventReminders reminders = { reminder_offsets, n_reminders };

  g_return_if_fail (batch != NULL);
  g_return_if_fail (info != NULL);

  g_array_append_val (batch->events, *info);
  g_array_append_val (batch->reminders, reminders);
}

guint
closeness_event_batch_get_size (ClosenessEventBatch *batch)
{
  g_return_val_if_fail (batch != NULL, 0);

  return batch->events->len;
}

/**
 * closeness_event_batch_commit:
 *
 * Saves every event of @batch with closeness_store_add_events(): one
 * transaction, all or nothing; an event with a stored uid and recurrence id
 * replaces it, reminders included.
 */
gboolean
closeness_event_batch_commit (ClosenessEventBatch  *batch,
                              ClosenessStore       *store,
                              guint                *n_added,
                              guint                *n_updated,
                              GError              **error)
{
  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (CLOSENESS_IS_STORE (store), FALSE);

  return closeness_store_add_events (store,
                                     (const ClosenessEventInfo *) (gpointer) batch->events->data,
                                     batch->events->len,
                                     (const ClosenessEventReminders *) (gpointer) batch->reminders->data,
                                     n_added, n_updated, error);
}
