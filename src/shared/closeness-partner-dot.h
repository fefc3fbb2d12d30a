/* closeness-partner-dot.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "store/closeness-partner-names.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_PARTNER_DOT (closeness_partner_dot_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessPartnerDot, closeness_partner_dot, CLOSENESS, PARTNER_DOT, GtkWidget)

GtkWidget  *closeness_partner_dot_new       (void);
const char *closeness_partner_dot_get_color (ClosenessPartnerDot   *self);
void        closeness_partner_dot_set_color (ClosenessPartnerDot   *self,
                                             const char            *color);
void        closeness_partner_dot_set_keep_space (ClosenessPartnerDot *self,
                                                  gboolean             keep_space);
void        closeness_partner_dot_bind      (ClosenessPartnerDot   *self,
                                             ClosenessPartnerNames *names,
                                             guint                  slot);
void        closeness_partner_dot_unbind    (ClosenessPartnerDot   *self);

G_END_DECLS
