/* test-print-layout.c: card grids, page counts, text fitting and the
 * selection, without a display.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "closeness-test-utils.h"
#include "conversations/closeness-conversation-logic.h"
#include "conversations/closeness-conversation-settings.h"
#include "conversations/closeness-prompt-library.h"
#include "printing/closeness-print-selection.h"

#include "print-test-utils.h"

static const char * const all_layouts[] = { "cards-4", "cards-6", "cards-8", "sheet" };

static PangoContext *shared_context;

static PangoContext *
create_print_pango_context (void)
{
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (font_map);
  cairo_font_options_t *font_options = cairo_font_options_create ();

  /* As on paper: one unit per point, no hinting. */
  pango_cairo_context_set_resolution (context, 72);
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, font_options);
  cairo_font_options_destroy (font_options);

  return context;
}

static char *
make_long_prompt (guint n_chars)
{
  static const char *words[] = {
    "when", "we", "sit", "together", "after", "a", "long", "week,", "what", "small",
    "gesture", "makes", "you", "feel", "seen", "and", "held", "by", "me?",
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; text->len < n_chars; i++)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, words[i % G_N_ELEMENTS (words)]);
    }
  g_string_truncate (text, n_chars);

  return g_string_free (text, FALSE);
}

/* The built-in prompt with the most text, follow-up included. */
static ClosenessPrompt *
find_longest_prompt (ClosenessStore *store)
{
  GListModel *prompts = closeness_store_get_prompts (store);
  ClosenessPrompt *longest = NULL;
  gsize longest_length = 0;

  for (guint i = 0; i < g_list_model_get_n_items (prompts); i++)
    {
      g_autoptr(ClosenessPrompt) prompt = g_list_model_get_item (prompts, i);
      const char *follow_up = closeness_prompt_get_display_follow_up (prompt);
      gsize length = g_utf8_strlen (closeness_prompt_get_display_text (prompt), -1) +
                     (follow_up != NULL ? g_utf8_strlen (follow_up, -1) : 0);

      if (length > longest_length)
        {
          g_set_object (&longest, prompt);
          longest_length = length;
        }
    }

  return longest;
}

/* Options */

static void
test_options_layouts (void)
{
  ClosenessPrintOptions options;
  g_autoptr(GError) error = NULL;

  closeness_print_options_init (&options);
  g_assert_cmpstr (closeness_print_options_get_layout (&options), ==, "cards-6");

  for (guint i = 0; i < G_N_ELEMENTS (all_layouts); i++)
    {
      g_assert_true (closeness_print_options_set_layout (&options, all_layouts[i], &error));
      g_assert_no_error (error);
      g_assert_cmpstr (closeness_print_options_get_layout (&options), ==, all_layouts[i]);
    }

  g_assert_false (closeness_print_options_set_layout (&options, "cards-5", &error));
  g_assert_error (error, CLOSENESS_PRINT_ERROR, CLOSENESS_PRINT_ERROR_UNKNOWN_LAYOUT);
  g_clear_error (&error);
  g_assert_cmpstr (closeness_print_options_get_layout (&options), ==, "sheet");

  g_assert_cmpstr (closeness_print_paper_get_name ("A4", NULL), ==, "iso_a4");
  g_assert_cmpstr (closeness_print_paper_get_name ("letter", NULL), ==, "na_letter");
  g_assert_null (closeness_print_paper_get_name ("a5", &error));
  g_assert_error (error, CLOSENESS_PRINT_ERROR, CLOSENESS_PRINT_ERROR_UNKNOWN_PAPER);

  options.style = 7;
  options.cards_per_page = 5;
  options.fold = TRUE;
  options.backs = TRUE;
  closeness_print_options_normalize (&options);
  g_assert_cmpint (options.style, ==, CLOSENESS_PRINT_STYLE_CARDS);
  g_assert_cmpuint (options.cards_per_page, ==, 6);
  g_assert_false (options.backs);
}

/* The grid */

static void
assert_rect_inside (ClosenessPrintRect inner,
                    ClosenessPrintRect outer)
{
  g_assert_cmpfloat (inner.x, >=, outer.x - 0.001);
  g_assert_cmpfloat (inner.y, >=, outer.y - 0.001);
  g_assert_cmpfloat (inner.x + inner.width, <=, outer.x + outer.width + 0.001);
  g_assert_cmpfloat (inner.y + inner.height, <=, outer.y + outer.height + 0.001);
}

static void
test_grid_geometry (void)
{
  const double papers[][2] = { { A4_WIDTH, A4_HEIGHT }, { LETTER_WIDTH, LETTER_HEIGHT },
                               { A4_HEIGHT, A4_WIDTH } };
  const guint sizes[] = { 4, 6, 8 };

  for (guint p = 0; p < G_N_ELEMENTS (papers); p++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      {
        ClosenessPrintOptions options;
        ClosenessPrintRect page = { 0, 0, papers[p][0], papers[p][1] };
        ClosenessPrintRect area;
        guint columns, rows;

        closeness_print_options_init (&options);
        options.cards_per_page = sizes[s];
        closeness_print_grid_get_size (&options, page.width, page.height, &columns, &rows);
        g_assert_cmpuint (columns * rows, ==, sizes[s]);
        g_assert_cmpuint (closeness_print_grid_cards_per_page (&options), ==, sizes[s]);

        area = closeness_print_grid_get_area (&options, page.width, page.height);
        assert_rect_inside (area, page);
        /* Symmetric, so backs line up when the sheet turns over. */
        g_assert_cmpfloat_with_epsilon (area.x, page.width - area.x - area.width, 0.001);
        g_assert_cmpfloat (area.x, >=, 28.0);  /* ≥ 10 mm from the paper's edge */

        for (guint slot = 0; slot < sizes[s]; slot++)
          {
            ClosenessPrintRect front = closeness_print_grid_get_card (&options, page.width,
                                                                      page.height, slot, FALSE);
            ClosenessPrintRect back = closeness_print_grid_get_card (&options, page.width,
                                                                     page.height, slot, TRUE);

            assert_rect_inside (front, area);
            g_assert_cmpfloat (front.width, >, 150);
            g_assert_cmpfloat (front.height, >, 150);
            /* Long-edge duplex: the back is the front mirrored left to right. */
            g_assert_cmpfloat_with_epsilon (back.x, page.width - front.x - front.width, 0.001);
            g_assert_cmpfloat_with_epsilon (back.y, front.y, 0.001);

            for (guint other = 0; other < slot; other++)
              {
                ClosenessPrintRect r = closeness_print_grid_get_card (&options, page.width,
                                                                      page.height, other, FALSE);
                gboolean overlap =
                  front.x < r.x + r.width - 0.001 && r.x < front.x + front.width - 0.001
                  && front.y < r.y + r.height - 0.001 && r.y < front.y + front.height - 0.001;

                g_assert_false (overlap);
              }
          }

        /* Folded: front and back side by side in one card's pair of cells. */
        options.fold = TRUE;
        g_assert_cmpuint (closeness_print_grid_cards_per_page (&options), ==, sizes[s] / 2);
        for (guint slot = 0; slot < sizes[s] / 2; slot++)
          {
            ClosenessPrintRect front = closeness_print_grid_get_card (&options, page.width,
                                                                      page.height, slot, FALSE);
            ClosenessPrintRect back = closeness_print_grid_get_card (&options, page.width,
                                                                     page.height, slot, TRUE);
            gboolean beside = fabs (back.x - (front.x + front.width)) < 0.001 &&
                              fabs (back.y - front.y) < 0.001;
            gboolean below = fabs (back.y - (front.y + front.height)) < 0.001 &&
                             fabs (back.x - front.x) < 0.001;

            g_assert_true (beside || below);
            assert_rect_inside (back, area);
          }
      }
}

static void
test_page_count (void)
{
  ClosenessPrintOptions options;

  closeness_print_options_init (&options);
  g_assert_cmpuint (closeness_print_count_card_pages (&options, 0), ==, 0);
  g_assert_cmpuint (closeness_print_count_card_pages (&options, 1), ==, 1);
  g_assert_cmpuint (closeness_print_count_card_pages (&options, 6), ==, 1);
  g_assert_cmpuint (closeness_print_count_card_pages (&options, 7), ==, 2);
  g_assert_cmpuint (closeness_print_count_card_pages (&options, 500), ==, 84);

  options.cards_per_page = 4;
  g_assert_cmpuint (closeness_print_count_card_pages (&options, 9), ==, 3);
  options.cards_per_page = 8;
  g_assert_cmpuint (closeness_print_count_card_pages (&options, 500), ==, 63);

  options.backs = TRUE;
  g_assert_cmpuint (closeness_print_count_card_pages (&options, 9), ==, 4);
  g_assert_cmpuint (closeness_print_count_card_pages (&options, 500), ==, 126);

  options.fold = TRUE;  /* backs are then on the same side */
  g_assert_cmpuint (closeness_print_count_card_pages (&options, 9), ==, 3);
  g_assert_cmpuint (closeness_print_count_card_pages (&options, 500), ==, 125);

  options.style = CLOSENESS_PRINT_STYLE_SHEET;
  g_assert_cmpuint (closeness_print_count_card_pages (&options, 9), ==, 0);
}

/* Text fitting */

static void
test_fit_shrinks (void)
{
  PangoContext *context = shared_context;
  g_autofree char *long_text = make_long_prompt (1000);
  g_autofree char *huge_text = make_long_prompt (20000);
  gboolean ellipsized = TRUE;
  double size;

  size = closeness_print_fit_text (context, "Short question?", NULL, 200, 150, 14, 6.5,
                                   &ellipsized);
  g_assert_cmpfloat (size, ==, 14);
  g_assert_false (ellipsized);

  /* About the text area of a card, eight on a page. */
  size = closeness_print_fit_text (context, long_text, "And then?", 229, 140, 14, 6.5, &ellipsized);
  g_assert_cmpfloat (size, <, 14);
  g_assert_cmpfloat (size, >=, 6.5);
  g_assert_false (ellipsized);

  size = closeness_print_fit_text (context, huge_text, NULL, 200, 150, 14, 6.5, &ellipsized);
  g_assert_cmpfloat (size, ==, 6.5);
  g_assert_true (ellipsized);
}

static void
add_layout_cases (ClosenessPrintDocument *document,
                  ClosenessPrompt        *longest,
                  const char             *custom)
{
  closeness_print_document_add_card (document, closeness_prompt_get_display_text (longest),
                                     closeness_prompt_get_display_follow_up (longest),
                                     "Getting to know each other again", NULL);
  closeness_print_document_add_card (document, custom, NULL, "Our own deck", NULL);
  closeness_print_document_add_card (document, custom,
                                     "What would you like us to try this week, together?",
                                     "Our own deck", NULL);
}

/* The longest built-in prompt and a 1,000-character custom prompt fit every
 * layout without being cut short. */
static void
test_fit_every_layout (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(ClosenessPrompt) longest = find_longest_prompt (store);
  PangoContext *context = shared_context;
  g_autofree char *custom = make_long_prompt (1000);
  const double papers[][2] = { { A4_WIDTH, A4_HEIGHT }, { LETTER_WIDTH, LETTER_HEIGHT } };

  g_assert_nonnull (longest);
  g_assert_cmpint (g_utf8_strlen (custom, -1), ==, 1000);

  for (guint p = 0; p < G_N_ELEMENTS (papers); p++)
    for (guint i = 0; i < G_N_ELEMENTS (all_layouts); i++)
      for (guint fold = 0; fold <= 1; fold++)
        {
          g_autoptr(ClosenessPrintDocument) document = NULL;
          ClosenessPrintOptions options;

          closeness_print_options_init (&options);
          g_assert_true (closeness_print_options_set_layout (&options, all_layouts[i], NULL));
          options.fold = fold;
          document = closeness_print_document_new (&options, papers[p][0], papers[p][1]);
          add_layout_cases (document, longest, custom);

          g_assert_cmpuint (closeness_print_document_paginate (document, context), >=, 1);
          g_assert_cmpuint (closeness_print_document_count_ellipsized (document, context), ==, 0);
        }
}

/* Draws a page at 50 dpi and looks for ink in the edge bands of the cards. */
static void
test_no_text_crosses_edges (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(ClosenessPrompt) longest = find_longest_prompt (store);
  PangoContext *context = shared_context;
  g_autofree char *custom = make_long_prompt (1000);
  g_autofree char *huge = make_long_prompt (20000);
  const double scale = 50.0 / 72.0;

  for (guint i = 0; i < 3; i++)
    for (guint crop = 0; crop <= 1; crop++)
      {
        g_autoptr(ClosenessPrintDocument) document = NULL;
        ClosenessPrintOptions options;
        cairo_surface_t *surface;
        cairo_t *cr;
        PageImage image;

        closeness_print_options_init (&options);
        closeness_print_options_set_layout (&options, all_layouts[i], NULL);
        options.cut_marks = crop ? CLOSENESS_PRINT_CROP_MARKS : CLOSENESS_PRINT_CUT_LINES;
        document = closeness_print_document_new (&options, A4_WIDTH, A4_HEIGHT);
        add_layout_cases (document, longest, custom);
        /* The last resort: far too long, ellipsized, still inside its card. */
        closeness_print_document_add_card (document, huge, NULL, "Our own deck", NULL);
        /* A full first page: empty slots have no cut lines. */
        for (guint n = 4; n < closeness_print_grid_cards_per_page (&options); n++)
          closeness_print_document_add_card (document, "What made you smile today?", NULL,
                                             "Our own deck", NULL);
        closeness_print_document_paginate (document, context);

        surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (A4_WIDTH * scale),
                                              (int) ceil (A4_HEIGHT * scale));
        cr = cairo_create (surface);
        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_paint (cr);
        cairo_scale (cr, scale, scale);
        closeness_print_document_draw_page (document, cr, context, 0);
        cairo_destroy (cr);
        cairo_surface_flush (surface);

        image.pixels = cairo_image_surface_get_data (surface);
        image.width = cairo_image_surface_get_width (surface);
        image.height = cairo_image_surface_get_height (surface);
        image.rowstride = cairo_image_surface_get_stride (surface);
        image.channels = 0;
        image.scale = scale;

        g_assert_cmpuint (page_image_count_ink (&image), >, 1000);
        g_assert_cmpuint (page_image_count_gutter_ink (&image, &options, A4_WIDTH, A4_HEIGHT, 0.8),
                          ==, 0);
        if (!crop)
          g_assert_cmpfloat (page_image_cut_line_coverage (&image, &options, A4_WIDTH, A4_HEIGHT),
                             >=, 0.95);
        else
          g_assert_cmpfloat (page_image_cut_line_coverage (&image, &options, A4_WIDTH, A4_HEIGHT),
                             <, 0.2);

        cairo_surface_destroy (surface);
      }
}

/* Scripts */

static char *
run_pdftotext (const char *pdf)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", pdf, "-", NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &text, NULL, &status, &error))
    return NULL;

  return g_steal_pointer (&text);
}

static void
test_scripts (void)
{
  static const struct {
    const char *name;
    const char *text;
    gboolean    searchable;  /* pdftotext gives it back in logical order */
  } samples[] = {
    { "accents", "Qu’est-ce qui te fait sourire ? Über Nähe, mañana, Ærø, Łódź", TRUE },
    { "greek", "Τι σε κάνει να νιώθεις κοντά μου;", TRUE },
    { "cyrillic", "Что помогает тебе чувствовать себя ближе ко мне?", TRUE },
    { "hebrew", "מה גורם לך להרגיש קרוב אליי?", FALSE },
    { "arabic", "ما الذي يجعلك تشعر بالقرب مني؟", FALSE },
    { "cjk", "什么让你觉得我们更亲近？ふたりの時間", TRUE },
    { "emoji", "Tonight 💞 🌙 ☕", FALSE },
  };
  PangoContext *context = shared_context;
  g_autofree char *dir = g_dir_make_tmp ("closeness-printing-test-XXXXXX", NULL);
  g_autofree char *pdf = g_build_filename (dir, "scripts.pdf", NULL);
  g_autoptr(ClosenessPrintDocument) document = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *normalized = NULL;
  gboolean have_pdftotext = g_find_program_in_path ("pdftotext") != NULL;
  ClosenessPrintOptions options;
  gboolean covered[G_N_ELEMENTS (samples)];
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_pages;

  closeness_print_options_init (&options);
  options.cards_per_page = 8;
  document = closeness_print_document_new (&options, A4_WIDTH, A4_HEIGHT);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(PangoLayout) layout = closeness_print_create_text_layout (context, samples[i].text,
                                                                          12, 200, FALSE);
      int unknown = pango_layout_get_unknown_glyphs_count (layout);

      covered[i] = unknown == 0;
      if (!covered[i])
        g_test_message ("%s: %d glyphs missing with the fonts installed here (install the fonts "
                        "the README lists to print this script)", samples[i].name, unknown);
      closeness_print_document_add_card (document, samples[i].text, NULL, samples[i].name, NULL);
    }

  /* Every script lays out completely with the fonts build-aux/dev installs
   * (fonts-noto-core, fonts-noto-cjk, fonts-noto-color-emoji). */
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      if (!covered[i])
        g_test_message ("%s is not covered: install the fonts the README lists", samples[i].name);
      g_assert_true (covered[i]);
    }

  {
    g_autoptr(PangoLayout) layout = closeness_print_create_text_layout (context, samples[3].text,
                                                                        12, 200, FALSE);
    g_assert_cmpint (pango_layout_get_direction (layout, 0), ==, PANGO_DIRECTION_RTL);
  }

  surface = cairo_pdf_surface_create (pdf, A4_WIDTH, A4_HEIGHT);
  cr = cairo_create (surface);
  n_pages = closeness_print_document_paginate (document, context);
  for (guint page = 0; page < n_pages; page++)
    {
      closeness_print_document_draw_page (document, cr, context, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  if (!have_pdftotext)
    {
      g_test_skip ("pdftotext is not installed");
      return;
    }

  printed = run_pdftotext (pdf);
  g_assert_nonnull (printed);
  normalized = normalize_printed_text (printed);

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *expected = normalize_printed_text (samples[i].text);

      if (!samples[i].searchable || !covered[i])
        continue;

      g_assert_cmpuint (count_occurrences (normalized, expected), ==, 1);
    }

  g_unlink (pdf);
  g_rmdir (dir);
}

/* The selection */

/* Every deck open, questions up to @intensity. */
#define UP_TO(intensity) (&(const ClosenessPromptFilter) { .ceiling = (intensity), .closed_deck_id = 0 })

static void
test_selection_ceiling (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(ClosenessPrintSelection) selection = closeness_print_selection_new ();
  ClosenessIntensity ceilings[] = { CLOSENESS_INTENSITY_GENTLE, CLOSENESS_INTENSITY_WARM,
                                    CLOSENESS_INTENSITY_SPICY };
  guint previous = 0;

  for (guint c = 0; c < G_N_ELEMENTS (ceilings); c++)
    {
      g_autoptr(GPtrArray) prompts = closeness_print_selection_collect (selection, store,
                                                                        UP_TO (ceilings[c]));

      g_assert_cmpuint (prompts->len, >, previous);
      previous = prompts->len;
      for (guint i = 0; i < prompts->len; i++)
        g_assert_cmpint (closeness_prompt_get_intensity (g_ptr_array_index (prompts, i)), <=,
                         ceilings[c]);
    }
}

/* A closed deck prints nothing: not with everything, not asked for by
 * deck, not as one of tonight's picks. */
static void
test_selection_closed_deck (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  GListModel *decks = closeness_store_get_decks (store);
  GListModel *prompts = closeness_store_get_prompts (store);
  ClosenessPromptFilter closed = { .ceiling = CLOSENESS_INTENSITY_SPICY };
  g_autoptr(ClosenessPrintSelection) everything = closeness_print_selection_new ();
  g_autoptr(ClosenessPrintSelection) deck = closeness_print_selection_new ();
  g_autoptr(ClosenessPrintSelection) picks = closeness_print_selection_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) open_all = NULL;
  g_autoptr(GPtrArray) from_deck = NULL;
  g_autoptr(GPtrArray) picked = NULL;
  guint n_desire = 0;

  for (guint i = 0; i < g_list_model_get_n_items (decks); i++)
    {
      g_autoptr(ClosenessDeck) candidate = g_list_model_get_item (decks, i);

      if (g_strcmp0 (closeness_deck_get_builtin_key (candidate), "desire") == 0)
        closed.closed_deck_id = closeness_record_get_id (CLOSENESS_RECORD (candidate));
    }
  g_assert_cmpint (closed.closed_deck_id, >, 0);

  closeness_print_selection_add_deck (deck, closed.closed_deck_id);
  for (guint i = 0; i < g_list_model_get_n_items (prompts); i++)
    {
      g_autoptr(ClosenessPrompt) prompt = g_list_model_get_item (prompts, i);

      if (closeness_prompt_get_deck_id (prompt) != closed.closed_deck_id)
        continue;
      n_desire++;
      closeness_print_selection_add_prompt (picks,
                                            closeness_record_get_id (CLOSENESS_RECORD (prompt)));
    }
  g_assert_cmpuint (n_desire, >, 0);

  all = closeness_print_selection_collect (everything, store, &closed);
  open_all =
    closeness_print_selection_collect (everything, store, UP_TO (CLOSENESS_INTENSITY_SPICY));
  from_deck = closeness_print_selection_collect (deck, store, &closed);
  picked = closeness_print_selection_collect (picks, store, &closed);

  for (guint i = 0; i < all->len; i++)
    g_assert_cmpint (closeness_prompt_get_deck_id (g_ptr_array_index (all, i)), !=,
                     closed.closed_deck_id);
  g_assert_cmpuint (all->len + n_desire, ==, open_all->len);
  g_assert_cmpuint (from_deck->len, ==, 0);
  g_assert_cmpuint (picked->len, ==, 0);
}

static void
test_selection_kinds (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(GError) error = NULL;
  GListModel *decks = closeness_store_get_decks (store);
  g_autoptr(ClosenessDeck) first_deck = g_list_model_get_item (decks, 0);
  gint64 deck_id = closeness_record_get_id (CLOSENESS_RECORD (first_deck));
  g_autoptr(ClosenessPrompt) custom = NULL;
  g_autoptr(ClosenessPrompt) spicy = NULL;
  g_autoptr(ClosenessPrintSelection) everything = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree char *title = NULL;

  custom = closeness_store_create_prompt (store, deck_id, "Our own gentle question?", NULL,
                                          CLOSENESS_INTENSITY_GENTLE, &error);
  g_assert_no_error (error);
  spicy = closeness_store_create_prompt (store, deck_id, "Our own spicy question?", NULL,
                                         CLOSENESS_INTENSITY_SPICY, &error);
  g_assert_no_error (error);

  /* One deck, in deck order. */
  {
    g_autoptr(ClosenessPrintSelection) selection = closeness_print_selection_new ();
    g_autoptr(GPtrArray) prompts = NULL;

    closeness_print_selection_add_deck (selection, deck_id);
    prompts =
      closeness_print_selection_collect (selection, store, UP_TO (CLOSENESS_INTENSITY_WARM));
    g_assert_cmpuint (prompts->len, >, 1);
    for (guint i = 0; i < prompts->len; i++)
      {
        ClosenessPrompt *prompt = g_ptr_array_index (prompts, i);

        g_assert_cmpint (closeness_prompt_get_deck_id (prompt), ==, deck_id);
        g_assert_true (prompt != spicy);
      }
    title = closeness_print_selection_dup_display_title (selection, store);
    g_assert_cmpstr (title, ==, closeness_deck_get_display_name (first_deck));
  }

  /* Custom prompts only. */
  {
    g_autoptr(ClosenessPrintSelection) selection = closeness_print_selection_new ();
    g_autoptr(GPtrArray) prompts = NULL;

    closeness_print_selection_set_custom_only (selection, TRUE);
    prompts =
      closeness_print_selection_collect (selection, store, UP_TO (CLOSENESS_INTENSITY_WARM));
    g_assert_cmpuint (prompts->len, ==, 1);
    g_assert_true (g_ptr_array_index (prompts, 0) == custom);

    g_clear_pointer (&prompts, g_ptr_array_unref);
    prompts =
      closeness_print_selection_collect (selection, store, UP_TO (CLOSENESS_INTENSITY_SPICY));
    g_assert_cmpuint (prompts->len, ==, 2);
  }

  /* Favourites. */
  everything = closeness_print_selection_new ();
  all = closeness_print_selection_collect (everything, store, UP_TO (CLOSENESS_INTENSITY_WARM));
  {
    g_autoptr(ClosenessPrintSelection) selection = closeness_print_selection_new ();
    g_autoptr(GPtrArray) prompts = NULL;
    ClosenessPrompt *favourite = g_ptr_array_index (all, 3);

    g_assert_true (
      closeness_store_set_favourite (store, closeness_record_get_id (CLOSENESS_RECORD (favourite)),
                                     TRUE, &error));
    g_assert_no_error (error);
    closeness_print_selection_set_favourites_only (selection, TRUE);
    prompts =
      closeness_print_selection_collect (selection, store, UP_TO (CLOSENESS_INTENSITY_WARM));
    g_assert_cmpuint (prompts->len, ==, 1);
    g_assert_cmpint (closeness_record_get_id (CLOSENESS_RECORD (g_ptr_array_index (prompts, 0))),
                     ==, closeness_record_get_id (CLOSENESS_RECORD (favourite)));
  }

  /* Tonight's picks keep their order; the spicy pick stays off paper. */
  {
    g_autoptr(ClosenessPrintSelection) selection = closeness_print_selection_new ();
    g_autoptr(GPtrArray) prompts = NULL;
    gint64 picks[] = {
      closeness_record_get_id (CLOSENESS_RECORD (g_ptr_array_index (all, 10))),
      closeness_record_get_id (CLOSENESS_RECORD (spicy)),
      closeness_record_get_id (CLOSENESS_RECORD (g_ptr_array_index (all, 2))),
    };

    for (guint i = 0; i < G_N_ELEMENTS (picks); i++)
      closeness_print_selection_add_prompt (selection, picks[i]);
    prompts =
      closeness_print_selection_collect (selection, store, UP_TO (CLOSENESS_INTENSITY_WARM));
    g_assert_cmpuint (prompts->len, ==, 2);
    g_assert_cmpint (closeness_record_get_id (CLOSENESS_RECORD (g_ptr_array_index (prompts, 0))),
                     ==, picks[0]);
    g_assert_cmpint (closeness_record_get_id (CLOSENESS_RECORD (g_ptr_array_index (prompts, 1))),
                     ==, picks[2]);
  }
}

/* Which cells of the grid hold a card; the rest of the last sheet gets no
 * cut lines. Seven cards on A4 portrait (two columns). */
static void
test_used_cells (void)
{
  struct {
    const char *layout;
    gboolean    backs;
    gboolean    fold;
    guint       page;
    const char *used;  /* row by row, left to right: x holds a card */
  } cases[] = {
    { "cards-6", FALSE, FALSE, 0, "xx" "xx" "xx" },
    { "cards-6", FALSE, FALSE, 1, "x." ".." ".." },
    /* The back of the last sheet: its card behind the front, mirrored. */
    { "cards-6", TRUE, FALSE, 2, "x." ".." ".." },
    { "cards-6", TRUE, FALSE, 3, ".x" ".." ".." },
    /* Folded: front and back of each card side by side. */
    { "cards-8", FALSE, TRUE, 1, "xx" "xx" "xx" ".." },
    { "cards-4", FALSE, TRUE, 3, "xx" ".." },
    { "sheet", FALSE, FALSE, 0, "" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(ClosenessPrintDocument) document = NULL;
      ClosenessPrintOptions options;
      guint columns, rows;

      closeness_print_options_init (&options);
      g_assert_true (closeness_print_options_set_layout (&options, cases[c].layout, NULL));
      options.backs = cases[c].backs;
      options.fold = cases[c].fold;
      closeness_print_options_normalize (&options);
      document = closeness_print_document_new (&options, A4_WIDTH, A4_HEIGHT);
      for (guint i = 0; i < 7; i++)
        closeness_print_document_add_card (document, "Question?", NULL, "Deck", "icon");

      closeness_print_grid_get_size (&options, A4_WIDTH, A4_HEIGHT, &columns, &rows);
      if (options.style == CLOSENESS_PRINT_STYLE_SHEET)
        {
          g_assert_false (closeness_print_document_is_cell_used (document, 0, 0, 0));
          continue;
        }

      g_assert_cmpuint (strlen (cases[c].used), ==, columns * rows);
      for (guint row = 0; row < rows; row++)
        for (guint column = 0; column < columns; column++)
          {
            gboolean expected = cases[c].used[row * columns + column] == 'x';

            if (closeness_print_document_is_cell_used (document, cases[c].page, column, row)
                != expected)
              g_error ("%s%s%s, page %u: cell %u,%u should be %s", cases[c].layout,
                       cases[c].backs ? " backs" : "", cases[c].fold ? " fold" : "",
                       cases[c].page, column, row, expected ? "used" : "empty");
          }
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  shared_context = create_print_pango_context ();

  g_test_add_func ("/printing/options/layouts", test_options_layouts);
  g_test_add_func ("/printing/grid/geometry", test_grid_geometry);
  g_test_add_func ("/printing/grid/page-count", test_page_count);
  g_test_add_func ("/printing/grid/used-cells", test_used_cells);
  g_test_add_func ("/printing/fit/shrinks", test_fit_shrinks);
  g_test_add_func ("/printing/fit/every-layout", test_fit_every_layout);
  g_test_add_func ("/printing/fit/no-text-crosses-edges", test_no_text_crosses_edges);
  g_test_add_func ("/printing/fit/scripts", test_scripts);
  g_test_add_func ("/printing/selection/ceiling", test_selection_ceiling);
  g_test_add_func ("/printing/selection/closed-deck", test_selection_closed_deck);
  g_test_add_func ("/printing/selection/kinds", test_selection_kinds);

  status = g_test_run ();
  g_clear_object (&shared_context);

  return status;
}
