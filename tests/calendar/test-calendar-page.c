/* test-calendar-page.c: the calendar page as a person uses it, under Xvfb.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <math.h>
#include <locale.h>
#include <string.h>

#include "calendar/closeness-agenda-view.h"
#include "calendar/closeness-calendar-logic.h"
#include "calendar/closeness-calendar-page.h"
#include "calendar/closeness-event-editor.h"
#include "calendar/closeness-ics.h"
#include "calendar/closeness-month-cell.h"
#include "calendar/closeness-month-view.h"
#include "calendar/closeness-week-grid.h"
#include "calendar/closeness-week-view.h"
#include "closeness-test-utils.h"

#define CORPUS SOURCE_DIR "/../fuzz/corpus/ics"

static ClosenessStore *store;
static GtkWindow *window;
static ClosenessCalendarPage *page;

static void
wait_idle (void)
{
  for (guint i = 0; i < 100 && closeness_calendar_page_is_busy (page); i++)
    closeness_test_iterate (20);
  closeness_test_iterate (50);
}

static ClosenessAgendaView *
agenda (void)
{
  GtkWidget *box = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (page), CLOSENESS_TYPE_CALENDAR_PAGE,
                                                  "agenda_box");

  return CLOSENESS_AGENDA_VIEW (closeness_test_find_of_type (box, CLOSENESS_TYPE_AGENDA_VIEW));
}

static ClosenessMonthView *
month_view (void)
{
  return CLOSENESS_MONTH_VIEW (closeness_test_find_of_type (GTK_WIDGET (page), CLOSENESS_TYPE_MONTH_VIEW));
}

static guint
n_events (void)
{
  return g_list_model_get_n_items (closeness_store_get_events (store));
}

static void
add_sample_evenings (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%dT21:00:00");
  g_autofree char *next = g_date_time_format (tomorrow, "%Y-%m-%dT19:30:00");
  ClosenessEventInfo info = { 0, };
  g_autoptr(ClosenessEvent) a = NULL;
  g_autoptr(ClosenessEvent) b = NULL;

  info.summary = "Time together";
  info.dtstart = today;
  info.tzid = "Europe/Berlin";
  info.duration_minutes = 30;
  info.rrule = "FREQ=WEEKLY;BYDAY=MO,WE,FR,SA";
  info.planned_by = CLOSENESS_PLANNED_BY_BOTH;
  a = closeness_store_create_event (store, &info, NULL);
  info.summary = "Walk by the river";
  info.dtstart = next;
  info.rrule = NULL;
  b = closeness_store_create_event (store, &info, NULL);
  g_assert_nonnull (a);
  g_assert_nonnull (b);
}

/* The weekly series of add_sample_evenings(), wherever other tests' events
 * sort before it (they start at times that depend on the clock). */
static ClosenessEvent *
find_sample_series (void)
{
  GListModel *events = closeness_store_get_events (store);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(ClosenessEvent) event = g_list_model_get_item (events, i);

      if (g_strcmp0 (closeness_event_get_rrule (event), "FREQ=WEEKLY;BYDAY=MO,WE,FR,SA") == 0)
        return g_steal_pointer (&event);
    }

  g_assert_not_reached ();
}

static void
saved_cb (ClosenessEventEditor *editor,
          gint64                event_id,
          gint64               *out)
{
  *out = event_id;
}

static ClosenessEvent *
event_by_id (gint64 id)
{
  GListModel *events = closeness_store_get_events (store);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(ClosenessEvent) event = g_list_model_get_item (events, i);

      if (closeness_record_get_id (CLOSENESS_RECORD (event)) == id)
        return g_steal_pointer (&event);
    }

  return NULL;
}

static void
test_create_edit_delete_undo (void)
{
  ClosenessEventEditor *editor;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessEvent) event = NULL;
  GtkWidget *title_row, *duration;
  guint before = n_events ();
  gint64 saved_id = 0;
  GDate day;

  /* Create with the defaults: "Time together", 30 minutes. */
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 21, 11, 2026);
  editor = closeness_event_editor_new (window, store, NULL, 0, NULL, &day);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved_id);
  gtk_window_present (GTK_WINDOW (editor));
  closeness_test_iterate (300);
  {
    g_autofree char *shot = closeness_test_screenshot (GTK_WIDGET (editor), "calendar-editor");

    g_assert_nonnull (shot);
  }
  g_assert_true (closeness_event_editor_save (editor, CLOSENESS_EDIT_SCOPE_SERIES, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (editor));
  wait_idle ();
  g_assert_cmpuint (n_events (), ==, before + 1);
  event = event_by_id (saved_id);
  g_assert_nonnull (event);
  g_assert_cmpstr (closeness_event_get_dtstart (event), ==, "2026-11-21T21:00:00");
  g_assert_cmpstr (closeness_event_get_summary (event), ==, "Time together");
  g_assert_cmpint (closeness_event_get_duration_minutes (event), ==, 30);
  g_assert_true (g_str_has_prefix (closeness_event_get_ical_raw (event), "BEGIN:VEVENT"));
  g_assert_true (g_str_has_suffix (closeness_event_get_uid (event), "@closeness"));

  /* Bad input: an empty title and a negative duration save nothing. */
  editor = closeness_event_editor_new (window, store, event, 0, NULL, NULL);
  title_row = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor), CLOSENESS_TYPE_EVENT_EDITOR, "title_row");
  duration = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor), CLOSENESS_TYPE_EVENT_EDITOR, "duration_spin");
  gtk_editable_set_text (GTK_EDITABLE (title_row), "");
  g_assert_false (closeness_event_editor_save (editor, CLOSENESS_EDIT_SCOPE_SERIES, &error));
  g_clear_error (&error);
  g_assert_false (gtk_widget_get_sensitive ((GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                                           CLOSENESS_TYPE_EVENT_EDITOR,
                                                                           "save_button")));
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Stargazing");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (duration), -15);
  g_assert_false (closeness_event_editor_save (editor, CLOSENESS_EDIT_SCOPE_SERIES, &error));
  g_clear_error (&error);
  g_assert_cmpstr (closeness_event_get_summary (event), ==, "Time together");

  /* Edit. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (duration), 45);
  g_assert_true (closeness_event_editor_save (editor, CLOSENESS_EDIT_SCOPE_SERIES, &error));
  gtk_window_destroy (GTK_WINDOW (editor));
  wait_idle ();
  g_assert_cmpstr (closeness_event_get_summary (event), ==, "Stargazing");
  g_assert_cmpint (closeness_event_get_duration_minutes (event), ==, 45);

  /* Delete, then Undo. */
  g_assert_true (closeness_calendar_page_delete_instance (page, closeness_record_get_id (CLOSENESS_RECORD (event)),
                                                          NULL, TRUE, &error));
  wait_idle ();
  g_assert_cmpuint (n_events (), ==, before);
  closeness_calendar_page_undo (page);
  wait_idle ();
  g_assert_cmpuint (n_events (), ==, before + 1);
}

static void
test_delete_one_occurrence (void)
{
  g_autoptr(ClosenessEvent) series = find_sample_series ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) occurrences = closeness_recurrence_expand (series, g_get_real_time () / G_USEC_PER_SEC - 86400,
                                                               G_MAXINT32, 3, NULL);
  const char *rid;

  g_assert_cmpuint (occurrences->len, >, 1);
  rid = g_array_index (occurrences, ClosenessOccurrence, 1).recurrence_id;
  g_assert_true (closeness_calendar_page_delete_instance (page, closeness_record_get_id (CLOSENESS_RECORD (series)),
                                                          rid, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (closeness_recurrence_has_exdate (closeness_event_get_exdates (series), rid));
  closeness_calendar_page_undo (page);
  g_assert_false (closeness_recurrence_has_exdate (closeness_event_get_exdates (series), rid));
  wait_idle ();
}

static void
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  g_assert_true (handled);
}

static void
test_keyboard_navigation (void)
{
  ClosenessMonthView *view = month_view ();
  GtkWidget *label = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (page), CLOSENESS_TYPE_CALENDAR_PAGE,
                                                    "title_label");
  GDate selected;

  closeness_month_view_select (view, 2026, 11, 30, TRUE);
  press_key (GTK_WIDGET (view), GDK_KEY_Right);
  selected = closeness_month_view_get_selected (view);
  g_assert_cmpint (g_date_get_month (&selected), ==, 12);
  g_assert_cmpint (g_date_get_day (&selected), ==, 1);
  g_assert_cmpint (closeness_month_view_get_month (view), ==, 12);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "December 2026");

  press_key (GTK_WIDGET (view), GDK_KEY_Up);
  selected = closeness_month_view_get_selected (view);
  g_assert_cmpint (g_date_get_day (&selected), ==, 24);
  g_assert_cmpint (g_date_get_month (&selected), ==, 11);

  press_key (GTK_WIDGET (view), GDK_KEY_Page_Down);
  g_assert_cmpint (closeness_month_view_get_month (view), ==, 12);

  gtk_widget_activate_action (GTK_WIDGET (page), "calendar.previous-month", NULL);
  g_assert_cmpint (closeness_month_view_get_month (view), ==, 11);
  gtk_widget_activate_action (GTK_WIDGET (page), "calendar.next-month", NULL);
  g_assert_cmpint (closeness_month_view_get_month (view), ==, 12);
  gtk_widget_activate_action (GTK_WIDGET (page), "calendar.today", NULL);
  wait_idle ();
}

/* "This evening only" makes an edited occurrence; "all evenings" changes
 * the series and keeps its first date. */
static void
test_edit_occurrence_and_series (void)
{
  g_autoptr(ClosenessEvent) series = NULL;
  g_autoptr(ClosenessEvent) edited = NULL;
  g_autoptr(GArray) occurrences = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *series_start = NULL;
  ClosenessEventEditor *editor;
  ClosenessOccurrence *second;
  GtkWidget *title_row;
  gint64 saved_id = 0;

  series = find_sample_series ();
  series_start = g_strdup (closeness_event_get_dtstart (series));
  occurrences = closeness_recurrence_expand (series, g_get_real_time () / G_USEC_PER_SEC,
                                             G_MAXINT32, 3, NULL);
  second = &g_array_index (occurrences, ClosenessOccurrence, 1);

  editor = closeness_event_editor_new (window, store, series, second->start_utc,
                                       second->recurrence_id, NULL);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved_id);
  g_assert_true (closeness_event_editor_is_recurring (editor));
  gtk_window_present (GTK_WINDOW (editor));
  closeness_test_resize (GTK_WINDOW (editor), 360, 720);
  {
    g_autofree char *shot = closeness_test_screenshot (GTK_WIDGET (editor), "calendar-editor-series-360");

    g_assert_nonnull (shot);
  }
  title_row = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                           CLOSENESS_TYPE_EVENT_EDITOR, "title_row");
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Just this once");
  g_assert_true (closeness_event_editor_save (editor, CLOSENESS_EDIT_SCOPE_THIS, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (editor));
  wait_idle ();

  edited = event_by_id (saved_id);
  g_assert_nonnull (edited);
  g_assert_true (edited != series);
  g_assert_cmpstr (closeness_event_get_uid (edited), ==, closeness_event_get_uid (series));
  g_assert_cmpstr (closeness_event_get_recurrence_id (edited), ==, second->recurrence_id);
  g_assert_cmpstr (closeness_event_get_rrule (edited), ==, "");
  g_assert_cmpstr (closeness_event_get_summary (series), ==, "Time together");

  /* Editing the edited evening for "all evenings" changes the series. */
  editor = closeness_event_editor_new (window, store, edited, 0, NULL, NULL);
  g_assert_true (closeness_event_editor_is_recurring (editor));
  title_row = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                           CLOSENESS_TYPE_EVENT_EDITOR, "title_row");
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Our evening");
  g_assert_true (closeness_event_editor_save (editor, CLOSENESS_EDIT_SCOPE_SERIES, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (editor));
  wait_idle ();
  g_assert_cmpstr (closeness_event_get_summary (series), ==, "Our evening");
  g_assert_cmpstr (closeness_event_get_rrule (series), ==, "FREQ=WEEKLY;BYDAY=MO,WE,FR,SA");
  g_assert_cmpstr (closeness_event_get_dtstart (series), ==, series_start);
  g_assert_cmpstr (closeness_event_get_summary (edited), ==, "Just this once");

  /* The agenda shows the edited evening in place of the occurrence, as
   * part of its series. */
  g_assert_cmpuint (closeness_agenda_view_get_n_rows (agenda ()), >, 2);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < closeness_agenda_view_get_n_rows (agenda ()); i++)
      {
        GtkWidget *row = closeness_agenda_view_get_row (agenda (), i);

        if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Just this once") == 0)
          {
            gint64 start = *(gint64 *) g_object_get_data (G_OBJECT (row), "start");
            g_autoptr(GDateTime) day = g_date_time_new_from_unix_local (start);
            g_autofree char *date = g_date_time_format (day, "%A, %-d %B %Y");
            g_autofree char *said = g_strdup_printf ("%s, %s", date, adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
            g_autofree char *wrong = NULL;

            found = TRUE;
            g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                             "Changed, part of a series"));
            /* A screen reader hears the row's date with it. */
            wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, said);
            g_assert_null (wrong);
          }
      }
    g_assert_true (found);
  }
}

static void
test_accessible_day_names (void)
{
  ClosenessMonthView *view = month_view ();
  GtkWidget *button;

  /* A month before every evening of this calendar (they start today). */
  closeness_month_view_select (view, 2020, 11, 21, FALSE);
  wait_idle ();
  button = closeness_month_view_get_day_button (view, 24);
  g_assert_nonnull (button);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Tuesday 24 November, nothing planned");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "November 2020");
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

static ClosenessEventEditor *
find_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (CLOSENESS_IS_EVENT_EDITOR (toplevel))
        return CLOSENESS_EVENT_EDITOR (toplevel);
    }

  return NULL;
}

/* As a person does it: open "Walk by the river" from the agenda, Delete,
 * then Undo. */
static void
test_delete_from_editor_with_undo (void)
{
  ClosenessAgendaView *view = agenda ();
  guint before = n_events ();
  ClosenessEventEditor *editor;
  GtkWidget *row = NULL;
  GtkWidget *delete_button;

  for (guint i = 0; row == NULL && i < closeness_agenda_view_get_n_rows (view); i++)
    {
      GtkWidget *candidate = closeness_agenda_view_get_row (view, i);

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (candidate)),
                     "Walk by the river") == 0)
        row = candidate;
    }
  g_assert_nonnull (row);

  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  closeness_test_iterate (100);
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_assert_false (closeness_event_editor_is_recurring (editor));

  delete_button = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                               CLOSENESS_TYPE_EVENT_EDITOR,
                                                               "delete_button");
  g_assert_true (gtk_widget_get_visible (delete_button));
  g_signal_emit_by_name (delete_button, "clicked");
  wait_idle ();
  g_assert_null (find_editor ());
  g_assert_cmpuint (n_events (), ==, before - 1);

  closeness_calendar_page_undo (page);
  wait_idle ();
  g_assert_cmpuint (n_events (), ==, before);
}

static void
test_import_file (void)
{
  g_autoptr(GFile) good = g_file_new_for_path (CORPUS "/thunderbird-todo-journal.ics");
  g_autoptr(GFile) bad = g_file_new_for_path (CORPUS "/truncated.ics");
  AdwMessageDialog *dialog;
  guint before = n_events ();

  closeness_calendar_page_import_file (page, good);
  wait_idle ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Calendar Imported");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Imported 1 event. Skipped: 1 to-do (VTODO); 1 journal entry (VJOURNAL).");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (n_events (), ==, before + 1);

  closeness_calendar_page_import_file (page, bad);
  wait_idle ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Import the Calendar");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (n_events (), ==, before + 1);
}

static void
test_screenshots (void)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                    CLOSENESS_TYPE_CALENDAR_PAGE,
                                                                    "leaflet"));
  GtkToggleButton *toggle = GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                              CLOSENESS_TYPE_CALENDAR_PAGE,
                                                                              "month_toggle"));
  g_autofree char *shot = NULL;
  GtkWidget *button;
  const char *name;

  closeness_test_resize (window, 1280, 800);
  wait_idle ();
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_cmpuint (closeness_agenda_view_get_n_rows (agenda ()), >, 0);

  /* Today's cell says what is planned. */
  button = gtk_widget_get_focus_child (gtk_widget_get_first_child (GTK_WIDGET (month_view ())));
  (void) button;
  shot = closeness_test_screenshot (GTK_WIDGET (window), "calendar-1280");
  g_assert_nonnull (shot);
  g_clear_pointer (&shot, g_free);

  closeness_test_resize (window, 360, 720);
  wait_idle ();
  g_assert_true (adw_leaflet_get_folded (leaflet));
  name = adw_leaflet_get_visible_child_name (leaflet);
  g_assert_cmpstr (name, ==, "agenda");
  shot = closeness_test_screenshot (GTK_WIDGET (window), "calendar-360-agenda");
  g_assert_nonnull (shot);
  g_clear_pointer (&shot, g_free);

  gtk_toggle_button_set_active (toggle, TRUE);
  closeness_test_iterate (400);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "month");
  shot = closeness_test_screenshot (GTK_WIDGET (window), "calendar-360-month");
  g_assert_nonnull (shot);
  gtk_toggle_button_set_active (toggle, FALSE);
  closeness_test_resize (window, 1280, 800);
}

/* A deck the couple has not opened is not offered as tonight's topic; an
 * evening that already has it keeps it. */
static void
test_closed_deck_not_offered (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessDeck) open_deck = closeness_store_create_deck (store, "Our open deck", "", &error);
  g_autoptr(ClosenessDeck) closed_deck = closeness_store_create_deck (store, "Our closed deck", "", &error);
  gint64 closed_id = closeness_record_get_id (CLOSENESS_RECORD (closed_deck));
  ClosenessEventInfo info = {
    .summary = "Chosen while it was open",
    .dtstart = "2026-12-01T21:00:00",
    .tzid = "Europe/Berlin",
    .duration_minutes = 30,
    .planned_by = CLOSENESS_PLANNED_BY_BOTH,
    .deck_id = closed_id,
  };
  g_autoptr(ClosenessEvent) event = NULL;
  ClosenessEventEditor *editor;
  AdwComboRow *row;
  GListModel *model;
  guint n;

  g_assert_no_error (error);
  g_object_set (page, "closed-deck-id", closed_id, NULL);
  {
    gint64 value = 0;

    g_object_get (page, "closed-deck-id", &value, NULL);
    g_assert_cmpint (value, ==, closed_id);
  }

  /* A new evening: the closed deck is not among the topics. */
  editor = closeness_event_editor_new (window, store, NULL, 0, NULL, NULL);
  closeness_event_editor_leave_out_deck (editor, closed_id);
  row = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (editor), CLOSENESS_TYPE_EVENT_EDITOR, "deck_row"));
  model = adw_combo_row_get_model (row);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), i), !=, "Our closed deck");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), n - 1), ==, "Our open deck");
  gtk_window_destroy (GTK_WINDOW (editor));

  /* An evening that has it keeps it: nothing changes on its own. */
  event = closeness_store_create_event (store, &info, &error);
  g_assert_no_error (error);
  editor = closeness_event_editor_new (window, store, event, 0, NULL, NULL);
  closeness_event_editor_leave_out_deck (editor, closed_id);
  row = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (editor), CLOSENESS_TYPE_EVENT_EDITOR, "deck_row"));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (row)),
                                               adw_combo_row_get_selected (row)), ==, "Our closed deck");
  gtk_window_destroy (GTK_WINDOW (editor));
  wait_idle ();

  g_assert_true (closeness_store_delete_event (store, closeness_record_get_id (CLOSENESS_RECORD (event)), &error));
  g_assert_no_error (error);
  g_object_set (page, "closed-deck-id", (gint64) 0, NULL);
  wait_idle ();
}

/* An imported three-week holiday edited in the editor keeps its length:
 * the editor used to refuse anything over a week, and its minutes field
 * stopped at two weeks. */
static void
test_long_event_keeps_length (void)
{
  g_autoptr(GError) error = NULL;
  ClosenessEventInfo info = {
    .summary = "Three weeks by the sea",
    .dtstart = "2026-07-01",
    .duration_minutes = 21 * 24 * 60,
    .planned_by = CLOSENESS_PLANNED_BY_BOTH,
  };
  g_autoptr(ClosenessEvent) event = closeness_store_create_event (store, &info, &error);
  ClosenessEventEditor *editor;
  GtkWidget *title_row;

  g_assert_no_error (error);
  editor = closeness_event_editor_new (window, store, event, 0, NULL, NULL);
  title_row = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor), CLOSENESS_TYPE_EVENT_EDITOR,
                                                           "title_row");
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Three weeks by the sea, with the kids of friends");
  g_assert_true (closeness_event_editor_save (editor, CLOSENESS_EDIT_SCOPE_SERIES, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (editor));
  wait_idle ();

  g_assert_cmpstr (closeness_event_get_summary (event), ==, "Three weeks by the sea, with the kids of friends");
  g_assert_cmpint (closeness_event_get_duration_minutes (event), ==, 21 * 24 * 60);

  g_assert_true (closeness_store_delete_event (store, closeness_record_get_id (CLOSENESS_RECORD (event)), &error));
  wait_idle ();
}

static gboolean
editor_gone (gpointer user_data)
{
  GtkWindow **editor = user_data;

  return *editor == NULL;
}

/* Saving and deleting through the "Change/Delete a Repeating Evening?"
 * dialog, as a person clicks it: the editor closes once the dialog is done
 * with its response, and no critical is printed (the test aborts on one). */
static void
test_scope_dialog_responses (void)
{
  static const char * const steps[][2] = {
    { "save", "this" }, { "save", "series" }, { "delete", "this" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(ClosenessEvent) series = find_sample_series ();
      g_autoptr(GArray) occurrences = NULL;
      ClosenessOccurrence *second;
      GtkWindow *editor;
      GtkWidget *button;
      AdwMessageDialog *dialog;

      /* Occurrences no earlier test changed: an edited one opens as itself. */
      occurrences = closeness_recurrence_expand (series, g_get_real_time () / G_USEC_PER_SEC,
                                                 G_MAXINT32, 8, NULL);
      second = &g_array_index (occurrences, ClosenessOccurrence, 4 + i);
      editor = GTK_WINDOW (closeness_event_editor_new (window, store, series, second->start_utc,
                                                       second->recurrence_id, NULL));
      g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
      gtk_window_present (editor);
      closeness_test_wait_for_drawn (GTK_WIDGET (editor));

      button = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor), CLOSENESS_TYPE_EVENT_EDITOR,
                                                            g_strcmp0 (steps[i][0], "save") == 0
                                                            ? "save_button" : "delete_button");
      gtk_widget_activate (button);
      dialog = ADW_MESSAGE_DIALOG (closeness_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG));
      adw_message_dialog_response (dialog, steps[i][1]);
      closeness_test_wait_until (editor_gone, &editor, "the editor to close");
      wait_idle ();
    }
}

static gpointer
editor_child (gpointer    editor,
              const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (editor), CLOSENESS_TYPE_EVENT_EDITOR, name);
}

/* Monthly with an end, as a person sets it: the choices are there (and
 * "As imported" is not, for a rule of our own), the time shows on its
 * button, and what is saved repeats that many times; an end date another
 * program wrote is shown, and saving without touching the repeat keeps the
 * rule as it was written. */
static void
test_editor_series_end (void)
{
  static const char * const written = "FREQ=WEEKLY;UNTIL=20270131";
  g_autoptr(GError) error = NULL;
  ClosenessEventEditor *editor;
  GListModel *choices;
  gint64 saved_id = 0;
  g_autoptr(ClosenessEvent) saved = NULL;
  g_autoptr(ClosenessEvent) foreign = NULL;
  g_autoptr(GDateTime) until = NULL;
  GDate day;
  ClosenessEventInfo info = {
    .summary = "Sunday brunch",
    .dtstart = "2026-11-01T11:00:00",
    .tzid = "Europe/Berlin",
    .duration_minutes = 90,
    .rrule = written,
    .planned_by = CLOSENESS_PLANNED_BY_BOTH,
  };

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 31, G_DATE_OCTOBER, 2026);
  editor = closeness_event_editor_new (window, store, NULL, 0, NULL, &day);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved_id);
  gtk_window_present (GTK_WINDOW (editor));
  closeness_test_wait_for_drawn (GTK_WIDGET (editor));

  choices = adw_combo_row_get_model (editor_child (editor, "repeat_row"));
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 7);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 5), ==, "Every month");
  g_assert_cmpstr (gtk_menu_button_get_label (editor_child (editor, "time_button")), ==, "21:00");
  g_assert_false (gtk_widget_get_visible (editor_child (editor, "end_row")));

  adw_combo_row_set_selected (editor_child (editor, "repeat_row"), CLOSENESS_REPEAT_MONTHLY);
  g_assert_true (gtk_widget_get_visible (editor_child (editor, "end_row")));
  adw_combo_row_set_selected (editor_child (editor, "end_row"), CLOSENESS_REPEAT_END_COUNT);
  g_assert_true (gtk_widget_get_visible (editor_child (editor, "count_row")));
  g_assert_false (gtk_widget_get_visible (editor_child (editor, "until_row")));
  gtk_spin_button_set_value (editor_child (editor, "count_spin"), 3);
  gtk_spin_button_set_value (editor_child (editor, "hour_spin"), 19);
  g_assert_cmpstr (gtk_menu_button_get_label (editor_child (editor, "time_button")), ==, "19:00");
  g_assert_true (closeness_event_editor_save (editor, CLOSENESS_EDIT_SCOPE_SERIES, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (editor));
  wait_idle ();

  saved = event_by_id (saved_id);
  g_assert_nonnull (saved);
  g_assert_cmpstr (closeness_event_get_rrule (saved), ==, "FREQ=MONTHLY;COUNT=3");
  g_assert_cmpstr (closeness_event_get_dtstart (saved), ==, "2026-10-31T19:00:00");

  /* A rule another program wrote with an end date. */
  foreign = closeness_store_create_event (store, &info, &error);
  g_assert_no_error (error);
  editor = closeness_event_editor_new (window, store, foreign, 0, NULL, NULL);
  gtk_window_present (GTK_WINDOW (editor));
  closeness_test_wait_for_drawn (GTK_WIDGET (editor));
  g_assert_cmpuint (adw_combo_row_get_selected (editor_child (editor, "repeat_row")), ==,
                    CLOSENESS_REPEAT_WEEKS);
  g_assert_cmpuint (adw_combo_row_get_selected (editor_child (editor, "end_row")), ==,
                    CLOSENESS_REPEAT_END_DATE);
  g_assert_true (gtk_widget_get_visible (editor_child (editor, "until_row")));
  until = gtk_calendar_get_date (editor_child (editor, "until_calendar"));
  g_assert_cmpint (g_date_time_get_day_of_month (until), ==, 31);
  g_assert_cmpint (g_date_time_get_month (until), ==, 1);
  g_assert_cmpint (g_date_time_get_year (until), ==, 2027);
  gtk_editable_set_text (editor_child (editor, "title_row"), "Sunday brunch at the market");
  g_assert_true (closeness_event_editor_save (editor, CLOSENESS_EDIT_SCOPE_SERIES, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (editor));
  wait_idle ();
  g_assert_cmpstr (closeness_event_get_rrule (foreign), ==, written);

  g_assert_true (closeness_store_delete_event (store, saved_id, &error));
  g_assert_true (closeness_store_delete_event (store, closeness_record_get_id (CLOSENESS_RECORD (foreign)),
                                               &error));
  wait_idle ();
}

/* An event another program wrote, edited here: its properties and all its
 * reminders go out again with the new title (the stored component is the
 * source of truth for what Closeness does not show). */
static void
test_editor_keeps_foreign_properties (void)
{
  static const char file[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Nextcloud//EN\r\n"
    "BEGIN:VEVENT\r\nUID:editor-round-trip@nextcloud\r\nDTSTAMP:20260101T000000Z\r\n"
    "DTSTART;TZID=Europe/Berlin:20261010T190000\r\nDTEND;TZID=Europe/Berlin:20261010T210000\r\n"
    "SUMMARY:Dinner\r\nLOCATION:Trattoria\r\nATTENDEE;CN=Sam;PARTSTAT=ACCEPTED:mailto:sam@example.org\r\n"
    "X-NEXTCLOUD-COLOR:#3584e4\r\n"
    "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Dinner\r\nTRIGGER:-PT1H\r\nEND:VALARM\r\n"
    "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Dinner\r\nTRIGGER:-P1D\r\nEND:VALARM\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n";
  g_autoptr(ClosenessIcsImport) import = NULL;
  g_autoptr(ClosenessEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  ClosenessEventEditor *editor;
  GListModel *events = closeness_store_get_events (store);
  GtkWidget *title_row;

  import = closeness_ics_parse (file, strlen (file), &error);
  g_assert_no_error (error);
  g_assert_true (closeness_ics_import_commit (import, store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (events) && event == NULL; i++)
    {
      g_autoptr(ClosenessEvent) candidate = g_list_model_get_item (events, i);

      if (g_strcmp0 (closeness_event_get_uid (candidate), "editor-round-trip@nextcloud") == 0)
        event = g_steal_pointer (&candidate);
    }
  g_assert_nonnull (event);

  editor = closeness_event_editor_new (window, store, event, 0, NULL, NULL);
  title_row = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor), CLOSENESS_TYPE_EVENT_EDITOR,
                                                           "title_row");
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Dinner at the Trattoria");
  g_assert_true (closeness_event_editor_save (editor, CLOSENESS_EDIT_SCOPE_SERIES, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (editor));
  wait_idle ();

  exported = closeness_ics_export (store, closeness_record_get_id (CLOSENESS_RECORD (event)), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (exported, "SUMMARY:Dinner at the Trattoria\r\nLOCATION:Trattoria\r\n"
                                      "ATTENDEE;CN=Sam;PARTSTAT=ACCEPTED:mailto:sam@example.org\r\n"
                                      "X-NEXTCLOUD-COLOR:#3584e4\r\n"));
  g_assert_nonnull (strstr (exported, "DTSTART;TZID=Europe/Berlin:20261010T190000\r\n"
                                      "DTEND;TZID=Europe/Berlin:20261010T210000\r\n"));
  g_assert_nonnull (strstr (exported, "TRIGGER:-PT1H\r\n"));
  g_assert_nonnull (strstr (exported, "TRIGGER:-P1D\r\n"));
  g_assert_nonnull (strstr (exported, "SEQUENCE:1\r\n"));

  g_assert_true (closeness_store_delete_event (store, closeness_record_get_id (CLOSENESS_RECORD (event)), &error));
  wait_idle ();
}

/* Part 2 of the calendar: titles in the month grid, the week view, planning
 * on a free day or slot, the empty state. Waits are on conditions. */

static gboolean
page_idle_cond (gpointer user_data)
{
  return !closeness_calendar_page_is_busy (page);
}

/* The page has its evenings and has drawn them. */
static void
wait_refreshed (void)
{
  closeness_test_wait_until (page_idle_cond, NULL, "the calendar to refresh");
  closeness_test_wait_for_drawn (GTK_WIDGET (window));
}

/* A label below @root that a person sees (mapped) reads @text. */
static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  if (!gtk_widget_get_mapped (root))
    return FALSE;

  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_label (child, text))
      return TRUE;

  return FALSE;
}

/* The button below @root with a label reading @text. */
static GtkWidget *
find_button_with_label (GtkWidget  *root,
                        const char *text)
{
  if (GTK_IS_BUTTON (root))
    {
      for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        for (GtkWidget *label = gtk_widget_get_first_child (child); label != NULL;
             label = gtk_widget_get_next_sibling (label))
          if (GTK_IS_LABEL (label) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) == 0)
            return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static ClosenessEvent *
create_evening (const char *summary,
                const char *dtstart,
                int         minutes)
{
  g_autoptr(GError) error = NULL;
  ClosenessEventInfo info = {
    .summary = summary,
    .dtstart = dtstart,
    .tzid = strlen (dtstart) > 10 ? "Europe/Berlin" : NULL,
    .duration_minutes = minutes,
    .planned_by = CLOSENESS_PLANNED_BY_BOTH,
  };
  ClosenessEvent *event = closeness_store_create_event (store, &info, &error);

  g_assert_no_error (error);
  g_assert_nonnull (event);

  return event;
}

static gpointer
page_child (const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (page), CLOSENESS_TYPE_CALENDAR_PAGE, name);
}

static gboolean
leaflet_still_cond (gpointer user_data)
{
  return !adw_leaflet_get_child_transition_running (user_data);
}

/* In a narrow window the month (or week) is one button away. */
static void
show_month_pane (void)
{
  AdwLeaflet *leaflet = page_child ("leaflet");

  closeness_test_wait_for_drawn (GTK_WIDGET (window));
  if (adw_leaflet_get_folded (leaflet))
    gtk_toggle_button_set_active (page_child ("month_toggle"), TRUE);
  closeness_test_wait_until (leaflet_still_cond, leaflet, "the leaflet to settle");
  closeness_test_wait_for_drawn (GTK_WIDGET (window));
}

static void
hide_month_pane (void)
{
  gtk_toggle_button_set_active (page_child ("month_toggle"), FALSE);
}

static gboolean
cell_has_titles_cond (gpointer user_data)
{
  return closeness_month_cell_get_n_shown (user_data) > 0;
}

static gboolean
cell_compact_cond (gpointer user_data)
{
  return gtk_widget_get_mapped (user_data) && closeness_month_cell_get_compact (user_data);
}

static void
take_screenshot (const char *name)
{
  g_autofree char *shot = closeness_test_screenshot (GTK_WIDGET (window), name);

  g_assert_nonnull (shot);
}

/* Five evenings on Wednesday 10 March 2027, a picnic on the Thursday and a
 * weekend away: what the month and week tests look at. */
static GPtrArray *march_evenings;

static void
add_march_evenings (void)
{
  if (march_evenings != NULL)
    return;

  march_evenings = g_ptr_array_new_with_free_func (g_object_unref);
  for (int i = 1; i <= 5; i++)
    {
      g_autofree char *title = g_strdup_printf ("Evening %d", i);
      g_autofree char *start = g_strdup_printf ("2027-03-10T%02d:00:00", 16 + i);

      g_ptr_array_add (march_evenings, create_evening (title, start, 30));
    }
  g_ptr_array_add (march_evenings, create_evening ("Picnic", "2027-03-11T12:00:00", 60));
  g_ptr_array_add (march_evenings, create_evening ("Weekend away", "2027-03-13", 2 * 24 * 60));
}

static void
test_month_titles (void)
{
  ClosenessMonthView *view = month_view ();
  ClosenessMonthCell *busy, *picnic, *weekend;
  g_autofree char *more = NULL;
  guint shown;

  add_march_evenings ();
  closeness_test_resize (window, 1280, 800);
  closeness_month_view_select (view, 2027, 3, 1, FALSE);
  wait_refreshed ();

  /* A day with one evening shows its time and title. */
  picnic = CLOSENESS_MONTH_CELL (closeness_month_view_get_day_cell (view, 11));
  closeness_test_wait_until (cell_has_titles_cond, picnic, "the titles of 11 March");
  g_assert_true (shows_label (GTK_WIDGET (picnic), "12:00"));
  g_assert_true (shows_label (GTK_WIDGET (picnic), "Picnic"));

  /* A weekend away is on both its days, without a time. */
  weekend = CLOSENESS_MONTH_CELL (closeness_month_view_get_day_cell (view, 14));
  g_assert_true (shows_label (GTK_WIDGET (weekend), "Weekend away"));
  g_assert_true (shows_label (closeness_month_view_get_day_cell (view, 13), "Weekend away"));
  g_assert_false (shows_label (GTK_WIDGET (weekend), "00:00"));
  g_assert_false (shows_label (closeness_month_view_get_day_cell (view, 15), "Weekend away"));

  /* Six evenings (the five and the weekly series) do not fit: the first
   * ones, then "+N more". */
  busy = CLOSENESS_MONTH_CELL (closeness_month_view_get_day_cell (view, 10));
  shown = closeness_month_cell_get_n_shown (busy);
  g_assert_cmpuint (closeness_month_cell_get_n_entries (busy), ==, 6);
  g_assert_cmpuint (shown, >=, 1);
  g_assert_cmpuint (shown, <, 6);
  g_assert_true (shows_label (GTK_WIDGET (busy), "Evening 1"));
  g_assert_true (shows_label (GTK_WIDGET (busy), "17:00"));
  g_assert_false (shows_label (GTK_WIDGET (busy), "Evening 5"));
  more = g_strdup_printf ("+%u more", 6 - shown);
  g_assert_true (shows_label (GTK_WIDGET (busy), more));

  /* The day stays one button that says what it holds. */
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (closeness_month_view_get_day_button (view, 10)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Wednesday 10 March, 6 evenings planned");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (closeness_month_view_get_day_button (view, 14)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Sunday 14 March, 1 evening planned");
  take_screenshot ("calendar-month-titles-1280");

  /* Too narrow for titles: a dot, or how many. */
  closeness_test_resize (window, 600, 800);
  show_month_pane ();
  closeness_test_wait_until (cell_compact_cond, busy, "the compact cells at 600 px");
  take_screenshot ("calendar-month-titles-600");

  closeness_test_resize (window, 360, 720);
  show_month_pane ();
  closeness_test_wait_until (cell_compact_cond, busy, "the compact cells at 360 px");
  g_assert_true (shows_label (GTK_WIDGET (busy), "6"));
  g_assert_false (shows_label (GTK_WIDGET (busy), "Evening 1"));
  g_assert_cmpuint (closeness_month_cell_get_n_shown (picnic), ==, 0);
  take_screenshot ("calendar-month-titles-360");

  hide_month_pane ();
  closeness_test_resize (window, 1280, 800);
}

typedef struct
{
  GtkWidget *widget;
  GtkWidget *target;
} BoundsWait;

static gboolean
allocated_cond (gpointer user_data)
{
  BoundsWait *wait = user_data;
  graphene_rect_t bounds;

  return gtk_widget_get_mapped (wait->widget) &&
         gtk_widget_compute_bounds (wait->widget, wait->target, &bounds) &&
         bounds.size.width > 1;
}

static void
assert_block_at (GtkWidget  *grid,
                 const char *title,
                 int         column,
                 int         hour,
                 int         minutes)
{
  GtkWidget *block = find_button_with_label (grid, title);
  BoundsWait wait = { block, grid };
  double width;
  graphene_rect_t bounds;

  g_assert_nonnull (block);
  closeness_test_wait_until (allocated_cond, &wait, "a block of the week to be placed");
  g_assert_true (gtk_widget_compute_bounds (block, grid, &bounds));
  width = (gtk_widget_get_width (grid) - CLOSENESS_WEEK_GRID_GUTTER) / 7.0;

  g_assert_cmpfloat (bounds.origin.x, >=, CLOSENESS_WEEK_GRID_GUTTER + column * width);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=,
                     CLOSENESS_WEEK_GRID_GUTTER + (column + 1) * width + 1);
  g_assert_cmpfloat (fabs (bounds.origin.y - hour * CLOSENESS_WEEK_GRID_HOUR_HEIGHT), <=, 2);
  g_assert_cmpfloat (fabs (bounds.size.height - minutes * CLOSENESS_WEEK_GRID_HOUR_HEIGHT / 60.0), <=, 3);
}

static void
test_week_view (void)
{
  ClosenessMonthView *view = month_view ();
  ClosenessWeekView *week = page_child ("week_view");
  GtkWidget *grid = closeness_week_view_get_grid (week);
  GtkWidget *bar, *days;
  int column, row, width, height;
  GDate first;

  add_march_evenings ();
  closeness_test_resize (window, 1280, 800);
  closeness_month_view_select (view, 2027, 3, 10, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (page), "calendar.view", "s", "week");
  g_assert_cmpint (closeness_calendar_page_get_view (page), ==, CLOSENESS_CALENDAR_VIEW_WEEK);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child ("view_stack")), ==, "week");
  wait_refreshed ();

  first = closeness_week_view_get_first_day (week);
  g_assert_cmpint (g_date_get_day (&first), ==, 8);

  /* Wednesday is the third column; Evening 3 starts at 19:00 for half an
   * hour; the picnic on Thursday at noon for an hour. */
  assert_block_at (grid, "Evening 3", 2, 19, 30);
  assert_block_at (grid, "Picnic", 3, 12, 60);
  g_assert_null (find_button_with_label (grid, "Weekend away"));

  /* The weekend away is a bar over Saturday and Sunday. */
  bar = find_button_with_label (GTK_WIDGET (week), "Weekend away");
  g_assert_nonnull (bar);
  days = gtk_widget_get_parent (bar);
  gtk_grid_query_child (GTK_GRID (days), bar, &column, &row, &width, &height);
  g_assert_cmpint (column, ==, 5);
  g_assert_cmpint (width, ==, 2);
  g_assert_cmpint (row, >=, 1);
  take_screenshot ("calendar-week-1280");

  /* Previous and Next move by a week. */
  gtk_widget_activate_action (GTK_WIDGET (page), "calendar.next", NULL);
  first = closeness_week_view_get_first_day (week);
  g_assert_cmpint (g_date_get_day (&first), ==, 15);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (page_child ("next_button")), ==, "Next Week");
  gtk_widget_activate_action (GTK_WIDGET (page), "calendar.previous", NULL);
  first = closeness_week_view_get_first_day (week);
  g_assert_cmpint (g_date_get_day (&first), ==, 8);
  wait_refreshed ();

  closeness_test_resize (window, 600, 800);
  show_month_pane ();
  closeness_test_wait_for_visible (grid, TRUE);
  assert_block_at (grid, "Evening 3", 2, 19, 30);
  take_screenshot ("calendar-week-600");

  closeness_test_resize (window, 360, 720);
  show_month_pane ();
  assert_block_at (grid, "Evening 3", 2, 19, 30);
  take_screenshot ("calendar-week-360");
  hide_month_pane ();
  closeness_test_resize (window, 1280, 800);

  gtk_widget_activate_action (GTK_WIDGET (page), "calendar.view", "s", "month");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child ("view_stack")), ==, "month");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (page_child ("next_button")), ==, "Next Month");
}

static gboolean
window_gone_cond (gpointer user_data)
{
  return closeness_test_find_window (GPOINTER_TO_SIZE (user_data)) == NULL;
}

/* The editor that opened, checked for its date and start, then closed. */
static void
assert_editor_opens_at (int year,
                        int month,
                        int day,
                        int hour,
                        int minute)
{
  GtkWidget *editor = GTK_WIDGET (closeness_test_wait_for_window (CLOSENESS_TYPE_EVENT_EDITOR));
  GtkCalendar *calendar = GTK_CALENDAR (gtk_widget_get_template_child (editor, CLOSENESS_TYPE_EVENT_EDITOR,
                                                                       "calendar"));
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);

  g_assert_false (closeness_event_editor_is_recurring (CLOSENESS_EVENT_EDITOR (editor)));
  g_assert_cmpint (g_date_time_get_year (date), ==, year);
  g_assert_cmpint (g_date_time_get_month (date), ==, month);
  g_assert_cmpint (g_date_time_get_day_of_month (date), ==, day);
  if (hour >= 0)
    {
      GtkSpinButton *hour_spin = GTK_SPIN_BUTTON (gtk_widget_get_template_child (editor, CLOSENESS_TYPE_EVENT_EDITOR,
                                                                                 "hour_spin"));
      GtkSpinButton *minute_spin = GTK_SPIN_BUTTON (gtk_widget_get_template_child (editor, CLOSENESS_TYPE_EVENT_EDITOR,
                                                                                   "minute_spin"));

      g_assert_cmpint (gtk_spin_button_get_value_as_int (hour_spin), ==, hour);
      g_assert_cmpint (gtk_spin_button_get_value_as_int (minute_spin), ==, minute);
    }

  gtk_window_destroy (GTK_WINDOW (editor));
  closeness_test_wait_until (window_gone_cond, GSIZE_TO_POINTER (CLOSENESS_TYPE_EVENT_EDITOR),
                             "the editor to close");
}

static void
release_on (GtkWidget *widget,
            double     x,
            double     y)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean released = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        {
          g_signal_emit_by_name (controller, "released", 1, x, y);
          released = TRUE;
        }
    }
  g_assert_true (released);
}

static void
test_plan_on_free_day_and_slot (void)
{
  ClosenessMonthView *view = month_view ();
  ClosenessWeekView *week = page_child ("week_view");
  GtkWidget *grid = closeness_week_view_get_grid (week);
  double width;

  add_march_evenings ();
  closeness_test_resize (window, 1280, 800);
  closeness_month_view_select (view, 2027, 3, 1, FALSE);
  wait_refreshed ();

  /* Tuesday 23 March has nothing planned: a click plans an evening there. */
  g_signal_emit_by_name (closeness_month_view_get_day_button (view, 23), "clicked");
  assert_editor_opens_at (2027, 3, 23, -1, -1);

  /* A day with evenings is selected and lists them; no editor. */
  g_signal_emit_by_name (closeness_month_view_get_day_button (view, 10), "clicked");
  closeness_test_settle ();
  g_assert_null (closeness_test_find_window (CLOSENESS_TYPE_EVENT_EDITOR));

  /* In the week, a click at Thursday 19:10 plans one at 19:00. */
  closeness_month_view_select (view, 2027, 3, 18, FALSE);
  closeness_calendar_page_set_view (page, CLOSENESS_CALENDAR_VIEW_WEEK);
  wait_refreshed ();
  closeness_test_wait_for_visible (grid, TRUE);
  closeness_test_wait_for_drawn (grid);
  width = (gtk_widget_get_width (grid) - CLOSENESS_WEEK_GRID_GUTTER) / 7.0;
  release_on (grid, CLOSENESS_WEEK_GRID_GUTTER + 3.5 * width,
              19 * CLOSENESS_WEEK_GRID_HOUR_HEIGHT + CLOSENESS_WEEK_GRID_HOUR_HEIGHT / 4);
  assert_editor_opens_at (2027, 3, 18, 19, 0);

  closeness_calendar_page_set_view (page, CLOSENESS_CALENDAR_VIEW_MONTH);
}

typedef struct
{
  ClosenessMonthCell  *cell;
  guint                n_entries;
  ClosenessAgendaView *agenda;
  gint64               event_id;
  gint64               start;
  gboolean             listed;
} OccurrenceWait;

static gboolean
agenda_lists (ClosenessAgendaView *view,
              gint64               event_id,
              gint64               start)
{
  for (guint i = 0; i < closeness_agenda_view_get_n_rows (view); i++)
    {
      GObject *row = G_OBJECT (closeness_agenda_view_get_row (view, i));

      if (*(gint64 *) g_object_get_data (row, "event-id") == event_id &&
          *(gint64 *) g_object_get_data (row, "start") == start)
        return TRUE;
    }

  return FALSE;
}

static gboolean
occurrence_shown_cond (gpointer user_data)
{
  OccurrenceWait *wait = user_data;

  return closeness_month_cell_get_n_entries (wait->cell) == wait->n_entries &&
         agenda_lists (wait->agenda, wait->event_id, wait->start) == wait->listed;
}

/* Deleting "only this evening" changes the series row in place: the grid
 * and the agenda follow at once, without a reload of the page. */
static void
test_delete_one_occurrence_updates_views (void)
{
  g_autoptr(ClosenessEvent) series = find_sample_series ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) occurrences = NULL;
  g_autoptr(GDateTime) local = NULL;
  ClosenessOccurrence *occurrence;
  ClosenessMonthView *view = month_view ();
  OccurrenceWait wait = { 0, };

  /* Three weeks on: past the occurrences earlier tests edited, within the
   * agenda's two months. */
  occurrences = closeness_recurrence_expand (series, g_get_real_time () / G_USEC_PER_SEC + 21 * 86400,
                                             G_MAXINT32, 1, NULL);
  g_assert_cmpuint (occurrences->len, ==, 1);
  occurrence = &g_array_index (occurrences, ClosenessOccurrence, 0);
  local = g_date_time_new_from_unix_local (occurrence->start_utc);
  closeness_month_view_select (view, g_date_time_get_year (local), g_date_time_get_month (local),
                               g_date_time_get_day_of_month (local), FALSE);
  wait_refreshed ();

  wait.cell = CLOSENESS_MONTH_CELL (closeness_month_view_get_day_cell (view, g_date_time_get_day_of_month (local)));
  wait.agenda = agenda ();
  wait.event_id = closeness_record_get_id (CLOSENESS_RECORD (series));
  wait.start = occurrence->start_utc;
  wait.n_entries = closeness_month_cell_get_n_entries (wait.cell);
  wait.listed = TRUE;
  g_assert_cmpuint (wait.n_entries, >=, 1);
  g_assert_true (agenda_lists (wait.agenda, wait.event_id, wait.start));

  g_assert_true (closeness_calendar_page_delete_instance (page, wait.event_id, occurrence->recurrence_id,
                                                          FALSE, &error));
  g_assert_no_error (error);
  wait.n_entries--;
  wait.listed = FALSE;
  closeness_test_wait_until (occurrence_shown_cond, &wait, "the deleted evening to leave the grid and agenda");

  closeness_calendar_page_undo (page);
  wait.n_entries++;
  wait.listed = TRUE;
  closeness_test_wait_until (occurrence_shown_cond, &wait, "the evening to come back");
}

static gboolean
stack_shows_cond (gpointer user_data)
{
  GtkStack *stack = user_data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack),
                    g_object_get_data (G_OBJECT (stack), "expected")) == 0;
}

static void
wait_for_stack_page (GtkStack   *stack,
                     const char *name)
{
  g_object_set_data (G_OBJECT (stack), "expected", (gpointer) name);
  closeness_test_wait_until (stack_shows_cond, stack, name);
}

/* A calendar without any evening: one empty state with "Plan an Evening",
 * gone once an evening exists. */
static void
test_empty_state (void)
{
  g_autofree char *dir = g_dir_make_tmp ("closeness-calendar-empty-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "closeness.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) empty_store = closeness_store_new (path, &error);
  ClosenessCalendarPage *empty_page;
  ClosenessEventEditor *editor;
  GtkWindow *empty_window;
  GtkWidget *button;
  GtkStack *stack;
  g_autofree char *shot = NULL;

  g_assert_no_error (error);
  empty_window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (empty_window, 1280, 800);
  empty_page = CLOSENESS_CALENDAR_PAGE (closeness_calendar_page_new (empty_store));
  adw_window_set_content (ADW_WINDOW (empty_window), GTK_WIDGET (empty_page));
  gtk_window_present (empty_window);

  stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (empty_page), CLOSENESS_TYPE_CALENDAR_PAGE,
                                                    "content_stack"));
  button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (empty_page), CLOSENESS_TYPE_CALENDAR_PAGE,
                                                      "empty_new_button"));
  wait_for_stack_page (stack, "empty");
  closeness_test_wait_for_visible (button, TRUE);
  closeness_test_wait_for_drawn (GTK_WIDGET (empty_window));
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Plan an Evening");
  g_assert_true (shows_label (GTK_WIDGET (empty_window), "No Time Together Planned"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (empty_page),
                                                                                     CLOSENESS_TYPE_CALENDAR_PAGE,
                                                                                     "navigation_box"))));
  shot = closeness_test_screenshot (GTK_WIDGET (empty_window), "calendar-empty-1280");
  g_assert_nonnull (shot);
  g_clear_pointer (&shot, g_free);
  closeness_test_resize (empty_window, 360, 720);
  shot = closeness_test_screenshot (GTK_WIDGET (empty_window), "calendar-empty-360");
  g_assert_nonnull (shot);

  /* The button plans an evening; once saved, the calendar shows. */
  g_signal_emit_by_name (button, "clicked");
  editor = CLOSENESS_EVENT_EDITOR (closeness_test_wait_for_window (CLOSENESS_TYPE_EVENT_EDITOR));
  g_assert_true (closeness_event_editor_save (editor, CLOSENESS_EDIT_SCOPE_SERIES, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (editor));
  wait_for_stack_page (stack, "calendar");
  g_assert_false (gtk_widget_get_mapped (button));

  gtk_window_destroy (empty_window);
  closeness_test_settle ();
}

/* The grid starts on the first day of the person's week: Sunday in the US,
 * Monday in the UK (the rest of this test reads weeks the UK way). */
static void
test_first_weekday_grid (void)
{
  static const struct { const char *locale; int first_day; const char *first_name; } cases[] = {
    { "en_US.UTF-8", 29, "Sun" },
    { "en_GB.UTF-8", 30, "Mon" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GtkWidget) view = NULL;
      g_autoptr(GDateTime) first = NULL;
      gint64 from, to;
      GtkWidget *heading;

      g_assert_nonnull (setlocale (LC_TIME, cases[i].locale));
      view = g_object_ref_sink (closeness_month_view_new ());
      closeness_month_view_set_month (CLOSENESS_MONTH_VIEW (view), 2026, 12);
      closeness_month_view_get_range (CLOSENESS_MONTH_VIEW (view), &from, &to);
      first = g_date_time_new_from_unix_local (from);
      g_assert_cmpint (g_date_time_get_month (first), ==, 11);
      g_assert_cmpint (g_date_time_get_day_of_month (first), ==, cases[i].first_day);
      /* The first heading of the grid names that day. */
      heading = gtk_widget_get_first_child (gtk_widget_get_first_child (view));
      g_assert_true (GTK_IS_LABEL (heading));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (heading)), ==, cases[i].first_name);
    }
  g_assert_nonnull (setlocale (LC_TIME, "en_GB.UTF-8"));
}

static GtkWidget *
find_agenda_row (const char *title)
{
  ClosenessAgendaView *view = agenda ();

  for (guint i = 0; i < closeness_agenda_view_get_n_rows (view); i++)
    {
      GtkWidget *candidate = closeness_agenda_view_get_row (view, i);

      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (candidate)), title) == 0)
        return candidate;
    }

  return NULL;
}

/* Who planned an evening shows with their colour: in the list of upcoming
 * evenings (name and dot) and in the evening's "Planned By"; a new colour
 * in Preferences shows at once, and "Both of you" has no dot. */
static void
test_partner_colors (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *start = g_date_time_format (tomorrow, "%Y-%m-%dT18:00:00");
  ClosenessEventInfo info = { 0, };
  g_autoptr(ClosenessEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  ClosenessEventEditor *editor;
  GtkWidget *row, *planned_row, *dot;
  g_autofree char *shot = NULL;

  g_assert_true (closeness_store_update_partner (store, 0, "Alex", "#3584e4", &error));
  g_assert_true (closeness_store_update_partner (store, 1, "Sam", "#3a944a", &error));
  g_assert_no_error (error);
  info.summary = "Cooking together";
  info.dtstart = start;
  info.tzid = "Europe/Berlin";
  info.duration_minutes = 60;
  info.planned_by = CLOSENESS_PLANNED_BY_PARTNER_1;
  event = closeness_store_create_event (store, &info, &error);
  g_assert_no_error (error);
  wait_idle ();

  row = find_agenda_row ("Cooking together");
  g_assert_nonnull (row);
  closeness_test_wait_for_drawn (row);
  g_assert_true (shows_label (row, "Alex"));
  dot = closeness_test_find_partner_dot (row);
  g_assert_nonnull (dot);
  closeness_test_assert_partner_dot (dot, "#3584e4");
  /* An evening both planned names nobody. */
  g_assert_null (closeness_test_find_partner_dot (find_agenda_row ("Walk by the river")));
  shot = closeness_test_screenshot (GTK_WIDGET (window), "calendar-partner-colors-1280");
  g_clear_pointer (&shot, g_free);

  /* The evening's details say who planned it, with the same dot. */
  editor = closeness_event_editor_new (window, store, event, 0, NULL, NULL);
  gtk_window_present (GTK_WINDOW (editor));
  closeness_test_wait_for_drawn (GTK_WIDGET (editor));
  planned_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), CLOSENESS_TYPE_EVENT_EDITOR,
                                                           "planned_row"));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (planned_row)), ==, 0);
  g_assert_true (shows_label (planned_row, "Alex"));
  closeness_test_assert_partner_dot (closeness_test_find_partner_dot (planned_row), "#3584e4");

  /* A new colour in Preferences: both follow. */
  g_assert_true (closeness_store_update_partner (store, 0, "Alex", "#e62d42", &error));
  g_assert_no_error (error);
  closeness_test_iterate (50);
  closeness_test_assert_partner_dot (closeness_test_find_partner_dot (planned_row), "#e62d42");
  closeness_test_assert_partner_dot (dot, "#e62d42");
  shot = closeness_test_screenshot (GTK_WIDGET (editor), "calendar-partner-colors-editor");
  g_clear_pointer (&shot, g_free);

  /* Choosing Sam shows Sam's colour; "Both of you" none. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (planned_row), 1);
  closeness_test_iterate (50);
  closeness_test_assert_partner_dot (closeness_test_find_partner_dot (planned_row), "#3a944a");
  adw_combo_row_set_selected (ADW_COMBO_ROW (planned_row), 2);
  closeness_test_iterate (50);
  closeness_test_assert_partner_dot (closeness_test_find_partner_dot (planned_row), "");
  g_assert_true (shows_label (planned_row, "Both of you"));
  gtk_window_destroy (GTK_WINDOW (editor));

  closeness_test_resize (window, 360, 700);
  wait_idle ();
  closeness_test_wait_for_drawn (GTK_WIDGET (window));
  shot = closeness_test_screenshot (GTK_WIDGET (window), "calendar-partner-colors-360");
  closeness_test_resize (window, 1280, 800);

  g_assert_true (closeness_calendar_page_delete_instance (page, closeness_record_get_id (CLOSENESS_RECORD (event)),
                                                          NULL, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (closeness_store_update_partner (store, 0, "", "", &error));
  g_assert_true (closeness_store_update_partner (store, 1, "", "", &error));
  wait_idle ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  /* Accessible names are checked without an accessibility bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!closeness_test_init_display (&argc, &argv))
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  /* Weeks as the UK reads them: English names, Monday first. The README's
   * set-up generates the locale. */
  if (setlocale (LC_TIME, "en_GB.UTF-8") == NULL)
    g_error ("The locale en_GB.UTF-8 is missing: run build-aux/dev test once to set up");

  dir = g_dir_make_tmp ("closeness-calendar-page-XXXXXX", NULL);
  path = g_build_filename (dir, "closeness.db", NULL);
  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  add_sample_evenings ();

  /* AdwApplication loads style.css from the resources; no application here. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/com/example/Closeness/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (window, 1280, 800);
  page = CLOSENESS_CALENDAR_PAGE (closeness_calendar_page_new (store));
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (window);
  wait_idle ();

  g_test_add_func ("/calendar-page/screenshots", test_screenshots);
  g_test_add_func ("/calendar-page/create-edit-delete-undo", test_create_edit_delete_undo);
  g_test_add_func ("/calendar-page/delete-one-occurrence", test_delete_one_occurrence);
  g_test_add_func ("/calendar-page/keyboard", test_keyboard_navigation);
  g_test_add_func ("/calendar-page/edit-occurrence-and-series", test_edit_occurrence_and_series);
  g_test_add_func ("/calendar-page/accessible-day-names", test_accessible_day_names);
  g_test_add_func ("/calendar-page/import-file", test_import_file);
  g_test_add_func ("/calendar-page/delete-from-editor-undo", test_delete_from_editor_with_undo);
  g_test_add_func ("/calendar-page/closed-deck-not-offered", test_closed_deck_not_offered);
  g_test_add_func ("/calendar-page/long-event-keeps-length", test_long_event_keeps_length);
  g_test_add_func ("/calendar-page/scope-dialog-responses", test_scope_dialog_responses);
  g_test_add_func ("/calendar-page/first-weekday-grid", test_first_weekday_grid);
  g_test_add_func ("/calendar-page/editor-series-end", test_editor_series_end);
  g_test_add_func ("/calendar-page/editor-keeps-foreign-properties", test_editor_keeps_foreign_properties);
  g_test_add_func ("/calendar-page/month-titles", test_month_titles);
  g_test_add_func ("/calendar-page/week-view", test_week_view);
  g_test_add_func ("/calendar-page/plan-on-free-day-and-slot", test_plan_on_free_day_and_slot);
  g_test_add_func ("/calendar-page/delete-one-occurrence-updates-views",
                   test_delete_one_occurrence_updates_views);
  g_test_add_func ("/calendar-page/empty-state", test_empty_state);
  g_test_add_func ("/calendar-page/partner-colors", test_partner_colors);

  status = g_test_run ();

  gtk_window_destroy (window);
  g_clear_pointer (&march_evenings, g_ptr_array_unref);
  g_clear_object (&store);

  return status;
}
