/* closeness-print-command.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `closeness --print-prompts --output FILE.pdf`: a PDF of the prompts
 * without opening a window.
 */

#pragma once

#include <gio/gio.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

/* Exit statuses of closeness_print_command_run(). */
#define CLOSENESS_PRINT_COMMAND_OK          0
#define CLOSENESS_PRINT_COMMAND_FAILED      1  /* could not write, nothing to print, no display */
#define CLOSENESS_PRINT_COMMAND_BAD_USAGE   2  /* unknown or closed deck, unknown layout or paper */

int closeness_print_command_run (ClosenessStore      *store,
                                 const char          *output,
                                 const char * const  *decks,
                                 gboolean             favourites_only,
                                 const char          *layout,
                                 const char          *paper,
                                 GError             **error);

G_END_DECLS
