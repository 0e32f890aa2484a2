/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pango.h>

#include "chrono-ticks.h"
#include "chrono-timeline.h"
#include "chrono-viewport.h"

G_BEGIN_DECLS

typedef enum {
  CHRONO_LANES_NONE = 0,
  CHRONO_LANES_GROUP,
  CHRONO_LANES_CATEGORY,
  CHRONO_LANES_ACTOR,
} ChronoLanes;

typedef enum {
  CHRONO_ITEM_POINT = 0, /* a marker: a precise instant, or a coarser one
                          * whose span is narrower than CHRONO_BAND_MIN_PX */
  CHRONO_ITEM_RANGE,     /* a bar from start to end */
  CHRONO_ITEM_BAND,      /* an imprecise date drawn as a soft band over its span:
                          * year/month always, a day/hour/minute when that span
                          * is at least CHRONO_BAND_MIN_PX wide */
} ChronoItemKind;

/* One visible event, in logical pixels of the viewport. */
typedef struct {
  guint position;   /* position in the timeline's GListModel */
  guint8 kind;      /* ChronoItemKind */
  guint8 flags;     /* ChronoSpanFlags of the event */
  guint16 lane;     /* index into the lanes, 0 without lanes */
  double x0, x1;    /* extent of marker/bar/band on the axis (x0 == x1 for a point) */
  double y;         /* top of the row */
  double height;    /* row height */
  double label_x;   /* where the label starts */
  double label_width;
} ChronoLayoutItem;

/* A "+N" badge standing for events that found no free row. */
typedef struct {
  double x, y, width, height;
  guint count;
  ChronoTime lo, hi;  /* the span the folded events cover: clicking zooms to it */
  guint16 lane;
} ChronoLayoutCluster;

typedef struct {
  guint index;        /* position in chrono_timeline_get_eras() */
  double x0, x1;
} ChronoLayoutEra;

typedef struct {
  char *name;         /* lane header */
  double y0, y1;
} ChronoLayoutLane;

typedef enum {
  CHRONO_HIT_NONE = 0,
  CHRONO_HIT_EVENT,
  CHRONO_HIT_CLUSTER,
  CHRONO_HIT_ERA,
  CHRONO_HIT_TICK,
} ChronoHitKind;

typedef struct {
  ChronoHitKind kind;
  guint position;     /* CHRONO_HIT_EVENT: the event's model position */
  guint index;        /* CHRONO_HIT_CLUSTER / _ERA / _TICK: index in their array */
  ChronoTime lo, hi;  /* span of the hit thing (cluster, era, tick interval) */
  double x, y, width, height; /* its box, e.g. to point a popover at */
} ChronoHit;

/* An event is visible in a viewport [start, end) when it starts in it, or,
 * for a range or band, when it starts before and ends after start (times
 * compared as doubles; an ongoing range ends at today, see
 * chrono_layout_set_today()). A point that becomes a band only when zoomed
 * in is visible when it starts in view. Every visible event that passes the filter is either
 * an item or counted in exactly one cluster.
 *
 * Lanes: by group, category or actor; an event with several actors sits in
 * its first actor's lane (found once per timeline change, which makes one
 * ChronoEvent per event). Keys without events get no lane; lanes that do not
 * fit the height fold into the last one. Lanes share the height by need
 * (the rows their events in view stack into), and a lane keeps a strip for
 * "+N" badges only when its events do not all fit. An update that pans at
 * the zoom, size and mode of the previous one keeps the lanes' heights,
 * unless that would hide events needlessly (a lane folds events while
 * the others leave two rows or more unused between them, or a lane with
 * events in view has no row); see chrono-layout-lanes.c.
 *
 * Zoomed out (more than a couple of thousand events starting in view) the
 * layout keeps the most important events as labels and counts the rest per
 * bin without visiting them; see chrono-layout-zoomed-out.c. */

/* Which events a layout shows (search and filters); NULL shows all. */
typedef gboolean (*ChronoLayoutFilter) (ChronoTimeline *timeline,
                                        guint           position,
                                        gpointer        user_data);

#define CHRONO_TYPE_LAYOUT (chrono_layout_get_type ())
G_DECLARE_FINAL_TYPE (ChronoLayout, chrono_layout, CHRONO, LAYOUT, GObject)

/* Geometry only: computes plain structs that the renderer paints and tests
 * assert on. The cost of an update grows with what is visible, not with the
 * number of events. */
ChronoLayout              *chrono_layout_new          (ChronoTimeline        *timeline);
ChronoTimeline            *chrono_layout_get_timeline (ChronoLayout          *self);
void                       chrono_layout_set_lanes    (ChronoLayout          *self,
                                                       ChronoLanes            lanes);
ChronoLanes                chrono_layout_get_lanes    (ChronoLayout          *self);
void                       chrono_layout_set_filter   (ChronoLayout          *self,
                                                       ChronoLayoutFilter     filter,
                                                       gpointer               user_data,
                                                       GDestroyNotify         destroy);
/* Where ongoing ranges ("end": "..") end, as the renderer's today marker;
 * CHRONO_TIME_MIN (the default) for the current time, clamped to the
 * visible right edge. Takes effect on the next update. */
void                       chrono_layout_set_today    (ChronoLayout          *self,
                                                       ChronoTime             today);
ChronoTime                 chrono_layout_get_today    (ChronoLayout          *self);
/* Re-runs the filter over all events (call when search text changes). */
void                       chrono_layout_refilter     (ChronoLayout          *self);
/* Lays out @viewport, measuring text with @context (pango_cairo or the
 * widget's). The top band of the viewport holds the axis. */
void                       chrono_layout_update       (ChronoLayout          *self,
                                                       const ChronoViewport  *viewport,
                                                       PangoContext          *context);
const ChronoViewport      *chrono_layout_get_viewport (ChronoLayout          *self);
const ChronoTickSet       *chrono_layout_get_ticks    (ChronoLayout          *self);
const ChronoLayoutItem    *chrono_layout_get_items    (ChronoLayout          *self,
                                                       guint                 *n_items);
const ChronoLayoutCluster *chrono_layout_get_clusters (ChronoLayout          *self,
                                                       guint                 *n_clusters);
const ChronoLayoutEra     *chrono_layout_get_eras     (ChronoLayout          *self,
                                                       guint                 *n_eras);
/* Empty without lanes. */
const ChronoLayoutLane    *chrono_layout_get_lanes_layout (ChronoLayout      *self,
                                                       guint                 *n_lanes);
/* Height of the time axis band at the top of the viewport. */
double                     chrono_layout_get_axis_height (ChronoLayout       *self);
/* What is drawn at (x, y), topmost first: event, cluster, era, tick. */
gboolean                   chrono_layout_hit_test     (ChronoLayout          *self,
                                                       double                 x,
                                                       double                 y,
                                                       ChronoHit             *hit);
/* The laid-out item of an event, or NULL if it is not visible as its own item. */
const ChronoLayoutItem    *chrono_layout_find_item    (ChronoLayout          *self,
                                                       guint                  position);
/* Whether the filter lets this event through. */
gboolean                   chrono_layout_is_shown     (ChronoLayout          *self,
                                                       guint                  position);

/* For tests only: with @keep, updates that pan at the zoom of the last plan
 * keep the lanes' heights even where the re-plan rule would give new ones,
 * to show what keeping them would hide. */
void                       _chrono_layout_set_keep_lanes (ChronoLayout       *self,
                                                       gboolean               keep);

G_END_DECLS
