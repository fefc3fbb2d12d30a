/* test-devices-prefs.c: Preferences → Your Devices, as a couple pairs computers
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by test-devices-prefs.py, which starts Radicale and a keyring of the
 * test's own, founds the couple on Annika's laptop ("a") with the command
 * line and sets up the account on Samira's ("b", this process's profile).
 * Here Samira uses the window: she sets up, compares numbers, is approved
 * by Annika's laptop, sees that Annika's second laptop ("a2") is for
 * Annika's computers to approve, approves her own second laptop ("b2")
 * on screen and removes it again. Every command the window runs is the real program
 * (CLOSENESS_PROGRAM) with the keyring.
 */

#include <glib/gstdio.h>
#include <string.h>

#include "closeness-test-utils.h"
#include "sync/closeness-couple-view.h"
#include "sync/closeness-devices-prefs-group.h"
#include "sync/closeness-devices-recovery.h"

static ClosenessStore *store;
static char **laptop_dirs;   /* Samira's laptop's XDG_*_HOME, as the script set them */

/* Each test's isolated folders are for GTK; the commands the window runs
 * are Samira's laptop's. */
static void
use_laptop_dirs (void)
{
  const char *kinds[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (laptop_dirs[i] != NULL)
      g_setenv (kinds[i], laptop_dirs[i], TRUE);
}

static gpointer
child (GtkWidget  *group,
       const char *name)
{
  return gtk_widget_get_template_child (group, CLOSENESS_TYPE_DEVICES_PREFS_GROUP, name);
}

/* `closeness ARGV…` on laptop @profile (a folder under the test's root),
 * with @input on its standard input; what it printed, and whether it
 * exited with 0. */
static char *
run_with_input (const char         *profile,
                const char         *input,
                const char * const *argv,
                gboolean           *ok)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                               | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  const char *root = g_getenv ("CLOSENESS_TEST_ROOT");
  const char *kinds[] = { "DATA", "CONFIG", "CACHE", "STATE" };
  char *out = NULL;

  g_assert_nonnull (root);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *name = g_strdup_printf ("XDG_%s_HOME", kinds[i]);
      g_autofree char *lower = g_ascii_strdown (kinds[i], -1);
      g_autofree char *path = g_build_filename (root, profile, lower, NULL);

      g_subprocess_launcher_setenv (launcher, name, path, TRUE);
    }
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_ptr_array_add (args, (gpointer) g_getenv ("CLOSENESS_PROGRAM"));
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  child = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, input, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  *ok = g_subprocess_get_if_exited (child) && g_subprocess_get_exit_status (child) == 0;

  return out;
}

/* `closeness ARGS…` on laptop @profile, which must succeed. */
static char *
run_as (const char *profile,
        const char *first_arg,
        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;
  gboolean ok;
  char *out;

  va_start (args, first_arg);
  for (arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  out = run_with_input (profile, NULL, (const char * const *) argv->pdata, &ok);
  if (!ok)
    g_error ("closeness %s on %s failed: %s", first_arg, profile, out);

  return out;
}

/* The number a command printed on its last line, or after "as ". */
static char *
number_in (const char *text)
{
  g_autoptr(GRegex) regex = g_regex_new ("\\d{4}( \\d{4}){5}", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (!g_regex_match (regex, text, 0, &match))
    return NULL;

  return g_match_info_fetch (match, 0);
}

static gboolean
idle_cond (gpointer user_data)
{
  return gtk_widget_get_sensitive (child (user_data, "setup_button")) &&
         !gtk_widget_get_visible (child (user_data, "spinner"));
}

static void
wait_idle (GtkWidget *group)
{
  closeness_test_wait_until (idle_cond, group, "the command to finish");
}

/* The rows the group shows for devices and requests, in order. */
static GPtrArray *
device_rows (GtkWidget *group)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *first = gtk_widget_get_parent (child (group, "add_row"));

  for (GtkWidget *row = gtk_widget_get_first_child (first); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (row == child (group, "add_row") || row == child (group, "recovery_row") ||
          !gtk_widget_get_visible (row) || !ADW_IS_ACTION_ROW (row) ||
          row == child (group, "partner_row") || row == child (group, "setup_row") ||
          row == child (group, "waiting_row") || row == child (group, "number_row") ||
          row == child (group, "approved_row") || row == child (group, "removed_row"))
        continue;
      g_ptr_array_add (rows, row);
    }

  return rows;
}

static GtkWidget *
find_row (GtkWidget  *group,
          const char *text)
{
  g_autoptr(GPtrArray) rows = device_rows (group);

  for (guint i = 0; i < rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (rows, i);

      if (strstr (adw_action_row_get_subtitle (row), text) != NULL ||
          strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), text) != NULL)
        return GTK_WIDGET (row);
    }

  return NULL;
}

typedef struct
{
  GtkWidget  *group;
  const char *text;
} Finding;

static gboolean
row_shown_cond (gpointer user_data)
{
  Finding *finding = user_data;

  return find_row (finding->group, finding->text) != NULL;
}

static gboolean
row_gone_cond (gpointer user_data)
{
  Finding *finding = user_data;

  return idle_cond (finding->group) && find_row (finding->group, finding->text) == NULL;
}

static GtkWidget *
find_button (GtkWidget *row)
{
  GtkWidget *found = NULL;

  for (GtkWidget *widget = row; widget != NULL && found == NULL;)
    {
      if (GTK_IS_BUTTON (widget) && widget != row)
        found = widget;
      else if (gtk_widget_get_first_child (widget) != NULL)
        widget = gtk_widget_get_first_child (widget);
      else
        {
          while (widget != row && gtk_widget_get_next_sibling (widget) == NULL)
            widget = gtk_widget_get_parent (widget);
          widget = widget == row ? NULL : gtk_widget_get_next_sibling (widget);
        }
    }
  return found;
}

/* The request's row became the device's: no longer "asks to join". */
static gboolean
approved_cond (gpointer user_data)
{
  Finding *finding = user_data;
  GtkWidget *row = find_row (finding->group, finding->text);

  return idle_cond (finding->group) && row != NULL
         && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                       "A Computer Asks to Join")
              != 0;
}

static AdwMessageDialog *
wait_for_dialog (void)
{
  return ADW_MESSAGE_DIALOG (closeness_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG));
}

/* Preferences with Your Devices on this laptop's store, shown. */
static GtkWidget *
show_group (GtkWidget **window_out)
{
  GtkWidget *window = adw_preferences_window_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = g_object_new (CLOSENESS_TYPE_DEVICES_PREFS_GROUP, NULL);

  use_laptop_dirs ();
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window), ADW_PREFERENCES_PAGE (page));
  closeness_devices_prefs_group_set_store (CLOSENESS_DEVICES_PREFS_GROUP (group), store, NULL);
  gtk_window_present (GTK_WINDOW (window));
  closeness_test_wait_for_drawn (group);
  *window_out = window;

  return group;
}

/* Samira sets up her laptop: the window asks to join the couple Annika's
 * laptop founded and shows the number to compare; Annika approves that
 * number; Check Again shows which computer approved (Annika's number);
 * the list shows both laptops, who uses them, Annika's last seen. */
static void
test_join_approve_remove (void)
{
  GtkWidget *window = NULL;
  GtkWidget *group;
  g_autofree char *approved = NULL;
  g_autofree char *a_number = NULL;
  g_autofree char *b_number = NULL;
  g_autofree char *a2_number = NULL;
  g_autofree char *b2_number = NULL;
  g_autofree char *recovery = NULL;
  g_autofree char *asked = NULL;
  g_autofree char *synced = NULL;
  g_autofree char *body = NULL;
  g_autoptr(ClosenessCoupleView) view = NULL;
  Finding annika, request;
  AdwMessageDialog *dialog;
  GtkWidget *row;

  group = show_group (&window);

  /* Set up, as the second partner. */
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_true (gtk_widget_get_visible (child (group, "setup_row")));
  g_assert_false (gtk_widget_get_visible (child (group, "recovery_row")));
  g_assert_cmpstr (gtk_string_list_get_string (child (group, "partner_names"), 1), ==, "Samira");
  adw_combo_row_set_selected (child (group, "partner_row"), 1);
  g_signal_emit_by_name (child (group, "setup_button"), "clicked");
  closeness_test_wait_for_visible (child (group, "number_row"), TRUE);
  wait_idle (group);
  g_assert_true (gtk_widget_get_visible (child (group, "waiting_row")));
  g_assert_false (gtk_widget_get_visible (child (group, "setup_row")));
  b_number = number_in (gtk_label_get_label (child (group, "number_label")));
  g_assert_nonnull (b_number);
  view = closeness_couple_view_load (store);
  g_assert_cmpint (view->partner, ==, CLOSENESS_DEVICE_PARTNER_SECOND);

  /* Not approved yet: Check Again says so. */
  g_signal_emit_by_name (child (group, "check_button"), "clicked");
  wait_idle (group);
  g_assert_true (gtk_widget_get_visible (child (group, "waiting_row")));

  /* Annika's laptop approves the number the window shows. */
  approved = run_as ("a", "--approve-device", b_number, NULL);
  a_number = number_in (approved);
  g_assert_nonnull (a_number);
  g_signal_emit_by_name (child (group, "check_button"), "clicked");
  closeness_test_wait_for_visible (child (group, "approved_row"), TRUE);
  wait_idle (group);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (child (group, "approved_row")), a_number));
  g_assert_false (gtk_widget_get_visible (child (group, "waiting_row")));
  g_assert_true (gtk_widget_get_visible (child (group, "recovery_row")));
  g_signal_emit_by_name (child (group, "approved_button"), "clicked");
  g_assert_false (gtk_widget_get_visible (child (group, "approved_row")));

  /* A recovery code for Samira: shown once, with Print. */
  g_signal_emit_by_name (child (group, "recovery_button"), "clicked");
  dialog = wait_for_dialog ();
  g_assert_true (adw_message_dialog_has_response (dialog, "partner-2"));
  g_assert_false (adw_message_dialog_has_response (dialog, "partner-1"));
  adw_message_dialog_response (dialog, "partner-2");
  gtk_window_destroy (GTK_WINDOW (dialog));
  closeness_test_wait_for_window_gone (ADW_TYPE_MESSAGE_DIALOG);
  dialog = wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Your Recovery Code");
  {
    g_autoptr(GRegex) code =
      g_regex_new ("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}", 0, 0, NULL);

    g_autoptr(GMatchInfo) match = NULL;
    g_autofree char *shown = NULL;
    g_autofree char *pdf = g_build_filename (g_get_tmp_dir (), "closeness-recovery-test.pdf", NULL);
    g_autofree char *text = NULL;
    g_autoptr(GError) error = NULL;
    const char *pdftotext[] = { "pdftotext", "-layout", pdf, "-", NULL };

    g_assert_true (g_regex_match (code, adw_message_dialog_get_body (dialog), 0, &match));
    shown = g_match_info_fetch (match, 0);
    recovery = g_strdup (shown);
    /* The printed page holds the code and says what it is for. */
    g_assert_true (closeness_devices_recovery_export (shown, pdf, &error));
    g_assert_no_error (error);
    if (g_spawn_sync (NULL, (char **) pdftotext, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text, NULL,
                      NULL, NULL))
      {
        g_assert_nonnull (strstr (text, shown));
        g_assert_nonnull (strstr (text, "Closeness Recovery Code"));
      }
    if (g_getenv ("CLOSENESS_TEST_OUTPUT") == NULL)
      g_unlink (pdf);
  }
  g_assert_true (adw_message_dialog_has_response (dialog, "print"));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  closeness_test_wait_for_window_gone (ADW_TYPE_MESSAGE_DIALOG);
  wait_idle (group);
  g_assert_nonnull (find_row (group, "Recovery Code of Samira"));

  /* Both laptops, with who uses them; Annika's was seen when it synced. */
  annika = (Finding) { group, a_number };
  closeness_test_wait_until (row_shown_cond, &annika, "Annika's laptop in the list");
  row = find_row (group, a_number);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Used by Annika"));
  g_assert_nonnull (
    strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Last seen today at"));
  row = find_row (group, b_number);
  g_assert_nonnull (row);
  g_assert_nonnull (
    strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Used by Samira · This computer"));

  /* Annika's second laptop asks to join: only her computers may let it in,
   * and the row says so instead of offering Approve. Samira's second
   * laptop asks too. Reopening shows both requests. */
  asked = run_as ("a2", "--join", "--partner", "1", NULL);
  a2_number = number_in (asked);
  g_free (asked);
  asked = run_as ("b2", "--join", "--partner", "2", NULL);
  b2_number = number_in (asked);
  g_assert_nonnull (a2_number);
  g_assert_nonnull (b2_number);
  gtk_widget_set_visible (window, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  request = (Finding) { group, b2_number };
  closeness_test_wait_until (row_shown_cond, &request, "the requests in the list");
  wait_idle (group);
  row = find_row (group, a2_number);
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            "Annika approves it on one of their own computers"));
  g_assert_null (find_button (row));
  row = find_row (group, b2_number);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "A Computer Asks to Join");

  /* Approve…: the dialog shows the number to compare; Cancel does nothing. */
  g_signal_emit_by_name (find_button (row), "clicked");
  dialog = wait_for_dialog ();
  body = g_strdup (adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (body, b2_number));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  closeness_test_wait_for_window_gone (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_true (idle_cond (group));
  g_assert_cmpstr (adw_preferences_row_get_title (
                     ADW_PREFERENCES_ROW (find_row (group, b2_number))),
                   ==, "A Computer Asks to Join");
  g_signal_emit_by_name (find_button (find_row (group, b2_number)), "clicked");
  dialog = wait_for_dialog ();
  adw_message_dialog_response (dialog, "approve");
  gtk_window_destroy (GTK_WINDOW (dialog));
  closeness_test_wait_until (approved_cond, &request, "the request answered");

  /* The second laptop names Samira's as the one that approved it. */
  synced = run_as ("b2", "--sync", NULL);
  g_assert_nonnull (strstr (synced, b_number));

  /* Remove it: the dialog names it; afterwards it is told so. */
  g_signal_emit_by_name (find_button (find_row (group, b2_number)), "clicked");
  dialog = wait_for_dialog ();
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_heading (dialog), "Remove “"));
  adw_message_dialog_response (dialog, "remove");
  gtk_window_destroy (GTK_WINDOW (dialog));
  closeness_test_wait_until (row_gone_cond, &request, "the second laptop gone from the list");
  g_free (synced);
  synced = run_as ("b2", "--sync", NULL);
  g_assert_nonnull (strstr (synced, "was removed"));
  g_assert_nonnull (find_row (group, a_number));

  /* Separating: Samira's recovery code removed here no longer brings
   * anything back on a new computer. */
  request = (Finding) { group, "Recovery Code of Samira" };
  g_signal_emit_by_name (find_button (find_row (group, "Recovery Code of Samira")), "clicked");
  dialog = wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove This Recovery Code?");
  adw_message_dialog_response (dialog, "remove");
  gtk_window_destroy (GTK_WINDOW (dialog));
  closeness_test_wait_until (row_gone_cond, &request, "the recovery code gone from the list");
  {
    const char *recover[] = { "--recover", NULL };
    g_autofree char *input = g_strconcat (recovery, "\n", NULL);
    g_autofree char *refused = NULL;
    gboolean ok = TRUE;

    refused = run_with_input ("b3", input, recover, &ok);
    g_assert_false (ok);
    g_assert_nonnull (strstr (refused, "no longer works"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
not_joined_cond (gpointer user_data)
{
  return idle_cond (user_data) && gtk_widget_get_visible (child (user_data, "use_code_row"));
}

static gboolean
member_cond (gpointer user_data)
{
  Finding finding = { user_data, "This computer" };

  return idle_cond (user_data) && row_shown_cond (&finding) &&
         !gtk_widget_get_visible (child (user_data, "use_code_row"));
}

/* Types @code in the Use Code dialog and uses it. */
static void
use_code (GtkWidget  *group,
          const char *code)
{
  AdwMessageDialog *dialog;
  GtkEditable *entry;

  g_signal_emit_by_name (child (group, "use_code_button"), "clicked");
  dialog = wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Use a Recovery Code?");
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "use"));
  gtk_editable_set_text (entry, code);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "use"));
  adw_message_dialog_response (dialog, "use");
  gtk_window_destroy (GTK_WINDOW (dialog));
  closeness_test_wait_for_window_gone (ADW_TYPE_MESSAGE_DIALOG);
}

/* A new laptop of Samira's, with no other computer of hers at hand: a
 * mistyped code is refused in plain words and changes nothing; her code
 * makes the laptop one of the couple's, and its first sync brings back
 * the names. */
static void
test_use_code (void)
{
  GtkWidget *window = NULL;
  GtkWidget *group;
  g_autofree char *code = NULL;
  g_autofree char *mistyped = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessPartner) annika = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *row;

  g_assert_true (g_file_get_contents (g_getenv ("CLOSENESS_TEST_CODE_FILE"), &code, NULL, &error));
  g_assert_no_error (error);
  g_strstrip (code);
  mistyped = g_strdup (code);
  mistyped[2] = mistyped[2] == 'U' ? 'V' : 'U';   /* never in a code */

  /* Connected in Preferences: the calendar syncs, the rest waits ("ask"). */
  g_assert_true (closeness_store_set_sync_state (store, "couple", "ask", &error));
  group = show_group (&window);
  g_assert_true (gtk_widget_get_visible (child (group, "use_code_row")));

  use_code (group, mistyped);
  dialog = wait_for_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Recovery Code Not Accepted");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "mistyped"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  closeness_test_wait_for_window_gone (ADW_TYPE_MESSAGE_DIALOG);
  closeness_test_wait_until (not_joined_cond, group, "the group as it was");
  g_assert_true (gtk_widget_get_visible (child (group, "setup_row")));
  /* Still waiting for Set Up: a refused code starts nothing. */
  {
    g_autofree char *wanted = closeness_store_dup_sync_state (store, "couple");

    g_assert_cmpstr (wanted, ==, "ask");
  }

  use_code (group, code);
  closeness_test_wait_until (member_cond, group,
                             "this laptop in the list of the couple's computers");
  row = find_row (group, "This computer");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Used by Samira"));
  g_assert_false (gtk_widget_get_visible (child (group, "setup_row")));
  {
    g_autofree char *wanted = closeness_store_dup_sync_state (store, "couple");

    g_assert_null (wanted);
  }
  annika = g_list_model_get_item (closeness_store_get_partners (store), 0);
  g_assert_cmpstr (closeness_partner_get_name (annika), ==, "Annika");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path =
    g_build_filename (g_get_user_data_dir (), "closeness", "closeness.db", NULL);
  const char *kinds[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };
  g_auto(GStrv) laptop = g_new0 (char *, G_N_ELEMENTS (kinds) + 1);
  int status;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    laptop[i] = g_strdup (g_getenv (kinds[i]));
  if (!closeness_test_init_display (&argc, &argv))
    return 77;
  laptop_dirs = laptop;
  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  /* The script runs this test twice: as Samira's laptop, then as her new
   * one with a recovery code made meanwhile. */
  if (g_getenv ("CLOSENESS_TEST_CODE_FILE") != NULL)
    g_test_add_func ("/devices-prefs/use-code", test_use_code);
  else
    g_test_add_func ("/devices-prefs/join-approve-remove", test_join_approve_remove);
  status = g_test_run ();
  g_clear_object (&store);

  return status;
}
