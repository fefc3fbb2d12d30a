/* store-test-powercut-vfs.c: an SQLite VFS over the unix VFS that simulates
 * a power cut, in the spirit of SQLite's own crash tests (test6.c) and
 * test_devsym.c.
 *
 * Writes go to the disk at once, so the files on disk are what the page
 * cache shows. For each database, WAL or journal file the shim also keeps an
 * undo log of the writes and truncations since its last xSync (what the
 * range held before, what was written); an xSync empties it. Directory
 * entries are modelled too: a file created or deleted since the last sync
 * of its directory may come back or vanish. The unix VFS syncs a directory
 * in two places, and the shim counts the same two: the first xSync of a
 * WAL or journal opened with SQLITE_OPEN_CREATE, and xDelete with syncDir.
 * A file whose deletion is not durable yet is kept under another name.
 *
 * The power fails at the cut_after-th write, truncation or sync (or at the
 * cut_at_db_write-th one on a database file: in WAL mode only checkpoints
 * write there): that call and every later one fails with an I/O error. Once every connection is
 * closed, powercut_vfs_power_off() leaves the files as a power cut could
 * have: each file's log is undone, then each pending write is thrown away,
 * applied whole or torn (a random subset of its 512-byte sectors), each
 * pending truncation applied or not, and each directory change since the
 * last directory sync kept or undone, all chosen at random. Writes never
 * touch bytes outside their range (SQLite's "powersafe overwrite", which
 * the unix VFS claims). The real fsync is never called: durability is
 * simulated, which keeps the test fast.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store-test"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <limits.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store-test-powercut-vfs.h"

#define SECTOR_SIZE 512
#define ROUND8(n) (((n) + 7) & ~(gsize) 7)
#define MODELLED_FILES (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_MAIN_JOURNAL | \
                        SQLITE_OPEN_WAL | SQLITE_OPEN_SUPER_JOURNAL)
#define DIR_SYNCED_FILES (SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_WAL | SQLITE_OPEN_SUPER_JOURNAL)

/* A write (new_size < 0) or a truncation not yet covered by an xSync. */
typedef struct
{
  sqlite3_int64  offset;
  sqlite3_int64  old_size;   /* the file's size before */
  sqlite3_int64  new_size;   /* a truncation: the size after */
  GBytes        *old_data;   /* what the range held before, as far as the file reached */
  GBytes        *new_data;   /* a write: what was written */
} PendingOp;

/* The contents of one file (one inode). */
typedef struct
{
  int      ref_count;
  char    *disk_path; /* where it is now: its name, or a grave after an undurable deletion */
  gboolean buried;
  gboolean is_db;     /* a main database file: written only by checkpoints in WAL mode */
  GArray  *log;       /* PendingOp */
} Image;

/* One name in a directory. */
typedef struct
{
  char  *path;
  char  *dir;
  Image *current;     /* what the name points to now, or NULL */
  Image *durable;     /* what it pointed to at the last directory sync, or NULL */
} Entry;

typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;
  Image        *image;     /* NULL: a temporary file, passed through */
  char         *dir;
  gboolean      sync_dir;  /* the unix VFS syncs the directory at the first xSync */
} PowercutFile;

static struct
{
  GMutex       lock;
  sqlite3_vfs  vfs;
  sqlite3_vfs *base;
  GHashTable  *entries;    /* path → Entry */
  char        *dir;        /* the folder of powercut_vfs_begin(), resolved */
  GHashTable  *existing;   /* names in it at powercut_vfs_begin(): durable */
  GRand       *rand;
  guint        calls;
  guint        cut_after;
  guint        db_writes;
  guint        cut_at_db_write;
  gboolean     dead;
  guint        open_files;
  guint        graves;
} pc;

static void
pending_op_clear (gpointer data)
{
  PendingOp *op = data;

  g_clear_pointer (&op->old_data, g_bytes_unref);
  g_clear_pointer (&op->new_data, g_bytes_unref);
}

static Image *
image_new (const char *path)
{
  Image *image = g_new0 (Image, 1);

  image->ref_count = 1;
  image->disk_path = g_strdup (path);
  image->log = g_array_new (FALSE, TRUE, sizeof (PendingOp));
  g_array_set_clear_func (image->log, pending_op_clear);

  return image;
}

static Image *
image_ref (Image *image)
{
  image->ref_count++;

  return image;
}

/* Never touches the disk: graves are removed where a name lets go of them. */
static void
image_unref (Image *image)
{
  if (--image->ref_count > 0)
    return;

  g_array_unref (image->log);
  g_free (image->disk_path);
  g_free (image);
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_pointer (&entry->current, image_unref);
  g_clear_pointer (&entry->durable, image_unref);
  g_free (entry->path);
  g_free (entry->dir);
  g_free (entry);
}

static Entry *
lookup_entry (const char *path)
{
  Entry *entry = g_hash_table_lookup (pc.entries, path);

  if (entry == NULL)
    {
      g_autofree char *name = g_path_get_basename (path);

      entry = g_new0 (Entry, 1);
      entry->path = g_strdup (path);
      entry->dir = g_path_get_dirname (path);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        {
          entry->current = image_new (path);
          /* The store creates closeness.db itself, outside SQLite: a file
           * that was not there at the start is not durable yet. */
          if (!g_str_equal (entry->dir, pc.dir) || g_hash_table_contains (pc.existing, name))
            entry->durable = image_ref (entry->current);
        }

      g_hash_table_insert (pc.entries, entry->path, entry);
    }

  return entry;
}

/* fsync() on a directory: every name in it is durable as it is now. */
static void
sync_dir (const char *dir)
{
  GHashTableIter iter;
  Entry *entry;

  g_hash_table_iter_init (&iter, pc.entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      Image *old = entry->durable;

      if (old == entry->current || !g_str_equal (entry->dir, dir))
        continue;

      entry->durable = entry->current != NULL ? image_ref (entry->current) : NULL;
      if (old != NULL)
        {
          if (old->buried)
            {
              g_unlink (old->disk_path);
              old->buried = FALSE;
            }
          image_unref (old);
        }
    }
}

/* Counts a write, truncation or sync; FALSE once the power is off. */
static gboolean
count_call (Image *image)
{
  if (pc.dead)
    return FALSE;

  if (image->is_db)
    pc.db_writes++;

  if (++pc.calls >= pc.cut_after ||
      (pc.cut_at_db_write > 0 && pc.db_writes >= pc.cut_at_db_write))
    {
      g_atomic_int_set (&pc.dead, TRUE);
      return FALSE;
    }

  return TRUE;
}

static GBytes *
read_range (sqlite3_file  *real,
            gint64         offset,
            gint64         length)
{
  guint8 *buffer;

  if (length <= 0)
    return NULL;

  buffer = g_malloc (length);
  g_assert_cmpint (real->pMethods->xRead (real, buffer, (int) length, offset), ==, SQLITE_OK);

  return g_bytes_new_take (buffer, length);
}

/* I/O methods */

static int
powercut_close (sqlite3_file *file)
{
  PowercutFile *self = (PowercutFile *) file;
  int rc = self->real->pMethods->xClose (self->real);

  g_mutex_lock (&pc.lock);
  g_clear_pointer (&self->image, image_unref);
  g_clear_pointer (&self->dir, g_free);
  pc.open_files--;
  g_mutex_unlock (&pc.lock);

  return rc;
}

static int
powercut_read (sqlite3_file  *file,
               void          *buffer,
               int            amount,
               sqlite3_int64  offset)
{
  PowercutFile *self = (PowercutFile *) file;

  if (self->image != NULL && g_atomic_int_get (&pc.dead))
    return SQLITE_IOERR_READ;

  return self->real->pMethods->xRead (self->real, buffer, amount, offset);
}

static int
powercut_write (sqlite3_file  *file,
                const void    *buffer,
                int            amount,
                sqlite3_int64  offset)
{
  PowercutFile *self = (PowercutFile *) file;
  PendingOp op = { offset, 0, -1, NULL, NULL };
  int rc;

  if (self->image == NULL)
    return self->real->pMethods->xWrite (self->real, buffer, amount, offset);

  g_mutex_lock (&pc.lock);

  if (!count_call (self->image))
    {
      g_mutex_unlock (&pc.lock);
      return SQLITE_IOERR_WRITE;
    }

  g_assert_cmpint (self->real->pMethods->xFileSize (self->real, &op.old_size), ==, SQLITE_OK);
  op.old_data = read_range (self->real, offset, MIN (amount, op.old_size - offset));
  op.new_data = g_bytes_new (buffer, amount);

  rc = self->real->pMethods->xWrite (self->real, buffer, amount, offset);
  if (rc == SQLITE_OK)
    g_array_append_val (self->image->log, op);
  else
    pending_op_clear (&op);

  g_mutex_unlock (&pc.lock);

  return rc;
}

static int
powercut_truncate (sqlite3_file  *file,
                   sqlite3_int64  size)
{
  PowercutFile *self = (PowercutFile *) file;
  PendingOp op = { size, 0, size, NULL, NULL };
  int rc;

  if (self->image == NULL)
    return self->real->pMethods->xTruncate (self->real, size);

  g_mutex_lock (&pc.lock);

  if (!count_call (self->image))
    {
      g_mutex_unlock (&pc.lock);
      return SQLITE_IOERR_TRUNCATE;
    }

  g_assert_cmpint (self->real->pMethods->xFileSize (self->real, &op.old_size), ==, SQLITE_OK);
  op.old_data = read_range (self->real, size, op.old_size - size);

  rc = self->real->pMethods->xTruncate (self->real, size);
  if (rc == SQLITE_OK)
    g_array_append_val (self->image->log, op);
  else
    pending_op_clear (&op);

  g_mutex_unlock (&pc.lock);

  return rc;
}

static int
powercut_sync (sqlite3_file *file,
               int           flags)
{
  PowercutFile *self = (PowercutFile *) file;

  if (self->image == NULL)
    return self->real->pMethods->xSync (self->real, flags);

  g_mutex_lock (&pc.lock);

  if (!count_call (self->image))
    {
      g_mutex_unlock (&pc.lock);
      return SQLITE_IOERR_FSYNC;
    }

  /* Everything written so far is durable now. */
  g_array_set_size (self->image->log, 0);

  if (self->sync_dir)
    {
      sync_dir (self->dir);
      self->sync_dir = FALSE;
    }

  g_mutex_unlock (&pc.lock);

  return SQLITE_OK;
}

static int
powercut_file_size (sqlite3_file  *file,
                    sqlite3_int64 *size)
{
  PowercutFile *self = (PowercutFile *) file;

  return self->real->pMethods->xFileSize (self->real, size);
}

static int
powercut_lock (sqlite3_file *file,
               int           level)
{
  PowercutFile *self = (PowercutFile *) file;

  return self->real->pMethods->xLock (self->real, level);
}

static int
powercut_unlock (sqlite3_file *file,
                 int           level)
{
  PowercutFile *self = (PowercutFile *) file;

  return self->real->pMethods->xUnlock (self->real, level);
}

static int
powercut_check_reserved_lock (sqlite3_file *file,
                              int          *result)
{
  PowercutFile *self = (PowercutFile *) file;

  return self->real->pMethods->xCheckReservedLock (self->real, result);
}

static int
powercut_file_control (sqlite3_file *file,
                       int           op,
                       void         *arg)
{
  PowercutFile *self = (PowercutFile *) file;

  /* With a chunk size the unix VFS would grow the file behind our back. */
  if (op == SQLITE_FCNTL_SIZE_HINT || op == SQLITE_FCNTL_CHUNK_SIZE)
    return SQLITE_OK;

  return self->real->pMethods->xFileControl (self->real, op, arg);
}

static int
powercut_sector_size (sqlite3_file *file)
{
  PowercutFile *self = (PowercutFile *) file;

  return self->real->pMethods->xSectorSize (self->real);
}

static int
powercut_device_characteristics (sqlite3_file *file)
{
  PowercutFile *self = (PowercutFile *) file;

  return self->real->pMethods->xDeviceCharacteristics (self->real);
}

static int
powercut_shm_map (sqlite3_file  *file,
                  int            region,
                  int            size,
                  int            extend,
                  void volatile **pointer)
{
  PowercutFile *self = (PowercutFile *) file;

  return self->real->pMethods->xShmMap (self->real, region, size, extend, pointer);
}

static int
powercut_shm_lock (sqlite3_file *file,
                   int           offset,
                   int           n,
                   int           flags)
{
  PowercutFile *self = (PowercutFile *) file;

  return self->real->pMethods->xShmLock (self->real, offset, n, flags);
}

static void
powercut_shm_barrier (sqlite3_file *file)
{
  PowercutFile *self = (PowercutFile *) file;

  self->real->pMethods->xShmBarrier (self->real);
}

static int
powercut_shm_unmap (sqlite3_file *file,
                    int           delete_flag)
{
  PowercutFile *self = (PowercutFile *) file;

  return self->real->pMethods->xShmUnmap (self->real, delete_flag);
}

static int
powercut_fetch (sqlite3_file   *file,
                sqlite3_int64   offset,
                int             amount,
                void          **pointer)
{
  PowercutFile *self = (PowercutFile *) file;

  /* No pointer: SQLite falls back to xRead, which fails once the power is off. */
  if (self->image != NULL && g_atomic_int_get (&pc.dead))
    {
      *pointer = NULL;
      return SQLITE_OK;
    }

  return self->real->pMethods->xFetch (self->real, offset, amount, pointer);
}

static int
powercut_unfetch (sqlite3_file  *file,
                  sqlite3_int64  offset,
                  void          *pointer)
{
  PowercutFile *self = (PowercutFile *) file;

  return self->real->pMethods->xUnfetch (self->real, offset, pointer);
}

static const sqlite3_io_methods powercut_io_methods = {
  .iVersion = 3,
  .xClose = powercut_close,
  .xRead = powercut_read,
  .xWrite = powercut_write,
  .xTruncate = powercut_truncate,
  .xSync = powercut_sync,
  .xFileSize = powercut_file_size,
  .xLock = powercut_lock,
  .xUnlock = powercut_unlock,
  .xCheckReservedLock = powercut_check_reserved_lock,
  .xFileControl = powercut_file_control,
  .xSectorSize = powercut_sector_size,
  .xDeviceCharacteristics = powercut_device_characteristics,
  .xShmMap = powercut_shm_map,
  .xShmLock = powercut_shm_lock,
  .xShmBarrier = powercut_shm_barrier,
  .xShmUnmap = powercut_shm_unmap,
  .xFetch = powercut_fetch,
  .xUnfetch = powercut_unfetch,
};

/* VFS methods */

static int
powercut_open (sqlite3_vfs      *vfs,
               sqlite3_filename  name,
               sqlite3_file     *file,
               int               flags,
               int              *out_flags)
{
  PowercutFile *self = (PowercutFile *) file;
  gboolean modelled = name != NULL && (flags & MODELLED_FILES) != 0 &&
                      (flags & SQLITE_OPEN_DELETEONCLOSE) == 0;
  Entry *entry = NULL;
  int rc;

  memset (self, 0, sizeof *self);
  self->real = (sqlite3_file *) ((char *) file + ROUND8 (sizeof (PowercutFile)));

  g_mutex_lock (&pc.lock);

  if (pc.dead && modelled)
    {
      g_mutex_unlock (&pc.lock);
      return SQLITE_CANTOPEN;
    }

  if (modelled)
    entry = lookup_entry (name);

  rc = pc.base->xOpen (pc.base, name, self->real, flags, out_flags);
  if (rc != SQLITE_OK)
    {
      g_mutex_unlock (&pc.lock);
      return rc;
    }

  if (entry != NULL)
    {
      /* Created now: not durable until its directory is synced. */
      if (entry->current == NULL)
        entry->current = image_new (name);
      self->image = image_ref (entry->current);
      self->image->is_db |= (flags & SQLITE_OPEN_MAIN_DB) != 0;
      self->dir = g_strdup (entry->dir);
      self->sync_dir = (flags & SQLITE_OPEN_CREATE) != 0 && (flags & DIR_SYNCED_FILES) != 0;
    }

  self->base.pMethods = &powercut_io_methods;
  pc.open_files++;

  g_mutex_unlock (&pc.lock);

  return SQLITE_OK;
}

static int
powercut_delete (sqlite3_vfs *vfs,
                 const char  *path,
                 int          dir_sync)
{
  Entry *entry;
  Image *image;

  g_mutex_lock (&pc.lock);

  if (pc.dead)
    {
      g_mutex_unlock (&pc.lock);
      return SQLITE_IOERR_DELETE;
    }

  entry = lookup_entry (path);
  if (entry->current == NULL)
    {
      g_mutex_unlock (&pc.lock);
      return SQLITE_IOERR_DELETE_NOENT;
    }

  image = g_steal_pointer (&entry->current);

  if (image == entry->durable)
    {
      /* Until the directory is synced the file may come back: keep it. */
      g_autofree char *grave = g_strdup_printf ("%s.powercut-%u", path, ++pc.graves);

      g_assert_cmpint (g_rename (path, grave), ==, 0);
      g_free (image->disk_path);
      image->disk_path = g_steal_pointer (&grave);
      image->buried = TRUE;
    }
  else
    g_assert_cmpint (g_unlink (path), ==, 0);

  image_unref (image);

  if (dir_sync)
    sync_dir (entry->dir);

  g_mutex_unlock (&pc.lock);

  return SQLITE_OK;
}

static int
powercut_access (sqlite3_vfs *vfs,
                 const char  *path,
                 int          flags,
                 int         *result)
{
  return pc.base->xAccess (pc.base, path, flags, result);
}

static int
powercut_full_pathname (sqlite3_vfs *vfs,
                        const char  *path,
                        int          n_out,
                        char        *out)
{
  return pc.base->xFullPathname (pc.base, path, n_out, out);
}

static void *
powercut_dl_open (sqlite3_vfs *vfs,
                  const char  *path)
{
  return pc.base->xDlOpen (pc.base, path);
}

static void
powercut_dl_error (sqlite3_vfs *vfs,
                   int          n_bytes,
                   char        *message)
{
  pc.base->xDlError (pc.base, n_bytes, message);
}

static void (*powercut_dl_sym (sqlite3_vfs *vfs,
                               void        *handle,
                               const char  *symbol)) (void)
{
  return pc.base->xDlSym (pc.base, handle, symbol);
}

static void
powercut_dl_close (sqlite3_vfs *vfs,
                   void        *handle)
{
  pc.base->xDlClose (pc.base, handle);
}

static int
powercut_randomness (sqlite3_vfs *vfs,
                     int          n_bytes,
                     char        *out)
{
  return pc.base->xRandomness (pc.base, n_bytes, out);
}

static int
powercut_sleep (sqlite3_vfs *vfs,
                int          microseconds)
{
  return pc.base->xSleep (pc.base, microseconds);
}

static int
powercut_current_time (sqlite3_vfs *vfs,
                       double      *now)
{
  return pc.base->xCurrentTime (pc.base, now);
}

static int
powercut_get_last_error (sqlite3_vfs *vfs,
                         int          n_bytes,
                         char        *out)
{
  return pc.base->xGetLastError (pc.base, n_bytes, out);
}

static int
powercut_current_time_int64 (sqlite3_vfs   *vfs,
                             sqlite3_int64 *now)
{
  return pc.base->xCurrentTimeInt64 (pc.base, now);
}

/* Power off */

static void
write_at (int           fd,
          const guint8 *data,
          gsize         length,
          gint64        offset)
{
  g_assert_cmpint (pwrite (fd, data, length, offset), ==, (gssize) length);
}

static void
write_bytes_at (int     fd,
                GBytes *bytes,
                gint64  offset)
{
  gsize length = 0;
  const guint8 *data = bytes != NULL ? g_bytes_get_data (bytes, &length) : NULL;

  if (length > 0)
    write_at (fd, data, length, offset);
}

/* Puts back what @image held at its last xSync, then lets each write since
 * reach the disk whole, torn or not at all. */
static void
restore_image (Image         *image,
               PowercutStats *stats)
{
  int fd;

  if (image->log->len == 0)
    return;

  if (image->is_db)
    stats->db_pending++;

  fd = g_open (image->disk_path, O_RDWR | O_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);

  for (guint i = image->log->len; i-- > 0;)
    {
      PendingOp *op = &g_array_index (image->log, PendingOp, i);

      if (op->new_size >= 0)
        {
          g_assert_cmpint (ftruncate (fd, op->old_size), ==, 0);
          write_bytes_at (fd, op->old_data, op->offset);
        }
      else
        {
          write_bytes_at (fd, op->old_data, op->offset);
          if (op->offset + (gint64) g_bytes_get_size (op->new_data) > op->old_size)
            g_assert_cmpint (ftruncate (fd, op->old_size), ==, 0);
        }
    }

  for (guint i = 0; i < image->log->len; i++)
    {
      PendingOp *op = &g_array_index (image->log, PendingOp, i);
      int choice = g_rand_int_range (pc.rand, 0, 3);
      gsize length = 0;
      const guint8 *data;

      stats->pending++;

      if (choice == 0)
        {
          stats->dropped++;
          continue;
        }

      if (op->new_size >= 0)
        {
          g_assert_cmpint (ftruncate (fd, op->new_size), ==, 0);
          stats->applied++;
          continue;
        }

      data = g_bytes_get_data (op->new_data, &length);

      if (choice == 1)
        {
          write_at (fd, data, length, op->offset);
          stats->applied++;
          continue;
        }

      for (gint64 start = op->offset, end; start < op->offset + (gint64) length; start = end)
        {
          end = MIN ((start / SECTOR_SIZE + 1) * SECTOR_SIZE, op->offset + (gint64) length);
          if (g_rand_boolean (pc.rand))
            write_at (fd, data + (start - op->offset), end - start, start);
        }
      stats->torn++;
    }

  g_assert_cmpint (close (fd), ==, 0);
}

/**
 * powercut_vfs_power_off:
 * @stats: (out): what happened to the writes not yet synced
 *
 * Cuts the power if that has not happened yet and, once every file is
 * closed, leaves the files on disk as the cut could have.
 */
void
powercut_vfs_power_off (PowercutStats *stats)
{
  GHashTableIter iter;
  Entry *entry;

  g_mutex_lock (&pc.lock);

  g_assert_cmpuint (pc.open_files, ==, 0);
  pc.dead = TRUE;
  memset (stats, 0, sizeof *stats);

  g_hash_table_iter_init (&iter, pc.entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      Image *keep = entry->current;

      if (entry->durable != entry->current)
        {
          Image *drop;

          if (g_rand_boolean (pc.rand))
            {
              keep = entry->durable;
              stats->reverted++;
            }
          drop = keep == entry->current ? entry->durable : entry->current;
          if (drop != NULL)
            {
              g_assert_cmpint (g_unlink (drop->disk_path), ==, 0);
              drop->buried = FALSE;
            }
        }

      if (keep != NULL)
        {
          restore_image (keep, stats);
          if (keep->buried)
            {
              g_assert_cmpint (g_rename (keep->disk_path, entry->path), ==, 0);
              keep->buried = FALSE;
            }
        }
    }

  g_hash_table_remove_all (pc.entries);

  g_mutex_unlock (&pc.lock);
}

/**
 * powercut_vfs_begin:
 * @rand: decides how writes tear at the cut; must outlive the cut
 * @cut_after: the power fails at this write, truncation or sync (from 1)
 * @cut_at_db_write: or at this write, truncation or sync of a database
 *   file (from 1), if not 0
 * @dir: the data folder; what is in it now counts as durable
 *
 * Starts a new stretch of power, forgetting the last one.
 */
void
powercut_vfs_begin (GRand      *rand,
                    guint       cut_after,
                    guint       cut_at_db_write,
                    const char *dir)
{
  g_autoptr(GDir) listing = NULL;
  const char *name;
  char resolved[PATH_MAX];

  g_assert_cmpuint (cut_after, >, 0);
  g_assert_nonnull (realpath (dir, resolved));

  g_mutex_lock (&pc.lock);

  g_assert_nonnull (pc.entries);
  g_assert_cmpuint (pc.open_files, ==, 0);
  g_hash_table_remove_all (pc.entries);
  g_hash_table_remove_all (pc.existing);
  g_free (pc.dir);
  pc.dir = g_strdup (resolved);
  pc.rand = rand;
  pc.calls = 0;
  pc.cut_after = cut_after;
  pc.db_writes = 0;
  pc.cut_at_db_write = cut_at_db_write;
  pc.dead = FALSE;

  listing = g_dir_open (pc.dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    g_hash_table_add (pc.existing, g_strdup (name));

  g_mutex_unlock (&pc.lock);
}

/* Moves the cut to the @n_calls-th write, truncation or sync from now. */
void
powercut_vfs_cut_in (guint n_calls)
{
  g_assert_cmpuint (n_calls, >, 0);

  g_mutex_lock (&pc.lock);
  pc.cut_after = pc.calls + n_calls;
  pc.cut_at_db_write = 0;
  g_mutex_unlock (&pc.lock);
}

gboolean
powercut_vfs_is_dead (void)
{
  gboolean dead;

  g_mutex_lock (&pc.lock);
  dead = pc.dead;
  g_mutex_unlock (&pc.lock);

  return dead;
}

/**
 * powercut_vfs_register:
 *
 * Makes the power-cut VFS SQLite's default, so the store opens through it
 * without knowing. Until powercut_vfs_begin() the power is off.
 */
void
powercut_vfs_register (void)
{
  g_assert_null (pc.entries);

  pc.base = sqlite3_vfs_find ("unix");
  g_assert_nonnull (pc.base);
  g_assert_cmpint (pc.base->iVersion, >=, 3);

  pc.entries = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_free);
  pc.existing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pc.dir = g_strdup ("");
  pc.dead = TRUE;

  pc.vfs = (sqlite3_vfs) {
    .iVersion = 2,
    .szOsFile = (int) (ROUND8 (sizeof (PowercutFile)) + pc.base->szOsFile),
    .mxPathname = pc.base->mxPathname,
    .zName = "powercut",
    .xOpen = powercut_open,
    .xDelete = powercut_delete,
    .xAccess = powercut_access,
    .xFullPathname = powercut_full_pathname,
    .xDlOpen = powercut_dl_open,
    .xDlError = powercut_dl_error,
    .xDlSym = powercut_dl_sym,
    .xDlClose = powercut_dl_close,
    .xRandomness = powercut_randomness,
    .xSleep = powercut_sleep,
    .xCurrentTime = powercut_current_time,
    .xGetLastError = powercut_get_last_error,
    .xCurrentTimeInt64 = powercut_current_time_int64,
  };

  g_assert_cmpint (sqlite3_vfs_register (&pc.vfs, 1), ==, SQLITE_OK);
}

/* Makes the unix VFS the default again. */
void
powercut_vfs_unregister (void)
{
  g_assert_cmpuint (pc.open_files, ==, 0);
  g_assert_cmpint (sqlite3_vfs_unregister (&pc.vfs), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_vfs_register (pc.base, 1), ==, SQLITE_OK);

  g_clear_pointer (&pc.entries, g_hash_table_unref);
  g_clear_pointer (&pc.existing, g_hash_table_unref);
  g_clear_pointer (&pc.dir, g_free);
  pc.rand = NULL;
  pc.dead = FALSE;
}
