/* test-selfcare-narrow.c: the Self-Care page fits a 360 px phone window in
 * Spanish and German, with a 60-character partner name.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "../closeness-test-utils.h"
#include "selfcare-test-helpers.h"
#include "selfcare/closeness-habit-logic.h"
#include "selfcare/closeness-selfcare-page.h"

#define NARROW 360

/* Sixty characters, the most a partner name may have. */
#define LONG_NAME "Maximiliana Concepción Fernández-Villanueva de la Santa Cruz"

typedef struct
{
  ClosenessStore        *store;
  GtkWindow             *window;
  ClosenessSelfcarePage *page;
} Fixture;

static int
minimum_width (GtkWidget *widget)
{
  int minimum = 0, natural = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);

  return minimum;
}

static GtkWidget *
template_child (Fixture    *fixture,
                const char *name)
{
  return selfcare_test_template_child (fixture->page, name);
}

static void
wait_for_shown (Fixture   *fixture,
                GtkWidget *widget)
{
  selfcare_test_wait_for_shown (fixture->page, widget);
}

/* The window and the two halves of the page each fit in @width. */
static void
assert_fits (Fixture    *fixture,
             const char *where,
             int         width)
{
  const char *parts[] = { "sidebar", "detail_pane" };
  int window_min = minimum_width (GTK_WIDGET (fixture->window));

  g_test_message ("%s: window minimum %d px", where, window_min);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      int part_min = minimum_width (template_child (fixture, parts[i]));

      g_test_message ("%s: %s minimum %d px", where, parts[i], part_min);
      g_assert_cmpint (part_min, <=, width);
    }
  g_assert_cmpint (window_min, <=, width);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, width);
}

static void
test_narrow (gconstpointer data)
{
  const char *language = data;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), language, NULL);
  g_autofree char *path = g_build_filename (dir, "closeness.db", NULL);
  g_autofree char *shot = NULL;
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0 };
  GListModel *activities;
  AdwLeaflet *leaflet;
  gint64 id = 0;
  GtkWidget *heat_map;

  /* Templates are translated when they are built: set the language first. */
  g_setenv ("LANGUAGE", language, TRUE);
  /* glibc keeps what it looked up until the text domain is set again. */
  textdomain (GETTEXT_PACKAGE);
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Self-Care"), !=, "Self-Care");

  g_assert_cmpint (g_utf8_strlen (LONG_NAME, -1), ==, 60);
  fixture.store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (closeness_store_update_partner (fixture.store, 0, LONG_NAME, "", &error));
  g_assert_true (closeness_store_update_partner (fixture.store, 1, LONG_NAME, "", &error));

  fixture.window = GTK_WINDOW (adw_window_new ());
  fixture.page = CLOSENESS_SELFCARE_PAGE (closeness_selfcare_page_new (fixture.store));
  adw_window_set_content (ADW_WINDOW (fixture.window), GTK_WIDGET (fixture.page));
  gtk_window_set_default_size (fixture.window, 1280, 800);
  gtk_window_present (fixture.window);
  closeness_test_resize (fixture.window, NARROW, 720);
  leaflet = ADW_LEAFLET (template_child (&fixture, "leaflet"));
  g_assert_true (adw_leaflet_get_folded (leaflet));

  /* The list, in "Both of You", where each box is labelled with a name. */
  closeness_selfcare_page_set_view (fixture.page, CLOSENESS_SELFCARE_VIEW_TOGETHER);
  closeness_test_settle ();
  wait_for_shown (&fixture, template_child (&fixture, "sidebar"));
  assert_fits (&fixture, "list", NARROW);
  shot = g_strdup_printf ("selfcare-narrow-list-%s", language);
  g_free (closeness_test_screenshot (GTK_WIDGET (fixture.window), shot));
  g_clear_pointer (&shot, g_free);

  {
    GtkMenuButton *menu_button = GTK_MENU_BUTTON (template_child (&fixture, "menu_button"));

    gtk_menu_button_popup (menu_button);
    closeness_test_wait_for_drawn (GTK_WIDGET (gtk_menu_button_get_popover (menu_button)));
    shot = g_strdup_printf ("selfcare-narrow-menu-%s", language);
    g_free (
      closeness_test_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (menu_button)), shot));
    g_clear_pointer (&shot, g_free);
    gtk_menu_button_popdown (menu_button);
  }

  /* An activity with a day logged, so every day button is there. */
  activities = closeness_store_get_activities (fixture.store);
  g_assert_cmpuint (g_list_model_get_n_items (activities), >, 0);
  {
    g_autoptr(ClosenessActivity) activity = g_list_model_get_item (activities, 0);
    g_autofree char *today = closeness_habit_format_day (closeness_habit_today ());
    ClosenessEntryInfo info = { 0, 0, today, CLOSENESS_ENTRY_DONE, "" };

    id = closeness_record_get_id (CLOSENESS_RECORD (activity));
    info.activity_id = id;
    g_assert_cmpint (closeness_store_log_entry (fixture.store, &info, &error), >, 0);
    g_assert_no_error (error);
  }

  closeness_selfcare_page_set_view (fixture.page, CLOSENESS_SELFCARE_VIEW_ME);
  g_assert_true (closeness_selfcare_page_show_activity (fixture.page, id));
  heat_map = template_child (&fixture, "heat_map");
  wait_for_shown (&fixture, heat_map);
  g_assert_true (gtk_widget_get_mapped (heat_map));
  assert_fits (&fixture, "detail", NARROW);
  shot = g_strdup_printf ("selfcare-narrow-detail-%s", language);
  g_free (closeness_test_screenshot (GTK_WIDGET (fixture.window), shot));
  g_clear_pointer (&shot, g_free);

  /* Further down: the day buttons and the reminder's weekdays. */
  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
      GTK_SCROLLED_WINDOW (template_child (&fixture, "detail_scroller")));

    gtk_adjustment_set_value (adjustment, 560);
    closeness_test_wait_for_drawn (template_child (&fixture, "day_group"));
    /* Done, Rest Day and Clear Day on one centred line, or one a line
     * (German and Spanish once put Clear Day alone at the start of a
     * second line). */
    closeness_test_assert_buttons_centred (template_child (&fixture, "day_buttons"));
    shot = g_strdup_printf ("selfcare-narrow-detail-days-%s", language);
    g_free (closeness_test_screenshot (GTK_WIDGET (fixture.window), shot));
    g_clear_pointer (&shot, g_free);
  }

  /* Nothing inside the detail is cut off either: it is no wider than the window. */
  g_assert_cmpint (gtk_widget_get_width (template_child (&fixture, "detail_pane")), <=, NARROW);
  g_assert_cmpint (gtk_widget_get_width (heat_map), <=, NARROW);

  /* The New Activity form, whose "For" row shows the long names. */
  {
    GtkWidget *editor = closeness_selfcare_page_add_activity (fixture.page);
    int editor_min;

    closeness_test_wait_for_drawn (editor);
    editor_min = minimum_width (editor);
    g_test_message ("editor: minimum %d px", editor_min);
    g_assert_cmpint (editor_min, <=, NARROW);
    shot = g_strdup_printf ("selfcare-narrow-editor-%s", language);
    g_free (closeness_test_screenshot (editor, shot));
    g_clear_pointer (&shot, g_free);
    gtk_window_destroy (GTK_WINDOW (editor));
  }

  gtk_window_destroy (fixture.window);
  closeness_test_settle ();
  g_clear_object (&fixture.store);
  g_unsetenv ("LANGUAGE");
}

int
main (int   argc,
      char *argv[])
{
  /* GLib decides once, at the first g_dgettext(), whether to translate at
   * all; a person sets LANGUAGE before starting the app, and so do we. */
  g_setenv ("LANGUAGE", "es", TRUE);

  if (!closeness_test_init_display (&argc, &argv))
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  selfcare_test_init ();

  g_test_add_data_func ("/selfcare-narrow/es", "es", test_narrow);
  g_test_add_data_func ("/selfcare-narrow/de", "de", test_narrow);

  return g_test_run ();
}
