/* test-selfcare-page.c: the Self-Care page as a person uses it, under Xvfb.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "../closeness-test-utils.h"
#include "selfcare/closeness-activity-editor.h"
#include "selfcare/closeness-activity-row.h"
#include "selfcare/closeness-habit-logic.h"
#include "selfcare/closeness-heat-map.h"
#include "selfcare/closeness-selfcare-page.h"

typedef struct
{
  ClosenessStore        *store;
  GtkWindow             *window;
  ClosenessSelfcarePage *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
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

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  closeness_test_iterate (50);
  g_clear_object (&fixture->store);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static ClosenessActivity *
find_activity (ClosenessStore *store,
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

static gint64
activity_id (ClosenessStore *store,
             const char     *name)
{
  ClosenessActivity *activity = find_activity (store, name);

  g_assert_nonnull (activity);

  return closeness_record_get_id (CLOSENESS_RECORD (activity));
}

static ClosenessEntry *
entry_today (ClosenessStore *store,
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

static void
test_builtins_listed (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *row;

  /* Seven built-ins for both of us, in "Me". */
  g_assert_cmpuint (closeness_selfcare_page_get_n_rows (fixture->page), ==, 7);
  row = closeness_selfcare_page_get_row (fixture->page, activity_id (fixture->store, "Exercise"));
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Exercise");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "A fresh start · Just starting");
}

static void
test_log_today_and_undo (Fixture       *fixture,
                         gconstpointer  data)
{
  gint64 id = activity_id (fixture->store, "Meditation");
  GtkWidget *row = closeness_selfcare_page_get_row (fixture->page, id);
  GtkCheckButton *mine = closeness_activity_row_get_check (CLOSENESS_ACTIVITY_ROW (row), 0);
  GtkCheckButton *theirs = closeness_activity_row_get_check (CLOSENESS_ACTIVITY_ROW (row), 1);
  g_autoptr(ClosenessEntry) entry = NULL;

  /* In "Me" only my own box shows. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (mine)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (theirs)));
  g_assert_false (gtk_check_button_get_active (mine));

  /* One click: done today. */
  gtk_widget_activate (GTK_WIDGET (mine));
  closeness_test_iterate (50);
  entry = entry_today (fixture->store, id, 0);
  g_assert_nonnull (entry);
  g_assert_cmpint (closeness_entry_get_kind (entry), ==, CLOSENESS_ENTRY_DONE);
  g_clear_object (&entry);
  g_assert_null (entry_today (fixture->store, id, 1));
  g_assert_true (gtk_check_button_get_active (mine));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "1 day in a row · Just starting");
  g_free (closeness_test_screenshot (GTK_WIDGET (fixture->window), "selfcare-logged-1280"));

  /* Undo takes it back. */
  g_assert_true (closeness_selfcare_page_undo (fixture->page));
  closeness_test_iterate (50);
  g_assert_null (entry_today (fixture->store, id, 0));
  g_assert_false (gtk_check_button_get_active (mine));

  /* Unticking takes it off; Undo puts it back. */
  gtk_widget_activate (GTK_WIDGET (mine));
  gtk_widget_activate (GTK_WIDGET (mine));
  closeness_test_iterate (50);
  g_assert_null (entry_today (fixture->store, id, 0));
  g_assert_true (closeness_selfcare_page_undo (fixture->page));
  closeness_test_iterate (50);
  entry = entry_today (fixture->store, id, 0);
  g_assert_nonnull (entry);

  /* "Together" shows a box for each of us, named. */
  closeness_selfcare_page_set_view (fixture->page, CLOSENESS_SELFCARE_VIEW_TOGETHER);
  closeness_test_iterate (50);
  row = closeness_selfcare_page_get_row (fixture->page, id);
  theirs = closeness_activity_row_get_check (CLOSENESS_ACTIVITY_ROW (row), 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (theirs)));
  g_assert_cmpstr (gtk_check_button_get_label (theirs), ==, "Sam");
  gtk_widget_activate (GTK_WIDGET (theirs));
  closeness_test_iterate (50);
  g_clear_object (&entry);
  entry = entry_today (fixture->store, id, 1);
  g_assert_nonnull (entry);

  /* "My partner" shows their progress, and nothing to tick. */
  closeness_selfcare_page_set_view (fixture->page, CLOSENESS_SELFCARE_VIEW_PARTNER);
  closeness_test_iterate (50);
  row = closeness_selfcare_page_get_row (fixture->page, id);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (closeness_activity_row_get_check (CLOSENESS_ACTIVITY_ROW (row), 0))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (closeness_activity_row_get_check (CLOSENESS_ACTIVITY_ROW (row), 1))));
}

static void
test_add_custom_activity (Fixture       *fixture,
                          gconstpointer  data)
{
  ClosenessActivityEditor *editor;
  GListModel *activities = closeness_store_get_activities (fixture->store);
  guint before = g_list_model_get_n_items (activities);

  editor = CLOSENESS_ACTIVITY_EDITOR (closeness_selfcare_page_add_activity (fixture->page));
  closeness_test_iterate (100);
  g_free (closeness_test_screenshot (GTK_WIDGET (editor), "selfcare-editor"));

  /* Nothing typed yet: no Save, no scolding. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (editor), "save"));

  closeness_activity_editor_set_name (editor, "  exercise ");
  g_assert_cmpstr (closeness_activity_editor_get_message (editor), ==,
                   "There is already an activity with this name. Please choose another one.");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (editor), "save"));

  closeness_activity_editor_set_name (editor, "Swimming");
  closeness_activity_editor_set_goal (editor, CLOSENESS_GOAL_WEEKLY, 1000);
  g_assert_cmpstr (closeness_activity_editor_get_message (editor), ==,
                   "A week has seven days: please choose from 1 to 7 times a week.");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (editor), "save"));
  closeness_activity_editor_set_goal (editor, CLOSENESS_GOAL_WEEKLY, 0);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (editor), "save"));
  closeness_test_iterate (50);
  g_free (closeness_test_screenshot (GTK_WIDGET (editor), "selfcare-editor-refused"));

  closeness_activity_editor_set_name (editor, "");
  g_assert_cmpstr (closeness_activity_editor_get_message (editor), ==,
                   "Please give the activity a name.");
  g_assert_cmpuint (g_list_model_get_n_items (activities), ==, before);

  closeness_activity_editor_set_name (editor, "Swimming");
  closeness_activity_editor_set_goal (editor, CLOSENESS_GOAL_WEEKLY, 2);
  g_assert_cmpstr (closeness_activity_editor_get_message (editor), ==, "");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (editor), "save"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (editor), "save");
  closeness_test_iterate (100);

  g_assert_cmpuint (g_list_model_get_n_items (activities), ==, before + 1);
  g_assert_nonnull (find_activity (fixture->store, "Swimming"));
  g_assert_cmpint (closeness_activity_get_owner (find_activity (fixture->store, "Swimming")), ==,
                   CLOSENESS_OWNER_PARTNER_1);
  g_assert_nonnull (closeness_selfcare_page_get_row (fixture->page,
                                                     activity_id (fixture->store, "Swimming")));
  /* The new activity opens. */
  g_assert_true (closeness_selfcare_page_get_activity (fixture->page) ==
                 find_activity (fixture->store, "Swimming"));
}

static void
test_private_never_shown (Fixture       *fixture,
                          gconstpointer  data)
{
  ClosenessActivityInfo info = {
    .name = "Sam’s diary", .icon = "document-edit-symbolic", .color = "#9141ac",
    .owner = CLOSENESS_OWNER_PARTNER_2, .is_private = TRUE,
    .goal_kind = CLOSENESS_GOAL_DAILY, .goal_count = 1,
  };
  g_autoptr(ClosenessActivity) diary = closeness_store_create_activity (fixture->store, &info, NULL);
  gint64 id = closeness_record_get_id (CLOSENESS_RECORD (diary));

  closeness_test_iterate (50);

  /* Alex uses the computer: in none of the three views. */
  for (ClosenessSelfcareView view = CLOSENESS_SELFCARE_VIEW_ME; view <= CLOSENESS_SELFCARE_VIEW_TOGETHER; view++)
    {
      closeness_selfcare_page_set_view (fixture->page, view);
      closeness_test_iterate (20);
      g_assert_null (closeness_selfcare_page_get_row (fixture->page, id));
      g_assert_false (closeness_selfcare_page_show_activity (fixture->page, id));
    }

  /* Sam: only in Sam's "Me". */
  closeness_selfcare_page_set_me (fixture->page, 1);
  closeness_selfcare_page_set_view (fixture->page, CLOSENESS_SELFCARE_VIEW_ME);
  closeness_test_iterate (20);
  g_assert_nonnull (closeness_selfcare_page_get_row (fixture->page, id));
  closeness_selfcare_page_set_view (fixture->page, CLOSENESS_SELFCARE_VIEW_TOGETHER);
  closeness_test_iterate (20);
  g_assert_null (closeness_selfcare_page_get_row (fixture->page, id));

  /* Who "me" is, and the view, are remembered. */
  {
    g_autofree char *me = closeness_store_dup_state (fixture->store, "selfcare-me");
    g_autofree char *view = closeness_store_dup_state (fixture->store, "selfcare-view");

    g_assert_cmpstr (me, ==, "1");
    g_assert_cmpstr (view, ==, "together");
  }
}

static void
add_history (ClosenessStore *store,
             gint64          id)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (ClosenessEntryInfo));
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);
  guint32 today = closeness_habit_today ();
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i < 190; i++)
    {
      for (guint slot = 0; slot < 2; slot++)
        {
          ClosenessEntryInfo info = { id, slot, NULL, CLOSENESS_ENTRY_DONE, NULL };
          guint pattern = (i * 7 + slot * 3) % 10;

          if (pattern > (slot == 0 ? 6 : 4))
            continue;
          if (pattern == 0)
            info.kind = CLOSENESS_ENTRY_REST;
          info.day = closeness_habit_format_day (today - i);
          g_ptr_array_add (days, (char *) info.day);
          g_array_append_val (entries, info);
        }
    }

  g_assert_true (closeness_store_add_entries (store, (ClosenessEntryInfo *) (gpointer) entries->data,
                                              entries->len, &error));
  g_assert_no_error (error);
}

static void
shoot (Fixture    *fixture,
       const char *what,
       int         width,
       const char *style)
{
  g_autofree char *name = g_strdup_printf ("selfcare-%s-%d-%s", what, width, style);
  g_autofree char *path = closeness_test_screenshot (GTK_WIDGET (fixture->window), name);

  g_assert_nonnull (path);
}

static void
test_charts_render (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 id = activity_id (fixture->store, "Exercise");
  GtkWidget *heat_map;
  GtkWidget *bars;
  const char *styles[] = { "light", "dark" };
  int widths[] = { 1280, 360 };

  add_history (fixture->store, id);
  closeness_test_iterate (50);

  heat_map = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                        CLOSENESS_TYPE_SELFCARE_PAGE, "heat_map"));
  bars = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                    CLOSENESS_TYPE_SELFCARE_PAGE, "week_bars"));

  for (guint s = 0; s < G_N_ELEMENTS (styles); s++)
    {
      adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                          s == 0 ? ADW_COLOR_SCHEME_FORCE_LIGHT
                                                 : ADW_COLOR_SCHEME_FORCE_DARK);

      for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
        {
          closeness_selfcare_page_set_view (fixture->page, CLOSENESS_SELFCARE_VIEW_ME);
          closeness_test_resize (fixture->window, widths[w], widths[w] > 500 ? 800 : 640);
          if (widths[w] < 500)
            {
              AdwLeaflet *leaflet = ADW_LEAFLET (gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                                                                CLOSENESS_TYPE_SELFCARE_PAGE,
                                                                                "leaflet"));

              g_assert_true (adw_leaflet_get_folded (leaflet));
              adw_leaflet_set_visible_child_name (leaflet, "list");
              closeness_test_iterate (300);
            }
          shoot (fixture, "list", widths[w], styles[s]);

          g_assert_true (closeness_selfcare_page_show_activity (fixture->page, id));
          closeness_test_iterate (400);
          g_assert_cmpint (gtk_widget_get_width (heat_map), >, 0);
          g_assert_cmpint (gtk_widget_get_height (heat_map), >=, 7 * 6);
          g_assert_cmpint (gtk_widget_get_height (bars), >, 0);
          g_assert_true (gtk_widget_get_mapped (heat_map));
          shoot (fixture, "detail", widths[w], styles[s]);

          /* Screen readers hear the same summary as is written above the map. */
          {
            AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (
              gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                             CLOSENESS_TYPE_SELFCARE_PAGE, "heat_map_group"));
            const char *summary = adw_preferences_group_get_description (group);
            g_autofree char *diff = NULL;

            g_assert_true (g_str_has_prefix (summary, "Done "));
            g_assert_nonnull (strstr (summary, "; best streak "));
            diff = gtk_test_accessible_check_property (GTK_ACCESSIBLE (heat_map),
                                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                       summary);
            g_assert_null (diff);
          }

          /* Together: both partners, lighter where one of two did it. */
          closeness_selfcare_page_set_view (fixture->page, CLOSENESS_SELFCARE_VIEW_TOGETHER);
          g_assert_true (closeness_selfcare_page_show_activity (fixture->page, id));
          closeness_test_iterate (200);
          shoot (fixture, "together", widths[w], styles[s]);
        }
    }

  /* Clicking a day in the map picks it; the future cannot be picked. */
  {
    guint32 day = closeness_heat_map_get_day_at (CLOSENESS_HEAT_MAP (heat_map),
                                                 gtk_widget_get_width (heat_map) / 2.0,
                                                 gtk_widget_get_height (heat_map) / 2.0);

    g_assert_cmpuint (day, >, 0);
    g_assert_cmpuint (day, <=, closeness_habit_today ());
    g_assert_cmpuint (closeness_heat_map_get_day_at (CLOSENESS_HEAT_MAP (heat_map),
                                                     gtk_widget_get_width (heat_map) - 1,
                                                     gtk_widget_get_height (heat_map) - 1),
                      <=, closeness_habit_today ());
  }
}

int
main (int   argc,
      char *argv[])
{
  /* The test AT context keeps accessible properties, so the heat map's
   * summary for screen readers can be checked without an a11y bus. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!closeness_test_init_display (&argc, &argv))
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  g_test_add ("/selfcare-page/builtins-listed", Fixture, NULL,
              fixture_set_up, test_builtins_listed, fixture_tear_down);
  g_test_add ("/selfcare-page/log-today-and-undo", Fixture, NULL,
              fixture_set_up, test_log_today_and_undo, fixture_tear_down);
  g_test_add ("/selfcare-page/add-custom-activity", Fixture, NULL,
              fixture_set_up, test_add_custom_activity, fixture_tear_down);
  g_test_add ("/selfcare-page/private-never-shown", Fixture, NULL,
              fixture_set_up, test_private_never_shown, fixture_tear_down);
  g_test_add ("/selfcare-page/charts-render", Fixture, NULL,
              fixture_set_up, test_charts_render, fixture_tear_down);

  return g_test_run ();
}
