/* closeness-toast.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-toast"

#include "config.h"

#include "closeness-toast.h"

/**
 * closeness_toast_new:
 * @title: plain text: a message that may hold a name, a note or a path
 *
 * libadwaita 1.2 reads a toast's title as Pango markup and has no way to
 * turn that off: "Massage & kisses <3" would show as an empty toast, and
 * GTK would print the text in a warning. Every toast of the app is made
 * here, with its title escaped.
 *
 * Returns: (transfer floating): a toast showing @title as it is
 */
AdwToast *
closeness_toast_new (const char *title)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (title != NULL, NULL);

  escaped = g_markup_escape_text (title, -1);

  return adw_toast_new (escaped);
}

/**
 * closeness_toast_show_in_preferences:
 * @widget: a widget inside the Preferences window
 * @message: plain text
 *
 * Shows @message as a toast of the Preferences window holding @widget;
 * nothing when it is not in one (a test's own window).
 */
void
closeness_toast_show_in_preferences (GtkWidget  *widget,
                                     const char *message)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), closeness_toast_new (message));
}
