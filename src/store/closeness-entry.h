/* closeness-entry.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "closeness-record.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_ENTRY (closeness_entry_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessEntry, closeness_entry, CLOSENESS, ENTRY, ClosenessRecord)

gint64       closeness_entry_get_activity_id (ClosenessEntry *self);
int          closeness_entry_get_slot (ClosenessEntry *self);
const char * closeness_entry_get_day (ClosenessEntry *self);
int          closeness_entry_get_kind (ClosenessEntry *self);
const char * closeness_entry_get_note (ClosenessEntry *self);
double       closeness_entry_get_value (ClosenessEntry *self);

G_END_DECLS
