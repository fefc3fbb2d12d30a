/* closeness-test-utils.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-test"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "closeness-test-utils.h"
#include "closeness-application.h"
#include "closeness-window.h"
#include "store/closeness-store-private.h"

/**
 * closeness_test_init_display:
 *
 * Initialises GLib testing with private XDG folders, GTK and libadwaita.
 *
 * Returns: %FALSE when there is no display; the caller then skips.
 */
gboolean
closeness_test_init_display (int    *argc,
                             char ***argv)
{
  const char *localedir = g_getenv ("CLOSENESS_LOCALEDIR");
  g_auto(GStrv) system_dirs = NULL;
  g_autoptr(GPtrArray) mime_dirs = g_ptr_array_new_with_free_func (g_free);
  GtkIconTheme *icon_theme;

  /* G_TEST_OPTION_ISOLATE_DIRS hides the system data folders too; remember
   * them so icons and MIME types (which SVG icons need) still load. */
  system_dirs = g_strdupv ((char **) g_get_system_data_dirs ());

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (!gtk_init_check ())
    return FALSE;

  for (guint i = 0; system_dirs[i] != NULL; i++)
    g_ptr_array_add (mime_dirs, g_build_filename (system_dirs[i], "mime", NULL));
  g_ptr_array_add (mime_dirs, NULL);
  g_content_type_set_mime_dirs ((const char * const *) mime_dirs->pdata);

  adw_init ();

  icon_theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  for (guint i = 0; system_dirs[i] != NULL; i++)
    {
      g_autofree char *icons = g_build_filename (system_dirs[i], "icons", NULL);
      gtk_icon_theme_add_search_path (icon_theme, icons);
    }
  gtk_icon_theme_add_resource_path (icon_theme, "/com/example/Closeness/icons");

  return TRUE;
}

static gboolean
quit_loop_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  g_main_context_wakeup (NULL);

  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds so layout, frames and timeouts happen. */
void
closeness_test_iterate (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, quit_loop_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

void
closeness_test_resize (GtkWindow *window,
                       int        width,
                       int        height)
{
  gtk_window_unmaximize (window);
  gtk_window_set_default_size (window, width, height);
  closeness_test_iterate (50);

  for (guint i = 0; i < 40; i++)
    {
      if (ABS (gtk_widget_get_width (GTK_WIDGET (window)) - width) <= 16 &&
          ABS (gtk_widget_get_height (GTK_WIDGET (window)) - height) <= 16)
        break;
      closeness_test_iterate (50);
    }
  /* Let adaptive widgets settle after the size changed. */
  closeness_test_iterate (150);
}

/**
 * closeness_test_screenshot:
 * @widget: a realized, mapped widget
 * @name: file name without extension
 *
 * Renders @widget to $CLOSENESS_TEST_OUTPUT/@name.png (or the current
 * directory), so a person can look at what the test saw.
 *
 * Returns: (transfer full) (nullable): the path written, or %NULL on failure.
 */
char *
closeness_test_screenshot (GtkWidget  *widget,
                           const char *name)
{
  const char *dir = g_getenv ("CLOSENESS_TEST_OUTPUT");
  g_autoptr(GdkPaintable) paintable = NULL;
  GtkSnapshot *snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *filename = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  int width, height;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  if (dir == NULL)
    dir = ".";
  g_mkdir_with_parents (dir, 0755);

  /* On a loaded machine the first allocation may still be on its way. */
  for (guint i = 0; i < 100 && (gtk_widget_get_width (widget) <= 0 ||
                                gtk_widget_get_height (widget) <= 0); i++)
    closeness_test_iterate (50);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  if (width <= 0 || height <= 0)
    {
      g_test_message ("screenshot %s: the widget has no size", name);
      return NULL;
    }

  paintable = gtk_widget_paintable_new (widget);

  /* A widget that was just changed may need a frame before it draws. */
  for (guint i = 0; i < 40 && node == NULL; i++)
    {
      if (i > 0)
        closeness_test_iterate (50);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  if (node == NULL)
    {
      g_test_message ("screenshot %s: nothing was drawn (mapped: %d)", name,
                      gtk_widget_get_mapped (widget));
      return NULL;
    }

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  filename = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, filename, NULL);
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_test_message ("screenshot %s: could not write %s", name, path);
      return NULL;
    }

  g_test_message ("screenshot: %s", path);

  return g_steal_pointer (&path);
}

GtkWindow *
closeness_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/* Waits up to two seconds for a window of @type to appear. */
GtkWindow *
closeness_test_wait_for_window (GType type)
{
  GtkWindow *window = NULL;

  for (guint i = 0; i < 200 && window == NULL; i++)
    {
      closeness_test_iterate (10);
      window = closeness_test_find_window (type);
    }
  g_assert_nonnull (window);

  return window;
}

/* Fills the store's page budget (it stands in for a full disk) until a
 * change has to wait. @store is a ClosenessStore. */
void
closeness_test_make_changes_wait (gpointer store)
{
  g_autofree char *big = g_strnfill (50000, 'w');

  _closeness_store_set_max_page_count (store, 1);
  for (guint i = 0; i < 50 && closeness_store_get_pending_writes (store) == 0; i++)
    {
      g_autofree char *key = g_strdup_printf ("test-filler-%u", i);

      closeness_store_set_state (store, key, big, NULL);
    }
  g_assert_cmpuint (closeness_store_get_pending_writes (store), >, 0);
}

static ClosenessApplication *test_app;

/* The application the window tests share until closeness_test_close_all():
 * a new id each time keeps it from meeting the previous one on the bus. */
GApplication *
closeness_test_get_app (void)
{
  static guint n_apps;
  g_autofree char *app_id = NULL;

  if (test_app != NULL)
    return G_APPLICATION (test_app);

  app_id = g_strdup_printf ("%s.Window%u", APP_ID, ++n_apps);
  test_app = closeness_application_new ();
  g_application_set_application_id (G_APPLICATION (test_app), app_id);
  g_application_set_flags (G_APPLICATION (test_app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (test_app), NULL, NULL));
  g_application_hold (G_APPLICATION (test_app));

  return G_APPLICATION (test_app);
}

/* Activates the application as a launch would and returns its window. */
gpointer
closeness_test_open_main_window (void)
{
  GtkWindow *window;

  g_application_activate (closeness_test_get_app ());
  closeness_test_iterate (100);

  window = closeness_test_find_window (CLOSENESS_TYPE_WINDOW);
  g_assert_nonnull (window);

  return window;
}

/* Closes every window (a window that ignores close is destroyed) and lets
 * the application go. */
void
closeness_test_close_all (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_close (window);
      if (g_list_model_get_n_items (toplevels) > 0)
        {
          g_autoptr(GtkWindow) again = g_list_model_get_item (toplevels, 0);

          if (again == window)
            gtk_window_destroy (window);
        }
    }
  closeness_test_iterate (50);

  if (test_app != NULL)
    {
      g_application_release (G_APPLICATION (test_app));
      /* A registered GtkApplication lives until g_application_run() shuts it
       * down, which a test never does: end its timers now, or on a busy
       * machine they fire in a later test, after this test's folders are
       * gone. */
      while (g_source_remove_by_user_data (test_app))
        ;
      g_clear_object (&test_app);
    }
}
