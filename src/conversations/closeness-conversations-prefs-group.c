/* closeness-conversations-prefs-group.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The intensity both partners agree on, and the desire deck, which each
 * partner chooses with their own switch: it opens only when both did.
 */

#define G_LOG_DOMAIN "closeness-conversations"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-conversation-settings.h"
#include "closeness-conversations-prefs-group.h"
#include "closeness-label-factory.h"

#define N_PARTNERS 2

struct _ClosenessConversationsPrefsGroup
{
  AdwPreferencesGroup            parent_instance;

  ClosenessStore                *store;
  ClosenessConversationSettings *settings;
  ClosenessPartnerNames         *partner_names;  /* follows a rename in Preferences */
  gboolean                       loading;

  AdwComboRow                   *ceiling_row;
  AdwActionRow                  *desire_row;
  GtkLabel                      *desire_state_label;
  AdwActionRow                  *first_desire_row;
  GtkSwitch                     *first_desire_switch;
  AdwActionRow                  *second_desire_row;
  GtkSwitch                     *second_desire_switch;
};

G_DEFINE_FINAL_TYPE (ClosenessConversationsPrefsGroup, closeness_conversations_prefs_group,
                     ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
load_ceiling (ClosenessConversationsPrefsGroup *self)
{
  ClosenessIntensity ceiling = CLOSENESS_INTENSITY_WARM;

  if (self->settings != NULL)
    ceiling = closeness_conversation_settings_get_ceiling (self->settings);

  self->loading = TRUE;
  adw_combo_row_set_selected (self->ceiling_row, ceiling);
  self->loading = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->ceiling_row), self->settings != NULL);
}

static void
ceiling_selected_cb (ClosenessConversationsPrefsGroup *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (self->ceiling_row);

  if (self->loading || self->settings == NULL || selected > CLOSENESS_INTENSITY_SPICY)
    return;

  if (!closeness_conversation_settings_set_ceiling (self->settings, selected, &error))
    {
      g_warning ("Could not save the intensity ceiling: %s", error->message);
      load_ceiling (self);
    }
}

static GtkSwitch *
get_desire_switch (ClosenessConversationsPrefsGroup *self,
                   guint                             slot)
{
  return slot == 0 ? self->first_desire_switch : self->second_desire_switch;
}

static AdwActionRow *
get_desire_row (ClosenessConversationsPrefsGroup *self,
                guint                             slot)
{
  return slot == 0 ? self->first_desire_row : self->second_desire_row;
}

/* Each partner's row carries their name; the switch says whose choice it is
 * to a screen reader as well. */
static void
load_partner_names (ClosenessConversationsPrefsGroup *self)
{
  for (guint slot = 0; slot < N_PARTNERS; slot++)
    {
      g_autofree char *name = NULL;
      g_autofree char *isolated = NULL;
      g_autofree char *label = NULL;

      name = self->partner_names != NULL
             ? g_strdup (closeness_partner_names_get (self->partner_names, slot))
             : closeness_partner_display_name (NULL, slot);
      isolated = closeness_isolate_name (name);
      /* Translators: how a screen reader names a partner's switch for the
       * desire deck; %s is the partner's name. */
      label = g_strdup_printf (_("%s would like the desire deck"), isolated);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (get_desire_row (self, slot)), name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (get_desire_switch (self, slot)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
}

static void
load_desire (ClosenessConversationsPrefsGroup *self)
{
  gboolean open = FALSE;

  self->loading = TRUE;
  for (guint slot = 0; slot < N_PARTNERS; slot++)
    {
      gboolean chosen = self->settings != NULL &&
                        closeness_conversation_settings_get_desire_chosen (self->settings, slot);

      gtk_switch_set_active (get_desire_switch (self, slot), chosen);
      gtk_widget_set_sensitive (GTK_WIDGET (get_desire_row (self, slot)), self->settings != NULL);
    }
  self->loading = FALSE;

  if (self->settings != NULL)
    open = closeness_conversation_settings_get_desire_open (self->settings);

  /* Translators: the state of the desire deck in Preferences. */
  gtk_label_set_text (self->desire_state_label, open ? C_("desire deck", "Open")
                                                     : C_("desire deck", "Closed"));
}

static void
desire_switch_active_cb (ClosenessConversationsPrefsGroup *self,
                         GParamSpec                       *pspec,
                         GtkSwitch                        *button)
{
  g_autoptr(GError) error = NULL;
  guint slot = button == self->first_desire_switch ? 0 : 1;

  if (self->loading || self->settings == NULL)
    return;

  if (!closeness_conversation_settings_set_desire_chosen (self->settings, slot,
                                                          gtk_switch_get_active (button), &error))
    g_warning ("Could not save a choice about the desire deck: %s", error->message);

  load_desire (self);
}

static void
settings_changed_cb (ClosenessConversationsPrefsGroup *self)
{
  load_ceiling (self);
  load_desire (self);
}

static void
closeness_conversations_prefs_group_dispose (GObject *object)
{
  ClosenessConversationsPrefsGroup *self = CLOSENESS_CONVERSATIONS_PREFS_GROUP (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLOSENESS_TYPE_CONVERSATIONS_PREFS_GROUP);

  g_clear_object (&self->settings);
  g_clear_object (&self->partner_names);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (closeness_conversations_prefs_group_parent_class)->dispose (object);
}

static void
closeness_conversations_prefs_group_get_property (GObject    *object,
                                                  guint       prop_id,
                                                  GValue     *value,
                                                  GParamSpec *pspec)
{
  ClosenessConversationsPrefsGroup *self = CLOSENESS_CONVERSATIONS_PREFS_GROUP (object);

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
closeness_conversations_prefs_group_set_property (GObject      *object,
                                                  guint         prop_id,
                                                  const GValue *value,
                                                  GParamSpec   *pspec)
{
  ClosenessConversationsPrefsGroup *self = CLOSENESS_CONVERSATIONS_PREFS_GROUP (object);

  switch (prop_id)
    {
    case PROP_STORE:
      closeness_conversations_prefs_group_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_conversations_prefs_group_class_init (ClosenessConversationsPrefsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_conversations_prefs_group_dispose;
  object_class->get_property = closeness_conversations_prefs_group_get_property;
  object_class->set_property = closeness_conversations_prefs_group_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLOSENESS_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Closeness/closeness-conversations-prefs-group.ui");
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPrefsGroup,
                                        ceiling_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPrefsGroup, desire_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPrefsGroup,
                                        desire_state_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPrefsGroup,
                                        first_desire_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPrefsGroup,
                                        first_desire_switch);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPrefsGroup,
                                        second_desire_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPrefsGroup,
                                        second_desire_switch);
  gtk_widget_class_bind_template_callback (widget_class, ceiling_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, desire_switch_active_cb);
}

static void
closeness_conversations_prefs_group_init (ClosenessConversationsPrefsGroup *self)
{
  /* The row shows the choice with a label that never ellipsizes: the
   * choices are short, and the subtitle wraps around them instead. */
  g_autoptr(GtkListItemFactory) factory = closeness_label_factory_new (CLOSENESS_LABEL_NATURAL, -1);

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_combo_row_set_factory (self->ceiling_row, factory);

  load_ceiling (self);
  load_desire (self);
  load_partner_names (self);
}

GtkWidget *
closeness_conversations_prefs_group_new (ClosenessStore *store)
{
  return g_object_new (CLOSENESS_TYPE_CONVERSATIONS_PREFS_GROUP, "store", store, NULL);
}

void
closeness_conversations_prefs_group_set_store (ClosenessConversationsPrefsGroup *self,
                                               ClosenessStore                   *store)
{
  g_return_if_fail (CLOSENESS_IS_CONVERSATIONS_PREFS_GROUP (self));
  g_return_if_fail (store == NULL || CLOSENESS_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, settings_changed_cb, self);
  if (self->partner_names != NULL)
    g_signal_handlers_disconnect_by_func (self->partner_names, load_partner_names, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->partner_names);
  g_set_object (&self->store, store);

  if (store != NULL)
    {
      self->settings = g_object_ref (closeness_conversation_settings_get_for_store (store));
      g_signal_connect_object (self->settings, "notify::intensity-ceiling",
                               G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "notify::desire-chosen-by",
                               G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
      self->partner_names = closeness_partner_names_new (closeness_store_get_partners (store));
      g_signal_connect_object (self->partner_names, "notify::names",
                               G_CALLBACK (load_partner_names), self, G_CONNECT_SWAPPED);
    }

  load_ceiling (self);
  load_desire (self);
  load_partner_names (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}
