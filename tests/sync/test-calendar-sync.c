/* test-calendar-sync.c: two laptops, one couple, one CalDAV server
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two stores ("laptop A" and "laptop B") sync through a real Radicale or
 * Xandikos on 127.0.0.1 (CLOSENESS_TEST_SERVER), and a third client writes
 * to the same calendar as a phone's calendar app would.
 */

#include <glib/gstdio.h>
#include <string.h>

#include "calendar/closeness-ics.h"
#include "store/closeness-store-private.h"
#include "sync/closeness-calendar-sync.h"
#include "sync-test-server.h"

static SyncTestServer *server;
static guint n_accounts;

typedef struct
{
  char                  *dir;
  ClosenessStore        *store;
  ClosenessCaldavClient *client;
} Laptop;

typedef struct
{
  Laptop  a;
  Laptop  b;
  char   *calendar;
  char   *user;
} Fixture;

static void
laptop_open (Laptop     *laptop,
             const char *user,
             const char *calendar)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  laptop->dir = g_dir_make_tmp ("closeness-laptop-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (laptop->dir, "closeness.db", NULL);
  laptop->store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  laptop->client =
    closeness_caldav_client_new (sync_test_server_get_url (server), user, "", &error);
  g_assert_no_error (error);
  g_assert_true (closeness_store_start_sync (laptop->store, calendar, &error));
  g_assert_no_error (error);
}

static void
laptop_close (Laptop *laptop)
{
  g_clear_object (&laptop->client);
  g_clear_object (&laptop->store);
  sync_test_remove_tree (laptop->dir);
  g_free (laptop->dir);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ClosenessCaldavClient) setup = NULL;
  g_autoptr(GError) error = NULL;

  /* A fresh account and calendar per test. */
  fixture->user = g_strdup_printf ("couple%u", ++n_accounts);
  setup =
    closeness_caldav_client_new (sync_test_server_get_url (server), fixture->user, "", &error);
  g_assert_no_error (error);
  fixture->calendar = closeness_caldav_client_make_calendar (setup, "Closeness",
                                                             CLOSENESS_CALDAV_VEVENT, NULL, &error);
  g_assert_no_error (error);
  laptop_open (&fixture->a, fixture->user, fixture->calendar);
  laptop_open (&fixture->b, fixture->user, fixture->calendar);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  laptop_close (&fixture->a);
  laptop_close (&fixture->b);
  g_free (fixture->calendar);
  g_free (fixture->user);
}

static ClosenessSyncReport
run_sync (Laptop *laptop)
{
  g_autoptr(GError) error = NULL;
  ClosenessSyncReport report;

  g_assert_true (
    closeness_calendar_sync_run (laptop->store, laptop->client, &report, NULL, &error));
  g_assert_no_error (error);

  return report;
}

static ClosenessEvent *
find_event (Laptop     *laptop,
            const char *summary)
{
  GListModel *events = closeness_store_get_events (laptop->store);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(ClosenessEvent) event = g_list_model_get_item (events, i);

      if (g_strcmp0 (closeness_event_get_summary (event), summary) == 0)
        return g_steal_pointer (&event);
    }

  return NULL;
}

static guint
n_events (Laptop *laptop)
{
  return g_list_model_get_n_items (closeness_store_get_events (laptop->store));
}

static guint
n_outbox (Laptop *laptop)
{
  g_autoptr(GPtrArray) outbox = closeness_store_list_sync_outbox (laptop->store);

  return outbox->len;
}

static ClosenessEvent *
plan (Laptop     *laptop,
      const char *summary,
      const char *dtstart)
{
  g_autoptr(GError) error = NULL;
  ClosenessEventInfo info = {
    .summary = summary,
    .dtstart = dtstart,
    .tzid = "Europe/Berlin",
    .duration_minutes = 90,
    .planned_by = CLOSENESS_PLANNED_BY_BOTH,
    .notes = "",
  };
  ClosenessEvent *event = closeness_store_create_event (laptop->store, &info, &error);

  g_assert_no_error (error);

  return event;
}

static void
edit (Laptop         *laptop,
      ClosenessEvent *event,
      const char     *summary,
      const char     *notes)
{
  g_autoptr(GError) error = NULL;
  ClosenessEventInfo info;

  closeness_event_get_info (event, &info);
  if (summary != NULL)
    info.summary = summary;
  if (notes != NULL)
    info.notes = notes;
  g_assert_true (closeness_store_update_event (laptop->store,
                                               closeness_record_get_id (CLOSENESS_RECORD (event)),
                                               &info, &error));
  g_assert_no_error (error);
}

/* An evening planned on A reaches B; changed on B it comes back to A;
 * deleted on A it goes from B. Syncing again sends nothing. */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ClosenessEvent) planned =
    plan (&fixture->a, "Dinner at the harbour", "2026-12-18T19:30:00");
  g_autoptr(ClosenessEvent) on_b = NULL;
  g_autoptr(ClosenessEvent) back = NULL;
  g_autoptr(GError) error = NULL;
  ClosenessSyncReport report;

  g_assert_cmpuint (n_outbox (&fixture->a), ==, 1);
  report = run_sync (&fixture->a);
  g_assert_cmpuint (report.sent, ==, 1);
  g_assert_cmpuint (n_outbox (&fixture->a), ==, 0);

  report = run_sync (&fixture->b);
  g_assert_cmpuint (report.received, ==, 1);
  on_b = find_event (&fixture->b, "Dinner at the harbour");
  g_assert_nonnull (on_b);
  g_assert_cmpstr (closeness_event_get_dtstart (on_b), ==, "2026-12-18T19:30:00");
  g_assert_cmpstr (closeness_event_get_tzid (on_b), ==, "Europe/Berlin");
  g_assert_cmpint (closeness_event_get_duration_minutes (on_b), ==, 90);
  /* Received is not sent back. */
  g_assert_cmpuint (n_outbox (&fixture->b), ==, 0);

  edit (&fixture->b, on_b, "Dinner at the harbour, with oysters", NULL);
  report = run_sync (&fixture->b);
  g_assert_cmpuint (report.sent, ==, 1);
  report = run_sync (&fixture->a);
  g_assert_cmpuint (report.received, ==, 1);
  back = find_event (&fixture->a, "Dinner at the harbour, with oysters");
  g_assert_nonnull (back);
  g_assert_cmpint (closeness_record_get_id (CLOSENESS_RECORD (back)), ==,
                   closeness_record_get_id (CLOSENESS_RECORD (planned)));

  g_assert_true (closeness_store_delete_event (fixture->a.store,
                                               closeness_record_get_id (CLOSENESS_RECORD (back)),
                                               &error));
  report = run_sync (&fixture->a);
  g_assert_cmpuint (report.sent, ==, 1);
  report = run_sync (&fixture->b);
  g_assert_cmpuint (report.removed, ==, 1);
  g_assert_cmpuint (n_events (&fixture->b), ==, 0);

  report = run_sync (&fixture->a);
  g_assert_cmpuint (report.sent + report.received + report.removed, ==, 0);
}

/* Offline on both laptops: A changes the title, B the notes of the same
 * evening. Both changes survive, on both laptops, without a conflict. */
static void
test_offline_different_properties (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(ClosenessEvent) on_a = plan (&fixture->a, "Walk", "2026-12-20T15:00:00");
  g_autoptr(ClosenessEvent) on_b = NULL;
  g_autoptr(ClosenessEvent) a_after = NULL;
  g_autoptr(ClosenessEvent) b_after = NULL;
  ClosenessSyncReport report;

  run_sync (&fixture->a);
  run_sync (&fixture->b);
  on_b = find_event (&fixture->b, "Walk");
  g_assert_nonnull (on_b);

  edit (&fixture->a, on_a, "Walk by the river", NULL);
  edit (&fixture->b, on_b, NULL, "Bring the thermos");

  report = run_sync (&fixture->a);
  g_assert_cmpuint (report.sent, ==, 1);
  report = run_sync (&fixture->b);   /* 412, merged, sent */
  g_assert_cmpuint (report.conflicts, ==, 0);
  g_assert_cmpuint (report.sent, ==, 1);
  run_sync (&fixture->a);

  a_after = find_event (&fixture->a, "Walk by the river");
  b_after = find_event (&fixture->b, "Walk by the river");
  g_assert_nonnull (a_after);
  g_assert_nonnull (b_after);
  g_assert_cmpstr (closeness_event_get_notes (a_after), ==, "Bring the thermos");
  g_assert_cmpstr (closeness_event_get_notes (b_after), ==, "Bring the thermos");
  g_assert_cmpuint (n_events (&fixture->a), ==, 1);
  g_assert_cmpuint (n_events (&fixture->b), ==, 1);
}

/* Both change the title: one title wins on both laptops and the sync says
 * there was a conflict. */
static void
test_offline_same_property (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(ClosenessEvent) on_a = plan (&fixture->a, "Movie night", "2026-12-21T20:00:00");
  g_autoptr(ClosenessEvent) on_b = NULL;
  ClosenessSyncReport report;
  GListModel *a_events, *b_events;
  g_autoptr(ClosenessEvent) a_final = NULL;
  g_autoptr(ClosenessEvent) b_final = NULL;

  run_sync (&fixture->a);
  run_sync (&fixture->b);
  on_b = find_event (&fixture->b, "Movie night");

  edit (&fixture->a, on_a, "Movie night: a comedy", NULL);
  edit (&fixture->b, on_b, "Movie night: a thriller", NULL);
  run_sync (&fixture->a);
  report = run_sync (&fixture->b);
  g_assert_cmpuint (report.conflicts, ==, 1);
  run_sync (&fixture->a);

  a_events = closeness_store_get_events (fixture->a.store);
  b_events = closeness_store_get_events (fixture->b.store);
  g_assert_cmpuint (g_list_model_get_n_items (a_events), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (b_events), ==, 1);
  a_final = g_list_model_get_item (a_events, 0);
  b_final = g_list_model_get_item (b_events, 0);
  g_assert_cmpstr (closeness_event_get_summary (a_final), ==,
                   closeness_event_get_summary (b_final));
}

/* An evening the phone's calendar app made, with a place and two alarms,
 * arrives with both reminders; edited here, its place and alarms stay on
 * the server. */
static void
test_other_client (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char phone[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Phone//Calendar 1.0//EN\r\n"
    "BEGIN:VEVENT\r\nUID:phone-7d1c@example.org\r\nDTSTAMP:20261201T090000Z\r\n"
    "DTSTART;TZID=Europe/Berlin:20261222T183000\r\nDTEND;TZID=Europe/Berlin:20261222T203000\r\n"
    "SUMMARY:Concert\r\nLOCATION:Town hall\r\nX-PHONE-COLOR:teal\r\n"
    "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Concert\r\nTRIGGER:-PT30M\r\nEND:VALARM\r\n"
    "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Concert\r\nTRIGGER:-P1D\r\nEND:VALARM\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n";
  g_autoptr(ClosenessCaldavClient) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *href = g_strconcat (fixture->calendar, "phone-7d1c.ics", NULL);
  g_autofree char *etag = NULL;
  g_autoptr(ClosenessEvent) concert = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  GListModel *reminders;
  guint n = 0;
  const char *hrefs[2] = { href, NULL };

  other =
    closeness_caldav_client_new (sync_test_server_get_url (server), fixture->user, "", &error);
  etag = closeness_caldav_client_put (other, href, phone, NULL, NULL, &error);
  g_assert_no_error (error);

  run_sync (&fixture->a);
  concert = find_event (&fixture->a, "Concert");
  g_assert_nonnull (concert);
  reminders = closeness_store_get_reminders (fixture->a.store);
  for (guint i = 0; i < g_list_model_get_n_items (reminders); i++)
    {
      g_autoptr(ClosenessReminder) reminder = g_list_model_get_item (reminders, i);

      if (closeness_reminder_get_event_id (reminder)
          == closeness_record_get_id (CLOSENESS_RECORD (concert)))
        n++;
    }
  g_assert_cmpuint (n, ==, 2);

  edit (&fixture->a, concert, "Concert with Sam", NULL);
  run_sync (&fixture->a);

  stored = closeness_caldav_client_multiget (other, fixture->calendar, hrefs, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 1);
  {
    const char *text = ((ClosenessCaldavItem *) g_ptr_array_index (stored, 0))->data;

    g_assert_nonnull (strstr (text, "SUMMARY:Concert with Sam"));
    g_assert_nonnull (strstr (text, "LOCATION:Town hall"));
    g_assert_nonnull (strstr (text, "X-PHONE-COLOR:teal"));
    g_assert_nonnull (strstr (text, "TRIGGER:-PT30M"));
    g_assert_nonnull (strstr (text, "TRIGGER:-P1D"));
  }
}

/* A token the server does not know: the next sync lists everything and
 * ends up where the other laptop is. */
static void
test_bogus_token (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ClosenessEvent) planned = plan (&fixture->a, "Board games", "2026-12-23T19:00:00");
  g_autoptr(GError) error = NULL;
  ClosenessSyncReport report;

  run_sync (&fixture->a);
  run_sync (&fixture->b);
  g_assert_true (closeness_store_delete_event (fixture->a.store,
                                               closeness_record_get_id (CLOSENESS_RECORD (planned)),
                                               &error));
  plan (&fixture->a, "Cooking together", "2026-12-24T18:00:00");
  run_sync (&fixture->a);

  g_assert_true (closeness_store_set_sync_state (fixture->b.store, "token",
                                                 "http://radicale.org/ns/sync/0000bogus", &error));
  report = run_sync (&fixture->b);
  g_assert_cmpuint (report.received, ==, 1);
  g_assert_cmpuint (report.removed, ==, 1);
  g_assert_nonnull (find_event (&fixture->b, "Cooking together"));
  g_assert_null (find_event (&fixture->b, "Board games"));
}

/* B's disk is full while A's long evenings come in: the sync fails with a
 * clear reason and B's own evening stays waiting to be sent. With room
 * again, one sync brings both laptops and the server to the same six
 * evenings, none twice. */
static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *long_notes = g_strnfill (12000, 'n');
  g_autoptr(ClosenessEvent) own =
    plan (&fixture->b, "Picnic in the living room", "2026-12-27T13:00:00");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *token = NULL;
  ClosenessSyncReport report;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *summary = g_strdup_printf ("Long evening %u", i);
      g_autofree char *start = g_strdup_printf ("2027-01-%02uT19:00:00", 10 + i);
      g_autoptr(ClosenessEvent) event = plan (&fixture->a, summary, start);

      edit (&fixture->a, event, NULL, long_notes);
    }
  report = run_sync (&fixture->a);
  g_assert_cmpuint (report.sent, ==, 5);

  _closeness_store_set_max_page_count (fixture->b.store, 1);
  g_assert_false (
    closeness_calendar_sync_run (fixture->b.store, fixture->b.client, &report, NULL, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_DISK_FULL);
  g_assert_nonnull (strstr (error->message, "full"));
  g_clear_error (&error);
  token = closeness_store_dup_sync_state (fixture->b.store, "token");
  g_assert_null (token);
  g_assert_cmpuint (n_outbox (&fixture->b), ==, 1);

  _closeness_store_set_max_page_count (fixture->b.store, 1073741823);
  g_assert_true (closeness_store_retry_pending (fixture->b.store, &error));
  g_assert_no_error (error);
  run_sync (&fixture->b);
  run_sync (&fixture->a);
  g_assert_cmpuint (n_events (&fixture->a), ==, 6);
  g_assert_cmpuint (n_events (&fixture->b), ==, 6);
  g_assert_cmpuint (n_outbox (&fixture->b), ==, 0);
  g_assert_nonnull (find_event (&fixture->a, "Picnic in the living room"));
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *summary = g_strdup_printf ("Long evening %u", i);
      g_autoptr(ClosenessEvent) event = find_event (&fixture->b, summary);

      g_assert_nonnull (event);
      g_assert_cmpuint (strlen (closeness_event_get_notes (event)), ==, 12000);
    }
  items = closeness_caldav_client_list (fixture->a.client, fixture->calendar, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  const char *kind = g_getenv ("CLOSENESS_TEST_SERVER");
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  server = sync_test_server_start (kind != NULL ? kind : "radicale");

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/calendar-sync/round-trip", test_round_trip);
  ADD ("/calendar-sync/offline-different-properties", test_offline_different_properties);
  ADD ("/calendar-sync/offline-same-property", test_offline_same_property);
  ADD ("/calendar-sync/other-client", test_other_client);
  ADD ("/calendar-sync/bogus-token", test_bogus_token);
  ADD ("/calendar-sync/disk-full", test_disk_full);
#undef ADD

  status = g_test_run ();
  sync_test_server_stop (server);

  return status;
}
