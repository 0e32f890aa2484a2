/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-timeline-view"

#include "config.h"

#include <adwaita.h>

#include "chrono-event-filter.h"
#include "chrono-event-popover.h"
#include "chrono-renderer.h"
#include "chrono-timeline-view-private.h"

/* ChronoTimelineView, the Cairo-drawn canvas: the type, its properties and
 * signal, the timeline, filter and lanes it shows and their change
 * notifications, size, drawing and the other GtkWidget and GObject vfuncs,
 * and the public API. The viewport and its animations live in
 * chrono-timeline-view-viewport.c, the selection with its popover and
 * accessible name in -selection.c, pointer and touch input in -input.c and
 * the keyboard actions in -actions.c. */

#define FIT_MARGIN 0.04

G_DEFINE_FINAL_TYPE (ChronoTimelineView, chrono_timeline_view, GTK_TYPE_WIDGET)

GParamSpec *_chrono_timeline_view_properties[N_PROPS];
guint _chrono_timeline_view_signals[N_SIGNALS];

/* Helpers */

guint
_chrono_timeline_view_n_events (ChronoTimelineView *self)
{
  return self->timeline != NULL ? chrono_timeline_get_n_events (self->timeline) : 0;
}

const ChronoSpan *
_chrono_timeline_view_get_span (ChronoTimelineView *self,
                                guint               position)
{
  guint n = 0;
  const ChronoSpan *spans;

  if (self->timeline == NULL)
    return NULL;
  spans = chrono_timeline_get_spans (self->timeline, &n);
  return position < n ? &spans[position] : NULL;
}

gboolean
_chrono_timeline_view_is_shown (ChronoTimelineView *self,
                                guint               position)
{
  if (self->layout == NULL || position >= _chrono_timeline_view_n_events (self))
    return FALSE;
  return chrono_layout_is_shown (self->layout, position);
}

static void
invalidate_layout (ChronoTimelineView *self)
{
  self->layout_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Brings the layout up to date with the viewport; cheap when nothing changed. */
gboolean
_chrono_timeline_view_ensure_layout (ChronoTimelineView *self)
{
  if (self->layout == NULL)
    return FALSE;
  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return FALSE;

  if (!self->layout_valid
      || self->laid_out.start != self->viewport.start
      || self->laid_out.end != self->viewport.end
      || self->laid_out.width != self->viewport.width
      || self->laid_out.height != self->viewport.height)
    {
      chrono_layout_update (self->layout, &self->viewport,
                            gtk_widget_get_pango_context (GTK_WIDGET (self)));
      self->laid_out = self->viewport;
      self->layout_valid = TRUE;
    }

  return TRUE;
}

static gboolean
filter_match_cb (ChronoTimeline *timeline,
                 guint           position,
                 gpointer        user_data)
{
  GtkFilter *filter = user_data;
  g_autoptr(GObject) item = NULL;

  /* The window's filter answers from its mask over the compact store: no
   * event object per event and keystroke. */
  if (CHRONO_IS_EVENT_FILTER (filter))
    return chrono_event_filter_match_position (CHRONO_EVENT_FILTER (filter), timeline, position);

  item = g_list_model_get_item (G_LIST_MODEL (timeline), position);
  return item != NULL && gtk_filter_match (filter, item);
}

static void
apply_filter (ChronoTimelineView *self)
{
  if (self->layout == NULL)
    return;

  /* Match-all filters (an empty search) cost nothing: no events are
   * materialized for them. */
  if (self->filter == NULL
      || gtk_filter_get_strictness (self->filter) == GTK_FILTER_MATCH_ALL)
    chrono_layout_set_filter (self->layout, NULL, NULL, NULL);
  else
    chrono_layout_set_filter (self->layout, filter_match_cb,
                              g_object_ref (self->filter), g_object_unref);

  chrono_layout_refilter (self->layout);
  invalidate_layout (self);
}

/* Callbacks */

static void
on_filter_changed_cb (ChronoTimelineView *self,
                      GtkFilterChange     change,
                      GtkFilter          *filter)
{
  apply_filter (self);
}

static void
on_timeline_items_changed_cb (ChronoTimelineView *self,
                              guint               position,
                              guint               removed,
                              guint               added,
                              GListModel         *model)
{
  guint selected = CHRONO_NO_SELECTION;

  /* Positions move: find the selected event again. */
  if (self->selected_event != NULL
      && chrono_timeline_find_event (self->timeline, self->selected_event, &selected))
    self->selected = selected;
  else if (self->selected != CHRONO_NO_SELECTION)
    {
      self->selected = CHRONO_NO_SELECTION;
      g_clear_object (&self->selected_event);
      _chrono_timeline_view_hide_popover (self);
      _chrono_timeline_view_update_accessible (self);
      g_object_notify_by_pspec (G_OBJECT (self),
                                _chrono_timeline_view_properties[PROP_SELECTED_EVENT]);
    }

  self->hovered = CHRONO_NO_SELECTION;
  invalidate_layout (self);
}

static void
on_timeline_changed_cb (ChronoTimelineView *self,
                        ChronoTimeline     *timeline)
{
  invalidate_layout (self);
}

static void
on_style_manager_notify_dark_cb (ChronoTimelineView *self,
                                 GParamSpec         *pspec,
                                 AdwStyleManager    *manager)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* GtkWidget */

static void
chrono_timeline_view_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  ChronoRenderStyle style;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || !_chrono_timeline_view_ensure_layout (self))
    return;

  chrono_render_style_init (&style);
  style.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  style.selected = self->selected;
  style.hovered = self->hovered;
  style.focused = gtk_widget_has_visible_focus (widget);
  style.today = g_get_real_time () / G_USEC_PER_SEC;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  chrono_renderer_draw (cr, self->layout, &style);
  cairo_destroy (cr);
}

static void
chrono_timeline_view_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);
  double old_width = self->viewport.width;

  self->viewport.width = MAX (width, 1);
  self->viewport.height = MAX (height, 1);

  if (self->timeline != NULL && (self->fit_pending || self->fitted))
    {
      self->fit_pending = FALSE;
      chrono_timeline_view_zoom_fit (self);
    }
  else if (old_width > 1 && old_width != self->viewport.width)
    {
      /* Keep the scale and the left edge when the window is resized. */
      double scale = (self->viewport.end - self->viewport.start) / old_width;

      _chrono_timeline_view_set_viewport_range (self, self->viewport.start,
                                                self->viewport.start
                                                + scale * self->viewport.width);
    }

  invalidate_layout (self);
  gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
chrono_timeline_view_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 800;
    }
  else
    {
      *minimum = 160;
      *natural = 420;
    }
}

static void
chrono_timeline_view_state_flags_changed (GtkWidget     *widget,
                                          GtkStateFlags  previous)
{
  GtkStateFlags now = gtk_widget_get_state_flags (widget);

  /* The focus ring around the selection is drawn by the renderer. */
  if (((now ^ previous) & (GTK_STATE_FLAG_FOCUSED | GTK_STATE_FLAG_FOCUS_VISIBLE)) != 0)
    gtk_widget_queue_draw (widget);

  GTK_WIDGET_CLASS (chrono_timeline_view_parent_class)->state_flags_changed (widget, previous);
}

static void
chrono_timeline_view_system_setting_changed (GtkWidget       *widget,
                                             GtkSystemSetting setting)
{
  /* Fonts or DPI: text must be measured again. */
  invalidate_layout (CHRONO_TIMELINE_VIEW (widget));

  GTK_WIDGET_CLASS (chrono_timeline_view_parent_class)->system_setting_changed (widget, setting);
}

static void
chrono_timeline_view_unmap (GtkWidget *widget)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);

  _chrono_timeline_view_stop_motion (self);
  g_clear_handle_id (&self->popover_timeout_id, g_source_remove);

  GTK_WIDGET_CLASS (chrono_timeline_view_parent_class)->unmap (widget);
}

/* GObject */

static void
chrono_timeline_view_dispose (GObject *object)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (object);

  _chrono_timeline_view_stop_motion (self);
  g_clear_handle_id (&self->popover_timeout_id, g_source_remove);
  g_clear_pointer (&self->popover, gtk_widget_unparent);

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_clear_object (&self->filter);
  if (self->timeline != NULL)
    g_signal_handlers_disconnect_by_data (self->timeline, self);
  g_clear_object (&self->timeline);
  g_clear_object (&self->layout);
  g_clear_object (&self->selected_event);

  G_OBJECT_CLASS (chrono_timeline_view_parent_class)->dispose (object);
}

static void
chrono_timeline_view_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;
    case PROP_SELECTED_EVENT:
      g_value_set_object (value, self->selected_event);
      break;
    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;
    case PROP_LANES:
      g_value_set_int (value, self->lanes);
      break;
    case PROP_VISIBLE_START:
      g_value_set_double (value, self->viewport.start);
      break;
    case PROP_VISIBLE_END:
      g_value_set_double (value, self->viewport.end);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_timeline_view_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (object);
  double v;

  switch (prop_id)
    {
    case PROP_TIMELINE:
      chrono_timeline_view_set_timeline (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_EVENT:
      chrono_timeline_view_set_selected_event (self, g_value_get_object (value));
      break;
    case PROP_FILTER:
      chrono_timeline_view_set_filter (self, g_value_get_object (value));
      break;
    case PROP_LANES:
      chrono_timeline_view_set_lanes (self, g_value_get_int (value));
      break;
    case PROP_VISIBLE_START:
      /* Moving the start alone keeps the span: the overview drags the window. */
      v = g_value_get_double (value);
      _chrono_timeline_view_stop_motion (self);
      _chrono_timeline_view_set_viewport_range (self, v,
                                                v + (self->viewport.end - self->viewport.start));
      break;
    case PROP_VISIBLE_END:
      v = g_value_get_double (value);
      _chrono_timeline_view_stop_motion (self);
      if (v > self->viewport.start)
        _chrono_timeline_view_set_viewport_range (self, self->viewport.start, v);
      else
        _chrono_timeline_view_set_viewport_range (self,
                                                  v - (self->viewport.end - self->viewport.start),
                                                  v);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}


static void
chrono_timeline_view_class_init (ChronoTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chrono_timeline_view_dispose;
  object_class->get_property = chrono_timeline_view_get_property;
  object_class->set_property = chrono_timeline_view_set_property;

  widget_class->snapshot = chrono_timeline_view_snapshot;
  widget_class->size_allocate = chrono_timeline_view_size_allocate;
  widget_class->measure = chrono_timeline_view_measure;
  widget_class->query_tooltip = _chrono_timeline_view_query_tooltip;
  widget_class->state_flags_changed = chrono_timeline_view_state_flags_changed;
  widget_class->system_setting_changed = chrono_timeline_view_system_setting_changed;
  widget_class->unmap = chrono_timeline_view_unmap;

  _chrono_timeline_view_properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL,
                         CHRONO_TYPE_TIMELINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _chrono_timeline_view_properties[PROP_SELECTED_EVENT] =
    g_param_spec_object ("selected-event", NULL, NULL,
                         CHRONO_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _chrono_timeline_view_properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL,
                         GTK_TYPE_FILTER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _chrono_timeline_view_properties[PROP_LANES] =
    g_param_spec_int ("lanes", NULL, NULL,
                      CHRONO_LANES_NONE, CHRONO_LANES_ACTOR, CHRONO_LANES_NONE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _chrono_timeline_view_properties[PROP_VISIBLE_START] =
    g_param_spec_double ("visible-start", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  _chrono_timeline_view_properties[PROP_VISIBLE_END] =
    g_param_spec_double ("visible-end", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 1,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, _chrono_timeline_view_properties);

  _chrono_timeline_view_signals[EVENT_ACTIVATED] =
    g_signal_new ("event-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CHRONO_TYPE_EVENT);

  _chrono_timeline_view_actions_class_init (widget_class);

  gtk_widget_class_set_css_name (widget_class, "chrono-timeline-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
chrono_timeline_view_init (ChronoTimelineView *self)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  self->selected = CHRONO_NO_SELECTION;
  self->hovered = CHRONO_NO_SELECTION;
  self->lanes = CHRONO_LANES_NONE;
  /* Until a timeline arrives: the last ten years. */
  self->viewport.start = now - 10.0 * 365.2425 * 86400.0;
  self->viewport.end = now;
  self->viewport.width = 1;
  self->viewport.height = 1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  _chrono_timeline_view_input_init (self);
  _chrono_timeline_view_selection_init (self);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_style_manager_notify_dark_cb), self,
                           G_CONNECT_SWAPPED);

  _chrono_timeline_view_update_accessible (self);
}

/* Public API */

GtkWidget *
chrono_timeline_view_new (void)
{
  return g_object_new (CHRONO_TYPE_TIMELINE_VIEW, NULL);
}

ChronoTimeline *
chrono_timeline_view_get_timeline (ChronoTimelineView *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_VIEW (self), NULL);

  return self->timeline;
}

void
chrono_timeline_view_set_timeline (ChronoTimelineView *self,
                                   ChronoTimeline     *timeline)
{
  gboolean had_selection;

  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));
  g_return_if_fail (timeline == NULL || CHRONO_IS_TIMELINE (timeline));

  if (self->timeline == timeline)
    return;

  _chrono_timeline_view_stop_motion (self);
  _chrono_timeline_view_hide_popover (self);
  chrono_event_popover_set_event (CHRONO_EVENT_POPOVER (self->popover), NULL);
  chrono_event_popover_set_timeline (CHRONO_EVENT_POPOVER (self->popover), timeline);

  if (self->timeline != NULL)
    g_signal_handlers_disconnect_by_data (self->timeline, self);
  g_set_object (&self->timeline, timeline);
  g_clear_object (&self->layout);

  had_selection = self->selected_event != NULL;
  self->selected = CHRONO_NO_SELECTION;
  self->hovered = CHRONO_NO_SELECTION;
  g_clear_object (&self->selected_event);

  if (timeline != NULL)
    {
      /* The layout first: it must drop its stale index before our handler
       * (and whoever listens to our notifications) looks at it. */
      self->layout = chrono_layout_new (timeline);
      g_signal_connect_object (timeline, "items-changed",
                               G_CALLBACK (on_timeline_items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (timeline, "changed",
                               G_CALLBACK (on_timeline_changed_cb), self,
                               G_CONNECT_SWAPPED);
      chrono_layout_set_lanes (self->layout, self->lanes);
      apply_filter (self);
      /* Opens showing everything; refitted once the real width is known. */
      chrono_timeline_view_zoom_fit (self);
      self->fit_pending = TRUE;
    }

  invalidate_layout (self);
  _chrono_timeline_view_update_accessible (self);

  g_object_notify_by_pspec (G_OBJECT (self), _chrono_timeline_view_properties[PROP_TIMELINE]);
  if (had_selection)
    g_object_notify_by_pspec (G_OBJECT (self),
                              _chrono_timeline_view_properties[PROP_SELECTED_EVENT]);
}

ChronoEvent *
chrono_timeline_view_get_selected_event (ChronoTimelineView *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_VIEW (self), NULL);

  return self->selected_event;
}

void
chrono_timeline_view_set_selected_event (ChronoTimelineView *self,
                                         ChronoEvent        *event)
{
  guint position = CHRONO_NO_SELECTION;

  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));
  g_return_if_fail (event == NULL || CHRONO_IS_EVENT (event));

  if (event == self->selected_event)
    return;

  if (event != NULL
      && (self->timeline == NULL
          || !chrono_timeline_find_event (self->timeline, event, &position)))
    {
      g_warning ("Selected event does not belong to the view's timeline");
      return;
    }

  /* From outside (the sidebar): reveal it, but leave the popover closed. */
  _chrono_timeline_view_select_position (self, position, TRUE);
}

GtkFilter *
chrono_timeline_view_get_filter (ChronoTimelineView *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_VIEW (self), NULL);

  return self->filter;
}

void
chrono_timeline_view_set_filter (ChronoTimelineView *self,
                                 GtkFilter          *filter)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));
  g_return_if_fail (filter == NULL || GTK_IS_FILTER (filter));

  if (self->filter == filter)
    return;

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_set_object (&self->filter, filter);
  if (filter != NULL)
    g_signal_connect_object (filter, "changed",
                             G_CALLBACK (on_filter_changed_cb), self,
                             G_CONNECT_SWAPPED);

  apply_filter (self);
  g_object_notify_by_pspec (G_OBJECT (self), _chrono_timeline_view_properties[PROP_FILTER]);
}

ChronoLanes
chrono_timeline_view_get_lanes (ChronoTimelineView *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_VIEW (self), CHRONO_LANES_NONE);

  return self->lanes;
}

void
chrono_timeline_view_set_lanes (ChronoTimelineView *self,
                                ChronoLanes         lanes)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));
  g_return_if_fail (lanes <= CHRONO_LANES_ACTOR);

  if (self->lanes == lanes)
    return;

  self->lanes = lanes;
  if (self->layout != NULL)
    chrono_layout_set_lanes (self->layout, lanes);
  invalidate_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), _chrono_timeline_view_properties[PROP_LANES]);
}

void
chrono_timeline_view_get_visible_range (ChronoTimelineView *self,
                                        double             *start,
                                        double             *end)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));

  if (start != NULL)
    *start = self->viewport.start;
  if (end != NULL)
    *end = self->viewport.end;
}

void
chrono_timeline_view_set_visible_range (ChronoTimelineView *self,
                                        double              start,
                                        double              end)
{
  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));
  g_return_if_fail (end > start);

  _chrono_timeline_view_stop_motion (self);
  g_object_freeze_notify (G_OBJECT (self));
  _chrono_timeline_view_set_viewport_range (self, start, end);
  g_object_thaw_notify (G_OBJECT (self));
}

void
chrono_timeline_view_zoom_fit (ChronoTimelineView *self)
{
  ChronoTime lo, hi;
  ChronoViewport vp;

  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));

  _chrono_timeline_view_stop_motion (self);
  if (self->timeline == NULL || !chrono_timeline_get_extent (self->timeline, &lo, &hi))
    return;

  vp = self->viewport;
  chrono_viewport_fit (&vp, lo, MAX (hi, lo + 1), FIT_MARGIN);
  g_object_freeze_notify (G_OBJECT (self));
  _chrono_timeline_view_apply_viewport (self, &vp);
  g_object_thaw_notify (G_OBJECT (self));
  self->fitted = TRUE;
}

void
chrono_timeline_view_reveal_event (ChronoTimelineView *self,
                                   ChronoEvent        *event,
                                   gboolean            show_details)
{
  guint position;

  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));
  g_return_if_fail (CHRONO_IS_EVENT (event));

  if (self->timeline == NULL || !chrono_timeline_find_event (self->timeline, event, &position))
    return;

  _chrono_timeline_view_stop_motion (self);
  g_clear_handle_id (&self->popover_timeout_id, g_source_remove);
  _chrono_timeline_view_select_position (self, position, TRUE);
  if (show_details)
    _chrono_timeline_view_show_popover_for (self, position, NULL);
}

ChronoLayout *
chrono_timeline_view_get_layout (ChronoTimelineView *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_VIEW (self), NULL);

  return self->layout;
}
