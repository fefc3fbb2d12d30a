/* closeness-resources-page.c: the articles, a search and a readable view.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-resources"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-article-library.h"
#include "closeness-article-print.h"
#include "closeness-article-search.h"
#include "closeness-resources-page.h"
#include "closeness-leaflet.h"
#include "closeness-toast.h"

struct _ClosenessResourcesPage
{
  AdwBin             parent_instance;

  GListModel        *articles;
  GListStore        *results;
  ClosenessArticle  *article;
  GtkPrintSettings  *print_settings;
  GtkPrintOperation *print_operation;

  /* Template widgets */
  AdwLeaflet        *leaflet;
  GtkSearchEntry    *search_entry;
  GtkStack          *list_stack;
  GtkListBox        *list_box;
  GtkButton         *back_button;
  GtkButton         *print_button;
  AdwStatusPage     *empty_page;
  GtkLabel          *toolbar_title;
  GtkScrolledWindow *article_scroller;
  GtkBox            *article_box;
};

G_DEFINE_FINAL_TYPE (ClosenessResourcesPage, closeness_resources_page, ADW_TYPE_BIN)

/* The narrowest column of body text that still reads well, in GTK's
 * character widths of the text's own font (GTK counts the wider of an
 * average letter and a digit, so this is about 45 letters of running text),
 * the same in every language and at every text size. It is the article's
 * natural width: the leaflet folds to one column when the list and a column
 * this wide no longer fit side by side (fold-threshold-policy natural). The
 * minimum stays the longest word, so a narrow window still shows the article
 * alone. */
#define READING_CHARS 32
/* Headings and other labels wrap within that column; they must not ask for
 * more room than the body text does. */
#define NARROW_CHARS 10

enum {
  PROP_0,
  PROP_ARTICLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_actions (ClosenessResourcesPage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.print", self->article != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "resources.go-back", folded);
}

static void
show_error_toast (ClosenessResourcesPage *self,
                  const char             *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), closeness_toast_new (title));
}

/* A link the page follows once it can: an article id or an address. */
typedef struct
{
  ClosenessResourcesPage *page;
  char                   *target;
} PageLink;

static PageLink *
page_link_new (ClosenessResourcesPage *page,
               const char             *target)
{
  PageLink *link = g_new0 (PageLink, 1);

  link->page = g_object_ref (page);
  link->target = g_strdup (target);

  return link;
}

static void
page_link_free (PageLink *link)
{
  g_object_unref (link->page);
  g_free (link->target);
  g_free (link);
}

static void
page_link_free_closure (gpointer  data,
                        GClosure *closure)
{
  page_link_free (data);
}

static void
copy_link_cb (AdwToast *toast,
              PageLink *link)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (link->page)), link->target);
  show_error_toast (link->page, _("Link copied"));
}

/* With no browser (or none that starts), the person can still take the
 * address elsewhere. */
static void
offer_copy_link (ClosenessResourcesPage *self,
                 const char             *uri)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (overlay == NULL)
    return;

  toast = closeness_toast_new (_("Could not open the link"));
  adw_toast_set_button_label (toast, _("_Copy Link"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (copy_link_cb),
                         page_link_new (self, uri), page_link_free_closure, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

static void
show_uri_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  PageLink *link = user_data;
  g_autoptr(GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_warning ("Could not open a link: %s", error->message);
      offer_copy_link (link->page, link->target);
    }

  page_link_free (link);
}

static gboolean
follow_article_link_cb (gpointer user_data)
{
  PageLink *link = user_data;
  GtkWidget *title;

  if (!closeness_resources_page_show_article (link->page, link->target))
    {
      g_warning ("An article links to “%s”, which does not exist", link->target);
      show_error_toast (link->page, _("Could not open the link"));
      return G_SOURCE_REMOVE;
    }

  /* Keyboard and screen reader go on reading at the new article's title. */
  title = gtk_widget_get_first_child (GTK_WIDGET (link->page->article_box));
  if (title != NULL && gtk_widget_grab_focus (title))
    gtk_label_select_region (GTK_LABEL (title), 0, 0);

  return G_SOURCE_REMOVE;
}

static gboolean
activate_link_cb (ClosenessResourcesPage *self,
                  const char             *uri,
                  GtkLabel               *label)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *id = closeness_article_link_get_id (uri);

  if (id != NULL)
    {
      /* Showing the article replaces this label: not while it emits. Soon,
       * though: a low-priority idle could wait behind redraws. */
      g_idle_add_full (G_PRIORITY_DEFAULT, follow_article_link_cb, page_link_new (self, id),
                       (GDestroyNotify) page_link_free);
      return TRUE;
    }

  gtk_show_uri_full (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME,
                     NULL, show_uri_done_cb, page_link_new (self, uri));

  return TRUE;
}

/* Text wraps between words only, never inside one (“emotio-nal”): a label
 * is then at least as wide as its longest word, and the page keeps the
 * window from getting narrower than that. */
static GtkWidget *
create_text_label (ClosenessResourcesPage *self,
                   const char             *markup,
                   GtkAccessibleRole       role,
                   int                     max_width_chars)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "accessible-role", role,
                                   "use-markup", TRUE,
                                   "label", markup,
                                   "wrap", TRUE,
                                   "wrap-mode", PANGO_WRAP_WORD,
                                   "max-width-chars", max_width_chars,
                                   "xalign", 0.0f,
                                   "selectable", TRUE,
                                   NULL);

  g_signal_connect_object (label, "activate-link", G_CALLBACK (activate_link_cb), self,
                           G_CONNECT_SWAPPED);

  return label;
}

static GtkWidget *
create_heading (ClosenessResourcesPage *self,
                const char             *markup,
                const char             *css_class,
                int                     level)
{
  GtkWidget *label = create_text_label (self, markup, GTK_ACCESSIBLE_ROLE_HEADING, NARROW_CHARS);

  gtk_widget_add_css_class (label, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, level,
                                  -1);

  return label;
}

static GtkWidget *
create_list_item (ClosenessResourcesPage *self,
                  const char             *markup)
{
  GtkWidget *item = g_object_new (GTK_TYPE_BOX,
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM,
                                  "spacing", 10,
                                  NULL);
  GtkWidget *bullet = g_object_new (GTK_TYPE_LABEL,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                    "label", "•",
                                    "valign", GTK_ALIGN_START,
                                    "margin-start", 6,
                                    NULL);
  GtkWidget *label = create_text_label (self, markup, GTK_ACCESSIBLE_ROLE_LABEL, READING_CHARS);

  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (item), bullet);
  gtk_box_append (GTK_BOX (item), label);

  return item;
}

static GtkWidget *
create_list (void)
{
  return g_object_new (GTK_TYPE_BOX,
                       "accessible-role", GTK_ACCESSIBLE_ROLE_LIST,
                       "orientation", GTK_ORIENTATION_VERTICAL,
                       "spacing", 6,
                       "margin-top", 12,
                       NULL);
}

static void
clear_article_box (ClosenessResourcesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *child;

  /* A link in the old article may have the focus (it was just clicked). */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->article_box)))
    gtk_root_set_focus (root, NULL);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->article_box))) != NULL)
    gtk_box_remove (self->article_box, child);
}

static void
append_block (ClosenessResourcesPage *self,
              GtkWidget              *widget,
              int                     margin_top)
{
  if (margin_top >= 0)
    gtk_widget_set_margin_top (widget, margin_top);
  gtk_box_append (self->article_box, widget);
}

static void
render_article (ClosenessResourcesPage *self)
{
  ClosenessArticle *article = self->article;
  g_autofree char *title = NULL;
  GtkWidget *list = NULL;
  GtkWidget *widget;

  clear_article_box (self);
  if (article == NULL)
    return;

  title = g_markup_escape_text (closeness_article_get_title (article), -1);
  append_block (self, create_heading (self, title, "title-1", 1), 12);

  widget = gtk_label_new (closeness_article_get_summary (article));
  g_object_set (widget,
                "wrap", TRUE,
                "wrap-mode", PANGO_WRAP_WORD,
                "max-width-chars", READING_CHARS,
                "xalign", 0.0f,
                NULL);
  gtk_widget_add_css_class (widget, "dim-label");
  gtk_widget_add_css_class (widget, "closeness-article-lead");
  append_block (self, widget, 12);

  for (guint i = 0; i < closeness_article_get_n_blocks (article); i++)
    {
      const ClosenessArticleBlock *block = closeness_article_get_block (article, i);
      const char *markup = closeness_article_block_get_markup (block);

      switch (closeness_article_block_get_kind (block))
        {
        case CLOSENESS_ARTICLE_BLOCK_HEADING:
          list = NULL;
          append_block (self, create_heading (self, markup, "title-3", 2), 30);
          break;

        case CLOSENESS_ARTICLE_BLOCK_LIST_ITEM:
          if (list == NULL)
            {
              list = create_list ();
              append_block (self, list, -1);
            }
          gtk_box_append (GTK_BOX (list), create_list_item (self, markup));
          break;

        case CLOSENESS_ARTICLE_BLOCK_PARAGRAPH:
        case CLOSENESS_ARTICLE_BLOCK_SOURCE:
        default:
          list = NULL;
          append_block (self, create_text_label (self, markup, GTK_ACCESSIBLE_ROLE_LABEL,
                                                 READING_CHARS), 12);
          break;
        }
    }

  if (closeness_article_get_n_sources (article) > 0)
    {
      g_autofree char *heading = g_markup_escape_text (_("Further reading"), -1);

      append_block (self, create_heading (self, heading, "title-4", 2), 36);
      list = create_list ();
      append_block (self, list, -1);

      for (guint i = 0; i < closeness_article_get_n_sources (article); i++)
        {
          const ClosenessArticleBlock *source = closeness_article_get_source (article, i);
          g_autofree char *uri =
            g_markup_escape_text (closeness_article_block_get_uri (source), -1);
          g_autofree char *markup = NULL;

          markup = g_strdup_printf ("<a href=\"%s\" title=\"%s\">%s</a>", uri, uri,
                                    closeness_article_block_get_markup (source));
          gtk_box_append (GTK_BOX (list), create_list_item (self, markup));
        }
    }

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->article_scroller), 0);
}

static GtkListBoxRow *
find_row (ClosenessResourcesPage *self,
          ClosenessArticle       *article)
{
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, i);

      if (row == NULL)
        return NULL;
      if (g_object_get_data (G_OBJECT (row), "article") == article)
        return row;
    }
}

static void
set_article (ClosenessResourcesPage *self,
             ClosenessArticle       *article)
{
  if (self->article == article)
    return;

  g_set_object (&self->article, article);
  render_article (self);

  gtk_label_set_label (self->toolbar_title,
                       article != NULL ? closeness_article_get_title (article) : "");
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE]);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  ClosenessArticle *article = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *icon = gtk_image_new_from_icon_name (closeness_article_get_icon_name (article));
  GtkWidget *title = gtk_label_new (closeness_article_get_title (article));
  GtkWidget *summary = gtk_label_new (closeness_article_get_summary (article));

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "",
                                  -1);

  g_object_set (title,
                "wrap", TRUE,
                "wrap-mode", PANGO_WRAP_WORD,
                "xalign", 0.0f,
                NULL);
  gtk_widget_add_css_class (title, "heading");

  g_object_set (summary,
                "wrap", TRUE,
                "wrap-mode", PANGO_WRAP_WORD,
                "ellipsize", PANGO_ELLIPSIZE_END,
                "lines", 2,
                "xalign", 0.0f,
                NULL);
  gtk_widget_add_css_class (summary, "dim-label");
  gtk_widget_add_css_class (summary, "caption");

  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), summary);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  g_object_set (box,
                "margin-top", 6,
                "margin-bottom", 6,
                "margin-start", 3,
                "margin-end", 3,
                NULL);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  closeness_article_get_title (article),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  closeness_article_get_summary (article),
                                  -1);
  g_object_set_data_full (G_OBJECT (row), "article", g_object_ref (article), g_object_unref);

  return row;
}

static void
select_article_row (ClosenessResourcesPage *self)
{
  GtkListBoxRow *row = self->article != NULL ? find_row (self, self->article) : NULL;

  if (row != NULL)
    gtk_list_box_select_row (self->list_box, row);
  else
    gtk_list_box_unselect_all (self->list_box);
}

static void
update_results (ClosenessResourcesPage *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GListModel) found = closeness_article_search (self->articles, query);
  guint n_found = g_list_model_get_n_items (found);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_found; i++)
    g_ptr_array_add (items, g_list_model_get_item (found, i));

  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       items->pdata, items->len);

  gtk_stack_set_visible_child_name (self->list_stack, n_found > 0 ? "list" : "empty");
  select_article_row (self);
}

static void
search_changed_cb (ClosenessResourcesPage *self,
                   GtkSearchEntry         *entry)
{
  update_results (self);
}

static void
open_row (ClosenessResourcesPage *self,
          GtkListBoxRow          *row)
{
  set_article (self, g_object_get_data (G_OBJECT (row), "article"));
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "article");
}

static void
search_activate_cb (ClosenessResourcesPage *self,
                    GtkSearchEntry         *entry)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list_box, 0);

  if (row != NULL)
    {
      gtk_list_box_select_row (self->list_box, row);
      open_row (self, row);
    }
}

static void
search_stop_cb (ClosenessResourcesPage *self,
                GtkSearchEntry         *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
row_selected_cb (ClosenessResourcesPage *self,
                 GtkListBoxRow          *row,
                 GtkListBox             *list_box)
{
  /* Side by side, the article follows the selection; folded, only an
   * activation opens it, so arrow keys can move through the list. */
  if (row != NULL && !adw_leaflet_get_folded (self->leaflet))
    set_article (self, g_object_get_data (G_OBJECT (row), "article"));
}

static void
row_activated_cb (ClosenessResourcesPage *self,
                  GtkListBoxRow          *row,
                  GtkListBox             *list_box)
{
  open_row (self, row);
}

static void
leaflet_folded_cb (ClosenessResourcesPage *self,
                   GParamSpec             *pspec,
                   AdwLeaflet             *leaflet)
{
  gboolean folded = adw_leaflet_get_folded (leaflet);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), folded);
  gtk_widget_set_visible (GTK_WIDGET (self->toolbar_title), folded);
  /* Beside the list the print button is alone in the toolbar, at its end. */
  gtk_widget_set_hexpand (GTK_WIDGET (self->print_button), !folded);
  update_actions (self);
}

static void
print_done_cb (ClosenessResourcesPage  *self,
               GtkPrintOperationResult  result,
               GtkPrintOperation       *operation)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      g_warning ("Could not print an article: %s", error != NULL ? error->message : "unknown");
      show_error_toast (self, _("Could not print the article"));
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_set_object (&self->print_settings, gtk_print_operation_get_print_settings (operation));
    }

  g_clear_object (&self->print_operation);
}

static void
print_activated_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ClosenessResourcesPage *self = CLOSENESS_RESOURCES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  if (self->article == NULL || self->print_operation != NULL)
    return;

  self->print_operation = GTK_PRINT_OPERATION (closeness_article_print_new (self->article));
  if (self->print_settings != NULL)
    gtk_print_operation_set_print_settings (self->print_operation, self->print_settings);
  gtk_print_operation_set_allow_async (self->print_operation, TRUE);
  g_signal_connect_object (self->print_operation, "done", G_CALLBACK (print_done_cb), self,
                           G_CONNECT_SWAPPED);

  root = gtk_widget_get_root (widget);
  if (gtk_print_operation_run (self->print_operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_warning ("Could not print an article: %s", error->message);
      show_error_toast (self, _("Could not print the article"));
      g_clear_object (&self->print_operation);
    }
}

static void
go_back_activated_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ClosenessResourcesPage *self = CLOSENESS_RESOURCES_PAGE (widget);
  GtkListBoxRow *row;

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);

  /* Back where the person left the list. */
  row = gtk_list_box_get_selected_row (self->list_box);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
search_activated_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  closeness_resources_page_focus_search (CLOSENESS_RESOURCES_PAGE (widget));
}

static void
closeness_resources_page_dispose (GObject *object)
{
  ClosenessResourcesPage *self = CLOSENESS_RESOURCES_PAGE (object);

  if (self->print_operation != NULL)
    gtk_print_operation_cancel (self->print_operation);
  g_clear_object (&self->print_operation);

  /* AdwBin would otherwise unparent the leaflet a second time. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLOSENESS_TYPE_RESOURCES_PAGE);

  g_clear_object (&self->article);
  g_clear_object (&self->results);
  g_clear_object (&self->articles);
  g_clear_object (&self->print_settings);

  G_OBJECT_CLASS (closeness_resources_page_parent_class)->dispose (object);
}

static void
closeness_resources_page_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  ClosenessResourcesPage *self = CLOSENESS_RESOURCES_PAGE (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_resources_page_class_init (ClosenessResourcesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_resources_page_dispose;
  object_class->get_property = closeness_resources_page_get_property;

  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL,
                         CLOSENESS_TYPE_ARTICLE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Closeness/closeness-resources-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ClosenessResourcesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ClosenessResourcesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ClosenessResourcesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ClosenessResourcesPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, ClosenessResourcesPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessResourcesPage, print_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessResourcesPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ClosenessResourcesPage, toolbar_title);
  gtk_widget_class_bind_template_child (widget_class, ClosenessResourcesPage, article_scroller);
  gtk_widget_class_bind_template_child (widget_class, ClosenessResourcesPage, article_box);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);

  gtk_widget_class_install_action (widget_class, "resources.print", NULL, print_activated_cb);
  gtk_widget_class_install_action (widget_class, "resources.go-back", NULL, go_back_activated_cb);
  gtk_widget_class_install_action (widget_class, "resources.search", NULL, search_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "resources.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "resources.go-back", NULL);
}

static void
closeness_resources_page_init (ClosenessResourcesPage *self)
{
  GtkListBoxRow *first;

  gtk_widget_init_template (GTK_WIDGET (self));
  closeness_leaflet_fold_at_once_when_shown (self->leaflet);

  self->articles = g_object_ref (G_LIST_MODEL (closeness_article_library_get_default ()));
  self->results = g_list_store_new (CLOSENESS_TYPE_ARTICLE);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->results), create_row, self, NULL);
  update_results (self);

  first = gtk_list_box_get_row_at_index (self->list_box, 0);
  if (first != NULL)
    {
      set_article (self, g_object_get_data (G_OBJECT (first), "article"));
      gtk_list_box_select_row (self->list_box, first);
    }

  leaflet_folded_cb (self, NULL, self->leaflet);
}

GtkWidget *
closeness_resources_page_new (void)
{
  return g_object_new (CLOSENESS_TYPE_RESOURCES_PAGE, NULL);
}

/**
 * closeness_resources_page_get_article:
 *
 * Returns: (transfer none) (nullable): the article in the reading pane.
 */
ClosenessArticle *
closeness_resources_page_get_article (ClosenessResourcesPage *self)
{
  g_return_val_if_fail (CLOSENESS_IS_RESOURCES_PAGE (self), NULL);

  return self->article;
}

/**
 * closeness_resources_page_show_article:
 * @id: an article id, such as "finding-a-therapist"
 *
 * Opens the article, as if the person had picked it from the list. A search
 * that hides it is cleared.
 *
 * Returns: %FALSE if there is no article called @id.
 */
gboolean
closeness_resources_page_show_article (ClosenessResourcesPage *self,
                                       const char             *id)
{
  ClosenessArticle *article;
  GtkListBoxRow *row;

  g_return_val_if_fail (CLOSENESS_IS_RESOURCES_PAGE (self), FALSE);

  article = closeness_article_library_lookup (CLOSENESS_ARTICLE_LIBRARY (self->articles), id);
  if (article == NULL)
    return FALSE;

  if (find_row (self, article) == NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  /* The search entry waits a moment before it reports a change. */
  update_results (self);

  row = find_row (self, article);
  g_return_val_if_fail (row != NULL, FALSE);

  gtk_list_box_select_row (self->list_box, row);
  open_row (self, row);

  return TRUE;
}

/**
 * closeness_resources_page_focus_search:
 *
 * Moves the keyboard focus to the search entry, showing the list first when
 * the page is narrow.
 */
void
closeness_resources_page_focus_search (ClosenessResourcesPage *self)
{
  g_return_if_fail (CLOSENESS_IS_RESOURCES_PAGE (self));

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
