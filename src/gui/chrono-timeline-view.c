/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-timeline-view"

#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "chrono-event-filter.h"
#include "chrono-event-popover.h"
#include "chrono-renderer.h"
#include "chrono-timeline-view.h"

/* Kinetic panning: velocity decays as exp(-t / tau). */
#define KINETIC_TAU 0.325
#define KINETIC_MIN_VELOCITY 20.0   /* px/s below which it stops */
#define DRAG_THRESHOLD 4.0          /* px before a press becomes a pan */
#define ANIMATION_USEC (250 * 1000)
#define KEY_ZOOM_FACTOR 1.5
#define WHEEL_ZOOM_STEP 0.18        /* ln of the factor per wheel notch */
#define WHEEL_PAN_STEP 60.0         /* px per horizontal wheel notch */
#define FIT_MARGIN 0.04

struct _ChronoTimelineView
{
  GtkWidget parent_instance;

  ChronoTimeline *timeline;
  ChronoLayout *layout;
  GtkFilter *filter;
  ChronoLanes lanes;

  ChronoEvent *selected_event;
  guint selected;             /* model position or CHRONO_NO_SELECTION */
  guint hovered;

  ChronoViewport viewport;    /* width/height follow the allocation */
  ChronoViewport laid_out;    /* the viewport of the last layout update */
  gboolean layout_valid;
  gboolean fit_pending;       /* fit all on the next allocation */
  gboolean fitted;            /* showing everything: refit on resize */

  GtkWidget *popover;
  guint popover_timeout_id;   /* delayed opening, so a double click can zoom */
  guint pending_popover_position;

  /* Pointer */
  double pointer_x, pointer_y;
  gboolean pointer_inside;

  /* Drag panning with kinetic deceleration */
  GtkGesture *drag;
  double drag_start_start, drag_start_end;
  double drag_last_offset;
  gint64 drag_last_time;      /* µs */
  double velocity;            /* px/s of the pointer */
  gboolean panning;
  guint kinetic_id;
  gint64 kinetic_last;

  /* Pinch */
  double pinch_start_start, pinch_start_end, pinch_anchor;

  /* Animated zoom to a span */
  guint animation_id;
  gint64 animation_begin;
  double anim_from_center, anim_from_log_span;
  double anim_to_center, anim_to_log_span;
};

G_DEFINE_FINAL_TYPE (ChronoTimelineView, chrono_timeline_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TIMELINE,
  PROP_SELECTED_EVENT,
  PROP_FILTER,
  PROP_LANES,
  PROP_VISIBLE_START,
  PROP_VISIBLE_END,
  N_PROPS
};

enum {
  EVENT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void select_position (ChronoTimelineView *self,
                             guint               position,
                             gboolean            reveal);

/* Helpers */

static guint
n_events (ChronoTimelineView *self)
{
  return self->timeline != NULL ? chrono_timeline_get_n_events (self->timeline) : 0;
}

static const ChronoSpan *
get_span (ChronoTimelineView *self,
          guint               position)
{
  guint n = 0;
  const ChronoSpan *spans;

  if (self->timeline == NULL)
    return NULL;
  spans = chrono_timeline_get_spans (self->timeline, &n);
  return position < n ? &spans[position] : NULL;
}

static gboolean
is_shown (ChronoTimelineView *self,
          guint               position)
{
  if (self->layout == NULL || position >= n_events (self))
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
static gboolean
ensure_layout (ChronoTimelineView *self)
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

static char *
describe_event (ChronoEvent *event)
{
  g_autofree char *date = chrono_event_format_date (event);
  const char *title = chrono_event_get_title (event);

  /* Translators: an event as read out by a screen reader: title, date */
  return g_strdup_printf (_("%s, %s"), title != NULL ? title : "", date != NULL ? date : "");
}

static void
update_accessible (ChronoTimelineView *self)
{
  if (self->selected_event != NULL)
    {
      g_autofree char *text = describe_event (self->selected_event);
      /* Translators: the canvas' accessible name with the selected event */
      g_autofree char *label = g_strdup_printf (_("Timeline: %s"), text);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                      -1);
    }
  else
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline"),
                                      -1);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
stop_kinetic (ChronoTimelineView *self)
{
  if (self->kinetic_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->kinetic_id);
      self->kinetic_id = 0;
    }
  self->velocity = 0;
}

static void
stop_animation (ChronoTimelineView *self)
{
  if (self->animation_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->animation_id);
      self->animation_id = 0;
    }
}

static void
stop_motion (ChronoTimelineView *self)
{
  stop_kinetic (self);
  stop_animation (self);
}

static void
hide_popover (ChronoTimelineView *self)
{
  g_clear_handle_id (&self->popover_timeout_id, g_source_remove);
  if (gtk_widget_get_visible (self->popover))
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

/* The single place the viewport changes: clamps, redraws and notifies. */
static void
set_viewport_range (ChronoTimelineView *self,
                    double              start,
                    double              end)
{
  ChronoViewport vp = self->viewport;
  gboolean start_changed, end_changed;

  if (!isfinite (start) || !isfinite (end) || !(end > start))
    return;

  vp.start = start;
  vp.end = end;
  chrono_viewport_clamp (&vp);

  start_changed = vp.start != self->viewport.start;
  end_changed = vp.end != self->viewport.end;
  if (!start_changed && !end_changed)
    return;

  self->viewport.start = vp.start;
  self->viewport.end = vp.end;
  self->fitted = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));

  /* The popover points at where the event was; it would float in the air. */
  if (self->popover != NULL && gtk_widget_get_visible (self->popover))
    gtk_popover_popdown (GTK_POPOVER (self->popover));

  if (start_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_START]);
  if (end_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_END]);
}

static void
apply_viewport (ChronoTimelineView   *self,
                const ChronoViewport *vp)
{
  set_viewport_range (self, vp->start, vp->end);
}

static void
zoom_by (ChronoTimelineView *self,
         double              factor,
         double              anchor_x)
{
  ChronoViewport vp = self->viewport;

  chrono_viewport_zoom (&vp, factor, anchor_x);
  apply_viewport (self, &vp);
}

static void
pan_by (ChronoTimelineView *self,
        double              dx)
{
  ChronoViewport vp = self->viewport;

  chrono_viewport_pan (&vp, dx);
  apply_viewport (self, &vp);
}

static double
zoom_anchor (ChronoTimelineView *self)
{
  if (self->pointer_inside)
    return self->pointer_x;
  return self->viewport.width / 2.0;
}

static gboolean
animation_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double t, e, center, half;

  if (self->animation_begin == 0)
    self->animation_begin = now;

  t = CLAMP ((double) (now - self->animation_begin) / ANIMATION_USEC, 0.0, 1.0);
  e = 1.0 - pow (1.0 - t, 3.0); /* ease out cubic */

  /* Interpolate the centre linearly and the span geometrically, so a deep
   * zoom does not rush through the first half. */
  center = self->anim_from_center + (self->anim_to_center - self->anim_from_center) * e;
  half = exp (self->anim_from_log_span + (self->anim_to_log_span - self->anim_from_log_span) * e) / 2.0;
  set_viewport_range (self, center - half, center + half);

  if (t >= 1.0)
    {
      self->animation_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
animations_enabled (ChronoTimelineView *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                "gtk-enable-animations", &enabled,
                NULL);
  return enabled && gtk_widget_get_mapped (GTK_WIDGET (self));
}

/* Shows [lo, hi) with a margin, animated when possible. */
static void
zoom_to_span (ChronoTimelineView *self,
              ChronoTime          lo,
              ChronoTime          hi,
              double              margin,
              gboolean            animate)
{
  ChronoViewport target = self->viewport;

  if (hi <= lo)
    hi = lo + 1;

  stop_motion (self);
  chrono_viewport_fit (&target, lo, hi, margin);
  chrono_viewport_clamp (&target);

  if (!animate || !animations_enabled (self))
    {
      apply_viewport (self, &target);
      return;
    }

  self->anim_from_center = (self->viewport.start + self->viewport.end) / 2.0;
  self->anim_from_log_span = log (self->viewport.end - self->viewport.start);
  self->anim_to_center = (target.start + target.end) / 2.0;
  self->anim_to_log_span = log (target.end - target.start);
  self->animation_begin = 0;
  self->animation_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), animation_tick_cb,
                                                     NULL, NULL);
}

static void
zoom_to_event (ChronoTimelineView *self,
               guint               position,
               gboolean            animate)
{
  const ChronoSpan *span = get_span (self, position);

  if (span == NULL)
    return;
  /* The event takes the middle third or so of the view. */
  zoom_to_span (self, span->lo, span->hi, 0.5, animate);
}

/* Pans (and if needed zooms in) so the event is drawn as its own item. */
static void
ensure_visible (ChronoTimelineView *self,
                guint               position)
{
  const ChronoSpan *span = get_span (self, position);
  double start = self->viewport.start;
  double end = self->viewport.end;
  double width = end - start;
  double margin = width * 0.05;
  double lo, hi;

  if (span == NULL)
    return;

  lo = (double) span->lo;
  hi = (double) span->hi;

  if (hi - lo <= width - 2 * margin)
    {
      if (lo < start + margin || hi > end - margin)
        {
          double center = (lo + hi) / 2.0;
          set_viewport_range (self, center - width / 2.0, center + width / 2.0);
        }
    }
  else if (lo < start || lo > end - margin)
    {
      /* Longer than the view: show its beginning. */
      set_viewport_range (self, lo - width * 0.1, lo + width * 0.9);
    }

  /* Folded into a "+N" badge: zoom in around it until it gets a row. */
  for (guint i = 0; i < 24 && is_shown (self, position); i++)
    {
      double x;

      if (!ensure_layout (self))
        break;
      if (chrono_layout_find_item (self->layout, position) != NULL)
        break;
      if (self->viewport.end - self->viewport.start <= CHRONO_VIEWPORT_MIN_SPAN)
        break;
      x = chrono_viewport_time_to_x (&self->viewport, CLAMP (lo, self->viewport.start,
                                                             self->viewport.end));
      zoom_by (self, 2.0, x);
    }
}

/* The box of an event on screen to point the popover at. */
static void
event_box (ChronoTimelineView *self,
           guint               position,
           GdkRectangle       *rect)
{
  const ChronoLayoutItem *item = NULL;
  double width = self->viewport.width, height = self->viewport.height;
  double x0, x1, y, h;

  if (ensure_layout (self))
    item = chrono_layout_find_item (self->layout, position);

  if (item != NULL)
    {
      x0 = item->x0;
      x1 = MAX (item->x1, item->x0);
      y = item->y;
      h = item->height;
    }
  else
    {
      const ChronoSpan *span = get_span (self, position);

      x0 = x1 = span != NULL ? chrono_viewport_time_to_x (&self->viewport, span->lo) : width / 2;
      y = height / 2;
      h = 1;
    }

  /* Wide bars: point at the visible part. */
  x0 = CLAMP (x0, 0, width);
  x1 = CLAMP (x1, 0, width);
  rect->x = (int) floor (x0) - 3;
  rect->y = (int) floor (y);
  rect->width = (int) ceil (x1 - x0) + 6;
  rect->height = MAX (1, (int) ceil (h));
}

static void
show_popover_for (ChronoTimelineView *self,
                  guint               position,
                  const GdkRectangle *box)
{
  GdkRectangle rect;

  if (self->selected != position || self->selected_event == NULL)
    return;

  if (box != NULL)
    rect = *box;
  else
    event_box (self, position, &rect);

  chrono_event_popover_set_timeline (CHRONO_EVENT_POPOVER (self->popover), self->timeline);
  chrono_event_popover_set_event (CHRONO_EVENT_POPOVER (self->popover), self->selected_event);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->popover));
  /* The hover tooltip would sit on top of the popover. */
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));

  g_signal_emit (self, signals[EVENT_ACTIVATED], 0, self->selected_event);
}

static void
select_position (ChronoTimelineView *self,
                 guint               position,
                 gboolean            reveal)
{
  g_autoptr(ChronoEvent) event = NULL;

  if (position >= n_events (self))
    position = CHRONO_NO_SELECTION;

  if (position != CHRONO_NO_SELECTION && reveal)
    ensure_visible (self, position);

  if (position == self->selected)
    return;

  if (position != CHRONO_NO_SELECTION)
    event = g_list_model_get_item (G_LIST_MODEL (self->timeline), position);

  hide_popover (self);
  self->selected = position;
  g_set_object (&self->selected_event, event);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_EVENT]);
}

/* The first shown event starting at or after the viewport's start. */
static guint
first_shown_in_view (ChronoTimelineView *self)
{
  guint n = n_events (self);
  guint pos = chrono_timeline_lower_bound (self->timeline, (ChronoTime) floor (self->viewport.start));

  for (; pos < n; pos++)
    if (is_shown (self, pos))
      return pos;
  return CHRONO_NO_SELECTION;
}

static guint
step_shown (ChronoTimelineView *self,
            guint               from,
            int                 direction)
{
  guint n = n_events (self);

  if (direction > 0)
    {
      for (guint pos = from + 1; pos < n; pos++)
        if (is_shown (self, pos))
          return pos;
    }
  else
    {
      for (guint pos = MIN (from, n); pos > 0; pos--)
        if (is_shown (self, pos - 1))
          return pos - 1;
    }
  return CHRONO_NO_SELECTION;
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
      hide_popover (self);
      update_accessible (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_EVENT]);
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

static void
on_popover_closed_cb (ChronoTimelineView *self,
                      GtkPopover         *popover)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* Give keyboard focus back to the canvas, unless the user moved on. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self))
      && (focus == NULL || focus == GTK_WIDGET (popover)
          || gtk_widget_is_ancestor (focus, GTK_WIDGET (popover))))
    gtk_widget_grab_focus (GTK_WIDGET (self));
}

static gboolean
on_popover_timeout_cb (gpointer user_data)
{
  ChronoTimelineView *self = user_data;

  self->popover_timeout_id = 0;
  show_popover_for (self, self->pending_popover_position, NULL);
  return G_SOURCE_REMOVE;
}

static void
update_hover (ChronoTimelineView *self,
              double              x,
              double              y)
{
  ChronoHit hit = { 0 };
  guint hovered = CHRONO_NO_SELECTION;
  const char *cursor = NULL;

  if (ensure_layout (self) && chrono_layout_hit_test (self->layout, x, y, &hit))
    {
      if (hit.kind == CHRONO_HIT_EVENT)
        {
          hovered = hit.position;
          cursor = "pointer";
        }
      else if (hit.kind == CHRONO_HIT_CLUSTER)
        cursor = "zoom-in";
    }

  if (self->panning)
    cursor = "grabbing";
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);

  if (hovered != self->hovered)
    {
      self->hovered = hovered;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_motion_cb (ChronoTimelineView       *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *motion)
{
  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  if (!self->panning)
    update_hover (self, x, y);
}

static void
on_leave_cb (ChronoTimelineView       *self,
             GtkEventControllerMotion *motion)
{
  self->pointer_inside = FALSE;
  if (self->hovered != CHRONO_NO_SELECTION)
    {
      self->hovered = CHRONO_NO_SELECTION;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
on_scroll_cb (ChronoTimelineView       *self,
              double                    dx,
              double                    dy,
              GtkEventControllerScroll *scroll)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  gboolean pixels = gtk_event_controller_scroll_get_unit (scroll) == GDK_SCROLL_UNIT_SURFACE;

  stop_motion (self);

  /* Shift turns the wheel into horizontal scrolling. */
  if ((state & GDK_SHIFT_MASK) != 0 && dx == 0)
    {
      dx = dy;
      dy = 0;
    }

  if (dx != 0)
    pan_by (self, pixels ? dx : dx * WHEEL_PAN_STEP);

  if (dy != 0)
    {
      /* Vertical scroll zooms, with or without Ctrl; smooth deltas are pixels. */
      double step = pixels ? dy / 40.0 : dy;

      zoom_by (self, exp (-step * WHEEL_ZOOM_STEP), zoom_anchor (self));
    }

  return GDK_EVENT_STOP;
}

static void
on_drag_begin_cb (ChronoTimelineView *self,
                  double              x,
                  double              y,
                  GtkGestureDrag     *gesture)
{
  /* A press catches a throw; an animated zoom (double click) goes on
   * unless the press turns into a pan. */
  stop_kinetic (self);
  self->panning = FALSE;
  self->drag_start_start = self->viewport.start;
  self->drag_start_end = self->viewport.end;
  self->drag_last_offset = 0;
  self->drag_last_time = g_get_monotonic_time ();
  self->velocity = 0;
}

static void
on_drag_update_cb (ChronoTimelineView *self,
                   double              offset_x,
                   double              offset_y,
                   GtkGestureDrag     *gesture)
{
  ChronoViewport vp = self->viewport;
  gint64 now = g_get_monotonic_time ();
  double dt;

  if (!self->panning)
    {
      if (fabs (offset_x) < DRAG_THRESHOLD && fabs (offset_y) < DRAG_THRESHOLD)
        return;
      /* A pan, not a click: keep the click gesture from selecting. */
      self->panning = TRUE;
      stop_animation (self);
      self->drag_start_start = self->viewport.start;
      self->drag_start_end = self->viewport.end;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
      g_clear_handle_id (&self->popover_timeout_id, g_source_remove);
    }

  dt = (now - self->drag_last_time) / (double) G_USEC_PER_SEC;
  if (dt > 0.001)
    {
      double instant = (offset_x - self->drag_last_offset) / dt;

      /* Smooth out jitter; recent motion matters most. */
      self->velocity = 0.7 * instant + 0.3 * self->velocity;
      self->drag_last_offset = offset_x;
      self->drag_last_time = now;
    }

  vp.start = self->drag_start_start;
  vp.end = self->drag_start_end;
  chrono_viewport_pan (&vp, -offset_x);
  apply_viewport (self, &vp);
}

static gboolean
kinetic_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double dt, decay;

  if (self->kinetic_last == 0)
    {
      self->kinetic_last = now;
      return G_SOURCE_CONTINUE;
    }

  dt = (now - self->kinetic_last) / (double) G_USEC_PER_SEC;
  self->kinetic_last = now;
  if (dt <= 0)
    return G_SOURCE_CONTINUE;

  decay = exp (-dt / KINETIC_TAU);
  /* Distance travelled in dt under exponential decay. */
  pan_by (self, -self->velocity * KINETIC_TAU * (1.0 - decay));
  self->velocity *= decay;

  if (fabs (self->velocity) < KINETIC_MIN_VELOCITY)
    {
      self->kinetic_id = 0;
      self->velocity = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_drag_end_cb (ChronoTimelineView *self,
                double              offset_x,
                double              offset_y,
                GtkGestureDrag     *gesture)
{
  gboolean was_panning = self->panning;

  self->panning = FALSE;
  if (!was_panning)
    return;

  update_hover (self, self->pointer_x, self->pointer_y);

  /* A pause before release means no throw. */
  if (g_get_monotonic_time () - self->drag_last_time > 80 * 1000)
    self->velocity = 0;

  if (fabs (self->velocity) > 4 * KINETIC_MIN_VELOCITY && animations_enabled (self))
    {
      self->kinetic_last = 0;
      self->kinetic_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), kinetic_tick_cb,
                                                       NULL, NULL);
    }
  else
    self->velocity = 0;
}

static void
on_click_pressed_cb (ChronoTimelineView *self,
                     int                 n_press,
                     double              x,
                     double              y,
                     GtkGestureClick    *gesture)
{
  ChronoHit hit = { 0 };

  gtk_widget_grab_focus (GTK_WIDGET (self));

  if (n_press != 2)
    return;

  /* Double click: zoom to the event instead of opening its popover. */
  g_clear_handle_id (&self->popover_timeout_id, g_source_remove);
  if (ensure_layout (self) && chrono_layout_hit_test (self->layout, x, y, &hit)
      && hit.kind == CHRONO_HIT_EVENT)
    {
      hide_popover (self);
      zoom_to_event (self, hit.position, TRUE);
    }
}

static void
on_click_released_cb (ChronoTimelineView *self,
                      int                 n_press,
                      double              x,
                      double              y,
                      GtkGestureClick    *gesture)
{
  ChronoHit hit = { 0 };
  int delay = 400;

  if (n_press != 1 || self->panning)
    return;

  if (!ensure_layout (self) || !chrono_layout_hit_test (self->layout, x, y, &hit))
    hit.kind = CHRONO_HIT_NONE;

  switch (hit.kind)
    {
    case CHRONO_HIT_EVENT:
      select_position (self, hit.position, FALSE);
      /* Wait out a possible second click before opening the popover. */
      g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                    "gtk-double-click-time", &delay,
                    NULL);
      g_clear_handle_id (&self->popover_timeout_id, g_source_remove);
      self->pending_popover_position = hit.position;
      self->popover_timeout_id = g_timeout_add (MAX (delay, 1), on_popover_timeout_cb, self);
      break;

    case CHRONO_HIT_CLUSTER:
      hide_popover (self);
      zoom_to_span (self, hit.lo, hit.hi, 0.1, TRUE);
      break;

    case CHRONO_HIT_NONE:
    case CHRONO_HIT_ERA:
    case CHRONO_HIT_TICK:
    default:
      select_position (self, CHRONO_NO_SELECTION, FALSE);
      break;
    }
}

static void
on_zoom_begin_cb (ChronoTimelineView *self,
                  GdkEventSequence   *sequence,
                  GtkGesture         *gesture)
{
  double x = self->viewport.width / 2, y = 0;

  stop_motion (self);
  gtk_gesture_get_bounding_box_center (gesture, &x, &y);
  self->pinch_start_start = self->viewport.start;
  self->pinch_start_end = self->viewport.end;
  self->pinch_anchor = x;
}

static void
on_zoom_scale_changed_cb (ChronoTimelineView *self,
                          double              scale,
                          GtkGestureZoom     *gesture)
{
  ChronoViewport vp = self->viewport;

  if (scale <= 0)
    return;
  vp.start = self->pinch_start_start;
  vp.end = self->pinch_start_end;
  chrono_viewport_zoom (&vp, scale, self->pinch_anchor);
  apply_viewport (self, &vp);
}

/* Actions */

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);

  stop_motion (self);
  zoom_by (self, KEY_ZOOM_FACTOR, zoom_anchor (self));
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);

  stop_motion (self);
  zoom_by (self, 1.0 / KEY_ZOOM_FACTOR, zoom_anchor (self));
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  chrono_timeline_view_zoom_fit (CHRONO_TIMELINE_VIEW (widget));
}

static void
fit_selection_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);

  if (self->selected != CHRONO_NO_SELECTION)
    zoom_to_event (self, self->selected, TRUE);
}

static void
step_action (ChronoTimelineView *self,
             int                 direction)
{
  guint target;

  if (self->timeline == NULL)
    return;

  if (self->selected == CHRONO_NO_SELECTION)
    {
      /* Nothing selected yet: start from what is on screen. */
      target = first_shown_in_view (self);
      if (direction < 0)
        {
          guint last = chrono_timeline_lower_bound (self->timeline,
                                                    (ChronoTime) ceil (self->viewport.end));
          target = step_shown (self, last, -1);
        }
    }
  else
    target = step_shown (self, self->selected, direction);

  if (target != CHRONO_NO_SELECTION)
    select_position (self, target, TRUE);
  else
    gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
next_event_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  step_action (CHRONO_TIMELINE_VIEW (widget), 1);
}

static void
previous_event_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  step_action (CHRONO_TIMELINE_VIEW (widget), -1);
}

static void
first_event_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);
  guint target;

  if (self->timeline == NULL)
    return;
  target = is_shown (self, 0) ? 0 : step_shown (self, 0, 1);
  if (target != CHRONO_NO_SELECTION)
    select_position (self, target, TRUE);
}

static void
last_event_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);
  guint target;

  if (self->timeline == NULL)
    return;
  target = step_shown (self, n_events (self), -1);
  if (target != CHRONO_NO_SELECTION)
    select_position (self, target, TRUE);
}

static void
show_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);

  if (self->selected_event != NULL)
    chrono_timeline_view_reveal_event (self, self->selected_event, TRUE);
}

static void
hide_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  hide_popover (CHRONO_TIMELINE_VIEW (widget));
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

  if (width <= 0 || height <= 0 || !ensure_layout (self))
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

      set_viewport_range (self, self->viewport.start,
                          self->viewport.start + scale * self->viewport.width);
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

static gboolean
chrono_timeline_view_query_tooltip (GtkWidget  *widget,
                                    int         x,
                                    int         y,
                                    gboolean    keyboard_mode,
                                    GtkTooltip *tooltip)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (widget);
  ChronoHit hit = { 0 };

  if (gtk_widget_get_visible (self->popover))
    return FALSE;

  if (keyboard_mode)
    {
      g_autofree char *text = NULL;

      if (self->selected_event == NULL)
        return FALSE;
      text = describe_event (self->selected_event);
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }

  if (!ensure_layout (self) || !chrono_layout_hit_test (self->layout, x, y, &hit))
    return FALSE;

  if (hit.kind == CHRONO_HIT_EVENT)
    {
      g_autoptr(ChronoEvent) event = g_list_model_get_item (G_LIST_MODEL (self->timeline), hit.position);
      g_autofree char *date = NULL;
      g_autofree char *text = NULL;

      if (event == NULL)
        return FALSE;
      date = chrono_event_format_date (event);
      text = g_strdup_printf ("%s\n%s", chrono_event_get_title (event), date);
      gtk_tooltip_set_text (tooltip, text);
    }
  else if (hit.kind == CHRONO_HIT_CLUSTER)
    {
      const ChronoLayoutCluster *clusters;
      guint n_clusters = 0;
      g_autofree char *text = NULL;
      guint count;

      clusters = chrono_layout_get_clusters (self->layout, &n_clusters);
      count = hit.index < n_clusters ? clusters[hit.index].count : 0;
      text = g_strdup_printf (ngettext ("%u more event: click to zoom in",
                                        "%u more events: click to zoom in",
                                        count),
                              count);
      gtk_tooltip_set_text (tooltip, text);
    }
  else
    return FALSE;

  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
                              (int) hit.x, (int) hit.y,
                              MAX (1, (int) ceil (hit.width)), MAX (1, (int) ceil (hit.height)) });
  return TRUE;
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

  stop_motion (self);
  g_clear_handle_id (&self->popover_timeout_id, g_source_remove);

  GTK_WIDGET_CLASS (chrono_timeline_view_parent_class)->unmap (widget);
}

/* GObject */

static void
chrono_timeline_view_dispose (GObject *object)
{
  ChronoTimelineView *self = CHRONO_TIMELINE_VIEW (object);

  stop_motion (self);
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
      stop_motion (self);
      set_viewport_range (self, v, v + (self->viewport.end - self->viewport.start));
      break;
    case PROP_VISIBLE_END:
      v = g_value_get_double (value);
      stop_motion (self);
      if (v > self->viewport.start)
        set_viewport_range (self, self->viewport.start, v);
      else
        set_viewport_range (self, v - (self->viewport.end - self->viewport.start), v);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_binding (GtkWidgetClass  *widget_class,
             guint            keyval,
             GdkModifierType  mods,
             const char      *action)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, mods, action, NULL);
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
  widget_class->query_tooltip = chrono_timeline_view_query_tooltip;
  widget_class->state_flags_changed = chrono_timeline_view_state_flags_changed;
  widget_class->system_setting_changed = chrono_timeline_view_system_setting_changed;
  widget_class->unmap = chrono_timeline_view_unmap;

  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL,
                         CHRONO_TYPE_TIMELINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_EVENT] =
    g_param_spec_object ("selected-event", NULL, NULL,
                         CHRONO_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL,
                         GTK_TYPE_FILTER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANES] =
    g_param_spec_int ("lanes", NULL, NULL,
                      CHRONO_LANES_NONE, CHRONO_LANES_ACTOR, CHRONO_LANES_NONE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISIBLE_START] =
    g_param_spec_double ("visible-start", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISIBLE_END] =
    g_param_spec_double ("visible-end", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 1,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[EVENT_ACTIVATED] =
    g_signal_new ("event-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CHRONO_TYPE_EVENT);

  gtk_widget_class_install_action (widget_class, "view.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "view.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "view.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "view.fit-selection", NULL, fit_selection_action);
  gtk_widget_class_install_action (widget_class, "view.next-event", NULL, next_event_action);
  gtk_widget_class_install_action (widget_class, "view.previous-event", NULL, previous_event_action);
  gtk_widget_class_install_action (widget_class, "view.first-event", NULL, first_event_action);
  gtk_widget_class_install_action (widget_class, "view.last-event", NULL, last_event_action);
  gtk_widget_class_install_action (widget_class, "view.show-details", NULL, show_details_action);
  gtk_widget_class_install_action (widget_class, "view.hide-details", NULL, hide_details_action);

  add_binding (widget_class, GDK_KEY_plus, 0, "view.zoom-in");
  add_binding (widget_class, GDK_KEY_equal, 0, "view.zoom-in");
  add_binding (widget_class, GDK_KEY_KP_Add, 0, "view.zoom-in");
  add_binding (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "view.zoom-in");
  add_binding (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "view.zoom-in");
  add_binding (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "view.zoom-in");
  add_binding (widget_class, GDK_KEY_minus, 0, "view.zoom-out");
  add_binding (widget_class, GDK_KEY_KP_Subtract, 0, "view.zoom-out");
  add_binding (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "view.zoom-out");
  add_binding (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "view.zoom-out");
  add_binding (widget_class, GDK_KEY_0, 0, "view.zoom-fit");
  add_binding (widget_class, GDK_KEY_KP_0, 0, "view.zoom-fit");
  add_binding (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "view.zoom-fit");
  add_binding (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "view.zoom-fit");
  add_binding (widget_class, GDK_KEY_f, 0, "view.fit-selection");
  add_binding (widget_class, GDK_KEY_F, GDK_SHIFT_MASK, "view.fit-selection");
  add_binding (widget_class, GDK_KEY_Right, 0, "view.next-event");
  add_binding (widget_class, GDK_KEY_KP_Right, 0, "view.next-event");
  add_binding (widget_class, GDK_KEY_Left, 0, "view.previous-event");
  add_binding (widget_class, GDK_KEY_KP_Left, 0, "view.previous-event");
  add_binding (widget_class, GDK_KEY_Home, 0, "view.first-event");
  add_binding (widget_class, GDK_KEY_KP_Home, 0, "view.first-event");
  add_binding (widget_class, GDK_KEY_End, 0, "view.last-event");
  add_binding (widget_class, GDK_KEY_KP_End, 0, "view.last-event");
  add_binding (widget_class, GDK_KEY_Return, 0, "view.show-details");
  add_binding (widget_class, GDK_KEY_KP_Enter, 0, "view.show-details");
  add_binding (widget_class, GDK_KEY_ISO_Enter, 0, "view.show-details");
  add_binding (widget_class, GDK_KEY_space, 0, "view.show-details");
  add_binding (widget_class, GDK_KEY_KP_Space, 0, "view.show-details");
  add_binding (widget_class, GDK_KEY_Escape, 0, "view.hide-details");

  gtk_widget_class_set_css_name (widget_class, "chrono-timeline-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
chrono_timeline_view_init (ChronoTimelineView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;
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

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "enter", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  self->drag = gesture;

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  g_signal_connect_swapped (gesture, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (on_zoom_begin_cb), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  self->popover = chrono_event_popover_new ();
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
  g_signal_connect_object (self->popover, "closed",
                           G_CALLBACK (on_popover_closed_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_style_manager_notify_dark_cb), self,
                           G_CONNECT_SWAPPED);

  update_accessible (self);
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

  stop_motion (self);
  hide_popover (self);
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
  update_accessible (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);
  if (had_selection)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_EVENT]);
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
  select_position (self, position, TRUE);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANES]);
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

  stop_motion (self);
  g_object_freeze_notify (G_OBJECT (self));
  set_viewport_range (self, start, end);
  g_object_thaw_notify (G_OBJECT (self));
}

void
chrono_timeline_view_zoom_fit (ChronoTimelineView *self)
{
  ChronoTime lo, hi;
  ChronoViewport vp;

  g_return_if_fail (CHRONO_IS_TIMELINE_VIEW (self));

  stop_motion (self);
  if (self->timeline == NULL || !chrono_timeline_get_extent (self->timeline, &lo, &hi))
    return;

  vp = self->viewport;
  chrono_viewport_fit (&vp, lo, MAX (hi, lo + 1), FIT_MARGIN);
  g_object_freeze_notify (G_OBJECT (self));
  apply_viewport (self, &vp);
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

  stop_motion (self);
  g_clear_handle_id (&self->popover_timeout_id, g_source_remove);
  select_position (self, position, TRUE);
  if (show_details)
    show_popover_for (self, position, NULL);
}

ChronoLayout *
chrono_timeline_view_get_layout (ChronoTimelineView *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE_VIEW (self), NULL);

  return self->layout;
}
