/* bench-couple-sync.c: couple sync of the ten-year profile through Radicale
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `build-aux/dev bench --suite sync`. Laptop A holds ten years of a couple
 * (≈ 73,000 self-care entries, 600 answers, 300 questions of their own),
 * the laptop both partners shared until now; its first sync sends
 * everything to Radicale on 127.0.0.1; laptop B (Sam's) receives all Sam
 * may read (all but Alex's private activities); then one change on A is sent and
 * received, eleven times over (medians). Prints wall time, requests and
 * bytes of each; a benchmark, never a timed test.
 *
 * The couple key decides which of the 64 buckets a record travels in, and a
 * change sends its whole bucket: with CLOSENESS_BENCH_KEYS=FILE every run
 * uses the keys kept in FILE (made by the first run), so the encrypted and
 * the plaintext build (bench-couple-overhead.py) send the very same buckets
 * and differ only by the encryption.
 */

#include <glib/gstdio.h>

#include "closeness-tenyears.h"
#include "sync/closeness-couple-sync.h"
#include "sync-test-server.h"
#include "closeness-bench-median.h"

typedef struct
{
  ClosenessStore        *store;
  ClosenessCaldavClient *client;
  ClosenessCoupleKeyring keys;
} Laptop;

/* Laptop A is the one both used until now (partner -1: both); B is
 * Sam's new one. */
static void
keyring_init (ClosenessCoupleKeyring *keys,
              ClosenessVaultDevice   *self,
              int                     partner,
              ClosenessVaultDevice  **all,
              ClosenessVaultKey      *couple,
              ClosenessVaultKey     **personal)
{
  const int partners[] = { -1, 1 };

  keys->device = closeness_vault_device_ref (self);
  keys->partner = partner;
  keys->devices = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_vault_device_unref);
  for (guint i = 0; i < 2; i++)
    g_ptr_array_add (keys->devices,
                     closeness_vault_device_new_from_public (closeness_vault_device_get_public (
                                                               all[i]),
                                                             NULL));
  keys->device_partners = g_array_new (FALSE, FALSE, sizeof (int));
  g_array_append_vals (keys->device_partners, partners, 2);
  keys->couple_keys = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_vault_key_unref);
  g_ptr_array_add (keys->couple_keys, closeness_vault_key_ref (couple));
  for (guint p = 0; p < 2; p++)
    if (partner < 0 || partner == (int) p)
      keys->personal_keys[p] = closeness_vault_key_ref (personal[p]);
}

/* The couple key and both personal keys: from @path when it holds them,
 * else new ones, written there (0600) for the next run. */
static void
load_or_make_keys (const char          *path,
                   ClosenessVaultKey  **couple,
                   ClosenessVaultKey  **alex,
                   ClosenessVaultKey  **sam)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  if (path != NULL && g_file_get_contents (path, &data, &length, NULL))
    {
      g_autoptr(GBytes) bytes = g_bytes_new (data, length);
      g_autoptr(GPtrArray) keys = closeness_vault_keys_parse (bytes, &error);

      if (keys == NULL || keys->len != 3)
        g_error ("%s does not hold the benchmark's three keys", path);
      *couple = closeness_vault_key_ref (g_ptr_array_index (keys, 0));
      *alex = closeness_vault_key_ref (g_ptr_array_index (keys, 1));
      *sam = closeness_vault_key_ref (g_ptr_array_index (keys, 2));
      return;
    }

  *couple = closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_COUPLE);
  *alex = closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_PERSONAL);
  *sam = closeness_vault_key_new_random (CLOSENESS_VAULT_KEY_PERSONAL);
  if (path != NULL)
    {
      g_autoptr(GPtrArray) keys = g_ptr_array_new ();
      g_autoptr(GBytes) bytes = NULL;

      g_ptr_array_add (keys, *couple);
      g_ptr_array_add (keys, *alex);
      g_ptr_array_add (keys, *sam);
      bytes = closeness_vault_keys_serialize (keys);
      if (!g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                     G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
        g_error ("%s", error->message);
    }
}

static double
timed_sync (Laptop                    *laptop,
            const char                *collection,
            ClosenessCoupleSyncReport *report,
            guint                     *requests)
{
  g_autoptr(GError) error = NULL;
  guint before = closeness_caldav_client_get_n_requests (laptop->client);
  gint64 start = g_get_monotonic_time ();

  if (!closeness_couple_sync_run (laptop->store, laptop->client, collection, &laptop->keys, report,
                                  NULL, &error))
    g_error ("The sync failed: %s", error->message);
  *requests = closeness_caldav_client_get_n_requests (laptop->client) - before;

  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("closeness-bench-couple-XXXXXX", NULL);
  g_autofree char *path_a = g_build_filename (dir, "a.db", NULL);
  g_autofree char *path_b = g_build_filename (dir, "b.db", NULL);
  g_autoptr(ClosenessVaultDevice) id_a = closeness_vault_device_generate ();
  g_autoptr(ClosenessVaultDevice) id_b = closeness_vault_device_generate ();
  g_autoptr(ClosenessVaultKey) couple = NULL;
  g_autoptr(ClosenessVaultKey) alex = NULL;
  g_autoptr(ClosenessVaultKey) sam = NULL;
  g_autoptr(ClosenessCaldavClient) setup = NULL;
  g_autofree char *collection = NULL;
  ClosenessVaultDevice *ids[] = { id_a, id_b };
  ClosenessVaultKey *personal[2];
  ClosenessTenYearsStats stats;
  ClosenessCoupleSyncReport report;
  SyncTestServer *server;
  Laptop a = { 0 }, b = { 0 };
  double seconds, figures[6];
  guint requests;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  load_or_make_keys (g_getenv ("CLOSENESS_BENCH_KEYS"), &couple, &alex, &sam);
  personal[0] = alex;
  personal[1] = sam;
  if (!closeness_generate_ten_years (path_a, 1, &stats, &error))
    g_error ("%s", error->message);
  g_print ("# ten years: %u entries, %u answers, %u questions of their own\n",
           stats.n_entries, stats.n_answers, stats.n_custom_prompts);

  server = sync_test_server_start ("radicale");
  setup = closeness_caldav_client_new (sync_test_server_get_url (server), "couple", "", &error);
  collection = closeness_caldav_client_make_calendar (setup, "Closeness Couple",
                                                      CLOSENESS_CALDAV_VJOURNAL, NULL, &error);
  g_assert_no_error (error);

  a.store = closeness_store_new (path_a, &error);
  g_assert_no_error (error);
  g_assert_true (closeness_store_couple_set_enabled (a.store, TRUE, &error));
  a.client = closeness_caldav_client_new (sync_test_server_get_url (server), "couple", "", &error);
  keyring_init (&a.keys, id_a, -1, ids, couple, personal);

  b.store = closeness_store_new (path_b, &error);
  g_assert_no_error (error);
  g_assert_true (closeness_ten_years_install_library (b.store, &error));
  g_assert_true (closeness_store_couple_set_enabled (b.store, TRUE, &error));
  b.client = closeness_caldav_client_new (sync_test_server_get_url (server), "couple", "", &error);
  keyring_init (&b.keys, id_b, 1, ids, couple, personal);

  g_print ("| | wall time | requests | items | bytes |\n| --- | ---: | ---: | ---: | ---: |\n");
  seconds = figures[0] = timed_sync (&a, collection, &report, &requests);
  g_print ("| initial sync, laptop A sends | %.1f s | %u | %u | %" G_GUINT64_FORMAT " |\n",
           seconds, requests, report.items_sent, report.bytes_sent);
  seconds = figures[1] = timed_sync (&b, collection, &report, &requests);
  g_print ("| initial sync, laptop B receives | %.1f s | %u | %u | %" G_GUINT64_FORMAT " |\n",
           seconds, requests, report.items_received, report.bytes_received);
  g_print ("# B applied %u records; %u answers it could not open yet\n", report.applied,
           report.sealed);

  /* One change at a time: today's entry of one activity after another
   * (so the changes travel in buckets of every size, not in one bucket
   * that happens to be small or large), sent by A and received by B,
   * CLOSENESS_BENCH_CHANGES times (11 unless set); the table gives the
   * medians, and the requests and bytes of the last. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
    GListModel *all = closeness_store_get_activities (a.store);
    g_autoptr(GPtrArray) activities = g_ptr_array_new_with_free_func (g_object_unref);
    const char *env = g_getenv ("CLOSENESS_BENCH_CHANGES");
    guint n_changes = env != NULL && g_ascii_strtoull (env, NULL, 10) > 0
                        ? g_ascii_strtoull (env, NULL, 10)
                        : 11;
    g_autoptr(GArray) sends = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) receives = g_array_new (FALSE, FALSE, sizeof (double));
    guint requests_a = 0, requests_b = 0;
    ClosenessCoupleSyncReport report_a = { 0 }, report_b = { 0 };

    /* Shared ones only: B applies each change. */
    for (guint i = 0; i < g_list_model_get_n_items (all); i++)
      {
        g_autoptr(ClosenessActivity) activity = g_list_model_get_item (all, i);

        if (!closeness_activity_get_is_private (activity)
            && !closeness_activity_get_archived (activity))
          g_ptr_array_add (activities, g_steal_pointer (&activity));
      }
    g_assert_cmpuint (activities->len, >, 0);
    g_print ("# one change: today's entry of each of %u activities in turn\n", activities->len);

    for (guint c = 0; c < n_changes; c++)
      {
        ClosenessActivity *activity = g_ptr_array_index (activities, c % activities->len);
        g_autofree char *note = g_strdup_printf ("a changed note, %u", c);
        ClosenessEntryInfo entry = { .activity_id = closeness_record_get_id (
                                       CLOSENESS_RECORD (activity)),
                                     .slot = 0,
                                     .day = today,
                                     .kind = CLOSENESS_ENTRY_DONE,
                                     .note = note };

        g_assert_cmpint (closeness_store_log_entry (a.store, &entry, &error), >, 0);
        seconds = timed_sync (&a, collection, &report_a, &requests_a);
        g_array_append_val (sends, seconds);
        seconds = timed_sync (&b, collection, &report_b, &requests_b);
        g_array_append_val (receives, seconds);
        g_assert_cmpuint (report_b.applied, ==, 1);
      }
    figures[4] = g_array_index (sends, double, 0);
    figures[5] = g_array_index (receives, double, 0);
    figures[2] = closeness_bench_median (sends);
    figures[3] = closeness_bench_median (receives);
    g_print ("| first change after the initial sync, laptop A sends | %.0f ms | | | |\n",
             figures[4] * 1000);
    g_print ("| first change after the initial sync, laptop B receives | %.0f ms | | | |\n",
             figures[5] * 1000);
    g_print ("| one change, laptop A sends (median of %u) | %.0f ms | %u | %u | %" G_GUINT64_FORMAT
             " |\n",
             n_changes, figures[2] * 1000, requests_a, report_a.items_sent, report_a.bytes_sent);
    g_print (
      "| one change, laptop B receives (median of %u) | %.0f ms | %u | %u | %" G_GUINT64_FORMAT
      " |\n",
      n_changes, figures[3] * 1000, requests_b, report_b.items_received, report_b.bytes_received);
  }

  /* For bench-couple-overhead.py. */
  g_print ("# figures: %.3f %.3f %.3f %.3f %.3f %.3f\n",
           figures[0], figures[1], figures[2], figures[3], figures[4], figures[5]);

  sync_test_server_stop (server);
  g_clear_object (&a.store);
  g_clear_object (&b.store);
  g_remove (path_a);
  g_remove (path_b);

  return 0;
}
