/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "chrono-renderer.h"
#include "chrono-timeline-view.h"

G_BEGIN_DECLS

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

/* Defined in chrono-timeline-view.c; the parts notify and emit through them. */
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

extern GParamSpec *_chrono_timeline_view_properties[N_PROPS];
extern guint _chrono_timeline_view_signals[N_SIGNALS];

/* chrono-timeline-view.c */
guint             _chrono_timeline_view_n_events      (ChronoTimelineView *self);
const ChronoSpan *_chrono_timeline_view_get_span      (ChronoTimelineView *self,
                                                        guint               position);
gboolean          _chrono_timeline_view_is_shown      (ChronoTimelineView *self,
                                                        guint               position);
/* Brings the layout up to date with the viewport; FALSE when there is none. */
gboolean          _chrono_timeline_view_ensure_layout (ChronoTimelineView *self);

/* chrono-timeline-view-viewport.c */
void     _chrono_timeline_view_stop_kinetic       (ChronoTimelineView   *self);
void     _chrono_timeline_view_stop_animation     (ChronoTimelineView   *self);
void     _chrono_timeline_view_stop_motion        (ChronoTimelineView   *self);
void     _chrono_timeline_view_set_viewport_range (ChronoTimelineView   *self,
                                                   double                start,
                                                   double                end);
void     _chrono_timeline_view_apply_viewport     (ChronoTimelineView   *self,
                                                   const ChronoViewport *vp);
void     _chrono_timeline_view_zoom_by            (ChronoTimelineView   *self,
                                                   double                factor,
                                                   double                anchor_x);
void     _chrono_timeline_view_pan_by             (ChronoTimelineView   *self,
                                                   double                dx);
double   _chrono_timeline_view_zoom_anchor        (ChronoTimelineView   *self);
gboolean _chrono_timeline_view_animations_enabled (ChronoTimelineView   *self);
void     _chrono_timeline_view_zoom_to_span       (ChronoTimelineView   *self,
                                                   ChronoTime            lo,
                                                   ChronoTime            hi,
                                                   double                margin,
                                                   gboolean              animate);
void     _chrono_timeline_view_zoom_to_event      (ChronoTimelineView   *self,
                                                   guint                 position,
                                                   gboolean              animate);
void     _chrono_timeline_view_ensure_visible     (ChronoTimelineView   *self,
                                                   guint                 position);

/* chrono-timeline-view-selection.c */
void  _chrono_timeline_view_selection_init    (ChronoTimelineView *self);
char *_chrono_timeline_view_describe_event    (ChronoEvent        *event);
void  _chrono_timeline_view_update_accessible (ChronoTimelineView *self);
void  _chrono_timeline_view_hide_popover      (ChronoTimelineView *self);
/* @box: where to point, or NULL for the event's box on screen. */
void  _chrono_timeline_view_show_popover_for  (ChronoTimelineView *self,
                                               guint               position,
                                               const GdkRectangle *box);
void  _chrono_timeline_view_select_position   (ChronoTimelineView *self,
                                               guint               position,
                                               gboolean            reveal);

/* chrono-timeline-view-input.c */
void     _chrono_timeline_view_input_init    (ChronoTimelineView *self);
gboolean _chrono_timeline_view_query_tooltip (GtkWidget          *widget,
                                              int                 x,
                                              int                 y,
                                              gboolean            keyboard_mode,
                                              GtkTooltip         *tooltip);

/* chrono-timeline-view-actions.c */
void _chrono_timeline_view_actions_class_init (GtkWidgetClass *widget_class);

G_END_DECLS
