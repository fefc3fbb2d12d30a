/* test-store-limits.c: a read-only data folder and a full disk, for real.
 *
 * Read-only: root ignores permissions, so when run as root the scenario runs
 * in a forked child that has switched to the user "nobody" (setgid/setuid);
 * as a normal user it runs directly in a child. Disk full: the child enters
 * a private mount namespace (unshare) and mounts a 1 MiB tmpfs; where that
 * is not allowed the test is skipped and the unit suite's page-limit test
 * (/store/pending-writes) covers the same code path.
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "closeness-store-test"
#define _GNU_SOURCE 1

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store-test-utils.h"

#define SKIP_EXIT 77

static char *
partner_name (ClosenessStore *store)
{
  g_autoptr(ClosenessPartner) partner =
    g_list_model_get_item (closeness_store_get_partners (store), 0);

  return g_strdup (closeness_partner_get_name (partner));
}

static int
read_only_scenario (const char *base)
{
  g_autofree char *dir = g_build_filename (base, "closeness", NULL);
  g_autofree char *path = g_build_filename (dir, "closeness.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  ClosenessStore *store;

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (closeness_store_update_partner (store, 0, "Written before", "", &error));
  g_assert_finalize_object (store);

  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  /* Make sure the permission really bites for this user. */
  g_assert_cmpint (access (dir, W_OK), !=, 0);

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_true (closeness_store_get_read_only (store));
  g_assert_nonnull (closeness_store_get_read_only_reason (store));
  g_message ("read-only reason: %s", closeness_store_get_read_only_reason (store));
  name = partner_name (store);
  g_assert_cmpstr (name, ==, "Written before");   /* shows what it can */

  g_assert_false (closeness_store_update_partner (store, 0, "Typed while read-only", "", &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_READ_ONLY);
  g_message ("write error: %s", error->message);
  g_clear_error (&error);
  g_assert_cmpuint (closeness_store_get_pending_writes (store), ==, 1);

  g_assert_false (closeness_store_retry_pending (store, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* The folder is writable again: the kept write is saved. */
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
  g_assert_true (closeness_store_retry_pending (store, &error));
  g_assert_no_error (error);
  g_assert_false (closeness_store_get_read_only (store));
  g_assert_cmpuint (closeness_store_get_pending_writes (store), ==, 0);
  g_clear_pointer (&name, g_free);
  name = partner_name (store);
  g_assert_cmpstr (name, ==, "Typed while read-only");
  g_assert_finalize_object (store);

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_clear_pointer (&name, g_free);
  name = partner_name (store);
  g_assert_cmpstr (name, ==, "Typed while read-only");
  g_assert_cmpuint (store_test_file_mode (dir), ==, 0700);
  g_assert_cmpuint (store_test_file_mode (path), ==, 0600);
  g_assert_finalize_object (store);

  /* A folder that cannot even be created: an empty read-only store. */
  g_assert_cmpint (g_chmod (base, 0500), ==, 0);
  {
    g_autofree char *nowhere = g_build_filename (base, "missing", "closeness.db", NULL);

    store = closeness_store_new (nowhere, &error);
    g_assert_no_error (error);
    g_assert_true (closeness_store_get_read_only (store));
    g_assert_cmpuint (g_list_model_get_n_items (closeness_store_get_partners (store)), ==, 2);
    g_assert_finalize_object (store);
  }
  g_assert_cmpint (g_chmod (base, 0700), ==, 0);

  return 0;
}

static int
run_in_child (int (*scenario) (const char *base),
              const char *base,
              gboolean    drop_root)
{
  pid_t pid;
  int status;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);

  if (pid == 0)
    {
      if (drop_root && geteuid () == 0)
        {
          struct passwd *nobody = getpwnam ("nobody");

          if (nobody == NULL)
            _exit (SKIP_EXIT);
          if (chown (base, nobody->pw_uid, nobody->pw_gid) != 0 ||
              setgroups (0, NULL) != 0 ||
              setgid (nobody->pw_gid) != 0 ||
              setuid (nobody->pw_uid) != 0)
            _exit (SKIP_EXIT);
          g_assert_cmpint (geteuid (), !=, 0);
        }

      _exit (scenario (base));
    }

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);

  if (WIFSIGNALED (status))
    g_error ("the scenario crashed or failed an assertion (signal %d)", WTERMSIG (status));

  return WEXITSTATUS (status);
}

static void
test_read_only_folder (void)
{
  g_autofree char *base = g_dir_make_tmp ("closeness-ro-XXXXXX", NULL);
  int result;

  g_assert_nonnull (base);
  result = run_in_child (read_only_scenario, base, TRUE);

  if (result == SKIP_EXIT)
    g_test_skip ("could not switch to an unprivileged user");
  else
    g_assert_cmpint (result, ==, 0);
}

static void
fill_disk (const char *filler)
{
  static char block[16384];
  int fd = open (filler, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  g_assert_cmpint (fd, >=, 0);
  while (write (fd, block, sizeof block) > 0)
    ;
  while (write (fd, block, 512) > 0)
    ;
  g_assert_cmpint (errno, ==, ENOSPC);
  close (fd);
}

static int
disk_full_scenario (const char *base)
{
  g_autofree char *mnt = g_build_filename (base, "small", NULL);
  g_autofree char *path = g_build_filename (mnt, "closeness", "closeness.db", NULL);
  g_autofree char *filler = g_build_filename (mnt, "filler", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClosenessDeck) deck = NULL;
  g_autoptr(ClosenessPrompt) prompt = NULL;
  g_autoptr(GListModel) answers = NULL;
  g_autofree char *text = g_strnfill (30000, 'w');
  ClosenessStore *store;
  gint64 prompt_id;
  guint failures = 0;

  if (unshare (CLONE_NEWNS) != 0 ||
      mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
      g_mkdir_with_parents (mnt, 0700) != 0 ||
      mount ("tmpfs", mnt, "tmpfs", 0, "size=1m,mode=0700") != 0)
    return SKIP_EXIT;

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  deck = closeness_store_create_deck (store, "Deck", NULL, &error);
  prompt = closeness_store_create_prompt (store, closeness_record_get_id (CLOSENESS_RECORD (deck)),
                                          "What do you hope for?", NULL, 0, &error);
  g_assert_no_error (error);
  prompt_id = closeness_record_get_id (CLOSENESS_RECORD (prompt));
  answers = closeness_store_get_answers (store, prompt_id);

  fill_disk (filler);

  for (guint i = 0; i < 20 && failures == 0; i++)
    {
      text[0] = 'a' + i;
      if (!closeness_store_set_answer (store, prompt_id, 0, text, &error))
        {
          g_message ("disk full error: %s", error->message);
          g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_DISK_FULL);
          g_clear_error (&error);
          failures++;
        }
    }
  g_assert_cmpuint (failures, ==, 1);
  g_assert_cmpuint (closeness_store_get_pending_writes (store), ==, 1);

  /* Reading still works */
  g_assert_cmpuint (g_list_model_get_n_items (closeness_store_get_prompts (store)), ==, 1);

  g_assert_false (closeness_store_retry_pending (store, &error));
  g_assert_error (error, CLOSENESS_STORE_ERROR, CLOSENESS_STORE_ERROR_DISK_FULL);
  g_clear_error (&error);

  /* Space is back: what was typed is saved. */
  g_assert_cmpint (g_unlink (filler), ==, 0);
  g_assert_true (closeness_store_retry_pending (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (closeness_store_get_pending_writes (store), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 1);
  {
    g_autoptr(ClosenessAnswer) answer = g_list_model_get_item (answers, 0);

    g_assert_cmpstr (closeness_answer_get_text (answer), ==, text);
  }
  g_clear_object (&answers);
  g_clear_object (&prompt);
  g_clear_object (&deck);
  g_assert_finalize_object (store);

  /* Opening on a completely full disk still shows the data. */
  fill_disk (filler);
  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_message ("opened on a full disk, read-only: %d", closeness_store_get_read_only (store));
  answers = closeness_store_get_answers (store, prompt_id);
  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 1);
  g_clear_object (&answers);
  g_assert_finalize_object (store);
  g_unlink (filler);

  store = closeness_store_new (path, &error);
  g_assert_no_error (error);
  g_assert_false (closeness_store_get_read_only (store));
  answers = closeness_store_get_answers (store, prompt_id);
  g_assert_cmpuint (g_list_model_get_n_items (answers), ==, 1);
  g_clear_object (&answers);
  g_assert_finalize_object (store);

  umount (mnt);

  return 0;
}

static void
test_disk_full (void)
{
  g_autofree char *base = g_dir_make_tmp ("closeness-full-XXXXXX", NULL);
  int result = run_in_child (disk_full_scenario, base, FALSE);

  if (result == SKIP_EXIT)
    g_test_skip ("no private mount namespace for a small tmpfs here; "
                 "the page-limit test in the unit suite covers the same path");
  else
    g_assert_cmpint (result, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/limits/read-only-folder", test_read_only_folder);
  g_test_add_func ("/store/limits/disk-full", test_disk_full);

  return g_test_run ();
}
