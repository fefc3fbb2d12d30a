/* closeness-reminder-planner.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bookkeeping lives in the store's reminder rows:
 *  - last_fired_at is a watermark: every ring scheduled at or before it has
 *    been delivered, skipped or summarised, and never rings again;
 *  - snoozed_until makes the ring of the occurrence before last_fired_at
 *    come back once more at that time;
 *  - enabled switches a reminder off without deleting it.
 * Activity reminders use the weekday bits Monday = 1 << 0 … Sunday = 1 << 6
 * and a local "HH:MM".
 */

#define G_LOG_DOMAIN "closeness-reminders"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "calendar/closeness-recurrence.h"
#include "store/closeness-time.h"

#include "closeness-reminder-planner.h"

/* Enough for every occurrence a twelve-hour window can hold of anything a
 * person would plan; an absurd RRULE is cut off here. */
#define MAX_OCCURRENCES 256

struct _ClosenessReminderPlanner
{
  GObject     parent_instance;

  GListModel *reminders;
  GListModel *events;
  GListModel *activities;
  GTimeZone  *local_tz;
  gboolean    activity_reminders_enabled;
};

G_DEFINE_FINAL_TYPE (ClosenessReminderPlanner, closeness_reminder_planner, G_TYPE_OBJECT)

/* What one planning pass looks things up in. */
typedef struct
{
  ClosenessReminderPlanner *self;
  GHashTable               *events_by_id;        /* gint64 → ClosenessEvent */
  GHashTable               *overrides_by_uid;    /* uid → GPtrArray of ClosenessEvent */
  GHashTable               *overridden;          /* "uid\nrecurrence-id" set */
  GHashTable               *events_with_reminders; /* gint64 set */
  GHashTable               *activities_by_id;    /* gint64 → ClosenessActivity */
} Plan;

static ClosenessReminder *find_reminder (ClosenessReminderPlanner *self,
                                         gint64                    reminder_id);

/* Helpers */

static gint64 *
new_id_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static gboolean
is_set (const char *s)
{
  return s != NULL && s[0] != '\0';
}

static char *
override_key (const char *uid,
              const char *recurrence_id)
{
  return g_strconcat (uid, "\n", recurrence_id, NULL);
}

static void
plan_init (Plan                     *plan,
           ClosenessReminderPlanner *self)
{
  guint n;

  plan->self = self;
  plan->events_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  plan->overrides_by_uid = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                  (GDestroyNotify) g_ptr_array_unref);
  plan->overridden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->events_with_reminders = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  plan->activities_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  n = self->events != NULL ? g_list_model_get_n_items (self->events) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessEvent) event = g_list_model_get_item (self->events, i);
      gint64 id = closeness_record_get_id (CLOSENESS_RECORD (event));
      const char *uid = closeness_event_get_uid (event);
      const char *recurrence_id = closeness_event_get_recurrence_id (event);

      /* The model holds a reference; borrowing is safe for one pass. */
      g_hash_table_insert (plan->events_by_id, new_id_key (id), event);

      if (is_set (uid) && is_set (recurrence_id))
        {
          GPtrArray *overrides = g_hash_table_lookup (plan->overrides_by_uid, uid);

          if (overrides == NULL)
            {
              overrides = g_ptr_array_new ();
              g_hash_table_insert (plan->overrides_by_uid, (gpointer) uid, overrides);
            }
          g_ptr_array_add (overrides, event);
          g_hash_table_add (plan->overridden, override_key (uid, recurrence_id));
        }
    }

  n = self->reminders != NULL ? g_list_model_get_n_items (self->reminders) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessReminder) reminder = g_list_model_get_item (self->reminders, i);
      gint64 event_id = closeness_reminder_get_event_id (reminder);

      if (event_id > 0 && closeness_reminder_get_enabled (reminder))
        g_hash_table_add (plan->events_with_reminders, new_id_key (event_id));
    }

  n = self->activities != NULL ? g_list_model_get_n_items (self->activities) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessActivity) activity = g_list_model_get_item (self->activities, i);

      if (!closeness_activity_get_archived (activity))
        g_hash_table_insert (plan->activities_by_id,
                             new_id_key (closeness_record_get_id (CLOSENESS_RECORD (activity))),
                             activity);
    }
}

static void
plan_clear (Plan *plan)
{
  g_clear_pointer (&plan->events_by_id, g_hash_table_unref);
  g_clear_pointer (&plan->overrides_by_uid, g_hash_table_unref);
  g_clear_pointer (&plan->overridden, g_hash_table_unref);
  g_clear_pointer (&plan->events_with_reminders, g_hash_table_unref);
  g_clear_pointer (&plan->activities_by_id, g_hash_table_unref);
}

static GTimeZone *
dup_local_tz (ClosenessReminderPlanner *self)
{
  if (self->local_tz != NULL)
    return g_time_zone_ref (self->local_tz);

  return g_time_zone_new_local ();
}

static void
add_item (GArray                *out,
          ClosenessReminder     *reminder,
          ClosenessReminderKind  kind,
          gint64                 target_id,
          gint64                 occurrence_utc,
          gint64                 scheduled_utc)
{
  ClosenessDueReminder item = {
    .reminder_id = closeness_record_get_id (CLOSENESS_RECORD (reminder)),
    .kind = kind,
    .target_id = target_id,
    .occurrence_utc = occurrence_utc,
    .scheduled_utc = scheduled_utc,
    .due_utc = scheduled_utc,
    .snoozed = FALSE,
  };

  g_array_append_val (out, item);
}

/* Occurrence starts of one event in [from, to), the event's own rows for
 * edited occurrences left out (they are events of their own). */
static void
expand_event (Plan           *plan,
              ClosenessEvent *event,
              gint64          from,
              gint64          to,
              GArray         *starts)
{
  g_autoptr(GTimeZone) local_tz = dup_local_tz (plan->self);
  const char *uid = closeness_event_get_uid (event);
  gint64 id = closeness_record_get_id (CLOSENESS_RECORD (event));
  gint64 start;

  if (!is_set (closeness_event_get_rrule (event)) ||
      is_set (closeness_event_get_recurrence_id (event)))
    {
      if (closeness_parse_event_start (closeness_event_get_dtstart (event),
                                       closeness_event_get_tzid (event), local_tz, &start) &&
          start >= from && start < to)
        g_array_append_val (starts, start);
      return;
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) occurrences = NULL;

    occurrences = closeness_recurrence_expand (event, from, to, MAX_OCCURRENCES, &error);
    if (occurrences == NULL)
      {
        g_debug ("Event %" G_GINT64_FORMAT " cannot be expanded (error code %d)",
                 id, error != NULL ? error->code : -1);
        return;
      }

    for (guint i = 0; i < occurrences->len; i++)
      {
        ClosenessOccurrence *occurrence = &g_array_index (occurrences, ClosenessOccurrence, i);

        if (is_set (uid) && is_set (occurrence->recurrence_id))
          {
            g_autofree char *key = override_key (uid, occurrence->recurrence_id);

            if (g_hash_table_contains (plan->overridden, key))
              continue;
          }

        if (occurrence->start_utc >= from && occurrence->start_utc < to)
          g_array_append_val (starts, occurrence->start_utc);
      }
  }
}

/* Rings of @reminder scheduled in (from, to]. */
static void
enumerate_reminder (Plan              *plan,
                    ClosenessReminder *reminder,
                    gint64             from,
                    gint64             to,
                    GArray            *out)
{
  gint64 event_id = closeness_reminder_get_event_id (reminder);
  gint64 activity_id = closeness_reminder_get_activity_id (reminder);

  if (from >= to)
    return;

  if (event_id > 0)
    {
      ClosenessEvent *event = g_hash_table_lookup (plan->events_by_id, &event_id);
      gint64 offset = (gint64) closeness_reminder_get_offset_minutes (reminder) * 60;
      g_autoptr(GArray) starts = NULL;
      const char *uid;
      GPtrArray *overrides;

      if (event == NULL)
        return;

      starts = g_array_new (FALSE, FALSE, sizeof (gint64));
      expand_event (plan, event, from + offset + 1, to + offset + 1, starts);
      for (guint i = 0; i < starts->len; i++)
        {
          gint64 start = g_array_index (starts, gint64, i);

          add_item (out, reminder, CLOSENESS_REMINDER_KIND_EVENT, event_id, start, start - offset);
        }

      /* A series' reminders also ring for its edited occurrences, unless
       * those were given reminders of their own. */
      uid = closeness_event_get_uid (event);
      if (!is_set (closeness_event_get_rrule (event)) ||
          is_set (closeness_event_get_recurrence_id (event)) || !is_set (uid))
        return;

      overrides = g_hash_table_lookup (plan->overrides_by_uid, uid);
      for (guint i = 0; overrides != NULL && i < overrides->len; i++)
        {
          ClosenessEvent *override = g_ptr_array_index (overrides, i);
          gint64 override_id = closeness_record_get_id (CLOSENESS_RECORD (override));

          if (g_hash_table_contains (plan->events_with_reminders, &override_id))
            continue;

          g_array_set_size (starts, 0);
          expand_event (plan, override, from + offset + 1, to + offset + 1, starts);
          for (guint j = 0; j < starts->len; j++)
            {
              gint64 start = g_array_index (starts, gint64, j);

              add_item (out, reminder, CLOSENESS_REMINDER_KIND_EVENT, override_id, start,
                        start - offset);
            }
        }
    }
  else if (activity_id > 0)
    {
      g_autoptr(GTimeZone) tz = NULL;
      g_autoptr(GDateTime) first = NULL;
      g_autoptr(GDateTime) last = NULL;
      g_autoptr(GDateTime) day = NULL;
      guint weekdays = (guint) closeness_reminder_get_weekdays (reminder);
      int hour, minute;

      if (!plan->self->activity_reminders_enabled ||
          !g_hash_table_contains (plan->activities_by_id, &activity_id) ||
          !closeness_parse_time_of_day (closeness_reminder_get_time_of_day (reminder),
                                        &hour, &minute))
        return;

      tz = dup_local_tz (plan->self);
      first = g_date_time_new_from_unix_utc (from);
      last = g_date_time_new_from_unix_utc (to);
      if (first == NULL || last == NULL)
        return;

      {
        g_autoptr(GDateTime) first_local = g_date_time_to_timezone (first, tz);
        g_autoptr(GDateTime) last_local = g_date_time_to_timezone (last, tz);
        g_autoptr(GDate) date = NULL;
        g_autoptr(GDate) end = NULL;

        date = g_date_new_dmy (g_date_time_get_day_of_month (first_local),
                               g_date_time_get_month (first_local),
                               g_date_time_get_year (first_local));
        end = g_date_new_dmy (g_date_time_get_day_of_month (last_local),
                              g_date_time_get_month (last_local),
                              g_date_time_get_year (last_local));

        for (; g_date_compare (date, end) <= 0; g_date_add_days (date, 1))
          {
            gint64 instant;

            if ((weekdays & closeness_weekday_bit (g_date_get_weekday (date))) == 0)
              continue;

            if (closeness_time_local_to_utc (tz, g_date_get_year (date), g_date_get_month (date),
                                             g_date_get_day (date), hour, minute, 0, &instant) &&
                instant > from && instant <= to)
              add_item (out, reminder, CLOSENESS_REMINDER_KIND_ACTIVITY, activity_id,
                        instant, instant);
          }
      }
    }
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const ClosenessDueReminder *x = a;
  const ClosenessDueReminder *y = b;

  if (x->due_utc != y->due_utc)
    return (x->due_utc > y->due_utc) - (x->due_utc < y->due_utc);

  return (x->reminder_id > y->reminder_id) - (x->reminder_id < y->reminder_id);
}

/* The ring a snooze brings back: the last one at or before the watermark. */
static gboolean
find_snoozed (Plan                 *plan,
              ClosenessReminder    *reminder,
              ClosenessDueReminder *out)
{
  gint64 snoozed_until = closeness_reminder_get_snoozed_until (reminder);
  gint64 last_fired = closeness_reminder_get_last_fired_at (reminder);
  gint64 reference = last_fired > 0 ? last_fired
                                    : snoozed_until - CLOSENESS_REMINDER_SNOOZE_SECONDS;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (ClosenessDueReminder));

  enumerate_reminder (plan, reminder, reference - CLOSENESS_REMINDER_MISSED_WINDOW, reference,
                      items);
  if (items->len == 0)
    return FALSE;

  g_array_sort (items, compare_due);
  *out = g_array_index (items, ClosenessDueReminder, items->len - 1);
  out->due_utc = snoozed_until;
  out->snoozed = TRUE;

  return TRUE;
}

/* Callbacks and GObject */

static void
closeness_reminder_planner_dispose (GObject *object)
{
  ClosenessReminderPlanner *self = (ClosenessReminderPlanner *) object;

  g_clear_object (&self->reminders);
  g_clear_object (&self->events);
  g_clear_object (&self->activities);

  G_OBJECT_CLASS (closeness_reminder_planner_parent_class)->dispose (object);
}

static void
closeness_reminder_planner_finalize (GObject *object)
{
  ClosenessReminderPlanner *self = (ClosenessReminderPlanner *) object;

  g_clear_pointer (&self->local_tz, g_time_zone_unref);

  G_OBJECT_CLASS (closeness_reminder_planner_parent_class)->finalize (object);
}

static void
closeness_reminder_planner_class_init (ClosenessReminderPlannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = closeness_reminder_planner_dispose;
  object_class->finalize = closeness_reminder_planner_finalize;
}

static void
closeness_reminder_planner_init (ClosenessReminderPlanner *self)
{
  self->activity_reminders_enabled = TRUE;
}

/* Public API */

/**
 * closeness_reminder_planner_new:
 * @reminders: the store's reminders (#ClosenessReminder)
 * @events: the store's events (#ClosenessEvent)
 * @activities: (nullable): the store's activities; without them activity
 *   reminders never ring
 */
ClosenessReminderPlanner *
closeness_reminder_planner_new (GListModel *reminders,
                                GListModel *events,
                                GListModel *activities)
{
  ClosenessReminderPlanner *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (reminders), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (events), NULL);
  g_return_val_if_fail (activities == NULL || G_IS_LIST_MODEL (activities), NULL);

  self = g_object_new (CLOSENESS_TYPE_REMINDER_PLANNER, NULL);
  self->reminders = g_object_ref (reminders);
  self->events = g_object_ref (events);
  self->activities = activities != NULL ? g_object_ref (activities) : NULL;

  return self;
}

ClosenessReminderPlanner *
closeness_reminder_planner_new_for_store (ClosenessStore *store)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (store), NULL);

  return closeness_reminder_planner_new (closeness_store_get_reminders (store),
                                         closeness_store_get_reminded_events (store),
                                         closeness_store_get_activities (store));
}

void
closeness_reminder_planner_set_activity_reminders_enabled (ClosenessReminderPlanner *self,
                                                           gboolean                  enabled)
{
  g_return_if_fail (CLOSENESS_IS_REMINDER_PLANNER (self));

  self->activity_reminders_enabled = !!enabled;
}

/**
 * closeness_reminder_planner_set_local_time_zone:
 * @tz: (nullable): the zone for floating events and activity times; %NULL
 *   follows the system's
 */
void
closeness_reminder_planner_set_local_time_zone (ClosenessReminderPlanner *self,
                                                GTimeZone                *tz)
{
  g_return_if_fail (CLOSENESS_IS_REMINDER_PLANNER (self));

  g_clear_pointer (&self->local_tz, g_time_zone_unref);
  if (tz != NULL)
    self->local_tz = g_time_zone_ref (tz);
}

/**
 * closeness_reminder_planner_get_next_due:
 * @now: Unix seconds
 *
 * Returns: the earliest instant after @now at which a reminder rings, or 0
 *   when nothing rings within %CLOSENESS_REMINDER_HORIZON
 */
gint64
closeness_reminder_planner_get_next_due (ClosenessReminderPlanner *self,
                                         gint64                    now)
{
  g_autoptr(GArray) items = NULL;
  Plan plan;
  gint64 next = 0;
  guint n;

  g_return_val_if_fail (CLOSENESS_IS_REMINDER_PLANNER (self), 0);

  plan_init (&plan, self);
  items = g_array_new (FALSE, FALSE, sizeof (ClosenessDueReminder));

  n = g_list_model_get_n_items (self->reminders);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessReminder) reminder = g_list_model_get_item (self->reminders, i);
      gint64 snoozed_until = closeness_reminder_get_snoozed_until (reminder);
      gint64 after;

      if (!closeness_reminder_get_enabled (reminder))
        continue;

      if (snoozed_until > now && (next == 0 || snoozed_until < next))
        next = snoozed_until;

      after = MAX (now, closeness_reminder_get_last_fired_at (reminder));
      g_array_set_size (items, 0);
      enumerate_reminder (&plan, reminder, after, now + CLOSENESS_REMINDER_HORIZON, items);
      for (guint j = 0; j < items->len; j++)
        {
          gint64 due = g_array_index (items, ClosenessDueReminder, j).due_utc;

          if (due > now && (next == 0 || due < next))
            next = due;
        }
    }

  plan_clear (&plan);

  return next;
}

/**
 * closeness_reminder_planner_collect_due:
 * @since: the last time the caller looked; rings at or before it are not
 *   collected again
 * @now: Unix seconds
 *
 * Collects every ring due in (since, now] that has not been delivered,
 * skipped or summarised yet, and every snooze that ended, but nothing older
 * than %CLOSENESS_REMINDER_MISSED_WINDOW.
 *
 * Returns: (transfer full) (element-type ClosenessDueReminder): by due time
 */
GArray *
closeness_reminder_planner_collect_due (ClosenessReminderPlanner *self,
                                        gint64                    since,
                                        gint64                    now)
{
  g_autoptr(GArray) due = NULL;
  Plan plan;
  guint n;

  g_return_val_if_fail (CLOSENESS_IS_REMINDER_PLANNER (self), NULL);

  due = g_array_new (FALSE, FALSE, sizeof (ClosenessDueReminder));
  plan_init (&plan, self);

  n = g_list_model_get_n_items (self->reminders);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessReminder) reminder = g_list_model_get_item (self->reminders, i);
      gint64 snoozed_until = closeness_reminder_get_snoozed_until (reminder);
      gint64 lower;

      if (!closeness_reminder_get_enabled (reminder))
        continue;

      if (snoozed_until > 0 && snoozed_until <= now &&
          snoozed_until > now - CLOSENESS_REMINDER_MISSED_WINDOW)
        {
          ClosenessDueReminder item;

          if (find_snoozed (&plan, reminder, &item))
            g_array_append_val (due, item);
        }

      lower = MAX (since, closeness_reminder_get_last_fired_at (reminder));
      lower = MAX (lower, now - CLOSENESS_REMINDER_MISSED_WINDOW);
      enumerate_reminder (&plan, reminder, lower, now, due);
    }

  plan_clear (&plan);
  g_array_sort (due, compare_due);

  return g_steal_pointer (&due);
}

/**
 * closeness_reminder_planner_find_occurrence:
 * @occurrence_utc: the occurrence's start, as in a notification's target
 * @out: (out caller-allocates): the ring
 *
 * Rebuilds the ring of @reminder_id for one occurrence, e.g. for an action
 * coming from a notification.
 *
 * Returns: whether the reminder and the occurrence still exist
 */
gboolean
closeness_reminder_planner_find_occurrence (ClosenessReminderPlanner *self,
                                            gint64                    reminder_id,
                                            gint64                    occurrence_utc,
                                            ClosenessDueReminder     *out)
{
  g_autoptr(ClosenessReminder) reminder = NULL;
  g_autoptr(GArray) items = NULL;
  gboolean found = FALSE;
  Plan plan;

  g_return_val_if_fail (CLOSENESS_IS_REMINDER_PLANNER (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  reminder = find_reminder (self, reminder_id);
  if (reminder == NULL)
    return FALSE;

  plan_init (&plan, self);
  items = g_array_new (FALSE, FALSE, sizeof (ClosenessDueReminder));
  {
    gint64 scheduled =
      closeness_reminder_planner_get_scheduled_for (self, reminder, occurrence_utc);

    if (scheduled > 0)
      enumerate_reminder (&plan, reminder, scheduled - 1, scheduled, items);
  }
  plan_clear (&plan);

  for (guint i = 0; i < items->len && !found; i++)
    {
      ClosenessDueReminder *item = &g_array_index (items, ClosenessDueReminder, i);

      if (item->occurrence_utc == occurrence_utc)
        {
          *out = *item;
          found = TRUE;
        }
    }

  return found;
}

/**
 * closeness_reminder_planner_get_scheduled_for:
 * @occurrence_utc: an occurrence of the reminder's event, or a time on the
 *   day the activity reminder is about
 *
 * Returns: when @reminder rings for that occurrence (day), or 0 when it does
 *   not ring on that day
 */
gint64
closeness_reminder_planner_get_scheduled_for (ClosenessReminderPlanner *self,
                                              ClosenessReminder        *reminder,
                                              gint64                    occurrence_utc)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  int hour, minute;
  gint64 scheduled;

  g_return_val_if_fail (CLOSENESS_IS_REMINDER_PLANNER (self), 0);
  g_return_val_if_fail (CLOSENESS_IS_REMINDER (reminder), 0);

  if (closeness_reminder_get_event_id (reminder) > 0)
    return occurrence_utc - (gint64) closeness_reminder_get_offset_minutes (reminder) * 60;

  if (!closeness_parse_time_of_day (closeness_reminder_get_time_of_day (reminder), &hour, &minute))
    return 0;

  tz = dup_local_tz (self);
  utc = g_date_time_new_from_unix_utc (occurrence_utc);
  if (utc == NULL)
    return 0;
  local = g_date_time_to_timezone (utc, tz);

  if (((guint) closeness_reminder_get_weekdays (reminder) &
       closeness_weekday_bit (g_date_time_get_day_of_week (local))) == 0)
    return 0;

  if (!closeness_time_local_to_utc (tz, g_date_time_get_year (local), g_date_time_get_month (local),
                                    g_date_time_get_day_of_month (local), hour, minute, 0,
                                    &scheduled))
    return 0;

  return scheduled;
}

static ClosenessReminder *
find_reminder (ClosenessReminderPlanner *self,
               gint64                    reminder_id)
{
  guint n = g_list_model_get_n_items (self->reminders);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessReminder) candidate = g_list_model_get_item (self->reminders, i);

      if (closeness_record_get_id (CLOSENESS_RECORD (candidate)) == reminder_id)
        return g_steal_pointer (&candidate);
    }

  return NULL;
}

static void
add_state (GArray            *states,
           ClosenessReminder *reminder,
           gint64             snoozed_until,
           gint64             last_fired_at)
{
  ClosenessReminderState state = {
    .reminder_id = closeness_record_get_id (CLOSENESS_RECORD (reminder)),
    .snoozed_until = snoozed_until,
    .last_fired_at = last_fired_at,
    .enabled = closeness_reminder_get_enabled (reminder),
  };

  g_array_append_val (states, state);
}

/**
 * closeness_reminder_planner_plan_fired:
 * @due: (element-type ClosenessDueReminder): what was just delivered or
 *   summarised
 *
 * Returns: (transfer full) (element-type ClosenessReminderState): the
 *   bookkeeping that makes sure none of @due rings again: snoozes end, the
 *   watermark moves to @now
 */
GArray *
closeness_reminder_planner_plan_fired (ClosenessReminderPlanner *self,
                                       GArray                   *due,
                                       gint64                    now)
{
  GArray *states;

  g_return_val_if_fail (CLOSENESS_IS_REMINDER_PLANNER (self), NULL);
  g_return_val_if_fail (due != NULL, NULL);

  states = g_array_new (FALSE, FALSE, sizeof (ClosenessReminderState));

  for (guint i = 0; i < due->len; i++)
    {
      const ClosenessDueReminder *item = &g_array_index (due, ClosenessDueReminder, i);
      g_autoptr(ClosenessReminder) reminder = NULL;
      gboolean seen = FALSE;

      for (guint j = 0; j < states->len && !seen; j++)
        seen = g_array_index (states, ClosenessReminderState, j).reminder_id == item->reminder_id;

      if (seen || (reminder = find_reminder (self, item->reminder_id)) == NULL)
        continue;

      add_state (states, reminder, 0,
                 MAX (closeness_reminder_get_last_fired_at (reminder),
                      MAX (now, item->scheduled_utc)));
    }

  return states;
}

/**
 * closeness_reminder_planner_plan_snooze:
 * @state: (out caller-allocates): what to write
 *
 * Returns: %FALSE when the reminder or its occurrence is gone
 */
gboolean
closeness_reminder_planner_plan_snooze (ClosenessReminderPlanner *self,
                                        gint64                    reminder_id,
                                        gint64                    occurrence_utc,
                                        gint64                    now,
                                        ClosenessReminderState   *state)
{
  g_autoptr(ClosenessReminder) reminder = NULL;
  ClosenessDueReminder item;

  g_return_val_if_fail (CLOSENESS_IS_REMINDER_PLANNER (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  reminder = find_reminder (self, reminder_id);
  if (reminder == NULL ||
      !closeness_reminder_planner_find_occurrence (self, reminder_id, occurrence_utc, &item))
    return FALSE;

  state->reminder_id = reminder_id;
  state->snoozed_until = now + CLOSENESS_REMINDER_SNOOZE_SECONDS;
  /* The watermark must cover the snoozed ring: that is how the snooze
   * finds its occurrence again. */
  state->last_fired_at = MAX (closeness_reminder_get_last_fired_at (reminder),
                              MAX (now, item.scheduled_utc));
  state->enabled = closeness_reminder_get_enabled (reminder);

  return TRUE;
}

/**
 * closeness_reminder_planner_plan_skip:
 *
 * Skipping tonight silences every reminder of that occurrence (say the one
 * 30 and the one 5 minutes before) and ends their snoozes; later
 * occurrences ring as usual.
 *
 * Returns: (transfer full) (element-type ClosenessReminderState): what to
 *   write; empty when the reminder is gone
 */
GArray *
closeness_reminder_planner_plan_skip (ClosenessReminderPlanner *self,
                                      gint64                    reminder_id,
                                      gint64                    occurrence_utc)
{
  g_autoptr(ClosenessReminder) reminder = NULL;
  GArray *states;
  gint64 event_id, activity_id;
  guint n;

  g_return_val_if_fail (CLOSENESS_IS_REMINDER_PLANNER (self), NULL);

  states = g_array_new (FALSE, FALSE, sizeof (ClosenessReminderState));
  reminder = find_reminder (self, reminder_id);
  if (reminder == NULL)
    return states;

  event_id = closeness_reminder_get_event_id (reminder);
  activity_id = closeness_reminder_get_activity_id (reminder);

  n = g_list_model_get_n_items (self->reminders);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessReminder) other = g_list_model_get_item (self->reminders, i);
      gint64 scheduled;

      if (!((event_id > 0 && closeness_reminder_get_event_id (other) == event_id) ||
            (activity_id > 0 && closeness_reminder_get_activity_id (other) == activity_id)))
        continue;

      scheduled = closeness_reminder_planner_get_scheduled_for (self, other, occurrence_utc);
      add_state (states, other, 0, MAX (closeness_reminder_get_last_fired_at (other), scheduled));
    }

  return states;
}

/**
 * closeness_reminder_states_apply:
 * @states: (element-type ClosenessReminderState): from the plan_* functions
 *
 * Writes every state, also after a failure; reports the first failure.
 */
gboolean
closeness_reminder_states_apply (ClosenessStore  *store,
                                 GArray          *states,
                                 GError         **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), FALSE);
  g_return_val_if_fail (states != NULL, FALSE);

  for (guint i = 0; i < states->len; i++)
    {
      const ClosenessReminderState *state = &g_array_index (states, ClosenessReminderState, i);
      g_autoptr(GError) local_error = NULL;

      if (!closeness_store_set_reminder_state (store, state->reminder_id, state->snoozed_until,
                                               state->last_fired_at, state->enabled, &local_error))
        {
          g_debug ("Could not save reminder %" G_GINT64_FORMAT " (error code %d)",
                   state->reminder_id, local_error->code);
          if (ok)
            g_propagate_error (error, g_steal_pointer (&local_error));
          ok = FALSE;
        }
    }

  return ok;
}

static gboolean
same_occurrence (const ClosenessDueReminder *a,
                 const ClosenessDueReminder *b)
{
  return a->kind == b->kind && a->target_id == b->target_id &&
         a->occurrence_utc == b->occurrence_utc;
}

/**
 * closeness_reminder_split_due:
 * @due: (element-type ClosenessDueReminder): from
 *   closeness_reminder_planner_collect_due()
 * @split: (out caller-allocates): where each ring goes
 *
 * Rings that come on time get a notification each. When the clock jumped
 * (suspend, a changed clock) rings come late: a single late ring whose
 * event has not started yet is still worth a normal notification; anything
 * else late goes into one "You missed" summary, each occurrence once.
 */
void
closeness_reminder_split_due (GArray                 *due,
                              gint64                  now,
                              ClosenessReminderSplit *split)
{
  g_autoptr(GArray) late = NULL;

  g_return_if_fail (due != NULL);
  g_return_if_fail (split != NULL);

  split->on_time = g_array_new (FALSE, FALSE, sizeof (ClosenessDueReminder));
  split->missed = g_array_new (FALSE, FALSE, sizeof (ClosenessDueReminder));
  late = g_array_new (FALSE, FALSE, sizeof (ClosenessDueReminder));

  for (guint i = 0; i < due->len; i++)
    {
      ClosenessDueReminder *item = &g_array_index (due, ClosenessDueReminder, i);

      if (now - item->due_utc <= CLOSENESS_REMINDER_LATE_GRACE)
        g_array_append_val (split->on_time, *item);
      else
        g_array_append_val (late, *item);
    }

  if (late->len == 1)
    {
      ClosenessDueReminder *item = &g_array_index (late, ClosenessDueReminder, 0);

      if (item->kind == CLOSENESS_REMINDER_KIND_EVENT && now < item->occurrence_utc)
        {
          g_array_append_val (split->on_time, *item);
          return;
        }
    }

  for (guint i = 0; i < late->len; i++)
    {
      ClosenessDueReminder *item = &g_array_index (late, ClosenessDueReminder, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < split->missed->len && !seen; j++)
        seen = same_occurrence (item, &g_array_index (split->missed, ClosenessDueReminder, j));

      if (!seen)
        g_array_append_val (split->missed, *item);
    }
}

void
closeness_reminder_split_clear (ClosenessReminderSplit *split)
{
  g_clear_pointer (&split->on_time, g_array_unref);
  g_clear_pointer (&split->missed, g_array_unref);
}

/**
 * closeness_parse_event_start:
 * @dtstart: 'YYYY-MM-DDTHH:MM:SS' or 'YYYY-MM-DD' (all day: midnight)
 * @tzid: (nullable): an IANA zone, or %NULL/"" for floating (local) time
 * @local_tz: (nullable): the local zone, %NULL for the system's
 */
gboolean
closeness_parse_event_start (const char *dtstart,
                             const char *tzid,
                             GTimeZone  *local_tz,
                             gint64     *start_utc)
{
  g_autoptr(GTimeZone) tz = NULL;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  gint64 result;

  g_return_val_if_fail (start_utc != NULL, FALSE);

  if (dtstart == NULL)
    return FALSE;

  if (strlen (dtstart) == 10)
    {
      if (sscanf (dtstart, "%4d-%2d-%2d", &y, &mo, &d) != 3)
        return FALSE;
    }
  else if (strlen (dtstart) >= 19)
    {
      if (sscanf (dtstart, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6)
        return FALSE;
      /* A trailing Z means UTC whatever the zone says. */
      if (dtstart[19] == 'Z')
        tzid = "UTC";
    }
  else
    return FALSE;

  if (is_set (tzid))
    tz = g_time_zone_new_identifier (tzid);
  if (tz == NULL)
    tz = local_tz != NULL ? g_time_zone_ref (local_tz) : g_time_zone_new_local ();

  if (!g_date_valid_dmy (d, mo, y) || h > 23 || mi > 59 || s > 60)
    return FALSE;

  if (!closeness_time_local_to_utc (tz, y, mo, d, h, mi, MIN (s, 59), &result))
    return FALSE;

  *start_utc = result;
  return TRUE;
}

/**
 * closeness_parse_time_of_day:
 * @time_of_day: "HH:MM"
 */
gboolean
closeness_parse_time_of_day (const char *time_of_day,
                             int        *hour,
                             int        *minute)
{
  if (time_of_day == NULL || strlen (time_of_day) != 5 || time_of_day[2] != ':' ||
      !g_ascii_isdigit (time_of_day[0]) || !g_ascii_isdigit (time_of_day[1]) ||
      !g_ascii_isdigit (time_of_day[3]) || !g_ascii_isdigit (time_of_day[4]))
    return FALSE;

  *hour = (time_of_day[0] - '0') * 10 + (time_of_day[1] - '0');
  *minute = (time_of_day[3] - '0') * 10 + (time_of_day[4] - '0');

  return *hour <= 23 && *minute <= 59;
}

/**
 * closeness_weekday_bit:
 *
 * Returns: the bit of @weekday in an activity reminder's weekdays:
 *   Monday = 1 << 0 … Sunday = 1 << 6
 */
guint
closeness_weekday_bit (GDateWeekday weekday)
{
  if (weekday < G_DATE_MONDAY || weekday > G_DATE_SUNDAY)
    return 0;

  return 1u << (weekday - G_DATE_MONDAY);
}
