/* closeness-reminder-service.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

/* Longest sleep: a safety net for clock changes nobody announced (the
 * monotonic clock our timer runs on does not follow them). */
#define CLOSENESS_REMINDER_MAX_SLEEP_SECONDS (10 * 60)
/* Wall clock and monotonic clock may drift apart by this much between two
 * wake-ups before it counts as a suspend or a clock change. */
#define CLOSENESS_REMINDER_JUMP_TOLERANCE    60

/* A clock the tests can replace; both in microseconds like
 * g_get_real_time() and g_get_monotonic_time(). */
typedef struct
{
  gint64   (*real_time)      (gpointer user_data);
  gint64   (*monotonic_time) (gpointer user_data);
  gpointer   user_data;
} ClosenessClock;

#define CLOSENESS_TYPE_REMINDER_SERVICE (closeness_reminder_service_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessReminderService, closeness_reminder_service, CLOSENESS,
                      REMINDER_SERVICE, GObject)

ClosenessReminderService *closeness_reminder_service_new         (GApplication             *app,
                                                                  ClosenessStore           *store);
void                      closeness_reminder_service_add_actions (ClosenessReminderService *self,
                                                                  GActionMap               *map);
void                      closeness_reminder_service_set_clock   (ClosenessReminderService *self,
                                                                  const ClosenessClock     *clock);
void                      closeness_reminder_service_check_now   (ClosenessReminderService *self);
gint64                    closeness_reminder_service_get_next_due (ClosenessReminderService *self);
gboolean                  closeness_reminder_service_get_holding (ClosenessReminderService *self);

G_END_DECLS
