/* closeness-agenda-view.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "closeness-recurrence.h"
#include "store/closeness-partner-names.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_AGENDA_VIEW (closeness_agenda_view_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessAgendaView, closeness_agenda_view, CLOSENESS, AGENDA_VIEW, GtkWidget)

GtkWidget *closeness_agenda_view_new            (gboolean              day_headers);
void       closeness_agenda_view_set_instances  (ClosenessAgendaView  *self,
                                                 GPtrArray            *instances,
                                                 GHashTable           *events_by_id);
void       closeness_agenda_view_set_partner_names (ClosenessAgendaView   *self,
                                                    ClosenessPartnerNames *names);
void       closeness_agenda_view_set_empty_line (ClosenessAgendaView  *self,
                                                 const char           *text);
guint      closeness_agenda_view_get_n_rows     (ClosenessAgendaView  *self);
GtkWidget *closeness_agenda_view_get_row        (ClosenessAgendaView  *self,
                                                 guint                 index);

G_END_DECLS
