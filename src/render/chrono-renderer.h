/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "chrono-layout.h"

G_BEGIN_DECLS

#define CHRONO_NO_SELECTION G_MAXUINT

typedef struct {
  gboolean dark;         /* dark palette */
  gboolean transparent;  /* leave the background unpainted */
  guint selected;        /* model position or CHRONO_NO_SELECTION */
  guint hovered;         /* model position or CHRONO_NO_SELECTION */
  gboolean focused;      /* draw a focus ring around the selection */
  gboolean show_title;   /* the timeline's title at the top (exports) */
  gboolean show_legend;  /* categories with their colours (exports) */
  ChronoTime today;      /* where to draw the today marker; CHRONO_TIME_MIN for none */
} ChronoRenderStyle;

void chrono_render_style_init (ChronoRenderStyle *style);

/* Paints @layout (already updated for its viewport) into @cr at the origin,
 * in the layout's logical pixels; HiDPI and export scale come from @cr's
 * transform. The same call draws the canvas and every export. */
void chrono_renderer_draw     (cairo_t                 *cr,
                               ChronoLayout            *layout,
                               const ChronoRenderStyle *style);

/* With show_title / show_legend the picture is @top + the viewport height +
 * @bottom tall: the title sits above the layout and the legend below it.
 * Lay out with a viewport of the remaining height. */
void chrono_renderer_get_chrome (ChronoTimeline          *timeline,
                                 const ChronoRenderStyle *style,
                                 PangoContext            *context,
                                 double                   width,
                                 double                  *top,
                                 double                  *bottom);

/* A context to measure text without a widget (exports, tests): unhinted
 * metrics at 96 dpi, as the renderer draws. Free with g_object_unref(). */
PangoContext *chrono_renderer_create_pango_context (void);

G_END_DECLS
