/* closeness-month-view.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A grid of six weeks from the first day of the person's week. Every day is a button that shows the
 * titles of its evenings (ClosenessMonthCell) and whose accessible name says
 * the date and how many evenings are planned; the arrow keys move between
 * days and across months, Page Up/Down change the month. Clicking a day
 * with nothing planned asks to plan an evening there ("day-activated").
 */

#define G_LOG_DOMAIN "closeness-calendar"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-calendar-layout.h"
#include "closeness-calendar-logic.h"
#include "closeness-month-cell.h"
#include "closeness-month-view.h"

#define N_CELLS 42

typedef struct
{
  GtkWidget *button;
  GtkWidget *cell;
  GDate      date;
  guint      n_events;
} DayCell;

struct _ClosenessMonthView
{
  GtkWidget   parent_instance;

  GtkWidget  *grid;
  DayCell     cells[N_CELLS];
  int         year;
  int         month;
  GDate       selected;
  GPtrArray  *instances;      /* ClosenessInstance of the shown range */
  GHashTable *events_by_id;   /* gint64 * → ClosenessEvent */
};

G_DEFINE_FINAL_TYPE (ClosenessMonthView, closeness_month_view, GTK_TYPE_WIDGET)

enum {
  DAY_SELECTED,
  DAY_ACTIVATED,
  MONTH_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GDate
first_cell_date (int year,
                 int month)
{
  GDate first;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, month, year);
  /* The week starts where the person lives (Sunday in the US). */
  g_date_subtract_days (&first,
                        (g_date_get_weekday (&first) - closeness_calendar_first_weekday () + 7)
                          % 7);

  return first;
}

static void
fill_cell (ClosenessMonthView *self,
           DayCell            *cell)
{
  ClosenessMonthCell *month_cell = CLOSENESS_MONTH_CELL (cell->cell);
  g_autoptr(GPtrArray) day = NULL;

  closeness_month_cell_set_day (month_cell, g_date_get_day (&cell->date));
  closeness_month_cell_clear (month_cell);
  cell->n_events = 0;
  if (self->instances == NULL)
    return;

  day = closeness_calendar_instances_on_day (self->instances, self->events_by_id, &cell->date);
  for (guint i = 0; i < day->len; i++)
    {
      ClosenessInstance *instance = g_ptr_array_index (day, i);
      ClosenessEvent *event = g_hash_table_lookup (self->events_by_id, &instance->event_id);
      g_autofree char *time = NULL;

      if (!closeness_calendar_instance_is_long (instance, event))
        time = closeness_calendar_format_time (instance->start_utc);
      closeness_month_cell_add_entry (month_cell, time, closeness_event_get_summary (event));
    }
  cell->n_events = day->len;
}

static void
update_cells (ClosenessMonthView *self,
              gboolean            refill)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate date = first_cell_date (self->year, self->month);
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  {
    g_autofree char *title = closeness_month_view_dup_title (self);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                    -1);
  }

  for (guint i = 0; i < N_CELLS; i++, g_date_add_days (&date, 1))
    {
      DayCell *cell = &self->cells[i];
      g_autofree char *name = NULL;
      g_autoptr(GDateTime) when = NULL;
      gboolean is_today = g_date_compare (&date, &today) == 0;
      gboolean in_month = g_date_get_month (&date) == (GDateMonth) self->month;
      guint count;

      /* The titles change with the month or the evenings, not with the
       * selection. */
      if (refill || !g_date_valid (&cell->date) || g_date_compare (&cell->date, &date) != 0)
        {
          cell->date = date;
          fill_cell (self, cell);
        }
      count = cell->n_events;

      if (is_today)
        gtk_widget_add_css_class (cell->button, "today");
      else
        gtk_widget_remove_css_class (cell->button, "today");

      if (in_month)
        gtk_widget_remove_css_class (cell->button, "other-month");
      else
        gtk_widget_add_css_class (cell->button, "other-month");

      if (count > 0)
        gtk_widget_add_css_class (cell->button, "planned");
      else
        gtk_widget_remove_css_class (cell->button, "planned");

      if (g_date_valid (&self->selected) && g_date_compare (&date, &self->selected) == 0)
        gtk_widget_add_css_class (cell->button, "selected");
      else
        gtk_widget_remove_css_class (cell->button, "selected");

      when = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                    g_date_get_day (&date), 12, 0, 0);
      name = closeness_calendar_day_label (when, count, is_today);
      gtk_accessible_update_property (GTK_ACCESSIBLE (cell->button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
}

static int
cell_index_of (ClosenessMonthView *self,
               const GDate        *date)
{
  GDate first = first_cell_date (self->year, self->month);
  int index = g_date_days_between (&first, date);

  return index >= 0 && index < N_CELLS ? index : -1;
}

static void
select_date (ClosenessMonthView *self,
             const GDate        *date,
             gboolean            focus)
{
  int index;

  if (g_date_get_month (date) != (GDateMonth) self->month || g_date_get_year (date) != self->year)
    {
      self->year = g_date_get_year (date);
      self->month = g_date_get_month (date);
      self->selected = *date;
      update_cells (self, FALSE);
      g_signal_emit (self, signals[MONTH_CHANGED], 0);
    }
  else
    {
      self->selected = *date;
      update_cells (self, FALSE);
    }

  index = cell_index_of (self, date);
  if (focus && index >= 0)
    gtk_widget_grab_focus (self->cells[index].button);

  g_signal_emit (self, signals[DAY_SELECTED], 0);
}

static void
day_clicked_cb (GtkButton          *button,
                ClosenessMonthView *self)
{
  for (guint i = 0; i < N_CELLS; i++)
    if (self->cells[i].button == GTK_WIDGET (button))
      {
        GDate date = self->cells[i].date;
        gboolean empty = self->cells[i].n_events == 0;

        select_date (self, &date, TRUE);
        /* As in GNOME Calendar: a click on a free day plans an evening
         * there; a day with evenings lists them below the grid. */
        if (empty)
          g_signal_emit (self, signals[DAY_ACTIVATED], 0);
        break;
      }
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                ClosenessMonthView    *self)
{
  GDate date = self->selected;

  if (!g_date_valid (&date))
    g_date_set_dmy (&date, 1, self->month, self->year);

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      g_date_subtract_days (&date, 1);
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      g_date_add_days (&date, 1);
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      g_date_subtract_days (&date, 7);
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      g_date_add_days (&date, 7);
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      g_date_subtract_months (&date, 1);
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      g_date_add_months (&date, 1);
      break;
    case GDK_KEY_Home:
      g_date_set_day (&date, 1);
      break;
    case GDK_KEY_End:
      g_date_set_day (&date, g_date_get_days_in_month (g_date_get_month (&date),
                                                       g_date_get_year (&date)));
      break;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  if (g_date_get_year (&date) < 1900 || g_date_get_year (&date) > 2200)
    return GDK_EVENT_STOP;

  select_date (self, &date, TRUE);

  return GDK_EVENT_STOP;
}

static void
closeness_month_view_dispose (GObject *object)
{
  ClosenessMonthView *self = CLOSENESS_MONTH_VIEW (object);

  g_clear_pointer (&self->grid, gtk_widget_unparent);
  g_clear_pointer (&self->instances, g_ptr_array_unref);
  g_clear_pointer (&self->events_by_id, g_hash_table_unref);

  G_OBJECT_CLASS (closeness_month_view_parent_class)->dispose (object);
}

static void
closeness_month_view_class_init (ClosenessMonthViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_month_view_dispose;

  signals[DAY_SELECTED] = g_signal_new ("day-selected", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
  /* A free day was clicked: plan an evening on the selected day. */
  signals[DAY_ACTIVATED] = g_signal_new ("day-activated", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);
  signals[MONTH_CHANGED] = g_signal_new ("month-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "closeness-month-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
closeness_month_view_init (ClosenessMonthView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GtkEventController *keys;

  self->grid = gtk_grid_new ();
  gtk_grid_set_row_homogeneous (GTK_GRID (self->grid), FALSE);
  gtk_grid_set_column_homogeneous (GTK_GRID (self->grid), TRUE);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 4);
  gtk_widget_set_parent (self->grid, GTK_WIDGET (self));

  /* Weekday names in the person's language, from the first day of the
   * person's week. */
  for (int column = 0; column < 7; column++)
    {
      g_autofree char *name =
        closeness_calendar_weekday_name (closeness_calendar_column_weekday (column), TRUE);
      GtkWidget *label;

      label = gtk_label_new (name);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (GTK_GRID (self->grid), label, column, 0, 1, 1);
    }

  for (int i = 0; i < N_CELLS; i++)
    {
      DayCell *cell = &self->cells[i];

      g_date_clear (&cell->date, 1);
      cell->cell = closeness_month_cell_new ();
      cell->button = gtk_button_new ();
      gtk_button_set_child (GTK_BUTTON (cell->button), cell->cell);
      gtk_widget_add_css_class (cell->button, "flat");
      gtk_widget_add_css_class (cell->button, "closeness-calendar-day");
      gtk_widget_set_vexpand (cell->button, TRUE);
      g_signal_connect (cell->button, "clicked", G_CALLBACK (day_clicked_cb), self);
      gtk_grid_attach (GTK_GRID (self->grid), cell->button, i % 7, 1 + i / 7, 1, 1);
    }

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_date_clear (&self->selected, 1);
  g_date_set_dmy (&self->selected, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
  self->year = g_date_time_get_year (now);
  self->month = g_date_time_get_month (now);
  update_cells (self, FALSE);
}

GtkWidget *
closeness_month_view_new (void)
{
  return g_object_new (CLOSENESS_TYPE_MONTH_VIEW, NULL);
}

void
closeness_month_view_set_month (ClosenessMonthView *self,
                                int                 year,
                                int                 month)
{
  GDate date;
  int day;

  g_return_if_fail (CLOSENESS_IS_MONTH_VIEW (self));
  g_return_if_fail (month >= 1 && month <= 12 && year >= 1900 && year <= 2200);

  /* Keep the selected day number where the month has it. */
  day = g_date_valid (&self->selected) ? g_date_get_day (&self->selected) : 1;
  day = MIN (day, g_date_get_days_in_month (month, year));
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  select_date (self, &date, FALSE);
}

int
closeness_month_view_get_year (ClosenessMonthView *self)
{
  return self->year;
}

int
closeness_month_view_get_month (ClosenessMonthView *self)
{
  return self->month;
}

/* The instants the grid shows, from the first to the end of the last cell. */
void
closeness_month_view_get_range (ClosenessMonthView *self,
                                gint64             *from_utc,
                                gint64             *to_utc)
{
  GDate first = first_cell_date (self->year, self->month);
  g_autoptr(GDateTime) from = g_date_time_new_local (g_date_get_year (&first),
                                                     g_date_get_month (&first),
                                                     g_date_get_day (&first), 0, 0, 0);
  g_autoptr(GDateTime) to = g_date_time_add_days (from, N_CELLS);

  *from_utc = g_date_time_to_unix (from);
  *to_utc = g_date_time_to_unix (to);
}

/**
 * closeness_month_view_set_instances:
 * @instances: (nullable) (element-type ClosenessInstance): the instances of
 *   the range closeness_month_view_get_range() gave, by start
 * @events_by_id: (nullable): event id (gint64 *) → #ClosenessEvent
 */
void
closeness_month_view_set_instances (ClosenessMonthView *self,
                                    GPtrArray          *instances,
                                    GHashTable         *events_by_id)
{
  g_return_if_fail (CLOSENESS_IS_MONTH_VIEW (self));
  g_return_if_fail (instances == NULL || events_by_id != NULL);

  g_clear_pointer (&self->instances, g_ptr_array_unref);
  g_clear_pointer (&self->events_by_id, g_hash_table_unref);
  if (instances != NULL)
    {
      self->instances = g_ptr_array_ref (instances);
      self->events_by_id = g_hash_table_ref (events_by_id);
    }
  update_cells (self, TRUE);
}

void
closeness_month_view_select (ClosenessMonthView *self,
                             int                 year,
                             int                 month,
                             int                 day,
                             gboolean            focus)
{
  GDate date;

  g_return_if_fail (CLOSENESS_IS_MONTH_VIEW (self));
  g_return_if_fail (g_date_valid_dmy (day, month, year));

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  select_date (self, &date, focus);
}

GDate
closeness_month_view_get_selected (ClosenessMonthView *self)
{
  return self->selected;
}

char *
closeness_month_view_dup_title (ClosenessMonthView *self)
{
  g_autoptr(GDateTime) first = g_date_time_new_local (self->year, self->month, 1, 12, 0, 0);

  /* Translators: the month view's title, "November 2026" */
  return g_date_time_format (first, _("%B %Y"));
}

/* The button of @day in the shown month, for tests. */
GtkWidget *
closeness_month_view_get_day_button (ClosenessMonthView *self,
                                     int                 day)
{
  GDate date;
  int index;

  g_return_val_if_fail (g_date_valid_dmy (day, self->month, self->year), NULL);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, self->month, self->year);
  index = cell_index_of (self, &date);

  return index >= 0 ? self->cells[index].button : NULL;
}

/* The ClosenessMonthCell of @day in the shown month, for tests. */
GtkWidget *
closeness_month_view_get_day_cell (ClosenessMonthView *self,
                                   int                 day)
{
  GtkWidget *button = closeness_month_view_get_day_button (self, day);

  return button != NULL ? gtk_button_get_child (GTK_BUTTON (button)) : NULL;
}
