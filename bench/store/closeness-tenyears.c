/* closeness-tenyears.c: "ten years of a couple", written through the store
 * API so the file is exactly what the app would have made.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-bench"

#include "config.h"

#include "closeness-tenyears.h"
#include "store/closeness-store.h"

#define N_DECKS              10
#define PROMPTS_PER_DECK     24
#define N_CUSTOM_PROMPTS     300
#define N_ACTIVITIES         10
#define DAYS                 3652
#define N_EVENINGS           4000

static const char *activity_names[N_ACTIVITIES] = {
  "Exercise", "Meditation", "Journaling", "Time with friends", "Rest",
  "Therapy session", "Time outdoors", "Reading", "Cooking together", "Stretching",
};

/**
 * closeness_ten_years_install_library:
 *
 * The profile's built-in questions, as every device of the couple has
 * them (the benchmarks' second device needs them too).
 */
gboolean
closeness_ten_years_install_library (ClosenessStore  *store,
                                     GError         **error)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  ClosenessLibraryDeck decks[N_DECKS];
  ClosenessLibraryPrompt prompts[N_DECKS * PROMPTS_PER_DECK];

  for (guint d = 0; d < N_DECKS; d++)
    {
      char *key = g_strdup_printf ("deck-%u", d);

      g_ptr_array_add (strings, key);
      decks[d] = (ClosenessLibraryDeck) { key, g_strdup_printf ("Deck %u", d),
                                          "A line about the deck" };
      g_ptr_array_add (strings, (char *) decks[d].name);

      for (guint p = 0; p < PROMPTS_PER_DECK; p++)
        {
          guint i = d * PROMPTS_PER_DECK + p;
          char *pkey = g_strdup_printf ("deck-%u-prompt-%u", d, p);
          char *text =
            g_strdup_printf ("Built-in question %u of deck %u: what would you like to tell me?", p,
                             d);

          g_ptr_array_add (strings, pkey);
          g_ptr_array_add (strings, text);
          prompts[i] = (ClosenessLibraryPrompt) { pkey, key, text, NULL, (p % 3) };
        }
    }

  if (!closeness_store_sync_library (store, "bench-1", decks, N_DECKS, prompts,
                                     N_DECKS * PROMPTS_PER_DECK, error))
    return FALSE;

  return TRUE;
}

gboolean
closeness_generate_ten_years (const char              *db_path,
                              guint32                  seed,
                              ClosenessTenYearsStats  *stats,
                              GError                 **error)
{
  g_autoptr(ClosenessStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (ClosenessEntryInfo));
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GDateTime) first_day = g_date_time_add_days (today, -DAYS + 1);
  GListModel *deck_model;
  gint64 custom_deck = 0;
  gint64 activity_ids[N_ACTIVITIES];
  ClosenessTenYearsStats local = { 0 };

  store = closeness_store_new (db_path, error);
  if (store == NULL)
    return FALSE;

  if (!closeness_store_update_partner (store, 0, "Alex", "#3584e4", error) ||
      !closeness_store_update_partner (store, 1, "Sam", "#e66100", error))
    return FALSE;

  if (!closeness_ten_years_install_library (store, error))
    return FALSE;

  {
    g_autoptr(ClosenessDeck) deck = closeness_store_create_deck (store, "Our own",
                                                                 "Questions we wrote", error);

    if (deck == NULL)
      return FALSE;
    custom_deck = closeness_record_get_id (CLOSENESS_RECORD (deck));
  }

  for (guint i = 0; i < N_CUSTOM_PROMPTS; i++)
    {
      g_autofree char *text =
        g_strdup_printf ("Custom question %u: what do you remember about that day?", i);
      g_autoptr(ClosenessPrompt) prompt = NULL;
      gint64 id;

      prompt = closeness_store_create_prompt (store, custom_deck, text, NULL, i % 3, error);
      if (prompt == NULL)
        return FALSE;
      id = closeness_record_get_id (CLOSENESS_RECORD (prompt));
      local.n_custom_prompts++;

      for (guint slot = 0; slot < 2; slot++)
        {
          g_autofree char *answer =
            g_strdup_printf ("An answer of a few sentences from partner %u about "
                             "question %u, long enough to be realistic. "
                             "It mentions a walk, a song and a promise.",
                             slot, i);

          if (!closeness_store_set_answer (store, id, slot, answer, error))
            return FALSE;
          local.n_answers++;
        }
    }

  /* Evenings: about one every 0.9 days over ten years */
  for (guint i = 0; i < N_EVENINGS; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (first_day, (int) (i * DAYS / N_EVENINGS));
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");
      g_autofree char *start = g_strdup_printf ("%sT%02u:%02u:00", date,
                                                19 + g_rand_int_range (rand, 0, 3),
                                                g_rand_boolean (rand) ? 0 : 30);
      ClosenessEventInfo info = {
        .summary = "Time together",
        .dtstart = start,
        .tzid = "Europe/Berlin",
        .duration_minutes = 30,
        .planned_by = g_rand_int_range (rand, -1, 3),
        .notes = (i % 5 == 0) ? "Tea, then a walk round the block." : "",
      };
      g_autoptr(ClosenessEvent) event = NULL;

      if (i % 400 == 0)
        info.rrule = "FREQ=WEEKLY;BYDAY=FR";

      event = closeness_store_create_event (store, &info, error);
      if (event == NULL)
        return FALSE;
      local.n_events++;

      if (i % 10 == 0
          && closeness_store_add_event_reminder (store,
                                                 closeness_record_get_id (CLOSENESS_RECORD (event)),
                                                 15, error)
               == 0)
        return FALSE;
    }

  for (guint a = 0; a < N_ACTIVITIES; a++)
    {
      g_autofree char *key = g_strdup_printf ("activity-%u", a);
      ClosenessActivityInfo info = {
        .builtin_key = key,
        .name = activity_names[a],
        .icon = "emblem-favorite-symbolic",
        .owner = CLOSENESS_OWNER_BOTH,
        .goal_kind = a % 3,
        .goal_count = (a % 3) == 0 ? 1 : 3,
      };
      g_autoptr(ClosenessActivity) activity = closeness_store_create_activity (store, &info, error);

      if (activity == NULL)
        return FALSE;
      activity_ids[a] = closeness_record_get_id (CLOSENESS_RECORD (activity));
    }

  /* Self-care: each partner logs most activities on most days */
  for (guint d = 0; d < DAYS; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (first_day, (int) d);
      char *date = g_date_time_format (day, "%Y-%m-%d");

      g_ptr_array_add (strings, date);

      for (guint a = 0; a < N_ACTIVITIES; a++)
        for (guint slot = 0; slot < 2; slot++)
          {
            ClosenessEntryInfo entry;

            if (g_rand_int_range (rand, 0, 1000) < 15)   /* a few days missed */
              continue;

            entry = (ClosenessEntryInfo) {
              activity_ids[a], slot, date,
              g_rand_int_range (rand, 0, 20) == 0 ? CLOSENESS_ENTRY_REST : CLOSENESS_ENTRY_DONE,
              g_rand_int_range (rand, 0, 8) == 0 ? "felt good" : NULL,
            };
            g_array_append_val (entries, entry);
          }
    }

  /* Entries over 10 years are far more than one batch would ever be in the
   * app; write them year by year. */
  for (guint offset = 0; offset < entries->len; offset += 8000)
    {
      guint n = MIN (8000, entries->len - offset);

      if (!closeness_store_add_entries (store, &g_array_index (entries, ClosenessEntryInfo, offset),
                                        n, NULL, NULL, error))
        return FALSE;
    }
  local.n_entries = entries->len;

  deck_model = closeness_store_get_decks (store);
  (void) deck_model;

  if (stats != NULL)
    *stats = local;

  return TRUE;
}
