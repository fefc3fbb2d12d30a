/* closeness-calendar-logic.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the calendar widgets show and accept, as pure functions (GLib only)
 * so the unit tests check them without a display.
 */

#pragma once

#include <glib.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

typedef enum
{
  CLOSENESS_REPEAT_NONE,
  CLOSENESS_REPEAT_DAILY,      /* every evening */
  CLOSENESS_REPEAT_WEEKDAYS,   /* on chosen weekdays */
  CLOSENESS_REPEAT_DAYS,       /* every N days */
  CLOSENESS_REPEAT_WEEKS,      /* every N weeks */
  CLOSENESS_REPEAT_MONTHLY,    /* on the same day every month */
  CLOSENESS_REPEAT_YEARLY,     /* on the same date every year: anniversaries */
  CLOSENESS_REPEAT_CUSTOM,     /* an imported rule the editor shows as is */
} ClosenessRepeat;

typedef enum
{
  CLOSENESS_REPEAT_END_NEVER,
  CLOSENESS_REPEAT_END_DATE,   /* until a date, that day included */
  CLOSENESS_REPEAT_END_COUNT,  /* a number of times */
} ClosenessRepeatEnd;

/* Weekday bits: 1 << (G_DATE_MONDAY - 1) … 1 << (G_DATE_SUNDAY - 1). */
#define CLOSENESS_WEEKDAY_BIT(weekday) (1u << ((weekday) - 1))

typedef struct
{
  const char      *title;
  int              year, month, day;
  int              hour, minute;
  int              duration_minutes;
  ClosenessRepeat  repeat;
  guint            weekdays;       /* for CLOSENESS_REPEAT_WEEKDAYS */
  int              interval;       /* for DAYS and WEEKS */
  int              reminder;       /* minutes before the start, -1 for none */
  ClosenessRepeatEnd end;
  int              until_year, until_month, until_day;   /* for END_DATE */
  int              count;          /* for END_COUNT */
  const char      *tzid;           /* the event's zone, for UNTIL: IANA, "UTC" or "" */
} ClosenessEventForm;

#define CLOSENESS_CALENDAR_ERROR (closeness_calendar_error_quark ())

typedef enum
{
  CLOSENESS_CALENDAR_ERROR_TITLE,
  CLOSENESS_CALENDAR_ERROR_DATE,
  CLOSENESS_CALENDAR_ERROR_TIME,
  CLOSENESS_CALENDAR_ERROR_DURATION,
  CLOSENESS_CALENDAR_ERROR_REPEAT,
  CLOSENESS_CALENDAR_ERROR_REMINDER,
} ClosenessCalendarError;

GQuark          closeness_calendar_error_quark          (void);

gboolean        closeness_event_form_validate           (const ClosenessEventForm  *form,
                                                         GError                   **error);
char           *closeness_event_form_dup_dtstart        (const ClosenessEventForm  *form);
char           *closeness_event_form_dup_rrule          (const ClosenessEventForm  *form);
ClosenessRepeat closeness_repeat_from_rrule             (const char                *rrule,
                                                         guint                     *weekdays,
                                                         int                       *interval);
ClosenessRepeatEnd closeness_repeat_end_from_rrule     (const char                *rrule,
                                                         const char                *tzid,
                                                         int                       *until_year,
                                                         int                       *until_month,
                                                         int                       *until_day,
                                                         int                       *count);
char           *closeness_repeat_describe               (const char                *rrule);

GDateWeekday    closeness_calendar_first_weekday        (void);
GDateWeekday    closeness_calendar_column_weekday       (guint                      column);
char           *closeness_calendar_weekday_name         (GDateWeekday               weekday,
                                                         gboolean                   abbreviated);
char           *closeness_calendar_day_label            (GDateTime                 *day,
                                                         guint                      n_events,
                                                         gboolean                   is_today);
char           *closeness_calendar_time_range           (gint64                     start_utc,
                                                         gint64                     end_utc);
char           *closeness_calendar_new_uid              (void);

G_END_DECLS
