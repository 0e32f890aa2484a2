/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "chrono-layout.h"
#include "chrono-timeline.h"

G_BEGIN_DECLS

typedef enum {
  CHRONO_EXPORT_UNKNOWN = 0,
  CHRONO_EXPORT_PNG,
  CHRONO_EXPORT_SVG,
  CHRONO_EXPORT_PDF,
} ChronoExportFormat;

typedef struct {
  ChronoExportFormat format;
  int width;              /* logical pixels (points for PDF) */
  int height;
  double scale;           /* PNG pixel scale: 2 gives 2×width × 2×height pixels */
  gboolean dark;
  gboolean transparent;   /* PNG/SVG only */
  gboolean has_range;     /* FALSE: the whole timeline */
  ChronoTime lo, hi;      /* the range to show when has_range */
  ChronoLanes lanes;
  gboolean show_title;
  gboolean show_legend;
} ChronoExportOptions;

#define CHRONO_EXPORT_DEFAULT_WIDTH 1600
#define CHRONO_EXPORT_DEFAULT_HEIGHT 900

void               chrono_export_options_init    (ChronoExportOptions       *options);
/* From a file name's extension (.png .svg .pdf), else CHRONO_EXPORT_UNKNOWN. */
ChronoExportFormat chrono_export_format_for_name (const char                *name);
/* Renders with the canvas renderer and writes atomically: a failed export
 * never leaves a partial file at @file. No GTK involved. */
gboolean           chrono_export_to_file         (ChronoTimeline            *timeline,
                                                  const ChronoExportOptions *options,
                                                  GFile                     *file,
                                                  GCancellable              *cancellable,
                                                  GError                   **error);

G_END_DECLS
