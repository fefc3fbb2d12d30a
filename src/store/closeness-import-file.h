/* closeness-import-file.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening a file a person chose to import: every importer (calendar,
 * self-care CSV) refuses folders, devices and pipes the same way before
 * reading a byte, so /dev/zero cannot fill the memory and a pipe cannot
 * hang the import.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

GFileInputStream *closeness_import_file_open (GFile         *file,
                                              goffset       *size,
                                              GCancellable  *cancellable,
                                              GError       **error);

G_END_DECLS
