/* closeness-selfcare-csv.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV export and import of self-care entries (docs/SELFCARE-CSV.md).
 * GLib only: the command line, the tests and the fuzzer use it without GTK.
 */

#pragma once

#include <gio/gio.h>

#include "store/closeness-store.h"
#include "closeness-selfcare-view.h"

G_BEGIN_DECLS

/* Files above this size are refused before anything is read. */
#define CLOSENESS_CSV_MAX_FILE_SIZE (20 * 1024 * 1024)
/* Longest cell in bytes (a note of 100,000 characters, most of them 4 bytes). */
#define CLOSENESS_CSV_MAX_CELL (4 * CLOSENESS_STORE_MAX_TEXT + 16)
/* Most cells in one row; real files have 7. */
#define CLOSENESS_CSV_MAX_COLUMNS 64

#define CLOSENESS_CSV_ERROR (closeness_csv_error_quark ())

typedef enum
{
  CLOSENESS_CSV_ERROR_NOT_CSV,       /* quotes do not match, stray quote, NUL byte */
  CLOSENESS_CSV_ERROR_NOT_UTF8,      /* invalid UTF-8, or UTF-16 */
  CLOSENESS_CSV_ERROR_WRONG_COLUMNS, /* header missing, required column missing or twice */
  CLOSENESS_CSV_ERROR_TOO_LARGE,     /* file, cell or row count above the limits */
  CLOSENESS_CSV_ERROR_FAILED,        /* reading or writing failed */
} ClosenessCsvError;

GQuark closeness_csv_error_quark (void);

/* Why an import left a row out. Messages never quote a cell. */
typedef enum
{
  CLOSENESS_CSV_SKIP_CELL_COUNT,
  CLOSENESS_CSV_SKIP_DATE_INVALID,
  CLOSENESS_CSV_SKIP_DATE_FUTURE,
  CLOSENESS_CSV_SKIP_DATE_TOO_EARLY,
  CLOSENESS_CSV_SKIP_PARTNER,
  CLOSENESS_CSV_SKIP_ACTIVITY_UNKNOWN,
  CLOSENESS_CSV_SKIP_ACTIVITY_NOT_PARTNERS,
  CLOSENESS_CSV_SKIP_KIND,
  CLOSENESS_CSV_SKIP_NOTE_TOO_LONG,
  CLOSENESS_CSV_SKIP_VALUE,
} ClosenessCsvSkipReason;

typedef struct
{
  guint                  line;   /* 1-based line where the row starts */
  ClosenessCsvSkipReason reason;
} ClosenessCsvSkip;

/* What the importer knows about an activity. */
typedef struct
{
  gint64          id;
  const char     *name;          /* as stored */
  const char     *display_name;  /* translated built-in name, or NULL */
  const char     *builtin_key;   /* NULL or "" for custom */
  ClosenessOwner  owner;
} ClosenessCsvActivity;

/* The outcome of reading a file: entries ready for closeness_store_add_entries(). */
typedef struct _ClosenessCsvImport ClosenessCsvImport;

/* Push parser (RFC 4180). Returns FALSE from the row function to stop. */
typedef gboolean (*ClosenessCsvRowFunc) (const char * const  *cells,
                                         guint                n_cells,
                                         guint                line,
                                         gpointer             user_data,
                                         GError             **error);

typedef struct _ClosenessCsvParser ClosenessCsvParser;

ClosenessCsvParser *closeness_csv_parser_new          (ClosenessCsvRowFunc   func,
                                                       gpointer              user_data);
gboolean            closeness_csv_parser_feed         (ClosenessCsvParser   *self,
                                                       const char           *data,
                                                       gsize                 length,
                                                       GError              **error);
gboolean            closeness_csv_parser_finish       (ClosenessCsvParser   *self,
                                                       GError              **error);
void                closeness_csv_parser_free         (ClosenessCsvParser   *self);

void                closeness_csv_append_cell         (GString              *row,
                                                       const char           *text);

ClosenessCsvImport *closeness_csv_import_read         (GInputStream                *stream,
                                                       const ClosenessCsvActivity  *activities,
                                                       guint                        n_activities,
                                                       guint32                      today,
                                                       GCancellable                *cancellable,
                                                       GError                     **error);
ClosenessCsvImport *closeness_csv_import_read_data    (const char                  *data,
                                                       gsize                        length,
                                                       const ClosenessCsvActivity  *activities,
                                                       guint                        n_activities,
                                                       guint32                      today,
                                                       GError                     **error);
const ClosenessEntryInfo *closeness_csv_import_get_entries (ClosenessCsvImport *self,
                                                            guint              *n_entries);
const ClosenessCsvSkip   *closeness_csv_import_get_skipped (ClosenessCsvImport *self,
                                                            guint              *n_skipped);
void                closeness_csv_import_free         (ClosenessCsvImport          *self);
const char         *closeness_csv_skip_reason_to_string (ClosenessCsvSkipReason     reason);
char               *closeness_csv_import_describe     (ClosenessCsvImport          *self,
                                                       guint                        max_lines);

ClosenessCsvImport *closeness_selfcare_csv_import_file (ClosenessStore             *store,
                                                        GFile                      *file,
                                                        GCancellable               *cancellable,
                                                        GError                    **error);
char               *closeness_selfcare_csv_export_string (ClosenessStore          *store,
                                                          ClosenessSelfcareView    view,
                                                          guint                    me,
                                                          guint                   *n_rows);
gboolean            closeness_selfcare_csv_export_file  (ClosenessStore           *store,
                                                         ClosenessSelfcareView     view,
                                                         guint                     me,
                                                         GFile                    *file,
                                                         guint                    *n_rows,
                                                         GError                  **error);

void                closeness_selfcare_csv_import_file_async  (ClosenessStore        *store,
                                                               GFile                 *file,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
ClosenessCsvImport *closeness_selfcare_csv_import_file_finish (GAsyncResult          *result,
                                                               GError               **error);
void                closeness_selfcare_csv_export_file_async  (ClosenessStore        *store,
                                                               ClosenessSelfcareView  view,
                                                               guint                  me,
                                                               GFile                 *file,
                                                               GCancellable          *cancellable,
                                                               GAsyncReadyCallback    callback,
                                                               gpointer               user_data);
gboolean            closeness_selfcare_csv_export_file_finish (GAsyncResult          *result,
                                                               guint                 *n_rows,
                                                               GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClosenessCsvImport, closeness_csv_import_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClosenessCsvParser, closeness_csv_parser_free)

G_END_DECLS
