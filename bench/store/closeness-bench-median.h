/* closeness-bench-median.h: the median the benchmarks report
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

static inline int
closeness_bench_compare_doubles (gconstpointer a,
                                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of @values (doubles), which it sorts: the middle one, or
 * for an even count the mean of the middle two. */
static inline double
closeness_bench_median (GArray *values)
{
  g_array_sort (values, closeness_bench_compare_doubles);

  return values->len % 2 ? g_array_index (values, double, values->len / 2)
                         : (g_array_index (values, double, values->len / 2 - 1) +
                            g_array_index (values, double, values->len / 2)) / 2;
}
