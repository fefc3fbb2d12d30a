/* closeness-print-layout.c: cards and question sheets on paper.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The printout's options, the card grid, fitting text into a card, and the
 * document itself. The document's pages are drawn in
 * closeness-print-layout-cards.c (cards) and closeness-print-layout-sheet.c
 * (question sheets).
 */

#define G_LOG_DOMAIN "closeness-printing"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "closeness-print-layout-private.h"

/* Noto covers most scripts; fontconfig falls back per character anyway. */
#define FONT_FAMILY        "Noto Sans,Cantarell,DejaVu Sans,Sans"
#define CARD_MARGIN        34.0   /* 12 mm: inside what any printer can reach */
#define LINE_SPACING       1.18
#define MIN_LINE_SPACING   0.9
#define SIZE_STEP          0.25

G_DEFINE_QUARK (closeness-print-error-quark, closeness_print_error)

static const struct {
  const char *name;
  ClosenessPrintStyle style;
  guint cards_per_page;
} layouts[] = {
  { "cards-4", CLOSENESS_PRINT_STYLE_CARDS, 4 },
  { "cards-6", CLOSENESS_PRINT_STYLE_CARDS, 6 },
  { "cards-8", CLOSENESS_PRINT_STYLE_CARDS, 8 },
  { "sheet", CLOSENESS_PRINT_STYLE_SHEET, 6 },
};

static void
clear_print_card (gpointer data)
{
  PrintCard *card = data;

  g_clear_pointer (&card->text, g_free);
  g_clear_pointer (&card->follow_up, g_free);
  g_clear_pointer (&card->deck_name, g_free);
  g_clear_pointer (&card->icon_name, g_free);
}

/* Options */

void
closeness_print_options_init (ClosenessPrintOptions *options)
{
  g_return_if_fail (options != NULL);

  options->style = CLOSENESS_PRINT_STYLE_CARDS;
  options->cards_per_page = 6;
  options->cut_marks = CLOSENESS_PRINT_CUT_LINES;
  options->backs = FALSE;
  options->fold = FALSE;
}

/**
 * closeness_print_options_set_layout:
 * @layout: "cards-4", "cards-6", "cards-8" or "sheet"
 *
 * Returns: %TRUE if @layout is known; otherwise @options is unchanged
 */
gboolean
closeness_print_options_set_layout (ClosenessPrintOptions  *options,
                                    const char             *layout,
                                    GError                **error)
{
  g_return_val_if_fail (options != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
    {
      if (g_strcmp0 (layout, layouts[i].name) != 0)
        continue;

      options->style = layouts[i].style;
      if (layouts[i].style == CLOSENESS_PRINT_STYLE_CARDS)
        options->cards_per_page = layouts[i].cards_per_page;
      return TRUE;
    }

  g_set_error (error, CLOSENESS_PRINT_ERROR, CLOSENESS_PRINT_ERROR_UNKNOWN_LAYOUT,
               /* Translators: the layout names stay untranslated: they are command line values. */
               _("Unknown layout “%s”: use cards-4, cards-6, cards-8 or sheet."),
               layout != NULL ? layout : "");
  return FALSE;
}

const char *
closeness_print_options_get_layout (const ClosenessPrintOptions *options)
{
  g_return_val_if_fail (options != NULL, NULL);

  if (options->style == CLOSENESS_PRINT_STYLE_SHEET)
    return "sheet";

  switch (options->cards_per_page)
    {
    case 4:
      return "cards-4";
    case 8:
      return "cards-8";
    case 6:
    default:
      return "cards-6";
    }
}

/**
 * closeness_print_paper_get_name:
 * @paper: "a4" or "letter", in any case
 *
 * Returns: (nullable): the PWG paper name (as GTK_PAPER_NAME_A4), or %NULL
 *   with @error set
 */
const char *
closeness_print_paper_get_name (const char  *paper,
                                GError     **error)
{
  if (paper != NULL && g_ascii_strcasecmp (paper, "a4") == 0)
    return "iso_a4";
  if (paper != NULL && g_ascii_strcasecmp (paper, "letter") == 0)
    return "na_letter";

  g_set_error (error, CLOSENESS_PRINT_ERROR, CLOSENESS_PRINT_ERROR_UNKNOWN_PAPER,
               /* Translators: a4 and letter stay untranslated: they are command line values. */
               _("Unknown paper “%s”: use a4 or letter."), paper != NULL ? paper : "");
  return NULL;
}

/* Brings remembered or hand-made options back into range. */
void
closeness_print_options_normalize (ClosenessPrintOptions *options)
{
  g_return_if_fail (options != NULL);

  if (options->style != CLOSENESS_PRINT_STYLE_SHEET)
    options->style = CLOSENESS_PRINT_STYLE_CARDS;
  if (options->cards_per_page != 4 && options->cards_per_page != 8)
    options->cards_per_page = 6;
  if (options->cut_marks != CLOSENESS_PRINT_CROP_MARKS)
    options->cut_marks = CLOSENESS_PRINT_CUT_LINES;
  options->backs = !!options->backs;
  options->fold = !!options->fold;
  /* A folded card carries its own back. */
  if (options->fold)
    options->backs = FALSE;
}

/* The card grid */

void
closeness_print_grid_get_size (const ClosenessPrintOptions *options,
                               double                       page_width,
                               double                       page_height,
                               guint                       *columns,
                               guint                       *rows)
{
  guint cells = options->cards_per_page;
  guint short_side = 2;
  guint long_side;

  if (cells != 4 && cells != 8)
    cells = 6;
  long_side = cells / short_side;

  /* Two across the short side of the paper, so cards keep friendly proportions. */
  if (page_width <= page_height)
    {
      *columns = short_side;
      *rows = long_side;
    }
  else
    {
      *columns = long_side;
      *rows = short_side;
    }
}

gboolean
closeness_print_grid_folds_across (const ClosenessPrintOptions *options,
                                   double                       page_width,
                                   double                       page_height)
{
  guint columns, rows;

  closeness_print_grid_get_size (options, page_width, page_height, &columns, &rows);

  return columns % 2 == 0;
}

/**
 * closeness_print_grid_is_fold_line:
 * @vertical: whether the grid line runs from top to bottom
 * @index: the grid line, 0 for the left or top edge of the grid
 *
 * Returns: %TRUE if the line is folded, not cut
 */
gboolean
closeness_print_grid_is_fold_line (const ClosenessPrintOptions *options,
                                   double                       page_width,
                                   double                       page_height,
                                   gboolean                     vertical,
                                   guint                        index)
{
  gboolean across;

  if (!options->fold || index % 2 == 0)
    return FALSE;

  across = closeness_print_grid_folds_across (options, page_width, page_height);

  return vertical ? across : !across;
}

guint
closeness_print_grid_cards_per_page (const ClosenessPrintOptions *options)
{
  guint cells = options->cards_per_page;

  if (cells != 4 && cells != 8)
    cells = 6;

  return options->fold ? cells / 2 : cells;
}

ClosenessPrintRect
closeness_print_grid_get_area (const ClosenessPrintOptions *options,
                               double                       page_width,
                               double                       page_height)
{
  ClosenessPrintRect area = {
    CARD_MARGIN, CARD_MARGIN, page_width - 2 * CARD_MARGIN, page_height - 2 * CARD_MARGIN
  };

  return area;
}

ClosenessPrintRect
closeness_print_grid_get_cell (const ClosenessPrintOptions *options,
                               double                       page_width,
                               double                       page_height,
                               guint                        column,
                               guint                        row)
{
  ClosenessPrintRect area = closeness_print_grid_get_area (options, page_width, page_height);
  ClosenessPrintRect cell;
  guint columns, rows;

  closeness_print_grid_get_size (options, page_width, page_height, &columns, &rows);

  cell.width = area.width / columns;
  cell.height = area.height / rows;
  cell.x = area.x + column * cell.width;
  cell.y = area.y + row * cell.height;

  return cell;
}

/* Where card @slot of a page goes; backs of duplex pages swap columns so
 * each back lands behind its front when the sheet turns over its long edge. */
static void
locate_slot (const ClosenessPrintOptions *options,
             double                       page_width,
             double                       page_height,
             guint                        slot,
             gboolean                     back,
             guint                       *column,
             guint                       *row)
{
  guint columns, rows;

  closeness_print_grid_get_size (options, page_width, page_height, &columns, &rows);

  if (options->fold)
    {
      if (closeness_print_grid_folds_across (options, page_width, page_height))
        {
          guint pairs = columns / 2;

          *row = slot / pairs;
          *column = 2 * (slot % pairs) + (back ? 1 : 0);
        }
      else
        {
          *column = slot % columns;
          *row = 2 * (slot / columns) + (back ? 1 : 0);
        }
      return;
    }

  *column = slot % columns;
  *row = slot / columns;
  if (back)
    *column = columns - 1 - *column;
}

ClosenessPrintRect
closeness_print_grid_get_card (const ClosenessPrintOptions *options,
                               double                       page_width,
                               double                       page_height,
                               guint                        slot,
                               gboolean                     back)
{
  guint column, row;

  locate_slot (options, page_width, page_height, slot, back, &column, &row);

  return closeness_print_grid_get_cell (options, page_width, page_height, column, row);
}

double
closeness_print_grid_get_padding (const ClosenessPrintOptions *options)
{
  switch (options->cards_per_page)
    {
    case 4:
      return 26.0;
    case 8:
      return 17.0;
    case 6:
    default:
      return 21.0;
    }
}

double
closeness_print_base_text_size (const ClosenessPrintOptions *options)
{
  switch (options->cards_per_page)
    {
    case 4:
      return 17.0;
    case 8:
      return 12.5;
    case 6:
    default:
      return 14.5;
    }
}

/**
 * closeness_print_count_card_pages:
 *
 * Returns: the pages @n_cards cards take, backs included; 0 for question
 *   sheets, whose length depends on the text (see
 *   closeness_print_document_paginate())
 */
guint
closeness_print_count_card_pages (const ClosenessPrintOptions *options,
                                  guint                        n_cards)
{
  guint per_page;
  guint sheets;

  g_return_val_if_fail (options != NULL, 0);

  if (options->style == CLOSENESS_PRINT_STYLE_SHEET)
    return 0;

  per_page = closeness_print_grid_cards_per_page (options);
  sheets = (n_cards + per_page - 1) / per_page;

  return options->backs && !options->fold ? 2 * sheets : sheets;
}

/* Text fitting */

/**
 * closeness_print_create_text_layout:
 * @width: the wrapping width, or a negative number for none
 *
 * Returns: (transfer full): a layout of @text at @size points, centred, wrapped
 *   between words (inside a word only when a word is wider than @width)
 */
PangoLayout *
closeness_print_create_text_layout (PangoContext *context,
                                    const char   *text,
                                    double        size,
                                    double        width,
                                    gboolean      italic)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (italic)
    pango_font_description_set_style (font, PANGO_STYLE_ITALIC);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  /* Small text gives up some leading before it gets any smaller; fonts
   * with tall line heights (Noto) can give up a little more. */
  pango_layout_set_line_spacing (layout, MIN_LINE_SPACING + (LINE_SPACING - MIN_LINE_SPACING) *
                                 CLAMP ((size - MIN_TEXT_SIZE) / (10.0 - MIN_TEXT_SIZE), 0.0, 1.0));
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);

  return layout;
}

double
closeness_print_layout_height (PangoLayout *layout)
{
  PangoRectangle ink, logical;

  pango_layout_get_extents (layout, &ink, &logical);

  /* Some scripts draw above or below their logical box: count that too. */
  return (MAX (logical.y + logical.height, ink.y + ink.height) - MIN (logical.y, ink.y)) /
         (double) PANGO_SCALE;
}

static gboolean
layout_fits_width (PangoLayout *layout,
                   double       width)
{
  PangoRectangle ink, logical;

  pango_layout_get_extents (layout, &ink, &logical);

  /* A centred layout's box starts at 0 and is @width wide. */
  return ink.x >= -PANGO_SCALE && (ink.x + ink.width) / (double) PANGO_SCALE <= width + 1.0;
}

static gboolean
text_fits (PangoContext *context,
           const char   *text,
           const char   *follow_up,
           double        width,
           double        height,
           double        size)
{
  g_autoptr(PangoLayout) layout = closeness_print_create_text_layout (context, text, size, width,
                                                                      FALSE);
  double total = closeness_print_layout_height (layout);

  if (total > height || !layout_fits_width (layout, width))
    return FALSE;

  if (closeness_print_has_text (follow_up))
    {
      g_autoptr(PangoLayout) second = NULL;

      second = closeness_print_create_text_layout (context, follow_up, size * FOLLOW_UP_RATIO,
                                                   width, TRUE);
      total += closeness_print_follow_up_gap (size) + closeness_print_layout_height (second);
      if (total > height || !layout_fits_width (second, width))
        return FALSE;
    }

  return TRUE;
}

/**
 * closeness_print_fit_text:
 * @follow_up: (nullable): printed below @text, smaller
 * @ellipsized: (out) (optional): set to %TRUE when even @min_size is too big,
 *   so the text has to be cut short with an ellipsis
 *
 * Finds the largest size, at most @base_size and in quarter points, at which
 * @text and @follow_up fit into @width × @height.
 *
 * Returns: the size in points of @text; @follow_up is a little smaller
 */
double
closeness_print_fit_text (PangoContext *context,
                          const char   *text,
                          const char   *follow_up,
                          double        width,
                          double        height,
                          double        base_size,
                          double        min_size,
                          gboolean     *ellipsized)
{
  int low, high;

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), min_size);

  if (ellipsized != NULL)
    *ellipsized = FALSE;

  if (text_fits (context, text, follow_up, width, height, base_size))
    return base_size;

  if (!text_fits (context, text, follow_up, width, height, min_size))
    {
      if (ellipsized != NULL)
        *ellipsized = TRUE;
      return min_size;
    }

  /* Sizes are min_size + k * SIZE_STEP; low always fits, high never does. */
  low = 0;
  high = (int) ceil ((base_size - min_size) / SIZE_STEP);
  while (high - low > 1)
    {
      int middle = (low + high) / 2;

      if (text_fits (context, text, follow_up, width, height, min_size + middle * SIZE_STEP))
        low = middle;
      else
        high = middle;
    }

  return min_size + low * SIZE_STEP;
}

/* The height of the line at the foot of a card: its deck's symbol and name. */
double
closeness_print_foot_height (PangoContext *context)
{
  g_autoptr(PangoLayout) probe = closeness_print_create_text_layout (context, "Ag", FOOT_SIZE,
                                                                     -1, FALSE);

  return MAX (closeness_print_layout_height (probe), FOOT_SIZE * 1.3);
}

/* Documents */

/**
 * closeness_print_document_new:
 * @page_width: the whole paper, in points
 *
 * Returns: (transfer full): an empty printout
 */
ClosenessPrintDocument *
closeness_print_document_new (const ClosenessPrintOptions *options,
                              double                       page_width,
                              double                       page_height)
{
  ClosenessPrintDocument *self;

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (page_width > 4 * CARD_MARGIN && page_height > 4 * CARD_MARGIN, NULL);

  self = g_new0 (ClosenessPrintDocument, 1);
  self->options = *options;
  closeness_print_options_normalize (&self->options);
  self->page_width = page_width;
  self->page_height = page_height;
  self->cards = g_array_new (FALSE, TRUE, sizeof (PrintCard));
  g_array_set_clear_func (self->cards, clear_print_card);

  return self;
}

void
closeness_print_document_free (ClosenessPrintDocument *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->cards, g_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_free (self);
}

/* The heading of a question sheet. */
void
closeness_print_document_set_title (ClosenessPrintDocument *self,
                                    const char             *title)
{
  g_return_if_fail (self != NULL);

  g_free (self->title);
  self->title = g_strdup (title);
}

void
closeness_print_document_set_icon_func (ClosenessPrintDocument *self,
                                        ClosenessPrintIconFunc  func,
                                        gpointer                user_data)
{
  g_return_if_fail (self != NULL);

  self->icon_func = func;
  self->icon_data = user_data;
}

void
closeness_print_document_add_card (ClosenessPrintDocument *self,
                                   const char             *text,
                                   const char             *follow_up,
                                   const char             *deck_name,
                                   const char             *icon_name)
{
  PrintCard card = { 0 };

  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL);

  card.text = g_strdup (text);
  card.follow_up = closeness_print_has_text (follow_up) ? g_strdup (follow_up) : NULL;
  card.deck_name = g_strdup (deck_name != NULL ? deck_name : "");
  card.icon_name = g_strdup (icon_name);
  g_array_append_val (self->cards, card);
}

/**
 * closeness_print_document_paginate:
 *
 * Returns: the number of pages, at least 1
 */
guint
closeness_print_document_paginate (ClosenessPrintDocument *self,
                                   PangoContext           *context)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), 0);

  if (self->options.style == CLOSENESS_PRINT_STYLE_SHEET)
    closeness_print_document_paginate_sheet (self, context);
  else
    self->n_pages = MAX (1, closeness_print_count_card_pages (&self->options, self->cards->len));

  return self->n_pages;
}

gboolean
closeness_print_document_is_back_page (ClosenessPrintDocument *self,
                                       guint                   page_nr)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->options.style == CLOSENESS_PRINT_STYLE_CARDS &&
         self->options.backs && !self->options.fold && page_nr % 2 == 1;
}

/**
 * closeness_print_document_is_cell_used:
 * @page_nr: the page, from 0
 * @column: the grid column, from 0 at the left
 * @row: the grid row, from 0 at the top
 *
 * Whether a card (its front, or its back on a back page or when folded)
 * lands in this cell of the card grid. Cells left over on the last sheet
 * are unused, and get no cut lines.
 *
 * Returns: %TRUE if the cell holds a card
 */
gboolean
closeness_print_document_is_cell_used (ClosenessPrintDocument *self,
                                       guint                   page_nr,
                                       guint                   column,
                                       guint                   row)
{
  const ClosenessPrintOptions *options;
  gboolean back_page;
  guint per_page, sheet, first;

  g_return_val_if_fail (self != NULL, FALSE);

  options = &self->options;
  if (options->style != CLOSENESS_PRINT_STYLE_CARDS)
    return FALSE;

  per_page = closeness_print_grid_cards_per_page (options);
  back_page = closeness_print_document_is_back_page (self, page_nr);
  sheet = options->backs && !options->fold ? page_nr / 2 : page_nr;
  first = sheet * per_page;

  for (guint slot = 0; slot < per_page && first + slot < self->cards->len; slot++)
    {
      guint slot_column, slot_row;

      locate_slot (options, self->page_width, self->page_height, slot, back_page,
                   &slot_column, &slot_row);
      if (slot_column == column && slot_row == row)
        return TRUE;

      if (!options->fold)
        continue;

      locate_slot (options, self->page_width, self->page_height, slot, TRUE,
                   &slot_column, &slot_row);
      if (slot_column == column && slot_row == row)
        return TRUE;
    }

  return FALSE;
}

/**
 * closeness_print_document_count_ellipsized:
 *
 * Returns: how many cards or questions had to be cut short to fit
 */
guint
closeness_print_document_count_ellipsized (ClosenessPrintDocument *self,
                                           PangoContext           *context)
{
  double padding = closeness_print_grid_get_padding (&self->options);
  double foot = closeness_print_foot_height (context);
  ClosenessPrintRect cell;
  guint count = 0;

  g_return_val_if_fail (self != NULL, 0);

  if (self->options.style == CLOSENESS_PRINT_STYLE_SHEET)
    {
      closeness_print_document_paginate_sheet (self, context);
      for (guint i = 0; i < self->cards->len; i++)
        count += g_array_index (self->cards, PrintCard, i).ellipsized;
      return count;
    }

  cell = closeness_print_grid_get_cell (&self->options, self->page_width, self->page_height, 0, 0);
  for (guint i = 0; i < self->cards->len; i++)
    {
      const PrintCard *card = &g_array_index (self->cards, PrintCard, i);
      gboolean ellipsized = FALSE;

      closeness_print_fit_text (context, card->text, card->follow_up,
                                cell.width - 2 * padding,
                                cell.height - 2 * padding - foot - FOOT_GAP,
                                closeness_print_base_text_size (&self->options), MIN_TEXT_SIZE,
                                &ellipsized);
      count += ellipsized;
    }

  return count;
}

void
closeness_print_document_draw_page (ClosenessPrintDocument *self,
                                    cairo_t                *cr,
                                    PangoContext           *context,
                                    guint                   page_nr)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (PANGO_IS_CONTEXT (context));

  cairo_save (cr);
  if (self->options.style == CLOSENESS_PRINT_STYLE_SHEET)
    closeness_print_document_draw_sheet_page (self, cr, context, page_nr);
  else
    closeness_print_document_draw_cards_page (self, cr, context, page_nr);
  cairo_restore (cr);
}
