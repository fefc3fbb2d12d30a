/* closeness-prompt-print-operation.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "store/closeness-store.h"

#include "closeness-print-layout.h"
#include "closeness-print-selection.h"

G_BEGIN_DECLS

/* The app_state key the remembered print settings and page setup live under. */
#define CLOSENESS_PRINT_SETTINGS_STATE_KEY "print-settings"

#define CLOSENESS_TYPE_PROMPT_PRINT_OPERATION (closeness_prompt_print_operation_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessPromptPrintOperation, closeness_prompt_print_operation,
                      CLOSENESS, PROMPT_PRINT_OPERATION, GtkPrintOperation)

ClosenessPromptPrintOperation *
closeness_prompt_print_operation_new (ClosenessStore          *store,
                                      ClosenessPrintSelection *selection);
const ClosenessPrintOptions *
closeness_prompt_print_operation_get_options (ClosenessPromptPrintOperation *self);
void
closeness_prompt_print_operation_set_options (ClosenessPromptPrintOperation *self,
                                              const ClosenessPrintOptions   *options);
gboolean
closeness_prompt_print_operation_set_paper (ClosenessPromptPrintOperation *self,
                                            const char                    *paper,
                                            GError                       **error);
guint
closeness_prompt_print_operation_count_prompts (ClosenessPromptPrintOperation *self);
guint
closeness_prompt_print_operation_count_pages (ClosenessPromptPrintOperation *self,
                                              const ClosenessPrintOptions   *options);
void
closeness_prompt_print_operation_load_settings (ClosenessPromptPrintOperation *self);
gboolean
closeness_prompt_print_operation_save_settings (ClosenessPromptPrintOperation *self,
                                                GError                       **error);
gboolean
closeness_prompt_print_operation_export_pdf (ClosenessPromptPrintOperation *self,
                                             const char                    *filename,
                                             GError                       **error);

void                           closeness_prompt_print_run (GtkWindow               *parent,
                                                           ClosenessStore          *store,
                                                           ClosenessPrintSelection *selection);

G_END_DECLS
