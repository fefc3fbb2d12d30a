/* closeness-ics-private.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the .ics import, its file reading, its time zones and the export
 * share. Not installed, not for pages.
 */

#pragma once

#include <libical/ical.h>

#include "closeness-ics.h"

G_BEGIN_DECLS

#define PRODID              "-//Closeness//Closeness " PACKAGE_VERSION "//EN"
#define MAX_COMPONENTS      100000
#define MAX_LINE            (256 * 1024)
#define MAX_EXDATES         1000
#define PARSE_BUDGET_USEC   (10 * G_USEC_PER_SEC)
#define DEFAULT_DURATION    30
#define MAX_DURATION        CLOSENESS_STORE_MAX_DURATION_MINUTES
#define MAX_REMINDER        (4 * 7 * 24 * 60)

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
  char *text;               /* the VEVENT as written, or NULL */
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
  guint         n_events_added;    /* by uid: what the summary counts */
  guint         n_events_updated;
  FileEncoding  encoding;
  gboolean      committed;
  GPtrArray    *blocks;       /* IcsBlock: the file's components as written */
  guint         next_block;   /* the block of the component being read */
  guint         calendar;     /* which VCALENDAR is being read */
  GHashTable   *zone_texts;   /* "calendar\ntzid" -> its VTIMEZONE as written */
};

/* How a time written in the file is stored: a wall time and a zone. */
typedef struct
{
  char     *local;   /* 'YYYY-MM-DDTHH:MM:SS' or 'YYYY-MM-DD' */
  char     *tzid;    /* IANA, "UTC" or "" (floating) */
  gboolean  is_date;
  gint64    utc;
  enum { ZONE_KEPT, ZONE_AS_UTC, ZONE_UNKNOWN } zone_fate;
} FileTime;

/* A component of a calendar as the file wrote it. */
typedef struct
{
  char  *name;       /* "VEVENT", "VTIMEZONE", … */
  guint  calendar;   /* which VCALENDAR of the file, from 0 */
  char  *text;       /* BEGIN:… to END:…, CRLF line ends, folding as written */
} IcsBlock;

/* closeness-ics-text.c: the file as text */
GPtrArray *_closeness_ics_split_blocks (const char *text);
gboolean _closeness_ics_set_error (GError            **error,
                                   ClosenessIcsError   code,
                                   const char         *message);
char    *_closeness_ics_clean_text (const char *text,
                                    gsize       max_chars,
                                    gboolean    single_line);
gboolean _closeness_ics_decode_text (const char    *data,
                                     gsize          length,
                                     char         **converted,
                                     gsize         *converted_length,
                                     FileEncoding  *encoding,
                                     GError       **error);
char    *_closeness_ics_prepare_text (const char  *data,
                                      gsize        length,
                                      guint       *n_dropped,
                                      GError     **error);
char    *_closeness_ics_load_file (GFile         *file,
                                   gsize         *length,
                                   GCancellable  *cancellable,
                                   GError       **error);

/* closeness-ics-zones.c: times and time zones as the file writes them */
void     _closeness_ics_file_time_clear (FileTime *time);
gboolean _closeness_ics_time_in_range (struct icaltimetype t);
gboolean _closeness_ics_read_file_time (icalproperty        *prop,
                                        struct icaltimetype  t,
                                        icalcomponent       *calendar,
                                        GHashTable          *zones,
                                        FileTime            *out);
char    *_closeness_ics_occurrence_in_event_zone (const FileTime *time,
                                                  const FileTime *start);
void     _closeness_ics_add_vtimezone (icalcomponent *calendar,
                                       GHashTable    *done,
                                       const char    *tzid);

/* closeness-ics.c and closeness-ics-series.c: reading events */
void _closeness_ics_append_rdate (ImportedEvent *event, char *local, int duration_minutes);
void _closeness_ics_read_more_rrules (icalcomponent      *vevent,
                                      icalproperty       *first,
                                      const FileTime     *start,
                                      ImportedEvent      *event,
                                      ClosenessIcsImport *import);
void _closeness_ics_apply_this_and_future (ClosenessIcsImport *import);
void _closeness_ics_read_rdates (icalcomponent  *vevent,
                                 icalcomponent  *calendar,
                                 GHashTable     *zones,
                                 const FileTime *start,
                                 int             duration_minutes,
                                 ImportedEvent  *event);
void _closeness_ics_add_rdate_occurrences (ClosenessIcsImport *import);
void _closeness_ics_apply_cancelled_occurrences (ClosenessIcsImport *import);
int _closeness_ics_alarm_offset (icalcomponent *alarm, gint64 start_utc, int duration_minutes);
void _closeness_ics_info_from_imported (const ImportedEvent *event, ClosenessEventInfo *info);
void _closeness_ics_imported_event_clear (ImportedEvent *event);
char *_closeness_ics_dup_event_title (icalcomponent *vevent);
void _closeness_ics_skip (ClosenessIcsImport *import, ClosenessIcsSkip reason);
void _closeness_ics_add_note (ClosenessIcsImport *import, char *text);

/* closeness-ics-export.c */
int         _closeness_ics_planned_by_from_string (const char *value);
const char *_closeness_ics_planned_by_to_string   (int         planned_by);

/* closeness-ics-patch.c */
typedef enum
{
  ICS_FIELD_SUMMARY       = 1 << 0,
  ICS_FIELD_START         = 1 << 1,
  ICS_FIELD_DURATION      = 1 << 2,
  ICS_FIELD_RECURRENCE_ID = 1 << 3,
  ICS_FIELD_RRULE         = 1 << 4,
  ICS_FIELD_EXDATES       = 1 << 5,
  ICS_FIELD_NOTES         = 1 << 6,
  ICS_FIELD_PLANNED_BY    = 1 << 7,
  ICS_FIELD_DECK          = 1 << 8,
  ICS_FIELD_REMINDERS     = 1 << 9,
} IcsField;

guint _closeness_ics_event_differs (const ImportedEvent      *base,
                                    const ClosenessEventInfo *row,
                                    const int                *reminders,
                                    guint                     n_reminders,
                                    const char               *deck);
char *_closeness_ics_patch_event   (const char               *block,
                                    const ImportedEvent      *base,
                                    guint                     fields,
                                    const ClosenessEventInfo *row,
                                    icalcomponent            *built);

/* closeness-ics-zones.c */
const char *_closeness_ics_resolve_tzid (const char *tzid);

G_END_DECLS
