/* test-ics.c: .ics import and export against a throwaway store.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "closeness-test-utils.h"
#include "calendar/closeness-ics.h"
#include "calendar/closeness-recurrence.h"

#define CORPUS "../fuzz/corpus/ics"

typedef struct
{
  char           *dir;
  ClosenessStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = closeness_test_new_store_in_tmp ("closeness-ics-XXXXXX", &fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  closeness_test_remove_tmp_dir (fixture->dir);
}

static guint
n_events (ClosenessStore *store)
{
  return g_list_model_get_n_items (closeness_store_get_events (store));
}

static ClosenessEvent *
event_with_uid (ClosenessStore *store,
                const char     *uid,
                const char     *recurrence_id)
{
  GListModel *events = closeness_store_get_events (store);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(ClosenessEvent) event = g_list_model_get_item (events, i);

      if (g_strcmp0 (closeness_event_get_uid (event), uid) == 0
          && g_strcmp0 (closeness_event_get_recurrence_id (event),
                        recurrence_id ? recurrence_id : "")
               == 0)
        return g_steal_pointer (&event);
    }

  return NULL;
}

static ClosenessIcsImport *
import_file (ClosenessStore *store,
             const char     *name)
{
  g_autofree char *path = g_build_filename (CORPUS, name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  ClosenessIcsImport *import;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  import = closeness_ics_parse (contents, length, &error);
  g_assert_no_error (error);
  g_assert_true (closeness_ics_import_commit (import, store, &error));
  g_assert_no_error (error);

  return import;
}

static void
import_path (ClosenessStore *store,
             const char     *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(ClosenessIcsImport) import = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  import = closeness_ics_parse (contents, length, &error);
  g_assert_no_error (error);
  g_assert_true (closeness_ics_import_commit (import, store, &error));
  g_assert_no_error (error);
}

static void
add_event (ClosenessStore *store,
           const char     *summary,
           const char     *dtstart,
           const char     *tzid,
           const char     *rrule,
           const char     *exdates,
           int             reminder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessEvent) event = NULL;
  ClosenessEventInfo info = { 0, };

  info.summary = summary;
  info.dtstart = dtstart;
  info.tzid = tzid;
  info.duration_minutes = 45;
  info.rrule = rrule;
  info.exdates = exdates;
  info.planned_by = CLOSENESS_PLANNED_BY_PARTNER_2;
  info.notes = "Line one\nLine two, with a comma; and a semicolon";
  event = closeness_store_create_event (store, &info, &error);
  g_assert_no_error (error);
  if (reminder >= 0)
    g_assert_cmpint (closeness_store_add_event_reminder (store,
                                                         closeness_record_get_id (
                                                           CLOSENESS_RECORD (event)),
                                                         reminder, &error),
                     >, 0);
}

static char *
reminders_of (ClosenessStore *store,
              ClosenessEvent *event)
{
  GListModel *reminders = closeness_store_get_reminders (store);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (reminders); i++)
    {
      g_autoptr(ClosenessReminder) reminder = g_list_model_get_item (reminders, i);

      if (closeness_reminder_get_event_id (reminder)
          == closeness_record_get_id (CLOSENESS_RECORD (event)))
        g_string_append_printf (out, "%d;", closeness_reminder_get_offset_minutes (reminder));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "export.ics", NULL);
  g_autofree char *dir2 = g_dir_make_tmp ("closeness-ics2-XXXXXX", NULL);
  g_autofree char *db2 = g_build_filename (dir2, "closeness.db", NULL);
  g_autoptr(ClosenessStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GListModel *events;
  GStatBuf st;
  guint n = 0;

  add_event (fixture->store, "Time together", "2026-11-21T21:00:00", "Europe/Berlin",
             "FREQ=WEEKLY;BYDAY=MO,WE,SA", "2026-11-23T21:00:00,2026-11-25T21:00:00", 15);
  add_event (fixture->store, "Dinner, just us", "2026-12-24T19:30:00", "America/New_York", NULL,
             NULL, 0);
  add_event (fixture->store, "Our day", "2027-02-14", "", "FREQ=YEARLY", NULL, -1);
  add_event (fixture->store, "Floating", "2026-12-01T20:00:00", "", NULL, NULL, 60);
  add_event (fixture->store, "In UTC", "2026-12-02T20:00:00", "UTC", "FREQ=DAILY;COUNT=3", NULL, 5);

  g_assert_true (closeness_ics_export_to_file (fixture->store, 0, path, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 5);

  /* Private by design: the export is 0600. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin"));
  g_assert_nonnull (strstr (text, "TZID:America/New_York"));
  g_assert_nonnull (strstr (text, "DTSTART;TZID=Europe/Berlin:20261121T210000"));
  g_assert_nonnull (strstr (text, "EXDATE;TZID=Europe/Berlin:20261123T210000"));
  g_assert_nonnull (strstr (text, "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,SA"));
  g_assert_nonnull (strstr (text, "DURATION:PT45M"));
  g_assert_nonnull (strstr (text, "TRIGGER:-PT15M"));
  g_assert_nonnull (strstr (text, "DTSTART;VALUE=DATE:20270214"));
  g_assert_nonnull (strstr (text, "DTSTART:20261202T200000Z"));

  other = closeness_store_new (db2, &error);
  g_assert_no_error (error);
  import_path (other, path);

  events = closeness_store_get_events (fixture->store);
  g_assert_cmpuint (n_events (other), ==, g_list_model_get_n_items (events));
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(ClosenessEvent) a = g_list_model_get_item (events, i);
      g_autoptr(ClosenessEvent) b = event_with_uid (other, closeness_event_get_uid (a), NULL);
      g_autofree char *ra = NULL;
      g_autofree char *rb = NULL;

      g_assert_nonnull (b);
      g_assert_cmpstr (closeness_event_get_summary (a), ==, closeness_event_get_summary (b));
      g_assert_cmpstr (closeness_event_get_dtstart (a), ==, closeness_event_get_dtstart (b));
      g_assert_cmpstr (closeness_event_get_tzid (a), ==, closeness_event_get_tzid (b));
      g_assert_cmpint (closeness_event_get_duration_minutes (a), ==,
                       closeness_event_get_duration_minutes (b));
      g_assert_cmpstr (closeness_event_get_rrule (a), ==, closeness_event_get_rrule (b));
      g_assert_cmpstr (closeness_event_get_exdates (a), ==, closeness_event_get_exdates (b));
      g_assert_cmpstr (closeness_event_get_notes (a), ==, closeness_event_get_notes (b));
      g_assert_cmpint (closeness_event_get_planned_by (a), ==, closeness_event_get_planned_by (b));
      ra = reminders_of (fixture->store, a);
      rb = reminders_of (other, b);
      g_assert_cmpstr (ra, ==, rb);
      g_assert_nonnull (closeness_event_get_ical_raw (b));
    }

  /* Importing the same file again updates, it does not duplicate. */
  import_path (other, path);
  g_assert_cmpuint (n_events (other), ==, 5);

  g_clear_object (&other);
  g_remove (db2);
  g_autofree char *wal = g_strconcat (db2, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db2, "-shm", NULL);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (dir2);
}

static void
test_export_one_event (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessEvent) first = NULL;
  g_autofree char *text = NULL;
  guint n = 0;

  add_event (fixture->store, "One", "2026-11-21T21:00:00", "Europe/Berlin", NULL, NULL, -1);
  add_event (fixture->store, "Two", "2026-11-22T21:00:00", "Europe/Berlin", NULL, NULL, -1);
  first = g_list_model_get_item (closeness_store_get_events (fixture->store), 0);

  text = closeness_ics_export (fixture->store, closeness_record_get_id (CLOSENESS_RECORD (first)),
                               &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_nonnull (strstr (text, "SUMMARY:One"));
  g_assert_null (strstr (text, "SUMMARY:Two"));
}

static void
test_google_style (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ClosenessIcsImport) import = import_file (fixture->store, "google-recurring.ics");
  g_autoptr(ClosenessEvent) walk = event_with_uid (fixture->store, "4kq1abcd@google.com", NULL);
  g_autoptr(ClosenessEvent) later = event_with_uid (fixture->store, "4kq1abcd@google.com",
                                                    "2026-01-09T21:00:00");
  g_autoptr(ClosenessEvent) day = event_with_uid (fixture->store, "allday-1@google.com", NULL);
  g_autofree char *reminders = NULL;

  g_assert_cmpuint (closeness_ics_import_get_n_events (import), ==, 3);
  g_assert_nonnull (walk);
  g_assert_cmpstr (closeness_event_get_dtstart (walk), ==, "2026-01-05T21:00:00");
  g_assert_cmpstr (closeness_event_get_tzid (walk), ==, "Europe/Berlin");
  g_assert_cmpint (closeness_event_get_duration_minutes (walk), ==, 30);
  g_assert_cmpstr (closeness_event_get_rrule (walk), ==, "FREQ=WEEKLY;BYDAY=MO,WE,FR");
  g_assert_cmpstr (closeness_event_get_exdates (walk), ==, "2026-01-07T21:00:00");
  reminders = reminders_of (fixture->store, walk);
  g_assert_cmpstr (reminders, ==, "15;");
  g_assert_nonnull (later);
  g_assert_cmpstr (closeness_event_get_dtstart (later), ==, "2026-01-09T22:00:00");
  g_assert_nonnull (day);
  g_assert_cmpstr (closeness_event_get_dtstart (day), ==, "2026-02-14");
  g_assert_cmpint (closeness_event_get_duration_minutes (day), ==, 24 * 60);
}

static void
test_outlook_style (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ClosenessIcsImport) import = import_file (fixture->store, "outlook-windows-zone.ics");
  g_autoptr(ClosenessEvent) event =
    event_with_uid (fixture->store, "040000008200E00074C5B7101A82E00800000000", NULL);

  g_assert_nonnull (event);
  g_assert_cmpstr (closeness_event_get_tzid (event), ==, "Europe/Berlin");
  g_assert_cmpstr (closeness_event_get_summary (event), ==, "Zeit zu zweit");
  g_assert_cmpstr (closeness_event_get_rrule (event), ==, "FREQ=DAILY;COUNT=10");
}

static void
test_apple_style_dst (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ClosenessIcsImport) import = import_file (fixture->store, "apple-dst.ics");
  g_autoptr(ClosenessEvent) event = event_with_uid (fixture->store,
                                                    "6B29FC40-CA47-1067-B31D-00DD010662DA", NULL);
  g_autoptr(GArray) days = NULL;
  g_autofree char *reminders = NULL;

  g_assert_nonnull (event);
  g_assert_cmpstr (closeness_event_get_tzid (event), ==, "America/New_York");
  /* The first day is the spring-forward day: 02:00 does not exist. */
  days = closeness_recurrence_expand (event, 0, G_MAXINT32, 100, NULL);
  g_assert_cmpuint (days->len, ==, 8);   /* 8 … 15 March, UNTIL 06:59:59Z */
  g_assert_cmpint (g_array_index (days, ClosenessOccurrence, 0).start_utc, ==,
                   1772953200); /* 07:00Z */
  g_assert_cmpint (g_array_index (days, ClosenessOccurrence, 1).start_utc, ==,
                   1773036000); /* 06:00Z */
  /* Absolute 06:45Z trigger = 15 minutes before; RELATED=END -45 min = 15 before. */
  reminders = reminders_of (fixture->store, event);
  g_assert_cmpstr (reminders, ==, "15;");
}

/* A zone Closeness does not know is read with the file's VTIMEZONE (and
 * stored in UTC); a hostile VTIMEZONE is not used at all. */
static void
test_file_time_zones (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ClosenessIcsImport) custom = import_file (fixture->store, "custom-vtimezone.ics");
  g_autoptr(ClosenessEvent) summer = event_with_uid (fixture->store, "custom-zone-1", NULL);
  g_autoptr(ClosenessIcsImport) evil = NULL;
  g_autoptr(ClosenessEvent) e1 = NULL;
  gint64 started = g_get_monotonic_time ();

  g_assert_nonnull (summer);
  /* Kept in its own zone (the rule the VTIMEZONE describes), so a series
   * would keep its wall time across DST. */
  g_assert_cmpstr (closeness_event_get_tzid (summer), ==, "<+0100>-1<+0200>-2,M3.5.0/2,M10.5.0/3");
  g_assert_cmpstr (closeness_event_get_dtstart (summer), ==, "2026-07-01T21:00:00");
  g_assert_cmpint (closeness_event_get_duration_minutes (summer), ==, 60);

  evil = import_file (fixture->store, "hostile-vtimezone.ics");
  e1 = event_with_uid (fixture->store, "e1", NULL);
  g_assert_nonnull (e1);
  g_assert_cmpstr (closeness_event_get_tzid (e1), ==, "");
  g_assert_cmpint (g_get_monotonic_time () - started, <, G_USEC_PER_SEC);
}

static void
test_skips_with_reasons (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ClosenessIcsImport) tb = import_file (fixture->store, "thunderbird-todo-journal.ics");
  g_autoptr(ClosenessIcsImport) bad = import_file (fixture->store, "hostile-rrules.ics");
  g_autoptr(ClosenessEvent) monthly = event_with_uid (fixture->store, "thunderbird-1", NULL);
  g_autofree char *summary = closeness_ics_import_dup_summary (bad);
  g_autofree char *tb_summary = closeness_ics_import_dup_summary (tb);

  g_assert_nonnull (monthly);
  g_assert_cmpstr (closeness_event_get_tzid (monthly), ==, "Europe/Berlin");
  g_assert_cmpuint (closeness_ics_import_get_n_skipped (tb, CLOSENESS_ICS_SKIP_TODO), ==, 1);
  g_assert_cmpuint (closeness_ics_import_get_n_skipped (tb, CLOSENESS_ICS_SKIP_JOURNAL), ==, 1);
  g_assert_cmpstr (tb_summary, ==,
                   "Imported 1 event. Skipped: 1 to-do (VTODO); 1 journal entry (VJOURNAL).");

  g_assert_cmpuint (closeness_ics_import_get_n_events (bad), ==, 0);
  g_assert_cmpuint (closeness_ics_import_get_n_skipped (bad, CLOSENESS_ICS_SKIP_NO_START), ==, 1);
  g_assert_cmpuint (closeness_ics_import_get_n_skipped (bad, CLOSENESS_ICS_SKIP_BAD_RRULE), ==, 4);
  g_assert_cmpuint (closeness_ics_import_get_n_skipped (bad, CLOSENESS_ICS_SKIP_ENDS_BEFORE_START),
                    ==, 1);
  g_assert_cmpuint (closeness_ics_import_get_n_skipped (bad, CLOSENESS_ICS_SKIP_OUT_OF_RANGE), ==,
                    1);
  g_assert_cmpuint (closeness_ics_import_get_n_skipped (bad, CLOSENESS_ICS_SKIP_TOO_LONG), ==, 1);
  g_assert_cmpuint (closeness_ics_import_get_n_skipped (bad, CLOSENESS_ICS_SKIP_CANCELLED), ==, 1);
  g_test_message ("%s", summary);
  g_assert_nonnull (strstr (summary, "4 events with a repeat rule Closeness cannot use"));
}

static void
test_bad_files_change_nothing (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *names[] = { "not-calendar.ics", "truncated.ics", "hostile-deep.ics" };
  g_autofree char *huge_path = g_build_filename (fixture->dir, "huge.ics", NULL);
  g_autofree char *huge = NULL;
  gsize size = CLOSENESS_ICS_MAX_SIZE + 10;

  add_event (fixture->store, "Keep me", "2026-11-21T21:00:00", "Europe/Berlin", NULL, NULL, -1);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (CORPUS, names[i], NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_null (closeness_ics_parse (contents, length, &error));
      g_assert_true (error->domain == CLOSENESS_ICS_ERROR);
      g_assert_cmpint (closeness_ics_run_import (fixture->store, path), ==, 1);
    }

  g_assert_null (closeness_ics_parse ("", 0, NULL));

  huge = g_malloc (size);
  memset (huge, 'A', size);
  memcpy (huge, "BEGIN:VCALENDAR\n", 16);
  g_assert_true (g_file_set_contents (huge_path, huge, size, NULL));
  g_assert_cmpint (closeness_ics_run_import (fixture->store, huge_path), ==, 1);
  g_remove (huge_path);

  g_assert_cmpint (closeness_ics_run_import (fixture->store, "/nonexistent/file.ics"), ==, 1);
  g_assert_cmpint (closeness_ics_run_export (fixture->store, "/nonexistent/dir/out.ics"), ==, 1);

  g_assert_cmpuint (n_events (fixture->store), ==, 1);
}

static void
parse_file_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GError **error = user_data;
  ClosenessIcsImport *import = closeness_ics_parse_file_finish (result, error);

  g_assert_null (import);
  g_assert_nonnull (*error);
}

/* What cannot be imported is refused before it is read: a device that never
 * ends, a pipe nobody writes to, a folder. Each is said plainly, in the
 * program (--import-ics) and in the window's import, and nothing hangs.
 * Run in a subprocess so a hang fails the test instead of stopping it. */
static void
test_not_a_file (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *what = data;
  g_autofree char *path = NULL;

  if (g_str_equal (what, "device"))
    path = g_strdup ("/dev/zero");
  else if (g_str_equal (what, "folder"))
    path = g_strdup (fixture->dir);
  else
    {
      path = g_build_filename (fixture->dir, "pipe.ics", NULL);
      g_assert_cmpint (mkfifo (path, 0600), ==, 0);
    }

  if (g_test_subprocess ())
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (closeness_ics_run_import (fixture->store, path), ==, 1);
      g_assert_cmpuint (n_events (fixture->store), ==, 0);

      closeness_ics_parse_file_async (file, NULL, parse_file_done_cb, &error);
      while (error == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
      g_printerr ("window: %s\n", error->message);
      return;
    }

  g_test_trap_subprocess (NULL, 5 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  if (g_str_equal (what, "folder"))
    {
      g_test_trap_assert_stderr ("*Cannot import*This is a folder, not a file.*");
      g_test_trap_assert_stderr ("*window: This is a folder, not a file.*");
    }
  else
    {
      g_test_trap_assert_stderr ("*Cannot import*not an ordinary file*");
      g_test_trap_assert_stderr ("*window: *not an ordinary file*");
    }

  if (g_str_equal (what, "pipe"))
    g_remove (path);
}

static const char utf8_calendar[] =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:-//Tests//EN\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:encoding@closeness.test\r\n"
  "DTSTART:20261121T200000Z\r\n"
  "DURATION:PT1H\r\n"
  "SUMMARY:Café à deux & crème brûlée <3\r\n"
  "END:VEVENT\r\n"
  "END:VCALENDAR\r\n";

static ClosenessIcsImport *
import_bytes (Fixture    *fixture,
              const char *data,
              gsize       length)
{
  g_autoptr(GError) error = NULL;
  ClosenessIcsImport *import = closeness_ics_parse (data, length, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  g_assert_true (closeness_ics_import_commit (import, fixture->store, &error));
  g_assert_no_error (error);

  return import;
}

static void
assert_imported_summary (Fixture *fixture)
{
  g_autoptr(ClosenessEvent) event =
    event_with_uid (fixture->store, "encoding@closeness.test", NULL);

  g_assert_nonnull (event);
  g_assert_cmpstr (closeness_event_get_summary (event), ==, "Café à deux & crème brûlée <3");
}

/* A file saved as UTF-16 (with or without a byte order mark) is read, and
 * the summary says so; one in Windows-1252 (what older programs write) is
 * read as such, not with its accents replaced by question marks, and the
 * summary says what Closeness assumed. */
static void
test_encodings (Fixture       *fixture,
                gconstpointer  data)
{
  struct { const char *charset; const char *bom; gsize bom_length; const char *note; } cases[] = {
    { "UTF-16LE", "\xff\xfe", 2, "UTF-16" },
    { "UTF-16BE", "\xfe\xff", 2, "UTF-16" },
    { "UTF-16LE", "", 0, "UTF-16" },
    { "UTF-16BE", "", 0, "UTF-16" },
    { "WINDOWS-1252", "", 0, "Windows-1252" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ClosenessIcsImport) import = NULL;
      g_autofree char *converted = NULL;
      g_autofree char *summary = NULL;
      g_autoptr(GString) file = g_string_new_len (cases[i].bom, cases[i].bom_length);
      gsize length = 0;

      converted = g_convert (utf8_calendar, -1, cases[i].charset, "UTF-8", NULL, &length, &error);
      g_assert_no_error (error);
      g_string_append_len (file, converted, length);

      import = import_bytes (fixture, file->str, file->len);
      g_assert_cmpuint (closeness_ics_import_get_n_events (import), ==, 1);
      assert_imported_summary (fixture);
      summary = closeness_ics_import_dup_summary (import);
      g_test_message ("%s: %s", cases[i].charset, summary);
      g_assert_true (g_str_has_prefix (summary, "Imported 1 event"));
      g_assert_nonnull (strstr (summary, cases[i].note));
    }

  /* Plain UTF-8 needs no note. */
  {
    g_autoptr(ClosenessIcsImport) import = import_bytes (fixture, utf8_calendar,
                                                         strlen (utf8_calendar));
    g_autofree char *summary = closeness_ics_import_dup_summary (import);

    g_assert_cmpstr (summary, ==, "Imported 1 event (1 already in the calendar, updated).");
  }
}

/* Many hostile rules and a big file still finish quickly. */
static void
test_hostile_bounded (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("BEGIN:VCALENDAR\r\n");
  const char *rules[] = { "FREQ=SECONDLY", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31",
                          "FREQ=MONTHLY;BYMONTHDAY=1;BYDAY=2SU",
                          "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=DAILY;COUNT=2000000000" };
  g_autoptr(ClosenessIcsImport) import = NULL;
  gint64 started = g_get_monotonic_time ();

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (text, "BEGIN:VEVENT\r\nUID:h%u\r\nDTSTART:20260101T100000Z\r\n"
                                  "RRULE:%s\r\nEND:VEVENT\r\n", i, rules[i % G_N_ELEMENTS (rules)]);
  g_string_append (text, "END:VCALENDAR\r\n");

  import = closeness_ics_parse (text->str, text->len, NULL);
  g_assert_nonnull (import);
  g_assert_cmpuint (closeness_ics_import_get_n_events (import), ==, 400);
  g_assert_cmpuint (closeness_ics_import_check_events (import, 0, G_MAXINT32, 100), ==, 400 * 100);
  g_test_message ("2000 hostile events: %.0f ms", (g_get_monotonic_time () - started) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 10 * G_USEC_PER_SEC);
}

/* libical is quadratic in the length of a line: a property over 256 KB
 * (an inline attachment) is left out, the event is kept. NUL bytes would
 * make libical read half the file: refused. */
static void
test_long_lines_and_nul (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GString) text =
    g_string_new ("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:long\r\n"
                  "DTSTART:20260101T100000Z\r\nATTACH;ENCODING=BASE64;VALUE=BINARY:");
  g_autoptr(ClosenessIcsImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  const char nul[] =
    "BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART:20260101T100000Z\nEND:VEVENT\n\0"
    "BEGIN:VEVENT\nEND:VCALENDAR\n";
  gint64 started = g_get_monotonic_time ();

  for (guint i = 0; i < 8 * 1024 * 1024 / 74; i++)
    g_string_append (text,
                     "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx\r\n ");
  g_string_append (text, "QQ==\r\nSUMMARY:Picnic\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");

  import = closeness_ics_parse (text->str, text->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (closeness_ics_import_get_n_events (import), ==, 1);
  g_assert_cmpuint (closeness_ics_import_get_n_skipped (import, CLOSENESS_ICS_SKIP_LONG_PROPERTY),
                    ==, 1);
  summary = closeness_ics_import_dup_summary (import);
  g_assert_cmpstr (summary, ==,
                   "Imported 1 event. Skipped: 1 very long entry (such as an attachment).");
  g_assert_cmpint (g_get_monotonic_time () - started, <, 2 * G_USEC_PER_SEC);

  g_assert_null (closeness_ics_parse (nul, sizeof nul - 1, &error));
  g_assert_error (error, CLOSENESS_ICS_ERROR, CLOSENESS_ICS_ERROR_NOT_CALENDAR);
}

static void
test_corpus_parses (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (CORPUS, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (CORPUS, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(ClosenessIcsImport) import = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      import = closeness_ics_parse (contents, length, NULL);
      if (import != NULL)
        closeness_ics_import_check_events (import, 0, G_MAXINT32, 50);
    }
}

/* What an event loses on import is said, per event, in the summary. */
static const char lossy_calendar[] =
  "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Closeness tests//EN\r\n"
  "BEGIN:VEVENT\r\nUID:lossy-1\r\nDTSTART:20261120T180000Z\r\nDURATION:PT3H\r\n"
  "SUMMARY:Concert\r\n"
  "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:PT10M\r\nEND:VALARM\r\n"
  "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER;RELATED=END:-PT30M\r\nEND:VALARM\r\n"
  "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-P60D\r\nEND:VALARM\r\n"
  "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER;RELATED=END:-PT4H\r\nEND:VALARM\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\nUID:lossy-2\r\nDTSTART;TZID=Nowhere/Special:20260601T190000\r\n"
  "SUMMARY:Walk\r\nRRULE:FREQ=WEEKLY\r\nRRULE:FREQ=MONTHLY;BYDAY=1SA\r\nEND:VEVENT\r\n"
  "BEGIN:VEVENT\r\nUID:lossy-2\r\nRECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Nowhere/Special:20260615T190000\r\n"
  "DTSTART;TZID=Nowhere/Special:20260615T200000\r\nSUMMARY:Walk\r\nEND:VEVENT\r\n"
  "END:VCALENDAR\r\n";

static void
test_lossy_import_is_said (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessIcsImport) import = closeness_ics_parse (lossy_calendar,
                                                              strlen (lossy_calendar), &error);
  g_autofree char *summary = NULL;

  g_assert_no_error (error);
  summary = closeness_ics_import_dup_summary (import);
  g_assert_cmpstr (summary, ==,
                   "Imported 2 events. Not shown as in the file: "
                   "“Concert”: 3 reminders after the start or more than four weeks ahead do not ring here "
                   "(they stay in the event for other calendars); "
                   "“Walk”: a further repeat rule without end; "
                   "“Walk”: the time zone “Nowhere/Special” is unknown and is read as this computer’s; "
                   "“Walk”: the time zone “Nowhere/Special” is unknown and is read as this computer’s; "
                   "“Walk”: a change to all later evenings of a series without end "
                   "(only that evening was changed).");
}

/* A series written as RDATEs is one event in the summary, however many
 * evenings it has; importing it again updates that one. */
static void
test_summary_counts_file_events (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(ClosenessIcsImport) first =
    import_file (fixture->store, "../../../calendar/corpus/lotus-notes-rdate.ics");
  g_autoptr(ClosenessIcsImport) again = NULL;
  g_autofree char *said = closeness_ics_import_dup_summary (first);
  g_autofree char *said_again = NULL;
  guint rows = n_events (fixture->store);

  g_assert_cmpuint (rows, >, 1);
  g_assert_true (g_str_has_prefix (said, "Imported 1 event."));
  again = import_file (fixture->store, "../../../calendar/corpus/lotus-notes-rdate.ics");
  said_again = closeness_ics_import_dup_summary (again);
  g_assert_true (
    g_str_has_prefix (said_again, "Imported 1 event (1 already in the calendar, updated)."));
  g_assert_cmpuint (n_events (fixture->store), ==, rows);
}

static char *
export_all (ClosenessStore *store)
{
  g_autoptr(GError) error = NULL;
  char *text = closeness_ics_export (store, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);

  return text;
}

/* Another program's properties survive an edit byte for byte, in their
 * place; only the changed lines, SEQUENCE and DTSTAMP are new. */
static void
test_edit_patches_only_what_changed (Fixture       *fixture,
                                     gconstpointer  data)
{
  static const char * const kept[] = {
    "UID:davx5-xprops-6a5b4c3d\r\n",
    "DTSTART:20260815T160000Z\r\n",
    "DTEND:20260815T170000Z\r\n",
    "LOCATION:Harbour\r\n",
    "CATEGORIES:Us,Outside\r\n",
    "X-DAVX5-COLOR:#ff0000\r\n",
    "X-EVOLUTION-CALDAV-HREF;X-PARAM=kept:/dav/1.ics\r\n",
    "X-ALT-DESC;FMTTYPE=text/html:<p>Ice cream</p>\r\n",
  };
  g_autoptr(ClosenessEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ClosenessEventInfo info;
  gint64 id;

  import_path (fixture->store, "corpus/x-properties.ics");
  event = event_with_uid (fixture->store, "davx5-xprops-6a5b4c3d", NULL);
  g_assert_nonnull (event);
  id = closeness_record_get_id (CLOSENESS_RECORD (event));

  /* Untouched, the export is the file's component. */
  before = export_all (fixture->store);
  g_assert_nonnull (strstr (before, "SUMMARY:Ice cream\r\nLOCATION:Harbour\r\n"));
  g_assert_nonnull (strstr (before, "DTSTAMP:20260101T000000Z\r\n"));
  g_assert_null (strstr (before, "SEQUENCE:"));

  closeness_event_get_info (event, &info);
  info.summary = "Ice cream at the harbour";
  g_assert_true (closeness_store_update_event (fixture->store, id, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpint (closeness_store_add_event_reminder (fixture->store, id, 30, &error), >, 0);
  g_assert_no_error (error);

  after = export_all (fixture->store);
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    g_assert_nonnull (strstr (after, kept[i]));
  g_assert_nonnull (strstr (after, "SUMMARY:Ice cream at the harbour\r\nLOCATION:Harbour\r\n"));
  g_assert_nonnull (strstr (after, "SEQUENCE:1\r\n"));
  g_assert_null (strstr (after, "DTSTAMP:20260101T000000Z"));
  g_assert_nonnull (strstr (after, "TRIGGER:-PT30M\r\n"));
}

/* Alarms Closeness cannot ring (after the start, before the end, two
 * months ahead) are kept in the component; adding and removing a reminder
 * in Closeness leaves them as they were. */
static void
test_unshown_alarms_survive (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *file = NULL;
  g_autofree char *with = NULL;
  g_autofree char *without = NULL;
  g_autoptr(ClosenessEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) alarms = NULL;
  gint64 id, reminder;

  g_assert_true (g_file_get_contents ("corpus/alarms-unusual.ics", &file, NULL, NULL));
  import_path (fixture->store, "corpus/alarms-unusual.ics");
  event = event_with_uid (fixture->store, "alarms-2f3e4d5c@closeness.test", NULL);
  g_assert_nonnull (event);
  id = closeness_record_get_id (CLOSENESS_RECORD (event));

  reminder = closeness_store_add_event_reminder (fixture->store, id, 15, &error);
  g_assert_no_error (error);
  with = export_all (fixture->store);
  g_assert_nonnull (strstr (with, "TRIGGER:-PT15M\r\n"));

  g_assert_true (closeness_store_delete_reminder (fixture->store, reminder, &error));
  g_assert_no_error (error);
  without = export_all (fixture->store);
  g_assert_null (strstr (without, "PT15M"));

  /* Each of the file's three alarms, line for line (the file has LF ends). */
  alarms = g_strsplit (file, "BEGIN:VALARM\n", -1);
  g_assert_cmpuint (g_strv_length (alarms), ==, 4);
  for (guint i = 1; i < 4; i++)
    {
      g_autofree char *body = g_strndup (alarms[i], strstr (alarms[i], "END:VALARM") - alarms[i]);
      g_autofree char *crlf = NULL;
      g_auto(GStrv) lines = g_strsplit (body, "\n", -1);

      crlf = g_strjoinv ("\r\n", lines);
      g_assert_nonnull (strstr (with, crlf));
      g_assert_nonnull (strstr (without, crlf));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);


#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ics/round-trip", test_round_trip);
  ADD ("/ics/export-one", test_export_one_event);
  ADD ("/ics/export/edit-patches-only-what-changed", test_edit_patches_only_what_changed);
  ADD ("/ics/export/unshown-alarms-survive", test_unshown_alarms_survive);
  ADD ("/ics/import/summary-counts-file-events", test_summary_counts_file_events);
  ADD ("/ics/import/google", test_google_style);
  ADD ("/ics/import/outlook", test_outlook_style);
  ADD ("/ics/import/apple-dst", test_apple_style_dst);
  ADD ("/ics/import/skips", test_skips_with_reasons);
  ADD ("/ics/import/file-time-zones", test_file_time_zones);
  ADD ("/ics/import/bad-files", test_bad_files_change_nothing);
  ADD ("/ics/import/hostile-bounded", test_hostile_bounded);
  ADD ("/ics/import/long-lines-and-nul", test_long_lines_and_nul);
  ADD ("/ics/import/corpus", test_corpus_parses);
  g_test_add_func ("/ics/import/lossy-is-said", test_lossy_import_is_said);
  ADD ("/ics/import/encodings", test_encodings);
  g_test_add ("/ics/import/not-a-file/device", Fixture, "device", fixture_set_up, test_not_a_file,
              fixture_tear_down);
  g_test_add ("/ics/import/not-a-file/pipe", Fixture, "pipe", fixture_set_up, test_not_a_file,
              fixture_tear_down);
  g_test_add ("/ics/import/not-a-file/folder", Fixture, "folder", fixture_set_up, test_not_a_file,
              fixture_tear_down);
#undef ADD

  return g_test_run ();
}
