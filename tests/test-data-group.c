/* test-data-group.c: Preferences → Your Data, as a person uses it when
 * changes are still waiting to be saved.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "closeness-data-group.h"
#include "closeness-test-utils.h"
#include "store/closeness-store-private.h"

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  closeness_test_settle ();
}

static char *
partner_name (ClosenessStore *store)
{
  g_autoptr(ClosenessPartner) partner =
    g_list_model_get_item (closeness_store_get_partners (store), 0);

  return g_strdup (closeness_partner_get_name (partner));
}

/* The import has replaced everything and the partners show what the file
 * held. */
static gboolean
import_done_cond (gpointer store)
{
  g_autofree char *name = NULL;

  if (closeness_store_get_replacing (store))
    return FALSE;
  name = partner_name (store);

  return g_strcmp0 (name, "From the file") == 0;
}

/* An import while changes wait offers to save them first (Try Again);
 * only then does it ask whether to replace everything. */
static void
test_import_saves_waiting_changes_first (void)
{
  g_autofree char *path =
    g_build_filename (g_get_user_data_dir (), "closeness", "closeness.db", NULL);
  g_autofree char *export_path = g_build_filename (g_get_user_data_dir (), "all.closeness", NULL);
  g_autoptr(GFile) export_file = g_file_new_for_path (export_path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessStore) store = closeness_store_new (path, &error);
  AdwPreferencesWindow *window;
  AdwPreferencesPage *page;
  ClosenessDataGroup *group;
  AdwMessageDialog *dialog;
  g_autofree char *name = NULL;

  g_assert_no_error (error);
  g_assert_true (closeness_store_update_partner (store, 0, "From the file", "", &error));
  closeness_store_export_async (store, export_file, NULL, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (closeness_store_export_finish (store, result, &error));
  g_assert_true (closeness_store_update_partner (store, 0, "Now", "", &error));

  window = ADW_PREFERENCES_WINDOW (adw_preferences_window_new ());
  page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  group = g_object_new (CLOSENESS_TYPE_DATA_GROUP, NULL);
  closeness_data_group_set_store (group, store);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));
  adw_preferences_window_add (window, page);
  gtk_window_present (GTK_WINDOW (window));
  closeness_test_wait_for_drawn (GTK_WIDGET (window));

  closeness_test_make_changes_wait (store);

  /* Cancel: nothing is replaced. */
  closeness_data_group_import_from (group, export_file);
  dialog = ADW_MESSAGE_DIALOG (closeness_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_false (adw_message_dialog_has_response (dialog, "import"));
  answer (dialog, "cancel");
  name = partner_name (store);
  g_assert_cmpstr (name, ==, "Now");
  g_clear_pointer (&name, g_free);

  /* Try Again while the disk is still full: still nothing replaced. */
  closeness_data_group_import_from (group, export_file);
  answer (ADW_MESSAGE_DIALOG (closeness_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG)), "retry");
  g_assert_null (closeness_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (closeness_store_get_pending_writes (store), >, 0);
  name = partner_name (store);
  g_assert_cmpstr (name, ==, "Now");
  g_clear_pointer (&name, g_free);

  /* Space again: Try Again saves them, then the import asks as always. */
  _closeness_store_set_max_page_count (store, 1073741823);
  closeness_data_group_import_from (group, export_file);
  answer (ADW_MESSAGE_DIALOG (closeness_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG)), "retry");
  g_assert_cmpuint (closeness_store_get_pending_writes (store), ==, 0);
  dialog = ADW_MESSAGE_DIALOG (closeness_test_wait_for_window (ADW_TYPE_MESSAGE_DIALOG));
  answer (dialog, "import");
  closeness_test_wait_until (import_done_cond, store, "the import to replace everything");
  name = partner_name (store);
  g_assert_cmpstr (name, ==, "From the file");

  gtk_window_destroy (GTK_WINDOW (window));
  closeness_test_settle ();
}

int
main (int   argc,
      char *argv[])
{
  if (!closeness_test_init_display (&argc, &argv))
    {
      g_print ("1..0 # SKIP no display\n");
      return 0;
    }

  g_test_add_func ("/data-group/import-saves-waiting-changes-first",
                   test_import_saves_waiting_changes_first);

  return g_test_run ();
}
