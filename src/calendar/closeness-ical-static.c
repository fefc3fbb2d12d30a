/* closeness-ical-static.c: closeness_ical_load() where the libical code is
 * linked in (the tests and benchmarks)
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "calendar/closeness-ical.h"

gboolean
closeness_ical_load (GError **error)
{
  return TRUE;
}

void
closeness_ical_preload (void)
{
}
