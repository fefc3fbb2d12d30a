/* closeness-devices-prefs-group.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences → Your Devices: who uses this computer, setting up the
 * couple's encrypted sync (founding it or asking to join, with this
 * computer's number to compare), the couple's devices with who uses them
 * and when they were last seen, approving a computer that asks to join
 * after comparing its number, removing one, and the recovery code.
 *
 * Every step runs the command line's own command (`closeness --join`,
 * `--approve-device`, …) in a process of its own, as the scheduler runs
 * `--sync`: the network and the keyring never block the window, and the
 * window and the command line cannot disagree. Each command leaves what
 * it learnt in the store (ClosenessCoupleView), which this group shows.
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "closeness-message.h"
#include "closeness-toast.h"
#include "store/closeness-partner-names.h"
#include "sync/closeness-couple-view.h"
#include "sync/closeness-devices-prefs-group.h"
#include "sync/closeness-devices-recovery.h"

struct _ClosenessDevicesPrefsGroup
{
  AdwPreferencesGroup     parent_instance;

  ClosenessStore         *store;
  ClosenessSyncScheduler *scheduler;
  ClosenessPartnerNames  *names;
  GCancellable           *cancellable;
  GSubprocess            *child;
  ClosenessCoupleView    *view;
  GPtrArray              *device_rows;
  gboolean                listed;       /* --devices ran since the group was shown */

  GtkSpinner             *spinner;
  AdwComboRow            *partner_row;
  GtkStringList          *partner_names;
  AdwActionRow           *setup_row;
  GtkButton              *setup_button;
  AdwActionRow           *waiting_row;
  GtkButton              *check_button;
  AdwActionRow           *number_row;
  GtkLabel               *number_label;
  AdwActionRow           *approved_row;
  GtkButton              *approved_button;
  AdwActionRow           *removed_row;
  AdwActionRow           *add_row;
  AdwActionRow           *recovery_row;
  GtkButton              *recovery_button;
  AdwActionRow           *use_code_row;
  GtkButton              *use_code_button;
};

G_DEFINE_FINAL_TYPE (ClosenessDevicesPrefsGroup,
                     closeness_devices_prefs_group,
                     ADW_TYPE_PREFERENCES_GROUP)

typedef void (*CommandDone) (ClosenessDevicesPrefsGroup *self,
                             gboolean                    ok,
                             const char                 *out,
                             const char                 *err);

typedef struct
{
  ClosenessDevicesPrefsGroup *self;
  CommandDone                 done;
} Command;

static void update (ClosenessDevicesPrefsGroup *self);

static void
toast (ClosenessDevicesPrefsGroup *self,
       const char                 *message)
{
  closeness_toast_show_in_preferences (GTK_WIDGET (self), message);
}

/* The last line a command wrote: its result or its reason, in words. */
static char *
last_line (const char *text)
{
  g_autofree char *copy = g_strdup (text != NULL ? text : "");
  g_auto(GStrv) lines = g_strsplit (g_strstrip (copy), "\n", -1);
  guint n = g_strv_length (lines);

  return n > 0 ? g_strdup (g_strstrip (lines[n - 1])) : g_strdup ("");
}

static void
command_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autofree Command *command = user_data;
  g_autoptr(ClosenessDevicesPrefsGroup) self = command->self;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = closeness_sync_command_finish (G_SUBPROCESS (source), result, &out, &err, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->child);
  if (error != NULL)
    err = g_strdup (error->message);

  /* What the command wrote to the store, shown everywhere now. */
  closeness_store_check_for_changes (self->store);
  command->done (self, ok, out, err);
  update (self);
}

/* Runs `closeness ARGS…` with @input (or nothing) on its standard input;
 * @done gets what it printed. One at a time. */
static gboolean
run_command_valist (ClosenessDevicesPrefsGroup  *self,
                    CommandDone                  done,
                    const char                  *input,
                    const char                  *first_arg,
                    va_list                      args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *program = closeness_sync_program_path ();
  Command *command;
  const char *arg;

  if (self->child != NULL || program == NULL)
    return FALSE;

  g_ptr_array_add (argv, g_steal_pointer (&program));
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  g_ptr_array_add (argv, NULL);

  self->child = g_subprocess_newv ((const char * const *) argv->pdata,
                                   G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE
                                     | (input != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE
                                                      : G_SUBPROCESS_FLAGS_NONE),
                                   &error);
  if (self->child == NULL)
    {
      g_warning ("A device command could not start: %s", error->message);
      toast (self, _("Closeness could not start the command for this."));
      return FALSE;
    }
  command = g_new0 (Command, 1);
  command->self = g_object_ref (self);
  command->done = done;
  g_subprocess_communicate_utf8_async (self->child, input, self->cancellable, command_done_cb,
                                       command);
  update (self);

  return TRUE;
}

static gboolean
run_command (ClosenessDevicesPrefsGroup  *self,
             CommandDone                  done,
             const char                  *first_arg,
             ...)
{
  va_list args;
  gboolean started;

  va_start (args, first_arg);
  started = run_command_valist (self, done, NULL, first_arg, args);
  va_end (args);

  return started;
}

/* A secret goes on standard input, never on a command line that every
 * user of the computer can read. */
static gboolean
run_command_with_input (ClosenessDevicesPrefsGroup  *self,
                        CommandDone                  done,
                        const char                  *input,
                        const char                  *first_arg,
                        ...)
{
  va_list args;
  gboolean started;

  va_start (args, first_arg);
  started = run_command_valist (self, done, input, first_arg, args);
  va_end (args);

  return started;
}

static const char *
partner_argument (guint selected)
{
  switch (selected)
    {
    case 0:
      return "1";
    case 1:
      return "2";
    default:
      return "both";
    }
}

static char *
partner_words (ClosenessDevicesPrefsGroup *self,
               ClosenessDevicePartner      partner)
{
  if (partner == CLOSENESS_DEVICE_PARTNER_FIRST || partner == CLOSENESS_DEVICE_PARTNER_SECOND)
    return g_strdup (closeness_partner_names_get (self->names, partner));

  return g_strdup (_("both of you"));
}

/* "Last seen today at 21:14", "… on 12/03/2026", or that it was not yet. */
static char *
last_seen_words (gint64 seen_ms)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) seen = NULL;
  g_autofree char *when = NULL;

  if (seen_ms <= 0)
    return g_strdup (_("Not seen yet"));
  seen = g_date_time_new_from_unix_local (seen_ms / 1000);
  if (seen == NULL)
    return g_strdup (_("Not seen yet"));
  if (g_date_time_get_year (seen) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (seen) == g_date_time_get_day_of_year (now))
    {
      when = g_date_time_format (seen, "%R");
      /* Translators: %s is a time of day, "21:14" */
      return g_strdup_printf (_("Last seen today at %s"), when);
    }
  when = g_date_time_format (seen, "%x");
  /* Translators: %s is a date in the locale's short form */
  return g_strdup_printf (_("Last seen on %s"), when);
}

/* ---- Commands and their answers ------------------------------------------ */

static void
listed_cb (ClosenessDevicesPrefsGroup *self,
           gboolean                    ok,
           const char                 *out,
           const char                 *err)
{
  /* A failure to refresh leaves the last list; the reason shows in
   * Calendar Sync's own status the next time it syncs. */
  if (!ok)
    g_debug ("Listing the devices failed");
}

static void
joined_cb (ClosenessDevicesPrefsGroup *self,
           gboolean                    ok,
           const char                 *out,
           const char                 *err)
{
  g_autofree char *line = last_line (ok ? out : err);

  if (!ok)
    toast (self, line);
}

static void
set_up_cb (ClosenessDevicesPrefsGroup *self,
           gboolean                    ok,
           const char                 *out,
           const char                 *err)
{
  g_autoptr(ClosenessCoupleView) view = closeness_couple_view_load (self->store);
  g_autofree char *line = last_line (ok ? out : err);

  if (ok && view->status == CLOSENESS_COUPLE_STATUS_NOT_JOINED)
    {
      /* The account has a couple already: this computer asks to join it. */
      run_command (self, joined_cb, "--join", "--partner",
                   partner_argument (adw_combo_row_get_selected (self->partner_row)), NULL);
      return;
    }
  if (!ok || view->status == CLOSENESS_COUPLE_STATUS_NONE)
    toast (self, line);
}

static void
checked_cb (ClosenessDevicesPrefsGroup *self,
            gboolean                    ok,
            const char                 *out,
            const char                 *err)
{
  g_autoptr(ClosenessCoupleView) view = closeness_couple_view_load (self->store);

  if (!ok)
    {
      g_autofree char *line = last_line (err);

      toast (self, line);
    }
  else if (view->status == CLOSENESS_COUPLE_STATUS_WAITING)
    toast (self, _("Not approved yet"));
}

static void
acted_cb (ClosenessDevicesPrefsGroup *self,
          gboolean                    ok,
          const char                 *out,
          const char                 *err)
{
  g_autofree char *line = last_line (ok ? out : err);

  toast (self, line);
}

static void
setup_clicked_cb (ClosenessDevicesPrefsGroup *self)
{
  g_autoptr(GError) error = NULL;

  /* Until now the account synced the calendar only ("ask"). */
  if (!closeness_store_set_sync_state (self->store, "couple", NULL, &error))
    {
      toast (self, error->message);
      return;
    }
  run_command (self, set_up_cb, "--sync", "--partner",
               partner_argument (adw_combo_row_get_selected (self->partner_row)), NULL);
}

static void
check_clicked_cb (ClosenessDevicesPrefsGroup *self)
{
  run_command (self, checked_cb, "--sync", NULL);
}

static void
approved_done_cb (ClosenessDevicesPrefsGroup *self)
{
  g_autoptr(GError) error = NULL;

  g_free (self->view->approver);
  self->view->approver = g_strdup ("");
  if (!closeness_couple_view_save (self->view, self->store, &error))
    toast (self, error->message);
  update (self);
}

static void
approve_response_cb (AdwMessageDialog           *dialog,
                     const char                 *response,
                     ClosenessDevicesPrefsGroup *self)
{
  const char *fingerprint = g_object_get_data (G_OBJECT (dialog), "fingerprint");

  if (g_strcmp0 (response, "approve") == 0)
    run_command (self, acted_cb, "--approve-device", fingerprint, NULL);
}

static void
remove_response_cb (AdwMessageDialog           *dialog,
                    const char                 *response,
                    ClosenessDevicesPrefsGroup *self)
{
  const char *fingerprint = g_object_get_data (G_OBJECT (dialog), "fingerprint");

  if (g_strcmp0 (response, "remove") == 0)
    run_command (self, acted_cb, "--remove-device", fingerprint, NULL);
}

static AdwMessageDialog *
ask (ClosenessDevicesPrefsGroup *self,
     const char                 *heading,
     const char                 *body,
     const char                 *fingerprint)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body));

  g_object_set_data_full (G_OBJECT (dialog), "fingerprint", g_strdup (fingerprint), g_free);
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  return dialog;
}

static void
approve_clicked_cb (GtkButton                  *button,
                    ClosenessDevicesPrefsGroup *self)
{
  const char *fingerprint = g_object_get_data (G_OBJECT (button), "fingerprint");
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  /* Translators: %s is the new computer's number, "4821 0937 5512 7730 1186 2049" */
  body = g_strdup_printf (_("Approve only if the new computer shows exactly this number:\n\n%s\n\n"
                            "It will read your answers, notes and self-care."), fingerprint);
  dialog = ask (self, _("Approve This Computer?"), body, fingerprint);
  adw_message_dialog_add_response (dialog, "approve", _("_Approve"));
  adw_message_dialog_set_response_appearance (dialog, "approve", ADW_RESPONSE_SUGGESTED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (approve_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_clicked_cb (GtkButton                  *button,
                   ClosenessDevicesPrefsGroup *self)
{
  const char *fingerprint = g_object_get_data (G_OBJECT (button), "fingerprint");
  const char *name = g_object_get_data (G_OBJECT (button), "name");
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  /* Translators: %s is a computer's name */
  heading = g_strdup_printf (_("Remove “%s”?"), name);
  dialog =
    ask (self, heading,
         _("It will no longer receive answers, notes or self-care, and the keys change so that it "
           "cannot read anything written from now on. What is already on it stays there."),
         fingerprint);
  adw_message_dialog_add_response (dialog, "remove", _("_Remove"));
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
recovery_created_cb (ClosenessDevicesPrefsGroup *self,
                     gboolean                    ok,
                     const char                 *out,
                     const char                 *err)
{
  g_autofree char *code = last_line (ok ? out : err);

  if (!ok)
    {
      toast (self, code);
      return;
    }
  closeness_devices_recovery_show (GTK_WIDGET (self), code);
}

static void
recovery_response_cb (AdwMessageDialog           *dialog,
                      const char                 *response,
                      ClosenessDevicesPrefsGroup *self)
{
  if (g_str_has_prefix (response, "partner-"))
    run_command (self, recovery_created_cb, "--recovery-code", "--partner",
                 response + strlen ("partner-"), NULL);
}

static void
recovery_clicked_cb (ClosenessDevicesPrefsGroup *self)
{
  AdwMessageDialog *dialog;

  dialog =
    ask (self, _("Create a Recovery Code?"),
         _("The code is shown once. Print it or write it down and keep it somewhere safe, away from "
           "your computers. A new code replaces the old one."),
         NULL);
  if (self->view->partner == CLOSENESS_DEVICE_PARTNER_BOTH)
    {
      /* A shared computer holds both partners' keys: a code is one partner's. */
      for (guint slot = 0; slot < 2; slot++)
        {
          g_autofree char *id = g_strdup_printf ("partner-%u", slot + 1);
          /* Translators: %s is a partner's name; a recovery code for them */
          g_autofree char *label =
            g_strdup_printf (_("For %s"), closeness_partner_names_get (self->names, slot));

          adw_message_dialog_add_response (dialog, id, label);
        }
    }
  else
    {
      adw_message_dialog_add_response (dialog, self->view->partner == CLOSENESS_DEVICE_PARTNER_FIRST
                                               ? "partner-1" : "partner-2", _("C_reate"));
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (recovery_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Recovered: the computer is one of the couple's again, and the next sync
 * brings everything back; or the code was not taken, and nothing changed. */
static void
recovered_cb (ClosenessDevicesPrefsGroup *self,
              gboolean                    ok,
              const char                 *out,
              const char                 *err)
{
  g_autofree char *line = last_line (ok ? out : err);
  g_autoptr(GError) error = NULL;

  if (!ok)
    {
      closeness_message_show (GTK_WIDGET (self), _("Recovery Code Not Accepted"), line);
      return;
    }
  toast (self, _("This computer is one of your devices again"));
  /* The account may have synced the calendar only until now ("ask"):
   * answers, notes and self-care sync from now on. */
  if (!closeness_store_set_sync_state (self->store, "couple", NULL, &error))
    toast (self, error->message);
  else
    run_command (self, checked_cb, "--sync", NULL);
}

static void
code_changed_cb (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "use", gtk_editable_get_text (entry)[0] != '\0');
}

static void
use_code_response_cb (AdwMessageDialog           *dialog,
                      const char                 *response,
                      ClosenessDevicesPrefsGroup *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *input = NULL;

  if (g_str_equal (response, "use"))
    {
      g_autofree char *code = g_strdup (gtk_editable_get_text (entry));

      /* One line, whatever was pasted around it. */
      input = g_strconcat (g_strstrip (code), "\n", NULL);
      run_command_with_input (self, recovered_cb, input, "--recover", NULL);
      memset (input, 0, strlen (input));
      memset (code, 0, strlen (code));
    }
  gtk_editable_set_text (entry, "");
}

static void
use_code_clicked_cb (ClosenessDevicesPrefsGroup *self)
{
  AdwMessageDialog *dialog;
  /* Shown as typed, to be checked against the paper group by group. (A
   * GtkPasswordEntry in a message dialog is also left behind by GTK 4.8
   * when the dialog closes.) */
  GtkWidget *entry = gtk_entry_new ();

  dialog =
    ask (self, _("Use a Recovery Code?"),
         _("Type the recovery code one of you printed or wrote down. This computer then becomes one of "
           "your devices without another computer’s approval, and brings back what that partner may "
           "read."),
         NULL);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_input_hints (GTK_ENTRY (entry), GTK_INPUT_HINT_NO_SPELLCHECK
                                                  | GTK_INPUT_HINT_UPPERCASE_CHARS
                                                  | GTK_INPUT_HINT_NO_EMOJI);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Recovery code"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_response (dialog, "use", _("_Use Code"));
  adw_message_dialog_set_response_appearance (dialog, "use", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "use", FALSE);
  adw_message_dialog_set_default_response (dialog, "use");
  g_signal_connect (entry, "changed", G_CALLBACK (code_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (use_code_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* ---- Showing the view ---------------------------------------------------- */

static GtkWidget *
row_button (const char                 *icon_name,
            const char                 *label,
            const char                 *tooltip,
            ClosenessCoupleViewDevice  *device,
            GCallback                   callback,
            ClosenessDevicesPrefsGroup *self)
{
  GtkWidget *button = icon_name != NULL ? gtk_button_new_from_icon_name (icon_name)
                                        : gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_widget_add_css_class (button, icon_name != NULL ? "flat" : "suggested-action");
  g_object_set_data_full (G_OBJECT (button), "fingerprint", g_strdup (device->fingerprint), g_free);
  g_object_set_data_full (G_OBJECT (button), "name", g_strdup (device->name), g_free);
  g_signal_connect_object (button, "clicked", callback, self, 0);

  return button;
}

static GtkWidget *
device_row (ClosenessDevicesPrefsGroup *self,
            ClosenessCoupleViewDevice  *device)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *who = partner_words (self, device->partner);
  g_autofree char *seen = device->is_this_device ? g_strdup (_("This computer"))
                                                 : last_seen_words (device->last_seen_ms);
  g_autofree char *subtitle = NULL;
  const char *name = device->name[0] != '\0' ? device->name : _("Unnamed computer");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* Translators: who uses a device, when it was last seen, its number:
   * "Used by Sam · Last seen today at 21:14\n4821 0937 5512 7730 1186 2049" */
  subtitle = g_strdup_printf (_("Used by %s · %s\n%s"), who, seen, device->fingerprint);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("computer-symbolic"));
  if (!device->is_this_device)
    {
      g_autofree char *tooltip = g_strdup_printf (_("Remove “%s”"), name);

      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button ("user-trash-symbolic", NULL, tooltip, device,
                                             G_CALLBACK (remove_clicked_cb), self));
    }

  return row;
}

static void
remove_code_clicked_cb (GtkButton                  *button,
                        ClosenessDevicesPrefsGroup *self)
{
  const char *fingerprint = g_object_get_data (G_OBJECT (button), "fingerprint");
  AdwMessageDialog *dialog;

  dialog =
    ask (self, _("Remove This Recovery Code?"),
         _("It will no longer bring anything back, and the keys change so that it cannot open "
           "anything written from now on. A new code can be made at any time."),
         fingerprint);
  adw_message_dialog_add_response (dialog, "remove", _("_Remove"));
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A recovery code that still works: whose it is, and how to stop it (a
 * couple that separates removes the other's code with their computers). */
static GtkWidget *
recovery_code_row (ClosenessDevicesPrefsGroup *self,
                   ClosenessCoupleViewDevice  *code)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *who = partner_words (self, code->partner);
  /* Translators: %s is a partner's name */
  g_autofree char *title = g_strdup_printf (_("Recovery Code of %s"), who);
  /* Translators: %s is the recovery code's number (not the code itself) */
  g_autofree char *subtitle =
    g_strdup_printf (_("Works until a new one is made or it is removed\n%s"), code->fingerprint);
  g_autofree char *tooltip = g_strdup_printf (_("Remove the recovery code of %s"), who);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("dialog-password-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button ("user-trash-symbolic", NULL, tooltip, code,
                                         G_CALLBACK (remove_code_clicked_cb), self));

  return row;
}

/* Whether this computer may let @request in: a partner's computers add
 * that partner's, either partner adds the other's first one and anyone a
 * shared one (docs/SYNC.md, "Devices, pairing and recovery"). */
static gboolean
may_approve (ClosenessDevicesPrefsGroup *self,
             ClosenessCoupleViewDevice  *request)
{
  if (request->partner == CLOSENESS_DEVICE_PARTNER_BOTH
      || self->view->partner == CLOSENESS_DEVICE_PARTNER_BOTH
      || request->partner == self->view->partner)
    return TRUE;
  for (guint i = 0; i < self->view->devices->len; i++)
    {
      ClosenessCoupleViewDevice *device = g_ptr_array_index (self->view->devices, i);

      if (device->partner == request->partner)
        return FALSE;
    }

  return TRUE;
}

static GtkWidget *
request_row (ClosenessDevicesPrefsGroup *self,
             ClosenessCoupleViewDevice  *device)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *who = partner_words (self, device->partner);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("A Computer Asks to Join"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("computer-symbolic"));
  if (may_approve (self, device))
    {
      /* Translators: "Used by Sam\n4821 0937 5512 7730 1186 2049" */
      subtitle = g_strdup_printf (_("Used by %s\n%s"), who, device->fingerprint);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (NULL, _("_Approve…"),
                                             _("Compare the numbers and approve"), device,
                                             G_CALLBACK (approve_clicked_cb), self));
    }
  else
    {
      /* Translators: who uses the new computer (twice), its number:
       * "Used by Sam\n4821 0937 …\nSam approves it on one of their own computers" */
      subtitle = g_strdup_printf (_("Used by %s\n%s\n%s approves it on one of their own computers"),
                                  who, device->fingerprint, who);
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

  return row;
}

/* Device rows sit between the state rows and "Add a Computer": the group
 * only appends, so the two last rows move below them each time. */
static void
fill_devices (ClosenessDevicesPrefsGroup *self,
              gboolean                    member)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (self);

  for (guint i = 0; i < self->device_rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (self->device_rows, i));
  g_ptr_array_set_size (self->device_rows, 0);
  if (!member)
    return;

  g_object_ref (self->add_row);
  g_object_ref (self->recovery_row);
  adw_preferences_group_remove (group, GTK_WIDGET (self->add_row));
  adw_preferences_group_remove (group, GTK_WIDGET (self->recovery_row));
  for (guint i = 0; i < self->view->requests->len; i++)
    g_ptr_array_add (self->device_rows,
                     request_row (self, g_ptr_array_index (self->view->requests, i)));
  for (guint i = 0; i < self->view->devices->len; i++)
    g_ptr_array_add (self->device_rows,
                     device_row (self, g_ptr_array_index (self->view->devices, i)));
  for (guint i = 0; i < self->view->recovery_codes->len; i++)
    g_ptr_array_add (self->device_rows,
                     recovery_code_row (self, g_ptr_array_index (self->view->recovery_codes, i)));
  for (guint i = 0; i < self->device_rows->len; i++)
    adw_preferences_group_add (group, g_ptr_array_index (self->device_rows, i));
  adw_preferences_group_add (group, GTK_WIDGET (self->add_row));
  adw_preferences_group_add (group, GTK_WIDGET (self->recovery_row));
  g_object_unref (self->add_row);
  g_object_unref (self->recovery_row);
}

static void
update (ClosenessDevicesPrefsGroup *self)
{
  g_autofree char *server = NULL;
  g_autofree char *wanted = NULL;
  gboolean busy = self->child != NULL;
  ClosenessCoupleStatus status;

  if (self->store == NULL)
    return;

  server = closeness_store_dup_sync_state (self->store, "server");
  wanted = closeness_store_dup_sync_state (self->store, "couple");
  gtk_widget_set_visible (GTK_WIDGET (self), server != NULL && g_strcmp0 (wanted, "off") != 0);

  g_clear_pointer (&self->view, closeness_couple_view_free);
  self->view = closeness_couple_view_load (self->store);
  status = self->view->status;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);

  gtk_widget_set_visible (GTK_WIDGET (self->partner_row),
                          status == CLOSENESS_COUPLE_STATUS_NONE
                            || status == CLOSENESS_COUPLE_STATUS_NOT_JOINED);
  gtk_widget_set_visible (GTK_WIDGET (self->setup_row),
                          status == CLOSENESS_COUPLE_STATUS_NONE
                            || status == CLOSENESS_COUPLE_STATUS_NOT_JOINED);
  adw_action_row_set_subtitle (
    self->setup_row,
    status == CLOSENESS_COUPLE_STATUS_NOT_JOINED
      ? _("Your other computers already sync: this one asks to join them")
      : _("Starts the couple’s keys on this computer, or asks to join the computers already set up"));

  /* Also when no computer of the couple is left to approve this one. */
  gtk_widget_set_visible (GTK_WIDGET (self->use_code_row),
                          status == CLOSENESS_COUPLE_STATUS_NONE
                            || status == CLOSENESS_COUPLE_STATUS_NOT_JOINED
                            || status == CLOSENESS_COUPLE_STATUS_WAITING);
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_row),
                          status == CLOSENESS_COUPLE_STATUS_WAITING);
  adw_action_row_set_subtitle (self->waiting_row,
                               _("On a computer that is already set up, open Preferences → Your Devices, check "
                                 "that it shows the number below, and approve it."));
  gtk_widget_set_visible (GTK_WIDGET (self->number_row), status == CLOSENESS_COUPLE_STATUS_WAITING
                                                           && self->view->fingerprint[0] != '\0');
  gtk_label_set_label (self->number_label, self->view->fingerprint);

  gtk_widget_set_visible (GTK_WIDGET (self->approved_row), status == CLOSENESS_COUPLE_STATUS_MEMBER
                                                            && self->view->approver[0] != '\0');
  if (self->view->approver[0] != '\0')
    {
      /* Translators: %s is the approving computer's number */
      g_autofree char *text =
          g_strdup_printf (_("By the computer showing %s. Check that your other computer shows "
                             "this number for itself in Your Devices."),
                           self->view->approver);

      adw_action_row_set_subtitle (self->approved_row, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->removed_row),
                          status == CLOSENESS_COUPLE_STATUS_REMOVED);
  gtk_widget_set_visible (GTK_WIDGET (self->add_row), status == CLOSENESS_COUPLE_STATUS_MEMBER);
  gtk_widget_set_visible (GTK_WIDGET (self->recovery_row),
                          status == CLOSENESS_COUPLE_STATUS_MEMBER);
  fill_devices (self, status == CLOSENESS_COUPLE_STATUS_MEMBER);

  gtk_widget_set_sensitive (GTK_WIDGET (self->partner_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->setup_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->check_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->recovery_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->use_code_button), !busy);
  for (guint i = 0; i < self->device_rows->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->device_rows, i), !busy);
}

static void
fill_partner_names (ClosenessDevicesPrefsGroup *self)
{
  const char * const *names = closeness_partner_names_get_names (self->names);
  guint selected = adw_combo_row_get_selected (self->partner_row);
  const char *choices[] = { names[0], names[1], _("Both of you"), NULL };

  gtk_string_list_splice (self->partner_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->partner_names)), choices);
  adw_combo_row_set_selected (self->partner_row,
                              selected != GTK_INVALID_LIST_POSITION ? selected : 0);
  update (self);
}

static void
sync_finished_cb (ClosenessDevicesPrefsGroup *self)
{
  update (self);
}

static void
closeness_devices_prefs_group_map (GtkWidget *widget)
{
  ClosenessDevicesPrefsGroup *self = CLOSENESS_DEVICES_PREFS_GROUP (widget);

  GTK_WIDGET_CLASS (closeness_devices_prefs_group_parent_class)->map (widget);

  /* Names and last seen as the server has them now, once per opening. */
  if (!self->listed && self->view != NULL && self->view->status == CLOSENESS_COUPLE_STATUS_MEMBER)
    self->listed = run_command (self, listed_cb, "--devices", NULL);
}

static void
closeness_devices_prefs_group_dispose (GObject *object)
{
  ClosenessDevicesPrefsGroup *self = CLOSENESS_DEVICES_PREFS_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->child);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLOSENESS_TYPE_DEVICES_PREFS_GROUP);
  g_clear_object (&self->names);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (closeness_devices_prefs_group_parent_class)->dispose (object);
}

static void
closeness_devices_prefs_group_finalize (GObject *object)
{
  ClosenessDevicesPrefsGroup *self = CLOSENESS_DEVICES_PREFS_GROUP (object);

  g_clear_pointer (&self->view, closeness_couple_view_free);
  g_clear_pointer (&self->device_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (closeness_devices_prefs_group_parent_class)->finalize (object);
}

static void
closeness_devices_prefs_group_class_init (ClosenessDevicesPrefsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_devices_prefs_group_dispose;
  object_class->finalize = closeness_devices_prefs_group_finalize;
  widget_class->map = closeness_devices_prefs_group_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Closeness/closeness-devices-prefs-group.ui");
  gtk_widget_class_bind_template_child (widget_class, ClosenessDevicesPrefsGroup, spinner);
  gtk_widget_class_bind_template_child (widget_class, ClosenessDevicesPrefsGroup, partner_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessDevicesPrefsGroup, partner_names);
  gtk_widget_class_bind_template_child (widget_class, ClosenessDevicesPrefsGroup, setup_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessDevicesPrefsGroup, setup_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessDevicesPrefsGroup, waiting_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessDevicesPrefsGroup, check_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessDevicesPrefsGroup, number_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessDevicesPrefsGroup, number_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessDevicesPrefsGroup, approved_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessDevicesPrefsGroup, approved_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessDevicesPrefsGroup, removed_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessDevicesPrefsGroup, add_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessDevicesPrefsGroup, recovery_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessDevicesPrefsGroup, recovery_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessDevicesPrefsGroup, use_code_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessDevicesPrefsGroup, use_code_button);
  gtk_widget_class_bind_template_callback (widget_class, setup_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, check_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, approved_done_cb);
  gtk_widget_class_bind_template_callback (widget_class, recovery_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, use_code_clicked_cb);
}

static void
closeness_devices_prefs_group_init (ClosenessDevicesPrefsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->device_rows = g_ptr_array_new ();
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * closeness_devices_prefs_group_set_store:
 * @scheduler: (nullable): the app's sync scheduler, whose syncs bring news
 *   of the devices
 */
void
closeness_devices_prefs_group_set_store (ClosenessDevicesPrefsGroup *self,
                                         ClosenessStore             *store,
                                         ClosenessSyncScheduler     *scheduler)
{
  g_return_if_fail (CLOSENESS_IS_DEVICES_PREFS_GROUP (self));
  g_return_if_fail (CLOSENESS_IS_STORE (store));

  g_set_object (&self->store, store);
  g_set_object (&self->scheduler, scheduler);
  g_clear_object (&self->names);
  self->names = closeness_partner_names_new (closeness_store_get_partners (store));
  g_signal_connect_object (self->names, "notify::names", G_CALLBACK (fill_partner_names), self,
                           G_CONNECT_SWAPPED);
  if (scheduler != NULL)
    g_signal_connect_object (scheduler, "finished", G_CALLBACK (sync_finished_cb), self,
                             G_CONNECT_SWAPPED);
  fill_partner_names (self);
}

/**
 * closeness_devices_prefs_group_refresh:
 *
 * Shows what the store holds now (after Calendar Sync set up or stopped
 * an account).
 */
void
closeness_devices_prefs_group_refresh (ClosenessDevicesPrefsGroup *self)
{
  g_return_if_fail (CLOSENESS_IS_DEVICES_PREFS_GROUP (self));

  update (self);
}
