/* closeness-ics-zones.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times and time zones as calendar files write them: IANA and Windows names,
 * zones a file defines itself (read as POSIX rules), and VTIMEZONEs for
 * the export.
 */

#define G_LOG_DOMAIN "closeness-calendar"

#include "config.h"

#include <glib/gi18n.h>
#include <libical/ical.h>
#include <string.h>

#include "closeness-ics-private.h"

#include "closeness-recurrence.h"

/* Time zones */

static gboolean
is_known_zone (const char *tzid)
{
  if (tzid == NULL || tzid[0] == '\0' || strlen (tzid) > 64 || !g_utf8_validate (tzid, -1, NULL))
    return FALSE;

  /* Names only: GLib also accepts offsets like "+01:00", which are not
   * IANA zones. */
  if (tzid[0] == '+' || tzid[0] == '-' || g_ascii_isdigit (tzid[0]))
    return FALSE;

  /* GLib reads "UTC+11" or "EST5EDT,M3.2.0,M11.1.0" as POSIX TZ strings, where
   * the sign means the opposite of what the file means: such a name is only
   * a zone if the zone database has it (as "Etc/GMT+5" or "EST5EDT"). */
  if (strpbrk (tzid, "0123456789+<>,:") != NULL)
    {
      const char *dir = g_getenv ("TZDIR");
      g_autofree char *path = NULL;

      if (strstr (tzid, "..") != NULL)
        return FALSE;
      path = g_build_filename (dir != NULL ? dir : "/usr/share/zoneinfo", tzid, NULL);
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return FALSE;
    }

  return closeness_recurrence_zone_is_known (tzid);
}

/* Windows zone names that Outlook writes, for the most common zones. */
static const struct
{
  const char *windows;
  const char *iana;
} windows_zones[] = {
  { "W. Europe Standard Time", "Europe/Berlin" },
  { "Central Europe Standard Time", "Europe/Budapest" },
  { "Romance Standard Time", "Europe/Paris" },
  { "Central European Standard Time", "Europe/Warsaw" },
  { "GMT Standard Time", "Europe/London" },
  { "GTB Standard Time", "Europe/Bucharest" },
  { "FLE Standard Time", "Europe/Kiev" },
  { "E. Europe Standard Time", "Europe/Chisinau" },
  { "Russian Standard Time", "Europe/Moscow" },
  { "Eastern Standard Time", "America/New_York" },
  { "Central Standard Time", "America/Chicago" },
  { "Mountain Standard Time", "America/Denver" },
  { "US Mountain Standard Time", "America/Phoenix" },
  { "Pacific Standard Time", "America/Los_Angeles" },
  { "Alaskan Standard Time", "America/Anchorage" },
  { "Hawaiian Standard Time", "Pacific/Honolulu" },
  { "Atlantic Standard Time", "America/Halifax" },
  { "E. South America Standard Time", "America/Sao_Paulo" },
  { "Argentina Standard Time", "America/Buenos_Aires" },
  { "India Standard Time", "Asia/Kolkata" },
  { "China Standard Time", "Asia/Shanghai" },
  { "Tokyo Standard Time", "Asia/Tokyo" },
  { "AUS Eastern Standard Time", "Australia/Sydney" },
  { "New Zealand Standard Time", "Pacific/Auckland" },
  { "UTC", "UTC" },
};

/* An IANA name for @tzid as written in a file, or NULL. */
const char *
_closeness_ics_resolve_tzid (const char *tzid)
{
  const char *p;

  if (tzid == NULL)
    return NULL;

  if (is_known_zone (tzid))
    return tzid;

  for (guint i = 0; i < G_N_ELEMENTS (windows_zones); i++)
    if (g_ascii_strcasecmp (tzid, windows_zones[i].windows) == 0)
      return windows_zones[i].iana;

  /* "/freeassociation.sourceforge.net/Europe/Berlin", "/mozilla.org/20050126_1/Europe/Berlin" */
  for (p = strchr (tzid, '/'); p != NULL; p = strchr (p + 1, '/'))
    if (is_known_zone (p + 1))
      return p + 1;

  return NULL;
}

/* libical expands a VTIMEZONE's rules when it converts a time, without a
 * budget: a hostile STANDARD with RRULE:FREQ=SECONDLY runs for good. Only
 * zone definitions shaped like real ones are used. */
#define MAX_OBSERVANCES 64

static gboolean
vtimezone_is_safe (icalcomponent *vtimezone)
{
  guint n = 0;

  for (icalcomponent *part = icalcomponent_get_first_component (vtimezone, ICAL_ANY_COMPONENT);
       part != NULL;
       part = icalcomponent_get_next_component (vtimezone, ICAL_ANY_COMPONENT))
    {
      icalcomponent_kind kind = icalcomponent_isa (part);

      if ((kind != ICAL_XSTANDARD_COMPONENT && kind != ICAL_XDAYLIGHT_COMPONENT) ||
          ++n > MAX_OBSERVANCES)
        return FALSE;

      for (icalproperty *prop = icalcomponent_get_first_property (part, ICAL_RRULE_PROPERTY);
           prop != NULL;
           prop = icalcomponent_get_next_property (part, ICAL_RRULE_PROPERTY))
        {
          struct icalrecurrencetype rule = icalproperty_get_rrule (prop);
          g_autofree char *text = NULL;

          if (rule.freq != ICAL_YEARLY_RECURRENCE)
            return FALSE;
          /* Lotus Notes repeats the observance's time as BYHOUR and BYMINUTE:
           * one value each is harmless in a yearly rule. */
          if (rule.by_hour[0] != ICAL_RECURRENCE_ARRAY_MAX
              && rule.by_hour[1] == ICAL_RECURRENCE_ARRAY_MAX)
            rule.by_hour[0] = ICAL_RECURRENCE_ARRAY_MAX;
          if (rule.by_minute[0] != ICAL_RECURRENCE_ARRAY_MAX
              && rule.by_minute[1] == ICAL_RECURRENCE_ARRAY_MAX)
            rule.by_minute[0] = ICAL_RECURRENCE_ARRAY_MAX;
          text = icalrecurrencetype_as_string_r (&rule);
          if (text == NULL || !closeness_recurrence_check_rrule (text, NULL, NULL))
            return FALSE;
        }
    }

  return n > 0;
}

static icaltimezone *
file_timezone (icalcomponent *calendar,
               const char    *tzid)
{
  if (calendar == NULL)
    return NULL;

  /* An external iterator: the calendar's own one is walking its events. */
  for (icalcompiter iter = icalcomponent_begin_component (calendar, ICAL_VTIMEZONE_COMPONENT);
       icalcompiter_deref (&iter) != NULL;
       icalcompiter_next (&iter))
    {
      icalcomponent *vtimezone = icalcompiter_deref (&iter);
      icalproperty *prop = icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY);

      if (prop != NULL && g_strcmp0 (icalproperty_get_tzid (prop), tzid) == 0)
        return vtimezone_is_safe (vtimezone) ? icalcomponent_get_timezone (calendar, tzid) : NULL;
    }

  return NULL;
}

/* A zone known only from the file's VTIMEZONE (Exchange's "GMT +0100
 * (Standard) / GMT +0200 (Daylight)", Lotus Notes' "Eastern", "UTC+11") is
 * stored as the POSIX TZ rule it describes, so the event keeps its wall
 * time and is expanded in its own zone with DST. The rule is built from the
 * newest STANDARD and DAYLIGHT observances and then checked against
 * libical's reading of the whole VTIMEZONE; if they differ anywhere in
 * 2024 … 2030 (every six hours) the zone is not used. */

typedef struct
{
  struct icaltimetype start;
  int                 offset_to;
  struct icalrecurrencetype rule;
  gboolean            has_rule;
} Observance;

static gboolean
read_newest_observance (icalcomponent      *vtimezone,
                        icalcomponent_kind  kind,
                        Observance         *out)
{
  gboolean found = FALSE;

  memset (out, 0, sizeof *out);

  for (icalcompiter iter = icalcomponent_begin_component (vtimezone, kind);
       icalcompiter_deref (&iter) != NULL;
       icalcompiter_next (&iter))
    {
      icalcomponent *part = icalcompiter_deref (&iter);
      icalproperty *start = icalcomponent_get_first_property (part, ICAL_DTSTART_PROPERTY);
      icalproperty *to = icalcomponent_get_first_property (part, ICAL_TZOFFSETTO_PROPERTY);
      icalproperty *rrule = icalcomponent_get_first_property (part, ICAL_RRULE_PROPERTY);
      struct icaltimetype t;

      if (start == NULL || to == NULL)
        return FALSE;
      t = icalproperty_get_dtstart (start);
      if (found && icaltime_compare (t, out->start) <= 0)
        continue;

      found = TRUE;
      out->start = t;
      out->offset_to = icalproperty_get_tzoffsetto (to);
      out->has_rule = rrule != NULL;
      if (rrule != NULL)
        out->rule = icalproperty_get_rrule (rrule);
    }

  return found;
}

static void
append_posix_offset (GString *text,
                     int      seconds,
                     gboolean inverted)
{
  int value = inverted ? -seconds : seconds;
  int h = ABS (value) / 3600, m = ABS (value) / 60 % 60, s = ABS (value) % 60;

  g_string_append_c (text, value < 0 ? '-' : '+');
  g_string_append_printf (text, "%d", h);
  if (m != 0 || s != 0)
    g_string_append_printf (text, ":%02d", m);
  if (s != 0)
    g_string_append_printf (text, ":%02d", s);
}

static void
append_posix_name (GString *text,
                   int      seconds)
{
  g_string_append_printf (text, "<%c%02d%02d>", seconds < 0 ? '-' : '+',
                          ABS (seconds) / 3600, ABS (seconds) / 60 % 60);
}

/* ",Mm.w.d/time" for "FREQ=YEARLY;BYMONTH=m;BYDAY=wD" at the observance's start time. */
static gboolean
append_posix_transition (GString          *text,
                         const Observance *observance)
{
  const struct icalrecurrencetype *rule = &observance->rule;
  int position, weekday, seconds;

  if (rule->freq != ICAL_YEARLY_RECURRENCE || rule->interval > 1 ||
      rule->by_month[0] == ICAL_RECURRENCE_ARRAY_MAX ||
      rule->by_month[1] != ICAL_RECURRENCE_ARRAY_MAX ||
      rule->by_day[0] == ICAL_RECURRENCE_ARRAY_MAX ||
      rule->by_day[1] != ICAL_RECURRENCE_ARRAY_MAX ||
      rule->by_set_pos[0] != ICAL_RECURRENCE_ARRAY_MAX)
    return FALSE;

  position = icalrecurrencetype_day_position (rule->by_day[0]);
  weekday = (int) icalrecurrencetype_day_day_of_week (rule->by_day[0]);
  if (position == -1)
    position = 5;

  /* Older Evolution and Apple files: "BYMONTHDAY=8,9,10,11,12,13,14;BYDAY=SU"
   * for the second Sunday, the month's last seven days for the last one. */
  if (rule->by_month_day[0] != ICAL_RECURRENCE_ARRAY_MAX)
    {
      int first = rule->by_month_day[0];
      int days = icaltime_days_in_month (rule->by_month[0], 2001);

      if (position != 0 || rule->by_month_day[7] != ICAL_RECURRENCE_ARRAY_MAX)
        return FALSE;
      for (int i = 1; i < 7; i++)
        if (rule->by_month_day[i] != first + i)
          return FALSE;
      if (first == days - 6 && rule->by_month[0] != 2)
        position = 5;
      else if (first == 1 || first == 8 || first == 15 || first == 22)
        position = (first + 6) / 7;
      else
        return FALSE;
    }
  if (position < 1 || position > 5 || weekday < 1 || weekday > 7)
    return FALSE;

  seconds = observance->start.hour * 3600 + observance->start.minute * 60 +
            observance->start.second;
  g_string_append_printf (text, ",M%d.%d.%d/%d", rule->by_month[0], position, weekday - 1,
                          seconds / 3600);
  if (seconds % 3600 != 0)
    g_string_append_printf (text, ":%02d:%02d", seconds / 60 % 60, seconds % 60);

  return TRUE;
}

static char *
posix_rule_for_vtimezone (icalcomponent *vtimezone)
{
  g_autoptr(GString) text = g_string_new (NULL);
  Observance standard, daylight;
  gboolean has_standard = read_newest_observance (vtimezone, ICAL_XSTANDARD_COMPONENT, &standard);
  gboolean has_daylight = read_newest_observance (vtimezone, ICAL_XDAYLIGHT_COMPONENT, &daylight);

  if (!has_standard && !has_daylight)
    return NULL;

  /* A fixed offset: one kind only, or observances without rules. */
  if (!has_standard || !has_daylight || !standard.has_rule || !daylight.has_rule)
    {
      const Observance *only = has_standard ? &standard : &daylight;

      if (has_standard && has_daylight && icaltime_compare (daylight.start, standard.start) > 0)
        only = &daylight;
      append_posix_name (text, only->offset_to);
      append_posix_offset (text, only->offset_to, TRUE);
      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  append_posix_name (text, standard.offset_to);
  append_posix_offset (text, standard.offset_to, TRUE);
  append_posix_name (text, daylight.offset_to);
  append_posix_offset (text, daylight.offset_to, TRUE);
  if (!append_posix_transition (text, &daylight) || !append_posix_transition (text, &standard))
    return NULL;

  return g_string_free (g_steal_pointer (&text), FALSE);
}

#define ZONE_CHECK_FROM  G_GINT64_CONSTANT (1704067200)  /* 2024-01-01 */
#define ZONE_CHECK_TO    G_GINT64_CONSTANT (1924992000)  /* 2031-01-01 */
#define ZONE_CHECK_STEP  (6 * 3600)

static gboolean
posix_rule_matches (const char   *rule,
                    icaltimezone *zone)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (rule);

  if (tz == NULL)
    return FALSE;

  for (gint64 utc = ZONE_CHECK_FROM; utc < ZONE_CHECK_TO; utc += ZONE_CHECK_STEP)
    {
      struct icaltimetype t = icaltime_from_timet_with_zone ((time_t) utc, FALSE,
                                                             icaltimezone_get_utc_timezone ());
      int is_daylight = 0;
      int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, utc);

      if (interval < 0 ||
          g_time_zone_get_offset (tz, interval) !=
          icaltimezone_get_utc_offset_of_utc_time (zone, &t, &is_daylight))
        return FALSE;
    }

  return TRUE;
}

/* The POSIX rule for the file's zone @tzid, or NULL; cached in @zones. */
static const char *
file_zone_rule (icalcomponent *calendar,
                const char    *tzid,
                GHashTable    *zones)
{
  g_autofree char *key = g_strdup_printf ("%p\n%s", (void *) calendar, tzid);
  char *rule = NULL;

  if (g_hash_table_lookup_extended (zones, key, NULL, (gpointer *) &rule))
    return rule;

  for (icalcompiter iter = icalcomponent_begin_component (calendar, ICAL_VTIMEZONE_COMPONENT);
       icalcompiter_deref (&iter) != NULL && rule == NULL;
       icalcompiter_next (&iter))
    {
      icalcomponent *vtimezone = icalcompiter_deref (&iter);
      icalproperty *prop = icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY);
      icaltimezone *zone;

      if (prop == NULL || g_strcmp0 (icalproperty_get_tzid (prop), tzid) != 0 ||
          !vtimezone_is_safe (vtimezone))
        continue;

      rule = posix_rule_for_vtimezone (vtimezone);
      zone = icalcomponent_get_timezone (calendar, tzid);
      if (rule != NULL && (strlen (rule) > 64 || zone == NULL || !posix_rule_matches (rule, zone)))
        g_clear_pointer (&rule, g_free);
    }

  g_hash_table_insert (zones, g_steal_pointer (&key), rule);

  return rule;
}

void
_closeness_ics_file_time_clear (FileTime *time)
{
  g_clear_pointer (&time->local, g_free);
  g_clear_pointer (&time->tzid, g_free);
}

gboolean
_closeness_ics_time_in_range (struct icaltimetype t)
{
  return t.year >= 1900 && t.year <= 2200 && t.month >= 1 && t.month <= 12 && t.day >= 1 &&
         t.day <= icaltime_days_in_month (t.month, t.year) &&
         t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59 &&
         t.second >= 0 && t.second <= 60;
}

static char *
format_local (struct icaltimetype t)
{
  if (t.is_date)
    return g_strdup_printf ("%04d-%02d-%02d", t.year, t.month, t.day);

  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d", t.year, t.month, t.day,
                          t.hour, t.minute, MIN (t.second, 59));
}

/* Reads a DTSTART/DTEND/EXDATE/RECURRENCE-ID time of a property. Zones
 * Closeness does not know are converted to UTC with the file's VTIMEZONE. */
gboolean
_closeness_ics_read_file_time (icalproperty        *prop,
                struct icaltimetype  t,
                icalcomponent       *calendar,
                GHashTable          *zones,
                FileTime            *out)
{
  icalparameter *param;
  const char *tzid = NULL;
  const char *resolved;

  memset (out, 0, sizeof *out);

  if (icaltime_is_null_time (t) || !_closeness_ics_time_in_range (t))
    return FALSE;

  param = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER);
  if (param != NULL)
    tzid = icalparameter_get_tzid (param);

  out->is_date = t.is_date;

  if (t.is_date)
    {
      out->local = format_local (t);
      out->tzid = g_strdup ("");
    }
  else if (icaltime_is_utc (t))
    {
      out->local = format_local (t);
      out->tzid = g_strdup ("UTC");
    }
  else if (tzid != NULL && (resolved = _closeness_ics_resolve_tzid (tzid)) != NULL)
    {
      out->local = format_local (t);
      out->tzid = g_strdup (resolved);
    }
  else if (tzid != NULL && calendar != NULL && file_zone_rule (calendar, tzid, zones) != NULL)
    {
      out->local = format_local (t);
      out->tzid = g_strdup (file_zone_rule (calendar, tzid, zones));
    }
  else if (tzid != NULL)
    {
      icaltimezone *zone = file_timezone (calendar, tzid);
      struct icaltimetype utc;

      if (zone == NULL)
        {
          /* An unknown zone without a (usable) definition: read it as floating. */
          out->local = format_local (t);
          out->tzid = g_strdup ("");
          out->zone_fate = ZONE_UNKNOWN;
        }
      else
        {
          t.zone = zone;
          utc = icaltime_convert_to_zone (t, icaltimezone_get_utc_timezone ());
          if (!_closeness_ics_time_in_range (utc))
            return FALSE;
          out->local = format_local (utc);
          out->tzid = g_strdup ("UTC");
          out->zone_fate = ZONE_AS_UTC;
        }
    }
  else
    {
      out->local = format_local (t);
      out->tzid = g_strdup ("");
    }

  if (!closeness_recurrence_local_to_utc (out->local, out->tzid, &out->utc))
    {
      _closeness_ics_file_time_clear (out);
      return FALSE;
    }

  return TRUE;
}

/* An EXDATE or RECURRENCE-ID as a wall time in the event's own zone. */
char *
_closeness_ics_occurrence_in_event_zone (const FileTime *time,
                          const FileTime *start)
{
  g_autofree char *local = NULL;

  if (start->is_date)
    return g_strndup (time->local, 10);

  if (time->is_date)
    return g_strconcat (time->local, start->local + 10, NULL);

  if (g_strcmp0 (time->tzid, start->tzid) == 0)
    return g_strdup (time->local);

  local = closeness_recurrence_utc_to_local (time->utc, start->tzid, FALSE);

  return g_steal_pointer (&local);
}

/* Reading back what posix_rule_for_vtimezone() wrote. */
static gboolean
parse_posix_offset (const char **p,
                    int         *seconds)
{
  int sign = 1, h = 0, m = 0, s = 0, n = 0;

  if (**p == '+' || **p == '-')
    sign = *(*p)++ == '-' ? -1 : 1;
  if (sscanf (*p, "%2d%n", &h, &n) != 1)
    return FALSE;
  *p += n;
  if (**p == ':' && sscanf (*p, ":%2d%n", &m, &n) == 1)
    *p += n;
  if (**p == ':' && sscanf (*p, ":%2d%n", &s, &n) == 1)
    *p += n;
  *seconds = sign * (h * 3600 + m * 60 + s);

  return TRUE;
}

static gboolean
parse_posix_zone (const char **p,
                  int         *offset)
{
  const char *end;

  if (**p != '<' || (end = strchr (*p, '>')) == NULL)
    return FALSE;
  *p = end + 1;
  if (!parse_posix_offset (p, offset))
    return FALSE;
  *offset = -*offset;

  return TRUE;
}

static gboolean
parse_posix_transition (const char **p,
                        GString     *rule,
                        int         *seconds)
{
  static const char * const days[] = { "SU", "MO", "TU", "WE", "TH", "FR", "SA" };
  int month, week, day, n = 0;

  if (sscanf (*p, ",M%2d.%1d.%1d%n", &month, &week, &day, &n) != 3 ||
      month < 1 || month > 12 || week < 1 || week > 5 || day < 0 || day > 6)
    return FALSE;
  *p += n;
  *seconds = 2 * 3600;
  if (**p == '/')
    {
      (*p)++;
      if (!parse_posix_offset (p, seconds) || *seconds < 0 || *seconds >= 24 * 3600)
        return FALSE;
    }
  g_string_append_printf (rule, "FREQ=YEARLY;BYMONTH=%d;BYDAY=%d%s", month,
                          week == 5 ? -1 : week, days[day]);

  return TRUE;
}

static void
append_observance (GString    *text,
                   const char *kind,
                   int         from,
                   int         to,
                   int         at,
                   const char *rrule)
{
  g_string_append_printf (text, "BEGIN:%s\r\nDTSTART:19700101T%02d%02d%02d\r\n", kind,
                          at / 3600, at / 60 % 60, at % 60);
  g_string_append_printf (text, "TZOFFSETFROM:%c%02d%02d\r\nTZOFFSETTO:%c%02d%02d\r\n",
                          from < 0 ? '-' : '+', ABS (from) / 3600, ABS (from) / 60 % 60,
                          to < 0 ? '-' : '+', ABS (to) / 3600, ABS (to) / 60 % 60);
  if (rrule != NULL)
    g_string_append_printf (text, "RRULE:%s\r\n", rrule);
  g_string_append_printf (text, "END:%s\r\n", kind);
}

/* A VTIMEZONE for a zone stored as a POSIX rule (a zone an imported file
 * defined itself), so other programs, and Closeness, read it back. */
static icalcomponent *
vtimezone_for_posix_rule (const char *tzid)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) to_daylight = g_string_new (NULL);
  g_autoptr(GString) to_standard = g_string_new (NULL);
  const char *p = tzid;
  int standard, daylight, daylight_at, standard_at;

  if (!parse_posix_zone (&p, &standard))
    return NULL;

  g_string_append_printf (text, "BEGIN:VTIMEZONE\r\nTZID:%s\r\n", tzid);
  if (*p == '\0')
    append_observance (text, "STANDARD", standard, standard, 0, NULL);
  else if (parse_posix_zone (&p, &daylight) &&
           parse_posix_transition (&p, to_daylight, &daylight_at) &&
           parse_posix_transition (&p, to_standard, &standard_at) && *p == '\0')
    {
      append_observance (text, "DAYLIGHT", standard, daylight, daylight_at, to_daylight->str);
      append_observance (text, "STANDARD", daylight, standard, standard_at, to_standard->str);
    }
  else
    return NULL;
  g_string_append (text, "END:VTIMEZONE\r\n");

  return icalcomponent_new_from_string (text->str);
}

void
_closeness_ics_add_vtimezone (icalcomponent *calendar,
               GHashTable    *done,
               const char    *tzid)
{
  icaltimezone *zone;
  icalcomponent *vtimezone;
  icalproperty *prop;

  if (tzid == NULL || tzid[0] == '\0' || g_strcmp0 (tzid, "UTC") == 0 ||
      g_hash_table_contains (done, tzid))
    return;

  g_hash_table_add (done, g_strdup (tzid));

  if (tzid[0] == '<')
    {
      vtimezone = vtimezone_for_posix_rule (tzid);
      if (vtimezone != NULL)
        icalcomponent_add_component (calendar, vtimezone);
      icalerror_clear_errno ();
      return;
    }

  zone = icaltimezone_get_builtin_timezone (tzid);
  if (zone == NULL || icaltimezone_get_component (zone) == NULL)
    return;

  /* libical names its zones "/freeassociation.sourceforge.net/…"; the
   * events use the plain IANA name. */
  vtimezone = icalcomponent_new_clone (icaltimezone_get_component (zone));
  prop = icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY);
  if (prop != NULL)
    icalproperty_set_tzid (prop, tzid);
  icalcomponent_add_component (calendar, vtimezone);
}
