/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-event-list-model"

#include "config.h"

#include "chrono-event-list-model.h"
#include "chrono-timeline-private.h"

/* Past this many live event objects, a refilter is one items-changed: so
 * many rows are not on screen, and the signals would cost more. */
#define MAX_ANCHORS 4096

struct _ChronoEventListModel
{
  GObject parent_instance;

  ChronoEventFilter *filter;
  ChronoTimeline *timeline;

  /* Timeline positions of the items (guint32); NULL: every event. */
  GArray *positions;
  guint n_items;

  /* While a refilter is reported in steps, items [0, done_new) are the new
   * ones and the rest are the old ones from done_old on. */
  gboolean emitting;
  GArray *old_positions;
  guint old_len;
  guint done_new;
  guint done_old;
  /* Asked for again during the report. */
  gboolean refilter_again;
  gboolean reset_again;
};

static void chrono_event_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ChronoEventListModel, chrono_event_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      chrono_event_list_model_list_model_init))

enum {
  PROP_0,
  PROP_FILTER,
  PROP_TIMELINE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static inline guint
array_at (GArray *positions,
          guint   i)
{
  return positions != NULL ? g_array_index (positions, guint32, i) : i;
}

/* First index of @positions (@n of them) whose value is >= @value. */
static guint
lower_bound (GArray *positions,
             guint   n,
             guint   value)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (array_at (positions, mid) < value)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

static guint
item_timeline_position (ChronoEventListModel *self,
                        guint                 position)
{
  if (self->emitting)
    {
      guint k;

      if (position < self->done_new)
        return array_at (self->positions, position);
      k = self->done_old + (position - self->done_new);
      return k < self->old_len ? array_at (self->old_positions, k) : G_MAXUINT;
    }

  return position < self->n_items ? array_at (self->positions, position) : G_MAXUINT;
}

static guint
current_n_items (ChronoEventListModel *self)
{
  if (self->emitting)
    return self->done_new + (self->old_len - self->done_old);
  return self->n_items;
}

/* The positions the filter lets through, or NULL for all. */
static GArray *
matching_positions (ChronoEventListModel *self,
                    guint                *n)
{
  const guint8 *mask;
  guint n_events, n_matches;
  GArray *positions;
  guint32 *out;

  if (self->timeline == NULL)
    {
      *n = 0;
      return g_array_new (FALSE, FALSE, sizeof (guint32));
    }

  n_events = chrono_timeline_get_n_events (self->timeline);
  mask = chrono_event_filter_get_mask (self->filter, self->timeline, &n_matches);
  *n = n_matches;
  if (mask == NULL)
    return NULL;

  positions = g_array_sized_new (FALSE, FALSE, sizeof (guint32), n_matches);
  g_array_set_size (positions, n_matches);
  out = (guint32 *) (gpointer) positions->data;
  for (guint i = 0; i < n_events; i++)
    if (mask[i])
      *out++ = i;
  g_assert (out == (guint32 *) (gpointer) positions->data + n_matches);

  return positions;
}

static void
emit_step (ChronoEventListModel *self,
           guint                 position,
           guint                 removed,
           guint                 added,
           guint                 done_old,
           guint                 done_new)
{
  if (removed == 0 && added == 0)
    return;

  self->done_old = done_old;
  self->done_new = done_new;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/* Reports the change from old_positions to positions as a merge of the two
 * sorted lists, in steps between the live events that stay. */
static void
report_refilter (ChronoEventListModel *self)
{
  g_autofree guint *live = NULL;
  guint n_live = 0, li = 0;
  guint i = 0, j = 0;     /* walk of old and new */
  guint si = 0, sj = 0;   /* start of the pending step */
  guint ei = 0, ej = 0;   /* end of its last difference */
  guint new_len = self->n_items;

  if (self->timeline != NULL)
    live = _chrono_timeline_get_live_positions (self->timeline, &n_live);
  if (n_live > MAX_ANCHORS)
    n_live = 0;

  self->emitting = TRUE;
  self->done_old = 0;
  self->done_new = 0;

  while (i < self->old_len || j < new_len)
    {
      guint a = i < self->old_len ? array_at (self->old_positions, i) : G_MAXUINT;
      guint b = j < new_len ? array_at (self->positions, j) : G_MAXUINT;
      gboolean is_live = FALSE;

      if (a <= b)
        {
          while (li < n_live && live[li] < a)
            li++;
          is_live = li < n_live && live[li] == a;
        }

      if (a == b && !is_live)
        {
          i++, j++;
          if (ei == si && ej == sj)
            si = ei = i, sj = ej = j; /* nothing differs yet: not part of the step */
        }
      else if (a == b || (a < b && is_live))
        {
          /* A live event: report what lies before it, then leave it alone
           * when it stays, or remove it by itself. */
          emit_step (self, sj, ei - si, ej - sj, ei, ej);
          if (a == b)
            i++, j++;
          else
            {
              emit_step (self, j, 1, 0, i + 1, j);
              i++;
            }
          si = ei = i;
          sj = ej = j;
        }
      else if (a < b)
        {
          i++;
          ei = i, ej = j;
        }
      else
        {
          j++;
          ei = i, ej = j;
        }
    }
  emit_step (self, sj, ei - si, ej - sj, ei, ej);

  self->emitting = FALSE;
  g_clear_pointer (&self->old_positions, g_array_unref);
  self->old_len = 0;
}

static void
chrono_event_list_model_set_items (ChronoEventListModel *self,
                                   GArray               *positions,
                                   guint                 n_items)
{
  g_clear_pointer (&self->old_positions, g_array_unref);
  self->old_positions = g_steal_pointer (&self->positions);
  self->old_len = self->n_items;
  self->positions = positions;
  self->n_items = n_items;
}

static void
notify_n_items (ChronoEventListModel *self,
                guint                 old_n)
{
  if (self->n_items != old_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Everything afresh, as one change. */
static void
reset (ChronoEventListModel *self)
{
  guint old_n;

  do
    {
      GArray *positions;
      guint n;

      self->reset_again = FALSE;
      self->refilter_again = FALSE;
      old_n = self->n_items;
      positions = matching_positions (self, &n);
      chrono_event_list_model_set_items (self, positions, n);
      g_clear_pointer (&self->old_positions, g_array_unref);
      self->old_len = 0;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, n);
      notify_n_items (self, old_n);
    }
  while (self->reset_again || self->refilter_again);
}

static void
refilter (ChronoEventListModel *self)
{
  if (self->emitting)
    {
      self->refilter_again = TRUE;
      return;
    }

  do
    {
      GArray *positions;
      guint n, old_n = self->n_items;

      self->refilter_again = FALSE;
      positions = matching_positions (self, &n);
      chrono_event_list_model_set_items (self, positions, n);
      report_refilter (self);
      notify_n_items (self, old_n);
    }
  while (self->refilter_again && !self->reset_again);

  if (self->reset_again)
    reset (self);
}

/* Callbacks */

static void
on_filter_changed_cb (ChronoEventListModel *self,
                      GtkFilterChange       change,
                      GtkFilter            *filter)
{
  refilter (self);
}

/* Connected after the filter's own handler, which updates its mask first. */
static void
on_timeline_items_changed_cb (ChronoEventListModel *self,
                              guint                 position,
                              guint                 removed,
                              guint                 added,
                              GListModel           *model)
{
  g_autoptr(GArray) inserted = NULL;
  const guint8 *mask;
  guint n_matches;
  guint lo, hi, n_new;
  guint old_n = self->n_items;

  if (self->emitting)
    {
      self->reset_again = TRUE;
      return;
    }

  mask = chrono_event_filter_get_mask (self->filter, self->timeline, &n_matches);
  if ((mask == NULL) != (self->positions == NULL))
    {
      reset (self);
      return;
    }

  if (mask == NULL)
    {
      self->n_items = n_matches;
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      notify_n_items (self, old_n);
      return;
    }

  lo = lower_bound (self->positions, self->n_items, position);
  hi = lower_bound (self->positions, self->n_items, position + removed);
  inserted = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint k = 0; k < added; k++)
    if (mask[position + k])
      {
        guint32 value = position + k;

        g_array_append_val (inserted, value);
      }
  n_new = inserted->len;
  g_array_remove_range (self->positions, lo, hi - lo);
  for (guint i = lo; i < self->positions->len; i++)
    g_array_index (self->positions, guint32, i) += added - removed;
  g_array_insert_vals (self->positions, lo, inserted->data, n_new);
  self->n_items = self->positions->len;

  /* The filter saw the change first (see set_timeline); if it did not,
   * start afresh rather than show the wrong events. */
  if (self->n_items != n_matches)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), lo, hi - lo, n_new);
      reset (self);
      return;
    }

  g_list_model_items_changed (G_LIST_MODEL (self), lo, hi - lo, n_new);
  notify_n_items (self, old_n);
}

/* GListModel */

static GType
chrono_event_list_model_get_item_type (GListModel *model)
{
  return CHRONO_TYPE_EVENT;
}

static guint
chrono_event_list_model_get_n_items (GListModel *model)
{
  return current_n_items (CHRONO_EVENT_LIST_MODEL (model));
}

static gpointer
chrono_event_list_model_get_item (GListModel *model,
                                  guint       position)
{
  ChronoEventListModel *self = CHRONO_EVENT_LIST_MODEL (model);
  guint timeline_position = item_timeline_position (self, position);

  if (self->timeline == NULL || timeline_position == G_MAXUINT)
    return NULL;

  return g_list_model_get_item (G_LIST_MODEL (self->timeline), timeline_position);
}

static void
chrono_event_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = chrono_event_list_model_get_item_type;
  iface->get_n_items = chrono_event_list_model_get_n_items;
  iface->get_item = chrono_event_list_model_get_item;
}

/* GObject */

static void
chrono_event_list_model_dispose (GObject *object)
{
  ChronoEventListModel *self = CHRONO_EVENT_LIST_MODEL (object);

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  if (self->timeline != NULL)
    g_signal_handlers_disconnect_by_data (self->timeline, self);
  g_clear_object (&self->filter);
  g_clear_object (&self->timeline);

  G_OBJECT_CLASS (chrono_event_list_model_parent_class)->dispose (object);
}

static void
chrono_event_list_model_finalize (GObject *object)
{
  ChronoEventListModel *self = CHRONO_EVENT_LIST_MODEL (object);

  g_clear_pointer (&self->positions, g_array_unref);
  g_clear_pointer (&self->old_positions, g_array_unref);

  G_OBJECT_CLASS (chrono_event_list_model_parent_class)->finalize (object);
}

static void
chrono_event_list_model_constructed (GObject *object)
{
  ChronoEventListModel *self = CHRONO_EVENT_LIST_MODEL (object);

  G_OBJECT_CLASS (chrono_event_list_model_parent_class)->constructed (object);

  if (self->filter == NULL)
    self->filter = chrono_event_filter_new ();
  g_signal_connect_object (self->filter, "changed", G_CALLBACK (on_filter_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
chrono_event_list_model_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  ChronoEventListModel *self = CHRONO_EVENT_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;

    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, current_n_items (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_event_list_model_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  ChronoEventListModel *self = CHRONO_EVENT_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      self->filter = g_value_dup_object (value);
      break;

    case PROP_TIMELINE:
      chrono_event_list_model_set_timeline (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_event_list_model_class_init (ChronoEventListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = chrono_event_list_model_dispose;
  object_class->finalize = chrono_event_list_model_finalize;
  object_class->constructed = chrono_event_list_model_constructed;
  object_class->get_property = chrono_event_list_model_get_property;
  object_class->set_property = chrono_event_list_model_set_property;

  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL, CHRONO_TYPE_EVENT_FILTER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL, CHRONO_TYPE_TIMELINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chrono_event_list_model_init (ChronoEventListModel *self)
{
}

/* Public API */

ChronoEventListModel *
chrono_event_list_model_new (ChronoEventFilter *filter)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_FILTER (filter), NULL);

  return g_object_new (CHRONO_TYPE_EVENT_LIST_MODEL, "filter", filter, NULL);
}

ChronoEventFilter *
chrono_event_list_model_get_filter (ChronoEventListModel *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_LIST_MODEL (self), NULL);

  return self->filter;
}

ChronoTimeline *
chrono_event_list_model_get_timeline (ChronoEventListModel *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_LIST_MODEL (self), NULL);

  return self->timeline;
}

void
chrono_event_list_model_set_timeline (ChronoEventListModel *self,
                                      ChronoTimeline       *timeline)
{
  g_return_if_fail (CHRONO_IS_EVENT_LIST_MODEL (self));
  g_return_if_fail (timeline == NULL || CHRONO_IS_TIMELINE (timeline));
  g_return_if_fail (!self->emitting);

  if (self->timeline == timeline)
    return;

  if (self->timeline != NULL)
    g_signal_handlers_disconnect_by_data (self->timeline, self);
  g_set_object (&self->timeline, timeline);
  if (timeline != NULL)
    /* After: the filter's own handler (any order) has updated its mask. */
    g_signal_connect_object (timeline, "items-changed",
                             G_CALLBACK (on_timeline_items_changed_cb), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  reset (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);
}

guint
chrono_event_list_model_get_timeline_position (ChronoEventListModel *self,
                                               guint                 position)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_LIST_MODEL (self), G_MAXUINT);

  return item_timeline_position (self, position);
}

gboolean
chrono_event_list_model_find (ChronoEventListModel *self,
                              guint                 timeline_position,
                              guint                *position)
{
  guint lo = 0, hi;

  g_return_val_if_fail (CHRONO_IS_EVENT_LIST_MODEL (self), FALSE);

  /* Items are in timeline order at every step of a report too. */
  hi = current_n_items (self);
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (item_timeline_position (self, mid) < timeline_position)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo >= current_n_items (self) || item_timeline_position (self, lo) != timeline_position)
    return FALSE;

  if (position != NULL)
    *position = lo;
  return TRUE;
}
