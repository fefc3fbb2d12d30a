/* closeness-recurrence.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expansion runs libical's iterator on *floating* wall-clock times and turns
 * each wall time into an instant with the event's zone afterwards. libical
 * never sees a zone, so it cannot carry a DST shift from one occurrence to
 * the next (3.0.16 moved a daily 02:30 Europe/Berlin event to 03:30 for good
 * after the spring gap). Wall times that do not exist or exist twice follow
 * RFC 5545, 3.3.5, as closeness_time_wall_to_utc() reads them
 * (store/closeness-time.h):
 *
 *  - spring gap: the time is read with the offset *before* the gap, so 02:30
 *    on the last Sunday of March in Europe/Berlin happens at 03:30 CEST that
 *    day, and at 02:30 again on the next day;
 *  - autumn overlap: the first of the two instants (the daylight-time one).
 */

#define G_LOG_DOMAIN "closeness-calendar"

#include "config.h"

#include <glib/gi18n.h>
#include <libical/ical.h>
#include <stdio.h>
#include <string.h>

#include "closeness-recurrence.h"
#include "store/closeness-time.h"

#define PROBE_BUDGET_USEC  (50 * 1000)
#define MAX_INTERVAL       1000
#define DAY_SECONDS        86400

G_DEFINE_QUARK (closeness-recurrence-error-quark, closeness_recurrence_error)

/* Civil dates */

typedef struct
{
  int      year, month, day, hour, minute, second;
  gboolean is_date;
} WallTime;

static gint64
days_from_civil (int y,
                 int m,
                 int d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  z,
                 int    *y,
                 int    *m,
                 int    *d)
{
  gint64 era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = (int) (doy - (153 * mp + 2) / 5 + 1);
  *m = (int) (mp < 10 ? mp + 3 : mp - 9);
  *y = (int) (yoe + era * 400 + (*m <= 2));
}

static int
days_in_month (int y,
               int m)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;

  return days[m - 1];
}

static gboolean
parse_wall_time (const char *text,
                 WallTime   *wall)
{
  char tail;

  memset (wall, 0, sizeof *wall);

  if (text == NULL)
    return FALSE;

  if (strlen (text) == 10)
    {
      if (sscanf (text, "%4d-%2d-%2d%c", &wall->year, &wall->month, &wall->day, &tail) != 3)
        return FALSE;
      wall->is_date = TRUE;
    }
  else if (strlen (text) == 19)
    {
      if (sscanf (text, "%4d-%2d-%2dT%2d:%2d:%2d%c", &wall->year, &wall->month, &wall->day,
                  &wall->hour, &wall->minute, &wall->second, &tail) != 6)
        return FALSE;
    }
  else
    return FALSE;

  return wall->year >= 1900 && wall->year <= 2200 &&
         wall->month >= 1 && wall->month <= 12 &&
         wall->day >= 1 && wall->day <= days_in_month (wall->year, wall->month) &&
         wall->hour >= 0 && wall->hour <= 23 && wall->minute >= 0 && wall->minute <= 59 &&
         wall->second >= 0 && wall->second <= 59;
}

static char *
format_wall_time (const WallTime *wall)
{
  if (wall->is_date)
    return g_strdup_printf ("%04d-%02d-%02d", wall->year, wall->month, wall->day);

  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d", wall->year, wall->month, wall->day,
                          wall->hour, wall->minute, wall->second);
}

/* Seconds of the wall time as if it were UTC. */
static gint64
wall_time_seconds (const WallTime *wall)
{
  return days_from_civil (wall->year, wall->month, wall->day) * DAY_SECONDS +
         wall->hour * 3600 + wall->minute * 60 + wall->second;
}

/* GLib parses the zone file for every new GTimeZone; imports and the month
 * view ask for the same few zones thousands of times. */
G_LOCK_DEFINE_STATIC (zone_cache);
static GHashTable *zone_cache;

static GTimeZone *
lookup_zone (const char *tzid)
{
  GTimeZone *tz;

  G_LOCK (zone_cache);
  if (zone_cache == NULL)
    zone_cache = g_hash_table_new (g_str_hash, g_str_equal);
  if (!g_hash_table_lookup_extended (zone_cache, tzid, NULL, (gpointer *) &tz))
    {
      /* Unknown names are remembered as NULL; the table is bounded by the
       * caller's checks (64 characters) and the few zones in use. */
      tz = g_hash_table_size (zone_cache) < 1000 ? g_time_zone_new_identifier (tzid) : NULL;
      if (g_hash_table_size (zone_cache) < 1000)
        g_hash_table_insert (zone_cache, g_strdup (tzid), tz);
      else
        tz = g_time_zone_new_identifier (tzid);
      if (tz != NULL)
        g_time_zone_ref (tz);
    }
  else if (tz != NULL)
    g_time_zone_ref (tz);
  G_UNLOCK (zone_cache);

  return tz;
}

static GTimeZone *
time_zone_for (const char *tzid)
{
  GTimeZone *tz = NULL;

  if (tzid != NULL && tzid[0] != '\0')
    tz = lookup_zone (tzid);

  /* Floating times (and unknown zones) are read in the zone of this computer. */
  return tz != NULL ? tz : g_time_zone_new_local ();
}

static void
utc_to_wall_time (GTimeZone *tz,
                  gint64     utc,
                  WallTime  *wall)
{
  gint64 local = closeness_time_utc_to_wall (tz, utc);
  gint64 days = local >= 0 ? local / DAY_SECONDS : (local - DAY_SECONDS + 1) / DAY_SECONDS;
  gint64 rest = local - days * DAY_SECONDS;

  memset (wall, 0, sizeof *wall);
  civil_from_days (days, &wall->year, &wall->month, &wall->day);
  wall->hour = (int) (rest / 3600);
  wall->minute = (int) (rest / 60 % 60);
  wall->second = (int) (rest % 60);
}

/**
 * closeness_recurrence_zone_is_known:
 *
 * Returns: whether @tzid names a time zone of this system (cached)
 */
gboolean
closeness_recurrence_zone_is_known (const char *tzid)
{
  GTimeZone *tz;

  if (tzid == NULL || tzid[0] == '\0' || strlen (tzid) > 64 || !g_utf8_validate (tzid, -1, NULL))
    return FALSE;

  tz = lookup_zone (tzid);
  if (tz == NULL)
    return FALSE;

  g_time_zone_unref (tz);
  return TRUE;
}

/* Exdates */

static gboolean
exdate_list_contains (const char *exdates,
                      const char *local)
{
  gsize len = strlen (local);
  const char *p = exdates;

  if (exdates == NULL || len == 0)
    return FALSE;

  while ((p = strstr (p, local)) != NULL)
    {
      if ((p == exdates || p[-1] == ',') && (p[len] == '\0' || p[len] == ','))
        return TRUE;
      p += len;
    }

  return FALSE;
}

/* RRULE checks */

static gboolean
has_values (const short *values,
            int          size)
{
  return size > 0 && values[0] != ICAL_RECURRENCE_ARRAY_MAX;
}

#define HAS(rule, field) has_values ((rule)->field, G_N_ELEMENTS ((rule)->field))

static gboolean
too_complex (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, CLOSENESS_RECURRENCE_ERROR, CLOSENESS_RECURRENCE_ERROR_TOO_COMPLEX,
                       message);
  return FALSE;
}

static gboolean
parse_rule (const char                 *rrule,
            struct icalrecurrencetype  *rule,
            GError                    **error)
{
  if (rrule == NULL || rrule[0] == '\0' || strlen (rrule) > 1000)
    {
      g_set_error_literal (error, CLOSENESS_RECURRENCE_ERROR, CLOSENESS_RECURRENCE_ERROR_INVALID,
                           _("The repeat rule is not valid."));
      return FALSE;
    }

  icalerror_clear_errno ();
  *rule = icalrecurrencetype_from_string (rrule);
  if (rule->freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR)
    {
      icalerror_clear_errno ();
      g_set_error_literal (error, CLOSENESS_RECURRENCE_ERROR, CLOSENESS_RECURRENCE_ERROR_INVALID,
                           _("The repeat rule is not valid."));
      return FALSE;
    }

  return TRUE;
}

/* libical 3.0.16 spins for seconds, or for good, inside a single iterator
 * call on rules that can never match or that step below a day. Time
 * together repeats at most daily, and the rules calendar programs write
 * are simple, so anything outside this shape is refused before libical
 * sees it. The shape is checked on libical's parsed rule; expansion itself
 * stays in libical. */
static gboolean
check_rule_shape (const struct icalrecurrencetype  *rule,
                  GError                          **error)
{
  gboolean has_month_day = HAS (rule, by_month_day);
  gboolean has_day = HAS (rule, by_day);
  gboolean has_positions = FALSE;
  gboolean feasible = FALSE;

  switch (rule->freq)
    {
    case ICAL_DAILY_RECURRENCE:
    case ICAL_WEEKLY_RECURRENCE:
    case ICAL_MONTHLY_RECURRENCE:
    case ICAL_YEARLY_RECURRENCE:
      break;

    case ICAL_SECONDLY_RECURRENCE:
    case ICAL_MINUTELY_RECURRENCE:
    case ICAL_HOURLY_RECURRENCE:
      return too_complex (error, _("It repeats more often than once a day."));

    case ICAL_NO_RECURRENCE:
    default:
      return too_complex (error, _("The repeat rule is not valid."));
    }

  if (rule->interval < 1 || rule->interval > MAX_INTERVAL)
    return too_complex (error, _("The repeat interval is too large."));

  if (HAS (rule, by_second) || HAS (rule, by_minute) || HAS (rule, by_hour) ||
      HAS (rule, by_year_day) || HAS (rule, by_week_no))
    return too_complex (error, _("The repeat rule is too complex."));

  for (guint i = 0; i < G_N_ELEMENTS (rule->by_day) &&
                    rule->by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
    {
      int position = icalrecurrencetype_day_position (rule->by_day[i]);

      if (position != 0)
        has_positions = TRUE;
      if (position < -5 || position > 5)
        return too_complex (error, _("The repeat rule is too complex."));
    }

  if (has_positions && rule->freq != ICAL_MONTHLY_RECURRENCE &&
      !(rule->freq == ICAL_YEARLY_RECURRENCE && HAS (rule, by_month)))
    return too_complex (error, _("The repeat rule is too complex."));

  if (has_positions && has_month_day)
    return too_complex (error, _("The repeat rule is too complex."));

  if (HAS (rule, by_set_pos))
    {
      if (!has_day || has_month_day ||
          (rule->freq != ICAL_MONTHLY_RECURRENCE && rule->freq != ICAL_YEARLY_RECURRENCE))
        return too_complex (error, _("The repeat rule is too complex."));

      for (guint i = 0; i < G_N_ELEMENTS (rule->by_set_pos) &&
                        rule->by_set_pos[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
        if (rule->by_set_pos[i] == 0 || ABS (rule->by_set_pos[i]) > 31)
          return too_complex (error, _("The repeat rule is too complex."));
    }

  if (!has_month_day)
    return TRUE;

  /* Some month must have one of the days (in a leap year, at best). */
  for (int month = 1; month <= 12 && !feasible; month++)
    {
      gboolean month_used = !HAS (rule, by_month);

      for (guint i = 0; !month_used && i < G_N_ELEMENTS (rule->by_month) &&
                        rule->by_month[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
        month_used = icalrecurrencetype_month_month (rule->by_month[i]) == month;

      if (!month_used)
        continue;

      for (guint i = 0; i < G_N_ELEMENTS (rule->by_month_day) &&
                        rule->by_month_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
        {
          int day = rule->by_month_day[i];

          if (day != 0 && ABS (day) <= days_in_month (2000, month))
            feasible = TRUE;
        }
    }

  if (!feasible)
    return too_complex (error, _("The repeat rule never happens."));

  return TRUE;
}

static struct icaltimetype
icaltime_from_wall (const WallTime *wall)
{
  struct icaltimetype t = icaltime_null_time ();

  t.year = wall->year;
  t.month = wall->month;
  t.day = wall->day;
  t.is_date = wall->is_date;
  if (!wall->is_date)
    {
      t.hour = wall->hour;
      t.minute = wall->minute;
      t.second = wall->second;
    }

  return t;
}

static void
wall_from_icaltime (struct icaltimetype  t,
                    gboolean             is_date,
                    WallTime            *wall)
{
  memset (wall, 0, sizeof *wall);
  wall->year = t.year;
  wall->month = t.month;
  wall->day = t.day;
  wall->is_date = is_date;
  if (!is_date)
    {
      wall->hour = t.hour;
      wall->minute = t.minute;
      wall->second = t.second;
    }
}

/* Expansion */

typedef struct
{
  gint64 deadline;     /* monotonic microseconds */
  guint  steps;
} Budget;

static gboolean
budget_spent (Budget *budget)
{
  budget->steps++;
  if (budget->steps > CLOSENESS_RECURRENCE_MAX_STEPS)
    return TRUE;

  return (budget->steps % 32) == 0 && g_get_monotonic_time () > budget->deadline;
}

/* Appends the occurrences of one event overlapping [from, to) to @out. */
static gboolean
expand_into (GArray      *out,
             GTimeZone   *tz,
             const char  *dtstart,
             int          duration_minutes,
             const char  *rrule,
             const char  *exdates,
             gint64       from_utc,
             gint64       to_utc,
             guint        max_count,
             gint64       budget_usec,
             GError     **error)
{
  struct icalrecurrencetype rule;
  icalrecur_iterator *iter;
  WallTime start;
  gint64 duration = (gint64) MAX (duration_minutes, 1) * 60;
  Budget budget = { g_get_monotonic_time () + budget_usec, 0 };
  guint added = 0;

  if (!parse_wall_time (dtstart, &start))
    {
      g_set_error_literal (error, CLOSENESS_RECURRENCE_ERROR, CLOSENESS_RECURRENCE_ERROR_INVALID,
                           _("The start is not valid."));
      return FALSE;
    }

  if (rrule == NULL || rrule[0] == '\0')
    {
      ClosenessOccurrence occurrence = { 0, };

      occurrence.start_utc = closeness_time_wall_to_utc (tz, wall_time_seconds (&start));
      occurrence.end_utc = occurrence.start_utc + duration;
      if (max_count > 0 && occurrence.end_utc > from_utc && occurrence.start_utc < to_utc)
        g_array_append_val (out, occurrence);
      return TRUE;
    }

  if (!parse_rule (rrule, &rule, error) || !check_rule_shape (&rule, error))
    return FALSE;

  /* The iterator runs on floating times: UNTIL in UTC becomes wall time. */
  if (!icaltime_is_null_time (rule.until) && icaltime_is_utc (rule.until) && !rule.until.is_date)
    {
      WallTime until;

      utc_to_wall_time (tz, icaltime_as_timet (rule.until), &until);
      rule.until = icaltime_from_wall (&until);
    }
  else if (!icaltime_is_null_time (rule.until))
    rule.until.zone = NULL;

  iter = icalrecur_iterator_new (rule, icaltime_from_wall (&start));
  if (iter == NULL)
    {
      icalerror_clear_errno ();
      return too_complex (error, _("The repeat rule never happens."));
    }

  /* Jump close to the window instead of walking from a start years ago;
   * libical only allows this without COUNT. The margin covers the length of
   * an occurrence and any time zone offset. */
  if (rule.count == 0 && from_utc - duration - 2 * DAY_SECONDS > wall_time_seconds (&start))
    {
      WallTime jump;

      utc_to_wall_time (tz, from_utc - duration - 2 * DAY_SECONDS, &jump);
      jump.is_date = start.is_date;
      if (jump.is_date)
        jump.hour = jump.minute = jump.second = 0;
      icalrecur_iterator_set_start (iter, icaltime_from_wall (&jump));
    }

  while (added < max_count && !budget_spent (&budget))
    {
      struct icaltimetype next = icalrecur_iterator_next (iter);
      ClosenessOccurrence occurrence = { 0, };
      WallTime wall;
      g_autofree char *local = NULL;

      if (icaltime_is_null_time (next))
        break;

      wall_from_icaltime (next, start.is_date, &wall);
      occurrence.start_utc = closeness_time_wall_to_utc (tz, wall_time_seconds (&wall));
      if (occurrence.start_utc >= to_utc)
        break;

      occurrence.end_utc = occurrence.start_utc + duration;
      if (occurrence.end_utc <= from_utc)
        continue;

      local = format_wall_time (&wall);
      if (exdate_list_contains (exdates, local))
        continue;

      occurrence.recurrence_id = g_steal_pointer (&local);
      g_array_append_val (out, occurrence);
      added++;
    }

  if (budget.steps > CLOSENESS_RECURRENCE_MAX_STEPS || g_get_monotonic_time () > budget.deadline)
    g_debug ("An expansion stopped at its budget after %u steps", budget.steps);

  icalrecur_iterator_free (iter);
  icalerror_clear_errno ();

  return TRUE;
}

static int
compare_occurrences (gconstpointer a,
                     gconstpointer b)
{
  const ClosenessOccurrence *oa = a;
  const ClosenessOccurrence *ob = b;

  return (oa->start_utc > ob->start_utc) - (oa->start_utc < ob->start_utc);
}

/* Public API */

void
closeness_occurrence_clear (ClosenessOccurrence *occurrence)
{
  if (occurrence != NULL)
    g_clear_pointer (&occurrence->recurrence_id, g_free);
}

void
closeness_instance_free (ClosenessInstance *instance)
{
  if (instance == NULL)
    return;

  g_free (instance->recurrence_id);
  g_free (instance);
}

/**
 * closeness_recurrence_check_rrule:
 * @rrule: an RRULE value without the "RRULE:" name
 * @dtstart: (nullable): the series start; when given, the rule must also
 *   produce a first occurrence within a short time budget
 *
 * Returns: %TRUE if Closeness can expand the rule safely
 */
gboolean
closeness_recurrence_check_rrule (const char  *rrule,
                                  const char  *dtstart,
                                  GError     **error)
{
  struct icalrecurrencetype rule;
  g_autoptr(GArray) probe = NULL;
  g_autoptr(GTimeZone) utc = NULL;
  gint64 started;

  if (!parse_rule (rrule, &rule, error) || !check_rule_shape (&rule, error))
    return FALSE;

  if (dtstart == NULL)
    return TRUE;

  /* A rule that cannot find its first occurrence quickly is refused. The
   * window reaches the end of the supported date range. */
  utc = g_time_zone_new_utc ();
  started = g_get_monotonic_time ();
  probe = g_array_new (FALSE, TRUE, sizeof (ClosenessOccurrence));
  g_array_set_clear_func (probe, (GDestroyNotify) closeness_occurrence_clear);
  if (!expand_into (probe, utc, dtstart, 1, rrule, NULL, G_MININT64 / 2,
                    days_from_civil (2201, 1, 1) * DAY_SECONDS, 1, PROBE_BUDGET_USEC, error))
    return FALSE;

  if (g_get_monotonic_time () - started >= PROBE_BUDGET_USEC)
    return too_complex (error, _("The repeat rule is too complex."));

  if (probe->len == 0 && rule.count == 0 && icaltime_is_null_time (rule.until))
    return too_complex (error, _("The repeat rule never happens."));

  return TRUE;
}

/**
 * closeness_recurrence_local_to_utc:
 * @local: 'YYYY-MM-DDTHH:MM:SS' or 'YYYY-MM-DD' (midnight)
 * @tzid: (nullable): IANA zone, or %NULL/"" for floating (this computer's zone)
 *
 * A time in the spring gap is read with the offset before the gap, a time
 * in the autumn overlap is the first of the two instants (RFC 5545).
 */
gboolean
closeness_recurrence_local_to_utc (const char *local,
                                   const char *tzid,
                                   gint64     *utc)
{
  g_autoptr(GTimeZone) tz = NULL;
  WallTime wall;

  g_return_val_if_fail (utc != NULL, FALSE);

  if (!parse_wall_time (local, &wall))
    return FALSE;

  tz = time_zone_for (tzid);
  *utc = closeness_time_wall_to_utc (tz, wall_time_seconds (&wall));

  return TRUE;
}

/**
 * closeness_recurrence_utc_to_local:
 *
 * Returns: (transfer full): the wall time of @utc in @tzid, as
 *   'YYYY-MM-DDTHH:MM:SS' (or 'YYYY-MM-DD' with @date_only)
 */
char *
closeness_recurrence_utc_to_local (gint64      utc,
                                   const char *tzid,
                                   gboolean    date_only)
{
  g_autoptr(GTimeZone) tz = time_zone_for (tzid);
  WallTime wall;

  utc_to_wall_time (tz, utc, &wall);
  wall.is_date = date_only;

  return format_wall_time (&wall);
}

/**
 * closeness_recurrence_expand_full:
 *
 * Like closeness_recurrence_expand() on the fields of an event.
 */
GArray *
closeness_recurrence_expand_full (const char  *dtstart,
                                  const char  *tzid,
                                  int          duration_minutes,
                                  const char  *rrule,
                                  const char  *exdates,
                                  gint64       from_utc,
                                  gint64       to_utc,
                                  guint        max_count,
                                  GError     **error)
{
  g_autoptr(GArray) out = g_array_new (FALSE, TRUE, sizeof (ClosenessOccurrence));
  g_autoptr(GTimeZone) tz = time_zone_for (tzid);

  g_array_set_clear_func (out, (GDestroyNotify) closeness_occurrence_clear);

  if (!expand_into (out, tz, dtstart, duration_minutes, rrule, exdates, from_utc, to_utc,
                    max_count, CLOSENESS_RECURRENCE_BUDGET_USEC, error))
    return NULL;

  g_array_sort (out, compare_occurrences);

  return g_steal_pointer (&out);
}

GArray *
closeness_recurrence_expand (ClosenessEvent  *event,
                             gint64           from_utc,
                             gint64           to_utc,
                             guint            max_count,
                             GError         **error)
{
  g_return_val_if_fail (CLOSENESS_IS_EVENT (event), NULL);

  return closeness_recurrence_expand_full (closeness_event_get_dtstart (event),
                                           closeness_event_get_tzid (event),
                                           closeness_event_get_duration_minutes (event),
                                           closeness_event_get_rrule (event),
                                           closeness_event_get_exdates (event),
                                           from_utc, to_utc, max_count, error);
}

gboolean
closeness_recurrence_has_exdate (const char *exdates,
                                 const char *local)
{
  return local != NULL && exdate_list_contains (exdates, local);
}

/**
 * closeness_recurrence_add_exdate:
 *
 * Returns: (transfer full): @exdates with @local added (once)
 */
char *
closeness_recurrence_add_exdate (const char *exdates,
                                 const char *local)
{
  g_return_val_if_fail (local != NULL, NULL);

  if (exdates == NULL || exdates[0] == '\0')
    return g_strdup (local);
  if (exdate_list_contains (exdates, local))
    return g_strdup (exdates);

  return g_strconcat (exdates, ",", local, NULL);
}

/* Expansion of a whole calendar. The store's event objects are copied on the
 * calling thread, so the worker never reads an object the store updates. */

typedef struct
{
  gint64  id;
  char   *uid;
  char   *recurrence_id;
  char   *dtstart;
  char   *tzid;
  int     duration_minutes;
  char   *rrule;
  char   *exdates;
} EventCopy;

typedef struct
{
  GArray *events;      /* EventCopy */
  gint64  from_utc;
  gint64  to_utc;
  guint   max_per_event;
} ExpandJob;

static void
event_copy_clear (EventCopy *copy)
{
  g_free (copy->uid);
  g_free (copy->recurrence_id);
  g_free (copy->dtstart);
  g_free (copy->tzid);
  g_free (copy->rrule);
  g_free (copy->exdates);
}

static void
expand_job_free (ExpandJob *job)
{
  g_clear_pointer (&job->events, g_array_unref);
  g_free (job);
}

/* Dates (as 'YYYY-MM-DD') outside which a single evening cannot overlap
 * [from, to): durations are at most CLOSENESS_STORE_MAX_DURATION_MINUTES,
 * offsets at most a day. */
static void
window_days (gint64  from_utc,
             gint64  to_utc,
             char  **first_day,
             char  **last_day)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  WallTime first, last;

  utc_to_wall_time (utc, MAX (from_utc, (gint64) -2208988800) -
                   (gint64) CLOSENESS_STORE_MAX_DURATION_MINUTES * 60 - 2 * DAY_SECONDS, &first);
  utc_to_wall_time (utc, MIN (to_utc, (gint64) 7289654400) + 2 * DAY_SECONDS, &last);
  first.is_date = last.is_date = TRUE;
  *first_day = format_wall_time (&first);
  *last_day = format_wall_time (&last);
}

static gboolean
is_set (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static ExpandJob *
expand_job_new (GListModel *events,
                gint64      from_utc,
                gint64      to_utc,
                guint       max_per_event)
{
  ExpandJob *job = g_new0 (ExpandJob, 1);
  guint n = g_list_model_get_n_items (events);
  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;

  window_days (from_utc, to_utc, &first_day, &last_day);

  job->from_utc = from_utc;
  job->to_utc = to_utc;
  job->max_per_event = max_per_event;
  job->events = g_array_sized_new (FALSE, TRUE, sizeof (EventCopy), n);
  g_array_set_clear_func (job->events, (GDestroyNotify) event_copy_clear);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessEvent) event = g_list_model_get_item (events, i);
      const char *dtstart = closeness_event_get_dtstart (event);
      EventCopy copy = { 0, };

      /* Only copy what can show: series and edited occurrences always,
       * single evenings near the window. */
      if (!is_set (closeness_event_get_rrule (event)) &&
          !is_set (closeness_event_get_recurrence_id (event)) &&
          dtstart != NULL &&
          (strncmp (dtstart, first_day, 10) < 0 || strncmp (dtstart, last_day, 10) > 0))
        continue;

      copy.id = closeness_record_get_id (CLOSENESS_RECORD (event));
      copy.uid = g_strdup (closeness_event_get_uid (event));
      copy.recurrence_id = g_strdup (closeness_event_get_recurrence_id (event));
      copy.dtstart = g_strdup (closeness_event_get_dtstart (event));
      copy.tzid = g_strdup (closeness_event_get_tzid (event));
      copy.duration_minutes = closeness_event_get_duration_minutes (event);
      copy.rrule = g_strdup (closeness_event_get_rrule (event));
      copy.exdates = g_strdup (closeness_event_get_exdates (event));
      g_array_append_val (job->events, copy);
    }

  return job;
}

static int
compare_instances (gconstpointer a,
                   gconstpointer b)
{
  const ClosenessInstance *ia = *(ClosenessInstance * const *) a;
  const ClosenessInstance *ib = *(ClosenessInstance * const *) b;

  if (ia->start_utc != ib->start_utc)
    return (ia->start_utc > ib->start_utc) - (ia->start_utc < ib->start_utc);

  return (ia->event_id > ib->event_id) - (ia->event_id < ib->event_id);
}

static GPtrArray *
run_expand_job (ExpandJob    *job,
                GCancellable *cancellable)
{
  g_autoptr(GPtrArray) out =
    g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_instance_free);
  g_autoptr(GHashTable) zones = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) g_time_zone_unref);
  g_autoptr(GHashTable) overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) occurrences = g_array_new (FALSE, TRUE, sizeof (ClosenessOccurrence));

  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;

  g_array_set_clear_func (occurrences, (GDestroyNotify) closeness_occurrence_clear);
  window_days (job->from_utc, job->to_utc, &first_day, &last_day);

  /* Edited occurrences replace the occurrence of their series. */
  for (guint i = 0; i < job->events->len; i++)
    {
      EventCopy *copy = &g_array_index (job->events, EventCopy, i);

      if (copy->recurrence_id != NULL && copy->recurrence_id[0] != '\0')
        g_hash_table_add (overrides, g_strconcat (copy->uid, "\n", copy->recurrence_id, NULL));
    }

  for (guint i = 0; i < job->events->len; i++)
    {
      EventCopy *copy = &g_array_index (job->events, EventCopy, i);
      gboolean is_override = copy->recurrence_id != NULL && copy->recurrence_id[0] != '\0';
      gboolean is_series = !is_override && copy->rrule != NULL && copy->rrule[0] != '\0';
      const char *tzid = copy->tzid != NULL ? copy->tzid : "";
      g_autoptr(GError) error = NULL;
      GTimeZone *tz;

      if ((i % 256) == 0 && g_cancellable_is_cancelled (cancellable))
        return NULL;

      /* A single evening whose date is days away from the window cannot
       * overlap it (see window_days()). */
      if (!is_series && copy->dtstart != NULL &&
          (strncmp (copy->dtstart, first_day, 10) < 0 || strncmp (copy->dtstart, last_day, 10) > 0))
        continue;

      tz = g_hash_table_lookup (zones, tzid);
      if (tz == NULL)
        {
          tz = time_zone_for (tzid);
          g_hash_table_insert (zones, (gpointer) tzid, tz);
        }

      g_array_set_size (occurrences, 0);
      if (!expand_into (occurrences, tz, copy->dtstart, copy->duration_minutes,
                        is_series ? copy->rrule : NULL, copy->exdates,
                        job->from_utc, job->to_utc, job->max_per_event,
                        CLOSENESS_RECURRENCE_BUDGET_USEC, &error))
        {
          /* A series Closeness refuses to expand still shows its first date. */
          g_debug ("Event %" G_GINT64_FORMAT " is shown once: %s", copy->id, error->message);
          expand_into (occurrences, tz, copy->dtstart, copy->duration_minutes, NULL, NULL,
                       job->from_utc, job->to_utc, 1, 0, NULL);
          is_series = FALSE;
        }

      for (guint j = 0; j < occurrences->len; j++)
        {
          ClosenessOccurrence *occurrence = &g_array_index (occurrences, ClosenessOccurrence, j);
          ClosenessInstance *instance;

          if (is_series)
            {
              g_autofree char *key = g_strconcat (copy->uid, "\n", occurrence->recurrence_id, NULL);

              if (g_hash_table_contains (overrides, key))
                continue;
            }

          instance = g_new0 (ClosenessInstance, 1);
          instance->event_id = copy->id;
          instance->start_utc = occurrence->start_utc;
          instance->end_utc = occurrence->end_utc;
          instance->is_recurring = is_series || is_override;
          instance->recurrence_id = is_override ? g_strdup (copy->recurrence_id)
                                                : g_steal_pointer (&occurrence->recurrence_id);
          g_ptr_array_add (out, instance);
        }
    }

  g_ptr_array_sort (out, compare_instances);

  return g_steal_pointer (&out);
}

/**
 * closeness_recurrence_expand_events:
 * @events: a list model of #ClosenessEvent (the store's events)
 *
 * Every instance overlapping [@from_utc, @to_utc): single events, the
 * occurrences of each series (at most @max_per_event, without EXDATEs and
 * without the occurrences that were edited), and the edited occurrences.
 *
 * Returns: (transfer full) (element-type ClosenessInstance): by start
 */
GPtrArray *
closeness_recurrence_expand_events (GListModel *events,
                                    gint64      from_utc,
                                    gint64      to_utc,
                                    guint       max_per_event)
{
  ExpandJob *job;
  GPtrArray *result;

  g_return_val_if_fail (G_IS_LIST_MODEL (events), NULL);

  job = expand_job_new (events, from_utc, to_utc, max_per_event);
  result = run_expand_job (job, NULL);
  expand_job_free (job);

  return result;
}

static void
expand_events_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  GPtrArray *result = run_expand_job (task_data, cancellable);

  if (result == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  else
    g_task_return_pointer (task, result, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * closeness_recurrence_expand_events_async:
 *
 * closeness_recurrence_expand_events() on a worker thread. The events are
 * copied before this returns.
 */
void
closeness_recurrence_expand_events_async (GListModel          *events,
                                          gint64               from_utc,
                                          gint64               to_utc,
                                          guint                max_per_event,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_LIST_MODEL (events));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, closeness_recurrence_expand_events_async);
  g_task_set_task_data (task, expand_job_new (events, from_utc, to_utc, max_per_event),
                        (GDestroyNotify) expand_job_free);
  g_task_run_in_thread (task, expand_events_thread);
}

GPtrArray *
closeness_recurrence_expand_events_finish (GAsyncResult  *result,
                                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
