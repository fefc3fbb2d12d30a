/* closeness-selfcare-view.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-selfcare"

#include "config.h"

#include "closeness-habit-logic.h"
#include "closeness-selfcare-view.h"

static gboolean
owner_includes (ClosenessOwner owner,
                guint          slot)
{
  return owner == CLOSENESS_OWNER_BOTH || (guint) owner == slot;
}

/**
 * closeness_selfcare_view_shows_activity:
 * @me: the slot (0 or 1) of the person using the computer
 *
 * "Me": my activities and ours, my private ones included.
 * "My partner": their activities and ours, never a private one.
 * "Together": every activity that is not private.
 * Everything (exports only): all of those at once.
 */
gboolean
closeness_selfcare_view_shows_activity (ClosenessSelfcareView view,
                                        guint                 me,
                                        ClosenessOwner        owner,
                                        gboolean              is_private)
{
  g_return_val_if_fail (me <= 1, FALSE);

  if ((guint) owner > CLOSENESS_OWNER_BOTH)
    return FALSE;

  switch (view)
    {
    case CLOSENESS_SELFCARE_VIEW_ME:
      /* A private activity "for both" has no single owner: the store
       * refuses it, and here it would show to nobody. */
      return owner_includes (owner, me) && (!is_private || (guint) owner == me);

    case CLOSENESS_SELFCARE_VIEW_PARTNER:
      return !is_private && owner_includes (owner, 1 - me);

    case CLOSENESS_SELFCARE_VIEW_TOGETHER:
      return !is_private;

    case CLOSENESS_SELFCARE_VIEW_EVERYTHING:
      return closeness_selfcare_view_shows_activity (CLOSENESS_SELFCARE_VIEW_ME, me, owner,
                                                     is_private)
             || closeness_selfcare_view_shows_activity (CLOSENESS_SELFCARE_VIEW_TOGETHER, me, owner,
                                                        is_private);

    default:
      return FALSE;
    }
}

/**
 * closeness_selfcare_view_counts_slot:
 *
 * Whether the entries of partner @slot count in @view for this activity:
 * in "Me" only mine, in "My partner" only theirs, "Together" both (of
 * those the activity belongs to).
 */
gboolean
closeness_selfcare_view_counts_slot (ClosenessSelfcareView view,
                                     guint                 me,
                                     ClosenessOwner        owner,
                                     gboolean              is_private,
                                     guint                 slot)
{
  if (slot > 1 || !closeness_selfcare_view_shows_activity (view, me, owner, is_private) ||
      !owner_includes (owner, slot))
    return FALSE;

  switch (view)
    {
    case CLOSENESS_SELFCARE_VIEW_ME:
      return slot == me;
    case CLOSENESS_SELFCARE_VIEW_PARTNER:
      return slot == 1 - me;
    case CLOSENESS_SELFCARE_VIEW_TOGETHER:
    case CLOSENESS_SELFCARE_VIEW_EVERYTHING:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Each person logs for themselves; in "Together" either may tick their own
 * box, in "My partner" nothing is logged on their behalf. */
gboolean
closeness_selfcare_view_can_log (ClosenessSelfcareView view,
                                 guint                 me,
                                 ClosenessOwner        owner,
                                 guint                 slot)
{
  if (slot > 1 || !owner_includes (owner, slot))
    return FALSE;

  switch (view)
    {
    case CLOSENESS_SELFCARE_VIEW_ME:
      return slot == me;
    case CLOSENESS_SELFCARE_VIEW_TOGETHER:
      return TRUE;
    case CLOSENESS_SELFCARE_VIEW_PARTNER:
    default:
      return FALSE;
    }
}

static const char * const view_names[] = { "me", "partner", "together" };

const char *
closeness_selfcare_view_to_string (ClosenessSelfcareView view)
{
  g_return_val_if_fail ((guint) view < G_N_ELEMENTS (view_names), NULL);

  return view_names[view];
}

gboolean
closeness_selfcare_view_from_string (const char            *text,
                                     ClosenessSelfcareView *view)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (view_names); i++)
    {
      if (g_str_equal (text, view_names[i]))
        {
          if (view != NULL)
            *view = i;
          return TRUE;
        }
    }

  return FALSE;
}

/* The remembered "me": "1" is the second partner, anything else the first. */
guint
closeness_selfcare_parse_me (const char *state)
{
  return g_strcmp0 (state, "1") == 0 ? 1 : 0;
}

/**
 * closeness_selfcare_view_param_spec:
 *
 * The "view" property of the page and of the widgets it passes its view
 * to: a #ClosenessSelfcareView the page shows (Me, Partner or Together).
 *
 * Returns: (transfer floating): the property's #GParamSpec
 */
GParamSpec *
closeness_selfcare_view_param_spec (void)
{
  return g_param_spec_uint ("view", NULL, NULL, 0, CLOSENESS_SELFCARE_VIEW_TOGETHER, 0,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

/**
 * closeness_selfcare_me_param_spec:
 *
 * The "me" property that goes with "view": the slot (0 or 1) of the partner
 * using this computer, as closeness_selfcare_parse_me() reads it.
 *
 * Returns: (transfer floating): the property's #GParamSpec
 */
GParamSpec *
closeness_selfcare_me_param_spec (void)
{
  return g_param_spec_uint ("me", NULL, NULL, 0, 1, 0,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}
