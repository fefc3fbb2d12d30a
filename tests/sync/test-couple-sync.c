/* test-couple-sync.c: answers, notes and self-care between a couple's
 * devices, end-to-end encrypted, through a real CalDAV server
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three devices: A and A′ are Annika's (partner 0), B is Samira's
 * (partner 1). The names are long enough that base64 never spells them
 * by chance.
 * Their keys are made here as pairing will make them (one couple key,
 * each partner's personal key on that partner's devices only); the
 * server is Radicale or Xandikos on 127.0.0.1 (CLOSENESS_TEST_SERVER).
 */

#include <glib/gstdio.h>
#include <string.h>

#include "store/closeness-store.h"
#include "../store/store-test-records.h"
#include "sync/closeness-couple-sync.h"
#include "sync/closeness-couple-sync-private.h"
#include "sync-test-server.h"

static SyncTestServer *server;
static guint n_accounts;

typedef struct
{
  char                   *dir;
  ClosenessStore         *store;
  ClosenessCaldavClient  *client;
  ClosenessCoupleKeyring  keys;
} Device;

typedef struct
{
  Device  a;
  Device  a2;
  Device  b;
  char   *collection;
  char   *server_dir;
  char   *user;
} Fixture;

static void
device_open (Device                 *device,
             const char             *user,
             ClosenessVaultDevice   *identity,
             int                     partner)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  device->dir = g_dir_make_tmp ("closeness-device-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (device->dir, "closeness.db", NULL);
  device->store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (closeness_store_couple_set_enabled (device->store, TRUE, &error));
  device->client =
    closeness_caldav_client_new (sync_test_server_get_url (server), user, "", &error);
  g_assert_no_error (error);
  device->keys.device = closeness_vault_device_ref (identity);
  device->keys.partner = partner;
}

static void
device_close (Device *device)
{
  g_clear_object (&device->client);
  g_clear_object (&device->store);
  sync_test_remove_tree (device->dir);
  g_free (device->dir);
  g_clear_pointer (&device->keys.device, closeness_vault_device_unref);
  g_clear_pointer (&device->keys.devices, g_ptr_array_unref);
  g_clear_pointer (&device->keys.device_partners, g_array_unref);
  g_clear_pointer (&device->keys.couple_keys, g_ptr_array_unref);
  g_clear_pointer (&device->keys.personal_keys[0], closeness_vault_key_unref);
  g_clear_pointer (&device->keys.personal_keys[1], closeness_vault_key_unref);
  g_clear_pointer (&device->keys.older_personal_keys[0], g_ptr_array_unref);
  g_clear_pointer (&device->keys.older_personal_keys[1], g_ptr_array_unref);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessCaldavClient) setup = NULL;
  g_autofree char *user = g_strdup_printf ("couple%u", ++n_accounts);
  g_autoptr(ClosenessVaultDevice) id_a = closeness_vault_device_generate ();
  g_autoptr(ClosenessVaultDevice) id_a2 = closeness_vault_device_generate ();
  g_autoptr(ClosenessVaultDevice) id_b = closeness_vault_device_generate ();
  g_autoptr(ClosenessVaultKey) couple = closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_COUPLE);
  g_autoptr(ClosenessVaultKey) anna = closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_PERSONAL);
  g_autoptr(ClosenessVaultKey) sam = closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_PERSONAL);
  Device *devices[] = { &fixture->a, &fixture->a2, &fixture->b };
  const int partners[] = { 0, 0, 1 };

  setup = closeness_caldav_client_new (sync_test_server_get_url (server), user, "", &error);
  g_assert_no_error (error);
  fixture->collection =
    closeness_caldav_client_make_calendar (setup, "Closeness Couple", CLOSENESS_CALDAV_VJOURNAL,
                                           NULL, &error);
  g_assert_no_error (error);

  fixture->user = g_strdup (user);
  device_open (&fixture->a, user, id_a, 0);
  device_open (&fixture->a2, user, id_a2, 0);
  device_open (&fixture->b, user, id_b, 1);
  for (guint d = 0; d < G_N_ELEMENTS (devices); d++)
    {
      ClosenessCoupleKeyring *keys = &devices[d]->keys;

      keys->devices =
        g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_vault_device_unref);
      g_ptr_array_add (keys->devices,
                       closeness_vault_device_new_from_public (closeness_vault_device_get_public (
                                                                 id_a),
                                                               NULL));
      g_ptr_array_add (keys->devices,
                       closeness_vault_device_new_from_public (closeness_vault_device_get_public (
                                                                 id_a2),
                                                               NULL));
      g_ptr_array_add (keys->devices,
                       closeness_vault_device_new_from_public (closeness_vault_device_get_public (
                                                                 id_b),
                                                               NULL));
      keys->device_partners = g_array_new (FALSE, FALSE, sizeof (int));
      g_array_append_vals (keys->device_partners, partners, 3);
      keys->couple_keys =
        g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_vault_key_unref);
      g_ptr_array_add (keys->couple_keys, closeness_vault_key_ref (couple));
      if (partners[d] == 0)
        keys->personal_keys[0] = closeness_vault_key_ref (anna);
      else
        keys->personal_keys[1] = closeness_vault_key_ref (sam);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  device_close (&fixture->a);
  device_close (&fixture->a2);
  device_close (&fixture->b);
  g_free (fixture->collection);
  g_free (fixture->user);
}

static ClosenessCoupleSyncReport
run_sync (Fixture *fixture,
          Device  *device)
{
  g_autoptr(GError) error = NULL;
  ClosenessCoupleSyncReport report;

  g_assert_true (closeness_couple_sync_run (device->store, device->client, fixture->collection,
                                            &device->keys, &report, NULL, &error));
  g_assert_no_error (error);

  return report;
}

#define QUESTION "What did the first snow remind you of?"

/* Anna's evening on A: names, a deck of their own with a question, her
 * answer, a shared note, a favourite, a shared activity with a day, and a
 * private one with a day of her own. */
static void
write_on_a (ClosenessStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessDeck) deck =
    closeness_store_create_deck (store, "Winter evenings", "", &error);
  g_autoptr(ClosenessPrompt) prompt = NULL;
  g_autoptr(ClosenessActivity) walk = NULL;
  g_autoptr(ClosenessActivity) journal = NULL;
  ClosenessActivityInfo shared = { .name = "Walk together", .icon = "", .color = "",
                                   .owner = CLOSENESS_OWNER_BOTH, .goal_kind = CLOSENESS_GOAL_DAILY,
                                   .goal_count = 1 };
  ClosenessActivityInfo private = { .name = "Therapy homework", .icon = "", .color = "",
                                    .owner = CLOSENESS_OWNER_PARTNER_1, .is_private = TRUE,
                                    .goal_kind = CLOSENESS_GOAL_DAILY, .goal_count = 1 };
  ClosenessEntryInfo entry = { .slot = 0, .day = "2026-12-05", .kind = CLOSENESS_ENTRY_DONE,
                               .note = "Along the frozen canal" };
  gint64 id;

  g_assert_no_error (error);
  prompt = closeness_store_create_prompt (store, closeness_record_get_id (CLOSENESS_RECORD (deck)),
                                          QUESTION, "", CLOSENESS_INTENSITY_GENTLE, &error);
  g_assert_no_error (error);
  id = closeness_record_get_id (CLOSENESS_RECORD (prompt));
  g_assert_true (closeness_store_update_partner (store, 0, "Annika", "#3584e4", &error));
  g_assert_true (closeness_store_update_partner (store, 1, "Samira", "#e66100", &error));
  g_assert_true (closeness_store_set_answer (store, id, 0, "Sledging with my brother", &error));
  g_assert_true (closeness_store_set_note (store, id, "Plan a weekend in the mountains", &error));
  g_assert_true (closeness_store_set_favourite (store, id, TRUE, &error));
  walk = closeness_store_create_activity (store, &shared, &error);
  g_assert_no_error (error);
  entry.activity_id = closeness_record_get_id (CLOSENESS_RECORD (walk));
  g_assert_cmpint (closeness_store_log_entry (store, &entry, &error), >, 0);
  journal = closeness_store_create_activity (store, &private, &error);
  g_assert_no_error (error);
  entry.activity_id = closeness_record_get_id (CLOSENESS_RECORD (journal));
  entry.note = "Talked about my father";
  g_assert_cmpint (closeness_store_log_entry (store, &entry, &error), >, 0);
  g_assert_no_error (error);
}

/* Every byte the server keeps, searched for what the couple wrote. */
static void
assert_server_knows_nothing (const char * const *secrets)
{
  const char *root = sync_test_server_get_dir (server);
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  guint files = 0;

  g_ptr_array_add (stack, g_strdup (root));
  while (stack->len > 0)
    {
      g_autofree char *path = g_ptr_array_steal_index (stack, stack->len - 1);
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      if (dir == NULL)
        {
          g_autofree char *contents = NULL;
          gsize length = 0;

          if (!g_file_get_contents (path, &contents, &length, NULL))
            continue;
          files++;
          for (guint i = 0; secrets[i] != NULL; i++)
            if (g_strstr_len (contents, length, secrets[i]) != NULL)
              g_error ("The server's file %s holds “%s”", path, secrets[i]);
          continue;
        }
      while ((name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (stack, g_build_filename (path, name, NULL));
    }
  g_assert_cmpuint (files, >, 0);
}

/* Everything Anna wrote on A reaches B and A′ (her private day only A′),
 * and the server holds not one word of it. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ClosenessActivity) walk = NULL;
  g_autoptr(ClosenessActivity) homework_b = NULL;
  g_autoptr(ClosenessActivity) homework_a2 = NULL;
  g_autoptr(ClosenessEntry) walked = NULL;
  g_autoptr(ClosenessEntry) private_day = NULL;
  g_autofree char *note = NULL;
  ClosenessCoupleSyncReport report;
  const char * const secrets[] = {
    "Annika", "Samira", QUESTION, "Winter evenings", "Sledging", "mountains",
    "Walk together", "frozen canal", "Therapy homework", "my father", NULL
  };

  write_on_a (fixture->a.store);
  report = run_sync (fixture, &fixture->a);
  g_assert_cmpuint (report.items_sent, >, 0);
  g_assert_cmpuint (report.refused, ==, 0);

  report = run_sync (fixture, &fixture->b);
  g_assert_cmpuint (report.refused, ==, 0);
  g_assert_cmpuint (report.applied, >=, 8);
  note = closeness_store_dup_note (fixture->b.store, prompt_id (fixture->b.store, QUESTION));
  g_assert_cmpstr (note, ==, "Plan a weekend in the mountains");
  walk = find_activity (fixture->b.store, "Walk together");
  g_assert_nonnull (walk);
  walked =
    closeness_store_dup_entry (fixture->b.store, closeness_record_get_id (CLOSENESS_RECORD (walk)),
                               0, "2026-12-05");
  g_assert_nonnull (walked);
  g_assert_cmpstr (closeness_entry_get_note (walked), ==, "Along the frozen canal");
  /* Anna's private activity and its day: not on Sam's laptop. */
  homework_b = find_activity (fixture->b.store, "Therapy homework");
  g_assert_null (homework_b);
  {
    ClosenessPartner *anna =
      g_list_model_get_item (closeness_store_get_partners (fixture->b.store), 0);

    g_assert_cmpstr (closeness_partner_get_name (anna), ==, "Annika");
    g_object_unref (anna);
  }

  /* Her second laptop has all of it, the private day too. */
  run_sync (fixture, &fixture->a2);
  homework_a2 = find_activity (fixture->a2.store, "Therapy homework");
  g_assert_nonnull (homework_a2);
  private_day = closeness_store_dup_entry (fixture->a2.store,
                                           closeness_record_get_id (CLOSENESS_RECORD (homework_a2)),
                                           0, "2026-12-05");
  g_assert_nonnull (private_day);
  g_assert_cmpstr (closeness_entry_get_note (private_day), ==, "Talked about my father");
  {
    g_autofree char *own =
      answer_of (fixture->a2.store, prompt_id (fixture->a2.store, QUESTION), 0);

    g_assert_cmpstr (own, ==, "Sledging with my brother");
  }

  assert_server_knows_nothing (secrets);
}

/* Reveal together: Sam cannot read Anna's answer until his own answer is
 * on the server; then both read both. */
static void
test_reveal_together (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sams_on_a = NULL;
  ClosenessCoupleSyncReport report;
  gint64 id_b;

  write_on_a (fixture->a.store);
  run_sync (fixture, &fixture->a);
  report = run_sync (fixture, &fixture->b);
  g_assert_cmpuint (report.sealed, ==, 1);
  id_b = prompt_id (fixture->b.store, QUESTION);
  before = answer_of (fixture->b.store, id_b, 0);
  g_assert_null (before);
  g_assert_true (closeness_store_couple_has_sealed_answer (fixture->b.store, id_b, 0));

  /* Sam answers; his sync sends his commitment and, seeing Anna's, his key. */
  g_assert_true (closeness_store_set_answer (fixture->b.store, id_b, 1,
                                             "The smell of my grandmother's stove", &error));
  run_sync (fixture, &fixture->b);
  /* Anna's laptop reads Sam's answer and now publishes her key. */
  run_sync (fixture, &fixture->a);
  sams_on_a = answer_of (fixture->a.store, prompt_id (fixture->a.store, QUESTION), 1);
  g_assert_cmpstr (sams_on_a, ==, "The smell of my grandmother's stove");
  run_sync (fixture, &fixture->a);
  run_sync (fixture, &fixture->b);
  after = answer_of (fixture->b.store, id_b, 0);
  g_assert_cmpstr (after, ==, "Sledging with my brother");
  g_assert_false (closeness_store_couple_has_sealed_answer (fixture->b.store, id_b, 0));
}

static void device_open_like (Fixture *fixture,
                              Device  *device,
                              Device  *like);

/* The laptop both partners shared until now (partner -1, both personal
 * keys), known to every other device. */
static void
open_shared_laptop (Fixture *fixture,
                    Device  *shared)
{
  g_autoptr(ClosenessVaultDevice) identity = closeness_vault_device_generate ();
  Device *others[] = { &fixture->a, &fixture->a2, &fixture->b };
  const int both = -1;

  device_open_like (fixture, shared, &fixture->a);
  g_clear_pointer (&shared->keys.device, closeness_vault_device_unref);
  shared->keys.device = closeness_vault_device_ref (identity);
  shared->keys.partner = both;
  g_ptr_array_remove_index (shared->keys.devices, shared->keys.devices->len - 1);
  g_array_remove_index (shared->keys.device_partners, shared->keys.device_partners->len - 1);
  shared->keys.personal_keys[1] = closeness_vault_key_ref (fixture->b.keys.personal_keys[1]);
  for (guint d = 0; d < G_N_ELEMENTS (others); d++)
    {
      g_ptr_array_add (others[d]->keys.devices,
                       closeness_vault_device_new_from_public (closeness_vault_device_get_public (
                                                                 identity),
                                                               NULL));
      g_array_append_val (others[d]->keys.device_partners, both);
    }
  g_ptr_array_add (shared->keys.devices,
                   closeness_vault_device_new_from_public (closeness_vault_device_get_public (
                                                             identity),
                                                           NULL));
  g_array_append_val (shared->keys.device_partners, both);
}

/* The shared laptop's first sync sends questions both partners answered
 * there: Samira's laptop reads every one of Annika's answers at once (each
 * key goes up once the other partner's commitment is on the server, even
 * when that commitment went up later in the same sync). A question Annika
 * answers there alone opens on Samira's laptop once Samira answers it and
 * the shared laptop has seen that. */
static void
test_shared_laptop_reveals (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessDeck) deck = NULL;
  g_autoptr(ClosenessPrompt) later = NULL;
  g_autofree char *later_on_b = NULL;
  Device shared = { 0 };
  ClosenessCoupleSyncReport report;
  gint64 ids[12];
  gint64 later_b;

  open_shared_laptop (fixture, &shared);
  deck = closeness_store_create_deck (shared.store, "Long evenings", "", &error);
  g_assert_no_error (error);
  for (guint q = 0; q < G_N_ELEMENTS (ids); q++)
    {
      g_autofree char *question = g_strdup_printf ("Question number %u of the long evenings?", q);
      g_autofree char *hers = g_strdup_printf ("Annika's answer number %u", q);
      g_autofree char *his = g_strdup_printf ("Samira's answer number %u", q);
      g_autoptr(ClosenessPrompt) prompt =
        closeness_store_create_prompt (shared.store,
                                       closeness_record_get_id (CLOSENESS_RECORD (deck)), question,
                                       "", CLOSENESS_INTENSITY_GENTLE, &error);

      g_assert_no_error (error);
      ids[q] = closeness_record_get_id (CLOSENESS_RECORD (prompt));
      g_assert_true (closeness_store_set_answer (shared.store, ids[q], 0, hers, &error));
      g_assert_true (closeness_store_set_answer (shared.store, ids[q], 1, his, &error));
    }

  run_sync (fixture, &shared);
  report = run_sync (fixture, &fixture->b);
  g_assert_cmpuint (report.sealed, ==, 0);
  for (guint q = 0; q < G_N_ELEMENTS (ids); q++)
    {
      g_autofree char *question = g_strdup_printf ("Question number %u of the long evenings?", q);
      g_autofree char *hers = g_strdup_printf ("Annika's answer number %u", q);
      g_autofree char *on_b =
        answer_of (fixture->b.store, prompt_id (fixture->b.store, question), 0);

      g_assert_cmpstr (on_b, ==, hers);
    }

  /* Annika answers a new question on the shared laptop; Samira later on
   * her own. */
  later =
    closeness_store_create_prompt (shared.store, closeness_record_get_id (CLOSENESS_RECORD (deck)),
                                   "What should we never stop doing?", "",
                                   CLOSENESS_INTENSITY_GENTLE, &error);
  g_assert_no_error (error);
  g_assert_true (closeness_store_set_answer (shared.store,
                                             closeness_record_get_id (CLOSENESS_RECORD (later)), 0,
                                             "Dancing in the kitchen", &error));
  run_sync (fixture, &shared);
  run_sync (fixture, &fixture->b);
  later_b = prompt_id (fixture->b.store, "What should we never stop doing?");
  g_assert_true (closeness_store_couple_has_sealed_answer (fixture->b.store, later_b, 0));
  g_assert_true (closeness_store_set_answer (fixture->b.store, later_b, 1,
                                             "Writing each other letters", &error));
  run_sync (fixture, &fixture->b);
  run_sync (fixture, &shared);
  run_sync (fixture, &fixture->b);
  later_on_b = answer_of (fixture->b.store, later_b, 0);
  g_assert_cmpstr (later_on_b, ==, "Dancing in the kitchen");

  device_close (&shared);
}

/* Every device syncs in turn until a whole round sends nothing. */
static void
sync_until_quiet (Fixture *fixture)
{
  Device *all[] = { &fixture->a, &fixture->a2, &fixture->b };

  for (guint round = 0; round < 6; round++)
    {
      guint sent = 0;

      for (guint d = 0; d < G_N_ELEMENTS (all); d++)
        {
          ClosenessCoupleSyncReport report = run_sync (fixture, all[d]);

          g_assert_cmpuint (report.refused, ==, 0);
          sent += report.items_sent;
        }
      if (sent == 0)
        return;
    }
  g_error ("The devices kept sending after six rounds of syncs");
}

/* Annika edits her answer on A′, offline, after A′ read it and before A
 * publishes its key (Samira has answered meanwhile). Publishing the key
 * adds only the key: when A′ comes back, her edit wins on every device,
 * and Samira reads the edited answer. */
static void
test_key_keeps_version (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Device *all[] = { &fixture->a, &fixture->a2, &fixture->b };
  const char *edited = "Sledging with my brother, and the hot chocolate after";
  gint64 id_b;

  write_on_a (fixture->a.store);
  run_sync (fixture, &fixture->a);
  run_sync (fixture, &fixture->a2);

  /* A′ goes offline; Annika changes her answer there. */
  g_assert_true (closeness_store_set_answer (fixture->a2.store,
                                             prompt_id (fixture->a2.store, QUESTION), 0, edited,
                                             &error));

  /* Samira answers; A sees her commitment and publishes the key of the
   * answer it holds, the text from before the edit. */
  run_sync (fixture, &fixture->b);
  id_b = prompt_id (fixture->b.store, QUESTION);
  g_assert_true (closeness_store_set_answer (fixture->b.store, id_b, 1,
                                             "The smell of my grandmother's stove", &error));
  run_sync (fixture, &fixture->b);
  run_sync (fixture, &fixture->a);

  /* A′ comes back online, then everyone syncs until nothing is left. */
  run_sync (fixture, &fixture->a2);
  sync_until_quiet (fixture);

  for (guint d = 0; d < G_N_ELEMENTS (all); d++)
    {
      ClosenessStore *store = all[d]->store;
      g_autofree char *hers = answer_of (store, prompt_id (store, QUESTION), 0);

      g_assert_cmpstr (hers, ==, edited);
    }
  g_assert_false (closeness_store_couple_has_sealed_answer (fixture->b.store, id_b, 0));
}

/* Offline on all three, then synced in turn: all agree; a change made
 * here and nothing else changed sends one item. */
static void
test_offline_converge (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Device *all[] = { &fixture->a, &fixture->a2, &fixture->b };
  g_autofree char *notes[3] = { NULL };
  ClosenessCoupleSyncReport report;

  write_on_a (fixture->a.store);
  for (guint round = 0; round < 2; round++)
    for (guint d = 0; d < 3; d++)
      run_sync (fixture, all[d]);

  g_assert_true (
    closeness_store_update_partner (fixture->a2.store, 0, "Annika", "#26a269", &error));
  g_assert_true (closeness_store_set_favourite (fixture->b.store,
                                                prompt_id (fixture->b.store, QUESTION), FALSE,
                                                &error));
  g_assert_true (
    closeness_store_update_partner (fixture->b.store, 1, "Samira Okafor", "#e66100", &error));
  for (guint round = 0; round < 2; round++)
    for (guint d = 0; d < 3; d++)
      run_sync (fixture, all[2 - d]);

  for (guint d = 0; d < 3; d++)
    {
      ClosenessPartner *anna =
        g_list_model_get_item (closeness_store_get_partners (all[d]->store), 0);
      ClosenessPartner *sam =
        g_list_model_get_item (closeness_store_get_partners (all[d]->store), 1);
      g_autoptr(ClosenessPrompt) prompt = find_prompt (all[d]->store, QUESTION);

      g_assert_cmpstr (closeness_partner_get_color (anna), ==, "#26a269");
      g_assert_cmpstr (closeness_partner_get_name (sam), ==, "Samira Okafor");
      g_assert_false (closeness_prompt_get_favourite (prompt));
      notes[d] = closeness_store_dup_note (all[d]->store, prompt_id (all[d]->store, QUESTION));
      g_object_unref (anna);
      g_object_unref (sam);
    }
  g_assert_cmpstr (notes[0], ==, notes[2]);

  /* One change: one item written, one report asked. */
  g_assert_true (closeness_store_set_note (fixture->b.store, prompt_id (fixture->b.store, QUESTION),
                                           "Mountains in February", &error));
  {
    guint before = closeness_caldav_client_get_n_requests (fixture->b.client);

    report = run_sync (fixture, &fixture->b);
    g_assert_cmpuint (report.items_sent, ==, 1);
    g_assert_cmpuint (closeness_caldav_client_get_n_requests (fixture->b.client) - before, <=, 3);
  }
}

/* A bucket changed on the server by someone without the keys, or an old
 * one put back, is refused and nothing of it is applied. */
static void
test_tampered (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(ClosenessCaldavClient) intruder = NULL;
  ClosenessCoupleSyncReport report;
  guint changed = 0;

  write_on_a (fixture->a.store);
  run_sync (fixture, &fixture->a);

  /* The server (or anyone with the account's password) flips a byte in the
   * middle of every item. */
  intruder = closeness_caldav_client_new (sync_test_server_get_url (server), "x", "", &error);
  items = closeness_caldav_client_list (fixture->a.client, fixture->collection, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) hrefs = g_ptr_array_new ();
    g_autoptr(GPtrArray) full = NULL;

    for (guint i = 0; i < items->len; i++)
      g_ptr_array_add (hrefs, ((ClosenessCaldavItem *) g_ptr_array_index (items, i))->href);
    g_ptr_array_add (hrefs, NULL);
    full = closeness_caldav_client_multiget (fixture->a.client, fixture->collection,
                                             (const char * const *) hrefs->pdata, NULL, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < full->len; i++)
      {
        ClosenessCaldavItem *item = g_ptr_array_index (full, i);
        g_autofree char *copy = g_strdup (item->data);
        char *payload = strstr (copy, "X-CLOSENESS");
        char *target;
        g_autofree char *etag = NULL;

        g_assert_nonnull (payload);
        target = strchr (payload, ':') + 40;
        *target = *target == 'A' ? 'B' : 'A';
        etag = closeness_caldav_client_put (fixture->a.client, item->href, copy, item->etag, NULL,
                                            &error);
        g_assert_no_error (error);
        changed++;
      }
  }
  g_assert_cmpuint (changed, >, 0);

  /* Anna's second laptop can check every item: each one is refused. */
  report = run_sync (fixture, &fixture->a2);
  g_assert_cmpuint (report.refused, ==, changed);
  g_assert_cmpuint (report.applied, ==, 0);
  g_assert_null (find_prompt (fixture->a2.store, QUESTION));
  /* Sam's cannot open Anna's private items at all; the others are refused. */
  report = run_sync (fixture, &fixture->b);
  g_assert_cmpuint (report.refused, >, 0);
  g_assert_cmpuint (report.applied, ==, 0);
  g_assert_null (find_prompt (fixture->b.store, QUESTION));

  /* Anna's laptop, which wrote them, puts back every item it may write
   * (nothing in a changed item is anyone's), and its next change goes
   * through instead of being refused for the changed item's etag; then
   * the other laptops read all of it. */
  g_assert_true (closeness_store_set_note (fixture->a.store, prompt_id (fixture->a.store, QUESTION),
                                           "Plan two weekends in the mountains", &error));
  report = run_sync (fixture, &fixture->a);
  g_assert_cmpuint (report.refused, ==, changed);
  g_assert_cmpuint (report.items_sent, ==, changed);
  run_sync (fixture, &fixture->a2);
  run_sync (fixture, &fixture->b);
  for (guint d = 0; d < 2; d++)
    {
      ClosenessStore *store = d == 0 ? fixture->a2.store : fixture->b.store;
      g_autofree char *note = closeness_store_dup_note (store, prompt_id (store, QUESTION));

      g_assert_cmpstr (note, ==, "Plan two weekends in the mountains");
    }
}

/* Every item in the couple's collection, read whole. */
static GPtrArray *
server_items (Fixture *fixture,
              Device  *device)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items =
    closeness_caldav_client_list (device->client, fixture->collection, NULL, &error);
  g_autoptr(GPtrArray) hrefs = g_ptr_array_new ();
  GPtrArray *full;

  g_assert_no_error (error);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (hrefs, ((ClosenessCaldavItem *) g_ptr_array_index (items, i))->href);
  g_ptr_array_add (hrefs, NULL);
  if (hrefs->len == 1)
    return g_ptr_array_new ();
  full = closeness_caldav_client_multiget (device->client, fixture->collection,
                                           (const char * const *) hrefs->pdata, NULL, &error);
  g_assert_no_error (error);

  return full;
}

static const ClosenessCaldavItem *
find_item (GPtrArray  *items,
           const char *href)
{
  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (((ClosenessCaldavItem *) g_ptr_array_index (items, i))->href, href))
      return g_ptr_array_index (items, i);

  return NULL;
}

/* The server puts back an older ciphertext of an item (a genuine one,
 * captured before a later change): every device that has seen the newer
 * one refuses it, keeps the newer note, and puts the newer one back. */
static void
test_replayed (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  ClosenessCoupleSyncReport report;
  guint replayed = 0;

  write_on_a (fixture->a.store);
  run_sync (fixture, &fixture->a);
  run_sync (fixture, &fixture->b);
  before = server_items (fixture, &fixture->a);

  g_assert_true (closeness_store_set_note (fixture->a.store, prompt_id (fixture->a.store, QUESTION),
                                           "Mountains in February", &error));
  run_sync (fixture, &fixture->a);
  report = run_sync (fixture, &fixture->b);
  g_assert_cmpuint (report.applied, >=, 1);

  /* Each item that changed since goes back to what it was. */
  after = server_items (fixture, &fixture->a);
  for (guint i = 0; i < after->len; i++)
    {
      ClosenessCaldavItem *now = g_ptr_array_index (after, i);
      const ClosenessCaldavItem *old = find_item (before, now->href);
      g_autofree char *etag = NULL;

      if (old == NULL || g_str_equal (old->data, now->data))
        continue;
      etag = closeness_caldav_client_put (fixture->a.client, now->href, old->data, now->etag, NULL,
                                          &error);
      g_assert_no_error (error);
      replayed++;
    }
  g_assert_cmpuint (replayed, ==, 1);

  /* Sam's laptop read the newer one: it refuses the older, keeps the note. */
  report = run_sync (fixture, &fixture->b);
  g_assert_cmpuint (report.refused, ==, replayed);
  g_assert_cmpuint (report.applied, ==, 0);
  {
    g_autofree char *note =
      closeness_store_dup_note (fixture->b.store, prompt_id (fixture->b.store, QUESTION));

    g_assert_cmpstr (note, ==, "Mountains in February");
  }
  /* So does the laptop that wrote it. */
  report = run_sync (fixture, &fixture->a);
  g_assert_cmpuint (report.applied, ==, 0);
  {
    g_autofree char *note =
      closeness_store_dup_note (fixture->a.store, prompt_id (fixture->a.store, QUESTION));

    g_assert_cmpstr (note, ==, "Mountains in February");
  }

  /* The newer one is on the server again: a laptop that never saw it reads it. */
  run_sync (fixture, &fixture->a2);
  {
    g_autofree char *note =
      closeness_store_dup_note (fixture->a2.store, prompt_id (fixture->a2.store, QUESTION));

    g_assert_cmpstr (note, ==, "Mountains in February");
  }

  /* And the bucket is not stuck: the next change goes through and arrives. */
  g_assert_true (closeness_store_set_note (fixture->b.store, prompt_id (fixture->b.store, QUESTION),
                                           "A cabin in March", &error));
  report = run_sync (fixture, &fixture->b);
  g_assert_cmpuint (report.items_sent, ==, 1);
  report = run_sync (fixture, &fixture->a);
  g_assert_cmpuint (report.refused, ==, 0);
  {
    g_autofree char *note =
      closeness_store_dup_note (fixture->a.store, prompt_id (fixture->a.store, QUESTION));

    g_assert_cmpstr (note, ==, "A cabin in March");
  }
}

/* A′ is lost and removed from A (pairing does this with
 * closeness_couple_keys_remove_device()): a new couple key and a new
 * personal key of Annika's, A′ no longer among the devices. The devices
 * that stay keep the earlier keys, to open what is not sealed again yet. */
static void
remove_a2 (Fixture           *fixture,
           ClosenessVaultKey *couple,
           ClosenessVaultKey *anna)
{
  Device *remaining[] = { &fixture->a, &fixture->b };
  guint64 lost = closeness_vault_device_get_id (fixture->a2.keys.device);

  for (guint d = 0; d < G_N_ELEMENTS (remaining); d++)
    {
      ClosenessCoupleKeyring *keys = &remaining[d]->keys;

      for (guint i = 0; i < keys->devices->len; i++)
        if (closeness_vault_device_get_id (g_ptr_array_index (keys->devices, i)) == lost)
          {
            g_ptr_array_remove_index (keys->devices, i);
            g_array_remove_index (keys->device_partners, i);
            break;
          }
      g_ptr_array_add (keys->couple_keys, closeness_vault_key_ref (couple));
    }
  fixture->a.keys.older_personal_keys[0] =
    g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_vault_key_unref);
  g_ptr_array_add (fixture->a.keys.older_personal_keys[0],
                   g_steal_pointer (&fixture->a.keys.personal_keys[0]));
  fixture->a.keys.personal_keys[0] = closeness_vault_key_ref (anna);
}

static gpointer
copy_device (gconstpointer device,
             gpointer      data)
{
  return closeness_vault_device_ref ((ClosenessVaultDevice *) device);
}

static gpointer
copy_key (gconstpointer key,
          gpointer      data)
{
  return closeness_vault_key_ref ((ClosenessVaultKey *) key);
}

/* A device that joins later, with @like's keys and an identity of its own. */
static void
device_open_like (Fixture *fixture,
                  Device  *device,
                  Device  *like)
{
  g_autoptr(ClosenessVaultDevice) identity = closeness_vault_device_generate ();
  int partner = like->keys.partner;

  device_open (device, fixture->user, identity, partner);
  device->keys.devices = g_ptr_array_copy (like->keys.devices, copy_device, NULL);
  g_ptr_array_add (device->keys.devices, closeness_vault_device_ref (identity));
  device->keys.device_partners = g_array_copy (like->keys.device_partners);
  g_array_append_val (device->keys.device_partners, partner);
  device->keys.couple_keys = g_ptr_array_copy (like->keys.couple_keys, copy_key, NULL);
  for (guint p = 0; p < 2; p++)
    {
      if (like->keys.personal_keys[p] != NULL)
        device->keys.personal_keys[p] = closeness_vault_key_ref (like->keys.personal_keys[p]);
      if (like->keys.older_personal_keys[p] != NULL)
        device->keys.older_personal_keys[p] = g_ptr_array_copy (like->keys.older_personal_keys[p],
                                                                copy_key, NULL);
    }
}

/* After a removal, the next syncs of the devices that stay seal every
 * bucket again under the new keys, under new names, and delete the old
 * items: no item on the server opens with a key the removed laptop holds,
 * nor has a name it can work out; the devices that stay (and one that
 * joins afterwards) still read everything. */
static void
test_resealed_after_removal (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessVaultKey) couple = closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_COUPLE);
  g_autoptr(ClosenessVaultKey) anna = closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_PERSONAL);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GHashTable) lost_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) lost_keys = g_hash_table_new (g_str_hash, g_str_equal);
  const char * const classes[] = { "common", "owned-0", "owned-1", "private-0", "private-1" };
  ClosenessCoupleSyncReport report;
  Device later_a = { 0 }, later_b = { 0 };
  gint64 id;

  write_on_a (fixture->a.store);
  run_sync (fixture, &fixture->a);
  run_sync (fixture, &fixture->a2);
  run_sync (fixture, &fixture->b);
  g_assert_true (closeness_store_set_answer (fixture->b.store,
                                             prompt_id (fixture->b.store, QUESTION), 1,
                                             "The smell of my grandmother's stove", &error));
  run_sync (fixture, &fixture->b);
  run_sync (fixture, &fixture->a);
  run_sync (fixture, &fixture->b);

  /* What A′ holds: the first couple key and Annika's first personal key. */
  g_hash_table_add (lost_keys, (gpointer) closeness_vault_key_get_id (
                                 g_ptr_array_index (fixture->a2.keys.couple_keys, 0)));
  g_hash_table_add (lost_keys,
                    (gpointer) closeness_vault_key_get_id (fixture->a2.keys.personal_keys[0]));
  for (guint c = 0; c < G_N_ELEMENTS (classes); c++)
    for (guint i = 0; i < 64; i++)
      {
        g_autofree char *bucket = g_strdup_printf ("%s/%02u", classes[c], i);

        g_hash_table_add (lost_names,
                          closeness_vault_item_uid (g_ptr_array_index (fixture->a2.keys.couple_keys,
                                                                       0),
                                                    "bucket", bucket));
      }

  /* A′ writes once more just before it is removed; the others have not
   * read it yet, and refuse it once A′ is removed (a removed device's
   * records are refused): that item too must go. */
  g_assert_true (closeness_store_set_note (fixture->a2.store,
                                           prompt_id (fixture->a2.store, QUESTION),
                                           "Written on the lost laptop", &error));
  run_sync (fixture, &fixture->a2);

  remove_a2 (fixture, couple, anna);
  report = run_sync (fixture, &fixture->a);
  g_assert_cmpuint (report.refused, ==, 1);
  g_assert_cmpuint (report.items_sent, >, 0);
  report = run_sync (fixture, &fixture->b);
  g_assert_cmpuint (report.refused, ==, 0);
  g_assert_cmpuint (report.items_sent, >, 0);

  items = server_items (fixture, &fixture->a);
  g_assert_cmpuint (items->len, >, 0);
  for (guint i = 0; i < items->len; i++)
    {
      ClosenessCaldavItem *item = g_ptr_array_index (items, i);
      g_autofree char *uid = NULL;
      g_autofree char *key_id = NULL;
      g_autoptr(GBytes) envelope = NULL;

      g_assert_true (
        closeness_vault_item_from_ics (item->data, strlen (item->data), &uid, &envelope, &error));
      g_assert_no_error (error);
      key_id = closeness_vault_record_peek_key_id (envelope, &error);
      g_assert_no_error (error);
      if (g_hash_table_contains (lost_keys, key_id))
        g_error ("%s is still sealed with a key the removed laptop holds", item->href);
      if (g_hash_table_contains (lost_names, uid))
        g_error ("%s still has a name the removed laptop can work out", item->href);
    }

  /* A′ finds nothing it can open. */
  report = run_sync (fixture, &fixture->a2);
  g_assert_cmpuint (report.applied, ==, 0);
  g_assert_cmpuint (report.items_received, ==, 0);

  /* The devices that stay, and one of each partner joining now, read all. */
  device_open_like (fixture, &later_a, &fixture->a);
  device_open_like (fixture, &later_b, &fixture->b);
  report = run_sync (fixture, &later_a);
  g_assert_cmpuint (report.refused, ==, 0);
  report = run_sync (fixture, &later_b);
  g_assert_cmpuint (report.refused, ==, 0);
  {
    g_autoptr(ClosenessActivity) homework = find_activity (later_a.store, "Therapy homework");
    g_autoptr(ClosenessEntry) private_day = NULL;
    g_autofree char *note = NULL;
    g_autofree char *own = NULL;
    g_autofree char *sams = NULL;
    g_autofree char *annas = NULL;

    id = prompt_id (later_a.store, QUESTION);
    note = closeness_store_dup_note (later_a.store, id);
    g_assert_cmpstr (note, ==, "Plan a weekend in the mountains");
    own = answer_of (later_a.store, id, 0);
    g_assert_cmpstr (own, ==, "Sledging with my brother");
    sams = answer_of (later_a.store, id, 1);
    g_assert_cmpstr (sams, ==, "The smell of my grandmother's stove");
    g_assert_nonnull (homework);
    private_day = closeness_store_dup_entry (later_a.store,
                                             closeness_record_get_id (CLOSENESS_RECORD (homework)),
                                             0, "2026-12-05");
    g_assert_nonnull (private_day);
    annas = answer_of (later_b.store, prompt_id (later_b.store, QUESTION), 0);
    g_assert_cmpstr (annas, ==, "Sledging with my brother");
  }

  /* And what is written afterwards travels under the new keys. */
  g_assert_true (closeness_store_set_note (fixture->b.store, prompt_id (fixture->b.store, QUESTION),
                                           "Mountains in February", &error));
  run_sync (fixture, &fixture->b);
  run_sync (fixture, &fixture->a);
  {
    g_autofree char *note =
      closeness_store_dup_note (fixture->a.store, prompt_id (fixture->a.store, QUESTION));

    g_assert_cmpstr (note, ==, "Mountains in February");
  }
  device_close (&later_a);
  device_close (&later_b);
}

static GBytes *
deflate_raw (const guint8 *mark,
             gsize         mark_length,
             GBytes       *bytes)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW, -1);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_autoptr(GError) error = NULL;
  gsize written;

  g_assert_true (g_output_stream_write_all (memory, mark, mark_length, &written, NULL, &error));
  g_assert_true (g_output_stream_write_all (out, g_bytes_get_data (bytes, NULL),
                                            g_bytes_get_size (bytes), &written, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_no_error (error);

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

/* A bucket travels deflated (a fifth of the bytes, or less, for a
 * bucket of entries); one written before compression still opens; bytes
 * that are neither, or that would unpack to far more than any bucket, are
 * refused. */
static void
test_pack (void)
{
  GVariantBuilder builder;
  g_autoptr(GVariant) content = NULL;
  g_autoptr(GVariant) back = NULL;
  g_autoptr(GVariant) bare = NULL;
  g_autoptr(GBytes) packed = NULL;
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GBytes) garbage = NULL;
  g_autoptr(GBytes) zeros = NULL;
  g_autoptr(GBytes) bomb = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 mark[] = { 0, 'Z' };

  g_variant_builder_init (&builder, BUCKET_TYPE);
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *key =
        g_strdup_printf ("entry:6f1c0d2e9a4b4e8f8a3e1b2c3d4e5f60:2024-%02u-%02u:%u", 1 + i % 12,
                         1 + i % 28, i % 2);
      g_autofree char *version =
        g_strdup_printf ("%016x-%04x-%016x", 0x18f00000u + i * 977, i % 7, 0x5eedu);
      GVariantDict dict;

      g_variant_dict_init (&dict, NULL);
      g_variant_dict_insert (&dict, "kind", "s", i % 5 ? "done" : "rest");
      g_variant_dict_insert (&dict, "note", "s", i % 3 ? "" : "Along the frozen canal");
      g_variant_builder_add (&builder, "(ss@ma{sv})", key, version,
                             g_variant_new_maybe (G_VARIANT_TYPE_VARDICT,
                                                  g_variant_dict_end (&dict)));
    }
  content = g_variant_ref_sink (g_variant_builder_end (&builder));
  raw = g_variant_get_data_as_bytes (content);

  packed = _closeness_couple_pack (content);
  g_test_message ("a bucket of 400 entries: %" G_GSIZE_FORMAT " bytes, packed %" G_GSIZE_FORMAT,
                  g_bytes_get_size (raw), g_bytes_get_size (packed));
  g_assert_cmpuint (g_bytes_get_size (packed) * 5, <, g_bytes_get_size (raw));
  back = _closeness_couple_unpack (packed, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_equal (back, content));

  /* Written before compression. */
  bare = _closeness_couple_unpack (raw, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_equal (bare, content));

  garbage = g_bytes_new_static ("\0Znot deflate at all", 21);
  g_assert_null (_closeness_couple_unpack (garbage, &error));
  g_assert_error (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED);
  g_clear_error (&error);

  zeros = g_bytes_new_take (g_malloc0 (65 * 1024 * 1024), 65 * 1024 * 1024);
  bomb = deflate_raw (mark, sizeof mark, zeros);
  g_assert_cmpuint (g_bytes_get_size (bomb), <, 1024 * 1024);
  g_assert_null (_closeness_couple_unpack (bomb, &error));
  g_assert_error (error, CLOSENESS_VAULT_ERROR, CLOSENESS_VAULT_ERROR_MALFORMED);
}

/* A bucket holding one answer, with its published key or without. */
static GVariant *
answer_bucket (const char *version,
               gboolean    with_key)
{
  const guint8 commitment[] = { 1, 2, 3 }, wrapped[] = { 4, 5, 6 };
  GVariantBuilder builder;
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert_value (&dict, "commitment",
                               g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, commitment,
                                                          sizeof commitment, 1));
  if (with_key)
    g_variant_dict_insert_value (&dict, "key",
                                 g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, wrapped,
                                                            sizeof wrapped, 1));
  g_variant_builder_init (&builder, BUCKET_TYPE);
  g_variant_builder_add (&builder, "(ss@ma{sv})", "answer:6f1c0d2e9a4b4e8f8a3e1b2c3d4e5f60:0",
                         version,
                         g_variant_new_maybe (G_VARIANT_TYPE_VARDICT, g_variant_dict_end (&dict)));

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* An answer sent again with its key keeps its version: of two copies at
 * the same version the one with the key stays, whichever arrives last;
 * a newer version wins with or without one. */
static void
test_merge_keeps_key (void)
{
  const char *version = "0193a0b0c0d0-0000-00000000000000aa";
  const char *newer = "0193a0b0c0d1-0000-00000000000000bb";
  g_autoptr(GVariant) keyed = answer_bucket (version, TRUE);
  g_autoptr(GVariant) bare = answer_bucket (version, FALSE);
  g_autoptr(GVariant) edited = answer_bucket (newer, FALSE);
  Bucket bucket = { 0 };

  bucket.content = g_variant_ref (bare);
  g_assert_false (_closeness_couple_merge_content (&bucket, keyed));
  g_assert_true (g_variant_equal (bucket.content, keyed));

  /* An older copy of the bucket without the key, read after it. */
  g_assert_true (_closeness_couple_merge_content (&bucket, bare));
  g_assert_true (g_variant_equal (bucket.content, keyed));

  g_assert_false (_closeness_couple_merge_content (&bucket, edited));
  g_assert_true (g_variant_equal (bucket.content, edited));
  g_variant_unref (bucket.content);
}

int
main (int   argc,
      char *argv[])
{
  const char *kind = g_getenv ("CLOSENESS_TEST_SERVER");
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  server = sync_test_server_start (kind != NULL ? kind : "radicale");

  g_test_add_func ("/couple-sync/pack", test_pack);
  g_test_add_func ("/couple-sync/merge-keeps-key", test_merge_keeps_key);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/couple-sync/round-trip", test_round_trip);
  ADD ("/couple-sync/reveal-together", test_reveal_together);
  ADD ("/couple-sync/shared-laptop-reveals", test_shared_laptop_reveals);
  ADD ("/couple-sync/key-keeps-version", test_key_keeps_version);
  ADD ("/couple-sync/offline-converge", test_offline_converge);
  ADD ("/couple-sync/tampered", test_tampered);
  ADD ("/couple-sync/replayed", test_replayed);
  ADD ("/couple-sync/resealed-after-removal", test_resealed_after_removal);
#undef ADD

  status = g_test_run ();
  sync_test_server_stop (server);

  return status;
}
