/* closeness-article-print.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "closeness-article.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_ARTICLE_PRINT (closeness_article_print_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessArticlePrint, closeness_article_print, CLOSENESS, ARTICLE_PRINT,
                      GtkPrintOperation)

ClosenessArticlePrint *closeness_article_print_new         (ClosenessArticle       *article);
gboolean               closeness_article_print_export_pdf  (ClosenessArticle       *article,
                                                            const char             *filename,
                                                            GError                **error);

G_END_DECLS
