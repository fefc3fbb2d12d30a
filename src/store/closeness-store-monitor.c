/* closeness-store-monitor.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include <string.h>

#include "closeness-store-private.h"

/* The change monitor of ClosenessStore: the list models it keeps current,
 * and how it notices that another process changed the data. */

static void
reload_list (ClosenessStore      *self,
             ClosenessRecordList *list)
{
  g_autoptr(GError) error = NULL;

  if (!_closeness_record_list_reload (list, self->db, &error))
    g_warning ("A list could not be refreshed: %s", error->message);
}

void
_closeness_store_reload_lists (ClosenessStore *self,
                               guint           tables)
{
  /* Whatever changed, the prompt keys are read again when next asked for. */
  g_clear_pointer (&self->prompt_keys, g_array_unref);

  for (guint i = 0; i < self->lists->len; i++)
    {
      ClosenessRecordList *list = g_ptr_array_index (self->lists, i);

      if (_closeness_record_list_get_tables (list) & tables)
        reload_list (self, list);
    }

  if (tables & STORE_TABLE_ENTRIES)
    _closeness_store_emit_entries_changed (self);
  if (tables & (STORE_TABLE_EVENTS | STORE_TABLE_REMINDERS))
    _closeness_store_emit_calendar_changed (self);
}

void
_closeness_store_reload_all (ClosenessStore *self)
{
  _closeness_store_reload_lists (self, STORE_TABLE_ALL);
}

static void
list_finalized_cb (gpointer  data,
                   GObject  *where_the_object_was)
{
  ClosenessStore *self = data;

  g_ptr_array_remove_fast (self->lists, where_the_object_was);
}

void
_closeness_store_untrack_lists (ClosenessStore *self)
{
  for (guint i = 0; i < self->lists->len; i++)
    g_object_weak_unref (g_ptr_array_index (self->lists, i), list_finalized_cb, self);
  g_ptr_array_set_size (self->lists, 0);
}

/* Takes @list (full), loads it, and keeps it up to date while it lives. */
ClosenessRecordList *
_closeness_store_track_list (ClosenessStore      *self,
                             ClosenessRecordList *list)
{
  g_ptr_array_add (self->lists, list);
  g_object_weak_ref (G_OBJECT (list), list_finalized_cb, self);
  reload_list (self, list);

  return list;
}

/**
 * closeness_store_check_for_changes:
 *
 * Looks whether another process (a second instance, the reminder service,
 * an import) changed the data, and if so refreshes the open models with
 * the difference. Runs on a timer; call it directly to not wait.
 */
void
closeness_store_check_for_changes (ClosenessStore *self)
{
  gint64 version = -1;
  int rc;

  g_return_if_fail (CLOSENESS_IS_STORE (self));

  if (self->db == NULL || self->snapshot)
    return;

  if (self->data_version_stmt == NULL &&
      sqlite3_prepare_v3 (self->db, "PRAGMA data_version", -1, SQLITE_PREPARE_PERSISTENT,
                          &self->data_version_stmt, NULL) != SQLITE_OK)
    return;

  rc = sqlite3_step (self->data_version_stmt);
  if (rc == SQLITE_ROW)
    version = sqlite3_column_int64 (self->data_version_stmt, 0);
  sqlite3_reset (self->data_version_stmt);

  if (version < 0 || version == self->last_data_version)
    return;

  if (self->last_data_version < 0)
    {
      self->last_data_version = version;
      return;
    }

  g_debug ("The data was changed by another process; refreshing");
  self->last_data_version = version;
  _closeness_store_reload_all (self);
  _closeness_store_emit_changed_elsewhere (self);
}

static gboolean
poll_timeout_cb (gpointer data)
{
  closeness_store_check_for_changes (CLOSENESS_STORE (data));

  return G_SOURCE_CONTINUE;
}

static gboolean
change_idle_cb (gpointer data)
{
  ClosenessStore *self = data;

  self->change_idle = 0;
  closeness_store_check_for_changes (self);

  return G_SOURCE_REMOVE;
}

/* Someone deleted the -wal under us: the writes in it now live only behind
 * our open descriptor and would be gone with a crash. Checkpoint them into
 * the main file at once, then reopen so that a new log is made. */
static void
rescue_deleted_wal (ClosenessStore *self)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  sqlite3 *db = NULL;
  gboolean checked;
  int rc;

  if (self->db == NULL || self->snapshot || g_file_test (wal, G_FILE_TEST_EXISTS))
    return;

  g_debug ("The data's write-ahead log is gone; saving what it held into the data file");

  rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_warning ("Could not save the deleted log into the data file: %s", sqlite3_errstr (rc));
      return;
    }

  if (_closeness_store_open_read_write (self->path, FALSE, &checked, &db, NULL) != OPEN_OK)
    return;

  _closeness_store_close_connection (self);
  self->db = db;
  self->last_data_version = -1;
}

static void
dir_changed_cb (GFileMonitor      *monitor,
                GFile             *file,
                GFile             *other_file,
                GFileMonitorEvent  event,
                ClosenessStore    *self)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *db_name = g_path_get_basename (self->path);

  /* closeness.db, closeness.db-wal, closeness.db-shm; not backups or others */
  if (!g_str_has_prefix (name, db_name))
    return;

  if (event == G_FILE_MONITOR_EVENT_DELETED && g_str_has_suffix (name, "-wal") &&
      strlen (name) == strlen (db_name) + 4)
    rescue_deleted_wal (self);

  if (self->change_idle == 0)
    self->change_idle = g_idle_add_full (G_PRIORITY_LOW, change_idle_cb, self, NULL);
}

void
_closeness_store_watch_data_folder (ClosenessStore *self)
{
  g_autoptr(GFile) dir = g_file_new_for_path (self->dir);
  g_autoptr(GError) error = NULL;

  self->dir_monitor = g_file_monitor_directory (dir, G_FILE_MONITOR_NONE, NULL, &error);
  if (self->dir_monitor == NULL)
    {
      g_debug ("Cannot watch the data folder; relying on the slow poll (%s)", error->message);
      return;
    }

  g_signal_connect_object (self->dir_monitor, "changed", G_CALLBACK (dir_changed_cb), self, 0);
}

void
_closeness_store_set_poll_interval (ClosenessStore *self,
                                    guint           msec)
{
  g_clear_handle_id (&self->poll_source, g_source_remove);

  if (msec > 0)
    self->poll_source = g_timeout_add (msec, poll_timeout_cb, self);
}
