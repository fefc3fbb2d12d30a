/* closeness-drag-scroll.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkListBox in a GtkScrolledWindow does not scroll by itself while
 * something is dragged over it, so an activity could not be dragged to a
 * place off screen. This does what GTK 3's GtkTreeView did: while a drag
 * is within EDGE pixels of the top or bottom of the scrolled window, a
 * tick callback scrolls it, faster the nearer the pointer is to the edge.
 */

#define G_LOG_DOMAIN "closeness-drag-scroll"

#include "config.h"

#include "closeness-drag-scroll.h"

/* The band along each edge that scrolls, and the speed at the very edge. */
#define EDGE 48.0
#define MAX_SPEED 900.0 /* pixels per second */

typedef struct
{
  GtkScrolledWindow *scrolled; /* unowned: owns us through the controller */
  double             speed;
  gint64             last_frame_us;
  guint              tick_id;
} DragScroll;

/**
 * closeness_drag_scroll_speed:
 * @y: the pointer's height in the scrolled window
 * @height: the scrolled window's height
 *
 * Returns: how fast to scroll, in pixels per second: negative (up) in the
 *   top band, positive (down) in the bottom band, 0 elsewhere. In a window
 *   too low for two bands, each edge keeps a third of it.
 */
double
closeness_drag_scroll_speed (double y,
                             double height)
{
  double edge = MIN (EDGE, height / 3);

  if (height <= 0 || edge <= 0)
    return 0;
  if (y < edge)
    return -MAX_SPEED * (edge - MAX (y, 0)) / edge;
  if (y > height - edge)
    return MAX_SPEED * (MIN (y, height) - (height - edge)) / edge;

  return 0;
}

static void
stop (DragScroll *data)
{
  data->speed = 0;
  if (data->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (data->scrolled), data->tick_id);
      data->tick_id = 0;
    }
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *frame_clock,
         gpointer       user_data)
{
  DragScroll *data = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (data->scrolled);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  double value = gtk_adjustment_get_value (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  double elapsed = data->last_frame_us > 0 ? (now - data->last_frame_us) / (double) G_USEC_PER_SEC
                                           : 0;

  data->last_frame_us = now;
  /* A frame late by a second must not jump the list by a page. */
  elapsed = MIN (elapsed, 0.1);
  gtk_adjustment_set_value (adjustment, CLAMP (value + data->speed * elapsed, 0, MAX (upper, 0)));

  return G_SOURCE_CONTINUE;
}

static void
motion_cb (GtkDropControllerMotion *motion,
           double                   x,
           double                   y,
           DragScroll              *data)
{
  data->speed =
    closeness_drag_scroll_speed (y, gtk_widget_get_height (GTK_WIDGET (data->scrolled)));

  if (data->speed == 0)
    {
      stop (data);
    }
  else if (data->tick_id == 0)
    {
      data->last_frame_us = 0;
      data->tick_id =
        gtk_widget_add_tick_callback (GTK_WIDGET (data->scrolled), tick_cb, data, NULL);
    }
}

static void
leave_cb (GtkDropControllerMotion *motion,
          DragScroll              *data)
{
  stop (data);
}

static void
drag_scroll_free (gpointer user_data)
{
  DragScroll *data = user_data;

  stop (data);
  g_free (data);
}

/**
 * closeness_drag_scroll_attach:
 * @scrolled: a scrolled window with something to drag in it
 *
 * Makes @scrolled scroll up or down while a drag moves near its top or
 * bottom edge, and stop when the drag leaves that band, the window or
 * ends.
 */
void
closeness_drag_scroll_attach (GtkScrolledWindow *scrolled)
{
  GtkEventController *motion = gtk_drop_controller_motion_new ();
  DragScroll *data = g_new0 (DragScroll, 1);

  g_return_if_fail (GTK_IS_SCROLLED_WINDOW (scrolled));

  data->scrolled = scrolled;
  /* The rows' drop targets take the motion they accept: look first. */
  gtk_event_controller_set_propagation_phase (motion, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (motion, "closeness-drag-scroll");
  g_signal_connect (motion, "enter", G_CALLBACK (motion_cb), data);
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), data);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), data);
  g_object_set_data_full (G_OBJECT (motion), "closeness-drag-scroll", data, drag_scroll_free);
  gtk_widget_add_controller (GTK_WIDGET (scrolled), motion);
}
