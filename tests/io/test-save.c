/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-save"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chrono-io-util.h"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("chrono-save-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The names in @dir, sorted and joined with "|". */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("|", (char **) names->pdata);
}

static void
assert_contents (const char *path,
                 const char *expected)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);
}

static gboolean
save (const char  *path,
      const char  *text,
      gboolean     backup,
      GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return chrono_io_replace_file (file, text, strlen (text), backup, NULL, error);
}

/* As another user ("nobody") when run as root, who may write anything. */
static gboolean
save_as_other_user (const char  *path,
                    const char  *text,
                    GError     **error)
{
  uid_t euid = geteuid ();
  gboolean ok;

  if (euid == 0)
    g_assert_cmpint (seteuid (65534), ==, 0);
  ok = save (path, text, TRUE, error);
  if (euid == 0)
    g_assert_cmpint (seteuid (0), ==, 0);
  return ok;
}

static void
test_new_file (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "new.json", NULL);
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  mode_t mask = umask (022);
  GStatBuf st;

  g_assert_true (save (path, "fresh\n", TRUE, &error));
  g_assert_no_error (error);
  umask (mask);

  assert_contents (path, "fresh\n");
  /* A new file gets the usual 0666 less the umask, not mkstemp's 0600. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  /* No backup of a file that did not exist, no temporary left over. */
  names = list_dir (f->dir);
  g_assert_cmpstr (names, ==, "new.json");
}

static void
test_replace_with_backup (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "doc.json", NULL);
  g_autofree char *backup = g_build_filename (f->dir, "doc.json~", NULL);
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (path, "version 1\n", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);

  g_assert_true (save (path, "version 2\n", TRUE, &error));
  g_assert_no_error (error);
  assert_contents (path, "version 2\n");
  assert_contents (backup, "version 1\n");
  /* The permissions of the file survive its replacement. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0640);

  /* The backup always holds the version before the last save. */
  g_assert_true (save (path, "version 3\n", TRUE, &error));
  g_assert_no_error (error);
  assert_contents (path, "version 3\n");
  assert_contents (backup, "version 2\n");

  names = list_dir (f->dir);
  g_assert_cmpstr (names, ==, "doc.json|doc.json~");
}

static void
test_replace_without_backup (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "doc.json", NULL);
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) big = g_string_new (NULL);

  g_assert_true (g_file_set_contents (path, "old\n", -1, NULL));
  for (guint i = 0; i < 100000; i++)
    g_string_append (big, "0123456789");
  g_assert_true (save (path, big->str, FALSE, &error));
  g_assert_no_error (error);
  assert_contents (path, big->str);

  names = list_dir (f->dir);
  g_assert_cmpstr (names, ==, "doc.json");
}

static void
test_symlink (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *real_dir = g_build_filename (f->dir, "real", NULL);
  g_autofree char *target = g_build_filename (real_dir, "doc.json", NULL);
  g_autofree char *link = g_build_filename (f->dir, "link.json", NULL);
  g_autofree char *link2 = g_build_filename (f->dir, "link2.json", NULL);
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_cmpint (g_mkdir (real_dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (target, "old\n", -1, NULL));
  /* A relative link, and a link to that link. */
  g_assert_cmpint (symlink ("real/doc.json", link), ==, 0);
  g_assert_cmpint (symlink (link, link2), ==, 0);

  g_assert_true (save (link2, "new\n", TRUE, &error));
  g_assert_no_error (error);

  /* The links stay links; the file they point to is replaced. */
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  g_assert_cmpint (g_lstat (link2, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  assert_contents (target, "new\n");
  assert_contents (link2, "new\n");

  names = list_dir (real_dir);
  g_assert_cmpstr (names, ==, "doc.json|doc.json~");
  g_clear_pointer (&names, g_free);
  names = list_dir (f->dir);
  g_assert_cmpstr (names, ==, "link.json|link2.json|real");
}

static void
test_symlink_loop (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *a = g_build_filename (f->dir, "a", NULL);
  g_autofree char *b = g_build_filename (f->dir, "b", NULL);
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink (b, a), ==, 0);
  g_assert_cmpint (symlink (a, b), ==, 0);
  g_assert_false (save (a, "x", TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS);
  names = list_dir (f->dir);
  g_assert_cmpstr (names, ==, "a|b");
}

static void
test_read_only_folder (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *sub = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *path = g_build_filename (sub, "doc.json", NULL);
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, "precious\n", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0666), ==, 0);
  g_assert_cmpint (g_chmod (sub, 0555), ==, 0);

  /* Root ignores folder permissions: save as "nobody" for the moment. */
  g_assert_false (save_as_other_user (path, "overwritten\n", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, path));
  assert_contents (path, "precious\n");
  names = list_dir (sub);
  g_assert_cmpstr (names, ==, "doc.json");
}

static void
test_write_fails (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "doc.json", NULL);
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) big = g_string_new (NULL);
  struct rlimit old_limit, limit;
  void (*old_handler) (int);
  gboolean ok;

  g_assert_true (g_file_set_contents (path, "precious\n", -1, NULL));
  for (guint i = 0; i < 10000; i++)
    g_string_append (big, "0123456789");

  /* A disk that fills up half way: files may not grow beyond 4 KiB. */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  limit = old_limit;
  limit.rlim_cur = 4096;
  old_handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  ok = save (path, big->str, TRUE, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  signal (SIGXFSZ, old_handler);

  g_assert_false (ok);
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_assert_nonnull (strstr (error->message, path));
  assert_contents (path, "precious\n");
  names = list_dir (f->dir);
  g_assert_cmpstr (names, ==, "doc.json");
}

static void
test_rename_fails (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "doc.json", NULL);
  g_autofree char *inside = g_build_filename (path, "keep", NULL);
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;

  /* A non-empty folder where the file should go: the last step fails. */
  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  g_assert_true (g_file_set_contents (inside, "kept\n", -1, NULL));

  g_assert_false (save (path, "data\n", FALSE, &error));
  g_assert_nonnull (error);
  assert_contents (inside, "kept\n");
  names = list_dir (f->dir);
  g_assert_cmpstr (names, ==, "doc.json");
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "doc.json", NULL);
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (g_file_set_contents (path, "precious\n", -1, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (chrono_io_replace_file (file, "x", 1, TRUE, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_contents (path, "precious\n");
  names = list_dir (f->dir);
  g_assert_cmpstr (names, ==, "doc.json");
}

/* A read-only file is not replaced, even by root (who may write anything):
 * its mode says it is not to be changed, as GIO's replace says too. */
static void
test_read_only_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "doc.json", NULL);
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (path, "precious\n", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);

  g_assert_false (save (path, "overwritten\n", TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "read-only"));
  assert_contents (path, "precious\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0444);
  names = list_dir (f->dir);
  g_assert_cmpstr (names, ==, "doc.json");
  g_clear_error (&error);

  /* Writable by its owner only, whom the saver is not. */
  if (geteuid () == 0)
    {
      g_assert_cmpint (g_chmod (f->dir, 0777), ==, 0);
      g_assert_cmpint (g_chmod (path, 0644), ==, 0);
      g_assert_false (save_as_other_user (path, "overwritten\n", &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
      assert_contents (path, "precious\n");
      g_clear_pointer (&names, g_free);
      names = list_dir (f->dir);
      g_assert_cmpstr (names, ==, "doc.json");
    }
}

/* The last step fails after the new backup was made: the previous backup
 * must still be there, not replaced by the version that stays. A sticky
 * folder lets "nobody" write its own files but not rename over root's. */
static void
test_fails_after_backup (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "doc.json", NULL);
  g_autofree char *backup = g_build_filename (f->dir, "doc.json~", NULL);
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;

  if (geteuid () != 0)
    {
      g_test_skip ("needs root, to save as another user");
      return;
    }

  g_assert_cmpint (g_chmod (f->dir, 01777), ==, 0);
  g_assert_true (g_file_set_contents (path, "version 2\n", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0666), ==, 0);
  g_assert_true (g_file_set_contents (backup, "version 1\n", -1, NULL));
  g_assert_cmpint (chown (backup, 65534, 65534), ==, 0);

  g_assert_false (save_as_other_user (path, "version 3\n", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  assert_contents (path, "version 2\n");
  assert_contents (backup, "version 1\n");
  /* The new backup, a link to root's file, cannot be removed by "nobody"
   * from a sticky folder either: it may stay, under its temporary name. */
  names = list_dir (f->dir);
  g_assert_true (g_str_equal (names, "doc.json|doc.json~") ||
                 (g_str_has_prefix (names, "doc.json|doc.json~|doc.json~.") &&
                  strchr (names + strlen ("doc.json|doc.json~|"), '|') == NULL));
}

static void
test_display_name (void)
{
  g_autoptr(GFile) local = g_file_new_for_path ("/tmp/a b.json");
  g_autoptr(GFile) remote = g_file_new_for_uri ("sftp://example.org/a%20b.json");
  g_autofree char *a = chrono_io_display_name (local);
  g_autofree char *b = chrono_io_display_name (remote);

  g_autoptr(GFile) latin1 = g_file_new_for_path ("/tmp/caf\xe9.json");
  g_autofree char *c = chrono_io_display_name (latin1);
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "chrono-\xff-missing", "doc.json", NULL);

  g_assert_cmpstr (a, ==, "/tmp/a b.json");
  g_assert_cmpstr (b, ==, "sftp://example.org/a%20b.json");
  /* Bytes that are not UTF-8 never reach a message. */
  g_assert_cmpstr (c, ==, "/tmp/caf\xef\xbf\xbd.json");

  g_assert_false (save (missing, "x", TRUE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, "chrono-\xef\xbf\xbd-missing"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/save/new-file", test_new_file);
  ADD ("/save/replace/backup", test_replace_with_backup);
  ADD ("/save/replace/no-backup", test_replace_without_backup);
  ADD ("/save/symlink/followed", test_symlink);
  ADD ("/save/symlink/loop", test_symlink_loop);
  ADD ("/save/fails/read-only-folder", test_read_only_folder);
  ADD ("/save/fails/write", test_write_fails);
  ADD ("/save/fails/rename", test_rename_fails);
  ADD ("/save/fails/cancelled", test_cancelled);
  ADD ("/save/fails/read-only-file", test_read_only_file);
  ADD ("/save/fails/after-backup", test_fails_after_backup);
#undef ADD
  g_test_add_func ("/save/display-name", test_display_name);

  return g_test_run ();
}
