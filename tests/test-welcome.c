/* test-welcome.c: the first-run welcome and the partners' names in Preferences.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "closeness-application.h"
#include "closeness-partner-group.h"
#include "closeness-preferences-window.h"
#include "closeness-test-utils.h"
#include "closeness-welcome-window.h"
#include "closeness-window.h"

static ClosenessApplication *
start_app (void)
{
  ClosenessApplication *app = closeness_application_new ();
  g_autoptr(GError) error = NULL;
  static guint n_apps;
  g_autofree char *app_id = g_strdup_printf ("%s.Test%u", APP_ID, ++n_apps);

  /* Each test gets a new application (and so a new store in its private
   * folders); a new id keeps it from meeting the previous one on the bus. */
  g_application_set_application_id (G_APPLICATION (app), app_id);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (app));
  g_application_activate (G_APPLICATION (app));
  /* A new couple: the welcome shows over the main window. */
  closeness_test_wait_for_window (CLOSENESS_TYPE_WELCOME_WINDOW);

  return app;
}

static void
stop_app (ClosenessApplication *app)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (window);
    }
  closeness_test_settle ();
  g_application_release (G_APPLICATION (app));
  g_object_unref (app);
}

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (widget), type, name));
}

static void
type_name (ClosenessPartnerGroup *group,
           const char            *row_name,
           const char            *text)
{
  GtkEditable *row = GTK_EDITABLE (child (group, CLOSENESS_TYPE_PARTNER_GROUP, row_name));

  gtk_editable_set_text (row, text);
}

static char *
stored_name (ClosenessStore *store,
             guint           slot)
{
  g_autoptr(ClosenessPartner) partner =
    g_list_model_get_item (closeness_store_get_partners (store), slot);

  return g_strdup (closeness_partner_get_name (partner));
}

static gboolean
first_name_is_robin (gpointer store)
{
  g_autofree char *name = stored_name (store, 0);

  return g_strcmp0 (name, "Robin") == 0;
}

static void
test_welcome_saves_names (void)
{
  ClosenessApplication *app = start_app ();
  ClosenessStore *store = closeness_application_get_store (app);
  GtkWindow *welcome = closeness_test_find_window (CLOSENESS_TYPE_WELCOME_WINDOW);
  ClosenessPartnerGroup *group;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *done = NULL;
  g_autoptr(ClosenessPartner) partner = NULL;

  g_assert_nonnull (welcome);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (welcome)));
  g_assert_true (CLOSENESS_IS_WINDOW (gtk_window_get_transient_for (welcome)));
  g_free (closeness_test_screenshot (GTK_WIDGET (welcome), "welcome"));

  group = CLOSENESS_PARTNER_GROUP (child (welcome, CLOSENESS_TYPE_WELCOME_WINDOW, "partner_group"));
  type_name (group, "first_name_row", "  Alex ");
  type_name (group, "second_name_row", "Noor نور 🌙");
  closeness_partner_group_set_color (group, 1, "#2190a4");

  /* Nothing is written before the couple says so. */
  first = stored_name (store, 0);
  g_assert_cmpstr (first, ==, "");
  g_clear_pointer (&first, g_free);

  g_signal_emit_by_name (child (welcome, CLOSENESS_TYPE_WELCOME_WINDOW, "start_button"), "clicked");
  closeness_test_wait_for_window_gone (CLOSENESS_TYPE_WELCOME_WINDOW);

  g_assert_null (closeness_test_find_window (CLOSENESS_TYPE_WELCOME_WINDOW));
  first = stored_name (store, 0);
  second = stored_name (store, 1);
  g_assert_cmpstr (first, ==, "Alex");
  g_assert_cmpstr (second, ==, "Noor نور 🌙");
  partner = g_list_model_get_item (closeness_store_get_partners (store), 1);
  g_assert_cmpstr (closeness_partner_get_color (partner), ==, "#2190a4");
  done = closeness_store_dup_state (store, "welcome-done");
  g_assert_nonnull (done);

  /* The welcome does not come back on the next start. */
  g_application_activate (G_APPLICATION (app));
  closeness_test_settle ();
  g_assert_null (closeness_test_find_window (CLOSENESS_TYPE_WELCOME_WINDOW));

  stop_app (app);
}

static void
test_welcome_skip (void)
{
  ClosenessApplication *app = start_app ();
  ClosenessStore *store = closeness_application_get_store (app);
  GtkWindow *welcome = closeness_test_find_window (CLOSENESS_TYPE_WELCOME_WINDOW);
  g_autofree char *done = NULL;
  g_autofree char *first = NULL;

  g_assert_nonnull (welcome);
  g_signal_emit_by_name (child (welcome, CLOSENESS_TYPE_WELCOME_WINDOW, "skip_button"), "clicked");
  closeness_test_wait_for_window_gone (CLOSENESS_TYPE_WELCOME_WINDOW);

  g_assert_null (closeness_test_find_window (CLOSENESS_TYPE_WELCOME_WINDOW));
  g_assert_nonnull (closeness_test_find_window (CLOSENESS_TYPE_WINDOW));
  done = closeness_store_dup_state (store, "welcome-done");
  g_assert_nonnull (done);
  first = stored_name (store, 0);
  g_assert_cmpstr (first, ==, "");

  stop_app (app);
}

static void
test_preferences_rename (void)
{
  ClosenessApplication *app = start_app ();
  ClosenessStore *store = closeness_application_get_store (app);
  GtkWindow *welcome = closeness_test_find_window (CLOSENESS_TYPE_WELCOME_WINDOW);
  GtkWindow *prefs;
  ClosenessPartnerGroup *group;
  g_autofree char *first = NULL;
  g_autofree char *kept = NULL;

  g_signal_emit_by_name (child (welcome, CLOSENESS_TYPE_WELCOME_WINDOW, "skip_button"), "clicked");
  closeness_test_wait_for_window_gone (CLOSENESS_TYPE_WELCOME_WINDOW);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = closeness_test_wait_for_window (CLOSENESS_TYPE_PREFERENCES_WINDOW);
  group =
    CLOSENESS_PARTNER_GROUP (child (prefs, CLOSENESS_TYPE_PREFERENCES_WINDOW, "partner_group"));

  /* Opening Preferences does not put the cursor in a name, ready to replace it. */
  g_assert_false (GTK_IS_EDITABLE (gtk_window_get_focus (prefs)));

  /* Edits save by themselves, without a Save button. */
  type_name (group, "first_name_row", "Robin");
  closeness_test_wait_until (first_name_is_robin, store, "the first name to be saved");
  first = stored_name (store, 0);
  g_assert_cmpstr (first, ==, "Robin");
  g_free (closeness_test_screenshot (GTK_WIDGET (prefs), "preferences-partners"));

  /* Typing and closing at once still saves what was typed. */
  type_name (group, "second_name_row", "Kai");
  gtk_window_destroy (prefs);
  closeness_test_settle ();
  kept = stored_name (store, 1);
  g_assert_cmpstr (kept, ==, "Kai");

  stop_app (app);
}

static gboolean
shows_picker_cond (gpointer button)
{
  GtkWidget *image = gtk_menu_button_get_child (button);

  return GTK_IS_IMAGE (image)
         && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (image)), "color-select-symbolic") == 0;
}

/* A colour from outside the palette (chosen on the other computer, or by
 * another version) shows as itself, not as a dark "custom" disc. */
static void
test_partner_colors (void)
{
  ClosenessApplication *app = start_app ();
  ClosenessStore *store = closeness_application_get_store (app);
  GtkWindow *welcome = closeness_test_find_window (CLOSENESS_TYPE_WELCOME_WINDOW);
  g_autoptr(GError) error = NULL;
  GtkWindow *prefs;
  GtkWidget *group;
  GtkWidget *first, *second;
  GtkWidget *swatch;

  g_signal_emit_by_name (child (welcome, CLOSENESS_TYPE_WELCOME_WINDOW, "skip_button"), "clicked");
  closeness_test_wait_for_window_gone (CLOSENESS_TYPE_WELCOME_WINDOW);
  g_assert_true (closeness_store_update_partner (store, 0, "Alex", "#e66100", &error));
  g_assert_no_error (error);
  g_assert_true (closeness_store_update_partner (store, 1, "Sam", "#3584e4", &error));
  g_assert_no_error (error);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = closeness_test_wait_for_window (CLOSENESS_TYPE_PREFERENCES_WINDOW);
  closeness_test_wait_for_drawn (GTK_WIDGET (prefs));
  group = child (prefs, CLOSENESS_TYPE_PREFERENCES_WINDOW, "partner_group");
  first = child (group, CLOSENESS_TYPE_PARTNER_GROUP, "first_color_button");
  second = child (group, CLOSENESS_TYPE_PARTNER_GROUP, "second_color_button");

  /* Orange as GNOME's palette had it once, not the palette's own. */
  swatch = closeness_test_find_partner_dot (first);
  g_assert_nonnull (swatch);
  closeness_test_assert_partner_dot (swatch, "#e66100");
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (first),
                                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                     "Color: Custom"));

  /* The palette's blue is named. */
  g_assert_null (closeness_test_find_partner_dot (second));
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (second),
                                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                     "Color: Blue"));

  /* A screen reader says what each button is for. */
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (first),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     "First Partner’s Color"));
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (second),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     "Second Partner’s Color"));

  /* Without a colour the button shows a colour picker's icon: an empty
   * circle alone read as an unlabelled radio button. */
  g_assert_false (shows_picker_cond (first));
  closeness_partner_group_set_color (CLOSENESS_PARTNER_GROUP (group), 0, "");
  g_assert_true (shows_picker_cond (first));
  g_assert_null (gtk_test_accessible_check_property (GTK_ACCESSIBLE (first),
                                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                                     "Color: No color"));

  gtk_window_destroy (prefs);
  stop_app (app);
}

/* The window icon (X11 shows it) and the deck grid's frame. */
typedef struct
{
  GtkWindow *window;
  gboolean   grid_drawn;
  char      *icon_at_grid;
  GtkWidget *close_at_grid;
} GridFrame;

/* The header bar's close button, which its window controls build. */
static GtkWidget *
find_close_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "close")
      && GTK_IS_WINDOW_CONTROLS (gtk_widget_get_parent (widget)))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_close_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
grid_frame_painted_cb (GdkFrameClock *frame_clock,
                       GridFrame     *frame)
{
  GtkWidget *grid = closeness_test_find_of_type (GTK_WIDGET (frame->window), GTK_TYPE_FLOW_BOX);

  if (frame->grid_drawn || grid == NULL || gtk_widget_get_first_child (grid) == NULL)
    return;

  frame->grid_drawn = TRUE;
  frame->icon_at_grid = g_strdup (gtk_window_get_icon_name (frame->window));
  if (frame->icon_at_grid == NULL)
    frame->icon_at_grid = g_strdup (gtk_window_get_default_icon_name ());
  frame->close_at_grid = find_close_button (GTK_WIDGET (frame->window));
  if (frame->close_at_grid != NULL)
    g_object_add_weak_pointer (G_OBJECT (frame->close_at_grid),
                               (gpointer *) &frame->close_at_grid);
}

static void
window_realized_cb (GtkWidget *window,
                    GridFrame *frame)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (grid_frame_painted_cb), frame);
}

static void
toplevels_changed_cb (GListModel *toplevels,
                      guint       position,
                      guint       removed,
                      guint       added,
                      GridFrame  *frame)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (CLOSENESS_IS_WINDOW (window) && frame->window == NULL)
        {
          frame->window = window;
          g_signal_connect (window, "realize", G_CALLBACK (window_realized_cb), frame);
        }
    }
}

static gboolean
grid_drawn (gpointer data)
{
  GridFrame *frame = data;

  return frame->grid_drawn;
}

static void
test_window_icon (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GridFrame frame = { NULL, };
  ClosenessApplication *app;
  GtkWindow *welcome;
  gulong handler;

  handler = g_signal_connect (toplevels, "items-changed", G_CALLBACK (toplevels_changed_cb),
                              &frame);
  app = start_app ();
  closeness_test_wait_until (grid_drawn, &frame, "the deck grid to be drawn");
  g_signal_handler_disconnect (toplevels, handler);

  /* The window icon is there when the deck grid is drawn: set later, it
   * made the header bar's window buttons be built again, and the window
   * drawn once more, after the grid. */
  g_assert_cmpstr (frame.icon_at_grid, ==, APP_ID);
  g_assert_nonnull (frame.close_at_grid);
  closeness_test_settle ();
  g_assert_nonnull (frame.close_at_grid);
  g_assert_true (gtk_widget_get_parent (frame.close_at_grid) != NULL);

  /* Every window of the application carries the icon, the welcome too. */
  welcome = closeness_test_find_window (CLOSENESS_TYPE_WELCOME_WINDOW);
  g_assert_cmpstr (gtk_window_get_icon_name (frame.window), ==, APP_ID);
  g_assert_cmpstr (gtk_window_get_icon_name (welcome), ==, APP_ID);
  g_assert_cmpstr (gtk_window_get_default_icon_name (), ==, APP_ID);

  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (GTK_WIDGET (frame.window)),
                                        &frame);
  g_object_remove_weak_pointer (G_OBJECT (frame.close_at_grid), (gpointer *) &frame.close_at_grid);
  g_free (frame.icon_at_grid);
  stop_app (app);
}

int
main (int   argc,
      char *argv[])
{
  g_unsetenv ("CLOSENESS_SKIP_WELCOME");
  /* Accessible properties are kept where the tests can read them. */
  g_setenv ("GTK_A11Y", "test", TRUE);

  if (!closeness_test_init_display (&argc, &argv))
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  /* First: the default icon is set once per process. */
  g_test_add_func ("/welcome/window-icon", test_window_icon);
  g_test_add_func ("/welcome/saves-names", test_welcome_saves_names);
  g_test_add_func ("/welcome/skip", test_welcome_skip);
  g_test_add_func ("/welcome/preferences-rename", test_preferences_rename);
  g_test_add_func ("/welcome/partner-colors", test_partner_colors);

  return g_test_run ();
}
