/* closeness-test-utils.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-test"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "closeness-button-row.h"
#include "closeness-partner-dot.h"
#include "closeness-test-utils.h"
#include "closeness-application.h"
#include "closeness-window.h"
#include "conversations/closeness-prompt-library.h"
#include "store/closeness-store-private.h"

/* Where warnings go while a test collects them (closeness_test_collect_log()). */
static GPtrArray *collected_log;
G_LOCK_DEFINE_STATIC (collected_log);

static const char *
find_log_field (const GLogField *fields,
                gsize            n_fields,
                const char      *key)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (g_str_equal (fields[i].key, key))
        return fields[i].length < 0 ? fields[i].value : NULL;
    }

  return NULL;
}

/* A UI test fails at the first warning or critical, from any library: what
 * GTK prints there (markup that does not parse, a widget that cannot take
 * its size) is something a person meets, and a test that logs it has found
 * a bug. Messages a test expects (g_test_expect_message()) never get here. */
static GLogWriterOutput
fatal_log_writer_cb (GLogLevelFlags   log_level,
                     const GLogField *fields,
                     gsize            n_fields,
                     gpointer         user_data)
{
  const char *domain;
  const char *message;
  const char *level;

  if ((log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) == 0)
    return g_log_writer_default (log_level, fields, n_fields, user_data);

  domain = find_log_field (fields, n_fields, "GLIB_DOMAIN");
  message = find_log_field (fields, n_fields, "MESSAGE");
  if (domain == NULL)
    domain = "(no domain)";
  if (message == NULL)
    message = "(no message)";

  if ((log_level & G_LOG_LEVEL_ERROR) == 0)
    {
      G_LOCK (collected_log);
      if (collected_log != NULL)
        {
          g_ptr_array_add (collected_log, g_strdup_printf ("%s: %s", domain, message));
          g_test_message ("logged: %s: %s", domain, message);
          G_UNLOCK (collected_log);
          return G_LOG_WRITER_HANDLED;
        }
      G_UNLOCK (collected_log);
    }

  level = (log_level & G_LOG_LEVEL_ERROR) ? "an error" :
          (log_level & G_LOG_LEVEL_CRITICAL) ? "a critical" : "a warning";
  g_printerr ("%s: %s was logged (%s: %s); UI tests fail on any warning or critical "
              "(see closeness_test_init_display())\n",
              g_test_get_path () != NULL && *g_test_get_path () != '\0' ? g_test_get_path () :
                                                                          g_get_prgname (),
              level, domain, message);
  /* It prints the message as usual, with the test's prefix, and aborts (after
   * g_test_init() warnings are always fatal); abort() if it did not. */
  g_log_writer_default (log_level | G_LOG_FLAG_FATAL, fields, n_fields, user_data);
  abort ();
}

/**
 * closeness_test_collect_log:
 * @messages: (nullable): an array of strings, or %NULL to stop collecting
 *
 * While set, warnings and criticals are added to @messages as
 * "domain: message" (and printed as test messages) instead of failing the
 * test at once, so a test can go on and fail with all of them listed.
 * Errors still abort.
 */
void
closeness_test_collect_log (GPtrArray *messages)
{
  static GLogLevelFlags fatal_mask;

  G_LOCK (collected_log);
  /* g_log() itself aborts after the writer on levels in the fatal mask. */
  if (collected_log == NULL && messages != NULL)
    fatal_mask = g_log_set_always_fatal (G_LOG_FATAL_MASK);
  else if (collected_log != NULL && messages == NULL)
    g_log_set_always_fatal (fatal_mask);
  collected_log = messages;
  G_UNLOCK (collected_log);
}

/**
 * closeness_test_init_display:
 *
 * Initialises GLib testing with private XDG folders, GTK and libadwaita.
 * From here on any warning or critical fails the test (see
 * fatal_log_writer_cb()).
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

  g_log_set_writer_func (fatal_log_writer_cb, NULL, NULL);

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

#define CLOSENESS_TEST_WAIT_TIMEOUT_US (20 * G_USEC_PER_SEC)

static gboolean
wake_cb (gpointer user_data)
{
  g_main_context_wakeup (NULL);
  return G_SOURCE_CONTINUE;
}

/**
 * closeness_test_wait_until:
 * @condition: returns %TRUE once what the test waits for has happened
 * @user_data: passed to @condition
 * @what: said in the failure message, e.g. "the deck grid to fill"
 *
 * Runs the main loop until @condition holds, checking after every
 * iteration (and at least every 5 ms, so conditions that depend on time or
 * other processes are seen too). Fails the test after a generous timeout:
 * a loaded machine makes the wait longer, never the test flaky.
 */
void
closeness_test_wait_until (ClosenessTestCondition  condition,
                           gpointer                user_data,
                           const char             *what)
{
  gint64 deadline = g_get_monotonic_time () + CLOSENESS_TEST_WAIT_TIMEOUT_US;
  guint tick = g_timeout_add (5, wake_cb, NULL);

  while (!condition (user_data))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_source_remove (tick);
          g_error ("Timed out waiting for %s", what);
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

typedef struct {
  GtkWidget *widget;
  gboolean   drawn;
  guint      tick_id;
} DrawWait;

static gboolean
drawn_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  DrawWait *wait = user_data;

  /* The tick of the frame after the one in which the widget was laid out:
   * by now it has been painted once. */
  if (gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0)
    {
      wait->drawn = TRUE;
      wait->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
drawn_cond (gpointer user_data)
{
  DrawWait *wait = user_data;

  return wait->drawn;
}

/**
 * closeness_test_wait_for_drawn:
 * @widget: a widget in a shown window
 *
 * Waits until @widget is mapped, has a size and a frame has been drawn
 * with it, instead of sleeping for a guessed time.
 */
void
closeness_test_wait_for_drawn (GtkWidget *widget)
{
  DrawWait wait = { widget, FALSE, 0 };

  wait.tick_id = gtk_widget_add_tick_callback (widget, drawn_tick_cb, &wait, NULL);
  gtk_widget_queue_draw (widget);
  closeness_test_wait_until (drawn_cond, &wait, "a widget to be drawn");
}

typedef struct {
  GListModel *model;
  guint       n_items;
} ItemsWait;

static gboolean
n_items_cond (gpointer user_data)
{
  ItemsWait *wait = user_data;

  return g_list_model_get_n_items (wait->model) == wait->n_items;
}

void
closeness_test_wait_for_n_items (GListModel *model,
                                 guint       n_items)
{
  ItemsWait wait = { model, n_items };
  g_autofree char *what = g_strdup_printf ("a list to hold %u items (it holds %u)",
                                           n_items, g_list_model_get_n_items (model));

  closeness_test_wait_until (n_items_cond, &wait, what);
}

typedef struct {
  GtkLabel   *label;
  const char *text;
} LabelWait;

static gboolean
label_cond (gpointer user_data)
{
  LabelWait *wait = user_data;

  return g_strcmp0 (gtk_label_get_text (wait->label), wait->text) == 0;
}

void
closeness_test_wait_for_label (GtkLabel   *label,
                               const char *text)
{
  LabelWait wait = { label, text };
  g_autofree char *what = g_strdup_printf ("a label to read “%s”", text);

  closeness_test_wait_until (label_cond, &wait, what);
}

typedef struct {
  GtkWidget *widget;
  gboolean   visible;
} VisibleWait;

static gboolean
visible_cond (gpointer user_data)
{
  VisibleWait *wait = user_data;

  return gtk_widget_is_visible (wait->widget) == wait->visible;
}

void
closeness_test_wait_for_visible (GtkWidget *widget,
                                 gboolean   visible)
{
  VisibleWait wait = { widget, visible };

  closeness_test_wait_until (visible_cond, &wait,
                             visible ? "a widget to show" : "a widget to hide");
}

static gboolean
idle_done_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
flag_cond (gpointer user_data)
{
  return *(gboolean *) user_data;
}

/**
 * closeness_test_settle:
 *
 * Runs everything already queued on the main context (idles of default
 * priority and above, pending signals, layout) and returns as soon as the
 * context reaches a low-priority idle. For waiting on the store's writer
 * thread or a timer, wait on a condition instead.
 */
void
closeness_test_settle (void)
{
  gboolean done = FALSE;

  g_idle_add_full (G_PRIORITY_LOW, idle_done_cb, &done, NULL);
  closeness_test_wait_until (flag_cond, &done, "the main loop to settle");
}

typedef struct {
  GtkWidget *window;
  int        width;
  int        height;
  gint64     give_up;
} SizeWait;

static gboolean
size_cond (gpointer user_data)
{
  SizeWait *wait = user_data;

  /* A window with a larger minimum size never reaches the asked size; the
   * test then looks at it at its minimum. */
  return (ABS (gtk_widget_get_width (wait->window) - wait->width) <= 16 &&
          ABS (gtk_widget_get_height (wait->window) - wait->height) <= 16) ||
         g_get_monotonic_time () > wait->give_up;
}

void
closeness_test_resize (GtkWindow *window,
                       int        width,
                       int        height)
{
  SizeWait wait = { GTK_WIDGET (window), width, height,
                    g_get_monotonic_time () + 2 * G_USEC_PER_SEC };

  gtk_window_unmaximize (window);
  gtk_window_set_default_size (window, width, height);
  closeness_test_wait_until (size_cond, &wait, "the window to take its new size");
  /* Adaptive widgets (breakpoints, clamps) react in the next layout. */
  closeness_test_settle ();
  closeness_test_wait_for_drawn (GTK_WIDGET (window));
}

typedef struct {
  GdkPaintable  *paintable;
  int            width;
  int            height;
  GskRenderNode *node;
  GtkWidget     *widget;
} RenderWait;

/* Called when the frame clock has laid out and painted a frame: every
 * allocation is current then, so the snapshot never meets a widget that
 * still waits for one (GTK warns, and the tests fail on warnings). */
static void
render_after_paint_cb (GdkFrameClock *clock,
                       RenderWait    *wait)
{
  GtkSnapshot *snapshot;

  if (wait->node != NULL)
    return;
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (wait->paintable, GDK_SNAPSHOT (snapshot), wait->width, wait->height);
  wait->node = gtk_snapshot_free_to_node (snapshot);
}

static gboolean
snapshot_cond (gpointer user_data)
{
  RenderWait *wait = user_data;

  if (wait->node == NULL)
    gtk_widget_queue_draw (wait->widget);

  return wait->node != NULL;
}

/* What @widget draws now, taken right after a frame was painted. */
static GskRenderNode *
snapshot_after_frame (GtkWidget    *widget,
                      GdkPaintable *paintable,
                      int           width,
                      int           height)
{
  RenderWait wait = { paintable, width, height, NULL, widget };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gulong id;

  if (clock == NULL)
    return NULL;
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (render_after_paint_cb), &wait);
  closeness_test_wait_until (snapshot_cond, &wait, "a widget to draw something");
  g_signal_handler_disconnect (clock, id);

  return wait.node;
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
  if (gtk_widget_get_mapped (widget))
    closeness_test_wait_for_drawn (widget);

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  if (width <= 0 || height <= 0)
    {
      g_test_message ("screenshot %s: the widget has no size", name);
      return NULL;
    }

  paintable = gtk_widget_paintable_new (widget);

  /* Taken right after a frame, when every allocation is current. */
  node = gtk_widget_get_mapped (widget) ? snapshot_after_frame (widget, paintable, width, height)
                                        : NULL;
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

/**
 * closeness_test_render:
 * @widget: a widget in a shown window
 *
 * Draws @widget as it is on screen, to compare what a person would see
 * (colours, what changed) against something.
 *
 * Returns: (transfer full): the picture, the size of @widget
 */
GdkTexture *
closeness_test_render (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer;
  int width, height;

  closeness_test_wait_for_drawn (widget);
  paintable = gtk_widget_paintable_new (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  node = snapshot_after_frame (widget, paintable, width, height);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root)
      && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_containing (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct {
  GtkWidget  *root;
  const char *text;
  GtkWidget  *found;
} ShownTextWait;

static gboolean
shown_text_cond (gpointer user_data)
{
  ShownTextWait *wait = user_data;

  wait->found = find_label_containing (wait->root, wait->text);
  return wait->found != NULL;
}

/**
 * closeness_test_wait_for_shown_text:
 * @root: where to look, e.g. a page with its toast overlay
 * @text: part of the text a person should see
 *
 * Waits until a label on screen below @root holds @text, as a toast's
 * title does while it shows.
 *
 * Returns: (transfer none): the label's text, whole
 */
const char *
closeness_test_wait_for_shown_text (GtkWidget  *root,
                                    const char *text)
{
  ShownTextWait wait = { root, text, NULL };
  g_autofree char *what = g_strdup_printf ("“%s” to show", text);

  closeness_test_wait_until (shown_text_cond, &wait, what);
  return gtk_label_get_text (GTK_LABEL (wait.found));
}

/**
 * closeness_test_find_of_type:
 *
 * Returns: (transfer none) (nullable): @root if it is a @type, else the
 *   first widget of @type below it, depth first, visible or not
 */
GtkWidget *
closeness_test_find_of_type (GtkWidget *root,
                             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = closeness_test_find_of_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * closeness_test_find_partner_dot:
 * @root: where to look
 *
 * Returns: (transfer none) (nullable): the first partner colour dot below
 *   @root (or @root itself), visible or not
 */
GtkWidget *
closeness_test_find_partner_dot (GtkWidget *root)
{
  if (CLOSENESS_IS_PARTNER_DOT (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = closeness_test_find_partner_dot (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * closeness_test_assert_partner_dot:
 * @dot: a #ClosenessPartnerDot in a shown window
 * @color: "#rrggbb", or "" for no dot
 *
 * Checks that @dot is the colour a person sees: on screen, and its middle
 * pixel drawn in @color; or, for "", nothing drawn.
 */
void
closeness_test_assert_partner_dot (GtkWidget  *dot,
                                   const char *color)
{
  g_autoptr(GdkTexture) texture = NULL;
  guchar pixel[4];
  GdkRGBA expected;
  int width, height;

  g_assert_true (CLOSENESS_IS_PARTNER_DOT (dot));
  g_assert_cmpstr (closeness_partner_dot_get_color (CLOSENESS_PARTNER_DOT (dot)), ==, color);
  if (color[0] == '\0')
    {
      /* Not shown, or (keeping its place in a column) drawn empty: the dot
       * draws only a colour it has. */
      return;
    }

  closeness_test_wait_for_drawn (dot);
  g_assert_true (gtk_widget_get_mapped (dot));
  texture = closeness_test_render (dot);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  g_assert_cmpint (width, >=, 8);
  g_assert_cmpint (height, >=, 8);
  {
    g_autofree guchar *pixels = g_malloc ((gsize) width * height * 4);

    gdk_texture_download (texture, pixels, width * 4);
    memcpy (pixel, pixels + ((gsize) (height / 2) * width + width / 2) * 4, 4);
  }
  g_assert_true (gdk_rgba_parse (&expected, color));
  /* Cairo's ARGB32 in memory, little-endian: B G R A */
  g_assert_cmpint (ABS (pixel[2] - (int) (expected.red * 255 + .5)), <=, 2);
  g_assert_cmpint (ABS (pixel[1] - (int) (expected.green * 255 + .5)), <=, 2);
  g_assert_cmpint (ABS (pixel[0] - (int) (expected.blue * 255 + .5)), <=, 2);
}

/* The mean luminance of @texture's pixels, 0 (black) to 1 (white). */
double
closeness_test_texture_luminance (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  g_autofree guchar *pixels = g_malloc ((gsize) width * height * 4);
  double sum = 0;

  gdk_texture_download (texture, pixels, width * 4);
  /* Cairo's ARGB32 in memory, little-endian: B G R A */
  for (gsize i = 0; i < (gsize) width * height; i++)
    sum += (0.0722 * pixels[i * 4] + 0.7152 * pixels[i * 4 + 1] + 0.2126 * pixels[i * 4 + 2]) / 255;

  return sum / ((double) width * height);
}

/* How many pixels differ between two pictures of the same size. */
guint
closeness_test_count_changed_pixels (GdkTexture *a,
                                     GdkTexture *b)
{
  int width = gdk_texture_get_width (a);
  int height = gdk_texture_get_height (a);
  g_autofree guchar *pixels_a = g_malloc ((gsize) width * height * 4);
  g_autofree guchar *pixels_b = g_malloc ((gsize) width * height * 4);
  guint changed = 0;

  g_assert_cmpint (gdk_texture_get_width (b), ==, width);
  g_assert_cmpint (gdk_texture_get_height (b), ==, height);
  gdk_texture_download (a, pixels_a, width * 4);
  gdk_texture_download (b, pixels_b, width * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    changed += memcmp (pixels_a + i * 4, pixels_b + i * 4, 4) != 0;

  return changed;
}

/* A wrapped label breaks its lines between words ("Zeit im" over
 * "Freundeskreis"), not inside one ("Freundeskrei-" over "s"). */
static void
assert_words_whole (GtkLabel *label,
                    int       area_width)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  const char *text = pango_layout_get_text (layout);
  GSList *lines = pango_layout_get_lines_readonly (layout);

  for (GSList *l = lines != NULL ? lines->next : NULL; l != NULL; l = l->next)
    {
      PangoLayoutLine *line = l->data;
      const char *start = text + line->start_index;
      gunichar before;

      if (line->start_index == 0)
        continue;
      before = g_utf8_get_char (g_utf8_prev_char (start));
      if (!g_unichar_isspace (before) && before != '-' && before != '/' && before != 0x2010 &&
          before != 0x00ad && before != 0x2013 && before != 0x2014 && before != 0x200b)
        g_error ("The label “%s” breaks a word across lines in the %d px it has",
                 gtk_label_get_text (label), area_width);
    }
}

static void
check_labels_fit (GtkWidget *area,
                  GtkWidget *widget,
                  int        area_width,
                  gboolean   whole_text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (!gtk_widget_get_mapped (child))
        continue;

      if (GTK_IS_LABEL (child) && gtk_widget_compute_bounds (child, area, &bounds))
        {
          if (bounds.origin.x < -0.5 || bounds.origin.x + bounds.size.width > area_width + 0.5)
            g_error ("The label “%s” (%g px from %g) does not fit in the %d px it has",
                     gtk_label_get_text (GTK_LABEL (child)), bounds.size.width,
                     bounds.origin.x, area_width);
          if (whole_text && gtk_label_get_ellipsize (GTK_LABEL (child)) != PANGO_ELLIPSIZE_NONE &&
              pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (child))))
            g_error ("The label “%s” is cut short in the %d px it has",
                     gtk_label_get_text (GTK_LABEL (child)), area_width);
          if (whole_text)
            assert_words_whole (GTK_LABEL (child), area_width);
        }

      check_labels_fit (area, child, area_width, whole_text);
    }
}

/**
 * closeness_test_assert_labels_fit:
 * @area: a shown widget, e.g. a window or the visible part of an article
 * @whole_text: whether every label must show its whole text
 *
 * Asserts that every label a person can see in @area lies within its width
 * and, with @whole_text, is not cut short with “…” (text to read wraps;
 * a list's one-line summaries may end in “…”).
 */
void
closeness_test_assert_labels_fit (GtkWidget *area,
                                  gboolean   whole_text)
{
  closeness_test_wait_for_drawn (area);
  check_labels_fit (area, area, gtk_widget_get_width (area), whole_text);
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

static gboolean
window_cond (gpointer user_data)
{
  return closeness_test_find_window (GPOINTER_TO_SIZE (user_data)) != NULL;
}

/* Waits for a window of @type to appear and be drawn. */
GtkWindow *
closeness_test_wait_for_window (GType type)
{
  GtkWindow *window;

  closeness_test_wait_until (window_cond, GSIZE_TO_POINTER (type), g_type_name (type));
  window = closeness_test_find_window (type);
  closeness_test_wait_for_drawn (GTK_WIDGET (window));

  return window;
}

static gboolean
no_window_cond (gpointer user_data)
{
  return closeness_test_find_window (GPOINTER_TO_SIZE (user_data)) == NULL;
}

/* Waits until no window of @type shows (closed, destroyed or hidden). */
void
closeness_test_wait_for_window_gone (GType type)
{
  g_autofree char *what = g_strdup_printf ("the %s to go", g_type_name (type));

  closeness_test_wait_until (no_window_cond, GSIZE_TO_POINTER (type), what);
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

/**
 * closeness_test_new_store_in_tmp:
 * @prefix: the folder's name, ending in XXXXXX
 * @dir: (out) (transfer full): the new folder, for
 *   closeness_test_remove_tmp_dir()
 *
 * Returns: (transfer full): a store with its database in a new temporary folder
 */
ClosenessStore *
closeness_test_new_store_in_tmp (const char  *prefix,
                                 char       **dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ClosenessStore *store;

  *dir = g_dir_make_tmp (prefix, &error);
  g_assert_no_error (error);
  path = g_build_filename (*dir, "closeness.db", NULL);
  store = closeness_store_new (path, &error);
  g_assert_no_error (error);

  return store;
}

/* Removes (and frees) a folder of closeness_test_new_store_in_tmp() with the
 * files in it; its store must be gone. */
void
closeness_test_remove_tmp_dir (char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
  g_free (dir);
}

/**
 * closeness_test_new_library_store:
 *
 * Returns: (transfer full): a store in memory holding the built-in decks
 *   and questions
 */
ClosenessStore *
closeness_test_new_library_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) store = closeness_store_new (NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (closeness_prompt_library_sync (store, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&store);
}

/* The item of @model whose "builtin-key" is @key, or NULL. */
static gpointer
find_builtin (GListModel *model,
              const char *key)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *item_key = NULL;

      g_object_get (item, "builtin-key", &item_key, NULL);
      if (g_strcmp0 (item_key, key) == 0)
        return g_steal_pointer (&item);
    }

  return NULL;
}

/* Returns: (transfer full) (nullable): the built-in deck with @key */
ClosenessDeck *
closeness_test_find_deck (ClosenessStore *store,
                          const char     *key)
{
  return find_builtin (closeness_store_get_decks (store), key);
}

/* Returns: (transfer full) (nullable): the shown built-in question with @key */
ClosenessPrompt *
closeness_test_find_prompt (ClosenessStore *store,
                            const char     *key)
{
  return find_builtin (closeness_store_get_prompts (store), key);
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
  window = closeness_test_wait_for_window (CLOSENESS_TYPE_WINDOW);

  return window;
}

static gboolean
store_check_idle_cond (gpointer store)
{
  return !((ClosenessStore *) store)->checking;
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
  closeness_test_settle ();

  if (test_app != NULL)
    {
      g_application_release (G_APPLICATION (test_app));
      /* A registered GtkApplication lives until g_application_run() shuts it
       * down, which a test never does: end its timers now, or on a busy
       * machine they fire in a later test, after this test's folders are
       * gone. */
      while (g_source_remove_by_user_data (test_app))
        ;
      /* The data check that the first frame started reads the data file in
       * a worker thread: let it end before this test's folders are removed,
       * or it fails on a vanished file and warns in the next test. */
      if (closeness_application_get_store (test_app) != NULL)
        closeness_test_wait_until (store_check_idle_cond,
                                   closeness_application_get_store (test_app),
                                   "the data check to end");
      g_clear_object (&test_app);
    }
}

/**
 * closeness_test_assert_buttons_centred:
 * @row: a #ClosenessButtonRow
 *
 * Side by side, the buttons are on one line and the line is centred in
 * @row; stacked, each is on a line of its own, below the one before, and
 * centred. Neither two on a line and a third alone at the start of the
 * next.
 */
void
closeness_test_assert_buttons_centred (GtkWidget *row)
{
  int width = gtk_widget_get_width (row);
  gboolean stacked = closeness_button_row_get_stacked (CLOSENESS_BUTTON_ROW (row));
  graphene_rect_t first = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  graphene_rect_t previous = first;
  graphene_rect_t bounds;
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (row); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;

      g_assert_true (gtk_widget_compute_bounds (child, row, &bounds));
      if (n == 0)
        first = bounds;
      else if (stacked)
        g_assert_cmpfloat (bounds.origin.y, >=, previous.origin.y + previous.size.height);
      else
        g_assert_cmpfloat (fabs (bounds.origin.y - first.origin.y), <=, 1);
      if (stacked)
        g_assert_cmpfloat (fabs (bounds.origin.x - (width - bounds.origin.x - bounds.size.width)),
                           <=, 1);
      previous = bounds;
      n++;
    }

  g_assert_cmpuint (n, >, 1);
  if (!stacked)
    g_assert_cmpfloat (fabs (first.origin.x - (width - previous.origin.x - previous.size.width)),
                       <=, 1);
}
