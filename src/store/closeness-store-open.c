/* closeness-store-open.c
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
#include <sys/stat.h>
#include <unistd.h>

#include "closeness-store-private.h"

/* Opening the data: checks, migration, the read-only fallback, and the
 * repair of a damaged file (at open or after the deferred check). */

/* Fixes the mode of a file the store owns, and checks the result. */
static void
ensure_file_mode (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return;

  if ((st.st_mode & 0077) != 0)
    {
      if (g_chmod (path, st.st_mode & 0600) != 0 || g_stat (path, &st) != 0
          || (st.st_mode & 0077) != 0)
        g_warning ("Could not make a data file private (%s)", g_strerror (errno));
    }
}

void
_closeness_store_ensure_database_file_modes (const char *path)
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

/* Opens @path read-write with all our settings, checks it and migrates it.
 * With @defer_check the quick_check (it reads every page) is left for
 * later when the file is already at our schema version; a file about to be
 * migrated is always checked first. @checked says whether it ran. On
 * OPEN_CANNOT_WRITE @error says why (read-only or disk full). */
OpenResult
_closeness_store_open_read_write (const char  *path,
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

  _closeness_store_ensure_database_file_modes (path);

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
          _closeness_store_set_error_from_rc (error, memory, rc,
                                              _("The data could not be opened."));
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

  _closeness_store_notify_recovery_report (self);

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
  if (!recover_from_corruption (self, NULL, error) || !_closeness_store_open (self, FALSE, error))
    return FALSE;

  finish_recovery (self);

  return TRUE;
}

/* The whole open: private folder and file, read-write open with checks and
 * migration, recovery from a damaged file, or the read-only fallback. */
gboolean
_closeness_store_open (ClosenessStore  *self,
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
      switch (_closeness_store_open_read_write (self->path, self->defer_check && allow_recovery,
                                                &checked, &db, &local_error))
        {
        case OPEN_OK:
          self->db = db;
          self->snapshot = FALSE;
          self->check_pending = !checked;
          _closeness_store_set_read_only (self, FALSE, NULL);
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

  _closeness_store_set_read_only (self, TRUE,
                                  local_error->code == CLOSENESS_STORE_ERROR_DISK_FULL
                                    ? _("The disk is full, so changes cannot be saved right now.")
                                    : _("The data folder cannot be written to, so changes cannot be saved right now."));

  return TRUE;
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
      /* The check reads every page once, while the window starts: a page
       * cache of SQLite's default 2 MiB would only add to the app's peak
       * memory (ten years of data fill it), never save a read. */
      sqlite3_exec (db, "PRAGMA cache_size = -256", NULL, NULL, NULL);
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

  _closeness_store_close_connection (self);

  if (recover_and_reopen (self, &error))
    ;
  else if (_closeness_store_open_read_write (self->path, TRUE, &checked, &db, NULL) == OPEN_OK)
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
      _closeness_store_set_read_only (self, TRUE,
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
