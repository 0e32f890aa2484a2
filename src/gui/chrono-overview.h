/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "chrono-timeline.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_OVERVIEW (chrono_overview_get_type ())
G_DECLARE_FINAL_TYPE (ChronoOverview, chrono_overview, CHRONO, OVERVIEW, GtkWidget)

/* A thin strip showing the density of the whole timeline with the canvas'
 * visible window marked. Dragging the window moves it; a click elsewhere
 * centres the window there.
 *
 * Properties: "timeline", "visible-start", "visible-end" (double seconds;
 * bind them both ways to ChronoTimelineView's properties of the same name). */
GtkWidget      *chrono_overview_new                (void);
ChronoTimeline *chrono_overview_get_timeline       (ChronoOverview *self);
void            chrono_overview_set_timeline       (ChronoOverview *self,
                                                    ChronoTimeline *timeline);
void            chrono_overview_get_visible_range  (ChronoOverview *self,
                                                    double         *start,
                                                    double         *end);
void            chrono_overview_set_visible_range  (ChronoOverview *self,
                                                    double          start,
                                                    double          end);
/* The span of time the strip maps onto its width (the timeline's extent
 * with a small margin); FALSE when there is nothing to show. */
gboolean        chrono_overview_get_extent         (ChronoOverview *self,
                                                    double         *lo,
                                                    double         *hi);

G_END_DECLS
