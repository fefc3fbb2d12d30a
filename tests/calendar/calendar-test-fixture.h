/* calendar-test-fixture.h: what the calendar page tests share: one page in a
 * window, over a store with sample evenings, for all the tests of a program,
 * and the helpers more than one of them uses.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "calendar/closeness-agenda-view.h"
#include "calendar/closeness-calendar-page.h"
#include "closeness-test-utils.h"

G_BEGIN_DECLS

extern ClosenessStore *calendar_test_store;
extern GtkWindow *calendar_test_window;
extern ClosenessCalendarPage *calendar_test_page;

void calendar_test_wait_idle (void);
ClosenessAgendaView *calendar_test_agenda (void);
ClosenessEvent *calendar_test_find_sample_series (void);

gboolean calendar_test_init (int    *argc,
                             char ***argv);
void calendar_test_finish (void);

G_END_DECLS
