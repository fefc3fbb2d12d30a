/* closeness-calendar-sync.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One sync of the calendar with the CalDAV server: first what changed here
 * (the store's outbox) is sent, each write conditional on the etag last
 * seen; a 412 fetches the server's copy, merges property by property
 * against the copy both last agreed on (closeness_ics_merge()) and sends
 * the merge, a bounded number of times. Then what changed there
 * (sync-collection, or an etag listing when the token is gone) is fetched
 * and applied. An outbox entry is finished only after the server took it,
 * and only up to the change that was sent: a later change stays queued. A
 * crash at any point leaves the outbox, so nothing is lost; a new evening
 * goes to an address derived from its uid with If-None-Match, so sending
 * it twice can never make two.
 *
 * This first version runs the network on the calling thread: the command
 * line and the tests call it; the app will run it off the main thread.
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "calendar/closeness-ics.h"
#include "closeness-calendar-sync.h"

#define MAX_ATTEMPTS 3

static gint64
event_id_for_uid (ClosenessStore *store,
                  const char     *uid)
{
  GListModel *events = closeness_store_get_events (store);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(ClosenessEvent) event = g_list_model_get_item (events, i);

      if (g_strcmp0 (closeness_event_get_uid (event), uid) == 0)
        return closeness_record_get_id (CLOSENESS_RECORD (event));
    }

  return 0;
}

/* A new evening's address: its uid may hold any character, so a digest. */
static char *
href_for_uid (const char *calendar,
              const char *uid)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uid, -1);

  return g_strdup_printf ("%s%s%.32s.ics", calendar, g_str_has_suffix (calendar, "/") ? "" : "/",
                          digest);
}

/* Puts the server's @data for an evening into the store as it is there. */
static gboolean
apply_resource (ClosenessStore       *store,
                ClosenessIcsImport   *import,
                const char           *href,
                const char           *etag,
                const char           *data,
                GError              **error)
{
  const char *uid = closeness_ics_import_get_uid (import);
  g_auto(GStrv) keep = NULL;
  gboolean ok;

  if (uid == NULL)
    return TRUE;

  keep = closeness_ics_import_dup_recurrence_ids (import, uid);
  closeness_store_set_applying_sync (store, TRUE);
  ok = closeness_ics_import_commit (import, store, error) &&
       closeness_store_remove_events_for_sync (store, uid, (const char * const *) keep, error) &&
       closeness_store_set_sync_resource (store, uid, href, etag, data, error);
  closeness_store_set_applying_sync (store, FALSE);

  return ok;
}

static ClosenessCaldavItem *
fetch_one (ClosenessCaldavClient  *client,
           const char             *calendar,
           const char             *href,
           GCancellable           *cancellable,
           GError                **error)
{
  const char *hrefs[] = { href, NULL };
  g_autoptr(GPtrArray) items =
    closeness_caldav_client_multiget (client, calendar, hrefs, cancellable, error);

  if (items == NULL || items->len == 0)
    return NULL;

  return g_ptr_array_steal_index (items, 0);
}

/* Whether the server's @data is one of the copies sent from here and not
 * confirmed (a sync killed after the server took it). */
static gboolean
is_own_write (GStrv       sent,
              const char *data)
{
  for (guint i = 0; sent != NULL && sent[i] != NULL; i++)
    if (closeness_ics_same_events (sent[i], data))
      return TRUE;

  return FALSE;
}

/* Sends one evening changed here. */
static gboolean
push_change (ClosenessStore         *store,
             ClosenessCaldavClient  *client,
             const char             *calendar,
             ClosenessSyncChange    *change,
             ClosenessSyncReport    *report,
             GCancellable           *cancellable,
             GError                **error)
{
  g_autofree char *href = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *base = NULL;
  g_auto(GStrv) sent = closeness_store_list_sync_sent (store, change->uid);
  gboolean known = closeness_store_get_sync_resource (store, change->uid, &href, &etag, &base);
  gint64 event_id = event_id_for_uid (store, change->uid);

  if (!known)
    href = href_for_uid (calendar, change->uid);

  /* Noted as being sent but never answered (a sync killed meanwhile): what
   * the server has there now, if anything, decides. */
  if (known && etag[0] == '\0')
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(ClosenessCaldavItem) there =
        fetch_one (client, calendar, href, cancellable, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (there != NULL)
        {
          g_free (etag);
          etag = g_strdup (there->etag);
          if (is_own_write (sent, there->data))
            {
              g_free (base);
              base = g_strdup (there->data);
            }
        }
      else
        known = FALSE;
    }

  if (event_id == 0)
    {
      g_autoptr(GError) local_error = NULL;

      /* Deleted here. */
      if (known && !closeness_caldav_client_delete (client, href, etag[0] != '\0' ? etag : NULL,
                                                    cancellable, &local_error))
        {
          if (g_error_matches (local_error, CLOSENESS_CALDAV_ERROR,
                               CLOSENESS_CALDAV_ERROR_PRECONDITION))
            {
              g_autoptr(ClosenessCaldavItem) theirs = NULL;
              g_autoptr(ClosenessIcsImport) import = NULL;

              /* Changed there meanwhile: their edit is not dropped; the
               * evening comes back here and the person is told. */
              g_clear_error (&local_error);
              theirs = fetch_one (client, calendar, href, cancellable, &local_error);
              if (theirs == NULL && local_error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              if (theirs != NULL
                  && (import = closeness_ics_parse (theirs->data, strlen (theirs->data), NULL))
                       != NULL)
                {
                  if (!apply_resource (store, import, href, theirs->etag, theirs->data, error))
                    return FALSE;
                  report->conflicts++;
                  report->received++;
                  return closeness_store_finish_sync_change (store, change->uid, change->seq,
                                                             error);
                }
            }
          else if (!g_error_matches (local_error, CLOSENESS_CALDAV_ERROR,
                                     CLOSENESS_CALDAV_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }
      if (known)
        report->sent++;

      return closeness_store_set_sync_resource (store, change->uid, NULL, NULL, NULL, error) &&
             closeness_store_finish_sync_change (store, change->uid, change->seq, error);
    }

  for (guint attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(ClosenessCaldavItem) theirs = NULL;
      g_autoptr(ClosenessIcsImport) merged = NULL;
      g_autofree char *body = closeness_ics_export (store, event_id, NULL, error);
      g_autofree char *new_etag = NULL;
      guint conflicts = 0;

      if (body == NULL ||
          !closeness_store_note_sync_sending (store, change->uid, href, body, error))
        return FALSE;

      new_etag = closeness_caldav_client_put (client, href, body, known ? etag : NULL,
                                              cancellable, &local_error);
      if (new_etag != NULL)
        {
          report->sent++;
          return closeness_store_set_sync_resource (store, change->uid, href, new_etag, body, error)
                 && closeness_store_finish_sync_change (store, change->uid, change->seq, error);
        }

      if (!g_error_matches (local_error, CLOSENESS_CALDAV_ERROR,
                            CLOSENESS_CALDAV_ERROR_PRECONDITION))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* Someone else changed it first (or made it): merge with theirs. */
      g_clear_error (&local_error);
      theirs = fetch_one (client, calendar, href, cancellable, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (theirs == NULL)
        {
          /* Gone there meanwhile: made again from here. */
          known = FALSE;
          continue;
        }

      /* Our own write, from a sync killed before it could note the answer:
       * the server's copy is then what both agreed on. */
      if (is_own_write (sent, theirs->data))
        {
          g_free (base);
          base = g_strdup (theirs->data);
        }
      merged = closeness_ics_merge (base, body, theirs->data, &conflicts, NULL);
      if (merged == NULL)
        {
          /* Theirs cannot be read: ours is not forced over it. */
          report->unreadable++;
          return TRUE;
        }
      report->conflicts += conflicts;
      if (!apply_resource (store, merged, href, theirs->etag, theirs->data, error))
        return FALSE;
      g_free (etag);
      etag = g_strdup (theirs->etag);
      g_free (base);
      base = g_strdup (theirs->data);
      g_clear_pointer (&sent, g_strfreev);
      known = TRUE;
      event_id = event_id_for_uid (store, change->uid);
      if (event_id == 0)
        return closeness_store_finish_sync_change (store, change->uid, change->seq, error);
    }

  g_set_error_literal (error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_PRECONDITION,
                       _("The evening kept changing on the server; Closeness will try again later."));
  return FALSE;
}

static gboolean
queued (GPtrArray  *outbox,
        const char *uid)
{
  for (guint i = 0; uid != NULL && i < outbox->len; i++)
    if (g_strcmp0 (((ClosenessSyncChange *) g_ptr_array_index (outbox, i))->uid, uid) == 0)
      return TRUE;

  return FALSE;
}

/* Fetches and applies what changed on the server. */
static gboolean
pull_changes (ClosenessStore         *store,
              ClosenessCaldavClient  *client,
              const char             *calendar,
              ClosenessSyncReport    *report,
              GCancellable           *cancellable,
              GError                **error)
{
  g_autofree char *token = closeness_store_dup_sync_state (store, "token");
  g_autofree char *new_token = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) outbox = closeness_store_list_sync_outbox (store);
  g_autoptr(GHashTable) known = closeness_store_list_sync_resources (store);
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_autoptr(GPtrArray) fetched = NULL;
  g_autoptr(GError) local_error = NULL;

  items = closeness_caldav_client_sync_collection (client, calendar, token, &new_token, cancellable,
                                                   &local_error);
  if (items == NULL &&
      g_error_matches (local_error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_INVALID_TOKEN))
    {
      /* No usable token: every item's etag against what is known here. */
      g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
      GHashTableIter iter;
      gpointer href;

      g_clear_error (&local_error);
      items = closeness_caldav_client_list (client, calendar, cancellable, error);
      if (items == NULL)
        return FALSE;
      for (guint i = 0; i < items->len; i++)
        g_hash_table_add (present, ((ClosenessCaldavItem *) g_ptr_array_index (items, i))->href);
      g_hash_table_iter_init (&iter, known);
      while (g_hash_table_iter_next (&iter, &href, NULL))
        if (!g_hash_table_contains (present, href))
          {
            ClosenessCaldavItem *gone = g_new0 (ClosenessCaldavItem, 1);

            gone->href = g_strdup (href);
            gone->deleted = TRUE;
            g_ptr_array_add (items, gone);
          }
      /* A token for next time. */
      {
        g_autoptr(ClosenessCaldavCollection) collection =
          closeness_caldav_client_get_collection (client, calendar, cancellable, NULL);

        new_token = collection != NULL ? g_strdup (collection->sync_token) : NULL;
      }
    }
  else if (items == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < items->len; i++)
    {
      ClosenessCaldavItem *item = g_ptr_array_index (items, i);
      g_autofree char *uid = closeness_store_find_sync_uid (store, item->href);

      /* A change waiting to be sent is merged when it is sent. */
      if (queued (outbox, uid))
        continue;

      if (item->deleted)
        {
          if (uid == NULL)
            continue;
          closeness_store_set_applying_sync (store, TRUE);
          if (!closeness_store_remove_events_for_sync (store, uid, NULL, error) ||
              !closeness_store_set_sync_resource (store, uid, NULL, NULL, NULL, error))
            {
              closeness_store_set_applying_sync (store, FALSE);
              return FALSE;
            }
          closeness_store_set_applying_sync (store, FALSE);
          report->removed++;
          continue;
        }

      /* Our own write coming back. */
      if (g_strcmp0 (g_hash_table_lookup (known, item->href), item->etag) == 0)
        continue;
      g_ptr_array_add (wanted, item->href);
    }
  g_ptr_array_add (wanted, NULL);

  fetched = closeness_caldav_client_multiget (client, calendar,
                                              (const char * const *) wanted->pdata,
                                              cancellable, error);
  if (fetched == NULL)
    return FALSE;

  for (guint i = 0; i < fetched->len; i++)
    {
      ClosenessCaldavItem *item = g_ptr_array_index (fetched, i);
      g_autoptr(ClosenessIcsImport) import =
        closeness_ics_parse (item->data, strlen (item->data), NULL);

      if (import == NULL || closeness_ics_import_get_uid (import) == NULL)
        {
          /* Not an evening Closeness can read: left on the server as it is. */
          report->unreadable++;
          continue;
        }
      if (!apply_resource (store, import, item->href, item->etag, item->data, error))
        return FALSE;
      report->received++;
    }

  return new_token == NULL || closeness_store_set_sync_state (store, "token", new_token, error);
}

/**
 * closeness_calendar_sync_run:
 *
 * Sends what changed here, then receives what changed there.
 *
 * Returns: %TRUE when both went through; on %FALSE nothing that was not
 *   sent is forgotten and the next sync continues
 */
gboolean
closeness_calendar_sync_run (ClosenessStore          *store,
                             ClosenessCaldavClient   *client,
                             ClosenessSyncReport     *report,
                             GCancellable            *cancellable,
                             GError                 **error)
{
  g_autofree char *calendar = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  ClosenessSyncReport ignored;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), FALSE);
  g_return_val_if_fail (CLOSENESS_IS_CALDAV_CLIENT (client), FALSE);

  if (report == NULL)
    report = &ignored;
  memset (report, 0, sizeof *report);

  calendar = closeness_store_dup_sync_state (store, "calendar");
  if (calendar == NULL)
    {
      g_set_error_literal (error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_NOT_FOUND,
                           _("No calendar is set up for syncing."));
      return FALSE;
    }

  outbox = closeness_store_list_sync_outbox (store);
  for (guint i = 0; i < outbox->len; i++)
    if (!push_change (store, client, calendar, g_ptr_array_index (outbox, i), report, cancellable,
                      error))
      return FALSE;

  if (!pull_changes (store, client, calendar, report, cancellable, error))
    return FALSE;

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *stamp = g_date_time_format_iso8601 (now);

    closeness_store_set_sync_state (store, "last-sync", stamp, NULL);
  }

  return TRUE;
}

/**
 * closeness_calendar_sync_describe:
 *
 * Returns: (transfer full): one line, "Synced: 3 sent, 2 received, 0 conflicts"
 */
char *
closeness_calendar_sync_describe (const ClosenessSyncReport *report)
{
  g_autofree char *line = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  /* Translators: one line after a sync, e.g. "Synced: 3 sent, 2 received, 0 conflicts" */
  line = g_strdup_printf (_("Synced: %u sent, %u received, %u conflicts"),
                          report->sent, report->received + report->removed, report->conflicts);
  if (report->unreadable > 0)
    {
      g_autofree char *more =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u item on the server is not an evening Closeness can read and was left as it is",
                                      "%u items on the server are not evenings Closeness can read and were left as they are",
                                      report->unreadable),
                         report->unreadable);

      return g_strdup_printf ("%s (%s)", line, more);
    }

  return g_steal_pointer (&line);
}
