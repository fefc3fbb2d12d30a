/* closeness-couple-sync-private.h: what the parts of couple sync share
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * closeness-couple-sync.c receives and sends; closeness-couple-sync-buckets.c
 * keeps what this device knows of each bucket and where it lives on the
 * server (its name follows the newest couple key, see "Sealed again after
 * a removal" in docs/SYNC.md).
 */

#pragma once

#include <string.h>

#include "closeness-couple-sync.h"

G_BEGIN_DECLS

#define N_BUCKETS 64
#define MAX_ATTEMPTS 3
#define BUCKET_TYPE G_VARIANT_TYPE ("a(ssma{sv})")
#define BUCKET_KIND "bucket"

typedef enum
{
  CLASS_COMMON,
  CLASS_OWNED_0,
  CLASS_OWNED_1,
  CLASS_PRIVATE_0,
  CLASS_PRIVATE_1,
  N_CLASSES
} Class;

typedef struct
{
  ClosenessStore             *store;
  ClosenessCaldavClient      *client;
  const char                 *collection;
  ClosenessCoupleKeyring     *keys;
  ClosenessCoupleSyncReport  *report;
  GCancellable               *cancellable;
  ClosenessHlcClock          *clock;
  GHashTable                 *uid_to_bucket;  /* item uid under any couple key → "class/NN" */
  GHashTable                 *activity_class; /* activity gid → Class of its entries */
  GHashTable                 *to_write;       /* bucket ids to send even without a change */
  gboolean                    keys_changed;   /* a key was rotated since the last run */
  gboolean                    reveals_due;    /* "reveals-due" is noted: see note_reveals() */
  gboolean                    writes_noted;   /* "writes-due" is noted: see
                                                 _closeness_couple_keep_writes() */
} Run;

/* What this device knows of one bucket. */
typedef struct
{
  char       *href;     /* its address, named with the newest couple key */
  char       *etag;     /* of the item at @href; NULL when none is known there */
  char       *version;  /* the item's, as the vault saw it */
  char       *key_id;   /* of the key that sealed it, NULL when not known */
  GVariant   *content;  /* the bucket as last read or written: a(ssma{sv}) */
  GHashTable *old;      /* href → etag: copies named with an earlier key, to delete */
} Bucket;

/* The first couple key: it picks a record's bucket, so records stay in
 * their bucket across rotations. */
static inline ClosenessVaultKey *
index_key (ClosenessCoupleKeyring *keys)
{
  return g_ptr_array_index (keys->couple_keys, 0);
}

/* The newest couple key: it seals shared buckets and names every bucket. */
static inline ClosenessVaultKey *
newest_couple_key (ClosenessCoupleKeyring *keys)
{
  return g_ptr_array_index (keys->couple_keys, keys->couple_keys->len - 1);
}

static inline int
class_owner (Class class)
{
  switch (class)
    {
    case CLASS_OWNED_0:
    case CLASS_PRIVATE_0:
      return 0;
    case CLASS_OWNED_1:
    case CLASS_PRIVATE_1:
      return 1;
    case CLASS_COMMON:
    case N_CLASSES:
    default:
      return -1;
    }
}

static inline ClosenessVaultKey *
class_key (ClosenessCoupleKeyring *keys,
           Class                   class)
{
  if (class == CLASS_PRIVATE_0)
    return keys->personal_keys[0];
  if (class == CLASS_PRIVATE_1)
    return keys->personal_keys[1];

  return newest_couple_key (keys);
}

static inline gboolean
may_write (ClosenessCoupleKeyring *keys,
           Class                   class)
{
  int owner = class_owner (class);

  return (owner < 0 || keys->partner < 0 || keys->partner == owner)
         && class_key (keys, class) != NULL;
}

char       *_closeness_couple_bucket_id         (Class        class,
                                                 guint        index);
gboolean    _closeness_couple_parse_bucket_id   (const char  *id,
                                                 Class       *class);
GHashTable *_closeness_couple_uid_map           (ClosenessCoupleKeyring *keys);

void        _closeness_couple_bucket_free       (Bucket      *bucket);
Bucket     *_closeness_couple_get_bucket        (Run         *run,
                                                 GHashTable  *buckets,
                                                 const char  *id);
gboolean    _closeness_couple_is_known          (Run         *run,
                                                 const char  *id,
                                                 const char  *href,
                                                 const char  *etag);
void        _closeness_couple_keep_bucket       (GHashTable  *states,
                                                 const char  *id,
                                                 Bucket      *bucket);
GBytes     *_closeness_couple_pack              (GVariant    *content);
GVariant   *_closeness_couple_unpack            (GBytes      *plain,
                                                 GError     **error);
gboolean    _closeness_couple_merge_content     (Bucket      *bucket,
                                                 GVariant    *content);
gboolean    _closeness_couple_is_due            (Run         *run,
                                                 const char  *id,
                                                 Bucket      *bucket);
void        _closeness_couple_note_due          (Run         *run,
                                                 GHashTable  *buckets,
                                                 gboolean     everything);
void        _closeness_couple_load_known        (Run         *run,
                                                 GHashTable  *buckets,
                                                 Class        class);
void        _closeness_couple_keep_writes       (Run         *run,
                                                 GHashTable  *states);
gboolean    _closeness_couple_read_writes       (Run         *run);
char       *_closeness_couple_sealed_under      (ClosenessCoupleKeyring *keys);
void        _closeness_couple_delete_old        (Run         *run,
                                                 Bucket      *bucket);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Bucket, _closeness_couple_bucket_free)

G_END_DECLS
