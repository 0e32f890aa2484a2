/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-layout"

#include "config.h"

#include <math.h>

#include "chrono-layout-internal.h"

/* Hit-testing: after each update the items are indexed by lane, row and x
 * and by position, so that a pointer finds its event with a binary search
 * in its row, then clusters, eras and the axis ticks under it;
 * chrono_layout_find_item() finds an event's item. */

/* Hit-test tables: items of each lane row sorted by x. */
static int
compare_hit_order (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  ChronoLayout *self = user_data;
  guint ia = *(const guint *) a, ib = *(const guint *) b;
  const ChronoLayoutItem *xa = &g_array_index (self->items, ChronoLayoutItem, ia);
  const ChronoLayoutItem *xb = &g_array_index (self->items, ChronoLayoutItem, ib);
  double ba = g_array_index (self->boxes, ItemBox, ia).box0;
  double bb = g_array_index (self->boxes, ItemBox, ib).box0;

  if (xa->lane != xb->lane)
    return xa->lane < xb->lane ? -1 : 1;
  if (xa->y != xb->y)
    return xa->y < xb->y ? -1 : 1;
  return (ba > bb) - (ba < bb);
}

static int
compare_by_position (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  ChronoLayout *self = user_data;
  guint pa = g_array_index (self->items, ChronoLayoutItem, *(const guint *) a).position;
  guint pb = g_array_index (self->items, ChronoLayoutItem, *(const guint *) b).position;

  return (pa > pb) - (pa < pb);
}

void
_chrono_layout_build_hit_tables (ChronoLayout *self)
{
  g_array_set_size (self->hit_order, self->items->len);
  g_array_set_size (self->by_position, self->items->len);
  for (guint i = 0; i < self->items->len; i++)
    {
      g_array_index (self->hit_order, guint, i) = i;
      g_array_index (self->by_position, guint, i) = i;
    }
  g_array_sort_with_data (self->hit_order, compare_hit_order, self);
  g_array_sort_with_data (self->by_position, compare_by_position, self);

  /* row_starts: for lane l, row r at display[l].first_hit + r; one more per lane. */
  g_array_set_size (self->row_starts, 0);
  {
    guint j = 0;

    for (guint l = 0; l < self->n_display; l++)
      {
        DisplayLane *dl = &self->display[l];

        dl->first_hit = self->row_starts->len;
        for (guint r = 0; r <= dl->n_rows; r++)
          {
            double row_y = dl->rows_top + r * CHRONO_ROW_HEIGHT;

            while (j < self->hit_order->len)
              {
                const ChronoLayoutItem *item =
                  &g_array_index (self->items, ChronoLayoutItem, g_array_index (self->hit_order, guint, j));

                if (item->lane > l || (item->lane == l && item->y >= row_y))
                  break;
                j++;
              }
            g_array_append_val (self->row_starts, j);
          }
      }
  }
}

static gboolean
hit_items (ChronoLayout *self,
           double        x,
           double        y,
           ChronoHit    *hit)
{
  for (guint l = 0; l < self->n_display; l++)
    {
      const DisplayLane *dl = &self->display[l];
      guint r, a, b;

      if (y < dl->rows_top || y >= dl->rows_top + dl->n_rows * CHRONO_ROW_HEIGHT)
        continue;
      r = (guint) floor ((y - dl->rows_top) / CHRONO_ROW_HEIGHT);
      if (r >= dl->n_rows)
        return FALSE;
      a = g_array_index (self->row_starts, guint, dl->first_hit + r);
      b = g_array_index (self->row_starts, guint, dl->first_hit + r + 1);
      /* Last item whose box starts at or before x. */
      while (a < b)
        {
          guint mid = a + (b - a) / 2;
          guint idx = g_array_index (self->hit_order, guint, mid);

          if (g_array_index (self->boxes, ItemBox, idx).box0 <= x)
            a = mid + 1;
          else
            b = mid;
        }
      if (a == g_array_index (self->row_starts, guint, dl->first_hit + r))
        return FALSE;
      {
        guint idx = g_array_index (self->hit_order, guint, a - 1);
        const ChronoLayoutItem *item = &g_array_index (self->items, ChronoLayoutItem, idx);
        const ItemBox *box = &g_array_index (self->boxes, ItemBox, idx);
        const ChronoSpan *span = &self->spans[item->position];

        if (x >= box->box1 || y < item->y || y >= item->y + item->height)
          return FALSE;
        hit->kind = CHRONO_HIT_EVENT;
        hit->position = item->position;
        hit->index = idx;
        hit->lo = span->lo;
        hit->hi = span->hi;
        hit->x = box->box0;
        hit->y = item->y;
        hit->width = box->box1 - CHRONO_LABEL_GAP - box->box0;
        hit->height = item->height;
        return TRUE;
      }
    }
  return FALSE;
}

gboolean
chrono_layout_hit_test (ChronoLayout *self,
                        double        x,
                        double        y,
                        ChronoHit    *hit)
{
  ChronoHit none = { 0 };

  g_return_val_if_fail (CHRONO_IS_LAYOUT (self), FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  *hit = none;
  hit->kind = CHRONO_HIT_NONE;
  if (x < 0.0 || y < 0.0 || x >= self->viewport.width || y >= self->viewport.height)
    return FALSE;

  if (y >= self->events_top && hit_items (self, x, y, hit))
    return TRUE;

  /* Clusters: sorted by lane then x, and disjoint within a lane. */
  for (guint i = 0; i < self->clusters->len; i++)
    {
      const ChronoLayoutCluster *c = &g_array_index (self->clusters, ChronoLayoutCluster, i);

      if (x >= c->x && x < c->x + c->width && y >= c->y && y < c->y + c->height)
        {
          hit->kind = CHRONO_HIT_CLUSTER;
          hit->index = i;
          hit->lo = c->lo;
          hit->hi = c->hi;
          hit->x = c->x;
          hit->y = c->y;
          hit->width = c->width;
          hit->height = c->height;
          return TRUE;
        }
    }

  if (y >= CHRONO_AXIS_HEIGHT)
    {
      /* Later eras are painted over earlier ones. */
      for (guint i = self->eras->len; i-- > 0;)
        {
          const ChronoLayoutEra *e = &g_array_index (self->eras, ChronoLayoutEra, i);
          g_autoptr(ChronoEra) era = NULL;

          if (x < e->x0 || x >= e->x1)
            continue;
          era = g_list_model_get_item (chrono_timeline_get_eras (self->timeline), e->index);
          hit->kind = CHRONO_HIT_ERA;
          hit->index = i;
          if (era != NULL)
            chrono_era_get_span (era, &hit->lo, &hit->hi);
          hit->x = MAX (e->x0, 0.0);
          hit->y = CHRONO_AXIS_HEIGHT;
          hit->width = MIN (e->x1, self->viewport.width) - hit->x;
          hit->height = self->viewport.height - CHRONO_AXIS_HEIGHT;
          return TRUE;
        }
      return FALSE;
    }

  if (self->ticks != NULL)
    {
      GArray *ticks = self->ticks->ticks;

      for (guint i = 0; i + 1 < ticks->len; i++)
        {
          const ChronoTick *a = &g_array_index (ticks, ChronoTick, i);
          const ChronoTick *b = &g_array_index (ticks, ChronoTick, i + 1);

          if (x >= a->x && x < b->x)
            {
              hit->kind = CHRONO_HIT_TICK;
              hit->index = i;
              hit->lo = a->time;
              hit->hi = b->time;
              hit->x = MAX (a->x, 0.0);
              hit->y = 0.0;
              hit->width = MIN (b->x, self->viewport.width) - hit->x;
              hit->height = CHRONO_AXIS_HEIGHT;
              return TRUE;
            }
        }
    }
  return FALSE;
}

const ChronoLayoutItem *
chrono_layout_find_item (ChronoLayout *self,
                         guint         position)
{
  guint a = 0, b;

  g_return_val_if_fail (CHRONO_IS_LAYOUT (self), NULL);

  b = self->by_position->len;
  while (a < b)
    {
      guint mid = a + (b - a) / 2;
      guint idx = g_array_index (self->by_position, guint, mid);
      guint p = g_array_index (self->items, ChronoLayoutItem, idx).position;

      if (p == position)
        return &g_array_index (self->items, ChronoLayoutItem, idx);
      if (p < position)
        a = mid + 1;
      else
        b = mid;
    }
  return NULL;
}
