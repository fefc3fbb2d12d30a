/* test-calendar-page.c: the calendar page as a person uses it, under Xvfb:
 * creating, editing and deleting evenings and their occurrences, the event
 * editor, and importing a file.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <math.h>
#include <locale.h>
#include <string.h>

#include "calendar/closeness-calendar-logic.h"
#include "calendar/closeness-event-editor.h"
#include "calendar/closeness-ics.h"
#include "calendar-test-fixture.h"
#include "closeness-test-utils.h"

#define CORPUS SOURCE_DIR "/../fuzz/corpus/ics"

static guint
n_events (void)
{
  return g_list_model_get_n_items (closeness_store_get_events (calendar_test_store));
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
  GListModel *events = closeness_store_get_events (calendar_test_store);

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
  editor =
    closeness_event_editor_new (calendar_test_window, calendar_test_store, NULL, 0, NULL, &day);
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
  calendar_test_wait_idle ();
  g_assert_cmpuint (n_events (), ==, before + 1);
  event = event_by_id (saved_id);
  g_assert_nonnull (event);
  g_assert_cmpstr (closeness_event_get_dtstart (event), ==, "2026-11-21T21:00:00");
  g_assert_cmpstr (closeness_event_get_summary (event), ==, "Time together");
  g_assert_cmpint (closeness_event_get_duration_minutes (event), ==, 30);
  g_assert_true (g_str_has_prefix (closeness_event_get_ical_raw (event), "BEGIN:VEVENT"));
  g_assert_true (g_str_has_suffix (closeness_event_get_uid (event), "@closeness"));

  /* Bad input: an empty title and a negative duration save nothing. */
  editor =
    closeness_event_editor_new (calendar_test_window, calendar_test_store, event, 0, NULL, NULL);
  title_row =
    (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor), CLOSENESS_TYPE_EVENT_EDITOR,
                                                 "title_row");
  duration =
    (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor), CLOSENESS_TYPE_EVENT_EDITOR,
                                                 "duration_spin");
  gtk_editable_set_text (GTK_EDITABLE (title_row), "");
  g_assert_false (closeness_event_editor_save (editor, CLOSENESS_EDIT_SCOPE_SERIES, &error));
  g_clear_error (&error);
  g_assert_false (gtk_widget_get_sensitive (
    (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor), CLOSENESS_TYPE_EVENT_EDITOR,
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
  calendar_test_wait_idle ();
  g_assert_cmpstr (closeness_event_get_summary (event), ==, "Stargazing");
  g_assert_cmpint (closeness_event_get_duration_minutes (event), ==, 45);

  /* Delete, then Undo. */
  g_assert_true (
    closeness_calendar_page_delete_instance (calendar_test_page,
                                             closeness_record_get_id (CLOSENESS_RECORD (event)),
                                             NULL, TRUE, &error));
  calendar_test_wait_idle ();
  g_assert_cmpuint (n_events (), ==, before);
  closeness_calendar_page_undo (calendar_test_page);
  calendar_test_wait_idle ();
  g_assert_cmpuint (n_events (), ==, before + 1);
}

static void
test_delete_one_occurrence (void)
{
  g_autoptr(ClosenessEvent) series = calendar_test_find_sample_series ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) occurrences =
    closeness_recurrence_expand (series, g_get_real_time () / G_USEC_PER_SEC - 86400, G_MAXINT32, 3,
                                 NULL);
  const char *rid;

  g_assert_cmpuint (occurrences->len, >, 1);
  rid = g_array_index (occurrences, ClosenessOccurrence, 1).recurrence_id;
  g_assert_true (
    closeness_calendar_page_delete_instance (calendar_test_page,
                                             closeness_record_get_id (CLOSENESS_RECORD (series)),
                                             rid, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (closeness_recurrence_has_exdate (closeness_event_get_exdates (series), rid));
  closeness_calendar_page_undo (calendar_test_page);
  g_assert_false (closeness_recurrence_has_exdate (closeness_event_get_exdates (series), rid));
  calendar_test_wait_idle ();
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

  series = calendar_test_find_sample_series ();
  series_start = g_strdup (closeness_event_get_dtstart (series));
  occurrences = closeness_recurrence_expand (series, g_get_real_time () / G_USEC_PER_SEC,
                                             G_MAXINT32, 3, NULL);
  second = &g_array_index (occurrences, ClosenessOccurrence, 1);

  editor = closeness_event_editor_new (calendar_test_window, calendar_test_store, series,
                                       second->start_utc, second->recurrence_id, NULL);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved_id);
  g_assert_true (closeness_event_editor_is_recurring (editor));
  gtk_window_present (GTK_WINDOW (editor));
  closeness_test_resize (GTK_WINDOW (editor), 360, 720);
  {
    g_autofree char *shot =
      closeness_test_screenshot (GTK_WIDGET (editor), "calendar-editor-series-360");

    g_assert_nonnull (shot);
  }
  title_row =
    (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor), CLOSENESS_TYPE_EVENT_EDITOR,
                                                 "title_row");
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Just this once");
  g_assert_true (closeness_event_editor_save (editor, CLOSENESS_EDIT_SCOPE_THIS, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (editor));
  calendar_test_wait_idle ();

  edited = event_by_id (saved_id);
  g_assert_nonnull (edited);
  g_assert_true (edited != series);
  g_assert_cmpstr (closeness_event_get_uid (edited), ==, closeness_event_get_uid (series));
  g_assert_cmpstr (closeness_event_get_recurrence_id (edited), ==, second->recurrence_id);
  g_assert_cmpstr (closeness_event_get_rrule (edited), ==, "");
  g_assert_cmpstr (closeness_event_get_summary (series), ==, "Time together");

  /* Editing the edited evening for "all evenings" changes the series. */
  editor =
    closeness_event_editor_new (calendar_test_window, calendar_test_store, edited, 0, NULL, NULL);
  g_assert_true (closeness_event_editor_is_recurring (editor));
  title_row =
    (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor), CLOSENESS_TYPE_EVENT_EDITOR,
                                                 "title_row");
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Our evening");
  g_assert_true (closeness_event_editor_save (editor, CLOSENESS_EDIT_SCOPE_SERIES, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (editor));
  calendar_test_wait_idle ();
  g_assert_cmpstr (closeness_event_get_summary (series), ==, "Our evening");
  g_assert_cmpstr (closeness_event_get_rrule (series), ==, "FREQ=WEEKLY;BYDAY=MO,WE,FR,SA");
  g_assert_cmpstr (closeness_event_get_dtstart (series), ==, series_start);
  g_assert_cmpstr (closeness_event_get_summary (edited), ==, "Just this once");

  /* The agenda shows the edited evening in place of the occurrence, as
   * part of its series. */
  g_assert_cmpuint (closeness_agenda_view_get_n_rows (calendar_test_agenda ()), >, 2);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < closeness_agenda_view_get_n_rows (calendar_test_agenda ()); i++)
      {
        GtkWidget *row = closeness_agenda_view_get_row (calendar_test_agenda (), i);

        if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Just this once")
            == 0)
          {
            gint64 start = *(gint64 *) g_object_get_data (G_OBJECT (row), "start");
            g_autoptr(GDateTime) day = g_date_time_new_from_unix_local (start);
            g_autofree char *date = g_date_time_format (day, "%A, %-d %B %Y");
            g_autofree char *said =
              g_strdup_printf ("%s, %s", date, adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
            g_autofree char *wrong = NULL;

            found = TRUE;
            g_assert_true (g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                             "Changed, part of a series"));
            /* A screen reader hears the row's date with it. */
            wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row),
                                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, said);
            g_assert_null (wrong);
          }
      }
    g_assert_true (found);
  }
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
  ClosenessAgendaView *view = calendar_test_agenda ();
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
  calendar_test_wait_idle ();
  g_assert_null (find_editor ());
  g_assert_cmpuint (n_events (), ==, before - 1);

  closeness_calendar_page_undo (calendar_test_page);
  calendar_test_wait_idle ();
  g_assert_cmpuint (n_events (), ==, before);
}

static void
test_import_file (void)
{
  g_autoptr(GFile) good = g_file_new_for_path (CORPUS "/thunderbird-todo-journal.ics");
  g_autoptr(GFile) bad = g_file_new_for_path (CORPUS "/truncated.ics");
  AdwMessageDialog *dialog;
  guint before = n_events ();

  closeness_calendar_page_import_file (calendar_test_page, good);
  calendar_test_wait_idle ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Calendar Imported");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Imported 1 event. Skipped: 1 to-do (VTODO); 1 journal entry (VJOURNAL).");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (n_events (), ==, before + 1);

  closeness_calendar_page_import_file (calendar_test_page, bad);
  calendar_test_wait_idle ();
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Import the Calendar");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (n_events (), ==, before + 1);
}

/* A deck the couple has not opened is not offered as tonight's topic; an
 * evening that already has it keeps it. */
static void
test_closed_deck_not_offered (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessDeck) open_deck =
    closeness_store_create_deck (calendar_test_store, "Our open deck", "", &error);
  g_autoptr(ClosenessDeck) closed_deck =
    closeness_store_create_deck (calendar_test_store, "Our closed deck", "", &error);
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
  g_object_set (calendar_test_page, "closed-deck-id", closed_id, NULL);
  {
    gint64 value = 0;

    g_object_get (calendar_test_page, "closed-deck-id", &value, NULL);
    g_assert_cmpint (value, ==, closed_id);
  }

  /* A new evening: the closed deck is not among the topics. */
  editor =
    closeness_event_editor_new (calendar_test_window, calendar_test_store, NULL, 0, NULL, NULL);
  closeness_event_editor_leave_out_deck (editor, closed_id);
  row = ADW_COMBO_ROW (
    gtk_widget_get_template_child (GTK_WIDGET (editor), CLOSENESS_TYPE_EVENT_EDITOR, "deck_row"));
  model = adw_combo_row_get_model (row);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), i), !=,
                     "Our closed deck");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), n - 1), ==,
                   "Our open deck");
  gtk_window_destroy (GTK_WINDOW (editor));

  /* An evening that has it keeps it: nothing changes on its own. */
  event = closeness_store_create_event (calendar_test_store, &info, &error);
  g_assert_no_error (error);
  editor =
    closeness_event_editor_new (calendar_test_window, calendar_test_store, event, 0, NULL, NULL);
  closeness_event_editor_leave_out_deck (editor, closed_id);
  row = ADW_COMBO_ROW (
    gtk_widget_get_template_child (GTK_WIDGET (editor), CLOSENESS_TYPE_EVENT_EDITOR, "deck_row"));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (row)),
                                               adw_combo_row_get_selected (row)),
                   ==, "Our closed deck");
  gtk_window_destroy (GTK_WINDOW (editor));
  calendar_test_wait_idle ();

  g_assert_true (closeness_store_delete_event (calendar_test_store,
                                               closeness_record_get_id (CLOSENESS_RECORD (event)),
                                               &error));
  g_assert_no_error (error);
  g_object_set (calendar_test_page, "closed-deck-id", (gint64) 0, NULL);
  calendar_test_wait_idle ();
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
  g_autoptr(ClosenessEvent) event =
    closeness_store_create_event (calendar_test_store, &info, &error);
  ClosenessEventEditor *editor;
  GtkWidget *title_row;

  g_assert_no_error (error);
  editor =
    closeness_event_editor_new (calendar_test_window, calendar_test_store, event, 0, NULL, NULL);
  title_row =
    (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor), CLOSENESS_TYPE_EVENT_EDITOR,
                                                 "title_row");
  gtk_editable_set_text (GTK_EDITABLE (title_row),
                         "Three weeks by the sea, with the kids of friends");
  g_assert_true (closeness_event_editor_save (editor, CLOSENESS_EDIT_SCOPE_SERIES, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (editor));
  calendar_test_wait_idle ();

  g_assert_cmpstr (closeness_event_get_summary (event), ==,
                   "Three weeks by the sea, with the kids of friends");
  g_assert_cmpint (closeness_event_get_duration_minutes (event), ==, 21 * 24 * 60);

  g_assert_true (closeness_store_delete_event (calendar_test_store,
                                               closeness_record_get_id (CLOSENESS_RECORD (event)),
                                               &error));
  calendar_test_wait_idle ();
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
      g_autoptr(ClosenessEvent) series = calendar_test_find_sample_series ();
      g_autoptr(GArray) occurrences = NULL;
      ClosenessOccurrence *second;
      GtkWindow *editor;
      GtkWidget *button;
      AdwMessageDialog *dialog;

      /* Occurrences no earlier test changed: an edited one opens as itself. */
      occurrences = closeness_recurrence_expand (series, g_get_real_time () / G_USEC_PER_SEC,
                                                 G_MAXINT32, 8, NULL);
      second = &g_array_index (occurrences, ClosenessOccurrence, 4 + i);
      editor =
        GTK_WINDOW (closeness_event_editor_new (calendar_test_window, calendar_test_store, series,
                                                second->start_utc, second->recurrence_id, NULL));
      g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
      gtk_window_present (editor);
      closeness_test_wait_for_drawn (GTK_WIDGET (editor));

      button = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                            CLOSENESS_TYPE_EVENT_EDITOR,
                                                            g_strcmp0 (steps[i][0], "save") == 0
                                                              ? "save_button"
                                                              : "delete_button");
      gtk_widget_activate (button);
      dialog = ADW_MESSAGE_DIALOG (closeness_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG));
      adw_message_dialog_response (dialog, steps[i][1]);
      closeness_test_wait_until (editor_gone, &editor, "the editor to close");
      calendar_test_wait_idle ();
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
  editor =
    closeness_event_editor_new (calendar_test_window, calendar_test_store, NULL, 0, NULL, &day);
  g_signal_connect (editor, "saved", G_CALLBACK (saved_cb), &saved_id);
  gtk_window_present (GTK_WINDOW (editor));
  closeness_test_wait_for_drawn (GTK_WIDGET (editor));
  /* The day is written out, not "10/31/26", which reads either way. */
  g_assert_cmpstr (gtk_menu_button_get_label (editor_child (editor, "date_button")), ==,
                   "Sat 31 Oct 2026");

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
  calendar_test_wait_idle ();

  saved = event_by_id (saved_id);
  g_assert_nonnull (saved);
  g_assert_cmpstr (closeness_event_get_rrule (saved), ==, "FREQ=MONTHLY;COUNT=3");
  g_assert_cmpstr (closeness_event_get_dtstart (saved), ==, "2026-10-31T19:00:00");

  /* A rule another program wrote with an end date. */
  foreign = closeness_store_create_event (calendar_test_store, &info, &error);
  g_assert_no_error (error);
  editor =
    closeness_event_editor_new (calendar_test_window, calendar_test_store, foreign, 0, NULL, NULL);
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
  calendar_test_wait_idle ();
  g_assert_cmpstr (closeness_event_get_rrule (foreign), ==, written);

  g_assert_true (closeness_store_delete_event (calendar_test_store, saved_id, &error));
  g_assert_true (closeness_store_delete_event (calendar_test_store,
                                               closeness_record_get_id (CLOSENESS_RECORD (foreign)),
                                               &error));
  calendar_test_wait_idle ();
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
  GListModel *events = closeness_store_get_events (calendar_test_store);
  GtkWidget *title_row;

  import = closeness_ics_parse (file, strlen (file), &error);
  g_assert_no_error (error);
  g_assert_true (closeness_ics_import_commit (import, calendar_test_store, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (events) && event == NULL; i++)
    {
      g_autoptr(ClosenessEvent) candidate = g_list_model_get_item (events, i);

      if (g_strcmp0 (closeness_event_get_uid (candidate), "editor-round-trip@nextcloud") == 0)
        event = g_steal_pointer (&candidate);
    }
  g_assert_nonnull (event);

  editor =
    closeness_event_editor_new (calendar_test_window, calendar_test_store, event, 0, NULL, NULL);
  title_row =
    (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (editor), CLOSENESS_TYPE_EVENT_EDITOR,
                                                 "title_row");
  gtk_editable_set_text (GTK_EDITABLE (title_row), "Dinner at the Trattoria");
  g_assert_true (closeness_event_editor_save (editor, CLOSENESS_EDIT_SCOPE_SERIES, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (editor));
  calendar_test_wait_idle ();

  exported =
    closeness_ics_export (calendar_test_store, closeness_record_get_id (CLOSENESS_RECORD (event)),
                          NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (exported, "SUMMARY:Dinner at the Trattoria\r\nLOCATION:Trattoria\r\n"
                                      "ATTENDEE;CN=Sam;PARTSTAT=ACCEPTED:mailto:sam@example.org\r\n"
                                      "X-NEXTCLOUD-COLOR:#3584e4\r\n"));
  g_assert_nonnull (strstr (exported, "DTSTART;TZID=Europe/Berlin:20261010T190000\r\n"
                                      "DTEND;TZID=Europe/Berlin:20261010T210000\r\n"));
  g_assert_nonnull (strstr (exported, "TRIGGER:-PT1H\r\n"));
  g_assert_nonnull (strstr (exported, "TRIGGER:-P1D\r\n"));
  g_assert_nonnull (strstr (exported, "SEQUENCE:1\r\n"));

  g_assert_true (closeness_store_delete_event (calendar_test_store,
                                               closeness_record_get_id (CLOSENESS_RECORD (event)),
                                               &error));
  calendar_test_wait_idle ();
}

/* The agenda puts each day's evenings in a card of their own under the
 * day's heading, as a preferences page groups its rows: the headings are
 * not rows of one long list. */
static void
test_agenda_days (void)
{
  ClosenessAgendaView *view = calendar_test_agenda ();
  GtkWidget *stack = gtk_widget_get_first_child (GTK_WIDGET (view));
  GtkWidget *days = gtk_stack_get_visible_child (GTK_STACK (stack));
  guint n_days = 0, n_rows = 0;

  calendar_test_wait_idle ();
  g_assert_cmpuint (closeness_agenda_view_get_n_rows (view), >, 1);

  for (GtkWidget *heading = gtk_widget_get_first_child (days); heading != NULL;
       heading = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (heading)))
    {
      GtkWidget *list = gtk_widget_get_next_sibling (heading);
      g_autofree char *first_day = NULL;

      g_assert_true (GTK_IS_LABEL (heading));
      g_assert_true (gtk_widget_has_css_class (heading, "heading"));
      g_assert_true (GTK_IS_LIST_BOX (list));
      g_assert_true (gtk_widget_has_css_class (list, "boxed-list"));
      n_days++;

      /* Every row of the card is on the heading's day. */
      for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
           row = gtk_widget_get_next_sibling (row), n_rows++)
        {
          gint64 start = *(gint64 *) g_object_get_data (G_OBJECT (row), "start");
          g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (start);
          g_autofree char *day = g_date_time_format (local, "%Y-%m-%d");

          g_assert_true (ADW_IS_ACTION_ROW (row));
          if (first_day == NULL)
            first_day = g_strdup (day);
          g_assert_cmpstr (day, ==, first_day);
        }
      g_assert_nonnull (first_day);
    }

  /* The sample evenings are on more than one day. */
  g_assert_cmpuint (n_days, >, 1);
  g_assert_cmpuint (n_rows, ==, closeness_agenda_view_get_n_rows (view));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!calendar_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/calendar-page/agenda-days", test_agenda_days);
  g_test_add_func ("/calendar-page/create-edit-delete-undo", test_create_edit_delete_undo);
  g_test_add_func ("/calendar-page/delete-one-occurrence", test_delete_one_occurrence);
  g_test_add_func ("/calendar-page/edit-occurrence-and-series", test_edit_occurrence_and_series);
  g_test_add_func ("/calendar-page/import-file", test_import_file);
  g_test_add_func ("/calendar-page/delete-from-editor-undo", test_delete_from_editor_with_undo);
  g_test_add_func ("/calendar-page/closed-deck-not-offered", test_closed_deck_not_offered);
  g_test_add_func ("/calendar-page/long-event-keeps-length", test_long_event_keeps_length);
  g_test_add_func ("/calendar-page/scope-dialog-responses", test_scope_dialog_responses);
  g_test_add_func ("/calendar-page/editor-series-end", test_editor_series_end);
  g_test_add_func ("/calendar-page/editor-keeps-foreign-properties",
                   test_editor_keeps_foreign_properties);

  status = g_test_run ();

  calendar_test_finish ();

  return status;
}
