/* closeness-store.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include <unistd.h>

#include "closeness-partner-private.h"
#include "closeness-store-private.h"

/* The ClosenessStore object: its properties, construction and the
 * connection's statement cache. The rest of the class lives in
 * closeness-store-open.c (opening and repair), closeness-store-write.c
 * (the write queue), closeness-store-monitor.c (the change monitor) and
 * the record files (closeness-store-records-private.h). */

/* Changes by another process are noticed through a file monitor on the
 * data folder (another process's commit writes the -wal file); the slow
 * poll is only a safety net where monitors do not work (network folders). */
#define DEFAULT_POLL_INTERVAL_MSEC   (60 * 1000)
#define DEFAULT_RETRY_INTERVAL_SEC   15

static void initable_iface_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ClosenessStore, closeness_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, initable_iface_init))

G_DEFINE_QUARK (closeness-store-error-quark, closeness_store_error)

enum {
  PROP_0,
  PROP_PATH,
  PROP_READ_ONLY,
  PROP_READ_ONLY_REASON,
  PROP_RECOVERY_REPORT,
  PROP_PENDING_WRITES,
  PROP_REPLACING,
  PROP_DEFER_CHECK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ENTRIES_CHANGED,
  CALENDAR_CHANGED,
  CHANGED_ELSEWHERE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
void
_closeness_store_set_read_only (ClosenessStore *self,
                                gboolean        read_only,
                                const char     *reason)
{
  if (g_strcmp0 (self->read_only_reason, reason) != 0)
    {
      g_free (self->read_only_reason);
      self->read_only_reason = g_strdup (reason);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY_REASON]);
    }

  if (self->read_only != !!read_only)
    {
      self->read_only = !!read_only;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
    }
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
clear_statement_cache (ClosenessStore *self)
{
  g_hash_table_remove_all (self->statements);
  g_clear_pointer (&self->data_version_stmt, sqlite3_finalize);
}

void
_closeness_store_close_connection (ClosenessStore *self)
{
  clear_statement_cache (self);

  if (self->db != NULL)
    {
      int rc = sqlite3_close (self->db);

      if (rc != SQLITE_OK)
        {
          g_warning ("The database connection did not close cleanly: %s", sqlite3_errstr (rc));
          sqlite3_close_v2 (self->db);
        }

      self->db = NULL;
    }
}

sqlite3_stmt *
_closeness_store_get_statement (ClosenessStore  *self,
                                const char      *sql,
                                int             *rc_out)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      *rc_out = SQLITE_OK;
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  *rc_out = rc;

  if (rc != SQLITE_OK)
    return NULL;

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);

  return stmt;
}

void
_closeness_store_emit_entries_changed (ClosenessStore *self)
{
  g_signal_emit (self, signals[ENTRIES_CHANGED], 0);
}

void
_closeness_store_emit_calendar_changed (ClosenessStore *self)
{
  g_signal_emit (self, signals[CALENDAR_CHANGED], 0);
}

sqlite3 *
_closeness_store_get_db (ClosenessStore *self)
{
  return self->db;
}

static gboolean
closeness_store_initable_init (GInitable     *initable,
                               GCancellable  *cancellable,
                               GError       **error)
{
  ClosenessStore *self = CLOSENESS_STORE (initable);
  ClosenessRecordList *partners;

  if (self->path == NULL)
    self->path = g_build_filename (g_get_user_data_dir (), "closeness", "closeness.db", NULL);

  self->dir = g_path_get_dirname (self->path);

  if (!_closeness_store_open (self, TRUE, error))
    return FALSE;

  /* Changes a crash kept from being saved, saved now (or kept waiting). */
  if (_closeness_store_open_journals (self) > 0)
    {
      g_debug ("Saving %u change(s) kept from before a crash", self->pending.length);
      if (!self->read_only)
        closeness_store_retry_pending (self, NULL);
      _closeness_store_save_journal (self);
    }

  partners = _closeness_record_list_new (CLOSENESS_TYPE_PARTNER,
                                         _closeness_partner_new_from_stmt,
                                         STORE_TABLE_PARTNERS,
                                         "SELECT slot, slot, name, color FROM partners "
                                         "ORDER BY slot",
                                         NULL);
  self->partners = _closeness_store_track_list (self, partners);

  closeness_store_check_for_changes (self);
  _closeness_store_watch_data_folder (self);
  _closeness_store_set_poll_interval (self, DEFAULT_POLL_INTERVAL_MSEC);

  if (self->read_only)
    _closeness_store_schedule_retry (self);

  return TRUE;
}

static void
initable_iface_init (GInitableIface *iface)
{
  iface->init = closeness_store_initable_init;
}

static void
closeness_store_dispose (GObject *object)
{
  ClosenessStore *self = (ClosenessStore *) object;

  g_clear_handle_id (&self->poll_source, g_source_remove);
  g_clear_handle_id (&self->change_idle, g_source_remove);
  if (self->dir_monitor != NULL)
    g_file_monitor_cancel (self->dir_monitor);
  g_clear_object (&self->dir_monitor);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_handle_id (&self->maintenance_source, g_source_remove);

  /* They stay in the journal and are saved at the next start. */
  if (self->pending.length > 0)
    g_message ("%u change(s) could not be saved before closing; they are kept for the next start",
               self->pending.length);
  g_queue_clear_full (&self->pending, (GDestroyNotify) _store_write_free);

  _closeness_store_untrack_lists (self);

  g_clear_object (&self->partners);
  g_clear_object (&self->decks);
  g_clear_object (&self->prompts);
  g_clear_object (&self->events);
  g_clear_object (&self->reminded_events);
  g_clear_object (&self->reminders);
  g_clear_object (&self->activities);
  g_clear_pointer (&self->prompt_keys, g_array_unref);

  G_OBJECT_CLASS (closeness_store_parent_class)->dispose (object);
}

static void
closeness_store_finalize (GObject *object)
{
  ClosenessStore *self = (ClosenessStore *) object;

  _closeness_store_close_connection (self);
  if (self->journal_fd >= 0)
    close (self->journal_fd);   /* the lock goes with it */

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->lists, g_ptr_array_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->recovery_report, g_free);
  g_clear_pointer (&self->read_only_reason, g_free);

  G_OBJECT_CLASS (closeness_store_parent_class)->finalize (object);
}

static void
closeness_store_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ClosenessStore *self = CLOSENESS_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    case PROP_READ_ONLY_REASON:
      g_value_set_string (value, self->read_only_reason);
      break;

    case PROP_RECOVERY_REPORT:
      g_value_set_string (value, self->recovery_report);
      break;

    case PROP_PENDING_WRITES:
      g_value_set_uint (value, self->pending.length);
      break;

    case PROP_REPLACING:
      g_value_set_boolean (value, self->replacing);
      break;

    case PROP_DEFER_CHECK:
      g_value_set_boolean (value, self->defer_check);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_store_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ClosenessStore *self = CLOSENESS_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    case PROP_DEFER_CHECK:
      self->defer_check = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_store_class_init (ClosenessStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = closeness_store_dispose;
  object_class->finalize = closeness_store_finalize;
  object_class->get_property = closeness_store_get_property;
  object_class->set_property = closeness_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_READ_ONLY_REASON] =
    g_param_spec_string ("read-only-reason", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_RECOVERY_REPORT] =
    g_param_spec_string ("recovery-report", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_PENDING_WRITES] =
    g_param_spec_uint ("pending-writes", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  /**
   * ClosenessStore:replacing:
   *
   * An import or restore is replacing the data: writes are refused until
   * it is done, so windows show their pages insensitive meanwhile.
   */
  properties[PROP_REPLACING] =
    g_param_spec_boolean ("replacing", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  properties[PROP_DEFER_CHECK] =
    g_param_spec_boolean ("defer-check", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_CONSTRUCT_ONLY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ClosenessStore::entries-changed:
   *
   * Self-care entries were written, by this process or another: what was
   * read with closeness_store_query_entry_days() may be out of date.
   * (The models from closeness_store_get_entries() update themselves.)
   */
  signals[ENTRIES_CHANGED] =
    g_signal_new ("entries-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * ClosenessStore::calendar-changed:
   *
   * Events or reminders were written, by this process or another, whether
   * or not anything loaded closeness_store_get_events() or
   * closeness_store_get_reminders(): for what watches changes without
   * needing every event in memory (the sync scheduler).
   */
  signals[CALENDAR_CHANGED] =
    g_signal_new ("calendar-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * ClosenessStore::changed-elsewhere:
   *
   * Another process (a sync, the reminder service, a second instance)
   * changed the data, and the models were refreshed. For what no model
   * holds, such as couple sync's notes of sealed answers.
   */
  signals[CHANGED_ELSEWHERE] =
    g_signal_new ("changed-elsewhere", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

void
_closeness_store_emit_changed_elsewhere (ClosenessStore *self)
{
  g_signal_emit (self, signals[CHANGED_ELSEWHERE], 0);
}

static void
closeness_store_init (ClosenessStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->lists = g_ptr_array_new ();
  self->last_data_version = -1;
  self->retry_interval_sec = DEFAULT_RETRY_INTERVAL_SEC;
  self->journal_fd = -1;
  g_queue_init (&self->pending);
}
/**
 * closeness_store_new:
 * @db_path: (nullable): the database, or %NULL for
 *   `$XDG_DATA_HOME/closeness/closeness.db`
 *
 * Opens (creating if needed) the couple's data. A damaged file is moved
 * aside and the newest good backup restored (see
 * closeness_store_get_recovery_report()); a folder that cannot be written
 * gives a read-only store. Fails with %CLOSENESS_STORE_ERROR_TOO_NEW for
 * data from a newer Closeness, which is left untouched.
 */
ClosenessStore *
closeness_store_new (const char  *db_path,
                     GError     **error)
{
  return closeness_store_new_full (db_path, CLOSENESS_STORE_OPEN_DEFAULT, error);
}

/**
 * closeness_store_new_full:
 * @db_path: (nullable): as for closeness_store_new()
 * @flags: %CLOSENESS_STORE_OPEN_DEFER_CHECK to open a file that needs no
 *   migration without reading all of it first (the application, before its
 *   first frame); then call closeness_store_check_async() soon after
 */
ClosenessStore *
closeness_store_new_full (const char               *db_path,
                          ClosenessStoreOpenFlags   flags,
                          GError                  **error)
{
  return g_initable_new (CLOSENESS_TYPE_STORE, NULL, error,
                         "path", db_path,
                         "defer-check", (flags & CLOSENESS_STORE_OPEN_DEFER_CHECK) != 0,
                         NULL);
}

const char *
closeness_store_get_path (ClosenessStore *self)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  return self->path;
}

gboolean
closeness_store_get_read_only (ClosenessStore *self)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  return self->read_only;
}

/**
 * closeness_store_get_read_only_reason:
 *
 * Returns: (nullable): a sentence for people saying why changes cannot be
 *   saved, or %NULL when the store is writable
 */
const char *
closeness_store_get_read_only_reason (ClosenessStore *self)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  return self->read_only_reason;
}

/**
 * closeness_store_get_recovery_report:
 *
 * Returns: (nullable): what happened at open when the file was damaged
 *   (where the broken file was kept, which backup was restored), or %NULL
 */
const char *
closeness_store_get_recovery_report (ClosenessStore *self)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  return self->recovery_report;
}

int
closeness_store_get_schema_version (ClosenessStore *self)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), -1);

  return _closeness_store_read_user_version (self->db, NULL);
}

guint
closeness_store_get_pending_writes (ClosenessStore *self)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), 0);

  return self->pending.length;
}

gboolean
closeness_store_get_replacing (ClosenessStore *self)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  return self->replacing;
}

void
_closeness_store_set_replacing (ClosenessStore *self,
                                gboolean        replacing)
{
  if (self->replacing == replacing)
    return;

  self->replacing = replacing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLACING]);
}

void
_closeness_store_notify_pending_writes (ClosenessStore *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING_WRITES]);
}

void
_closeness_store_notify_recovery_report (ClosenessStore *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECOVERY_REPORT]);
}
