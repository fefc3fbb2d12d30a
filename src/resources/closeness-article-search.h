/* closeness-article-search.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "closeness-article.h"

G_BEGIN_DECLS

/* Higher is better. */
typedef enum
{
  CLOSENESS_ARTICLE_MATCH_NONE,
  CLOSENESS_ARTICLE_MATCH_BODY,
  CLOSENESS_ARTICLE_MATCH_SUMMARY,
  CLOSENESS_ARTICLE_MATCH_TITLE,
} ClosenessArticleMatch;

char                  *closeness_article_search_fold (const char       *text);
ClosenessArticleMatch  closeness_article_match       (ClosenessArticle *article,
                                                      const char       *query);
GListModel            *closeness_article_search      (GListModel       *articles,
                                                      const char       *query);

G_END_DECLS
