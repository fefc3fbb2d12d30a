/* closeness-article-library.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-resources"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "closeness-article-library.h"
#include "closeness-article-private.h"

/* The articles are translated at run time: gettext cannot merge inline markup
 * back into XML. xgettext (with po/its/closeness-articles.its) writes each
 * translatable element's inner XML as its msgid, so the loader rebuilds exactly
 * that string, looks it up with g_dgettext() and parses the result. A unit test
 * compares the rebuilt strings with xgettext's output. */

struct _ClosenessArticleLibrary
{
  GObject    parent_instance;

  GPtrArray *articles;
  GPtrArray *message_ids;
};

static void closeness_article_library_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ClosenessArticleLibrary, closeness_article_library, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      closeness_article_library_list_model_init))

G_DEFINE_QUARK (closeness-article-library-error-quark, closeness_article_library_error)

/* A tiny DOM: enough to serialise inline markup the way xgettext does. */
typedef struct _Node Node;

struct _Node
{
  char      *name;          /* NULL for text */
  char      *text;
  GStrv      attr_names;
  GStrv      attr_values;
  GPtrArray *children;
  int        line;
  guint      mixed : 1;     /* libxml2 saw character data: keep blanks */
  guint      tentative : 1; /* a leading blank kept only if nothing follows */
};

typedef struct
{
  Node      *root;
  GPtrArray *stack;
} TreeBuilder;

static void
node_free (Node *node)
{
  g_free (node->name);
  g_free (node->text);
  g_strfreev (node->attr_names);
  g_strfreev (node->attr_values);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Node, node_free)

static Node *
node_new_element (const char  *name,
                  const char **attr_names,
                  const char **attr_values,
                  int          line)
{
  Node *node = g_new0 (Node, 1);

  node->name = g_strdup (name);
  node->attr_names = g_strdupv ((char **) attr_names);
  node->attr_values = g_strdupv ((char **) attr_values);
  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) node_free);
  node->line = line;

  return node;
}

static const char *
node_get_attribute (Node       *node,
                    const char *name)
{
  for (guint i = 0; node->attr_names != NULL && node->attr_names[i] != NULL; i++)
    {
      if (g_str_equal (node->attr_names[i], name))
        return node->attr_values[i];
    }

  return NULL;
}

static gboolean
is_xml_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
is_blank_text (const char *text,
               gsize       len)
{
  for (gsize i = 0; i < len; i++)
    {
      if (!is_xml_blank (text[i]))
        return FALSE;
    }

  return TRUE;
}

/* Whether libxml2 would mark the element as mixed content after this text:
 * its parser does so for a run of character data that starts with a blank,
 * and for any run that contains non-ASCII text. Entity references (decoded
 * here to & < >) start a new run. */
static gboolean
text_makes_mixed (const char *text,
                  gsize       len)
{
  gboolean run_start = TRUE;

  for (gsize i = 0; i < len; i++)
    {
      guchar c = text[i];

      if (c >= 0x80 || (run_start && is_xml_blank (c)))
        return TRUE;
      run_start = (c == '&' || c == '<' || c == '>');
    }

  return FALSE;
}

static void
drop_tentative_blank (Node *parent)
{
  if (parent->children->len == 1)
    {
      Node *first = g_ptr_array_index (parent->children, 0);

      if (first->tentative)
        g_ptr_array_remove_index (parent->children, 0);
    }
}

static void
tree_start_element_cb (GMarkupParseContext  *context,
                       const char           *element_name,
                       const char          **attribute_names,
                       const char          **attribute_values,
                       gpointer              user_data,
                       GError              **error)
{
  TreeBuilder *builder = user_data;
  Node *node;
  int line;

  g_markup_parse_context_get_position (context, &line, NULL);
  node = node_new_element (element_name, attribute_names, attribute_values, line);

  if (builder->stack->len == 0)
    {
      builder->root = node;
    }
  else
    {
      Node *parent = g_ptr_array_index (builder->stack, builder->stack->len - 1);

      drop_tentative_blank (parent);
      g_ptr_array_add (parent->children, node);
    }

  g_ptr_array_add (builder->stack, node);
}

static void
tree_end_element_cb (GMarkupParseContext  *context,
                     const char           *element_name,
                     gpointer              user_data,
                     GError              **error)
{
  TreeBuilder *builder = user_data;

  g_ptr_array_remove_index (builder->stack, builder->stack->len - 1);
}

/* Follows libxml2's XML_PARSE_NOBLANKS, which xgettext uses: a run of blanks
 * is dropped unless the element holds character data or is otherwise empty. */
static void
tree_text_cb (GMarkupParseContext  *context,
              const char           *text,
              gsize                 text_len,
              gpointer              user_data,
              GError              **error)
{
  TreeBuilder *builder = user_data;
  Node *parent;
  Node *last = NULL;
  Node *node;
  gboolean blank;

  if (builder->stack->len == 0 || text_len == 0)
    return;

  parent = g_ptr_array_index (builder->stack, builder->stack->len - 1);
  if (parent->children->len > 0)
    last = g_ptr_array_index (parent->children, parent->children->len - 1);

  blank = is_blank_text (text, text_len);
  if (!blank && text_makes_mixed (text, text_len))
    parent->mixed = TRUE;

  if (last != NULL && last->name == NULL)
    {
      char *joined = g_strdup_printf ("%s%.*s", last->text, (int) text_len, text);

      g_free (last->text);
      last->text = joined;
      last->tentative = FALSE;
      return;
    }

  if (blank && parent->children->len > 0 && !parent->mixed)
    {
      Node *first = g_ptr_array_index (parent->children, 0);

      if (first->name != NULL)
        return;
    }

  node = g_new0 (Node, 1);
  node->text = g_strndup (text, text_len);
  node->tentative = blank && parent->children->len == 0;
  g_ptr_array_add (parent->children, node);
}

static const GMarkupParser tree_parser = {
  tree_start_element_cb,
  tree_end_element_cb,
  tree_text_cb,
  NULL,
  NULL,
};

static Node *
parse_tree (const char  *data,
            gssize       len,
            GError     **error)
{
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  TreeBuilder builder = { NULL, stack };

  context = g_markup_parse_context_new (&tree_parser, G_MARKUP_TREAT_CDATA_AS_TEXT,
                                        &builder, NULL);

  if (!g_markup_parse_context_parse (context, data, len, error) ||
      !g_markup_parse_context_end_parse (context, error))
    {
      g_clear_pointer (&builder.root, node_free);
      return NULL;
    }

  return builder.root;
}

/* What xgettext's text escaping and libxml2's attribute escaping produce. */
static void
append_escaped (GString    *out,
                const char *text,
                gboolean    attribute)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;

        case '<':
          g_string_append (out, "&lt;");
          break;

        case '>':
          g_string_append (out, "&gt;");
          break;

        case '"':
          g_string_append (out, attribute ? "&quot;" : "\"");
          break;

        case '\n':
          g_string_append (out, attribute ? "&#10;" : "\n");
          break;

        case '\r':
          g_string_append (out, attribute ? "&#13;" : "\r");
          break;

        case '\t':
          g_string_append (out, attribute ? "&#9;" : "\t");
          break;

        default:
          g_string_append_c (out, *p);
        }
    }
}

static gboolean
is_gettext_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\n';
}

/* xgettext's "normalize": every run of blanks becomes one space. */
static void
append_normalized (GString    *out,
                   const char *text)
{
  for (const char *p = text; *p != '\0';)
    {
      if (is_gettext_blank (*p))
        {
          while (is_gettext_blank (*p))
            p++;
          g_string_append_c (out, ' ');
        }
      else
        {
          g_string_append_c (out, *p++);
        }
    }
}

static void
append_message_id (GString *out,
                   Node    *element)
{
  for (guint i = 0; i < element->children->len; i++)
    {
      Node *child = g_ptr_array_index (element->children, i);
      g_autoptr(GString) piece = g_string_new (NULL);
      const char *start;

      if (child->name == NULL)
        {
          g_autoptr(GString) escaped = g_string_new (NULL);

          append_escaped (escaped, child->text, FALSE);
          start = escaped->str;
          if (i == 0)
            start += strspn (start, " \t\n");
          append_normalized (piece, start);

          /* Like xgettext, trailing blanks stay when nothing else is left. */
          if (i == element->children->len - 1)
            {
              gsize len = piece->len;

              while (len > 0 && is_gettext_blank (piece->str[len - 1]))
                len--;
              if (len > 0)
                g_string_truncate (piece, len);
            }
        }
      else
        {
          g_autoptr(GString) inner = g_string_new (NULL);
          g_autoptr(GString) raw = g_string_new (NULL);

          append_message_id (inner, child);
          g_string_append_printf (raw, "<%s", child->name);
          for (guint a = 0; child->attr_names[a] != NULL; a++)
            {
              g_string_append_printf (raw, " %s=\"", child->attr_names[a]);
              append_escaped (raw, child->attr_values[a], TRUE);
              g_string_append_c (raw, '"');
            }
          if (inner->len > 0)
            g_string_append_printf (raw, ">%s</%s>", inner->str, child->name);
          else
            g_string_append (raw, "/>");
          append_normalized (piece, raw->str);
        }

      g_string_append_len (out, piece->str, piece->len);
    }
}

static char *
build_message_id (Node *element)
{
  GString *out = g_string_new (NULL);

  append_message_id (out, element);

  return g_string_free (out, FALSE);
}

typedef struct
{
  GString   *markup;
  GString   *print_markup;
  GString   *text;
  GPtrArray *links;
  gboolean   flatten_links; /* a source: its row is the link */
} Conversion;

static void
append_markup_text (Conversion *conversion,
                    const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (conversion->markup, escaped);
  g_string_append (conversion->print_markup, escaped);
  g_string_append (conversion->text, text);
}

static void
convert_children (Conversion *conversion,
                  Node       *element)
{
  for (guint i = 0; i < element->children->len; i++)
    {
      Node *child = g_ptr_array_index (element->children, i);
      const char *tag = NULL;

      if (child->name == NULL)
        {
          append_markup_text (conversion, child->text);
          continue;
        }

      if (g_str_equal (child->name, "em"))
        tag = "i";
      else if (g_str_equal (child->name, "strong"))
        tag = "b";

      if (tag != NULL)
        {
          g_string_append_printf (conversion->markup, "<%s>", tag);
          g_string_append_printf (conversion->print_markup, "<%s>", tag);
          convert_children (conversion, child);
          g_string_append_printf (conversion->markup, "</%s>", tag);
          g_string_append_printf (conversion->print_markup, "</%s>", tag);
        }
      else if (g_str_equal (child->name, "a") && node_get_attribute (child, "href") != NULL &&
               !conversion->flatten_links)
        {
          const char *href = node_get_attribute (child, "href");
          g_autofree char *escaped = g_markup_escape_text (href, -1);

          g_string_append_printf (conversion->markup, "<a href=\"%s\">", escaped);
          convert_children (conversion, child);
          g_string_append (conversion->markup, "</a>");
          /* On paper a web link is only useful written out; an article is
           * in the same booklet of printouts, or a click away in the app. */
          if (!g_str_has_prefix (href, CLOSENESS_ARTICLE_LINK_PREFIX))
            g_string_append_printf (conversion->print_markup, " (%s)", escaped);
          g_ptr_array_add (conversion->links, g_strdup (href));
        }
      else
        {
          convert_children (conversion, child);
        }
    }
}

static gboolean
convert_message_full (const char  *message,
                      char       **markup,
                      char       **print_markup,
                      char       **text,
                      GPtrArray   *links,
                      GError     **error)
{
  g_autofree char *wrapped = NULL;
  g_autoptr(Node) root = NULL;
  g_autoptr(GString) markup_out = g_string_new (NULL);
  g_autoptr(GString) print_out = g_string_new (NULL);
  g_autoptr(GString) text_out = g_string_new (NULL);
  Conversion conversion = { markup_out, print_out, text_out, links, FALSE };

  wrapped = g_strconcat ("<message>", message, "</message>", NULL);
  root = parse_tree (wrapped, -1, error);
  if (root == NULL)
    return FALSE;

  convert_children (&conversion, root);

  if (markup != NULL)
    *markup = g_strdup (markup_out->str);
  if (print_markup != NULL)
    *print_markup = g_strdup (print_out->str);
  if (text != NULL)
    *text = g_strdup (text_out->str);

  return TRUE;
}

/**
 * closeness_article_link_get_id:
 * @uri: the address of a link in an article
 *
 * Returns: (nullable): the id of the article @uri points to, or %NULL if
 *   @uri leads out of the app.
 */
const char *
closeness_article_link_get_id (const char *uri)
{
  if (uri == NULL || !g_str_has_prefix (uri, CLOSENESS_ARTICLE_LINK_PREFIX))
    return NULL;

  return uri + strlen (CLOSENESS_ARTICLE_LINK_PREFIX);
}

/**
 * closeness_article_library_convert_message:
 * @message: a msgid or its translation: text with `<em>`, `<strong>`, `<a href>`
 * @markup: (out) (optional): markup for a #GtkLabel
 * @print_markup: (out) (optional): Pango markup with links written out
 * @text: (out) (optional): plain text
 *
 * Converts an article message into the markup the UI and printing use.
 *
 * Returns: %FALSE if @message is not well-formed.
 */
gboolean
closeness_article_library_convert_message (const char  *message,
                                           char       **markup,
                                           char       **print_markup,
                                           char       **text,
                                           GError     **error)
{
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (message != NULL, FALSE);

  return convert_message_full (message, markup, print_markup, text, links, error);
}

static ClosenessArticleBlock *
translate_element (ClosenessArticleLibrary   *self,
                   Node                      *element,
                   ClosenessArticleBlockKind  kind,
                   const char                *uri,
                   GError                   **error)
{
  g_autofree char *message_id = build_message_id (element);
  g_autofree char *markup = NULL;
  g_autofree char *print_markup = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  const char *translated;
  gboolean converted;

  if (message_id[0] == '\0')
    {
      g_set_error (error, CLOSENESS_ARTICLE_LIBRARY_ERROR, CLOSENESS_ARTICLE_LIBRARY_ERROR_INVALID,
                   "Line %d: <%s> is empty", element->line, element->name);
      return NULL;
    }

  g_ptr_array_add (self->message_ids, g_strdup (message_id));
  translated = g_dgettext (GETTEXT_PACKAGE, message_id);

  converted = convert_message_full (translated, &markup, &print_markup, &text, links,
                                    &local_error);
  if (!converted && translated != message_id)
    {
      g_warning ("Ignoring a broken translation of the text on line %d of the articles: %s",
                 element->line, local_error->message);
      g_clear_error (&local_error);
      g_ptr_array_set_size (links, 0);
      converted = convert_message_full (message_id, &markup, &print_markup, &text, links,
                                        &local_error);
    }
  if (!converted)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "Line %d: ",
                                  element->line);
      return NULL;
    }

  g_ptr_array_add (links, NULL);

  return _closeness_article_block_new (kind, markup, print_markup, text, uri,
                                       (GStrv) links->pdata);
}

static gboolean
set_invalid (GError     **error,
             Node        *node,
             const char  *problem)
{
  g_set_error (error, CLOSENESS_ARTICLE_LIBRARY_ERROR, CLOSENESS_ARTICLE_LIBRARY_ERROR_INVALID,
               "Line %d: <%s> %s", node->line, node->name, problem);
  return FALSE;
}

static const char *
find_first_href (Node *element)
{
  for (guint i = 0; i < element->children->len; i++)
    {
      Node *child = g_ptr_array_index (element->children, i);
      const char *href;

      if (child->name == NULL)
        continue;
      if (g_str_equal (child->name, "a") && (href = node_get_attribute (child, "href")) != NULL)
        return href;
      if ((href = find_first_href (child)) != NULL)
        return href;
    }

  return NULL;
}

/* A <list> is one message of <item>s, so that a translation may name more or
 * fewer of them, e.g. the crisis lines of the countries where it is spoken.
 * In the body each item is a list item; under further-reading each is a
 * source, linked to the address of its first <a>. */
static gboolean
convert_list_message (const char  *message,
                      gboolean     sources,
                      GPtrArray   *blocks,
                      GError     **error)
{
  g_autofree char *wrapped = g_strconcat ("<message>", message, "</message>", NULL);
  g_autoptr(Node) root = parse_tree (wrapped, -1, error);

  if (root == NULL)
    return FALSE;

  for (guint i = 0; i < root->children->len; i++)
    {
      Node *child = g_ptr_array_index (root->children, i);
      g_autoptr(GString) markup = g_string_new (NULL);
      g_autoptr(GString) print_markup = g_string_new (NULL);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_free);
      Conversion conversion = { markup, print_markup, text, links, sources };
      const char *uri = NULL;

      if (child->name == NULL)
        {
          if (is_blank_text (child->text, strlen (child->text)))
            continue;
          g_set_error (error, CLOSENESS_ARTICLE_LIBRARY_ERROR,
                       CLOSENESS_ARTICLE_LIBRARY_ERROR_INVALID,
                       "A list has text outside its items");
          return FALSE;
        }

      if (!g_str_equal (child->name, "item"))
        {
          g_set_error (error, CLOSENESS_ARTICLE_LIBRARY_ERROR,
                       CLOSENESS_ARTICLE_LIBRARY_ERROR_INVALID,
                       "A list holds <%s> instead of <item>", child->name);
          return FALSE;
        }

      if (sources && (uri = find_first_href (child)) == NULL)
        {
          g_set_error (error, CLOSENESS_ARTICLE_LIBRARY_ERROR,
                       CLOSENESS_ARTICLE_LIBRARY_ERROR_INVALID,
                       "A source in a list has no <a href>");
          return FALSE;
        }

      convert_children (&conversion, child);
      if (is_blank_text (text->str, text->len))
        {
          g_set_error (error, CLOSENESS_ARTICLE_LIBRARY_ERROR,
                       CLOSENESS_ARTICLE_LIBRARY_ERROR_INVALID, "A list has an empty item");
          return FALSE;
        }

      g_ptr_array_add (links, NULL);
      g_ptr_array_add (blocks,
                       _closeness_article_block_new (sources ? CLOSENESS_ARTICLE_BLOCK_SOURCE
                                                             : CLOSENESS_ARTICLE_BLOCK_LIST_ITEM,
                                                     markup->str, print_markup->str, text->str,
                                                     uri, (GStrv) links->pdata));
    }

  if (blocks->len == 0)
    {
      g_set_error (error, CLOSENESS_ARTICLE_LIBRARY_ERROR, CLOSENESS_ARTICLE_LIBRARY_ERROR_INVALID,
                   "A list has no items");
      return FALSE;
    }

  return TRUE;
}

static gboolean
translate_list (ClosenessArticleLibrary  *self,
                ClosenessArticle         *article,
                Node                     *list,
                gboolean                  sources,
                GError                  **error)
{
  g_autofree char *message_id = build_message_id (list);
  g_autoptr(GPtrArray) blocks =
    g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_article_block_unref);
  g_autoptr(GError) local_error = NULL;
  const char *translated;
  gboolean converted;

  g_ptr_array_add (self->message_ids, g_strdup (message_id));
  translated = g_dgettext (GETTEXT_PACKAGE, message_id);

  converted = convert_list_message (translated, sources, blocks, &local_error);
  if (!converted && translated != message_id)
    {
      g_warning ("Ignoring a broken translation of the list on line %d of the articles: %s",
                 list->line, local_error->message);
      g_clear_error (&local_error);
      g_ptr_array_set_size (blocks, 0);
      converted = convert_list_message (message_id, sources, blocks, &local_error);
    }
  if (!converted)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "Line %d: ", list->line);
      return FALSE;
    }

  for (guint i = 0; i < blocks->len; i++)
    {
      ClosenessArticleBlock *block = g_ptr_array_index (blocks, i);

      _closeness_article_add_block (article, closeness_article_block_ref (block));
    }

  return TRUE;
}

static gboolean
load_block_list (ClosenessArticleLibrary  *self,
                 ClosenessArticle         *article,
                 Node                     *list,
                 GHashTable               *shared_lists,
                 GError                  **error)
{
  for (guint i = 0; i < list->children->len; i++)
    {
      Node *child = g_ptr_array_index (list->children, i);
      ClosenessArticleBlockKind kind;
      ClosenessArticleBlock *block;
      const char *uri = NULL;

      if (child->name == NULL)
        continue;

      if (g_str_equal (child->name, "list"))
        {
          const char *ref = node_get_attribute (child, "ref");
          Node *items = child;

          /* <list ref="id"/> repeats the list called id, translation and all. */
          if (ref != NULL)
            {
              if (child->children->len > 0)
                return set_invalid (error, child, "has a ref and items of its own");
              items = g_hash_table_lookup (shared_lists, ref);
              if (items == NULL)
                return set_invalid (error, child, "refers to no list");
            }

          if (!translate_list (self, article, items, !g_str_equal (list->name, "body"), error))
            return FALSE;
          continue;
        }

      if (g_str_equal (child->name, "h"))
        kind = CLOSENESS_ARTICLE_BLOCK_HEADING;
      else if (g_str_equal (child->name, "p"))
        kind = CLOSENESS_ARTICLE_BLOCK_PARAGRAPH;
      else if (g_str_equal (child->name, "li"))
        kind = CLOSENESS_ARTICLE_BLOCK_LIST_ITEM;
      else if (g_str_equal (child->name, "source"))
        kind = CLOSENESS_ARTICLE_BLOCK_SOURCE;
      else
        return set_invalid (error, child, "is not known here");

      if (g_str_equal (list->name, "body") == (kind == CLOSENESS_ARTICLE_BLOCK_SOURCE))
        return set_invalid (error, child, "is not allowed here");

      if (kind == CLOSENESS_ARTICLE_BLOCK_SOURCE)
        {
          uri = node_get_attribute (child, "href");
          if (uri == NULL)
            return set_invalid (error, child, "has no href");
        }

      block = translate_element (self, child, kind, uri, error);
      if (block == NULL)
        return FALSE;
      _closeness_article_add_block (article, block);
    }

  return TRUE;
}

static gboolean
load_article (ClosenessArticleLibrary  *self,
              Node                     *node,
              GHashTable               *shared_lists,
              GError                  **error)
{
  g_autoptr(ClosenessArticle) article = NULL;
  const char *id = node_get_attribute (node, "id");
  const char *icon = node_get_attribute (node, "icon");

  if (id == NULL || id[0] == '\0')
    return set_invalid (error, node, "has no id");

  article = _closeness_article_new (id, icon != NULL ? icon : "text-x-generic-symbolic");

  for (guint i = 0; i < node->children->len; i++)
    {
      Node *child = g_ptr_array_index (node->children, i);

      if (child->name == NULL)
        continue;

      if (g_str_equal (child->name, "title") || g_str_equal (child->name, "summary"))
        {
          g_autoptr(ClosenessArticleBlock) block = NULL;

          block = translate_element (self, child, CLOSENESS_ARTICLE_BLOCK_PARAGRAPH, NULL, error);
          if (block == NULL)
            return FALSE;

          if (g_str_equal (child->name, "title"))
            _closeness_article_set_title (article, closeness_article_block_get_text (block));
          else
            _closeness_article_set_summary (article, closeness_article_block_get_text (block));
        }
      else if (g_str_equal (child->name, "body") || g_str_equal (child->name, "further-reading"))
        {
          if (!load_block_list (self, article, child, shared_lists, error))
            return FALSE;
        }
      else
        {
          return set_invalid (error, child, "is not known here");
        }
    }

  if (closeness_article_get_title (article)[0] == '\0')
    return set_invalid (error, node, "has no title");
  if (closeness_article_library_lookup (self, id) != NULL)
    return set_invalid (error, node, "repeats an id");

  g_ptr_array_add (self->articles, g_steal_pointer (&article));

  return TRUE;
}

/* Lists with an id, wherever they are, so a <list ref> may come first. */
static gboolean
collect_shared_lists (Node        *node,
                      GHashTable  *shared_lists,
                      GError     **error)
{
  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    {
      Node *child = g_ptr_array_index (node->children, i);
      const char *id;

      if (child->name == NULL)
        continue;

      if (g_str_equal (child->name, "list") && (id = node_get_attribute (child, "id")) != NULL)
        {
          if (!g_hash_table_insert (shared_lists, (gpointer) id, child))
            return set_invalid (error, child, "repeats an id");
        }

      if (!collect_shared_lists (child, shared_lists, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_articles (ClosenessArticleLibrary  *self,
               GBytes                   *bytes,
               GError                  **error)
{
  g_autoptr(Node) root = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autoptr(GHashTable) shared_lists = g_hash_table_new (g_str_hash, g_str_equal);

  root = parse_tree (data, len, error);
  if (root == NULL)
    return FALSE;

  if (!g_str_equal (root->name, "articles"))
    return set_invalid (error, root, "is not a list of articles");
  if (!collect_shared_lists (root, shared_lists, error))
    return FALSE;

  for (guint i = 0; i < root->children->len; i++)
    {
      Node *child = g_ptr_array_index (root->children, i);

      if (child->name == NULL)
        continue;
      if (!g_str_equal (child->name, "article"))
        return set_invalid (error, child, "is not an article");
      if (!load_article (self, child, shared_lists, error))
        return FALSE;
    }

  g_ptr_array_add (self->message_ids, NULL);

  return TRUE;
}

static GType
closeness_article_library_get_item_type (GListModel *model)
{
  return CLOSENESS_TYPE_ARTICLE;
}

static guint
closeness_article_library_get_n_items (GListModel *model)
{
  return CLOSENESS_ARTICLE_LIBRARY (model)->articles->len;
}

static gpointer
closeness_article_library_get_item (GListModel *model,
                                    guint       position)
{
  ClosenessArticleLibrary *self = CLOSENESS_ARTICLE_LIBRARY (model);

  if (position >= self->articles->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->articles, position));
}

static void
closeness_article_library_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = closeness_article_library_get_item_type;
  iface->get_n_items = closeness_article_library_get_n_items;
  iface->get_item = closeness_article_library_get_item;
}

static void
closeness_article_library_finalize (GObject *object)
{
  ClosenessArticleLibrary *self = CLOSENESS_ARTICLE_LIBRARY (object);

  g_clear_pointer (&self->articles, g_ptr_array_unref);
  g_clear_pointer (&self->message_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (closeness_article_library_parent_class)->finalize (object);
}

static void
closeness_article_library_class_init (ClosenessArticleLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = closeness_article_library_finalize;
}

static void
closeness_article_library_init (ClosenessArticleLibrary *self)
{
  self->articles = g_ptr_array_new_with_free_func (g_object_unref);
  self->message_ids = g_ptr_array_new_with_free_func (g_free);
}

/**
 * closeness_article_library_new_from_bytes:
 * @bytes: an articles document
 *
 * Parses @bytes and translates every text into the current language.
 *
 * Returns: (transfer full): a list of #ClosenessArticle, or %NULL on error.
 */
ClosenessArticleLibrary *
closeness_article_library_new_from_bytes (GBytes  *bytes,
                                          GError **error)
{
  g_autoptr(ClosenessArticleLibrary) self = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CLOSENESS_TYPE_ARTICLE_LIBRARY, NULL);
  if (!load_articles (self, bytes, error))
    return NULL;

  return g_steal_pointer (&self);
}

ClosenessArticleLibrary *
closeness_article_library_new_from_resource (const char  *path,
                                             GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  return closeness_article_library_new_from_bytes (bytes, error);
}

/**
 * closeness_article_library_get_default:
 *
 * The articles the app ships, parsed once.
 *
 * Returns: (transfer none): the shared library.
 */
ClosenessArticleLibrary *
closeness_article_library_get_default (void)
{
  static ClosenessArticleLibrary *library;

  if (g_once_init_enter (&library))
    {
      g_autoptr(GError) error = NULL;
      ClosenessArticleLibrary *loaded;

      loaded = closeness_article_library_new_from_resource (CLOSENESS_ARTICLES_RESOURCE, &error);
      if (loaded == NULL)
        {
          /* The articles are built into the program: this is a packaging bug. */
          g_critical ("Could not load the articles: %s", error->message);
          loaded = g_object_new (CLOSENESS_TYPE_ARTICLE_LIBRARY, NULL);
          g_ptr_array_add (loaded->message_ids, NULL);
        }

      g_once_init_leave (&library, loaded);
    }

  return library;
}

/**
 * closeness_article_library_lookup:
 *
 * Returns: (transfer none) (nullable): the article called @id.
 */
ClosenessArticle *
closeness_article_library_lookup (ClosenessArticleLibrary *self,
                                  const char              *id)
{
  g_return_val_if_fail (CLOSENESS_IS_ARTICLE_LIBRARY (self), NULL);

  if (id == NULL)
    return NULL;

  for (guint i = 0; i < self->articles->len; i++)
    {
      ClosenessArticle *article = g_ptr_array_index (self->articles, i);

      if (g_str_equal (closeness_article_get_id (article), id))
        return article;
    }

  return NULL;
}

/**
 * closeness_article_library_get_message_ids:
 *
 * The untranslated strings the loader looked up, exactly as xgettext extracts
 * them, in document order (repeats included).
 *
 * Returns: (transfer none): a %NULL-terminated array.
 */
const char * const *
closeness_article_library_get_message_ids (ClosenessArticleLibrary *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ARTICLE_LIBRARY (self), NULL);

  return (const char * const *) self->message_ids->pdata;
}
