/* reminder-service-harness.c: a tiny GApplication around the reminder
 * service, run as `reminder-service-harness --gapplication-service` by the
 * notification tests, the way `closeness --gapplication-service` runs it.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-reminders-test"

#include "config.h"

#include "reminders/closeness-reminder-service.h"

#define HARNESS_APP_ID "com.example.Closeness.ReminderHarness"

static ClosenessStore *store;
static ClosenessReminderService *service;

static void
open_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  g_print ("%s %" G_GINT64_FORMAT "\n", g_action_get_name (G_ACTION (action)),
           g_variant_get_int64 (parameter));
}

static void
startup_cb (GApplication *app,
            gpointer      user_data)
{
  const GActionEntry entries[] = {
    { "open-event", open_activated_cb, "x" },
    { "open-activity", open_activated_cb, "x" },
  };
  g_autoptr(GError) error = NULL;

  store = closeness_store_new (NULL, &error);
  if (store == NULL)
    {
      g_printerr ("Cannot open the store: %s\n", error->message);
      return;
    }

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  service = closeness_reminder_service_new (app, store);
  closeness_reminder_service_add_actions (service, G_ACTION_MAP (app));
}

static void
shutdown_cb (GApplication *app,
             gpointer      user_data)
{
  g_clear_object (&service);
  g_clear_object (&store);
}

static void
activate_cb (GApplication *app,
             gpointer      user_data)
{
  /* No window in this harness: a normal start just keeps running. */
  g_application_hold (app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GApplication) app = NULL;

  app = g_application_new (HARNESS_APP_ID, G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "startup", G_CALLBACK (startup_cb), NULL);
  g_signal_connect (app, "shutdown", G_CALLBACK (shutdown_cb), NULL);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (app, argc, argv);
}
