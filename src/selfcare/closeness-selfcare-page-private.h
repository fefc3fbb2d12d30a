/* closeness-selfcare-page-private.h: what the page's files share.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * closeness-selfcare-page.c keeps the list, the view and the partners'
 * names; closeness-selfcare-page-actions.c does what the person asks
 * (log, undo, edit, delete, reminders, import and export).
 */

#pragma once

#include "closeness-activity-detail.h"
#include "closeness-activity-row.h"
#include "closeness-selfcare-page.h"

G_BEGIN_DECLS

/* What to do with a file the person chose. */
typedef void (*ClosenessSelfcareFileFunc) (ClosenessSelfcarePage *self,
                                           GFile                 *file);

struct _ClosenessSelfcarePage
{
  AdwBin                   parent_instance;

  ClosenessStore          *store;
  GtkFilterListModel      *visible;
  GtkCustomFilter         *filter;
  GtkFilterListModel      *archived;     /* archived activities this view shows */
  GHashTable              *histories;    /* activity id → ClosenessActivityHistory */
  guint                    load_source;  /* reads the rows' histories after the first frame */
  gboolean                 histories_ready;
  ClosenessSelfcareView    view;
  guint                    me;
  GStrv                    partner_names;
  ClosenessPartnerNames   *partner_colors;  /* "colors": the dots beside partners' names */
  guint32                  today;
  AdwToast                *last_toast;
  GtkFileChooserNative    *chooser;
  gboolean                 export_view_only;  /* the export dialog's choice */
  ClosenessSelfcareFileFunc chosen;
  GCancellable            *cancellable;
  gboolean                 updating;

  /* Template widgets */
  AdwToastOverlay         *toast_overlay;
  AdwLeaflet              *leaflet;
  GtkDropDown             *me_dropdown;
  GtkToggleButton         *me_toggle;
  GtkToggleButton         *partner_toggle;
  GtkToggleButton         *together_toggle;
  GtkStack                *list_stack;
  GtkScrolledWindow       *list_scrolled_window;
  GtkListBox              *list_box;
  GtkExpander             *archived_expander;
  GtkListBox              *archived_list;
  AdwStatusPage           *empty_page;
  GtkButton               *back_button;
  ClosenessActivityDetail *detail;
};

/* closeness-selfcare-page.c */
ClosenessActivityHistory *_closeness_selfcare_page_get_history (ClosenessSelfcarePage *self,
                                                               gint64                 activity_id);
void        _closeness_selfcare_page_update_actions (ClosenessSelfcarePage *self);

/* closeness-selfcare-page-actions.c */
void        _closeness_selfcare_page_class_init_actions (GtkWidgetClass     *widget_class);
void        _closeness_selfcare_page_show_toast    (ClosenessSelfcarePage *self,
                                                    AdwToast              *toast);
void        _closeness_selfcare_page_done_toggled  (ClosenessActivityRow  *row,
                                                    guint                  slot,
                                                    gboolean               done,
                                                    ClosenessSelfcarePage *self);
void        _closeness_selfcare_page_amount_logged (ClosenessActivityRow  *row,
                                                    guint                  slot,
                                                    double                 amount,
                                                    ClosenessSelfcarePage *self);
GtkWidget  *_closeness_selfcare_page_open_editor   (ClosenessSelfcarePage *self,
                                                    ClosenessActivity     *activity);

G_END_DECLS
