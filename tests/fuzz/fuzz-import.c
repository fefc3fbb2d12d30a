/* fuzz-import.c: the whole-data import checks on arbitrary files.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every input is written to a private file and handed to the checks an
 * import or restore runs before anything is replaced
 * (_closeness_store_prepare_import). Beyond "no crash": a refusal always
 * says why and starts with “Nothing was changed.”, and a file the checks
 * accept holds exactly two partners with names the API would accept.
 */

#include "config.h"

#include <stdint.h>
#include <string.h>
#include <glib/gstdio.h>

#include "store/closeness-store-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *dir;

static void
check_accepted (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM partners", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      g_assert_true (g_utf8_validate (name, -1, NULL));
      g_assert_cmpint (g_utf8_strlen (name, -1), <=, CLOSENESS_STORE_MAX_NAME);
      n++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_assert_cmpuint (n, ==, 2);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *input = NULL;
  g_autofree char *incoming = NULL;
  g_autoptr(GError) error = NULL;

  if (dir == NULL)
    dir = g_dir_make_tmp ("closeness-fuzz-import-XXXXXX", NULL);
  g_assert_nonnull (dir);

  input = g_build_filename (dir, "input.closeness", NULL);
  incoming = g_build_filename (dir, ".closeness-incoming.db", NULL);
  g_assert_true (g_file_set_contents (input, (const char *) data, (gssize) size, NULL));

  if (_closeness_store_prepare_import (input, incoming, &error))
    {
      g_assert_no_error (error);
      check_accepted (incoming);
      g_unlink (incoming);
    }
  else
    {
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, "Nothing was changed."));
      g_assert_false (g_file_test (incoming, G_FILE_TEST_EXISTS));
    }

  g_unlink (input);

  return 0;
}
