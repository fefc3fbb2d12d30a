/* closeness-conversations-page-private.h: for the page's tests
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "closeness-conversations-page.h"

G_BEGIN_DECLS

GObject *_closeness_conversations_page_get_object (ClosenessConversationsPage *self,
                                                  const char                 *name);

G_END_DECLS
