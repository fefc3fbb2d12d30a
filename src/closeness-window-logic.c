/* closeness-window-logic.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-window"

#include "config.h"

#include "closeness-window-logic.h"

/* Smallest size the window is designed for: a phone-sized 360×294 and up. */
#define MIN_WIDTH  360
#define MIN_HEIGHT 294
/* Larger remembered sizes come from a corrupt or hand-edited setting. */
#define MAX_SIZE   16384

static const char * const page_names[CLOSENESS_N_PAGES] = {
  "conversations",
  "calendar",
  "selfcare",
  "resources",
};

const char *
closeness_page_to_name (ClosenessPage page)
{
  g_return_val_if_fail (page < CLOSENESS_N_PAGES, page_names[0]);

  return page_names[page];
}

/**
 * closeness_page_from_name:
 * @name: (nullable): a page name as stored in GSettings
 * @page: (out): where to store the page
 *
 * Returns: %TRUE if @name names a page; otherwise @page is set to
 *   the Conversations page, where a newcomer starts.
 */
gboolean
closeness_page_from_name (const char    *name,
                          ClosenessPage *page)
{
  g_return_val_if_fail (page != NULL, FALSE);

  *page = CLOSENESS_PAGE_CONVERSATIONS;

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < CLOSENESS_N_PAGES; i++)
    {
      if (g_str_equal (name, page_names[i]))
        {
          *page = i;
          return TRUE;
        }
    }

  return FALSE;
}

void
closeness_clamp_window_size (int *width,
                             int *height)
{
  g_return_if_fail (width != NULL && height != NULL);

  *width = CLAMP (*width, MIN_WIDTH, MAX_SIZE);
  *height = CLAMP (*height, MIN_HEIGHT, MAX_SIZE);
}
