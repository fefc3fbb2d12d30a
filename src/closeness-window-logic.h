/* closeness-window-logic.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the main window shows, decided without a display so it can be tested.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CLOSENESS_PAGE_CONVERSATIONS,
  CLOSENESS_PAGE_CALENDAR,
  CLOSENESS_PAGE_SELFCARE,
  CLOSENESS_PAGE_RESOURCES,
  CLOSENESS_N_PAGES
} ClosenessPage;

const char *closeness_page_to_name            (ClosenessPage  page);
gboolean    closeness_page_from_name          (const char    *name,
                                               ClosenessPage *page);
void        closeness_clamp_window_size       (int           *width,
                                               int           *height);

G_END_DECLS
