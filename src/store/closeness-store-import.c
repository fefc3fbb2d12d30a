/* closeness-store-import.c: the checks a whole-data file passes before it
 * may replace anything.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file to import or restore may come from anywhere, so it is held to the
 * same rules as the store's own API, and read with SQLite's defences up:
 * a size and shape check before SQLite sees it, a schema that must be
 * exactly ours, length limits and a time budget, then every value. The
 * checks run on a private copy; the caller replaces the data only when
 * they all pass, so a refused file changes nothing (not even a backup).
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "closeness-import-file.h"
#include "closeness-store-private.h"

/* Ten years of a couple's data is about 30 MiB. */
#define MAX_IMPORT_BYTES      ((goffset) 1024 * 1024 * 1024)
#define IMPORT_TIME_BUDGET    (30 * G_USEC_PER_SEC)
#define MAX_VALUE_BYTES       (4 * CLOSENESS_STORE_MAX_TEXT + 4096)

/* The app_state keys Closeness writes. Any other key in a file means the
 * file was not made by Closeness. */
static const char * const state_keys[] = {
  "welcome-done",
  "intensity-ceiling",
  "desire-deck",
  "draw-left-out",
  "library-version",
  "selfcare-view",
  "selfcare-me",
  "selfcare-builtins-seeded",
  "discreet-mode",
  "checkin-reminders",
  "print-settings",
  NULL
};

/* Keys that belong to this computer and never come from a file: print
 * settings name where "Print to File" writes. */
static const char * const local_state_keys[] = {
  "print-settings",
  NULL
};

gboolean
_closeness_store_is_local_state_key (const char *key)
{
  return key != NULL && g_strv_contains (local_state_keys, key);
}

static gboolean
refuse (GError     **error,
        int          code,
        const char  *reason)
{
  g_set_error (error, CLOSENESS_STORE_ERROR, code, "%s %s", _("Nothing was changed."), reason);
  return FALSE;
}

static gboolean
not_ours (GError **error)
{
  return refuse (error, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                 _("The file is not a Closeness file."));
}

static gboolean
bad_values (GError **error)
{
  return refuse (error, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                 _("The file has data that Closeness would not accept."));
}

static guint32
read_be32 (const guchar *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Before SQLite reads a byte: a regular file of a sane size that is not
 * mostly holes, with a SQLite header carrying our id and a version we know. */
static gboolean
check_file_shape (const char  *path,
                  GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  guchar header[100];
  goffset size = 0;
  guint64 blocks;
  gint32 version;
  guint page_size;
  gsize n = 0;

  /* Folders, devices and pipes are refused before a byte is read, as by
   * every other importer. */
  stream = closeness_import_file_open (file, &size, NULL, &local_error);
  if (stream == NULL)
    return refuse (error,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                   ? CLOSENESS_STORE_ERROR_NOT_FOUND : CLOSENESS_STORE_ERROR_INVALID_INPUT,
                   g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                   ? _("The file could not be found.") : local_error->message);

  if (size > MAX_IMPORT_BYTES)
    return refuse (error, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                   _("The file is far too large to be a Closeness file."));

  /* A sparse file is small on disk and huge when copied. */
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_UNIX_BLOCKS, NULL, NULL);
  blocks = info != NULL ? g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_BLOCKS) : 0;
  if (info != NULL && size > 4 * 1024 * 1024 && (goffset) blocks * 512 < size / 2)
    return refuse (error, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                   _("The file is mostly empty space and not a Closeness file."));

  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), header, sizeof header, &n, NULL, NULL))
    n = 0;

  if (n != sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    return refuse (error, CLOSENESS_STORE_ERROR_CORRUPT,
                   _("The file is damaged or is not a Closeness file."));

  page_size = ((guint) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  if (page_size < 512 || (page_size & (page_size - 1)) != 0 || size % page_size != 0)
    return refuse (error, CLOSENESS_STORE_ERROR_CORRUPT,
                   _("The file is damaged or is not a Closeness file."));

  if (read_be32 (header + 68) != CLOSENESS_STORE_APPLICATION_ID)
    return not_ours (error);

  version = (gint32) read_be32 (header + 60);
  if (version > CLOSENESS_STORE_SCHEMA_VERSION)
    return refuse (error, CLOSENESS_STORE_ERROR_TOO_NEW,
                   _("The file was saved by a newer version of Closeness."));
  if (version < 1)
    return not_ours (error);

  return TRUE;
}

static int
deadline_cb (void *data)
{
  const gint64 *deadline = data;

  return g_get_monotonic_time () > *deadline;
}

/* The schema Closeness itself makes at @version, in memory. */
sqlite3 *
_closeness_store_open_reference (int      version,
                                 GError **error)
{
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL)
      != SQLITE_OK)
    {
      _closeness_store_set_error_from_rc (error, db, SQLITE_NOMEM, _("Nothing was changed."));
      sqlite3_close (db);
      return NULL;
    }

  _closeness_store_configure (db);
  if (!_closeness_store_migrate (db, version, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

static char *
describe_schema (sqlite3 *db)
{
  g_autoptr(GString) text = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* sqlite_stat* tables come from ANALYZE and hold no data of ours. */
  rc = sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema "
                               "WHERE name NOT LIKE 'sqlite\\_stat%' ESCAPE '\\' "
                               "ORDER BY type, name", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < 4; i++)
        g_string_append_printf (text, "%s\x1f", (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (text, '\n');
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Every table, column, index and constraint exactly as Closeness made them
 * at the file's version: no views, triggers, virtual tables, generated
 * columns or expression indexes of anyone else's. */
static gboolean
check_schema_is_ours (sqlite3  *db,
                      int       version,
                      GError  **error)
{
  g_autofree char *theirs = NULL;
  g_autofree char *ours = NULL;
  sqlite3 *reference;

  if (!(reference = _closeness_store_open_reference (version, error)))
    return FALSE;

  ours = describe_schema (reference);
  sqlite3_close (reference);

  theirs = describe_schema (db);
  if (theirs == NULL)
    return refuse (error, CLOSENESS_STORE_ERROR_CORRUPT,
                   _("The file is damaged or is not a Closeness file."));

  if (ours == NULL || strcmp (ours, theirs) != 0)
    return refuse (error, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                   _("The file has parts that Closeness does not make."));

  return TRUE;
}

/* TRUE while @stmt gives a row; then @rc is SQLITE_OK, or the error that
 * ended it. */
static gboolean
next_row (sqlite3_stmt *stmt,
          int          *rc)
{
  int step;

  if (*rc != SQLITE_OK)
    return FALSE;

  step = sqlite3_step (stmt);
  if (step == SQLITE_ROW)
    return TRUE;

  *rc = step == SQLITE_DONE ? SQLITE_OK : step;

  return FALSE;
}

/* A query whose rows are each a problem. */
static gboolean
has_rows (sqlite3    *db,
          const char *sql,
          int        *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);

  *rc_out = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;

  return rc == SQLITE_ROW;
}

typedef struct
{
  const char *table;
  const char *column;
  glong       min_chars;
  glong       max_chars;
} TextRule;

/* Texts with a limit of their own; every other text column may hold up to
 * CLOSENESS_STORE_MAX_TEXT characters. */
static const TextRule text_rules[] = {
  { "partners",   "name",        0, CLOSENESS_STORE_MAX_NAME },
  { "partners",   "color",       0, 7 },
  { "decks",      "name",        1, CLOSENESS_STORE_MAX_TITLE },
  { "prompts",    "text",        1, CLOSENESS_STORE_MAX_TEXT },
  { "events",     "summary",     1, CLOSENESS_STORE_MAX_TITLE },
  { "events",     "uid",         1, 1000 },
  { "events",     "tzid",        0, 64 },
  { "activities", "name",        1, CLOSENESS_STORE_MAX_NAME },
  { "activities", "icon",        0, 200 },
  { "activities", "color",       0, 7 },
  { "activities", "unit",        0, CLOSENESS_STORE_MAX_UNIT },
  { "app_state",  "key",         1, 200 },
};

static void
text_limits (const char *table,
             const char *column,
             glong      *min_chars,
             glong      *max_chars)
{
  *min_chars = 0;
  *max_chars = CLOSENESS_STORE_MAX_TEXT;

  for (guint i = 0; i < G_N_ELEMENTS (text_rules); i++)
    {
      if (g_str_equal (text_rules[i].table, table) && g_str_equal (text_rules[i].column, column))
        {
          *min_chars = text_rules[i].min_chars;
          *max_chars = text_rules[i].max_chars;
        }
    }
}

/* Each column holds what its type says (SQLite keeps whatever it is given),
 * and each text is valid UTF-8 within the API's length. */
static gboolean
check_table_values (sqlite3     *db,
                    const char  *table,
                    int         *rc_out)
{
  g_autoptr(GString) select = g_string_new ("SELECT ");
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) is_text = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GArray) is_real = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GArray) nullable = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autofree char *info_sql = g_strdup_printf ("PRAGMA main.table_info(%s)", table);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  *rc_out = SQLITE_OK;

  if (sqlite3_prepare_v2 (db, info_sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      *rc_out = sqlite3_extended_errcode (db);
      return FALSE;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gboolean text =
        g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 2), "TEXT") == 0;
      gboolean real =
        g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 2), "REAL") == 0;
      gboolean null_ok = sqlite3_column_int (stmt, 3) == 0 && sqlite3_column_int (stmt, 5) == 0;

      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_array_append_val (is_text, text);
      g_array_append_val (is_real, real);
      g_array_append_val (nullable, null_ok);
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (select, "%s\"%s\"", i > 0 ? ", " : "", (char *) names->pdata[i]);
  g_string_append_printf (select, " FROM main.\"%s\"", table);
  sql = g_string_free (g_steal_pointer (&select), FALSE);

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  while (ok && next_row (stmt, &rc))
    {
      for (guint i = 0; ok && i < names->len; i++)
        {
          int type = sqlite3_column_type (stmt, (int) i);

          if (type == SQLITE_NULL)
            ok = g_array_index (nullable, gboolean, i);
          else if (g_array_index (is_text, gboolean, i))
            {
              glong min_chars, max_chars;

              text_limits (table, names->pdata[i], &min_chars, &max_chars);
              ok = type == SQLITE_TEXT &&
                   _closeness_store_check_text ((const char *) sqlite3_column_text (stmt, (int) i),
                                                min_chars, max_chars);
            }
          else if (g_array_index (is_real, gboolean, i))
            ok = type == SQLITE_FLOAT || type == SQLITE_INTEGER;
          else
            ok = type == SQLITE_INTEGER;
        }
    }
  sqlite3_finalize (stmt);

  *rc_out = rc;

  return ok && rc == SQLITE_OK;
}

/* Values each column's own rules refuse in the API: dates, times, time
 * zones, colours, goals, setting names. */
static gboolean
check_domain_values (sqlite3 *db,
                     int     *rc_out)
{
  static const char * const problems[] = {
    "SELECT 1 WHERE (SELECT count(*) FROM partners) <> 2",
    ("SELECT 1 FROM events WHERE duration_minutes NOT BETWEEN 1 AND "
     G_STRINGIFY (CLOSENESS_STORE_MAX_DURATION_MINUTES)),
    ("SELECT 1 FROM activities WHERE (goal_kind = 0 AND goal_count <> 1) "
     "  OR (goal_kind = 1 AND goal_count > 7) OR (private <> 0 AND owner = 2) "
     "  OR private NOT IN (0, 1)"),
    /* Version 6: a measured activity has a target, a ticked one none; a
     * daily goal is every 1 … 365 days, a weekly or monthly one has no
     * interval. */
    ("SELECT 1 FROM activities WHERE kind NOT IN (0, 1) "
     "  OR (kind = 1 AND (target <= 0 OR target > " G_STRINGIFY (CLOSENESS_STORE_MAX_AMOUNT) ")) "
     "  OR (kind = 0 AND target <> 0) "
     "  OR (goal_kind = 0 AND interval_days NOT BETWEEN 1 AND "
     G_STRINGIFY (CLOSENESS_STORE_MAX_INTERVAL_DAYS) ") "
     "  OR (goal_kind <> 0 AND interval_days <> 0)"),
    ("SELECT 1 FROM selfcare_entries WHERE value < 0 OR value > "
     G_STRINGIFY (CLOSENESS_STORE_MAX_AMOUNT)),
    ("SELECT 1 FROM reminders WHERE event_id IS NOT NULL AND offset_minutes NOT BETWEEN 0 AND "
     G_STRINGIFY (CLOSENESS_STORE_MAX_REMINDER_OFFSET)),
    "SELECT 1 FROM reminders WHERE activity_id IS NOT NULL AND weekdays NOT BETWEEN 1 AND 127",
    "SELECT 1 FROM reminders WHERE enabled NOT IN (0, 1)",
    "SELECT 1 FROM decks WHERE retired NOT IN (0, 1)",
    "SELECT 1 FROM prompts WHERE retired NOT IN (0, 1)",
  };
  static const struct {
    const char *sql;
    gboolean  (*check) (const char *value);
  } value_checks[] = {
    { "SELECT color FROM partners", _closeness_store_is_color },
    { "SELECT color FROM activities", _closeness_store_is_color },
    { "SELECT dtstart FROM events", _closeness_store_check_dtstart },
    { "SELECT day FROM discussed", _closeness_store_check_calendar_day },
    { "SELECT day FROM skips", _closeness_store_check_calendar_day },
    { "SELECT day FROM prompt_seen", _closeness_store_check_calendar_day },
    { "SELECT day FROM selfcare_entries", _closeness_store_check_calendar_day },
    { "SELECT time_of_day FROM reminders WHERE activity_id IS NOT NULL",
      _closeness_store_check_time_of_day },
  };
  g_autoptr(GHashTable) zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc = SQLITE_OK;

  for (guint i = 0; ok && i < G_N_ELEMENTS (problems); i++)
    {
      ok = !has_rows (db, problems[i], &rc) && rc == SQLITE_OK;
    }

  for (guint i = 0; ok && i < G_N_ELEMENTS (value_checks); i++)
    {
      rc = sqlite3_prepare_v2 (db, value_checks[i].sql, -1, &stmt, NULL);
      while (ok && next_row (stmt, &rc))
        ok = value_checks[i].check ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      ok = ok && rc == SQLITE_OK;
    }

  if (ok)
    {
      rc = sqlite3_prepare_v2 (db, "SELECT DISTINCT tzid FROM events WHERE tzid <> ''", -1, &stmt,
                               NULL);
      while (ok && next_row (stmt, &rc))
        ok = _closeness_store_check_tzid ((const char *) sqlite3_column_text (stmt, 0), zones);
      sqlite3_finalize (stmt);
      ok = ok && rc == SQLITE_OK;
    }

  if (ok)
    {
      rc = sqlite3_prepare_v2 (db, "SELECT key FROM app_state", -1, &stmt, NULL);
      while (ok && next_row (stmt, &rc))
        ok = g_strv_contains (state_keys, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      ok = ok && rc == SQLITE_OK;
    }

  *rc_out = rc;

  return ok;
}

/* A connection-level failure while checking: the time budget, a value over
 * SQLite's length limit, damage. */
static gboolean
refuse_for_rc (sqlite3  *db,
               int       rc,
               GError  **error)
{
  switch (rc & 0xff)
    {
    case SQLITE_INTERRUPT:
      return refuse (error, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                     _("Checking the file took far too long."));
    case SQLITE_TOOBIG:
      return refuse (error, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                     _("The file has a text longer than Closeness allows."));
    default:
      _closeness_store_set_error_from_rc (error, db, rc, _("Nothing was changed."));
      return FALSE;
    }
}

/**
 * _closeness_store_prepare_import:
 * @source_path: the file to import or restore
 * @incoming_path: where to put the checked copy (in the data folder)
 *
 * Checks @source_path and leaves at @incoming_path a private copy brought
 * to our schema version, whose every value the API would accept. On
 * failure @incoming_path is removed and the error starts with “Nothing was
 * changed.”
 */
gboolean
_closeness_store_prepare_import (const char  *source_path,
                                 const char  *incoming_path,
                                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char * const *tables = _closeness_store_data_tables ();
  gint64 deadline = g_get_monotonic_time () + IMPORT_TIME_BUDGET;
  sqlite3 *db = NULL;
  gboolean ok = FALSE;
  int version = 0;
  int rc = SQLITE_OK;

  if (!check_file_shape (source_path, error))
    return FALSE;

  if (!_closeness_store_copy_database (source_path, incoming_path, &local_error))
    {
      refuse (error, CLOSENESS_STORE_ERROR_CORRUPT,
              _("The file is damaged or is not a Closeness file."));
      goto out;
    }

  rc = sqlite3_open_v2 (incoming_path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      refuse_for_rc (db, rc, error);
      goto out;
    }

  _closeness_store_configure (db);
  sqlite3_progress_handler (db, 10000, deadline_cb, &deadline);

  version = _closeness_store_read_user_version (db, NULL);
  if (version < 1 || version > CLOSENESS_STORE_SCHEMA_VERSION)
    {
      not_ours (error);
      goto out;
    }

  /* The schema first: an expression index or a generated column would run
   * its code in the integrity check. */
  if (!check_schema_is_ours (db, version, error))
    goto out;

  /* Read-write: a read-only connection's check skips CHECK constraints. */
  if (!_closeness_store_check_connection (db, TRUE, NULL, &local_error))
    {
      if (sqlite3_extended_errcode (db) == SQLITE_INTERRUPT)
        {
          refuse_for_rc (db, SQLITE_INTERRUPT, error);
          goto out;
        }
      g_set_error (error, local_error->domain, local_error->code, "%s %s",
                   _("Nothing was changed."), local_error->message);
      goto out;
    }

  /* From here on no value may be longer than the API allows. */
  sqlite3_limit (db, SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES);
  sqlite3_limit (db, SQLITE_LIMIT_SQL_LENGTH, 100000);

  if (!_closeness_store_migrate (db, CLOSENESS_STORE_SCHEMA_VERSION, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code, "%s %s",
                   _("Nothing was changed."), local_error->message);
      goto out;
    }

  if (has_rows (db, "PRAGMA foreign_key_check", &rc))
    {
      refuse (error, CLOSENESS_STORE_ERROR_INVALID_INPUT,
              _("The file has data that does not fit together."));
      goto out;
    }
  if (rc != SQLITE_OK)
    {
      refuse_for_rc (db, rc, error);
      goto out;
    }

  for (guint i = 0; tables[i] != NULL; i++)
    {
      if (!check_table_values (db, tables[i], &rc))
        {
          if (rc != SQLITE_OK)
            refuse_for_rc (db, rc, error);
          else
            bad_values (error);
          goto out;
        }
    }

  if (!check_domain_values (db, &rc))
    {
      if (rc != SQLITE_OK)
        refuse_for_rc (db, rc, error);
      else
        bad_values (error);
      goto out;
    }

  ok = TRUE;

out:
  sqlite3_close (db);

  if (!ok)
    {
      g_autofree char *journal = g_strconcat (incoming_path, "-journal", NULL);

      g_unlink (incoming_path);
      g_unlink (journal);
    }

  return ok;
}
