/* closeness-couple-view.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kept as a printed GVariant under the couple state "devices-view"; read
 * back with its type checked, so a damaged value reads as "nothing known".
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include "closeness-couple-view.h"

#define STATE_KEY    "devices-view"
#define DEVICE_TYPE  "(ssubx)"
#define VIEW_TYPE    "(usus" "a" DEVICE_TYPE "a" DEVICE_TYPE "a" DEVICE_TYPE ")"

static void
view_device_free (ClosenessCoupleViewDevice *device)
{
  g_free (device->fingerprint);
  g_free (device->name);
  g_free (device);
}

ClosenessCoupleView *
closeness_couple_view_new (ClosenessCoupleStatus status)
{
  ClosenessCoupleView *view = g_new0 (ClosenessCoupleView, 1);

  view->status = status;
  view->fingerprint = g_strdup ("");
  view->approver = g_strdup ("");
  view->partner = CLOSENESS_DEVICE_PARTNER_BOTH;
  view->devices = g_ptr_array_new_with_free_func ((GDestroyNotify) view_device_free);
  view->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) view_device_free);
  view->recovery_codes = g_ptr_array_new_with_free_func ((GDestroyNotify) view_device_free);

  return view;
}

void
closeness_couple_view_free (ClosenessCoupleView *view)
{
  if (view == NULL)
    return;
  g_free (view->fingerprint);
  g_free (view->approver);
  g_ptr_array_unref (view->devices);
  g_ptr_array_unref (view->requests);
  g_ptr_array_unref (view->recovery_codes);
  g_free (view);
}

void
closeness_couple_view_add (GPtrArray              *devices,
                           const char             *fingerprint,
                           const char             *name,
                           ClosenessDevicePartner  partner,
                           gboolean                is_this_device,
                           gint64                  last_seen_ms)
{
  ClosenessCoupleViewDevice *device = g_new0 (ClosenessCoupleViewDevice, 1);

  device->fingerprint = g_strdup (fingerprint != NULL ? fingerprint : "");
  device->name = g_strdup (name != NULL ? name : "");
  device->partner = partner <= CLOSENESS_DEVICE_PARTNER_BOTH ? partner
                                                             : CLOSENESS_DEVICE_PARTNER_BOTH;
  device->is_this_device = is_this_device;
  device->last_seen_ms = MAX (last_seen_ms, 0);
  g_ptr_array_add (devices, device);
}

const ClosenessCoupleViewDevice *
closeness_couple_view_find (ClosenessCoupleView *view,
                            const char          *fingerprint)
{
  for (guint i = 0; i < view->devices->len; i++)
    {
      ClosenessCoupleViewDevice *device = g_ptr_array_index (view->devices, i);

      if (g_strcmp0 (device->fingerprint, fingerprint) == 0)
        return device;
    }

  return NULL;
}

static GVariant *
devices_to_variant (GPtrArray *devices)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a" DEVICE_TYPE));
  for (guint i = 0; i < devices->len; i++)
    {
      ClosenessCoupleViewDevice *device = g_ptr_array_index (devices, i);

      g_variant_builder_add (&builder, DEVICE_TYPE, device->fingerprint, device->name,
                             (guint32) device->partner, device->is_this_device,
                             device->last_seen_ms);
    }

  return g_variant_builder_end (&builder);
}

static void
devices_from_variant (GVariant  *array,
                      GPtrArray *devices)
{
  GVariantIter iter;
  const char *fingerprint, *name;
  guint32 partner;
  gboolean is_this_device;
  gint64 last_seen_ms;

  g_variant_iter_init (&iter, array);
  while (g_variant_iter_next (&iter, DEVICE_TYPE, &fingerprint, &name, &partner, &is_this_device,
                              &last_seen_ms))
    closeness_couple_view_add (devices, fingerprint, name, partner, is_this_device, last_seen_ms);
}

ClosenessCoupleView *
closeness_couple_view_load (ClosenessStore *store)
{
  g_autofree char *text = closeness_store_couple_dup_state (store, STATE_KEY);
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GVariant) devices = NULL;
  g_autoptr(GVariant) requests = NULL;
  g_autoptr(GVariant) recovery_codes = NULL;
  ClosenessCoupleView *view = closeness_couple_view_new (CLOSENESS_COUPLE_STATUS_NONE);
  guint32 status, partner;
  const char *fingerprint, *approver;

  if (text == NULL)
    return view;
  value = g_variant_parse (G_VARIANT_TYPE (VIEW_TYPE), text, NULL, NULL, NULL);
  if (value == NULL)
    return view;

  g_variant_get (value, "(u&su&s@a" DEVICE_TYPE "@a" DEVICE_TYPE "@a" DEVICE_TYPE ")",
                 &status, &fingerprint, &partner, &approver, &devices, &requests, &recovery_codes);
  view->status = status <= CLOSENESS_COUPLE_STATUS_REMOVED ? status : CLOSENESS_COUPLE_STATUS_NONE;
  view->partner = partner <= CLOSENESS_DEVICE_PARTNER_BOTH ? partner
                                                           : CLOSENESS_DEVICE_PARTNER_BOTH;
  g_free (view->fingerprint);
  view->fingerprint = g_strdup (fingerprint);
  g_free (view->approver);
  view->approver = g_strdup (approver);
  devices_from_variant (devices, view->devices);
  devices_from_variant (requests, view->requests);
  devices_from_variant (recovery_codes, view->recovery_codes);

  return view;
}

gboolean
closeness_couple_view_save (ClosenessCoupleView  *view,
                            ClosenessStore       *store,
                            GError              **error)
{
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GHashTable) states = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *text = NULL;

  value = g_variant_ref_sink (
    g_variant_new ("(usus@a" DEVICE_TYPE "@a" DEVICE_TYPE "@a" DEVICE_TYPE ")",
                   (guint32) view->status, view->fingerprint, (guint32) view->partner,
                   view->approver, devices_to_variant (view->devices),
                   devices_to_variant (view->requests), devices_to_variant (view->recovery_codes)));
  text = g_variant_print (value, FALSE);
  g_hash_table_insert (states, (gpointer) STATE_KEY, text);

  return closeness_store_couple_set_states (store, states, error);
}
