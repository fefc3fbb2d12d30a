/* test-store-couple.c: the store's side of couple sync
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Devices here are stores in one process; "the server" is a table of the
 * newest record under each key. A sync is what the engine does: apply
 * what the server has, then send what changed here with a version above
 * every version seen. No network and no encryption: those are tested in
 * tests/sync/.
 */

#include <glib/gstdio.h>
#include <string.h>

#include "store/closeness-store.h"
#include "store-test-records.h"

typedef struct
{
  char           *dir;
  ClosenessStore *store;
  guint64         id;
  gint64          last_ms;
  guint           counter;
  gboolean        clock_behind;  /* its clock lags: versions count up from what it saw */
} Device;

static GHashTable *server;  /* key → ClosenessCoupleRecord */

static void
device_open (Device  *device,
             guint64  id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (id == 1)
    g_hash_table_remove_all (server);
  device->dir = g_dir_make_tmp ("closeness-couple-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (device->dir, "closeness.db", NULL);
  device->store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  device->id = id;
  g_assert_true (closeness_store_couple_set_enabled (device->store, TRUE, &error));
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

static void
device_close (Device *device)
{
  g_clear_object (&device->store);
  remove_tree (device->dir);
  g_free (device->dir);
}

/* A version from @device's clock: above everything it has seen. */
static char *
next_version (Device *device)
{
  gint64 now = g_get_real_time () / 1000;

  if (now > device->last_ms && !device->clock_behind)
    {
      device->last_ms = now;
      device->counter = 0;
    }
  else
    device->counter++;

  return g_strdup_printf ("%012" G_GINT64_MODIFIER "x-%04x-%016" G_GINT64_MODIFIER "x",
                          device->last_ms, device->counter, device->id);
}

static void
see_version (Device     *device,
             const char *version)
{
  gint64 ms = (gint64) g_ascii_strtoull (version, NULL, 16);
  guint counter = (guint) g_ascii_strtoull (version + 13, NULL, 16);

  if (ms > device->last_ms || (ms == device->last_ms && counter > device->counter))
    {
      device->last_ms = ms;
      device->counter = counter;
    }
}

static ClosenessCoupleApplyCounts
pull (Device *device)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  ClosenessCoupleApplyCounts counts;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, server);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ClosenessCoupleRecord *record = value;

      g_ptr_array_add (records, record);
      see_version (device, record->version);
    }
  g_assert_true (closeness_store_couple_apply (device->store, records, &counts, &error));
  g_assert_no_error (error);

  return counts;
}

static guint
push (Device *device)
{
  g_autoptr(GPtrArray) changes = closeness_store_couple_list_changes (device->store);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < changes->len; i++)
    {
      ClosenessCoupleChange *change = g_ptr_array_index (changes, i);
      ClosenessCoupleRecord *record =
        closeness_store_couple_read (device->store, change->key, &error);
      g_autofree char *version = next_version (device);

      g_assert_no_error (error);
      g_assert_nonnull (record);
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      closeness_store_couple_stamp (device->store, record, version);
      g_ptr_array_add (one, record);
      g_assert_true (
        closeness_store_couple_mark_sent (device->store, one, &change->changed_at, &error));
      g_assert_no_error (error);
      g_hash_table_replace (server, g_strdup (record->key), record);
    }

  return changes->len;
}

static void
sync_device (Device *device)
{
  pull (device);
  push (device);
}

static gboolean
has_key (ClosenessStore *store,
         const char     *prefix)
{
  g_autoptr(GPtrArray) changes = closeness_store_couple_list_changes (store);

  for (guint i = 0; i < changes->len; i++)
    {
      ClosenessCoupleChange *change = g_ptr_array_index (changes, i);

      if (g_str_has_prefix (change->key, prefix))
        return TRUE;
    }

  return FALSE;
}

/* A couple's evening of writing on A: a deck of their own with a
 * question, both partners' names, an answer, a shared note, a favourite,
 * a discussed day and a skip, an activity and a day of it. */
static void
write_evening (ClosenessStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessDeck) deck =
    closeness_store_create_deck (store, "Our winter deck", "For long nights", &error);
  g_autoptr(ClosenessPrompt) prompt = NULL;
  g_autoptr(ClosenessActivity) activity = NULL;
  ClosenessActivityInfo info = { .name = "Evening stretch",
                                 .icon = "",
                                 .color = "",
                                 .owner = CLOSENESS_OWNER_PARTNER_1,
                                 .goal_kind = CLOSENESS_GOAL_DAILY,
                                 .goal_count = 1,
                                 .kind = CLOSENESS_ACTIVITY_MEASURABLE,
                                 .unit = "minutes",
                                 .target = 15,
                                 .interval_days = 2 };
  ClosenessEntryInfo entry = { .slot = 0,
                               .day = "2026-12-05",
                               .kind = CLOSENESS_ENTRY_DONE,
                               .note = "Felt the knot in my shoulder go",
                               .has_value = TRUE,
                               .value = 25 };
  gint64 id;

  g_assert_no_error (error);
  prompt = closeness_store_create_prompt (store, closeness_record_get_id (CLOSENESS_RECORD (deck)),
                                          "What did the snow remind you of?", "",
                                          CLOSENESS_INTENSITY_GENTLE, &error);
  g_assert_no_error (error);
  id = closeness_record_get_id (CLOSENESS_RECORD (prompt));
  g_assert_true (closeness_store_update_partner (store, 0, "Anna", "#3584e4", &error));
  g_assert_true (closeness_store_update_partner (store, 1, "Sam", "#e66100", &error));
  g_assert_true (closeness_store_set_answer (store, id, 0, "Sledging with my brother", &error));
  g_assert_true (closeness_store_set_note (store, id, "Plan a day in the mountains", &error));
  g_assert_true (closeness_store_set_favourite (store, id, TRUE, &error));
  g_assert_true (closeness_store_mark_discussed (store, id, "2026-12-05", &error));
  g_assert_true (closeness_store_skip_prompt (store, id, "2026-12-04", &error));
  activity = closeness_store_create_activity (store, &info, &error);
  g_assert_no_error (error);
  entry.activity_id = closeness_record_get_id (CLOSENESS_RECORD (activity));
  g_assert_cmpint (closeness_store_log_entry (store, &entry, &error), >, 0);
  g_assert_no_error (error);
}

/* Nothing is noted while couple sync is off; turned on, everything shared
 * is; each change is noted under its record's key; a change received from
 * the other devices is not noted to be sent back. */
static void
test_noting (void)
{
  Device a = { 0 }, b = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;

  device_open (&a, 1);
  device_open (&b, 2);
  g_assert_true (closeness_store_couple_set_enabled (a.store, FALSE, &error));
  write_evening (a.store);
  changes = closeness_store_couple_list_changes (a.store);
  g_assert_cmpuint (changes->len, ==, 0);
  g_clear_pointer (&changes, g_ptr_array_unref);

  g_assert_true (closeness_store_couple_set_enabled (a.store, TRUE, &error));
  g_assert_true (closeness_store_couple_get_enabled (a.store));
  for (const char * const *prefix =
         (const char * const[]) { "partner:0", "partner:1", "deck:", "prompt:", "answer:", "note:",
                                  "favourite:", "discussed:", "skip:", "activity:", "entry:",
                                  NULL };
       *prefix != NULL; prefix++)
    g_assert_true (has_key (a.store, *prefix));
  g_assert_cmpuint (push (&a), >=, 11);
  g_assert_false (has_key (a.store, ""));

  /* Changed again: noted again, under the same key. */
  g_assert_true (
    closeness_store_set_favourite (a.store, prompt_id (a.store, "What did the snow remind you of?"),
                                   FALSE, &error));
  changes = closeness_store_couple_list_changes (a.store);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_true (g_str_has_prefix (((ClosenessCoupleChange *) g_ptr_array_index (changes, 0))->key,
                                   "favourite:"));
  push (&a);

  /* Received on B: nothing to send back. */
  pull (&b);
  g_assert_false (has_key (b.store, ""));

  device_close (&a);
  device_close (&b);
}

/* Every kind of record arrives on the other device as it was written. */
static void
test_round_trip (void)
{
  Device a = { 0 }, b = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessActivity) activity = NULL;
  g_autoptr(ClosenessEntry) entry = NULL;
  g_autoptr(GListModel) partners = NULL;
  g_autofree char *note = NULL;
  g_autofree char *answer = NULL;
  g_auto(GStrv) discussed = NULL;
  ClosenessCoupleApplyCounts counts;
  gint64 id;

  device_open (&a, 1);
  device_open (&b, 2);
  write_evening (a.store);
  push (&a);
  counts = pull (&b);
  g_assert_cmpuint (counts.refused, ==, 0);
  g_assert_cmpuint (counts.waiting, ==, 0);
  g_assert_cmpuint (counts.applied, >=, 11);

  id = prompt_id (b.store, "What did the snow remind you of?");
  answer = answer_of (b.store, id, 0);
  g_assert_cmpstr (answer, ==, "Sledging with my brother");
  note = closeness_store_dup_note (b.store, id);
  g_assert_cmpstr (note, ==, "Plan a day in the mountains");
  {
    g_autoptr(ClosenessPrompt) prompt = find_prompt (b.store, "What did the snow remind you of?");

    g_assert_true (closeness_prompt_get_favourite (prompt));
  }
  discussed = closeness_store_dup_discussed_days (b.store, id);
  g_assert_true (discussed != NULL
                 && g_strv_contains ((const char * const *) discussed, "2026-12-05"));
  {
    ClosenessPartner *anna = g_list_model_get_item (closeness_store_get_partners (b.store), 0);

    g_assert_cmpstr (closeness_partner_get_name (anna), ==, "Anna");
    g_assert_cmpstr (closeness_partner_get_color (anna), ==, "#3584e4");
    g_object_unref (anna);
  }
  activity = find_activity (b.store, "Evening stretch");
  g_assert_nonnull (activity);
  entry = closeness_store_dup_entry (b.store, closeness_record_get_id (CLOSENESS_RECORD (activity)),
                                     0, "2026-12-05");
  g_assert_nonnull (entry);
  g_assert_cmpstr (closeness_entry_get_note (entry), ==, "Felt the knot in my shoulder go");
  g_assert_cmpfloat (closeness_entry_get_value (entry), ==, 25);
  g_assert_cmpstr (closeness_activity_get_unit (activity), ==, "minutes");
  g_assert_cmpfloat (closeness_activity_get_target (activity), ==, 15);
  g_assert_cmpint (closeness_activity_get_interval_days (activity), ==, 2);

  /* Removed on A, removed on B. */
  g_assert_true (
    closeness_store_set_favourite (a.store, prompt_id (a.store, "What did the snow remind you of?"),
                                   FALSE, &error));
  g_assert_true (
    closeness_store_unmark_discussed (a.store,
                                      prompt_id (a.store, "What did the snow remind you of?"),
                                      "2026-12-05", &error));
  sync_device (&a);
  pull (&b);
  {
    g_autoptr(ClosenessPrompt) prompt = find_prompt (b.store, "What did the snow remind you of?");
    g_auto(GStrv) days = closeness_store_dup_discussed_days (b.store, id);

    g_assert_false (closeness_prompt_get_favourite (prompt));
    g_assert_true (days == NULL || !g_strv_contains ((const char * const *) days, "2026-12-05"));
  }

  device_close (&a);
  device_close (&b);
}

/* Records arriving before their deck, prompt or activity wait here and
 * are applied when it comes, in one sync or a later one. */
static void
test_any_order (void)
{
  Device a = { 0 }, b = { 0 };
  g_autoptr(GPtrArray) children = g_ptr_array_new ();
  g_autoptr(GPtrArray) parents = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;
  ClosenessCoupleApplyCounts counts;
  GHashTableIter iter;
  gpointer value;

  device_open (&a, 1);
  device_open (&b, 2);
  write_evening (a.store);
  push (&a);

  g_hash_table_iter_init (&iter, server);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ClosenessCoupleRecord *record = value;

      if (g_str_has_prefix (record->key, "deck:") || g_str_has_prefix (record->key, "prompt:") ||
          g_str_has_prefix (record->key, "activity:"))
        g_ptr_array_add (parents, record);
      else
        g_ptr_array_add (children, record);
    }

  g_assert_true (closeness_store_couple_apply (b.store, children, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.waiting, ==, 6);
  g_assert_null (find_prompt (b.store, "What did the snow remind you of?"));
  g_assert_true (closeness_store_couple_apply (b.store, parents, &counts, &error));
  g_assert_cmpuint (counts.applied, ==, parents->len + 6);
  g_assert_cmpuint (counts.waiting, ==, 0);
  answer = answer_of (b.store, prompt_id (b.store, "What did the snow remind you of?"), 0);
  g_assert_cmpstr (answer, ==, "Sledging with my brother");

  device_close (&a);
  device_close (&b);
}

/* Offline on both: A rewrites the question, B changes how deep it goes;
 * both changes stand on both devices. The newest answer wins. */
static void
test_offline_fields (void)
{
  Device a = { 0 }, b = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessPrompt) on_a = NULL;
  g_autoptr(ClosenessPrompt) on_b = NULL;
  g_autofree char *answer_a = NULL;
  g_autofree char *answer_b = NULL;
  gint64 id_a, id_b;

  device_open (&a, 1);
  device_open (&b, 2);
  write_evening (a.store);
  sync_device (&a);
  sync_device (&b);

  id_a = prompt_id (a.store, "What did the snow remind you of?");
  id_b = prompt_id (b.store, "What did the snow remind you of?");
  g_assert_true (closeness_store_update_prompt (a.store, id_a,
                                                "What did the first snow remind you of?", "",
                                                CLOSENESS_INTENSITY_GENTLE, &error));
  g_assert_true (closeness_store_update_prompt (b.store, id_b, "What did the snow remind you of?",
                                                "", CLOSENESS_INTENSITY_SPICY, &error));
  g_assert_true (closeness_store_set_answer (a.store, id_a, 1, "Written first", &error));
  g_usleep (5000);
  g_assert_true (closeness_store_set_answer (b.store, id_b, 1, "Written last", &error));

  sync_device (&b);
  sync_device (&a);
  sync_device (&b);

  on_a = find_prompt (a.store, "What did the first snow remind you of?");
  on_b = find_prompt (b.store, "What did the first snow remind you of?");
  g_assert_nonnull (on_a);
  g_assert_nonnull (on_b);
  g_assert_cmpint (closeness_prompt_get_intensity (on_a), ==, CLOSENESS_INTENSITY_SPICY);
  g_assert_cmpint (closeness_prompt_get_intensity (on_b), ==, CLOSENESS_INTENSITY_SPICY);
  answer_a = answer_of (a.store, id_a, 1);
  answer_b = answer_of (b.store, id_b, 1);
  g_assert_cmpstr (answer_a, ==, "Written last");
  g_assert_cmpstr (answer_b, ==, "Written last");

  device_close (&a);
  device_close (&b);
}

/* Both change the shared note offline: neither text is lost, and both
 * devices show both until a person merges them. */
static void
test_note_both_changed (void)
{
  Device a = { 0 }, b = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessCoupleRecord) on_a = NULL;
  g_autoptr(ClosenessCoupleRecord) on_b = NULL;
  g_autofree char *key = NULL;
  const char *text_a, *other_a, *text_b, *other_b;

  device_open (&a, 1);
  device_open (&b, 2);
  write_evening (a.store);
  sync_device (&a);
  sync_device (&b);

  g_assert_true (closeness_store_set_note (a.store,
                                           prompt_id (a.store, "What did the snow remind you of?"),
                                           "Mountains in February", &error));
  g_assert_true (closeness_store_set_note (b.store,
                                           prompt_id (b.store, "What did the snow remind you of?"),
                                           "The lake in March", &error));
  sync_device (&a);
  sync_device (&b);
  sync_device (&a);

  {
    g_autoptr(GPtrArray) changes = NULL;
    GHashTableIter iter;
    gpointer k;

    g_hash_table_iter_init (&iter, server);
    while (g_hash_table_iter_next (&iter, &k, NULL))
      if (g_str_has_prefix (k, "note:"))
        key = g_strdup (k);
  }
  on_a = closeness_store_couple_read (a.store, key, &error);
  on_b = closeness_store_couple_read (b.store, key, &error);
  g_assert_true (g_variant_lookup (on_a->value, "text", "&s", &text_a));
  g_assert_true (g_variant_lookup (on_a->value, "other", "&s", &other_a));
  g_assert_true (g_variant_lookup (on_b->value, "text", "&s", &text_b));
  g_assert_true (g_variant_lookup (on_b->value, "other", "&s", &other_b));
  g_assert_cmpstr (text_a, ==, text_b);
  g_assert_cmpstr (other_a, ==, other_b);
  g_assert_true (
    (g_str_equal (text_a, "The lake in March") && g_str_equal (other_a, "Mountains in February"))
    || (g_str_equal (text_a, "Mountains in February")
        && g_str_equal (other_a, "The lake in March")));

  device_close (&a);
  device_close (&b);
}

/* The key of the one record under @prefix on the server. */
static char *
server_key (const char *prefix)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, server);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, prefix))
      return g_strdup (key);

  return NULL;
}

/* A is about to send an answer again only for its key (the sync engine
 * notes it so when the partner's commitment arrives); meanwhile the
 * answer's text was changed on B, whose clock lags behind A's. B's edit
 * is a real change and wins on both; the note on A is no change made
 * there, however late it was taken. */
static void
test_noted_for_key (void)
{
  Device a = { 0 }, b = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autofree char *on_a = NULL;
  g_autofree char *on_b = NULL;

  device_open (&a, 1);
  device_open (&b, 2);
  b.clock_behind = TRUE;
  write_evening (a.store);
  sync_device (&a);
  sync_device (&b);

  g_assert_true (
    closeness_store_set_answer (b.store, prompt_id (b.store, "What did the snow remind you of?"), 0,
                                "Sledging with my brother, and the hot chocolate after", &error));
  key = server_key ("answer:");
  g_assert_true (closeness_store_couple_note_change (a.store, key, &error));
  g_assert_no_error (error);

  sync_device (&b);
  sync_device (&a);
  sync_device (&b);

  on_a = answer_of (a.store, prompt_id (a.store, "What did the snow remind you of?"), 0);
  on_b = answer_of (b.store, prompt_id (b.store, "What did the snow remind you of?"), 0);
  g_assert_cmpstr (on_a, ==, "Sledging with my brother, and the hot chocolate after");
  g_assert_cmpstr (on_b, ==, "Sledging with my brother, and the hot chocolate after");
  g_assert_false (has_key (a.store, "answer:"));

  device_close (&a);
  device_close (&b);
}

/* Records no device writes are refused, counted and never applied: a
 * made-up kind, a bad version, a value of the wrong shape, a text too
 * long, a built-in question rewritten, a colour that is no colour. */
static void
test_hostile_records (void)
{
  Device b = { 0 };
  g_autoptr(GPtrArray) records =
    g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_couple_record_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strnfill (CLOSENESS_STORE_MAX_TEXT + 1, 'x');
  const char *version = "019b76daa800-0000-0000000000000002";
  ClosenessCoupleApplyCounts counts;
  ClosenessPartner *anna;
  GVariantDict dict;

  device_open (&b, 2);
#define ADD(key, version, value) g_ptr_array_add (records, closeness_couple_record_new (key, version, value))
  ADD ("wallet:1", version, NULL);
  ADD ("partner:0", "yesterday", NULL);
  ADD ("partner:7", version, g_variant_new_parsed ("@a{sv} {'name': <'Eve'>, 'color': <''>}"));
  ADD ("partner:0", version, g_variant_new_parsed ("@a{sv} {'name': <42>, 'color': <''>}"));
  ADD ("partner:1", version,
       g_variant_new_parsed ("@a{sv} {'name': <'Eve'>, 'color': <'url(x)'>}"));
  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "text", "s", huge);
  ADD ("answer:b-spark-01:0", version, g_variant_dict_end (&dict));
  ADD ("prompt:b-spark-01", version,
       g_variant_new_parsed (
         "@a{sv} {'deck': <'b-spark'>, 'text': <'Rewritten'>, 'follow-up': <''>, "
         "'intensity': <0>, 'position': <int64 1>, 'deleted': <false>}"));
  ADD ("entry:../../etc:2026-12-01:0", version, NULL);
  ADD ("discussed:abc:2026-13-45", version, NULL);
#undef ADD

  g_assert_true (closeness_store_couple_apply (b.store, records, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.refused, ==, records->len);
  g_assert_cmpuint (counts.applied, ==, 0);
  anna = g_list_model_get_item (closeness_store_get_partners (b.store), 0);
  g_assert_cmpstr (closeness_partner_get_name (anna), ==, "");
  g_object_unref (anna);
  g_assert_false (closeness_couple_key_is_valid ("entry:../../etc:2026-12-01:0"));
  g_assert_true (closeness_couple_key_is_valid ("entry:0123abcd:2026-12-01:1"));
  g_assert_cmpint (closeness_couple_key_get_owner ("entry:0123abcd:2026-12-01:1"), ==, 1);
  g_assert_cmpint (closeness_couple_key_get_owner ("note:0123abcd"), ==, -1);

  device_close (&b);
}

/* Every shared record of @store, key → printed value, for comparing
 * devices ("gone" for a record that went). */
static GHashTable *
snapshot (ClosenessStore *store)
{
  GHashTable *all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) keys = closeness_store_couple_list_keys (store);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(ClosenessCoupleRecord) record =
        closeness_store_couple_read (store, keys[i], &error);

      g_assert_no_error (error);
      g_hash_table_insert (all, g_strdup (keys[i]),
                           record->value != NULL ? g_variant_print (record->value, TRUE)
                                                 : g_strdup ("gone"));
    }

  return all;
}

static void
assert_same (GHashTable *a,
             GHashTable *b,
             const char *what)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *other = g_hash_table_lookup (b, key);

      /* A record one device never had and the other saw go is the same. */
      if (other == NULL && g_str_equal (value, "gone"))
        continue;
      if (g_strcmp0 (value, other) != 0)
        g_error ("%s: %s is %s on one device and %s on the other", what, (char *) key,
                 (char *) value, other != NULL ? other : "missing");
    }
}

/* Three devices (A and A2 of partner 0, B of partner 1) change things in a
 * random order and sync in a random order; after two rounds of syncing
 * with nothing changing, all three hold the same records. Ten orders. */
static void
test_random_orders (void)
{
  for (guint32 seed = 1; seed <= 10; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(GError) error = NULL;
      Device devices[3] = { { 0 } };
      const guint partner[3] = { 0, 0, 1 };
      gint64 prompts[3][3];

      for (guint d = 0; d < 3; d++)
        device_open (&devices[d], d + 1);
      write_evening (devices[0].store);
      {
        g_autoptr(ClosenessPrompt) first =
          find_prompt (devices[0].store, "What did the snow remind you of?");
        gint64 deck = closeness_prompt_get_deck_id (first);

        for (guint k = 1; k < 3; k++)
          {
            g_autofree char *question = g_strdup_printf ("Question %u of our own", k);
            g_autoptr(ClosenessPrompt) prompt =
              closeness_store_create_prompt (devices[0].store, deck, question, "",
                                             CLOSENESS_INTENSITY_WARM, &error);

            g_assert_no_error (error);
          }
      }
      sync_device (&devices[0]);
      for (guint d = 1; d < 3; d++)
        sync_device (&devices[d]);
      for (guint d = 0; d < 3; d++)
        {
          prompts[d][0] = prompt_id (devices[d].store, "What did the snow remind you of?");
          prompts[d][1] = prompt_id (devices[d].store, "Question 1 of our own");
          prompts[d][2] = prompt_id (devices[d].store, "Question 2 of our own");
        }

      for (guint step = 0; step < 60; step++)
        {
          guint d = g_rand_int_range (rand, 0, 3);
          ClosenessStore *store = devices[d].store;
          guint k = g_rand_int_range (rand, 0, 3);
          g_autofree char *text = g_strdup_printf ("step %u on device %u", step, d);

          switch (g_rand_int_range (rand, 0, 8))
            {
            case 0:
              g_assert_true (closeness_store_set_favourite (store, prompts[d][k],
                                                            g_rand_boolean (rand), &error));
              break;
            case 1:
              g_assert_true (closeness_store_set_note (store, prompts[d][k], text, &error));
              break;
            case 2:
              g_assert_true (
                closeness_store_set_answer (store, prompts[d][k], partner[d], text, &error));
              break;
            case 3:
              g_assert_true (closeness_store_update_partner (store, partner[d], text, "", &error));
              break;
            case 4:
              g_assert_true (closeness_store_update_prompt (store, prompts[d][0], text, "",
                                                            g_rand_int_range (rand, 0, 3), &error));
              break;
            case 5:
              if (g_rand_boolean (rand))
                g_assert_true (
                  closeness_store_mark_discussed (store, prompts[d][k], "2026-12-01", &error));
              else
                closeness_store_unmark_discussed (store, prompts[d][k], "2026-12-01", NULL);
              break;
            default:
              sync_device (&devices[d]);
              break;
            }
          g_assert_no_error (error);
        }

      for (guint round = 0; round < 2; round++)
        for (guint d = 0; d < 3; d++)
          sync_device (&devices[d]);

      {
        g_autoptr(GHashTable) a = snapshot (devices[0].store);
        g_autoptr(GHashTable) a2 = snapshot (devices[1].store);
        g_autoptr(GHashTable) b = snapshot (devices[2].store);

        assert_same (a, a2, "A and A2");
        assert_same (a2, a, "A2 and A");
        assert_same (a, b, "A and B");
        assert_same (b, a, "B and A");
      }
      for (guint d = 0; d < 3; d++)
        device_close (&devices[d]);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  server = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                  (GDestroyNotify) closeness_couple_record_free);

  g_test_add_func ("/couple/noting", test_noting);
  g_test_add_func ("/couple/round-trip", test_round_trip);
  g_test_add_func ("/couple/any-order", test_any_order);
  g_test_add_func ("/couple/offline-fields", test_offline_fields);
  g_test_add_func ("/couple/note-both-changed", test_note_both_changed);
  g_test_add_func ("/couple/noted-for-key", test_noted_for_key);
  g_test_add_func ("/couple/hostile-records", test_hostile_records);
  g_test_add_func ("/couple/random-orders", test_random_orders);

  status = g_test_run ();
  g_hash_table_unref (server);

  return status;
}
