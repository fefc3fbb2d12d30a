/* closeness-conversations-page-search.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Searching all questions from the Conversations overview: a
 * GtkFilterListModel over the prompts (what matches, within the ceiling)
 * bound to a list of ClosenessPromptRows, shown in place of tonight's card
 * while there is something to search for.
 */

#define G_LOG_DOMAIN "closeness-conversations"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-conversations-page-private.h"
#include "closeness-prompt-row.h"

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
  g_autoptr(ClosenessDeck) deck =
    closeness_conversations_page_find_deck (self, closeness_prompt_get_deck_id (item));

  return closeness_prompt_row_new (item,
                                   deck != NULL ? closeness_deck_get_display_name (deck) : NULL);
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
  self->search_empty_status =
    ADW_STATUS_PAGE (gtk_builder_get_object (builder, "search_empty_status"));
  gtk_box_append (GTK_BOX (self->search_box),
                  GTK_WIDGET (gtk_builder_get_object (builder, "search_results")));

  gtk_list_box_bind_model (self->search_list, G_LIST_MODEL (self->search_results),
                           create_search_row_cb, self, NULL);
  search_results_changed_cb (self);
}

void
closeness_conversations_page_update_search (ClosenessConversationsPage *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *trimmed = g_strstrip (g_strdup (query));
  gboolean searching = trimmed[0] != '\0'
                       && closeness_conversations_page_ensure_prompts (self) != NULL;

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
search_changed_cb (ClosenessConversationsPage *self)
{
  closeness_conversations_page_update_search (self);
}

static void
stop_search_cb (ClosenessConversationsPage *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
}

/* Closing the search bar (the window's search button, Escape) forgets the
 * words, so the overview shows tonight's card again. */
static void
search_mode_changed_cb (ClosenessConversationsPage *self)
{
  if (!gtk_search_bar_get_search_mode (self->search_bar))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  _closeness_conversations_page_notify_search_mode (self);
}

void
_closeness_conversations_page_class_search_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_changed_cb);
}

void
_closeness_conversations_page_init_search (ClosenessConversationsPage *self)
{
  self->search_filter = gtk_custom_filter_new (search_filter_cb, self, NULL);
  self->search_results =
    gtk_filter_list_model_new (NULL, g_object_ref (GTK_FILTER (self->search_filter)));
  g_signal_connect_object (self->search_results, "items-changed",
                           G_CALLBACK (search_results_changed_cb), self, G_CONNECT_SWAPPED);

  /* Typing anywhere on the page opens the search bar, as in GNOME apps. */
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
}

/* For tests: a named widget of the search results, made now if it was not yet. */
GObject *
_closeness_conversations_page_get_search_object (ClosenessConversationsPage *self,
                                                 const char                 *name)
{
  ensure_search_results (self);

  return gtk_builder_get_object (self->search_builder, name);
}
