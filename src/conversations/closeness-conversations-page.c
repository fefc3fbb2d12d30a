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
#include "closeness-prompt-view.h"
#include "closeness-toast.h"

G_DEFINE_FINAL_TYPE (ClosenessConversationsPage, closeness_conversations_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DAY_PROMPT,
  PROP_SEARCH_MODE,
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
      *filter =
        (ClosenessPromptFilter) { .ceiling = CLOSENESS_INTENSITY_GENTLE, .closed_deck_id = 0 };
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

/* Every prompt, as a live model: for drawing, searching and the lists.
 * Tonight's question and the deck cards' progress do not need it (they are
 * counted from the store's prompt keys), so the page loads it only when
 * something asks for it. */
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
    return g_strdup (
      _("Add your own questions in a deck, or allow more intensities in Preferences."));

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

  self->prompt_list =
    CLOSENESS_PROMPT_LIST (closeness_prompt_list_new (self->prompts, self->decks));
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
  closeness_prompt_view_set_prompt (closeness_conversations_page_ensure_view (self),
                                    self->day_prompt);
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
  closeness_conversations_page_update_decks (self);
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

/* A reload or an import changes many rows at once: count once. */
void
closeness_conversations_page_queue_refresh (ClosenessConversationsPage *self)
{
  if (self->progress_idle_id == 0)
    self->progress_idle_id = g_idle_add (refresh_idle_cb, self);
}

static void
store_changed_cb (ClosenessConversationsPage *self)
{
  closeness_conversations_page_queue_refresh (self);
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
  else if (g_strcmp0 (visible, "list") == 0
           && closeness_prompt_list_get_mode (self->prompt_list) == CLOSENESS_PROMPT_LIST_DECK
           && !closeness_prompt_filter_allows_deck (&filter, closeness_prompt_list_get_deck_id (
                                                               self->prompt_list)))
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
  _closeness_conversations_page_dispose_decks (self);

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

    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, closeness_conversations_page_get_search_mode (self));
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

    case PROP_SEARCH_MODE:
      closeness_conversations_page_set_search_mode (self, g_value_get_boolean (value));
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
  /* Whether the search bar is open; the window's search button follows it. */
  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CLOSENESS_TYPE_DECK_CARD);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Closeness/closeness-conversations-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage,
                                        overview_scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, home_box);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, search_box);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, tonight_card);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, day_text_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, day_deck_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, day_open_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, draw_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage,
                                        deck_chooser_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage,
                                        favourites_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, history_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, new_deck_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage,
                                        overview_print_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessConversationsPage, decks_flow_box);
  gtk_widget_class_bind_template_callback (widget_class, get_day_text_cb);
  gtk_widget_class_bind_template_callback (widget_class, get_day_deck_cb);
  gtk_widget_class_bind_template_callback (widget_class, is_set_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_open_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, favourites_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, history_clicked_cb);

  _closeness_conversations_page_class_actions_init (widget_class);
  _closeness_conversations_page_class_search_init (widget_class);
  _closeness_conversations_page_class_decks_init (widget_class);
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
  _closeness_conversations_page_init_decks (self);
  _closeness_conversations_page_init_search (self);
}

GtkWidget *
closeness_conversations_page_new (ClosenessStore *store)
{
  return g_object_new (CLOSENESS_TYPE_CONVERSATIONS_PAGE, "store", store, NULL);
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

      self->midnight_id =
        g_timeout_add_seconds (closeness_conversation_seconds_to_midnight (now) + 1, midnight_cb,
                               self);
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

  closeness_conversations_page_refresh (self);
  closeness_conversations_page_update_actions (self);
  closeness_conversations_page_update_search (self);

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
      closeness_conversations_page_show_toast (
        self, closeness_toast_new (
                _("The desire deck opens only when both of you choose it in Preferences")));
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

  self->prompt_return_view =
    g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "list") == 0 ? "list"
                                                                                : "overview";
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
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

gboolean
closeness_conversations_page_get_search_mode (ClosenessConversationsPage *self)
{
  g_return_val_if_fail (CLOSENESS_IS_CONVERSATIONS_PAGE (self), FALSE);

  return gtk_search_bar_get_search_mode (self->search_bar);
}

/**
 * closeness_conversations_page_set_search_mode:
 * @search_mode: whether to open the search bar
 *
 * Opening it shows the overview, where the search bar is, with the focus
 * in the entry; closing it forgets the words.
 */
void
closeness_conversations_page_set_search_mode (ClosenessConversationsPage *self,
                                              gboolean                    search_mode)
{
  g_return_if_fail (CLOSENESS_IS_CONVERSATIONS_PAGE (self));

  if (search_mode)
    closeness_conversations_page_focus_search (self);
  else
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

void
_closeness_conversations_page_notify_search_mode (ClosenessConversationsPage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
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
  closeness_conversations_page_bind_grid (self);

  object =
    gtk_widget_get_template_child (GTK_WIDGET (self), CLOSENESS_TYPE_CONVERSATIONS_PAGE, name);
  if (object != NULL)
    return object;

  if (closeness_conversations_page_ensure_list (self) != NULL &&
      (object = gtk_widget_get_template_child (GTK_WIDGET (self->prompt_list),
                                               CLOSENESS_TYPE_PROMPT_LIST, name)) != NULL)
    return object;

  return _closeness_conversations_page_get_search_object (self, name);
}
