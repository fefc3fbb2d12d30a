/* closeness-couple-keyring.h: what couple sync needs of a device's keys
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sync/closeness-vault.h"

G_BEGIN_DECLS

/* What a device holds to take part: its own identity, the couple's
 * devices and the keys it has been given. */
typedef struct
{
  ClosenessVaultDevice *device;           /* this device, with its secret */
  int                   partner;          /* 0 or 1; -1: both use this computer */
  GPtrArray            *devices;          /* ClosenessVaultDevice, this one too */
  GArray               *device_partners;  /* int for each of devices: 0, 1 or -1 */
  GPtrArray            *couple_keys;      /* ClosenessVaultKey, oldest first: the last seals */
  ClosenessVaultKey    *personal_keys[2]; /* each partner's, when this device holds it */
  GPtrArray            *older_personal_keys[2]; /* earlier generations of each, oldest first
                                                 * (or NULL): they open what is not sealed
                                                 * again since a removal */
} ClosenessCoupleKeyring;

void closeness_couple_keyring_clear (ClosenessCoupleKeyring *keys);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ClosenessCoupleKeyring, closeness_couple_keyring_clear)

G_END_DECLS
