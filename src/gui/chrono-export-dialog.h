/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "chrono-layout.h"
#include "chrono-timeline.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_EXPORT_DIALOG (chrono_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ChronoExportDialog, chrono_export_dialog, CHRONO, EXPORT_DIALOG, AdwWindow)

/* The export dialog: format, range, size, scale, theme, title and legend,
 * with a live preview drawn by the canvas renderer. The export runs in a
 * worker thread; on success the dialog emits "exported" (GFile *) and closes.
 * Opens with the options of the last export (the last-export-* settings of
 * @parent's ChronoApplication, if it has one) and stores them on success.
 *
 * For tests only: when the environment variable CHRONO_TEST_EXPORT_PATH is
 * set, "Export" writes to that path instead of asking with a file chooser. */
GtkWidget *chrono_export_dialog_new (GtkWindow      *parent,
                                     ChronoTimeline *timeline,
                                     double          visible_start,
                                     double          visible_end,
                                     ChronoLanes     lanes,
                                     gboolean        dark);

G_END_DECLS
