/* closeness-couple-sync.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Couple sync: answers, notes, favourites, custom questions and self-care
 * travel end-to-end encrypted through a VJOURNAL collection on the
 * couple's CalDAV account (docs/SYNC.md, "Couple sync").
 *
 * Records travel in buckets, one CalDAV item each: a record's bucket is a
 * keyed hash of its key, so the server learns neither which record is in
 * which item nor how many records there are, only bucket sizes. Buckets
 * come in classes, each with its own key and its own writers:
 *
 *   common     couple key   every device: names, decks, questions, notes, …
 *   owned-P    couple key   partner P's devices: P's answers and entries
 *   private-P  P's own key  P's devices: P's private activities and entries
 *
 * A device that is not P's cannot write P's buckets: they are refused on
 * every other device. Answers travel as commitments (closeness-vault.h,
 * "Reveal together"): the answer sealed under a key of its own, that key
 * for the owner's devices under the owner's personal key, and for the
 * partner under the couple key only once the partner's own commitment to
 * the same question is on the server.
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "closeness-couple-sync-private.h"

#ifdef CLOSENESS_COUPLE_PLAINTEXT_BENCH
/* Only the benchmark's second executable (bench/sync/meson.build) is built
 * with this: the same engine with the encryption left out, to measure what
 * the encryption costs. Never the program. */
#include "closeness-couple-sync-plaintext.h"
#endif

static guint
bucket_index (ClosenessCoupleKeyring *keys,
              const char             *record_key)
{
  g_autofree char *hash = closeness_vault_item_uid (index_key (keys), "record", record_key);
  char digits[5] = { 0 };

  memcpy (digits, hash, 4);

  return (guint) (g_ascii_strtoull (digits, NULL, 16) % N_BUCKETS);
}

/* Which class a record travels in. */
static Class
record_class (Run        *run,
              const char *key)
{
  g_auto(GStrv) parts = g_strsplit (key, ":", -1);
  int owner = closeness_couple_key_get_owner (key);

  if (g_str_equal (parts[0], "activity") || g_str_equal (parts[0], "entry"))
    {
      gpointer known;
      int klass = CLASS_COMMON;

      if (!g_hash_table_lookup_extended (run->activity_class, parts[1], NULL, &known))
        {
          g_autofree char *activity_key = g_strconcat ("activity:", parts[1], NULL);
          g_autoptr(ClosenessCoupleRecord) activity =
            closeness_store_couple_read (run->store, activity_key, NULL);
          gboolean private = FALSE;
          int activity_owner = 2;

          if (activity != NULL && activity->value != NULL &&
              g_variant_lookup (activity->value, "private", "b", &private) &&
              g_variant_lookup (activity->value, "owner", "i", &activity_owner) &&
              private && (activity_owner == 0 || activity_owner == 1))
            klass = activity_owner == 0 ? CLASS_PRIVATE_0 : CLASS_PRIVATE_1;
          g_hash_table_insert (run->activity_class, g_strdup (parts[1]), GINT_TO_POINTER (klass));
        }
      else
        klass = GPOINTER_TO_INT (known);

      if (g_str_equal (parts[0], "activity"))
        return klass;
      if (klass != CLASS_COMMON)
        return klass;
    }

  if (owner == 0)
    return CLASS_OWNED_0;
  if (owner == 1)
    return CLASS_OWNED_1;

  return CLASS_COMMON;
}

static char *
record_bucket (Run        *run,
               const char *key)
{
  return _closeness_couple_bucket_id (record_class (run, key), bucket_index (run->keys, key));
}

/* Whether a bucket of @id may hold an answer that makes this device publish
 * one of its own answers' keys: a partner's answers, read by a device that
 * answers for the other partner (a laptop both use reads its own). */
static gboolean
may_reveal_from (Run        *run,
                 const char *id)
{
  Class class = CLASS_COMMON;

  return _closeness_couple_parse_bucket_id (id, &class) &&
         (class == CLASS_OWNED_0 || class == CLASS_OWNED_1) &&
         run->keys->personal_keys[1 - class_owner (class)] != NULL;
}

/* Noted with the bucket state that makes a reveal possible, in the same
 * transaction, and cleared when a run has looked for reveals and sent
 * them: a run that stops in between leaves it, and the next run looks at
 * every such bucket again (see note_reveals()). */
static void
note_reveals_due (Run        *run,
                  const char *id,
                  GHashTable *states)
{
  if (!may_reveal_from (run, id))
    return;
  g_hash_table_insert (states, g_strdup ("reveals-due"), g_strdup ("1"));
  run->reveals_due = TRUE;
}

/* ---- Answers: commitments ------------------------------------------------ */

/* The record of @key in @content, or NULL. */
static GVariant *
content_lookup (GVariant   *content,
                const char *key,
                char      **version)
{
  GVariantIter iter;
  const char *k, *v;
  GVariant *value;

  g_variant_iter_init (&iter, content);
  while (g_variant_iter_next (&iter, "(&s&sm@a{sv})", &k, &v, &value))
    {
      if (g_str_equal (k, key))
        {
          if (version != NULL)
            *version = g_strdup (v);
          return value != NULL
                   ? value
                   : g_variant_ref_sink (g_variant_new_maybe (G_VARIANT_TYPE_VARDICT, NULL));
        }
      g_clear_pointer (&value, g_variant_unref);
    }

  return NULL;
}

static GBytes *
lookup_bytes (GVariant   *value,
              const char *name)
{
  g_autoptr(GVariant) bytes = g_variant_lookup_value (value, name, G_VARIANT_TYPE_BYTESTRING);

  return bytes != NULL ? g_variant_get_data_as_bytes (bytes) : NULL;
}

static GVariant *
bytes_value (GBytes *bytes)
{
  return g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, bytes, TRUE);
}

/* The answer's text from its commitment, with the key the owner's devices
 * hold or the one published for the partner; NULL while sealed. */
static char *
open_answer (ClosenessCoupleKeyring *keys,
             const char             *key,
             GVariant               *wire)
{
  int owner = closeness_couple_key_get_owner (key);
  g_autoptr(GBytes) commitment = lookup_bytes (wire, "commitment");
  g_autoptr(GBytes) owner_key = lookup_bytes (wire, "owner-key");
  g_autoptr(GBytes) published = lookup_bytes (wire, "key");
  g_autoptr(ClosenessVaultKey) answer_key = NULL;
  g_autoptr(GBytes) text = NULL;

  if (commitment == NULL || owner < 0)
    return NULL;
  if (owner_key != NULL && keys->personal_keys[owner] != NULL)
    answer_key = closeness_vault_key_unwrap (owner_key, keys->personal_keys[owner], key, NULL);
  /* Wrapped before a removal rotated the owner's key. */
  for (guint i = 0;
       answer_key == NULL && owner_key != NULL && keys->older_personal_keys[owner] != NULL
       && i < keys->older_personal_keys[owner]->len;
       i++)
    answer_key =
      closeness_vault_key_unwrap (owner_key,
                                  g_ptr_array_index (keys->older_personal_keys[owner], i), key,
                                  NULL);
  for (guint i = 0; answer_key == NULL && published != NULL && i < keys->couple_keys->len; i++)
    answer_key =
      closeness_vault_key_unwrap (published, g_ptr_array_index (keys->couple_keys, i), key, NULL);
  if (answer_key == NULL)
    return NULL;
  text = closeness_vault_open_answer (commitment, key, answer_key, NULL);
  if (text == NULL
      || !g_utf8_validate (g_bytes_get_data (text, NULL), g_bytes_get_size (text), NULL))
    return NULL;

  return g_strndup (g_bytes_get_data (text, NULL), g_bytes_get_size (text));
}

static char *
other_answer_key (const char *key)
{
  g_autofree char *stem = g_strndup (key, strlen (key) - 1);

  return g_strconcat (stem, g_str_has_suffix (key, "0") ? "1" : "0", NULL);
}

/* The wire form of @key as the last read or written bucket has it. */
static GVariant *
known_wire (Run        *run,
            GHashTable *buckets,
            const char *key)
{
  g_autofree char *id = record_bucket (run, key);

  return content_lookup (_closeness_couple_get_bucket (run, buckets, id)->content, key, NULL);
}

/* Our answer as it travels: the commitment kept while the text is the
 * same, its key published once the partner's commitment is there. */
static GVariant *
seal_answer (Run        *run,
             GHashTable *buckets,
             const char *key,
             GVariant   *plain,
             GError    **error)
{
  int owner = closeness_couple_key_get_owner (key);
  g_autoptr(GVariant) before = known_wire (run, buckets, key);
  g_autofree char *other = other_answer_key (key);
  g_autoptr(GVariant) partner = known_wire (run, buckets, other);
  g_autoptr(ClosenessVaultKey) answer_key = NULL;
  g_autoptr(GBytes) commitment = NULL;
  g_autoptr(GBytes) owner_key = NULL;
  const char *text = NULL;
  GVariantDict dict;

  g_variant_lookup (plain, "text", "&s", &text);
  if (text == NULL || run->keys->personal_keys[owner] == NULL)
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_WRONG_KEY,
                           "This device cannot seal this partner's answer.");
      return NULL;
    }

  if (before != NULL && g_variant_is_of_type (before, G_VARIANT_TYPE_VARDICT))
    {
      g_autofree char *was = open_answer (run->keys, key, before);

      if (g_strcmp0 (was, text) == 0)
        {
          commitment = lookup_bytes (before, "commitment");
          owner_key = lookup_bytes (before, "owner-key");
          answer_key =
            closeness_vault_key_unwrap (owner_key, run->keys->personal_keys[owner], key, NULL);
        }
    }
  if (answer_key == NULL)
    {
      g_autoptr(GBytes) plain_text = g_bytes_new (text, strlen (text));

      g_clear_pointer (&commitment, g_bytes_unref);
      commitment = closeness_vault_commit_answer (plain_text, key, &answer_key, error);
      if (commitment == NULL)
        return NULL;
      g_clear_pointer (&owner_key, g_bytes_unref);
      owner_key = closeness_vault_key_wrap (answer_key, run->keys->personal_keys[owner], key);
    }

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert_value (&dict, "commitment", bytes_value (commitment));
  g_variant_dict_insert_value (&dict, "owner-key", bytes_value (owner_key));
  /* Published only once the partner has committed to an answer too. */
  if (partner != NULL && g_variant_is_of_type (partner, G_VARIANT_TYPE_VARDICT))
    {
      g_autoptr(GBytes) published =
        closeness_vault_key_wrap (answer_key, newest_couple_key (run->keys), key);

      g_variant_dict_insert_value (&dict, "key", bytes_value (published));
    }

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

/* Whether @record, an answer, goes out again only to add its key: its text
 * is the one of the wire last read or written, at the very version this
 * device last sent or applied. It then keeps that version, so that it
 * never wins over an edit made meanwhile on another device of the owner,
 * and the devices that have it take only the key. */
static gboolean
adds_only_key (Run                         *run,
               GHashTable                  *buckets,
               const ClosenessCoupleRecord *record)
{
  g_autofree char *id = NULL;
  g_autofree char *version = NULL;
  g_autofree char *was = NULL;
  g_autoptr(GVariant) before = NULL;
  const char *text = NULL;

  if (!g_str_has_prefix (record->key, "answer:") || record->value == NULL || record->version == NULL
      || !g_variant_lookup (record->value, "text", "&s", &text))
    return FALSE;
  id = record_bucket (run, record->key);
  before = content_lookup (_closeness_couple_get_bucket (run, buckets, id)->content, record->key,
                           &version);
  if (before == NULL || !g_variant_is_of_type (before, G_VARIANT_TYPE_VARDICT) ||
      g_strcmp0 (version, record->version) != 0)
    return FALSE;
  was = open_answer (run->keys, record->key, before);

  return g_strcmp0 (was, text) == 0;
}

/* ---- Receiving ------------------------------------------------------------ */

static int
partner_of_device (ClosenessCoupleKeyring *keys,
                   guint64                 device_id,
                   gboolean               *known)
{
  for (guint i = 0; i < keys->devices->len; i++)
    if (closeness_vault_device_get_id (g_ptr_array_index (keys->devices, i)) == device_id)
      {
        *known = TRUE;
        return g_array_index (keys->device_partners, int, i);
      }

  *known = FALSE;
  return -1;
}

/* The key an item names by its id, and the partner whose personal key it
 * is (-1 for a couple key). */
static G_GNUC_UNUSED ClosenessVaultKey *
key_for_id (ClosenessCoupleKeyring *keys,
            const char             *id,
            int                    *personal_of)
{
  *personal_of = -1;
  for (guint i = 0; i < keys->couple_keys->len; i++)
    if (g_strcmp0 (closeness_vault_key_get_id (g_ptr_array_index (keys->couple_keys, i)), id) == 0)
      return g_ptr_array_index (keys->couple_keys, i);
  for (int p = 0; p < 2; p++)
    {
      *personal_of = p;
      if (keys->personal_keys[p] != NULL
          && g_strcmp0 (closeness_vault_key_get_id (keys->personal_keys[p]), id) == 0)
        return keys->personal_keys[p];
      for (guint i = 0;
           keys->older_personal_keys[p] != NULL && i < keys->older_personal_keys[p]->len; i++)
        if (g_strcmp0 (closeness_vault_key_get_id (
                         g_ptr_array_index (keys->older_personal_keys[p], i)),
                       id)
            == 0)
          return g_ptr_array_index (keys->older_personal_keys[p], i);
    }
  *personal_of = -1;

  return NULL;
}

/* Opens one item read from the server into @bucket; FALSE when it is
 * refused (counted, the reason in @refusal) or not one of ours (FALSE
 * and no @refusal). */
static gboolean
open_item (Run        *run,
           const char *id,
           const char *data,
           Bucket     *bucket,
           gboolean   *kept_ours,
           GError    **refusal)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *key_id = NULL;
  g_autofree char *version_text = NULL;
  g_autoptr(GBytes) envelope = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GVariant) content = NULL;
  ClosenessHlc last = { 0 }, version = { 0 };
  ClosenessVaultKey *key;
  gboolean known = FALSE, have_last;
  Class class = CLASS_COMMON;
  int writer_partner, owner, personal_of = -1;

  _closeness_couple_parse_bucket_id (id, &class);
  if (!closeness_vault_item_from_ics (data, strlen (data), &uid, &envelope, &error) ||
      (key_id = closeness_vault_record_peek_key_id (envelope, &error)) == NULL)
    goto refused;
#ifdef CLOSENESS_COUPLE_PLAINTEXT_BENCH
  key = class_key (run->keys, class);
  personal_of = class >= CLASS_PRIVATE_0 ? class_owner (class) : -1;
#else
  key = key_for_id (run->keys, key_id, &personal_of);
#endif
  if (key == NULL)
    {
      /* Sealed for the other partner only: not ours to read. */
      if (class_owner (class) >= 0 && class >= CLASS_PRIVATE_0
          && run->keys->personal_keys[class_owner (class)] == NULL)
        return FALSE;
      g_set_error_literal (&error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_WRONG_KEY,
                           "No key here opens it.");
      goto refused;
    }
  /* Private buckets under their partner's own key, the others under a
   * couple key. */
  if ((class >= CLASS_PRIVATE_0 && personal_of != class_owner (class)) ||
      (class < CLASS_PRIVATE_0 && personal_of >= 0))
    {
      g_set_error_literal (&error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_WRONG_KEY,
                           "Sealed with a key of the wrong kind.");
      goto refused;
    }
  have_last = bucket->version != NULL && bucket->version[0] != '\0' &&
              closeness_hlc_parse (bucket->version, &last, NULL);
  plain = closeness_vault_record_open (envelope, BUCKET_KIND, uid, have_last ? &last : NULL,
                                       run->keys->devices, key, &version, &error);
  /* The very version this device last read or wrote, under an etag it did
   * not know (a server that answers a PUT without a strong ETag): nothing
   * new, and nothing to refuse. */
  if (plain == NULL && have_last
      && g_error_matches (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_REPLAYED)
      && closeness_hlc_compare (&version, &last) == 0)
    {
      *kept_ours = FALSE;
      return TRUE;
    }
  if (plain == NULL)
    goto refused;

  /* Only P's devices write P's buckets. */
  owner = class_owner (class);
  writer_partner = partner_of_device (run->keys, version.device, &known);
  if (!known || (owner >= 0 && writer_partner >= 0 && writer_partner != owner))
    {
      g_set_error_literal (&error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_UNKNOWN_DEVICE,
                           "Written by a device that may not write it.");
      goto refused;
    }

  content = _closeness_couple_unpack (plain, &error);
  if (content == NULL)
    goto refused;

  {
    ClosenessHlc seen;

    closeness_hlc_clock_receive (run->clock, &version, &seen, NULL);
  }
  version_text = closeness_hlc_to_string (&version);
  g_free (bucket->version);
  bucket->version = g_steal_pointer (&version_text);
  g_free (bucket->key_id);
  bucket->key_id = g_strdup (closeness_vault_key_get_id (key));
  *kept_ours = _closeness_couple_merge_content (bucket, content);

  return TRUE;

refused:
  g_debug ("An item of couple sync was refused: %s", error != NULL ? error->message : "");
  run->report->refused++;
  if (error == NULL)
    g_set_error_literal (&error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                         "Refused.");
  g_propagate_error (refusal, g_steal_pointer (&error));
  return FALSE;
}

/* Whether @key may travel in the bucket @id: its hash picks that bucket
 * and its class may hold it (the receiving device cannot always tell a
 * private activity from its own store: it may not have it yet). */
static gboolean
record_fits (Run        *run,
             const char *key,
             const char *id)
{
  g_autofree char *index = NULL;
  int owner;
  Class class;

  if (!closeness_couple_key_is_valid (key) || !_closeness_couple_parse_bucket_id (id, &class))
    return FALSE;
  index = _closeness_couple_bucket_id (class, bucket_index (run->keys, key));
  if (!g_str_equal (index, id))
    return FALSE;
  owner = closeness_couple_key_get_owner (key);
  switch (class)
    {
    case CLASS_COMMON:
      return owner < 0;
    case CLASS_OWNED_0:
    case CLASS_OWNED_1:
      return owner == class_owner (class);
    case CLASS_PRIVATE_0:
    case CLASS_PRIVATE_1:
      return g_str_has_prefix (key, "activity:") ||
             (g_str_has_prefix (key, "entry:") && owner == class_owner (class));
    case N_CLASSES:
    default:
      return FALSE;
    }
}

/* The plain records of @bucket, for the store: answers opened when they
 * can be, records that do not belong in this bucket refused. */
static GPtrArray *
plain_records (Run        *run,
               const char *id,
               Bucket     *bucket,
               GHashTable *states)
{
  GPtrArray *records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_couple_record_free);
  GVariantIter iter;
  const char *key, *version;
  GVariant *value;

  g_variant_iter_init (&iter, bucket->content);
  while (g_variant_iter_next (&iter, "(&s&sm@a{sv})", &key, &version, &value))
    {
      g_autoptr(GVariant) owned = value;
      g_autofree char *sealed_state = NULL;

      if (!record_fits (run, key, id))
        {
          run->report->refused++;
          continue;
        }

      if (g_str_has_prefix (key, "answer:") && value != NULL)
        {
          g_autofree char *text = open_answer (run->keys, key, value);
          GVariantDict dict;

          sealed_state = g_strconcat ("sealed:", key, NULL);
          if (text == NULL)
            {
              /* The partner answered; it opens once we have answered too. */
              g_hash_table_insert (states, g_steal_pointer (&sealed_state), g_strdup (version));
              run->report->sealed++;
              continue;
            }
          g_hash_table_insert (states, g_steal_pointer (&sealed_state), NULL);
          g_variant_dict_init (&dict, NULL);
          g_variant_dict_insert (&dict, "text", "s", text);
          g_ptr_array_add (records,
                           closeness_couple_record_new (key, version, g_variant_dict_end (&dict)));
          continue;
        }

      g_ptr_array_add (records, closeness_couple_record_new (key, version, value));
    }

  return records;
}

/* Asks the server what changed since the last sync and applies it. */
static gboolean
pull (Run         *run,
      GHashTable  *buckets,
      GError     **error)
{
  /* After a rotation everything is listed again: items named with the new
   * key were passed over while this device did not hold it. */
  g_autofree char *token =
    run->keys_changed ? NULL : closeness_store_couple_dup_state (run->store, "token");
  g_autofree char *new_token = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_autoptr(GPtrArray) fetched = NULL;
  g_autoptr(GPtrArray) records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_couple_record_free);
  g_autoptr(GHashTable) states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) local_error = NULL;
  ClosenessCoupleApplyCounts counts;

  items = closeness_caldav_client_sync_collection (run->client, run->collection, token, &new_token,
                                                   run->cancellable, &local_error);
  if (items == NULL
      && g_error_matches (local_error, CLOSENESS_CALDAV_ERROR,
                          CLOSENESS_CALDAV_ERROR_INVALID_TOKEN))
    {
      g_autoptr(ClosenessCaldavCollection) collection = NULL;

      g_clear_error (&local_error);
      items = closeness_caldav_client_list (run->client, run->collection, run->cancellable, error);
      if (items == NULL)
        return FALSE;
      collection = closeness_caldav_client_get_collection (run->client, run->collection,
                                                           run->cancellable, NULL);
      new_token = collection != NULL ? g_strdup (collection->sync_token) : NULL;
    }
  else if (items == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  for (guint i = 0; i < items->len; i++)
    {
      ClosenessCaldavItem *item = g_ptr_array_index (items, i);
      const char *slash = strrchr (item->href, '/');
      g_autofree char *uid = g_strndup (slash != NULL ? slash + 1 : item->href,
                                        strlen (slash != NULL ? slash + 1 : item->href) - 4);
      const char *id = g_hash_table_lookup (run->uid_to_bucket, uid);
      Bucket *bucket;

      if (id == NULL || !g_str_has_suffix (item->href, ".ics"))
        continue;
      if (item->deleted)
        {
          /* A copy under an earlier name, deleted by another device. */
          bucket = _closeness_couple_get_bucket (run, buckets, id);
          if (g_hash_table_remove (bucket->old, item->href))
            _closeness_couple_keep_bucket (states, id, bucket);
          continue;
        }
      /* Our own write coming back: known by its etag, without reading the
       * bucket kept here. */
      if (g_hash_table_lookup (buckets, id) == NULL
          && _closeness_couple_is_known (run, id, item->href, item->etag))
        continue;
      bucket = _closeness_couple_get_bucket (run, buckets, id);
      if (g_str_equal (item->href, bucket->href)
            ? g_strcmp0 (bucket->etag, item->etag) == 0
            : g_strcmp0 (g_hash_table_lookup (bucket->old, item->href), item->etag) == 0)
        continue;
      g_ptr_array_add (wanted, item->href);
    }
  g_ptr_array_add (wanted, NULL);

  if (wanted->len > 1)
    {
      fetched = closeness_caldav_client_multiget (run->client, run->collection,
                                                  (const char * const *) wanted->pdata,
                                                  run->cancellable, error);
      if (fetched == NULL)
        return FALSE;
    }

  for (guint i = 0; fetched != NULL && i < fetched->len; i++)
    {
      ClosenessCaldavItem *item = g_ptr_array_index (fetched, i);
      const char *slash = strrchr (item->href, '/');
      g_autofree char *uid = g_strndup (slash + 1, strlen (slash + 1) - 4);
      const char *id = g_hash_table_lookup (run->uid_to_bucket, uid);
      Bucket *bucket = g_hash_table_lookup (buckets, id);
      g_autoptr(GPtrArray) plain = NULL;
      g_autoptr(GError) refusal = NULL;
      gboolean current;
      gboolean kept_ours = FALSE;
      gboolean seen_before;
      Class class = CLASS_COMMON;

      if (bucket == NULL || item->data == NULL)
        continue;
      run->report->items_received++;
      run->report->bytes_received += strlen (item->data);
      current = g_str_equal (item->href, bucket->href);
      seen_before = bucket->version != NULL && bucket->version[0] != '\0';
      if (!open_item (run, id, item->data, bucket, &kept_ours, &refusal))
        {
          _closeness_couple_parse_bucket_id (id, &class);
          if (refusal == NULL || !may_write (run->keys, class))
            continue;
          /* The server put back an older version, or changed the item's
           * bytes, or put another item's there: none of it is anything a
           * device wrote for this name. What is here stays and goes back to
           * the server over it (hence its etag), so that the devices that
           * never saw it get it and this bucket's next change is not
           * refused for an etag that was never ours. Only a device that
           * has read or written this bucket before does so: a new one has
           * nothing to put back. */
          if (current && seen_before && refusal->domain == CLOSENESS_VAULT_ERROR &&
              (refusal->code == CLOSENESS_VAULT_ERROR_REPLAYED ||
               refusal->code == CLOSENESS_VAULT_ERROR_TAMPERED ||
               refusal->code == CLOSENESS_VAULT_ERROR_MISPLACED))
            {
              g_free (bucket->etag);
              bucket->etag = g_strdup (item->etag);
            }
          /* Under an earlier name, and nothing in it to keep (an older
           * version, changed bytes, or written by a device removed since):
           * deleted once the bucket is under its newest name. */
          else if (!current && refusal->domain == CLOSENESS_VAULT_ERROR &&
                   (refusal->code == CLOSENESS_VAULT_ERROR_REPLAYED ||
                    refusal->code == CLOSENESS_VAULT_ERROR_TAMPERED ||
                    refusal->code == CLOSENESS_VAULT_ERROR_MISPLACED ||
                    refusal->code == CLOSENESS_VAULT_ERROR_UNKNOWN_DEVICE))
            g_hash_table_insert (bucket->old, g_strdup (item->href), g_strdup (item->etag));
          else
            continue;
          _closeness_couple_keep_bucket (states, id, bucket);
          g_hash_table_add (run->to_write, g_strdup (id));
          continue;
        }
      if (current)
        {
          g_free (bucket->etag);
          bucket->etag = g_strdup (item->etag);
          /* It holds less than this device knows (written over a changed
           * item by a device that had not seen all of it): what is here
           * goes back, so the other devices get it too. */
          _closeness_couple_parse_bucket_id (id, &class);
          if (kept_ours && may_write (run->keys, class))
            g_hash_table_add (run->to_write, g_strdup (id));
        }
      else
        g_hash_table_insert (bucket->old, g_strdup (item->href), g_strdup (item->etag));
      plain = plain_records (run, id, bucket, states);
      for (guint r = 0; r < plain->len; r++)
        g_ptr_array_add (records, g_ptr_array_steal_index (plain, r--));
      _closeness_couple_keep_bucket (states, id, bucket);
      note_reveals_due (run, id, states);
    }
  /* What is to go back to the server is noted with the etags that made it
   * due: a run that stops before sending it does not forget it. */
  if (g_hash_table_size (run->to_write) > 0)
    {
      _closeness_couple_keep_writes (run, states);
      run->writes_noted = TRUE;
    }

  if (records->len > 0)
    {
      if (!closeness_store_couple_apply (run->store, records, &counts, error))
        return FALSE;
      run->report->applied += counts.applied;
      run->report->refused += counts.refused;
    }
  if (new_token != NULL)
    g_hash_table_insert (states, g_strdup ("token"), g_strdup (new_token));

  return g_hash_table_size (states) == 0
         || closeness_store_couple_set_states (run->store, states, error);
}

/* ---- Sending --------------------------------------------------------------- */

static void
content_replace (GVariantBuilder *builder,
                 GVariant        *content,
                 GHashTable      *replaced)
{
  GVariantIter iter;
  GVariant *child;

  g_variant_iter_init (&iter, content);
  while ((child = g_variant_iter_next_value (&iter)))
    {
      const char *key;

      g_variant_get_child (child, 0, "&s", &key);
      if (!g_hash_table_contains (replaced, key))
        g_variant_builder_add_value (builder, child);
      g_variant_unref (child);
    }
}

/* Sends one bucket with the changes of @changes (ClosenessCoupleChange) in
 * it; on 412 the server's bucket is read, applied and the send tried
 * again. */
static gboolean
push_bucket (Run        *run,
             const char *id,
             Bucket     *bucket,
             GPtrArray  *changes,
             GHashTable *buckets,
             GError    **error)
{
  Class class = CLASS_COMMON;

  _closeness_couple_parse_bucket_id (id, &class);
  for (guint attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
    {
      g_autoptr(GPtrArray) sent =
        g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_couple_record_free);
      g_autoptr(GHashTable) replaced = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) states =
        g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_autoptr(GVariant) content = NULL;
      g_autoptr(GBytes) plain = NULL;
      g_autoptr(GBytes) envelope = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *uid = NULL;
      g_autofree char *ics = NULL;
      g_autofree char *etag = NULL;
      g_autofree char *version_text = NULL;
      GVariantBuilder builder;
      ClosenessHlc version;

      g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ssma{sv})"));
      for (guint i = 0; i < changes->len; i++)
        {
          ClosenessCoupleChange *change = g_ptr_array_index (changes, i);
          g_autoptr(ClosenessCoupleRecord) record =
            closeness_store_couple_read (run->store, change->key, error);
          g_autoptr(GVariant) wire = NULL;
          g_autofree char *stamp = NULL;
          ClosenessHlc now;

          if (record == NULL)
            return FALSE;
          if (!adds_only_key (run, buckets, record))
            {
              closeness_hlc_clock_now (run->clock, &now);
              stamp = closeness_hlc_to_string (&now);
              closeness_store_couple_stamp (run->store, record, stamp);
            }
          if (g_str_has_prefix (record->key, "answer:") && record->value != NULL)
            {
              wire = seal_answer (run, buckets, record->key, record->value, error);
              if (wire == NULL)
                return FALSE;
            }
          else if (record->value != NULL)
            wire = g_variant_ref (record->value);
          g_variant_builder_add (&builder, "(ss@ma{sv})", record->key, record->version,
                                 g_variant_new_maybe (G_VARIANT_TYPE_VARDICT, wire));
          g_hash_table_add (replaced, change->key);
          g_ptr_array_add (sent, g_steal_pointer (&record));
        }
      content_replace (&builder, bucket->content, replaced);
      content = g_variant_ref_sink (g_variant_builder_end (&builder));

      closeness_hlc_clock_now (run->clock, &version);
      uid = closeness_vault_item_uid (newest_couple_key (run->keys), BUCKET_KIND, id);
      plain = _closeness_couple_pack (content);
      envelope = closeness_vault_record_seal (plain, BUCKET_KIND, uid, &version, run->keys->device,
                                              class_key (run->keys, class), error);
      if (envelope == NULL)
        return FALSE;
      ics = closeness_vault_item_to_ics (uid, envelope);

      etag =
        closeness_caldav_client_put (run->client, bucket->href, ics,
                                     bucket->etag != NULL && bucket->etag[0] != '\0' ? bucket->etag
                                                                                     : NULL,
                                     run->cancellable, &local_error);
      if (etag == NULL
          && g_error_matches (local_error, CLOSENESS_CALDAV_ERROR,
                              CLOSENESS_CALDAV_ERROR_PRECONDITION))
        {
          /* Someone wrote it first: read theirs, merge, and try again. */
          if (!pull (run, buckets, error))
            return FALSE;
          if (bucket->etag == NULL)
            bucket->etag = g_strdup ("");
          continue;
        }
      if (etag == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      version_text = closeness_hlc_to_string (&version);
      g_free (bucket->version);
      bucket->version = g_steal_pointer (&version_text);
      g_free (bucket->etag);
      bucket->etag = g_steal_pointer (&etag);
      g_free (bucket->key_id);
      bucket->key_id = g_strdup (closeness_vault_key_get_id (class_key (run->keys, class)));
      g_clear_pointer (&bucket->content, g_variant_unref);
      bucket->content = g_steal_pointer (&content);
      _closeness_couple_keep_bucket (states, id, bucket);
      {
        ClosenessHlc last;
        g_autofree char *clock = NULL;

        closeness_hlc_clock_get_last (run->clock, &last);
        clock = closeness_hlc_to_string (&last);
        g_hash_table_insert (states, g_strdup ("clock"), g_steal_pointer (&clock));
      }
      g_hash_table_remove (run->to_write, id);
      if (run->writes_noted)
        {
          _closeness_couple_keep_writes (run, states);
          run->writes_noted = g_hash_table_size (run->to_write) > 0;
        }
      /* A laptop both partners use: what it just sent may let it publish
       * the keys of answers it sent before. */
      note_reveals_due (run, id, states);
      if (!closeness_store_couple_set_states (run->store, states, error))
        return FALSE;
      run->report->items_sent++;
      run->report->bytes_sent += strlen (ics);

      /* Under its newest name now: the copies under earlier ones go. */
      if (g_hash_table_size (bucket->old) > 0)
        {
          g_autoptr(GHashTable) kept =
            g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

          _closeness_couple_delete_old (run, bucket);
          _closeness_couple_keep_bucket (kept, id, bucket);
          if (!closeness_store_couple_set_states (run->store, kept, error))
            return FALSE;
        }

      if (sent->len > 0)
        {
          g_autofree gint64 *changed_at = g_new (gint64, sent->len);

          for (guint i = 0; i < sent->len; i++)
            changed_at[i] = ((ClosenessCoupleChange *) g_ptr_array_index (changes, i))->changed_at;
          if (!closeness_store_couple_mark_sent (run->store, sent, changed_at, error))
            return FALSE;
        }
      run->report->records_sent += sent->len;
      return TRUE;
    }

  g_set_error_literal (error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_PRECONDITION,
                       _("The server kept refusing a change: try again later."));
  return FALSE;
}

/* Our answers to questions the partner has answered too, sent again with
 * their keys: after receiving, for the partner's commitments that came in;
 * after sending, for those this device sent itself (a laptop both partners
 * use holds both answers, and whichever went first had no partner's
 * commitment on the server yet). An answer already sent with its key is
 * left alone. Counts the answers noted in @n_noted. */
static gboolean
note_reveals (Run         *run,
              GHashTable  *buckets,
              guint       *n_noted,
              GError     **error)
{
  g_autoptr(GPtrArray) partner_answers = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer value;

  *n_noted = 0;
  g_hash_table_iter_init (&iter, buckets);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Bucket *bucket = value;
      GVariantIter records;
      const char *key, *version;
      GVariant *wire;

      g_variant_iter_init (&records, bucket->content);
      while (g_variant_iter_next (&records, "(&s&sm@a{sv})", &key, &version, &wire))
        {
          int owner = closeness_couple_key_get_owner (key);

          /* A commitment of one partner, and this device answers for the
           * other. */
          if (g_str_has_prefix (key, "answer:") && wire != NULL && owner >= 0 &&
              run->keys->personal_keys[1 - owner] != NULL)
            g_ptr_array_add (partner_answers, other_answer_key (key));
          g_clear_pointer (&wire, g_variant_unref);
        }
    }

  for (guint i = 0; i < partner_answers->len; i++)
    {
      const char *ours_key = g_ptr_array_index (partner_answers, i);
      g_autoptr(ClosenessCoupleRecord) ours =
        closeness_store_couple_read (run->store, ours_key, NULL);
      g_autoptr(GVariant) our_wire = NULL;
      g_autoptr(GVariant) published = NULL;

      if (ours == NULL || ours->value == NULL)
        continue;
      our_wire = known_wire (run, buckets, ours_key);
      if (our_wire != NULL && g_variant_is_of_type (our_wire, G_VARIANT_TYPE_VARDICT))
        published = g_variant_lookup_value (our_wire, "key", NULL);
      if (published != NULL)
        continue;
      if (!closeness_store_couple_note_change (run->store, ours_key, error))
        return FALSE;
      (*n_noted)++;
    }

  return TRUE;
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
push (Run         *run,
      GHashTable  *buckets,
      GError     **error)
{
  g_autoptr(GPtrArray) changes = closeness_store_couple_list_changes (run->store);
  g_autoptr(GHashTable) by_bucket = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify) g_ptr_array_unref);
  g_autofree const char **ids = NULL;
  GHashTableIter iter;
  gpointer id;
  guint n_ids = 0;

  for (guint i = 0; i < changes->len; i++)
    {
      ClosenessCoupleChange *change = g_ptr_array_index (changes, i);
      g_autofree char *bucket = record_bucket (run, change->key);
      GPtrArray *in_bucket = g_hash_table_lookup (by_bucket, bucket);
      Class class = CLASS_COMMON;

      _closeness_couple_parse_bucket_id (bucket, &class);
      if (!may_write (run->keys, class))
        continue;
      if (in_bucket == NULL)
        {
          in_bucket = g_ptr_array_new ();
          g_hash_table_insert (by_bucket, g_strdup (bucket), in_bucket);
        }
      g_ptr_array_add (in_bucket, change);
    }

  g_hash_table_iter_init (&iter, run->to_write);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    if (!g_hash_table_contains (by_bucket, id))
      g_hash_table_insert (by_bucket, g_strdup (id), g_ptr_array_new ());

  /* In the order of their names: the first partner's answers go up before
   * the other's, so that on a laptop both partners use only the first
   * partner's buckets wait for the second sending to carry their keys
   * (see note_reveals()). */
  ids = (const char **) g_hash_table_get_keys_as_array (by_bucket, &n_ids);
  qsort (ids, n_ids, sizeof *ids, compare_strings);
  for (guint i = 0; i < n_ids; i++)
    {
      Bucket *bucket = _closeness_couple_get_bucket (run, buckets, ids[i]);

      if (!push_bucket (run, ids[i], bucket, g_hash_table_lookup (by_bucket, ids[i]), buckets,
                        error))
        return FALSE;
    }

  return TRUE;
}

/**
 * closeness_couple_sync_run:
 * @collection: the couple's VJOURNAL collection
 *
 * Receives what the other devices wrote, then sends what changed here.
 * Items that are tampered with, replayed, sealed with a foreign key or
 * written by a device that may not write them are refused and counted,
 * never applied.
 *
 * Returns: %TRUE when both went through; on %FALSE nothing that was not
 *   sent is forgotten and the next sync continues
 */
gboolean
closeness_couple_sync_run (ClosenessStore             *store,
                           ClosenessCaldavClient      *client,
                           const char                 *collection,
                           ClosenessCoupleKeyring     *keys,
                           ClosenessCoupleSyncReport  *report,
                           GCancellable               *cancellable,
                           GError                    **error)
{
  g_autoptr(GHashTable) buckets =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                           (GDestroyNotify) _closeness_couple_bucket_free);
  g_autoptr(ClosenessHlcClock) clock = NULL;
  g_autofree char *last_text = NULL;
  g_autofree char *sealed_under = NULL;
  ClosenessCoupleSyncReport local_report = { 0 };
  ClosenessHlc last = { 0 };
  gboolean have_last;
  Run run = {
    .store = store,
    .client = client,
    .collection = collection,
    .keys = keys,
    .report = report != NULL ? report : &local_report,
    .cancellable = cancellable,
  };

  g_return_val_if_fail (CLOSENESS_IS_STORE (store), FALSE);
  g_return_val_if_fail (keys != NULL && keys->couple_keys != NULL && keys->couple_keys->len > 0,
                        FALSE);

  memset (run.report, 0, sizeof *run.report);
  last_text = closeness_store_couple_dup_state (store, "clock");
  have_last = last_text != NULL && closeness_hlc_parse (last_text, &last, NULL);
  clock = closeness_hlc_clock_new (closeness_vault_device_get_id (keys->device),
                                   have_last ? &last : NULL);
  run.clock = clock;
  run.uid_to_bucket = _closeness_couple_uid_map (keys);
  run.activity_class = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run.to_write = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sealed_under = _closeness_couple_sealed_under (keys);
  {
    g_autofree char *was = closeness_store_couple_dup_state (store, "sealed-under");

    run.keys_changed = g_strcmp0 (was, sealed_under) != 0;
  }

  /* What a run that stopped early had decided to send. */
  run.writes_noted = _closeness_couple_read_writes (&run);
  {
    g_autofree char *due = closeness_store_couple_dup_state (store, "reveals-due");

    run.reveals_due = due != NULL;
    for (Class c = CLASS_OWNED_0; run.reveals_due && c <= CLASS_OWNED_1; c++)
      if (keys->personal_keys[1 - class_owner (c)] != NULL)
        _closeness_couple_load_known (&run, buckets, c);
  }

  {
    guint n_reveals = 0;
    gboolean ok = pull (&run, buckets, error) &&
                  note_reveals (&run, buckets, &n_reveals, error);

    /* After a rotation: every bucket this device may write goes under the
     * new keys and names, so nothing stays under a key a removed device
     * holds. */
    if (ok)
      _closeness_couple_note_due (&run, buckets, run.keys_changed);
    ok = ok && push (&run, buckets, error);
    /* The keys of answers whose partner's commitment went up in this run,
     * now that it is on the server. */
    ok = ok && note_reveals (&run, buckets, &n_reveals, error);
    if (ok && n_reveals > 0)
      ok = push (&run, buckets, error);
    if (ok && run.keys_changed)
      {
        GHashTableIter iter;
        gpointer id, bucket;

        /* Not noted while a copy under an old name could not be deleted
         * yet: the next run looks at every bucket again. */
        g_hash_table_iter_init (&iter, buckets);
        while (g_hash_table_iter_next (&iter, &id, &bucket))
          if (_closeness_couple_is_due (&run, id, bucket))
            g_clear_pointer (&sealed_under, g_free);
      }
    /* Looked for and sent: nothing is left to remember (a noted bucket
     * this device may no longer write is dropped here too). */
    if (ok && (run.reveals_due || run.writes_noted))
      {
        g_autoptr(GHashTable) states =
          g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

        if (run.reveals_due)
          g_hash_table_insert (states, g_strdup ("reveals-due"), NULL);
        if (run.writes_noted)
          _closeness_couple_keep_writes (&run, states);
        ok = closeness_store_couple_set_states (store, states, error);
      }
    if (ok && run.keys_changed && sealed_under != NULL)
      {
        g_autoptr(GHashTable) states = g_hash_table_new (g_str_hash, g_str_equal);

        g_hash_table_insert (states, "sealed-under", sealed_under);
        ok = closeness_store_couple_set_states (store, states, error);
      }

    g_hash_table_unref (run.uid_to_bucket);
    g_hash_table_unref (run.activity_class);
    g_hash_table_unref (run.to_write);

    return ok;
  }
}
