/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "chrono-date.h"

G_BEGIN_DECLS

/* The visible window of time mapped onto a width of logical pixels. Times are
 * doubles so zooming is smooth below one second; they still resolve
 * sub-microseconds around today and seconds at billions of years. */
typedef struct {
  double start;  /* seconds at x = 0 */
  double end;    /* seconds at x = width; end > start */
  double width;  /* logical pixels */
  double height; /* logical pixels */
} ChronoViewport;

/* Narrowest and widest visible spans (10 s … 30 billion years). */
#define CHRONO_VIEWPORT_MIN_SPAN 10.0
#define CHRONO_VIEWPORT_MAX_SPAN (30e9 * 365.2425 * 86400.0)

double chrono_viewport_time_to_x (const ChronoViewport *vp,
                                  double                time);
double chrono_viewport_x_to_time (const ChronoViewport *vp,
                                  double                x);
/* Zoom by @factor (> 1 zooms in) keeping the time under @anchor_x in place. */
void   chrono_viewport_zoom      (ChronoViewport       *vp,
                                  double                factor,
                                  double                anchor_x);
/* Shift by @dx pixels (positive moves later in time into view). */
void   chrono_viewport_pan       (ChronoViewport       *vp,
                                  double                dx);
/* Room a fitted view keeps at its edges, in logical pixels (when the width
 * allows): the first marker is not cut by the left edge, and the last one
 * stands clear of the right edge with room for its label to start there
 * (labels that would not fit go left of their marker). */
#define CHRONO_VIEWPORT_FIT_PAD_START 16.0
#define CHRONO_VIEWPORT_FIT_PAD_END   40.0

/* Show [lo, hi) with a margin of @margin (fraction of the span) on each
 * side, and at least the pads above (when vp->width is set). */
void   chrono_viewport_fit       (ChronoViewport       *vp,
                                  ChronoTime            lo,
                                  ChronoTime            hi,
                                  double                margin);
/* Clamp the span to the limits above. */
void   chrono_viewport_clamp     (ChronoViewport       *vp);

G_END_DECLS
