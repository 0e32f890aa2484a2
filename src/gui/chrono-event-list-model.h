/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "chrono-event-filter.h"
#include "chrono-timeline.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_EVENT_LIST_MODEL (chrono_event_list_model_get_type ())
G_DECLARE_FINAL_TYPE (ChronoEventListModel, chrono_event_list_model, CHRONO, EVENT_LIST_MODEL, GObject)

/* The sidebar's list: the events of a timeline that pass a
 * ChronoEventFilter, in timeline order, as a GListModel of ChronoEvent.
 *
 * Unlike GtkFilterListModel it never makes an event object to test it: it
 * reads the filter's mask (chrono_event_filter_get_mask()) and keeps the
 * matching timeline positions, so only the rows on screen make objects.
 * A refilter is reported as a few items-changed ranges that leave out every
 * event object still alive that keeps matching (the rows on screen, the
 * selected item): GtkSingleSelection and GtkListView then keep them without
 * looking through the ranges.
 *
 * Properties: "filter" (construct-only), "timeline", "n-items". */
ChronoEventListModel *chrono_event_list_model_new           (ChronoEventFilter    *filter);
ChronoEventFilter    *chrono_event_list_model_get_filter    (ChronoEventListModel *self);
ChronoTimeline       *chrono_event_list_model_get_timeline  (ChronoEventListModel *self);
void                  chrono_event_list_model_set_timeline  (ChronoEventListModel *self,
                                                             ChronoTimeline       *timeline);
/* The timeline position of item @position, or G_MAXUINT past the end. */
guint                 chrono_event_list_model_get_timeline_position (ChronoEventListModel *self,
                                                             guint                 position);
/* The item position of the event at @timeline_position (binary search), or
 * FALSE when it is filtered out; right at every step of a change too. */
gboolean              chrono_event_list_model_find          (ChronoEventListModel *self,
                                                             guint                 timeline_position,
                                                             guint                *position);

G_END_DECLS
