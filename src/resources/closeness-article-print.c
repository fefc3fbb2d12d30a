/* closeness-article-print.c: an article on paper or in a PDF.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-resources"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-article-print.h"

/* Sizes in points. */
#define TITLE_FONT       "Sans Bold 20"
#define SUMMARY_FONT     "Sans Italic 11"
#define HEADING_FONT     "Sans Bold 13"
#define BODY_FONT        "Sans 10.5"
#define SOURCE_FONT      "Sans 9"
#define FOOTER_FONT      "Sans 8"
#define LIST_INDENT      18.0
#define FOOTER_HEIGHT    24.0
#define MARGIN_MM        20.0

typedef struct
{
  PangoLayout *layout;
  PangoLayout *bullet;
  double       indent;
  double       space_before;
  double       gray;
  gboolean     keep_with_next;
} PrintItem;

/* One line of text placed on a page. */
typedef struct
{
  PangoLayoutLine *line;
  guint            page;
  double           x;
  double           baseline;
  double           gray;
} PlacedLine;

struct _ClosenessArticlePrint
{
  GtkPrintOperation  parent_instance;

  ClosenessArticle  *article;
  GArray            *items;
  GArray            *lines;
  guint              n_pages;
};

G_DEFINE_FINAL_TYPE (ClosenessArticlePrint, closeness_article_print, GTK_TYPE_PRINT_OPERATION)

enum {
  PROP_0,
  PROP_ARTICLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_print_item (gpointer data)
{
  PrintItem *item = data;

  g_clear_object (&item->layout);
  g_clear_object (&item->bullet);
}

static void
clear_placed_line (gpointer data)
{
  PlacedLine *placed = data;

  g_clear_pointer (&placed->line, pango_layout_line_unref);
}

static PangoLayout *
create_layout (GtkPrintContext *context,
               const char      *font,
               const char      *markup,
               double           width)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, description);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_markup (layout, markup, -1);

  return layout;
}

static void
add_item (ClosenessArticlePrint *self,
          GtkPrintContext       *context,
          const char            *font,
          const char            *markup,
          double                 space_before,
          gboolean               bulleted,
          double                 gray,
          gboolean               keep_with_next)
{
  double width = gtk_print_context_get_width (context);
  PrintItem item = { 0 };

  item.indent = bulleted ? LIST_INDENT : 0.0;
  item.layout = create_layout (context, font, markup, width - item.indent);
  item.space_before = space_before;
  item.gray = gray;
  item.keep_with_next = keep_with_next;
  if (bulleted)
    item.bullet = create_layout (context, font, "•", LIST_INDENT);

  g_array_append_val (self->items, item);
}

static void
build_items (ClosenessArticlePrint *self,
             GtkPrintContext       *context)
{
  ClosenessArticle *article = self->article;
  g_autofree char *title = g_markup_escape_text (closeness_article_get_title (article), -1);
  g_autofree char *summary = g_markup_escape_text (closeness_article_get_summary (article), -1);
  ClosenessArticleBlockKind previous = CLOSENESS_ARTICLE_BLOCK_HEADING;

  add_item (self, context, TITLE_FONT, title, 0, FALSE, 0.0, TRUE);
  add_item (self, context, SUMMARY_FONT, summary, 8, FALSE, 0.35, FALSE);

  for (guint i = 0; i < closeness_article_get_n_blocks (article); i++)
    {
      const ClosenessArticleBlock *block = closeness_article_get_block (article, i);
      const char *markup = closeness_article_block_get_print_markup (block);
      ClosenessArticleBlockKind kind = closeness_article_block_get_kind (block);

      switch (kind)
        {
        case CLOSENESS_ARTICLE_BLOCK_HEADING:
          add_item (self, context, HEADING_FONT, markup, 16, FALSE, 0.0, TRUE);
          break;

        case CLOSENESS_ARTICLE_BLOCK_LIST_ITEM:
          add_item (self, context, BODY_FONT, markup,
                    previous == CLOSENESS_ARTICLE_BLOCK_LIST_ITEM ? 3 : 8, TRUE, 0.0, FALSE);
          break;

        case CLOSENESS_ARTICLE_BLOCK_PARAGRAPH:
        case CLOSENESS_ARTICLE_BLOCK_SOURCE:
        default:
          add_item (self, context, BODY_FONT, markup, 8, FALSE, 0.0, FALSE);
          break;
        }

      previous = kind;
    }

  if (closeness_article_get_n_sources (article) > 0)
    {
      g_autofree char *heading = g_markup_escape_text (_("Further reading"), -1);

      add_item (self, context, HEADING_FONT, heading, 16, FALSE, 0.0, TRUE);
    }

  for (guint i = 0; i < closeness_article_get_n_sources (article); i++)
    {
      const ClosenessArticleBlock *source = closeness_article_get_source (article, i);
      g_autofree char *uri = g_markup_escape_text (closeness_article_block_get_uri (source), -1);
      g_autofree char *markup = NULL;

      markup = g_strdup_printf ("%s\n<span foreground=\"#555555\">%s</span>",
                                closeness_article_block_get_print_markup (source), uri);
      add_item (self, context, SOURCE_FONT, markup, 5, TRUE, 0.0, FALSE);
    }
}

static double
line_height (PangoLayoutIter *iter)
{
  PangoRectangle logical;

  pango_layout_iter_get_line_extents (iter, NULL, &logical);

  return (double) logical.height / PANGO_SCALE;
}

/* The height of the first @n_lines lines of @layout. */
static double
first_lines_height (PangoLayout *layout,
                    guint        n_lines)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  double height = 0;

  for (guint i = 0; i < n_lines; i++)
    {
      height += line_height (iter);
      if (!pango_layout_iter_next_line (iter))
        break;
    }
  pango_layout_iter_free (iter);

  return height;
}

static void
place_line (ClosenessArticlePrint *self,
            PangoLayoutLine       *line,
            guint                  page,
            double                 x,
            double                 baseline,
            double                 gray)
{
  PlacedLine placed = { pango_layout_line_ref (line), page, x, baseline, gray };

  g_array_append_val (self->lines, placed);
}

static void
paginate (ClosenessArticlePrint *self,
          GtkPrintContext       *context)
{
  double page_height = gtk_print_context_get_height (context) - FOOTER_HEIGHT;
  guint page = 0;
  double y = 0;

  for (guint i = 0; i < self->items->len; i++)
    {
      PrintItem *item = &g_array_index (self->items, PrintItem, i);
      PangoLayoutIter *iter;
      double needed;
      gboolean first = TRUE;

      if (y > 0)
        y += item->space_before;

      /* No heading alone at the bottom of a page, no single orphaned line. */
      needed = first_lines_height (item->layout, 2);
      if (item->keep_with_next && i + 1 < self->items->len)
        {
          PrintItem *next = &g_array_index (self->items, PrintItem, i + 1);

          needed = first_lines_height (item->layout, G_MAXUINT) + next->space_before +
                   first_lines_height (next->layout, 2);
        }
      if (y > 0 && y + needed > page_height)
        {
          page++;
          y = 0;
        }

      iter = pango_layout_get_iter (item->layout);
      do
        {
          double height = line_height (iter);
          PangoRectangle logical;
          double baseline;

          if (y > 0 && y + height > page_height)
            {
              page++;
              y = 0;
            }

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          baseline = y + (double) (pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE;
          place_line (self, pango_layout_iter_get_line_readonly (iter), page, item->indent,
                      baseline, item->gray);

          if (first && item->bullet != NULL)
            place_line (self, pango_layout_get_line_readonly (item->bullet, 0), page,
                        item->indent - LIST_INDENT + 4, baseline, item->gray);

          first = FALSE;
          y += height;
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
    }

  self->n_pages = page + 1;
}

static void
draw_footer (ClosenessArticlePrint *self,
             GtkPrintContext       *context,
             int                    page_nr)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  g_autofree char *title = g_markup_escape_text (closeness_article_get_title (self->article), -1);
  g_autofree char *number = NULL;
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  int right_width;

  /* Translators: the footer of a printed article, e.g. “Page 2 of 3”. */
  number = g_strdup_printf (_("Page %d of %u"), page_nr + 1, self->n_pages);

  left = create_layout (context, FOOTER_FONT, title, width * 0.7);
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
  right = create_layout (context, FOOTER_FONT, number, -1);
  pango_layout_set_width (right, -1);
  pango_layout_get_pixel_size (right, &right_width, NULL);

  cairo_set_source_rgb (cr, 0.45, 0.45, 0.45);
  cairo_move_to (cr, 0, height - FOOTER_HEIGHT + 10);
  pango_cairo_show_layout (cr, left);
  cairo_move_to (cr, width - right_width, height - FOOTER_HEIGHT + 10);
  pango_cairo_show_layout (cr, right);
}

static void
closeness_article_print_begin_print (GtkPrintOperation *operation,
                                     GtkPrintContext   *context)
{
  ClosenessArticlePrint *self = CLOSENESS_ARTICLE_PRINT (operation);

  g_array_set_size (self->lines, 0);
  g_array_set_size (self->items, 0);

  build_items (self, context);
  paginate (self, context);

  gtk_print_operation_set_n_pages (operation, self->n_pages);
}

static void
closeness_article_print_draw_page (GtkPrintOperation *operation,
                                   GtkPrintContext   *context,
                                   int                page_nr)
{
  ClosenessArticlePrint *self = CLOSENESS_ARTICLE_PRINT (operation);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  for (guint i = 0; i < self->lines->len; i++)
    {
      PlacedLine *placed = &g_array_index (self->lines, PlacedLine, i);

      if (placed->page != (guint) page_nr)
        continue;

      cairo_set_source_rgb (cr, placed->gray, placed->gray, placed->gray);
      cairo_move_to (cr, placed->x, placed->baseline);
      pango_cairo_show_layout_line (cr, placed->line);
    }

  draw_footer (self, context, page_nr);
}

static void
closeness_article_print_end_print (GtkPrintOperation *operation,
                                   GtkPrintContext   *context)
{
  ClosenessArticlePrint *self = CLOSENESS_ARTICLE_PRINT (operation);

  g_array_set_size (self->lines, 0);
  g_array_set_size (self->items, 0);
}

static void
closeness_article_print_finalize (GObject *object)
{
  ClosenessArticlePrint *self = CLOSENESS_ARTICLE_PRINT (object);

  g_clear_pointer (&self->lines, g_array_unref);
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_object (&self->article);

  G_OBJECT_CLASS (closeness_article_print_parent_class)->finalize (object);
}

static void
closeness_article_print_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ClosenessArticlePrint *self = CLOSENESS_ARTICLE_PRINT (object);

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
closeness_article_print_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ClosenessArticlePrint *self = CLOSENESS_ARTICLE_PRINT (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      self->article = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_article_print_constructed (GObject *object)
{
  ClosenessArticlePrint *self = CLOSENESS_ARTICLE_PRINT (object);
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (object);
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();

  G_OBJECT_CLASS (closeness_article_print_parent_class)->constructed (object);

  /* Generous margins: the article is meant to be read on paper. */
  gtk_page_setup_set_top_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_bottom_margin (setup, MARGIN_MM - 5, GTK_UNIT_MM);
  gtk_page_setup_set_left_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_page_setup_set_right_margin (setup, MARGIN_MM, GTK_UNIT_MM);
  gtk_print_operation_set_default_page_setup (operation, setup);

  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (self->article != NULL)
    gtk_print_operation_set_job_name (operation, closeness_article_get_title (self->article));
}

static void
closeness_article_print_class_init (ClosenessArticlePrintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = closeness_article_print_finalize;
  object_class->get_property = closeness_article_print_get_property;
  object_class->set_property = closeness_article_print_set_property;
  object_class->constructed = closeness_article_print_constructed;

  operation_class->begin_print = closeness_article_print_begin_print;
  operation_class->draw_page = closeness_article_print_draw_page;
  operation_class->end_print = closeness_article_print_end_print;

  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL,
                         CLOSENESS_TYPE_ARTICLE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
closeness_article_print_init (ClosenessArticlePrint *self)
{
  self->items = g_array_new (FALSE, TRUE, sizeof (PrintItem));
  g_array_set_clear_func (self->items, clear_print_item);
  self->lines = g_array_new (FALSE, TRUE, sizeof (PlacedLine));
  g_array_set_clear_func (self->lines, clear_placed_line);
}

ClosenessArticlePrint *
closeness_article_print_new (ClosenessArticle *article)
{
  g_return_val_if_fail (CLOSENESS_IS_ARTICLE (article), NULL);

  return g_object_new (CLOSENESS_TYPE_ARTICLE_PRINT,
                       "article", article,
                       NULL);
}

/**
 * closeness_article_print_export_pdf:
 * @article: the article to write
 * @filename: where the PDF goes
 *
 * Writes @article to an A4 PDF without asking anything. Needs a display.
 *
 * Returns: %TRUE if the PDF was written.
 */
gboolean
closeness_article_print_export_pdf (ClosenessArticle  *article,
                                    const char        *filename,
                                    GError           **error)
{
  g_autoptr(ClosenessArticlePrint) self = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  GtkPaperSize *a4;
  GtkPrintOperationResult result;

  g_return_val_if_fail (CLOSENESS_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);

  self = closeness_article_print_new (article);

  /* The same paper everywhere, whatever the locale says. */
  setup =
    gtk_page_setup_copy (gtk_print_operation_get_default_page_setup (GTK_PRINT_OPERATION (self)));
  a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_paper_size_free (a4);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);

  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (self), filename);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (self), GTK_PRINT_OPERATION_ACTION_EXPORT,
                                    NULL, error);

  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}
