/* closeness-couple-sync-plaintext.h: the engine without encryption, for a benchmark only
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Included by closeness-couple-sync.c only when CLOSENESS_COUPLE_PLAINTEXT_BENCH
 * is defined, which only bench/sync/meson.build does, for the executable
 * that measures what the encryption costs ("encryption adds ≤ 10 % to the
 * plaintext time", issue 21). Items are framed as the vault frames them
 * (version in, version out, refused when not newer) but not sealed,
 * signed or padded; answers travel as their text.
 */

#pragma once

#include <string.h>

#include "sync/closeness-hlc.h"
#include "sync/closeness-vault.h"

static inline GBytes *
plaintext_record_seal (GBytes               *plaintext,
                       const ClosenessHlc   *version)
{
  GByteArray *out = g_byte_array_new ();
  guint8 head[18];

  for (guint i = 0; i < 8; i++)
    head[i] = (guint8) ((guint64) version->physical_ms >> (56 - 8 * i));
  head[8] = (guint8) (version->counter >> 8);
  head[9] = (guint8) version->counter;
  for (guint i = 0; i < 8; i++)
    head[10 + i] = (guint8) (version->device >> (56 - 8 * i));
  g_byte_array_append (out, head, sizeof head);
  g_byte_array_append (out, g_bytes_get_data (plaintext, NULL), g_bytes_get_size (plaintext));

  return g_byte_array_free_to_bytes (out);
}

static inline GBytes *
plaintext_record_open (GBytes              *envelope,
                       const ClosenessHlc  *last,
                       ClosenessHlc        *version,
                       GError             **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (envelope, &length);
  guint64 physical = 0, device = 0;

  if (length < 18)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                           "Cut short.");
      return NULL;
    }
  for (guint i = 0; i < 8; i++)
    {
      physical = (physical << 8) | data[i];
      device = (device << 8) | data[10 + i];
    }
  version->physical_ms = (gint64) physical;
  version->counter = (guint16) ((data[8] << 8) | data[9]);
  version->device = device;
  if (last != NULL && closeness_hlc_compare (version, last) <= 0)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_REPLAYED,
                           "Not newer.");
      return NULL;
    }

  return g_bytes_new_from_bytes (envelope, 18, length - 18);
}

#define closeness_vault_record_seal(plain, kind, uid, version, device, key, error) \
  plaintext_record_seal ((plain), (version))
#define closeness_vault_record_peek_key_id(envelope, error) \
  g_strdup ("plaintext")
#define closeness_vault_record_open(envelope, kind, uid, last, devices, key, version, error) \
  plaintext_record_open ((envelope), (last), (version), (error))
/* Answers: the "commitment" is the text; any key opens it. */
#define closeness_vault_commit_answer(plain, context, key_out, error) \
  (*(key_out) = closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_ANSWER), g_bytes_ref (plain))
#define closeness_vault_open_answer(commitment, context, key, error) \
  g_bytes_ref (commitment)
