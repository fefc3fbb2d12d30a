/* closeness-preferences-window.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-data-group.h"
#include "closeness-partner-group.h"
#include "closeness-preferences-window.h"
#include "closeness-application.h"
#include "sync/closeness-devices-prefs-group.h"
#include "sync/closeness-sync-prefs-group.h"
#include "conversations/closeness-conversations-prefs-group.h"
#include "reminders/closeness-reminder-prefs-group.h"
#include "resources/closeness-article-library.h"

struct _ClosenessPreferencesWindow
{
  AdwPreferencesWindow   parent_instance;

  ClosenessStore        *store;

  ClosenessPartnerGroup *partner_group;
  ClosenessDataGroup    *data_group;
  ClosenessSyncPrefsGroup *sync_group;
  ClosenessDevicesPrefsGroup *devices_group;
  ClosenessConversationsPrefsGroup *conversations_group;
  ClosenessReminderPrefsGroup      *reminder_group;
  AdwActionRow                     *safety_row;
};

G_DEFINE_FINAL_TYPE (ClosenessPreferencesWindow,
                     closeness_preferences_window,
                     ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
clear_initial_focus_cb (gpointer user_data)
{
  gtk_window_set_focus (GTK_WINDOW (user_data), NULL);

  return G_SOURCE_REMOVE;
}

static void
safety_row_activated_cb (ClosenessPreferencesWindow *self,
                         AdwActionRow               *row)
{
  /* The article shows in the main window, behind this modal one. */
  if (gtk_widget_activate_action (GTK_WIDGET (self), "app.open-article", "s",
                                  CLOSENESS_ARTICLE_SAFETY_NOTE))
    gtk_window_close (GTK_WINDOW (self));
}

/* Opening Preferences must not put the cursor in a name with its text
 * selected, where one keystroke would replace it. */
static void
closeness_preferences_window_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (closeness_preferences_window_parent_class)->map (widget);

  g_idle_add_full (G_PRIORITY_DEFAULT, clear_initial_focus_cb, g_object_ref (widget),
                   g_object_unref);
}

static void
closeness_preferences_window_constructed (GObject *object)
{
  ClosenessPreferencesWindow *self = CLOSENESS_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (closeness_preferences_window_parent_class)->constructed (object);

  closeness_partner_group_set_store (self->partner_group, self->store);
  closeness_data_group_set_store (self->data_group, self->store);
  closeness_conversations_prefs_group_set_store (self->conversations_group, self->store);
  closeness_reminder_prefs_group_set_store (self->reminder_group, self->store);
  {
    GApplication *app = g_application_get_default ();
    ClosenessSyncScheduler *scheduler = CLOSENESS_IS_APPLICATION (app)
      ? closeness_application_get_sync_scheduler (CLOSENESS_APPLICATION (app)) : NULL;

    closeness_sync_prefs_group_set_store (self->sync_group, self->store, scheduler);
    closeness_devices_prefs_group_set_store (self->devices_group, self->store, scheduler);
    g_signal_connect_object (self->sync_group, "account-changed",
                             G_CALLBACK (closeness_devices_prefs_group_refresh),
                             self->devices_group, G_CONNECT_SWAPPED);
  }
}

static void
closeness_preferences_window_dispose (GObject *object)
{
  ClosenessPreferencesWindow *self = CLOSENESS_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLOSENESS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (closeness_preferences_window_parent_class)->dispose (object);
}

static void
closeness_preferences_window_get_property (GObject    *object,
                                           guint       prop_id,
                                           GValue     *value,
                                           GParamSpec *pspec)
{
  ClosenessPreferencesWindow *self = CLOSENESS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_preferences_window_set_property (GObject      *object,
                                           guint         prop_id,
                                           const GValue *value,
                                           GParamSpec   *pspec)
{
  ClosenessPreferencesWindow *self = CLOSENESS_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_preferences_window_class_init (ClosenessPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = closeness_preferences_window_constructed;
  object_class->dispose = closeness_preferences_window_dispose;
  object_class->get_property = closeness_preferences_window_get_property;
  object_class->set_property = closeness_preferences_window_set_property;

  widget_class->map = closeness_preferences_window_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLOSENESS_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CLOSENESS_TYPE_PARTNER_GROUP);
  g_type_ensure (CLOSENESS_TYPE_DATA_GROUP);
  g_type_ensure (CLOSENESS_TYPE_CONVERSATIONS_PREFS_GROUP);
  g_type_ensure (CLOSENESS_TYPE_REMINDER_PREFS_GROUP);
  g_type_ensure (CLOSENESS_TYPE_SYNC_PREFS_GROUP);
  g_type_ensure (CLOSENESS_TYPE_DEVICES_PREFS_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Closeness/closeness-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ClosenessPreferencesWindow, partner_group);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPreferencesWindow, data_group);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPreferencesWindow, sync_group);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPreferencesWindow, devices_group);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPreferencesWindow,
                                        conversations_group);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPreferencesWindow, reminder_group);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPreferencesWindow, safety_row);
  gtk_widget_class_bind_template_callback (widget_class, safety_row_activated_cb);
}

static void
closeness_preferences_window_init (ClosenessPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ClosenessPreferencesWindow *
closeness_preferences_window_new (ClosenessStore *store)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (store), NULL);

  return g_object_new (CLOSENESS_TYPE_PREFERENCES_WINDOW,
                       "store", store,
                       NULL);
}
