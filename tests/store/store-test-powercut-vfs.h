/* store-test-powercut-vfs.h: an SQLite VFS that simulates losing power.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What the last power cut did to the writes that were not yet synced. */
typedef struct
{
  guint pending;    /* writes and truncations not covered by an xSync */
  guint dropped;    /* thrown away */
  guint applied;    /* reached the disk whole */
  guint torn;       /* some 512-byte sectors reached the disk, others not */
  guint reverted;   /* files whose creation or deletion was undone (no directory sync) */
  guint db_pending; /* database files with writes not synced (a checkpoint was under way) */
} PowercutStats;

void     powercut_vfs_register   (void);
void     powercut_vfs_unregister (void);
void     powercut_vfs_begin      (GRand         *rand,
                                  guint          cut_after,
                                  guint          cut_at_db_write,
                                  const char    *dir);
void     powercut_vfs_cut_in      (guint          n_calls);
gboolean powercut_vfs_is_dead    (void);
void     powercut_vfs_power_off  (PowercutStats *stats);

G_END_DECLS
