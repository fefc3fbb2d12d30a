/* closeness-autostart.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The entry holds nothing private, but that an intimacy app starts at every
 * login is itself private from other accounts on a shared computer: the file
 * is written 0600 (the session reads it as its owner) and the folder, when
 * we create it, 0700.
 */

#define G_LOG_DOMAIN "closeness-reminders"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "closeness-autostart.h"

/**
 * closeness_autostart_dup_path:
 *
 * Returns: (transfer full): `$XDG_CONFIG_HOME/autostart/com.example.Closeness-reminders.desktop`
 */
char *
closeness_autostart_dup_path (void)
{
  return g_build_filename (g_get_user_config_dir (), "autostart", CLOSENESS_AUTOSTART_FILE_NAME,
                           NULL);
}

/**
 * closeness_autostart_build_contents:
 * @exec: (nullable): the command line, %NULL for %CLOSENESS_AUTOSTART_EXEC
 *
 * Returns: (transfer full): the text of the autostart entry
 */
char *
closeness_autostart_build_contents (const char *exec)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  const char *group = G_KEY_FILE_DESKTOP_GROUP;

  g_key_file_set_string (key_file, group, G_KEY_FILE_DESKTOP_KEY_TYPE,
                         G_KEY_FILE_DESKTOP_TYPE_APPLICATION);
  /* Translators: the name of the login item in the session's startup settings. */
  g_key_file_set_string (key_file, group, G_KEY_FILE_DESKTOP_KEY_NAME, _("Closeness Reminders"));
  g_key_file_set_string (key_file, group, G_KEY_FILE_DESKTOP_KEY_COMMENT,
                         _("Delivers reminders when the Closeness window is closed"));
  g_key_file_set_string (key_file, group, G_KEY_FILE_DESKTOP_KEY_EXEC,
                         exec != NULL ? exec : CLOSENESS_AUTOSTART_EXEC);
  g_key_file_set_string (key_file, group, G_KEY_FILE_DESKTOP_KEY_ICON, APP_ID);
  g_key_file_set_boolean (key_file, group, G_KEY_FILE_DESKTOP_KEY_TERMINAL, FALSE);
  g_key_file_set_boolean (key_file, group, G_KEY_FILE_DESKTOP_KEY_NO_DISPLAY, TRUE);
  g_key_file_set_boolean (key_file, group, "X-GNOME-Autostart-enabled", TRUE);
  g_key_file_set_boolean (key_file, group, "X-GNOME-UsesNotifications", TRUE);

  return g_key_file_to_data (key_file, NULL, NULL);
}

/**
 * closeness_autostart_is_enabled:
 *
 * Returns: whether the entry exists and the session will run it (the person
 *   may have switched it off elsewhere: Hidden=true or
 *   X-GNOME-Autostart-enabled=false)
 */
gboolean
closeness_autostart_is_enabled (void)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *path = closeness_autostart_dup_path ();
  const char *group = G_KEY_FILE_DESKTOP_GROUP;
  g_autoptr(GError) error = NULL;
  gboolean enabled;

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, NULL))
    return FALSE;

  if (g_key_file_get_boolean (key_file, group, G_KEY_FILE_DESKTOP_KEY_HIDDEN, NULL))
    return FALSE;

  enabled = g_key_file_get_boolean (key_file, group, "X-GNOME-Autostart-enabled", &error);

  return error != NULL || enabled;
}

/**
 * closeness_autostart_set_enabled:
 *
 * Writes (atomically, 0600) or removes the autostart entry.
 */
gboolean
closeness_autostart_set_enabled (gboolean   enabled,
                                 GError   **error)
{
  g_autofree char *path = closeness_autostart_dup_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *contents = NULL;

  if (!enabled)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("The login item could not be removed: %s"), g_strerror (saved_errno));
          return FALSE;
        }

      g_debug ("Autostart entry removed");
      return TRUE;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("The login item could not be saved: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  contents = closeness_autostart_build_contents (NULL);
  if (!g_file_set_contents_full (path, contents, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_ONLY_EXISTING,
                                 0600, error))
    return FALSE;

  /* g_file_set_contents_full() keeps the mode of a file it replaces. */
  if (g_chmod (path, 0600) != 0)
    g_debug ("Could not tighten the autostart entry's mode");

  g_debug ("Autostart entry written");
  return TRUE;
}
