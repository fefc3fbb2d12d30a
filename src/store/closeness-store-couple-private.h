/* closeness-store-couple-private.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "closeness-store-records-private.h"

G_BEGIN_DECLS

/* What the two halves of couple sync's store side share: the record keys
 * and values (closeness-store-couple.c) and the merge of received
 * versions (closeness-store-couple-apply.c). */

#define RECORD_TYPE G_VARIANT_TYPE_VARDICT
#define PROMPT_OF "(SELECT id FROM prompts WHERE gid = ?1)"
#define ACTIVITY_OF "(SELECT id FROM activities WHERE gid = ?1)"

typedef enum
{
  KIND_PARTNER,
  KIND_DECK,
  KIND_PROMPT,
  KIND_ACTIVITY,
  KIND_ANSWER,
  KIND_NOTE,
  KIND_FAVOURITE,
  KIND_DISCUSSED,
  KIND_SKIP,
  KIND_ENTRY,
  N_KINDS
} Kind;

typedef struct
{
  Kind  kind;
  char *gid;     /* deck, prompt or activity; the slot for a partner */
  char *day;     /* discussed, skip, entry */
  int   slot;    /* answer, entry, partner; else -1 */
} Key;

void      _couple_key_clear      (Key          *key);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Key, _couple_key_clear)

gboolean  _couple_parse_key      (const char   *text,
                                  Key          *key);
gboolean  _couple_is_gid         (const char   *text);
gboolean  _couple_merges_by_field (Kind        kind);
GVariant *_couple_read_value     (sqlite3      *db,
                                  const Key    *key,
                                  GError      **error);
GVariant *_couple_dup_stamps     (sqlite3      *db,
                                  const char   *key,
                                  GVariant    **base);
GVariant *_couple_without_stamps (GVariant     *value,
                                  GVariant    **stamps);

G_END_DECLS
