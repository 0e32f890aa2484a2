/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "chrono-event-private.h"
#include "chrono-timeline.h"

G_BEGIN_DECLS

/* Called by a bound ChronoEvent after one of its fields changed: copies the
 * event back into the store, moves it if its start changed, emits
 * items-changed and marks the document modified. */
void   _chrono_timeline_sync_event          (ChronoTimeline *self,
                                             ChronoEvent    *event);
/* Called by a bound ChronoEvent on dispose: drops it from the weak cache. */
void   _chrono_timeline_forget_event        (ChronoTimeline *self,
                                             ChronoEvent    *event);

/* Memory accounting for the scale budget (DESIGN.md: ≤ 300 bytes per event
 * beyond its text). */
gsize  _chrono_timeline_get_record_size     (void);
/* Worst-case bytes per event of the compact storage, from sizeof()s and the
 * growth policies of the arrays and the id index. */
gsize  _chrono_timeline_get_max_bytes_per_event (void);
/* Bytes currently allocated by the per-event arrays and the id index
 * (not the text, not the interned strings). */
gsize  _chrono_timeline_get_storage_bytes   (ChronoTimeline *self);

/* The sorted positions of the events whose ChronoEvent objects are alive
 * (handed out and still referenced somewhere): a list model can keep them
 * out of the ranges it reports changed. Free with g_free(). */
guint    *_chrono_timeline_get_live_positions (ChronoTimeline *self,
                                               guint          *n_positions);

/* An event as plain data, for loading without a GObject per event. Strings
 * are copied (NULL: unset); lists are NULL or NULL-terminated; @sources
 * holds n_sources × (title, url, publisher, date), each possibly NULL;
 * @source_extras is NULL or holds n_sources "extra" texts (NULL: none). */
typedef struct {
  const char        *id;
  const char        *title;
  const char        *description;
  const char        *display_date;
  const char        *extra;
  const char        *category;
  const char        *group;
  const char        *status;
  const char *const *lists[CHRONO_EVENT_N_LISTS];
  const char *const *sources;
  guint              n_sources;
  const char *const *source_extras;
  ChronoDate         start;
  const ChronoDate  *end;        /* NULL for a point event */
  guint              importance; /* 0..100 */
} ChronoEventFields;

/* As chrono_timeline_append_event(), from plain data. */
void      _chrono_timeline_append_fields (ChronoTimeline          *self,
                                          const ChronoEventFields *fields);
/* Whether an event with @id is in the timeline or appended to it. Slow for
 * appended events (they are not indexed before the commit): meant to confirm
 * a duplicate that a faster check suspects. */
gboolean  _chrono_timeline_has_event_id  (ChronoTimeline          *self,
                                          const char              *id);

G_END_DECLS
