/* test-resources-layout.c: the Resources page in the main window at 360, 450
 * and 600 px, in the language of the run (meson runs it in English, German
 * and Spanish), as a person reads it.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "../closeness-test-utils.h"
#include "closeness-window.h"
#include "resources/closeness-article-library.h"
#include "resources/closeness-resources-page.h"

/* The narrowest article column the page shows beside the list, in average
 * characters of the body text (the page aims at 40). */
#define MIN_COLUMN_CHARS 35

static const char *
language (void)
{
  const char *value = g_getenv ("LANGUAGE");

  return value != NULL && value[0] != '\0' ? value : "en";
}

static gpointer
window_child (GtkWindow  *window,
              const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (window), CLOSENESS_TYPE_WINDOW, name);
}

static gpointer
page_child (ClosenessResourcesPage *page,
            const char             *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (page), CLOSENESS_TYPE_RESOURCES_PAGE, name);
}

/* Whether @label may show less than its text: a preview cut to a number of
 * lines, or a title in a toolbar (the text is in full below it). */
static gboolean
may_be_cut_short (GtkLabel *label)
{
  GtkWidget *toolbar;

  if (gtk_label_get_lines (label) > 0)
    return TRUE;

  for (toolbar = gtk_widget_get_parent (GTK_WIDGET (label)); toolbar != NULL;
       toolbar = gtk_widget_get_parent (toolbar))
    {
      if (gtk_widget_has_css_class (toolbar, "toolbar") || GTK_IS_HEADER_BAR (toolbar))
        return TRUE;
    }

  return FALSE;
}

/* Whether a line may end after @c: a space, or a hyphen or dash the text
 * has (“long-term”). Pango's own hyphen, when it splits a word
 * (“emotio-nal”), is not in the text. */
static gboolean
is_break_after (gunichar c)
{
  return g_unichar_isspace (c) || c == '-' || c == 0x2010 || c == 0x2013 || c == 0x2014;
}

/* A wrapped label's lines end between words, never inside one, and a label
 * that should wrap is not cut short with “…”. */
static void
assert_label_reads_whole (GtkLabel *label,
                          int       width)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  const char *text = pango_layout_get_text (layout);

  if (pango_layout_is_ellipsized (layout) && !may_be_cut_short (label))
    g_error ("%s, %d px: “%s” is cut short; it should wrap", language (), width, text);

  if (!gtk_label_get_wrap (label))
    return;

  for (GSList *line = pango_layout_get_lines_readonly (layout);
       line != NULL && line->next != NULL;
       line = line->next)
    {
      PangoLayoutLine *next = line->next->data;
      const char *at = text + next->start_index;
      gunichar before;

      if (next->start_index <= 0)
        continue;

      before = g_utf8_get_char (g_utf8_prev_char (at));
      if (!is_break_after (before))
        {
          g_autofree char *start = g_strndup (text, at - text);

          g_error ("%s, %d px: “%s” breaks inside a word: “…%s⏎%.12s…”", language (), width,
                   text, g_utf8_offset_to_pointer (start, MAX (0, g_utf8_strlen (start, -1) - 12)),
                   at);
        }
    }
}

static void
check_labels (GtkWidget *widget,
              int        width)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;

      if (GTK_IS_LABEL (child))
        assert_label_reads_whole (GTK_LABEL (child), width);

      check_labels (child, width);
    }
}

/* What a person sees in @window, asked to be @width px wide: the window is no
 * wider, every label lies within it, and reads whole. */
static void
assert_readable (GtkWindow *window,
                 int        width)
{
  closeness_test_wait_for_drawn (GTK_WIDGET (window));
  if (gtk_widget_get_width (GTK_WIDGET (window)) > width)
    g_error ("%s: asked for %d px, the window stays %d px wide", language (), width,
             gtk_widget_get_width (GTK_WIDGET (window)));

  closeness_test_assert_labels_fit (GTK_WIDGET (window), FALSE);
  check_labels (GTK_WIDGET (window), width);
}

static gboolean
leaflet_settled_cond (gpointer leaflet)
{
  return !adw_leaflet_get_child_transition_running (leaflet);
}

static gboolean
bar_settled_cond (gpointer window)
{
  AdwViewSwitcherBar *bar = window_child (window, "switcher_bar");
  GtkWidget *revealer = gtk_widget_get_first_child (GTK_WIDGET (bar));

  /* The bar slides in: its buttons get their width at the end. */
  while (revealer != NULL && !GTK_IS_REVEALER (revealer))
    revealer = gtk_widget_get_first_child (revealer);

  return revealer == NULL || gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)) ==
                             adw_view_switcher_bar_get_reveal (bar);
}

static void
shoot (GtkWindow  *window,
       const char *what,
       int         width)
{
  g_autofree char *name = g_strdup_printf ("resources-%s-%d-%s", language (), width, what);

  g_free (closeness_test_screenshot (GTK_WIDGET (window), name));
}

static void
collect_mapped_labels (GtkWidget *widget,
                       GPtrArray *labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_LABEL (child))
        g_ptr_array_add (labels, child);
      collect_mapped_labels (child, labels);
    }
}

/* The page switcher at the bottom names every page in full. */
static void
assert_switcher_bar_whole (GtkWindow *window,
                           int        width)
{
  AdwViewSwitcherBar *bar = window_child (window, "switcher_bar");
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (window_child (window, "stack"));
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  if (!adw_view_switcher_bar_get_reveal (bar))
    return;

  collect_mapped_labels (GTK_WIDGET (bar), labels);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      const char *title = adw_view_stack_page_get_title (page);
      GtkLabel *shown = NULL;

      for (guint l = 0; l < labels->len && shown == NULL; l++)
        {
          if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, l)), title) == 0)
            shown = g_ptr_array_index (labels, l);
        }
      if (shown == NULL)
        g_error ("%s, %d px: the page switcher does not name “%s”", language (), width, title);
      if (pango_layout_is_ellipsized (gtk_label_get_layout (shown)))
        g_error ("%s, %d px: the page switcher cuts “%s” short", language (), width, title);
    }
}

/* Wide enough for the list and a column of text side by side, the page
 * shows both; the column then holds at least MIN_COLUMN_CHARS characters. */
static void
assert_columns (ClosenessResourcesPage *page,
                int                     width)
{
  AdwLeaflet *leaflet = page_child (page, "leaflet");
  GtkWidget *article_box = page_child (page, "article_box");
  PangoContext *context = gtk_widget_get_pango_context (article_box);
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int char_width = pango_font_metrics_get_approximate_char_width (metrics) / PANGO_SCALE;

  pango_font_metrics_unref (metrics);

  g_test_message ("%s, %d px: %s, the text %d px wide (%d characters)", language (), width,
                  adw_leaflet_get_folded (leaflet) ? "one column" : "two columns",
                  gtk_widget_get_width (article_box),
                  gtk_widget_get_width (article_box) / MAX (char_width, 1));

  if (!adw_leaflet_get_folded (leaflet) &&
      gtk_widget_get_width (article_box) < MIN_COLUMN_CHARS * char_width)
    g_error ("%s, %d px: beside the list, the article is only %d px wide", language (), width,
             gtk_widget_get_width (article_box));
}

static void
show_article (ClosenessResourcesPage *page,
              const char             *id)
{
  AdwLeaflet *leaflet = page_child (page, "leaflet");

  g_assert_true (closeness_resources_page_show_article (page, id));
  closeness_test_wait_until (leaflet_settled_cond, leaflet, "the page to show the article");
  if (adw_leaflet_get_folded (leaflet))
    g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "article");
}

/* The list and every article, at each width: readable, nothing cut, no word
 * split, the window as narrow as asked. 720 and 1280 px are for the two
 * columns (and the pictures). */
static void
test_widths (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GListModel *articles = G_LIST_MODEL (closeness_article_library_get_default ());
  const int widths[] = { 360, 450, 600, 720, 1280 };
  ClosenessResourcesPage *page;
  GtkWindow *window;

  /* Only the Resources page, the header and the page switcher are under
   * test here: the window opens on it and builds no other page. */
  g_settings_set_string (settings, "last-page", "resources");
  window = closeness_test_open_main_window ();
  page = CLOSENESS_RESOURCES_PAGE (adw_bin_get_child (window_child (window, "resources_bin")));
  g_assert_nonnull (page);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    {
      AdwLeaflet *leaflet = page_child (page, "leaflet");

      closeness_test_resize (window, widths[w], 720);
      closeness_test_wait_until (bar_settled_cond, window, "the page switcher to settle");
      closeness_test_wait_until (leaflet_settled_cond, leaflet, "the page to settle");

      /* The narrow layouts are one column, the wide ones two (the page
       * decides by the text's width, in every language). */
      if (widths[w] <= 450)
        g_assert_true (adw_leaflet_get_folded (leaflet));
      if (widths[w] >= 720)
        g_assert_false (adw_leaflet_get_folded (leaflet));

      /* The list first, as a narrow window opens. */
      if (adw_leaflet_get_folded (leaflet))
        {
          adw_leaflet_set_visible_child_name (leaflet, "list");
          closeness_test_wait_until (leaflet_settled_cond, leaflet, "the list to show");
        }
      assert_readable (window, widths[w]);
      assert_switcher_bar_whole (window, widths[w]);
      shoot (window, "list", widths[w]);

      for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
        {
          g_autoptr(ClosenessArticle) article = g_list_model_get_item (articles, i);
          const char *id = closeness_article_get_id (article);
          gboolean pictured = g_str_equal (id, CLOSENESS_ARTICLE_SAFETY_NOTE) ||
                              g_str_equal (id, "intimacy-triangle");

          /* Two columns leave more room than one: two articles will do. */
          if (widths[w] > 600 && !pictured)
            continue;

          show_article (page, id);
          assert_readable (window, widths[w]);
          assert_columns (page, widths[w]);
          if (pictured)
            shoot (window, id, widths[w]);
        }
    }

  closeness_test_close_all ();
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("CLOSENESS_SKIP_WELCOME", "1", TRUE);

  if (!closeness_test_init_display (&argc, &argv))
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  g_test_add_func ("/resources-layout/widths", test_widths);

  return g_test_run ();
}
