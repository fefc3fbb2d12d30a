/* closeness-label-factory.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How a label that may be too long for its place fits. */
typedef enum
{
  CLOSENESS_LABEL_NATURAL,   /* as long as its text */
  CLOSENESS_LABEL_ELLIPSIZE, /* cut with "…" beyond the width */
  CLOSENESS_LABEL_WRAP,      /* over several lines beyond the width */
} ClosenessLabelFit;

GtkListItemFactory *closeness_label_factory_new (ClosenessLabelFit fit,
                                                 int               max_width_chars);

G_END_DECLS
