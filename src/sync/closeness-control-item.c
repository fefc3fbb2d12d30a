/* closeness-control-item.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A control item's bytes, format 1:
 *
 *   "CLC" | version (1) | kind (1) | stable id length (1) | stable id | payload
 *
 * A sealed record's envelope starts with its format version (0x01), never
 * with "C", so the engine can tell the two apart before opening anything.
 * Nothing here is trusted: each payload carries its own signatures, checked
 * by ClosenessCoupleKeys.
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <string.h>

#include "closeness-control-item.h"
#include "closeness-vault-private.h"

#define CONTROL_MAGIC          "CLC"
#define CONTROL_MAGIC_LENGTH   3
#define CONTROL_VERSION        1
#define CONTROL_HEADER         (CONTROL_MAGIC_LENGTH + 3)
#define CONTROL_MAX_STABLE_ID  64
#define CONTROL_MAX_LENGTH     (1024 * 1024)
#define CONTROL_UID_BYTES      16
#define CONTROL_UID_DOMAIN     "closeness control item v1"

struct _ClosenessControlItem
{
  gatomicrefcount           ref_count;
  ClosenessControlItemKind  kind;
  char                     *stable_id;
  char                      uid[CONTROL_UID_BYTES * 2 + 1];
  GBytes                   *bytes;
  GBytes                   *payload;
};

G_DEFINE_BOXED_TYPE (ClosenessControlItem, closeness_control_item,
                     closeness_control_item_ref, closeness_control_item_unref)

static gboolean
kind_is_valid (guint kind)
{
  return kind >= CLOSENESS_CONTROL_ITEM_DEVICE_LIST_ENTRY
         && kind <= CLOSENESS_CONTROL_ITEM_RECOVERY;
}

static gboolean
stable_id_is_valid (const char *stable_id,
                    gsize       length)
{
  if (length == 0 || length > CONTROL_MAX_STABLE_ID)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isalnum (stable_id[i]) && stable_id[i] != '-')
        return FALSE;
    }

  return TRUE;
}

static ClosenessControlItem *
item_new (ClosenessControlItemKind  kind,
          const char               *stable_id,
          gsize                     stable_id_length,
          GBytes                   *bytes)
{
  static const char domain[] = CONTROL_UID_DOMAIN;
  ClosenessControlItem *item = g_new0 (ClosenessControlItem, 1);
  crypto_generichash_state state;
  guint8 kind_byte = kind;
  guint8 uid[CONTROL_UID_BYTES];

  closeness_vault_ensure_init ();
  g_atomic_ref_count_init (&item->ref_count);
  item->kind = kind;
  item->stable_id = g_strndup (stable_id, stable_id_length);
  item->bytes = g_bytes_ref (bytes);
  item->payload = g_bytes_new_from_bytes (bytes, CONTROL_HEADER + stable_id_length,
                                          g_bytes_get_size (bytes) - CONTROL_HEADER
                                          - stable_id_length);

  crypto_generichash_init (&state, NULL, 0, sizeof uid);
  crypto_generichash_update (&state, (const guint8 *) domain, sizeof domain);
  crypto_generichash_update (&state, &kind_byte, 1);
  crypto_generichash_update (&state, (const guint8 *) item->stable_id, stable_id_length);
  crypto_generichash_final (&state, uid, sizeof uid);
  sodium_bin2hex (item->uid, sizeof item->uid, uid, sizeof uid);

  return item;
}

ClosenessControlItem *
closeness_control_item_new (ClosenessControlItemKind  kind,
                            const char               *stable_id,
                            GBytes                   *payload)
{
  gsize stable_id_length, payload_length;
  g_autoptr(GBytes) bytes = NULL;
  guint8 *data;

  g_return_val_if_fail (kind_is_valid (kind), NULL);
  g_return_val_if_fail (stable_id != NULL && payload != NULL, NULL);
  stable_id_length = strlen (stable_id);
  g_return_val_if_fail (stable_id_is_valid (stable_id, stable_id_length), NULL);

  payload_length = g_bytes_get_size (payload);
  data = g_malloc (CONTROL_HEADER + stable_id_length + payload_length);
  memcpy (data, CONTROL_MAGIC, CONTROL_MAGIC_LENGTH);
  data[CONTROL_MAGIC_LENGTH] = CONTROL_VERSION;
  data[CONTROL_MAGIC_LENGTH + 1] = kind;
  data[CONTROL_MAGIC_LENGTH + 2] = stable_id_length;
  memcpy (data + CONTROL_HEADER, stable_id, stable_id_length);
  if (payload_length > 0)
    memcpy (data + CONTROL_HEADER + stable_id_length, g_bytes_get_data (payload, NULL),
            payload_length);
  bytes = g_bytes_new_take (data, CONTROL_HEADER + stable_id_length + payload_length);

  return item_new (kind, stable_id, stable_id_length, bytes);
}

gboolean
closeness_control_item_is_control (GBytes *bytes)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  return length >= CONTROL_MAGIC_LENGTH && memcmp (data, CONTROL_MAGIC, CONTROL_MAGIC_LENGTH) == 0;
}

ClosenessControlItem *
closeness_control_item_parse (GBytes  *bytes,
                              GError **error)
{
  gsize length;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  if (!closeness_control_item_is_control (bytes))
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                           "The item is not one of the couple's key items.");
      return NULL;
    }
  if (length > CONTROL_MAX_LENGTH)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_TOO_LARGE,
                           "A key item is larger than Closeness writes.");
      return NULL;
    }
  if (length >= CONTROL_HEADER && data[CONTROL_MAGIC_LENGTH] != CONTROL_VERSION)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_UNSUPPORTED,
                           "A key item was written by a newer version of Closeness.");
      return NULL;
    }
  if (length < CONTROL_HEADER || !kind_is_valid (data[CONTROL_MAGIC_LENGTH + 1])
      || length < CONTROL_HEADER + (gsize) data[CONTROL_MAGIC_LENGTH + 2]
      || !stable_id_is_valid ((const char *) data + CONTROL_HEADER,
                              data[CONTROL_MAGIC_LENGTH + 2]))
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                           "A key item is cut short or garbled.");
      return NULL;
    }

  return item_new (data[CONTROL_MAGIC_LENGTH + 1], (const char *) data + CONTROL_HEADER,
                   data[CONTROL_MAGIC_LENGTH + 2], bytes);
}

ClosenessControlItem *
closeness_control_item_ref (ClosenessControlItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);

  g_atomic_ref_count_inc (&item->ref_count);
  return item;
}

void
closeness_control_item_unref (ClosenessControlItem *item)
{
  g_return_if_fail (item != NULL);

  if (g_atomic_ref_count_dec (&item->ref_count))
    {
      g_free (item->stable_id);
      g_bytes_unref (item->bytes);
      g_bytes_unref (item->payload);
      g_free (item);
    }
}

ClosenessControlItemKind
closeness_control_item_get_kind (ClosenessControlItem *item)
{
  return item->kind;
}

const char *
closeness_control_item_get_stable_id (ClosenessControlItem *item)
{
  return item->stable_id;
}

const char *
closeness_control_item_get_uid (ClosenessControlItem *item)
{
  return item->uid;
}

GBytes *
closeness_control_item_get_bytes (ClosenessControlItem *item)
{
  return item->bytes;
}

GBytes *
closeness_control_item_get_payload (ClosenessControlItem *item)
{
  return item->payload;
}
