/* closeness-credentials.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Passwords and app passwords live in the Secret Service (GNOME Keyring),
 * never in the database, the logs or a backup. Items are found by server
 * and user under Closeness' own schema.
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "closeness-credentials.h"

static const SecretSchema schema = {
  "com.example.Closeness.CalDAV", SECRET_SCHEMA_NONE,
  {
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
  0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

static GHashTable *memory;   /* "server\nuser" -> password, for tests */
G_LOCK_DEFINE_STATIC (memory);

void
closeness_credentials_use_memory_for_testing (void)
{
  G_LOCK (memory);
  if (memory == NULL)
    memory = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  G_UNLOCK (memory);
}

static char *
memory_key (const char *server,
            const char *user)
{
  return g_strconcat (server, "\n", user, NULL);
}

static void
keyring_error (GError     **error,
               GError      *cause)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("The password could not be kept in the keyring: %s"), cause->message);
}

gboolean
closeness_credentials_store (const char  *server,
                             const char  *user,
                             const char  *password,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (server != NULL && user != NULL && password != NULL, FALSE);

  if (memory != NULL)
    {
      G_LOCK (memory);
      g_hash_table_replace (memory, memory_key (server, user), g_strdup (password));
      G_UNLOCK (memory);
      return TRUE;
    }

  /* Translators: the keyring item's name; %s is the server */
  label = g_strdup_printf (_("Closeness calendar sync on %s"), server);
  if (!secret_password_store_sync (&schema, SECRET_COLLECTION_DEFAULT, label, password, NULL,
                                   &local_error, "server", server, "user", user, NULL))
    {
      keyring_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/**
 * closeness_credentials_lookup:
 *
 * Returns: (transfer full) (nullable): the password, or %NULL when none is
 *   kept (@error unset) or the keyring cannot be read (@error set)
 */
char *
closeness_credentials_lookup (const char  *server,
                              const char  *user,
                              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *password;

  g_return_val_if_fail (server != NULL && user != NULL, NULL);

  if (memory != NULL)
    {
      g_autofree char *key = memory_key (server, user);

      G_LOCK (memory);
      password = g_strdup (g_hash_table_lookup (memory, key));
      G_UNLOCK (memory);
      return password;
    }

  password = secret_password_lookup_sync (&schema, NULL, &local_error,
                                          "server", server, "user", user, NULL);
  if (local_error != NULL)
    {
      keyring_error (error, local_error);
      return NULL;
    }

  return password;
}

gboolean
closeness_credentials_clear (const char  *server,
                             const char  *user,
                             GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (server != NULL && user != NULL, FALSE);

  if (memory != NULL)
    {
      g_autofree char *key = memory_key (server, user);

      G_LOCK (memory);
      g_hash_table_remove (memory, key);
      G_UNLOCK (memory);
      return TRUE;
    }

  secret_password_clear_sync (&schema, NULL, &local_error, "server", server, "user", user, NULL);
  if (local_error != NULL)
    {
      keyring_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}
