/* sync-test-server.h: a real CalDAV server on 127.0.0.1 for the sync tests
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _SyncTestServer SyncTestServer;

/* @kind: "radicale" or "xandikos" (Debian packages, installed by build-aux/dev) */
SyncTestServer *sync_test_server_start    (const char     *kind);
const char     *sync_test_server_get_url  (SyncTestServer *server);
const char     *sync_test_server_get_kind (SyncTestServer *server);
void            sync_test_server_stop     (SyncTestServer *server);
void            sync_test_remove_tree     (const char     *path);

G_END_DECLS
