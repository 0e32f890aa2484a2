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
/* The encoded file contents, without writing anything (e.g. to copy to the
 * clipboard). chrono_export_record() then chrono_export_encode(), on the
 * calling thread: the one that owns @timeline. */
GBytes            *chrono_export_to_bytes        (ChronoTimeline            *timeline,
                                                  const ChronoExportOptions *options,
                                                  GError                   **error);

/* chrono_export_draw() with a layout kept by the caller, e.g. one per
 * export preview: the layout keeps its index of the timeline's events and
 * its measurements between draws (and follows changes to the timeline), so
 * a draw costs what is visible, not what the timeline holds. The layout's
 * lanes are set from @options; its viewport is the export's. Main thread. */
void               chrono_export_draw_with_layout (ChronoLayout              *layout,
                                                   const ChronoExportOptions *options,
                                                   cairo_t                   *cr);

/* Exporting in two steps, so that the slow part runs in a worker thread
 * while the window goes on using the timeline (a ChronoTimeline, its
 * GListModel and its caches are not thread-safe):
 *
 * 1. On the thread that owns the timeline (the main thread),
 *    chrono_export_record() checks @options, lays the picture out and
 *    draws it into a cairo recording surface of options->width ×
 *    options->height logical units (for a PNG, scaled to its pixels,
 *    width × scale by height × scale). It builds a layout of the timeline
 *    (one pass over its events); chrono_export_record_with_layout() takes
 *    one the caller keeps (e.g. the preview's) and costs what is visible.
 * 2. On any thread, chrono_export_encode() replays the recording into a
 *    PNG, an SVG or a PDF and
 *    returns the file's bytes; chrono_export_encode_to_file() also writes
 *    them atomically, as chrono_export_to_file() does. They read nothing
 *    but the recording, which holds its own references to the fonts and a
 *    copy of what the file needs (the PDF's title): the timeline may change
 *    or go away meanwhile. Text stays text (glyphs, not pixels) in SVG and
 *    PDF, selectable and searchable in the PDF.
 *
 * Pass the same options to both steps: encoding fails with
 * CHRONO_ERROR_INVALID_ARGUMENT on a recording made for another format,
 * size or PNG scale, or not by chrono_export_record(). A recording is one object: hand
 * it to the worker and use it nowhere else until the worker is done (cairo
 * does not lock it); free it with cairo_surface_destroy() on any thread.
 *
 *   main thread:  recording = chrono_export_record (timeline, &options, &error);
 *                 g_task_set_task_data (task, recording, (GDestroyNotify) cairo_surface_destroy);
 *                 g_task_run_in_thread (task, export_thread);
 *   worker:       chrono_export_encode_to_file (recording, &options, file, cancellable, &error);
 *
 * chrono_export_to_bytes() and chrono_export_to_file() are the two steps
 * in a row, so every export goes through the same path. */
cairo_surface_t   *chrono_export_record          (ChronoTimeline            *timeline,
                                                  const ChronoExportOptions *options,
                                                  GError                   **error);
cairo_surface_t   *chrono_export_record_with_layout (ChronoLayout              *layout,
                                                     const ChronoExportOptions *options,
                                                     GError                   **error);
GBytes            *chrono_export_encode          (cairo_surface_t           *recording,
                                                  const ChronoExportOptions *options,
                                                  GError                   **error);
gboolean           chrono_export_encode_to_file  (cairo_surface_t           *recording,
                                                  const ChronoExportOptions *options,
                                                  GFile                     *file,
                                                  GCancellable              *cancellable,
                                                  GError                   **error);

G_END_DECLS
