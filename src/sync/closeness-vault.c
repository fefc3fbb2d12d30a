/* closeness-vault.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The vault's common ground: libsodium's start, guarded memory, padding,
 * and the symmetric keys (couple, personal, answer) with their ids, their
 * serialization for the Secret Service and their wrapping under another
 * key. Devices are in closeness-vault-device.c, items in -record.c, the
 * recovery code in -recovery.c, answer commitments in -reveal.c.
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <string.h>

#include "closeness-vault-private.h"

#define KEYS_FORMAT_VERSION 1
#define KEYS_MAX            64
#define WRAP_FORMAT_VERSION 1
/* version, kind, wrapping key id, nonce */
#define WRAP_HEADER         (1 + 1 + VAULT_KEY_ID_BYTES + VAULT_AEAD_NONCE)
#define WRAP_LENGTH         (WRAP_HEADER + VAULT_KEY_BYTES + VAULT_AEAD_TAG)

/* Sizes leak only which of 67 sizes an item has: small records go to
 * 256 B, 1 KiB or 4 KiB; above, eight steps between two powers of two (the
 * next multiple of an eighth of the power below), so at most an eighth is
 * padding, up to 1 MiB (docs/SYNC.md, *Padding*). */
#define PADDING_SMALLEST_STEPPED 4096
#define PADDING_STEPS 8

struct _ClosenessVaultKey
{
  gatomicrefcount        ref_count;
  ClosenessVaultKeyKind  kind;
  guint8                *bytes;      /* guarded memory */
  guint8                 raw_id[VAULT_KEY_ID_BYTES];
  char                   id[VAULT_KEY_ID_BYTES * 2 + 1];
};

G_DEFINE_QUARK (closeness-vault-error-quark, closeness_vault_error)

G_DEFINE_BOXED_TYPE (ClosenessVaultKey, closeness_vault_key,
                     closeness_vault_key_ref, closeness_vault_key_unref)

void
closeness_vault_ensure_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* Fails only without a source of randomness: nothing here can work. */
      if (sodium_init () < 0)
        g_error ("libsodium could not start: no source of randomness");
      g_once_init_leave (&initialized, 1);
    }
}

gpointer
closeness_vault_secure_alloc (gsize size)
{
  gpointer memory;

  closeness_vault_ensure_init ();
  memory = sodium_malloc (MAX (size, 1));
  if (memory == NULL)
    g_error ("%s: failed to allocate %" G_GSIZE_FORMAT " bytes of guarded memory",
             G_STRLOC, size);

  return memory;
}

GBytes *
closeness_vault_secure_bytes_new (gsize    size,
                                  guint8 **data)
{
  guint8 *memory = closeness_vault_secure_alloc (size);

  *data = memory;
  return g_bytes_new_with_free_func (memory, size, sodium_free, memory);
}

typedef struct
{
  gsize  size;
  guint8 data[];
} WipedBlock;

static void
wiped_block_free (gpointer data)
{
  WipedBlock *block = data;

  sodium_memzero (block->data, block->size);
  g_free (block);
}

GBytes *
closeness_vault_wiped_bytes_new (gsize    size,
                                 guint8 **data)
{
  WipedBlock *block = g_malloc (sizeof (WipedBlock) + MAX (size, 1));

  block->size = size;
  *data = block->data;
  return g_bytes_new_with_free_func (block->data, size, wiped_block_free, block);
}

void
closeness_vault_put_u64 (guint8  *out,
                         guint64  value)
{
  for (int i = 7; i >= 0; i--)
    {
      out[i] = value & 0xff;
      value >>= 8;
    }
}

guint64
closeness_vault_get_u64 (const guint8 *in)
{
  guint64 value = 0;

  for (int i = 0; i < 8; i++)
    value = (value << 8) | in[i];

  return value;
}

gsize
closeness_vault_padded_size (gsize length)
{
  static const gsize small[] = { 256, 1024, PADDING_SMALLEST_STEPPED };
  gsize power = PADDING_SMALLEST_STEPPED;
  gsize step;

  /* sodium_pad always adds at least one byte (0x80): a size is for the
   * lengths below it. */
  for (gsize i = 0; i < G_N_ELEMENTS (small); i++)
    if (length < small[i])
      return small[i];
  if (length >= VAULT_MAX_PADDED)
    return 0;

  while (power * 2 <= length)
    power *= 2;
  step = power / PADDING_STEPS;

  return (length / step + 1) * step;
}

GBytes *
closeness_vault_pad (GBytes  *plaintext,
                     GError **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (plaintext, &length);
  gsize bucket = closeness_vault_padded_size (length);
  gsize padded_length;
  guint8 *padded;
  GBytes *bytes;

  if (bucket == 0)
    {
      g_set_error (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_TOO_LARGE,
                   "A record of %" G_GSIZE_FORMAT " bytes is larger than the vault seals.",
                   length);
      return NULL;
    }

  bytes = closeness_vault_wiped_bytes_new (bucket, &padded);
  if (length > 0)
    memcpy (padded, data, length);
  if (sodium_pad (&padded_length, padded, length, bucket, bucket) != 0 || padded_length != bucket)
    g_error ("%s: padding to a bucket failed", G_STRLOC);

  return bytes;
}

GBytes *
closeness_vault_unpad (const guint8  *padded,
                       gsize          length,
                       GError       **error)
{
  gsize unpadded_length;
  /* One of the sizes: the one the lengths just below it pad to. */
  gboolean bucket_ok = length > 0 && closeness_vault_padded_size (length - 1) == length;
  guint8 *data;
  GBytes *bytes;

  if (!bucket_ok || sodium_unpad (&unpadded_length, padded, length, length) != 0)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                           "The sealed record is not padded as the vault pads.");
      return NULL;
    }

  bytes = closeness_vault_wiped_bytes_new (unpadded_length, &data);
  if (unpadded_length > 0)
    memcpy (data, padded, unpadded_length);
  return bytes;
}

/* ---- Keys ---------------------------------------------------------------- */

ClosenessVaultKey *
closeness_vault_key_new_from_bytes (ClosenessVaultKeyKind  kind,
                                    const guint8          *bytes)
{
  static const char domain[] = VAULT_DOMAIN_KEY_ID;
  ClosenessVaultKey *key = g_new0 (ClosenessVaultKey, 1);

  g_atomic_ref_count_init (&key->ref_count);
  key->kind = kind;
  key->bytes = closeness_vault_secure_alloc (VAULT_KEY_BYTES);
  memcpy (key->bytes, bytes, VAULT_KEY_BYTES);

  /* A keyed hash: the id names the key and says nothing about it. */
  crypto_generichash (key->raw_id, sizeof key->raw_id, (const guint8 *) domain, sizeof domain,
                      key->bytes, VAULT_KEY_BYTES);
  sodium_bin2hex (key->id, sizeof key->id, key->raw_id, sizeof key->raw_id);

  return key;
}

static gboolean
key_kind_is_valid (guint kind)
{
  return kind == CLOSENESS_VAULT_KEY_COUPLE || kind == CLOSENESS_VAULT_KEY_PERSONAL
         || kind == CLOSENESS_VAULT_KEY_ANSWER;
}

/* A random key of @kind. A couple key is made by the first device and
 * again whenever a device is removed; a personal key once per partner. */
ClosenessVaultKey *
closeness_vault_key_new_random (ClosenessVaultKeyKind kind)
{
  guint8 *bytes;
  ClosenessVaultKey *key;

  g_return_val_if_fail (key_kind_is_valid (kind), NULL);

  bytes = closeness_vault_secure_alloc (VAULT_KEY_BYTES);
  crypto_aead_xchacha20poly1305_ietf_keygen (bytes);
  key = closeness_vault_key_new_from_bytes (kind, bytes);
  sodium_free (bytes);

  return key;
}

ClosenessVaultKey *
closeness_vault_key_ref (ClosenessVaultKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  g_atomic_ref_count_inc (&key->ref_count);
  return key;
}

void
closeness_vault_key_unref (ClosenessVaultKey *key)
{
  g_return_if_fail (key != NULL);

  if (g_atomic_ref_count_dec (&key->ref_count))
    {
      sodium_free (key->bytes);
      g_free (key);
    }
}

ClosenessVaultKeyKind
closeness_vault_key_get_kind (ClosenessVaultKey *key)
{
  return key->kind;
}

const char *
closeness_vault_key_get_id (ClosenessVaultKey *key)
{
  return key->id;
}

const guint8 *
closeness_vault_key_get_raw_id (ClosenessVaultKey *key)
{
  return key->raw_id;
}

const guint8 *
closeness_vault_key_get_bytes (ClosenessVaultKey *key)
{
  return key->bytes;
}

gboolean
closeness_vault_key_equal (ClosenessVaultKey *a,
                           ClosenessVaultKey *b)
{
  return a->kind == b->kind && sodium_memcmp (a->bytes, b->bytes, VAULT_KEY_BYTES) == 0;
}

/* version (1) | count (1) | count × (kind (1) | key (32)) */
GBytes *
closeness_vault_keys_serialize (GPtrArray *keys)
{
  guint8 *data;
  GBytes *bytes;

  g_return_val_if_fail (keys != NULL && keys->len <= KEYS_MAX, NULL);

  bytes = closeness_vault_secure_bytes_new (2 + keys->len * (1 + VAULT_KEY_BYTES), &data);
  data[0] = KEYS_FORMAT_VERSION;
  data[1] = keys->len;
  for (guint i = 0; i < keys->len; i++)
    {
      ClosenessVaultKey *key = g_ptr_array_index (keys, i);
      guint8 *entry = data + 2 + i * (1 + VAULT_KEY_BYTES);

      entry[0] = key->kind;
      memcpy (entry + 1, key->bytes, VAULT_KEY_BYTES);
    }

  return bytes;
}

GPtrArray *
closeness_vault_keys_parse (GBytes  *bytes,
                            GError **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  g_autoptr(GPtrArray) keys = NULL;

  if (length < 2 || data[0] != KEYS_FORMAT_VERSION || data[1] > KEYS_MAX
      || length != 2 + (gsize) data[1] * (1 + VAULT_KEY_BYTES))
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                           "The stored keys are damaged.");
      return NULL;
    }

  keys = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_vault_key_unref);
  for (guint i = 0; i < data[1]; i++)
    {
      const guint8 *entry = data + 2 + i * (1 + VAULT_KEY_BYTES);

      if (!key_kind_is_valid (entry[0]))
        {
          g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                               "The stored keys are damaged.");
          return NULL;
        }
      g_ptr_array_add (keys, closeness_vault_key_new_from_bytes (entry[0], entry + 1));
    }

  return g_steal_pointer (&keys);
}

/* The associated data of a wrapped key: domain, header and context. */
static void
wrap_associated_data (GByteArray   *ad,
                      const guint8 *header,
                      const char   *context)
{
  static const char domain[] = VAULT_DOMAIN_KEY_WRAP;

  g_byte_array_append (ad, (const guint8 *) domain, sizeof domain);
  g_byte_array_append (ad, header, WRAP_HEADER);
  g_byte_array_append (ad, (const guint8 *) context, strlen (context) + 1);
}

/* version (1) | kind (1) | wrapping key id (8) | nonce (24) | AEAD (key) */
GBytes *
closeness_vault_key_wrap (ClosenessVaultKey *key,
                          ClosenessVaultKey *wrapping_key,
                          const char        *context)
{
  g_autoptr(GByteArray) ad = NULL;
  unsigned long long ciphertext_length;
  guint8 *out;

  g_return_val_if_fail (key != NULL && wrapping_key != NULL && context != NULL, NULL);

  ad = g_byte_array_new ();
  out = g_malloc (WRAP_LENGTH);
  out[0] = WRAP_FORMAT_VERSION;
  out[1] = key->kind;
  memcpy (out + 2, wrapping_key->raw_id, VAULT_KEY_ID_BYTES);
  randombytes_buf (out + 2 + VAULT_KEY_ID_BYTES, VAULT_AEAD_NONCE);
  wrap_associated_data (ad, out, context);

  crypto_aead_xchacha20poly1305_ietf_encrypt (out + WRAP_HEADER, &ciphertext_length,
                                              key->bytes, VAULT_KEY_BYTES,
                                              ad->data, ad->len, NULL,
                                              out + 2 + VAULT_KEY_ID_BYTES, wrapping_key->bytes);
  g_assert (ciphertext_length == VAULT_KEY_BYTES + VAULT_AEAD_TAG);

  return g_bytes_new_take (out, WRAP_LENGTH);
}

ClosenessVaultKey *
closeness_vault_key_unwrap (GBytes             *wrapped,
                            ClosenessVaultKey  *wrapping_key,
                            const char         *context,
                            GError            **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (wrapped, &length);
  g_autoptr(GByteArray) ad = g_byte_array_new ();
  guint8 *key_bytes;
  ClosenessVaultKey *key = NULL;

  g_return_val_if_fail (wrapping_key != NULL && context != NULL, NULL);

  if (length < 1 || (data[0] == WRAP_FORMAT_VERSION && length != WRAP_LENGTH))
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                           "The sealed key is cut short or garbled.");
      return NULL;
    }
  if (data[0] != WRAP_FORMAT_VERSION)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_UNSUPPORTED,
                           "The key was sealed by a newer version of Closeness.");
      return NULL;
    }
  if (memcmp (data + 2, wrapping_key->raw_id, VAULT_KEY_ID_BYTES) != 0)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_WRONG_KEY,
                           "The key was sealed with a key this device does not hold.");
      return NULL;
    }

  wrap_associated_data (ad, data, context);
  key_bytes = closeness_vault_secure_alloc (VAULT_KEY_BYTES);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (key_bytes, NULL, NULL,
                                                  data + WRAP_HEADER, length - WRAP_HEADER,
                                                  ad->data, ad->len,
                                                  data + 2 + VAULT_KEY_ID_BYTES,
                                                  wrapping_key->bytes) != 0)
    g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_TAMPERED,
                         "The sealed key was changed, or belongs to another item.");
  else if (!key_kind_is_valid (data[1]))
    g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                         "The sealed key is of an unknown kind.");
  else
    key = closeness_vault_key_new_from_bytes (data[1], key_bytes);

  sodium_free (key_bytes);
  return key;
}
