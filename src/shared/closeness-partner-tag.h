/* closeness-partner-tag.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "closeness-partner-dot.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_PARTNER_TAG (closeness_partner_tag_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessPartnerTag, closeness_partner_tag, CLOSENESS, PARTNER_TAG, GtkWidget)

GtkWidget           *closeness_partner_tag_new       (void);
ClosenessPartnerDot *closeness_partner_tag_get_dot   (ClosenessPartnerTag *self);
GtkLabel            *closeness_partner_tag_get_label (ClosenessPartnerTag *self);

G_END_DECLS
