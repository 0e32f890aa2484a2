/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "chrono-layout.h"
#include "chrono-renderer.h"

G_BEGIN_DECLS

/* Fonts shared by measuring (ticks, layout) and painting (renderer): a label
 * is measured and drawn with the same description, so boxes fit the text. */
#define CHRONO_FONT_LABEL   "Cantarell, DejaVu Sans, Sans 10"
#define CHRONO_FONT_TICK    "Cantarell, DejaVu Sans, Sans 9"
#define CHRONO_FONT_CONTEXT "Cantarell, DejaVu Sans, Sans Bold 9"
#define CHRONO_FONT_SMALL   "Cantarell, DejaVu Sans, Sans Bold 8"
#define CHRONO_FONT_TITLE   "Cantarell, DejaVu Sans, Sans Bold 16"
#define CHRONO_FONT_LEGEND  "Cantarell, DejaVu Sans, Sans 9"

/* Vertical metrics of the axis band, in logical pixels. */
#define CHRONO_AXIS_CONTEXT_Y 6.0   /* top of the context row labels */
#define CHRONO_AXIS_TICK_Y    25.0  /* top of the fine row labels */
#define CHRONO_AXIS_HEIGHT    46.0  /* the axis baseline */
#define CHRONO_TICK_LABEL_PAD 4.0   /* from the tick line to its label */

/* Event rows. */
#define CHRONO_ROW_HEIGHT     24.0
#define CHRONO_POINT_RADIUS   4.5
#define CHRONO_POINT_LABEL_DX 9.0   /* marker centre to label start */
#define CHRONO_BAR_LABEL_DX   7.0   /* bar start to label start */
#define CHRONO_NARROW_BAR     24.0  /* narrower bars get their label after them */
#define CHRONO_LABEL_GAP      12.0  /* free space after a label */
#define CHRONO_LABEL_MAX_WIDTH 440.0 /* room for a typical news headline */
#define CHRONO_LABEL_EDGE_PAD 4.0   /* between a label and the right edge */
#define CHRONO_ERA_STRIP      20.0  /* era names under the axis */
#define CHRONO_LANE_HEADER    20.0
#define CHRONO_CLUSTER_STRIP  24.0
#define CHRONO_CLUSTER_HEIGHT 18.0
#define CHRONO_DENSITY_STRIP  24.0  /* the histogram's own strip above the badges */
#define CHRONO_BAND_MIN_PX    6.0   /* a coarse date this wide on screen is a band */

/* A lane's level-of-detail histogram of event starts. */
typedef struct {
  guint16 lane;
  double x0;          /* left edge of bin 0 */
  double bin_width;   /* pixels */
  double y0, y1;      /* the strip it is drawn in */
  guint n_bins;
  guint max_count;
  guint *counts;
} ChronoLayoutDensity;

PangoFontDescription *_chrono_font (const char *description);
PangoLayout          *_chrono_layout_new_for_font (PangoContext *context,
                                                    const char   *font);
/* Width of @text in @font, cached per context and font. */
double                _chrono_measure_text (PangoContext *context,
                                            const char   *font,
                                            const char   *text);
/* Text from files shown on one line, measured and drawn alike: breaks and
 * tabs become spaces (CR LF one), other control characters and invalid
 * bytes U+FFFD. _chrono_measure_text() and the renderer map what they get;
 * code that caches widths maps before measuring. */
gboolean              _chrono_is_display_text (const char *text);
void                  _chrono_append_display_text (GString    *out,
                                                   const char *text);

/* The text drawn for an event's label: "c. " before an approximate date, " (?)" after an uncertain one. */
void                  _chrono_layout_append_label (ChronoLayout *self,
                                                    guint         position,
                                                    GString      *out);
const ChronoLayoutDensity *_chrono_layout_get_density (ChronoLayout *self,
                                                        guint        *n_density);
double                _chrono_layout_get_events_top (ChronoLayout *self);
/* Where ongoing ranges end in the last update (seconds). */
double                _chrono_layout_get_open_end (ChronoLayout *self);
gboolean              _chrono_layout_has_era_strip (ChronoLayout *self);

/* Caches that outlive a frame, owned by the layout they draw (one thread at
 * a time, like the layout): shaped label glyphs and marker sprites. */
typedef struct _ChronoRenderCache ChronoRenderCache;
typedef struct _ChronoShapedText ChronoShapedText;
typedef struct _ChronoTextBatch ChronoTextBatch;

ChronoRenderCache    *_chrono_render_cache_new  (void);
void                  _chrono_render_cache_free (ChronoRenderCache *cache);
ChronoRenderCache    *_chrono_layout_get_render_cache (ChronoLayout *self);
/* @text in @font laid out as pango_cairo_show_layout() would, top left at the
 * origin, ellipsized to @max_width when > 0. Valid until the next call. */
const ChronoShapedText *_chrono_render_cache_shape (ChronoRenderCache *cache,
                                                    const char        *font,
                                                    const char        *text,
                                                    double             max_width);
double                _chrono_shaped_text_get_width  (const ChronoShapedText *shaped);
double                _chrono_shaped_text_get_height (const ChronoShapedText *shaped);
int                   _chrono_shaped_text_get_pixel_height (const ChronoShapedText *shaped);
/* A point marker rendered for device pixels at @scale: paint it with an
 * identity matrix at (*origin_x, *origin_y) to centre it on (device_x,
 * device_y). Owned by the cache. */
cairo_surface_t      *_chrono_render_cache_get_marker (ChronoRenderCache *cache,
                                                       const double       rgba[4],
                                                       const double       background[4],
                                                       gboolean           hollow,
                                                       double             scale,
                                                       double             device_x,
                                                       double             device_y,
                                                       int               *origin_x,
                                                       int               *origin_y);
/* A cluster badge (fill and outline of a @width × @height pill), anchored
 * at its top left. */
cairo_surface_t      *_chrono_render_cache_get_badge (ChronoRenderCache *cache,
                                                      const double       fill[4],
                                                      const double       border[4],
                                                      double             width,
                                                      double             height,
                                                      double             scale,
                                                      double             device_x,
                                                      double             device_y,
                                                      int               *origin_x,
                                                      int               *origin_y);

/* Texts queued for one flush, which draws them in order: with @mask_scale
 * > 0 (an image surface at that device scale, axis-aligned) as cached A8
 * masks, else one cairo_show_glyphs() per label. The batch holds its own
 * reference to each shaped text. */
ChronoTextBatch      *_chrono_text_batch_new   (void);
void                  _chrono_text_batch_free  (ChronoTextBatch        *batch);
void                  _chrono_text_batch_add   (ChronoTextBatch        *batch,
                                                const ChronoShapedText *shaped,
                                                double                  x,
                                                double                  y,
                                                const double            rgba[4]);
void                  _chrono_text_batch_flush (ChronoTextBatch        *batch,
                                                cairo_t                *cr,
                                                ChronoRenderCache      *cache,
                                                double                  mask_scale);

/* chrono_renderer_draw() with the title and legend heights already known. */
void                  _chrono_renderer_draw_full (cairo_t                 *cr,
                                                  ChronoLayout            *layout,
                                                  const ChronoRenderStyle *style,
                                                  double                   top,
                                                  double                   bottom);
/* The same, with every text laid out by Pango even on image and recording
 * surfaces (no cached glyphs): what a recording that becomes an SVG or a PDF
 * needs, for text that keeps its characters (searchable, selectable). */
void                  _chrono_renderer_draw_with_pango_text (cairo_t                 *cr,
                                                             ChronoLayout            *layout,
                                                             const ChronoRenderStyle *style,
                                                             double                   top,
                                                             double                   bottom);
/* A context to measure exports laid out with @self: kept with the layout,
 * so that the label widths it has measured stay valid across draws. */
PangoContext         *_chrono_layout_get_export_context (ChronoLayout *self);
/* Makes the next update plan lanes afresh, as a new layout would: for a
 * picture that must depend only on its view, not on the views before. */
void                  _chrono_layout_forget_plan (ChronoLayout *self);

G_END_DECLS
