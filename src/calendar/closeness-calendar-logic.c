/* closeness-calendar-logic.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-calendar"

#include "config.h"

#include <glib/gi18n.h>
#include <langinfo.h>
#include <stdio.h>
#include <string.h>

#include "closeness-calendar-logic.h"
#include "closeness-recurrence.h"

G_DEFINE_QUARK (closeness-calendar-error-quark, closeness_calendar_error)

static const char * const weekday_codes[] = { "MO", "TU", "WE", "TH", "FR", "SA", "SU" };

static gboolean
fail (GError                 **error,
      ClosenessCalendarError   code,
      const char              *message)
{
  g_set_error_literal (error, CLOSENESS_CALENDAR_ERROR, code, message);
  return FALSE;
}

gboolean
closeness_event_form_validate (const ClosenessEventForm  *form,
                               GError                   **error)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (form != NULL, FALSE);

  title = g_strstrip (g_strdup (form->title ? form->title : ""));
  if (title[0] == '\0')
    return fail (error, CLOSENESS_CALENDAR_ERROR_TITLE, _("Please give the evening a title."));
  if (!g_utf8_validate (title, -1, NULL) || g_utf8_strlen (title, -1) > CLOSENESS_STORE_MAX_TITLE)
    return fail (error, CLOSENESS_CALENDAR_ERROR_TITLE, _("The title is too long."));

  if (form->year < 1900 || form->year > 2200
      || !g_date_valid_dmy (form->day, form->month, form->year))
    return fail (error, CLOSENESS_CALENDAR_ERROR_DATE,
                 _("Please choose a date between 1900 and 2200."));

  if (form->hour < 0 || form->hour > 23 || form->minute < 0 || form->minute > 59)
    return fail (error, CLOSENESS_CALENDAR_ERROR_TIME, _("Please choose a valid start time."));

  if (form->duration_minutes <= 0)
    return fail (error, CLOSENESS_CALENDAR_ERROR_DURATION,
                 _("The evening has to end after it starts."));
  /* As long as the store keeps: a holiday imported from another calendar
   * may last weeks. */
  if (form->duration_minutes > CLOSENESS_STORE_MAX_DURATION_MINUTES)
    return fail (error, CLOSENESS_CALENDAR_ERROR_DURATION,
                 _("An evening can last at most 366 days."));

  if (form->repeat == CLOSENESS_REPEAT_WEEKDAYS && (form->weekdays & 0x7f) == 0)
    return fail (error, CLOSENESS_CALENDAR_ERROR_REPEAT, _("Please choose at least one weekday."));
  if ((form->repeat == CLOSENESS_REPEAT_DAYS || form->repeat == CLOSENESS_REPEAT_WEEKS) &&
      (form->interval < 1 || form->interval > 365))
    return fail (error, CLOSENESS_CALENDAR_ERROR_REPEAT,
                 _("The repeat interval must be between 1 and 365."));

  if (form->repeat != CLOSENESS_REPEAT_NONE && form->repeat != CLOSENESS_REPEAT_CUSTOM &&
      form->end == CLOSENESS_REPEAT_END_DATE)
    {
      if (!g_date_valid_dmy (form->until_day, form->until_month, form->until_year) ||
          form->until_year > 2200)
        return fail (error, CLOSENESS_CALENDAR_ERROR_REPEAT,
                     _("Please choose the last date of the series."));
      if (form->until_year * 10000 + form->until_month * 100 + form->until_day <
          form->year * 10000 + form->month * 100 + form->day)
        return fail (error, CLOSENESS_CALENDAR_ERROR_REPEAT,
                     _("The series has to end on or after its first evening."));
    }
  if (form->repeat != CLOSENESS_REPEAT_NONE && form->repeat != CLOSENESS_REPEAT_CUSTOM &&
      form->end == CLOSENESS_REPEAT_END_COUNT && (form->count < 1 || form->count > 1000))
    return fail (error, CLOSENESS_CALENDAR_ERROR_REPEAT,
                 _("A series can repeat between 1 and 1,000 times."));

  if (form->reminder < -1 || form->reminder > 4 * 7 * 24 * 60)
    return fail (error, CLOSENESS_CALENDAR_ERROR_REMINDER,
                 _("A reminder can come at most four weeks before."));

  return TRUE;
}

char *
closeness_event_form_dup_dtstart (const ClosenessEventForm *form)
{
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:00", form->year, form->month, form->day,
                          form->hour, form->minute);
}

/**
 * closeness_event_form_dup_rrule:
 *
 * Returns: (transfer full) (nullable): the RRULE for the form's repeat
 *   choice, or %NULL for none (and for CUSTOM: the caller keeps its rule)
 */
static char *
rule_for_repeat (const ClosenessEventForm *form)
{
  g_autoptr(GString) rule = NULL;

  switch (form->repeat)
    {
    case CLOSENESS_REPEAT_DAILY:
      return g_strdup ("FREQ=DAILY");

    case CLOSENESS_REPEAT_DAYS:
      return form->interval > 1 ? g_strdup_printf ("FREQ=DAILY;INTERVAL=%d", form->interval)
                                : g_strdup ("FREQ=DAILY");

    case CLOSENESS_REPEAT_WEEKS:
      return form->interval > 1 ? g_strdup_printf ("FREQ=WEEKLY;INTERVAL=%d", form->interval)
                                : g_strdup ("FREQ=WEEKLY");

    case CLOSENESS_REPEAT_MONTHLY:
      return g_strdup ("FREQ=MONTHLY");

    case CLOSENESS_REPEAT_YEARLY:
      return g_strdup ("FREQ=YEARLY");

    case CLOSENESS_REPEAT_WEEKDAYS:
      rule = g_string_new ("FREQ=WEEKLY;BYDAY=");
      for (guint i = 0; i < 7; i++)
        if (form->weekdays & (1u << i))
          g_string_append_printf (rule, "%s%s", rule->str[rule->len - 1] == '=' ? "" : ",",
                                  weekday_codes[i]);
      return g_string_free (g_steal_pointer (&rule), FALSE);

    case CLOSENESS_REPEAT_NONE:
    case CLOSENESS_REPEAT_CUSTOM:
    default:
      return NULL;
    }
}

/**
 * closeness_event_form_dup_rrule:
 *
 * An end date is written as RFC 5545 wants it for a start with a time: the
 * last second of that day in the event's zone, in UTC (floating events:
 * a floating time).
 *
 * Returns: (transfer full) (nullable): the RRULE for the form's repeat
 *   choice, or %NULL for none (and for CUSTOM: the caller keeps its rule)
 */
char *
closeness_event_form_dup_rrule (const ClosenessEventForm *form)
{
  g_autofree char *rule = rule_for_repeat (form);
  g_autofree char *last = NULL;
  gint64 utc;

  if (rule == NULL)
    return NULL;

  switch (form->end)
    {
    case CLOSENESS_REPEAT_END_COUNT:
      return g_strdup_printf ("%s;COUNT=%d", rule, form->count);

    case CLOSENESS_REPEAT_END_DATE:
      if (form->tzid == NULL || form->tzid[0] == '\0')
        return g_strdup_printf ("%s;UNTIL=%04d%02d%02dT235959", rule,
                                form->until_year, form->until_month, form->until_day);
      last = g_strdup_printf ("%04d-%02d-%02dT23:59:59", form->until_year, form->until_month,
                              form->until_day);
      if (!closeness_recurrence_local_to_utc (last, form->tzid, &utc))
        return g_steal_pointer (&rule);
      {
        g_autoptr(GDateTime) until = g_date_time_new_from_unix_utc (utc);
        g_autofree char *text = g_date_time_format (until, "%Y%m%dT%H%M%SZ");

        return g_strdup_printf ("%s;UNTIL=%s", rule, text);
      }

    case CLOSENESS_REPEAT_END_NEVER:
    default:
      return g_steal_pointer (&rule);
    }
}

/**
 * closeness_repeat_end_from_rrule:
 * @tzid: the event's zone, to read a UTC end as a date there
 *
 * Returns: how the series ends, with its last date or its count
 */
ClosenessRepeatEnd
closeness_repeat_end_from_rrule (const char *rrule,
                                 const char *tzid,
                                 int        *until_year,
                                 int        *until_month,
                                 int        *until_day,
                                 int        *count)
{
  g_auto(GStrv) parts = g_strsplit (rrule != NULL ? rrule : "", ";", -1);

  *until_year = *until_month = *until_day = 0;
  *count = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (g_str_has_prefix (parts[i], "COUNT="))
        {
          *count = (int) CLAMP (g_ascii_strtoll (parts[i] + 6, NULL, 10), 0, 100000);
          return CLOSENESS_REPEAT_END_COUNT;
        }
      if (g_str_has_prefix (parts[i], "UNTIL="))
        {
          const char *value = parts[i] + 6;
          int y, m, d, hh = 0, mm = 0, ss = 0;

          if (sscanf (value, "%4d%2d%2d", &y, &m, &d) != 3)
            return CLOSENESS_REPEAT_END_NEVER;
          if (strlen (value) == 16 && value[15] == 'Z' &&
              sscanf (value + 9, "%2d%2d%2d", &hh, &mm, &ss) == 3 &&
              tzid != NULL && tzid[0] != '\0')
            {
              g_autoptr(GDateTime) utc = g_date_time_new_utc (y, m, d, hh, mm, ss);
              g_autofree char *local = utc != NULL
                ? closeness_recurrence_utc_to_local (g_date_time_to_unix (utc), tzid, TRUE)
                : NULL;

              if (local != NULL)
                sscanf (local, "%4d-%2d-%2d", &y, &m, &d);
            }
          *until_year = y;
          *until_month = m;
          *until_day = d;
          return CLOSENESS_REPEAT_END_DATE;
        }
    }

  return CLOSENESS_REPEAT_END_NEVER;
}

/* Reads back the rules the editor writes; anything else is CUSTOM. */
ClosenessRepeat
closeness_repeat_from_rrule (const char *rrule,
                             guint      *weekdays,
                             int        *interval)
{
  g_auto(GStrv) parts = NULL;
  const char *freq = NULL, *byday = NULL;
  int n = 1;

  *weekdays = 0;
  *interval = 1;

  if (rrule == NULL || rrule[0] == '\0')
    return CLOSENESS_REPEAT_NONE;

  parts = g_strsplit (rrule, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (g_str_has_prefix (parts[i], "FREQ="))
        freq = parts[i] + 5;
      else if (g_str_has_prefix (parts[i], "INTERVAL="))
        n = (int) g_ascii_strtoll (parts[i] + 9, NULL, 10);
      else if (g_str_has_prefix (parts[i], "BYDAY="))
        byday = parts[i] + 6;
      else if (!g_str_has_prefix (parts[i], "WKST=") && !g_str_has_prefix (parts[i], "UNTIL=") &&
               !g_str_has_prefix (parts[i], "COUNT=") && parts[i][0] != '\0')
        return CLOSENESS_REPEAT_CUSTOM;
    }

  if (n < 1 || n > 365)
    return CLOSENESS_REPEAT_CUSTOM;
  *interval = n;

  if (g_strcmp0 (freq, "DAILY") == 0 && byday == NULL)
    return n == 1 ? CLOSENESS_REPEAT_DAILY : CLOSENESS_REPEAT_DAYS;

  if (g_strcmp0 (freq, "WEEKLY") == 0 && byday == NULL)
    return CLOSENESS_REPEAT_WEEKS;

  if (g_strcmp0 (freq, "MONTHLY") == 0 && byday == NULL && n == 1)
    return CLOSENESS_REPEAT_MONTHLY;

  if (g_strcmp0 (freq, "YEARLY") == 0 && byday == NULL && n == 1)
    return CLOSENESS_REPEAT_YEARLY;

  if (g_strcmp0 (freq, "WEEKLY") == 0 && n == 1)
    {
      g_auto(GStrv) days = g_strsplit (byday, ",", -1);

      for (guint i = 0; days[i] != NULL; i++)
        {
          guint j;

          for (j = 0; j < 7 && g_strcmp0 (days[i], weekday_codes[j]) != 0; j++)
            ;
          if (j == 7)
            return CLOSENESS_REPEAT_CUSTOM;
          *weekdays |= 1u << j;
        }
      return CLOSENESS_REPEAT_WEEKDAYS;
    }

  return CLOSENESS_REPEAT_CUSTOM;
}

char *
closeness_repeat_describe (const char *rrule)
{
  guint weekdays;
  int interval;

  switch (closeness_repeat_from_rrule (rrule, &weekdays, &interval))
    {
    case CLOSENESS_REPEAT_NONE:
      return g_strdup (_("Once"));
    case CLOSENESS_REPEAT_DAILY:
      return g_strdup (_("Every evening"));
    case CLOSENESS_REPEAT_DAYS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %d day", "Every %d days",
                                           interval), interval);
    case CLOSENESS_REPEAT_WEEKS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Every %d week", "Every %d weeks",
                                           interval), interval);
    case CLOSENESS_REPEAT_WEEKDAYS:
      return g_strdup (_("On chosen weekdays"));
    case CLOSENESS_REPEAT_MONTHLY:
      return g_strdup (_("Every month"));
    case CLOSENESS_REPEAT_YEARLY:
      return g_strdup (_("Every year"));
    case CLOSENESS_REPEAT_CUSTOM:
    default:
      return g_strdup (_("Repeats"));
    }
}

/**
 * closeness_calendar_first_weekday:
 *
 * The day a week starts on where the person lives (LC_TIME), as GtkCalendar
 * reads it: Sunday in the US, Monday in Germany and Spain.
 */
GDateWeekday
closeness_calendar_first_weekday (void)
{
#ifdef __GLIBC__
  union { unsigned int word; char *string; } langinfo;
  int origin_sunday, first;

  /* Day 1 of _NL_TIME_FIRST_WEEKDAY is the weekday of _NL_TIME_WEEK_1STDAY
   * (a date that was a Sunday or a Monday). */
  langinfo.string = nl_langinfo (_NL_TIME_FIRST_WEEKDAY);
  first = (guchar) langinfo.string[0];
  langinfo.string = nl_langinfo (_NL_TIME_WEEK_1STDAY);
  if (langinfo.word == 19971130)
    origin_sunday = 1;
  else if (langinfo.word == 19971201)
    origin_sunday = 0;
  else
    return G_DATE_MONDAY;
  if (first < 1 || first > 7)
    return G_DATE_MONDAY;

  /* Sunday-based 0 … 6 to GDateWeekday (Monday 1 … Sunday 7). */
  first = ((origin_sunday ? 0 : 1) + first - 1) % 7;
  return first == 0 ? G_DATE_SUNDAY : (GDateWeekday) first;
#else
  return G_DATE_MONDAY;
#endif
}

/**
 * closeness_calendar_column_weekday:
 * @column: 0 … 6, the columns of a week from the left
 *
 * Returns: the weekday shown in @column of a week that starts on
 *   closeness_calendar_first_weekday()
 */
GDateWeekday
closeness_calendar_column_weekday (guint column)
{
  return (GDateWeekday) ((closeness_calendar_first_weekday () - 1 + column) % 7 + 1);
}

/**
 * closeness_calendar_weekday_name:
 * @weekday: Monday … Sunday
 * @abbreviated: "Mon" rather than "Monday"
 *
 * Returns: (transfer full): the weekday's name in the person's language
 *   (LC_TIME)
 */
char *
closeness_calendar_weekday_name (GDateWeekday weekday,
                                 gboolean     abbreviated)
{
  char name[64];
  GDate day;

  g_return_val_if_fail (g_date_valid_weekday (weekday), NULL);

  /* 5 January 2026 was a Monday. */
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 5 + (weekday - G_DATE_MONDAY), G_DATE_JANUARY, 2026);
  if (g_date_strftime (name, sizeof name, abbreviated ? "%a" : "%A", &day) == 0)
    name[0] = '\0';

  return g_strdup (name);
}

/**
 * closeness_calendar_day_label:
 *
 * Returns: the accessible name of a day in the month view, such as
 *   "Saturday 21 November, 2 evenings planned"
 */
char *
closeness_calendar_day_label (GDateTime *day,
                              guint      n_events,
                              gboolean   is_today)
{
  /* Translators: a day in the month view, as in "Saturday 21 November" */
  g_autofree char *date = g_date_time_format (day, _("%A %-d %B"));
  g_autofree char *planned = NULL;

  if (n_events == 0)
    planned = g_strdup (_("nothing planned"));
  else
    planned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u evening planned",
                                            "%u evenings planned", n_events), n_events);

  if (is_today)
    /* Translators: "Saturday 21 November, today, 2 evenings planned" */
    return g_strdup_printf (_("%s, today, %s"), date, planned);

  return g_strdup_printf ("%s, %s", date, planned);
}

char *
closeness_calendar_time_range (gint64 start_utc,
                               gint64 end_utc)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (start_utc);
  g_autoptr(GDateTime) end = g_date_time_new_from_unix_local (end_utc);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (start == NULL || end == NULL)
    return g_strdup ("");

  from = g_date_time_format (start, "%H:%M");
  to = g_date_time_format (end, "%H:%M");

  /* Translators: a time range, "21:00 – 21:30" */
  return g_strdup_printf (_("%s – %s"), from, to);
}

char *
closeness_calendar_new_uid (void)
{
  g_autofree char *random = g_uuid_string_random ();

  return g_strconcat (random, "@closeness", NULL);
}
