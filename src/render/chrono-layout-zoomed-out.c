/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-layout"

#include "config.h"

#include <math.h>

#include "chrono-layout-internal.h"

/* Zoomed out, with more events starting in view than can be tried: level
 * of detail. Windows of each lane are taken most important first from a
 * heap (importance_argmax() finds each window's best event in the
 * summaries of chrono-layout-index.c), up to a number of attempts; the rest
 * are counted per bin into "+N" badges with binary searches, without
 * visiting them, and each lane gets a histogram of event starts. */

#define LOD_ATTEMPTS 1500
#define LOD_WINDOW_PX 160.0
#define DENSITY_BIN_PX 4.0
#define MIN_CLUSTER_BIN_PX 44.0

typedef struct {
  guint32 key;
  guint key_lane;
  guint i0, i1;   /* window into the key lane's positions */
  guint best;     /* index of its most important event */
} Window;

/* Index of the first greatest key in [l, r) of the elements; scans. */
static inline guint
scan_argmax (const guint32 *keys,
             guint          l,
             guint          r,
             guint         *best,
             guint32       *best_key)
{
  for (guint i = l; i < r; i++)
    if (keys[i] > *best_key || *best == G_MAXUINT)
      *best = i, *best_key = keys[i];
  return *best;
}

/* The most important element in [l, r), l < r. */
static guint
importance_argmax (const ImportanceIndex *index,
                   guint                  l,
                   guint                  r)
{
  guint bl = l / BLOCK, br = (r - 1) / BLOCK;
  guint best = G_MAXUINT;
  guint32 best_key = 0;
  guint node = 0;
  guint32 node_key = 0;
  guint a, b;

  if (bl == br)
    return scan_argmax (index->keys, l, r, &best, &best_key);

  scan_argmax (index->keys, l, (bl + 1) * BLOCK, &best, &best_key);
  /* Whole blocks between, through the tree of maxima. */
  for (a = bl + 1 + index->n_blocks, b = br + index->n_blocks; a < b; a >>= 1, b >>= 1)
    {
      if (a & 1)
        {
          if (node == 0 || index->tree[a] > node_key)
            node = a, node_key = index->tree[a];
          a++;
        }
      if (b & 1)
        {
          b--;
          if (node == 0 || index->tree[b] > node_key)
            node = b, node_key = index->tree[b];
        }
    }
  if (node != 0 && node_key > best_key)
    {
      guint first;

      /* Down to the block that holds the maximum. */
      while (node < index->n_blocks)
        node = index->tree[2 * node] == node_key ? 2 * node : 2 * node + 1;
      first = (node - index->n_blocks) * BLOCK;
      best = G_MAXUINT;
      best_key = 0;
      scan_argmax (index->keys, first, MIN (first + BLOCK, index->n), &best, &best_key);
    }
  {
    guint32 mid_key = best_key;
    guint mid = best;

    /* The right partial block wins only when strictly greater. */
    best = G_MAXUINT;
    best_key = 0;
    scan_argmax (index->keys, br * BLOCK, r, &best, &best_key);
    if (best_key > mid_key)
      return best;
    return mid;
  }
}

static void
heap_push (GArray *heap,
           Window *w)
{
  guint i = heap->len;

  g_array_append_val (heap, *w);
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      Window *a = &g_array_index (heap, Window, parent);
      Window *b = &g_array_index (heap, Window, i);
      Window tmp;

      if (a->key >= b->key)
        break;
      tmp = *a, *a = *b, *b = tmp;
      i = parent;
    }
}

static Window
heap_pop (GArray *heap)
{
  Window top = g_array_index (heap, Window, 0);
  guint i = 0;

  g_array_index (heap, Window, 0) = g_array_index (heap, Window, heap->len - 1);
  g_array_set_size (heap, heap->len - 1);
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      Window tmp;

      if (l < heap->len && g_array_index (heap, Window, l).key > g_array_index (heap, Window, m).key)
        m = l;
      if (r < heap->len && g_array_index (heap, Window, r).key > g_array_index (heap, Window, m).key)
        m = r;
      if (m == i)
        break;
      tmp = g_array_index (heap, Window, i);
      g_array_index (heap, Window, i) = g_array_index (heap, Window, m);
      g_array_index (heap, Window, m) = tmp;
      i = m;
    }
  return top;
}

static void
push_window (ChronoLayout *self,
             GArray       *heap,
             guint         key,
             guint         i0,
             guint         i1)
{
  const ImportanceIndex *index;
  Window w;

  if (i0 >= i1)
    return;
  index = _chrono_layout_ensure_importance (self, key);
  w.key_lane = key;
  w.i0 = i0;
  w.i1 = i1;
  w.best = importance_argmax (index, i0, i1);
  w.key = index->keys[w.best];
  heap_push (heap, &w);
}

/* Level of detail: most important first, the rest counted per bin. */
static void
layout_aggregated (ChronoLayout *self,
                   GArray       *straddlers,
                   guint         n_visible,
                   PangoContext *context)
{
  const ChronoViewport *vp = &self->viewport;
  double span = vp->end - vp->start;
  g_autoptr(GArray) heap = g_array_new (FALSE, FALSE, sizeof (Window));
  g_autofree guint *placed_in_bin = NULL;
  g_autofree guint *unplaced_straddlers = NULL;
  g_autofree ChronoTime *straddler_lo = NULL;
  g_autofree double *bin_time = NULL;
  guint n_windows = MAX (1, (guint) ceil (vp->width / LOD_WINDOW_PX));
  guint n_bins, attempts = 0;
  double bin_px;
  guint n_items_before = self->items->len;

  /* Straddling ranges first: they are few and often the long ones. */
  unplaced_straddlers = g_new0 (guint, self->n_display);
  straddler_lo = g_new (ChronoTime, self->n_display);
  for (guint l = 0; l < self->n_display; l++)
    straddler_lo[l] = CHRONO_TIME_MAX;
  g_array_sort_with_data (straddlers, _chrono_layout_compare_by_importance, (gpointer) self->spans);
  for (guint i = 0; i < straddlers->len; i++)
    {
      guint32 pos = g_array_index (straddlers, guint32, i);

      if (!_chrono_layout_place_event (self, pos, context, FALSE))
        {
          guint lane = _chrono_layout_display_lane_of (self, pos);

          unplaced_straddlers[lane]++;
          straddler_lo[lane] = MIN (straddler_lo[lane], self->spans[pos].lo);
        }
    }
  n_items_before = self->items->len;

  for (guint k = 0; k < self->key_positions->len; k++)
    {
      guint prev = _chrono_layout_key_lower_bound (self, k, vp->start);

      for (guint w = 1; w <= n_windows; w++)
        {
          double t = w == n_windows ? vp->end : vp->start + span * w / n_windows;
          guint next = _chrono_layout_key_lower_bound (self, k, t);

          push_window (self, heap, k, prev, next);
          prev = next;
        }
    }

  while (heap->len > 0 && attempts < LOD_ATTEMPTS)
    {
      Window w = heap_pop (heap);
      GArray *positions = g_ptr_array_index (self->key_positions, w.key_lane);

      _chrono_layout_place_event (self, g_array_index (positions, guint32, w.best), context, FALSE);
      attempts++;
      push_window (self, heap, w.key_lane, w.i0, w.best);
      push_window (self, heap, w.key_lane, w.best + 1, w.i1);
    }

  /* Bins wide enough for the widest possible badge. */
  bin_px = MAX (MIN_CLUSTER_BIN_PX, _chrono_layout_badge_width (self, n_visible) + CLUSTER_GAP);
  n_bins = MAX (1, (guint) ceil (vp->width / bin_px));
  bin_time = g_new (double, n_bins + 1);
  for (guint b = 0; b < n_bins; b++)
    bin_time[b] = vp->start + span * (b * bin_px) / vp->width;
  bin_time[n_bins] = vp->end;

  placed_in_bin = g_new0 (guint, (gsize) n_bins * self->n_display);
  for (guint i = n_items_before; i < self->items->len; i++)
    {
      const ChronoLayoutItem *item = &g_array_index (self->items, ChronoLayoutItem, i);
      double lo = (double) self->spans[item->position].lo;
      guint a = 0, b = n_bins;

      /* Same predicate as the counting below: bin b holds lo in [t_b, t_b+1). */
      while (a + 1 < b)
        {
          guint mid = (a + b) / 2;

          if (lo >= bin_time[mid])
            a = mid;
          else
            b = mid;
        }
      placed_in_bin[(gsize) item->lane * n_bins + a]++;
    }

  for (guint l = 0; l < self->n_display; l++)
    {
      for (guint b = 0; b < n_bins; b++)
        {
          guint count = 0;
          ChronoTime lo = (ChronoTime) floor (bin_time[b]);

          for (guint k = 0; k < self->key_positions->len; k++)
            {
              guint i0, i1;

              if (MIN (k, self->n_display - 1) != l)
                continue;
              i0 = _chrono_layout_key_lower_bound (self, k, bin_time[b]);
              i1 = _chrono_layout_key_lower_bound (self, k, bin_time[b + 1]);
              count += i1 - i0;
            }
          count -= placed_in_bin[(gsize) l * n_bins + b];
          if (b == 0)
            {
              count += unplaced_straddlers[l];
              if (unplaced_straddlers[l] > 0)
                lo = MIN (lo, straddler_lo[l]);
            }
          if (count > 0)
            _chrono_layout_add_cluster (self, l, b * bin_px, count, lo,
                                        (ChronoTime) ceil (bin_time[b + 1]), context);
        }
    }
}

/* Histogram of event starts per lane, for zoomed-out views. */
static void
compute_density (ChronoLayout *self)
{
  const ChronoViewport *vp = &self->viewport;
  guint n_bins = MAX (1, (guint) ceil (vp->width / DENSITY_BIN_PX));
  double span = vp->end - vp->start;

  for (guint l = 0; l < self->n_display; l++)
    {
      ChronoLayoutDensity d = { 0 };
      const DisplayLane *dl = &self->display[l];

      d.lane = (guint16) l;
      d.x0 = 0.0;
      d.bin_width = DENSITY_BIN_PX;
      d.n_bins = n_bins;
      d.counts = g_new0 (guint, n_bins);
      /* Its own strip between the rows and the badges, so that bars never
       * cover the labels of the bottom row. */
      d.y1 = dl->y1 - (dl->strip ? CHRONO_CLUSTER_STRIP : 0.0);
      d.y0 = MAX (dl->rows_top + dl->n_rows * CHRONO_ROW_HEIGHT, d.y1 - CHRONO_DENSITY_STRIP);
      for (guint k = 0; k < self->key_positions->len; k++)
        {
          guint prev;

          if (MIN (k, self->n_display - 1) != l)
            continue;
          prev = _chrono_layout_key_lower_bound (self, k, vp->start);
          for (guint b = 0; b < n_bins; b++)
            {
              double t = b + 1 == n_bins ? vp->end : vp->start + span * ((b + 1) * DENSITY_BIN_PX) / vp->width;
              guint next = _chrono_layout_key_lower_bound (self, k, t);

              d.counts[b] += next - prev;
              prev = next;
            }
        }
      for (guint b = 0; b < n_bins; b++)
        d.max_count = MAX (d.max_count, d.counts[b]);
      g_array_append_val (self->density, d);
    }
}

/* Zoomed out with @n lanes of @rows: every lane has a strip for badges and
 * one for its histogram. */
void
_chrono_layout_update_zoomed_out (ChronoLayout *self,
                                  guint         n,
                                  const guint  *rows,
                                  GArray       *straddlers,
                                  guint         n_visible,
                                  PangoContext *context)
{
  _chrono_layout_init_display (self, n, _chrono_layout_rows_for_lanes (self, 1));
  for (guint l = 0; l < n; l++)
    {
      self->display[l].strip = TRUE;
      self->display[l].density = TRUE;
    }
  _chrono_layout_arrange_lanes (self, rows);
  layout_aggregated (self, straddlers, n_visible, context);
  compute_density (self);
}
