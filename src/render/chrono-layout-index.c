/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-layout"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "chrono-layout-internal.h"

/* The index over the timeline's spans that every update queries: non-point
 * events by length class and ongoing ranges (built once per timeline
 * change), the show mask and lane keys (once per filter or lane change),
 * and per lane the importance summaries of level of detail, a pyramid of
 * block maxima (searched for a range's most important event by
 * chrono-layout-zoomed-out.c, its only user). Also the queries over them:
 * where a time falls in a lane, events reaching into the view from before
 * it and candidates starting in it. */

static void importance_index_free (gpointer data);

static inline guint32
importance_key (const ChronoSpan *spans,
                guint32           position)
{
  guint32 h = position;

  /* Ties broken by a hash of the position so that equally important events
   * are picked evenly across the view instead of left to right. */
  h ^= h >> 16;
  h *= 0x7feb352d;
  h ^= h >> 15;
  h *= 0x846ca68b;
  h ^= h >> 16;
  return ((guint32) MIN (spans[position].importance, 127) << 24) | (h >> 8);
}

/* First index in @positions whose start (as a double) is >= @time. */
static guint
lower_bound_in (const ChronoSpan *spans,
                const guint32    *positions,
                guint             n,
                double            time)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if ((double) spans[positions[mid]].lo < time)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

void
_chrono_layout_invalidate_lanes (ChronoLayout *self)
{
  self->lanes_valid = FALSE;
  self->plan.valid = FALSE;
  g_clear_pointer (&self->shown, g_free);
  g_clear_pointer (&self->key_of, g_free);
  g_clear_pointer (&self->key_names, g_ptr_array_unref);
  g_clear_pointer (&self->key_positions, g_ptr_array_unref);
  g_clear_pointer (&self->key_index, g_ptr_array_unref);
}

void
_chrono_layout_invalidate_index (ChronoLayout *self)
{
  self->index_valid = FALSE;
  self->spans = NULL;
  self->n_spans = 0;
  for (guint c = 0; c < N_CLASSES; c++)
    g_clear_pointer (&self->classes[c], g_array_unref);
  g_clear_pointer (&self->open_ends, g_array_unref);
  g_clear_pointer (&self->label_widths, g_free);
  _chrono_layout_invalidate_lanes (self);
}

static void
ensure_index (ChronoLayout *self)
{
  if (self->index_valid)
    return;

  self->spans = chrono_timeline_get_spans (self->timeline, &self->n_spans);
  for (guint i = 0; i < self->n_spans; i++)
    {
      const ChronoSpan *span = &self->spans[i];
      guint64 length;
      guint c;
      guint32 pos = i;

      if (_chrono_layout_span_is_point (span))
        continue;
      if (span->flags & CHRONO_SPAN_OPEN_END)
        {
          if (self->open_ends == NULL)
            self->open_ends = g_array_new (FALSE, FALSE, sizeof (guint32));
          g_array_append_val (self->open_ends, pos);
          continue;
        }
      length = span->hi > span->lo ? (guint64) span->hi - (guint64) span->lo : 1;
      c = MIN (g_bit_storage (length), N_CLASSES - 1);
      if (self->classes[c] == NULL)
        self->classes[c] = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_array_append_val (self->classes[c], pos);
    }
  self->label_widths = g_new (float, MAX (self->n_spans, 1));
  for (guint i = 0; i < self->n_spans; i++)
    self->label_widths[i] = -1.f;
  self->width_context = NULL;
  self->index_valid = TRUE;
}

static guint
intern_key (GHashTable *ids,
            GPtrArray  *names,
            const char *name)
{
  gpointer value;

  if (g_hash_table_lookup_extended (ids, name, NULL, &value))
    return GPOINTER_TO_UINT (value);
  g_ptr_array_add (names, g_strdup (name));
  g_hash_table_insert (ids, g_strdup (name), GUINT_TO_POINTER (names->len - 1));
  return names->len - 1;
}

/* Lane keys: groups and categories by index, actors by first appearance.
 * An event with several actors sits in its first actor's lane. Only keys
 * that have events get a lane; events without one share a last lane. */
static void
build_keys (ChronoLayout *self)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree guint *raw = g_new (guint, MAX (self->n_spans, 1));
  g_autofree guint *remap = NULL;
  guint n_raw = 0;
  guint none = G_MAXUINT;
  const char *none_name = NULL;
  guint n_keys = 0;

  switch (self->lanes)
    {
    case CHRONO_LANES_GROUP:
      n_raw = chrono_timeline_get_n_groups (self->timeline);
      for (guint g = 0; g < n_raw; g++)
        g_ptr_array_add (names, g_strdup (chrono_timeline_get_group_name (self->timeline, g)));
      for (guint i = 0; i < self->n_spans; i++)
        raw[i] = self->spans[i].group < n_raw ? self->spans[i].group : G_MAXUINT;
      none_name = _("No group");
      break;
    case CHRONO_LANES_CATEGORY:
      {
        GListModel *categories = chrono_timeline_get_categories (self->timeline);

        n_raw = g_list_model_get_n_items (categories);
        for (guint c = 0; c < n_raw; c++)
          {
            g_autoptr(ChronoCategory) category = g_list_model_get_item (categories, c);
            const char *name = chrono_category_get_name (category);

            if (name == NULL || *name == '\0')
              name = chrono_category_get_id (category);
            g_ptr_array_add (names, g_strdup (name != NULL ? name : ""));
          }
        for (guint i = 0; i < self->n_spans; i++)
          raw[i] = self->spans[i].category < n_raw ? self->spans[i].category : G_MAXUINT;
        none_name = _("Uncategorized");
      }
      break;
    case CHRONO_LANES_ACTOR:
      {
        /* Actors are interned by the timeline: consecutive equal pointers
         * skip the hash, and no ChronoEvent is made per event. */
        const char *last_actor = NULL;
        guint last_key = G_MAXUINT;

        for (guint i = 0; i < self->n_spans; i++)
          {
            const char *actor = chrono_timeline_get_event_first_actor (self->timeline, i);

            if (actor == NULL || actor[0] == '\0')
              raw[i] = G_MAXUINT;
            else if (actor == last_actor)
              raw[i] = last_key;
            else
              {
                last_actor = actor;
                last_key = raw[i] = intern_key (ids, names, actor);
              }
          }
      }
      n_raw = names->len;
      none_name = _("No actor");
      break;
    case CHRONO_LANES_NONE:
    default:
      g_assert_not_reached ();
    }

  /* Keep keys that have events, in their order. */
  remap = g_new (guint, n_raw + 1);
  {
    g_autofree gboolean *used = g_new0 (gboolean, n_raw + 1);

    for (guint i = 0; i < self->n_spans; i++)
      used[raw[i] == G_MAXUINT ? n_raw : raw[i]] = TRUE;
    self->key_names = g_ptr_array_new_with_free_func (g_free);
    for (guint k = 0; k < n_raw; k++)
      if (used[k])
        {
          remap[k] = n_keys++;
          g_ptr_array_add (self->key_names, g_strdup (g_ptr_array_index (names, k)));
        }
    if (used[n_raw])
      {
        none = n_keys++;
        g_ptr_array_add (self->key_names, g_strdup (none_name));
      }
  }

  self->key_of = g_new (guint16, MAX (self->n_spans, 1));
  for (guint i = 0; i < self->n_spans; i++)
    self->key_of[i] = (guint16) (raw[i] == G_MAXUINT ? none : remap[raw[i]]);
}

void
_chrono_layout_ensure_lanes (ChronoLayout *self)
{
  guint n_keys;

  ensure_index (self);
  if (self->lanes_valid)
    return;

  if (self->filter != NULL)
    {
      self->shown = g_new (guint8, MAX (self->n_spans, 1));
      for (guint i = 0; i < self->n_spans; i++)
        self->shown[i] = self->filter (self->timeline, i, self->filter_data) ? 1 : 0;
    }

  /* More than 65535 distinct keys cannot be told apart on screen anyway. */
  if (self->lanes != CHRONO_LANES_NONE)
    build_keys (self);
  if (self->key_names == NULL || self->key_names->len == 0 || self->key_names->len > G_MAXUINT16)
    {
      g_clear_pointer (&self->key_of, g_free);
      g_clear_pointer (&self->key_names, g_ptr_array_unref);
    }

  n_keys = self->key_names != NULL ? self->key_names->len : 1;
  self->key_positions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->key_index = g_ptr_array_new_with_free_func (importance_index_free);
  {
    /* Counted first, so that a million positions are written once. */
    g_autofree guint *fill = g_new0 (guint, n_keys);

    for (guint i = 0; i < self->n_spans; i++)
      if (_chrono_layout_is_shown (self, i))
        fill[self->key_of != NULL ? self->key_of[i] : 0]++;
    for (guint k = 0; k < n_keys; k++)
      {
        GArray *positions = g_array_sized_new (FALSE, FALSE, sizeof (guint32), fill[k]);

        g_array_set_size (positions, fill[k]);
        fill[k] = 0;
        g_ptr_array_add (self->key_positions, positions);
        g_ptr_array_add (self->key_index, NULL);
      }
    for (guint i = 0; i < self->n_spans; i++)
      {
        guint k;

        if (!_chrono_layout_is_shown (self, i))
          continue;
        k = self->key_of != NULL ? self->key_of[i] : 0;
        g_array_index ((GArray *) g_ptr_array_index (self->key_positions, k), guint32, fill[k]++) = i;
      }
  }
  self->lanes_valid = TRUE;
}

const ImportanceIndex *
_chrono_layout_ensure_importance (ChronoLayout *self,
                                  guint         key)
{
  GArray *positions = g_ptr_array_index (self->key_positions, key);
  ImportanceIndex *index = g_ptr_array_index (self->key_index, key);
  const guint32 *pos = (const guint32 *) positions->data;
  guint n = positions->len;

  if (index != NULL)
    return index;

  index = g_new0 (ImportanceIndex, 1);
  index->n = n;
  index->keys = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    index->keys[i] = importance_key (self->spans, pos[i]);
  index->n_blocks = MAX (1, (n + BLOCK - 1) / BLOCK);
  index->tree = g_new0 (guint32, 2 * (gsize) index->n_blocks);
  index->block_lo = g_new (ChronoTime, index->n_blocks);
  for (guint b = 0; b < index->n_blocks; b++)
    index->block_lo[b] = b * BLOCK < n ? self->spans[pos[b * BLOCK]].lo : CHRONO_TIME_MAX;
  for (guint i = 0; i < n; i++)
    {
      guint32 *m = &index->tree[index->n_blocks + i / BLOCK];

      *m = MAX (*m, index->keys[i]);
    }
  for (guint b = index->n_blocks - 1; b >= 1; b--)
    index->tree[b] = MAX (index->tree[2 * b], index->tree[2 * b + 1]);
  g_ptr_array_index (self->key_index, key) = index;
  return index;
}

/* First index in the key's positions whose start (as a double) is >= @time. */
guint
_chrono_layout_key_lower_bound (ChronoLayout *self,
                                guint         key,
                                double        time)
{
  GArray *positions = g_ptr_array_index (self->key_positions, key);
  const ImportanceIndex *index;
  guint a = 0, b;

  if (positions->len == 0)
    return 0;
  index = _chrono_layout_ensure_importance (self, key);
  b = index->n_blocks;
  while (a < b)
    {
      guint mid = a + (b - a) / 2;

      if ((double) index->block_lo[mid] < time)
        a = mid + 1;
      else
        b = mid;
    }
  if (a == 0)
    return 0;
  /* Block a − 1 starts before @time and block a does not. */
  a = (a - 1) * BLOCK + 1;
  b = MIN (a - 1 + BLOCK, positions->len);
  return a + lower_bound_in (self->spans, (const guint32 *) positions->data + a, b - a, time);
}

static void
importance_index_free (gpointer data)
{
  ImportanceIndex *index = data;

  if (index == NULL)
    return;
  g_free (index->keys);
  g_free (index->tree);
  g_free (index->block_lo);
  g_free (index);
}

int
_chrono_layout_compare_by_importance (gconstpointer a,
                                      gconstpointer b,
                                      gpointer      user_data)
{
  const ChronoSpan *spans = user_data;
  guint32 pa = *(const guint32 *) a, pb = *(const guint32 *) b;

  if (spans[pa].importance != spans[pb].importance)
    return spans[pa].importance > spans[pb].importance ? -1 : 1;
  return (pa > pb) - (pa < pb);
}

/* Non-point events of this key that start before the view and reach into it,
 * found per length class: an event shorter than 2^c starts after start − 2^c. */
void
_chrono_layout_collect_straddlers (ChronoLayout *self,
                                   GArray       *out)
{
  double start = self->viewport.start;

  for (guint c = 0; c < N_CLASSES; c++)
    {
      GArray *cls = self->classes[c];
      const guint32 *pos;
      guint i;

      if (cls == NULL)
        continue;
      pos = (const guint32 *) cls->data;
      i = lower_bound_in (self->spans, pos, cls->len, start - ldexp (1.0, (int) c) - 1.0);
      for (; i < cls->len; i++)
        {
          const ChronoSpan *span = &self->spans[pos[i]];

          if ((double) span->lo >= start)
            break;
          if ((double) span->hi > start && _chrono_layout_is_shown (self, pos[i]))
            g_array_append_val (out, pos[i]);
        }
    }
  /* Ongoing ranges end today, wherever their start's extent ends. */
  for (guint i = 0; self->open_ends != NULL && i < self->open_ends->len; i++)
    {
      guint32 p = g_array_index (self->open_ends, guint32, i);
      const ChronoSpan *span = &self->spans[p];

      if ((double) span->lo >= start)
        break;
      if (_chrono_layout_span_end (self, span) > start && _chrono_layout_is_shown (self, p))
        g_array_append_val (out, p);
    }
}

/* Adds the events that start in view to @candidates (which holds those
 * that reach in from before) and sorts them most important first. */
void
_chrono_layout_collect_candidates (ChronoLayout *self,
                                   GArray       *candidates)
{
  double start = self->viewport.start, end = self->viewport.end;

  for (guint k = 0; k < self->key_positions->len; k++)
    {
      GArray *positions = g_ptr_array_index (self->key_positions, k);
      const guint32 *pos = (const guint32 *) positions->data;
      guint i = _chrono_layout_key_lower_bound (self, k, start);

      for (; i < positions->len && (double) self->spans[pos[i]].lo < end; i++)
        g_array_append_val (candidates, pos[i]);
    }
  g_array_sort_with_data (candidates, _chrono_layout_compare_by_importance, (gpointer) self->spans);
}
