/* closeness-conversation-logic.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-conversations"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "closeness-conversation-logic.h"

static const char * const intensity_names[] = { "gentle", "warm", "spicy" };

const char *
closeness_intensity_to_string (ClosenessIntensity intensity)
{
  g_return_val_if_fail ((guint) intensity <= CLOSENESS_INTENSITY_SPICY, "warm");

  return intensity_names[intensity];
}

/**
 * closeness_intensity_from_string:
 * @value: (nullable): "gentle", "warm" or "spicy"
 *
 * Returns: the intensity, or @fallback for anything unknown
 */
ClosenessIntensity
closeness_intensity_from_string (const char         *value,
                                 ClosenessIntensity  fallback)
{
  for (guint i = 0; i < G_N_ELEMENTS (intensity_names); i++)
    {
      if (g_strcmp0 (value, intensity_names[i]) == 0)
        return i;
    }

  return fallback;
}

/**
 * closeness_prompt_filter_allows_deck:
 *
 * Returns: whether questions of the deck @deck_id may appear at all
 */
gboolean
closeness_prompt_filter_allows_deck (const ClosenessPromptFilter *filter,
                                     gint64                       deck_id)
{
  g_return_val_if_fail (filter != NULL, FALSE);

  return filter->closed_deck_id == 0 || deck_id != filter->closed_deck_id;
}

/**
 * closeness_prompt_filter_allows:
 *
 * Returns: whether @prompt may appear: within the intensity and not in a
 *   closed deck
 */
gboolean
closeness_prompt_filter_allows (const ClosenessPromptFilter *filter,
                                ClosenessPrompt             *prompt)
{
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (CLOSENESS_IS_PROMPT (prompt), FALSE);

  return closeness_prompt_get_intensity (prompt) <= (int) filter->ceiling &&
         closeness_prompt_filter_allows_deck (filter, closeness_prompt_get_deck_id (prompt));
}

/* Built-in text is stored untranslated (it is the msgid); custom text is
 * shown exactly as typed. */
static const char *
translate_builtin (gboolean    is_custom,
                   const char *text)
{
  if (text == NULL || text[0] == '\0')
    return text;

  return is_custom ? text : g_dgettext (GETTEXT_PACKAGE, text);
}

const char *
closeness_prompt_get_display_text (ClosenessPrompt *prompt)
{
  g_return_val_if_fail (CLOSENESS_IS_PROMPT (prompt), NULL);

  return translate_builtin (closeness_prompt_get_is_custom (prompt),
                            closeness_prompt_get_text (prompt));
}

const char *
closeness_prompt_get_display_follow_up (ClosenessPrompt *prompt)
{
  g_return_val_if_fail (CLOSENESS_IS_PROMPT (prompt), NULL);

  return translate_builtin (closeness_prompt_get_is_custom (prompt),
                            closeness_prompt_get_follow_up (prompt));
}

const char *
closeness_deck_get_display_name (ClosenessDeck *deck)
{
  g_return_val_if_fail (CLOSENESS_IS_DECK (deck), NULL);

  return translate_builtin (closeness_deck_get_is_custom (deck), closeness_deck_get_name (deck));
}

const char *
closeness_deck_get_display_description (ClosenessDeck *deck)
{
  g_return_val_if_fail (CLOSENESS_IS_DECK (deck), NULL);

  return translate_builtin (closeness_deck_get_is_custom (deck),
                            closeness_deck_get_description (deck));
}

/**
 * closeness_text_fold:
 *
 * Folds case and strips accents, so "Über" matches "uber" and "CAFÉ" "cafe".
 *
 * Returns: (transfer full): the folded text
 */
char *
closeness_text_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) stripped = NULL;

  if (text == NULL)
    return g_strdup ("");

  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return g_strdup ("");

  stripped = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
          type == G_UNICODE_ENCLOSING_MARK)
        continue;
      g_string_append_unichar (stripped, c);
    }

  return g_utf8_casefold (stripped->str, stripped->len);
}

static gboolean
text_matches (const char *text,
              const char *folded_query)
{
  g_autofree char *folded = NULL;

  if (text == NULL || text[0] == '\0')
    return FALSE;

  folded = closeness_text_fold (text);

  return strstr (folded, folded_query) != NULL;
}

/**
 * closeness_prompt_matches:
 * @folded_query: a query from closeness_text_fold()
 *
 * Matches the text as shown (translated) and, for built-in prompts, the
 * original English too.
 */
gboolean
closeness_prompt_matches (ClosenessPrompt *prompt,
                          const char      *folded_query)
{
  g_return_val_if_fail (CLOSENESS_IS_PROMPT (prompt), FALSE);

  if (folded_query == NULL || folded_query[0] == '\0')
    return TRUE;

  if (text_matches (closeness_prompt_get_display_text (prompt), folded_query) ||
      text_matches (closeness_prompt_get_display_follow_up (prompt), folded_query))
    return TRUE;

  if (!closeness_prompt_get_is_custom (prompt) &&
      (text_matches (closeness_prompt_get_text (prompt), folded_query) ||
       text_matches (closeness_prompt_get_follow_up (prompt), folded_query)))
    return TRUE;

  return FALSE;
}

static gboolean
deck_is_chosen (gint64        deck_id,
                const gint64 *deck_ids,
                guint         n_deck_ids)
{
  if (deck_ids == NULL || n_deck_ids == 0)
    return TRUE;

  for (guint i = 0; i < n_deck_ids; i++)
    {
      if (deck_ids[i] == deck_id)
        return TRUE;
    }

  return FALSE;
}

/**
 * closeness_conversation_eligible:
 * @deck_ids: (nullable) (array length=n_deck_ids): the chosen decks, or
 *   %NULL for all
 *
 * The prompts that may be offered tonight: allowed by @filter, in a chosen
 * deck, and not retired from the built-in library.
 *
 * Returns: (transfer container) (element-type ClosenessPrompt): the prompts
 */
GPtrArray *
closeness_conversation_eligible (GListModel                  *prompts,
                                 const ClosenessPromptFilter *filter,
                                 const gint64                *deck_ids,
                                 guint                        n_deck_ids)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (prompts), result);

  n = g_list_model_get_n_items (prompts);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessPrompt) prompt = g_list_model_get_item (prompts, i);

      if (!closeness_prompt_filter_allows (filter, prompt) ||
          closeness_prompt_get_retired (prompt) ||
          !deck_is_chosen (closeness_prompt_get_deck_id (prompt), deck_ids, n_deck_ids))
        continue;

      g_ptr_array_add (result, g_steal_pointer (&prompt));
    }

  return result;
}

/**
 * closeness_conversation_search:
 *
 * Returns: (transfer container) (element-type ClosenessPrompt): the prompts
 *   @filter allows whose text or follow-up contains @query, ignoring
 *   case and accents
 */
GPtrArray *
closeness_conversation_search (GListModel                  *prompts,
                               const ClosenessPromptFilter *filter,
                               const char                  *query)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *folded_query = NULL;
  g_autofree char *trimmed = NULL;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (prompts), result);

  trimmed = g_strstrip (g_strdup (query != NULL ? query : ""));
  if (trimmed[0] == '\0')
    return result;

  folded_query = closeness_text_fold (trimmed);
  n = g_list_model_get_n_items (prompts);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessPrompt) prompt = g_list_model_get_item (prompts, i);

      if (closeness_prompt_filter_allows (filter, prompt) &&
          closeness_prompt_matches (prompt, folded_query))
        g_ptr_array_add (result, g_steal_pointer (&prompt));
    }

  return result;
}

/**
 * closeness_conversation_deck_prompts:
 *
 * Returns: (transfer container) (element-type ClosenessPrompt): the prompts
 *   of one deck that a deck view shows (none while the deck is closed)
 */
GPtrArray *
closeness_conversation_deck_prompts (GListModel                  *prompts,
                                     const ClosenessPromptFilter *filter,
                                     gint64                       deck_id)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (prompts), result);

  n = g_list_model_get_n_items (prompts);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessPrompt) prompt = g_list_model_get_item (prompts, i);

      if (closeness_prompt_get_deck_id (prompt) == deck_id &&
          closeness_prompt_filter_allows (filter, prompt))
        g_ptr_array_add (result, g_steal_pointer (&prompt));
    }

  return result;
}

static guint64
mix64 (guint64 x)
{
  /* splitmix64's finaliser: every input bit affects every output bit. */
  x ^= x >> 30;
  x *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x ^= x >> 27;
  x *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  x ^= x >> 31;
  return x;
}

static guint64
hash_string (guint64     hash,
             const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      hash ^= *p;
      hash *= G_GUINT64_CONSTANT (1099511628211);
    }

  return hash;
}

static guint64
day_score (const char *day,
           const char *builtin_key,
           gint64      id)
{
  guint64 hash = G_GUINT64_CONSTANT (14695981039346656037);
  const char *key = builtin_key;
  char custom_key[32];

  if (key == NULL || key[0] == '\0')
    {
      g_snprintf (custom_key, sizeof custom_key, "custom:%" G_GINT64_FORMAT, id);
      key = custom_key;
    }

  hash = hash_string (hash, day);
  hash = hash_string (hash, "\x1f");
  hash = hash_string (hash, key);

  return mix64 (hash);
}

static guint64
prompt_day_score (const char      *day,
                  ClosenessPrompt *prompt)
{
  return day_score (day, closeness_prompt_get_builtin_key (prompt),
                    closeness_record_get_id (CLOSENESS_RECORD (prompt)));
}

/**
 * closeness_conversation_prompt_of_the_day:
 * @day: the local date, "YYYY-MM-DD"
 *
 * Every eligible prompt gets a score from the day and its stable key; the
 * highest wins. The pick is the same all day, changes with the date, and
 * adding or removing other prompts only changes it if the new one wins.
 *
 * Returns: (transfer full) (nullable): the prompt of the day
 */
ClosenessPrompt *
closeness_conversation_prompt_of_the_day (GListModel                  *prompts,
                                          const ClosenessPromptFilter *filter,
                                          const char                  *day)
{
  g_autoptr(GPtrArray) eligible = NULL;
  ClosenessPrompt *best = NULL;
  guint64 best_score = 0;

  g_return_val_if_fail (G_IS_LIST_MODEL (prompts), NULL);
  g_return_val_if_fail (day != NULL, NULL);

  eligible = closeness_conversation_eligible (prompts, filter, NULL, 0);
  for (guint i = 0; i < eligible->len; i++)
    {
      ClosenessPrompt *prompt = g_ptr_array_index (eligible, i);
      guint64 score = prompt_day_score (day, prompt);

      if (best == NULL || score > best_score)
        {
          best = prompt;
          best_score = score;
        }
    }

  return best != NULL ? g_object_ref (best) : NULL;
}

/**
 * closeness_conversation_pick_of_the_day:
 * @keys: (element-type ClosenessPromptKey): from closeness_store_get_prompt_keys()
 * @day: the local date, "YYYY-MM-DD"
 *
 * closeness_conversation_prompt_of_the_day() without the prompts themselves:
 * the same choice, made from their keys, so the window can show tonight's
 * question before it loads every prompt.
 *
 * Returns: the id of the prompt of the day, or 0 when none is eligible
 */
gint64
closeness_conversation_pick_of_the_day (GArray                      *keys,
                                        const ClosenessPromptFilter *filter,
                                        const char                  *day)
{
  gint64 best = 0;
  guint64 best_score = 0;

  g_return_val_if_fail (keys != NULL, 0);
  g_return_val_if_fail (filter != NULL, 0);
  g_return_val_if_fail (day != NULL, 0);

  for (guint i = 0; i < keys->len; i++)
    {
      const ClosenessPromptKey *key = &g_array_index (keys, ClosenessPromptKey, i);
      guint64 score;

      if (key->retired || (int) key->intensity > (int) filter->ceiling ||
          !closeness_prompt_filter_allows_deck (filter, key->deck_id))
        continue;

      score = day_score (day, key->builtin_key, key->id);
      if (best == 0 || score > best_score)
        {
          best = key->id;
          best_score = score;
        }
    }

  return best;
}

static gboolean
id_in_array (GArray *ids,
             gint64  id)
{
  if (ids == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      if (g_array_index (ids, gint64, i) == id)
        return TRUE;
    }

  return FALSE;
}

/**
 * closeness_conversation_draw:
 * @recent_ids: (nullable) (element-type gint64): prompts seen lately
 * @current_id: the card on the table now, never drawn again at once (0: none)
 * @rand: the random source (tests pass a seeded one)
 * @all_seen: (out) (optional): set when every eligible card was seen lately
 *   and one of them had to be drawn again
 *
 * Returns: (transfer full) (nullable): a card, or %NULL when the chosen
 *   decks hold nothing @filter allows
 */
ClosenessPrompt *
closeness_conversation_draw (GListModel                  *prompts,
                             const ClosenessPromptFilter *filter,
                             const gint64                *deck_ids,
                             guint                        n_deck_ids,
                             GArray                      *recent_ids,
                             gint64                       current_id,
                             GRand                       *rand,
                             gboolean                    *all_seen)
{
  g_autoptr(GPtrArray) eligible = NULL;
  g_autoptr(GPtrArray) fresh = g_ptr_array_new ();
  g_autoptr(GPtrArray) not_current = g_ptr_array_new ();
  GPtrArray *pool;

  g_return_val_if_fail (G_IS_LIST_MODEL (prompts), NULL);
  g_return_val_if_fail (rand != NULL, NULL);

  if (all_seen != NULL)
    *all_seen = FALSE;

  eligible = closeness_conversation_eligible (prompts, filter, deck_ids, n_deck_ids);
  if (eligible->len == 0)
    return NULL;

  for (guint i = 0; i < eligible->len; i++)
    {
      ClosenessPrompt *prompt = g_ptr_array_index (eligible, i);
      gint64 id = closeness_record_get_id (CLOSENESS_RECORD (prompt));

      if (id == current_id)
        continue;
      g_ptr_array_add (not_current, prompt);
      if (!id_in_array (recent_ids, id))
        g_ptr_array_add (fresh, prompt);
    }

  if (fresh->len > 0)
    pool = fresh;
  else
    {
      /* Everything was seen lately: better an old card than none. */
      if (all_seen != NULL)
        *all_seen = TRUE;
      pool = not_current->len > 0 ? not_current : eligible;
    }

  return g_object_ref (g_ptr_array_index (pool, g_rand_int_range (rand, 0, pool->len)));
}

/**
 * closeness_conversation_count_progress:
 *
 * Counts the prompts of a deck that @filter allows and how many of them were
 * discussed at least once.
 */
void
closeness_conversation_count_progress (GListModel                  *prompts,
                                       const ClosenessPromptFilter *filter,
                                       gint64                       deck_id,
                                       guint                       *discussed,
                                       guint                       *total)
{
  guint n, n_discussed = 0, n_total = 0;

  g_return_if_fail (G_IS_LIST_MODEL (prompts));

  n = g_list_model_get_n_items (prompts);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessPrompt) prompt = g_list_model_get_item (prompts, i);
      const char *last;

      if (closeness_prompt_get_deck_id (prompt) != deck_id ||
          !closeness_prompt_filter_allows (filter, prompt))
        continue;

      last = closeness_prompt_get_last_discussed (prompt);
      if (last != NULL && last[0] != '\0')
        n_discussed++;
      else if (closeness_prompt_get_retired (prompt))
        continue;
      n_total++;
    }

  if (discussed != NULL)
    *discussed = n_discussed;
  if (total != NULL)
    *total = n_total;
}

/**
 * closeness_conversation_count_progress_keys:
 * @keys: (element-type ClosenessPromptKey): from closeness_store_get_prompt_keys()
 *
 * closeness_conversation_count_progress() without the prompts themselves:
 * the same counts, from their keys, so the deck cards can say how far the
 * couple got without loading every prompt.
 */
void
closeness_conversation_count_progress_keys (GArray                      *keys,
                                            const ClosenessPromptFilter *filter,
                                            gint64                       deck_id,
                                            guint                       *discussed,
                                            guint                       *total)
{
  guint n_discussed = 0, n_total = 0;

  g_return_if_fail (keys != NULL);
  g_return_if_fail (filter != NULL);

  for (guint i = 0; i < keys->len; i++)
    {
      const ClosenessPromptKey *key = &g_array_index (keys, ClosenessPromptKey, i);

      if (key->deck_id != deck_id || (int) key->intensity > (int) filter->ceiling ||
          !closeness_prompt_filter_allows_deck (filter, key->deck_id))
        continue;

      if (key->discussed)
        n_discussed++;
      else if (key->retired)
        continue;
      n_total++;
    }

  if (discussed != NULL)
    *discussed = n_discussed;
  if (total != NULL)
    *total = n_total;
}

char *
closeness_conversation_format_progress (guint discussed,
                                        guint total)
{
  if (total == 0)
    return g_strdup (_("No questions yet"));

  /* Translators: deck progress, e.g. “12 of 30 discussed”. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u discussed",
                                       "%u of %u discussed", total),
                          discussed, total);
}

/**
 * closeness_conversation_day_string:
 *
 * Returns: (transfer full): the local date of @date_time as "YYYY-MM-DD"
 */
char *
closeness_conversation_day_string (GDateTime *date_time)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (date_time != NULL, NULL);

  local = g_date_time_to_local (date_time);

  return g_date_time_format (local, "%Y-%m-%d");
}

static gboolean
parse_day (const char *day,
           GDate      *date)
{
  guint year, month, mday;

  g_date_clear (date, 1);
  if (day == NULL || sscanf (day, "%4u-%2u-%2u", &year, &month, &mday) != 3 ||
      !g_date_valid_dmy (mday, month, year))
    return FALSE;

  g_date_set_dmy (date, mday, month, year);

  return TRUE;
}

/**
 * closeness_conversation_day_add:
 *
 * Returns: (transfer full) (nullable): @day moved by @days
 */
char *
closeness_conversation_day_add (const char *day,
                                int         days)
{
  GDate date;

  if (!parse_day (day, &date))
    return NULL;

  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

/**
 * closeness_conversation_format_day:
 *
 * Returns: (transfer full): @day as a person reads it, e.g. “21 November 2026”
 */
char *
closeness_conversation_format_day (const char *day)
{
  g_autoptr(GDateTime) date_time = NULL;
  g_autofree char *formatted = NULL;
  GDate date;

  if (!parse_day (day, &date))
    return g_strdup (day != NULL ? day : "");

  date_time = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                     g_date_get_day (&date), 12, 0, 0);
  /* Translators: a day in the history, see g_date_time_format();
   * e.g. “21 November 2026”. */
  formatted = g_date_time_format (date_time, _("%-d %B %Y"));

  return g_strdup (g_strstrip (formatted));
}

/**
 * closeness_conversation_seconds_to_midnight:
 *
 * Returns: the seconds until the next local midnight, at least 1
 */
guint
closeness_conversation_seconds_to_midnight (GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  GTimeSpan span;

  g_return_val_if_fail (now != NULL, 60);

  local = g_date_time_to_local (now);
  tomorrow = g_date_time_add_days (local, 1);
  midnight = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                    g_date_time_get_month (tomorrow),
                                    g_date_time_get_day_of_month (tomorrow), 0, 0, 0);
  span = g_date_time_difference (midnight, local);

  return MAX (1, (guint) ((span + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND));
}

/**
 * closeness_reveal_state_get:
 * @answered_mask: bit 0 set when the first partner answered, bit 1 the second
 * @revealed: whether the couple asked to see both answers
 */
ClosenessRevealState
closeness_reveal_state_get (int      answered_mask,
                            gboolean revealed)
{
  gboolean first = (answered_mask & 1) != 0;
  gboolean second = (answered_mask & 2) != 0;

  if (first && second)
    return revealed ? CLOSENESS_REVEAL_REVEALED : CLOSENESS_REVEAL_READY;
  if (first)
    return CLOSENESS_REVEAL_FIRST_ANSWERED;
  if (second)
    return CLOSENESS_REVEAL_SECOND_ANSWERED;

  return CLOSENESS_REVEAL_NOBODY_ANSWERED;
}

gboolean
closeness_reveal_state_can_reveal (ClosenessRevealState state)
{
  return state == CLOSENESS_REVEAL_READY;
}

gboolean
closeness_reveal_state_has_answered (ClosenessRevealState state,
                                     guint                slot)
{
  switch (state)
    {
    case CLOSENESS_REVEAL_READY:
    case CLOSENESS_REVEAL_REVEALED:
      return TRUE;

    case CLOSENESS_REVEAL_FIRST_ANSWERED:
      return slot == 0;

    case CLOSENESS_REVEAL_SECOND_ANSWERED:
      return slot == 1;

    case CLOSENESS_REVEAL_NOBODY_ANSWERED:
    default:
      return FALSE;
    }
}

/**
 * closeness_reveal_state_shows_answer:
 * @answer_slot: whose answer
 * @writing_slot: the partner writing right now, or -1
 *
 * An answer's text is shown to the partner writing it, and to both once
 * revealed; otherwise the other partner only learns that it exists.
 */
gboolean
closeness_reveal_state_shows_answer (ClosenessRevealState state,
                                     guint                answer_slot,
                                     int                  writing_slot)
{
  if (state == CLOSENESS_REVEAL_REVEALED)
    return TRUE;

  return writing_slot >= 0 && (guint) writing_slot == answer_slot;
}

/**
 * closeness_talk_timer_format:
 *
 * Returns: (transfer full): @seconds as “m:ss”
 */
char *
closeness_talk_timer_format (guint seconds)
{
  return g_strdup_printf ("%u:%02u", seconds / 60, seconds % 60);
}

/**
 * closeness_isolate_name:
 * @name: (nullable): a name to put into a sentence
 *
 * Wraps @name in Unicode directional isolates (U+2068 FIRST STRONG ISOLATE …
 * U+2069 POP DIRECTIONAL ISOLATE), so a right-to-left name does not reorder
 * the left-to-right sentence around it, nor the other way round.
 *
 * Returns: (transfer full): the isolated name
 */
char *
closeness_isolate_name (const char *name)
{
  return g_strconcat (CLOSENESS_FIRST_STRONG_ISOLATE, name != NULL ? name : "",
                      CLOSENESS_POP_DIRECTIONAL_ISOLATE, NULL);
}
