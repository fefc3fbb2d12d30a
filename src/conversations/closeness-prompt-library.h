/* closeness-prompt-library.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The built-in prompt library: loaded from the GResource, validated, and
 * synced into the store by stable keys. GLib only.
 */

#pragma once

#include <gio/gio.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

#define CLOSENESS_PROMPT_LIBRARY_RESOURCE "/com/example/Closeness/prompts/closeness.prompts.xml"
/* The app_state key the store keeps the synced version under. */
#define CLOSENESS_PROMPT_LIBRARY_STATE_KEY "library-version"
/* The desire deck: closed until both partners choose it, and the only deck
 * that may hold spicy prompts. */
#define CLOSENESS_PROMPT_LIBRARY_DESIRE_DECK "desire"

#define CLOSENESS_PROMPT_LIBRARY_ERROR (closeness_prompt_library_error_quark ())

typedef enum
{
  CLOSENESS_PROMPT_LIBRARY_ERROR_NOT_FOUND, /* the resource is missing */
  CLOSENESS_PROMPT_LIBRARY_ERROR_INVALID,   /* malformed XML or a rule broken */
} ClosenessPromptLibraryError;

typedef struct _ClosenessPromptLibrary ClosenessPromptLibrary;

GQuark                        closeness_prompt_library_error_quark       (void);

ClosenessPromptLibrary       *closeness_prompt_library_new_from_bytes    (GBytes  *bytes,
                                                                          GError **error);
ClosenessPromptLibrary       *closeness_prompt_library_new_from_resource (GError **error);
ClosenessPromptLibrary       *closeness_prompt_library_get_default       (void);
void                          closeness_prompt_library_free (ClosenessPromptLibrary *self);

const ClosenessLibraryDeck   *closeness_prompt_library_get_decks (ClosenessPromptLibrary *self,
                                                                  guint                  *n_decks);
const ClosenessLibraryPrompt *
closeness_prompt_library_get_prompts (ClosenessPromptLibrary *self,
                                      guint                  *n_prompts);
const char *
closeness_prompt_library_get_deck_icon (ClosenessPromptLibrary *self,
                                        const char             *deck_key);

char                         *closeness_prompt_library_compute_version   (GBytes *bytes);

gboolean                      closeness_prompt_library_sync_bytes        (ClosenessStore *store,
                                                                          GBytes         *bytes,
                                                                          GError        **error);
gboolean                      closeness_prompt_library_sync              (ClosenessStore *store,
                                                                          GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClosenessPromptLibrary, closeness_prompt_library_free)

G_END_DECLS
