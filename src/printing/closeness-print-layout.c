/* closeness-print-layout.c: cards and question sheets on paper.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-printing"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "closeness-print-layout.h"

/* Noto covers most scripts; fontconfig falls back per character anyway. */
#define FONT_FAMILY        "Noto Sans,Cantarell,DejaVu Sans,Sans"
#define CARD_MARGIN        34.0   /* 12 mm: inside what any printer can reach */
#define SHEET_MARGIN       54.0   /* 19 mm */
#define CUT_OVERHANG       8.0
#define CROP_MARK_GAP      4.0
#define CROP_MARK_LENGTH   14.0
#define FOOT_SIZE          7.0
#define FOOT_GAP           10.0
#define MIN_TEXT_SIZE      6.5
#define FOLLOW_UP_RATIO    0.74
#define LINE_SPACING       1.18
#define MIN_LINE_SPACING   0.9
#define SIZE_STEP          0.25
#define SHEET_TITLE_SIZE   17.0
#define SHEET_TEXT_SIZE    12.0
#define SHEET_GUTTER       28.0
#define SHEET_RULES        3
#define SHEET_RULE_SPACING 24.0
#define SHEET_ITEM_GAP     20.0
#define SHEET_FOOTER       22.0

typedef struct
{
  char   *text;
  char   *follow_up;
  char   *deck_name;
  char   *icon_name;
  /* Question sheets only, filled in by paginate. */
  guint   page;
  double  y;
  double  size;
  double  height;
  guint   ellipsized : 1;
} PrintCard;

struct _ClosenessPrintDocument
{
  ClosenessPrintOptions   options;
  double                  page_width;
  double                  page_height;
  char                   *title;
  GArray                 *cards;
  guint                   n_pages;
  ClosenessPrintIconFunc  icon_func;
  gpointer                icon_data;
};

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

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
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

static gboolean
fold_pairs_across (const ClosenessPrintOptions *options,
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

  across = fold_pairs_across (options, page_width, page_height);

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
      if (fold_pairs_across (options, page_width, page_height))
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

static double
base_text_size (const ClosenessPrintOptions *options)
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

static double
layout_height (PangoLayout *layout)
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

static double
follow_up_gap (double size)
{
  return size * 0.7;
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
  double total = layout_height (layout);

  if (total > height || !layout_fits_width (layout, width))
    return FALSE;

  if (has_text (follow_up))
    {
      g_autoptr(PangoLayout) second = NULL;

      second = closeness_print_create_text_layout (context, follow_up, size * FOLLOW_UP_RATIO,
                                                   width, TRUE);
      total += follow_up_gap (size) + layout_height (second);
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
  if (self->icon_func != NULL && has_text (icon_name))
    self->icon_func (cr, icon_name, x, y, size, self->icon_data);
  else
    draw_default_symbol (cr, x, y, size);
  cairo_restore (cr);
}

static void
show_layout_at (cairo_t     *cr,
                PangoLayout *layout,
                double       x,
                double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
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
  show_layout_at (cr, name, left + icon + gap, y);
}

static double
foot_height (PangoContext *context)
{
  g_autoptr(PangoLayout) probe = closeness_print_create_text_layout (context, "Ag", FOOT_SIZE,
                                                                     -1, FALSE);

  return MAX (layout_height (probe), FOOT_SIZE * 1.3);
}

static void
draw_card_front (ClosenessPrintDocument *self,
                 cairo_t                *cr,
                 PangoContext           *context,
                 const PrintCard        *card,
                 ClosenessPrintRect      rect)
{
  double padding = closeness_print_grid_get_padding (&self->options);
  double foot = foot_height (context);
  double width = rect.width - 2 * padding;
  double height = rect.height - 2 * padding - foot - FOOT_GAP;
  double x = rect.x + padding;
  g_autoptr(PangoLayout) text = NULL;
  g_autoptr(PangoLayout) follow_up = NULL;
  gboolean ellipsized = FALSE;
  double size, total, y;

  size = closeness_print_fit_text (context, card->text, card->follow_up, width, height,
                                   base_text_size (&self->options), MIN_TEXT_SIZE, &ellipsized);

  text = closeness_print_create_text_layout (context, card->text, size, width, FALSE);
  if (ellipsized)
    {
      /* The last resort: never let text leave the card. */
      pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (text, (int) (height * PANGO_SCALE));
    }
  else if (has_text (card->follow_up))
    {
      follow_up = closeness_print_create_text_layout (context, card->follow_up,
                                                      size * FOLLOW_UP_RATIO, width, TRUE);
    }

  total = layout_height (text);
  if (follow_up != NULL)
    total += follow_up_gap (size) + layout_height (follow_up);

  /* Optically centred: a touch above the middle of the space. */
  y = rect.y + padding + MAX (0, (height - total) * 0.45);

  cairo_set_source_rgb (cr, 0.11, 0.11, 0.13);
  show_layout_at (cr, text, x, y);

  if (follow_up != NULL)
    {
      cairo_set_source_rgb (cr, 0.38, 0.38, 0.40);
      show_layout_at (cr, follow_up, x, y + layout_height (text) + follow_up_gap (size));
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
  double name_size = base_text_size (&self->options) * 0.72;
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
  name_height = layout_height (name);
  total = icon + name_size + name_height;
  y = rect.y + (rect.height - total) / 2;

  cairo_set_source_rgb (cr, 0.40, 0.40, 0.43);
  draw_symbol (self, cr, card->icon_name, rect.x + (rect.width - icon) / 2, y, icon);
  cairo_set_source_rgb (cr, 0.33, 0.33, 0.36);
  show_layout_at (cr, name, rect.x + padding, y + icon + name_size);

  cairo_restore (cr);
}

static void
draw_cut_lines (ClosenessPrintDocument *self,
                cairo_t                *cr)
{
  ClosenessPrintRect area = closeness_print_grid_get_area (&self->options, self->page_width,
                                                           self->page_height);
  guint columns, rows;

  closeness_print_grid_get_size (&self->options, self->page_width, self->page_height,
                                 &columns, &rows);

  cairo_save (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  if (self->options.cut_marks == CLOSENESS_PRINT_CUT_LINES)
    {
      cairo_set_source_rgb (cr, 0.62, 0.62, 0.64);
      cairo_set_line_width (cr, 0.6);
      for (guint i = 0; i <= columns; i++)
        {
          double x = area.x + i * area.width / columns;

          if (closeness_print_grid_is_fold_line (&self->options, self->page_width,
                                                 self->page_height, TRUE, i))
            continue;
          cairo_move_to (cr, x, area.y - CUT_OVERHANG);
          cairo_line_to (cr, x, area.y + area.height + CUT_OVERHANG);
        }
      for (guint i = 0; i <= rows; i++)
        {
          double y = area.y + i * area.height / rows;

          if (closeness_print_grid_is_fold_line (&self->options, self->page_width,
                                                 self->page_height, FALSE, i))
            continue;
          cairo_move_to (cr, area.x - CUT_OVERHANG, y);
          cairo_line_to (cr, area.x + area.width + CUT_OVERHANG, y);
        }
      cairo_stroke (cr);
    }
  else
    {
      cairo_set_source_rgb (cr, 0.25, 0.25, 0.27);
      cairo_set_line_width (cr, 0.5);
      for (guint i = 0; i <= columns; i++)
        {
          double x = area.x + i * area.width / columns;

          if (closeness_print_grid_is_fold_line (&self->options, self->page_width,
                                                 self->page_height, TRUE, i))
            continue;
          cairo_move_to (cr, x, area.y - CROP_MARK_GAP);
          cairo_line_to (cr, x, area.y - CROP_MARK_GAP - CROP_MARK_LENGTH);
          cairo_move_to (cr, x, area.y + area.height + CROP_MARK_GAP);
          cairo_line_to (cr, x, area.y + area.height + CROP_MARK_GAP + CROP_MARK_LENGTH);
        }
      for (guint i = 0; i <= rows; i++)
        {
          double y = area.y + i * area.height / rows;

          if (closeness_print_grid_is_fold_line (&self->options, self->page_width,
                                                 self->page_height, FALSE, i))
            continue;
          cairo_move_to (cr, area.x - CROP_MARK_GAP, y);
          cairo_line_to (cr, area.x - CROP_MARK_GAP - CROP_MARK_LENGTH, y);
          cairo_move_to (cr, area.x + area.width + CROP_MARK_GAP, y);
          cairo_line_to (cr, area.x + area.width + CROP_MARK_GAP + CROP_MARK_LENGTH, y);
        }
      cairo_stroke (cr);
    }

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

static void
draw_cards_page (ClosenessPrintDocument *self,
                 cairo_t                *cr,
                 PangoContext           *context,
                 guint                   page_nr)
{
  const ClosenessPrintOptions *options = &self->options;
  guint per_page = closeness_print_grid_cards_per_page (options);
  gboolean back_page = closeness_print_document_is_back_page (self, page_nr);
  guint sheet = options->backs && !options->fold ? page_nr / 2 : page_nr;
  gboolean across = fold_pairs_across (options, self->page_width, self->page_height);

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

  draw_cut_lines (self, cr);
}

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

  if (!has_text (self->title))
    return 0;

  title = create_title_layout (self, context);

  return layout_height (title) + SHEET_ITEM_GAP * 1.2;
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
  double height = layout_height (text);

  if (has_text (card->follow_up) && !card->ellipsized)
    {
      g_autoptr(PangoLayout) follow_up = NULL;

      follow_up = create_sheet_layout (context, card->follow_up, card->size * FOLLOW_UP_RATIO,
                                       width, TRUE);
      height += follow_up_gap (card->size) * 0.6 + layout_height (follow_up);
    }

  return height;
}

static void
paginate_sheet (ClosenessPrintDocument *self,
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

static void
draw_sheet_page (ClosenessPrintDocument *self,
                 cairo_t                *cr,
                 PangoContext           *context,
                 guint                   page_nr)
{
  double width = sheet_text_width (self);
  double left = SHEET_MARGIN;
  double top = SHEET_MARGIN;
  g_autofree char *footer = NULL;
  g_autoptr(PangoLayout) footer_layout = NULL;

  if (page_nr == 0 && has_text (self->title))
    {
      g_autoptr(PangoLayout) title = create_title_layout (self, context);

      cairo_set_source_rgb (cr, 0.11, 0.11, 0.13);
      show_layout_at (cr, title, left, top);
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
      show_layout_at (cr, number_layout, left, y);

      text = create_sheet_layout (context, card->text, card->size, width, FALSE);
      if (card->ellipsized)
        {
          pango_layout_set_ellipsize (text, PANGO_ELLIPSIZE_END);
          pango_layout_set_height (text, (int) (card->height * PANGO_SCALE));
        }
      cairo_set_source_rgb (cr, 0.11, 0.11, 0.13);
      show_layout_at (cr, text, left + SHEET_GUTTER, y);
      text_height = layout_height (text);

      if (has_text (card->follow_up) && !card->ellipsized)
        {
          g_autoptr(PangoLayout) follow_up = NULL;

          follow_up = create_sheet_layout (context, card->follow_up,
                                           card->size * FOLLOW_UP_RATIO, width, TRUE);
          cairo_set_source_rgb (cr, 0.38, 0.38, 0.40);
          show_layout_at (cr, follow_up, left + SHEET_GUTTER,
                          y + text_height + follow_up_gap (card->size) * 0.6);
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
  show_layout_at (cr, footer_layout, left,
                  self->page_height - SHEET_MARGIN - layout_height (footer_layout));
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
  card.follow_up = has_text (follow_up) ? g_strdup (follow_up) : NULL;
  card.deck_name = g_strdup (deck_name != NULL ? deck_name : "");
  card.icon_name = g_strdup (icon_name);
  g_array_append_val (self->cards, card);
}

guint
closeness_print_document_get_n_cards (ClosenessPrintDocument *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->cards->len;
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
    paginate_sheet (self, context);
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
 * closeness_print_document_count_ellipsized:
 *
 * Returns: how many cards or questions had to be cut short to fit
 */
guint
closeness_print_document_count_ellipsized (ClosenessPrintDocument *self,
                                           PangoContext           *context)
{
  double padding = closeness_print_grid_get_padding (&self->options);
  double foot = foot_height (context);
  ClosenessPrintRect cell;
  guint count = 0;

  g_return_val_if_fail (self != NULL, 0);

  if (self->options.style == CLOSENESS_PRINT_STYLE_SHEET)
    {
      paginate_sheet (self, context);
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
                                base_text_size (&self->options), MIN_TEXT_SIZE, &ellipsized);
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
    draw_sheet_page (self, cr, context, page_nr);
  else
    draw_cards_page (self, cr, context, page_nr);
  cairo_restore (cr);
}
