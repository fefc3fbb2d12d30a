/* closeness-conversations-page.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Conversations page: tonight's question and drawing a card, the decks,
 * a deck's questions, favourites, history and search, and one conversation.
 * Navigation is overview → list → prompt in an AdwLeaflet.
 */

#define G_LOG_DOMAIN "closeness-conversations"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-conversation-editor.h"
#include "closeness-conversation-logic.h"
#include "closeness-conversation-settings.h"
#include "closeness-conversations-page-private.h"
#include "closeness-prompt-library.h"
#include "closeness-prompt-view.h"
#include "closeness-toast.h"

typedef enum
{
  LIST_DECK,
  LIST_FAVOURITES,
  LIST_HISTORY,
} ListMode;

struct _ClosenessConversationsPage
{
  AdwBin                         parent_instance;

  ClosenessStore                *store;
  ClosenessConversationSettings *settings;
  GListModel                    *prompts;
  GListModel                    *decks;
  GRand                         *rand;
  ClosenessPrompt               *day_prompt;
  ListMode                       list_mode;
  gint64                         list_deck_id;
  const char                    *prompt_return_view;
  guint                          refresh_id;
  guint                          midnight_id;
  gint64                         scroll_to_prompt_id;
  guint                          scroll_tick_id;

  /* The deck grid (and the deck chooser's list) is filled right after the
   * page's first frame: the first frame shows tonight's question at once,
   * the cards follow in the next one. */
  gboolean                       grid_deferred;
  guint                          grid_idle_id;
  GdkFrameClock                 *grid_frame_clock;
  gulong                         grid_after_paint_id;

  /* Template widgets */
  AdwToastOverlay               *toast_overlay;
  AdwLeaflet                    *leaflet;
  GtkScrolledWindow             *overview_scrolled_window;
  GtkSearchEntry                *search_entry;
  GtkWidget                     *home_box;
  GtkWidget                     *search_box;
  GtkWidget                     *tonight_card;
  GtkLabel                      *day_text_label;
  GtkLabel                      *day_deck_label;
  GtkButton                     *day_open_button;
  GtkButton                     *draw_button;
  GtkMenuButton                 *deck_chooser_button;
  GtkBox                        *deck_chooser_box;
  GtkButton                     *favourites_button;
  GtkButton                     *history_button;
  GtkButton                     *new_deck_button;
  GtkButton                     *overview_print_button;
  GtkFlowBox                    *decks_flow_box;
  GtkLabel                      *search_count_label;
  GtkListBox                    *search_list;
  AdwStatusPage                 *search_empty_status;
  GtkButton                     *list_back_button;
  GtkLabel                      *list_title_label;
  GtkButton                     *edit_deck_button;
  GtkButton                     *delete_deck_button;
  GtkButton                     *new_prompt_button;
  GtkButton                     *print_button;
  GtkStack                      *list_stack;
  GtkScrolledWindow             *list_scrolled_window;
  GtkLabel                      *list_heading_label;
  GtkLabel                      *list_description_label;
  GtkLabel                      *list_progress_label;
  GtkListBox                    *list_box;
  AdwStatusPage                 *list_empty_status;
  GtkButton                     *list_empty_button;
  ClosenessPromptView           *prompt_view;

  /* The parts made on first use (ensure_list_view(), ensure_search_results()) */
  GtkBuilder                    *list_builder;
  GtkBuilder                    *search_builder;
};

G_DEFINE_FINAL_TYPE (ClosenessConversationsPage, closeness_conversations_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh_all (ClosenessConversationsPage *self);

/* What may appear now: asked for each time, never kept, so no path can
 * show a question from before the couple changed their minds. */
static void
get_filter (ClosenessConversationsPage *self,
            ClosenessPromptFilter      *filter)
{
  if (self->settings == NULL)
    {
      *filter = (ClosenessPromptFilter) { .ceiling = CLOSENESS_INTENSITY_GENTLE, .closed_deck_id = 0 };
      return;
    }

  closeness_conversation_settings_get_filter (self->settings, filter);
}

static gboolean
is_deck_left_out (ClosenessConversationsPage *self,
                  gint64                      deck_id)
{
  return self->settings != NULL &&
         closeness_conversation_settings_get_deck_left_out (self->settings, deck_id);
}

static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return closeness_conversation_day_string (now);
}

static gint64
get_id (gpointer record)
{
  return closeness_record_get_id (CLOSENESS_RECORD (record));
}

static void store_changed_cb      (ClosenessConversationsPage *self);
static void ensure_list_view      (ClosenessConversationsPage *self);
static void ensure_search_results (ClosenessConversationsPage *self);

/* Every prompt, as a live model: for drawing, searching, the lists and the
 * deck cards' progress. Tonight's question does not need it (see
 * refresh_tonight()), so the page loads it after its first frame
 * (grid_idle_cb()) or when something asks for it first. */
static GListModel *
ensure_prompts (ClosenessConversationsPage *self)
{
  if (self->prompts == NULL && self->store != NULL)
    {
      self->prompts = g_object_ref (closeness_store_get_prompts (self->store));
      g_signal_connect_object (self->prompts, "items-changed", G_CALLBACK (store_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  return self->prompts;
}

static ClosenessDeck *
find_deck (ClosenessConversationsPage *self,
           gint64                      deck_id)
{
  guint n;

  if (self->decks == NULL)
    return NULL;

  n = g_list_model_get_n_items (self->decks);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessDeck) deck = g_list_model_get_item (self->decks, i);

      if (get_id (deck) == deck_id)
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

static void
show_toast (ClosenessConversationsPage *self,
            AdwToast                   *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
report_error (ClosenessConversationsPage *self,
              const GError               *error)
{
  /* Store messages are written for people and never contain their text. */
  g_warning ("A conversation change failed: %s", error->message);
  show_toast (self, closeness_toast_new (error->message));
}

static GtkWidget *
new_wrapping_label (const char *text,
                    const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/* Icon-only buttons are named for screen readers with the words of their
 * tooltip. */
static void
set_icon_button_label (GtkWidget  *button,
                       const char *label)
{
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
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

  if (g_strcmp0 (visible, "list") != 0 ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->list_stack), "items") != 0)
    return NULL;

  switch (self->list_mode)
    {
    case LIST_DECK:
      return g_strdup_printf ("deck:%" G_GINT64_FORMAT, self->list_deck_id);

    case LIST_FAVOURITES:
      return g_strdup ("favourites");

    case LIST_HISTORY:
    default:
      return NULL;
    }
}

static void
update_print_action (ClosenessConversationsPage *self)
{
  g_autofree char *target = dup_print_target (self);
  gboolean in_list = self->list_mode == LIST_DECK || self->list_mode == LIST_FAVOURITES;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "conversations.print", target != NULL);

  /* The list's print button; the list is made when first opened. */
  if (self->print_button == NULL)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->print_button), in_list);
  set_icon_button_label (GTK_WIDGET (self->print_button),
                         self->list_mode == LIST_FAVOURITES ? _("Print Favorites…")
                                                            : _("Print Deck…"));
}

/* Deck cards */

static GtkWidget *
create_deck_card (ClosenessConversationsPage  *self,
                  ClosenessDeck               *deck,
                  const ClosenessPromptFilter *filter)
{
  GtkWidget *child = gtk_flow_box_child_new ();
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name (get_deck_icon (deck));
  GtkWidget *name = new_wrapping_label (closeness_deck_get_display_name (deck), "title-4");
  GtkWidget *description = new_wrapping_label (closeness_deck_get_display_description (deck),
                                               "dim-label");
  g_autofree char *progress_text = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *progress;
  guint discussed, total;

  closeness_conversation_count_progress (ensure_prompts (self), filter, get_id (deck),
                                         &discussed, &total);
  progress_text = closeness_conversation_format_progress (discussed, total);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "closeness-deck-card");

  gtk_image_set_icon_size (GTK_IMAGE (icon), GTK_ICON_SIZE_LARGE);
  gtk_widget_set_halign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, "closeness-deck-icon");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_box_append (GTK_BOX (card), icon);

  gtk_box_append (GTK_BOX (card), name);

  /* Short natural widths let the flow box put several cards on a line. */
  gtk_label_set_max_width_chars (GTK_LABEL (name), 24);
  gtk_label_set_max_width_chars (GTK_LABEL (description), 30);
  gtk_label_set_width_chars (GTK_LABEL (description), 20);
  gtk_label_set_lines (GTK_LABEL (description), 3);
  gtk_label_set_ellipsize (GTK_LABEL (description), PANGO_ELLIPSIZE_END);
  gtk_widget_set_vexpand (description, TRUE);
  gtk_widget_set_valign (description, GTK_ALIGN_START);
  gtk_widget_set_visible (description, closeness_deck_get_description (deck)[0] != '\0');
  gtk_box_append (GTK_BOX (card), description);

  progress = new_wrapping_label (progress_text, "caption");
  gtk_widget_add_css_class (progress, "closeness-deck-progress");
  gtk_widget_set_valign (progress, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (card), progress);

  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), card);
  g_object_set_data (G_OBJECT (child), "deck-id", GSIZE_TO_POINTER ((gsize) get_id (deck)));

  /* Translators: how a screen reader names a deck card: deck name, then progress. */
  accessible = g_strdup_printf (_("%s, %s"), closeness_deck_get_display_name (deck), progress_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);

  return child;
}

/* Prompt rows */

static void
row_favourite_toggled_cb (GtkToggleButton            *button,
                          ClosenessConversationsPage *self)
{
  ClosenessPrompt *prompt = g_object_get_data (G_OBJECT (button), "prompt");
  gboolean active = gtk_toggle_button_get_active (button);
  g_autoptr(GError) error = NULL;

  gtk_button_set_icon_name (GTK_BUTTON (button), active ? "starred-symbolic" : "non-starred-symbolic");

  if (closeness_prompt_get_favourite (prompt) == active)
    return;

  if (!closeness_store_set_favourite (self->store, get_id (prompt), active, &error))
    report_error (self, error);
}

static GtkWidget *
create_prompt_row (ClosenessConversationsPage *self,
                   ClosenessPrompt            *prompt,
                   gboolean                    show_deck)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *text = new_wrapping_label (closeness_prompt_get_display_text (prompt), NULL);
  GtkWidget *favourite = gtk_toggle_button_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *last = closeness_prompt_get_last_discussed (prompt);
  gboolean is_favourite = closeness_prompt_get_favourite (prompt);

  gtk_widget_add_css_class (box, "closeness-prompt-row");

  gtk_label_set_lines (GTK_LABEL (text), 4);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (texts), text);

  if (show_deck)
    {
      g_autoptr(ClosenessDeck) deck = find_deck (self, closeness_prompt_get_deck_id (prompt));

      if (deck != NULL)
        g_string_append (subtitle, closeness_deck_get_display_name (deck));
    }
  if (last != NULL && last[0] != '\0')
    {
      g_autofree char *date = closeness_conversation_format_day (last);

      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      /* Translators: %s is a date such as “21 November 2026”. */
      g_string_append_printf (subtitle, _("Discussed on %s"), date);
    }
  if (closeness_prompt_get_is_custom (prompt))
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append (subtitle, _("Your question"));
    }
  if (subtitle->len > 0)
    {
      GtkWidget *label = new_wrapping_label (subtitle->str, "caption");

      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (texts), label);
    }
  gtk_box_append (GTK_BOX (box), texts);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (favourite), is_favourite);
  gtk_button_set_icon_name (GTK_BUTTON (favourite), is_favourite ? "starred-symbolic"
                                                                  : "non-starred-symbolic");
  gtk_widget_set_valign (favourite, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (favourite, _("Favorite"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (favourite), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Favorite"), -1);
  gtk_widget_add_css_class (favourite, "flat");
  gtk_widget_add_css_class (favourite, "circular");
  g_object_set_data_full (G_OBJECT (favourite), "prompt", g_object_ref (prompt), g_object_unref);
  g_signal_connect_object (favourite, "toggled", G_CALLBACK (row_favourite_toggled_cb), self, 0);
  gtk_box_append (GTK_BOX (box), favourite);

  gtk_widget_set_valign (arrow, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (arrow, "dim-label");
  gtk_box_append (GTK_BOX (box), arrow);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "prompt", g_object_ref (prompt), g_object_unref);

  return row;
}

static void
clear_list_box (GtkListBox *list_box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list_box))) != NULL)
    gtk_list_box_remove (list_box, child);
}

/* Refreshing */

static void
refresh_tonight (ClosenessConversationsPage *self)
{
  g_autofree char *today = dup_today ();
  g_autoptr(ClosenessPrompt) prompt = NULL;
  ClosenessPromptFilter filter;

  get_filter (self, &filter);

  /* Before the prompts model is loaded (the first frame), chosen from the
   * prompts' keys and loaded alone; afterwards from the model in memory. Both
   * make the same choice (test-conversation-logic). */
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

  g_set_object (&self->day_prompt, prompt);

  if (prompt != NULL)
    {
      g_autoptr(ClosenessDeck) deck = find_deck (self, closeness_prompt_get_deck_id (prompt));

      gtk_label_set_text (self->day_text_label, closeness_prompt_get_display_text (prompt));
      gtk_label_set_text (self->day_deck_label, deck != NULL ? closeness_deck_get_display_name (deck) : "");
      gtk_widget_set_visible (GTK_WIDGET (self->day_open_button), TRUE);
    }
  else
    {
      gtk_label_set_text (self->day_text_label, _("No questions are available yet."));
      gtk_label_set_text (self->day_deck_label,
                          _("Add your own questions in a deck, or allow more intensities in Preferences."));
      gtk_widget_set_visible (GTK_WIDGET (self->day_open_button), FALSE);
    }
}

static void
update_chooser_label (ClosenessConversationsPage *self)
{
  guint n = self->decks != NULL ? g_list_model_get_n_items (self->decks) : 0;
  guint n_decks = 0, n_excluded = 0;
  g_autofree char *label = NULL;
  ClosenessPromptFilter filter;

  get_filter (self, &filter);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessDeck) deck = g_list_model_get_item (self->decks, i);
      gint64 id = get_id (deck);

      /* A closed deck is no choice here: it is not there at all. */
      if (!closeness_prompt_filter_allows_deck (&filter, id))
        continue;
      n_decks++;
      if (is_deck_left_out (self, id))
        n_excluded++;
    }

  if (n_excluded == 0)
    label = g_strdup (_("All Decks"));
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Deck", "%u Decks",
                                          n_decks - n_excluded),
                             n_decks - n_excluded);

  gtk_menu_button_set_label (self->deck_chooser_button, label);
}

static void
deck_check_toggled_cb (GtkCheckButton             *check,
                       ClosenessConversationsPage *self)
{
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "deck-id"));
  g_autoptr(GError) error = NULL;

  /* Kept with the couple's data, so the choice is still there tomorrow. */
  if (self->settings != NULL &&
      !closeness_conversation_settings_set_deck_left_out (self->settings, id,
                                                          !gtk_check_button_get_active (check),
                                                          &error))
    report_error (self, error);

  update_chooser_label (self);
}

static void
refresh_deck_chooser (ClosenessConversationsPage *self)
{
  GtkWidget *child;
  ClosenessPromptFilter filter;
  guint n;

  /* The list of decks lives in the chooser's popover, made when it first
   * opens (create_deck_chooser_cb()); until then only the label counts. */
  if (self->deck_chooser_box == NULL)
    {
      update_chooser_label (self);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->deck_chooser_box))) != NULL)
    gtk_box_remove (self->deck_chooser_box, child);

  get_filter (self, &filter);
  n = self->decks != NULL ? g_list_model_get_n_items (self->decks) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessDeck) deck = g_list_model_get_item (self->decks, i);
      GtkWidget *check;
      gint64 id = get_id (deck);

      if (!closeness_prompt_filter_allows_deck (&filter, id))
        continue;

      check = gtk_check_button_new_with_label (closeness_deck_get_display_name (deck));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), !is_deck_left_out (self, id));
      g_object_set_data (G_OBJECT (check), "deck-id", GSIZE_TO_POINTER ((gsize) id));
      g_signal_connect_object (check, "toggled", G_CALLBACK (deck_check_toggled_cb), self, 0);
      gtk_box_append (self->deck_chooser_box, check);
    }

  update_chooser_label (self);
}

static void
create_deck_chooser_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  ClosenessConversationsPage *self = user_data;
  GtkWidget *popover, *scrolled;

  /* GtkMenuButton calls this each time before it pops up. */
  if (self->deck_chooser_box != NULL)
    return;

  popover = gtk_popover_new ();
  scrolled = gtk_scrolled_window_new ();
  self->deck_chooser_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 2));
  gtk_widget_set_margin_top (GTK_WIDGET (self->deck_chooser_box), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->deck_chooser_box), 6);
  gtk_widget_set_margin_start (GTK_WIDGET (self->deck_chooser_box), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->deck_chooser_box), 6);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->deck_chooser_box));
  gtk_popover_set_child (GTK_POPOVER (popover), scrolled);
  gtk_menu_button_set_popover (button, popover);

  refresh_deck_chooser (self);
}

static void
refresh_decks (ClosenessConversationsPage *self)
{
  GtkWidget *child;
  ClosenessPromptFilter filter;
  guint n;

  if (self->grid_deferred)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->decks_flow_box))) != NULL)
    gtk_flow_box_remove (self->decks_flow_box, child);

  get_filter (self, &filter);
  n = self->decks != NULL ? g_list_model_get_n_items (self->decks) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessDeck) deck = g_list_model_get_item (self->decks, i);

      if (closeness_prompt_filter_allows_deck (&filter, get_id (deck)))
        gtk_flow_box_append (self->decks_flow_box, create_deck_card (self, deck, &filter));
    }
}

static void
refresh_search (ClosenessConversationsPage *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *count = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (query));
  ClosenessPromptFilter filter;

  if (trimmed[0] == '\0' || ensure_prompts (self) == NULL)
    {
      gtk_widget_set_visible (self->search_box, FALSE);
      gtk_widget_set_visible (self->home_box, TRUE);
      if (self->search_list != NULL)
        clear_list_box (self->search_list);
      return;
    }

  ensure_search_results (self);
  gtk_widget_set_visible (self->home_box, FALSE);
  gtk_widget_set_visible (self->search_box, TRUE);
  clear_list_box (self->search_list);

  get_filter (self, &filter);
  results = closeness_conversation_search (self->prompts, &filter, trimmed);
  for (guint i = 0; i < results->len; i++)
    gtk_list_box_append (self->search_list,
                         create_prompt_row (self, g_ptr_array_index (results, i), TRUE));

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u question found",
                                        "%u questions found", results->len),
                           results->len);
  gtk_label_set_text (self->search_count_label, count);
  gtk_widget_set_visible (GTK_WIDGET (self->search_count_label), results->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->search_list), results->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->search_empty_status), results->len == 0);
}

static int
compare_last_discussed (gconstpointer a,
                        gconstpointer b)
{
  ClosenessPrompt *pa = *(ClosenessPrompt **) a;
  ClosenessPrompt *pb = *(ClosenessPrompt **) b;

  /* Newest first. */
  return g_strcmp0 (closeness_prompt_get_last_discussed (pb),
                    closeness_prompt_get_last_discussed (pa));
}

static GPtrArray *
collect_list_prompts (ClosenessConversationsPage  *self,
                      const ClosenessPromptFilter *filter)
{
  GPtrArray *result;

  if (self->list_mode == LIST_DECK)
    return closeness_conversation_deck_prompts (self->prompts, filter, self->list_deck_id);

  result = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (self->prompts); i++)
    {
      g_autoptr(ClosenessPrompt) prompt = g_list_model_get_item (self->prompts, i);
      const char *last = closeness_prompt_get_last_discussed (prompt);

      if (!closeness_prompt_filter_allows (filter, prompt))
        continue;

      if ((self->list_mode == LIST_FAVOURITES && closeness_prompt_get_favourite (prompt)) ||
          (self->list_mode == LIST_HISTORY && last != NULL && last[0] != '\0'))
        g_ptr_array_add (result, g_steal_pointer (&prompt));
    }

  if (self->list_mode == LIST_HISTORY)
    g_ptr_array_sort (result, compare_last_discussed);

  return result;
}

static void
refresh_list (ClosenessConversationsPage *self)
{
  g_autoptr(GPtrArray) prompts = NULL;
  g_autoptr(ClosenessDeck) deck = NULL;
  gboolean is_custom_deck = FALSE;
  ClosenessPromptFilter filter;

  /* Nothing to refresh before the list was first opened (open_list()). */
  if (self->list_box == NULL)
    return;

  clear_list_box (self->list_box);

  if (ensure_prompts (self) == NULL)
    return;

  get_filter (self, &filter);

  if (self->list_mode == LIST_DECK)
    {
      deck = find_deck (self, self->list_deck_id);
      if (deck == NULL)
        return;
      is_custom_deck = closeness_deck_get_is_custom (deck);
    }

  prompts = collect_list_prompts (self, &filter);
  for (guint i = 0; i < prompts->len; i++)
    gtk_list_box_append (self->list_box,
                         create_prompt_row (self, g_ptr_array_index (prompts, i),
                                            self->list_mode != LIST_DECK));

  gtk_widget_set_visible (GTK_WIDGET (self->new_prompt_button), self->list_mode == LIST_DECK);
  gtk_widget_set_visible (GTK_WIDGET (self->list_empty_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_deck_button), is_custom_deck);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_deck_button), is_custom_deck);

  switch (self->list_mode)
    {
    case LIST_DECK:
      {
        g_autofree char *progress = NULL;
        guint discussed, total;
        const char *description = closeness_deck_get_display_description (deck);

        closeness_conversation_count_progress (self->prompts, &filter, self->list_deck_id,
                                               &discussed, &total);
        progress = closeness_conversation_format_progress (discussed, total);
        gtk_label_set_text (self->list_heading_label, closeness_deck_get_display_name (deck));
        gtk_label_set_text (self->list_description_label, description);
        gtk_widget_set_visible (GTK_WIDGET (self->list_description_label), description[0] != '\0');
        gtk_label_set_text (self->list_progress_label, progress);
        gtk_widget_set_visible (GTK_WIDGET (self->list_progress_label), TRUE);

        adw_status_page_set_title (self->list_empty_status,
                                   closeness_deck_get_display_name (deck));
        if (is_custom_deck && closeness_deck_get_prompt_count (deck) == 0)
          {
            adw_status_page_set_icon_name (self->list_empty_status, get_deck_icon (deck));
            adw_status_page_set_description (self->list_empty_status,
                                             _("This deck has no questions yet. Write your own, the way you would ask them."));
            gtk_widget_set_visible (GTK_WIDGET (self->list_empty_button), TRUE);
          }
        else
          {
            adw_status_page_set_icon_name (self->list_empty_status, "dialog-information-symbolic");
            adw_status_page_set_description (self->list_empty_status,
                                             _("Every question in this deck is above the intensity you chose in Preferences."));
          }
      }
      break;

    case LIST_FAVOURITES:
      gtk_label_set_text (self->list_heading_label, _("Favorites"));
      gtk_label_set_text (self->list_description_label,
                          _("The questions you want to come back to."));
      gtk_widget_set_visible (GTK_WIDGET (self->list_description_label), TRUE);
      gtk_widget_set_visible (GTK_WIDGET (self->list_progress_label), FALSE);
      adw_status_page_set_icon_name (self->list_empty_status, "starred-symbolic");
      adw_status_page_set_title (self->list_empty_status, _("No Favorites Yet"));
      adw_status_page_set_description (self->list_empty_status,
                                       _("Star a question you want to come back to, and it will wait for you here."));
      break;

    case LIST_HISTORY:
    default:
      gtk_label_set_text (self->list_heading_label, _("History"));
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

  gtk_stack_set_visible_child_name (self->list_stack, prompts->len > 0 ? "items" : "empty");
  update_print_action (self);
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
  self->grid_deferred = FALSE;
  ensure_prompts (self);
  refresh_decks (self);
  refresh_deck_chooser (self);

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
      g_source_set_name_by_id (self->grid_idle_id, "[closeness] fill the deck grid");
    }
}

static void
page_map_cb (ClosenessConversationsPage *self)
{
  GdkFrameClock *frame_clock;

  if (!self->grid_deferred || self->grid_idle_id != 0 || self->grid_frame_clock != NULL)
    return;

  frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (frame_clock == NULL)
    {
      grid_after_paint_cb (NULL, self);
      return;
    }

  self->grid_frame_clock = g_object_ref (frame_clock);
  self->grid_after_paint_id = g_signal_connect (frame_clock, "after-paint",
                                                G_CALLBACK (grid_after_paint_cb), self);
}

static void
page_unmap_cb (ClosenessConversationsPage *self)
{
  /* Not painted after all: wait for the next map. */
  disconnect_grid_after_paint (self);
}

static void
refresh_all (ClosenessConversationsPage *self)
{
  g_clear_handle_id (&self->refresh_id, g_source_remove);

  refresh_tonight (self);
  refresh_decks (self);
  refresh_deck_chooser (self);
  refresh_search (self);

  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "overview") != 0)
    refresh_list (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  ClosenessConversationsPage *self = user_data;

  self->refresh_id = 0;
  refresh_all (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (ClosenessConversationsPage *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
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

/* Parts made on first use */

#define PARTS_RESOURCE "/com/example/Closeness/closeness-conversations-parts.ui"

static void list_back_clicked_cb    (ClosenessConversationsPage *self);
static void edit_deck_clicked_cb    (ClosenessConversationsPage *self);
static void delete_deck_clicked_cb  (ClosenessConversationsPage *self);
static void new_prompt_clicked_cb   (ClosenessConversationsPage *self);
static void prompt_row_activated_cb (ClosenessConversationsPage *self,
                                     GtkListBoxRow              *row);

/* The list of a deck (or the favorites, or the history) and the search
 * results are not on the overview a person sees first: they are built from
 * closeness-conversations-parts.ui the first time they are needed, with the
 * page as the object their signals go to, as in the page's template. */
static GtkBuilder *
build_part (ClosenessConversationsPage *self,
            const char                 *root_id)
{
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  GtkBuilder *builder = gtk_builder_new ();
  const char *ids[] = { root_id, NULL };
  g_autoptr(GError) error = NULL;

  gtk_builder_cscope_add_callback (GTK_BUILDER_CSCOPE (scope), list_back_clicked_cb);
  gtk_builder_cscope_add_callback (GTK_BUILDER_CSCOPE (scope), edit_deck_clicked_cb);
  gtk_builder_cscope_add_callback (GTK_BUILDER_CSCOPE (scope), delete_deck_clicked_cb);
  gtk_builder_cscope_add_callback (GTK_BUILDER_CSCOPE (scope), new_prompt_clicked_cb);
  gtk_builder_cscope_add_callback (GTK_BUILDER_CSCOPE (scope), prompt_row_activated_cb);
  gtk_builder_set_scope (builder, scope);
  gtk_builder_set_current_object (builder, G_OBJECT (self));
  gtk_builder_set_translation_domain (builder, GETTEXT_PACKAGE);

  /* Our own resource: failing here is a bug in the build, not bad input. */
  if (!gtk_builder_add_objects_from_resource (builder, PARTS_RESOURCE, ids, &error))
    g_error ("Could not build %s: %s", root_id, error->message);

  return builder;
}

#define PART(builder, type, id) ((type *) gtk_builder_get_object ((builder), (id)))

static void
ensure_list_view (ClosenessConversationsPage *self)
{
  GtkBuilder *builder;
  GtkWidget *view;
  AdwLeafletPage *page;

  if (self->list_builder != NULL)
    return;

  builder = self->list_builder = build_part (self, "list_view");
  self->list_back_button = PART (builder, GtkButton, "list_back_button");
  self->list_title_label = PART (builder, GtkLabel, "list_title_label");
  self->edit_deck_button = PART (builder, GtkButton, "edit_deck_button");
  self->delete_deck_button = PART (builder, GtkButton, "delete_deck_button");
  self->new_prompt_button = PART (builder, GtkButton, "new_prompt_button");
  self->print_button = PART (builder, GtkButton, "print_button");
  self->list_stack = PART (builder, GtkStack, "list_stack");
  self->list_scrolled_window = PART (builder, GtkScrolledWindow, "list_scrolled_window");
  self->list_heading_label = PART (builder, GtkLabel, "list_heading_label");
  self->list_description_label = PART (builder, GtkLabel, "list_description_label");
  self->list_progress_label = PART (builder, GtkLabel, "list_progress_label");
  self->list_box = PART (builder, GtkListBox, "list_box");
  self->list_empty_status = PART (builder, AdwStatusPage, "list_empty_status");
  self->list_empty_button = PART (builder, GtkButton, "list_empty_button");

  /* Hidden until shown (show_view()): the leaflet measures visible pages. */
  view = PART (builder, GtkWidget, "list_view");
  gtk_widget_set_visible (view, FALSE);
  page = adw_leaflet_insert_child_after (self->leaflet, view,
                                         adw_leaflet_get_child_by_name (self->leaflet, "overview"));
  adw_leaflet_page_set_name (page, "list");
}

static void
ensure_search_results (ClosenessConversationsPage *self)
{
  GtkBuilder *builder;

  if (self->search_builder != NULL)
    return;

  builder = self->search_builder = build_part (self, "search_results");
  self->search_count_label = PART (builder, GtkLabel, "search_count_label");
  self->search_list = PART (builder, GtkListBox, "search_list");
  self->search_empty_status = PART (builder, AdwStatusPage, "search_empty_status");
  gtk_box_append (GTK_BOX (self->search_box), PART (builder, GtkWidget, "search_results"));
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

  object = gtk_widget_get_template_child (GTK_WIDGET (self), CLOSENESS_TYPE_CONVERSATIONS_PAGE, name);
  if (object != NULL)
    return object;

  ensure_list_view (self);
  if ((object = gtk_builder_get_object (self->list_builder, name)) != NULL)
    return object;

  ensure_search_results (self);
  return gtk_builder_get_object (self->search_builder, name);
}

/* Navigation */

static void prompt_back_cb    (ClosenessConversationsPage *self);
static void prompt_skipped_cb (ClosenessConversationsPage *self);
static void prompt_edit_cb    (ClosenessConversationsPage *self);
static void prompt_delete_cb  (ClosenessConversationsPage *self);

/* The conversation view is made the first time a question opens: a
 * person who only looks at tonight's question never pays for it, and the
 * window's first frame does not either. It goes after the overview and the
 * list in the leaflet, so opening it slides in from the end. */
static ClosenessPromptView *
ensure_prompt_view (ClosenessConversationsPage *self)
{
  AdwLeafletPage *page;
  GtkWidget *list;

  if (self->prompt_view != NULL)
    return self->prompt_view;

  self->prompt_view = g_object_new (CLOSENESS_TYPE_PROMPT_VIEW, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->prompt_view), FALSE);
  g_signal_connect_object (self->prompt_view, "go-back", G_CALLBACK (prompt_back_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->prompt_view, "skipped", G_CALLBACK (prompt_skipped_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->prompt_view, "edit-requested", G_CALLBACK (prompt_edit_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->prompt_view, "delete-requested", G_CALLBACK (prompt_delete_cb),
                           self, G_CONNECT_SWAPPED);
  closeness_prompt_view_set_store (self->prompt_view, self->store);

  list = adw_leaflet_get_child_by_name (self->leaflet, "list");
  if (list == NULL)
    list = adw_leaflet_get_child_by_name (self->leaflet, "overview");
  page = adw_leaflet_insert_child_after (self->leaflet, GTK_WIDGET (self->prompt_view), list);
  adw_leaflet_page_set_name (page, "prompt");

  return self->prompt_view;
}

static ClosenessPrompt *
current_prompt (ClosenessConversationsPage *self)
{
  return self->prompt_view != NULL ? closeness_prompt_view_get_prompt (self->prompt_view) : NULL;
}

static void
show_view (ClosenessConversationsPage *self,
           const char                 *name)
{
  GtkWidget *child = adw_leaflet_get_child_by_name (self->leaflet, name);

  /* The list and the prompt view are hidden until first shown. */
  if (child != NULL)
    gtk_widget_set_visible (child, TRUE);

  adw_leaflet_set_visible_child_name (self->leaflet, name);
  update_print_action (self);
}

static void
open_list (ClosenessConversationsPage *self,
           ListMode                    mode,
           gint64                      deck_id)
{
  ensure_list_view (self);
  self->list_mode = mode;
  self->list_deck_id = deck_id;
  refresh_list (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->list_scrolled_window), 0);
  show_view (self, "list");
}

static void
deck_activated_cb (ClosenessConversationsPage *self,
                   GtkFlowBoxChild            *child)
{
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (child), "deck-id"));

  closeness_conversations_page_open_deck (self, id);
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

static void
favourites_clicked_cb (ClosenessConversationsPage *self)
{
  open_list (self, LIST_FAVOURITES, 0);
}

static void
history_clicked_cb (ClosenessConversationsPage *self)
{
  open_list (self, LIST_HISTORY, 0);
}

static void
list_back_clicked_cb (ClosenessConversationsPage *self)
{
  closeness_conversations_page_show_overview (self);
}

static void
prompt_row_activated_cb (ClosenessConversationsPage *self,
                         GtkListBoxRow              *row)
{
  ClosenessPrompt *prompt = g_object_get_data (G_OBJECT (row), "prompt");

  if (prompt == NULL)
    return;

  self->prompt_return_view = self->list_box != NULL &&
                             gtk_widget_is_ancestor (GTK_WIDGET (row), GTK_WIDGET (self->list_box))
                             ? "list" : "overview";
  closeness_prompt_view_set_prompt (ensure_prompt_view (self), prompt);
  show_view (self, "prompt");
}

static void
day_open_clicked_cb (ClosenessConversationsPage *self)
{
  if (self->day_prompt == NULL)
    return;

  self->prompt_return_view = "overview";
  closeness_prompt_view_set_prompt (ensure_prompt_view (self), self->day_prompt);
  show_view (self, "prompt");
}

static void
prompt_back_cb (ClosenessConversationsPage *self)
{
  const char *view = self->prompt_return_view != NULL ? self->prompt_return_view : "overview";

  if (g_str_equal (view, "list"))
    refresh_list (self);
  show_view (self, view);
  refresh_tonight (self);
  refresh_decks (self);
}

static void
search_changed_cb (ClosenessConversationsPage *self)
{
  refresh_search (self);
}

static void
stop_search_cb (ClosenessConversationsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Drawing */

static GArray *
dup_chosen_deck_ids (ClosenessConversationsPage *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n = self->decks != NULL ? g_list_model_get_n_items (self->decks) : 0;
  ClosenessPromptFilter filter;

  get_filter (self, &filter);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessDeck) deck = g_list_model_get_item (self->decks, i);
      gint64 id = get_id (deck);

      if (closeness_prompt_filter_allows_deck (&filter, id) && !is_deck_left_out (self, id))
        g_array_append_val (ids, id);
    }

  return ids;
}

static gboolean
draw_into_view (ClosenessConversationsPage *self,
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

  get_filter (self, &filter);
  deck_ids = dup_chosen_deck_ids (self);
  if (deck_ids->len == 0)
    {
      show_toast (self, closeness_toast_new (_("Choose at least one deck to draw from")));
      return FALSE;
    }

  recent = closeness_store_dup_seen_since (self->store, since);
  prompt = closeness_conversation_draw (ensure_prompts (self), &filter,
                                        (const gint64 *) (gpointer) deck_ids->data, deck_ids->len,
                                        recent, current_id, self->rand, &all_seen);
  if (prompt == NULL)
    {
      show_toast (self,
                  closeness_toast_new (_("These decks have no questions within your intensity setting")));
      return FALSE;
    }

  if (!closeness_store_mark_seen (self->store, get_id (prompt), today, &error))
    g_debug ("Could not remember a drawn card: %s", error->message);

  closeness_prompt_view_set_prompt (ensure_prompt_view (self), prompt);

  if (all_seen)
    show_toast (self,
                closeness_toast_new (_("You have seen every card in these decks lately, so this one is a repeat")));

  return TRUE;
}

static void
draw_clicked_cb (ClosenessConversationsPage *self)
{
  closeness_conversations_page_draw_card (self);
}

static void
prompt_skipped_cb (ClosenessConversationsPage *self)
{
  ClosenessPrompt *current = current_prompt (self);

  if (draw_into_view (self, current != NULL ? get_id (current) : 0))
    show_toast (self, closeness_toast_new (_("Skipped for tonight. Here is another one.")));
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
    report_error (self, error);

  refresh_all (self);
}

static void
show_undo_toast (ClosenessConversationsPage *self,
                 const char                 *title,
                 gint64                      id,
                 gboolean                    is_deck)
{
  AdwToast *toast = closeness_toast_new (title);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data (G_OBJECT (toast), "record-id", GSIZE_TO_POINTER ((gsize) id));
  g_object_set_data (G_OBJECT (toast), "is-deck", GINT_TO_POINTER (is_deck));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_toast_clicked_cb), self, 0);
  show_toast (self, toast);
}

static void
prompt_delete_cb (ClosenessConversationsPage *self)
{
  ClosenessPrompt *prompt = current_prompt (self);
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (prompt == NULL || !closeness_prompt_get_is_custom (prompt))
    return;

  id = get_id (prompt);
  if (!closeness_store_delete_prompt (self->store, id, &error))
    {
      report_error (self, error);
      return;
    }

  closeness_prompt_view_set_prompt (self->prompt_view, NULL);
  prompt_back_cb (self);
  show_undo_toast (self, _("Question deleted"), id, FALSE);
}

static GtkWidget *
find_prompt_row (GtkListBox *list_box,
                 gint64      prompt_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      ClosenessPrompt *prompt = g_object_get_data (G_OBJECT (child), "prompt");

      if (prompt != NULL && get_id (prompt) == prompt_id)
        return child;
    }

  return NULL;
}

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  ClosenessConversationsPage *self = user_data;
  GtkWidget *row = find_prompt_row (self->list_box, self->scroll_to_prompt_id);
  GtkWidget *content = gtk_viewport_get_child (GTK_VIEWPORT (gtk_scrolled_window_get_child (self->list_scrolled_window)));
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

/* Brings a row into view once it is laid out, e.g. a question just added
 * at the end of a long deck, so that “Question added” can be seen to be true. */
static void
scroll_to_prompt (ClosenessConversationsPage *self,
                  gint64                      prompt_id)
{
  self->scroll_to_prompt_id = prompt_id;
  if (self->scroll_tick_id == 0 && self->list_box != NULL)
    self->scroll_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_box), scroll_tick_cb,
                                                         self, NULL);
}

static void
editor_response_cb (ClosenessConversationEditor *editor,
                    const char                  *response,
                    ClosenessConversationsPage  *self)
{
  const char *mode = g_object_get_data (G_OBJECT (editor), "mode");
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (editor), "record-id"));
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
          show_toast (self, closeness_toast_new (_("Question added")));
        }
    }
  else if (g_str_equal (mode, "edit-prompt"))
    ok = closeness_store_update_prompt (self->store, id, text, detail,
                                        closeness_conversation_editor_get_intensity (editor),
                                        &error);
  else if (g_str_equal (mode, "new-deck"))
    {
      g_autoptr(ClosenessDeck) deck = closeness_store_create_deck (self->store, text, detail, &error);

      ok = deck != NULL;
      if (ok)
        {
          refresh_all (self);
          closeness_conversations_page_open_deck (self, get_id (deck));
        }
    }
  else if (g_str_equal (mode, "edit-deck"))
    ok = closeness_store_update_deck (self->store, id, text, detail, &error);

  if (!ok)
    {
      report_error (self, error);
      return;
    }

  refresh_all (self);
  if (current_prompt (self) != NULL)
    closeness_prompt_view_set_prompt (self->prompt_view, current_prompt (self));
  if (added_prompt_id != 0)
    scroll_to_prompt (self, added_prompt_id);
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

static GtkWindow *
get_parent_window (ClosenessConversationsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
prompt_edit_cb (ClosenessConversationsPage *self)
{
  ClosenessPrompt *prompt = current_prompt (self);

  if (prompt == NULL || !closeness_prompt_get_is_custom (prompt))
    return;

  present_editor (self, closeness_conversation_editor_new_prompt (get_parent_window (self), prompt),
                  "edit-prompt", get_id (prompt));
}

static void
new_prompt_clicked_cb (ClosenessConversationsPage *self)
{
  if (self->list_mode != LIST_DECK)
    return;

  present_editor (self, closeness_conversation_editor_new_prompt (get_parent_window (self), NULL),
                  "new-prompt", self->list_deck_id);
}

static void
new_deck_clicked_cb (ClosenessConversationsPage *self)
{
  present_editor (self, closeness_conversation_editor_new_deck (get_parent_window (self), NULL),
                  "new-deck", 0);
}

static void
edit_deck_clicked_cb (ClosenessConversationsPage *self)
{
  g_autoptr(ClosenessDeck) deck = find_deck (self, self->list_deck_id);

  if (deck == NULL || !closeness_deck_get_is_custom (deck))
    return;

  present_editor (self, closeness_conversation_editor_new_deck (get_parent_window (self), deck),
                  "edit-deck", self->list_deck_id);
}

static void
delete_deck_clicked_cb (ClosenessConversationsPage *self)
{
  g_autoptr(ClosenessDeck) deck = find_deck (self, self->list_deck_id);
  g_autoptr(GError) error = NULL;

  if (deck == NULL || !closeness_deck_get_is_custom (deck))
    return;

  if (!closeness_store_delete_deck (self->store, self->list_deck_id, &error))
    {
      report_error (self, error);
      return;
    }

  closeness_conversations_page_show_overview (self);
  refresh_all (self);
  show_undo_toast (self, _("Deck deleted"), self->list_deck_id, TRUE);
}

/* Actions */

static void
search_activated_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  closeness_conversations_page_focus_search (CLOSENESS_CONVERSATIONS_PAGE (widget));
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

static void
store_changed_cb (ClosenessConversationsPage *self)
{
  schedule_refresh (self);
}

/* The couple changed what may appear (the intensity, the desire deck):
 * a question or a deck on screen that may no longer appear goes away now,
 * not at the next refresh. What was typed into it is saved first. */
static void
settings_changed_cb (ClosenessConversationsPage *self)
{
  const char *visible = adw_leaflet_get_visible_child_name (self->leaflet);
  ClosenessPrompt *prompt = current_prompt (self);
  ClosenessPromptFilter filter;

  get_filter (self, &filter);

  if (prompt != NULL && !closeness_prompt_filter_allows (&filter, prompt))
    {
      closeness_conversations_page_show_overview (self);
      closeness_prompt_view_set_prompt (self->prompt_view, NULL);
    }
  else if (g_strcmp0 (visible, "list") == 0 && self->list_mode == LIST_DECK &&
           !closeness_prompt_filter_allows_deck (&filter, self->list_deck_id))
    closeness_conversations_page_show_overview (self);

  schedule_refresh (self);
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
  g_clear_object (&self->day_prompt);
}

/* GObject */

static void
closeness_conversations_page_dispose (GObject *object)
{
  ClosenessConversationsPage *self = CLOSENESS_CONVERSATIONS_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->midnight_id, g_source_remove);
  g_clear_handle_id (&self->grid_idle_id, g_source_remove);
  disconnect_grid_after_paint (self);
  if (self->scroll_tick_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_box), self->scroll_tick_id);
      self->scroll_tick_id = 0;
    }

  /* AdwBin keeps its own pointer to the child: let it unparent first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLOSENESS_TYPE_CONVERSATIONS_PAGE);
  g_clear_object (&self->list_builder);
  g_clear_object (&self->search_builder);

  disconnect_store (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (closeness_conversations_page_parent_class)->dispose (object);
}

static void
closeness_conversations_page_finalize (GObject *object)
{
  ClosenessConversationsPage *self = CLOSENESS_CONVERSATIONS_PAGE (object);

  g_clear_pointer (&self->rand, g_rand_free);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CLOSENESS_TYPE_PROMPT_VIEW);

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
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_open_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, draw_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, favourites_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, history_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_deck_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, deck_activated_cb);

  gtk_widget_class_install_action (widget_class, "conversations.search", NULL, search_activated_cb);
  gtk_widget_class_install_action (widget_class, "conversations.back", NULL, back_activated_cb);
  gtk_widget_class_install_action (widget_class, "conversations.print", NULL, print_activated_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "conversations.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "conversations.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "conversations.print", NULL);
}

static void
closeness_conversations_page_init (ClosenessConversationsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rand = g_rand_new ();
  self->prompt_return_view = "overview";

  /* Only what is on screen is made, measured and styled: the list of a deck
   * and the search results are built when first needed (build_part()), the
   * conversation view too (ensure_prompt_view()), the deck cards right after
   * the first frame (page_map_cb()). Tonight's card and the search results
   * are siblings shown in turn, not a GtkStack: a stack measures its visible
   * child's width for its height on every allocation, and a wrapping label
   * answers that by laying its text out again at one width after another. */
  self->grid_deferred = TRUE;
  g_signal_connect (self, "map", G_CALLBACK (page_map_cb), NULL);
  g_signal_connect (self, "unmap", G_CALLBACK (page_unmap_cb), NULL);

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
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (CLOSENESS_IS_CONVERSATIONS_PAGE (self));
  g_return_if_fail (store == NULL || CLOSENESS_IS_STORE (store));

  if (self->store == store)
    return;

  if (self->prompt_view != NULL)
    closeness_prompt_view_set_prompt (self->prompt_view, NULL);
  disconnect_store (self);
  g_set_object (&self->store, store);
  if (self->prompt_view != NULL)
    closeness_prompt_view_set_store (self->prompt_view, store);
  g_clear_handle_id (&self->midnight_id, g_source_remove);

  if (store != NULL)
    {
      self->decks = g_object_ref (closeness_store_get_decks (store));
      self->settings = g_object_ref (closeness_conversation_settings_get_for_store (store));

      g_signal_connect_object (self->decks, "items-changed", G_CALLBACK (store_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "notify::intensity-ceiling",
                               G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "notify::desire-open",
                               G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);

      now = g_date_time_new_now_local ();
      self->midnight_id = g_timeout_add_seconds (closeness_conversation_seconds_to_midnight (now) + 1,
                                                 midnight_cb, self);
    }

  show_view (self, "overview");
  refresh_all (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
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

  if (draw_into_view (self, 0))
    {
      self->prompt_return_view = "overview";
      show_view (self, "prompt");
    }
}

void
closeness_conversations_page_open_deck (ClosenessConversationsPage *self,
                                        gint64                      deck_id)
{
  ClosenessPromptFilter filter;

  g_return_if_fail (CLOSENESS_IS_CONVERSATIONS_PAGE (self));

  /* A closed deck does not open, whichever way it was asked for (the
   * calendar's “tonight's topic” keeps a deck chosen while it was open). */
  get_filter (self, &filter);
  if (!closeness_prompt_filter_allows_deck (&filter, deck_id))
    {
      closeness_conversations_page_show_overview (self);
      show_toast (self,
                  closeness_toast_new (_("The desire deck opens only when both of you choose it in Preferences")));
      return;
    }

  open_list (self, LIST_DECK, deck_id);
}

void
closeness_conversations_page_open_prompt (ClosenessConversationsPage *self,
                                          ClosenessPrompt            *prompt)
{
  ClosenessPromptFilter filter;

  g_return_if_fail (CLOSENESS_IS_CONVERSATIONS_PAGE (self));
  g_return_if_fail (CLOSENESS_IS_PROMPT (prompt));

  /* Nothing the couple has not chosen opens, whichever way it was asked for. */
  get_filter (self, &filter);
  if (!closeness_prompt_filter_allows (&filter, prompt))
    return;

  self->prompt_return_view = g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "list") == 0
                             ? "list" : "overview";
  closeness_prompt_view_set_prompt (ensure_prompt_view (self), prompt);
  show_view (self, "prompt");
}

void
closeness_conversations_page_show_overview (ClosenessConversationsPage *self)
{
  g_return_if_fail (CLOSENESS_IS_CONVERSATIONS_PAGE (self));

  if (self->prompt_view != NULL)
    closeness_prompt_view_save (self->prompt_view);
  show_view (self, "overview");
  refresh_tonight (self);
  refresh_decks (self);
}

void
closeness_conversations_page_focus_search (ClosenessConversationsPage *self)
{
  g_return_if_fail (CLOSENESS_IS_CONVERSATIONS_PAGE (self));

  show_view (self, "overview");
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

  return ensure_prompt_view (self);
}
