/* closeness-article-library.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "closeness-article.h"

G_BEGIN_DECLS

#define CLOSENESS_ARTICLES_RESOURCE "/com/example/Closeness/resources/closeness.articles.xml"

/* A link from one article to another: <a href="article:safety-note">. */
#define CLOSENESS_ARTICLE_LINK_PREFIX "article:"

/* Where to turn in danger or a crisis: listed first, and linked from
 * Preferences and About. */
#define CLOSENESS_ARTICLE_SAFETY_NOTE "safety-note"

#define CLOSENESS_ARTICLE_LIBRARY_ERROR (closeness_article_library_error_quark ())

typedef enum
{
  CLOSENESS_ARTICLE_LIBRARY_ERROR_INVALID,
} ClosenessArticleLibraryError;

#define CLOSENESS_TYPE_ARTICLE_LIBRARY (closeness_article_library_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessArticleLibrary, closeness_article_library, CLOSENESS,
                      ARTICLE_LIBRARY, GObject)

GQuark                   closeness_article_library_error_quark       (void);
ClosenessArticleLibrary *closeness_article_library_get_default       (void);
ClosenessArticleLibrary *closeness_article_library_new_from_bytes    (GBytes  *bytes,
                                                                      GError **error);
ClosenessArticleLibrary *closeness_article_library_new_from_resource (const char *path,
                                                                      GError    **error);
ClosenessArticle        *closeness_article_library_lookup            (ClosenessArticleLibrary *self,
                                                                      const char              *id);
const char * const      *closeness_article_library_get_message_ids (ClosenessArticleLibrary *self);
const char              *closeness_article_link_get_id               (const char *uri);
gboolean                 closeness_article_library_convert_message   (const char *message,
                                                                      char      **markup,
                                                                      char      **print_markup,
                                                                      char      **text,
                                                                      GError    **error);

G_END_DECLS
