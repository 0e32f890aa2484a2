/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-io"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chrono-io-util.h"

/* Symlink chains longer than this are treated as loops, as the kernel does. */
#define MAX_SYMLINKS 40

static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not save “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* Saving through a symlink must replace the file it points to, not the
 * link itself, so resolve the chain to the real target path. */
static char *
resolve_symlinks (const char  *path,
                  GError     **error)
{
  g_autofree char *current = g_strdup (path);

  for (guint i = 0; i < MAX_SYMLINKS; i++)
    {
      g_autofree char *link = NULL;
      g_autofree char *dir = NULL;
      GStatBuf st;

      if (g_lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);

      link = g_file_read_link (current, error);
      if (link == NULL)
        return NULL;
      if (g_path_is_absolute (link))
        {
          g_free (current);
          current = g_steal_pointer (&link);
        }
      else
        {
          dir = g_path_get_dirname (current);
          g_free (current);
          current = g_build_filename (dir, link, NULL);
        }
    }

  set_errno_error (error, ELOOP, path);
  return NULL;
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           int         *saved_errno)
{
  while (length > 0)
    {
      gssize n = write (fd, data, MIN (length, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          *saved_errno = errno;
          return FALSE;
        }
      data += n;
      length -= n;
    }
  return TRUE;
}

/* The backup shares the old file's inode (a hard link), so there is no
 * copy and NAME itself is never missing; copying is the fallback for file
 * systems without hard links. */
static gboolean
make_backup_of (const char    *target,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autofree char *backup = g_strconcat (target, "~", NULL);
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;

  if (g_unlink (backup) != 0 && errno != ENOENT)
    return set_errno_error (error, errno, backup);
  if (link (target, backup) == 0)
    return TRUE;

  from = g_file_new_for_path (target);
  to = g_file_new_for_path (backup);
  return g_file_copy (from, to, G_FILE_COPY_OVERWRITE | G_FILE_COPY_ALL_METADATA,
                      cancellable, NULL, NULL, error);
}

static void
sync_directory (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  /* Best effort: some file systems cannot fsync a folder; the rename has
   * happened either way. */
  if (fd < 0)
    return;
  (void) fsync (fd);
  g_close (fd, NULL);
}

static gboolean
replace_local (const char    *path,
               const void    *data,
               gsize          length,
               gboolean       make_backup,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autofree char *target = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *dir = NULL;
  gboolean exists;
  GStatBuf st;
  int fd;
  int saved_errno = 0;

  target = resolve_symlinks (path, error);
  if (target == NULL)
    return FALSE;

  exists = g_stat (target, &st) == 0;
  if (!exists && errno != ENOENT)
    return set_errno_error (error, errno, path);

  /* Next to the target, so that the final rename stays on one file system. */
  tmp = g_strconcat (target, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    return set_errno_error (error, errno, path);

  if (exists)
    {
      /* Give the new version the old one's permissions (and group, where
       * we are allowed to); a new file gets 0666 less the umask from open(). */
      if (fchmod (fd, st.st_mode & 07777) != 0)
        {
          saved_errno = errno;
          goto fail;
        }
      if (fchown (fd, (uid_t) -1, st.st_gid) != 0)
        g_debug ("Could not keep the group of %s: %s", target, g_strerror (errno));
    }

  if (!write_all (fd, data, length, &saved_errno))
    goto fail;
  if (fsync (fd) != 0)
    {
      saved_errno = errno;
      goto fail;
    }
  if (close (fd) != 0)
    {
      fd = -1;
      saved_errno = errno;
      goto fail;
    }
  fd = -1;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail_with_error;
  if (make_backup && exists && !make_backup_of (target, cancellable, error))
    goto fail_with_error;

  if (g_rename (tmp, target) != 0)
    {
      saved_errno = errno;
      goto fail;
    }

  dir = g_path_get_dirname (target);
  sync_directory (dir);
  return TRUE;

fail:
  set_errno_error (error, saved_errno, path);
fail_with_error:
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  return FALSE;
}

gboolean
chrono_io_replace_file (GFile         *file,
                        const void    *data,
                        gsize          length,
                        gboolean       make_backup,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  path = g_file_get_path (file);
  if (path != NULL)
    return replace_local (path, data, length, make_backup, cancellable, error);

  /* Remote locations: GIO's own atomic replace, with its backup. */
  return g_file_replace_contents (file, data, length, NULL, make_backup,
                                  G_FILE_CREATE_NONE, NULL, cancellable, error);
}

char *
chrono_io_display_name (GFile *file)
{
  char *path;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  if (path != NULL)
    return path;
  return g_file_get_uri (file);
}
