/* selfcare-page-fixture.c: the page in a window with a store of its own, set
 * up and torn down for each test, and the helpers several Self-Care page
 * tests use.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "../closeness-test-utils.h"
#include "selfcare-page-fixture.h"
#include "selfcare-test-helpers.h"
#include "selfcare/closeness-habit-logic.h"

void
selfcare_page_test_fixture_set_up (Fixture       *fixture,
                                   gconstpointer  data)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("page-%u", ++counter);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, "closeness.db", NULL);
  g_autoptr(GError) error = NULL;

  fixture->store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (closeness_store_update_partner (fixture->store, 0, "Alex", "", &error));
  g_assert_true (closeness_store_update_partner (fixture->store, 1, "Sam", "", &error));

  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture->window, 1280, 800);
  fixture->page = CLOSENESS_SELFCARE_PAGE (closeness_selfcare_page_new (fixture->store));
  adw_window_set_content (ADW_WINDOW (fixture->window), GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
  closeness_test_resize (fixture->window, 1280, 800);
}

void
selfcare_page_test_fixture_tear_down (Fixture       *fixture,
                                      gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  closeness_test_settle ();
  g_clear_object (&fixture->store);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

ClosenessActivity *
selfcare_page_test_find_activity (ClosenessStore *store,
                                  const char     *name)
{
  GListModel *activities = closeness_store_get_activities (store);

  for (guint i = 0; i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr(ClosenessActivity) activity = g_list_model_get_item (activities, i);

      if (g_strcmp0 (closeness_activity_get_name (activity), name) == 0)
        return activity;
    }

  return NULL;
}

gint64
selfcare_page_test_activity_id (ClosenessStore *store,
                                const char     *name)
{
  ClosenessActivity *activity = selfcare_page_test_find_activity (store, name);

  g_assert_nonnull (activity);

  return closeness_record_get_id (CLOSENESS_RECORD (activity));
}

ClosenessEntry *
selfcare_page_test_entry_today (ClosenessStore *store,
                                gint64          id,
                                guint           slot)
{
  g_autofree char *today = closeness_habit_format_day (closeness_habit_today ());
  g_autoptr(GListModel) entries = closeness_store_get_entries (store, id, today, today);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(ClosenessEntry) entry = g_list_model_get_item (entries, i);

      if ((guint) closeness_entry_get_slot (entry) == slot)
        return g_steal_pointer (&entry);
    }

  return NULL;
}

GtkWidget *
selfcare_page_test_template_child (Fixture    *fixture,
                                   const char *name)
{
  return selfcare_test_template_child (fixture->page, name);
}

/* Before any test: a display, the stylesheet and no animations. FALSE,
 * after saying so in TAP, when there is no display. */
gboolean
selfcare_page_test_init (int    *argc,
                         char ***argv)
{
  /* The test AT context keeps accessible properties, so the heat map's
   * summary for screen readers can be checked without an a11y bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!closeness_test_init_display (argc, argv))
    {
      g_print ("1..0 # SKIP no display\n");
      return FALSE;
    }

  selfcare_test_init ();

  return TRUE;
}
