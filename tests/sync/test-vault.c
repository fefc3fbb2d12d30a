/* test-vault.c: the end-to-end encryption core of couple sync
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No server: keys, devices, envelopes, the VJOURNAL wrapper, the recovery
 * code and answer commitments, each round-tripped and each refusal checked
 * with the error a caller acts on.
 */

#include <libical/ical.h>
#include <string.h>

#include "sync/closeness-vault.h"
#include "sync/closeness-vault-private.h"

#define START_MS G_GINT64_CONSTANT (1767225600000)  /* 2026-01-01 */

/* The envelope's size around the padded version and record: header 65,
 * tag 16, signature 64 (see closeness-vault-record.c). */
#define ENVELOPE_OVERHEAD 145

static const char *intimate = "We both want more evenings without our phones.";

/* ---- Helpers ------------------------------------------------------------- */

static GBytes *
text_bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static GBytes *
filled_bytes (gsize  length,
              guint8 fill)
{
  guint8 *data = g_malloc (MAX (length, 1));

  memset (data, fill, length);
  return g_bytes_new_take (data, length);
}

/* A key with fixed bytes, through the public parser, for known answers. */
static ClosenessVaultKey *
fixed_key (ClosenessVaultKeyKind kind,
           guint8                fill)
{
  guint8 data[2 + 1 + 32];
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GError) error = NULL;

  data[0] = 1;
  data[1] = 1;
  data[2] = kind;
  memset (data + 3, fill, 32);
  bytes = g_bytes_new (data, sizeof data);
  keys = closeness_vault_keys_parse (bytes, &error);
  g_assert_no_error (error);

  return closeness_vault_key_ref (g_ptr_array_index (keys, 0));
}

static GPtrArray *
device_list (ClosenessVaultDevice *first,
             ...)
{
  GPtrArray *devices =
    g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_vault_device_unref);
  va_list args;

  va_start (args, first);
  for (ClosenessVaultDevice *device = first; device != NULL;
       device = va_arg (args, ClosenessVaultDevice *))
    {
      g_autoptr(GError) error = NULL;
      /* Other devices are known by their public half only. */
      ClosenessVaultDevice *public_only =
        closeness_vault_device_new_from_public (closeness_vault_device_get_public (device), &error);

      g_assert_no_error (error);
      g_ptr_array_add (devices, public_only);
    }
  va_end (args);

  return devices;
}

static ClosenessHlc
version_at (ClosenessVaultDevice *device,
            gint64                physical_ms,
            guint16               counter)
{
  ClosenessHlc version = { physical_ms, counter, closeness_vault_device_get_id (device) };

  return version;
}

static GBytes *
flip_byte (GBytes *bytes,
           gsize   index,
           guint8  mask)
{
  gsize length;
  guint8 *copy = g_bytes_unref_to_data (g_bytes_ref (bytes), &length);

  g_assert_cmpuint (index, <, length);
  copy[index] ^= mask;
  return g_bytes_new_take (copy, length);
}

static gboolean
contains_bytes (GBytes       *haystack,
                const guint8 *needle,
                gsize         needle_length)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (haystack, &length);

  for (gsize i = 0; i + needle_length <= length; i++)
    {
      if (memcmp (data + i, needle, needle_length) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  gsize a_length, b_length;
  const guint8 *a_data = g_bytes_get_data (a, &a_length);
  const guint8 *b_data = g_bytes_get_data (b, &b_length);

  g_assert_cmpmem (a_data, a_length, b_data, b_length);
}

/* No error message repeats what a record holds. */
static void
assert_discreet (GError *error)
{
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, "phones"));
  g_assert_null (strstr (error->message, "evenings without"));
}

/* A call that must fail: no result, the error @code, a discreet message. */
static void
assert_refused (gconstpointer   result,
                GError        **error,
                int             code)
{
  g_assert_null (result);
  g_assert_error (*error, CLOSENESS_VAULT_ERROR, code);
  assert_discreet (*error);
  g_clear_error (error);
}

/* ---- Keys ---------------------------------------------------------------- */

static void
test_vault_key_roundtrip (void)
{
  g_autoptr(ClosenessVaultKey) couple = closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_COUPLE);
  g_autoptr(ClosenessVaultKey) personal =
    closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_PERSONAL);
  g_autoptr(ClosenessVaultKey) fixed = fixed_key (CLOSENESS_VAULT_KEY_COUPLE, 0x42);
  g_autoptr(GPtrArray) keys =
    g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_vault_key_unref);
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GBytes) serialized = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = closeness_vault_key_get_id (couple);

  g_assert_cmpuint (strlen (id), ==, 16);
  for (const char *p = id; *p != '\0'; p++)
    g_assert_true (g_ascii_isdigit (*p) || (*p >= 'a' && *p <= 'f'));
  g_assert_cmpstr (id, !=, closeness_vault_key_get_id (personal));
  g_assert_false (closeness_vault_key_equal (couple, personal));
  g_assert_cmpint (closeness_vault_key_get_kind (personal), ==, CLOSENESS_VAULT_KEY_PERSONAL);
  /* The id is a function of the key alone, the same on every device.
   * Known answer, checked with Python's hashlib: blake2b (b"closeness key
   * id v1\0", key=b"\x42" * 32, digest_size=8). */
  g_assert_cmpstr (closeness_vault_key_get_id (fixed), ==, "a0a218dea03a8e91");

  g_ptr_array_add (keys, closeness_vault_key_ref (couple));
  g_ptr_array_add (keys, closeness_vault_key_ref (personal));
  serialized = closeness_vault_keys_serialize (keys);
  g_assert_cmpuint (g_bytes_get_size (serialized), ==, 2 + 2 * 33);
  parsed = closeness_vault_keys_parse (serialized, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (parsed->len, ==, 2);
  g_assert_true (closeness_vault_key_equal (g_ptr_array_index (parsed, 0), couple));
  g_assert_true (closeness_vault_key_equal (g_ptr_array_index (parsed, 1), personal));
  g_assert_cmpstr (closeness_vault_key_get_id (g_ptr_array_index (parsed, 1)), ==,
                   closeness_vault_key_get_id (personal));

  /* Cut short, or a key of no known kind. */
  {
    g_autoptr(GBytes) short_bytes = g_bytes_new_from_bytes (serialized, 0, 40);
    g_autoptr(GBytes) bad_kind = flip_byte (serialized, 2, 0x40);
    g_autoptr(GPtrArray) none = closeness_vault_keys_parse (short_bytes, &error);

    assert_refused (none, &error, CLOSENESS_VAULT_ERROR_MALFORMED);
    assert_refused (closeness_vault_keys_parse (bad_kind, &error), &error,
                    CLOSENESS_VAULT_ERROR_MALFORMED);
  }
}

/* An answer key wrapped under the couple key for one question opens under
 * that key and for that question only. */
static void
test_vault_key_wrap (void)
{
  g_autoptr(ClosenessVaultKey) couple = closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_COUPLE);
  g_autoptr(ClosenessVaultKey) other = closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_COUPLE);
  g_autoptr(ClosenessVaultKey) answer = closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_ANSWER);
  g_autoptr(GBytes) wrapped = closeness_vault_key_wrap (answer, couple, "question-1");
  g_autoptr(ClosenessVaultKey) unwrapped = NULL;
  g_autoptr(GError) error = NULL;

  unwrapped = closeness_vault_key_unwrap (wrapped, couple, "question-1", &error);
  g_assert_no_error (error);
  g_assert_true (closeness_vault_key_equal (unwrapped, answer));
  g_assert_cmpint (closeness_vault_key_get_kind (unwrapped), ==, CLOSENESS_VAULT_KEY_ANSWER);

  assert_refused (closeness_vault_key_unwrap (wrapped, other, "question-1", &error), &error,
                  CLOSENESS_VAULT_ERROR_WRONG_KEY);

  assert_refused (closeness_vault_key_unwrap (wrapped, couple, "question-2", &error), &error,
                  CLOSENESS_VAULT_ERROR_TAMPERED);

  for (gsize i = 0; i < g_bytes_get_size (wrapped); i++)
    {
      g_autoptr(GBytes) flipped = flip_byte (wrapped, i, 0x01);
      g_autoptr(ClosenessVaultKey) none = closeness_vault_key_unwrap (flipped, couple,
                                                                      "question-1", &error);

      g_assert_null (none);
      g_assert_nonnull (error);
      g_clear_error (&error);
    }
}

/* ---- Devices ------------------------------------------------------------- */

static void
test_vault_device_roundtrip (void)
{
  g_autoptr(ClosenessVaultDevice) device = closeness_vault_device_generate ();
  g_autoptr(ClosenessVaultDevice) other = closeness_vault_device_generate ();
  g_autoptr(ClosenessVaultDevice) restored = NULL;
  g_autoptr(ClosenessVaultDevice) public_only = NULL;
  g_autoptr(GBytes) secret = closeness_vault_device_dup_secret (device);
  GBytes *public_part = closeness_vault_device_get_public (device);
  g_autoptr(GError) error = NULL;

  g_assert_true (closeness_vault_device_has_secret (device));
  g_assert_cmpuint (g_bytes_get_size (secret), ==, 65);
  g_assert_cmpuint (g_bytes_get_size (public_part), ==, 129);
  g_assert_cmpuint (closeness_vault_device_get_id (device), !=,
                    closeness_vault_device_get_id (other));
  g_assert_false (closeness_vault_device_equal (device, other));

  /* The secret half gives back the same device, public half included. */
  restored = closeness_vault_device_new_from_secret (secret, &error);
  g_assert_no_error (error);
  g_assert_true (closeness_vault_device_equal (restored, device));
  g_assert_cmpuint (closeness_vault_device_get_id (restored), ==,
                    closeness_vault_device_get_id (device));
  assert_bytes_equal (closeness_vault_device_get_public (restored), public_part);

  public_only = closeness_vault_device_new_from_public (public_part, &error);
  g_assert_no_error (error);
  g_assert_false (closeness_vault_device_has_secret (public_only));
  g_assert_true (closeness_vault_device_equal (public_only, device));
  g_assert_cmpuint (closeness_vault_device_get_id (public_only), ==,
                    closeness_vault_device_get_id (device));

  /* Any changed byte of the public half breaks its self-signature. */
  for (gsize i = 0; i < g_bytes_get_size (public_part); i++)
    {
      g_autoptr(GBytes) flipped = flip_byte (public_part, i, 0x10);
      g_autoptr(ClosenessVaultDevice) none =
        closeness_vault_device_new_from_public (flipped, &error);

      assert_refused (none, &error, CLOSENESS_VAULT_ERROR_TAMPERED);
    }

  /* One device's signing key with another's box key. */
  {
    gsize length;
    guint8 *mixed = g_bytes_unref_to_data (g_bytes_ref (public_part), &length);
    g_autoptr(GBytes) mixed_bytes = NULL;
    g_autoptr(ClosenessVaultDevice) none = NULL;

    GBytes *other_public = closeness_vault_device_get_public (other);

    memcpy (mixed + 33, (const guint8 *) g_bytes_get_data (other_public, NULL) + 33, 32);
    mixed_bytes = g_bytes_new_take (mixed, length);
    none = closeness_vault_device_new_from_public (mixed_bytes, &error);
    assert_refused (none, &error, CLOSENESS_VAULT_ERROR_TAMPERED);
  }

  {
    g_autoptr(GBytes) short_public = g_bytes_new_from_bytes (public_part, 0, 100);
    g_autoptr(GBytes) short_secret = g_bytes_new_from_bytes (secret, 0, 64);
    g_autoptr(ClosenessVaultDevice) none = closeness_vault_device_new_from_public (short_public,
                                                                                  &error);

    assert_refused (none, &error, CLOSENESS_VAULT_ERROR_MALFORMED);
    assert_refused (closeness_vault_device_new_from_secret (short_secret, &error), &error,
                    CLOSENESS_VAULT_ERROR_MALFORMED);
  }
}

/* Exactly "DDDD DDDD DDDD DDDD DDDD DDDD", the same for the device's own
 * keys and for its public half elsewhere, and stable across versions. */
static void
test_vault_device_fingerprint (void)
{
  g_autoptr(GRegex) format = g_regex_new ("^[0-9]{4}( [0-9]{4}){5}$", 0, 0, NULL);
  guint8 secret_data[65];
  g_autoptr(GBytes) secret = NULL;
  g_autoptr(ClosenessVaultDevice) fixed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fixed_fingerprint = NULL;

  for (guint round = 0; round < 20; round++)
    {
      g_autoptr(ClosenessVaultDevice) device = closeness_vault_device_generate ();
      g_autoptr(ClosenessVaultDevice) other = closeness_vault_device_generate ();
      g_autoptr(ClosenessVaultDevice) public_only =
        closeness_vault_device_new_from_public (closeness_vault_device_get_public (device), &error);
      g_autofree char *fingerprint = closeness_vault_device_dup_fingerprint (device);
      g_autofree char *again = closeness_vault_device_dup_fingerprint (public_only);
      g_autofree char *other_fingerprint = closeness_vault_device_dup_fingerprint (other);

      g_assert_no_error (error);
      g_assert_true (g_regex_match (format, fingerprint, 0, NULL));
      g_assert_cmpuint (strlen (fingerprint), ==, 29);
      g_assert_cmpstr (fingerprint, ==, again);
      g_assert_cmpstr (fingerprint, !=, other_fingerprint);
    }

  /* A known answer: a change to the derivation would make two versions of
   * Closeness show different numbers for the same device. Checked with
   * Python (cryptography, hashlib): the Ed25519 key of seed 01…01 and the
   * X25519 key of secret 02…02, blake2b (b"closeness fingerprint v1\0" +
   * both, digest_size=30), each 5 bytes big-endian mod 10000. */
  secret_data[0] = 1;
  memset (secret_data + 1, 0x01, 32);
  memset (secret_data + 33, 0x02, 32);
  secret = g_bytes_new (secret_data, sizeof secret_data);
  fixed = closeness_vault_device_new_from_secret (secret, &error);
  g_assert_no_error (error);
  fixed_fingerprint = closeness_vault_device_dup_fingerprint (fixed);
  g_assert_cmpstr (fixed_fingerprint, ==, "6740 7716 0206 3118 0806 7730");
  g_assert_cmpuint (closeness_vault_device_get_id (fixed), ==,
                    G_GUINT64_CONSTANT (0xb5f10a68f0abfc63));
}

/* The couple key sealed to a new device by one it knows: the new device,
 * and only it, opens it; a grant by a stranger or changed on the way is
 * refused. */
static void
test_vault_device_grant (void)
{
  g_autoptr(ClosenessVaultDevice) first = closeness_vault_device_generate ();
  g_autoptr(ClosenessVaultDevice) joining = closeness_vault_device_generate ();
  g_autoptr(ClosenessVaultDevice) stranger = closeness_vault_device_generate ();
  g_autoptr(ClosenessVaultKey) couple = closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_COUPLE);
  g_autoptr(GPtrArray) known = device_list (first, NULL);
  g_autoptr(ClosenessVaultDevice) joining_public =
    closeness_vault_device_new_from_public (closeness_vault_device_get_public (joining), NULL);
  g_autoptr(GBytes) grant = closeness_vault_key_seal_to_device (couple, joining_public, first);
  g_autoptr(GBytes) forged = closeness_vault_key_seal_to_device (couple, joining_public, stranger);
  g_autoptr(ClosenessVaultKey) opened = NULL;
  g_autoptr(GError) error = NULL;

  opened = closeness_vault_key_open_from_device (grant, joining, known, &error);
  g_assert_no_error (error);
  g_assert_true (closeness_vault_key_equal (opened, couple));
  g_assert_cmpstr (closeness_vault_key_get_id (opened), ==, closeness_vault_key_get_id (couple));

  assert_refused (closeness_vault_key_open_from_device (forged, joining, known, &error), &error,
                  CLOSENESS_VAULT_ERROR_UNKNOWN_DEVICE);

  assert_refused (closeness_vault_key_open_from_device (grant, stranger, known, &error), &error,
                  CLOSENESS_VAULT_ERROR_WRONG_KEY);

  for (gsize i = 0; i < g_bytes_get_size (grant); i++)
    {
      g_autoptr(GBytes) flipped = flip_byte (grant, i, 0x80);
      g_autoptr(ClosenessVaultKey) none = closeness_vault_key_open_from_device (flipped, joining,
                                                                                known, &error);

      assert_refused (none, &error, CLOSENESS_VAULT_ERROR_TAMPERED);
    }
}

/* ---- Items --------------------------------------------------------------- */

static gboolean
is_lower_hex (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
        return FALSE;
    }
  return TRUE;
}

static void
test_vault_item_uid (void)
{
  g_autoptr(ClosenessVaultKey) key = fixed_key (CLOSENESS_VAULT_KEY_COUPLE, 0x42);
  g_autoptr(ClosenessVaultKey) other = closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_COUPLE);
  g_autofree char *uid = closeness_vault_item_uid (key, "answer", "17");
  g_autofree char *again = closeness_vault_item_uid (key, "answer", "17");
  g_autofree char *other_id = closeness_vault_item_uid (key, "answer", "18");
  g_autofree char *other_kind = closeness_vault_item_uid (key, "event", "17");
  g_autofree char *other_key = closeness_vault_item_uid (other, "answer", "17");
  g_autofree char *split_a = closeness_vault_item_uid (key, "ab", "c");
  g_autofree char *split_b = closeness_vault_item_uid (key, "a", "bc");

  g_assert_cmpuint (strlen (uid), ==, 32);
  g_assert_true (is_lower_hex (uid));
  g_assert_cmpstr (uid, ==, again);
  g_assert_cmpstr (uid, !=, other_id);
  g_assert_cmpstr (uid, !=, other_kind);
  g_assert_cmpstr (uid, !=, other_key);
  g_assert_cmpstr (split_a, !=, split_b);
  /* Known answer: every device must name an item alike. Checked with
   * Python's hashlib: the crypto_kdf sub-key is blake2b (b"", key=key,
   * salt=(1).to_bytes (8, "little") + bytes (8), person=b"CLitemid" + bytes (8)),
   * the uid blake2b (b"answer\0" b"17", key=sub_key, digest_size=16). */
  g_assert_cmpstr (uid, ==, "cfbdf23f4c3c08b412cf2512173712ce");
}

typedef struct
{
  ClosenessVaultDevice *writer;
  ClosenessVaultDevice *partner;
  ClosenessVaultKey    *couple;
  GPtrArray            *known;
  char                 *uid;
} RecordFixture;

static void
record_fixture_set_up (RecordFixture *fixture,
                       gconstpointer  data)
{
  fixture->writer = closeness_vault_device_generate ();
  fixture->partner = closeness_vault_device_generate ();
  fixture->couple = closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_COUPLE);
  fixture->known = device_list (fixture->writer, fixture->partner, NULL);
  fixture->uid = closeness_vault_item_uid (fixture->couple, "answer", "17");
}

static void
record_fixture_tear_down (RecordFixture *fixture,
                          gconstpointer  data)
{
  g_free (fixture->uid);
  g_ptr_array_unref (fixture->known);
  closeness_vault_key_unref (fixture->couple);
  closeness_vault_device_unref (fixture->partner);
  closeness_vault_device_unref (fixture->writer);
}

static GBytes *
seal_text (RecordFixture     *fixture,
           const char        *text,
           const ClosenessHlc *version)
{
  g_autoptr(GBytes) plaintext = text_bytes (text);
  g_autoptr(GError) error = NULL;
  GBytes *envelope = closeness_vault_record_seal (plaintext, "answer", fixture->uid, version,
                                                  fixture->writer, fixture->couple, &error);

  g_assert_no_error (error);
  g_assert_nonnull (envelope);
  return envelope;
}

static void
test_vault_record_roundtrip (RecordFixture *fixture,
                             gconstpointer  data)
{
  gsize lengths[] = { 0, 1, 46, 255, 256, 1000, 1023, 1024, 5000, 100000,
                      CLOSENESS_VAULT_MAX_RECORD };
  ClosenessHlc version = version_at (fixture->writer, START_MS, 3);

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      g_autoptr(GBytes) plaintext = filled_bytes (lengths[i], 'a' + i);
      g_autoptr(GBytes) envelope = NULL;
      g_autoptr(GBytes) opened = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *key_id = NULL;
      ClosenessHlc found = { 0, };

      envelope = closeness_vault_record_seal (plaintext, "answer", fixture->uid, &version,
                                              fixture->writer, fixture->couple, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (envelope), ==,
                        closeness_vault_envelope_size (lengths[i]));

      /* The server sees when it was uploaded, not when it was written. */
      {
        guint8 physical[8];
        gint64 ms = version.physical_ms;

        for (int byte = 7; byte >= 0; byte--, ms >>= 8)
          physical[byte] = ms & 0xff;
        g_assert_false (contains_bytes (envelope, physical + 2, 6));
      }

      key_id = closeness_vault_record_peek_key_id (envelope, &error);
      g_assert_cmpstr (key_id, ==, closeness_vault_key_get_id (fixture->couple));

      /* The partner's device opens it, with the writer's version. */
      opened = closeness_vault_record_open (envelope, "answer", fixture->uid, NULL, fixture->known,
                                            fixture->couple, &found, &error);
      g_assert_no_error (error);
      assert_bytes_equal (opened, plaintext);
      g_assert_cmpint (closeness_hlc_compare (&found, &version), ==, 0);
      g_assert_cmpuint (found.device, ==, closeness_vault_device_get_id (fixture->writer));
    }
}

/* A changed byte anywhere, header, ciphertext or signature, is TAMPERED;
 * so is an envelope cut short past its signature's start. */
static void
test_vault_record_tampered (RecordFixture *fixture,
                            gconstpointer  data)
{
  ClosenessHlc version = version_at (fixture->writer, START_MS, 0);
  g_autoptr(GBytes) envelope = seal_text (fixture, intimate, &version);
  gsize length = g_bytes_get_size (envelope);

  for (gsize i = 0; i < length; i++)
    {
      for (guint bit = 0; bit < 8; bit += 7)
        {
          g_autoptr(GBytes) flipped = flip_byte (envelope, i, 1 << bit);
          g_autoptr(GError) error = NULL;
          g_autoptr(GBytes) opened = closeness_vault_record_open (flipped, "answer", fixture->uid,
                                                                  NULL, fixture->known,
                                                                  fixture->couple, NULL, &error);

          assert_refused (opened, &error, CLOSENESS_VAULT_ERROR_TAMPERED);
        }
    }

  {
    g_autoptr(GBytes) cut = g_bytes_new_from_bytes (envelope, 0, length - 1);
    g_autoptr(GBytes) tiny = g_bytes_new_from_bytes (envelope, 0, 50);
    g_autoptr(GError) error = NULL;

    assert_refused (closeness_vault_record_open (cut, "answer", fixture->uid, NULL,
                                                 fixture->known, fixture->couple, NULL, &error),
                    &error, CLOSENESS_VAULT_ERROR_TAMPERED);
    assert_refused (closeness_vault_record_open (tiny, "answer", fixture->uid, NULL,
                                                 fixture->known, fixture->couple, NULL, &error),
                    &error, CLOSENESS_VAULT_ERROR_MALFORMED);
  }
}

/* Signed and sealed correctly, but by a device that is not the couple's
 * (a removed laptop, or one the server made up). */
static void
test_vault_record_unknown_device (RecordFixture *fixture,
                                  gconstpointer  data)
{
  g_autoptr(ClosenessVaultDevice) stranger = closeness_vault_device_generate ();
  ClosenessHlc version = version_at (stranger, START_MS, 0);
  g_autoptr(GBytes) plaintext = text_bytes (intimate);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) envelope = closeness_vault_record_seal (plaintext, "answer", fixture->uid,
                                                            &version, stranger, fixture->couple,
                                                            &error);
  g_autoptr(GBytes) opened = NULL;

  g_assert_no_error (error);
  opened = closeness_vault_record_open (envelope, "answer", fixture->uid, NULL, fixture->known,
                                        fixture->couple, NULL, &error);
  assert_refused (opened, &error, CLOSENESS_VAULT_ERROR_UNKNOWN_DEVICE);
}

/* After a rotation, an item sealed with the old couple key is refused by
 * a device given the new one; a foreign key likewise. */
static void
test_vault_record_old_key (RecordFixture *fixture,
                           gconstpointer  data)
{
  g_autoptr(ClosenessVaultKey) rotated =
    closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_COUPLE);
  g_autoptr(ClosenessVaultKey) foreign =
    closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_PERSONAL);
  ClosenessHlc version = version_at (fixture->writer, START_MS, 0);
  g_autoptr(GBytes) old = seal_text (fixture, intimate, &version);
  g_autoptr(GBytes) plaintext = text_bytes (intimate);
  g_autoptr(GBytes) sealed_foreign = NULL;
  g_autoptr(GBytes) opened = NULL;
  g_autoptr(GError) error = NULL;

  opened = closeness_vault_record_open (old, "answer", fixture->uid, NULL, fixture->known,
                                        rotated, NULL, &error);
  assert_refused (opened, &error, CLOSENESS_VAULT_ERROR_WRONG_KEY);

  sealed_foreign = closeness_vault_record_seal (plaintext, "answer", fixture->uid, &version,
                                                fixture->writer, foreign, &error);
  g_assert_no_error (error);
  opened = closeness_vault_record_open (sealed_foreign, "answer", fixture->uid, NULL,
                                        fixture->known, fixture->couple, NULL, &error);
  assert_refused (opened, &error, CLOSENESS_VAULT_ERROR_WRONG_KEY);
}

/* The server hands back an older version (or the same one again): REPLAYED,
 * while a newer one opens. */
static void
test_vault_record_replayed (RecordFixture *fixture,
                            gconstpointer  data)
{
  ClosenessHlc first = version_at (fixture->writer, START_MS, 0);
  ClosenessHlc second = version_at (fixture->writer, START_MS, 1);
  g_autoptr(GBytes) older = seal_text (fixture, "first", &first);
  g_autoptr(GBytes) newer = seal_text (fixture, "second", &second);
  g_autoptr(GBytes) opened = NULL;
  g_autoptr(GError) error = NULL;
  ClosenessHlc applied;

  opened = closeness_vault_record_open (newer, "answer", fixture->uid, &first, fixture->known,
                                        fixture->couple, &applied, &error);
  g_assert_no_error (error);
  g_assert_cmpint (closeness_hlc_compare (&applied, &second), ==, 0);
  g_clear_pointer (&opened, g_bytes_unref);

  opened = closeness_vault_record_open (older, "answer", fixture->uid, &applied, fixture->known,
                                        fixture->couple, NULL, &error);
  assert_refused (opened, &error, CLOSENESS_VAULT_ERROR_REPLAYED);

  opened = closeness_vault_record_open (newer, "answer", fixture->uid, &applied, fixture->known,
                                        fixture->couple, NULL, &error);
  assert_refused (opened, &error, CLOSENESS_VAULT_ERROR_REPLAYED);
}

/* A genuine envelope moved to another item's uid, or read as another kind,
 * does not open. */
static void
test_vault_record_misplaced (RecordFixture *fixture,
                             gconstpointer  data)
{
  ClosenessHlc version = version_at (fixture->writer, START_MS, 0);
  g_autoptr(GBytes) envelope = seal_text (fixture, intimate, &version);
  g_autofree char *other_uid = closeness_vault_item_uid (fixture->couple, "answer", "18");
  g_autoptr(GBytes) opened = NULL;
  g_autoptr(GError) error = NULL;

  opened = closeness_vault_record_open (envelope, "answer", other_uid, NULL, fixture->known,
                                        fixture->couple, NULL, &error);
  assert_refused (opened, &error, CLOSENESS_VAULT_ERROR_MISPLACED);

  opened = closeness_vault_record_open (envelope, "note", fixture->uid, NULL, fixture->known,
                                        fixture->couple, NULL, &error);
  assert_refused (opened, &error, CLOSENESS_VAULT_ERROR_MISPLACED);
}

/* Sizes leak only the bucket: every record up to 245 bytes (with its
 * 10-byte version and a byte of padding, 256) makes an envelope of the same
 * size, and so on up the buckets (eight between powers of two above 4 KiB). */
static void
test_vault_record_padding (RecordFixture *fixture,
                           gconstpointer  data)
{
  struct { gsize from, to, bucket; } buckets[] = {
    { 0, 245, 256 },
    { 246, 1013, 1024 },
    { 1014, 4085, 4096 },
    { 4086, 4597, 4608 },
    { 4598, 5109, 5120 },
    { 7158, 7669, 7680 },
    { 7670, 8181, 8192 },
    { 8182, 9205, 9216 },
    { 9206, 10229, 10240 },
    { 15350, 16373, 16384 },
    { 106486, 114677, 114688 },
    { 983030, CLOSENESS_VAULT_MAX_RECORD, 1048576 },
  };
  ClosenessHlc version = version_at (fixture->writer, START_MS, 0);
  g_autoptr(GBytes) too_large = filled_bytes (CLOSENESS_VAULT_MAX_RECORD + 1, 'x');
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (buckets); i++)
    {
      gsize probes[] = { buckets[i].from, buckets[i].from + 1,
                         (buckets[i].from + buckets[i].to) / 2, buckets[i].to };

      g_assert_cmpuint (closeness_vault_envelope_size (buckets[i].from), ==,
                        buckets[i].bucket + ENVELOPE_OVERHEAD);
      g_assert_cmpuint (closeness_vault_envelope_size (buckets[i].to), ==,
                        buckets[i].bucket + ENVELOPE_OVERHEAD);
      if (i > 0)
        g_assert_cmpuint (closeness_vault_envelope_size (buckets[i].from - 1), <,
                          buckets[i].bucket + ENVELOPE_OVERHEAD);
      if (buckets[i].bucket > 16384)
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (probes); j++)
        {
          g_autoptr(GBytes) plaintext = filled_bytes (probes[j], 'p');
          g_autoptr(GBytes) envelope =
            closeness_vault_record_seal (plaintext, "answer", fixture->uid, &version,
                                         fixture->writer, fixture->couple, &error);

          g_assert_no_error (error);
          g_assert_cmpuint (g_bytes_get_size (envelope), ==, buckets[i].bucket + ENVELOPE_OVERHEAD);
        }
    }

  g_assert_cmpuint (closeness_vault_envelope_size (CLOSENESS_VAULT_MAX_RECORD + 1), ==, 0);
  assert_refused (closeness_vault_record_seal (too_large, "answer", fixture->uid, &version,
                                               fixture->writer, fixture->couple, &error),
                  &error, CLOSENESS_VAULT_ERROR_TOO_LARGE);
}

/* A padded buffer of @size holding @length bytes (ISO/IEC 7816-4: 0x80,
 * then zeros, as sodium_pad() writes). */
static guint8 *
padded_buffer (gsize size,
               gsize length)
{
  guint8 *buffer = g_malloc0 (size);

  memset (buffer, 'p', length);
  buffer[length] = 0x80;

  return buffer;
}

/* Items sealed before the sizes got finer (four steps between powers of
 * two above 4 KiB) still open: each of those sizes is one of today's. A
 * length between two sizes is refused. */
static void
test_vault_unpad_sizes (void)
{
  static const gsize before[] = {
    256, 1024, 4096, 5120, 6144, 7168,
    8192, 10240, 12288, 14336, 16384, 20480, 24576, 28672,
    32768, 40960, 49152, 57344, 65536, 81920, 98304, 114688,
    131072, 163840, 196608, 229376, 262144, 327680, 393216, 458752,
    524288, 655360, 786432, 917504, 1048576,
  };
  static const gsize between[] = { 300, 4097, 4600, 9000, 1048575 };

  for (guint i = 0; i < G_N_ELEMENTS (before); i++)
    {
      g_autofree guint8 *buffer = padded_buffer (before[i], 10);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) inner = closeness_vault_unpad (buffer, before[i], &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_bytes_get_size (inner), ==, 10);
    }
  for (guint i = 0; i < G_N_ELEMENTS (between); i++)
    {
      g_autofree guint8 *buffer = padded_buffer (between[i], 10);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) inner = closeness_vault_unpad (buffer, between[i], &error);

      g_assert_null (inner);
      g_assert_error (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED);
    }
}

/* ---- The VJOURNAL -------------------------------------------------------- */

static void
test_vault_ics_roundtrip (RecordFixture *fixture,
                          gconstpointer  data)
{
  ClosenessHlc version = version_at (fixture->writer, START_MS, 0);
  g_autoptr(GBytes) envelope = seal_text (fixture, intimate, &version);
  g_autofree char *ics = closeness_vault_item_to_ics (fixture->uid, envelope);
  g_auto(GStrv) lines = NULL;
  g_autofree char *uid = NULL;
  g_autoptr(GBytes) parsed = NULL;
  g_autoptr(GBytes) opened = NULL;
  g_autoptr(GError) error = NULL;
  icalcomponent *calendar, *journal;
  guint n_lines;

  g_assert_true (g_str_has_prefix (ics, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
  g_assert_true (g_str_has_suffix (ics, "END:VJOURNAL\r\nEND:VCALENDAR\r\n"));
  g_assert_nonnull (strstr (ics, "\r\nDTSTAMP:20000101T000000Z\r\n"));
  g_assert_null (strstr (ics, "phones"));

  /* Folded at 75 octets, every line ended by CRLF, nothing else. */
  lines = g_strsplit (ics, "\r\n", -1);
  n_lines = g_strv_length (lines);
  g_assert_cmpstr (lines[n_lines - 1], ==, "");
  g_assert_cmpuint (n_lines, >, 10);
  for (guint i = 0; i + 1 < n_lines; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_cmpuint (strlen (lines[i]), >, 0);
      g_assert_null (strchr (lines[i], '\n'));
    }

  /* An iCalendar parser of its own (libical) reads one VJOURNAL with our
   * UID and the envelope unfolded. */
  calendar = icalparser_parse_string (ics);
  g_assert_nonnull (calendar);
  g_assert_cmpint (icalcomponent_isa (calendar), ==, ICAL_VCALENDAR_COMPONENT);
  g_assert_cmpint (icalcomponent_count_components (calendar, ICAL_ANY_COMPONENT), ==, 1);
  journal = icalcomponent_get_first_component (calendar, ICAL_VJOURNAL_COMPONENT);
  g_assert_nonnull (journal);
  g_assert_cmpstr (icalcomponent_get_uid (journal), ==, fixture->uid);
  for (icalproperty *property = icalcomponent_get_first_property (journal, ICAL_X_PROPERTY);
       property != NULL;
       property = icalcomponent_get_next_property (journal, ICAL_X_PROPERTY))
    {
      g_autofree char *decoded = NULL;
      gsize decoded_length;

      g_assert_cmpstr (icalproperty_get_x_name (property), ==, "X-CLOSENESS-VAULT");
      decoded = (char *) g_base64_decode (icalproperty_get_x (property), &decoded_length);
      g_assert_cmpmem (decoded, decoded_length,
                       g_bytes_get_data (envelope, NULL), g_bytes_get_size (envelope));
    }
  icalcomponent_free (calendar);

  g_assert_true (closeness_vault_item_from_ics (ics, strlen (ics), &uid, &parsed, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (uid, ==, fixture->uid);
  assert_bytes_equal (parsed, envelope);
  opened = closeness_vault_record_open (parsed, "answer", uid, NULL, fixture->known,
                                        fixture->couple, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (opened, NULL), g_bytes_get_size (opened),
                   intimate, strlen (intimate));

  /* As a server may give it back: LF line ends, lower-case names, a
   * property it added. */
  {
    g_autoptr(GString) changed = g_string_new (ics);
    g_autofree char *uid_again = NULL;
    g_autoptr(GBytes) parsed_again = NULL;

    g_string_replace (changed, "\r\n", "\n", 0);
    g_string_replace (changed, "BEGIN:VJOURNAL\n",
                      "begin:VJOURNAL\nX-SERVER-SEEN;X-A=\"a:b\":1\n", 1);
    g_assert_true (closeness_vault_item_from_ics (changed->str, changed->len, &uid_again,
                                                  &parsed_again, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (uid_again, ==, fixture->uid);
    assert_bytes_equal (parsed_again, envelope);
  }
}

#define CALENDAR_HEAD "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
#define JOURNAL(properties) "BEGIN:VJOURNAL\r\n" properties "END:VJOURNAL\r\n"
#define ENVELOPE "X-CLOSENESS-VAULT:AAAA\r\n"

static char *
calendar_with (const char *inside)
{
  return g_strconcat (CALENDAR_HEAD, inside, "END:VCALENDAR\r\n", NULL);
}

/* Anything but what closeness_vault_item_to_ics() writes is refused with a
 * clear error, and nothing large is read. */
static void
test_vault_ics_malformed (RecordFixture *fixture,
                          gconstpointer  data)
{
  ClosenessHlc version = version_at (fixture->writer, START_MS, 0);
  g_autoptr(GBytes) envelope = seal_text (fixture, intimate, &version);
  g_autofree char *good = closeness_vault_item_to_ics (fixture->uid, envelope);
  struct { const char *what; char *ics; } cases[] = {
    { "empty", g_strdup ("") },
    { "not iCalendar", g_strdup ("hello\r\n") },
    { "no VCALENDAR", g_strdup (JOURNAL ("UID:a\r\n" ENVELOPE)) },
    { "a VEVENT", calendar_with ("BEGIN:VEVENT\r\nUID:a\r\n" ENVELOPE "END:VEVENT\r\n") },
    { "two VJOURNALs",
      calendar_with (JOURNAL ("UID:a\r\n" ENVELOPE) JOURNAL ("UID:b\r\n" ENVELOPE)) },
    { "no envelope", calendar_with (JOURNAL ("UID:a\r\n")) },
    { "two envelopes", calendar_with (JOURNAL ("UID:a\r\n" ENVELOPE ENVELOPE)) },
    { "two UIDs", calendar_with (JOURNAL ("UID:a\r\nUID:b\r\n" ENVELOPE)) },
    { "no UID", calendar_with (JOURNAL (ENVELOPE)) },
    { "a UID with a space", calendar_with (JOURNAL ("UID:a b\r\n" ENVELOPE)) },
    { "not base64", calendar_with (JOURNAL ("UID:a\r\nX-CLOSENESS-VAULT:AA*A\r\n")) },
    { "base64 without padding", calendar_with (JOURNAL ("UID:a\r\nX-CLOSENESS-VAULT:AAA\r\n")) },
    { "an empty envelope", calendar_with (JOURNAL ("UID:a\r\nX-CLOSENESS-VAULT:\r\n")) },
    { "a component inside",
      calendar_with (JOURNAL ("UID:a\r\n" ENVELOPE "BEGIN:VALARM\r\nEND:VALARM\r\n")) },
    { "cut short", g_strndup (good, strlen (good) - 20) },
    { "no end", g_strconcat (CALENDAR_HEAD, JOURNAL ("UID:a\r\n" ENVELOPE), NULL) },
    { "mismatched end", calendar_with ("BEGIN:VJOURNAL\r\nUID:a\r\n" ENVELOPE "END:VEVENT\r\n") },
    { "more after the end", g_strconcat (good, "BEGIN:VCALENDAR\r\n", NULL) },
    { "a line without a colon", calendar_with (JOURNAL ("UID:a\r\nX-CLOSENESS-VAULT\r\n")) },
  };

  /* The smallest object the parser takes: each case above fails for its
   * own reason. */
  {
    g_autofree char *minimal = calendar_with (JOURNAL ("UID:a\r\n" ENVELOPE));
    g_autofree char *uid = NULL;
    g_autoptr(GBytes) parsed = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (closeness_vault_item_from_ics (minimal, strlen (minimal), &uid, &parsed,
                                                  &error));
    g_assert_no_error (error);
    g_assert_cmpstr (uid, ==, "a");
    g_assert_cmpuint (g_bytes_get_size (parsed), ==, 3);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uid = NULL;
      g_autoptr(GBytes) parsed = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_false (closeness_vault_item_from_ics (cases[i].ics, strlen (cases[i].ics), &uid,
                                                     &parsed, &error));
      g_assert_error (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED);
      g_test_message ("%s: %s", cases[i].what, error->message);
      g_assert_null (uid);
      g_assert_null (parsed);
      g_free (cases[i].ics);
    }

  /* A NUL inside, and a body larger than any item. */
  {
    g_autofree char *uid = NULL;
    g_autoptr(GBytes) parsed = NULL;
    g_autoptr(GError) error = NULL;
    gsize huge_length = 3 * 1024 * 1024;
    g_autofree char *huge = g_malloc (huge_length);

    g_assert_false (closeness_vault_item_from_ics (good, strlen (good) + 1, &uid, &parsed, &error));
    g_assert_error (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED);
    g_clear_error (&error);

    memset (huge, 'A', huge_length);
    g_assert_false (closeness_vault_item_from_ics (huge, huge_length, &uid, &parsed, &error));
    g_assert_error (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_TOO_LARGE);
  }
}

/* The largest record fits the VJOURNAL limit and comes back. */
static void
test_vault_ics_largest (RecordFixture *fixture,
                        gconstpointer  data)
{
  ClosenessHlc version = version_at (fixture->writer, START_MS, 0);
  g_autoptr(GBytes) plaintext = filled_bytes (CLOSENESS_VAULT_MAX_RECORD, 'z');
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) envelope = closeness_vault_record_seal (plaintext, "answer", fixture->uid,
                                                            &version, fixture->writer,
                                                            fixture->couple, &error);
  g_autofree char *ics = closeness_vault_item_to_ics (fixture->uid, envelope);
  g_autofree char *uid = NULL;
  g_autoptr(GBytes) parsed = NULL;

  g_assert_no_error (error);
  g_assert_true (closeness_vault_item_from_ics (ics, strlen (ics), &uid, &parsed, &error));
  g_assert_no_error (error);
  assert_bytes_equal (parsed, envelope);
}

/* ---- Recovery ------------------------------------------------------------ */

#define CROCKFORD "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

static void
test_vault_recovery_code (void)
{
  g_autoptr(GRegex) format = g_regex_new ("^[" CROCKFORD "]{4}(-[" CROCKFORD "]{4}){5}$",
                                          0, 0, NULL);
  g_autofree char *code = closeness_vault_recovery_code_generate ();
  g_autofree char *other = closeness_vault_recovery_code_generate ();
  g_autofree char *typed = NULL;
  g_autofree char *normalized = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_regex_match (format, code, 0, NULL));
  g_assert_cmpstr (code, !=, other);

  /* Typed in lower case, without dashes, with spaces, O for 0, l for 1. */
  typed = g_ascii_strdown (code, -1);
  for (char *p = typed; *p != '\0'; p++)
    {
      if (*p == '-')
        *p = ' ';
      else if (*p == '0')
        *p = 'o';
      else if (*p == '1')
        *p = 'l';
    }
  normalized = closeness_vault_recovery_code_normalize (typed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (normalized, ==, code);

  /* The check character catches every single wrong character. */
  for (guint position = 0; position < strlen (code); position++)
    {
      if (code[position] == '-')
        continue;
      for (const char *c = CROCKFORD; *c != '\0'; c++)
        {
          g_autofree char *mistyped = g_strdup (code);
          g_autofree char *none = NULL;

          if (*c == code[position])
            continue;
          mistyped[position] = *c;
          none = closeness_vault_recovery_code_normalize (mistyped, &error);
          assert_refused (none, &error, CLOSENESS_VAULT_ERROR_MALFORMED);
        }
    }

  {
    const char *bad[] = { "", "ABCD", "U000-0000-0000-0000-0000-0000" };
    g_autofree char *longer = g_strconcat (code, "0", NULL);
    g_autofree char *none = closeness_vault_recovery_code_normalize (longer, &error);

    assert_refused (none, &error, CLOSENESS_VAULT_ERROR_MALFORMED);
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *refused = closeness_vault_recovery_code_normalize (bad[i], &error);

        assert_refused (refused, &error, CLOSENESS_VAULT_ERROR_MALFORMED);
      }
  }
}

static void
test_vault_recovery_wrap (void)
{
  g_autoptr(ClosenessVaultKey) couple = closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_COUPLE);
  g_autoptr(ClosenessVaultKey) personal =
    closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_PERSONAL);
  g_autoptr(GPtrArray) keys =
    g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_vault_key_unref);
  g_autoptr(GBytes) bundle = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  g_autoptr(GBytes) unwrapped = NULL;
  g_autoptr(GPtrArray) recovered = NULL;
  g_autofree char *code = closeness_vault_recovery_code_generate ();
  g_autofree char *wrong = closeness_vault_recovery_code_generate ();
  g_autofree char *typed = g_ascii_strdown (code, -1);
  g_autoptr(GError) error = NULL;
  gint64 started;

  g_ptr_array_add (keys, closeness_vault_key_ref (couple));
  g_ptr_array_add (keys, closeness_vault_key_ref (personal));
  bundle = closeness_vault_keys_serialize (keys);

  started = g_get_monotonic_time ();
  wrapped = closeness_vault_recovery_wrap (code, bundle, &error);
  g_test_message ("wrapping with Argon2id took %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - started) / 1000);
  g_assert_no_error (error);
  g_assert_nonnull (wrapped);

  unwrapped = closeness_vault_recovery_unwrap (typed, wrapped, &error);
  g_assert_no_error (error);
  assert_bytes_equal (unwrapped, bundle);
  recovered = closeness_vault_keys_parse (unwrapped, &error);
  g_assert_no_error (error);
  g_assert_true (closeness_vault_key_equal (g_ptr_array_index (recovered, 0), couple));
  g_assert_true (closeness_vault_key_equal (g_ptr_array_index (recovered, 1), personal));

  /* Another valid code: WRONG_CODE. A mistyped one: MALFORMED, at once. */
  assert_refused (closeness_vault_recovery_unwrap (wrong, wrapped, &error), &error,
                  CLOSENESS_VAULT_ERROR_WRONG_CODE);
  {
    g_autofree char *mistyped = g_strdup (code);

    mistyped[0] = mistyped[0] == 'A' ? 'B' : 'A';
    assert_refused (closeness_vault_recovery_unwrap (mistyped, wrapped, &error), &error,
                    CLOSENESS_VAULT_ERROR_MALFORMED);
  }

  /* A changed copy does not open; one asking for 4 GiB of memory is not
   * even tried. */
  {
    g_autoptr(GBytes) changed = flip_byte (wrapped, g_bytes_get_size (wrapped) - 1, 0x01);
    g_autoptr(GBytes) greedy = flip_byte (wrapped, 6, 0x80);
    g_autoptr(GBytes) salted = flip_byte (wrapped, 12, 0x01);

    assert_refused (closeness_vault_recovery_unwrap (code, changed, &error), &error,
                    CLOSENESS_VAULT_ERROR_WRONG_CODE);
    assert_refused (closeness_vault_recovery_unwrap (code, salted, &error), &error,
                    CLOSENESS_VAULT_ERROR_WRONG_CODE);
    assert_refused (closeness_vault_recovery_unwrap (code, greedy, &error), &error,
                    CLOSENESS_VAULT_ERROR_MALFORMED);
  }
}

/* ---- Reveal together ----------------------------------------------------- */

static void
test_vault_reveal (void)
{
  g_autoptr(ClosenessVaultKey) couple = closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_COUPLE);
  g_autoptr(ClosenessVaultKey) answer_key = NULL;
  g_autoptr(ClosenessVaultKey) other_key =
    closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_ANSWER);
  g_autoptr(ClosenessVaultKey) published = NULL;
  g_autoptr(GBytes) answer = text_bytes (intimate);
  g_autoptr(GBytes) commitment = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  g_autoptr(GBytes) opened = NULL;
  g_autoptr(GError) error = NULL;

  commitment = closeness_vault_commit_answer (answer, "question-1", &answer_key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (answer_key);
  g_assert_cmpint (closeness_vault_key_get_kind (answer_key), ==, CLOSENESS_VAULT_KEY_ANSWER);
  /* Padded like a record: the length of the answer does not show. */
  g_assert_cmpuint (g_bytes_get_size (commitment), ==, 57 + 256 + 16);

  /* Later, the key goes out wrapped under the couple key, and the partner
   * opens the answer with it. */
  wrapped = closeness_vault_key_wrap (answer_key, couple, "question-1");
  published = closeness_vault_key_unwrap (wrapped, couple, "question-1", &error);
  g_assert_no_error (error);
  opened = closeness_vault_open_answer (commitment, "question-1", published, &error);
  g_assert_no_error (error);
  assert_bytes_equal (opened, answer);

  /* Binding: no other key opens the commitment, to this answer or any. */
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(ClosenessVaultKey) guess =
        closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_ANSWER);
      g_autoptr(GBytes) none = closeness_vault_open_answer (commitment, "question-1", guess,
                                                            &error);

      assert_refused (none, &error, CLOSENESS_VAULT_ERROR_WRONG_KEY);
    }

  /* Nor does swapping the key commitment in the header for another key's
   * help: the header is associated data, so neither key opens it. */
  {
    g_autoptr(GBytes) other_commitment = NULL;
    g_autoptr(ClosenessVaultKey) second_key = NULL;
    g_autoptr(GBytes) other_answer = text_bytes ("Something else entirely.");
    gsize length;
    guint8 *forged = g_bytes_unref_to_data (g_bytes_ref (commitment), &length);
    g_autoptr(GBytes) forged_bytes = NULL;

    other_commitment = closeness_vault_commit_answer (other_answer, "question-1", &second_key,
                                                      &error);
    g_assert_no_error (error);
    memcpy (forged + 1, (const guint8 *) g_bytes_get_data (other_commitment, NULL) + 1, 32);
    forged_bytes = g_bytes_new_take (forged, length);

    assert_refused (closeness_vault_open_answer (forged_bytes, "question-1", second_key, &error),
                    &error, CLOSENESS_VAULT_ERROR_TAMPERED);
    assert_refused (closeness_vault_open_answer (forged_bytes, "question-1", answer_key, &error),
                    &error, CLOSENESS_VAULT_ERROR_WRONG_KEY);
  }

  /* A commitment moved to another question does not open. */
  assert_refused (closeness_vault_open_answer (commitment, "question-2", answer_key, &error),
                  &error, CLOSENESS_VAULT_ERROR_TAMPERED);

  assert_refused (closeness_vault_open_answer (commitment, "question-1", other_key, &error),
                  &error, CLOSENESS_VAULT_ERROR_WRONG_KEY);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sync/vault/key/roundtrip", test_vault_key_roundtrip);
  g_test_add_func ("/sync/vault/key/wrap", test_vault_key_wrap);
  g_test_add_func ("/sync/vault/device/roundtrip", test_vault_device_roundtrip);
  g_test_add_func ("/sync/vault/device/fingerprint", test_vault_device_fingerprint);
  g_test_add_func ("/sync/vault/device/grant", test_vault_device_grant);
  g_test_add_func ("/sync/vault/item-uid", test_vault_item_uid);

#define ADD_RECORD_TEST(path, func) \
  g_test_add (path, RecordFixture, NULL, record_fixture_set_up, func, record_fixture_tear_down)

  ADD_RECORD_TEST ("/sync/vault/record/roundtrip", test_vault_record_roundtrip);
  ADD_RECORD_TEST ("/sync/vault/record/tampered", test_vault_record_tampered);
  ADD_RECORD_TEST ("/sync/vault/record/unknown-device", test_vault_record_unknown_device);
  ADD_RECORD_TEST ("/sync/vault/record/old-key", test_vault_record_old_key);
  ADD_RECORD_TEST ("/sync/vault/record/replayed", test_vault_record_replayed);
  ADD_RECORD_TEST ("/sync/vault/record/misplaced", test_vault_record_misplaced);
  ADD_RECORD_TEST ("/sync/vault/record/padding", test_vault_record_padding);
  g_test_add_func ("/sync/vault/unpad-sizes", test_vault_unpad_sizes);
  ADD_RECORD_TEST ("/sync/vault/ics/roundtrip", test_vault_ics_roundtrip);
  ADD_RECORD_TEST ("/sync/vault/ics/malformed", test_vault_ics_malformed);
  ADD_RECORD_TEST ("/sync/vault/ics/largest", test_vault_ics_largest);

  g_test_add_func ("/sync/vault/recovery/code", test_vault_recovery_code);
  g_test_add_func ("/sync/vault/recovery/wrap", test_vault_recovery_wrap);
  g_test_add_func ("/sync/vault/reveal", test_vault_reveal);

  return g_test_run ();
}
