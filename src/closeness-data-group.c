/* closeness-data-group.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences → Your Data: back up now, restore a backup, export and import
 * everything. The store does the work off the main thread; this group asks
 * before anything is replaced and says what happened.
 */

#define G_LOG_DOMAIN "closeness-data"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-data-group.h"
#include "closeness-toast.h"

struct _ClosenessDataGroup
{
  AdwPreferencesGroup  parent_instance;

  ClosenessStore      *store;
  GCancellable        *cancellable;
  GtkFileChooserNative *chooser;
  gboolean             busy;

  AdwActionRow        *backup_row;
  AdwComboRow         *restore_row;
  AdwActionRow        *export_row;
  AdwActionRow        *import_row;
  GtkButton           *backup_button;
  GtkButton           *restore_button;
  GtkButton           *export_button;
  GtkButton           *import_button;
};

G_DEFINE_FINAL_TYPE (ClosenessDataGroup, closeness_data_group, ADW_TYPE_PREFERENCES_GROUP)

char *
closeness_format_backup_label (ClosenessBackup *backup)
{
  g_autoptr(GDateTime) local = NULL;
  GDateTime *date;

  g_return_val_if_fail (CLOSENESS_IS_BACKUP (backup), NULL);

  date = closeness_backup_get_date (backup);
  if (date == NULL)
    return g_strdup (_("Unknown date"));

  local = g_date_time_to_local (date);
  /* Translators: a backup's date and time in the list of backups, see strftime(3). */
  return g_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

static char *
backup_label_cb (ClosenessBackup *backup,
                 gpointer         user_data)
{
  return closeness_format_backup_label (backup);
}

static void
toast (ClosenessDataGroup *self,
       const char         *message)
{
  closeness_toast_show_in_preferences (GTK_WIDGET (self), message);
}

static void
show_failure (ClosenessDataGroup *self,
              const char         *heading,
              const GError       *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_warning ("%s (error code %d)", heading, error->code);

  dialog =
    ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                heading, error->message));
  adw_message_dialog_add_response (dialog, "ok", _("_OK"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean ask_to_save_waiting_changes (ClosenessDataGroup *self,
                                             GFile              *file,
                                             ClosenessBackup    *backup);

static void
update_sensitivity (ClosenessDataGroup *self)
{
  gboolean have_store = self->store != NULL;
  gboolean writable = have_store && !closeness_store_get_read_only (self->store);
  GListModel *backups = adw_combo_row_get_model (self->restore_row);
  gboolean have_backups = backups != NULL && g_list_model_get_n_items (backups) > 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->backup_button), writable && !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), have_store && !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), writable && !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button),
                            writable && have_backups && !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_row), have_backups);

  if (!have_backups)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->restore_row), _("No backups yet"));
  else
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->restore_row),
                                 _("Your current data is backed up first"));
}

static void
set_busy (ClosenessDataGroup *self,
          gboolean            busy)
{
  GApplication *app = g_application_get_default ();

  if (self->busy == busy)
    return;

  self->busy = busy;

  /* Keep the application alive until a write has finished. */
  if (app != NULL)
    {
      if (busy)
        g_application_hold (app);
      else
        g_application_release (app);
    }

  update_sensitivity (self);
}

static void
reload_backups (ClosenessDataGroup *self)
{
  g_autoptr(GListModel) backups = NULL;

  if (self->store != NULL)
    backups = closeness_store_list_backups (self->store);

  adw_combo_row_set_model (self->restore_row, backups);
  update_sensitivity (self);
}

static void
backup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ClosenessDataGroup) self = user_data;
  g_autoptr(ClosenessBackup) backup = NULL;
  g_autoptr(GError) error = NULL;

  backup = closeness_store_backup_now_finish (CLOSENESS_STORE (object), result, &error);
  set_busy (self, FALSE);

  if (backup == NULL)
    {
      show_failure (self, _("Could Not Back Up"), error);
      return;
    }

  reload_backups (self);
  toast (self, _("Backed up"));
}

static void
backup_clicked_cb (ClosenessDataGroup *self)
{
  if (self->busy || self->store == NULL)
    return;

  set_busy (self, TRUE);
  closeness_store_backup_now_async (self->store, self->cancellable, backup_done_cb,
                                    g_object_ref (self));
}

static void
restore_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ClosenessDataGroup) self = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);

  if (!closeness_store_restore_backup_finish (CLOSENESS_STORE (object), result, &error))
    {
      show_failure (self, _("Could Not Restore the Backup"), error);
      return;
    }

  reload_backups (self);
  toast (self, _("Backup restored"));
}

static void
restore_response_cb (AdwMessageDialog   *dialog,
                     const char         *response,
                     ClosenessDataGroup *self)
{
  ClosenessBackup *backup = g_object_get_data (G_OBJECT (dialog), "backup");

  if (!g_str_equal (response, "restore") || self->busy)
    return;

  set_busy (self, TRUE);
  closeness_store_restore_backup_async (self->store, backup, self->cancellable,
                                        restore_done_cb, g_object_ref (self));
}

/**
 * closeness_data_group_restore:
 *
 * Asks whether to restore @backup, then restores it.
 */
void
closeness_data_group_restore (ClosenessDataGroup *self,
                              ClosenessBackup    *backup)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *label = closeness_format_backup_label (backup);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  g_return_if_fail (CLOSENESS_IS_DATA_GROUP (self));
  g_return_if_fail (CLOSENESS_IS_BACKUP (backup));

  if (ask_to_save_waiting_changes (self, NULL, backup))
    return;

  /* Translators: %s is the date of a backup. */
  body = g_strdup_printf (_("Everything will go back to how it was on %s. What you have now "
                            "is backed up first, so you can return to it."), label);
  dialog =
    ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                _("Restore This Backup?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup", g_object_ref (backup), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_clicked_cb (ClosenessDataGroup *self)
{
  GObject *backup = adw_combo_row_get_selected_item (self->restore_row);

  if (backup != NULL)
    closeness_data_group_restore (self, CLOSENESS_BACKUP (backup));
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ClosenessDataGroup) self = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);

  if (!closeness_store_export_finish (CLOSENESS_STORE (object), result, &error))
    {
      show_failure (self, _("Could Not Export"), error);
      return;
    }

  toast (self, _("Exported. The file is private: only you can read it."));
}

void
closeness_data_group_export_to (ClosenessDataGroup *self,
                                GFile              *file)
{
  g_return_if_fail (CLOSENESS_IS_DATA_GROUP (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->busy || self->store == NULL)
    return;

  set_busy (self, TRUE);
  closeness_store_export_async (self->store, file, self->cancellable, export_done_cb,
                                g_object_ref (self));
}

static void
waiting_response_cb (AdwMessageDialog   *dialog,
                     const char         *response,
                     ClosenessDataGroup *self)
{
  g_autoptr(GError) error = NULL;
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");
  ClosenessBackup *backup = g_object_get_data (G_OBJECT (dialog), "backup");

  if (!g_str_equal (response, "retry") || self->store == NULL)
    return;

  /* Still full or read-only: the window's bar goes on saying so. */
  if (!closeness_store_retry_pending (self->store, &error))
    {
      toast (self, error->message);
      return;
    }

  /* Saved: on to what the person asked for, with its own question. */
  if (file != NULL)
    closeness_data_group_import_from (self, file);
  else if (backup != NULL)
    closeness_data_group_restore (self, backup);
}

/* Changes that wait to be saved would land on the wrong rows once the data
 * is replaced: they are saved first (Try Again), or nothing is replaced. */
static gboolean
ask_to_save_waiting_changes (ClosenessDataGroup *self,
                             GFile              *file,
                             ClosenessBackup    *backup)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  guint pending;

  if (self->store == NULL || (pending = closeness_store_get_pending_writes (self->store)) == 0)
    return FALSE;

  dialog =
    ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                _("Save Your Changes First"), NULL));
  adw_message_dialog_format_body (dialog,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "%u change is still waiting to be saved. Save it "
                                               "first; then your data can be replaced.",
                                               "%u changes are still waiting to be saved. Save "
                                               "them first; then your data can be replaced.",
                                               pending),
                                  pending);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "retry", _("_Try Again"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "retry", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "retry");
  adw_message_dialog_set_close_response (dialog, "cancel");
  if (file != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
  if (backup != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "backup", g_object_ref (backup), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (waiting_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ClosenessDataGroup) self = user_data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);

  if (!closeness_store_import_finish (CLOSENESS_STORE (object), result, &error))
    {
      show_failure (self, _("Could Not Import"), error);
      return;
    }

  reload_backups (self);
  toast (self, _("Imported"));
}

static void
import_response_cb (AdwMessageDialog   *dialog,
                    const char         *response,
                    ClosenessDataGroup *self)
{
  GFile *file = g_object_get_data (G_OBJECT (dialog), "file");

  if (!g_str_equal (response, "import") || self->busy)
    return;

  set_busy (self, TRUE);
  closeness_store_import_async (self->store, file, self->cancellable, import_done_cb,
                                g_object_ref (self));
}

/**
 * closeness_data_group_import_from:
 *
 * Asks whether to replace everything with @file, then imports it. The store
 * checks the file before anything is replaced.
 */
void
closeness_data_group_import_from (ClosenessDataGroup *self,
                                  GFile              *file)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  g_return_if_fail (CLOSENESS_IS_DATA_GROUP (self));
  g_return_if_fail (G_IS_FILE (file));

  if (ask_to_save_waiting_changes (self, file, NULL))
    return;

  dialog =
    ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                _("Replace Everything With This File?"),
                                                _("Answers, notes, evenings and self-care "
                                                  "logs will be replaced by those in the "
                                                  "file. What you have now is backed up "
                                                  "first, so you can return to it.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "import", _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (import_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
chooser_response_cb (GtkNativeDialog    *chooser,
                     int                 response,
                     ClosenessDataGroup *self)
{
  g_autoptr(GFile) file = NULL;
  gboolean saving =
    gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SAVE;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  g_clear_object (&self->chooser);

  if (file == NULL)
    return;

  if (saving)
    closeness_data_group_export_to (self, file);
  else
    closeness_data_group_import_from (self, file);
}

static void
run_chooser (ClosenessDataGroup   *self,
             GtkFileChooserAction  action)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  gboolean saving = action == GTK_FILE_CHOOSER_ACTION_SAVE;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (saving ? _("Export All Data") : _("Import Data"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               action,
                                               saving ? _("_Export") : _("_Import"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);

  gtk_file_filter_set_name (filter, _("Closeness data"));
  gtk_file_filter_add_pattern (filter, "*.closeness");
  gtk_file_filter_add_mime_type (filter, "application/vnd.sqlite3");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  if (saving)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *day = g_date_time_format (now, "%Y-%m-%d");
      /* Translators: the suggested name of an export file; %s is today's date. */
      g_autofree char *name = g_strdup_printf (_("closeness-%s.closeness"), day);

      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
    }

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_clicked_cb (ClosenessDataGroup *self)
{
  run_chooser (self, GTK_FILE_CHOOSER_ACTION_SAVE);
}

static void
import_clicked_cb (ClosenessDataGroup *self)
{
  run_chooser (self, GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
store_read_only_changed_cb (ClosenessDataGroup *self)
{
  update_sensitivity (self);
}

static void
closeness_data_group_dispose (GObject *object)
{
  ClosenessDataGroup *self = CLOSENESS_DATA_GROUP (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLOSENESS_TYPE_DATA_GROUP);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (closeness_data_group_parent_class)->dispose (object);
}

static void
closeness_data_group_class_init (ClosenessDataGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_data_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Closeness/closeness-data-group.ui");
  gtk_widget_class_bind_template_child (widget_class, ClosenessDataGroup, backup_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessDataGroup, restore_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessDataGroup, export_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessDataGroup, import_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessDataGroup, backup_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessDataGroup, restore_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessDataGroup, export_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessDataGroup, import_button);
  gtk_widget_class_bind_template_callback (widget_class, backup_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, restore_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_clicked_cb);
}

static void
closeness_data_group_init (ClosenessDataGroup *self)
{
  g_autoptr(GtkExpression) expression = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (backup_label_cb),
                                            NULL, NULL);
  adw_combo_row_set_expression (self->restore_row, expression);
  update_sensitivity (self);
}

void
closeness_data_group_set_store (ClosenessDataGroup *self,
                                ClosenessStore     *store)
{
  g_return_if_fail (CLOSENESS_IS_DATA_GROUP (self));

  if (!g_set_object (&self->store, store))
    return;

  if (store != NULL)
    g_signal_connect_object (store, "notify::read-only",
                             G_CALLBACK (store_read_only_changed_cb), self, G_CONNECT_SWAPPED);

  reload_backups (self);
}
