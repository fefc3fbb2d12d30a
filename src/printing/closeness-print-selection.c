/* closeness-print-selection.c: which prompts go on paper.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-printing"

#include "config.h"

#include <glib/gi18n.h>

#include "conversations/closeness-conversation-logic.h"

#include "closeness-print-selection.h"

struct _ClosenessPrintSelection
{
  gatomicrefcount  ref_count;
  GArray          *deck_ids;
  GArray          *prompt_ids;  /* tonight's picks, in the order picked */
  guint            picks : 1;     /* only the picks, even when there are none */
  guint            favourites_only : 1;
  guint            custom_only : 1;
};

G_DEFINE_BOXED_TYPE (ClosenessPrintSelection, closeness_print_selection,
                     closeness_print_selection_ref, closeness_print_selection_unref)

static gboolean
contains_id (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == id)
        return TRUE;
    }

  return FALSE;
}

static GHashTable *
index_decks (ClosenessStore *store)
{
  GListModel *decks = closeness_store_get_decks (store);
  GHashTable *index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (decks); i++)
    {
      g_autoptr(ClosenessDeck) deck = g_list_model_get_item (decks, i);
      gint64 id = closeness_record_get_id (CLOSENESS_RECORD (deck));

      g_hash_table_insert (index, g_memdup2 (&id, sizeof id), g_steal_pointer (&deck));
    }

  return index;
}

static gboolean
is_printable (ClosenessPrompt             *prompt,
              GHashTable                  *decks,
              const ClosenessPromptFilter *filter)
{
  gint64 deck_id = closeness_prompt_get_deck_id (prompt);
  ClosenessDeck *deck = g_hash_table_lookup (decks, &deck_id);

  /* The couple's choices always apply, whoever asks and for whatever deck. */
  return closeness_prompt_filter_allows (filter, prompt) &&
         !closeness_prompt_get_retired (prompt) &&
         deck != NULL && !closeness_deck_get_retired (deck);
}

typedef struct
{
  GHashTable *decks;
} SortData;

static int
compare_prompts (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  ClosenessPrompt *first = *(ClosenessPrompt **) a;
  ClosenessPrompt *second = *(ClosenessPrompt **) b;
  SortData *data = user_data;
  gint64 first_deck_id = closeness_prompt_get_deck_id (first);
  gint64 second_deck_id = closeness_prompt_get_deck_id (second);
  ClosenessDeck *first_deck = g_hash_table_lookup (data->decks, &first_deck_id);
  ClosenessDeck *second_deck = g_hash_table_lookup (data->decks, &second_deck_id);
  int first_position = closeness_deck_get_position (first_deck);
  int second_position = closeness_deck_get_position (second_deck);

  if (first_position != second_position)
    return first_position < second_position ? -1 : 1;
  if (first_deck_id != second_deck_id)
    return first_deck_id < second_deck_id ? -1 : 1;
  if (closeness_prompt_get_position (first) != closeness_prompt_get_position (second))
    return closeness_prompt_get_position (first) < closeness_prompt_get_position (second) ? -1 : 1;

  return closeness_record_get_id (CLOSENESS_RECORD (first)) <
         closeness_record_get_id (CLOSENESS_RECORD (second)) ? -1 : 1;
}

ClosenessPrintSelection *
closeness_print_selection_new (void)
{
  ClosenessPrintSelection *self = g_new0 (ClosenessPrintSelection, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->deck_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->prompt_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  return self;
}

ClosenessPrintSelection *
closeness_print_selection_ref (ClosenessPrintSelection *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
closeness_print_selection_unref (ClosenessPrintSelection *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->deck_ids, g_array_unref);
  g_clear_pointer (&self->prompt_ids, g_array_unref);
  g_free (self);
}

/* Limits the selection to these decks; without any, every deck counts. */
void
closeness_print_selection_add_deck (ClosenessPrintSelection *self,
                                    gint64                   deck_id)
{
  g_return_if_fail (self != NULL);

  if (!contains_id (self->deck_ids, deck_id))
    g_array_append_val (self->deck_ids, deck_id);
}

/* Tonight's picks: with any, exactly these prompts print, in this order. */
void
closeness_print_selection_add_prompt (ClosenessPrintSelection *self,
                                      gint64                   prompt_id)
{
  g_return_if_fail (self != NULL);

  self->picks = TRUE;
  if (!contains_id (self->prompt_ids, prompt_id))
    g_array_append_val (self->prompt_ids, prompt_id);
}

void
closeness_print_selection_set_favourites_only (ClosenessPrintSelection *self,
                                               gboolean                 favourites_only)
{
  g_return_if_fail (self != NULL);

  self->favourites_only = !!favourites_only;
}

void
closeness_print_selection_set_custom_only (ClosenessPrintSelection *self,
                                           gboolean                 custom_only)
{
  g_return_if_fail (self != NULL);

  self->custom_only = !!custom_only;
}

ClosenessPrintSelectionKind
closeness_print_selection_get_kind (ClosenessPrintSelection *self)
{
  g_return_val_if_fail (self != NULL, CLOSENESS_PRINT_SELECTION_ALL);

  if (self->picks)
    return CLOSENESS_PRINT_SELECTION_PICKS;
  if (self->favourites_only)
    return CLOSENESS_PRINT_SELECTION_FAVOURITES;
  if (self->custom_only)
    return CLOSENESS_PRINT_SELECTION_CUSTOM;
  if (self->deck_ids->len > 0)
    return CLOSENESS_PRINT_SELECTION_DECKS;

  return CLOSENESS_PRINT_SELECTION_ALL;
}

/**
 * closeness_print_selection_new_tonight:
 * @day: the day as closeness_conversation_day_string() writes it
 *
 * Tonight's picks: the question the Conversations page offers for @day.
 *
 * Returns: (transfer full): a selection of that one question, empty if
 *   there is none within @filter
 */
ClosenessPrintSelection *
closeness_print_selection_new_tonight (ClosenessStore              *store,
                                       const ClosenessPromptFilter *filter,
                                       const char                  *day)
{
  ClosenessPrintSelection *self = closeness_print_selection_new ();
  g_autoptr(ClosenessPrompt) prompt = NULL;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), self);
  g_return_val_if_fail (filter != NULL, self);

  self->picks = TRUE;
  prompt = closeness_conversation_prompt_of_the_day (closeness_store_get_prompts (store), filter,
                                                     day);
  if (prompt != NULL)
    closeness_print_selection_add_prompt (self,
                                          closeness_record_get_id (CLOSENESS_RECORD (prompt)));

  return self;
}

/**
 * closeness_print_selection_dup_display_title:
 *
 * Returns: (transfer full): the heading for a question sheet and the job name
 */
char *
closeness_print_selection_dup_display_title (ClosenessPrintSelection *self,
                                             ClosenessStore          *store)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (CLOSENESS_IS_STORE (store), NULL);

  if (self->picks)
    return g_strdup (_("Tonight’s picks"));
  if (self->favourites_only)
    return g_strdup (_("Favorite conversation questions"));
  if (self->custom_only)
    return g_strdup (_("Our own conversation questions"));

  if (self->deck_ids->len == 1)
    {
      g_autoptr(GHashTable) decks = index_decks (store);
      ClosenessDeck *deck = g_hash_table_lookup (decks, &g_array_index (self->deck_ids, gint64, 0));

      if (deck != NULL)
        return g_strdup (closeness_deck_get_display_name (deck));
    }

  return g_strdup (_("Conversation questions"));
}

/**
 * closeness_print_selection_collect:
 * @filter: what the couple allows; nothing else is returned, not even a
 *   prompt or deck asked for by id
 *
 * Returns: (transfer container) (element-type ClosenessPrompt): the prompts to
 *   print, picks in their order, everything else in deck order
 */
GPtrArray *
closeness_print_selection_collect (ClosenessPrintSelection     *self,
                                   ClosenessStore              *store,
                                   const ClosenessPromptFilter *filter)
{
  g_autoptr(GHashTable) decks = NULL;
  GPtrArray *result;
  GListModel *prompts;
  guint n_prompts;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (CLOSENESS_IS_STORE (store), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  decks = index_decks (store);
  prompts = closeness_store_get_prompts (store);
  n_prompts = g_list_model_get_n_items (prompts);
  result = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->picks)
    {
      for (guint i = 0; i < self->prompt_ids->len; i++)
        {
          gint64 wanted = g_array_index (self->prompt_ids, gint64, i);

          for (guint j = 0; j < n_prompts; j++)
            {
              g_autoptr(ClosenessPrompt) prompt = g_list_model_get_item (prompts, j);

              if (closeness_record_get_id (CLOSENESS_RECORD (prompt)) != wanted)
                continue;
              if (is_printable (prompt, decks, filter))
                g_ptr_array_add (result, g_steal_pointer (&prompt));
              break;
            }
        }

      return result;
    }

  for (guint i = 0; i < n_prompts; i++)
    {
      g_autoptr(ClosenessPrompt) prompt = g_list_model_get_item (prompts, i);

      if (!is_printable (prompt, decks, filter))
        continue;
      if (self->deck_ids->len > 0
          && !contains_id (self->deck_ids, closeness_prompt_get_deck_id (prompt)))
        continue;
      if (self->favourites_only && !closeness_prompt_get_favourite (prompt))
        continue;
      if (self->custom_only && !closeness_prompt_get_is_custom (prompt))
        continue;

      g_ptr_array_add (result, g_steal_pointer (&prompt));
    }

  g_ptr_array_sort_with_data (result, compare_prompts, &(SortData) { decks });

  return result;
}
