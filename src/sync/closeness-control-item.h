/* closeness-control-item.h: the couple's key management as items on the server
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What ClosenessCoupleKeys keeps on the server beside the records: the
 * device list (one item per entry), join requests, key grants and recovery
 * copies. The engine puts get_bytes() into a VJOURNAL with
 * closeness_vault_item_to_ics (get_uid(), …) and hands every item it reads
 * back to closeness_control_item_parse(), which tells control items from
 * sealed records. */
typedef enum
{
  CLOSENESS_CONTROL_ITEM_DEVICE_LIST_ENTRY = 1, /* stable id: the entry's number */
  CLOSENESS_CONTROL_ITEM_JOIN_REQUEST = 2,      /* stable id: the new device's id */
  CLOSENESS_CONTROL_ITEM_KEY_GRANT = 3,         /* stable id: recipient-granter-list length */
  CLOSENESS_CONTROL_ITEM_RECOVERY = 4,          /* stable id: the recovery member's id */
} ClosenessControlItemKind;

typedef struct _ClosenessControlItem ClosenessControlItem;

#define CLOSENESS_TYPE_CONTROL_ITEM (closeness_control_item_get_type ())

GType                     closeness_control_item_get_type      (void) G_GNUC_CONST;
ClosenessControlItem     *closeness_control_item_new           (ClosenessControlItemKind  kind,
                                                                const char               *stable_id,
                                                                GBytes                   *payload);
/* %NULL with CLOSENESS_VAULT_ERROR_MALFORMED for bytes that are not a
 * control item (a sealed record, or garbage). */
ClosenessControlItem     *closeness_control_item_parse         (GBytes                   *bytes,
                                                                GError                  **error);
gboolean                  closeness_control_item_is_control    (GBytes                   *bytes);
ClosenessControlItem     *closeness_control_item_ref           (ClosenessControlItem     *item);
void                      closeness_control_item_unref         (ClosenessControlItem     *item);
ClosenessControlItemKind  closeness_control_item_get_kind      (ClosenessControlItem     *item);
const char               *closeness_control_item_get_stable_id (ClosenessControlItem     *item);
/* 32 lowercase hex digits from the kind and the stable id alone (a device
 * that has not joined yet must find its grant); a server learns which
 * items are control items, as it would from their timing anyway. */
const char               *closeness_control_item_get_uid       (ClosenessControlItem     *item);
/* What goes to the server (magic, kind, stable id, payload). */
GBytes                   *closeness_control_item_get_bytes     (ClosenessControlItem     *item);
GBytes                   *closeness_control_item_get_payload   (ClosenessControlItem     *item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClosenessControlItem, closeness_control_item_unref)

G_END_DECLS
