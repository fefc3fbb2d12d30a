/* closeness-ics-patch.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The stored component is the source of truth for everything Closeness
 * does not model. An export reads it again as an import would (the base),
 * compares the base with the event as the store has it now, and rewrites
 * only the lines of the properties that differ; every other line, with
 * its parameters, order and folding, is written back as the file had it.
 */

#define G_LOG_DOMAIN "closeness-calendar"

#include "config.h"

#include <libical/ical.h>
#include <string.h>

#include "closeness-ics-private.h"
#include "closeness-recurrence.h"

/* A property's logical line (with its continuation lines) or a whole
 * nested component, as written. */
typedef struct
{
  char     *name;       /* the property name, or the component's ("VALARM") */
  gboolean  component;
  char     *text;       /* CRLF-terminated */
} Item;

static void
item_free (Item *item)
{
  g_free (item->name);
  g_free (item->text);
  g_free (item);
}

static Item *
item_new (const char *name,
          gboolean    component,
          char       *text)
{
  Item *item = g_new0 (Item, 1);

  item->name = g_ascii_strup (name, -1);
  item->component = component;
  item->text = text;

  return item;
}

/* The items between BEGIN:VEVENT and END:VEVENT of @block. */
static GPtrArray *
split_items (const char *block)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  g_auto(GStrv) lines = g_strsplit (block, "\r\n", -1);
  guint n = g_strv_length (lines);
  GString *current = NULL;
  g_autofree char *current_name = NULL;
  gboolean in_component = FALSE;
  guint depth = 0;

  /* The first line is BEGIN:VEVENT, the last two END:VEVENT and "". */
  for (guint i = 1; i + 2 < n; i++)
    {
      const char *line = lines[i];
      gboolean continuation = line[0] == ' ' || line[0] == '\t';

      if (depth > 0)
        {
          g_string_append_printf (current, "%s\r\n", line);
          if (g_ascii_strncasecmp (line, "BEGIN:", 6) == 0)
            depth++;
          else if (g_ascii_strncasecmp (line, "END:", 4) == 0 && --depth == 0)
            {
              g_ptr_array_add (items, item_new (current_name, TRUE,
                                                g_string_free (g_steal_pointer (&current), FALSE)));
              g_clear_pointer (&current_name, g_free);
            }
          continue;
        }

      if (continuation && current != NULL)
        {
          g_string_append_printf (current, "%s\r\n", line);
          continue;
        }

      if (current != NULL)
        {
          g_ptr_array_add (items, item_new (current_name, in_component,
                                            g_string_free (g_steal_pointer (&current), FALSE)));
          g_clear_pointer (&current_name, g_free);
        }

      current = g_string_new (NULL);
      g_string_append_printf (current, "%s\r\n", line);
      in_component = g_ascii_strncasecmp (line, "BEGIN:", 6) == 0;
      if (in_component)
        {
          current_name = g_strdup (line + 6);
          depth = 1;
        }
      else
        current_name = g_strndup (line, strcspn (line, ";:"));
    }

  if (current != NULL)
    g_ptr_array_add (items, item_new (current_name, in_component,
                                      g_string_free (current, FALSE)));

  return items;
}

static gboolean
has_property (GPtrArray  *items,
              const char *name)
{
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = g_ptr_array_index (items, i);

      if (!item->component && g_strcmp0 (item->name, name) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Puts @text (NULL: nothing) where the first @name property was, and
 * removes every other @name property; a new property goes last. */
static void
set_property (GPtrArray  *items,
              const char *name,
              char       *text)
{
  guint at = G_MAXUINT;

  for (guint i = items->len; i > 0; i--)
    {
      Item *item = g_ptr_array_index (items, i - 1);

      if (!item->component && g_strcmp0 (item->name, name) == 0)
        {
          g_ptr_array_remove_index (items, i - 1);
          at = i - 1;
        }
    }

  if (text == NULL)
    return;
  if (at == G_MAXUINT)
    {
      /* Before the first nested component (alarms come last by habit). */
      for (at = 0; at < items->len; at++)
        if (((Item *) g_ptr_array_index (items, at))->component)
          break;
    }
  g_ptr_array_insert (items, at, item_new (name, FALSE, text));
}

/* Every property of @kind in @built, as libical writes it. */
static char *
built_text (icalcomponent     *built,
            icalproperty_kind  kind)
{
  GString *text = NULL;

  for (icalproperty *prop = icalcomponent_get_first_property (built, kind);
       prop != NULL;
       prop = icalcomponent_get_next_property (built, kind))
    {
      g_autofree char *line = icalproperty_as_ical_string_r (prop);

      if (text == NULL)
        text = g_string_new (NULL);
      g_string_append (text, line);
    }

  return text != NULL ? g_string_free (text, FALSE) : NULL;
}

static gboolean
text_equal (const char *a,
            const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static gboolean
rrule_equal (const char *a,
             const char *b)
{
  struct icalrecurrencetype ra, rb;
  g_autofree char *na = NULL;
  g_autofree char *nb = NULL;

  if (text_equal (a, b))
    return TRUE;
  if (a == NULL || b == NULL || a[0] == '\0' || b[0] == '\0')
    return FALSE;

  ra = icalrecurrencetype_from_string (a);
  rb = icalrecurrencetype_from_string (b);
  icalerror_clear_errno ();
  na = icalrecurrencetype_as_string_r (&ra);
  nb = icalrecurrencetype_as_string_r (&rb);

  return g_strcmp0 (na, nb) == 0;
}

/* Whether every date of the comma-separated list @a is in @b. */
static gboolean
dates_within (const char *a,
              const char *b)
{
  g_auto(GStrv) dates = g_strsplit (a != NULL ? a : "", ",", -1);

  for (guint i = 0; dates[i] != NULL; i++)
    if (dates[i][0] != '\0' && !closeness_recurrence_has_exdate (b, dates[i]))
      return FALSE;

  return TRUE;
}

static gboolean
reminders_equal (const ImportedEvent *base,
                 const int           *reminders,
                 guint                n_reminders)
{
  if (base->n_reminders != n_reminders)
    return FALSE;
  for (guint i = 0; i < n_reminders; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < base->n_reminders; j++)
        found |= base->reminders[j] == reminders[i];
      if (!found)
        return FALSE;
    }

  return TRUE;
}

/**
 * _closeness_ics_event_differs:
 *
 * Returns: what of @row differs from @base, as IcsField flags (0: nothing)
 */
guint
_closeness_ics_event_differs (const ImportedEvent      *base,
                              const ClosenessEventInfo *row,
                              const int                *reminders,
                              guint                     n_reminders,
                              const char               *deck)
{
  guint fields = 0;

  if (!text_equal (base->summary, row->summary))
    fields |= ICS_FIELD_SUMMARY;
  if (!text_equal (base->dtstart, row->dtstart) || !text_equal (base->tzid, row->tzid))
    fields |= ICS_FIELD_START;
  if (base->duration_minutes != row->duration_minutes)
    fields |= ICS_FIELD_DURATION;
  if (!text_equal (base->recurrence_id, row->recurrence_id))
    fields |= ICS_FIELD_RECURRENCE_ID;
  if (!rrule_equal (base->rrule, row->rrule))
    fields |= ICS_FIELD_RRULE;
  if (!dates_within (base->exdates, row->exdates) || !dates_within (row->exdates, base->exdates))
    fields |= ICS_FIELD_EXDATES;
  if (!text_equal (base->notes, row->notes))
    fields |= ICS_FIELD_NOTES;
  if (base->planned_by != (int) row->planned_by)
    fields |= ICS_FIELD_PLANNED_BY;
  if (!text_equal (base->deck, deck))
    fields |= ICS_FIELD_DECK;
  if (!reminders_equal (base, reminders, n_reminders))
    fields |= ICS_FIELD_REMINDERS;

  return fields;
}

/* DTEND for @row in the zone DTSTART has, as the file wrote an end. */
static char *
dtend_text (const ClosenessEventInfo *row)
{
  gboolean is_date = row->dtstart != NULL && strlen (row->dtstart) == 10;
  g_autofree char *end = NULL;
  g_autofree char *line = NULL;
  struct icaltimetype t = icaltime_null_time ();
  icalproperty *prop;
  gint64 start_utc;

  if (is_date)
    {
      if (!closeness_recurrence_local_to_utc (row->dtstart, "UTC", &start_utc))
        return NULL;
      end = closeness_recurrence_utc_to_local (start_utc + (gint64) row->duration_minutes * 60,
                                               "UTC", TRUE);
    }
  else
    {
      if (!closeness_recurrence_local_to_utc (row->dtstart, row->tzid, &start_utc))
        return NULL;
      end = closeness_recurrence_utc_to_local (start_utc + (gint64) row->duration_minutes * 60,
                                               row->tzid, FALSE);
    }
  if (end == NULL)
    return NULL;

  if (is_date)
    {
      sscanf (end, "%4d-%2d-%2d", &t.year, &t.month, &t.day);
      t.is_date = 1;
    }
  else
    sscanf (end, "%4d-%2d-%2dT%2d:%2d:%2d", &t.year, &t.month, &t.day,
            &t.hour, &t.minute, &t.second);
  if (!is_date && g_strcmp0 (row->tzid, "UTC") == 0)
    t.zone = icaltimezone_get_utc_timezone ();

  prop = icalproperty_new_dtend (t);
  if (!is_date && row->tzid != NULL && row->tzid[0] != '\0' && g_strcmp0 (row->tzid, "UTC") != 0)
    icalproperty_add_parameter (prop, icalparameter_new_tzid (row->tzid));
  line = icalproperty_as_ical_string_r (prop);
  icalproperty_free (prop);

  return g_steal_pointer (&line);
}

static char *
stamp_text (icalproperty_kind kind)
{
  struct icaltimetype now = icaltime_from_timet_with_zone (time (NULL), 0,
                                                          icaltimezone_get_utc_timezone ());
  icalproperty *prop = kind == ICAL_DTSTAMP_PROPERTY ? icalproperty_new_dtstamp (now)
                                                     : icalproperty_new_lastmodified (now);
  char *text = icalproperty_as_ical_string_r (prop);

  icalproperty_free (prop);

  return text;
}

/**
 * _closeness_ics_patch_event:
 * @block: the VEVENT as stored
 * @base: what an import reads from @block
 * @fields: what differs, from _closeness_ics_event_differs()
 * @built: the event as Closeness would write it now
 *
 * Returns: (transfer full): @block with the lines of @fields rewritten from
 *   @built, SEQUENCE raised and DTSTAMP renewed
 */
char *
_closeness_ics_patch_event (const char               *block,
                            const ImportedEvent      *base,
                            guint                     fields,
                            const ClosenessEventInfo *row,
                            icalcomponent            *built)
{
  g_autoptr(GPtrArray) items = split_items (block);
  GString *out;

  if (fields & ICS_FIELD_SUMMARY)
    set_property (items, "SUMMARY", built_text (built, ICAL_SUMMARY_PROPERTY));
  if (fields & ICS_FIELD_START)
    set_property (items, "DTSTART", built_text (built, ICAL_DTSTART_PROPERTY));
  if (fields & (ICS_FIELD_START | ICS_FIELD_DURATION))
    {
      if (has_property (items, "DTEND"))
        set_property (items, "DTEND", dtend_text (row));
      else if (has_property (items, "DURATION") || (fields & ICS_FIELD_DURATION))
        set_property (items, "DURATION", built_text (built, ICAL_DURATION_PROPERTY));
    }
  if (fields & ICS_FIELD_RECURRENCE_ID)
    set_property (items, "RECURRENCE-ID", built_text (built, ICAL_RECURRENCEID_PROPERTY));
  if (fields & ICS_FIELD_RRULE)
    set_property (items, "RRULE", built_text (built, ICAL_RRULE_PROPERTY));
  if (fields & ICS_FIELD_EXDATES)
    set_property (items, "EXDATE", built_text (built, ICAL_EXDATE_PROPERTY));
  if (fields & ICS_FIELD_NOTES)
    set_property (items, "DESCRIPTION", built_text (built, ICAL_DESCRIPTION_PROPERTY));

  for (icalproperty *prop = icalcomponent_get_first_property (built, ICAL_X_PROPERTY);
       prop != NULL;
       prop = icalcomponent_get_next_property (built, ICAL_X_PROPERTY))
    {
      const char *name = icalproperty_get_x_name (prop);

      if (((fields & ICS_FIELD_PLANNED_BY) && g_strcmp0 (name, "X-CLOSENESS-PLANNED-BY") == 0) ||
          ((fields & ICS_FIELD_DECK) && g_strcmp0 (name, "X-CLOSENESS-DECK") == 0))
        set_property (items, name, icalproperty_as_ical_string_r (prop));
    }
  if ((fields & ICS_FIELD_PLANNED_BY) && row->planned_by == CLOSENESS_PLANNED_BY_NOBODY)
    set_property (items, "X-CLOSENESS-PLANNED-BY", NULL);

  if (fields & ICS_FIELD_REMINDERS)
    {
      g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (int));
      gint64 start_utc = 0;

      closeness_recurrence_local_to_utc (base->dtstart, base->tzid, &start_utc);

      /* Alarms Closeness cannot show stay as they are; of the others,
       * those the event no longer has go. */
      for (guint i = items->len; i > 0; i--)
        {
          Item *item = g_ptr_array_index (items, i - 1);
          icalcomponent *alarm;
          int offset;
          gboolean wanted = FALSE;

          if (!item->component || g_strcmp0 (item->name, "VALARM") != 0)
            continue;
          alarm = icalcomponent_new_from_string (item->text);
          icalerror_clear_errno ();
          if (alarm == NULL)
            continue;
          offset = _closeness_ics_alarm_offset (alarm, start_utc, base->duration_minutes);
          icalcomponent_free (alarm);
          if (offset < 0)
            continue;

          for (icalcomponent *mine =
                 icalcomponent_get_first_component (built, ICAL_VALARM_COMPONENT);
               mine != NULL;
               mine = icalcomponent_get_next_component (built, ICAL_VALARM_COMPONENT))
            wanted |=
              _closeness_ics_alarm_offset (mine, start_utc, base->duration_minutes) == offset;
          if (wanted)
            g_array_append_val (kept, offset);
          else
            g_ptr_array_remove_index (items, i - 1);
        }

      for (icalcomponent *mine = icalcomponent_get_first_component (built, ICAL_VALARM_COMPONENT);
           mine != NULL;
           mine = icalcomponent_get_next_component (built, ICAL_VALARM_COMPONENT))
        {
          int offset = _closeness_ics_alarm_offset (mine, start_utc, base->duration_minutes);
          gboolean present = FALSE;

          for (guint i = 0; i < kept->len; i++)
            present |= g_array_index (kept, int, i) == offset;
          if (!present)
            g_ptr_array_add (items,
                             item_new ("VALARM", TRUE, icalcomponent_as_ical_string_r (mine)));
        }
    }

  if (fields != 0)
    {
      set_property (items, "SEQUENCE", g_strdup_printf ("SEQUENCE:%d\r\n", base->sequence + 1));
      set_property (items, "DTSTAMP", stamp_text (ICAL_DTSTAMP_PROPERTY));
      if (has_property (items, "LAST-MODIFIED"))
        set_property (items, "LAST-MODIFIED", stamp_text (ICAL_LASTMODIFIED_PROPERTY));
    }
  icalerror_clear_errno ();

  out = g_string_new (NULL);
  g_string_append_len (out, block, strcspn (block, "\r\n"));
  g_string_append (out, "\r\n");
  for (guint i = 0; i < items->len; i++)
    g_string_append (out, ((Item *) g_ptr_array_index (items, i))->text);
  g_string_append (out, "END:VEVENT\r\n");

  return g_string_free (out, FALSE);
}
