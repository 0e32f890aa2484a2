/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "chrono-event-filter.h"
#include "chrono-timeline.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_FILTER_POPOVER (chrono_filter_popover_get_type ())
G_DECLARE_FINAL_TYPE (ChronoFilterPopover, chrono_filter_popover, CHRONO, FILTER_POPOVER, GtkPopover)

/* Check boxes for the categories, actors and tags of a timeline that set
 * the values of a ChronoEventFilter. Built when shown (collecting actors and
 * tags reads every event), again after the timeline changed.
 * Properties: "timeline", "filter". */
GtkWidget         *chrono_filter_popover_new          (void);
ChronoTimeline    *chrono_filter_popover_get_timeline (ChronoFilterPopover *self);
void               chrono_filter_popover_set_timeline (ChronoFilterPopover *self,
                                                       ChronoTimeline      *timeline);
ChronoEventFilter *chrono_filter_popover_get_filter   (ChronoFilterPopover *self);
void               chrono_filter_popover_set_filter   (ChronoFilterPopover *self,
                                                       ChronoEventFilter   *filter);

G_END_DECLS
