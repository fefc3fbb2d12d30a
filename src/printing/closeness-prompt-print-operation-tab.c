/* closeness-prompt-print-operation-tab.c: the Cards tab of the print dialog,
 * what to print and how, with the number of pages it takes.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-printing"

#include "config.h"

#include <glib/gi18n.h>

#include "conversations/closeness-conversation-logic.h"
#include "conversations/closeness-conversation-settings.h"

#include "closeness-prompt-print-operation-private.h"

/* The rows of the layout drop-down, in order. */
static const char * const layout_names[] = { "cards-4", "cards-6", "cards-8", "sheet" };

/* What to print */

static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return closeness_conversation_day_string (now);
}

/* The selection for a row of the Print choice; the one the page asked for
 * is kept as it was (its decks, or its picks). */
static ClosenessPrintSelection *
create_selection_for_kind (ClosenessPromptPrintOperation *self,
                           ClosenessPrintSelectionKind    kind)
{
  ClosenessPrintSelection *selection;

  if (kind == closeness_print_selection_get_kind (self->initial_selection))
    return closeness_print_selection_ref (self->initial_selection);

  switch (kind)
    {
    case CLOSENESS_PRINT_SELECTION_FAVOURITES:
      selection = closeness_print_selection_new ();
      closeness_print_selection_set_favourites_only (selection, TRUE);
      return selection;

    case CLOSENESS_PRINT_SELECTION_PICKS:
      {
        g_autofree char *today = dup_today ();
        ClosenessPromptFilter filter;

        closeness_conversation_settings_get_filter (closeness_conversation_settings_get_for_store (
                                                      self->store),
                                                    &filter);
        return closeness_print_selection_new_tonight (self->store, &filter, today);
      }

    case CLOSENESS_PRINT_SELECTION_ALL:
    case CLOSENESS_PRINT_SELECTION_DECKS:
    case CLOSENESS_PRINT_SELECTION_CUSTOM:
    default:
      return closeness_print_selection_new ();
    }
}

static void
set_selection (ClosenessPromptPrintOperation *self,
               ClosenessPrintSelection       *selection)
{
  g_autofree char *title = NULL;

  if (self->selection == selection)
    return;

  g_clear_pointer (&self->selection, closeness_print_selection_unref);
  self->selection = closeness_print_selection_ref (selection);

  title = closeness_print_selection_dup_display_title (self->selection, self->store);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), title);
}

/* The custom tab */

static void
update_custom_widget_sensitivity (ClosenessPromptPrintOperation *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->layout_drop_down));
  gboolean cards = selected < G_N_ELEMENTS (layout_names) - 1;
  gboolean fold = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->fold_check));

  gtk_widget_set_sensitive (self->cut_lines_check, cards);
  gtk_widget_set_sensitive (self->crop_marks_check, cards);
  gtk_widget_set_sensitive (self->fold_check, cards);
  gtk_widget_set_sensitive (self->backs_check, cards && !fold);
}

/* The options as the tab shows them, applied or not. */
static void
read_custom_widget_options (ClosenessPromptPrintOperation *self,
                            ClosenessPrintOptions         *options)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->layout_drop_down));

  *options = self->options;
  if (selected < G_N_ELEMENTS (layout_names))
    closeness_print_options_set_layout (options, layout_names[selected], NULL);
  options->cut_marks = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->crop_marks_check))
                       ? CLOSENESS_PRINT_CROP_MARKS : CLOSENESS_PRINT_CUT_LINES;
  options->fold = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->fold_check));
  options->backs = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->backs_check));
  closeness_print_options_normalize (options);
}

static void
apply_choice (ClosenessPromptPrintOperation *self)
{
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->choice_drop_down));
  g_autoptr(ClosenessPrintSelection) selection = NULL;

  if (selected >= self->n_choices)
    return;

  selection = create_selection_for_kind (self, self->choices[selected]);
  set_selection (self, selection);
}

static void
update_page_count (ClosenessPromptPrintOperation *self)
{
  ClosenessPrintOptions options;
  g_autofree char *text = NULL;
  guint n_pages;

  read_custom_widget_options (self, &options);
  n_pages = closeness_prompt_print_operation_count_pages (self, &options);
  if (n_pages == 0)
    text = g_strdup (_("Nothing to print"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page", "%u pages", n_pages), n_pages);
  gtk_label_set_text (GTK_LABEL (self->pages_label), text);
}

static void
custom_widget_changed_cb (ClosenessPromptPrintOperation *self)
{
  update_custom_widget_sensitivity (self);
  apply_choice (self);
  update_page_count (self);
}

static const char *
get_choice_label (ClosenessPromptPrintOperation *self,
                  ClosenessPrintSelectionKind    kind,
                  char                         **owned)
{
  switch (kind)
    {
    case CLOSENESS_PRINT_SELECTION_FAVOURITES:
      return _("Favorites");
    case CLOSENESS_PRINT_SELECTION_PICKS:
      return _("Tonight’s picks");
    case CLOSENESS_PRINT_SELECTION_ALL:
      return _("All decks");
    case CLOSENESS_PRINT_SELECTION_DECKS:
    case CLOSENESS_PRINT_SELECTION_CUSTOM:
    default:
      /* The deck it came from, by its name. */
      *owned = closeness_print_selection_dup_display_title (self->initial_selection, self->store);
      return *owned;
    }
}

/* The rows of the Print choice: the deck the page asked for, if any, then
 * Favorites, Tonight's picks and All decks. */
static GtkWidget *
create_choice_drop_down (ClosenessPromptPrintOperation *self)
{
  static const ClosenessPrintSelectionKind always[] = {
    CLOSENESS_PRINT_SELECTION_FAVOURITES,
    CLOSENESS_PRINT_SELECTION_PICKS,
    CLOSENESS_PRINT_SELECTION_ALL,
  };
  ClosenessPrintSelectionKind initial =
    closeness_print_selection_get_kind (self->initial_selection);
  GtkStringList *labels = gtk_string_list_new (NULL);
  GtkWidget *drop_down;

  self->n_choices = 0;
  if (initial == CLOSENESS_PRINT_SELECTION_DECKS || initial == CLOSENESS_PRINT_SELECTION_CUSTOM)
    self->choices[self->n_choices++] = initial;
  for (guint i = 0; i < G_N_ELEMENTS (always); i++)
    self->choices[self->n_choices++] = always[i];

  for (guint i = 0; i < self->n_choices; i++)
    {
      g_autofree char *owned = NULL;

      gtk_string_list_append (labels, get_choice_label (self, self->choices[i], &owned));
    }

  drop_down = gtk_drop_down_new (G_LIST_MODEL (labels), NULL);
  gtk_widget_set_name (drop_down, "print-choice");
  for (guint i = 0; i < self->n_choices; i++)
    {
      if (self->choices[i] == closeness_print_selection_get_kind (self->selection))
        gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), i);
    }

  return drop_down;
}

static GtkWidget *
add_row_label (GtkGrid    *grid,
               const char *text,
               int         row)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_valign (label, GTK_ALIGN_BASELINE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_grid_attach (grid, label, 0, row, 1, 1);

  return label;
}

GtkWidget *
closeness_prompt_print_operation_create_custom_widget (GtkPrintOperation *operation)
{
  ClosenessPromptPrintOperation *self = CLOSENESS_PROMPT_PRINT_OPERATION (operation);
  const char *layouts[] = {
    _("Cards, 4 per page"),
    _("Cards, 6 per page"),
    _("Cards, 8 per page"),
    _("Question sheet with room for notes"),
    NULL
  };
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *edges_box;
  GtkWidget *label;
  GtkWidget *note;

  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_margin_top (grid, 18);
  gtk_widget_set_margin_bottom (grid, 18);
  gtk_widget_set_margin_start (grid, 18);
  gtk_widget_set_margin_end (grid, 18);

  /* Translators: the row that chooses which questions to print: a deck, Favorites, … */
  label = add_row_label (GTK_GRID (grid), _("_Print"), 0);
  self->choice_drop_down = create_choice_drop_down (self);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->choice_drop_down);
  gtk_grid_attach (GTK_GRID (grid), self->choice_drop_down, 1, 0, 1, 1);

  label = add_row_label (GTK_GRID (grid), _("_Layout"), 1);
  self->layout_drop_down = gtk_drop_down_new_from_strings (layouts);
  gtk_widget_set_name (self->layout_drop_down, "layout");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->layout_drop_down);
  gtk_grid_attach (GTK_GRID (grid), self->layout_drop_down, 1, 1, 1, 1);

  add_row_label (GTK_GRID (grid), _("Edges"), 2);
  edges_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->cut_lines_check = gtk_check_button_new_with_mnemonic (_("Thin _cut lines"));
  self->crop_marks_check = gtk_check_button_new_with_mnemonic (_("C_rop marks only"));
  gtk_check_button_set_group (GTK_CHECK_BUTTON (self->crop_marks_check),
                              GTK_CHECK_BUTTON (self->cut_lines_check));
  gtk_box_append (GTK_BOX (edges_box), self->cut_lines_check);
  gtk_box_append (GTK_BOX (edges_box), self->crop_marks_check);
  gtk_grid_attach (GTK_GRID (grid), edges_box, 1, 2, 1, 1);

  add_row_label (GTK_GRID (grid), _("Backs"), 3);
  self->backs_check = gtk_check_button_new_with_mnemonic (
    _("Print _backs for double-sided printing (flip on long edge)"));
  gtk_widget_set_name (self->backs_check, "backs");
  gtk_grid_attach (GTK_GRID (grid), self->backs_check, 1, 3, 1, 1);
  self->fold_check = gtk_check_button_new_with_mnemonic (
    _("_Fold in half: front and back on one side of the paper"));
  gtk_widget_set_name (self->fold_check, "fold");
  gtk_grid_attach (GTK_GRID (grid), self->fold_check, 1, 4, 1, 1);

  /* Translators: the row with the number of pages, e.g. “3 pages” */
  add_row_label (GTK_GRID (grid), _("Length"), 5);
  self->pages_label = gtk_label_new (NULL);
  gtk_widget_set_name (self->pages_label, "page-count");
  gtk_label_set_xalign (GTK_LABEL (self->pages_label), 0);
  gtk_widget_set_valign (self->pages_label, GTK_ALIGN_BASELINE);
  gtk_grid_attach (GTK_GRID (grid), self->pages_label, 1, 5, 1, 1);

  note = gtk_label_new (_("Only questions within your intensity are printed, and the desire deck only when both of you have chosen it."));
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_grid_attach (GTK_GRID (grid), note, 0, 6, 2, 1);

  for (guint i = 0; i < G_N_ELEMENTS (layout_names); i++)
    {
      if (g_strcmp0 (closeness_print_options_get_layout (&self->options), layout_names[i]) == 0)
        gtk_drop_down_set_selected (GTK_DROP_DOWN (self->layout_drop_down), i);
    }
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->cut_lines_check),
                               self->options.cut_marks == CLOSENESS_PRINT_CUT_LINES);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->crop_marks_check),
                               self->options.cut_marks == CLOSENESS_PRINT_CROP_MARKS);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->backs_check), self->options.backs);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (self->fold_check), self->options.fold);

  g_signal_connect_object (self->layout_drop_down, "notify::selected",
                           G_CALLBACK (custom_widget_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fold_check, "toggled",
                           G_CALLBACK (custom_widget_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->backs_check, "toggled",
                           G_CALLBACK (custom_widget_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->choice_drop_down, "notify::selected",
                           G_CALLBACK (custom_widget_changed_cb), self, G_CONNECT_SWAPPED);
  update_custom_widget_sensitivity (self);
  update_page_count (self);

  return grid;
}

void
closeness_prompt_print_operation_custom_widget_apply (GtkPrintOperation *operation,
                                                      GtkWidget         *widget)
{
  ClosenessPromptPrintOperation *self = CLOSENESS_PROMPT_PRINT_OPERATION (operation);
  ClosenessPrintOptions options;

  read_custom_widget_options (self, &options);
  apply_choice (self);
  closeness_prompt_print_operation_set_options (self, &options);
}

/* The paper or orientation changed in the dialog: so may the page count. */
void
closeness_prompt_print_operation_update_custom_widget (GtkPrintOperation *operation,
                                                       GtkWidget         *widget,
                                                       GtkPageSetup      *setup,
                                                       GtkPrintSettings  *settings)
{
  ClosenessPromptPrintOperation *self = CLOSENESS_PROMPT_PRINT_OPERATION (operation);

  if (setup != NULL)
    g_set_object (&self->dialog_page_setup, setup);
  if (self->pages_label != NULL)
    update_page_count (self);
}
