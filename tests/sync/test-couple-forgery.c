/* test-couple-forgery.c: a server that lies about the couple's devices:
 * forged, re-signed, moved, swapped, dropped or replaced device lists and a
 * forged grant, each refused.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No server: a GHashTable of VJOURNALs stands in for the server's items.
 * Three devices: A and A′ (the first partner's) and B (the second's).
 */

#include <sodium.h>
#include <string.h>

#include "couple-keys-test-fixture.h"
#include "sync/closeness-control-item.h"

static char *
entry_uid (guint seq)
{
  char stable_id[16];
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(ClosenessControlItem) item = NULL;

  g_snprintf (stable_id, sizeof stable_id, "%u", seq);
  item = closeness_control_item_new (CLOSENESS_CONTROL_ITEM_DEVICE_LIST_ENTRY, stable_id, empty);
  return g_strdup (closeness_control_item_get_uid (item));
}

/* The payload of the device list entry @seq on the server. */
static GBytes *
server_entry (Server *server,
              guint   seq)
{
  g_autofree char *uid = entry_uid (seq);
  const char *ics = g_hash_table_lookup (server->items, uid);
  g_autofree char *read_uid = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ClosenessControlItem) item = NULL;

  g_assert_nonnull (ics);
  g_assert_true (closeness_vault_item_from_ics (ics, strlen (ics), &read_uid, &bytes, NULL));
  item = closeness_control_item_parse (bytes, NULL);
  return g_bytes_ref (closeness_control_item_get_payload (item));
}

static void
server_set_entry (Server *server,
                  guint   seq,
                  GBytes *payload)
{
  char stable_id[16];
  g_autoptr(ClosenessControlItem) item = NULL;

  g_snprintf (stable_id, sizeof stable_id, "%u", seq);
  item = closeness_control_item_new (CLOSENESS_CONTROL_ITEM_DEVICE_LIST_ENTRY, stable_id, payload);
  couple_test_server_put_bytes (server, closeness_control_item_get_uid (item),
                                closeness_control_item_get_bytes (item));
}

static void
server_drop_entry (Server *server,
                   guint   seq)
{
  g_autofree char *uid = entry_uid (seq);

  g_assert_true (g_hash_table_remove (server->items, uid));
}

static guint
server_n_entries (Server *server)
{
  guint n = 0;

  for (;; n++)
    {
      g_autofree char *uid = entry_uid (n);

      if (!g_hash_table_contains (server->items, uid))
        return n;
    }
}

static Server *
server_copy (Server *server)
{
  Server *copy = couple_test_server_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, server->items);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->items, g_strdup (key), g_strdup (value));

  return copy;
}

static void
assert_update_refused (ClosenessCoupleKeys *keys,
                       Server              *server,
                       int                  code)
{
  g_autoptr(GPtrArray) items = couple_test_server_items (server);
  g_autoptr(GError) error = NULL;

  g_assert_false (closeness_couple_keys_update (keys, items, &error));
  g_assert_error (error, CLOSENESS_COUPLE_KEYS_ERROR, code);
}

/* ---- Forging, as a server would ---------------------------------------- */

/* A device list entry made by hand (see closeness-couple-keys-list.c),
 * signed by @signer, after @previous. */
static GBytes *
forge_entry (GBytes               *previous,
             guint                 seq,
             ClosenessVaultDevice *signer,
             guint8                type,
             const guint8         *body,
             gsize                 body_length)
{
  static const char domain[] = "closeness device list v1";
  g_autoptr(GBytes) secret = closeness_vault_device_dup_secret (signer);
  g_autoptr(GByteArray) entry = g_byte_array_new ();
  guint8 pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  guint8 head[1 + 32 + 4 + 32 + 1] = { 1 };
  guint8 signature[crypto_sign_BYTES];
  crypto_sign_state state;
  crypto_generichash_state hash;

  crypto_sign_seed_keypair (pk, sk, (const guint8 *) g_bytes_get_data (secret, NULL) + 1);
  memcpy (head + 1, pk, 32);
  head[33] = seq >> 24;
  head[34] = (seq >> 16) & 0xff;
  head[35] = (seq >> 8) & 0xff;
  head[36] = seq & 0xff;
  crypto_generichash_init (&hash, NULL, 0, 32);
  crypto_generichash_update (&hash, (const guint8 *) domain, sizeof domain);
  crypto_generichash_update (&hash, g_bytes_get_data (previous, NULL), g_bytes_get_size (previous));
  crypto_generichash_final (&hash, head + 37, 32);
  head[69] = type;
  g_byte_array_append (entry, head, sizeof head);
  g_byte_array_append (entry, body, body_length);

  crypto_sign_init (&state);
  crypto_sign_update (&state, (const guint8 *) domain, sizeof domain);
  crypto_sign_update (&state, entry->data, entry->len);
  crypto_sign_final_create (&state, signature, NULL, sk);
  g_byte_array_append (entry, signature, sizeof signature);
  sodium_memzero (sk, sizeof sk);

  return g_byte_array_free_to_bytes (g_steal_pointer (&entry));
}

/* The body of an entry that adds @device for the first partner. */
static GByteArray *
forge_add_body (ClosenessVaultDevice *device)
{
  GByteArray *body = g_byte_array_new ();
  guint8 head[2 + 16] = { 1, 0 };
  guint8 no_name[2] = { 0, 0 };
  GBytes *public_part = closeness_vault_device_get_public (device);

  g_byte_array_append (body, head, sizeof head);
  g_byte_array_append (body, g_bytes_get_data (public_part, NULL), g_bytes_get_size (public_part));
  g_byte_array_append (body, no_name, sizeof no_name);
  return body;
}

static void
test_list_forged (Couple        *couple,
                  gconstpointer  data)
{
  guint n = server_n_entries (couple->server);
  g_autoptr(ClosenessVaultDevice) intruder = closeness_vault_device_generate ();
  g_autoptr(GBytes) last = server_entry (couple->server, n - 1);
  g_autoptr(GByteArray) body = forge_add_body (intruder);

  /* The server adds a device of its own, signing the entry itself. */
  {
    g_autoptr(Server) forged = server_copy (couple->server);
    g_autoptr(GBytes) entry = forge_entry (last, n, intruder, 2, body->data, body->len);

    server_set_entry (forged, n, entry);
    assert_update_refused (couple->b, forged, CLOSENESS_COUPLE_KEYS_ERROR_FORBIDDEN);
  }
  /* … or the same entry, claiming to be A's. */
  {
    g_autoptr(Server) forged = server_copy (couple->server);
    g_autoptr(GBytes) entry = forge_entry (last, n, intruder, 2, body->data, body->len);
    gsize length;
    guint8 *copy = g_bytes_unref_to_data (g_bytes_ref (entry), &length);
    g_autoptr(GBytes) claimed = NULL;
    GBytes *a_public =
      closeness_vault_device_get_public (closeness_couple_keys_get_device (couple->a));

    memcpy (copy + 1, (const guint8 *) g_bytes_get_data (a_public, NULL) + 1, 32);
    claimed = g_bytes_new_take (copy, length);
    server_set_entry (forged, n, claimed);
    assert_update_refused (couple->b, forged, CLOSENESS_COUPLE_KEYS_ERROR_TAMPERED);
  }
  /* Re-ordered, changed or dropped: every device that saw them refuses. */
  {
    g_autoptr(Server) forged = server_copy (couple->server);
    g_autoptr(GBytes) first = server_entry (forged, 4);
    g_autoptr(GBytes) second = server_entry (forged, 5);

    server_set_entry (forged, 4, second);
    server_set_entry (forged, 5, first);
    assert_update_refused (couple->a, forged, CLOSENESS_COUPLE_KEYS_ERROR_TAMPERED);
  }
  /* Moving an entry means changing its signed number. */
  g_autoptr(Server) moved = server_copy (couple->server);
  {
    g_autoptr(GBytes) entry = server_entry (moved, 5);
    gsize length;
    guint8 *copy = g_bytes_unref_to_data (g_bytes_ref (entry), &length);
    g_autoptr(GBytes) renumbered = NULL;

    copy[36] = 4;   /* the sequence number's last byte */
    renumbered = g_bytes_new_take (copy, length);
    server_set_entry (moved, 4, renumbered);
    server_drop_entry (moved, 5);
    assert_update_refused (couple->a, moved, CLOSENESS_COUPLE_KEYS_ERROR_ROLLED_BACK);
  }
  {
    g_autoptr(Server) forged = server_copy (couple->server);

    server_drop_entry (forged, n - 1);
    assert_update_refused (couple->b, forged, CLOSENESS_COUPLE_KEYS_ERROR_ROLLED_BACK);
  }

  /* A device that saw only the founding (A as it was then) refuses the
   * same re-ordering, and a dropped entry in the middle, by the chain. */
  {
    g_autoptr(GBytes) secret = closeness_couple_keys_dup_secret_state (couple->a);
    g_autoptr(ClosenessCoupleKeys) early = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(Server) swapped = server_copy (couple->server);
    g_autoptr(Server) dropped = server_copy (couple->server);
    g_autoptr(GBytes) first = server_entry (swapped, 4);
    g_autoptr(GBytes) second = server_entry (swapped, 5);

    early = closeness_couple_keys_new_from_state (secret, couple->a_public_founded, &error);
    g_assert_no_error (error);
    server_set_entry (swapped, 4, second);
    server_set_entry (swapped, 5, first);
    assert_update_refused (early, swapped, CLOSENESS_COUPLE_KEYS_ERROR_TAMPERED);
    assert_update_refused (early, moved, CLOSENESS_COUPLE_KEYS_ERROR_TAMPERED);
    server_drop_entry (dropped, 5);
    assert_update_refused (early, dropped, CLOSENESS_COUPLE_KEYS_ERROR_TAMPERED);
    /* The genuine list is taken. */
    couple_test_update (early, couple->server);
  }

  /* A device list of the server's own (its root) is refused by a member:
   * the root is pinned. */
  {
    g_autoptr(Server) forged = server_copy (couple->server);
    g_autoptr(ClosenessCoupleKeys) fake = NULL;
    g_autoptr(GPtrArray) items = NULL;

    fake = closeness_couple_keys_found (CLOSENESS_DEVICE_PARTNER_FIRST, "x", &items);
    for (guint i = 0; i < n; i++)
      server_drop_entry (forged, i);
    couple_test_server_put (forged, g_steal_pointer (&items));
    assert_update_refused (couple->b, forged, CLOSENESS_COUPLE_KEYS_ERROR_ROLLED_BACK);
  }

  /* After all this, the genuine list still passes. */
  couple_test_update (couple->b, couple->server);
}

/* A grant the server makes up (its own device list, its own couple key):
 * the joining device shows an approver fingerprint that is not A's. */
static void
test_forged_grant (Couple        *couple,
                   gconstpointer  data)
{
  g_autoptr(ClosenessCoupleKeys) c = NULL;
  g_autoptr(ClosenessCoupleKeys) fake = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(Server) forged = couple_test_server_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *c_fingerprint = NULL;
  g_autofree char *fake_fingerprint = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(ClosenessVaultKey) made_up = NULL;

  c = closeness_couple_keys_new_joining (CLOSENESS_DEVICE_PARTNER_FIRST, &items);
  c_fingerprint = closeness_couple_keys_dup_fingerprint (c);
  couple_test_server_put (couple->server, g_ptr_array_ref (items));
  couple_test_server_put (forged, g_steal_pointer (&items));

  /* With the genuine list, a grant signed by a device of the server's is refused. */
  fake = closeness_couple_keys_found (CLOSENESS_DEVICE_PARTNER_FIRST, "x", &items);
  fake_fingerprint = closeness_couple_keys_dup_fingerprint (fake);
  couple_test_server_put (forged, g_steal_pointer (&items));
  couple_test_server_put (forged, couple_test_approve (fake, forged, c_fingerprint));
  {
    g_autoptr(Server) mixed = server_copy (couple->server);
    g_autoptr(GPtrArray) forged_items = couple_test_server_items (forged);
    g_autoptr(GPtrArray) mixed_items = NULL;
    g_autoptr(GPtrArray) out = NULL;
    char *approver = NULL;

    /* A approves C for real, but the server swaps in its own grant. */
    g_autoptr(GPtrArray) genuine = couple_test_approve (couple->a, mixed, c_fingerprint);
    for (guint i = 0; i < genuine->len; i++)
      {
        ClosenessControlItem *item = g_ptr_array_index (genuine, i);

        if (closeness_control_item_get_kind (item) == CLOSENESS_CONTROL_ITEM_DEVICE_LIST_ENTRY)
          couple_test_server_put_bytes (mixed, closeness_control_item_get_uid (item),
                                        closeness_control_item_get_bytes (item));
      }
    for (guint i = 0; i < forged_items->len; i++)
      {
        ClosenessControlItem *item = g_ptr_array_index (forged_items, i);

        if (closeness_control_item_get_kind (item) == CLOSENESS_CONTROL_ITEM_KEY_GRANT)
          couple_test_server_put_bytes (mixed, closeness_control_item_get_uid (item),
                                        closeness_control_item_get_bytes (item));
      }
    mixed_items = couple_test_server_items (mixed);
    g_assert_false (closeness_couple_keys_accept (c, mixed_items, "Anna’s phone", &approver, &out,
                                                  &error));
    g_assert_error (error, CLOSENESS_COUPLE_KEYS_ERROR, CLOSENESS_COUPLE_KEYS_ERROR_FORBIDDEN);
    g_clear_error (&error);
    g_assert_null (approver);
  }

  /* With the server's own list, the device joins something: but it shows
   * the server's device, not A's, as the one that approved it. */
  shown = couple_test_accept (c, forged, "Anna’s phone");
  g_assert_cmpstr (shown, ==, fake_fingerprint);
  g_assert_cmpstr (shown, !=, couple->a_fingerprint);
  made_up =
    closeness_couple_keys_get_sealing_key (c, CLOSENESS_DEVICE_PARTNER_FIRST, FALSE, &error);
  g_assert_no_error (error);
  {
    g_autoptr(ClosenessVaultKey) genuine =
      closeness_couple_keys_get_sealing_key (couple->a, CLOSENESS_DEVICE_PARTNER_FIRST, FALSE,
                                             &error);

    g_assert_false (closeness_vault_key_equal (made_up, genuine));
  }
  /* The couple's devices never take that list. */
  assert_update_refused (couple->a, forged, CLOSENESS_COUPLE_KEYS_ERROR_ROLLED_BACK);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  COUPLE_TEST_ADD ("/sync/couple-keys/list-forged", test_list_forged);
  COUPLE_TEST_ADD ("/sync/couple-keys/forged-grant", test_forged_grant);

  return g_test_run ();
}
