/* closeness-application.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-application"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-application.h"
#include "closeness-preferences-window.h"
#include "closeness-welcome-window.h"
#include "closeness-window.h"

struct _ClosenessApplication
{
  AdwApplication  parent_instance;

  ClosenessStore *store;
  GError         *store_error;
};

G_DEFINE_FINAL_TYPE (ClosenessApplication, closeness_application, ADW_TYPE_APPLICATION)

static const GOptionEntry main_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version of Closeness and quit"), NULL },
  { NULL }
};

/* The store opens on first use, not at startup: the window decides what to
 * show when it cannot open, and --version never touches the disk. */
static gboolean
ensure_store (ClosenessApplication *self)
{
  if (self->store != NULL)
    return TRUE;
  if (self->store_error != NULL)
    return FALSE;

  self->store = closeness_store_new (NULL, &self->store_error);
  if (self->store == NULL)
    {
      g_warning ("Could not open the Closeness database (error code %d)",
                 self->store_error->code);
      return FALSE;
    }

  return TRUE;
}

static GtkWindow *
get_main_window (ClosenessApplication *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  for (const GList *l = windows; l != NULL; l = l->next)
    {
      if (CLOSENESS_IS_WINDOW (l->data))
        return GTK_WINDOW (l->data);
    }

  return NULL;
}

static void
show_store_error (ClosenessApplication *self)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL,
                                                       _("Closeness Cannot Open Your Data"),
                                                       self->store_error->message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_swapped (dialog, "response", G_CALLBACK (gtk_window_destroy), dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
maybe_show_welcome (ClosenessApplication *self,
                    GtkWindow            *window)
{
  g_autofree char *done = closeness_store_dup_state (self->store, "welcome-done");
  ClosenessWelcomeWindow *welcome;

  if (done != NULL || g_getenv ("CLOSENESS_SKIP_WELCOME") != NULL)
    return;

  welcome = closeness_welcome_window_new (self->store);
  gtk_window_set_transient_for (GTK_WINDOW (welcome), window);
  gtk_window_present (GTK_WINDOW (welcome));
}

static void
closeness_application_activate (GApplication *app)
{
  ClosenessApplication *self = CLOSENESS_APPLICATION (app);
  GtkWindow *window;

  window = get_main_window (self);
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (!ensure_store (self))
    {
      show_store_error (self);
      return;
    }

  window = GTK_WINDOW (closeness_window_new (self, self->store));
  gtk_window_present (window);
  maybe_show_welcome (self, window);
}

static int
closeness_application_handle_local_options (GApplication *app,
                                            GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  return G_APPLICATION_CLASS (closeness_application_parent_class)->handle_local_options (app, options);
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  ClosenessApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Close windows first so each saves its state. */
  while (windows != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (windows->data));
      windows = gtk_application_get_windows (GTK_APPLICATION (self));
    }

  g_application_quit (G_APPLICATION (self));
}

static void
preferences_activated_cb (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  ClosenessApplication *self = user_data;
  GtkWindow *parent = get_main_window (self);
  ClosenessPreferencesWindow *prefs;

  if (!ensure_store (self))
    return;

  prefs = closeness_preferences_window_new (self->store);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
shortcuts_activated_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  ClosenessApplication *self = user_data;
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *shortcuts;

  builder = gtk_builder_new_from_resource ("/com/example/Closeness/closeness-shortcuts-window.ui");
  shortcuts = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));
  gtk_window_set_transient_for (shortcuts, get_main_window (self));
  gtk_window_set_application (shortcuts, GTK_APPLICATION (self));
  gtk_window_present (shortcuts);
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ClosenessApplication *self = user_data;
  static const char *developers[] = { "The Closeness developers", NULL };
  static const char *designers[] = { "The Closeness developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", get_main_window (self),
                        "application", self,
                        "application-name", _("Closeness"),
                        "application-icon", APP_ID,
                        "developer-name", _("The Closeness developers"),
                        "version", PACKAGE_VERSION,
                        "website", "https://closeness.example.org/",
                        "issue-url", "https://closeness.example.org/issues",
                        "copyright", "© 2026 The Closeness developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "designers", designers,
                        /* Translators: Replace this with your name, one per line. */
                        "translator-credits", _("translator-credits"),
                        "comments", _("Closeness helps couples talk openly, protect time "
                                      "together and look after themselves and each other. "
                                      "Everything stays on this computer."),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated_cb },
  { "preferences", preferences_activated_cb },
  { "shortcuts", shortcuts_activated_cb },
  { "about", about_activated_cb },
};

static void
closeness_application_startup (GApplication *app)
{
  ClosenessApplication *self = CLOSENESS_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (closeness_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts",
                                         shortcuts_accels);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
closeness_application_dispose (GObject *object)
{
  ClosenessApplication *self = CLOSENESS_APPLICATION (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (closeness_application_parent_class)->dispose (object);
}

static void
closeness_application_finalize (GObject *object)
{
  ClosenessApplication *self = CLOSENESS_APPLICATION (object);

  g_clear_error (&self->store_error);

  G_OBJECT_CLASS (closeness_application_parent_class)->finalize (object);
}

static void
closeness_application_class_init (ClosenessApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = closeness_application_dispose;
  object_class->finalize = closeness_application_finalize;

  app_class->activate = closeness_application_activate;
  app_class->startup = closeness_application_startup;
  app_class->handle_local_options = closeness_application_handle_local_options;
}

static void
closeness_application_init (ClosenessApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
}

ClosenessApplication *
closeness_application_new (void)
{
  return g_object_new (CLOSENESS_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/com/example/Closeness",
                       NULL);
}

/**
 * closeness_application_get_store:
 *
 * Returns: (transfer none) (nullable): the store, opening it on first use;
 *   %NULL when it cannot be opened.
 */
ClosenessStore *
closeness_application_get_store (ClosenessApplication *self)
{
  g_return_val_if_fail (CLOSENESS_IS_APPLICATION (self), NULL);

  ensure_store (self);

  return self->store;
}
