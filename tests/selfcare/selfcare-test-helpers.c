/* selfcare-test-helpers.c: what the Self-Care UI tests share.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "../closeness-test-utils.h"
#include "selfcare/closeness-activity-detail.h"
#include "selfcare-test-helpers.h"

/* A named widget of the page's template, or of its detail pane's. */
GtkWidget *
selfcare_test_template_child (ClosenessSelfcarePage *page,
                              const char            *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (page), CLOSENESS_TYPE_SELFCARE_PAGE,
                                                  name);

  if (child == NULL)
    {
      GObject *detail = gtk_widget_get_template_child (GTK_WIDGET (page),
                                                       CLOSENESS_TYPE_SELFCARE_PAGE, "detail");

      child = gtk_widget_get_template_child (GTK_WIDGET (detail), CLOSENESS_TYPE_ACTIVITY_DETAIL,
                                             name);
    }
  g_assert_nonnull (child);

  return GTK_WIDGET (child);
}

static gboolean
leaflet_still_cond (gpointer user_data)
{
  return !adw_leaflet_get_child_transition_running (user_data);
}

/* Waits until the page has stopped moving and @widget has been drawn. */
void
selfcare_test_wait_for_shown (ClosenessSelfcarePage *page,
                              GtkWidget             *widget)
{
  closeness_test_wait_until (leaflet_still_cond, selfcare_test_template_child (page, "leaflet"),
                             "the leaflet to stop moving");
  closeness_test_wait_for_drawn (widget);
}

/* After closeness_test_init_display(): the app's stylesheet, so
 * screenshots look as in the app, and no slides (they are not under test). */
void
selfcare_test_init (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  gtk_css_provider_load_from_resource (css, "/com/example/Closeness/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}
