/* closeness-record-list-private.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "closeness-record-list.h"
#include "closeness-record.h"

G_BEGIN_DECLS

typedef ClosenessRecord *(*ClosenessRecordLoadFunc) (sqlite3_stmt *stmt);

ClosenessRecordList *_closeness_record_list_new    (GType                    item_type,
                                                    ClosenessRecordLoadFunc  load_func,
                                                    guint                    tables,
                                                    const char              *sql,
                                                    GVariant                *params);
guint                _closeness_record_list_get_tables (ClosenessRecordList *self);
gboolean             _closeness_record_list_reload (ClosenessRecordList     *self,
                                                    sqlite3                 *db,
                                                    GError                 **error);
gboolean             _closeness_bind_params        (sqlite3_stmt            *stmt,
                                                    GVariant                *params);

G_END_DECLS
