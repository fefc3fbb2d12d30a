/* closeness-secret.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Binary secrets (a device's key pairs and the couple's keys) live in the
 * Secret Service, never in a file: the database, a backup and the logs only
 * ever see public halves. Items are found by kind and account under a
 * schema of their own, apart from the CalDAV passwords of
 * closeness-credentials.c. Messages are plain English for the log, like the
 * vault's.
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <libsecret/secret.h>

#include "closeness-secret.h"

#define SECRET_CONTENT_TYPE "application/octet-stream"

static const SecretSchema schema = {
  "com.example.Closeness.Secret", SECRET_SCHEMA_NONE,
  {
    { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
  0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

static GHashTable *memory;   /* "kind\naccount" -> GBytes, for tests */
G_LOCK_DEFINE_STATIC (memory);

void
closeness_secret_use_memory_for_testing (void)
{
  G_LOCK (memory);
  if (memory == NULL)
    memory = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) g_bytes_unref);
  G_UNLOCK (memory);
}

static char *
memory_key (const char *kind,
            const char *account)
{
  return g_strconcat (kind, "\n", account, NULL);
}

static void
keyring_error (GError **error,
               GError  *cause)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               "The keys could not be kept in the keyring: %s", cause->message);
}

gboolean
closeness_secret_store (const char  *kind,
                        const char  *account,
                        GBytes      *secret,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label = NULL;
  SecretValue *value;
  gsize length;
  const char *data;
  gboolean stored;

  g_return_val_if_fail (kind != NULL && account != NULL && secret != NULL, FALSE);

  if (memory != NULL)
    {
      G_LOCK (memory);
      g_hash_table_replace (memory, memory_key (kind, account),
                            g_bytes_new (g_bytes_get_data (secret, NULL),
                                         g_bytes_get_size (secret)));
      G_UNLOCK (memory);
      return TRUE;
    }

  /* The label names no person: only the kind of secret and the account. */
  label = g_strdup_printf ("Closeness %s for %s", kind, account);
  data = g_bytes_get_data (secret, &length);
  value = secret_value_new (data, length, SECRET_CONTENT_TYPE);
  stored = secret_password_store_binary_sync (&schema, SECRET_COLLECTION_DEFAULT, label, value,
                                              NULL, &local_error,
                                              "kind", kind, "account", account, NULL);
  secret_value_unref (value);
  if (!stored)
    {
      keyring_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/**
 * closeness_secret_lookup:
 *
 * Returns: (transfer full) (nullable): the secret, or %NULL when none is
 *   kept (@error unset) or the keyring cannot be read (@error set)
 */
GBytes *
closeness_secret_lookup (const char  *kind,
                         const char  *account,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  SecretValue *value;
  const char *data;
  gsize length;

  g_return_val_if_fail (kind != NULL && account != NULL, NULL);

  if (memory != NULL)
    {
      g_autofree char *key = memory_key (kind, account);
      GBytes *secret;

      G_LOCK (memory);
      secret = g_hash_table_lookup (memory, key);
      if (secret != NULL)
        g_bytes_ref (secret);
      G_UNLOCK (memory);
      return secret;
    }

  value = secret_password_lookup_binary_sync (&schema, NULL, &local_error,
                                              "kind", kind, "account", account, NULL);
  if (local_error != NULL)
    {
      keyring_error (error, local_error);
      return NULL;
    }
  if (value == NULL)
    return NULL;

  data = secret_value_get (value, &length);
  /* The SecretValue wipes its copy when the last reference goes. */
  return g_bytes_new_with_free_func (data, length, (GDestroyNotify) secret_value_unref, value);
}

gboolean
closeness_secret_clear (const char  *kind,
                        const char  *account,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (kind != NULL && account != NULL, FALSE);

  if (memory != NULL)
    {
      g_autofree char *key = memory_key (kind, account);

      G_LOCK (memory);
      g_hash_table_remove (memory, key);
      G_UNLOCK (memory);
      return TRUE;
    }

  secret_password_clear_sync (&schema, NULL, &local_error,
                              "kind", kind, "account", account, NULL);
  if (local_error != NULL)
    {
      keyring_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}
