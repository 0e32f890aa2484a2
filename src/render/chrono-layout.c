/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-layout"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "chrono-layout.h"
#include "chrono-render-private.h"

/* Up to this many events starting in view, every one is tried for a row;
 * beyond it the layout switches to level of detail: the most important
 * events (found with a per-lane pyramid of block maxima, see
 * ImportanceIndex) get labels and the rest are counted per bin with binary
 * searches over the same summary, without visiting them. */
#define DETAIL_MAX 2000
#define LOD_ATTEMPTS 1500
#define LOD_WINDOW_PX 160.0
#define DENSITY_BIN_PX 4.0
#define MIN_CLUSTER_BIN_PX 44.0
#define CLUSTER_PAD 8.0
#define CLUSTER_GAP 4.0
#define N_CLASSES 64
#define BLOCK 32              /* elements per block of the importance index */
#define ADVANCE_LATIN 0x0530  /* code points below: one advance table entry each */
#define ADVANCE_PUNCT_LO 0x2010
#define ADVANCE_PUNCT_HI 0x20c0
#define N_ADVANCES (ADVANCE_LATIN + ADVANCE_PUNCT_HI - ADVANCE_PUNCT_LO)

typedef struct {
  double start, end;
} Interval;

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

typedef struct {
  guint32 key;
  guint key_lane;
  guint i0, i1;   /* window into the key lane's positions */
  guint best;     /* index of its most important event */
} Window;

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

enum {
  PROP_0,
  PROP_TIMELINE,
  PROP_LANES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void importance_index_free (gpointer data);

G_DEFINE_FINAL_TYPE (ChronoLayout, chrono_layout, G_TYPE_OBJECT)

/* Helpers ------------------------------------------------------------------ */

static inline gboolean
span_is_point (const ChronoSpan *span)
{
  return (span->flags & (CHRONO_SPAN_RANGE | CHRONO_SPAN_IMPRECISE)) == 0;
}

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

static inline gboolean
is_shown (ChronoLayout *self,
          guint         position)
{
  return self->shown == NULL || self->shown[position];
}

/* Where a span ends as drawn: an ongoing range runs on to today. */
static inline double
span_end (ChronoLayout     *self,
          const ChronoSpan *span)
{
  if (span->flags & CHRONO_SPAN_OPEN_END)
    return MAX ((double) span->hi, self->open_end);
  return (double) span->hi;
}

/* A point known only to the day (or hour, minute) whose span is wide on
 * screen: a marker would claim an instant nobody reported, so it is drawn
 * as a band over the span. */
static inline gboolean
point_is_band (ChronoLayout     *self,
               const ChronoSpan *span)
{
  const ChronoViewport *vp = &self->viewport;

  return span->start_precision < CHRONO_PRECISION_SECOND
         && ((double) span->hi - (double) span->lo) * vp->width / (vp->end - vp->start) >= CHRONO_BAND_MIN_PX;
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

static void
invalidate_lanes (ChronoLayout *self)
{
  self->lanes_valid = FALSE;
  self->plan.valid = FALSE;
  g_clear_pointer (&self->shown, g_free);
  g_clear_pointer (&self->key_of, g_free);
  g_clear_pointer (&self->key_names, g_ptr_array_unref);
  g_clear_pointer (&self->key_positions, g_ptr_array_unref);
  g_clear_pointer (&self->key_index, g_ptr_array_unref);
}

static void
invalidate_index (ChronoLayout *self)
{
  self->index_valid = FALSE;
  self->spans = NULL;
  self->n_spans = 0;
  for (guint c = 0; c < N_CLASSES; c++)
    g_clear_pointer (&self->classes[c], g_array_unref);
  g_clear_pointer (&self->open_ends, g_array_unref);
  g_clear_pointer (&self->label_widths, g_free);
  invalidate_lanes (self);
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

      if (span_is_point (span))
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

static void
ensure_lanes (ChronoLayout *self)
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
      if (is_shown (self, i))
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

        if (!is_shown (self, i))
          continue;
        k = self->key_of != NULL ? self->key_of[i] : 0;
        g_array_index ((GArray *) g_ptr_array_index (self->key_positions, k), guint32, fill[k]++) = i;
      }
  }
  self->lanes_valid = TRUE;
}

static const ImportanceIndex *
ensure_importance (ChronoLayout *self,
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

/* First index in the key's positions whose start (as a double) is >= @time. */
static guint
key_lower_bound (ChronoLayout *self,
                 guint         key,
                 double        time)
{
  GArray *positions = g_ptr_array_index (self->key_positions, key);
  const ImportanceIndex *index;
  guint a = 0, b;

  if (positions->len == 0)
    return 0;
  index = ensure_importance (self, key);
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

void
_chrono_layout_append_label (ChronoLayout *self,
                             guint         position,
                             GString      *out)
{
  const char *title = chrono_timeline_get_event_title (self->timeline, position);
  guint8 flags = self->spans != NULL && position < self->n_spans ? self->spans[position].flags : 0;
  g_autoptr(GString) clean = NULL;

  if (title == NULL || *title == '\0')
    title = _("Untitled event");
  /* Mapped for display here, so that it is measured as it is drawn. */
  if (!_chrono_is_display_text (title))
    {
      clean = g_string_new (NULL);
      _chrono_append_display_text (clean, title);
      title = clean->str;
    }
  if (flags & CHRONO_SPAN_APPROXIMATE)
    /* TRANSLATORS: label of an event with an approximate date ("circa") */
    g_string_append_printf (out, C_("label", "c. %s"), title);
  else
    g_string_append (out, title);
  if (flags & CHRONO_SPAN_UNCERTAIN)
    /* TRANSLATORS: appended to the label of an event with an uncertain date */
    g_string_append (out, C_("label", " (?)"));
}

/* Characters whose shaped width is their advance alone (no marks, joins,
 * controls or line breaks), so a label's width is the sum of its
 * characters' advances; kerning only ever moves it by a little, which the
 * renderer's slack absorbs. */
static inline gint
advance_slot (gunichar c)
{
  if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0xad)
    return -1;
  if (c < 0x0300 || (c >= 0x0370 && c < 0x0483) || (c >= 0x048a && c < ADVANCE_LATIN))
    return (gint) c;
  if (c >= ADVANCE_PUNCT_LO && c < ADVANCE_PUNCT_HI
      && !(c >= 0x2028 && c < 0x2030) && !(c >= 0x205f && c < 0x2070))
    return (gint) (ADVANCE_LATIN + c - ADVANCE_PUNCT_LO);
  return -1;
}

static int
measure_pango_units (ChronoLayout *self,
                     const char   *text,
                     int           length)
{
  int width = 0;

  pango_layout_set_text (self->measure, text, length);
  pango_layout_get_size (self->measure, &width, NULL);
  return width;
}

/* Measuring a label with Pango costs tens of microseconds, and a new zoom
 * level tries well over a thousand labels: sum cached per-character
 * advances instead, and shape only text that needs it. */
static double
measure_label (ChronoLayout *self,
               const char   *text)
{
  gint64 sum = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gint slot = advance_slot (c);

      if (slot < 0)
        return (double) measure_pango_units (self, text, -1) / PANGO_SCALE;
      if (self->advances[slot] < 0)
        self->advances[slot] = measure_pango_units (self, p, (int) (g_utf8_next_char (p) - p));
      sum += self->advances[slot];
    }
  return (double) sum / PANGO_SCALE;
}

static double
label_width (ChronoLayout *self,
             guint         position)
{
  float w = self->label_widths[position];

  if (w < 0.f)
    {
      g_string_truncate (self->scratch, 0);
      _chrono_layout_append_label (self, position, self->scratch);
      w = (float) measure_label (self, self->scratch->str);
      self->label_widths[position] = w;
    }
  return w;
}

/* Forgets measurements made with another context or font setup. */
static void
ensure_measuring (ChronoLayout *self,
                  PangoContext *context)
{
  if (self->width_context == context && self->measure != NULL
      && self->width_serial == pango_context_get_serial (context))
    return;

  for (guint i = 0; i < self->n_spans; i++)
    self->label_widths[i] = -1.f;
  /* Other widths stack into other rows: lanes need a new plan. */
  self->plan.valid = FALSE;
  g_clear_object (&self->measure);
  g_clear_object (&self->measure_small);
  self->measure = _chrono_layout_new_for_font (context, CHRONO_FONT_LABEL);
  self->measure_small = _chrono_layout_new_for_font (context, CHRONO_FONT_SMALL);
  for (guint i = 0; i < G_N_ELEMENTS (self->badge_advances); i++)
    self->badge_advances[i] = -1;
  if (self->advances == NULL)
    self->advances = g_new (gint32, N_ADVANCES);
  for (guint i = 0; i < N_ADVANCES; i++)
    self->advances[i] = -1;
  self->width_context = context;
  self->width_serial = pango_context_get_serial (context);
}

/* Row occupancy ------------------------------------------------------------ */

/* Index of the first interval ending after @x. */
static guint
row_search (GArray *row,
            double  x)
{
  guint lo = 0, hi = row->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (row, Interval, mid).end <= x)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static gboolean
row_is_free_at (GArray *row,
                double  x)
{
  guint i;

  if (row == NULL)
    return TRUE;
  i = row_search (row, x);
  return i == row->len || g_array_index (row, Interval, i).start > x;
}

static gboolean
row_try_insert (GArray **row,
                double   start,
                double   end)
{
  Interval iv = { start, end };
  guint i;

  if (*row == NULL)
    *row = g_array_new (FALSE, FALSE, sizeof (Interval));
  i = row_search (*row, start);
  if (i < (*row)->len && g_array_index (*row, Interval, i).start < end)
    return FALSE;
  g_array_insert_val (*row, i, iv);
  return TRUE;
}

/* Placing ------------------------------------------------------------------ */

static guint
display_lane_of (ChronoLayout *self,
                 guint         position)
{
  guint key = self->key_of != NULL ? self->key_of[position] : 0;

  return MIN (key, self->n_display - 1);
}

/* Keeps a label inside the view: after its marker or bar start when it
 * fits there, else before the marker or bar when it fits there (as near
 * the right edge), else on the roomier side cut to the room, which the
 * renderer ellipsizes. Updates the label and the box the item takes. */
static void
fit_label (const ChronoViewport *vp,
           ChronoLayoutItem     *item,
           ItemBox              *box,
           double                natural)
{
  double x0 = item->x0, x1 = item->x1;
  double end = item->kind == CHRONO_ITEM_POINT ? x0 + CHRONO_POINT_RADIUS : x1;
  double dx = item->kind == CHRONO_ITEM_POINT ? CHRONO_POINT_LABEL_DX : CHRONO_BAR_LABEL_DX;
  double right_room = vp->width - CHRONO_LABEL_EDGE_PAD - item->label_x;
  /* Only a marker or bar that starts in view can have its label before it. */
  double left_room = x0 >= 0.0 ? x0 - dx : -1.0;
  double w = MIN (natural, CHRONO_LABEL_MAX_WIDTH);
  gboolean before;

  if (w <= right_room)
    before = FALSE;
  else if (w <= left_room)
    before = TRUE;
  else
    {
      before = left_room > right_room;
      w = MAX (before ? left_room : right_room, 1.0);
    }

  if (before)
    {
      item->label_x = x0 - dx - w;
      box->box0 = item->label_x - CHRONO_LABEL_GAP;
      box->box1 = MAX (x1, x0 + CHRONO_POINT_RADIUS + 2.0) + CHRONO_LABEL_GAP;
    }
  else
    box->box1 = MAX (item->label_x + w, end) + CHRONO_LABEL_GAP;
  item->label_width = w;
}

static GArray **
lane_row (DisplayLane *dl,
          guint        r)
{
  g_assert (r < dl->n_rows_alloc);
  return &dl->rows[r];
}

/* Tries to give the event a row in its lane; else records it as folded.
 * Returns whether it became an item (its y is the row index until
 * place_rows()). */
static gboolean
place_event (ChronoLayout *self,
             guint         position,
             PangoContext *context,
             gboolean      record_folded)
{
  const ChronoSpan *span = &self->spans[position];
  const ChronoViewport *vp = &self->viewport;
  guint lane = display_lane_of (self, position);
  DisplayLane *dl = &self->display[lane];
  ChronoLayoutItem item = { 0 };
  ItemBox box;
  double x0, x1;
  gboolean any_free = FALSE;
  gboolean origin_full;

  x0 = chrono_viewport_time_to_x (vp, (double) span->lo);
  if (span_is_point (span) && !point_is_band (self, span))
    {
      x1 = x0;
      item.kind = CHRONO_ITEM_POINT;
      item.label_x = x0 + CHRONO_POINT_LABEL_DX;
      box.box0 = x0 - CHRONO_POINT_RADIUS - 2.0;
    }
  else
    {
      x1 = chrono_viewport_time_to_x (vp, span_end (self, span));
      item.kind = (span->flags & CHRONO_SPAN_RANGE) ? CHRONO_ITEM_RANGE : CHRONO_ITEM_BAND;
      /* Inside a wide bar, after a narrow one. */
      if (x1 - MAX (x0, 0.0) >= CHRONO_NARROW_BAR)
        item.label_x = MAX (x0, 0.0) + CHRONO_BAR_LABEL_DX;
      else
        item.label_x = x1 + CHRONO_BAR_LABEL_DX;
      box.box0 = x0;
    }
  item.x0 = x0;
  item.x1 = x1;

  /* Skip the rows when every one is taken where the box would start (near
   * the right edge the label may go left). A range or band from before the
   * view has a box across [0, CHRONO_BAR_LABEL_DX): once every row has
   * something there, the many such events of a zoomed-in view fold at once. */
  origin_full = x0 < 0.0 && dl->n_at_origin == dl->n_rows;
  any_free = !origin_full && item.label_x + CHRONO_LABEL_MAX_WIDTH > vp->width - CHRONO_LABEL_EDGE_PAD;
  for (guint r = 0; r < dl->n_rows && !any_free && !origin_full; r++)
    any_free = row_is_free_at (*lane_row (dl, r), box.box0);

  if (any_free)
    {
      fit_label (vp, &item, &box, label_width (self, position));
      for (guint r = 0; r < dl->n_rows; r++)
        {
          if (!row_try_insert (lane_row (dl, r), box.box0, box.box1))
            continue;
          if (!dl->at_origin[r] && box.box0 < CHRONO_BAR_LABEL_DX && box.box1 > 0.0)
            {
              dl->at_origin[r] = TRUE;
              dl->n_at_origin++;
            }
          dl->rows_used = MAX (dl->rows_used, r + 1);
          item.position = position;
          item.flags = span->flags;
          item.lane = (guint16) lane;
          item.y = r;
          item.height = CHRONO_ROW_HEIGHT;
          g_array_append_val (self->items, item);
          g_array_append_val (self->boxes, box);
          return TRUE;
        }
    }

  if (record_folded)
    {
      Folded f = { CLAMP (x0, 0.0, vp->width), span->lo, span->hi };

      g_array_append_val (dl->folded, f);
    }
  return FALSE;
}

/* The "+N" badge: a thousand different counts would each need shaping, so
 * its width is summed from the advances of "+" and the digits. */
static double
badge_width (ChronoLayout *self,
             guint         count)
{
  char text[32];
  gint64 sum = 0;

  g_snprintf (text, sizeof text, "+%u", count);
  for (const char *c = text; *c != '\0'; c++)
    {
      guint slot = *c == '+' ? 10 : (guint) (*c - '0');

      if (self->badge_advances[slot] < 0)
        {
          pango_layout_set_text (self->measure_small, c, 1);
          pango_layout_get_size (self->measure_small, &self->badge_advances[slot], NULL);
        }
      sum += self->badge_advances[slot];
    }
  return (double) sum / PANGO_SCALE + 2 * CLUSTER_PAD;
}

static void
add_cluster (ChronoLayout *self,
             guint         lane,
             double        x,
             guint         count,
             ChronoTime    lo,
             ChronoTime    hi,
             PangoContext *context)
{
  DisplayLane *dl = &self->display[lane];
  ChronoLayoutCluster cluster = { 0 };

  cluster.width = badge_width (self, count);
  cluster.x = x;
  cluster.y = dl->cluster_y;
  cluster.height = CHRONO_CLUSTER_HEIGHT;
  cluster.count = count;
  cluster.lo = lo;
  cluster.hi = hi;
  cluster.lane = (guint16) lane;
  g_array_append_val (self->clusters, cluster);
}

static int
compare_folded (gconstpointer a,
                gconstpointer b)
{
  const Folded *fa = a, *fb = b;

  return (fa->x > fb->x) - (fa->x < fb->x);
}

/* Detailed mode: neighbouring folded events share one badge. */
static void
cluster_folded (ChronoLayout *self,
                PangoContext *context)
{
  for (guint l = 0; l < self->n_display; l++)
    {
      GArray *folded = self->display[l].folded;
      double prev_end = -G_MAXDOUBLE;
      guint i = 0;

      g_array_sort (folded, compare_folded);
      while (i < folded->len)
        {
          const Folded *first = &g_array_index (folded, Folded, i);
          ChronoTime lo = first->lo, hi = first->hi;
          double x = MAX (first->x, prev_end);
          guint count = 1;

          for (i++; i < folded->len; i++, count++)
            {
              const Folded *f = &g_array_index (folded, Folded, i);

              if (f->x >= x + badge_width (self, count + 1) + CLUSTER_GAP)
                break;
              lo = MIN (lo, f->lo);
              hi = MAX (hi, f->hi);
            }
          add_cluster (self, l, x, count, lo, hi, context);
          prev_end = x + badge_width (self, count) + CLUSTER_GAP;
        }
    }
}

static int
compare_by_importance (gconstpointer a,
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
static void
collect_straddlers (ChronoLayout *self,
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
          if ((double) span->hi > start && is_shown (self, pos[i]))
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
      if (span_end (self, span) > start && is_shown (self, p))
        g_array_append_val (out, p);
    }
}

/* Lanes --------------------------------------------------------------------- */

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

static void
free_display (ChronoLayout *self)
{
  for (guint l = 0; l < self->n_display_alloc; l++)
    {
      clear_lane_rows (&self->display[l]);
      g_clear_pointer (&self->display[l].folded, g_array_unref);
    }
  g_clear_pointer (&self->display, g_free);
  self->n_display = self->n_display_alloc = 0;
}

static void
init_display (ChronoLayout *self,
              guint         n_lanes,
              guint         n_rows)
{
  free_display (self);
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
static guint
rows_for_lanes (ChronoLayout *self,
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
static void
arrange_lanes (ChronoLayout *self,
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
static void
place_rows (ChronoLayout *self)
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

/* Adds the events that start in view to @candidates (which holds those
 * that reach in from before) and sorts them most important first. */
static void
collect_candidates (ChronoLayout *self,
                    GArray       *candidates)
{
  double start = self->viewport.start, end = self->viewport.end;

  for (guint k = 0; k < self->key_positions->len; k++)
    {
      GArray *positions = g_ptr_array_index (self->key_positions, k);
      const guint32 *pos = (const guint32 *) positions->data;
      guint i = key_lower_bound (self, k, start);

      for (; i < positions->len && (double) self->spans[pos[i]].lo < end; i++)
        g_array_append_val (candidates, pos[i]);
    }
  g_array_sort_with_data (candidates, compare_by_importance, (gpointer) self->spans);
}

/* Remembers the lanes as planned for this update (see LanePlan). */
static void
save_plan (ChronoLayout *self,
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
static gboolean
plan_matches (ChronoLayout *self,
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
static void
layout_detailed (ChronoLayout *self,
                 GArray       *candidates,
                 PangoContext *context)
{
  double header = lane_header (self);
  guint n_keys = self->key_positions->len;
  guint max_rows = rows_for_lanes (self, 1);
  guint n_try, n;
  g_autofree guint *want = NULL;
  g_autofree guint *min = NULL;
  g_autofree guint *rows = NULL;

  /* As many lanes as could have a row each; the last takes the other keys. */
  n_try = header > 0 ? MIN (n_keys, MAX (1, (guint) floor (events_height (self) / (header + CHRONO_ROW_HEIGHT)))) : 1;
  init_display (self, n_try, max_rows);
  for (guint i = 0; i < candidates->len; i++)
    place_event (self, g_array_index (candidates, guint32, i), context, TRUE);

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
      if (sum <= rows_for_lanes (self, n))
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

          if (display_lane_of (self, pos) == n - 1)
            place_event (self, pos, context, TRUE);
        }
      lane_wants (&self->display[n - 1], max_rows, &want[n - 1], &min[n - 1]);
    }

  share_rows (want, min, n, rows_for_lanes (self, n), rows);
  for (guint l = 0; l < n; l++)
    self->display[l].strip = want[l] > rows[l];
  arrange_lanes (self, rows);
  remove_items (self, 0, TRUE);
  cluster_folded (self, context);
  save_plan (self, FALSE, rows);
}

/* Panning at the zoom of the last plan: the lanes keep its heights, and
 * events are placed as layout_detailed() places them, so that at the view
 * it was planned for a kept plan shows exactly what a new one does. A lane
 * that wants more rows than it has keeps a strip for badges: the lanes
 * that fold, and only those. */
static void
layout_detailed_kept (ChronoLayout *self,
                      GArray       *candidates,
                      PangoContext *context)
{
  guint max_rows = rows_for_lanes (self, 1);

  init_display (self, self->plan.n, max_rows);
  for (guint i = 0; i < candidates->len; i++)
    place_event (self, g_array_index (candidates, guint32, i), context, TRUE);
  for (guint l = 0; l < self->n_display; l++)
    {
      guint want, min;

      lane_wants (&self->display[l], max_rows, &want, &min);
      self->display[l].strip = want > self->plan.rows[l];
    }
  arrange_lanes (self, self->plan.rows);
  remove_items (self, 0, TRUE);
  cluster_folded (self, context);
}

/* Zoomed out, lanes share rows by how many events start in them, and all
 * keep a strip for badges: returns the rows of each of *n_lanes lanes. */
static guint *
plan_aggregated (ChronoLayout *self,
                 guint        *n_lanes)
{
  double header = lane_header (self);
  guint n_keys = self->key_positions->len;
  guint max_rows = rows_for_lanes (self, 1);
  double min_lane = header + CHRONO_ROW_HEIGHT + CHRONO_CLUSTER_STRIP + CHRONO_DENSITY_STRIP;
  guint n = header > 0 ? MIN (n_keys, MAX (1, (guint) floor (events_height (self) / min_lane))) : 1;
  g_autofree guint *want = g_new0 (guint, n);
  g_autofree guint *min = g_new (guint, n);
  guint *rows = g_new (guint, n);

  for (guint k = 0; k < n_keys; k++)
    {
      guint l = MIN (k, n - 1);
      guint count = key_lower_bound (self, k, self->viewport.end)
                    - key_lower_bound (self, k, self->viewport.start);

      want[l] = MIN (want[l] + count, max_rows);
    }
  for (guint l = 0; l < n; l++)
    {
      want[l] += STRIP_ROWS + DENSITY_ROWS;
      min[l] = 1 + STRIP_ROWS + DENSITY_ROWS;
    }
  share_rows (want, min, n, rows_for_lanes (self, n), rows);
  *n_lanes = n;
  return rows;
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
  index = ensure_importance (self, key);
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
  g_array_sort_with_data (straddlers, compare_by_importance, (gpointer) self->spans);
  for (guint i = 0; i < straddlers->len; i++)
    {
      guint32 pos = g_array_index (straddlers, guint32, i);

      if (!place_event (self, pos, context, FALSE))
        {
          guint lane = display_lane_of (self, pos);

          unplaced_straddlers[lane]++;
          straddler_lo[lane] = MIN (straddler_lo[lane], self->spans[pos].lo);
        }
    }
  n_items_before = self->items->len;

  for (guint k = 0; k < self->key_positions->len; k++)
    {
      guint prev = key_lower_bound (self, k, vp->start);

      for (guint w = 1; w <= n_windows; w++)
        {
          double t = w == n_windows ? vp->end : vp->start + span * w / n_windows;
          guint next = key_lower_bound (self, k, t);

          push_window (self, heap, k, prev, next);
          prev = next;
        }
    }

  while (heap->len > 0 && attempts < LOD_ATTEMPTS)
    {
      Window w = heap_pop (heap);
      GArray *positions = g_ptr_array_index (self->key_positions, w.key_lane);

      place_event (self, g_array_index (positions, guint32, w.best), context, FALSE);
      attempts++;
      push_window (self, heap, w.key_lane, w.i0, w.best);
      push_window (self, heap, w.key_lane, w.best + 1, w.i1);
    }

  /* Bins wide enough for the widest possible badge. */
  bin_px = MAX (MIN_CLUSTER_BIN_PX, badge_width (self, n_visible) + CLUSTER_GAP);
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
              i0 = key_lower_bound (self, k, bin_time[b]);
              i1 = key_lower_bound (self, k, bin_time[b + 1]);
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
            add_cluster (self, l, b * bin_px, count, lo, (ChronoTime) ceil (bin_time[b + 1]), context);
        }
    }
}

/* The re-plan rule for lanes kept from the last plan: a new plan is due
 * when they hide events it could show, that is when a lane folds events
 * while another leaves two rows or more empty (one is the slack of sharing
 * rows, and would re-plan on every event that comes and goes), or when a
 * lane with events in view has no row at all. Short of that the heights
 * stay: what does not fit folds into badges, and no event is lost. */
static gboolean
kept_lanes_hide_events (ChronoLayout *self)
{
  g_autofree gboolean *folds = g_new0 (gboolean, self->n_display);
  guint n_folding = 0;

  for (guint i = 0; i < self->clusters->len; i++)
    folds[g_array_index (self->clusters, ChronoLayoutCluster, i).lane] = TRUE;
  for (guint l = 0; l < self->n_display; l++)
    {
      if (folds[l] && self->display[l].n_rows == 0)
        return TRUE;
      n_folding += folds[l] ? 1 : 0;
    }
  for (guint m = 0; m < self->n_display && n_folding > 0; m++)
    {
      const DisplayLane *dl = &self->display[m];

      if (dl->n_rows >= dl->rows_used + 2 && n_folding > (folds[m] ? 1u : 0u))
        return TRUE;
    }
  return FALSE;
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
          prev = key_lower_bound (self, k, vp->start);
          for (guint b = 0; b < n_bins; b++)
            {
              double t = b + 1 == n_bins ? vp->end : vp->start + span * ((b + 1) * DENSITY_BIN_PX) / vp->width;
              guint next = key_lower_bound (self, k, t);

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
static void
layout_zoomed_out (ChronoLayout *self,
                   guint         n,
                   const guint  *rows,
                   GArray       *straddlers,
                   guint         n_visible,
                   PangoContext *context)
{
  init_display (self, n, rows_for_lanes (self, 1));
  for (guint l = 0; l < n; l++)
    {
      self->display[l].strip = TRUE;
      self->display[l].density = TRUE;
    }
  arrange_lanes (self, rows);
  layout_aggregated (self, straddlers, n_visible, context);
  compute_density (self);
}

static void
clear_density (gpointer data)
{
  ChronoLayoutDensity *d = data;

  g_clear_pointer (&d->counts, g_free);
}

static void
clear_lane (gpointer data)
{
  ChronoLayoutLane *lane = data;

  g_clear_pointer (&lane->name, g_free);
}

static void
compute_eras (ChronoLayout *self)
{
  GListModel *eras = chrono_timeline_get_eras (self->timeline);
  guint n = g_list_model_get_n_items (eras);

  self->era_strip = n > 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronoEra) era = g_list_model_get_item (eras, i);
      ChronoTime lo, hi;
      ChronoLayoutEra e;

      chrono_era_get_span (era, &lo, &hi);
      if (!((double) lo < self->viewport.end && (double) hi > self->viewport.start))
        continue;
      e.index = i;
      e.x0 = chrono_viewport_time_to_x (&self->viewport, (double) lo);
      e.x1 = chrono_viewport_time_to_x (&self->viewport, (double) hi);
      g_array_append_val (self->eras, e);
    }
}

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

static void
build_hit_tables (ChronoLayout *self)
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

/* GObject ------------------------------------------------------------------ */

static void
on_timeline_items_changed_cb (ChronoLayout *self,
                              guint         position,
                              guint         removed,
                              guint         added,
                              GListModel   *model)
{
  invalidate_index (self);
}

static void
on_timeline_changed_cb (ChronoLayout *self)
{
  invalidate_lanes (self);
}

static void
chrono_layout_set_timeline (ChronoLayout   *self,
                            ChronoTimeline *timeline)
{
  g_assert (self->timeline == NULL);

  self->timeline = g_object_ref (timeline);
  g_signal_connect_object (timeline, "items-changed",
                           G_CALLBACK (on_timeline_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (timeline, "changed",
                           G_CALLBACK (on_timeline_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
chrono_layout_dispose (GObject *object)
{
  ChronoLayout *self = CHRONO_LAYOUT (object);

  if (self->filter_destroy != NULL && self->filter_data != NULL)
    self->filter_destroy (self->filter_data);
  self->filter = NULL;
  self->filter_data = NULL;
  self->filter_destroy = NULL;
  g_clear_object (&self->timeline);

  G_OBJECT_CLASS (chrono_layout_parent_class)->dispose (object);
}

static void
chrono_layout_finalize (GObject *object)
{
  ChronoLayout *self = CHRONO_LAYOUT (object);

  invalidate_index (self);
  free_display (self);
  g_clear_object (&self->measure);
  g_clear_object (&self->measure_small);
  g_clear_pointer (&self->advances, g_free);
  g_clear_pointer (&self->render_cache, _chrono_render_cache_free);
  g_clear_object (&self->export_context);
  g_clear_pointer (&self->ticks, chrono_tick_set_free);
  g_clear_pointer (&self->items, g_array_unref);
  g_clear_pointer (&self->boxes, g_array_unref);
  g_clear_pointer (&self->clusters, g_array_unref);
  g_clear_pointer (&self->eras, g_array_unref);
  g_clear_pointer (&self->lanes_layout, g_array_unref);
  g_clear_pointer (&self->density, g_array_unref);
  g_clear_pointer (&self->hit_order, g_array_unref);
  g_clear_pointer (&self->row_starts, g_array_unref);
  g_clear_pointer (&self->by_position, g_array_unref);
  g_clear_pointer (&self->plan.rows, g_free);
  g_string_free (self->scratch, TRUE);

  G_OBJECT_CLASS (chrono_layout_parent_class)->finalize (object);
}

static void
chrono_layout_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ChronoLayout *self = CHRONO_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;
    case PROP_LANES:
      g_value_set_int (value, self->lanes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_layout_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ChronoLayout *self = CHRONO_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      chrono_layout_set_timeline (self, g_value_get_object (value));
      break;
    case PROP_LANES:
      chrono_layout_set_lanes (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_layout_class_init (ChronoLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chrono_layout_dispose;
  object_class->finalize = chrono_layout_finalize;
  object_class->get_property = chrono_layout_get_property;
  object_class->set_property = chrono_layout_set_property;

  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL, CHRONO_TYPE_TIMELINE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANES] =
    g_param_spec_int ("lanes", NULL, NULL, CHRONO_LANES_NONE, CHRONO_LANES_ACTOR, CHRONO_LANES_NONE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chrono_layout_init (ChronoLayout *self)
{
  self->items = g_array_new (FALSE, FALSE, sizeof (ChronoLayoutItem));
  self->boxes = g_array_new (FALSE, FALSE, sizeof (ItemBox));
  self->clusters = g_array_new (FALSE, FALSE, sizeof (ChronoLayoutCluster));
  self->eras = g_array_new (FALSE, FALSE, sizeof (ChronoLayoutEra));
  self->lanes_layout = g_array_new (FALSE, FALSE, sizeof (ChronoLayoutLane));
  g_array_set_clear_func (self->lanes_layout, clear_lane);
  self->density = g_array_new (FALSE, FALSE, sizeof (ChronoLayoutDensity));
  g_array_set_clear_func (self->density, clear_density);
  self->hit_order = g_array_new (FALSE, FALSE, sizeof (guint));
  self->row_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  self->by_position = g_array_new (FALSE, FALSE, sizeof (guint));
  self->scratch = g_string_new (NULL);
  self->viewport.start = 0.0;
  self->viewport.end = 86400.0;
  self->viewport.width = 1.0;
  self->viewport.height = 1.0;
  self->today = CHRONO_TIME_MIN;
}

/* Public API --------------------------------------------------------------- */

ChronoLayout *
chrono_layout_new (ChronoTimeline *timeline)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (timeline), NULL);

  return g_object_new (CHRONO_TYPE_LAYOUT, "timeline", timeline, NULL);
}

ChronoTimeline *
chrono_layout_get_timeline (ChronoLayout *self)
{
  g_return_val_if_fail (CHRONO_IS_LAYOUT (self), NULL);

  return self->timeline;
}

void
chrono_layout_set_lanes (ChronoLayout *self,
                         ChronoLanes   lanes)
{
  g_return_if_fail (CHRONO_IS_LAYOUT (self));
  g_return_if_fail (lanes <= CHRONO_LANES_ACTOR);

  if (self->lanes == lanes)
    return;
  self->lanes = lanes;
  invalidate_lanes (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANES]);
}

ChronoLanes
chrono_layout_get_lanes (ChronoLayout *self)
{
  g_return_val_if_fail (CHRONO_IS_LAYOUT (self), CHRONO_LANES_NONE);

  return self->lanes;
}

void
chrono_layout_set_filter (ChronoLayout       *self,
                          ChronoLayoutFilter  filter,
                          gpointer            user_data,
                          GDestroyNotify      destroy)
{
  g_return_if_fail (CHRONO_IS_LAYOUT (self));

  if (self->filter_destroy != NULL && self->filter_data != NULL)
    self->filter_destroy (self->filter_data);
  self->filter = filter;
  self->filter_data = user_data;
  self->filter_destroy = destroy;
  invalidate_lanes (self);
}

void
chrono_layout_set_today (ChronoLayout *self,
                         ChronoTime    today)
{
  g_return_if_fail (CHRONO_IS_LAYOUT (self));

  self->today = today;
}

ChronoTime
chrono_layout_get_today (ChronoLayout *self)
{
  g_return_val_if_fail (CHRONO_IS_LAYOUT (self), CHRONO_TIME_MIN);

  return self->today;
}

double
_chrono_layout_get_open_end (ChronoLayout *self)
{
  return self->open_end;
}

void
chrono_layout_refilter (ChronoLayout *self)
{
  g_return_if_fail (CHRONO_IS_LAYOUT (self));

  /* The mask and per-lane arrays are rebuilt once, on the next update. */
  invalidate_lanes (self);
}

/* What an update lays out afresh, leaving the axis and eras. */
static void
clear_events (ChronoLayout *self)
{
  g_array_set_size (self->items, 0);
  g_array_set_size (self->boxes, 0);
  g_array_set_size (self->clusters, 0);
  g_array_set_size (self->lanes_layout, 0);
  g_array_set_size (self->density, 0);
}

void
chrono_layout_update (ChronoLayout         *self,
                      const ChronoViewport *viewport,
                      PangoContext         *context)
{
  g_autoptr(GArray) candidates = NULL;
  g_autoptr(GArray) straddlers = NULL;
  guint n_starting = 0;
  double last_start = self->viewport.start;
  gboolean aggregated, replan = TRUE;

  g_return_if_fail (CHRONO_IS_LAYOUT (self));
  g_return_if_fail (viewport != NULL);
  g_return_if_fail (PANGO_IS_CONTEXT (context));

  ensure_lanes (self);
  ensure_measuring (self, context);

  self->viewport = *viewport;
  chrono_viewport_clamp (&self->viewport);
  if (!(self->viewport.width > 0.0))
    self->viewport.width = 1.0;
  if (self->today != CHRONO_TIME_MIN)
    self->open_end = (double) self->today;
  else
    self->open_end = MIN (g_get_real_time () / (double) G_USEC_PER_SEC, self->viewport.end);

  g_clear_pointer (&self->ticks, chrono_tick_set_free);
  self->ticks = chrono_tick_set_compute (&self->viewport, context);
  g_array_set_size (self->eras, 0);
  clear_events (self);

  compute_eras (self);
  self->events_top = CHRONO_AXIS_HEIGHT + (self->era_strip ? CHRONO_ERA_STRIP : 0.0);

  straddlers = g_array_new (FALSE, FALSE, sizeof (guint32));
  collect_straddlers (self, straddlers);
  for (guint k = 0; k < self->key_positions->len; k++)
    {
      n_starting += key_lower_bound (self, k, self->viewport.end)
                    - key_lower_bound (self, k, self->viewport.start);
    }

  aggregated = n_starting > DETAIL_MAX;
  if (!aggregated)
    {
      candidates = g_steal_pointer (&straddlers);
      collect_candidates (self, candidates);
    }

  /* Panning: keep the lanes' heights unless they now hide events. */
  if (plan_matches (self, aggregated, last_start))
    {
      if (!aggregated)
        layout_detailed_kept (self, candidates, context);
      else
        layout_zoomed_out (self, self->plan.n, self->plan.rows, straddlers, n_starting + straddlers->len, context);
      replan = !self->keep_always && kept_lanes_hide_events (self);
      if (replan && aggregated)
        {
          guint n;
          g_autofree guint *rows = plan_aggregated (self, &n);

          /* Zoomed out, rows follow counts, not placement: a new plan often
           * shares them as before, and then this frame is what it gives. */
          replan = n != self->plan.n || memcmp (rows, self->plan.rows, n * sizeof (guint)) != 0;
        }
      if (replan)
        clear_events (self);
    }

  if (replan && !aggregated)
    layout_detailed (self, candidates, context);
  else if (replan)
    {
      guint n;
      g_autofree guint *rows = plan_aggregated (self, &n);

      layout_zoomed_out (self, n, rows, straddlers, n_starting + straddlers->len, context);
      save_plan (self, TRUE, rows);
    }

  place_rows (self);
  build_hit_tables (self);
}

const ChronoViewport *
chrono_layout_get_viewport (ChronoLayout *self)
{
  g_return_val_if_fail (CHRONO_IS_LAYOUT (self), NULL);

  return &self->viewport;
}

const ChronoTickSet *
chrono_layout_get_ticks (ChronoLayout *self)
{
  g_return_val_if_fail (CHRONO_IS_LAYOUT (self), NULL);

  return self->ticks;
}

const ChronoLayoutItem *
chrono_layout_get_items (ChronoLayout *self,
                         guint        *n_items)
{
  g_return_val_if_fail (CHRONO_IS_LAYOUT (self), NULL);

  if (n_items != NULL)
    *n_items = self->items->len;
  return (const ChronoLayoutItem *) self->items->data;
}

const ChronoLayoutCluster *
chrono_layout_get_clusters (ChronoLayout *self,
                            guint        *n_clusters)
{
  g_return_val_if_fail (CHRONO_IS_LAYOUT (self), NULL);

  if (n_clusters != NULL)
    *n_clusters = self->clusters->len;
  return (const ChronoLayoutCluster *) self->clusters->data;
}

const ChronoLayoutEra *
chrono_layout_get_eras (ChronoLayout *self,
                        guint        *n_eras)
{
  g_return_val_if_fail (CHRONO_IS_LAYOUT (self), NULL);

  if (n_eras != NULL)
    *n_eras = self->eras->len;
  return (const ChronoLayoutEra *) self->eras->data;
}

const ChronoLayoutLane *
chrono_layout_get_lanes_layout (ChronoLayout *self,
                                guint        *n_lanes)
{
  g_return_val_if_fail (CHRONO_IS_LAYOUT (self), NULL);

  if (n_lanes != NULL)
    *n_lanes = self->lanes_layout->len;
  return (const ChronoLayoutLane *) self->lanes_layout->data;
}

double
chrono_layout_get_axis_height (ChronoLayout *self)
{
  g_return_val_if_fail (CHRONO_IS_LAYOUT (self), 0.0);

  return CHRONO_AXIS_HEIGHT;
}

const ChronoLayoutDensity *
_chrono_layout_get_density (ChronoLayout *self,
                            guint        *n_density)
{
  *n_density = self->density->len;
  return (const ChronoLayoutDensity *) self->density->data;
}

ChronoRenderCache *
_chrono_layout_get_render_cache (ChronoLayout *self)
{
  if (self->render_cache == NULL)
    self->render_cache = _chrono_render_cache_new ();
  return self->render_cache;
}

PangoContext *
_chrono_layout_get_export_context (ChronoLayout *self)
{
  if (self->export_context == NULL)
    self->export_context = chrono_renderer_create_pango_context ();
  return self->export_context;
}

double
_chrono_layout_get_events_top (ChronoLayout *self)
{
  return self->events_top;
}

gboolean
_chrono_layout_has_era_strip (ChronoLayout *self)
{
  return self->era_strip;
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

void
_chrono_layout_set_keep_lanes (ChronoLayout *self,
                               gboolean      keep)
{
  g_return_if_fail (CHRONO_IS_LAYOUT (self));

  self->keep_always = keep;
}

gboolean
chrono_layout_is_shown (ChronoLayout *self,
                        guint         position)
{
  g_return_val_if_fail (CHRONO_IS_LAYOUT (self), FALSE);

  ensure_lanes (self);
  if (position >= self->n_spans)
    return FALSE;
  return is_shown (self, position);
}
