/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes @data to @file atomically: a temporary file in the same folder,
 * fsync, then rename over the target, keeping a "FILE~" backup of a previous
 * version. A crash or a full disk leaves the old file as it was. */
gboolean chrono_io_replace_file (GFile         *file,
                                 const void    *data,
                                 gsize          length,
                                 gboolean       make_backup,
                                 GCancellable  *cancellable,
                                 GError       **error);

/* A name for messages, always valid UTF-8: the path for local files
 * (bytes that are not UTF-8 shown as U+FFFD), else the URI. */
char    *chrono_io_display_name (GFile         *file);

/* Opens @file for reading, after checking that it is a regular file: a
 * FIFO or a device would block in open() or never end, a folder cannot be
 * read. Its size in *@size (-1 if unknown). Errors are G_IO_ERROR ones,
 * "NAME: message" with @display_name once (IS_DIRECTORY, NOT_REGULAR_FILE,
 * or what GIO said, e.g. "NAME: No such file or directory"). */
GFileInputStream *chrono_io_open_file (GFile         *file,
                                       const char    *display_name,
                                       goffset       *size,
                                       GCancellable  *cancellable,
                                       GError       **error);

/* Sets @error to "NAME: message" for @gio_error (a GIO error about the file
 * named @display_name), without the path GIO puts into its own messages. */
void     chrono_io_set_file_error (GError       **error,
                                   const GError  *gio_error,
                                   const char    *display_name);

G_END_DECLS
