/* store-test-utils.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sqlite3.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

/* A fresh data folder under the test's private XDG_DATA_HOME. */
static inline char *
store_test_new_db_path (void)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("case-%u", ++counter);

  return g_build_filename (g_get_user_data_dir (), name, "closeness.db", NULL);
}

static inline guint
store_test_file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);

  return st.st_mode & 0777;
}

/* Waits for an async result on the thread-default main context. */
static inline GAsyncResult *
store_test_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static inline void
store_test_result_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* Counts items-changed emissions and records the last one. */
typedef struct
{
  guint n_signals;
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

static inline void
store_test_items_changed_cb (GListModel *model,
                             guint       position,
                             guint       removed,
                             guint       added,
                             gpointer    user_data)
{
  ItemsChanged *ic = user_data;

  ic->n_signals++;
  ic->position = position;
  ic->removed = removed;
  ic->added = added;
}

static inline char *
store_test_checksum_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static inline void
store_test_set_flag (gpointer data)
{
  g_atomic_int_set ((int *) data, 1);
}

/* Drops the last reference to @object and waits until it is finalized.
 * A GTask's worker thread may hold the last reference for a moment after
 * the callback ran; the qdata destroy notify runs after finalize (a weak
 * pointer would be cleared already in dispose). */
static inline void
store_test_finalize (gpointer object)
{
  static int finalized;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_atomic_int_set (&finalized, 0);
  g_object_set_data_full (G_OBJECT (object), "store-test-finalized", &finalized,
                          store_test_set_flag);
  g_object_unref (object);

  while (!g_atomic_int_get (&finalized) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  g_assert_true (g_atomic_int_get (&finalized));
}

/* The first page of @table's b-tree in the file at @path (to damage it). */
static inline gint64
store_test_root_page (const char *path,
                      const char *table)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 root;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  root = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return root;
}

/* Partner @slot's name, as the models show it. */
static inline char *
store_test_partner_name (ClosenessStore *store,
                         guint           slot)
{
  g_autoptr(ClosenessPartner) partner =
    g_list_model_get_item (closeness_store_get_partners (store), slot);

  return g_strdup (closeness_partner_get_name (partner));
}

/* closeness_store_import_async(), waited for. */
static inline gboolean
store_test_import (ClosenessStore  *store,
                   const char      *file_path,
                   GError         **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (file_path);
  g_autoptr(GAsyncResult) result = NULL;

  closeness_store_import_async (store, file, NULL, store_test_result_cb, &result);

  return closeness_store_import_finish (store, store_test_wait (&result), error);
}

G_END_DECLS
