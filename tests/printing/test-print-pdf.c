/* test-print-pdf.c: prompts to PDF through GtkPrintOperation, checked with
 * poppler-utils (pdfinfo, pdftotext, pdftoppm). Needs a display (Xvfb).
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "closeness-test-utils.h"
#include "conversations/closeness-conversation-logic.h"
#include "conversations/closeness-conversation-settings.h"
#include "conversations/closeness-prompt-library.h"
#include "printing/closeness-print-command.h"
#include "printing/closeness-prompt-print-operation.h"

#include "print-test-utils.h"

static char *output_dir;

typedef struct
{
  const char *name;
  const char *layout;
  gboolean    crop_marks;
  gboolean    backs;
  gboolean    fold;
} LayoutCase;

static const LayoutCase layout_cases[] = {
  { "cards-4", "cards-4", FALSE, FALSE, FALSE },
  { "cards-6", "cards-6", FALSE, FALSE, FALSE },
  { "cards-8", "cards-8", FALSE, FALSE, FALSE },
  { "cards-6-crop", "cards-6", TRUE, FALSE, FALSE },
  { "cards-6-backs", "cards-6", FALSE, TRUE, FALSE },
  { "cards-8-fold", "cards-8", FALSE, FALSE, TRUE },
  { "cards-4-fold-crop", "cards-4", TRUE, FALSE, TRUE },
  { "sheet", "sheet", FALSE, FALSE, FALSE },
};

/* Helpers */

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

      if (closeness_prompt_get_is_custom (prompt))
        continue;
      if (length > longest_length)
        {
          g_set_object (&longest, prompt);
          longest_length = length;
        }
    }

  return longest;
}

static char *
make_long_prompt (guint n_chars)
{
  static const char *words[] = {
    "Looking", "back", "on", "our", "first", "winter", "together,", "which", "evening",
    "would", "you", "live", "again", "and", "what", "made", "it", "feel", "like", "home?",
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; text->len < n_chars; i++)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, words[i % G_N_ELEMENTS (words)]);
    }
  g_string_truncate (text, n_chars - 1);
  g_string_append_c (text, '?');

  return g_string_free (text, FALSE);
}

static char *
run_tool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    g_error ("%s could not run: %s", argv[0], error->message);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_steal_pointer (&out);
}

static guint
pdf_page_count (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = run_tool (argv);
  const char *pages = strstr (info, "Pages:");

  g_assert_nonnull (pages);

  return (guint) g_ascii_strtoull (pages + strlen ("Pages:") + strspn (pages + 6, " "), NULL, 10);
}

static char *
pdf_page_size (const char *pdf)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = run_tool (argv);
  const char *size = strstr (info, "Page size:");
  const char *end;

  g_assert_nonnull (size);
  end = strchr (size, '\n');

  return g_strndup (size, end - size);
}

static char *
pdf_page_text (const char *pdf,
               guint       page)
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  const char *argv[] = { "pdftotext", "-raw", "-enc", "UTF-8", "-f", number, "-l", number,
                         pdf, "-", NULL };

  return run_tool (argv);
}

static GdkPixbuf *
render_page (const char *pdf,
             guint       page,
             guint       dpi)
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  g_autofree char *resolution = g_strdup_printf ("%u", dpi);
  g_autofree char *prefix = g_strdup_printf ("%.*s-page%u-%udpi", (int) (strlen (pdf) - 4), pdf,
                                             page, dpi);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  const char *argv[] = { "pdftoppm", "-png", "-r", resolution, "-f", number, "-l", number,
                         "-singlefile", pdf, prefix, NULL };
  g_autofree char *out = run_tool (argv);
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf = gdk_pixbuf_new_from_file (png, &error);

  g_assert_no_error (error);

  return pixbuf;
}

static PageImage
page_image_from_pixbuf (GdkPixbuf *pixbuf,
                        guint      dpi)
{
  PageImage image = {
    gdk_pixbuf_read_pixels (pixbuf),
    gdk_pixbuf_get_width (pixbuf),
    gdk_pixbuf_get_height (pixbuf),
    gdk_pixbuf_get_rowstride (pixbuf),
    gdk_pixbuf_get_n_channels (pixbuf),
    dpi / 72.0,
  };

  return image;
}

static char *
output_path (const char *name)
{
  g_autofree char *file = g_strconcat (name, ".pdf", NULL);

  return g_build_filename (output_dir, file, NULL);
}

static void
export_pdf (ClosenessStore              *store,
            ClosenessPrintSelection     *selection,
            const ClosenessPrintOptions *options,
            const char                  *paper,
            const char                  *filename)
{
  g_autoptr(ClosenessPromptPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;

  operation = closeness_prompt_print_operation_new (store, selection);
  closeness_prompt_print_operation_set_options (operation, options);
  g_assert_true (closeness_prompt_print_operation_set_paper (operation, paper, &error));
  g_assert_no_error (error);
  g_assert_true (closeness_prompt_print_operation_export_pdf (operation, filename, &error));
  g_assert_no_error (error);
}

static char *
normalized_front_text (const char                  *pdf,
                       const ClosenessPrintOptions *options,
                       guint                        n_pages,
                       GString                     *backs)
{
  GString *fronts = g_string_new (NULL);

  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *text = pdf_page_text (pdf, page);
      gboolean back = options->style == CLOSENESS_PRINT_STYLE_CARDS && options->backs &&
                      !options->fold && page % 2 == 0;

      g_string_append (back ? backs : fronts, text);
    }

  {
    g_autofree char *raw = g_string_free (fronts, FALSE);

    return normalize_printed_text (raw);
  }
}

/* Tests */

static void
test_layouts (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(ClosenessDeck) deck = closeness_test_find_deck (store, "rediscover");
  g_autoptr(ClosenessPrompt) longest = find_longest_prompt (store);
  g_autoptr(ClosenessPrompt) custom = NULL;
  g_autoptr(ClosenessPrintSelection) selection = closeness_print_selection_new ();
  g_autoptr(GPtrArray) expected = NULL;
  g_autofree char *long_text = make_long_prompt (1000);
  g_autofree char *deck_name = NULL;
  g_autoptr(GError) error = NULL;
  ClosenessPromptFilter filter;

  g_assert_nonnull (deck);
  g_assert_nonnull (longest);
  g_assert_cmpint (g_utf8_strlen (long_text, -1), ==, 1000);
  deck_name = normalize_printed_text (closeness_deck_get_display_name (deck));
  custom = closeness_store_create_prompt (store, closeness_record_get_id (CLOSENESS_RECORD (deck)),
                                          long_text, "And what would you keep from it?",
                                          CLOSENESS_INTENSITY_GENTLE, &error);
  g_assert_no_error (error);

  closeness_print_selection_add_deck (selection, closeness_record_get_id (CLOSENESS_RECORD (deck)));
  closeness_print_selection_add_deck (selection, closeness_prompt_get_deck_id (longest));
  closeness_conversation_settings_get_filter (closeness_conversation_settings_get_for_store (store),
                                              &filter);
  expected = closeness_print_selection_collect (selection, store, &filter);
  g_assert_cmpuint (expected->len, >, 10);

  for (guint c = 0; c < G_N_ELEMENTS (layout_cases); c++)
    {
      const LayoutCase *lc = &layout_cases[c];
      g_autofree char *pdf = output_path (lc->name);
      g_autoptr(GString) backs = g_string_new (NULL);
      g_autofree char *fronts = NULL;
      g_autofree char *normalized_backs = NULL;
      g_autoptr(GdkPixbuf) first_page = NULL;
      ClosenessPrintOptions options;
      PageImage image;
      guint n_pages;
      GStatBuf st;

      g_test_message ("layout %s: %s", lc->name, pdf);
      closeness_print_options_init (&options);
      g_assert_true (closeness_print_options_set_layout (&options, lc->layout, NULL));
      options.cut_marks = lc->crop_marks ? CLOSENESS_PRINT_CROP_MARKS : CLOSENESS_PRINT_CUT_LINES;
      options.backs = lc->backs;
      options.fold = lc->fold;

      export_pdf (store, selection, &options, "a4", pdf);

      /* Private: it may hold custom prompts. */
      g_assert_cmpint (g_stat (pdf, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);

      /* The page count of the layout math. */
      n_pages = pdf_page_count (pdf);
      if (options.style == CLOSENESS_PRINT_STYLE_CARDS)
        g_assert_cmpuint (n_pages, ==, closeness_print_count_card_pages (&options, expected->len));
      else
        g_assert_cmpuint (n_pages, >=, 2);

      /* Every selected prompt exactly once on the fronts, none on the backs. */
      fronts = normalized_front_text (pdf, &options, n_pages, backs);
      normalized_backs = normalize_printed_text (backs->str);
      for (guint i = 0; i < expected->len; i++)
        {
          ClosenessPrompt *prompt = g_ptr_array_index (expected, i);
          g_autofree char *text =
            normalize_printed_text (closeness_prompt_get_display_text (prompt));

          if (count_occurrences (fronts, text) != 1)
            g_error ("%s: prompt %" G_GINT64_FORMAT " found %u times", lc->name,
                     closeness_record_get_id (CLOSENESS_RECORD (prompt)),
                     count_occurrences (fronts, text));
          g_assert_cmpuint (count_occurrences (normalized_backs, text), ==, 0);
        }
      if (lc->backs)
        g_assert_cmpuint (count_occurrences (normalized_backs, deck_name), >, 0);

      if (options.style == CLOSENESS_PRINT_STYLE_SHEET)
        continue;

      /* The rendered first page: cut lines where the grid says, no ink near any card edge. */
      first_page = render_page (pdf, 1, 50);
      image = page_image_from_pixbuf (first_page, 50);
      g_assert_cmpuint (page_image_count_ink (&image), >, 2000);
      g_assert_cmpuint (page_image_count_gutter_ink (&image, &options, A4_WIDTH, A4_HEIGHT,
                                                     options.fold ? 0.45 : 0.8), ==, 0);
      if (options.cut_marks == CLOSENESS_PRINT_CUT_LINES)
        g_assert_cmpfloat (page_image_cut_line_coverage (&image, &options, A4_WIDTH, A4_HEIGHT),
                           >=, 0.95);
      else
        g_assert_cmpfloat (page_image_cut_line_coverage (&image, &options, A4_WIDTH, A4_HEIGHT),
                           <, 0.2);

      if (options.backs)
        {
          g_autoptr(GdkPixbuf) back_page = render_page (pdf, 2, 50);
          PageImage back = page_image_from_pixbuf (back_page, 50);

          g_assert_cmpuint (page_image_count_gutter_ink (&back, &options, A4_WIDTH, A4_HEIGHT,
                                                         0.45), ==, 0);
          g_assert_cmpfloat (page_image_cut_line_coverage (&back, &options, A4_WIDTH, A4_HEIGHT),
                             >=, 0.95);
        }
    }
}

/* The longest prompt and a 1,000-character custom prompt, alone on a page,
 * fit whole: nothing cut short, nothing over an edge. */
static void
test_long_prompts (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(ClosenessDeck) deck = closeness_test_find_deck (store, "rediscover");
  g_autoptr(ClosenessPrompt) longest = find_longest_prompt (store);
  g_autoptr(ClosenessPrompt) custom = NULL;
  g_autoptr(ClosenessPrintSelection) selection = closeness_print_selection_new ();
  g_autofree char *long_text = make_long_prompt (1000);
  g_autofree char *expected_long = normalize_printed_text (long_text);
  g_autofree char *expected_longest =
    normalize_printed_text (closeness_prompt_get_display_text (longest));
  g_autoptr(GError) error = NULL;

  custom = closeness_store_create_prompt (store, closeness_record_get_id (CLOSENESS_RECORD (deck)),
                                          long_text, NULL, CLOSENESS_INTENSITY_GENTLE, &error);
  g_assert_no_error (error);
  closeness_print_selection_add_prompt (selection,
                                        closeness_record_get_id (CLOSENESS_RECORD (custom)));
  closeness_print_selection_add_prompt (selection,
                                        closeness_record_get_id (CLOSENESS_RECORD (longest)));

  for (guint c = 0; c < G_N_ELEMENTS (layout_cases); c++)
    {
      const LayoutCase *lc = &layout_cases[c];
      g_autofree char *name = g_strconcat ("long-", lc->name, NULL);
      g_autofree char *pdf = output_path (name);
      g_autofree char *text = NULL;
      g_autofree char *normalized = NULL;
      ClosenessPrintOptions options;

      closeness_print_options_init (&options);
      closeness_print_options_set_layout (&options, lc->layout, NULL);
      options.fold = lc->fold;
      options.cut_marks = lc->crop_marks ? CLOSENESS_PRINT_CROP_MARKS : CLOSENESS_PRINT_CUT_LINES;
      export_pdf (store, selection, &options, "letter", pdf);

      text = pdf_page_text (pdf, 1);
      normalized = normalize_printed_text (text);
      g_assert_cmpuint (count_occurrences (normalized, expected_long), ==, 1);
      g_assert_cmpuint (count_occurrences (normalized, expected_longest), ==, 1);
      g_assert_null (strstr (text, "…"));

      if (options.style == CLOSENESS_PRINT_STYLE_CARDS)
        {
          g_autoptr(GdkPixbuf) page = render_page (pdf, 1, 50);
          PageImage image = page_image_from_pixbuf (page, 50);

          g_assert_cmpuint (page_image_count_gutter_ink (&image, &options, LETTER_WIDTH,
                                                         LETTER_HEIGHT, options.fold ? 0.45 : 0.8),
                            ==, 0);
        }
    }
}

static guint
count_in_gentle_prompts (GListModel *prompts,
                         const char *needle)
{
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (prompts); i++)
    {
      g_autoptr(ClosenessPrompt) prompt = g_list_model_get_item (prompts, i);
      g_autofree char *text = NULL;
      g_autofree char *follow_up = NULL;

      if (closeness_prompt_get_retired (prompt) ||
          closeness_prompt_get_intensity (prompt) != CLOSENESS_INTENSITY_GENTLE)
        continue;

      text = normalize_printed_text (closeness_prompt_get_display_text (prompt));
      follow_up = normalize_printed_text (closeness_prompt_get_display_follow_up (prompt));
      count += count_occurrences (text, needle) + count_occurrences (follow_up, needle);
    }

  return count;
}

/* With the ceiling at gentle, no warm or spicy text reaches the paper, even
 * with the desire deck open. */
static void
test_ceiling (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(ClosenessDeck) desire =
    closeness_test_find_deck (store, CLOSENESS_PROMPT_LIBRARY_DESIRE_DECK);
  g_autoptr(ClosenessPrompt) spicy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = output_path ("ceiling-gentle");
  g_autoptr(GString) all_text = g_string_new (NULL);
  g_autofree char *normalized = NULL;
  GListModel *prompts;
  ClosenessPrintOptions options;
  guint n_pages, gentle = 0, hidden = 0;

  g_assert_nonnull (desire);
  spicy = closeness_store_create_prompt (store, closeness_record_get_id (CLOSENESS_RECORD (desire)),
                                         "Our spicy custom question that must stay off paper?",
                                         NULL, CLOSENESS_INTENSITY_SPICY, &error);
  g_assert_no_error (error);
  g_assert_true (
    closeness_conversation_settings_set_ceiling (closeness_conversation_settings_get_for_store (
                                                   store),
                                                 CLOSENESS_INTENSITY_GENTLE, &error));
  g_assert_no_error (error);
  for (guint slot = 0; slot < 2; slot++)
    g_assert_true (closeness_conversation_settings_set_desire_chosen (
                     closeness_conversation_settings_get_for_store (store), slot, TRUE, &error));
  g_assert_no_error (error);

  closeness_print_options_init (&options);
  options.cards_per_page = 8;
  export_pdf (store, NULL, &options, "a4", pdf);

  n_pages = pdf_page_count (pdf);
  for (guint page = 1; page <= n_pages; page++)
    {
      g_autofree char *text = pdf_page_text (pdf, page);

      g_string_append (all_text, text);
    }
  normalized = normalize_printed_text (all_text->str);

  prompts = closeness_store_get_prompts (store);
  for (guint i = 0; i < g_list_model_get_n_items (prompts); i++)
    {
      g_autoptr(ClosenessPrompt) prompt = g_list_model_get_item (prompts, i);
      g_autofree char *text = normalize_printed_text (closeness_prompt_get_display_text (prompt));
      g_autofree char *follow_up =
        normalize_printed_text (closeness_prompt_get_display_follow_up (prompt));

      if (closeness_prompt_get_retired (prompt))
        continue;

      if (closeness_prompt_get_intensity (prompt) == CLOSENESS_INTENSITY_GENTLE)
        {
          /* Once, unless it is also part of another printed prompt or follow-up. */
          g_assert_cmpuint (count_occurrences (normalized, text), ==,
                            count_in_gentle_prompts (prompts, text));
          gentle++;
        }
      else
        {
          g_assert_cmpuint (count_occurrences (normalized, text), ==, 0);
          if (follow_up[0] != '\0')
            g_assert_cmpuint (count_occurrences (normalized, follow_up), ==, 0);
          hidden++;
        }
    }

  g_assert_cmpuint (gentle, >, 50);
  g_assert_cmpuint (hidden, >, 10);
  g_assert_cmpuint (n_pages, ==, closeness_print_count_card_pages (&options, gentle));
}

static void
test_paper (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(ClosenessPrintSelection) selection = closeness_print_selection_new ();
  g_autoptr(ClosenessDeck) deck = closeness_test_find_deck (store, "appreciation");
  g_autofree char *a4 = output_path ("paper-a4");
  g_autofree char *letter = output_path ("paper-letter");
  g_autofree char *a4_size = NULL;
  g_autofree char *letter_size = NULL;
  ClosenessPrintOptions options;

  g_assert_nonnull (deck);
  closeness_print_selection_add_deck (selection, closeness_record_get_id (CLOSENESS_RECORD (deck)));
  closeness_print_options_init (&options);
  export_pdf (store, selection, &options, "a4", a4);
  export_pdf (store, selection, &options, "letter", letter);

  a4_size = pdf_page_size (a4);
  letter_size = pdf_page_size (letter);
  g_assert_nonnull (strstr (a4_size, "595.276 x 841.89"));
  g_assert_nonnull (strstr (letter_size, "612 x 792"));
}

static void
test_remembered_settings (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(ClosenessPromptPrintOperation) first =
    closeness_prompt_print_operation_new (store, NULL);
  g_autoptr(ClosenessPromptPrintOperation) second = NULL;
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autoptr(GError) error = NULL;
  const ClosenessPrintOptions *remembered;
  ClosenessPrintOptions options;
  GtkPageSetup *setup;

  closeness_print_options_init (&options);
  options.cards_per_page = 8;
  options.cut_marks = CLOSENESS_PRINT_CROP_MARKS;
  options.backs = TRUE;
  closeness_prompt_print_operation_set_options (first, &options);
  g_assert_true (closeness_prompt_print_operation_set_paper (first, "letter", &error));
  gtk_print_settings_set_n_copies (settings, 2);
  gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (first), settings);
  g_assert_true (closeness_prompt_print_operation_save_settings (first, &error));
  g_assert_no_error (error);

  second = closeness_prompt_print_operation_new (store, NULL);
  closeness_prompt_print_operation_load_settings (second);
  remembered = closeness_prompt_print_operation_get_options (second);
  g_assert_cmpuint (remembered->cards_per_page, ==, 8);
  g_assert_cmpint (remembered->cut_marks, ==, CLOSENESS_PRINT_CROP_MARKS);
  g_assert_true (remembered->backs);
  g_assert_false (remembered->fold);
  g_assert_cmpint (gtk_print_settings_get_n_copies (
                     gtk_print_operation_get_print_settings (GTK_PRINT_OPERATION (second))),
                   ==, 2);
  setup = gtk_print_operation_get_default_page_setup (GTK_PRINT_OPERATION (second));
  g_assert_cmpstr (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (setup)), ==,
                   GTK_PAPER_NAME_LETTER);
}

/* The Cards tab of the print dialog shows the options and gives them back. */
static void
test_custom_tab (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(ClosenessPromptPrintOperation) operation =
    closeness_prompt_print_operation_new (store, NULL);
  GtkPrintOperationClass *klass = GTK_PRINT_OPERATION_GET_CLASS (operation);
  const ClosenessPrintOptions *applied;
  ClosenessPrintOptions options;
  GtkWidget *widget;

  closeness_print_options_init (&options);
  options.cards_per_page = 8;
  options.cut_marks = CLOSENESS_PRINT_CROP_MARKS;
  options.fold = TRUE;
  closeness_prompt_print_operation_set_options (operation, &options);

  widget = klass->create_custom_widget (GTK_PRINT_OPERATION (operation));
  g_assert_true (GTK_IS_WIDGET (widget));
  g_object_ref_sink (widget);
  klass->custom_widget_apply (GTK_PRINT_OPERATION (operation), widget);
  g_object_unref (widget);

  applied = closeness_prompt_print_operation_get_options (operation);
  g_assert_cmpuint (applied->cards_per_page, ==, 8);
  g_assert_cmpint (applied->style, ==, CLOSENESS_PRINT_STYLE_CARDS);
  g_assert_cmpint (applied->cut_marks, ==, CLOSENESS_PRINT_CROP_MARKS);
  g_assert_true (applied->fold);
  g_assert_false (applied->backs);
}

/* The Cards tab of the print dialog */

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static char *
dup_drop_down_row (GtkWidget *drop_down,
                   guint      position)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (drop_down));

  return g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (model), position));
}

/* Seven printable prompts, made favorites. */
static GPtrArray *
make_seven_favourites (ClosenessStore *store)
{
  g_autoptr(ClosenessPrintSelection) all = closeness_print_selection_new ();
  g_autoptr(GPtrArray) prompts = NULL;
  GPtrArray *favourites = g_ptr_array_new_with_free_func (g_object_unref);
  ClosenessPromptFilter filter;

  closeness_conversation_settings_get_filter (closeness_conversation_settings_get_for_store (store),
                                              &filter);
  prompts = closeness_print_selection_collect (all, store, &filter);
  g_assert_cmpuint (prompts->len, >, 20);

  for (guint i = 0; i < 7; i++)
    {
      /* From across the library, not all from one deck. */
      ClosenessPrompt *prompt = g_ptr_array_index (prompts, i * 3);
      g_autoptr(GError) error = NULL;

      g_assert_true (
        closeness_store_set_favourite (store, closeness_record_get_id (CLOSENESS_RECORD (prompt)),
                                       TRUE, &error));
      g_assert_no_error (error);
      g_ptr_array_add (favourites, g_object_ref (prompt));
    }

  return favourites;
}

/* A new print operation for @selection, row @row chosen in its Cards tab,
 * into @pdf; each operation prints once. */
static ClosenessPromptPrintOperation *
export_with_choice (ClosenessStore          *store,
                    ClosenessPrintSelection *selection,
                    guint                    row,
                    const char              *pdf)
{
  g_autoptr(ClosenessPromptPrintOperation) operation =
    closeness_prompt_print_operation_new (store, selection);
  GtkPrintOperationClass *klass = GTK_PRINT_OPERATION_GET_CLASS (operation);
  g_autoptr(GError) error = NULL;
  GtkWidget *widget;

  g_assert_true (closeness_prompt_print_operation_set_paper (operation, "a4", &error));
  widget = g_object_ref_sink (klass->create_custom_widget (GTK_PRINT_OPERATION (operation)));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_named (widget, "print-choice")), row);
  klass->custom_widget_apply (GTK_PRINT_OPERATION (operation), widget);
  g_object_unref (widget);
  g_assert_true (closeness_prompt_print_operation_export_pdf (operation, pdf, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&operation);
}

/* The tests share one database: favorites go back to none. */
static void
clear_favourites (ClosenessStore *store,
                  GPtrArray      *favourites)
{
  for (guint i = 0; i < favourites->len; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (closeness_store_set_favourite (store,
                                                    closeness_record_get_id (CLOSENESS_RECORD (
                                                      g_ptr_array_index (favourites, i))),
                                                    FALSE, &error));
      g_assert_no_error (error);
    }
}

/* Opened from a deck, the tab offers that deck (chosen), Favorites,
 * Tonight's picks and All decks; what is printed follows the choice. */
static void
test_print_choice (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(ClosenessDeck) deck = closeness_test_find_deck (store, "rediscover");
  g_autoptr(GPtrArray) favourites = make_seven_favourites (store);
  g_autoptr(ClosenessPrintSelection) selection = closeness_print_selection_new ();
  g_autoptr(ClosenessPromptPrintOperation) operation = NULL;
  g_autoptr(ClosenessPromptPrintOperation) overview = NULL;
  g_autoptr(ClosenessPrompt) tonight = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = closeness_conversation_day_string (now);
  g_autofree char *pdf = output_path ("choice-favourites");
  g_autofree char *fronts = NULL;
  GtkPrintOperationClass *klass;
  ClosenessPromptFilter filter;
  ClosenessPrintOptions options;
  GtkWidget *widget, *choice;
  g_autoptr(GError) error = NULL;

  closeness_print_selection_add_deck (selection, closeness_record_get_id (CLOSENESS_RECORD (deck)));
  operation = closeness_prompt_print_operation_new (store, selection);
  closeness_print_options_init (&options);
  closeness_prompt_print_operation_set_options (operation, &options);
  g_assert_true (closeness_prompt_print_operation_set_paper (operation, "a4", &error));
  klass = GTK_PRINT_OPERATION_GET_CLASS (operation);

  widget = g_object_ref_sink (klass->create_custom_widget (GTK_PRINT_OPERATION (operation)));
  choice = find_named (widget, "print-choice");
  g_assert_true (GTK_IS_DROP_DOWN (choice));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (choice))), ==,
                    4);
  {
    const char *expected[] = { closeness_deck_get_display_name (deck), "Favorites",
                               "Tonight’s picks", "All decks" };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autofree char *row = dup_drop_down_row (choice, i);

        g_assert_cmpstr (row, ==, expected[i]);
      }
  }
  /* What Ctrl+P printed before is still what it prints unless changed. */
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (choice)), ==, 0);

  /* Favorites: exactly the seven, in a PDF of two pages of six cards. */
  g_clear_object (&overview);
  overview = export_with_choice (store, selection, 1, pdf);
  g_assert_cmpuint (closeness_prompt_print_operation_count_prompts (overview), ==, 7);
  g_assert_cmpuint (pdf_page_count (pdf), ==, 2);
  {
    g_autoptr(GString) backs = g_string_new (NULL);

    fronts = normalized_front_text (pdf, &options, 2, backs);
  }
  for (guint i = 0; i < favourites->len; i++)
    {
      g_autofree char *text = normalize_printed_text (
        closeness_prompt_get_display_text (g_ptr_array_index (favourites, i)));

      g_assert_cmpuint (count_occurrences (fronts, text), ==, 1);
    }

  /* Tonight's picks: the question the Conversations page shows tonight. */
  closeness_conversation_settings_get_filter (closeness_conversation_settings_get_for_store (store),
                                              &filter);
  tonight =
    closeness_conversation_prompt_of_the_day (closeness_store_get_prompts (store), &filter, today);
  g_assert_nonnull (tonight);
  {
    g_autofree char *picks_pdf = output_path ("choice-tonight");
    g_autofree char *text = NULL;
    g_autofree char *expected =
      normalize_printed_text (closeness_prompt_get_display_text (tonight));

    g_clear_object (&overview);
    overview = export_with_choice (store, selection, 2, picks_pdf);
    g_assert_cmpuint (closeness_prompt_print_operation_count_prompts (overview), ==, 1);
    g_assert_cmpuint (pdf_page_count (picks_pdf), ==, 1);
    text = normalize_printed_text (pdf_page_text (picks_pdf, 1));
    g_assert_cmpuint (count_occurrences (text, expected), ==, 1);
  }

  /* Favorites, then back to the deck. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (choice), 1);
  klass->custom_widget_apply (GTK_PRINT_OPERATION (operation), widget);
  g_assert_cmpuint (closeness_prompt_print_operation_count_prompts (operation), ==, 7);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (choice), 0);
  klass->custom_widget_apply (GTK_PRINT_OPERATION (operation), widget);
  {
    g_autoptr(GPtrArray) deck_prompts =
      closeness_print_selection_collect (selection, store, &filter);

    g_assert_cmpuint (closeness_prompt_print_operation_count_prompts (operation), ==,
                      deck_prompts->len);
  }
  g_object_unref (widget);

  /* No favorites: the tab says so, and printing gives no blank page. */
  clear_favourites (store, favourites);
  g_clear_object (&overview);
  overview = closeness_prompt_print_operation_new (store, selection);
  widget = g_object_ref_sink (klass->create_custom_widget (GTK_PRINT_OPERATION (overview)));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_named (widget, "print-choice")), 1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_named (widget, "page-count"))), ==,
                   "Nothing to print");
  klass->custom_widget_apply (GTK_PRINT_OPERATION (overview), widget);
  g_object_unref (widget);
  {
    g_autofree char *empty_pdf = output_path ("choice-empty");

    g_unlink (empty_pdf);
    gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (overview), empty_pdf);
    g_assert_cmpint (gtk_print_operation_run (GTK_PRINT_OPERATION (overview),
                                              GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error),
                     !=, GTK_PRINT_OPERATION_RESULT_ERROR);
    g_assert_no_error (error);
    g_assert_cmpint (gtk_print_operation_get_status (GTK_PRINT_OPERATION (overview)), ==,
                     GTK_PRINT_STATUS_FINISHED_ABORTED);
  }

  /* From the overview (the whole library): no deck row, All decks chosen. */
  g_clear_object (&overview);
  overview = closeness_prompt_print_operation_new (store, NULL);
  widget = g_object_ref_sink (klass->create_custom_widget (GTK_PRINT_OPERATION (overview)));
  choice = find_named (widget, "print-choice");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (choice))), ==,
                    3);
  {
    g_autofree char *row =
      dup_drop_down_row (choice, gtk_drop_down_get_selected (GTK_DROP_DOWN (choice)));

    g_assert_cmpstr (row, ==, "All decks");
  }
  g_object_unref (widget);
}

/* The tab says how many pages printing takes, as it changes. */
static void
test_page_count (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(GPtrArray) favourites = make_seven_favourites (store);
  g_autoptr(ClosenessPrintSelection) selection = closeness_print_selection_new ();
  g_autoptr(ClosenessPromptPrintOperation) operation = NULL;
  g_autofree char *pdf = output_path ("page-count-sheet");
  g_autofree char *expected = NULL;
  GtkPrintOperationClass *klass;
  ClosenessPrintOptions options;
  GtkWidget *widget, *pages, *layout, *fold, *choice;
  g_autoptr(GError) error = NULL;

  closeness_print_selection_set_favourites_only (selection, TRUE);
  operation = closeness_prompt_print_operation_new (store, selection);
  closeness_print_options_init (&options);  /* six cards a page */
  closeness_prompt_print_operation_set_options (operation, &options);
  g_assert_true (closeness_prompt_print_operation_set_paper (operation, "a4", &error));
  klass = GTK_PRINT_OPERATION_GET_CLASS (operation);

  widget = g_object_ref_sink (klass->create_custom_widget (GTK_PRINT_OPERATION (operation)));
  pages = find_named (widget, "page-count");
  layout = find_named (widget, "layout");
  fold = find_named (widget, "fold");
  choice = find_named (widget, "print-choice");
  g_assert_true (GTK_IS_LABEL (pages));

  /* Seven cards, six a page. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (pages)), ==, "2 pages");

  /* Folded, three a page. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (fold), TRUE);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (pages)), ==, "3 pages");

  /* Four cells folded: two cards a page. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (layout), 0);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (pages)), ==, "4 pages");

  /* Tonight's picks: one card. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (choice), 1);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (pages)), ==, "1 page");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (choice), 0);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (pages)), ==, "4 pages");

  /* A question sheet: as long as the PDF turns out. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (fold), FALSE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (layout), 3);
  klass->custom_widget_apply (GTK_PRINT_OPERATION (operation), widget);
  g_assert_true (closeness_prompt_print_operation_export_pdf (operation, pdf, &error));
  g_assert_no_error (error);
  expected =
    g_strdup_printf (pdf_page_count (pdf) == 1 ? "%u page" : "%u pages", pdf_page_count (pdf));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (pages)), ==, expected);

  g_object_unref (widget);
  clear_favourites (store, favourites);
}

/* The last page of cards has cut lines around its cards only: an empty
 * slot is blank paper, not a box to cut out. */
static void
test_last_page_cut_lines (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(GPtrArray) favourites = make_seven_favourites (store);
  g_autoptr(ClosenessPrintSelection) selection = closeness_print_selection_new ();
  g_autofree char *pdf = output_path ("last-page-cut-lines");
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  ClosenessPrintOptions options;
  ClosenessPrintRect card;
  PageImage image;
  guint dark_outside = 0, line_hits = 0, line_total = 0;

  closeness_print_selection_set_favourites_only (selection, TRUE);
  closeness_print_options_init (&options);  /* six cards a page: one on the second */
  export_pdf (store, selection, &options, "a4", pdf);
  g_assert_cmpuint (pdf_page_count (pdf), ==, 2);

  pixbuf = render_page (pdf, 2, 50);
  image = page_image_from_pixbuf (pixbuf, 50);
  card = closeness_print_grid_get_card (&options, A4_WIDTH, A4_HEIGHT, 0, FALSE);

  /* Right of the card and below it, the paper is white. */
  for (int y = 0; y < image.height; y++)
    for (int x = 0; x < image.width; x++)
      {
        double px = x / image.scale, py = y / image.scale;

        if (px < card.x + card.width + 3 && py < card.y + card.height + 3)
          continue;
        if (page_image_luminance (&image, x, y) < 245)
          dark_outside++;
      }
  g_assert_cmpuint (dark_outside, ==, 0);

  /* The one card still has its lines: the right edge, top to bottom. */
  for (double t = card.y + 2; t < card.y + card.height - 2; t += 1.0 / image.scale)
    {
      line_total++;
      if (page_image_darkest_across (&image, (int) floor ((card.x + card.width) * image.scale),
                                     (int) floor (t * image.scale), TRUE, 1) < 245)
        line_hits++;
    }
  g_assert_cmpfloat ((double) line_hits / line_total, >=, 0.95);
  clear_favourites (store, favourites);
}

/* Without a remembered page setup, the paper follows the locale. */
static void
test_default_paper (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autoptr(ClosenessPromptPrintOperation) operation =
    closeness_prompt_print_operation_new (store, NULL);
  GtkPageSetup *setup =
    gtk_print_operation_get_default_page_setup (GTK_PRINT_OPERATION (operation));

  g_assert_cmpstr (gtk_paper_size_get_name (gtk_page_setup_get_paper_size (setup)), ==,
                   gtk_paper_size_get_default ());
}

static void
test_command (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autofree char *pdf = output_path ("command-sheet");
  g_autofree char *missing = g_build_filename (output_dir, "no-such-dir", "out.pdf", NULL);
  const char *unknown_deck[] = { "rediscover", "no-such-deck", NULL };
  const char *two_decks[] = { "rediscover,appreciation", NULL };
  g_autoptr(GError) error = NULL;
  mode_t old_umask;
  GStatBuf st;
  int status;

  g_unlink (pdf);

  status = closeness_print_command_run (store, pdf, unknown_deck, FALSE, NULL, NULL, &error);
  g_assert_cmpint (status, ==, CLOSENESS_PRINT_COMMAND_BAD_USAGE);
  g_assert_error (error, CLOSENESS_PRINT_ERROR, CLOSENESS_PRINT_ERROR_UNKNOWN_DECK);
  g_assert_nonnull (strstr (error->message, "no-such-deck"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  status = closeness_print_command_run (store, pdf, NULL, FALSE, "cards-5", NULL, &error);
  g_assert_cmpint (status, ==, CLOSENESS_PRINT_COMMAND_BAD_USAGE);
  g_assert_error (error, CLOSENESS_PRINT_ERROR, CLOSENESS_PRINT_ERROR_UNKNOWN_LAYOUT);
  g_clear_error (&error);

  status = closeness_print_command_run (store, pdf, NULL, FALSE, "sheet", "a3", &error);
  g_assert_cmpint (status, ==, CLOSENESS_PRINT_COMMAND_BAD_USAGE);
  g_assert_error (error, CLOSENESS_PRINT_ERROR, CLOSENESS_PRINT_ERROR_UNKNOWN_PAPER);
  g_clear_error (&error);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  status = closeness_print_command_run (store, missing, NULL, FALSE, NULL, NULL, &error);
  g_assert_cmpint (status, ==, CLOSENESS_PRINT_COMMAND_FAILED);
  g_assert_error (error, CLOSENESS_PRINT_ERROR, CLOSENESS_PRINT_ERROR_WRITE);
  g_clear_error (&error);

  status =
    closeness_print_command_run (store, "/proc/closeness.pdf", NULL, FALSE, NULL, NULL, &error);
  g_assert_cmpint (status, ==, CLOSENESS_PRINT_COMMAND_FAILED);
  g_assert_error (error, CLOSENESS_PRINT_ERROR, CLOSENESS_PRINT_ERROR_WRITE);
  g_clear_error (&error);

  /* No favourites yet: nothing to print, and no empty file left behind. */
  status = closeness_print_command_run (store, pdf, NULL, TRUE, NULL, NULL, &error);
  g_assert_cmpint (status, ==, CLOSENESS_PRINT_COMMAND_FAILED);
  g_assert_error (error, CLOSENESS_PRINT_ERROR, CLOSENESS_PRINT_ERROR_EMPTY);
  g_clear_error (&error);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  /* Success, 0600 even under a permissive umask. */
  old_umask = umask (022);
  status = closeness_print_command_run (store, pdf, two_decks, FALSE, "sheet", "letter", &error);
  umask (old_umask);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, CLOSENESS_PRINT_COMMAND_OK);
  g_assert_cmpint (g_stat (pdf, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (pdf_page_count (pdf), >=, 2);
}

/* A symlink at the output is replaced by the PDF; the file it pointed to
 * stays as it was (another person's file, or one in a folder the link's
 * owner should not reach through us). */
static void
test_command_symlink (void)
{
  g_autoptr(ClosenessStore) store = closeness_test_new_library_store ();
  g_autofree char *target = g_build_filename (output_dir, "symlink-target.txt", NULL);
  g_autofree char *link = output_path ("symlink-output");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  int status;

  g_unlink (link);
  g_assert_true (g_file_set_contents (target, "not a PDF: keep me", -1, NULL));
  g_assert_cmpint (g_chmod (target, 0644), ==, 0);
  g_assert_cmpint (symlink (target, link), ==, 0);

  status = closeness_print_command_run (store, link, NULL, FALSE, "sheet", "a4", &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, CLOSENESS_PRINT_COMMAND_OK);

  /* The target is untouched, mode and all. */
  g_assert_true (g_file_get_contents (target, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "not a PDF: keep me");
  g_assert_cmpint (g_stat (target, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0644);

  /* The link is now a private PDF of its own. */
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (pdf_page_count (link), >=, 1);

  /* Nothing left behind next to it. */
  {
    g_autoptr(GDir) dir = g_dir_open (output_dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, "symlink-output.pdf."));
  }

  g_unlink (link);
  g_unlink (target);
}

static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (children, &info, &child, NULL, NULL) || info == NULL)
        break;
      remove_tree (child);
    }
  g_file_delete (file, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  const char *xdg_dirs[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                             "XDG_STATE_HOME" };
  g_autofree char *home = NULL;
  const char *base;
  int status;

  setlocale (LC_ALL, "");

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  /* Our own data and config folders; the system's icons stay reachable. */
  home = g_dir_make_tmp ("closeness-print-home-XXXXXX", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (xdg_dirs); i++)
    {
      g_autofree char *dir = g_build_filename (home, xdg_dirs[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_setenv (xdg_dirs[i], dir, TRUE);
    }

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  base = g_getenv ("CLOSENESS_TEST_OUTPUT");
  output_dir = base != NULL ? g_build_filename (base, "printing", NULL)
                            : g_dir_make_tmp ("closeness-printing-test-XXXXXX", NULL);
  g_assert_cmpint (g_mkdir_with_parents (output_dir, 0700), ==, 0);

  g_test_add_func ("/printing/pdf/layouts", test_layouts);
  g_test_add_func ("/printing/pdf/long-prompts", test_long_prompts);
  g_test_add_func ("/printing/pdf/ceiling", test_ceiling);
  g_test_add_func ("/printing/pdf/paper", test_paper);
  g_test_add_func ("/printing/pdf/remembered-settings", test_remembered_settings);
  g_test_add_func ("/printing/pdf/default-paper", test_default_paper);
  g_test_add_func ("/printing/dialog/custom-tab", test_custom_tab);
  g_test_add_func ("/printing/dialog/print-choice", test_print_choice);
  g_test_add_func ("/printing/dialog/page-count", test_page_count);
  g_test_add_func ("/printing/pdf/last-page-cut-lines", test_last_page_cut_lines);
  g_test_add_func ("/printing/command/errors-and-success", test_command);
  g_test_add_func ("/printing/command/symlink-output", test_command_symlink);

  status = g_test_run ();
  if (home != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (home);

      remove_tree (file);
    }

  return status;
}
