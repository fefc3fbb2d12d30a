/* test-leaving.c: closing or quitting with changes that could not be saved
 * yet asks first, like any GNOME app with unsaved work.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "closeness-application.h"
#include "closeness-test-utils.h"
#include "closeness-window.h"
#include "store/closeness-store-private.h"


static AdwMessageDialog *
wait_for_leave_dialog (void)
{
  AdwMessageDialog *dialog =
    ADW_MESSAGE_DIALOG (closeness_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG));

  g_assert_true (adw_message_dialog_has_response (dialog, "retry"));
  g_assert_true (adw_message_dialog_has_response (dialog, "quit"));
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));

  return dialog;
}

/* The answer was to stay: once everything queued has run, the window is
 * still there. */
static void
assert_window_stays (void)
{
  closeness_test_settle ();
  g_assert_nonnull (closeness_test_find_window (CLOSENESS_TYPE_WINDOW));
}

static void
answer_and_settle (AdwMessageDialog *dialog,
                   const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  closeness_test_wait_for_window_gone (ADW_TYPE_MESSAGE_DIALOG);
  closeness_test_settle ();
}

/* Closing or quitting with changes that could not be saved yet asks first,
 * like any GNOME app with unsaved work; nothing goes silently. */
static void
test_leaving_with_waiting_changes (void)
{
  ClosenessWindow *window = CLOSENESS_WINDOW (closeness_test_open_main_window ());
  ClosenessStore *store = closeness_window_get_store (window);

  closeness_test_make_changes_wait (store);

  gtk_window_close (GTK_WINDOW (window));
  answer_and_settle (wait_for_leave_dialog (), "cancel");
  assert_window_stays ();
  g_assert_cmpuint (closeness_store_get_pending_writes (store), >, 0);

  /* Ctrl+Q asks the same. */
  g_action_group_activate_action (G_ACTION_GROUP (closeness_test_get_app ()), "quit", NULL);
  answer_and_settle (wait_for_leave_dialog (), "cancel");
  assert_window_stays ();

  /* Try Again while the disk is still full: the window stays. */
  gtk_window_close (GTK_WINDOW (window));
  answer_and_settle (wait_for_leave_dialog (), "retry");
  assert_window_stays ();
  g_assert_cmpuint (closeness_store_get_pending_writes (store), >, 0);

  /* Space again: Try Again saves, then the window closes. */
  _closeness_store_set_max_page_count (store, 1073741823);
  gtk_window_close (GTK_WINDOW (window));
  answer_and_settle (wait_for_leave_dialog (), "retry");
  closeness_test_wait_for_window_gone (CLOSENESS_TYPE_WINDOW);
  g_assert_cmpuint (closeness_store_get_pending_writes (store), ==, 0);

  /* Quit Anyway closes with the change given up, as the dialog said. */
  window = CLOSENESS_WINDOW (closeness_test_open_main_window ());
  closeness_test_make_changes_wait (store);
  gtk_window_close (GTK_WINDOW (window));
  answer_and_settle (wait_for_leave_dialog (), "quit");
  closeness_test_wait_for_window_gone (CLOSENESS_TYPE_WINDOW);

  _closeness_store_set_max_page_count (store, 1073741823);
  closeness_store_retry_pending (store, NULL);
  closeness_test_close_all ();
}

/* Ctrl+Q remembers the window's size and page, as the close button does. */
static void
test_quit_remembers_window (void)
{
  ClosenessWindow *window = CLOSENESS_WINDOW (closeness_test_open_main_window ());
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *page = NULL;

  closeness_test_resize (GTK_WINDOW (window), 720, 530);
  closeness_window_set_page (window, CLOSENESS_PAGE_SELFCARE);
  closeness_test_settle ();

  g_action_group_activate_action (G_ACTION_GROUP (closeness_test_get_app ()), "quit", NULL);
  closeness_test_wait_for_window_gone (CLOSENESS_TYPE_WINDOW);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 720);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 530);
  page = g_settings_get_string (settings, "last-page");
  g_assert_cmpstr (page, ==, "selfcare");

  closeness_test_close_all ();
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "last-page");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("CLOSENESS_SKIP_WELCOME", "1", TRUE);

  if (!closeness_test_init_display (&argc, &argv))
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  g_test_add_func ("/window/leaving-with-waiting-changes", test_leaving_with_waiting_changes);
  g_test_add_func ("/window/quit-remembers-window", test_quit_remembers_window);

  return g_test_run ();
}
