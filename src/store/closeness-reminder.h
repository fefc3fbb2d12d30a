/* closeness-reminder.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "closeness-record.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_REMINDER (closeness_reminder_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessReminder, closeness_reminder, CLOSENESS, REMINDER, ClosenessRecord)

gint64       closeness_reminder_get_event_id (ClosenessReminder *self);
gint64       closeness_reminder_get_activity_id (ClosenessReminder *self);
int          closeness_reminder_get_offset_minutes (ClosenessReminder *self);
const char * closeness_reminder_get_time_of_day (ClosenessReminder *self);
int          closeness_reminder_get_weekdays (ClosenessReminder *self);
gint64       closeness_reminder_get_snoozed_until (ClosenessReminder *self);
gint64       closeness_reminder_get_last_fired_at (ClosenessReminder *self);
gboolean     closeness_reminder_get_enabled (ClosenessReminder *self);

G_END_DECLS
