/* closeness-partner-group.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-partners"

#include "config.h"

#include <glib/gi18n.h>

#include "closeness-partner-group.h"
#include "closeness-partner-dot.h"
#include "closeness-toast.h"

#define N_SLOTS          2
#define MAX_NAME_LENGTH  60
#define SAVE_DELAY_MS    400

typedef struct
{
  const char *hex;
  const char *css_class;
  const char *label;
} PaletteColor;

/* Hex values follow GNOME's palette; "" means no color. */
static const PaletteColor palette[] = {
  { "",        "none",   N_("No color") },
  { "#3584e4", "blue",   N_("Blue") },
  { "#2190a4", "teal",   N_("Teal") },
  { "#3a944a", "green",  N_("Green") },
  { "#c88800", "yellow", N_("Yellow") },
  { "#ed5b00", "orange", N_("Orange") },
  { "#e62d42", "red",    N_("Red") },
  { "#d56199", "pink",   N_("Pink") },
  { "#9141ac", "purple", N_("Purple") },
  { "#6f8396", "slate",  N_("Slate") },
};

struct _ClosenessPartnerGroup
{
  AdwPreferencesGroup  parent_instance;

  ClosenessStore      *store;
  char                *colors[N_SLOTS];
  guint                save_source_id;
  gboolean             auto_save;
  gboolean             loading;

  AdwEntryRow         *first_name_row;
  AdwEntryRow         *second_name_row;
  GtkMenuButton       *first_color_button;
  GtkMenuButton       *second_color_button;
};

G_DEFINE_FINAL_TYPE (ClosenessPartnerGroup, closeness_partner_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_STORE,
  PROP_AUTO_SAVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const PaletteColor *
find_palette_color (const char *hex)
{
  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    {
      if (g_ascii_strcasecmp (palette[i].hex, hex != NULL ? hex : "") == 0)
        return &palette[i];
    }

  return NULL;
}

static AdwEntryRow *
get_name_row (ClosenessPartnerGroup *self,
              guint                  slot)
{
  return slot == 0 ? self->first_name_row : self->second_name_row;
}

static GtkMenuButton *
get_color_button (ClosenessPartnerGroup *self,
                  guint                  slot)
{
  return slot == 0 ? self->first_color_button : self->second_color_button;
}

/* @hex: the colour itself, for one that is not in the palette (chosen on
 * another computer, or by an older or newer Closeness): shown as it is. */
static GtkWidget *
create_swatch (const PaletteColor *color,
               const char         *hex)
{
  GtkWidget *swatch;

  if (color != NULL)
    {
      swatch = gtk_image_new ();
      gtk_widget_add_css_class (swatch, color->css_class);
    }
  else
    {
      swatch = closeness_partner_dot_new ();
      closeness_partner_dot_set_color (CLOSENESS_PARTNER_DOT (swatch), hex);
    }
  gtk_widget_add_css_class (swatch, "closeness-swatch");
  /* A round swatch, whatever shape its button is. */
  gtk_widget_set_halign (swatch, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);

  return swatch;
}

static void
update_color_button (ClosenessPartnerGroup *self,
                     guint                  slot)
{
  const PaletteColor *color = find_palette_color (self->colors[slot]);
  GtkMenuButton *button = get_color_button (self, slot);
  g_autofree char *description = NULL;

  /* Without a colour the button shows what it does, choosing one: an
   * empty circle alone read as a radio button. */
  if (color == &palette[0])
    gtk_menu_button_set_child (button, gtk_image_new_from_icon_name ("color-select-symbolic"));
  else
    gtk_menu_button_set_child (button, create_swatch (color, self->colors[slot]));

  /* Translators: %s is a color name such as “Blue”. */
  description = g_strdup_printf (_("Color: %s"),
                                 color != NULL ? _(color->label) : _("Custom"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void save_now (ClosenessPartnerGroup *self);

static void
swatch_clicked_cb (GtkButton             *button,
                   ClosenessPartnerGroup *self)
{
  guint slot = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "slot"));
  const PaletteColor *color = g_object_get_data (G_OBJECT (button), "color");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_POPOVER);

  closeness_partner_group_set_color (self, slot, color->hex);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));

  if (self->auto_save)
    save_now (self);
}

static void
build_color_popover (ClosenessPartnerGroup *self,
                     guint                  slot)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);

  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    {
      GtkWidget *button = gtk_button_new ();

      gtk_button_set_child (GTK_BUTTON (button), create_swatch (&palette[i], NULL));
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "circular");
      gtk_widget_set_tooltip_text (button, _(palette[i].label));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _(palette[i].label),
                                      -1);
      g_object_set_data (G_OBJECT (button), "slot", GUINT_TO_POINTER (slot));
      g_object_set_data (G_OBJECT (button), "color", (gpointer) &palette[i]);
      g_signal_connect_object (button, "clicked", G_CALLBACK (swatch_clicked_cb), self, 0);
      gtk_grid_attach (GTK_GRID (grid), button, i % 5, i / 5, 1, 1);
    }

  gtk_popover_set_child (GTK_POPOVER (popover), grid);
  gtk_menu_button_set_popover (get_color_button (self, slot), popover);
}

static gboolean
save_partners (ClosenessPartnerGroup  *self,
               GError                **error)
{
  for (guint slot = 0; slot < N_SLOTS; slot++)
    {
      AdwEntryRow *row = get_name_row (self, slot);
      g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

      if (!closeness_store_update_partner (self->store, slot, name,
                                           self->colors[slot] != NULL ? self->colors[slot] : "",
                                           error))
        {
          gtk_widget_add_css_class (GTK_WIDGET (row), "error");
          return FALSE;
        }

      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
    }

  return TRUE;
}

static void
save_now (ClosenessPartnerGroup *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->save_source_id, g_source_remove);

  if (self->store == NULL)
    return;

  if (!save_partners (self, &error))
    {
      g_warning ("Could not save the partners' names (error code %d)", error->code);
      closeness_toast_show_in_preferences (GTK_WIDGET (self), error->message);
    }
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  ClosenessPartnerGroup *self = user_data;

  self->save_source_id = 0;
  save_now (self);

  return G_SOURCE_REMOVE;
}

static void
name_changed_cb (ClosenessPartnerGroup *self)
{
  if (self->loading || !self->auto_save)
    return;

  g_clear_handle_id (&self->save_source_id, g_source_remove);
  self->save_source_id = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
load_partners (ClosenessPartnerGroup *self)
{
  GListModel *partners;

  if (self->store == NULL)
    return;

  partners = closeness_store_get_partners (self->store);
  self->loading = TRUE;

  for (guint slot = 0; slot < N_SLOTS && slot < g_list_model_get_n_items (partners); slot++)
    {
      g_autoptr(ClosenessPartner) partner = g_list_model_get_item (partners, slot);
      const char *name = closeness_partner_get_name (partner);

      gtk_editable_set_text (GTK_EDITABLE (get_name_row (self, slot)), name != NULL ? name : "");
      closeness_partner_group_set_color (self, slot, closeness_partner_get_color (partner));
    }

  self->loading = FALSE;
}

static void
closeness_partner_group_unmap (GtkWidget *widget)
{
  ClosenessPartnerGroup *self = CLOSENESS_PARTNER_GROUP (widget);

  /* Closing the window right after typing still saves what was typed. */
  if (self->save_source_id != 0)
    save_now (self);

  GTK_WIDGET_CLASS (closeness_partner_group_parent_class)->unmap (widget);
}

static void
closeness_partner_group_dispose (GObject *object)
{
  ClosenessPartnerGroup *self = CLOSENESS_PARTNER_GROUP (object);

  /* Never drop what was typed: save before going away. */
  if (self->save_source_id != 0)
    save_now (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLOSENESS_TYPE_PARTNER_GROUP);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (closeness_partner_group_parent_class)->dispose (object);
}

static void
closeness_partner_group_finalize (GObject *object)
{
  ClosenessPartnerGroup *self = CLOSENESS_PARTNER_GROUP (object);

  for (guint slot = 0; slot < N_SLOTS; slot++)
    g_clear_pointer (&self->colors[slot], g_free);

  G_OBJECT_CLASS (closeness_partner_group_parent_class)->finalize (object);
}

static void
closeness_partner_group_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ClosenessPartnerGroup *self = CLOSENESS_PARTNER_GROUP (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_AUTO_SAVE:
      g_value_set_boolean (value, self->auto_save);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_partner_group_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ClosenessPartnerGroup *self = CLOSENESS_PARTNER_GROUP (object);

  switch (prop_id)
    {
    case PROP_STORE:
      closeness_partner_group_set_store (self, g_value_get_object (value));
      break;

    case PROP_AUTO_SAVE:
      closeness_partner_group_set_auto_save (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_partner_group_class_init (ClosenessPartnerGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_partner_group_dispose;
  object_class->finalize = closeness_partner_group_finalize;
  object_class->get_property = closeness_partner_group_get_property;
  object_class->set_property = closeness_partner_group_set_property;

  widget_class->unmap = closeness_partner_group_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CLOSENESS_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_AUTO_SAVE] =
    g_param_spec_boolean ("auto-save", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/example/Closeness/closeness-partner-group.ui");
  gtk_widget_class_bind_template_child (widget_class, ClosenessPartnerGroup, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPartnerGroup, second_name_row);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPartnerGroup, first_color_button);
  gtk_widget_class_bind_template_child (widget_class, ClosenessPartnerGroup, second_color_button);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
}

static void
closeness_partner_group_init (ClosenessPartnerGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint slot = 0; slot < N_SLOTS; slot++)
    {
      GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (get_name_row (self, slot)));

      if (GTK_IS_TEXT (delegate))
        gtk_text_set_max_length (GTK_TEXT (delegate), MAX_NAME_LENGTH);

      self->colors[slot] = g_strdup ("");
      build_color_popover (self, slot);
      update_color_button (self, slot);
    }
}

void
closeness_partner_group_set_store (ClosenessPartnerGroup *self,
                                   ClosenessStore        *store)
{
  g_return_if_fail (CLOSENESS_IS_PARTNER_GROUP (self));
  g_return_if_fail (store == NULL || CLOSENESS_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  load_partners (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
closeness_partner_group_set_auto_save (ClosenessPartnerGroup *self,
                                       gboolean               auto_save)
{
  g_return_if_fail (CLOSENESS_IS_PARTNER_GROUP (self));

  auto_save = !!auto_save;
  if (self->auto_save == auto_save)
    return;

  self->auto_save = auto_save;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTO_SAVE]);
}

/**
 * closeness_partner_group_save:
 *
 * Saves both names and colors now.
 *
 * Returns: %TRUE on success; on failure the row in question is marked.
 */
gboolean
closeness_partner_group_save (ClosenessPartnerGroup  *self,
                              GError                **error)
{
  g_return_val_if_fail (CLOSENESS_IS_PARTNER_GROUP (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  g_clear_handle_id (&self->save_source_id, g_source_remove);

  return save_partners (self, error);
}

void
closeness_partner_group_set_color (ClosenessPartnerGroup *self,
                                   guint                  slot,
                                   const char            *color)
{
  g_return_if_fail (CLOSENESS_IS_PARTNER_GROUP (self));
  g_return_if_fail (slot < N_SLOTS);

  if (color == NULL)
    color = "";

  if (g_strcmp0 (self->colors[slot], color) == 0)
    return;

  g_free (self->colors[slot]);
  self->colors[slot] = g_strdup (color);
  update_color_button (self, slot);
}
