/* closeness-webdav.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A server's answer is input like any other: it is read without network
 * access, without entity substitution or DTDs, bounded in size by the
 * caller, and anything unexpected is left out rather than trusted.
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "closeness-caldav-client.h"
#include "closeness-webdav.h"

#define NS_DAV    "DAV:"
#define NS_CALDAV "urn:ietf:params:xml:ns:caldav"
#define NS_CS     "http://calendarserver.org/ns/"

static void
dav_response_free (DavResponse *response)
{
  g_free (response->href);
  g_free (response->etag);
  g_free (response->display_name);
  g_free (response->ctag);
  g_free (response->sync_token);
  g_free (response->calendar_data);
  g_free (response->current_user_principal);
  g_free (response->calendar_home_set);
  g_free (response);
}

void
closeness_dav_multistatus_free (DavMultistatus *multistatus)
{
  if (multistatus == NULL)
    return;
  g_clear_pointer (&multistatus->responses, g_ptr_array_unref);
  g_free (multistatus->sync_token);
  g_free (multistatus);
}

static gboolean
is (xmlNode    *node,
    const char *ns,
    const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && node->ns != NULL &&
         g_strcmp0 ((const char *) node->ns->href, ns) == 0 &&
         g_strcmp0 ((const char *) node->name, name) == 0;
}

static xmlNode *
child (xmlNode    *node,
       const char *ns,
       const char *name)
{
  for (xmlNode *c = node != NULL ? node->children : NULL; c != NULL; c = c->next)
    if (is (c, ns, name))
      return c;

  return NULL;
}

/* The text of @node, trimmed; NULL when empty or not UTF-8. */
static char *
text_of (xmlNode *node)
{
  xmlChar *content;
  char *text;

  if (node == NULL)
    return NULL;

  content = xmlNodeGetContent (node);
  if (content == NULL)
    return NULL;
  text = g_strstrip (g_strdup ((const char *) content));
  xmlFree (content);

  if (text[0] == '\0' || !g_utf8_validate (text, -1, NULL))
    g_clear_pointer (&text, g_free);

  return text;
}

/* calendar-data keeps its line breaks: only the ends are trimmed of blanks. */
static char *
data_of (xmlNode *node)
{
  xmlChar *content = node != NULL ? xmlNodeGetContent (node) : NULL;
  const char *p;
  char *text;

  if (content == NULL)
    return NULL;
  text = g_strdup ((const char *) content);
  xmlFree (content);
  for (p = text; *p != '\0' && g_ascii_isspace (*p); p++)
    ;
  if (*p == '\0' || !g_utf8_validate (text, -1, NULL))
    g_clear_pointer (&text, g_free);

  return text;
}

guint
closeness_dav_parse_status_line (const char *line)
{
  guint code = 0;

  /* "HTTP/1.1 404 Not Found" */
  if (line != NULL && g_str_has_prefix (line, "HTTP/") && (line = strchr (line, ' ')) != NULL)
    code = (guint) g_ascii_strtoull (line + 1, NULL, 10);

  return code >= 100 && code <= 599 ? code : 0;
}

static void
read_prop (DavResponse *response,
           xmlNode     *prop)
{
  for (xmlNode *p = prop->children; p != NULL; p = p->next)
    {
      if (is (p, NS_DAV, "getetag"))
        {
          g_free (response->etag);
          response->etag = text_of (p);
        }
      else if (is (p, NS_DAV, "displayname"))
        {
          g_free (response->display_name);
          response->display_name = text_of (p);
        }
      else if (is (p, NS_CS, "getctag"))
        {
          g_free (response->ctag);
          response->ctag = text_of (p);
        }
      else if (is (p, NS_DAV, "sync-token"))
        {
          g_free (response->sync_token);
          response->sync_token = text_of (p);
        }
      else if (is (p, NS_CALDAV, "calendar-data"))
        {
          g_free (response->calendar_data);
          response->calendar_data = data_of (p);
        }
      else if (is (p, NS_DAV, "current-user-principal"))
        {
          g_free (response->current_user_principal);
          response->current_user_principal = text_of (child (p, NS_DAV, "href"));
        }
      else if (is (p, NS_CALDAV, "calendar-home-set"))
        {
          g_free (response->calendar_home_set);
          response->calendar_home_set = text_of (child (p, NS_DAV, "href"));
        }
      else if (is (p, NS_DAV, "resourcetype"))
        {
          response->is_collection = child (p, NS_DAV, "collection") != NULL;
          response->is_calendar = child (p, NS_CALDAV, "calendar") != NULL;
        }
      else if (is (p, NS_CALDAV, "supported-calendar-component-set"))
        {
          for (xmlNode *comp = p->children; comp != NULL; comp = comp->next)
            {
              xmlChar *name;

              if (!is (comp, NS_CALDAV, "comp"))
                continue;
              name = xmlGetProp (comp, (const xmlChar *) "name");
              if (name == NULL)
                continue;
              if (g_ascii_strcasecmp ((const char *) name, "VEVENT") == 0)
                response->components |= CLOSENESS_CALDAV_VEVENT;
              else if (g_ascii_strcasecmp ((const char *) name, "VJOURNAL") == 0)
                response->components |= CLOSENESS_CALDAV_VJOURNAL;
              else if (g_ascii_strcasecmp ((const char *) name, "VTODO") == 0)
                response->components |= CLOSENESS_CALDAV_VTODO;
              xmlFree (name);
            }
        }
      else if (is (p, NS_DAV, "current-user-privilege-set"))
        {
          response->privileges_known = TRUE;
          for (xmlNode *privilege = p->children; privilege != NULL; privilege = privilege->next)
            if (is (privilege, NS_DAV, "privilege") &&
                (child (privilege, NS_DAV, "write") != NULL ||
                 child (privilege, NS_DAV, "write-content") != NULL ||
                 child (privilege, NS_DAV, "all") != NULL))
              response->writable = TRUE;
        }
    }
}

/**
 * closeness_dav_multistatus_parse:
 *
 * Returns: (transfer full): the responses, or %NULL with @error set when
 *   @data is not a DAV:multistatus
 */
DavMultistatus *
closeness_dav_multistatus_parse (const char  *data,
                                 gsize        length,
                                 GError     **error)
{
  g_autoptr(DavMultistatus) multistatus = NULL;
  xmlDoc *doc;
  xmlNode *root;

  if (data == NULL || length == 0 || length > G_MAXINT)
    {
      g_set_error_literal (error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_BAD_RESPONSE,
                           "The server sent an empty answer.");
      return NULL;
    }

  /* No network, no entities, no DTD: the document is data only. */
  doc = xmlReadMemory (data, (int) length, NULL, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                       XML_PARSE_NOBLANKS);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL || !is (root, NS_DAV, "multistatus"))
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      g_set_error_literal (error, CLOSENESS_CALDAV_ERROR, CLOSENESS_CALDAV_ERROR_BAD_RESPONSE,
                           "The server's answer could not be read.");
      return NULL;
    }

  multistatus = g_new0 (DavMultistatus, 1);
  multistatus->responses = g_ptr_array_new_with_free_func ((GDestroyNotify) dav_response_free);
  multistatus->sync_token = text_of (child (root, NS_DAV, "sync-token"));

  for (xmlNode *r = root->children; r != NULL; r = r->next)
    {
      DavResponse *response;

      if (!is (r, NS_DAV, "response"))
        continue;

      response = g_new0 (DavResponse, 1);
      response->href = text_of (child (r, NS_DAV, "href"));
      if (response->href == NULL)
        {
          dav_response_free (response);
          continue;
        }
      {
        g_autofree char *status = text_of (child (r, NS_DAV, "status"));

        response->status = closeness_dav_parse_status_line (status);
      }

      for (xmlNode *propstat = r->children; propstat != NULL; propstat = propstat->next)
        {
          g_autofree char *status = NULL;
          guint code;

          if (!is (propstat, NS_DAV, "propstat"))
            continue;
          status = text_of (child (propstat, NS_DAV, "status"));
          code = closeness_dav_parse_status_line (status);
          if (code < 200 || code > 299 || child (propstat, NS_DAV, "prop") == NULL)
            continue;
          read_prop (response, child (propstat, NS_DAV, "prop"));
        }

      g_ptr_array_add (multistatus->responses, response);
    }

  xmlFreeDoc (doc);

  return g_steal_pointer (&multistatus);
}

/* @text for an XML element's content. */
char *
closeness_dav_escape_text (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}
