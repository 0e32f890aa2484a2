/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "chrono-category.h"
#include "chrono-date.h"
#include "chrono-era.h"
#include "chrono-event.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_TIMELINE (chrono_timeline_get_type ())
G_DECLARE_FINAL_TYPE (ChronoTimeline, chrono_timeline, CHRONO, TIMELINE, GObject)

/* The flags of a compact span record. */
typedef enum /*< flags >*/ {
  CHRONO_SPAN_RANGE = 1 << 0,       /* has an end: drawn as a bar */
  CHRONO_SPAN_IMPRECISE = 1 << 1,   /* start precision coarser than a day: a soft band */
  CHRONO_SPAN_UNCERTAIN = 1 << 2,   /* "?" on either end */
  CHRONO_SPAN_APPROXIMATE = 1 << 3, /* "~" on either end */
  CHRONO_SPAN_OPEN_END = 1 << 4,    /* end is ".." (ongoing) */
} ChronoSpanFlags;

#define CHRONO_NO_INDEX G_MAXUINT16

/* What layout and drawing need of an event, kept in one sorted array so that
 * a frame never touches GObjects. Position i in the array is position i of
 * the GListModel. */
typedef struct {
  ChronoTime lo;       /* span start (seconds) */
  ChronoTime hi;       /* span end, exclusive; for an open end the start's span end */
  guint32 uid;         /* stable id of the record inside this document */
  guint16 category;    /* index into chrono_timeline_get_categories(), or CHRONO_NO_INDEX */
  guint16 group;       /* index into chrono_timeline_get_group_name(), or CHRONO_NO_INDEX */
  guint8 flags;        /* ChronoSpanFlags */
  guint8 importance;   /* 0..100 */
  guint8 start_precision; /* ChronoPrecision */
  guint8 reserved;
} ChronoSpan;

/* The document: metadata, categories, eras and the events as a GListModel of
 * ChronoEvent sorted by start (stable for ties). Events are stored compactly
 * and ChronoEvent objects are made on demand by g_list_model_get_item().
 *
 * Properties: "title", "description", "file" (GFile or NULL), "modified"
 * (unsaved changes), "n-items", "extra" (unknown top-level JSON fields as an
 * object text, kept for round trips).
 * Signals: GListModel::items-changed with real positions; "changed" when
 * metadata, categories or eras change (for views to redraw). */
ChronoTimeline   *chrono_timeline_new                (void);

const char       *chrono_timeline_get_title          (ChronoTimeline   *self);
void              chrono_timeline_set_title          (ChronoTimeline   *self,
                                                      const char       *title);
const char       *chrono_timeline_get_description    (ChronoTimeline   *self);
void              chrono_timeline_set_description    (ChronoTimeline   *self,
                                                      const char       *description);
GFile            *chrono_timeline_get_file           (ChronoTimeline   *self);
void              chrono_timeline_set_file           (ChronoTimeline   *self,
                                                      GFile            *file);
gboolean          chrono_timeline_get_modified       (ChronoTimeline   *self);
void              chrono_timeline_set_modified       (ChronoTimeline   *self,
                                                      gboolean          modified);
const char       *chrono_timeline_get_extra          (ChronoTimeline   *self);
void              chrono_timeline_set_extra          (ChronoTimeline   *self,
                                                      const char       *extra_json);

/* Categories and eras: GListModels owned by the timeline (in document order). */
GListModel       *chrono_timeline_get_categories     (ChronoTimeline   *self);
void              chrono_timeline_add_category       (ChronoTimeline   *self,
                                                      ChronoCategory   *category);
ChronoCategory   *chrono_timeline_lookup_category    (ChronoTimeline   *self,
                                                      const char       *id);
GListModel       *chrono_timeline_get_eras           (ChronoTimeline   *self);
void              chrono_timeline_add_era            (ChronoTimeline   *self,
                                                      ChronoEra        *era);

/* Events. Adding copies the event's data into the store; the object passed
 * in is not kept. add_event inserts at its sorted place (after equal starts)
 * and emits items-changed (pos, 0, 1). add_events sorts once: use it to load. */
void              chrono_timeline_add_event          (ChronoTimeline   *self,
                                                      ChronoEvent      *event);
void              chrono_timeline_add_events         (ChronoTimeline   *self,
                                                      ChronoEvent     **events,
                                                      guint             n_events);
/* Loading without a GObject per event: append_event copies @event (which the
 * caller may reuse for the next one) into a batch that is not yet part of
 * the model; commit_appended sorts the batch in and emits one items-changed,
 * as add_events does. */
void              chrono_timeline_append_event       (ChronoTimeline   *self,
                                                      ChronoEvent      *event);
void              chrono_timeline_commit_appended    (ChronoTimeline   *self);
void              chrono_timeline_remove             (ChronoTimeline   *self,
                                                      guint             position);
/* The event with this id (new ref), or NULL. */
ChronoEvent      *chrono_timeline_lookup_event       (ChronoTimeline   *self,
                                                      const char       *id);
/* Position of an event handed out by this timeline, or FALSE. */
gboolean          chrono_timeline_find_event         (ChronoTimeline   *self,
                                                      ChronoEvent      *event,
                                                      guint            *position);
guint             chrono_timeline_get_n_events       (ChronoTimeline   *self);

/* Compact read access for layout and drawing (valid until the next change). */
const ChronoSpan *chrono_timeline_get_spans          (ChronoTimeline   *self,
                                                      guint            *n_spans);
const char       *chrono_timeline_get_event_title    (ChronoTimeline   *self,
                                                      guint             position);
const char       *chrono_timeline_get_event_id       (ChronoTimeline   *self,
                                                      guint             position);
const char       *chrono_timeline_get_group_name     (ChronoTimeline   *self,
                                                      guint16           group);
guint             chrono_timeline_get_n_groups       (ChronoTimeline   *self);
/* First position whose span start is >= @time (binary search). */
guint             chrono_timeline_lower_bound        (ChronoTimeline   *self,
                                                      ChronoTime        time);
/* [lo, hi) over all events and eras; FALSE when the timeline is empty. */
gboolean          chrono_timeline_get_extent         (ChronoTimeline   *self,
                                                      ChronoTime       *lo,
                                                      ChronoTime       *hi);

/* The first actor of an event (interned: compare by pointer within one
 * timeline), or NULL when it has none. For actor lanes. */
const char       *chrono_timeline_get_event_first_actor (ChronoTimeline *self,
                                                      guint             position);
/* The interned actor and tag lists of an event (equal lists share one
 * address), NULL when empty. */
const char *const *chrono_timeline_get_event_actors  (ChronoTimeline   *self,
                                                      guint             position);
const char *const *chrono_timeline_get_event_tags    (ChronoTimeline   *self,
                                                      guint             position);

/* Search and filters, evaluated on the compact store without a ChronoEvent
 * per event.
 *
 * Search: every word of the text must occur (case-insensitively, after
 * g_utf8_casefold) in the title, description, actors, targets, places or
 * tags. Values: within a field any value matches; across fields all must
 * match; a field without values does not restrict. */
typedef enum {
  CHRONO_QUERY_CATEGORY = 0,
  CHRONO_QUERY_ACTOR,
  CHRONO_QUERY_TAG,
  CHRONO_QUERY_N_FIELDS
} ChronoQueryField;

typedef struct _ChronoEventQuery ChronoEventQuery;

ChronoEventQuery *chrono_event_query_new             (const char       *search);
void              chrono_event_query_free            (ChronoEventQuery *query);
void              chrono_event_query_add_value       (ChronoEventQuery *query,
                                                      ChronoQueryField  field,
                                                      const char       *value);
/* Whether the query lets every event through. */
gboolean          chrono_event_query_is_empty        (ChronoEventQuery *query);
/* The same test on an event object (bound or not). */
gboolean          chrono_event_query_match_event     (ChronoEventQuery *query,
                                                      ChronoEvent      *event);

/* Whether the event at @position matches. The query caches per-timeline
 * results for interned strings: it is not const, and not for two threads. */
gboolean          chrono_timeline_event_matches      (ChronoTimeline   *self,
                                                      guint             position,
                                                      ChronoEventQuery *query);
/* Evaluates @query for the events of positions [first, first + n) whose
 * byte in @mask (mask[i] for position first + i) equals @which, and sets
 * those bytes to 1 when the event matches, 0 when not; other bytes are left
 * alone. Returns how many of the evaluated events match. With @which 1 on
 * the previous result this narrows; with 0 it widens. */
guint             chrono_timeline_match_events       (ChronoTimeline   *self,
                                                      ChronoEventQuery *query,
                                                      guint             first,
                                                      guint             n,
                                                      guint8           *mask,
                                                      guint8            which);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoEventQuery, chrono_event_query_free)

G_END_DECLS
