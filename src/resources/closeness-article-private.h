/* closeness-article-private.h: how the library builds articles.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "closeness-article.h"

G_BEGIN_DECLS

ClosenessArticleBlock *_closeness_article_block_new (ClosenessArticleBlockKind   kind,
                                                     const char                 *markup,
                                                     const char                 *print_markup,
                                                     const char                 *text,
                                                     const char                 *uri,
                                                     GStrv                       links);
ClosenessArticle      *_closeness_article_new       (const char                 *id,
                                                     const char                 *icon_name);
void                   _closeness_article_set_title   (ClosenessArticle         *self,
                                                       const char               *title);
void                   _closeness_article_set_summary (ClosenessArticle         *self,
                                                       const char               *summary);
void                   _closeness_article_add_block   (ClosenessArticle         *self,
                                                       ClosenessArticleBlock    *block);

G_END_DECLS
