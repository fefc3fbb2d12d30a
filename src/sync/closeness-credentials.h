/* closeness-credentials.h: the sync account's password, in the Secret Service only
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean closeness_credentials_store  (const char  *server,
                                       const char  *user,
                                       const char  *password,
                                       GError     **error);
char    *closeness_credentials_lookup (const char  *server,
                                       const char  *user,
                                       GError     **error);
gboolean closeness_credentials_clear  (const char  *server,
                                       const char  *user,
                                       GError     **error);

/* Tests keep passwords in memory instead of a keyring: a test double with
 * the same behaviour (store replaces, lookup of none is NULL, clear). */
void     closeness_credentials_use_memory_for_testing (void);

G_END_DECLS
