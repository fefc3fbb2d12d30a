/* couple-keys-test-fixture.h: what the tests of the couple's devices and keys
 * share: a server that is a hash table, a couple of three devices on it,
 * and the helpers more than one of them uses.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sync/closeness-couple-keys.h"

G_BEGIN_DECLS

/* ---- The server ---------------------------------------------------------- */

typedef struct
{
  GHashTable *items;    /* uid -> VJOURNAL text */
  GPtrArray  *history;  /* every VJOURNAL ever put, as GBytes */
} Server;

/* ---- The couple ---------------------------------------------------------- */

typedef struct
{
  Server              *server;
  ClosenessCoupleKeys *a;
  ClosenessCoupleKeys *a2;
  ClosenessCoupleKeys *b;
  char                *a_fingerprint;
  char                *a2_fingerprint;
  char                *b_fingerprint;
  GBytes              *a_public_founded;   /* A's device list right after founding */
} Couple;

Server *couple_test_server_new (void);
void couple_test_server_free (Server *server);
void couple_test_server_put_bytes (Server     *server,
                                   const char *uid,
                                   GBytes     *bytes);
void couple_test_server_put (Server    *server,
                             GPtrArray *items);
GPtrArray *couple_test_server_items (Server *server);
void couple_test_update (ClosenessCoupleKeys *keys,
                         Server              *server);
GPtrArray *couple_test_approve (ClosenessCoupleKeys *approver,
                                Server              *server,
                                const char          *fingerprint);
char *couple_test_accept (ClosenessCoupleKeys *joining,
                          Server              *server,
                          const char          *name);
char *couple_test_digits_only (const char *fingerprint);
void couple_test_couple_set_up (Couple        *couple,
                                gconstpointer  data);
void couple_test_couple_tear_down (Couple        *couple,
                                   gconstpointer  data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Server, couple_test_server_free)

/* Registers a test that starts from a couple whose three devices have joined. */
#define COUPLE_TEST_ADD(path, func) \
  g_test_add (path, Couple, NULL, couple_test_couple_set_up, func, couple_test_couple_tear_down)

G_END_DECLS
