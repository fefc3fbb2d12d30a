/* closeness-calendar-page-actions.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the couple does on the "Time together" page, as the page's calendar.*
 * actions: planning and editing an evening, deleting one (with Undo), moving
 * through months and weeks, importing and exporting .ics files.
 * closeness_calendar_page_update_actions() decides which are enabled.
 */

#define G_LOG_DOMAIN "closeness-calendar"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-calendar-page-private.h"
#include "closeness-event-editor.h"
#include "closeness-message.h"
#include "closeness-ics.h"
#include "closeness-month-view.h"
#include "closeness-recurrence.h"
#include "closeness-week-view.h"
#include "closeness-toast.h"
#include "closeness-undo.h"

struct _UndoDelete
{
  GArray *deleted;        /* gint64 ids to undelete */
  gint64  series_id;      /* series whose exdates to restore, or 0 */
  char   *old_exdates;
};

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

static void
editor_saved_cb (ClosenessEventEditor  *editor,
                 gint64                 event_id,
                 ClosenessCalendarPage *self)
{
  /* A changed title or time updates the row in place (no items-changed):
   * the shown instances are snapshots, so build them again. */
  closeness_calendar_page_queue_refresh (self);
  closeness_calendar_page_show_toast (self, _("Evening saved"));
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
    closeness_message_show (GTK_WIDGET (self), _("Could Not Delete the Evening"),
                            error->message);
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

/* Actions */

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
        closeness_message_show (GTK_WIDGET (self), _("Could Not Import the Calendar"),
                                error->message);
      return;
    }

  summary = closeness_ics_import_dup_summary (import);
  closeness_message_show (GTK_WIDGET (self), _("Calendar Imported"), summary);
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
        closeness_calendar_page_show_toast (self, _("Calendar exported"));
      else
        closeness_message_show (GTK_WIDGET (self), _("Could Not Export the Calendar"),
                                error->message);
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

/* Shared with closeness-calendar-page.c */

void
_closeness_calendar_page_class_actions_init (GtkWidgetClass *widget_class)
{
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

void
_closeness_calendar_page_init_actions (ClosenessCalendarPage *self)
{
  g_signal_connect_swapped (self->month_view, "day-activated", G_CALLBACK (day_activated_cb), self);
  g_signal_connect (self->day_list, "instance-activated", G_CALLBACK (instance_activated_cb), self);
  g_signal_connect (self->agenda, "instance-activated", G_CALLBACK (instance_activated_cb), self);
}

void
_closeness_calendar_page_dispose_actions (ClosenessCalendarPage *self)
{
  g_clear_pointer (&self->undo, undo_delete_free);
}

/* The one place that decides which of the page's actions are enabled. */
void
closeness_calendar_page_update_actions (ClosenessCalendarPage *self)
{
  gboolean writable = self->store != NULL && !closeness_store_get_read_only (self->store);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.new", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "calendar.import", writable);
}

/* Public API */

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
  g_autofree char *summary = NULL;
  gboolean repeats;
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
  summary = g_strdup (closeness_event_get_summary (event));
  repeats = whole_series && closeness_event_get_rrule (event) != NULL
            && closeness_event_get_rrule (event)[0] != '\0';

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
          g_autofree char *exdates =
            closeness_recurrence_add_exdate (closeness_event_get_exdates (series), rid);
          ClosenessEventInfo info;

          closeness_event_get_info (series, &info);
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

  {
    /* Translators: a toast after deleting an evening (or a repeating one), with Undo */
    g_autofree char *title = g_strdup_printf (repeats ? _("“%s” deleted, every time it repeats")
                                                           : _("“%s” deleted"),
                                              summary);

    toast = closeness_undo_toast_new (GTK_WIDGET (self), title);
    adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  }
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  closeness_calendar_page_add_toast (self, toast);

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
          closeness_event_get_info (series, &info);
          info.exdates = undo->old_exdates;
          closeness_store_update_event (self->store, undo->series_id, &info, &error);
        }
    }

  if (error != NULL)
    closeness_message_show (GTK_WIDGET (self), _("Could Not Restore the Evening"),
                            error->message);
}
