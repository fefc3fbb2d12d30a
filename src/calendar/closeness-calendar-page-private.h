/* closeness-calendar-page-private.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the page's files share: closeness-calendar-page.c (the page, its
 * views, and building them from the store off the UI thread) and
 * closeness-calendar-page-actions.c (what the couple does: plan, edit and
 * delete evenings, move through the calendar, import and export).
 */

#pragma once

#include "closeness-calendar-page.h"
#include "closeness-week-view.h"

G_BEGIN_DECLS

typedef struct _UndoDelete UndoDelete;

struct _ClosenessCalendarPage
{
  AdwBin               parent_instance;

  ClosenessStore      *store;
  gint64               closed_deck_id;  /* not offered as tonight's topic */
  ClosenessCalendarView view;
  GCancellable        *cancellable;
  GPtrArray           *instances;      /* ClosenessInstance of the shown range */
  GHashTable          *events_by_id;   /* gint64 * → ClosenessEvent */
  guint                refresh_source;
  guint                folded_source;
  guint                midnight_source;
  gboolean             busy;
  UndoDelete          *undo;
  GPtrArray           *toasts;         /* AdwToast shown and not dismissed yet */

  GtkWidget           *month_view;
  GtkWidget           *day_list;
  GtkWidget           *agenda;

  AdwToastOverlay     *toast_overlay;
  AdwLeaflet          *leaflet;
  GtkLabel            *title_label;
  GtkLabel            *day_label;
  GtkLabel            *month_heading;
  GtkLabel            *week_heading;
  GtkBox              *month_box;
  GtkBox              *agenda_box;
  GtkToggleButton     *month_toggle;
  GtkWidget           *navigation_box;
  GtkWidget           *previous_button;
  GtkWidget           *next_button;
  GtkWidget           *view_switcher;
  GtkStack            *view_stack;
  GtkStack            *content_stack;
  GtkWidget           *empty_new_button;
  ClosenessWeekView   *week_view;
};

/* closeness-calendar-page.c */
void closeness_calendar_page_queue_refresh            (ClosenessCalendarPage *self);
void closeness_calendar_page_add_toast                (ClosenessCalendarPage *self,
                                                       AdwToast              *toast);
void closeness_calendar_page_show_toast               (ClosenessCalendarPage *self,
                                                       const char            *title);

/* closeness-calendar-page-actions.c */
void _closeness_calendar_page_class_actions_init      (GtkWidgetClass        *widget_class);
void _closeness_calendar_page_init_actions            (ClosenessCalendarPage *self);
void _closeness_calendar_page_dispose_actions         (ClosenessCalendarPage *self);
void closeness_calendar_page_update_actions           (ClosenessCalendarPage *self);

G_END_DECLS
