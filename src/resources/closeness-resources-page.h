/* closeness-resources-page.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "closeness-article.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_RESOURCES_PAGE (closeness_resources_page_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessResourcesPage, closeness_resources_page, CLOSENESS, RESOURCES_PAGE,
                      AdwBin)

GtkWidget        *closeness_resources_page_new          (void);
ClosenessArticle *closeness_resources_page_get_article  (ClosenessResourcesPage *self);
gboolean          closeness_resources_page_show_article (ClosenessResourcesPage *self,
                                                         const char             *id);
void              closeness_resources_page_focus_search (ClosenessResourcesPage *self);

G_END_DECLS
