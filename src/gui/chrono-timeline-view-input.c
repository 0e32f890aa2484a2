/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-timeline-view"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "chrono-timeline-view-private.h"

/* Pointer and touch input of ChronoTimelineView: hover highlight and cursor,
 * the wheel (zoom, or pan with Shift or a horizontal wheel), drag panning with
 * kinetic deceleration, clicks (select and open the popover after the
 * double-click time; double click zooms to the event, a click on a "+N"
 * cluster zooms in), pinch zoom and the hover tooltip. */

/* Kinetic panning: velocity decays as exp(-t / tau). */
#define KINETIC_TAU 0.325
#define KINETIC_MIN_VELOCITY 20.0   /* px/s below which it stops */
#define DRAG_THRESHOLD 4.0          /* px before a press becomes a pan */
#define WHEEL_ZOOM_STEP 0.18        /* ln of the factor per wheel notch */
#define WHEEL_PAN_STEP 60.0         /* px per horizontal wheel notch */

static gboolean
on_popover_timeout_cb (gpointer user_data)
{
  ChronoTimelineView *self = user_data;

  self->popover_timeout_id = 0;
  _chrono_timeline_view_show_popover_for (self, self->pending_popover_position, NULL);
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

  if (_chrono_timeline_view_ensure_layout (self)
      && chrono_layout_hit_test (self->layout, x, y, &hit))
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

  _chrono_timeline_view_stop_motion (self);

  /* Shift turns the wheel into horizontal scrolling. */
  if ((state & GDK_SHIFT_MASK) != 0 && dx == 0)
    {
      dx = dy;
      dy = 0;
    }

  if (dx != 0)
    _chrono_timeline_view_pan_by (self, pixels ? dx : dx * WHEEL_PAN_STEP);

  if (dy != 0)
    {
      /* Vertical scroll zooms, with or without Ctrl; smooth deltas are pixels. */
      double step = pixels ? dy / 40.0 : dy;

      _chrono_timeline_view_zoom_by (self, exp (-step * WHEEL_ZOOM_STEP),
                                     _chrono_timeline_view_zoom_anchor (self));
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
  _chrono_timeline_view_stop_kinetic (self);
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
      _chrono_timeline_view_stop_animation (self);
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
  _chrono_timeline_view_apply_viewport (self, &vp);
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
  _chrono_timeline_view_pan_by (self, -self->velocity * KINETIC_TAU * (1.0 - decay));
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

  if (fabs (self->velocity) > 4 * KINETIC_MIN_VELOCITY
      && _chrono_timeline_view_animations_enabled (self))
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
  if (_chrono_timeline_view_ensure_layout (self)
      && chrono_layout_hit_test (self->layout, x, y, &hit)
      && hit.kind == CHRONO_HIT_EVENT)
    {
      _chrono_timeline_view_hide_popover (self);
      _chrono_timeline_view_zoom_to_event (self, hit.position, TRUE);
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

  if (!_chrono_timeline_view_ensure_layout (self)
      || !chrono_layout_hit_test (self->layout, x, y, &hit))
    hit.kind = CHRONO_HIT_NONE;

  switch (hit.kind)
    {
    case CHRONO_HIT_EVENT:
      _chrono_timeline_view_select_position (self, hit.position, FALSE);
      /* Wait out a possible second click before opening the popover. */
      g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                    "gtk-double-click-time", &delay,
                    NULL);
      g_clear_handle_id (&self->popover_timeout_id, g_source_remove);
      self->pending_popover_position = hit.position;
      self->popover_timeout_id = g_timeout_add (MAX (delay, 1), on_popover_timeout_cb, self);
      break;

    case CHRONO_HIT_CLUSTER:
      _chrono_timeline_view_hide_popover (self);
      _chrono_timeline_view_zoom_to_span (self, hit.lo, hit.hi, 0.1, TRUE);
      break;

    case CHRONO_HIT_NONE:
    case CHRONO_HIT_ERA:
    case CHRONO_HIT_TICK:
    default:
      _chrono_timeline_view_select_position (self, CHRONO_NO_SELECTION, FALSE);
      break;
    }
}

static void
on_zoom_begin_cb (ChronoTimelineView *self,
                  GdkEventSequence   *sequence,
                  GtkGesture         *gesture)
{
  double x = self->viewport.width / 2, y = 0;

  _chrono_timeline_view_stop_motion (self);
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
  _chrono_timeline_view_apply_viewport (self, &vp);
}

gboolean
_chrono_timeline_view_query_tooltip (GtkWidget  *widget,
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
      text = _chrono_timeline_view_describe_event (self->selected_event);
      gtk_tooltip_set_text (tooltip, text);
      return TRUE;
    }

  if (!_chrono_timeline_view_ensure_layout (self)
      || !chrono_layout_hit_test (self->layout, x, y, &hit))
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

void
_chrono_timeline_view_input_init (ChronoTimelineView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

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
}
