/* closeness-print-layout-cards.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pages of a card printout: fronts with the question, backs with the
 * deck, cut lines or crop marks, and fold lines for folded cards.
 */

#define G_LOG_DOMAIN "closeness-printing"

#include "config.h"

#include "closeness-print-layout-private.h"

#define CUT_OVERHANG       8.0
#define CROP_MARK_GAP      4.0
#define CROP_MARK_LENGTH   14.0

/* Drawing helpers */

static void
draw_default_symbol (cairo_t *cr,
                     double   x,
                     double   y,
                     double   size)
{
  /* A small diamond when the icon theme cannot help. */
  cairo_move_to (cr, x + size / 2, y + size * 0.1);
  cairo_line_to (cr, x + size * 0.9, y + size / 2);
  cairo_line_to (cr, x + size / 2, y + size * 0.9);
  cairo_line_to (cr, x + size * 0.1, y + size / 2);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_symbol (ClosenessPrintDocument *self,
             cairo_t                *cr,
             const char             *icon_name,
             double                  x,
             double                  y,
             double                  size)
{
  cairo_save (cr);
  if (self->icon_func != NULL && closeness_print_has_text (icon_name))
    self->icon_func (cr, icon_name, x, y, size, self->icon_data);
  else
    draw_default_symbol (cr, x, y, size);
  cairo_restore (cr);
}

/* The deck's symbol and name, centred on one line at @y. */
static void
draw_deck_line (ClosenessPrintDocument *self,
                cairo_t                *cr,
                PangoContext           *context,
                const PrintCard        *card,
                double                  x,
                double                  y,
                double                  width,
                double                  size,
                double                  gray)
{
  g_autoptr(PangoLayout) name = NULL;
  double icon = size * 1.3;
  double gap = size * 0.6;
  PangoRectangle logical;
  double text_width, total, left;

  name = closeness_print_create_text_layout (context, card->deck_name, size, -1, FALSE);
  pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (name, (int) ((width - icon - gap) * PANGO_SCALE));
  pango_layout_set_alignment (name, PANGO_ALIGN_LEFT);
  pango_layout_get_extents (name, NULL, &logical);
  text_width = MIN ((double) logical.width / PANGO_SCALE, width - icon - gap);
  total = icon + gap + text_width;
  left = x + (width - total) / 2;

  cairo_set_source_rgb (cr, gray, gray, gray);
  draw_symbol (self, cr, card->icon_name, left,
               y + ((double) logical.height / PANGO_SCALE - icon) / 2, icon);
  cairo_set_source_rgb (cr, gray, gray, gray);
  pango_layout_set_width (name, (int) (text_width * PANGO_SCALE) + PANGO_SCALE);
  closeness_print_show_layout_at (cr, name, left + icon + gap, y);
}

static void
draw_card_front (ClosenessPrintDocument *self,
                 cairo_t                *cr,
                 PangoContext           *context,
                 const PrintCard        *card,
                 ClosenessPrintRect      rect)
{
  double padding = closeness_print_grid_get_padding (&self->options);
  double foot = closeness_print_foot_height (context);
  double width = rect.width - 2 * padding;
  double height = rect.height - 2 * padding - foot - FOOT_GAP;
  double x = rect.x + padding;
  g_autoptr(PangoLayout) text = NULL;
  g_autoptr(PangoLayout) follow_up = NULL;
  gboolean ellipsized = FALSE;
  double size, total, y;

  size = closeness_print_fit_text (context, card->text, card->follow_up, width, height,
                                   closeness_print_base_text_size (&self->options), MIN_TEXT_SIZE,
                                   &ellipsized);

  text = closeness_print_create_text_layout (context, card->text, size, width, FALSE);
  if (ellipsized)
    {
      /* The last resort: never let text leave the card. */
      pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (text, (int) (height * PANGO_SCALE));
    }
  else if (closeness_print_has_text (card->follow_up))
    {
      follow_up = closeness_print_create_text_layout (context, card->follow_up,
                                                      size * FOLLOW_UP_RATIO, width, TRUE);
    }

  total = closeness_print_layout_height (text);
  if (follow_up != NULL)
    total += closeness_print_follow_up_gap (size) + closeness_print_layout_height (follow_up);

  /* Optically centred: a touch above the middle of the space. */
  y = rect.y + padding + MAX (0, (height - total) * 0.45);

  cairo_set_source_rgb (cr, 0.11, 0.11, 0.13);
  closeness_print_show_layout_at (cr, text, x, y);

  if (follow_up != NULL)
    {
      cairo_set_source_rgb (cr, 0.38, 0.38, 0.40);
      closeness_print_show_layout_at (cr, follow_up, x,
                                      y + closeness_print_layout_height (text) +
                                      closeness_print_follow_up_gap (size));
    }

  draw_deck_line (self, cr, context, card, x, rect.y + rect.height - padding - foot, width,
                  FOOT_SIZE, 0.50);
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_card_back (ClosenessPrintDocument *self,
                cairo_t                *cr,
                PangoContext           *context,
                const PrintCard        *card,
                ClosenessPrintRect      rect,
                gboolean                upside_down)
{
  double padding = closeness_print_grid_get_padding (&self->options);
  double inset = padding * 0.55;
  double icon = MIN (rect.width, rect.height) * 0.16;
  double name_size = closeness_print_base_text_size (&self->options) * 0.72;
  double width = rect.width - 2 * padding;
  g_autoptr(PangoLayout) name = NULL;
  double name_height, total, y;

  cairo_save (cr);
  if (upside_down)
    {
      cairo_translate (cr, rect.x + rect.width / 2, rect.y + rect.height / 2);
      cairo_rotate (cr, G_PI);
      cairo_translate (cr, -(rect.x + rect.width / 2), -(rect.y + rect.height / 2));
    }

  cairo_set_source_rgb (cr, 0.78, 0.78, 0.80);
  cairo_set_line_width (cr, 0.6);
  rounded_rectangle (cr, rect.x + inset, rect.y + inset, rect.width - 2 * inset,
                     rect.height - 2 * inset, padding * 0.5);
  cairo_stroke (cr);

  name = closeness_print_create_text_layout (context, card->deck_name, name_size, width, FALSE);
  pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (name, -2);
  name_height = closeness_print_layout_height (name);
  total = icon + name_size + name_height;
  y = rect.y + (rect.height - total) / 2;

  cairo_set_source_rgb (cr, 0.40, 0.40, 0.43);
  draw_symbol (self, cr, card->icon_name, rect.x + (rect.width - icon) / 2, y, icon);
  cairo_set_source_rgb (cr, 0.33, 0.33, 0.36);
  closeness_print_show_layout_at (cr, name, rect.x + padding, y + icon + name_size);

  cairo_restore (cr);
}

/* Whether the cell at @column, @row exists and holds a card. */
static gboolean
cell_is_used (ClosenessPrintDocument *self,
              guint                   page_nr,
              int                     column,
              int                     row,
              guint                   columns,
              guint                   rows)
{
  if (column < 0 || row < 0 || column >= (int) columns || row >= (int) rows)
    return FALSE;

  return closeness_print_document_is_cell_used (self, page_nr, column, row);
}

/* Whether piece @piece of grid line @index borders a card: the piece between
 * two cells of a vertical line is its row, of a horizontal line its column. */
static gboolean
edge_borders_card (ClosenessPrintDocument *self,
                   guint                   page_nr,
                   gboolean                vertical,
                   guint                   index,
                   guint                   piece,
                   guint                   columns,
                   guint                   rows)
{
  if (vertical)
    return cell_is_used (self, page_nr, (int) index - 1, piece, columns, rows) ||
           cell_is_used (self, page_nr, index, piece, columns, rows);

  return cell_is_used (self, page_nr, piece, (int) index - 1, columns, rows) ||
         cell_is_used (self, page_nr, piece, index, columns, rows);
}

/* Thin lines around the cards on the page, or crop marks at the grid lines
 * that border one; nothing around the cells left empty on the last sheet. */
static void
draw_cut_lines (ClosenessPrintDocument *self,
                cairo_t                *cr,
                guint                   page_nr)
{
  ClosenessPrintRect area = closeness_print_grid_get_area (&self->options, self->page_width,
                                                           self->page_height);
  gboolean lines = self->options.cut_marks == CLOSENESS_PRINT_CUT_LINES;
  guint columns, rows;

  closeness_print_grid_get_size (&self->options, self->page_width, self->page_height,
                                 &columns, &rows);

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  if (lines)
    {
      cairo_set_source_rgb (cr, 0.62, 0.62, 0.64);
      cairo_set_line_width (cr, 0.6);
    }
  else
    {
      cairo_set_source_rgb (cr, 0.25, 0.25, 0.27);
      cairo_set_line_width (cr, 0.5);
    }

  for (guint v = 0; v < 2; v++)
    {
      gboolean vertical = v == 0;
      guint n_lines = vertical ? columns : rows;
      guint n_pieces = vertical ? rows : columns;
      double along = vertical ? area.y : area.x;
      double length = vertical ? area.height : area.width;

      for (guint i = 0; i <= n_lines; i++)
        {
          double across = vertical ? area.x + i * area.width / columns
                                   : area.y + i * area.height / rows;
          gboolean any = FALSE;

          if (closeness_print_grid_is_fold_line (&self->options, self->page_width,
                                                 self->page_height, vertical, i))
            continue;

          for (guint piece = 0; piece < n_pieces; piece++)
            {
              double start = along + piece * length / n_pieces;
              double end = along + (piece + 1) * length / n_pieces;

              if (!edge_borders_card (self, page_nr, vertical, i, piece, columns, rows))
                continue;
              any = TRUE;
              if (!lines)
                continue;

              /* Past the grid's outer edges, so a cutter can start outside the card. */
              if (piece == 0)
                start -= CUT_OVERHANG;
              if (piece == n_pieces - 1)
                end += CUT_OVERHANG;
              cairo_move_to (cr, vertical ? across : start, vertical ? start : across);
              cairo_line_to (cr, vertical ? across : end, vertical ? end : across);
            }

          if (lines || !any)
            continue;

          for (guint side = 0; side < 2; side++)
            {
              double from = side == 0 ? along - CROP_MARK_GAP : along + length + CROP_MARK_GAP;
              double to = side == 0 ? from - CROP_MARK_LENGTH : from + CROP_MARK_LENGTH;

              cairo_move_to (cr, vertical ? across : from, vertical ? from : across);
              cairo_line_to (cr, vertical ? across : to, vertical ? to : across);
            }
        }
    }

  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_fold_line (cairo_t            *cr,
                ClosenessPrintRect  front,
                ClosenessPrintRect  back)
{
  static const double dashes[] = { 3.0, 3.0 };

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.70, 0.70, 0.72);
  cairo_set_line_width (cr, 0.5);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  if (back.x > front.x)
    {
      cairo_move_to (cr, back.x, front.y + 4);
      cairo_line_to (cr, back.x, front.y + front.height - 4);
    }
  else
    {
      cairo_move_to (cr, front.x + 4, back.y);
      cairo_line_to (cr, front.x + front.width - 4, back.y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
closeness_print_document_draw_cards_page (ClosenessPrintDocument *self,
                                          cairo_t                *cr,
                                          PangoContext           *context,
                                          guint                   page_nr)
{
  const ClosenessPrintOptions *options = &self->options;
  guint per_page = closeness_print_grid_cards_per_page (options);
  gboolean back_page = closeness_print_document_is_back_page (self, page_nr);
  guint sheet = options->backs && !options->fold ? page_nr / 2 : page_nr;
  gboolean across = closeness_print_grid_folds_across (options, self->page_width,
                                                       self->page_height);

  for (guint slot = 0; slot < per_page; slot++)
    {
      guint index = sheet * per_page + slot;
      const PrintCard *card;
      ClosenessPrintRect rect;

      if (index >= self->cards->len)
        break;

      card = &g_array_index (self->cards, PrintCard, index);
      rect = closeness_print_grid_get_card (options, self->page_width, self->page_height,
                                            slot, back_page);

      if (back_page)
        {
          draw_card_back (self, cr, context, card, rect, FALSE);
          continue;
        }

      draw_card_front (self, cr, context, card, rect);

      if (options->fold)
        {
          ClosenessPrintRect back = closeness_print_grid_get_card (options, self->page_width,
                                                                   self->page_height, slot, TRUE);

          /* Folded over a horizontal line, the back must be upside down to read. */
          draw_card_back (self, cr, context, card, back, !across);
          draw_fold_line (cr, rect, back);
        }
    }

  draw_cut_lines (self, cr, page_nr);
}
