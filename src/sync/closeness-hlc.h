/* closeness-hlc.h: hybrid logical clocks, the version of every synced record
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CLOSENESS_HLC_ERROR (closeness_hlc_error_quark ())

typedef enum
{
  CLOSENESS_HLC_ERROR_MALFORMED,   /* not a timestamp this clock wrote */
  CLOSENESS_HLC_ERROR_DRIFT,       /* a remote timestamp too far ahead of this computer's clock */
} ClosenessHlcError;

GQuark closeness_hlc_error_quark (void);

/* A remote timestamp more than this ahead of our wall clock is refused by
 * closeness_hlc_clock_receive(): one laptop with its clock set to 2040 must
 * not drag every other clock (and every later edit) with it. */
#define CLOSENESS_HLC_MAX_DRIFT_MS (24 * 60 * 60 * 1000)

/* The length of closeness_hlc_to_string() without the NUL. */
#define CLOSENESS_HLC_STRING_LENGTH 34

/* A point in hybrid logical time: wall-clock milliseconds, a counter for
 * events within the same millisecond (or while the wall clock lags behind
 * a timestamp already seen), and the device that made it, so that two
 * timestamps are never equal unless they are the same event. */
typedef struct
{
  gint64  physical_ms;
  guint16 counter;
  guint64 device;
} ClosenessHlc;

int       closeness_hlc_compare    (const ClosenessHlc *a,
                                    const ClosenessHlc *b);
char     *closeness_hlc_to_string  (const ClosenessHlc *hlc);
gboolean  closeness_hlc_parse      (const char         *text,
                                    ClosenessHlc       *hlc,
                                    GError            **error);

/* The clock of one device. Thread-safe: the app and a sync worker may
 * share one. */
typedef struct _ClosenessHlcClock ClosenessHlcClock;

typedef gint64 (*ClosenessHlcTimeFunc) (gpointer user_data);

ClosenessHlcClock *closeness_hlc_clock_new      (guint64                  device,
                                                 const ClosenessHlc      *last_issued);
void               closeness_hlc_clock_free     (ClosenessHlcClock       *clock);
void               closeness_hlc_clock_now      (ClosenessHlcClock       *clock,
                                                 ClosenessHlc            *hlc);
gboolean           closeness_hlc_clock_receive  (ClosenessHlcClock       *clock,
                                                 const ClosenessHlc      *remote,
                                                 ClosenessHlc            *hlc,
                                                 GError                 **error);
void               closeness_hlc_clock_get_last (ClosenessHlcClock       *clock,
                                                 ClosenessHlc            *hlc);

/* Tests set the wall clock (milliseconds since 1970). */
void               closeness_hlc_clock_set_time_func_for_testing (ClosenessHlcClock    *clock,
                                                                  ClosenessHlcTimeFunc  func,
                                                                  gpointer              user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClosenessHlcClock, closeness_hlc_clock_free)

G_END_DECLS
