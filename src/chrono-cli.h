/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Handles what the command line can do without a window (--export,
 * --version, --help). Returns TRUE when it handled the call and the process
 * should exit with *exit_status; FALSE hands the files to open in *files
 * (NULL for none) to the GUI. Never initialises GTK. */
gboolean chrono_cli_handle (int    *argc,
                            char ***argv,
                            int    *exit_status,
                            char ***files);

G_END_DECLS
