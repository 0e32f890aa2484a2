/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include "chrono-string-pool-private.h"
#include "chrono-timeline-private.h"

G_BEGIN_DECLS

/* What the parts of ChronoTimeline share: the instance struct, the compact
 * records, the hot accessors (inline) and the functions one part calls in
 * another. chrono-timeline.c is the GObject and the document (metadata,
 * categories, eras), chrono-timeline-events.c puts events in and out,
 * chrono-timeline-store.c keeps records, spans and the id index, and
 * chrono-timeline-query.c matches ChronoEventQuery. Internal to src/model,
 * not installed. */

/* Storage for a million events (DESIGN.md "At scale"):
 *
 * - spans:   a GArray of ChronoSpan sorted by (lo, uid), position i being
 *            position i of the GListModel. uids grow with every insertion and
 *            are never reused, so (lo, uid) order is start order with ties in
 *            insertion order (stable), and a position is found from an event
 *            by binary search.
 * - records: a plain array of EventRecord indexed by uid with everything
 *            else. Repeated strings (category, group, status, the actor,
 *            target, place and tag lists) are interned per timeline; the rest
 *            of the text lives in one allocation per event.
 * - index:   an open-addressing hash of uids keyed by the record's id, 4 bytes
 *            a slot, for lookup_event().
 * - cache:   the ChronoEvent objects handed out and still alive, by uid. They
 *            are made on demand and not referenced here.
 */

/* Fields of the per-event text block, in block order. */
enum {
  TEXT_ID,
  TEXT_TITLE,
  TEXT_DESCRIPTION,
  TEXT_DISPLAY_DATE,
  TEXT_EXTRA,
  N_TEXT
};

/* Set in a text block's flag byte when its title or description has a
 * byte beyond ASCII: searching the others needs no case folding. */
#define TEXT_NON_ASCII (1 << 7)

/* An end date's kind when the event has no end. */
#define NO_END G_MAXUINT8

/* The fields of a source in ChronoEventFields.sources. */
#define SOURCE_FIELDS 4
/* The fields of a source in a SourceBlock: those, then its extra. */
#define SOURCE_STORED_FIELDS (SOURCE_FIELDS + 1)

typedef struct {
  guint n_sources;
  char *fields[]; /* title, url, publisher, date, extra for each source; owned, may be NULL */
} SourceBlock;

typedef struct {
  /* One allocation: a byte of TEXT_ presence flags, then the present fields,
   * each NUL-terminated. NULL for a removed record. */
  char *text;
  /* Interned in the timeline; NULL when unset. */
  const char *category;
  const char *group;
  const char *status;
  const char *const *lists[CHRONO_EVENT_N_LISTS];
  SourceBlock *sources;
  ChronoDate start;
  ChronoDate end; /* kind NO_END for a point event */
} EventRecord;

struct _ChronoTimeline
{
  GObject parent_instance;

  char *title;
  char *description;
  char *extra;
  GFile *file;

  GListStore *categories;
  GHashTable *category_index; /* interned id → position + 1 */
  GListStore *eras;

  GArray *spans;
  GArray *pending;  /* appended, not yet in the model (see commit_appended) */
  guint spans_peak; /* most spans ever held: what the GArray has allocated */

  EventRecord *records;
  guint n_records;
  guint records_capacity;

  guint32 *index_slots;
  guint index_size; /* 0 or a power of two */
  guint index_count;

  GHashTable *cache; /* uid → ChronoEvent (not a reference) */

  ChronoStringPool *pool;
  GPtrArray *group_names;
  GHashTable *group_index; /* interned name → index + 1 */

  /* Unique per timeline for this process: keys query caches of interned
   * strings, which a later timeline at the same address would not share. */
  guint64 serial;

  ChronoTime extent_lo;
  ChronoTime extent_hi;
  guint extent_valid : 1;
  guint extent_empty : 1;
  guint modified : 1;
};

/* Hot accessors */

static inline const char *
_chrono_timeline_text_block_get (const char *block,
                                 guint       field)
{
  guint8 flags = (guint8)block[0];
  const char *p = block + 1;

  if ((flags & (1 << field)) == 0)
    return NULL;

  for (guint i = 0; i < field; i++)
    if (flags & (1 << i))
      p += strlen (p) + 1;

  return p;
}

static inline const char *
_chrono_timeline_record_get_id (const EventRecord *rec)
{
  return _chrono_timeline_text_block_get (rec->text, TEXT_ID);
}

static inline const char *
_chrono_timeline_intern (ChronoTimeline *self,
                         const char     *str)
{
  return _chrono_string_pool_intern (self->pool, str);
}

static inline const char *const *
_chrono_timeline_intern_vector (ChronoTimeline    *self,
                                const char *const *strv)
{
  return _chrono_string_pool_intern_vector (self->pool, strv);
}

static inline const ChronoDate *
_chrono_timeline_record_get_end (const EventRecord *rec)
{
  return rec->end.kind == NO_END ? NULL : &rec->end;
}

static inline const EventRecord *
_chrono_timeline_record_at (ChronoTimeline *self,
                            guint           position)
{
  return &self->records[g_array_index (self->spans, ChronoSpan, position).uid];
}

/* chrono-timeline.c */

void         _chrono_timeline_mark_modified          (ChronoTimeline          *self);
/* Notifies "n-items" (after events were added or removed). */
void         _chrono_timeline_notify_n_items         (ChronoTimeline          *self);

/* chrono-timeline-events.c */

/* The event at @position (new ref), made and bound on first need. */
ChronoEvent *_chrono_timeline_get_event              (ChronoTimeline          *self,
                                                      guint                    position);

/* chrono-timeline-store.c: the id index */

void         _chrono_timeline_index_reserve          (ChronoTimeline          *self,
                                                      guint                    count);
void         _chrono_timeline_index_insert           (ChronoTimeline          *self,
                                                      guint32                  uid);
void         _chrono_timeline_index_remove           (ChronoTimeline          *self,
                                                      guint32                  uid);
gboolean     _chrono_timeline_index_lookup           (ChronoTimeline          *self,
                                                      const char              *id,
                                                      guint32                 *uid);

/* chrono-timeline-store.c: records */

void         _chrono_timeline_record_clear           (EventRecord             *rec);
void         _chrono_timeline_record_set_from_fields (ChronoTimeline          *self,
                                                      EventRecord             *rec,
                                                      const ChronoEventFields *fields);
void         _chrono_timeline_record_set_from_event  (ChronoTimeline          *self,
                                                      EventRecord             *rec,
                                                      ChronoEvent             *event);
void         _chrono_timeline_record_get_lo          (const EventRecord       *rec,
                                                      ChronoTime              *lo);
void         _chrono_timeline_span_from_record       (ChronoTimeline          *self,
                                                      const EventRecord       *rec,
                                                      guint32                  uid,
                                                      guint                    importance,
                                                      ChronoSpan              *span);
guint32      _chrono_timeline_record_alloc           (ChronoTimeline          *self);
void         _chrono_timeline_records_reserve        (ChronoTimeline          *self,
                                                      guint                    count);

/* chrono-timeline-store.c: spans */

void         _chrono_timeline_spans_sort             (ChronoSpan              *v,
                                                      gsize                    n,
                                                      guint                    depth);
guint        _chrono_timeline_span_search            (ChronoTimeline          *self,
                                                      ChronoTime               lo,
                                                      guint32                  uid);
gboolean     _chrono_timeline_span_find              (ChronoTimeline          *self,
                                                      ChronoTime               lo,
                                                      guint32                  uid,
                                                      guint                   *position);

G_END_DECLS
