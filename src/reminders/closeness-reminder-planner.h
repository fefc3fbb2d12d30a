/* closeness-reminder-planner.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Decides when reminders ring. GLib only, no clock of its own: every call
 * takes "now" (Unix seconds, UTC), so tests drive it with a fake clock and
 * the service passes g_get_real_time ().
 */

#pragma once

#include <gio/gio.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

/* How long "Snooze" waits. */
#define CLOSENESS_REMINDER_SNOOZE_SECONDS  (10 * 60)
/* Reminders older than this are never delivered, not even as "missed". */
#define CLOSENESS_REMINDER_MISSED_WINDOW   (12 * 60 * 60)
/* A reminder delivered at most this late still counts as on time. */
#define CLOSENESS_REMINDER_LATE_GRACE      (2 * 60)
/* How far ahead the next reminder is looked for. */
#define CLOSENESS_REMINDER_HORIZON         (8 * 24 * 60 * 60)

/* The app_state keys the reminders read. Values are "true" or "false". */
#define CLOSENESS_STATE_DISCREET_MODE      "discreet-mode"
#define CLOSENESS_STATE_CHECKIN_REMINDERS  "checkin-reminders"

typedef enum
{
  CLOSENESS_REMINDER_KIND_EVENT,
  CLOSENESS_REMINDER_KIND_ACTIVITY,
} ClosenessReminderKind;

/* One ring of one reminder. */
typedef struct
{
  gint64                reminder_id;
  ClosenessReminderKind kind;
  gint64                target_id;      /* the event (the occurrence's own row for an
                                         * edited occurrence) or the activity */
  gint64                occurrence_utc; /* the event occurrence's start, or the activity's
                                         * time on that day */
  gint64                scheduled_utc;  /* when it was meant to ring */
  gint64                due_utc;        /* scheduled_utc, or the end of a snooze */
  gboolean              snoozed;
} ClosenessDueReminder;

#define CLOSENESS_TYPE_REMINDER_PLANNER (closeness_reminder_planner_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessReminderPlanner, closeness_reminder_planner, CLOSENESS,
                      REMINDER_PLANNER, GObject)

ClosenessReminderPlanner *closeness_reminder_planner_new            (GListModel *reminders,
                                                                     GListModel *events,
                                                                     GListModel *activities);
ClosenessReminderPlanner *closeness_reminder_planner_new_for_store  (ClosenessStore *store);

void closeness_reminder_planner_set_activity_reminders_enabled (ClosenessReminderPlanner *self,
                                                                gboolean                  enabled);
void      closeness_reminder_planner_set_local_time_zone            (ClosenessReminderPlanner *self,
                                                                     GTimeZone                *tz);

gint64    closeness_reminder_planner_get_next_due                   (ClosenessReminderPlanner *self,
                                                                     gint64                    now);
GArray   *closeness_reminder_planner_collect_due (ClosenessReminderPlanner *self,
                                                  gint64                    since,
                                                  gint64                    now);
gboolean  closeness_reminder_planner_find_occurrence (ClosenessReminderPlanner *self,
                                                      gint64                    reminder_id,
                                                      gint64                    occurrence_utc,
                                                      ClosenessDueReminder     *out);
gint64    closeness_reminder_planner_get_scheduled_for (ClosenessReminderPlanner *self,
                                                        ClosenessReminder        *reminder,
                                                        gint64                    occurrence_utc);

/* A row of the store's reminder bookkeeping to write back with
 * closeness_store_set_reminder_state(). */
typedef struct
{
  gint64   reminder_id;
  gint64   snoozed_until;
  gint64   last_fired_at;
  gboolean enabled;
} ClosenessReminderState;

GArray   *closeness_reminder_planner_plan_fired                     (ClosenessReminderPlanner *self,
                                                                     GArray                   *due,
                                                                     gint64                    now);
gboolean  closeness_reminder_planner_plan_snooze (ClosenessReminderPlanner *self,
                                                  gint64                    reminder_id,
                                                  gint64                    occurrence_utc,
                                                  gint64                    now,
                                                  ClosenessReminderState   *state);
GArray   *closeness_reminder_planner_plan_skip (ClosenessReminderPlanner *self,
                                                gint64                    reminder_id,
                                                gint64                    occurrence_utc);
gboolean  closeness_reminder_states_apply                           (ClosenessStore *store,
                                                                     GArray         *states,
                                                                     GError        **error);

/* What a batch of due reminders turns into. */
typedef struct
{
  GArray *on_time;   /* ClosenessDueReminder: one notification each */
  GArray *missed;    /* ClosenessDueReminder: together one "You missed" notification */
} ClosenessReminderSplit;

void      closeness_reminder_split_due                              (GArray                 *due,
                                                                     gint64                  now,
                                                                     ClosenessReminderSplit *split);
void      closeness_reminder_split_clear                            (ClosenessReminderSplit *split);

/* Pure helpers, exposed for tests. */
gboolean  closeness_parse_event_start                               (const char *dtstart,
                                                                     const char *tzid,
                                                                     GTimeZone  *local_tz,
                                                                     gint64     *start_utc);
gboolean  closeness_parse_time_of_day                               (const char *time_of_day,
                                                                     int        *hour,
                                                                     int        *minute);
guint     closeness_weekday_bit                                     (GDateWeekday weekday);

G_END_DECLS
