/* closeness-store-backup.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "closeness-store-private.h"

/* Files, backups, export and import. Everything that copies a database
 * runs on its own connection in a worker thread; the main connection only
 * notices the result through PRAGMA data_version. */

#define BACKUPS_DAILY  7
#define BACKUPS_WEEKLY 4
#define BACKUPS_RECENT 12
#define BACKUP_MAX_AGE (G_TIME_SPAN_DAY)

static gboolean
set_io_error (GError     **error,
              int          errnum,
              const char  *what)
{
  int code = CLOSENESS_STORE_ERROR_FAILED;

  if (errnum == ENOSPC || errnum == EDQUOT)
    code = CLOSENESS_STORE_ERROR_DISK_FULL;
  else if (errnum == EROFS || errnum == EACCES || errnum == EPERM)
    code = CLOSENESS_STORE_ERROR_READ_ONLY;

  g_set_error (error, CLOSENESS_STORE_ERROR, code, "%s (%s)", what, g_strerror (errnum));

  return FALSE;
}

/* The data folder: created 0700, tightened if it exists looser. */
gboolean
_closeness_store_ensure_private_dir (const char  *path,
                                     GError     **error)
{
  GStatBuf st;

  if (g_mkdir_with_parents (path, 0700) != 0)
    return set_io_error (error, errno, _("The data folder could not be created."));

  if (g_stat (path, &st) != 0)
    return set_io_error (error, errno, _("The data folder could not be read."));

  /* Only take access away from others; a folder the person made
   * read-only for themselves stays so (the store then opens read-only). */
  if ((st.st_mode & 0077) != 0)
    {
      if (g_chmod (path, st.st_mode & 0700) != 0 || g_stat (path, &st) != 0
          || (st.st_mode & 0077) != 0)
        g_warning ("Could not make the data folder private (%s)", g_strerror (errno));
    }

  if (access (path, W_OK) != 0)
    return set_io_error (error, errno, _("The data folder cannot be written to."));

  return TRUE;
}

/* Creates @path empty with mode 0600 (when @create), or tightens it. The
 * mode is checked afterwards; umask is not trusted. */
gboolean
_closeness_store_ensure_private_file (const char  *path,
                                      gboolean     create,
                                      GError     **error)
{
  GStatBuf st;

  if (create)
    {
      int fd = g_open (path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);

      if (fd < 0)
        return set_io_error (error, errno, _("The data file could not be created."));

      if (fchmod (fd, 0600) != 0)
        {
          int saved = errno;

          close (fd);
          if (access (path, W_OK) != 0)
            return set_io_error (error, saved, _("The data file cannot be written to."));
        }
      else
        close (fd);
    }

  if (g_stat (path, &st) != 0)
    return set_io_error (error, errno, _("The data file could not be read."));

  if ((st.st_mode & 0077) != 0
      && (g_chmod (path, st.st_mode & 0600) != 0 || g_stat (path, &st) != 0
          || (st.st_mode & 0077) != 0))
    g_warning ("Could not make a data file private (%s)", g_strerror (errno));

  if (access (path, W_OK) != 0)
    return set_io_error (error, errno, _("The data file cannot be written to."));

  return TRUE;
}

void
_closeness_store_fsync_dir (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

char *
_closeness_store_backup_dir (ClosenessStore *self)
{
  return g_build_filename (self->dir, "backups", NULL);
}

static sqlite3 *
open_source (const char  *path,
             GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _closeness_store_set_error_from_rc (error, db, rc, _("The file could not be opened."));
      sqlite3_close (db);
      return NULL;
    }

  _closeness_store_configure (db);

  return db;
}

/* A consistent copy of @source_path at @dest_path (replaced), mode 0600,
 * synced, in rollback-journal mode so it is one self-contained file. */
gboolean
_closeness_store_copy_database (const char  *source_path,
                                const char  *dest_path,
                                GError     **error)
{
  sqlite3 *source = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int rc;

  if (g_unlink (dest_path) != 0 && errno != ENOENT)
    return set_io_error (error, errno, _("The copy could not be written."));

  if (!_closeness_store_ensure_private_file (dest_path, TRUE, error))
    return FALSE;

  if (!(source = open_source (source_path, error)))
    return FALSE;

  rc = sqlite3_open_v2 (dest_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    goto out;

  _closeness_store_configure (dest);
  sqlite3_exec (dest, "PRAGMA synchronous = FULL", NULL, NULL, NULL);

  backup = sqlite3_backup_init (dest, "main", source, "main");
  if (backup == NULL)
    {
      rc = sqlite3_extended_errcode (dest);
      goto out;
    }

  do
    rc = sqlite3_backup_step (backup, -1);
  while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  rc = sqlite3_backup_finish (backup);
  if (rc != SQLITE_OK)
    {
      rc = sqlite3_extended_errcode (dest);
      goto out;
    }

  rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);

out:
  if (rc != SQLITE_OK)
    _closeness_store_set_error_from_rc (error, dest, rc, _("The copy could not be written."));

  sqlite3_close (source);
  sqlite3_close (dest);

  if (rc != SQLITE_OK)
    {
      g_unlink (dest_path);
      return FALSE;
    }

  _closeness_store_ensure_private_file (dest_path, FALSE, NULL);

  return TRUE;
}

/* On a read-write connection: a read-only one skips CHECK constraints. */
gboolean
_closeness_store_check_connection (sqlite3     *db,
                  gboolean     full_check,
                  int         *user_version,
                  GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int version;
  int app_id = -1;
  int rc;

  rc = sqlite3_prepare_v2 (db, full_check ? "PRAGMA integrity_check" : "PRAGMA quick_check",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  else
    rc = sqlite3_extended_errcode (db);
  sqlite3_finalize (stmt);

  if (!ok)
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_CORRUPT,
                   _("The file is damaged or is not a Closeness file."));
      return FALSE;
    }

  if (sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    app_id = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  version = _closeness_store_read_user_version (db, error);
  if (version < 0)
    return FALSE;

  if (version == 0 || app_id != CLOSENESS_STORE_APPLICATION_ID)
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                   _("The file is not a Closeness file."));
      return FALSE;
    }

  if (version > CLOSENESS_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_TOO_NEW,
                   _("The file was saved by a newer version of Closeness."));
      return FALSE;
    }

  if (user_version != NULL)
    *user_version = version;

  return TRUE;
}

/* Checks a file without writing to it: integrity (or quick) check, our
 * application id, a schema version this build understands. */
gboolean
_closeness_store_check_database_file (const char  *path,
                                      gboolean     full_check,
                                      int         *user_version,
                                      GError     **error)
{
  sqlite3 *db;
  gboolean ret;

  if (!(db = open_source (path, error)))
    return FALSE;

  ret = _closeness_store_check_connection (db, full_check, user_version, error);
  sqlite3_close (db);

  return ret;
}

static gboolean
parse_backup_name (const char  *name,
                   GDateTime  **date)
{
  int y, mo, d, h, mi, s, n;
  char tail[8] = "";

  if (!g_str_has_prefix (name, "closeness-") || !g_str_has_suffix (name, ".db"))
    return FALSE;

  n = sscanf (name, "closeness-%4d%2d%2d-%2d%2d%2d%7s", &y, &mo, &d, &h, &mi, &s, tail);
  if (n < 7)
    return FALSE;

  *date = g_date_time_new_local (y, mo, d, h, mi, s);

  return *date != NULL;
}

/* Two backups in the same second are named closeness-STAMP.db and
 * closeness-STAMP-2.db, -3.db, ...: the number orders them. */
static guint
backup_sequence (ClosenessBackup *backup)
{
  g_autofree char *name = g_path_get_basename (closeness_backup_get_path (backup));
  const char *tail = name + strlen ("closeness-YYYYMMDD-HHMMSS");

  return tail[0] == '-' ? (guint) g_ascii_strtoull (tail + 1, NULL, 10) : 1;
}

static int
compare_backups_newest_first (gconstpointer a,
                              gconstpointer b)
{
  ClosenessBackup *ba = *(ClosenessBackup **) a;
  ClosenessBackup *bb = *(ClosenessBackup **) b;
  int cmp = g_date_time_compare (closeness_backup_get_date (bb), closeness_backup_get_date (ba));

  if (cmp == 0)
    cmp = (int) backup_sequence (bb) - (int) backup_sequence (ba);

  return cmp;
}

/* Backup files in @backup_dir, newest first. */
GPtrArray *
_closeness_store_find_backups (const char *backup_dir)
{
  GPtrArray *backups = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDir) dir = g_dir_open (backup_dir, 0, NULL);
  const char *name;

  if (dir == NULL)
    return backups;

  while ((name = g_dir_read_name (dir)))
    {
      g_autoptr(GDateTime) date = NULL;
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!parse_backup_name (name, &date))
        continue;

      path = g_build_filename (backup_dir, name, NULL);
      if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;

      g_ptr_array_add (backups, g_object_new (CLOSENESS_TYPE_BACKUP,
                                              "path", path,
                                              "date", date,
                                              "size", (gint64) st.st_size,
                                              NULL));
    }

  g_ptr_array_sort (backups, compare_backups_newest_first);

  return backups;
}

/* Keeps every backup of the last 24 hours (at most 12: a restore made this
 * morning must not remove the backup it came from), then the newest backup
 * of each of the last 7 days that have one, then the newest of each of the
 * 4 weeks before; removes the rest. */
static void
rotate_backups (const char *backup_dir)
{
  g_autoptr(GPtrArray) backups = _closeness_store_find_backups (backup_dir);
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) weeks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  guint n_recent = 0;

  for (guint i = 0; i < backups->len; i++)
    {
      ClosenessBackup *backup = g_ptr_array_index (backups, i);
      GDateTime *date = closeness_backup_get_date (backup);
      g_autofree char *day = g_date_time_format (date, "%Y-%m-%d");
      g_autofree char *week = g_date_time_format (date, "%G-%V");
      gboolean keep = FALSE;

      if (g_date_time_difference (now, date) < BACKUP_MAX_AGE && n_recent < BACKUPS_RECENT)
        {
          n_recent++;
          if (!g_hash_table_contains (days, day))
            g_hash_table_add (days, g_steal_pointer (&day));
          keep = TRUE;
        }
      else if (g_hash_table_contains (days, day))
        keep = FALSE;
      else if (g_hash_table_size (days) < BACKUPS_DAILY)
        {
          g_hash_table_add (days, g_steal_pointer (&day));
          keep = TRUE;
        }
      else if (!g_hash_table_contains (weeks, week) && g_hash_table_size (weeks) < BACKUPS_WEEKLY)
        {
          g_hash_table_add (weeks, g_steal_pointer (&week));
          keep = TRUE;
        }

      if (!keep)
        {
          g_debug ("Removing an old backup");
          if (g_unlink (closeness_backup_get_path (backup)) != 0)
            g_warning ("Could not remove an old backup: %s", g_strerror (errno));
        }
    }
}

static ClosenessBackup *
make_backup (const char  *db_path,
             const char  *backup_dir,
             GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *path = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(GDateTime) date = NULL;
  GStatBuf st;

  if (!_closeness_store_ensure_private_dir (backup_dir, error))
    {
      g_prefix_error (error, "%s ", _("The backup could not be made."));
      return NULL;
    }

  path = g_strdup_printf ("%s/closeness-%s.db", backup_dir, stamp);
  for (guint i = 2; g_file_test (path, G_FILE_TEST_EXISTS); i++)
    {
      g_free (path);
      path = g_strdup_printf ("%s/closeness-%s-%u.db", backup_dir, stamp, i);
    }

  tmp = g_strdup_printf ("%s/.closeness-%s.db.part", backup_dir, stamp);

  if (!_closeness_store_copy_database (db_path, tmp, error) ||
      !_closeness_store_check_database_file (tmp, FALSE, NULL, error))
    {
      g_unlink (tmp);
      g_prefix_error (error, "%s ", _("The backup could not be made."));
      return NULL;
    }

  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      set_io_error (error, saved, _("The backup could not be made."));
      return NULL;
    }

  _closeness_store_fsync_dir (backup_dir);
  rotate_backups (backup_dir);

  g_stat (path, &st);
  date = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                g_date_time_get_day_of_month (now), g_date_time_get_hour (now),
                                g_date_time_get_minute (now), g_date_time_get_second (now));

  g_debug ("Backup made");

  return g_object_new (CLOSENESS_TYPE_BACKUP,
                       "path", path,
                       "date", date,
                       "size", (gint64) st.st_size,
                       NULL);
}

typedef struct
{
  char  *db_path;
  char  *backup_dir;
  char  *source_path;   /* restore, import: the file to read; export: the target */
} WorkerData;

static void
worker_data_free (gpointer data)
{
  WorkerData *wd = data;

  g_free (wd->db_path);
  g_free (wd->backup_dir);
  g_free (wd->source_path);
  g_free (wd);
}

static WorkerData *
worker_data_new (ClosenessStore *self,
                 const char     *source_path)
{
  WorkerData *wd = g_new0 (WorkerData, 1);

  wd->db_path = g_strdup (self->path);
  wd->backup_dir = _closeness_store_backup_dir (self);
  wd->source_path = g_strdup (source_path);

  return wd;
}

static gboolean
check_writable (ClosenessStore  *self,
                GError         **error)
{
  if (self->read_only)
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_READ_ONLY,
                   "%s", self->read_only_reason);
      return FALSE;
    }

  return TRUE;
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  WorkerData *wd = task_data;
  GError *error = NULL;
  ClosenessBackup *backup;

  backup = make_backup (wd->db_path, wd->backup_dir, &error);

  if (backup != NULL)
    g_task_return_pointer (task, backup, g_object_unref);
  else
    g_task_return_error (task, error);
}

/**
 * closeness_store_backup_now_async:
 *
 * Makes a backup in `backups/` next to the database, in a worker thread,
 * and rotates old ones (7 daily, 4 weekly).
 */
void
closeness_store_backup_now_async (ClosenessStore      *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CLOSENESS_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, closeness_store_backup_now_async);

  if (self->snapshot)
    {
      g_task_return_new_error (task, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_READ_ONLY,
                               "%s %s", _("The backup could not be made."),
                               self->read_only_reason);
      return;
    }

  g_task_set_task_data (task, worker_data_new (self, NULL), worker_data_free);
  g_task_run_in_thread (task, backup_thread);
}

/**
 * closeness_store_backup_now_finish:
 *
 * Returns: (transfer full): the new backup
 */
ClosenessBackup *
closeness_store_backup_now_finish (ClosenessStore  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * closeness_store_list_backups:
 *
 * Returns: (transfer full): a list of #ClosenessBackup, newest first
 */
GListModel *
closeness_store_list_backups (ClosenessStore *self)
{
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  GListStore *store;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  dir = _closeness_store_backup_dir (self);
  backups = _closeness_store_find_backups (dir);
  store = g_list_store_new (CLOSENESS_TYPE_BACKUP);
  g_list_store_splice (store, 0, 0, backups->pdata, backups->len);

  return G_LIST_MODEL (store);
}

static char *
column_list (sqlite3    *db,
             const char *table)
{
  g_autoptr(GString) cols = g_string_new (NULL);
  g_autofree char *sql = g_strdup_printf ("PRAGMA main.table_info(%s)", table);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          if (cols->len > 0)
            g_string_append (cols, ", ");
          g_string_append_printf (cols, "\"%s\"", (const char *) sqlite3_column_text (stmt, 1));
        }
    }
  sqlite3_finalize (stmt);

  return g_string_free (g_steal_pointer (&cols), FALSE);
}

static void
local_key_func (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  sqlite3_result_int (context, _closeness_store_is_local_state_key (
                                 (const char *) sqlite3_value_text (argv[0])));
}

/* Replaces all data in the live database with the data of @incoming_path
 * (already checked and migrated), in one transaction on a new connection. */
static gboolean
replace_data (const char  *db_path,
              const char  *incoming_path,
              GError     **error)
{
  const char * const *tables = _closeness_store_data_tables ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_tables = g_strv_length ((char **) tables);
  int rc;

  rc = sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    goto failed;

  _closeness_store_configure (db);
  sqlite3_exec (db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);

  rc = sqlite3_prepare_v2 (db, "ATTACH ? AS incoming", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, incoming_path, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt) == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode (db);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    goto failed;

  /* Every table and column we copy must be there before anything goes. */
  for (guint i = 0; i < n_tables; i++)
    {
      g_autofree char *cols = column_list (db, tables[i]);
      g_autofree char *sql =
        g_strdup_printf ("SELECT %s FROM incoming.%s LIMIT 0", cols, tables[i]);

      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          sqlite3_finalize (stmt);
          sqlite3_close (db);
          g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                       "%s %s", _("Nothing was changed."), _("The file is not a Closeness file."));
          return FALSE;
        }
      sqlite3_finalize (stmt);
      stmt = NULL;
    }

  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    goto failed;

  rc = sqlite3_exec (db, "PRAGMA defer_foreign_keys = ON;"
                         "UPDATE store_meta SET value = value + 1 WHERE key = 'txn_seq'",
                     NULL, NULL, NULL);

  /* This computer's own settings (where "Print to File" writes) stay. */
  sqlite3_create_function (db, "closeness_local_key", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                           NULL, local_key_func, NULL, NULL);

  for (guint i = n_tables; rc == SQLITE_OK && i > 0; i--)
    {
      gboolean state = g_str_equal (tables[i - 1], "app_state");
      g_autofree char *sql = g_strdup_printf ("DELETE FROM main.%s%s", tables[i - 1],
                                              state ? " WHERE NOT closeness_local_key (key)" : "");

      rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
    }

  for (guint i = 0; rc == SQLITE_OK && i < n_tables; i++)
    {
      gboolean state = g_str_equal (tables[i], "app_state");
      g_autofree char *cols = column_list (db, tables[i]);
      g_autofree char *sql =
        g_strdup_printf ("INSERT INTO main.%s (%s) SELECT %s FROM incoming.%s%s", tables[i], cols,
                         cols, tables[i], state ? " WHERE NOT closeness_local_key (key)" : "");

      rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
    }

  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      rc = sqlite3_extended_errcode (db);
      if (!sqlite3_get_autocommit (db))
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      goto failed;
    }

  sqlite3_exec (db, "DETACH incoming", NULL, NULL, NULL);
  sqlite3_close (db);

  return TRUE;

failed:
  {
    int code = _closeness_store_error_code_from_rc (db, rc);

    if (code == CLOSENESS_STORE_ERROR_INVALID_INPUT || code == CLOSENESS_STORE_ERROR_NOT_FOUND)
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                   "%s %s", _("Nothing was changed."),
                   _("The file has data that does not fit together."));
    else
      _closeness_store_set_error_from_rc (error, db, rc, _("Nothing was changed."));

    sqlite3_close (db);
    return FALSE;
  }
}

/* Checks @source_path on a private copy brought to our schema version,
 * then backs up the current data and replaces it. A refused file changes
 * nothing: no backup is made and none is rotated away. */
static gboolean
restore_from_file (const char  *db_path,
                   const char  *backup_dir,
                   const char  *source_path,
                   GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *tmp = g_build_filename (dir, ".closeness-incoming.db", NULL);
  g_autofree char *journal = g_strconcat (tmp, "-journal", NULL);
  g_autoptr(ClosenessBackup) safety = NULL;
  gboolean ok = FALSE;

  if (!_closeness_store_prepare_import (source_path, tmp, error))
    return FALSE;

  if (!(safety = make_backup (db_path, backup_dir, error)))
    {
      g_prefix_error (error, "%s ", _("Nothing was changed."));
      goto out;
    }

  ok = replace_data (db_path, tmp, error);

out:
  g_unlink (tmp);
  g_unlink (journal);

  return ok;
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  WorkerData *wd = task_data;
  GError *error = NULL;

  if (restore_from_file (wd->db_path, wd->backup_dir, wd->source_path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
replace_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ClosenessStore *self = CLOSENESS_STORE (object);
  g_autoptr(GTask) outer = user_data;
  GError *error = NULL;

  _closeness_store_set_replacing (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }

  /* The data changed under the models: refresh them (by id, not a reset). */
  closeness_store_check_for_changes (self);
  _closeness_store_reload_all (self);

  g_task_return_boolean (outer, TRUE);
}

static void
start_replace (ClosenessStore      *self,
               const char          *source_path,
               gpointer             source_tag,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  GError *error = NULL;

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, source_tag);

  if (!check_writable (self, &error))
    {
      g_task_return_error (outer, error);
      return;
    }

  if (source_path == NULL)
    {
      g_task_return_new_error (outer, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                               "%s %s", _("Nothing was changed."),
                               _("Only local files can be imported."));
      return;
    }

  /* Waiting changes are replayed by row id: after a replacement they would
   * land on other rows. They are saved (or given up) first. */
  if (self->pending.length > 0)
    {
      g_task_return_new_error (outer, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_PENDING,
                               "%s %s", _("Nothing was changed."),
                               _("Some of your changes are still waiting to be saved. "
                                 "Save them first with “Try Again”."));
      return;
    }

  if (self->replacing)
    {
      g_task_return_new_error (outer, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_REPLACING,
                               "%s %s", _("Nothing was changed."),
                               _("Your data is being replaced right now."));
      return;
    }

  _closeness_store_set_replacing (self, TRUE);
  inner = g_task_new (self, cancellable, replace_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, source_tag);
  g_task_set_task_data (inner, worker_data_new (self, source_path), worker_data_free);
  g_task_run_in_thread (inner, restore_thread);
}

/**
 * closeness_store_restore_backup_async:
 *
 * Backs up the current data, then replaces it with @backup. Models are
 * refreshed when done.
 */
void
closeness_store_restore_backup_async (ClosenessStore      *self,
                                      ClosenessBackup     *backup,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (CLOSENESS_IS_STORE (self));
  g_return_if_fail (CLOSENESS_IS_BACKUP (backup));

  start_replace (self, closeness_backup_get_path (backup),
                 closeness_store_restore_backup_async,
                 cancellable, callback, user_data);
}

gboolean
closeness_store_restore_backup_finish (ClosenessStore  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * closeness_store_import_async:
 *
 * Replaces all data with the data of an exported file, after checking it
 * (quick_check, application id, schema version) and backing up the current
 * data. A bad file changes nothing and the error says why.
 */
void
closeness_store_import_async (ClosenessStore      *self,
                              GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (CLOSENESS_IS_STORE (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  start_replace (self, path, closeness_store_import_async, cancellable, callback, user_data);
}

gboolean
closeness_store_import_finish (ClosenessStore  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  WorkerData *wd = task_data;
  g_autofree char *tmp = g_strconcat (wd->source_path, ".part", NULL);
  g_autofree char *dir = g_path_get_dirname (wd->source_path);
  GError *error = NULL;

  if (!_closeness_store_copy_database (wd->db_path, tmp, &error))
    {
      g_prefix_error (&error, "%s ", _("The export could not be written."));
      g_task_return_error (task, error);
      return;
    }

  if (g_rename (tmp, wd->source_path) != 0)
    {
      set_io_error (&error, errno, _("The export could not be written."));
      g_unlink (tmp);
      g_task_return_error (task, error);
      return;
    }

  _closeness_store_fsync_dir (dir);
  _closeness_store_ensure_private_file (wd->source_path, FALSE, NULL);
  g_task_return_boolean (task, TRUE);
}

/**
 * closeness_store_export_async:
 *
 * Writes all data to @file as one SQLite file, mode 0600.
 */
void
closeness_store_export_async (ClosenessStore      *self,
                              GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (CLOSENESS_IS_STORE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, closeness_store_export_async);

  path = g_file_get_path (file);
  if (path == NULL || self->snapshot)
    {
      g_task_return_new_error (task, CLOSENESS_STORE_ERROR,
                               path == NULL ? CLOSENESS_STORE_ERROR_INVALID_INPUT
                                            : CLOSENESS_STORE_ERROR_READ_ONLY,
                               "%s", _("The export could not be written."));
      return;
    }

  g_task_set_task_data (task, worker_data_new (self, path), worker_data_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
closeness_store_export_finish (ClosenessStore  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
maintenance_backup_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ClosenessBackup) backup = NULL;
  g_autoptr(GError) error = NULL;

  backup = closeness_store_backup_now_finish (CLOSENESS_STORE (object), result, &error);
  if (backup == NULL)
    g_warning ("The automatic backup failed: %s", error->message);
}

static gboolean
maintenance_idle_cb (gpointer data)
{
  ClosenessStore *self = data;
  g_autofree char *dir = _closeness_store_backup_dir (self);
  g_autoptr(GPtrArray) backups = _closeness_store_find_backups (dir);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->maintenance_source = 0;

  if (self->snapshot)
    return G_SOURCE_REMOVE;

  if (backups->len == 0 ||
      g_date_time_difference (now, closeness_backup_get_date (g_ptr_array_index (backups, 0)))
      >= BACKUP_MAX_AGE)
    closeness_store_backup_now_async (self, NULL, maintenance_backup_cb, NULL);

  return G_SOURCE_REMOVE;
}

/**
 * closeness_store_schedule_maintenance:
 *
 * Call once after the window is shown: when the newest backup is older than
 * a day, a new one is made in a worker thread, off the start-up path.
 */
void
closeness_store_schedule_maintenance (ClosenessStore *self)
{
  g_return_if_fail (CLOSENESS_IS_STORE (self));

  if (self->maintenance_source == 0)
    self->maintenance_source = g_idle_add_full (G_PRIORITY_LOW, maintenance_idle_cb, self, NULL);
}
