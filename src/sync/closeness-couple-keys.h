/* closeness-couple-keys.h: the couple's devices and keys (pairing, device list, rotation, recovery)
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GLib and the vault only: no store, no network, no UI. Every call that
 * changes something returns the control items to upload (ClosenessControlItem);
 * every call that reads the server takes every control item the engine
 * found there, in any order. docs/SYNC.md ("Devices, pairing and recovery")
 * has the formats and the threat analysis.
 */

#pragma once

#include <glib-object.h>

#include "closeness-control-item.h"
#include "closeness-couple-keyring.h"
#include "closeness-vault.h"

G_BEGIN_DECLS

#define CLOSENESS_COUPLE_KEYS_ERROR (closeness_couple_keys_error_quark ())

typedef enum
{
  CLOSENESS_COUPLE_KEYS_ERROR_MALFORMED,        /* not what Closeness writes */
  CLOSENESS_COUPLE_KEYS_ERROR_TAMPERED,         /* a bad signature or a broken chain */
  CLOSENESS_COUPLE_KEYS_ERROR_FORBIDDEN,        /* signed by a device not allowed to do it */
  CLOSENESS_COUPLE_KEYS_ERROR_ROLLED_BACK,      /* the server dropped or changed entries seen
                                                   here */
  CLOSENESS_COUPLE_KEYS_ERROR_NOT_FOUND,        /* no such join request, grant or device */
  CLOSENESS_COUPLE_KEYS_ERROR_NOT_MEMBER,       /* this device has not joined, or was removed */
  CLOSENESS_COUPLE_KEYS_ERROR_KEY_MISSING,      /* a newer key is announced, not yet received */
  CLOSENESS_COUPLE_KEYS_ERROR_ROTATION_PENDING, /* a removal waits for a partner's device */
  CLOSENESS_COUPLE_KEYS_ERROR_UNSUPPORTED,      /* written by a newer Closeness */
} ClosenessCoupleKeysError;

GQuark closeness_couple_keys_error_quark (void);

/* Who uses a device: one partner, or both (a shared laptop). */
typedef enum
{
  CLOSENESS_DEVICE_PARTNER_FIRST = 0,
  CLOSENESS_DEVICE_PARTNER_SECOND = 1,
  CLOSENESS_DEVICE_PARTNER_BOTH = 2,
} ClosenessDevicePartner;

/* One line of `closeness --devices`. */
typedef struct
{
  guint64                 id;
  char                   *fingerprint;  /* "4821 0937 5512 7730 1186 2049" */
  char                   *name;         /* NULL until the device has named itself */
  ClosenessDevicePartner  partner;
  gboolean                is_this_device;
  gboolean                is_root;      /* the device that founded the couple */
  gboolean                has_personal_key; /* this device only: holds its partner's key */
} ClosenessCoupleDeviceInfo;

void closeness_couple_device_info_free (ClosenessCoupleDeviceInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClosenessCoupleDeviceInfo, closeness_couple_device_info_free)

#define CLOSENESS_TYPE_COUPLE_KEYS (closeness_couple_keys_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessCoupleKeys, closeness_couple_keys, CLOSENESS, COUPLE_KEYS, GObject)

/* ---- Founding and joining ------------------------------------------------ */

ClosenessCoupleKeys *closeness_couple_keys_found             (ClosenessDevicePartner   partner,
                                                              const char              *device_name,
                                                              GPtrArray              **items);
/* A new device: its key pairs and the join request to upload. */
ClosenessCoupleKeys *closeness_couple_keys_new_joining       (ClosenessDevicePartner   partner,
                                                              GPtrArray              **items);
char                *closeness_couple_keys_dup_fingerprint   (ClosenessCoupleKeys     *self);
gboolean             closeness_couple_keys_is_member         (ClosenessCoupleKeys     *self);
ClosenessDevicePartner closeness_couple_keys_get_partner     (ClosenessCoupleKeys     *self);

/* An existing device approves the request whose fingerprint a person typed
 * (spaces optional). Returns the items to upload, or %NULL. */
GPtrArray           *closeness_couple_keys_approve           (ClosenessCoupleKeys     *self,
                                                              const char              *fingerprint,
                                                              GPtrArray               *server_items,
                                                              GError                 **error);
/* The new device opens its grant. @approver_fingerprint is what the UI shows
 * ("Approved by the device showing …"): keep the result only once the
 * person confirmed it matches the approving device's own. */
gboolean             closeness_couple_keys_accept (ClosenessCoupleKeys *self,
                                                   GPtrArray           *server_items,
                                                   const char          *device_name,
                                                   char               **approver_fingerprint,
                                                   GPtrArray          **items,
                                                   GError             **error);

/* ---- The device list ----------------------------------------------------- */

/* New entries and grants from the server, on every sync. Fails when the
 * device list was forged, re-ordered, cut short or rolled back. */
gboolean             closeness_couple_keys_update            (ClosenessCoupleKeys     *self,
                                                              GPtrArray               *server_items,
                                                              GError                 **error);
/* Entries seen here that the server lacks (an upload that was cut short),
 * to upload again before update(); empty when none are missing. */
gboolean             closeness_couple_keys_founded_elsewhere (ClosenessCoupleKeys   *self,
                                                              GPtrArray             *server_items);
GPtrArray           *closeness_couple_keys_dup_unsent_entries (ClosenessCoupleKeys   *self,
                                                               GPtrArray             *server_items);
/* ClosenessCoupleDeviceInfo of the devices asking to join, not members yet. */
GPtrArray           *closeness_couple_keys_list_requests     (ClosenessCoupleKeys *self,
                                                              GPtrArray           *server_items);
/* ClosenessCoupleDeviceInfo of every device in the list, oldest first. */
GPtrArray           *closeness_couple_keys_list_devices      (ClosenessCoupleKeys     *self);
/* ClosenessCoupleDeviceInfo of the recovery codes that still work (removing
 * one by its fingerprint makes it stop working). */
GPtrArray           *closeness_couple_keys_list_recovery_codes (ClosenessCoupleKeys   *self);
GPtrArray           *closeness_couple_keys_rename_device     (ClosenessCoupleKeys     *self,
                                                              const char              *fingerprint,
                                                              const char              *name,
                                                              GError                 **error);
/* Removes the device and rotates the couple key (and its partner's personal
 * key when this device holds it). */
GPtrArray           *closeness_couple_keys_remove_device     (ClosenessCoupleKeys     *self,
                                                              const char              *fingerprint,
                                                              GError                 **error);
/* Rotations a removal left to this device (a personal key only a device of
 * that partner holds); an empty array when there are none. */
GPtrArray           *closeness_couple_keys_catch_up          (ClosenessCoupleKeys     *self,
                                                              GError                 **error);

/* ---- Keys for records ---------------------------------------------------- */

/* The key that seals a record owned by @owner: the personal key of the owner
 * when @is_private (only the owner's devices hold it), otherwise the newest
 * couple key. (transfer full) */
ClosenessVaultKey   *closeness_couple_keys_get_sealing_key   (ClosenessCoupleKeys     *self,
                                                              ClosenessDevicePartner   owner,
                                                              gboolean                 is_private,
                                                              GError                 **error);
/* Any generation this device holds, by the key id an envelope names. */
ClosenessVaultKey   *closeness_couple_keys_lookup_key        (ClosenessCoupleKeys     *self,
                                                              const char              *key_id);
/* Whether an item sealed under @key_id should be sealed again under a new
 * name: its key was rotated. */
gboolean             closeness_couple_keys_is_key_current    (ClosenessCoupleKeys     *self,
                                                              const char              *key_id);
/* The couple's current devices (ClosenessVaultDevice), for
 * closeness_vault_record_open(). */
GPtrArray           *closeness_couple_keys_dup_known_devices (ClosenessCoupleKeys     *self);
ClosenessVaultDevice *closeness_couple_keys_get_device       (ClosenessCoupleKeys     *self);

/* Seal and open with the keys above (the UID is named with the sealing key). */
GBytes              *closeness_couple_keys_seal_record       (ClosenessCoupleKeys     *self,
                                                              GBytes                  *plaintext,
                                                              const char              *kind,
                                                              const char              *stable_id,
                                                              ClosenessDevicePartner   owner,
                                                              gboolean                 is_private,
                                                              const ClosenessHlc      *version,
                                                              char                   **uid,
                                                              GError                 **error);
GBytes              *closeness_couple_keys_open_record       (ClosenessCoupleKeys     *self,
                                                              GBytes                  *envelope,
                                                              const char              *kind,
                                                              const char              *uid,
                                                              const ClosenessHlc      *last_applied,
                                                              ClosenessHlc            *version,
                                                              GError                 **error);

/* "Last seen" of a device: a small record under the couple key that the
 * engine updates, apart from the device list (it changes too often). */
GBytes              *closeness_couple_keys_seal_last_seen    (ClosenessCoupleKeys     *self,
                                                              gint64                   seen_ms,
                                                              const ClosenessHlc      *version,
                                                              char                   **uid,
                                                              GError                 **error);
char                *closeness_couple_keys_last_seen_uid     (ClosenessCoupleKeys     *self,
                                                              guint64                  device_id);
gboolean             closeness_couple_keys_open_last_seen    (ClosenessCoupleKeys     *self,
                                                              guint64                  device_id,
                                                              GBytes                  *envelope,
                                                              const ClosenessHlc      *last_applied,
                                                              gint64                  *seen_ms,
                                                              ClosenessHlc            *version,
                                                              GError                 **error);

/* ---- Recovery ------------------------------------------------------------ */

/* A new recovery code for @partner's keys (this device must hold them),
 * printed once; the copy it opens goes to the server. */
GPtrArray           *closeness_couple_keys_create_recovery   (ClosenessCoupleKeys     *self,
                                                              ClosenessDevicePartner   partner,
                                                              char                   **code,
                                                              GError                 **error);
/* A fresh device from the code and the server's items: it adds itself to the
 * device list, signed with the recovery member's key. */
ClosenessCoupleKeys *closeness_couple_keys_new_from_recovery (const char              *code,
                                                              GPtrArray               *server_items,
                                                              const char              *device_name,
                                                              GPtrArray              **items,
                                                              GError                 **error);

/* ---- Persistence --------------------------------------------------------- */

/* This device's secret half (device keys and every key held), in guarded
 * memory, for the Secret Service only; and the public half (the device
 * list as seen here, its root pinned) for the store. */
GBytes              *closeness_couple_keys_dup_secret_state  (ClosenessCoupleKeys     *self);
GBytes              *closeness_couple_keys_dup_public_state  (ClosenessCoupleKeys     *self);
ClosenessCoupleKeys *closeness_couple_keys_new_from_state    (GBytes                  *secret_state,
                                                              GBytes                  *public_state,
                                                              GError                 **error);
gboolean             closeness_couple_keys_forget_secret     (const char              *account,
                                                              GError                 **error);
gboolean             closeness_couple_keys_save_secret       (ClosenessCoupleKeys     *self,
                                                              const char              *account,
                                                              GError                 **error);
/* %NULL without an error when nothing is kept for @account. */
ClosenessCoupleKeys *closeness_couple_keys_load              (const char              *account,
                                                              GBytes                  *public_state,
                                                              GError                 **error);

gboolean             closeness_couple_keys_fill_keyring      (ClosenessCoupleKeys     *self,
                                                              ClosenessCoupleKeyring  *keyring,
                                                              GError                 **error);

/* Every key this device holds (for tests and the recovery copy). */
GPtrArray           *closeness_couple_keys_dup_keys          (ClosenessCoupleKeys     *self);

G_END_DECLS
