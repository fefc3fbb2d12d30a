/* closeness-couple-keys-list.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The device list: an append-only log of signed entries, each naming the
 * hash of the one before, the first (the root) signed by the founding
 * device itself and pinned by every device that joins. Each entry is signed
 * by a device that is a member at that point and allowed to make it, so the
 * server can neither add a device, nor re-order, drop or change entries
 * without every device that saw the list refusing it.
 *
 * Entry, format 1 (integers big-endian):
 *
 *   offset  size  field
 *        0     1  format version (1)
 *        1    32  the signer's Ed25519 public key
 *       33     4  sequence number (0 for the root)
 *       37    32  BLAKE2b of the previous entry (zeros for the root)
 *       69     1  type: 1 root, 2 add, 3 remove, 4 rename, 5 key
 *       70     n  body
 *    end-64   64  Ed25519ph signature by the signer over everything before it
 *
 * Bodies: root and add: role (1: device, 2: recovery) | partner (1: 0, 1,
 * 2 for both) | nonce (16) | the member's public half (129) | name length
 * (2) | sealed name; remove: the member's signing key (32) | 0 (2); rename:
 * the member's signing key (32) | name length (2) | sealed name; key: scope
 * (1: 0 couple, 1 and 2 a partner's personal key) | generation (4) | key id
 * (8). A sealed name is the couple key's id (8) | nonce (24) | AEAD of the
 * padded name, the member's signing key bound as associated data.
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <string.h>

#include "closeness-couple-keys-private.h"

#define ENTRY_VERSION      1
#define OFFSET_SIGNER      1
#define OFFSET_SEQ         (OFFSET_SIGNER + VAULT_SIGN_PK)
#define OFFSET_PREV        (OFFSET_SEQ + 4)
#define OFFSET_TYPE        (OFFSET_PREV + COUPLE_HASH_BYTES)
#define ENTRY_HEADER       (OFFSET_TYPE + 1)
#define ENTRY_MAX_LENGTH   4096
#define ENTRY_MAX_COUNT    100000

#define MEMBER_BODY_FIXED  (1 + 1 + COUPLE_NONCE_BYTES + COUPLE_PUBLIC_BYTES + 2)
#define TARGET_BODY_FIXED  (VAULT_SIGN_PK + 2)
#define KEY_BODY_LENGTH    (1 + 4 + VAULT_KEY_ID_BYTES)

#define FINGERPRINT_DIGITS 24

static void
member_free (Member *member)
{
  g_clear_pointer (&member->device, closeness_vault_device_unref);
  g_clear_pointer (&member->sealed_name, g_bytes_unref);
  g_free (member);
}

DeviceList *
device_list_new (void)
{
  DeviceList *list = g_new0 (DeviceList, 1);

  list->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  list->members = g_ptr_array_new_with_free_func ((GDestroyNotify) member_free);
  for (guint i = 0; i < N_SCOPES; i++)
    list->scopes[i].key_ids = g_byte_array_new ();

  return list;
}

void
device_list_free (DeviceList *list)
{
  g_ptr_array_unref (list->entries);
  g_ptr_array_unref (list->members);
  for (guint i = 0; i < N_SCOPES; i++)
    g_byte_array_unref (list->scopes[i].key_ids);
  g_free (list);
}

void
couple_put_u32 (guint8  *out,
                guint32  value)
{
  out[0] = value >> 24;
  out[1] = (value >> 16) & 0xff;
  out[2] = (value >> 8) & 0xff;
  out[3] = value & 0xff;
}

guint32
couple_get_u32 (const guint8 *in)
{
  return ((guint32) in[0] << 24) | ((guint32) in[1] << 16) | ((guint32) in[2] << 8) | in[3];
}

/* BLAKE2b-256 of an entry, with the list's domain: what the next entry names. */
void
couple_hash (guint8 *out,
             GBytes *bytes)
{
  static const char domain[] = COUPLE_DOMAIN_LIST;
  crypto_generichash_state state;
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  crypto_generichash_init (&state, NULL, 0, COUPLE_HASH_BYTES);
  crypto_generichash_update (&state, (const guint8 *) domain, sizeof domain);
  crypto_generichash_update (&state, data, length);
  crypto_generichash_final (&state, out, COUPLE_HASH_BYTES);
}

char *
fingerprint_normalize (const char *fingerprint)
{
  GString *digits = g_string_sized_new (FINGERPRINT_DIGITS);

  for (const char *p = fingerprint; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != ' ' && *p != '\t' && *p != '-')
        {
          g_string_free (digits, TRUE);
          return NULL;
        }
    }

  if (digits->len != FINGERPRINT_DIGITS)
    {
      g_string_free (digits, TRUE);
      return NULL;
    }

  return g_string_free (digits, FALSE);
}

KeyScope
scope_for_partner (ClosenessDevicePartner partner)
{
  g_return_val_if_fail (partner == CLOSENESS_DEVICE_PARTNER_FIRST
                        || partner == CLOSENESS_DEVICE_PARTNER_SECOND, SCOPE_COUPLE);

  return partner == CLOSENESS_DEVICE_PARTNER_FIRST ? SCOPE_PERSONAL_FIRST : SCOPE_PERSONAL_SECOND;
}

gboolean
member_is_current (Member *member)
{
  return member->removed_at == 0;
}

gboolean
member_has_scope (Member   *member,
                  KeyScope  scope)
{
  if (scope == SCOPE_COUPLE || member->partner == CLOSENESS_DEVICE_PARTNER_BOTH)
    return TRUE;

  return scope_for_partner (member->partner) == scope;
}

Member *
device_list_find_member (DeviceList   *list,
                         const guint8 *sign_public)
{
  for (guint i = 0; i < list->members->len; i++)
    {
      Member *member = g_ptr_array_index (list->members, i);

      if (memcmp (closeness_vault_device_get_sign_public (member->device), sign_public,
                  VAULT_SIGN_PK) == 0)
        return member;
    }

  return NULL;
}

Member *
device_list_find_fingerprint (DeviceList *list,
                              const char *fingerprint)
{
  g_autofree char *wanted = fingerprint_normalize (fingerprint);

  for (guint i = 0; wanted != NULL && i < list->members->len; i++)
    {
      Member *member = g_ptr_array_index (list->members, i);
      g_autofree char *shown = closeness_vault_device_dup_fingerprint (member->device);
      g_autofree char *digits = fingerprint_normalize (shown);

      if (g_strcmp0 (digits, wanted) == 0)
        return member;
    }

  return NULL;
}

gboolean
device_list_find_key_id (DeviceList   *list,
                         const guint8 *raw_key_id,
                         KeyScope     *scope,
                         guint        *generation)
{
  for (guint s = 0; s < N_SCOPES; s++)
    {
      GByteArray *ids = list->scopes[s].key_ids;

      for (guint g = 0; g * VAULT_KEY_ID_BYTES < ids->len; g++)
        {
          if (memcmp (ids->data + g * VAULT_KEY_ID_BYTES, raw_key_id, VAULT_KEY_ID_BYTES) == 0)
            {
              if (scope != NULL)
                *scope = s;
              if (generation != NULL)
                *generation = g + 1;
              return TRUE;
            }
        }
    }

  return FALSE;
}

guint
device_list_n_generations (DeviceList *list,
                           KeyScope    scope)
{
  return list->scopes[scope].key_ids->len / VAULT_KEY_ID_BYTES;
}

const guint8 *
device_list_newest_key_id (DeviceList *list,
                           KeyScope    scope)
{
  guint n = device_list_n_generations (list, scope);

  return n > 0 ? list->scopes[scope].key_ids->data + (n - 1) * VAULT_KEY_ID_BYTES : NULL;
}

/* Whether partner @partner has a device of their own in the list. */
static gboolean
partner_has_device (DeviceList             *list,
                    ClosenessDevicePartner  partner)
{
  for (guint i = 0; i < list->members->len; i++)
    {
      Member *member = g_ptr_array_index (list->members, i);

      if (member_is_current (member) && member->role == MEMBER_ROLE_DEVICE
          && member->partner == partner)
        return TRUE;
    }

  return FALSE;
}

/* ---- Building entries ---------------------------------------------------- */

static void
append_name (GByteArray *body,
             GBytes     *sealed_name)
{
  gsize length = sealed_name != NULL ? g_bytes_get_size (sealed_name) : 0;
  guint8 length_bytes[2] = { length >> 8, length & 0xff };

  g_byte_array_append (body, length_bytes, 2);
  if (length > 0)
    g_byte_array_append (body, g_bytes_get_data (sealed_name, NULL), length);
}

GByteArray *
device_list_member_body (MemberRole              role,
                         ClosenessDevicePartner  partner,
                         const guint8           *nonce,
                         ClosenessVaultDevice   *device,
                         GBytes                 *sealed_name)
{
  GByteArray *body = g_byte_array_new ();
  guint8 head[2] = { role, partner };
  GBytes *public_part = closeness_vault_device_get_public (device);

  g_byte_array_append (body, head, 2);
  g_byte_array_append (body, nonce, COUPLE_NONCE_BYTES);
  g_byte_array_append (body, g_bytes_get_data (public_part, NULL), COUPLE_PUBLIC_BYTES);
  append_name (body, sealed_name);

  return body;
}

GByteArray *
device_list_target_body (ClosenessVaultDevice *target,
                         GBytes               *sealed_name)
{
  GByteArray *body = g_byte_array_new ();

  g_byte_array_append (body, closeness_vault_device_get_sign_public (target), VAULT_SIGN_PK);
  append_name (body, sealed_name);

  return body;
}

GByteArray *
device_list_key_body (KeyScope           scope,
                      guint              generation,
                      ClosenessVaultKey *key)
{
  GByteArray *body = g_byte_array_sized_new (KEY_BODY_LENGTH);
  guint8 head[5];

  head[0] = scope;
  couple_put_u32 (head + 1, generation);
  g_byte_array_append (body, head, sizeof head);
  g_byte_array_append (body, closeness_vault_key_get_raw_id (key), VAULT_KEY_ID_BYTES);

  return body;
}

GBytes *
device_list_sign_entry (DeviceList           *list,
                        ClosenessVaultDevice *signer,
                        EntryType             type,
                        const guint8         *body,
                        gsize                 body_length)
{
  gsize length = ENTRY_HEADER + body_length + VAULT_SIGNATURE;
  guint8 *data = g_malloc0 (length);

  data[0] = ENTRY_VERSION;
  memcpy (data + OFFSET_SIGNER, closeness_vault_device_get_sign_public (signer), VAULT_SIGN_PK);
  couple_put_u32 (data + OFFSET_SEQ, list->entries->len);
  if (list->entries->len > 0)
    memcpy (data + OFFSET_PREV, list->head, COUPLE_HASH_BYTES);
  data[OFFSET_TYPE] = type;
  memcpy (data + ENTRY_HEADER, body, body_length);
  closeness_vault_sign (signer, COUPLE_DOMAIN_LIST, data, length - VAULT_SIGNATURE,
                        data + length - VAULT_SIGNATURE);

  return g_bytes_new_take (data, length);
}

/* ---- Verifying entries --------------------------------------------------- */

static gboolean
fail (GError                   **error,
      ClosenessCoupleKeysError   code,
      const char                *message)
{
  g_set_error_literal (error, CLOSENESS_COUPLE_KEYS_ERROR, code, message);
  return FALSE;
}

/* A name's length and bytes after @offset; FALSE when they overrun. */
static gboolean
read_name (const guint8  *body,
           gsize          body_length,
           gsize          offset,
           GBytes       **sealed_name)
{
  gsize name_length;

  if (body_length < offset + 2)
    return FALSE;
  name_length = ((gsize) body[offset] << 8) | body[offset + 1];
  if (body_length != offset + 2 + name_length)
    return FALSE;

  *sealed_name = name_length > 0 ? g_bytes_new (body + offset + 2, name_length) : NULL;
  return TRUE;
}

static Member *
parse_member (const guint8  *body,
              gsize          body_length,
              GError       **error)
{
  g_autoptr(GBytes) public_part = NULL;
  g_autoptr(GError) local_error = NULL;
  GBytes *sealed_name = NULL;
  Member *member;

  if (body_length < MEMBER_BODY_FIXED
      || (body[0] != MEMBER_ROLE_DEVICE && body[0] != MEMBER_ROLE_RECOVERY)
      || body[1] > CLOSENESS_DEVICE_PARTNER_BOTH
      || (body[0] == MEMBER_ROLE_RECOVERY && body[1] == CLOSENESS_DEVICE_PARTNER_BOTH)
      || !read_name (body, body_length, MEMBER_BODY_FIXED - 2, &sealed_name))
    {
      fail (error, CLOSENESS_COUPLE_KEYS_ERROR_MALFORMED, "A device list entry is garbled.");
      return NULL;
    }

  member = g_new0 (Member, 1);
  member->role = body[0];
  member->partner = body[1];
  memcpy (member->nonce, body + 2, COUPLE_NONCE_BYTES);
  member->sealed_name = sealed_name;
  public_part = g_bytes_new (body + 2 + COUPLE_NONCE_BYTES, COUPLE_PUBLIC_BYTES);
  member->device = closeness_vault_device_new_from_public (public_part, &local_error);
  if (member->device == NULL)
    {
      member_free (member);
      fail (error, CLOSENESS_COUPLE_KEYS_ERROR_MALFORMED,
            "A device list entry names a device whose keys are garbled.");
      return NULL;
    }

  return member;
}

/* Who may add whom. The other partner may add only a partner's first
 * device: later ones are added by a device of that partner (or a shared
 * one), so nobody but a partner's own devices vouches for them. */
static gboolean
may_add (DeviceList *list,
         Member     *signer,
         Member     *added)
{
  if (signer->role == MEMBER_ROLE_RECOVERY)
    return added->role == MEMBER_ROLE_DEVICE && added->partner == signer->partner;

  if (added->role == MEMBER_ROLE_RECOVERY)
    return signer->partner == added->partner || signer->partner == CLOSENESS_DEVICE_PARTNER_BOTH;

  if (added->partner == CLOSENESS_DEVICE_PARTNER_BOTH
      || signer->partner == added->partner || signer->partner == CLOSENESS_DEVICE_PARTNER_BOTH)
    return TRUE;

  return !partner_has_device (list, added->partner);
}

/* @signer is NULL for the root, which @signer_public must be. */
static gboolean
apply_member (DeviceList    *list,
              Member        *signer,
              const guint8  *signer_public,
              guint          seq,
              const guint8  *body,
              gsize          body_length,
              GError       **error)
{
  Member *added = parse_member (body, body_length, error);

  if (added == NULL)
    return FALSE;
  added->added_at = seq;

  if (seq == 0)
    {
      if (added->role != MEMBER_ROLE_DEVICE
          || memcmp (closeness_vault_device_get_sign_public (added->device), signer_public,
                     VAULT_SIGN_PK) != 0)
        {
          member_free (added);
          return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_FORBIDDEN,
                       "The first entry of the device list is not signed by its own device.");
        }
    }
  else if (device_list_find_member (list, closeness_vault_device_get_sign_public (added->device)))
    {
      member_free (added);
      return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_FORBIDDEN,
                   "A device list entry adds a device that was already added.");
    }
  else if (!may_add (list, signer, added))
    {
      member_free (added);
      return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_FORBIDDEN,
                   "A device list entry adds a device its signer may not add.");
    }

  g_ptr_array_add (list->members, added);
  return TRUE;
}

static gboolean
apply_target (DeviceList    *list,
              EntryType      type,
              guint          seq,
              const guint8  *body,
              gsize          body_length,
              GError       **error)
{
  GBytes *sealed_name = NULL;
  Member *target;

  if (body_length < TARGET_BODY_FIXED || !read_name (body, body_length, VAULT_SIGN_PK, &sealed_name)
      || (type == ENTRY_REMOVE && sealed_name != NULL)
      || (type == ENTRY_RENAME && sealed_name == NULL))
    {
      g_clear_pointer (&sealed_name, g_bytes_unref);
      return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_MALFORMED, "A device list entry is garbled.");
    }

  target = device_list_find_member (list, body);
  if (target == NULL || !member_is_current (target))
    {
      g_clear_pointer (&sealed_name, g_bytes_unref);
      return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_FORBIDDEN,
                   "A device list entry names a device that is not in the list.");
    }

  if (type == ENTRY_RENAME)
    {
      g_clear_pointer (&target->sealed_name, g_bytes_unref);
      target->sealed_name = sealed_name;
      return TRUE;
    }

  /* Every key the removed member could hold must be made anew. */
  target->removed_at = seq;
  for (guint s = 0; s < N_SCOPES; s++)
    {
      if (member_has_scope (target, s) && device_list_n_generations (list, s) > 0)
        list->scopes[s].stale = TRUE;
    }

  return TRUE;
}

static gboolean
apply_key (DeviceList    *list,
           Member        *signer,
           const guint8  *body,
           gsize          body_length,
           GError       **error)
{
  KeyScope scope;

  if (body_length != KEY_BODY_LENGTH || body[0] >= N_SCOPES)
    return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_MALFORMED, "A device list entry is garbled.");

  scope = body[0];
  if (!member_has_scope (signer, scope))
    return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_FORBIDDEN,
                 "A device list entry announces a key its signer may not hold.");
  if (couple_get_u32 (body + 1) != device_list_n_generations (list, scope) + 1
      || device_list_find_key_id (list, body + 5, NULL, NULL))
    return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_FORBIDDEN,
                 "A device list entry announces a key generation out of turn.");

  g_byte_array_append (list->scopes[scope].key_ids, body + 5, VAULT_KEY_ID_BYTES);
  list->scopes[scope].stale = FALSE;
  return TRUE;
}

gboolean
device_list_append (DeviceList  *list,
                    GBytes      *entry,
                    GError     **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (entry, &length);
  const guint8 *body;
  gsize body_length;
  guint seq = list->entries->len;
  Member *signer;
  gboolean applied;

  if (length < ENTRY_HEADER + VAULT_SIGNATURE || length > ENTRY_MAX_LENGTH)
    return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_MALFORMED,
                 "A device list entry is cut short or garbled.");
  /* The signature first: any changed byte is TAMPERED, whatever it is. */
  if (!closeness_vault_verify (data + OFFSET_SIGNER, COUPLE_DOMAIN_LIST, data,
                               length - VAULT_SIGNATURE, data + length - VAULT_SIGNATURE))
    return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_TAMPERED,
                 "A device list entry does not carry a valid signature.");
  if (data[0] != ENTRY_VERSION)
    return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_UNSUPPORTED,
                 "The device list was written by a newer version of Closeness.");
  if (couple_get_u32 (data + OFFSET_SEQ) != seq
      || (seq == 0 && !sodium_is_zero (data + OFFSET_PREV, COUPLE_HASH_BYTES))
      || (seq > 0 && memcmp (data + OFFSET_PREV, list->head, COUPLE_HASH_BYTES) != 0))
    return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_TAMPERED,
                 "The device list's entries are out of order or one is missing.");
  if ((seq == 0) != (data[OFFSET_TYPE] == ENTRY_ROOT))
    return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_MALFORMED,
                 "The device list does not start with its root.");

  body = data + ENTRY_HEADER;
  body_length = length - ENTRY_HEADER - VAULT_SIGNATURE;

  if (seq == 0)
    {
      applied = apply_member (list, NULL, data + OFFSET_SIGNER, 0, body, body_length, error);
    }
  else
    {
      signer = device_list_find_member (list, data + OFFSET_SIGNER);
      if (signer == NULL || !member_is_current (signer))
        return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_FORBIDDEN,
                     "A device list entry is signed by a device that is not the couple's.");
      if (signer->role != MEMBER_ROLE_DEVICE && data[OFFSET_TYPE] != ENTRY_ADD)
        return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_FORBIDDEN,
                     "A recovery code signed something other than its own device.");

      switch (data[OFFSET_TYPE])
        {
        case ENTRY_ADD:
          applied = apply_member (list, signer, data + OFFSET_SIGNER, seq, body, body_length,
                                  error);
          break;
        case ENTRY_REMOVE:
        case ENTRY_RENAME:
          applied = apply_target (list, data[OFFSET_TYPE], seq, body, body_length, error);
          break;
        case ENTRY_KEY:
          applied = apply_key (list, signer, body, body_length, error);
          break;
        default:
          applied = fail (error, CLOSENESS_COUPLE_KEYS_ERROR_UNSUPPORTED,
                          "The device list was written by a newer version of Closeness.");
          break;
        }
    }

  if (!applied)
    return FALSE;

  g_ptr_array_add (list->entries, g_bytes_ref (entry));
  couple_hash (list->head, entry);
  return TRUE;
}

gboolean
device_list_sync (DeviceList  *list,
                  GPtrArray   *server_items,
                  GError     **error)
{
  g_autoptr(GHashTable) by_seq = g_hash_table_new_full (NULL, NULL, NULL,
                                                        (GDestroyNotify) g_bytes_unref);

  for (guint i = 0; server_items != NULL && i < server_items->len; i++)
    {
      ClosenessControlItem *item = g_ptr_array_index (server_items, i);
      GBytes *entry = closeness_control_item_get_payload (item);
      GBytes *other;
      gsize length;
      const guint8 *data;
      guint seq;

      if (closeness_control_item_get_kind (item) != CLOSENESS_CONTROL_ITEM_DEVICE_LIST_ENTRY)
        continue;
      data = g_bytes_get_data (entry, &length);
      if (length < ENTRY_HEADER || couple_get_u32 (data + OFFSET_SEQ) >= ENTRY_MAX_COUNT)
        return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_MALFORMED,
                     "A device list entry is cut short or garbled.");
      seq = couple_get_u32 (data + OFFSET_SEQ);
      /* An entry's place is in its signed bytes; the item's name must agree. */
      if (g_ascii_strtoull (closeness_control_item_get_stable_id (item), NULL, 10) != seq
          || !g_ascii_isdigit (closeness_control_item_get_stable_id (item)[0]))
        return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_TAMPERED,
                     "A device list entry was moved to another place.");
      other = g_hash_table_lookup (by_seq, GUINT_TO_POINTER (seq));
      if (other != NULL && !g_bytes_equal (other, entry))
        return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_TAMPERED,
                     "Two device list entries claim the same place.");
      g_hash_table_replace (by_seq, GUINT_TO_POINTER (seq), g_bytes_ref (entry));
    }

  /* What this device has seen must come back as it was. */
  for (guint seq = 0; seq < list->entries->len; seq++)
    {
      GBytes *entry = g_hash_table_lookup (by_seq, GUINT_TO_POINTER (seq));

      if (entry == NULL || !g_bytes_equal (entry, g_ptr_array_index (list->entries, seq)))
        return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_ROLLED_BACK,
                     "The server dropped or changed device list entries this device has seen.");
    }

  for (guint seq = list->entries->len; ; seq++)
    {
      GBytes *entry = g_hash_table_lookup (by_seq, GUINT_TO_POINTER (seq));

      if (entry == NULL)
        break;
      if (!device_list_append (list, entry, error))
        return FALSE;
    }

  if (g_hash_table_size (by_seq) != list->entries->len)
    return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_TAMPERED,
                 "The device list's entries are out of order or one is missing.");

  return TRUE;
}
