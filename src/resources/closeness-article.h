/* closeness-article.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  CLOSENESS_ARTICLE_BLOCK_HEADING,
  CLOSENESS_ARTICLE_BLOCK_PARAGRAPH,
  CLOSENESS_ARTICLE_BLOCK_LIST_ITEM,
  CLOSENESS_ARTICLE_BLOCK_SOURCE,
} ClosenessArticleBlockKind;

typedef struct _ClosenessArticleBlock ClosenessArticleBlock;

#define CLOSENESS_TYPE_ARTICLE_BLOCK (closeness_article_block_get_type ())

GType                      closeness_article_block_get_type         (void) G_GNUC_CONST;
ClosenessArticleBlock     *closeness_article_block_ref              (ClosenessArticleBlock *block);
void                       closeness_article_block_unref            (ClosenessArticleBlock *block);
ClosenessArticleBlockKind  closeness_article_block_get_kind (const ClosenessArticleBlock *block);
const char                *closeness_article_block_get_markup (const ClosenessArticleBlock *block);
const char *closeness_article_block_get_print_markup (const ClosenessArticleBlock *block);
const char                *closeness_article_block_get_text (const ClosenessArticleBlock *block);
const char                *closeness_article_block_get_uri (const ClosenessArticleBlock *block);
const char * const        *closeness_article_block_get_links (const ClosenessArticleBlock *block);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClosenessArticleBlock, closeness_article_block_unref)

#define CLOSENESS_TYPE_ARTICLE (closeness_article_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessArticle, closeness_article, CLOSENESS, ARTICLE, GObject)

const char                  *closeness_article_get_id        (ClosenessArticle *self);
const char                  *closeness_article_get_icon_name (ClosenessArticle *self);
const char                  *closeness_article_get_title     (ClosenessArticle *self);
const char                  *closeness_article_get_summary   (ClosenessArticle *self);
guint                        closeness_article_get_n_blocks  (ClosenessArticle *self);
const ClosenessArticleBlock *closeness_article_get_block     (ClosenessArticle *self,
                                                              guint             position);
guint                        closeness_article_get_n_sources (ClosenessArticle *self);
const ClosenessArticleBlock *closeness_article_get_source    (ClosenessArticle *self,
                                                              guint             position);
char                        *closeness_article_dup_body_text (ClosenessArticle *self);

G_END_DECLS
