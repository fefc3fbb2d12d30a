/* closeness-data-command.c: --export-data and --import-data, the couple's
 * whole data from and to one file without a window (also what people
 * script their own backups with).
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-data"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-data-command.h"

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* The command line runs before any main loop: wait for the worker here. */
static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static gboolean
check_path (const char *path,
            const char *message)
{
  if (path != NULL && path[0] != '\0')
    return TRUE;

  g_printerr ("%s\n", message);
  return FALSE;
}

/**
 * closeness_data_command_export:
 *
 * Writes the whole data to @path (0600, through a temporary file and a
 * rename, so a link at @path is replaced, never followed). Prints one line.
 *
 * Returns: the exit status
 */
int
closeness_data_command_export (ClosenessStore *store,
                               const char     *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), 1);

  if (!check_path (path, _("Cannot export: no file name given.")))
    return 1;

  file = g_file_new_for_commandline_arg (path);
  closeness_store_export_async (store, file, NULL, result_cb, &result);
  if (!closeness_store_export_finish (store, wait_for (&result), &error))
    {
      /* Translators: the first %s is a file name, the second the reason */
      g_printerr (_("Cannot export to “%s”: %s\n"), path, error->message);
      return 1;
    }

  /* Translators: %s is a file name */
  g_print (_("Exported all of your data to “%s”.\n"), path);

  return 0;
}

/**
 * closeness_data_command_import:
 *
 * Replaces the whole data with @path after every check the window's import
 * makes, backing up the current data first. A refused file changes
 * nothing. Prints one line.
 *
 * Returns: the exit status
 */
int
closeness_data_command_import (ClosenessStore *store,
                               const char     *path)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), 1);

  if (!check_path (path, _("Cannot import: no file name given.")))
    return 1;

  file = g_file_new_for_commandline_arg (path);
  closeness_store_import_async (store, file, NULL, result_cb, &result);
  if (!closeness_store_import_finish (store, wait_for (&result), &error))
    {
      /* Translators: the first %s is a file name, the second the reason */
      g_printerr (_("Cannot import “%s”: %s\n"), path, error->message);
      return 1;
    }

  /* Translators: %s is a file name */
  g_print (_("Imported all data from “%s”. The data before was backed up first.\n"), path);

  return 0;
}
