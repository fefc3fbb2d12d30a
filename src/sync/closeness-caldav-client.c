/* closeness-caldav-client.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small CalDAV client (RFC 4791, with RFC 6578 sync and RFC 6764
 * discovery) on libsoup 3, GLib only. Every request is synchronous and
 * meant for a worker thread; the client counts its requests so the sync
 * benchmark can say how many one change costs. Writes are always
 * conditional (If-None-Match: * to create, If-Match to change or delete):
 * a 412 is reported, never overwritten.
 *
 * Nothing a server says is trusted blindly: answers are bounded in size,
 * hrefs are resolved against the request and must stay on the same server,
 * and no answer text reaches the logs.
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "closeness-caldav-client.h"
#include "closeness-webdav.h"

#define MAX_ANSWER      (64 * 1024 * 1024)
#define MAX_REDIRECTS   5
#define MULTIGET_BATCH  100
#define TIMEOUT_SECONDS 60

G_DEFINE_QUARK (closeness-caldav-error-quark, closeness_caldav_error)

struct _ClosenessCaldavClient
{
  GObject      parent_instance;

  SoupSession *session;
  GUri        *base;
  char        *user;
  char        *password;
  char        *authorization;   /* a Basic header, sent with every request */
  guint        n_requests;
};

G_DEFINE_FINAL_TYPE (ClosenessCaldavClient, closeness_caldav_client, G_TYPE_OBJECT)

void
closeness_caldav_collection_free (ClosenessCaldavCollection *collection)
{
  if (collection == NULL)
    return;
  g_free (collection->href);
  g_free (collection->display_name);
  g_free (collection->ctag);
  g_free (collection->sync_token);
  g_free (collection);
}

void
closeness_caldav_item_free (ClosenessCaldavItem *item)
{
  if (item == NULL)
    return;
  g_free (item->href);
  g_free (item->etag);
  g_free (item->data);
  g_free (item);
}

static void
closeness_caldav_client_finalize (GObject *object)
{
  ClosenessCaldavClient *self = CLOSENESS_CALDAV_CLIENT (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->base, g_uri_unref);
  g_free (self->user);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  if (self->authorization != NULL)
    memset (self->authorization, 0, strlen (self->authorization));
  g_free (self->authorization);

  G_OBJECT_CLASS (closeness_caldav_client_parent_class)->finalize (object);
}

static void
closeness_caldav_client_class_init (ClosenessCaldavClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = closeness_caldav_client_finalize;
}

static void
closeness_caldav_client_init (ClosenessCaldavClient *self)
{
}

/**
 * closeness_caldav_address_is_loopback:
 *
 * Returns: whether @address names this computer (127.0.0.0/8, ::1,
 *   localhost), where plain HTTP is allowed
 */
gboolean
closeness_caldav_address_is_loopback (const char *address)
{
  g_autoptr(GUri) uri = g_uri_parse (address, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GInetAddress) inet = NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;
  inet = g_inet_address_new_from_string (host);

  return inet != NULL && g_inet_address_get_is_loopback (inet);
}

static gboolean
set_error (GError               **error,
           ClosenessCaldavError   code,
           const char            *message)
{
  g_set_error_literal (error, CLOSENESS_CALDAV_ERROR, code, message);
  return FALSE;
}

/* "host", "host:port", "https://host/dav/" … as a person types it. */
static GUri *
parse_address (const char  *address,
               GError     **error)
{
  g_autofree char *text = g_strstrip (g_strdup (address != NULL ? address : ""));
  g_autofree char *full = NULL;
  GUri *uri;

  if (text[0] == '\0')
    {
      set_error (error, CLOSENESS_CALDAV_ERROR_ADDRESS, _("Please enter the server’s address."));
      return NULL;
    }
  if (strstr (text, "://") == NULL)
    full = g_strconcat ("https://", text, NULL);
  else
    full = g_strdup (text);

  uri = g_uri_parse (full, G_URI_FLAGS_ENCODED_PATH, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0' ||
      (g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "http") != 0))
    {
      g_clear_pointer (&uri, g_uri_unref);
      set_error (error, CLOSENESS_CALDAV_ERROR_ADDRESS,
                 _("This is not a server address. It looks like “https://example.org”."));
      return NULL;
    }
  if (g_uri_get_user (uri) != NULL || g_uri_get_password (uri) != NULL)
    {
      g_uri_unref (uri);
      set_error (error, CLOSENESS_CALDAV_ERROR_ADDRESS,
                 _("Please enter the user name and password in their own fields, not in the address."));
      return NULL;
    }
  if (g_strcmp0 (g_uri_get_scheme (uri), "http") == 0
      && !closeness_caldav_address_is_loopback (full))
    {
      g_uri_unref (uri);
      set_error (error, CLOSENESS_CALDAV_ERROR_ADDRESS,
                 _("The address must start with “https://”: without it, the password and the "
                   "calendar would cross the network unprotected."));
      return NULL;
    }

  return uri;
}

/**
 * closeness_caldav_client_new:
 * @address: the server, as a person gives it (a host or a URL)
 *
 * Returns: (transfer full): a client, or %NULL with @error set when the
 *   address cannot be used
 */
ClosenessCaldavClient *
closeness_caldav_client_new (const char  *address,
                             const char  *user,
                             const char  *password,
                             GError     **error)
{
  g_autoptr(ClosenessCaldavClient) self = NULL;
  GUri *base = parse_address (address, error);

  if (base == NULL)
    return NULL;

  self = g_object_new (CLOSENESS_TYPE_CALDAV_CLIENT, NULL);
  self->base = base;
  self->user = g_strdup (user != NULL ? user : "");
  self->password = g_strdup (password != NULL ? password : "");
  {
    g_autofree char *text = g_uri_to_string (base);

    /* A server on this computer is never reached through a proxy. */
    self->session = soup_session_new_with_options ("timeout", TIMEOUT_SECONDS,
                                                   "user-agent", "Closeness/" PACKAGE_VERSION " ",
                                                   "proxy-resolver",
                                                   closeness_caldav_address_is_loopback (text)
                                                   ? NULL : g_proxy_resolver_get_default (),
                                                   NULL);
  }
  if (self->user[0] != '\0')
    {
      g_autofree char *pair = g_strconcat (self->user, ":", self->password, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

      memset (pair, 0, strlen (pair));
      self->authorization = g_strconcat ("Basic ", encoded, NULL);
    }

  return g_steal_pointer (&self);
}

guint
closeness_caldav_client_get_n_requests (ClosenessCaldavClient *self)
{
  g_return_val_if_fail (CLOSENESS_IS_CALDAV_CLIENT (self), 0);

  return self->n_requests;
}

/* An href from the server, resolved against @from; NULL when it leaves
 * the server (another scheme, host or port). */
static char *
resolve_href (GUri       *from,
              const char *href)
{
  g_autoptr(GUri) uri = NULL;

  if (href == NULL)
    return NULL;
  uri = g_uri_parse_relative (from, href, G_URI_FLAGS_ENCODED_PATH, NULL);
  if (uri == NULL ||
      g_strcmp0 (g_uri_get_scheme (uri), g_uri_get_scheme (from)) != 0 ||
      g_ascii_strcasecmp (g_uri_get_host (uri), g_uri_get_host (from)) != 0 ||
      g_uri_get_port (uri) != g_uri_get_port (from))
    return NULL;

  return g_uri_to_string_partial (uri, G_URI_HIDE_USERINFO | G_URI_HIDE_FRAGMENT);
}

static char *
tls_problem (GTlsCertificateFlags flags)
{
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return g_strdup (_("it is not signed by an authority this computer trusts"));
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return g_strdup (_("it belongs to another server"));
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return g_strdup (_("it is not valid yet"));
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return g_strdup (_("it has expired"));
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return g_strdup (_("it has been revoked"));
  return g_strdup (_("it could not be checked"));
}

/* Reads at most MAX_ANSWER bytes of @stream. */
static GBytes *
read_bounded (GInputStream  *stream,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  guint8 buffer[16384];

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (bytes->len + (gsize) n > MAX_ANSWER)
        {
          set_error (error, CLOSENESS_CALDAV_ERROR_BAD_RESPONSE,
                     _("The server’s answer is too large."));
          return NULL;
        }
      g_byte_array_append (bytes, buffer, n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

typedef struct
{
  guint    status;
  GBytes  *body;
  char    *etag;
  char    *location;
  GUri    *uri;      /* the request's, after redirects */
} Answer;

static void
answer_clear (Answer *answer)
{
  g_clear_pointer (&answer->body, g_bytes_unref);
  g_clear_pointer (&answer->etag, g_free);
  g_clear_pointer (&answer->location, g_free);
  g_clear_pointer (&answer->uri, g_uri_unref);
}

/* Sends one request; follows redirects (keeping the method) for reads.
 * Returns FALSE with @error only when no HTTP answer came. */
static gboolean
send_request (ClosenessCaldavClient  *self,
              const char             *method,
              GUri                   *uri,
              const char             *depth,
              const char             *content_type,
              const char             *body,
              const char             *if_match,
              gboolean                if_none_match,
              GCancellable           *cancellable,
              Answer                 *answer,
              GError                **error)
{
  g_autoptr(GUri) current = g_uri_ref (uri);

  memset (answer, 0, sizeof *answer);

  for (guint redirects = 0; ; redirects++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new_from_uri (method, current);
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GError) local_error = NULL;
      SoupMessageHeaders *headers;
      const char *location;

      soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
      headers = soup_message_get_request_headers (msg);
      if (self->authorization != NULL)
        soup_message_headers_replace (headers, "Authorization", self->authorization);
      if (depth != NULL)
        soup_message_headers_replace (headers, "Depth", depth);
      if (if_match != NULL)
        soup_message_headers_replace (headers, "If-Match", if_match);
      if (if_none_match)
        soup_message_headers_replace (headers, "If-None-Match", "*");
      if (body != NULL)
        {
          g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

          soup_message_set_request_body_from_bytes (msg, content_type, bytes);
        }

      self->n_requests++;
      stream = soup_session_send (self->session, msg, cancellable, &local_error);
      if (stream == NULL)
        {
          GTlsCertificateFlags flags = soup_message_get_tls_peer_certificate_errors (msg);

          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_propagate_error (error, g_steal_pointer (&local_error));
          else if (flags != 0 || local_error->domain == G_TLS_ERROR)
            {
              g_autofree char *problem = tls_problem (flags);

              /* Translators: %s says what is wrong, e.g. "it has expired" */
              g_set_error (error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_TLS,
                           _("The server’s certificate is not trusted: %s."), problem);
            }
          else
            g_set_error (error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_NETWORK,
                         _("The server could not be reached: %s"), local_error->message);
          return FALSE;
        }

      answer->status = soup_message_get_status (msg);
      location = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");

      if (SOUP_STATUS_IS_REDIRECTION (answer->status) && location != NULL &&
          redirects < MAX_REDIRECTS &&
          (g_strcmp0 (method, "PROPFIND") == 0 || g_strcmp0 (method, "GET") == 0 ||
           g_strcmp0 (method, "REPORT") == 0))
        {
          g_autoptr(GUri) next =
            g_uri_parse_relative (current, location, G_URI_FLAGS_ENCODED_PATH, NULL);

          /* Never from HTTPS to HTTP, never off loopback in plain HTTP. */
          if (next == NULL ||
              (g_strcmp0 (g_uri_get_scheme (current), "https") == 0 &&
               g_strcmp0 (g_uri_get_scheme (next), "https") != 0))
            return set_error (error, CLOSENESS_CALDAV_ERROR_ADDRESS,
                              _("The server sent Closeness to an unprotected address."));
          if (g_strcmp0 (g_uri_get_scheme (next), "http") == 0)
            {
              g_autofree char *text = g_uri_to_string (next);

              if (!closeness_caldav_address_is_loopback (text))
                return set_error (error, CLOSENESS_CALDAV_ERROR_ADDRESS,
                                  _("The server sent Closeness to an unprotected address."));
            }
          g_input_stream_close (stream, NULL, NULL);
          g_clear_pointer (&current, g_uri_unref);
          current = g_steal_pointer (&next);
          continue;
        }

      answer->body = read_bounded (stream, cancellable, error);
      if (answer->body == NULL)
        return FALSE;
      answer->etag =
        g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "ETag"));
      answer->location = g_strdup (location);
      answer->uri = g_steal_pointer (&current);
      return TRUE;
    }
}

/* An HTTP status that is not success, in plain words. */
static gboolean
status_error (guint    status,
              GError **error)
{
  switch (status)
    {
    case 401:
      return set_error (error, CLOSENESS_CALDAV_ERROR_AUTH,
                        _("The server refused the user name or password."));
    case 403:
      return set_error (error, CLOSENESS_CALDAV_ERROR_FORBIDDEN,
                        _("The server does not allow this account to do that."));
    case 404:
    case 410:
      return set_error (error, CLOSENESS_CALDAV_ERROR_NOT_FOUND,
                        _("The calendar or evening is no longer on the server."));
    case 412:
      return set_error (error, CLOSENESS_CALDAV_ERROR_PRECONDITION,
                        _("Someone changed this on the server in the meantime."));
    default:
      if (status >= 500)
        {
          g_set_error (error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_SERVER,
                       _("The server had a problem (error %u). Closeness will try again later."),
                       status);
          return FALSE;
        }
      g_set_error (error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_BAD_RESPONSE,
                   _("The server gave an unexpected answer (%u)."), status);
      return FALSE;
    }
}

static DavMultistatus *
dav_request (ClosenessCaldavClient  *self,
             const char             *method,
             GUri                   *uri,
             const char             *depth,
             const char             *body,
             GUri                  **answered_uri,
             GCancellable           *cancellable,
             GError                **error)
{
  Answer answer;
  DavMultistatus *multistatus = NULL;
  gsize length;
  const char *data;

  if (!send_request (self, method, uri, depth, "application/xml; charset=utf-8", body, NULL, FALSE,
                     cancellable, &answer, error))
    return NULL;

  if (answer.status != 207)
    {
      status_error (answer.status, error);
      answer_clear (&answer);
      return NULL;
    }

  data = g_bytes_get_data (answer.body, &length);
  multistatus = closeness_dav_multistatus_parse (data, length, error);
  if (multistatus != NULL && answered_uri != NULL)
    *answered_uri = g_steal_pointer (&answer.uri);
  answer_clear (&answer);

  return multistatus;
}

#define XML_HEAD "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"

static const char propfind_principal[] =
  XML_HEAD
  "<d:propfind xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">"
  "<d:prop><d:current-user-principal/><c:calendar-home-set/><d:resourcetype/></d:prop>"
  "</d:propfind>";

static const char propfind_collections[] =
  XML_HEAD
  "<d:propfind xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\" "
  "xmlns:cs=\"http://calendarserver.org/ns/\">"
  "<d:prop><d:resourcetype/><d:displayname/><c:supported-calendar-component-set/>"
  "<d:current-user-privilege-set/><cs:getctag/><d:sync-token/></d:prop>"
  "</d:propfind>";

static ClosenessCaldavCollection *
collection_from (DavResponse *response,
                 GUri        *from)
{
  ClosenessCaldavCollection *collection;
  char *href = resolve_href (from, response->href);

  if (href == NULL || !response->is_calendar)
    {
      g_free (href);
      return NULL;
    }

  collection = g_new0 (ClosenessCaldavCollection, 1);
  collection->href = href;
  collection->display_name = g_strdup (response->display_name);
  collection->ctag = g_strdup (response->ctag);
  collection->sync_token = g_strdup (response->sync_token);
  /* RFC 4791: no component set means any component. */
  collection->components =
    response->components != 0
      ? response->components
      : CLOSENESS_CALDAV_VEVENT | CLOSENESS_CALDAV_VJOURNAL | CLOSENESS_CALDAV_VTODO;
  collection->writable = !response->privileges_known || response->writable;

  return collection;
}

/* The calendar home of the account: the well-known address, then the
 * address itself; the principal, then its calendar-home-set. */
static GUri *
find_home (ClosenessCaldavClient  *self,
           GCancellable           *cancellable,
           GError                **error)
{
  g_autoptr(GError) first_error = NULL;
  g_autoptr(DavMultistatus) found = NULL;
  g_autoptr(GUri) answered = NULL;
  g_autoptr(GUri) principal = NULL;
  g_autofree char *principal_href = NULL;
  g_autofree char *home_href = NULL;
  const char *path = g_uri_get_path (self->base);
  GError **errors[] = { &first_error, error };

  for (guint attempt = 0; attempt < 2 && found == NULL; attempt++)
    {
      g_autoptr(GUri) uri = NULL;

      /* A bare host: RFC 6764's well-known address first. */
      if (attempt == 0 && (path[0] == '\0' || g_strcmp0 (path, "/") == 0))
        uri =
          g_uri_parse_relative (self->base, "/.well-known/caldav", G_URI_FLAGS_ENCODED_PATH, NULL);
      else if (attempt == 0)
        continue;
      else
        uri = g_uri_ref (self->base);

      g_clear_pointer (&answered, g_uri_unref);
      found = dav_request (self, "PROPFIND", uri, "0", propfind_principal, &answered, cancellable,
                           errors[attempt]);
      if (found == NULL && first_error != NULL &&
          (g_error_matches (first_error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_AUTH) ||
           g_error_matches (first_error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_TLS) ||
           g_error_matches (first_error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_NETWORK) ||
           g_error_matches (first_error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
        {
          g_propagate_error (error, g_steal_pointer (&first_error));
          return NULL;
        }
    }
  if (found == NULL)
    return NULL;

  for (guint i = 0; i < found->responses->len; i++)
    {
      DavResponse *response = g_ptr_array_index (found->responses, i);

      if (home_href == NULL && response->calendar_home_set != NULL)
        home_href = resolve_href (answered, response->calendar_home_set);
      if (principal_href == NULL && response->current_user_principal != NULL)
        principal_href = resolve_href (answered, response->current_user_principal);
    }

  if (home_href == NULL && principal_href != NULL)
    {
      g_autoptr(DavMultistatus) at_principal = NULL;

      principal = g_uri_parse (principal_href, G_URI_FLAGS_ENCODED_PATH, NULL);
      at_principal = principal != NULL
                     ? dav_request (self, "PROPFIND", principal, "0", propfind_principal, NULL,
                                    cancellable, error)
                     : NULL;
      if (at_principal == NULL)
        return NULL;
      for (guint i = 0; i < at_principal->responses->len && home_href == NULL; i++)
        {
          DavResponse *response = g_ptr_array_index (at_principal->responses, i);

          if (response->calendar_home_set != NULL)
            home_href = resolve_href (principal, response->calendar_home_set);
        }
    }

  if (home_href == NULL)
    {
      set_error (error, CLOSENESS_CALDAV_ERROR_NOT_CALDAV,
                 _("No calendars were found at this address. Check the address, or ask your "
                   "provider for its CalDAV address."));
      return NULL;
    }

  return g_uri_parse (home_href, G_URI_FLAGS_ENCODED_PATH, NULL);
}

/**
 * closeness_caldav_client_discover:
 *
 * Finds the account's calendar home and lists its calendars.
 *
 * Returns: (transfer full) (element-type ClosenessCaldavCollection): the
 *   calendars, or %NULL with @error set
 */
GPtrArray *
closeness_caldav_client_discover (ClosenessCaldavClient  *self,
                                  GCancellable           *cancellable,
                                  GError                **error)
{
  g_autoptr(GUri) home = NULL;
  g_autoptr(GUri) answered = NULL;
  g_autoptr(DavMultistatus) listing = NULL;
  GPtrArray *collections;

  g_return_val_if_fail (CLOSENESS_IS_CALDAV_CLIENT (self), NULL);

  home = find_home (self, cancellable, error);
  if (home == NULL)
    return NULL;

  listing = dav_request (self, "PROPFIND", home, "1", propfind_collections, &answered, cancellable,
                         error);
  if (listing == NULL)
    return NULL;

  collections = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_caldav_collection_free);
  for (guint i = 0; i < listing->responses->len; i++)
    {
      ClosenessCaldavCollection *collection =
        collection_from (g_ptr_array_index (listing->responses, i), answered);

      if (collection != NULL)
        g_ptr_array_add (collections, collection);
    }

  /* Where a new calendar goes. */
  g_object_set_data_full (G_OBJECT (self), "home", g_uri_to_string (answered), g_free);

  return collections;
}

/**
 * closeness_caldav_client_get_collection:
 *
 * Returns: (transfer full): the calendar at @href with its current ctag and
 *   sync token, or %NULL with @error set
 */
ClosenessCaldavCollection *
closeness_caldav_client_get_collection (ClosenessCaldavClient  *self,
                                        const char             *href,
                                        GCancellable           *cancellable,
                                        GError                **error)
{
  g_autoptr(GUri) uri = g_uri_parse (href, G_URI_FLAGS_ENCODED_PATH, NULL);
  g_autoptr(GUri) answered = NULL;
  g_autoptr(DavMultistatus) found = NULL;

  g_return_val_if_fail (CLOSENESS_IS_CALDAV_CLIENT (self), NULL);

  if (uri == NULL)
    {
      set_error (error, CLOSENESS_CALDAV_ERROR_ADDRESS, _("The calendar’s address is not valid."));
      return NULL;
    }
  found =
    dav_request (self, "PROPFIND", uri, "0", propfind_collections, &answered, cancellable, error);
  if (found == NULL)
    return NULL;

  for (guint i = 0; i < found->responses->len; i++)
    {
      ClosenessCaldavCollection *collection =
        collection_from (g_ptr_array_index (found->responses, i), answered);

      if (collection != NULL)
        return collection;
    }

  set_error (error, CLOSENESS_CALDAV_ERROR_NOT_FOUND, _("There is no calendar at this address."));
  return NULL;
}

/**
 * closeness_caldav_client_make_calendar:
 *
 * Creates a calendar in the account's calendar home (discover first).
 *
 * Returns: (transfer full): its address, or %NULL with @error set
 */
char *
closeness_caldav_client_make_calendar (ClosenessCaldavClient      *self,
                                       const char                 *display_name,
                                       ClosenessCaldavComponents   components,
                                       GCancellable               *cancellable,
                                       GError                    **error)
{
  const char *home = g_object_get_data (G_OBJECT (self), "home");
  g_autoptr(GString) body = g_string_new (XML_HEAD);
  g_autofree char *name = closeness_dav_escape_text (display_name);
  g_autofree char *uuid = g_uuid_string_random ();
  g_autoptr(GUri) home_uri = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *segment = g_strconcat (uuid, "/", NULL);
  Answer answer;

  g_return_val_if_fail (CLOSENESS_IS_CALDAV_CLIENT (self), NULL);

  if (home == NULL)
    {
      g_autoptr(GPtrArray) found = closeness_caldav_client_discover (self, cancellable, error);

      if (found == NULL)
        return NULL;
      home = g_object_get_data (G_OBJECT (self), "home");
    }
  home_uri = g_uri_parse (home, G_URI_FLAGS_ENCODED_PATH, NULL);
  {
    /* The home always ends in a slash for a relative segment. */
    g_autofree char *home_dir = g_str_has_suffix (home, "/") ? g_strdup (home)
                                                             : g_strconcat (home, "/", NULL);
    g_autoptr(GUri) dir = g_uri_parse (home_dir, G_URI_FLAGS_ENCODED_PATH, NULL);

    uri = g_uri_parse_relative (dir, segment, G_URI_FLAGS_ENCODED_PATH, NULL);
  }

  g_string_append (body,
                   "<c:mkcalendar xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">"
                   "<d:set><d:prop>");
  g_string_append_printf (body, "<d:displayname>%s</d:displayname>", name);
  g_string_append (body, "<c:supported-calendar-component-set>");
  if (components & CLOSENESS_CALDAV_VEVENT)
    g_string_append (body, "<c:comp name=\"VEVENT\"/>");
  if (components & CLOSENESS_CALDAV_VJOURNAL)
    g_string_append (body, "<c:comp name=\"VJOURNAL\"/>");
  if (components & CLOSENESS_CALDAV_VTODO)
    g_string_append (body, "<c:comp name=\"VTODO\"/>");
  g_string_append (body, "</c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>");

  if (!send_request (self, "MKCALENDAR", uri, NULL, "application/xml; charset=utf-8", body->str,
                     NULL, FALSE, cancellable, &answer, error))
    return NULL;
  if (answer.status != 201 && answer.status != 200)
    {
      status_error (answer.status, error);
      answer_clear (&answer);
      return NULL;
    }
  answer_clear (&answer);

  return g_uri_to_string (uri);
}

static GPtrArray *
items_from (DavMultistatus *multistatus,
            GUri           *from,
            const char     *collection,
            gboolean        want_data)
{
  GPtrArray *items = g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_caldav_item_free);

  for (guint i = 0; i < multistatus->responses->len; i++)
    {
      DavResponse *response = g_ptr_array_index (multistatus->responses, i);
      g_autofree char *href = resolve_href (from, response->href);
      ClosenessCaldavItem *item;

      /* The collection itself, and anything off this server, is no item. */
      if (href == NULL || g_strcmp0 (href, collection) == 0 || response->is_collection)
        continue;

      item = g_new0 (ClosenessCaldavItem, 1);
      item->href = g_steal_pointer (&href);
      if (response->status == 404 || response->status == 410)
        item->deleted = TRUE;
      else if (response->etag == NULL || (want_data && response->calendar_data == NULL))
        {
          /* Neither a change we can read nor a deletion: left out. */
          closeness_caldav_item_free (item);
          continue;
        }
      else
        {
          item->etag = g_strdup (response->etag);
          item->data = g_strdup (response->calendar_data);
        }
      g_ptr_array_add (items, item);
    }

  return items;
}

/**
 * closeness_caldav_client_sync_collection:
 * @token: (nullable): the last sync token, %NULL or "" for everything
 * @new_token: (out): where the server is now
 *
 * RFC 6578: what changed since @token (etags only; fetch the data with
 * closeness_caldav_client_multiget()). A truncated answer (507) is asked
 * again from its token until complete.
 *
 * Returns: (transfer full) (element-type ClosenessCaldavItem): the changed
 *   and deleted items, or %NULL with @error set;
 *   %CLOSENESS_CALDAV_ERROR_INVALID_TOKEN means: list everything instead
 */
GPtrArray *
closeness_caldav_client_sync_collection (ClosenessCaldavClient  *self,
                                         const char             *href,
                                         const char             *token,
                                         char                  **new_token,
                                         GCancellable           *cancellable,
                                         GError                **error)
{
  g_autoptr(GUri) uri = g_uri_parse (href, G_URI_FLAGS_ENCODED_PATH, NULL);
  g_autoptr(GPtrArray) all =
    g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_caldav_item_free);
  g_autofree char *current = g_strdup (token != NULL ? token : "");

  g_return_val_if_fail (CLOSENESS_IS_CALDAV_CLIENT (self), NULL);
  g_return_val_if_fail (new_token != NULL, NULL);

  if (uri == NULL)
    {
      set_error (error, CLOSENESS_CALDAV_ERROR_ADDRESS, _("The calendar’s address is not valid."));
      return NULL;
    }

  for (guint round = 0; round < 100; round++)
    {
      g_autofree char *escaped = closeness_dav_escape_text (current);
      g_autofree char *body = g_strdup_printf (XML_HEAD
                                               "<d:sync-collection xmlns:d=\"DAV:\">"
                                               "<d:sync-token>%s</d:sync-token>"
                                               "<d:sync-level>1</d:sync-level>"
                                               "<d:prop><d:getetag/></d:prop>"
                                               "</d:sync-collection>", escaped);
      g_autoptr(DavMultistatus) changes = NULL;
      g_autoptr(GPtrArray) items = NULL;
      g_autoptr(GError) local_error = NULL;
      Answer answer;
      gboolean truncated = FALSE;
      const char *data;
      gsize length;

      if (!send_request (self, "REPORT", uri, "0", "application/xml; charset=utf-8", body, NULL,
                         FALSE, cancellable, &answer, error))
        return NULL;

      /* A token the server no longer knows: Radicale says 403, Xandikos
       * 500, others 409 or 400 (RFC 6578 DAV:valid-sync-token). */
      if (answer.status != 207 && current[0] != '\0' &&
          (answer.status == 403 || answer.status == 409 || answer.status == 400 ||
           answer.status == 500))
        {
          answer_clear (&answer);
          set_error (error, CLOSENESS_CALDAV_ERROR_INVALID_TOKEN,
                     "The sync token is no longer valid.");
          return NULL;
        }
      if (answer.status != 207)
        {
          /* No RFC 6578 at all: the caller lists the etags instead. */
          if (answer.status == 403 || answer.status == 405 || answer.status == 501 ||
              answer.status == 400)
            set_error (error, CLOSENESS_CALDAV_ERROR_INVALID_TOKEN,
                       "The server does not offer sync-collection.");
          else
            status_error (answer.status, error);
          answer_clear (&answer);
          return NULL;
        }

      data = g_bytes_get_data (answer.body, &length);
      changes = closeness_dav_multistatus_parse (data, length, &local_error);
      if (changes == NULL)
        {
          answer_clear (&answer);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      /* 507 on the collection's own response: more to come from the new token. */
      for (guint i = 0; i < changes->responses->len; i++)
        {
          DavResponse *response = g_ptr_array_index (changes->responses, i);
          g_autofree char *response_href = resolve_href (answer.uri, response->href);

          if (response->status == 507 && g_strcmp0 (response_href, href) == 0)
            truncated = TRUE;
        }

      items = items_from (changes, answer.uri, href, FALSE);
      g_ptr_array_extend_and_steal (all, g_steal_pointer (&items));
      answer_clear (&answer);

      if (changes->sync_token == NULL)
        {
          set_error (error, CLOSENESS_CALDAV_ERROR_BAD_RESPONSE,
                     _("The server did not say where the calendar is now."));
          return NULL;
        }
      g_free (current);
      current = g_strdup (changes->sync_token);
      if (!truncated)
        break;
    }

  *new_token = g_steal_pointer (&current);

  return g_steal_pointer (&all);
}

/**
 * closeness_caldav_client_list:
 *
 * Every item of the calendar with its etag (a Depth 1 PROPFIND), for
 * servers without sync-collection and after an invalid token.
 *
 * Returns: (transfer full) (element-type ClosenessCaldavItem): the items
 */
GPtrArray *
closeness_caldav_client_list (ClosenessCaldavClient  *self,
                              const char             *href,
                              GCancellable           *cancellable,
                              GError                **error)
{
  static const char body[] =
    XML_HEAD
    "<d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/><d:resourcetype/></d:prop></d:propfind>";
  g_autoptr(GUri) uri = g_uri_parse (href, G_URI_FLAGS_ENCODED_PATH, NULL);
  g_autoptr(GUri) answered = NULL;
  g_autoptr(DavMultistatus) listing = NULL;

  g_return_val_if_fail (CLOSENESS_IS_CALDAV_CLIENT (self), NULL);

  if (uri == NULL)
    {
      set_error (error, CLOSENESS_CALDAV_ERROR_ADDRESS, _("The calendar’s address is not valid."));
      return NULL;
    }
  listing = dav_request (self, "PROPFIND", uri, "1", body, &answered, cancellable, error);
  if (listing == NULL)
    return NULL;

  return items_from (listing, answered, href, FALSE);
}

/**
 * closeness_caldav_client_multiget:
 *
 * Fetches @item_hrefs with their etags, at most 100 per request.
 *
 * Returns: (transfer full) (element-type ClosenessCaldavItem): the items
 *   found (one gone meanwhile is left out)
 */
GPtrArray *
closeness_caldav_client_multiget (ClosenessCaldavClient  *self,
                                  const char             *href,
                                  const char * const     *item_hrefs,
                                  GCancellable           *cancellable,
                                  GError                **error)
{
  g_autoptr(GUri) uri = g_uri_parse (href, G_URI_FLAGS_ENCODED_PATH, NULL);
  g_autoptr(GPtrArray) all =
    g_ptr_array_new_with_free_func ((GDestroyNotify) closeness_caldav_item_free);
  guint n = item_hrefs != NULL ? g_strv_length ((char **) item_hrefs) : 0;

  g_return_val_if_fail (CLOSENESS_IS_CALDAV_CLIENT (self), NULL);

  if (uri == NULL)
    {
      set_error (error, CLOSENESS_CALDAV_ERROR_ADDRESS, _("The calendar’s address is not valid."));
      return NULL;
    }

  for (guint start = 0; start < n; start += MULTIGET_BATCH)
    {
      g_autoptr(GString) body = g_string_new (XML_HEAD);
      g_autoptr(DavMultistatus) found = NULL;
      g_autoptr(GUri) answered = NULL;
      g_autoptr(GPtrArray) items = NULL;

      g_string_append (body, "<c:calendar-multiget xmlns:d=\"DAV:\" "
                             "xmlns:c=\"urn:ietf:params:xml:ns:caldav\">"
                             "<d:prop><d:getetag/><c:calendar-data/></d:prop>");
      for (guint i = start; i < n && i < start + MULTIGET_BATCH; i++)
        {
          g_autoptr(GUri) item = g_uri_parse (item_hrefs[i], G_URI_FLAGS_ENCODED_PATH, NULL);
          g_autofree char *path = item != NULL ? closeness_dav_escape_text (g_uri_get_path (item))
                                               : NULL;

          if (path != NULL)
            g_string_append_printf (body, "<d:href>%s</d:href>", path);
        }
      g_string_append (body, "</c:calendar-multiget>");

      found = dav_request (self, "REPORT", uri, "1", body->str, &answered, cancellable, error);
      if (found == NULL)
        return NULL;
      items = items_from (found, answered, href, TRUE);
      for (guint i = items->len; i > 0; i--)
        if (((ClosenessCaldavItem *) g_ptr_array_index (items, i - 1))->deleted)
          g_ptr_array_remove_index (items, i - 1);
      g_ptr_array_extend_and_steal (all, g_steal_pointer (&items));
    }

  return g_steal_pointer (&all);
}

/**
 * closeness_caldav_client_put:
 * @if_match: (nullable): the etag the change is based on; %NULL creates
 *   (If-None-Match: *), never overwriting an item that exists
 *
 * Returns: (transfer full): the new etag, "" when the server did not say
 *   (fetch it), or %NULL with @error set (%CLOSENESS_CALDAV_ERROR_PRECONDITION
 *   on 412)
 */
char *
closeness_caldav_client_put (ClosenessCaldavClient  *self,
                             const char             *href,
                             const char             *data,
                             const char             *if_match,
                             GCancellable           *cancellable,
                             GError                **error)
{
  g_autoptr(GUri) uri = g_uri_parse (href, G_URI_FLAGS_ENCODED_PATH, NULL);
  Answer answer;
  char *etag;

  g_return_val_if_fail (CLOSENESS_IS_CALDAV_CLIENT (self), NULL);
  g_return_val_if_fail (data != NULL, NULL);

  if (uri == NULL)
    {
      set_error (error, CLOSENESS_CALDAV_ERROR_ADDRESS, _("The evening’s address is not valid."));
      return NULL;
    }
  if (!send_request (self, "PUT", uri, NULL, "text/calendar; charset=utf-8", data, if_match,
                     if_match == NULL, cancellable, &answer, error))
    return NULL;

  if (answer.status != 201 && answer.status != 204 && answer.status != 200)
    {
      status_error (answer.status, error);
      answer_clear (&answer);
      return NULL;
    }

  /* A weak etag ("W/…") says nothing about these bytes: fetch it instead. */
  etag = answer.etag != NULL && !g_str_has_prefix (answer.etag, "W/") ? g_strdup (answer.etag)
                                                                      : g_strdup ("");
  answer_clear (&answer);

  return etag;
}

/**
 * closeness_caldav_client_delete:
 * @if_match: the etag the deletion is based on
 *
 * Returns: %TRUE when the item is gone; %CLOSENESS_CALDAV_ERROR_NOT_FOUND
 *   when it already was, %CLOSENESS_CALDAV_ERROR_PRECONDITION on 412
 */
gboolean
closeness_caldav_client_delete (ClosenessCaldavClient  *self,
                                const char             *href,
                                const char             *if_match,
                                GCancellable           *cancellable,
                                GError                **error)
{
  g_autoptr(GUri) uri = g_uri_parse (href, G_URI_FLAGS_ENCODED_PATH, NULL);
  Answer answer;
  gboolean ok;

  g_return_val_if_fail (CLOSENESS_IS_CALDAV_CLIENT (self), FALSE);

  if (uri == NULL)
    return set_error (error, CLOSENESS_CALDAV_ERROR_ADDRESS,
                      _("The evening’s address is not valid."));
  if (!send_request (self, "DELETE", uri, NULL, NULL, NULL, if_match, FALSE, cancellable, &answer,
                     error))
    return FALSE;

  ok = answer.status == 200 || answer.status == 204;
  if (!ok)
    status_error (answer.status, error);
  answer_clear (&answer);

  return ok;
}
