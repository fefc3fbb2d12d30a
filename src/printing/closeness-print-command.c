/* closeness-print-command.c: prompts to PDF from the command line.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-printing"

#include "config.h"

#include <gtk/gtk.h>
#include <glib/gi18n.h>

#include "conversations/closeness-conversation-logic.h"
#include "conversations/closeness-conversation-settings.h"
#include "conversations/closeness-prompt-library.h"

#include "closeness-print-command.h"
#include "closeness-print-layout.h"
#include "closeness-print-selection.h"
#include "closeness-prompt-print-operation.h"

static gboolean
deck_matches (ClosenessDeck *deck,
              const char    *folded_name)
{
  const char *names[] = {
    closeness_deck_get_builtin_key (deck),
    closeness_deck_get_name (deck),
    closeness_deck_get_display_name (deck),
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *folded = NULL;

      if (names[i] == NULL || names[i][0] == '\0')
        continue;

      folded = g_utf8_casefold (names[i], -1);
      if (g_strcmp0 (folded, folded_name) == 0)
        return TRUE;
    }

  return FALSE;
}

static char *
list_deck_keys (ClosenessStore              *store,
                const ClosenessPromptFilter *filter)
{
  GListModel *decks = closeness_store_get_decks (store);
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (decks); i++)
    {
      g_autoptr(ClosenessDeck) deck = g_list_model_get_item (decks, i);
      const char *key = closeness_deck_get_builtin_key (deck);

      if (closeness_deck_get_retired (deck)
          || !closeness_prompt_filter_allows_deck (filter, closeness_record_get_id (
                                                             CLOSENESS_RECORD (deck))))
        continue;
      if (list->len > 0)
        g_string_append (list, ", ");
      g_string_append (list, key != NULL && key[0] != '\0' ? key
                                                          : closeness_deck_get_display_name (deck));
    }

  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* Deck names may come as separate arguments or as "a,b". A deck the couple
 * has not opened is refused by name, not left out quietly: whoever asked
 * for it learns why nothing was printed. */
static gboolean
add_decks (ClosenessPrintSelection      *selection,
           ClosenessStore               *store,
           const ClosenessPromptFilter  *filter,
           const char * const           *decks,
           GError                      **error)
{
  GListModel *model = closeness_store_get_decks (store);

  for (guint i = 0; decks != NULL && decks[i] != NULL; i++)
    {
      g_auto(GStrv) names = g_strsplit (decks[i], ",", -1);

      for (guint j = 0; names[j] != NULL; j++)
        {
          g_autofree char *folded = NULL;
          gboolean found = FALSE;

          g_strstrip (names[j]);
          if (names[j][0] == '\0')
            continue;

          folded = g_utf8_casefold (names[j], -1);
          for (guint k = 0; k < g_list_model_get_n_items (model); k++)
            {
              g_autoptr(ClosenessDeck) deck = g_list_model_get_item (model, k);

              gint64 id = closeness_record_get_id (CLOSENESS_RECORD (deck));

              if (closeness_deck_get_retired (deck) || !deck_matches (deck, folded))
                continue;

              if (!closeness_prompt_filter_allows_deck (filter, id))
                {
                  g_set_error_literal (error, CLOSENESS_PRINT_ERROR,
                                       CLOSENESS_PRINT_ERROR_CLOSED_DECK,
                                       _("Nothing was printed: the desire deck is closed. It opens "
                                         "only when both of you choose it in Preferences, under "
                                         "Conversations."));
                  return FALSE;
                }

              closeness_print_selection_add_deck (selection, id);
              found = TRUE;
            }

          if (!found)
            {
              g_autofree char *known = list_deck_keys (store, filter);

              g_set_error (error, CLOSENESS_PRINT_ERROR, CLOSENESS_PRINT_ERROR_UNKNOWN_DECK,
                           _("Unknown deck “%s”. Known decks: %s."), names[j], known);
              return FALSE;
            }
        }
    }

  return TRUE;
}

/**
 * closeness_print_command_run:
 * @output: the PDF to write (created 0600)
 * @decks: (nullable) (array zero-terminated=1): deck keys or names; %NULL for all
 * @layout: (nullable): cards-4, cards-6 (the default), cards-8 or sheet
 * @paper: (nullable): a4 or letter; %NULL for the locale's paper
 *
 * Writes the prompts the couple's choices allow (their intensity, and the
 * desire deck only when both chose it) to @output without opening a window.
 * A closed deck named in @decks is refused with
 * %CLOSENESS_PRINT_ERROR_CLOSED_DECK. Initialises GTK if nobody did (a display is needed:
 * Xvfb will do). Prints nothing: the caller shows @error.
 *
 * Returns: an exit status, %CLOSENESS_PRINT_COMMAND_OK on success
 */
int
closeness_print_command_run (ClosenessStore      *store,
                             const char          *output,
                             const char * const  *decks,
                             gboolean             favourites_only,
                             const char          *layout,
                             const char          *paper,
                             GError             **error)
{
  g_autoptr(ClosenessPrintSelection) selection = NULL;
  g_autoptr(ClosenessPromptPrintOperation) operation = NULL;
  g_autoptr(GError) sync_error = NULL;
  ClosenessPrintOptions options;
  ClosenessPromptFilter filter;

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), CLOSENESS_PRINT_COMMAND_FAILED);

  if (output == NULL || output[0] == '\0')
    {
      g_set_error_literal (error, CLOSENESS_PRINT_ERROR, CLOSENESS_PRINT_ERROR_WRITE,
                           _("Say where the PDF should go with --output FILE.pdf."));
      return CLOSENESS_PRINT_COMMAND_BAD_USAGE;
    }

  closeness_print_options_init (&options);
  if (layout != NULL && !closeness_print_options_set_layout (&options, layout, error))
    return CLOSENESS_PRINT_COMMAND_BAD_USAGE;
  if (paper != NULL && closeness_print_paper_get_name (paper, error) == NULL)
    return CLOSENESS_PRINT_COMMAND_BAD_USAGE;

  /* The built-in library may not be in a fresh database yet. */
  if (!closeness_store_get_read_only (store) && !closeness_prompt_library_sync (store, &sync_error))
    g_warning ("The prompt library could not be brought up to date: %s", sync_error->message);

  closeness_conversation_settings_get_filter (closeness_conversation_settings_get_for_store (store),
                                              &filter);
  selection = closeness_print_selection_new ();
  closeness_print_selection_set_favourites_only (selection, favourites_only);
  if (!add_decks (selection, store, &filter, decks, error))
    return CLOSENESS_PRINT_COMMAND_BAD_USAGE;

  if (gdk_display_get_default () == NULL && !gtk_init_check ())
    {
      g_set_error_literal (error, CLOSENESS_PRINT_ERROR, CLOSENESS_PRINT_ERROR_NO_DISPLAY,
                           _("Printing needs a display; run under xvfb-run when there is none."));
      return CLOSENESS_PRINT_COMMAND_FAILED;
    }

  operation = closeness_prompt_print_operation_new (store, selection);
  closeness_prompt_print_operation_set_options (operation, &options);
  if (paper != NULL && !closeness_prompt_print_operation_set_paper (operation, paper, error))
    return CLOSENESS_PRINT_COMMAND_BAD_USAGE;

  if (!closeness_prompt_print_operation_export_pdf (operation, output, error))
    return CLOSENESS_PRINT_COMMAND_FAILED;

  return CLOSENESS_PRINT_COMMAND_OK;
}
