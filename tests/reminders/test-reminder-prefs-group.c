/* test-reminder-prefs-group.c: Preferences → Reminders writes what it shows
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-reminders-test"

#include "config.h"

#include <glib/gstdio.h>

#include "../closeness-test-utils.h"
#include "reminders/closeness-autostart.h"
#include "reminders/closeness-reminder-planner.h"
#include "reminders/closeness-reminder-prefs-group.h"

static GtkSwitch *
get_switch (GtkWidget  *group,
            const char *name)
{
  return GTK_SWITCH (
    gtk_widget_get_template_child (group, CLOSENESS_TYPE_REMINDER_PREFS_GROUP, name));
}

static void
test_switches (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "reminders-prefs.db", NULL);
  g_autoptr(ClosenessStore) store = NULL;
  g_autofree char *value = NULL;
  GtkWidget *window;
  GtkWidget *group;
  GStatBuf st;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  store = closeness_store_new (db, &error);
  g_assert_no_error (error);

  group = closeness_reminder_prefs_group_new (store);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), group);
  gtk_window_present (GTK_WINDOW (window));
  closeness_test_wait_for_drawn (window);

  g_assert_true (closeness_reminder_prefs_group_get_store (CLOSENESS_REMINDER_PREFS_GROUP (group))
                 == store);

  /* Defaults: no autostart, not discreet, check-ins on. */
  g_assert_false (gtk_switch_get_active (get_switch (group, "background_switch")));
  g_assert_false (gtk_switch_get_active (get_switch (group, "discreet_switch")));
  g_assert_true (gtk_switch_get_active (get_switch (group, "checkin_switch")));

  gtk_switch_set_active (get_switch (group, "background_switch"), TRUE);
  g_assert_true (closeness_autostart_is_enabled ());
  {
    g_autofree char *path = closeness_autostart_dup_path ();

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  }
  gtk_switch_set_active (get_switch (group, "background_switch"), FALSE);
  g_assert_false (closeness_autostart_is_enabled ());

  gtk_switch_set_active (get_switch (group, "discreet_switch"), TRUE);
  value = closeness_store_dup_state (store, CLOSENESS_STATE_DISCREET_MODE);
  g_assert_cmpstr (value, ==, "true");
  g_clear_pointer (&value, g_free);

  gtk_switch_set_active (get_switch (group, "checkin_switch"), FALSE);
  value = closeness_store_dup_state (store, CLOSENESS_STATE_CHECKIN_REMINDERS);
  g_assert_cmpstr (value, ==, "false");

  /* A new group shows what is saved. */
  gtk_window_destroy (GTK_WINDOW (window));
  group = closeness_reminder_prefs_group_new (store);
  g_object_ref_sink (group);
  g_assert_true (gtk_switch_get_active (get_switch (group, "discreet_switch")));
  g_assert_false (gtk_switch_get_active (get_switch (group, "checkin_switch")));
  g_object_unref (group);
}

int
main (int   argc,
      char *argv[])
{
  if (!closeness_test_init_display (&argc, &argv))
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  g_test_add_func ("/reminders/prefs-group/switches", test_switches);

  return g_test_run ();
}
