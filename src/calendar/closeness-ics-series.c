/* closeness-ics-series.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a series in a file adds to its start: further RRULEs, RDATEs,
 * RANGE=THISANDFUTURE changes and cancelled occurrences, each turned into
 * what the store keeps (edited occurrences and EXDATEs).
 */

#define G_LOG_DOMAIN "closeness-calendar"

#include "config.h"

#include <glib/gi18n.h>
#include <libical/ical.h>
#include <string.h>

#include "closeness-ics-private.h"
#include "closeness-recurrence.h"

static void
rdate_clear (RDate *rdate)
{
  g_free (rdate->local);
}

void
_closeness_ics_append_rdate (ImportedEvent *event,
              char          *local,
              int            duration_minutes)
{
  RDate rdate = { local, duration_minutes };

  if (event->rdates == NULL)
    {
      event->rdates = g_array_new (FALSE, TRUE, sizeof (RDate));
      g_array_set_clear_func (event->rdates, (GDestroyNotify) rdate_clear);
    }
  g_array_append_val (event->rdates, rdate);
}

/* Several RRULEs (Apple, some feeds): the occurrences of every further
 * rule are added like RDATEs when the rule ends (COUNT or UNTIL), at most
 * MAX_EXDATES of them; a further rule without end cannot be kept and the
 * summary says so. */
void
_closeness_ics_read_more_rrules (icalcomponent      *vevent,
                  icalproperty       *first,
                  const FileTime     *start,
                  ImportedEvent      *event,
                  ClosenessIcsImport *import)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new ();

  /* Collected first: reading the title below moves the component's one
   * property iterator. */
  for (icalproperty *prop = icalcomponent_get_first_property (vevent, ICAL_RRULE_PROPERTY);
       prop != NULL && rules->len < 16;
       prop = icalcomponent_get_next_property (vevent, ICAL_RRULE_PROPERTY))
    g_ptr_array_add (rules, prop);

  for (guint n = 0; n < rules->len; n++)
    {
      icalproperty *prop = g_ptr_array_index (rules, n);
      struct icalrecurrencetype rule;
      g_autofree char *rrule = NULL;
      g_autoptr(GArray) occurrences = NULL;

      if (prop == first)
        continue;

      rule = icalproperty_get_rrule (prop);
      rrule = icalrecurrencetype_as_string_r (&rule);
      g_autofree char *title = NULL;

      if (rrule == NULL || (rule.count == 0 && icaltime_is_null_time (rule.until)) ||
          !closeness_recurrence_check_rrule (rrule, event->dtstart, NULL) ||
          (occurrences = closeness_recurrence_expand_full (event->dtstart, event->tzid,
                                                           event->duration_minutes, rrule,
                                                           NULL, start->utc,
                                                           G_GINT64_CONSTANT (7258118400),
                                                           MAX_EXDATES, NULL)) == NULL)
        {
          /* Translators: %s is the title of an imported event */
          title = _closeness_ics_dup_event_title (vevent);
          _closeness_ics_add_note (import,
                                   g_strdup_printf (_("“%s”: a further repeat rule without end"),
                                                    title));
          continue;
        }

      for (guint i = 0; i < occurrences->len; i++)
        {
          ClosenessOccurrence *occurrence = &g_array_index (occurrences, ClosenessOccurrence, i);

          if (occurrence->recurrence_id != NULL &&
              g_strcmp0 (occurrence->recurrence_id, start->local) != 0)
            _closeness_ics_append_rdate (event, g_steal_pointer (&occurrence->recurrence_id),
                          event->duration_minutes);
        }
    }
}

/* One occurrence of @from as an event of its own: @recurrence_id names it,
 * @dtstart (taken) starts it, everything else is @from's. */
static ImportedEvent
occurrence_of (const ImportedEvent *from,
               const char          *recurrence_id,
               char                *dtstart,
               int                  duration_minutes)
{
  ImportedEvent event = { 0, };

  event.uid = g_strdup (from->uid);
  event.recurrence_id = g_strdup (recurrence_id);
  event.summary = g_strdup (from->summary);
  event.dtstart = dtstart;
  event.tzid = g_strdup (from->tzid);
  event.duration_minutes = duration_minutes;
  event.planned_by = from->planned_by;
  event.deck = g_strdup (from->deck);
  event.notes = g_strdup (from->notes);
  event.sequence = from->sequence;
  memcpy (event.reminders, from->reminders, sizeof event.reminders);
  event.n_reminders = from->n_reminders;

  return event;
}

/* Appends @event under @key (taken); appending may move the array. */
static void
append_occurrence (ClosenessIcsImport *import,
                   ImportedEvent      *event,
                   char               *key)
{
  g_array_append_val (import->events, *event);
  g_hash_table_insert (import->keys, key, GUINT_TO_POINTER (import->events->len));
}

/* RANGE=THISANDFUTURE: the override's change (a shift of the wall time, the
 * length, the title, the notes, the reminders) applies to every later
 * occurrence of a series that ends; each becomes an edited occurrence.
 * For a series without end the summary says what was not applied. */
void
_closeness_ics_apply_this_and_future (ClosenessIcsImport *import)
{
  guint n = import->events->len;

  for (guint i = 0; i < n; i++)
    {
      ImportedEvent *change = &g_array_index (import->events, ImportedEvent, i);
      g_autofree char *series_key = NULL;
      g_autoptr(GArray) occurrences = NULL;
      ImportedEvent *series;
      gint64 rid_utc, rid_wall, start_wall, shift;
      guint index;

      if (!change->this_and_future)
        continue;

      series_key = g_strconcat (change->uid, "\n", NULL);
      index = GPOINTER_TO_UINT (g_hash_table_lookup (import->keys, series_key));
      series = index > 0 ? &g_array_index (import->events, ImportedEvent, index - 1) : NULL;
      if (series == NULL || series->rrule == NULL ||
          !closeness_recurrence_local_to_utc (change->recurrence_id, series->tzid, &rid_utc) ||
          !closeness_recurrence_local_to_utc (change->recurrence_id, "UTC", &rid_wall) ||
          !closeness_recurrence_local_to_utc (change->dtstart, "UTC", &start_wall))
        continue;

      if (strstr (series->rrule, "COUNT=") == NULL && strstr (series->rrule, "UNTIL=") == NULL)
        {
          /* Translators: %s is the title of an imported event */
          _closeness_ics_add_note (import,
                                   g_strdup_printf (_("“%s”: a change to all later evenings of a series "
                                                      "without end (only that evening was changed)"),
                                                    change->summary));
          continue;
        }

      shift = start_wall - rid_wall;
      occurrences = closeness_recurrence_expand_full (series->dtstart, series->tzid,
                                                      series->duration_minutes, series->rrule,
                                                      series->exdates, rid_utc + 1,
                                                      G_GINT64_CONSTANT (7258118400),
                                                      MAX_EXDATES, NULL);
      for (guint j = 0; occurrences != NULL && j < occurrences->len &&
                        import->events->len < MAX_COMPONENTS; j++)
        {
          ClosenessOccurrence *occurrence = &g_array_index (occurrences, ClosenessOccurrence, j);
          g_autofree char *key = NULL;
          ImportedEvent moved;
          gint64 wall;

          /* Appending below may move the array. */
          change = &g_array_index (import->events, ImportedEvent, i);
          key = g_strconcat (change->uid, "\n", occurrence->recurrence_id, NULL);
          if (g_hash_table_contains (import->keys, key) ||
              !closeness_recurrence_local_to_utc (occurrence->recurrence_id, "UTC", &wall))
            continue;
          moved = occurrence_of (change, occurrence->recurrence_id,
                                 closeness_recurrence_utc_to_local (wall + shift, "UTC",
                                                                    strlen (change->dtstart) == 10),
                                 change->duration_minutes);
          append_occurrence (import, &moved, g_steal_pointer (&key));
        }
    }
}

/* RDATEs (dates, date-times, PERIODs) as wall times in the event's zone.
 * The start itself is always an occurrence and is left out here. */
void
_closeness_ics_read_rdates (icalcomponent  *vevent,
             icalcomponent  *calendar,
             GHashTable     *zones,
             const FileTime *start,
             int             duration_minutes,
             ImportedEvent  *event)
{
  for (icalproperty *prop = icalcomponent_get_first_property (vevent, ICAL_RDATE_PROPERTY);
       prop != NULL && (event->rdates == NULL || event->rdates->len < MAX_EXDATES);
       prop = icalcomponent_get_next_property (vevent, ICAL_RDATE_PROPERTY))
    {
      struct icaldatetimeperiodtype value = icalproperty_get_rdate (prop);
      gboolean is_period = icaltime_is_null_time (value.time);
      FileTime time = { 0, };
      RDate rdate = { NULL, duration_minutes };

      if (!_closeness_ics_read_file_time (prop, is_period ? value.period.start : value.time,
                                          calendar, zones, &time))
        continue;

      if (is_period && !icaltime_is_null_time (value.period.end))
        {
          FileTime end = { 0, };

          if (_closeness_ics_read_file_time (prop, value.period.end, calendar, zones, &end)
              && end.utc > time.utc)
            rdate.duration_minutes = (int) MIN ((end.utc - time.utc + 59) / 60, MAX_DURATION);
          _closeness_ics_file_time_clear (&end);
        }
      else if (is_period && icaldurationtype_as_int (value.period.duration) > 0)
        rdate.duration_minutes = MIN ((icaldurationtype_as_int (value.period.duration) + 59) / 60,
                                      MAX_DURATION);

      rdate.local = _closeness_ics_occurrence_in_event_zone (&time, start);
      _closeness_ics_file_time_clear (&time);

      if (g_strcmp0 (rdate.local, start->local) == 0 && rdate.duration_minutes == duration_minutes)
        {
          g_free (rdate.local);
          continue;
        }

      _closeness_ics_append_rdate (event, rdate.local, rdate.duration_minutes);
    }
}

/* Each RDATE becomes an occurrence of its own, as an edited occurrence
 * (RECURRENCE-ID = the RDATE) would: it is shown, rings and can be changed
 * alone, and importing the file again finds it by UID and RECURRENCE-ID. An
 * override in the file for the same time wins; EXDATEs remove RDATEs too. */
void
_closeness_ics_add_rdate_occurrences (ClosenessIcsImport *import)
{
  guint n = import->events->len;

  for (guint i = 0; i < n; i++)
    {
      ImportedEvent *series = &g_array_index (import->events, ImportedEvent, i);
      g_autoptr(GArray) rdates = g_steal_pointer (&series->rdates);

      /* Bounded like the file itself: at most MAX_COMPONENTS events in all. */
      for (guint j = 0; rdates != NULL && j < rdates->len && import->events->len < MAX_COMPONENTS;
           j++)
        {
          RDate *rdate = &g_array_index (rdates, RDate, j);
          ImportedEvent occurrence;
          g_autofree char *key = NULL;

          /* The array may have moved: look the series up again. */
          series = &g_array_index (import->events, ImportedEvent, i);
          if (closeness_recurrence_has_exdate (series->exdates, rdate->local))
            continue;
          key = g_strconcat (series->uid, "\n", rdate->local, NULL);
          if (g_hash_table_contains (import->keys, key))
            continue;

          occurrence = occurrence_of (series, rdate->local, g_strdup (rdate->local),
                                      rdate->duration_minutes);
          append_occurrence (import, &occurrence, g_steal_pointer (&key));
        }
    }
}

/* Each cancelled occurrence becomes an EXDATE of its series, so it is never
 * shown as a normal evening and never rings. */
void
_closeness_ics_apply_cancelled_occurrences (ClosenessIcsImport *import)
{
  for (guint i = 0; i < import->cancelled->len; i++)
    {
      CancelledOccurrence *cancelled = &g_array_index (import->cancelled, CancelledOccurrence, i);
      g_autofree char *key = g_strconcat (cancelled->uid, "\n", NULL);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (import->keys, key));
      ImportedEvent *series;
      char *exdates;

      if (index == 0 ||
          ((series = &g_array_index (import->events, ImportedEvent, index - 1))->rrule == NULL &&
           series->rdates == NULL))
        {
          _closeness_ics_skip (import, CLOSENESS_ICS_SKIP_CANCELLED);
          continue;
        }

      exdates = closeness_recurrence_add_exdate (series->exdates, cancelled->recurrence_id);
      g_free (series->exdates);
      series->exdates = exdates;

      /* The cancelled component travels with its series, so an export
       * writes it back as it was. */
      if (cancelled->text != NULL && series->ical_raw != NULL &&
          strlen (series->ical_raw) + strlen (cancelled->text) <= CLOSENESS_STORE_MAX_TEXT)
        {
          char *raw = g_strconcat (series->ical_raw, cancelled->text, NULL);

          g_free (series->ical_raw);
          series->ical_raw = raw;
        }
    }
}
