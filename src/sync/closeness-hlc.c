/* closeness-hlc.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hybrid logical clocks (Kulkarni et al., 2014): a timestamp stays close to
 * the wall clock, yet every timestamp a device issues is greater than every
 * one it issued or received before, even when the wall clock steps back.
 * With the device as the last tie-breaker the order is total, so two
 * devices that merge the same versions always pick the same winner.
 *
 * The string form has a fixed width in lowercase hex, so comparing two
 * strings byte by byte gives the same order as closeness_hlc_compare().
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <string.h>

#include "closeness-hlc.h"

/* 12 hex digits of milliseconds last until the year 10889. */
#define MAX_PHYSICAL_MS G_GINT64_CONSTANT (0xffffffffffff)

G_DEFINE_QUARK (closeness-hlc-error-quark, closeness_hlc_error)

struct _ClosenessHlcClock
{
  GMutex               mutex;
  ClosenessHlc         last;
  ClosenessHlcTimeFunc time_func;
  gpointer             time_data;
};

static gint64
real_time_ms (gpointer user_data)
{
  return g_get_real_time () / 1000;
}

static gint64
clock_wall_ms (ClosenessHlcClock *clock)
{
  return CLAMP (clock->time_func (clock->time_data), 0, MAX_PHYSICAL_MS);
}

/* Moves @hlc one tick on; a full counter carries into the milliseconds,
 * which keeps the order without ever wrapping around. */
static void
advance_counter (ClosenessHlc *hlc,
                 guint         counter)
{
  if (counter > G_MAXUINT16)
    {
      hlc->physical_ms++;
      hlc->counter = 0;
    }
  else
    {
      hlc->counter = counter;
    }
}

int
closeness_hlc_compare (const ClosenessHlc *a,
                       const ClosenessHlc *b)
{
  if (a->physical_ms != b->physical_ms)
    return a->physical_ms < b->physical_ms ? -1 : 1;
  if (a->counter != b->counter)
    return a->counter < b->counter ? -1 : 1;
  if (a->device != b->device)
    return a->device < b->device ? -1 : 1;
  return 0;
}

char *
closeness_hlc_to_string (const ClosenessHlc *hlc)
{
  g_return_val_if_fail (hlc->physical_ms >= 0 && hlc->physical_ms <= MAX_PHYSICAL_MS, NULL);

  return g_strdup_printf ("%012" G_GINT64_MODIFIER "x-%04x-%016" G_GINT64_MODIFIER "x",
                          hlc->physical_ms, (guint) hlc->counter, hlc->device);
}

static gboolean
parse_hex (const char *text,
           gsize       length,
           guint64    *value)
{
  guint64 result = 0;

  for (gsize i = 0; i < length; i++)
    {
      int digit = g_ascii_xdigit_value (text[i]);

      /* Lowercase only: one timestamp has exactly one spelling. */
      if (digit < 0 || g_ascii_isupper (text[i]))
        return FALSE;
      result = (result << 4) | (guint64) digit;
    }

  *value = result;
  return TRUE;
}

gboolean
closeness_hlc_parse (const char    *text,
                     ClosenessHlc  *hlc,
                     GError       **error)
{
  guint64 physical, counter, device;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (hlc != NULL, FALSE);

  if (strlen (text) != CLOSENESS_HLC_STRING_LENGTH
      || text[12] != '-' || text[17] != '-'
      || !parse_hex (text, 12, &physical)
      || !parse_hex (text + 13, 4, &counter)
      || !parse_hex (text + 18, 16, &device))
    {
      g_set_error_literal (error, CLOSENESS_HLC_ERROR, CLOSENESS_HLC_ERROR_MALFORMED,
                           "This is not a valid version timestamp.");
      return FALSE;
    }

  hlc->physical_ms = (gint64) physical;
  hlc->counter = (guint16) counter;
  hlc->device = device;
  return TRUE;
}

/**
 * closeness_hlc_clock_new:
 * @device: this device's id
 * @last_issued: (nullable): the last timestamp this device issued before,
 *   kept by the caller across restarts, so a wall clock that went back while
 *   the app was closed cannot make a new edit older than an earlier one
 */
ClosenessHlcClock *
closeness_hlc_clock_new (guint64             device,
                         const ClosenessHlc *last_issued)
{
  ClosenessHlcClock *clock = g_new0 (ClosenessHlcClock, 1);

  g_mutex_init (&clock->mutex);
  clock->time_func = real_time_ms;
  clock->last.device = device;
  if (last_issued != NULL)
    {
      clock->last.physical_ms = CLAMP (last_issued->physical_ms, 0, MAX_PHYSICAL_MS);
      clock->last.counter = last_issued->counter;
    }

  return clock;
}

void
closeness_hlc_clock_free (ClosenessHlcClock *clock)
{
  if (clock == NULL)
    return;
  g_mutex_clear (&clock->mutex);
  g_free (clock);
}

void
closeness_hlc_clock_set_time_func_for_testing (ClosenessHlcClock    *clock,
                                               ClosenessHlcTimeFunc  func,
                                               gpointer              user_data)
{
  g_mutex_lock (&clock->mutex);
  clock->time_func = func != NULL ? func : real_time_ms;
  clock->time_data = user_data;
  g_mutex_unlock (&clock->mutex);
}

/* A timestamp for an event here (an edit): after everything seen so far. */
void
closeness_hlc_clock_now (ClosenessHlcClock *clock,
                         ClosenessHlc      *hlc)
{
  gint64 wall;

  g_mutex_lock (&clock->mutex);
  wall = clock_wall_ms (clock);
  if (wall > clock->last.physical_ms)
    {
      clock->last.physical_ms = wall;
      clock->last.counter = 0;
    }
  else
    {
      advance_counter (&clock->last, (guint) clock->last.counter + 1);
    }
  *hlc = clock->last;
  g_mutex_unlock (&clock->mutex);
}

/* Takes in a timestamp another device issued (a record that arrived) and
 * returns a local one after both it and everything before. */
gboolean
closeness_hlc_clock_receive (ClosenessHlcClock   *clock,
                             const ClosenessHlc  *remote,
                             ClosenessHlc        *hlc,
                             GError             **error)
{
  ClosenessHlc *last = &clock->last;
  gint64 wall, physical;

  g_mutex_lock (&clock->mutex);
  wall = clock_wall_ms (clock);
  if (remote->physical_ms < 0 || remote->physical_ms > wall + CLOSENESS_HLC_MAX_DRIFT_MS)
    {
      g_mutex_unlock (&clock->mutex);
      g_set_error_literal (error, CLOSENESS_HLC_ERROR, CLOSENESS_HLC_ERROR_DRIFT,
                           "A change is dated more than a day ahead of this computer's clock.");
      return FALSE;
    }

  physical = MAX (MAX (wall, last->physical_ms), remote->physical_ms);
  if (physical == last->physical_ms && physical == remote->physical_ms)
    advance_counter (last, (guint) MAX (last->counter, remote->counter) + 1);
  else if (physical == last->physical_ms)
    advance_counter (last, (guint) last->counter + 1);
  else if (physical == remote->physical_ms)
    {
      last->physical_ms = physical;
      advance_counter (last, (guint) remote->counter + 1);
    }
  else
    {
      last->physical_ms = physical;
      last->counter = 0;
    }

  if (hlc != NULL)
    *hlc = *last;
  g_mutex_unlock (&clock->mutex);
  return TRUE;
}

/* The last timestamp issued, for the caller to keep across restarts. */
void
closeness_hlc_clock_get_last (ClosenessHlcClock *clock,
                              ClosenessHlc      *hlc)
{
  g_mutex_lock (&clock->mutex);
  *hlc = clock->last;
  g_mutex_unlock (&clock->mutex);
}
