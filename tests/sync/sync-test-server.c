/* sync-test-server.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts Radicale or Xandikos on a free loopback port with its own folder,
 * waits until it answers, and stops it again. Loopback only.
 */

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "sync-test-server.h"

struct _SyncTestServer
{
  char        *kind;
  char        *dir;
  char        *url;
  GSubprocess *process;
};

static guint16
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_nonnull (socket);
  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  g_assert_nonnull (bound);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static gboolean
answers (guint16 port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);

  return connection != NULL;
}

SyncTestServer *
sync_test_server_start (const char *kind)
{
  SyncTestServer *server = g_new0 (SyncTestServer, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *listen = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  guint16 port = free_port ();

  server->kind = g_strdup (kind);
  server->dir = g_dir_make_tmp ("closeness-caldav-XXXXXX", &error);
  g_assert_no_error (error);
  port_text = g_strdup_printf ("%u", port);
  listen = g_strdup_printf ("127.0.0.1:%u", port);

  /* The servers' own configuration (git's, for Xandikos) comes from a
   * home of their own, not from the test's isolated folders. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (launcher, "HOME", server->dir, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "XDG_CONFIG_HOME");
  g_subprocess_launcher_unsetenv (launcher, "XDG_DATA_HOME");
  g_subprocess_launcher_unsetenv (launcher, "XDG_CACHE_HOME");
  if (g_strcmp0 (kind, "radicale") == 0)
    server->process =
      g_subprocess_launcher_spawn (launcher, &error, "radicale", "--config", "", "--server-hosts",
                                   listen, "--auth-type", "none", "--storage-filesystem-folder",
                                   server->dir, NULL);
  else if (g_strcmp0 (kind, "xandikos") == 0)
    server->process = g_subprocess_launcher_spawn (launcher, &error,
                                                   "xandikos", "-d", server->dir, "-l", "127.0.0.1",
                                                   "-p", port_text, "--defaults", NULL);
  else
    g_error ("Unknown test server %s", kind);
  if (server->process == NULL)
    g_error ("Could not start %s (run build-aux/dev test to install it): %s", kind, error->message);

  for (guint i = 0; i < 200 && !answers (port); i++)
    g_usleep (50 * 1000);
  if (!answers (port))
    g_error ("%s did not start on port %u", kind, port);

  server->url = g_strdup_printf ("http://127.0.0.1:%u/", port);

  return server;
}

const char *
sync_test_server_get_url (SyncTestServer *server)
{
  return server->url;
}

/* The folder where the server keeps everything it stores. */
const char *
sync_test_server_get_dir (SyncTestServer *server)
{
  return server->dir;
}

const char *
sync_test_server_get_kind (SyncTestServer *server)
{
  return server->kind;
}

void
sync_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        sync_test_remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

void
sync_test_server_stop (SyncTestServer *server)
{
  if (server == NULL)
    return;
  g_subprocess_force_exit (server->process);
  g_subprocess_wait (server->process, NULL, NULL);
  g_clear_object (&server->process);
  sync_test_remove_tree (server->dir);
  g_free (server->dir);
  g_free (server->url);
  g_free (server->kind);
  g_free (server);
}

/* A self-signed certificate for 127.0.0.1, valid until 2126, made for
 * these tests with `openssl req -x509 -newkey ec …`: no authority this
 * computer trusts signed it. Its key protects nothing. */
static const char untrusted_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIBkDCCATagAwIBAgIUaPmzO8YKy8teKnJZJyBCGGSWbrUwCgYIKoZIzj0EAwIw\n"
  "FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTIwNzA1MDQ0OVoYDzIxMjYxMTEz\n"
  "MDUwNDQ5WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO\n"
  "PQMBBwNCAAQsR7EvaBhx6TohjO/ikqL3PggDdkrZzXB+84oC0YI1VR80W//1UM4T\n"
  "5/rSRVsoN7FUcRMxUhKopxA2CJ58vhvSo2QwYjAdBgNVHQ4EFgQUKbt9++MjpVdQ\n"
  "kmXZgdvbitrmqnQwHwYDVR0jBBgwFoAUKbt9++MjpVdQkmXZgdvbitrmqnQwDwYD\n"
  "VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0gAMEUC\n"
  "IQCWrqochjo6IaGVWNq7K8Js/ylYfGeCq6Rbkz19/xTOAQIgT4HM0qwMqEe8oOYc\n"
  "bfrEHTQ0GzvvH63vjyv/d3PeATw=\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg8Zlo/qr3/vauQ/Y2\n"
  "BbxkIK54/RYN30iRKvstacqOHYahRANCAAQsR7EvaBhx6TohjO/ikqL3PggDdkrZ\n"
  "zXB+84oC0YI1VR80W//1UM4T5/rSRVsoN7FUcRMxUhKopxA2CJ58vhvS\n"
  "-----END PRIVATE KEY-----\n"
;

struct _SyncTestTlsServer
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  char         *url;
  GMutex        mutex;
  GCond         cond;
};

static void
tls_answer_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static gpointer
tls_thread (gpointer data)
{
  SyncTestTlsServer *tls = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate =
    g_tls_certificate_new_from_pem (untrusted_pem, -1, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  GSList *uris;

  g_assert_no_error (error);
  g_main_context_push_thread_default (tls->context);
  tls->server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (tls->server, NULL, tls_answer_cb, NULL, NULL);
  soup_server_listen (tls->server, address, SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (tls->server);
  g_mutex_lock (&tls->mutex);
  tls->url = g_uri_to_string (uris->data);
  g_cond_signal (&tls->cond);
  g_mutex_unlock (&tls->mutex);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (tls->loop);

  soup_server_disconnect (tls->server);
  g_clear_object (&tls->server);
  g_main_context_pop_thread_default (tls->context);

  return NULL;
}

/* An HTTPS server on 127.0.0.1 whose certificate nobody trusts, in a thread
 * of its own so that a client may wait for it on the main thread. */
SyncTestTlsServer *
sync_test_tls_server_start (void)
{
  SyncTestTlsServer *tls = g_new0 (SyncTestTlsServer, 1);

  g_mutex_init (&tls->mutex);
  g_cond_init (&tls->cond);
  tls->context = g_main_context_new ();
  tls->loop = g_main_loop_new (tls->context, FALSE);
  g_mutex_lock (&tls->mutex);
  tls->thread = g_thread_new ("untrusted-tls", tls_thread, tls);
  while (tls->url == NULL)
    g_cond_wait (&tls->cond, &tls->mutex);
  g_mutex_unlock (&tls->mutex);

  return tls;
}

const char *
sync_test_tls_server_get_url (SyncTestTlsServer *tls)
{
  return tls->url;
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
sync_test_tls_server_stop (SyncTestTlsServer *tls)
{
  g_main_context_invoke (tls->context, quit_cb, tls->loop);
  g_thread_join (tls->thread);
  g_main_loop_unref (tls->loop);
  g_main_context_unref (tls->context);
  g_mutex_clear (&tls->mutex);
  g_cond_clear (&tls->cond);
  g_free (tls->url);
  g_free (tls);
}
