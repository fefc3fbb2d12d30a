/* closeness-ical-loader.c: opens closeness-ical.so when the calendar first
 * needs it, and forwards to it
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked into the program only (see closeness-ical.h). The module is looked
 * for beside the program (an uninstalled build), then in the installed
 * library folder; CLOSENESS_ICAL_MODULE names another file (tests).
 */

#define G_LOG_DOMAIN "closeness-ical"

#include "config.h"

#include <glib/gi18n.h>
#include <gmodule.h>

#include "calendar/closeness-ical.h"

/* The same quark strings as the module's: the same GQuark values. */
G_DEFINE_QUARK (closeness-ics-error-quark, closeness_ics_error)
G_DEFINE_QUARK (closeness-recurrence-error-quark, closeness_recurrence_error)

static const ClosenessIcalTable *table;
static GError *load_error;

static char *
find_module (void)
{
  const char *named = g_getenv (CLOSENESS_ICAL_MODULE_ENV);
  g_autofree char *program = NULL;

  if (named != NULL && named[0] != '\0')
    return g_strdup (named);

  program = g_file_read_link ("/proc/self/exe", NULL);
  if (program != NULL)
    {
      g_autofree char *folder = g_path_get_dirname (program);
      g_autofree char *beside = g_build_filename (folder, CLOSENESS_ICAL_MODULE_NAME, NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&beside);
    }

  return g_build_filename (CLOSENESS_PKGLIBDIR, CLOSENESS_ICAL_MODULE_NAME, NULL);
}

static gpointer
load_module (gpointer data)
{
  g_autofree char *path = find_module ();
  const ClosenessIcalTable *(*get_table) (void) = NULL;
  const ClosenessIcalTable *found = NULL;
  GModule *module;

  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module != NULL &&
      g_module_symbol (module, CLOSENESS_ICAL_MODULE_SYMBOL, (gpointer *) &get_table) &&
      get_table != NULL)
    found = get_table ();

  if (found == NULL || found->size != sizeof (ClosenessIcalTable) ||
      g_strcmp0 (found->version, PACKAGE_VERSION) != 0)
    {
      /* The file name and the loader's reason go to the log; the person
       * sees what it means for them. */
      if (module == NULL)
        g_warning ("Could not open %s: %s", path, g_module_error ());
      else
        g_warning ("%s is not the calendar module of Closeness %s", path, PACKAGE_VERSION);
      g_clear_pointer (&module, g_module_close);
      load_error = g_error_new_literal (CLOSENESS_ICS_ERROR, CLOSENESS_ICS_ERROR_FAILED,
                                        _("Calendar support is missing from this installation of "
                                          "Closeness. Reinstalling it brings it back; your saved "
                                          "evenings are not affected."));
      return NULL;
    }

  /* Arrays it made keep pointers to its functions: it stays. */
  g_module_make_resident (module);
  table = found;

  return NULL;
}

static const ClosenessIcalTable *
get_table (GError **error)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, load_module, NULL);

  if (table == NULL && error != NULL)
    *error = g_error_copy (load_error);

  return table;
}

/**
 * closeness_ical_load:
 *
 * Opens the calendar module if it is not open yet (once per process).
 *
 * Returns: %TRUE if the calendar functions work; %FALSE with @error set,
 *   a message for the person, when the module is missing or does not match
 */
gboolean
closeness_ical_load (GError **error)
{
  return get_table (error) != NULL;
}

static gpointer
preload_thread (gpointer data)
{
  get_table (NULL);

  return NULL;
}

/**
 * closeness_ical_preload:
 *
 * Opens the module in a thread of its own, so that the calendar's first use
 * does not wait for it. Called once the window has shown its first frame.
 */
void
closeness_ical_preload (void)
{
  GThread *thread = g_thread_try_new ("closeness-ical", preload_thread, NULL, NULL);

  if (thread != NULL)
    g_thread_unref (thread);
}

/* Forwarders. Without the module, each fails as its callers expect a
 * failure: NULL, FALSE or 0, with the load error where there is a GError;
 * an asynchronous call completes with the load error (its _finish() then
 * finds no module and takes the error from the task). */

static gboolean
report_if_missing (GAsyncReadyCallback callback,
                   gpointer            user_data,
                   gpointer            source_tag)
{
  g_autoptr(GError) error = NULL;

  if (get_table (&error) != NULL)
    return FALSE;

  g_task_report_error (NULL, callback, user_data, source_tag, g_steal_pointer (&error));

  return TRUE;
}

ClosenessIcsImport *
closeness_ics_parse (const char  *data,
                     gsize        length,
                     GError     **error)
{
  const ClosenessIcalTable *t = get_table (error);

  return t != NULL ? t->ics_parse (data, length, error) : NULL;
}

void
closeness_ics_import_free (ClosenessIcsImport *import)
{
  /* An import only exists once the module is open. */
  if (import != NULL && table != NULL)
    table->ics_import_free (import);
}

guint
closeness_ics_import_get_n_events (ClosenessIcsImport *import)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->ics_import_get_n_events (import);
}

guint
closeness_ics_import_get_n_skipped (ClosenessIcsImport *import,
                                    ClosenessIcsSkip    reason)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->ics_import_get_n_skipped (import, reason);
}

gboolean
closeness_ics_import_commit (ClosenessIcsImport  *import,
                             ClosenessStore      *store,
                             GError             **error)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->ics_import_commit (import, store, error);
}

char *
closeness_ics_import_dup_summary (ClosenessIcsImport *import)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->ics_import_dup_summary (import);
}

guint
closeness_ics_import_check_events (ClosenessIcsImport *import,
                                   gint64              from_utc,
                                   gint64              to_utc,
                                   guint               max_per_event)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->ics_import_check_events (import, from_utc, to_utc, max_per_event);
}

void
closeness_ics_parse_file_async (GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  if (!report_if_missing (callback, user_data, closeness_ics_parse_file_async))
    table->ics_parse_file_async (file, cancellable, callback, user_data);
}

ClosenessIcsImport *
closeness_ics_parse_file_finish (GAsyncResult  *result,
                                 GError       **error)
{
  if (table == NULL)
    return g_task_propagate_pointer (G_TASK (result), error);

  return table->ics_parse_file_finish (result, error);
}

char *
closeness_ics_export (ClosenessStore  *store,
                      gint64           event_id,
                      guint           *n_events,
                      GError         **error)
{
  const ClosenessIcalTable *t = get_table (error);

  return t != NULL ? t->ics_export (store, event_id, n_events, error) : NULL;
}

gboolean
closeness_ics_export_to_file (ClosenessStore  *store,
                              gint64           event_id,
                              const char      *path,
                              guint           *n_events,
                              GError         **error)
{
  const ClosenessIcalTable *t = get_table (error);

  return t != NULL && t->ics_export_to_file (store, event_id, path, n_events, error);
}

char *
closeness_ics_event_to_string (const ClosenessEventInfo *info,
                               const int                *reminder_offsets,
                               guint                     n_reminders)
{
  const ClosenessIcalTable *t = get_table (NULL);

  return t != NULL ? t->ics_event_to_string (info, reminder_offsets, n_reminders) : NULL;
}

static int
report_command_line_error (void)
{
  g_autoptr(GError) error = NULL;

  get_table (&error);
  g_printerr ("%s\n", error->message);

  return 1;
}

int
closeness_ics_run_import (ClosenessStore *store,
                          const char     *path)
{
  const ClosenessIcalTable *t = get_table (NULL);

  return t != NULL ? t->ics_run_import (store, path) : report_command_line_error ();
}

int
closeness_ics_run_export (ClosenessStore *store,
                          const char     *path)
{
  const ClosenessIcalTable *t = get_table (NULL);

  return t != NULL ? t->ics_run_export (store, path) : report_command_line_error ();
}

void
closeness_occurrence_clear (ClosenessOccurrence *occurrence)
{
  /* Occurrences come from the module. */
  g_return_if_fail (table != NULL);

  table->occurrence_clear (occurrence);
}

GArray *
closeness_recurrence_expand (ClosenessEvent  *event,
                             gint64           from_utc,
                             gint64           to_utc,
                             guint            max_count,
                             GError         **error)
{
  const ClosenessIcalTable *t = get_table (error);

  return t != NULL ? t->recurrence_expand (event, from_utc, to_utc, max_count, error) : NULL;
}

gboolean
closeness_recurrence_check_rrule (const char  *rrule,
                                  const char  *dtstart,
                                  GError     **error)
{
  const ClosenessIcalTable *t = get_table (error);

  return t != NULL && t->recurrence_check_rrule (rrule, dtstart, error);
}

gboolean
closeness_recurrence_zone_is_known (const char *tzid)
{
  const ClosenessIcalTable *t = get_table (NULL);

  return t != NULL && t->recurrence_zone_is_known (tzid);
}

gboolean
closeness_recurrence_local_to_utc (const char *local,
                                   const char *tzid,
                                   gint64     *utc)
{
  const ClosenessIcalTable *t = get_table (NULL);

  return t != NULL && t->recurrence_local_to_utc (local, tzid, utc);
}

char *
closeness_recurrence_utc_to_local (gint64      utc,
                                   const char *tzid,
                                   gboolean    date_only)
{
  const ClosenessIcalTable *t = get_table (NULL);

  return t != NULL ? t->recurrence_utc_to_local (utc, tzid, date_only) : NULL;
}

GArray *
closeness_recurrence_expand_full (const char  *dtstart,
                                  const char  *tzid,
                                  int          duration_minutes,
                                  const char  *rrule,
                                  const char  *exdates,
                                  gint64       from_utc,
                                  gint64       to_utc,
                                  guint        max_count,
                                  GError     **error)
{
  const ClosenessIcalTable *t = get_table (error);

  return t != NULL ? t->recurrence_expand_full (dtstart, tzid, duration_minutes, rrule, exdates,
                                                from_utc, to_utc, max_count, error)
                   : NULL;
}

gboolean
closeness_recurrence_has_exdate (const char *exdates,
                                 const char *local)
{
  const ClosenessIcalTable *t = get_table (NULL);

  return t != NULL && t->recurrence_has_exdate (exdates, local);
}

char *
closeness_recurrence_add_exdate (const char *exdates,
                                 const char *local)
{
  const ClosenessIcalTable *t = get_table (NULL);

  return t != NULL ? t->recurrence_add_exdate (exdates, local) : NULL;
}

void
closeness_instance_free (ClosenessInstance *instance)
{
  if (instance == NULL)
    return;

  /* Instances come from the module. */
  g_return_if_fail (table != NULL);

  table->instance_free (instance);
}

GPtrArray *
closeness_recurrence_expand_events (GListModel *events,
                                    gint64      from_utc,
                                    gint64      to_utc,
                                    guint       max_per_event)
{
  const ClosenessIcalTable *t = get_table (NULL);

  return t != NULL ? t->recurrence_expand_events (events, from_utc, to_utc, max_per_event) : NULL;
}

void
closeness_recurrence_expand_events_async (GListModel          *events,
                                          gint64               from_utc,
                                          gint64               to_utc,
                                          guint                max_per_event,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  if (!report_if_missing (callback, user_data, closeness_recurrence_expand_events_async))
    table->recurrence_expand_events_async (events, from_utc, to_utc, max_per_event, cancellable,
                                           callback, user_data);
}

GPtrArray *
closeness_recurrence_expand_events_finish (GAsyncResult  *result,
                                           GError       **error)
{
  if (table == NULL)
    return g_task_propagate_pointer (G_TASK (result), error);

  return table->recurrence_expand_events_finish (result, error);
}
