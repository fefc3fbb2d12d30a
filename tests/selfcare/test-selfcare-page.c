/* test-selfcare-page.c: the Self-Care page as a person uses it, under Xvfb:
 * the list of activities, logging today, a new activity, the detail,
 * private activities, reordering and archiving, drag and drop, and the
 * partners' colours.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>

#include "../closeness-test-utils.h"
#include "selfcare-page-fixture.h"
#include "selfcare/closeness-activity-editor.h"
#include "selfcare/closeness-activity-row.h"

typedef struct
{
  GtkWidget  *row;
  const char *subtitle;
} SubtitleWait;

static gboolean
subtitle_cond (gpointer user_data)
{
  SubtitleWait *wait = user_data;

  return g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (wait->row)), wait->subtitle) == 0;
}

/* Waits until a row's second line reads @subtitle. */
static void
wait_for_subtitle (GtkWidget  *row,
                   const char *subtitle)
{
  SubtitleWait wait = { row, subtitle };
  g_autofree char *what = g_strdup_printf ("a row to read “%s”", subtitle);

  closeness_test_wait_until (subtitle_cond, &wait, what);
}

typedef struct
{
  GtkCheckButton *check;
  gboolean        active;
} CheckWait;

static gboolean
check_cond (gpointer user_data)
{
  CheckWait *wait = user_data;

  return gtk_check_button_get_active (wait->check) == wait->active;
}

static void
wait_for_check (GtkCheckButton *check,
                gboolean        active)
{
  CheckWait wait = { check, active };

  closeness_test_wait_until (check_cond, &wait,
                             active ? "a box to be ticked" : "a box to be cleared");
}

static void
test_builtins_listed (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *row;

  /* Seven built-ins for both of us, in "Me". */
  g_assert_cmpuint (closeness_selfcare_page_get_n_rows (fixture->page), ==, 7);
  row =
    closeness_selfcare_page_get_row (fixture->page,
                                     selfcare_page_test_activity_id (fixture->store, "Exercise"));
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Exercise");
  /* Nothing logged yet: a welcome, not "A fresh start · Just starting". */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Ready when you are");
}

static void
test_log_today_and_undo (Fixture       *fixture,
                         gconstpointer  data)
{
  gint64 id = selfcare_page_test_activity_id (fixture->store, "Meditation");
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
  wait_for_subtitle (row, "1 day in a row");
  entry = selfcare_page_test_entry_today (fixture->store, id, 0);
  g_assert_nonnull (entry);
  g_assert_cmpint (closeness_entry_get_kind (entry), ==, CLOSENESS_ENTRY_DONE);
  g_clear_object (&entry);
  g_assert_null (selfcare_page_test_entry_today (fixture->store, id, 1));
  g_assert_true (gtk_check_button_get_active (mine));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "1 day in a row");
  g_free (closeness_test_screenshot (GTK_WIDGET (fixture->window), "selfcare-logged-1280"));

  /* Undo takes it back. */
  g_assert_true (closeness_selfcare_page_undo (fixture->page));
  wait_for_check (mine, FALSE);
  g_assert_null (selfcare_page_test_entry_today (fixture->store, id, 0));
  g_assert_false (gtk_check_button_get_active (mine));

  /* Unticking takes it off; Undo puts it back. */
  gtk_widget_activate (GTK_WIDGET (mine));
  gtk_widget_activate (GTK_WIDGET (mine));
  closeness_test_settle ();
  wait_for_check (mine, FALSE);
  g_assert_null (selfcare_page_test_entry_today (fixture->store, id, 0));
  g_assert_true (closeness_selfcare_page_undo (fixture->page));
  wait_for_check (mine, TRUE);
  entry = selfcare_page_test_entry_today (fixture->store, id, 0);
  g_assert_nonnull (entry);

  /* "Both of You" shows a box for each of us, named. */
  closeness_selfcare_page_set_view (fixture->page, CLOSENESS_SELFCARE_VIEW_TOGETHER);
  closeness_test_settle ();
  row = closeness_selfcare_page_get_row (fixture->page, id);
  theirs = closeness_activity_row_get_check (CLOSENESS_ACTIVITY_ROW (row), 1);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (theirs)));
  g_assert_cmpstr (closeness_activity_row_get_check_label (CLOSENESS_ACTIVITY_ROW (row), 1), ==,
                   "Sam");
  gtk_widget_activate (GTK_WIDGET (theirs));
  wait_for_check (theirs, TRUE);
  g_clear_object (&entry);
  entry = selfcare_page_test_entry_today (fixture->store, id, 1);
  g_assert_nonnull (entry);

  /* "My partner" shows their progress, and nothing to tick. */
  closeness_selfcare_page_set_view (fixture->page, CLOSENESS_SELFCARE_VIEW_PARTNER);
  closeness_test_settle ();
  row = closeness_selfcare_page_get_row (fixture->page, id);
  g_assert_false (gtk_widget_get_visible (
    GTK_WIDGET (closeness_activity_row_get_check (CLOSENESS_ACTIVITY_ROW (row), 0))));
  g_assert_false (gtk_widget_get_visible (
    GTK_WIDGET (closeness_activity_row_get_check (CLOSENESS_ACTIVITY_ROW (row), 1))));
}

static void
test_add_custom_activity (Fixture       *fixture,
                          gconstpointer  data)
{
  ClosenessActivityEditor *editor;
  GListModel *activities = closeness_store_get_activities (fixture->store);
  guint before = g_list_model_get_n_items (activities);

  editor = CLOSENESS_ACTIVITY_EDITOR (closeness_selfcare_page_add_activity (fixture->page));
  closeness_test_wait_for_drawn (GTK_WIDGET (editor));
  g_free (closeness_test_screenshot (GTK_WIDGET (editor), "selfcare-editor"));

  /* Nothing typed yet: no Create, no scolding. */
  g_assert_false (closeness_activity_editor_get_can_save (editor));
  g_assert_cmpstr (closeness_activity_editor_get_message (editor), ==, "");
  g_assert_false (closeness_activity_editor_get_name_error (editor));

  /* Roomy enough for the form: nothing cut off at the sides. */
  {
    int minimum = 0;

    gtk_widget_measure (GTK_WIDGET (editor), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                        NULL, NULL);
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (editor)), >=, 360);
    g_assert_cmpint (minimum, <=, gtk_widget_get_width (GTK_WIDGET (editor)));
    g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (editor)), >=, 480);
  }

  closeness_activity_editor_set_name (editor, "  exercise ");
  g_assert_cmpstr (closeness_activity_editor_get_message (editor), ==,
                   "There is already an activity with this name. Please choose another one.");
  g_assert_false (closeness_activity_editor_get_can_save (editor));

  closeness_activity_editor_set_name (editor, "Swimming");
  closeness_activity_editor_set_goal (editor, CLOSENESS_GOAL_WEEKLY, 1000);
  g_assert_cmpstr (closeness_activity_editor_get_message (editor), ==,
                   "A week has seven days: please choose from 1 to 7 times a week.");
  g_assert_false (closeness_activity_editor_get_can_save (editor));
  closeness_activity_editor_set_goal (editor, CLOSENESS_GOAL_WEEKLY, 0);
  g_assert_false (closeness_activity_editor_get_can_save (editor));
  closeness_test_wait_for_drawn (GTK_WIDGET (editor));
  g_free (closeness_test_screenshot (GTK_WIDGET (editor), "selfcare-editor-refused"));

  /* Typed and cleared: now the name is asked for. */
  closeness_activity_editor_set_name (editor, "");
  g_assert_cmpstr (closeness_activity_editor_get_message (editor), ==,
                   "Please give the activity a name.");
  g_assert_true (closeness_activity_editor_get_name_error (editor));
  g_assert_false (closeness_activity_editor_save (editor));
  g_assert_cmpuint (g_list_model_get_n_items (activities), ==, before);

  closeness_activity_editor_set_name (editor, "Swimming");
  closeness_activity_editor_set_goal (editor, CLOSENESS_GOAL_WEEKLY, 2);
  g_assert_cmpstr (closeness_activity_editor_get_message (editor), ==, "");
  g_assert_false (closeness_activity_editor_get_name_error (editor));
  g_assert_true (closeness_activity_editor_get_can_save (editor));
  g_assert_true (closeness_activity_editor_save (editor));
  closeness_test_wait_for_n_items (activities, before + 1);
  closeness_test_settle ();

  g_assert_cmpuint (g_list_model_get_n_items (activities), ==, before + 1);
  g_assert_nonnull (selfcare_page_test_find_activity (fixture->store, "Swimming"));
  g_assert_cmpint (closeness_activity_get_owner (
                     selfcare_page_test_find_activity (fixture->store, "Swimming")),
                   ==, CLOSENESS_OWNER_PARTNER_1);
  g_assert_nonnull (
    closeness_selfcare_page_get_row (fixture->page,
                                     selfcare_page_test_activity_id (fixture->store, "Swimming")));
  /* The new activity opens. */
  g_assert_true (closeness_selfcare_page_get_activity (fixture->page) ==
                 selfcare_page_test_find_activity (fixture->store, "Swimming"));

  /* Create with nothing typed: now, and only now, the name is asked for. */
  editor = CLOSENESS_ACTIVITY_EDITOR (closeness_selfcare_page_add_activity (fixture->page));
  closeness_test_wait_for_drawn (GTK_WIDGET (editor));
  g_assert_false (closeness_activity_editor_get_name_error (editor));
  g_assert_false (closeness_activity_editor_save (editor));
  g_assert_true (closeness_activity_editor_get_name_error (editor));
  g_assert_cmpstr (closeness_activity_editor_get_message (editor), ==,
                   "Please give the activity a name.");
  closeness_test_wait_for_drawn (GTK_WIDGET (editor));
  g_free (closeness_test_screenshot (GTK_WIDGET (editor), "selfcare-editor-no-name"));
  gtk_window_close (GTK_WINDOW (editor));
  closeness_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (activities), ==, before + 1);
}

/* A label below @root showing @text. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
first_name_cond (gpointer user_data)
{
  g_autoptr(GtkStringObject) first = g_list_model_get_item (gtk_drop_down_get_model (user_data), 0);

  return g_strcmp0 (gtk_string_object_get_string (first), "Alexandra") == 0;
}

/* What the detail says and shows, as a new person meets it. */
static void
test_detail (Fixture       *fixture,
             gconstpointer  data)
{
  gint64 rest = selfcare_page_test_activity_id (fixture->store, "Rest");
  gint64 exercise = selfcare_page_test_activity_id (fixture->store, "Exercise");
  GtkWidget *edit_button = selfcare_page_test_template_child (fixture, "edit_button");
  GtkScrolledWindow *scroller =
    GTK_SCROLLED_WINDOW (selfcare_page_test_template_child (fixture, "detail_scroller"));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  GtkDropDown *dropdown =
    GTK_DROP_DOWN (selfcare_page_test_template_child (fixture, "me_dropdown"));
  GtkWidget *row;
  GtkCheckButton *mine;
  g_autoptr(GtkStringObject) first_name = NULL;

  /* No activity yet: no pencil to press. */
  g_assert_false (gtk_widget_get_visible (edit_button));

  /* "Rest" asks twice a week; logged today, it says so. */
  g_assert_true (closeness_selfcare_page_show_activity (fixture->page, rest));
  closeness_test_wait_for_visible (edit_button, TRUE);
  g_assert_true (gtk_widget_get_visible (edit_button));
  g_assert_cmpstr (gtk_label_get_text (
                     GTK_LABEL (selfcare_page_test_template_child (fixture, "detail_name"))),
                   ==, "Rest");
  g_assert_cmpstr (gtk_label_get_text (
                     GTK_LABEL (selfcare_page_test_template_child (fixture, "goal_label"))),
                   ==, "Goal: 2 times a week");
  row = closeness_selfcare_page_get_row (fixture->page, rest);
  mine = closeness_activity_row_get_check (CLOSENESS_ACTIVITY_ROW (row), 0);
  gtk_widget_activate (GTK_WIDGET (mine));
  {
    /* The first week asks only for what still fits in it: begun on its
     * last day, one time meets the goal. */
    guint32 today = closeness_habit_today ();
    gboolean last_day_of_week = closeness_habit_week_start (today) + 6 == today;
    const char *expected = last_day_of_week ? "Goal reached this week · 1 week in a row"
                                            : "1 of 2 this week";
    const char *summary;

    wait_for_subtitle (row, expected);
    summary = adw_preferences_group_get_description (
      ADW_PREFERENCES_GROUP (selfcare_page_test_template_child (fixture, "heat_map_group")));
    g_test_message ("heat map summary: %s", summary);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, expected);
    g_assert_cmpstr (gtk_label_get_text (
                       GTK_LABEL (selfcare_page_test_template_child (fixture, "status_label"))),
                     ==, expected);
    /* No "best streak" before there is one. */
    g_assert_true ((strstr (summary, "best streak") != NULL) == last_day_of_week);
  }
  g_assert_cmpstr (gtk_button_get_label (
                     GTK_BUTTON (selfcare_page_test_template_child (fixture, "remove_button"))),
                   ==, "_Clear Day");

  /* Scrolled down in one activity, the next one opens at its top. */
  closeness_test_resize (fixture->window, 1280, 480);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment)
                       - gtk_adjustment_get_page_size (adjustment),
                     >, 100);
  gtk_adjustment_set_value (adjustment, 200);
  closeness_test_wait_for_visible (selfcare_page_test_template_child (fixture, "detail_title"),
                                   TRUE);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  g_assert_true (
    gtk_widget_get_visible (selfcare_page_test_template_child (fixture, "detail_title")));
  g_free (closeness_test_screenshot (GTK_WIDGET (fixture->window), "selfcare-detail-scrolled"));
  g_assert_true (closeness_selfcare_page_show_activity (fixture->page, exercise));
  closeness_test_wait_for_visible (selfcare_page_test_template_child (fixture, "detail_title"),
                                   FALSE);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_false (
    gtk_widget_get_visible (selfcare_page_test_template_child (fixture, "detail_title")));

  /* The menu's "New Activity…" and its shortcut sit side by side, not on top of each other. */
  {
    GtkMenuButton *menu_button =
      GTK_MENU_BUTTON (selfcare_page_test_template_child (fixture, "menu_button"));
    GtkWidget *popover;
    GtkWidget *item, *accel;
    graphene_rect_t item_bounds, accel_bounds;

    gtk_menu_button_popup (menu_button);
    popover = GTK_WIDGET (gtk_menu_button_get_popover (menu_button));
    closeness_test_wait_for_drawn (popover);
    item = find_label (popover, "New Activity…");
    g_assert_nonnull (item);
    accel = gtk_widget_get_next_sibling (item);
    g_assert_true (GTK_IS_LABEL (accel));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (accel)), ==, "Shift+Ctrl+N");
    g_assert_true (gtk_widget_compute_bounds (item, popover, &item_bounds));
    g_assert_true (gtk_widget_compute_bounds (accel, popover, &accel_bounds));
    g_assert_cmpfloat (item_bounds.origin.x + item_bounds.size.width, <=, accel_bounds.origin.x);
    g_assert_nonnull (find_label (popover, "Export as CSV…"));
    g_assert_nonnull (find_label (popover, "Import CSV…"));
    g_free (closeness_test_screenshot (popover, "selfcare-menu"));
    gtk_menu_button_popdown (menu_button);
  }

  /* A partner renamed elsewhere is renamed here at once. */
  g_assert_true (closeness_store_update_partner (fixture->store, 0, "Alexandra", "", NULL));
  closeness_test_wait_until (first_name_cond, dropdown, "the new name in the drop-down");
  first_name = g_list_model_get_item (gtk_drop_down_get_model (dropdown), 0);
  g_assert_cmpstr (gtk_string_object_get_string (first_name), ==, "Alexandra");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
}

/* The activity ids in the order the list shows them. */
static char *
list_order (Fixture *fixture)
{
  GListModel *all = closeness_store_get_activities (fixture->store);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(ClosenessActivity) activity = g_list_model_get_item (all, i);

      if (closeness_activity_get_archived (activity))
        continue;
      g_string_append_printf (text, "%s%s", text->len > 0 ? "," : "",
                              closeness_activity_get_name (activity));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Presses a row's key binding, as a key press on the focused row would. */
static void
press_row_shortcut (GtkWidget  *row,
                    const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (row);
  gboolean pressed = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !pressed; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !pressed; j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *text =
            gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_str_equal (text, trigger))
            pressed = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, row,
                                                    gtk_shortcut_get_arguments (shortcut));
        }
    }

  g_assert_true (pressed);
}

static gboolean
row_focused_cond (gpointer user_data)
{
  Fixture *fixture = user_data;
  GtkWidget *row =
    closeness_selfcare_page_get_row (fixture->page,
                                     selfcare_page_test_activity_id (fixture->store, "Meditation"));

  return row != NULL && gtk_window_get_focus (fixture->window) == row;
}

static gboolean
menu_has_item (GMenuModel *model,
               const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (section != NULL && menu_has_item (section, action))
        return TRUE;
      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
    }

  return FALSE;
}

/* Reorder from the keyboard (Alt+Up on the focused row, Move Down in its
 * menu), archive and unarchive: out of today's list into "Archived", its
 * history kept, and back. */
static void
test_reorder_and_archive (Fixture       *fixture,
                          gconstpointer  data)
{
  gint64 meditation = selfcare_page_test_activity_id (fixture->store, "Meditation");
  GtkWidget *row = closeness_selfcare_page_get_row (fixture->page, meditation);
  GtkWidget *expander = selfcare_page_test_template_child (fixture, "archived_expander");
  g_autofree char *before = list_order (fixture);
  g_autofree char *moved = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  GtkMenuButton *menu_button;
  guint n_rows = closeness_selfcare_page_get_n_rows (fixture->page);

  g_assert_true (g_str_has_prefix (before, "Exercise,Meditation,"));
  menu_button = closeness_activity_row_get_menu_button (CLOSENESS_ACTIVITY_ROW (row));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (menu_button)));
  g_assert_true (menu_has_item (gtk_menu_button_get_menu_model (menu_button), "selfcare.move-up"));
  g_assert_true (menu_has_item (gtk_menu_button_get_menu_model (menu_button), "selfcare.archive"));

  /* Alt+Up on the focused row: first in the list, and it keeps the keyboard. */
  gtk_widget_grab_focus (row);
  press_row_shortcut (row, "<Alt>Up");
  moved = list_order (fixture);
  g_assert_true (g_str_has_prefix (moved, "Meditation,Exercise,"));
  closeness_test_wait_until (row_focused_cond, fixture, "the moved row to keep the focus");
  row = closeness_selfcare_page_get_row (fixture->page, meditation);
  g_assert_true (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) == 0);
  /* At the top, up again does nothing. */
  press_row_shortcut (row, "<Alt>Up");
  after = list_order (fixture);
  g_assert_cmpstr (after, ==, moved);
  g_clear_pointer (&after, g_free);

  /* Move Down in its menu puts it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (closeness_activity_row_get_menu_button (
                                               CLOSENESS_ACTIVITY_ROW (row))),
                                             "selfcare.move-down", "x", meditation));
  after = list_order (fixture);
  g_assert_cmpstr (after, ==, before);

  /* Archive: out of today's list, into "Archived", with nothing to tick. */
  {
    ClosenessEntryInfo entry = { meditation, 0, "2024-01-01", CLOSENESS_ENTRY_DONE, NULL };

    g_assert_cmpint (closeness_store_log_entry (fixture->store, &entry, &error), >, 0);
  }
  g_assert_false (gtk_widget_get_visible (expander));
  row = closeness_selfcare_page_get_row (fixture->page, meditation);
  g_assert_true (gtk_widget_activate_action (row, "selfcare.archive", "x", meditation));
  closeness_test_wait_for_visible (expander, TRUE);
  g_assert_cmpuint (closeness_selfcare_page_get_n_rows (fixture->page), ==, n_rows - 1);
  row = closeness_selfcare_page_get_row (fixture->page, meditation);
  g_assert_nonnull (row);
  g_assert_true (
    gtk_widget_is_ancestor (row, selfcare_page_test_template_child (fixture, "archived_list")));
  g_assert_false (gtk_widget_get_visible (
    GTK_WIDGET (closeness_activity_row_get_check (CLOSENESS_ACTIVITY_ROW (row), 0))));
  menu_button = closeness_activity_row_get_menu_button (CLOSENESS_ACTIVITY_ROW (row));
  g_assert_true (
    menu_has_item (gtk_menu_button_get_menu_model (menu_button), "selfcare.unarchive"));
  g_assert_false (menu_has_item (gtk_menu_button_get_menu_model (menu_button), "selfcare.move-up"));
  gtk_expander_set_expanded (GTK_EXPANDER (expander), TRUE);
  closeness_test_wait_for_drawn (row);
  g_free (closeness_test_screenshot (GTK_WIDGET (fixture->window), "selfcare-archived-1280"));
  /* Its history is kept, and it still opens. */
  {
    g_autoptr(GListModel) entries = closeness_store_get_entries (fixture->store, meditation,
                                                                 "2024-01-01", "2024-01-01");

    g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 1);
  }
  g_assert_true (closeness_selfcare_page_show_activity (fixture->page, meditation));

  /* Undo puts it back; Unarchive from its menu does too. */
  g_assert_true (closeness_selfcare_page_undo (fixture->page));
  closeness_test_wait_for_visible (expander, FALSE);
  g_assert_cmpuint (closeness_selfcare_page_get_n_rows (fixture->page), ==, n_rows);
  row = closeness_selfcare_page_get_row (fixture->page, meditation);
  g_assert_true (gtk_widget_activate_action (row, "selfcare.archive", "x", meditation));
  closeness_test_wait_for_visible (expander, TRUE);
  row = closeness_selfcare_page_get_row (fixture->page, meditation);
  g_assert_true (gtk_widget_activate_action (row, "selfcare.unarchive", "x", meditation));
  closeness_test_wait_for_visible (expander, FALSE);
  g_clear_pointer (&after, g_free);
  after = list_order (fixture);
  g_assert_cmpstr (after, ==, before);
}

/* The names in the order the list box shows its rows. */
static char *
shown_order (Fixture *fixture)
{
  GtkWidget *list = selfcare_page_test_template_child (fixture, "list_box");
  g_autoptr(GString) text = g_string_new (NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      ClosenessActivity *activity;

      if (!CLOSENESS_IS_ACTIVITY_ROW (row))
        continue;
      activity = closeness_activity_row_get_activity (CLOSENESS_ACTIVITY_ROW (row));
      g_string_append_printf (text, "%s%s", text->len > 0 ? "," : "",
                              closeness_activity_get_name (activity));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The first controller of @type on @widget, or NULL. */
static GtkEventController *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }

  return NULL;
}

/* The drag handle at a row's start: the image of list-drag-handle-symbolic. */
static GtkWidget *
find_drag_handle (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_IMAGE (child) &&
          g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (child)), "list-drag-handle-symbolic") == 0)
        return child;
      found = find_drag_handle (child);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* What a row's drag handle gives a drag, as GTK asks for it when one starts. */
static void
take_row (GtkWidget *row,
          GValue    *value)
{
  GtkWidget *handle = find_drag_handle (row);
  GtkEventController *source;
  g_autoptr(GdkContentProvider) content = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (handle);
  source = find_controller (handle, GTK_TYPE_DRAG_SOURCE);
  g_assert_nonnull (source);
  g_signal_emit_by_name (source, "prepare", 8.0, 8.0, &content);
  g_assert_nonnull (content);
  g_value_init (value, CLOSENESS_TYPE_ACTIVITY);
  g_assert_true (gdk_content_provider_get_value (content, value, &error));
  g_assert_no_error (error);
}

/* Drops @value on @row, @fraction of the way down it, as GTK does when
 * the button is let go there. */
static gboolean
drop_on_row (GtkWidget    *row,
             const GValue *value,
             double        fraction)
{
  GtkEventController *target = find_controller (row, GTK_TYPE_DROP_TARGET);
  double y = gtk_widget_get_height (row) * fraction;
  GdkDragAction action = 0;
  gboolean dropped = FALSE;

  /* No drop target: nothing can be dropped on the row. */
  g_assert_nonnull (target);
  g_signal_emit_by_name (target, "enter", 40.0, y, &action);
  g_signal_emit_by_name (target, "motion", 40.0, y, &action);
  g_assert_cmpint (action, ==, GDK_ACTION_MOVE);
  g_signal_emit_by_name (target, "drop", value, 40.0, y, &dropped);

  return dropped;
}

typedef struct
{
  Fixture    *fixture;
  const char *order;
} OrderWait;

static gboolean
shown_order_cond (gpointer user_data)
{
  OrderWait *wait = user_data;
  g_autofree char *shown = shown_order (wait->fixture);

  return g_str_has_prefix (shown, wait->order);
}

/* The names of a store's activities in their order, archived ones too. */
static char *
store_order (ClosenessStore *store)
{
  GListModel *all = closeness_store_get_activities (store);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(ClosenessActivity) activity = g_list_model_get_item (all, i);

      g_string_append_printf (text, "%s%s", text->len > 0 ? "," : "",
                              closeness_activity_get_name (activity));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Drag and drop: a row's handle takes the activity, and dropping it on
 * the upper or lower half of another row puts it before or after that
 * one, in the list and in the store, where it stays. */
static void
test_drag_and_drop (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 exercise = selfcare_page_test_activity_id (fixture->store, "Exercise");
  gint64 meditation = selfcare_page_test_activity_id (fixture->store, "Meditation");
  g_autofree char *before = shown_order (fixture);
  g_autofree char *third = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *order = NULL;
  g_autoptr(ClosenessStore) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GValue) itself = G_VALUE_INIT;
  g_auto(GStrv) names = NULL;
  GtkWidget *row;
  GtkWidget *target;
  GtkWidget *handle;
  GtkMenuButton *menu_button;
  OrderWait wait = { fixture, NULL };

  g_assert_true (g_str_has_prefix (before, "Exercise,Meditation,"));
  names = g_strsplit (before, ",", -1);
  g_assert_cmpuint (g_strv_length (names), >=, 3);
  third = g_strdup (names[2]);
  order = store_order (fixture->store);
  g_assert_true (g_str_has_prefix (order, before));
  g_clear_pointer (&order, g_free);

  /* The handle is drawn at the row's start; screen readers skip it, the
   * keys and the menu move the row for them. */
  row = closeness_selfcare_page_get_row (fixture->page,
                                         selfcare_page_test_activity_id (fixture->store, third));
  handle = find_drag_handle (row);
  g_assert_nonnull (handle);
  g_assert_true (gtk_widget_get_visible (handle));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (handle)), ==,
                   GTK_ACCESSIBLE_ROLE_PRESENTATION);

  /* The third activity, dropped on the upper half of the first row, goes first. */
  take_row (row, &value);
  g_assert_cmpint (closeness_record_get_id (g_value_get_object (&value)), ==,
                   selfcare_page_test_activity_id (fixture->store, third));
  target = closeness_selfcare_page_get_row (fixture->page, exercise);
  g_assert_true (drop_on_row (target, &value, 0.25));
  expected = g_strdup_printf ("%s,Exercise,Meditation,", third);
  wait.order = expected;
  closeness_test_wait_until (shown_order_cond, &wait, "the dropped row to be first");
  order = store_order (fixture->store);
  g_assert_true (g_str_has_prefix (order, expected));
  g_clear_pointer (&order, g_free);
  g_clear_pointer (&expected, g_free);
  g_value_unset (&value);

  /* While an activity is dragged over a row, a line shows where it will go. */
  row = closeness_selfcare_page_get_row (fixture->page, exercise);
  target = closeness_selfcare_page_get_row (fixture->page, meditation);
  {
    GtkEventController *drop_target = find_controller (target, GTK_TYPE_DROP_TARGET);
    GdkDragAction action = 0;

    g_assert_nonnull (drop_target);
    g_signal_emit_by_name (drop_target, "motion", 40.0, gtk_widget_get_height (target) * 0.75,
                           &action);
    g_assert_cmpint (action, ==, GDK_ACTION_MOVE);
    g_assert_true (gtk_widget_has_css_class (target, "closeness-drop-below"));
    closeness_test_wait_for_drawn (target);
    g_free (closeness_test_screenshot (GTK_WIDGET (fixture->window), "selfcare-drop-1280"));
    g_signal_emit_by_name (drop_target, "motion", 40.0, gtk_widget_get_height (target) * 0.25,
                           &action);
    g_assert_true (gtk_widget_has_css_class (target, "closeness-drop-above"));
    g_assert_false (gtk_widget_has_css_class (target, "closeness-drop-below"));
    g_signal_emit_by_name (drop_target, "leave");
    g_assert_false (gtk_widget_has_css_class (target, "closeness-drop-above"));
  }

  /* Exercise, dropped on the lower half of Meditation, goes after it. */
  take_row (row, &value);
  g_assert_true (drop_on_row (target, &value, 0.75));
  expected = g_strdup_printf ("%s,Meditation,Exercise,", third);
  wait.order = expected;
  closeness_test_wait_until (shown_order_cond, &wait, "the dropped row to follow Meditation");
  order = store_order (fixture->store);
  g_assert_true (g_str_has_prefix (order, expected));
  g_clear_pointer (&order, g_free);

  /* A row dropped on itself stays where it is. */
  row = closeness_selfcare_page_get_row (fixture->page, meditation);
  take_row (row, &itself);
  {
    GtkEventController *drop_target = find_controller (row, GTK_TYPE_DROP_TARGET);
    gboolean dropped = TRUE;

    g_signal_emit_by_name (drop_target, "drop", &itself, 40.0, 4.0, &dropped);
    g_assert_false (dropped);
  }
  closeness_test_settle ();
  order = shown_order (fixture);
  g_assert_true (g_str_has_prefix (order, expected));
  g_clear_pointer (&order, g_free);

  /* The order is kept: the database opened anew has it too. */
  reopened = closeness_store_new (closeness_store_get_path (fixture->store), &error);
  g_assert_no_error (error);
  order = store_order (reopened);
  g_assert_true (g_str_has_prefix (order, expected));

  /* "Both of You" has no room for the handle, as for the menu. */
  closeness_selfcare_page_set_view (fixture->page, CLOSENESS_SELFCARE_VIEW_TOGETHER);
  closeness_test_settle ();
  row = closeness_selfcare_page_get_row (fixture->page, meditation);
  closeness_test_wait_for_drawn (row);
  g_assert_false (gtk_widget_get_visible (find_drag_handle (row)));
  closeness_selfcare_page_set_view (fixture->page, CLOSENESS_SELFCARE_VIEW_ME);
  closeness_test_settle ();
  row = closeness_selfcare_page_get_row (fixture->page, meditation);
  closeness_test_wait_for_visible (find_drag_handle (row), TRUE);

  /* At 360 px the name needs the room: the handle makes way, the menu
   * (and Alt+Up, Alt+Down) still move the row. */
  closeness_test_resize (fixture->window, 360, 700);
  closeness_test_wait_for_visible (find_drag_handle (row), FALSE);
  menu_button = closeness_activity_row_get_menu_button (CLOSENESS_ACTIVITY_ROW (row));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (menu_button)));
  closeness_test_wait_for_drawn (GTK_WIDGET (fixture->window));
  closeness_test_assert_labels_fit (GTK_WIDGET (fixture->window), TRUE);
  g_free (closeness_test_screenshot (GTK_WIDGET (fixture->window), "selfcare-drag-handle-360"));

  /* Wider again, it is back. */
  closeness_test_resize (fixture->window, 1280, 800);
  closeness_test_wait_for_visible (find_drag_handle (row), TRUE);
}

static gboolean
diary_listed_cond (gpointer user_data)
{
  return selfcare_page_test_find_activity (user_data, "Sam’s diary") != NULL;
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
  g_autoptr(ClosenessActivity) diary =
    closeness_store_create_activity (fixture->store, &info, NULL);
  gint64 id = closeness_record_get_id (CLOSENESS_RECORD (diary));

  closeness_test_wait_until (diary_listed_cond, fixture->store, "the store to list the diary");
  closeness_test_settle ();

  /* Alex uses the computer: in none of the three views. */
  for (ClosenessSelfcareView view = CLOSENESS_SELFCARE_VIEW_ME;
       view <= CLOSENESS_SELFCARE_VIEW_TOGETHER; view++)
    {
      closeness_selfcare_page_set_view (fixture->page, view);
      closeness_test_settle ();
      g_assert_null (closeness_selfcare_page_get_row (fixture->page, id));
      g_assert_false (closeness_selfcare_page_show_activity (fixture->page, id));
    }

  /* Sam: only in Sam's "Me". */
  closeness_selfcare_page_set_me (fixture->page, 1);
  closeness_selfcare_page_set_view (fixture->page, CLOSENESS_SELFCARE_VIEW_ME);
  closeness_test_settle ();
  g_assert_nonnull (closeness_selfcare_page_get_row (fixture->page, id));
  closeness_selfcare_page_set_view (fixture->page, CLOSENESS_SELFCARE_VIEW_TOGETHER);
  closeness_test_settle ();
  g_assert_null (closeness_selfcare_page_get_row (fixture->page, id));

  /* Who "me" is, and the view, are remembered. */
  {
    g_autofree char *me = closeness_store_dup_state (fixture->store, "selfcare-me");
    g_autofree char *view = closeness_store_dup_state (fixture->store, "selfcare-view");

    g_assert_cmpstr (me, ==, "1");
    g_assert_cmpstr (view, ==, "together");
  }
}

static GtkWidget *
row_dot (GtkWidget *row,
         guint      slot,
         gboolean   measured)
{
  GtkWidget *holder =
    measured
      ? GTK_WIDGET (closeness_activity_row_get_amount_button (CLOSENESS_ACTIVITY_ROW (row), slot))
      : GTK_WIDGET (closeness_activity_row_get_check (CLOSENESS_ACTIVITY_ROW (row), slot));
  GtkWidget *dot = closeness_test_find_partner_dot (holder);

  g_assert_nonnull (dot);
  return dot;
}

/* "Both of You" names each partner beside their box, with their colour
 * dot; where no name is shown ("Me") there is no dot either, and a new
 * colour in Preferences shows at once. */
static void
test_partner_colors (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 exercise = selfcare_page_test_activity_id (fixture->store, "Exercise");
  ClosenessActivityInfo info = {
    .name = "Reading", .owner = CLOSENESS_OWNER_BOTH, .goal_kind = CLOSENESS_GOAL_DAILY,
    .goal_count = 1, .kind = CLOSENESS_ACTIVITY_MEASURABLE, .unit = "pages", .target = 30,
    .color = "", .icon = "",
  };
  g_autoptr(ClosenessActivity) reading = NULL;
  g_autoptr(GError) error = NULL;
  gint64 reading_id;
  GtkWidget *row, *measured_row;

  g_assert_true (closeness_store_update_partner (fixture->store, 0, "Alex", "#3584e4", &error));
  g_assert_no_error (error);
  reading = closeness_store_create_activity (fixture->store, &info, &error);
  g_assert_no_error (error);
  reading_id = closeness_record_get_id (CLOSENESS_RECORD (reading));
  closeness_test_settle ();

  /* Me: "Done today", no name, no dot. */
  row = closeness_selfcare_page_get_row (fixture->page, exercise);
  g_assert_cmpstr (closeness_activity_row_get_check_label (CLOSENESS_ACTIVITY_ROW (row), 0), ==,
                   "Done today");
  closeness_test_assert_partner_dot (row_dot (row, 0, FALSE), "");
  g_assert_false (gtk_widget_get_mapped (row_dot (row, 0, FALSE)));

  closeness_selfcare_page_set_view (fixture->page, CLOSENESS_SELFCARE_VIEW_TOGETHER);
  closeness_test_settle ();
  row = closeness_selfcare_page_get_row (fixture->page, exercise);
  measured_row = closeness_selfcare_page_get_row (fixture->page, reading_id);
  closeness_test_wait_for_drawn (row);
  g_assert_cmpstr (closeness_activity_row_get_check_label (CLOSENESS_ACTIVITY_ROW (row), 0), ==,
                   "Alex");
  closeness_test_assert_partner_dot (row_dot (row, 0, FALSE), "#3584e4");
  /* Sam chose no colour: the name alone. */
  g_assert_cmpstr (closeness_activity_row_get_check_label (CLOSENESS_ACTIVITY_ROW (row), 1), ==,
                   "Sam");
  closeness_test_assert_partner_dot (row_dot (row, 1, FALSE), "");
  g_assert_false (gtk_widget_get_mapped (row_dot (row, 1, FALSE)));
  g_assert_true (g_str_has_prefix (closeness_activity_row_get_amount_label (CLOSENESS_ACTIVITY_ROW (
                                                                              measured_row),
                                                                            0),
                                   "Alex: "));
  closeness_test_assert_partner_dot (row_dot (measured_row, 0, TRUE), "#3584e4");

  g_assert_true (closeness_store_update_partner (fixture->store, 0, "Alex", "#e62d42", &error));
  g_assert_true (closeness_store_update_partner (fixture->store, 1, "Sam", "#9141ac", &error));
  g_assert_no_error (error);
  closeness_test_settle ();
  closeness_test_assert_partner_dot (row_dot (row, 0, FALSE), "#e62d42");
  closeness_test_assert_partner_dot (row_dot (row, 1, FALSE), "#9141ac");
  closeness_test_assert_partner_dot (row_dot (measured_row, 0, TRUE), "#e62d42");
  closeness_test_assert_partner_dot (row_dot (measured_row, 1, TRUE), "#9141ac");
  g_free (closeness_test_screenshot (GTK_WIDGET (fixture->window), "selfcare-partner-colors-1280"));

  closeness_test_resize (fixture->window, 360, 700);
  closeness_test_wait_for_drawn (GTK_WIDGET (fixture->window));
  g_free (closeness_test_screenshot (GTK_WIDGET (fixture->window), "selfcare-partner-colors-360"));
}

int
main (int   argc,
      char *argv[])
{
  if (!selfcare_page_test_init (&argc, &argv))
    return 0;

  SELFCARE_PAGE_TEST_ADD ("/selfcare-page/builtins-listed", test_builtins_listed);
  SELFCARE_PAGE_TEST_ADD ("/selfcare-page/log-today-and-undo", test_log_today_and_undo);
  SELFCARE_PAGE_TEST_ADD ("/selfcare-page/add-custom-activity", test_add_custom_activity);
  SELFCARE_PAGE_TEST_ADD ("/selfcare-page/detail", test_detail);
  SELFCARE_PAGE_TEST_ADD ("/selfcare-page/private-never-shown", test_private_never_shown);
  SELFCARE_PAGE_TEST_ADD ("/selfcare-page/reorder-and-archive", test_reorder_and_archive);
  SELFCARE_PAGE_TEST_ADD ("/selfcare-page/drag-and-drop", test_drag_and_drop);
  SELFCARE_PAGE_TEST_ADD ("/selfcare-page/partner-colors", test_partner_colors);

  return g_test_run ();
}
