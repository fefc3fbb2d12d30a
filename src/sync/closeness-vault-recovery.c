/* closeness-vault-recovery.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The printable recovery code and the copy of the keys it opens, kept on
 * the server for a couple who lost every device.
 *
 * The code is 24 characters of Crockford's base32 (digits and capitals
 * without I, L, O, U) in six groups of four: 23 random characters (115 bits)
 * and a Luhn mod 32 check character, so a typo is caught at once and told
 * apart from a code that belongs to another copy. Characters rather than
 * words: they need no word list in every language, fit a small printed
 * box, and Crockford's alphabet forgives case and the look-alikes O/0, I/L/1.
 *
 * The copy: Argon2id (crypto_pwhash) turns the code into a key for
 * XChaCha20-Poly1305. 115 random bits cannot be searched, whatever the KDF
 * costs, so the KDF is a second wall (for a partly readable printout), and
 * the INTERACTIVE limits (2 passes, 64 MiB) are used: 0.14-0.23 s on the
 * development machine against 1.2-1.4 s and 256 MiB for MODERATE
 * (docs/SYNC.md has the figures).
 * The limits are written into the copy, so they can change later; a copy
 * asking for more than MODERATE's memory is refused, so a server cannot make
 * a device allocate without bound.
 *
 * Copy, format 1: version (1) | algorithm (1) | opslimit (4) | memlimit in
 * KiB (4) | salt (16) | nonce (24) | AEAD (secret); the header is the
 * associated data.
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <string.h>

#include "closeness-vault-private.h"

#define CODE_ALPHABET        "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
#define CODE_SYMBOLS         24
#define CODE_GROUP           4

#define RECOVERY_VERSION     1
#define RECOVERY_OPSLIMIT    crypto_pwhash_OPSLIMIT_INTERACTIVE
#define RECOVERY_MEMLIMIT    crypto_pwhash_MEMLIMIT_INTERACTIVE
#define RECOVERY_MAX_OPS     8
#define RECOVERY_MAX_MEMORY  crypto_pwhash_MEMLIMIT_MODERATE
#define RECOVERY_MAX_SECRET  (64 * 1024)
#define OFFSET_ALGORITHM     1
#define OFFSET_OPSLIMIT      2
#define OFFSET_MEMLIMIT      6
#define OFFSET_SALT          10
#define OFFSET_NONCE         (OFFSET_SALT + crypto_pwhash_SALTBYTES)
#define RECOVERY_HEADER      (OFFSET_NONCE + VAULT_AEAD_NONCE)

/* The value of a Crockford character as typed, or -1. */
static int
code_symbol_value (char c)
{
  const char *found;

  c = g_ascii_toupper (c);
  if (c == 'O')
    c = '0';
  else if (c == 'I' || c == 'L')
    c = '1';

  found = c != '\0' ? strchr (CODE_ALPHABET, c) : NULL;
  return found != NULL ? (int) (found - CODE_ALPHABET) : -1;
}

/* Luhn mod 32 over @values; @with_check says the last value is the check. */
static guint
luhn_sum (const guint8 *values,
          gsize         n_values,
          gboolean      with_check)
{
  guint factor = with_check ? 1 : 2;
  guint sum = 0;

  for (gsize i = n_values; i > 0; i--)
    {
      guint addend = factor * values[i - 1];

      factor = factor == 2 ? 1 : 2;
      sum += addend / 32 + addend % 32;
    }

  return sum % 32;
}

static char *
format_code (const guint8 *values)
{
  GString *code = g_string_sized_new (CODE_SYMBOLS + CODE_SYMBOLS / CODE_GROUP);

  for (guint i = 0; i < CODE_SYMBOLS; i++)
    {
      if (i > 0 && i % CODE_GROUP == 0)
        g_string_append_c (code, '-');
      g_string_append_c (code, CODE_ALPHABET[values[i]]);
    }

  return g_string_free (code, FALSE);
}

/* A new code, "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX", to print once. */
char *
closeness_vault_recovery_code_generate (void)
{
  guint8 values[CODE_SYMBOLS];
  char *code;

  closeness_vault_ensure_init ();
  for (guint i = 0; i < CODE_SYMBOLS - 1; i++)
    values[i] = randombytes_uniform (32);
  values[CODE_SYMBOLS - 1] = (32 - luhn_sum (values, CODE_SYMBOLS - 1, FALSE)) % 32;

  code = format_code (values);
  sodium_memzero (values, sizeof values);
  return code;
}

/**
 * closeness_vault_recovery_code_normalize:
 * @typed: a code as a person typed it: any case, spaces or dashes anywhere,
 *   O for 0 and I or L for 1
 *
 * Returns: the code in its printed form, or %NULL with MALFORMED when it is
 *   not 24 characters of the alphabet or its check character does not match
 */
char *
closeness_vault_recovery_code_normalize (const char  *typed,
                                         GError     **error)
{
  guint8 values[CODE_SYMBOLS];
  gsize n_values = 0;
  char *code = NULL;

  g_return_val_if_fail (typed != NULL, NULL);

  for (const char *p = typed; *p != '\0'; p++)
    {
      int value;

      if (*p == ' ' || *p == '-' || *p == '\t')
        continue;
      value = code_symbol_value (*p);
      if (value < 0 || n_values == CODE_SYMBOLS)
        {
          n_values = 0;
          break;
        }
      values[n_values++] = value;
    }

  if (n_values != CODE_SYMBOLS || luhn_sum (values, CODE_SYMBOLS, TRUE) != 0)
    g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                         "The recovery code is mistyped: check each group of four.");
  else
    code = format_code (values);

  sodium_memzero (values, sizeof values);
  return code;
}

/* The AEAD key from the code's canonical form, in guarded memory. */
static guint8 *
derive_key (const char          *code,
            const guint8        *salt,
            unsigned long long   opslimit,
            gsize                memlimit,
            GError             **error)
{
  g_autofree char *normalized = closeness_vault_recovery_code_normalize (code, error);
  guint8 *key;

  if (normalized == NULL)
    return NULL;

  key = closeness_vault_secure_alloc (VAULT_KEY_BYTES);
  if (crypto_pwhash (key, VAULT_KEY_BYTES, normalized, strlen (normalized), salt,
                     opslimit, memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      sodium_memzero (normalized, strlen (normalized));
      sodium_free (key);
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_FAILED,
                           "There is not enough memory to open the recovery copy.");
      return NULL;
    }

  sodium_memzero (normalized, strlen (normalized));
  return key;
}

static void
put_u32 (guint8  *out,
         guint32  value)
{
  out[0] = value >> 24;
  out[1] = (value >> 16) & 0xff;
  out[2] = (value >> 8) & 0xff;
  out[3] = value & 0xff;
}

static guint32
get_u32 (const guint8 *in)
{
  return ((guint32) in[0] << 24) | ((guint32) in[1] << 16) | ((guint32) in[2] << 8) | in[3];
}

/**
 * closeness_vault_recovery_wrap:
 * @code: the recovery code (as printed or as typed)
 * @secret: the keys to keep (closeness_vault_keys_serialize()), at most 64 KiB
 *
 * Returns: (transfer full): the copy for the server
 */
GBytes *
closeness_vault_recovery_wrap (const char  *code,
                               GBytes      *secret,
                               GError     **error)
{
  static const char domain[] = VAULT_DOMAIN_RECOVERY;
  gsize length;
  const guint8 *data;
  guint8 *out, *key;
  g_autoptr(GByteArray) ad = NULL;
  unsigned long long ciphertext_length;

  g_return_val_if_fail (code != NULL && secret != NULL, NULL);

  closeness_vault_ensure_init ();
  data = g_bytes_get_data (secret, &length);
  if (length > RECOVERY_MAX_SECRET)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_TOO_LARGE,
                           "The keys are too large for a recovery copy.");
      return NULL;
    }

  out = g_malloc (RECOVERY_HEADER + length + VAULT_AEAD_TAG);
  out[0] = RECOVERY_VERSION;
  out[OFFSET_ALGORITHM] = crypto_pwhash_ALG_ARGON2ID13;
  put_u32 (out + OFFSET_OPSLIMIT, RECOVERY_OPSLIMIT);
  put_u32 (out + OFFSET_MEMLIMIT, RECOVERY_MEMLIMIT / 1024);
  randombytes_buf (out + OFFSET_SALT, crypto_pwhash_SALTBYTES);
  randombytes_buf (out + OFFSET_NONCE, VAULT_AEAD_NONCE);

  key = derive_key (code, out + OFFSET_SALT, RECOVERY_OPSLIMIT, RECOVERY_MEMLIMIT, error);
  if (key == NULL)
    {
      g_free (out);
      return NULL;
    }

  ad = g_byte_array_new ();
  g_byte_array_append (ad, (const guint8 *) domain, sizeof domain);
  g_byte_array_append (ad, out, RECOVERY_HEADER);
  crypto_aead_xchacha20poly1305_ietf_encrypt (out + RECOVERY_HEADER, &ciphertext_length,
                                              data, length, ad->data, ad->len, NULL,
                                              out + OFFSET_NONCE, key);
  sodium_free (key);

  return g_bytes_new_take (out, RECOVERY_HEADER + ciphertext_length);
}

/**
 * closeness_vault_recovery_unwrap:
 * @code: the recovery code as typed
 * @wrapped: the copy from the server
 *
 * Returns: (transfer full): the keys, in guarded memory; %NULL with
 *   MALFORMED for a mistyped code, WRONG_CODE for a code that does not
 *   open this copy (or a copy that was changed)
 */
GBytes *
closeness_vault_recovery_unwrap (const char  *code,
                                 GBytes      *wrapped,
                                 GError     **error)
{
  static const char domain[] = VAULT_DOMAIN_RECOVERY;
  gsize length;
  const guint8 *data;
  guint32 opslimit, memlimit_kib;
  guint8 *key, *secret_data;
  g_autoptr(GByteArray) ad = NULL;
  g_autoptr(GBytes) secret = NULL;

  g_return_val_if_fail (code != NULL && wrapped != NULL, NULL);

  closeness_vault_ensure_init ();
  data = g_bytes_get_data (wrapped, &length);
  if (length < 1)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                           "The recovery copy is cut short.");
      return NULL;
    }
  if (data[0] != RECOVERY_VERSION)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_UNSUPPORTED,
                           "The recovery copy was made by a newer version of Closeness.");
      return NULL;
    }
  if (length < RECOVERY_HEADER + VAULT_AEAD_TAG
      || length > RECOVERY_HEADER + VAULT_AEAD_TAG + RECOVERY_MAX_SECRET)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                           "The recovery copy is cut short or garbled.");
      return NULL;
    }

  opslimit = get_u32 (data + OFFSET_OPSLIMIT);
  memlimit_kib = get_u32 (data + OFFSET_MEMLIMIT);
  if (data[OFFSET_ALGORITHM] != crypto_pwhash_ALG_ARGON2ID13
      || opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > RECOVERY_MAX_OPS
      || (gsize) memlimit_kib * 1024 < crypto_pwhash_MEMLIMIT_MIN
      || (gsize) memlimit_kib * 1024 > RECOVERY_MAX_MEMORY)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                           "The recovery copy asks for key derivation limits out of bounds.");
      return NULL;
    }

  key = derive_key (code, data + OFFSET_SALT, opslimit, (gsize) memlimit_kib * 1024, error);
  if (key == NULL)
    return NULL;

  ad = g_byte_array_new ();
  g_byte_array_append (ad, (const guint8 *) domain, sizeof domain);
  g_byte_array_append (ad, data, RECOVERY_HEADER);
  secret = closeness_vault_secure_bytes_new (length - RECOVERY_HEADER - VAULT_AEAD_TAG,
                                             &secret_data);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (secret_data, NULL, NULL,
                                                  data + RECOVERY_HEADER,
                                                  length - RECOVERY_HEADER,
                                                  ad->data, ad->len,
                                                  data + OFFSET_NONCE, key) != 0)
    {
      sodium_free (key);
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_WRONG_CODE,
                           "This recovery code does not open the recovery copy.");
      return NULL;
    }

  sodium_free (key);
  return g_steal_pointer (&secret);
}
