/* closeness-partner.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "closeness-record.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_PARTNER (closeness_partner_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessPartner, closeness_partner, CLOSENESS, PARTNER, ClosenessRecord)

int          closeness_partner_get_slot (ClosenessPartner *self);
const char * closeness_partner_get_name (ClosenessPartner *self);
const char * closeness_partner_get_color (ClosenessPartner *self);

char *       closeness_partner_display_name (const char *name,
                                             guint       slot);

G_END_DECLS
