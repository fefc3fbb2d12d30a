/* closeness-secret.h: small binary secrets (a device's keys) in the Secret Service only
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One secret per (@kind, @account), e.g. ("couple-keys", the sync account):
 * storing replaces, a lookup of none is %NULL without an error. */
gboolean  closeness_secret_store   (const char  *kind,
                                    const char  *account,
                                    GBytes      *secret,
                                    GError     **error);
GBytes   *closeness_secret_lookup  (const char  *kind,
                                    const char  *account,
                                    GError     **error);
gboolean  closeness_secret_clear   (const char  *kind,
                                    const char  *account,
                                    GError     **error);

/* Tests keep secrets in memory instead of a keyring: a test double with the
 * same behaviour. */
void      closeness_secret_use_memory_for_testing (void);

G_END_DECLS
