/* closeness-button-row.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A few buttons side by side, each as wide as its label and the row
 * centred; where the row does not fit, the buttons stack, each centred on
 * its own line. A GtkFlowBox wraps instead, and on
 * GTK 4.8 leaves the last button alone at the start of a second line
 * ("Favorite · We Talked About This" over "Not Tonight" in a 360 px
 * window). libadwaita 1.2 has no wrap box or breakpoints to do this; the
 * children are ordinary widgets added with <child> in a template.
 */

#define G_LOG_DOMAIN "closeness-shared"

#include "config.h"

#include "closeness-button-row.h"

#define ROW_SPACING 12
#define COLUMN_SPACING 6

struct _ClosenessButtonRow
{
  GtkWidget  parent_instance;
};

G_DEFINE_FINAL_TYPE (ClosenessButtonRow, closeness_button_row, GTK_TYPE_WIDGET)

/* The row's width: the children's natural widths and the spacing; and
 * the widest of the children's minimum widths. */
static void
measure_widths (GtkWidget *widget,
                int       *row,
                int       *minimum)
{
  guint n = 0;

  *row = *minimum = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, &child_nat,
                          NULL, NULL);
      *row += child_nat;
      *minimum = MAX (*minimum, child_min);
      n++;
    }
  if (n > 1)
    *row += (n - 1) * ROW_SPACING;
}

/* Stacked when @width cannot hold the row (@row, from measure_widths()). */
static gboolean
is_stacked (int width,
            int row)
{
  return width >= 0 && width < row;
}

/* A child is as wide as its label, unless @width is narrower. */
static int
child_width_for (GtkWidget *child,
                 int        width)
{
  int minimum, natural;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);

  return width >= 0 ? MAX (MIN (width, natural), minimum) : natural;
}

static void
closeness_button_row_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  int row, widest_min;
  gboolean stacked;
  guint n = 0;

  measure_widths (widget, &row, &widest_min);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* As narrow as the narrowest a child can be (stacked), as wide as
       * the row. */
      *minimum = widest_min;
      *natural = row;
      return;
    }

  stacked = is_stacked (for_size, row);
  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min, child_nat;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width_for (child, for_size),
                          &child_min, &child_nat, NULL, NULL);
      if (stacked)
        {
          *minimum += child_min;
          *natural += child_nat;
        }
      else
        {
          *minimum = MAX (*minimum, child_min);
          *natural = MAX (*natural, child_nat);
        }
      n++;
    }
  if (stacked && n > 1)
    {
      *minimum += (n - 1) * COLUMN_SPACING;
      *natural += (n - 1) * COLUMN_SPACING;
    }
}

static void
closeness_button_row_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  int row, widest_min;
  gboolean stacked;
  int x, y = 0;

  measure_widths (widget, &row, &widest_min);
  stacked = is_stacked (width, row);
  x = MAX (0, (width - row) / 2);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_width, child_height;

      if (!gtk_widget_should_layout (child))
        continue;

      child_width = child_width_for (child, width);
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width, NULL, &child_height,
                          NULL, NULL);
      if (stacked)
        {
          gtk_widget_size_allocate (child,
                                    &(GtkAllocation) { (width - child_width) / 2, y,
                                                       child_width, child_height },
                                    -1);
          y += child_height + COLUMN_SPACING;
        }
      else
        {
          gtk_widget_size_allocate (child,
                                    &(GtkAllocation) { x, (height - child_height) / 2,
                                                       child_width, child_height },
                                    -1);
          x += child_width + ROW_SPACING;
        }
    }
}

static GtkSizeRequestMode
closeness_button_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
closeness_button_row_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (closeness_button_row_parent_class)->dispose (object);
}

static void
closeness_button_row_class_init (ClosenessButtonRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_button_row_dispose;

  widget_class->measure = closeness_button_row_measure;
  widget_class->size_allocate = closeness_button_row_size_allocate;
  widget_class->get_request_mode = closeness_button_row_get_request_mode;

  gtk_widget_class_set_css_name (widget_class, "buttonrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
closeness_button_row_init (ClosenessButtonRow *self)
{
}

GtkWidget *
closeness_button_row_new (void)
{
  return g_object_new (CLOSENESS_TYPE_BUTTON_ROW, NULL);
}

/**
 * closeness_button_row_get_stacked:
 *
 * Returns: whether the buttons are stacked in a column, at the width the
 *   row has now
 */
gboolean
closeness_button_row_get_stacked (ClosenessButtonRow *self)
{
  int row, minimum;

  g_return_val_if_fail (CLOSENESS_IS_BUTTON_ROW (self), FALSE);

  measure_widths (GTK_WIDGET (self), &row, &minimum);

  return is_stacked (gtk_widget_get_width (GTK_WIDGET (self)), row);
}
