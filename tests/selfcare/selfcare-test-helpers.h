/* selfcare-test-helpers.h: what the Self-Care UI tests share.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "selfcare/closeness-selfcare-page.h"

G_BEGIN_DECLS

GtkWidget *selfcare_test_template_child (ClosenessSelfcarePage *page,
                                         const char            *name);
void       selfcare_test_wait_for_shown (ClosenessSelfcarePage *page,
                                         GtkWidget             *widget);
void       selfcare_test_init           (void);

G_END_DECLS
