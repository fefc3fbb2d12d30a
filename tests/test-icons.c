/* test-icons.c: the page icons come from the symbolic SVGs in the bundle,
 * at every size, and take the colour of the text around them.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "closeness-test-utils.h"

static const char * const page_icons[] = {
  "closeness-conversations-symbolic",
  "closeness-calendar-symbolic",
  "closeness-selfcare-symbolic",
  "closeness-resources-symbolic",
};

static char *
lookup_path (const char *icon_name,
             int         size,
             int         scale)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autoptr(GtkIconPaintable) paintable = NULL;
  g_autoptr(GFile) file = NULL;

  paintable = gtk_icon_theme_lookup_icon (theme, icon_name, NULL, size, scale,
                                          GTK_TEXT_DIR_LTR, 0);
  file = gtk_icon_paintable_get_file (paintable);
  g_assert_nonnull (file);
  return g_file_get_uri (file);
}

static void
test_page_icons_are_svg (void)
{
  const int sizes[] = { 16, 32, 128 };

  for (guint i = 0; i < G_N_ELEMENTS (page_icons); i++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        g_autofree char *uri = lookup_path (page_icons[i], sizes[s], 1);

        g_test_message ("%s at %d px: %s", page_icons[i], sizes[s], uri);
        g_assert_true (g_str_has_prefix (uri, "resource:///com/example/Closeness/icons/"));
        g_assert_true (g_str_has_suffix (uri, ".svg"));
      }
}

static void
test_icon_draws_in_foreground_colour (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autoptr(GtkIconPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GdkRGBA red = { 1, 0, 0, 1 };
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, 16, 16);
  guchar pixels[16 * 16 * 4];
  guint red_pixels = 0;

  /* A symbolic icon takes the colour of the text around it: draw the
   * calendar icon in red and count red pixels. */
  paintable = gtk_icon_theme_lookup_icon (theme, "closeness-calendar-symbolic", NULL, 16, 1,
                                          GTK_TEXT_DIR_LTR, 0);
  gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (paintable), snapshot,
                                            16, 16, &red, 1);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);

  renderer = gsk_cairo_renderer_new ();
  g_assert_true (gsk_renderer_realize (renderer, NULL, NULL));
  texture = gsk_renderer_render_texture (renderer, node, &bounds);
  gdk_texture_download (texture, pixels, 16 * 4);
  gsk_renderer_unrealize (renderer);

  for (guint i = 0; i < 16 * 16; i++)
    {
      /* Cairo's ARGB32, little-endian: B G R A */
      guchar b = pixels[i * 4], g = pixels[i * 4 + 1], r = pixels[i * 4 + 2], a = pixels[i * 4 + 3];

      if (a > 200 && r > 200 && g < 50 && b < 50)
        red_pixels++;
    }
  g_test_message ("red pixels: %u of 256", red_pixels);
  g_assert_cmpuint (red_pixels, >, 20);
}

int
main (int   argc,
      char *argv[])
{
  if (!closeness_test_init_display (&argc, &argv))
    return 77;

  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/com/example/Closeness/icons");

  g_test_add_func ("/icons/page-icons-are-svg", test_page_icons_are_svg);
  g_test_add_func ("/icons/draw-in-foreground-colour", test_icon_draws_in_foreground_colour);

  return g_test_run ();
}
