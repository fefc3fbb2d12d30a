/* closeness-test-utils.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "store/closeness-store.h"

G_BEGIN_DECLS

gboolean closeness_test_init_display (int         *argc,
                                      char      ***argv);
void     closeness_test_iterate      (guint        ms);
void     closeness_test_collect_log  (GPtrArray   *messages);

typedef gboolean (*ClosenessTestCondition) (gpointer user_data);

void     closeness_test_wait_until   (ClosenessTestCondition  condition,
                                      gpointer                user_data,
                                      const char             *what);
void     closeness_test_wait_for_drawn (GtkWidget   *widget);
void     closeness_test_wait_for_n_items (GListModel *model,
                                          guint       n_items);
void     closeness_test_wait_for_label (GtkLabel   *label,
                                        const char *text);
void     closeness_test_wait_for_visible (GtkWidget *widget,
                                          gboolean   visible);
void     closeness_test_settle       (void);
void     closeness_test_resize       (GtkWindow   *window,
                                      int          width,
                                      int          height);
char    *closeness_test_screenshot   (GtkWidget   *widget,
                                      const char  *name);
GdkTexture *closeness_test_render    (GtkWidget   *widget);
double   closeness_test_texture_luminance (GdkTexture *texture);
guint    closeness_test_count_changed_pixels (GdkTexture *a,
                                              GdkTexture *b);
void     closeness_test_assert_labels_fit (GtkWidget *area,
                                           gboolean   whole_text);
void     closeness_test_assert_buttons_centred (GtkWidget *row);
GtkWidget *closeness_test_find_of_type (GtkWidget *root,
                                        GType      type);
GtkWidget *closeness_test_find_partner_dot (GtkWidget *root);
const char *closeness_test_wait_for_shown_text (GtkWidget  *root,
                                                const char *text);
void     closeness_test_assert_partner_dot (GtkWidget  *dot,
                                            const char *color);
GtkWindow *closeness_test_find_window (GType       type);
GtkWindow *closeness_test_wait_for_window (GType   type);
void     closeness_test_wait_for_window_gone (GType type);
void     closeness_test_make_changes_wait (gpointer store);
GApplication *closeness_test_get_app (void);
gpointer closeness_test_open_main_window (void);
void     closeness_test_close_all    (void);

ClosenessStore  *closeness_test_new_store_in_tmp  (const char     *prefix,
                                                   char          **dir);
void             closeness_test_remove_tmp_dir    (char           *dir);
ClosenessStore  *closeness_test_new_library_store (void);
ClosenessDeck   *closeness_test_find_deck         (ClosenessStore *store,
                                                   const char     *key);
ClosenessPrompt *closeness_test_find_prompt       (ClosenessStore *store,
                                                   const char     *key);

G_END_DECLS
