/* closeness-selfcare-view.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who sees what on the Self-Care page, decided without a display. One rule
 * above all: a private activity appears only in its owner's "Me" view.
 */

#pragma once

#include <glib-object.h>

#include "store/closeness-store-types.h"

G_BEGIN_DECLS

typedef enum
{
  CLOSENESS_SELFCARE_VIEW_ME       = 0,
  CLOSENESS_SELFCARE_VIEW_PARTNER  = 1,
  CLOSENESS_SELFCARE_VIEW_TOGETHER = 2,
  /* Not a view of the page: what an export of everything holds (all three
   * views at once: what both share, and my private activities). */
  CLOSENESS_SELFCARE_VIEW_EVERYTHING = 3,
} ClosenessSelfcareView;

/* The app_state key that remembers who "me" is on this computer. */
#define CLOSENESS_SELFCARE_ME_KEY "selfcare-me"

gboolean    closeness_selfcare_view_shows_activity (ClosenessSelfcareView  view,
                                                    guint                  me,
                                                    ClosenessOwner         owner,
                                                    gboolean               is_private);
gboolean    closeness_selfcare_view_counts_slot    (ClosenessSelfcareView  view,
                                                    guint                  me,
                                                    ClosenessOwner         owner,
                                                    gboolean               is_private,
                                                    guint                  slot);
gboolean    closeness_selfcare_view_can_log        (ClosenessSelfcareView  view,
                                                    guint                  me,
                                                    ClosenessOwner         owner,
                                                    guint                  slot);
const char *closeness_selfcare_view_to_string      (ClosenessSelfcareView  view);
gboolean    closeness_selfcare_view_from_string    (const char            *text,
                                                    ClosenessSelfcareView *view);
guint       closeness_selfcare_parse_me            (const char            *state);

GParamSpec *closeness_selfcare_view_param_spec     (void);
GParamSpec *closeness_selfcare_me_param_spec       (void);

G_END_DECLS
