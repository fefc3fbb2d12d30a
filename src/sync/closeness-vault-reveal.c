/* closeness-vault-reveal.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Reveal together": each answer is sealed under a fresh key and the sealed
 * answer (the commitment) is uploaded at once; a device publishes the
 * answer's key (closeness_vault_key_wrap() under the couple key, inside a
 * signed record) only once it has seen the partner's commitment to the
 * same question. Neither can read the other's answer first, nor change
 * their own after seeing the other's.
 *
 * The second half needs more than the AEAD: Poly1305 is not key-committing,
 * so someone who chooses both keys can build one ciphertext that opens
 * validly under two keys to two different answers ("invisible
 * salamanders"), and publish whichever key suits once the partner's answer
 * is known. The commitment therefore carries a keyed BLAKE2b hash of the
 * answer key; a key whose hash differs is refused before decryption, and
 * finding a second key with the same 256-bit hash is out of reach.
 *
 * Commitment, format 1: version (1) | key commitment (32) | nonce (24) |
 * AEAD (padded answer); associated data: the domain, the header and the
 * context (the question's uid), so a commitment cannot be moved to
 * another question.
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <string.h>

#include "closeness-vault-private.h"

#define COMMITMENT_VERSION 1
#define KEY_COMMITMENT     32
#define OFFSET_NONCE       (1 + KEY_COMMITMENT)
#define COMMITMENT_HEADER  (OFFSET_NONCE + VAULT_AEAD_NONCE)

static void
commit_to_key (ClosenessVaultKey *key,
               guint8            *out)
{
  static const char domain[] = VAULT_DOMAIN_ANSWER_KEY;

  crypto_generichash (out, KEY_COMMITMENT, (const guint8 *) domain, sizeof domain,
                      closeness_vault_key_get_bytes (key), VAULT_KEY_BYTES);
}

static GByteArray *
answer_associated_data (const guint8 *header,
                        const char   *context)
{
  static const char domain[] = VAULT_DOMAIN_ANSWER;
  GByteArray *ad = g_byte_array_new ();

  g_byte_array_append (ad, (const guint8 *) domain, sizeof domain);
  g_byte_array_append (ad, header, COMMITMENT_HEADER);
  g_byte_array_append (ad, (const guint8 *) context, strlen (context) + 1);

  return ad;
}

/**
 * closeness_vault_commit_answer:
 * @answer: the answer, padded like a record
 * @context: the question's item uid
 * @answer_key: (out): the fresh key, to keep until both have answered
 *
 * Returns: (transfer full): the commitment, to upload now
 */
GBytes *
closeness_vault_commit_answer (GBytes             *answer,
                               const char         *context,
                               ClosenessVaultKey **answer_key,
                               GError            **error)
{
  g_autoptr(ClosenessVaultKey) key = NULL;
  g_autoptr(GBytes) padded = NULL;
  g_autoptr(GByteArray) ad = NULL;
  const guint8 *padded_data;
  gsize padded_length;
  unsigned long long ciphertext_length;
  guint8 *out;

  g_return_val_if_fail (answer != NULL && context != NULL && answer_key != NULL, NULL);

  padded = closeness_vault_pad (answer, error);
  if (padded == NULL)
    return NULL;
  padded_data = g_bytes_get_data (padded, &padded_length);

  key = closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_ANSWER);
  out = g_malloc (COMMITMENT_HEADER + padded_length + VAULT_AEAD_TAG);
  out[0] = COMMITMENT_VERSION;
  commit_to_key (key, out + 1);
  randombytes_buf (out + OFFSET_NONCE, VAULT_AEAD_NONCE);

  ad = answer_associated_data (out, context);
  crypto_aead_xchacha20poly1305_ietf_encrypt (out + COMMITMENT_HEADER, &ciphertext_length,
                                              padded_data, padded_length,
                                              ad->data, ad->len, NULL,
                                              out + OFFSET_NONCE,
                                              closeness_vault_key_get_bytes (key));

  *answer_key = g_steal_pointer (&key);
  return g_bytes_new_take (out, COMMITMENT_HEADER + ciphertext_length);
}

/**
 * closeness_vault_open_answer:
 * @commitment: the partner's (or one's own) commitment
 * @context: the question's item uid
 * @answer_key: the key published for it
 *
 * Returns: (transfer full): the answer; %NULL with WRONG_KEY for a key the
 *   commitment was not made with, TAMPERED for a changed or moved commitment
 */
GBytes *
closeness_vault_open_answer (GBytes             *commitment,
                             const char         *context,
                             ClosenessVaultKey  *answer_key,
                             GError            **error)
{
  gsize length;
  const guint8 *data;
  guint8 expected[KEY_COMMITMENT];
  g_autoptr(GByteArray) ad = NULL;
  g_autoptr(GBytes) padded = NULL;
  guint8 *padded_data;
  gsize padded_length;

  g_return_val_if_fail (commitment != NULL && context != NULL && answer_key != NULL, NULL);

  closeness_vault_ensure_init ();
  data = g_bytes_get_data (commitment, &length);
  if (length >= 1 && data[0] != COMMITMENT_VERSION)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_UNSUPPORTED,
                           "The answer was sealed by a newer version of Closeness.");
      return NULL;
    }
  if (length < COMMITMENT_HEADER + VAULT_AEAD_TAG + closeness_vault_padded_size (0)
      || length > COMMITMENT_HEADER + VAULT_AEAD_TAG + VAULT_MAX_PADDED)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                           "The sealed answer is cut short or garbled.");
      return NULL;
    }

  commit_to_key (answer_key, expected);
  if (sodium_memcmp (expected, data + 1, KEY_COMMITMENT) != 0)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_WRONG_KEY,
                           "The answer was not sealed with this key.");
      return NULL;
    }

  ad = answer_associated_data (data, context);
  padded_length = length - COMMITMENT_HEADER - VAULT_AEAD_TAG;
  padded = closeness_vault_wiped_bytes_new (padded_length, &padded_data);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (padded_data, NULL, NULL,
                                                  data + COMMITMENT_HEADER,
                                                  length - COMMITMENT_HEADER,
                                                  ad->data, ad->len,
                                                  data + OFFSET_NONCE,
                                                  closeness_vault_key_get_bytes (answer_key)) != 0)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_TAMPERED,
                           "The sealed answer was changed, or belongs to another question.");
      return NULL;
    }

  return closeness_vault_unpad (padded_data, padded_length, error);
}
