/* closeness-conversations-prefs-group.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_CONVERSATIONS_PREFS_GROUP (closeness_conversations_prefs_group_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessConversationsPrefsGroup, closeness_conversations_prefs_group,
                      CLOSENESS, CONVERSATIONS_PREFS_GROUP, AdwPreferencesGroup)

GtkWidget      *closeness_conversations_prefs_group_new       (ClosenessStore *store);
void closeness_conversations_prefs_group_set_store (ClosenessConversationsPrefsGroup *self,
                                                    ClosenessStore                   *store);

G_END_DECLS
