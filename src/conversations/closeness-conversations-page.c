/* closeness-conversations-page.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Conversations page: tonight's question, the decks, search, and the
 * views a person moves to (a list of questions, one conversation) in an
 * AdwLeaflet. What the couple does there (draw, print, write, delete) is in
 * closeness-conversations-page-actions.c.
 *
 * The page is the first a person sees. The deck grid, the chooser, the
 * search results and the lists are bound to the store's models through
 * filter and sort models (no rebuild on change); the grid is bound right
 * after the first frame (bind_grid()), and what is not on screen (a deck's
 * list, the search results, the conversation view, the deck chooser's
 * popover) is made when first needed.
 */

#define G_LOG_DOMAIN "closeness-conversations"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-conversations-page-private.h"
#include "closeness-deck-card.h"
#include "closeness-prompt-row.h"
#include "closeness-prompt-view.h"
#include "closeness-toast.h"

G_DEFINE_FINAL_TYPE (ClosenessConversationsPage, closeness_conversations_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DAY_PROMPT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
get_id (gpointer record)
{
  return closeness_record_get_id (CLOSENESS_RECORD (record));
}

static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return closeness_conversation_day_string (now);
}

/* What may appear now: asked for each time, never kept, so no path can
 * show a question from before the couple changed their minds. */
void
closeness_conversations_page_get_filter (ClosenessConversationsPage *self,
                                         ClosenessPromptFilter      *filter)
{
  if (self->settings == NULL)
    {
      *filter = (ClosenessPromptFilter) { .ceiling = CLOSENESS_INTENSITY_GENTLE, .closed_deck_id = 0 };
      return;
    }

  closeness_conversation_settings_get_filter (self->settings, filter);
}

gboolean
closeness_conversations_page_is_deck_left_out (ClosenessConversationsPage *self,
                                               gint64                      deck_id)
{
  return self->settings != NULL &&
         closeness_conversation_settings_get_deck_left_out (self->settings, deck_id);
}

ClosenessDeck *
closeness_conversations_page_find_deck (ClosenessConversationsPage *self,
                                        gint64                      deck_id)
{
  guint n = self->decks != NULL ? g_list_model_get_n_items (self->decks) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessDeck) deck = g_list_model_get_item (self->decks, i);

      if (get_id (deck) == deck_id)
        return g_steal_pointer (&deck);
    }

  return NULL;
}

void
closeness_conversations_page_show_toast (ClosenessConversationsPage *self,
                                         AdwToast                   *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
closeness_conversations_page_report_error (ClosenessConversationsPage *self,
                                           const GError               *error)
{
  /* Store messages are written for people and never contain their text. */
  g_warning ("A conversation change failed: %s", error->message);
  closeness_conversations_page_show_toast (self, closeness_toast_new (error->message));
}

static void store_changed_cb (ClosenessConversationsPage *self);

/* Every prompt, as a live model: for drawing, searching, the lists and the
 * deck cards' progress. Tonight's question does not need it (see
 * refresh_tonight()), so the page loads it with the deck grid, right after
 * its first frame, or when something asks for it first. */
GListModel *
closeness_conversations_page_ensure_prompts (ClosenessConversationsPage *self)
{
  if (self->prompts == NULL && self->store != NULL)
    {
      self->prompts = g_object_ref (closeness_store_get_prompts (self->store));
      g_signal_connect_object (self->prompts, "items-changed", G_CALLBACK (store_changed_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_filter_list_model_set_model (self->search_results, self->prompts);
    }

  return self->prompts;
}

/* Tonight's question */

static char *
get_day_text_cb (ClosenessConversationsPage *self,
                 ClosenessPrompt            *prompt,
                 const char                 *text)
{
  if (prompt == NULL)
    return g_strdup (_("No questions are available yet."));

  return g_strdup (closeness_prompt_get_display_text (prompt));
}

static char *
get_day_deck_cb (ClosenessConversationsPage *self,
                 ClosenessPrompt            *prompt)
{
  g_autoptr(ClosenessDeck) deck = NULL;

  if (prompt == NULL)
    return g_strdup (_("Add your own questions in a deck, or allow more intensities in Preferences."));

  deck = closeness_conversations_page_find_deck (self, closeness_prompt_get_deck_id (prompt));

  return g_strdup (deck != NULL ? closeness_deck_get_display_name (deck) : "");
}

static gboolean
is_set_cb (ClosenessConversationsPage *self,
           GObject                    *object)
{
  return object != NULL;
}

static void
refresh_tonight (ClosenessConversationsPage *self)
{
  g_autofree char *today = dup_today ();
  g_autoptr(ClosenessPrompt) prompt = NULL;
  ClosenessPromptFilter filter;

  closeness_conversations_page_get_filter (self, &filter);

  /* Before the prompts model is loaded (the first frame), chosen from the
   * prompts' keys and loaded alone; afterwards from the model in memory.
   * Both make the same choice (test-conversation-logic, test-consent). */
  if (self->prompts != NULL)
    prompt = closeness_conversation_prompt_of_the_day (self->prompts, &filter, today);
  else if (self->store != NULL)
    {
      g_autoptr(GArray) keys = NULL;
      g_autoptr(GError) error = NULL;
      gint64 id;

      keys = closeness_store_get_prompt_keys (self->store, &error);
      if (keys == NULL)
        g_debug ("Could not choose tonight's question: %s", error->message);

      id = keys != NULL ? closeness_conversation_pick_of_the_day (keys, &filter, today) : 0;
      if (id != 0)
        prompt = closeness_store_get_prompt (self->store, id);
    }

  /* The tonight card follows through bindings in the template. */
  if (g_set_object (&self->day_prompt, prompt))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY_PROMPT]);
}

static gboolean
midnight_cb (gpointer user_data)
{
  ClosenessConversationsPage *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  refresh_tonight (self);
  /* A fresh timer each day keeps suspend and clock changes from drifting it. */
  self->midnight_id = g_timeout_add_seconds (closeness_conversation_seconds_to_midnight (now) + 1,
                                             midnight_cb, self);

  return G_SOURCE_REMOVE;
}

/* The deck grid */

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
  ClosenessPromptFilter filter;
  guint discussed = 0, total = 0;

  closeness_conversations_page_get_filter (self, &filter);
  if (closeness_conversations_page_ensure_prompts (self) != NULL)
    closeness_conversation_count_progress (self->prompts, &filter, get_id (deck), &discussed, &total);

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

  return card;
}

/* How far the couple got changes with the prompts (a conversation marked,
 * a question added) and with the ceiling; the cards themselves come and go
 * with the decks model. */
static void
update_progress (ClosenessConversationsPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->decks_flow_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autofree char *progress = NULL;

      if (!CLOSENESS_IS_DECK_CARD (child))
        continue;

      progress = dup_deck_progress (self, closeness_deck_card_get_deck (CLOSENESS_DECK_CARD (child)));
      closeness_deck_card_set_progress (CLOSENESS_DECK_CARD (child), progress);
    }
}

static void
deck_activated_cb (ClosenessConversationsPage *self,
                   GtkFlowBoxChild            *child)
{
  if (CLOSENESS_IS_DECK_CARD (child))
    closeness_conversations_page_open_deck (self, get_id (closeness_deck_card_get_deck (CLOSENESS_DECK_CARD (child))));
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
  GtkWidget *child = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_FLOW_BOX_CHILD) : NULL;

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
  g_autoptr(GtkShortcutAction) action = gtk_callback_action_new (activate_focused_deck_cb, NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (keyvals); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keyvals[i], 0),
                                                            g_object_ref (action)));
  gtk_widget_add_controller (GTK_WIDGET (self->decks_flow_box), controller);
}

/* The grid is bound right after the page's first frame: that frame shows
 * tonight's question at once, the cards follow in the next one. Measuring
 * twelve cards of wrapping text costs as much as the rest of the first
 * frame (see closeness-deck-card.ui). */
static void
bind_grid (ClosenessConversationsPage *self)
{
  if (self->grid_bound)
    return;

  self->grid_bound = TRUE;
  closeness_conversations_page_ensure_prompts (self);
  closeness_conversations_page_refresh (self);
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
  bind_grid (self);

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
      bind_grid (self);
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
                               !closeness_conversations_page_is_deck_left_out (self, get_id (item)));
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

/* Search */

static gboolean
search_filter_cb (gpointer item,
                  gpointer user_data)
{
  ClosenessConversationsPage *self = user_data;
  ClosenessPromptFilter filter;

  if (self->search_query == NULL)
    return FALSE;

  closeness_conversations_page_get_filter (self, &filter);

  return closeness_prompt_filter_allows (&filter, item) &&
         closeness_prompt_matches (item, self->search_query);
}

static GtkWidget *
create_search_row_cb (gpointer item,
                      gpointer user_data)
{
  ClosenessConversationsPage *self = user_data;
  g_autoptr(ClosenessDeck) deck = closeness_conversations_page_find_deck (self, closeness_prompt_get_deck_id (item));

  return closeness_prompt_row_new (item, deck != NULL ? closeness_deck_get_display_name (deck) : NULL);
}

static void
search_results_changed_cb (ClosenessConversationsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->search_results));
  g_autofree char *count = NULL;

  if (self->search_count_label == NULL)
    return;

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u question found",
                                        "%u questions found", n), n);
  gtk_label_set_text (self->search_count_label, count);
  gtk_widget_set_visible (GTK_WIDGET (self->search_count_label), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->search_list), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->search_empty_status), n == 0);
}

static void
search_row_activated_cb (ClosenessConversationsPage *self,
                         ClosenessPromptRow         *row)
{
  closeness_conversations_page_open_prompt (self, closeness_prompt_row_get_prompt (row));
}

#define PARTS_RESOURCE "/com/example/Closeness/closeness-conversations-parts.ui"

/* The search results are not on the overview a person sees first: they are
 * built from closeness-conversations-parts.ui the first time a search runs,
 * with the page as the object their signals go to, as in its template. */
static void
ensure_search_results (ClosenessConversationsPage *self)
{
  g_autoptr(GtkBuilderScope) scope = NULL;
  g_autoptr(GError) error = NULL;
  const char *ids[] = { "search_results", NULL };
  GtkBuilder *builder;

  if (self->search_builder != NULL)
    return;

  scope = gtk_builder_cscope_new ();
  gtk_builder_cscope_add_callback (GTK_BUILDER_CSCOPE (scope), search_row_activated_cb);
  builder = self->search_builder = gtk_builder_new ();
  gtk_builder_set_scope (builder, scope);
  gtk_builder_set_current_object (builder, G_OBJECT (self));
  gtk_builder_set_translation_domain (builder, GETTEXT_PACKAGE);

  /* Our own resource: failing here is a bug in the build, not bad input. */
  if (!gtk_builder_add_objects_from_resource (builder, PARTS_RESOURCE, ids, &error))
    g_error ("Could not build the search results: %s", error->message);

  self->search_count_label = GTK_LABEL (gtk_builder_get_object (builder, "search_count_label"));
  self->search_list = GTK_LIST_BOX (gtk_builder_get_object (builder, "search_list"));
  self->search_empty_status = ADW_STATUS_PAGE (gtk_builder_get_object (builder, "search_empty_status"));
  gtk_box_append (GTK_BOX (self->search_box), GTK_WIDGET (gtk_builder_get_object (builder, "search_results")));

  gtk_list_box_bind_model (self->search_list, G_LIST_MODEL (self->search_results),
                           create_search_row_cb, self, NULL);
  search_results_changed_cb (self);
}

static void
search_changed_cb (ClosenessConversationsPage *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *trimmed = g_strstrip (g_strdup (query));
  gboolean searching = trimmed[0] != '\0' && closeness_conversations_page_ensure_prompts (self) != NULL;

  g_clear_pointer (&self->search_query, g_free);
  if (searching)
    {
      self->search_query = closeness_text_fold (trimmed);
      ensure_search_results (self);
    }
  gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);

  gtk_widget_set_visible (self->home_box, !searching);
  gtk_widget_set_visible (self->search_box, searching);
}

static void
stop_search_cb (ClosenessConversationsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Navigation */

static void
prompt_activated_cb (ClosenessConversationsPage *self,
                     ClosenessPrompt            *prompt)
{
  closeness_conversations_page_open_prompt (self, prompt);
}

/* The list of a deck (or the favorites, or the history) is made the first
 * time it is opened, after the overview in the leaflet. */
ClosenessPromptList *
closeness_conversations_page_ensure_list (ClosenessConversationsPage *self)
{
  ClosenessPromptFilter filter;
  AdwLeafletPage *page;

  if (self->prompt_list != NULL || closeness_conversations_page_ensure_prompts (self) == NULL)
    return self->prompt_list;

  self->prompt_list = CLOSENESS_PROMPT_LIST (closeness_prompt_list_new (self->prompts, self->decks));
  closeness_conversations_page_get_filter (self, &filter);
  closeness_prompt_list_set_filter (self->prompt_list, &filter);
  g_signal_connect_object (self->prompt_list, "prompt-activated", G_CALLBACK (prompt_activated_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->prompt_list, "notify::empty",
                           G_CALLBACK (closeness_conversations_page_update_actions),
                           self, G_CONNECT_SWAPPED);

  /* Hidden until shown (show_view()): the leaflet measures visible pages. */
  gtk_widget_set_visible (GTK_WIDGET (self->prompt_list), FALSE);
  page = adw_leaflet_insert_child_after (self->leaflet, GTK_WIDGET (self->prompt_list),
                                         adw_leaflet_get_child_by_name (self->leaflet, "overview"));
  adw_leaflet_page_set_name (page, "list");

  return self->prompt_list;
}

/* The conversation view is made the first time a question opens: a
 * person who only looks at tonight's question never pays for it. It goes
 * after the overview and the list in the leaflet, so opening it slides in
 * from the end. */
ClosenessPromptView *
closeness_conversations_page_ensure_view (ClosenessConversationsPage *self)
{
  AdwLeafletPage *page;
  GtkWidget *list;

  if (self->prompt_view != NULL)
    return self->prompt_view;

  self->prompt_view = g_object_new (CLOSENESS_TYPE_PROMPT_VIEW, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->prompt_view), FALSE);
  closeness_conversations_page_connect_view (self, self->prompt_view);
  closeness_prompt_view_set_store (self->prompt_view, self->store);

  list = adw_leaflet_get_child_by_name (self->leaflet, "list");
  if (list == NULL)
    list = adw_leaflet_get_child_by_name (self->leaflet, "overview");
  page = adw_leaflet_insert_child_after (self->leaflet, GTK_WIDGET (self->prompt_view), list);
  adw_leaflet_page_set_name (page, "prompt");

  return self->prompt_view;
}

ClosenessPrompt *
closeness_conversations_page_get_current (ClosenessConversationsPage *self)
{
  return self->prompt_view != NULL ? closeness_prompt_view_get_prompt (self->prompt_view) : NULL;
}

void
closeness_conversations_page_show_view (ClosenessConversationsPage *self,
                                        const char                 *name)
{
  GtkWidget *child = adw_leaflet_get_child_by_name (self->leaflet, name);

  /* The list and the prompt view are hidden until first shown. */
  if (child != NULL)
    gtk_widget_set_visible (child, TRUE);

  adw_leaflet_set_visible_child_name (self->leaflet, name);
  closeness_conversations_page_update_actions (self);
}

void
closeness_conversations_page_open_list (ClosenessConversationsPage *self,
                                        ClosenessPromptListMode     mode,
                                        gint64                      deck_id)
{
  if (closeness_conversations_page_ensure_list (self) == NULL)
    return;

  closeness_prompt_list_show (self->prompt_list, mode, deck_id);
  closeness_conversations_page_show_view (self, "list");
}

static void
favourites_clicked_cb (ClosenessConversationsPage *self)
{
  closeness_conversations_page_open_list (self, CLOSENESS_PROMPT_LIST_FAVOURITES, 0);
}

static void
history_clicked_cb (ClosenessConversationsPage *self)
{
  closeness_conversations_page_open_list (self, CLOSENESS_PROMPT_LIST_HISTORY, 0);
}

static void
day_open_clicked_cb (ClosenessConversationsPage *self)
{
  if (self->day_prompt == NULL)
    return;

  self->prompt_return_view = "overview";
  closeness_prompt_view_set_prompt (closeness_conversations_page_ensure_view (self), self->day_prompt);
  closeness_conversations_page_show_view (self, "prompt");
}

/* Changes */

/* What a model does not say by itself: how far each deck got, tonight's
 * question, the chooser's count, and whether a prompt changed in place
 * still belongs in the list shown. */
void
closeness_conversations_page_refresh (ClosenessConversationsPage *self)
{
  g_clear_handle_id (&self->progress_idle_id, g_source_remove);

  refresh_tonight (self);
  update_progress (self);
  update_chooser_label (self);
  if (self->prompt_list != NULL)
    closeness_prompt_list_refilter (self->prompt_list);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  ClosenessConversationsPage *self = user_data;

  self->progress_idle_id = 0;
  closeness_conversations_page_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (ClosenessConversationsPage *self)
{
  /* A reload or an import changes many rows at once: count once. */
  if (self->progress_idle_id == 0)
    self->progress_idle_id = g_idle_add (refresh_idle_cb, self);
}

/* The couple changed what may appear (the intensity, the desire deck):
 * a question or a deck on screen that may no longer appear goes away now,
 * not at the next refresh. What was typed into it is saved first. */
static void
settings_changed_cb (ClosenessConversationsPage *self)
{
  const char *visible = adw_leaflet_get_visible_child_name (self->leaflet);
  ClosenessPrompt *prompt = closeness_conversations_page_get_current (self);
  ClosenessPromptFilter filter;

  closeness_conversations_page_get_filter (self, &filter);

  if (prompt != NULL && !closeness_prompt_filter_allows (&filter, prompt))
    {
      closeness_conversations_page_show_overview (self);
      closeness_prompt_view_set_prompt (self->prompt_view, NULL);
    }
  else if (g_strcmp0 (visible, "list") == 0 &&
           closeness_prompt_list_get_mode (self->prompt_list) == CLOSENESS_PROMPT_LIST_DECK &&
           !closeness_prompt_filter_allows_deck (&filter, closeness_prompt_list_get_deck_id (self->prompt_list)))
    closeness_conversations_page_show_overview (self);

  gtk_filter_changed (GTK_FILTER (self->deck_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (self->prompt_list != NULL)
    closeness_prompt_list_set_filter (self->prompt_list, &filter);
  closeness_conversations_page_refresh (self);
}

static void
disconnect_store (ClosenessConversationsPage *self)
{
  if (self->prompts != NULL)
    g_signal_handlers_disconnect_by_func (self->prompts, store_changed_cb, self);
  if (self->decks != NULL)
    g_signal_handlers_disconnect_by_func (self->decks, store_changed_cb, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, settings_changed_cb, self);

  g_clear_object (&self->prompts);
  g_clear_object (&self->decks);
  g_clear_object (&self->settings);
}

/* GObject */

static void
closeness_conversations_page_dispose (GObject *object)
{
  ClosenessConversationsPage *self = CLOSENESS_CONVERSATIONS_PAGE (object);

  g_clear_handle_id (&self->progress_idle_id, g_source_remove);
  g_clear_handle_id (&self->midnight_id, g_source_remove);
  g_clear_handle_id (&self->grid_idle_id, g_source_remove);
  disconnect_grid_after_paint (self);

  if (self->decks_flow_box != NULL)
    gtk_flow_box_bind_model (self->decks_flow_box, NULL, NULL, NULL, NULL);

  /* AdwBin keeps its own pointer to the child: let it unparent first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLOSENESS_TYPE_CONVERSATIONS_PAGE);
  g_clear_object (&self->search_builder);

  disconnect_store (self);
  g_clear_object (&self->day_prompt);
  g_clear_object (&self->shown_decks);
  g_clear_object (&self->deck_filter);
  g_clear_object (&self->search_results);
  g_clear_object (&self->search_filter);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (closeness_conversations_page_parent_class)->dispose (object);
}

static void
closeness_conversations_page_finalize (GObject *object)
{
  ClosenessConversationsPage *self = CLOSENESS_CONVERSATIONS_PAGE (object);

  g_clear_pointer (&self->rand, g_rand_free);
  g_free (self->search_query);

  G_OBJECT_CLASS (closeness_conversations_page_parent_class)->finalize (object);
}

static void
closeness_conversations_page_get_property (GObject    *object,
                                           guint       prop_id,
                                           GValue     *value,
                                           GParamSpec *pspec)
{
  ClosenessConversationsPage *self = CLOSENESS_CONVERSATIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_DAY_PROMPT:
      g_value_set_object (value, self->day_prompt);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_conversations_page_set_property (GObject      *object,
                                           guint         prop_id,
                                           const GValue *value,
                                           GParamSpec   *pspec)
{
  ClosenessConversationsPage *self = CLOSENESS_CONVERSATIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      closeness_conversations_page_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_conversations_page_class_init (ClosenessConversationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_conversations_page_dispose;
  object_class->finalize = closeness_conversations_page_finalize;
  object_class->get_property = closeness_conversations_page_get_property;
  object_class->set_property = closeness_conversations_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLOSENESS_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DAY_PROMPT] =
    g_param_spec_object ("day-prompt", NULL, NULL,
                         CLOSENESS_TYPE_PROMPT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CLOSENESS_TYPE_DECK_CARD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Closeness/closeness-conversations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, overview_scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, home_box);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, search_box);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, tonight_card);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, day_text_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, day_deck_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, day_open_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, draw_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, deck_chooser_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, favourites_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, history_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, new_deck_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, overview_print_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, decks_flow_box);
  gtk_widget_class_bind_template_callback (widget_class, get_day_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, get_day_deck_cb);
  gtk_widget_class_bind_template_callback (widget_class, is_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_open_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, favourites_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, history_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, deck_activated_cb);

  _closeness_conversations_page_class_actions_init (widget_class);
}

static void
closeness_conversations_page_init (ClosenessConversationsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rand = g_rand_new ();
  self->prompt_return_view = "overview";

  /* Tonight's card and the search results are siblings shown in turn, not
   * a GtkStack: a stack measures its visible child's width for its height
   * on every allocation, and a wrapping label answers that by laying its
   * text out again at one width after another. */
  self->deck_filter = gtk_custom_filter_new (deck_filter_cb, self, NULL);
  self->shown_decks = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->deck_filter)));
  g_signal_connect (self, "map", G_CALLBACK (page_map_cb), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (disconnect_grid_after_paint), NULL);

  self->search_filter = gtk_custom_filter_new (search_filter_cb, self, NULL);
  self->search_results = gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->search_filter)));
  g_signal_connect_object (self->search_results, "items-changed",
                           G_CALLBACK (search_results_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->deck_chooser_button, create_deck_chooser_cb,
                                         self, NULL);
  add_deck_card_shortcuts (self);
}

GtkWidget *
closeness_conversations_page_new (ClosenessStore *store)
{
  return g_object_new (CLOSENESS_TYPE_CONVERSATIONS_PAGE, "store", store, NULL);
}

ClosenessStore *
closeness_conversations_page_get_store (ClosenessConversationsPage *self)
{
  g_return_val_if_fail (CLOSENESS_IS_CONVERSATIONS_PAGE (self), NULL);

  return self->store;
}

void
closeness_conversations_page_set_store (ClosenessConversationsPage *self,
                                        ClosenessStore             *store)
{
  g_autoptr(GListModel) empty = NULL;
  GListModel *decks;

  g_return_if_fail (CLOSENESS_IS_CONVERSATIONS_PAGE (self));
  g_return_if_fail (store == NULL || CLOSENESS_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->prompt_view != NULL)
    closeness_prompt_view_set_prompt (self->prompt_view, NULL);
  closeness_conversations_page_show_view (self, "overview");
  if (self->prompt_list != NULL)
    {
      adw_leaflet_remove (self->leaflet, GTK_WIDGET (self->prompt_list));
      self->prompt_list = NULL;
    }
  disconnect_store (self);
  g_set_object (&self->store, store);
  if (self->prompt_view != NULL)
    closeness_prompt_view_set_store (self->prompt_view, store);
  g_clear_handle_id (&self->midnight_id, g_source_remove);

  if (store != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      /* The prompts are loaded when something needs them
       * (closeness_conversations_page_ensure_prompts()). */
      self->decks = g_object_ref (closeness_store_get_decks (store));
      self->settings = g_object_ref (closeness_conversation_settings_get_for_store (store));

      g_signal_connect_object (self->decks, "items-changed", G_CALLBACK (store_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "notify::intensity-ceiling",
                               G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "notify::desire-open",
                               G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);

      self->midnight_id = g_timeout_add_seconds (closeness_conversation_seconds_to_midnight (now) + 1,
                                                 midnight_cb, self);
      decks = self->decks;
    }
  else
    {
      empty = G_LIST_MODEL (g_list_store_new (G_TYPE_OBJECT));
      decks = empty;
    }

  /* The grid and the chooser follow the decks; the search results, the
   * prompts once loaded. */
  gtk_filter_list_model_set_model (self->shown_decks, decks);
  gtk_filter_list_model_set_model (self->search_results, NULL);
  if (self->grid_bound)
    closeness_conversations_page_ensure_prompts (self);

  closeness_conversations_page_refresh (self);
  closeness_conversations_page_update_actions (self);
  search_changed_cb (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
closeness_conversations_page_open_deck (ClosenessConversationsPage *self,
                                        gint64                      deck_id)
{
  ClosenessPromptFilter filter;

  g_return_if_fail (CLOSENESS_IS_CONVERSATIONS_PAGE (self));

  /* A closed deck does not open, whichever way it was asked for (the
   * calendar's “tonight's topic” keeps a deck chosen while it was open). */
  closeness_conversations_page_get_filter (self, &filter);
  if (!closeness_prompt_filter_allows_deck (&filter, deck_id))
    {
      closeness_conversations_page_show_overview (self);
      closeness_conversations_page_show_toast (self,
                                               closeness_toast_new (_("The desire deck opens only when both of you choose it in Preferences")));
      return;
    }

  closeness_conversations_page_open_list (self, CLOSENESS_PROMPT_LIST_DECK, deck_id);
}

void
closeness_conversations_page_open_prompt (ClosenessConversationsPage *self,
                                          ClosenessPrompt            *prompt)
{
  ClosenessPromptFilter filter;

  g_return_if_fail (CLOSENESS_IS_CONVERSATIONS_PAGE (self));
  g_return_if_fail (CLOSENESS_IS_PROMPT (prompt));

  /* Nothing the couple has not chosen opens, whichever way it was asked for. */
  closeness_conversations_page_get_filter (self, &filter);
  if (!closeness_prompt_filter_allows (&filter, prompt))
    return;

  self->prompt_return_view = g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "list") == 0
                             ? "list" : "overview";
  closeness_prompt_view_set_prompt (closeness_conversations_page_ensure_view (self), prompt);
  closeness_conversations_page_show_view (self, "prompt");
}

void
closeness_conversations_page_show_overview (ClosenessConversationsPage *self)
{
  g_return_if_fail (CLOSENESS_IS_CONVERSATIONS_PAGE (self));

  if (self->prompt_view != NULL)
    closeness_prompt_view_save (self->prompt_view);
  closeness_conversations_page_show_view (self, "overview");
  closeness_conversations_page_refresh (self);
}

void
closeness_conversations_page_focus_search (ClosenessConversationsPage *self)
{
  g_return_if_fail (CLOSENESS_IS_CONVERSATIONS_PAGE (self));

  closeness_conversations_page_show_view (self, "overview");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * closeness_conversations_page_get_day_prompt:
 *
 * Returns: (transfer none) (nullable): the prompt of the day shown
 */
ClosenessPrompt *
closeness_conversations_page_get_day_prompt (ClosenessConversationsPage *self)
{
  g_return_val_if_fail (CLOSENESS_IS_CONVERSATIONS_PAGE (self), NULL);

  return self->day_prompt;
}

/**
 * closeness_conversations_page_get_visible_view:
 *
 * Returns: "overview", "list" or "prompt"
 */
const char *
closeness_conversations_page_get_visible_view (ClosenessConversationsPage *self)
{
  g_return_val_if_fail (CLOSENESS_IS_CONVERSATIONS_PAGE (self), NULL);

  return adw_leaflet_get_visible_child_name (self->leaflet);
}

/**
 * closeness_conversations_page_get_prompt_view:
 *
 * Returns: (transfer none): the conversation view, made now if it was not yet
 */
ClosenessPromptView *
closeness_conversations_page_get_prompt_view (ClosenessConversationsPage *self)
{
  g_return_val_if_fail (CLOSENESS_IS_CONVERSATIONS_PAGE (self), NULL);

  return closeness_conversations_page_ensure_view (self);
}

/**
 * _closeness_conversations_page_get_object:
 *
 * For tests: a named widget of the page's template or of one of its parts
 * (made now if it was not yet).
 *
 * Returns: (transfer none) (nullable): the object
 */
GObject *
_closeness_conversations_page_get_object (ClosenessConversationsPage *self,
                                          const char                 *name)
{
  GObject *object;

  g_return_val_if_fail (CLOSENESS_IS_CONVERSATIONS_PAGE (self), NULL);

  /* What the tests look at is there, as it is a frame after the first. */
  bind_grid (self);

  object = gtk_widget_get_template_child (GTK_WIDGET (self), CLOSENESS_TYPE_CONVERSATIONS_PAGE, name);
  if (object != NULL)
    return object;

  if (closeness_conversations_page_ensure_list (self) != NULL &&
      (object = gtk_widget_get_template_child (GTK_WIDGET (self->prompt_list),
                                               CLOSENESS_TYPE_PROMPT_LIST, name)) != NULL)
    return object;

  ensure_search_results (self);
  return gtk_builder_get_object (self->search_builder, name);
}
