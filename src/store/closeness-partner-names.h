/* closeness-partner-names.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CLOSENESS_TYPE_PARTNER_NAMES (closeness_partner_names_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessPartnerNames, closeness_partner_names, CLOSENESS, PARTNER_NAMES,
                      GObject)

ClosenessPartnerNames *closeness_partner_names_new       (GListModel            *partners);
const char * const    *closeness_partner_names_get_names (ClosenessPartnerNames *self);
const char            *closeness_partner_names_get       (ClosenessPartnerNames *self,
                                                          guint                  slot);
const char            *closeness_partner_names_get_color (ClosenessPartnerNames *self,
                                                          guint                  slot);

G_END_DECLS
