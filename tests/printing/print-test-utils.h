/* print-test-utils.h: shared checks of printed pages, as images.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <math.h>
#include <string.h>

#include <glib.h>

#include "printing/closeness-print-layout.h"

/* A4 and Letter, in points. */
#define A4_WIDTH      595.276
#define A4_HEIGHT     841.89
#define LETTER_WIDTH  612.0
#define LETTER_HEIGHT 792.0

typedef struct
{
  const guchar *pixels;
  int           width;
  int           height;
  int           rowstride;
  int           channels;  /* 3 or 4, RGB(A) in byte order; 0: cairo ARGB32/RGB24 */
  double        scale;     /* pixels per point */
} PageImage;

static inline guint
page_image_luminance (const PageImage *image,
                      int              x,
                      int              y)
{
  const guchar *p;

  if (x < 0 || y < 0 || x >= image->width || y >= image->height)
    return 255;

  if (image->channels == 0)
    {
      guint32 pixel = *(const guint32 *) (image->pixels + y * image->rowstride + 4 * x);

      return (((pixel >> 16) & 0xff) * 3 + ((pixel >> 8) & 0xff) * 6 + (pixel & 0xff)) / 10;
    }

  p = image->pixels + y * image->rowstride + x * image->channels;

  return (p[0] * 3 + p[1] * 6 + p[2]) / 10;
}

/* The darkest of the pixels within @reach of (@x, @y) along one axis. */
static inline guint
page_image_darkest_across (const PageImage *image,
                           int              x,
                           int              y,
                           gboolean         vertical_line,
                           int              reach)
{
  guint darkest = 255;

  for (int d = -reach; d <= reach; d++)
    {
      guint value = vertical_line ? page_image_luminance (image, x + d, y)
                                  : page_image_luminance (image, x, y + d);
      darkest = MIN (darkest, value);
    }

  return darkest;
}

/* Fraction of the length of each cut line that is line coloured; the
 * smallest over all lines of the grid. */
static inline double
page_image_cut_line_coverage (const PageImage             *image,
                              const ClosenessPrintOptions *options,
                              double                       page_width,
                              double                       page_height)
{
  ClosenessPrintRect area = closeness_print_grid_get_area (options, page_width, page_height);
  guint columns, rows;
  double worst = 1.0;

  closeness_print_grid_get_size (options, page_width, page_height, &columns, &rows);

  for (guint i = 0; i <= columns + rows; i++)
    {
      gboolean vertical = i <= columns;
      double position = vertical ? area.x + i * area.width / columns
                                 : area.y + (i - columns - 1) * area.height / rows;
      double start = vertical ? area.y : area.x;
      double length = vertical ? area.height : area.width;
      guint hits = 0, total = 0;

      /* Folded, not cut: dashed, and checked by the fold tests. */
      if (closeness_print_grid_is_fold_line (options, page_width, page_height, vertical,
                                             vertical ? i : i - columns - 1))
        continue;

      for (double t = start + 2; t < start + length - 2; t += 1.0 / image->scale)
        {
          int x = (int) floor ((vertical ? position : t) * image->scale);
          int y = (int) floor ((vertical ? t : position) * image->scale);

          total++;
          if (page_image_darkest_across (image, x, y, vertical, 1) < 245)
            hits++;
        }

      if (total > 0)
        worst = MIN (worst, (double) hits / total);
    }

  return worst;
}

/* Dark pixels in the band along each card edge, from 2 px inside the edge to
 * @band_fraction of the card padding: text crossing an edge would land here. */
static inline guint
page_image_count_gutter_ink (const PageImage             *image,
                             const ClosenessPrintOptions *options,
                             double                       page_width,
                             double                       page_height,
                             double                       band_fraction)
{
  double padding = closeness_print_grid_get_padding (options);
  guint columns, rows;
  guint dark = 0;

  closeness_print_grid_get_size (options, page_width, page_height, &columns, &rows);

  for (guint column = 0; column < columns; column++)
    for (guint row = 0; row < rows; row++)
      {
        ClosenessPrintRect cell = closeness_print_grid_get_cell (options, page_width, page_height,
                                                                 column, row);
        int x0 = (int) ceil (cell.x * image->scale) + 2;
        int y0 = (int) ceil (cell.y * image->scale) + 2;
        int x1 = (int) floor ((cell.x + cell.width) * image->scale) - 2;
        int y1 = (int) floor ((cell.y + cell.height) * image->scale) - 2;
        int band = MAX (1, (int) floor (padding * band_fraction * image->scale) - 2);

        for (int y = y0; y <= y1; y++)
          for (int x = x0; x <= x1; x++)
            {
              gboolean in_band = x < x0 + band || x > x1 - band || y < y0 + band || y > y1 - band;

              if (in_band && page_image_luminance (image, x, y) < 200)
                dark++;
            }
      }

  return dark;
}

/* Dark pixels anywhere inside the cards, to know something was drawn. */
static inline guint
page_image_count_ink (const PageImage *image)
{
  guint dark = 0;

  for (int y = 0; y < image->height; y++)
    for (int x = 0; x < image->width; x++)
      if (page_image_luminance (image, x, y) < 128)
        dark++;

  return dark;
}

/* Collapses whitespace and drops hyphens, so wrapped text compares equal. */
static inline char *
normalize_printed_text (const char *text)
{
  GString *out = g_string_new (NULL);

  if (text == NULL)
    return g_string_free (out, FALSE);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '-' || c == 0x2010 || c == 0x00AD || c == 0x2011 ||
          c == 0x200B || c == '\f')
        continue;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static inline guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint count = 0;
  gsize length = strlen (needle);

  if (length == 0)
    return 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + length, needle))
    count++;

  return count;
}
