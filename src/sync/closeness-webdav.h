/* closeness-webdav.h: reading WebDAV multistatus answers (RFC 4918, 4791, 6578)
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One DAV:response of a multistatus, with the properties Closeness asks
 * for. Properties in a propstat whose status is not 2xx are left out. */
typedef struct
{
  char     *href;                    /* as the server wrote it (a path or a URL) */
  guint     status;                  /* the response's own status, 0 when it has none */
  char     *etag;
  char     *display_name;
  char     *ctag;
  char     *sync_token;
  char     *calendar_data;
  char     *current_user_principal;  /* an href */
  char     *calendar_home_set;       /* an href */
  gboolean  is_collection;
  gboolean  is_calendar;
  guint     components;              /* ClosenessCaldavComponents, 0 when not said */
  gboolean  privileges_known;
  gboolean  writable;
} DavResponse;

typedef struct
{
  GPtrArray *responses;              /* DavResponse */
  char      *sync_token;             /* the multistatus' own, for sync-collection */
} DavMultistatus;

void            closeness_dav_multistatus_free  (DavMultistatus *multistatus);
DavMultistatus *closeness_dav_multistatus_parse (const char     *data,
                                                 gsize           length,
                                                 GError        **error);
guint           closeness_dav_parse_status_line (const char     *line);
char           *closeness_dav_escape_text       (const char     *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DavMultistatus, closeness_dav_multistatus_free)

G_END_DECLS
