/* test-selfcare-history.c: what the Self-Care page keeps over time, under
 * Xvfb: amounts of a measured activity, the charts of a long history, and
 * CSV import and export.
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
#include "selfcare/closeness-activity-editor.h"
#include "selfcare/closeness-activity-row.h"
#include "selfcare/closeness-selfcare-csv.h"
#include "selfcare/closeness-heat-map.h"
#include "selfcare/closeness-score-chart.h"
#include "selfcare/closeness-week-bars.h"

static gboolean
find_activity_cond (Fixture *fixture)
{
  return selfcare_page_test_find_activity (fixture->store, "Reading") != NULL &&
         closeness_selfcare_page_get_activity (fixture->page) != NULL;
}

static gboolean
day_subtitle_cond (gpointer user_data)
{
  Fixture *fixture = user_data;

  return g_strcmp0 (adw_action_row_get_subtitle (
                      ADW_ACTION_ROW (selfcare_page_test_template_child (fixture, "day_row"))),
                    "20 of 30 pages")
         == 0;
}

static void
wait_for_shown (Fixture   *fixture,
                GtkWidget *widget)
{
  selfcare_test_wait_for_shown (fixture->page, widget);
}

typedef struct
{
  ClosenessActivityRow *row;
  const char           *label;
} AmountWait;

static gboolean
amount_label_cond (gpointer user_data)
{
  AmountWait *wait = user_data;

  return g_strcmp0 (closeness_activity_row_get_amount_label (wait->row, 0), wait->label) == 0;
}

static gboolean
focus_in_spin_cond (gpointer user_data)
{
  return gtk_widget_has_focus (GTK_WIDGET (user_data)) ||
         gtk_widget_get_focus_child (GTK_WIDGET (user_data)) != NULL;
}

/* A measured activity, every few days: the editor asks for the unit, the
 * target and the days, refusing what cannot be; the row says "0 of 30
 * pages" and asks for today's amount in a spin button that has the
 * keyboard as soon as it opens; Enter saves it, Undo takes it back. */
static void
test_measured_activity (Fixture       *fixture,
                        gconstpointer  data)
{
  ClosenessActivityEditor *editor;
  ClosenessActivity *reading;
  ClosenessActivityRow *row;
  GtkMenuButton *button;
  GtkSpinButton *spin;
  g_autoptr(ClosenessEntry) entry = NULL;
  AmountWait wait;
  gint64 id;

  editor = CLOSENESS_ACTIVITY_EDITOR (closeness_selfcare_page_add_activity (fixture->page));
  closeness_test_wait_for_drawn (GTK_WIDGET (editor));
  closeness_activity_editor_set_name (editor, "Reading");
  closeness_activity_editor_set_goal (editor, CLOSENESS_GOAL_DAILY, 1);
  closeness_activity_editor_set_measure (editor, CLOSENESS_ACTIVITY_MEASURABLE, "pages", 0);
  g_assert_cmpstr (closeness_activity_editor_get_message (editor), ==,
                   "Please choose a daily target above zero (at most 1,000,000).");
  g_assert_false (closeness_activity_editor_get_can_save (editor));
  closeness_activity_editor_set_measure (editor, CLOSENESS_ACTIVITY_MEASURABLE, "pages", 30);
  g_assert_true (closeness_activity_editor_get_can_save (editor));
  closeness_activity_editor_set_interval (editor, 1);
  g_assert_true (closeness_activity_editor_get_can_save (editor));
  closeness_activity_editor_set_interval (editor, 3);
  g_assert_cmpstr (closeness_activity_editor_get_message (editor), ==, "");
  closeness_test_wait_for_drawn (GTK_WIDGET (editor));
  g_free (closeness_test_screenshot (GTK_WIDGET (editor), "selfcare-editor-measured"));
  g_assert_true (closeness_activity_editor_save (editor));

  closeness_test_wait_until ((ClosenessTestCondition) find_activity_cond, fixture, "Reading saved");
  reading = selfcare_page_test_find_activity (fixture->store, "Reading");
  id = closeness_record_get_id (CLOSENESS_RECORD (reading));
  g_assert_cmpint (closeness_activity_get_kind (reading), ==, CLOSENESS_ACTIVITY_MEASURABLE);
  g_assert_cmpstr (closeness_activity_get_unit (reading), ==, "pages");
  g_assert_cmpfloat (closeness_activity_get_target (reading), ==, 30);
  g_assert_cmpint (closeness_activity_get_interval_days (reading), ==, 3);
  g_assert_cmpstr (gtk_label_get_text (
                     GTK_LABEL (selfcare_page_test_template_child (fixture, "goal_label"))),
                   ==, "Goal: every 3 days · 30 pages a day");

  row = CLOSENESS_ACTIVITY_ROW (closeness_selfcare_page_get_row (fixture->page, id));
  g_assert_nonnull (row);
  button = closeness_activity_row_get_amount_button (row, 0);
  wait = (AmountWait) { row, "0 of 30 pages" };
  closeness_test_wait_until (amount_label_cond, &wait, "the row to ask for an amount");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (closeness_activity_row_get_check (row, 0))));

  /* The keyboard: the popover opens with the spin button focused. */
  gtk_widget_grab_focus (GTK_WIDGET (button));
  gtk_menu_button_popup (button);
  spin = closeness_activity_row_get_amount_spin (row, 0);
  closeness_test_wait_for_drawn (GTK_WIDGET (spin));
  closeness_test_wait_until (focus_in_spin_cond, spin, "the amount to have the keyboard");
  g_free (closeness_test_screenshot (GTK_WIDGET (fixture->window), "selfcare-amount-1280"));
  gtk_editable_set_text (GTK_EDITABLE (spin), "20");
  /* Enter, as the spin button's text hears it. */
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (spin)), "activate");

  wait.label = "20 of 30 pages";
  closeness_test_wait_until (amount_label_cond, &wait, "the row to show 20 of 30 pages");
  entry = selfcare_page_test_entry_today (fixture->store, id, 0);
  g_assert_nonnull (entry);
  g_assert_cmpfloat (closeness_entry_get_value (entry), ==, 20);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (button))));

  /* The detail's day says the same and logs an amount too. */
  closeness_test_wait_until (day_subtitle_cond, fixture, "the day to say 20 of 30 pages");

  g_assert_true (closeness_selfcare_page_undo (fixture->page));
  wait.label = "0 of 30 pages";
  closeness_test_wait_until (amount_label_cond, &wait, "Undo to take the amount back");
  g_clear_object (&entry);
  g_assert_null (selfcare_page_test_entry_today (fixture->store, id, 0));
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

  g_assert_true (closeness_store_add_entries (store,
                                              (ClosenessEntryInfo *) (gpointer) entries->data,
                                              entries->len, NULL, NULL, &error));
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

/* Mostly opaque pixels in a rectangle of Cairo's ARGB32 (little-endian,
 * premultiplied: B G R A) darker than @max_luminance (0 … 1; more than 1
 * for any colour). */
static guint
count_pixels (const guchar *pixels,
              int           stride,
              int           x0,
              int           y0,
              int           width,
              int           height,
              double        max_luminance)
{
  guint count = 0;

  for (int y = y0; y < y0 + height; y++)
    for (int x = x0; x < x0 + width; x++)
      {
        const guchar *p = pixels + (gsize) y * stride + x * 4;

        if (p[3] >= 128 && 0.0722 * p[0] + 0.7152 * p[1] + 0.2126 * p[2] < max_luminance * p[3])
          count++;
      }

  return count;
}

/* Text in the light style: dark, mostly opaque pixels (the charts' lines
 * and bars are lighter, the grid and the tracks faint). */
static guint
count_text_pixels (GdkTexture *texture,
                   int         x0,
                   int         y0,
                   int         width,
                   int         height)
{
  int stride = gdk_texture_get_width (texture) * 4;
  g_autofree guchar *pixels = g_malloc ((gsize) stride * gdk_texture_get_height (texture));

  g_assert_cmpint (x0 + width, <=, gdk_texture_get_width (texture));
  g_assert_cmpint (y0 + height, <=, gdk_texture_get_height (texture));
  gdk_texture_download (texture, pixels, stride);

  return count_pixels (pixels, stride, x0, y0, width, height, 0.4);
}

/* A chart says what its axes mean: values written at its left side, the
 * months under it. */
static void
assert_axis_labels (GtkWidget *chart)
{
  g_autoptr(GdkTexture) texture = closeness_test_render (chart);
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);

  g_assert_cmpuint (count_text_pixels (texture, 0, 0, 12, height), >=, 10);
  g_assert_cmpuint (count_text_pixels (texture, 0, height - 10, width, 10), >=, 20);
}

static void
test_charts_render (Fixture       *fixture,
                    gconstpointer  data)
{
  gint64 id = selfcare_page_test_activity_id (fixture->store, "Exercise");
  GtkWidget *heat_map;
  GtkWidget *bars;
  const char *styles[] = { "light", "dark" };
  int widths[] = { 1280, 360 };

  add_history (fixture->store, id);
  closeness_test_settle ();

  heat_map = selfcare_page_test_template_child (fixture, "heat_map");
  bars = selfcare_page_test_template_child (fixture, "week_bars");

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
              AdwLeaflet *leaflet =
                ADW_LEAFLET (selfcare_page_test_template_child (fixture, "leaflet"));

              g_assert_true (adw_leaflet_get_folded (leaflet));
              adw_leaflet_set_visible_child_name (leaflet, "list");
              wait_for_shown (fixture, selfcare_page_test_template_child (fixture, "sidebar"));
            }
          shoot (fixture, "list", widths[w], styles[s]);

          g_assert_true (closeness_selfcare_page_show_activity (fixture->page, id));
          wait_for_shown (fixture, heat_map);
          g_assert_cmpint (gtk_widget_get_width (heat_map), >, 0);
          g_assert_cmpint (gtk_widget_get_height (heat_map), >=, 7 * 6);
          g_assert_cmpint (gtk_widget_get_height (bars), >, 0);
          g_assert_true (gtk_widget_get_mapped (heat_map));
          shoot (fixture, "detail", widths[w], styles[s]);

          /* Screen readers hear the same summary as is written above the map. */
          {
            AdwPreferencesGroup *group =
              ADW_PREFERENCES_GROUP (selfcare_page_test_template_child (fixture, "heat_map_group"));
            const char *summary = adw_preferences_group_get_description (group);
            g_autofree char *diff = NULL;

            g_assert_true (g_str_has_prefix (summary, "Done "));
            g_assert_nonnull (strstr (summary, "; best streak "));
            diff = gtk_test_accessible_check_property (GTK_ACCESSIBLE (heat_map),
                                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                       summary);
            g_assert_null (diff);
          }

          /* The strength chart is drawn and says its figures: today's,
           * a month ago and six months ago, as its group's description. */
          {
            GtkWidget *chart = selfcare_page_test_template_child (fixture, "score_chart");
            AdwPreferencesGroup *group =
              ADW_PREFERENCES_GROUP (selfcare_page_test_template_child (fixture, "score_group"));
            const char *figures = adw_preferences_group_get_description (group);
            g_autofree char *diff = NULL;

            g_assert_cmpint (gtk_widget_get_width (chart), >, 0);
            g_assert_true (gtk_widget_get_mapped (chart));
            g_assert_true (g_str_has_prefix (figures, "Habit strength "));
            g_assert_nonnull (strstr (figures, "% a month ago, "));
            diff = gtk_test_accessible_check_property (GTK_ACCESSIBLE (chart),
                                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                       figures);
            g_assert_null (diff);
            gtk_test_accessible_assert_role (GTK_ACCESSIBLE (chart), GTK_ACCESSIBLE_ROLE_IMG);
            if (s == 0)
              assert_axis_labels (chart);
          }

          /* The weekly bars: 0 and 7 days at the side, the months under
           * them, and what the dashed line is. */
          {
            AdwPreferencesGroup *group =
              ADW_PREFERENCES_GROUP (selfcare_page_test_template_child (fixture, "bars_group"));

            g_assert_cmpstr (adw_preferences_group_get_description (group), ==,
                             "Days done each week; the dashed line is the goal");
            if (s == 0)
              assert_axis_labels (bars);
          }

          /* Together: both partners, lighter where one of two did it. */
          closeness_selfcare_page_set_view (fixture->page, CLOSENESS_SELFCARE_VIEW_TOGETHER);
          g_assert_true (closeness_selfcare_page_show_activity (fixture->page, id));
          wait_for_shown (fixture, heat_map);
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

static gboolean
count_tick_cb (gpointer user_data)
{
  guint *ticks = user_data;

  (*ticks)++;

  return G_SOURCE_CONTINUE;
}

typedef struct
{
  GtkWidget  *row;
  const char *before;
} ChangedWait;

static gboolean
subtitle_changed_cond (gpointer user_data)
{
  ChangedWait *wait = user_data;

  return g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (wait->row)), wait->before) != 0;
}

/* The heading and text of the message dialog on show. */
static void
assert_dialog (const char *heading,
               const char *body_start)
{
  AdwMessageDialog *dialog =
    ADW_MESSAGE_DIALOG (closeness_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG));

  g_test_message ("%s: %s", adw_message_dialog_get_heading (dialog),
                  adw_message_dialog_get_body (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_body (dialog), body_start));
  gtk_window_destroy (GTK_WINDOW (dialog));
  closeness_test_settle ();
}

#define IMPORT_DAYS 600

/* A large file is read off the main thread: the page keeps running while
 * it is read, and when the report shows, the rows show the imported days. */
static void
test_import_large_csv (Fixture       *fixture,
                       gconstpointer  data)
{
  GListModel *activities = closeness_store_get_activities (fixture->store);
  gint64 exercise = selfcare_page_test_activity_id (fixture->store, "Exercise");
  GtkWidget *row = closeness_selfcare_page_get_row (fixture->page, exercise);
  ChangedWait changed = { row, "Ready when you are" };
  g_autoptr(GString) csv = g_string_new ("date,partner,activity,kind,note\r\n");
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "large.csv", NULL);
  g_autofree char *yesterday = closeness_habit_format_day (closeness_habit_today () - 1);
  g_autofree char *expected = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GListModel) saved = NULL;
  guint32 today = closeness_habit_today ();
  guint n_rows = 0;
  guint ticks = 0;
  guint tick_id;

  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, changed.before);

  for (guint i = 0; i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr(ClosenessActivity) activity = g_list_model_get_item (activities, i);

      for (guint day = 1; day <= IMPORT_DAYS; day++)
        {
          for (guint slot = 0; slot < 2; slot++)
            {
              g_autofree char *date = closeness_habit_format_day (today - day);

              g_string_append_printf (csv, "%s,%u,", date, slot + 1);
              closeness_csv_append_cell (csv, closeness_activity_get_name (activity));
              g_string_append_printf (csv, ",%s,day %u\r\n", day % 5 == 0 ? "rest" : "done", day);
              n_rows++;
            }
        }
    }
  g_assert_true (g_file_set_contents (path, csv->str, csv->len, NULL));
  g_test_message ("%u rows, %zu bytes", n_rows, csv->len);

  tick_id = g_timeout_add (1, count_tick_cb, &ticks);
  closeness_selfcare_page_import_file (fixture->page, file);

  /* Nothing is saved when the call returns: the file is read in a thread. */
  saved = closeness_store_get_entries (fixture->store, exercise, yesterday, yesterday);
  g_assert_cmpuint (g_list_model_get_n_items (saved), ==, 0);

  expected = g_strdup_printf ("%u entries imported.", n_rows);
  assert_dialog ("Imported", expected);
  g_source_remove (tick_id);
  /* The page's main loop went on while the file was read. */
  g_test_message ("the main loop ran %u times during the import", ticks);
  g_assert_cmpuint (ticks, >, 0);

  /* The rows show what was imported. */
  closeness_test_wait_until (subtitle_changed_cond, &changed, "the row to show the imported days");
  g_test_message ("Exercise: %s", adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  g_clear_object (&saved);
  saved = closeness_store_get_entries (fixture->store, exercise, yesterday, yesterday);
  g_assert_cmpuint (g_list_model_get_n_items (saved), ==, 2);
}

/* Export writes a private file off the main thread and says in a toast how
 * many entries it holds and what is in them. */
static void
test_export_csv (Fixture       *fixture,
                 gconstpointer  data)
{
  gint64 exercise = selfcare_page_test_activity_id (fixture->store, "Exercise");
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "export.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_auto(GStrv) lines = NULL;
  const char *shown;
  GStatBuf info;

  add_history (fixture->store, exercise);
  closeness_selfcare_page_set_view (fixture->page, CLOSENESS_SELFCARE_VIEW_TOGETHER);
  closeness_selfcare_page_export_file (fixture->page, file);
  /* The whole couple's shared data, whatever the view; a toast says so (as
   * GNOME apps say a finished export), and no dialog has to be closed. */
  shown = closeness_test_wait_for_shown_text (GTK_WIDGET (fixture->page), "entries exported");
  g_assert_null (closeness_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf" "date,partner,partner_name,activity"));
  /* The number in the toast is the number of entries in the file. */
  lines = g_strsplit (g_strchomp (contents), "\n", -1);
  expected = g_strdup_printf ("%u entries exported", g_strv_length (lines) - 1);
  g_assert_cmpstr (shown, ==, expected);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
}

/* Pixels drawn (mostly opaque) in a strip of an image surface. */
static guint
count_drawn (cairo_surface_t *surface,
             int              x0,
             int              y0,
             int              width,
             int              height)
{
  cairo_surface_flush (surface);

  return count_pixels (cairo_image_surface_get_data (surface),
                       cairo_image_surface_get_stride (surface), x0, y0, width, height, 2.0);
}

/* The month that began three days ago is named too, at the chart's right
 * edge (in a 360 px window "Dec" was left out of both charts, its name
 * being wider than the days it has had). */
static void
test_newest_month_named (void)
{
  ClosenessChartColors colors = { { 1, 1, 1, 1 }, { 0, 0, 0, 1 }, { 0.21, 0.52, 0.89, 1 }, FALSE };
  GDate last;
  guint32 first;
  double scores[182];
  guint8 values[182] = { 0, };
  const int width = 300;

  g_date_clear (&last, 1);
  g_date_set_dmy (&last, 3, G_DATE_DECEMBER, 2026);
  first = g_date_get_julian (&last) - G_N_ELEMENTS (scores) + 1;
  for (guint i = 0; i < G_N_ELEMENTS (scores); i++)
    scores[i] = i / (double) G_N_ELEMENTS (scores);

  for (guint chart = 0; chart < 2; chart++)
    {
      /* The heat map as low as its squares fill the width, so the names sit
       * in the first rows. */
      int height = chart == 0 ? 150 : 90;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cairo_t *cr = cairo_create (surface);
      PangoLayout *labels = pango_cairo_create_layout (cr);
      guint drawn;

      if (chart == 0)
        {
          closeness_score_chart_draw (cr, width, height, &colors, first, scores,
                                      G_N_ELEMENTS (scores), labels);
          /* The months are under the line: the last 12 px, right end. */
          drawn = count_drawn (surface, width - 12, height - 12, 12, 12);
        }
      else
        {
          closeness_heat_map_draw (cr, width, height, &colors, first, values,
                                   G_N_ELEMENTS (values), 1, g_date_get_julian (&last), 0, labels);
          /* The months are above the squares: the first 16 px, right end. */
          drawn = count_drawn (surface, width - 12, 0, 12, 16);
        }
      g_test_message ("chart %u: %u pixels of the newest month's name", chart, drawn);
      g_assert_cmpuint (drawn, >=, 10);

      g_object_unref (labels);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

/* The weekly bars say the goal's number at its dashed line, between the 0
 * and the 7 at their side ("3 times a week": a 3 there). */
static void
test_goal_named (void)
{
  ClosenessChartColors colors = { { 1, 1, 1, 1 }, { 0, 0, 0, 1 }, { 0.21, 0.52, 0.89, 1 }, FALSE };
  const guint8 weeks[12] = { 3, 4, 2, 3, 3, 5, 1, 3, 3, 4, 3, 2 };
  const int width = 400, height = 118;
  const double goals[] = { 3, 0.92 };

  for (guint g = 0; g < G_N_ELEMENTS (goals); g++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      cairo_t *cr = cairo_create (surface);
      PangoLayout *labels = pango_cairo_create_layout (cr);
      int label_height, top, bottom;
      double goal_y;
      guint drawn;

      closeness_week_bars_draw (cr, width, height, &colors, 2461000, weeks, G_N_ELEMENTS (weeks),
                                goals[g], labels);
      /* Where the bars put their dashed line (closeness-week-bars.c). */
      label_height = closeness_chart_labels_height (labels);
      top = (label_height + 1) / 2;
      bottom = height - label_height - 4;
      goal_y = bottom - (bottom - top) * goals[g] / 7.0;
      /* Left of the first bar, a label's height around the line. */
      drawn = count_drawn (surface, 0, (int) goal_y - label_height / 2, 8, label_height);
      g_test_message ("goal %.2f: %u pixels at the line", goals[g], drawn);
      if (g == 0)
        g_assert_cmpuint (drawn, >=, 10);
      else
        /* Too near the 0 to be written without running into it. */
        g_assert_cmpuint (count_drawn (surface, 0, top + label_height, 8,
                                       bottom - top - 2 * label_height),
                          ==, 0);

      g_object_unref (labels);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

int
main (int   argc,
      char *argv[])
{
  if (!selfcare_page_test_init (&argc, &argv))
    return 0;

  SELFCARE_PAGE_TEST_ADD ("/selfcare-page/charts-render", test_charts_render);
  g_test_add_func ("/selfcare-page/newest-month-named", test_newest_month_named);
  g_test_add_func ("/selfcare-page/goal-named", test_goal_named);
  SELFCARE_PAGE_TEST_ADD ("/selfcare-page/import-large-csv", test_import_large_csv);
  SELFCARE_PAGE_TEST_ADD ("/selfcare-page/export-csv", test_export_csv);
  SELFCARE_PAGE_TEST_ADD ("/selfcare-page/measured-activity", test_measured_activity);

  return g_test_run ();
}
