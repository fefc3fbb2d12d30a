/* closeness-calendar-page.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "Time together" page: a month grid with the selected day's evenings,
 * or a week with its hours, and an agenda of what comes next. In a narrow
 * window the agenda leads and the month is one button away. A calendar
 * without any evening shows one empty state that offers to plan one.
 * Recurrences are expanded off the UI thread.
 */

#define G_LOG_DOMAIN "closeness-calendar"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-agenda-view.h"
#include "closeness-calendar-layout.h"
#include "closeness-calendar-page.h"
#include "closeness-event-editor.h"
#include "closeness-ics.h"
#include "closeness-month-view.h"
#include "closeness-recurrence.h"
#include "closeness-week-view.h"
#include "closeness-leaflet.h"
#include "closeness-toast.h"

#define AGENDA_DAYS        60
#define AGENDA_MAX_ROWS    60
#define MAX_PER_EVENT      400

typedef struct
{
  GArray *deleted;        /* gint64 ids to undelete */
  gint64  series_id;      /* series whose exdates to restore, or 0 */
  char   *old_exdates;
} UndoDelete;

struct _ClosenessCalendarPage
{
  AdwBin               parent_instance;

  ClosenessStore      *store;
  gint64               closed_deck_id;
  ClosenessCalendarView view;  /* not offered as tonight's topic */
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

G_DEFINE_FINAL_TYPE (ClosenessCalendarPage, closeness_calendar_page, ADW_TYPE_BIN)

G_DEFINE_ENUM_TYPE (ClosenessCalendarView, closeness_calendar_view,
                    G_DEFINE_ENUM_VALUE (CLOSENESS_CALENDAR_VIEW_MONTH, "month"),
                    G_DEFINE_ENUM_VALUE (CLOSENESS_CALENDAR_VIEW_WEEK, "week"))

enum {
  PROP_0,
  PROP_STORE,
  PROP_CLOSED_DECK_ID,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
undo_delete_free (UndoDelete *undo)
{
  if (undo == NULL)
    return;

  g_clear_pointer (&undo->deleted, g_array_unref);
  g_free (undo->old_exdates);
  g_free (undo);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (UndoDelete, undo_delete_free)

/* Helpers */

static void
info_from_event (ClosenessEvent     *event,
                 ClosenessEventInfo *info)
{
  memset (info, 0, sizeof *info);
  info->uid = closeness_event_get_uid (event);
  info->recurrence_id = closeness_event_get_recurrence_id (event);
  info->summary = closeness_event_get_summary (event);
  info->dtstart = closeness_event_get_dtstart (event);
  info->tzid = closeness_event_get_tzid (event);
  info->duration_minutes = closeness_event_get_duration_minutes (event);
  info->rrule = closeness_event_get_rrule (event);
  info->exdates = closeness_event_get_exdates (event);
  info->planned_by = closeness_event_get_planned_by (event);
  info->deck_id = closeness_event_get_deck_id (event);
  info->notes = closeness_event_get_notes (event);
  info->ical_raw = closeness_event_get_ical_raw (event);
  info->etag = closeness_event_get_etag (event);
  info->href = closeness_event_get_href (event);
}

static ClosenessEvent *
find_event (ClosenessCalendarPage *self,
            gint64                 event_id)
{
  GListModel *events = closeness_store_get_events (self->store);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(ClosenessEvent) event = g_list_model_get_item (events, i);

      if (closeness_record_get_id (CLOSENESS_RECORD (event)) == event_id)
        return g_steal_pointer (&event);
    }

  return NULL;
}

static void
toast_dismissed_cb (AdwToast              *toast,
                    ClosenessCalendarPage *self)
{
  g_ptr_array_remove (self->toasts, toast);
}

/* libadwaita 1.2 warns when an overlay is destroyed with a toast still
 * shown, so the page dismisses its toasts when it goes. */
static void
add_toast (ClosenessCalendarPage *self,
           AdwToast              *toast)
{
  g_ptr_array_add (self->toasts, g_object_ref (toast));
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_toast (ClosenessCalendarPage *self,
            const char            *title)
{
  add_toast (self, closeness_toast_new (title));
}

static void
show_message (ClosenessCalendarPage *self,
            const char            *heading,
            const char            *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_title (ClosenessCalendarPage *self)
{
  g_autofree char *title = closeness_month_view_dup_title (CLOSENESS_MONTH_VIEW (self->month_view));

  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->month_heading, title);
}

/* In a narrow window the toolbar has room for the month's buttons or its
 * title, not both: the month pane shows the title, the agenda hides the
 * month's buttons. */
static void
update_toolbar (ClosenessCalendarPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  gboolean month = gtk_toggle_button_get_active (self->month_toggle);
  gboolean empty = g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "empty") == 0;

  /* The empty state needs only "Plan an Evening" and the menu (import). */
  gtk_widget_set_visible (GTK_WIDGET (self->month_toggle), folded && !empty);
  gtk_widget_set_visible (self->navigation_box, (!folded || month) && !empty);
  gtk_widget_set_visible (GTK_WIDGET (self->title_label), !folded && !empty);
  gtk_widget_set_visible (GTK_WIDGET (self->month_heading), folded);
  /* A narrow window has the views in the menu. */
  gtk_widget_set_visible (self->view_switcher, !folded && !empty);
}

static void
update_empty (ClosenessCalendarPage *self)
{
  gboolean empty = g_list_model_get_n_items (closeness_store_get_events (self->store)) == 0;

  gtk_stack_set_visible_child_name (self->content_stack, empty ? "empty" : "calendar");
  update_toolbar (self);
}

/* Shows the view of self->view: the stack's page, the navigation buttons'
 * names, the week of the selected day. */
static void
update_view (ClosenessCalendarPage *self)
{
  gboolean week = self->view == CLOSENESS_CALENDAR_VIEW_WEEK;
  const char *previous = week ? _("Previous Week") : _("Previous Month");
  const char *next = week ? _("Next Week") : _("Next Month");
  GDate selected = closeness_month_view_get_selected (CLOSENESS_MONTH_VIEW (self->month_view));

  gtk_stack_set_visible_child_name (self->view_stack, week ? "week" : "month");
  gtk_widget_set_tooltip_text (self->previous_button, previous);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->previous_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, previous, -1);
  gtk_widget_set_tooltip_text (self->next_button, next);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->next_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, next, -1);
  if (g_date_valid (&selected))
    closeness_week_view_set_date (self->week_view, &selected);
}

static void
update_day_list (ClosenessCalendarPage *self)
{
  g_autoptr(GPtrArray) day = g_ptr_array_new ();
  GDate selected = closeness_month_view_get_selected (CLOSENESS_MONTH_VIEW (self->month_view));
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *heading = NULL;

  if (!g_date_valid (&selected))
    return;

  /* The evenings the selected day's cell shows, in its order. */
  if (self->instances != NULL)
    {
      g_clear_pointer (&day, g_ptr_array_unref);
      day = closeness_calendar_instances_on_day (self->instances, self->events_by_id, &selected);
    }

  when = g_date_time_new_local (g_date_get_year (&selected), g_date_get_month (&selected),
                                g_date_get_day (&selected), 12, 0, 0);
  /* Translators: the heading above the selected day's evenings, "Saturday 21 November" */
  heading = g_date_time_format (when, _("%A %-d %B"));
  gtk_label_set_text (self->day_label, heading);

  closeness_agenda_view_set_instances (CLOSENESS_AGENDA_VIEW (self->day_list), day,
                                       self->events_by_id);
}

static void
apply_instances (ClosenessCalendarPage *self)
{
  g_autoptr(GPtrArray) upcoming = g_ptr_array_new ();
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 until = now + (gint64) AGENDA_DAYS * 86400;

  for (guint i = 0; i < self->instances->len; i++)
    {
      ClosenessInstance *instance = g_ptr_array_index (self->instances, i);

      if (instance->end_utc > now && instance->start_utc < until &&
          upcoming->len < AGENDA_MAX_ROWS)
        g_ptr_array_add (upcoming, instance);
    }

  /* The selected month's grid covers the selected day's week. */
  closeness_month_view_set_instances (CLOSENESS_MONTH_VIEW (self->month_view), self->instances,
                                      self->events_by_id);
  closeness_week_view_set_instances (self->week_view, self->instances, self->events_by_id);
  closeness_agenda_view_set_instances (CLOSENESS_AGENDA_VIEW (self->agenda), upcoming,
                                       self->events_by_id);
  update_day_list (self);
}

static void
expand_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ClosenessCalendarPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *instances;

  instances = closeness_recurrence_expand_events_finish (result, &error);
  if (instances == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not expand the calendar: %s", error->message);
      return;
    }

  self->busy = FALSE;
  g_clear_pointer (&self->instances, g_ptr_array_unref);
  self->instances = instances;
  apply_instances (self);
}

static gboolean midnight_cb (gpointer user_data);
static void     queue_refresh (ClosenessCalendarPage *self);

/* "Today" and "Tonight" move at midnight. */
static void
schedule_midnight (ClosenessCalendarPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now),
                                                      g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) midnight = g_date_time_add_days (today, 1);
  gint64 seconds = g_date_time_difference (midnight, now) / G_USEC_PER_SEC;

  g_clear_handle_id (&self->midnight_source, g_source_remove);
  self->midnight_source = g_timeout_add_seconds ((guint) CLAMP (seconds + 1, 1, 86400),
                                                 midnight_cb, self);
}

static gboolean
midnight_cb (gpointer user_data)
{
  ClosenessCalendarPage *self = user_data;

  self->midnight_source = 0;
  queue_refresh (self);
  schedule_midnight (self);

  return G_SOURCE_REMOVE;
}

/* The month grid and the agenda are built from the events that can have an
 * occurrence in their range (the store's windowed query, on this thread:
 * a few hundred rows at most), expanded on a worker thread. */
static void
start_refresh (ClosenessCalendarPage *self)
{
  g_autoptr(GListStore) shown = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  gint64 from, to, now = g_get_real_time () / G_USEC_PER_SEC;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  /* One expansion covers the month grid and the agenda. */
  closeness_month_view_get_range (CLOSENESS_MONTH_VIEW (self->month_view), &from, &to);
  from = MIN (from, now - 86400);
  to = MAX (to, now + (gint64) AGENDA_DAYS * 86400);

  events = closeness_store_query_events (self->store, from, to, &error);
  if (events == NULL)
    {
      /* Keep what is shown; the next change or month tries again. */
      g_warning ("Could not read the calendar: %s", error->message);
      self->busy = FALSE;
      return;
    }

  g_hash_table_remove_all (self->events_by_id);
  for (guint i = 0; i < events->len; i++)
    {
      ClosenessEvent *event = g_ptr_array_index (events, i);
      gint64 id = closeness_record_get_id (CLOSENESS_RECORD (event));

      g_hash_table_insert (self->events_by_id, g_memdup2 (&id, sizeof id), g_object_ref (event));
    }

  shown = g_list_store_new (CLOSENESS_TYPE_EVENT);
  g_list_store_splice (shown, 0, 0, events->pdata, events->len);

  self->busy = TRUE;
  closeness_recurrence_expand_events_async (G_LIST_MODEL (shown), from, to, MAX_PER_EVENT,
                                            self->cancellable, expand_done_cb, g_object_ref (self));
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  ClosenessCalendarPage *self = user_data;

  self->refresh_source = 0;
  start_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
queue_refresh (ClosenessCalendarPage *self)
{
  self->busy = TRUE;
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_idle_cb, self);
}

static void
set_undo (ClosenessCalendarPage *self,
          UndoDelete            *undo)
{
  g_clear_pointer (&self->undo, undo_delete_free);
  self->undo = undo;
}

static void
undo_clicked_cb (AdwToast              *toast,
                 ClosenessCalendarPage *self)
{
  closeness_calendar_page_undo (self);
}

/* The one place that decides which of the page's actions are enabled. */
static void
update_actions (ClosenessCalendarPage *self)
{
  gboolean writable = self->store != NULL && !closeness_store_get_read_only (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.new", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.import", writable);
}

/* Callbacks */

static void
read_only_changed_cb (ClosenessCalendarPage *self)
{
  update_actions (self);
}

static void
event_notify_cb (ClosenessCalendarPage *self)
{
  queue_refresh (self);
}

/* A changed row is updated in place (a notify, no items-changed): deleting
 * one evening of a series changes the series' exdates that way. */
static void
watch_events (ClosenessCalendarPage *self,
              GListModel            *model,
              guint                  position,
              guint                  added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) event = g_list_model_get_item (model, i);

      if (g_signal_handler_find (event, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                 event_notify_cb, self) == 0)
        g_signal_connect_object (event, "notify", G_CALLBACK (event_notify_cb), self,
                                 G_CONNECT_SWAPPED);
    }
}

static void
events_changed_cb (GListModel            *model,
                   guint                  position,
                   guint                  removed,
                   guint                  added,
                   ClosenessCalendarPage *self)
{
  watch_events (self, model, position, added);
  update_empty (self);
  queue_refresh (self);
}

static void
month_changed_cb (ClosenessCalendarPage *self)
{
  update_title (self);
  queue_refresh (self);
}

static void
day_selected_cb (ClosenessCalendarPage *self)
{
  GDate selected = closeness_month_view_get_selected (CLOSENESS_MONTH_VIEW (self->month_view));

  update_day_list (self);
  if (g_date_valid (&selected))
    closeness_week_view_set_date (self->week_view, &selected);
}

static void
editor_saved_cb (ClosenessEventEditor  *editor,
                 gint64                 event_id,
                 ClosenessCalendarPage *self)
{
  /* A changed title or time updates the row in place (no items-changed):
   * the shown instances are snapshots, so build them again. */
  queue_refresh (self);
  show_toast (self, _("Evening saved"));
}

static void
editor_delete_cb (ClosenessEventEditor  *editor,
                  int                    scope,
                  ClosenessCalendarPage *self)
{
  g_autoptr(GError) error = NULL;
  gint64 *event_id = g_object_get_data (G_OBJECT (editor), "event-id");
  const char *recurrence_id = g_object_get_data (G_OBJECT (editor), "recurrence-id");

  if (event_id == NULL)
    return;

  if (!closeness_calendar_page_delete_instance (self, *event_id, recurrence_id,
                                                scope == CLOSENESS_EDIT_SCOPE_SERIES, &error))
    show_message (self, _("Could Not Delete the Evening"), error->message);
}

/* Until the editor takes a start time for a new evening (asked of its
 * owner), the page sets the editor's time fields itself. */
/* @start: (nullable): for a new evening from the week view, its start */
static void
open_editor (ClosenessCalendarPage *self,
             ClosenessEvent        *event,
             gint64                 start,
             const char            *recurrence_id,
             GDateTime             *new_start)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GDate selected = closeness_month_view_get_selected (CLOSENESS_MONTH_VIEW (self->month_view));
  ClosenessEventEditor *editor;

  editor = closeness_event_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       self->store, event, start, recurrence_id, &selected);
  if (event == NULL && new_start != NULL)
    closeness_event_editor_set_start_time (editor, g_date_time_get_hour (new_start),
                                           g_date_time_get_minute (new_start));
  closeness_event_editor_leave_out_deck (editor, self->closed_deck_id);
  if (event != NULL)
    {
      gint64 id = closeness_record_get_id (CLOSENESS_RECORD (event));

      g_object_set_data_full (G_OBJECT (editor), "event-id", g_memdup2 (&id, sizeof id), g_free);
    }
  g_object_set_data_full (G_OBJECT (editor), "recurrence-id", g_strdup (recurrence_id), g_free);
  g_signal_connect_object (editor, "saved", G_CALLBACK (editor_saved_cb), self, 0);
  g_signal_connect_object (editor, "delete-requested", G_CALLBACK (editor_delete_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

/* From the agenda, the selected day's list or the week view. */
static void
instance_activated_cb (GtkWidget             *view,
                       gint64                 event_id,
                       gint64                 start,
                       const char            *recurrence_id,
                       ClosenessCalendarPage *self)
{
  ClosenessEvent *event = g_hash_table_lookup (self->events_by_id, &event_id);

  if (event != NULL)
    open_editor (self, event, start, recurrence_id, NULL);
}

static gboolean
can_plan (ClosenessCalendarPage *self)
{
  return gtk_widget_is_sensitive (GTK_WIDGET (self)) &&
         !closeness_store_get_read_only (self->store);
}

/* A free day of the month grid was clicked: it is selected already. */
static void
day_activated_cb (ClosenessCalendarPage *self)
{
  if (can_plan (self))
    open_editor (self, NULL, 0, NULL, NULL);
}

static void
slot_activated_cb (ClosenessWeekView     *view,
                   GDateTime             *start,
                   ClosenessCalendarPage *self)
{
  if (!can_plan (self))
    return;

  closeness_month_view_select (CLOSENESS_MONTH_VIEW (self->month_view),
                               g_date_time_get_year (start), g_date_time_get_month (start),
                               g_date_time_get_day_of_month (start), FALSE);
  open_editor (self, NULL, 0, NULL, start);
}

static void
month_toggled_cb (ClosenessCalendarPage *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet,
                                      gtk_toggle_button_get_active (self->month_toggle) ? "month"
                                                                                        : "agenda");
  update_toolbar (self);
}

static void
update_folded (ClosenessCalendarPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  update_toolbar (self);
  if (folded)
    {
      /* The agenda leads in a narrow window. */
      gtk_toggle_button_set_active (self->month_toggle, FALSE);
      adw_leaflet_set_visible_child_name (self->leaflet, "agenda");
    }
}

static gboolean
update_folded_idle_cb (gpointer user_data)
{
  ClosenessCalendarPage *self = user_data;

  self->folded_source = 0;
  update_folded (self);

  return G_SOURCE_REMOVE;
}

/* The leaflet folds while it is being allocated: change the toolbar
 * afterwards, not in the middle of the allocation. */
static void
folded_changed_cb (ClosenessCalendarPage *self)
{
  if (self->folded_source == 0)
    self->folded_source = g_idle_add (update_folded_idle_cb, self);
}

static void
new_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_editor (CLOSENESS_CALENDAR_PAGE (widget), NULL, 0, NULL, NULL);
}

static void
move_month (ClosenessCalendarPage *self,
            int                    delta)
{
  ClosenessMonthView *view = CLOSENESS_MONTH_VIEW (self->month_view);
  int month = closeness_month_view_get_month (view) + delta;
  int year = closeness_month_view_get_year (view);

  if (month < 1)
    {
      month = 12;
      year--;
    }
  else if (month > 12)
    {
      month = 1;
      year++;
    }

  if (year >= 1900 && year <= 2200)
    closeness_month_view_set_month (view, year, month);
}

static void
previous_month_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  move_month (CLOSENESS_CALENDAR_PAGE (widget), -1);
}

static void
next_month_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  move_month (CLOSENESS_CALENDAR_PAGE (widget), 1);
}

static void
move_week (ClosenessCalendarPage *self,
           int                    delta)
{
  ClosenessMonthView *view = CLOSENESS_MONTH_VIEW (self->month_view);
  GDate selected = closeness_month_view_get_selected (view);

  if (!g_date_valid (&selected))
    return;

  if (delta < 0)
    g_date_subtract_days (&selected, 7);
  else
    g_date_add_days (&selected, 7);

  if (g_date_get_year (&selected) >= 1900 && g_date_get_year (&selected) <= 2200)
    closeness_month_view_select (view, g_date_get_year (&selected), g_date_get_month (&selected),
                                 g_date_get_day (&selected), FALSE);
}

/* Previous and Next move by the shown view's unit. */
static void
previous_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ClosenessCalendarPage *self = CLOSENESS_CALENDAR_PAGE (widget);

  if (self->view == CLOSENESS_CALENDAR_VIEW_WEEK)
    move_week (self, -1);
  else
    move_month (self, -1);
}

static void
next_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ClosenessCalendarPage *self = CLOSENESS_CALENDAR_PAGE (widget);

  if (self->view == CLOSENESS_CALENDAR_VIEW_WEEK)
    move_week (self, 1);
  else
    move_month (self, 1);
}

static void
today_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ClosenessCalendarPage *self = CLOSENESS_CALENDAR_PAGE (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  closeness_month_view_select (CLOSENESS_MONTH_VIEW (self->month_view),
                               g_date_time_get_year (now), g_date_time_get_month (now),
                               g_date_time_get_day_of_month (now),
                               self->view == CLOSENESS_CALENDAR_VIEW_MONTH);
}

static void
import_parsed_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ClosenessCalendarPage) self = user_data;
  g_autoptr(ClosenessIcsImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  self->busy = FALSE;
  import = closeness_ics_parse_file_finish (result, &error);
  if (import == NULL || !closeness_ics_import_commit (import, self->store, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, _("Could Not Import the Calendar"), error->message);
      return;
    }

  summary = closeness_ics_import_dup_summary (import);
  show_message (self, _("Calendar Imported"), summary);
}

static void
import_response_cb (GtkNativeDialog       *chooser,
                    int                    response,
                    ClosenessCalendarPage *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    closeness_calendar_page_import_file (self, file);

  g_object_unref (chooser);
}

static void
import_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ClosenessCalendarPage *self = CLOSENESS_CALENDAR_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import Calendar File"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Calendar Files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_response_cb (GtkNativeDialog       *chooser,
                    int                    response,
                    ClosenessCalendarPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL &&
      (path = g_file_get_path (file)) != NULL)
    {
      if (closeness_ics_export_to_file (self->store, 0, path, NULL, &error))
        show_toast (self, _("Calendar exported"));
      else
        show_message (self, _("Could Not Export the Calendar"), error->message);
    }

  g_object_unref (chooser);
}

static void
export_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ClosenessCalendarPage *self = CLOSENESS_CALENDAR_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export Calendar"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("time-together.ics"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject */

static void
closeness_calendar_page_constructed (GObject *object)
{
  ClosenessCalendarPage *self = CLOSENESS_CALENDAR_PAGE (object);

  G_OBJECT_CLASS (closeness_calendar_page_parent_class)->constructed (object);

  g_return_if_fail (CLOSENESS_IS_STORE (self->store));

  g_signal_connect_object (closeness_store_get_events (self->store), "items-changed",
                           G_CALLBACK (events_changed_cb), self, 0);
  watch_events (self, closeness_store_get_events (self->store), 0,
                g_list_model_get_n_items (closeness_store_get_events (self->store)));
  update_empty (self);
  g_signal_connect_object (self->store, "notify::read-only",
                           G_CALLBACK (read_only_changed_cb), self, G_CONNECT_SWAPPED);
  update_actions (self);
  start_refresh (self);
  schedule_midnight (self);
}

static void
closeness_calendar_page_dispose (GObject *object)
{
  ClosenessCalendarPage *self = CLOSENESS_CALENDAR_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->folded_source, g_source_remove);
  g_clear_handle_id (&self->midnight_source, g_source_remove);
  while (self->toasts != NULL && self->toasts->len > 0)
    {
      g_autoptr(AdwToast) toast = g_object_ref (g_ptr_array_index (self->toasts, 0));

      g_ptr_array_remove_index (self->toasts, 0);
      g_signal_handlers_disconnect_by_data (toast, self);
      adw_toast_dismiss (toast);
    }
  g_clear_pointer (&self->toasts, g_ptr_array_unref);
  /* AdwBin unparents its child itself: let go of it before the template. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLOSENESS_TYPE_CALENDAR_PAGE);
  g_clear_object (&self->store);
  g_clear_pointer (&self->instances, g_ptr_array_unref);
  g_clear_pointer (&self->events_by_id, g_hash_table_unref);
  g_clear_pointer (&self->undo, undo_delete_free);

  G_OBJECT_CLASS (closeness_calendar_page_parent_class)->dispose (object);
}

static void
closeness_calendar_page_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ClosenessCalendarPage *self = CLOSENESS_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CLOSED_DECK_ID:
      g_value_set_int64 (value, self->closed_deck_id);
      break;

    case PROP_VIEW:
      g_value_set_enum (value, self->view);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_calendar_page_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ClosenessCalendarPage *self = CLOSENESS_CALENDAR_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_CLOSED_DECK_ID:
      if (self->closed_deck_id != g_value_get_int64 (value))
        {
          self->closed_deck_id = g_value_get_int64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_VIEW:
      closeness_calendar_page_set_view (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_calendar_page_class_init (ClosenessCalendarPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = closeness_calendar_page_constructed;
  object_class->dispose = closeness_calendar_page_dispose;
  object_class->get_property = closeness_calendar_page_get_property;
  object_class->set_property = closeness_calendar_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CLOSENESS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* A deck the couple has not opened: the editor does not offer it as
   * tonight's topic. The window keeps it in step with Conversations. */
  properties[PROP_CLOSED_DECK_ID] =
    g_param_spec_int64 ("closed-deck-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The month grid or the week with its hours ("calendar.view"). */
  properties[PROP_VIEW] =
    g_param_spec_enum ("view", NULL, NULL, CLOSENESS_TYPE_CALENDAR_VIEW,
                       CLOSENESS_CALENDAR_VIEW_MONTH,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CLOSENESS_TYPE_WEEK_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Closeness/closeness-calendar-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, day_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, month_heading);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, month_box);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, agenda_box);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, month_toggle);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, navigation_box);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, previous_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, empty_new_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessCalendarPage, week_view);
  gtk_widget_class_bind_template_callback (widget_class, month_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, instance_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, slot_activated_cb);

  gtk_widget_class_install_action (widget_class, "calendar.new", NULL, new_action_cb);
  gtk_widget_class_install_action (widget_class, "calendar.previous-month", NULL,
                                   previous_month_action_cb);
  gtk_widget_class_install_action (widget_class, "calendar.next-month", NULL,
                                   next_month_action_cb);
  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL, previous_action_cb);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL, next_action_cb);
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, today_action_cb);
  gtk_widget_class_install_property_action (widget_class, "calendar.view", "view");
  gtk_widget_class_install_action (widget_class, "calendar.import", NULL, import_action_cb);
  gtk_widget_class_install_action (widget_class, "calendar.export", NULL, export_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "calendar.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "calendar.today", NULL);
  /* As the switcher's mnemonics, also when a narrow window hides it. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_ALT_MASK,
                                       "calendar.view", "s", "week");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_ALT_MASK,
                                       "calendar.view", "s", "month");
}

static void
closeness_calendar_page_init (ClosenessCalendarPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  closeness_leaflet_fold_at_once_when_shown (self->leaflet);

  self->toasts = g_ptr_array_new_with_free_func (g_object_unref);
  self->events_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

  self->month_view = closeness_month_view_new ();
  gtk_widget_set_vexpand (self->month_view, TRUE);
  gtk_widget_set_size_request (self->month_view, 300, 300);
  gtk_box_insert_child_after (self->month_box, self->month_view, GTK_WIDGET (self->month_heading));
  g_signal_connect_swapped (self->month_view, "month-changed", G_CALLBACK (month_changed_cb), self);
  g_signal_connect_swapped (self->month_view, "day-selected", G_CALLBACK (day_selected_cb), self);
  g_signal_connect_swapped (self->month_view, "day-activated", G_CALLBACK (day_activated_cb), self);

  self->day_list = closeness_agenda_view_new (FALSE);
  closeness_agenda_view_set_empty_text (CLOSENESS_AGENDA_VIEW (self->day_list),
                                        _("Nothing Planned"), NULL);
  gtk_box_append (self->month_box, self->day_list);
  g_signal_connect (self->day_list, "instance-activated", G_CALLBACK (instance_activated_cb), self);

  self->agenda = closeness_agenda_view_new (TRUE);
  gtk_widget_set_vexpand (self->agenda, TRUE);
  gtk_box_append (self->agenda_box, self->agenda);
  g_signal_connect (self->agenda, "instance-activated", G_CALLBACK (instance_activated_cb), self);

  update_title (self);
  update_view (self);
  update_folded (self);
}

/* Public API */

GtkWidget *
closeness_calendar_page_new (ClosenessStore *store)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (store), NULL);

  return g_object_new (CLOSENESS_TYPE_CALENDAR_PAGE, "store", store, NULL);
}

void
closeness_calendar_page_refresh (ClosenessCalendarPage *self)
{
  g_return_if_fail (CLOSENESS_IS_CALENDAR_PAGE (self));

  queue_refresh (self);
}

ClosenessCalendarView
closeness_calendar_page_get_view (ClosenessCalendarPage *self)
{
  g_return_val_if_fail (CLOSENESS_IS_CALENDAR_PAGE (self), CLOSENESS_CALENDAR_VIEW_MONTH);

  return self->view;
}

void
closeness_calendar_page_set_view (ClosenessCalendarPage *self,
                                  ClosenessCalendarView  view)
{
  g_return_if_fail (CLOSENESS_IS_CALENDAR_PAGE (self));

  if (self->view == view)
    return;

  self->view = view;
  update_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

/* TRUE while an expansion is queued or running (tests wait on it). */
gboolean
closeness_calendar_page_is_busy (ClosenessCalendarPage *self)
{
  return self->busy || self->refresh_source != 0;
}

/**
 * closeness_calendar_page_delete_instance:
 * @whole_series: delete the series (and its edited occurrences), or only
 *   the occurrence @recurrence_id
 *
 * Deletes and offers Undo in a toast.
 */
gboolean
closeness_calendar_page_delete_instance (ClosenessCalendarPage  *self,
                                         gint64                  event_id,
                                         const char             *recurrence_id,
                                         gboolean                whole_series,
                                         GError                **error)
{
  g_autoptr(ClosenessEvent) event = find_event (self, event_id);
  g_autoptr(ClosenessEvent) series = NULL;
  g_autoptr(UndoDelete) undo = g_new0 (UndoDelete, 1);
  GListModel *events = closeness_store_get_events (self->store);
  const char *own_rid;
  AdwToast *toast;

  g_return_val_if_fail (CLOSENESS_IS_CALENDAR_PAGE (self), FALSE);

  if (event == NULL)
    {
      g_set_error_literal (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_NOT_FOUND,
                           _("The evening no longer exists."));
      return FALSE;
    }

  undo->deleted = g_array_new (FALSE, FALSE, sizeof (gint64));
  own_rid = closeness_event_get_recurrence_id (event);

  /* The series row of this uid, if there is one. */
  for (guint i = 0; i < g_list_model_get_n_items (events) && series == NULL; i++)
    {
      g_autoptr(ClosenessEvent) other = g_list_model_get_item (events, i);
      const char *rid = closeness_event_get_recurrence_id (other);

      if (g_strcmp0 (closeness_event_get_uid (other), closeness_event_get_uid (event)) == 0 &&
          (rid == NULL || rid[0] == '\0'))
        series = g_steal_pointer (&other);
    }

  if (whole_series || (recurrence_id == NULL && (own_rid == NULL || own_rid[0] == '\0')))
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      /* The series and every edited occurrence of it. */
      for (guint i = 0; i < g_list_model_get_n_items (events); i++)
        {
          g_autoptr(ClosenessEvent) other = g_list_model_get_item (events, i);
          gint64 id = closeness_record_get_id (CLOSENESS_RECORD (other));

          if (g_strcmp0 (closeness_event_get_uid (other), closeness_event_get_uid (event)) == 0)
            g_array_append_val (ids, id);
        }

      for (guint i = 0; i < ids->len; i++)
        {
          gint64 id = g_array_index (ids, gint64, i);

          if (!closeness_store_delete_event (self->store, id, error))
            {
              set_undo (self, g_steal_pointer (&undo));
              closeness_calendar_page_undo (self);
              return FALSE;
            }
          g_array_append_val (undo->deleted, id);
        }
    }
  else
    {
      const char *rid = own_rid != NULL && own_rid[0] != '\0' ? own_rid : recurrence_id;

      if (series != NULL)
        {
          g_autofree char *exdates = closeness_recurrence_add_exdate (closeness_event_get_exdates (series),
                                                                      rid);
          ClosenessEventInfo info;

          info_from_event (series, &info);
          undo->series_id = closeness_record_get_id (CLOSENESS_RECORD (series));
          undo->old_exdates = g_strdup (info.exdates);
          info.exdates = exdates;
          if (!closeness_store_update_event (self->store, undo->series_id, &info, error))
            return FALSE;
        }

      if (own_rid != NULL && own_rid[0] != '\0')
        {
          if (!closeness_store_delete_event (self->store, event_id, error))
            {
              set_undo (self, g_steal_pointer (&undo));
              closeness_calendar_page_undo (self);
              return FALSE;
            }
          g_array_append_val (undo->deleted, event_id);
        }
    }

  set_undo (self, g_steal_pointer (&undo));

  toast = closeness_toast_new (whole_series ? _("Evenings deleted") : _("Evening deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  add_toast (self, toast);

  return TRUE;
}

/**
 * closeness_calendar_page_import_file:
 *
 * Reads @file off the UI thread, saves its events in one transaction and
 * says what was imported and what was left out (and why) in a dialog.
 */
void
closeness_calendar_page_import_file (ClosenessCalendarPage *self,
                                     GFile                 *file)
{
  g_return_if_fail (CLOSENESS_IS_CALENDAR_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  self->busy = TRUE;
  closeness_ics_parse_file_async (file, self->cancellable, import_parsed_cb, g_object_ref (self));
}

/* Restores what the last delete removed. */
void
closeness_calendar_page_undo (ClosenessCalendarPage *self)
{
  g_autoptr(UndoDelete) undo = g_steal_pointer (&self->undo);
  g_autoptr(GError) error = NULL;

  if (undo == NULL)
    return;

  for (guint i = 0; undo->deleted != NULL && i < undo->deleted->len; i++)
    if (!closeness_store_undelete_event (self->store, g_array_index (undo->deleted, gint64, i),
                                         &error))
      break;

  if (error == NULL && undo->series_id > 0)
    {
      g_autoptr(ClosenessEvent) series = find_event (self, undo->series_id);
      ClosenessEventInfo info;

      if (series != NULL)
        {
          info_from_event (series, &info);
          info.exdates = undo->old_exdates;
          closeness_store_update_event (self->store, undo->series_id, &info, &error);
        }
    }

  if (error != NULL)
    show_message (self, _("Could Not Restore the Evening"), error->message);
}
