/* closeness-prompt-list.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The questions of a deck, the favorites or the history. The rows are bound
 * to the store's prompts model through a GtkFilterListModel (the deck, the
 * ceiling, a GtkBoolFilter on “favourite”) and a GtkSortListModel (the
 * history, newest first), so a question added, changed or removed shows up
 * as exactly that change. A prompt changed in place (a star, a date) keeps
 * its row; whether it still belongs is decided again when the list is shown
 * (closeness_prompt_list_refilter()), so nothing vanishes under the pointer.
 */

#define G_LOG_DOMAIN "closeness-conversations"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-prompt-library.h"
#include "closeness-prompt-list.h"
#include "closeness-prompt-row.h"

struct _ClosenessPromptList
{
  GtkBox                   parent_instance;

  GListModel              *prompts;
  GListModel              *decks;
  ClosenessPromptFilter    filter;
  ClosenessPromptListMode  mode;
  gint64                   deck_id;
  ClosenessDeck           *deck;
  gboolean                 empty;

  GtkCustomFilter         *allowed_filter;
  GtkFilter               *favourite_filter;
  GtkFilter               *favourites_filter;
  GtkSorter               *history_sorter;
  GtkFilterListModel      *filter_model;
  GtkSortListModel        *sort_model;

  gint64                   scroll_to_prompt_id;
  guint                    scroll_tick_id;

  /* Template widgets */
  GtkButton               *list_back_button;
  GtkLabel                *list_title_label;
  GtkButton               *print_button;
  GtkButton               *edit_deck_button;
  GtkButton               *delete_deck_button;
  GtkButton               *new_prompt_button;
  GtkStack                *list_stack;
  GtkScrolledWindow       *list_scrolled_window;
  GtkLabel                *list_description_label;
  GtkLabel                *list_progress_label;
  GtkListBox              *list_box;
  AdwStatusPage           *list_empty_status;
  GtkButton               *list_empty_button;
};

G_DEFINE_FINAL_TYPE (ClosenessPromptList, closeness_prompt_list, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_EMPTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PROMPT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static ClosenessDeck *
find_deck (ClosenessPromptList *self,
           gint64               deck_id)
{
  guint n = g_list_model_get_n_items (self->decks);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessDeck) deck = g_list_model_get_item (self->decks, i);

      if (closeness_record_get_id (CLOSENESS_RECORD (deck)) == deck_id)
        return g_steal_pointer (&deck);
    }

  return NULL;
}

static const char *
get_deck_icon (ClosenessDeck *deck)
{
  ClosenessPromptLibrary *library = closeness_prompt_library_get_default ();
  const char *icon = NULL;

  if (library != NULL && !closeness_deck_get_is_custom (deck))
    icon = closeness_prompt_library_get_deck_icon (library, closeness_deck_get_builtin_key (deck));

  return icon != NULL ? icon : "view-list-bullet-symbolic";
}

/* Icon-only buttons are named for screen readers with the words of their
 * tooltip. */
static void
set_icon_button_label (GtkWidget  *button,
                       const char *label)
{
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static gboolean
allowed_filter_cb (gpointer item,
                   gpointer user_data)
{
  ClosenessPromptList *self = user_data;
  ClosenessPrompt *prompt = item;
  const char *last;

  if (!closeness_prompt_filter_allows (&self->filter, prompt))
    return FALSE;

  switch (self->mode)
    {
    case CLOSENESS_PROMPT_LIST_DECK:
      return closeness_prompt_get_deck_id (prompt) == self->deck_id;

    case CLOSENESS_PROMPT_LIST_HISTORY:
      last = closeness_prompt_get_last_discussed (prompt);
      return last != NULL && last[0] != '\0';

    case CLOSENESS_PROMPT_LIST_FAVOURITES:
    default:
      return TRUE;
    }
}

static int
compare_last_discussed_cb (gconstpointer a,
                           gconstpointer b,
                           gpointer      user_data)
{
  /* Newest first; a stable sort keeps the deck order among equal days. */
  return g_strcmp0 (closeness_prompt_get_last_discussed ((ClosenessPrompt *) b),
                    closeness_prompt_get_last_discussed ((ClosenessPrompt *) a));
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  ClosenessPromptList *self = user_data;
  ClosenessPrompt *prompt = item;
  g_autoptr(ClosenessDeck) deck = NULL;

  /* A deck's own list does not repeat the deck's name on every row. */
  if (self->mode != CLOSENESS_PROMPT_LIST_DECK)
    deck = find_deck (self, closeness_prompt_get_deck_id (prompt));

  return closeness_prompt_row_new (prompt,
                                   deck != NULL ? closeness_deck_get_display_name (deck) : NULL);
}

static void
update_heading (ClosenessPromptList *self)
{
  gboolean is_custom_deck = self->deck != NULL && closeness_deck_get_is_custom (self->deck);
  gboolean in_deck = self->mode == CLOSENESS_PROMPT_LIST_DECK;

  gtk_widget_set_visible (GTK_WIDGET (self->new_prompt_button), in_deck);
  gtk_widget_set_visible (GTK_WIDGET (self->list_empty_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_deck_button), is_custom_deck);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_deck_button), is_custom_deck);
  gtk_widget_set_visible (GTK_WIDGET (self->print_button),
                          self->mode != CLOSENESS_PROMPT_LIST_HISTORY);
  set_icon_button_label (GTK_WIDGET (self->print_button),
                         self->mode == CLOSENESS_PROMPT_LIST_FAVOURITES ? _("Print Favorites…")
                                                                        : _("Print Deck…"));

  switch (self->mode)
    {
    case CLOSENESS_PROMPT_LIST_DECK:
      if (self->deck != NULL)
        {
          const char *description = closeness_deck_get_display_description (self->deck);
          g_autofree char *progress = NULL;
          guint discussed, total;

          closeness_conversation_count_progress (self->prompts, &self->filter, self->deck_id,
                                                 &discussed, &total);
          progress = closeness_conversation_format_progress (discussed, total);
          gtk_label_set_text (self->list_title_label, closeness_deck_get_display_name (self->deck));
          gtk_label_set_text (self->list_description_label, description);
          gtk_widget_set_visible (GTK_WIDGET (self->list_description_label),
                                  description[0] != '\0');
          gtk_label_set_text (self->list_progress_label, progress);
          gtk_widget_set_visible (GTK_WIDGET (self->list_progress_label), TRUE);

          adw_status_page_set_title (self->list_empty_status,
                                     closeness_deck_get_display_name (self->deck));
          if (is_custom_deck && closeness_deck_get_prompt_count (self->deck) == 0)
            {
              adw_status_page_set_icon_name (self->list_empty_status, get_deck_icon (self->deck));
              adw_status_page_set_description (
                self->list_empty_status,
                _("This deck has no questions yet. Write your own, the way you would ask them."));
              gtk_widget_set_visible (GTK_WIDGET (self->list_empty_button), TRUE);
            }
          else
            {
              adw_status_page_set_icon_name (self->list_empty_status,
                                             "dialog-information-symbolic");
              adw_status_page_set_description (
                self->list_empty_status,
                _("Every question in this deck is above the intensity you chose in Preferences."));
            }
        }
      break;

    case CLOSENESS_PROMPT_LIST_FAVOURITES:
      gtk_label_set_text (self->list_title_label, _("Favorites"));
      gtk_label_set_text (self->list_description_label,
                          _("The questions you want to come back to."));
      gtk_widget_set_visible (GTK_WIDGET (self->list_description_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->list_progress_label), FALSE);
      adw_status_page_set_icon_name (self->list_empty_status, "starred-symbolic");
      adw_status_page_set_title (self->list_empty_status, _("No Favorites Yet"));
      adw_status_page_set_description (self->list_empty_status,
                                       _("Star a question you want to come back to, and it will wait for you here."));
      break;

    case CLOSENESS_PROMPT_LIST_HISTORY:
    default:
      gtk_label_set_text (self->list_title_label, _("History"));
      gtk_label_set_text (self->list_description_label,
                          _("The questions you talked about, most recent first."));
      gtk_widget_set_visible (GTK_WIDGET (self->list_description_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->list_progress_label), FALSE);
      adw_status_page_set_icon_name (self->list_empty_status, "document-open-recent-symbolic");
      adw_status_page_set_title (self->list_empty_status, _("No Conversations Yet"));
      adw_status_page_set_description (self->list_empty_status,
                                       _("After a conversation, press “We Talked About This” and it shows up here with the date."));
      break;
    }
}

static void
update_empty (ClosenessPromptList *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)) == 0;

  gtk_stack_set_visible_child_name (self->list_stack, empty ? "empty" : "items");

  if (self->empty == empty)
    return;

  self->empty = empty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMPTY]);
}

static void
items_changed_cb (ClosenessPromptList *self)
{
  /* The deck's progress counts its questions. */
  if (self->mode == CLOSENESS_PROMPT_LIST_DECK)
    update_heading (self);
  update_empty (self);
}

static void
set_deck (ClosenessPromptList *self,
          ClosenessDeck       *deck)
{
  if (self->deck == deck)
    return;

  if (self->deck != NULL)
    g_signal_handlers_disconnect_by_func (self->deck, update_heading, self);
  g_set_object (&self->deck, deck);
  /* An edited deck changes in place. */
  if (deck != NULL)
    g_signal_connect_object (deck, "notify", G_CALLBACK (update_heading), self, G_CONNECT_SWAPPED);
}

static void
row_activated_cb (ClosenessPromptList *self,
                  ClosenessPromptRow  *row)
{
  g_signal_emit (self, signals[PROMPT_ACTIVATED], 0, closeness_prompt_row_get_prompt (row));
}

static GtkWidget *
find_prompt_row (ClosenessPromptList *self,
                 gint64               prompt_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      ClosenessPrompt *prompt;

      if (!CLOSENESS_IS_PROMPT_ROW (child))
        continue;

      prompt = closeness_prompt_row_get_prompt (CLOSENESS_PROMPT_ROW (child));
      if (closeness_record_get_id (CLOSENESS_RECORD (prompt)) == prompt_id)
        return child;
    }

  return NULL;
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  ClosenessPromptList *self = user_data;
  GtkWidget *row = find_prompt_row (self, self->scroll_to_prompt_id);
  GtkWidget *content = gtk_viewport_get_child (
    GTK_VIEWPORT (gtk_scrolled_window_get_child (self->list_scrolled_window)));
  graphene_rect_t bounds;

  if (row == NULL)
    goto done;

  /* A row added a moment ago has its place only after the next layout. */
  if (gtk_widget_get_height (row) == 0 || !gtk_widget_compute_bounds (row, content, &bounds))
    return G_SOURCE_CONTINUE;

  /* Room below the row for the toast that says it was added. */
  gtk_adjustment_clamp_page (gtk_scrolled_window_get_vadjustment (self->list_scrolled_window),
                             bounds.origin.y, bounds.origin.y + bounds.size.height + 72);
  gtk_widget_grab_focus (row);

done:
  self->scroll_tick_id = 0;
  self->scroll_to_prompt_id = 0;
  return G_SOURCE_REMOVE;
}

static void
closeness_prompt_list_dispose (GObject *object)
{
  ClosenessPromptList *self = CLOSENESS_PROMPT_LIST (object);

  if (self->scroll_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_box), self->scroll_tick_id);
      self->scroll_tick_id = 0;
    }

  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLOSENESS_TYPE_PROMPT_LIST);

  set_deck (self, NULL);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->allowed_filter);
  g_clear_object (&self->favourite_filter);
  g_clear_object (&self->favourites_filter);
  g_clear_object (&self->history_sorter);
  g_clear_object (&self->prompts);
  g_clear_object (&self->decks);

  G_OBJECT_CLASS (closeness_prompt_list_parent_class)->dispose (object);
}

static void
closeness_prompt_list_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ClosenessPromptList *self = CLOSENESS_PROMPT_LIST (object);

  switch (prop_id)
    {
    case PROP_EMPTY:
      g_value_set_boolean (value, self->empty);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_prompt_list_class_init (ClosenessPromptListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_prompt_list_dispose;
  object_class->get_property = closeness_prompt_list_get_property;

  properties[PROP_EMPTY] =
    g_param_spec_boolean ("empty", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PROMPT_ACTIVATED] = g_signal_new ("prompt-activated", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, CLOSENESS_TYPE_PROMPT);

  g_type_ensure (CLOSENESS_TYPE_PROMPT_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Closeness/closeness-prompt-list.ui");
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptList, list_back_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptList, list_title_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptList, print_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptList, edit_deck_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptList, delete_deck_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptList, new_prompt_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptList, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptList, list_scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptList, list_description_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptList, list_progress_label);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptList, list_box);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptList, list_empty_status);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPromptList, list_empty_button);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
closeness_prompt_list_init (ClosenessPromptList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->empty = TRUE;
  self->filter = (ClosenessPromptFilter) { .ceiling = CLOSENESS_INTENSITY_GENTLE };

  self->allowed_filter = gtk_custom_filter_new (allowed_filter_cb, self, NULL);
  self->favourite_filter = GTK_FILTER (
    gtk_bool_filter_new (gtk_property_expression_new (CLOSENESS_TYPE_PROMPT, NULL, "favourite")));
  self->favourites_filter = GTK_FILTER (gtk_every_filter_new ());
  gtk_multi_filter_append (GTK_MULTI_FILTER (self->favourites_filter),
                           g_object_ref (GTK_FILTER (self->allowed_filter)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (self->favourites_filter),
                           g_object_ref (self->favourite_filter));
  self->history_sorter = GTK_SORTER (gtk_custom_sorter_new (compare_last_discussed_cb, NULL, NULL));
}

GtkWidget *
closeness_prompt_list_new (GListModel *prompts,
                           GListModel *decks)
{
  ClosenessPromptList *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (prompts), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (decks), NULL);

  self = g_object_new (CLOSENESS_TYPE_PROMPT_LIST, NULL);
  self->prompts = g_object_ref (prompts);
  self->decks = g_object_ref (decks);

  /* Nothing is shown until show() says what: an empty deck matches nothing. */
  self->filter_model = gtk_filter_list_model_new (g_object_ref (prompts),
                                                  g_object_ref (GTK_FILTER (self->allowed_filter)));
  self->sort_model =
    gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)), NULL);
  g_signal_connect_object (self->sort_model, "items-changed", G_CALLBACK (items_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->sort_model), create_row_cb, self,
                           NULL);

  return GTK_WIDGET (self);
}

/**
 * closeness_prompt_list_set_filter:
 *
 * Sets what may appear (the ceiling, a closed deck); the page passes it on
 * whenever the couple changes it.
 */
void
closeness_prompt_list_set_filter (ClosenessPromptList         *self,
                                  const ClosenessPromptFilter *filter)
{
  g_return_if_fail (CLOSENESS_IS_PROMPT_LIST (self));
  g_return_if_fail (filter != NULL);

  if (self->filter.ceiling == filter->ceiling
      && self->filter.closed_deck_id == filter->closed_deck_id)
    return;

  self->filter = *filter;
  closeness_prompt_list_refilter (self);
}

/**
 * closeness_prompt_list_show:
 * @deck_id: the deck, for %CLOSENESS_PROMPT_LIST_DECK
 *
 * Shows the questions of a deck, the favorites or the history, from the top.
 */
void
closeness_prompt_list_show (ClosenessPromptList     *self,
                            ClosenessPromptListMode  mode,
                            gint64                   deck_id)
{
  g_autoptr(ClosenessDeck) deck = NULL;

  g_return_if_fail (CLOSENESS_IS_PROMPT_LIST (self));

  self->mode = mode;
  self->deck_id = mode == CLOSENESS_PROMPT_LIST_DECK ? deck_id : 0;
  if (mode == CLOSENESS_PROMPT_LIST_DECK)
    deck = find_deck (self, deck_id);
  set_deck (self, deck);

  gtk_filter_list_model_set_filter (self->filter_model, mode == CLOSENESS_PROMPT_LIST_FAVOURITES
                                                          ? self->favourites_filter
                                                          : GTK_FILTER (self->allowed_filter));
  gtk_sort_list_model_set_sorter (self->sort_model, mode == CLOSENESS_PROMPT_LIST_HISTORY
                                                      ? self->history_sorter
                                                      : NULL);
  closeness_prompt_list_refilter (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->list_scrolled_window), 0);
}

/**
 * closeness_prompt_list_refilter:
 *
 * Decides again which questions belong and in which order: prompts change
 * in place (a star, a date), which a filter model does not watch.
 */
void
closeness_prompt_list_refilter (ClosenessPromptList *self)
{
  g_return_if_fail (CLOSENESS_IS_PROMPT_LIST (self));

  /* A deck deleted meanwhile shows nothing. */
  if (self->mode == CLOSENESS_PROMPT_LIST_DECK)
    {
      g_autoptr(ClosenessDeck) deck = find_deck (self, self->deck_id);

      set_deck (self, deck);
    }

  gtk_filter_changed (GTK_FILTER (self->allowed_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (self->favourite_filter, GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (self->history_sorter, GTK_SORTER_CHANGE_DIFFERENT);
  update_heading (self);
  update_empty (self);
}

ClosenessPromptListMode
closeness_prompt_list_get_mode (ClosenessPromptList *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PROMPT_LIST (self), CLOSENESS_PROMPT_LIST_DECK);

  return self->mode;
}

/**
 * closeness_prompt_list_get_deck_id:
 *
 * Returns: the deck shown, or 0 for the favorites and the history
 */
gint64
closeness_prompt_list_get_deck_id (ClosenessPromptList *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PROMPT_LIST (self), 0);

  return self->deck_id;
}

gboolean
closeness_prompt_list_get_empty (ClosenessPromptList *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PROMPT_LIST (self), TRUE);

  return self->empty;
}

/**
 * closeness_prompt_list_get_model:
 *
 * Returns: (transfer none): the questions shown, in their order
 */
GListModel *
closeness_prompt_list_get_model (ClosenessPromptList *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PROMPT_LIST (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

/**
 * closeness_prompt_list_scroll_to_prompt:
 *
 * Brings a row into view once it is laid out, e.g. a question just added
 * at the end of a long deck, so that “Question added” can be seen to be true.
 */
void
closeness_prompt_list_scroll_to_prompt (ClosenessPromptList *self,
                                        gint64               prompt_id)
{
  g_return_if_fail (CLOSENESS_IS_PROMPT_LIST (self));

  self->scroll_to_prompt_id = prompt_id;
  if (self->scroll_tick_id == 0)
    self->scroll_tick_id =
      gtk_widget_add_tick_callback (GTK_WIDGET (self->list_box), scroll_tick_cb, self, NULL);
}
