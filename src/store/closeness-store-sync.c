/* closeness-store-sync.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's side of calendar sync. A change to an evening is queued in
 * sync_outbox by uid (a series and its edited occurrences are one CalDAV
 * resource) in the same transaction as the change itself, so a crash can
 * never keep the change and lose the need to send it. Changes that come
 * from the server are applied with sync_applying set and queue nothing.
 * sync_state, sync_outbox and sync_resources are this computer's own: an
 * import or restore never copies them.
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-store-records-private.h"

#define SYNC_ENABLED "EXISTS (SELECT 1 FROM sync_state WHERE key = 'calendar')"
#define TXN_SEQ      "(SELECT value FROM store_meta WHERE key = 'txn_seq')"

void
_store_queue_sync_uid (ClosenessStore *self,
                       StoreWrite     *write,
                       const char     *uid)
{
  if (self->sync_applying || uid == NULL)
    return;
  _store_write_add (write, FALSE, _STORE_QUEUE_SYNC_UID_SQL, g_variant_new ("(s)", uid));
}

void
_store_queue_sync_event (ClosenessStore *self,
                         StoreWrite     *write,
                         gint64          event_id)
{
  if (self->sync_applying)
    return;
  _store_write_add (write, FALSE,
                    "INSERT INTO sync_outbox (uid, seq) "
                    "SELECT uid, " TXN_SEQ " FROM events WHERE id = ?1 AND " SYNC_ENABLED " "
                    "ON CONFLICT (uid) DO UPDATE SET seq = excluded.seq",
                    g_variant_new ("(x)", event_id));
}

void
_store_queue_sync_reminder (ClosenessStore *self,
                            StoreWrite     *write,
                            gint64          reminder_id)
{
  if (self->sync_applying)
    return;
  _store_write_add (write, FALSE,
                    "INSERT INTO sync_outbox (uid, seq) "
                    "SELECT e.uid, " TXN_SEQ " FROM reminders r JOIN events e ON e.id = r.event_id "
                    "WHERE r.id = ?1 AND " SYNC_ENABLED " "
                    "ON CONFLICT (uid) DO UPDATE SET seq = excluded.seq",
                    g_variant_new ("(x)", reminder_id));
}

/**
 * closeness_store_set_applying_sync:
 *
 * While set, changes (from the server) are not queued to be sent.
 */
void
closeness_store_set_applying_sync (ClosenessStore *self,
                                   gboolean        applying)
{
  g_return_if_fail (CLOSENESS_IS_STORE (self));

  self->sync_applying = applying;
}

/**
 * closeness_store_dup_sync_state:
 * @key: "calendar" (the synced calendar's address), "token", "server",
 *   "user", "last-sync", "problem"
 *
 * Returns: (transfer full) (nullable): the value
 */
char *
closeness_store_dup_sync_state (ClosenessStore *self,
                                const char     *key)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  return _store_dup_text (self, "SELECT value FROM sync_state WHERE key = ?", key);
}

gboolean
closeness_store_set_sync_state (ClosenessStore  *self,
                                const char      *key,
                                const char      *value,
                                GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (value != NULL && (!g_utf8_validate (value, -1, NULL) || strlen (value) > 64 * 1024))
    return _store_invalid (error, _("The sync setting is not valid."));

  write = _store_write_new (0, _("A sync setting could not be saved."));
  if (value != NULL)
    _store_write_add (write, FALSE,
                      "INSERT INTO sync_state (key, value) VALUES (?, ?) "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                      g_variant_new ("(ss)", key, value));
  else
    _store_write_add (write, FALSE, "DELETE FROM sync_state WHERE key = ?",
                      g_variant_new ("(s)", key));

  return _closeness_store_run (self, write, error);
}

/**
 * closeness_store_start_sync:
 * @calendar: the synced calendar's address
 *
 * Starts syncing with @calendar: every evening here is queued to be sent,
 * and nothing is known of the server yet.
 */
gboolean
closeness_store_start_sync (ClosenessStore  *self,
                            const char      *calendar,
                            GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (calendar != NULL, FALSE);

  write = _store_write_new (0, _("Syncing could not be set up."));
  _store_write_add (write, FALSE, "DELETE FROM sync_outbox", NULL);
  _store_write_add (write, FALSE, "DELETE FROM sync_resources", NULL);
  _store_write_add (write, FALSE, "DELETE FROM sync_sent", NULL);
  _store_write_add (write, FALSE, "DELETE FROM sync_state WHERE key IN ('token', 'calendar')",
                    NULL);
  _store_write_add (write, FALSE, "INSERT INTO sync_state (key, value) VALUES ('calendar', ?)",
                    g_variant_new ("(s)", calendar));
  _store_write_add (write, FALSE,
                    "INSERT OR IGNORE INTO sync_outbox (uid, seq) "
                    "SELECT DISTINCT uid, " TXN_SEQ " FROM events WHERE deleted_at IS NULL",
                    NULL);

  return _closeness_store_run (self, write, error);
}

/**
 * closeness_store_stop_sync:
 *
 * Stops syncing; every evening stays here as it is.
 */
gboolean
closeness_store_stop_sync (ClosenessStore  *self,
                           GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  write = _store_write_new (0, _("Syncing could not be stopped."));
  _store_write_add (write, FALSE, "DELETE FROM sync_outbox", NULL);
  _store_write_add (write, FALSE, "DELETE FROM sync_resources", NULL);
  _store_write_add (write, FALSE, "DELETE FROM sync_sent", NULL);
  _store_write_add (write, FALSE, "DELETE FROM sync_state", NULL);

  return _closeness_store_run (self, write, error);
}

void
closeness_sync_change_free (ClosenessSyncChange *change)
{
  if (change == NULL)
    return;
  g_free (change->uid);
  g_free (change);
}

/**
 * closeness_store_list_sync_outbox:
 *
 * Returns: (transfer full) (element-type ClosenessSyncChange): the evenings
 *   changed here and not yet sent, oldest first
 */
GPtrArray *
closeness_store_list_sync_outbox (ClosenessStore *self)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_sync_change_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), changes);

  stmt = _closeness_store_get_statement (self, "SELECT uid, seq FROM sync_outbox ORDER BY seq, uid",
                                         &rc);
  if (stmt == NULL)
    return changes;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ClosenessSyncChange *change = g_new0 (ClosenessSyncChange, 1);

      change->uid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      change->seq = sqlite3_column_int64 (stmt, 1);
      g_ptr_array_add (changes, change);
    }
  sqlite3_reset (stmt);

  return changes;
}

/**
 * closeness_store_finish_sync_change:
 * @seq: the change's seq when it was read: a later change stays queued
 */
gboolean
closeness_store_finish_sync_change (ClosenessStore  *self,
                                    const char      *uid,
                                    gint64           seq,
                                    GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  write = _store_write_new (0, _("The sync could not be saved."));
  _store_write_add (write, FALSE, "DELETE FROM sync_outbox WHERE uid = ? AND seq <= ?",
                    g_variant_new ("(sx)", uid, seq));

  return _closeness_store_run (self, write, error);
}

/**
 * closeness_store_get_sync_resource:
 *
 * Returns: whether the evening @uid is known on the server, with its
 *   address, etag and the copy last agreed on
 */
gboolean
closeness_store_get_sync_resource (ClosenessStore  *self,
                                   const char      *uid,
                                   char           **href,
                                   char           **etag,
                                   char           **base)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  stmt =
    _closeness_store_get_statement (self,
                                    "SELECT href, etag, base FROM sync_resources WHERE uid = ?",
                                    &rc);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      if (href != NULL)
        *href = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (etag != NULL)
        *etag = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      if (base != NULL)
        *base = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return found;
}

/**
 * closeness_store_list_sync_resources:
 *
 * Returns: (transfer full): href → etag of every evening known on the server
 */
GHashTable *
closeness_store_list_sync_resources (ClosenessStore *self)
{
  GHashTable *resources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), resources);

  stmt = _closeness_store_get_statement (self, "SELECT href, etag FROM sync_resources", &rc);
  if (stmt == NULL)
    return resources;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (resources, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_reset (stmt);

  return resources;
}

/**
 * closeness_store_find_sync_uid:
 *
 * Returns: (transfer full) (nullable): the evening at @href on the server
 */
char *
closeness_store_find_sync_uid (ClosenessStore *self,
                               const char     *href)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  return _store_dup_text (self, "SELECT uid FROM sync_resources WHERE href = ?", href);
}

/**
 * closeness_store_set_sync_resource:
 * @href: (nullable): %NULL forgets the evening on the server
 */
gboolean
closeness_store_set_sync_resource (ClosenessStore  *self,
                                   const char      *uid,
                                   const char      *href,
                                   const char      *etag,
                                   const char      *base,
                                   GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);

  write = _store_write_new (0, _("The sync could not be saved."));
  /* What the server confirmed needs no remembering. */
  _store_write_add (write, FALSE, "DELETE FROM sync_sent WHERE uid = ?",
                    g_variant_new ("(s)", uid));
  if (href == NULL)
    _store_write_add (write, FALSE, "DELETE FROM sync_resources WHERE uid = ?",
                      g_variant_new ("(s)", uid));
  else
    {
      /* Another uid at that address is gone from the server. */
      _store_write_add (write, FALSE, "DELETE FROM sync_resources WHERE href = ? AND uid <> ?",
                        g_variant_new ("(ss)", href, uid));
      _store_write_add (write, FALSE,
                        "INSERT INTO sync_resources (uid, href, etag, base) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (uid) DO UPDATE SET href = excluded.href, etag = excluded.etag, "
                        "  base = excluded.base",
                        g_variant_new ("(ssss)", uid, href, etag != NULL ? etag : "",
                                       base != NULL ? base : ""));
    }

  return _closeness_store_run (self, write, error);
}

/**
 * closeness_store_note_sync_sending:
 *
 * Remembers what is about to be sent for @uid to @href, before it is sent:
 * when the sync is killed after the server took it, the next sync knows
 * the server's copy as its own write, not as someone else's change.
 */
gboolean
closeness_store_note_sync_sending (ClosenessStore  *self,
                                   const char      *uid,
                                   const char      *href,
                                   const char      *data,
                                   GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (uid != NULL && href != NULL && data != NULL, FALSE);

  write = _store_write_new (0, _("The sync could not be saved."));
  _store_write_add (write, FALSE,
                    "INSERT INTO sync_resources (uid, href) VALUES (?, ?) ON CONFLICT (uid) DO NOTHING",
                    g_variant_new ("(ss)", uid, href));
  _store_write_add (write, FALSE, "INSERT INTO sync_sent (uid, body) VALUES (?, ?)",
                    g_variant_new ("(ss)", uid, data));
  /* Bounded: the last few attempts are enough to know one's own write. */
  _store_write_add (write, FALSE,
                    "DELETE FROM sync_sent WHERE uid = ?1 AND id NOT IN "
                    "  (SELECT id FROM sync_sent WHERE uid = ?1 ORDER BY id DESC LIMIT 8)",
                    g_variant_new ("(s)", uid));

  return _closeness_store_run (self, write, error);
}

/**
 * closeness_store_list_sync_sent:
 *
 * Returns: (transfer full): the copies of @uid sent and not confirmed,
 *   newest first
 */
GStrv
closeness_store_list_sync_sent (ClosenessStore *self,
                                const char     *uid)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  stmt =
    _closeness_store_get_statement (self,
                                    "SELECT body FROM sync_sent WHERE uid = ? ORDER BY id DESC",
                                    &rc);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }

  return g_strv_builder_end (builder);
}

/**
 * closeness_store_remove_events_for_sync:
 * @keep: (nullable): the recurrence ids ("" for the series) the server
 *   still has; %NULL removes them all
 *
 * Removes the rows of @uid the server no longer has (it deleted the
 * evening, or one of its edited occurrences), with their reminders. Not
 * queued to be sent: the server already has it so.
 */
gboolean
closeness_store_remove_events_for_sync (ClosenessStore      *self,
                                        const char          *uid,
                                        const char * const  *keep,
                                        GError             **error)
{
  g_autoptr(GString) sql = g_string_new ("DELETE FROM events WHERE uid = ?");
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);

  /* Recurrence ids are wall times "YYYY-MM-DD[THH:MM:SS]": checked before
   * they go into the statement. */
  if (keep != NULL && keep[0] != NULL)
    {
      g_string_append (sql, " AND recurrence_id NOT IN (");
      for (guint i = 0; keep[i] != NULL; i++)
        {
          for (const char *p = keep[i]; *p != '\0'; p++)
            if (!g_ascii_isdigit (*p) && *p != '-' && *p != ':' && *p != 'T')
              return _store_invalid (error, _("The sync could not be saved."));
          g_string_append_printf (sql, "%s'%s'", i > 0 ? ", " : "", keep[i]);
        }
      g_string_append (sql, ")");
    }

  write = _store_write_new (STORE_TABLE_EVENTS | STORE_TABLE_REMINDERS,
                            _("The sync could not be saved."));
  _store_write_add (write, FALSE, sql->str, g_variant_new ("(s)", uid));

  return _closeness_store_run (self, write, error);
}
