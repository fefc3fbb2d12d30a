/* closeness-prompt-print-operation-private.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the print operation (closeness-prompt-print-operation.c) and its
 * Cards tab in the print dialog (closeness-prompt-print-operation-tab.c) share.
 */

#pragma once

#include "closeness-prompt-print-operation.h"

G_BEGIN_DECLS

struct _ClosenessPromptPrintOperation
{
  GtkPrintOperation        parent_instance;

  ClosenessStore          *store;
  ClosenessPrintSelection *selection;
  ClosenessPrintSelection *initial_selection;  /* what the page asked for */
  ClosenessPrintOptions    options;

  /* Alive between begin-print and end-print. */
  ClosenessPrintDocument  *document;
  PangoContext            *pango_context;
  GtkPageSetup            *used_page_setup;

  GtkIconTheme            *icon_theme;
  GHashTable              *symbols;  /* icon name → A8 cairo surface, or NULL if missing */

  /* The custom tab of the print dialog. */
  GtkWidget               *choice_drop_down;
  GtkWidget               *pages_label;
  GtkPageSetup            *dialog_page_setup;
  ClosenessPrintSelectionKind choices[4];  /* the rows of choice_drop_down */
  guint                    n_choices;
  GtkWidget               *layout_drop_down;
  GtkWidget               *cut_lines_check;
  GtkWidget               *crop_marks_check;
  GtkWidget               *backs_check;
  GtkWidget               *fold_check;

  guint                    remember : 1;
  guint                    nothing_to_print : 1;  /* the Cards tab chose an empty selection */
};

/* closeness-prompt-print-operation-tab.c */
GtkWidget *closeness_prompt_print_operation_create_custom_widget (GtkPrintOperation *operation);
void       closeness_prompt_print_operation_custom_widget_apply  (GtkPrintOperation *operation,
                                                                  GtkWidget         *widget);
void       closeness_prompt_print_operation_update_custom_widget (GtkPrintOperation *operation,
                                                                  GtkWidget         *widget,
                                                                  GtkPageSetup      *setup,
                                                                  GtkPrintSettings  *settings);

G_END_DECLS
