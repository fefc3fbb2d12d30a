/* closeness-ics-export.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The export: a VCALENDAR of the store's events with a VTIMEZONE for every
 * zone they use.
 */

#define G_LOG_DOMAIN "closeness-calendar"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libical/ical.h>
#include <string.h>

#include "closeness-ics-private.h"

int
_closeness_ics_planned_by_from_string (const char *value)
{
  if (g_strcmp0 (value, "partner-1") == 0)
    return CLOSENESS_PLANNED_BY_PARTNER_1;
  if (g_strcmp0 (value, "partner-2") == 0)
    return CLOSENESS_PLANNED_BY_PARTNER_2;
  if (g_strcmp0 (value, "both") == 0)
    return CLOSENESS_PLANNED_BY_BOTH;

  return CLOSENESS_PLANNED_BY_NOBODY;
}

const char *
_closeness_ics_planned_by_to_string (int planned_by)
{
  switch (planned_by)
    {
    case CLOSENESS_PLANNED_BY_PARTNER_1:
      return "partner-1";
    case CLOSENESS_PLANNED_BY_PARTNER_2:
      return "partner-2";
    case CLOSENESS_PLANNED_BY_BOTH:
      return "both";
    default:
      return NULL;
    }
}

/* Export */

static struct icaltimetype
icaltime_from_local (const char *local)
{
  struct icaltimetype t = icaltime_null_time ();

  if (local == NULL)
    return t;

  if (strlen (local) == 10)
    {
      sscanf (local, "%4d-%2d-%2d", &t.year, &t.month, &t.day);
      t.is_date = 1;
    }
  else
    sscanf (local, "%4d-%2d-%2dT%2d:%2d:%2d", &t.year, &t.month, &t.day,
            &t.hour, &t.minute, &t.second);

  return t;
}

/* DTSTART, EXDATE and RECURRENCE-ID share their form: TZID, UTC or floating. */
static void
add_time_property (icalcomponent *vevent,
                   icalproperty  *prop,
                   const char    *tzid,
                   gboolean       is_date)
{
  if (!is_date && tzid != NULL && tzid[0] != '\0' && g_strcmp0 (tzid, "UTC") != 0)
    icalproperty_add_parameter (prop, icalparameter_new_tzid (tzid));

  icalcomponent_add_property (vevent, prop);
}

static struct icaltimetype
zoned_time (const char *local,
            const char *tzid)
{
  struct icaltimetype t = icaltime_from_local (local);

  if (!t.is_date && g_strcmp0 (tzid, "UTC") == 0)
    t.zone = icaltimezone_get_utc_timezone ();

  return t;
}

static icalcomponent *
build_vevent (const ClosenessEventInfo *info,
              const int                *reminder_offsets,
              guint                     n_reminders,
              const char               *deck)
{
  icalcomponent *vevent = icalcomponent_new_vevent ();
  gboolean is_date = info->dtstart != NULL && strlen (info->dtstart) == 10;
  const char *planned_by = _closeness_ics_planned_by_to_string (info->planned_by);
  struct icaltimetype stamp = icaltime_from_timet_with_zone (time (NULL), 0,
                                                             icaltimezone_get_utc_timezone ());

  if (info->uid != NULL)
    icalcomponent_set_uid (vevent, info->uid);
  icalcomponent_add_property (vevent, icalproperty_new_dtstamp (stamp));
  add_time_property (vevent, icalproperty_new_dtstart (zoned_time (info->dtstart, info->tzid)),
                     info->tzid, is_date);
  if (info->recurrence_id != NULL && info->recurrence_id[0] != '\0')
    add_time_property (vevent,
                       icalproperty_new_recurrenceid (zoned_time (info->recurrence_id, info->tzid)),
                       info->tzid, is_date);
  icalcomponent_add_property (vevent, icalproperty_new_duration (
                                        icaldurationtype_from_int (info->duration_minutes * 60)));

  if (info->rrule != NULL && info->rrule[0] != '\0')
    {
      struct icalrecurrencetype rule = icalrecurrencetype_from_string (info->rrule);

      icalerror_clear_errno ();
      if (rule.freq != ICAL_NO_RECURRENCE)
        icalcomponent_add_property (vevent, icalproperty_new_rrule (rule));
    }

  if (info->exdates != NULL && info->exdates[0] != '\0')
    {
      g_auto(GStrv) exdates = g_strsplit (info->exdates, ",", -1);

      for (guint i = 0; exdates[i] != NULL; i++)
        if (exdates[i][0] != '\0')
          add_time_property (vevent,
                             icalproperty_new_exdate (zoned_time (exdates[i], info->tzid)),
                             info->tzid, is_date);
    }

  icalcomponent_set_summary (vevent, info->summary != NULL ? info->summary : "");
  if (info->notes != NULL && info->notes[0] != '\0')
    icalcomponent_add_property (vevent, icalproperty_new_description (info->notes));

  if (planned_by != NULL)
    {
      icalproperty *prop = icalproperty_new_x (planned_by);

      icalproperty_set_x_name (prop, "X-CLOSENESS-PLANNED-BY");
      icalcomponent_add_property (vevent, prop);
    }

  if (deck != NULL && deck[0] != '\0')
    {
      icalproperty *prop = icalproperty_new_x (deck);

      icalproperty_set_x_name (prop, "X-CLOSENESS-DECK");
      icalcomponent_add_property (vevent, prop);
    }

  for (guint i = 0; i < n_reminders; i++)
    {
      icalcomponent *alarm = icalcomponent_new_valarm ();
      struct icaltriggertype trigger = { icaltime_null_time (),
                                         icaldurationtype_from_int (-reminder_offsets[i] * 60) };

      icalcomponent_add_property (alarm, icalproperty_new_action (ICAL_ACTION_DISPLAY));
      icalcomponent_add_property (alarm, icalproperty_new_trigger (trigger));
      icalcomponent_add_property (alarm, icalproperty_new_description (
                                           info->summary != NULL ? info->summary : ""));
      icalcomponent_add_component (vevent, alarm);
    }

  return vevent;
}

char *
closeness_ics_event_to_string (const ClosenessEventInfo *info,
                               const int                *reminder_offsets,
                               guint                     n_reminders)
{
  icalcomponent *vevent;
  char *text;

  g_return_val_if_fail (info != NULL, NULL);

  vevent = build_vevent (info, reminder_offsets, n_reminders, NULL);
  text = icalcomponent_as_ical_string_r (vevent);
  icalcomponent_free (vevent);

  return text;
}



static const char *
deck_key_for (GListModel *decks,
              gint64      deck_id)
{
  guint n = g_list_model_get_n_items (decks);

  if (deck_id <= 0)
    return NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessDeck) deck = g_list_model_get_item (decks, i);

      if (closeness_record_get_id (CLOSENESS_RECORD (deck)) == deck_id)
        {
          const char *key = closeness_deck_get_builtin_key (deck);

          /* The strings live as long as the store's deck list. */
          return key != NULL && key[0] != '\0' ? key : closeness_deck_get_name (deck);
        }
    }

  return NULL;
}

/* The stored components of one uid (a series and its edited
 * occurrences) read again as an import reads them: the base the export
 * compares the events with. NULL when none has a stored component. */
static ClosenessIcsImport *
read_stored (GPtrArray *group)
{
  g_autoptr(GString) text = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
  gboolean any = FALSE;

  for (guint i = 0; i < group->len; i++)
    {
      const char *raw = closeness_event_get_ical_raw (g_ptr_array_index (group, i));

      if (raw == NULL || raw[0] == '\0')
        continue;
      g_string_append (text, raw);
      any = TRUE;
    }
  g_string_append (text, "END:VCALENDAR\r\n");

  return any ? closeness_ics_parse (text->str, text->len, NULL) : NULL;
}

static const ImportedEvent *
find_stored (ClosenessIcsImport *base,
             const char         *recurrence_id)
{
  if (base == NULL)
    return NULL;

  for (guint i = 0; i < base->events->len; i++)
    {
      const ImportedEvent *event = &g_array_index (base->events, ImportedEvent, i);

      if (g_strcmp0 (event->recurrence_id != NULL ? event->recurrence_id : "",
                     recurrence_id != NULL ? recurrence_id : "") == 0)
        return event;
    }

  return NULL;
}

/* Adds a VTIMEZONE for every TZID= in @text the export has none for yet. */
static void
add_zones_of (icalcomponent *zones,
              GHashTable    *done,
              const char    *text)
{
  for (const char *p = strstr (text, ";TZID="); p != NULL; p = strstr (p + 1, ";TZID="))
    {
      g_autofree char *tzid = NULL;
      const char *value = p + 6;

      if (*value == '"')
        {
          const char *end = strchr (value + 1, '"');

          if (end == NULL)
            continue;
          tzid = g_strndup (value + 1, end - value - 1);
        }
      else
        tzid = g_strndup (value, strcspn (value, ";:\r\n"));

      _closeness_ics_add_vtimezone (zones, done, tzid);
    }
}

/* Writes a stored component with what changed patched in, the cancelled
 * occurrences stored with it, and the file's own VTIMEZONEs it needs. */
static void
write_stored (GString                  *out_events,
              GString                  *out_zones,
              icalcomponent            *zones,
              GHashTable               *zones_done,
              const char               *raw,
              const ImportedEvent      *stored,
              guint                     fields,
              const ClosenessEventInfo *info,
              icalcomponent            *built)
{
  g_autofree char *wrapped = g_strconcat ("BEGIN:VCALENDAR\r\n", raw, "END:VCALENDAR\r\n", NULL);
  g_autoptr(GPtrArray) blocks = _closeness_ics_split_blocks (wrapped);
  gboolean own_done = FALSE;

  for (guint i = 0; i < blocks->len; i++)
    {
      IcsBlock *block = g_ptr_array_index (blocks, i);

      if (g_strcmp0 (block->name, "VTIMEZONE") == 0)
        {
          icalcomponent *zone = icalcomponent_new_from_string (block->text);
          icalproperty *prop =
            zone != NULL ? icalcomponent_get_first_property (zone, ICAL_TZID_PROPERTY) : NULL;
          const char *tzid = prop != NULL ? icalproperty_get_tzid (prop) : NULL;

          if (tzid != NULL && !g_hash_table_contains (zones_done, tzid))
            {
              g_hash_table_add (zones_done, g_strdup (tzid));
              g_string_append (out_zones, block->text);
            }
          g_clear_pointer (&zone, icalcomponent_free);
        }
      else if (g_strcmp0 (block->name, "VEVENT") == 0 && !own_done)
        {
          g_autofree char *text = fields != 0 ? _closeness_ics_patch_event (block->text, stored,
                                                                            fields, info, built)
                                              : g_strdup (block->text);

          add_zones_of (zones, zones_done, text);
          g_string_append (out_events, text);
          own_done = TRUE;
        }
      else if (g_strcmp0 (block->name, "VEVENT") == 0)
        g_string_append (out_events, block->text);
    }
  icalerror_clear_errno ();
}

/**
 * closeness_ics_export:
 *
 * Returns: (transfer full): a VCALENDAR with a VTIMEZONE for every zone the
 *   events use, or %NULL when @event_id is not in the store
 */
char *
closeness_ics_export (ClosenessStore  *store,
                      gint64           event_id,
                      guint           *n_events,
                      GError         **error)
{
  GListModel *events = closeness_store_get_events (store);
  GListModel *reminders = closeness_store_get_reminders (store);
  GListModel *decks = closeness_store_get_decks (store);
  g_autoptr(GHashTable) offsets = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) zones_done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GString) out_zones = g_string_new (NULL);
  g_autoptr(GString) out_events = g_string_new (NULL);
  g_autofree char *wanted_uid = NULL;
  icalcomponent *zones;
  guint n_items = g_list_model_get_n_items (events);
  guint count = 0;
  GString *out;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (reminders); i++)
    {
      g_autoptr(ClosenessReminder) reminder = g_list_model_get_item (reminders, i);
      gint64 id = closeness_reminder_get_event_id (reminder);
      int offset = closeness_reminder_get_offset_minutes (reminder);
      GArray *list;

      if (id <= 0)
        continue;

      list = g_hash_table_lookup (offsets, &id);
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (int));
          g_hash_table_insert (offsets, g_memdup2 (&id, sizeof id), list);
        }
      if (list->len < CLOSENESS_STORE_MAX_EVENT_REMINDERS)
        g_array_append_val (list, offset);
    }

  if (event_id > 0)
    {
      for (guint i = 0; i < n_items && wanted_uid == NULL; i++)
        {
          g_autoptr(ClosenessEvent) event = g_list_model_get_item (events, i);

          if (closeness_record_get_id (CLOSENESS_RECORD (event)) == event_id)
            wanted_uid = g_strdup (closeness_event_get_uid (event));
        }

      if (wanted_uid == NULL)
        {
          g_set_error_literal (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_NOT_FOUND,
                               _("The event no longer exists."));
          return NULL;
        }
    }

  /* A series and its edited occurrences share their uid: they are read
   * back together, as an import would. */
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(ClosenessEvent) event = g_list_model_get_item (events, i);
      const char *uid = closeness_event_get_uid (event);
      GPtrArray *group;

      if (wanted_uid != NULL && g_strcmp0 (uid, wanted_uid) != 0)
        continue;

      group = g_hash_table_lookup (groups, uid != NULL ? uid : "");
      if (group == NULL)
        {
          group = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (groups, g_strdup (uid != NULL ? uid : ""), group);
          g_ptr_array_add (order, group);
        }
      g_ptr_array_add (group, g_object_ref (event));
    }

  zones = icalcomponent_new_vcalendar ();
  for (guint g = 0; g < order->len; g++)
    {
      GPtrArray *group = g_ptr_array_index (order, g);
      g_autoptr(ClosenessIcsImport) base = read_stored (group);

      for (guint i = 0; i < group->len; i++)
        {
          ClosenessEvent *event = g_ptr_array_index (group, i);
          gint64 id = closeness_record_get_id (CLOSENESS_RECORD (event));
          GArray *list = g_hash_table_lookup (offsets, &id);
          const int *offset_list = list != NULL ? (int *) list->data : NULL;
          guint n_offsets = list != NULL ? list->len : 0;
          const char *deck = deck_key_for (decks, closeness_event_get_deck_id (event));
          const char *raw = closeness_event_get_ical_raw (event);
          const ImportedEvent *stored;
          ClosenessEventInfo info = { 0, };
          icalcomponent *built;

          info.uid = closeness_event_get_uid (event);
          info.recurrence_id = closeness_event_get_recurrence_id (event);
          info.summary = closeness_event_get_summary (event);
          info.dtstart = closeness_event_get_dtstart (event);
          info.tzid = closeness_event_get_tzid (event);
          info.duration_minutes = closeness_event_get_duration_minutes (event);
          info.rrule = closeness_event_get_rrule (event);
          info.exdates = closeness_event_get_exdates (event);
          info.planned_by = closeness_event_get_planned_by (event);
          info.notes = closeness_event_get_notes (event);
          count++;

          stored = find_stored (base, info.recurrence_id);
          built = build_vevent (&info, offset_list, n_offsets, deck);

          if (raw != NULL && raw[0] != '\0' && stored != NULL)
            {
              guint fields =
                _closeness_ics_event_differs (stored, &info, offset_list, n_offsets, deck);

              write_stored (out_events, out_zones, zones, zones_done, raw, stored, fields, &info,
                            built);
            }
          else if (raw == NULL && stored != NULL && info.recurrence_id != NULL &&
                   _closeness_ics_event_differs (stored, &info, offset_list, n_offsets, deck) == 0)
            {
              /* An occurrence its series makes (an RDATE, a change to all
               * later evenings): written by the series. */
            }
          else
            {
              g_autofree char *text = icalcomponent_as_ical_string_r (built);

              g_string_append (out_events, text);
              _closeness_ics_add_vtimezone (zones, zones_done, info.tzid);
            }
          icalcomponent_free (built);
        }
    }

  out =
    g_string_new ("BEGIN:VCALENDAR\r\nPRODID:" PRODID "\r\nVERSION:2.0\r\nCALSCALE:GREGORIAN\r\n");
  g_string_append (out, out_zones->str);
  for (icalcomponent *zone = icalcomponent_get_first_component (zones, ICAL_VTIMEZONE_COMPONENT);
       zone != NULL;
       zone = icalcomponent_get_next_component (zones, ICAL_VTIMEZONE_COMPONENT))
    {
      g_autofree char *text = icalcomponent_as_ical_string_r (zone);

      g_string_append (out, text);
    }
  g_string_append (out, out_events->str);
  g_string_append (out, "END:VCALENDAR\r\n");
  icalcomponent_free (zones);
  icalerror_clear_errno ();

  if (n_events != NULL)
    *n_events = count;

  return g_string_free (out, FALSE);
}

/**
 * closeness_ics_export_to_file:
 *
 * Writes the export atomically, readable by the owner only (0600).
 */
gboolean
closeness_ics_export_to_file (ClosenessStore  *store,
                              gint64           event_id,
                              const char      *path,
                              guint           *n_events,
                              GError         **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  text = closeness_ics_export (store, event_id, n_events, error);
  if (text == NULL)
    return FALSE;

  if (!g_file_set_contents_full (path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, CLOSENESS_ICS_ERROR, CLOSENESS_ICS_ERROR_FAILED,
                   _("The calendar could not be saved: %s"), local_error->message);
      return FALSE;
    }

  /* An existing file keeps its mode on some file systems: make sure. */
  if (g_chmod (path, 0600) != 0)
    g_debug ("Could not restrict the mode of an exported calendar");

  return TRUE;
}


int
closeness_ics_run_export (ClosenessStore *store,
                          const char     *path)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), 1);

  if (path == NULL || path[0] == '\0')
    {
      g_printerr ("%s\n", _("Cannot export: no file name given."));
      return 1;
    }

  if (!closeness_ics_export_to_file (store, 0, path, &n, &error))
    {
      g_printerr (_("Cannot export to “%s”: %s\n"), path, error->message);
      return 1;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE, "Exported %u event to “%s”.\n",
                        "Exported %u events to “%s”.\n", n), n, path);

  return 0;
}
