/* closeness-vault.h: the end-to-end encryption of couple sync (keys, devices, items)
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GLib and libsodium only: no GTK, no network, no store. docs/SYNC.md
 * ("End-to-end encryption") describes the key hierarchy and every format.
 * Error messages are plain English for the log and the caller; they never
 * contain anything a record holds.
 */

#pragma once

#include <glib-object.h>

#include "closeness-hlc.h"

G_BEGIN_DECLS

#define CLOSENESS_VAULT_ERROR (closeness_vault_error_quark ())

typedef enum
{
  CLOSENESS_VAULT_ERROR_MALFORMED,      /* not what the vault writes: cut short, garbled */
  CLOSENESS_VAULT_ERROR_TOO_LARGE,      /* larger than the vault accepts */
  CLOSENESS_VAULT_ERROR_UNSUPPORTED,    /* a genuine item in a newer Closeness's format */
  CLOSENESS_VAULT_ERROR_TAMPERED,       /* changed after it was written: a bad signature */
  CLOSENESS_VAULT_ERROR_UNKNOWN_DEVICE, /* signed by a device that is not the couple's */
  CLOSENESS_VAULT_ERROR_WRONG_KEY,      /* sealed with a key not given (an old or foreign key) */
  CLOSENESS_VAULT_ERROR_MISPLACED,      /* a genuine item moved to another item's place */
  CLOSENESS_VAULT_ERROR_REPLAYED,       /* not newer than the version already applied */
  CLOSENESS_VAULT_ERROR_WRONG_CODE,     /* the recovery code does not open the keys */
  CLOSENESS_VAULT_ERROR_FAILED,         /* libsodium failed (out of memory) */
} ClosenessVaultError;

GQuark closeness_vault_error_quark (void);

/* The largest record plaintext; larger records are refused (TOO_LARGE).
 * Its version (10 bytes) and at least one byte of padding share the
 * largest bucket, 1 MiB, with it. */
#define CLOSENESS_VAULT_MAX_RECORD (1024 * 1024 - 11)

/* ---- Keys ---------------------------------------------------------------- */

typedef enum
{
  CLOSENESS_VAULT_KEY_COUPLE = 1,   /* seals what both partners read */
  CLOSENESS_VAULT_KEY_PERSONAL = 2, /* one partner's own: private self-care, unrevealed answers */
  CLOSENESS_VAULT_KEY_ANSWER = 3,   /* one answer's key, published when both have answered */
} ClosenessVaultKeyKind;

/* A 32-byte symmetric key in guarded memory, wiped when the last
 * reference goes. Its id (16 lowercase hex digits, a keyed hash) names the
 * key generation that sealed an item without saying anything about it. */
typedef struct _ClosenessVaultKey ClosenessVaultKey;

#define CLOSENESS_TYPE_VAULT_KEY (closeness_vault_key_get_type ())

GType                  closeness_vault_key_get_type   (void) G_GNUC_CONST;
ClosenessVaultKey     *closeness_vault_key_new_random (ClosenessVaultKeyKind    kind);
ClosenessVaultKey     *closeness_vault_key_ref        (ClosenessVaultKey       *key);
void                   closeness_vault_key_unref      (ClosenessVaultKey       *key);
ClosenessVaultKeyKind  closeness_vault_key_get_kind   (ClosenessVaultKey       *key);
const char            *closeness_vault_key_get_id     (ClosenessVaultKey       *key);
gboolean               closeness_vault_key_equal      (ClosenessVaultKey       *a,
                                                       ClosenessVaultKey       *b);

/* Several keys as one secret blob, for the Secret Service and the recovery
 * copy. The bytes are in guarded memory. */
GBytes                *closeness_vault_keys_serialize (GPtrArray               *keys);
GPtrArray             *closeness_vault_keys_parse     (GBytes                  *bytes,
                                                       GError                 **error);

/* One key sealed under another (an answer key under the couple key, for
 * publication); @context (the item's uid) is bound to it. */
GBytes                *closeness_vault_key_wrap       (ClosenessVaultKey       *key,
                                                       ClosenessVaultKey       *wrapping_key,
                                                       const char              *context);
ClosenessVaultKey     *closeness_vault_key_unwrap     (GBytes                  *wrapped,
                                                       ClosenessVaultKey       *wrapping_key,
                                                       const char              *context,
                                                       GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClosenessVaultKey, closeness_vault_key_unref)

/* ---- Devices ------------------------------------------------------------- */

/* A device's signing (Ed25519) and encryption (X25519) key pairs, or only
 * their public halves for the couple's other devices. */
typedef struct _ClosenessVaultDevice ClosenessVaultDevice;

#define CLOSENESS_TYPE_VAULT_DEVICE (closeness_vault_device_get_type ())

GType                 closeness_vault_device_get_type        (void) G_GNUC_CONST;
ClosenessVaultDevice *closeness_vault_device_generate        (void);
ClosenessVaultDevice *closeness_vault_device_new_from_secret (GBytes                *secret,
                                                              GError               **error);
ClosenessVaultDevice *closeness_vault_device_new_from_public (GBytes                *public_part,
                                                              GError               **error);
ClosenessVaultDevice *closeness_vault_device_ref             (ClosenessVaultDevice  *device);
void                  closeness_vault_device_unref           (ClosenessVaultDevice  *device);
gboolean              closeness_vault_device_has_secret      (ClosenessVaultDevice  *device);
GBytes               *closeness_vault_device_dup_secret      (ClosenessVaultDevice  *device);
GBytes               *closeness_vault_device_get_public      (ClosenessVaultDevice  *device);
guint64               closeness_vault_device_get_id          (ClosenessVaultDevice  *device);
char                 *closeness_vault_device_dup_fingerprint (ClosenessVaultDevice  *device);
gboolean              closeness_vault_device_equal           (ClosenessVaultDevice  *a,
                                                              ClosenessVaultDevice  *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClosenessVaultDevice, closeness_vault_device_unref)

/* A key for one device only (the couple key for a device that joins, the
 * personal key for a partner's own devices), signed by the device that
 * grants it. @known_devices holds ClosenessVaultDevice: the grant is
 * refused unless its signer is one of them. */
GBytes               *closeness_vault_key_seal_to_device     (ClosenessVaultKey     *key,
                                                              ClosenessVaultDevice  *recipient,
                                                              ClosenessVaultDevice  *granter);
ClosenessVaultKey    *closeness_vault_key_open_from_device   (GBytes                *sealed,
                                                              ClosenessVaultDevice  *recipient,
                                                              GPtrArray             *known_devices,
                                                              GError               **error);

/* ---- Items --------------------------------------------------------------- */

/* The CalDAV UID of a record: 32 lowercase hex digits, a keyed hash of
 * @kind and @stable_id under a sub-key of @key, so the server learns
 * neither and a device without the key cannot tell two items apart. */
char                 *closeness_vault_item_uid               (ClosenessVaultKey     *key,
                                                              const char            *kind,
                                                              const char            *stable_id);

/* The size of the envelope of a record of @length bytes: the same for
 * every length within a bucket; 0 for a record too large. */
gsize                 closeness_vault_envelope_size          (gsize                  length);

GBytes               *closeness_vault_record_seal            (GBytes                *plaintext,
                                                              const char            *kind,
                                                              const char            *uid,
                                                              const ClosenessHlc    *version,
                                                              ClosenessVaultDevice  *writer,
                                                              ClosenessVaultKey     *key,
                                                              GError               **error);
GBytes               *closeness_vault_record_open            (GBytes                *envelope,
                                                              const char            *kind,
                                                              const char            *uid,
                                                              const ClosenessHlc    *last_applied,
                                                              GPtrArray             *known_devices,
                                                              ClosenessVaultKey     *key,
                                                              ClosenessHlc          *version,
                                                              GError               **error);
/* What an envelope says about itself before it is opened (the key id picks
 * the key generation); nothing here is verified yet. */
char                 *closeness_vault_record_peek_key_id     (GBytes                *envelope,
                                                              GError               **error);

/* The envelope in a VJOURNAL that any CalDAV server takes, and back. */
char                 *closeness_vault_item_to_ics            (const char            *uid,
                                                              GBytes                *envelope);
gboolean              closeness_vault_item_from_ics          (const char            *ics,
                                                              gsize                  length,
                                                              char                 **uid,
                                                              GBytes               **envelope,
                                                              GError               **error);

/* ---- Recovery ------------------------------------------------------------ */

/* 24 characters of Crockford's base32 in six groups of four
 * ("7KQ4-M2ZD-…"), the last one a check character. */
char                 *closeness_vault_recovery_code_generate  (void);
char                 *closeness_vault_recovery_code_normalize (const char            *typed,
                                                               GError               **error);
GBytes               *closeness_vault_recovery_wrap           (const char            *code,
                                                               GBytes                *secret,
                                                               GError               **error);
GBytes               *closeness_vault_recovery_unwrap         (const char            *code,
                                                               GBytes                *wrapped,
                                                               GError               **error);

/* ---- Reveal together ----------------------------------------------------- */

/* An answer sealed under a fresh key: the commitment is uploaded at once,
 * the key only once the partner's commitment to the same question is seen.
 * @context (the question's item uid) is bound to the commitment. */
GBytes               *closeness_vault_commit_answer          (GBytes                *answer,
                                                              const char            *context,
                                                              ClosenessVaultKey    **answer_key,
                                                              GError               **error);
GBytes               *closeness_vault_open_answer            (GBytes                *commitment,
                                                              const char            *context,
                                                              ClosenessVaultKey     *answer_key,
                                                              GError               **error);

G_END_DECLS
