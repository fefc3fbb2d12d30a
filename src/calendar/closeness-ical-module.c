/* closeness-ical-module.c: the entry point of closeness-ical.so
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built with hidden visibility: this function is all the module exports,
 * and its own calls stay inside it. The store functions it calls come from
 * the program, which exports them (see src/meson.build).
 */

#include "config.h"

#include <gmodule.h>

#include "calendar/closeness-ical.h"

G_MODULE_EXPORT const ClosenessIcalTable *closeness_ical_module_get_table (void);

static const ClosenessIcalTable table = {
  .version = PACKAGE_VERSION,
  .size = sizeof (ClosenessIcalTable),

  .ics_parse = closeness_ics_parse,
  .ics_import_free = closeness_ics_import_free,
  .ics_import_get_n_events = closeness_ics_import_get_n_events,
  .ics_import_get_n_skipped = closeness_ics_import_get_n_skipped,
  .ics_import_commit = closeness_ics_import_commit,
  .ics_import_dup_summary = closeness_ics_import_dup_summary,
  .ics_import_check_events = closeness_ics_import_check_events,
  .ics_parse_file_async = closeness_ics_parse_file_async,
  .ics_parse_file_finish = closeness_ics_parse_file_finish,
  .ics_export = closeness_ics_export,
  .ics_export_to_file = closeness_ics_export_to_file,
  .ics_event_to_string = closeness_ics_event_to_string,
  .ics_run_import = closeness_ics_run_import,
  .ics_run_export = closeness_ics_run_export,

  .occurrence_clear = closeness_occurrence_clear,
  .recurrence_expand = closeness_recurrence_expand,
  .recurrence_check_rrule = closeness_recurrence_check_rrule,
  .recurrence_zone_is_known = closeness_recurrence_zone_is_known,
  .recurrence_local_to_utc = closeness_recurrence_local_to_utc,
  .recurrence_utc_to_local = closeness_recurrence_utc_to_local,
  .recurrence_expand_full = closeness_recurrence_expand_full,
  .recurrence_has_exdate = closeness_recurrence_has_exdate,
  .recurrence_add_exdate = closeness_recurrence_add_exdate,
  .instance_free = closeness_instance_free,
  .recurrence_expand_events = closeness_recurrence_expand_events,
  .recurrence_expand_events_async = closeness_recurrence_expand_events_async,
  .recurrence_expand_events_finish = closeness_recurrence_expand_events_finish,
};

const ClosenessIcalTable *
closeness_ical_module_get_table (void)
{
  return &table;
}
