/* closeness-week-view.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A week (from the first day of the person's week) as GNOME Calendar shows it: the days across the top,
 * all-day and long evenings as bars under them, and below, in a scrolled
 * time grid (ClosenessWeekGrid), the timed evenings as blocks. Activating an
 * evening emits "instance-activated" (as the agenda does); a click on a free
 * slot emits "slot-activated" with its local start.
 */

#define G_LOG_DOMAIN "closeness-calendar"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "closeness-calendar-layout.h"
#include "closeness-calendar-logic.h"
#include "closeness-week-grid.h"
#include "closeness-week-view.h"

/* Evenings are what this calendar is for: the grid opens at this hour. */
#define FIRST_SHOWN_HOUR 16

struct _ClosenessWeekView
{
  GtkWidget   parent_instance;

  GtkWidget  *days;          /* GtkGrid: headings, then the all-day rows */
  GtkWidget  *headings[7];   /* GtkBox: the weekday over the day's number */
  GtkWidget  *numbers[7];
  GPtrArray  *all_day;       /* the bars in days */
  GtkWidget  *scrolled;
  GtkWidget  *grid;
  GDate       first;         /* Monday */
  gboolean    scrolled_to_evening;
  GPtrArray  *instances;
  GHashTable *events_by_id;
};

G_DEFINE_FINAL_TYPE (ClosenessWeekView, closeness_week_view, GTK_TYPE_WIDGET)

enum {
  INSTANCE_ACTIVATED,
  SLOT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  ClosenessWeekView *self;
  gint64             event_id;
  gint64             start;
  char              *recurrence_id;
} Target;

static void
target_free (gpointer  data,
             GClosure *closure)
{
  Target *target = data;

  g_free (target->recurrence_id);
  g_free (target);
}

static void
block_clicked_cb (GtkButton *button,
                  Target    *target)
{
  g_signal_emit (target->self, signals[INSTANCE_ACTIVATED], 0, target->event_id, target->start,
                 target->recurrence_id);
}

static GtkWidget *
new_event_button (ClosenessWeekView       *self,
                  const ClosenessInstance *instance,
                  ClosenessEvent          *event,
                  const char              *css_class,
                  const char              *time)
{
  const char *title = closeness_event_get_summary (event);
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_autofree char *description = time != NULL ? g_strdup_printf ("%s, %s", title, time)
                                              : g_strdup (title);
  Target *target = g_new0 (Target, 1);

  if (time == NULL)
    {
      GtkWidget *label = gtk_label_new (title);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "closeness-week-event-title");
      gtk_box_append (GTK_BOX (box), label);
    }
  else
    {
      /* The title, then the time, in as many lines as the block has room
       * for, the last one ellipsized: in a narrow column (a 360 px window)
       * the title wraps instead of showing "Ev…", and no line is cut in
       * half. An inscription lays its text out in the height it is given;
       * a label would ask for all of it. */
      GtkInscription *text = GTK_INSCRIPTION (gtk_inscription_new (NULL));
      g_autofree char *markup =
        g_markup_printf_escaped ("<span weight=\"bold\">%s</span>\n"
                                 "<span size=\"smaller\" font_features=\"tnum\">%s</span>",
                                 title, time);

      gtk_inscription_set_markup (text, markup);
      gtk_inscription_set_wrap_mode (text, PANGO_WRAP_WORD_CHAR);
      gtk_inscription_set_text_overflow (text, GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
      gtk_inscription_set_min_chars (text, 1);
      gtk_inscription_set_min_lines (text, 1);
      gtk_widget_set_vexpand (GTK_WIDGET (text), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (text), "closeness-week-event-text");
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (text));
    }

  gtk_widget_set_valign (box, time != NULL ? GTK_ALIGN_FILL : GTK_ALIGN_START);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, css_class);
  gtk_widget_set_overflow (button, GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_tooltip_text (button, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);

  target->self = self;
  target->event_id = instance->event_id;
  target->start = instance->start_utc;
  target->recurrence_id = g_strdup (instance->recurrence_id);
  g_signal_connect_data (button, "clicked", G_CALLBACK (block_clicked_cb), target, target_free, 0);

  return button;
}

static int
minute_of_day (gint64 utc)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (utc);

  return local != NULL ? g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local) : 0;
}

static void
add_all_day_bars (ClosenessWeekView *self)
{
  GDate last = self->first;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (guint));   /* taken days, bits */

  g_date_add_days (&last, 6);

  for (guint i = 0; self->instances != NULL && i < self->instances->len; i++)
    {
      ClosenessInstance *instance = g_ptr_array_index (self->instances, i);
      ClosenessEvent *event = g_hash_table_lookup (self->events_by_id, &instance->event_id);
      GDate first_day, last_day;
      int from, to;
      guint bits, row;
      GtkWidget *bar;

      if (event == NULL || !closeness_calendar_instance_is_long (instance, event))
        continue;

      closeness_calendar_instance_get_days (instance, event, &first_day, &last_day);
      if (!g_date_valid (&first_day) || g_date_compare (&last_day, &self->first) < 0 ||
          g_date_compare (&first_day, &last) > 0)
        continue;

      from = MAX (0, g_date_days_between (&self->first, &first_day));
      to = MIN (6, g_date_days_between (&self->first, &last_day));
      bits = ((1u << (to + 1)) - 1) & ~((1u << from) - 1);
      for (row = 0; row < rows->len && (g_array_index (rows, guint, row) & bits) != 0; row++)
        ;
      if (row == rows->len)
        g_array_set_size (rows, rows->len + 1);
      g_array_index (rows, guint, row) |= bits;

      bar = new_event_button (self, instance, event, "closeness-week-all-day", NULL);
      gtk_grid_attach (GTK_GRID (self->days), bar, from, 1 + row, to - from + 1, 1);
      g_ptr_array_add (self->all_day, bar);
    }
}

static void
add_blocks (ClosenessWeekView *self)
{
  ClosenessWeekGrid *grid = CLOSENESS_WEEK_GRID (self->grid);
  GDate day = self->first;

  for (guint column = 0; column < 7; column++, g_date_add_days (&day, 1))
    {
      g_autoptr(GPtrArray) shown = closeness_calendar_instances_on_day (self->instances,
                                                                        self->events_by_id, &day);
      g_autoptr(GPtrArray) timed = g_ptr_array_new ();
      g_autoptr(GArray) lanes = g_array_new (FALSE, TRUE, sizeof (ClosenessLaneItem));

      for (guint i = 0; i < shown->len; i++)
        {
          ClosenessInstance *instance = g_ptr_array_index (shown, i);
          ClosenessEvent *event = g_hash_table_lookup (self->events_by_id, &instance->event_id);
          ClosenessLaneItem item = { 0, };

          if (closeness_calendar_instance_is_long (instance, event))
            continue;

          item.start = minute_of_day (instance->start_utc);
          item.end =
            MIN (item.start + (int) ((instance->end_utc - instance->start_utc) / 60), 24 * 60);
          item.end = MAX (item.end, item.start + 1);
          g_ptr_array_add (timed, instance);
          g_array_append_val (lanes, item);
        }

      closeness_calendar_assign_lanes ((ClosenessLaneItem *) (gpointer) lanes->data, lanes->len);

      for (guint i = 0; i < timed->len; i++)
        {
          ClosenessInstance *instance = g_ptr_array_index (timed, i);
          ClosenessEvent *event = g_hash_table_lookup (self->events_by_id, &instance->event_id);
          ClosenessLaneItem *item = &g_array_index (lanes, ClosenessLaneItem, i);
          g_autofree char *time = closeness_calendar_time_range (instance->start_utc,
                                                                 instance->end_utc);

          closeness_week_grid_add_block (grid,
                                         new_event_button (self, instance, event,
                                                           "closeness-week-event", time),
                                         column, item->start, item->end, item->lane,
                                         item->n_lanes);
        }
    }
}

static void
update_headings (ClosenessWeekView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate day = self->first;
  GDate today;
  int today_column = -1;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  for (guint column = 0; column < 7; column++, g_date_add_days (&day, 1))
    {
      g_autoptr(GDateTime) when = g_date_time_new_local (g_date_get_year (&day),
                                                         g_date_get_month (&day),
                                                         g_date_get_day (&day), 12, 0, 0);
      /* Translators: a day's heading in the week view, for screen readers, "Monday 7 December" */
      g_autofree char *name = g_date_time_format (when, _("%A %-d %B"));
      char number[8];

      g_snprintf (number, sizeof number, "%d", g_date_get_day (&day));
      gtk_label_set_text (GTK_LABEL (self->numbers[column]), number);
      /* The whole date for a screen reader; the weekday above is constant. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->headings[column]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      if (g_date_compare (&day, &today) == 0)
        {
          gtk_widget_add_css_class (self->headings[column], "today");
          today_column = column;
        }
      else
        gtk_widget_remove_css_class (self->headings[column], "today");
    }

  closeness_week_grid_set_today (CLOSENESS_WEEK_GRID (self->grid), today_column);
}

static void
rebuild (ClosenessWeekView *self)
{
  for (guint i = 0; i < self->all_day->len; i++)
    gtk_grid_remove (GTK_GRID (self->days), g_ptr_array_index (self->all_day, i));
  g_ptr_array_set_size (self->all_day, 0);
  closeness_week_grid_clear (CLOSENESS_WEEK_GRID (self->grid));

  update_headings (self);
  if (self->instances == NULL)
    return;

  add_all_day_bars (self);
  add_blocks (self);
}

static void
slot_activated_cb (ClosenessWeekGrid *grid,
                   guint              column,
                   int                minute,
                   ClosenessWeekView *self)
{
  GDate day = self->first;
  g_autoptr(GDateTime) start = NULL;

  g_date_add_days (&day, column);
  start = g_date_time_new_local (g_date_get_year (&day), g_date_get_month (&day),
                                 g_date_get_day (&day), minute / 60, minute % 60, 0);
  if (start != NULL)
    g_signal_emit (self, signals[SLOT_ACTIVATED], 0, start);
}

/* The first time the grid is shown with its height, it opens on the
 * evening rather than at midnight. */
static gboolean
scroll_to_evening_cb (GtkWidget     *scrolled,
                      GdkFrameClock *clock,
                      gpointer       user_data)
{
  ClosenessWeekView *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  double page = gtk_adjustment_get_page_size (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);

  if (page <= 0 || upper <= page)
    return G_SOURCE_CONTINUE;

  self->scrolled_to_evening = TRUE;
  /* From a whole hour, so that the first hour's label is not cut in half
   * when the evening would scroll past the end of the day. */
  gtk_adjustment_set_value (adjustment,
                            MIN (FIRST_SHOWN_HOUR,
                                 floor ((upper - page) / CLOSENESS_WEEK_GRID_HOUR_HEIGHT))
                              * CLOSENESS_WEEK_GRID_HOUR_HEIGHT);

  return G_SOURCE_REMOVE;
}

static void
scrolled_mapped_cb (GtkWidget         *scrolled,
                    ClosenessWeekView *self)
{
  if (!self->scrolled_to_evening)
    gtk_widget_add_tick_callback (scrolled, scroll_to_evening_cb, self, NULL);
}

static void
closeness_week_view_dispose (GObject *object)
{
  ClosenessWeekView *self = CLOSENESS_WEEK_VIEW (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_pointer (&self->all_day, g_ptr_array_unref);
  g_clear_pointer (&self->instances, g_ptr_array_unref);
  g_clear_pointer (&self->events_by_id, g_hash_table_unref);

  G_OBJECT_CLASS (closeness_week_view_parent_class)->dispose (object);
}

static void
closeness_week_view_class_init (ClosenessWeekViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_week_view_dispose;

  signals[INSTANCE_ACTIVATED] = g_signal_new ("instance-activated", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_INT64,
                                              G_TYPE_STRING);
  signals[SLOT_ACTIVATED] = g_signal_new ("slot-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_DATE_TIME);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "closeness-week-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
closeness_week_view_init (ClosenessWeekView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *gutter = gtk_label_new (NULL);
  GDate today;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (
                                    gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->all_day = g_ptr_array_new ();

  /* The headings line up with the grid's columns below. */
  gtk_widget_set_size_request (gutter, CLOSENESS_WEEK_GRID_GUTTER, -1);
  gtk_box_append (GTK_BOX (header), gutter);
  self->days = gtk_grid_new ();
  gtk_grid_set_column_homogeneous (GTK_GRID (self->days), TRUE);
  gtk_grid_set_row_spacing (GTK_GRID (self->days), 2);
  gtk_widget_set_hexpand (self->days, TRUE);
  gtk_widget_add_css_class (self->days, "closeness-week-days");
  gtk_box_append (GTK_BOX (header), self->days);
  gtk_widget_add_css_class (header, "closeness-week-header");
  gtk_widget_set_parent (header, GTK_WIDGET (self));

  /* Weekday names in the person's language, from the first day of the
   * person's week. */
  for (guint column = 0; column < 7; column++)
    {
      g_autofree char *weekday =
        closeness_calendar_weekday_name (closeness_calendar_column_weekday (column), TRUE);
      GtkWidget *label;

      label = gtk_label_new (weekday);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      self->numbers[column] = gtk_label_new (NULL);
      gtk_widget_set_halign (self->numbers[column], GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (self->numbers[column], "closeness-week-day-number");
      gtk_widget_add_css_class (self->numbers[column], "numeric");

      self->headings[column] = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_widget_add_css_class (self->headings[column], "closeness-week-heading");
      gtk_box_append (GTK_BOX (self->headings[column]), label);
      gtk_box_append (GTK_BOX (self->headings[column]), self->numbers[column]);
      gtk_grid_attach (GTK_GRID (self->days), self->headings[column], column, 0, 1, 1);
    }

  gtk_widget_set_parent (gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), GTK_WIDGET (self));

  self->grid = closeness_week_grid_new ();
  g_signal_connect (self->grid, "slot-activated", G_CALLBACK (slot_activated_cb), self);
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), self->grid);
  gtk_widget_set_vexpand (self->scrolled, TRUE);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
  g_signal_connect (self->scrolled, "map", G_CALLBACK (scrolled_mapped_cb), self);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  g_date_clear (&self->first, 1);
  closeness_week_view_set_date (self, &today);
}

/* Shows the week that has @day, from the locale's first weekday. */
void
closeness_week_view_set_date (ClosenessWeekView *self,
                              const GDate       *day)
{
  GDate first;

  g_return_if_fail (CLOSENESS_IS_WEEK_VIEW (self));
  g_return_if_fail (g_date_valid (day));

  first = *day;
  /* The week starts where the person lives (Sunday in the US). */
  g_date_subtract_days (&first,
                        (g_date_get_weekday (&first) - closeness_calendar_first_weekday () + 7)
                          % 7);
  if (g_date_valid (&self->first) && g_date_compare (&first, &self->first) == 0)
    return;

  self->first = first;
  rebuild (self);
}

GDate
closeness_week_view_get_first_day (ClosenessWeekView *self)
{
  return self->first;
}

/**
 * closeness_week_view_set_instances:
 * @instances: (nullable) (element-type ClosenessInstance): instances of a
 *   range that covers the shown week, by start
 * @events_by_id: (nullable): event id (gint64 *) → #ClosenessEvent
 */
void
closeness_week_view_set_instances (ClosenessWeekView *self,
                                   GPtrArray         *instances,
                                   GHashTable        *events_by_id)
{
  g_return_if_fail (CLOSENESS_IS_WEEK_VIEW (self));
  g_return_if_fail (instances == NULL || events_by_id != NULL);

  g_clear_pointer (&self->instances, g_ptr_array_unref);
  g_clear_pointer (&self->events_by_id, g_hash_table_unref);
  if (instances != NULL)
    {
      self->instances = g_ptr_array_ref (instances);
      self->events_by_id = g_hash_table_ref (events_by_id);
    }
  rebuild (self);
}

/* The time grid (a ClosenessWeekGrid), for tests. */
GtkWidget *
closeness_week_view_get_grid (ClosenessWeekView *self)
{
  g_return_val_if_fail (CLOSENESS_IS_WEEK_VIEW (self), NULL);

  return self->grid;
}
