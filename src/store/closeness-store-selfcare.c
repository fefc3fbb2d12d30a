/* closeness-store-selfcare.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "closeness-activity-private.h"
#include "closeness-entry-private.h"
#include "closeness-store-records-private.h"

/* The records of the Self-care page: activities and their entries. */

#define ACTIVITY_COLUMNS \
  "SELECT id, builtin_key, name, icon, color, owner, private, goal_kind, goal_count, position, " \
  "  archived_at IS NOT NULL, kind, unit, target, interval_days FROM activities "

#define ENTRY_COLUMNS \
  "SELECT id, activity_id, slot, day, kind, note, updated_at, value FROM selfcare_entries "

/**
 * closeness_store_get_activities:
 *
 * Returns: (transfer none): every activity (#ClosenessActivity), archived
 *   ones included (see #ClosenessActivity:archived); the page filters by
 *   owner and privacy
 */
GListModel *
closeness_store_get_activities (ClosenessStore *self)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (self->activities == NULL)
    self->activities = _store_new_list (self, CLOSENESS_TYPE_ACTIVITY,
                                        _closeness_activity_new_from_stmt,
                                        STORE_TABLE_ACTIVITIES,
                                        ACTIVITY_COLUMNS
                                        "WHERE deleted_at IS NULL ORDER BY position, id",
                                        NULL);

  return G_LIST_MODEL (self->activities);
}

/* An amount as the store keeps it: a finite number from 0 to the limit. */
static gboolean
is_amount (double value)
{
  return isfinite (value) && value >= 0 && value <= CLOSENESS_STORE_MAX_AMOUNT;
}

/* What is saved of the measure and the interval: a yes/no activity has no
 * unit and no target; a daily goal is "every 1 day" unless it says more. */
typedef struct
{
  const char *unit;
  double      target;
  gint64      interval_days;
} ActivityMeasure;

static gboolean
check_activity_measure (const ClosenessActivityInfo  *info,
                        ActivityMeasure              *measure,
                        GError                      **error)
{
  if ((guint) info->kind > CLOSENESS_ACTIVITY_MEASURABLE)
    return _store_invalid (error, _("The activity is not valid."));

  if (info->kind == CLOSENESS_ACTIVITY_MEASURABLE)
    {
      if (!is_amount (info->target) || info->target <= 0)
        return _store_invalid (error, _("The goal is not valid."));
      if (info->unit != NULL &&
          !_store_check_text (info->unit, 0, CLOSENESS_STORE_MAX_UNIT, _("The goal is not valid."),
                              error))
        return FALSE;
      measure->unit = info->unit != NULL ? info->unit : "";
      measure->target = info->target;
    }
  else
    {
      measure->unit = "";
      measure->target = 0;
    }

  if (info->goal_kind == CLOSENESS_GOAL_DAILY)
    {
      if (info->interval_days < 0 || info->interval_days > CLOSENESS_STORE_MAX_INTERVAL_DAYS)
        return _store_invalid (error, _("The goal is not possible for this period."));
      measure->interval_days = MAX (info->interval_days, 1);
    }
  else
    {
      if (info->interval_days != 0)
        return _store_invalid (error, _("The goal is not possible for this period."));
      measure->interval_days = 0;
    }

  return TRUE;
}

static gboolean
check_activity_info (ClosenessStore               *self,
                     const ClosenessActivityInfo  *info,
                     gint64                        own_id,
                     char                        **name,
                     GError                      **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean duplicate = FALSE;

  if (info == NULL)
    return _store_invalid (error, _("The activity is not valid."));

  if (!_store_check_name (info->name, CLOSENESS_STORE_MAX_NAME, name, error))
    return FALSE;

  if ((info->icon != NULL
       && !_store_check_text (info->icon, 0, 200, _("The icon is not valid."), error))
      || (info->color != NULL && !_closeness_store_is_color (info->color)
          && !_store_invalid (error, _("The color is not valid.")))
      || ((guint) info->owner > CLOSENESS_OWNER_BOTH
          && !_store_invalid (error, _("The activity is not valid.")))
      || (info->is_private && info->owner == CLOSENESS_OWNER_BOTH
          && !_store_invalid (error, _("An activity for both of you cannot be private.")))
      || ((guint) info->goal_kind > CLOSENESS_GOAL_MONTHLY
          && !_store_invalid (error, _("The goal is not valid."))))
    goto fail;

  if (info->goal_count < 1 ||
      (info->goal_kind == CLOSENESS_GOAL_DAILY && info->goal_count != 1) ||
      (info->goal_kind == CLOSENESS_GOAL_WEEKLY && info->goal_count > 7) ||
      (info->goal_kind == CLOSENESS_GOAL_MONTHLY && info->goal_count > 31))
    {
      _store_invalid (error, _("The goal is not possible for this period."));
      goto fail;
    }

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT 1 FROM activities WHERE name = ? COLLATE NOCASE "
                          "AND deleted_at IS NULL AND id != ?", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, *name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, own_id);
      duplicate = sqlite3_step (stmt) == SQLITE_ROW;
    }
  sqlite3_finalize (stmt);

  if (duplicate && (info->builtin_key == NULL || own_id != 0))
    {
      _store_invalid (error, _("There is already an activity with this name."));
      goto fail;
    }

  return TRUE;

fail:
  g_clear_pointer (name, g_free);
  return FALSE;
}

/**
 * closeness_store_create_activity:
 *
 * With a builtin_key that exists already, returns the existing activity
 * unchanged (so seeding built-ins is idempotent).
 *
 * Returns: (transfer full): the activity
 */
ClosenessActivity *
closeness_store_create_activity (ClosenessStore               *self,
                                 const ClosenessActivityInfo  *info,
                                 GError                      **error)
{
  g_autofree char *name = NULL;
  ActivityMeasure measure;
  StoreWrite *write;
  gint64 now = _store_now_unix ();
  gint64 id;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (!check_activity_info (self, info, 0, &name, error))
    return NULL;
  if (!check_activity_measure (info, &measure, error))
    {
      g_clear_pointer (&name, g_free);
      return NULL;
    }

  closeness_store_get_activities (self);

  write = _store_write_new (STORE_TABLE_ACTIVITIES, _("The activity could not be saved."));
  _store_write_add (write, FALSE,
                    "INSERT INTO activities (builtin_key, name, icon, color, owner, private, "
                    "  goal_kind, goal_count, position, created_at, updated_at, kind, unit, target, "
                    "  interval_days) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                    "  (SELECT coalesce(max(position), 0) + 1 FROM activities), ?9, ?9, "
                    "  ?10, ?11, ?12, ?13) "
                    "ON CONFLICT (builtin_key) DO UPDATE SET builtin_key = excluded.builtin_key "
                    "RETURNING id",
                    g_variant_new ("(@mssssxbxxxxsdx)", _store_maybe_string (info->builtin_key),
                                   name, info->icon ? info->icon : "",
                                   info->color ? info->color : "", (gint64) info->owner,
                                   info->is_private, (gint64) info->goal_kind,
                                   (gint64) info->goal_count, now, (gint64) info->kind,
                                   measure.unit, measure.target, measure.interval_days));

  if (!(id = _store_run_for_id (self, write, error)))
    return NULL;

  return _store_ref_from_list (self->activities, id);
}

gboolean
closeness_store_update_activity (ClosenessStore               *self,
                                 gint64                        activity_id,
                                 const ClosenessActivityInfo  *info,
                                 GError                      **error)
{
  g_autofree char *name = NULL;
  ActivityMeasure measure;
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (!_store_check_id (activity_id, error) ||
      !check_activity_info (self, info, activity_id, &name, error) ||
      !check_activity_measure (info, &measure, error))
    return FALSE;

  write = _store_write_new (STORE_TABLE_ACTIVITIES, _("The activity could not be saved."));
  _store_write_add (write, TRUE,
                    "UPDATE activities SET name = ?, icon = ?, color = ?, owner = ?, private = ?, "
                    "  goal_kind = ?, goal_count = ?, updated_at = ?, kind = ?, unit = ?, "
                    "  target = ?, interval_days = ? WHERE id = ?",
                    g_variant_new ("(sssxbxxxxsdxx)", name, info->icon ? info->icon : "",
                                   info->color ? info->color : "", (gint64) info->owner,
                                   info->is_private, (gint64) info->goal_kind,
                                   (gint64) info->goal_count, _store_now_unix (),
                                   (gint64) info->kind, measure.unit, measure.target,
                                   measure.interval_days, activity_id));

  return _closeness_store_run (self, write, error);
}

gboolean
closeness_store_set_activity_archived (ClosenessStore  *self,
                                       gint64           activity_id,
                                       gboolean         archived,
                                       GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (!_store_check_id (activity_id, error))
    return FALSE;

  write = _store_write_new (STORE_TABLE_ACTIVITIES, _("The activity could not be saved."));
  _store_write_add (write, TRUE,
                    archived
                      ? "UPDATE activities SET archived_at = coalesce (archived_at, CAST (strftime ('%s', 'now') AS INTEGER)) WHERE id = ?"
                      : "UPDATE activities SET archived_at = NULL WHERE id = ?",
                    g_variant_new ("(x)", activity_id));

  return _closeness_store_run (self, write, error);
}

/**
 * closeness_store_set_activity_order:
 * @ids: (array length=n_ids): activities in the order they are to be shown
 *
 * Gives the activities in @ids the positions 1, 2, … in that order, in one
 * transaction; activities not named keep theirs. The page passes every
 * activity, so hidden ones (another view, archived) keep their place
 * among the others.
 */
gboolean
closeness_store_set_activity_order (ClosenessStore  *self,
                                    const gint64    *ids,
                                    guint            n_ids,
                                    GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  if (n_ids == 0)
    return TRUE;

  for (guint i = 0; i < n_ids; i++)
    {
      if (!_store_check_id (ids[i], error))
        return FALSE;
    }

  write = _store_write_new (STORE_TABLE_ACTIVITIES, _("The activity could not be saved."));
  for (guint i = 0; i < n_ids; i++)
    _store_write_add (write, FALSE, "UPDATE activities SET position = ? WHERE id = ?",
                      g_variant_new ("(xx)", (gint64) i + 1, ids[i]));

  return _closeness_store_run (self, write, error);
}

gboolean
closeness_store_delete_activity (ClosenessStore  *self,
                                 gint64           activity_id,
                                 GError         **error)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  return _store_set_deleted (self, "activities", STORE_TABLE_ACTIVITIES | STORE_TABLE_ENTRIES,
                             activity_id, TRUE, _("The activity could not be deleted."), error);
}

gboolean
closeness_store_undelete_activity (ClosenessStore  *self,
                                   gint64           activity_id,
                                   GError         **error)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  return _store_set_deleted (self, "activities", STORE_TABLE_ACTIVITIES | STORE_TABLE_ENTRIES,
                             activity_id, FALSE, _("The activity could not be restored."), error);
}

/**
 * closeness_store_get_entries:
 * @first_day: 'YYYY-MM-DD'
 * @last_day: 'YYYY-MM-DD', inclusive
 *
 * Returns: (transfer full) (nullable): the entries (#ClosenessEntry) of
 *   one activity in a range of days, by day then partner, kept up to date;
 *   %NULL for invalid days
 */
GListModel *
closeness_store_get_entries (ClosenessStore *self,
                             gint64          activity_id,
                             const char     *first_day,
                             const char     *last_day)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (!_store_check_calendar_day (first_day, NULL) || !_store_check_calendar_day (last_day, NULL))
    return NULL;

  return G_LIST_MODEL (_store_new_list (self, CLOSENESS_TYPE_ENTRY, _closeness_entry_new_from_stmt,
                                        STORE_TABLE_ENTRIES,
                                        ENTRY_COLUMNS
                                        "WHERE activity_id = ? AND day BETWEEN ? AND ? "
                                        "ORDER BY day, slot",
                                        g_variant_new ("(xss)", activity_id, first_day, last_day)));
}

/* 'YYYY-MM-DD' as the store keeps it (checked on the way in) to a Julian
 * day, without GDate: this runs for every entry of ten years. */
static gboolean
day_to_julian (const char *text,
               int         length,
               guint32    *julian)
{
  int y, m, d, era, year_of_era, day_of_year;

  if (length != 10 || text[4] != '-' || text[7] != '-' ||
      !_store_parse_digits (text, 4, &y) || !_store_parse_digits (text + 5, 2, &m) ||
      !_store_parse_digits (text + 8, 2, &d) || y < 1 || m < 1 || m > 12 || d < 1 || d > 31)
    return FALSE;

  /* Days from civil (proleptic Gregorian), with March as the first month. */
  y -= m <= 2;
  era = y / 400;
  year_of_era = y - era * 400;
  day_of_year = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  *julian = era * 146097 + year_of_era * 365 + year_of_era / 4 - year_of_era / 100 +
            day_of_year - 305;

  return TRUE;
}

/**
 * closeness_store_query_entry_days:
 *
 * Every day on which anything was logged for one activity, with both
 * partners' kinds, sorted by day: what streaks, scores and charts need,
 * read from an index alone (no note, no object per entry). Not kept
 * current: read it again on
 * #ClosenessStore::entries-changed.
 *
 * Returns: (transfer full) (element-type ClosenessEntryDay): the entries,
 *   or %NULL with @error set
 */
GArray *
closeness_store_query_entry_days (ClosenessStore  *self,
                                  gint64           activity_id,
                                  GError         **error)
{
  return closeness_store_query_entry_days_since (self, activity_id, NULL, NULL, error);
}

/**
 * closeness_store_query_entry_days_since:
 * @first_day: (nullable): 'YYYY-MM-DD': only the days from this one on;
 *   %NULL for every day
 * @earlier: (out) (optional): whether there are entries before @first_day
 *
 * closeness_store_query_entry_days() for the recent days a list row needs
 * (read from the same index, a range of it).
 *
 * Returns: (transfer full) (element-type ClosenessEntryDay): the entries,
 *   or %NULL with @error set
 */
GArray *
closeness_store_query_entry_days_since (ClosenessStore  *self,
                                        gint64           activity_id,
                                        const char      *first_day,
                                        gboolean        *earlier,
                                        GError         **error)
{
  return closeness_store_query_entry_days_between (self, activity_id, first_day, NULL, earlier,
                                                   error);
}

/**
 * closeness_store_query_entry_days_between:
 * @first_day: (nullable): 'YYYY-MM-DD', the first day; %NULL for the first
 *   there is
 * @before_day: (nullable): 'YYYY-MM-DD', the day after the last; %NULL for
 *   no end (at most one of the two)
 * @earlier: (out) (optional): whether there are entries before @first_day
 *
 * closeness_store_query_entry_days() for a range of days.
 *
 * Returns: (transfer full) (element-type ClosenessEntryDay): the entries,
 *   or %NULL with @error set
 */
GArray *
closeness_store_query_entry_days_between (ClosenessStore  *self,
                                          gint64           activity_id,
                                          const char      *first_day,
                                          const char      *before_day,
                                          gboolean        *earlier,
                                          GError         **error)
{
  g_autoptr(GArray) days = g_array_sized_new (FALSE, FALSE, sizeof (ClosenessEntryDay), 512);
  char last_text[10] = { 0 };
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);

  if (earlier != NULL)
    *earlier = FALSE;

  if (self->db == NULL)
    {
      g_set_error_literal (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_FAILED,
                           _("The data could not be read."));
      return NULL;
    }

  if (first_day != NULL && earlier != NULL)
    {
      stmt = _closeness_store_get_statement (self,
                                             "SELECT 1 FROM selfcare_entries "
                                             "WHERE activity_id = ? AND day < ? LIMIT 1", &rc);
      if (stmt == NULL)
        {
          _closeness_store_set_error_from_rc (error, self->db, rc,
                                              _("The data could not be read."));
          return NULL;
        }
      sqlite3_bind_int64 (stmt, 1, activity_id);
      sqlite3_bind_text (stmt, 2, first_day, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      *earlier = rc == SQLITE_ROW;
      rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode (self->db);
      sqlite3_reset (stmt);
      if (rc != SQLITE_OK)
        {
          _closeness_store_set_error_from_rc (error, self->db, rc,
                                              _("The data could not be read."));
          return NULL;
        }
    }

  /* '' sorts before every day; a range only has the ends it needs (each
   * end is one more comparison per entry). */
  stmt = _closeness_store_get_statement (self,
                                         before_day == NULL
                                         ? "SELECT day, slot, kind, value FROM selfcare_entries "
                                           "WHERE activity_id = ?1 AND day >= ?2 ORDER BY day, slot"
                                         : "SELECT day, slot, kind, value FROM selfcare_entries "
                                           "WHERE activity_id = ?1 AND day < ?3 ORDER BY day, slot",
                                         &rc);
  if (stmt == NULL)
    {
      _closeness_store_set_error_from_rc (error, self->db, rc, _("The data could not be read."));
      return NULL;
    }

  g_return_val_if_fail (first_day == NULL || before_day == NULL, NULL);

  sqlite3_bind_int64 (stmt, 1, activity_id);
  if (before_day == NULL)
    sqlite3_bind_text (stmt, 2, first_day != NULL ? first_day : "", -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_text (stmt, 3, before_day, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      guint slot = sqlite3_column_int (stmt, 1);
      ClosenessEntryDay *last = days->len > 0
                                ? &g_array_index (days, ClosenessEntryDay, days->len - 1) : NULL;
      guint32 day;

      /* Both partners' rows of a day are next to each other; the text of
       * a day already read is not parsed again. */
      if (slot > 1)
        continue;
      if (last == NULL || strncmp (text, last_text, sizeof last_text) != 0)
        {
          if (!day_to_julian (text, sqlite3_column_bytes (stmt, 0), &day))
            continue;
          g_array_append_vals (days, &(ClosenessEntryDay) { day, { -1, -1 }, { -1, -1 } }, 1);
          last = &g_array_index (days, ClosenessEntryDay, days->len - 1);
          memcpy (last_text, text, sizeof last_text);
        }
      last->kinds[slot] = sqlite3_column_int (stmt, 2);
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        last->values[slot] = sqlite3_column_double (stmt, 3);
    }

  rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode (self->db);
  sqlite3_reset (stmt);

  if (rc != SQLITE_OK)
    {
      _closeness_store_set_error_from_rc (error, self->db, rc, _("The data could not be read."));
      return NULL;
    }

  return g_steal_pointer (&days);
}

/**
 * closeness_store_dup_entry:
 * @day: 'YYYY-MM-DD'
 *
 * Returns: (transfer full) (nullable): partner @slot's entry on @day, as
 *   it is now (not kept current)
 */
ClosenessEntry *
closeness_store_dup_entry (ClosenessStore *self,
                           gint64          activity_id,
                           guint           slot,
                           const char     *day)
{
  sqlite3_stmt *stmt;
  ClosenessEntry *entry = NULL;
  int rc;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), NULL);
  g_return_val_if_fail (day != NULL, NULL);

  if (self->db == NULL)
    return NULL;

  stmt = _closeness_store_get_statement (self, ENTRY_COLUMNS
                                         "WHERE activity_id = ? AND day = ? AND slot = ?", &rc);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, activity_id);
  sqlite3_bind_text (stmt, 2, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, slot);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    entry = CLOSENESS_ENTRY (_closeness_entry_new_from_stmt (stmt));
  sqlite3_reset (stmt);

  return entry;
}

static gboolean
check_entry (const ClosenessEntryInfo  *entry,
             const char                *latest,
             GError                   **error)
{
  if (entry->activity_id <= 0)
    return _store_check_id (entry->activity_id, error);

  return _store_check_slot (entry->slot, error)
         && _store_check_day_before (entry->day, latest, error)
         && ((guint) entry->kind <= CLOSENESS_ENTRY_REST
             || _store_invalid (error, _("The entry is not valid.")))
         && (!entry->has_value || is_amount (entry->value)
             || _store_invalid (error, _("The entry is not valid.")))
         && (entry->note == NULL
             || _store_check_text (entry->note, 0, CLOSENESS_STORE_MAX_TEXT,
                                   _("The note is too long."), error));
}

#define ENTRY_UPSERT \
  "INSERT INTO selfcare_entries (activity_id, slot, day, kind, note, updated_at, value) " \
  "VALUES (?, ?, ?, ?, ?, ?, ?) " \
  "ON CONFLICT (activity_id, day, slot) DO UPDATE SET kind = excluded.kind, " \
  "  note = excluded.note, updated_at = excluded.updated_at, value = excluded.value"

/* An entry's amount as a statement parameter: NULL for none. */
static GVariant *
entry_value_param (const ClosenessEntryInfo *entry)
{
  return g_variant_new_maybe (G_VARIANT_TYPE_DOUBLE,
                              entry->has_value ? g_variant_new_double (entry->value) : NULL);
}

/**
 * closeness_store_log_entry:
 *
 * Logs (or changes) one partner's entry for one activity and day.
 *
 * Returns: the entry id, or 0 with @error set
 */
gint64
closeness_store_log_entry (ClosenessStore            *self,
                           const ClosenessEntryInfo  *info,
                           GError                   **error)
{
  g_autofree char *latest = _store_tomorrow_string ();
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), 0);

  if (info == NULL)
    return _store_invalid (error, _("The entry is not valid."));

  if (!check_entry (info, latest, error))
    return 0;

  write = _store_write_new (STORE_TABLE_ENTRIES, _("The entry could not be saved."));
  _store_write_add (write, FALSE, ENTRY_UPSERT " RETURNING id",
                    g_variant_new ("(xxsxsx@md)", info->activity_id, (gint64) info->slot, info->day,
                                   (gint64) info->kind, info->note ? info->note : "",
                                   _store_now_unix (), entry_value_param (info)));

  return _store_run_for_id (self, write, error);
}

gboolean
closeness_store_remove_entry (ClosenessStore  *self,
                              gint64           activity_id,
                              guint            slot,
                              const char      *day,
                              GError         **error)
{
  StoreWrite *write;

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (!_store_check_id (activity_id, error) || !_store_check_slot (slot, error) ||
      !_store_check_calendar_day (day, error))
    return FALSE;

  write = _store_write_new (STORE_TABLE_ENTRIES, _("The entry could not be removed."));
  _store_write_add (write, TRUE,
                    "DELETE FROM selfcare_entries WHERE activity_id = ? AND slot = ? AND day = ?",
                    g_variant_new ("(xxs)", activity_id, (gint64) slot, day));

  return _closeness_store_run (self, write, error);
}

typedef struct
{
  ClosenessEntryInfo *entries;
  guint               n_entries;
  gboolean            owned;
  GStringChunk       *strings;
  guint              *counts;   /* the caller's n_added, n_updated while it waits; NULL later */
} EntryBatch;

static void
entry_batch_free (gpointer data)
{
  EntryBatch *batch = data;

  if (batch->owned)
    {
      g_free (batch->entries);
      g_clear_pointer (&batch->strings, g_string_chunk_free);
    }
  g_free (batch);
}

/* The caller's array is only borrowed while the write runs; when the write
 * has to wait (disk full), it is copied here. */
static gpointer
entry_batch_own (gpointer data)
{
  EntryBatch *batch = data;

  batch->entries = g_memdup2 (batch->entries, sizeof (ClosenessEntryInfo) * batch->n_entries);
  batch->strings = g_string_chunk_new (4096);

  for (guint i = 0; i < batch->n_entries; i++)
    {
      batch->entries[i].day = g_string_chunk_insert (batch->strings, batch->entries[i].day);
      if (batch->entries[i].note != NULL)
        batch->entries[i].note = g_string_chunk_insert (batch->strings, batch->entries[i].note);
    }

  batch->owned = TRUE;
  /* The caller has returned: nobody reads the counts any more. */
  batch->counts = NULL;

  return batch;
}

/* The same, but an entry already stored as it is stays untouched. */
#define ENTRY_UPSERT_IF_CHANGED \
  ENTRY_UPSERT " WHERE kind IS NOT excluded.kind OR note IS NOT excluded.note " \
  "  OR value IS NOT excluded.value"

/* A batch that has to wait becomes one statement per entry, so it can be
 * kept in the pending journal like any other change. */
static void
entry_batch_to_statements (StoreWrite *write)
{
  EntryBatch *batch = write->data;
  gint64 now = _store_now_unix ();

  for (guint i = 0; i < batch->n_entries; i++)
    {
      const ClosenessEntryInfo *entry = &batch->entries[i];

      _store_write_add (write, FALSE, ENTRY_UPSERT_IF_CHANGED,
                        g_variant_new ("(xxsxsx@md)", entry->activity_id, (gint64) entry->slot,
                                       entry->day, (gint64) entry->kind,
                                       entry->note != NULL ? entry->note : "", now,
                                       entry_value_param (entry)));
    }

  g_clear_pointer (&write->data, write->data_free);
  write->func = NULL;
  write->data_own = NULL;
  write->to_statements = NULL;
}

/* Runs inside the store's BEGIN IMMEDIATE … COMMIT. One statement per
 * entry: a row it inserted sets the last insert rowid, one it updated does
 * not, one it left alone changes nothing. */
static gboolean
insert_entry_batch (sqlite3   *db,
                    gpointer   data,
                    gint64    *result_id,
                    GError   **error)
{
  EntryBatch *batch = data;
  sqlite3_stmt *stmt = NULL;
  gint64 now = _store_now_unix ();
  guint n_added = 0, n_updated = 0;
  int rc;

  rc = sqlite3_prepare_v2 (db, ENTRY_UPSERT_IF_CHANGED, -1, &stmt, NULL);

  for (guint i = 0; rc == SQLITE_OK && i < batch->n_entries; i++)
    {
      const ClosenessEntryInfo *entry = &batch->entries[i];

      sqlite3_bind_int64 (stmt, 1, entry->activity_id);
      sqlite3_bind_int (stmt, 2, entry->slot);
      sqlite3_bind_text (stmt, 3, entry->day, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, entry->kind);
      sqlite3_bind_text (stmt, 5, entry->note ? entry->note : "", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, now);
      if (entry->has_value)
        sqlite3_bind_double (stmt, 7, entry->value);
      else
        sqlite3_bind_null (stmt, 7);

      sqlite3_set_last_insert_rowid (db, 0);
      rc = sqlite3_step (stmt);
      rc = rc == SQLITE_DONE ? SQLITE_OK : sqlite3_extended_errcode (db);
      sqlite3_reset (stmt);

      if (rc == SQLITE_OK && sqlite3_changes (db) > 0)
        {
          if (sqlite3_last_insert_rowid (db) != 0)
            n_added++;
          else
            n_updated++;
        }
    }

  sqlite3_finalize (stmt);

  if (!_store_finish_batch (db, rc, batch->counts, n_added, n_updated,
                            _("The entries could not be saved."), error))
    return FALSE;

  *result_id = batch->n_entries;

  return TRUE;
}

/**
 * closeness_store_add_entries:
 * @n_added: (out) (optional): entries that were new
 * @n_updated: (out) (optional): entries that replaced a different one for
 *   the same activity, partner and day
 *
 * Logs many entries in one transaction (imports): all or nothing. Every
 * entry is checked first; one invalid entry refuses the whole batch. An
 * entry already stored exactly so is left as it is and counted in neither.
 *
 * Like every write, a batch that cannot be saved now is kept and retried;
 * the call then returns %FALSE and the counts are 0.
 */
gboolean
closeness_store_add_entries (ClosenessStore            *self,
                             const ClosenessEntryInfo  *entries,
                             guint                      n_entries,
                             guint                     *n_added,
                             guint                     *n_updated,
                             GError                   **error)
{
  g_autofree char *latest = _store_tomorrow_string ();
  EntryBatch *batch;
  StoreWrite *write;
  guint counts[2] = { 0, 0 };

  g_return_val_if_fail (CLOSENESS_IS_STORE (self), FALSE);

  if (n_added != NULL)
    *n_added = 0;
  if (n_updated != NULL)
    *n_updated = 0;

  if (n_entries == 0)
    return TRUE;

  if (entries == NULL)
    return _store_invalid (error, _("The entries are not valid."));

  for (guint i = 0; i < n_entries; i++)
    {
      if (!check_entry (&entries[i], latest, error))
        return FALSE;
    }

  batch = g_new0 (EntryBatch, 1);
  batch->entries = (ClosenessEntryInfo *) entries;
  batch->n_entries = n_entries;
  batch->counts = counts;

  write = _store_write_new (STORE_TABLE_ENTRIES, _("The entries could not be saved."));
  write->func = insert_entry_batch;
  write->data = batch;
  write->data_free = entry_batch_free;
  write->data_own = entry_batch_own;
  write->to_statements = entry_batch_to_statements;

  return _store_run_batch (self, write, counts, n_added, n_updated, error);
}
