/* test-selfcare-csv.c: built-ins, bad input, privacy of exports, CSV
 * round trip and every bad file, against a real store.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "selfcare/closeness-habit-logic.h"
#include "selfcare/closeness-selfcare-builtins.h"
#include "selfcare/closeness-selfcare-csv.h"

static ClosenessStore *
new_store (void)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("case-%u", ++counter);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, "closeness.db", NULL);
  g_autoptr(GError) error = NULL;
  ClosenessStore *store = closeness_store_new (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);

  return store;
}

static gint64
add_activity (ClosenessStore    *store,
              const char        *name,
              ClosenessOwner     owner,
              gboolean           is_private)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessActivity) activity = NULL;
  ClosenessActivityInfo info = {
    .name = name, .icon = "starred-symbolic", .color = "#3584e4", .owner = owner,
    .is_private = is_private, .goal_kind = CLOSENESS_GOAL_DAILY, .goal_count = 1,
  };

  activity = closeness_store_create_activity (store, &info, &error);
  g_assert_no_error (error);

  return closeness_record_get_id (CLOSENESS_RECORD (activity));
}

static void
log_entry (ClosenessStore     *store,
           gint64              activity_id,
           guint               slot,
           const char         *day,
           ClosenessEntryKind  kind,
           const char         *note)
{
  g_autoptr(GError) error = NULL;
  ClosenessEntryInfo info = { activity_id, slot, day, kind, note };

  g_assert_cmpint (closeness_store_log_entry (store, &info, &error), >, 0);
  g_assert_no_error (error);
}

static guint
count_entries (ClosenessStore *store)
{
  GListModel *activities = closeness_store_get_activities (store);
  guint total = 0;

  for (guint i = 0; i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr(ClosenessActivity) activity = g_list_model_get_item (activities, i);
      g_autoptr(GListModel) entries = NULL;

      entries =
        closeness_store_get_entries (store, closeness_record_get_id (CLOSENESS_RECORD (activity)),
                                     "1900-01-01", "2200-12-31");
      total += g_list_model_get_n_items (entries);
    }

  return total;
}

static void
test_builtins (void)
{
  g_autoptr(ClosenessStore) store = new_store ();
  g_autoptr(GError) error = NULL;
  GListModel *activities = closeness_store_get_activities (store);
  g_autoptr(ClosenessActivity) first = NULL;

  g_assert_true (closeness_selfcare_ensure_builtins (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (activities), ==, 7);

  g_assert_true (closeness_selfcare_ensure_builtins (store, &error));
  g_assert_cmpuint (g_list_model_get_n_items (activities), ==, 7);

  for (guint i = 0; i < 7; i++)
    {
      g_autoptr(ClosenessActivity) activity = g_list_model_get_item (activities, i);

      g_assert_nonnull (closeness_activity_get_builtin_key (activity));
      g_assert_true (g_str_has_suffix (closeness_activity_get_icon (activity), "-symbolic"));
      g_assert_true (g_str_has_prefix (closeness_activity_get_color (activity), "#"));
      g_assert_cmpint (closeness_activity_get_owner (activity), ==, CLOSENESS_OWNER_BOTH);
    }

  /* A built-in the couple deleted stays deleted. */
  first = g_list_model_get_item (activities, 0);
  g_assert_true (
    closeness_store_delete_activity (store, closeness_record_get_id (CLOSENESS_RECORD (first)),
                                     &error));
  g_assert_true (closeness_selfcare_ensure_builtins (store, &error));
  g_assert_cmpuint (g_list_model_get_n_items (activities), ==, 6);
}

static void
test_bad_activity_input (void)
{
  g_autoptr(ClosenessStore) store = new_store ();
  GListModel *activities = closeness_store_get_activities (store);
  struct {
    const char *name;
    ClosenessGoalKind kind;
    int count;
    ClosenessOwner owner;
    gboolean is_private;
  } bad[] = {
    { "", CLOSENESS_GOAL_DAILY, 1, CLOSENESS_OWNER_BOTH, FALSE },
    { "   ", CLOSENESS_GOAL_DAILY, 1, CLOSENESS_OWNER_BOTH, FALSE },
    { "Exercise", CLOSENESS_GOAL_DAILY, 1, CLOSENESS_OWNER_BOTH, FALSE },  /* a built-in */
    { "  exercise ", CLOSENESS_GOAL_WEEKLY, 2, CLOSENESS_OWNER_PARTNER_1, FALSE },
    { "Swimming", CLOSENESS_GOAL_WEEKLY, 0, CLOSENESS_OWNER_BOTH, FALSE },
    { "Swimming", CLOSENESS_GOAL_WEEKLY, 1000, CLOSENESS_OWNER_BOTH, FALSE },
    { "Swimming", CLOSENESS_GOAL_WEEKLY, 8, CLOSENESS_OWNER_BOTH, FALSE },
    { "Swimming", CLOSENESS_GOAL_MONTHLY, 32, CLOSENESS_OWNER_BOTH, FALSE },
    { "Swimming", CLOSENESS_GOAL_DAILY, 2, CLOSENESS_OWNER_BOTH, FALSE },
    { "Swimming", CLOSENESS_GOAL_DAILY, 1, CLOSENESS_OWNER_BOTH, TRUE },
    { "A name that is far too long for anyone to read in a list of activities",
      CLOSENESS_GOAL_DAILY, 1, CLOSENESS_OWNER_BOTH, FALSE },
  };
  ClosenessActivityInfo good = {
    .name = "Swimming", .owner = CLOSENESS_OWNER_PARTNER_2, .is_private = TRUE,
    .goal_kind = CLOSENESS_GOAL_WEEKLY, .goal_count = 7,
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (closeness_selfcare_ensure_builtins (store, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      ClosenessActivityInfo info = {
        .name = bad[i].name, .owner = bad[i].owner, .is_private = bad[i].is_private,
        .goal_kind = bad[i].kind, .goal_count = bad[i].count,
      };

      g_assert_false (closeness_selfcare_check_activity (activities, 0, &info, &error));
      g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_INVALID_INPUT);
      g_assert_cmpuint (strlen (error->message), >, 10);
      g_test_message ("refused: %s", error->message);
      g_clear_error (&error);
    }

  g_assert_true (closeness_selfcare_check_activity (activities, 0, &good, &error));
  g_assert_no_error (error);

  /* Editing an activity may keep its own name. */
  {
    g_autoptr(ClosenessActivity) exercise = g_list_model_get_item (activities, 0);
    ClosenessActivityInfo same = good;

    same.name = "Exercise";
    g_assert_true (
      closeness_selfcare_check_activity (activities,
                                         closeness_record_get_id (CLOSENESS_RECORD (exercise)),
                                         &same, NULL));
  }

  /* Nothing was saved along the way. */
  g_assert_cmpuint (g_list_model_get_n_items (activities), ==, 7);
}

typedef struct
{
  ClosenessStore *store;
  gint64 mine_private;   /* partner 1's private activity */
  gint64 theirs_private; /* partner 2's private activity */
  gint64 shared;         /* both */
  gint64 mine_shared;    /* partner 1, shared */
} Couple;

static void
couple_init (Couple *couple)
{
  g_autoptr(GError) error = NULL;

  couple->store = new_store ();
  g_assert_true (closeness_store_update_partner (couple->store, 0, "Alex", "", &error));
  g_assert_true (closeness_store_update_partner (couple->store, 1, "Sam", "", &error));
  couple->mine_private = add_activity (couple->store, "Diary", CLOSENESS_OWNER_PARTNER_1, TRUE);
  couple->theirs_private =
    add_activity (couple->store, "Therapy notes", CLOSENESS_OWNER_PARTNER_2, TRUE);
  couple->shared = add_activity (couple->store, "Walk", CLOSENESS_OWNER_BOTH, FALSE);
  couple->mine_shared = add_activity (couple->store, "Run", CLOSENESS_OWNER_PARTNER_1, FALSE);

  log_entry (couple->store, couple->mine_private, 0, "2024-01-02", CLOSENESS_ENTRY_DONE,
             "secret one");
  log_entry (couple->store, couple->theirs_private, 1, "2024-01-03", CLOSENESS_ENTRY_DONE,
             "secret two");
  log_entry (couple->store, couple->shared, 0, "2024-01-04", CLOSENESS_ENTRY_DONE,
             "=cmd|' /C calc'!A0");
  log_entry (couple->store, couple->shared, 1, "2024-01-04", CLOSENESS_ENTRY_REST,
             "tired, \"very\"\nsleepy");
  log_entry (couple->store, couple->mine_shared, 0, "2024-01-05", CLOSENESS_ENTRY_DONE,
             "-5 km\t@home");
}

static void
test_export_privacy (void)
{
  Couple couple;
  struct {
    ClosenessSelfcareView view;
    guint me;
    gboolean diary, therapy;
    guint rows;
  } cases[] = {
    { CLOSENESS_SELFCARE_VIEW_ME, 0, TRUE, FALSE, 3 },
    { CLOSENESS_SELFCARE_VIEW_PARTNER, 0, FALSE, FALSE, 1 },
    { CLOSENESS_SELFCARE_VIEW_TOGETHER, 0, FALSE, FALSE, 3 },
    { CLOSENESS_SELFCARE_VIEW_ME, 1, FALSE, TRUE, 2 },
    { CLOSENESS_SELFCARE_VIEW_PARTNER, 1, FALSE, FALSE, 2 },
    { CLOSENESS_SELFCARE_VIEW_TOGETHER, 1, FALSE, FALSE, 3 },
    /* Everything: what both share and the private activities of the one
     * using the computer, never the other's. */
    { CLOSENESS_SELFCARE_VIEW_EVERYTHING, 0, TRUE, FALSE, 4 },
    { CLOSENESS_SELFCARE_VIEW_EVERYTHING, 1, FALSE, TRUE, 4 },
  };

  couple_init (&couple);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint rows = 0;
      g_autofree char *csv = closeness_selfcare_csv_export_string (couple.store, cases[i].view,
                                                                   cases[i].me, &rows);

      g_test_message ("view %u me %u:\n%s", cases[i].view, cases[i].me, csv);
      g_assert_cmpint (strstr (csv, "Diary") != NULL, ==, cases[i].diary);
      g_assert_cmpint (strstr (csv, "secret one") != NULL, ==, cases[i].diary);
      g_assert_cmpint (strstr (csv, "Therapy notes") != NULL, ==, cases[i].therapy);
      g_assert_cmpint (strstr (csv, "secret two") != NULL, ==, cases[i].therapy);
      g_assert_cmpuint (rows, ==, cases[i].rows);
    }

  g_object_unref (couple.store);
}

static void
test_export_format (void)
{
  Couple couple;
  g_autofree char *csv = NULL;

  couple_init (&couple);
  csv =
    closeness_selfcare_csv_export_string (couple.store, CLOSENESS_SELFCARE_VIEW_TOGETHER, 0, NULL);

  g_assert_true (
    g_str_has_prefix (csv, "\xef\xbb\xbf"
                           "date,partner,partner_name,activity,activity_key,kind,note,value\r\n"));
  /* Formula injection: the cell starts with an apostrophe. Ticked
   * activities have no amount. */
  g_assert_nonnull (strstr (csv, "2024-01-04,1,Alex,Walk,,done,'=cmd|' /C calc'!A0,\r\n"));
  g_assert_nonnull (
    strstr (csv, "2024-01-04,2,Sam,Walk,,rest,\"tired, \"\"very\"\"\nsleepy\",\r\n"));
  g_assert_nonnull (strstr (csv, "2024-01-05,1,Alex,Run,,done,'-5 km\t@home,\r\n"));

  {
    g_autoptr(GString) row = g_string_new (NULL);
    const char *dangerous[] = { "=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx" };

    for (guint i = 0; i < G_N_ELEMENTS (dangerous); i++)
      {
        g_string_truncate (row, 0);
        closeness_csv_append_cell (row, dangerous[i]);
        g_assert_true (row->str[0] == '\'' || (row->str[0] == '"' && row->str[1] == '\''));
      }
  }

  g_object_unref (couple.store);
}

static gboolean
starts_formula (const char *field)
{
  return field[0] == '=' || field[0] == '+' || field[0] == '-' || field[0] == '@' ||
         field[0] == '\t';
}

static gboolean
check_cell_cb (const char * const  *cells,
               guint                n_cells,
               guint                line,
               gpointer             user_data,
               GError             **error)
{
  for (guint i = 0; i < n_cells; i++)
    {
      if (starts_formula (cells[i]))
        g_error ("line %u, cell %u starts a formula: %s", line, i, cells[i]);
    }

  return TRUE;
}

/* What a spreadsheet set to split on ';' sees (German and Spanish ones
 * do): every ';' and every line break starts a field, quotes or not. */
static void
assert_no_formula_for_semicolons (const char *csv)
{
  g_auto(GStrv) lines = g_regex_split_simple ("\r\n|\r|\n", csv, 0, 0);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ";", -1);

      for (guint j = 0; fields[j] != NULL; j++)
        {
          const char *field = fields[j][0] == '"' ? fields[j] + 1 : fields[j];

          if (starts_formula (field))
            g_error ("a ';' spreadsheet runs a formula on line %u: %s", i + 1, lines[i]);
        }
    }
}

/* Formula characters after ';' or a line break inside a cell get the same
 * apostrophe as at its start, so no spreadsheet runs them whichever way it
 * splits; the importer takes exactly those apostrophes off again. */
static void
test_export_semicolon_guard (void)
{
  Couple couple;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(ClosenessCsvParser) parser = NULL;
  gint64 yoga;
  const char *notes[] = {
    "a;=HYPERLINK(\"http://evil.example\";\"click\")",
    "km; -5",
    "x;+1;@SUM(A1)",
    "first line\n=cmd|' /C calc'!A0",
    "tab;\tthen",
  };

  couple_init (&couple);
  g_assert_true (closeness_store_update_partner (couple.store, 1, "Sam;=1+1", "", &error));
  yoga = add_activity (couple.store, "Yoga;@home", CLOSENESS_OWNER_BOTH, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      g_autofree char *day = g_strdup_printf ("2024-02-%02u", i + 1);

      log_entry (couple.store, yoga, 1, day, CLOSENESS_ENTRY_DONE, notes[i]);
    }

  csv = closeness_selfcare_csv_export_string (couple.store, CLOSENESS_SELFCARE_VIEW_TOGETHER, 0,
                                              NULL);
  g_test_message ("%s", csv);
  assert_no_formula_for_semicolons (csv);

  /* Split on ',' as the format says: no cell starts a formula either. */
  parser = closeness_csv_parser_new (check_cell_cb, NULL);
  g_assert_true (closeness_csv_parser_feed (parser, csv, strlen (csv), &error));
  g_assert_true (closeness_csv_parser_finish (parser, &error));
  g_assert_no_error (error);

  g_object_unref (couple.store);
}

static void
test_export_file_mode (void)
{
  Couple couple;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "export.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GStatBuf st;
  guint rows = 0;

  couple_init (&couple);

  /* Even over a file that was world-readable. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_chmod (path, 0644);

  g_assert_true (closeness_selfcare_csv_export_file (couple.store, CLOSENESS_SELFCARE_VIEW_ME, 0,
                                                     file, &rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 3);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);

  g_object_unref (couple.store);
}

static void
test_round_trip (void)
{
  Couple couple;
  g_autoptr(ClosenessStore) other = new_store ();
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "round-trip.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(ClosenessCsvImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n_skipped;

  couple_init (&couple);
  g_assert_true (closeness_selfcare_csv_export_file (couple.store, CLOSENESS_SELFCARE_VIEW_ME, 0,
                                                     file, NULL, &error));
  before = closeness_selfcare_csv_export_string (couple.store, CLOSENESS_SELFCARE_VIEW_ME, 0, NULL);

  g_assert_true (closeness_store_update_partner (other, 0, "Alex", "", &error));
  g_assert_true (closeness_store_update_partner (other, 1, "Sam", "", &error));
  add_activity (other, "Diary", CLOSENESS_OWNER_PARTNER_1, TRUE);
  add_activity (other, "walk", CLOSENESS_OWNER_BOTH, FALSE);  /* names match without case */
  add_activity (other, "Run", CLOSENESS_OWNER_PARTNER_1, FALSE);

  import = closeness_selfcare_csv_import_file (other, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (import);
  closeness_csv_import_get_skipped (import, &n_skipped);
  g_assert_cmpuint (n_skipped, ==, 0);
  g_assert_cmpuint (count_entries (other), ==, 3);

  after = closeness_selfcare_csv_export_string (other, CLOSENESS_SELFCARE_VIEW_ME, 0, NULL);
  /* The same rows, with the importing store's spelling of "walk". */
  {
    g_autofree char *expected = g_strdup (before);
    char *walk = strstr (expected, ",Walk,");

    g_assert_nonnull (walk);
    walk[1] = 'w';
    g_assert_cmpstr (after, ==, expected);
  }

  /* Importing twice changes nothing more. */
  g_clear_pointer (&import, closeness_csv_import_free);
  import = closeness_selfcare_csv_import_file (other, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_entries (other), ==, 3);

  g_object_unref (couple.store);
}

static const ClosenessCsvActivity test_activities[] = {
  { 1, "Walk", NULL, NULL, CLOSENESS_OWNER_BOTH },
  { 2, "Exercise", "Sport", "exercise", CLOSENESS_OWNER_BOTH },
  { 3, "Diary", NULL, NULL, CLOSENESS_OWNER_PARTNER_1 },
};

#define TODAY "2024-06-15"

static ClosenessCsvImport *
read_text (const char  *text,
           gsize        length,
           GError     **error)
{
  guint32 today;

  g_assert_true (closeness_habit_parse_day (TODAY, &today));

  return closeness_csv_import_read_data (text, length == 0 ? strlen (text) : length,
                                         test_activities, G_N_ELEMENTS (test_activities),
                                         today, error);
}

static void
test_parse_valid (void)
{
  const char *text =
    "\xef\xbb\xbf" "Date , Partner,activity,kind,note,extra\r\n"
    "2024-01-01,1,Walk,done,\"a, b\",x\r\n"
    "\r\n"
    "2024-01-02,2,walk,rest,\"two\r\nlines \"\"quoted\"\"\",x\n"
    "2024-01-03,1,sport,DONE,'=1+1,x\r"
    "2024-01-04,1,Walk,done,,x";
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessCsvImport) import = read_text (text, 0, &error);
  const ClosenessEntryInfo *entries;
  guint n;

  g_assert_no_error (error);
  entries = closeness_csv_import_get_entries (import, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpstr (entries[0].note, ==, "a, b");
  g_assert_cmpint (entries[1].slot, ==, 1);
  g_assert_cmpint (entries[1].kind, ==, CLOSENESS_ENTRY_REST);
  g_assert_cmpstr (entries[1].note, ==, "two\r\nlines \"quoted\"");
  g_assert_cmpint (entries[2].activity_id, ==, 2);
  g_assert_cmpstr (entries[2].note, ==, "=1+1");
  g_assert_null (entries[3].note);
  g_assert_cmpstr (entries[3].day, ==, "2024-01-04");
}

/* The amount of a measured activity: exported with a '.', read back the
 * same; a file without the column (made before version 6) still reads; a
 * cell that is not an amount leaves its row out. */
static void
test_values (void)
{
  g_autoptr(ClosenessStore) store = new_store ();
  g_autoptr(GError) error = NULL;
  ClosenessActivityInfo info = { .name = "Read", .owner = CLOSENESS_OWNER_BOTH,
                                 .goal_kind = CLOSENESS_GOAL_DAILY, .goal_count = 1,
                                 .kind = CLOSENESS_ACTIVITY_MEASURABLE, .unit = "pages",
                                 .target = 30 };
  g_autoptr(ClosenessActivity) read = closeness_store_create_activity (store, &info, &error);
  gint64 id = closeness_record_get_id (CLOSENESS_RECORD (read));
  ClosenessEntryInfo entry = { id, 0, "2024-02-01", CLOSENESS_ENTRY_DONE, NULL, TRUE, 20.5 };
  g_autofree char *csv = NULL;
  const char *text =
    "date,partner,activity,kind,note,value\r\n"
    "2024-01-01,1,Walk,done,,12.75\r\n"
    "2024-01-02,1,Walk,done,,\r\n"
    "2024-01-03,1,Walk,done,,lots\r\n"
    "2024-01-04,1,Walk,done,,-1\r\n"
    "2024-01-05,1,Walk,done,,1e9\r\n"
    "2024-01-06,1,Walk,done,,12,5\r\n";
  g_autoptr(ClosenessCsvImport) import = NULL;
  const ClosenessEntryInfo *entries;
  const ClosenessCsvSkip *skipped;
  guint n, n_skipped;

  g_assert_no_error (error);
  g_assert_cmpint (closeness_store_log_entry (store, &entry, &error), >, 0);
  g_assert_no_error (error);
  csv = closeness_selfcare_csv_export_string (store, CLOSENESS_SELFCARE_VIEW_ME, 0, NULL);
  g_assert_nonnull (strstr (csv, ",1,,Read,,done,,20.5\r\n"));

  import = read_text (text, 0, &error);
  g_assert_no_error (error);
  entries = closeness_csv_import_get_entries (import, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (entries[0].has_value);
  g_assert_cmpfloat (entries[0].value, ==, 12.75);
  g_assert_false (entries[1].has_value);
  skipped = closeness_csv_import_get_skipped (import, &n_skipped);
  g_assert_cmpuint (n_skipped, ==, 4);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (skipped[i].reason, ==, CLOSENESS_CSV_SKIP_VALUE);
  g_assert_cmpint (skipped[3].reason, ==, CLOSENESS_CSV_SKIP_CELL_COUNT);
}

/* Every text comes back exactly as it went out, apostrophes included. */
static void
test_guard_round_trip (void)
{
  const char *texts[] = {
    "=x", "'=x", "''=x", "'", "it's", "a;=b", "a;'=b", "';=x", "x\n=y", "x\r\n-y",
    "a;\r\n=x", "plain; text", "-", ";", "';'", "\t@", "ends with ;",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GString) text = g_string_new ("date,partner,activity,kind,note\r\n"
                                              "2024-01-01,1,Walk,done,");
      g_autoptr(GError) error = NULL;
      g_autoptr(ClosenessCsvImport) import = NULL;
      const ClosenessEntryInfo *entries;
      guint n;

      closeness_csv_append_cell (text, texts[i]);
      g_string_append (text, "\r\n");
      assert_no_formula_for_semicolons (text->str);

      import = read_text (text->str, text->len, &error);
      g_assert_no_error (error);
      entries = closeness_csv_import_get_entries (import, &n);
      g_assert_cmpuint (n, ==, 1);
      g_assert_cmpstr (entries[0].note, ==, texts[i]);
    }
}

static void
test_skipped_rows (void)
{
  const char *text =
    "date,partner,activity,kind,note\n"       /* 1 */
    "2024-01-01,1,Walk,done,fine\n"            /* 2 */
    "2024-02-30,1,Walk,done,secret\n"          /* 3: no such day */
    "2099-01-01,1,Walk,done,secret\n"          /* 4: future */
    "1899-12-31,1,Walk,done,secret\n"          /* 5: too early */
    "2024-01-01,3,Walk,done,secret\n"          /* 6: partner */
    "2024-01-01,1,Swim,done,secret\n"          /* 7: unknown */
    "2024-01-01,2,Diary,done,secret\n"         /* 8: not theirs */
    "2024-01-01,1,Walk,maybe,secret\n"         /* 9: kind */
    "2024-01-01,1,Walk,done\n"                 /* 10: cells */
    "2024-01-02,1,Walk,done,\"multi\nline\"\n" /* 11–12 */
    "20240103,1,Walk,done,secret\n";           /* 13: format */
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessCsvImport) import = read_text (text, 0, &error);
  const ClosenessCsvSkip *skipped;
  g_autofree char *report = NULL;
  guint n;
  struct { guint line; ClosenessCsvSkipReason reason; } expected[] = {
    { 3, CLOSENESS_CSV_SKIP_DATE_INVALID },
    { 4, CLOSENESS_CSV_SKIP_DATE_FUTURE },
    { 5, CLOSENESS_CSV_SKIP_DATE_TOO_EARLY },
    { 6, CLOSENESS_CSV_SKIP_PARTNER },
    { 7, CLOSENESS_CSV_SKIP_ACTIVITY_UNKNOWN },
    { 8, CLOSENESS_CSV_SKIP_ACTIVITY_NOT_PARTNERS },
    { 9, CLOSENESS_CSV_SKIP_KIND },
    { 10, CLOSENESS_CSV_SKIP_CELL_COUNT },
    { 13, CLOSENESS_CSV_SKIP_DATE_INVALID },
  };

  g_assert_no_error (error);
  closeness_csv_import_get_entries (import, &n);
  g_assert_cmpuint (n, ==, 2);
  skipped = closeness_csv_import_get_skipped (import, &n);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (skipped[i].line, ==, expected[i].line);
      g_assert_cmpint (skipped[i].reason, ==, expected[i].reason);
    }

  report = closeness_csv_import_describe (import, 5);
  g_test_message ("%s", report);
  g_assert_nonnull (strstr (report, "2 entries imported."));
  g_assert_nonnull (strstr (report, "Line 4: the date is still to come"));
  g_assert_nonnull (strstr (report, "and 4 more rows"));
  /* No cell text in messages. */
  g_assert_null (strstr (report, "secret"));
  g_assert_null (strstr (report, "Swim"));
}

static void
test_bad_files (void)
{
  struct { const char *text; gsize length; int code; } cases[] = {
    { "", 0, CLOSENESS_CSV_ERROR_WRONG_COLUMNS },
    { "\n\n", 0, CLOSENESS_CSV_ERROR_WRONG_COLUMNS },
    { "name,value\nx,y\n", 0, CLOSENESS_CSV_ERROR_WRONG_COLUMNS },
    { "date,partner,activity,note\n", 0, CLOSENESS_CSV_ERROR_WRONG_COLUMNS },
    { "date,partner,activity,kind,kind\n", 0, CLOSENESS_CSV_ERROR_WRONG_COLUMNS },
    { "date,partner,activity,kind,note\n2024-01-01,1,Walk,done,\"open\n", 0,
      CLOSENESS_CSV_ERROR_NOT_CSV },
    { "date,partner,activity,kind,note\n2024-01-01,1,Wa\"lk,done,x\n", 0,
      CLOSENESS_CSV_ERROR_NOT_CSV },
    { "date,partner,activity,kind,note\n2024-01-01,1,\"Walk\"x,done,x\n", 0,
      CLOSENESS_CSV_ERROR_NOT_CSV },
    { "date,partner,activity,kind,note\n2024-01-01,1,Walk,done,a\0b\n", 59,
      CLOSENESS_CSV_ERROR_NOT_CSV },
    { "date,partner,activity,kind,note\n2024-01-01,1,Walk,done,caf\xe9\n", 0,
      CLOSENESS_CSV_ERROR_NOT_UTF8 },
    { "\xff\xfe" "d\0a\0t\0e\0", 10, CLOSENESS_CSV_ERROR_NOT_UTF8 },
    { "date,partner,activity,kind,note\n2024-01-01,1,Walk,done,\xc3\n", 0,
      CLOSENESS_CSV_ERROR_NOT_UTF8 },
                                                     };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ClosenessCsvImport) import = read_text (cases[i].text, cases[i].length, &error);

      g_assert_null (import);
      g_assert_error (error, CLOSENESS_CSV_ERROR, cases[i].code);
      g_test_message ("case %u: %s", i, error->message);
      g_assert_null (strstr (error->message, "caf"));
    }

  /* Too many cells in a row, and a cell longer than any note. */
  {
    g_autoptr(GString) text = g_string_new ("date,partner,activity,kind,note\n2024-01-01");
    g_autoptr(GError) error = NULL;
    g_autoptr(ClosenessCsvImport) import = NULL;

    for (guint i = 0; i < 100; i++)
      g_string_append (text, ",x");
    import = read_text (text->str, text->len, &error);
    g_assert_error (error, CLOSENESS_CSV_ERROR, CLOSENESS_CSV_ERROR_WRONG_COLUMNS);

    g_clear_error (&error);
    g_string_assign (text, "date,partner,activity,kind,note\n2024-01-01,1,Walk,done,");
    for (guint i = 0; i < CLOSENESS_CSV_MAX_CELL + 10; i++)
      g_string_append_c (text, 'x');
    import = read_text (text->str, text->len, &error);
    g_assert_null (import);
    g_assert_error (error, CLOSENESS_CSV_ERROR, CLOSENESS_CSV_ERROR_TOO_LARGE);
  }
}

/* Files that cannot be imported change nothing in the store. */
static void
test_import_changes_nothing (void)
{
  Couple couple;
  const char *bad[] = {
    "date,partner,activity,kind,note\n2024-01-10,1,Walk,done,ok\n2024-01-11,1,Walk,done,\"open\n",
    "date,partner,activity,kind,note\n2024-01-10,1,Walk,done,ok\n2024-01-11,1,Walk,done,caf\xe9\n",
    "when,who,what\n2024-01-10,1,Walk\n",
  };
  const int codes[] = {
    CLOSENESS_CSV_ERROR_NOT_CSV, CLOSENESS_CSV_ERROR_NOT_UTF8, CLOSENESS_CSV_ERROR_WRONG_COLUMNS,
  };
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "bad.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint before;

  couple_init (&couple);
  before = count_entries (couple.store);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ClosenessCsvImport) import = NULL;

      g_assert_true (g_file_set_contents (path, bad[i], -1, NULL));
      import = closeness_selfcare_csv_import_file (couple.store, file, NULL, &error);
      g_assert_null (import);
      g_assert_error (error, CLOSENESS_CSV_ERROR, codes[i]);
      g_assert_cmpuint (count_entries (couple.store), ==, before);
    }

  g_object_unref (couple.store);
}

/* A 100 MB file is refused from its size, before a byte is read. */
static void
test_huge_file (void)
{
  Couple couple;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "huge.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessCsvImport) import = NULL;
  gint64 start;
  FILE *f;

  couple_init (&couple);

  f = g_fopen (path, "w");
  g_assert_nonnull (f);
  fputs ("date,partner,activity,kind,note\n", f);
  g_assert_cmpint (fseek (f, 100 * 1024 * 1024, SEEK_SET), ==, 0);
  fputc ('\n', f);
  fclose (f);

  start = g_get_monotonic_time ();
  import = closeness_selfcare_csv_import_file (couple.store, file, NULL, &error);
  g_assert_null (import);
  g_assert_error (error, CLOSENESS_CSV_ERROR, CLOSENESS_CSV_ERROR_TOO_LARGE);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_unlink (path);

  g_object_unref (couple.store);
}

static char *
import_and_describe (ClosenessStore *store,
                     const char     *path,
                     const char     *text)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessCsvImport) import = NULL;
  char *report;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  import = closeness_selfcare_csv_import_file (store, file, NULL, &error);
  g_assert_no_error (error);
  report = closeness_csv_import_describe (import, 5);
  g_test_message ("%s", report);

  return report;
}

/* The count says how many entries the import saved: a row repeated in the
 * file is one entry, and an entry that is already there, the same, is not
 * imported again. */
static void
test_import_count (void)
{
  Couple couple;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "count.csv", NULL);
  const char *twice =
    "date,partner,activity,kind,note\r\n"
    "2024-03-01,1,Walk,done,by the river\r\n"
    "2024-03-01,1,Walk,done,by the river\r\n"
    "2024-03-02,2,Walk,rest,\r\n";
  const char *changed =
    "date,partner,activity,kind,note\r\n"
    "2024-03-01,1,Walk,done,by the river\r\n"
    "2024-03-02,2,Walk,done,after all\r\n";
  guint before;

  couple_init (&couple);
  before = count_entries (couple.store);

  {
    g_autofree char *report = import_and_describe (couple.store, path, twice);

    g_assert_cmpstr (report, ==, "2 entries imported.");
    g_assert_cmpuint (count_entries (couple.store), ==, before + 2);
  }

  {
    g_autofree char *report = import_and_describe (couple.store, path, twice);

    g_assert_cmpstr (report, ==,
                     "0 entries imported. 2 entries were already there and are unchanged.");
    g_assert_cmpuint (count_entries (couple.store), ==, before + 2);
  }

  {
    g_autofree char *report = import_and_describe (couple.store, path, changed);

    g_assert_cmpstr (report, ==, "1 entry imported (1 already there, updated). "
                                 "1 entry was already there and is unchanged.");
    g_assert_cmpuint (count_entries (couple.store), ==, before + 2);
  }

  g_unlink (path);
  g_object_unref (couple.store);
}

/* A folder or a pipe is refused before it is opened, with the same words
 * as the calendar import; a pipe nobody writes to does not hang. */
static void
test_not_a_file (void)
{
  Couple couple;
  g_autofree char *pipe = g_build_filename (g_get_user_data_dir (), "pipe.csv", NULL);
  const char *paths[] = { g_get_user_data_dir (), pipe };

  couple_init (&couple);
  g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(ClosenessCsvImport) import = NULL;

      import = closeness_selfcare_csv_import_file (couple.store, file, NULL, &error);
      g_assert_null (import);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
      g_test_message ("%s", error->message);
    }

  g_unlink (pipe);
  g_object_unref (couple.store);
}

/* A stream without a size (a pipe) stops at the limit while reading. */
static void
test_stream_limit (void)
{
  gsize size = CLOSENESS_CSV_MAX_FILE_SIZE + 1024;
  g_autofree char *data = g_malloc (size);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessCsvImport) import = NULL;
  const char *header = "date,partner,activity,kind,note\n";

  memset (data, '\n', size);
  memcpy (data, header, strlen (header));
  stream = g_memory_input_stream_new_from_data (data, size, NULL);
  import = closeness_csv_import_read (stream, test_activities, G_N_ELEMENTS (test_activities),
                                      closeness_habit_today (), NULL, &error);
  g_assert_null (import);
  g_assert_error (error, CLOSENESS_CSV_ERROR, CLOSENESS_CSV_ERROR_TOO_LARGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/selfcare/builtins", test_builtins);
  g_test_add_func ("/selfcare/bad-activity-input", test_bad_activity_input);
  g_test_add_func ("/selfcare/csv/export-privacy", test_export_privacy);
  g_test_add_func ("/selfcare/csv/export-format", test_export_format);
  g_test_add_func ("/selfcare/csv/export-semicolon-guard", test_export_semicolon_guard);
  g_test_add_func ("/selfcare/csv/export-file-mode", test_export_file_mode);
  g_test_add_func ("/selfcare/csv/round-trip", test_round_trip);
  g_test_add_func ("/selfcare/csv/parse-valid", test_parse_valid);
  g_test_add_func ("/selfcare/csv/guard-round-trip", test_guard_round_trip);
  g_test_add_func ("/selfcare/csv/values", test_values);
  g_test_add_func ("/selfcare/csv/skipped-rows", test_skipped_rows);
  g_test_add_func ("/selfcare/csv/bad-files", test_bad_files);
  g_test_add_func ("/selfcare/csv/import-changes-nothing", test_import_changes_nothing);
  g_test_add_func ("/selfcare/csv/huge-file", test_huge_file);
  g_test_add_func ("/selfcare/csv/stream-limit", test_stream_limit);
  g_test_add_func ("/selfcare/csv/not-a-file", test_not_a_file);
  g_test_add_func ("/selfcare/csv/import-count", test_import_count);

  return g_test_run ();
}
