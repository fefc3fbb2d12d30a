/* closeness-store.c
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
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "closeness-partner-private.h"
#include "closeness-store-private.h"

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

typedef struct
{
  char     *sql;
  GVariant *params;
  gboolean  must_change;
} StoreStatement;

static void
store_statement_free (gpointer data)
{
  StoreStatement *statement = data;

  g_free (statement->sql);
  g_clear_pointer (&statement->params, g_variant_unref);
  g_free (statement);
}

StoreWrite *
_store_write_new (guint       tables,
                  const char *what)
{
  StoreWrite *write = g_new0 (StoreWrite, 1);

  write->tables = tables;
  write->what = g_strdup (what);
  write->statements = g_ptr_array_new_with_free_func (store_statement_free);

  return write;
}

void
_store_write_free (StoreWrite *write)
{
  if (write == NULL)
    return;

  g_clear_pointer (&write->statements, g_ptr_array_unref);
  if (write->data_free != NULL)
    g_clear_pointer (&write->data, write->data_free);
  g_free (write->what);
  g_free (write);
}

/* @must_change: the statement has to touch a row, else the write fails
 * with NOT_FOUND (an update of an id that does not exist). */
void
_store_write_add (StoreWrite *write,
                  gboolean    must_change,
                  const char *sql,
                  GVariant   *params)
{
  StoreStatement *statement = g_new0 (StoreStatement, 1);

  statement->sql = g_strdup (sql);
  statement->params = params != NULL ? g_variant_ref_sink (params) : NULL;
  statement->must_change = must_change;
  g_ptr_array_add (write->statements, statement);
}

static void
set_read_only (ClosenessStore *self,
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

static void
close_connection (ClosenessStore *self)
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

static sqlite3_stmt *
get_statement (ClosenessStore  *self,
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

sqlite3 *
_closeness_store_get_db (ClosenessStore *self)
{
  return self->db;
}

/* Fixes the mode of a file the store owns, and checks the result. */
static void
ensure_file_mode (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return;

  if ((st.st_mode & 0077) != 0)
    {
      if (g_chmod (path, st.st_mode & 0600) != 0 || g_stat (path, &st) != 0 || (st.st_mode & 0077) != 0)
        g_warning ("Could not make a data file private (%s)", g_strerror (errno));
    }
}

static void
ensure_database_file_modes (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  ensure_file_mode (path);
  ensure_file_mode (wal);
  ensure_file_mode (shm);
}

static gboolean
run_quick_check (sqlite3  *db,
                 int      *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
          rc = ok ? SQLITE_OK : SQLITE_CORRUPT;
        }
      else if (rc == SQLITE_DONE)
        rc = SQLITE_CORRUPT;
      else
        rc = sqlite3_extended_errcode (db);
    }
  else
    rc = sqlite3_extended_errcode (db);

  sqlite3_finalize (stmt);
  *rc_out = rc;

  return ok;
}

static int
read_application_id (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int id = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA application_id", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int (stmt, 0);

  sqlite3_finalize (stmt);

  return id;
}

typedef enum
{
  OPEN_OK,
  OPEN_CORRUPT,
  OPEN_CANNOT_WRITE,
  OPEN_FAILED,
} OpenResult;

/* Opens @path read-write with all our settings, checks it and migrates it.
 * With @defer_check the quick_check (it reads every page) is left for
 * later when the file is already at our schema version; a file about to be
 * migrated is always checked first. @checked says whether it ran. On
 * OPEN_CANNOT_WRITE @error says why (read-only or disk full). */
static OpenResult
open_read_write (const char  *path,
                 gboolean     defer_check,
                 gboolean    *checked,
                 sqlite3    **db_out,
                 GError     **error)
{
  sqlite3 *db = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean is_wal = FALSE;
  int version;
  int rc;
  int code;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    goto failed;

  _closeness_store_configure (db);

  version = _closeness_store_read_user_version (db, &local_error);
  if (version < 0)
    {
      rc = sqlite3_extended_errcode (db);
      if (rc == SQLITE_OK)
        {
          /* Readable, but no version of ours. */
          sqlite3_close (db);
          g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_FAILED,
                       _("The data file does not belong to Closeness; it was left unchanged."));
          return OPEN_FAILED;
        }
      goto failed;
    }

  *checked = !defer_check || version != CLOSENESS_STORE_SCHEMA_VERSION;
  if (*checked && !run_quick_check (db, &rc))
    goto failed;

  if (version > CLOSENESS_STORE_SCHEMA_VERSION)
    {
      sqlite3_close (db);
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_TOO_NEW,
                   _("The data was saved by a newer version of Closeness. "
                     "Please update Closeness to open it; the file was left unchanged."));
      return OPEN_FAILED;
    }

  if (version > 0 && read_application_id (db) != CLOSENESS_STORE_APPLICATION_ID)
    {
      sqlite3_close (db);
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_FAILED,
                   _("The data file does not belong to Closeness; it was left unchanged."));
      return OPEN_FAILED;
    }

  rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          is_wal = g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
          rc = SQLITE_OK;
        }
      else
        rc = sqlite3_extended_errcode (db);
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    goto failed;

  if (!is_wal)
    {
      /* WAL could not be switched on: the folder is most likely read-only. */
      rc = SQLITE_READONLY;
      goto failed;
    }

  rc = sqlite3_exec (db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    goto failed;

  if (!_closeness_store_migrate (db, CLOSENESS_STORE_SCHEMA_VERSION, &local_error))
    {
      code = local_error->code;
      sqlite3_close (db);
      if (code == CLOSENESS_STORE_ERROR_READ_ONLY || code == CLOSENESS_STORE_ERROR_DISK_FULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return OPEN_CANNOT_WRITE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return code == CLOSENESS_STORE_ERROR_CORRUPT ? OPEN_CORRUPT : OPEN_FAILED;
    }

  ensure_database_file_modes (path);

  *db_out = db;
  return OPEN_OK;

failed:
  rc = rc != SQLITE_OK ? rc : SQLITE_ERROR;
  code = _closeness_store_error_code_from_rc (db, rc);
  g_clear_error (&local_error);
  _closeness_store_set_error_from_rc (error, db, rc, _("The data could not be opened."));
  sqlite3_close (db);

  switch (code)
    {
    case CLOSENESS_STORE_ERROR_CORRUPT:
      return OPEN_CORRUPT;

    case CLOSENESS_STORE_ERROR_READ_ONLY:
    case CLOSENESS_STORE_ERROR_DISK_FULL:
      return OPEN_CANNOT_WRITE;

    default:
      return OPEN_FAILED;
    }
}

/* The fallback when the file cannot be written: a private in-memory copy
 * of what is on disk. The person sees their data; nothing is written. */
static gboolean
open_snapshot (ClosenessStore  *self,
               gboolean         copy_file,
               GError         **error)
{
  sqlite3 *source = NULL;
  sqlite3 *memory = NULL;
  int rc;

  if (copy_file && g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *uri = NULL;
      int ignored;

      rc = sqlite3_open_v2 (self->path, &source, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
      if (rc == SQLITE_OK)
        {
          _closeness_store_configure (source);
          rc = sqlite3_exec (source, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
        }

      if (rc != SQLITE_OK)
        {
          g_autofree char *escaped = g_uri_escape_string (self->path, "/", FALSE);

          /* In WAL mode a read-only folder can stop even readers; read the
           * main file as it is. Nothing is written either way. */
          g_clear_pointer (&source, sqlite3_close);
          uri = g_strdup_printf ("file://%s?immutable=1", escaped);
          rc = sqlite3_open_v2 (uri, &source,
                                SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                                NULL);
          if (rc == SQLITE_OK)
            _closeness_store_configure (source);
        }

      if (rc != SQLITE_OK || !run_quick_check (source, &ignored))
        {
          _closeness_store_set_error_from_rc (error, source, rc != SQLITE_OK ? rc : SQLITE_CORRUPT,
                                              _("The data could not be opened."));
          sqlite3_close (source);
          return FALSE;
        }

      if (_closeness_store_read_user_version (source, NULL) > CLOSENESS_STORE_SCHEMA_VERSION)
        {
          sqlite3_close (source);
          g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_TOO_NEW,
                       _("The data was saved by a newer version of Closeness. "
                         "Please update Closeness to open it; the file was left unchanged."));
          return FALSE;
        }
    }

  rc = sqlite3_open_v2 (":memory:", &memory,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _closeness_store_set_error_from_rc (error, memory, rc, _("The data could not be opened."));
      sqlite3_close (memory);
      sqlite3_close (source);
      return FALSE;
    }

  _closeness_store_configure (memory);

  if (source != NULL)
    {
      sqlite3_backup *backup = sqlite3_backup_init (memory, "main", source, "main");

      if (backup != NULL)
        {
          sqlite3_backup_step (backup, -1);
          rc = sqlite3_backup_finish (backup);
        }
      else
        rc = sqlite3_errcode (memory);

      sqlite3_close (source);

      if (rc != SQLITE_OK)
        {
          _closeness_store_set_error_from_rc (error, memory, rc, _("The data could not be opened."));
          sqlite3_close (memory);
          return FALSE;
        }
    }

  if (!_closeness_store_migrate (memory, CLOSENESS_STORE_SCHEMA_VERSION, error))
    {
      sqlite3_close (memory);
      return FALSE;
    }

  self->db = memory;
  self->snapshot = TRUE;

  return TRUE;
}

static char *
format_now_stamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y%m%d-%H%M%S");
}

/* Keeps @from as @to without ever taking @from away: a hard link, or a
 * synced copy where the file system has none. */
static gboolean
keep_copy (const char  *from,
           const char  *to)
{
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) dest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *part = NULL;
  int fd;

  if (!g_file_test (from, G_FILE_TEST_EXISTS) || g_file_test (to, G_FILE_TEST_EXISTS))
    return TRUE;

  if (link (from, to) == 0)
    {
      ensure_file_mode (to);
      return TRUE;
    }

  /* No hard links here: a synced copy under another name first, so a
   * half-made copy is never taken for the kept file. */
  part = g_strconcat (to, ".part", NULL);
  source = g_file_new_for_path (from);
  dest = g_file_new_for_path (part);
  if (!_closeness_store_ensure_private_file (part, TRUE, &error) ||
      !g_file_copy (source, dest, G_FILE_COPY_NOFOLLOW_SYMLINKS | G_FILE_COPY_OVERWRITE,
                    NULL, NULL, NULL, &error))
    {
      g_warning ("Could not keep a damaged data file: %s", error->message);
      g_unlink (part);
      return FALSE;
    }

  ensure_file_mode (part);
  fd = g_open (part, O_RDONLY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }

  if (g_rename (part, to) != 0)
    {
      g_warning ("Could not keep a damaged data file: %s", g_strerror (errno));
      g_unlink (part);
      return FALSE;
    }

  return TRUE;
}

static char *
recovery_marker_path (ClosenessStore *self)
{
  return g_strconcat (self->path, ".recovering", NULL);
}

/* The marker names the kept copy while a recovery runs, so a recovery cut
 * short by a crash is finished at the next start. */
static gboolean
write_recovery_marker (ClosenessStore  *self,
                       const char      *aside)
{
  g_autofree char *marker = recovery_marker_path (self);
  g_autofree char *name = g_path_get_basename (aside);
  g_autoptr(GError) error = NULL;

  /* Written whole or not at all (a temporary file and a rename). */
  if (!g_file_set_contents_full (marker, name, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &error))
    {
      g_warning ("Could not note a recovery in progress: %s", error->message);
      return FALSE;
    }

  _closeness_store_fsync_dir (self->dir);

  return TRUE;
}

/* The kept copy a marker names, if it is one of ours. */
static char *
read_recovery_marker (ClosenessStore *self)
{
  g_autofree char *marker = recovery_marker_path (self);
  g_autofree char *contents = NULL;
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *prefix = g_strconcat (base, ".corrupt-", NULL);

  if (!g_file_get_contents (marker, &contents, NULL, NULL))
    return NULL;

  g_strstrip (contents);
  if (!g_str_has_prefix (contents, prefix) || strchr (contents, '/') != NULL ||
      strlen (contents) > 200 || !g_utf8_validate (contents, -1, NULL))
    {
      /* Not ours, or cut short: a damaged data file is found again by its
       * check and recovered anew. */
      g_debug ("Ignoring a recovery note that does not name a kept data file");
      g_unlink (marker);
      return NULL;
    }

  return g_build_filename (self->dir, contents, NULL);
}

static void
remove_recovery_marker (ClosenessStore *self)
{
  g_autofree char *marker = recovery_marker_path (self);

  g_unlink (marker);
  _closeness_store_fsync_dir (self->dir);
}

static char *
new_aside_path (ClosenessStore *self)
{
  g_autofree char *stamp = format_now_stamp ();
  char *aside = g_strconcat (self->path, ".corrupt-", stamp, NULL);

  for (guint i = 2; g_file_test (aside, G_FILE_TEST_EXISTS); i++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s.corrupt-%s-%u", self->path, stamp, i);
    }

  return aside;
}

/* The newest kept damaged file (the main file, not its -wal), or NULL. */
static char *
find_newest_aside (ClosenessStore *self)
{
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *prefix = g_strconcat (base, ".corrupt-", NULL);
  g_autoptr(GDir) dir = g_dir_open (self->dir, 0, NULL);
  char *newest = NULL;
  const char *name;

  if (dir == NULL)
    return NULL;

  while ((name = g_dir_read_name (dir)))
    {
      if (!g_str_has_prefix (name, prefix) ||
          g_str_has_suffix (name, "-wal") || g_str_has_suffix (name, "-shm"))
        continue;
      if (newest == NULL || strcmp (name, newest) > 0)
        {
          g_free (newest);
          newest = g_strdup (name);
        }
    }

  if (newest == NULL)
    return NULL;

  {
    char *path = g_build_filename (self->dir, newest, NULL);

    g_free (newest);
    return path;
  }
}

/* Copies the newest backup that passes its check to @tmp. */
static ClosenessBackup *
copy_newest_backup (ClosenessStore *self,
                    const char     *tmp)
{
  g_autofree char *backup_dir = _closeness_store_backup_dir (self);
  g_autoptr(GPtrArray) backups = _closeness_store_find_backups (backup_dir);

  for (guint i = 0; i < backups->len; i++)
    {
      ClosenessBackup *backup = g_ptr_array_index (backups, i);
      g_autoptr(GError) check_error = NULL;
      int version = 0;

      if (!_closeness_store_check_database_file (closeness_backup_get_path (backup), TRUE,
                                                 &version, &check_error))
        {
          g_warning ("Skipping a backup that failed its check: %s", check_error->message);
          continue;
        }

      if (!_closeness_store_copy_database (closeness_backup_get_path (backup), tmp, &check_error))
        {
          g_warning ("Could not restore a backup: %s", check_error->message);
          g_unlink (tmp);
          continue;
        }

      return g_object_ref (backup);
    }

  return NULL;
}

/* An empty database at our schema version, for a recovery without backup. */
static gboolean
make_fresh_file (const char *tmp)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  gboolean ok;

  g_unlink (tmp);
  if (!_closeness_store_ensure_private_file (tmp, TRUE, &error) ||
      sqlite3_open_v2 (tmp, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      sqlite3_close (db);
      return FALSE;
    }

  _closeness_store_configure (db);
  sqlite3_exec (db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
  ok = _closeness_store_migrate (db, CLOSENESS_STORE_SCHEMA_VERSION, &error);
  sqlite3_close (db);

  return ok;
}

static void
sync_file (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* The file is damaged: keep it (never delete a person's file), put the
 * newest good backup in its place, and say what happened. Every step can
 * be cut short by a crash: the marker makes the next start finish it, and
 * the data file is replaced by rename(), never removed first.
 * @aside: the kept copy's path when finishing an earlier recovery. */
static gboolean
recover_from_corruption (ClosenessStore  *self,
                         const char      *resume_aside,
                         GError         **error)
{
  g_autofree char *aside = resume_aside != NULL ? g_strdup (resume_aside) : new_aside_path (self);
  g_autofree char *aside_wal = g_strconcat (aside, "-wal", NULL);
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (self->path, "-shm", NULL);
  g_autofree char *tmp = g_strconcat (self->path, ".restoring", NULL);
  g_autoptr(ClosenessBackup) restored = NULL;
  g_autoptr(GPtrArray) unreadable = NULL;
  g_autofree char *salvage_note = NULL;
  gboolean salvaged;
  guint n_salvaged = 0;

  g_warning ("The database failed its integrity check; keeping it aside and recovering");

  if (!write_recovery_marker (self, aside) ||
      !keep_copy (self->path, aside) ||
      !keep_copy (wal, aside_wal))
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_CORRUPT,
                   _("The data file is damaged and could not be kept aside."));
      return FALSE;
    }
  _closeness_store_fsync_dir (self->dir);

  /* The log belongs to the damaged file (kept with it): it must never be
   * applied to the restored one. */
  if ((g_unlink (wal) != 0 && errno != ENOENT) || (g_unlink (shm) != 0 && errno != ENOENT))
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_CORRUPT,
                   _("The data file is damaged and could not be kept aside."));
      return FALSE;
    }
  _closeness_store_fsync_dir (self->dir);

  /* The newest good backup (or, without one, an empty file), with what the
   * damaged file still holds laid over it, made beside the data file and
   * put in its place with one rename(). */
  restored = copy_newest_backup (self, tmp);
  if (restored == NULL && !make_fresh_file (tmp))
    {
      g_unlink (tmp);
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_CORRUPT,
                   _("The data file is damaged and could not be repaired."));
      return FALSE;
    }

  salvaged = _closeness_store_salvage (tmp, aside, &n_salvaged, &unreadable);
  sync_file (tmp);

  if (g_rename (tmp, self->path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_CORRUPT, "%s (%s)",
                   _("The data file is damaged and could not be repaired."), g_strerror (saved));
      return FALSE;
    }
  _closeness_store_fsync_dir (self->dir);

  g_free (self->recovery_report);

  if (!salvaged)
    salvage_note = g_strdup (_("Nothing more could be read from the damaged file."));
  else if (unreadable->len == 0)
    salvage_note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Everything the damaged file still held was "
                                                 "recovered from it (%u change newer than the "
                                                 "backup).",
                                                 "Everything the damaged file still held was "
                                                 "recovered from it (%u changes newer than the "
                                                 "backup).",
                                                 n_salvaged),
                                    n_salvaged);
  else
    salvage_note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u change newer than the backup was recovered "
                                                 "from the damaged file; some of its pages could "
                                                 "not be read, and what was on them is missing.",
                                                 "%u changes newer than the backup were recovered "
                                                 "from the damaged file; some of its pages could "
                                                 "not be read, and what was on them is missing.",
                                                 n_salvaged),
                                    n_salvaged);

  if (restored != NULL)
    {
      g_autofree char *date = g_date_time_format (closeness_backup_get_date (restored), "%c");

      self->recovery_report =
        /* Translators: the first %s is a file path, the second a date and time, the third
         * a sentence saying what could be recovered */
        g_strdup_printf (_("The data file was damaged. It was kept as “%s” and your data was "
                           "restored from the backup of %s. %s"),
                         aside, date, salvage_note);
    }
  else
    {
      self->recovery_report =
        /* Translators: the first %s is a file path, the second a sentence saying what could
         * be recovered */
        g_strdup_printf (_("The data file was damaged. It was kept as “%s”. No usable backup "
                           "was found, so Closeness started from what could be read. %s"),
                         aside, salvage_note);
    }

  g_debug ("Recovery: %u rows salvaged, %u tables partly unreadable", n_salvaged,
           unreadable != NULL ? unreadable->len : 0);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECOVERY_REPORT]);

  return TRUE;
}

/* A data file that holds nothing a person wrote: no names, no welcome. */
static gboolean
is_fresh_database (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean fresh = FALSE;
  GStatBuf st;

  if (g_stat (path, &st) != 0 || st.st_size == 0)
    return TRUE;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db,
                          "SELECT (SELECT count(*) FROM partners WHERE name <> '') + "
                          "       (SELECT count(*) FROM app_state) + "
                          "       (SELECT count(*) FROM events) + "
                          "       (SELECT count(*) FROM answers) + "
                          "       (SELECT count(*) FROM store_meta WHERE key = 'recovered')",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    fresh = sqlite3_column_int (stmt, 0) == 0;

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return fresh;
}

/* A recovery cut short: by this version (a marker is left), or by an
 * earlier one that moved the damaged file away before restoring (no data
 * file, or an empty one made at the next start, beside a kept copy). */
static gboolean
finish_interrupted_recovery (ClosenessStore  *self,
                             gboolean        *resumed,
                             GError         **error)
{
  g_autofree char *aside = read_recovery_marker (self);

  if (aside == NULL)
    {
      g_autofree char *newest = find_newest_aside (self);
      GStatBuf aside_st, db_st;

      if (newest == NULL || g_stat (newest, &aside_st) != 0)
        return TRUE;

      /* A fresh file made after the damaged one was kept; a file the
       * person has used since then is theirs. */
      if (g_stat (self->path, &db_st) == 0 &&
          (db_st.st_mtime < aside_st.st_mtime || !is_fresh_database (self->path)))
        return TRUE;

      g_debug ("Finishing a recovery an earlier start left undone");
      /* Nothing of the fresh file is worth keeping; the kept copy stays. */
      {
        g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
        g_autofree char *shm = g_strconcat (self->path, "-shm", NULL);

        g_unlink (wal);
        g_unlink (shm);
        g_unlink (self->path);
      }
      aside = g_steal_pointer (&newest);
    }
  else
    g_debug ("Finishing a recovery cut short");

  *resumed = TRUE;

  return recover_from_corruption (self, aside, error);
}

static gboolean open_store (ClosenessStore  *self,
                            gboolean         allow_recovery,
                            GError         **error);

/* Recovery, then the repaired file opened (it was checked in full); the
 * marker goes only once the repaired file is in use, so a crash before
 * that repeats the recovery at the next start. */
static void
finish_recovery (ClosenessStore *self)
{
  /* A file that started empty after a recovery is not one a crashed
   * recovery left behind (is_fresh_database()). */
  if (!self->snapshot)
    sqlite3_exec (self->db, "INSERT OR REPLACE INTO store_meta (key, value) "
                            "VALUES ('recovered', strftime('%s', 'now'))", NULL, NULL, NULL);
  remove_recovery_marker (self);
}

static gboolean
recover_and_reopen (ClosenessStore  *self,
                    GError         **error)
{
  if (!recover_from_corruption (self, NULL, error) || !open_store (self, FALSE, error))
    return FALSE;

  finish_recovery (self);

  return TRUE;
}

/* The whole open: private folder and file, read-write open with checks and
 * migration, recovery from a damaged file, or the read-only fallback. */
static gboolean
open_store (ClosenessStore  *self,
            gboolean         allow_recovery,
            GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean can_write = TRUE;
  gboolean checked = TRUE;
  gboolean resumed = FALSE;
  sqlite3 *db = NULL;

  if (!_closeness_store_ensure_private_dir (self->dir, &local_error))
    can_write = FALSE;
  else if (allow_recovery && !finish_interrupted_recovery (self, &resumed, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (can_write && !_closeness_store_ensure_private_file (self->path, TRUE, &local_error))
    can_write = FALSE;

  if (can_write)
    {
      /* A file just restored from a backup was checked in full already. */
      switch (open_read_write (self->path, self->defer_check && allow_recovery, &checked,
                               &db, &local_error))
        {
        case OPEN_OK:
          self->db = db;
          self->snapshot = FALSE;
          self->check_pending = !checked;
          set_read_only (self, FALSE, NULL);
          if (resumed)
            finish_recovery (self);
          return TRUE;

        case OPEN_CORRUPT:
          if (!allow_recovery)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          g_clear_error (&local_error);
          return recover_and_reopen (self, error);

        case OPEN_CANNOT_WRITE:
          break;

        case OPEN_FAILED:
        default:
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  g_assert (local_error != NULL);
  g_debug ("Opening the data read-only: %s", local_error->message);

  /* The snapshot is made from a file that passes its quick_check. */
  self->check_pending = FALSE;

  if (!open_snapshot (self, TRUE, error))
    return FALSE;

  set_read_only (self, TRUE,
                 local_error->code == CLOSENESS_STORE_ERROR_DISK_FULL
                 ? _("The disk is full, so changes cannot be saved right now.")
                 : _("The data folder cannot be written to, so changes cannot be saved right now."));

  return TRUE;
}

static void
reload_list (ClosenessStore      *self,
             ClosenessRecordList *list)
{
  g_autoptr(GError) error = NULL;

  if (!_closeness_record_list_reload (list, self->db, &error))
    g_warning ("A list could not be refreshed: %s", error->message);
}

static void
reload_lists (ClosenessStore *self,
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
}

void
_closeness_store_reload_all (ClosenessStore *self)
{
  reload_lists (self, STORE_TABLE_ALL);
}

static void
list_finalized_cb (gpointer  data,
                   GObject  *where_the_object_was)
{
  ClosenessStore *self = data;

  g_ptr_array_remove_fast (self->lists, where_the_object_was);
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

static gint64
read_txn_seq (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gint64 seq = -1;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM store_meta WHERE key = 'txn_seq'",
                          -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    seq = sqlite3_column_int64 (stmt, 0);

  sqlite3_finalize (stmt);

  return seq;
}

static int
run_statements (ClosenessStore *self,
                StoreWrite     *write,
                gboolean       *not_found)
{
  for (guint i = 0; i < write->statements->len; i++)
    {
      StoreStatement *statement = g_ptr_array_index (write->statements, i);
      sqlite3_stmt *stmt;
      int rc;

      stmt = get_statement (self, statement->sql, &rc);
      if (stmt == NULL)
        return rc;

      if (!_closeness_bind_params (stmt, statement->params))
        return SQLITE_MISUSE;

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          if (write->result_id == 0)
            write->result_id = sqlite3_column_int64 (stmt, 0);
        }

      if (rc != SQLITE_DONE)
        {
          rc = sqlite3_extended_errcode (self->db);
          sqlite3_reset (stmt);
          return rc;
        }

      if (statement->must_change && sqlite3_changes (self->db) == 0)
        {
          sqlite3_reset (stmt);
          *not_found = TRUE;
          return SQLITE_NOTFOUND;
        }

      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }

  return SQLITE_OK;
}

static gboolean
keep_as_pending (int code)
{
  return code == CLOSENESS_STORE_ERROR_READ_ONLY ||
         code == CLOSENESS_STORE_ERROR_DISK_FULL ||
         code == CLOSENESS_STORE_ERROR_BUSY ||
         code == CLOSENESS_STORE_ERROR_FAILED;
}

static gboolean retry_timeout_cb (gpointer data);

static void
schedule_retry (ClosenessStore *self)
{
  if (self->retry_source == 0 && self->retry_interval_sec > 0)
    self->retry_source = g_timeout_add_seconds (self->retry_interval_sec, retry_timeout_cb, self);
}

/* The pending journal: the changes that wait to be saved, kept in a small
 * private file beside the database so that a crash does not lose them, and
 * saved at the next start. Each process that writes holds one journal
 * (closeness.db.pending-N) with a lock while it runs; a journal nobody holds
 * was left by a process that died. The file is made at its full size while
 * there is room, so that it can still be written when the disk is full. */
#define JOURNAL_MAGIC       "CLOSPND1"
#define JOURNAL_HEADER      16       /* magic, length, checksum */
#define JOURNAL_PREALLOCATE (1024 * 1024)
#define JOURNAL_SLOTS       4
#define JOURNAL_TYPE        "a(usa(sbmv))"

static char *
journal_path (ClosenessStore *self,
              guint           slot)
{
  return g_strdup_printf ("%s.pending-%u", self->path, slot);
}

static guint32
journal_checksum (const guint8 *data,
                  gsize         length)
{
  guint32 a = 1, b = 0;   /* Adler-32 */

  for (gsize i = 0; i < length; i++)
    {
      a = (a + data[i]) % 65521;
      b = (b + a) % 65521;
    }

  return (b << 16) | a;
}

static gboolean
write_journal (int       fd,
               GVariant *journal)
{
  guint8 header[JOURNAL_HEADER];
  guint32 length = journal != NULL ? (guint32) g_variant_get_size (journal) : 0;
  guint32 checksum = length > 0 ? journal_checksum (g_variant_get_data (journal), length) : 0;

  memcpy (header, JOURNAL_MAGIC, 8);
  memcpy (header + 8, &length, 4);
  memcpy (header + 12, &checksum, 4);

  /* The changes first, then the header that makes them count. */
  return (length == 0 || pwrite (fd, g_variant_get_data (journal), length, JOURNAL_HEADER) == (ssize_t) length) &&
         fdatasync (fd) == 0 &&
         pwrite (fd, header, JOURNAL_HEADER, 0) == JOURNAL_HEADER &&
         fdatasync (fd) == 0;
}

/* Writes every pending change in place, synced. A calendar import waiting
 * as one batch stays in memory only. */
static void
save_journal (ClosenessStore *self)
{
  g_autoptr(GVariantBuilder) builder = NULL;
  g_autoptr(GVariant) journal = NULL;
  gboolean any = FALSE;

  if (self->journal_fd < 0)
    return;

  builder = g_variant_builder_new (G_VARIANT_TYPE (JOURNAL_TYPE));
  for (GList *l = self->pending.head; l != NULL; l = l->next)
    {
      StoreWrite *write = l->data;
      GVariantBuilder statements;

      if (write->func != NULL)
        continue;

      g_variant_builder_init (&statements, G_VARIANT_TYPE ("a(sbmv)"));
      for (guint i = 0; i < write->statements->len; i++)
        {
          StoreStatement *statement = g_ptr_array_index (write->statements, i);

          g_variant_builder_add (&statements, "(sbmv)", statement->sql, statement->must_change,
                                 statement->params);
        }
      g_variant_builder_add (builder, "(usa(sbmv))", write->tables, write->what, &statements);
      any = TRUE;
    }

  journal = g_variant_ref_sink (g_variant_builder_end (builder));
  if (!write_journal (self->journal_fd, any ? journal : NULL))
    g_debug ("The pending changes could not be kept in the journal: %s", g_strerror (errno));
}

/* The changes in a journal a dead process left, queued oldest first. */
static guint
read_journal (ClosenessStore *self,
              int             fd)
{
  g_autofree guint8 *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GVariant) journal = NULL;
  GVariantIter iter;
  guint8 header[JOURNAL_HEADER];
  guint32 length, checksum;
  const char *what;
  GVariantIter *statements;
  guint tables;
  guint n = 0;

  if (pread (fd, header, JOURNAL_HEADER, 0) != JOURNAL_HEADER || memcmp (header, JOURNAL_MAGIC, 8) != 0)
    return 0;

  memcpy (&length, header + 8, 4);
  memcpy (&checksum, header + 12, 4);
  if (length == 0)
    return 0;

  if (length > 64 * 1024 * 1024)
    {
      g_warning ("A journal of unsaved changes is damaged and was not used");
      return 0;
    }

  contents = g_malloc (length);
  if (pread (fd, contents, length, JOURNAL_HEADER) != (ssize_t) length ||
      journal_checksum (contents, length) != checksum)
    {
      g_warning ("A journal of unsaved changes is damaged and was not used");
      return 0;
    }

  /* The statements' values keep the bytes alive. */
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  journal = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (JOURNAL_TYPE), bytes, FALSE));
  if (!g_variant_is_normal_form (journal))
    {
      g_warning ("A journal of unsaved changes is damaged and was not used");
      return 0;
    }

  g_variant_iter_init (&iter, journal);
  while (g_variant_iter_next (&iter, "(u&sa(sbmv))", &tables, &what, &statements))
    {
      StoreWrite *write = _store_write_new (tables, what);
      const char *sql;
      gboolean must_change;
      GVariant *params;

      while (g_variant_iter_next (statements, "(&sbmv)", &sql, &must_change, &params))
        {
          _store_write_add (write, must_change, sql, params);
          g_clear_pointer (&params, g_variant_unref);
        }
      g_variant_iter_free (statements);

      g_queue_push_tail (&self->pending, write);
      n++;
    }

  return n;
}

/* Takes a journal of this process's own and queues what dead processes
 * left in theirs. Returns how many changes were found. */
static guint
open_journals (ClosenessStore *self)
{
  guint found = 0;

  for (guint slot = 0; slot < JOURNAL_SLOTS; slot++)
    {
      g_autofree char *path = journal_path (self, slot);
      gboolean exists = g_file_test (path, G_FILE_TEST_EXISTS);
      int fd;

      if (!exists && self->journal_fd >= 0)
        continue;

      fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      if (fd < 0)
        continue;

      /* Held: a running process's journal. */
      if (flock (fd, LOCK_EX | LOCK_NB) != 0)
        {
          close (fd);
          continue;
        }

      fchmod (fd, 0600);
      found += read_journal (self, fd);

      if (self->journal_fd < 0)
        {
          struct stat st;

          self->journal_fd = fd;
          if (fstat (fd, &st) == 0 && st.st_size < JOURNAL_PREALLOCATE)
            posix_fallocate (fd, 0, JOURNAL_PREALLOCATE);
        }
      else
        {
          /* Taken over into our own queue (and our journal). */
          write_journal (fd, NULL);
          close (fd);
        }
    }

  return found;
}

static void
add_pending (ClosenessStore *self,
             StoreWrite     *write)
{
  g_queue_push_tail (&self->pending, write);
  save_journal (self);
  g_debug ("A write is kept in memory until it can be saved (%u pending)",
           self->pending.length);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING_WRITES]);
  schedule_retry (self);
}

static const char *
pending_note (int code)
{
  switch (code)
    {
    case CLOSENESS_STORE_ERROR_DISK_FULL:
      return _("What you wrote is kept and will be saved as soon as there is space again.");

    default:
      return _("What you wrote is kept and will be saved as soon as possible.");
    }
}

/* Runs @write in one BEGIN IMMEDIATE transaction. On success the models
 * that show the touched tables are refreshed; otherwise returns FALSE with
 * @error set and nothing written. */
static gboolean
run_write_once (ClosenessStore  *self,
                StoreWrite      *write,
                GError         **error)
{
  gboolean not_found = FALSE;
  gint64 seq;
  int rc;

  write->result_id = 0;

  if (self->read_only)
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_READ_ONLY,
                   "%s %s", write->what,
                   self->read_only_reason ? self->read_only_reason
                                          : _("The data folder cannot be written to."));
      return FALSE;
    }

  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _closeness_store_set_error_from_rc (error, self->db, sqlite3_extended_errcode (self->db),
                                          write->what);
      return FALSE;
    }

  /* A counter bumped by every transaction tells whether a COMMIT that
   * reported an I/O error went through after all. */
  seq = read_txn_seq (self->db);
  rc = sqlite3_exec (self->db,
                     "UPDATE store_meta SET value = value + 1 WHERE key = 'txn_seq'",
                     NULL, NULL, NULL);

  if (rc == SQLITE_OK)
    {
      if (write->func != NULL)
        {
          g_autoptr(GError) func_error = NULL;

          if (!write->func (self->db, write->data, &write->result_id, &func_error))
            {
              sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
              g_propagate_error (error, g_steal_pointer (&func_error));
              return FALSE;
            }
        }
      else
        rc = run_statements (self, write, &not_found);
    }
  else
    rc = sqlite3_extended_errcode (self->db);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          rc = sqlite3_extended_errcode (self->db);

          if (!sqlite3_get_autocommit (self->db))
            sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);

          /* After an I/O error the transaction may have been committed. */
          if ((rc & 0xff) == SQLITE_IOERR && seq >= 0 && read_txn_seq (self->db) == seq + 1)
            {
              g_debug ("The commit reported an I/O error but went through");
              rc = SQLITE_OK;
            }
        }

      if (rc == SQLITE_OK)
        {
          ensure_database_file_modes (self->path);
          reload_lists (self, write->tables);
          return TRUE;
        }
    }
  else if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);

  if (not_found)
    g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_NOT_FOUND,
                 "%s %s", write->what, _("It no longer exists."));
  else
    _closeness_store_set_error_from_rc (error, self->db, rc, write->what);

  return FALSE;
}

/* Takes ownership of @write. Failed writes that are worth keeping (disk
 * full, read-only, busy, I/O) stay in memory and are retried later. */
gboolean
_closeness_store_run (ClosenessStore  *self,
                      StoreWrite      *write,
                      GError         **error)
{
  g_autoptr(GError) local_error = NULL;

  /* A change now would be lost or land on the wrong row once the data is
   * replaced; it is refused, not kept. */
  if (self->replacing)
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_REPLACING,
                   "%s %s", write->what,
                   _("Your data is being replaced right now. Please try again in a moment."));
      _store_write_free (write);
      self->last_result_id = 0;
      return FALSE;
    }

  if (self->pending.length == 0 && run_write_once (self, write, &local_error))
    {
      /* Keep the result id readable for the caller until the next write. */
      self->last_result_id = write->result_id;
      _store_write_free (write);
      return TRUE;
    }

  if (local_error == NULL)
    {
      /* Older writes are still waiting: keep the order. */
      g_set_error (&local_error, CLOSENESS_STORE_ERROR,
                   self->read_only ? CLOSENESS_STORE_ERROR_READ_ONLY : CLOSENESS_STORE_ERROR_DISK_FULL,
                   "%s %s", write->what,
                   _("Earlier changes are still waiting to be saved."));
    }

  self->last_result_id = 0;

  if (keep_as_pending (local_error->code))
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, local_error->code,
                   "%s %s", local_error->message, pending_note (local_error->code));
      if (write->to_statements != NULL)
        write->to_statements (write);
      else if (write->data_own != NULL)
        {
          write->data = write->data_own (write->data);
          write->data_own = NULL;
        }
      add_pending (self, write);
      return FALSE;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  _store_write_free (write);

  return FALSE;
}

static gboolean
reopen_read_write (ClosenessStore *self)
{
  g_autoptr(GError) error = NULL;
  gboolean checked;
  sqlite3 *db = NULL;

  if (!_closeness_store_ensure_private_dir (self->dir, &error) ||
      !_closeness_store_ensure_private_file (self->path, TRUE, &error) ||
      open_read_write (self->path, FALSE, &checked, &db, &error) != OPEN_OK)
    {
      g_debug ("The data is still read-only: %s", error ? error->message : "");
      return FALSE;
    }

  close_connection (self);
  self->db = db;
  self->snapshot = FALSE;
  self->check_pending = FALSE;
  self->last_data_version = -1;
  set_read_only (self, FALSE, NULL);
  _closeness_store_reload_all (self);

  return TRUE;
}

/**
 * closeness_store_retry_pending:
 *
 * Tries to save the writes kept in memory, oldest first. If the data was
 * opened read-only it is reopened read-write first. Also runs on a timer.
 *
 * Returns: %TRUE if nothing is pending any more
 */
gboolean
closeness_store_retry_pending (ClosenessStore  *self,
                               GError         **error)
{
  guint before;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (self->read_only && !reopen_read_write (self))
    {
      if (self->pending.length > 0)
        {
          g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_READ_ONLY,
                       "%s", self->read_only_reason);
          return FALSE;
        }
      return TRUE;
    }

  before = self->pending.length;

  while (self->pending.length > 0)
    {
      StoreWrite *write = g_queue_peek_head (&self->pending);
      g_autoptr(GError) local_error = NULL;

      if (!run_write_once (self, write, &local_error))
        {
          if (keep_as_pending (local_error->code))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              break;
            }

          /* It can never succeed (e.g. its row was deleted meanwhile). */
          g_warning ("A kept change could not be saved and was dropped: %s",
                     g_quark_to_string (local_error->domain));
        }

      _store_write_free (g_queue_pop_head (&self->pending));
    }

  if (before != self->pending.length)
    {
      save_journal (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING_WRITES]);
    }

  return self->pending.length == 0;
}

static gboolean
retry_timeout_cb (gpointer data)
{
  ClosenessStore *self = data;

  if (closeness_store_retry_pending (self, NULL) && !self->read_only)
    {
      self->retry_source = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
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

  if (self->last_data_version >= 0)
    {
      g_debug ("The data was changed by another process; refreshing");
      _closeness_store_reload_all (self);
    }

  self->last_data_version = version;
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

  if (open_read_write (self->path, FALSE, &checked, &db, NULL) != OPEN_OK)
    return;

  close_connection (self);
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

static void
watch_data_folder (ClosenessStore *self)
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

void
_closeness_store_set_max_page_count (ClosenessStore *self,
                                     gint64          max_pages)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, max_pages);

  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
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

  if (!open_store (self, TRUE, error))
    return FALSE;

  /* Changes a crash kept from being saved, saved now (or kept waiting). */
  if (open_journals (self) > 0)
    {
      g_debug ("Saving %u change(s) kept from before a crash", self->pending.length);
      if (!self->read_only)
        closeness_store_retry_pending (self, NULL);
      save_journal (self);
    }

  partners = _closeness_record_list_new (CLOSENESS_TYPE_PARTNER,
                                         _closeness_partner_new_from_stmt,
                                         STORE_TABLE_PARTNERS,
                                         "SELECT slot, slot, name, color FROM partners "
                                         "ORDER BY slot",
                                         NULL);
  self->partners = _closeness_store_track_list (self, partners);

  closeness_store_check_for_changes (self);
  watch_data_folder (self);
  _closeness_store_set_poll_interval (self, DEFAULT_POLL_INTERVAL_MSEC);

  if (self->read_only)
    schedule_retry (self);

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

  for (guint i = 0; i < self->lists->len; i++)
    g_object_weak_unref (g_ptr_array_index (self->lists, i), list_finalized_cb, self);
  g_ptr_array_set_size (self->lists, 0);

  g_clear_object (&self->partners);
  g_clear_object (&self->decks);
  g_clear_object (&self->prompts);
  g_clear_object (&self->events);
  g_clear_object (&self->reminders);
  g_clear_object (&self->activities);
  g_clear_pointer (&self->prompt_keys, g_array_unref);

  G_OBJECT_CLASS (closeness_store_parent_class)->dispose (object);
}

static void
closeness_store_finalize (GObject *object)
{
  ClosenessStore *self = (ClosenessStore *) object;

  close_connection (self);
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

/* The deferred check, in a worker thread on a read-only connection of its
 * own: in WAL mode it reads the last committed state while the main
 * connection goes on. Returns the SQLite result (SQLITE_CORRUPT when a
 * page is damaged). */
static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  const char *path = task_data;
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      _closeness_store_configure (db);
      run_quick_check (db, &rc);
    }

  sqlite3_close (db);
  g_task_return_int (task, rc);
}

/* The file failed the check after the window showed it: the same repair as
 * at open (the damaged file kept aside, the newest good backup restored),
 * then every open model is refreshed from the repaired data. The store is
 * never left without a connection. */
static void
recover_late (ClosenessStore *self)
{
  g_autoptr(GError) error = NULL;
  gboolean checked;
  sqlite3 *db = NULL;

  close_connection (self);

  if (recover_and_reopen (self, &error))
    ;
  else if (open_read_write (self->path, TRUE, &checked, &db, NULL) == OPEN_OK)
    {
      /* It could not be moved aside: go on with it as before the check. */
      g_warning ("A damaged data file could not be repaired (error code %d)",
                 error != NULL ? error->code : -1);
      self->db = db;
      self->snapshot = FALSE;
    }
  else
    {
      g_warning ("A damaged data file could not be repaired or reopened (error code %d)",
                 error != NULL ? error->code : -1);
      if (!open_snapshot (self, FALSE, NULL))
        g_error ("Not even an empty in-memory database could be opened");
      set_read_only (self, TRUE,
                     _("The data file is damaged and could not be repaired, "
                       "so changes cannot be saved right now."));
    }

  self->last_data_version = -1;
  _closeness_store_reload_all (self);
}

static void
check_done_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ClosenessStore *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  int rc;

  self->checking = FALSE;
  rc = (int) g_task_propagate_int (G_TASK (result), &error);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (rc == SQLITE_OK)
    {
      self->check_pending = FALSE;
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (_closeness_store_error_code_from_rc (NULL, rc) != CLOSENESS_STORE_ERROR_CORRUPT)
    {
      /* Busy or out of memory: nothing is known to be wrong; try next time. */
      _closeness_store_set_error_from_rc (&error, NULL, rc, _("The data could not be checked."));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->check_pending = FALSE;
  recover_late (self);
  g_task_return_boolean (task, TRUE);
}

/**
 * closeness_store_check_async:
 *
 * Runs the quick check that a store opened with
 * %CLOSENESS_STORE_OPEN_DEFER_CHECK skipped, in a worker thread. If a page
 * is damaged, the file is repaired as at open: kept aside, the newest good
 * backup restored, #ClosenessStore:recovery-report set and every model
 * refreshed. Completes at once when no check is pending.
 */
void
closeness_store_check_async (ClosenessStore      *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;

  g_return_if_fail (CLOSENESS_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, closeness_store_check_async);

  if (!self->check_pending || self->db == NULL || self->snapshot)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (self->checking)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               "A check is already running");
      return;
    }

  self->checking = TRUE;
  worker = g_task_new (self, cancellable, check_done_cb, g_steal_pointer (&task));
  g_task_set_task_data (worker, g_strdup (self->path), g_free);
  g_task_run_in_thread (worker, check_thread);
}

gboolean
closeness_store_check_finish (ClosenessStore  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * closeness_store_get_check_pending:
 *
 * Returns: %TRUE while the store was opened without its quick check and
 *   closeness_store_check_async() has not completed it
 */
gboolean
closeness_store_get_check_pending (ClosenessStore *self)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  return self->check_pending;
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

/**
 * closeness_store_get_partners:
 *
 * Returns: (transfer none): always two #ClosenessPartner, slot 0 and 1
 */
GListModel *
closeness_store_get_partners (ClosenessStore *self)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  return G_LIST_MODEL (self->partners);
}

static gboolean
is_valid_color (const char *color)
{
  if (color[0] == '\0')
    return TRUE;

  if (strlen (color) != 7 || color[0] != '#')
    return FALSE;

  for (guint i = 1; i < 7; i++)
    {
      if (!g_ascii_isxdigit (color[i]))
        return FALSE;
    }

  return TRUE;
}

gboolean
closeness_store_update_partner (ClosenessStore  *self,
                                guint            slot,
                                const char      *name,
                                const char      *color,
                                GError         **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *lower = NULL;
  StoreWrite *write;
  glong length;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (slot > 1)
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                   _("There are only two partners."));
      return FALSE;
    }

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                   _("Please enter a name."));
      return FALSE;
    }

  trimmed = g_strstrip (g_strdup (name));
  length = g_utf8_strlen (trimmed, -1);

  /* An empty name is allowed: the app then shows "Partner 1" or "Partner 2". */
  if (length > CLOSENESS_STORE_MAX_NAME)
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                   g_dngettext (GETTEXT_PACKAGE,
                                "A name can have at most %d character.",
                                "A name can have at most %d characters.",
                                CLOSENESS_STORE_MAX_NAME),
                   CLOSENESS_STORE_MAX_NAME);
      return FALSE;
    }

  if (color == NULL)
    color = "";

  if (!is_valid_color (color))
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                   _("The color is not valid."));
      return FALSE;
    }

  lower = g_ascii_strdown (color, -1);

  write = _store_write_new (STORE_TABLE_PARTNERS, _("The name could not be saved."));
  _store_write_add (write, TRUE,
                    "UPDATE partners SET name = ?, color = ? WHERE slot = ?",
                    g_variant_new ("(ssx)", trimmed, lower, (gint64) slot));

  return _closeness_store_run (self, write, error);
}

static gboolean
check_state_key (const char  *key,
                 GError     **error)
{
  gsize len;

  if (key == NULL || (len = strlen (key)) == 0 || len > 200 || !g_utf8_validate (key, -1, NULL))
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                   _("The setting name is not valid."));
      return FALSE;
    }

  return TRUE;
}

/**
 * closeness_store_dup_state:
 *
 * Returns: (transfer full) (nullable): the value stored under @key
 */
char *
closeness_store_dup_state (ClosenessStore *self,
                           const char     *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;
  int rc;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (!check_state_key (key, NULL))
    return NULL;

  stmt = get_statement (self, "SELECT value FROM app_state WHERE key = ?", &rc);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return value;
}

/**
 * closeness_store_set_state:
 * @value: (nullable): the value, or %NULL to remove the key
 */
gboolean
closeness_store_set_state (ClosenessStore  *self,
                           const char      *key,
                           const char      *value,
                           GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (!check_state_key (key, error))
    return FALSE;

  if (value != NULL &&
      (!g_utf8_validate (value, -1, NULL) || strlen (value) > 4 * CLOSENESS_STORE_MAX_TEXT))
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                   _("The setting is not valid."));
      return FALSE;
    }

  write = _store_write_new (STORE_TABLE_STATE, _("A setting could not be saved."));

  if (value != NULL)
    _store_write_add (write, FALSE,
                      "INSERT INTO app_state (key, value) VALUES (?, ?) "
                      "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                      g_variant_new ("(ss)", key, value));
  else
    _store_write_add (write, FALSE, "DELETE FROM app_state WHERE key = ?",
                      g_variant_new ("(s)", key));

  return _closeness_store_run (self, write, error);
}
