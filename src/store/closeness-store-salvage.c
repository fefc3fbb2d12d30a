/* closeness-store-salvage.c: what a damaged data file still holds, merged
 * into the data restored from a backup.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The damaged file is the newest state the couple had; the backup is
 * older. Every row that can still be read from the damaged file is laid
 * over the restored data (inserted, or updated where it differs), so
 * answers, notes and entries written after the backup survive unless they
 * sat on a damaged page. A table is read from both ends by rowid, so a
 * damaged page in the middle costs only the rows on it. Rows are never
 * deleted: something that is in the backup but cannot be read from the
 * damaged file is kept. The damaged file is only read.
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "closeness-store-private.h"

#define SALVAGE_TIME_BUDGET (20 * G_USEC_PER_SEC)

typedef struct
{
  sqlite3    *db;           /* the restored data */
  sqlite3    *source;       /* the damaged file, read-only: its errors stay there */
  const char *table;
  GPtrArray  *columns;      /* column names */
  GArray     *is_text;      /* gboolean per column */
  GPtrArray  *key;          /* what orders the table: rowid, or the primary key columns */
  sqlite3_stmt *upsert;
  guint       n_read;
  guint       n_changed;
  gboolean    damaged;      /* reading stopped early at least once */
} TableSalvage;

static int
deadline_cb (void *data)
{
  const gint64 *deadline = data;

  return g_get_monotonic_time () > *deadline;
}

static gboolean
read_columns (TableSalvage *ts)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA main.table_info(\"%s\")", ts->table);
  sqlite3_stmt *stmt = NULL;
  gboolean without_rowid = g_str_equal (ts->table, "app_state")
                           || g_str_equal (ts->table, "prompt_seen");

  if (sqlite3_prepare_v2 (ts->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gboolean text =
        g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 2), "TEXT") == 0;

      g_ptr_array_add (ts->columns, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_array_append_val (ts->is_text, text);
      if (without_rowid && sqlite3_column_int (stmt, 5) > 0)
        g_ptr_array_add (ts->key,
                         g_strdup_printf ("\"%s\"", (const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);

  if (!without_rowid)
    g_ptr_array_add (ts->key, g_strdup ("rowid"));

  return ts->columns->len > 0;
}

static char *
joined_columns (TableSalvage *ts,
                const char   *prefix)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < ts->columns->len; i++)
    g_string_append_printf (text, "%s%s\"%s\"", i > 0 ? ", " : "", prefix,
                            (const char *) ts->columns->pdata[i]);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Insert, or update only where the damaged file's row differs. */
static gboolean
prepare_upsert (TableSalvage *ts)
{
  g_autofree char *cols = joined_columns (ts, "");
  g_autofree char *theirs = joined_columns (ts, "excluded.");
  g_autofree char *ours = joined_columns (ts, "cur.");
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GString) sets = g_string_new (NULL);

  for (guint i = 0; i < ts->columns->len; i++)
    g_string_append_printf (sets, "%s\"%s\" = excluded.\"%s\"", i > 0 ? ", " : "",
                            (const char *) ts->columns->pdata[i],
                            (const char *) ts->columns->pdata[i]);

  g_string_append_printf (sql, "INSERT INTO main.\"%s\" AS cur (%s) VALUES (", ts->table, cols);
  for (guint i = 0; i < ts->columns->len; i++)
    g_string_append (sql, i > 0 ? ", ?" : "?");
  g_string_append_printf (sql, ") ON CONFLICT DO UPDATE SET %s WHERE (%s) IS NOT (%s)",
                          sets->str, ours, theirs);

  return sqlite3_prepare_v2 (ts->db, sql->str, -1, &ts->upsert, NULL) == SQLITE_OK;
}

static gboolean
row_is_sound (TableSalvage *ts,
              sqlite3_stmt *row)
{
  for (guint i = 0; i < ts->columns->len; i++)
    {
      if (g_array_index (ts->is_text, gboolean, i)
          && sqlite3_column_type (row, (int) i) == SQLITE_TEXT)
        {
          const char *text = (const char *) sqlite3_column_text (row, (int) i);

          if (!g_utf8_validate (text, sqlite3_column_bytes (row, (int) i), NULL))
            return FALSE;
        }
    }

  return TRUE;
}

static void
merge_row (TableSalvage *ts,
           sqlite3_stmt *row)
{
  if (!row_is_sound (ts, row))
    {
      ts->damaged = TRUE;
      return;
    }

  for (guint i = 0; i < ts->columns->len; i++)
    sqlite3_bind_value (ts->upsert, (int) i + 1, sqlite3_column_value (row, (int) i));

  /* A row the restored data cannot take (a parent lost to the damage)
   * fails alone; the others go on. */
  if (sqlite3_step (ts->upsert) == SQLITE_DONE && sqlite3_changes (ts->db) > 0)
    ts->n_changed++;
  else if (sqlite3_errcode (ts->db) != SQLITE_OK && sqlite3_errcode (ts->db) != SQLITE_DONE)
    ts->damaged = TRUE;

  sqlite3_reset (ts->upsert);
  sqlite3_clear_bindings (ts->upsert);
}

static char *
row_identity (TableSalvage *ts,
              sqlite3_stmt *row)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < ts->columns->len; i++)
    {
      const char *value = (const char *) sqlite3_column_text (row, (int) i);

      g_string_append_printf (text, "%s\x1f", value != NULL ? value : "\x1e");
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Reads the table from one end until the end, the damage, or a row the
 * other direction already read. */
static void
scan (TableSalvage *ts,
      gboolean      descending,
      GHashTable   *seen)
{
  g_autofree char *cols = joined_columns (ts, "");
  g_autoptr(GString) order = g_string_new (NULL);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  for (guint i = 0; i < ts->key->len; i++)
    g_string_append_printf (order, "%s%s %s", i > 0 ? ", " : "", (const char *) ts->key->pdata[i],
                            descending ? "DESC" : "ASC");
  sql = g_strdup_printf ("SELECT %s FROM main.\"%s\" ORDER BY %s", cols, ts->table, order->str);

  if (sqlite3_prepare_v2 (ts->source, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      ts->damaged = TRUE;
      return;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *identity = row_identity (ts, stmt);

      if (!g_hash_table_add (seen, identity))
        break;
      ts->n_read++;
      merge_row (ts, stmt);
    }

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    ts->damaged = TRUE;

  sqlite3_finalize (stmt);
}

static void
salvage_table (sqlite3    *db,
               sqlite3    *source,
               const char *table,
               guint      *n_changed,
               GPtrArray  *damaged_tables)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) is_text = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GPtrArray) key = g_ptr_array_new_with_free_func (g_free);
  TableSalvage ts = { db, source, table, columns, is_text, key, NULL, 0, 0, FALSE };

  if (!read_columns (&ts) || !prepare_upsert (&ts))
    {
      g_ptr_array_add (damaged_tables, (gpointer) table);
      return;
    }

  scan (&ts, FALSE, seen);
  if (ts.damaged)
    scan (&ts, TRUE, seen);

  sqlite3_finalize (ts.upsert);

  g_debug ("Salvage of %s: %u rows read, %u newer than the backup%s",
           table, ts.n_read, ts.n_changed, ts.damaged ? ", some unreadable" : "");

  *n_changed += ts.n_changed;
  if (ts.damaged)
    g_ptr_array_add (damaged_tables, (gpointer) table);
}

/**
 * _closeness_store_salvage:
 * @target_path: the data restored from a backup (or a fresh file), not in
 *   use yet
 * @damaged_path: the kept damaged file (only read)
 * @n_recovered: (out): rows laid over the restored data
 * @damaged_tables: (out) (transfer container): the tables that could not
 *   be read whole
 *
 * Returns: %FALSE if the damaged file could not be read at all (nothing
 *   was changed)
 */
gboolean
_closeness_store_salvage (const char   *target_path,
                          const char   *damaged_path,
                          guint        *n_recovered,
                          GPtrArray   **damaged_tables)
{
  const char * const *tables = _closeness_store_data_tables ();
  g_autoptr(GPtrArray) unreadable = g_ptr_array_new ();
  g_autofree char *escaped = g_uri_escape_string (damaged_path, "/", FALSE);
  g_autofree char *wal = g_strconcat (damaged_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (damaged_path, "-shm", NULL);
  gboolean has_wal = g_file_test (wal, G_FILE_TEST_EXISTS);
  g_autofree char *uri = NULL;
  gint64 deadline = g_get_monotonic_time () + SALVAGE_TIME_BUDGET;
  sqlite3 *db = NULL;
  sqlite3 *source = NULL;
  sqlite3_stmt *stmt = NULL;
  guint changed = 0;
  int version = -1;
  gboolean ok = FALSE;

  *n_recovered = 0;
  *damaged_tables = NULL;

  /* Without a log of its own the kept file is read as it is, creating
   * nothing beside it; with one, the log is read too. */
  uri = g_strdup_printf ("file://%s?mode=ro%s", escaped, has_wal ? "" : "&immutable=1");
  if (sqlite3_open_v2 (uri, &source, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      g_debug ("Salvage: the damaged file cannot be opened: %s", sqlite3_errmsg (source));
      goto out;
    }
  _closeness_store_configure (source);
  sqlite3_progress_handler (source, 10000, deadline_cb, &deadline);

  if (sqlite3_open_v2 (target_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL)
      != SQLITE_OK)
    goto out;

  _closeness_store_configure (db);
  sqlite3_exec (db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);
  sqlite3_progress_handler (db, 10000, deadline_cb, &deadline);

  /* Only a file at our own schema version lines up column by column. */
  if (sqlite3_prepare_v2 (source, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (version != CLOSENESS_STORE_SCHEMA_VERSION)
    {
      g_debug ("Salvage: the damaged file's version cannot be read or is not ours (%d): %s",
               version, sqlite3_errmsg (source));
      goto out;
    }

  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    goto out;

  for (guint i = 0; tables[i] != NULL; i++)
    salvage_table (db, source, tables[i], &changed, unreadable);

  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_debug ("Salvage: the merge could not be saved: %s", sqlite3_errmsg (db));
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      goto out;
    }

  *n_recovered = changed;
  *damaged_tables = g_steal_pointer (&unreadable);
  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  sqlite3_close (source);
  /* Reading the log made an index beside the kept file; it holds nothing. */
  if (has_wal)
    g_unlink (shm);

  return ok;
}
