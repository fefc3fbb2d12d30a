/* closeness-import-file.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "closeness-import-file.h"

#define TYPE_AND_SIZE G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE

static gboolean
check_regular (GFileInfo  *info,
               GError    **error)
{
  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_REGULAR:
      return TRUE;

    case G_FILE_TYPE_DIRECTORY:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           _("This is a folder, not a file."));
      return FALSE;

    default:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           _("This is not an ordinary file (it may be a device or a pipe), "
                             "so it cannot be imported."));
      return FALSE;
    }
}

/**
 * closeness_import_file_open:
 * @size: (out) (optional): the file's size in bytes, for the caller's limit
 *
 * Opens @file for an import if it is an ordinary file (a symlink to one is
 * fine); folders, devices, pipes and sockets are refused with
 * %G_IO_ERROR_NOT_REGULAR_FILE and a message that says so, before the file
 * is opened. The caller still bounds what it reads: a file may grow.
 *
 * Returns: (transfer full) (nullable): the stream, or %NULL with @error set
 */
GFileInputStream *
closeness_import_file_open (GFile         *file,
                            goffset       *size,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, TYPE_AND_SIZE, G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL || !check_regular (info, error))
    return NULL;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  /* The same checks on what was opened, in case the path changed since. */
  g_clear_object (&info);
  info = g_file_input_stream_query_info (stream, TYPE_AND_SIZE, cancellable, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_TYPE) &&
      !check_regular (info, error))
    return NULL;

  if (size != NULL)
    *size = info != NULL ? g_file_info_get_size (info) : 0;

  return g_steal_pointer (&stream);
}
