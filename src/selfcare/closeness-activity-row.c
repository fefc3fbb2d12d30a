/* closeness-activity-row.c: an activity in the list, with "Done today".
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row follows its own inputs: the activity (title and icon bound to
 * its properties, colour), the activity's entries (status and ticks), and the
 * page's view, "me", partner names and colours and whether the store is
 * writable, which the page binds to the row's properties. Where a partner
 * is named ("Both of You"), their colour dot stands beside the name.
 *
 * A row is reordered with Alt+Up and Alt+Down, its menu, or by dragging its
 * handle onto another row; each asks the page (selfcare.move-up, -down,
 * -to), which writes the new order.
 */

#define G_LOG_DOMAIN "closeness-selfcare"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-activity-history.h"
#include "closeness-activity-row.h"
#include "closeness-partner-tag.h"
#include "closeness-selfcare-builtins.h"
#include "closeness-selfcare-view.h"

struct _ClosenessActivityRow
{
  AdwActionRow           parent_instance;

  ClosenessActivity     *activity;
  ClosenessActivityHistory *history;
  guint32                today;
  ClosenessSelfcareView  view;
  guint                  me;
  gboolean               writable;
  GStrv                  partner_names;
  GStrv                  partner_colors;

  /* Drag and drop: where the handle was taken, in the row's coordinates;
   * whether the row is too narrow for the handle (see allocate_cb()); a
   * move waiting for the drop to finish (see drop_cb()). */
  double                 drag_x;
  double                 drag_y;
  gboolean               narrow;
  gboolean               stacked;  /* narrower than SIDE_BY_SIDE_MIN_WIDTH */
  guint                  handle_source;
  guint                  drop_source;
  gint64                 drop_id;
  gboolean               drop_after;

  /* Template widgets */
  GtkImage              *drag_handle;
  GtkImage              *icon;
  GtkCheckButton        *check_0;
  GtkCheckButton        *check_1;
  ClosenessPartnerTag   *tag_0;
  ClosenessPartnerTag   *tag_1;
  GtkLabel              *label_0;      /* the tags' labels */
  GtkLabel              *label_1;

  /* A measured activity's "20 of 30 minutes", one per partner, each
   * opening a popover that asks for today's amount. */
  GtkMenuButton         *amount_buttons[2];
  GtkLabel              *amount_labels[2];
  ClosenessPartnerDot   *amount_dots[2];
  GtkSpinButton         *amount_spins[2];

  /* Move Up, Move Down, Archive (or Unarchive) */
  GtkMenuButton         *menu_button;
  GtkBox                *checks_box;
  gboolean               menu_archived;
};

G_DEFINE_FINAL_TYPE (ClosenessActivityRow, closeness_activity_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_ACTIVITY,
  PROP_HISTORY,
  PROP_TODAY,
  PROP_VIEW,
  PROP_ME,
  PROP_WRITABLE,
  PROP_PARTNER_NAMES,
  PROP_PARTNER_COLORS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  DONE_TOGGLED,
  AMOUNT_LOGGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The activity colour is the one colour that comes from data: the palette
 * has style classes in style.css; any other colour (from an imported file)
 * gets a provider of its own with just the background. */
void
closeness_selfcare_apply_color (GtkWidget  *widget,
                                const char *color)
{
  const char *color_class = closeness_selfcare_color_class (color);
  guint n_classes;
  const char * const *classes = closeness_selfcare_get_color_classes (&n_classes);
  GtkCssProvider *old = g_object_get_data (G_OBJECT (widget), "closeness-color-provider");
  GdkRGBA rgba;

  for (guint i = 0; i < n_classes; i++)
    gtk_widget_remove_css_class (widget, classes[i]);

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (old != NULL)
    gtk_style_context_remove_provider (gtk_widget_get_style_context (widget),
                                       GTK_STYLE_PROVIDER (old));
G_GNUC_END_IGNORE_DEPRECATIONS
  g_object_set_data (G_OBJECT (widget), "closeness-color-provider", NULL);

  if (color_class != NULL)
    gtk_widget_add_css_class (widget, color_class);
  else if (color != NULL && gdk_rgba_parse (&rgba, color))
    {
      g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
      g_autofree char *css = g_strdup_printf (".closeness-activity-icon { background-color: %s; }",
                                              color);

      gtk_css_provider_load_from_data (provider, css, -1);
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_add_provider (gtk_widget_get_style_context (widget),
                                      GTK_STYLE_PROVIDER (provider),
                                      GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
G_GNUC_END_IGNORE_DEPRECATIONS
      g_object_set_data_full (G_OBJECT (widget), "closeness-color-provider",
                              g_steal_pointer (&provider), g_object_unref);
    }
  /* Otherwise the default slate of style.css. */
}

/* A spin button's "output": an amount as closeness_habit_format_amount()
 * writes it, "2.5" rather than "2.50". */
gboolean
closeness_selfcare_show_amount_cb (GtkSpinButton *spin)
{
  g_autofree char *text = closeness_habit_format_amount (gtk_spin_button_get_value (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static GtkCheckButton *
get_check (ClosenessActivityRow *self,
           guint                 slot)
{
  return slot == 0 ? self->check_0 : self->check_1;
}

/* A measured activity's daily target; 0 for a yes/no one. */
static double
get_target (ClosenessActivityRow *self)
{
  return closeness_activity_get_kind (self->activity) == CLOSENESS_ACTIVITY_MEASURABLE
         ? closeness_activity_get_target (self->activity) : 0;
}

/* A menu item for @action with the activity's id. */
static void
append_item (GMenu      *menu,
             const char *label,
             const char *action,
             gint64      id,
             const char *accel)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_int64 (id));
  /* Shown beside the item; the row's own shortcuts do it. */
  if (accel != NULL)
    g_menu_item_set_attribute (item, "accel", "s", accel);
  g_menu_append_item (menu, item);
}

/* Whether the row can be moved: by its keys, its menu or a drag. */
static gboolean
can_reorder (ClosenessActivityRow *self)
{
  return self->writable && self->activity != NULL &&
         !closeness_activity_get_archived (self->activity);
}

/* Rows narrower than this leave the drag handle out: the name needs the
 * room more (at 360 px it would wrap mid-word in German). */
#define DRAG_HANDLE_MIN_WIDTH 360
/* Rows narrower than this stack the two boxes of "Both of You": side by
 * side, with the colour dots, they would leave a German name too little. */
#define SIDE_BY_SIDE_MIN_WIDTH 480

/* The handle shows where the row can be dragged. "Both of You" has no
 * room for it, as for the menu; there and in a narrow row the keys
 * (Alt+Up, Alt+Down) and, outside "Both of You", the menu still move it. */
static void
update_drag_handle (ClosenessActivityRow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->drag_handle),
                          can_reorder (self) && !self->narrow &&
                          self->view != CLOSENESS_SELFCARE_VIEW_TOGETHER);
}

/* A narrow row leaves the activity's name room for whole words: "Done
 * today" breaks between its words ("Heute" over "erledigt"), and the two
 * partners' boxes of "Both of You" stand one above the other. */
static void
update_narrow_layout (ClosenessActivityRow *self)
{
  gboolean together = self->view == CLOSENESS_SELFCARE_VIEW_TOGETHER;
  gboolean wrap = self->narrow && !together;
  gboolean stack = self->stacked && together;

  gtk_label_set_wrap (self->label_0, wrap);
  gtk_label_set_wrap (self->label_1, wrap);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->checks_box),
                                  stack ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (self->checks_box, stack ? 0 : 12);
}

static gboolean
update_drag_handle_cb (gpointer user_data)
{
  ClosenessActivityRow *self = user_data;

  self->handle_source = 0;
  update_drag_handle (self);
  update_narrow_layout (self);

  return G_SOURCE_REMOVE;
}

/* The row's menu: Move Up and Down and Archive, or Unarchive for an
 * archived one. Its items carry the activity's id to the page's actions. */
static void
update_menu (ClosenessActivityRow *self,
             const char           *name)
{
  gint64 id = closeness_record_get_id (CLOSENESS_RECORD (self->activity));
  gboolean archived = closeness_activity_get_archived (self->activity);
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GMenu) order = NULL;
  g_autofree char *label = NULL;

  /* "Both of You" has a named box for each partner and no room for more at
   * 360 px; there the row's keys (Alt+Up, Alt+Down) still move it. */
  gtk_widget_set_visible (GTK_WIDGET (self->menu_button),
                          self->writable && self->view != CLOSENESS_SELFCARE_VIEW_TOGETHER);
  /* Translators: the accessible name of an activity's menu: "Exercise: More" */
  label = g_strdup_printf (_("%s: More"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  if (gtk_menu_button_get_menu_model (self->menu_button) != NULL && self->menu_archived == archived)
    return;

  menu = g_menu_new ();
  if (!archived)
    {
      order = g_menu_new ();
      append_item (order, _("Move _Up"), "selfcare.move-up", id, "<Alt>Up");
      append_item (order, _("Move _Down"), "selfcare.move-down", id, "<Alt>Down");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (order));
      append_item (menu, _("_Archive"), "selfcare.archive", id, NULL);
    }
  else
    append_item (menu, _("_Unarchive"), "selfcare.unarchive", id, NULL);

  self->menu_archived = archived;
  gtk_menu_button_set_menu_model (self->menu_button, G_MENU_MODEL (menu));
}

/* The status line and the two boxes, from the history and the view.
 * Until the page has read the history (after its first frame) the row
 * says what the goal is, and its boxes wait. */
/* "" when the couple chose none (no dot). */
static const char *
get_partner_color (ClosenessActivityRow *self,
                   guint                 slot)
{
  if (self->partner_colors == NULL || g_strv_length (self->partner_colors) <= slot)
    return "";

  return self->partner_colors[slot];
}

static void
update_state (ClosenessActivityRow *self)
{
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (ClosenessHabitEntry));
  g_autofree char *subtitle = NULL;
  g_autofree char *name = NULL;
  ClosenessHabitGoal goal;
  ClosenessOwner owner;
  ClosenessHabitStats stats;
  gboolean loaded;
  gboolean measured;

  if (self->activity == NULL || self->history == NULL)
    return;

  owner = closeness_activity_get_owner (self->activity);
  closeness_selfcare_activity_get_goal (self->activity, &goal);
  loaded = closeness_activity_history_get_loaded (self->history);
  if (loaded)
    {
      closeness_activity_history_compute (self->history, self->view, self->me, owner,
                                          closeness_activity_get_is_private (self->activity),
                                          &goal, get_target (self), self->today, items, &stats);
      subtitle = closeness_habit_describe_status (goal.kind, &stats);
    }
  else
    subtitle = closeness_selfcare_activity_describe_goal (self->activity);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);

  name = closeness_selfcare_activity_dup_name (self->activity);
  measured = closeness_activity_get_kind (self->activity) == CLOSENESS_ACTIVITY_MEASURABLE;
  update_menu (self, name);
  update_drag_handle (self);

  for (guint slot = 0; slot < 2; slot++)
    {
      gboolean can_log = self->writable && !closeness_activity_get_archived (self->activity) &&
                         closeness_selfcare_view_can_log (self->view, self->me, owner, slot);
      const char *partner_name = self->partner_names != NULL &&
                                 g_strv_length (self->partner_names) > slot
                                 ? self->partner_names[slot] : "";
      g_autofree char *amount = NULL;
      g_autofree char *amount_label = NULL;
      g_autofree char *amount_accessible = NULL;

      gtk_widget_set_visible (GTK_WIDGET (self->amount_buttons[slot]), measured && can_log);
      if (measured)
        {
          amount =
            closeness_habit_describe_amount (loaded
                                               ? closeness_activity_history_get_value (self
                                                                                         ->history,
                                                                                       self->today,
                                                                                       slot)
                                               : -1,
                                             closeness_activity_get_target (self->activity),
                                             closeness_activity_get_unit (self->activity));
          /* Translators: a partner's amount today on the "Both of You"
           * list: "Alex: 20 of 30 minutes" */
          amount_label = self->view == CLOSENESS_SELFCARE_VIEW_TOGETHER
                         ? g_strdup_printf (_("%s: %s"), partner_name, amount) : g_strdup (amount);
          gtk_label_set_label (self->amount_labels[slot], amount_label);
          closeness_partner_dot_set_color (self->amount_dots[slot],
                                           self->view == CLOSENESS_SELFCARE_VIEW_TOGETHER
                                           ? get_partner_color (self, slot) : NULL);
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->amount_buttons[slot]), amount_label);
          gtk_widget_set_sensitive (GTK_WIDGET (self->amount_buttons[slot]), loaded);
          /* Translators: what a screen reader says for the amount button:
           * "Alex: Reading, 20 of 30 pages today" */
          amount_accessible = g_strdup_printf (_("%s: %s, %s today"), partner_name, name, amount);
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->amount_buttons[slot]),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, amount_accessible, -1);
        }
    }

  for (guint slot = 0; slot < 2; slot++)
    {
      GtkCheckButton *check = get_check (self, slot);
      GtkLabel *label = slot == 0 ? self->label_0 : self->label_1;
      const char *partner = self->partner_names != NULL &&
                            g_strv_length (self->partner_names) > slot
                            ? self->partner_names[slot] : "";
      gboolean show_names = self->view == CLOSENESS_SELFCARE_VIEW_TOGETHER;
      g_autofree char *accessible = NULL;

      gtk_widget_set_visible (GTK_WIDGET (check),
                              !measured && self->writable &&
                              !closeness_activity_get_archived (self->activity) &&
                              closeness_selfcare_view_can_log (self->view, self->me, owner, slot));
      gtk_widget_set_sensitive (GTK_WIDGET (check), loaded);
      g_signal_handlers_block_matched (check, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
      gtk_check_button_set_active (check, loaded &&
                                          closeness_activity_history_get_kind (self->history,
                                                                               self->today, slot)
                                          == CLOSENESS_ENTRY_DONE);
      g_signal_handlers_unblock_matched (check, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);

      /* Translators: the check button of one activity in the list */
      gtk_label_set_label (label, show_names ? partner : _("Done today"));
      closeness_partner_dot_set_color (closeness_partner_tag_get_dot (slot == 0 ? self->tag_0
                                                                                : self->tag_1),
                                       show_names ? get_partner_color (self, slot) : NULL);
      /* "Done today" is never cut short: the activity's name beside it
       * wraps instead. A partner's name is kept whole up to ten
       * characters; only a longer one gives way. */
      gtk_label_set_ellipsize (label, show_names ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
      gtk_label_set_width_chars (label, show_names ? MIN (g_utf8_strlen (partner, -1), 10) : -1);
      /* A partner's name cut short is whole in the tooltip. */
      gtk_widget_set_tooltip_text (GTK_WIDGET (check), gtk_label_get_label (label));
      /* Translators: what a screen reader says for the check button:
       * "Alex: Exercise done today" */
      accessible = g_strdup_printf (_("%s: %s done today"), partner, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
    }
  update_narrow_layout (self);
}

static void
update_color (ClosenessActivityRow *self)
{
  closeness_selfcare_apply_color (GTK_WIDGET (self->icon),
                                  closeness_activity_get_color (self->activity));
}

/* Template callbacks */

/* The name and icon as shown: a built-in's name in the person's
 * language, a default icon for none. */
static gboolean
transform_activity_cb (GBinding     *binding,
                       const GValue *from_value,
                       GValue       *to_value,
                       gpointer      want_icon)
{
  g_autoptr(GObject) activity = g_binding_dup_source (binding);

  if (want_icon)
    g_value_set_string (to_value,
                        closeness_selfcare_activity_get_icon (CLOSENESS_ACTIVITY (activity)));
  else
    g_value_take_string (to_value,
                         closeness_selfcare_activity_dup_name (CLOSENESS_ACTIVITY (activity)));

  return TRUE;
}

static void
check_toggled_cb (GtkCheckButton       *check,
                  ClosenessActivityRow *self)
{
  guint slot = check == self->check_1;

  g_signal_emit (self, signals[DONE_TOGGLED], 0, slot, gtk_check_button_get_active (check));
}

static void
save_amount (ClosenessActivityRow *self,
             guint                 slot)
{
  GtkSpinButton *spin = self->amount_spins[slot];

  /* What was typed counts even before the spin button took it in. */
  gtk_spin_button_update (spin);
  gtk_menu_button_popdown (self->amount_buttons[slot]);
  g_signal_emit (self, signals[AMOUNT_LOGGED], 0, slot, gtk_spin_button_get_value (spin));
}

static void
amount_save_clicked_cb (GtkButton            *button,
                        ClosenessActivityRow *self)
{
  save_amount (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "closeness-slot")));
}

/* Enter in the amount: the spin button's text (GTK 4.8 has no "activate"
 * on the spin button itself). */
static void
amount_activate_cb (GtkText              *text,
                    ClosenessActivityRow *self)
{
  save_amount (self, GTK_EDITABLE (text)
                       == gtk_editable_get_delegate (GTK_EDITABLE (self->amount_spins[1])));
}

/* The popover opens on today's amount, ready to be typed over. */
static void
amount_popover_shown_cb (GtkPopover           *popover,
                         ClosenessActivityRow *self)
{
  guint slot = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (popover), "closeness-slot"));
  double value = self->history != NULL ? closeness_activity_history_get_value (self->history,
                                                                               self->today, slot)
                                       : -1;

  gtk_spin_button_set_value (self->amount_spins[slot], MAX (value, 0));
  gtk_widget_grab_focus (GTK_WIDGET (self->amount_spins[slot]));
  gtk_editable_select_region (GTK_EDITABLE (self->amount_spins[slot]), 0, -1);
}

/* Alt+Up and Alt+Down move the focused row, as its menu says. */
static gboolean
move_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  ClosenessActivityRow *self = CLOSENESS_ACTIVITY_ROW (widget);

  if (self->activity == NULL || closeness_activity_get_archived (self->activity))
    return FALSE;

  return gtk_widget_activate_action (widget, g_variant_get_string (args, NULL), "x",
                                     closeness_record_get_id (CLOSENESS_RECORD (self->activity)));
}

/* Drag and drop */

/* The line that shows where a dragged activity will go: above the row
 * (@position < 0), below it (> 0) or nowhere (0). */
static void
show_drop_position (ClosenessActivityRow *self,
                    int                   position)
{
  if (position < 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "closeness-drop-above");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "closeness-drop-above");
  if (position > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "closeness-drop-below");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "closeness-drop-below");
}

/* The activity a drop carries, or 0 if it is none or this row's own. */
static gint64
get_dropped_id (ClosenessActivityRow *self,
                const GValue         *value)
{
  ClosenessActivity *activity;
  gint64 id;

  if (value == NULL || !G_VALUE_HOLDS (value, CLOSENESS_TYPE_ACTIVITY))
    return 0;
  activity = g_value_get_object (value);
  if (activity == NULL)
    return 0;
  id = closeness_record_get_id (CLOSENESS_RECORD (activity));

  return id != closeness_record_get_id (CLOSENESS_RECORD (self->activity)) ? id : 0;
}

/* The lower half of the row puts the dropped activity after it. */
static gboolean
get_drop_after (ClosenessActivityRow *self,
                double                y)
{
  return y >= gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource        *source,
                 double                x,
                 double                y,
                 ClosenessActivityRow *self)
{
  graphene_point_t point;

  if (!can_reorder (self))
    return NULL;

  /* The row's picture is held where the handle was taken. */
  if (!gtk_widget_compute_point (GTK_WIDGET (self->drag_handle), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT (x, y), &point))
    point = GRAPHENE_POINT_INIT (x, y);
  self->drag_x = point.x;
  self->drag_y = point.y;

  return gdk_content_provider_new_typed (CLOSENESS_TYPE_ACTIVITY, self->activity);
}

static void
drag_begin_cb (GtkDragSource        *source,
               GdkDrag              *drag,
               ClosenessActivityRow *self)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));
  g_autoptr(GdkPaintable) picture = gdk_paintable_get_current_image (paintable);
  GtkWidget *card = gtk_picture_new_for_paintable (picture);

  /* A picture of the row as it is now, on a card of its own, follows the
   * pointer; the row stays in its place, faded, until the drag ends. */
  gtk_picture_set_can_shrink (GTK_PICTURE (card), FALSE);
  gtk_widget_set_size_request (card, gtk_widget_get_width (GTK_WIDGET (self)),
                               gtk_widget_get_height (GTK_WIDGET (self)));
  gtk_widget_add_css_class (card, "closeness-drag-icon");
  gtk_drag_icon_set_child (GTK_DRAG_ICON (gtk_drag_icon_get_for_drag (drag)), card);
  gdk_drag_set_hotspot (drag, (int) self->drag_x, (int) self->drag_y);
  gtk_widget_add_css_class (GTK_WIDGET (self), "closeness-dragged");

  /* The drop makes the list's rows anew; this one lives until the drag is over. */
  g_object_ref (self);
}

static void
drag_end_cb (GtkDragSource        *source,
             GdkDrag              *drag,
             gboolean              delete_data,
             ClosenessActivityRow *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "closeness-dragged");
  g_object_unref (self);
}

static GdkDragAction
drop_motion_cb (GtkDropTarget        *target,
                double                x,
                double                y,
                ClosenessActivityRow *self)
{
  const GValue *value = gtk_drop_target_get_value (target);

  /* Until the drop's activity has been read, any place may be it. */
  if (!can_reorder (self) || (value != NULL && get_dropped_id (self, value) == 0))
    {
      show_drop_position (self, 0);
      return 0;
    }

  show_drop_position (self, get_drop_after (self, y) ? 1 : -1);

  return GDK_ACTION_MOVE;
}

static void
drop_leave_cb (GtkDropTarget        *target,
               ClosenessActivityRow *self)
{
  show_drop_position (self, 0);
}

static gboolean
move_dropped_cb (gpointer user_data)
{
  ClosenessActivityRow *self = user_data;

  self->drop_source = 0;
  gtk_widget_activate_action (GTK_WIDGET (self), "selfcare.move-to", "(xxb)", self->drop_id,
                              closeness_record_get_id (CLOSENESS_RECORD (self->activity)),
                              self->drop_after);

  return G_SOURCE_REMOVE;
}

static gboolean
drop_cb (GtkDropTarget        *target,
         const GValue         *value,
         double                x,
         double                y,
         ClosenessActivityRow *self)
{
  gint64 id = get_dropped_id (self, value);

  show_drop_position (self, 0);
  if (id == 0 || !can_reorder (self))
    return FALSE;

  /* The move makes this row anew, while GTK is still finishing the drop
   * on it: move once the drop is over. */
  self->drop_id = id;
  self->drop_after = get_drop_after (self, y);
  if (self->drop_source == 0)
    self->drop_source = g_idle_add_full (G_PRIORITY_DEFAULT, move_dropped_cb, g_object_ref (self),
                                         g_object_unref);

  return TRUE;
}

static void
add_drag_and_drop (ClosenessActivityRow *self)
{
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (CLOSENESS_TYPE_ACTIVITY, GDK_ACTION_MOVE);
  GtkWidget *prefixes = gtk_widget_get_parent (GTK_WIDGET (self->drag_handle));

  /* The handle comes first, before the activity's icon, whichever end
   * AdwActionRow adds prefixes at. */
  if (GTK_IS_BOX (prefixes))
    gtk_box_reorder_child_after (GTK_BOX (prefixes), GTK_WIDGET (self->drag_handle), NULL);

  /* From the handle only: elsewhere on the row a press opens the activity
   * and a swipe scrolls the list. */
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect_object (source, "prepare", G_CALLBACK (drag_prepare_cb), self, 0);
  g_signal_connect_object (source, "drag-begin", G_CALLBACK (drag_begin_cb), self, 0);
  g_signal_connect_object (source, "drag-end", G_CALLBACK (drag_end_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->drag_handle), GTK_EVENT_CONTROLLER (source));
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->drag_handle), "grab");

  /* Read early, so a row can refuse its own activity while it is dragged over. */
  gtk_drop_target_set_preload (target, TRUE);
  g_signal_connect_object (target, "enter", G_CALLBACK (drop_motion_cb), self, 0);
  g_signal_connect_object (target, "motion", G_CALLBACK (drop_motion_cb), self, 0);
  g_signal_connect_object (target, "leave", G_CALLBACK (drop_leave_cb), self, 0);
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

static void
add_menu_button (ClosenessActivityRow *self)
{
  GtkBox *box = GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->check_0)));

  self->menu_button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->menu_button, "view-more-symbolic");
  gtk_widget_set_valign (GTK_WIDGET (self->menu_button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->menu_button), "flat");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), _("More"));
  gtk_box_append (box, GTK_WIDGET (self->menu_button));
}

static void
add_amount_buttons (ClosenessActivityRow *self)
{
  GtkBox *box = GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->check_0)));

  for (guint slot = 0; slot < 2; slot++)
    {
      GtkWidget *popover = gtk_popover_new ();
      GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *spin = gtk_spin_button_new_with_range (0, CLOSENESS_STORE_MAX_AMOUNT, 1);
      GtkWidget *save = gtk_button_new_with_mnemonic (_("_Save"));
      GtkWidget *tag = closeness_partner_tag_new ();
      GtkWidget *label = GTK_WIDGET (closeness_partner_tag_get_label (CLOSENESS_PARTNER_TAG (tag)));
      GtkWidget *button = gtk_menu_button_new ();

      gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      /* Translators: the field for a measured activity's amount
                                         today */
                                      _("Amount today"), -1);
      g_signal_connect (spin, "output", G_CALLBACK (closeness_selfcare_show_amount_cb), NULL);
      g_signal_connect (gtk_editable_get_delegate (GTK_EDITABLE (spin)), "activate",
                        G_CALLBACK (amount_activate_cb), self);
      gtk_widget_add_css_class (save, "suggested-action");
      g_object_set_data (G_OBJECT (save), "closeness-slot", GUINT_TO_POINTER (slot));
      g_signal_connect (save, "clicked", G_CALLBACK (amount_save_clicked_cb), self);
      gtk_box_append (GTK_BOX (content), spin);
      gtk_box_append (GTK_BOX (content), save);
      gtk_popover_set_child (GTK_POPOVER (popover), content);
      g_object_set_data (G_OBJECT (popover), "closeness-slot", GUINT_TO_POINTER (slot));
      g_signal_connect (popover, "show", G_CALLBACK (amount_popover_shown_cb), self);

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
      gtk_menu_button_set_child (GTK_MENU_BUTTON (button), tag);
      self->amount_dots[slot] = closeness_partner_tag_get_dot (CLOSENESS_PARTNER_TAG (tag));
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_visible (button, FALSE);
      gtk_box_append (box, button);

      self->amount_buttons[slot] = GTK_MENU_BUTTON (button);
      self->amount_labels[slot] = GTK_LABEL (label);
      self->amount_spins[slot] = GTK_SPIN_BUTTON (spin);
    }
}

/* Layout: as GtkListBoxRow's own (its one child fills it), and it notes
 * whether the row is narrow, so the drag handle can make way. */

static GtkSizeRequestMode
get_request_mode_cb (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
measure_cb (GtkWidget      *widget,
            GtkOrientation  orientation,
            int             for_size,
            int            *minimum,
            int            *natural,
            int            *minimum_baseline,
            int            *natural_baseline)
{
  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }
}

static void
allocate_cb (GtkWidget *widget,
             int        width,
             int        height,
             int        baseline)
{
  ClosenessActivityRow *self = CLOSENESS_ACTIVITY_ROW (widget);
  gboolean narrow = width < DRAG_HANDLE_MIN_WIDTH;
  gboolean stacked = width < SIDE_BY_SIDE_MIN_WIDTH;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (gtk_widget_should_layout (child))
        gtk_widget_allocate (child, width, height, baseline, NULL);
    }

  /* Shown or hidden after this allocation: the row's width does not depend
   * on the handle, so this settles at once. */
  if (narrow != self->narrow || stacked != self->stacked)
    {
      self->narrow = narrow;
      self->stacked = stacked;
      if (self->handle_source == 0)
        self->handle_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_drag_handle_cb,
                                               g_object_ref (self), g_object_unref);
    }
}

/* GObject */

static void
closeness_activity_row_constructed (GObject *object)
{
  ClosenessActivityRow *self = CLOSENESS_ACTIVITY_ROW (object);

  G_OBJECT_CLASS (closeness_activity_row_parent_class)->constructed (object);

  g_return_if_fail (CLOSENESS_IS_ACTIVITY (self->activity));

  g_object_bind_property_full (self->activity, "name", self, "title", G_BINDING_SYNC_CREATE,
                               transform_activity_cb, NULL, GINT_TO_POINTER (FALSE), NULL);
  g_object_bind_property_full (self->activity, "icon", self->icon, "icon-name",
                               G_BINDING_SYNC_CREATE, transform_activity_cb, NULL,
                               GINT_TO_POINTER (TRUE), NULL);

  /* Goal, owner, privacy and colour change what the row shows. */
  g_signal_connect_object (self->activity, "notify", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->activity, "notify::color", G_CALLBACK (update_color), self,
                           G_CONNECT_SWAPPED);
  if (self->history != NULL)
    g_signal_connect_object (self->history, "changed", G_CALLBACK (update_state), self,
                             G_CONNECT_SWAPPED);
  update_color (self);
  update_state (self);
}

static void
closeness_activity_row_dispose (GObject *object)
{
  ClosenessActivityRow *self = CLOSENESS_ACTIVITY_ROW (object);

  g_clear_handle_id (&self->drop_source, g_source_remove);
  g_clear_handle_id (&self->handle_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLOSENESS_TYPE_ACTIVITY_ROW);
  g_clear_object (&self->activity);
  g_clear_object (&self->history);

  G_OBJECT_CLASS (closeness_activity_row_parent_class)->dispose (object);
}

static void
closeness_activity_row_finalize (GObject *object)
{
  ClosenessActivityRow *self = CLOSENESS_ACTIVITY_ROW (object);

  g_strfreev (self->partner_names);
  g_strfreev (self->partner_colors);

  G_OBJECT_CLASS (closeness_activity_row_parent_class)->finalize (object);
}

static void
closeness_activity_row_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  ClosenessActivityRow *self = CLOSENESS_ACTIVITY_ROW (object);

  switch (prop_id)
    {
    case PROP_ACTIVITY:
      g_value_set_object (value, self->activity);
      break;
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_TODAY:
      g_value_set_uint (value, self->today);
      break;
    case PROP_VIEW:
      g_value_set_uint (value, self->view);
      break;
    case PROP_ME:
      g_value_set_uint (value, self->me);
      break;
    case PROP_WRITABLE:
      g_value_set_boolean (value, self->writable);
      break;
    case PROP_PARTNER_NAMES:
      g_value_set_boxed (value, self->partner_names);
      break;
    case PROP_PARTNER_COLORS:
      g_value_set_boxed (value, self->partner_colors);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_activity_row_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  ClosenessActivityRow *self = CLOSENESS_ACTIVITY_ROW (object);

  switch (prop_id)
    {
    case PROP_ACTIVITY:
      self->activity = g_value_dup_object (value);
      return;
    case PROP_HISTORY:
      self->history = g_value_dup_object (value);
      return;
    case PROP_TODAY:
      self->today = g_value_get_uint (value);
      return;
    case PROP_VIEW:
      if (self->view == g_value_get_uint (value))
        return;
      self->view = g_value_get_uint (value);
      break;
    case PROP_ME:
      if (self->me == g_value_get_uint (value))
        return;
      self->me = g_value_get_uint (value);
      break;
    case PROP_WRITABLE:
      if (self->writable == g_value_get_boolean (value))
        return;
      self->writable = g_value_get_boolean (value);
      break;
    case PROP_PARTNER_NAMES:
      if (self->partner_names != NULL && g_value_get_boxed (value) != NULL &&
          g_strv_equal ((const char * const *) self->partner_names, g_value_get_boxed (value)))
        return;
      g_strfreev (self->partner_names);
      self->partner_names = g_value_dup_boxed (value);
      break;
    case PROP_PARTNER_COLORS:
      if (self->partner_colors != NULL && g_value_get_boxed (value) != NULL &&
          g_strv_equal ((const char * const *) self->partner_colors, g_value_get_boxed (value)))
        return;
      g_strfreev (self->partner_colors);
      self->partner_colors = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  update_state (self);
  g_object_notify_by_pspec (object, pspec);
}

static void
closeness_activity_row_class_init (ClosenessActivityRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = closeness_activity_row_constructed;
  object_class->dispose = closeness_activity_row_dispose;
  object_class->finalize = closeness_activity_row_finalize;
  object_class->get_property = closeness_activity_row_get_property;
  object_class->set_property = closeness_activity_row_set_property;

  properties[PROP_ACTIVITY] =
    g_param_spec_object ("activity", NULL, NULL, CLOSENESS_TYPE_ACTIVITY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The activity's days (#ClosenessActivityHistory); the page loads them. */
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, CLOSENESS_TYPE_ACTIVITY_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* A Julian day, as closeness_habit_today() gives it. */
  properties[PROP_TODAY] =
    g_param_spec_uint ("today", NULL, NULL, 0, G_MAXUINT32, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEW] = closeness_selfcare_view_param_spec ();
  properties[PROP_ME] = closeness_selfcare_me_param_spec ();
  properties[PROP_WRITABLE] =
    g_param_spec_boolean ("writable", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARTNER_NAMES] =
    g_param_spec_boxed ("partner-names", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The partners' colours, "" or "#rrggbb", slot 0 first. */
  properties[PROP_PARTNER_COLORS] =
    g_param_spec_boxed ("partner-colors", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ClosenessActivityRow::done-toggled:
   * @slot: the partner
   * @done: whether it is now ticked
   */
  signals[DONE_TOGGLED] =
    g_signal_new ("done-toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_BOOLEAN);

  /**
   * ClosenessActivityRow::amount-logged:
   * @slot: the partner
   * @amount: today's amount of a measured activity, as typed
   */
  signals[AMOUNT_LOGGED] =
    g_signal_new ("amount-logged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_DOUBLE);

  g_type_ensure (CLOSENESS_TYPE_PARTNER_TAG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Closeness/closeness-activity-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityRow, drag_handle);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityRow, icon);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityRow, check_0);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityRow, check_1);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityRow, checks_box);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityRow, tag_0);
  gtk_widget_class_bind_template_child (widget_class, ClosenessActivityRow, tag_1);
  gtk_widget_class_bind_template_callback (widget_class, check_toggled_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, GDK_ALT_MASK, move_shortcut_cb,
                                "s", "selfcare.move-up");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, GDK_ALT_MASK, move_shortcut_cb,
                                "s", "selfcare.move-down");
}

static void
closeness_activity_row_init (ClosenessActivityRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (GTK_WIDGET (self), gtk_custom_layout_new (get_request_mode_cb,
                                                                           measure_cb,
                                                                           allocate_cb));
  for (guint slot = 0; slot < 2; slot++)
    {
      GtkLabel *label = closeness_partner_tag_get_label (slot == 0 ? self->tag_0 : self->tag_1);

      /* A partner's name can be long: it gives way instead of widening the list. */
      gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (label, 14);
      gtk_label_set_xalign (label, 0);
      /* When it wraps (update_narrow_layout()), it is only as wide as its
       * longest word. */
      gtk_label_set_wrap_mode (label, PANGO_WRAP_WORD);
      gtk_label_set_natural_wrap_mode (label, GTK_NATURAL_WRAP_INHERIT);
      if (slot == 0)
        self->label_0 = label;
      else
        self->label_1 = label;
    }
  add_amount_buttons (self);
  add_menu_button (self);
  add_drag_and_drop (self);
}

GtkWidget *
closeness_activity_row_new (ClosenessActivity        *activity,
                            ClosenessActivityHistory *history,
                            guint32                   today)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY (activity), NULL);
  g_return_val_if_fail (history == NULL || CLOSENESS_IS_ACTIVITY_HISTORY (history), NULL);

  return g_object_new (CLOSENESS_TYPE_ACTIVITY_ROW,
                       "activity", activity,
                       "history", history,
                       "today", today,
                       NULL);
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

  return gtk_label_get_label (slot == 0 ? self->label_0 : self->label_1);
}

GtkCheckButton *
closeness_activity_row_get_check (ClosenessActivityRow *self,
                                  guint                 slot)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_ROW (self), NULL);
  g_return_val_if_fail (slot <= 1, NULL);

  return get_check (self, slot);
}

/* Shows the entries again as they are, e.g. after a tick could not be saved. */
void
closeness_activity_row_reload (ClosenessActivityRow *self)
{
  g_return_if_fail (CLOSENESS_IS_ACTIVITY_ROW (self));

  update_state (self);
}

/* The button that asks for a measured activity's amount today. */
GtkMenuButton *
closeness_activity_row_get_amount_button (ClosenessActivityRow *self,
                                          guint                 slot)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_ROW (self), NULL);
  g_return_val_if_fail (slot <= 1, NULL);

  return self->amount_buttons[slot];
}

GtkSpinButton *
closeness_activity_row_get_amount_spin (ClosenessActivityRow *self,
                                        guint                 slot)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_ROW (self), NULL);
  g_return_val_if_fail (slot <= 1, NULL);

  return self->amount_spins[slot];
}

/* What the amount button of @slot says: "20 of 30 minutes". */
const char *
closeness_activity_row_get_amount_label (ClosenessActivityRow *self,
                                         guint                 slot)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_ROW (self), NULL);
  g_return_val_if_fail (slot <= 1, NULL);

  return gtk_label_get_label (self->amount_labels[slot]);
}

/* The button of the row's menu (Move Up, Move Down, Archive). */
GtkMenuButton *
closeness_activity_row_get_menu_button (ClosenessActivityRow *self)
{
  g_return_val_if_fail (CLOSENESS_IS_ACTIVITY_ROW (self), NULL);

  return self->menu_button;
}
