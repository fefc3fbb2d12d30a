/* test-selfcare-fit.c: every label of the Self-Care page is shown whole at
 * 360, 450 and 600 px, in the language the test runs in (LANGUAGE=en, de
 * and es run this program each; see meson.build).
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "../closeness-test-utils.h"
#include "selfcare-test-helpers.h"
#include "selfcare/closeness-activity-row.h"
#include "selfcare/closeness-habit-logic.h"
#include "selfcare/closeness-selfcare-page.h"

static gboolean
rows_loaded_cond (gpointer user_data)
{
  ClosenessSelfcarePage *page = user_data;
  GtkWidget *list = selfcare_test_template_child (page, "list_box");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (CLOSENESS_IS_ACTIVITY_ROW (row)
          && !gtk_widget_get_sensitive (
            GTK_WIDGET (closeness_activity_row_get_check (CLOSENESS_ACTIVITY_ROW (row), 0))))
        return FALSE;
    }

  return TRUE;
}

static void
test_fit (gconstpointer data)
{
  int width = GPOINTER_TO_INT (data);
  const char *language = g_getenv ("LANGUAGE");
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "fit", NULL);
  g_autofree char *path = NULL;
  g_autofree char *shot = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) store = NULL;
  g_autoptr(ClosenessActivity) first = NULL;
  g_autofree char *today = closeness_habit_format_day (closeness_habit_today ());
  ClosenessSelfcarePage *page;
  GtkWindow *window;
  GListModel *activities;
  const ClosenessSelfcareView views[] = {
    CLOSENESS_SELFCARE_VIEW_ME, CLOSENESS_SELFCARE_VIEW_TOGETHER,
  };

  path = g_strdup_printf ("%s/%d/closeness.db", dir, width);
  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  /* Colours chosen: the dots beside the names take room too. */
  g_assert_true (closeness_store_update_partner (store, 0, "", "#3584e4", &error));
  g_assert_true (closeness_store_update_partner (store, 1, "", "#d56199", &error));
  g_assert_no_error (error);

  window = GTK_WINDOW (adw_window_new ());
  page = CLOSENESS_SELFCARE_PAGE (closeness_selfcare_page_new (store));
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (page));
  gtk_window_set_default_size (window, width, 720);
  gtk_window_present (window);
  closeness_test_resize (window, width, 720);

  /* A day logged, so statuses say more than "Ready when you are". */
  activities = closeness_store_get_activities (store);
  first = g_list_model_get_item (activities, 0);
  {
    ClosenessEntryInfo info = { closeness_record_get_id (CLOSENESS_RECORD (first)), 0, today,
                                CLOSENESS_ENTRY_DONE, "" };

    g_assert_cmpint (closeness_store_log_entry (store, &info, &error), >, 0);
    g_assert_no_error (error);
  }

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      closeness_selfcare_page_set_view (page, views[v]);
      closeness_test_wait_until (rows_loaded_cond, page, "the rows' figures");
      selfcare_test_wait_for_shown (page, selfcare_test_template_child (page, "sidebar"));
      g_test_message ("%s, %d px, view %u", language, width, views[v]);
      closeness_test_assert_labels_fit (GTK_WIDGET (window), TRUE);
      shot = g_strdup_printf ("selfcare-fit-list-%s-%d-%s",
                              closeness_selfcare_view_to_string (views[v]), width, language);
      g_free (closeness_test_screenshot (GTK_WIDGET (window), shot));
      g_clear_pointer (&shot, g_free);
    }

  /* The detail of the activity with a day logged. */
  closeness_selfcare_page_set_view (page, CLOSENESS_SELFCARE_VIEW_ME);
  g_assert_true (closeness_selfcare_page_show_activity (page, closeness_record_get_id (
                                                                CLOSENESS_RECORD (first))));
  selfcare_test_wait_for_shown (page, selfcare_test_template_child (page, "heat_map"));
  closeness_test_assert_labels_fit (GTK_WIDGET (window), TRUE);
  shot = g_strdup_printf ("selfcare-fit-detail-%d-%s", width, language);
  g_free (closeness_test_screenshot (GTK_WIDGET (window), shot));

  gtk_window_destroy (window);
  closeness_test_settle ();
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("LANGUAGE") == NULL)
    g_setenv ("LANGUAGE", "en", TRUE);

  if (!closeness_test_init_display (&argc, &argv))
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  selfcare_test_init ();

  g_test_add_data_func ("/selfcare-fit/360", GINT_TO_POINTER (360), test_fit);
  g_test_add_data_func ("/selfcare-fit/450", GINT_TO_POINTER (450), test_fit);
  g_test_add_data_func ("/selfcare-fit/600", GINT_TO_POINTER (600), test_fit);

  return g_test_run ();
}
