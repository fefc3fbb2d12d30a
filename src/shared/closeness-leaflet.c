/* closeness-leaflet.c: a leaflet that takes its first shape without animating
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "closeness-leaflet.h"

/* A page is made when it is first shown, and a page that is not shown does
 * not follow the window's size. When it shows in a window narrower than
 * when it was last laid out (or at all), its leaflet is mapped unfolded and
 * folds at its first allocation, and AdwLeaflet animates that (and the
 * switch to the pane the page shows when folded): the person sees both panes
 * squeezed side by side, sliding shut. Here the leaflet takes its shape at
 * once whenever it is shown, and animates folds that happen while it is on
 * screen (resizing the window) as usual.
 *
 * It goes when libadwaita's AdwNavigationSplitView (1.4) is available here
 * and the pages move to it. */

#define MODE_TRANSITION_KEY  "closeness-mode-transition-duration"
#define CHILD_TRANSITION_KEY "closeness-child-transition-duration"

static AdwSpringParams *instant_spring;

static gboolean
restore_transition_tick_cb (GtkWidget     *widget,
                            GdkFrameClock *frame_clock,
                            gpointer       user_data)
{
  guint *ticks = user_data;

  /* The first tick comes before the first allocation, where the leaflet
   * decides whether to fold; the page may then pick the pane to show in an
   * idle. The third tick comes after both. */
  if (++(*ticks) < 3)
    return G_SOURCE_CONTINUE;

  adw_leaflet_set_mode_transition_duration (ADW_LEAFLET (widget),
                                            GPOINTER_TO_UINT (
                                              g_object_get_data (G_OBJECT (widget),
                                                                 MODE_TRANSITION_KEY)));
  adw_leaflet_set_child_transition_params (ADW_LEAFLET (widget),
                                           g_object_get_data (G_OBJECT (widget),
                                                              CHILD_TRANSITION_KEY));
  return G_SOURCE_REMOVE;
}

static void
leaflet_map_cb (GtkWidget *widget)
{
  adw_leaflet_set_mode_transition_duration (ADW_LEAFLET (widget), 0);
  /* A spring this stiff settles within one frame: no visible slide. */
  adw_leaflet_set_child_transition_params (ADW_LEAFLET (widget), instant_spring);
  gtk_widget_add_tick_callback (widget, restore_transition_tick_cb, g_new0 (guint, 1), g_free);
}

/**
 * closeness_leaflet_fold_at_once_when_shown:
 * @leaflet: a leaflet that is not mapped yet
 *
 * Lets @leaflet fold or unfold without animation each time it is shown,
 * until the frame after.
 */
void
closeness_leaflet_fold_at_once_when_shown (AdwLeaflet *leaflet)
{
  g_return_if_fail (ADW_IS_LEAFLET (leaflet));
  g_return_if_fail (!gtk_widget_get_mapped (GTK_WIDGET (leaflet)));

  g_object_set_data (G_OBJECT (leaflet), MODE_TRANSITION_KEY,
                     GUINT_TO_POINTER (adw_leaflet_get_mode_transition_duration (leaflet)));
  g_object_set_data_full (G_OBJECT (leaflet), CHILD_TRANSITION_KEY,
                          adw_spring_params_ref (adw_leaflet_get_child_transition_params (leaflet)),
                          (GDestroyNotify) adw_spring_params_unref);

  if (instant_spring == NULL)
    instant_spring = adw_spring_params_new (1.0, 1.0, 1000000.0);
  g_signal_connect (leaflet, "map", G_CALLBACK (leaflet_map_cb), NULL);
}
