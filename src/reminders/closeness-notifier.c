/* closeness-notifier.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Turns rings into GNotifications. Notification text may hold an event's
 * title, so nothing here logs text: only ids and times.
 *
 * GLib picks the notification backend at the first send: org.gtk.Notifications
 * when it has an owner (GNOME Shell), else org.freedesktop.Notifications.
 * GNOME Shell drops org.gtk.Notifications from app ids without an installed
 * <app-id>.desktop, so an uninstalled development build may show nothing
 * under GNOME Shell: `meson install` puts the desktop file in place.
 */

#define G_LOG_DOMAIN "closeness-reminders"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-notifier.h"

struct _ClosenessNotifier
{
  GObject         parent_instance;

  GApplication   *app;      /* weak: the application owns us */
  ClosenessStore *store;
};

G_DEFINE_FINAL_TYPE (ClosenessNotifier, closeness_notifier, G_TYPE_OBJECT)

/* Helpers */

static GTimeZone *
dup_tz (GTimeZone *tz)
{
  return tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
}

static GDateTime *
to_local (gint64     instant,
          GTimeZone *local_tz)
{
  g_autoptr(GTimeZone) tz = dup_tz (local_tz);
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (instant);

  return utc != NULL ? g_date_time_to_timezone (utc, tz) : NULL;
}

static gboolean
state_is_true (ClosenessStore *store,
               const char     *key)
{
  g_autofree char *value = closeness_store_dup_state (store, key);

  return g_strcmp0 (value, "true") == 0;
}

static ClosenessEvent *
lookup_event (ClosenessNotifier *self,
              gint64             id)
{
  GListModel *events = closeness_store_get_reminded_events (self->store);

  return closeness_record_list_lookup (CLOSENESS_RECORD_LIST (events), id, NULL);
}

static ClosenessActivity *
lookup_activity (ClosenessNotifier *self,
                 gint64             id)
{
  GListModel *activities = closeness_store_get_activities (self->store);

  return closeness_record_list_lookup (CLOSENESS_RECORD_LIST (activities), id, NULL);
}

/* The line for one missed ring, or NULL when its source is gone. */
static char *
describe_missed (ClosenessNotifier          *self,
                 const ClosenessDueReminder *item)
{
  g_autofree char *time = closeness_reminder_format_time (item->occurrence_utc, NULL);

  if (item->kind == CLOSENESS_REMINDER_KIND_EVENT)
    {
      ClosenessEvent *event = lookup_event (self, item->target_id);

      if (event == NULL)
        return NULL;

      /* Translators: a line in "You missed" reminders: an event's title and its start time. */
      return g_strdup_printf (_("%s at %s"), closeness_event_get_summary (event), time);
    }
  else
    {
      ClosenessActivity *activity = lookup_activity (self, item->target_id);

      if (activity == NULL)
        return NULL;

      if (closeness_activity_get_is_private (activity))
        /* Translators: a line in "You missed" reminders for a private activity, with its time. */
        return g_strdup_printf (_("A self-care reminder at %s"), time);

      return g_strdup_printf (_("%s at %s"), closeness_activity_get_name (activity), time);
    }
}

/* GObject */

static void
closeness_notifier_dispose (GObject *object)
{
  ClosenessNotifier *self = (ClosenessNotifier *) object;

  g_clear_weak_pointer (&self->app);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (closeness_notifier_parent_class)->dispose (object);
}

static void
closeness_notifier_class_init (ClosenessNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = closeness_notifier_dispose;
}

static void
closeness_notifier_init (ClosenessNotifier *self)
{
}

/* Public API */

ClosenessNotifier *
closeness_notifier_new (GApplication   *app,
                        ClosenessStore *store)
{
  ClosenessNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (CLOSENESS_IS_STORE (store), NULL);

  self = g_object_new (CLOSENESS_TYPE_NOTIFIER, NULL);
  g_set_weak_pointer (&self->app, app);
  self->store = g_object_ref (store);

  return self;
}

/**
 * closeness_notifier_get_discreet:
 *
 * Returns: whether discreet mode is on; read from the store each time, so
 *   a change made in another process counts at once
 */
gboolean
closeness_notifier_get_discreet (ClosenessNotifier *self)
{
  g_return_val_if_fail (CLOSENESS_IS_NOTIFIER (self), TRUE);

  return state_is_true (self->store, CLOSENESS_STATE_DISCREET_MODE);
}

void
closeness_notifier_send_reminder (ClosenessNotifier          *self,
                                  const ClosenessDueReminder *item,
                                  gint64                      now)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  gboolean discreet;

  g_return_if_fail (CLOSENESS_IS_NOTIFIER (self));
  g_return_if_fail (item != NULL);

  if (self->app == NULL)
    return;

  discreet = closeness_notifier_get_discreet (self);

  if (item->kind == CLOSENESS_REMINDER_KIND_EVENT)
    {
      ClosenessEvent *event = lookup_event (self, item->target_id);

      if (event == NULL)
        return;

      closeness_reminder_compose_event (discreet, closeness_event_get_summary (event),
                                        item->occurrence_utc, now, NULL, &title, &body);
    }
  else
    {
      ClosenessActivity *activity = lookup_activity (self, item->target_id);

      if (activity == NULL)
        return;

      /* A private activity stays private on a screen both partners see. */
      closeness_reminder_compose_activity (discreet || closeness_activity_get_is_private (activity),
                                           closeness_activity_get_name (activity),
                                           item->occurrence_utc, NULL, &title, &body);
    }

  id = closeness_reminder_dup_notification_id (item, NULL);
  notification = closeness_reminder_build_notification (item, title, body);

  g_debug ("Sending notification %s for reminder %" G_GINT64_FORMAT " (due %" G_GINT64_FORMAT ")",
           id, item->reminder_id, item->due_utc);
  g_application_send_notification (self->app, id, notification);
}

/**
 * closeness_notifier_send_missed:
 * @items: (element-type ClosenessDueReminder): what was missed
 *
 * Sends one "You missed" notification for all of @items.
 */
void
closeness_notifier_send_missed (ClosenessNotifier     *self,
                                GArray                *items,
                                ClosenessMissedReason  reason)
{
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  g_return_if_fail (CLOSENESS_IS_NOTIFIER (self));
  g_return_if_fail (items != NULL);

  if (self->app == NULL || items->len == 0)
    return;

  lines = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < items->len; i++)
    {
      char *line = describe_missed (self, &g_array_index (items, ClosenessDueReminder, i));

      if (line != NULL)
        g_ptr_array_add (lines, line);
    }
  if (lines->len == 0)
    return;
  g_ptr_array_add (lines, NULL);

  closeness_reminder_compose_missed (closeness_notifier_get_discreet (self), reason,
                                     (const char * const *) lines->pdata, &title, &body);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);

  /* A click, or Open, opens the first of them. */
  {
    const ClosenessDueReminder *first = &g_array_index (items, ClosenessDueReminder, 0);
    const char *action = first->kind == CLOSENESS_REMINDER_KIND_EVENT ? "app.open-event"
                                                                       : "app.open-activity";

    g_notification_set_default_action_and_target_value (notification, action,
                                                        g_variant_new_int64 (first->target_id));
    g_notification_add_button_with_target_value (notification, _("Open"), action,
                                                 g_variant_new_int64 (first->target_id));
  }

  g_debug ("Sending one summary for %u missed reminders", lines->len - 1);
  g_application_send_notification (self->app, CLOSENESS_NOTIFICATION_MISSED_ID, notification);
}

void
closeness_notifier_withdraw (ClosenessNotifier          *self,
                             const ClosenessDueReminder *item)
{
  g_autofree char *id = NULL;

  g_return_if_fail (CLOSENESS_IS_NOTIFIER (self));
  g_return_if_fail (item != NULL);

  if (self->app == NULL)
    return;

  id = closeness_reminder_dup_notification_id (item, NULL);
  g_application_withdraw_notification (self->app, id);
}

/**
 * closeness_reminder_dup_notification_id:
 *
 * Returns: a stable id: `event-<id>-<occurrence start, Unix seconds>` or
 *   `activity-<id>-<YYYY-MM-DD>`; so a second ring (or a snooze) of the same
 *   occurrence replaces the first instead of piling up
 */
char *
closeness_reminder_dup_notification_id (const ClosenessDueReminder *item,
                                        GTimeZone                  *local_tz)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;

  g_return_val_if_fail (item != NULL, NULL);

  if (item->kind == CLOSENESS_REMINDER_KIND_EVENT)
    return g_strdup_printf ("event-%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
                            item->target_id, item->occurrence_utc);

  local = to_local (item->occurrence_utc, local_tz);
  day = local != NULL ? g_date_time_format (local, "%Y-%m-%d") : g_strdup ("0");

  return g_strdup_printf ("activity-%" G_GINT64_FORMAT "-%s", item->target_id, day);
}

char *
closeness_reminder_format_time (gint64     instant,
                                GTimeZone *local_tz)
{
  g_autoptr(GDateTime) local = to_local (instant, local_tz);

  if (local == NULL)
    return g_strdup ("");

  /* Translators: the time of an event in a reminder ("at 21:00"), see strftime(3). */
  return g_date_time_format (local, _("%H:%M"));
}

/**
 * closeness_reminder_compose_event:
 * @discreet: whether discreet mode is on: then nothing about the event
 *   shows, neither its title nor its time
 */
void
closeness_reminder_compose_event (gboolean     discreet,
                                  const char  *summary,
                                  gint64       start_utc,
                                  gint64       now,
                                  GTimeZone   *local_tz,
                                  char       **title,
                                  char       **body)
{
  g_autofree char *time = NULL;
  g_autofree char *when = NULL;
  gint64 minutes;

  g_return_if_fail (title != NULL && body != NULL);

  if (discreet)
    {
      *title = g_strdup (_("A reminder from Closeness"));
      *body = g_strdup (_("You have something planned."));
      return;
    }

  time = closeness_reminder_format_time (start_utc, local_tz);
  /* Translators: the title of an event reminder; %s is its start time, e.g. 21:00. */
  *title = g_strdup_printf (_("Time together at %s"), time);

  minutes = (start_utc - now + 30) / 60;
  if (minutes > 0)
    when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Starts in %d minute",
                                         "Starts in %d minutes", (gulong) minutes),
                            (int) MIN (minutes, G_MAXINT));
  else if (minutes == 0)
    when = g_strdup (_("Starting now"));
  else
    when = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Started %d minute ago",
                                         "Started %d minutes ago", (gulong) -minutes),
                            (int) MIN (-minutes, G_MAXINT));

  *body = g_strdup_printf ("%s\n%s", summary != NULL ? summary : "", when);
}

void
closeness_reminder_compose_activity (gboolean     discreet,
                                     const char  *name,
                                     gint64       at_utc,
                                     GTimeZone   *local_tz,
                                     char       **title,
                                     char       **body)
{
  g_return_if_fail (title != NULL && body != NULL);

  if (discreet)
    {
      *title = g_strdup (_("A reminder from Closeness"));
      *body = g_strdup (_("You have something planned."));
      return;
    }

  /* Translators: the title of a self-care reminder; %s is the activity, e.g. Meditation. */
  *title = g_strdup_printf (_("Time for %s"), name != NULL ? name : "");
  *body = g_strdup (_("A gentle check-in for your self-care. Log it when you are done."));
}

/**
 * closeness_reminder_compose_missed:
 * @lines: one line per missed reminder ("Time together at 21:00")
 */
static const char *
missed_reason_text (ClosenessMissedReason reason,
                    guint                 n)
{
  switch (reason)
    {
    case CLOSENESS_MISSED_NOT_RUNNING:
      return g_dngettext (GETTEXT_PACKAGE,
                          "Closeness was not running when it was due.",
                          "Closeness was not running when they were due.", n);
    case CLOSENESS_MISSED_ASLEEP:
      return g_dngettext (GETTEXT_PACKAGE,
                          "It came while the computer was asleep or its clock was changed.",
                          "They came while the computer was asleep or its clock was changed.", n);
    case CLOSENESS_MISSED_LATE:
    default:
      return g_dngettext (GETTEXT_PACKAGE,
                          "It could not be shown on time.",
                          "They could not be shown on time.", n);
    }
}

void
closeness_reminder_compose_missed (gboolean               discreet,
                                   ClosenessMissedReason  reason,
                                   const char * const    *lines,
                                   char                 **title,
                                   char                 **body)
{
  g_autofree char *list = NULL;
  g_autofree char *count = NULL;
  guint n;

  g_return_if_fail (lines != NULL);
  g_return_if_fail (title != NULL && body != NULL);

  n = g_strv_length ((char **) lines);

  if (discreet)
    {
      *title = g_strdup (_("A reminder from Closeness"));
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "You missed %u reminder.",
                                            "You missed %u reminders.", n), n);
      *body = g_strdup_printf ("%s %s", count, missed_reason_text (reason, n));
      return;
    }

  if (n == 1)
    {
      /* Translators: the title of a notification after suspend; %s is e.g. "Walk at 19:00". */
      *title = g_strdup_printf (_("You missed: %s"), lines[0]);
      *body = g_strdup (missed_reason_text (reason, 1));
      return;
    }

  *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "You missed: %u reminder",
                                         "You missed: %u reminders", n), n);
  list = g_strjoinv ("\n", (char **) lines);
  *body = g_strdup_printf ("%s\n%s", list, missed_reason_text (reason, n));
}

/**
 * closeness_reminder_build_notification:
 *
 * Returns: (transfer full): a notification whose click opens the event or
 *   activity (`app.open-event`, `app.open-activity` with its id, "x") and
 *   whose buttons `app.snooze-reminder` and `app.skip-reminder` carry
 *   (reminder id, occurrence start), "(xx)"
 */
GNotification *
closeness_reminder_build_notification (const ClosenessDueReminder *item,
                                       const char                 *title,
                                       const char                 *body)
{
  GNotification *notification;
  GVariant *occurrence;

  g_return_val_if_fail (item != NULL, NULL);

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);

  if (item->kind == CLOSENESS_REMINDER_KIND_EVENT)
    g_notification_set_default_action_and_target_value (notification, "app.open-event",
                                                        g_variant_new_int64 (item->target_id));
  else
    g_notification_set_default_action_and_target_value (notification, "app.open-activity",
                                                        g_variant_new_int64 (item->target_id));

  occurrence = g_variant_new ("(xx)", item->reminder_id, item->occurrence_utc);
  g_variant_ref_sink (occurrence);
  g_notification_add_button_with_target_value (notification, _("Snooze 10 Minutes"),
                                               "app.snooze-reminder", occurrence);
  if (item->kind == CLOSENESS_REMINDER_KIND_EVENT)
    g_notification_add_button_with_target_value (notification, _("Skip Tonight"),
                                                 "app.skip-reminder", occurrence);
  else
    g_notification_add_button_with_target_value (notification, _("Skip Today"),
                                                 "app.skip-reminder", occurrence);
  g_variant_unref (occurrence);

  return notification;
}
