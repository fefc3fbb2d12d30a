/* closeness-couple-keys.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This device's identity and the couple's key state: the device list as
 * verified here (closeness-couple-keys-list.c), every key generation this
 * device holds, and which key seals what. Joining, grants and rotation are
 * in closeness-couple-keys-join.c, recovery in -recovery.c.
 *
 * Secret state, format 1 (the Secret Service only): version (1) | partner
 * (1) | join nonce (16) | device secret (65) | keys (blocks of
 * closeness_vault_keys_serialize(), 64 keys at most each).
 * Public state, format 1 (the store): version (1) | count (4) | count ×
 * (length (4) | entry).
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <string.h>

#include "closeness-couple-keys-private.h"
#include "closeness-secret.h"

#define SECRET_STATE_VERSION 1
#define DEVICE_SECRET_BYTES  65
#define SECRET_STATE_FIXED   (1 + 1 + COUPLE_NONCE_BYTES + DEVICE_SECRET_BYTES)
#define PUBLIC_STATE_VERSION 1
#define SECRET_KIND          "couple-keys"

#define KEYS_PER_BLOCK       64
#define NAME_MAX_BYTES       200
#define LAST_SEEN_KIND       "closeness-last-seen"

G_DEFINE_QUARK (closeness-couple-keys-error-quark, closeness_couple_keys_error)

G_DEFINE_FINAL_TYPE (ClosenessCoupleKeys, closeness_couple_keys, G_TYPE_OBJECT)

void
closeness_couple_device_info_free (ClosenessCoupleDeviceInfo *info)
{
  g_free (info->fingerprint);
  g_free (info->name);
  g_free (info);
}

/* ---- Helpers ------------------------------------------------------------- */

ClosenessCoupleKeys *
couple_keys_new (ClosenessVaultDevice   *device,
                 ClosenessDevicePartner  partner)
{
  ClosenessCoupleKeys *self = g_object_new (CLOSENESS_TYPE_COUPLE_KEYS, NULL);

  self->device = closeness_vault_device_ref (device);
  self->partner = partner;
  return self;
}

ClosenessVaultKey *
couple_keys_find_key (ClosenessCoupleKeys *self,
                      const guint8        *raw_key_id)
{
  for (guint i = 0; raw_key_id != NULL && i < self->keys->len; i++)
    {
      ClosenessVaultKey *key = g_ptr_array_index (self->keys, i);

      if (memcmp (closeness_vault_key_get_raw_id (key), raw_key_id, VAULT_KEY_ID_BYTES) == 0)
        return key;
    }

  return NULL;
}

void
couple_keys_add_key (ClosenessCoupleKeys *self,
                     ClosenessVaultKey   *key)
{
  if (couple_keys_find_key (self, closeness_vault_key_get_raw_id (key)) == NULL)
    g_ptr_array_add (self->keys, closeness_vault_key_ref (key));
}

ClosenessVaultKey *
couple_keys_newest_key (ClosenessCoupleKeys *self,
                        KeyScope             scope)
{
  if (self->list == NULL)
    return NULL;

  return couple_keys_find_key (self, device_list_newest_key_id (self->list, scope));
}

Member *
couple_keys_self_member (ClosenessCoupleKeys *self)
{
  if (self->list == NULL)
    return NULL;

  return device_list_find_member (self->list,
                                  closeness_vault_device_get_sign_public (self->device));
}

ClosenessControlItem *
couple_keys_entry_item (GBytes *entry,
                        guint   seq)
{
  char stable_id[16];

  g_snprintf (stable_id, sizeof stable_id, "%u", seq);
  return closeness_control_item_new (CLOSENESS_CONTROL_ITEM_DEVICE_LIST_ENTRY, stable_id, entry);
}

gboolean
couple_keys_append (ClosenessCoupleKeys   *self,
                    ClosenessVaultDevice  *signer,
                    EntryType              type,
                    GByteArray            *body,
                    GPtrArray             *items,
                    GError               **error)
{
  guint seq = self->list->entries->len;
  g_autoptr(GBytes) entry = device_list_sign_entry (self->list, signer, type,
                                                    body->data, body->len);

  /* Our own entries pass the same checks as everyone else's. */
  if (!device_list_append (self->list, entry, error))
    return FALSE;

  g_ptr_array_add (items, couple_keys_entry_item (entry, seq));
  return TRUE;
}

/* A name clipped to NAME_MAX_BYTES at a character boundary. */
static char *
clip_name (const char *name)
{
  const char *end = name;

  while (*end != '\0')
    {
      const char *next = g_utf8_next_char (end);

      if (next - name > NAME_MAX_BYTES)
        break;
      end = next;
    }

  return g_strndup (name, end - name);
}

static void
name_associated_data (GByteArray           *ad,
                      ClosenessVaultDevice *target,
                      const guint8         *header)
{
  static const char domain[] = COUPLE_DOMAIN_NAME;

  g_byte_array_append (ad, (const guint8 *) domain, sizeof domain);
  g_byte_array_append (ad, closeness_vault_device_get_sign_public (target), VAULT_SIGN_PK);
  g_byte_array_append (ad, header, VAULT_KEY_ID_BYTES + VAULT_AEAD_NONCE);
}

/* key id (8) | nonce (24) | AEAD of the padded name: the server never
 * learns "Anna's laptop", nor its length beyond its bucket. */
GBytes *
couple_keys_seal_name (ClosenessCoupleKeys  *self,
                       ClosenessVaultDevice *target,
                       const char           *name)
{
  ClosenessVaultKey *key = couple_keys_newest_key (self, SCOPE_COUPLE);
  g_autofree char *clipped = clip_name (name);
  g_autoptr(GBytes) plain = g_bytes_new (clipped, strlen (clipped));
  g_autoptr(GBytes) padded = closeness_vault_pad (plain, NULL);
  g_autoptr(GByteArray) ad = g_byte_array_new ();
  gsize padded_length = g_bytes_get_size (padded);
  gsize length = VAULT_KEY_ID_BYTES + VAULT_AEAD_NONCE + padded_length + VAULT_AEAD_TAG;
  guint8 *out;

  g_return_val_if_fail (key != NULL && padded != NULL, NULL);

  out = g_malloc (length);
  memcpy (out, closeness_vault_key_get_raw_id (key), VAULT_KEY_ID_BYTES);
  randombytes_buf (out + VAULT_KEY_ID_BYTES, VAULT_AEAD_NONCE);
  name_associated_data (ad, target, out);
  crypto_aead_xchacha20poly1305_ietf_encrypt (out + VAULT_KEY_ID_BYTES + VAULT_AEAD_NONCE, NULL,
                                              g_bytes_get_data (padded, NULL), padded_length,
                                              ad->data, ad->len, NULL, out + VAULT_KEY_ID_BYTES,
                                              closeness_vault_key_get_bytes (key));

  return g_bytes_new_take (out, length);
}

/* The name, or %NULL when this device lacks the key or the name is garbled. */
static char *
open_name (ClosenessCoupleKeys *self,
           Member              *member)
{
  g_autoptr(GByteArray) ad = NULL;
  g_autoptr(GBytes) padded = NULL;
  g_autoptr(GBytes) name = NULL;
  ClosenessVaultKey *key;
  gsize length;
  const guint8 *data;
  guint8 *padded_data;
  gsize padded_length;

  if (member->sealed_name == NULL)
    return NULL;
  data = g_bytes_get_data (member->sealed_name, &length);
  if (length <= VAULT_KEY_ID_BYTES + VAULT_AEAD_NONCE + VAULT_AEAD_TAG)
    return NULL;
  key = couple_keys_find_key (self, data);
  if (key == NULL)
    return NULL;

  ad = g_byte_array_new ();
  name_associated_data (ad, member->device, data);
  padded_length = length - VAULT_KEY_ID_BYTES - VAULT_AEAD_NONCE - VAULT_AEAD_TAG;
  padded = closeness_vault_wiped_bytes_new (padded_length, &padded_data);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (padded_data, NULL, NULL,
                                                  data + VAULT_KEY_ID_BYTES + VAULT_AEAD_NONCE,
                                                  length - VAULT_KEY_ID_BYTES - VAULT_AEAD_NONCE,
                                                  ad->data, ad->len, data + VAULT_KEY_ID_BYTES,
                                                  closeness_vault_key_get_bytes (key)) != 0)
    return NULL;

  name = closeness_vault_unpad (padded_data, padded_length, NULL);
  if (name == NULL
      || !g_utf8_validate (g_bytes_get_data (name, NULL), g_bytes_get_size (name), NULL))
    return NULL;

  return g_strndup (g_bytes_get_data (name, NULL), g_bytes_get_size (name));
}

/* Keys for the Secret Service and the recovery copy: blocks of
 * closeness_vault_keys_serialize(), at most 64 keys each (the vault's
 * limit), one after the other, so a couple that rotated often keeps every
 * generation. In guarded memory. */
GBytes *
couple_keys_serialize_keys (GPtrArray *keys)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  gsize total = 0, offset = 0;
  guint8 *data;
  GBytes *bytes;

  for (guint start = 0; start == 0 || start < keys->len; start += KEYS_PER_BLOCK)
    {
      g_autoptr(GPtrArray) block = g_ptr_array_new ();
      GBytes *serialized;

      for (guint i = start; i < keys->len && i < start + KEYS_PER_BLOCK; i++)
        g_ptr_array_add (block, g_ptr_array_index (keys, i));
      serialized = closeness_vault_keys_serialize (block);
      total += g_bytes_get_size (serialized);
      g_ptr_array_add (blocks, serialized);
    }

  bytes = closeness_vault_secure_bytes_new (total, &data);
  for (guint i = 0; i < blocks->len; i++)
    {
      GBytes *block = g_ptr_array_index (blocks, i);

      memcpy (data + offset, g_bytes_get_data (block, NULL), g_bytes_get_size (block));
      offset += g_bytes_get_size (block);
    }

  return bytes;
}

GPtrArray *
couple_keys_parse_keys (GBytes  *bytes,
                        GError **error)
{
  g_autoptr(GPtrArray) keys =
    g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_vault_key_unref);
  gsize length, offset = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  do
    {
      g_autoptr(GBytes) block = NULL;
      g_autoptr(GPtrArray) parsed = NULL;
      gsize block_length;

      if (length - offset < 2)
        {
          g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                               "The stored keys are damaged.");
          return NULL;
        }
      block_length = MIN (2 + (gsize) data[offset + 1] * (1 + VAULT_KEY_BYTES), length - offset);
      block = g_bytes_new_from_bytes (bytes, offset, block_length);
      parsed = closeness_vault_keys_parse (block, error);
      if (parsed == NULL)
        return NULL;
      for (guint i = 0; i < parsed->len; i++)
        g_ptr_array_add (keys, closeness_vault_key_ref (g_ptr_array_index (parsed, i)));
      offset += block_length;
    }
  while (offset < length);

  return g_steal_pointer (&keys);
}

static gboolean
fail (GError                   **error,
      ClosenessCoupleKeysError   code,
      const char                *message)
{
  g_set_error_literal (error, CLOSENESS_COUPLE_KEYS_ERROR, code, message);
  return FALSE;
}

static gboolean
ensure_member (ClosenessCoupleKeys  *self,
               GError              **error)
{
  Member *member = couple_keys_self_member (self);

  if (member == NULL || !member_is_current (member))
    return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_NOT_MEMBER,
                 member == NULL ? "This device has not joined the couple yet."
                                : "This device was removed from the couple.");

  return TRUE;
}

/* ---- GObject ------------------------------------------------------------- */

static void
closeness_couple_keys_finalize (GObject *object)
{
  ClosenessCoupleKeys *self = CLOSENESS_COUPLE_KEYS (object);

  g_clear_pointer (&self->device, closeness_vault_device_unref);
  g_clear_pointer (&self->list, device_list_free);
  g_clear_pointer (&self->keys, g_ptr_array_unref);
  sodium_memzero (self->nonce, sizeof self->nonce);

  G_OBJECT_CLASS (closeness_couple_keys_parent_class)->finalize (object);
}

static void
closeness_couple_keys_class_init (ClosenessCoupleKeysClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = closeness_couple_keys_finalize;
}

static void
closeness_couple_keys_init (ClosenessCoupleKeys *self)
{
  self->keys = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_vault_key_unref);
}

/* ---- Founding ------------------------------------------------------------ */

/**
 * closeness_couple_keys_found:
 * @partner: who uses this device
 * @device_name: its name, sealed under the couple key
 * @items: (out) (transfer container): the device list's first entries
 *
 * The first device of a couple: its key pairs, the couple key (generation
 * 1), the personal key of its partner (both for a shared device), and the
 * device list with itself as the root.
 */
ClosenessCoupleKeys *
closeness_couple_keys_found (ClosenessDevicePartner   partner,
                             const char              *device_name,
                             GPtrArray              **items)
{
  g_autoptr(ClosenessVaultDevice) device = NULL;
  g_autoptr(ClosenessCoupleKeys) self = NULL;
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GByteArray) body = NULL;
  g_autoptr(GBytes) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sealed_name = NULL;

  g_return_val_if_fail (partner <= CLOSENESS_DEVICE_PARTNER_BOTH, NULL);
  g_return_val_if_fail (device_name != NULL && items != NULL, NULL);

  closeness_vault_ensure_init ();
  device = closeness_vault_device_generate ();
  self = couple_keys_new (device, partner);
  self->list = device_list_new ();
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_control_item_unref);
  randombytes_buf (self->nonce, sizeof self->nonce);

  /* The root adds this device without a name: the couple key is announced
   * after it, and the name sealed under it follows. */
  body = device_list_member_body (MEMBER_ROLE_DEVICE, partner, self->nonce, device, NULL);
  if (!couple_keys_append (self, device, ENTRY_ROOT, body, out, &error))
    g_error ("%s: the root entry was refused: %s", G_STRLOC, error->message);

  for (guint scope = 0; scope < N_SCOPES; scope++)
    {
      g_autoptr(ClosenessVaultKey) key = NULL;

      if (!member_has_scope (couple_keys_self_member (self), scope))
        continue;
      key = closeness_vault_key_new_random (scope == SCOPE_COUPLE ? CLOSENESS_VAULT_KEY_COUPLE
                                                                  : CLOSENESS_VAULT_KEY_PERSONAL);
      g_clear_pointer (&body, g_byte_array_unref);
      body = device_list_key_body (scope, 1, key);
      if (!couple_keys_append (self, device, ENTRY_KEY, body, out, &error))
        g_error ("%s: a key entry was refused: %s", G_STRLOC, error->message);
      couple_keys_add_key (self, key);
    }

  sealed_name = couple_keys_seal_name (self, device, device_name);
  g_clear_pointer (&body, g_byte_array_unref);
  body = device_list_target_body (device, sealed_name);
  if (!couple_keys_append (self, device, ENTRY_RENAME, body, out, &error))
    g_error ("%s: the name entry was refused: %s", G_STRLOC, error->message);

  *items = g_steal_pointer (&out);
  return g_steal_pointer (&self);
}

char *
closeness_couple_keys_dup_fingerprint (ClosenessCoupleKeys *self)
{
  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), NULL);

  return closeness_vault_device_dup_fingerprint (self->device);
}

gboolean
closeness_couple_keys_is_member (ClosenessCoupleKeys *self)
{
  Member *member;

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), FALSE);

  member = couple_keys_self_member (self);
  return member != NULL && member_is_current (member);
}

ClosenessDevicePartner
closeness_couple_keys_get_partner (ClosenessCoupleKeys *self)
{
  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), CLOSENESS_DEVICE_PARTNER_FIRST);

  return self->partner;
}

ClosenessVaultDevice *
closeness_couple_keys_get_device (ClosenessCoupleKeys *self)
{
  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), NULL);

  return self->device;
}

/* ---- The device list ----------------------------------------------------- */

GPtrArray *
closeness_couple_keys_list_devices (ClosenessCoupleKeys *self)
{
  GPtrArray *devices;

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), NULL);

  devices = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_couple_device_info_free);
  for (guint i = 0; self->list != NULL && i < self->list->members->len; i++)
    {
      Member *member = g_ptr_array_index (self->list->members, i);
      ClosenessCoupleDeviceInfo *info;

      if (!member_is_current (member) || member->role != MEMBER_ROLE_DEVICE)
        continue;

      info = g_new0 (ClosenessCoupleDeviceInfo, 1);
      info->id = closeness_vault_device_get_id (member->device);
      info->fingerprint = closeness_vault_device_dup_fingerprint (member->device);
      info->name = open_name (self, member);
      info->partner = member->partner;
      info->is_root = member->added_at == 0;
      info->is_this_device = closeness_vault_device_equal (member->device, self->device);
      if (info->is_this_device)
        {
          info->has_personal_key = TRUE;
          for (guint scope = SCOPE_PERSONAL_FIRST; scope < N_SCOPES; scope++)
            {
              if (member_has_scope (member, scope) && couple_keys_newest_key (self, scope) == NULL)
                info->has_personal_key = FALSE;
            }
        }
      g_ptr_array_add (devices, info);
    }

  return devices;
}

/**
 * closeness_couple_keys_list_recovery_codes:
 *
 * The recovery codes that still work, as members of the list: each has a
 * fingerprint (for closeness_couple_keys_remove_device(), which makes it
 * stop working) and the partner whose keys it brings back.
 *
 * Returns: (transfer container): ClosenessCoupleDeviceInfo, oldest first
 */
GPtrArray *
closeness_couple_keys_list_recovery_codes (ClosenessCoupleKeys *self)
{
  GPtrArray *codes =
    g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_couple_device_info_free);

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), codes);

  for (guint i = 0; self->list != NULL && i < self->list->members->len; i++)
    {
      Member *member = g_ptr_array_index (self->list->members, i);
      ClosenessCoupleDeviceInfo *info;

      if (!member_is_current (member) || member->role != MEMBER_ROLE_RECOVERY)
        continue;

      info = g_new0 (ClosenessCoupleDeviceInfo, 1);
      info->id = closeness_vault_device_get_id (member->device);
      info->fingerprint = closeness_vault_device_dup_fingerprint (member->device);
      info->partner = member->partner;
      g_ptr_array_add (codes, info);
    }

  return codes;
}

GPtrArray *
closeness_couple_keys_rename_device (ClosenessCoupleKeys  *self,
                                     const char           *fingerprint,
                                     const char           *name,
                                     GError              **error)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GByteArray) body = NULL;
  g_autoptr(GBytes) sealed_name = NULL;
  Member *target;

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), NULL);
  g_return_val_if_fail (fingerprint != NULL && name != NULL, NULL);

  if (!ensure_member (self, error))
    return NULL;
  target = device_list_find_fingerprint (self->list, fingerprint);
  if (target == NULL || !member_is_current (target) || target->role != MEMBER_ROLE_DEVICE)
    {
      fail (error, CLOSENESS_COUPLE_KEYS_ERROR_NOT_FOUND,
            "No device of the couple shows this number.");
      return NULL;
    }
  if (couple_keys_newest_key (self, SCOPE_COUPLE) == NULL)
    {
      fail (error, CLOSENESS_COUPLE_KEYS_ERROR_KEY_MISSING,
            "This device has not received the newest couple key yet.");
      return NULL;
    }

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_control_item_unref);
  sealed_name = couple_keys_seal_name (self, target->device, name);
  body = device_list_target_body (target->device, sealed_name);
  if (!couple_keys_append (self, self->device, ENTRY_RENAME, body, items, error))
    return NULL;

  return g_steal_pointer (&items);
}

GPtrArray *
closeness_couple_keys_remove_device (ClosenessCoupleKeys  *self,
                                     const char           *fingerprint,
                                     GError              **error)
{
  g_autoptr(GPtrArray) items = NULL;
  Member *target;

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), NULL);
  g_return_val_if_fail (fingerprint != NULL, NULL);

  if (!ensure_member (self, error))
    return NULL;
  target = device_list_find_fingerprint (self->list, fingerprint);
  if (target == NULL || !member_is_current (target))
    {
      fail (error, CLOSENESS_COUPLE_KEYS_ERROR_NOT_FOUND,
            "No device of the couple shows this number.");
      return NULL;
    }

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_control_item_unref);
  if (!couple_keys_remove_member (self, target, items, error))
    return NULL;

  return g_steal_pointer (&items);
}

GPtrArray *
closeness_couple_keys_catch_up (ClosenessCoupleKeys  *self,
                                GError              **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), NULL);

  if (!ensure_member (self, error))
    return NULL;

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_control_item_unref);
  if (!couple_keys_rotate (self, items, error))
    return NULL;

  return g_steal_pointer (&items);
}

/* ---- Keys for records ---------------------------------------------------- */

ClosenessVaultKey *
closeness_couple_keys_get_sealing_key (ClosenessCoupleKeys     *self,
                                       ClosenessDevicePartner   owner,
                                       gboolean                 is_private,
                                       GError                 **error)
{
  KeyScope scope = SCOPE_COUPLE;
  ClosenessVaultKey *key;

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), NULL);
  g_return_val_if_fail (!is_private || owner != CLOSENESS_DEVICE_PARTNER_BOTH, NULL);

  if (!ensure_member (self, error))
    return NULL;
  if (is_private)
    scope = scope_for_partner (owner);

  if (self->list->scopes[scope].stale)
    {
      fail (error, CLOSENESS_COUPLE_KEYS_ERROR_ROTATION_PENDING,
            "A device was removed and its keys are not made anew yet.");
      return NULL;
    }
  key = couple_keys_newest_key (self, scope);
  if (key == NULL)
    {
      fail (error, CLOSENESS_COUPLE_KEYS_ERROR_KEY_MISSING,
            is_private ? "This device does not hold that partner's personal key."
                       : "This device has not received the newest couple key yet.");
      return NULL;
    }

  return closeness_vault_key_ref (key);
}

ClosenessVaultKey *
closeness_couple_keys_lookup_key (ClosenessCoupleKeys *self,
                                  const char          *key_id)
{
  guint8 raw_id[VAULT_KEY_ID_BYTES];
  gsize length;

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), NULL);
  g_return_val_if_fail (key_id != NULL, NULL);

  if (sodium_hex2bin (raw_id, sizeof raw_id, key_id, strlen (key_id), NULL, &length, NULL) != 0
      || length != sizeof raw_id)
    return NULL;

  return couple_keys_find_key (self, raw_id);
}

gboolean
closeness_couple_keys_is_key_current (ClosenessCoupleKeys *self,
                                      const char          *key_id)
{
  ClosenessVaultKey *key;

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), FALSE);

  key = closeness_couple_keys_lookup_key (self, key_id);
  for (guint scope = 0; key != NULL && self->list != NULL && scope < N_SCOPES; scope++)
    {
      const guint8 *newest = device_list_newest_key_id (self->list, scope);

      if (newest != NULL
          && memcmp (newest, closeness_vault_key_get_raw_id (key), VAULT_KEY_ID_BYTES) == 0)
        return TRUE;
    }

  return FALSE;
}

GPtrArray *
closeness_couple_keys_dup_known_devices (ClosenessCoupleKeys *self)
{
  GPtrArray *devices;

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), NULL);

  devices = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_vault_device_unref);
  for (guint i = 0; self->list != NULL && i < self->list->members->len; i++)
    {
      Member *member = g_ptr_array_index (self->list->members, i);

      if (member_is_current (member) && member->role == MEMBER_ROLE_DEVICE)
        g_ptr_array_add (devices, closeness_vault_device_ref (member->device));
    }

  return devices;
}

GBytes *
closeness_couple_keys_seal_record (ClosenessCoupleKeys     *self,
                                   GBytes                  *plaintext,
                                   const char              *kind,
                                   const char              *stable_id,
                                   ClosenessDevicePartner   owner,
                                   gboolean                 is_private,
                                   const ClosenessHlc      *version,
                                   char                   **uid,
                                   GError                 **error)
{
  g_autoptr(ClosenessVaultKey) key = NULL;
  g_autofree char *item_uid = NULL;
  GBytes *envelope;

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), NULL);
  g_return_val_if_fail (plaintext != NULL && kind != NULL && stable_id != NULL, NULL);
  g_return_val_if_fail (version != NULL && uid != NULL, NULL);

  key = closeness_couple_keys_get_sealing_key (self, owner, is_private, error);
  if (key == NULL)
    return NULL;

  item_uid = closeness_vault_item_uid (key, kind, stable_id);
  envelope = closeness_vault_record_seal (plaintext, kind, item_uid, version, self->device, key,
                                          error);
  if (envelope != NULL)
    *uid = g_steal_pointer (&item_uid);

  return envelope;
}

GBytes *
closeness_couple_keys_open_record (ClosenessCoupleKeys  *self,
                                   GBytes               *envelope,
                                   const char           *kind,
                                   const char           *uid,
                                   const ClosenessHlc   *last_applied,
                                   ClosenessHlc         *version,
                                   GError              **error)
{
  g_autofree char *key_id = NULL;
  g_autoptr(GPtrArray) known = NULL;
  ClosenessVaultKey *key;

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), NULL);
  g_return_val_if_fail (envelope != NULL && kind != NULL && uid != NULL, NULL);

  key_id = closeness_vault_record_peek_key_id (envelope, error);
  if (key_id == NULL)
    return NULL;
  key = closeness_couple_keys_lookup_key (self, key_id);
  if (key == NULL)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_WRONG_KEY,
                           "The item is sealed with a key this device does not hold.");
      return NULL;
    }

  known = closeness_couple_keys_dup_known_devices (self);
  return closeness_vault_record_open (envelope, kind, uid, last_applied, known, key, version,
                                      error);
}

/* ---- Last seen ----------------------------------------------------------- */

char *
closeness_couple_keys_last_seen_uid (ClosenessCoupleKeys *self,
                                     guint64              device_id)
{
  ClosenessVaultKey *key;
  char stable_id[17];

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), NULL);

  key = couple_keys_newest_key (self, SCOPE_COUPLE);
  if (key == NULL)
    return NULL;

  g_snprintf (stable_id, sizeof stable_id, "%016" G_GINT64_MODIFIER "x", device_id);
  return closeness_vault_item_uid (key, LAST_SEEN_KIND, stable_id);
}

GBytes *
closeness_couple_keys_seal_last_seen (ClosenessCoupleKeys  *self,
                                      gint64                seen_ms,
                                      const ClosenessHlc   *version,
                                      char                **uid,
                                      GError              **error)
{
  g_autoptr(ClosenessVaultKey) key = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autofree char *item_uid = NULL;
  guint8 data[8];
  GBytes *envelope;

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), NULL);
  g_return_val_if_fail (version != NULL && uid != NULL, NULL);

  key = closeness_couple_keys_get_sealing_key (self, CLOSENESS_DEVICE_PARTNER_BOTH, FALSE, error);
  if (key == NULL)
    return NULL;

  closeness_vault_put_u64 (data, seen_ms);
  plain = g_bytes_new (data, sizeof data);
  item_uid = closeness_couple_keys_last_seen_uid (self,
                                                  closeness_vault_device_get_id (self->device));
  envelope = closeness_vault_record_seal (plain, LAST_SEEN_KIND, item_uid, version, self->device,
                                          key, error);
  if (envelope != NULL)
    *uid = g_steal_pointer (&item_uid);

  return envelope;
}

gboolean
closeness_couple_keys_open_last_seen (ClosenessCoupleKeys  *self,
                                      guint64               device_id,
                                      GBytes               *envelope,
                                      const ClosenessHlc   *last_applied,
                                      gint64               *seen_ms,
                                      ClosenessHlc         *version,
                                      GError              **error)
{
  g_autofree char *uid = NULL;
  g_autoptr(GBytes) plain = NULL;

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), FALSE);
  g_return_val_if_fail (envelope != NULL && seen_ms != NULL, FALSE);

  uid = closeness_couple_keys_last_seen_uid (self, device_id);
  if (uid == NULL)
    return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_NOT_MEMBER,
                 "This device has not joined the couple yet.");

  plain = closeness_couple_keys_open_record (self, envelope, LAST_SEEN_KIND, uid, last_applied,
                                             version, error);
  if (plain == NULL)
    return FALSE;
  if (g_bytes_get_size (plain) != 8)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                           "A device's last-seen time is garbled.");
      return FALSE;
    }

  *seen_ms = closeness_vault_get_u64 (g_bytes_get_data (plain, NULL));
  return TRUE;
}

/* ---- Persistence --------------------------------------------------------- */

GPtrArray *
closeness_couple_keys_dup_keys (ClosenessCoupleKeys *self)
{
  GPtrArray *keys;

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), NULL);

  keys = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_vault_key_unref);
  for (guint i = 0; i < self->keys->len; i++)
    g_ptr_array_add (keys, closeness_vault_key_ref (g_ptr_array_index (self->keys, i)));

  return keys;
}

GBytes *
closeness_couple_keys_dup_secret_state (ClosenessCoupleKeys *self)
{
  g_autoptr(GBytes) device_secret = NULL;
  g_autoptr(GBytes) keys = NULL;
  gsize keys_length;
  guint8 *data;
  GBytes *state;

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), NULL);

  device_secret = closeness_vault_device_dup_secret (self->device);
  keys = couple_keys_serialize_keys (self->keys);
  keys_length = g_bytes_get_size (keys);
  g_assert (g_bytes_get_size (device_secret) == DEVICE_SECRET_BYTES);

  state = closeness_vault_secure_bytes_new (SECRET_STATE_FIXED + keys_length, &data);
  data[0] = SECRET_STATE_VERSION;
  data[1] = self->partner;
  memcpy (data + 2, self->nonce, COUPLE_NONCE_BYTES);
  memcpy (data + 2 + COUPLE_NONCE_BYTES, g_bytes_get_data (device_secret, NULL),
          DEVICE_SECRET_BYTES);
  memcpy (data + SECRET_STATE_FIXED, g_bytes_get_data (keys, NULL), keys_length);

  return state;
}

GBytes *
closeness_couple_keys_dup_public_state (ClosenessCoupleKeys *self)
{
  g_autoptr(GByteArray) state = g_byte_array_new ();
  guint n_entries;
  guint8 head[5];

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), NULL);

  n_entries = self->list != NULL ? self->list->entries->len : 0;
  head[0] = PUBLIC_STATE_VERSION;
  couple_put_u32 (head + 1, n_entries);
  g_byte_array_append (state, head, sizeof head);
  for (guint i = 0; i < n_entries; i++)
    {
      GBytes *entry = g_ptr_array_index (self->list->entries, i);
      guint8 length[4];

      couple_put_u32 (length, g_bytes_get_size (entry));
      g_byte_array_append (state, length, sizeof length);
      g_byte_array_append (state, g_bytes_get_data (entry, NULL), g_bytes_get_size (entry));
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&state));
}

static gboolean
parse_public_state (ClosenessCoupleKeys  *self,
                    GBytes               *public_state,
                    GError              **error)
{
  gsize length, offset = 5;
  const guint8 *data = g_bytes_get_data (public_state, &length);
  guint n_entries;

  if (length < 5 || data[0] != PUBLIC_STATE_VERSION)
    return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_MALFORMED,
                 "The stored device list is damaged.");

  n_entries = couple_get_u32 (data + 1);
  if (n_entries == 0)
    return offset == length
           || fail (error, CLOSENESS_COUPLE_KEYS_ERROR_MALFORMED,
                    "The stored device list is damaged.");

  self->list = device_list_new ();
  for (guint i = 0; i < n_entries; i++)
    {
      g_autoptr(GBytes) entry = NULL;
      gsize entry_length;

      if (length - offset < 4 || length - offset - 4 < couple_get_u32 (data + offset))
        return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_MALFORMED,
                     "The stored device list is damaged.");
      entry_length = couple_get_u32 (data + offset);
      entry = g_bytes_new (data + offset + 4, entry_length);
      offset += 4 + entry_length;
      /* Verified again: the store's copy is no more trusted than the server's. */
      if (!device_list_append (self->list, entry, error))
        return FALSE;
    }

  return offset == length
         || fail (error, CLOSENESS_COUPLE_KEYS_ERROR_MALFORMED,
                  "The stored device list is damaged.");
}

ClosenessCoupleKeys *
closeness_couple_keys_new_from_state (GBytes  *secret_state,
                                      GBytes  *public_state,
                                      GError **error)
{
  g_autoptr(ClosenessCoupleKeys) self = NULL;
  g_autoptr(ClosenessVaultDevice) device = NULL;
  g_autoptr(GBytes) device_secret = NULL;
  g_autoptr(GBytes) keys_bytes = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  gsize length;
  const guint8 *data;

  g_return_val_if_fail (secret_state != NULL && public_state != NULL, NULL);

  closeness_vault_ensure_init ();
  data = g_bytes_get_data (secret_state, &length);
  if (length < SECRET_STATE_FIXED || data[0] != SECRET_STATE_VERSION
      || data[1] > CLOSENESS_DEVICE_PARTNER_BOTH)
    {
      fail (error, CLOSENESS_COUPLE_KEYS_ERROR_MALFORMED, "This device's stored keys are damaged.");
      return NULL;
    }

  device_secret = g_bytes_new_from_bytes (secret_state, 2 + COUPLE_NONCE_BYTES,
                                          DEVICE_SECRET_BYTES);
  device = closeness_vault_device_new_from_secret (device_secret, error);
  if (device == NULL)
    return NULL;
  keys_bytes = g_bytes_new_from_bytes (secret_state, SECRET_STATE_FIXED,
                                       length - SECRET_STATE_FIXED);
  keys = couple_keys_parse_keys (keys_bytes, error);
  if (keys == NULL)
    return NULL;

  self = couple_keys_new (device, data[1]);
  memcpy (self->nonce, data + 2, COUPLE_NONCE_BYTES);
  for (guint i = 0; i < keys->len; i++)
    couple_keys_add_key (self, g_ptr_array_index (keys, i));
  if (!parse_public_state (self, public_state, error))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
closeness_couple_keys_save_secret (ClosenessCoupleKeys  *self,
                                   const char           *account,
                                   GError              **error)
{
  g_autoptr(GBytes) secret = NULL;

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), FALSE);
  g_return_val_if_fail (account != NULL, FALSE);

  secret = closeness_couple_keys_dup_secret_state (self);
  return closeness_secret_store (SECRET_KIND, account, secret, error);
}

/**
 * closeness_couple_keys_forget_secret:
 * @account: the account the keys were kept for
 *
 * Removes this device's keys from the Secret Service: for a founding that
 * another computer's came before.
 */
gboolean
closeness_couple_keys_forget_secret (const char  *account,
                                     GError     **error)
{
  g_return_val_if_fail (account != NULL, FALSE);

  return closeness_secret_clear (SECRET_KIND, account, error);
}

ClosenessCoupleKeys *
closeness_couple_keys_load (const char  *account,
                            GBytes      *public_state,
                            GError     **error)
{
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (account != NULL && public_state != NULL, NULL);

  secret = closeness_secret_lookup (SECRET_KIND, account, &local_error);
  if (secret == NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return closeness_couple_keys_new_from_state (secret, public_state, error);
}

void
closeness_couple_keyring_clear (ClosenessCoupleKeyring *keys)
{
  g_clear_pointer (&keys->device, closeness_vault_device_unref);
  g_clear_pointer (&keys->devices, g_ptr_array_unref);
  g_clear_pointer (&keys->device_partners, g_array_unref);
  g_clear_pointer (&keys->couple_keys, g_ptr_array_unref);
  g_clear_pointer (&keys->personal_keys[0], closeness_vault_key_unref);
  g_clear_pointer (&keys->personal_keys[1], closeness_vault_key_unref);
  g_clear_pointer (&keys->older_personal_keys[0], g_ptr_array_unref);
  g_clear_pointer (&keys->older_personal_keys[1], g_ptr_array_unref);
}

static int
partner_number (ClosenessDevicePartner partner)
{
  return partner == CLOSENESS_DEVICE_PARTNER_BOTH ? -1 : (int) partner;
}

/**
 * closeness_couple_keys_fill_keyring:
 * @keyring: (out caller-allocates): what couple sync needs
 *
 * The couple's current devices and who uses each, every couple key
 * generation this device holds (oldest first, as the device list
 * announced them), the newest personal keys it holds and their earlier
 * generations.
 *
 * Returns: %FALSE with @error set when this device has not joined, or
 *   holds no couple key yet
 */
gboolean
closeness_couple_keys_fill_keyring (ClosenessCoupleKeys     *self,
                                    ClosenessCoupleKeyring  *keyring,
                                    GError                 **error)
{
  Scope *couple;

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), FALSE);

  memset (keyring, 0, sizeof *keyring);
  if (self->list == NULL || !closeness_couple_keys_is_member (self))
    {
      g_set_error_literal (error, CLOSENESS_COUPLE_KEYS_ERROR,
                           CLOSENESS_COUPLE_KEYS_ERROR_NOT_MEMBER,
                           "This computer is not one of the couple’s devices yet.");
      return FALSE;
    }

  keyring->device = closeness_vault_device_ref (self->device);
  keyring->partner = partner_number (self->partner);
  keyring->devices = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_vault_device_unref);
  keyring->device_partners = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < self->list->members->len; i++)
    {
      Member *member = g_ptr_array_index (self->list->members, i);
      int partner = partner_number (member->partner);

      if (member->role != MEMBER_ROLE_DEVICE || !member_is_current (member))
        continue;
      g_ptr_array_add (keyring->devices, closeness_vault_device_ref (member->device));
      g_array_append_val (keyring->device_partners, partner);
    }

  keyring->couple_keys =
    g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_vault_key_unref);
  couple = &self->list->scopes[SCOPE_COUPLE];
  for (guint i = 0; i + VAULT_KEY_ID_BYTES <= couple->key_ids->len; i += VAULT_KEY_ID_BYTES)
    {
      ClosenessVaultKey *key = couple_keys_find_key (self, couple->key_ids->data + i);

      if (key != NULL)
        g_ptr_array_add (keyring->couple_keys, closeness_vault_key_ref (key));
    }
  for (guint p = 0; p < 2; p++)
    {
      Scope *personal = &self->list->scopes[p == 0 ? SCOPE_PERSONAL_FIRST : SCOPE_PERSONAL_SECOND];
      const guint8 *newest = device_list_newest_key_id (self->list, p == 0 ? SCOPE_PERSONAL_FIRST
                                                                           : SCOPE_PERSONAL_SECOND);
      ClosenessVaultKey *key = newest != NULL ? couple_keys_find_key (self, newest) : NULL;

      if (key != NULL)
        keyring->personal_keys[p] = closeness_vault_key_ref (key);
      for (guint i = 0; i + VAULT_KEY_ID_BYTES <= personal->key_ids->len; i += VAULT_KEY_ID_BYTES)
        {
          ClosenessVaultKey *older = couple_keys_find_key (self, personal->key_ids->data + i);

          if (older == NULL || older == key)
            continue;
          if (keyring->older_personal_keys[p] == NULL)
            keyring->older_personal_keys[p] =
              g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_vault_key_unref);
          g_ptr_array_add (keyring->older_personal_keys[p], closeness_vault_key_ref (older));
        }
    }

  if (keyring->couple_keys->len == 0)
    {
      closeness_couple_keyring_clear (keyring);
      g_set_error_literal (error, CLOSENESS_COUPLE_KEYS_ERROR,
                           CLOSENESS_COUPLE_KEYS_ERROR_KEY_MISSING,
                           "This computer has not received the couple’s key yet.");
      return FALSE;
    }

  return TRUE;
}
