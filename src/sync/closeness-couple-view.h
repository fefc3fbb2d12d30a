/* closeness-couple-view.h: what the couple's devices look like from here
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The device commands (`--sync`, `--join`, `--devices`, …) run in a
 * process of their own; each one leaves what it learnt in the store as a
 * ClosenessCoupleView, and Preferences → Your Devices shows it without
 * touching the network or the keyring. No key is in it: fingerprints,
 * device names (host names), who uses each device and when it was last
 * seen.
 */

#pragma once

#include "store/closeness-store.h"
#include "sync/closeness-couple-keys.h"

G_BEGIN_DECLS

typedef enum
{
  CLOSENESS_COUPLE_STATUS_NONE = 0,     /* no keys here, nothing known of a couple */
  CLOSENESS_COUPLE_STATUS_NOT_JOINED,   /* the account has a couple; this computer has not asked */
  CLOSENESS_COUPLE_STATUS_WAITING,      /* asked to join, not approved yet */
  CLOSENESS_COUPLE_STATUS_MEMBER,
  CLOSENESS_COUPLE_STATUS_REMOVED,      /* removed by a device of the couple */
} ClosenessCoupleStatus;

typedef struct
{
  char                   *fingerprint;
  char                   *name;           /* "" when the device has not named itself */
  ClosenessDevicePartner  partner;
  gboolean                is_this_device;
  gint64                  last_seen_ms;   /* 0: not known */
} ClosenessCoupleViewDevice;

typedef struct
{
  ClosenessCoupleStatus   status;
  char                   *fingerprint;    /* this computer's, "" when none */
  ClosenessDevicePartner  partner;
  char                   *approver;       /* the approving computer's number once joined, or "" */
  GPtrArray              *devices;        /* ClosenessCoupleViewDevice, oldest first */
  GPtrArray              *requests;       /* ClosenessCoupleViewDevice asking to join */
  GPtrArray              *recovery_codes; /* ClosenessCoupleViewDevice: codes that still work */
} ClosenessCoupleView;

ClosenessCoupleView *closeness_couple_view_new        (ClosenessCoupleStatus  status);
void                 closeness_couple_view_free       (ClosenessCoupleView   *view);
void                 closeness_couple_view_add        (GPtrArray             *devices,
                                                       const char            *fingerprint,
                                                       const char            *name,
                                                       ClosenessDevicePartner partner,
                                                       gboolean               is_this_device,
                                                       gint64                 last_seen_ms);
const ClosenessCoupleViewDevice *
                     closeness_couple_view_find       (ClosenessCoupleView   *view,
                                                       const char            *fingerprint);

/* What the last command left; a view with status NONE when there is none
 * or it cannot be read. */
ClosenessCoupleView *closeness_couple_view_load       (ClosenessStore        *store);
gboolean             closeness_couple_view_save       (ClosenessCoupleView   *view,
                                                       ClosenessStore        *store,
                                                       GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClosenessCoupleView, closeness_couple_view_free)

G_END_DECLS
