/* closeness-conversations-page-actions.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the couple does on the Conversations page, as the page's
 * conversations.* actions: drawing a card, printing, starring a question,
 * writing, editing and deleting their own questions and decks (with Undo),
 * and going back. The buttons of the page, its list and its rows name these
 * actions; closeness_conversations_page_update_actions() decides which are
 * enabled.
 */

#define G_LOG_DOMAIN "closeness-conversations"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-conversation-editor.h"
#include "closeness-conversations-page-private.h"
#include "closeness-prompt-view.h"
#include "closeness-toast.h"
#include "closeness-undo.h"

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

static ClosenessPromptListMode
get_list_mode (ClosenessConversationsPage *self)
{
  return self->prompt_list != NULL ? closeness_prompt_list_get_mode (self->prompt_list)
                                   : CLOSENESS_PROMPT_LIST_HISTORY;
}

static gint64
get_list_deck_id (ClosenessConversationsPage *self)
{
  return self->prompt_list != NULL ? closeness_prompt_list_get_deck_id (self->prompt_list) : 0;
}

/* Printing */

/* What app.print-prompts prints from where the couple is: the whole library
 * on the overview, the open deck, or the favorites; %NULL where printing
 * has no obvious meaning (history, one conversation, an empty list). */
static char *
dup_print_target (ClosenessConversationsPage *self)
{
  const char *visible = adw_leaflet_get_visible_child_name (self->leaflet);

  if (self->store == NULL)
    return NULL;

  if (g_strcmp0 (visible, "overview") == 0)
    return g_strdup ("all");

  if (g_strcmp0 (visible, "list") != 0 || closeness_prompt_list_get_empty (self->prompt_list))
    return NULL;

  switch (get_list_mode (self))
    {
    case CLOSENESS_PROMPT_LIST_DECK:
      return g_strdup_printf ("deck:%" G_GINT64_FORMAT, get_list_deck_id (self));

    case CLOSENESS_PROMPT_LIST_FAVOURITES:
      return g_strdup ("favourites");

    case CLOSENESS_PROMPT_LIST_HISTORY:
    default:
      return NULL;
    }
}

void
closeness_conversations_page_update_actions (ClosenessConversationsPage *self)
{
  g_autofree char *target = dup_print_target (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conversations.print", target != NULL);
}

static void
print_activated_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ClosenessConversationsPage *self = CLOSENESS_CONVERSATIONS_PAGE (widget);
  g_autofree char *target = dup_print_target (self);

  /* The application prints, within the ceiling, and owns the print dialog. */
  if (target != NULL &&
      !gtk_widget_activate_action (widget, "app.print-prompts", "s", target))
    g_debug ("Printing is not available here");
}

/* Drawing */

static GArray *
dup_chosen_deck_ids (ClosenessConversationsPage *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GListModel *decks = G_LIST_MODEL (self->shown_decks);
  guint n = g_list_model_get_n_items (decks);

  /* The decks shown are those the ceiling allows; the chooser leaves some out. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessDeck) deck = g_list_model_get_item (decks, i);
      gint64 id = get_id (deck);

      if (!closeness_conversations_page_is_deck_left_out (self, id))
        g_array_append_val (ids, id);
    }

  return ids;
}

gboolean
closeness_conversations_page_draw_into_view (ClosenessConversationsPage *self,
                                             gint64                      current_id)
{
  g_autofree char *today = dup_today ();
  g_autofree char *since = closeness_conversation_day_add (today, -CLOSENESS_DRAW_RECENT_DAYS);
  g_autoptr(GArray) recent = NULL;
  g_autoptr(GArray) deck_ids = NULL;
  g_autoptr(ClosenessPrompt) prompt = NULL;
  g_autoptr(GError) error = NULL;
  gboolean all_seen = FALSE;
  ClosenessPromptFilter filter;

  if (self->store == NULL)
    return FALSE;

  closeness_conversations_page_get_filter (self, &filter);
  deck_ids = dup_chosen_deck_ids (self);
  if (deck_ids->len == 0)
    {
      closeness_conversations_page_show_toast (self, closeness_toast_new (_("Choose at least one deck to draw from")));
      return FALSE;
    }

  recent = closeness_store_dup_seen_since (self->store, since);
  prompt = closeness_conversation_draw (closeness_conversations_page_ensure_prompts (self), &filter,
                                        (const gint64 *) (gpointer) deck_ids->data, deck_ids->len,
                                        recent, current_id, self->rand, &all_seen);
  if (prompt == NULL)
    {
      closeness_conversations_page_show_toast (self,
                                               closeness_toast_new (_("These decks have no questions within your intensity setting")));
      return FALSE;
    }

  if (!closeness_store_mark_seen (self->store, get_id (prompt), today, &error))
    g_debug ("Could not remember a drawn card: %s", error->message);

  closeness_prompt_view_set_prompt (closeness_conversations_page_ensure_view (self), prompt);

  if (all_seen)
    closeness_conversations_page_show_toast (
      self, closeness_toast_new (
              _("You have seen every card in these decks lately, so this one is a repeat")));

  return TRUE;
}

static void
draw_activated_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  closeness_conversations_page_draw_card (CLOSENESS_CONVERSATIONS_PAGE (widget));
}

/* Favourites */

static void
set_favourite_activated_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  ClosenessConversationsPage *self = CLOSENESS_CONVERSATIONS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gboolean favourite;
  gint64 prompt_id;

  g_variant_get (parameter, "(xb)", &prompt_id, &favourite);
  if (self->store != NULL &&
      !closeness_store_set_favourite (self->store, prompt_id, favourite, &error))
    closeness_conversations_page_report_error (self, error);
}

/* Custom prompts and decks */

static void
undo_toast_clicked_cb (AdwToast                   *toast,
                       ClosenessConversationsPage *self)
{
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "record-id"));
  gboolean is_deck = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toast), "is-deck"));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (is_deck)
    ok = closeness_store_undelete_deck (self->store, id, &error);
  else
    ok = closeness_store_undelete_prompt (self->store, id, &error);

  if (!ok)
    closeness_conversations_page_report_error (self, error);

  closeness_conversations_page_refresh (self);
}

static void
show_undo_toast (ClosenessConversationsPage *self,
                 const char                 *title,
                 gint64                      id,
                 gboolean                    is_deck)
{
  AdwToast *toast = closeness_undo_toast_new (GTK_WIDGET (self), title);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);

  g_object_set_data (G_OBJECT (toast), "record-id", GSIZE_TO_POINTER ((gsize) id));
  g_object_set_data (G_OBJECT (toast), "is-deck", GINT_TO_POINTER (is_deck));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_toast_clicked_cb), self, 0);
  closeness_conversations_page_show_toast (self, toast);
}

static void
editor_response_cb (ClosenessConversationEditor *editor,
                    const char                  *response,
                    ClosenessConversationsPage  *self)
{
  const char *mode = g_object_get_data (G_OBJECT (editor), "mode");
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (editor), "record-id"));
  ClosenessPrompt *current;
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  g_autoptr(GError) error = NULL;
  gint64 added_prompt_id = 0;
  gboolean ok = TRUE;

  /* One answer per dialog: a second response can never save twice. */
  g_signal_handlers_disconnect_by_func (editor, editor_response_cb, self);

  if (!g_str_equal (response, "save") || self->store == NULL)
    return;

  text = closeness_conversation_editor_dup_text (editor);
  detail = closeness_conversation_editor_dup_detail (editor);

  if (g_str_equal (mode, "new-prompt"))
    {
      g_autoptr(ClosenessPrompt) prompt = NULL;

      prompt = closeness_store_create_prompt (self->store, id, text, detail,
                                              closeness_conversation_editor_get_intensity (editor),
                                              &error);
      ok = prompt != NULL;
      if (ok)
        {
          added_prompt_id = get_id (prompt);
          closeness_conversations_page_show_toast (self, closeness_toast_new (_("Question added")));
        }
    }
  else if (g_str_equal (mode, "edit-prompt"))
    ok = closeness_store_update_prompt (self->store, id, text, detail,
                                        closeness_conversation_editor_get_intensity (editor),
                                        &error);
  else if (g_str_equal (mode, "new-deck"))
    {
      g_autoptr(ClosenessDeck) deck =
        closeness_store_create_deck (self->store, text, detail, &error);

      ok = deck != NULL;
      if (ok)
        closeness_conversations_page_open_deck (self, get_id (deck));
    }
  else if (g_str_equal (mode, "edit-deck"))
    ok = closeness_store_update_deck (self->store, id, text, detail, &error);

  if (!ok)
    {
      closeness_conversations_page_report_error (self, error);
      return;
    }

  closeness_conversations_page_refresh (self);
  current = closeness_conversations_page_get_current (self);
  if (current != NULL)
    closeness_prompt_view_set_prompt (self->prompt_view, current);
  if (added_prompt_id != 0 && self->prompt_list != NULL)
    closeness_prompt_list_scroll_to_prompt (self->prompt_list, added_prompt_id);
}

static GtkWindow *
get_parent_window (ClosenessConversationsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
present_editor (ClosenessConversationsPage *self,
                GtkWidget                  *editor,
                const char                 *mode,
                gint64                      id)
{
  g_object_set_data (G_OBJECT (editor), "mode", (gpointer) mode);
  g_object_set_data (G_OBJECT (editor), "record-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect_object (editor, "response", G_CALLBACK (editor_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_prompt_activated_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ClosenessConversationsPage *self = CLOSENESS_CONVERSATIONS_PAGE (widget);

  if (get_list_mode (self) != CLOSENESS_PROMPT_LIST_DECK)
    return;

  present_editor (self, closeness_conversation_editor_new_prompt (get_parent_window (self), NULL),
                  "new-prompt", get_list_deck_id (self));
}

static void
new_deck_activated_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ClosenessConversationsPage *self = CLOSENESS_CONVERSATIONS_PAGE (widget);

  present_editor (self, closeness_conversation_editor_new_deck (get_parent_window (self), NULL),
                  "new-deck", 0);
}

static ClosenessDeck *
dup_custom_list_deck (ClosenessConversationsPage *self)
{
  g_autoptr(ClosenessDeck) deck = NULL;

  if (get_list_mode (self) != CLOSENESS_PROMPT_LIST_DECK)
    return NULL;

  deck = closeness_conversations_page_find_deck (self, get_list_deck_id (self));
  if (deck == NULL || !closeness_deck_get_is_custom (deck))
    return NULL;

  return g_steal_pointer (&deck);
}

static void
edit_deck_activated_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ClosenessConversationsPage *self = CLOSENESS_CONVERSATIONS_PAGE (widget);
  g_autoptr(ClosenessDeck) deck = dup_custom_list_deck (self);

  if (deck != NULL)
    present_editor (self, closeness_conversation_editor_new_deck (get_parent_window (self), deck),
                    "edit-deck", get_id (deck));
}

static void
delete_deck_activated_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ClosenessConversationsPage *self = CLOSENESS_CONVERSATIONS_PAGE (widget);
  g_autoptr(ClosenessDeck) deck = dup_custom_list_deck (self);
  g_autoptr(GError) error = NULL;

  if (deck == NULL)
    return;

  if (!closeness_store_delete_deck (self->store, get_id (deck), &error))
    {
      closeness_conversations_page_report_error (self, error);
      return;
    }

  closeness_conversations_page_show_overview (self);
  {
    /* Translators: a toast after deleting a deck, with Undo */
    g_autofree char *title = g_strdup_printf (_("“%s” deleted"), closeness_deck_get_name (deck));

    show_undo_toast (self, title, get_id (deck), TRUE);
  }
}

/* The conversation view */

static void
prompt_back_cb (ClosenessConversationsPage *self)
{
  const char *view = self->prompt_return_view != NULL ? self->prompt_return_view : "overview";

  /* A star or a date changed there changes what the list holds. */
  closeness_conversations_page_refresh (self);
  closeness_conversations_page_show_view (self, view);
}

static void
prompt_skipped_cb (ClosenessConversationsPage *self)
{
  ClosenessPrompt *current = closeness_conversations_page_get_current (self);

  if (closeness_conversations_page_draw_into_view (self, current != NULL ? get_id (current) : 0))
    closeness_conversations_page_show_toast (self, closeness_toast_new (_("Skipped for tonight. Here is another one.")));
}

static void
prompt_edit_cb (ClosenessConversationsPage *self)
{
  ClosenessPrompt *prompt = closeness_conversations_page_get_current (self);

  if (prompt == NULL || !closeness_prompt_get_is_custom (prompt))
    return;

  present_editor (self, closeness_conversation_editor_new_prompt (get_parent_window (self), prompt),
                  "edit-prompt", get_id (prompt));
}

static void
prompt_delete_cb (ClosenessConversationsPage *self)
{
  ClosenessPrompt *prompt = closeness_conversations_page_get_current (self);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (prompt == NULL || !closeness_prompt_get_is_custom (prompt))
    return;

  id = get_id (prompt);
  if (!closeness_store_delete_prompt (self->store, id, &error))
    {
      closeness_conversations_page_report_error (self, error);
      return;
    }

  closeness_prompt_view_set_prompt (self->prompt_view, NULL);
  prompt_back_cb (self);
  show_undo_toast (self, _("Question deleted"), id, FALSE);
}

void
closeness_conversations_page_connect_view (ClosenessConversationsPage *self,
                                           ClosenessPromptView        *view)
{
  g_signal_connect_object (view, "go-back", G_CALLBACK (prompt_back_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "skipped", G_CALLBACK (prompt_skipped_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "edit-requested", G_CALLBACK (prompt_edit_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "delete-requested", G_CALLBACK (prompt_delete_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Navigation */

static void
search_activated_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  closeness_conversations_page_focus_search (CLOSENESS_CONVERSATIONS_PAGE (widget));
}

static void
back_activated_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ClosenessConversationsPage *self = CLOSENESS_CONVERSATIONS_PAGE (widget);
  const char *visible = adw_leaflet_get_visible_child_name (self->leaflet);

  if (g_strcmp0 (visible, "prompt") == 0 && self->prompt_view != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->prompt_view), "prompt.back", NULL);
  else if (g_strcmp0 (visible, "list") == 0)
    closeness_conversations_page_show_overview (self);
}

void
_closeness_conversations_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "conversations.search", NULL, search_activated_cb);
  gtk_widget_class_install_action (widget_class, "conversations.back", NULL, back_activated_cb);
  gtk_widget_class_install_action (widget_class, "conversations.print", NULL, print_activated_cb);
  gtk_widget_class_install_action (widget_class, "conversations.draw", NULL, draw_activated_cb);
  gtk_widget_class_install_action (widget_class, "conversations.set-favourite", "(xb)",
                                   set_favourite_activated_cb);
  gtk_widget_class_install_action (widget_class, "conversations.new-prompt", NULL,
                                   new_prompt_activated_cb);
  gtk_widget_class_install_action (widget_class, "conversations.new-deck", NULL,
                                   new_deck_activated_cb);
  gtk_widget_class_install_action (widget_class, "conversations.edit-deck", NULL,
                                   edit_deck_activated_cb);
  gtk_widget_class_install_action (widget_class, "conversations.delete-deck", NULL,
                                   delete_deck_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "conversations.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "conversations.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "conversations.print", NULL);
}

/**
 * closeness_conversations_page_draw_card:
 *
 * Draws a card from the chosen decks and opens it.
 */
void
closeness_conversations_page_draw_card (ClosenessConversationsPage *self)
{
  g_return_if_fail (CLOSENESS_IS_CONVERSATIONS_PAGE (self));

  if (closeness_conversations_page_draw_into_view (self, 0))
    {
      self->prompt_return_view = "overview";
      closeness_conversations_page_show_view (self, "prompt");
    }
}
