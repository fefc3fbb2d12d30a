/* closeness-activity-editor.c: a new activity, or changes to one.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change is checked as it is typed; the message says what to fix
 * and "Create" (or "Save") stays off until it is fixed, so nothing invalid
 * is saved. An empty name is only pointed out once the person typed one and
 * cleared it, or tried to save: a new form does not open with a scolding.
 */

#define G_LOG_DOMAIN "closeness-selfcare"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "closeness-activity-editor.h"
#include "closeness-activity-row.h"
#include "closeness-selfcare-builtins.h"

struct _ClosenessActivityEditor
{
  AdwWindow          parent_instance;

  GListModel        *activities;
  ClosenessActivity *activity;
  char              *name;

  GtkWidget         *save_button;
  AdwEntryRow       *name_row;
  AdwComboRow       *owner_row;
  AdwActionRow      *private_row;
  GtkSwitch         *private_switch;
  AdwComboRow       *goal_row;
  AdwActionRow      *count_row;
  GtkSpinButton     *count_spin;
  AdwActionRow      *interval_row;
  GtkSpinButton     *interval_spin;
  AdwComboRow       *kind_row;
  AdwEntryRow       *unit_row;
  AdwActionRow      *target_row;
  GtkSpinButton     *target_spin;
  char              *unit;
  GtkFlowBox        *icons;
  GtkFlowBox        *colors;
  GtkLabel          *message;
  gboolean           name_typed;     /* the name had text once */
  gboolean           save_refused;   /* a save was tried while something was wrong */
  gboolean           responded;
};

G_DEFINE_FINAL_TYPE (ClosenessActivityEditor, closeness_activity_editor, ADW_TYPE_WINDOW)

/* The "How Often" choices after the three goal kinds. */
#define GOAL_EVERY_FEW_DAYS 3

enum {
  RESPONSE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
selected_child_name (GtkFlowBox *box)
{
  g_autoptr(GList) selected = gtk_flow_box_get_selected_children (box);

  if (selected == NULL)
    return NULL;

  return g_object_get_data (selected->data, "closeness-value");
}

static void
fill_info (ClosenessActivityEditor *self,
           ClosenessActivityInfo   *info)
{
  guint owner = adw_combo_row_get_selected (self->owner_row);
  guint goal = adw_combo_row_get_selected (self->goal_row);

  g_free (self->name);
  self->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));

  memset (info, 0, sizeof *info);
  info->builtin_key = self->activity != NULL ? closeness_activity_get_builtin_key (self->activity)
                                             : NULL;
  info->name = self->name;
  info->icon = selected_child_name (self->icons);
  info->color = selected_child_name (self->colors);
  info->owner = MIN (owner, CLOSENESS_OWNER_BOTH);
  info->is_private = info->owner != CLOSENESS_OWNER_BOTH &&
                     gtk_switch_get_active (self->private_switch);
  /* The fourth choice, "Every Few Days", is a daily goal with an interval. */
  info->goal_kind = goal == GOAL_EVERY_FEW_DAYS ? CLOSENESS_GOAL_DAILY
                                                : MIN (goal, CLOSENESS_GOAL_MONTHLY);
  info->goal_count = info->goal_kind == CLOSENESS_GOAL_DAILY
                     ? 1 : gtk_spin_button_get_value_as_int (self->count_spin);
  info->interval_days = info->goal_kind == CLOSENESS_GOAL_DAILY ? 1 : 0;
  if (goal == GOAL_EVERY_FEW_DAYS)
    {
      info->interval_days = gtk_spin_button_get_value_as_int (self->interval_spin);
      /* "Every 1 day" is the first choice: below 2 is asked again. */
      if (info->interval_days < 2)
        info->interval_days = -1;
    }

  g_free (self->unit);
  self->unit = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->unit_row))));
  info->kind = adw_combo_row_get_selected (self->kind_row) == 1 ? CLOSENESS_ACTIVITY_MEASURABLE
                                                                : CLOSENESS_ACTIVITY_YES_NO;
  info->unit = info->kind == CLOSENESS_ACTIVITY_MEASURABLE ? self->unit : "";
  info->target = info->kind == CLOSENESS_ACTIVITY_MEASURABLE
                 ? gtk_spin_button_get_value (self->target_spin) : 0;

  /* A built-in keeps its English name unless the couple renames it. */
  if (self->activity != NULL && info->builtin_key != NULL)
    {
      g_autofree char *shown = closeness_selfcare_activity_dup_name (self->activity);

      if (g_str_equal (shown, self->name))
        info->name = closeness_activity_get_name (self->activity);
    }
}

static void
validate (ClosenessActivityEditor *self)
{
  ClosenessActivityInfo info;
  g_autoptr(GError) error = NULL;
  gint64 own_id = self->activity ? closeness_record_get_id (CLOSENESS_RECORD (self->activity)) : 0;
  gboolean valid;
  gboolean both;
  gboolean no_name;
  gboolean tell;

  fill_info (self, &info);
  both = info.owner == CLOSENESS_OWNER_BOTH;
  gtk_widget_set_sensitive (GTK_WIDGET (self->private_row), !both);
  gtk_widget_set_visible (GTK_WIDGET (self->count_row), info.goal_kind != CLOSENESS_GOAL_DAILY);
  gtk_widget_set_visible (GTK_WIDGET (self->interval_row),
                          adw_combo_row_get_selected (self->goal_row) == GOAL_EVERY_FEW_DAYS);
  gtk_widget_set_visible (GTK_WIDGET (self->unit_row), info.kind == CLOSENESS_ACTIVITY_MEASURABLE);
  gtk_widget_set_visible (GTK_WIDGET (self->target_row),
                          info.kind == CLOSENESS_ACTIVITY_MEASURABLE);

  valid = closeness_selfcare_check_activity (self->activities, own_id, &info, &error);
  gtk_widget_set_sensitive (self->save_button, valid);

  /* Anything else that is wrong comes from what the person chose. */
  no_name = g_strcmp0 (self->name, "") == 0;
  tell = !valid && (!no_name || self->name_typed || self->save_refused);

  gtk_label_set_text (self->message, tell ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), tell);

  if (tell && no_name)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
}

static void
changed_cb (ClosenessActivityEditor *self)
{
  validate (self);
}

static void
name_changed_cb (ClosenessActivityEditor *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->name_row)) != '\0')
    self->name_typed = TRUE;
  validate (self);
}

static void
respond (ClosenessActivityEditor *self,
         const char              *response)
{
  if (self->responded)
    return;

  self->responded = TRUE;
  g_signal_emit (self, signals[RESPONSE], 0, response);
}

static void
cancel_clicked_cb (ClosenessActivityEditor *self)
{
  respond (self, "cancel");
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_clicked_cb (ClosenessActivityEditor *self)
{
  closeness_activity_editor_save (self);
}

static gboolean
close_request_cb (ClosenessActivityEditor *self)
{
  respond (self, "cancel");

  return FALSE;
}

static GtkWidget *
new_flow_box (const char *label)
{
  GtkWidget *box = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_SINGLE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (box), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (box), 4);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (box), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  return box;
}

static void
select_value (GtkFlowBox *box,
              const char *value)
{
  GtkFlowBoxChild *first = gtk_flow_box_get_child_at_index (box, 0);

  for (int i = 0;; i++)
    {
      GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (box, i);

      if (child == NULL)
        break;
      if (g_strcmp0 (g_object_get_data (G_OBJECT (child), "closeness-value"), value) == 0)
        {
          gtk_flow_box_select_child (box, child);
          return;
        }
    }

  if (first != NULL)
    gtk_flow_box_select_child (box, first);
}

static void
add_choice (GtkFlowBox *box,
            GtkWidget  *content,
            const char *value,
            const char *label)
{
  GtkWidget *child = gtk_flow_box_child_new ();

  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), content);
  g_object_set_data_full (G_OBJECT (child), "closeness-value", g_strdup (value), g_free);
  gtk_widget_set_tooltip_text (child, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_flow_box_append (box, child);
}

static void
build (ClosenessActivityEditor *self,
       const char * const      *names)
{
  g_autoptr(GtkStringList) owners = NULL;
  g_autoptr(GtkStringList) goals = NULL;
  g_autoptr(GtkStringList) kinds = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_window_title_new (gtk_window_get_title (GTK_WINDOW (self)), NULL);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *goal_group = adw_preferences_group_new ();
  GtkWidget *icon_group, *color_group;
  const char * const *icons;
  const char * const *colors;
  const char * const *color_classes;
  guint n_icons, n_colors, n_classes;
  /* Translators: who an activity is for: one partner, or "Both of you" */
  const char *both_label = _("Both of you");

  owners = gtk_string_list_new ((const char *[]) { names[0], names[1], both_label, NULL });
  goals = gtk_string_list_new ((const char *[]) {
    /* Translators: how often an activity's goal asks for it */
    _("Every day"), _("Times a week"), _("Times a month"),
    /* Translators: how often an activity's goal asks for it: every 2, 3, … days */
    _("Every few days"), NULL });
  kinds = gtk_string_list_new ((const char *[]) {
    /* Translators: what is logged for an activity: ticked as done, or an amount (minutes,
       km, pages) */
    _("Done or not"), _("An amount"), NULL });

  self->save_button = gtk_button_new_with_mnemonic (self->activity != NULL ? _("_Save")
                                                                           : _("_Create"));
  gtk_widget_add_css_class (self->save_button, "suggested-action");
  g_signal_connect_swapped (self->save_button, "clicked", G_CALLBACK (save_clicked_cb), self);
  g_signal_connect_swapped (cancel, "clicked", G_CALLBACK (cancel_clicked_cb), self);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->save_button);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->save_button);

  self->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), _("Name"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->name_row));

  self->owner_row = ADW_COMBO_ROW (adw_combo_row_new ());
  /* Translators: who an activity is for: a partner, or both */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->owner_row), _("For"));
  adw_combo_row_set_model (self->owner_row, G_LIST_MODEL (owners));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->owner_row));

  self->private_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->private_row), _("Private"));
  adw_action_row_set_subtitle (self->private_row, _("Shown only in its owner’s “Me” view"));
  self->private_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->private_switch), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->private_row, GTK_WIDGET (self->private_switch));
  adw_action_row_set_activatable_widget (self->private_row, GTK_WIDGET (self->private_switch));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->private_row));

  self->goal_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->goal_row), _("How Often"));
  adw_combo_row_set_model (self->goal_row, G_LIST_MODEL (goals));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (goal_group), _("Goal"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (goal_group), GTK_WIDGET (self->goal_row));

  self->count_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->count_row), _("How Many Times"));
  /* Wider than any goal allows, so a wrong number gets a message instead
   * of silently becoming another number. */
  self->count_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 1000, 1));
  gtk_spin_button_set_value (self->count_spin, 3);
  gtk_widget_set_valign (GTK_WIDGET (self->count_spin), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->count_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("How Many Times"), -1);
  adw_action_row_add_suffix (self->count_row, GTK_WIDGET (self->count_spin));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (goal_group), GTK_WIDGET (self->count_row));

  self->interval_row = ADW_ACTION_ROW (adw_action_row_new ());
  /* Translators: the "every N days" of a goal: a number of days follows */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->interval_row),
                                 _("Every How Many Days"));
  self->interval_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 1000, 1));
  gtk_spin_button_set_value (self->interval_spin, 2);
  gtk_widget_set_valign (GTK_WIDGET (self->interval_spin), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->interval_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Every How Many Days"), -1);
  adw_action_row_add_suffix (self->interval_row, GTK_WIDGET (self->interval_spin));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (goal_group), GTK_WIDGET (self->interval_row));

  self->kind_row = ADW_COMBO_ROW (adw_combo_row_new ());
  /* Translators: whether an activity is ticked as done or measured in minutes, km, pages */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("What You Log"));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (goal_group), GTK_WIDGET (self->kind_row));

  self->unit_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  /* Translators: what a measured activity counts; an example follows in the help */
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->unit_row),
                                 _("Unit, such as minutes, km or pages"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (goal_group), GTK_WIDGET (self->unit_row));

  self->target_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->target_row), _("Daily Target"));
  /* Wider than the store allows, so a wrong number gets a message. */
  self->target_spin =
    GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 10 * CLOSENESS_STORE_MAX_AMOUNT, 1));
  gtk_spin_button_set_digits (self->target_spin, 2);
  g_signal_connect (self->target_spin, "output", G_CALLBACK (closeness_selfcare_show_amount_cb),
                    NULL);
  gtk_spin_button_set_value (self->target_spin, 30);
  gtk_widget_set_valign (GTK_WIDGET (self->target_spin), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->target_spin),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Daily Target"), -1);
  adw_action_row_add_suffix (self->target_row, GTK_WIDGET (self->target_spin));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (goal_group), GTK_WIDGET (self->target_row));

  self->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message, TRUE);
  gtk_label_set_wrap_mode (self->message, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->message, 0);
  gtk_widget_set_margin_top (GTK_WIDGET (self->message), 6);
  gtk_widget_set_visible (GTK_WIDGET (self->message), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->message),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problem"), -1);

  icon_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (icon_group), _("Icon"));
  self->icons = GTK_FLOW_BOX (new_flow_box (_("Icon")));
  icons = closeness_selfcare_get_icons (&n_icons);
  for (guint i = 0; i < n_icons; i++)
    {
      GtkWidget *image = gtk_image_new_from_icon_name (icons[i]);

      gtk_widget_set_margin_top (image, 6);
      gtk_widget_set_margin_bottom (image, 6);
      add_choice (self->icons, image, icons[i], closeness_selfcare_get_icon_label (i));
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (icon_group), GTK_WIDGET (self->icons));

  color_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (color_group), _("Color"));
  self->colors = GTK_FLOW_BOX (new_flow_box (_("Color")));
  colors = closeness_selfcare_get_colors (&n_colors);
  color_classes = closeness_selfcare_get_color_classes (&n_classes);
  for (guint i = 0; i < n_colors && i < n_classes; i++)
    {
      GtkWidget *swatch = gtk_image_new ();

      gtk_widget_add_css_class (swatch, "closeness-swatch");
      gtk_widget_add_css_class (swatch, color_classes[i]);
      gtk_widget_set_halign (swatch, GTK_ALIGN_CENTER);
      gtk_widget_set_margin_top (swatch, 6);
      gtk_widget_set_margin_bottom (swatch, 6);
      add_choice (self->colors, swatch, colors[i], closeness_selfcare_get_color_label (i));
    }
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (color_group), GTK_WIDGET (self->colors));

  /* The message belongs to the name and the goal: right under the first group. */
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->message));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (goal_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (icon_group));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (color_group));
  gtk_widget_set_vexpand (page, TRUE);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (name_changed_cb), self);
  g_signal_connect_swapped (self->name_row, "entry-activated", G_CALLBACK (save_clicked_cb), self);
  g_signal_connect_swapped (self->owner_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->private_switch, "notify::active", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->goal_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->count_spin, "value-changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->interval_spin, "value-changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->kind_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->unit_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->unit_row, "entry-activated", G_CALLBACK (save_clicked_cb), self);
  g_signal_connect_swapped (self->target_spin, "value-changed", G_CALLBACK (changed_cb), self);
}

static void
closeness_activity_editor_dispose (GObject *object)
{
  ClosenessActivityEditor *self = CLOSENESS_ACTIVITY_EDITOR (object);

  g_clear_object (&self->activities);
  g_clear_object (&self->activity);

  G_OBJECT_CLASS (closeness_activity_editor_parent_class)->dispose (object);
}

static void
closeness_activity_editor_finalize (GObject *object)
{
  ClosenessActivityEditor *self = CLOSENESS_ACTIVITY_EDITOR (object);

  g_free (self->name);
  g_free (self->unit);

  G_OBJECT_CLASS (closeness_activity_editor_parent_class)->finalize (object);
}

static void
closeness_activity_editor_class_init (ClosenessActivityEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_activity_editor_dispose;
  object_class->finalize = closeness_activity_editor_finalize;

  /**
   * ClosenessActivityEditor::response:
   * @response: "save" once what was entered is valid and the person saves,
   *   or "cancel"
   *
   * Emitted once, as the editor closes.
   */
  signals[RESPONSE] =
    g_signal_new ("response", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
closeness_activity_editor_init (ClosenessActivityEditor *self)
{
  /* Wide enough for the colours in one row; phones get 360 px. */
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 640);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, 320);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
}

/**
 * closeness_activity_editor_new:
 * @activity: (nullable): the activity to change, or %NULL for a new one
 * @names: the two partners' display names
 * @me: who is using the computer; a new activity is theirs
 */
ClosenessActivityEditor *
closeness_activity_editor_new (GtkWindow          *parent,
                               GListModel         *activities,
                               ClosenessActivity  *activity,
                               const char * const *names,
                               guint               me)
{
  ClosenessActivityEditor *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (activities), NULL);

  self = g_object_new (CLOSENESS_TYPE_ACTIVITY_EDITOR,
                       "transient-for", parent,
                       "modal", TRUE,
                       "title", activity != NULL ? _("Edit Activity") : _("New Activity"),
                       NULL);
  self->activities = g_object_ref (activities);
  g_set_object (&self->activity, activity);

  build (self, names);

  if (activity != NULL)
    {
      g_autofree char *name = closeness_selfcare_activity_dup_name (activity);

      gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
      adw_combo_row_set_selected (self->owner_row, closeness_activity_get_owner (activity));
      gtk_switch_set_active (self->private_switch, closeness_activity_get_is_private (activity));
      adw_combo_row_set_selected (self->goal_row,
                                  closeness_activity_get_goal_kind (activity)
                                        == CLOSENESS_GOAL_DAILY
                                      && closeness_activity_get_interval_days (activity) > 1
                                    ? GOAL_EVERY_FEW_DAYS
                                    : (guint) closeness_activity_get_goal_kind (activity));
      gtk_spin_button_set_value (self->count_spin, closeness_activity_get_goal_count (activity));
      if (closeness_activity_get_interval_days (activity) > 1)
        gtk_spin_button_set_value (self->interval_spin,
                                   closeness_activity_get_interval_days (activity));
      adw_combo_row_set_selected (self->kind_row, closeness_activity_get_kind (activity));
      if (closeness_activity_get_kind (activity) == CLOSENESS_ACTIVITY_MEASURABLE)
        {
          gtk_editable_set_text (GTK_EDITABLE (self->unit_row),
                                 closeness_activity_get_unit (activity));
          gtk_spin_button_set_value (self->target_spin, closeness_activity_get_target (activity));
        }
      select_value (self->icons, closeness_activity_get_icon (activity));
      select_value (self->colors, closeness_activity_get_color (activity));
    }
  else
    {
      adw_combo_row_set_selected (self->owner_row, MIN (me, 1));
      adw_combo_row_set_selected (self->goal_row, CLOSENESS_GOAL_WEEKLY);
      select_value (self->icons, NULL);
      select_value (self->colors, closeness_selfcare_color_for_index (
                      g_list_model_get_n_items (activities)));
    }

  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));

  return self;
}

ClosenessActivity *
closeness_activity_editor_get_activity (ClosenessActivityEditor *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_EDITOR (self), NULL);

  return self->activity;
}

/**
 * closeness_activity_editor_get_info:
 * @info: (out): valid until the editor changes or goes
 *
 * Returns: %FALSE with @error when what was typed cannot be saved
 */
gboolean
closeness_activity_editor_get_info (ClosenessActivityEditor  *self,
                                    ClosenessActivityInfo    *info,
                                    GError                  **error)
{
  gint64 own_id;

  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_EDITOR (self), FALSE);

  own_id = self->activity ? closeness_record_get_id (CLOSENESS_RECORD (self->activity)) : 0;
  fill_info (self, info);

  return closeness_selfcare_check_activity (self->activities, own_id, info, error);
}

void
closeness_activity_editor_set_name (ClosenessActivityEditor *self,
                                    const char              *name)
{
  g_return_if_fail (CLOSENESS_IS_ACTIVITY_EDITOR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
}

void
closeness_activity_editor_set_goal (ClosenessActivityEditor *self,
                                    ClosenessGoalKind        kind,
                                    int                      count)
{
  g_return_if_fail (CLOSENESS_IS_ACTIVITY_EDITOR (self));

  adw_combo_row_set_selected (self->goal_row, kind);
  gtk_spin_button_set_value (self->count_spin, count);
}

/* "Every N days": a daily goal with an interval (1 is every day). */
void
closeness_activity_editor_set_interval (ClosenessActivityEditor *self,
                                        guint                    days)
{
  g_return_if_fail (CLOSENESS_IS_ACTIVITY_EDITOR (self));

  adw_combo_row_set_selected (self->goal_row,
                              days > 1 ? GOAL_EVERY_FEW_DAYS : CLOSENESS_GOAL_DAILY);
  if (days > 1)
    gtk_spin_button_set_value (self->interval_spin, days);
}

/* What is logged: done or not, or an amount of @unit with a daily @target. */
void
closeness_activity_editor_set_measure (ClosenessActivityEditor *self,
                                       ClosenessActivityKind    kind,
                                       const char              *unit,
                                       double                   target)
{
  g_return_if_fail (CLOSENESS_IS_ACTIVITY_EDITOR (self));

  adw_combo_row_set_selected (self->kind_row, kind);
  if (kind == CLOSENESS_ACTIVITY_MEASURABLE)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->unit_row), unit != NULL ? unit : "");
      gtk_spin_button_set_value (self->target_spin, target);
    }
}

/* The message shown under the fields, or "" when none is shown. */
const char *
closeness_activity_editor_get_message (ClosenessActivityEditor *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_EDITOR (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->message)) ? gtk_label_get_text (self->message)
                                                              : "";
}

/* Whether the Name field is marked as wrong. */
gboolean
closeness_activity_editor_get_name_error (ClosenessActivityEditor *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_EDITOR (self), FALSE);

  return gtk_widget_has_css_class (GTK_WIDGET (self->name_row), "error");
}

/* Whether "Create" (or "Save") can be pressed. */
gboolean
closeness_activity_editor_get_can_save (ClosenessActivityEditor *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_EDITOR (self), FALSE);

  return gtk_widget_get_sensitive (self->save_button);
}

/**
 * closeness_activity_editor_save:
 *
 * What "Create" (or "Save", or Enter in the name) does: responds "save"
 * and closes when all is well; otherwise says what to fix and stays.
 *
 * Returns: whether it was saved
 */
gboolean
closeness_activity_editor_save (ClosenessActivityEditor *self)
{
  ClosenessActivityInfo info;

  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_EDITOR (self), FALSE);

  if (!closeness_activity_editor_get_info (self, &info, NULL))
    {
      self->save_refused = TRUE;
      validate (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return FALSE;
    }

  respond (self, "save");
  gtk_window_destroy (GTK_WINDOW (self));

  return TRUE;
}
