/* closeness-caldav-client.h
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CLOSENESS_CALDAV_ERROR (closeness_caldav_error_quark ())

typedef enum
{
  CLOSENESS_CALDAV_ERROR_ADDRESS,        /* not a usable server address (or plain HTTP off
                                            loopback) */
  CLOSENESS_CALDAV_ERROR_NETWORK,        /* the server cannot be reached */
  CLOSENESS_CALDAV_ERROR_TLS,            /* the certificate is not trusted */
  CLOSENESS_CALDAV_ERROR_AUTH,           /* the server refused the user name or password */
  CLOSENESS_CALDAV_ERROR_FORBIDDEN,      /* the account may not do this */
  CLOSENESS_CALDAV_ERROR_NOT_FOUND,      /* no such calendar or item */
  CLOSENESS_CALDAV_ERROR_PRECONDITION,   /* 412: someone else changed it first */
  CLOSENESS_CALDAV_ERROR_INVALID_TOKEN,  /* the sync token is no longer valid: list everything */
  CLOSENESS_CALDAV_ERROR_NOT_CALDAV,     /* the server does not offer CalDAV there */
  CLOSENESS_CALDAV_ERROR_SERVER,         /* the server failed (5xx) */
  CLOSENESS_CALDAV_ERROR_BAD_RESPONSE,   /* an answer that cannot be read */
} ClosenessCaldavError;

GQuark closeness_caldav_error_quark (void);

/* Component kinds a calendar collection accepts. */
typedef enum
{
  CLOSENESS_CALDAV_VEVENT   = 1 << 0,
  CLOSENESS_CALDAV_VJOURNAL = 1 << 1,
  CLOSENESS_CALDAV_VTODO    = 1 << 2,
} ClosenessCaldavComponents;

typedef struct
{
  char     *href;          /* absolute URL */
  char     *display_name;  /* may be NULL */
  char     *ctag;          /* may be NULL */
  char     *sync_token;    /* may be NULL: the server lacks RFC 6578 */
  guint     components;    /* ClosenessCaldavComponents; all when the server does not say */
  gboolean  writable;
} ClosenessCaldavCollection;

void closeness_caldav_collection_free (ClosenessCaldavCollection *collection);

typedef struct
{
  char     *href;          /* absolute URL */
  char     *etag;          /* NULL for a deletion */
  char     *data;          /* the iCalendar text, when fetched */
  gboolean  deleted;
} ClosenessCaldavItem;

void closeness_caldav_item_free (ClosenessCaldavItem *item);

#define CLOSENESS_TYPE_CALDAV_CLIENT (closeness_caldav_client_get_type ())

G_DECLARE_FINAL_TYPE (ClosenessCaldavClient, closeness_caldav_client, CLOSENESS, CALDAV_CLIENT,
                      GObject)

/* Requests are synchronous: call them from a worker thread (a GTask). */
ClosenessCaldavClient *closeness_caldav_client_new            (const char                 *address,
                                                              const char                 *user,
                                                              const char                 *password,
                                                              GError                    **error);
guint                  closeness_caldav_client_get_n_requests (ClosenessCaldavClient      *self);

GPtrArray             *closeness_caldav_client_discover       (ClosenessCaldavClient *self,
                                                               GCancellable          *cancellable,
                                                               GError               **error);
char *
closeness_caldav_client_make_calendar (ClosenessCaldavClient    *self,
                                       const char               *display_name,
                                       ClosenessCaldavComponents components,
                                       GCancellable             *cancellable,
                                       GError                  **error);
ClosenessCaldavCollection *
closeness_caldav_client_get_collection (ClosenessCaldavClient *self,
                                        const char            *href,
                                        GCancellable          *cancellable,
                                        GError               **error);

GPtrArray             *closeness_caldav_client_sync_collection (ClosenessCaldavClient *self,
                                                                const char            *href,
                                                                const char            *token,
                                                                char                 **new_token,
                                                                GCancellable          *cancellable,
                                                                GError               **error);
GPtrArray             *closeness_caldav_client_list           (ClosenessCaldavClient *self,
                                                               const char            *href,
                                                               GCancellable          *cancellable,
                                                               GError               **error);
GPtrArray             *closeness_caldav_client_multiget       (ClosenessCaldavClient *self,
                                                               const char            *href,
                                                               const char * const    *item_hrefs,
                                                               GCancellable          *cancellable,
                                                               GError               **error);

char                  *closeness_caldav_client_put            (ClosenessCaldavClient *self,
                                                               const char            *href,
                                                               const char            *data,
                                                               const char            *if_match,
                                                               GCancellable          *cancellable,
                                                               GError               **error);
gboolean               closeness_caldav_client_delete         (ClosenessCaldavClient *self,
                                                               const char            *href,
                                                               const char            *if_match,
                                                               GCancellable          *cancellable,
                                                               GError               **error);

gboolean               closeness_caldav_address_is_loopback   (const char                 *address);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClosenessCaldavItem, closeness_caldav_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClosenessCaldavCollection, closeness_caldav_collection_free)

G_END_DECLS
