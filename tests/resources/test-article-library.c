/* test-article-library.c: the articles load, translate and search, without a display.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <pango/pango.h>
#include <string.h>

#include "resources/closeness-article-library.h"
#include "resources/closeness-article-search.h"

#define N_ARTICLES 12
#define N_LINKS 36
#define N_ARTICLE_LINKS 9
#define N_SOURCES 65

static const char *source_root;

static ClosenessArticleLibrary *
load_library (void)
{
  g_autoptr(GError) error = NULL;
  ClosenessArticleLibrary *library;

  library = closeness_article_library_new_from_resource (CLOSENESS_ARTICLES_RESOURCE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (library);

  return library;
}

static void
finish_message_id (GPtrArray *ids,
                   GString   *current)
{
  /* The header has an empty msgid. */
  if (current->len > 0)
    g_ptr_array_add (ids, g_strcompress (current->str));
  g_string_free (current, TRUE);
}

/* The msgids of a .po or .pot file. */
static GPtrArray *
parse_po_message_ids (const char *po)
{
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = g_strsplit (po, "\n", -1);
  GString *current = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (g_str_has_prefix (line, "msgid \""))
        {
          current = g_string_new (NULL);
          line += strlen ("msgid ");
        }
      else if (current != NULL && line[0] != '"')
        {
          finish_message_id (ids, current);
          current = NULL;
          continue;
        }

      if (current != NULL && line[0] == '"' && strlen (line) >= 2)
        g_string_append_len (current, line + 1, strlen (line) - 2);
    }

  if (current != NULL)
    finish_message_id (ids, current);

  return ids;
}

static char *
run_xgettext (const char *path)
{
  g_autofree char *xgettext = g_find_program_in_path ("xgettext");
  g_autofree char *its_dir = g_build_filename (source_root, "po", NULL);
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  const char *argv[] = { NULL, "--from-code=UTF-8", "-o", "-", path, NULL };

  g_assert_nonnull (xgettext);
  argv[0] = xgettext;
  envp = g_environ_setenv (envp, "GETTEXTDATADIRS", its_dir, TRUE);

  g_spawn_sync (source_root, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("xgettext failed: %s", err);

  return g_steal_pointer (&out);
}

static GHashTable *
set_from_strv (const char * const *strv)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; strv[i] != NULL; i++)
    g_hash_table_add (set, g_strdup (strv[i]));

  return set;
}

static GHashTable *
set_from_array (GPtrArray *array)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < array->len; i++)
    g_hash_table_add (set, g_strdup (g_ptr_array_index (array, i)));

  return set;
}

static void
assert_same_messages (GHashTable *extracted,
                      GHashTable *loaded)
{
  GHashTableIter iter;
  const char *id;

  g_hash_table_iter_init (&iter, extracted);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    {
      if (!g_hash_table_contains (loaded, id))
        g_error ("xgettext extracts a message the loader never looks up: “%s”", id);
    }

  g_hash_table_iter_init (&iter, loaded);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    {
      if (!g_hash_table_contains (extracted, id))
        g_error ("The loader looks up a message xgettext does not extract: “%s”", id);
    }

  g_assert_cmpuint (g_hash_table_size (extracted), ==, g_hash_table_size (loaded));
}

static void
test_loads_all_articles (void)
{
  ClosenessArticleLibrary *library = closeness_article_library_get_default ();
  GListModel *model = G_LIST_MODEL (library);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_true (library == closeness_article_library_get_default ());
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_ARTICLES);
  g_assert_true (g_list_model_get_item_type (model) == CLOSENESS_TYPE_ARTICLE);

  for (guint i = 0; i < N_ARTICLES; i++)
    {
      g_autoptr(ClosenessArticle) article = g_list_model_get_item (model, i);
      g_autofree char *body = closeness_article_dup_body_text (article);
      guint words = 0;
      g_auto(GStrv) tokens = g_strsplit_set (body, " \n", -1);

      for (guint t = 0; tokens[t] != NULL; t++)
        words += tokens[t][0] != '\0';

      g_assert_true (g_hash_table_add (ids, (gpointer) closeness_article_get_id (article)));
      g_assert_true (g_str_has_suffix (closeness_article_get_icon_name (article), "-symbolic"));
      g_assert_cmpstr (closeness_article_get_title (article), !=, "");
      g_assert_cmpstr (closeness_article_get_summary (article), !=, "");
      g_assert_cmpuint (closeness_article_get_n_blocks (article), >, 3);
      g_assert_cmpuint (closeness_article_get_n_sources (article), >, 0);
      g_assert_true (closeness_article_library_lookup (library, closeness_article_get_id (article))
                     == article);
      g_test_message ("%s: %u words", closeness_article_get_id (article), words);
    }

  g_assert_null (closeness_article_library_lookup (library, "no-such-article"));
  g_assert_null (g_list_model_get_item (model, N_ARTICLES));
}

static void
assert_block_renders (const ClosenessArticleBlock *block)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) links = g_regex_new ("</?a( href=\"[^\"]*\")?>", 0, 0, NULL);
  g_autofree char *text = NULL;
  g_autofree char *label_text = NULL;
  g_autofree char *without_links = NULL;

  /* Printing hands this to Pango as it is. */
  if (!pango_parse_markup (closeness_article_block_get_print_markup (block), -1, 0, NULL, NULL,
                           NULL, &error))
    g_error ("Bad print markup “%s”: %s", closeness_article_block_get_print_markup (block),
             error->message);

  /* GtkLabel takes <a href> out and gives Pango the rest. */
  without_links = g_regex_replace_literal (links, closeness_article_block_get_markup (block), -1,
                                           0, "", 0, NULL);
  if (!pango_parse_markup (without_links, -1, 0, NULL, &label_text, NULL, &error))
    g_error ("Bad label markup “%s”: %s", closeness_article_block_get_markup (block),
             error->message);
  g_assert_cmpstr (label_text, ==, closeness_article_block_get_text (block));

  g_assert_cmpstr (closeness_article_block_get_text (block), !=, "");
  g_assert_null (strchr (closeness_article_block_get_text (block), '<'));
}

static void
test_every_block_renders (void)
{
  GListModel *model = G_LIST_MODEL (closeness_article_library_get_default ());
  guint n_italic = 0, n_bold = 0, n_lists = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ClosenessArticle) article = g_list_model_get_item (model, i);

      for (guint b = 0; b < closeness_article_get_n_blocks (article); b++)
        {
          const ClosenessArticleBlock *block = closeness_article_get_block (article, b);

          assert_block_renders (block);
          n_italic += strstr (closeness_article_block_get_markup (block), "<i>") != NULL;
          n_bold += strstr (closeness_article_block_get_markup (block), "<b>") != NULL;
          n_lists += closeness_article_block_get_kind (block) == CLOSENESS_ARTICLE_BLOCK_LIST_ITEM;
          g_assert_cmpint (closeness_article_block_get_kind (block), !=,
                           CLOSENESS_ARTICLE_BLOCK_SOURCE);
          g_assert_null (closeness_article_block_get_uri (block));
        }

      for (guint s = 0; s < closeness_article_get_n_sources (article); s++)
        assert_block_renders (closeness_article_get_source (article, s));
    }

  /* em and strong were converted for Pango. */
  g_assert_cmpuint (n_italic, >, 0);
  g_assert_cmpuint (n_bold, >, 0);
  g_assert_cmpuint (n_lists, >, 0);
}

static void
test_conversion (void)
{
  g_autofree char *markup = NULL;
  g_autofree char *print_markup = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (closeness_article_library_convert_message (
    "A &amp; B <em>x</em> <strong>y</strong> <a href=\"https://example.org/?a=1&amp;b=2\">z</a>",
    &markup, &print_markup, &text, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (markup, ==,
                   "A &amp; B <i>x</i> <b>y</b> <a href=\"https://example.org/?a=1&amp;b=2\">z</a>");
  g_assert_cmpstr (print_markup, ==,
                   "A &amp; B <i>x</i> <b>y</b> z (https://example.org/?a=1&amp;b=2)");
  g_assert_cmpstr (text, ==, "A & B x y z");

  /* A link to another article works in the app; on paper it is just words. */
  g_clear_pointer (&markup, g_free);
  g_clear_pointer (&print_markup, g_free);
  g_assert_true (
    closeness_article_library_convert_message ("Read our <a href=\"article:safety-note\">safety note</a>.",
                                               &markup, &print_markup, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (markup, ==, "Read our <a href=\"article:safety-note\">safety note</a>.");
  g_assert_cmpstr (print_markup, ==, "Read our safety note.");
  g_assert_cmpstr (closeness_article_link_get_id ("article:safety-note"), ==, "safety-note");
  g_assert_null (closeness_article_link_get_id ("https://example.org/"));
  g_assert_null (closeness_article_link_get_id (NULL));

  g_assert_false (closeness_article_library_convert_message ("<em>open", NULL, NULL, NULL, &error));
  g_assert_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE);
}

static void
assert_https_uri (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GError) error = NULL;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, &error);
  if (parsed == NULL)
    g_error ("“%s” is not a URI: %s", uri, error->message);
  g_assert_cmpstr (g_uri_get_scheme (parsed), ==, "https");
  g_assert_nonnull (g_uri_get_host (parsed));
  g_assert_cmpstr (g_uri_get_host (parsed), !=, "");
  g_assert_null (strchr (uri, ' '));
}

/* A web address, or another article of @library. */
static void
assert_link_resolves (ClosenessArticleLibrary *library,
                      const char              *uri)
{
  const char *id = closeness_article_link_get_id (uri);

  if (id == NULL)
    assert_https_uri (uri);
  else if (closeness_article_library_lookup (library, id) == NULL)
    g_error ("A link leads to “%s”, but there is no such article", uri);
}

static void
test_links_well_formed (void)
{
  ClosenessArticleLibrary *library = closeness_article_library_get_default ();
  GListModel *model = G_LIST_MODEL (library);
  guint n_links = 0, n_article_links = 0, n_sources = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ClosenessArticle) article = g_list_model_get_item (model, i);

      for (guint b = 0; b < closeness_article_get_n_blocks (article); b++)
        {
          const char * const *links =
            closeness_article_block_get_links (closeness_article_get_block (article, b));

          for (guint l = 0; links[l] != NULL; l++, n_links++)
            {
              assert_link_resolves (library, links[l]);
              n_article_links += closeness_article_link_get_id (links[l]) != NULL;
            }
        }

      for (guint s = 0; s < closeness_article_get_n_sources (article); s++, n_sources++)
        assert_https_uri (
          closeness_article_block_get_uri (closeness_article_get_source (article, s)));
    }

  g_test_message ("%u links in the text (%u to articles), %u sources", n_links, n_article_links,
                  n_sources);
  g_assert_cmpuint (n_links, ==, N_LINKS);
  g_assert_cmpuint (n_article_links, ==, N_ARTICLE_LINKS);
  g_assert_cmpuint (n_sources, ==, N_SOURCES);
}

/* Wherever an article sends the reader to another (“our safety note”, “our
 * article on …”), the words are a link to it. */
static void
test_mentions_are_links (void)
{
  GListModel *model = G_LIST_MODEL (closeness_article_library_get_default ());
  const char *mentions[] = { "our safety note", "our article", "the safety note", "our note" };
  guint n_mentions = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ClosenessArticle) article = g_list_model_get_item (model, i);

      for (guint b = 0; b < closeness_article_get_n_blocks (article); b++)
        {
          const ClosenessArticleBlock *block = closeness_article_get_block (article, b);
          g_autofree char *text = g_utf8_strdown (closeness_article_block_get_text (block), -1);
          const char * const *links = closeness_article_block_get_links (block);
          guint n_found = 0, n_article_links = 0;

          for (guint m = 0; m < G_N_ELEMENTS (mentions); m++)
            {
              for (const char *at = strstr (text, mentions[m]); at != NULL;
                   at = strstr (at + 1, mentions[m]))
                n_found += at == text || !g_ascii_isalpha (at[-1]); /* not “your” */
            }
          for (guint l = 0; links[l] != NULL; l++)
            n_article_links += closeness_article_link_get_id (links[l]) != NULL;

          if (n_found > 0 && n_article_links == 0)
            g_error ("%s: “%s” mentions another article without a link",
                     closeness_article_get_id (article), closeness_article_block_get_text (block));
          if (strstr (text, "safety note") != NULL &&
              !g_strv_contains (links, CLOSENESS_ARTICLE_LINK_PREFIX CLOSENESS_ARTICLE_SAFETY_NOTE))
            g_error ("%s: “%s” names the safety note without linking it",
                     closeness_article_get_id (article), closeness_article_block_get_text (block));
          n_mentions += n_found > 0;
        }
    }

  g_assert_cmpuint (n_mentions, >=, 4);
}

static void
test_safety_note_first (void)
{
  GListModel *model = G_LIST_MODEL (closeness_article_library_get_default ());
  g_autoptr(ClosenessArticle) first = g_list_model_get_item (model, 0);

  g_assert_cmpstr (closeness_article_get_id (first), ==, CLOSENESS_ARTICLE_SAFETY_NOTE);
}

static const char *
first_result_id (const char *query,
                 guint      *n_results)
{
  g_autoptr(GListModel) results = NULL;
  g_autoptr(ClosenessArticle) first = NULL;

  results =
    closeness_article_search (G_LIST_MODEL (closeness_article_library_get_default ()), query);
  *n_results = g_list_model_get_n_items (results);
  if (*n_results == 0)
    return NULL;

  first = g_list_model_get_item (results, 0);

  return closeness_article_get_id (first);
}

static void
test_search (void)
{
  ClosenessArticleLibrary *library = closeness_article_library_get_default ();
  ClosenessArticle *triangle = closeness_article_library_lookup (library, "intimacy-triangle");
  guint n;

  /* A word only in the body. */
  g_assert_cmpint (closeness_article_match (triangle, "correlational"), ==,
                   CLOSENESS_ARTICLE_MATCH_BODY);
  g_assert_cmpstr (first_result_id ("correlational", &n), ==, "intimacy-triangle");
  g_assert_cmpuint (n, ==, 1);

  g_assert_cmpstr (first_result_id ("directories", &n), ==, "finding-a-therapist");

  /* Another article mentions Sternberg in its body; the one about him ranks first. */
  g_assert_cmpstr (first_result_id ("Sternberg", &n), ==, "intimacy-triangle");
  g_assert_cmpuint (n, >=, 2);

  /* Case and accents do not matter, in the query or in the text. */
  g_assert_cmpstr (first_result_id ("STERNBÉRG", &n), ==, "intimacy-triangle");
  g_assert_cmpstr (first_result_id ("  sternberg   TRIANGLE ", &n), ==, "intimacy-triangle");
  g_assert_cmpint (closeness_article_match (triangle, "oxytocin"), ==,
                   CLOSENESS_ARTICLE_MATCH_BODY);
  g_assert_cmpint (closeness_article_match (triangle, "ÓXYTOCÌN"), ==,
                   CLOSENESS_ARTICLE_MATCH_BODY);

  /* Unknown words find nothing; every word must match. */
  g_assert_null (first_result_id ("xylophonequark", &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_null (first_result_id ("sternberg xylophonequark", &n));

  /* An empty query lists everything in the original order, the safety note first. */
  g_assert_cmpstr (first_result_id ("", &n), ==, CLOSENESS_ARTICLE_SAFETY_NOTE);
  g_assert_cmpuint (n, ==, N_ARTICLES);
  g_assert_cmpstr (first_result_id ("   ", &n), ==, CLOSENESS_ARTICLE_SAFETY_NOTE);
  g_assert_cmpuint (n, ==, N_ARTICLES);
}

static void
test_search_ranks_titles_first (void)
{
  g_autoptr(GListModel) results = NULL;
  ClosenessArticleMatch previous = CLOSENESS_ARTICLE_MATCH_TITLE;

  results = closeness_article_search (G_LIST_MODEL (closeness_article_library_get_default ()),
                                      "therapist");
  g_assert_cmpuint (g_list_model_get_n_items (results), >, 2);

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(ClosenessArticle) article = g_list_model_get_item (results, i);
      ClosenessArticleMatch match = closeness_article_match (article, "therapist");

      g_assert_cmpint (match, <=, previous);
      g_assert_cmpint (match, !=, CLOSENESS_ARTICLE_MATCH_NONE);
      if (i == 0)
        g_assert_cmpint (match, ==, CLOSENESS_ARTICLE_MATCH_TITLE);
      previous = match;
    }
}

static void
test_search_fold (void)
{
  const struct { const char *in; const char *out; } cases[] = {
    { "Ärger  Café", "arger cafe" },
    { "  TERAPIA de Pareja ", "terapia de pareja" },
    { "Straße", "strasse" },
    { "", "" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = closeness_article_search_fold (cases[i].in);

      g_assert_cmpstr (folded, ==, cases[i].out);
    }
}

static void
test_keys_match_xgettext (void)
{
  g_autofree char *path = g_build_filename (source_root, "data", "resources",
                                            "closeness.articles.xml", NULL);
  g_autofree char *pot = run_xgettext (path);
  g_autoptr(GPtrArray) extracted = parse_po_message_ids (pot);
  g_autoptr(ClosenessArticleLibrary) library = load_library ();
  g_autoptr(GHashTable) extracted_set = set_from_array (extracted);
  g_autoptr(GHashTable) loaded_set = NULL;

  loaded_set = set_from_strv (closeness_article_library_get_message_ids (library));
  g_test_message ("%u messages", g_hash_table_size (extracted_set));
  g_assert_cmpuint (g_hash_table_size (extracted_set), >, 200);
  assert_same_messages (extracted_set, loaded_set);
}

/* White space and escaping that the shipped file does not (yet) use. */
static const char edge_cases[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<articles version=\"1\">\n"
  "  <article id=\"before\" icon=\"x-symbolic\">\n"
  "    <title>Uses a list before it comes</title>\n"
  "    <body>\n"
  "      <list ref=\"shared\"/>\n"
  "    </body>\n"
  "  </article>\n"
  "  <article id=\"edge\" icon=\"x-symbolic\">\n"
  "    <title>  A   title\n      on two lines  </title>\n"
  "    <summary>x &gt; y &lt; z &amp; \"q\" 'a'</summary>\n"
  "    <body>\n"
  "      <p>Go <a href=\"https://e.org/?a=1&amp;b=2\">there</a>  and <em> see </em>\n"
  "      now.</p>\n"
  "      <p>a <em>b</em> <em>c</em></p>\n"
  "      <p>z<em> <strong> x  y </strong> </em>w</p>\n"
  "      <li>  <em>start</em> and end  <strong>x</strong>  </li>\n"
  "      <li><strong>A</strong> <em>b</em>, and <em>c</em> <strong>d</strong></li>\n"
  "      <h>tab\tand\n   newline</h>\n"
  "      <p>Café <em>x</em> <em>y</em></p>\n"
  "      <list id=\"shared\">\n"
  "        <item><strong>Here</strong>: call <a href=\"https://e.org/\">E</a>, day and night.</item>\n"
  "        <item>  There:\n   <em>two</em> <strong>words</strong> </item>\n"
  "        <item>See our <a href=\"article:before\">other article</a>.</item>\n"
  "      </list>\n"
  "    </body>\n"
  "    <further-reading>\n"
  "      <source href=\"https://e.org/\">Simon &amp; Schuster</source>\n"
  "      <list>\n"
  "        <item><a href=\"https://f.org/\">F &amp; G</a></item>\n"
  "        <item>H, <a href=\"https://h.org/\">“on H”</a> (2020)</item>\n"
  "      </list>\n"
  "    </further-reading>\n"
  "  </article>\n"
  "</articles>\n";

static void
test_keys_match_xgettext_edge_cases (void)
{
  g_autofree char *dir = g_dir_make_tmp ("closeness-articles-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "edge.articles.xml", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static (edge_cases, strlen (edge_cases));
  g_autoptr(ClosenessArticleLibrary) library = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pot = NULL;
  g_autoptr(GPtrArray) extracted = NULL;
  g_autoptr(GHashTable) extracted_set = NULL;
  g_autoptr(GHashTable) loaded_set = NULL;

  g_assert_true (g_file_set_contents (path, edge_cases, -1, NULL));
  pot = run_xgettext (path);
  extracted = parse_po_message_ids (pot);
  extracted_set = set_from_array (extracted);

  library = closeness_article_library_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  loaded_set = set_from_strv (closeness_article_library_get_message_ids (library));
  assert_same_messages (extracted_set, loaded_set);

  /* A list becomes one block per item, wherever it is used. */
  {
    ClosenessArticle *before = closeness_article_library_lookup (library, "before");
    ClosenessArticle *edge = closeness_article_library_lookup (library, "edge");
    const ClosenessArticleBlock *source;
    guint n = closeness_article_get_n_blocks (edge);

    g_assert_cmpuint (closeness_article_get_n_blocks (before), ==, 3);
    for (guint b = 0; b < 3; b++)
      {
        const ClosenessArticleBlock *shared = closeness_article_get_block (before, b);
        const ClosenessArticleBlock *own = closeness_article_get_block (edge, n - 3 + b);

        g_assert_cmpint (closeness_article_block_get_kind (shared), ==,
                         CLOSENESS_ARTICLE_BLOCK_LIST_ITEM);
        g_assert_cmpstr (closeness_article_block_get_markup (shared), ==,
                         closeness_article_block_get_markup (own));
        assert_block_renders (shared);
      }
    g_assert_cmpstr (closeness_article_block_get_markup (closeness_article_get_block (before, 0)),
                     ==, "<b>Here</b>: call <a href=\"https://e.org/\">E</a>, day and night.");
    g_assert_cmpstr (closeness_article_block_get_print_markup (
                       closeness_article_get_block (before, 2)),
                     ==, "See our other article.");

    g_assert_cmpuint (closeness_article_get_n_sources (edge), ==, 3);
    source = closeness_article_get_source (edge, 2);
    g_assert_cmpint (closeness_article_block_get_kind (source), ==, CLOSENESS_ARTICLE_BLOCK_SOURCE);
    g_assert_cmpstr (closeness_article_block_get_uri (source), ==, "https://h.org/");
    /* The row is the link: no second link inside it. */
    g_assert_cmpstr (closeness_article_block_get_markup (source), ==, "H, “on H” (2020)");
    g_assert_cmpstr (closeness_article_block_get_text (source), ==, "H, “on H” (2020)");
  }

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_invalid_documents (void)
{
  const char *bad[] = {
    "<articles><article><title>No id</title></article></articles>",
    "<articles><article id=\"a\"><body><p>No title</p></body></article></articles>",
    "<articles><article id=\"a\"><title>T</title><body><table/></body></article></articles>",
    "<articles><article id=\"a\"><title>T</title><further-reading><source>x</source></further-reading></article></articles>",
    "<articles><article id=\"a\"><title>T</title><body><p></p></body></article></articles>",
    "<articles><article id=\"a\"><title>T</title></article><article id=\"a\"><title>T</title></article></articles>",
    "<articles><article id=\"a\"><title>T</title>",
    "<notes/>",
    "<articles><article id=\"a\"><title>T</title><body><list ref=\"nowhere\"/></body></article></articles>",
    "<articles><article id=\"a\"><title>T</title><body><list><item>x</item> y</list></body></article></articles>",
    "<articles><article id=\"a\"><title>T</title><body><list><p>x</p></list></body></article></articles>",
    "<articles><article id=\"a\"><title>T</title><body><list><item> </item></list></body></article></articles>",
    "<articles><article id=\"a\"><title>T</title><further-reading><list><item>No link</item></list></further-reading></article></articles>",
    "<articles><article id=\"a\"><title>T</title><body><list id=\"l\"><item>x</item></list><list id=\"l\"><item>y</item></list></body></article></articles>",
    "<articles><article id=\"a\"><title>T</title><body><list id=\"l\"><item>x</item></list><list ref=\"l\"><item>y</item></list></body></article></articles>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr(ClosenessArticleLibrary) library = NULL;
      g_autoptr(GError) error = NULL;

      library = closeness_article_library_new_from_bytes (bytes, &error);
      g_assert_null (library);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
    }
}

static char *
escape_po (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      if (*p == '\n')
        g_string_append (out, "\\n");
      else if (*p == '\t')
        g_string_append (out, "\\t");
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* A made-up language whose every string is the English one in «», except one
 * broken translation, proves that translation really happens at run time. */
static void
test_translated_at_run_time (void)
{
  g_autoptr(ClosenessArticleLibrary) english = load_library ();
  const char * const *ids = closeness_article_library_get_message_ids (english);
  g_autofree char *dir = g_dir_make_tmp ("closeness-locale-XXXXXX", NULL);
  g_autofree char *mo_dir = g_build_filename (dir, "xx", "LC_MESSAGES", NULL);
  g_autofree char *po_path = g_build_filename (dir, "xx.po", NULL);
  g_autofree char *mo_path = g_build_filename (mo_dir, GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *msgfmt = g_find_program_in_path ("msgfmt");
  g_autoptr(GString) po =
    g_string_new ("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n");
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(ClosenessArticleLibrary) translated = NULL;
  g_autoptr(GError) error = NULL;
  ClosenessArticle *triangle;
  ClosenessArticle *english_triangle;
  const char *broken_id = NULL;
  int status;

  g_assert_nonnull (msgfmt);
  g_assert_cmpint (g_mkdir_with_parents (mo_dir, 0700), ==, 0);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *id = escape_po (ids[i]);

      if (!g_hash_table_add (seen, (gpointer) ids[i]))
        continue;

      if (broken_id == NULL && strstr (ids[i], "<em>") != NULL)
        {
          broken_id = ids[i];
          g_string_append_printf (po, "\nmsgid \"%s\"\nmsgstr \"<em>broken\"\n", id);
        }
      else if (g_str_has_prefix (ids[i], "<item>"))
        {
          /* A list: each of its items in «». */
          g_autoptr(GString) items = g_string_new (id);

          g_string_replace (items, "<item>", "<item>«", 0);
          g_string_replace (items, "</item>", "»</item>", 0);
          g_string_append_printf (po, "\nmsgid \"%s\"\nmsgstr \"%s\"\n", id, items->str);
        }
      else
        {
          g_string_append_printf (po, "\nmsgid \"%s\"\nmsgstr \"«%s»\"\n", id, id);
        }
    }
  g_assert_nonnull (broken_id);
  g_assert_true (g_file_set_contents (po_path, po->str, po->len, NULL));

  {
    const char *argv[] = { msgfmt, "-o", mo_path, po_path, NULL };
    g_autofree char *err = NULL;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                  &status, &error);
    g_assert_no_error (error);
    if (!g_spawn_check_wait_status (status, NULL))
      g_error ("msgfmt failed: %s", err);
  }

  bindtextdomain (GETTEXT_PACKAGE, dir);
  g_setenv ("LANGUAGE", "xx", TRUE);
  setlocale (LC_ALL, "");

  g_test_expect_message ("closeness-resources", G_LOG_LEVEL_WARNING,
                         "Ignoring a broken translation*");
  translated = load_library ();
  g_test_assert_expected_messages ();

  triangle = closeness_article_library_lookup (translated, "intimacy-triangle");
  english_triangle = closeness_article_library_lookup (english, "intimacy-triangle");
  g_assert_cmpstr (closeness_article_get_title (triangle), ==,
                   "«How emotional and physical closeness feed each other»");

  /* A translated list keeps its items apart. */
  {
    ClosenessArticle *safety =
      closeness_article_library_lookup (translated, CLOSENESS_ARTICLE_SAFETY_NOTE);
    guint n_items = 0;

    for (guint b = 0; b < closeness_article_get_n_blocks (safety); b++)
      {
        const ClosenessArticleBlock *block = closeness_article_get_block (safety, b);
        const char *text = closeness_article_block_get_text (block);

        if (closeness_article_block_get_kind (block) == CLOSENESS_ARTICLE_BLOCK_LIST_ITEM &&
            g_str_has_prefix (text, "«") && g_str_has_suffix (text, "»"))
          n_items++;
      }
    g_assert_cmpuint (n_items, >=, 5);
    g_assert_cmpstr (closeness_article_block_get_text (closeness_article_get_source (safety, 0)),
                     ==, "«988 Suicide & Crisis Lifeline (United States)»");
  }

  /* Inline markup survives translation; the broken string falls back to English. */
  for (guint b = 0; b < closeness_article_get_n_blocks (triangle); b++)
    {
      const ClosenessArticleBlock *block = closeness_article_get_block (triangle, b);
      const ClosenessArticleBlock *original = closeness_article_get_block (english_triangle, b);
      g_autofree char *expected = NULL;

      assert_block_renders (block);
      if (strstr (closeness_article_block_get_markup (original), "<i>") != NULL)
        g_assert_cmpstr (closeness_article_block_get_markup (block), ==,
                         closeness_article_block_get_markup (original));
      else
        {
          expected = g_strdup_printf ("«%s»", closeness_article_block_get_markup (original));
          g_assert_cmpstr (closeness_article_block_get_markup (block), ==, expected);
        }
    }

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CLOSENESS_LOCALEDIR") != NULL ?
                  g_getenv ("CLOSENESS_LOCALEDIR") : LOCALEDIR);

  g_unlink (mo_path);
  g_unlink (po_path);
  g_rmdir (mo_dir);
  {
    g_autofree char *lang_dir = g_build_filename (dir, "xx", NULL);

    g_rmdir (lang_dir);
  }
  g_rmdir (dir);
}

/* Every language we ship whose catalogue is built: every translated article
 * string converts to valid markup with well-formed links. */
static void
test_renders_in_every_language (void)
{
  const char *localedir = g_getenv ("CLOSENESS_LOCALEDIR");
  g_autofree char *linguas_path = g_build_filename (source_root, "po", "LINGUAS", NULL);
  g_autofree char *linguas = NULL;
  g_auto(GStrv) languages = NULL;
  g_autoptr(ClosenessArticleLibrary) english = load_library ();
  const char * const *ids = closeness_article_library_get_message_ids (english);
  guint n_checked = 0;

  if (localedir == NULL)
    {
      g_test_skip ("CLOSENESS_LOCALEDIR is not set");
      return;
    }

  g_assert_true (g_file_get_contents (linguas_path, &linguas, NULL, NULL));
  languages = g_strsplit_set (linguas, " \n", -1);
  bindtextdomain (GETTEXT_PACKAGE, localedir);

  for (guint l = 0; languages[l] != NULL; l++)
    {
      const char *lang = g_strstrip (languages[l]);
      g_autofree char *mo = NULL;
      g_autoptr(ClosenessArticleLibrary) library = NULL;
      guint n_translated = 0;

      if (lang[0] == '\0' || lang[0] == '#')
        continue;

      mo = g_build_filename (localedir, lang, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
      if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
        {
          g_test_message ("%s: no catalogue built at %s", lang, mo);
          continue;
        }

      g_setenv ("LANGUAGE", lang, TRUE);
      setlocale (LC_ALL, "");

      for (guint i = 0; ids[i] != NULL; i++)
        {
          const char *translation = g_dgettext (GETTEXT_PACKAGE, ids[i]);
          g_autofree char *markup = NULL;
          g_autofree char *print_markup = NULL;
          g_autoptr(GError) error = NULL;

          if (translation == ids[i])
            continue;
          n_translated++;

          if (!closeness_article_library_convert_message (translation, &markup, &print_markup,
                                                          NULL, &error))
            g_error ("%s: the translation of “%s” is broken: %s", lang, ids[i], error->message);
          if (!pango_parse_markup (print_markup, -1, 0, NULL, NULL, NULL, &error))
            g_error ("%s: the translation of “%s” is no valid markup: %s", lang, ids[i],
                     error->message);
        }

      /* A broken translation would log a (fatal) warning here. */
      library = load_library ();
      for (guint a = 0; a < g_list_model_get_n_items (G_LIST_MODEL (library)); a++)
        {
          g_autoptr(ClosenessArticle) article = g_list_model_get_item (G_LIST_MODEL (library), a);

          for (guint b = 0; b < closeness_article_get_n_blocks (article); b++)
            {
              const ClosenessArticleBlock *block = closeness_article_get_block (article, b);
              const char * const *links = closeness_article_block_get_links (block);

              assert_block_renders (block);
              for (guint k = 0; links[k] != NULL; k++)
                assert_link_resolves (library, links[k]);
            }
          for (guint s = 0; s < closeness_article_get_n_sources (article); s++)
            assert_block_renders (closeness_article_get_source (article, s));
        }

      g_test_message ("%s: %u of the article strings translated, all valid", lang, n_translated);
      n_checked++;
    }

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");

  if (n_checked == 0)
    g_test_skip ("no translation catalogues are built");
}

typedef struct
{
  const char *language;
  const char *contacts[6]; /* NULL-terminated; each must appear in the article */
} CrisisContacts;

static const CrisisContacts crisis_contacts[] = {
  { "en", { "988", "116 123", "1-800-799-7233", "13 11 14", "911", NULL } },
  { "de", { "0800 111 0 111", "116 016", "142", "143", "112", NULL } },
  { "es", { "016", "Línea 100", "Línea 144", "1455", "112", NULL } },
};

static gboolean
links_contain (ClosenessArticle *article,
               const char       *uri)
{
  for (guint b = 0; b < closeness_article_get_n_blocks (article); b++)
    {
      const ClosenessArticleBlock *block = closeness_article_get_block (article, b);

      if (g_strv_contains (closeness_article_block_get_links (block), uri))
        return TRUE;
    }

  return FALSE;
}

static gboolean
sources_contain_host (ClosenessArticle *article,
                      const char       *host)
{
  for (guint s = 0; s < closeness_article_get_n_sources (article); s++)
    {
      g_autoptr(GUri) uri =
        g_uri_parse (closeness_article_block_get_uri (closeness_article_get_source (article, s)),
                     G_URI_FLAGS_NONE, NULL);

      if (uri != NULL && g_str_equal (g_uri_get_host (uri), host))
        return TRUE;
    }

  return FALSE;
}

/* Someone in danger finds help in their language: the safety note and the
 * therapist article name crisis lines and the international directory, and
 * every organisation they link is also under Further reading. */
static void
assert_names_crisis_help (ClosenessArticle     *article,
                          ClosenessArticle     *safety_note,
                          const CrisisContacts *expected)
{
  g_autofree char *body = closeness_article_dup_body_text (article);
  g_autoptr(GString) plain = g_string_new (body);
  const char *id = closeness_article_get_id (article);

  /* Numbers are held together by no-break spaces, so they never wrap. */
  g_string_replace (plain, "\u00a0", " ", 0);
  g_assert_true (g_regex_match_simple ("[0-9]\u00a0[0-9]", body, 0, 0));

  for (guint c = 0; expected->contacts[c] != NULL; c++)
    {
      if (strstr (plain->str, expected->contacts[c]) == NULL)
        g_error ("%s (%s) does not name %s", id, expected->language, expected->contacts[c]);
    }

  if (!links_contain (article, "https://findahelpline.com/"))
    g_error ("%s (%s) does not link the directory of helplines", id, expected->language);
  if (!sources_contain_host (article, "findahelpline.com"))
    g_error ("%s (%s) does not list the directory under Further reading", id, expected->language);

  /* The safety note's lists are the crisis lines: each organisation it links
   * is in both articles, and under their Further reading. */
  for (guint b = 0; b < closeness_article_get_n_blocks (safety_note); b++)
    {
      const ClosenessArticleBlock *block = closeness_article_get_block (safety_note, b);
      const char * const *links = closeness_article_block_get_links (block);

      if (closeness_article_block_get_kind (block) != CLOSENESS_ARTICLE_BLOCK_LIST_ITEM)
        continue;

      for (guint l = 0; links[l] != NULL; l++)
        {
          g_autoptr(GUri) uri = NULL;

          if (closeness_article_link_get_id (links[l]) != NULL)
            continue;
          uri = g_uri_parse (links[l], G_URI_FLAGS_NONE, NULL);
          g_assert_nonnull (uri);
          if (!links_contain (article, links[l]))
            g_error ("%s (%s) does not link %s", id, expected->language, links[l]);
          if (!sources_contain_host (article, g_uri_get_host (uri)))
            g_error ("%s (%s) links %s but does not name it under Further reading", id,
                     expected->language, links[l]);
        }
    }
}

static void
test_crisis_help (gconstpointer data)
{
  const CrisisContacts *expected = data;
  const char *localedir = g_getenv ("CLOSENESS_LOCALEDIR");
  g_autoptr(ClosenessArticleLibrary) library = NULL;
  ClosenessArticle *safety_note;
  g_autofree char *mo = NULL;

  if (!g_str_equal (expected->language, "en"))
    {
      if (localedir == NULL)
        {
          g_test_skip ("CLOSENESS_LOCALEDIR is not set");
          return;
        }
      mo = g_build_filename (localedir, expected->language, "LC_MESSAGES", GETTEXT_PACKAGE ".mo",
                             NULL);
      if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
        {
          g_test_skip ("no catalogue built");
          return;
        }
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      g_setenv ("LANGUAGE", expected->language, TRUE);
      setlocale (LC_ALL, "");
    }

  library = load_library ();
  safety_note = closeness_article_library_lookup (library, CLOSENESS_ARTICLE_SAFETY_NOTE);
  assert_names_crisis_help (safety_note, safety_note, expected);
  assert_names_crisis_help (closeness_article_library_lookup (library, "finding-a-therapist"),
                            safety_note, expected);

  /* The translation really is in use. */
  if (!g_str_equal (expected->language, "en"))
    g_assert_cmpstr (closeness_article_get_title (
                       closeness_article_library_lookup (library, "faq")),
                     !=, "Questions couples ask");

  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  /* No textdomain(): GLib then keeps translating whichever LANGUAGE a test sets. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CLOSENESS_LOCALEDIR") != NULL ?
                  g_getenv ("CLOSENESS_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  if (argc < 2)
    g_error ("Usage: %s SOURCE-ROOT", argv[0]);
  source_root = argv[1];

  g_test_add_func ("/resources/library/loads-all-articles", test_loads_all_articles);
  g_test_add_func ("/resources/library/every-block-renders", test_every_block_renders);
  g_test_add_func ("/resources/library/conversion", test_conversion);
  g_test_add_func ("/resources/library/links-well-formed", test_links_well_formed);
  g_test_add_func ("/resources/library/mentions-are-links", test_mentions_are_links);
  g_test_add_func ("/resources/library/safety-note-first", test_safety_note_first);
  for (guint i = 0; i < G_N_ELEMENTS (crisis_contacts); i++)
    {
      g_autofree char *path = g_strdup_printf ("/resources/library/crisis-help/%s",
                                               crisis_contacts[i].language);

      g_test_add_data_func (path, &crisis_contacts[i], test_crisis_help);
    }
  g_test_add_func ("/resources/library/invalid-documents", test_invalid_documents);
  g_test_add_func ("/resources/library/keys-match-xgettext", test_keys_match_xgettext);
  g_test_add_func ("/resources/library/keys-match-xgettext-edge-cases",
                   test_keys_match_xgettext_edge_cases);
  g_test_add_func ("/resources/library/translated-at-run-time", test_translated_at_run_time);
  g_test_add_func ("/resources/library/renders-in-every-language", test_renders_in_every_language);
  g_test_add_func ("/resources/search/finds-words", test_search);
  g_test_add_func ("/resources/search/ranks-titles-first", test_search_ranks_titles_first);
  g_test_add_func ("/resources/search/fold", test_search_fold);

  return g_test_run ();
}
