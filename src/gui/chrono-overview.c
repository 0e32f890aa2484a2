/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-overview"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "chrono-overview.h"

#define BUCKET_WIDTH 4        /* px per histogram bar */
#define EXTENT_MARGIN 0.07    /* of the extent, each side: more than the canvas fit */
#define MIN_WINDOW_WIDTH 8.0  /* px: a deep zoom still shows a handle */
#define STRIP_HEIGHT 48

struct _ChronoOverview
{
  GtkWidget parent_instance;

  ChronoTimeline *timeline;
  double visible_start;
  double visible_end;

  /* Dragging the window */
  gboolean dragging;
  double drag_base_start;
  double drag_span;
};

G_DEFINE_FINAL_TYPE (ChronoOverview, chrono_overview, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TIMELINE,
  PROP_VISIBLE_START,
  PROP_VISIBLE_END,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static double
time_to_x (double lo,
           double hi,
           double width,
           double time)
{
  return (time - lo) / (hi - lo) * width;
}

static double
x_to_time (double lo,
           double hi,
           double width,
           double x)
{
  return lo + x / width * (hi - lo);
}

/* The visible window in pixels, widened to stay grabbable. */
static void
window_rect (ChronoOverview *self,
             double          lo,
             double          hi,
             double          width,
             double         *x0,
             double         *x1)
{
  double a = time_to_x (lo, hi, width, MIN (self->visible_start, self->visible_end));
  double b = time_to_x (lo, hi, width, MAX (self->visible_start, self->visible_end));

  if (b - a < MIN_WINDOW_WIDTH)
    {
      double c = (a + b) / 2.0;

      a = c - MIN_WINDOW_WIDTH / 2.0;
      b = c + MIN_WINDOW_WIDTH / 2.0;
    }
  *x0 = a;
  *x1 = b;
}

static void
set_range (ChronoOverview *self,
           double          start,
           double          end)
{
  gboolean start_changed = start != self->visible_start;
  gboolean end_changed = end != self->visible_end;

  if (!start_changed && !end_changed)
    return;

  self->visible_start = start;
  self->visible_end = end;
  gtk_widget_queue_draw (GTK_WIDGET (self));

  /* Start first and not frozen (a thaw may reorder): a bound view moves its
   * window on "start" and then finds "end" already in place. */
  if (start_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_START]);
  if (end_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIBLE_END]);
}

static void
on_timeline_changed_cb (ChronoOverview *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_begin_cb (ChronoOverview *self,
                  double          x,
                  double          y,
                  GtkGestureDrag *gesture)
{
  double lo, hi, x0, x1;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double span = self->visible_end - self->visible_start;

  if (width <= 0 || !chrono_overview_get_extent (self, &lo, &hi) || span <= 0)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  window_rect (self, lo, hi, width, &x0, &x1);
  if (x < x0 - 2 || x > x1 + 2)
    {
      /* Outside the window: centre it there, then keep dragging it. */
      double t = x_to_time (lo, hi, width, x);

      set_range (self, t - span / 2.0, t - span / 2.0 + span);
    }

  self->dragging = TRUE;
  self->drag_base_start = self->visible_start;
  self->drag_span = self->visible_end - self->visible_start;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
on_drag_update_cb (ChronoOverview *self,
                   double          offset_x,
                   double          offset_y,
                   GtkGestureDrag *gesture)
{
  double lo, hi, start;
  double width = gtk_widget_get_width (GTK_WIDGET (self));

  if (!self->dragging || width <= 0 || !chrono_overview_get_extent (self, &lo, &hi))
    return;

  start = self->drag_base_start + offset_x / width * (hi - lo);
  set_range (self, start, start + self->drag_span);
}

static void
on_drag_end_cb (ChronoOverview *self,
                double          offset_x,
                double          offset_y,
                GtkGestureDrag *gesture)
{
  self->dragging = FALSE;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");
}

static void
on_motion_cb (ChronoOverview           *self,
              double                    x,
              double                    y,
              GtkEventControllerMotion *motion)
{
  double lo, hi, x0, x1;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  const char *cursor = "pointer";

  if (self->dragging)
    return;

  if (width > 0 && chrono_overview_get_extent (self, &lo, &hi))
    {
      window_rect (self, lo, hi, width, &x0, &x1);
      if (x >= x0 - 2 && x <= x1 + 2)
        cursor = "grab";
    }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), cursor);
}

static void
append_rect (GtkSnapshot   *snapshot,
             const GdkRGBA *color,
             double         x,
             double         y,
             double         width,
             double         height)
{
  if (width <= 0 || height <= 0)
    return;
  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT ((float) x, (float) y, (float) width, (float) height));
}

static void
chrono_overview_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  ChronoOverview *self = CHRONO_OVERVIEW (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double lo, hi, x0, x1;
  GdkRGBA fg, accent, bar, shade, frame, fill, baseline;
  guint n_buckets;
  g_autofree guint *counts = NULL;
  guint max_count = 0;
  double bar_room = height - 8;
  GskRoundedRect outline;

  if (width <= 0 || height <= 0)
    return;

  gtk_style_context_get_color (style, &fg);
  if (!gtk_style_context_lookup_color (style, "accent_bg_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");

  baseline = fg;
  baseline.alpha *= 0.15f;
  append_rect (snapshot, &baseline, 0, height - 1, width, 1);

  if (self->timeline == NULL || !chrono_overview_get_extent (self, &lo, &hi))
    return;

  /* Event starts per bucket: two binary searches per bar, so the cost
   * follows the strip's width, not the number of events. */
  n_buckets = MAX (1, (guint) ceil (width / BUCKET_WIDTH));
  counts = g_new0 (guint, n_buckets);
  {
    guint prev = chrono_timeline_lower_bound (self->timeline, (ChronoTime) floor (lo));

    for (guint i = 0; i < n_buckets; i++)
      {
        double t = x_to_time (lo, hi, width, (i + 1) * (double) BUCKET_WIDTH);
        guint next = i + 1 == n_buckets
                     ? chrono_timeline_get_n_events (self->timeline)
                     : chrono_timeline_lower_bound (self->timeline, (ChronoTime) floor (t));

        counts[i] = next >= prev ? next - prev : 0;
        max_count = MAX (max_count, counts[i]);
        prev = next;
      }
  }

  bar = fg;
  bar.alpha *= 0.55f;
  for (guint i = 0; i < n_buckets && max_count > 0; i++)
    {
      double h;

      if (counts[i] == 0)
        continue;
      /* Square root keeps lone events visible beside dense bursts. */
      h = MAX (2.0, sqrt ((double) counts[i] / max_count) * bar_room);
      append_rect (snapshot, &bar, i * (double) BUCKET_WIDTH + 0.5, height - 1 - h,
                   BUCKET_WIDTH - 1.0, h);
    }

  /* Dim what lies outside the visible window, then frame the window. */
  window_rect (self, lo, hi, width, &x0, &x1);
  shade = fg;
  shade.alpha *= 0.08f;
  append_rect (snapshot, &shade, 0, 0, MAX (0, MIN (x0, width)), height);
  append_rect (snapshot, &shade, MAX (0, x1), 0, width - MAX (0, x1), height);

  fill = accent;
  fill.alpha = 0.18f;
  frame = accent;
  frame.alpha = 0.9f;
  gsk_rounded_rect_init_from_rect (&outline,
                                   &GRAPHENE_RECT_INIT ((float) x0, 1.0f,
                                                        (float) (x1 - x0), (float) (height - 2)),
                                   3.0f);
  gtk_snapshot_push_rounded_clip (snapshot, &outline);
  append_rect (snapshot, &fill, x0, 1, x1 - x0, height - 2);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &outline,
                              (float[4]) { 1.5f, 1.5f, 1.5f, 1.5f },
                              (GdkRGBA[4]) { frame, frame, frame, frame });
}

static void
chrono_overview_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 100;
      *natural = 600;
    }
  else
    *minimum = *natural = STRIP_HEIGHT;
}

static void
chrono_overview_dispose (GObject *object)
{
  ChronoOverview *self = CHRONO_OVERVIEW (object);

  if (self->timeline != NULL)
    g_signal_handlers_disconnect_by_data (self->timeline, self);
  g_clear_object (&self->timeline);

  G_OBJECT_CLASS (chrono_overview_parent_class)->dispose (object);
}

static void
chrono_overview_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ChronoOverview *self = CHRONO_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;
    case PROP_VISIBLE_START:
      g_value_set_double (value, self->visible_start);
      break;
    case PROP_VISIBLE_END:
      g_value_set_double (value, self->visible_end);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_overview_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ChronoOverview *self = CHRONO_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      chrono_overview_set_timeline (self, g_value_get_object (value));
      break;
    case PROP_VISIBLE_START:
      set_range (self, g_value_get_double (value), self->visible_end);
      break;
    case PROP_VISIBLE_END:
      set_range (self, self->visible_start, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_overview_class_init (ChronoOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chrono_overview_dispose;
  object_class->get_property = chrono_overview_get_property;
  object_class->set_property = chrono_overview_set_property;

  widget_class->snapshot = chrono_overview_snapshot;
  widget_class->measure = chrono_overview_measure;

  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL,
                         CHRONO_TYPE_TIMELINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISIBLE_START] =
    g_param_spec_double ("visible-start", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VISIBLE_END] =
    g_param_spec_double ("visible-end", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chrono-overview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
chrono_overview_init (ChronoOverview *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (on_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline overview"),
                                  -1);
}

GtkWidget *
chrono_overview_new (void)
{
  return g_object_new (CHRONO_TYPE_OVERVIEW, NULL);
}

ChronoTimeline *
chrono_overview_get_timeline (ChronoOverview *self)
{
  g_return_val_if_fail (CHRONO_IS_OVERVIEW (self), NULL);

  return self->timeline;
}

void
chrono_overview_set_timeline (ChronoOverview *self,
                              ChronoTimeline *timeline)
{
  g_return_if_fail (CHRONO_IS_OVERVIEW (self));
  g_return_if_fail (timeline == NULL || CHRONO_IS_TIMELINE (timeline));

  if (self->timeline == timeline)
    return;

  if (self->timeline != NULL)
    g_signal_handlers_disconnect_by_data (self->timeline, self);
  g_set_object (&self->timeline, timeline);
  if (timeline != NULL)
    {
      g_signal_connect_object (timeline, "items-changed",
                               G_CALLBACK (on_timeline_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (timeline, "changed",
                               G_CALLBACK (on_timeline_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);
}

void
chrono_overview_get_visible_range (ChronoOverview *self,
                                   double         *start,
                                   double         *end)
{
  g_return_if_fail (CHRONO_IS_OVERVIEW (self));

  if (start != NULL)
    *start = self->visible_start;
  if (end != NULL)
    *end = self->visible_end;
}

void
chrono_overview_set_visible_range (ChronoOverview *self,
                                   double          start,
                                   double          end)
{
  g_return_if_fail (CHRONO_IS_OVERVIEW (self));
  g_return_if_fail (end >= start);

  set_range (self, start, end);
}

gboolean
chrono_overview_get_extent (ChronoOverview *self,
                            double         *lo,
                            double         *hi)
{
  ChronoTime a, b;
  double margin;

  g_return_val_if_fail (CHRONO_IS_OVERVIEW (self), FALSE);

  if (self->timeline == NULL || !chrono_timeline_get_extent (self->timeline, &a, &b))
    return FALSE;

  if (b <= a)
    b = a + 1;
  margin = ((double) b - (double) a) * EXTENT_MARGIN;
  *lo = (double) a - margin;
  *hi = (double) b + margin;
  return TRUE;
}
