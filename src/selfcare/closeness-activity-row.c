/* closeness-activity-row.c: an activity in the list, with "Done today".
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-selfcare"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-activity-row.h"
#include "closeness-selfcare-builtins.h"

struct _ClosenessActivityRow
{
  AdwActionRow       parent_instance;

  ClosenessActivity *activity;
  GtkImage          *icon;
  GtkCheckButton    *checks[2];
  GtkLabel          *labels[2];
};

G_DEFINE_FINAL_TYPE (ClosenessActivityRow, closeness_activity_row, ADW_TYPE_ACTION_ROW)

enum {
  DONE_TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The activity colour is the one colour we set ourselves; the icon on it
 * stays white as in GNOME's own coloured icons. */
void
closeness_selfcare_apply_color (GtkWidget  *widget,
                                const char *color)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  g_autofree char *css = NULL;
  GdkRGBA rgba;
  GtkCssProvider *old;

  if (color == NULL || !gdk_rgba_parse (&rgba, color))
    color = "#6f8396";

  /* The whole look lives here, so the icon reads the same in any window. */
  css = g_strdup_printf (".closeness-activity-icon { background-color: %s; color: white; "
                         "border-radius: 9999px; padding: 6px; }"
                         ".closeness-activity-icon.large { padding: 10px; }", color);
  gtk_css_provider_load_from_data (provider, css, -1);

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  old = g_object_get_data (G_OBJECT (widget), "closeness-color-provider");
  if (old != NULL)
    gtk_style_context_remove_provider (gtk_widget_get_style_context (widget),
                                       GTK_STYLE_PROVIDER (old));
  gtk_style_context_add_provider (gtk_widget_get_style_context (widget),
                                  GTK_STYLE_PROVIDER (provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
G_GNUC_END_IGNORE_DEPRECATIONS

  g_object_set_data_full (G_OBJECT (widget), "closeness-color-provider",
                          g_object_ref (provider), g_object_unref);
}

static void
check_toggled_cb (GtkCheckButton       *check,
                  ClosenessActivityRow *self)
{
  guint slot = check == self->checks[1];

  g_signal_emit (self, signals[DONE_TOGGLED], 0, slot, gtk_check_button_get_active (check));
}

static void
update_title (ClosenessActivityRow *self)
{
  g_autofree char *name = closeness_selfcare_activity_dup_name (self->activity);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), name);
  gtk_image_set_from_icon_name (self->icon, closeness_selfcare_activity_get_icon (self->activity));
  closeness_selfcare_apply_color (GTK_WIDGET (self->icon),
                                  closeness_activity_get_color (self->activity));
}

static void
closeness_activity_row_dispose (GObject *object)
{
  ClosenessActivityRow *self = CLOSENESS_ACTIVITY_ROW (object);

  g_clear_object (&self->activity);

  G_OBJECT_CLASS (closeness_activity_row_parent_class)->dispose (object);
}

static void
closeness_activity_row_class_init (ClosenessActivityRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = closeness_activity_row_dispose;

  /**
   * ClosenessActivityRow::done-toggled:
   * @slot: the partner
   * @done: whether it is now ticked
   */
  signals[DONE_TOGGLED] =
    g_signal_new ("done-toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_BOOLEAN);
}

static void
closeness_activity_row_init (ClosenessActivityRow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  self->icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->icon), "closeness-activity-icon");
  gtk_widget_set_valign (GTK_WIDGET (self->icon), GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (self), GTK_WIDGET (self->icon));

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  for (guint slot = 0; slot < 2; slot++)
    {
      self->checks[slot] = GTK_CHECK_BUTTON (gtk_check_button_new ());
      gtk_widget_set_valign (GTK_WIDGET (self->checks[slot]), GTK_ALIGN_CENTER);
      /* A partner's name can be long: it gives way instead of widening the list. */
      self->labels[slot] = GTK_LABEL (gtk_label_new (NULL));
      gtk_label_set_ellipsize (self->labels[slot], PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (self->labels[slot], 14);
      gtk_label_set_xalign (self->labels[slot], 0);
      gtk_check_button_set_child (self->checks[slot], GTK_WIDGET (self->labels[slot]));
      g_signal_connect (self->checks[slot], "toggled", G_CALLBACK (check_toggled_cb), self);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->checks[slot]));
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), box);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 2);
  /* The title is the activity's name as the couple typed it, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
}

GtkWidget *
closeness_activity_row_new (ClosenessActivity *activity)
{
  ClosenessActivityRow *self;

  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY (activity), NULL);

  self = g_object_new (CLOSENESS_TYPE_ACTIVITY_ROW, NULL);
  self->activity = g_object_ref (activity);
  update_title (self);
  g_signal_connect_object (activity, "notify", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

ClosenessActivity *
closeness_activity_row_get_activity (ClosenessActivityRow *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_ROW (self), NULL);

  return self->activity;
}

/* What the check button of @slot says: "Done today" or a name. */
const char *
closeness_activity_row_get_check_label (ClosenessActivityRow *self,
                                        guint                 slot)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_ROW (self), NULL);
  g_return_val_if_fail (slot <= 1, NULL);

  return gtk_label_get_label (self->labels[slot]);
}

GtkCheckButton *
closeness_activity_row_get_check (ClosenessActivityRow *self,
                                  guint                 slot)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_ROW (self), NULL);
  g_return_val_if_fail (slot <= 1, NULL);

  return self->checks[slot];
}

/**
 * closeness_activity_row_update:
 * @can_log: for each partner, whether their box shows
 * @done_today: for each partner, whether it is ticked
 * @names: the partners' display names
 * @show_names: label the boxes with names (the "Both of You" view)
 */
void
closeness_activity_row_update (ClosenessActivityRow      *self,
                               const ClosenessHabitStats *stats,
                               const gboolean            *can_log,
                               const gboolean            *done_today,
                               const char * const        *names,
                               gboolean                   show_names)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *name = NULL;

  g_return_if_fail (CLOSENESS_IS_ACTIVITY_ROW (self));

  subtitle = closeness_habit_describe_status (closeness_activity_get_goal_kind (self->activity),
                                              stats);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  name = closeness_selfcare_activity_dup_name (self->activity);

  for (guint slot = 0; slot < 2; slot++)
    {
      GtkCheckButton *check = self->checks[slot];
      g_autofree char *label = NULL;

      gtk_widget_set_visible (GTK_WIDGET (check), can_log[slot]);
      g_signal_handlers_block_by_func (check, check_toggled_cb, self);
      gtk_check_button_set_active (check, done_today[slot]);
      g_signal_handlers_unblock_by_func (check, check_toggled_cb, self);

      /* Translators: the check button of one activity in the list */
      gtk_label_set_label (self->labels[slot], show_names ? names[slot] : _("Done today"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (check), show_names ? names[slot] : NULL);
      /* Translators: what a screen reader says for the check button:
       * "Alex: Exercise done today" */
      label = g_strdup_printf (_("%s: %s done today"), names[slot], name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
}
