/* test-selfcare-drag-scroll.c: an activity dragged near the top or bottom
 * of the list scrolls it, so it can be dropped at a place off screen.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "../closeness-test-utils.h"
#include "closeness-drag-scroll.h"
#include "selfcare-test-helpers.h"
#include "selfcare/closeness-activity-row.h"
#include "selfcare/closeness-selfcare-page.h"

/* The speed is 0 in the middle, grows towards each edge and points the
 * way of that edge; a window too low for two bands keeps a middle. */
static void
test_speed (void)
{
  g_assert_cmpfloat (closeness_drag_scroll_speed (300, 600), ==, 0);
  g_assert_cmpfloat (closeness_drag_scroll_speed (60, 600), ==, 0);
  g_assert_cmpfloat (closeness_drag_scroll_speed (540, 600), ==, 0);

  g_assert_cmpfloat (closeness_drag_scroll_speed (40, 600), <, 0);
  g_assert_cmpfloat (closeness_drag_scroll_speed (2, 600), <,
                     closeness_drag_scroll_speed (40, 600));
  g_assert_cmpfloat (closeness_drag_scroll_speed (-20, 600), ==,
                     closeness_drag_scroll_speed (0, 600));

  g_assert_cmpfloat (closeness_drag_scroll_speed (560, 600), >, 0);
  g_assert_cmpfloat (closeness_drag_scroll_speed (598, 600), >,
                     closeness_drag_scroll_speed (560, 600));
  g_assert_cmpfloat (closeness_drag_scroll_speed (650, 600), ==,
                     closeness_drag_scroll_speed (600, 600));

  g_assert_cmpfloat (closeness_drag_scroll_speed (45, 90), ==, 0);
  g_assert_cmpfloat (closeness_drag_scroll_speed (5, 90), <, 0);
  g_assert_cmpfloat (closeness_drag_scroll_speed (85, 90), >, 0);
  g_assert_cmpfloat (closeness_drag_scroll_speed (0, 0), ==, 0);
}

typedef struct
{
  GtkAdjustment *adjustment;
  double         value;
} ValueWait;

static gboolean
value_above_cond (gpointer user_data)
{
  ValueWait *wait = user_data;

  return gtk_adjustment_get_value (wait->adjustment) > wait->value;
}

static gboolean
value_below_cond (gpointer user_data)
{
  ValueWait *wait = user_data;

  return gtk_adjustment_get_value (wait->adjustment) < wait->value;
}

static GtkEventController *
find_drop_motion (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_CONTROLLER_MOTION (controller))
        return controller;
    }

  return NULL;
}

/* Self-Care at 360 × 640 px with 24 activities of the couple's, more than
 * fit: the list scrolls. The store and the window are the caller's. */
static ClosenessSelfcarePage *
open_long_list (ClosenessStore **store_out,
                GtkWindow      **window)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "closeness.db", NULL);
  g_autoptr(GError) error = NULL;
  ClosenessStore *store;
  ClosenessSelfcarePage *page;
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;

  store = *store_out = closeness_store_new (path, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *name = g_strdup_printf ("Stretch %u", i + 1);
      g_autoptr(ClosenessActivity) activity = NULL;
      ClosenessActivityInfo info = {
        .name = name, .icon = "starred-symbolic", .color = "#3584e4", .owner = CLOSENESS_OWNER_BOTH,
        .goal_kind = CLOSENESS_GOAL_DAILY, .goal_count = 1,
      };

      activity = closeness_store_create_activity (store, &info, &error);
      g_assert_no_error (error);
    }

  *window = GTK_WINDOW (adw_window_new ());
  page = CLOSENESS_SELFCARE_PAGE (closeness_selfcare_page_new (store));
  adw_window_set_content (ADW_WINDOW (*window), GTK_WIDGET (page));
  gtk_window_set_default_size (*window, 360, 640);
  gtk_window_present (*window);
  closeness_selfcare_page_set_view (page, CLOSENESS_SELFCARE_VIEW_TOGETHER);
  scrolled = selfcare_test_template_child (page, "list_scrolled_window");
  selfcare_test_wait_for_shown (page, scrolled);
  closeness_test_settle ();

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >,
                     gtk_adjustment_get_page_size (adjustment) + 200);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  return page;
}

/* What GTK sends the list while an activity is dragged over it: the drop
 * controller's "motion" at a height, then "leave" when the drag is over. */
static void
test_scrolls_near_edges (void)
{
  g_autoptr(ClosenessStore) store = NULL;
  ClosenessSelfcarePage *page;
  GtkWindow *window;
  GtkWidget *scrolled;
  GtkEventController *motion;
  GtkAdjustment *adjustment;
  ValueWait wait;
  double height, stopped;

  page = open_long_list (&store, &window);
  scrolled = selfcare_test_template_child (page, "list_scrolled_window");
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  height = gtk_widget_get_height (scrolled);

  motion = find_drop_motion (scrolled);
  g_assert_nonnull (motion);

  /* In the middle nothing moves… */
  g_signal_emit_by_name (motion, "enter", 100.0, height / 2);
  g_signal_emit_by_name (motion, "motion", 100.0, height / 2);
  closeness_test_iterate (150);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  /* …near the bottom the list scrolls down… */
  g_signal_emit_by_name (motion, "motion", 100.0, height - 4);
  wait = (ValueWait) { adjustment, 100 };
  closeness_test_wait_until (value_above_cond, &wait, "the list to scroll down");

  /* …near the top, back up… */
  g_signal_emit_by_name (motion, "motion", 100.0, 4.0);
  wait = (ValueWait) { adjustment, gtk_adjustment_get_value (adjustment) - 50 };
  closeness_test_wait_until (value_below_cond, &wait, "the list to scroll up");

  /* …and it stops where the drag leaves. */
  g_signal_emit_by_name (motion, "leave");
  closeness_test_iterate (50);
  stopped = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (stopped, >, 0);
  closeness_test_iterate (200);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, stopped);

  gtk_window_destroy (window);
  closeness_test_settle ();
}

typedef struct
{
  ClosenessSelfcarePage *page;
  gint64                 id;
  GtkWidget             *scrolled;
} InView;

/* The activity's whole row is inside the list's visible area. */
static gboolean
row_in_view_cond (gpointer user_data)
{
  InView *wait = user_data;
  GtkWidget *row = closeness_selfcare_page_get_row (wait->page, wait->id);
  graphene_rect_t bounds;

  if (row == NULL || gtk_widget_get_height (row) == 0 ||
      !gtk_widget_compute_bounds (row, wait->scrolled, &bounds))
    return FALSE;

  return bounds.origin.y >= 0
         && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (wait->scrolled);
}

/* An activity dropped at the end of a list scrolled down to there is in
 * view afterwards, with the keyboard on it: the list does not jump back. */
static void
test_dropped_row_in_view (void)
{
  g_autoptr(ClosenessStore) store = NULL;
  ClosenessSelfcarePage *page;
  GtkWindow *window;
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;
  GListModel *activities;
  g_autoptr(ClosenessActivity) first = NULL;
  g_autoptr(ClosenessActivity) last = NULL;
  gint64 first_id, last_id;
  double bottom;
  InView wait;

  page = open_long_list (&store, &window);
  scrolled = selfcare_test_template_child (page, "list_scrolled_window");
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  activities = closeness_store_get_activities (store);
  first = g_list_model_get_item (activities, 0);
  last = g_list_model_get_item (activities, g_list_model_get_n_items (activities) - 1);
  first_id = closeness_record_get_id (CLOSENESS_RECORD (first));
  last_id = closeness_record_get_id (CLOSENESS_RECORD (last));

  /* Dragged down to the end, the list scrolled along. */
  bottom = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  gtk_adjustment_set_value (adjustment, bottom);
  closeness_test_settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "selfcare.move-to", "(xxb)",
                                             first_id, last_id, TRUE));

  wait = (InView) { page, first_id, scrolled };
  closeness_test_wait_until (row_in_view_cond, &wait, "the dropped activity in view");
  g_assert_true (gtk_widget_has_focus (closeness_selfcare_page_get_row (page, first_id)));
  /* And it stays there. */
  closeness_test_settle ();
  g_assert_true (row_in_view_cond (&wait));

  /* Moved down with the keyboard from the last row in view, it takes the
   * list along. */
  gtk_adjustment_set_value (adjustment, 0);
  {
    GtkListBox *list = GTK_LIST_BOX (selfcare_test_template_child (page, "list_box"));
    ClosenessActivityRow *top = CLOSENESS_ACTIVITY_ROW (gtk_list_box_get_row_at_index (list, 0));
    GtkWidget *row = NULL;
    ValueWait scrolled_by;
    gint64 id = 0;

    wait = (InView) {
      page, closeness_record_get_id (CLOSENESS_RECORD (closeness_activity_row_get_activity (top))),
      scrolled
    };
    closeness_test_wait_until (row_in_view_cond, &wait, "the list at its top");

    /* The last row wholly in view. */
    for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
      {
        ClosenessActivityRow *shown =
          CLOSENESS_ACTIVITY_ROW (gtk_list_box_get_row_at_index (list, i));
        InView probe = { page,
                         closeness_record_get_id (
                           CLOSENESS_RECORD (closeness_activity_row_get_activity (shown))),
                         scrolled };

        if (!row_in_view_cond (&probe))
          break;
        id = probe.id;
      }
    g_assert_cmpint (id, !=, 0);
    row = closeness_selfcare_page_get_row (page, id);
    gtk_widget_grab_focus (row);
    g_assert_true (gtk_widget_activate_action (row, "selfcare.move-down", "x", id));
    scrolled_by = (ValueWait) { adjustment, 0 };
    closeness_test_wait_until (value_above_cond, &scrolled_by, "the list to follow the activity");
    wait = (InView) { page, id, scrolled };
    closeness_test_wait_until (row_in_view_cond, &wait, "the moved activity in view");
    closeness_test_settle ();
    g_assert_true (row_in_view_cond (&wait));
    g_assert_true (gtk_widget_has_focus (closeness_selfcare_page_get_row (page, id)));
  }

  gtk_window_destroy (window);
  closeness_test_settle ();
}

int
main (int   argc,
      char *argv[])
{
  if (!closeness_test_init_display (&argc, &argv))
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  selfcare_test_init ();

  g_test_add_func ("/selfcare-drag-scroll/speed", test_speed);
  g_test_add_func ("/selfcare-drag-scroll/scrolls-near-edges", test_scrolls_near_edges);
  g_test_add_func ("/selfcare-drag-scroll/dropped-row-in-view", test_dropped_row_in_view);

  return g_test_run ();
}
