/* closeness-prompt-library.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-conversations"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "closeness-prompt-library.h"

struct _ClosenessPromptLibrary
{
  GStringChunk *strings;
  GArray       *decks;      /* ClosenessLibraryDeck */
  GArray       *prompts;    /* ClosenessLibraryPrompt */
  GHashTable   *deck_icons; /* deck key → icon name, strings in @strings */
  char         *version;
};

typedef enum
{
  FIELD_NONE,
  FIELD_DECK_NAME,
  FIELD_DECK_DESCRIPTION,
  FIELD_PROMPT_TEXT,
  FIELD_PROMPT_FOLLOW_UP,
} Field;

typedef struct
{
  ClosenessPromptLibrary *library;
  GHashTable             *keys;     /* every deck and prompt id seen */
  GString                *text;
  Field                   field;
  gboolean                in_library;
  gboolean                in_deck;
  gboolean                in_prompt;
  char                   *library_version;
} ParseState;

G_DEFINE_QUARK (closeness-prompt-library-error-quark, closeness_prompt_library_error)

static const char *
intern (ClosenessPromptLibrary *self,
        const char             *text)
{
  return text != NULL ? g_string_chunk_insert_const (self->strings, text) : NULL;
}

static gboolean
parse_intensity (const char         *value,
                 ClosenessIntensity *intensity)
{
  if (g_strcmp0 (value, "gentle") == 0)
    *intensity = CLOSENESS_INTENSITY_GENTLE;
  else if (g_strcmp0 (value, "warm") == 0)
    *intensity = CLOSENESS_INTENSITY_WARM;
  else if (g_strcmp0 (value, "spicy") == 0)
    *intensity = CLOSENESS_INTENSITY_SPICY;
  else
    return FALSE;

  return TRUE;
}

static gboolean
set_invalid (GMarkupParseContext  *context,
             GError              **error,
             const char           *what)
{
  int line = 0;

  if (context != NULL)
    g_markup_parse_context_get_position (context, &line, NULL);

  g_set_error (error, CLOSENESS_PROMPT_LIBRARY_ERROR, CLOSENESS_PROMPT_LIBRARY_ERROR_INVALID,
               "Prompt library line %d: %s", line, what);
  return FALSE;
}

static gboolean
claim_key (ParseState          *state,
           GMarkupParseContext *context,
           const char          *key,
           GError             **error)
{
  if (key == NULL || key[0] == '\0')
    return set_invalid (context, error, "missing id");

  if (!g_hash_table_add (state->keys, g_strdup (key)))
    return set_invalid (context, error, "duplicate id");

  return TRUE;
}

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *element_name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  ParseState *state = user_data;
  ClosenessPromptLibrary *self = state->library;

  if (g_str_equal (element_name, "library"))
    {
      const char *version = NULL;

      if (!g_markup_collect_attributes (element_name, attribute_names, attribute_values, error,
                                        G_MARKUP_COLLECT_STRING, "version", &version,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      g_free (state->library_version);
      state->library_version = g_strdup (version);
      state->in_library = TRUE;
    }
  else if (g_str_equal (element_name, "deck") && state->in_library && !state->in_deck)
    {
      ClosenessLibraryDeck deck = { 0 };
      const char *id = NULL, *icon = NULL;

      if (!g_markup_collect_attributes (element_name, attribute_names, attribute_values, error,
                                        G_MARKUP_COLLECT_STRING, "id", &id,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                        "icon", &icon,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      if (!claim_key (state, context, id, error))
        return;

      deck.key = intern (self, id);
      g_array_append_val (self->decks, deck);
      g_hash_table_insert (self->deck_icons, (gpointer) deck.key,
                           (gpointer) intern (self, icon != NULL ? icon : "view-grid-symbolic"));
      state->in_deck = TRUE;
    }
  else if (g_str_equal (element_name, "prompt") && state->in_deck && !state->in_prompt)
    {
      ClosenessLibraryDeck *deck = &g_array_index (self->decks, ClosenessLibraryDeck,
                                                   self->decks->len - 1);
      ClosenessLibraryPrompt prompt = { 0 };
      const char *id = NULL, *intensity = NULL, *note = NULL;

      if (!g_markup_collect_attributes (element_name, attribute_names, attribute_values, error,
                                        G_MARKUP_COLLECT_STRING, "id", &id,
                                        G_MARKUP_COLLECT_STRING, "intensity", &intensity,
                                        G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL,
                                        "note", &note,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      if (!claim_key (state, context, id, error))
        return;
      if (!parse_intensity (intensity, &prompt.intensity))
        {
          set_invalid (context, error, "intensity must be gentle, warm or spicy");
          return;
        }
      if (prompt.intensity == CLOSENESS_INTENSITY_SPICY &&
          g_strcmp0 (deck->key, CLOSENESS_PROMPT_LIBRARY_DESIRE_DECK) != 0)
        {
          set_invalid (context, error, "spicy prompts belong in the desire deck only");
          return;
        }

      prompt.key = intern (self, id);
      prompt.deck_key = deck->key;
      g_array_append_val (self->prompts, prompt);
      state->in_prompt = TRUE;
    }
  else if (g_str_equal (element_name, "name") && state->in_deck && !state->in_prompt)
    state->field = FIELD_DECK_NAME;
  else if (g_str_equal (element_name, "description") && state->in_deck && !state->in_prompt)
    state->field = FIELD_DECK_DESCRIPTION;
  else if (g_str_equal (element_name, "text") && state->in_prompt)
    state->field = FIELD_PROMPT_TEXT;
  else if (g_str_equal (element_name, "follow-up") && state->in_prompt)
    state->field = FIELD_PROMPT_FOLLOW_UP;
  else
    {
      set_invalid (context, error, "unexpected element");
      return;
    }

  g_string_truncate (state->text, 0);
}

static void
end_element_cb (GMarkupParseContext  *context,
                const char           *element_name,
                gpointer              user_data,
                GError              **error)
{
  ParseState *state = user_data;
  ClosenessPromptLibrary *self = state->library;
  g_autofree char *text = NULL;
  Field field = state->field;

  state->field = FIELD_NONE;

  if (field != FIELD_NONE)
    {
      text = g_strstrip (g_strdup (state->text->str));
      if (text[0] == '\0')
        {
          set_invalid (context, error, "empty text");
          return;
        }
    }

  switch (field)
    {
    case FIELD_DECK_NAME:
      g_array_index (self->decks, ClosenessLibraryDeck, self->decks->len - 1).name =
        intern (self, text);
      return;

    case FIELD_DECK_DESCRIPTION:
      g_array_index (self->decks, ClosenessLibraryDeck, self->decks->len - 1).description =
        intern (self, text);
      return;

    case FIELD_PROMPT_TEXT:
      g_array_index (self->prompts, ClosenessLibraryPrompt, self->prompts->len - 1).text =
        intern (self, text);
      return;

    case FIELD_PROMPT_FOLLOW_UP:
      g_array_index (self->prompts, ClosenessLibraryPrompt, self->prompts->len - 1).follow_up =
        intern (self, text);
      return;

    case FIELD_NONE:
    default:
      break;
    }

  if (g_str_equal (element_name, "prompt"))
    {
      if (g_array_index (self->prompts, ClosenessLibraryPrompt, self->prompts->len - 1).text
          == NULL)
        set_invalid (context, error, "a prompt without text");
      state->in_prompt = FALSE;
    }
  else if (g_str_equal (element_name, "deck"))
    {
      if (g_array_index (self->decks, ClosenessLibraryDeck, self->decks->len - 1).name == NULL)
        set_invalid (context, error, "a deck without a name");
      state->in_deck = FALSE;
    }
  else if (g_str_equal (element_name, "library"))
    state->in_library = FALSE;
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 text_len,
         gpointer              user_data,
         GError              **error)
{
  ParseState *state = user_data;

  if (state->field != FIELD_NONE)
    g_string_append_len (state->text, text, text_len);
}

static const GMarkupParser parser = {
  start_element_cb,
  end_element_cb,
  text_cb,
  NULL,
  NULL,
};

/* FNV-1a: far cheaper than a cryptographic hash, and all we need is to notice
 * that the shipped file changed. */
static guint64
hash_bytes (const guint8 *data,
            gsize         len)
{
  guint64 hash = G_GUINT64_CONSTANT (14695981039346656037);

  for (gsize i = 0; i < len; i++)
    {
      hash ^= data[i];
      hash *= G_GUINT64_CONSTANT (1099511628211);
    }

  return hash;
}

/**
 * closeness_prompt_library_compute_version:
 * @bytes: the library XML
 *
 * Cheap enough for every start-up: no parsing, one pass over the bytes.
 *
 * Returns: (transfer full): "<format version>:<size>:<hash>"
 */
char *
closeness_prompt_library_compute_version (GBytes *bytes)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  const char *format = "0";
  g_autofree char *format_copy = NULL;
  const char *start;

  /* The <library version="…"> attribute sits near the top. */
  start = g_strstr_len ((const char *) data, MIN (len, 512), "<library version=\"");
  if (start != NULL)
    {
      const char *value = start + strlen ("<library version=\"");
      const char *end = memchr (value, '"', (const char *) data + MIN (len, 512) - value);

      if (end != NULL)
        format = format_copy = g_strndup (value, end - value);
    }

  return g_strdup_printf ("%s:%" G_GSIZE_FORMAT ":%016" G_GINT64_MODIFIER "x",
                          format, len, hash_bytes (data, len));
}

ClosenessPromptLibrary *
closeness_prompt_library_new_from_bytes (GBytes  *bytes,
                                         GError **error)
{
  g_autoptr(ClosenessPromptLibrary) self = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  ParseState state = { 0 };
  gsize len = 0;
  const char *data;
  gboolean ok;

  g_return_val_if_fail (bytes != NULL, NULL);

  self = g_new0 (ClosenessPromptLibrary, 1);
  self->strings = g_string_chunk_new (16 * 1024);
  self->decks = g_array_new (FALSE, TRUE, sizeof (ClosenessLibraryDeck));
  self->prompts = g_array_sized_new (FALSE, TRUE, sizeof (ClosenessLibraryPrompt), 320);
  self->deck_icons = g_hash_table_new (g_str_hash, g_str_equal);

  state.library = self;
  state.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state.text = g_string_new (NULL);

  data = g_bytes_get_data (bytes, &len);
  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &state, NULL);
  ok = g_markup_parse_context_parse (context, data, len, error) &&
       g_markup_parse_context_end_parse (context, error);

  if (ok && state.library_version == NULL)
    ok = set_invalid (NULL, error, "no <library version> element");
  if (ok && self->decks->len == 0)
    ok = set_invalid (NULL, error, "no decks");

  g_hash_table_unref (state.keys);
  g_string_free (state.text, TRUE);
  g_free (state.library_version);

  if (!ok)
    return NULL;

  self->version = closeness_prompt_library_compute_version (bytes);

  return g_steal_pointer (&self);
}

ClosenessPromptLibrary *
closeness_prompt_library_new_from_resource (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_resources_lookup_data (CLOSENESS_PROMPT_LIBRARY_RESOURCE,
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      g_set_error (error, CLOSENESS_PROMPT_LIBRARY_ERROR, CLOSENESS_PROMPT_LIBRARY_ERROR_NOT_FOUND,
                   _("The built-in questions are missing from this installation."));
      return NULL;
    }

  return closeness_prompt_library_new_from_bytes (bytes, error);
}

/**
 * closeness_prompt_library_get_default:
 *
 * The library from the GResource, parsed once on first use.
 *
 * Returns: (transfer none) (nullable): the shared library, %NULL if invalid
 */
ClosenessPromptLibrary *
closeness_prompt_library_get_default (void)
{
  static ClosenessPromptLibrary *library;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GError) error = NULL;

      library = closeness_prompt_library_new_from_resource (&error);
      /* Only ids and line numbers are in the message, never prompt text. */
      if (library == NULL)
        g_warning ("The built-in prompt library is not valid: %s", error->message);
      g_once_init_leave (&initialized, 1);
    }

  return library;
}

void
closeness_prompt_library_free (ClosenessPromptLibrary *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->decks, g_array_unref);
  g_clear_pointer (&self->prompts, g_array_unref);
  g_clear_pointer (&self->deck_icons, g_hash_table_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self->version);
  g_free (self);
}

const ClosenessLibraryDeck *
closeness_prompt_library_get_decks (ClosenessPromptLibrary *self,
                                    guint                  *n_decks)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_decks != NULL)
    *n_decks = self->decks->len;

  return (const ClosenessLibraryDeck *) (gpointer) self->decks->data;
}

const ClosenessLibraryPrompt *
closeness_prompt_library_get_prompts (ClosenessPromptLibrary *self,
                                      guint                  *n_prompts)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_prompts != NULL)
    *n_prompts = self->prompts->len;

  return (const ClosenessLibraryPrompt *) (gpointer) self->prompts->data;
}

/**
 * closeness_prompt_library_get_deck_icon:
 *
 * Returns: (nullable): the symbolic icon of a built-in deck
 */
const char *
closeness_prompt_library_get_deck_icon (ClosenessPromptLibrary *self,
                                        const char             *deck_key)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (deck_key == NULL)
    return NULL;

  return g_hash_table_lookup (self->deck_icons, deck_key);
}

/**
 * closeness_prompt_library_sync_bytes:
 * @bytes: a library XML
 *
 * Brings the store up to date with @bytes. When the store already holds
 * this version nothing is parsed and nothing is written.
 */
gboolean
closeness_prompt_library_sync_bytes (ClosenessStore  *store,
                                     GBytes          *bytes,
                                     GError         **error)
{
  g_autoptr(ClosenessPromptLibrary) library = NULL;
  g_autofree char *version = NULL;
  g_autofree char *synced = NULL;
  const ClosenessLibraryDeck *decks;
  const ClosenessLibraryPrompt *prompts;
  guint n_decks, n_prompts;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  version = closeness_prompt_library_compute_version (bytes);
  synced = closeness_store_dup_state (store, CLOSENESS_PROMPT_LIBRARY_STATE_KEY);
  if (g_strcmp0 (version, synced) == 0)
    return TRUE;

  library = closeness_prompt_library_new_from_bytes (bytes, error);
  if (library == NULL)
    return FALSE;

  decks = closeness_prompt_library_get_decks (library, &n_decks);
  prompts = closeness_prompt_library_get_prompts (library, &n_prompts);

  g_debug ("Syncing the prompt library: %u decks, %u prompts", n_decks, n_prompts);

  return closeness_store_sync_library (store, library->version, decks, n_decks,
                                       prompts, n_prompts, error);
}

/**
 * closeness_prompt_library_sync:
 * @store: the open store
 *
 * Call once right after the store opens. A no-op when the shipped library
 * has not changed since the last sync.
 */
gboolean
closeness_prompt_library_sync (ClosenessStore  *store,
                               GError         **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), FALSE);

  bytes = g_resources_lookup_data (CLOSENESS_PROMPT_LIBRARY_RESOURCE,
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      g_set_error (error, CLOSENESS_PROMPT_LIBRARY_ERROR, CLOSENESS_PROMPT_LIBRARY_ERROR_NOT_FOUND,
                   _("The built-in questions are missing from this installation."));
      return FALSE;
    }

  return closeness_prompt_library_sync_bytes (store, bytes, error);
}
