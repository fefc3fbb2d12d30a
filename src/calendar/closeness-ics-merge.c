/* closeness-ics-merge.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When the server refuses a change (412: someone else changed the evening
 * first), the three copies are merged property by property: what only one
 * side changed since the copy both last agreed on (the base) is kept from
 * that side; what both changed goes to the newer one (the higher SEQUENCE,
 * the server's when equal) and is counted, so the person can be told.
 * Nothing either side changed alone is ever lost. The result keeps the
 * server's components as the source of truth for everything Closeness does
 * not model (other programs' properties stay).
 */

#define G_LOG_DOMAIN "closeness-calendar"

#include "config.h"

#include <libical/ical.h>
#include <string.h>

#include "closeness-ics-private.h"

static const ImportedEvent *
find_rid (ClosenessIcsImport *import,
          const char         *recurrence_id)
{
  if (import == NULL)
    return NULL;

  for (guint i = 0; i < import->events->len; i++)
    {
      const ImportedEvent *event = &g_array_index (import->events, ImportedEvent, i);

      if (g_strcmp0 (event->recurrence_id != NULL ? event->recurrence_id : "",
                     recurrence_id != NULL ? recurrence_id : "") == 0)
        return event;
    }

  return NULL;
}

/* What of @b differs from @a, as IcsField flags. */
static guint
differs (const ImportedEvent *a,
         const ImportedEvent *b)
{
  ClosenessEventInfo info;

  _closeness_ics_info_from_imported (b, &info);

  return _closeness_ics_event_differs (a, &info, b->reminders, b->n_reminders, b->deck);
}

static void
take_string (char       **to,
             const char  *from)
{
  g_free (*to);
  *to = g_strdup (from);
}

/* Copies the @fields of @from into @to. */
static void
copy_fields (ImportedEvent       *to,
             const ImportedEvent *from,
             guint                fields)
{
  if (fields & ICS_FIELD_SUMMARY)
    take_string (&to->summary, from->summary);
  if (fields & ICS_FIELD_START)
    {
      take_string (&to->dtstart, from->dtstart);
      take_string (&to->tzid, from->tzid);
    }
  if (fields & ICS_FIELD_DURATION)
    to->duration_minutes = from->duration_minutes;
  if (fields & ICS_FIELD_RRULE)
    take_string (&to->rrule, from->rrule);
  if (fields & ICS_FIELD_EXDATES)
    take_string (&to->exdates, from->exdates);
  if (fields & ICS_FIELD_NOTES)
    take_string (&to->notes, from->notes);
  if (fields & ICS_FIELD_PLANNED_BY)
    to->planned_by = from->planned_by;
  if (fields & ICS_FIELD_DECK)
    take_string (&to->deck, from->deck);
  if (fields & ICS_FIELD_REMINDERS)
    {
      memcpy (to->reminders, from->reminders, sizeof to->reminders);
      to->n_reminders = from->n_reminders;
    }
}

static ImportedEvent
copy_event (const ImportedEvent *from)
{
  ImportedEvent event = { 0, };

  event.uid = g_strdup (from->uid);
  event.recurrence_id = g_strdup (from->recurrence_id);
  event.summary = g_strdup (from->summary);
  event.dtstart = g_strdup (from->dtstart);
  event.tzid = g_strdup (from->tzid);
  event.duration_minutes = from->duration_minutes;
  event.rrule = g_strdup (from->rrule);
  event.exdates = g_strdup (from->exdates);
  event.planned_by = from->planned_by;
  event.deck = g_strdup (from->deck);
  event.notes = g_strdup (from->notes);
  event.ical_raw = g_strdup (from->ical_raw);
  memcpy (event.reminders, from->reminders, sizeof event.reminders);
  event.n_reminders = from->n_reminders;
  event.sequence = from->sequence;

  return event;
}

/**
 * closeness_ics_merge:
 * @base: (nullable): the evening as both sides last agreed on
 * @ours: the evening as it is here
 * @theirs: the evening as the server has it now
 * @n_conflicts: (out): properties both sides changed
 *
 * Returns: (transfer full): the merged evening, to commit like an import,
 *   or %NULL with @error set when @theirs cannot be read
 */
ClosenessIcsImport *
closeness_ics_merge (const char  *base,
                     const char  *ours,
                     const char  *theirs,
                     guint       *n_conflicts,
                     GError     **error)
{
  g_autoptr(ClosenessIcsImport) merged = NULL;
  g_autoptr(ClosenessIcsImport) mine = NULL;
  g_autoptr(ClosenessIcsImport) agreed = NULL;
  guint conflicts = 0;

  g_return_val_if_fail (ours != NULL && theirs != NULL, NULL);

  merged = closeness_ics_parse (theirs, strlen (theirs), error);
  if (merged == NULL)
    return NULL;
  mine = closeness_ics_parse (ours, strlen (ours), NULL);
  if (base != NULL && base[0] != '\0')
    agreed = closeness_ics_parse (base, strlen (base), NULL);

  for (guint i = 0; mine != NULL && i < mine->events->len; i++)
    {
      const ImportedEvent *my = &g_array_index (mine->events, ImportedEvent, i);
      const ImportedEvent *was = find_rid (agreed, my->recurrence_id);
      ImportedEvent *their = (ImportedEvent *) find_rid (merged, my->recurrence_id);
      guint mine_changed, theirs_changed, both;

      if (their == NULL)
        {
          /* New here (an evening changed alone), or removed there: a
           * removal there of something unchanged here stays removed. */
          if (was == NULL || differs (was, my) != 0)
            {
              ImportedEvent copy = copy_event (my);

              g_array_append_val (merged->events, copy);
            }
          continue;
        }

      if (was == NULL)
        {
          /* No common copy: every difference counts as changed on both
           * sides; the newer wins. */
          mine_changed = theirs_changed = differs (their, my);
        }
      else
        {
          mine_changed = differs (was, my);
          theirs_changed = differs (was, their);
        }

      both = mine_changed & theirs_changed & differs (their, my);
      copy_fields (their, my, mine_changed & ~theirs_changed);
      if (both != 0)
        {
          conflicts += __builtin_popcount (both);
          if (my->sequence > their->sequence)
            copy_fields (their, my, both);
        }
    }

  /* Removed here (in the base, gone here) and unchanged there: removed. */
  for (guint i = merged->events->len; agreed != NULL && mine != NULL && i > 0; i--)
    {
      ImportedEvent *their = &g_array_index (merged->events, ImportedEvent, i - 1);
      const ImportedEvent *was = find_rid (agreed, their->recurrence_id);

      if (was != NULL && find_rid (mine, their->recurrence_id) == NULL && differs (was, their) == 0)
        g_array_remove_index (merged->events, i - 1);
    }

  if (n_conflicts != NULL)
    *n_conflicts = conflicts;

  return g_steal_pointer (&merged);
}

/**
 * closeness_ics_import_get_uid:
 *
 * Returns: (nullable): the uid of the first event read
 */
const char *
closeness_ics_import_get_uid (ClosenessIcsImport *import)
{
  g_return_val_if_fail (import != NULL, NULL);

  return import->events->len > 0 ? g_array_index (import->events, ImportedEvent, 0).uid : NULL;
}

/**
 * closeness_ics_import_dup_recurrence_ids:
 *
 * Returns: (transfer full): the recurrence ids ("" for a series) of the
 *   events read for @uid
 */
char **
closeness_ics_import_dup_recurrence_ids (ClosenessIcsImport *import,
                                         const char         *uid)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (import != NULL, NULL);

  for (guint i = 0; i < import->events->len; i++)
    {
      const ImportedEvent *event = &g_array_index (import->events, ImportedEvent, i);

      if (g_strcmp0 (event->uid, uid) == 0)
        g_strv_builder_add (builder, event->recurrence_id != NULL ? event->recurrence_id : "");
    }

  return g_strv_builder_end (builder);
}

/**
 * closeness_ics_same_events:
 *
 * Returns: whether @a and @b hold the same evenings as Closeness reads
 *   them (a server may write a stored item back in its own form)
 */
gboolean
closeness_ics_same_events (const char *a,
                           const char *b)
{
  g_autoptr(ClosenessIcsImport) first = NULL;
  g_autoptr(ClosenessIcsImport) second = NULL;

  if (a == NULL || b == NULL || a[0] == '\0' || b[0] == '\0')
    return FALSE;
  first = closeness_ics_parse (a, strlen (a), NULL);
  second = closeness_ics_parse (b, strlen (b), NULL);
  if (first == NULL || second == NULL || first->events->len != second->events->len)
    return FALSE;

  for (guint i = 0; i < first->events->len; i++)
    {
      const ImportedEvent *one = &g_array_index (first->events, ImportedEvent, i);
      const ImportedEvent *other = find_rid (second, one->recurrence_id);

      if (other == NULL || g_strcmp0 (one->uid, other->uid) != 0 || differs (one, other) != 0)
        return FALSE;
    }

  return TRUE;
}
