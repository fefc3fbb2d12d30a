/* closeness-record-private.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "closeness-record.h"

G_BEGIN_DECLS

void      _closeness_record_update_from (ClosenessRecord *self,
                                         ClosenessRecord *other);
gboolean  _closeness_record_set_string  (GObject         *object,
                                         char           **field,
                                         const char      *value,
                                         GParamSpec      *pspec);
gboolean  _closeness_record_set_int64   (GObject         *object,
                                         gint64          *field,
                                         gint64           value,
                                         GParamSpec      *pspec);
gboolean  _closeness_record_set_int     (GObject         *object,
                                         int             *field,
                                         int              value,
                                         GParamSpec      *pspec);
gboolean  _closeness_record_set_boolean (GObject         *object,
                                         gboolean        *field,
                                         gboolean         value,
                                         GParamSpec      *pspec);
char     *_closeness_record_column_dup  (sqlite3_stmt    *stmt,
                                         int              column);

G_END_DECLS
