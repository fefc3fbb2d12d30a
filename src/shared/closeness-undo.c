/* closeness-undo.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every deletion, archiving or "discussed" the app lets a person take
 * back shows a toast with Undo. The newest such toast of a window is also
 * what Ctrl+Z takes back (closeness_undo_last(), the window's "win.undo"),
 * for as long as it shows. A text field with the focus keeps Ctrl+Z for
 * its own text: the window's shortcut comes after the focused widget's.
 */

#define G_LOG_DOMAIN "closeness-undo"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-toast.h"
#include "closeness-undo.h"

#define LAST_UNDO "closeness-last-undo"

static void
toast_dismissed_cb (AdwToast *toast,
                    GtkRoot  *root)
{
  if (g_object_get_data (G_OBJECT (root), LAST_UNDO) == toast)
    g_object_set_data (G_OBJECT (root), LAST_UNDO, NULL);
}

/**
 * closeness_undo_toast_new:
 * @widget: the widget the toast is for; its window's Ctrl+Z takes it back
 * @title: plain text naming what was done ("“Our Deck” deleted")
 *
 * Returns: (transfer full): a toast with an Undo button; connect to
 *   its "button-clicked"
 */
AdwToast *
closeness_undo_toast_new (GtkWidget  *widget,
                          const char *title)
{
  AdwToast *toast = closeness_toast_new (title);
  GtkRoot *root = gtk_widget_get_root (widget);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_timeout (toast, CLOSENESS_UNDO_TIMEOUT);
  if (root != NULL)
    {
      g_object_set_data_full (G_OBJECT (root), LAST_UNDO, g_object_ref (toast), g_object_unref);
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), root, 0);
    }

  return toast;
}

/**
 * closeness_undo_last:
 * @widget: any widget of the window
 *
 * Takes back what the window's newest Undo toast still showing offers, as
 * its button would.
 *
 * Returns: whether there was one
 */
gboolean
closeness_undo_last (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(AdwToast) toast = NULL;

  if (root == NULL || (toast = g_object_get_data (G_OBJECT (root), LAST_UNDO)) == NULL)
    return FALSE;

  g_object_ref (toast);
  g_object_set_data (G_OBJECT (root), LAST_UNDO, NULL);
  g_signal_emit_by_name (toast, "button-clicked");
  adw_toast_dismiss (toast);

  return TRUE;
}
