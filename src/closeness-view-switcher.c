/* closeness-view-switcher.c: the header bar's page switcher
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Looks and behaves like libadwaita's AdwViewSwitcher in its wide policy:
 * one flat toggle button per page of an AdwViewStack, icon beside title,
 * all as wide as the widest, libadwaita's own "viewswitcher" styles, a tab
 * list for screen readers, and a page that opens when something is dragged
 * over its button. libadwaita 1.2's switcher also builds a narrow layout of
 * every button (a second icon, label and indicator, and a stack of two
 * labels for each layout: 13 widgets and 4 labels a page) and measures it
 * on every layout, though the header never shows it: that cost the first
 * frame ~4 % of the start-up time (docs/BENCHMARKS.md). The narrow window's
 * bottom bar is still libadwaita's AdwViewSwitcherBar.
 */

#include "config.h"

#include "closeness-view-switcher.h"

/* How long something dragged over a page's button waits before the page opens. */
#define DRAG_SWITCH_DELAY_MS 500

/* One page's button. */

#define CLOSENESS_TYPE_VIEW_SWITCHER_BUTTON (closeness_view_switcher_button_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessViewSwitcherButton, closeness_view_switcher_button,
                      CLOSENESS, VIEW_SWITCHER_BUTTON, GtkToggleButton)

struct _ClosenessViewSwitcherButton
{
  GtkToggleButton  parent_instance;

  AdwViewStackPage *page;
  GtkImage         *image;
  GtkLabel         *label;
  guint             drag_switch_id;
};

G_DEFINE_FINAL_TYPE (ClosenessViewSwitcherButton, closeness_view_switcher_button, GTK_TYPE_TOGGLE_BUTTON)

static void
update_selected (ClosenessViewSwitcherButton *self)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_SELECTED,
                               gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self)), -1);
}

static void
update_title (ClosenessViewSwitcherButton *self)
{
  const char *title = adw_view_stack_page_get_title (self->page);

  gtk_label_set_use_underline (self->label, adw_view_stack_page_get_use_underline (self->page));
  /* Screen readers name the tab from this label (GTK 4.8 would say an
   * accessible label given as well twice). */
  gtk_label_set_label (self->label, title != NULL ? title : "");
}

static gboolean
drag_switch_cb (gpointer user_data)
{
  ClosenessViewSwitcherButton *self = user_data;

  self->drag_switch_id = 0;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self), TRUE);

  return G_SOURCE_REMOVE;
}

static void
drag_enter_cb (ClosenessViewSwitcherButton *self)
{
  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self)) || self->drag_switch_id != 0)
    return;

  self->drag_switch_id = g_timeout_add (DRAG_SWITCH_DELAY_MS, drag_switch_cb, self);
  g_source_set_name_by_id (self->drag_switch_id, "[closeness] switch page under a drag");
}

static void
drag_leave_cb (ClosenessViewSwitcherButton *self)
{
  g_clear_handle_id (&self->drag_switch_id, g_source_remove);
}

static void
closeness_view_switcher_button_dispose (GObject *object)
{
  ClosenessViewSwitcherButton *self = CLOSENESS_VIEW_SWITCHER_BUTTON (object);

  g_clear_handle_id (&self->drag_switch_id, g_source_remove);
  if (self->page != NULL)
    g_signal_handlers_disconnect_by_data (self->page, self);
  g_clear_object (&self->page);

  G_OBJECT_CLASS (closeness_view_switcher_button_parent_class)->dispose (object);
}

static void
closeness_view_switcher_button_class_init (ClosenessViewSwitcherButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_view_switcher_button_dispose;

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TAB);
}

static void
closeness_view_switcher_button_init (ClosenessViewSwitcherButton *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkEventController *motion = gtk_drop_controller_motion_new ();

  gtk_widget_add_css_class (GTK_WIDGET (self), "flat");
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (box, "wide");

  self->image = GTK_IMAGE (gtk_image_new ());
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->image));
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_mnemonic_widget (self->label, GTK_WIDGET (self));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  gtk_button_set_child (GTK_BUTTON (self), box);

  g_signal_connect_swapped (motion, "enter", G_CALLBACK (drag_enter_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (drag_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect (self, "notify::active", G_CALLBACK (update_selected), NULL);
  update_selected (self);
}

static GtkWidget *
closeness_view_switcher_button_new (AdwViewStackPage *page)
{
  ClosenessViewSwitcherButton *self = g_object_new (CLOSENESS_TYPE_VIEW_SWITCHER_BUTTON, NULL);

  self->page = g_object_ref (page);
  g_object_bind_property (page, "icon-name", self->image, "icon-name", G_BINDING_SYNC_CREATE);
  g_object_bind_property (page, "visible", self, "visible", G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (page, "notify::title", G_CALLBACK (update_title), self);
  g_signal_connect_swapped (page, "notify::use-underline", G_CALLBACK (update_title), self);
  update_title (self);

  return GTK_WIDGET (self);
}

/* The switcher */

struct _ClosenessViewSwitcher
{
  GtkWidget           parent_instance;

  AdwViewStack       *stack;
  GtkSelectionModel  *pages;
  gboolean            syncing;
};

G_DEFINE_FINAL_TYPE (ClosenessViewSwitcher, closeness_view_switcher, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static ClosenessViewSwitcherButton *
get_button (ClosenessViewSwitcher *self,
            guint                  position)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));

  for (guint i = 0; child != NULL && i < position; i++)
    child = gtk_widget_get_next_sibling (child);

  return (ClosenessViewSwitcherButton *) child;
}

/* The stack's selection → the buttons. */
static void
sync_active (ClosenessViewSwitcher *self)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));

  self->syncing = TRUE;
  for (guint i = 0; child != NULL; i++, child = gtk_widget_get_next_sibling (child))
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (child),
                                  gtk_selection_model_is_selected (self->pages, i));
  self->syncing = FALSE;
}

/* A button → the stack. */
static void
button_toggled_cb (GtkToggleButton       *button,
                   ClosenessViewSwitcher *self)
{
  ClosenessViewSwitcherButton *page_button = CLOSENESS_VIEW_SWITCHER_BUTTON (button);

  if (self->syncing)
    return;

  if (gtk_toggle_button_get_active (button))
    adw_view_stack_set_visible_child (self->stack, adw_view_stack_page_get_child (page_button->page));
  else
    /* Pressing the page that is already shown keeps it shown. */
    sync_active (self);
}

static void
pages_changed_cb (GListModel            *pages,
                  guint                  position,
                  guint                  removed,
                  guint                  added,
                  ClosenessViewSwitcher *self)
{
  for (guint i = 0; i < removed; i++)
    {
      GtkWidget *button = GTK_WIDGET (get_button (self, position));

      if (button != NULL)
        gtk_widget_unparent (button);
    }

  for (guint i = 0; i < added; i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, position + i);
      GtkWidget *button = closeness_view_switcher_button_new (page);
      GtkWidget *before = position + i > 0 ? GTK_WIDGET (get_button (self, position + i - 1)) : NULL;

      g_signal_connect (button, "toggled", G_CALLBACK (button_toggled_cb), self);
      gtk_widget_insert_after (button, GTK_WIDGET (self), before);
    }

  sync_active (self);
}

static void
selection_changed_cb (ClosenessViewSwitcher *self)
{
  sync_active (self);
}

static void
clear_buttons (ClosenessViewSwitcher *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
}

/**
 * closeness_view_switcher_set_stack:
 * @stack: (nullable): the stack whose pages get a button each
 */
void
closeness_view_switcher_set_stack (ClosenessViewSwitcher *self,
                                   AdwViewStack          *stack)
{
  g_return_if_fail (CLOSENESS_IS_VIEW_SWITCHER (self));
  g_return_if_fail (stack == NULL || ADW_IS_VIEW_STACK (stack));

  if (self->stack == stack)
    return;

  if (self->pages != NULL)
    g_signal_handlers_disconnect_by_data (self->pages, self);
  g_clear_object (&self->pages);
  g_clear_object (&self->stack);
  clear_buttons (self);

  if (stack != NULL)
    {
      self->stack = g_object_ref (stack);
      self->pages = adw_view_stack_get_pages (stack);
      g_signal_connect (self->pages, "items-changed", G_CALLBACK (pages_changed_cb), self);
      g_signal_connect_swapped (self->pages, "selection-changed", G_CALLBACK (selection_changed_cb), self);
      pages_changed_cb (G_LIST_MODEL (self->pages), 0, 0,
                        g_list_model_get_n_items (G_LIST_MODEL (self->pages)), self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STACK]);
}

AdwViewStack *
closeness_view_switcher_get_stack (ClosenessViewSwitcher *self)
{
  g_return_val_if_fail (CLOSENESS_IS_VIEW_SWITCHER (self), NULL);

  return self->stack;
}

GtkWidget *
closeness_view_switcher_new (void)
{
  return g_object_new (CLOSENESS_TYPE_VIEW_SWITCHER, NULL);
}

static void
closeness_view_switcher_dispose (GObject *object)
{
  closeness_view_switcher_set_stack (CLOSENESS_VIEW_SWITCHER (object), NULL);

  G_OBJECT_CLASS (closeness_view_switcher_parent_class)->dispose (object);
}

static void
closeness_view_switcher_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ClosenessViewSwitcher *self = CLOSENESS_VIEW_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_STACK:
      g_value_set_object (value, self->stack);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_view_switcher_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ClosenessViewSwitcher *self = CLOSENESS_VIEW_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_STACK:
      closeness_view_switcher_set_stack (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_view_switcher_class_init (ClosenessViewSwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_view_switcher_dispose;
  object_class->get_property = closeness_view_switcher_get_property;
  object_class->set_property = closeness_view_switcher_set_property;

  properties[PROP_STACK] =
    g_param_spec_object ("stack", NULL, NULL, ADW_TYPE_VIEW_STACK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* libadwaita's styles for its switcher apply as they are. */
  gtk_widget_class_set_css_name (widget_class, "viewswitcher");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TAB_LIST);
}

static void
closeness_view_switcher_init (ClosenessViewSwitcher *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  /* Every button as wide as the widest, as in AdwViewSwitcher. */
  gtk_box_layout_set_homogeneous (GTK_BOX_LAYOUT (layout), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "wide");
}
