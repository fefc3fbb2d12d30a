/* calendar-test-fixture.c: one calendar page in a window, over a store with
 * sample evenings, for all the tests of a program, and the helpers several
 * calendar page tests use.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <math.h>
#include <locale.h>
#include <string.h>

#include "calendar-test-fixture.h"
#include "closeness-test-utils.h"

ClosenessStore *calendar_test_store;
GtkWindow *calendar_test_window;
ClosenessCalendarPage *calendar_test_page;

void
calendar_test_wait_idle (void)
{
  for (guint i = 0; i < 100 && closeness_calendar_page_is_busy (calendar_test_page); i++)
    closeness_test_iterate (20);
  closeness_test_iterate (50);
}

ClosenessAgendaView *
calendar_test_agenda (void)
{
  GtkWidget *box =
    (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (calendar_test_page),
                                                 CLOSENESS_TYPE_CALENDAR_PAGE, "agenda_box");

  return CLOSENESS_AGENDA_VIEW (closeness_test_find_of_type (box, CLOSENESS_TYPE_AGENDA_VIEW));
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
  a = closeness_store_create_event (calendar_test_store, &info, NULL);
  info.summary = "Walk by the river";
  info.dtstart = next;
  info.rrule = NULL;
  b = closeness_store_create_event (calendar_test_store, &info, NULL);
  g_assert_nonnull (a);
  g_assert_nonnull (b);
}

/* The weekly series of add_sample_evenings(), wherever other tests' events
 * sort before it (they start at times that depend on the clock). */
ClosenessEvent *
calendar_test_find_sample_series (void)
{
  GListModel *events = closeness_store_get_events (calendar_test_store);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(ClosenessEvent) event = g_list_model_get_item (events, i);

      if (g_strcmp0 (closeness_event_get_rrule (event), "FREQ=WEEKLY;BYDAY=MO,WE,FR,SA") == 0)
        return g_steal_pointer (&event);
    }

  g_assert_not_reached ();
}

/* Before any test: a display, British weeks, the store with its sample
 * evenings and the page in a window. FALSE, after saying so in TAP, when
 * there is no display. */
gboolean
calendar_test_init (int    *argc,
                    char ***argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  /* Accessible names are checked without an accessibility bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!closeness_test_init_display (argc, argv))
    {
      g_print ("1..0 # SKIP no display\n");
      return FALSE;
    }

  /* Weeks as the UK reads them: English names, Monday first. The README's
   * set-up generates the locale. */
  if (setlocale (LC_TIME, "en_GB.UTF-8") == NULL)
    g_error ("The locale en_GB.UTF-8 is missing: run build-aux/dev test once to set up");

  dir = g_dir_make_tmp ("closeness-calendar-page-XXXXXX", NULL);
  path = g_build_filename (dir, "closeness.db", NULL);
  calendar_test_store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  add_sample_evenings ();

  /* AdwApplication loads style.css from the resources; no application here. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/com/example/Closeness/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  calendar_test_window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (calendar_test_window, 1280, 800);
  calendar_test_page = CLOSENESS_CALENDAR_PAGE (closeness_calendar_page_new (calendar_test_store));
  adw_window_set_content (ADW_WINDOW (calendar_test_window), GTK_WIDGET (calendar_test_page));
  gtk_window_present (calendar_test_window);
  calendar_test_wait_idle ();

  return TRUE;
}

/* After the tests: the window and the store closed. */
void
calendar_test_finish (void)
{
  gtk_window_destroy (calendar_test_window);
  g_clear_object (&calendar_test_store);
}
