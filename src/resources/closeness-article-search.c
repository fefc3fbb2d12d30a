/* closeness-article-search.c: which articles a search shows, in which order.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-resources"

#include "config.h"

#include <string.h>

#include "closeness-article-search.h"

/**
 * closeness_article_search_fold:
 * @text: UTF-8 text
 *
 * Folds @text for matching: case and accents are dropped ("Thérapie" and
 * "therapie" are the same), and runs of white space become one space.
 *
 * Returns: (transfer full): the folded text.
 */
char *
closeness_article_search_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *out;
  gboolean space = TRUE;

  if (text == NULL)
    return g_strdup ("");

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (decomposed, -1);

  out = g_string_new (NULL);
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
        continue;

      if (g_unichar_isspace (c))
        {
          if (!space)
            g_string_append_c (out, ' ');
          space = TRUE;
          continue;
        }

      g_string_append_unichar (out, c);
      space = FALSE;
    }

  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);

  return g_string_free (out, FALSE);
}

static gboolean
contains_all_words (const char * const *words,
                    const char         *haystack)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] != '\0' && strstr (haystack, words[i]) == NULL)
        return FALSE;
    }

  return TRUE;
}

/**
 * closeness_article_match:
 * @article: an article
 * @query: what the person typed
 *
 * Every word of @query must appear in the article (as part of a word, so
 * "therap" finds "Paartherapie"). The match is as good as the first part of
 * the article that holds all the words: the title, then the summary, then
 * the body and its further reading.
 *
 * Returns: how well @article matches; %CLOSENESS_ARTICLE_MATCH_TITLE for an
 *   empty query.
 */
ClosenessArticleMatch
closeness_article_match (ClosenessArticle *article,
                         const char       *query)
{
  g_autofree char *folded_query = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *body = NULL;
  g_autofree char *folded = NULL;

  g_return_val_if_fail (CLOSENESS_IS_ARTICLE (article), CLOSENESS_ARTICLE_MATCH_NONE);

  folded_query = closeness_article_search_fold (query);
  if (folded_query[0] == '\0')
    return CLOSENESS_ARTICLE_MATCH_TITLE;
  words = g_strsplit (folded_query, " ", -1);

  text = g_string_new (closeness_article_get_title (article));
  folded = closeness_article_search_fold (text->str);
  if (contains_all_words ((const char * const *) words, folded))
    return CLOSENESS_ARTICLE_MATCH_TITLE;

  g_string_append_c (text, '\n');
  g_string_append (text, closeness_article_get_summary (article));
  g_free (folded);
  folded = closeness_article_search_fold (text->str);
  if (contains_all_words ((const char * const *) words, folded))
    return CLOSENESS_ARTICLE_MATCH_SUMMARY;

  body = closeness_article_dup_body_text (article);
  g_string_append_c (text, '\n');
  g_string_append (text, body);
  for (guint i = 0; i < closeness_article_get_n_sources (article); i++)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, closeness_article_block_get_text (
                               closeness_article_get_source (article, i)));
    }
  g_free (folded);
  folded = closeness_article_search_fold (text->str);
  if (contains_all_words ((const char * const *) words, folded))
    return CLOSENESS_ARTICLE_MATCH_BODY;

  return CLOSENESS_ARTICLE_MATCH_NONE;
}

/**
 * closeness_article_search:
 * @articles: a list of #ClosenessArticle
 * @query: what the person typed
 *
 * Returns: (transfer full): the matching articles, title matches first, then
 *   summary and body matches, each group in the original order.
 */
GListModel *
closeness_article_search (GListModel *articles,
                          const char *query)
{
  GListStore *results = g_list_store_new (CLOSENESS_TYPE_ARTICLE);
  guint n_items = g_list_model_get_n_items (articles);
  g_autofree ClosenessArticleMatch *matches = g_new0 (ClosenessArticleMatch, MAX (n_items, 1));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(ClosenessArticle) article = g_list_model_get_item (articles, i);

      matches[i] = closeness_article_match (article, query);
    }

  for (int rank = CLOSENESS_ARTICLE_MATCH_TITLE; rank > CLOSENESS_ARTICLE_MATCH_NONE; rank--)
    {
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(ClosenessArticle) article = NULL;

          if ((int) matches[i] != rank)
            continue;

          article = g_list_model_get_item (articles, i);
          g_list_store_append (results, article);
        }
    }

  return G_LIST_MODEL (results);
}
