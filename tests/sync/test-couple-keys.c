/* test-couple-keys.c: the couple's devices and keys: control items,
 * founding, key generations, joining, removing a device, last seen,
 * recovery and the secret state.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No server: a GHashTable of VJOURNALs stands in for the server's items.
 * Three devices: A and A′ (the first partner's) and B (the second's).
 */

#include <sodium.h>
#include <string.h>

#include "couple-keys-test-fixture.h"
#include "sync/closeness-control-item.h"
#include "sync/closeness-secret.h"

#define START_MS G_GINT64_CONSTANT (1767225600000)  /* 2026-01-01 */

static const char *intimate = "I felt alone last week and did not say so.";

/* ---- Helpers ------------------------------------------------------------- */

static void
assert_refused (gconstpointer   result,
                GError        **error,
                GQuark          domain,
                int             code)
{
  g_assert_null (result);
  g_assert_error (*error, domain, code);
  g_assert_null (strstr ((*error)->message, "alone"));
  g_clear_error (error);
}

static ClosenessHlc
version_of (ClosenessCoupleKeys *keys,
            guint16              counter)
{
  ClosenessHlc version = {
    START_MS, counter,
    closeness_vault_device_get_id (closeness_couple_keys_get_device (keys))
  };

  return version;
}

typedef struct
{
  char   *uid;
  GBytes *envelope;
} Sealed;

static void
sealed_clear (Sealed *sealed)
{
  g_clear_pointer (&sealed->uid, g_free);
  g_clear_pointer (&sealed->envelope, g_bytes_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sealed, sealed_clear)

static Sealed
seal (ClosenessCoupleKeys    *writer,
      const char             *stable_id,
      ClosenessDevicePartner  owner,
      gboolean                is_private,
      guint16                 counter)
{
  g_autoptr(GBytes) plain = g_bytes_new_static (intimate, strlen (intimate));
  g_autoptr(GError) error = NULL;
  ClosenessHlc version = version_of (writer, counter);
  Sealed sealed = { NULL, NULL };

  sealed.envelope = closeness_couple_keys_seal_record (writer, plain, "selfcare", stable_id, owner,
                                                       is_private, &version, &sealed.uid, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sealed.envelope);
  return sealed;
}

static void
assert_opens (ClosenessCoupleKeys *reader,
              Sealed              *sealed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) plain = NULL;
  ClosenessHlc version;

  plain = closeness_couple_keys_open_record (reader, sealed->envelope, "selfcare", sealed->uid,
                                             NULL, &version, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain),
                   intimate, strlen (intimate));
}

static void
assert_does_not_open (ClosenessCoupleKeys *reader,
                      Sealed              *sealed,
                      int                  vault_code)
{
  g_autoptr(GError) error = NULL;
  ClosenessHlc version;

  assert_refused (closeness_couple_keys_open_record (reader, sealed->envelope, "selfcare",
                                                     sealed->uid, NULL, &version, &error),
                  &error, CLOSENESS_VAULT_ERROR, vault_code);
}

/* The name of the device showing @fingerprint, as @keys lists it. */
static ClosenessCoupleDeviceInfo *
find_device (ClosenessCoupleKeys *keys,
             const char          *fingerprint,
             GPtrArray          **devices_out)
{
  GPtrArray *devices = closeness_couple_keys_list_devices (keys);

  *devices_out = devices;
  for (guint i = 0; i < devices->len; i++)
    {
      ClosenessCoupleDeviceInfo *info = g_ptr_array_index (devices, i);

      if (g_strcmp0 (info->fingerprint, fingerprint) == 0)
        return info;
    }

  return NULL;
}

static gboolean
contains_bytes (GBytes *haystack,
                GBytes *needle)
{
  gsize length, needle_length;
  const guint8 *data = g_bytes_get_data (haystack, &length);
  const guint8 *wanted = g_bytes_get_data (needle, &needle_length);

  for (gsize i = 0; i + needle_length <= length; i++)
    {
      if (memcmp (data + i, wanted, needle_length) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Nothing secret in anything the server ever got: no key, no device
 * secret, no recovery code, no device name. */
static void
assert_nothing_secret (Server     *server,
                       GPtrArray  *devices,
                       const char *code)
{
  g_autoptr(GPtrArray) needles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  /* Whole names: a word as short as "Ben" turns up in base64 by chance. */
  const char *names[] = { "Anna’s laptop", "Ben’s laptop", "Anna’s old desktop" };

  for (guint i = 0; i < devices->len; i++)
    {
      ClosenessCoupleKeys *keys = g_ptr_array_index (devices, i);
      g_autoptr(GPtrArray) held = closeness_couple_keys_dup_keys (keys);
      g_autoptr(GBytes) serialized = closeness_vault_keys_serialize (held);
      g_autoptr(GBytes) secret =
        closeness_vault_device_dup_secret (closeness_couple_keys_get_device (keys));

      g_assert_cmpuint (held->len, >, 0);
      /* version, count, then kind (1) and key (32) each */
      for (guint k = 0; k < held->len; k++)
        g_ptr_array_add (needles, g_bytes_new_from_bytes (serialized, 2 + k * 33 + 1, 32));
      /* version, signing seed (32), box secret key (32) */
      g_ptr_array_add (needles, g_bytes_new_from_bytes (secret, 1, 32));
      g_ptr_array_add (needles, g_bytes_new_from_bytes (secret, 33, 32));
    }
  if (code != NULL)
    {
      g_ptr_array_add (needles, g_bytes_new (code, strlen (code)));
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_ptr_array_add (needles, g_bytes_new_static (names[i], strlen (names[i])));

  g_assert_cmpuint (server->history->len, >, 0);
  for (guint i = 0; i < server->history->len; i++)
    {
      GBytes *ics = g_ptr_array_index (server->history, i);
      g_autofree char *uid = NULL;
      g_autoptr(GBytes) bytes = NULL;

      g_assert_true (closeness_vault_item_from_ics (g_bytes_get_data (ics, NULL),
                                                    g_bytes_get_size (ics), &uid, &bytes, NULL));
      for (guint n = 0; n < needles->len; n++)
        {
          GBytes *needle = g_ptr_array_index (needles, n);

          g_assert_false (contains_bytes (bytes, needle));
          g_assert_false (contains_bytes (ics, needle));
        }
    }
}

/* ---- Tests --------------------------------------------------------------- */

static void
test_control_item (void)
{
  g_autoptr(GBytes) payload = g_bytes_new_static ("payload", 7);
  g_autoptr(ClosenessControlItem) item =
    closeness_control_item_new (CLOSENESS_CONTROL_ITEM_KEY_GRANT, "00ab-01cd-7", payload);
  g_autoptr(ClosenessControlItem) parsed = NULL;
  g_autoptr(ClosenessControlItem) same = NULL;
  g_autoptr(GBytes) record = g_bytes_new_static ("\001not a control item", 19);
  g_autoptr(GError) error = NULL;
  const char *uid = closeness_control_item_get_uid (item);

  g_assert_cmpuint (strlen (uid), ==, 32);
  for (const char *p = uid; *p != '\0'; p++)
    g_assert_true (g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f'));

  parsed = closeness_control_item_parse (closeness_control_item_get_bytes (item), &error);
  g_assert_no_error (error);
  g_assert_cmpint (closeness_control_item_get_kind (parsed), ==, CLOSENESS_CONTROL_ITEM_KEY_GRANT);
  g_assert_cmpstr (closeness_control_item_get_stable_id (parsed), ==, "00ab-01cd-7");
  g_assert_cmpstr (closeness_control_item_get_uid (parsed), ==, uid);
  g_assert_true (g_bytes_equal (closeness_control_item_get_payload (parsed), payload));

  /* The UID follows from kind and stable id alone. */
  same = closeness_control_item_new (CLOSENESS_CONTROL_ITEM_KEY_GRANT, "00ab-01cd-7", record);
  g_assert_cmpstr (closeness_control_item_get_uid (same), ==, uid);

  g_assert_false (closeness_control_item_is_control (record));
  assert_refused (closeness_control_item_parse (record, &error), &error, CLOSENESS_VAULT_ERROR,
                  CLOSENESS_VAULT_ERROR_MALFORMED);
  {
    g_autoptr(GBytes) cut = g_bytes_new_from_bytes (closeness_control_item_get_bytes (item), 0, 8);

    assert_refused (closeness_control_item_parse (cut, &error), &error, CLOSENESS_VAULT_ERROR,
                    CLOSENESS_VAULT_ERROR_MALFORMED);
  }
}

static void
test_found (void)
{
  g_autoptr(ClosenessCoupleKeys) a = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(ClosenessVaultKey) couple_key = NULL;
  g_autoptr(ClosenessVaultKey) personal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  ClosenessCoupleDeviceInfo *info;

  a = closeness_couple_keys_found (CLOSENESS_DEVICE_PARTNER_FIRST, "Anna’s laptop", &items);
  g_assert_true (closeness_couple_keys_is_member (a));
  /* Root, couple key, personal key, name. */
  g_assert_cmpuint (items->len, ==, 4);
  for (guint i = 0; i < items->len; i++)
    {
      ClosenessControlItem *item = g_ptr_array_index (items, i);
      g_autofree char *seq = g_strdup_printf ("%u", i);

      g_assert_cmpint (closeness_control_item_get_kind (item), ==,
                       CLOSENESS_CONTROL_ITEM_DEVICE_LIST_ENTRY);
      g_assert_cmpstr (closeness_control_item_get_stable_id (item), ==, seq);
    }

  fingerprint = closeness_couple_keys_dup_fingerprint (a);
  g_assert_true (g_regex_match_simple ("^[0-9]{4}( [0-9]{4}){5}$", fingerprint, 0, 0));
  info = find_device (a, fingerprint, &devices);
  g_assert_nonnull (info);
  g_assert_cmpuint (devices->len, ==, 1);
  g_assert_cmpstr (info->name, ==, "Anna’s laptop");
  g_assert_true (info->is_root);
  g_assert_true (info->is_this_device);
  g_assert_true (info->has_personal_key);
  g_assert_cmpint (info->partner, ==, CLOSENESS_DEVICE_PARTNER_FIRST);

  couple_key = closeness_couple_keys_get_sealing_key (a, CLOSENESS_DEVICE_PARTNER_FIRST, FALSE,
                                                      &error);
  g_assert_no_error (error);
  g_assert_cmpint (closeness_vault_key_get_kind (couple_key), ==, CLOSENESS_VAULT_KEY_COUPLE);
  personal = closeness_couple_keys_get_sealing_key (a, CLOSENESS_DEVICE_PARTNER_FIRST, TRUE,
                                                    &error);
  g_assert_no_error (error);
  g_assert_cmpint (closeness_vault_key_get_kind (personal), ==, CLOSENESS_VAULT_KEY_PERSONAL);
  g_assert_true (closeness_couple_keys_is_key_current (a, closeness_vault_key_get_id (personal)));
  /* The second partner has no key yet: their first device makes it. */
  assert_refused (closeness_couple_keys_get_sealing_key (a, CLOSENESS_DEVICE_PARTNER_SECOND, TRUE,
                                                         &error),
                  &error, CLOSENESS_COUPLE_KEYS_ERROR, CLOSENESS_COUPLE_KEYS_ERROR_KEY_MISSING);
}

static void
test_join (Couple        *couple,
           gconstpointer  data)
{
  g_auto(Sealed) a_private = seal (couple->a, "checkin-1", CLOSENESS_DEVICE_PARTNER_FIRST, TRUE, 1);
  g_auto(Sealed) b_private =
    seal (couple->b, "checkin-2", CLOSENESS_DEVICE_PARTNER_SECOND, TRUE, 1);
  g_auto(Sealed) b_shared =
    seal (couple->b, "evening-1", CLOSENESS_DEVICE_PARTNER_SECOND, FALSE, 2);
  ClosenessCoupleKeys *all[] = { couple->a, couple->a2, couple->b };
  g_autoptr(GError) error = NULL;

  /* Every device lists the same three, with their names. */
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_autoptr(GPtrArray) devices = NULL;
      ClosenessCoupleDeviceInfo *a_info = find_device (all[i], couple->a_fingerprint, &devices);
      g_autoptr(GPtrArray) devices_2 = NULL;
      ClosenessCoupleDeviceInfo *b_info = find_device (all[i], couple->b_fingerprint, &devices_2);
      g_autoptr(GPtrArray) devices_3 = NULL;
      ClosenessCoupleDeviceInfo *a2_info = find_device (all[i], couple->a2_fingerprint, &devices_3);

      g_assert_cmpuint (devices->len, ==, 3);
      g_assert_cmpstr (a_info->name, ==, "Anna’s laptop");
      g_assert_cmpstr (b_info->name, ==, "Ben’s laptop");
      g_assert_cmpstr (a2_info->name, ==, "Anna’s old desktop");
      g_assert_cmpint (b_info->partner, ==, CLOSENESS_DEVICE_PARTNER_SECOND);
      g_assert_cmpint (a2_info->partner, ==, CLOSENESS_DEVICE_PARTNER_FIRST);
      g_assert_true (a_info->is_root);
      g_assert_false (b_info->is_root);
      g_assert_true (a_info->is_this_device == (all[i] == couple->a));
    }

  /* A′ got A's personal key; B did not, and made its own. */
  assert_opens (couple->a2, &a_private);
  assert_does_not_open (couple->b, &a_private, CLOSENESS_VAULT_ERROR_WRONG_KEY);
  assert_opens (couple->b, &b_private);
  assert_does_not_open (couple->a, &b_private, CLOSENESS_VAULT_ERROR_WRONG_KEY);
  assert_does_not_open (couple->a2, &b_private, CLOSENESS_VAULT_ERROR_WRONG_KEY);
  assert_refused (closeness_couple_keys_get_sealing_key (couple->b, CLOSENESS_DEVICE_PARTNER_FIRST,
                                                         TRUE, &error),
                  &error, CLOSENESS_COUPLE_KEYS_ERROR, CLOSENESS_COUPLE_KEYS_ERROR_KEY_MISSING);
  /* Shared records open everywhere. */
  assert_opens (couple->a, &b_shared);
  assert_opens (couple->a2, &b_shared);
  /* A shared and a private record of the same id have unrelated names. */
  {
    g_auto(Sealed) a_shared =
      seal (couple->a, "checkin-1", CLOSENESS_DEVICE_PARTNER_FIRST, FALSE, 3);

    g_assert_cmpstr (a_shared.uid, !=, a_private.uid);
    assert_opens (couple->b, &a_shared);
  }

  /* A fingerprint nobody shows, or that is not one. */
  {
    g_autoptr(GPtrArray) items = couple_test_server_items (couple->server);

    assert_refused (closeness_couple_keys_approve (couple->a, "1111 2222 3333 4444 5555 6666",
                                                   items, &error),
                    &error, CLOSENESS_COUPLE_KEYS_ERROR, CLOSENESS_COUPLE_KEYS_ERROR_NOT_FOUND);
    assert_refused (closeness_couple_keys_approve (couple->a, "1111 2222", items, &error),
                    &error, CLOSENESS_COUPLE_KEYS_ERROR, CLOSENESS_COUPLE_KEYS_ERROR_MALFORMED);
  }
}

/* B (the other partner) cannot vouch for a second device of the first. */
static void
test_other_partner (Couple        *couple,
                    gconstpointer  data)
{
  g_autoptr(ClosenessCoupleKeys) c = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;

  c = closeness_couple_keys_new_joining (CLOSENESS_DEVICE_PARTNER_FIRST, &items);
  couple_test_server_put (couple->server, g_steal_pointer (&items));
  fingerprint = closeness_couple_keys_dup_fingerprint (c);
  all = couple_test_server_items (couple->server);
  assert_refused (closeness_couple_keys_approve (couple->b, fingerprint, all, &error), &error,
                  CLOSENESS_COUPLE_KEYS_ERROR, CLOSENESS_COUPLE_KEYS_ERROR_FORBIDDEN);

  /* A device of the first partner can, and passes its personal key on. */
  couple_test_server_put (couple->server,
                          couple_test_approve (couple->a2, couple->server, fingerprint));
  g_free (couple_test_accept (c, couple->server, "Anna’s phone"));
  {
    g_auto(Sealed) a_private = seal (couple->a, "note-1", CLOSENESS_DEVICE_PARTNER_FIRST, TRUE, 1);

    assert_opens (c, &a_private);
  }
}

static void
test_remove (Couple        *couple,
             gconstpointer  data)
{
  g_auto(Sealed) before = seal (couple->a, "evening-1", CLOSENESS_DEVICE_PARTNER_FIRST, FALSE, 1);
  g_autoptr(ClosenessVaultKey) old_key = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *old_key_id = NULL;

  old_key = closeness_couple_keys_get_sealing_key (couple->b, CLOSENESS_DEVICE_PARTNER_SECOND,
                                                   FALSE, &error);
  g_assert_no_error (error);
  old_key_id = g_strdup (closeness_vault_key_get_id (old_key));

  items = closeness_couple_keys_remove_device (couple->a, couple->a2_fingerprint, &error);
  g_assert_no_error (error);
  couple_test_server_put (couple->server, g_steal_pointer (&items));
  couple_test_update (couple->b, couple->server);
  couple_test_update (couple->a2, couple->server);
  g_assert_false (closeness_couple_keys_is_member (couple->a2));
  g_assert_true (closeness_couple_keys_is_member (couple->b));
  g_assert_null (find_device (couple->b, couple->a2_fingerprint, &devices));

  /* Written after the removal: A′ reads none of it, shared or private. */
  {
    g_auto(Sealed) shared =
      seal (couple->b, "evening-2", CLOSENESS_DEVICE_PARTNER_SECOND, FALSE, 2);
    g_auto(Sealed) a_private =
      seal (couple->a, "checkin-3", CLOSENESS_DEVICE_PARTNER_FIRST, TRUE, 2);

    assert_opens (couple->a, &shared);
    assert_does_not_open (couple->a2, &shared, CLOSENESS_VAULT_ERROR_WRONG_KEY);
    assert_does_not_open (couple->a2, &a_private, CLOSENESS_VAULT_ERROR_WRONG_KEY);
    assert_does_not_open (couple->b, &a_private, CLOSENESS_VAULT_ERROR_WRONG_KEY);
  }
  /* What A′ writes now is refused, and it can seal nothing. */
  assert_refused (closeness_couple_keys_get_sealing_key (couple->a2, CLOSENESS_DEVICE_PARTNER_FIRST,
                                                         FALSE, &error),
                  &error, CLOSENESS_COUPLE_KEYS_ERROR, CLOSENESS_COUPLE_KEYS_ERROR_NOT_MEMBER);

  /* Older items stay readable with the old generation, and are due to be
   * sealed again under a new name. */
  assert_opens (couple->b, &before);
  g_assert_false (closeness_couple_keys_is_key_current (couple->b, old_key_id));
  {
    g_auto(Sealed) again = seal (couple->a, "evening-1", CLOSENESS_DEVICE_PARTNER_FIRST, FALSE, 5);

    g_assert_cmpstr (again.uid, !=, before.uid);
  }

  all = g_ptr_array_new ();
  g_ptr_array_add (all, couple->a);
  g_ptr_array_add (all, couple->a2);
  g_ptr_array_add (all, couple->b);
  assert_nothing_secret (couple->server, all, NULL);
}

/* B removes A′: B rotates the couple key, and A's personal key waits for
 * a device of A's. */
static void
test_remove_by_other_partner (Couple        *couple,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  items = closeness_couple_keys_remove_device (couple->b, couple->a2_fingerprint, &error);
  g_assert_no_error (error);
  couple_test_server_put (couple->server, g_steal_pointer (&items));
  couple_test_update (couple->a, couple->server);

  assert_refused (closeness_couple_keys_get_sealing_key (couple->a, CLOSENESS_DEVICE_PARTNER_FIRST,
                                                         TRUE, &error),
                  &error, CLOSENESS_COUPLE_KEYS_ERROR,
                  CLOSENESS_COUPLE_KEYS_ERROR_ROTATION_PENDING);
  /* B has nothing to catch up on; A has. */
  items = closeness_couple_keys_catch_up (couple->b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 0);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = closeness_couple_keys_catch_up (couple->a, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >, 0);
  couple_test_server_put (couple->server, g_steal_pointer (&items));
  couple_test_update (couple->b, couple->server);
  couple_test_update (couple->a2, couple->server);

  {
    g_auto(Sealed) a_private =
      seal (couple->a, "checkin-4", CLOSENESS_DEVICE_PARTNER_FIRST, TRUE, 3);
    g_auto(Sealed) shared = seal (couple->a, "evening-4", CLOSENESS_DEVICE_PARTNER_FIRST, FALSE, 4);

    assert_does_not_open (couple->a2, &a_private, CLOSENESS_VAULT_ERROR_WRONG_KEY);
    assert_does_not_open (couple->a2, &shared, CLOSENESS_VAULT_ERROR_WRONG_KEY);
    assert_opens (couple->b, &shared);
  }
}

static void
test_last_seen (Couple        *couple,
                gconstpointer  data)
{
  ClosenessHlc version = version_of (couple->a, 7);
  ClosenessHlc opened;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;
  g_autoptr(GBytes) envelope = NULL;
  guint64 a_id = closeness_vault_device_get_id (closeness_couple_keys_get_device (couple->a));
  gint64 seen = 0;

  envelope = closeness_couple_keys_seal_last_seen (couple->a, START_MS + 1234, &version, &uid,
                                                   &error);
  g_assert_no_error (error);
  g_assert_true (closeness_couple_keys_open_last_seen (couple->b, a_id, envelope, NULL, &seen,
                                                       &opened, &error));
  g_assert_no_error (error);
  g_assert_cmpint (seen, ==, START_MS + 1234);
  g_assert_cmpint (closeness_hlc_compare (&opened, &version), ==, 0);
  {
    g_autofree char *b_uid = closeness_couple_keys_last_seen_uid (couple->b, a_id);

    g_assert_cmpstr (b_uid, ==, uid);
  }
  /* Not another device's. */
  g_assert_false (closeness_couple_keys_open_last_seen (
    couple->b, closeness_vault_device_get_id (closeness_couple_keys_get_device (couple->b)),
    envelope, NULL, &seen, &opened, &error));
  g_assert_error (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MISPLACED);
}

static void
test_recovery (Couple        *couple,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(ClosenessCoupleKeys) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *restored_fingerprint = NULL;
  g_autofree char *wrong = closeness_vault_recovery_code_generate ();
  ClosenessCoupleDeviceInfo *info;

  /* B may not keep A's keys. */
  assert_refused (closeness_couple_keys_create_recovery (couple->b, CLOSENESS_DEVICE_PARTNER_FIRST,
                                                         &code, &error),
                  &error, CLOSENESS_COUPLE_KEYS_ERROR, CLOSENESS_COUPLE_KEYS_ERROR_FORBIDDEN);

  items = closeness_couple_keys_create_recovery (couple->a, CLOSENESS_DEVICE_PARTNER_FIRST, &code,
                                                 &error);
  g_assert_no_error (error);
  couple_test_server_put (couple->server, g_steal_pointer (&items));
  couple_test_update (couple->b, couple->server);
  couple_test_update (couple->a2, couple->server);
  /* A recovery code is no device. */
  g_assert_null (find_device (couple->b, "0000 0000 0000 0000 0000 0000", &devices));
  g_assert_cmpuint (devices->len, ==, 3);
  g_clear_pointer (&devices, g_ptr_array_unref);

  /* Keys rotate after the code was printed: it follows them. */
  items = closeness_couple_keys_remove_device (couple->a, couple->a2_fingerprint, &error);
  g_assert_no_error (error);
  couple_test_server_put (couple->server, g_steal_pointer (&items));
  couple_test_update (couple->b, couple->server);

  {
    g_auto(Sealed) a_private =
      seal (couple->a, "checkin-9", CLOSENESS_DEVICE_PARTNER_FIRST, TRUE, 9);
    g_auto(Sealed) shared =
      seal (couple->b, "evening-9", CLOSENESS_DEVICE_PARTNER_SECOND, FALSE, 9);
    g_autoptr(GPtrArray) server_list = couple_test_server_items (couple->server);
    g_autofree char *lower = g_ascii_strdown (code, -1);

    /* A wrong code fails cleanly; a mistyped one at once. */
    assert_refused (closeness_couple_keys_new_from_recovery (wrong, server_list,
                                                             "Anna’s new laptop", &items, &error),
                    &error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_WRONG_CODE);
    assert_refused (closeness_couple_keys_new_from_recovery ("1234-5678", server_list,
                                                             "Anna’s new laptop", &items, &error),
                    &error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED);
    g_assert_null (items);

    /* Every device lost: the code, typed in lower case, restores A's keys. */
    restored = closeness_couple_keys_new_from_recovery (lower, server_list, "Anna’s new laptop",
                                                        &items, &error);
    g_assert_no_error (error);
    g_assert_nonnull (restored);
    couple_test_server_put (couple->server, g_steal_pointer (&items));
    g_assert_true (closeness_couple_keys_is_member (restored));
    assert_opens (restored, &a_private);
    assert_opens (restored, &shared);
  }

  /* The other devices take the new device, which the code added. */
  couple_test_update (couple->b, couple->server);
  couple_test_update (couple->a, couple->server);
  restored_fingerprint = closeness_couple_keys_dup_fingerprint (restored);
  info = find_device (couple->b, restored_fingerprint, &devices);
  g_assert_nonnull (info);
  if (info == NULL)
    return;
  g_assert_cmpstr (info->name, ==, "Anna’s new laptop");
  g_assert_cmpint (info->partner, ==, CLOSENESS_DEVICE_PARTNER_FIRST);
  {
    g_auto(Sealed) from_restored = seal (restored, "checkin-10", CLOSENESS_DEVICE_PARTNER_FIRST,
                                         TRUE, 10);

    assert_opens (couple->a, &from_restored);
  }

  all = g_ptr_array_new ();
  g_ptr_array_add (all, couple->a);
  g_ptr_array_add (all, couple->a2);
  g_ptr_array_add (all, couple->b);
  g_ptr_array_add (all, restored);
  assert_nothing_secret (couple->server, all, code);

  /* A new code replaces the old one, which no longer adds a device. */
  {
    g_autofree char *second = NULL;
    g_autoptr(GPtrArray) server_list = NULL;

    items = closeness_couple_keys_create_recovery (couple->a, CLOSENESS_DEVICE_PARTNER_FIRST,
                                                   &second, &error);
    g_assert_no_error (error);
    couple_test_server_put (couple->server, g_steal_pointer (&items));
    server_list = couple_test_server_items (couple->server);
    assert_refused (closeness_couple_keys_new_from_recovery (code, server_list, "Stolen",
                                                             &items, &error),
                    &error, CLOSENESS_COUPLE_KEYS_ERROR, CLOSENESS_COUPLE_KEYS_ERROR_NOT_MEMBER);
  }
}

static void
test_secret_state (Couple        *couple,
                   gconstpointer  data)
{
  g_auto(Sealed) a_private = seal (couple->a, "checkin-1", CLOSENESS_DEVICE_PARTNER_FIRST, TRUE, 1);
  g_autoptr(GBytes) public_state = closeness_couple_keys_dup_public_state (couple->a);
  g_autoptr(ClosenessCoupleKeys) loaded = NULL;
  g_autoptr(ClosenessCoupleKeys) none = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GPtrArray) held = NULL;

  closeness_secret_use_memory_for_testing ();
  g_assert_true (closeness_couple_keys_save_secret (couple->a, "anna@dav.example.org", &error));
  g_assert_no_error (error);

  loaded = closeness_couple_keys_load ("anna@dav.example.org", public_state, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  fingerprint = closeness_couple_keys_dup_fingerprint (loaded);
  g_assert_cmpstr (fingerprint, ==, couple->a_fingerprint);
  g_assert_true (closeness_couple_keys_is_member (loaded));
  kept = closeness_couple_keys_dup_keys (loaded);
  held = closeness_couple_keys_dup_keys (couple->a);
  g_assert_cmpuint (kept->len, ==, held->len);
  for (guint i = 0; i < kept->len; i++)
    g_assert_true (closeness_vault_key_equal (g_ptr_array_index (kept, i),
                                              g_ptr_array_index (held, i)));
  assert_opens (loaded, &a_private);
  /* The loaded device carries on with the server. */
  couple_test_update (loaded, couple->server);

  /* Public state changed in the store: refused like the server's. */
  {
    gsize length;
    guint8 *copy = g_bytes_unref_to_data (g_bytes_ref (public_state), &length);
    g_autoptr(GBytes) changed = NULL;
    g_autoptr(GBytes) secret = closeness_couple_keys_dup_secret_state (couple->a);

    copy[length - 1] ^= 1;
    changed = g_bytes_new_take (copy, length);
    assert_refused (closeness_couple_keys_new_from_state (secret, changed, &error), &error,
                    CLOSENESS_COUPLE_KEYS_ERROR, CLOSENESS_COUPLE_KEYS_ERROR_TAMPERED);
  }

  g_assert_true (closeness_secret_clear ("couple-keys", "anna@dav.example.org", &error));
  g_assert_no_error (error);
  none = closeness_couple_keys_load ("anna@dav.example.org", public_state, &error);
  g_assert_no_error (error);
  g_assert_null (none);
}

/* More generations than one block of the vault's key format (64): every
 * one survives the Secret Service and a recovery copy. */
static void
test_many_generations (void)
{
  g_autoptr(Server) server = couple_test_server_new ();
  g_autoptr(ClosenessCoupleKeys) a = NULL;
  g_autoptr(ClosenessCoupleKeys) loaded = NULL;
  g_autoptr(ClosenessCoupleKeys) restored = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(GBytes) public_state = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_auto(Sealed) first = { NULL, NULL };

  a = closeness_couple_keys_found (CLOSENESS_DEVICE_PARTNER_FIRST, "Anna’s laptop", &items);
  couple_test_server_put (server, g_steal_pointer (&items));
  first = seal (a, "evening-1", CLOSENESS_DEVICE_PARTNER_FIRST, TRUE, 1);

  for (guint i = 0; i < 33; i++)
    {
      g_autoptr(ClosenessCoupleKeys) other = NULL;
      g_autofree char *fingerprint = NULL;

      other = closeness_couple_keys_new_joining (CLOSENESS_DEVICE_PARTNER_FIRST, &items);
      couple_test_server_put (server, g_steal_pointer (&items));
      fingerprint = closeness_couple_keys_dup_fingerprint (other);
      couple_test_server_put (server, couple_test_approve (a, server, fingerprint));
      g_free (couple_test_accept (other, server, "Anna’s phone"));
      couple_test_update (a, server);
      items = closeness_couple_keys_remove_device (a, fingerprint, &error);
      g_assert_no_error (error);
      couple_test_server_put (server, g_steal_pointer (&items));
    }

  held = closeness_couple_keys_dup_keys (a);
  g_assert_cmpuint (held->len, ==, 2 * 34);
  secret = closeness_couple_keys_dup_secret_state (a);
  public_state = closeness_couple_keys_dup_public_state (a);
  loaded = closeness_couple_keys_new_from_state (secret, public_state, &error);
  g_assert_no_error (error);
  kept = closeness_couple_keys_dup_keys (loaded);
  g_assert_cmpuint (kept->len, ==, held->len);
  assert_opens (loaded, &first);

  items = closeness_couple_keys_create_recovery (a, CLOSENESS_DEVICE_PARTNER_FIRST, &code, &error);
  g_assert_no_error (error);
  couple_test_server_put (server, g_steal_pointer (&items));
  {
    g_autoptr(GPtrArray) server_list = couple_test_server_items (server);

    restored = closeness_couple_keys_new_from_recovery (code, server_list, "Anna’s new laptop",
                                                        &items, &error);
    g_assert_no_error (error);
    g_clear_pointer (&items, g_ptr_array_unref);
  }
  assert_opens (restored, &first);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sync/couple-keys/control-item", test_control_item);
  g_test_add_func ("/sync/couple-keys/found", test_found);
  g_test_add_func ("/sync/couple-keys/many-generations", test_many_generations);

  COUPLE_TEST_ADD ("/sync/couple-keys/join", test_join);
  COUPLE_TEST_ADD ("/sync/couple-keys/other-partner", test_other_partner);
  COUPLE_TEST_ADD ("/sync/couple-keys/remove", test_remove);
  COUPLE_TEST_ADD ("/sync/couple-keys/remove-by-other-partner", test_remove_by_other_partner);
  COUPLE_TEST_ADD ("/sync/couple-keys/last-seen", test_last_seen);
  COUPLE_TEST_ADD ("/sync/couple-keys/recovery", test_recovery);
  COUPLE_TEST_ADD ("/sync/couple-keys/secret-state", test_secret_state);

  return g_test_run ();
}
