/* test-window.c: the main window as a person sees it, under Xvfb.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "closeness-application.h"
#include "closeness-preferences-window.h"
#include "closeness-test-utils.h"
#include "closeness-window.h"
#include "calendar/closeness-calendar-page.h"
#include "resources/closeness-article-library.h"
#include "resources/closeness-resources-page.h"
#include "store/closeness-store-private.h"


static AdwViewStack *
get_stack (ClosenessWindow *window)
{
  return ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                        CLOSENESS_TYPE_WINDOW, "stack"));
}

/* Whether the page icon @icon_name draws, in the colour of the text around
 * it, at the size of the page switcher: a symbolic icon that kept its own
 * colour would vanish in the dark style. */
static void
assert_icon_takes_text_colour (const char *icon_name)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autoptr(GtkIconPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GdkRGBA red = { 1, 0, 0, 1 };
  guchar pixels[16 * 16 * 4];
  guint red_pixels = 0;

  g_assert_true (g_str_has_suffix (icon_name, "-symbolic"));
  g_assert_true (gtk_icon_theme_has_icon (theme, icon_name));
  paintable = gtk_icon_theme_lookup_icon (theme, icon_name, NULL, 16, 1, GTK_TEXT_DIR_LTR, 0);
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (paintable),
                                            GDK_SNAPSHOT (snapshot), 16, 16, &red, 1);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gsk_cairo_renderer_new ();
  g_assert_true (gsk_renderer_realize (renderer, NULL, NULL));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, 16, 16));
  gdk_texture_download (texture, pixels, 16 * 4);
  gsk_renderer_unrealize (renderer);

  for (guint i = 0; i < 16 * 16; i++)
    {
      /* Cairo's ARGB32, little-endian: B G R A */
      guchar b = pixels[i * 4], g = pixels[i * 4 + 1], r = pixels[i * 4 + 2], a = pixels[i * 4 + 3];

      if (a > 200 && r > 200 && g < 50 && b < 50)
        red_pixels++;
    }
  g_test_message ("%s: %u of 256 pixels in the text colour", icon_name, red_pixels);
  g_assert_cmpuint (red_pixels, >, 20);
}

static void
test_four_pages (void)
{
  ClosenessWindow *window = CLOSENESS_WINDOW (closeness_test_open_main_window ());
  AdwViewStack *stack = get_stack (window);
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (stack);
  const char *expected_titles[] = { "Conversations", "Calendar", "Self-Care", "Resources" };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, 4);

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      g_assert_cmpstr (adw_view_stack_page_get_name (page), ==, closeness_page_to_name (i));
      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, expected_titles[i]);
      /* Every page has its own symbolic icon, found and drawn in the colour
       * of the text around it. */
      assert_icon_takes_text_colour (adw_view_stack_page_get_icon_name (page));

      closeness_window_set_page (window, i);
      g_assert_cmpint (closeness_window_get_page (window), ==, i);
      g_assert_true (adw_view_stack_get_visible_child (stack)
                     == adw_view_stack_page_get_child (page));
      closeness_test_wait_for_drawn (adw_view_stack_page_get_child (page));
    }

  closeness_test_close_all ();
}

static gboolean
squeezer_settled_cond (gpointer squeezer)
{
  return !adw_squeezer_get_transition_running (squeezer);
}

static gboolean
bar_revealed_cond (gpointer bar)
{
  return adw_view_switcher_bar_get_reveal (bar);
}

static gboolean
bar_hidden_cond (gpointer bar)
{
  return !adw_view_switcher_bar_get_reveal (bar);
}

static void
assert_switcher_for_width (ClosenessWindow *window,
                           int              width,
                           gboolean         expect_bottom_bar)
{
  AdwSqueezer *squeezer;
  GtkWidget *header_switcher;
  AdwViewSwitcherBar *bar;

  squeezer = ADW_SQUEEZER (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                          CLOSENESS_TYPE_WINDOW,
                                                          "title_squeezer"));
  header_switcher = GTK_WIDGET (
    gtk_widget_get_template_child (GTK_WIDGET (window), CLOSENESS_TYPE_WINDOW, "header_switcher"));
  bar = ADW_VIEW_SWITCHER_BAR (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                               CLOSENESS_TYPE_WINDOW,
                                                               "switcher_bar"));

  closeness_test_resize (GTK_WINDOW (window), width, width > 500 ? 800 : 640);

  /* Client-side decorations may take a few pixels of the size asked for. */
  g_assert_cmpint (ABS (gtk_widget_get_width (GTK_WIDGET (window)) - width), <=, 16);
  /* Let the header's crossfade finish: during it both children show. */
  closeness_test_wait_until (squeezer_settled_cond, squeezer, "the header's crossfade to end");
  /* Wide: the page buttons in the header bar. Narrow: the app's name there
   * and the page buttons at the bottom, one set at a time. */
  g_assert_cmpint (adw_squeezer_get_visible_child (squeezer) != header_switcher, ==,
                   expect_bottom_bar);
  g_assert_cmpint (gtk_widget_get_mapped (header_switcher), ==, !expect_bottom_bar);
  /* The bar follows right after the layout that narrowed the header. */
  closeness_test_wait_until (expect_bottom_bar ? bar_revealed_cond : bar_hidden_cond, bar,
                             "the bottom bar to follow the header");
  /* The bottom bar gets its page buttons when it first shows. */
  if (expect_bottom_bar)
    g_assert_true (
      (gpointer) adw_view_switcher_bar_get_stack (bar)
      == gtk_widget_get_template_child (GTK_WIDGET (window), CLOSENESS_TYPE_WINDOW, "stack"));
}

static void
test_adaptive_switcher (void)
{
  ClosenessWindow *window = CLOSENESS_WINDOW (closeness_test_open_main_window ());
  AdwViewStack *stack = get_stack (window);
  const int widths[] = { 1280, 600, 360 };

  for (guint s = 0; s < G_N_ELEMENTS (widths); s++)
    {
      assert_switcher_for_width (window, widths[s], widths[s] < 1000);

      /* Every page fits the width: none makes the window wider than the
       * screen a person has (the pictures are build-aux/screenshots'). */
      for (guint i = 0; i < CLOSENESS_N_PAGES; i++)
        {
          GtkWidget *page;
          int minimum;

          closeness_window_set_page (window, i);
          page = adw_view_stack_get_visible_child (stack);
          closeness_test_wait_for_drawn (page);
          gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
          g_test_message ("%s at %d px: at least %d px wide", closeness_page_to_name (i),
                          widths[s], minimum);
          g_assert_cmpint (minimum, <=, gtk_widget_get_width (page));
          g_assert_cmpint (ABS (gtk_widget_get_width (GTK_WIDGET (window)) - widths[s]), <=, 16);
        }
    }

  closeness_test_close_all ();
}

/* A narrow window stays narrow when the Calendar shows evenings for the
 * first time: the page was measured before its leaflet folded, with the
 * Week/Month switcher a narrow window hides, and the window grew to 429 px. */
static void
test_calendar_keeps_narrow_width (void)
{
  ClosenessWindow *window = CLOSENESS_WINDOW (closeness_test_open_main_window ());
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *start = g_date_time_format (now, "%Y-%m-%dT20:00:00");
  g_autoptr(ClosenessEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  ClosenessEventInfo info = {
    .summary = "Time together",
    .dtstart = start,
    .tzid = "Europe/Berlin",
    .duration_minutes = 30,
    .rrule = "FREQ=WEEKLY",
    .planned_by = CLOSENESS_PLANNED_BY_BOTH,
  };

  event = closeness_store_create_event (closeness_window_get_store (window), &info, &error);
  g_assert_no_error (error);
  closeness_window_set_page (window, CLOSENESS_PAGE_CONVERSATIONS);
  closeness_test_resize (GTK_WINDOW (window), 360, 720);

  closeness_window_set_page (window, CLOSENESS_PAGE_CALENDAR);
  closeness_test_wait_for_drawn (GTK_WIDGET (window));
  closeness_test_settle ();
  closeness_test_wait_for_drawn (GTK_WIDGET (window));
  g_test_message ("the window is %d px wide", gtk_widget_get_width (GTK_WIDGET (window)));
  g_assert_cmpint (ABS (gtk_widget_get_width (GTK_WIDGET (window)) - 360), <=, 16);

  closeness_test_close_all ();
}

/* The page tabs under @widget, in order: libadwaita's switcher buttons. */
static void
collect_tabs (GtkWidget *widget,
              GPtrArray *tabs)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child) &&
          gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (child)) == GTK_ACCESSIBLE_ROLE_TAB)
        g_ptr_array_add (tabs, child);
      else
        collect_tabs (child, tabs);
    }
}

/* With animations turned off (GNOME's accessibility settings), a narrow
 * window still has its page buttons at the bottom: the bar was revealed
 * while GTK laid the window out, given a height of -1, and never showed. */
static gboolean
bar_shown_cond (gpointer bar)
{
  return gtk_widget_get_mapped (bar) && gtk_widget_get_height (bar) > 20;
}

static void
test_switcher_without_animations (void)
{
  GtkSettings *settings = gtk_settings_get_default ();
  ClosenessWindow *window;
  AdwViewSwitcherBar *bar;
  g_autoptr(GPtrArray) tabs = g_ptr_array_new ();

  g_object_set (settings, "gtk-enable-animations", FALSE, NULL);
  window = CLOSENESS_WINDOW (closeness_test_open_main_window ());
  bar = ADW_VIEW_SWITCHER_BAR (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                               CLOSENESS_TYPE_WINDOW,
                                                               "switcher_bar"));
  closeness_test_resize (GTK_WINDOW (window), 1280, 800);
  closeness_test_resize (GTK_WINDOW (window), 360, 640);
  closeness_test_wait_until (bar_shown_cond, bar, "the bottom bar to show");
  closeness_test_wait_for_drawn (GTK_WIDGET (window));

  /* Its four page buttons are there to press. */
  collect_tabs (GTK_WIDGET (bar), tabs);
  g_assert_cmpuint (tabs->len, ==, CLOSENESS_N_PAGES);
  for (guint i = 0; i < tabs->len; i++)
    g_assert_true (gtk_widget_get_mapped (g_ptr_array_index (tabs, i)));

  /* Wide again: the buttons go back to the header. */
  closeness_test_resize (GTK_WINDOW (window), 1280, 800);
  closeness_test_wait_until (bar_hidden_cond, bar, "the bottom bar to hide");

  closeness_test_close_all ();
  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);
}

/* Whether some label inside @widget that a person can see reads @text. */
static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (shows_text (child, text))
        return TRUE;
    }

  return FALSE;
}

static void
assert_only_active (GPtrArray *tabs,
                    guint      position)
{
  for (guint i = 0; i < tabs->len; i++)
    g_assert_cmpint (gtk_toggle_button_get_active (g_ptr_array_index (tabs, i)), ==, i == position);
}

/* The header's page switcher: a tab per page, showing the page's name, in a
 * tab list for screen readers, and in step with the pages both ways. */
static void
test_header_switcher (void)
{
  ClosenessWindow *window = CLOSENESS_WINDOW (closeness_test_open_main_window ());
  AdwViewStack *stack = get_stack (window);
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (stack);
  GtkWidget *switcher = GTK_WIDGET (
    gtk_widget_get_template_child (GTK_WIDGET (window), CLOSENESS_TYPE_WINDOW, "header_switcher"));
  g_autoptr(GPtrArray) tabs = g_ptr_array_new ();

  closeness_test_resize (GTK_WINDOW (window), 1280, 800);
  g_assert_true (gtk_widget_get_mapped (switcher));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (switcher)), ==,
                   GTK_ACCESSIBLE_ROLE_TAB_LIST);
  collect_tabs (switcher, tabs);
  g_assert_cmpuint (tabs->len, ==, CLOSENESS_N_PAGES);
  for (guint i = 0; i < tabs->len; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      g_assert_true (gtk_widget_get_mapped (g_ptr_array_index (tabs, i)));
      g_assert_true (
        shows_text (g_ptr_array_index (tabs, i), adw_view_stack_page_get_title (page)));
    }

  /* A click shows its page, and only its tab is pressed. */
  closeness_window_set_page (window, CLOSENESS_PAGE_CONVERSATIONS);
  closeness_test_settle ();
  assert_only_active (tabs, CLOSENESS_PAGE_CONVERSATIONS);
  g_signal_emit_by_name (g_ptr_array_index (tabs, CLOSENESS_PAGE_CALENDAR), "clicked");
  closeness_test_settle ();
  g_assert_cmpint (closeness_window_get_page (window), ==, CLOSENESS_PAGE_CALENDAR);
  assert_only_active (tabs, CLOSENESS_PAGE_CALENDAR);

  /* A page shown another way (a shortcut, a notification) presses its tab. */
  closeness_window_set_page (window, CLOSENESS_PAGE_RESOURCES);
  closeness_test_settle ();
  assert_only_active (tabs, CLOSENESS_PAGE_RESOURCES);

  closeness_test_close_all ();
}

static void
test_page_shortcuts (void)
{
  ClosenessWindow *window = CLOSENESS_WINDOW (closeness_test_open_main_window ());

  for (int i = CLOSENESS_N_PAGES - 1; i >= 0; i--)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s",
                                                 closeness_page_to_name (i)));
      g_assert_cmpint (closeness_window_get_page (window), ==, i);
    }

  /* An unknown page changes nothing. */
  closeness_window_set_page (window, CLOSENESS_PAGE_SELFCARE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "nowhere");
  g_assert_cmpint (closeness_window_get_page (window), ==, CLOSENESS_PAGE_SELFCARE);

  closeness_test_close_all ();
}

static void
assert_accel (const char *action,
              const char *accel)
{
  g_auto(GStrv) accels =
    gtk_application_get_accels_for_action (GTK_APPLICATION (closeness_test_get_app ()), action);

  g_assert_nonnull (accels);
  g_assert_true (g_strv_contains ((const char * const *) accels, accel));
}

static gboolean
event_count_cond (gpointer user_data)
{
  gpointer *want = user_data;

  return g_list_model_get_n_items (want[0]) == GPOINTER_TO_UINT (want[1]);
}

/* Ctrl+Z takes back the newest deletion on any page, as its toast's Undo
 * would; the toast names what was deleted. With nothing to undo it only
 * rings. */
static void
test_undo_with_ctrl_z (void)
{
  ClosenessWindow *window = CLOSENESS_WINDOW (closeness_test_open_main_window ());
  ClosenessStore *store = closeness_window_get_store (window);
  GListModel *events = closeness_store_get_events (store);
  ClosenessEventInfo info = { .summary = "Stargazing", .dtstart = "2027-03-12T21:00:00",
                              .tzid = "Europe/Berlin", .duration_minutes = 60,
                              .planned_by = CLOSENESS_PLANNED_BY_BOTH };
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessEvent) event = NULL;
  AdwToast *toast;
  GtkWidget *page;
  guint n;
  gpointer want[2];

  closeness_window_set_page (window, CLOSENESS_PAGE_CALENDAR);
  closeness_test_settle ();
  event = closeness_store_create_event (store, &info, &error);
  g_assert_no_error (error);
  n = g_list_model_get_n_items (events);
  page = adw_bin_get_child (ADW_BIN (
    gtk_widget_get_template_child (GTK_WIDGET (window), CLOSENESS_TYPE_WINDOW, "calendar_bin")));
  g_assert_true (CLOSENESS_IS_CALENDAR_PAGE (page));
  g_assert_true (
    closeness_calendar_page_delete_instance (CLOSENESS_CALENDAR_PAGE (page),
                                             closeness_record_get_id (CLOSENESS_RECORD (event)),
                                             NULL, FALSE, &error));
  g_assert_no_error (error);
  want[0] = events;
  want[1] = GUINT_TO_POINTER (n - 1);
  closeness_test_wait_until (event_count_cond, want, "the evening to go");
  toast = g_object_get_data (G_OBJECT (window), "closeness-last-undo");
  g_assert_nonnull (toast);
  g_assert_cmpstr (adw_toast_get_title (toast), ==, "“Stargazing” deleted");
  g_assert_cmpint (adw_toast_get_timeout (toast), >=, 10);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  want[1] = GUINT_TO_POINTER (n);
  closeness_test_wait_until (event_count_cond, want, "the evening to come back");
  g_assert_null (g_object_get_data (G_OBJECT (window), "closeness-last-undo"));

  /* Nothing left to undo: nothing changes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  closeness_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, n);

  closeness_test_close_all ();
}

static void
test_app_accels (void)
{
  closeness_test_get_app ();

  assert_accel ("app.quit", "<Control>q");
  assert_accel ("app.preferences", "<Control>comma");
  assert_accel ("app.shortcuts", "<Control>question");
  closeness_test_close_all ();
}

static void
test_action_opens (gconstpointer data)
{
  const char *action = data;
  GType expected;
  GtkWindow *opened;

  CLOSENESS_WINDOW (closeness_test_open_main_window ());

  if (g_str_equal (action, "about"))
    expected = ADW_TYPE_ABOUT_WINDOW;
  else if (g_str_equal (action, "preferences"))
    expected = CLOSENESS_TYPE_PREFERENCES_WINDOW;
  else
    expected = GTK_TYPE_SHORTCUTS_WINDOW;

  g_assert_null (closeness_test_find_window (expected));
  g_action_group_activate_action (G_ACTION_GROUP (closeness_test_get_app ()), action, NULL);

  opened = closeness_test_wait_for_window (expected);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (opened)));
  g_assert_true (GTK_IS_WINDOW (gtk_window_get_transient_for (opened)));

  closeness_test_close_all ();
}

static GtkShortcutsShortcut *
find_shortcut (GtkWidget  *widget,
               const char *accelerator)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accel = NULL;

      g_object_get (widget, "accelerator", &accel, NULL);
      if (g_strcmp0 (accel, accelerator) == 0)
        return GTK_SHORTCUTS_SHORTCUT (widget);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkShortcutsShortcut *found = find_shortcut (child, accelerator);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Ctrl+P prints something different on each page, and the Keyboard
 * Shortcuts window says what: questions on Conversations, the article on
 * Resources. */
static void
test_shortcuts_say_what_prints (void)
{
  GtkWindow *shortcuts;
  GtkShortcutsShortcut *print;
  g_autofree char *title = NULL;

  closeness_test_open_main_window ();
  g_action_group_activate_action (G_ACTION_GROUP (closeness_test_get_app ()), "shortcuts", NULL);
  shortcuts = closeness_test_wait_for_window (GTK_TYPE_SHORTCUTS_WINDOW);

  print = find_shortcut (GTK_WIDGET (shortcuts), "<Control>p");
  g_assert_nonnull (print);
  g_object_get (print, "title", &title, NULL);
  g_assert_nonnull (strstr (title, "questions"));
  g_assert_nonnull (strstr (title, "Conversations"));
  g_assert_nonnull (strstr (title, "article"));
  g_assert_nonnull (strstr (title, "Resources"));

  closeness_test_close_all ();
}

static AdwActionRow *
find_row_titled (GtkWidget  *widget,
                 const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ACTION_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwActionRow *row = find_row_titled (child, title);

      if (row != NULL)
        return row;
    }

  return NULL;
}

/* The safety note is a click away in the main menu, Preferences and About:
 * the row closes the dialog and shows the article in the main window. */
static void
test_safety_note_reachable (gconstpointer data)
{
  const char *action = data;
  ClosenessWindow *window = CLOSENESS_WINDOW (closeness_test_open_main_window ());
  GType type = g_str_equal (action, "about") ? ADW_TYPE_ABOUT_WINDOW
                                             : CLOSENESS_TYPE_PREFERENCES_WINDOW;
  AdwBin *resources_bin;
  GtkWindow *dialog;
  AdwActionRow *row;
  ClosenessArticle *article;

  closeness_window_set_page (window, CLOSENESS_PAGE_CONVERSATIONS);

  if (g_str_equal (action, "menu"))
    {
      GMenuModel *menu = G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                      CLOSENESS_TYPE_WINDOW,
                                                                      "primary_menu"));
      g_autoptr(GVariant) target = NULL;
      g_autofree char *name = NULL;
      gboolean found = FALSE;

      /* The primary menu's item, activated as the menu does. */
      g_assert_nonnull (menu);
      for (int i = 0; i < g_menu_model_get_n_items (menu) && !found; i++)
        {
          g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

          for (int j = 0; section != NULL && j < g_menu_model_get_n_items (section) && !found; j++)
            {
              g_clear_pointer (&name, g_free);
              g_clear_pointer (&target, g_variant_unref);
              g_menu_model_get_item_attribute (section, j, G_MENU_ATTRIBUTE_ACTION, "s", &name);
              target = g_menu_model_get_item_attribute_value (section, j, G_MENU_ATTRIBUTE_TARGET,
                                                              G_VARIANT_TYPE_STRING);
              found =
                g_strcmp0 (name, "app.open-article") == 0 && target != NULL
                && g_str_equal (g_variant_get_string (target, NULL), CLOSENESS_ARTICLE_SAFETY_NOTE);
            }
        }
      g_assert_true (found);
      g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), name, target));
      closeness_test_settle ();
    }
  else
    {
      g_action_group_activate_action (G_ACTION_GROUP (closeness_test_get_app ()), action, NULL);
      dialog = closeness_test_wait_for_window (type);

      row = find_row_titled (GTK_WIDGET (dialog), "Safety and Crisis Help");
      g_assert_nonnull (row);
      g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
      /* As a click or Enter would. */
      g_signal_emit_by_name (row, "activate");
      closeness_test_wait_for_window_gone (type);
    }

  g_assert_cmpint (closeness_window_get_page (window), ==, CLOSENESS_PAGE_RESOURCES);
  resources_bin = ADW_BIN (
    gtk_widget_get_template_child (GTK_WIDGET (window), CLOSENESS_TYPE_WINDOW, "resources_bin"));
  article = closeness_resources_page_get_article (
    CLOSENESS_RESOURCES_PAGE (adw_bin_get_child (resources_bin)));
  g_assert_nonnull (article);
  g_assert_cmpstr (closeness_article_get_id (article), ==, CLOSENESS_ARTICLE_SAFETY_NOTE);

  closeness_test_close_all ();
}

static void
test_window_state_remembered (void)
{
  ClosenessWindow *window = CLOSENESS_WINDOW (closeness_test_open_main_window ());
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *page = NULL;

  closeness_test_resize (GTK_WINDOW (window), 700, 520);
  closeness_window_set_page (window, CLOSENESS_PAGE_RESOURCES);
  closeness_test_close_all ();

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 700);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 520);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  page = g_settings_get_string (settings, "last-page");
  g_assert_cmpstr (page, ==, "resources");

  window = CLOSENESS_WINDOW (closeness_test_open_main_window ());
  g_assert_cmpint (closeness_window_get_page (window), ==, CLOSENESS_PAGE_RESOURCES);
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 700);
    g_assert_cmpint (height, ==, 520);
  }

  /* A hand-edited, nonsensical size is clamped instead of making a broken window. */
  closeness_test_close_all ();
  g_settings_set_int (settings, "window-width", 10);
  g_settings_set_int (settings, "window-height", -3);
  window = CLOSENESS_WINDOW (closeness_test_open_main_window ());
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 360);
    g_assert_cmpint (height, ==, 294);
  }
  closeness_test_close_all ();
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "last-page");
}

static gboolean
dark_cond (gpointer style)
{
  return adw_style_manager_get_dark (style);
}

static gboolean
light_cond (gpointer style)
{
  return !adw_style_manager_get_dark (style);
}

static gboolean
high_contrast_cond (gpointer style)
{
  return adw_style_manager_get_high_contrast (style);
}

/* In the dark style every page is dark as a whole, and light again after;
 * high contrast (the desktop's accessibility setting) changes what a page
 * draws. The pictures for a person to look at are build-aux/screenshots'. */
static void
test_dark_and_high_contrast (void)
{
  ClosenessWindow *window = CLOSENESS_WINDOW (closeness_test_open_main_window ());
  AdwStyleManager *style = adw_style_manager_get_default ();
  GdkTexture *light[CLOSENESS_N_PAGES];

  closeness_test_resize (GTK_WINDOW (window), 1280, 800);

  for (guint i = 0; i < CLOSENESS_N_PAGES; i++)
    {
      double luminance;

      closeness_window_set_page (window, i);
      light[i] = closeness_test_render (GTK_WIDGET (window));
      luminance = closeness_test_texture_luminance (light[i]);
      g_test_message ("%s, light: luminance %.2f", closeness_page_to_name (i), luminance);
      g_assert_cmpfloat (luminance, >, 0.6);
    }

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  closeness_test_wait_until (dark_cond, style, "the dark style");
  for (guint i = 0; i < CLOSENESS_N_PAGES; i++)
    {
      g_autoptr(GdkTexture) dark = NULL;
      double luminance;

      closeness_window_set_page (window, i);
      dark = closeness_test_render (GTK_WIDGET (window));
      luminance = closeness_test_texture_luminance (dark);
      g_test_message ("%s, dark: luminance %.2f", closeness_page_to_name (i), luminance);
      g_assert_cmpfloat (luminance, <, 0.4);
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  closeness_test_wait_until (light_cond, style, "the light style");

  /* High contrast comes from the desktop's accessibility setting. */
  if (g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                       "org.gnome.desktop.a11y.interface", TRUE) != NULL)
    {
      g_autoptr(GSettings) a11y = g_settings_new ("org.gnome.desktop.a11y.interface");

      g_settings_set_boolean (a11y, "high-contrast", TRUE);
      closeness_test_wait_until (high_contrast_cond, style, "high contrast");
      for (guint i = 0; i < CLOSENESS_N_PAGES; i++)
        {
          g_autoptr(GdkTexture) contrast = NULL;
          guint changed;

          closeness_window_set_page (window, i);
          contrast = closeness_test_render (GTK_WIDGET (window));
          changed = closeness_test_count_changed_pixels (light[i], contrast);
          g_test_message ("%s, high contrast: %u pixels changed", closeness_page_to_name (i),
                          changed);
          g_assert_cmpuint (changed, >, 0);
        }
      g_settings_reset (a11y, "high-contrast");
    }

  for (guint i = 0; i < CLOSENESS_N_PAGES; i++)
    g_object_unref (light[i]);
  closeness_test_close_all ();
}

static void
test_header_bar_controls_named (void)
{
  ClosenessWindow *window = CLOSENESS_WINDOW (closeness_test_open_main_window ());
  GtkWidget *menu_button;
  GMenuModel *model;
  GtkWidget *popover;
  g_autoptr(GMenuModel) section = NULL;

  menu_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                           CLOSENESS_TYPE_WINDOW,
                                                           "primary_menu_button"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (menu_button), ==, "Main Menu");

  /* The menu is made on first use: opening it shows its four items
   * (Preferences, Keyboard Shortcuts, Safety and Crisis Help, About). */
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  g_assert_nonnull (model);
  section = g_menu_model_get_item_link (model, 0, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (section), ==, 4);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
  g_assert_nonnull (popover);
  closeness_test_wait_for_drawn (popover);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
  closeness_test_wait_for_visible (popover, FALSE);

  /* Opening it again shows the same menu. */
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  g_assert_true ((gpointer) gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button))
                 == (gpointer) popover);
  closeness_test_wait_for_drawn (popover);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
  closeness_test_close_all ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* The welcome has its own test; here the couple has been through it. */
  g_setenv ("CLOSENESS_SKIP_WELCOME", "1", TRUE);

  if (!closeness_test_init_display (&argc, &argv))
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  g_test_add_func ("/window/four-pages", test_four_pages);
  g_test_add_func ("/window/adaptive-switcher", test_adaptive_switcher);
  g_test_add_func ("/window/switcher-without-animations", test_switcher_without_animations);
  g_test_add_func ("/window/calendar-keeps-narrow-width", test_calendar_keeps_narrow_width);
  g_test_add_func ("/window/header-switcher", test_header_switcher);
  g_test_add_func ("/window/page-shortcuts", test_page_shortcuts);
  g_test_add_func ("/window/app-accels", test_app_accels);
  g_test_add_func ("/window/undo-with-ctrl-z", test_undo_with_ctrl_z);
  g_test_add_data_func ("/window/opens/about", "about", test_action_opens);
  g_test_add_data_func ("/window/opens/preferences", "preferences", test_action_opens);
  g_test_add_data_func ("/window/opens/shortcuts", "shortcuts", test_action_opens);
  g_test_add_func ("/window/shortcuts-say-what-prints", test_shortcuts_say_what_prints);
  g_test_add_data_func ("/window/safety-note/preferences", "preferences",
                        test_safety_note_reachable);
  g_test_add_data_func ("/window/safety-note/about", "about", test_safety_note_reachable);
  g_test_add_data_func ("/window/safety-note/menu", "menu", test_safety_note_reachable);
  g_test_add_func ("/window/state-remembered", test_window_state_remembered);
  g_test_add_func ("/window/header-bar-controls-named", test_header_bar_controls_named);
  g_test_add_func ("/window/dark-and-high-contrast", test_dark_and_high_contrast);

  ret = g_test_run ();

  return ret;
}
