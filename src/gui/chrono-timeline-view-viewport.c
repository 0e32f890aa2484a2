/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-timeline-view"

#include "config.h"

#include <math.h>

#include "chrono-timeline-view-private.h"

/* The visible range of ChronoTimelineView: the one function that changes it
 * (and notifies "visible-start"/"visible-end"), zooming and panning by a step,
 * the animated zoom to a span or an event, keeping an event in view, and
 * stopping the animation and kinetic motion. */

#define ANIMATION_USEC (250 * 1000)

void
_chrono_timeline_view_stop_kinetic (ChronoTimelineView *self)
{
  if (self->kinetic_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->kinetic_id);
      self->kinetic_id = 0;
    }
  self->velocity = 0;
}

void
_chrono_timeline_view_stop_animation (ChronoTimelineView *self)
{
  if (self->animation_id != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->animation_id);
      self->animation_id = 0;
    }
}

void
_chrono_timeline_view_stop_motion (ChronoTimelineView *self)
{
  _chrono_timeline_view_stop_kinetic (self);
  _chrono_timeline_view_stop_animation (self);
}

/* The single place the viewport changes: clamps, redraws and notifies. */
void
_chrono_timeline_view_set_viewport_range (ChronoTimelineView *self,
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
    g_object_notify_by_pspec (G_OBJECT (self),
                              _chrono_timeline_view_properties[PROP_VISIBLE_START]);
  if (end_changed)
    g_object_notify_by_pspec (G_OBJECT (self), _chrono_timeline_view_properties[PROP_VISIBLE_END]);
}

void
_chrono_timeline_view_apply_viewport (ChronoTimelineView   *self,
                                      const ChronoViewport *vp)
{
  _chrono_timeline_view_set_viewport_range (self, vp->start, vp->end);
}

void
_chrono_timeline_view_zoom_by (ChronoTimelineView *self,
                               double              factor,
                               double              anchor_x)
{
  ChronoViewport vp = self->viewport;

  chrono_viewport_zoom (&vp, factor, anchor_x);
  _chrono_timeline_view_apply_viewport (self, &vp);
}

void
_chrono_timeline_view_pan_by (ChronoTimelineView *self,
                              double              dx)
{
  ChronoViewport vp = self->viewport;

  chrono_viewport_pan (&vp, dx);
  _chrono_timeline_view_apply_viewport (self, &vp);
}

double
_chrono_timeline_view_zoom_anchor (ChronoTimelineView *self)
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
  _chrono_timeline_view_set_viewport_range (self, center - half, center + half);

  if (t >= 1.0)
    {
      self->animation_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

gboolean
_chrono_timeline_view_animations_enabled (ChronoTimelineView *self)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                "gtk-enable-animations", &enabled,
                NULL);
  return enabled && gtk_widget_get_mapped (GTK_WIDGET (self));
}

/* Shows [lo, hi) with a margin, animated when possible. */
void
_chrono_timeline_view_zoom_to_span (ChronoTimelineView *self,
                                    ChronoTime          lo,
                                    ChronoTime          hi,
                                    double              margin,
                                    gboolean            animate)
{
  ChronoViewport target = self->viewport;

  if (hi <= lo)
    hi = lo + 1;

  _chrono_timeline_view_stop_motion (self);
  chrono_viewport_fit (&target, lo, hi, margin);
  chrono_viewport_clamp (&target);

  if (!animate || !_chrono_timeline_view_animations_enabled (self))
    {
      _chrono_timeline_view_apply_viewport (self, &target);
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

void
_chrono_timeline_view_zoom_to_event (ChronoTimelineView *self,
                                     guint               position,
                                     gboolean            animate)
{
  const ChronoSpan *span = _chrono_timeline_view_get_span (self, position);

  if (span == NULL)
    return;
  /* The event takes the middle third or so of the view. */
  _chrono_timeline_view_zoom_to_span (self, span->lo, span->hi, 0.5, animate);
}

/* Pans (and if needed zooms in) so the event is drawn as its own item. */
void
_chrono_timeline_view_ensure_visible (ChronoTimelineView *self,
                                      guint               position)
{
  const ChronoSpan *span = _chrono_timeline_view_get_span (self, position);
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
          _chrono_timeline_view_set_viewport_range (self, center - width / 2.0,
                                                    center + width / 2.0);
        }
    }
  else if (lo < start || lo > end - margin)
    {
      /* Longer than the view: show its beginning. */
      _chrono_timeline_view_set_viewport_range (self, lo - width * 0.1, lo + width * 0.9);
    }

  /* Folded into a "+N" badge: zoom in around it until it gets a row. */
  for (guint i = 0; i < 24 && _chrono_timeline_view_is_shown (self, position); i++)
    {
      double x;

      if (!_chrono_timeline_view_ensure_layout (self))
        break;
      if (chrono_layout_find_item (self->layout, position) != NULL)
        break;
      if (self->viewport.end - self->viewport.start <= CHRONO_VIEWPORT_MIN_SPAN)
        break;
      x = chrono_viewport_time_to_x (&self->viewport, CLAMP (lo, self->viewport.start,
                                                             self->viewport.end));
      _chrono_timeline_view_zoom_by (self, 2.0, x);
    }
}
