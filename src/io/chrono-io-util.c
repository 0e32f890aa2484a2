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

/* @path: a file name, shown as UTF-8. */
static gboolean
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not save “%s”: %s"), name, g_strerror (saved_errno));
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

/* The new backup is made under a temporary name, "NAME~.XXXXXX", and
 * renamed to "NAME~" only once the save has succeeded: a save that fails
 * or is cancelled later leaves the previous backup as it was. It shares the
 * old file's inode (a hard link), so there is no copy and NAME itself is
 * never missing; copying is the fallback for file systems without hard
 * links. Returns the temporary name. */
static char *
make_backup_of (const char    *target,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;
  g_autofree char *backup = NULL;
  int saved_errno = 0;

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_free (backup);
      backup = g_strdup_printf ("%s~.%06X", target, g_random_int_range (0, 0x1000000));
      if (link (target, backup) == 0)
        return g_steal_pointer (&backup);
      saved_errno = errno;
      if (saved_errno != EEXIST)
        break;
    }
  if (saved_errno == EEXIST)
    {
      set_errno_error (error, saved_errno, backup);
      return NULL;
    }

  from = g_file_new_for_path (target);
  to = g_file_new_for_path (backup);
  if (!g_file_copy (from, to, G_FILE_COPY_ALL_METADATA, cancellable, NULL, NULL, error))
    {
      g_unlink (backup);
      return NULL;
    }
  return g_steal_pointer (&backup);
}

/* Writing over a read-only file is refused, as GIO's replace does. Root may
 * write anything, so a file without any write permission bit is read-only
 * whoever saves; otherwise the effective user's permission decides. */
static gboolean
is_read_only (const char     *target,
              const GStatBuf *st)
{
  if (!S_ISREG (st->st_mode))
    return FALSE;
  if ((st->st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0)
    return TRUE;
  return faccessat (AT_FDCWD, target, W_OK, AT_EACCESS) != 0 && errno == EACCES;
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
  g_autofree char *backup_tmp = NULL;
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
  if (exists && is_read_only (target, &st))
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("Could not save “%s”: the file is read-only"), name);
      return FALSE;
    }

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
  if (make_backup && exists)
    {
      backup_tmp = make_backup_of (target, cancellable, error);
      if (backup_tmp == NULL)
        goto fail_with_error;
      /* The last moment to give up with everything as it was. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail_with_error;
    }

  if (g_rename (tmp, target) != 0)
    {
      saved_errno = errno;
      goto fail;
    }
  if (backup_tmp != NULL)
    {
      g_autofree char *backup = g_strconcat (target, "~", NULL);

      /* The file is saved: a backup that cannot be put in place is only lost. */
      if (g_rename (backup_tmp, backup) != 0)
        {
          g_warning ("Could not keep the backup %s: %s", backup, g_strerror (errno));
          g_unlink (backup_tmp);
        }
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
  if (backup_tmp != NULL)
    g_unlink (backup_tmp);
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
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* A path is bytes; a message must be UTF-8. A URI is ASCII. */
  path = g_file_get_path (file);
  if (path != NULL)
    return g_filename_display_name (path);
  return g_file_get_uri (file);
}

/* GIO's messages name the file again ("Error opening file /x: …"): the
 * common errors are said from their code alone. */
static const char *
file_error_message (const GError *gio_error)
{
  static const struct {
    GIOErrorEnum code;
    int          saved_errno;
  } errnos[] = {
    { G_IO_ERROR_NOT_FOUND, ENOENT },
    { G_IO_ERROR_PERMISSION_DENIED, EACCES },
    { G_IO_ERROR_IS_DIRECTORY, EISDIR },
    { G_IO_ERROR_NOT_DIRECTORY, ENOTDIR },
    { G_IO_ERROR_TOO_MANY_LINKS, ELOOP },
    { G_IO_ERROR_FILENAME_TOO_LONG, ENAMETOOLONG },
    { G_IO_ERROR_NO_SPACE, ENOSPC },
  };

  if (gio_error->domain == G_IO_ERROR)
    for (guint i = 0; i < G_N_ELEMENTS (errnos); i++)
      if (gio_error->code == (int) errnos[i].code)
        return g_strerror (errnos[i].saved_errno);
  return gio_error->message;
}

void
chrono_io_set_file_error (GError       **error,
                          const GError  *gio_error,
                          const char    *display_name)
{
  g_return_if_fail (gio_error != NULL);

  g_set_error (error, gio_error->domain, gio_error->code, "%s: %s",
               display_name, file_error_message (gio_error));
}

GFileInputStream *
chrono_io_open_file (GFile         *file,
                     const char    *display_name,
                     goffset       *size,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  GFileInputStream *stream;
  GFileType type;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (size != NULL)
    *size = -1;

  /* Symbolic links are followed: it is the file they name that counts. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL)
    {
      chrono_io_set_file_error (error, local_error, display_name);
      return NULL;
    }

  type = g_file_info_get_file_type (info);
  if (type == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "%s: %s",
                   display_name, g_strerror (EISDIR));
      return NULL;
    }
  /* Some remote locations do not say: they are read as files. */
  if (type != G_FILE_TYPE_REGULAR && type != G_FILE_TYPE_UNKNOWN)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s: not a regular file (a device, a pipe or a socket cannot be opened)"),
                   display_name);
      return NULL;
    }
  if (size != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    *size = g_file_info_get_size (info);

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    chrono_io_set_file_error (error, local_error, display_name);
  return stream;
}
