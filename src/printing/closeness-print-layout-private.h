/* closeness-print-layout-private.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the printout's files share: closeness-print-layout.c (options, the
 * card grid, text fitting and the document), closeness-print-layout-cards.c
 * (card pages) and closeness-print-layout-sheet.c (question sheets).
 */

#pragma once

#include "closeness-print-layout.h"

G_BEGIN_DECLS

#define FOOT_SIZE          7.0
#define FOOT_GAP           10.0
#define MIN_TEXT_SIZE      6.5
#define FOLLOW_UP_RATIO    0.74

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

static inline gboolean
closeness_print_has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static inline double
closeness_print_follow_up_gap (double size)
{
  return size * 0.7;
}

static inline void
closeness_print_show_layout_at (cairo_t     *cr,
                                PangoLayout *layout,
                                double       x,
                                double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* closeness-print-layout.c */
gboolean closeness_print_grid_folds_across         (const ClosenessPrintOptions *options,
                                                     double                       page_width,
                                                     double                       page_height);
double   closeness_print_base_text_size            (const ClosenessPrintOptions *options);
double   closeness_print_layout_height             (PangoLayout                 *layout);
double   closeness_print_foot_height               (PangoContext                *context);

/* closeness-print-layout-cards.c */
void     closeness_print_document_draw_cards_page  (ClosenessPrintDocument      *self,
                                                     cairo_t                     *cr,
                                                     PangoContext                *context,
                                                     guint                        page_nr);

/* closeness-print-layout-sheet.c */
void     closeness_print_document_paginate_sheet   (ClosenessPrintDocument      *self,
                                                     PangoContext                *context);
void     closeness_print_document_draw_sheet_page  (ClosenessPrintDocument      *self,
                                                     cairo_t                     *cr,
                                                     PangoContext                *context,
                                                     guint                        page_nr);

G_END_DECLS
