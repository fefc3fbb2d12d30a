/* closeness-sync-command.c
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The command line of calendar sync, for scripts and tests. The password
 * is read from standard input, never from the command line (where every
 * user of the computer could see it); an empty line is an empty password.
 * It is kept in the Secret Service only.
 */

#define G_LOG_DOMAIN "closeness-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "closeness-calendar-sync.h"
#include "closeness-credentials.h"
#include "closeness-sync-command.h"

#define DEFAULT_CALENDAR "Closeness"

/**
 * closeness_sync_command_read_secret:
 * @prompt: shown (on standard error) when standard input is a terminal,
 *   which then does not echo
 *
 * Reads one line from standard input: a secret never goes on the command
 * line, where every user of the computer could see it.
 *
 * Returns: the line, without its end; wipe it when done
 */
char *
closeness_sync_command_read_secret (const char *prompt)
{
  g_autoptr(GString) line = g_string_new (NULL);
  struct termios saved, quiet;
  gboolean tty = isatty (STDIN_FILENO);
  int c;

  if (tty)
    {
      g_printerr ("%s ", prompt);
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
    }
  while ((c = getchar ()) != EOF && c != '\n' && line->len < 4096)
    g_string_append_c (line, (char) c);
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSANOW, &saved);
      g_printerr ("\n");
    }
  if (line->len > 0 && line->str[line->len - 1] == '\r')
    g_string_truncate (line, line->len - 1);

  return g_string_free (g_steal_pointer (&line), FALSE);
}

/**
 * closeness_sync_command_account:
 * @calendar_name: (nullable): the calendar to use; "Closeness" when %NULL,
 *   made on the server when the account has none of that name
 * @calendar_only: whether answers, notes and self-care stay off the server
 *
 * Returns: the exit status
 */
int
closeness_sync_command_account (ClosenessStore *store,
                                const char     *address,
                                const char     *user,
                                const char     *calendar_name,
                                gboolean        calendar_only)
{
  g_autofree char *password = closeness_sync_command_read_secret (_("Password:"));
  g_autoptr(ClosenessCaldavClient) client = NULL;
  g_autoptr(GPtrArray) calendars = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *href = NULL;
  const char *name = calendar_name != NULL && calendar_name[0] != '\0' ? calendar_name
                                                                       : DEFAULT_CALENDAR;

  if (user == NULL)
    user = "";

  client = closeness_caldav_client_new (address, user, password, &error);
  if (client != NULL)
    calendars = closeness_caldav_client_discover (client, NULL, &error);
  if (calendars == NULL)
    {
      g_printerr (_("Cannot use the account: %s\n"), error->message);
      return 1;
    }

  for (guint i = 0; i < calendars->len && href == NULL; i++)
    {
      ClosenessCaldavCollection *calendar = g_ptr_array_index (calendars, i);

      if (g_strcmp0 (calendar->display_name, name) == 0 &&
          (calendar->components & CLOSENESS_CALDAV_VEVENT) && calendar->writable)
        href = g_strdup (calendar->href);
    }
  if (href == NULL && calendar_name != NULL && calendar_name[0] != '\0' &&
      g_strcmp0 (calendar_name, DEFAULT_CALENDAR) != 0)
    {
      g_printerr (_("Cannot use the account: it has no calendar called “%s” that Closeness can write to.\n"),
                  calendar_name);
      return 1;
    }
  if (href == NULL)
    href =
      closeness_caldav_client_make_calendar (client, name, CLOSENESS_CALDAV_VEVENT, NULL, &error);
  if (href == NULL)
    {
      g_printerr (_("Cannot use the account: %s\n"), error->message);
      return 1;
    }

  /* An empty password (a server on this computer) needs no keyring. */
  if (password[0] != '\0' && !closeness_credentials_store (address, user, password, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (!closeness_store_start_sync (store, href, &error)
      || !closeness_store_set_sync_state (store, "calendar-name", name, &error)
      || !closeness_store_set_sync_state (store, "couple", calendar_only ? "off" : NULL, &error)
      || !closeness_store_set_sync_state (store, "server", address, &error)
      || !closeness_store_set_sync_state (store, "user", user, &error)
      || !closeness_store_set_sync_state (store, "password-kept", password[0] != '\0' ? "1" : NULL,
                                          &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  memset (password, 0, strlen (password));
  g_print (_("Syncing the calendar with “%s” on %s.\n"), name, address);

  return 0;
}

/**
 * closeness_sync_command_run:
 *
 * One sync; prints one line ("Synced: 3 sent, 2 received, 0 conflicts").
 *
 * Returns: the exit status
 */
int
closeness_sync_command_run (ClosenessStore *store)
{
  g_autofree char *address = closeness_store_dup_sync_state (store, "server");
  g_autofree char *user = closeness_store_dup_sync_state (store, "user");
  g_autofree char *password = NULL;
  g_autofree char *line = NULL;
  g_autoptr(ClosenessCaldavClient) client = NULL;
  g_autoptr(GError) error = NULL;
  ClosenessSyncReport report;

  if (address == NULL)
    {
      g_printerr ("%s\n",
                  _("Cannot sync: no account is set up (closeness --sync-account URL --user NAME)."));
      return 1;
    }

  {
    g_autofree char *kept = closeness_store_dup_sync_state (store, "password-kept");

    if (g_strcmp0 (kept, "1") == 0)
      password = closeness_credentials_lookup (address, user != NULL ? user : "", &error);
  }
  if (error != NULL)
    {
      g_printerr (_("Cannot sync: %s\n"), error->message);
      return 1;
    }

  client = closeness_caldav_client_new (address, user, password != NULL ? password : "", &error);
  if (client == NULL || !closeness_calendar_sync_run (store, client, &report, NULL, &error))
    {
      closeness_store_set_sync_state (store, "problem", error->message, NULL);
      g_printerr (_("Cannot sync: %s\n"), error->message);
      return 1;
    }
  closeness_store_set_sync_state (store, "problem", NULL, NULL);

  line = closeness_calendar_sync_describe (&report);
  g_print ("%s\n", line);

  return 0;
}
