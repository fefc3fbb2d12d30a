/* closeness-conversations-page-private.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the page's files share: closeness-conversations-page.c (the page,
 * its views and models), closeness-conversations-page-actions.c (what the
 * couple does: draw, print, write, delete), closeness-conversations-page-decks.c
 * (the deck grid and chooser), closeness-conversations-page-search.c
 * (searching all questions), and the tests.
 */

#pragma once

#include "closeness-conversation-logic.h"
#include "closeness-conversation-settings.h"
#include "closeness-conversations-page.h"
#include "closeness-prompt-list.h"

G_BEGIN_DECLS

struct _ClosenessConversationsPage
{
  AdwBin                         parent_instance;

  ClosenessStore                *store;
  ClosenessConversationSettings *settings;
  GListModel                    *prompts;
  GListModel                    *decks;
  GRand                         *rand;
  ClosenessPrompt               *day_prompt;
  const char                    *prompt_return_view;
  guint                          midnight_id;
  guint                          progress_idle_id;

  /* The decks that may appear (the desire deck only once both chose it),
   * bound to the deck grid. */
  GtkCustomFilter               *deck_filter;
  GtkFilterListModel            *shown_decks;
  gboolean                       grid_bound;
  guint                          grid_idle_id;
  GdkFrameClock                 *grid_frame_clock;
  gulong                         grid_after_paint_id;

  /* The search results: the prompts that match, within the ceiling. */
  GtkCustomFilter               *search_filter;
  GtkFilterListModel            *search_results;
  char                          *search_query;   /* folded, or NULL */

  /* Template widgets */
  AdwToastOverlay               *toast_overlay;
  AdwLeaflet                    *leaflet;
  GtkScrolledWindow             *overview_scrolled_window;
  GtkSearchBar                  *search_bar;
  GtkSearchEntry                *search_entry;
  GtkWidget                     *home_box;
  GtkWidget                     *search_box;
  GtkWidget                     *tonight_card;
  GtkLabel                      *day_text_label;
  GtkLabel                      *day_deck_label;
  GtkButton                     *day_open_button;
  GtkButton                     *draw_button;
  GtkMenuButton                 *deck_chooser_button;
  GtkButton                     *favourites_button;
  GtkButton                     *history_button;
  GtkButton                     *new_deck_button;
  GtkButton                     *overview_print_button;
  GtkFlowBox                    *decks_flow_box;

  /* Made on first use */
  GtkBox                        *deck_chooser_box;
  ClosenessPromptList           *prompt_list;
  GtkBuilder                    *search_builder;
  GtkLabel                      *search_count_label;
  GtkListBox                    *search_list;
  AdwStatusPage                 *search_empty_status;
  ClosenessPromptView           *prompt_view;
};

GObject             *_closeness_conversations_page_get_object (ClosenessConversationsPage *self,
                                                               const char                 *name);

/* closeness-conversations-page.c */
void                 closeness_conversations_page_get_filter (ClosenessConversationsPage *self,
                                                              ClosenessPromptFilter      *filter);
gboolean closeness_conversations_page_is_deck_left_out (ClosenessConversationsPage *self,
                                                        gint64                      deck_id);
ClosenessDeck       *closeness_conversations_page_find_deck (ClosenessConversationsPage *self,
                                                             gint64                      deck_id);
GListModel          *closeness_conversations_page_ensure_prompts (ClosenessConversationsPage *self);
ClosenessPromptList *closeness_conversations_page_ensure_list (ClosenessConversationsPage *self);
ClosenessPromptView *closeness_conversations_page_ensure_view (ClosenessConversationsPage *self);
ClosenessPrompt     *closeness_conversations_page_get_current (ClosenessConversationsPage *self);
void                 closeness_conversations_page_show_view (ClosenessConversationsPage *self,
                                                             const char                 *name);
void                 closeness_conversations_page_open_list (ClosenessConversationsPage *self,
                                                             ClosenessPromptListMode     mode,
                                                             gint64                      deck_id);
void                 closeness_conversations_page_refresh (ClosenessConversationsPage *self);
void                 closeness_conversations_page_queue_refresh (ClosenessConversationsPage *self);
void                 closeness_conversations_page_show_toast (ClosenessConversationsPage *self,
                                                              AdwToast                   *toast);
void                 closeness_conversations_page_report_error (ClosenessConversationsPage *self,
                                                                const GError               *error);

/* closeness-conversations-page-decks.c */
void                 _closeness_conversations_page_class_decks_init (GtkWidgetClass *widget_class);
void                 _closeness_conversations_page_init_decks (ClosenessConversationsPage *self);
void                 _closeness_conversations_page_dispose_decks (ClosenessConversationsPage *self);
void                 closeness_conversations_page_bind_grid (ClosenessConversationsPage *self);
void                 closeness_conversations_page_update_decks (ClosenessConversationsPage *self);

/* closeness-conversations-page-search.c */
void                 _closeness_conversations_page_class_search_init (GtkWidgetClass *widget_class);
void                 _closeness_conversations_page_init_search (ClosenessConversationsPage *self);
void                 closeness_conversations_page_update_search (ClosenessConversationsPage *self);
GObject *_closeness_conversations_page_get_search_object (ClosenessConversationsPage *self,
                                                          const char                 *name);

/* closeness-conversations-page.c */
void _closeness_conversations_page_notify_search_mode (ClosenessConversationsPage *self);

/* closeness-conversations-page-actions.c */
void _closeness_conversations_page_class_actions_init (GtkWidgetClass *widget_class);
void                 closeness_conversations_page_update_actions (ClosenessConversationsPage *self);
gboolean closeness_conversations_page_draw_into_view (ClosenessConversationsPage *self,
                                                      gint64                      current_id);
void                 closeness_conversations_page_connect_view (ClosenessConversationsPage *self,
                                                                ClosenessPromptView        *view);

G_END_DECLS
