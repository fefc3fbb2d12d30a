/* closeness-ical.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The libical code (closeness-ics.c, closeness-recurrence.c) is loaded when
 * it is first needed, not at start-up: libical and the ICU libraries it
 * brings cost the first frame more than a millisecond, and nothing before
 * the first frame uses them.
 *
 * The program links closeness-ical-loader.c, which opens the module
 * closeness-ical.so (built from those two files and closeness-ical-module.c)
 * and forwards each closeness_ics_*() and closeness_recurrence_*() call to
 * it. The tests and benchmarks link the two files directly, with
 * closeness-ical-static.c.
 */

#pragma once

#include "calendar/closeness-ics.h"
#include "calendar/closeness-recurrence.h"

G_BEGIN_DECLS

/* The module's file name, and the variable that may name another file (tests). */
#define CLOSENESS_ICAL_MODULE_NAME "closeness-ical.so"
#define CLOSENESS_ICAL_MODULE_ENV  "CLOSENESS_ICAL_MODULE"

gboolean closeness_ical_load         (GError **error);
void     closeness_ical_preload      (void);

/* What the module hands to the loader. Only the loader and the module use it. */
typedef struct
{
  const char *version;  /* PACKAGE_VERSION the module was built with */
  gsize       size;     /* sizeof (ClosenessIcalTable) at build time */

  ClosenessIcsImport  *(*ics_parse)                (const char *, gsize, GError **);
  void                 (*ics_import_free)          (ClosenessIcsImport *);
  guint                (*ics_import_get_n_events)  (ClosenessIcsImport *);
  guint                (*ics_import_get_n_skipped) (ClosenessIcsImport *, ClosenessIcsSkip);
  gboolean             (*ics_import_commit)        (ClosenessIcsImport *, ClosenessStore *, GError **);
  char                *(*ics_import_dup_summary)   (ClosenessIcsImport *);
  guint                (*ics_import_check_events)  (ClosenessIcsImport *, gint64, gint64, guint);
  void                 (*ics_parse_file_async)     (GFile *, GCancellable *, GAsyncReadyCallback, gpointer);
  ClosenessIcsImport  *(*ics_parse_file_finish)    (GAsyncResult *, GError **);
  char                *(*ics_export)               (ClosenessStore *, gint64, guint *, GError **);
  gboolean             (*ics_export_to_file)       (ClosenessStore *, gint64, const char *, guint *, GError **);
  char                *(*ics_event_to_string)      (const ClosenessEventInfo *, const int *, guint);
  int                  (*ics_run_import)           (ClosenessStore *, const char *);
  int                  (*ics_run_export)           (ClosenessStore *, const char *);

  void                 (*occurrence_clear)         (ClosenessOccurrence *);
  GArray              *(*recurrence_expand)        (ClosenessEvent *, gint64, gint64, guint, GError **);
  gboolean             (*recurrence_check_rrule)   (const char *, const char *, GError **);
  gboolean             (*recurrence_zone_is_known) (const char *);
  gboolean             (*recurrence_local_to_utc)  (const char *, const char *, gint64 *);
  char                *(*recurrence_utc_to_local)  (gint64, const char *, gboolean);
  GArray              *(*recurrence_expand_full)   (const char *, const char *, int, const char *,
                                                    const char *, gint64, gint64, guint, GError **);
  gboolean             (*recurrence_has_exdate)    (const char *, const char *);
  char                *(*recurrence_add_exdate)    (const char *, const char *);
  void                 (*instance_free)            (ClosenessInstance *);
  GPtrArray           *(*recurrence_expand_events) (GListModel *, gint64, gint64, guint);
  void                 (*recurrence_expand_events_async)  (GListModel *, gint64, gint64, guint, GCancellable *,
                                                           GAsyncReadyCallback, gpointer);
  GPtrArray           *(*recurrence_expand_events_finish) (GAsyncResult *, GError **);
} ClosenessIcalTable;

#define CLOSENESS_ICAL_MODULE_SYMBOL "closeness_ical_module_get_table"

G_END_DECLS
