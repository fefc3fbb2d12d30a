/* closeness-calendar-page.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

typedef enum
{
  CLOSENESS_CALENDAR_VIEW_MONTH,
  CLOSENESS_CALENDAR_VIEW_WEEK,
} ClosenessCalendarView;

#define CLOSENESS_TYPE_CALENDAR_VIEW (closeness_calendar_view_get_type ())

GType closeness_calendar_view_get_type (void) G_GNUC_CONST;

#define CLOSENESS_TYPE_CALENDAR_PAGE (closeness_calendar_page_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessCalendarPage, closeness_calendar_page, CLOSENESS, CALENDAR_PAGE,
                      AdwBin)

GtkWidget *closeness_calendar_page_new             (ClosenessStore        *store);
ClosenessCalendarView closeness_calendar_page_get_view (ClosenessCalendarPage *self);
void       closeness_calendar_page_set_view        (ClosenessCalendarPage *self,
                                                    ClosenessCalendarView  view);
gboolean   closeness_calendar_page_is_busy         (ClosenessCalendarPage *self);
gboolean   closeness_calendar_page_delete_instance (ClosenessCalendarPage *self,
                                                    gint64                 event_id,
                                                    const char            *recurrence_id,
                                                    gboolean               whole_series,
                                                    GError               **error);
void       closeness_calendar_page_import_file     (ClosenessCalendarPage *self,
                                                    GFile                 *file);
void       closeness_calendar_page_undo            (ClosenessCalendarPage *self);

G_END_DECLS
