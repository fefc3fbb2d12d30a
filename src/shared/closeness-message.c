/* closeness-message.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-message"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-message.h"

/**
 * closeness_message_show:
 * @widget: (nullable): a widget of the window the message is about, or the
 *   window itself
 * @heading: what happened
 * @body: (nullable): why, or what to do
 *
 * Shows a message with only a Close button, modal to @widget's window.
 *
 * Returns: (transfer none): the dialog, already shown
 */
AdwMessageDialog *
closeness_message_show (GtkWidget  *widget,
                        const char *heading,
                        const char *body)
{
  GtkRoot *root = widget != NULL ? gtk_widget_get_root (widget) : NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (widget == NULL || GTK_IS_WIDGET (widget), NULL);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));

  return ADW_MESSAGE_DIALOG (dialog);
}
