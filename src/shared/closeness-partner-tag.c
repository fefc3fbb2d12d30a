/* closeness-partner-tag.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A label with a partner's colour dot before it, for places with little
 * room (a self-care row holds both partners' boxes beside the activity's
 * name). The dot takes its room at the tag's minimum size too, so that
 * every row shows it; the name beside it is whole up to the width its label
 * asks for at least (a long one ends in "…"), and only a parent that gives
 * less than the minimum has the dot left out.
 */

#define G_LOG_DOMAIN "closeness-shared"

#include "config.h"

#include "closeness-partner-tag.h"

#define DOT_SPACING 6

struct _ClosenessPartnerTag
{
  GtkWidget  parent_instance;

  GtkWidget *dot;
  GtkWidget *label;
};

G_DEFINE_FINAL_TYPE (ClosenessPartnerTag, closeness_partner_tag, GTK_TYPE_WIDGET)

static int
get_dot_width (ClosenessPartnerTag *self)
{
  int natural = 0;

  if (!gtk_widget_get_visible (self->dot))
    return 0;

  gtk_widget_measure (self->dot, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);

  return natural + DOT_SPACING;
}

static void
closeness_partner_tag_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  ClosenessPartnerTag *self = CLOSENESS_PARTNER_TAG (widget);
  int dot_width = get_dot_width (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (self->label, orientation, for_size, minimum, natural, NULL, NULL);
      *minimum += dot_width;
      *natural += dot_width;
    }
  else
    {
      int dot_min = 0, dot_nat = 0;

      gtk_widget_measure (self->label, orientation, for_size, minimum, natural,
                          minimum_baseline, natural_baseline);
      if (dot_width > 0)
        {
          gtk_widget_measure (self->dot, orientation, -1, &dot_min, &dot_nat, NULL, NULL);
          *minimum = MAX (*minimum, dot_min);
          *natural = MAX (*natural, dot_nat);
        }
    }
}

static void
closeness_partner_tag_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  ClosenessPartnerTag *self = CLOSENESS_PARTNER_TAG (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int dot_width = get_dot_width (self);
  int label_minimum = 0;
  int dot_size = 0;
  gboolean show_dot;

  gtk_widget_measure (self->label, GTK_ORIENTATION_HORIZONTAL, -1, &label_minimum, NULL, NULL,
                      NULL);
  show_dot = dot_width > 0 && width >= label_minimum + dot_width;

  /* A dot without room is left out rather than squeezed. */
  gtk_widget_set_child_visible (self->dot, show_dot);
  if (show_dot)
    {
      gtk_widget_measure (self->dot, GTK_ORIENTATION_VERTICAL, -1, NULL, &dot_size, NULL, NULL);
      gtk_widget_size_allocate (self->dot,
                                &(GtkAllocation) { rtl ? width - (dot_width - DOT_SPACING) : 0,
                                                   (height - dot_size) / 2,
                                                   dot_width - DOT_SPACING, dot_size },
                                -1);
      gtk_widget_size_allocate (self->label,
                                &(GtkAllocation) { rtl ? 0 : dot_width, 0, width - dot_width,
                                                   height },
                                baseline);
    }
  else
    gtk_widget_size_allocate (self->label, &(GtkAllocation) { 0, 0, width, height }, baseline);
}

static GtkSizeRequestMode
closeness_partner_tag_get_request_mode (GtkWidget *widget)
{
  return gtk_widget_get_request_mode (CLOSENESS_PARTNER_TAG (widget)->label);
}

static void
closeness_partner_tag_dispose (GObject *object)
{
  ClosenessPartnerTag *self = CLOSENESS_PARTNER_TAG (object);

  g_clear_pointer (&self->dot, gtk_widget_unparent);
  g_clear_pointer (&self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (closeness_partner_tag_parent_class)->dispose (object);
}

static void
closeness_partner_tag_class_init (ClosenessPartnerTagClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_partner_tag_dispose;
  widget_class->measure = closeness_partner_tag_measure;
  widget_class->size_allocate = closeness_partner_tag_size_allocate;
  widget_class->get_request_mode = closeness_partner_tag_get_request_mode;

  gtk_widget_class_set_css_name (widget_class, "closeness-partner-tag");
}

static void
closeness_partner_tag_init (ClosenessPartnerTag *self)
{
  self->dot = closeness_partner_dot_new ();
  gtk_widget_set_parent (self->dot, GTK_WIDGET (self));
  self->label = gtk_label_new (NULL);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  /* The dot shows or hides with its colour: measure again. */
  g_signal_connect_swapped (self->dot, "notify::visible", G_CALLBACK (gtk_widget_queue_resize),
                            self);
}

GtkWidget *
closeness_partner_tag_new (void)
{
  return g_object_new (CLOSENESS_TYPE_PARTNER_TAG, NULL);
}

/**
 * closeness_partner_tag_get_dot:
 *
 * Returns: (transfer none): the colour dot, to set or bind its colour
 */
ClosenessPartnerDot *
closeness_partner_tag_get_dot (ClosenessPartnerTag *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PARTNER_TAG (self), NULL);

  return CLOSENESS_PARTNER_DOT (self->dot);
}

/**
 * closeness_partner_tag_get_label:
 *
 * Returns: (transfer none): the label with the name
 */
GtkLabel *
closeness_partner_tag_get_label (ClosenessPartnerTag *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PARTNER_TAG (self), NULL);

  return GTK_LABEL (self->label);
}
