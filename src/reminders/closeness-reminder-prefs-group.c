/* closeness-reminder-prefs-group.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Preferences → Reminders: the autostart entry for background reminders,
 * discreet mode, and the master switch for self-care check-in reminders.
 */

#define G_LOG_DOMAIN "closeness-reminders"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-autostart.h"
#include "closeness-reminder-planner.h"
#include "closeness-reminder-prefs-group.h"
#include "closeness-toast.h"

struct _ClosenessReminderPrefsGroup
{
  AdwPreferencesGroup  parent_instance;

  ClosenessStore      *store;
  gboolean             syncing;

  /* Template widgets */
  AdwActionRow        *background_row;
  AdwActionRow        *discreet_row;
  AdwActionRow        *checkin_row;
  GtkSwitch           *background_switch;
  GtkSwitch           *discreet_switch;
  GtkSwitch           *checkin_switch;
};

G_DEFINE_FINAL_TYPE (ClosenessReminderPrefsGroup,
                     closeness_reminder_prefs_group,
                     ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
toast (ClosenessReminderPrefsGroup *self,
       const char                  *message)
{
  closeness_toast_show_in_preferences (GTK_WIDGET (self), message);
}

static gboolean
state_is (ClosenessStore *store,
          const char     *key,
          const char     *value)
{
  g_autofree char *stored = closeness_store_dup_state (store, key);

  return g_strcmp0 (stored, value) == 0;
}

static void
set_switch (ClosenessReminderPrefsGroup *self,
            GtkSwitch                   *sw,
            gboolean                     active)
{
  self->syncing = TRUE;
  gtk_switch_set_active (sw, active);
  self->syncing = FALSE;
}

static void
sync_switches (ClosenessReminderPrefsGroup *self)
{
  gboolean have_store = self->store != NULL;

  set_switch (self, self->background_switch, closeness_autostart_is_enabled ());
  set_switch (self, self->discreet_switch,
              have_store && state_is (self->store, CLOSENESS_STATE_DISCREET_MODE, "true"));
  /* Check-in reminders are on unless switched off. */
  set_switch (self, self->checkin_switch,
              !have_store || !state_is (self->store, CLOSENESS_STATE_CHECKIN_REMINDERS, "false"));

  gtk_widget_set_sensitive (GTK_WIDGET (self->discreet_row), have_store);
  gtk_widget_set_sensitive (GTK_WIDGET (self->checkin_row), have_store);
}

static void
save_state (ClosenessReminderPrefsGroup *self,
            GtkSwitch                   *sw,
            const char                  *key)
{
  g_autoptr(GError) error = NULL;
  gboolean active = gtk_switch_get_active (sw);

  if (self->syncing || self->store == NULL)
    return;

  if (!closeness_store_set_state (self->store, key, active ? "true" : "false", &error))
    {
      g_warning ("Could not save a reminder setting (error code %d)", error->code);
      toast (self, error->message);
      set_switch (self, sw, !active);
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "app.background-reminders-changed", NULL);
}

static void
background_switch_active_cb (ClosenessReminderPrefsGroup *self,
                             GParamSpec                  *pspec,
                             GtkSwitch                   *sw)
{
  g_autoptr(GError) error = NULL;
  gboolean active = gtk_switch_get_active (sw);

  if (self->syncing)
    return;

  if (!closeness_autostart_set_enabled (active, &error))
    {
      g_warning ("Could not change the autostart entry (error code %d)", error->code);
      toast (self, error->message);
      set_switch (self, sw, !active);
      return;
    }

  /* The service holds the application while this is on. */
  gtk_widget_activate_action (GTK_WIDGET (self), "app.background-reminders-changed", NULL);
}

static void
discreet_switch_active_cb (ClosenessReminderPrefsGroup *self,
                           GParamSpec                  *pspec,
                           GtkSwitch                   *sw)
{
  save_state (self, sw, CLOSENESS_STATE_DISCREET_MODE);
}

static void
checkin_switch_active_cb (ClosenessReminderPrefsGroup *self,
                          GParamSpec                  *pspec,
                          GtkSwitch                   *sw)
{
  save_state (self, sw, CLOSENESS_STATE_CHECKIN_REMINDERS);
}

static void
closeness_reminder_prefs_group_dispose (GObject *object)
{
  ClosenessReminderPrefsGroup *self = (ClosenessReminderPrefsGroup *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), CLOSENESS_TYPE_REMINDER_PREFS_GROUP);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (closeness_reminder_prefs_group_parent_class)->dispose (object);
}

static void
closeness_reminder_prefs_group_get_property (GObject    *object,
                                             guint       prop_id,
                                             GValue     *value,
                                             GParamSpec *pspec)
{
  ClosenessReminderPrefsGroup *self = CLOSENESS_REMINDER_PREFS_GROUP (object);

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
closeness_reminder_prefs_group_set_property (GObject      *object,
                                             guint         prop_id,
                                             const GValue *value,
                                             GParamSpec   *pspec)
{
  ClosenessReminderPrefsGroup *self = CLOSENESS_REMINDER_PREFS_GROUP (object);

  switch (prop_id)
    {
    case PROP_STORE:
      closeness_reminder_prefs_group_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_reminder_prefs_group_class_init (ClosenessReminderPrefsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_reminder_prefs_group_dispose;
  object_class->get_property = closeness_reminder_prefs_group_get_property;
  object_class->set_property = closeness_reminder_prefs_group_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLOSENESS_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Closeness/closeness-reminder-prefs-group.ui");
  gtk_widget_class_bind_template_child (widget_class, ClosenessReminderPrefsGroup, background_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessReminderPrefsGroup, discreet_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessReminderPrefsGroup, checkin_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessReminderPrefsGroup,
                                        background_switch);
  gtk_widget_class_bind_template_child (widget_class, ClosenessReminderPrefsGroup, discreet_switch);
  gtk_widget_class_bind_template_child (widget_class, ClosenessReminderPrefsGroup, checkin_switch);
  gtk_widget_class_bind_template_callback (widget_class, background_switch_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, discreet_switch_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, checkin_switch_active_cb);
}

static void
closeness_reminder_prefs_group_init (ClosenessReminderPrefsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  sync_switches (self);
}

GtkWidget *
closeness_reminder_prefs_group_new (ClosenessStore *store)
{
  return g_object_new (CLOSENESS_TYPE_REMINDER_PREFS_GROUP, "store", store, NULL);
}

ClosenessStore *
closeness_reminder_prefs_group_get_store (ClosenessReminderPrefsGroup *self)
{
  g_return_val_if_fail (CLOSENESS_IS_REMINDER_PREFS_GROUP (self), NULL);

  return self->store;
}

void
closeness_reminder_prefs_group_set_store (ClosenessReminderPrefsGroup *self,
                                          ClosenessStore              *store)
{
  g_return_if_fail (CLOSENESS_IS_REMINDER_PREFS_GROUP (self));
  g_return_if_fail (store == NULL || CLOSENESS_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  sync_switches (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}
