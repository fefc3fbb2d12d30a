/* closeness-selfcare-page.c: the activities, whose they are, and one in detail.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is the store's activities through a GtkFilterListModel (what the
 * view shows), bound to the list box; each ClosenessActivityRow and the
 * ClosenessActivityDetail follow the page's view, "me" and partner names
 * through property bindings. The actions are in
 * closeness-selfcare-page-actions.c.
 */

#define G_LOG_DOMAIN "closeness-selfcare"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-window-logic.h"
#include "closeness-habit-logic.h"
#include "closeness-selfcare-builtins.h"
#include "closeness-selfcare-page-private.h"
#include "closeness-drag-scroll.h"
#include "closeness-leaflet.h"

#define VIEW_KEY "selfcare-view"

G_DEFINE_FINAL_TYPE (ClosenessSelfcarePage, closeness_selfcare_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_VIEW,
  PROP_ME,
  PROP_PARTNER_NAMES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static gboolean
filter_activity_cb (gpointer item,
                    gpointer user_data)
{
  ClosenessSelfcarePage *self = user_data;
  ClosenessActivity *activity = item;

  return !closeness_activity_get_archived (activity) &&
         closeness_selfcare_view_shows_activity (self->view, self->me,
                                                 closeness_activity_get_owner (activity),
                                                 closeness_activity_get_is_private (activity));
}

static gboolean
filter_archived_cb (gpointer item,
                    gpointer user_data)
{
  ClosenessSelfcarePage *self = user_data;
  ClosenessActivity *activity = item;

  return closeness_activity_get_archived (activity) &&
         closeness_selfcare_view_shows_activity (self->view, self->me,
                                                 closeness_activity_get_owner (activity),
                                                 closeness_activity_get_is_private (activity));
}

/* The toolbar's drop-down of names, and the list under it. */
static void
setup_name_label_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (ellipsize))
    {
      /* In the toolbar a long name gives way to the other buttons. */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
    }
  else
    {
      /* In the list it is shown whole, over several lines if need be. */
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
    }
  if (GPOINTER_TO_INT (ellipsize))
    {
      /* The button says it is a person: who is using Closeness here. */
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "icon-name", "avatar-default-symbolic",
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);

      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_list_item_set_child (item, box);
      return;
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_name_label_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);

  if (GTK_IS_BOX (child))
    child = gtk_widget_get_last_child (child);
  gtk_label_set_text (GTK_LABEL (child), gtk_string_object_get_string (string));
}

static GtkListItemFactory *
new_name_factory (gboolean ellipsize)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_name_label_cb),
                    GINT_TO_POINTER (ellipsize));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_name_label_cb), NULL);

  return factory;
}

static void update_names (ClosenessSelfcarePage *self);
static void refilter (ClosenessSelfcarePage *self);

/* An activity archived, given to the other partner or made private changes
 * in place: the lists that filter on those are filtered again. */
static void
watch_activities (ClosenessSelfcarePage *self)
{
  GListModel *activities = closeness_store_get_activities (self->store);

  for (guint i = 0; i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr(ClosenessActivity) activity = g_list_model_get_item (activities, i);

      if (g_signal_handler_find (activity, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                 refilter, self) != 0)
        continue;
      g_signal_connect_object (activity, "notify::archived", G_CALLBACK (refilter), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (activity, "notify::owner", G_CALLBACK (refilter), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (activity, "notify::private", G_CALLBACK (refilter), self,
                               G_CONNECT_SWAPPED);
    }
}

/* A partner renamed in Preferences shows here at once. */
static void
watch_partner_names (ClosenessSelfcarePage *self)
{
  GListModel *partners = closeness_store_get_partners (self->store);

  for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
    {
      g_autoptr(ClosenessPartner) partner = g_list_model_get_item (partners, i);

      if (g_signal_handler_find (partner, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                 update_names, self) == 0)
        g_signal_connect_object (partner, "notify::name", G_CALLBACK (update_names),
                                 self, G_CONNECT_SWAPPED);
    }
}

static void
update_names (ClosenessSelfcarePage *self)
{
  GListModel *partners = closeness_store_get_partners (self->store);
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_auto(GStrv) names = g_new0 (char *, 3);

  for (guint slot = 0; slot < 2; slot++)
    {
      g_autoptr(ClosenessPartner) partner = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (partners); i++)
        {
          g_autoptr(ClosenessPartner) candidate = g_list_model_get_item (partners, i);

          if ((guint) closeness_partner_get_slot (candidate) == slot)
            partner = g_steal_pointer (&candidate);
        }

      names[slot] = closeness_partner_display_name (partner ? closeness_partner_get_name (partner)
                                                            : NULL, slot);
      gtk_string_list_append (list, names[slot]);
    }

  self->updating = TRUE;
  gtk_drop_down_set_model (self->me_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->me_dropdown, self->me);
  self->updating = FALSE;

  if (self->partner_names == NULL ||
      !g_strv_equal ((const char * const *) self->partner_names, (const char * const *) names))
    {
      g_strfreev (self->partner_names);
      self->partner_names = g_steal_pointer (&names);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARTNER_NAMES]);
    }
}

static void
partners_changed_cb (ClosenessSelfcarePage *self)
{
  watch_partner_names (self);
  update_names (self);
}

static void
update_empty_state (ClosenessSelfcarePage *self)
{
  guint n_shown = self->visible != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->visible))
                                        : 0;
  guint n_archived =
    self->archived != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->archived)) : 0;
  /* Only archived ones: the list is there for them, today's part empty. */
  gboolean empty = n_shown == 0 && n_archived == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->list_box), n_shown > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->archived_expander), n_archived > 0);

  switch (self->view)
    {
    case CLOSENESS_SELFCARE_VIEW_PARTNER:
      adw_status_page_set_description (self->empty_page,
                                       _("Activities your partner shares with you show up here."));
      break;
    case CLOSENESS_SELFCARE_VIEW_TOGETHER:
      adw_status_page_set_description (self->empty_page,
                                       _("Activities that are not private show up here, for both of you."));
      break;
    case CLOSENESS_SELFCARE_VIEW_ME:
    default:
      adw_status_page_set_description (self->empty_page,
                                       _("Add something you would like to make room for with the + button."));
      break;
    }

  gtk_stack_set_visible_child_name (self->list_stack, empty ? "empty" : "list");
}

static void
show_in_detail (ClosenessSelfcarePage *self,
                ClosenessActivity     *activity)
{
  ClosenessActivityHistory *history = NULL;

  if (activity != NULL)
    history = _closeness_selfcare_page_get_history (self, closeness_record_get_id (
                                                            CLOSENESS_RECORD (activity)));
  closeness_activity_detail_show (self->detail, activity, history);
}

/* A row needs the recent days of its activity; the detail reads them all. */
static gboolean
load_recent_days (ClosenessSelfcarePage     *self,
                  ClosenessActivity         *activity,
                  ClosenessActivityHistory  *history,
                  GError                   **error)
{
  ClosenessHabitGoal goal;

  closeness_selfcare_activity_get_goal (activity, &goal);

  return closeness_activity_history_load_recent (history,
                                                 closeness_habit_recent_start (&goal, self->today),
                                                 error);
}

/* The rows' streaks and scores need every activity's history: read after
 * the page's first frame, so the page shows at once with its names, goals
 * and buttons, and the figures follow. */
static gboolean
load_histories_cb (gpointer data)
{
  ClosenessSelfcarePage *self = data;
  guint n = self->visible != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->visible)) : 0;

  self->load_source = 0;

  /* Switched away before the idle ran: read them when it shows again. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return G_SOURCE_REMOVE;

  self->histories_ready = TRUE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessActivity) activity =
        g_list_model_get_item (G_LIST_MODEL (self->visible), i);
      g_autoptr(GError) error = NULL;
      ClosenessActivityHistory *history =
        _closeness_selfcare_page_get_history (self, closeness_record_get_id (
                                                      CLOSENESS_RECORD (activity)));

      if (!load_recent_days (self, activity, history, &error))
        g_warning ("Could not read an activity's days: %s", error->message);
    }

  return G_SOURCE_REMOVE;
}

static void
page_mapped_cb (ClosenessSelfcarePage *self)
{
  if (self->histories_ready || self->load_source != 0)
    return;

  /* Low priority: after the frame that shows the page has been drawn. */
  self->load_source = g_idle_add_full (G_PRIORITY_LOW, load_histories_cb, self, NULL);
}

/* One function decides which actions are enabled. */
void
_closeness_selfcare_page_update_actions (ClosenessSelfcarePage *self)
{
  gboolean writable = self->store != NULL && !closeness_store_get_read_only (self->store);
  gboolean have = closeness_activity_detail_get_activity (self->detail) != NULL;
  gboolean can_log = closeness_activity_detail_get_can_log (self->detail);
  gboolean logged = closeness_activity_detail_get_day_logged (self->detail);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.add-activity", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.import", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.export", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.edit-activity", have && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.delete-activity", have && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.add-reminder", have && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.move-up", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.move-down", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.move-to", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.archive", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.unarchive", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.remove-reminder", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.log-done", can_log);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.log-rest", can_log);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.remove-day", can_log && logged);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "selfcare.go-back",
                                 adw_leaflet_get_folded (self->leaflet));
}

/* Template callbacks */

static gboolean
is_shown_cb (gpointer           this_object,
             ClosenessActivity *activity)
{
  return activity != NULL;
}

static char *
detail_page_name_cb (gpointer           this_object,
                     ClosenessActivity *activity)
{
  return g_strdup (activity != NULL ? "activity" : "none");
}

static void
leaflet_folded_cb (ClosenessSelfcarePage *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), folded);
  gtk_list_box_set_selection_mode (self->list_box,
                                   folded ? GTK_SELECTION_NONE : GTK_SELECTION_SINGLE);
  gtk_list_box_set_selection_mode (self->archived_list,
                                   folded ? GTK_SELECTION_NONE : GTK_SELECTION_SINGLE);
  _closeness_selfcare_page_update_actions (self);
}

static void
row_activated_cb (ClosenessSelfcarePage *self,
                  GtkListBoxRow         *row)
{
  if (!CLOSENESS_IS_ACTIVITY_ROW (row))
    return;

  show_in_detail (self, closeness_activity_row_get_activity (CLOSENESS_ACTIVITY_ROW (row)));
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

static void
me_changed_cb (ClosenessSelfcarePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->me_dropdown);

  if (!self->updating && selected <= 1)
    closeness_selfcare_page_set_me (self, selected);
}

static void
view_toggled_cb (ClosenessSelfcarePage *self,
                 GtkToggleButton       *button)
{
  if (!gtk_toggle_button_get_active (button) || self->updating)
    return;

  if (button == self->partner_toggle)
    closeness_selfcare_page_set_view (self, CLOSENESS_SELFCARE_VIEW_PARTNER);
  else if (button == self->together_toggle)
    closeness_selfcare_page_set_view (self, CLOSENESS_SELFCARE_VIEW_TOGETHER);
  else
    closeness_selfcare_page_set_view (self, CLOSENESS_SELFCARE_VIEW_ME);
}

/* Callbacks */

static gboolean
model_contains (GListModel *model,
                gpointer    item)
{
  guint n = model != NULL ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (model, i);

      if (other == item)
        return TRUE;
    }

  return FALSE;
}

static void
visible_changed_cb (ClosenessSelfcarePage *self)
{
  ClosenessActivity *shown = closeness_activity_detail_get_activity (self->detail);
  gboolean found;

  update_empty_state (self);

  /* The shown activity left this view (deleted, made private); archived,
   * it stays in the detail and moves to the Archived section. */
  if (shown == NULL)
    return;

  found = model_contains (G_LIST_MODEL (self->visible), shown) ||
          model_contains (G_LIST_MODEL (self->archived), shown);

  if (!found)
    {
      show_in_detail (self, NULL);
      adw_leaflet_set_visible_child_name (self->leaflet, "list");
    }
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  ClosenessSelfcarePage *self = user_data;
  gint64 id = closeness_record_get_id (CLOSENESS_RECORD (item));
  ClosenessActivityHistory *history = _closeness_selfcare_page_get_history (self, id);
  g_autoptr(GError) error = NULL;
  GtkWidget *row;

  /* A row made once the page is shown (a new activity, another view) has
   * its figures at once. */
  if (self->histories_ready && !load_recent_days (self, item, history, &error))
    g_warning ("Could not read an activity's days: %s", error->message);

  row = closeness_activity_row_new (item, history, self->today);

  g_object_bind_property (self, "view", row, "view", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "me", row, "me", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "partner-names", row, "partner-names", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->partner_colors, "colors", row, "partner-colors",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->store, "read-only", row, "writable",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_signal_connect_object (row, "done-toggled", G_CALLBACK (_closeness_selfcare_page_done_toggled),
                           self, 0);
  g_signal_connect_object (row, "amount-logged",
                           G_CALLBACK (_closeness_selfcare_page_amount_logged), self, 0);

  return row;
}

/* GObject */

static void
closeness_selfcare_page_dispose (GObject *object)
{
  ClosenessSelfcarePage *self = CLOSENESS_SELFCARE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->visible);
  g_clear_object (&self->archived);
  g_clear_object (&self->filter);
  g_clear_object (&self->partner_colors);
  g_clear_handle_id (&self->load_source, g_source_remove);
  g_clear_pointer (&self->histories, g_hash_table_unref);
  g_clear_object (&self->store);
  if (self->last_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->last_toast), (gpointer *) &self->last_toast);
  self->last_toast = NULL;

  G_OBJECT_CLASS (closeness_selfcare_page_parent_class)->dispose (object);
}

static void
closeness_selfcare_page_finalize (GObject *object)
{
  ClosenessSelfcarePage *self = CLOSENESS_SELFCARE_PAGE (object);

  g_strfreev (self->partner_names);

  G_OBJECT_CLASS (closeness_selfcare_page_parent_class)->finalize (object);
}

static void
closeness_selfcare_page_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ClosenessSelfcarePage *self = CLOSENESS_SELFCARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_VIEW:
      g_value_set_uint (value, self->view);
      break;
    case PROP_ME:
      g_value_set_uint (value, self->me);
      break;
    case PROP_PARTNER_NAMES:
      g_value_set_boxed (value, self->partner_names);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_selfcare_page_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ClosenessSelfcarePage *self = CLOSENESS_SELFCARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      closeness_selfcare_page_set_store (self, g_value_get_object (value));
      break;
    case PROP_VIEW:
      closeness_selfcare_page_set_view (self, g_value_get_uint (value));
      break;
    case PROP_ME:
      closeness_selfcare_page_set_me (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_selfcare_page_class_init (ClosenessSelfcarePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_selfcare_page_dispose;
  object_class->finalize = closeness_selfcare_page_finalize;
  object_class->get_property = closeness_selfcare_page_get_property;
  object_class->set_property = closeness_selfcare_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CLOSENESS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEW] = closeness_selfcare_view_param_spec ();
  properties[PROP_ME] = closeness_selfcare_me_param_spec ();
  /* The partners' names as shown, slot 0 first. */
  properties[PROP_PARTNER_NAMES] =
    g_param_spec_boxed ("partner-names", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CLOSENESS_TYPE_ACTIVITY_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Closeness/closeness-selfcare-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, me_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, me_toggle);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, partner_toggle);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, together_toggle);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, list_scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, list_box);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, archived_expander);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, archived_list);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessSelfcarePage, detail);
  /* Not used here; bound so tests can measure and reach them. */
  gtk_widget_class_bind_template_child_full (widget_class, "sidebar", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "detail_pane", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "detail_title", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "edit_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "menu_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, is_shown_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_page_name_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, me_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_toggled_cb);

  _closeness_selfcare_page_class_init_actions (widget_class);
}

static void
closeness_selfcare_page_init (ClosenessSelfcarePage *self)
{
  g_autoptr(GtkListItemFactory) button_factory = new_name_factory (TRUE);
  g_autoptr(GtkListItemFactory) list_factory = new_name_factory (FALSE);

  gtk_widget_init_template (GTK_WIDGET (self));
  closeness_leaflet_fold_at_once_when_shown (self->leaflet);
  /* An activity dragged to a place off screen scrolls the list there. */
  closeness_drag_scroll_attach (self->list_scrolled_window);

  self->histories = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  g_signal_connect (self, "map", G_CALLBACK (page_mapped_cb), NULL);
  self->today = closeness_habit_today ();
  self->cancellable = g_cancellable_new ();

  gtk_drop_down_set_factory (self->me_dropdown, button_factory);
  gtk_drop_down_set_list_factory (self->me_dropdown, list_factory);
  /* GTK 4.8 reads the drop-down's own button by its type name. */
  {
    GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->me_dropdown));

    if (GTK_IS_TOGGLE_BUTTON (button))
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Who Is Using Closeness"), -1);
  }

  g_object_bind_property (self, "view", self->detail, "view", G_BINDING_SYNC_CREATE);
  g_object_bind_property (self, "me", self->detail, "me", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->detail, "notify::activity",
                           G_CALLBACK (_closeness_selfcare_page_update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->detail, "notify::can-log",
                           G_CALLBACK (_closeness_selfcare_page_update_actions), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->detail, "notify::day-logged",
                           G_CALLBACK (_closeness_selfcare_page_update_actions), self,
                           G_CONNECT_SWAPPED);

  self->filter = gtk_custom_filter_new (filter_activity_cb, self, NULL);
  leaflet_folded_cb (self);
}

/* Private API */

/* Returns: (transfer none): an activity's history, the same for its row
 * and the detail; not read until someone loads it */
ClosenessActivityHistory *
_closeness_selfcare_page_get_history (ClosenessSelfcarePage *self,
                                      gint64                 activity_id)
{
  ClosenessActivityHistory *history = g_hash_table_lookup (self->histories, &activity_id);
  gint64 *key;

  if (history != NULL)
    return history;

  history = closeness_activity_history_new (self->store, activity_id);
  key = g_new (gint64, 1);
  *key = activity_id;
  g_hash_table_insert (self->histories, key, history);

  return history;
}

/* Public API */

GtkWidget *
closeness_selfcare_page_new (ClosenessStore *store)
{
  return g_object_new (CLOSENESS_TYPE_SELFCARE_PAGE, "store", store, NULL);
}

ClosenessStore *
closeness_selfcare_page_get_store (ClosenessSelfcarePage *self)
{
  g_return_val_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self), NULL);

  return self->store;
}

void
closeness_selfcare_page_set_store (ClosenessSelfcarePage *self,
                                   ClosenessStore        *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *me = NULL;
  g_autofree char *view = NULL;
  ClosenessSelfcareView remembered = CLOSENESS_SELFCARE_VIEW_ME;

  g_return_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self));
  g_return_if_fail (store == NULL || CLOSENESS_IS_STORE (store));

  if (self->store == store)
    return;

  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);

  if (!closeness_selfcare_ensure_builtins (store, &error))
    g_warning ("Could not add the built-in activities: %s", error->message);

  me = closeness_store_dup_state (store, CLOSENESS_SELFCARE_ME_KEY);
  self->me = closeness_selfcare_parse_me (me);
  view = closeness_store_dup_state (store, VIEW_KEY);
  closeness_selfcare_view_from_string (view, &remembered);
  self->view = remembered;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ME]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);

  self->updating = TRUE;
  gtk_toggle_button_set_active (self->view == CLOSENESS_SELFCARE_VIEW_PARTNER ? self->partner_toggle
                                : self->view == CLOSENESS_SELFCARE_VIEW_TOGETHER
                                  ? self->together_toggle
                                  : self->me_toggle,
                                TRUE);
  self->updating = FALSE;

  self->partner_colors = closeness_partner_names_new (closeness_store_get_partners (self->store));
  partners_changed_cb (self);
  g_signal_connect_object (closeness_store_get_partners (store), "items-changed",
                           G_CALLBACK (partners_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "notify::read-only",
                           G_CALLBACK (_closeness_selfcare_page_update_actions), self,
                           G_CONNECT_SWAPPED);
  g_object_bind_property (store, "read-only", self->detail, "writable",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_object_set (self->detail, "reminders", closeness_store_get_reminders (store), NULL);

  watch_activities (self);
  g_signal_connect_object (closeness_store_get_activities (store), "items-changed",
                           G_CALLBACK (watch_activities), self, G_CONNECT_SWAPPED);
  self->visible = gtk_filter_list_model_new (g_object_ref (closeness_store_get_activities (store)),
                                             GTK_FILTER (g_steal_pointer (&self->filter)));
  g_signal_connect_object (self->visible, "items-changed", G_CALLBACK (visible_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->visible), create_row_cb, self, NULL);

  self->archived = gtk_filter_list_model_new (g_object_ref (closeness_store_get_activities (store)),
                                              GTK_FILTER (gtk_custom_filter_new (filter_archived_cb,
                                                                                 self, NULL)));
  g_signal_connect_object (self->archived, "items-changed", G_CALLBACK (visible_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->archived_list, G_LIST_MODEL (self->archived), create_row_cb, self,
                           NULL);

  update_empty_state (self);
  _closeness_selfcare_page_update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

ClosenessSelfcareView
closeness_selfcare_page_get_view (ClosenessSelfcarePage *self)
{
  g_return_val_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self), 0);

  return self->view;
}

static void
refilter (ClosenessSelfcarePage *self)
{
  if (self->visible == NULL)
    return;

  gtk_filter_changed (gtk_filter_list_model_get_filter (self->visible),
                      GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->archived),
                      GTK_FILTER_CHANGE_DIFFERENT);
  update_empty_state (self);
}

void
closeness_selfcare_page_set_view (ClosenessSelfcarePage *self,
                                  ClosenessSelfcareView  view)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self));
  g_return_if_fail (view <= CLOSENESS_SELFCARE_VIEW_TOGETHER);

  if (self->view == view)
    return;

  self->view = view;

  self->updating = TRUE;
  gtk_toggle_button_set_active (view == CLOSENESS_SELFCARE_VIEW_PARTNER ? self->partner_toggle
                                : view == CLOSENESS_SELFCARE_VIEW_TOGETHER ? self->together_toggle
                                : self->me_toggle, TRUE);
  self->updating = FALSE;

  if (self->store != NULL && !closeness_store_get_read_only (self->store) &&
      !closeness_store_set_state (self->store, VIEW_KEY, closeness_selfcare_view_to_string (view),
                                  &error))
    g_warning ("Could not remember the self-care view: %s", error->message);

  /* New rows are made for the new view; the rows that stay and the
   * detail follow through their bindings. */
  refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

guint
closeness_selfcare_page_get_me (ClosenessSelfcarePage *self)
{
  g_return_val_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self), 0);

  return self->me;
}

void
closeness_selfcare_page_set_me (ClosenessSelfcarePage *self,
                                guint                  me)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self));
  g_return_if_fail (me <= 1);

  if (self->me == me)
    return;

  self->me = me;

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->me_dropdown, me);
  self->updating = FALSE;

  if (self->store != NULL && !closeness_store_get_read_only (self->store) &&
      !closeness_store_set_state (self->store, CLOSENESS_SELFCARE_ME_KEY, me == 1 ? "1" : "0",
                                  &error))
    g_warning ("Could not remember who uses the computer: %s", error->message);

  refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ME]);
}

/* Returns: (transfer none) (nullable): an activity's row in today's list
 * or in the Archived section, and its activity */
static GtkListBoxRow *
find_row (ClosenessSelfcarePage  *self,
          gint64                  activity_id,
          ClosenessActivity     **activity_out)
{
  GListModel *models[] = { G_LIST_MODEL (self->visible), G_LIST_MODEL (self->archived) };
  GtkListBox *boxes[] = { self->list_box, self->archived_list };

  for (guint m = 0; m < G_N_ELEMENTS (models) && models[m] != NULL; m++)
    {
      guint n = g_list_model_get_n_items (models[m]);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ClosenessActivity) activity = g_list_model_get_item (models[m], i);

          if (closeness_record_get_id (CLOSENESS_RECORD (activity)) == activity_id)
            {
              if (activity_out != NULL)
                *activity_out = activity;
              return gtk_list_box_get_row_at_index (boxes[m], i);
            }
        }
    }

  return NULL;
}

gboolean
closeness_selfcare_page_show_activity (ClosenessSelfcarePage *self,
                                       gint64                 activity_id)
{
  ClosenessActivity *activity = NULL;
  GtkListBoxRow *row;

  g_return_val_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self), FALSE);

  if (self->visible == NULL)
    return FALSE;

  row = find_row (self, activity_id, &activity);
  if (activity == NULL)
    return FALSE;

  if (row != NULL && !adw_leaflet_get_folded (self->leaflet))
    gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))), row);
  show_in_detail (self, activity);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");

  return TRUE;
}

ClosenessActivity *
closeness_selfcare_page_get_activity (ClosenessSelfcarePage *self)
{
  g_return_val_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self), NULL);

  return closeness_activity_detail_get_activity (self->detail);
}

/* Returns: (transfer none) (nullable): the list row of an activity, in
 * today's list or the Archived section */
GtkWidget *
closeness_selfcare_page_get_row (ClosenessSelfcarePage *self,
                                 gint64                 activity_id)
{
  g_return_val_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self), NULL);

  if (self->visible == NULL)
    return NULL;

  return GTK_WIDGET (find_row (self, activity_id, NULL));
}

guint
closeness_selfcare_page_get_n_rows (ClosenessSelfcarePage *self)
{
  g_return_val_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self), 0);

  return self->visible != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->visible)) : 0;
}

/* Opens the editor for a new activity, as the + button does. */
GtkWidget *
closeness_selfcare_page_add_activity (ClosenessSelfcarePage *self)
{
  g_return_val_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self), NULL);

  return _closeness_selfcare_page_open_editor (self, NULL);
}

void
closeness_selfcare_page_dismiss_toasts (ClosenessSelfcarePage *self)
{
  g_return_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self));

  if (self->last_toast != NULL)
    adw_toast_dismiss (self->last_toast);
}

/* Presses Undo on the newest toast, as a person would. */
gboolean
closeness_selfcare_page_undo (ClosenessSelfcarePage *self)
{
  g_return_val_if_fail (CLOSENESS_IS_SELFCARE_PAGE (self), FALSE);

  if (self->last_toast == NULL || adw_toast_get_button_label (self->last_toast) == NULL)
    return FALSE;

  g_signal_emit_by_name (self->last_toast, "button-clicked");
  adw_toast_dismiss (self->last_toast);

  return TRUE;
}
