/* closeness-store-private.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "closeness-store.h"
#include "closeness-record-list-private.h"

G_BEGIN_DECLS

/* The schema version this build writes. */
#define CLOSENESS_STORE_SCHEMA_VERSION 7
/* PRAGMA application_id of every Closeness database: 'Clos'. */
#define CLOSENESS_STORE_APPLICATION_ID 0x436c6f73

/* Which tables a write touches, so only the models that show them reload. */
typedef enum
{
  STORE_TABLE_PARTNERS   = 1 << 0,
  STORE_TABLE_DECKS      = 1 << 1,
  STORE_TABLE_PROMPTS    = 1 << 2,
  STORE_TABLE_ANSWERS    = 1 << 3,
  STORE_TABLE_NOTES      = 1 << 4,
  STORE_TABLE_FAVOURITES = 1 << 5,
  STORE_TABLE_DISCUSSED  = 1 << 6,
  STORE_TABLE_SKIPS      = 1 << 7,
  STORE_TABLE_EVENTS     = 1 << 8,
  STORE_TABLE_REMINDERS  = 1 << 9,
  STORE_TABLE_ACTIVITIES = 1 << 10,
  STORE_TABLE_ENTRIES    = 1 << 11,
  STORE_TABLE_STATE      = 1 << 12,
  STORE_TABLE_SEEN       = 1 << 13,
  STORE_TABLE_ALL        = 0xffff,
} StoreTable;

typedef struct _StoreWrite StoreWrite;

struct _ClosenessStore
{
  GObject              parent_instance;

  char                *path;
  char                *dir;
  sqlite3             *db;
  gboolean             snapshot;        /* db is an in-memory copy (read-only fallback) */
  gboolean             read_only;
  char                *read_only_reason;
  char                *recovery_report;
  gboolean             defer_check;     /* CLOSENESS_STORE_OPEN_DEFER_CHECK */
  gboolean             check_pending;   /* opened without its quick_check */
  gboolean             checking;        /* closeness_store_check_async() runs */
  gboolean             replacing;       /* an import or restore runs: writes are refused */
  gboolean             sync_applying;   /* changes come from the server: not queued to send */

  GHashTable          *statements;      /* SQL → prepared sqlite3_stmt on db */
  sqlite3_stmt        *data_version_stmt;
  gint64               last_data_version;
  guint                poll_source;
  GFileMonitor        *dir_monitor;
  guint                change_idle;

  GPtrArray           *lists;           /* live ClosenessRecordList, weak */
  ClosenessRecordList *partners;
  ClosenessRecordList *decks;
  ClosenessRecordList *prompts;
  ClosenessRecordList *events;
  ClosenessRecordList *reminded_events;
  ClosenessRecordList *reminders;
  ClosenessRecordList *activities;
  GArray              *prompt_keys;     /* closeness_store_get_prompt_keys(), until a reload */

  GQueue               pending;         /* StoreWrite that could not be saved yet */
  int                  journal_fd;      /* this process's pending journal, locked; or -1 */
  guint                retry_source;
  guint                retry_interval_sec;
  gint64               last_result_id;

  guint                maintenance_source;
};

typedef gboolean (*StoreWriteFunc) (sqlite3     *db,
                                    gpointer     data,
                                    gint64      *result_id,
                                    GError     **error);

/* One write transaction, kept as data so it can be replayed when it could
 * not be saved (disk full, read-only folder). */
struct _StoreWrite
{
  guint           tables;
  char           *what;        /* "The answer could not be saved." */
  GPtrArray      *statements;  /* StoreStatement */
  StoreWriteFunc  func;        /* or a function for big batches */
  gpointer        data;
  GDestroyNotify  data_free;
  gpointer      (*data_own) (gpointer data);  /* deep copy of borrowed data, kept when pending */
  void          (*to_statements) (StoreWrite *write);  /* or: the same as statements, kept
                                                         * when pending (and journaled) */
  gint64          result_id;
};

/* The object (closeness-store.c) */
void          _closeness_store_set_read_only          (ClosenessStore  *self,
                                                       gboolean         read_only,
                                                       const char      *reason);
void          _closeness_store_close_connection       (ClosenessStore  *self);
sqlite3_stmt *_closeness_store_get_statement          (ClosenessStore  *self,
                                                       const char      *sql,
                                                       int             *rc_out);
void          _closeness_store_notify_pending_writes  (ClosenessStore  *self);
void          _closeness_store_notify_recovery_report (ClosenessStore  *self);
void          _closeness_store_emit_entries_changed   (ClosenessStore  *self);
void          _closeness_store_emit_calendar_changed  (ClosenessStore  *self);

/* Opening and repair (closeness-store-open.c) */
typedef enum
{
  OPEN_OK,
  OPEN_CORRUPT,
  OPEN_CANNOT_WRITE,
  OPEN_FAILED,
} OpenResult;

gboolean    _closeness_store_open                        (ClosenessStore  *self,
                                                          gboolean         allow_recovery,
                                                          GError         **error);
OpenResult  _closeness_store_open_read_write             (const char      *path,
                                                          gboolean         defer_check,
                                                          gboolean        *checked,
                                                          sqlite3        **db_out,
                                                          GError         **error);
void        _closeness_store_ensure_database_file_modes  (const char      *path);

/* The write queue (closeness-store-write.c) */
StoreWrite *_store_write_new        (guint        tables,
                                     const char  *what);
void        _store_write_free       (StoreWrite  *write);
void        _store_write_add        (StoreWrite  *write,
                                     gboolean     must_change,
                                     const char  *sql,
                                     GVariant    *params);
gboolean    _closeness_store_run    (ClosenessStore  *self,
                                     StoreWrite      *write,
                                     GError         **error);
sqlite3    *_closeness_store_get_db (ClosenessStore  *self);
guint       _closeness_store_open_journals  (ClosenessStore  *self);
void        _closeness_store_save_journal   (ClosenessStore  *self);
void        _closeness_store_schedule_retry (ClosenessStore  *self);

/* The change monitor (closeness-store-monitor.c) */
ClosenessRecordList *_closeness_store_track_list (ClosenessStore      *self,
                                                  ClosenessRecordList *list);
void        _closeness_store_untrack_lists      (ClosenessStore  *self);
void        _closeness_store_reload_lists       (ClosenessStore  *self,
                                                 guint            tables);
void        _closeness_store_watch_data_folder  (ClosenessStore  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoreWrite, _store_write_free)

/* Schema (closeness-store-schema.c) */
gboolean    _closeness_store_migrate            (sqlite3     *db,
                                                 int          target_version,
                                                 GError     **error);
int         _closeness_store_read_user_version  (sqlite3     *db,
                                                 GError     **error);
gboolean    _closeness_store_exec               (sqlite3     *db,
                                                 const char  *sql,
                                                 GError     **error);
void        _closeness_store_configure          (sqlite3     *db);
void        _closeness_store_set_error_from_rc  (GError     **error,
                                                 sqlite3     *db,
                                                 int          rc,
                                                 const char  *what);
int         _closeness_store_error_code_from_rc (sqlite3     *db,
                                                 int          rc);
const char * const *_closeness_store_data_tables (void);

/* Validation (closeness-store-records.c, closeness-store-calendar.c), also for imports */
gboolean    _closeness_store_check_day          (const char  *day,
                                                 GError     **error);
gboolean    _closeness_store_check_text         (const char  *text,
                                                 glong        min_chars,
                                                 glong        max_chars);
gboolean    _closeness_store_check_calendar_day (const char  *day);
gboolean    _closeness_store_check_dtstart      (const char  *dtstart);
gboolean    _closeness_store_check_tzid         (const char  *tzid,
                                                 GHashTable  *known);
gboolean    _closeness_store_check_time_of_day  (const char  *time_of_day);
gboolean    _closeness_store_is_color           (const char  *color);

/* How far ahead of its evening an event reminder may ring, in minutes. */
#define CLOSENESS_STORE_MAX_REMINDER_OFFSET (4 * 7 * 24 * 60)

/* Recovery (closeness-store-salvage.c) */
gboolean    _closeness_store_salvage            (const char  *target_path,
                                                 const char  *damaged_path,
                                                 guint       *n_recovered,
                                                 GPtrArray  **damaged_tables);

/* Whole-data import (closeness-store-import.c) */
gboolean    _closeness_store_prepare_import     (const char  *source_path,
                                                 const char  *incoming_path,
                                                 GError     **error);
gboolean    _closeness_store_is_local_state_key (const char  *key);
sqlite3    *_closeness_store_open_reference     (int          version,
                                                 GError     **error);

/* Files (closeness-store-backup.c) */
gboolean    _closeness_store_ensure_private_dir  (const char  *path,
                                                  GError     **error);
gboolean    _closeness_store_ensure_private_file (const char  *path,
                                                  gboolean     create,
                                                  GError     **error);
gboolean    _closeness_store_copy_database       (const char  *source_path,
                                                  const char  *dest_path,
                                                  GError     **error);
gboolean    _closeness_store_check_database_file (const char  *path,
                                                  gboolean     full_check,
                                                  int         *user_version,
                                                  GError     **error);
gboolean    _closeness_store_check_connection    (sqlite3     *db,
                                                  gboolean     full_check,
                                                  int         *user_version,
                                                  GError     **error);
GPtrArray  *_closeness_store_find_backups        (const char  *backup_dir);
char       *_closeness_store_backup_dir          (ClosenessStore *self);
void        _closeness_store_fsync_dir           (const char  *dir);
void        _closeness_store_reload_all          (ClosenessStore *self);
void        _closeness_store_emit_changed_elsewhere (ClosenessStore *self);
void        _closeness_store_set_replacing       (ClosenessStore *self,
                                                  gboolean        replacing);

/* Tests only: a page limit stands in for a full disk where tmpfs cannot be mounted. */
void        _closeness_store_set_max_page_count  (ClosenessStore *self,
                                                  gint64          max_pages);
void        _closeness_store_set_poll_interval   (ClosenessStore *self,
                                                  guint           msec);

G_END_DECLS
