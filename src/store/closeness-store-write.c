/* closeness-store-write.c
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

#include "closeness-store-private.h"

/* The write queue of ClosenessStore: every write is one BEGIN IMMEDIATE
 * transaction; a write that cannot be saved now (read-only, disk full, busy)
 * is kept in memory and in the pending journal and retried. */

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

      stmt = _closeness_store_get_statement (self, statement->sql, &rc);
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

void
_closeness_store_schedule_retry (ClosenessStore *self)
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
  return (length == 0
          || pwrite (fd, g_variant_get_data (journal), length, JOURNAL_HEADER) == (ssize_t) length)
         && fdatasync (fd) == 0 && pwrite (fd, header, JOURNAL_HEADER, 0) == JOURNAL_HEADER
         && fdatasync (fd) == 0;
}

/* Writes every pending change in place, synced. A calendar import waiting
 * as one batch stays in memory only. */
void
_closeness_store_save_journal (ClosenessStore *self)
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

  if (pread (fd, header, JOURNAL_HEADER, 0) != JOURNAL_HEADER
      || memcmp (header, JOURNAL_MAGIC, 8) != 0)
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
  journal =
    g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (JOURNAL_TYPE), bytes, FALSE));
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
guint
_closeness_store_open_journals (ClosenessStore *self)
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
  _closeness_store_save_journal (self);
  g_debug ("A write is kept in memory until it can be saved (%u pending)",
           self->pending.length);
  _closeness_store_notify_pending_writes (self);
  _closeness_store_schedule_retry (self);
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
          _closeness_store_ensure_database_file_modes (self->path);
          _closeness_store_reload_lists (self, write->tables);
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
                   self->read_only ? CLOSENESS_STORE_ERROR_READ_ONLY
                                   : CLOSENESS_STORE_ERROR_DISK_FULL,
                   "%s %s", write->what, _("Earlier changes are still waiting to be saved."));
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
      _closeness_store_open_read_write (self->path, FALSE, &checked, &db, &error) != OPEN_OK)
    {
      g_debug ("The data is still read-only: %s", error ? error->message : "");
      return FALSE;
    }

  _closeness_store_close_connection (self);
  self->db = db;
  self->snapshot = FALSE;
  self->check_pending = FALSE;
  self->last_data_version = -1;
  _closeness_store_set_read_only (self, FALSE, NULL);
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
      _closeness_store_save_journal (self);
      _closeness_store_notify_pending_writes (self);
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

void
_closeness_store_set_max_page_count (ClosenessStore *self,
                                     gint64          max_pages)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, max_pages);

  sqlite3_exec (self->db, sql, NULL, NULL, NULL);
}
