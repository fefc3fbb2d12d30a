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
const char     *sync_test_server_get_dir  (SyncTestServer *server);
void            sync_test_server_stop     (SyncTestServer *server);
void            sync_test_remove_tree     (const char     *path);

/* An HTTPS server on 127.0.0.1 with a self-signed certificate. */
typedef struct _SyncTestTlsServer SyncTestTlsServer;

SyncTestTlsServer *sync_test_tls_server_start   (void);
const char        *sync_test_tls_server_get_url (SyncTestTlsServer *tls);
void               sync_test_tls_server_stop    (SyncTestTlsServer *tls);

G_END_DECLS
