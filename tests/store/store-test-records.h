/* store-test-records.h: finding what a test wrote, in a store
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the store's couple tests and the couple sync tests.
 */

#pragma once

#include <glib.h>

#include "store/closeness-store.h"

static inline ClosenessPrompt *
find_prompt (ClosenessStore *store,
             const char     *text)
{
  GListModel *prompts = closeness_store_get_prompts (store);

  for (guint i = 0; i < g_list_model_get_n_items (prompts); i++)
    {
      g_autoptr(ClosenessPrompt) prompt = g_list_model_get_item (prompts, i);

      if (g_strcmp0 (closeness_prompt_get_text (prompt), text) == 0)
        return g_steal_pointer (&prompt);
    }

  return NULL;
}

static inline gint64
prompt_id (ClosenessStore *store,
           const char     *text)
{
  g_autoptr(ClosenessPrompt) prompt = find_prompt (store, text);

  g_assert_nonnull (prompt);

  return closeness_record_get_id (CLOSENESS_RECORD (prompt));
}

static inline ClosenessActivity *
find_activity (ClosenessStore *store,
               const char     *name)
{
  GListModel *activities = closeness_store_get_activities (store);

  for (guint i = 0; i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr(ClosenessActivity) activity = g_list_model_get_item (activities, i);

      if (g_strcmp0 (closeness_activity_get_name (activity), name) == 0)
        return g_steal_pointer (&activity);
    }

  return NULL;
}

static inline char *
answer_of (ClosenessStore *store,
           gint64          prompt,
           guint           slot)
{
  GListModel *answers = closeness_store_get_answers (store, prompt);

  for (guint i = 0; i < g_list_model_get_n_items (answers); i++)
    {
      g_autoptr(ClosenessAnswer) answer = g_list_model_get_item (answers, i);

      if (closeness_answer_get_slot (answer) == (int) slot)
        return g_strdup (closeness_answer_get_text (answer));
    }

  return NULL;
}
