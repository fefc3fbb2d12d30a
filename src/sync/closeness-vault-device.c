/* closeness-vault-device.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A device's identity: an Ed25519 key pair that signs everything the device
 * writes and an X25519 key pair that keys are sealed to. The secret half
 * goes to the Secret Service; the public half, signed by its own signing
 * key, goes to the server for the couple's other devices. A person checks a
 * new device by its fingerprint before any key is granted to it.
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <string.h>

#include "closeness-vault-private.h"

#define DEVICE_FORMAT_VERSION 1
#define BOX_PK                crypto_box_PUBLICKEYBYTES
#define BOX_SK                crypto_box_SECRETKEYBYTES
#define SIGN_SEED             crypto_sign_SEEDBYTES
#define ID_BYTES              8

/* version (1) | signing seed (32) | box secret key (32) */
#define SECRET_LENGTH         (1 + SIGN_SEED + BOX_SK)
/* version (1) | signing public key (32) | box public key (32) | self-signature (64) */
#define PUBLIC_SIGNED         (1 + VAULT_SIGN_PK + BOX_PK)
#define PUBLIC_LENGTH         (PUBLIC_SIGNED + VAULT_SIGNATURE)

/* The fingerprint: 6 groups of 4 decimal digits, each group from 5 bytes
 * (40 bits) of a hash, reduced mod 10000 (a bias below 1e-8). */
#define FINGERPRINT_GROUPS      6
#define FINGERPRINT_GROUP_BYTES 5

#define KEY_GRANT_VERSION       1
/* kind (1) | key (32), sealed anonymously to the recipient's box key */
#define GRANT_SEALED            (crypto_box_SEALBYTES + 1 + VAULT_KEY_BYTES)
/* version (1) | granter's signing key (32) | recipient id (8) | sealed | signature (64) */
#define GRANT_SIGNED            (1 + VAULT_SIGN_PK + ID_BYTES + GRANT_SEALED)
#define GRANT_LENGTH            (GRANT_SIGNED + VAULT_SIGNATURE)

typedef struct
{
  guint8 sign_seed[SIGN_SEED];
  guint8 sign_sk[crypto_sign_SECRETKEYBYTES];
  guint8 box_sk[BOX_SK];
} DeviceSecret;

struct _ClosenessVaultDevice
{
  gatomicrefcount  ref_count;
  guint8           sign_pk[VAULT_SIGN_PK];
  guint8           box_pk[BOX_PK];
  guint64          id;
  GBytes          *public_part;
  DeviceSecret    *secret;        /* guarded memory; NULL for another device */
};

G_DEFINE_BOXED_TYPE (ClosenessVaultDevice, closeness_vault_device,
                     closeness_vault_device_ref, closeness_vault_device_unref)

/* A hash of the domain (NUL included) and two parts. */
static void
hash_with_domain (guint8       *out,
                  gsize         out_length,
                  const char   *domain,
                  const guint8 *first,
                  gsize         first_length,
                  const guint8 *second,
                  gsize         second_length)
{
  crypto_generichash_state state;

  crypto_generichash_init (&state, NULL, 0, out_length);
  crypto_generichash_update (&state, (const guint8 *) domain, strlen (domain) + 1);
  crypto_generichash_update (&state, first, first_length);
  crypto_generichash_update (&state, second, second_length);
  crypto_generichash_final (&state, out, out_length);
}

static ClosenessVaultDevice *
device_new (const guint8 *sign_pk,
            const guint8 *box_pk)
{
  ClosenessVaultDevice *device = g_new0 (ClosenessVaultDevice, 1);
  guint8 id[ID_BYTES];

  g_atomic_ref_count_init (&device->ref_count);
  memcpy (device->sign_pk, sign_pk, VAULT_SIGN_PK);
  memcpy (device->box_pk, box_pk, BOX_PK);
  hash_with_domain (id, sizeof id, VAULT_DOMAIN_DEVICE_ID,
                    sign_pk, VAULT_SIGN_PK, box_pk, BOX_PK);
  device->id = closeness_vault_get_u64 (id);

  return device;
}

/* The public half, self-signed: the server cannot pair one device's
 * signing key with another box key. */
static void
device_make_public (ClosenessVaultDevice *device)
{
  guint8 *data = g_malloc (PUBLIC_LENGTH);

  data[0] = DEVICE_FORMAT_VERSION;
  memcpy (data + 1, device->sign_pk, VAULT_SIGN_PK);
  memcpy (data + 1 + VAULT_SIGN_PK, device->box_pk, BOX_PK);
  closeness_vault_sign (device, VAULT_DOMAIN_DEVICE, data, PUBLIC_SIGNED, data + PUBLIC_SIGNED);
  device->public_part = g_bytes_new_take (data, PUBLIC_LENGTH);
}

/* Fills in both key pairs from the signing seed and the box secret key. */
static ClosenessVaultDevice *
device_new_from_seed (const guint8 *sign_seed,
                      const guint8 *box_sk)
{
  DeviceSecret *secret = closeness_vault_secure_alloc (sizeof (DeviceSecret));
  guint8 sign_pk[VAULT_SIGN_PK];
  guint8 box_pk[BOX_PK];
  ClosenessVaultDevice *device;

  memcpy (secret->sign_seed, sign_seed, SIGN_SEED);
  memcpy (secret->box_sk, box_sk, BOX_SK);
  if (crypto_sign_seed_keypair (sign_pk, secret->sign_sk, secret->sign_seed) != 0
      || crypto_scalarmult_base (box_pk, secret->box_sk) != 0)
    g_error ("%s: deriving a device's key pairs failed", G_STRLOC);

  device = device_new (sign_pk, box_pk);
  device->secret = secret;
  device_make_public (device);

  return device;
}

/* A new device identity, made once per installation. */
ClosenessVaultDevice *
closeness_vault_device_generate (void)
{
  guint8 *seeds = closeness_vault_secure_alloc (SIGN_SEED + BOX_SK);
  ClosenessVaultDevice *device;

  randombytes_buf (seeds, SIGN_SEED + BOX_SK);
  device = device_new_from_seed (seeds, seeds + SIGN_SEED);
  sodium_free (seeds);

  return device;
}

ClosenessVaultDevice *
closeness_vault_device_new_from_secret (GBytes  *secret,
                                        GError **error)
{
  gsize length;
  const guint8 *data;

  g_return_val_if_fail (secret != NULL, NULL);

  closeness_vault_ensure_init ();
  data = g_bytes_get_data (secret, &length);
  if (length != SECRET_LENGTH || data[0] != DEVICE_FORMAT_VERSION)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                           "This device's stored keys are damaged.");
      return NULL;
    }

  return device_new_from_seed (data + 1, data + 1 + SIGN_SEED);
}

ClosenessVaultDevice *
closeness_vault_device_new_from_public (GBytes  *public_part,
                                        GError **error)
{
  gsize length;
  const guint8 *data;
  ClosenessVaultDevice *device;

  g_return_val_if_fail (public_part != NULL, NULL);

  closeness_vault_ensure_init ();
  data = g_bytes_get_data (public_part, &length);
  if (length != PUBLIC_LENGTH)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                           "A device's public keys are cut short or garbled.");
      return NULL;
    }
  if (!closeness_vault_verify (data + 1, VAULT_DOMAIN_DEVICE, data, PUBLIC_SIGNED,
                               data + PUBLIC_SIGNED))
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_TAMPERED,
                           "A device's public keys do not carry their own valid signature.");
      return NULL;
    }
  if (data[0] != DEVICE_FORMAT_VERSION)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_UNSUPPORTED,
                           "A device uses a newer version of Closeness.");
      return NULL;
    }

  device = device_new (data + 1, data + 1 + VAULT_SIGN_PK);
  device->public_part = g_bytes_ref (public_part);

  return device;
}

ClosenessVaultDevice *
closeness_vault_device_ref (ClosenessVaultDevice *device)
{
  g_return_val_if_fail (device != NULL, NULL);

  g_atomic_ref_count_inc (&device->ref_count);
  return device;
}

void
closeness_vault_device_unref (ClosenessVaultDevice *device)
{
  g_return_if_fail (device != NULL);

  if (g_atomic_ref_count_dec (&device->ref_count))
    {
      g_clear_pointer (&device->secret, sodium_free);
      g_bytes_unref (device->public_part);
      g_free (device);
    }
}

gboolean
closeness_vault_device_has_secret (ClosenessVaultDevice *device)
{
  return device->secret != NULL;
}

/* The secret half for the Secret Service, in guarded memory. */
GBytes *
closeness_vault_device_dup_secret (ClosenessVaultDevice *device)
{
  guint8 *data;
  GBytes *bytes;

  g_return_val_if_fail (device->secret != NULL, NULL);

  bytes = closeness_vault_secure_bytes_new (SECRET_LENGTH, &data);
  data[0] = DEVICE_FORMAT_VERSION;
  memcpy (data + 1, device->secret->sign_seed, SIGN_SEED);
  memcpy (data + 1 + SIGN_SEED, device->secret->box_sk, BOX_SK);

  return bytes;
}

/* The public half for the server (129 bytes). */
GBytes *
closeness_vault_device_get_public (ClosenessVaultDevice *device)
{
  return device->public_part;
}

/* 64 bits of a hash of both public keys: names the writer of a version
 * (closeness_hlc) and the recipient of a key. Not a security check: every
 * check verifies the full public key. */
guint64
closeness_vault_device_get_id (ClosenessVaultDevice *device)
{
  return device->id;
}

gboolean
closeness_vault_device_equal (ClosenessVaultDevice *a,
                              ClosenessVaultDevice *b)
{
  return memcmp (a->sign_pk, b->sign_pk, VAULT_SIGN_PK) == 0
         && memcmp (a->box_pk, b->box_pk, BOX_PK) == 0;
}

const guint8 *
closeness_vault_device_get_sign_public (ClosenessVaultDevice *device)
{
  return device->sign_pk;
}

ClosenessVaultDevice *
closeness_vault_find_device (GPtrArray    *known_devices,
                             const guint8 *sign_public)
{
  for (guint i = 0; known_devices != NULL && i < known_devices->len; i++)
    {
      ClosenessVaultDevice *device = g_ptr_array_index (known_devices, i);

      if (memcmp (device->sign_pk, sign_public, VAULT_SIGN_PK) == 0)
        return device;
    }

  return NULL;
}

/**
 * closeness_vault_device_dup_fingerprint:
 *
 * What two people compare by eye before a device joins:
 * "4821 0937 5512 7730 1186 2049", 24 decimal digits from a hash of both
 * public keys, that is log2(10^24) ≈ 79.7 bits.
 *
 * That is enough because the attacker (a server that swaps in its own keys)
 * has to find keys whose fingerprint equals that of one given device: a
 * second preimage, about 2^79 hashes, to be done in the minutes between the
 * device appearing and the comparison. No birthday shortcut applies, since
 * the attacker cannot choose the honest device's keys. Fewer digits (say
 * 12, 40 bits) could be searched on a GPU in that time; more would make
 * people skip the comparison.
 */
char *
closeness_vault_device_dup_fingerprint (ClosenessVaultDevice *device)
{
  guint8 hash[FINGERPRINT_GROUPS * FINGERPRINT_GROUP_BYTES];
  GString *text = g_string_sized_new (FINGERPRINT_GROUPS * 5);

  hash_with_domain (hash, sizeof hash, VAULT_DOMAIN_FINGERPRINT,
                    device->sign_pk, VAULT_SIGN_PK, device->box_pk, BOX_PK);
  for (guint group = 0; group < FINGERPRINT_GROUPS; group++)
    {
      guint64 value = 0;

      for (guint i = 0; i < FINGERPRINT_GROUP_BYTES; i++)
        value = (value << 8) | hash[group * FINGERPRINT_GROUP_BYTES + i];
      g_string_append_printf (text, "%s%04u", group > 0 ? " " : "", (guint) (value % 10000));
    }

  return g_string_free (text, FALSE);
}

void
closeness_vault_sign (ClosenessVaultDevice *device,
                      const char           *domain,
                      const guint8         *data,
                      gsize                 length,
                      guint8               *signature)
{
  crypto_sign_state state;

  g_return_if_fail (device->secret != NULL);

  crypto_sign_init (&state);
  crypto_sign_update (&state, (const guint8 *) domain, strlen (domain) + 1);
  crypto_sign_update (&state, data, length);
  if (crypto_sign_final_create (&state, signature, NULL, device->secret->sign_sk) != 0)
    g_error ("%s: signing failed", G_STRLOC);
}

gboolean
closeness_vault_verify (const guint8 *sign_public,
                        const char   *domain,
                        const guint8 *data,
                        gsize         length,
                        const guint8 *signature)
{
  crypto_sign_state state;
  guint8 copy[VAULT_SIGNATURE];

  crypto_sign_init (&state);
  crypto_sign_update (&state, (const guint8 *) domain, strlen (domain) + 1);
  crypto_sign_update (&state, data, length);
  /* Copied: final_verify takes a non-const pointer. */
  memcpy (copy, signature, VAULT_SIGNATURE);
  return crypto_sign_final_verify (&state, copy, sign_public) == 0;
}

/* ---- Key grants ---------------------------------------------------------- */

/**
 * closeness_vault_key_seal_to_device:
 * @key: the couple key (for a device that joins) or a personal key
 * @recipient: the device that gets it (public half is enough)
 * @granter: this device, which signs the grant
 *
 * Seals @key to @recipient's box key (crypto_box_seal) and signs the result,
 * so the recipient can tell a key from the couple's devices from a key the
 * server made up. Give a key only to a device whose fingerprint was compared.
 */
GBytes *
closeness_vault_key_seal_to_device (ClosenessVaultKey    *key,
                                    ClosenessVaultDevice *recipient,
                                    ClosenessVaultDevice *granter)
{
  guint8 *plain;
  guint8 *out;

  g_return_val_if_fail (key != NULL && recipient != NULL, NULL);
  g_return_val_if_fail (granter != NULL && granter->secret != NULL, NULL);

  out = g_malloc (GRANT_LENGTH);
  out[0] = KEY_GRANT_VERSION;
  memcpy (out + 1, granter->sign_pk, VAULT_SIGN_PK);
  closeness_vault_put_u64 (out + 1 + VAULT_SIGN_PK, recipient->id);

  plain = closeness_vault_secure_alloc (1 + VAULT_KEY_BYTES);
  plain[0] = closeness_vault_key_get_kind (key);
  memcpy (plain + 1, closeness_vault_key_get_bytes (key), VAULT_KEY_BYTES);
  if (crypto_box_seal (out + 1 + VAULT_SIGN_PK + ID_BYTES, plain, 1 + VAULT_KEY_BYTES,
                       recipient->box_pk) != 0)
    g_error ("%s: sealing a key failed", G_STRLOC);
  sodium_free (plain);

  closeness_vault_sign (granter, VAULT_DOMAIN_KEY_GRANT, out, GRANT_SIGNED, out + GRANT_SIGNED);

  return g_bytes_new_take (out, GRANT_LENGTH);
}

ClosenessVaultKey *
closeness_vault_key_open_from_device (GBytes                *sealed,
                                      ClosenessVaultDevice  *recipient,
                                      GPtrArray             *known_devices,
                                      GError               **error)
{
  gsize length;
  const guint8 *data;
  guint8 *plain;
  ClosenessVaultKey *key = NULL;

  g_return_val_if_fail (sealed != NULL, NULL);
  g_return_val_if_fail (recipient != NULL && recipient->secret != NULL, NULL);

  closeness_vault_ensure_init ();
  data = g_bytes_get_data (sealed, &length);
  if (length < 1 + VAULT_SIGN_PK + VAULT_SIGNATURE)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                           "The key for this device is cut short or garbled.");
      return NULL;
    }
  /* The signature first: then any changed byte is TAMPERED, whatever it is. */
  if (!closeness_vault_verify (data + 1, VAULT_DOMAIN_KEY_GRANT,
                               data, length - VAULT_SIGNATURE, data + length - VAULT_SIGNATURE))
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_TAMPERED,
                           "The key for this device was changed on the way.");
      return NULL;
    }
  if (data[0] != KEY_GRANT_VERSION)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_UNSUPPORTED,
                           "The key for this device was sealed by a newer version of Closeness.");
      return NULL;
    }
  if (length != GRANT_LENGTH)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                           "The key for this device is cut short or garbled.");
      return NULL;
    }
  if (closeness_vault_find_device (known_devices, data + 1) == NULL)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_UNKNOWN_DEVICE,
                           "The key for this device was granted by a device that is not "
                           "one of the couple's.");
      return NULL;
    }
  if (closeness_vault_get_u64 (data + 1 + VAULT_SIGN_PK) != recipient->id)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_WRONG_KEY,
                           "The key was sealed for another device.");
      return NULL;
    }

  plain = closeness_vault_secure_alloc (1 + VAULT_KEY_BYTES);
  if (crypto_box_seal_open (plain, data + 1 + VAULT_SIGN_PK + ID_BYTES, GRANT_SEALED,
                            recipient->box_pk, recipient->secret->box_sk) != 0)
    g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_WRONG_KEY,
                         "The key was sealed for another device.");
  else if (plain[0] != CLOSENESS_VAULT_KEY_COUPLE && plain[0] != CLOSENESS_VAULT_KEY_PERSONAL)
    g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                         "The key for this device is of an unknown kind.");
  else
    key = closeness_vault_key_new_from_bytes (plain[0], plain + 1);
  sodium_free (plain);

  return key;
}
