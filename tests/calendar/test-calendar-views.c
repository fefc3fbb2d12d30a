/* test-calendar-views.c: what the calendar page shows, under Xvfb: the
 * month grid and its titles, the week view, the agenda, the keyboard, the
 * empty state, the first weekday, the partners' colours and planning on a
 * free day or slot.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <math.h>
#include <locale.h>
#include <string.h>

#include "calendar/closeness-event-editor.h"
#include "calendar/closeness-month-cell.h"
#include "calendar/closeness-month-view.h"
#include "calendar/closeness-week-grid.h"
#include "calendar/closeness-week-view.h"
#include "calendar-test-fixture.h"
#include "closeness-test-utils.h"

static ClosenessMonthView *
month_view (void)
{
  return CLOSENESS_MONTH_VIEW (
    closeness_test_find_of_type (GTK_WIDGET (calendar_test_page), CLOSENESS_TYPE_MONTH_VIEW));
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
  GtkWidget *label =
    (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (calendar_test_page),
                                                 CLOSENESS_TYPE_CALENDAR_PAGE, "title_label");
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

  gtk_widget_activate_action (GTK_WIDGET (calendar_test_page), "calendar.previous-month", NULL);
  g_assert_cmpint (closeness_month_view_get_month (view), ==, 11);
  gtk_widget_activate_action (GTK_WIDGET (calendar_test_page), "calendar.next-month", NULL);
  g_assert_cmpint (closeness_month_view_get_month (view), ==, 12);
  gtk_widget_activate_action (GTK_WIDGET (calendar_test_page), "calendar.today", NULL);
  calendar_test_wait_idle ();
}

static void
test_accessible_day_names (void)
{
  ClosenessMonthView *view = month_view ();
  GtkWidget *button;

  /* A month before every evening of this calendar (they start today). */
  closeness_month_view_select (view, 2020, 11, 21, FALSE);
  calendar_test_wait_idle ();
  button = closeness_month_view_get_day_button (view, 24);
  g_assert_nonnull (button);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Tuesday 24 November, nothing planned");
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_ROLE_BUTTON);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "November 2020");
}

static void
test_screenshots (void)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (gtk_widget_get_template_child (GTK_WIDGET (calendar_test_page),
                                                                    CLOSENESS_TYPE_CALENDAR_PAGE,
                                                                    "leaflet"));
  GtkToggleButton *toggle = GTK_TOGGLE_BUTTON (
    gtk_widget_get_template_child (GTK_WIDGET (calendar_test_page), CLOSENESS_TYPE_CALENDAR_PAGE,
                                   "month_toggle"));
  g_autofree char *shot = NULL;
  GtkWidget *button;
  const char *name;

  closeness_test_resize (calendar_test_window, 1280, 800);
  calendar_test_wait_idle ();
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_cmpuint (closeness_agenda_view_get_n_rows (calendar_test_agenda ()), >, 0);

  /* Today's cell says what is planned. */
  button = gtk_widget_get_focus_child (gtk_widget_get_first_child (GTK_WIDGET (month_view ())));
  (void) button;
  shot = closeness_test_screenshot (GTK_WIDGET (calendar_test_window), "calendar-1280");
  g_assert_nonnull (shot);
  g_clear_pointer (&shot, g_free);

  closeness_test_resize (calendar_test_window, 360, 720);
  calendar_test_wait_idle ();
  g_assert_true (adw_leaflet_get_folded (leaflet));
  name = adw_leaflet_get_visible_child_name (leaflet);
  g_assert_cmpstr (name, ==, "agenda");
  shot = closeness_test_screenshot (GTK_WIDGET (calendar_test_window), "calendar-360-agenda");
  g_assert_nonnull (shot);
  g_clear_pointer (&shot, g_free);

  gtk_toggle_button_set_active (toggle, TRUE);
  closeness_test_iterate (400);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "month");
  shot = closeness_test_screenshot (GTK_WIDGET (calendar_test_window), "calendar-360-month");
  g_assert_nonnull (shot);
  gtk_toggle_button_set_active (toggle, FALSE);
  closeness_test_resize (calendar_test_window, 1280, 800);
}

/* Part 2 of the calendar: titles in the month grid, the week view, planning
 * on a free day or slot, the empty state. Waits are on conditions. */

static gboolean
page_idle_cond (gpointer user_data)
{
  return !closeness_calendar_page_is_busy (calendar_test_page);
}

/* The page has its evenings and has drawn them. */
static void
wait_refreshed (void)
{
  closeness_test_wait_until (page_idle_cond, NULL, "the calendar to refresh");
  closeness_test_wait_for_drawn (GTK_WIDGET (calendar_test_window));
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

/* A day with nothing planned says so on one line under the month grid,
 * which keeps the room: not a page-sized "Nothing Planned". */
static void
test_empty_day (void)
{
  ClosenessMonthView *view = month_view ();
  GtkWidget *month_box = GTK_WIDGET (
    gtk_widget_get_template_child (GTK_WIDGET (calendar_test_page), CLOSENESS_TYPE_CALENDAR_PAGE,
                                   "month_box"));
  GtkWidget *day_list = closeness_test_find_of_type (month_box, CLOSENESS_TYPE_AGENDA_VIEW);
  GtkWidget *cell;
  int day_list_height;

  closeness_calendar_page_set_view (calendar_test_page, CLOSENESS_CALENDAR_VIEW_MONTH);
  closeness_test_resize (calendar_test_window, 1280, 800);
  /* A Tuesday without evenings: the sample series is on other days. */
  closeness_month_view_select (view, 2031, 6, 3, FALSE);
  wait_refreshed ();

  g_assert_nonnull (day_list);
  g_assert_cmpuint (closeness_agenda_view_get_n_rows (CLOSENESS_AGENDA_VIEW (day_list)), ==, 0);
  g_assert_true (shows_label (day_list, "Nothing planned"));
  g_assert_null (closeness_test_find_of_type (month_box, ADW_TYPE_STATUS_PAGE));
  day_list_height = gtk_widget_get_height (day_list);
  g_assert_cmpint (day_list_height, <, 60);
  /* The grid's rows have room for an evening or two each. */
  cell = closeness_month_view_get_day_cell (view, 3);
  g_assert_cmpint (gtk_widget_get_height (cell), >=, 80);
}

/* The button below @root with a label reading @text. */
static GtkWidget *
find_button_with_label (GtkWidget  *root,
                        const char *text)
{
  /* A block's title, alone (all day) or before its time ("Picnic, 12:00 – 14:00"). */
  if (GTK_IS_BUTTON (root))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (root);
      gsize length = strlen (text);

      if (tooltip != NULL && strncmp (tooltip, text, length) == 0 &&
          (tooltip[length] == '\0' || strncmp (tooltip + length, ", ", 2) == 0))
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
  ClosenessEvent *event = closeness_store_create_event (calendar_test_store, &info, &error);

  g_assert_no_error (error);
  g_assert_nonnull (event);

  return event;
}

static gpointer
page_child (const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (calendar_test_page),
                                        CLOSENESS_TYPE_CALENDAR_PAGE, name);
}

static gboolean
leaflet_still_cond (gpointer user_data)
{
  return !adw_leaflet_get_child_transition_running (user_data);
}

static gboolean
scrolled_down_cond (gpointer adjustment)
{
  return gtk_adjustment_get_value (adjustment) > 0;
}

static gboolean
stack_still_cond (gpointer user_data)
{
  return !gtk_stack_get_transition_running (user_data);
}

/* In a narrow window the month (or week) is one button away. */
static void
show_month_pane (void)
{
  AdwLeaflet *leaflet = page_child ("leaflet");

  closeness_test_wait_for_drawn (GTK_WIDGET (calendar_test_window));
  if (adw_leaflet_get_folded (leaflet))
    gtk_toggle_button_set_active (page_child ("month_toggle"), TRUE);
  closeness_test_wait_until (leaflet_still_cond, leaflet, "the leaflet to settle");
  closeness_test_wait_for_drawn (GTK_WIDGET (calendar_test_window));
}

static void
hide_month_pane (void)
{
  gtk_toggle_button_set_active (page_child ("month_toggle"), FALSE);
}

static gboolean
folded_cond (gpointer leaflet)
{
  return adw_leaflet_get_folded (leaflet);
}

/* In a narrow window the toolbar has no room for the month's name: the
 * week says which month it is above its days, as the month grid does. */
static void
test_week_title_narrow (void)
{
  ClosenessMonthView *view = month_view ();
  g_autofree char *title = NULL;

  closeness_month_view_select (view, 2027, 3, 10, FALSE);
  closeness_test_resize (calendar_test_window, 360, 720);
  closeness_test_wait_until (folded_cond, page_child ("leaflet"), "the page to fold");
  gtk_widget_activate_action (GTK_WIDGET (calendar_test_page), "calendar.view", "s", "week");
  show_month_pane ();
  wait_refreshed ();

  /* The button to the grid says it shows the week. */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (page_child ("month_toggle")), ==, "Show Week");

  title = closeness_month_view_dup_title (view);
  g_assert_true (shows_label (GTK_WIDGET (page_child ("view_stack")), title));
  g_assert_false (gtk_widget_get_mapped (page_child ("title_label")));

  /* Wide again: the title is the toolbar's, once. */
  hide_month_pane ();
  closeness_test_resize (calendar_test_window, 1280, 800);
  wait_refreshed ();
  g_assert_true (gtk_widget_get_mapped (page_child ("title_label")));
  g_assert_false (shows_label (GTK_WIDGET (page_child ("view_stack")), title));
  gtk_widget_activate_action (GTK_WIDGET (calendar_test_page), "calendar.view", "s", "month");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (page_child ("month_toggle")), ==, "Show Month");
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
  g_autofree char *shot = closeness_test_screenshot (GTK_WIDGET (calendar_test_window), name);

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
  closeness_test_resize (calendar_test_window, 1280, 800);
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
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (
                                         closeness_month_view_get_day_button (view, 10)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Wednesday 10 March, 6 evenings planned");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (
                                         closeness_month_view_get_day_button (view, 14)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Sunday 14 March, 1 evening planned");
  take_screenshot ("calendar-month-titles-1280");

  /* Too narrow for titles: a dot, or how many. */
  closeness_test_resize (calendar_test_window, 600, 800);
  show_month_pane ();
  closeness_test_wait_until (cell_compact_cond, busy, "the compact cells at 600 px");
  take_screenshot ("calendar-month-titles-600");

  closeness_test_resize (calendar_test_window, 360, 720);
  show_month_pane ();
  closeness_test_wait_until (cell_compact_cond, busy, "the compact cells at 360 px");
  g_assert_true (shows_label (GTK_WIDGET (busy), "6"));
  g_assert_false (shows_label (GTK_WIDGET (busy), "Evening 1"));
  g_assert_cmpuint (closeness_month_cell_get_n_shown (picnic), ==, 0);
  take_screenshot ("calendar-month-titles-360");

  hide_month_pane ();
  closeness_test_resize (calendar_test_window, 1280, 800);
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
  g_assert_cmpfloat (fabs (bounds.size.height - minutes * CLOSENESS_WEEK_GRID_HOUR_HEIGHT / 60.0),
                     <=, 3);
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
  closeness_test_resize (calendar_test_window, 1280, 800);
  closeness_month_view_select (view, 2027, 3, 10, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (calendar_test_page), "calendar.view", "s", "week");
  g_assert_cmpint (closeness_calendar_page_get_view (calendar_test_page), ==,
                   CLOSENESS_CALENDAR_VIEW_WEEK);
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
  /* The picture shows the week, not the month sliding out. */
  closeness_test_wait_until (stack_still_cond, page_child ("view_stack"), "the week to slide in");
  closeness_test_wait_for_drawn (GTK_WIDGET (calendar_test_window));
  take_screenshot ("calendar-week-1280");

  /* It opens scrolled towards the evening, from a whole hour: the top
   * hour's label is not cut in half. */
  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
      GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (grid, GTK_TYPE_SCROLLED_WINDOW)));

    closeness_test_wait_until (scrolled_down_cond, adjustment, "the week to scroll to the evening");
    g_assert_cmpfloat (fmod (gtk_adjustment_get_value (adjustment),
                             CLOSENESS_WEEK_GRID_HOUR_HEIGHT), ==, 0);
  }

  /* Previous and Next move by a week. */
  gtk_widget_activate_action (GTK_WIDGET (calendar_test_page), "calendar.next", NULL);
  first = closeness_week_view_get_first_day (week);
  g_assert_cmpint (g_date_get_day (&first), ==, 15);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (page_child ("next_button")), ==, "Next Week");
  gtk_widget_activate_action (GTK_WIDGET (calendar_test_page), "calendar.previous", NULL);
  first = closeness_week_view_get_first_day (week);
  g_assert_cmpint (g_date_get_day (&first), ==, 8);
  wait_refreshed ();

  closeness_test_resize (calendar_test_window, 600, 800);
  show_month_pane ();
  closeness_test_wait_for_visible (grid, TRUE);
  assert_block_at (grid, "Evening 3", 2, 19, 30);
  take_screenshot ("calendar-week-600");

  closeness_test_resize (calendar_test_window, 360, 720);
  show_month_pane ();
  assert_block_at (grid, "Evening 3", 2, 19, 30);
  take_screenshot ("calendar-week-360");
  hide_month_pane ();
  closeness_test_resize (calendar_test_window, 1280, 800);

  gtk_widget_activate_action (GTK_WIDGET (calendar_test_page), "calendar.view", "s", "month");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page_child ("view_stack")), ==, "month");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (page_child ("next_button")), ==, "Next Month");
}

/* How tall the text drawn in @widget is, from the top of its first line
 * to the bottom of its last: rows with dark, opaque pixels (the light
 * style). */
static int
text_height (GtkWidget *widget)
{
  g_autoptr(GdkTexture) texture = closeness_test_render (widget);
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc ((gsize) width * height * 4);
  int first = -1, last = -1;

  gdk_texture_download (texture, pixels, width * 4);
  for (int y = 0; y < height; y++)
    {
      gboolean ink = FALSE;

      /* Past the block's coloured left edge and its rounded corners;
       * text is darker than the accent colour. */
      for (int x = 6; x < width && !ink; x++)
        {
          /* Cairo's ARGB32 in memory, little-endian, premultiplied: B G R A */
          const guchar *p = pixels + ((gsize) y * width + x) * 4;

          ink = p[3] > 128 && 0.0722 * p[0] + 0.7152 * p[1] + 0.2126 * p[2] < 0.35 * p[3];
        }
      if (ink)
        {
          if (first < 0)
            first = y;
          last = y;
        }
    }

  return first < 0 ? 0 : last - first + 1;
}

/* In a 360 px window a day of the week is some 40 px wide. A long block
 * uses its height for its title, over several lines, rather than one
 * line of "Di…" and one of "18:…". */
static void
test_week_narrow_titles (void)
{
  g_autoptr(ClosenessEvent) dinner =
    create_evening ("Dinner with friends", "2027-03-11T18:00:00", 120);
  g_autoptr(GError) error = NULL;
  GtkWidget *grid = closeness_week_view_get_grid (page_child ("week_view"));
  GtkWidget *block;

  closeness_month_view_select (month_view (), 2027, 3, 10, FALSE);
  closeness_test_resize (calendar_test_window, 360, 720);
  closeness_test_wait_until (folded_cond, page_child ("leaflet"), "the page to fold");
  gtk_widget_activate_action (GTK_WIDGET (calendar_test_page), "calendar.view", "s", "week");
  show_month_pane ();
  wait_refreshed ();

  assert_block_at (grid, "Dinner with friends", 3, 18, 120);
  block = find_button_with_label (grid, "Dinner with friends");
  g_assert_cmpint (gtk_widget_get_width (block), <, 60);
  /* More than two lines' worth (a line is some 15 px): the old block
   * showed one line of title and one of time, 25–28 px. */
  g_assert_cmpint (text_height (block), >=, 45);

  hide_month_pane ();
  closeness_test_resize (calendar_test_window, 1280, 800);
  gtk_widget_activate_action (GTK_WIDGET (calendar_test_page), "calendar.view", "s", "month");
  g_assert_true (closeness_store_delete_event (calendar_test_store,
                                               closeness_record_get_id (CLOSENESS_RECORD (dinner)),
                                               &error));
  g_assert_no_error (error);
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
  GtkCalendar *calendar =
    GTK_CALENDAR (gtk_widget_get_template_child (editor, CLOSENESS_TYPE_EVENT_EDITOR, "calendar"));
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);

  g_assert_false (closeness_event_editor_is_recurring (CLOSENESS_EVENT_EDITOR (editor)));
  g_assert_cmpint (g_date_time_get_year (date), ==, year);
  g_assert_cmpint (g_date_time_get_month (date), ==, month);
  g_assert_cmpint (g_date_time_get_day_of_month (date), ==, day);
  if (hour >= 0)
    {
      GtkSpinButton *hour_spin = GTK_SPIN_BUTTON (
        gtk_widget_get_template_child (editor, CLOSENESS_TYPE_EVENT_EDITOR, "hour_spin"));
      GtkSpinButton *minute_spin = GTK_SPIN_BUTTON (
        gtk_widget_get_template_child (editor, CLOSENESS_TYPE_EVENT_EDITOR, "minute_spin"));

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
  closeness_test_resize (calendar_test_window, 1280, 800);
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
  closeness_calendar_page_set_view (calendar_test_page, CLOSENESS_CALENDAR_VIEW_WEEK);
  wait_refreshed ();
  closeness_test_wait_for_visible (grid, TRUE);
  closeness_test_wait_for_drawn (grid);
  width = (gtk_widget_get_width (grid) - CLOSENESS_WEEK_GRID_GUTTER) / 7.0;
  release_on (grid, CLOSENESS_WEEK_GRID_GUTTER + 3.5 * width,
              19 * CLOSENESS_WEEK_GRID_HOUR_HEIGHT + CLOSENESS_WEEK_GRID_HOUR_HEIGHT / 4);
  assert_editor_opens_at (2027, 3, 18, 19, 0);

  closeness_calendar_page_set_view (calendar_test_page, CLOSENESS_CALENDAR_VIEW_MONTH);
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
  g_autoptr(ClosenessEvent) series = calendar_test_find_sample_series ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) occurrences = NULL;
  g_autoptr(GDateTime) local = NULL;
  ClosenessOccurrence *occurrence;
  ClosenessMonthView *view = month_view ();
  OccurrenceWait wait = { 0, };

  /* Three weeks on: past the occurrences earlier tests edited, within the
   * agenda's two months. */
  occurrences =
    closeness_recurrence_expand (series, g_get_real_time () / G_USEC_PER_SEC + 21 * 86400,
                                 G_MAXINT32, 1, NULL);
  g_assert_cmpuint (occurrences->len, ==, 1);
  occurrence = &g_array_index (occurrences, ClosenessOccurrence, 0);
  local = g_date_time_new_from_unix_local (occurrence->start_utc);
  closeness_month_view_select (view, g_date_time_get_year (local), g_date_time_get_month (local),
                               g_date_time_get_day_of_month (local), FALSE);
  wait_refreshed ();

  wait.cell = CLOSENESS_MONTH_CELL (
    closeness_month_view_get_day_cell (view, g_date_time_get_day_of_month (local)));
  wait.agenda = calendar_test_agenda ();
  wait.event_id = closeness_record_get_id (CLOSENESS_RECORD (series));
  wait.start = occurrence->start_utc;
  wait.n_entries = closeness_month_cell_get_n_entries (wait.cell);
  wait.listed = TRUE;
  g_assert_cmpuint (wait.n_entries, >=, 1);
  g_assert_true (agenda_lists (wait.agenda, wait.event_id, wait.start));

  g_assert_true (closeness_calendar_page_delete_instance (calendar_test_page, wait.event_id,
                                                          occurrence->recurrence_id, FALSE,
                                                          &error));
  g_assert_no_error (error);
  wait.n_entries--;
  wait.listed = FALSE;
  closeness_test_wait_until (occurrence_shown_cond, &wait,
                             "the deleted evening to leave the grid and agenda");

  closeness_calendar_page_undo (calendar_test_page);
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

  stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (empty_page),
                                                    CLOSENESS_TYPE_CALENDAR_PAGE, "content_stack"));
  button =
    GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (empty_page),
                                               CLOSENESS_TYPE_CALENDAR_PAGE, "empty_new_button"));
  wait_for_stack_page (stack, "empty");
  closeness_test_wait_for_visible (button, TRUE);
  closeness_test_wait_for_drawn (GTK_WIDGET (empty_window));
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "Plan an Evening");
  g_assert_true (shows_label (GTK_WIDGET (empty_window), "No Time Together Planned"));
  g_assert_false (gtk_widget_get_visible (
    GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (empty_page),
                                               CLOSENESS_TYPE_CALENDAR_PAGE, "navigation_box"))));
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
  ClosenessAgendaView *view = calendar_test_agenda ();

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

  g_assert_true (
    closeness_store_update_partner (calendar_test_store, 0, "Alex", "#3584e4", &error));
  g_assert_true (closeness_store_update_partner (calendar_test_store, 1, "Sam", "#3a944a", &error));
  g_assert_no_error (error);
  info.summary = "Cooking together";
  info.dtstart = start;
  info.tzid = "Europe/Berlin";
  info.duration_minutes = 60;
  info.planned_by = CLOSENESS_PLANNED_BY_PARTNER_1;
  event = closeness_store_create_event (calendar_test_store, &info, &error);
  g_assert_no_error (error);
  calendar_test_wait_idle ();

  row = find_agenda_row ("Cooking together");
  g_assert_nonnull (row);
  closeness_test_wait_for_drawn (row);
  g_assert_true (shows_label (row, "Alex"));
  dot = closeness_test_find_partner_dot (row);
  g_assert_nonnull (dot);
  closeness_test_assert_partner_dot (dot, "#3584e4");
  /* An evening both planned names nobody. */
  g_assert_null (closeness_test_find_partner_dot (find_agenda_row ("Walk by the river")));
  shot =
    closeness_test_screenshot (GTK_WIDGET (calendar_test_window), "calendar-partner-colors-1280");
  g_clear_pointer (&shot, g_free);

  /* The evening's details say who planned it, with the same dot. */
  editor =
    closeness_event_editor_new (calendar_test_window, calendar_test_store, event, 0, NULL, NULL);
  gtk_window_present (GTK_WINDOW (editor));
  closeness_test_wait_for_drawn (GTK_WIDGET (editor));
  planned_row =
    GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor), CLOSENESS_TYPE_EVENT_EDITOR,
                                               "planned_row"));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (planned_row)), ==, 0);
  g_assert_true (shows_label (planned_row, "Alex"));
  closeness_test_assert_partner_dot (closeness_test_find_partner_dot (planned_row), "#3584e4");

  /* A new colour in Preferences: both follow. */
  g_assert_true (
    closeness_store_update_partner (calendar_test_store, 0, "Alex", "#e62d42", &error));
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

  closeness_test_resize (calendar_test_window, 360, 700);
  calendar_test_wait_idle ();
  closeness_test_wait_for_drawn (GTK_WIDGET (calendar_test_window));
  shot =
    closeness_test_screenshot (GTK_WIDGET (calendar_test_window), "calendar-partner-colors-360");
  closeness_test_resize (calendar_test_window, 1280, 800);

  g_assert_true (
    closeness_calendar_page_delete_instance (calendar_test_page,
                                             closeness_record_get_id (CLOSENESS_RECORD (event)),
                                             NULL, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (closeness_store_update_partner (calendar_test_store, 0, "", "", &error));
  g_assert_true (closeness_store_update_partner (calendar_test_store, 1, "", "", &error));
  calendar_test_wait_idle ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!calendar_test_init (&argc, &argv))
    return 0;

  g_test_add_func ("/calendar-page/screenshots", test_screenshots);
  g_test_add_func ("/calendar-page/keyboard", test_keyboard_navigation);
  g_test_add_func ("/calendar-page/accessible-day-names", test_accessible_day_names);
  g_test_add_func ("/calendar-page/first-weekday-grid", test_first_weekday_grid);
  g_test_add_func ("/calendar-page/month-titles", test_month_titles);
  g_test_add_func ("/calendar-page/week-view", test_week_view);
  g_test_add_func ("/calendar-page/plan-on-free-day-and-slot", test_plan_on_free_day_and_slot);
  g_test_add_func ("/calendar-page/delete-one-occurrence-updates-views",
                   test_delete_one_occurrence_updates_views);
  g_test_add_func ("/calendar-page/empty-state", test_empty_state);
  g_test_add_func ("/calendar-page/empty-day", test_empty_day);
  g_test_add_func ("/calendar-page/week-title-narrow", test_week_title_narrow);
  g_test_add_func ("/calendar-page/week-narrow-titles", test_week_narrow_titles);
  g_test_add_func ("/calendar-page/partner-colors", test_partner_colors);

  status = g_test_run ();

  g_clear_pointer (&march_evenings, g_ptr_array_unref);
  calendar_test_finish ();

  return status;
}
