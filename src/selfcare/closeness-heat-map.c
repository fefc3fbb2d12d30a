/* closeness-heat-map.c: one square per day, weeks as columns.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Colours are the activity colour blended into the theme's view
 * background, so the map reads in light, dark and high contrast alike;
 * rest days are outlined, today has a ring. Month names run above the
 * columns and Mon/Wed/Fri down the side, in the theme's text colour.
 * Drawing is a plain Cairo and Pango function so the benchmark can time it
 * on an image surface.
 */

#define G_LOG_DOMAIN "closeness-selfcare"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "closeness-habit-logic.h"
#include "closeness-heat-map.h"

#define CELL_MAX 18.0
#define CELL_MIN 6.0
#define GAP_RATIO 0.2

struct _ClosenessHeatMap
{
  GtkWidget  parent_instance;

  guint8    *values;
  guint      n_days;
  guint32    first_day;
  guint32    today;
  guint32    selected;
  guint      max_done;
  GdkRGBA    color;
};

G_DEFINE_FINAL_TYPE (ClosenessHeatMap, closeness_heat_map, GTK_TYPE_WIDGET)

enum {
  DAY_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  double cell;
  double gap;
  double x0;
  double y0;
  guint32 first_monday;
  guint n_weeks;
} Layout;

/* The labelled rows: the weeks run Monday to Sunday, as the habit logic counts. */
static const guint label_rows[] = { 0, 2, 4 };

static const char *
weekday_label (guint row)
{
  /* The same short names as the reminders. */
  switch (row)
    {
    case 0:
      return _("Mon");
    case 2:
      return _("Wed");
    case 4:
    default:
      return _("Fri");
    }
}

/* Room for the weekday names at the left and the month names on top. */
static void
measure_labels (PangoLayout *labels,
                double      *left,
                double      *top)
{
  const char *names[G_N_ELEMENTS (label_rows)];

  *left = *top = 0;
  if (labels == NULL)
    return;

  closeness_chart_style_labels (labels);
  for (guint i = 0; i < G_N_ELEMENTS (label_rows); i++)
    names[i] = weekday_label (label_rows[i]);

  *left = closeness_chart_labels_width (labels, names, G_N_ELEMENTS (names)) + 6;
  *top = closeness_chart_labels_height (labels) + 4;
}

static void
compute_layout (Layout  *layout,
                int      width,
                int      height,
                double   left,
                double   top,
                guint32  first_day,
                guint    n_days)
{
  guint32 last = first_day + MAX (n_days, 1) - 1;
  double pitch;

  layout->first_monday = closeness_habit_week_start (first_day);
  layout->n_weeks = (last - layout->first_monday) / 7 + 1;
  pitch = MIN ((width - left) / layout->n_weeks, (height - top) / 7);
  pitch = CLAMP (pitch, CELL_MIN * (1 + GAP_RATIO), CELL_MAX * (1 + GAP_RATIO));
  layout->gap = pitch * GAP_RATIO / (1 + GAP_RATIO);
  layout->cell = pitch - layout->gap;
  /* Centred, labels and all, in the space we were given. */
  layout->x0 = left + MAX (0, (width - left - pitch * layout->n_weeks + layout->gap) / 2);
  layout->y0 = top + MAX (0, (height - top - pitch * 7 + layout->gap) / 2);
}

static void
draw_labels (cairo_t                    *cr,
             PangoLayout                *labels,
             const Layout               *layout,
             guint32                     last_day,
             const ClosenessChartColors *colors,
             int                         width)
{
  double pitch = layout->cell + layout->gap;

  /* Mon, Wed, Fri at the left, right-aligned to the squares. */
  for (guint i = 0; i < G_N_ELEMENTS (label_rows); i++)
    closeness_chart_draw_label (cr, labels, colors, weekday_label (label_rows[i]),
                                layout->x0 - 6,
                                layout->y0 + label_rows[i] * pitch + layout->cell / 2,
                                -G_MAXDOUBLE, G_MAXDOUBLE);

  /* A month's name above the column of its first day. */
  closeness_chart_draw_months (cr, labels, colors, layout->first_monday, last_day,
                               layout->n_weeks, 7,
                               layout->x0, pitch,
                               layout->y0 - layout->gap - closeness_chart_labels_height (labels),
                               width);
}

static void
rounded_square (cairo_t *cr,
                double   x,
                double   y,
                double   size,
                double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + size - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + size - radius, y + size - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + size - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/**
 * closeness_heat_map_draw:
 * @values: per day from @first_day, see closeness_habit_fill_days()
 * @max_done: how many partners can do it (1 or 2); fewer is drawn lighter
 * @selected: a day to outline, or 0
 * @labels: (nullable): a layout for the month and weekday names, or %NULL
 *   for none
 */
void
closeness_heat_map_draw (cairo_t                    *cr,
                         int                         width,
                         int                         height,
                         const ClosenessChartColors *colors,
                         guint32                     first_day,
                         const guint8               *values,
                         guint                       n_days,
                         guint                       max_done,
                         guint32                     today,
                         guint32                     selected,
                         PangoLayout                *labels)
{
  GdkRGBA empty, one, two, ring;
  Layout layout;
  double radius;
  double left, top;

  measure_labels (labels, &left, &top);
  compute_layout (&layout, width, height, left, top, first_day, n_days);
  radius = layout.cell / 4;

  if (labels != NULL)
    draw_labels (cr, labels, &layout, first_day + MAX (n_days, 1) - 1, colors, width);

  /* Empty days are a faint trace of the foreground, done days the
   * activity colour (lighter for one partner of two). */
  empty = colors->foreground;
  empty.alpha = colors->high_contrast ? 0.25 : 0.08;
  closeness_chart_blend (colors, 0.7, &one);
  closeness_chart_blend (colors, 1.0, &two);
  ring = colors->foreground;

  /* One path per colour keeps this fast: a fill per colour, not per day. */
  for (guint pass = 0; pass < 3; pass++)
    {
      for (guint i = 0; i < n_days; i++)
        {
          guint32 day = first_day + i;
          guint done = values[i] & CLOSENESS_HABIT_DAY_DONE_MASK;
          guint week = (day - layout.first_monday) / 7;
          guint weekday = closeness_habit_weekday (day);
          guint want = done == 0 ? 0 : done >= max_done ? 2 : 1;
          double x = layout.x0 + week * (layout.cell + layout.gap);
          double y = layout.y0 + weekday * (layout.cell + layout.gap);

          if (day > today)
            break;
          if (want != pass)
            continue;

          rounded_square (cr, x, y, layout.cell, radius);
        }

      gdk_cairo_set_source_rgba (cr, pass == 0 ? &empty : pass == 1 ? &one : &two);
      cairo_fill (cr);
    }

  /* Rest days: an outline in the foreground colour, half strength. */
  cairo_set_line_width (cr, MAX (1.0, layout.cell / 8));
  for (guint i = 0; i < n_days && first_day + i <= today; i++)
    {
      guint32 day = first_day + i;
      double inset = layout.cell / 6;

      if (!(values[i] & CLOSENESS_HABIT_DAY_REST) ||
          (values[i] & CLOSENESS_HABIT_DAY_DONE_MASK) != 0)
        continue;

      rounded_square (cr,
                      layout.x0 + (day - layout.first_monday) / 7 * (layout.cell + layout.gap)
                        + inset,
                      layout.y0 + closeness_habit_weekday (day) * (layout.cell + layout.gap)
                        + inset,
                      layout.cell - 2 * inset, radius / 2);
    }
  ring.alpha = colors->high_contrast ? 0.9 : 0.5;
  gdk_cairo_set_source_rgba (cr, &ring);
  cairo_stroke (cr);

  /* Today and the selected day get a ring. */
  ring.alpha = 1.0;
  cairo_set_line_width (cr, MAX (1.5, layout.cell / 9));
  for (guint k = 0; k < 2; k++)
    {
      guint32 day = k == 0 ? today : selected;

      if (day < first_day || day >= first_day + n_days || (k == 1 && day == today))
        continue;

      rounded_square (cr,
                      layout.x0 + (day - layout.first_monday) / 7 * (layout.cell + layout.gap) - 1,
                      layout.y0 + closeness_habit_weekday (day) * (layout.cell + layout.gap) - 1,
                      layout.cell + 2, radius);
      cairo_stroke (cr);
    }
}

static void
closeness_heat_map_snapshot (GtkWidget   *widget,
                             GtkSnapshot *snapshot)
{
  ClosenessHeatMap *self = CLOSENESS_HEAT_MAP (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) labels = NULL;
  ClosenessChartColors colors;
  cairo_t *cr;

  if (self->n_days == 0 || width <= 0 || height <= 0)
    return;

  labels = gtk_widget_create_pango_layout (widget, NULL);
  cr = closeness_chart_begin (widget, snapshot, &self->color, &colors);
  closeness_heat_map_draw (cr, width, height, &colors, self->first_day, self->values,
                           self->n_days, self->max_done, self->today, self->selected, labels);
  cairo_destroy (cr);
}

static void
closeness_heat_map_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  ClosenessHeatMap *self = CLOSENESS_HEAT_MAP (widget);
  g_autoptr(PangoLayout) labels = gtk_widget_create_pango_layout (widget, NULL);
  guint n_weeks = MAX (1, (self->n_days + 13) / 7);
  double left, top;

  measure_labels (labels, &left, &top);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) ceil (left + n_weeks * CELL_MIN * (1 + GAP_RATIO));
      *natural = (int) ceil (left + n_weeks * CELL_MAX * (1 + GAP_RATIO));
    }
  else
    {
      double pitch = CELL_MAX * (1 + GAP_RATIO);

      if (for_size > 0)
        pitch = CLAMP ((for_size - left) / n_weeks, CELL_MIN * (1 + GAP_RATIO), pitch);
      *minimum = *natural = (int) ceil (top + pitch * 7 + 2);
    }
}

static GtkSizeRequestMode
closeness_heat_map_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
pressed_cb (GtkGestureClick  *gesture,
            int               n_press,
            double            x,
            double            y,
            ClosenessHeatMap *self)
{
  guint32 day = closeness_heat_map_get_day_at (self, x, y);

  if (day != 0)
    g_signal_emit (self, signals[DAY_ACTIVATED], 0, day);
}

static void
closeness_heat_map_finalize (GObject *object)
{
  ClosenessHeatMap *self = CLOSENESS_HEAT_MAP (object);

  g_free (self->values);

  G_OBJECT_CLASS (closeness_heat_map_parent_class)->finalize (object);
}

static void
closeness_heat_map_class_init (ClosenessHeatMapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = closeness_heat_map_finalize;

  widget_class->snapshot = closeness_heat_map_snapshot;
  widget_class->measure = closeness_heat_map_measure;
  widget_class->get_request_mode = closeness_heat_map_get_request_mode;

  /**
   * ClosenessHeatMap::day-activated:
   * @day: the Julian day clicked
   */
  signals[DAY_ACTIVATED] =
    g_signal_new ("day-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "heatmap");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
closeness_heat_map_init (ClosenessHeatMap *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  closeness_chart_init (GTK_WIDGET (self), &self->color);
}

GtkWidget *
closeness_heat_map_new (void)
{
  return g_object_new (CLOSENESS_TYPE_HEAT_MAP, NULL);
}

void
closeness_heat_map_set_days (ClosenessHeatMap *self,
                             guint32           first_day,
                             const guint8     *values,
                             guint             n_days,
                             guint             max_done,
                             guint32           today)
{
  g_return_if_fail (CLOSENESS_IS_HEAT_MAP (self));

  self->max_done = MAX (max_done, 1);
  g_free (self->values);
  self->values = g_memdup2 (values, n_days);
  self->n_days = n_days;
  self->first_day = first_day;
  self->today = today;

  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
closeness_heat_map_set_color (ClosenessHeatMap *self,
                              const GdkRGBA    *color)
{
  g_return_if_fail (CLOSENESS_IS_HEAT_MAP (self));

  self->color = *color;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
closeness_heat_map_set_selected (ClosenessHeatMap *self,
                                 guint32           day)
{
  g_return_if_fail (CLOSENESS_IS_HEAT_MAP (self));

  self->selected = day;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Returns: the day under (@x, @y), or 0 */
guint32
closeness_heat_map_get_day_at (ClosenessHeatMap *self,
                               double            x,
                               double            y)
{
  g_autoptr(PangoLayout) labels = NULL;
  Layout layout;
  int week, weekday;
  guint32 day;
  double left, top;

  g_return_val_if_fail (CLOSENESS_IS_HEAT_MAP (self), 0);

  if (self->n_days == 0)
    return 0;

  labels = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  measure_labels (labels, &left, &top);
  compute_layout (&layout, gtk_widget_get_width (GTK_WIDGET (self)),
                  gtk_widget_get_height (GTK_WIDGET (self)), left, top, self->first_day,
                  self->n_days);

  week = (int) ((x - layout.x0) / (layout.cell + layout.gap));
  weekday = (int) ((y - layout.y0) / (layout.cell + layout.gap));
  if (x < layout.x0 || y < layout.y0 || weekday > 6 || (guint) week >= layout.n_weeks)
    return 0;

  day = layout.first_monday + week * 7 + weekday;
  if (day < self->first_day || day > self->today || day >= self->first_day + self->n_days)
    return 0;

  return day;
}
