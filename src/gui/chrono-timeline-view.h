/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "chrono-layout.h"
#include "chrono-timeline.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_TIMELINE_VIEW (chrono_timeline_view_get_type ())
G_DECLARE_FINAL_TYPE (ChronoTimelineView, chrono_timeline_view, CHRONO, TIMELINE_VIEW, GtkWidget)

/* The interactive canvas: draws through ChronoLayout + chrono_renderer_draw.
 *
 * Properties:
 *   "timeline"       ChronoTimeline
 *   "selected-event" ChronoEvent or NULL: the selection, the currency shared
 *                    with the sidebar (positions differ once filtered)
 *   "filter"         GtkFilter or NULL: which events are drawn (search and
 *                    filters; the sidebar's GtkFilterListModel uses the same one)
 *   "lanes"          ChronoLanes (as int)
 *   "visible-start", "visible-end" (double seconds): the viewport, for the
 *                    overview strip; writable to move the view
 * Signals:
 *   "event-activated" (ChronoEvent *event): Enter / click opened its popover
 * Actions (installed on the class, bound to keys when focused):
 *   "view.zoom-in", "view.zoom-out", "view.zoom-fit", "view.fit-selection",
 *   "view.next-event", "view.previous-event", "view.first-event", "view.last-event",
 *   "view.show-details", "view.hide-details" */
GtkWidget      *chrono_timeline_view_new                (void);
ChronoTimeline *chrono_timeline_view_get_timeline       (ChronoTimelineView *self);
void            chrono_timeline_view_set_timeline       (ChronoTimelineView *self,
                                                         ChronoTimeline     *timeline);
ChronoEvent    *chrono_timeline_view_get_selected_event (ChronoTimelineView *self);
void            chrono_timeline_view_set_selected_event (ChronoTimelineView *self,
                                                         ChronoEvent        *event);
GtkFilter      *chrono_timeline_view_get_filter         (ChronoTimelineView *self);
void            chrono_timeline_view_set_filter         (ChronoTimelineView *self,
                                                         GtkFilter          *filter);
ChronoLanes     chrono_timeline_view_get_lanes          (ChronoTimelineView *self);
void            chrono_timeline_view_set_lanes          (ChronoTimelineView *self,
                                                         ChronoLanes         lanes);
/* The visible window in axis seconds. */
void            chrono_timeline_view_get_visible_range  (ChronoTimelineView *self,
                                                         double             *start,
                                                         double             *end);
void            chrono_timeline_view_set_visible_range  (ChronoTimelineView *self,
                                                         double              start,
                                                         double              end);
/* Fits the whole timeline (Ctrl 0). */
void            chrono_timeline_view_zoom_fit           (ChronoTimelineView *self);
/* Scrolls/zooms so the event is visible, selects it and, if @show_details,
 * opens its popover. */
void            chrono_timeline_view_reveal_event       (ChronoTimelineView *self,
                                                         ChronoEvent        *event,
                                                         gboolean            show_details);
/* The layout of the last frame (for the export dialog's "visible range"). */
ChronoLayout   *chrono_timeline_view_get_layout         (ChronoTimelineView *self);

G_END_DECLS
