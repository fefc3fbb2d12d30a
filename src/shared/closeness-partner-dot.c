/* closeness-partner-dot.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small round dot in a partner's colour, shown beside their name as GNOME
 * Calendar shows a calendar's colour. The name always stays beside it, so
 * nothing depends on telling colours apart; the dot is decoration and hidden
 * from screen readers. Without a colour the dot is not shown at all.
 */

#define G_LOG_DOMAIN "closeness-shared"

#include "config.h"

#include "closeness-partner-dot.h"

struct _ClosenessPartnerDot
{
  GtkWidget  parent_instance;

  char      *color;  /* "" or "#rrggbb" */
  GdkRGBA    rgba;
  gboolean   has_rgba;
  gboolean   keep_space;  /* take its place even without a colour */
  GBinding  *binding;  /* to the partner it follows, if any */
};

G_DEFINE_FINAL_TYPE (ClosenessPartnerDot, closeness_partner_dot, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_COLOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
pick_slot_color (GBinding     *binding,
                 const GValue *from_value,
                 GValue       *to_value,
                 gpointer      user_data)
{
  const char * const *colors = g_value_get_boxed (from_value);
  guint slot = GPOINTER_TO_UINT (user_data);

  if (colors == NULL || g_strv_length ((char **) colors) <= slot)
    g_value_set_string (to_value, "");
  else
    g_value_set_string (to_value, colors[slot]);

  return TRUE;
}

static void
closeness_partner_dot_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  ClosenessPartnerDot *self = CLOSENESS_PARTNER_DOT (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  float size = MIN (width, height);
  GskRoundedRect circle;

  if (!self->has_rgba || size <= 0)
    return;

  gsk_rounded_rect_init_from_rect (&circle,
                                   &GRAPHENE_RECT_INIT ((width - size) / 2.f,
                                                        (height - size) / 2.f,
                                                        size, size),
                                   size / 2.f);
  gtk_snapshot_push_rounded_clip (snapshot, &circle);
  gtk_snapshot_append_color (snapshot, &self->rgba, &circle.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
closeness_partner_dot_dispose (GObject *object)
{
  closeness_partner_dot_unbind (CLOSENESS_PARTNER_DOT (object));

  G_OBJECT_CLASS (closeness_partner_dot_parent_class)->dispose (object);
}

static void
closeness_partner_dot_finalize (GObject *object)
{
  ClosenessPartnerDot *self = CLOSENESS_PARTNER_DOT (object);

  g_clear_pointer (&self->color, g_free);

  G_OBJECT_CLASS (closeness_partner_dot_parent_class)->finalize (object);
}

static void
closeness_partner_dot_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ClosenessPartnerDot *self = CLOSENESS_PARTNER_DOT (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_partner_dot_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ClosenessPartnerDot *self = CLOSENESS_PARTNER_DOT (object);

  switch (prop_id)
    {
    case PROP_COLOR:
      closeness_partner_dot_set_color (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_partner_dot_class_init (ClosenessPartnerDotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = closeness_partner_dot_dispose;
  object_class->finalize = closeness_partner_dot_finalize;
  object_class->get_property = closeness_partner_dot_get_property;
  object_class->set_property = closeness_partner_dot_set_property;
  widget_class->snapshot = closeness_partner_dot_snapshot;

  /* "" (no colour chosen: the dot is hidden) or "#rrggbb". */
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "closeness-partner-dot");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
closeness_partner_dot_init (ClosenessPartnerDot *self)
{
  self->color = g_strdup ("");
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
closeness_partner_dot_new (void)
{
  return g_object_new (CLOSENESS_TYPE_PARTNER_DOT, NULL);
}

/**
 * closeness_partner_dot_get_color:
 *
 * Returns: "" or "#rrggbb"
 */
const char *
closeness_partner_dot_get_color (ClosenessPartnerDot *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PARTNER_DOT (self), NULL);

  return self->color;
}

/**
 * closeness_partner_dot_set_color:
 * @color: (nullable): "" or %NULL for none, else "#rrggbb"
 */
void
closeness_partner_dot_set_color (ClosenessPartnerDot *self,
                                 const char          *color)
{
  g_return_if_fail (CLOSENESS_IS_PARTNER_DOT (self));

  if (color == NULL)
    color = "";
  if (g_strcmp0 (self->color, color) == 0)
    return;

  g_free (self->color);
  self->color = g_strdup (color);
  self->has_rgba = color[0] != '\0' && gdk_rgba_parse (&self->rgba, color);
  if (self->has_rgba)
    self->rgba.alpha = 1.f;

  gtk_widget_set_visible (GTK_WIDGET (self), self->has_rgba || self->keep_space);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

/**
 * closeness_partner_dot_set_keep_space:
 * @keep_space: whether a dot without a colour still takes its place
 *
 * For names in a column: when the other partner has a dot, this one's
 * name stays in line with theirs.
 */
void
closeness_partner_dot_set_keep_space (ClosenessPartnerDot *self,
                                      gboolean             keep_space)
{
  g_return_if_fail (CLOSENESS_IS_PARTNER_DOT (self));

  self->keep_space = !!keep_space;
  gtk_widget_set_visible (GTK_WIDGET (self), self->has_rgba || self->keep_space);
}

/**
 * closeness_partner_dot_bind:
 * @names: the partners as shown (closeness_partner_names_new())
 * @slot: 0 or 1
 *
 * Makes the dot follow the colour of the partner in @slot, for as long as
 * both exist or until it is bound again or unbound.
 */
void
closeness_partner_dot_bind (ClosenessPartnerDot   *self,
                            ClosenessPartnerNames *names,
                            guint                  slot)
{
  g_return_if_fail (CLOSENESS_IS_PARTNER_DOT (self));
  g_return_if_fail (CLOSENESS_IS_PARTNER_NAMES (names));
  g_return_if_fail (slot < 2);

  closeness_partner_dot_unbind (self);
  self->binding = g_object_bind_property_full (names, "colors", self, "color",
                                               G_BINDING_SYNC_CREATE, pick_slot_color, NULL,
                                               GUINT_TO_POINTER (slot), NULL);
  g_object_add_weak_pointer (G_OBJECT (self->binding), (gpointer *) &self->binding);
}

/**
 * closeness_partner_dot_unbind:
 *
 * Stops following a partner (the colour stays as it is).
 */
void
closeness_partner_dot_unbind (ClosenessPartnerDot *self)
{
  g_return_if_fail (CLOSENESS_IS_PARTNER_DOT (self));

  if (self->binding == NULL)
    return;

  g_object_remove_weak_pointer (G_OBJECT (self->binding), (gpointer *) &self->binding);
  g_binding_unbind (g_steal_pointer (&self->binding));
}
