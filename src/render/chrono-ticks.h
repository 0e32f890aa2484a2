/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pango.h>

#include "chrono-viewport.h"

G_BEGIN_DECLS

typedef enum {
  CHRONO_TICK_SECOND = 0,
  CHRONO_TICK_MINUTE,
  CHRONO_TICK_HOUR,
  CHRONO_TICK_DAY,
  CHRONO_TICK_WEEK,
  CHRONO_TICK_MONTH,
  CHRONO_TICK_QUARTER,
  CHRONO_TICK_YEAR,    /* multiples of years: 1, 2, 5, 10, 20, 50, 100 … up to billions */
} ChronoTickUnit;

typedef struct {
  ChronoTime time;   /* the boundary this tick marks */
  double x;          /* logical pixels */
  char *label;       /* localized; "" when dropped to avoid an overlap */
  double label_width;
  double label_x;    /* where the label starts (context labels stick to the left edge) */
} ChronoTick;

/* Two rows: fine ticks with labels, and a coarser context row (e.g. the year
 * above month ticks). Labels in a row never overlap. */
typedef struct {
  ChronoTickUnit unit;
  gint64 step;            /* in units (years for CHRONO_TICK_YEAR) */
  GArray *ticks;          /* ChronoTick */
  ChronoTickUnit context_unit;
  gint64 context_step;
  GArray *context;        /* ChronoTick; may be empty */
} ChronoTickSet;

/* Chooses the finest step whose labels fit, measuring with @context. */
ChronoTickSet *chrono_tick_set_compute (const ChronoViewport *viewport,
                                        PangoContext         *context);
void           chrono_tick_set_free    (ChronoTickSet        *set);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoTickSet, chrono_tick_set_free)

G_END_DECLS
