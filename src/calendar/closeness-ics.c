/* closeness-ics.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import reads the whole file first (size, nesting and a time limit are
 * checked before and while libical parses it), turns every VEVENT into a
 * store event or a reason why it was left out, and only then saves all
 * events in one store transaction. Nothing is saved when the file cannot be
 * read as a whole.
 */

#define G_LOG_DOMAIN "closeness-calendar"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libical/ical.h>
#include <string.h>

#include "store/closeness-import-file.h"

#include "closeness-ics.h"
#include "closeness-recurrence.h"

#define PRODID              "-//Closeness//Closeness " PACKAGE_VERSION "//EN"
#define MAX_COMPONENTS      100000
#define MAX_LINE            (256 * 1024)
#define MAX_EXDATES         1000
#define PARSE_BUDGET_USEC   (10 * G_USEC_PER_SEC)
#define DEFAULT_DURATION    30
#define MAX_DURATION        CLOSENESS_STORE_MAX_DURATION_MINUTES
#define MAX_REMINDER        (4 * 7 * 24 * 60)

G_DEFINE_QUARK (closeness-ics-error-quark, closeness_ics_error)

typedef struct
{
  char   *uid;
  char   *recurrence_id;
  char   *summary;
  char   *dtstart;
  char   *tzid;
  int     duration_minutes;
  char   *rrule;
  char   *exdates;
  int     planned_by;
  char   *deck;             /* X-CLOSENESS-DECK: a built-in deck key or a deck name */
  char   *notes;
  char   *ical_raw;
  int     reminders[CLOSENESS_STORE_MAX_EVENT_REMINDERS];
  guint   n_reminders;
  int     sequence;         /* SEQUENCE: of two copies of one UID, the higher wins */
  GArray *rdates;           /* RDate, or NULL: see add_rdate_occurrences() */
  gboolean this_and_future; /* RECURRENCE-ID;RANGE=THISANDFUTURE */
} ImportedEvent;

/* One RDATE of an event: a wall time in the event's zone and its length. */
typedef struct
{
  char *local;
  int   duration_minutes;
} RDate;

/* A STATUS:CANCELLED override: that occurrence of its series is removed. */
typedef struct
{
  char *uid;
  char *recurrence_id;      /* in the override's own zone, see occurrence_in_event_zone() */
} CancelledOccurrence;

/* What the file was written in, when it was not UTF-8. */
typedef enum
{
  FILE_ENCODING_UTF8,
  FILE_ENCODING_UTF16,
  FILE_ENCODING_WINDOWS_1252,
} FileEncoding;

struct _ClosenessIcsImport
{
  GArray       *events;       /* ImportedEvent */
  GHashTable   *keys;         /* "uid\nrecurrence-id" -> index in events + 1 */
  GArray       *cancelled;    /* CancelledOccurrence */
  GHashTable   *zones;        /* "calendar\ntzid" -> POSIX rule from its VTIMEZONE, or NULL */
  GPtrArray    *notes;        /* per event, what it lost: see closeness_ics_import_dup_summary() */
  guint         skipped[CLOSENESS_ICS_N_SKIPS];
  guint         n_added;
  guint         n_updated;
  FileEncoding  encoding;
  gboolean      committed;
};

static void
imported_event_clear (ImportedEvent *event)
{
  g_free (event->uid);
  g_free (event->recurrence_id);
  g_free (event->summary);
  g_free (event->dtstart);
  g_free (event->tzid);
  g_free (event->rrule);
  g_free (event->exdates);
  g_free (event->deck);
  g_free (event->notes);
  g_free (event->ical_raw);
  g_clear_pointer (&event->rdates, g_array_unref);
}

static void
rdate_clear (RDate *rdate)
{
  g_free (rdate->local);
}

static void
cancelled_occurrence_clear (CancelledOccurrence *cancelled)
{
  g_free (cancelled->uid);
  g_free (cancelled->recurrence_id);
}

static gboolean
set_error (GError            **error,
           ClosenessIcsError   code,
           const char         *message)
{
  g_set_error_literal (error, CLOSENESS_ICS_ERROR, code, message);
  return FALSE;
}

/* Text from the file: valid UTF-8, at most @max_chars characters. */
static char *
clean_text (const char *text,
            gsize       max_chars,
            gboolean    single_line)
{
  g_autofree char *valid = NULL;
  const char *end;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  if (single_line)
    g_strdelimit (valid, "\r\n\t", ' ');
  g_strstrip (valid);

  if ((gsize) g_utf8_strlen (valid, -1) <= max_chars)
    return g_steal_pointer (&valid);

  end = g_utf8_offset_to_pointer (valid, max_chars);
  return g_strndup (valid, end - valid);
}

/* Pre-checks */

/* RFC 5545 calendars are UTF-8, but some programs save UTF-16 (with or
 * without a byte order mark; the first line is ASCII, so every other byte
 * is NUL) or an 8-bit encoding. UTF-16 converts without loss. Text that is
 * not valid UTF-8 is read as Windows-1252, what such programs almost always
 * wrote (Latin-1 plus quotes, dashes and the euro sign), rather than have
 * every accent replaced; the summary says what was assumed.
 *
 * Returns: %FALSE with @error set when the file cannot be decoded; else
 *   @converted is the UTF-8 text, or %NULL when @data already is */
static gboolean
decode_text (const char    *data,
             gsize          length,
             char         **converted,
             gsize         *converted_length,
             FileEncoding  *encoding,
             GError       **error)
{
  const char *utf16 = NULL;
  gsize bom = 0;

  *converted = NULL;
  *converted_length = 0;
  *encoding = FILE_ENCODING_UTF8;

  if (length >= 2 && memcmp (data, "\xff\xfe", 2) == 0)
    utf16 = "UTF-16LE", bom = 2;
  else if (length >= 2 && memcmp (data, "\xfe\xff", 2) == 0)
    utf16 = "UTF-16BE", bom = 2;
  else if (length >= 4 && data[0] != '\0' && data[1] == '\0' && data[2] != '\0' && data[3] == '\0')
    utf16 = "UTF-16LE";
  else if (length >= 4 && data[0] == '\0' && data[1] != '\0' && data[2] == '\0' && data[3] != '\0')
    utf16 = "UTF-16BE";

  if (utf16 != NULL)
    {
      *converted = g_convert (data + bom, length - bom, "UTF-8", utf16, NULL, converted_length,
                              NULL);
      if (*converted == NULL)
        return set_error (error, CLOSENESS_ICS_ERROR_NOT_CALENDAR,
                          _("The calendar file is UTF-16 text that could not be read. Save it "
                            "as UTF-8 and try again."));
      *encoding = FILE_ENCODING_UTF16;
      return TRUE;
    }

  /* NUL bytes are binary data: prepare_text() says so. */
  if (g_utf8_validate_len (data, length, NULL) || memchr (data, '\0', length) != NULL)
    return TRUE;

  /* glibc's Windows-1252 has no characters for five bytes; Latin-1 has
   * them all, and is the same for every letter. */
  *converted = g_convert (data, length, "UTF-8", "WINDOWS-1252", NULL, converted_length, NULL);
  if (*converted == NULL)
    *converted = g_convert (data, length, "UTF-8", "ISO-8859-1", NULL, converted_length, NULL);
  if (*converted == NULL)
    return set_error (error, CLOSENESS_ICS_ERROR_NOT_CALENDAR,
                      _("The calendar file is not UTF-8 text. Save it as UTF-8 and try again."));
  *encoding = FILE_ENCODING_WINDOWS_1252;

  return TRUE;
}

/* Reads the file's lines before libical does: it must start with
 * BEGIN:VCALENDAR, nest at most CLOSENESS_ICS_MAX_DEPTH deep, close every
 * BEGIN, and have no NUL bytes (libical would stop there and read half a
 * file). libical takes quadratic time on very long (unfolded) lines, so a
 * property longer than MAX_LINE, such as an inline attachment, is left out.
 *
 * Returns: (transfer full): the text for libical, or %NULL */
static char *
prepare_text (const char  *data,
              gsize        length,
              guint       *n_dropped,
              GError     **error)
{
  g_autoptr(GString) out = NULL;
  const char *p = data;
  const char *end = data + length;
  const char *logical = NULL;
  gsize logical_length = 0;
  gboolean first = TRUE;
  guint depth = 0, components = 0;

  *n_dropped = 0;

  if (memchr (data, '\0', length) != NULL)
    {
      set_error (error, CLOSENESS_ICS_ERROR_NOT_CALENDAR,
                 _("The calendar file contains binary data and was not read."));
      return NULL;
    }

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  out = g_string_sized_new (length + 1);

#define FLUSH_LOGICAL_LINE() \
  G_STMT_START { \
    if (logical != NULL && logical_length <= MAX_LINE) \
      g_string_append_len (out, logical, logical_length); \
    else if (logical != NULL) \
      (*n_dropped)++; \
  } G_STMT_END

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *next = eol != NULL ? eol + 1 : end;
      gsize line_length = (eol != NULL ? eol : end) - p;
      gboolean continuation = *p == ' ' || *p == '\t';

      if (!continuation)
        {
          FLUSH_LOGICAL_LINE ();
          logical = p;
          logical_length = 0;
        }
      logical_length += next - p;

      while (line_length > 0 && (p[line_length - 1] == '\r' || p[line_length - 1] == ' '))
        line_length--;

      if (line_length > 0 && !continuation)
        {
          if (first)
            {
              if (line_length != 15 || g_ascii_strncasecmp (p, "BEGIN:VCALENDAR", 15) != 0)
                {
                  set_error (error, CLOSENESS_ICS_ERROR_NOT_CALENDAR,
                             _("This is not an iCalendar file."));
                  return NULL;
                }
              first = FALSE;
            }

          if (line_length >= 6 && g_ascii_strncasecmp (p, "BEGIN:", 6) == 0)
            {
              if (++depth > CLOSENESS_ICS_MAX_DEPTH)
                {
                  set_error (error, CLOSENESS_ICS_ERROR_TOO_DEEP,
                             _("The calendar file is nested too deeply to be read."));
                  return NULL;
                }
              if (++components > MAX_COMPONENTS)
                {
                  set_error (error, CLOSENESS_ICS_ERROR_TOO_BIG,
                             _("The calendar file has too many entries to be read."));
                  return NULL;
                }
            }
          else if (line_length >= 4 && g_ascii_strncasecmp (p, "END:", 4) == 0)
            {
              if (depth == 0)
                {
                  set_error (error, CLOSENESS_ICS_ERROR_NOT_CALENDAR,
                             _("The calendar file is damaged and could not be read."));
                  return NULL;
                }
              depth--;
            }
        }

      p = next;
    }

  FLUSH_LOGICAL_LINE ();
#undef FLUSH_LOGICAL_LINE

  if (first)
    {
      set_error (error, CLOSENESS_ICS_ERROR_NOT_CALENDAR, _("The calendar file is empty."));
      return NULL;
    }

  /* A cut-off file could silently lose events: refuse it as a whole. */
  if (depth != 0)
    {
      set_error (error, CLOSENESS_ICS_ERROR_NOT_CALENDAR,
                 _("The calendar file is incomplete and could not be read."));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

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
static const char *
resolve_tzid (const char *tzid)
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
          if (rule.by_hour[0] != ICAL_RECURRENCE_ARRAY_MAX && rule.by_hour[1] == ICAL_RECURRENCE_ARRAY_MAX)
            rule.by_hour[0] = ICAL_RECURRENCE_ARRAY_MAX;
          if (rule.by_minute[0] != ICAL_RECURRENCE_ARRAY_MAX && rule.by_minute[1] == ICAL_RECURRENCE_ARRAY_MAX)
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

/* How a time written in the file is stored: a wall time and a zone. */
typedef struct
{
  char     *local;   /* 'YYYY-MM-DDTHH:MM:SS' or 'YYYY-MM-DD' */
  char     *tzid;    /* IANA, "UTC" or "" (floating) */
  gboolean  is_date;
  gint64    utc;
  enum { ZONE_KEPT, ZONE_AS_UTC, ZONE_UNKNOWN } zone_fate;
} FileTime;

static void
file_time_clear (FileTime *time)
{
  g_clear_pointer (&time->local, g_free);
  g_clear_pointer (&time->tzid, g_free);
}

static gboolean
time_in_range (struct icaltimetype t)
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
static gboolean
read_file_time (icalproperty        *prop,
                struct icaltimetype  t,
                icalcomponent       *calendar,
                GHashTable          *zones,
                FileTime            *out)
{
  icalparameter *param;
  const char *tzid = NULL;
  const char *resolved;

  memset (out, 0, sizeof *out);

  if (icaltime_is_null_time (t) || !time_in_range (t))
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
  else if (tzid != NULL && (resolved = resolve_tzid (tzid)) != NULL)
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
          if (!time_in_range (utc))
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
      file_time_clear (out);
      return FALSE;
    }

  return TRUE;
}

/* An EXDATE or RECURRENCE-ID as a wall time in the event's own zone. */
static char *
occurrence_in_event_zone (const FileTime *time,
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

static int
planned_by_from_string (const char *value)
{
  if (g_strcmp0 (value, "partner-1") == 0)
    return CLOSENESS_PLANNED_BY_PARTNER_1;
  if (g_strcmp0 (value, "partner-2") == 0)
    return CLOSENESS_PLANNED_BY_PARTNER_2;
  if (g_strcmp0 (value, "both") == 0)
    return CLOSENESS_PLANNED_BY_BOTH;

  return CLOSENESS_PLANNED_BY_NOBODY;
}

static const char *
planned_by_to_string (int planned_by)
{
  switch (planned_by)
    {
    case CLOSENESS_PLANNED_BY_PARTNER_1:
      return "partner-1";
    case CLOSENESS_PLANNED_BY_PARTNER_2:
      return "partner-2";
    case CLOSENESS_PLANNED_BY_BOTH:
      return "both";
    default:
      return NULL;
    }
}

static guint
read_reminders (icalcomponent *vevent,
                gint64         start_utc,
                int            duration_minutes,
                ImportedEvent *event)
{
  guint dropped = 0;

  for (icalcomponent *alarm = icalcomponent_get_first_component (vevent, ICAL_VALARM_COMPONENT);
       alarm != NULL && event->n_reminders < CLOSENESS_STORE_MAX_EVENT_REMINDERS;
       alarm = icalcomponent_get_next_component (vevent, ICAL_VALARM_COMPONENT))
    {
      icalproperty *prop = icalcomponent_get_first_property (alarm, ICAL_TRIGGER_PROPERTY);
      struct icaltriggertype trigger;
      icalparameter *related;
      gint64 offset;
      gboolean duplicate = FALSE;

      if (prop == NULL)
        continue;

      trigger = icalproperty_get_trigger (prop);
      if (!icaltime_is_null_time (trigger.time))
        {
          if (!time_in_range (trigger.time))
            continue;
          offset = (start_utc - icaltime_as_timet_with_zone (trigger.time,
                                                             icaltimezone_get_utc_timezone ())) / 60;
        }
      else
        {
          offset = -(gint64) icaldurationtype_as_int (trigger.duration) / 60;
          related = icalproperty_get_first_parameter (prop, ICAL_RELATED_PARAMETER);
          if (related != NULL && icalparameter_get_related (related) == ICAL_RELATED_END)
            offset -= duration_minutes;
        }

      /* Reminders after the start are not something Closeness can show. */
      if (offset < 0 || offset > MAX_REMINDER)
        {
          dropped++;
          continue;
        }

      for (guint i = 0; i < event->n_reminders; i++)
        duplicate |= event->reminders[i] == offset;
      if (!duplicate)
        event->reminders[event->n_reminders++] = (int) offset;
    }

  return dropped;
}

static void
read_closeness_properties (icalcomponent *vevent,
                           ImportedEvent *event)
{
  for (icalproperty *prop = icalcomponent_get_first_property (vevent, ICAL_X_PROPERTY);
       prop != NULL;
       prop = icalcomponent_get_next_property (vevent, ICAL_X_PROPERTY))
    {
      const char *name = icalproperty_get_x_name (prop);
      const char *value = icalproperty_get_x (prop);

      if (name == NULL || value == NULL)
        continue;

      if (g_ascii_strcasecmp (name, "X-CLOSENESS-PLANNED-BY") == 0)
        event->planned_by = planned_by_from_string (value);
      else if (g_ascii_strcasecmp (name, "X-CLOSENESS-DECK") == 0 && event->deck == NULL)
        event->deck = clean_text (value, CLOSENESS_STORE_MAX_NAME, TRUE);
    }
}

static void
skip (ClosenessIcsImport *import,
      ClosenessIcsSkip    reason)
{
  import->skipped[reason]++;
}

static char *
dup_event_title (icalcomponent *vevent)
{
  char *title = clean_text (icalcomponent_get_summary (vevent), CLOSENESS_STORE_MAX_TITLE, TRUE);

  if (title == NULL || title[0] == '\0')
    {
      g_free (title);
      title = g_strdup (_("Time together"));
    }

  return title;
}

/* Takes @text; the summary shows MAX_NOTES of them and counts the rest. */
#define MAX_NOTES 10

static void
add_note (ClosenessIcsImport *import,
          char               *text)
{
  g_ptr_array_add (import->notes, text);
}

static void
append_rdate (ImportedEvent *event,
              char          *local,
              int            duration_minutes)
{
  RDate rdate = { local, duration_minutes };

  if (event->rdates == NULL)
    {
      event->rdates = g_array_new (FALSE, TRUE, sizeof (RDate));
      g_array_set_clear_func (event->rdates, (GDestroyNotify) rdate_clear);
    }
  g_array_append_val (event->rdates, rdate);
}

/* Several RRULEs (Apple, some feeds): the occurrences of every further
 * rule are added like RDATEs when the rule ends (COUNT or UNTIL), at most
 * MAX_EXDATES of them; a further rule without end cannot be kept and the
 * summary says so. */
static void
read_more_rrules (icalcomponent      *vevent,
                  icalproperty       *first,
                  const FileTime     *start,
                  ImportedEvent      *event,
                  ClosenessIcsImport *import)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new ();

  /* Collected first: reading the title below moves the component's one
   * property iterator. */
  for (icalproperty *prop = icalcomponent_get_first_property (vevent, ICAL_RRULE_PROPERTY);
       prop != NULL && rules->len < 16;
       prop = icalcomponent_get_next_property (vevent, ICAL_RRULE_PROPERTY))
    g_ptr_array_add (rules, prop);

  for (guint n = 0; n < rules->len; n++)
    {
      icalproperty *prop = g_ptr_array_index (rules, n);
      struct icalrecurrencetype rule;
      g_autofree char *rrule = NULL;
      g_autoptr(GArray) occurrences = NULL;

      if (prop == first)
        continue;

      rule = icalproperty_get_rrule (prop);
      rrule = icalrecurrencetype_as_string_r (&rule);
      g_autofree char *title = NULL;

      if (rrule == NULL || (rule.count == 0 && icaltime_is_null_time (rule.until)) ||
          !closeness_recurrence_check_rrule (rrule, event->dtstart, NULL) ||
          (occurrences = closeness_recurrence_expand_full (event->dtstart, event->tzid,
                                                           event->duration_minutes, rrule,
                                                           NULL, start->utc,
                                                           G_GINT64_CONSTANT (7258118400),
                                                           MAX_EXDATES, NULL)) == NULL)
        {
          /* Translators: %s is the title of an imported event */
          title = dup_event_title (vevent);
          add_note (import, g_strdup_printf (_("“%s”: a further repeat rule without end"), title));
          continue;
        }

      for (guint i = 0; i < occurrences->len; i++)
        {
          ClosenessOccurrence *occurrence = &g_array_index (occurrences, ClosenessOccurrence, i);

          if (occurrence->recurrence_id != NULL &&
              g_strcmp0 (occurrence->recurrence_id, start->local) != 0)
            append_rdate (event, g_steal_pointer (&occurrence->recurrence_id),
                          event->duration_minutes);
        }
    }
}

/* One occurrence of @from as an event of its own: @recurrence_id names it,
 * @dtstart (taken) starts it, everything else is @from's. */
static ImportedEvent
occurrence_of (const ImportedEvent *from,
               const char          *recurrence_id,
               char                *dtstart,
               int                  duration_minutes)
{
  ImportedEvent event = { 0, };

  event.uid = g_strdup (from->uid);
  event.recurrence_id = g_strdup (recurrence_id);
  event.summary = g_strdup (from->summary);
  event.dtstart = dtstart;
  event.tzid = g_strdup (from->tzid);
  event.duration_minutes = duration_minutes;
  event.planned_by = from->planned_by;
  event.deck = g_strdup (from->deck);
  event.notes = g_strdup (from->notes);
  event.sequence = from->sequence;
  memcpy (event.reminders, from->reminders, sizeof event.reminders);
  event.n_reminders = from->n_reminders;

  return event;
}

/* Appends @event under @key (taken); appending may move the array. */
static void
append_occurrence (ClosenessIcsImport *import,
                   ImportedEvent      *event,
                   char               *key)
{
  g_array_append_val (import->events, *event);
  g_hash_table_insert (import->keys, key, GUINT_TO_POINTER (import->events->len));
}

/* RANGE=THISANDFUTURE: the override's change (a shift of the wall time, the
 * length, the title, the notes, the reminders) applies to every later
 * occurrence of a series that ends; each becomes an edited occurrence.
 * For a series without end the summary says what was not applied. */
static void
apply_this_and_future (ClosenessIcsImport *import)
{
  guint n = import->events->len;

  for (guint i = 0; i < n; i++)
    {
      ImportedEvent *change = &g_array_index (import->events, ImportedEvent, i);
      g_autofree char *series_key = NULL;
      g_autoptr(GArray) occurrences = NULL;
      ImportedEvent *series;
      gint64 rid_utc, rid_wall, start_wall, shift;
      guint index;

      if (!change->this_and_future)
        continue;

      series_key = g_strconcat (change->uid, "\n", NULL);
      index = GPOINTER_TO_UINT (g_hash_table_lookup (import->keys, series_key));
      series = index > 0 ? &g_array_index (import->events, ImportedEvent, index - 1) : NULL;
      if (series == NULL || series->rrule == NULL ||
          !closeness_recurrence_local_to_utc (change->recurrence_id, series->tzid, &rid_utc) ||
          !closeness_recurrence_local_to_utc (change->recurrence_id, "UTC", &rid_wall) ||
          !closeness_recurrence_local_to_utc (change->dtstart, "UTC", &start_wall))
        continue;

      if (strstr (series->rrule, "COUNT=") == NULL && strstr (series->rrule, "UNTIL=") == NULL)
        {
          /* Translators: %s is the title of an imported event */
          add_note (import, g_strdup_printf (_("“%s”: a change to all later evenings of a series "
                                               "without end (only that evening was changed)"),
                                             change->summary));
          continue;
        }

      shift = start_wall - rid_wall;
      occurrences = closeness_recurrence_expand_full (series->dtstart, series->tzid,
                                                      series->duration_minutes, series->rrule,
                                                      series->exdates, rid_utc + 1,
                                                      G_GINT64_CONSTANT (7258118400),
                                                      MAX_EXDATES, NULL);
      for (guint j = 0; occurrences != NULL && j < occurrences->len &&
                        import->events->len < MAX_COMPONENTS; j++)
        {
          ClosenessOccurrence *occurrence = &g_array_index (occurrences, ClosenessOccurrence, j);
          g_autofree char *key = NULL;
          ImportedEvent moved;
          gint64 wall;

          /* Appending below may move the array. */
          change = &g_array_index (import->events, ImportedEvent, i);
          key = g_strconcat (change->uid, "\n", occurrence->recurrence_id, NULL);
          if (g_hash_table_contains (import->keys, key) ||
              !closeness_recurrence_local_to_utc (occurrence->recurrence_id, "UTC", &wall))
            continue;
          moved = occurrence_of (change, occurrence->recurrence_id,
                                 closeness_recurrence_utc_to_local (wall + shift, "UTC",
                                                                    strlen (change->dtstart) == 10),
                                 change->duration_minutes);
          append_occurrence (import, &moved, g_steal_pointer (&key));
        }
    }
}

/* RDATEs (dates, date-times, PERIODs) as wall times in the event's zone.
 * The start itself is always an occurrence and is left out here. */
static void
read_rdates (icalcomponent  *vevent,
             icalcomponent  *calendar,
             GHashTable     *zones,
             const FileTime *start,
             int             duration_minutes,
             ImportedEvent  *event)
{
  for (icalproperty *prop = icalcomponent_get_first_property (vevent, ICAL_RDATE_PROPERTY);
       prop != NULL && (event->rdates == NULL || event->rdates->len < MAX_EXDATES);
       prop = icalcomponent_get_next_property (vevent, ICAL_RDATE_PROPERTY))
    {
      struct icaldatetimeperiodtype value = icalproperty_get_rdate (prop);
      gboolean is_period = icaltime_is_null_time (value.time);
      FileTime time = { 0, };
      RDate rdate = { NULL, duration_minutes };

      if (!read_file_time (prop, is_period ? value.period.start : value.time, calendar, zones, &time))
        continue;

      if (is_period && !icaltime_is_null_time (value.period.end))
        {
          FileTime end = { 0, };

          if (read_file_time (prop, value.period.end, calendar, zones, &end) && end.utc > time.utc)
            rdate.duration_minutes = (int) MIN ((end.utc - time.utc + 59) / 60, MAX_DURATION);
          file_time_clear (&end);
        }
      else if (is_period && icaldurationtype_as_int (value.period.duration) > 0)
        rdate.duration_minutes = MIN ((icaldurationtype_as_int (value.period.duration) + 59) / 60,
                                      MAX_DURATION);

      rdate.local = occurrence_in_event_zone (&time, start);
      file_time_clear (&time);

      if (g_strcmp0 (rdate.local, start->local) == 0 && rdate.duration_minutes == duration_minutes)
        {
          g_free (rdate.local);
          continue;
        }

      append_rdate (event, rdate.local, rdate.duration_minutes);
    }
}

/* Each RDATE becomes an occurrence of its own, as an edited occurrence
 * (RECURRENCE-ID = the RDATE) would: it is shown, rings and can be changed
 * alone, and importing the file again finds it by UID and RECURRENCE-ID. An
 * override in the file for the same time wins; EXDATEs remove RDATEs too. */
static void
add_rdate_occurrences (ClosenessIcsImport *import)
{
  guint n = import->events->len;

  for (guint i = 0; i < n; i++)
    {
      ImportedEvent *series = &g_array_index (import->events, ImportedEvent, i);
      g_autoptr(GArray) rdates = g_steal_pointer (&series->rdates);

      /* Bounded like the file itself: at most MAX_COMPONENTS events in all. */
      for (guint j = 0; rdates != NULL && j < rdates->len && import->events->len < MAX_COMPONENTS; j++)
        {
          RDate *rdate = &g_array_index (rdates, RDate, j);
          ImportedEvent occurrence;
          g_autofree char *key = NULL;

          /* The array may have moved: look the series up again. */
          series = &g_array_index (import->events, ImportedEvent, i);
          if (closeness_recurrence_has_exdate (series->exdates, rdate->local))
            continue;
          key = g_strconcat (series->uid, "\n", rdate->local, NULL);
          if (g_hash_table_contains (import->keys, key))
            continue;

          occurrence = occurrence_of (series, rdate->local, g_strdup (rdate->local),
                                      rdate->duration_minutes);
          append_occurrence (import, &occurrence, g_steal_pointer (&key));
        }
    }
}

/* Events without a UID get one from their contents, so importing the same
 * file again finds them (DTSTAMP, the time of the export, is left out). */
static char *
uid_from_component (icalcomponent *vevent)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *text = icalcomponent_as_ical_string_r (vevent);
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (!g_str_has_prefix (lines[i], "DTSTAMP"))
      g_checksum_update (checksum, (const guchar *) lines[i], -1);

  return g_strconcat (g_checksum_get_string (checksum), "@closeness-import", NULL);
}

/* Each cancelled occurrence becomes an EXDATE of its series, so it is never
 * shown as a normal evening and never rings. */
static void
apply_cancelled_occurrences (ClosenessIcsImport *import)
{
  for (guint i = 0; i < import->cancelled->len; i++)
    {
      CancelledOccurrence *cancelled = &g_array_index (import->cancelled, CancelledOccurrence, i);
      g_autofree char *key = g_strconcat (cancelled->uid, "\n", NULL);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (import->keys, key));
      ImportedEvent *series;
      char *exdates;

      if (index == 0 ||
          ((series = &g_array_index (import->events, ImportedEvent, index - 1))->rrule == NULL &&
           series->rdates == NULL))
        {
          skip (import, CLOSENESS_ICS_SKIP_CANCELLED);
          continue;
        }

      exdates = closeness_recurrence_add_exdate (series->exdates, cancelled->recurrence_id);
      g_free (series->exdates);
      series->exdates = exdates;
    }
}

static void
import_vevent (ClosenessIcsImport *import,
               icalcomponent      *calendar,
               icalcomponent      *vevent)
{
  ImportedEvent event = { 0, };
  FileTime start = { 0, };
  icalproperty *prop;
  gint64 duration_seconds = -1;
  g_autofree char *key = NULL;
  const char *text;
  guint index = 0;
  gboolean replace = FALSE;
  icalparameter *param;
  guint dropped;
  g_autofree char *zone_name = NULL;

  event.planned_by = CLOSENESS_PLANNED_BY_NOBODY;

  /* A cancelled occurrence of a series removes that occurrence (see
   * apply_cancelled_occurrences()); a cancelled event is left out. */
  if (icalcomponent_get_status (vevent) == ICAL_STATUS_CANCELLED &&
      icalcomponent_get_first_property (vevent, ICAL_RECURRENCEID_PROPERTY) == NULL)
    {
      skip (import, CLOSENESS_ICS_SKIP_CANCELLED);
      return;
    }

  prop = icalcomponent_get_first_property (vevent, ICAL_DTSTART_PROPERTY);
  if (prop == NULL || icaltime_is_null_time (icalproperty_get_dtstart (prop)))
    {
      skip (import, CLOSENESS_ICS_SKIP_NO_START);
      return;
    }

  if ((param = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER)) != NULL)
    zone_name = clean_text (icalparameter_get_tzid (param), 64, TRUE);
  if (!read_file_time (prop, icalproperty_get_dtstart (prop), calendar, import->zones, &start))
    {
      skip (import, CLOSENESS_ICS_SKIP_OUT_OF_RANGE);
      return;
    }

  /* Length: DURATION, or DTEND, or a day for all-day events and Closeness's
   * usual half hour otherwise (a zero-length event is read the same way). */
  if ((prop = icalcomponent_get_first_property (vevent, ICAL_DURATION_PROPERTY)) != NULL)
    duration_seconds = icaldurationtype_as_int (icalproperty_get_duration (prop));
  else if ((prop = icalcomponent_get_first_property (vevent, ICAL_DTEND_PROPERTY)) != NULL)
    {
      FileTime end = { 0, };

      if (!read_file_time (prop, icalproperty_get_dtend (prop), calendar, import->zones, &end))
        {
          skip (import, CLOSENESS_ICS_SKIP_OUT_OF_RANGE);
          goto out;
        }
      if (start.is_date && end.is_date)
        {
          gint64 start_day, end_day;

          closeness_recurrence_local_to_utc (start.local, "UTC", &start_day);
          closeness_recurrence_local_to_utc (end.local, "UTC", &end_day);
          duration_seconds = end_day - start_day;
        }
      else
        duration_seconds = end.utc - start.utc;
      file_time_clear (&end);
    }

  if (duration_seconds < 0 && duration_seconds != -1)
    {
      skip (import, CLOSENESS_ICS_SKIP_ENDS_BEFORE_START);
      goto out;
    }
  if (duration_seconds <= 0)
    event.duration_minutes = start.is_date ? 24 * 60 : DEFAULT_DURATION;
  else
    event.duration_minutes = (int) MIN ((duration_seconds + 59) / 60, (gint64) MAX_DURATION + 1);

  if (event.duration_minutes > MAX_DURATION)
    {
      skip (import, CLOSENESS_ICS_SKIP_TOO_LONG);
      goto out;
    }

  event.dtstart = g_strdup (start.local);
  event.tzid = g_strdup (start.tzid);

  /* RECURRENCE-ID: an edited occurrence of a series. */
  if ((prop = icalcomponent_get_first_property (vevent, ICAL_RECURRENCEID_PROPERTY)) != NULL)
    {
      FileTime rid = { 0, };

      if (!read_file_time (prop, icalproperty_get_recurrenceid (prop), calendar, import->zones, &rid))
        {
          skip (import, CLOSENESS_ICS_SKIP_OUT_OF_RANGE);
          goto out;
        }
      event.recurrence_id = occurrence_in_event_zone (&rid, &start);
      event.this_and_future =
        (param = icalproperty_get_first_parameter (prop, ICAL_RANGE_PARAMETER)) != NULL &&
        icalparameter_get_range (param) == ICAL_RANGE_THISANDFUTURE;
      file_time_clear (&rid);
    }

  if (event.recurrence_id == NULL &&
      (prop = icalcomponent_get_first_property (vevent, ICAL_RRULE_PROPERTY)) != NULL)
    {
      struct icalrecurrencetype rule = icalproperty_get_rrule (prop);
      g_autofree char *rrule = icalrecurrencetype_as_string_r (&rule);

      if (rrule == NULL || !closeness_recurrence_check_rrule (rrule, event.dtstart, NULL))
        {
          skip (import, CLOSENESS_ICS_SKIP_BAD_RRULE);
          goto out;
        }
      event.rrule = g_steal_pointer (&rrule);
      read_more_rrules (vevent, prop, &start, &event, import);
    }

  /* EXDATEs remove occurrences of the RRULEs and the RDATEs alike. */
  if (event.recurrence_id == NULL &&
      (event.rrule != NULL || icalcomponent_get_first_property (vevent, ICAL_RDATE_PROPERTY) != NULL))
    {
      g_autoptr(GString) exdates = g_string_new (NULL);
      guint n = 0;

      for (prop = icalcomponent_get_first_property (vevent, ICAL_EXDATE_PROPERTY);
           prop != NULL && n < MAX_EXDATES;
           prop = icalcomponent_get_next_property (vevent, ICAL_EXDATE_PROPERTY))
        {
          FileTime exdate = { 0, };
          g_autofree char *local = NULL;

          if (!read_file_time (prop, icalproperty_get_exdate (prop), calendar, import->zones, &exdate))
            continue;
          local = occurrence_in_event_zone (&exdate, &start);
          file_time_clear (&exdate);
          if (closeness_recurrence_has_exdate (exdates->str, local))
            continue;
          if (exdates->len > 0)
            g_string_append_c (exdates, ',');
          g_string_append (exdates, local);
          n++;
        }
      event.exdates = g_string_free (g_steal_pointer (&exdates), FALSE);
    }

  if (event.recurrence_id == NULL)
    read_rdates (vevent, calendar, import->zones, &start, event.duration_minutes, &event);

  text = icalcomponent_get_uid (vevent);
  if (text != NULL && text[0] != '\0' && strlen (text) <= 1000)
    event.uid = clean_text (text, 1000, TRUE);
  if (event.uid == NULL || event.uid[0] == '\0')
    {
      g_free (event.uid);
      event.uid = uid_from_component (vevent);
    }

  if (event.recurrence_id != NULL && icalcomponent_get_status (vevent) == ICAL_STATUS_CANCELLED)
    {
      CancelledOccurrence cancelled = { g_steal_pointer (&event.uid),
                                        g_steal_pointer (&event.recurrence_id) };

      g_array_append_val (import->cancelled, cancelled);
      goto out;
    }

  event.sequence = icalcomponent_get_sequence (vevent);

  key = g_strconcat (event.uid, "\n", event.recurrence_id ? event.recurrence_id : "", NULL);
  if ((index = GPOINTER_TO_UINT (g_hash_table_lookup (import->keys, key))) > 0)
    {
      ImportedEvent *kept = &g_array_index (import->events, ImportedEvent, index - 1);

      skip (import, CLOSENESS_ICS_SKIP_DUPLICATE);
      /* RFC 5546: the copy with the higher SEQUENCE is the newer one. */
      if (event.sequence <= kept->sequence)
        goto out;
      replace = TRUE;
    }

  event.summary = dup_event_title (vevent);

  prop = icalcomponent_get_first_property (vevent, ICAL_DESCRIPTION_PROPERTY);
  if (prop != NULL)
    event.notes = clean_text (icalproperty_get_description (prop), 20000, FALSE);

  if ((dropped = read_reminders (vevent, start.utc, event.duration_minutes, &event)) > 0)
    add_note (import, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                    /* Translators: %s is the title of an imported event */
                                                    "“%s”: %u reminder after the start or more than four weeks ahead",
                                                    "“%s”: %u reminders after the start or more than four weeks ahead",
                                                    dropped),
                                       event.summary, dropped));
  if (start.zone_fate == ZONE_AS_UTC)
    /* Translators: the first %s is the title of an imported event, the second a time zone name */
    add_note (import, g_strdup_printf (_("“%s”: the time zone “%s” is read as fixed times, "
                                         "without daylight saving changes"),
                                       event.summary, zone_name));
  else if (start.zone_fate == ZONE_UNKNOWN)
    /* Translators: the first %s is the title of an imported event, the second a time zone name */
    add_note (import, g_strdup_printf (_("“%s”: the time zone “%s” is unknown and is read as "
                                         "this computer’s"),
                                       event.summary, zone_name));
  read_closeness_properties (vevent, &event);

  event.ical_raw = icalcomponent_as_ical_string_r (vevent);
  if (event.ical_raw != NULL &&
      (strlen (event.ical_raw) > CLOSENESS_STORE_MAX_TEXT ||
       !g_utf8_validate (event.ical_raw, -1, NULL)))
    g_clear_pointer (&event.ical_raw, g_free);

  if (replace)
    {
      ImportedEvent *kept = &g_array_index (import->events, ImportedEvent, index - 1);

      imported_event_clear (kept);
      *kept = event;
    }
  else
    {
      g_array_append_val (import->events, event);
      g_hash_table_insert (import->keys, g_steal_pointer (&key),
                           GUINT_TO_POINTER (import->events->len));
    }
  file_time_clear (&start);
  return;

out:
  imported_event_clear (&event);
  file_time_clear (&start);
}

static gboolean
import_calendar (ClosenessIcsImport  *import,
                 icalcomponent       *calendar,
                 gint64               deadline,
                 GError             **error)
{
  /* External iterators only: libical's built-in one is shared state that
   * any nested walk over the calendar would reset. */
  for (icalcompiter iter = icalcomponent_begin_component (calendar, ICAL_ANY_COMPONENT);
       icalcompiter_deref (&iter) != NULL;
       icalcompiter_next (&iter))
    {
      icalcomponent *child = icalcompiter_deref (&iter);

      if (g_get_monotonic_time () > deadline)
        return set_error (error, CLOSENESS_ICS_ERROR_TOO_SLOW,
                          _("The calendar file is too complex to be read."));

      switch (icalcomponent_isa (child))
        {
        case ICAL_VEVENT_COMPONENT:
          import_vevent (import, calendar, child);
          break;

        case ICAL_VTODO_COMPONENT:
          skip (import, CLOSENESS_ICS_SKIP_TODO);
          break;

        case ICAL_VJOURNAL_COMPONENT:
          skip (import, CLOSENESS_ICS_SKIP_JOURNAL);
          break;

        case ICAL_VTIMEZONE_COMPONENT:
          break;

        default:
          skip (import, CLOSENESS_ICS_SKIP_OTHER_COMPONENT);
          break;
        }
    }

  return TRUE;
}

/**
 * closeness_ics_parse:
 * @data: the file's contents (need not be NUL-terminated)
 *
 * Returns: (transfer full): the events found and what was left out, or
 *   %NULL with @error set when the file cannot be read as a whole
 */
ClosenessIcsImport *
closeness_ics_parse (const char  *data,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(ClosenessIcsImport) import = NULL;
  g_autofree char *converted = NULL;
  g_autofree char *text = NULL;
  FileEncoding encoding;
  gsize converted_length;
  icalcomponent *root;
  gint64 deadline = g_get_monotonic_time () + PARSE_BUDGET_USEC;
  gboolean found = FALSE;
  gboolean ok = TRUE;
  guint n_dropped = 0;

  if (length > CLOSENESS_ICS_MAX_SIZE)
    {
      set_error (error, CLOSENESS_ICS_ERROR_TOO_BIG,
                 _("The calendar file is larger than 20 MB and was not read."));
      return NULL;
    }

  if (data == NULL || length == 0)
    {
      set_error (error, CLOSENESS_ICS_ERROR_NOT_CALENDAR, _("The calendar file is empty."));
      return NULL;
    }

  if (!decode_text (data, length, &converted, &converted_length, &encoding, error))
    return NULL;
  if (converted != NULL)
    {
      data = converted;
      length = converted_length;
    }

  text = prepare_text (data, length, &n_dropped, error);
  if (text == NULL)
    return NULL;

  icalerror_set_errors_are_fatal (FALSE);
  icalerror_clear_errno ();
  root = icalparser_parse_string (text);
  icalerror_clear_errno ();

  if (root == NULL)
    {
      set_error (error, CLOSENESS_ICS_ERROR_NOT_CALENDAR,
                 _("The calendar file could not be read."));
      return NULL;
    }

  import = g_new0 (ClosenessIcsImport, 1);
  import->events = g_array_new (FALSE, TRUE, sizeof (ImportedEvent));
  g_array_set_clear_func (import->events, (GDestroyNotify) imported_event_clear);
  import->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->cancelled = g_array_new (FALSE, TRUE, sizeof (CancelledOccurrence));
  import->zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->notes = g_ptr_array_new_with_free_func (g_free);
  g_array_set_clear_func (import->cancelled, (GDestroyNotify) cancelled_occurrence_clear);
  import->skipped[CLOSENESS_ICS_SKIP_LONG_PROPERTY] = n_dropped;
  import->encoding = encoding;

  if (icalcomponent_isa (root) == ICAL_VCALENDAR_COMPONENT)
    {
      found = TRUE;
      ok = import_calendar (import, root, deadline, error);
    }
  else if (icalcomponent_isa (root) == ICAL_XROOT_COMPONENT)
    {
      /* Several calendars in one file. */
      for (icalcomponent *calendar = icalcomponent_get_first_component (root, ICAL_VCALENDAR_COMPONENT);
           calendar != NULL && ok;
           calendar = icalcomponent_get_next_component (root, ICAL_VCALENDAR_COMPONENT))
        {
          found = TRUE;
          ok = import_calendar (import, calendar, deadline, error);
        }
    }

  icalcomponent_free (root);
  icalerror_clear_errno ();

  if (!ok)
    return NULL;

  if (!found)
    {
      set_error (error, CLOSENESS_ICS_ERROR_NOT_CALENDAR,
                 _("The file has no calendar in it."));
      return NULL;
    }

  apply_cancelled_occurrences (import);
  add_rdate_occurrences (import);
  apply_this_and_future (import);

  return g_steal_pointer (&import);
}

void
closeness_ics_import_free (ClosenessIcsImport *import)
{
  if (import == NULL)
    return;

  g_clear_pointer (&import->events, g_array_unref);
  g_clear_pointer (&import->keys, g_hash_table_unref);
  g_clear_pointer (&import->cancelled, g_array_unref);
  g_clear_pointer (&import->zones, g_hash_table_unref);
  g_clear_pointer (&import->notes, g_ptr_array_unref);
  g_free (import);
}

guint
closeness_ics_import_get_n_events (ClosenessIcsImport *import)
{
  return import->events->len;
}

guint
closeness_ics_import_get_n_skipped (ClosenessIcsImport *import,
                                    ClosenessIcsSkip    reason)
{
  g_return_val_if_fail (reason < CLOSENESS_ICS_N_SKIPS, 0);

  return import->skipped[reason];
}

static void
info_from_imported (const ImportedEvent *event,
                    ClosenessEventInfo  *info)
{
  memset (info, 0, sizeof *info);
  info->uid = event->uid;
  info->recurrence_id = event->recurrence_id;
  info->summary = event->summary;
  info->dtstart = event->dtstart;
  info->tzid = event->tzid;
  info->duration_minutes = event->duration_minutes;
  info->rrule = event->rrule;
  info->exdates = event->exdates;
  info->planned_by = event->planned_by;
  info->notes = event->notes;
  info->ical_raw = event->ical_raw;
}

static gint64
find_deck (GListModel *decks,
           const char *wanted)
{
  guint n = g_list_model_get_n_items (decks);

  if (wanted == NULL)
    return 0;

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(ClosenessDeck) deck = g_list_model_get_item (decks, i);
        const char *value = pass == 0 ? closeness_deck_get_builtin_key (deck)
                                      : closeness_deck_get_name (deck);

        if (g_strcmp0 (value, wanted) == 0)
          return closeness_record_get_id (CLOSENESS_RECORD (deck));
      }

  return 0;
}

/**
 * closeness_ics_import_commit:
 *
 * Saves every event of @import in one store transaction: all or nothing.
 */
gboolean
closeness_ics_import_commit (ClosenessIcsImport  *import,
                             ClosenessStore      *store,
                             GError             **error)
{
  g_autoptr(GArray) infos = g_array_sized_new (FALSE, TRUE, sizeof (ClosenessEventInfo),
                                               import->events->len);
  g_autoptr(GArray) reminders = g_array_sized_new (FALSE, TRUE, sizeof (ClosenessEventReminders),
                                                   import->events->len);
  GListModel *decks;

  g_return_val_if_fail (import != NULL, FALSE);
  g_return_val_if_fail (CLOSENESS_IS_STORE (store), FALSE);

  decks = closeness_store_get_decks (store);

  /* The infos borrow the imported strings; they live as long as @import. */
  for (guint i = 0; i < import->events->len; i++)
    {
      ImportedEvent *event = &g_array_index (import->events, ImportedEvent, i);
      ClosenessEventReminders event_reminders = { event->reminders, event->n_reminders };
      ClosenessEventInfo info;

      info_from_imported (event, &info);
      info.deck_id = find_deck (decks, event->deck);
      g_array_append_val (infos, info);
      g_array_append_val (reminders, event_reminders);
    }

  /* One transaction, all or nothing. */
  if (!closeness_store_add_events (store,
                                   (const ClosenessEventInfo *) (gpointer) infos->data, infos->len,
                                   (const ClosenessEventReminders *) (gpointer) reminders->data,
                                   &import->n_added, &import->n_updated, error))
    return FALSE;

  import->committed = TRUE;

  return TRUE;
}

guint
closeness_ics_import_check_events (ClosenessIcsImport *import,
                                   gint64              from_utc,
                                   gint64              to_utc,
                                   guint               max_per_event)
{
  guint n_occurrences = 0;

  g_return_val_if_fail (import != NULL, 0);

  for (guint i = 0; i < import->events->len; i++)
    {
      ImportedEvent *event = &g_array_index (import->events, ImportedEvent, i);
      ClosenessEventReminders reminders = { event->reminders, event->n_reminders };
      ClosenessEventInfo info;
      g_autoptr(GArray) occurrences = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      info_from_imported (event, &info);

      if (!closeness_store_check_event (&info, &reminders, &error))
        g_error ("The importer accepted an event the store would refuse: %s", error->message);

      occurrences = closeness_recurrence_expand_full (event->dtstart, event->tzid,
                                                      event->duration_minutes, event->rrule,
                                                      event->exdates, from_utc, to_utc,
                                                      max_per_event, NULL);
      if (occurrences != NULL)
        n_occurrences += occurrences->len;

      text = closeness_ics_event_to_string (&info, event->reminders, event->n_reminders);
      g_assert (text != NULL);
    }

  return n_occurrences;
}

static void
append_skip (GString    *text,
             const char *line)
{
  g_string_append (text, text->len > 0 ? "; " : "");
  g_string_append (text, line);
}

/**
 * closeness_ics_import_dup_summary:
 *
 * Returns: (transfer full): one line saying what was imported and what was
 *   left out, and why
 */
char *
closeness_ics_import_dup_summary (ClosenessIcsImport *import)
{
  g_autoptr(GString) skipped = g_string_new (NULL);
  g_autofree char *imported = NULL;
  g_autofree char *line = NULL;
  const char *note = NULL;
  guint *s = import->skipped;

  if (s[CLOSENESS_ICS_SKIP_TODO] > 0)
    {
      g_autofree char *part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to-do (VTODO)",
                                                            "%u to-dos (VTODO)",
                                                            s[CLOSENESS_ICS_SKIP_TODO]),
                                               s[CLOSENESS_ICS_SKIP_TODO]);
      append_skip (skipped, part);
    }
  if (s[CLOSENESS_ICS_SKIP_JOURNAL] > 0)
    {
      g_autofree char *part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u journal entry (VJOURNAL)",
                                                            "%u journal entries (VJOURNAL)",
                                                            s[CLOSENESS_ICS_SKIP_JOURNAL]),
                                               s[CLOSENESS_ICS_SKIP_JOURNAL]);
      append_skip (skipped, part);
    }
  if (s[CLOSENESS_ICS_SKIP_OTHER_COMPONENT] > 0)
    {
      g_autofree char *part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u other calendar entry",
                                                            "%u other calendar entries",
                                                            s[CLOSENESS_ICS_SKIP_OTHER_COMPONENT]),
                                               s[CLOSENESS_ICS_SKIP_OTHER_COMPONENT]);
      append_skip (skipped, part);
    }
  if (s[CLOSENESS_ICS_SKIP_NO_START] > 0)
    {
      g_autofree char *part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event without a start (DTSTART)",
                                                            "%u events without a start (DTSTART)",
                                                            s[CLOSENESS_ICS_SKIP_NO_START]),
                                               s[CLOSENESS_ICS_SKIP_NO_START]);
      append_skip (skipped, part);
    }
  if (s[CLOSENESS_ICS_SKIP_OUT_OF_RANGE] > 0)
    {
      g_autofree char *part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event with a date before 1900 or after 2200",
                                                            "%u events with a date before 1900 or after 2200",
                                                            s[CLOSENESS_ICS_SKIP_OUT_OF_RANGE]),
                                               s[CLOSENESS_ICS_SKIP_OUT_OF_RANGE]);
      append_skip (skipped, part);
    }
  if (s[CLOSENESS_ICS_SKIP_ENDS_BEFORE_START] > 0)
    {
      g_autofree char *part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event that ends before it starts",
                                                            "%u events that end before they start",
                                                            s[CLOSENESS_ICS_SKIP_ENDS_BEFORE_START]),
                                               s[CLOSENESS_ICS_SKIP_ENDS_BEFORE_START]);
      append_skip (skipped, part);
    }
  if (s[CLOSENESS_ICS_SKIP_TOO_LONG] > 0)
    {
      g_autofree char *part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event longer than a year",
                                                            "%u events longer than a year",
                                                            s[CLOSENESS_ICS_SKIP_TOO_LONG]),
                                               s[CLOSENESS_ICS_SKIP_TOO_LONG]);
      append_skip (skipped, part);
    }
  if (s[CLOSENESS_ICS_SKIP_BAD_RRULE] > 0)
    {
      g_autofree char *part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event with a repeat rule Closeness cannot use",
                                                            "%u events with a repeat rule Closeness cannot use",
                                                            s[CLOSENESS_ICS_SKIP_BAD_RRULE]),
                                               s[CLOSENESS_ICS_SKIP_BAD_RRULE]);
      append_skip (skipped, part);
    }
  if (s[CLOSENESS_ICS_SKIP_CANCELLED] > 0)
    {
      g_autofree char *part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u canceled event",
                                                            "%u canceled events",
                                                            s[CLOSENESS_ICS_SKIP_CANCELLED]),
                                               s[CLOSENESS_ICS_SKIP_CANCELLED]);
      append_skip (skipped, part);
    }
  if (s[CLOSENESS_ICS_SKIP_LONG_PROPERTY] > 0)
    {
      g_autofree char *part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u very long entry (such as an attachment)",
                                                            "%u very long entries (such as attachments)",
                                                            s[CLOSENESS_ICS_SKIP_LONG_PROPERTY]),
                                               s[CLOSENESS_ICS_SKIP_LONG_PROPERTY]);
      append_skip (skipped, part);
    }
  if (s[CLOSENESS_ICS_SKIP_DUPLICATE] > 0)
    {
      g_autofree char *part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event that appears twice",
                                                            "%u events that appear twice",
                                                            s[CLOSENESS_ICS_SKIP_DUPLICATE]),
                                               s[CLOSENESS_ICS_SKIP_DUPLICATE]);
      append_skip (skipped, part);
    }

  if (import->committed && import->n_updated > 0)
    imported = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Imported %u event (%u already in the calendar, updated).",
                                             "Imported %u events (%u already in the calendar, updated).",
                                             import->n_added + import->n_updated),
                                import->n_added + import->n_updated, import->n_updated);
  else
    imported = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u event.",
                                             "Imported %u events.", import->events->len),
                                import->events->len);

  if (skipped->len == 0)
    line = g_steal_pointer (&imported);
  else
    /* Translators: the first %s is "Imported 3 events.", the second a list of what was left out */
    line = g_strdup_printf (_("%s Skipped: %s."), imported, skipped->str);

  switch (import->encoding)
    {
    case FILE_ENCODING_UTF16:
      note = _("The file was in UTF-16 and was converted.");
      break;

    case FILE_ENCODING_WINDOWS_1252:
      note = _("The file was not UTF-8, so Closeness read it as Western European text "
               "(Windows-1252). If names look wrong, save the file as UTF-8 and import it again.");
      break;

    case FILE_ENCODING_UTF8:
    default:
      break;
    }

  if (import->notes->len > 0)
    {
      g_autoptr(GString) lost = g_string_new (NULL);
      g_autofree char *with_lost = NULL;

      for (guint i = 0; i < import->notes->len && i < MAX_NOTES; i++)
        append_skip (lost, g_ptr_array_index (import->notes, i));
      if (import->notes->len > MAX_NOTES)
        {
          guint more = import->notes->len - MAX_NOTES;
          g_autofree char *part = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more",
                                                                "%u more", more),
                                                   more);

          append_skip (lost, part);
        }
      /* Translators: the first %s is "Imported 3 events." (perhaps with what was skipped),
       * the second a list of what some events lost, each starting with the event's title */
      with_lost = g_strdup_printf (_("%s Not kept: %s."), line, lost->str);
      g_free (line);
      line = g_steal_pointer (&with_lost);
    }

  if (note == NULL)
    return g_steal_pointer (&line);

  return g_strconcat (line, " ", note, NULL);
}

/* Async parse */

#define READ_CHUNK (64 * 1024)

/* Reads an ordinary file of at most CLOSENESS_ICS_MAX_SIZE bytes, also
 * when it grows while being read. */
static char *
load_file (GFile         *file,
           gsize         *length,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  goffset size = 0;

  stream = closeness_import_file_open (file, &size, cancellable, error);
  if (stream == NULL)
    return NULL;

  if (size > CLOSENESS_ICS_MAX_SIZE)
    {
      set_error (error, CLOSENESS_ICS_ERROR_TOO_BIG,
                 _("The calendar file is larger than 20 MB and was not read."));
      return NULL;
    }

  bytes = g_byte_array_sized_new (size + 1);
  for (;;)
    {
      gsize used = bytes->len;
      gssize n;

      g_byte_array_set_size (bytes, used + READ_CHUNK);
      n = g_input_stream_read (G_INPUT_STREAM (stream), bytes->data + used, READ_CHUNK,
                               cancellable, error);
      g_byte_array_set_size (bytes, used + MAX (n, 0));
      if (n < 0)
        return NULL;
      if (n == 0)
        break;

      if (bytes->len > CLOSENESS_ICS_MAX_SIZE)
        {
          set_error (error, CLOSENESS_ICS_ERROR_TOO_BIG,
                     _("The calendar file is larger than 20 MB and was not read."));
          return NULL;
        }
    }

  *length = bytes->len;

  return (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
}

static void
parse_file_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *contents = NULL;
  GError *error = NULL;
  ClosenessIcsImport *import;
  gsize length = 0;

  contents = load_file (file, &length, cancellable, &error);
  if (contents == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  import = closeness_ics_parse (contents, length, &error);
  if (import == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, import, (GDestroyNotify) closeness_ics_import_free);
}

void
closeness_ics_parse_file_async (GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, closeness_ics_parse_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, parse_file_thread);
}

ClosenessIcsImport *
closeness_ics_parse_file_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Export */

static struct icaltimetype
icaltime_from_local (const char *local)
{
  struct icaltimetype t = icaltime_null_time ();

  if (local == NULL)
    return t;

  if (strlen (local) == 10)
    {
      sscanf (local, "%4d-%2d-%2d", &t.year, &t.month, &t.day);
      t.is_date = 1;
    }
  else
    sscanf (local, "%4d-%2d-%2dT%2d:%2d:%2d", &t.year, &t.month, &t.day,
            &t.hour, &t.minute, &t.second);

  return t;
}

/* DTSTART, EXDATE and RECURRENCE-ID share their form: TZID, UTC or floating. */
static void
add_time_property (icalcomponent *vevent,
                   icalproperty  *prop,
                   const char    *tzid,
                   gboolean       is_date)
{
  if (!is_date && tzid != NULL && tzid[0] != '\0' && g_strcmp0 (tzid, "UTC") != 0)
    icalproperty_add_parameter (prop, icalparameter_new_tzid (tzid));

  icalcomponent_add_property (vevent, prop);
}

static struct icaltimetype
zoned_time (const char *local,
            const char *tzid)
{
  struct icaltimetype t = icaltime_from_local (local);

  if (!t.is_date && g_strcmp0 (tzid, "UTC") == 0)
    t.zone = icaltimezone_get_utc_timezone ();

  return t;
}

static icalcomponent *
build_vevent (const ClosenessEventInfo *info,
              const int                *reminder_offsets,
              guint                     n_reminders,
              const char               *deck)
{
  icalcomponent *vevent = icalcomponent_new_vevent ();
  gboolean is_date = info->dtstart != NULL && strlen (info->dtstart) == 10;
  const char *planned_by = planned_by_to_string (info->planned_by);
  struct icaltimetype stamp = icaltime_from_timet_with_zone (time (NULL), 0,
                                                             icaltimezone_get_utc_timezone ());

  if (info->uid != NULL)
    icalcomponent_set_uid (vevent, info->uid);
  icalcomponent_add_property (vevent, icalproperty_new_dtstamp (stamp));
  add_time_property (vevent, icalproperty_new_dtstart (zoned_time (info->dtstart, info->tzid)),
                     info->tzid, is_date);
  if (info->recurrence_id != NULL && info->recurrence_id[0] != '\0')
    add_time_property (vevent,
                       icalproperty_new_recurrenceid (zoned_time (info->recurrence_id, info->tzid)),
                       info->tzid, is_date);
  icalcomponent_add_property (vevent,
                              icalproperty_new_duration (icaldurationtype_from_int (info->duration_minutes * 60)));

  if (info->rrule != NULL && info->rrule[0] != '\0')
    {
      struct icalrecurrencetype rule = icalrecurrencetype_from_string (info->rrule);

      icalerror_clear_errno ();
      if (rule.freq != ICAL_NO_RECURRENCE)
        icalcomponent_add_property (vevent, icalproperty_new_rrule (rule));
    }

  if (info->exdates != NULL && info->exdates[0] != '\0')
    {
      g_auto(GStrv) exdates = g_strsplit (info->exdates, ",", -1);

      for (guint i = 0; exdates[i] != NULL; i++)
        if (exdates[i][0] != '\0')
          add_time_property (vevent,
                             icalproperty_new_exdate (zoned_time (exdates[i], info->tzid)),
                             info->tzid, is_date);
    }

  icalcomponent_set_summary (vevent, info->summary != NULL ? info->summary : "");
  if (info->notes != NULL && info->notes[0] != '\0')
    icalcomponent_add_property (vevent, icalproperty_new_description (info->notes));

  if (planned_by != NULL)
    {
      icalproperty *prop = icalproperty_new_x (planned_by);

      icalproperty_set_x_name (prop, "X-CLOSENESS-PLANNED-BY");
      icalcomponent_add_property (vevent, prop);
    }

  if (deck != NULL && deck[0] != '\0')
    {
      icalproperty *prop = icalproperty_new_x (deck);

      icalproperty_set_x_name (prop, "X-CLOSENESS-DECK");
      icalcomponent_add_property (vevent, prop);
    }

  for (guint i = 0; i < n_reminders; i++)
    {
      icalcomponent *alarm = icalcomponent_new_valarm ();
      struct icaltriggertype trigger = { icaltime_null_time (),
                                         icaldurationtype_from_int (-reminder_offsets[i] * 60) };

      icalcomponent_add_property (alarm, icalproperty_new_action (ICAL_ACTION_DISPLAY));
      icalcomponent_add_property (alarm, icalproperty_new_trigger (trigger));
      icalcomponent_add_property (alarm,
                                  icalproperty_new_description (info->summary != NULL ? info->summary : ""));
      icalcomponent_add_component (vevent, alarm);
    }

  return vevent;
}

char *
closeness_ics_event_to_string (const ClosenessEventInfo *info,
                               const int                *reminder_offsets,
                               guint                     n_reminders)
{
  icalcomponent *vevent;
  char *text;

  g_return_val_if_fail (info != NULL, NULL);

  vevent = build_vevent (info, reminder_offsets, n_reminders, NULL);
  text = icalcomponent_as_ical_string_r (vevent);
  icalcomponent_free (vevent);

  return text;
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

static void
add_vtimezone (icalcomponent *calendar,
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

static const char *
deck_key_for (GListModel *decks,
              gint64      deck_id)
{
  guint n = g_list_model_get_n_items (decks);

  if (deck_id <= 0)
    return NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessDeck) deck = g_list_model_get_item (decks, i);

      if (closeness_record_get_id (CLOSENESS_RECORD (deck)) == deck_id)
        {
          const char *key = closeness_deck_get_builtin_key (deck);

          /* The strings live as long as the store's deck list. */
          return key != NULL && key[0] != '\0' ? key : closeness_deck_get_name (deck);
        }
    }

  return NULL;
}

/**
 * closeness_ics_export:
 *
 * Returns: (transfer full): a VCALENDAR with a VTIMEZONE for every zone the
 *   events use, or %NULL when @event_id is not in the store
 */
char *
closeness_ics_export (ClosenessStore  *store,
                      gint64           event_id,
                      guint           *n_events,
                      GError         **error)
{
  GListModel *events = closeness_store_get_events (store);
  GListModel *reminders = closeness_store_get_reminders (store);
  GListModel *decks = closeness_store_get_decks (store);
  g_autoptr(GHashTable) offsets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *wanted_uid = NULL;
  icalcomponent *calendar;
  guint n_items = g_list_model_get_n_items (events);
  guint count = 0;
  char *text;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (reminders); i++)
    {
      g_autoptr(ClosenessReminder) reminder = g_list_model_get_item (reminders, i);
      gint64 id = closeness_reminder_get_event_id (reminder);
      int offset = closeness_reminder_get_offset_minutes (reminder);
      GArray *list;

      if (id <= 0)
        continue;

      list = g_hash_table_lookup (offsets, &id);
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (int));
          g_hash_table_insert (offsets, g_memdup2 (&id, sizeof id), list);
        }
      if (list->len < CLOSENESS_STORE_MAX_EVENT_REMINDERS)
        g_array_append_val (list, offset);
    }

  if (event_id > 0)
    {
      for (guint i = 0; i < n_items && wanted_uid == NULL; i++)
        {
          g_autoptr(ClosenessEvent) event = g_list_model_get_item (events, i);

          if (closeness_record_get_id (CLOSENESS_RECORD (event)) == event_id)
            wanted_uid = g_strdup (closeness_event_get_uid (event));
        }

      if (wanted_uid == NULL)
        {
          g_set_error_literal (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_NOT_FOUND,
                               _("The event no longer exists."));
          return NULL;
        }
    }

  calendar = icalcomponent_new_vcalendar ();
  icalcomponent_add_property (calendar, icalproperty_new_prodid (PRODID));
  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_calscale ("GREGORIAN"));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(ClosenessEvent) event = g_list_model_get_item (events, i);
      gint64 id = closeness_record_get_id (CLOSENESS_RECORD (event));
      GArray *list = g_hash_table_lookup (offsets, &id);
      ClosenessEventInfo info = { 0, };

      /* One event: the series and its edited occurrences share the uid. */
      if (wanted_uid != NULL && g_strcmp0 (closeness_event_get_uid (event), wanted_uid) != 0)
        continue;

      info.uid = closeness_event_get_uid (event);
      info.recurrence_id = closeness_event_get_recurrence_id (event);
      info.summary = closeness_event_get_summary (event);
      info.dtstart = closeness_event_get_dtstart (event);
      info.tzid = closeness_event_get_tzid (event);
      info.duration_minutes = closeness_event_get_duration_minutes (event);
      info.rrule = closeness_event_get_rrule (event);
      info.exdates = closeness_event_get_exdates (event);
      info.planned_by = closeness_event_get_planned_by (event);
      info.notes = closeness_event_get_notes (event);

      add_vtimezone (calendar, zones, info.tzid);
      icalcomponent_add_component (calendar,
                                   build_vevent (&info,
                                                 list != NULL ? (int *) list->data : NULL,
                                                 list != NULL ? list->len : 0,
                                                 deck_key_for (decks,
                                                               closeness_event_get_deck_id (event))));
      count++;
    }

  text = icalcomponent_as_ical_string_r (calendar);
  icalcomponent_free (calendar);
  icalerror_clear_errno ();

  if (n_events != NULL)
    *n_events = count;

  return text;
}

/**
 * closeness_ics_export_to_file:
 *
 * Writes the export atomically, readable by the owner only (0600).
 */
gboolean
closeness_ics_export_to_file (ClosenessStore  *store,
                              gint64           event_id,
                              const char      *path,
                              guint           *n_events,
                              GError         **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  text = closeness_ics_export (store, event_id, n_events, error);
  if (text == NULL)
    return FALSE;

  if (!g_file_set_contents_full (path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, CLOSENESS_ICS_ERROR, CLOSENESS_ICS_ERROR_FAILED,
                   _("The calendar could not be saved: %s"), local_error->message);
      return FALSE;
    }

  /* An existing file keeps its mode on some file systems: make sure. */
  if (g_chmod (path, 0600) != 0)
    g_debug ("Could not restrict the mode of an exported calendar");

  return TRUE;
}

/* Command line */

int
closeness_ics_run_import (ClosenessStore *store,
                          const char     *path)
{
  g_autoptr(ClosenessIcsImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *summary = NULL;
  gsize length = 0;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), 1);

  if (path == NULL || path[0] == '\0')
    {
      g_printerr (_("Cannot import “%s”: the file does not exist.\n"), "");
      return 1;
    }

  file = g_file_new_for_path (path);
  contents = load_file (file, &length, NULL, &error);
  if (contents == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_printerr (_("Cannot import “%s”: the file does not exist.\n"), path);
      return 1;
    }

  if (contents == NULL ||
      (import = closeness_ics_parse (contents, length, &error)) == NULL ||
      !closeness_ics_import_commit (import, store, &error))
    {
      g_printerr (_("Cannot import “%s”: %s\n"), path, error->message);
      return 1;
    }

  summary = closeness_ics_import_dup_summary (import);
  g_print ("%s\n", summary);

  return 0;
}

int
closeness_ics_run_export (ClosenessStore *store,
                          const char     *path)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), 1);

  if (path == NULL || path[0] == '\0')
    {
      g_printerr ("%s\n", _("Cannot export: no file name given."));
      return 1;
    }

  if (!closeness_ics_export_to_file (store, 0, path, &n, &error))
    {
      g_printerr (_("Cannot export to “%s”: %s\n"), path, error->message);
      return 1;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u event to “%s”.\n",
                        "Exported %u events to “%s”.\n", n), n, path);

  return 0;
}
