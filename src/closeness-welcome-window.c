/* closeness-welcome-window.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first-run welcome: asks for the two partners' names and colors.
 * Skipping it is fine; the app works with default names.
 */

#define G_LOG_DOMAIN "closeness-welcome"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-partner-group.h"
#include "closeness-welcome-window.h"

struct _ClosenessWelcomeWindow
{
  AdwWindow              parent_instance;

  ClosenessStore        *store;

  ClosenessPartnerGroup *partner_group;
  GtkButton             *start_button;
  GtkButton             *skip_button;
};

G_DEFINE_FINAL_TYPE (ClosenessWelcomeWindow, closeness_welcome_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
mark_welcome_done (ClosenessWelcomeWindow  *self,
                   GError                 **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);

  return closeness_store_set_state (self->store, "welcome-done", stamp, error);
}

static void
show_error (ClosenessWelcomeWindow *self,
            const GError           *error)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Could Not Save"),
                                                       error->message));
  adw_message_dialog_add_response (dialog, "ok", _("_OK"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
start_clicked_cb (ClosenessWelcomeWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!closeness_partner_group_save (self->partner_group, &error) ||
      !mark_welcome_done (self, &error))
    {
      g_warning ("Could not finish the welcome (error code %d)", error->code);
      show_error (self, error);
      return;
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
skip_clicked_cb (ClosenessWelcomeWindow *self)
{
  g_autoptr(GError) error = NULL;

  /* Skipping keeps the default names; the welcome does not come back.
   * If even that cannot be saved, the welcome simply shows next time. */
  if (!mark_welcome_done (self, &error))
    g_warning ("Could not remember that the welcome was skipped (error code %d)", error->code);

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
closeness_welcome_window_constructed (GObject *object)
{
  ClosenessWelcomeWindow *self = CLOSENESS_WELCOME_WINDOW (object);

  G_OBJECT_CLASS (closeness_welcome_window_parent_class)->constructed (object);

  closeness_partner_group_set_store (self->partner_group, self->store);
  gtk_widget_grab_focus (GTK_WIDGET (self->start_button));
}

static void
closeness_welcome_window_dispose (GObject *object)
{
  ClosenessWelcomeWindow *self = CLOSENESS_WELCOME_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLOSENESS_TYPE_WELCOME_WINDOW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (closeness_welcome_window_parent_class)->dispose (object);
}

static void
closeness_welcome_window_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  ClosenessWelcomeWindow *self = CLOSENESS_WELCOME_WINDOW (object);

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
closeness_welcome_window_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  ClosenessWelcomeWindow *self = CLOSENESS_WELCOME_WINDOW (object);

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
closeness_welcome_window_class_init (ClosenessWelcomeWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = closeness_welcome_window_constructed;
  object_class->dispose = closeness_welcome_window_dispose;
  object_class->get_property = closeness_welcome_window_get_property;
  object_class->set_property = closeness_welcome_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLOSENESS_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CLOSENESS_TYPE_PARTNER_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Closeness/closeness-welcome-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ClosenessWelcomeWindow, partner_group);
  gtk_widget_class_bind_template_child (widget_class, ClosenessWelcomeWindow, start_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessWelcomeWindow, skip_button);
  gtk_widget_class_bind_template_callback (widget_class, start_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, skip_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
closeness_welcome_window_init (ClosenessWelcomeWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

ClosenessWelcomeWindow *
closeness_welcome_window_new (ClosenessStore *store)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (store), NULL);

  return g_object_new (CLOSENESS_TYPE_WELCOME_WINDOW,
                       "store", store,
                       NULL);
}
