/* closeness-label-factory.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list item factory of the app's drop-downs and combo rows, whose
 * items are GtkStringObjects shown as plain, start-aligned labels.
 */

#define G_LOG_DOMAIN "closeness-label-factory"

#include "config.h"

#include "closeness-label-factory.h"

typedef struct
{
  ClosenessLabelFit fit;
  int               max_width_chars;
} LabelStyle;

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                LabelStyle               *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  switch (style->fit)
    {
    case CLOSENESS_LABEL_ELLIPSIZE:
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      break;

    case CLOSENESS_LABEL_WRAP:
      /* Words stay whole unless one alone is wider than the label. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      break;

    case CLOSENESS_LABEL_NATURAL:
    default:
      break;
    }
  if (style->max_width_chars > 0)
    gtk_label_set_max_width_chars (GTK_LABEL (label), style->max_width_chars);
  gtk_list_item_set_child (item, label);
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               LabelStyle               *style)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      string != NULL ? gtk_string_object_get_string (string) : "");
}

/**
 * closeness_label_factory_new:
 * @fit: what a label does with a text longer than @max_width_chars
 * @max_width_chars: the widest a label asks to be, or -1 for no limit
 *
 * Returns: (transfer full): a factory for a model of GtkStringObjects
 */
GtkListItemFactory *
closeness_label_factory_new (ClosenessLabelFit fit,
                             int               max_width_chars)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  LabelStyle *style = g_new0 (LabelStyle, 1);

  style->fit = fit;
  style->max_width_chars = max_width_chars;
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), style);
  g_signal_connect_data (factory, "bind", G_CALLBACK (bind_label_cb), style,
                         (GClosureNotify) G_CALLBACK (g_free), 0);

  return factory;
}
