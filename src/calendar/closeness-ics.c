/* closeness-ics.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import reads the whole file first (size, nesting and a time limit are
 * checked before and while libical parses it), turns every VEVENT into a
 * store event or a reason why it was left out, and only then saves all
 * events in one store transaction. Nothing is saved when the file cannot be
 * read as a whole.
 */

#define G_LOG_DOMAIN "closeness-calendar"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libical/ical.h>
#include <string.h>

#include "store/closeness-import-file.h"

#include "closeness-ics-private.h"
#include "closeness-recurrence.h"


G_DEFINE_QUARK (closeness-ics-error-quark, closeness_ics_error)
void
_closeness_ics_imported_event_clear (ImportedEvent *event)
{
  g_free (event->uid);
  g_free (event->recurrence_id);
  g_free (event->summary);
  g_free (event->dtstart);
  g_free (event->tzid);
  g_free (event->rrule);
  g_free (event->exdates);
  g_free (event->deck);
  g_free (event->notes);
  g_free (event->ical_raw);
  g_clear_pointer (&event->rdates, g_array_unref);
}

static void
cancelled_occurrence_clear (CancelledOccurrence *cancelled)
{
  g_free (cancelled->uid);
  g_free (cancelled->recurrence_id);
  g_free (cancelled->text);
}

/* The reminder @alarm stands for, in minutes before the start, or -1 when
 * Closeness cannot keep it as a reminder (after the start, more than four
 * weeks ahead, no usable trigger); -2 when it has no trigger at all. */
int
_closeness_ics_alarm_offset (icalcomponent *alarm,
                             gint64         start_utc,
                             int            duration_minutes)
{
  icalproperty *prop = icalcomponent_get_first_property (alarm, ICAL_TRIGGER_PROPERTY);
  struct icaltriggertype trigger;
  icalparameter *related;
  gint64 offset;

  if (prop == NULL)
    return -2;

  trigger = icalproperty_get_trigger (prop);
  if (!icaltime_is_null_time (trigger.time))
    {
      if (!_closeness_ics_time_in_range (trigger.time))
        return -2;
      offset = (start_utc - icaltime_as_timet_with_zone (trigger.time,
                                                         icaltimezone_get_utc_timezone ())) / 60;
    }
  else
    {
      offset = -(gint64) icaldurationtype_as_int (trigger.duration) / 60;
      related = icalproperty_get_first_parameter (prop, ICAL_RELATED_PARAMETER);
      if (related != NULL && icalparameter_get_related (related) == ICAL_RELATED_END)
        offset -= duration_minutes;
    }

  /* Reminders after the start are not something Closeness can show. */
  if (offset < 0 || offset > MAX_REMINDER)
    return -1;

  return (int) offset;
}

static guint
read_reminders (icalcomponent *vevent,
                gint64         start_utc,
                int            duration_minutes,
                ImportedEvent *event)
{
  guint dropped = 0;

  for (icalcomponent *alarm = icalcomponent_get_first_component (vevent, ICAL_VALARM_COMPONENT);
       alarm != NULL && event->n_reminders < CLOSENESS_STORE_MAX_EVENT_REMINDERS;
       alarm = icalcomponent_get_next_component (vevent, ICAL_VALARM_COMPONENT))
    {
      int offset = _closeness_ics_alarm_offset (alarm, start_utc, duration_minutes);
      gboolean duplicate = FALSE;

      if (offset == -1)
        dropped++;
      if (offset < 0)
        continue;

      for (guint i = 0; i < event->n_reminders; i++)
        duplicate |= event->reminders[i] == offset;
      if (!duplicate)
        event->reminders[event->n_reminders++] = offset;
    }

  return dropped;
}

static void
read_closeness_properties (icalcomponent *vevent,
                           ImportedEvent *event)
{
  for (icalproperty *prop = icalcomponent_get_first_property (vevent, ICAL_X_PROPERTY);
       prop != NULL;
       prop = icalcomponent_get_next_property (vevent, ICAL_X_PROPERTY))
    {
      const char *name = icalproperty_get_x_name (prop);
      const char *value = icalproperty_get_x (prop);

      if (name == NULL || value == NULL)
        continue;

      if (g_ascii_strcasecmp (name, "X-CLOSENESS-PLANNED-BY") == 0)
        event->planned_by = _closeness_ics_planned_by_from_string (value);
      else if (g_ascii_strcasecmp (name, "X-CLOSENESS-DECK") == 0 && event->deck == NULL)
        event->deck = _closeness_ics_clean_text (value, CLOSENESS_STORE_MAX_NAME, TRUE);
    }
}

void
_closeness_ics_skip (ClosenessIcsImport *import,
      ClosenessIcsSkip    reason)
{
  import->skipped[reason]++;
}

char *
_closeness_ics_dup_event_title (icalcomponent *vevent)
{
  char *title =
    _closeness_ics_clean_text (icalcomponent_get_summary (vevent), CLOSENESS_STORE_MAX_TITLE, TRUE);

  if (title == NULL || title[0] == '\0')
    {
      g_free (title);
      title = g_strdup (_("Time together"));
    }

  return title;
}

/* Takes @text; the summary shows MAX_NOTES of them and counts the rest. */
#define MAX_NOTES 10

void
_closeness_ics_add_note (ClosenessIcsImport *import,
          char               *text)
{
  g_ptr_array_add (import->notes, text);
}

/* Events without a UID get one from their contents, so importing the same
 * file again finds them (DTSTAMP, the time of the export, is left out). */
static char *
uid_from_component (icalcomponent *vevent)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *text = icalcomponent_as_ical_string_r (vevent);
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (!g_str_has_prefix (lines[i], "DTSTAMP"))
      g_checksum_update (checksum, (const guchar *) lines[i], -1);

  return g_strconcat (g_checksum_get_string (checksum), "@closeness-import", NULL);
}

/* What the store keeps of @vevent: the VTIMEZONEs of the file that it
 * needs (zones Closeness knows by name are left out; the export writes
 * its own) and the component itself, both as the file wrote them. */
static char *
raw_for (ClosenessIcsImport *import,
         icalcomponent      *vevent,
         const IcsBlock     *block)
{
  g_autoptr(GHashTable) added = NULL;
  GString *raw;

  if (block == NULL)
    return icalcomponent_as_ical_string_r (vevent);

  added = g_hash_table_new (g_str_hash, g_str_equal);
  raw = g_string_new (NULL);
  for (icalproperty *prop = icalcomponent_get_first_property (vevent, ICAL_ANY_PROPERTY);
       prop != NULL;
       prop = icalcomponent_get_next_property (vevent, ICAL_ANY_PROPERTY))
    {
      icalparameter *param = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER);
      const char *tzid = param != NULL ? icalparameter_get_tzid (param) : NULL;
      g_autofree char *key = NULL;
      const char *zone;

      if (tzid == NULL || g_hash_table_contains (added, tzid) ||
          _closeness_ics_resolve_tzid (tzid) != NULL)
        continue;
      key = g_strdup_printf ("%u\n%s", import->calendar, tzid);
      zone = g_hash_table_lookup (import->zone_texts, key);
      if (zone != NULL)
        g_string_append (raw, zone);
      g_hash_table_add (added, (gpointer) tzid);
    }
  g_string_append (raw, block->text);

  return g_string_free (raw, FALSE);
}

static void
import_vevent (ClosenessIcsImport *import,
               icalcomponent      *calendar,
               icalcomponent      *vevent,
               const IcsBlock     *block)
{
  ImportedEvent event = { 0, };
  FileTime start = { 0, };
  icalproperty *prop;
  gint64 duration_seconds = -1;
  g_autofree char *key = NULL;
  const char *text;
  guint index = 0;
  gboolean replace = FALSE;
  icalparameter *param;
  guint dropped;
  g_autofree char *zone_name = NULL;

  event.planned_by = CLOSENESS_PLANNED_BY_NOBODY;

  /* A cancelled occurrence of a series removes that occurrence (see
   * apply_cancelled_occurrences()); a cancelled event is left out. */
  if (icalcomponent_get_status (vevent) == ICAL_STATUS_CANCELLED &&
      icalcomponent_get_first_property (vevent, ICAL_RECURRENCEID_PROPERTY) == NULL)
    {
      _closeness_ics_skip (import, CLOSENESS_ICS_SKIP_CANCELLED);
      return;
    }

  prop = icalcomponent_get_first_property (vevent, ICAL_DTSTART_PROPERTY);
  if (prop == NULL || icaltime_is_null_time (icalproperty_get_dtstart (prop)))
    {
      _closeness_ics_skip (import, CLOSENESS_ICS_SKIP_NO_START);
      return;
    }

  if ((param = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER)) != NULL)
    zone_name = _closeness_ics_clean_text (icalparameter_get_tzid (param), 64, TRUE);
  if (!_closeness_ics_read_file_time (prop, icalproperty_get_dtstart (prop), calendar,
                                      import->zones, &start))
    {
      _closeness_ics_skip (import, CLOSENESS_ICS_SKIP_OUT_OF_RANGE);
      return;
    }

  /* Length: DURATION, or DTEND, or a day for all-day events and Closeness's
   * usual half hour otherwise (a zero-length event is read the same way). */
  if ((prop = icalcomponent_get_first_property (vevent, ICAL_DURATION_PROPERTY)) != NULL)
    duration_seconds = icaldurationtype_as_int (icalproperty_get_duration (prop));
  else if ((prop = icalcomponent_get_first_property (vevent, ICAL_DTEND_PROPERTY)) != NULL)
    {
      FileTime end = { 0, };

      if (!_closeness_ics_read_file_time (prop, icalproperty_get_dtend (prop), calendar,
                                          import->zones, &end))
        {
          _closeness_ics_skip (import, CLOSENESS_ICS_SKIP_OUT_OF_RANGE);
          goto out;
        }
      if (start.is_date && end.is_date)
        {
          gint64 start_day, end_day;

          closeness_recurrence_local_to_utc (start.local, "UTC", &start_day);
          closeness_recurrence_local_to_utc (end.local, "UTC", &end_day);
          duration_seconds = end_day - start_day;
        }
      else
        duration_seconds = end.utc - start.utc;
      _closeness_ics_file_time_clear (&end);
    }

  if (duration_seconds < 0 && duration_seconds != -1)
    {
      _closeness_ics_skip (import, CLOSENESS_ICS_SKIP_ENDS_BEFORE_START);
      goto out;
    }
  if (duration_seconds <= 0)
    event.duration_minutes = start.is_date ? 24 * 60 : DEFAULT_DURATION;
  else
    event.duration_minutes = (int) MIN ((duration_seconds + 59) / 60, (gint64) MAX_DURATION + 1);

  if (event.duration_minutes > MAX_DURATION)
    {
      _closeness_ics_skip (import, CLOSENESS_ICS_SKIP_TOO_LONG);
      goto out;
    }

  event.dtstart = g_strdup (start.local);
  event.tzid = g_strdup (start.tzid);

  /* RECURRENCE-ID: an edited occurrence of a series. */
  if ((prop = icalcomponent_get_first_property (vevent, ICAL_RECURRENCEID_PROPERTY)) != NULL)
    {
      FileTime rid = { 0, };

      if (!_closeness_ics_read_file_time (prop, icalproperty_get_recurrenceid (prop), calendar,
                                          import->zones, &rid))
        {
          _closeness_ics_skip (import, CLOSENESS_ICS_SKIP_OUT_OF_RANGE);
          goto out;
        }
      event.recurrence_id = _closeness_ics_occurrence_in_event_zone (&rid, &start);
      event.this_and_future =
        (param = icalproperty_get_first_parameter (prop, ICAL_RANGE_PARAMETER)) != NULL &&
        icalparameter_get_range (param) == ICAL_RANGE_THISANDFUTURE;
      _closeness_ics_file_time_clear (&rid);
    }

  if (event.recurrence_id == NULL &&
      (prop = icalcomponent_get_first_property (vevent, ICAL_RRULE_PROPERTY)) != NULL)
    {
      struct icalrecurrencetype rule = icalproperty_get_rrule (prop);
      g_autofree char *rrule = icalrecurrencetype_as_string_r (&rule);

      if (rrule == NULL || !closeness_recurrence_check_rrule (rrule, event.dtstart, NULL))
        {
          _closeness_ics_skip (import, CLOSENESS_ICS_SKIP_BAD_RRULE);
          goto out;
        }
      event.rrule = g_steal_pointer (&rrule);
      _closeness_ics_read_more_rrules (vevent, prop, &start, &event, import);
    }

  /* EXDATEs remove occurrences of the RRULEs and the RDATEs alike. */
  if (event.recurrence_id == NULL
      && (event.rrule != NULL
          || icalcomponent_get_first_property (vevent, ICAL_RDATE_PROPERTY) != NULL))
    {
      g_autoptr(GString) exdates = g_string_new (NULL);
      guint n = 0;

      for (prop = icalcomponent_get_first_property (vevent, ICAL_EXDATE_PROPERTY);
           prop != NULL && n < MAX_EXDATES;
           prop = icalcomponent_get_next_property (vevent, ICAL_EXDATE_PROPERTY))
        {
          FileTime exdate = { 0, };
          g_autofree char *local = NULL;

          if (!_closeness_ics_read_file_time (prop, icalproperty_get_exdate (prop), calendar,
                                              import->zones, &exdate))
            continue;
          local = _closeness_ics_occurrence_in_event_zone (&exdate, &start);
          _closeness_ics_file_time_clear (&exdate);
          if (closeness_recurrence_has_exdate (exdates->str, local))
            continue;
          if (exdates->len > 0)
            g_string_append_c (exdates, ',');
          g_string_append (exdates, local);
          n++;
        }
      event.exdates = g_string_free (g_steal_pointer (&exdates), FALSE);
    }

  if (event.recurrence_id == NULL)
    _closeness_ics_read_rdates (vevent, calendar, import->zones, &start, event.duration_minutes,
                                &event);

  text = icalcomponent_get_uid (vevent);
  if (text != NULL && text[0] != '\0' && strlen (text) <= 1000)
    event.uid = _closeness_ics_clean_text (text, 1000, TRUE);
  if (event.uid == NULL || event.uid[0] == '\0')
    {
      g_free (event.uid);
      event.uid = uid_from_component (vevent);
    }

  if (event.recurrence_id != NULL && icalcomponent_get_status (vevent) == ICAL_STATUS_CANCELLED)
    {
      CancelledOccurrence cancelled = { g_steal_pointer (&event.uid),
                                        g_steal_pointer (&event.recurrence_id),
                                        block != NULL ? g_strdup (block->text) : NULL };

      g_array_append_val (import->cancelled, cancelled);
      goto out;
    }

  event.sequence = icalcomponent_get_sequence (vevent);

  key = g_strconcat (event.uid, "\n", event.recurrence_id ? event.recurrence_id : "", NULL);
  if ((index = GPOINTER_TO_UINT (g_hash_table_lookup (import->keys, key))) > 0)
    {
      ImportedEvent *kept = &g_array_index (import->events, ImportedEvent, index - 1);

      _closeness_ics_skip (import, CLOSENESS_ICS_SKIP_DUPLICATE);
      /* RFC 5546: the copy with the higher SEQUENCE is the newer one. */
      if (event.sequence <= kept->sequence)
        goto out;
      replace = TRUE;
    }

  event.summary = _closeness_ics_dup_event_title (vevent);

  prop = icalcomponent_get_first_property (vevent, ICAL_DESCRIPTION_PROPERTY);
  if (prop != NULL)
    event.notes = _closeness_ics_clean_text (icalproperty_get_description (prop), 20000, FALSE);

  if ((dropped = read_reminders (vevent, start.utc, event.duration_minutes, &event)) > 0)
    _closeness_ics_add_note (
      import,
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    /* Translators: %s is the title of an imported event */
                                    "“%s”: %u reminder after the start or more than four weeks ahead does not ring here (it stays in the event for other calendars)",
                                    "“%s”: %u reminders after the start or more than four weeks ahead do not ring here (they stay in the event for other calendars)",
                                    dropped),
                       event.summary, dropped));
  if (start.zone_fate == ZONE_AS_UTC)
    /* Translators: the first %s is the title of an imported event, the second a time zone name */
    _closeness_ics_add_note (import,
                             g_strdup_printf (_("“%s”: the time zone “%s” is read as fixed times, "
                                                "without daylight saving changes"),
                                              event.summary, zone_name));
  else if (start.zone_fate == ZONE_UNKNOWN)
    /* Translators: the first %s is the title of an imported event, the second a time zone name */
    _closeness_ics_add_note (import,
                             g_strdup_printf (_("“%s”: the time zone “%s” is unknown and is read as "
                                                "this computer’s"),
                                              event.summary, zone_name));
  read_closeness_properties (vevent, &event);

  event.ical_raw = raw_for (import, vevent, block);
  if (event.ical_raw != NULL &&
      (strlen (event.ical_raw) > CLOSENESS_STORE_MAX_TEXT ||
       !g_utf8_validate (event.ical_raw, -1, NULL)))
    g_clear_pointer (&event.ical_raw, g_free);

  if (replace)
    {
      ImportedEvent *kept = &g_array_index (import->events, ImportedEvent, index - 1);

      _closeness_ics_imported_event_clear (kept);
      *kept = event;
    }
  else
    {
      g_array_append_val (import->events, event);
      g_hash_table_insert (import->keys, g_steal_pointer (&key),
                           GUINT_TO_POINTER (import->events->len));
    }
  _closeness_ics_file_time_clear (&start);
  return;

out:
  _closeness_ics_imported_event_clear (&event);
  _closeness_ics_file_time_clear (&start);
}

/* The text of @child as the file wrote it, when libical read the file's
 * components as the text has them (same order and names); else NULL and
 * the store keeps libical's writing of it. */
static const IcsBlock *
next_block (ClosenessIcsImport *import,
            icalcomponent      *child)
{
  const IcsBlock *block;
  icalcomponent_kind kind = icalcomponent_isa (child);
  const char *name = kind == ICAL_X_COMPONENT ? "X-" : icalcomponent_kind_to_string (kind);

  if (import->blocks == NULL || import->next_block >= import->blocks->len)
    return NULL;

  block = g_ptr_array_index (import->blocks, import->next_block);
  if (block->calendar != import->calendar || name == NULL ||
      (kind == ICAL_X_COMPONENT ? !g_str_has_prefix (block->name, name)
                                : g_ascii_strcasecmp (block->name, name) != 0))
    {
      /* Out of step: trust none of the rest. */
      import->next_block = import->blocks->len;
      return NULL;
    }
  import->next_block++;

  return block;
}

static gboolean
import_calendar (ClosenessIcsImport  *import,
                 icalcomponent       *calendar,
                 gint64               deadline,
                 GError             **error)
{
  /* External iterators only: libical's built-in one is shared state that
   * any nested walk over the calendar would reset. */
  for (icalcompiter iter = icalcomponent_begin_component (calendar, ICAL_ANY_COMPONENT);
       icalcompiter_deref (&iter) != NULL;
       icalcompiter_next (&iter))
    {
      icalcomponent *child = icalcompiter_deref (&iter);
      const IcsBlock *block = next_block (import, child);

      if (g_get_monotonic_time () > deadline)
        return _closeness_ics_set_error (error, CLOSENESS_ICS_ERROR_TOO_SLOW,
                          _("The calendar file is too complex to be read."));

      switch (icalcomponent_isa (child))
        {
        case ICAL_VEVENT_COMPONENT:
          import_vevent (import, calendar, child, block);
          break;

        case ICAL_VTODO_COMPONENT:
          _closeness_ics_skip (import, CLOSENESS_ICS_SKIP_TODO);
          break;

        case ICAL_VJOURNAL_COMPONENT:
          _closeness_ics_skip (import, CLOSENESS_ICS_SKIP_JOURNAL);
          break;

        case ICAL_VTIMEZONE_COMPONENT:
          if (block != NULL && icalcomponent_get_first_property (child, ICAL_TZID_PROPERTY) != NULL)
            g_hash_table_insert (import->zone_texts,
                                 g_strdup_printf ("%u\n%s", import->calendar,
                                                  icalproperty_get_tzid (
                                                    icalcomponent_get_first_property (
                                                      child, ICAL_TZID_PROPERTY))),
                                 g_strdup (block->text));
          break;

        default:
          _closeness_ics_skip (import, CLOSENESS_ICS_SKIP_OTHER_COMPONENT);
          break;
        }
    }

  return TRUE;
}

/**
 * closeness_ics_parse:
 * @data: the file's contents (need not be NUL-terminated)
 *
 * Returns: (transfer full): the events found and what was left out, or
 *   %NULL with @error set when the file cannot be read as a whole
 */
ClosenessIcsImport *
closeness_ics_parse (const char  *data,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(ClosenessIcsImport) import = NULL;
  g_autofree char *converted = NULL;
  g_autofree char *text = NULL;
  FileEncoding encoding;
  gsize converted_length;
  icalcomponent *root;
  gint64 deadline = g_get_monotonic_time () + PARSE_BUDGET_USEC;
  gboolean found = FALSE;
  gboolean ok = TRUE;
  guint n_dropped = 0;

  if (length > CLOSENESS_ICS_MAX_SIZE)
    {
      _closeness_ics_set_error (error, CLOSENESS_ICS_ERROR_TOO_BIG,
                 _("The calendar file is larger than 20 MB and was not read."));
      return NULL;
    }

  if (data == NULL || length == 0)
    {
      _closeness_ics_set_error (error, CLOSENESS_ICS_ERROR_NOT_CALENDAR,
                                _("The calendar file is empty."));
      return NULL;
    }

  if (!_closeness_ics_decode_text (data, length, &converted, &converted_length, &encoding, error))
    return NULL;
  if (converted != NULL)
    {
      data = converted;
      length = converted_length;
    }

  text = _closeness_ics_prepare_text (data, length, &n_dropped, error);
  if (text == NULL)
    return NULL;

  icalerror_set_errors_are_fatal (FALSE);
  icalerror_clear_errno ();
  root = icalparser_parse_string (text);
  icalerror_clear_errno ();

  if (root == NULL)
    {
      _closeness_ics_set_error (error, CLOSENESS_ICS_ERROR_NOT_CALENDAR,
                 _("The calendar file could not be read."));
      return NULL;
    }

  import = g_new0 (ClosenessIcsImport, 1);
  import->events = g_array_new (FALSE, TRUE, sizeof (ImportedEvent));
  g_array_set_clear_func (import->events, (GDestroyNotify) _closeness_ics_imported_event_clear);
  import->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import->cancelled = g_array_new (FALSE, TRUE, sizeof (CancelledOccurrence));
  import->zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import->notes = g_ptr_array_new_with_free_func (g_free);
  g_array_set_clear_func (import->cancelled, (GDestroyNotify) cancelled_occurrence_clear);
  import->skipped[CLOSENESS_ICS_SKIP_LONG_PROPERTY] = n_dropped;
  import->encoding = encoding;
  import->blocks = _closeness_ics_split_blocks (text);
  import->zone_texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (icalcomponent_isa (root) == ICAL_VCALENDAR_COMPONENT)
    {
      found = TRUE;
      ok = import_calendar (import, root, deadline, error);
    }
  else if (icalcomponent_isa (root) == ICAL_XROOT_COMPONENT)
    {
      /* Several calendars in one file. */
      for (icalcomponent *calendar =
             icalcomponent_get_first_component (root, ICAL_VCALENDAR_COMPONENT);
           calendar != NULL && ok;
           calendar = icalcomponent_get_next_component (root, ICAL_VCALENDAR_COMPONENT))
        {
          found = TRUE;
          /* Calendars libical left out (empty ones) would put the blocks
           * out of step; next_block() notices. */
          ok = import_calendar (import, calendar, deadline, error);
          import->calendar++;
        }
    }

  icalcomponent_free (root);
  icalerror_clear_errno ();

  if (!ok)
    return NULL;

  if (!found)
    {
      _closeness_ics_set_error (error, CLOSENESS_ICS_ERROR_NOT_CALENDAR,
                 _("The file has no calendar in it."));
      return NULL;
    }

  _closeness_ics_apply_cancelled_occurrences (import);
  _closeness_ics_add_rdate_occurrences (import);
  _closeness_ics_apply_this_and_future (import);

  return g_steal_pointer (&import);
}

void
closeness_ics_import_free (ClosenessIcsImport *import)
{
  if (import == NULL)
    return;

  g_clear_pointer (&import->events, g_array_unref);
  g_clear_pointer (&import->keys, g_hash_table_unref);
  g_clear_pointer (&import->cancelled, g_array_unref);
  g_clear_pointer (&import->blocks, g_ptr_array_unref);
  g_clear_pointer (&import->zone_texts, g_hash_table_unref);
  g_clear_pointer (&import->zones, g_hash_table_unref);
  g_clear_pointer (&import->notes, g_ptr_array_unref);
  g_free (import);
}

guint
closeness_ics_import_get_n_events (ClosenessIcsImport *import)
{
  return import->events->len;
}

guint
closeness_ics_import_get_n_skipped (ClosenessIcsImport *import,
                                    ClosenessIcsSkip    reason)
{
  g_return_val_if_fail (reason < CLOSENESS_ICS_N_SKIPS, 0);

  return import->skipped[reason];
}

void
_closeness_ics_info_from_imported (const ImportedEvent *event,
                    ClosenessEventInfo  *info)
{
  memset (info, 0, sizeof *info);
  info->uid = event->uid;
  info->recurrence_id = event->recurrence_id;
  info->summary = event->summary;
  info->dtstart = event->dtstart;
  info->tzid = event->tzid;
  info->duration_minutes = event->duration_minutes;
  info->rrule = event->rrule;
  info->exdates = event->exdates;
  info->planned_by = event->planned_by;
  info->notes = event->notes;
  info->ical_raw = event->ical_raw;
}

static gint64
find_deck (GListModel *decks,
           const char *wanted)
{
  guint n = g_list_model_get_n_items (decks);

  if (wanted == NULL)
    return 0;

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(ClosenessDeck) deck = g_list_model_get_item (decks, i);
        const char *value = pass == 0 ? closeness_deck_get_builtin_key (deck)
                                      : closeness_deck_get_name (deck);

        if (g_strcmp0 (value, wanted) == 0)
          return closeness_record_get_id (CLOSENESS_RECORD (deck));
      }

  return 0;
}

/**
 * closeness_ics_import_commit:
 *
 * Saves every event of @import in one store transaction: all or nothing.
 */
gboolean
closeness_ics_import_commit (ClosenessIcsImport  *import,
                             ClosenessStore      *store,
                             GError             **error)
{
  g_autoptr(GArray) infos = g_array_sized_new (FALSE, TRUE, sizeof (ClosenessEventInfo),
                                               import->events->len);
  g_autoptr(GArray) reminders = g_array_sized_new (FALSE, TRUE, sizeof (ClosenessEventReminders),
                                                   import->events->len);
  GListModel *decks;

  g_return_val_if_fail (import != NULL, FALSE);
  g_return_val_if_fail (CLOSENESS_IS_STORE (store), FALSE);

  decks = closeness_store_get_decks (store);

  /* The infos borrow the imported strings; they live as long as @import. */
  for (guint i = 0; i < import->events->len; i++)
    {
      ImportedEvent *event = &g_array_index (import->events, ImportedEvent, i);
      ClosenessEventReminders event_reminders = { event->reminders, event->n_reminders };
      ClosenessEventInfo info;

      _closeness_ics_info_from_imported (event, &info);
      info.deck_id = find_deck (decks, event->deck);
      g_array_append_val (infos, info);
      g_array_append_val (reminders, event_reminders);
    }

  /* The summary counts events as the file has them (a series with its
   * RDATEs and changed evenings is one), by uid. */
  {
    g_autoptr(GHashTable) existing = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
    GListModel *stored = closeness_store_get_events (store);

    for (guint i = 0; i < g_list_model_get_n_items (stored); i++)
      {
        g_autoptr(ClosenessEvent) event = g_list_model_get_item (stored, i);

        /* The uid strings live as long as the store's event list. */
        if (closeness_event_get_uid (event) != NULL)
          g_hash_table_add (existing, (gpointer) closeness_event_get_uid (event));
      }
    import->n_events_added = import->n_events_updated = 0;
    for (guint i = 0; i < import->events->len; i++)
      {
        const char *uid = g_array_index (import->events, ImportedEvent, i).uid;

        if (!g_hash_table_add (seen, (gpointer) uid))
          continue;
        if (g_hash_table_contains (existing, uid))
          import->n_events_updated++;
        else
          import->n_events_added++;
      }
  }

  /* One transaction, all or nothing. */
  if (!closeness_store_add_events (store,
                                   (const ClosenessEventInfo *) (gpointer) infos->data, infos->len,
                                   (const ClosenessEventReminders *) (gpointer) reminders->data,
                                   &import->n_added, &import->n_updated, error))
    return FALSE;

  import->committed = TRUE;

  return TRUE;
}

guint
closeness_ics_import_check_events (ClosenessIcsImport *import,
                                   gint64              from_utc,
                                   gint64              to_utc,
                                   guint               max_per_event)
{
  guint n_occurrences = 0;

  g_return_val_if_fail (import != NULL, 0);

  for (guint i = 0; i < import->events->len; i++)
    {
      ImportedEvent *event = &g_array_index (import->events, ImportedEvent, i);
      ClosenessEventReminders reminders = { event->reminders, event->n_reminders };
      ClosenessEventInfo info;
      g_autoptr(GArray) occurrences = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      _closeness_ics_info_from_imported (event, &info);

      if (!closeness_store_check_event (&info, &reminders, &error))
        g_error ("The importer accepted an event the store would refuse: %s", error->message);

      occurrences = closeness_recurrence_expand_full (event->dtstart, event->tzid,
                                                      event->duration_minutes, event->rrule,
                                                      event->exdates, from_utc, to_utc,
                                                      max_per_event, NULL);
      if (occurrences != NULL)
        n_occurrences += occurrences->len;

      text = closeness_ics_event_to_string (&info, event->reminders, event->n_reminders);
      g_assert (text != NULL);
    }

  return n_occurrences;
}

/* The events of the file: a series with its RDATEs and changed evenings is one. */
static guint
count_file_events (ClosenessIcsImport *import)
{
  g_autoptr(GHashTable) uids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < import->events->len; i++)
    g_hash_table_add (uids, g_array_index (import->events, ImportedEvent, i).uid);

  return g_hash_table_size (uids);
}

static void
append_skip (GString    *text,
             const char *line)
{
  g_string_append (text, text->len > 0 ? "; " : "");
  g_string_append (text, line);
}

/* "3 to-dos (VTODO)": @n components left out for @why. */
static char *
dup_skipped_text (ClosenessIcsSkip why,
                  guint            n)
{
  switch (why)
    {
    case CLOSENESS_ICS_SKIP_TODO:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u to-do (VTODO)",
                                           "%u to-dos (VTODO)", n), n);

    case CLOSENESS_ICS_SKIP_JOURNAL:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u journal entry (VJOURNAL)",
                                           "%u journal entries (VJOURNAL)", n), n);

    case CLOSENESS_ICS_SKIP_OTHER_COMPONENT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u other calendar entry",
                                           "%u other calendar entries", n), n);

    case CLOSENESS_ICS_SKIP_NO_START:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event without a start (DTSTART)",
                                           "%u events without a start (DTSTART)", n), n);

    case CLOSENESS_ICS_SKIP_OUT_OF_RANGE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u event with a date before 1900 or after 2200",
                                           "%u events with a date before 1900 or after 2200", n),
                              n);

    case CLOSENESS_ICS_SKIP_ENDS_BEFORE_START:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event that ends before it starts",
                                           "%u events that end before they start", n), n);

    case CLOSENESS_ICS_SKIP_TOO_LONG:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event longer than a year",
                                           "%u events longer than a year", n), n);

    case CLOSENESS_ICS_SKIP_BAD_RRULE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u event with a repeat rule Closeness cannot use",
                                           "%u events with a repeat rule Closeness cannot use", n),
                              n);

    case CLOSENESS_ICS_SKIP_CANCELLED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u canceled event",
                                           "%u canceled events", n), n);

    case CLOSENESS_ICS_SKIP_DUPLICATE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event that appears twice",
                                           "%u events that appear twice", n), n);

    case CLOSENESS_ICS_SKIP_LONG_PROPERTY:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u very long entry (such as an attachment)",
                                           "%u very long entries (such as attachments)", n), n);

    case CLOSENESS_ICS_N_SKIPS:
    default:
      g_assert_not_reached ();
    }
}

/**
 * closeness_ics_import_dup_summary:
 *
 * Returns: (transfer full): one line saying what was imported and what was
 *   left out, and why
 */
char *
closeness_ics_import_dup_summary (ClosenessIcsImport *import)
{
  g_autoptr(GString) skipped = g_string_new (NULL);
  g_autofree char *imported = NULL;
  g_autofree char *line = NULL;
  const char *note = NULL;

  for (ClosenessIcsSkip why = 0; why < CLOSENESS_ICS_N_SKIPS; why++)
    {
      g_autofree char *part = NULL;

      if (import->skipped[why] == 0)
        continue;
      part = dup_skipped_text (why, import->skipped[why]);
      append_skip (skipped, part);
    }

  if (import->committed && import->n_events_updated > 0)
    imported =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    "Imported %u event (%u already in the calendar, updated).",
                                    "Imported %u events (%u already in the calendar, updated).",
                                    import->n_events_added + import->n_events_updated),
                       import->n_events_added + import->n_events_updated, import->n_events_updated);
  else
    imported = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u event.",
                                             "Imported %u events.", count_file_events (import)),
                                count_file_events (import));

  if (skipped->len == 0)
    line = g_steal_pointer (&imported);
  else
    /* Translators: the first %s is "Imported 3 events.", the second a list of what was left out */
    line = g_strdup_printf (_("%s Skipped: %s."), imported, skipped->str);

  switch (import->encoding)
    {
    case FILE_ENCODING_UTF16:
      note = _("The file was in UTF-16 and was converted.");
      break;

    case FILE_ENCODING_WINDOWS_1252:
      note = _("The file was not UTF-8, so Closeness read it as Western European text "
               "(Windows-1252). If names look wrong, save the file as UTF-8 and import it again.");
      break;

    case FILE_ENCODING_UTF8:
    default:
      break;
    }

  if (import->notes->len > 0)
    {
      g_autoptr(GString) lost = g_string_new (NULL);
      g_autofree char *with_lost = NULL;

      for (guint i = 0; i < import->notes->len && i < MAX_NOTES; i++)
        append_skip (lost, g_ptr_array_index (import->notes, i));
      if (import->notes->len > MAX_NOTES)
        {
          guint more = import->notes->len - MAX_NOTES;
          g_autofree char *part =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more", "%u more", more), more);

          append_skip (lost, part);
        }
      /* Translators: the first %s is "Imported 3 events." (perhaps with what was skipped),
       * the second a list of what some events lost, each starting with the event's title */
      with_lost = g_strdup_printf (_("%s Not shown as in the file: %s."), line, lost->str);
      g_free (line);
      line = g_steal_pointer (&with_lost);
    }

  if (note == NULL)
    return g_steal_pointer (&line);

  return g_strconcat (line, " ", note, NULL);
}


/* Async parse */

static void
parse_file_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autofree char *contents = NULL;
  GError *error = NULL;
  ClosenessIcsImport *import;
  gsize length = 0;

  contents = _closeness_ics_load_file (file, &length, cancellable, &error);
  if (contents == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  import = closeness_ics_parse (contents, length, &error);
  if (import == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, import, (GDestroyNotify) closeness_ics_import_free);
}

void
closeness_ics_parse_file_async (GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, closeness_ics_parse_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, parse_file_thread);
}

ClosenessIcsImport *
closeness_ics_parse_file_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}


/* Command line */

int
closeness_ics_run_import (ClosenessStore *store,
                          const char     *path)
{
  g_autoptr(ClosenessIcsImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *summary = NULL;
  gsize length = 0;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), 1);

  if (path == NULL || path[0] == '\0')
    {
      g_printerr (_("Cannot import “%s”: the file does not exist.\n"), "");
      return 1;
    }

  file = g_file_new_for_path (path);
  contents = _closeness_ics_load_file (file, &length, NULL, &error);
  if (contents == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_printerr (_("Cannot import “%s”: the file does not exist.\n"), path);
      return 1;
    }

  if (contents == NULL ||
      (import = closeness_ics_parse (contents, length, &error)) == NULL ||
      !closeness_ics_import_commit (import, store, &error))
    {
      g_printerr (_("Cannot import “%s”: %s\n"), path, error->message);
      return 1;
    }

  summary = closeness_ics_import_dup_summary (import);
  g_print ("%s\n", summary);

  return 0;
}
