/* closeness-partner-group.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_PARTNER_GROUP (closeness_partner_group_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessPartnerGroup, closeness_partner_group, CLOSENESS, PARTNER_GROUP,
                      AdwPreferencesGroup)

void            closeness_partner_group_set_store     (ClosenessPartnerGroup  *self,
                                                       ClosenessStore         *store);
void            closeness_partner_group_set_auto_save (ClosenessPartnerGroup  *self,
                                                       gboolean                auto_save);
gboolean        closeness_partner_group_save          (ClosenessPartnerGroup  *self,
                                                       GError                **error);
void            closeness_partner_group_set_color     (ClosenessPartnerGroup  *self,
                                                       guint                   slot,
                                                       const char             *color);

G_END_DECLS
