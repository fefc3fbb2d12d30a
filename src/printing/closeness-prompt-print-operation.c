/* closeness-prompt-print-operation.c: conversation prompts on paper or in a PDF.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-printing"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "conversations/closeness-conversation-logic.h"
#include "conversations/closeness-conversation-settings.h"
#include "conversations/closeness-prompt-library.h"

#include "closeness-message.h"
#include "closeness-prompt-print-operation-private.h"

#define OPTIONS_GROUP       "Closeness Cards"
#define SYMBOL_PIXELS       96
#define CUSTOM_DECK_ICON    "closeness-conversations-symbolic"
#define APP_ICON_RESOURCES  "/com/example/Closeness/icons"


G_DEFINE_FINAL_TYPE (ClosenessPromptPrintOperation, closeness_prompt_print_operation,
                     GTK_TYPE_PRINT_OPERATION)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SELECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

/* The couple's choices as they are when printing starts, not when the
 * operation was made. */
static GPtrArray *
collect_prompts (ClosenessPromptPrintOperation *self)
{
  ClosenessPromptFilter filter;

  closeness_conversation_settings_get_filter (closeness_conversation_settings_get_for_store (
                                                self->store),
                                              &filter);

  return closeness_print_selection_collect (self->selection, self->store, &filter);
}

static const char    *get_deck_icon (ClosenessDeck  *deck);
static ClosenessDeck *find_deck     (ClosenessStore *store,
                                     gint64          deck_id);

/* Cards or a sheet of @prompts on pages of @width × @height points, laid
 * out: the same document for printing and for counting pages beforehand. */
static ClosenessPrintDocument *
create_document (ClosenessPromptPrintOperation *self,
                 const ClosenessPrintOptions   *options,
                 GPtrArray                     *prompts,
                 double                         width,
                 double                         height,
                 PangoContext                  *pango_context)
{
  g_autoptr(GHashTable) decks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       g_object_unref);
  g_autofree char *title = closeness_print_selection_dup_display_title (self->selection,
                                                                        self->store);
  ClosenessPrintDocument *document = closeness_print_document_new (options, width, height);

  closeness_print_document_set_title (document, title);

  for (guint i = 0; i < prompts->len; i++)
    {
      ClosenessPrompt *prompt = g_ptr_array_index (prompts, i);
      gint64 deck_id = closeness_prompt_get_deck_id (prompt);
      ClosenessDeck *deck = g_hash_table_lookup (decks, &deck_id);

      if (deck == NULL && (deck = find_deck (self->store, deck_id)) != NULL)
        g_hash_table_insert (decks, g_memdup2 (&deck_id, sizeof deck_id), deck);

      closeness_print_document_add_card (document,
                                         closeness_prompt_get_display_text (prompt),
                                         closeness_prompt_get_display_follow_up (prompt),
                                         deck != NULL ? closeness_deck_get_display_name (deck) : "",
                                         get_deck_icon (deck));
    }

  closeness_print_document_paginate (document, pango_context);

  return document;
}

/* What gtk_print_context_create_pango_context() makes for a page in points. */
static PangoContext *
create_points_pango_context (void)
{
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *font_options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (context, font_options);
  cairo_font_options_destroy (font_options);
  pango_cairo_context_set_resolution (context, 72.0);

  return context;
}

/* A symbolic icon as an alpha mask, so it takes the colour we draw with.
 * Uses an icon theme without a display: the command line needs no window. */
static cairo_surface_t *
load_symbol (ClosenessPromptPrintOperation *self,
             const char                    *icon_name)
{
  g_autoptr(GtkIconPaintable) paintable = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  const guchar *pixels;
  guchar *data;
  int width, height, stride, rowstride, channels;

  if (self->icon_theme == NULL)
    {
      self->icon_theme = gtk_icon_theme_new ();
      gtk_icon_theme_set_theme_name (self->icon_theme, "Adwaita");
      gtk_icon_theme_add_resource_path (self->icon_theme, APP_ICON_RESOURCES);
    }

  if (!gtk_icon_theme_has_icon (self->icon_theme, icon_name))
    return NULL;

  paintable = gtk_icon_theme_lookup_icon (self->icon_theme, icon_name, NULL, SYMBOL_PIXELS, 1,
                                          GTK_TEXT_DIR_LTR, 0);
  file = paintable != NULL ? gtk_icon_paintable_get_file (paintable) : NULL;
  if (file == NULL)
    return NULL;

  stream = g_file_read (file, NULL, &error);
  if (stream != NULL)
    pixbuf = gdk_pixbuf_new_from_stream_at_scale (G_INPUT_STREAM (stream), SYMBOL_PIXELS,
                                                  SYMBOL_PIXELS, TRUE, NULL, &error);
  if (pixbuf == NULL || !gdk_pixbuf_get_has_alpha (pixbuf))
    {
      g_debug ("Deck symbol %s could not be loaded: %s", icon_name,
               error != NULL ? error->message : "no alpha channel");
      return NULL;
    }

  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  pixels = gdk_pixbuf_read_pixels (pixbuf);

  surface = cairo_image_surface_create (CAIRO_FORMAT_A8, width, height);
  stride = cairo_image_surface_get_stride (surface);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      data[y * stride + x] = pixels[y * rowstride + x * channels + 3];
  cairo_surface_mark_dirty (surface);

  return surface;
}

static void
draw_symbol_cb (cairo_t    *cr,
                const char *icon_name,
                double      x,
                double      y,
                double      size,
                gpointer    user_data)
{
  ClosenessPromptPrintOperation *self = user_data;
  cairo_surface_t *symbol;

  if (!g_hash_table_lookup_extended (self->symbols, icon_name, NULL, (gpointer *) &symbol))
    {
      symbol = load_symbol (self, icon_name);
      g_hash_table_insert (self->symbols, g_strdup (icon_name), symbol);
    }

  if (symbol == NULL)
    {
      /* A small circle for a symbol the theme does not have. */
      cairo_arc (cr, x + size / 2, y + size / 2, size * 0.3, 0, 2 * G_PI);
      cairo_fill (cr);
      return;
    }

  cairo_translate (cr, x, y);
  cairo_scale (cr, size / cairo_image_surface_get_width (symbol),
               size / cairo_image_surface_get_height (symbol));
  cairo_mask_surface (cr, symbol, 0, 0);
}

static const char *
get_deck_icon (ClosenessDeck *deck)
{
  ClosenessPromptLibrary *library = closeness_prompt_library_get_default ();
  const char *icon = NULL;

  if (deck != NULL && library != NULL && !closeness_deck_get_is_custom (deck))
    icon = closeness_prompt_library_get_deck_icon (library, closeness_deck_get_builtin_key (deck));

  return icon != NULL ? icon : CUSTOM_DECK_ICON;
}

static ClosenessDeck *
find_deck (ClosenessStore *store,
           gint64          deck_id)
{
  GListModel *decks = closeness_store_get_decks (store);

  for (guint i = 0; i < g_list_model_get_n_items (decks); i++)
    {
      g_autoptr(ClosenessDeck) deck = g_list_model_get_item (decks, i);

      if (closeness_record_get_id (CLOSENESS_RECORD (deck)) == deck_id)
        return g_steal_pointer (&deck);
    }

  return NULL;
}

static GtkPageSetup *
create_default_page_setup (void)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  GtkPaperSize *paper = gtk_paper_size_new (gtk_paper_size_get_default ());

  /* A4 or Letter, whichever the locale uses. */
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_paper_size_free (paper);

  return setup;
}

static gboolean
set_write_error (GError     **error,
                 const char  *filename,
                 const char  *reason)
{
  g_autofree char *display_name = g_filename_display_name (filename);

  g_set_error (error, CLOSENESS_PRINT_ERROR, CLOSENESS_PRINT_ERROR_WRITE,
               _("Could not write “%s”: %s"), display_name, reason);

  return FALSE;
}

/* The PDF is on the disk before it replaces the old file. */
static gboolean
sync_file (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;

  ok = fsync (fd) == 0;
  if (!ok)
    {
      int saved_errno = errno;

      g_close (fd, NULL);
      errno = saved_errno;
      return FALSE;
    }

  return g_close (fd, NULL);
}

static void
make_private (const char *path)
{
  /* It may hold custom prompts: only its owner may read it. */
  if (path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR) && g_chmod (path, 0600) != 0)
    g_warning ("Could not make a printed PDF private: %s", g_strerror (errno));
}

static void
make_print_to_file_private (ClosenessPromptPrintOperation *self)
{
  GtkPrintSettings *settings = gtk_print_operation_get_print_settings (GTK_PRINT_OPERATION (self));
  const char *uri;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (settings == NULL ||
      (uri = gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI)) == NULL)
    return;

  file = g_file_new_for_uri (uri);
  path = g_file_get_path (file);
  make_private (path);
}

/* Printing */

static void
closeness_prompt_print_operation_begin_print (GtkPrintOperation *operation,
                                              GtkPrintContext   *context)
{
  ClosenessPromptPrintOperation *self = CLOSENESS_PROMPT_PRINT_OPERATION (operation);
  g_autoptr(GPtrArray) prompts = collect_prompts (self);
  guint n_pages;

  g_clear_pointer (&self->document, closeness_print_document_free);
  g_clear_object (&self->pango_context);
  g_clear_object (&self->used_page_setup);

  /* Chosen in the Cards tab (favorites while there are none): no blank
   * page goes to the printer; closeness_prompt_print_run() says why. */
  self->nothing_to_print = prompts->len == 0;
  if (self->nothing_to_print)
    {
      gtk_print_operation_set_n_pages (operation, 1);
      gtk_print_operation_cancel (operation);
      return;
    }

  self->used_page_setup = gtk_page_setup_copy (gtk_print_context_get_page_setup (context));
  self->pango_context = gtk_print_context_create_pango_context (context);
  self->document = create_document (self, &self->options, prompts,
                                    gtk_print_context_get_width (context),
                                    gtk_print_context_get_height (context), self->pango_context);
  closeness_print_document_set_icon_func (self->document, draw_symbol_cb, self);

  n_pages = closeness_print_document_paginate (self->document, self->pango_context);
  gtk_print_operation_set_n_pages (operation, (int) n_pages);
  g_debug ("Printing %u prompts on %u pages", prompts->len, n_pages);
}

static void
closeness_prompt_print_operation_draw_page (GtkPrintOperation *operation,
                                            GtkPrintContext   *context,
                                            int                page_nr)
{
  ClosenessPromptPrintOperation *self = CLOSENESS_PROMPT_PRINT_OPERATION (operation);

  if (self->document == NULL)
    return;

  closeness_print_document_draw_page (self->document, gtk_print_context_get_cairo_context (context),
                                      self->pango_context, (guint) page_nr);
}

static void
closeness_prompt_print_operation_end_print (GtkPrintOperation *operation,
                                            GtkPrintContext   *context)
{
  ClosenessPromptPrintOperation *self = CLOSENESS_PROMPT_PRINT_OPERATION (operation);

  g_clear_pointer (&self->document, closeness_print_document_free);
  g_clear_object (&self->pango_context);
}

static void
closeness_prompt_print_operation_done (GtkPrintOperation       *operation,
                                       GtkPrintOperationResult  result)
{
  ClosenessPromptPrintOperation *self = CLOSENESS_PROMPT_PRINT_OPERATION (operation);

  if (result != GTK_PRINT_OPERATION_RESULT_APPLY)
    return;

  make_print_to_file_private (self);

  if (self->remember)
    {
      g_autoptr(GError) error = NULL;

      if (!closeness_prompt_print_operation_save_settings (self, &error))
        g_warning ("Print settings could not be remembered: %s", error->message);
    }
}

static void
closeness_prompt_print_operation_status_changed (GtkPrintOperation *operation)
{
  if (gtk_print_operation_get_status (operation) == GTK_PRINT_STATUS_FINISHED)
    make_print_to_file_private (CLOSENESS_PROMPT_PRINT_OPERATION (operation));
}

/* GObject */

static void
closeness_prompt_print_operation_constructed (GObject *object)
{
  ClosenessPromptPrintOperation *self = CLOSENESS_PROMPT_PRINT_OPERATION (object);
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (object);
  g_autoptr(GtkPageSetup) setup = create_default_page_setup ();
  g_autofree char *title = NULL;

  G_OBJECT_CLASS (closeness_prompt_print_operation_parent_class)->constructed (object);

  if (self->selection == NULL)
    self->selection = closeness_print_selection_new ();
  self->initial_selection = closeness_print_selection_ref (self->selection);

  /* We place cards ourselves, symmetrically, so backs line up in duplex. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  /* Translators: the name of the tab with card options in the print dialog. */
  gtk_print_operation_set_custom_tab_label (operation, _("Cards"));

  title = closeness_print_selection_dup_display_title (self->selection, self->store);
  gtk_print_operation_set_job_name (operation, title);
}

static void
closeness_prompt_print_operation_dispose (GObject *object)
{
  ClosenessPromptPrintOperation *self = CLOSENESS_PROMPT_PRINT_OPERATION (object);

  g_clear_object (&self->pango_context);
  g_clear_object (&self->used_page_setup);
  g_clear_object (&self->dialog_page_setup);
  g_clear_object (&self->icon_theme);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (closeness_prompt_print_operation_parent_class)->dispose (object);
}

static void
closeness_prompt_print_operation_finalize (GObject *object)
{
  ClosenessPromptPrintOperation *self = CLOSENESS_PROMPT_PRINT_OPERATION (object);

  g_clear_pointer (&self->document, closeness_print_document_free);
  g_clear_pointer (&self->symbols, g_hash_table_unref);
  g_clear_pointer (&self->selection, closeness_print_selection_unref);
  g_clear_pointer (&self->initial_selection, closeness_print_selection_unref);

  G_OBJECT_CLASS (closeness_prompt_print_operation_parent_class)->finalize (object);
}

static void
closeness_prompt_print_operation_get_property (GObject    *object,
                                               guint       prop_id,
                                               GValue     *value,
                                               GParamSpec *pspec)
{
  ClosenessPromptPrintOperation *self = CLOSENESS_PROMPT_PRINT_OPERATION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SELECTION:
      g_value_set_boxed (value, self->selection);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_prompt_print_operation_set_property (GObject      *object,
                                               guint         prop_id,
                                               const GValue *value,
                                               GParamSpec   *pspec)
{
  ClosenessPromptPrintOperation *self = CLOSENESS_PROMPT_PRINT_OPERATION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SELECTION:
      self->selection = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_prompt_print_operation_class_init (ClosenessPromptPrintOperationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->constructed = closeness_prompt_print_operation_constructed;
  object_class->dispose = closeness_prompt_print_operation_dispose;
  object_class->finalize = closeness_prompt_print_operation_finalize;
  object_class->get_property = closeness_prompt_print_operation_get_property;
  object_class->set_property = closeness_prompt_print_operation_set_property;

  operation_class->begin_print = closeness_prompt_print_operation_begin_print;
  operation_class->draw_page = closeness_prompt_print_operation_draw_page;
  operation_class->end_print = closeness_prompt_print_operation_end_print;
  operation_class->done = closeness_prompt_print_operation_done;
  operation_class->status_changed = closeness_prompt_print_operation_status_changed;
  operation_class->create_custom_widget = closeness_prompt_print_operation_create_custom_widget;
  operation_class->custom_widget_apply = closeness_prompt_print_operation_custom_widget_apply;
  operation_class->update_custom_widget = closeness_prompt_print_operation_update_custom_widget;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLOSENESS_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_SELECTION] =
    g_param_spec_boxed ("selection", NULL, NULL,
                        CLOSENESS_TYPE_PRINT_SELECTION,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
closeness_prompt_print_operation_init (ClosenessPromptPrintOperation *self)
{
  closeness_print_options_init (&self->options);
  self->symbols = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) cairo_surface_destroy);
}

/* Public API */

/**
 * closeness_prompt_print_operation_new:
 * @selection: (nullable): what to print; %NULL for the whole library
 *
 * Returns: (transfer full): a print operation; the intensity and the deck
 *   choices of @store always apply
 */
ClosenessPromptPrintOperation *
closeness_prompt_print_operation_new (ClosenessStore          *store,
                                      ClosenessPrintSelection *selection)
{
  g_return_val_if_fail (CLOSENESS_IS_STORE (store), NULL);

  return g_object_new (CLOSENESS_TYPE_PROMPT_PRINT_OPERATION,
                       "store", store,
                       "selection", selection,
                       NULL);
}

const ClosenessPrintOptions *
closeness_prompt_print_operation_get_options (ClosenessPromptPrintOperation *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PROMPT_PRINT_OPERATION (self), NULL);

  return &self->options;
}

void
closeness_prompt_print_operation_set_options (ClosenessPromptPrintOperation *self,
                                              const ClosenessPrintOptions   *options)
{
  g_return_if_fail (CLOSENESS_IS_PROMPT_PRINT_OPERATION (self));
  g_return_if_fail (options != NULL);

  self->options = *options;
  closeness_print_options_normalize (&self->options);
}

/**
 * closeness_prompt_print_operation_set_paper:
 * @paper: "a4" or "letter" (any case)
 *
 * Pins the paper, whatever the locale and remembered settings say.
 */
gboolean
closeness_prompt_print_operation_set_paper (ClosenessPromptPrintOperation  *self,
                                            const char                     *paper,
                                            GError                        **error)
{
  g_autoptr(GtkPageSetup) setup = NULL;
  GtkPaperSize *size;
  const char *name;

  g_return_val_if_fail (CLOSENESS_IS_PROMPT_PRINT_OPERATION (self), FALSE);

  name = closeness_print_paper_get_name (paper, error);
  if (name == NULL)
    return FALSE;

  setup = gtk_page_setup_new ();
  size = gtk_paper_size_new (name);
  gtk_page_setup_set_paper_size_and_default_margins (setup, size);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_paper_size_free (size);
  gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);

  return TRUE;
}

/**
 * closeness_prompt_print_operation_count_prompts:
 *
 * Returns: how many prompts of the selection the couple's choices allow
 */
guint
closeness_prompt_print_operation_count_prompts (ClosenessPromptPrintOperation *self)
{
  g_autoptr(GPtrArray) prompts = NULL;

  g_return_val_if_fail (CLOSENESS_IS_PROMPT_PRINT_OPERATION (self), 0);

  prompts = collect_prompts (self);

  return prompts->len;
}

/**
 * closeness_prompt_print_operation_count_pages:
 * @options: (nullable): the options to count with; %NULL for the operation's
 *
 * Lays out the selection as printing would, on the paper of the print
 * dialog, or the default page setup before it.
 *
 * Returns: how many pages printing would take; 0 when there is nothing to print
 */
guint
closeness_prompt_print_operation_count_pages (ClosenessPromptPrintOperation *self,
                                              const ClosenessPrintOptions   *options)
{
  g_autoptr(GPtrArray) prompts = NULL;
  g_autoptr(ClosenessPrintDocument) document = NULL;
  PangoContext *pango_context;
  GtkPageSetup *setup;
  guint n_pages;

  g_return_val_if_fail (CLOSENESS_IS_PROMPT_PRINT_OPERATION (self), 0);

  prompts = collect_prompts (self);
  if (prompts->len == 0)
    return 0;

  setup = self->dialog_page_setup != NULL
          ? self->dialog_page_setup
          : gtk_print_operation_get_default_page_setup (GTK_PRINT_OPERATION (self));
  pango_context = create_points_pango_context ();
  /* The whole paper: the operation uses the full page. */
  document = create_document (self, options != NULL ? options : &self->options, prompts,
                              gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS),
                              gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS),
                              pango_context);
  n_pages = closeness_print_document_paginate (document, pango_context);
  g_object_unref (pango_context);

  return n_pages;
}

/**
 * closeness_prompt_print_operation_load_settings:
 *
 * Restores the print settings, page setup and card options of the last
 * print, and remembers them again after this one.
 */
void
closeness_prompt_print_operation_load_settings (ClosenessPromptPrintOperation *self)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GtkPrintSettings) settings = NULL;
  g_autoptr(GtkPageSetup) setup = NULL;
  g_autofree char *data = NULL;
  g_autofree char *layout = NULL;
  ClosenessPrintOptions options;

  g_return_if_fail (CLOSENESS_IS_PROMPT_PRINT_OPERATION (self));

  self->remember = TRUE;

  data = closeness_store_dup_state (self->store, CLOSENESS_PRINT_SETTINGS_STATE_KEY);
  if (data == NULL || !g_key_file_load_from_data (key_file, data, -1, G_KEY_FILE_NONE, NULL))
    return;

  settings = gtk_print_settings_new_from_key_file (key_file, NULL, NULL);
  if (settings != NULL)
    gtk_print_operation_set_print_settings (GTK_PRINT_OPERATION (self), settings);

  setup = gtk_page_setup_new_from_key_file (key_file, NULL, NULL);
  if (setup != NULL)
    gtk_print_operation_set_default_page_setup (GTK_PRINT_OPERATION (self), setup);

  options = self->options;
  layout = g_key_file_get_string (key_file, OPTIONS_GROUP, "layout", NULL);
  if (layout != NULL)
    closeness_print_options_set_layout (&options, layout, NULL);
  options.cut_marks = g_key_file_get_boolean (key_file, OPTIONS_GROUP, "crop-marks", NULL)
                      ? CLOSENESS_PRINT_CROP_MARKS : CLOSENESS_PRINT_CUT_LINES;
  options.backs = g_key_file_get_boolean (key_file, OPTIONS_GROUP, "backs", NULL);
  options.fold = g_key_file_get_boolean (key_file, OPTIONS_GROUP, "fold", NULL);
  closeness_prompt_print_operation_set_options (self, &options);
}

/* Kept in the store next to the couple's other settings, not in GSettings. */
gboolean
closeness_prompt_print_operation_save_settings (ClosenessPromptPrintOperation  *self,
                                                GError                        **error)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *data = NULL;
  GtkPrintSettings *settings;
  GtkPageSetup *setup;

  g_return_val_if_fail (CLOSENESS_IS_PROMPT_PRINT_OPERATION (self), FALSE);

  settings = gtk_print_operation_get_print_settings (operation);
  if (settings != NULL)
    gtk_print_settings_to_key_file (settings, key_file, NULL);

  setup = self->used_page_setup != NULL ? self->used_page_setup
                                        : gtk_print_operation_get_default_page_setup (operation);
  if (setup != NULL)
    gtk_page_setup_to_key_file (setup, key_file, NULL);

  g_key_file_set_string (key_file, OPTIONS_GROUP, "layout",
                         closeness_print_options_get_layout (&self->options));
  g_key_file_set_boolean (key_file, OPTIONS_GROUP, "crop-marks",
                          self->options.cut_marks == CLOSENESS_PRINT_CROP_MARKS);
  g_key_file_set_boolean (key_file, OPTIONS_GROUP, "backs", self->options.backs);
  g_key_file_set_boolean (key_file, OPTIONS_GROUP, "fold", self->options.fold);

  data = g_key_file_to_data (key_file, NULL, NULL);

  return closeness_store_set_state (self->store, CLOSENESS_PRINT_SETTINGS_STATE_KEY, data, error);
}

/**
 * closeness_prompt_print_operation_export_pdf:
 * @filename: where the PDF goes; created readable by its owner only
 *
 * Writes the selection to a PDF through the same path as printing, without
 * a dialog. The file is complete or untouched; a symlink at @filename is
 * replaced by the PDF, not followed. Needs GTK to be initialised (a display; Xvfb will do).
 *
 * Returns: %TRUE if the PDF was written
 */
gboolean
closeness_prompt_print_operation_export_pdf (ClosenessPromptPrintOperation  *self,
                                             const char                     *filename,
                                             GError                        **error)
{
  GtkPrintOperation *operation = GTK_PRINT_OPERATION (self);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *tmp_path = NULL;
  GtkPrintOperationResult result;
  int fd;

  g_return_val_if_fail (CLOSENESS_IS_PROMPT_PRINT_OPERATION (self), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);

  if (closeness_prompt_print_operation_count_prompts (self) == 0)
    {
      g_set_error_literal (error, CLOSENESS_PRINT_ERROR, CLOSENESS_PRINT_ERROR_EMPTY,
                           _("There are no questions to print: the selection is empty, or all "
                             "of it is above your intensity or in the desire deck while it is "
                             "closed."));
      return FALSE;
    }

  /* cairo opens the file by name and would follow a symlink at @filename:
   * the PDF goes to a new file next to it, created 0600 before cairo opens
   * it, and is renamed over @filename when complete. A symlink there is
   * replaced, never written through, and a failed export leaves the old
   * file as it was. */
  tmp_path = g_strconcat (filename, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return set_write_error (error, filename, g_strerror (errno));
  g_close (fd, NULL);

  gtk_print_operation_set_export_filename (operation, tmp_path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL,
                                    &local_error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_unlink (tmp_path);
      return set_write_error (error, filename,
                              local_error != NULL ? local_error->message : _("unknown error"));
    }

  if (!sync_file (tmp_path) || g_rename (tmp_path, filename) != 0)
    {
      int saved_errno = errno;

      g_unlink (tmp_path);
      return set_write_error (error, filename, g_strerror (saved_errno));
    }

  return TRUE;
}

static void
show_nothing_to_print (GtkWindow *parent)
{
  closeness_message_show (GTK_WIDGET (parent), _("Nothing to Print"),
                          _("None of the chosen questions can be printed: "
                            "they are above your intensity, or in the "
                            "desire deck while it is closed."));
}

static void
show_print_error (GtkWindow    *parent,
                  const GError *error)
{
  if (g_error_matches (error, GTK_PRINT_ERROR, GTK_PRINT_ERROR_GENERAL) && error->message == NULL)
    return;

  g_warning ("Printing prompts failed: %s", error->message);
  closeness_message_show (GTK_WIDGET (parent), _("Could Not Print"), error->message);
}

static void
free_weak_ref (gpointer  data,
               GClosure *closure)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               gpointer                 user_data)
{
  g_autoptr(GtkWindow) parent = g_weak_ref_get (user_data);

  if (!g_object_get_data (G_OBJECT (operation), "closeness-print-pending"))
    return;

  if (CLOSENESS_PROMPT_PRINT_OPERATION (operation)->nothing_to_print)
    show_nothing_to_print (parent);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      if (error != NULL)
        show_print_error (parent, error);
    }

  g_object_set_data (G_OBJECT (operation), "closeness-print-pending", NULL);
  g_object_unref (operation);
}

/**
 * closeness_prompt_print_run:
 * @parent: (nullable): the window the print dialog belongs to
 * @selection: (nullable): what to print; %NULL for the whole library
 *
 * Opens the print dialog (with preview and Save as PDF) for @selection,
 * within the couple's choices, with the settings of the last print.
 */
void
closeness_prompt_print_run (GtkWindow               *parent,
                            ClosenessStore          *store,
                            ClosenessPrintSelection *selection)
{
  g_autoptr(ClosenessPromptPrintOperation) self = NULL;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;
  GWeakRef *parent_ref;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (CLOSENESS_IS_STORE (store));

  self = closeness_prompt_print_operation_new (store, selection);

  if (closeness_prompt_print_operation_count_prompts (self) == 0)
    {
      show_nothing_to_print (parent);
      return;
    }

  closeness_prompt_print_operation_load_settings (self);
  gtk_print_operation_set_allow_async (GTK_PRINT_OPERATION (self), TRUE);
  gtk_print_operation_set_show_progress (GTK_PRINT_OPERATION (self), TRUE);
  parent_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (parent_ref, parent);
  g_signal_connect_data (self, "done", G_CALLBACK (print_done_cb), parent_ref,
                         (GClosureNotify) free_weak_ref, 0);

  result = gtk_print_operation_run (GTK_PRINT_OPERATION (self),
                                    GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error);

  if (result == GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    g_object_set_data (G_OBJECT (g_object_ref (self)), "closeness-print-pending",
                       GINT_TO_POINTER (TRUE));
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR && error != NULL)
    show_print_error (parent, error);
  else if (self->nothing_to_print)
    show_nothing_to_print (parent);
}
