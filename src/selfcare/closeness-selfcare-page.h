/* closeness-selfcare-page.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/closeness-store.h"
#include "closeness-selfcare-view.h"

G_BEGIN_DECLS

#define CLOSENESS_TYPE_SELFCARE_PAGE (closeness_selfcare_page_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessSelfcarePage, closeness_selfcare_page, CLOSENESS, SELFCARE_PAGE,
                      AdwBin)

GtkWidget            *closeness_selfcare_page_new           (ClosenessStore        *store);
ClosenessStore       *closeness_selfcare_page_get_store     (ClosenessSelfcarePage *self);
void                  closeness_selfcare_page_set_store     (ClosenessSelfcarePage *self,
                                                             ClosenessStore        *store);
ClosenessSelfcareView closeness_selfcare_page_get_view      (ClosenessSelfcarePage *self);
void                  closeness_selfcare_page_set_view      (ClosenessSelfcarePage *self,
                                                             ClosenessSelfcareView  view);
guint                 closeness_selfcare_page_get_me        (ClosenessSelfcarePage *self);
void                  closeness_selfcare_page_set_me        (ClosenessSelfcarePage *self,
                                                             guint                  me);
gboolean              closeness_selfcare_page_show_activity (ClosenessSelfcarePage *self,
                                                             gint64                 activity_id);
ClosenessActivity    *closeness_selfcare_page_get_activity  (ClosenessSelfcarePage *self);
GtkWidget            *closeness_selfcare_page_get_row       (ClosenessSelfcarePage *self,
                                                             gint64                 activity_id);
guint                 closeness_selfcare_page_get_n_rows    (ClosenessSelfcarePage *self);
GtkWidget            *closeness_selfcare_page_add_activity  (ClosenessSelfcarePage *self);
void                  closeness_selfcare_page_dismiss_toasts (ClosenessSelfcarePage *self);
gboolean              closeness_selfcare_page_undo          (ClosenessSelfcarePage *self);
void                  closeness_selfcare_page_export_file   (ClosenessSelfcarePage *self,
                                                             GFile                 *file);
void                  closeness_selfcare_page_import_file   (ClosenessSelfcarePage *self,
                                                             GFile                 *file);

G_END_DECLS
