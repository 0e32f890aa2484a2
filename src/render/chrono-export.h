/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
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

/* The checks chrono_export_to_file() makes before drawing: a known format,
 * sides of 16..32767, a PNG scale of 0.25..8 within that, lo < hi. */
gboolean           chrono_export_check_options   (const ChronoExportOptions *options,
                                                  GError                   **error);
/* The time window an export shows: the range, or the whole timeline with a
 * small margin (the current year when it is empty). */
void               chrono_export_get_viewport    (ChronoTimeline            *timeline,
                                                  const ChronoExportOptions *options,
                                                  ChronoViewport            *viewport);
/* Draws the export picture (title, timeline, legend) into @cr in logical
 * units, options->width × options->height: e.g. for a live preview. */
void               chrono_export_draw            (ChronoTimeline            *timeline,
                                                  const ChronoExportOptions *options,
                                                  cairo_t                   *cr);
/* The encoded file contents, without writing anything (e.g. to write from a
 * GTask thread, or to copy to the clipboard). */
GBytes            *chrono_export_to_bytes        (ChronoTimeline            *timeline,
                                                  const ChronoExportOptions *options,
                                                  GError                   **error);

G_END_DECLS
