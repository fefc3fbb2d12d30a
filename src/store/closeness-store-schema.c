/* closeness-store-schema.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>

#include "closeness-store-private.h"

/* Couple sync's SQL pieces (step 6 → 7). A new global id: a built-in
 * record's key, else 128 random bits. */
#define NEW_GID(builtin) \
  "CASE WHEN " #builtin " IS NOT NULL THEN 'b-' || " #builtin " ELSE lower (hex (randomblob (16))) END"
#define GID_TRIGGER(table) \
  "CREATE TRIGGER " table "_gid AFTER INSERT ON " table " WHEN NEW.gid IS NULL BEGIN " \
  "  UPDATE " table " SET gid = " NEW_GID (NEW.builtin_key) " WHERE id = NEW.id; " \
  "END;"
/* Milliseconds since 1970, UTC. */
#define NOW_MS "CAST ((julianday ('now') - 2440587.5) * 86400000 AS INTEGER)"
#define NOTING \
  "EXISTS (SELECT 1 FROM couple_state WHERE key = 'enabled') " \
  "AND NOT EXISTS (SELECT 1 FROM couple_applying)"
#define NOTE_KEY_SQL(key_sql, from_where) \
  "INSERT INTO couple_outbox (key, changed_at) SELECT " key_sql ", " NOW_MS " " from_where " " \
  "ON CONFLICT (key) DO UPDATE SET changed_at = excluded.changed_at;"
/* A change to a row of TABLE noted under KEY_SQL, when WHEN holds. */
#define NOTE_CHANGE(table, op, key_sql, when) \
  "CREATE TRIGGER " table "_couple_" op " AFTER " op " ON " table " " \
  "WHEN " NOTING " AND (" when ") BEGIN " \
  NOTE_KEY_SQL (key_sql, "WHERE 1") " END;"
/* A change to a row that belongs to a prompt, under the prompt's gid. */
#define NOTE_PROMPT_CHANGE(table, op, row, prefix, suffix) \
  "CREATE TRIGGER " table "_couple_" op " AFTER " op " ON " table " WHEN " NOTING " BEGIN " \
  NOTE_KEY_SQL (prefix " || p.gid " suffix, "FROM prompts p WHERE p.id = " row ".prompt_id") " END;"
#define NOTE_ENTRY_CHANGE(op, row) \
  "CREATE TRIGGER selfcare_entries_couple_" op " AFTER " op " ON selfcare_entries WHEN " NOTING " BEGIN " \
  NOTE_KEY_SQL ("'entry:' || a.gid || ':' || " row ".day || ':' || " row ".slot", \
                "FROM activities a WHERE a.id = " row ".activity_id") " END;"

/* Every schema step ever shipped, in order. A step is never edited once
 * released: a change is a new step. Step N brings user_version N-1 to N and
 * runs in one transaction together with the user_version bump. */
static const char * const migrations[] = {
  /* 0 → 1: the first release */
  "PRAGMA application_id = 1131179891;"   /* CLOSENESS_STORE_APPLICATION_ID */
  "CREATE TABLE store_meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  "INSERT INTO store_meta (key, value) VALUES ('txn_seq', 0);"
  "CREATE TABLE app_state ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE partners ("
  "  slot  INTEGER PRIMARY KEY CHECK (slot IN (0, 1)),"
  "  name  TEXT NOT NULL DEFAULT '',"
  "  color TEXT NOT NULL DEFAULT ''"
  ");"
  "INSERT INTO partners (slot) VALUES (0), (1);"
  "CREATE TABLE decks ("
  "  id          INTEGER PRIMARY KEY,"
  "  builtin_key TEXT UNIQUE,"
  "  name        TEXT NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  position    INTEGER NOT NULL DEFAULT 0,"
  "  retired     INTEGER NOT NULL DEFAULT 0,"
  "  created_at  INTEGER NOT NULL,"
  "  updated_at  INTEGER NOT NULL,"
  "  deleted_at  INTEGER"
  ");"
  "CREATE TABLE prompts ("
  "  id          INTEGER PRIMARY KEY,"
  "  builtin_key TEXT UNIQUE,"
  "  deck_id     INTEGER NOT NULL REFERENCES decks (id) ON DELETE CASCADE,"
  "  text        TEXT NOT NULL,"
  "  follow_up   TEXT NOT NULL DEFAULT '',"
  "  intensity   INTEGER NOT NULL DEFAULT 0 CHECK (intensity BETWEEN 0 AND 2),"
  "  position    INTEGER NOT NULL DEFAULT 0,"
  "  retired     INTEGER NOT NULL DEFAULT 0,"
  "  created_at  INTEGER NOT NULL,"
  "  updated_at  INTEGER NOT NULL,"
  "  deleted_at  INTEGER"
  ");"
  "CREATE INDEX prompts_by_deck ON prompts (deck_id, position);"
  "CREATE TABLE answers ("
  "  id         INTEGER PRIMARY KEY,"
  "  prompt_id  INTEGER NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,"
  "  slot       INTEGER NOT NULL CHECK (slot IN (0, 1)),"
  "  text       TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  updated_at INTEGER NOT NULL,"
  "  UNIQUE (prompt_id, slot)"
  ");"
  "CREATE TABLE conversation_notes ("
  "  id         INTEGER PRIMARY KEY,"
  "  prompt_id  INTEGER NOT NULL UNIQUE REFERENCES prompts (id) ON DELETE CASCADE,"
  "  text       TEXT NOT NULL,"
  "  updated_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE favourites ("
  "  prompt_id  INTEGER PRIMARY KEY REFERENCES prompts (id) ON DELETE CASCADE,"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE discussed ("
  "  id        INTEGER PRIMARY KEY,"
  "  prompt_id INTEGER NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,"
  "  day       TEXT NOT NULL,"
  "  UNIQUE (prompt_id, day)"
  ");"
  "CREATE TABLE skips ("
  "  id        INTEGER PRIMARY KEY,"
  "  prompt_id INTEGER NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,"
  "  day       TEXT NOT NULL,"
  "  UNIQUE (prompt_id, day)"
  ");"
  "CREATE TABLE events ("
  "  id               INTEGER PRIMARY KEY,"
  "  uid              TEXT NOT NULL,"
  "  recurrence_id    TEXT NOT NULL DEFAULT '',"
  "  summary          TEXT NOT NULL,"
  "  dtstart          TEXT NOT NULL,"
  "  tzid             TEXT NOT NULL DEFAULT '',"
  "  duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),"
  "  rrule            TEXT NOT NULL DEFAULT '',"
  "  exdates          TEXT NOT NULL DEFAULT '',"
  "  planned_by       INTEGER NOT NULL DEFAULT -1 CHECK (planned_by BETWEEN -1 AND 2),"
  "  deck_id          INTEGER REFERENCES decks (id) ON DELETE SET NULL,"
  "  notes            TEXT NOT NULL DEFAULT '',"
  "  ical_raw         TEXT,"
  "  etag             TEXT,"
  "  href             TEXT,"
  "  created_at       INTEGER NOT NULL,"
  "  updated_at       INTEGER NOT NULL,"
  "  deleted_at       INTEGER,"
  "  UNIQUE (uid, recurrence_id)"
  ");"
  "CREATE INDEX events_by_start ON events (dtstart);"
  "CREATE TABLE activities ("
  "  id          INTEGER PRIMARY KEY,"
  "  builtin_key TEXT UNIQUE,"
  "  name        TEXT NOT NULL,"
  "  icon        TEXT NOT NULL DEFAULT '',"
  "  color       TEXT NOT NULL DEFAULT '',"
  "  owner       INTEGER NOT NULL CHECK (owner IN (0, 1, 2)),"
  "  private     INTEGER NOT NULL DEFAULT 0,"
  "  goal_kind   INTEGER NOT NULL CHECK (goal_kind IN (0, 1, 2)),"
  "  goal_count  INTEGER NOT NULL CHECK (goal_count BETWEEN 1 AND 31),"
  "  position    INTEGER NOT NULL DEFAULT 0,"
  "  created_at  INTEGER NOT NULL,"
  "  updated_at  INTEGER NOT NULL,"
  "  deleted_at  INTEGER"
  ");"
  "CREATE TABLE reminders ("
  "  id             INTEGER PRIMARY KEY,"
  "  event_id       INTEGER REFERENCES events (id) ON DELETE CASCADE,"
  "  activity_id    INTEGER REFERENCES activities (id) ON DELETE CASCADE,"
  "  offset_minutes INTEGER NOT NULL DEFAULT 0,"
  "  time_of_day    TEXT NOT NULL DEFAULT '',"
  "  weekdays       INTEGER NOT NULL DEFAULT 0,"
  "  snoozed_until  INTEGER,"
  "  last_fired_at  INTEGER,"
  "  CHECK ((event_id IS NULL) <> (activity_id IS NULL))"
  ");"
  "CREATE INDEX reminders_by_event ON reminders (event_id);"
  "CREATE INDEX reminders_by_activity ON reminders (activity_id);"
  "CREATE TABLE selfcare_entries ("
  "  id          INTEGER PRIMARY KEY,"
  "  activity_id INTEGER NOT NULL REFERENCES activities (id) ON DELETE CASCADE,"
  "  slot        INTEGER NOT NULL CHECK (slot IN (0, 1)),"
  "  day         TEXT NOT NULL,"
  "  kind        INTEGER NOT NULL DEFAULT 0 CHECK (kind IN (0, 1)),"
  "  note        TEXT NOT NULL DEFAULT '',"
  "  updated_at  INTEGER NOT NULL,"
  "  UNIQUE (activity_id, day, slot)"
  ");",

  /* 1 → 2: "seen" history for drawing cards, archived activities,
   * reminders that can be switched off. */
  "CREATE TABLE prompt_seen ("
  "  prompt_id INTEGER NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,"
  "  day       TEXT NOT NULL,"
  "  PRIMARY KEY (prompt_id, day)"
  ") WITHOUT ROWID;"
  "CREATE INDEX prompt_seen_by_day ON prompt_seen (day);"
  "ALTER TABLE activities ADD COLUMN archived_at INTEGER;"
  "ALTER TABLE reminders ADD COLUMN enabled INTEGER NOT NULL DEFAULT 1;",

  /* 2 → 3: series by start, for the month view's windowed query
   * (closeness_store_query_events) without a scan of every event. */
  ("CREATE INDEX events_series_by_start ON events (dtstart) "
   "  WHERE rrule <> '' AND recurrence_id = '';"),

  /* 3 → 4: calendar sync over CalDAV. This computer's own bookkeeping,
   * never imported or exported: the account's calendar and sync token,
   * the evenings (by uid) changed here and not yet sent, and each
   * evening's resource on the server with the copy last agreed on and the
   * copies sent and not yet confirmed (a sync killed after the server took
   * one must recognise its own write). */
  "CREATE TABLE sync_state ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE sync_outbox ("
  "  uid TEXT PRIMARY KEY,"
  "  seq INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE sync_resources ("
  "  uid  TEXT PRIMARY KEY,"
  "  href TEXT NOT NULL UNIQUE,"
  "  etag TEXT NOT NULL DEFAULT '',"
  "  base TEXT NOT NULL DEFAULT ''"
  ") WITHOUT ROWID;"
  "CREATE TABLE sync_sent ("
  "  id   INTEGER PRIMARY KEY,"
  "  uid  TEXT NOT NULL,"
  "  body TEXT NOT NULL"
  ");"
  "CREATE INDEX sync_sent_by_uid ON sync_sent (uid);",

  /* 4 → 5: what self-care's streaks and charts read, from the index alone
   * (closeness_store_query_entry_days). */
  ("CREATE INDEX selfcare_entries_days ON selfcare_entries (activity_id, day, slot, kind);"),

  /* 5 → 6: activities that are measured (minutes, km, pages) with a target
   * per day, and "every N days" (interval_days; 1 is the daily goal, 0 a
   * weekly or monthly one, as goal_kind says). Entries get the amount.
   * Order (position) and archiving (archived_at) exist since versions 1
   * and 2. The index that streaks and charts read from carries the amount,
   * so they still read the index alone. */
  "ALTER TABLE activities ADD COLUMN kind INTEGER NOT NULL DEFAULT 0 CHECK (kind IN (0, 1));"
  "ALTER TABLE activities ADD COLUMN unit TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE activities ADD COLUMN target REAL NOT NULL DEFAULT 0 CHECK (target >= 0);"
  "ALTER TABLE activities ADD COLUMN interval_days INTEGER NOT NULL DEFAULT 0 "
  "  CHECK (interval_days BETWEEN 0 AND 365);"
  "UPDATE activities SET interval_days = 1 WHERE goal_kind = 0;"
  "ALTER TABLE selfcare_entries ADD COLUMN value REAL CHECK (value >= 0);"
  "DROP INDEX selfcare_entries_days;"
  "CREATE INDEX selfcare_entries_days ON selfcare_entries (activity_id, day, slot, kind, value);",

  /* 6 → 7: couple sync (docs/SYNC.md, "Couple sync"). Decks, prompts and
   * activities get a global id the couple's devices share (a built-in
   * one's is its key, so every device agrees without talking); a change
   * to anything the couple shares is noted, by trigger, in the same
   * transaction as the change, under the record's stable key; this
   * device's bookkeeping of what it sent and applied. Nothing is noted
   * while couple sync is off or while a change from the other devices is
   * being applied. */
  "ALTER TABLE decks ADD COLUMN gid TEXT;"
  "ALTER TABLE prompts ADD COLUMN gid TEXT;"
  "ALTER TABLE activities ADD COLUMN gid TEXT;"
  "UPDATE decks SET gid = " NEW_GID (builtin_key) ";"
  "UPDATE prompts SET gid = " NEW_GID (builtin_key) ";"
  "UPDATE activities SET gid = " NEW_GID (builtin_key) ";"
  "CREATE UNIQUE INDEX decks_by_gid ON decks (gid);"
  "CREATE UNIQUE INDEX prompts_by_gid ON prompts (gid);"
  "CREATE UNIQUE INDEX activities_by_gid ON activities (gid);"
  GID_TRIGGER ("decks")
  GID_TRIGGER ("prompts")
  GID_TRIGGER ("activities")
  "CREATE TABLE couple_state ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE couple_applying ("
  "  one INTEGER PRIMARY KEY CHECK (one = 1)"
  ");"
  "CREATE TABLE couple_outbox ("
  "  key        TEXT PRIMARY KEY,"
  "  changed_at INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE couple_versions ("
  "  key    TEXT PRIMARY KEY,"
  "  hlc    TEXT NOT NULL,"
  "  stamps TEXT NOT NULL DEFAULT '',"
  "  base   TEXT"
  ") WITHOUT ROWID;"
  "CREATE TABLE couple_waiting ("
  "  key    TEXT PRIMARY KEY,"
  "  record BLOB NOT NULL"
  ") WITHOUT ROWID;"
  "ALTER TABLE conversation_notes ADD COLUMN other_text TEXT;"
  NOTE_CHANGE ("partners", "UPDATE", "'partner:' || NEW.slot", "1")
  NOTE_CHANGE ("decks", "INSERT", "'deck:' || NEW.gid",
               "NEW.builtin_key IS NULL AND NEW.gid IS NOT NULL")
  NOTE_CHANGE ("decks", "UPDATE", "'deck:' || NEW.gid",
               "NEW.builtin_key IS NULL AND NEW.gid IS NOT NULL")
  NOTE_CHANGE ("prompts", "INSERT", "'prompt:' || NEW.gid",
               "NEW.builtin_key IS NULL AND NEW.gid IS NOT NULL")
  NOTE_CHANGE ("prompts", "UPDATE", "'prompt:' || NEW.gid",
               "NEW.builtin_key IS NULL AND NEW.gid IS NOT NULL")
  NOTE_PROMPT_CHANGE ("answers", "INSERT", "NEW", "'answer:'", "|| ':' || NEW.slot")
  NOTE_PROMPT_CHANGE ("answers", "UPDATE", "NEW", "'answer:'", "|| ':' || NEW.slot")
  NOTE_PROMPT_CHANGE ("answers", "DELETE", "OLD", "'answer:'", "|| ':' || OLD.slot")
  NOTE_PROMPT_CHANGE ("conversation_notes", "INSERT", "NEW", "'note:'", "")
  NOTE_PROMPT_CHANGE ("conversation_notes", "UPDATE", "NEW", "'note:'", "")
  NOTE_PROMPT_CHANGE ("conversation_notes", "DELETE", "OLD", "'note:'", "")
  NOTE_PROMPT_CHANGE ("favourites", "INSERT", "NEW", "'favourite:'", "")
  NOTE_PROMPT_CHANGE ("favourites", "DELETE", "OLD", "'favourite:'", "")
  NOTE_PROMPT_CHANGE ("discussed", "INSERT", "NEW", "'discussed:'", "|| ':' || NEW.day")
  NOTE_PROMPT_CHANGE ("discussed", "DELETE", "OLD", "'discussed:'", "|| ':' || OLD.day")
  NOTE_PROMPT_CHANGE ("skips", "INSERT", "NEW", "'skip:'", "|| ':' || NEW.day")
  NOTE_PROMPT_CHANGE ("skips", "DELETE", "OLD", "'skip:'", "|| ':' || OLD.day")
  NOTE_CHANGE ("activities", "INSERT", "'activity:' || NEW.gid", "NEW.gid IS NOT NULL")
  NOTE_CHANGE ("activities", "UPDATE", "'activity:' || NEW.gid", "NEW.gid IS NOT NULL")
  NOTE_ENTRY_CHANGE ("INSERT", "NEW")
  NOTE_ENTRY_CHANGE ("UPDATE", "NEW")
  NOTE_ENTRY_CHANGE ("DELETE", "OLD"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CLOSENESS_STORE_SCHEMA_VERSION);

/* Tables holding the couple's data, parents before children; used for
 * import and restore. store_meta is the store's own bookkeeping. */
static const char * const data_tables[] = {
  "partners",
  "app_state",
  "decks",
  "prompts",
  "answers",
  "conversation_notes",
  "favourites",
  "discussed",
  "skips",
  "prompt_seen",
  "events",
  "activities",
  "reminders",
  "selfcare_entries",
  NULL
};

const char * const *
_closeness_store_data_tables (void)
{
  return data_tables;
}

int
_closeness_store_error_code_from_rc (sqlite3 *db,
                                     int      rc)
{
  int errnum = db != NULL ? sqlite3_system_errno (db) : 0;

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      return CLOSENESS_STORE_ERROR_DISK_FULL;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return CLOSENESS_STORE_ERROR_READ_ONLY;

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return CLOSENESS_STORE_ERROR_BUSY;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return CLOSENESS_STORE_ERROR_CORRUPT;

    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        return CLOSENESS_STORE_ERROR_NOT_FOUND;
      return CLOSENESS_STORE_ERROR_INVALID_INPUT;

    case SQLITE_TOOBIG:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
      return CLOSENESS_STORE_ERROR_INVALID_INPUT;

    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      if (errnum == ENOSPC || errnum == EDQUOT)
        return CLOSENESS_STORE_ERROR_DISK_FULL;
      if (errnum == EROFS || errnum == EACCES || errnum == EPERM)
        return CLOSENESS_STORE_ERROR_READ_ONLY;
      if (rc == SQLITE_IOERR_SHMSIZE)
        return CLOSENESS_STORE_ERROR_DISK_FULL;
      return CLOSENESS_STORE_ERROR_FAILED;

    default:
      return CLOSENESS_STORE_ERROR_FAILED;
    }
}

/* @what is a sentence for people saying what failed, never with their text
 * in it; the reason is added from the error class. */
void
_closeness_store_set_error_from_rc (GError     **error,
                                    sqlite3     *db,
                                    int          rc,
                                    const char  *what)
{
  int code = _closeness_store_error_code_from_rc (db, rc);
  const char *why;

  switch (code)
    {
    case CLOSENESS_STORE_ERROR_DISK_FULL:
      why = _("The disk is full.");
      break;

    case CLOSENESS_STORE_ERROR_READ_ONLY:
      why = _("The data folder cannot be written to.");
      break;

    case CLOSENESS_STORE_ERROR_BUSY:
      why = _("Another program kept the data busy for too long.");
      break;

    case CLOSENESS_STORE_ERROR_CORRUPT:
      why = _("The data file is damaged.");
      break;

    case CLOSENESS_STORE_ERROR_NOT_FOUND:
      why = _("It no longer exists.");
      break;

    case CLOSENESS_STORE_ERROR_INVALID_INPUT:
      why = _("The data was not valid.");
      break;

    default:
      why = NULL;
      break;
    }

  if (why != NULL)
    g_set_error (error, CLOSENESS_STORE_ERROR, code, "%s %s", what, why);
  else
    /* Translators: the first %s is a sentence saying what failed, the second a technical reason */
    g_set_error (error, CLOSENESS_STORE_ERROR, code, _("%s (%s)"), what, sqlite3_errstr (rc));
}

gboolean
_closeness_store_exec (sqlite3     *db,
                       const char  *sql,
                       GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _closeness_store_set_error_from_rc (error, db, sqlite3_extended_errcode (db),
                                          _("The data could not be read or written."));
      return FALSE;
    }

  return TRUE;
}

/* The same settings for every connection we open, ours or a worker's. */
void
_closeness_store_configure (sqlite3 *db)
{
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 10000);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
}

int
_closeness_store_read_user_version (sqlite3  *db,
                                    GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;
  int version = -1;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          version = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  else
    rc = sqlite3_extended_errcode (db);

  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    {
      _closeness_store_set_error_from_rc (error, db, rc, _("The data could not be read."));
      return -1;
    }

  /* Any 32-bit value can be stored there; ours are never negative. */
  if (version < 0)
    {
      g_set_error_literal (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT,
                           _("The file is not a Closeness file."));
      return -1;
    }

  return version;
}

/* Brings @db to @target_version, one transaction per step. A database newer
 * than this build is refused before anything is written. */
gboolean
_closeness_store_migrate (sqlite3  *db,
                          int       target_version,
                          GError  **error)
{
  int version;

  g_return_val_if_fail (target_version <= CLOSENESS_STORE_SCHEMA_VERSION, FALSE);

  version = _closeness_store_read_user_version (db, error);
  if (version < 0)
    return FALSE;

  if (version > CLOSENESS_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_TOO_NEW,
                   _("The data was saved by a newer version of Closeness. "
                     "Please update Closeness to open it; the file was left unchanged."));
      return FALSE;
    }

  while (version < target_version)
    {
      g_autofree char *bump = NULL;

      g_debug ("Migrating the database from version %d to %d", version, version + 1);

      if (!_closeness_store_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;

      bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!_closeness_store_exec (db, migrations[version], error) ||
          !_closeness_store_exec (db, bump, error) ||
          !_closeness_store_exec (db, "COMMIT", error))
        {
          if (!sqlite3_get_autocommit (db))
            sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          g_prefix_error (error, "%s ",
                          _("The data could not be updated for this version of Closeness."));
          return FALSE;
        }

      version++;
    }

  return TRUE;
}
