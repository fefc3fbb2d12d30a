/* closeness-selfcare-csv-file.c: self-care CSV files, to and from the store.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading, judging and writing files happen in a worker thread (the
 * *_async() calls); the store's main connection is used on the main thread
 * only, to take a snapshot for an export and to save an import.
 */

#define G_LOG_DOMAIN "closeness-selfcare"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/closeness-import-file.h"

#include "closeness-habit-logic.h"
#include "closeness-selfcare-builtins.h"
#include "closeness-selfcare-csv-private.h"

/* Import */

/* What an import needs to read a file away from the store: the activities
 * as they are when it starts, with strings of their own. */
typedef struct
{
  GFile     *file;
  GArray    *activities;  /* ClosenessCsvActivity */
  GPtrArray *strings;     /* owns the activities' strings */
  guint32    today;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->file);
  g_clear_pointer (&job->activities, g_array_unref);
  g_clear_pointer (&job->strings, g_ptr_array_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportJob, import_job_free)

static const char *
keep_string (ImportJob  *job,
             const char *text)
{
  char *copy = g_strdup (text);

  if (copy != NULL)
    g_ptr_array_add (job->strings, copy);

  return copy;
}

/* On the main thread: the store's records are not for other threads. */
static ImportJob *
import_job_new (ClosenessStore *store,
                GFile          *file)
{
  ImportJob *job = g_new0 (ImportJob, 1);
  GListModel *model = closeness_store_get_activities (store);
  guint n = g_list_model_get_n_items (model);

  job->file = g_object_ref (file);
  job->activities = g_array_sized_new (FALSE, TRUE, sizeof (ClosenessCsvActivity), n);
  job->strings = g_ptr_array_new_with_free_func (g_free);
  job->today = closeness_habit_today ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessActivity) activity = g_list_model_get_item (model, i);
      char *display = closeness_selfcare_activity_dup_name (activity);
      ClosenessCsvActivity item = {
        .id = closeness_record_get_id (CLOSENESS_RECORD (activity)),
        .name = keep_string (job, closeness_activity_get_name (activity)),
        .display_name = display,
        .builtin_key = keep_string (job, closeness_activity_get_builtin_key (activity)),
        .owner = closeness_activity_get_owner (activity),
      };

      g_ptr_array_add (job->strings, display);
      g_array_append_val (job->activities, item);
    }

  return job;
}

/* In any thread: opens, reads and judges the file; the store is not touched. */
static ClosenessCsvImport *
import_job_read (ImportJob     *job,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  goffset size = 0;

  stream = closeness_import_file_open (job->file, &size, cancellable, error);
  if (stream == NULL)
    return NULL;

  if (size > CLOSENESS_CSV_MAX_FILE_SIZE)
    {
      _closeness_csv_fail (error, CLOSENESS_CSV_ERROR_TOO_LARGE,
                           _("The file is larger than 20 MB, far more than a self-care export. "
                             "Nothing was imported."));
      return NULL;
    }

  return closeness_csv_import_read (G_INPUT_STREAM (stream),
                                    (const ClosenessCsvActivity *) (gpointer) job->activities->data,
                                    job->activities->len, job->today, cancellable, error);
}

/* On the main thread: all the valid rows in one transaction. */
static gboolean
import_save (ClosenessStore      *store,
             ClosenessCsvImport  *import,
             GError             **error)
{
  const ClosenessEntryInfo *entries;
  guint n_entries;

  entries = closeness_csv_import_get_entries (import, &n_entries);
  if (!closeness_store_add_entries (store, entries, n_entries, &import->n_added,
                                    &import->n_updated, error))
    return FALSE;
  import->stored = TRUE;

  return TRUE;
}

/**
 * closeness_selfcare_csv_import_file:
 *
 * Refuses files above %CLOSENESS_CSV_MAX_FILE_SIZE before reading, reads
 * and judges every row, then logs the valid ones in one transaction.
 * Nothing changes when the file cannot be imported. The page uses
 * closeness_selfcare_csv_import_file_async(), which reads in a thread.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error
 */
ClosenessCsvImport *
closeness_selfcare_csv_import_file (ClosenessStore  *store,
                                    GFile           *file,
                                    GCancellable    *cancellable,
                                    GError         **error)
{
  g_autoptr(ImportJob) job = NULL;
  g_autoptr(ClosenessCsvImport) import = NULL;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  job = import_job_new (store, file);
  import = import_job_read (job, cancellable, error);
  if (import == NULL || !import_save (store, import, error))
    return NULL;

  return g_steal_pointer (&import);
}

static void
import_read_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  ClosenessCsvImport *import = import_job_read (task_data, cancellable, &error);

  if (import == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, import, (GDestroyNotify) closeness_csv_import_free);
}

static void
import_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(ClosenessCsvImport) import = NULL;
  GError *error = NULL;

  import = g_task_propagate_pointer (G_TASK (result), &error);
  if (import == NULL ||
      g_task_return_error_if_cancelled (task) ||
      !import_save (g_task_get_task_data (task), import, &error))
    {
      if (error != NULL)
        g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&import),
                         (GDestroyNotify) closeness_csv_import_free);
}

/**
 * closeness_selfcare_csv_import_file_async:
 *
 * As closeness_selfcare_csv_import_file(), but the file is read and judged
 * in a worker thread; the entries are then saved on the main thread, in
 * one transaction, before @callback runs.
 */
void
closeness_selfcare_csv_import_file_async (ClosenessStore      *store,
                                          GFile               *file,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) read = NULL;
  GTask *task;

  g_return_if_fail (CLOSENESS_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, closeness_selfcare_csv_import_file_async);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);

  read = g_task_new (NULL, cancellable, import_read_cb, task);
  g_task_set_source_tag (read, import_read_thread);
  g_task_set_task_data (read, import_job_new (store, file), (GDestroyNotify) import_job_free);
  g_task_run_in_thread (read, import_read_thread);
}

/* Returns: (transfer full) (nullable): the report, or %NULL with @error */
ClosenessCsvImport *
closeness_selfcare_csv_import_file_finish (GAsyncResult  *result,
                                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        closeness_selfcare_csv_import_file_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Export */

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  ClosenessEntry *ea = *(ClosenessEntry **) a;
  ClosenessEntry *eb = *(ClosenessEntry **) b;
  int cmp = strcmp (closeness_entry_get_day (ea), closeness_entry_get_day (eb));

  if (cmp != 0)
    return cmp;

  return closeness_entry_get_slot (ea) - closeness_entry_get_slot (eb);
}

/**
 * closeness_selfcare_csv_export_string:
 * @me: who is using the computer (0 or 1)
 *
 * Every entry @view shows, oldest first. Private activities appear only in
 * their owner's "Me" export.
 *
 * Returns: (transfer full): the CSV text, with a byte order mark and CRLF
 *   line ends
 */
char *
closeness_selfcare_csv_export_string (ClosenessStore        *store,
                                      ClosenessSelfcareView  view,
                                      guint                  me,
                                      guint                 *n_rows)
{
  GListModel *activities;
  GListModel *partners;
  g_autofree char *partner_names[2] = { NULL, NULL };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  GString *out = g_string_new ("\xef\xbb\xbf");
  guint n;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), NULL);

  partners = closeness_store_get_partners (store);
  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(ClosenessPartner) partner = g_list_model_get_item (partners, i);
      int slot = closeness_partner_get_slot (partner);

      if (slot == 0 || slot == 1)
        {
          g_free (partner_names[slot]);
          partner_names[slot] = g_strdup (closeness_partner_get_name (partner));
        }
    }

  g_string_append (out, "date,partner,partner_name,activity,activity_key,kind,note,value\r\n");

  activities = closeness_store_get_activities (store);
  n = g_list_model_get_n_items (activities);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessActivity) activity = g_list_model_get_item (activities, i);
      g_autoptr(GListModel) entries = NULL;
      ClosenessOwner owner = closeness_activity_get_owner (activity);
      gboolean is_private = closeness_activity_get_is_private (activity);
      guint n_entries;

      if (!closeness_selfcare_view_shows_activity (view, me, owner, is_private))
        continue;

      entries = closeness_store_get_entries (store,
                                             closeness_record_get_id (CLOSENESS_RECORD (activity)),
                                             "1900-01-01", "2200-12-31");
      n_entries = entries != NULL ? g_list_model_get_n_items (entries) : 0;

      for (guint j = 0; j < n_entries; j++)
        {
          ClosenessEntry *entry = g_list_model_get_item (entries, j);

          if (closeness_selfcare_view_counts_slot (view, me, owner, is_private,
                                                   closeness_entry_get_slot (entry)))
            g_ptr_array_add (rows, entry);
          else
            g_object_unref (entry);
        }
    }

  g_ptr_array_sort (rows, compare_entries);

  for (guint i = 0; i < rows->len; i++)
    {
      ClosenessEntry *entry = g_ptr_array_index (rows, i);
      g_autoptr(ClosenessActivity) activity = NULL;
      guint slot = closeness_entry_get_slot (entry);
      const char *key;

      activity = closeness_record_list_lookup (CLOSENESS_RECORD_LIST (activities),
                                               closeness_entry_get_activity_id (entry), NULL);
      if (activity == NULL)
        continue;
      g_object_ref (activity);
      key = closeness_activity_get_builtin_key (activity);

      g_string_append_printf (out, "%s,%u,", closeness_entry_get_day (entry), slot + 1);
      closeness_csv_append_cell (out, partner_names[slot]);
      g_string_append_c (out, ',');
      closeness_csv_append_cell (out, closeness_activity_get_name (activity));
      g_string_append_c (out, ',');
      closeness_csv_append_cell (out, key != NULL ? key : "");
      g_string_append (out, closeness_entry_get_kind (entry) == CLOSENESS_ENTRY_REST
                            ? ",rest," : ",done,");
      closeness_csv_append_cell (out, closeness_entry_get_note (entry));
      g_string_append_c (out, ',');
      if (closeness_entry_get_value (entry) >= 0)
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          /* The shortest text that reads back as the same number, with a '.'. */
          g_string_append (out, g_ascii_formatd (number, sizeof number, "%.15g",
                                                 closeness_entry_get_value (entry)));
        }
      g_string_append (out, "\r\n");
    }

  if (n_rows != NULL)
    *n_rows = rows->len;

  return g_string_free (out, FALSE);
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;

      data += n;
      length -= n;
    }

  return TRUE;
}

/* In any thread: writes @text next to @file and renames it into place, so
 * the file is complete or untouched, and always 0600. */
static gboolean
write_export (GFile         *file,
              const char    *text,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *tmp_path = NULL;
  gsize length = strlen (text);
  int fd;

  if (path == NULL)
    {
      g_autoptr(GFileOutputStream) stream = NULL;

      stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, cancellable, error);
      if (stream == NULL ||
          !g_output_stream_write_all (G_OUTPUT_STREAM (stream), text, length, NULL, cancellable,
                                      error) ||
          !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error))
        return FALSE;

      return TRUE;
    }

  tmp_path = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The export could not be written: %s"), g_strerror (saved));
      return FALSE;
    }

  if (fchmod (fd, 0600) != 0 || !write_all (fd, text, length) || fsync (fd) != 0)
    {
      int saved = errno;

      close (fd);
      g_unlink (tmp_path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The export could not be written: %s"), g_strerror (saved));
      return FALSE;
    }

  if (close (fd) != 0 || g_rename (tmp_path, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp_path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("The export could not be written: %s"), g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}

/**
 * closeness_selfcare_csv_export_file:
 *
 * Writes the export next to @file and renames it into place, so the file
 * is complete or untouched, and always 0600. The page uses
 * closeness_selfcare_csv_export_file_async(), which writes in a thread.
 */
gboolean
closeness_selfcare_csv_export_file (ClosenessStore         *store,
                                    ClosenessSelfcareView   view,
                                    guint                   me,
                                    GFile                  *file,
                                    guint                  *n_rows,
                                    GError                **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  text = closeness_selfcare_csv_export_string (store, view, me, n_rows);

  return write_export (file, text, NULL, error);
}

typedef struct
{
  GFile *file;
  char  *text;
  guint  n_rows;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->file);
  g_free (job->text);
  g_free (job);
}

static void
export_write_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ExportJob *job = task_data;
  GError *error = NULL;

  if (!write_export (job->file, job->text, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * closeness_selfcare_csv_export_file_async:
 *
 * As closeness_selfcare_csv_export_file(): the rows are taken from the
 * store on the main thread, the file is written and synced in a worker
 * thread.
 */
void
closeness_selfcare_csv_export_file_async (ClosenessStore        *store,
                                          ClosenessSelfcareView  view,
                                          guint                  me,
                                          GFile                 *file,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (CLOSENESS_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  job = g_new0 (ExportJob, 1);
  job->file = g_object_ref (file);
  job->text = closeness_selfcare_csv_export_string (store, view, me, &job->n_rows);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, closeness_selfcare_csv_export_file_async);
  g_task_set_task_data (task, job, (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_write_thread);
}

/* @n_rows: (out) (optional): how many entries were written */
gboolean
closeness_selfcare_csv_export_file_finish (GAsyncResult  *result,
                                           guint         *n_rows,
                                           GError       **error)
{
  ExportJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        closeness_selfcare_csv_export_file_async, FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  if (n_rows != NULL)
    *n_rows = job->n_rows;

  return TRUE;
}
