/* closeness-couple-keys-private.h: what the parts of ClosenessCoupleKeys share
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "closeness-couple-keys.h"
#include "closeness-vault-private.h"

G_BEGIN_DECLS

#define COUPLE_DOMAIN_LIST         "closeness device list v1"
#define COUPLE_DOMAIN_JOIN_REQUEST "closeness join request v1"
#define COUPLE_DOMAIN_GRANT        "closeness grant bundle v1"
#define COUPLE_DOMAIN_NAME         "closeness device name v1"

#define COUPLE_HASH_BYTES   32
#define COUPLE_NONCE_BYTES  16
#define COUPLE_PUBLIC_BYTES 129   /* a vault device's public half */

/* Who a member of the device list is: a device, or the offline stand-in of
 * a recovery code (it receives keys like a device and may sign one entry:
 * adding the device restored with its code). */
typedef enum
{
  MEMBER_ROLE_DEVICE = 1,
  MEMBER_ROLE_RECOVERY = 2,
} MemberRole;

/* The key scopes: generations of the couple key and of each partner's
 * personal key, announced by KEY entries in the device list. */
typedef enum
{
  SCOPE_COUPLE = 0,
  SCOPE_PERSONAL_FIRST = 1,
  SCOPE_PERSONAL_SECOND = 2,
  N_SCOPES
} KeyScope;

typedef enum
{
  ENTRY_ROOT = 1,
  ENTRY_ADD = 2,
  ENTRY_REMOVE = 3,
  ENTRY_RENAME = 4,
  ENTRY_KEY = 5,
} EntryType;

typedef struct
{
  MemberRole              role;
  ClosenessDevicePartner  partner;
  ClosenessVaultDevice   *device;       /* public half */
  guint8                  nonce[COUPLE_NONCE_BYTES];
  guint                   added_at;     /* the entry that added it */
  guint                   removed_at;   /* 0 while a member (the root is never removed at 0) */
  GBytes                 *sealed_name;  /* nullable */
} Member;

typedef struct
{
  GByteArray *key_ids;   /* VAULT_KEY_ID_BYTES per generation, oldest first */
  gboolean    stale;     /* a member who held it was removed after its newest generation */
} Scope;

/* The device list as verified here: every entry, the members and the key
 * generations they announce. */
typedef struct
{
  GPtrArray *entries;    /* GBytes */
  GPtrArray *members;    /* Member */
  Scope      scopes[N_SCOPES];
  guint8     head[COUPLE_HASH_BYTES];
} DeviceList;

struct _ClosenessCoupleKeys
{
  GObject                 parent_instance;

  ClosenessVaultDevice   *device;       /* this device, with its secret half */
  ClosenessDevicePartner  partner;
  guint8                  nonce[COUPLE_NONCE_BYTES];
  DeviceList             *list;
  GPtrArray              *keys;         /* ClosenessVaultKey, every generation held */
};

/* ---- closeness-couple-keys-list.c ---------------------------------------- */

DeviceList *device_list_new              (void);
void        device_list_free             (DeviceList              *list);
/* Verifies @entry as the next one and applies it. */
gboolean    device_list_append           (DeviceList              *list,
                                          GBytes                  *entry,
                                          GError                 **error);
/* Brings @list up to the server's entries (ClosenessControlItem of any kind
 * in @server_items): entries seen here must come back unchanged. */
gboolean    device_list_sync             (DeviceList              *list,
                                          GPtrArray               *server_items,
                                          GError                 **error);
/* A new entry after the head, signed by @signer (not yet appended). */
GBytes     *device_list_sign_entry       (DeviceList              *list,
                                          ClosenessVaultDevice    *signer,
                                          EntryType                type,
                                          const guint8            *body,
                                          gsize                    body_length);
GByteArray *device_list_member_body      (MemberRole               role,
                                          ClosenessDevicePartner   partner,
                                          const guint8            *nonce,
                                          ClosenessVaultDevice    *device,
                                          GBytes                  *sealed_name);
GByteArray *device_list_target_body      (ClosenessVaultDevice    *target,
                                          GBytes                  *sealed_name);
GByteArray *device_list_key_body         (KeyScope                 scope,
                                          guint                    generation,
                                          ClosenessVaultKey       *key);
Member     *device_list_find_member      (DeviceList              *list,
                                          const guint8            *sign_public);
Member     *device_list_find_fingerprint (DeviceList              *list,
                                          const char              *fingerprint);
gboolean    member_is_current            (Member                  *member);
/* Whether @member may hold the keys of @scope. */
gboolean    member_has_scope             (Member                  *member,
                                          KeyScope                 scope);
/* The scope and generation (from 1) that announced @raw_key_id, or FALSE. */
gboolean    device_list_find_key_id      (DeviceList              *list,
                                          const guint8            *raw_key_id,
                                          KeyScope                *scope,
                                          guint                   *generation);
const guint8 *device_list_newest_key_id  (DeviceList              *list,
                                          KeyScope                 scope);
guint       device_list_n_generations    (DeviceList              *list,
                                          KeyScope                 scope);
KeyScope    scope_for_partner            (ClosenessDevicePartner   partner);
/* Digits only: "4821 0937…" and "48210937…" alike; %NULL unless 24 digits. */
char       *fingerprint_normalize        (const char              *fingerprint);
void        couple_hash                  (guint8                  *out,
                                          GBytes                  *bytes);
void        couple_put_u32               (guint8                  *out,
                                          guint32                  value);
guint32     couple_get_u32               (const guint8            *in);

/* ---- closeness-couple-keys.c --------------------------------------------- */

ClosenessCoupleKeys *couple_keys_new         (ClosenessVaultDevice    *device,
                                              ClosenessDevicePartner   partner);
void                 couple_keys_add_key     (ClosenessCoupleKeys     *self,
                                              ClosenessVaultKey       *key);
ClosenessVaultKey   *couple_keys_find_key    (ClosenessCoupleKeys     *self,
                                              const guint8            *raw_key_id);
ClosenessVaultKey   *couple_keys_newest_key  (ClosenessCoupleKeys     *self,
                                              KeyScope                 scope);
Member              *couple_keys_self_member (ClosenessCoupleKeys     *self);
GBytes              *couple_keys_seal_name   (ClosenessCoupleKeys     *self,
                                              ClosenessVaultDevice    *target,
                                              const char              *name);
GBytes              *couple_keys_serialize_keys (GPtrArray            *keys);
GPtrArray           *couple_keys_parse_keys  (GBytes                  *bytes,
                                              GError                 **error);
ClosenessControlItem *couple_keys_entry_item (GBytes                  *entry,
                                              guint                    seq);
/* Signs an entry as this device, applies it here, and adds its item. */
gboolean             couple_keys_append      (ClosenessCoupleKeys     *self,
                                              ClosenessVaultDevice    *signer,
                                              EntryType                type,
                                              GByteArray              *body,
                                              GPtrArray               *items,
                                              GError                 **error);

/* ---- closeness-couple-keys-join.c ---------------------------------------- */

/* Opens the grants to @recipient among @server_items into @self's keys;
 * with @nonce, only a grant answering that join request, whose granter's
 * fingerprint goes to @approver_fingerprint. */
gboolean             couple_keys_receive_grants (ClosenessCoupleKeys  *self,
                                                 ClosenessVaultDevice *recipient,
                                                 GPtrArray            *server_items,
                                                 const guint8         *nonce,
                                                 char                **approver_fingerprint,
                                                 GError              **error);
/* Rotates every scope that is stale and this device can rotate, granting
 * the new keys to every member that may hold them. */
gboolean             couple_keys_rotate      (ClosenessCoupleKeys     *self,
                                              GPtrArray               *items,
                                              GError                 **error);
gboolean             couple_keys_remove_member (ClosenessCoupleKeys   *self,
                                                Member                *member,
                                                GPtrArray             *items,
                                                GError               **error);

G_END_DECLS
