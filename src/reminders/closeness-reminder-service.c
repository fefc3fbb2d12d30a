/* closeness-reminder-service.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Delivers reminders, in the app and as `closeness --gapplication-service`.
 *
 * It sleeps on one timeout until the next ring (at most
 * CLOSENESS_REMINDER_MAX_SLEEP_SECONDS), and plans again when the store's
 * models change: changes made here arrive at once, changes made by another
 * process arrive through the store's PRAGMA data_version check. Every
 * wake-up compares the wall clock with the monotonic clock: the timer runs
 * on the monotonic clock, which stands still during suspend and ignores
 * clock changes, so a difference means rings may have been missed. logind's
 * PrepareForSleep(false) wakes us right after a resume when there is a
 * system bus. What was missed is delivered once, as one summary, and
 * marked fired in the store so no other process delivers it again.
 */

#define G_LOG_DOMAIN "closeness-reminders"

#include "config.h"

#include "closeness-autostart.h"
#include "closeness-notifier.h"
#include "closeness-reminder-planner.h"
#include "closeness-reminder-service.h"

struct _ClosenessReminderService
{
  GObject                   parent_instance;

  GApplication             *app;      /* weak: the application owns us */
  ClosenessStore           *store;
  ClosenessReminderPlanner *planner;
  ClosenessNotifier        *notifier;
  ClosenessClock            clock;

  GCancellable             *cancellable;
  GDBusConnection          *system_bus;
  guint                     sleep_signal_id;

  guint                     timeout_id;
  guint                     replan_id;
  guint                     start_id;
  gint64                    since;          /* Unix seconds of the last look */
  gint64                    last_real;      /* µs, at the last look */
  gint64                    last_monotonic; /* µs, at the last look */
  gint64                    next_due;
  gboolean                  holding;
};

G_DEFINE_FINAL_TYPE (ClosenessReminderService, closeness_reminder_service, G_TYPE_OBJECT)

static void evaluate (ClosenessReminderService *self);
static void ensure_started (ClosenessReminderService *self);

/* Helpers */

static gint64
default_real_time (gpointer user_data)
{
  return g_get_real_time ();
}

static gint64
default_monotonic_time (gpointer user_data)
{
  return g_get_monotonic_time ();
}

static gint64
now_seconds (ClosenessReminderService *self)
{
  return self->clock.real_time (self->clock.user_data) / G_USEC_PER_SEC;
}

static gboolean
state_is_false (ClosenessStore *store,
                const char     *key)
{
  g_autofree char *value = closeness_store_dup_state (store, key);

  return g_strcmp0 (value, "false") == 0;
}

/* Keep running without a window in service mode, and when the person asked
 * for reminders while Closeness is closed. */
static void
update_hold (ClosenessReminderService *self)
{
  gboolean want;

  if (self->app == NULL)
    return;

  want = (g_application_get_flags (self->app) & G_APPLICATION_IS_SERVICE) != 0 ||
         closeness_autostart_is_enabled ();

  if (want == self->holding)
    return;

  self->holding = want;
  if (want)
    g_application_hold (self->app);
  else
    g_application_release (self->app);

  g_debug ("%s the application for background reminders", want ? "Holding" : "Releasing");
}

static gboolean
timeout_cb (gpointer user_data)
{
  ClosenessReminderService *self = user_data;

  self->timeout_id = 0;
  evaluate (self);

  return G_SOURCE_REMOVE;
}

static void
arm_timer (ClosenessReminderService *self)
{
  gint64 real = self->clock.real_time (self->clock.user_data);
  gint64 delay = CLOSENESS_REMINDER_MAX_SLEEP_SECONDS;

  g_clear_handle_id (&self->timeout_id, g_source_remove);

  if (self->next_due > 0)
    {
      /* Round up: waking a little late is fine, early is a wasted wake-up. */
      delay = (self->next_due * G_USEC_PER_SEC - real + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;
      delay = CLAMP (delay, 1, CLOSENESS_REMINDER_MAX_SLEEP_SECONDS);
    }

  self->timeout_id = g_timeout_add_seconds ((guint) delay, timeout_cb, self);
  g_source_set_name_by_id (self->timeout_id, "[closeness] reminder timer");
}

static void
apply_states (ClosenessReminderService *self,
              GArray                   *states)
{
  g_autoptr(GError) error = NULL;

  if (!closeness_reminder_states_apply (self->store, states, &error))
    g_warning ("Could not save the state of a reminder (error code %d)", error->code);
}

static void
evaluate (ClosenessReminderService *self)
{
  g_autoptr(GArray) due = NULL;
  ClosenessReminderSplit split = { NULL, NULL };
  ClosenessMissedReason reason = CLOSENESS_MISSED_LATE;
  gint64 real, monotonic, now;

  g_clear_handle_id (&self->replan_id, g_source_remove);
  ensure_started (self);

  real = self->clock.real_time (self->clock.user_data);
  monotonic = self->clock.monotonic_time (self->clock.user_data);
  now = real / G_USEC_PER_SEC;

  if (self->last_real != 0)
    {
      gint64 drift =
        ((real - self->last_real) - (monotonic - self->last_monotonic)) / G_USEC_PER_SEC;

      if (drift > CLOSENESS_REMINDER_JUMP_TOLERANCE)
        {
          g_debug ("The clock jumped forward by %" G_GINT64_FORMAT " s (suspend or a clock change)",
                   drift);
          reason = CLOSENESS_MISSED_ASLEEP;
        }
      else if (drift < -CLOSENESS_REMINDER_JUMP_TOLERANCE)
        g_debug ("The clock went back by %" G_GINT64_FORMAT " s", -drift);
    }
  else
    /* The first look since this process started: what is late was due
     * while no Closeness was running. */
    reason = CLOSENESS_MISSED_NOT_RUNNING;
  self->last_real = real;
  self->last_monotonic = monotonic;

  /* Another process may have delivered or changed something. */
  closeness_store_check_for_changes (self->store);

  closeness_reminder_planner_set_activity_reminders_enabled (
    self->planner, !state_is_false (self->store, CLOSENESS_STATE_CHECKIN_REMINDERS));

  due = closeness_reminder_planner_collect_due (self->planner, self->since, now);
  self->since = now;

  if (due->len > 0)
    {
      closeness_reminder_split_due (due, now, &split);

      for (guint i = 0; i < split.on_time->len; i++)
        closeness_notifier_send_reminder (self->notifier,
                                          &g_array_index (split.on_time, ClosenessDueReminder, i),
                                          now);
      if (split.missed->len > 0)
        closeness_notifier_send_missed (self->notifier, split.missed, reason);

      g_debug ("Delivered %u reminders on time and %u missed ones at %" G_GINT64_FORMAT,
               split.on_time->len, split.missed->len, now);

      /* Everything collected is handled, also duplicates the summary folded. */
      {
        g_autoptr(GArray) states = closeness_reminder_planner_plan_fired (self->planner, due, now);

        apply_states (self, states);
      }
      closeness_reminder_split_clear (&split);
    }

  self->next_due = closeness_reminder_planner_get_next_due (self->planner, now);
  g_debug ("Next reminder at %" G_GINT64_FORMAT, self->next_due);
  arm_timer (self);
}

static gboolean
replan_cb (gpointer user_data)
{
  ClosenessReminderService *self = user_data;

  self->replan_id = 0;
  evaluate (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_replan (ClosenessReminderService *self)
{
  if (self->replan_id == 0)
    {
      self->replan_id = g_idle_add (replan_cb, self);
      g_source_set_name_by_id (self->replan_id, "[closeness] replan reminders");
    }
}

static void
record_notify_cb (ClosenessReminderService *self,
                  GParamSpec               *pspec,
                  GObject                  *record)
{
  schedule_replan (self);
}

static void
watch_records (ClosenessReminderService *self,
               GListModel               *model,
               guint                     position,
               guint                     n_items)
{
  for (guint i = position; i < position + n_items; i++)
    {
      g_autoptr(GObject) record = g_list_model_get_item (model, i);

      /* Records are updated in place: a moved event only says notify. */
      if (g_signal_handler_find (record, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                 record_notify_cb, self) == 0)
        g_signal_connect_object (record, "notify", G_CALLBACK (record_notify_cb), self,
                                 G_CONNECT_SWAPPED);
    }
}

static void
items_changed_cb (ClosenessReminderService *self,
                  guint                     position,
                  guint                     removed,
                  guint                     added,
                  GListModel               *model)
{
  watch_records (self, model, position, added);
  schedule_replan (self);
}

static void
watch_model (ClosenessReminderService *self,
             GListModel               *model)
{
  g_signal_connect_object (model, "items-changed", G_CALLBACK (items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  watch_records (self, model, 0, g_list_model_get_n_items (model));
}

/* The planner reads the reminders, the events they ring for and the
 * activities: that waits for a low-priority idle, so that a window opening
 * at the same time shows its first frame first. Anything that needs the planner earlier
 * starts it on the spot. */
static void
ensure_started (ClosenessReminderService *self)
{
  if (self->planner != NULL)
    return;

  g_clear_handle_id (&self->start_id, g_source_remove);

  self->planner = closeness_reminder_planner_new_for_store (self->store);
  watch_model (self, closeness_store_get_reminders (self->store));
  watch_model (self, closeness_store_get_reminded_events (self->store));
  watch_model (self, closeness_store_get_activities (self->store));
}

static gboolean
start_cb (gpointer user_data)
{
  ClosenessReminderService *self = user_data;

  self->start_id = 0;
  evaluate (self);

  return G_SOURCE_REMOVE;
}

static void
prepare_for_sleep_cb (GDBusConnection *connection,
                      const char      *sender_name,
                      const char      *object_path,
                      const char      *interface_name,
                      const char      *signal_name,
                      GVariant        *parameters,
                      gpointer         user_data)
{
  ClosenessReminderService *self = user_data;
  gboolean going_to_sleep = FALSE;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(b)")))
    return;

  g_variant_get (parameters, "(b)", &going_to_sleep);
  g_debug ("logind: %s", going_to_sleep ? "going to sleep" : "resumed");

  if (!going_to_sleep)
    schedule_replan (self);
}

static void
system_bus_ready_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ClosenessReminderService) self = user_data;
  g_autoptr(GError) error = NULL;
  GDBusConnection *bus;

  bus = g_bus_get_finish (result, &error);
  if (bus == NULL)
    {
      /* Tests and some containers have no system bus: the clock check still works. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No system bus, so no suspend signal from logind");
      return;
    }

  self->system_bus = bus;
  self->sleep_signal_id =
    g_dbus_connection_signal_subscribe (bus, "org.freedesktop.login1",
                                        "org.freedesktop.login1.Manager", "PrepareForSleep",
                                        "/org/freedesktop/login1", NULL,
                                        G_DBUS_SIGNAL_FLAGS_NONE, prepare_for_sleep_cb,
                                        self, NULL);
}

static gboolean
parse_occurrence (GVariant *parameter,
                  gint64   *reminder_id,
                  gint64   *occurrence_utc)
{
  if (parameter == NULL || !g_variant_is_of_type (parameter, G_VARIANT_TYPE ("(xx)")))
    return FALSE;

  g_variant_get (parameter, "(xx)", reminder_id, occurrence_utc);

  return *reminder_id > 0;
}

/* Actions */

static void
snooze_reminder_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ClosenessReminderService *self = user_data;
  g_autoptr(GArray) states = NULL;
  ClosenessReminderState state;
  ClosenessDueReminder item;
  gint64 reminder_id, occurrence_utc;
  gint64 now = now_seconds (self);

  if (!parse_occurrence (parameter, &reminder_id, &occurrence_utc))
    return;

  ensure_started (self);

  if (!closeness_reminder_planner_plan_snooze (self->planner, reminder_id, occurrence_utc, now,
                                               &state) ||
      !closeness_reminder_planner_find_occurrence (self->planner, reminder_id, occurrence_utc,
                                                   &item))
    {
      g_debug ("Reminder %" G_GINT64_FORMAT " is gone; nothing to snooze", reminder_id);
      return;
    }

  closeness_notifier_withdraw (self->notifier, &item);

  states = g_array_new (FALSE, FALSE, sizeof (ClosenessReminderState));
  g_array_append_val (states, state);
  apply_states (self, states);

  g_debug ("Reminder %" G_GINT64_FORMAT " snoozed until %" G_GINT64_FORMAT,
           reminder_id, state.snoozed_until);
  schedule_replan (self);
}

static void
skip_reminder_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  ClosenessReminderService *self = user_data;
  g_autoptr(GArray) states = NULL;
  ClosenessDueReminder item;
  gint64 reminder_id, occurrence_utc;

  if (!parse_occurrence (parameter, &reminder_id, &occurrence_utc))
    return;

  ensure_started (self);

  if (closeness_reminder_planner_find_occurrence (self->planner, reminder_id, occurrence_utc,
                                                  &item))
    closeness_notifier_withdraw (self->notifier, &item);

  states = closeness_reminder_planner_plan_skip (self->planner, reminder_id, occurrence_utc);
  apply_states (self, states);

  g_debug ("Skipped the occurrence at %" G_GINT64_FORMAT " of reminder %" G_GINT64_FORMAT,
           occurrence_utc, reminder_id);
  schedule_replan (self);
}

static void
background_reminders_changed_cb (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  ClosenessReminderService *self = user_data;

  update_hold (self);
  schedule_replan (self);
}

/* GObject */

static void
closeness_reminder_service_dispose (GObject *object)
{
  ClosenessReminderService *self = (ClosenessReminderService *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_handle_id (&self->replan_id, g_source_remove);
  g_clear_handle_id (&self->start_id, g_source_remove);

  if (self->system_bus != NULL && self->sleep_signal_id != 0)
    g_dbus_connection_signal_unsubscribe (self->system_bus, self->sleep_signal_id);
  self->sleep_signal_id = 0;
  g_clear_object (&self->system_bus);

  if (self->holding && self->app != NULL)
    g_application_release (self->app);
  self->holding = FALSE;

  g_clear_weak_pointer (&self->app);
  g_clear_object (&self->notifier);
  g_clear_object (&self->planner);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (closeness_reminder_service_parent_class)->dispose (object);
}

static void
closeness_reminder_service_class_init (ClosenessReminderServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = closeness_reminder_service_dispose;
}

static void
closeness_reminder_service_init (ClosenessReminderService *self)
{
  self->clock.real_time = default_real_time;
  self->clock.monotonic_time = default_monotonic_time;
  self->cancellable = g_cancellable_new ();
}

/* Public API */

/**
 * closeness_reminder_service_new:
 * @app: the application; notifications are sent through it. In service
 *   mode (`--gapplication-service`) the service holds it so it keeps running
 *   without a window; it also does when the autostart entry is on.
 * @store: the store
 *
 * Create it in the application's startup, after the store opened, and keep
 * it until shutdown. It plans in a low-priority idle (after the first
 * frame of a window opened at the same time) and then sleeps until the
 * next reminder.
 */
ClosenessReminderService *
closeness_reminder_service_new (GApplication   *app,
                                ClosenessStore *store)
{
  ClosenessReminderService *self;

  g_return_val_if_fail (G_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (CLOSENESS_IS_STORE (store), NULL);

  self = g_object_new (CLOSENESS_TYPE_REMINDER_SERVICE, NULL);
  g_set_weak_pointer (&self->app, app);
  self->store = g_object_ref (store);
  self->notifier = closeness_notifier_new (app, store);

  g_bus_get (G_BUS_TYPE_SYSTEM, self->cancellable, system_bus_ready_cb, g_object_ref (self));

  update_hold (self);

  /* Whatever rang in the last hours while nothing was running counts as
   * missed (the planner never goes back further). */
  self->since = now_seconds (self) - CLOSENESS_REMINDER_MISSED_WINDOW;
  self->start_id = g_idle_add_full (G_PRIORITY_LOW, start_cb, self, NULL);
  g_source_set_name_by_id (self->start_id, "[closeness] first reminder planning");

  return self;
}

/**
 * closeness_reminder_service_add_actions:
 * @map: the application
 *
 * Adds the notification actions `snooze-reminder` and `skip-reminder`
 * (parameter "(xx)": reminder id, occurrence start) and
 * `background-reminders-changed` (no parameter; the Preferences switch
 * activates it after it wrote or removed the autostart entry). The
 * application adds `open-event` and `open-activity` ("x") itself.
 */
void
closeness_reminder_service_add_actions (ClosenessReminderService *self,
                                        GActionMap               *map)
{
  const GActionEntry entries[] = {
    { "snooze-reminder", snooze_reminder_cb, "(xx)" },
    { "skip-reminder", skip_reminder_cb, "(xx)" },
    { "background-reminders-changed", background_reminders_changed_cb },
  };

  g_return_if_fail (CLOSENESS_IS_REMINDER_SERVICE (self));
  g_return_if_fail (G_IS_ACTION_MAP (map));

  g_action_map_add_action_entries (map, entries, G_N_ELEMENTS (entries), self);
}

/**
 * closeness_reminder_service_set_clock:
 * @clock: (nullable): a replacement clock for tests, %NULL for the real one
 */
void
closeness_reminder_service_set_clock (ClosenessReminderService *self,
                                      const ClosenessClock     *clock)
{
  g_return_if_fail (CLOSENESS_IS_REMINDER_SERVICE (self));

  if (clock != NULL)
    self->clock = *clock;
  else
    {
      self->clock.real_time = default_real_time;
      self->clock.monotonic_time = default_monotonic_time;
      self->clock.user_data = NULL;
    }

  self->last_real = 0;
  self->since = now_seconds (self) - CLOSENESS_REMINDER_MISSED_WINDOW;
  schedule_replan (self);
}

/**
 * closeness_reminder_service_check_now:
 *
 * Looks at the clock and the store right away instead of at the next
 * wake-up.
 */
void
closeness_reminder_service_check_now (ClosenessReminderService *self)
{
  g_return_if_fail (CLOSENESS_IS_REMINDER_SERVICE (self));

  evaluate (self);
}

/**
 * closeness_reminder_service_get_next_due:
 *
 * Returns: when the next reminder rings (Unix seconds), 0 for none soon
 */
gint64
closeness_reminder_service_get_next_due (ClosenessReminderService *self)
{
  g_return_val_if_fail (CLOSENESS_IS_REMINDER_SERVICE (self), 0);

  return self->next_due;
}

gboolean
closeness_reminder_service_get_holding (ClosenessReminderService *self)
{
  g_return_val_if_fail (CLOSENESS_IS_REMINDER_SERVICE (self), FALSE);

  return self->holding;
}
