/* closeness-article.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-resources"

#include "config.h"

#include "closeness-article-private.h"

struct _ClosenessArticleBlock
{
  gatomicrefcount            ref_count;
  ClosenessArticleBlockKind  kind;
  char                      *markup;
  char                      *print_markup;
  char                      *text;
  char                      *uri;
  GStrv                      links;
};

G_DEFINE_BOXED_TYPE (ClosenessArticleBlock, closeness_article_block,
                     closeness_article_block_ref, closeness_article_block_unref)

struct _ClosenessArticle
{
  GObject    parent_instance;

  char      *id;
  char      *icon_name;
  char      *title;
  char      *summary;
  GPtrArray *blocks;
  GPtrArray *sources;
};

G_DEFINE_FINAL_TYPE (ClosenessArticle, closeness_article, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ICON_NAME,
  PROP_TITLE,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

ClosenessArticleBlock *
_closeness_article_block_new (ClosenessArticleBlockKind  kind,
                              const char                *markup,
                              const char                *print_markup,
                              const char                *text,
                              const char                *uri,
                              GStrv                      links)
{
  ClosenessArticleBlock *block = g_new0 (ClosenessArticleBlock, 1);

  g_atomic_ref_count_init (&block->ref_count);
  block->kind = kind;
  block->markup = g_strdup (markup);
  block->print_markup = g_strdup (print_markup);
  block->text = g_strdup (text);
  block->uri = g_strdup (uri);
  block->links = links != NULL ? g_strdupv (links) : g_new0 (char *, 1);

  return block;
}

ClosenessArticleBlock *
closeness_article_block_ref (ClosenessArticleBlock *block)
{
  g_return_val_if_fail (block != NULL, NULL);

  g_atomic_ref_count_inc (&block->ref_count);

  return block;
}

void
closeness_article_block_unref (ClosenessArticleBlock *block)
{
  g_return_if_fail (block != NULL);

  if (!g_atomic_ref_count_dec (&block->ref_count))
    return;

  g_free (block->markup);
  g_free (block->print_markup);
  g_free (block->text);
  g_free (block->uri);
  g_strfreev (block->links);
  g_free (block);
}

ClosenessArticleBlockKind
closeness_article_block_get_kind (const ClosenessArticleBlock *block)
{
  g_return_val_if_fail (block != NULL, CLOSENESS_ARTICLE_BLOCK_PARAGRAPH);

  return block->kind;
}

/**
 * closeness_article_block_get_markup:
 *
 * Returns: the text as markup for a #GtkLabel: Pango markup plus `<a href>`.
 */
const char *
closeness_article_block_get_markup (const ClosenessArticleBlock *block)
{
  g_return_val_if_fail (block != NULL, NULL);

  return block->markup;
}

/**
 * closeness_article_block_get_print_markup:
 *
 * Returns: the text as plain Pango markup, with links written out for paper.
 */
const char *
closeness_article_block_get_print_markup (const ClosenessArticleBlock *block)
{
  g_return_val_if_fail (block != NULL, NULL);

  return block->print_markup;
}

const char *
closeness_article_block_get_text (const ClosenessArticleBlock *block)
{
  g_return_val_if_fail (block != NULL, NULL);

  return block->text;
}

/**
 * closeness_article_block_get_uri:
 *
 * Returns: (nullable): where a source block points to; %NULL for other blocks.
 */
const char *
closeness_article_block_get_uri (const ClosenessArticleBlock *block)
{
  g_return_val_if_fail (block != NULL, NULL);

  return block->uri;
}

/**
 * closeness_article_block_get_links:
 *
 * Returns: (transfer none): the targets of the links inside the text, in order.
 */
const char * const *
closeness_article_block_get_links (const ClosenessArticleBlock *block)
{
  g_return_val_if_fail (block != NULL, NULL);

  return (const char * const *) block->links;
}

static void
closeness_article_finalize (GObject *object)
{
  ClosenessArticle *self = CLOSENESS_ARTICLE (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->icon_name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_clear_pointer (&self->sources, g_ptr_array_unref);

  G_OBJECT_CLASS (closeness_article_parent_class)->finalize (object);
}

static void
closeness_article_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ClosenessArticle *self = CLOSENESS_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_ICON_NAME:
      g_value_set_string (value, self->icon_name);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_article_class_init (ClosenessArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = closeness_article_finalize;
  object_class->get_property = closeness_article_get_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_NAME] =
    g_param_spec_string ("icon-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
closeness_article_init (ClosenessArticle *self)
{
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_article_block_unref);
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_article_block_unref);
  self->title = g_strdup ("");
  self->summary = g_strdup ("");
}

ClosenessArticle *
_closeness_article_new (const char *id,
                        const char *icon_name)
{
  ClosenessArticle *self = g_object_new (CLOSENESS_TYPE_ARTICLE, NULL);

  self->id = g_strdup (id);
  self->icon_name = g_strdup (icon_name);

  return self;
}

void
_closeness_article_set_title (ClosenessArticle *self,
                              const char       *title)
{
  g_return_if_fail (CLOSENESS_IS_ARTICLE (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
_closeness_article_set_summary (ClosenessArticle *self,
                                const char       *summary)
{
  g_return_if_fail (CLOSENESS_IS_ARTICLE (self));

  if (g_strcmp0 (self->summary, summary) == 0)
    return;

  g_free (self->summary);
  self->summary = g_strdup (summary);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

/* Takes ownership of @block. */
void
_closeness_article_add_block (ClosenessArticle      *self,
                              ClosenessArticleBlock *block)
{
  g_return_if_fail (CLOSENESS_IS_ARTICLE (self));
  g_return_if_fail (block != NULL);

  if (block->kind == CLOSENESS_ARTICLE_BLOCK_SOURCE)
    g_ptr_array_add (self->sources, block);
  else
    g_ptr_array_add (self->blocks, block);
}

const char *
closeness_article_get_id (ClosenessArticle *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ARTICLE (self), NULL);

  return self->id;
}

const char *
closeness_article_get_icon_name (ClosenessArticle *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ARTICLE (self), NULL);

  return self->icon_name;
}

const char *
closeness_article_get_title (ClosenessArticle *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ARTICLE (self), NULL);

  return self->title;
}

const char *
closeness_article_get_summary (ClosenessArticle *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ARTICLE (self), NULL);

  return self->summary;
}

guint
closeness_article_get_n_blocks (ClosenessArticle *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ARTICLE (self), 0);

  return self->blocks->len;
}

/**
 * closeness_article_get_block:
 *
 * Returns: (transfer none): the heading, paragraph or list item at @position.
 */
const ClosenessArticleBlock *
closeness_article_get_block (ClosenessArticle *self,
                             guint             position)
{
  g_return_val_if_fail (CLOSENESS_IS_ARTICLE (self), NULL);
  g_return_val_if_fail (position < self->blocks->len, NULL);

  return g_ptr_array_index (self->blocks, position);
}

guint
closeness_article_get_n_sources (ClosenessArticle *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ARTICLE (self), 0);

  return self->sources->len;
}

/**
 * closeness_article_get_source:
 *
 * Returns: (transfer none): the "Further reading" entry at @position.
 */
const ClosenessArticleBlock *
closeness_article_get_source (ClosenessArticle *self,
                              guint             position)
{
  g_return_val_if_fail (CLOSENESS_IS_ARTICLE (self), NULL);
  g_return_val_if_fail (position < self->sources->len, NULL);

  return g_ptr_array_index (self->sources, position);
}

/**
 * closeness_article_dup_body_text:
 *
 * Returns: (transfer full): the plain text of every block, one per line.
 */
char *
closeness_article_dup_body_text (ClosenessArticle *self)
{
  GString *text;

  g_return_val_if_fail (CLOSENESS_IS_ARTICLE (self), NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      const ClosenessArticleBlock *block = g_ptr_array_index (self->blocks, i);

      g_string_append (text, block->text);
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}
