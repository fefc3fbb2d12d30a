/* selfcare-page-fixture.h: what the Self-Care page tests share: the page in a
 * window with a store of its own, and the helpers more than one of them uses.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "../closeness-test-utils.h"
#include "selfcare/closeness-selfcare-page.h"

G_BEGIN_DECLS

typedef struct
{
  ClosenessStore        *store;
  GtkWindow             *window;
  ClosenessSelfcarePage *page;
} Fixture;

void selfcare_page_test_fixture_set_up (Fixture       *fixture,
                                        gconstpointer  data);
void selfcare_page_test_fixture_tear_down (Fixture       *fixture,
                                           gconstpointer  data);
ClosenessActivity *selfcare_page_test_find_activity (ClosenessStore *store,
                                                     const char     *name);
gint64 selfcare_page_test_activity_id (ClosenessStore *store,
                                       const char     *name);
ClosenessEntry *selfcare_page_test_entry_today (ClosenessStore *store,
                                                gint64          id,
                                                guint           slot);
GtkWidget *selfcare_page_test_template_child (Fixture    *fixture,
                                              const char *name);

gboolean selfcare_page_test_init (int    *argc,
                                  char ***argv);

/* Registers a test of the page, with a fresh page and store for it. */
#define SELFCARE_PAGE_TEST_ADD(path, func) \
  g_test_add (path, Fixture, NULL, selfcare_page_test_fixture_set_up, func, \
              selfcare_page_test_fixture_tear_down)

G_END_DECLS
