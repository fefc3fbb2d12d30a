/* closeness-vault-record.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One synced record as the server keeps it: a keyed-hash UID, and an
 * envelope (padded plaintext sealed with XChaCha20-Poly1305, signed by the
 * writing device) base64-encoded in one property of a VJOURNAL.
 *
 * Envelope, format 1 (integers big-endian):
 *
 *   offset  size  field
 *        0     1  format version (1)
 *        1    32  the writer's Ed25519 public key (its device id derives from it)
 *       33     8  key id of the key that sealed it
 *       41    24  nonce
 *       65     n  XChaCha20-Poly1305 ciphertext, n = bucket + 16, of the padded
 *                 version (hybrid logical clock: 8 bytes of milliseconds,
 *                 2 of counter) and record
 *    end-64   64  Ed25519ph signature over everything before it
 *
 * The version is inside the ciphertext: the server sees when an item was
 * uploaded, not when it was written. The associated data of the AEAD is
 * the domain, the item's uid, its kind and the header (bytes 0 to 65), so
 * an envelope moved to another item, or to another kind, does not open.
 * The writer's full public key sits at a fixed place and the signature at
 * the end whatever the format version, so the signature is checked before
 * anything else is believed: any byte changed anywhere is TAMPERED, and a
 * valid signature by a device that is not the couple's is UNKNOWN_DEVICE.
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <string.h>

#include "closeness-vault-private.h"

#define RECORD_FORMAT_VERSION 1
#define OFFSET_WRITER         1
#define OFFSET_KEY_ID         (OFFSET_WRITER + VAULT_SIGN_PK)
#define OFFSET_NONCE          (OFFSET_KEY_ID + VAULT_KEY_ID_BYTES)
#define RECORD_HEADER         (OFFSET_NONCE + VAULT_AEAD_NONCE)
#define RECORD_OVERHEAD       (RECORD_HEADER + VAULT_AEAD_TAG + VAULT_SIGNATURE)
#define RECORD_MAX_ENVELOPE   (RECORD_OVERHEAD + VAULT_MAX_PADDED)
/* Inside the padding, before the record: milliseconds (8), counter (2). */
#define RECORD_VERSION_BYTES  10

#define UID_BYTES             16
#define UID_KDF_CONTEXT       "CLitemid"

/* The calendar object around an envelope: nothing in it but the UID says
 * which item it is, and DTSTAMP is fixed so it tells no time. */
#define ICS_PROPERTY          "X-CLOSENESS-VAULT"
#define ICS_DTSTAMP           "20000101T000000Z"
#define ICS_PRODID            "-//Closeness//Encrypted item 1//EN"
#define ICS_LINE_OCTETS       75
#define ICS_MAX_LENGTH        (2 * 1024 * 1024)
#define ICS_MAX_UID           255

/* ---- Item UIDs ----------------------------------------------------------- */

/* A sub-key of @key for naming items (crypto_kdf), so the name never uses
 * the same key as the sealing. The sub-key lives on the stack for the few
 * instructions it is needed and is wiped: guarded memory would cost a
 * mapping per item during a sync. */
char *
closeness_vault_item_uid (ClosenessVaultKey *key,
                          const char        *kind,
                          const char        *stable_id)
{
  guint8 sub_key[crypto_generichash_KEYBYTES];
  guint8 uid[UID_BYTES];
  char hex[UID_BYTES * 2 + 1];
  crypto_generichash_state state;

  g_return_val_if_fail (key != NULL && kind != NULL && stable_id != NULL, NULL);

  crypto_kdf_derive_from_key (sub_key, sizeof sub_key, 1, UID_KDF_CONTEXT,
                              closeness_vault_key_get_bytes (key));
  /* The NUL after the kind keeps ("ab", "c") apart from ("a", "bc"). */
  crypto_generichash_init (&state, sub_key, sizeof sub_key, sizeof uid);
  crypto_generichash_update (&state, (const guint8 *) kind, strlen (kind) + 1);
  crypto_generichash_update (&state, (const guint8 *) stable_id, strlen (stable_id));
  crypto_generichash_final (&state, uid, sizeof uid);
  sodium_memzero (sub_key, sizeof sub_key);
  sodium_memzero (&state, sizeof state);

  return g_strdup (sodium_bin2hex (hex, sizeof hex, uid, sizeof uid));
}

/* ---- Envelopes ----------------------------------------------------------- */

static GByteArray *
record_associated_data (const char   *kind,
                        const char   *uid,
                        const guint8 *header)
{
  static const char domain[] = VAULT_DOMAIN_RECORD;
  GByteArray *ad = g_byte_array_new ();

  g_byte_array_append (ad, (const guint8 *) domain, sizeof domain);
  g_byte_array_append (ad, (const guint8 *) uid, strlen (uid) + 1);
  g_byte_array_append (ad, (const guint8 *) kind, strlen (kind) + 1);
  g_byte_array_append (ad, header, RECORD_HEADER);

  return ad;
}

gsize
closeness_vault_envelope_size (gsize length)
{
  gsize padded;

  if (length > CLOSENESS_VAULT_MAX_RECORD)
    return 0;
  padded = closeness_vault_padded_size (RECORD_VERSION_BYTES + length);
  return padded > 0 ? RECORD_OVERHEAD + padded : 0;
}

/**
 * closeness_vault_record_seal:
 * @plaintext: the record (at most %CLOSENESS_VAULT_MAX_RECORD bytes)
 * @kind: the record's kind ("answer", "event", …), bound to the envelope
 * @uid: the item's uid (closeness_vault_item_uid()), bound to the envelope
 * @version: the version of this change; its device must be @writer's id
 * @writer: this device, which signs
 * @key: the couple key, or the writer's personal key
 *
 * Returns: (transfer full): the envelope
 */
GBytes *
closeness_vault_record_seal (GBytes                *plaintext,
                             const char            *kind,
                             const char            *uid,
                             const ClosenessHlc    *version,
                             ClosenessVaultDevice  *writer,
                             ClosenessVaultKey     *key,
                             GError               **error)
{
  g_autoptr(GBytes) inner = NULL;
  g_autoptr(GBytes) padded = NULL;
  g_autoptr(GByteArray) ad = NULL;
  gsize record_length, padded_length, length;
  const guint8 *record, *padded_data;
  unsigned long long ciphertext_length;
  guint8 *inner_data;
  guint8 *out;

  g_return_val_if_fail (plaintext != NULL && kind != NULL && uid != NULL, NULL);
  g_return_val_if_fail (version != NULL && version->physical_ms >= 0, NULL);
  g_return_val_if_fail (writer != NULL && closeness_vault_device_has_secret (writer), NULL);
  g_return_val_if_fail (version->device == closeness_vault_device_get_id (writer), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  record = g_bytes_get_data (plaintext, &record_length);
  if (record_length > CLOSENESS_VAULT_MAX_RECORD)
    {
      g_set_error (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_TOO_LARGE,
                   "A record of %" G_GSIZE_FORMAT " bytes is larger than the vault seals.",
                   record_length);
      return NULL;
    }

  inner = closeness_vault_wiped_bytes_new (RECORD_VERSION_BYTES + record_length, &inner_data);
  closeness_vault_put_u64 (inner_data, (guint64) version->physical_ms);
  inner_data[8] = version->counter >> 8;
  inner_data[9] = version->counter & 0xff;
  if (record_length > 0)
    memcpy (inner_data + RECORD_VERSION_BYTES, record, record_length);
  padded = closeness_vault_pad (inner, error);
  if (padded == NULL)
    return NULL;
  padded_data = g_bytes_get_data (padded, &padded_length);

  length = RECORD_OVERHEAD + padded_length;
  out = g_malloc (length);
  out[0] = RECORD_FORMAT_VERSION;
  memcpy (out + OFFSET_WRITER, closeness_vault_device_get_sign_public (writer), VAULT_SIGN_PK);
  memcpy (out + OFFSET_KEY_ID, closeness_vault_key_get_raw_id (key), VAULT_KEY_ID_BYTES);
  randombytes_buf (out + OFFSET_NONCE, VAULT_AEAD_NONCE);

  ad = record_associated_data (kind, uid, out);
  crypto_aead_xchacha20poly1305_ietf_encrypt (out + RECORD_HEADER, &ciphertext_length,
                                              padded_data, padded_length,
                                              ad->data, ad->len, NULL,
                                              out + OFFSET_NONCE,
                                              closeness_vault_key_get_bytes (key));
  g_assert (ciphertext_length == padded_length + VAULT_AEAD_TAG);

  closeness_vault_sign (writer, VAULT_DOMAIN_RECORD, out, length - VAULT_SIGNATURE,
                        out + length - VAULT_SIGNATURE);

  return g_bytes_new_take (out, length);
}

/**
 * closeness_vault_record_open:
 * @envelope: what closeness_vault_record_seal() made, as the server gave it
 * @kind: the kind the caller expects at @uid
 * @uid: the item's uid on the server
 * @last_applied: (nullable): the version of this item last applied here;
 *   an envelope not newer than it is refused as REPLAYED
 * @known_devices: the couple's devices (ClosenessVaultDevice)
 * @key: the key named by the envelope's key id (closeness_vault_record_peek_key_id())
 * @version: (out) (optional): the envelope's version, its device the writer (also
 *   set when the envelope is refused as REPLAYED)
 *
 * Checks, in this order: the signature (TAMPERED), the format (UNSUPPORTED),
 * the writer (UNKNOWN_DEVICE), the key (WRONG_KEY); then decrypts: a
 * genuine envelope that does not open under its own key was moved from
 * another item or kind (MISPLACED); last the version (REPLAYED).
 *
 * Returns: (transfer full): the record, in memory wiped when freed
 */
GBytes *
closeness_vault_record_open (GBytes                *envelope,
                             const char            *kind,
                             const char            *uid,
                             const ClosenessHlc    *last_applied,
                             GPtrArray             *known_devices,
                             ClosenessVaultKey     *key,
                             ClosenessHlc          *version,
                             GError               **error)
{
  gsize length;
  const guint8 *data;
  ClosenessVaultDevice *writer;
  ClosenessHlc found;
  guint64 physical;
  g_autoptr(GByteArray) ad = NULL;
  g_autoptr(GBytes) padded = NULL;
  g_autoptr(GBytes) inner = NULL;
  const guint8 *inner_data;
  guint8 *padded_data;
  gsize padded_length, inner_length;

  g_return_val_if_fail (envelope != NULL && kind != NULL && uid != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  closeness_vault_ensure_init ();
  data = g_bytes_get_data (envelope, &length);
  if (length > RECORD_MAX_ENVELOPE)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_TOO_LARGE,
                           "The item is larger than any record the vault seals.");
      return NULL;
    }
  if (length < OFFSET_WRITER + VAULT_SIGN_PK + VAULT_SIGNATURE)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                           "The item is cut short.");
      return NULL;
    }
  if (!closeness_vault_verify (data + OFFSET_WRITER, VAULT_DOMAIN_RECORD,
                               data, length - VAULT_SIGNATURE, data + length - VAULT_SIGNATURE))
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_TAMPERED,
                           "The item was changed after it was written: its signature "
                           "does not match.");
      return NULL;
    }
  if (data[0] != RECORD_FORMAT_VERSION)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_UNSUPPORTED,
                           "The item was written by a newer version of Closeness.");
      return NULL;
    }
  /* Signed, so the writer's own code made it this short: a bug there. */
  if (length < RECORD_OVERHEAD + closeness_vault_padded_size (0))
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                           "The item is cut short.");
      return NULL;
    }

  writer = closeness_vault_find_device (known_devices, data + OFFSET_WRITER);
  if (writer == NULL)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_UNKNOWN_DEVICE,
                           "The item was written by a device that is not one of the couple's.");
      return NULL;
    }
  if (memcmp (data + OFFSET_KEY_ID, closeness_vault_key_get_raw_id (key), VAULT_KEY_ID_BYTES) != 0)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_WRONG_KEY,
                           "The item was sealed with a key that is not the one given "
                           "(an old or a foreign key).");
      return NULL;
    }

  ad = record_associated_data (kind, uid, data);
  padded_length = length - RECORD_OVERHEAD;
  padded = closeness_vault_wiped_bytes_new (padded_length, &padded_data);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (padded_data, NULL, NULL,
                                                  data + RECORD_HEADER,
                                                  padded_length + VAULT_AEAD_TAG,
                                                  ad->data, ad->len,
                                                  data + OFFSET_NONCE,
                                                  closeness_vault_key_get_bytes (key)) != 0)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MISPLACED,
                           "The item belongs to another item or kind: it was moved.");
      return NULL;
    }

  inner = closeness_vault_unpad (padded_data, padded_length, error);
  if (inner == NULL)
    return NULL;
  inner_data = g_bytes_get_data (inner, &inner_length);
  if (inner_length < RECORD_VERSION_BYTES)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                           "The item has no version.");
      return NULL;
    }

  physical = closeness_vault_get_u64 (inner_data);
  if (physical > G_MAXINT64)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                           "The item's version is out of range.");
      return NULL;
    }
  found.physical_ms = (gint64) physical;
  found.counter = (guint16) ((inner_data[8] << 8) | inner_data[9]);
  found.device = closeness_vault_device_get_id (writer);
  /* The version is said for a REPLAYED item too: the caller can tell its
   * own last write from an older one. */
  if (version != NULL)
    *version = found;
  if (last_applied != NULL && closeness_hlc_compare (&found, last_applied) <= 0)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_REPLAYED,
                           "The item is not newer than the version already applied here.");
      return NULL;
    }

  return g_bytes_new_from_bytes (inner, RECORD_VERSION_BYTES, inner_length - RECORD_VERSION_BYTES);
}

char *
closeness_vault_record_peek_key_id (GBytes  *envelope,
                                    GError **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (envelope, &length);
  char hex[VAULT_KEY_ID_BYTES * 2 + 1];

  if (length < RECORD_OVERHEAD)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                           "The item is cut short.");
      return NULL;
    }

  return g_strdup (sodium_bin2hex (hex, sizeof hex, data + OFFSET_KEY_ID, VAULT_KEY_ID_BYTES));
}

/* ---- The calendar object ------------------------------------------------- */

static gboolean
uid_is_valid (const char *uid,
              gsize       length)
{
  if (length == 0 || length > ICS_MAX_UID)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isalnum (uid[i]) && strchr ("-_.@", uid[i]) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Appends NAME:VALUE folded to lines of at most 75 octets (RFC 5545 3.1);
 * the values here are ASCII, so no character is ever split. */
static void
append_folded (GString    *ics,
               const char *name,
               const char *value)
{
  g_autofree char *line = g_strconcat (name, ":", value, NULL);
  gsize length = strlen (line);
  gsize start = 0;

  while (start < length)
    {
      gsize room = start == 0 ? ICS_LINE_OCTETS : ICS_LINE_OCTETS - 1;
      gsize take = MIN (room, length - start);

      if (start > 0)
        g_string_append_c (ics, ' ');
      g_string_append_len (ics, line + start, take);
      g_string_append (ics, "\r\n");
      start += take;
    }
}

/**
 * closeness_vault_item_to_ics:
 * @uid: the item's uid (letters, digits, '-', '_', '.', '@')
 * @envelope: what closeness_vault_record_seal() made
 *
 * Returns: a complete VCALENDAR with one VJOURNAL, CRLF line ends
 */
char *
closeness_vault_item_to_ics (const char *uid,
                             GBytes     *envelope)
{
  GString *ics;
  gsize length;
  const guint8 *data;
  gsize encoded_length;
  g_autofree char *encoded = NULL;

  g_return_val_if_fail (uid != NULL && uid_is_valid (uid, strlen (uid)), NULL);
  g_return_val_if_fail (envelope != NULL, NULL);

  closeness_vault_ensure_init ();
  data = g_bytes_get_data (envelope, &length);
  g_return_val_if_fail (length <= RECORD_MAX_ENVELOPE, NULL);

  encoded_length = sodium_base64_ENCODED_LEN (length, sodium_base64_VARIANT_ORIGINAL);
  encoded = g_malloc (encoded_length);
  sodium_bin2base64 (encoded, encoded_length, data, length, sodium_base64_VARIANT_ORIGINAL);

  ics = g_string_sized_new (encoded_length + encoded_length / 70 * 3 + 256);
  g_string_append (ics, "BEGIN:VCALENDAR\r\n"
                        "VERSION:2.0\r\n"
                        "PRODID:" ICS_PRODID "\r\n"
                        "BEGIN:VJOURNAL\r\n");
  append_folded (ics, "UID", uid);
  g_string_append (ics, "DTSTAMP:" ICS_DTSTAMP "\r\n");
  append_folded (ics, ICS_PROPERTY, encoded);
  g_string_append (ics, "END:VJOURNAL\r\n"
                        "END:VCALENDAR\r\n");

  return g_string_free (ics, FALSE);
}

static gboolean
set_malformed (GError     **error,
               const char  *message)
{
  g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED, message);
  return FALSE;
}

/* Splits a content line into its name (upper-cased) and value, skipping
 * parameters; quoted parameter values may hold ':' (RFC 5545 3.1). */
static gboolean
split_content_line (const char  *line,
                    char       **name,
                    const char **value)
{
  gsize name_end = strcspn (line, ":;");
  gboolean quoted = FALSE;
  const char *p;

  if (name_end == 0 || line[name_end] == '\0')
    return FALSE;

  for (p = line + name_end; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == ':' && !quoted)
        break;
    }
  if (*p != ':')
    return FALSE;

  *name = g_ascii_strup (line, name_end);
  *value = p + 1;
  return TRUE;
}

/* The content lines of @ics, unfolded. */
static GPtrArray *
unfold_lines (const char *ics,
              gsize       length)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  GString *current = NULL;
  gsize start = 0;

  while (start < length)
    {
      const char *newline = memchr (ics + start, '\n', length - start);
      gsize end = newline != NULL ? (gsize) (newline - ics) : length;
      gsize line_end = end > start && ics[end - 1] == '\r' ? end - 1 : end;

      if (line_end > start && (ics[start] == ' ' || ics[start] == '\t') && current != NULL)
        g_string_append_len (current, ics + start + 1, line_end - start - 1);
      else if (line_end > start)
        {
          if (current != NULL)
            g_ptr_array_add (lines, g_string_free (current, FALSE));
          current = g_string_new_len (ics + start, line_end - start);
        }
      start = end + 1;
    }
  if (current != NULL)
    g_ptr_array_add (lines, g_string_free (current, FALSE));

  return lines;
}

/**
 * closeness_vault_item_from_ics:
 * @ics: the calendar object as the server sent it
 * @length: its length in bytes
 * @uid: (out): the item's UID
 * @envelope: (out): the envelope, not yet opened
 *
 * Takes only what closeness_vault_item_to_ics() makes (other properties in
 * the VJOURNAL, which a server may add, are ignored): one VCALENDAR with one
 * VJOURNAL holding one UID and one envelope, at most 2 MiB.
 */
gboolean
closeness_vault_item_from_ics (const char  *ics,
                               gsize        length,
                               char       **uid,
                               GBytes     **envelope,
                               GError     **error)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autofree char *found_uid = NULL;
  const char *found_envelope = NULL;
  guint n_journals = 0;
  int depth = 0;
  gboolean in_journal = FALSE;
  gboolean ended = FALSE;
  guint8 *decoded;
  gsize decoded_length, encoded_length;
  const char *encoded_end;

  g_return_val_if_fail (ics != NULL || length == 0, FALSE);
  g_return_val_if_fail (uid != NULL && envelope != NULL, FALSE);

  closeness_vault_ensure_init ();
  if (length > ICS_MAX_LENGTH)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_TOO_LARGE,
                           "The calendar object is larger than any item the vault writes.");
      return FALSE;
    }
  if (length == 0)
    return set_malformed (error, "The calendar object is empty.");
  if (memchr (ics, '\0', length) != NULL)
    return set_malformed (error, "The calendar object contains a NUL byte.");

  lines = unfold_lines (ics, length);
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      g_autofree char *name = NULL;
      const char *value;

      if (ended)
        return set_malformed (error, "The calendar object goes on after its end.");
      if (!split_content_line (line, &name, &value))
        return set_malformed (error, "The calendar object has a line that is not a property.");

      if (g_str_equal (name, "BEGIN"))
        {
          if (depth == 0 && g_ascii_strcasecmp (value, "VCALENDAR") != 0)
            return set_malformed (error, "The calendar object does not start with VCALENDAR.");
          if (depth == 1 && (g_ascii_strcasecmp (value, "VJOURNAL") != 0 || n_journals > 0))
            return set_malformed (error, "The calendar object holds something other than "
                                         "one VJOURNAL.");
          if (depth >= 2)
            return set_malformed (error, "The VJOURNAL holds a component.");
          if (depth == 1)
            {
              in_journal = TRUE;
              n_journals++;
            }
          depth++;
        }
      else if (g_str_equal (name, "END"))
        {
          const char *expected = depth == 2 ? "VJOURNAL" : "VCALENDAR";

          if (depth == 0 || g_ascii_strcasecmp (value, expected) != 0)
            return set_malformed (error, "The calendar object's components do not nest.");
          depth--;
          in_journal = FALSE;
          ended = depth == 0;
        }
      else if (depth == 0)
        return set_malformed (error, "The calendar object does not start with VCALENDAR.");
      else if (in_journal && g_str_equal (name, "UID"))
        {
          if (found_uid != NULL)
            return set_malformed (error, "The VJOURNAL has two UIDs.");
          found_uid = g_strdup (value);
        }
      else if (in_journal && g_str_equal (name, ICS_PROPERTY))
        {
          if (found_envelope != NULL)
            return set_malformed (error, "The VJOURNAL holds two envelopes.");
          found_envelope = value;
        }
    }

  if (!ended)
    return set_malformed (error, "The calendar object is cut short.");
  if (n_journals != 1)
    return set_malformed (error, "The calendar object holds something other than one VJOURNAL.");
  if (found_uid == NULL || !uid_is_valid (found_uid, strlen (found_uid)))
    return set_malformed (error, "The VJOURNAL has no valid UID.");
  if (found_envelope == NULL)
    return set_malformed (error, "The VJOURNAL holds no envelope.");

  /* Strict base64: a character outside the alphabet is an error, not skipped. */
  encoded_length = strlen (found_envelope);
  decoded = g_malloc (encoded_length / 4 * 3 + 3);
  if (sodium_base642bin (decoded, encoded_length / 4 * 3 + 3, found_envelope, encoded_length,
                         NULL, &decoded_length, &encoded_end,
                         sodium_base64_VARIANT_ORIGINAL) != 0
      || encoded_end != found_envelope + encoded_length
      || decoded_length == 0)
    {
      g_free (decoded);
      return set_malformed (error, "The envelope in the VJOURNAL is not valid base64.");
    }

  *uid = g_steal_pointer (&found_uid);
  *envelope = g_bytes_new_take (decoded, decoded_length);
  return TRUE;
}
