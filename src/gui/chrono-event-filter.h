/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "chrono-timeline.h"

G_BEGIN_DECLS

typedef enum {
  CHRONO_FILTER_FIELD_CATEGORY = 0,
  CHRONO_FILTER_FIELD_ACTOR,
  CHRONO_FILTER_FIELD_TAG,
  CHRONO_FILTER_N_FIELDS,
} ChronoFilterField;

#define CHRONO_TYPE_EVENT_FILTER (chrono_event_filter_get_type ())
G_DECLARE_FINAL_TYPE (ChronoEventFilter, chrono_event_filter, CHRONO, EVENT_FILTER, GtkFilter)

/* Search and filters of the window as one GtkFilter over ChronoEvent items,
 * shared by the sidebar list and the canvas (semantics: ChronoEventQuery).
 *
 * Search: every word of the text must occur (case-insensitively) in the
 * title, description, actors, targets, places or tags.
 * Criteria: within a field (categories, actors, tags) any checked value
 * matches; across fields all must match. Nothing checked: no restriction.
 *
 * Properties: "search" (string), "active" (whether anything is filtered). */
ChronoEventFilter *chrono_event_filter_new          (void);
const char        *chrono_event_filter_get_search   (ChronoEventFilter *self);
void               chrono_event_filter_set_search   (ChronoEventFilter *self,
                                                     const char        *search);
gboolean           chrono_event_filter_get_value    (ChronoEventFilter *self,
                                                     ChronoFilterField  field,
                                                     const char        *value);
void               chrono_event_filter_set_value    (ChronoEventFilter *self,
                                                     ChronoFilterField  field,
                                                     const char        *value,
                                                     gboolean           enabled);
/* Number of checked values over all fields. */
guint              chrono_event_filter_get_n_values (ChronoEventFilter *self);
void               chrono_event_filter_clear_values (ChronoEventFilter *self);
gboolean           chrono_event_filter_get_active   (ChronoEventFilter *self);

/* The compact path, for a million events: the matches over @timeline as one
 * byte per position (1: shown), computed once per change of the filter
 * (narrowing or widening from the last result where the change allows) and
 * kept up to date with the timeline's items-changed, which the filter
 * handles before any handler connected after this call. NULL when the
 * filter is not active (every event matches). *@n_matches: how many match. */
const guint8      *chrono_event_filter_get_mask     (ChronoEventFilter *self,
                                                     ChronoTimeline    *timeline,
                                                     guint             *n_matches);
gboolean           chrono_event_filter_match_position (ChronoEventFilter *self,
                                                     ChronoTimeline    *timeline,
                                                     guint              position);

G_END_DECLS
