/* test-resources-page.c: the Resources page as a person sees it, under Xvfb.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "../closeness-test-utils.h"
#include "resources/closeness-article-library.h"
#include "resources/closeness-article-print.h"
#include "resources/closeness-resources-page.h"

typedef struct
{
  GtkWindow              *window;
  ClosenessResourcesPage *page;
} Fixture;

static gpointer
get_child (Fixture    *fixture,
           const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (fixture->page),
                                        CLOSENESS_TYPE_RESOURCES_PAGE, name);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  fixture->window = GTK_WINDOW (adw_window_new ());
  fixture->page = CLOSENESS_RESOURCES_PAGE (closeness_resources_page_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->page));
  adw_window_set_content (ADW_WINDOW (fixture->window), overlay);
  gtk_window_set_title (fixture->window, "Resources");

  gtk_window_present (fixture->window);
  closeness_test_resize (fixture->window, 1280, 800);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  closeness_test_settle ();
}

static guint
count_rows (GtkListBox *list_box)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list_box, n) != NULL)
    n++;

  return n;
}

static GtkListBoxRow *
find_row (GtkListBox *list_box,
          const char *id)
{
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list_box, i)) != NULL; i++)
    {
      ClosenessArticle *article = g_object_get_data (G_OBJECT (row), "article");

      if (g_str_equal (closeness_article_get_id (article), id))
        return row;
    }

  return NULL;
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

static gboolean
has_label_with_markup (GPtrArray  *labels,
                       const char *markup,
                       const char *text)
{
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (gtk_label_get_use_markup (label) &&
          g_str_equal (gtk_label_get_label (label), markup) &&
          g_str_equal (gtk_label_get_text (label), text))
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  GtkListBox *list_box;
  guint       n_rows;
  const char *first_id;
} RowsWait;

static gboolean
rows_cond (gpointer user_data)
{
  RowsWait *wait = user_data;
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (wait->list_box, 0);

  if (wait->first_id != NULL)
    return first != NULL &&
           g_str_equal (closeness_article_get_id (g_object_get_data (G_OBJECT (first), "article")),
                        wait->first_id);

  return count_rows (wait->list_box) == wait->n_rows;
}

/* Waits for the search to show @n_rows rows. */
static void
wait_for_n_rows (GtkListBox *list_box,
                 guint       n_rows)
{
  RowsWait wait = { list_box, n_rows, NULL };
  g_autofree char *what = g_strdup_printf ("the list to show %u articles", n_rows);

  closeness_test_wait_until (rows_cond, &wait, what);
}

static gboolean
search_filtered_cond (gpointer list_box)
{
  return count_rows (list_box) < 12;
}

/* Waits for the search to put the article @id first. */
static void
wait_for_first_row (GtkListBox *list_box,
                    const char *id)
{
  RowsWait wait = { list_box, 0, id };
  g_autofree char *what = g_strdup_printf ("“%s” to lead the list", id);

  closeness_test_wait_until (rows_cond, &wait, what);
}

typedef struct
{
  AdwLeaflet *leaflet;
  const char *name;
} LeafletWait;

static gboolean
leaflet_cond (gpointer user_data)
{
  LeafletWait *wait = user_data;

  return g_strcmp0 (adw_leaflet_get_visible_child_name (wait->leaflet), wait->name) == 0 &&
         !adw_leaflet_get_child_transition_running (wait->leaflet);
}

/* Waits until the narrow page shows @name ("list" or "article"), its slide
 * over. */
static void
wait_for_leaflet (AdwLeaflet *leaflet,
                  const char *name)
{
  LeafletWait wait = { leaflet, name };
  g_autofree char *what = g_strdup_printf ("the page to show the %s", name);

  closeness_test_wait_until (leaflet_cond, &wait, what);
}

typedef struct
{
  ClosenessResourcesPage *page;
  const char             *id;
} ArticleWait;

static gboolean
article_cond (gpointer user_data)
{
  ArticleWait *wait = user_data;
  ClosenessArticle *article = closeness_resources_page_get_article (wait->page);

  return article != NULL && g_str_equal (closeness_article_get_id (article), wait->id);
}

/* Waits until the page shows the article @id. */
static void
wait_for_article (Fixture    *fixture,
                  const char *id)
{
  ArticleWait wait = { fixture->page, id };
  g_autofree char *what = g_strdup_printf ("the article “%s” to open", id);

  closeness_test_wait_until (article_cond, &wait, what);
}

static gboolean
unmapped_cond (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

/* Waits for the page to fold to one column showing the list: the article
 * slides away (a mode transition) before it is hidden. */
static void
wait_for_folded_list (Fixture *fixture)
{
  AdwLeaflet *leaflet = get_child (fixture, "leaflet");

  g_assert_true (adw_leaflet_get_folded (leaflet));
  wait_for_leaflet (leaflet, "list");
  closeness_test_wait_until (unmapped_cond, get_child (fixture, "article_scroller"),
                             "the article to slide away");
}

/* What a person sees fits the window: every label within its width, and
 * the open article's text whole, not cut short (the pictures are
 * build-aux/screenshots'). */
static void
assert_fits (Fixture *fixture)
{
  GtkWidget *article = get_child (fixture, "article_scroller");

  closeness_test_assert_labels_fit (GTK_WIDGET (fixture->window), FALSE);
  if (gtk_widget_get_mapped (article))
    closeness_test_assert_labels_fit (article, TRUE);
}

static void
test_lists_articles (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkListBox *list_box = get_child (fixture, "list_box");
  AdwLeaflet *leaflet = get_child (fixture, "leaflet");

  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_cmpuint (count_rows (list_box), ==, 12);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (list_box)));

  /* Every article's icon is in the theme. */
  for (guint i = 0; i < 12; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list_box, i);
      ClosenessArticle *article = g_object_get_data (G_OBJECT (row), "article");
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

      g_assert_true (gtk_icon_theme_has_icon (theme, closeness_article_get_icon_name (article)));
    }

  /* Something to read right away: the safety note leads the list. */
  g_assert_nonnull (closeness_resources_page_get_article (fixture->page));
  g_assert_true (gtk_list_box_get_selected_row (list_box)
                 == gtk_list_box_get_row_at_index (list_box, 0));
  g_assert_true (find_row (list_box, CLOSENESS_ARTICLE_SAFETY_NOTE) ==
                 gtk_list_box_get_row_at_index (list_box, 0));
  g_assert_false (gtk_widget_get_visible (get_child (fixture, "back_button")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (get_child (fixture, "print_button")), ==,
                   "Print Article");

  assert_fits (fixture);
}

static void
test_every_article_renders (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkListBox *list_box = get_child (fixture, "list_box");
  GtkWidget *article_box = get_child (fixture, "article_box");
  GListModel *articles = G_LIST_MODEL (closeness_article_library_get_default ());

  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(ClosenessArticle) article = g_list_model_get_item (articles, i);
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();
      GtkListBoxRow *row = find_row (list_box, closeness_article_get_id (article));
      GtkLabel *title;

      /* As a click would. */
      g_signal_emit_by_name (row, "activate");
      wait_for_article (fixture, closeness_article_get_id (article));
      g_assert_true (closeness_resources_page_get_article (fixture->page) == article);
      g_assert_true (gtk_list_box_get_selected_row (list_box) == row);

      title = GTK_LABEL (gtk_widget_get_first_child (article_box));
      g_assert_cmpstr (gtk_label_get_text (title), ==, closeness_article_get_title (article));
      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (title), "title-1"));
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (title)));

      collect_labels (article_box, labels);
      for (guint b = 0; b < closeness_article_get_n_blocks (article); b++)
        {
          const ClosenessArticleBlock *block = closeness_article_get_block (article, b);

          g_assert_true (has_label_with_markup (labels, closeness_article_block_get_markup (block),
                                                closeness_article_block_get_text (block)));
        }
    }
}

static void
test_shows_article_by_id (Fixture       *fixture,
                          gconstpointer  data)
{
  g_assert_true (closeness_resources_page_show_article (fixture->page, "finding-a-therapist"));
  g_assert_cmpstr (closeness_article_get_id (closeness_resources_page_get_article (fixture->page)),
                   ==, "finding-a-therapist");
  g_assert_false (closeness_resources_page_show_article (fixture->page, "no-such-article"));
  g_assert_cmpstr (closeness_article_get_id (closeness_resources_page_get_article (fixture->page)),
                   ==, "finding-a-therapist");

  assert_fits (fixture);

  /* An article hidden by a search still opens. */
  gtk_editable_set_text (get_child (fixture, "search_entry"), "correlational");
  closeness_test_wait_until (search_filtered_cond, get_child (fixture, "list_box"),
                             "the search to hide some articles");
  g_assert_true (closeness_resources_page_show_article (fixture->page, "safety-note"));
  g_assert_cmpstr (gtk_editable_get_text (get_child (fixture, "search_entry")), ==, "");
  g_assert_cmpuint (count_rows (get_child (fixture, "list_box")), ==, 12);
}

/* The label in the open article whose markup links @uri. */
static GtkLabel *
find_link_label (Fixture    *fixture,
                 const char *uri)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *href = g_strdup_printf ("href=\"%s\"", uri);

  collect_labels (get_child (fixture, "article_box"), labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (strstr (gtk_label_get_label (label), href) != NULL)
        return label;
    }

  return NULL;
}

/* As a person would with the keyboard: into the label, Tab to its first
 * link, then Enter. */
static void
activate_first_link (GtkLabel *label)
{
  gtk_widget_grab_focus (GTK_WIDGET (label));
  /* Focus selects a selectable label's text; with a selection, Tab leaves. */
  gtk_label_select_region (label, 0, 0);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (label), GTK_DIR_TAB_FORWARD));
  g_assert_nonnull (gtk_label_get_current_uri (label));
  g_signal_emit_by_name (label, "activate-current-link");
}

static void
test_article_links (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkListBox *list_box = get_child (fixture, "list_box");
  GListModel *articles = G_LIST_MODEL (closeness_article_library_get_default ());
  GtkLabel *label;
  guint n_followed = 0;

  /* “please read our safety note first” */
  g_assert_true (closeness_resources_page_show_article (fixture->page, "hard-conversations"));
  closeness_test_settle ();
  label = find_link_label (fixture, "article:safety-note");
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_text (label), !=, gtk_label_get_label (label));
  activate_first_link (label);
  wait_for_article (fixture, CLOSENESS_ARTICLE_SAFETY_NOTE);
  g_assert_true (gtk_list_box_get_selected_row (list_box) ==
                 find_row (list_box, CLOSENESS_ARTICLE_SAFETY_NOTE));
  /* The focus moves on to the new article's title. */
  {
    GtkWidget *title = gtk_widget_get_first_child (get_child (fixture, "article_box"));

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (title)), ==,
                     closeness_article_get_title (
                       closeness_resources_page_get_article (fixture->page)));
    g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == title);
  }

  /* Every link to an article, in every article, opens it. */
  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(ClosenessArticle) article = g_list_model_get_item (articles, i);

      for (guint b = 0; b < closeness_article_get_n_blocks (article); b++)
        {
          const char * const *links =
            closeness_article_block_get_links (closeness_article_get_block (article, b));

          for (guint l = 0; links[l] != NULL; l++)
            {
              const char *target = closeness_article_link_get_id (links[l]);

              if (target == NULL)
                continue;

              g_assert_true (
                closeness_resources_page_show_article (fixture->page,
                                                       closeness_article_get_id (article)));
              label = find_link_label (fixture, links[l]);
              g_assert_nonnull (label);
              g_signal_emit_by_name (label, "activate-link", links[l], &(gboolean) { FALSE });
              wait_for_article (fixture, target);
              n_followed++;
            }
        }
    }
  g_assert_cmpuint (n_followed, >=, 5);

  /* Narrow, the link opens the other article in place. */
  closeness_test_resize (fixture->window, 360, 720);
  g_assert_true (closeness_resources_page_show_article (fixture->page, "finding-a-therapist"));
  wait_for_leaflet (get_child (fixture, "leaflet"), "article");
  label = find_link_label (fixture, "article:online-therapy");
  g_assert_nonnull (label);
  activate_first_link (label);
  wait_for_article (fixture, "online-therapy");
  closeness_test_settle ();
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (get_child (fixture, "leaflet")), ==,
                   "article");
}

/* A button a person can see under @widget, by its label. */
static GtkButton *
find_button (GtkWidget  *widget,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *found;

      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_BUTTON (child)
          && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return GTK_BUTTON (child);
      if ((found = find_button (child, label)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
copy_offered_cond (gpointer window)
{
  return find_button (window, "_Copy Link") != NULL;
}

static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_mapped (child))
        continue;
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (shows_label (child, text))
        return TRUE;
    }

  return FALSE;
}

static gboolean
link_copied_cond (gpointer window)
{
  return shows_label (window, "Link copied");
}

typedef struct
{
  char     *text;
  gboolean  done;
} ClipboardRead;

static void
read_text_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ClipboardRead *read = user_data;
  g_autoptr(GError) error = NULL;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
  read->done = TRUE;
}

static gboolean
read_done_cond (gpointer read)
{
  return ((ClipboardRead *) read)->done;
}

/* What the clipboard holds, read as another program would. */
static char *
read_clipboard (GdkClipboard *clipboard)
{
  ClipboardRead read = { NULL, FALSE };

  gdk_clipboard_read_text_async (clipboard, NULL, read_text_cb, &read);
  closeness_test_wait_until (read_done_cond, &read, "the clipboard to be read");

  return read.text;
}

/* A web link that cannot open (no browser: the tests' private folders have
 * none) offers to copy its address instead. */
static void
test_link_copy (Fixture       *fixture,
                gconstpointer  data)
{
  const char *uri = "https://findahelpline.com/";
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->page));
  GtkLabel *label;
  GtkButton *copy;
  gboolean handled = FALSE;
  g_autofree char *copied = NULL;

  gdk_clipboard_set_text (clipboard, "something else");
  g_assert_true (closeness_resources_page_show_article (fixture->page,
                                                       CLOSENESS_ARTICLE_SAFETY_NOTE));
  label = find_link_label (fixture, uri);
  g_assert_nonnull (label);

  /* As a click on the link does. */
  g_test_expect_message ("closeness-resources", G_LOG_LEVEL_WARNING, "Could not open a link*");
  g_signal_emit_by_name (label, "activate-link", uri, &handled);
  g_assert_true (handled);
  closeness_test_wait_until (copy_offered_cond, fixture->window, "the offer to copy the link");
  g_test_assert_expected_messages ();

  copy = find_button (GTK_WIDGET (fixture->window), "_Copy Link");
  g_signal_emit_by_name (copy, "clicked");
  copied = read_clipboard (clipboard);
  g_assert_cmpstr (copied, ==, uri);
  /* The page says so. */
  closeness_test_wait_until (link_copied_cond, fixture->window, "the page to say it copied");
}

/* The safety note in the language of the run (LANGUAGE=de or es in their own
 * test runs): crisis lines and the directory, read at 1280 and 360 px. */
static void
test_safety_note (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *language = g_getenv ("LANGUAGE");
  GtkListBox *list_box = get_child (fixture, "list_box");
  ClosenessArticle *article;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint n_items = 0;

  if (language == NULL || language[0] == '\0')
    language = "en";

  /* First in the list, and open when the page shows. */
  g_assert_true (find_row (list_box, CLOSENESS_ARTICLE_SAFETY_NOTE) ==
                 gtk_list_box_get_row_at_index (list_box, 0));
  article = closeness_resources_page_get_article (fixture->page);
  g_assert_cmpstr (closeness_article_get_id (article), ==, CLOSENESS_ARTICLE_SAFETY_NOTE);
  if (!g_str_equal (language, "en"))
    g_assert_false (g_str_has_prefix (closeness_article_get_title (article), "A safety note"));

  /* The crisis lines are a list, each with its country in bold. */
  for (guint b = 0; b < closeness_article_get_n_blocks (article); b++)
    {
      const ClosenessArticleBlock *block = closeness_article_get_block (article, b);

      if (closeness_article_block_get_kind (block) == CLOSENESS_ARTICLE_BLOCK_LIST_ITEM &&
          g_str_has_prefix (closeness_article_block_get_markup (block), "<b>"))
        n_items++;
    }
  g_assert_cmpuint (n_items, >=, 4);
  g_assert_nonnull (find_link_label (fixture, "https://findahelpline.com/"));
  collect_labels (get_child (fixture, "article_box"), labels);
  g_assert_cmpuint (labels->len, >, 20);

  /* Every line of it, to the end, can be read at 1280 and 360 px. */
  assert_fits (fixture);

  closeness_test_resize (fixture->window, 360, 720);
  g_assert_true (
    closeness_resources_page_show_article (fixture->page, CLOSENESS_ARTICLE_SAFETY_NOTE));
  wait_for_leaflet (get_child (fixture, "leaflet"), "article");
  assert_fits (fixture);
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  AdwLeaflet *leaflet = get_child (fixture, "leaflet");
  GtkListBox *list_box = get_child (fixture, "list_box");
  GtkWidget *back_button = get_child (fixture, "back_button");
  GtkListBoxRow *row;

  closeness_test_resize (fixture->window, 360, 720);
  /* Client-side decorations may take a few pixels of the size asked for. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 360);
  g_assert_true (adw_leaflet_get_folded (leaflet));

  /* The list leads. */
  wait_for_folded_list (fixture);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (list_box)));
  assert_fits (fixture);

  /* Moving through the list does not open articles by itself. */
  gtk_list_box_select_row (list_box, gtk_list_box_get_row_at_index (list_box, 2));
  closeness_test_settle ();
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "list");

  row = find_row (list_box, "hard-conversations");
  g_signal_emit_by_name (row, "activate");
  wait_for_leaflet (leaflet, "article");
  g_assert_cmpstr (closeness_article_get_id (closeness_resources_page_get_article (fixture->page)),
                   ==, "hard-conversations");
  g_assert_true (gtk_widget_get_mapped (back_button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (back_button), ==, "Back");
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (back_button)), ==, "go-previous-symbolic");
  assert_fits (fixture);

  g_signal_emit_by_name (back_button, "clicked");
  wait_for_leaflet (leaflet, "list");
  g_assert_true (gtk_list_box_get_selected_row (list_box) == row);

  /* Wide again: both panes, no back button. */
  closeness_test_resize (fixture->window, 1280, 800);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_false (gtk_widget_get_visible (back_button));
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  GtkListBox *list_box = get_child (fixture, "list_box");
  GtkEditable *entry = get_child (fixture, "search_entry");
  GtkStack *list_stack = get_child (fixture, "list_stack");
  GtkListBoxRow *first;

  gtk_editable_set_text (entry, "directories");
  wait_for_first_row (list_box, "finding-a-therapist");
  first = gtk_list_box_get_row_at_index (list_box, 0);
  g_assert_nonnull (first);
  g_assert_cmpstr (closeness_article_get_id (g_object_get_data (G_OBJECT (first), "article")), ==,
                   "finding-a-therapist");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "list");

  /* Enter opens the first result. */
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (closeness_article_get_id (closeness_resources_page_get_article (fixture->page)),
                   ==, "finding-a-therapist");

  gtk_editable_set_text (entry, "STERNBÉRG");
  wait_for_first_row (list_box, "intimacy-triangle");
  first = gtk_list_box_get_row_at_index (list_box, 0);
  g_assert_cmpstr (closeness_article_get_id (g_object_get_data (G_OBJECT (first), "article")), ==,
                   "intimacy-triangle");

  gtk_editable_set_text (entry, "xylophonequark");
  wait_for_n_rows (list_box, 0);
  g_assert_cmpuint (count_rows (list_box), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "empty");
  g_assert_cmpstr (adw_status_page_get_title (get_child (fixture, "empty_page")), ==,
                   "No Results Found");
  assert_fits (fixture);

  /* Escape clears the search. */
  g_signal_emit_by_name (entry, "stop-search");
  wait_for_n_rows (list_box, 12);
  g_assert_cmpuint (count_rows (list_box), ==, 12);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "list");
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *entry = get_child (fixture, "search_entry");
  GtkListBox *list_box = get_child (fixture, "list_box");
  GtkWidget *focus;

  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (list_box, 3)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "resources.search", NULL));
  closeness_test_settle ();
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));

  /* Rows take the keyboard focus, so arrows and Enter work. */
  for (guint i = 0; i < 12; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list_box, i);

      g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (row)));
      g_assert_true (gtk_list_box_row_get_activatable (row));
    }
}

static char *
normalize_space (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \n\t\f", -1);
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] != '\0')
        g_ptr_array_add (kept, words[i]);
    }
  g_ptr_array_add (kept, NULL);

  return g_strjoinv (" ", (char **) kept->pdata);
}

static char *
pdf_to_text (const char *pdf)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("pdftotext failed: %s", err);

  return normalize_space (out);
}

static guint
pdf_pages (const char *pdf)
{
  g_autofree char *out = NULL;
  const char *argv[] = { "pdfinfo", pdf, NULL };
  const char *pages;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH |
                               G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL, NULL, NULL));
  pages = strstr (out, "Pages:");
  g_assert_nonnull (pages);

  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

/* The first sentence of the article's last paragraph, as printed. */
static char *
last_paragraph_sentence (ClosenessArticle *article)
{
  for (guint b = closeness_article_get_n_blocks (article); b > 0; b--)
    {
      const ClosenessArticleBlock *block = closeness_article_get_block (article, b - 1);
      g_autofree char *text = NULL;
      const char *end;

      if (closeness_article_block_get_kind (block) != CLOSENESS_ARTICLE_BLOCK_PARAGRAPH)
        continue;

      /* On paper, links are written out after their text. */
      g_assert_true (pango_parse_markup (closeness_article_block_get_print_markup (block), -1, 0,
                                         NULL, &text, NULL, NULL));

      end = strstr (text, ". ");
      return end != NULL ? g_strndup (text, end - text + 1) : g_strdup (text);
    }

  return NULL;
}

static void
test_print_pdf (Fixture       *fixture,
                gconstpointer  data)
{
  GListModel *articles = G_LIST_MODEL (closeness_article_library_get_default ());
  const char *output = g_getenv ("CLOSENESS_TEST_OUTPUT");
  g_autofree char *dir = g_dir_make_tmp ("closeness-print-XXXXXX", NULL);

  g_assert_true (gtk_widget_is_sensitive (get_child (fixture, "print_button")));

  for (guint i = 0; i < g_list_model_get_n_items (articles); i++)
    {
      g_autoptr(ClosenessArticle) article = g_list_model_get_item (articles, i);
      g_autofree char *name =
        g_strdup_printf ("resources-%s.pdf", closeness_article_get_id (article));
      g_autofree char *pdf = g_build_filename (output != NULL ? output : dir, name, NULL);
      g_autofree char *text = NULL;
      g_autofree char *sentence = last_paragraph_sentence (article);
      g_autofree char *expected_sentence = normalize_space (sentence);
      g_autofree char *expected_title = normalize_space (closeness_article_get_title (article));
      g_autofree char *first_uri = NULL;
      g_autoptr(GError) error = NULL;

      if (output != NULL)
        g_mkdir_with_parents (output, 0755);

      g_assert_true (closeness_article_print_export_pdf (article, pdf, &error));
      g_assert_no_error (error);

      text = pdf_to_text (pdf);
      if (strstr (text, expected_title) == NULL)
        g_error ("%s: the PDF lacks the title “%s”", name, expected_title);
      if (strstr (text, expected_sentence) == NULL)
        g_error ("%s: the PDF lacks “%s”", name, expected_sentence);
      /* Sources are written out with their addresses. */
      g_assert_nonnull (strstr (text, "Further reading"));
      first_uri =
        g_strdup (closeness_article_block_get_uri (closeness_article_get_source (article, 0)));
      g_assert_nonnull (strstr (text, first_uri));
      g_test_message ("%s: %u pages", pdf, pdf_pages (pdf));
      g_assert_cmpuint (pdf_pages (pdf), >=, 2);

      if (output == NULL)
        g_unlink (pdf);
    }

  g_rmdir (dir);
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

#define ADD(path, func) \
  g_test_add ("/resources-page/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("lists-articles", test_lists_articles);
  ADD ("every-article-renders", test_every_article_renders);
  ADD ("shows-article-by-id", test_shows_article_by_id);
  ADD ("article-links", test_article_links);
  ADD ("link-copy", test_link_copy);
  ADD ("safety-note", test_safety_note);
  ADD ("narrow", test_narrow);
  ADD ("search", test_search);
  ADD ("keyboard", test_keyboard);
  ADD ("print-pdf", test_print_pdf);

#undef ADD

  return g_test_run ();
}
