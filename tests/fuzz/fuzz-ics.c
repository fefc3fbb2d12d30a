/* fuzz-ics.c: the .ics importer on arbitrary bytes.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parses the input as the importer does, checks every event the way the
 * store would before saving it, and expands every accepted event for a
 * year (the recurrence budget must hold). Opening a store per input would
 * make the fuzzer a hundred times slower; the store path is covered by
 * tests/calendar/test-ics.c.
 */

#include <glib.h>
#include <stdint.h>

#include "calendar/closeness-ics.h"
#include "calendar/closeness-recurrence.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ClosenessIcsImport) import = NULL;
  g_autofree char *summary = NULL;
  gint64 started = g_get_monotonic_time ();

  import = closeness_ics_parse ((const char *) data, size, NULL);
  if (import == NULL)
    return 0;

  summary = closeness_ics_import_dup_summary (import);
  g_assert_nonnull (summary);

  closeness_ics_import_check_events (import, 1767225600 /* 2026-01-01 */, 1798761600, 366);

  /* Hostile input must not hang the importer. */
  g_assert_cmpint (g_get_monotonic_time () - started, <, 15 * G_USEC_PER_SEC);

  return 0;
}
