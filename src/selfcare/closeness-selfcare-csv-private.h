/* closeness-selfcare-csv-private.h: what the CSV files share.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "closeness-selfcare-csv.h"

G_BEGIN_DECLS

enum {
  COLUMN_DATE,
  COLUMN_PARTNER,
  COLUMN_ACTIVITY,
  COLUMN_KIND,
  COLUMN_NOTE,
  COLUMN_ACTIVITY_KEY,
  COLUMN_PARTNER_NAME,
  COLUMN_VALUE,
  N_COLUMNS
};

struct _ClosenessCsvImport
{
  GArray        *entries;   /* ClosenessEntryInfo, strings in @strings */
  GArray        *skipped;   /* ClosenessCsvSkip */
  GStringChunk  *strings;
  GHashTable    *by_name;   /* casefolded name → ClosenessCsvActivity */
  GHashTable    *by_key;    /* builtin key → ClosenessCsvActivity */
  GHashTable    *by_entry;  /* "activity id:slot:day" → index in @entries */
  guint32        today;
  int            columns[N_COLUMNS];  /* -1: absent */
  guint          n_header_cells;
  gboolean       have_header;
  guint          n_rows;

  /* After closeness_selfcare_csv_import_file() saved @entries. */
  gboolean       stored;
  guint          n_added;
  guint          n_updated;
};

gboolean _closeness_csv_fail          (GError     **error,
                                       int          code,
                                       const char  *message);
char    *_closeness_csv_unguard_cell  (const char  *text);

G_END_DECLS
