/* closeness-event-editor.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_EVENT_EDITOR (closeness_event_editor_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessEventEditor, closeness_event_editor, CLOSENESS, EVENT_EDITOR,
                      AdwWindow)

typedef enum
{
  CLOSENESS_EDIT_SCOPE_THIS,    /* this occurrence only */
  CLOSENESS_EDIT_SCOPE_SERIES,  /* the whole series */
} ClosenessEditScope;

ClosenessEventEditor *closeness_event_editor_new        (GtkWindow            *parent,
                                                         ClosenessStore       *store,
                                                         ClosenessEvent       *event,
                                                         gint64                occurrence_start,
                                                         const char           *recurrence_id,
                                                         const GDate          *day);
gboolean              closeness_event_editor_save       (ClosenessEventEditor *self,
                                                         ClosenessEditScope    scope,
                                                         GError              **error);
gboolean              closeness_event_editor_is_recurring (ClosenessEventEditor *self);
void                  closeness_event_editor_leave_out_deck (ClosenessEventEditor *self,
                                                           gint64                deck_id);

void                  closeness_event_editor_set_start_time (ClosenessEventEditor *self,
                                                             int                   hour,
                                                             int                   minute);

G_END_DECLS
