/* closeness-month-cell.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What one day of the month grid shows: its number and the titles of its
 * evenings, as many as fit, then "+2 more". A cell too narrow for titles
 * shows the compact form instead: a dot, or the number of evenings. The
 * choice is made while allocating, so it follows the cell's real size and
 * never makes the grid taller.
 */

#define G_LOG_DOMAIN "closeness-calendar"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-month-cell.h"

/* Below this width a title beside its time would show two or three
 * letters (a window of 600 px or less): the compact form reads better. */
#define COMPACT_WIDTH  90
#define SPACING        2

struct _ClosenessMonthCell
{
  GtkWidget   parent_instance;

  GtkWidget  *number;
  GtkWidget  *marker;
  GtkWidget  *more;
  GPtrArray  *entries;    /* GtkWidget, in the order shown */
  guint       n_shown;
  gboolean    compact;
};

G_DEFINE_FINAL_TYPE (ClosenessMonthCell, closeness_month_cell, GTK_TYPE_WIDGET)

static int
natural_height (GtkWidget *widget,
                int        for_width)
{
  int natural = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, for_width, NULL, &natural, NULL, NULL);

  return natural;
}

/* How many entries fit in @height, leaving room for "+N more" when some
 * are left out; -1 when not even that fits. */
static int
count_fitting (ClosenessMonthCell *self,
               int                 width,
               int                 height)
{
  int more_height = natural_height (self->more, width);
  int used = 0;
  int fitting = 0;

  for (guint i = 0; i < self->entries->len; i++)
    {
      int entry = natural_height (g_ptr_array_index (self->entries, i), width);
      gboolean last = i + 1 == self->entries->len;

      if (used + entry + (last ? 0 : SPACING + more_height) > height)
        break;
      used += entry + SPACING;
      fitting++;
    }

  if ((guint) fitting < self->entries->len && fitting == 0 && more_height > height)
    return -1;

  return fitting;
}

static void
set_more_count (ClosenessMonthCell *self,
                guint               n_more)
{
  /* Translators: below the titles that fit in a day of the month grid,
   * how many more evenings the day has */
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "+%u more", "+%u more",
                                                        n_more), n_more);

  /* Only a real change asks for a new layout. */
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (self->more)), text) != 0)
    gtk_label_set_text (GTK_LABEL (self->more), text);
}

static void
allocate_child (GtkWidget *child,
                int        x,
                int        y,
                int        width,
                int        height)
{
  gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, width, height }, -1);
}

static void
closeness_month_cell_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  ClosenessMonthCell *self = CLOSENESS_MONTH_CELL (widget);
  int number_min, number_nat, marker_min, marker_nat;

  /* The compact form's size: titles take what the grid gives. */
  gtk_widget_measure (self->number, orientation, -1, &number_min, &number_nat, NULL, NULL);
  gtk_widget_measure (self->marker, orientation, -1, &marker_min, &marker_nat, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (number_min, marker_min);
      *natural = MAX (number_nat, marker_nat);
    }
  else
    {
      *minimum = number_min + SPACING + marker_min;
      *natural = number_nat + SPACING + marker_nat;
    }
}

static void
closeness_month_cell_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  ClosenessMonthCell *self = CLOSENESS_MONTH_CELL (widget);
  int number_width, number_height, y;
  int fitting = -1;
  gboolean wide;

  gtk_widget_measure (self->number, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &number_width, NULL,
                      NULL);
  number_height = natural_height (self->number, number_width);
  number_width = MIN (number_width, width);
  y = number_height + SPACING;

  wide = width >= COMPACT_WIDTH;
  if (wide)
    fitting = count_fitting (self, width, height - y);

  self->compact = fitting < 0;
  self->n_shown = MAX (fitting, 0);

  /* Wide: the number at the start, as in a wall calendar; narrow: centred
   * over its dot. */
  allocate_child (self->number, wide ? 0 : (width - number_width) / 2, 0,
                  number_width, number_height);

  gtk_widget_set_child_visible (self->marker, self->compact && self->entries->len > 0);
  if (self->compact && self->entries->len > 0)
    {
      int marker_width, marker_height;

      gtk_widget_measure (self->marker, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &marker_width, NULL,
                          NULL);
      marker_width = MIN (marker_width, width);
      marker_height = natural_height (self->marker, marker_width);
      allocate_child (self->marker, (width - marker_width) / 2, y, marker_width, marker_height);
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      GtkWidget *entry = g_ptr_array_index (self->entries, i);
      gboolean shown = i < self->n_shown;

      gtk_widget_set_child_visible (entry, shown);
      if (shown)
        {
          int entry_height = natural_height (entry, width);

          allocate_child (entry, 0, y, width, entry_height);
          y += entry_height + SPACING;
        }
    }

  gtk_widget_set_child_visible (self->more, !self->compact && self->n_shown < self->entries->len);
  if (!self->compact && self->n_shown < self->entries->len)
    {
      set_more_count (self, self->entries->len - self->n_shown);
      allocate_child (self->more, 0, y, width, natural_height (self->more, width));
    }
}

static void
closeness_month_cell_dispose (GObject *object)
{
  ClosenessMonthCell *self = CLOSENESS_MONTH_CELL (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->number = self->marker = self->more = NULL;
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (closeness_month_cell_parent_class)->dispose (object);
}

static void
closeness_month_cell_class_init (ClosenessMonthCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_month_cell_dispose;
  widget_class->measure = closeness_month_cell_measure;
  widget_class->size_allocate = closeness_month_cell_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "closeness-month-cell");
}

static void
closeness_month_cell_init (ClosenessMonthCell *self)
{
  self->entries = g_ptr_array_new ();

  self->number = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->number, "closeness-calendar-day-number");
  gtk_widget_set_parent (self->number, GTK_WIDGET (self));

  self->more = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->more), 0);
  gtk_label_set_ellipsize (GTK_LABEL (self->more), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (self->more, "closeness-calendar-more");
  gtk_widget_add_css_class (self->more, "caption");
  gtk_widget_add_css_class (self->more, "dim-label");
  gtk_widget_set_parent (self->more, GTK_WIDGET (self));

  self->marker = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->marker, "closeness-calendar-marker");
  gtk_widget_set_parent (self->marker, GTK_WIDGET (self));
}

GtkWidget *
closeness_month_cell_new (void)
{
  return g_object_new (CLOSENESS_TYPE_MONTH_CELL, NULL);
}

void
closeness_month_cell_set_day (ClosenessMonthCell *self,
                              int                 day)
{
  char number[8];

  g_return_if_fail (CLOSENESS_IS_MONTH_CELL (self));

  g_snprintf (number, sizeof number, "%d", day);
  gtk_label_set_text (GTK_LABEL (self->number), number);
}

void
closeness_month_cell_clear (ClosenessMonthCell *self)
{
  g_return_if_fail (CLOSENESS_IS_MONTH_CELL (self));

  for (guint i = 0; i < self->entries->len; i++)
    gtk_widget_unparent (g_ptr_array_index (self->entries, i));
  g_ptr_array_set_size (self->entries, 0);
  gtk_label_set_text (GTK_LABEL (self->marker), "");
  self->n_shown = 0;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * closeness_month_cell_add_entry:
 * @time: (nullable): the start time, or %NULL for an all-day or long event
 * @title: the evening's title, shown as plain text
 */
void
closeness_month_cell_add_entry (ClosenessMonthCell *self,
                                const char         *time,
                                const char         *title)
{
  GtkWidget *entry = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *label = gtk_label_new (title);

  g_return_if_fail (CLOSENESS_IS_MONTH_CELL (self));

  gtk_widget_add_css_class (entry, "closeness-calendar-entry");
  if (time != NULL)
    {
      GtkWidget *time_label = gtk_label_new (time);

      gtk_widget_add_css_class (time_label, "numeric");
      gtk_widget_add_css_class (time_label, "closeness-calendar-entry-time");
      gtk_box_append (GTK_BOX (entry), time_label);
    }
  else
    gtk_widget_add_css_class (entry, "all-day");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "closeness-calendar-entry-title");
  gtk_box_append (GTK_BOX (entry), label);

  gtk_widget_insert_before (entry, GTK_WIDGET (self), self->more);
  g_ptr_array_add (self->entries, entry);

  /* The compact form: a dot for one evening, the count for more. */
  if (self->entries->len > 1)
    {
      char count[16];

      g_snprintf (count, sizeof count, "%u", self->entries->len);
      gtk_label_set_text (GTK_LABEL (self->marker), count);
    }

  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
closeness_month_cell_get_n_entries (ClosenessMonthCell *self)
{
  g_return_val_if_fail (CLOSENESS_IS_MONTH_CELL (self), 0);

  return self->entries->len;
}

/* How many titles the last allocation showed (0 in the compact form). */
guint
closeness_month_cell_get_n_shown (ClosenessMonthCell *self)
{
  g_return_val_if_fail (CLOSENESS_IS_MONTH_CELL (self), 0);

  return self->compact ? 0 : self->n_shown;
}

gboolean
closeness_month_cell_get_compact (ClosenessMonthCell *self)
{
  g_return_val_if_fail (CLOSENESS_IS_MONTH_CELL (self), FALSE);

  return self->compact;
}
