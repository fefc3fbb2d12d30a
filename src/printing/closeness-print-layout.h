/* closeness-print-layout.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where cards and questions go on paper, and how big their text may be.
 * No GTK: cairo and Pango only, so the layout can be tested without a display.
 * All lengths are in points (1/72 inch).
 */

#pragma once

#include <pango/pangocairo.h>

G_BEGIN_DECLS

#define CLOSENESS_PRINT_ERROR (closeness_print_error_quark ())

typedef enum
{
  CLOSENESS_PRINT_ERROR_UNKNOWN_DECK,    /* a deck named on the command line does not exist */
  CLOSENESS_PRINT_ERROR_UNKNOWN_LAYOUT,  /* not cards-4, cards-6, cards-8 or sheet */
  CLOSENESS_PRINT_ERROR_UNKNOWN_PAPER,   /* not a4 or letter */
  CLOSENESS_PRINT_ERROR_EMPTY,           /* nothing to print within the couple's choices */
  CLOSENESS_PRINT_ERROR_WRITE,           /* the PDF could not be written */
  CLOSENESS_PRINT_ERROR_NO_DISPLAY,      /* GTK could not be initialised */
  CLOSENESS_PRINT_ERROR_FAILED,          /* anything else */
  CLOSENESS_PRINT_ERROR_CLOSED_DECK,     /* the command line asked for a deck the couple has not
                                            opened */
} ClosenessPrintError;

typedef enum
{
  CLOSENESS_PRINT_STYLE_CARDS,
  CLOSENESS_PRINT_STYLE_SHEET,
} ClosenessPrintStyle;

typedef enum
{
  CLOSENESS_PRINT_CUT_LINES,
  CLOSENESS_PRINT_CROP_MARKS,
} ClosenessPrintCutMarks;

typedef struct
{
  ClosenessPrintStyle    style;
  guint                  cards_per_page; /* 4, 6 or 8 grid cells */
  ClosenessPrintCutMarks cut_marks;
  gboolean               backs;          /* a mirrored back page after each front page */
  gboolean               fold;           /* front and back side by side, folded in half */
} ClosenessPrintOptions;

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} ClosenessPrintRect;

/* Draws the small symbol of a deck into the square at @x, @y. */
typedef void (*ClosenessPrintIconFunc) (cairo_t    *cr,
                                        const char *icon_name,
                                        double      x,
                                        double      y,
                                        double      size,
                                        gpointer    user_data);

typedef struct _ClosenessPrintDocument ClosenessPrintDocument;

GQuark                  closeness_print_error_quark            (void);

void                    closeness_print_options_init           (ClosenessPrintOptions *options);
gboolean                closeness_print_options_set_layout     (ClosenessPrintOptions *options,
                                                                const char            *layout,
                                                                GError               **error);
const char             *closeness_print_options_get_layout (const ClosenessPrintOptions *options);
const char             *closeness_print_paper_get_name         (const char *paper,
                                                                GError    **error);
void                    closeness_print_options_normalize      (ClosenessPrintOptions *options);

/* The card grid (pure arithmetic). */
void                    closeness_print_grid_get_size (const ClosenessPrintOptions *options,
                                                       double                       page_width,
                                                       double                       page_height,
                                                       guint                       *columns,
                                                       guint                       *rows);
gboolean                closeness_print_grid_is_fold_line (const ClosenessPrintOptions *options,
                                                           double                       page_width,
                                                           double                       page_height,
                                                           gboolean                     vertical,
                                                           guint                        index);
guint                   closeness_print_grid_cards_per_page (const ClosenessPrintOptions *options);
ClosenessPrintRect      closeness_print_grid_get_area (const ClosenessPrintOptions *options,
                                                       double                       page_width,
                                                       double                       page_height);
ClosenessPrintRect      closeness_print_grid_get_cell (const ClosenessPrintOptions *options,
                                                       double                       page_width,
                                                       double                       page_height,
                                                       guint                        column,
                                                       guint                        row);
ClosenessPrintRect      closeness_print_grid_get_card (const ClosenessPrintOptions *options,
                                                       double                       page_width,
                                                       double                       page_height,
                                                       guint                        slot,
                                                       gboolean                     back);
double                  closeness_print_grid_get_padding (const ClosenessPrintOptions *options);
guint                   closeness_print_count_card_pages (const ClosenessPrintOptions *options,
                                                          guint                        n_cards);

/* Text fitting. */
double                  closeness_print_fit_text               (PangoContext *context,
                                                                const char   *text,
                                                                const char   *follow_up,
                                                                double        width,
                                                                double        height,
                                                                double        base_size,
                                                                double        min_size,
                                                                gboolean     *ellipsized);
PangoLayout            *closeness_print_create_text_layout     (PangoContext *context,
                                                                const char   *text,
                                                                double        size,
                                                                double        width,
                                                                gboolean      italic);

/* A whole printout: cards or a question sheet. */
ClosenessPrintDocument *closeness_print_document_new (const ClosenessPrintOptions *options,
                                                      double                       page_width,
                                                      double                       page_height);
void                    closeness_print_document_free          (ClosenessPrintDocument       *self);
void                    closeness_print_document_set_title     (ClosenessPrintDocument *self,
                                                                const char             *title);
void                    closeness_print_document_set_icon_func (ClosenessPrintDocument *self,
                                                                ClosenessPrintIconFunc  func,
                                                                gpointer                user_data);
void                    closeness_print_document_add_card      (ClosenessPrintDocument *self,
                                                                const char             *text,
                                                                const char             *follow_up,
                                                                const char             *deck_name,
                                                                const char             *icon_name);
guint                   closeness_print_document_paginate      (ClosenessPrintDocument *self,
                                                                PangoContext           *context);
gboolean                closeness_print_document_is_back_page  (ClosenessPrintDocument *self,
                                                                guint                   page_nr);
gboolean                closeness_print_document_is_cell_used  (ClosenessPrintDocument *self,
                                                                guint                   page_nr,
                                                                guint                   column,
                                                                guint                   row);
guint                   closeness_print_document_count_ellipsized (ClosenessPrintDocument *self,
                                                                   PangoContext           *context);
void                    closeness_print_document_draw_page     (ClosenessPrintDocument *self,
                                                                cairo_t                *cr,
                                                                PangoContext           *context,
                                                                guint                   page_nr);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClosenessPrintDocument, closeness_print_document_free)

G_END_DECLS
