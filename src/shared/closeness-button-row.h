/* closeness-button-row.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CLOSENESS_TYPE_BUTTON_ROW (closeness_button_row_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessButtonRow, closeness_button_row, CLOSENESS, BUTTON_ROW, GtkWidget)

GtkWidget *closeness_button_row_new           (void);
gboolean   closeness_button_row_get_stacked   (ClosenessButtonRow *self);

G_END_DECLS
