/* test-caldav-client.c: the CalDAV client against a real server on loopback
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CLOSENESS_TEST_SERVER chooses Radicale or Xandikos; meson runs both.
 */

#include <string.h>

#include "sync/closeness-caldav-client.h"
#include "sync-test-server.h"

static SyncTestServer *server;

static char *
evening (const char *uid,
         const char *summary)
{
  return g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Closeness tests//EN\r\n"
                          "BEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20260101T000000Z\r\n"
                          "DTSTART;TZID=Europe/Berlin:20261212T190000\r\nDURATION:PT2H\r\n"
                          "SUMMARY:%s\r\nLOCATION:Harbour\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                          uid, summary);
}

static ClosenessCaldavClient *
new_client (void)
{
  g_autoptr(GError) error = NULL;
  ClosenessCaldavClient *client = closeness_caldav_client_new (sync_test_server_get_url (server),
                                                               "anna", "", &error);

  g_assert_no_error (error);
  g_assert_nonnull (client);

  return client;
}

/* The calendar called @name, made when the account has none. */
static char *
calendar_named (ClosenessCaldavClient *client,
                const char            *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) calendars = closeness_caldav_client_discover (client, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < calendars->len; i++)
    {
      ClosenessCaldavCollection *calendar = g_ptr_array_index (calendars, i);

      if (g_strcmp0 (calendar->display_name, name) == 0)
        return g_strdup (calendar->href);
    }

  return closeness_caldav_client_make_calendar (client, name, CLOSENESS_CALDAV_VEVENT, NULL,
                                                &error);
}

/* Discovery from the bare server address finds the calendar home; a new
 * calendar made there is listed with its name, its component set and as
 * writable. */
static void
test_discover_and_make (void)
{
  g_autoptr(ClosenessCaldavClient) client = new_client ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autofree char *href = NULL;
  ClosenessCaldavCollection *made = NULL;

  before = closeness_caldav_client_discover (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (before);

  href = closeness_caldav_client_make_calendar (client, "Closeness & us", CLOSENESS_CALDAV_VEVENT,
                                                NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (href, sync_test_server_get_url (server)));

  after = closeness_caldav_client_discover (client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  for (guint i = 0; i < after->len; i++)
    {
      ClosenessCaldavCollection *calendar = g_ptr_array_index (after, i);

      if (g_strcmp0 (calendar->href, href) == 0)
        made = calendar;
    }
  g_assert_nonnull (made);
  g_assert_cmpstr (made->display_name, ==, "Closeness & us");
  g_assert_true (made->components & CLOSENESS_CALDAV_VEVENT);
  g_assert_true (made->writable);
  g_assert_nonnull (made->sync_token);
}

/* Writes are conditional: creating twice, or changing with a stale etag,
 * is refused with 412 and leaves the server's copy as it was. */
static void
test_conditional_writes (void)
{
  g_autoptr(ClosenessCaldavClient) client = new_client ();
  g_autoptr(GError) error = NULL;
  g_autofree char *calendar = calendar_named (client, "Closeness");
  g_autofree char *href = g_strconcat (calendar, "walk-1.ics", NULL);
  g_autofree char *first = evening ("walk-1@closeness", "Walk");
  g_autofree char *second = evening ("walk-1@closeness", "Walk by the river");
  g_autofree char *third = evening ("walk-1@closeness", "Walk to the lighthouse");
  g_autofree char *etag = NULL;
  g_autofree char *etag2 = NULL;
  g_autoptr(GPtrArray) items = NULL;
  const char *hrefs[] = { href, NULL };

  etag = closeness_caldav_client_put (client, href, first, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (etag);

  g_assert_null (closeness_caldav_client_put (client, href, second, NULL, NULL, &error));
  g_assert_error (error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_PRECONDITION);
  g_clear_error (&error);

  /* The etag the server has now, from the listing when PUT did not say. */
  if (etag[0] == '\0')
    {
      g_autoptr(GPtrArray) listed = closeness_caldav_client_list (client, calendar, NULL, &error);

      g_assert_no_error (error);
      g_free (etag);
      etag = g_strdup (((ClosenessCaldavItem *) g_ptr_array_index (listed, 0))->etag);
    }

  etag2 = closeness_caldav_client_put (client, href, second, etag, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (closeness_caldav_client_put (client, href, third, etag, NULL, &error));
  g_assert_error (error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_PRECONDITION);
  g_clear_error (&error);

  items = closeness_caldav_client_multiget (client, calendar, hrefs, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_nonnull (strstr (((ClosenessCaldavItem *) g_ptr_array_index (items, 0))->data,
                            "SUMMARY:Walk by the river"));

  /* A stale delete is refused too; the right etag deletes. */
  g_assert_false (closeness_caldav_client_delete (client, href, etag, NULL, &error));
  g_assert_error (error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_PRECONDITION);
  g_clear_error (&error);
  g_assert_true (
    closeness_caldav_client_delete (client, href,
                                    ((ClosenessCaldavItem *) g_ptr_array_index (items, 0))->etag,
                                    NULL, &error));
  g_assert_no_error (error);
  g_assert_false (closeness_caldav_client_delete (client, href, NULL, NULL, &error));
  g_assert_error (error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_NOT_FOUND);
}

/* RFC 6578: everything first, then only what changed, deletions as such;
 * one change costs two requests (the report and the multiget). A token the
 * server does not know says: list everything. */
static void
test_sync_collection (void)
{
  g_autoptr(ClosenessCaldavClient) client = new_client ();
  g_autoptr(GError) error = NULL;
  g_autofree char *calendar =
    closeness_caldav_client_make_calendar (client, "Sync", CLOSENESS_CALDAV_VEVENT, NULL, &error);
  g_autofree char *token = NULL;
  g_autofree char *token2 = NULL;
  g_autofree char *token3 = NULL;
  g_autofree char *bogus = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GPtrArray) fetched = NULL;
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autofree char *etag_a = NULL;
  guint before;

  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *uid = g_strdup_printf ("evening-%u@closeness", i);
      g_autofree char *href = g_strdup_printf ("%sevening-%u.ics", calendar, i);
      g_autofree char *data = evening (uid, "Time together");
      g_autofree char *etag = closeness_caldav_client_put (client, href, data, NULL, NULL, &error);

      g_assert_no_error (error);
      if (i == 0)
        etag_a = g_steal_pointer (&etag);
    }

  all = closeness_caldav_client_sync_collection (client, calendar, NULL, &token, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_nonnull (token);

  listed = closeness_caldav_client_list (client, calendar, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 3);

  /* One change on the server, seen with two requests. */
  {
    g_autofree char *href = g_strdup_printf ("%sevening-1.ics", calendar);
    g_autofree char *data = evening ("evening-1@closeness", "Dancing");
    const char *etag = NULL;
    g_autofree char *put = NULL;

    for (guint i = 0; i < listed->len; i++)
      if (g_strcmp0 (((ClosenessCaldavItem *) g_ptr_array_index (listed, i))->href, href) == 0)
        etag = ((ClosenessCaldavItem *) g_ptr_array_index (listed, i))->etag;
    put = closeness_caldav_client_put (client, href, data, etag, NULL, &error);
    g_assert_no_error (error);

    before = closeness_caldav_client_get_n_requests (client);
    changed =
      closeness_caldav_client_sync_collection (client, calendar, token, &token2, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (changed->len, ==, 1);
    g_assert_cmpstr (((ClosenessCaldavItem *) g_ptr_array_index (changed, 0))->href, ==, href);
    {
      const char *hrefs[] = { href, NULL };

      fetched = closeness_caldav_client_multiget (client, calendar, hrefs, NULL, &error);
    }
    g_assert_no_error (error);
    g_assert_nonnull (
      strstr (((ClosenessCaldavItem *) g_ptr_array_index (fetched, 0))->data, "SUMMARY:Dancing"));
    g_assert_cmpuint (closeness_caldav_client_get_n_requests (client) - before, ==, 2);
  }

  /* A deletion comes as a deletion. */
  {
    g_autofree char *href = g_strdup_printf ("%sevening-0.ics", calendar);

    g_assert_true (closeness_caldav_client_delete (client, href, etag_a[0] != '\0' ? etag_a : NULL,
                                                   NULL, &error));
    g_assert_no_error (error);
    deleted =
      closeness_caldav_client_sync_collection (client, calendar, token2, &token3, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (deleted->len, ==, 1);
    g_assert_true (((ClosenessCaldavItem *) g_ptr_array_index (deleted, 0))->deleted);
    g_assert_cmpstr (((ClosenessCaldavItem *) g_ptr_array_index (deleted, 0))->href, ==, href);
  }

  /* Radicale answers 403, Xandikos 500: both mean "list everything". */
  g_assert_null (closeness_caldav_client_sync_collection (client, calendar,
                                                          "http://radicale.org/ns/sync/bogus",
                                                          &bogus, NULL, &error));
  g_assert_error (error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_INVALID_TOKEN);
}

/* Addresses as people type them; plain HTTP only on this computer. */
static void
test_addresses (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessCaldavClient) remote = NULL;
  g_autoptr(ClosenessCaldavClient) typed = NULL;
  g_autoptr(ClosenessCaldavClient) local = NULL;

  g_assert_null (closeness_caldav_client_new ("http://dav.example.org/", "anna", "secret", &error));
  g_assert_error (error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_ADDRESS);
  g_clear_error (&error);
  g_assert_null (closeness_caldav_client_new ("", "anna", "secret", &error));
  g_assert_error (error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_ADDRESS);
  g_clear_error (&error);
  g_assert_null (closeness_caldav_client_new ("ftp://dav.example.org/", "anna", "secret", &error));
  g_assert_error (error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_ADDRESS);
  g_clear_error (&error);
  g_assert_null (
    closeness_caldav_client_new ("https://anna:secret@dav.example.org/", "anna", "secret", &error));
  g_assert_error (error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_ADDRESS);
  g_clear_error (&error);

  typed = closeness_caldav_client_new ("dav.example.org", "anna", "secret", &error);
  g_assert_no_error (error);
  local = closeness_caldav_client_new ("http://[::1]:5232/", "anna", "", &error);
  g_assert_no_error (error);
  g_assert_true (closeness_caldav_address_is_loopback ("http://127.0.0.2:80/"));
  g_assert_false (closeness_caldav_address_is_loopback ("http://192.168.1.2/"));

  /* Nothing listens on port 9 here: a clear network error, no hang. */
  remote = closeness_caldav_client_new ("http://127.0.0.1:9/", "anna", "", &error);
  g_assert_no_error (error);
  g_assert_null (closeness_caldav_client_discover (remote, NULL, &error));
  g_assert_error (error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_NETWORK);
}

/* A server whose certificate no authority here vouches for is refused
 * before anything is sent, and the reason is said in plain words. */
static void
test_untrusted_certificate (void)
{
  SyncTestTlsServer *tls = sync_test_tls_server_start ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessCaldavClient) client = NULL;
  g_autoptr(GPtrArray) calendars = NULL;

  g_assert_true (g_str_has_prefix (sync_test_tls_server_get_url (tls), "https://127.0.0.1:"));
  client =
    closeness_caldav_client_new (sync_test_tls_server_get_url (tls), "anna", "secret", &error);
  g_assert_no_error (error);
  calendars = closeness_caldav_client_discover (client, NULL, &error);
  g_assert_null (calendars);
  g_assert_error (error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_TLS);
  g_assert_cmpstr (error->message, ==,
                   "The server’s certificate is not trusted: it is not signed by an authority "
                   "this computer trusts.");
  sync_test_tls_server_stop (tls);
}

int
main (int   argc,
      char *argv[])
{
  const char *kind = g_getenv ("CLOSENESS_TEST_SERVER");
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  server = sync_test_server_start (kind != NULL ? kind : "radicale");

  g_test_add_func ("/caldav/discover-and-make", test_discover_and_make);
  g_test_add_func ("/caldav/conditional-writes", test_conditional_writes);
  g_test_add_func ("/caldav/sync-collection", test_sync_collection);
  g_test_add_func ("/caldav/addresses", test_addresses);
  g_test_add_func ("/caldav/untrusted-certificate", test_untrusted_certificate);

  status = g_test_run ();
  sync_test_server_stop (server);

  return status;
}
