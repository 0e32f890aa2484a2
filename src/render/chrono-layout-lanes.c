/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-layout"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "chrono-layout-internal.h"

/* Lanes as drawn: their rows, sharing the view's height among them by what
 * they need, putting them one under the other with their names, the
 * detailed layout (every event in view tried, most important first) and the
 * lane plan that an update keeps while the user pans at one zoom, with the
 * rule for when it must be made again. */

/* Rows a strip of badges takes from a lane. */
#define STRIP_ROWS ((guint) ceil (CHRONO_CLUSTER_STRIP / CHRONO_ROW_HEIGHT))
#define DENSITY_ROWS ((guint) ceil (CHRONO_DENSITY_STRIP / CHRONO_ROW_HEIGHT))

static void
clear_lane_rows (DisplayLane *dl)
{
  for (guint r = 0; r < dl->n_rows_alloc; r++)
    if (dl->rows[r] != NULL)
      g_array_unref (dl->rows[r]);
  g_clear_pointer (&dl->rows, g_free);
  g_clear_pointer (&dl->at_origin, g_free);
  dl->n_rows = dl->n_rows_alloc = 0;
}

/* Empties a lane and gives it @n_rows rows to place events in. */
static void
reset_lane (DisplayLane *dl,
            guint        n_rows)
{
  clear_lane_rows (dl);
  dl->rows = g_new0 (GArray *, MAX (n_rows, 1));
  dl->at_origin = g_new0 (guint8, MAX (n_rows, 1));
  dl->n_rows = dl->n_rows_alloc = n_rows;
  dl->n_at_origin = 0;
  dl->rows_used = 0;
  dl->strip = FALSE;
  dl->density = FALSE;
  if (dl->folded == NULL)
    dl->folded = g_array_new (FALSE, FALSE, sizeof (Folded));
  g_array_set_size (dl->folded, 0);
}

void
_chrono_layout_free_display (ChronoLayout *self)
{
  for (guint l = 0; l < self->n_display_alloc; l++)
    {
      clear_lane_rows (&self->display[l]);
      g_clear_pointer (&self->display[l].folded, g_array_unref);
    }
  g_clear_pointer (&self->display, g_free);
  self->n_display = self->n_display_alloc = 0;
}

void
_chrono_layout_init_display (ChronoLayout *self,
                             guint         n_lanes,
                             guint         n_rows)
{
  _chrono_layout_free_display (self);
  self->display = g_new0 (DisplayLane, n_lanes);
  self->n_display = self->n_display_alloc = n_lanes;
  for (guint l = 0; l < n_lanes; l++)
    reset_lane (&self->display[l], n_rows);
}

static double
lane_header (ChronoLayout *self)
{
  return self->key_names != NULL ? CHRONO_LANE_HEADER : 0.0;
}

static double
events_height (ChronoLayout *self)
{
  return MAX (0.0, self->viewport.height - self->events_top);
}

/* Rows of @n lanes together, beside their headers. */
guint
_chrono_layout_rows_for_lanes (ChronoLayout *self,
                               guint         n)
{
  double room = events_height (self) - n * lane_header (self);

  return room > 0 ? (guint) floor (room / CHRONO_ROW_HEIGHT) : 0;
}

/* Shares @total rows among @n lanes: first each its @min, then one at a
 * time to the lane with fewest among those that want more (no lane gets
 * more than another unless it has all it wants), then what is left round. */
static void
share_rows (const guint *want,
            const guint *min,
            guint        n,
            guint        total,
            guint       *out)
{
  guint left = total;

  for (guint l = 0; l < n; l++)
    {
      out[l] = MIN (min[l], left);
      left -= out[l];
    }
  while (left > 0)
    {
      guint best = G_MAXUINT;

      for (guint l = 0; l < n; l++)
        if (out[l] < want[l] && (best == G_MAXUINT || out[l] < out[best]))
          best = l;
      if (best == G_MAXUINT)
        break;
      out[best]++;
      left--;
    }
  for (guint l = 0; l < n; l++)
    out[l] += left / n + (l < left % n ? 1 : 0);
}

/* Puts the lanes one under the other, @rows[l] rows each and the spare
 * pixels spread, with a badge strip at the bottom of those that have one,
 * and names them. */
void
_chrono_layout_arrange_lanes (ChronoLayout *self,
                              const guint  *rows)
{
  double header = lane_header (self);
  guint n = self->n_display;
  guint n_keys = self->key_positions->len;
  guint total = 0;
  double extra, y = self->events_top;

  for (guint l = 0; l < n; l++)
    total += rows[l];
  extra = MAX (0.0, (events_height (self) - n * header - total * CHRONO_ROW_HEIGHT) / n);
  for (guint l = 0; l < n; l++)
    {
      DisplayLane *dl = &self->display[l];
      double h = header + rows[l] * CHRONO_ROW_HEIGHT + extra;
      double room = h - header - (dl->strip ? CHRONO_CLUSTER_STRIP : 0.0)
                    - (dl->density ? CHRONO_DENSITY_STRIP : 0.0);

      dl->y0 = y;
      dl->y1 = y + h;
      dl->rows_top = y + header;
      dl->cluster_y = dl->y1 - CHRONO_CLUSTER_STRIP + (CHRONO_CLUSTER_STRIP - CHRONO_CLUSTER_HEIGHT) / 2;
      dl->n_rows = MIN (dl->n_rows_alloc, room > 0 ? (guint) floor (room / CHRONO_ROW_HEIGHT + 1e-9) : 0);
      y += h;

      if (self->key_names != NULL)
        {
          ChronoLayoutLane lane;

          if (l + 1 == n && n_keys > n)
            lane.name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more lane", "%u more lanes",
                                                      n_keys - n + 1),
                                         n_keys - n + 1);
          else
            lane.name = g_strdup (g_ptr_array_index (self->key_names, l));
          lane.y0 = dl->y0;
          lane.y1 = dl->y1;
          g_array_append_val (self->lanes_layout, lane);
        }
    }
}

/* From row indices to rows on the picture. */
void
_chrono_layout_place_rows (ChronoLayout *self)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      ChronoLayoutItem *item = &g_array_index (self->items, ChronoLayoutItem, i);
      const DisplayLane *dl = &self->display[item->lane];

      item->y = dl->rows_top + item->y * CHRONO_ROW_HEIGHT;
    }
}

/* Items of lanes from @first on are taken out; with @fold_rows those in
 * rows their lane no longer has are folded instead. */
static void
remove_items (ChronoLayout *self,
              guint         first,
              gboolean      fold_rows)
{
  guint j = 0;

  for (guint i = 0; i < self->items->len; i++)
    {
      const ChronoLayoutItem *item = &g_array_index (self->items, ChronoLayoutItem, i);
      DisplayLane *dl = &self->display[item->lane];

      if (fold_rows && (guint) item->y >= dl->n_rows)
        {
          const ChronoSpan *span = &self->spans[item->position];
          Folded f = { CLAMP (item->x0, 0.0, self->viewport.width), span->lo, span->hi };

          g_array_append_val (dl->folded, f);
          continue;
        }
      if (!fold_rows && item->lane >= first)
        continue;
      if (j != i)
        {
          g_array_index (self->items, ChronoLayoutItem, j) = *item;
          g_array_index (self->boxes, ItemBox, j) = g_array_index (self->boxes, ItemBox, i);
        }
      j++;
    }
  g_array_set_size (self->items, j);
  g_array_set_size (self->boxes, j);
}

static void
lane_wants (const DisplayLane *dl,
            guint              max_rows,
            guint             *want,
            guint             *min)
{
  /* Folded with every row it could have: it wants more than it can get. */
  *want = dl->folded->len > 0 ? max_rows + 1 : MAX (dl->rows_used, 1);
  *min = *want > 1 ? 1 + STRIP_ROWS : 1;
}

/* Remembers the lanes as planned for this update (see LanePlan). */
void
_chrono_layout_save_plan (ChronoLayout *self,
                          gboolean      aggregated,
                          const guint  *rows)
{
  LanePlan *plan = &self->plan;

  /* Without lanes there is one lane, always as tall as the view. */
  plan->valid = self->key_names != NULL;
  plan->aggregated = aggregated;
  plan->span = self->viewport.end - self->viewport.start;
  plan->width = self->viewport.width;
  plan->height = self->viewport.height;
  plan->events_top = self->events_top;
  plan->today = self->today;
  plan->n = self->n_display;
  g_free (plan->rows);
  plan->rows = g_memdup2 (rows, self->n_display * sizeof (guint));
}

/* Whether this update pans from @last_start at the zoom, size and mode of
 * the last plan; changes to what lanes hold or to label widths clear it. */
gboolean
_chrono_layout_plan_matches (ChronoLayout *self,
                             gboolean      aggregated,
                             double        last_start)
{
  const LanePlan *plan = &self->plan;
  double span = self->viewport.end - self->viewport.start;

  /* Panning moves both ends alike, which may round the span by a few ulps:
   * a change that moves the right edge by under 0.01 px is no zoom. A jump
   * to a view that does not overlap the last one is no pan either. */
  return plan->valid && plan->aggregated == aggregated
         && fabs (span - plan->span) * plan->width <= 0.01 * plan->span
         && fabs (self->viewport.start - last_start) < span
         && plan->width == self->viewport.width && plan->height == self->viewport.height
         && plan->events_top == self->events_top && plan->today == self->today;
}

/* Every event in view is tried, most important first. Each lane first has
 * all the rows the picture could give it, so what it takes is what it
 * needs; then lanes get rows by need, and one that needs more than it gets
 * keeps a strip for "+N" badges. Greedy placement in fewer rows puts the
 * same events in the same rows as in more and folds the rest, so
 * the rows a lane cannot have just fold their events: one pass places all. */
void
_chrono_layout_update_detailed (ChronoLayout *self,
                                GArray       *candidates,
                                PangoContext *context)
{
  double header = lane_header (self);
  guint n_keys = self->key_positions->len;
  guint max_rows = _chrono_layout_rows_for_lanes (self, 1);
  guint n_try, n;
  g_autofree guint *want = NULL;
  g_autofree guint *min = NULL;
  g_autofree guint *rows = NULL;

  /* As many lanes as could have a row each; the last takes the other keys. */
  n_try = header > 0 ? MIN (n_keys, MAX (1, (guint) floor (events_height (self) / (header + CHRONO_ROW_HEIGHT)))) : 1;
  _chrono_layout_init_display (self, n_try, max_rows);
  for (guint i = 0; i < candidates->len; i++)
    _chrono_layout_place_event (self, g_array_index (candidates, guint32, i), context, TRUE);

  want = g_new (guint, n_try);
  min = g_new (guint, n_try);
  rows = g_new (guint, n_try);
  for (guint l = 0; l < n_try; l++)
    lane_wants (&self->display[l], max_rows, &want[l], &min[l]);

  /* The most lanes that fit with their least; when not all, the last lane
   * stands for the rest and needs room for badges. */
  for (n = n_try; n > 1; n--)
    {
      guint sum = n == n_try ? min[n - 1] : 1 + STRIP_ROWS;

      for (guint l = 0; l + 1 < n; l++)
        sum += min[l];
      if (sum <= _chrono_layout_rows_for_lanes (self, n))
        break;
    }
  if (n < n_try)
    {
      remove_items (self, n - 1, FALSE);
      for (guint l = n - 1; l < n_try; l++)
        reset_lane (&self->display[l], l == n - 1 ? max_rows : 0);
      self->n_display = n;
      for (guint i = 0; i < candidates->len; i++)
        {
          guint32 pos = g_array_index (candidates, guint32, i);

          if (_chrono_layout_display_lane_of (self, pos) == n - 1)
            _chrono_layout_place_event (self, pos, context, TRUE);
        }
      lane_wants (&self->display[n - 1], max_rows, &want[n - 1], &min[n - 1]);
    }

  share_rows (want, min, n, _chrono_layout_rows_for_lanes (self, n), rows);
  for (guint l = 0; l < n; l++)
    self->display[l].strip = want[l] > rows[l];
  _chrono_layout_arrange_lanes (self, rows);
  remove_items (self, 0, TRUE);
  _chrono_layout_cluster_folded (self, context);
  _chrono_layout_save_plan (self, FALSE, rows);
}

/* Panning at the zoom of the last plan: the lanes keep its heights, and
 * events are placed as _chrono_layout_update_detailed() places them, so
 * that at the view it was planned for a kept plan shows exactly what a new
 * one does. A lane that wants more rows than it has keeps a strip for
 * badges: the lanes that fold, and only those. */
void
_chrono_layout_update_detailed_kept (ChronoLayout *self,
                                     GArray       *candidates,
                                     PangoContext *context)
{
  guint max_rows = _chrono_layout_rows_for_lanes (self, 1);

  _chrono_layout_init_display (self, self->plan.n, max_rows);
  for (guint i = 0; i < candidates->len; i++)
    _chrono_layout_place_event (self, g_array_index (candidates, guint32, i), context, TRUE);
  for (guint l = 0; l < self->n_display; l++)
    {
      guint want, min;

      lane_wants (&self->display[l], max_rows, &want, &min);
      self->display[l].strip = want > self->plan.rows[l];
    }
  _chrono_layout_arrange_lanes (self, self->plan.rows);
  remove_items (self, 0, TRUE);
  _chrono_layout_cluster_folded (self, context);
}

/* Zoomed out, lanes share rows by how many events start in them, and all
 * keep a strip for badges: returns the rows of each of *n_lanes lanes. */
guint *
_chrono_layout_plan_aggregated (ChronoLayout *self,
                                guint        *n_lanes)
{
  double header = lane_header (self);
  guint n_keys = self->key_positions->len;
  guint max_rows = _chrono_layout_rows_for_lanes (self, 1);
  double min_lane = header + CHRONO_ROW_HEIGHT + CHRONO_CLUSTER_STRIP + CHRONO_DENSITY_STRIP;
  guint n = header > 0 ? MIN (n_keys, MAX (1, (guint) floor (events_height (self) / min_lane))) : 1;
  g_autofree guint *want = g_new0 (guint, n);
  g_autofree guint *min = g_new (guint, n);
  guint *rows = g_new (guint, n);

  for (guint k = 0; k < n_keys; k++)
    {
      guint l = MIN (k, n - 1);
      guint count = _chrono_layout_key_lower_bound (self, k, self->viewport.end)
                    - _chrono_layout_key_lower_bound (self, k, self->viewport.start);

      want[l] = MIN (want[l] + count, max_rows);
    }
  for (guint l = 0; l < n; l++)
    {
      want[l] += STRIP_ROWS + DENSITY_ROWS;
      min[l] = 1 + STRIP_ROWS + DENSITY_ROWS;
    }
  share_rows (want, min, n, _chrono_layout_rows_for_lanes (self, n), rows);
  *n_lanes = n;
  return rows;
}

/* The re-plan rule for lanes kept from the last plan: a new plan is due
 * when they hide events it could show, that is when a lane folds events
 * while the other lanes leave two rows or more empty between them (one is
 * the slack of sharing rows, and would re-plan on every event that comes
 * and goes), or when a lane with events in view has no row at all. A
 * fresh plan gives a lane only the rows it uses (one at least), so those
 * empty rows would go to the folding lane. Short of that the heights
 * stay: what does not fit folds into badges, and no event is lost. */
gboolean
_chrono_layout_kept_lanes_hide_events (ChronoLayout *self)
{
  g_autofree gboolean *folds = g_new0 (gboolean, self->n_display);
  gboolean any_folds = FALSE;
  guint spare = 0;

  for (guint i = 0; i < self->clusters->len; i++)
    folds[g_array_index (self->clusters, ChronoLayoutCluster, i).lane] = TRUE;
  for (guint l = 0; l < self->n_display; l++)
    {
      const DisplayLane *dl = &self->display[l];

      if (folds[l] && dl->n_rows == 0)
        return TRUE;
      if (folds[l])
        any_folds = TRUE;
      else if (dl->n_rows > MAX (dl->rows_used, 1))
        spare += dl->n_rows - MAX (dl->rows_used, 1);
    }
  return any_folds && spare >= 2;
}
