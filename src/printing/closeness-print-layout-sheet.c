/* closeness-print-layout-sheet.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pages of a question sheet: numbered questions, each with ruled lines
 * for notes, a title on the first page and a page count in the footer.
 */

#define G_LOG_DOMAIN "closeness-printing"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-print-layout-private.h"

#define SHEET_MARGIN       54.0   /* 19 mm */
#define SHEET_TITLE_SIZE   17.0
#define SHEET_TEXT_SIZE    12.0
#define SHEET_GUTTER       28.0
#define SHEET_RULES        3
#define SHEET_RULE_SPACING 24.0
#define SHEET_ITEM_GAP     20.0
#define SHEET_FOOTER       22.0

/* Question sheets */

static double
sheet_text_width (ClosenessPrintDocument *self)
{
  return self->page_width - 2 * SHEET_MARGIN - SHEET_GUTTER;
}

static double
sheet_body_height (ClosenessPrintDocument *self)
{
  return self->page_height - 2 * SHEET_MARGIN - SHEET_FOOTER;
}

static double
sheet_rules_height (void)
{
  return SHEET_RULES * SHEET_RULE_SPACING + 4;
}

static PangoLayout *
create_title_layout (ClosenessPrintDocument *self,
                     PangoContext           *context)
{
  PangoLayout *layout;

  layout = closeness_print_create_text_layout (context, self->title, SHEET_TITLE_SIZE,
                                               self->page_width - 2 * SHEET_MARGIN, FALSE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);

  return layout;
}

static double
sheet_title_height (ClosenessPrintDocument *self,
                    PangoContext           *context)
{
  g_autoptr(PangoLayout) title = NULL;

  if (!closeness_print_has_text (self->title))
    return 0;

  title = create_title_layout (self, context);

  return closeness_print_layout_height (title) + SHEET_ITEM_GAP * 1.2;
}

static PangoLayout *
create_sheet_layout (PangoContext *context,
                     const char   *text,
                     double        size,
                     double        width,
                     gboolean      italic)
{
  PangoLayout *layout = closeness_print_create_text_layout (context, text, size, width, italic);

  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  pango_layout_set_line_spacing (layout, 1.25);

  return layout;
}

static double
sheet_item_text_height (PangoContext    *context,
                        const PrintCard *card,
                        double           width)
{
  g_autoptr(PangoLayout) text = create_sheet_layout (context, card->text, card->size, width, FALSE);
  double height = closeness_print_layout_height (text);

  if (closeness_print_has_text (card->follow_up) && !card->ellipsized)
    {
      g_autoptr(PangoLayout) follow_up = NULL;

      follow_up = create_sheet_layout (context, card->follow_up, card->size * FOLLOW_UP_RATIO,
                                       width, TRUE);
      height += closeness_print_follow_up_gap (card->size) * 0.6 +
                closeness_print_layout_height (follow_up);
    }

  return height;
}

void
closeness_print_document_paginate_sheet (ClosenessPrintDocument *self,
                                         PangoContext           *context)
{
  double width = sheet_text_width (self);
  double body = sheet_body_height (self);
  double y = sheet_title_height (self, context);
  guint page = 0;

  for (guint i = 0; i < self->cards->len; i++)
    {
      PrintCard *card = &g_array_index (self->cards, PrintCard, i);
      gboolean ellipsized = FALSE;
      double height;

      /* Only a question longer than a whole page has to shrink. */
      card->size = closeness_print_fit_text (context, card->text, card->follow_up, width,
                                             body - sheet_rules_height (), SHEET_TEXT_SIZE,
                                             MIN_TEXT_SIZE, &ellipsized);
      card->ellipsized = ellipsized;
      height = ellipsized ? body - sheet_rules_height ()
                          : sheet_item_text_height (context, card, width);
      card->height = height;

      if (y > 0 && y + height + sheet_rules_height () > body)
        {
          page++;
          y = 0;
        }

      card->page = page;
      card->y = y;
      y += height + sheet_rules_height () + SHEET_ITEM_GAP;
    }

  self->n_pages = page + 1;
}

void
closeness_print_document_draw_sheet_page (ClosenessPrintDocument *self,
                                          cairo_t                *cr,
                                          PangoContext           *context,
                                          guint                   page_nr)
{
  double width = sheet_text_width (self);
  double left = SHEET_MARGIN;
  double top = SHEET_MARGIN;
  g_autofree char *footer = NULL;
  g_autoptr(PangoLayout) footer_layout = NULL;

  if (page_nr == 0 && closeness_print_has_text (self->title))
    {
      g_autoptr(PangoLayout) title = create_title_layout (self, context);

      cairo_set_source_rgb (cr, 0.11, 0.11, 0.13);
      closeness_print_show_layout_at (cr, title, left, top);
    }

  for (guint i = 0; i < self->cards->len; i++)
    {
      const PrintCard *card = &g_array_index (self->cards, PrintCard, i);
      g_autoptr(PangoLayout) number_layout = NULL;
      g_autoptr(PangoLayout) text = NULL;
      g_autofree char *number = NULL;
      double y, text_height;

      if (card->page != page_nr)
        continue;

      y = top + card->y;
      number = g_strdup_printf ("%u", i + 1);
      number_layout = create_sheet_layout (context, number, SHEET_TEXT_SIZE, -1, FALSE);
      cairo_set_source_rgb (cr, 0.55, 0.55, 0.58);
      closeness_print_show_layout_at (cr, number_layout, left, y);

      text = create_sheet_layout (context, card->text, card->size, width, FALSE);
      if (card->ellipsized)
        {
          pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
          pango_layout_set_height (text, (int) (card->height * PANGO_SCALE));
        }
      cairo_set_source_rgb (cr, 0.11, 0.11, 0.13);
      closeness_print_show_layout_at (cr, text, left + SHEET_GUTTER, y);
      text_height = closeness_print_layout_height (text);

      if (closeness_print_has_text (card->follow_up) && !card->ellipsized)
        {
          g_autoptr(PangoLayout) follow_up = NULL;

          follow_up = create_sheet_layout (context, card->follow_up,
                                           card->size * FOLLOW_UP_RATIO, width, TRUE);
          cairo_set_source_rgb (cr, 0.38, 0.38, 0.40);
          closeness_print_show_layout_at (cr, follow_up, left + SHEET_GUTTER,
                                      y + text_height +
                                      closeness_print_follow_up_gap (card->size) * 0.6);
        }

      /* Room for notes. */
      cairo_set_source_rgb (cr, 0.78, 0.78, 0.80);
      cairo_set_line_width (cr, 0.5);
      for (guint rule = 1; rule <= SHEET_RULES; rule++)
        {
          double rule_y = y + card->height + rule * SHEET_RULE_SPACING;

          cairo_move_to (cr, left + SHEET_GUTTER, rule_y);
          cairo_line_to (cr, left + SHEET_GUTTER + width, rule_y);
        }
      cairo_stroke (cr);
    }

  /* Translators: the footer of a printed question sheet, e.g. “2 / 5”. */
  footer = g_strdup_printf (_("%u / %u"), page_nr + 1, self->n_pages);
  footer_layout = closeness_print_create_text_layout (context, footer, FOOT_SIZE + 1,
                                                      self->page_width - 2 * SHEET_MARGIN,
                                                      FALSE);
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.58);
  closeness_print_show_layout_at (cr, footer_layout, left,
                                  self->page_height - SHEET_MARGIN -
                                  closeness_print_layout_height (footer_layout));
}
