/* closeness-reminder-private.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "closeness-reminder.h"

G_BEGIN_DECLS

ClosenessRecord *_closeness_reminder_new_from_stmt (sqlite3_stmt *stmt);

G_END_DECLS
