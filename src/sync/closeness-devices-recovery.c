/* closeness-devices-recovery.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A new recovery code, shown once in a dialog that offers to print it on a
 * page of its own. The code is never logged and never kept by the app.
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "sync/closeness-devices-recovery.h"

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              const char        *code)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = NULL;
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int height;
  double y = 0;

  date = g_date_time_format (now, "%x");
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);

  font = pango_font_description_from_string ("Sans Bold 18");
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, _("Closeness Recovery Code"), -1);
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_pixel_size (layout, NULL, &height);
  y += height + 24;

  pango_font_description_free (font);
  font = pango_font_description_from_string ("Monospace Bold 16");
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, code, -1);
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_pixel_size (layout, NULL, &height);
  y += height + 24;

  pango_font_description_free (font);
  font = pango_font_description_from_string ("Sans 11");
  pango_layout_set_font_description (layout, font);
  /* Translators: %s is today's date */
  text =
    g_strdup_printf (_("Made on %s.\n\n"
                       "With this code and your sync account, a new computer gets back your answers, notes "
                       "and self-care if every other computer is lost: in Closeness, connect Calendar Sync to "
                       "the account, then run closeness --recover and type the code.\n\n"
                       "Anyone who has this code and your account’s password can read what you wrote. Keep "
                       "this page somewhere safe, away from your computers. A newer code replaces this one."),
                     date);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, layout);
}

/**
 * closeness_devices_recovery_print:
 *
 * Prints @code on one page with what it is for.
 */
static GtkPrintOperation *
new_operation (const char *code)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();

  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_job_name (operation, _("Closeness Recovery Code"));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (draw_page_cb), g_strdup (code),
                         (GClosureNotify) (void (*) (void)) g_free, 0);

  return operation;
}

void
closeness_devices_recovery_print (GtkWidget  *parent,
                                  const char *code)
{
  g_autoptr(GtkPrintOperation) operation = new_operation (code);
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (parent);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error)
      == GTK_PRINT_OPERATION_RESULT_ERROR)
    g_warning ("The recovery code could not be printed: %s", error->message);
}

/**
 * closeness_devices_recovery_export:
 *
 * The printed page as a PDF at @path, as "Print to File" makes it.
 */
gboolean
closeness_devices_recovery_export (const char  *code,
                                   const char  *path,
                                   GError     **error)
{
  g_autoptr(GtkPrintOperation) operation = new_operation (code);

  gtk_print_operation_set_export_filename (operation, path);

  return gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, error) !=
         GTK_PRINT_OPERATION_RESULT_ERROR;
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             GtkWidget        *parent)
{
  if (g_strcmp0 (response, "print") == 0)
    closeness_devices_recovery_print (parent, g_object_get_data (G_OBJECT (dialog), "code"));
}

/**
 * closeness_devices_recovery_show:
 *
 * Shows a new recovery code once, with Print.
 */
AdwMessageDialog *
closeness_devices_recovery_show (GtkWidget  *parent,
                                 const char *code)
{
  GtkRoot *root = gtk_widget_get_root (parent);
  AdwMessageDialog *dialog;
  g_autofree char *escaped = g_markup_escape_text (code, -1);
  g_autofree char *body = NULL;

  dialog =
    ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                _("Your Recovery Code"), NULL));
  body =
    g_strdup_printf ("<span size=\"large\" font_family=\"monospace\" weight=\"bold\">%s</span>\n\n%s",
                     escaped,
                     _("Print it or write it down now: it is not shown again. With it and your sync account, "
                       "a new computer gets everything back."));
  adw_message_dialog_set_body_use_markup (dialog, TRUE);
  adw_message_dialog_set_body (dialog, body);
  g_object_set_data_full (G_OBJECT (dialog), "code", g_strdup (code), g_free);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_add_response (dialog, "print", _("_Print…"));
  adw_message_dialog_set_response_appearance (dialog, "print", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "print");
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (response_cb), parent, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}
