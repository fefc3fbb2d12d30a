/* closeness-record-list.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CLOSENESS_TYPE_RECORD_LIST (closeness_record_list_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessRecordList, closeness_record_list, CLOSENESS, RECORD_LIST, GObject)

gpointer closeness_record_list_lookup (ClosenessRecordList *self,
                                       gint64               id,
                                       guint               *position);

G_END_DECLS
