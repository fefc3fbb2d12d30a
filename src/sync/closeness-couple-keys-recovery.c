/* closeness-couple-keys-recovery.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A recovery code stands for an offline member of the device list: a vault
 * device of its own (role "recovery"), added by a device of the partner it
 * serves. Rotations grant it new keys like any device, so the copy never
 * goes stale; the copy on the server wraps, under the code
 * (closeness_vault_recovery_wrap(), Argon2id + XChaCha20-Poly1305):
 *
 *   version (1) | hash of the device list's root (32) | partner (1) |
 *   the recovery member's device secret (65) | keys (as in the secret state)
 *
 * A fresh device that has the code opens the copy, checks the server's
 * device list against the pinned root, opens the grants made to the
 * recovery member since, and adds itself with an entry the recovery
 * member signs: the only entry a recovery member may sign.
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <string.h>

#include "closeness-couple-keys-private.h"

#define BUNDLE_VERSION       1
#define DEVICE_SECRET_BYTES  65
#define BUNDLE_FIXED         (1 + COUPLE_HASH_BYTES + 1 + DEVICE_SECRET_BYTES)

static gboolean
fail (GError                   **error,
      ClosenessCoupleKeysError   code,
      const char                *message)
{
  g_set_error_literal (error, CLOSENESS_COUPLE_KEYS_ERROR, code, message);
  return FALSE;
}

static GBytes *
build_bundle (ClosenessCoupleKeys    *self,
              ClosenessDevicePartner  partner,
              ClosenessVaultDevice   *recovery)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GBytes) keys_bytes = NULL;
  g_autoptr(GBytes) recovery_secret = NULL;
  KeyScope personal = scope_for_partner (partner);
  guint8 *data;
  gsize keys_length;
  GBytes *bundle;

  for (guint i = 0; i < self->keys->len; i++)
    {
      ClosenessVaultKey *key = g_ptr_array_index (self->keys, i);
      KeyScope scope;

      if (device_list_find_key_id (self->list, closeness_vault_key_get_raw_id (key), &scope, NULL)
          && (scope == SCOPE_COUPLE || scope == personal))
        g_ptr_array_add (keys, key);
    }
  keys_bytes = couple_keys_serialize_keys (keys);
  keys_length = g_bytes_get_size (keys_bytes);
  recovery_secret = closeness_vault_device_dup_secret (recovery);
  bundle = closeness_vault_secure_bytes_new (BUNDLE_FIXED + keys_length, &data);
  data[0] = BUNDLE_VERSION;
  couple_hash (data + 1, g_ptr_array_index (self->list->entries, 0));
  data[1 + COUPLE_HASH_BYTES] = partner;
  memcpy (data + 2 + COUPLE_HASH_BYTES, g_bytes_get_data (recovery_secret, NULL),
          DEVICE_SECRET_BYTES);
  memcpy (data + BUNDLE_FIXED, g_bytes_get_data (keys_bytes, NULL), keys_length);

  return bundle;
}

/**
 * closeness_couple_keys_create_recovery:
 * @partner: whose personal key the code keeps (this device's partner, or
 *   either on a shared device)
 * @code: (out): the code to print, once
 *
 * Adds a recovery member to the device list and returns its copy for the
 * server. An earlier code of the same partner is removed (and the keys
 * rotated), so a lost printout opens nothing written afterwards.
 */
GPtrArray *
closeness_couple_keys_create_recovery (ClosenessCoupleKeys     *self,
                                       ClosenessDevicePartner   partner,
                                       char                   **code,
                                       GError                 **error)
{
  g_autoptr(ClosenessVaultDevice) recovery = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GByteArray) body = NULL;
  g_autoptr(GBytes) bundle = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  g_autofree char *new_code = NULL;
  g_autofree char *stable_id = NULL;
  guint8 nonce[COUPLE_NONCE_BYTES];
  Member *me;

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), NULL);
  g_return_val_if_fail (partner == CLOSENESS_DEVICE_PARTNER_FIRST
                        || partner == CLOSENESS_DEVICE_PARTNER_SECOND, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  me = couple_keys_self_member (self);
  if (me == NULL || !member_is_current (me))
    {
      fail (error, CLOSENESS_COUPLE_KEYS_ERROR_NOT_MEMBER,
            "This device is not one of the couple's.");
      return NULL;
    }
  if (!member_has_scope (me, scope_for_partner (partner)))
    {
      fail (error, CLOSENESS_COUPLE_KEYS_ERROR_FORBIDDEN,
            "A recovery code keeps the keys of this device's own partner only.");
      return NULL;
    }
  if (couple_keys_newest_key (self, SCOPE_COUPLE) == NULL
      || couple_keys_newest_key (self, scope_for_partner (partner)) == NULL)
    {
      fail (error, CLOSENESS_COUPLE_KEYS_ERROR_KEY_MISSING,
            "This device does not hold the newest keys a recovery code keeps.");
      return NULL;
    }

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_control_item_unref);
  recovery = closeness_vault_device_generate ();
  randombytes_buf (nonce, sizeof nonce);
  body = device_list_member_body (MEMBER_ROLE_RECOVERY, partner, nonce, recovery, NULL);
  if (!couple_keys_append (self, self->device, ENTRY_ADD, body, items, error))
    return NULL;

  /* Copied first: removing changes the list being walked. */
  {
    g_autoptr(GPtrArray) earlier = g_ptr_array_new ();

    for (guint i = 0; i < self->list->members->len; i++)
      {
        Member *member = g_ptr_array_index (self->list->members, i);

        if (member_is_current (member) && member->role == MEMBER_ROLE_RECOVERY
            && member->partner == partner
            && !closeness_vault_device_equal (member->device, recovery))
          g_ptr_array_add (earlier, member);
      }
    for (guint i = 0; i < earlier->len; i++)
      {
        if (!couple_keys_remove_member (self, g_ptr_array_index (earlier, i), items, error))
          return NULL;
      }
  }

  bundle = build_bundle (self, partner, recovery);
  new_code = closeness_vault_recovery_code_generate ();
  wrapped = closeness_vault_recovery_wrap (new_code, bundle, error);
  if (wrapped == NULL)
    return NULL;

  stable_id =
    g_strdup_printf ("%016" G_GINT64_MODIFIER "x", closeness_vault_device_get_id (recovery));
  g_ptr_array_add (items, closeness_control_item_new (CLOSENESS_CONTROL_ITEM_RECOVERY, stable_id,
                                                      wrapped));
  *code = g_steal_pointer (&new_code);
  return g_steal_pointer (&items);
}

/* The copy among @server_items that @code opens. */
static GBytes *
open_copy (const char  *code,
           GPtrArray   *server_items,
           GError     **error)
{
  g_autoptr(GError) last_error = NULL;

  for (guint i = 0; server_items != NULL && i < server_items->len; i++)
    {
      ClosenessControlItem *item = g_ptr_array_index (server_items, i);
      g_autoptr(GError) local_error = NULL;
      GBytes *bundle;

      if (closeness_control_item_get_kind (item) != CLOSENESS_CONTROL_ITEM_RECOVERY)
        continue;
      bundle = closeness_vault_recovery_unwrap (code, closeness_control_item_get_payload (item),
                                                &local_error);
      if (bundle != NULL)
        return bundle;
      g_clear_error (&last_error);
      last_error = g_steal_pointer (&local_error);
    }

  if (last_error != NULL)
    g_propagate_error (error, g_steal_pointer (&last_error));
  else
    g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_WRONG_CODE,
                         "There is no recovery copy on the server.");
  return NULL;
}

/**
 * closeness_couple_keys_new_from_recovery:
 * @code: the recovery code as typed
 * @server_items: every control item on the server
 * @device_name: the new device's name
 * @items: (out) (transfer container): the entries that add it
 *
 * Returns: (transfer full): a member device holding the keys the code kept
 *   and every key granted to it since; %NULL with WRONG_CODE (vault) for a
 *   code that opens no copy, MALFORMED (vault) for a mistyped one
 */
ClosenessCoupleKeys *
closeness_couple_keys_new_from_recovery (const char  *code,
                                         GPtrArray   *server_items,
                                         const char  *device_name,
                                         GPtrArray  **items,
                                         GError     **error)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GBytes) bundle = NULL;
  g_autoptr(GBytes) recovery_secret = NULL;
  g_autoptr(GBytes) keys_bytes = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(ClosenessVaultDevice) recovery = NULL;
  g_autoptr(ClosenessVaultDevice) device = NULL;
  g_autoptr(ClosenessCoupleKeys) self = NULL;
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GByteArray) body = NULL;
  g_autoptr(GBytes) sealed_name = NULL;
  guint8 root[COUPLE_HASH_BYTES];
  const guint8 *data;
  gsize length;
  Member *recovery_member;

  g_return_val_if_fail (code != NULL && device_name != NULL && items != NULL, NULL);

  closeness_vault_ensure_init ();
  /* A mistyped code is told at once, before any key derivation. */
  normalized = closeness_vault_recovery_code_normalize (code, error);
  if (normalized == NULL)
    return NULL;
  bundle = open_copy (normalized, server_items, error);
  if (bundle == NULL)
    return NULL;

  data = g_bytes_get_data (bundle, &length);
  if (length < BUNDLE_FIXED || data[0] != BUNDLE_VERSION
      || data[1 + COUPLE_HASH_BYTES] > CLOSENESS_DEVICE_PARTNER_SECOND)
    {
      fail (error, CLOSENESS_COUPLE_KEYS_ERROR_MALFORMED, "The recovery copy is damaged.");
      return NULL;
    }
  recovery_secret = g_bytes_new_from_bytes (bundle, 2 + COUPLE_HASH_BYTES, DEVICE_SECRET_BYTES);
  recovery = closeness_vault_device_new_from_secret (recovery_secret, error);
  if (recovery == NULL)
    return NULL;
  keys_bytes = g_bytes_new_from_bytes (bundle, BUNDLE_FIXED, length - BUNDLE_FIXED);
  keys = couple_keys_parse_keys (keys_bytes, error);
  if (keys == NULL)
    return NULL;

  device = closeness_vault_device_generate ();
  self = couple_keys_new (device, data[1 + COUPLE_HASH_BYTES]);
  randombytes_buf (self->nonce, sizeof self->nonce);
  for (guint i = 0; i < keys->len; i++)
    couple_keys_add_key (self, g_ptr_array_index (keys, i));

  /* The copy pins the root: the server cannot hand over a list of its own. */
  self->list = device_list_new ();
  if (!device_list_sync (self->list, server_items, error))
    return NULL;
  couple_hash (root, g_ptr_array_index (self->list->entries, 0));
  if (memcmp (root, data + 1, COUPLE_HASH_BYTES) != 0)
    {
      fail (error, CLOSENESS_COUPLE_KEYS_ERROR_TAMPERED,
            "The server's device list is not the one the recovery code was made for.");
      return NULL;
    }
  recovery_member = device_list_find_member (self->list,
                                             closeness_vault_device_get_sign_public (recovery));
  if (recovery_member == NULL || recovery_member->role != MEMBER_ROLE_RECOVERY
      || !member_is_current (recovery_member))
    {
      fail (error, CLOSENESS_COUPLE_KEYS_ERROR_NOT_MEMBER,
            "This recovery code was replaced by a newer one.");
      return NULL;
    }
  if (!couple_keys_receive_grants (self, recovery, server_items, NULL, NULL, error))
    return NULL;

  out = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_control_item_unref);
  body = device_list_member_body (MEMBER_ROLE_DEVICE, self->partner, self->nonce, device, NULL);
  if (!couple_keys_append (self, recovery, ENTRY_ADD, body, out, error))
    return NULL;
  if (couple_keys_newest_key (self, SCOPE_COUPLE) == NULL)
    {
      fail (error, CLOSENESS_COUPLE_KEYS_ERROR_KEY_MISSING,
            "The recovery copy does not reach the newest couple key.");
      return NULL;
    }

  sealed_name = couple_keys_seal_name (self, device, device_name);
  g_clear_pointer (&body, g_byte_array_unref);
  body = device_list_target_body (device, sealed_name);
  if (!couple_keys_append (self, device, ENTRY_RENAME, body, out, error))
    return NULL;

  *items = g_steal_pointer (&out);
  return g_steal_pointer (&self);
}
