/* couple-keys-test-fixture.c: a server that is a hash table, a couple of three
 * devices on it, and the helpers several tests of the couple's keys use.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No server: a GHashTable of VJOURNALs stands in for the server's items.
 * Three devices: A and A′ (the first partner's) and B (the second's).
 */

#include <string.h>

#include "couple-keys-test-fixture.h"

/* ---- The server ---------------------------------------------------------- */

Server *
couple_test_server_new (void)
{
  Server *server = g_new0 (Server, 1);

  server->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  server->history = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  return server;
}

void
couple_test_server_free (Server *server)
{
  g_hash_table_unref (server->items);
  g_ptr_array_unref (server->history);
  g_free (server);
}

void
couple_test_server_put_bytes (Server     *server,
                              const char *uid,
                              GBytes     *bytes)
{
  char *ics = closeness_vault_item_to_ics (uid, bytes);

  g_ptr_array_add (server->history, g_bytes_new (ics, strlen (ics)));
  g_hash_table_replace (server->items, g_strdup (uid), ics);
}

/* Uploads @items (and frees them), as the engine would. */
void
couple_test_server_put (Server    *server,
                        GPtrArray *items)
{
  g_assert_nonnull (items);
  for (guint i = 0; i < items->len; i++)
    {
      ClosenessControlItem *item = g_ptr_array_index (items, i);

      couple_test_server_put_bytes (server, closeness_control_item_get_uid (item),
                                    closeness_control_item_get_bytes (item));
    }
  g_ptr_array_unref (items);
}

/* Every control item on the server, read back through the VJOURNAL. */
GPtrArray *
couple_test_server_items (Server *server)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_control_item_unref);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, server->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_autofree char *uid = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (closeness_vault_item_from_ics (value, strlen (value), &uid, &bytes, &error));
      g_assert_no_error (error);
      if (closeness_control_item_is_control (bytes))
        {
          ClosenessControlItem *item = closeness_control_item_parse (bytes, &error);

          g_assert_no_error (error);
          g_assert_cmpstr (closeness_control_item_get_uid (item), ==, uid);
          g_ptr_array_add (items, item);
        }
    }

  return items;
}

/* ---- Helpers ------------------------------------------------------------- */

void
couple_test_update (ClosenessCoupleKeys *keys,
                    Server              *server)
{
  g_autoptr(GPtrArray) items = couple_test_server_items (server);
  g_autoptr(GError) error = NULL;

  g_assert_true (closeness_couple_keys_update (keys, items, &error));
  g_assert_no_error (error);
}

GPtrArray *
couple_test_approve (ClosenessCoupleKeys *approver,
                     Server              *server,
                     const char          *fingerprint)
{
  g_autoptr(GPtrArray) items = couple_test_server_items (server);
  g_autoptr(GError) error = NULL;
  GPtrArray *out = closeness_couple_keys_approve (approver, fingerprint, items, &error);

  g_assert_no_error (error);
  return out;
}

/* The new device accepts; returns the approver's fingerprint it shows. */
char *
couple_test_accept (ClosenessCoupleKeys *joining,
                    Server              *server,
                    const char          *name)
{
  g_autoptr(GPtrArray) items = couple_test_server_items (server);
  g_autoptr(GError) error = NULL;
  GPtrArray *out = NULL;
  char *approver = NULL;

  g_assert_true (closeness_couple_keys_accept (joining, items, name, &approver, &out, &error));
  g_assert_no_error (error);
  couple_test_server_put (server, out);
  return approver;
}

char *
couple_test_digits_only (const char *fingerprint)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = fingerprint; *p != '\0'; p++)
    {
      if (*p != ' ')
        g_string_append_c (digits, *p);
    }

  return g_string_free (digits, FALSE);
}

/* ---- The couple ---------------------------------------------------------- */

void
couple_test_couple_set_up (Couple        *couple,
                           gconstpointer  data)
{
  GPtrArray *items = NULL;
  g_autofree char *b_approver = NULL;
  g_autofree char *a2_approver = NULL;
  g_autofree char *a2_digits = NULL;

  couple->server = couple_test_server_new ();

  couple->a = closeness_couple_keys_found (CLOSENESS_DEVICE_PARTNER_FIRST, "Anna’s laptop", &items);
  couple_test_server_put (couple->server, items);
  couple->a_fingerprint = closeness_couple_keys_dup_fingerprint (couple->a);
  couple->a_public_founded = closeness_couple_keys_dup_public_state (couple->a);

  /* B joins through the fingerprint it prints, typed on A. */
  couple->b = closeness_couple_keys_new_joining (CLOSENESS_DEVICE_PARTNER_SECOND, &items);
  couple_test_server_put (couple->server, items);
  couple->b_fingerprint = closeness_couple_keys_dup_fingerprint (couple->b);
  g_assert_false (closeness_couple_keys_is_member (couple->b));
  couple_test_server_put (couple->server,
                          couple_test_approve (couple->a, couple->server, couple->b_fingerprint));
  b_approver = couple_test_accept (couple->b, couple->server, "Ben’s laptop");
  g_assert_cmpstr (b_approver, ==, couple->a_fingerprint);

  /* A′ joins, its number typed without spaces. */
  couple->a2 = closeness_couple_keys_new_joining (CLOSENESS_DEVICE_PARTNER_FIRST, &items);
  couple_test_server_put (couple->server, items);
  couple->a2_fingerprint = closeness_couple_keys_dup_fingerprint (couple->a2);
  a2_digits = couple_test_digits_only (couple->a2_fingerprint);
  couple_test_server_put (couple->server,
                          couple_test_approve (couple->a, couple->server, a2_digits));
  a2_approver = couple_test_accept (couple->a2, couple->server, "Anna’s old desktop");
  g_assert_cmpstr (a2_approver, ==, couple->a_fingerprint);

  couple_test_update (couple->a, couple->server);
  couple_test_update (couple->b, couple->server);
  couple_test_update (couple->a2, couple->server);
}

void
couple_test_couple_tear_down (Couple        *couple,
                              gconstpointer  data)
{
  g_clear_pointer (&couple->server, couple_test_server_free);
  g_clear_object (&couple->a);
  g_clear_object (&couple->a2);
  g_clear_object (&couple->b);
  g_clear_pointer (&couple->a_fingerprint, g_free);
  g_clear_pointer (&couple->a2_fingerprint, g_free);
  g_clear_pointer (&couple->b_fingerprint, g_free);
  g_clear_pointer (&couple->a_public_founded, g_bytes_unref);
}
