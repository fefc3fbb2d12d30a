/* test-prompt-content.c: the built-in prompts read as the project means them.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "conversations/closeness-conversation-logic.h"
#include "conversations/closeness-prompt-library.h"

static ClosenessPromptLibrary *library;

static void
test_no_duplicates (void)
{
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const ClosenessLibraryPrompt *prompts;
  guint n;

  prompts = closeness_prompt_library_get_prompts (library, &n);
  for (guint i = 0; i < n; i++)
    {
      char *folded = closeness_text_fold (prompts[i].text);

      if (!g_hash_table_add (texts, folded))
        g_error ("Prompt %s repeats another prompt's text", prompts[i].key);
    }
}

static gboolean
is_invitation (const char *text)
{
  const char *starts[] = { "Tell ", "Describe ", "Share ",
                           "Name ", "Remember ", "Finish the sentence" };

  if (!g_str_has_suffix (text, "."))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      if (g_str_has_prefix (text, starts[i]))
        return TRUE;
    }

  return FALSE;
}

static void
test_questions_or_invitations (void)
{
  const ClosenessLibraryPrompt *prompts;
  guint n, n_questions = 0;

  prompts = closeness_prompt_library_get_prompts (library, &n);
  for (guint i = 0; i < n; i++)
    {
      const char *text = prompts[i].text;

      if (g_str_has_suffix (text, "?"))
        n_questions++;
      else if (!is_invitation (text))
        g_error ("Prompt %s is neither a question nor an invitation", prompts[i].key);

      if (prompts[i].follow_up != NULL && !g_str_has_suffix (prompts[i].follow_up, "?")
          && !g_str_has_suffix (prompts[i].follow_up, "."))
        g_error ("The follow-up of prompt %s does not end a sentence", prompts[i].key);
    }

  g_test_message ("%u questions, %u invitations", n_questions, n - n_questions);
  /* Mostly open questions. */
  g_assert_cmpuint (n_questions, >, n / 2);
}

static void
test_spicy_only_in_desire (void)
{
  const ClosenessLibraryPrompt *prompts;
  guint n, n_spicy = 0;

  prompts = closeness_prompt_library_get_prompts (library, &n);
  for (guint i = 0; i < n; i++)
    {
      if (prompts[i].intensity != CLOSENESS_INTENSITY_SPICY)
        continue;
      n_spicy++;
      g_assert_cmpstr (prompts[i].deck_key, ==, CLOSENESS_PROMPT_LIBRARY_DESIRE_DECK);
    }

  g_assert_cmpuint (n_spicy, >, 0);
}

/* The library the couple gets: at least 600 questions in at least 18
 * decks, none of them thin. */
static void
test_counts (void)
{
  const ClosenessLibraryDeck *decks;
  const ClosenessLibraryPrompt *prompts;
  guint n_decks, n_prompts;

  decks = closeness_prompt_library_get_decks (library, &n_decks);
  prompts = closeness_prompt_library_get_prompts (library, &n_prompts);
  g_test_message ("%u questions in %u decks", n_prompts, n_decks);
  g_assert_cmpuint (n_prompts, >=, 600);
  g_assert_cmpuint (n_decks, >=, 18);

  for (guint d = 0; d < n_decks; d++)
    {
      guint counts[CLOSENESS_INTENSITY_SPICY + 1] = { 0, };
      guint total = 0;

      for (guint p = 0; p < n_prompts; p++)
        {
          if (!g_str_equal (prompts[p].deck_key, decks[d].key))
            continue;
          counts[prompts[p].intensity]++;
          total++;
        }
      g_test_message ("%-12s %3u: gentle %2u, warm %2u, spicy %2u", decks[d].key, total,
                      counts[CLOSENESS_INTENSITY_GENTLE], counts[CLOSENESS_INTENSITY_WARM],
                      counts[CLOSENESS_INTENSITY_SPICY]);
      g_assert_cmpuint (total, >=, 20);
    }
}

/* Every question of the desire deck is about sex and desire, so none of
 * them is gentle: a couple who chose Gentle Only never meets one, even
 * with the deck open. */
static void
test_desire_never_gentle (void)
{
  const ClosenessLibraryPrompt *prompts;
  guint n, n_desire = 0;

  prompts = closeness_prompt_library_get_prompts (library, &n);
  for (guint i = 0; i < n; i++)
    {
      if (!g_str_equal (prompts[i].deck_key, CLOSENESS_PROMPT_LIBRARY_DESIRE_DECK))
        continue;
      n_desire++;
      if (prompts[i].intensity != CLOSENESS_INTENSITY_WARM &&
          prompts[i].intensity != CLOSENESS_INTENSITY_SPICY)
        g_error ("Prompt %s of the desire deck is gentle", prompts[i].key);
    }

  g_assert_cmpuint (n_desire, >=, 20);
}

/* A question that reaches into childhood offers a way round it: not
 * everyone's childhood is a happy place to visit. */
static void
test_childhood_has_a_way_round (void)
{
  const char *reaches[] = { "childhood", "as a child", "growing up",
                            "grew up", "when you were young ", "when you were young,",
                            "as a teenager", "raised you", "upbringing" };
  const char *ways_round[] = { "not a happy place to visit", "as far as feels okay" };
  const ClosenessLibraryPrompt *prompts;
  guint n, n_reaching = 0;

  prompts = closeness_prompt_library_get_prompts (library, &n);
  for (guint i = 0; i < n; i++)
    {
      const char *texts[] = { prompts[i].text, prompts[i].follow_up };

      for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
        {
          g_autofree char *lower = texts[t] != NULL ? g_utf8_strdown (texts[t], -1) : NULL;
          gboolean reaches_back = FALSE, way_round = FALSE;

          if (lower == NULL)
            continue;
          for (guint r = 0; r < G_N_ELEMENTS (reaches); r++)
            reaches_back |= strstr (lower, reaches[r]) != NULL;
          for (guint w = 0; w < G_N_ELEMENTS (ways_round); w++)
            way_round |= strstr (lower, ways_round[w]) != NULL;

          if (!reaches_back)
            continue;
          n_reaching++;
          if (!way_round)
            g_error ("Prompt %s reaches into childhood without a way round it", prompts[i].key);
        }
    }

  g_test_message ("%u questions reach into childhood, each with a way round", n_reaching);
  g_assert_cmpuint (n_reaching, >, 10);
}

static void
test_inclusive_words (void)
{
  /* Gender-neutral and never assuming a couple's shape. */
  const char *avoid[] = { "husband", "wife", "boyfriend", "girlfriend",
                          " he ", " she ", " his ", " her " };
  const ClosenessLibraryPrompt *prompts;
  guint n;

  prompts = closeness_prompt_library_get_prompts (library, &n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text =
        g_strdup_printf (" %s %s ", prompts[i].text,
                         prompts[i].follow_up != NULL ? prompts[i].follow_up : "");
      g_autofree char *lower = g_utf8_strdown (text, -1);

      for (guint w = 0; w < G_N_ELEMENTS (avoid); w++)
        {
          if (strstr (lower, avoid[w]) != NULL)
            g_error ("Prompt %s uses “%s”", prompts[i].key, avoid[w]);
        }
    }
}

/* A .mo file read directly, so the check needs no installed locale. */
static GHashTable *
load_mo (const char  *path,
         GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GHashTable) table = NULL;
  gsize len;
  guint32 magic, n, originals, translations;
  gboolean swap;

#define READ32(off) (swap ? GUINT32_SWAP_LE_BE (*(guint32 *) (gpointer) (data + (off))) \
                          : *(guint32 *) (gpointer) (data + (off)))

  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;

  if (len < 28)
    return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  magic = *(guint32 *) (gpointer) data;
  swap = magic == 0xde120495;
  g_assert_true (magic == 0x950412de || swap);

  n = READ32 (8);
  originals = READ32 (12);
  translations = READ32 (16);

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint32 i = 0; i < n; i++)
    {
      guint32 id_len = READ32 (originals + 8 * i);
      guint32 id_off = READ32 (originals + 8 * i + 4);
      guint32 str_len = READ32 (translations + 8 * i);
      guint32 str_off = READ32 (translations + 8 * i + 4);

      g_assert_cmpuint (id_off + id_len, <=, len);
      g_assert_cmpuint (str_off + str_len, <=, len);
      g_hash_table_insert (table, g_strndup (data + id_off, id_len),
                           g_strndup (data + str_off, str_len));
    }

#undef READ32

  return g_steal_pointer (&table);
}

static void
assert_translated (GHashTable *mo,
                   const char *msgid,
                   const char *what,
                   guint      *missing)
{
  const char *msgstr;

  if (msgid == NULL || msgid[0] == '\0')
    return;

  msgstr = g_hash_table_lookup (mo, msgid);
  if (msgstr == NULL || msgstr[0] == '\0')
    {
      if (*missing < 5)
        g_test_message ("untranslated %s", what);
      (*missing)++;
    }
}

static void
test_translations_complete (gconstpointer data)
{
  const char *lang = data;
  const char *localedir = g_getenv ("CLOSENESS_LOCALEDIR");
  g_autofree char *path = NULL;
  g_autoptr(GHashTable) mo = NULL;
  g_autoptr(GError) error = NULL;
  const ClosenessLibraryDeck *decks;
  const ClosenessLibraryPrompt *prompts;
  guint n_decks, n_prompts, missing = 0;

  path = g_build_filename (localedir != NULL ? localedir : LOCALEDIR, lang, "LC_MESSAGES",
                           GETTEXT_PACKAGE ".mo", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *message = g_strdup_printf ("%s is not built yet", path);
      g_test_skip (message);
      return;
    }

  mo = load_mo (path, &error);
  g_assert_no_error (error);

  decks = closeness_prompt_library_get_decks (library, &n_decks);
  prompts = closeness_prompt_library_get_prompts (library, &n_prompts);
  for (guint i = 0; i < n_decks; i++)
    {
      g_autofree char *name = g_strdup_printf ("deck %s name", decks[i].key);
      g_autofree char *description = g_strdup_printf ("deck %s description", decks[i].key);

      assert_translated (mo, decks[i].name, name, &missing);
      assert_translated (mo, decks[i].description, description, &missing);
    }
  for (guint i = 0; i < n_prompts; i++)
    {
      g_autofree char *text = g_strdup_printf ("prompt %s", prompts[i].key);
      g_autofree char *follow_up = g_strdup_printf ("follow-up of %s", prompts[i].key);

      assert_translated (mo, prompts[i].text, text, &missing);
      assert_translated (mo, prompts[i].follow_up, follow_up, &missing);
    }

  g_test_message ("%s: %u library strings untranslated", lang, missing);
  g_assert_cmpuint (missing, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  library = closeness_prompt_library_new_from_resource (&error);
  g_assert_no_error (error);

  g_test_add_func ("/prompt-content/counts", test_counts);
  g_test_add_func ("/prompt-content/no-duplicates", test_no_duplicates);
  g_test_add_func ("/prompt-content/questions-or-invitations", test_questions_or_invitations);
  g_test_add_func ("/prompt-content/spicy-only-in-desire", test_spicy_only_in_desire);
  g_test_add_func ("/prompt-content/desire-never-gentle", test_desire_never_gentle);
  g_test_add_func ("/prompt-content/childhood-has-a-way-round", test_childhood_has_a_way_round);
  g_test_add_func ("/prompt-content/inclusive-words", test_inclusive_words);
  g_test_add_data_func ("/prompt-content/translated/de", "de", test_translations_complete);
  g_test_add_data_func ("/prompt-content/translated/es", "es", test_translations_complete);

  ret = g_test_run ();
  closeness_prompt_library_free (library);

  return ret;
}
