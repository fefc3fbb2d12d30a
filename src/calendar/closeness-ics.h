/* closeness-ics.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * iCalendar (.ics) import and export through libical. GLib + libical + the
 * store only, no GTK: the command line and the tests use it without a display.
 */

#pragma once

#include <gio/gio.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

/* Files larger than this are refused before parsing. */
#define CLOSENESS_ICS_MAX_SIZE   (20 * 1024 * 1024)
/* BEGIN: blocks nested deeper than this are refused (VCALENDAR > VEVENT > VALARM is 3). */
#define CLOSENESS_ICS_MAX_DEPTH  8

#define CLOSENESS_ICS_ERROR (closeness_ics_error_quark ())

typedef enum
{
  CLOSENESS_ICS_ERROR_NOT_CALENDAR,  /* not an iCalendar file, or it cannot be parsed */
  CLOSENESS_ICS_ERROR_TOO_BIG,       /* over CLOSENESS_ICS_MAX_SIZE or too many parts */
  CLOSENESS_ICS_ERROR_TOO_DEEP,      /* nested deeper than CLOSENESS_ICS_MAX_DEPTH */
  CLOSENESS_ICS_ERROR_TOO_SLOW,      /* reading it took longer than allowed */
  CLOSENESS_ICS_ERROR_FAILED,        /* reading or writing the file failed */
} ClosenessIcsError;

/* Why a component of an imported file was left out. */
typedef enum
{
  CLOSENESS_ICS_SKIP_TODO,
  CLOSENESS_ICS_SKIP_JOURNAL,
  CLOSENESS_ICS_SKIP_OTHER_COMPONENT,
  CLOSENESS_ICS_SKIP_NO_START,
  CLOSENESS_ICS_SKIP_OUT_OF_RANGE,
  CLOSENESS_ICS_SKIP_ENDS_BEFORE_START,
  CLOSENESS_ICS_SKIP_TOO_LONG,
  CLOSENESS_ICS_SKIP_BAD_RRULE,
  CLOSENESS_ICS_SKIP_CANCELLED,
  CLOSENESS_ICS_SKIP_DUPLICATE,
  CLOSENESS_ICS_SKIP_LONG_PROPERTY,  /* a property over 256 KB (an attachment), not a component */
  CLOSENESS_ICS_N_SKIPS
} ClosenessIcsSkip;

GQuark closeness_ics_error_quark (void);

typedef struct _ClosenessIcsImport ClosenessIcsImport;

ClosenessIcsImport *closeness_ics_parse                (const char          *data,
                                                        gsize                length,
                                                        GError             **error);
void                closeness_ics_import_free          (ClosenessIcsImport  *import);
guint               closeness_ics_import_get_n_events  (ClosenessIcsImport  *import);
guint               closeness_ics_import_get_n_skipped (ClosenessIcsImport  *import,
                                                        ClosenessIcsSkip     reason);
gboolean            closeness_ics_import_commit        (ClosenessIcsImport  *import,
                                                        ClosenessStore      *store,
                                                        GError             **error);
char               *closeness_ics_import_dup_summary   (ClosenessIcsImport  *import);
/* For tests and the fuzzer: checks every event as the store would before
 * saving, expands it in the window and writes it back as iCalendar.
 * Returns the number of occurrences. */
guint               closeness_ics_import_check_events  (ClosenessIcsImport  *import,
                                                        gint64               from_utc,
                                                        gint64               to_utc,
                                                        guint                max_per_event);

/* Reads and parses @file on a worker thread; commit on the calling thread. */
void                closeness_ics_parse_file_async     (GFile               *file,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
ClosenessIcsImport *closeness_ics_parse_file_finish    (GAsyncResult        *result,
                                                        GError             **error);

/* Export. @event_id 0: the whole calendar; otherwise that event (with the
 * edited occurrences of its series). */
char               *closeness_ics_export               (ClosenessStore      *store,
                                                        gint64               event_id,
                                                        guint               *n_events,
                                                        GError             **error);
gboolean            closeness_ics_export_to_file       (ClosenessStore      *store,
                                                        gint64               event_id,
                                                        const char          *path,
                                                        guint               *n_events,
                                                        GError             **error);

/* One VEVENT for the store's ical_raw field, from what the editor saves. */
char               *closeness_ics_event_to_string      (const ClosenessEventInfo *info,
                                                        const int                *reminder_offsets,
                                                        guint                     n_reminders);

/* For the application's handle-local-options: print one line, return the
 * exit status (0 ok, 1 failure). */
int                 closeness_ics_run_import           (ClosenessStore      *store,
                                                        const char          *path);
int                 closeness_ics_run_export           (ClosenessStore      *store,
                                                        const char          *path);

/* Calendar sync (closeness-ics-merge.c) */
ClosenessIcsImport *closeness_ics_merge                (const char          *base,
                                                        const char          *ours,
                                                        const char          *theirs,
                                                        guint               *n_conflicts,
                                                        GError             **error);
const char         *closeness_ics_import_get_uid       (ClosenessIcsImport  *import);
gboolean            closeness_ics_same_events          (const char          *a,
                                                        const char          *b);
char              **closeness_ics_import_dup_recurrence_ids (ClosenessIcsImport *import,
                                                        const char          *uid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClosenessIcsImport, closeness_ics_import_free)

G_END_DECLS
