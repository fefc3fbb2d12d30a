/* closeness-couple-command.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The command line of couple sync: `--devices`, `--join`,
 * `--approve-device FINGERPRINT`, `--recovery-code`, `--recover` and the
 * couple's part of `--sync`.
 * Two VJOURNAL collections on the calendar's account: "Closeness Couple"
 * for the sealed buckets, "Closeness Devices" for the device list, join
 * requests and key grants (small, read whole on each sync). This device's
 * keys are in the Secret Service; the public half of the device list in
 * the store.
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "closeness-couple-command.h"
#include "closeness-couple-keys.h"
#include "closeness-couple-sync.h"
#include "closeness-couple-view.h"
#include "closeness-credentials.h"
#include "closeness-sync-command.h"

#define RECORDS_NAME "Closeness Couple"
#define DEVICES_NAME "Closeness Devices"
#define SECRET_STATE "keys-public"
/* Set while this device's founding is not known to be on the server. */
#define FOUNDING_STATE "founding-unconfirmed"
/* Control items kept with the keys until the server has them. */
#define PENDING_STATE "pending-control"
/* A device tells the others it is alive at most this often (one PUT). */
#define LAST_SEEN_EVERY_MS (60 * 60 * 1000)

typedef struct
{
  ClosenessStore        *store;
  ClosenessCaldavClient *client;
  char                  *account;   /* "server user", names the secret */
  char                  *records;   /* the collections' addresses */
  char                  *devices;
  GHashTable            *etags;     /* UID → etag of the sealed items among the devices' */
} Couple;

static void
couple_clear (Couple *couple)
{
  g_clear_object (&couple->client);
  g_clear_pointer (&couple->account, g_free);
  g_clear_pointer (&couple->records, g_free);
  g_clear_pointer (&couple->devices, g_free);
  g_clear_pointer (&couple->etags, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Couple, couple_clear)

static gboolean
set_state (ClosenessStore  *store,
           const char      *key,
           const char      *value,
           GError         **error)
{
  g_autoptr(GHashTable) states = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (states, (gpointer) key, (gpointer) value);

  return closeness_store_couple_set_states (store, states, error);
}

/* The collection called @name on the account, made when @make and missing. */
static char *
find_collection (Couple      *couple,
                 const char  *name,
                 gboolean     make,
                 GError     **error)
{
  g_autofree char *state_key = g_strconcat ("collection:", name, NULL);
  g_autofree char *known = closeness_store_couple_dup_state (couple->store, state_key);
  g_autoptr(GPtrArray) calendars = NULL;
  g_autofree char *href = NULL;

  if (known != NULL)
    return g_steal_pointer (&known);

  calendars = closeness_caldav_client_discover (couple->client, NULL, error);
  if (calendars == NULL)
    return NULL;
  for (guint i = 0; i < calendars->len && href == NULL; i++)
    {
      ClosenessCaldavCollection *calendar = g_ptr_array_index (calendars, i);

      if (g_strcmp0 (calendar->display_name, name) == 0
          && (calendar->components & CLOSENESS_CALDAV_VJOURNAL))
        href = g_strdup (calendar->href);
    }
  if (href == NULL && make)
    href = closeness_caldav_client_make_calendar (couple->client, name, CLOSENESS_CALDAV_VJOURNAL,
                                                  NULL, error);
  if (href != NULL && !set_state (couple->store, state_key, href, error))
    return NULL;

  return g_steal_pointer (&href);
}

static gboolean
couple_open (Couple          *couple,
             ClosenessStore  *store,
             GError         **error)
{
  g_autofree char *address = closeness_store_dup_sync_state (store, "server");
  g_autofree char *user = closeness_store_dup_sync_state (store, "user");
  g_autofree char *kept = closeness_store_dup_sync_state (store, "password-kept");
  g_autofree char *password = NULL;

  couple->store = store;
  if (address == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("no account is set up (closeness --sync-account URL --user NAME)."));
      return FALSE;
    }
  if (g_strcmp0 (kept, "1") == 0)
    {
      password = closeness_credentials_lookup (address, user != NULL ? user : "", error);
      if (password == NULL && error != NULL && *error != NULL)
        return FALSE;
    }
  couple->client =
    closeness_caldav_client_new (address, user, password != NULL ? password : "", error);
  /* The keyring entry names this store too: two profiles of one person on
   * one computer (or tests) each keep their own keys. */
  {
    g_autofree char *store_id = closeness_store_couple_dup_state (store, "keys-id");

    if (store_id == NULL)
      {
        store_id = g_uuid_string_random ();
        if (!set_state (store, "keys-id", store_id, error))
          return FALSE;
      }
    couple->account = g_strdup_printf ("%s %s %s", address, user != NULL ? user : "", store_id);
  }

  return couple->client != NULL;
}

/* Every control item on the server ("Closeness Devices"): few and small.
 * The sealed items beside them (the devices' "last seen") go into
 * @sealed, by UID, when it is given. */
static GPtrArray *
read_control_items (Couple      *couple,
                    GHashTable  *sealed,
                    GError     **error)
{
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) hrefs = g_ptr_array_new ();
  g_autoptr(GPtrArray) fetched = NULL;
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_control_item_unref);

  listed = closeness_caldav_client_list (couple->client, couple->devices, NULL, error);
  if (listed == NULL)
    return (g_ptr_array_unref (items), NULL);
  for (guint i = 0; i < listed->len; i++)
    g_ptr_array_add (hrefs, ((ClosenessCaldavItem *) g_ptr_array_index (listed, i))->href);
  g_ptr_array_add (hrefs, NULL);
  if (hrefs->len == 1)
    return items;
  fetched = closeness_caldav_client_multiget (couple->client, couple->devices,
                                              (const char * const *) hrefs->pdata, NULL, error);
  if (fetched == NULL)
    return (g_ptr_array_unref (items), NULL);
  for (guint i = 0; i < fetched->len; i++)
    {
      ClosenessCaldavItem *item = g_ptr_array_index (fetched, i);
      g_autofree char *uid = NULL;
      g_autoptr(GBytes) bytes = NULL;
      ClosenessControlItem *control;

      if (item->data == NULL ||
          !closeness_vault_item_from_ics (item->data, strlen (item->data), &uid, &bytes, NULL))
        continue;
      if (!closeness_control_item_is_control (bytes))
        {
          if (sealed != NULL)
            {
              if (couple->etags == NULL)
                couple->etags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
              g_hash_table_replace (couple->etags, g_strdup (uid), g_strdup (item->etag));
              g_hash_table_insert (sealed, g_steal_pointer (&uid), g_steal_pointer (&bytes));
            }
          continue;
        }
      if ((control = closeness_control_item_parse (bytes, NULL)) == NULL)
        continue;
      g_ptr_array_add (items, control);
    }

  return items;
}

/* The address of item @uid in the devices' collection. */
static char *
devices_href (Couple     *couple,
              const char *uid)
{
  return g_strconcat (couple->devices, g_str_has_suffix (couple->devices, "/") ? "" : "/", uid,
                      ".ics", NULL);
}

static gboolean
write_control_items (Couple     *couple,
                     GPtrArray  *items,
                     GError    **error)
{
  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      ClosenessControlItem *item = g_ptr_array_index (items, i);
      g_autofree char *ics = closeness_vault_item_to_ics (closeness_control_item_get_uid (item),
                                                          closeness_control_item_get_bytes (item));
      g_autofree char *href = devices_href (couple, closeness_control_item_get_uid (item));
      g_autofree char *etag =
        closeness_caldav_client_put (couple->client, href, ics, NULL, NULL, error);

      if (etag == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
save_keys (Couple               *couple,
           ClosenessCoupleKeys  *keys,
           GError              **error)
{
  g_autoptr(GBytes) public_state = closeness_couple_keys_dup_public_state (keys);
  g_autofree char *text =
    g_base64_encode (g_bytes_get_data (public_state, NULL), g_bytes_get_size (public_state));

  return closeness_couple_keys_save_secret (keys, couple->account, error) &&
         set_state (couple->store, SECRET_STATE, text, error);
}

/* Keeps the keys, and in the same transaction the items that tell the
 * other devices about the change, until they are on the server
 * (upload_pending()): a removal or an approval cut short after the keys
 * changed sends its grants with the next command instead of losing them. */
static gboolean
save_keys_and_pending (Couple               *couple,
                       ClosenessCoupleKeys  *keys,
                       GPtrArray            *items,
                       GError              **error)
{
  g_autoptr(GBytes) public_state = closeness_couple_keys_dup_public_state (keys);
  g_autofree char *text =
    g_base64_encode (g_bytes_get_data (public_state, NULL), g_bytes_get_size (public_state));
  g_autofree char *before = closeness_store_couple_dup_state (couple->store, PENDING_STATE);
  g_autoptr(GString) pending = g_string_new (before);
  g_autoptr(GHashTable) states = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      ClosenessControlItem *item = g_ptr_array_index (items, i);
      GBytes *bytes = closeness_control_item_get_bytes (item);
      g_autofree char *encoded =
        g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

      g_string_append_printf (pending, "%s %s\n", closeness_control_item_get_uid (item), encoded);
    }
  g_hash_table_insert (states, (gpointer) SECRET_STATE, text);
  g_hash_table_insert (states, (gpointer) PENDING_STATE, pending->str);

  return closeness_couple_keys_save_secret (keys, couple->account, error) &&
         closeness_store_couple_set_states (couple->store, states, error);
}

/* Puts the kept items on the server (one already there counts as sent),
 * then forgets them. */
static gboolean
upload_pending (Couple  *couple,
                GError **error)
{
  g_autofree char *pending = closeness_store_couple_dup_state (couple->store, PENDING_STATE);
  g_auto(GStrv) lines = NULL;

  if (pending == NULL)
    return TRUE;
  lines = g_strsplit (pending, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (lines[i], " ", 2);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) local = NULL;
      g_autofree char *ics = NULL;
      g_autofree char *href = NULL;
      g_autofree char *etag = NULL;
      guchar *data;
      gsize length;

      if (g_strv_length (parts) != 2)
        continue;
      data = g_base64_decode (parts[1], &length);
      bytes = g_bytes_new_take (data, length);
      ics = closeness_vault_item_to_ics (parts[0], bytes);
      href = devices_href (couple, parts[0]);
      etag = closeness_caldav_client_put (couple->client, href, ics, NULL, NULL, &local);
      if (etag == NULL
          && !g_error_matches (local, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_PRECONDITION))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }

  return set_state (couple->store, PENDING_STATE, NULL, error);
}

/* This device's keys, or %NULL (and no error) when it has none yet. */
static ClosenessCoupleKeys *
load_keys (Couple  *couple,
           GError **error)
{
  g_autofree char *text = closeness_store_couple_dup_state (couple->store, SECRET_STATE);
  g_autoptr(GBytes) public_state = NULL;
  gsize length = 0;
  guchar *data;

  if (text == NULL)
    return NULL;
  data = g_base64_decode (text, &length);
  public_state = g_bytes_new_take (data, length);

  return closeness_couple_keys_load (couple->account, public_state, error);
}

/* --partner: "1", "2" or "both" (also "first", "second"); @fallback when
 * not given. FALSE with a clear message for anything else. */
static gboolean
parse_partner (const char              *partner,
               ClosenessDevicePartner   fallback,
               ClosenessDevicePartner  *out,
               GError                 **error)
{
  *out = fallback;
  if (partner == NULL)
    return TRUE;
  if (g_strcmp0 (partner, "1") == 0 || g_strcmp0 (partner, "first") == 0)
    *out = CLOSENESS_DEVICE_PARTNER_FIRST;
  else if (g_strcmp0 (partner, "2") == 0 || g_strcmp0 (partner, "second") == 0)
    *out = CLOSENESS_DEVICE_PARTNER_SECOND;
  else if (g_strcmp0 (partner, "both") == 0)
    *out = CLOSENESS_DEVICE_PARTNER_BOTH;
  else
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("--partner takes 1, 2 or both."));
      return FALSE;
    }

  return TRUE;
}

/* @format: a translated "Cannot …: %s\n" */
static int G_GNUC_PRINTF (1, 0)
fail (const char *format,
      GError     *error)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_printerr (format, error != NULL ? error->message : "");
#pragma GCC diagnostic pop

  return 1;
}

/* When the device with @device_id was last seen, from its sealed item
 * among @sealed; 0 when not known. */
static gint64
last_seen (ClosenessCoupleKeys *keys,
           GHashTable          *sealed,
           guint64              device_id)
{
  g_autofree char *uid = NULL;
  GBytes *envelope;
  gint64 seen_ms = 0;
  ClosenessHlc version;

  if (sealed == NULL || (uid = closeness_couple_keys_last_seen_uid (keys, device_id)) == NULL
      || (envelope = g_hash_table_lookup (sealed, uid)) == NULL
      || !closeness_couple_keys_open_last_seen (keys, device_id, envelope, NULL, &seen_ms, &version,
                                                NULL))
    return 0;

  return seen_ms;
}

/* Leaves what this command learnt for Preferences → Your Devices.
 * @approver: (nullable): kept from the last view when %NULL. Only a
 * note for the window: a failure to keep it fails nothing. */
static void
save_view (Couple                *couple,
           ClosenessCoupleKeys   *keys,
           GPtrArray             *server_items,
           GHashTable            *sealed,
           ClosenessCoupleStatus  status,
           const char            *approver)
{
  g_autoptr(ClosenessCoupleView) before = closeness_couple_view_load (couple->store);
  g_autoptr(ClosenessCoupleView) view = closeness_couple_view_new (status);
  g_autoptr(GError) error = NULL;

  if (keys != NULL)
    {
      g_free (view->fingerprint);
      view->fingerprint = closeness_couple_keys_dup_fingerprint (keys);
      view->partner = closeness_couple_keys_get_partner (keys);
    }
  g_free (view->approver);
  view->approver = g_strdup (approver != NULL ? approver : before->approver);

  if (keys != NULL && status == CLOSENESS_COUPLE_STATUS_MEMBER)
    {
      g_autoptr(GPtrArray) devices = closeness_couple_keys_list_devices (keys);

      for (guint i = 0; i < devices->len; i++)
        {
          ClosenessCoupleDeviceInfo *info = g_ptr_array_index (devices, i);
          const ClosenessCoupleViewDevice *known =
            closeness_couple_view_find (before, info->fingerprint);
          gint64 seen_ms = last_seen (keys, sealed, info->id);

          /* A command that did not read the last-seen items keeps what an
           * earlier one read. */
          if (seen_ms == 0 && known != NULL)
            seen_ms = known->last_seen_ms;
          closeness_couple_view_add (view->devices, info->fingerprint, info->name, info->partner,
                                     info->is_this_device, seen_ms);
        }
      {
        g_autoptr(GPtrArray) codes = closeness_couple_keys_list_recovery_codes (keys);

        for (guint i = 0; i < codes->len; i++)
          {
            ClosenessCoupleDeviceInfo *info = g_ptr_array_index (codes, i);

            closeness_couple_view_add (view->recovery_codes, info->fingerprint, NULL, info->partner,
                                       FALSE, 0);
          }
      }
      if (server_items != NULL)
        {
          g_autoptr(GPtrArray) requests = closeness_couple_keys_list_requests (keys, server_items);

          for (guint i = 0; i < requests->len; i++)
            {
              ClosenessCoupleDeviceInfo *info = g_ptr_array_index (requests, i);

              closeness_couple_view_add (view->requests, info->fingerprint, info->name,
                                         info->partner, FALSE, 0);
            }
        }
    }

  if (!closeness_couple_view_save (view, couple->store, &error))
    g_debug ("The devices' view was not kept: %s", error->message);
}

/* "Last seen" items under a couple key that was rotated away: a removed
 * device knows their names and keys, and the new ones replace them. */
static void
drop_stale_last_seen (Couple              *couple,
                      ClosenessCoupleKeys *keys,
                      GHashTable          *sealed)
{
  GHashTableIter iter;
  gpointer uid, envelope;

  g_hash_table_iter_init (&iter, sealed);
  while (g_hash_table_iter_next (&iter, &uid, &envelope))
    {
      g_autofree char *key_id = closeness_vault_record_peek_key_id (envelope, NULL);
      g_autofree char *href = NULL;
      const char *etag;

      if (key_id != NULL && closeness_couple_keys_is_key_current (keys, key_id))
        continue;
      href = devices_href (couple, uid);
      etag = couple->etags != NULL ? g_hash_table_lookup (couple->etags, uid) : NULL;
      if (etag != NULL && etag[0] != '\0'
          && closeness_caldav_client_delete (couple->client, href, etag, NULL, NULL))
        {
          g_hash_table_remove (couple->etags, uid);
          g_hash_table_iter_remove (&iter);
        }
    }
}

/* This device's "last seen", sealed under the couple key beside the
 * device list, at most once an hour (and at once under a new key). */
static void
note_last_seen (Couple              *couple,
                ClosenessCoupleKeys *keys)
{
  g_autoptr(ClosenessCoupleView) before = closeness_couple_view_load (couple->store);
  g_autoptr(GBytes) envelope = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;
  gint64 now_ms = g_get_real_time () / 1000;
  ClosenessHlc version = {
    now_ms, 0, closeness_vault_device_get_id (closeness_couple_keys_get_device (keys))
  };

  g_autofree char *current_uid =
    closeness_couple_keys_last_seen_uid (keys, closeness_vault_device_get_id (
                                                 closeness_couple_keys_get_device (keys)));
  gboolean on_server = current_uid != NULL && couple->etags != NULL &&
                       g_hash_table_contains (couple->etags, current_uid);

  for (guint i = 0; on_server && i < before->devices->len; i++)
    {
      ClosenessCoupleViewDevice *device = g_ptr_array_index (before->devices, i);

      if (device->is_this_device && device->last_seen_ms > now_ms - LAST_SEEN_EVERY_MS &&
          device->last_seen_ms <= now_ms)
        return;
    }

  envelope = closeness_couple_keys_seal_last_seen (keys, now_ms, &version, &uid, &error);
  if (envelope != NULL)
    {
      g_autofree char *ics = closeness_vault_item_to_ics (uid, envelope);
      g_autofree char *href = devices_href (couple, uid);
      const char *known = couple->etags != NULL ? g_hash_table_lookup (couple->etags, uid) : NULL;
      g_autofree char *etag =
        closeness_caldav_client_put (couple->client, href, ics, known, NULL, &error);

      if (etag == NULL)
        g_clear_pointer (&envelope, g_bytes_unref);
    }
  if (envelope == NULL)
    g_debug ("Last seen not noted: %s", error != NULL ? error->message : "");
}

/* For a computer that is not one of the couple's devices yet (join,
 * recover): the account and the devices' collection, which only the first
 * computer's sync makes. */
static gboolean
open_devices (Couple          *couple,
              ClosenessStore  *store,
              GError         **error)
{
  if (couple_open (couple, store, error) &&
      (couple->devices = find_collection (couple, DEVICES_NAME, FALSE, error)) != NULL)
    return TRUE;

  if (error != NULL && *error == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                         _("the account has no couple yet: run closeness --sync on the first computer."));
  return FALSE;
}

/**
 * closeness_couple_command_join:
 * @partner: (nullable): "1", "2" or "both"; the second partner when %NULL
 *
 * Asks to join the couple's devices and prints this device's fingerprint
 * on a line of its own, for the other computer's `--approve-device`.
 */
int
closeness_couple_command_join (ClosenessStore *store,
                               const char     *partner)
{
  g_auto(Couple) couple = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessCoupleKeys) keys = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *fingerprint = NULL;
  ClosenessDevicePartner who;

  if (!parse_partner (partner, CLOSENESS_DEVICE_PARTNER_SECOND, &who, &error))
    return fail (_("Cannot join: %s\n"), error);
  if (!open_devices (&couple, store, &error))
    return fail (_("Cannot join: %s\n"), error);

  keys = load_keys (&couple, &error);
  if (keys == NULL && error != NULL)
    return fail (_("Cannot join: %s\n"), error);
  if (keys != NULL && closeness_couple_keys_is_member (keys))
    {
      g_printerr ("%s\n", _("This computer is already one of the couple’s devices."));
      return 1;
    }
  if (keys == NULL)
    {
      keys = closeness_couple_keys_new_joining (who, &items);
      /* Kept before anything goes to the server: a request whose keys are
       * lost could never be accepted. */
      if (!save_keys (&couple, keys, &error) || !write_control_items (&couple, items, &error))
        return fail (_("Cannot join: %s\n"), error);
    }

  save_view (&couple, keys, NULL, NULL, CLOSENESS_COUPLE_STATUS_WAITING, "");
  fingerprint = closeness_couple_keys_dup_fingerprint (keys);
  g_print ("%s\n",
           _("On a computer that is already set up, run closeness --approve-device with this number:"));
  g_print ("%s\n", fingerprint);

  return 0;
}

/* For the commands of a device that has joined: the account, the devices'
 * collection, this device's keys and every control item on the server,
 * the device list brought up to date (unless @update is FALSE: a device
 * that has not been approved yet cannot check it). */
static gboolean
open_member (Couple               *couple,
             ClosenessStore       *store,
             gboolean              update,
             ClosenessCoupleKeys **keys,
             GPtrArray           **server_items,
             GHashTable           *sealed,
             GError              **error)
{
  if (!couple_open (couple, store, error) ||
      (couple->devices = find_collection (couple, DEVICES_NAME, FALSE, error)) == NULL ||
      (*keys = load_keys (couple, error)) == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                             _("this computer is not one of the couple’s devices."));
      return FALSE;
    }
  if (!upload_pending (couple, error))
    return FALSE;
  *server_items = read_control_items (couple, sealed, error);

  return *server_items != NULL &&
         (!update || !closeness_couple_keys_is_member (*keys) ||
          closeness_couple_keys_update (*keys, *server_items, error));
}

/**
 * closeness_couple_command_approve:
 *
 * Lets the device showing @fingerprint join, and prints this device's own
 * fingerprint for the person to compare on the new one.
 */
int
closeness_couple_command_approve (ClosenessStore *store,
                                  const char     *fingerprint)
{
  g_auto(Couple) couple = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessCoupleKeys) keys = NULL;
  g_autoptr(GPtrArray) server_items = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *own = NULL;

  if (!open_member (&couple, store, TRUE, &keys, &server_items, NULL, &error) ||
      (items = closeness_couple_keys_approve (keys, fingerprint, server_items, &error)) == NULL ||
      !save_keys_and_pending (&couple, keys, items, &error) ||
      !upload_pending (&couple, &error))
    {
      if (g_error_matches (error, CLOSENESS_COUPLE_KEYS_ERROR,
                           CLOSENESS_COUPLE_KEYS_ERROR_FORBIDDEN))
        {
          g_printerr ("%s\n",
                      _("Cannot approve the device: it belongs to your partner, who already has a "
                        "computer of their own. Approve it there."));
          return 1;
        }
      return fail (_("Cannot approve the device: %s\n"), error);
    }

  /* The new device is a member now: no longer listed as asking. */
  save_view (&couple, keys, server_items, NULL, CLOSENESS_COUPLE_STATUS_MEMBER, NULL);

  own = closeness_couple_keys_dup_fingerprint (keys);
  /* Translators: %s is this computer's fingerprint, "4821 0937 …" */
  g_print (_("Approved. The new computer will show this one as %s.\n"), own);

  return 0;
}

/**
 * closeness_couple_command_remove:
 *
 * Removes the device showing @fingerprint from the couple's devices; the
 * keys change, so it cannot read anything written afterwards.
 */
int
closeness_couple_command_remove (ClosenessStore *store,
                                 const char     *fingerprint)
{
  g_auto(Couple) couple = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessCoupleKeys) keys = NULL;
  g_autoptr(GPtrArray) server_items = NULL;
  g_autoptr(GPtrArray) items = NULL;

  if (!open_member (&couple, store, TRUE, &keys, &server_items, NULL, &error) ||
      (items = closeness_couple_keys_remove_device (keys, fingerprint, &error)) == NULL ||
      !save_keys_and_pending (&couple, keys, items, &error) ||
      !upload_pending (&couple, &error))
    return fail (_("Cannot remove the device: %s\n"), error);

  save_view (&couple, keys, server_items, NULL, CLOSENESS_COUPLE_STATUS_MEMBER, NULL);

  g_print ("%s\n",
           _("Removed. What is written from now on is sealed with new keys it does not have."));

  return 0;
}

static const char *
partner_label (ClosenessDevicePartner partner)
{
  switch (partner)
    {
    case CLOSENESS_DEVICE_PARTNER_FIRST:
      return _("first partner");
    case CLOSENESS_DEVICE_PARTNER_SECOND:
      return _("second partner");
    case CLOSENESS_DEVICE_PARTNER_BOTH:
    default:
      return _("both partners");
    }
}

/**
 * closeness_couple_command_devices:
 *
 * Lists the couple's devices: fingerprint, who uses it, its name.
 */
int
closeness_couple_command_devices (ClosenessStore *store)
{
  g_auto(Couple) couple = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessCoupleKeys) keys = NULL;
  g_autoptr(GPtrArray) server_items = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GHashTable) sealed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_bytes_unref);

  if (!open_member (&couple, store, TRUE, &keys, &server_items, sealed, &error))
    return fail (_("Cannot list the devices: %s\n"), error);
  if (!closeness_couple_keys_is_member (keys))
    save_view (&couple, keys, NULL, NULL, CLOSENESS_COUPLE_STATUS_WAITING, NULL);
  else
    save_view (&couple, keys, server_items, sealed, CLOSENESS_COUPLE_STATUS_MEMBER, NULL);

  devices = closeness_couple_keys_list_devices (keys);
  for (guint i = 0; i < devices->len; i++)
    {
      ClosenessCoupleDeviceInfo *info = g_ptr_array_index (devices, i);

      /* Translators: a fingerprint, who uses the device, its name;
       * "4821 0937 5512 7730 1186 2049  (both partners)  anna-laptop" */
      g_print ("%s  (%s)  %s%s\n", info->fingerprint, partner_label (info->partner),
               info->name != NULL ? info->name : "",
               info->is_this_device ? _("  — this computer") : "");
    }
  if (closeness_couple_keys_is_member (keys))
    {
      g_autoptr(GPtrArray) requests = closeness_couple_keys_list_requests (keys, server_items);

      for (guint i = 0; i < requests->len; i++)
        {
          ClosenessCoupleDeviceInfo *info = g_ptr_array_index (requests, i);

          g_print ("%s  (%s)  %s\n", info->fingerprint, partner_label (info->partner),
                   _("waiting to be approved (closeness --approve-device)"));
        }
    }
  {
    g_autoptr(GPtrArray) codes = closeness_couple_keys_list_recovery_codes (keys);

    for (guint i = 0; i < codes->len; i++)
      {
        ClosenessCoupleDeviceInfo *info = g_ptr_array_index (codes, i);

        /* Translators: whose recovery code, its number: "recovery code (first
         * partner): 4821 0937 …"; --remove-device with it makes it stop working */
        g_print (_("recovery code (%s): %s\n"), partner_label (info->partner), info->fingerprint);
      }
  }

  return 0;
}

/* A founding that another computer's came before: its keys go (from the
 * keyring, then the store), the couple's records stop syncing here until
 * this computer joins, and the person is told what to do. What is on
 * this computer stays: it goes up once the computer is approved. */
static int
forget_founding (Couple *couple)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) states = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (states, (gpointer) SECRET_STATE, NULL);
  g_hash_table_insert (states, (gpointer) FOUNDING_STATE, NULL);
  if (!closeness_couple_keys_forget_secret (couple->account, &error) ||
      !closeness_store_couple_set_states (couple->store, states, &error) ||
      !closeness_store_couple_set_enabled (couple->store, FALSE, &error))
    return fail (_("Cannot sync answers, notes and self-care: %s\n"), error);
  save_view (couple, NULL, NULL, NULL, CLOSENESS_COUPLE_STATUS_NOT_JOINED, "");
  g_print ("%s\n",
           _("Another computer set up answers, notes and self-care on this account first: run "
             "closeness --join. Nothing on this computer is lost."));

  return 0;
}

/* The couple's part of --sync: founds the couple on the account's first
 * device, accepts a grant on a joining one, then syncs the records. */
int
closeness_couple_command_sync (ClosenessStore *store,
                               const char     *partner)
{
  g_auto(Couple) couple = { 0 };
  g_auto(ClosenessCoupleKeyring) keyring = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessCoupleKeys) keys = NULL;
  g_autoptr(GPtrArray) server_items = NULL;
  ClosenessCoupleSyncReport report;
  g_autofree char *wanted = closeness_store_dup_sync_state (store, "couple");
  g_autoptr(GHashTable) sealed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_bytes_unref);
  ClosenessDevicePartner who;

  if (!parse_partner (partner, CLOSENESS_DEVICE_PARTNER_BOTH, &who, &error))
    return fail (_("Cannot sync answers, notes and self-care: %s\n"), error);
  /* The account was set up for the calendar only (--calendar-only), or in
   * Preferences, where Your Devices starts the couple's part ("ask"). */
  if (g_strcmp0 (wanted, "off") == 0 || g_strcmp0 (wanted, "ask") == 0)
    return 0;
  if (!couple_open (&couple, store, &error))
    return fail (_("Cannot sync answers, notes and self-care: %s\n"), error);
  couple.devices = find_collection (&couple, DEVICES_NAME, TRUE, &error);
  if (couple.devices == NULL)
    return fail (_("Cannot sync answers, notes and self-care: %s\n"), error);
  keys = load_keys (&couple, &error);
  if (keys == NULL && error != NULL)
    return fail (_("Cannot sync answers, notes and self-care: %s\n"), error);
  if (keys != NULL && !upload_pending (&couple, &error))
    return fail (_("Cannot sync answers, notes and self-care: %s\n"), error);
  server_items = read_control_items (&couple, sealed, &error);
  if (server_items == NULL)
    return fail (_("Cannot sync answers, notes and self-care: %s\n"), error);

  if (keys == NULL)
    {
      g_autoptr(GPtrArray) items = NULL;

      if (server_items->len > 0)
        {
          save_view (&couple, NULL, NULL, NULL, CLOSENESS_COUPLE_STATUS_NOT_JOINED, "");
          g_print ("%s\n",
                   _("Answers, notes and self-care do not sync here yet: run closeness --join."));
          return 0;
        }
      /* The couple's first device. */
      keys = closeness_couple_keys_found (who, g_get_host_name (), &items);
      /* The keys first: without a keyring nothing is started on the server,
       * and the calendar has synced all the same. Until the device list is
       * on the server, another computer may found a couple here too: noted
       * before the keys are kept (and after turning the noting of changes
       * on, which starts the couple's state afresh). */
      if (!closeness_store_couple_set_enabled (store, TRUE, &error) ||
          !set_state (store, FOUNDING_STATE, "1", &error) || !save_keys (&couple, keys, &error))
        {
          g_print (_("Answers, notes and self-care do not sync: %s\n"), error->message);
          return 0;
        }
      if (!write_control_items (&couple, items, &error) ||
          !set_state (store, FOUNDING_STATE, NULL, &error))
        return fail (_("Cannot sync answers, notes and self-care: %s\n"), error);
    }
  else if (!closeness_couple_keys_is_member (keys))
    {
      g_autoptr(GPtrArray) items = NULL;
      g_autofree char *approver = NULL;
      g_autofree char *own = closeness_couple_keys_dup_fingerprint (keys);

      if (!closeness_couple_keys_accept (keys, server_items, g_get_host_name (), &approver, &items,
                                         &error))
        {
          if (g_error_matches (error, CLOSENESS_COUPLE_KEYS_ERROR,
                               CLOSENESS_COUPLE_KEYS_ERROR_NOT_FOUND))
            {
              save_view (&couple, keys, NULL, NULL, CLOSENESS_COUPLE_STATUS_WAITING, "");
              /* Translators: %s is this computer's fingerprint */
              g_print (_("Waiting to be approved: on a computer that is set up, run closeness --approve-device \"%s\".\n"),
                       own);
              return 0;
            }
          return fail (_("Cannot sync answers, notes and self-care: %s\n"), error);
        }
      /* Translators: %s is the approving computer's fingerprint; the person compares it */
      g_print (_("Approved by the computer showing %s.\n"), approver);
      if (!write_control_items (&couple, items, &error) || !save_keys (&couple, keys, &error) ||
          !closeness_store_couple_set_enabled (store, TRUE, &error))
        return fail (_("Cannot sync answers, notes and self-care: %s\n"), error);
      save_view (&couple, keys, NULL, NULL, CLOSENESS_COUPLE_STATUS_MEMBER, approver);
    }
  else
    {
      /* A first sync (or a removal) stopped after keeping the keys and
       * before the device list was on the server: finish it now. */
      g_autoptr(GPtrArray) unsent = NULL;
      g_autofree char *founding = closeness_store_couple_dup_state (store, FOUNDING_STATE);

      /* Meanwhile another computer founded a couple on the account: this
       * one's keys never reached the server and nothing was sealed with
       * them, so they go, and this computer joins that couple. */
      if (founding != NULL && closeness_couple_keys_founded_elsewhere (keys, server_items))
        return forget_founding (&couple);
      unsent = closeness_couple_keys_dup_unsent_entries (keys, server_items);

      if (!write_control_items (&couple, unsent, &error))
        return fail (_("Cannot sync answers, notes and self-care: %s\n"), error);
      for (guint i = 0; i < unsent->len; i++)
        g_ptr_array_add (server_items, closeness_control_item_ref (g_ptr_array_index (unsent, i)));
      if (!closeness_couple_keys_update (keys, server_items, &error)
          || !save_keys (&couple, keys, &error)
          || (founding != NULL && !set_state (store, FOUNDING_STATE, NULL, &error)))
        return fail (_("Cannot sync answers, notes and self-care: %s\n"), error);
      if (!closeness_couple_keys_is_member (keys))
        {
          save_view (&couple, keys, NULL, NULL, CLOSENESS_COUPLE_STATUS_REMOVED, NULL);
          g_print ("%s\n",
                   _("This computer was removed from the couple’s devices: answers, notes and "
                     "self-care no longer sync here. What is here stays."));
          return 0;
        }
      /* Stopped before it was turned on, right after founding. */
      if (!closeness_store_couple_get_enabled (store)
          && !closeness_store_couple_set_enabled (store, TRUE, &error))
        return fail (_("Cannot sync answers, notes and self-care: %s\n"), error);
    }

  couple.records = find_collection (&couple, RECORDS_NAME, TRUE, &error);
  if (couple.records == NULL || !closeness_couple_keys_fill_keyring (keys, &keyring, &error)
      || !closeness_couple_sync_run (store, couple.client, couple.records, &keyring, &report, NULL,
                                     &error))
    return fail (_("Cannot sync answers, notes and self-care: %s\n"), error);

  drop_stale_last_seen (&couple, keys, sealed);
  note_last_seen (&couple, keys);
  save_view (&couple, keys, server_items, sealed, CLOSENESS_COUPLE_STATUS_MEMBER, NULL);

  /* Translators: the couple's part of a sync, after the calendar's line */
  g_print (_("Synced answers, notes and self-care: %u sent, %u received, %u refused\n"),
           report.records_sent, report.applied, report.refused);
  if (report.refused > 0)
    g_print ("%s\n",
             _("Some of what is on the server was refused: changed by someone without the keys, an "
               "older version put back, or not written by the couple’s devices. What is on this "
               "computer stays as it was."));

  return 0;
}

/**
 * closeness_couple_command_recovery_code:
 * @partner: (nullable): "1" or "2": whose code, on a computer both use
 *
 * Makes a new recovery code for this computer's partner (an earlier one
 * of that partner stops working), puts its copy on the server and prints
 * the code on a line of its own, below a line that says to keep it.
 */
int
closeness_couple_command_recovery_code (ClosenessStore *store,
                                        const char     *partner)
{
  g_auto(Couple) couple = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessCoupleKeys) keys = NULL;
  g_autoptr(GPtrArray) server_items = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *code = NULL;
  ClosenessDevicePartner who;

  if (!open_member (&couple, store, TRUE, &keys, &server_items, NULL, &error))
    return fail (_("Cannot make a recovery code: %s\n"), error);
  if (!closeness_couple_keys_is_member (keys))
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("this computer is not one of the couple’s devices."));
      return fail (_("Cannot make a recovery code: %s\n"), error);
    }
  if (!parse_partner (partner, closeness_couple_keys_get_partner (keys), &who, &error))
    return fail (_("Cannot make a recovery code: %s\n"), error);
  if (who == CLOSENESS_DEVICE_PARTNER_BOTH)
    {
      g_printerr ("%s\n", _("Both partners use this computer: say whose recovery code to make, "
                            "with --partner 1 or --partner 2."));
      return 1;
    }
  if (closeness_couple_keys_get_partner (keys) != CLOSENESS_DEVICE_PARTNER_BOTH &&
      closeness_couple_keys_get_partner (keys) != who)
    {
      g_printerr ("%s\n",
                  _("A recovery code can only be made on a computer of the partner it is for."));
      return 1;
    }

  /* On the server before it is kept here: a code is printed only once
   * its copy is there. */
  items = closeness_couple_keys_create_recovery (keys, who, &code, &error);
  if (items == NULL || !write_control_items (&couple, items, &error)
      || !save_keys (&couple, keys, &error))
    {
      if (code != NULL)
        memset (code, 0, strlen (code));
      return fail (_("Cannot make a recovery code: %s\n"), error);
    }
  save_view (&couple, keys, server_items, NULL, CLOSENESS_COUPLE_STATUS_MEMBER, NULL);

  g_print ("%s\n",
           who == CLOSENESS_DEVICE_PARTNER_FIRST
             ? _("The first partner’s recovery code (an earlier one no longer works): write it down or "
                 "print it, and keep it somewhere safe.")
             : _("The second partner’s recovery code (an earlier one no longer works): write it down or "
                 "print it, and keep it somewhere safe."));
  g_print ("%s\n", code);
  memset (code, 0, strlen (code));

  return 0;
}

/**
 * closeness_couple_command_recover:
 *
 * On a computer that has the account (--sync-account) and no keys: reads
 * a recovery code from standard input, opens the partner's keys with it
 * and joins the couple's devices. A mistyped or wrong code changes nothing.
 */
int
closeness_couple_command_recover (ClosenessStore *store)
{
  g_auto(Couple) couple = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessCoupleKeys) keys = NULL;
  g_autoptr(ClosenessCoupleKeys) existing = NULL;
  g_autoptr(GPtrArray) server_items = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *code = NULL;

  if (!open_devices (&couple, store, &error))
    return fail (_("Cannot recover: %s\n"), error);
  existing = load_keys (&couple, &error);
  g_clear_error (&error);
  if (existing != NULL && closeness_couple_keys_is_member (existing))
    {
      g_printerr ("%s\n", _("This computer is already one of the couple’s devices."));
      return 1;
    }
  server_items = read_control_items (&couple, NULL, &error);
  if (server_items == NULL)
    return fail (_("Cannot recover: %s\n"), error);

  code = closeness_sync_command_read_secret (_("Recovery code:"));
  keys = closeness_couple_keys_new_from_recovery (code, server_items, g_get_host_name (), &items,
                                                  &error);
  memset (code, 0, strlen (code));
  if (keys == NULL)
    {
      if (g_error_matches (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED))
        g_printerr ("%s\n", _("This recovery code is mistyped: check each group of four characters "
                              "and try again. Nothing was changed."));
      else if (g_error_matches (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_WRONG_CODE))
        g_printerr ("%s\n", _("This recovery code does not open the couple’s keys on this account. "
                              "Nothing was changed."));
      else if (g_error_matches (error, CLOSENESS_COUPLE_KEYS_ERROR,
                                CLOSENESS_COUPLE_KEYS_ERROR_NOT_MEMBER))
        g_printerr ("%s\n", _("This recovery code was replaced by a newer one and no longer works. "
                              "Nothing was changed."));
      else
        return fail (_("Cannot recover: %s\n"), error);
      return 1;
    }

  /* On the server first: if another computer adds a device at the same
   * time, nothing is kept here and --recover can simply run again. */
  if (!write_control_items (&couple, items, &error) || !save_keys (&couple, keys, &error) ||
      !closeness_store_couple_set_enabled (store, TRUE, &error))
    return fail (_("Cannot recover: %s\n"), error);
  save_view (&couple, keys, server_items, NULL, CLOSENESS_COUPLE_STATUS_MEMBER, "");

  g_print ("%s\n", _("Recovered: this computer is one of the couple’s devices again. "
                     "closeness --sync brings everything back."));

  return 0;
}
