/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-layout"

#include "config.h"

#include <string.h>

#include "chrono-layout-internal.h"

/* ChronoLayout: the geometry of a timeline in a viewport, for the renderer
 * and for hit-testing. This file is the GObject, the public API and
 * chrono_layout_update(), which picks the detailed or the zoomed-out layout
 * and keeps or re-plans the lanes; the parts are listed at the top of
 * chrono-layout-internal.h. */

/* Up to this many events starting in view, every one is tried for a row;
 * beyond it the layout switches to level of detail: the most important
 * events (found with a per-lane pyramid of block maxima, see
 * ImportanceIndex) get labels and the rest are counted per bin with binary
 * searches over the same summary, without visiting them. */
#define DETAIL_MAX 2000

enum {
  PROP_0,
  PROP_TIMELINE,
  PROP_LANES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (ChronoLayout, chrono_layout, G_TYPE_OBJECT)

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

/* GObject ------------------------------------------------------------------ */

static void
on_timeline_items_changed_cb (ChronoLayout *self,
                              guint         position,
                              guint         removed,
                              guint         added,
                              GListModel   *model)
{
  _chrono_layout_invalidate_index (self);
}

static void
on_timeline_changed_cb (ChronoLayout *self)
{
  _chrono_layout_invalidate_lanes (self);
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

  _chrono_layout_invalidate_index (self);
  _chrono_layout_free_display (self);
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
  _chrono_layout_invalidate_lanes (self);
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
  _chrono_layout_invalidate_lanes (self);
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
  _chrono_layout_invalidate_lanes (self);
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

  _chrono_layout_ensure_lanes (self);
  _chrono_layout_ensure_measuring (self, context);

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
  _chrono_layout_collect_straddlers (self, straddlers);
  for (guint k = 0; k < self->key_positions->len; k++)
    {
      n_starting += _chrono_layout_key_lower_bound (self, k, self->viewport.end)
                    - _chrono_layout_key_lower_bound (self, k, self->viewport.start);
    }

  aggregated = n_starting > DETAIL_MAX;
  if (!aggregated)
    {
      candidates = g_steal_pointer (&straddlers);
      _chrono_layout_collect_candidates (self, candidates);
    }

  /* Panning: keep the lanes' heights unless they now hide events. */
  if (_chrono_layout_plan_matches (self, aggregated, last_start))
    {
      if (!aggregated)
        _chrono_layout_update_detailed_kept (self, candidates, context);
      else
        _chrono_layout_update_zoomed_out (self, self->plan.n, self->plan.rows, straddlers,
                                          n_starting + straddlers->len, context);
      replan = !self->keep_always && _chrono_layout_kept_lanes_hide_events (self);
      if (replan && aggregated)
        {
          guint n;
          g_autofree guint *rows = _chrono_layout_plan_aggregated (self, &n);

          /* Zoomed out, rows follow counts, not placement: a new plan often
           * shares them as before, and then this frame is what it gives. */
          replan = n != self->plan.n || memcmp (rows, self->plan.rows, n * sizeof (guint)) != 0;
        }
      if (replan)
        clear_events (self);
    }

  if (replan && !aggregated)
    _chrono_layout_update_detailed (self, candidates, context);
  else if (replan)
    {
      guint n;
      g_autofree guint *rows = _chrono_layout_plan_aggregated (self, &n);

      _chrono_layout_update_zoomed_out (self, n, rows, straddlers, n_starting + straddlers->len,
                                        context);
      _chrono_layout_save_plan (self, TRUE, rows);
    }

  _chrono_layout_place_rows (self);
  _chrono_layout_build_hit_tables (self);
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

void
_chrono_layout_forget_plan (ChronoLayout *self)
{
  self->plan.valid = FALSE;
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

  _chrono_layout_ensure_lanes (self);
  if (position >= self->n_spans)
    return FALSE;
  return _chrono_layout_is_shown (self, position);
}
