/* closeness-couple-sync-buckets.c: what this device knows of each bucket
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bucket's item is named (its UID) with the newest couple key, so when a
 * removal rotates that key every bucket gets a new name: the next sync of
 * a device that may write it seals it again under the new keys at the new
 * name and deletes the copy under the old one. The removed device can then
 * neither open any item nor tell which items are which. Items under an
 * earlier name are still read (a device that has not seen the rotation
 * yet may write there) and moved.
 *
 * Kept per bucket in the store's couple state: "item:ID" holds lines of
 * etag, version, address, sealing key id, then "address<TAB>etag" of each
 * copy still to delete; "bucket:ID" the content, base64.
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "closeness-couple-sync-private.h"

static const char * const class_names[N_CLASSES] = {
  "common", "owned-0", "owned-1", "private-0", "private-1",
};

char *
_closeness_couple_bucket_id (Class class,
                             guint index)
{
  return g_strdup_printf ("%s/%02u", class_names[class], index);
}

gboolean
_closeness_couple_parse_bucket_id (const char *id,
                                   Class      *class)
{
  for (guint c = 0; c < N_CLASSES; c++)
    if (g_str_has_prefix (id, class_names[c]) && id[strlen (class_names[c])] == '/')
      {
        *class = c;
        return TRUE;
      }

  return FALSE;
}

/* Every name a bucket may have on the server: under each couple key
 * generation held here. */
GHashTable *
_closeness_couple_uid_map (ClosenessCoupleKeyring *keys)
{
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint g = 0; g < keys->couple_keys->len; g++)
    for (guint c = 0; c < N_CLASSES; c++)
      for (guint i = 0; i < N_BUCKETS; i++)
        {
          char *id = _closeness_couple_bucket_id (c, i);

          g_hash_table_insert (map,
                               closeness_vault_item_uid (g_ptr_array_index (keys->couple_keys, g),
                                                         BUCKET_KIND, id),
                               id);
        }

  return map;
}

static char *
href_named (Run               *run,
            ClosenessVaultKey *key,
            const char        *id)
{
  g_autofree char *uid = closeness_vault_item_uid (key, BUCKET_KIND, id);

  return g_strconcat (run->collection, g_str_has_suffix (run->collection, "/") ? "" : "/", uid,
                      ".ics", NULL);
}

void
_closeness_couple_bucket_free (Bucket *bucket)
{
  g_free (bucket->href);
  g_free (bucket->etag);
  g_free (bucket->version);
  g_free (bucket->key_id);
  g_clear_pointer (&bucket->content, g_variant_unref);
  g_clear_pointer (&bucket->old, g_hash_table_unref);
  g_free (bucket);
}

/* The state kept for @id, split in lines; NULL when there is none. */
static GStrv
read_item_state (Run        *run,
                 const char *id)
{
  g_autofree char *state_key = g_strconcat ("item:", id, NULL);
  g_autofree char *state = closeness_store_couple_dup_state (run->store, state_key);

  return state != NULL ? g_strsplit (state, "\n", -1) : NULL;
}

/* Where the item of @parts lives: kept since names follow the key; before
 * that, always under the first couple key. */
static char *
stored_href (Run        *run,
             const char *id,
             GStrv       parts)
{
  guint n = g_strv_length (parts);

  if (n > 2 && parts[2][0] != '\0')
    return g_strdup (parts[2]);
  if (parts[0][0] != '\0')
    return href_named (run, index_key (run->keys), id);

  return NULL;
}

/* Whether the item at @href with @etag is what this device last read or
 * wrote of @id (its own write coming back), without reading the bucket. */
gboolean
_closeness_couple_is_known (Run        *run,
                            const char *id,
                            const char *href,
                            const char *etag)
{
  g_auto(GStrv) parts = read_item_state (run, id);
  g_autofree char *where = NULL;

  if (parts == NULL || etag == NULL)
    return FALSE;
  where = stored_href (run, id, parts);
  if (g_strcmp0 (where, href) == 0 && parts[0][0] != '\0')
    return g_strcmp0 (parts[0], etag) == 0;
  for (guint i = 4; i < g_strv_length (parts); i++)
    {
      const char *tab = strchr (parts[i], '\t');

      if (tab != NULL && strncmp (parts[i], href, tab - parts[i]) == 0
          && href[tab - parts[i]] == '\0')
        return g_strcmp0 (tab + 1, etag) == 0;
    }

  return FALSE;
}

static Bucket *
load_bucket (Run        *run,
             const char *id)
{
  g_autofree char *content_key = g_strconcat ("bucket:", id, NULL);
  g_autofree char *content = closeness_store_couple_dup_state (run->store, content_key);
  g_auto(GStrv) parts = read_item_state (run, id);
  Bucket *bucket = g_new0 (Bucket, 1);

  bucket->href = href_named (run, newest_couple_key (run->keys), id);
  bucket->old = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (parts != NULL && parts[0] != NULL)
    {
      g_autofree char *where = stored_href (run, id, parts);
      guint n = g_strv_length (parts);

      if (n > 1)
        bucket->version = g_strdup (parts[1]);
      if (n > 3 && parts[3][0] != '\0')
        bucket->key_id = g_strdup (parts[3]);
      for (guint i = 4; i < n; i++)
        {
          const char *tab = strchr (parts[i], '\t');

          if (tab != NULL)
            g_hash_table_insert (bucket->old, g_strndup (parts[i], tab - parts[i]),
                                 g_strdup (tab + 1));
        }
      /* Written under an earlier key's name: that copy is to be deleted
       * once the bucket is under the newest name. */
      if (where != NULL && !g_str_equal (where, bucket->href))
        g_hash_table_insert (bucket->old, g_steal_pointer (&where), g_strdup (parts[0]));
      else if (parts[0][0] != '\0')
        bucket->etag = g_strdup (parts[0]);
    }
  if (content != NULL)
    {
      gsize length = 0;
      guchar *data = g_base64_decode (content, &length);
      g_autoptr(GBytes) bytes = g_bytes_new_take (data, length);
      g_autoptr(GVariant) parsed =
        g_variant_ref_sink (g_variant_new_from_bytes (BUCKET_TYPE, bytes, FALSE));

      if (g_variant_is_normal_form (parsed))
        bucket->content = g_steal_pointer (&parsed);
    }
  if (bucket->content == NULL)
    bucket->content =
      g_variant_ref_sink (g_variant_new_array (G_VARIANT_TYPE ("(ssma{sv})"), NULL, 0));

  return bucket;
}

/* The bucket @id as this run knows it, loaded once. */
Bucket *
_closeness_couple_get_bucket (Run        *run,
                              GHashTable *buckets,
                              const char *id)
{
  Bucket *bucket = g_hash_table_lookup (buckets, id);

  if (bucket == NULL)
    {
      bucket = load_bucket (run, id);
      g_hash_table_insert (buckets, g_strdup (id), bucket);
    }

  return bucket;
}

void
_closeness_couple_keep_bucket (GHashTable *states,
                               const char *id,
                               Bucket     *bucket)
{
  GString *state = g_string_new (NULL);
  GHashTableIter iter;
  gpointer href, etag;

  g_string_append_printf (state, "%s\n%s\n%s\n%s", bucket->etag != NULL ? bucket->etag : "",
                          bucket->version != NULL ? bucket->version : "", bucket->href,
                          bucket->key_id != NULL ? bucket->key_id : "");
  g_hash_table_iter_init (&iter, bucket->old);
  while (g_hash_table_iter_next (&iter, &href, &etag))
    g_string_append_printf (state, "\n%s\t%s", (const char *) href, (const char *) etag);
  g_hash_table_insert (states, g_strconcat ("item:", id, NULL), g_string_free (state, FALSE));
  g_hash_table_insert (states, g_strconcat ("bucket:", id, NULL),
                       g_base64_encode (g_variant_get_data (bucket->content),
                                        g_variant_get_size (bucket->content)));
}

/* Whether @record, a (key, version, value) of a bucket, is an answer that
 * carries its published key. */
static gboolean
carries_key (GVariant *record)
{
  g_autoptr(GVariant) maybe = g_variant_get_child_value (record, 2);
  g_autoptr(GVariant) value = g_variant_get_maybe (maybe);
  g_autoptr(GVariant) key = NULL;

  if (value == NULL)
    return FALSE;
  key = g_variant_lookup_value (value, "key", G_VARIANT_TYPE_BYTESTRING);

  return key != NULL;
}

/* Takes the records of @content into @bucket, each at the newer of the two
 * versions: records never leave a bucket (a removal is a version too), so
 * two copies of one bucket (under an old and a new name) lose nothing. An
 * answer sent again with its key keeps its version: of two at the same
 * version, the one with the key is the newer.
 *
 * Returns: whether @bucket held a record that @content lacks, or a newer
 *   version of one: then the item read holds less than this device knows */
gboolean
_closeness_couple_merge_content (Bucket   *bucket,
                                 GVariant *content)
{
  gboolean kept_ours = FALSE;
  g_autoptr(GHashTable) incoming = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) g_variant_unref);
  GVariantBuilder builder;
  GVariantIter iter;
  GVariant *child;

  g_variant_iter_init (&iter, content);
  while ((child = g_variant_iter_next_value (&iter)))
    {
      const char *key;

      g_variant_get_child (child, 0, "&s", &key);
      g_hash_table_replace (incoming, (gpointer) key, child);
    }

  g_variant_builder_init (&builder, BUCKET_TYPE);
  g_variant_iter_init (&iter, bucket->content);
  while ((child = g_variant_iter_next_value (&iter)))
    {
      const char *key, *version;
      GVariant *theirs;

      g_variant_get_child (child, 0, "&s", &key);
      g_variant_get_child (child, 1, "&s", &version);
      theirs = g_hash_table_lookup (incoming, key);
      if (theirs != NULL)
        {
          const char *their_version;

          g_variant_get_child (theirs, 1, "&s", &their_version);
          if (strcmp (their_version, version) < 0
              || (strcmp (their_version, version) == 0 && carries_key (child)
                  && !carries_key (theirs)))
            {
              g_variant_builder_add_value (&builder, child);
              kept_ours = TRUE;
            }
          else
            g_variant_builder_add_value (&builder, theirs);
          g_hash_table_remove (incoming, key);
        }
      else
        {
          g_variant_builder_add_value (&builder, child);
          kept_ours = TRUE;
        }
      g_variant_unref (child);
    }
  g_variant_iter_init (&iter, content);
  while ((child = g_variant_iter_next_value (&iter)))
    {
      const char *key;

      g_variant_get_child (child, 0, "&s", &key);
      if (g_hash_table_contains (incoming, key))
        g_variant_builder_add_value (&builder, child);
      g_variant_unref (child);
    }

  g_clear_pointer (&bucket->content, g_variant_unref);
  bucket->content = g_variant_ref_sink (g_variant_builder_end (&builder));

  return kept_ours;
}

/* Whether @bucket is to be sealed again (under the newest keys, at its
 * newest name) although nothing in it changed here. */
gboolean
_closeness_couple_is_due (Run        *run,
                          const char *id,
                          Bucket     *bucket)
{
  Class class = CLASS_COMMON;

  if (!_closeness_couple_parse_bucket_id (id, &class) || !may_write (run->keys, class))
    return FALSE;
  if (g_hash_table_size (bucket->old) > 0)
    return TRUE;

  return bucket->etag != NULL && bucket->key_id != NULL &&
         g_strcmp0 (bucket->key_id, closeness_vault_key_get_id (class_key (run->keys, class))) != 0;
}

/* Adds the buckets due to be sealed again to the run's: of those read in
 * this run, and when @everything (the keys changed since the last run), of
 * every bucket this device knows. */
void
_closeness_couple_note_due (Run        *run,
                            GHashTable *buckets,
                            gboolean    everything)
{
  GHashTableIter iter;
  gpointer id, bucket;

  for (guint c = 0; everything && c < N_CLASSES; c++)
    if (may_write (run->keys, c))
      _closeness_couple_load_known (run, buckets, c);

  g_hash_table_iter_init (&iter, buckets);
  while (g_hash_table_iter_next (&iter, &id, &bucket))
    if (_closeness_couple_is_due (run, id, bucket))
      g_hash_table_add (run->to_write, g_strdup (id));
}

/* Adds every bucket of @class that this device has read or written before
 * to @buckets, from what it kept (no request). */
void
_closeness_couple_load_known (Run        *run,
                              GHashTable *buckets,
                              Class       class)
{
  for (guint i = 0; i < N_BUCKETS; i++)
    {
      g_autofree char *bucket_id = _closeness_couple_bucket_id (class, i);
      g_auto(GStrv) parts = read_item_state (run, bucket_id);

      if (parts != NULL)
        _closeness_couple_get_bucket (run, buckets, bucket_id);
    }
}

/* The buckets to send even without a change (run->to_write) are noted in
 * "writes-due", in the same transaction as the state that made them due
 * (@states), so a sync that stops before sending them does not forget
 * them: the next run reads them back (_closeness_couple_read_writes()). */
void
_closeness_couple_keep_writes (Run        *run,
                               GHashTable *states)
{
  g_autofree const char **ids = NULL;
  guint n_ids = 0;

  ids = (const char **) g_hash_table_get_keys_as_array (run->to_write, &n_ids);
  g_hash_table_insert (states, g_strdup ("writes-due"),
                       n_ids > 0 ? g_strjoinv (" ", (char **) ids) : NULL);
}

/* Returns whether anything was noted (then the note is rewritten, or
 * cleared, with the next bucket sent). */
gboolean
_closeness_couple_read_writes (Run *run)
{
  g_autofree char *noted = closeness_store_couple_dup_state (run->store, "writes-due");
  g_auto(GStrv) ids = noted != NULL ? g_strsplit (noted, " ", -1) : NULL;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      Class class = CLASS_COMMON;
      const char *slash = strchr (ids[i], '/');
      guint64 index = 0;
      g_autofree char *again = NULL;

      /* Only a name this engine makes: "class/NN". */
      if (!_closeness_couple_parse_bucket_id (ids[i], &class) || slash == NULL ||
          !g_ascii_string_to_unsigned (slash + 1, 10, 0, N_BUCKETS - 1, &index, NULL))
        continue;
      again = _closeness_couple_bucket_id (class, (guint) index);
      if (g_str_equal (again, ids[i]) && may_write (run->keys, class))
        g_hash_table_add (run->to_write, g_steal_pointer (&again));
    }

  return noted != NULL;
}

/* The keys buckets are named and sealed with now: when this changes, a key
 * was rotated and every bucket is looked at again. */
char *
_closeness_couple_sealed_under (ClosenessCoupleKeyring *keys)
{
  const char *personal[2];

  for (guint p = 0; p < 2; p++)
    personal[p] =
      keys->personal_keys[p] != NULL ? closeness_vault_key_get_id (keys->personal_keys[p]) : "-";

  return g_strdup_printf ("%s %s %s %u", closeness_vault_key_get_id (newest_couple_key (keys)),
                          personal[0], personal[1], keys->couple_keys->len);
}

/* Deletes the copies of @bucket under earlier names, now that it is under
 * the newest. A copy changed since (a device that had not seen the
 * rotation wrote it) stays: the next sync reads it and moves it again. */
void
_closeness_couple_delete_old (Run    *run,
                              Bucket *bucket)
{
  GHashTableIter iter;
  gpointer href, etag;

  g_hash_table_iter_init (&iter, bucket->old);
  while (g_hash_table_iter_next (&iter, &href, &etag))
    {
      g_autoptr(GError) error = NULL;

      if (closeness_caldav_client_delete (run->client, href, etag, run->cancellable, &error) ||
          g_error_matches (error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_NOT_FOUND))
        g_hash_table_iter_remove (&iter);
      else
        g_debug ("A bucket's copy under an earlier name stays for now: %s", error->message);
    }
}

/* ---- What travels ----------------------------------------------------------- */

/* A bucket's records travel deflated: the record keys, versions and field
 * names repeat, and the server stores and the network carries about a
 * fifth of the bytes. The mark (a zero byte, then 'Z') comes first: a
 * bucket written without it (before compression) is a bare a(ssma{sv}),
 * which never starts with a zero byte. Compression happens before the
 * vault pads and seals, so the server still sees only the padded size. */
#define PACK_MARK_LENGTH 2
static const guint8 pack_mark[PACK_MARK_LENGTH] = { 0, 'Z' };

/* More than any bucket holds (the ten-year profile's largest is well under
 * a megabyte): a longer one is refused, not read into memory. */
#define MAX_UNPACKED (64 * 1024 * 1024)

static GBytes *
convert_all (GConverter    *converter,
             const guint8  *data,
             gsize          length,
             const guint8  *prefix,
             gsize          prefix_length,
             GError       **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  gsize read = 0;
  GConverterResult result;

  g_byte_array_append (out, prefix, prefix_length);
  do
    {
      gsize chunk_read = 0, written = 0;
      gsize old = out->len;

      g_byte_array_set_size (out, old + MAX (length - read, 64 * 1024));
      result =
        g_converter_convert (converter, data + read, length - read, out->data + old, out->len - old,
                             G_CONVERTER_INPUT_AT_END, &chunk_read, &written, error);
      g_byte_array_set_size (out, old + written);
      read += chunk_read;
      if (result == G_CONVERTER_ERROR)
        return NULL;
      if (out->len > MAX_UNPACKED)
        {
          g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                               "Far larger than a bucket.");
          return NULL;
        }
    }
  while (result != G_CONVERTER_FINISHED);

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* @content as it goes into an item: marked and deflated. */
GBytes *
_closeness_couple_pack (GVariant *content)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW, -1);
  g_autoptr(GError) error = NULL;
  GBytes *packed;

  packed = convert_all (G_CONVERTER (compressor), g_variant_get_data (content),
                        g_variant_get_size (content), pack_mark, PACK_MARK_LENGTH, &error);
  /* Deflating memory into memory only fails for want of memory. */
  g_assert_no_error (error);

  return packed;
}

/* The records of an item's opened bytes, marked and deflated or (written
 * before compression) bare; %NULL and MALFORMED for anything else. */
GVariant *
_closeness_couple_unpack (GBytes  *plain,
                          GError **error)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (plain, &length);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GVariant) content = NULL;

  if (length >= PACK_MARK_LENGTH && memcmp (data, pack_mark, PACK_MARK_LENGTH) == 0)
    {
      g_autoptr(GZlibDecompressor) decompressor =
        g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW);
      g_autoptr(GError) local_error = NULL;

      bytes = convert_all (G_CONVERTER (decompressor), data + PACK_MARK_LENGTH,
                           length - PACK_MARK_LENGTH, NULL, 0, &local_error);
      if (bytes == NULL)
        {
          g_set_error (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                       "Not a bucket: %s", local_error->message);
          return NULL;
        }
    }
  else
    bytes = g_bytes_ref (plain);

  content = g_variant_ref_sink (g_variant_new_from_bytes (BUCKET_TYPE, bytes, FALSE));
  if (!g_variant_is_normal_form (content))
    {
      g_set_error_literal (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED,
                           "Not a bucket.");
      return NULL;
    }

  return g_steal_pointer (&content);
}
