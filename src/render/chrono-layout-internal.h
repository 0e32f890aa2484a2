/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "chrono-layout.h"
#include "chrono-render-private.h"

G_BEGIN_DECLS

/* What the parts of ChronoLayout share: the instance struct, the types its
 * fields hold, the hot per-event helpers (inline) and the functions one part
 * calls in another. chrono-layout.c is the GObject, the public API and
 * chrono_layout_update(); chrono-layout-index.c indexes the timeline's spans
 * (length classes, open ends, lane keys, the importance summaries);
 * chrono-layout-place.c measures labels and gives events rows and badges;
 * chrono-layout-lanes.c shares the height among lanes and lays out detailed
 * views; chrono-layout-zoomed-out.c lays out aggregated views and their
 * histograms; chrono-layout-hit.c builds the hit tables and hit-tests.
 * Internal to src/render, not installed. */

#define CLUSTER_GAP 4.0
#define N_CLASSES 64
#define BLOCK 32              /* elements per block of the importance index */

/* The multi-resolution summary of a lane's importance: a packed key per event
 * (importance, then a hash so equal ones spread over the view), and a
 * bottom-up tree of block maxima over it. A query reads two partial blocks
 * and a tree small enough to stay in cache, so it costs the same for 10k
 * events as for a million. */
typedef struct {
  guint n;
  guint32 *keys;     /* n */
  guint n_blocks;
  guint32 *tree;     /* 2 × n_blocks: tree[n_blocks + b] is block b's maximum */
  ChronoTime *block_lo; /* n_blocks: start of each block's first event, so a
                         * time search touches a few lines, not a million */
} ImportanceIndex;

/* A lane as drawn (lanes beyond the height fold into the last one). While
 * events are placed, an item's y holds its row index in its lane; rows get
 * their place once the lanes' heights are known. */
typedef struct {
  double y0, y1;
  double rows_top;
  guint n_rows;      /* rows events may take */
  guint n_rows_alloc;
  guint rows_used;   /* 1 + the last row an item took */
  gboolean strip;    /* a strip of "+N" badges at the bottom */
  gboolean density;  /* a histogram strip above it, which rows never enter */
  double cluster_y;
  GArray **rows;     /* per row: Interval, sorted and disjoint; NULL while empty */
  guint8 *at_origin; /* per row: an interval meets [0, CHRONO_BAR_LABEL_DX) */
  guint n_at_origin; /* rows so marked: when all are, no event starting
                      * before the view can get a row */
  GArray *folded;    /* Folded, detailed mode */
  guint first_hit;   /* into hit_order: the lane's items by row then x */
} DisplayLane;

typedef struct {
  double x;
  ChronoTime lo, hi;
} Folded;

typedef struct {
  double box0, box1;
} ItemBox;

/* The lanes' heights as last planned: how many lanes are shown and the
 * rows each takes (badge and histogram strips included). While the user
 * pans at one zoom the next updates keep them, so that lanes do not jump;
 * the key fields say what must not change for that. */
typedef struct {
  gboolean valid;       /* cleared when what lanes hold or measure changes */
  gboolean aggregated;
  double span, width, height, events_top;
  ChronoTime today;
  guint n;
  guint *rows;          /* n */
} LanePlan;

struct _ChronoLayout
{
  GObject parent_instance;

  ChronoTimeline *timeline;
  ChronoLanes lanes;

  ChronoTime today;            /* CHRONO_TIME_MIN: now, clamped to the view */

  ChronoLayoutFilter filter;
  gpointer filter_data;
  GDestroyNotify filter_destroy;

  /* Built once per timeline change. */
  gboolean index_valid;
  const ChronoSpan *spans;
  guint n_spans;
  GArray *classes[N_CLASSES];  /* non-point events by length class (guint32 positions) */
  GArray *open_ends;           /* ongoing ranges (guint32 positions): they reach today */
  float *label_widths;         /* natural widths; < 0 when not measured yet */
  PangoContext *width_context; /* compared only; measure holds a reference */
  guint width_serial;
  PangoLayout *measure;        /* label font, in width_context */
  PangoLayout *measure_small;  /* badge font, in width_context */
  int badge_advances[11];      /* digits and "+", Pango units; -1 when not measured yet */
  gint32 *advances;            /* N_ADVANCES, Pango units; -1 when not measured yet */

  /* Built once per filter or lane change. */
  gboolean lanes_valid;
  guint8 *shown;               /* NULL: all shown */
  guint16 *key_of;             /* lane key of each event; NULL without lanes */
  GPtrArray *key_names;        /* char* */
  GPtrArray *key_positions;    /* GArray of guint32, sorted by position */
  GPtrArray *key_index;        /* ImportanceIndex*, built on demand */

  /* Per update. */
  ChronoViewport viewport;
  double open_end;      /* where ongoing ranges end in this update */
  ChronoTickSet *ticks;
  double events_top;
  gboolean era_strip;
  guint n_display;
  DisplayLane *display;
  guint n_display_alloc;
  GArray *items;        /* ChronoLayoutItem */
  GArray *boxes;        /* ItemBox, parallel to items */
  GArray *clusters;     /* ChronoLayoutCluster */
  GArray *eras;         /* ChronoLayoutEra */
  GArray *lanes_layout; /* ChronoLayoutLane */
  GArray *density;      /* ChronoLayoutDensity */
  GArray *hit_order;    /* guint item indices by lane, row, x */
  GArray *row_starts;   /* guint into hit_order per (lane, row), + end sentinel per lane */
  GArray *by_position;  /* guint item indices by position */
  LanePlan plan;
  gboolean keep_always; /* tests only: keep the plan even where it hides events */
  GString *scratch;
  ChronoRenderCache *render_cache;
  PangoContext *export_context;
};

/* Helpers ------------------------------------------------------------------ */

static inline gboolean
_chrono_layout_span_is_point (const ChronoSpan *span)
{
  return (span->flags & (CHRONO_SPAN_RANGE | CHRONO_SPAN_IMPRECISE)) == 0;
}

static inline gboolean
_chrono_layout_is_shown (ChronoLayout *self,
                         guint         position)
{
  return self->shown == NULL || self->shown[position];
}

/* Where a span ends as drawn: an ongoing range runs on to today. */
static inline double
_chrono_layout_span_end (ChronoLayout     *self,
                         const ChronoSpan *span)
{
  if (span->flags & CHRONO_SPAN_OPEN_END)
    return MAX ((double) span->hi, self->open_end);
  return (double) span->hi;
}

static inline guint
_chrono_layout_display_lane_of (ChronoLayout *self,
                                guint         position)
{
  guint key = self->key_of != NULL ? self->key_of[position] : 0;

  return MIN (key, self->n_display - 1);
}

/* chrono-layout-index.c */
void                   _chrono_layout_invalidate_lanes      (ChronoLayout *self);
void                   _chrono_layout_invalidate_index      (ChronoLayout *self);
void                   _chrono_layout_ensure_lanes          (ChronoLayout *self);
const ImportanceIndex *_chrono_layout_ensure_importance     (ChronoLayout *self,
                                                             guint         key);
guint                  _chrono_layout_key_lower_bound       (ChronoLayout *self,
                                                             guint         key,
                                                             double        time);
int                    _chrono_layout_compare_by_importance (gconstpointer a,
                                                             gconstpointer b,
                                                             gpointer      user_data);
void                   _chrono_layout_collect_straddlers    (ChronoLayout *self,
                                                             GArray       *out);
void                   _chrono_layout_collect_candidates    (ChronoLayout *self,
                                                             GArray       *candidates);

/* chrono-layout-place.c */
void     _chrono_layout_ensure_measuring (ChronoLayout *self,
                                          PangoContext *context);
gboolean _chrono_layout_place_event      (ChronoLayout *self,
                                          guint         position,
                                          PangoContext *context,
                                          gboolean      record_folded);
double   _chrono_layout_badge_width      (ChronoLayout *self,
                                          guint         count);
void     _chrono_layout_add_cluster      (ChronoLayout *self,
                                          guint         lane,
                                          double        x,
                                          guint         count,
                                          ChronoTime    lo,
                                          ChronoTime    hi,
                                          PangoContext *context);
void     _chrono_layout_cluster_folded   (ChronoLayout *self,
                                          PangoContext *context);

/* chrono-layout-lanes.c */
void     _chrono_layout_free_display                (ChronoLayout *self);
void     _chrono_layout_init_display                (ChronoLayout *self,
                                                     guint         n_lanes,
                                                     guint         n_rows);
guint    _chrono_layout_rows_for_lanes              (ChronoLayout *self,
                                                     guint         n);
void     _chrono_layout_arrange_lanes               (ChronoLayout *self,
                                                     const guint  *rows);
void     _chrono_layout_place_rows                  (ChronoLayout *self);
void     _chrono_layout_save_plan                   (ChronoLayout *self,
                                                     gboolean      aggregated,
                                                     const guint  *rows);
gboolean _chrono_layout_plan_matches                (ChronoLayout *self,
                                                     gboolean      aggregated,
                                                     double        last_start);
void     _chrono_layout_update_detailed             (ChronoLayout *self,
                                                     GArray       *candidates,
                                                     PangoContext *context);
void     _chrono_layout_update_detailed_kept        (ChronoLayout *self,
                                                     GArray       *candidates,
                                                     PangoContext *context);
guint   *_chrono_layout_plan_aggregated             (ChronoLayout *self,
                                                     guint        *n_lanes);
gboolean _chrono_layout_kept_lanes_hide_events      (ChronoLayout *self);

/* chrono-layout-zoomed-out.c */
void     _chrono_layout_update_zoomed_out (ChronoLayout *self,
                                           guint         n,
                                           const guint  *rows,
                                           GArray       *straddlers,
                                           guint         n_visible,
                                           PangoContext *context);

/* chrono-layout-hit.c */
void     _chrono_layout_build_hit_tables (ChronoLayout *self);

G_END_DECLS
