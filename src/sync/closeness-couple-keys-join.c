/* closeness-couple-keys-join.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Joining (a request, its approval by fingerprint, its acceptance), key
 * grants, removal and key rotation.
 *
 * Join request, format 1: version (1) | partner (1) | nonce (16) | the new
 * device's public half (129) | Ed25519ph signature by that device (64).
 *
 * Grant, format 1: version (1) | granter's signing key (32) | recipient's
 * signing key (32) | the join request's nonce (16; zeros after a rotation)
 * | length of the device list as the granter saw it (4) | hash of its last
 * entry (32) | count (2) | count × (length (2) | closeness_vault_key_seal_to_device())
 * | Ed25519ph signature by the granter (64). Every key in it must be one the
 * device list announces, of a scope both the granter and the recipient may
 * hold: a partner's personal key passes only between that partner's own
 * devices (and shared ones).
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <string.h>

#include "closeness-couple-keys-private.h"

#define REQUEST_VERSION  1
#define REQUEST_SIGNED   (1 + 1 + COUPLE_NONCE_BYTES + COUPLE_PUBLIC_BYTES)
#define REQUEST_LENGTH   (REQUEST_SIGNED + VAULT_SIGNATURE)

#define GRANT_VERSION    1
#define GRANT_OFFSET_GRANTER    1
#define GRANT_OFFSET_RECIPIENT  (GRANT_OFFSET_GRANTER + VAULT_SIGN_PK)
#define GRANT_OFFSET_NONCE      (GRANT_OFFSET_RECIPIENT + VAULT_SIGN_PK)
#define GRANT_OFFSET_LENGTH     (GRANT_OFFSET_NONCE + COUPLE_NONCE_BYTES)
#define GRANT_OFFSET_HEAD       (GRANT_OFFSET_LENGTH + 4)
#define GRANT_OFFSET_COUNT      (GRANT_OFFSET_HEAD + COUPLE_HASH_BYTES)
#define GRANT_HEADER            (GRANT_OFFSET_COUNT + 2)
#define GRANT_MAX_KEYS          4096

static gboolean
fail (GError                   **error,
      ClosenessCoupleKeysError   code,
      const char                *message)
{
  g_set_error_literal (error, CLOSENESS_COUPLE_KEYS_ERROR, code, message);
  return FALSE;
}

static GPtrArray *
items_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_control_item_unref);
}

static char *
device_stable_id (ClosenessVaultDevice *device)
{
  return g_strdup_printf ("%016" G_GINT64_MODIFIER "x", closeness_vault_device_get_id (device));
}

/* ---- Requests ------------------------------------------------------------ */

/**
 * closeness_couple_keys_new_joining:
 * @partner: who will use this device
 * @items: (out) (transfer container): the join request to upload
 *
 * A device that asks to join: it prints closeness_couple_keys_dup_fingerprint()
 * for a person to type on a device of the couple.
 */
ClosenessCoupleKeys *
closeness_couple_keys_new_joining (ClosenessDevicePartner   partner,
                                   GPtrArray              **items)
{
  g_autoptr(ClosenessVaultDevice) device = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autofree char *stable_id = NULL;
  ClosenessCoupleKeys *self;
  guint8 *data;

  g_return_val_if_fail (partner <= CLOSENESS_DEVICE_PARTNER_BOTH, NULL);
  g_return_val_if_fail (items != NULL, NULL);

  closeness_vault_ensure_init ();
  device = closeness_vault_device_generate ();
  self = couple_keys_new (device, partner);
  randombytes_buf (self->nonce, sizeof self->nonce);

  data = g_malloc (REQUEST_LENGTH);
  data[0] = REQUEST_VERSION;
  data[1] = partner;
  memcpy (data + 2, self->nonce, COUPLE_NONCE_BYTES);
  memcpy (data + 2 + COUPLE_NONCE_BYTES,
          g_bytes_get_data (closeness_vault_device_get_public (device), NULL), COUPLE_PUBLIC_BYTES);
  closeness_vault_sign (device, COUPLE_DOMAIN_JOIN_REQUEST, data, REQUEST_SIGNED,
                        data + REQUEST_SIGNED);
  payload = g_bytes_new_take (data, REQUEST_LENGTH);

  stable_id = device_stable_id (device);
  *items = items_new ();
  g_ptr_array_add (*items, closeness_control_item_new (CLOSENESS_CONTROL_ITEM_JOIN_REQUEST,
                                                       stable_id, payload));
  return self;
}

typedef struct
{
  ClosenessDevicePartner  partner;
  guint8                  nonce[COUPLE_NONCE_BYTES];
  ClosenessVaultDevice   *device;
} JoinRequest;

static void
join_request_free (JoinRequest *request)
{
  g_clear_pointer (&request->device, closeness_vault_device_unref);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JoinRequest, join_request_free)

/* A request whose signature holds, or %NULL. */
static JoinRequest *
parse_request (GBytes *payload)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (payload, &length);
  g_autoptr(GBytes) public_part = NULL;
  JoinRequest *request;

  if (length != REQUEST_LENGTH || data[0] != REQUEST_VERSION
      || data[1] > CLOSENESS_DEVICE_PARTNER_BOTH)
    return NULL;

  public_part = g_bytes_new (data + 2 + COUPLE_NONCE_BYTES, COUPLE_PUBLIC_BYTES);
  request = g_new0 (JoinRequest, 1);
  request->device = closeness_vault_device_new_from_public (public_part, NULL);
  if (request->device == NULL
      || !closeness_vault_verify (closeness_vault_device_get_sign_public (request->device),
                                  COUPLE_DOMAIN_JOIN_REQUEST, data, REQUEST_SIGNED,
                                  data + REQUEST_SIGNED))
    {
      join_request_free (request);
      return NULL;
    }

  request->partner = data[1];
  memcpy (request->nonce, data + 2, COUPLE_NONCE_BYTES);
  return request;
}

static JoinRequest *
find_request (GPtrArray   *server_items,
              const char  *fingerprint,
              GError     **error)
{
  g_autofree char *wanted = fingerprint_normalize (fingerprint);
  g_autoptr(JoinRequest) found = NULL;

  if (wanted == NULL)
    {
      fail (error, CLOSENESS_COUPLE_KEYS_ERROR_MALFORMED,
            "A device's number is 24 digits in six groups of four.");
      return NULL;
    }

  for (guint i = 0; server_items != NULL && i < server_items->len; i++)
    {
      ClosenessControlItem *item = g_ptr_array_index (server_items, i);
      g_autoptr(JoinRequest) request = NULL;
      g_autofree char *shown = NULL;
      g_autofree char *digits = NULL;

      if (closeness_control_item_get_kind (item) != CLOSENESS_CONTROL_ITEM_JOIN_REQUEST)
        continue;
      request = parse_request (closeness_control_item_get_payload (item));
      if (request == NULL)
        continue;
      shown = closeness_vault_device_dup_fingerprint (request->device);
      digits = fingerprint_normalize (shown);
      if (g_strcmp0 (digits, wanted) != 0)
        continue;

      /* The server could keep an older request of the same device beside
       * the new one; which partner it is for must not be its choice. */
      if (found != NULL && (found->partner != request->partner
                            || memcmp (found->nonce, request->nonce, COUPLE_NONCE_BYTES) != 0))
        {
          fail (error, CLOSENESS_COUPLE_KEYS_ERROR_TAMPERED,
                "Two different requests to join show this number.");
          return NULL;
        }
      g_clear_pointer (&found, join_request_free);
      found = g_steal_pointer (&request);
    }

  if (found == NULL)
    fail (error, CLOSENESS_COUPLE_KEYS_ERROR_NOT_FOUND,
          "No device asking to join shows this number.");

  return g_steal_pointer (&found);
}

/* ---- Grants -------------------------------------------------------------- */

static ClosenessControlItem *
build_grant (ClosenessCoupleKeys *self,
             Member              *recipient,
             GPtrArray           *keys,
             const guint8        *nonce)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  g_autoptr(GBytes) payload = NULL;
  g_autofree char *stable_id = NULL;
  guint8 header[GRANT_HEADER] = { 0 };
  guint8 signature[VAULT_SIGNATURE];

  g_return_val_if_fail (keys->len > 0 && keys->len <= GRANT_MAX_KEYS, NULL);

  header[0] = GRANT_VERSION;
  memcpy (header + GRANT_OFFSET_GRANTER, closeness_vault_device_get_sign_public (self->device),
          VAULT_SIGN_PK);
  memcpy (header + GRANT_OFFSET_RECIPIENT,
          closeness_vault_device_get_sign_public (recipient->device), VAULT_SIGN_PK);
  if (nonce != NULL)
    memcpy (header + GRANT_OFFSET_NONCE, nonce, COUPLE_NONCE_BYTES);
  couple_put_u32 (header + GRANT_OFFSET_LENGTH, self->list->entries->len);
  memcpy (header + GRANT_OFFSET_HEAD, self->list->head, COUPLE_HASH_BYTES);
  header[GRANT_OFFSET_COUNT] = keys->len >> 8;
  header[GRANT_OFFSET_COUNT + 1] = keys->len & 0xff;
  g_byte_array_append (data, header, sizeof header);

  for (guint i = 0; i < keys->len; i++)
    {
      g_autoptr(GBytes) sealed = closeness_vault_key_seal_to_device (g_ptr_array_index (keys, i),
                                                                     recipient->device,
                                                                     self->device);
      gsize length = g_bytes_get_size (sealed);
      guint8 length_bytes[2] = { length >> 8, length & 0xff };

      g_byte_array_append (data, length_bytes, 2);
      g_byte_array_append (data, g_bytes_get_data (sealed, NULL), length);
    }

  closeness_vault_sign (self->device, COUPLE_DOMAIN_GRANT, data->data, data->len, signature);
  g_byte_array_append (data, signature, sizeof signature);
  payload = g_byte_array_free_to_bytes (g_steal_pointer (&data));

  stable_id = g_strdup_printf ("%016" G_GINT64_MODIFIER "x-%016" G_GINT64_MODIFIER "x-%u",
                               closeness_vault_device_get_id (recipient->device),
                               closeness_vault_device_get_id (self->device),
                               self->list->entries->len);
  return closeness_control_item_new (CLOSENESS_CONTROL_ITEM_KEY_GRANT, stable_id, payload);
}

/* Every generation of @scope this device holds, oldest first. */
static void
collect_scope_keys (ClosenessCoupleKeys *self,
                    KeyScope             scope,
                    GPtrArray           *keys)
{
  GByteArray *ids = self->list->scopes[scope].key_ids;

  for (guint offset = 0; offset < ids->len; offset += VAULT_KEY_ID_BYTES)
    {
      ClosenessVaultKey *key = couple_keys_find_key (self, ids->data + offset);

      if (key != NULL)
        g_ptr_array_add (keys, closeness_vault_key_ref (key));
    }
}

/* Opens one grant into @self's keys; FALSE when it is not one to believe. */
static gboolean
open_grant (ClosenessCoupleKeys   *self,
            ClosenessVaultDevice  *recipient,
            Member                *recipient_member,
            GBytes                *payload,
            const guint8          *nonce,
            Member               **granter_out,
            GError               **error)
{
  gsize length, offset;
  const guint8 *data = g_bytes_get_data (payload, &length);
  g_autoptr(GPtrArray) granter_only = NULL;
  g_autoptr(GPtrArray) opened = NULL;
  Member *granter;
  guint log_length, n_keys;
  guint8 head[COUPLE_HASH_BYTES];

  if (length < GRANT_HEADER + VAULT_SIGNATURE
      || memcmp (data + GRANT_OFFSET_RECIPIENT, closeness_vault_device_get_sign_public (recipient),
                 VAULT_SIGN_PK) != 0)
    return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_NOT_FOUND, "The grant is for another device.");
  if (nonce != NULL && memcmp (data + GRANT_OFFSET_NONCE, nonce, COUPLE_NONCE_BYTES) != 0)
    return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_NOT_FOUND,
                 "The grant answers another request to join.");
  if (!closeness_vault_verify (data + GRANT_OFFSET_GRANTER, COUPLE_DOMAIN_GRANT, data,
                               length - VAULT_SIGNATURE, data + length - VAULT_SIGNATURE))
    return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_TAMPERED,
                 "A grant does not carry a valid signature.");
  if (data[0] != GRANT_VERSION)
    return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_UNSUPPORTED,
                 "A grant was written by a newer version of Closeness.");

  /* The granter was a device of the couple in the list as it saw it, and
   * that list is the one seen here. */
  log_length = couple_get_u32 (data + GRANT_OFFSET_LENGTH);
  granter = device_list_find_member (self->list, data + GRANT_OFFSET_GRANTER);
  if (log_length == 0 || log_length > self->list->entries->len)
    return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_NOT_FOUND,
                 "A grant follows device list entries not seen here yet.");
  if (granter == NULL || granter->role != MEMBER_ROLE_DEVICE || granter->added_at >= log_length
      || (!member_is_current (granter) && granter->removed_at < log_length))
    return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_FORBIDDEN,
                 "A grant is signed by a device that is not the couple's.");
  couple_hash (head, g_ptr_array_index (self->list->entries, log_length - 1));
  if (memcmp (head, data + GRANT_OFFSET_HEAD, COUPLE_HASH_BYTES) != 0)
    return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_TAMPERED,
                 "A grant was made for another device list.");

  granter_only = g_ptr_array_new ();
  g_ptr_array_add (granter_only, granter->device);
  opened = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_vault_key_unref);
  offset = GRANT_HEADER;
  n_keys = ((guint) data[GRANT_OFFSET_COUNT] << 8) | data[GRANT_OFFSET_COUNT + 1];
  for (guint i = 0; i < n_keys; i++)
    {
      g_autoptr(GBytes) sealed = NULL;
      g_autoptr(ClosenessVaultKey) key = NULL;
      gsize sealed_length;
      KeyScope scope;

      if (length - VAULT_SIGNATURE - offset < 2)
        return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_MALFORMED, "A grant is garbled.");
      sealed_length = ((gsize) data[offset] << 8) | data[offset + 1];
      if (length - VAULT_SIGNATURE - offset - 2 < sealed_length)
        return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_MALFORMED, "A grant is garbled.");
      sealed = g_bytes_new (data + offset + 2, sealed_length);
      offset += 2 + sealed_length;

      key = closeness_vault_key_open_from_device (sealed, recipient, granter_only, error);
      if (key == NULL)
        return FALSE;
      /* Only keys the device list announces, passed on only where allowed. */
      if (!device_list_find_key_id (self->list, closeness_vault_key_get_raw_id (key), &scope, NULL)
          || (scope == SCOPE_COUPLE)
               != (closeness_vault_key_get_kind (key) == CLOSENESS_VAULT_KEY_COUPLE))
        return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_TAMPERED,
                     "A grant holds a key the device list does not announce.");
      if (!member_has_scope (granter, scope) || !member_has_scope (recipient_member, scope))
        return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_FORBIDDEN,
                     "A grant passes on a partner's personal key where it may not go.");
      g_ptr_array_add (opened, g_steal_pointer (&key));
    }
  if (offset != length - VAULT_SIGNATURE)
    return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_MALFORMED, "A grant is garbled.");

  for (guint i = 0; i < opened->len; i++)
    couple_keys_add_key (self, g_ptr_array_index (opened, i));
  if (granter_out != NULL)
    *granter_out = granter;

  return TRUE;
}

gboolean
couple_keys_receive_grants (ClosenessCoupleKeys   *self,
                            ClosenessVaultDevice  *recipient,
                            GPtrArray             *server_items,
                            const guint8          *nonce,
                            char                 **approver_fingerprint,
                            GError               **error)
{
  Member *recipient_member =
    device_list_find_member (self->list, closeness_vault_device_get_sign_public (recipient));
  g_autoptr(GError) last_error = NULL;
  Member *approver = NULL;

  if (recipient_member == NULL)
    return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_NOT_FOUND,
                 "This device is not in the couple's device list yet.");

  for (guint i = 0; server_items != NULL && i < server_items->len; i++)
    {
      ClosenessControlItem *item = g_ptr_array_index (server_items, i);
      g_autoptr(GError) local_error = NULL;
      Member *granter = NULL;

      if (closeness_control_item_get_kind (item) != CLOSENESS_CONTROL_ITEM_KEY_GRANT)
        continue;
      if (open_grant (self, recipient, recipient_member, closeness_control_item_get_payload (item),
                      nonce, &granter, &local_error))
        {
          approver = approver != NULL ? approver : granter;
          continue;
        }

      /* A grant for another device is none of ours; a bad one for us is
       * skipped: the server must not stop a sync by planting one. */
      if (!g_error_matches (local_error, CLOSENESS_COUPLE_KEYS_ERROR,
                            CLOSENESS_COUPLE_KEYS_ERROR_NOT_FOUND))
        {
          g_debug ("Skipped a key grant: %s", local_error->message);
          g_clear_error (&last_error);
          last_error = g_steal_pointer (&local_error);
        }
    }

  if (nonce == NULL)
    return TRUE;

  if (approver == NULL)
    {
      if (last_error != NULL)
        g_propagate_error (error, g_steal_pointer (&last_error));
      else
        fail (error, CLOSENESS_COUPLE_KEYS_ERROR_NOT_FOUND,
              "No device of the couple has approved this one yet.");
      return FALSE;
    }

  if (approver_fingerprint != NULL)
    *approver_fingerprint = closeness_vault_device_dup_fingerprint (approver->device);
  return TRUE;
}

/* ---- Approving and accepting -------------------------------------------- */

GPtrArray *
closeness_couple_keys_approve (ClosenessCoupleKeys  *self,
                               const char           *fingerprint,
                               GPtrArray            *server_items,
                               GError              **error)
{
  g_autoptr(JoinRequest) request = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  Member *me, *added;

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), NULL);
  g_return_val_if_fail (fingerprint != NULL, NULL);

  if (!closeness_couple_keys_update (self, server_items, error))
    return NULL;
  me = couple_keys_self_member (self);
  if (me == NULL || !member_is_current (me))
    {
      fail (error, CLOSENESS_COUPLE_KEYS_ERROR_NOT_MEMBER,
            "This device is not one of the couple's.");
      return NULL;
    }
  if (couple_keys_newest_key (self, SCOPE_COUPLE) == NULL)
    {
      fail (error, CLOSENESS_COUPLE_KEYS_ERROR_KEY_MISSING,
            "This device has not received the newest couple key yet.");
      return NULL;
    }

  request = find_request (server_items, fingerprint, error);
  if (request == NULL)
    return NULL;

  items = items_new ();
  added = device_list_find_member (self->list,
                                   closeness_vault_device_get_sign_public (request->device));
  if (added != NULL && !member_is_current (added))
    {
      fail (error, CLOSENESS_COUPLE_KEYS_ERROR_FORBIDDEN, "A removed device cannot join again.");
      return NULL;
    }
  if (added == NULL)
    {
      /* The name follows from the device itself, once it holds the couple key. */
      g_autoptr(GByteArray) body = device_list_member_body (MEMBER_ROLE_DEVICE, request->partner,
                                                            request->nonce, request->device, NULL);

      if (!couple_keys_append (self, self->device, ENTRY_ADD, body, items, error))
        return NULL;
      added = device_list_find_member (self->list,
                                       closeness_vault_device_get_sign_public (request->device));
    }

  /* Every key this device may pass on to it: all couple generations, and
   * the personal keys of the partner they share (a device of the other
   * partner passes on only the couple key). Approving a device already in
   * the list passes on only what this device adds. */
  keys = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_vault_key_unref);
  for (guint scope = 0; scope < N_SCOPES; scope++)
    {
      if (member_has_scope (me, scope) && member_has_scope (added, scope))
        collect_scope_keys (self, scope, keys);
    }
  g_ptr_array_add (items, build_grant (self, added, keys, request->nonce));

  return g_steal_pointer (&items);
}

gboolean
closeness_couple_keys_accept (ClosenessCoupleKeys  *self,
                              GPtrArray            *server_items,
                              const char           *device_name,
                              char                **approver_fingerprint,
                              GPtrArray           **items,
                              GError              **error)
{
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GByteArray) body = NULL;
  g_autoptr(GBytes) sealed_name = NULL;
  g_autofree char *approver = NULL;
  Member *me;

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), FALSE);
  g_return_val_if_fail (device_name != NULL && approver_fingerprint != NULL && items != NULL,
                        FALSE);

  if (self->list != NULL)
    return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_MALFORMED, "This device has joined already.");

  /* A device that joins has no list to compare with: it pins the one it
   * reads now, which the approver's fingerprint vouches for. */
  self->list = device_list_new ();
  if (!device_list_sync (self->list, server_items, error))
    goto failed;

  me = couple_keys_self_member (self);
  if (me == NULL || me->role != MEMBER_ROLE_DEVICE || me->partner != self->partner
      || memcmp (me->nonce, self->nonce, COUPLE_NONCE_BYTES) != 0)
    {
      fail (error, CLOSENESS_COUPLE_KEYS_ERROR_NOT_FOUND,
            "No device of the couple has approved this one yet.");
      goto failed;
    }
  if (!couple_keys_receive_grants (self, self->device, server_items, self->nonce, &approver,
                                   error))
    goto failed;
  if (couple_keys_newest_key (self, SCOPE_COUPLE) == NULL)
    {
      fail (error, CLOSENESS_COUPLE_KEYS_ERROR_KEY_MISSING,
            "The approving device did not pass on the newest couple key.");
      goto failed;
    }

  out = items_new ();
  /* A partner's first device makes that partner's personal key. */
  for (guint scope = SCOPE_PERSONAL_FIRST; scope < N_SCOPES; scope++)
    {
      g_autoptr(ClosenessVaultKey) key = NULL;

      if (!member_has_scope (me, scope) || device_list_n_generations (self->list, scope) > 0)
        continue;
      key = closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_PERSONAL);
      g_clear_pointer (&body, g_byte_array_unref);
      body = device_list_key_body (scope, 1, key);
      if (!couple_keys_append (self, self->device, ENTRY_KEY, body, out, error))
        goto failed;
      couple_keys_add_key (self, key);
    }

  sealed_name = couple_keys_seal_name (self, self->device, device_name);
  g_clear_pointer (&body, g_byte_array_unref);
  body = device_list_target_body (self->device, sealed_name);
  if (!couple_keys_append (self, self->device, ENTRY_RENAME, body, out, error))
    goto failed;

  *approver_fingerprint = g_steal_pointer (&approver);
  *items = g_steal_pointer (&out);
  return TRUE;

failed:
  g_clear_pointer (&self->list, device_list_free);
  return FALSE;
}

gboolean
closeness_couple_keys_update (ClosenessCoupleKeys  *self,
                              GPtrArray            *server_items,
                              GError              **error)
{
  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), FALSE);

  if (self->list == NULL)
    return fail (error, CLOSENESS_COUPLE_KEYS_ERROR_NOT_MEMBER,
                 "This device has not joined the couple yet.");
  if (!device_list_sync (self->list, server_items, error))
    return FALSE;

  return couple_keys_receive_grants (self, self->device, server_items, NULL, NULL, error);
}

/**
 * closeness_couple_keys_dup_unsent_entries:
 * @server_items: every control item on the server
 *
 * The entries of the device list seen here that the server lacks: a first
 * sync (or a removal, an approval) stopped after keeping the keys and
 * before uploading all of its entries. Uploaded again, they let the next
 * closeness_couple_keys_update() go through instead of failing for good
 * (ROLLED_BACK). They are signed and keep their places, so uploading them
 * again only puts back what was there or was meant to be. Nothing when the
 * server holds another entry in a place this device has seen: that is for
 * update() to refuse.
 *
 * Returns: (transfer full): ClosenessControlItem to upload, maybe none
 */
/* The device list entries among @server_items, by their place. */
static GHashTable *
entries_by_seq (GPtrArray *server_items)
{
  GHashTable *by_seq = g_hash_table_new (NULL, NULL);

  for (guint i = 0; server_items != NULL && i < server_items->len; i++)
    {
      ClosenessControlItem *item = g_ptr_array_index (server_items, i);
      const char *stable_id = closeness_control_item_get_stable_id (item);

      if (closeness_control_item_get_kind (item) == CLOSENESS_CONTROL_ITEM_DEVICE_LIST_ENTRY &&
          g_ascii_isdigit (stable_id[0]))
        g_hash_table_insert (by_seq, GUINT_TO_POINTER (g_ascii_strtoull (stable_id, NULL, 10)),
                             closeness_control_item_get_payload (item));
    }

  return by_seq;
}

GPtrArray *
closeness_couple_keys_dup_unsent_entries (ClosenessCoupleKeys *self,
                                          GPtrArray           *server_items)
{
  g_autoptr(GHashTable) by_seq = NULL;
  GPtrArray *items = items_new ();

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), items);

  by_seq = entries_by_seq (server_items);

  for (guint seq = 0; self->list != NULL && seq < self->list->entries->len; seq++)
    {
      GBytes *ours = g_ptr_array_index (self->list->entries, seq);
      GBytes *theirs = g_hash_table_lookup (by_seq, GUINT_TO_POINTER (seq));

      if (theirs != NULL && !g_bytes_equal (theirs, ours))
        {
          g_ptr_array_set_size (items, 0);
          break;
        }
      if (theirs == NULL)
        g_ptr_array_add (items, couple_keys_entry_item (ours, seq));
    }

  return items;
}

/* ---- Removal and rotation ------------------------------------------------ */

gboolean
couple_keys_rotate (ClosenessCoupleKeys  *self,
                    GPtrArray            *items,
                    GError              **error)
{
  ClosenessVaultKey *new_keys[N_SCOPES] = { NULL, };
  Member *me = couple_keys_self_member (self);
  gboolean rotated = FALSE, ok = TRUE;

  if (me == NULL || !member_is_current (me))
    return TRUE;

  for (guint scope = 0; scope < N_SCOPES && ok; scope++)
    {
      g_autoptr(GByteArray) body = NULL;

      /* Only a device holding the newest generation makes the next one, so
       * the chain of generations stays whole on every device that may hold it. */
      if (!self->list->scopes[scope].stale || !member_has_scope (me, scope)
          || couple_keys_newest_key (self, scope) == NULL)
        continue;

      new_keys[scope] = closeness_vault_key_new_random (scope == SCOPE_COUPLE
                                                        ? CLOSENESS_VAULT_KEY_COUPLE
                                                        : CLOSENESS_VAULT_KEY_PERSONAL);
      body = device_list_key_body (scope, device_list_n_generations (self->list, scope) + 1,
                                   new_keys[scope]);
      ok = couple_keys_append (self, self->device, ENTRY_KEY, body, items, error);
      if (ok)
        couple_keys_add_key (self, new_keys[scope]);
      rotated = TRUE;
    }

  /* Each remaining member (recovery copies too, and this device, so a crash
   * before the Secret Service is written loses nothing) gets what it may hold. */
  for (guint i = 0; ok && rotated && i < self->list->members->len; i++)
    {
      Member *member = g_ptr_array_index (self->list->members, i);
      g_autoptr(GPtrArray) keys = NULL;

      if (!member_is_current (member))
        continue;
      keys = g_ptr_array_new ();
      for (guint scope = 0; scope < N_SCOPES; scope++)
        {
          if (new_keys[scope] != NULL && member_has_scope (member, scope))
            g_ptr_array_add (keys, new_keys[scope]);
        }
      if (keys->len > 0)
        g_ptr_array_add (items, build_grant (self, member, keys, NULL));
    }

  for (guint scope = 0; scope < N_SCOPES; scope++)
    g_clear_pointer (&new_keys[scope], closeness_vault_key_unref);

  return ok;
}

gboolean
couple_keys_remove_member (ClosenessCoupleKeys  *self,
                           Member               *member,
                           GPtrArray            *items,
                           GError              **error)
{
  g_autoptr(GByteArray) body = device_list_target_body (member->device, NULL);

  if (!couple_keys_append (self, self->device, ENTRY_REMOVE, body, items, error))
    return FALSE;

  /* Removing itself, a device leaves the rotation to the others. */
  return couple_keys_rotate (self, items, error);
}

/**
 * closeness_couple_keys_list_requests:
 * @server_items: every control item on the server
 *
 * The devices asking to join that are not members yet, as `--devices`
 * shows them beside the members ("waiting to be approved").
 *
 * Returns: (transfer full) (element-type ClosenessCoupleDeviceInfo): their
 *   fingerprints and who they are for; no names (a request has none)
 */
GPtrArray *
closeness_couple_keys_list_requests (ClosenessCoupleKeys *self,
                                     GPtrArray           *server_items)
{
  GPtrArray *requests =
    g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_couple_device_info_free);

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), requests);

  for (guint i = 0; server_items != NULL && i < server_items->len; i++)
    {
      ClosenessControlItem *item = g_ptr_array_index (server_items, i);
      g_autoptr(JoinRequest) request = NULL;
      ClosenessCoupleDeviceInfo *info;

      if (closeness_control_item_get_kind (item) != CLOSENESS_CONTROL_ITEM_JOIN_REQUEST)
        continue;
      request = parse_request (closeness_control_item_get_payload (item));
      if (request == NULL
          || (self->list != NULL
              && device_list_find_member (self->list,
                                          closeness_vault_device_get_sign_public (request->device))
                   != NULL))
        continue;
      info = g_new0 (ClosenessCoupleDeviceInfo, 1);
      info->id = closeness_vault_device_get_id (request->device);
      info->fingerprint = closeness_vault_device_dup_fingerprint (request->device);
      info->partner = request->partner;
      g_ptr_array_add (requests, info);
    }

  return requests;
}

/**
 * closeness_couple_keys_founded_elsewhere:
 * @server_items: every control item on the server
 *
 * Whether the server's device list starts with another first entry than
 * the one seen here: for a device whose founding never reached the server,
 * another computer founded a couple on the account first. (For a device
 * whose list was on the server, that is a replaced root, which
 * closeness_couple_keys_update() refuses.)
 */
gboolean
closeness_couple_keys_founded_elsewhere (ClosenessCoupleKeys *self,
                                         GPtrArray           *server_items)
{
  g_autoptr(GHashTable) by_seq = NULL;
  GBytes *theirs;

  g_return_val_if_fail (CLOSENESS_IS_COUPLE_KEYS (self), FALSE);

  by_seq = entries_by_seq (server_items);
  theirs = g_hash_table_lookup (by_seq, GUINT_TO_POINTER (0));

  return theirs != NULL && self->list != NULL && self->list->entries->len > 0 &&
         !g_bytes_equal (theirs, g_ptr_array_index (self->list->entries, 0));
}
