/* closeness-partner-names.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The two partners' names as the app shows them (a default for a partner
 * without one), kept current: a partner renamed in Preferences, or a
 * partners list replaced by an import, changes the "names" property, which
 * notifies only when a shown name really changed. Pages bind to it instead
 * of watching the partners by hand. The "colors" property does the same for
 * the colours the couple chose, so a partner's colour dot follows a change.
 */

#define G_LOG_DOMAIN "closeness-store"

#include "config.h"

#include "closeness-partner.h"
#include "closeness-partner-names.h"

#define N_SLOTS 2

struct _ClosenessPartnerNames
{
  GObject     parent_instance;

  GListModel *partners;
  GPtrArray  *watched;  /* ClosenessPartner whose name and color we follow */
  GStrv       names;    /* N_SLOTS display names, slot 0 first */
  GStrv       colors;   /* N_SLOTS colours, "" or "#rrggbb", slot 0 first */
};

G_DEFINE_FINAL_TYPE (ClosenessPartnerNames, closeness_partner_names, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PARTNERS,
  PROP_NAMES,
  PROP_COLORS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static ClosenessPartner *
find_partner (ClosenessPartnerNames *self,
              guint                  slot)
{
  guint n = g_list_model_get_n_items (self->partners);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ClosenessPartner) partner = g_list_model_get_item (self->partners, i);

      if (closeness_partner_get_slot (partner) == (int) slot)
        return g_steal_pointer (&partner);
    }

  return NULL;
}

/* Replaces *strv with new_strv and notifies, only when they differ. */
static void
take_strv (ClosenessPartnerNames *self,
           GStrv                 *strv,
           GStrv                  new_strv,
           GParamSpec            *pspec)
{
  g_auto(GStrv) owned = new_strv;

  if (*strv != NULL && g_strv_equal ((const char * const *) *strv, (const char * const *) owned))
    return;

  g_strfreev (*strv);
  *strv = g_steal_pointer (&owned);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
update_names (ClosenessPartnerNames *self)
{
  GStrv names = g_new0 (char *, N_SLOTS + 1);
  GStrv colors = g_new0 (char *, N_SLOTS + 1);

  for (guint slot = 0; slot < N_SLOTS; slot++)
    {
      g_autoptr(ClosenessPartner) partner = find_partner (self, slot);
      const char *color = partner != NULL ? closeness_partner_get_color (partner) : NULL;

      names[slot] = closeness_partner_display_name (partner != NULL
                                                    ? closeness_partner_get_name (partner)
                                                    : NULL, slot);
      colors[slot] = g_strdup (color != NULL ? color : "");
    }

  g_object_freeze_notify (G_OBJECT (self));
  take_strv (self, &self->names, names, properties[PROP_NAMES]);
  take_strv (self, &self->colors, colors, properties[PROP_COLORS]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
unwatch_partners (ClosenessPartnerNames *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->watched, i), update_names, self);
  g_ptr_array_set_size (self->watched, 0);
}

/* Renames and new colours arrive as a notify on the partner (no items-changed). */
static void
partners_changed_cb (ClosenessPartnerNames *self)
{
  guint n = g_list_model_get_n_items (self->partners);

  unwatch_partners (self);
  for (guint i = 0; i < n; i++)
    {
      ClosenessPartner *partner = g_list_model_get_item (self->partners, i);

      g_signal_connect_swapped (partner, "notify::name", G_CALLBACK (update_names), self);
      g_signal_connect_swapped (partner, "notify::color", G_CALLBACK (update_names), self);
      g_ptr_array_add (self->watched, partner);
    }

  update_names (self);
}

static void
closeness_partner_names_constructed (GObject *object)
{
  ClosenessPartnerNames *self = CLOSENESS_PARTNER_NAMES (object);

  G_OBJECT_CLASS (closeness_partner_names_parent_class)->constructed (object);

  g_return_if_fail (G_IS_LIST_MODEL (self->partners));

  g_signal_connect_object (self->partners, "items-changed", G_CALLBACK (partners_changed_cb),
                           self, G_CONNECT_SWAPPED);
  partners_changed_cb (self);
}

static void
closeness_partner_names_dispose (GObject *object)
{
  ClosenessPartnerNames *self = CLOSENESS_PARTNER_NAMES (object);

  if (self->watched != NULL)
    unwatch_partners (self);
  g_clear_object (&self->partners);

  G_OBJECT_CLASS (closeness_partner_names_parent_class)->dispose (object);
}

static void
closeness_partner_names_finalize (GObject *object)
{
  ClosenessPartnerNames *self = CLOSENESS_PARTNER_NAMES (object);

  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_strfreev);
  g_clear_pointer (&self->colors, g_strfreev);

  G_OBJECT_CLASS (closeness_partner_names_parent_class)->finalize (object);
}

static void
closeness_partner_names_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ClosenessPartnerNames *self = CLOSENESS_PARTNER_NAMES (object);

  switch (prop_id)
    {
    case PROP_PARTNERS:
      g_value_set_object (value, self->partners);
      break;

    case PROP_NAMES:
      g_value_set_boxed (value, self->names);
      break;

    case PROP_COLORS:
      g_value_set_boxed (value, self->colors);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_partner_names_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ClosenessPartnerNames *self = CLOSENESS_PARTNER_NAMES (object);

  switch (prop_id)
    {
    case PROP_PARTNERS:
      self->partners = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
closeness_partner_names_class_init (ClosenessPartnerNamesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = closeness_partner_names_constructed;
  object_class->dispose = closeness_partner_names_dispose;
  object_class->finalize = closeness_partner_names_finalize;
  object_class->get_property = closeness_partner_names_get_property;
  object_class->set_property = closeness_partner_names_set_property;

  /* The store's partners (closeness_store_get_partners()). */
  properties[PROP_PARTNERS] =
    g_param_spec_object ("partners", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The names as shown, slot 0 first; always two. */
  properties[PROP_NAMES] =
    g_param_spec_boxed ("names", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The colours, slot 0 first, each "" (none chosen) or "#rrggbb"; always two. */
  properties[PROP_COLORS] =
    g_param_spec_boxed ("colors", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
closeness_partner_names_init (ClosenessPartnerNames *self)
{
  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * closeness_partner_names_new:
 * @partners: the store's partners
 *
 * Returns: (transfer full): the partners' shown names, kept current
 */
ClosenessPartnerNames *
closeness_partner_names_new (GListModel *partners)
{
  g_return_val_if_fail (G_IS_LIST_MODEL (partners), NULL);

  return g_object_new (CLOSENESS_TYPE_PARTNER_NAMES, "partners", partners, NULL);
}

/**
 * closeness_partner_names_get_names:
 *
 * Returns: (transfer none): the two names as shown, slot 0 first
 */
const char * const *
closeness_partner_names_get_names (ClosenessPartnerNames *self)
{
  g_return_val_if_fail (CLOSENESS_IS_PARTNER_NAMES (self), NULL);

  return (const char * const *) self->names;
}

/**
 * closeness_partner_names_get:
 * @slot: 0 or 1
 *
 * Returns: (transfer none): the name of the partner in @slot as shown
 */
const char *
closeness_partner_names_get (ClosenessPartnerNames *self,
                             guint                  slot)
{
  g_return_val_if_fail (CLOSENESS_IS_PARTNER_NAMES (self), NULL);
  g_return_val_if_fail (slot < N_SLOTS, NULL);

  return self->names[slot];
}

/**
 * closeness_partner_names_get_color:
 * @slot: 0 or 1
 *
 * Returns: (transfer none): the colour of the partner in @slot, "" or "#rrggbb"
 */
const char *
closeness_partner_names_get_color (ClosenessPartnerNames *self,
                                   guint                  slot)
{
  g_return_val_if_fail (CLOSENESS_IS_PARTNER_NAMES (self), NULL);
  g_return_val_if_fail (slot < N_SLOTS, NULL);

  return self->colors[slot];
}
