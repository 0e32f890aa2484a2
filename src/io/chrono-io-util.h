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

/* A name for messages: the path for local files, else the URI. */
char    *chrono_io_display_name (GFile         *file);

G_END_DECLS
