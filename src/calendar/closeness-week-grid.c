/* closeness-week-grid.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The time grid of the week view: the hours down the start, seven day
 * columns, and the evenings as blocks placed by their start and length,
 * side by side where they overlap. A click on a free slot emits
 * "slot-activated" with the day (0 = Monday) and the half hour it fell in.
 */

#define G_LOG_DOMAIN "closeness-calendar"

#include "config.h"

#include "closeness-week-grid.h"

#define MIN_BLOCK_HEIGHT 22

typedef struct
{
  GtkWidget *widget;
  guint      day;
  int        start;
  int        end;
  guint      lane;
  guint      n_lanes;
} Block;

struct _ClosenessWeekGrid
{
  GtkWidget  parent_instance;

  GtkWidget *hours[24];
  GArray    *blocks;      /* Block */
  int        today;       /* column of today, or -1 */
};

G_DEFINE_FINAL_TYPE (ClosenessWeekGrid, closeness_week_grid, GTK_TYPE_WIDGET)

enum {
  SLOT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static double
column_width (ClosenessWeekGrid *self)
{
  return MAX (0, gtk_widget_get_width (GTK_WIDGET (self)) - CLOSENESS_WEEK_GRID_GUTTER) / 7.0;
}

static void
released_cb (GtkGestureClick   *gesture,
             int                n_press,
             double             x,
             double             y,
             ClosenessWeekGrid *self)
{
  double width = column_width (self);
  int day, minute;

  /* Only the grid itself: a block is a button of its own. */
  if (gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT) != GTK_WIDGET (self) ||
      x < CLOSENESS_WEEK_GRID_GUTTER || width <= 0)
    return;

  day = CLAMP ((int) ((x - CLOSENESS_WEEK_GRID_GUTTER) / width), 0, 6);
  minute = CLAMP ((int) (y * 2 / CLOSENESS_WEEK_GRID_HOUR_HEIGHT), 0, 47) * 30;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  g_signal_emit (self, signals[SLOT_ACTIVATED], 0, day, minute);
}

static void
closeness_week_grid_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = CLOSENESS_WEEK_GRID_GUTTER + 7 * 24;
  else
    *minimum = *natural = 24 * CLOSENESS_WEEK_GRID_HOUR_HEIGHT;
}

static void
closeness_week_grid_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  ClosenessWeekGrid *self = CLOSENESS_WEEK_GRID (widget);
  double column = MAX (0, width - CLOSENESS_WEEK_GRID_GUTTER) / 7.0;

  for (int hour = 0; hour < 24; hour++)
    {
      int label_height;

      gtk_widget_measure (self->hours[hour], GTK_ORIENTATION_VERTICAL, -1, NULL, &label_height,
                          NULL, NULL);
      gtk_widget_size_allocate (self->hours[hour],
                                &(GtkAllocation) { 0, hour * CLOSENESS_WEEK_GRID_HOUR_HEIGHT + 2,
                                                   CLOSENESS_WEEK_GRID_GUTTER - 8, label_height },
                                -1);
    }

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);
      double lane_width = column / MAX (block->n_lanes, 1);
      int x =
        CLOSENESS_WEEK_GRID_GUTTER + (int) (block->day * column + block->lane * lane_width) + 1;
      int y = block->start * CLOSENESS_WEEK_GRID_HOUR_HEIGHT / 60;
      int h = MAX ((block->end - block->start) * CLOSENESS_WEEK_GRID_HOUR_HEIGHT / 60,
                   MIN_BLOCK_HEIGHT);
      int min_width;

      /* A block never reaches past the end of the day. */
      h = MIN (h, height - y);
      gtk_widget_measure (block->widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL,
                          NULL);
      gtk_widget_size_allocate (block->widget,
                                &(GtkAllocation) { x, y + 1, MAX ((int) lane_width - 3, min_width),
                                                   MAX (h - 2, 1) },
                                -1);
    }
}

static void
closeness_week_grid_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  ClosenessWeekGrid *self = CLOSENESS_WEEK_GRID (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double column = column_width (self);
  GdkRGBA line, shade;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &line);
  shade = line;
  line.alpha = 0.12;
  shade.alpha = 0.04;

  if (self->today >= 0)
    gtk_snapshot_append_color (snapshot, &shade,
                               &GRAPHENE_RECT_INIT (CLOSENESS_WEEK_GRID_GUTTER
                                                      + self->today * column,
                                                    0, column, height));

  for (int hour = 1; hour < 24; hour++)
    gtk_snapshot_append_color (snapshot, &line,
                               &GRAPHENE_RECT_INIT (CLOSENESS_WEEK_GRID_GUTTER,
                                                    hour * CLOSENESS_WEEK_GRID_HOUR_HEIGHT,
                                                    width - CLOSENESS_WEEK_GRID_GUTTER, 1));
  for (int day = 0; day < 7; day++)
    gtk_snapshot_append_color (snapshot, &line,
                               &GRAPHENE_RECT_INIT (CLOSENESS_WEEK_GRID_GUTTER + day * column, 0,
                                                    1, height));

  GTK_WIDGET_CLASS (closeness_week_grid_parent_class)->snapshot (widget, snapshot);
}

static void
closeness_week_grid_dispose (GObject *object)
{
  ClosenessWeekGrid *self = CLOSENESS_WEEK_GRID (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->blocks, g_array_unref);

  G_OBJECT_CLASS (closeness_week_grid_parent_class)->dispose (object);
}

static void
closeness_week_grid_class_init (ClosenessWeekGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_week_grid_dispose;
  widget_class->measure = closeness_week_grid_measure;
  widget_class->size_allocate = closeness_week_grid_size_allocate;
  widget_class->snapshot = closeness_week_grid_snapshot;

  signals[SLOT_ACTIVATED] = g_signal_new ("slot-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "closeness-week-grid");
}

static void
closeness_week_grid_init (ClosenessWeekGrid *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  self->today = -1;

  for (int hour = 0; hour < 24; hour++)
    {
      g_autoptr(GDateTime) time = g_date_time_new_utc (2026, 1, 5, hour, 0, 0);
      g_autofree char *text = g_date_time_format (time, "%H:%M");

      self->hours[hour] = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (self->hours[hour]), 1);
      gtk_widget_add_css_class (self->hours[hour], "caption");
      gtk_widget_add_css_class (self->hours[hour], "numeric");
      gtk_widget_add_css_class (self->hours[hour], "dim-label");
      gtk_widget_set_parent (self->hours[hour], GTK_WIDGET (self));
    }

  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
closeness_week_grid_new (void)
{
  return g_object_new (CLOSENESS_TYPE_WEEK_GRID, NULL);
}

void
closeness_week_grid_clear (ClosenessWeekGrid *self)
{
  g_return_if_fail (CLOSENESS_IS_WEEK_GRID (self));

  for (guint i = 0; i < self->blocks->len; i++)
    gtk_widget_unparent (g_array_index (self->blocks, Block, i).widget);
  g_array_set_size (self->blocks, 0);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/**
 * closeness_week_grid_add_block:
 * @block: (transfer floating): the widget of one timed evening
 * @day: its column, 0 for Monday
 * @start_minute: @end_minute: minutes since that day's midnight
 * @lane: @n_lanes: from closeness_calendar_assign_lanes()
 */
void
closeness_week_grid_add_block (ClosenessWeekGrid *self,
                               GtkWidget         *block,
                               guint              day,
                               int                start_minute,
                               int                end_minute,
                               guint              lane,
                               guint              n_lanes)
{
  Block entry = {
    .widget = block,
    .day = MIN (day, 6),
    .start = CLAMP (start_minute, 0, 24 * 60 - 1),
    .end = CLAMP (end_minute, start_minute + 1, 24 * 60),
    .lane = lane,
    .n_lanes = MAX (n_lanes, lane + 1),
  };

  g_return_if_fail (CLOSENESS_IS_WEEK_GRID (self));

  gtk_widget_set_parent (block, GTK_WIDGET (self));
  g_array_append_val (self->blocks, entry);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* Shades today's column; -1 when the week does not have it. */
void
closeness_week_grid_set_today (ClosenessWeekGrid *self,
                               int                day)
{
  g_return_if_fail (CLOSENESS_IS_WEEK_GRID (self));

  if (self->today == day)
    return;
  self->today = day;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
