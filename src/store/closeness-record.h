/* closeness-record.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CLOSENESS_TYPE_RECORD (closeness_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (ClosenessRecord, closeness_record, CLOSENESS, RECORD, GObject)

/* The base of every row object the store hands out. Records are read-only
 * snapshots from the outside: changes go through ClosenessStore, which then
 * updates the live object in place (notify::<property>). */
struct _ClosenessRecordClass
{
  GObjectClass parent_class;

  /* Copies every field of @other into @self and notifies what changed. */
  void (*update_from) (ClosenessRecord *self,
                       ClosenessRecord *other);
};

gint64 closeness_record_get_id (ClosenessRecord *self);

G_END_DECLS
