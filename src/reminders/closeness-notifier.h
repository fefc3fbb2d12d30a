/* closeness-notifier.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "closeness-reminder-planner.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_NOTIFIER (closeness_notifier_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessNotifier, closeness_notifier, CLOSENESS, NOTIFIER, GObject)

/* The id of the one "You missed" summary; a newer one replaces it. */
#define CLOSENESS_NOTIFICATION_MISSED_ID "missed-reminders"

ClosenessNotifier *closeness_notifier_new                   (GApplication               *app,
                                                             ClosenessStore             *store);
gboolean           closeness_notifier_get_discreet          (ClosenessNotifier          *self);
void               closeness_notifier_send_reminder         (ClosenessNotifier          *self,
                                                             const ClosenessDueReminder *item,
                                                             gint64                      now);
/* Why reminders came late, said in the notification. */
typedef enum
{
  CLOSENESS_MISSED_NOT_RUNNING,  /* due before Closeness (or its background service) ran */
  CLOSENESS_MISSED_ASLEEP,       /* the computer slept, or its clock was changed */
  CLOSENESS_MISSED_LATE,         /* anything else that kept them from coming on time */
} ClosenessMissedReason;

void               closeness_notifier_send_missed           (ClosenessNotifier          *self,
                                                             GArray                     *items,
                                                             ClosenessMissedReason       reason);
void               closeness_notifier_withdraw              (ClosenessNotifier          *self,
                                                             const ClosenessDueReminder *item);

/* Pure parts, tested without a bus. */
char          *closeness_reminder_dup_notification_id (const ClosenessDueReminder *item,
                                                       GTimeZone                  *local_tz);
void           closeness_reminder_compose_event       (gboolean                    discreet,
                                                       const char                 *summary,
                                                       gint64                      start_utc,
                                                       gint64                      now,
                                                       GTimeZone                  *local_tz,
                                                       char                      **title,
                                                       char                      **body);
void           closeness_reminder_compose_activity    (gboolean                    discreet,
                                                       const char                 *name,
                                                       gint64                      at_utc,
                                                       GTimeZone                  *local_tz,
                                                       char                      **title,
                                                       char                      **body);
void           closeness_reminder_compose_missed      (gboolean                    discreet,
                                                       ClosenessMissedReason       reason,
                                                       const char * const         *lines,
                                                       char                      **title,
                                                       char                      **body);
char          *closeness_reminder_format_time         (gint64                      instant,
                                                       GTimeZone                  *local_tz);
GNotification *closeness_reminder_build_notification  (const ClosenessDueReminder *item,
                                                       const char                 *title,
                                                       const char                 *body);

G_END_DECLS
