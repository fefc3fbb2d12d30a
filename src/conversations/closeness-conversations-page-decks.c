/* closeness-conversations-page-decks.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The decks on the Conversations overview: the grid of ClosenessDeckCards
 * and the chooser next to “Draw a Card”, both bound to the decks that may
 * appear (a GtkFilterListModel over the store's decks, without the desire
 * deck until both partners chose it). The grid is bound right after the
 * page's first frame; how far the couple got in each deck is counted from
 * the store's prompt keys, so the grid does not load every prompt.
 */

#define G_LOG_DOMAIN "closeness-conversations"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-conversations-page-private.h"
#include "closeness-deck-card.h"

static gint64
get_id (gpointer record)
{
  return closeness_record_get_id (CLOSENESS_RECORD (record));
}

static gboolean
deck_filter_cb (gpointer item,
                gpointer user_data)
{
  ClosenessConversationsPage *self = user_data;
  ClosenessPromptFilter filter;

  /* A closed deck is not there at all, neither in the grid nor the chooser. */
  closeness_conversations_page_get_filter (self, &filter);

  return closeness_prompt_filter_allows_deck (&filter, get_id (item));
}

static char *
dup_deck_progress (ClosenessConversationsPage *self,
                   ClosenessDeck              *deck)
{
  g_autoptr(GArray) keys = NULL;
  g_autoptr(GError) error = NULL;
  ClosenessPromptFilter filter;
  guint discussed = 0, total = 0;

  if (self->store == NULL)
    return closeness_conversation_format_progress (0, 0);

  /* Kept by the store until the data changes: one read for all the cards. */
  keys = closeness_store_get_prompt_keys (self->store, &error);
  if (keys == NULL)
    {
      g_debug ("Could not count a deck's progress: %s", error->message);
      return closeness_conversation_format_progress (0, 0);
    }

  closeness_conversations_page_get_filter (self, &filter);
  closeness_conversation_count_progress_keys (keys, &filter, get_id (deck), &discussed, &total);

  return closeness_conversation_format_progress (discussed, total);
}

static GtkWidget *
create_deck_card_cb (gpointer item,
                     gpointer user_data)
{
  ClosenessConversationsPage *self = user_data;
  GtkWidget *card = closeness_deck_card_new (item);
  g_autofree char *progress = dup_deck_progress (self, item);

  closeness_deck_card_set_progress (CLOSENESS_DECK_CARD (card), progress);

  /* The deck's counts change with its prompts (one discussed, added,
   * retired), here or in another program, also while nothing has loaded
   * the prompts model. */
  g_signal_connect_object (item, "notify::discussed-count",
                           G_CALLBACK (closeness_conversations_page_queue_refresh), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (item, "notify::prompt-count",
                           G_CALLBACK (closeness_conversations_page_queue_refresh), self,
                           G_CONNECT_SWAPPED);

  return card;
}

/* How far the couple got changes with the prompts (a conversation marked,
 * a question added) and with the ceiling; the cards themselves come and go
 * with the decks model. */
static void
update_progress (ClosenessConversationsPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->decks_flow_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autofree char *progress = NULL;

      if (!CLOSENESS_IS_DECK_CARD (child))
        continue;

      progress =
        dup_deck_progress (self, closeness_deck_card_get_deck (CLOSENESS_DECK_CARD (child)));
      closeness_deck_card_set_progress (CLOSENESS_DECK_CARD (child), progress);
    }
}

static void
deck_activated_cb (ClosenessConversationsPage *self,
                   GtkFlowBoxChild            *child)
{
  if (CLOSENESS_IS_DECK_CARD (child))
    closeness_conversations_page_open_deck (self, get_id (closeness_deck_card_get_deck (
                                                    CLOSENESS_DECK_CARD (child))));
}

/* GtkFlowBox has no Enter binding for its children: a focused deck card
 * opens with Enter, the keypad's Enter or Space, as it does with a click. */
static gboolean
activate_focused_deck_cb (GtkWidget *widget,
                          GVariant  *args,
                          gpointer   user_data)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *child = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_FLOW_BOX_CHILD)
                                   : NULL;

  if (child == NULL || gtk_widget_get_parent (child) != widget)
    return FALSE;

  g_signal_emit_by_name (widget, "child-activated", child);

  return TRUE;
}

static void
add_deck_card_shortcuts (ClosenessConversationsPage *self)
{
  static const guint keyvals[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter,
                                   GDK_KEY_space, GDK_KEY_KP_Space };
  GtkEventController *controller = gtk_shortcut_controller_new ();
  g_autoptr(GtkShortcutAction) action =
    gtk_callback_action_new (activate_focused_deck_cb, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (keyvals); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keyvals[i], 0),
                                                            g_object_ref (action)));
  gtk_widget_add_controller (GTK_WIDGET (self->decks_flow_box), controller);
}

/* The grid is bound right after the page's first frame: that frame shows
 * tonight's question at once, the cards follow in the next one. Measuring
 * some twenty cards of wrapping text costs more than half of the rest of
 * the first frame (see closeness-deck-card.ui). */
void
closeness_conversations_page_bind_grid (ClosenessConversationsPage *self)
{
  if (self->grid_bound)
    return;

  self->grid_bound = TRUE;
  gtk_flow_box_bind_model (self->decks_flow_box, G_LIST_MODEL (self->shown_decks),
                           create_deck_card_cb, self, NULL);
}

static void
disconnect_grid_after_paint (ClosenessConversationsPage *self)
{
  if (self->grid_frame_clock != NULL)
    {
      g_clear_signal_handler (&self->grid_after_paint_id, self->grid_frame_clock);
      g_clear_object (&self->grid_frame_clock);
    }
}

static gboolean
grid_idle_cb (gpointer user_data)
{
  ClosenessConversationsPage *self = user_data;

  self->grid_idle_id = 0;
  closeness_conversations_page_bind_grid (self);

  return G_SOURCE_REMOVE;
}

static void
grid_after_paint_cb (GdkFrameClock              *frame_clock,
                     ClosenessConversationsPage *self)
{
  disconnect_grid_after_paint (self);

  if (self->grid_idle_id == 0)
    {
      self->grid_idle_id = g_idle_add (grid_idle_cb, self);
      g_source_set_name_by_id (self->grid_idle_id, "[closeness] bind the deck grid");
    }
}

static void
page_map_cb (ClosenessConversationsPage *self)
{
  GdkFrameClock *frame_clock;

  if (self->grid_bound || self->grid_idle_id != 0 || self->grid_frame_clock != NULL)
    return;

  frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (frame_clock == NULL)
    {
      closeness_conversations_page_bind_grid (self);
      return;
    }

  self->grid_frame_clock = g_object_ref (frame_clock);
  self->grid_after_paint_id = g_signal_connect (frame_clock, "after-paint",
                                                G_CALLBACK (grid_after_paint_cb), self);
}

/* The deck chooser next to “Draw a Card” */

static void
update_chooser_label (ClosenessConversationsPage *self)
{
  GListModel *decks = G_LIST_MODEL (self->shown_decks);
  guint n = g_list_model_get_n_items (decks);
  guint n_excluded = 0;
  g_autofree char *label = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessDeck) deck = g_list_model_get_item (decks, i);

      if (closeness_conversations_page_is_deck_left_out (self, get_id (deck)))
        n_excluded++;
    }

  if (n_excluded == 0)
    label = g_strdup (_("All Decks"));
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Deck", "%u Decks", n - n_excluded),
                             n - n_excluded);

  gtk_menu_button_set_label (self->deck_chooser_button, label);
}

static void
deck_check_toggled_cb (GtkCheckButton             *check,
                       ClosenessConversationsPage *self)
{
  ClosenessDeck *deck = g_object_get_data (G_OBJECT (check), "deck");
  g_autoptr(GError) error = NULL;

  /* Kept with the couple's data, so the choice is still there tomorrow. */
  if (self->settings != NULL &&
      !closeness_conversation_settings_set_deck_left_out (self->settings, get_id (deck),
                                                          !gtk_check_button_get_active (check),
                                                          &error))
    closeness_conversations_page_report_error (self, error);

  update_chooser_label (self);
}

static GtkWidget *
create_deck_check_cb (gpointer item,
                      gpointer user_data)
{
  ClosenessConversationsPage *self = user_data;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *check = gtk_check_button_new_with_label (closeness_deck_get_display_name (item));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                               !closeness_conversations_page_is_deck_left_out (self,
                                                                               get_id (item)));
  g_object_set_data_full (G_OBJECT (check), "deck", g_object_ref (item), g_object_unref);
  g_signal_connect_object (check, "toggled", G_CALLBACK (deck_check_toggled_cb), self, 0);

  /* The check button is what a person presses, not the row around it. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), check);

  return row;
}

/* The list of decks lives in the chooser's popover, bound to the same
 * decks as the grid and made when it first opens; until then only the
 * label counts. */
static void
create_deck_chooser_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  ClosenessConversationsPage *self = user_data;
  GtkWidget *popover, *scrolled, *list;

  /* GtkMenuButton calls this each time before it pops up. */
  if (gtk_menu_button_get_popover (button) != NULL)
    return;

  popover = gtk_popover_new ();
  scrolled = gtk_scrolled_window_new ();
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "closeness-deck-chooser");
  gtk_list_box_bind_model (GTK_LIST_BOX (list), G_LIST_MODEL (self->shown_decks),
                           create_deck_check_cb, self, NULL);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_popover_set_child (GTK_POPOVER (popover), scrolled);
  gtk_menu_button_set_popover (button, popover);
}

/* The decks shown and the cards' progress and the chooser's count, which
 * no model says by itself. */
void
closeness_conversations_page_update_decks (ClosenessConversationsPage *self)
{
  update_progress (self);
  update_chooser_label (self);
}

void
_closeness_conversations_page_class_decks_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, deck_activated_cb);
}

void
_closeness_conversations_page_init_decks (ClosenessConversationsPage *self)
{
  self->deck_filter = gtk_custom_filter_new (deck_filter_cb, self, NULL);
  self->shown_decks =
    gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->deck_filter)));
  g_signal_connect (self, "map", G_CALLBACK (page_map_cb), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (disconnect_grid_after_paint), NULL);

  gtk_menu_button_set_create_popup_func (self->deck_chooser_button, create_deck_chooser_cb,
                                         self, NULL);
  add_deck_card_shortcuts (self);
}

void
_closeness_conversations_page_dispose_decks (ClosenessConversationsPage *self)
{
  g_clear_handle_id (&self->grid_idle_id, g_source_remove);
  disconnect_grid_after_paint (self);

  if (self->decks_flow_box != NULL)
    gtk_flow_box_bind_model (self->decks_flow_box, NULL, NULL, NULL, NULL);
}
