/* closeness-vault-private.h: what the parts of the vault share
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sodium.h>

#include "closeness-vault.h"

G_BEGIN_DECLS

#define VAULT_KEY_BYTES    32
#define VAULT_KEY_ID_BYTES 8
#define VAULT_SIGN_PK      crypto_sign_PUBLICKEYBYTES
#define VAULT_SIGNATURE    crypto_sign_BYTES
#define VAULT_AEAD_NONCE   crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define VAULT_AEAD_TAG     crypto_aead_xchacha20poly1305_ietf_ABYTES

/* Every signature and every associated data starts with one of these
 * (NUL included), so nothing signed or sealed for one purpose can pass for
 * another. */
#define VAULT_DOMAIN_DEVICE      "closeness device v1"
#define VAULT_DOMAIN_DEVICE_ID   "closeness device id v1"
#define VAULT_DOMAIN_FINGERPRINT "closeness fingerprint v1"
#define VAULT_DOMAIN_KEY_ID      "closeness key id v1"
#define VAULT_DOMAIN_KEY_WRAP    "closeness key wrap v1"
#define VAULT_DOMAIN_KEY_GRANT   "closeness key grant v1"
#define VAULT_DOMAIN_RECORD      "closeness record v1"
#define VAULT_DOMAIN_RECOVERY    "closeness recovery v1"
#define VAULT_DOMAIN_ANSWER      "closeness answer v1"
#define VAULT_DOMAIN_ANSWER_KEY  "closeness answer key commitment v1"

void                  closeness_vault_ensure_init          (void);

/* Guarded memory (sodium_malloc); aborts when memory runs out, like g_malloc. */
gpointer              closeness_vault_secure_alloc         (gsize                  size);
/* GBytes in guarded memory: for keys that live long (the Secret Service's
 * copy, the recovery bundle). */
GBytes               *closeness_vault_secure_bytes_new     (gsize                  size,
                                                            guint8               **data);
/* GBytes in ordinary memory that is wiped when freed: for record plaintext,
 * which is short-lived but intimate. */
GBytes               *closeness_vault_wiped_bytes_new      (gsize                  size,
                                                            guint8               **data);

ClosenessVaultKey    *closeness_vault_key_new_from_bytes   (ClosenessVaultKeyKind  kind,
                                                            const guint8          *bytes);
const guint8         *closeness_vault_key_get_bytes        (ClosenessVaultKey     *key);
const guint8         *closeness_vault_key_get_raw_id       (ClosenessVaultKey     *key);

const guint8         *closeness_vault_device_get_sign_public (ClosenessVaultDevice *device);
ClosenessVaultDevice *closeness_vault_find_device          (GPtrArray             *known_devices,
                                                            const guint8          *sign_public);

/* Ed25519ph signatures with a domain: streamed, so a large record is never
 * copied to be signed. */
void                  closeness_vault_sign                 (ClosenessVaultDevice  *device,
                                                            const char            *domain,
                                                            const guint8          *data,
                                                            gsize                  length,
                                                            guint8                *signature);
gboolean              closeness_vault_verify               (const guint8          *sign_public,
                                                            const char            *domain,
                                                            const guint8          *data,
                                                            gsize                  length,
                                                            const guint8          *signature);

/* Padding to the size buckets (256 B, 1 KiB, 4 KiB, then eight steps
 * between powers of two up to VAULT_MAX_PADDED), in memory wiped when
 * freed. */
#define VAULT_MAX_PADDED (1024 * 1024)

gsize                 closeness_vault_padded_size          (gsize                  length);
GBytes               *closeness_vault_pad                  (GBytes                *plaintext,
                                                            GError               **error);
GBytes               *closeness_vault_unpad                (const guint8          *padded,
                                                            gsize                  length,
                                                            GError               **error);

/* Big-endian integers in the formats. */
void                  closeness_vault_put_u64              (guint8                *out,
                                                            guint64                value);
guint64               closeness_vault_get_u64              (const guint8          *in);

G_END_DECLS
