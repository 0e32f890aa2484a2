/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-timeline"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "chrono-event-private.h"
#include "chrono-string-pool-private.h"
#include "chrono-timeline-private.h"

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

#define INDEX_EMPTY G_MAXUINT32
#define INDEX_MIN_SIZE 64

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

static void chrono_timeline_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ChronoTimeline, chrono_timeline, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      chrono_timeline_list_model_init))

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_N_ITEMS,
  PROP_EXTRA,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
/* Timelines are made on the main thread. */
static guint64 next_serial = 1;

/* Text blocks */

static char *
text_block_new (const char *const fields[N_TEXT])
{
  gsize lengths[N_TEXT];
  gsize len = 1;
  guint8 flags = 0;
  char *block;
  char *p;

  for (guint i = 0; i < N_TEXT; i++)
    {
      if (fields[i] == NULL)
        continue;
      flags |= 1 << i;
      lengths[i] = strlen (fields[i]) + 1;
      len += lengths[i];
    }

  for (guint i = TEXT_TITLE; i <= TEXT_DESCRIPTION && !(flags & TEXT_NON_ASCII); i++)
    for (const char *c = fields[i]; c != NULL && *c != '\0'; c++)
      if ((guchar) *c >= 0x80)
        {
          flags |= TEXT_NON_ASCII;
          break;
        }

  block = g_malloc (len);
  block[0] = (char)flags;
  p = block + 1;
  for (guint i = 0; i < N_TEXT; i++)
    {
      if (fields[i] == NULL)
        continue;
      memcpy (p, fields[i], lengths[i]);
      p += lengths[i];
    }

  return block;
}

static const char *
text_block_get (const char *block,
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
record_get_id (const EventRecord *rec)
{
  return text_block_get (rec->text, TEXT_ID);
}

/* Interning */

static inline const char *
intern (ChronoTimeline *self,
        const char     *str)
{
  return _chrono_string_pool_intern (self->pool, str);
}

static inline const char *const *
intern_vector (ChronoTimeline    *self,
               const char *const *strv)
{
  return _chrono_string_pool_intern_vector (self->pool, strv);
}

static guint16
resolve_group (ChronoTimeline *self,
               const char     *group)
{
  gpointer value;

  if (group == NULL)
    return CHRONO_NO_INDEX;

  value = g_hash_table_lookup (self->group_index, group);
  if (value != NULL)
    return GPOINTER_TO_UINT (value) - 1;

  /* CHRONO_NO_INDEX itself is reserved; beyond it groups stay unindexed
   * (the record keeps the name). */
  if (self->group_names->len >= CHRONO_NO_INDEX)
    return CHRONO_NO_INDEX;

  g_ptr_array_add (self->group_names, (gpointer)group);
  g_hash_table_insert (self->group_index, (gpointer)group,
                       GUINT_TO_POINTER (self->group_names->len));
  return self->group_names->len - 1;
}

static guint16
resolve_category (ChronoTimeline *self,
                  const char     *category)
{
  gpointer value;

  if (category == NULL)
    return CHRONO_NO_INDEX;

  value = g_hash_table_lookup (self->category_index, category);
  if (value == NULL || GPOINTER_TO_UINT (value) - 1 >= CHRONO_NO_INDEX)
    return CHRONO_NO_INDEX;

  return GPOINTER_TO_UINT (value) - 1;
}

/* The id index */

static inline guint
index_hash (const char *id)
{
  guint h = g_str_hash (id);

  /* Ids like "e1", "e2"… hash to neighbours: mix the bits (MurmurHash3's
   * finalizer) so that linear probing does not run into long clusters. */
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

static void
index_insert_slot (guint32    *slots,
                   guint       size,
                   guint       hash,
                   guint32     uid)
{
  guint mask = size - 1;
  guint i = hash & mask;

  while (slots[i] != INDEX_EMPTY)
    i = (i + 1) & mask;
  slots[i] = uid;
}

static void
index_resize (ChronoTimeline *self,
              guint           size)
{
  guint32 *slots = g_new (guint32, size);

  memset (slots, 0xff, size * sizeof (guint32));
  for (guint i = 0; i < self->index_size; i++)
    {
      guint32 uid = self->index_slots[i];

      if (uid != INDEX_EMPTY)
        index_insert_slot (slots, size, index_hash (record_get_id (&self->records[uid])), uid);
    }

  g_free (self->index_slots);
  self->index_slots = slots;
  self->index_size = size;
}

/* Keeps the load at most 3/4: after growing it is at least 3/8. */
static void
index_reserve (ChronoTimeline *self,
               guint           count)
{
  guint size = MAX (self->index_size, INDEX_MIN_SIZE);

  while ((guint64)count * 4 > (guint64)size * 3)
    size *= 2;

  if (size != self->index_size)
    index_resize (self, size);
}

static void
index_insert (ChronoTimeline *self,
              guint32         uid)
{
  const char *id = record_get_id (&self->records[uid]);

  if (id == NULL)
    return;

  index_reserve (self, self->index_count + 1);
  index_insert_slot (self->index_slots, self->index_size, index_hash (id), uid);
  self->index_count++;
}

static void
index_remove (ChronoTimeline *self,
              guint32         uid)
{
  const char *id = record_get_id (&self->records[uid]);
  guint mask = self->index_size - 1;
  guint i, j;

  if (id == NULL)
    return;

  g_assert (self->index_size > 0);

  for (i = index_hash (id) & mask; self->index_slots[i] != uid; i = (i + 1) & mask)
    g_assert (self->index_slots[i] != INDEX_EMPTY);

  /* Backward-shift deletion keeps every probe chain unbroken. */
  j = i;
  for (;;)
    {
      guint k;

      j = (j + 1) & mask;
      if (self->index_slots[j] == INDEX_EMPTY)
        break;

      k = index_hash (record_get_id (&self->records[self->index_slots[j]])) & mask;
      if (i <= j ? (i < k && k <= j) : (i < k || k <= j))
        continue;

      self->index_slots[i] = self->index_slots[j];
      i = j;
    }

  self->index_slots[i] = INDEX_EMPTY;
  self->index_count--;
}

static gboolean
index_lookup (ChronoTimeline *self,
              const char     *id,
              guint32        *uid)
{
  guint mask = self->index_size - 1;

  if (self->index_size == 0)
    return FALSE;

  for (guint i = index_hash (id) & mask; self->index_slots[i] != INDEX_EMPTY; i = (i + 1) & mask)
    {
      if (strcmp (record_get_id (&self->records[self->index_slots[i]]), id) == 0)
        {
          *uid = self->index_slots[i];
          return TRUE;
        }
    }

  return FALSE;
}

/* Records */

static void
record_clear (EventRecord *rec)
{
  g_clear_pointer (&rec->text, g_free);

  if (rec->sources != NULL)
    {
      for (guint i = 0; i < rec->sources->n_sources * SOURCE_STORED_FIELDS; i++)
        g_free (rec->sources->fields[i]);
      g_clear_pointer (&rec->sources, g_free);
    }
}

static inline const ChronoDate *
record_get_end (const EventRecord *rec)
{
  return rec->end.kind == NO_END ? NULL : &rec->end;
}

static void
record_set_from_fields (ChronoTimeline          *self,
                        EventRecord             *rec,
                        const ChronoEventFields *fields)
{
  const char *text[N_TEXT] = {
    [TEXT_ID] = fields->id,
    [TEXT_TITLE] = fields->title,
    [TEXT_DESCRIPTION] = fields->description,
    [TEXT_DISPLAY_DATE] = fields->display_date,
    [TEXT_EXTRA] = fields->extra,
  };
  guint n_sources = fields->n_sources;

  record_clear (rec);

  rec->text = text_block_new (text);
  rec->category = intern (self, fields->category);
  rec->group = intern (self, fields->group);
  rec->status = intern (self, fields->status);
  for (guint i = 0; i < CHRONO_EVENT_N_LISTS; i++)
    rec->lists[i] = intern_vector (self, fields->lists[i]);

  if (n_sources > 0)
    {
      rec->sources = g_malloc (sizeof (SourceBlock) + n_sources * SOURCE_STORED_FIELDS * sizeof (char *));
      rec->sources->n_sources = n_sources;
      for (guint i = 0; i < n_sources; i++)
        {
          char **stored = &rec->sources->fields[i * SOURCE_STORED_FIELDS];

          for (guint j = 0; j < SOURCE_FIELDS; j++)
            stored[j] = g_strdup (fields->sources[i * SOURCE_FIELDS + j]);
          stored[SOURCE_FIELDS] = fields->source_extras != NULL ? g_strdup (fields->source_extras[i]) : NULL;
        }
    }

  rec->start = fields->start;
  if (fields->end != NULL)
    {
      rec->end = *fields->end;
    }
  else
    {
      memset (&rec->end, 0, sizeof rec->end);
      rec->end.kind = NO_END;
    }
}

static void
record_set_from_event (ChronoTimeline *self,
                       EventRecord    *rec,
                       ChronoEvent    *event)
{
  ChronoEventFields fields = {
    .id = chrono_event_get_id (event),
    .title = chrono_event_get_title (event),
    .description = chrono_event_get_description (event),
    .display_date = chrono_event_get_display_date (event),
    .extra = chrono_event_get_extra (event),
    .category = chrono_event_get_category (event),
    .group = chrono_event_get_group (event),
    .status = chrono_event_get_status (event),
    .start = *chrono_event_get_start (event),
    .end = chrono_event_get_end (event),
    .importance = chrono_event_get_importance (event),
  };
  GListModel *sources = _chrono_event_peek_sources (event);
  g_autofree const char **source_fields = NULL;
  g_autofree const char **source_extras = NULL;

  for (guint i = 0; i < CHRONO_EVENT_N_LISTS; i++)
    fields.lists[i] = _chrono_event_peek_strv (event, i);

  fields.n_sources = sources != NULL ? g_list_model_get_n_items (sources) : 0;
  if (fields.n_sources > 0)
    {
      source_fields = g_new (const char *, fields.n_sources * SOURCE_FIELDS);
      source_extras = g_new (const char *, fields.n_sources);
      for (guint i = 0; i < fields.n_sources; i++)
        {
          g_autoptr(ChronoSource) source = g_list_model_get_item (sources, i);
          const char **f = &source_fields[i * SOURCE_FIELDS];

          /* The store keeps its reference: the strings stay valid. */
          f[0] = chrono_source_get_title (source);
          f[1] = chrono_source_get_url (source);
          f[2] = chrono_source_get_publisher (source);
          f[3] = chrono_source_get_date (source);
          source_extras[i] = chrono_source_get_extra (source);
        }
      fields.sources = source_fields;
      fields.source_extras = source_extras;
    }

  record_set_from_fields (self, rec, &fields);
}

static void
record_get_lo (const EventRecord *rec,
               ChronoTime        *lo)
{
  _chrono_event_compute_span (&rec->start, record_get_end (rec), lo, NULL, NULL);
}

static void
span_from_record (ChronoTimeline    *self,
                  const EventRecord *rec,
                  guint32            uid,
                  guint              importance,
                  ChronoSpan        *span)
{
  memset (span, 0, sizeof *span);
  _chrono_event_compute_span (&rec->start, record_get_end (rec), &span->lo, &span->hi, &span->flags);
  span->uid = uid;
  span->category = resolve_category (self, rec->category);
  span->group = resolve_group (self, rec->group);
  span->importance = MIN (importance, 100);
  span->start_precision = rec->start.precision;
}

static guint32
record_alloc (ChronoTimeline *self)
{
  EventRecord *rec;

  /* uids are never reused (see the top of the file). */
  g_assert (self->n_records < G_MAXUINT32);

  if (self->n_records == self->records_capacity)
    {
      self->records_capacity = MAX (64, self->records_capacity + self->records_capacity / 2);
      self->records = g_renew (EventRecord, self->records, self->records_capacity);
    }

  rec = &self->records[self->n_records];
  memset (rec, 0, sizeof *rec);
  rec->end.kind = NO_END;

  return self->n_records++;
}

static void
records_reserve (ChronoTimeline *self,
                 guint           count)
{
  if (count > self->records_capacity)
    {
      self->records_capacity = count;
      self->records = g_renew (EventRecord, self->records, self->records_capacity);
    }
}

/* Spans */

static inline int
span_key_compare (const ChronoSpan *span,
                  ChronoTime        lo,
                  guint32           uid)
{
  if (span->lo != lo)
    return span->lo < lo ? -1 : 1;
  if (span->uid != uid)
    return span->uid < uid ? -1 : 1;
  return 0;
}

static inline gboolean
span_less (const ChronoSpan *a,
           const ChronoSpan *b)
{
  return a->lo < b->lo || (a->lo == b->lo && a->uid < b->uid);
}

static inline void
span_swap (ChronoSpan *a,
           ChronoSpan *b)
{
  ChronoSpan t = *a;

  *a = *b;
  *b = t;
}

static void
spans_heap_sift (ChronoSpan *v,
                 gsize       root,
                 gsize       n)
{
  for (;;)
    {
      gsize child = root * 2 + 1;

      if (child >= n)
        return;
      if (child + 1 < n && span_less (&v[child], &v[child + 1]))
        child++;
      if (!span_less (&v[root], &v[child]))
        return;
      span_swap (&v[root], &v[child]);
      root = child;
    }
}

/* Sorts in place by (lo, uid): unlike g_array_sort() (a merge sort), it
 * needs no second copy of a million spans at the peak of a load. Introsort:
 * quicksort on the median of three, heapsort past a depth limit, insertion
 * sort for short runs. Keys are unique, so no care for equal ones. */
static void
spans_sort (ChronoSpan *v,
            gsize       n,
            guint       depth)
{
  while (n > 16)
    {
      ChronoSpan *lo, *hi;
      gsize mid = n / 2;

      if (depth == 0)
        {
          for (gsize i = n / 2; i-- > 0;)
            spans_heap_sift (v, i, n);
          for (gsize i = n - 1; i > 0; i--)
            {
              span_swap (&v[0], &v[i]);
              spans_heap_sift (v, 0, i);
            }
          return;
        }
      depth--;

      /* Median of three into v[0]: already sorted input stays fast. */
      if (span_less (&v[mid], &v[0]))
        span_swap (&v[mid], &v[0]);
      if (span_less (&v[n - 1], &v[mid]))
        {
          span_swap (&v[n - 1], &v[mid]);
          if (span_less (&v[mid], &v[0]))
            span_swap (&v[mid], &v[0]);
        }
      span_swap (&v[0], &v[mid]);

      /* Hoare partition around the pivot in v[0]. */
      lo = v;
      hi = v + n;
      for (;;)
        {
          do
            lo++;
          while (lo < v + n && span_less (lo, &v[0]));
          do
            hi--;
          while (span_less (&v[0], hi));
          if (lo >= hi)
            break;
          span_swap (lo, hi);
        }
      span_swap (&v[0], hi);

      /* Recurse into the smaller side, loop on the larger. */
      if ((gsize) (hi - v) < n - (gsize) (hi - v) - 1)
        {
          spans_sort (v, hi - v, depth);
          n -= (hi - v) + 1;
          v = hi + 1;
        }
      else
        {
          spans_sort (hi + 1, n - (hi - v) - 1, depth);
          n = hi - v;
        }
    }

  for (gsize i = 1; i < n; i++)
    {
      ChronoSpan t = v[i];
      gsize j = i;

      for (; j > 0 && span_less (&t, &v[j - 1]); j--)
        v[j] = v[j - 1];
      v[j] = t;
    }
}

/* First position whose (lo, uid) is >= the key. */
static guint
span_search (ChronoTimeline *self,
             ChronoTime      lo,
             guint32         uid)
{
  const ChronoSpan *spans = (const ChronoSpan *)(gpointer)self->spans->data;
  guint begin = 0;
  guint end = self->spans->len;

  while (begin < end)
    {
      guint mid = begin + (end - begin) / 2;

      if (span_key_compare (&spans[mid], lo, uid) < 0)
        begin = mid + 1;
      else
        end = mid;
    }

  return begin;
}

static gboolean
span_find (ChronoTimeline *self,
           ChronoTime      lo,
           guint32         uid,
           guint          *position)
{
  guint pos = span_search (self, lo, uid);

  if (pos >= self->spans->len ||
      span_key_compare (&g_array_index (self->spans, ChronoSpan, pos), lo, uid) != 0)
    return FALSE;

  *position = pos;
  return TRUE;
}

static void
spans_note_size (ChronoTimeline *self)
{
  self->spans_peak = MAX (self->spans_peak, self->spans->len);
}

/* Changes */

static void
mark_modified (ChronoTimeline *self)
{
  chrono_timeline_set_modified (self, TRUE);
}

static void
events_changed (ChronoTimeline *self)
{
  self->extent_valid = FALSE;
  spans_note_size (self);
}

static void
emit_changed (ChronoTimeline *self)
{
  self->extent_valid = FALSE;
  mark_modified (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static ChronoEvent *
get_event (ChronoTimeline *self,
           guint           position)
{
  const ChronoSpan *span = &g_array_index (self->spans, ChronoSpan, position);
  const EventRecord *rec = &self->records[span->uid];
  ChronoEvent *event;
  const ChronoDate *end;

  event = g_hash_table_lookup (self->cache, GUINT_TO_POINTER (span->uid));
  if (event != NULL)
    return g_object_ref (event);

  /* Filled while unbound, so the setters do not write back. */
  event = chrono_event_new (text_block_get (rec->text, TEXT_ID),
                            text_block_get (rec->text, TEXT_TITLE),
                            &rec->start);
  end = record_get_end (rec);
  if (end != NULL)
    chrono_event_set_end (event, end);
  chrono_event_set_description (event, text_block_get (rec->text, TEXT_DESCRIPTION));
  chrono_event_set_display_date (event, text_block_get (rec->text, TEXT_DISPLAY_DATE));
  chrono_event_set_extra (event, text_block_get (rec->text, TEXT_EXTRA));
  chrono_event_set_category (event, rec->category);
  chrono_event_set_group (event, rec->group);
  chrono_event_set_status (event, rec->status);
  chrono_event_set_importance (event, span->importance);
  chrono_event_set_actors (event, rec->lists[CHRONO_EVENT_ACTORS]);
  chrono_event_set_targets (event, rec->lists[CHRONO_EVENT_TARGETS]);
  chrono_event_set_places (event, rec->lists[CHRONO_EVENT_PLACES]);
  chrono_event_set_tags (event, rec->lists[CHRONO_EVENT_TAGS]);

  if (rec->sources != NULL)
    {
      for (guint i = 0; i < rec->sources->n_sources; i++)
        {
          char **fields = &rec->sources->fields[i * SOURCE_STORED_FIELDS];
          g_autoptr(ChronoSource) source = chrono_source_new (fields[0], fields[1],
                                                              fields[2], fields[3]);

          chrono_source_set_extra (source, fields[SOURCE_FIELDS]);
          chrono_event_add_source (event, source);
        }
    }

  _chrono_event_bind (event, self, span->uid);
  g_hash_table_insert (self->cache, GUINT_TO_POINTER (span->uid), event);

  return event;
}

static void
compute_extent (ChronoTimeline *self)
{
  gboolean empty = TRUE;
  ChronoTime lo = 0;
  ChronoTime hi = 0;
  guint n_eras;

  if (self->spans->len > 0)
    {
      const ChronoSpan *spans = (const ChronoSpan *)(gpointer)self->spans->data;

      /* Sorted by lo; hi needs the scan (cached until the next change). */
      empty = FALSE;
      lo = spans[0].lo;
      hi = spans[0].hi;
      for (guint i = 1; i < self->spans->len; i++)
        hi = MAX (hi, spans[i].hi);
    }

  n_eras = g_list_model_get_n_items (G_LIST_MODEL (self->eras));
  for (guint i = 0; i < n_eras; i++)
    {
      g_autoptr(ChronoEra) era = g_list_model_get_item (G_LIST_MODEL (self->eras), i);
      const ChronoDate *start = chrono_era_get_start (era);
      const ChronoDate *end = chrono_era_get_end (era);
      ChronoTime era_lo, era_hi;

      if (start == NULL ||
          (!chrono_date_is_date (start) && (end == NULL || !chrono_date_is_date (end))))
        continue;

      chrono_era_get_span (era, &era_lo, &era_hi);
      lo = empty ? era_lo : MIN (lo, era_lo);
      hi = empty ? era_hi : MAX (hi, era_hi);
      empty = FALSE;
    }

  self->extent_lo = lo;
  self->extent_hi = hi;
  self->extent_empty = empty;
  self->extent_valid = TRUE;
}

/* Queries */

/* Words beyond this many are searched without the per-list cache (whose
 * entries are bit sets of words). */
#define MAX_CACHED_WORDS 63
#define CACHE_SET ((guint64) 1 << 63) /* marks an entry: a zero result is cached too */

#define FRONT_SIZE 64

typedef struct {
  gconstpointer key;
  guint64 value;
} FrontEntry;

static inline guint
front_index (gconstpointer key)
{
  return (guint) (((guintptr) key >> 4) % FRONT_SIZE);
}

struct _ChronoEventQuery
{
  char **words; /* casefolded, NULL-terminated; NULL: no search */
  gsize *word_lens;
  gboolean *word_ascii;
  guint n_words;
  guint64 all_words; /* the bits of every word, when n_words <= MAX_CACHED_WORDS */
  GHashTable *values[CHRONO_QUERY_N_FIELDS]; /* owned strings; empty: any */

  /* For the timeline of cache_serial (0: none), by its interned pointers. */
  guint cache_serial;
  GHashTable *word_cache;                         /* list → bits of the words in it */
  GHashTable *value_cache[CHRONO_QUERY_N_FIELDS]; /* string or list → one of the values? */
  /* Small direct-mapped caches in front of those: a handful of lists
   * usually covers every event. */
  FrontEntry word_front[FRONT_SIZE];
  FrontEntry value_front[CHRONO_QUERY_N_FIELDS][FRONT_SIZE];
  /* A copy for a worker thread: words and values belong to the original. */
  gboolean borrowed;
};

static gboolean
is_ascii (const char *text)
{
  for (; *text != '\0'; text++)
    if ((guchar) *text >= 0x80)
      return FALSE;
  return TRUE;
}

/* Whether @word (casefolded, ASCII, not empty) occurs in the ASCII @text
 * ignoring case: g_utf8_casefold() folds ASCII as g_ascii_tolower() does. */
static gboolean
ascii_contains (const char *text,
                const char *word,
                gsize       len)
{
  guchar lower = (guchar) word[0];
  guchar upper = (guchar) g_ascii_toupper (word[0]);

  for (const char *p = text; *p != '\0'; p++)
    if (((guchar) *p == lower || (guchar) *p == upper) &&
        g_ascii_strncasecmp (p + 1, word + 1, len - 1) == 0)
      return TRUE;

  return FALSE;
}

/* Whether word @i occurs in @text (@ascii: known to be ASCII), folding it
 * into *@folded on first need. */
static gboolean
text_has_word (const ChronoEventQuery *query,
               guint                   i,
               const char             *text,
               gboolean                ascii,
               char                  **folded)
{
  if (ascii)
    return query->word_ascii[i] && ascii_contains (text, query->words[i], query->word_lens[i]);

  if (*folded == NULL)
    *folded = g_utf8_casefold (text, -1);
  return strstr (*folded, query->words[i]) != NULL;
}

/* The bits of the words (among the first MAX_CACHED_WORDS) not in @found
 * that occur in @text. */
static guint64
text_find_words (const ChronoEventQuery *query,
                 const char             *text,
                 gboolean                ascii,
                 guint64                 found)
{
  g_autofree char *folded = NULL;
  guint64 result = 0;

  if (text == NULL || *text == '\0')
    return 0;

  for (guint i = 0; i < MIN (query->n_words, MAX_CACHED_WORDS); i++)
    if (!(found & ((guint64) 1 << i)) && text_has_word (query, i, text, ascii, &folded))
      result |= (guint64) 1 << i;

  return result;
}

static guint64
list_find_words (const ChronoEventQuery *query,
                 const char *const      *list,
                 guint64                 found)
{
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    found |= text_find_words (query, list[i], is_ascii (list[i]), found);

  return found;
}

static gboolean
list_has_value (GHashTable        *values,
                const char *const *list)
{
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    if (g_hash_table_contains (values, list[i]))
      return TRUE;

  return FALSE;
}

/* An event's fields as the query sees them. */
typedef struct {
  const char *title;
  const char *description;
  gboolean text_ascii; /* title and description */
  const char *category;
  const char *const *lists[CHRONO_EVENT_N_LISTS];
} QueryFields;

static gboolean
query_has_values (const ChronoEventQuery *query,
                  ChronoQueryField        field)
{
  return g_hash_table_size (query->values[field]) > 0;
}

/* Without caches: for event objects, and for searches of many words. */
static gboolean
query_match_uncached (const ChronoEventQuery *query,
                      const QueryFields      *fields)
{
  if (query_has_values (query, CHRONO_QUERY_CATEGORY) &&
      (fields->category == NULL ||
       !g_hash_table_contains (query->values[CHRONO_QUERY_CATEGORY], fields->category)))
    return FALSE;
  if (query_has_values (query, CHRONO_QUERY_ACTOR) &&
      !list_has_value (query->values[CHRONO_QUERY_ACTOR], fields->lists[CHRONO_EVENT_ACTORS]))
    return FALSE;
  if (query_has_values (query, CHRONO_QUERY_TAG) &&
      !list_has_value (query->values[CHRONO_QUERY_TAG], fields->lists[CHRONO_EVENT_TAGS]))
    return FALSE;

  for (guint i = 0; i < query->n_words; i++)
    {
      g_autofree char *folded_title = NULL;
      g_autofree char *folded_description = NULL;
      gboolean found = FALSE;

      if (fields->title != NULL)
        found = text_has_word (query, i, fields->title, fields->text_ascii, &folded_title);
      if (!found && fields->description != NULL)
        found = text_has_word (query, i, fields->description, fields->text_ascii,
                               &folded_description);
      for (guint l = 0; l < CHRONO_EVENT_N_LISTS && !found; l++)
        for (guint j = 0; fields->lists[l] != NULL && fields->lists[l][j] != NULL && !found; j++)
          {
            g_autofree char *folded = NULL;

            found = text_has_word (query, i, fields->lists[l][j], is_ascii (fields->lists[l][j]),
                                   &folded);
          }

      if (!found)
        return FALSE;
    }

  return TRUE;
}

static void
query_reset_caches (ChronoEventQuery *query,
                    guint             serial)
{
  g_hash_table_remove_all (query->word_cache);
  for (guint f = 0; f < CHRONO_QUERY_N_FIELDS; f++)
    g_hash_table_remove_all (query->value_cache[f]);
  memset (query->word_front, 0, sizeof query->word_front);
  memset (query->value_front, 0, sizeof query->value_front);
  query->cache_serial = serial;
}

/* Whether @key (an interned string or list) has one of @field's values. */
static gboolean
query_cached_value (ChronoEventQuery *query,
                    ChronoQueryField  field,
                    gconstpointer     key)
{
  FrontEntry *front;
  gpointer cached;
  gboolean result;

  if (key == NULL)
    return FALSE;

  front = &query->value_front[field][front_index (key)];
  if (front->key == key)
    return front->value != 0;

  cached = g_hash_table_lookup (query->value_cache[field], key);
  if (cached != NULL)
    result = GPOINTER_TO_UINT (cached) == 2;
  else
    {
      if (field == CHRONO_QUERY_CATEGORY)
        result = g_hash_table_contains (query->values[field], key);
      else
        result = list_has_value (query->values[field], key);
      g_hash_table_insert (query->value_cache[field], (gpointer) key,
                           GUINT_TO_POINTER (result ? 2 : 1));
    }

  front->key = key;
  front->value = result;
  return result;
}

/* The words found in an interned list, cached. */
static guint64
query_cached_list_words (ChronoEventQuery  *query,
                         const char *const *list)
{
  FrontEntry *front;
  guint64 *cached;
  guint64 found;

  if (list == NULL)
    return 0;

  front = &query->word_front[front_index (list)];
  if (front->key == list)
    return front->value;

  cached = g_hash_table_lookup (query->word_cache, list);
  if (cached != NULL)
    found = *cached & ~CACHE_SET;
  else
    {
      found = list_find_words (query, list, 0);
      cached = g_new (guint64, 1);
      *cached = found | CACHE_SET;
      g_hash_table_insert (query->word_cache, (gpointer) list, cached);
    }

  front->key = list;
  front->value = found;
  return found;
}

static void
query_init_caches (ChronoEventQuery *query)
{
  for (guint f = 0; f < CHRONO_QUERY_N_FIELDS; f++)
    query->value_cache[f] = g_hash_table_new (NULL, NULL);
  query->word_cache = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  query->cache_serial = 0;
}

/* A copy with caches of its own, for a worker thread: the original's words
 * and values are only read meanwhile. */
static ChronoEventQuery *
query_new_worker (const ChronoEventQuery *query)
{
  ChronoEventQuery *worker = g_new0 (ChronoEventQuery, 1);

  worker->words = query->words;
  worker->word_lens = query->word_lens;
  worker->word_ascii = query->word_ascii;
  worker->n_words = query->n_words;
  worker->all_words = query->all_words;
  memcpy (worker->values, query->values, sizeof worker->values);
  worker->borrowed = TRUE;
  query_init_caches (worker);
  return worker;
}

static gboolean
record_matches (ChronoTimeline    *self,
                const EventRecord *rec,
                ChronoEventQuery  *query)
{
  guint64 found = 0;
  const char *text = rec->text + 1;
  guint8 flags = (guint8) rec->text[0];
  const char *title = NULL;
  const char *description = NULL;

  if (query->cache_serial != self->serial)
    query_reset_caches (query, self->serial);

  if (query_has_values (query, CHRONO_QUERY_CATEGORY) &&
      !query_cached_value (query, CHRONO_QUERY_CATEGORY, rec->category))
    return FALSE;
  if (query_has_values (query, CHRONO_QUERY_ACTOR) &&
      !query_cached_value (query, CHRONO_QUERY_ACTOR, rec->lists[CHRONO_EVENT_ACTORS]))
    return FALSE;
  if (query_has_values (query, CHRONO_QUERY_TAG) &&
      !query_cached_value (query, CHRONO_QUERY_TAG, rec->lists[CHRONO_EVENT_TAGS]))
    return FALSE;

  if (query->n_words == 0)
    return TRUE;

  /* The text block in order: id, title, description (see text_block_new). */
  if (flags & (1 << TEXT_ID))
    text += strlen (text) + 1;
  if (flags & (1 << TEXT_TITLE))
    {
      title = text;
      text += strlen (text) + 1;
    }
  if (flags & (1 << TEXT_DESCRIPTION))
    description = text;

  if (query->n_words > MAX_CACHED_WORDS)
    {
      QueryFields fields = {
        .title = title,
        .description = description,
        .text_ascii = !(flags & TEXT_NON_ASCII),
      };

      memcpy (fields.lists, rec->lists, sizeof fields.lists);
      return query_match_uncached (query, &fields);
    }

  /* Repeated lists first: their answers are cached. */
  for (guint l = 0; l < CHRONO_EVENT_N_LISTS && found != query->all_words; l++)
    found |= query_cached_list_words (query, rec->lists[l]);
  if (found != query->all_words && title != NULL)
    found |= text_find_words (query, title, !(flags & TEXT_NON_ASCII), found);
  if (found != query->all_words && description != NULL)
    found |= text_find_words (query, description, !(flags & TEXT_NON_ASCII), found);

  return found == query->all_words;
}

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint pa = *(const guint *) a;
  guint pb = *(const guint *) b;

  return pa < pb ? -1 : pa > pb;
}

/* Event positions in uid order visit records and their text in the order
 * they were allocated: for long runs this is far kinder to the caches. */
#define UID_ORDER_MIN 4096
/* Enough candidates to be worth a second thread. */
#define THREADS_MIN 65536
#define MAX_THREADS 4

/* Clears the bits of the uids in words [w0, w1) of @uids that do not match. */
typedef struct {
  ChronoTimeline *timeline;
  ChronoEventQuery *query;
  guint64 *uids;
  guint w0, w1;
} MatchJob;

static gpointer
match_job_run (gpointer data)
{
  MatchJob *job = data;

  for (guint w = job->w0; w < job->w1; w++)
    {
      guint64 bits = job->uids[w];

      while (bits != 0)
        {
          guint bit = (guint) __builtin_ctzll (bits);

          bits &= bits - 1;
          if (!record_matches (job->timeline, &job->timeline->records[w * 64 + bit], job->query))
            job->uids[w] &= ~((guint64) 1 << bit);
        }
    }

  return NULL;
}

/* Callbacks */

static void
on_metadata_notify_cb (ChronoTimeline *self,
                       GParamSpec     *pspec,
                       GObject        *object)
{
  emit_changed (self);
}

/* GListModel */

static GType
chrono_timeline_get_item_type (GListModel *model)
{
  return CHRONO_TYPE_EVENT;
}

static guint
chrono_timeline_get_n_items (GListModel *model)
{
  ChronoTimeline *self = CHRONO_TIMELINE (model);

  return self->spans->len;
}

static gpointer
chrono_timeline_get_item (GListModel *model,
                          guint       position)
{
  ChronoTimeline *self = CHRONO_TIMELINE (model);

  if (position >= self->spans->len)
    return NULL;

  return get_event (self, position);
}

static void
chrono_timeline_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = chrono_timeline_get_item_type;
  iface->get_n_items = chrono_timeline_get_n_items;
  iface->get_item = chrono_timeline_get_item;
}

/* GObject */

static void
chrono_timeline_dispose (GObject *object)
{
  ChronoTimeline *self = (ChronoTimeline *)object;

  if (self->cache != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      /* Events outlive the document as plain unbound copies. */
      g_hash_table_iter_init (&iter, self->cache);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        _chrono_event_unbind (value);
      g_hash_table_remove_all (self->cache);
    }

  g_clear_object (&self->file);

  G_OBJECT_CLASS (chrono_timeline_parent_class)->dispose (object);
}

static void
chrono_timeline_finalize (GObject *object)
{
  ChronoTimeline *self = (ChronoTimeline *)object;

  for (guint i = 0; i < self->n_records; i++)
    record_clear (&self->records[i]);
  g_free (self->records);
  g_free (self->index_slots);
  g_clear_pointer (&self->spans, g_array_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);

  g_clear_object (&self->categories);
  g_clear_pointer (&self->category_index, g_hash_table_unref);
  g_clear_object (&self->eras);

  g_clear_pointer (&self->group_index, g_hash_table_unref);
  g_clear_pointer (&self->group_names, g_ptr_array_unref);
  g_clear_pointer (&self->pool, _chrono_string_pool_free);

  g_free (self->title);
  g_free (self->description);
  g_free (self->extra);

  G_OBJECT_CLASS (chrono_timeline_parent_class)->finalize (object);
}

static void
chrono_timeline_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ChronoTimeline *self = CHRONO_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->spans->len);
      break;

    case PROP_EXTRA:
      g_value_set_string (value, self->extra);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_timeline_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ChronoTimeline *self = CHRONO_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      chrono_timeline_set_title (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      chrono_timeline_set_description (self, g_value_get_string (value));
      break;

    case PROP_FILE:
      chrono_timeline_set_file (self, g_value_get_object (value));
      break;

    case PROP_MODIFIED:
      chrono_timeline_set_modified (self, g_value_get_boolean (value));
      break;

    case PROP_EXTRA:
      chrono_timeline_set_extra (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_timeline_class_init (ChronoTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = chrono_timeline_dispose;
  object_class->finalize = chrono_timeline_finalize;
  object_class->get_property = chrono_timeline_get_property;
  object_class->set_property = chrono_timeline_set_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, flags);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, flags);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_EXTRA] = g_param_spec_string ("extra", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ChronoTimeline::changed:
   *
   * Metadata, a category or an era changed: views redraw. Event changes are
   * reported by GListModel::items-changed instead.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
chrono_timeline_init (ChronoTimeline *self)
{
  self->categories = g_list_store_new (CHRONO_TYPE_CATEGORY);
  self->category_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->eras = g_list_store_new (CHRONO_TYPE_ERA);
  self->spans = g_array_new (FALSE, FALSE, sizeof (ChronoSpan));
  self->cache = g_hash_table_new (NULL, NULL);
  self->pool = _chrono_string_pool_new ();
  self->group_names = g_ptr_array_new ();
  self->group_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->serial = next_serial++;
}

/* Private API */

void
_chrono_timeline_sync_event (ChronoTimeline *self,
                             ChronoEvent    *event)
{
  guint32 uid = _chrono_event_get_uid (event);
  EventRecord *rec;
  ChronoSpan span;
  ChronoTime old_lo;
  guint old_pos;
  guint new_pos;
  guint first, n_changed;
  gboolean found;

  g_assert (CHRONO_IS_TIMELINE (self));
  g_assert (_chrono_event_get_timeline (event) == self);
  g_assert (uid < self->n_records);

  rec = &self->records[uid];
  record_get_lo (rec, &old_lo);
  found = span_find (self, old_lo, uid, &old_pos);
  g_assert (found);

  index_remove (self, uid);
  record_set_from_event (self, rec, event);
  index_insert (self, uid);
  span_from_record (self, rec, uid, chrono_event_get_importance (event), &span);

  if (span.lo == old_lo)
    {
      new_pos = old_pos;
      g_array_index (self->spans, ChronoSpan, old_pos) = span;
    }
  else
    {
      g_array_remove_index (self->spans, old_pos);
      new_pos = span_search (self, span.lo, uid);
      g_array_insert_val (self->spans, new_pos, span);
    }
  events_changed (self);

  /* A move is one change over the positions it shifts, not a removal and
   * an addition: every handler finds the event (a view keeps its selection). */
  first = MIN (old_pos, new_pos);
  n_changed = MAX (old_pos, new_pos) - first + 1;
  g_list_model_items_changed (G_LIST_MODEL (self), first, n_changed, n_changed);

  mark_modified (self);
}

void
_chrono_timeline_forget_event (ChronoTimeline *self,
                               ChronoEvent    *event)
{
  gpointer key;

  g_assert (CHRONO_IS_TIMELINE (self));

  key = GUINT_TO_POINTER (_chrono_event_get_uid (event));
  if (g_hash_table_lookup (self->cache, key) == event)
    g_hash_table_remove (self->cache, key);
}

gsize
_chrono_timeline_get_record_size (void)
{
  return sizeof (EventRecord);
}

gsize
_chrono_timeline_get_max_bytes_per_event (void)
{
  /* records grow by half: at most 3/2 of what is used;
   * the GArray of spans allocates powers of two: at most twice;
   * the id index holds 4-byte slots at a load of at least 3/8. */
  return sizeof (EventRecord) * 3 / 2 +
         sizeof (ChronoSpan) * 2 +
         (sizeof (guint32) * 8 + 2) / 3;
}

gsize
_chrono_timeline_get_storage_bytes (ChronoTimeline *self)
{
  gsize span_bytes = 0;

  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), 0);

  /* What g_array_maybe_expand() allocates: the next power of two. */
  if (self->spans_peak > 0)
    span_bytes = (gsize)1 << g_bit_storage (self->spans_peak * sizeof (ChronoSpan) - 1);

  return self->records_capacity * sizeof (EventRecord) +
         span_bytes +
         self->index_size * sizeof (guint32);
}

/* Public API */

ChronoTimeline *
chrono_timeline_new (void)
{
  return g_object_new (CHRONO_TYPE_TIMELINE, NULL);
}

const char *
chrono_timeline_get_title (ChronoTimeline *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);

  return self->title;
}

void
chrono_timeline_set_title (ChronoTimeline *self,
                           const char     *title)
{
  g_return_if_fail (CHRONO_IS_TIMELINE (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  emit_changed (self);
}

const char *
chrono_timeline_get_description (ChronoTimeline *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);

  return self->description;
}

void
chrono_timeline_set_description (ChronoTimeline *self,
                                 const char     *description)
{
  g_return_if_fail (CHRONO_IS_TIMELINE (self));

  if (g_strcmp0 (self->description, description) == 0)
    return;

  g_free (self->description);
  self->description = g_strdup (description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
  emit_changed (self);
}

/* (transfer none) (nullable) */
GFile *
chrono_timeline_get_file (ChronoTimeline *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);

  return self->file;
}

/* Where the document lives; not a change to the document itself. */
void
chrono_timeline_set_file (ChronoTimeline *self,
                          GFile          *file)
{
  g_return_if_fail (CHRONO_IS_TIMELINE (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->file == file || (self->file != NULL && file != NULL && g_file_equal (self->file, file)))
    return;

  g_set_object (&self->file, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

gboolean
chrono_timeline_get_modified (ChronoTimeline *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), FALSE);

  return self->modified;
}

void
chrono_timeline_set_modified (ChronoTimeline *self,
                              gboolean        modified)
{
  g_return_if_fail (CHRONO_IS_TIMELINE (self));

  modified = !!modified;
  if (self->modified == (guint)modified)
    return;

  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

const char *
chrono_timeline_get_extra (ChronoTimeline *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);

  return self->extra;
}

void
chrono_timeline_set_extra (ChronoTimeline *self,
                           const char     *extra_json)
{
  g_return_if_fail (CHRONO_IS_TIMELINE (self));

  if (g_strcmp0 (self->extra, extra_json) == 0)
    return;

  g_free (self->extra);
  self->extra = g_strdup (extra_json);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTRA]);
  emit_changed (self);
}

GListModel *
chrono_timeline_get_categories (ChronoTimeline *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);

  return G_LIST_MODEL (self->categories);
}

void
chrono_timeline_add_category (ChronoTimeline *self,
                              ChronoCategory *category)
{
  const char *id;
  guint position;

  g_return_if_fail (CHRONO_IS_TIMELINE (self));
  g_return_if_fail (CHRONO_IS_CATEGORY (category));

  position = g_list_model_get_n_items (G_LIST_MODEL (self->categories));
  g_list_store_append (self->categories, category);
  g_signal_connect_object (category, "notify", G_CALLBACK (on_metadata_notify_cb), self,
                           G_CONNECT_SWAPPED);

  /* The first category of an id wins, as in lookup_category(). */
  id = intern (self, chrono_category_get_id (category));
  if (id != NULL && !g_hash_table_contains (self->category_index, id))
    {
      ChronoSpan *spans = (ChronoSpan *)(gpointer)self->spans->data;

      g_hash_table_insert (self->category_index, (gpointer)id, GUINT_TO_POINTER (position + 1));

      if (position < CHRONO_NO_INDEX)
        {
          for (guint i = 0; i < self->spans->len; i++)
            if (self->records[spans[i].uid].category == id)
              spans[i].category = position;
        }
    }

  emit_changed (self);
}

/* (transfer none) (nullable): the first category with @id. */
ChronoCategory *
chrono_timeline_lookup_category (ChronoTimeline *self,
                                 const char     *id)
{
  ChronoCategory *category;
  gpointer value;

  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);

  if (id == NULL)
    return NULL;

  value = g_hash_table_lookup (self->category_index, id);
  if (value == NULL)
    return NULL;

  /* The store keeps its own reference, so a borrowed pointer stays valid. */
  category = g_list_model_get_item (G_LIST_MODEL (self->categories), GPOINTER_TO_UINT (value) - 1);
  g_object_unref (category);

  return category;
}

GListModel *
chrono_timeline_get_eras (ChronoTimeline *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);

  return G_LIST_MODEL (self->eras);
}

void
chrono_timeline_add_era (ChronoTimeline *self,
                         ChronoEra      *era)
{
  g_return_if_fail (CHRONO_IS_TIMELINE (self));
  g_return_if_fail (CHRONO_IS_ERA (era));

  g_list_store_append (self->eras, era);
  g_signal_connect_object (era, "notify", G_CALLBACK (on_metadata_notify_cb), self,
                           G_CONNECT_SWAPPED);
  emit_changed (self);
}

void
chrono_timeline_add_event (ChronoTimeline *self,
                           ChronoEvent    *event)
{
  ChronoSpan span;
  guint32 uid;
  guint position;

  g_return_if_fail (CHRONO_IS_TIMELINE (self));
  g_return_if_fail (CHRONO_IS_EVENT (event));

  uid = record_alloc (self);
  record_set_from_event (self, &self->records[uid], event);
  index_insert (self, uid);
  span_from_record (self, &self->records[uid], uid, chrono_event_get_importance (event), &span);

  /* The newest uid sorts after every equal start. */
  position = span_search (self, span.lo, uid);
  g_array_insert_val (self->spans, position, span);
  events_changed (self);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  mark_modified (self);
}

void
chrono_timeline_add_events (ChronoTimeline  *self,
                            ChronoEvent    **events,
                            guint            n_events)
{
  g_return_if_fail (CHRONO_IS_TIMELINE (self));
  g_return_if_fail (events != NULL || n_events == 0);

  if (n_events == 0)
    return;

  for (guint i = 0; i < n_events; i++)
    g_return_if_fail (CHRONO_IS_EVENT (events[i]));

  records_reserve (self, self->n_records + n_events);
  index_reserve (self, self->index_count + n_events);
  if (self->pending == NULL)
    self->pending = g_array_sized_new (FALSE, FALSE, sizeof (ChronoSpan), n_events);

  for (guint i = 0; i < n_events; i++)
    chrono_timeline_append_event (self, events[i]);

  chrono_timeline_commit_appended (self);
}

/* Indexed by id at commit time: until then the event is not in the model. */
static void
append_record (ChronoTimeline *self,
               guint32         uid,
               guint           importance)
{
  ChronoSpan span;

  span_from_record (self, &self->records[uid], uid, importance, &span);
  g_array_append_val (self->pending, span);
}

void
chrono_timeline_append_event (ChronoTimeline *self,
                              ChronoEvent    *event)
{
  guint32 uid;

  g_return_if_fail (CHRONO_IS_TIMELINE (self));
  g_return_if_fail (CHRONO_IS_EVENT (event));

  if (self->pending == NULL)
    self->pending = g_array_new (FALSE, FALSE, sizeof (ChronoSpan));

  uid = record_alloc (self);
  record_set_from_event (self, &self->records[uid], event);
  append_record (self, uid, chrono_event_get_importance (event));
}

void
_chrono_timeline_append_fields (ChronoTimeline          *self,
                                const ChronoEventFields *fields)
{
  guint32 uid;

  g_return_if_fail (CHRONO_IS_TIMELINE (self));
  g_return_if_fail (fields != NULL);

  if (self->pending == NULL)
    self->pending = g_array_new (FALSE, FALSE, sizeof (ChronoSpan));

  uid = record_alloc (self);
  record_set_from_fields (self, &self->records[uid], fields);
  append_record (self, uid, fields->importance);
}

gboolean
_chrono_timeline_has_event_id (ChronoTimeline *self,
                               const char     *id)
{
  guint32 uid;

  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (index_lookup (self, id, &uid))
    return TRUE;

  /* Appended ones are not indexed yet: look at each. */
  if (self->pending != NULL)
    for (guint i = 0; i < self->pending->len; i++)
      {
        const char *other = record_get_id (&self->records[g_array_index (self->pending, ChronoSpan, i).uid]);

        if (other != NULL && strcmp (other, id) == 0)
          return TRUE;
      }

  return FALSE;
}

void
chrono_timeline_commit_appended (ChronoTimeline *self)
{
  g_autoptr(GArray) pending = NULL;
  guint old_len;

  g_return_if_fail (CHRONO_IS_TIMELINE (self));

  pending = g_steal_pointer (&self->pending);
  if (pending == NULL || pending->len == 0)
    return;

  index_reserve (self, self->index_count + pending->len);
  for (guint i = 0; i < pending->len; i++)
    index_insert (self, g_array_index (pending, ChronoSpan, i).uid);

  old_len = self->spans->len;
  if (old_len == 0)
    {
      /* The batch becomes the array: no copy at the peak of a load. */
      g_array_unref (self->spans);
      self->spans = g_steal_pointer (&pending);
    }
  else
    g_array_append_vals (self->spans, pending->data, pending->len);

  /* (lo, uid) is a total order, so one sort is stable for equal starts. */
  spans_sort ((ChronoSpan *) (gpointer) self->spans->data, self->spans->len,
              2 * g_bit_storage (self->spans->len));
  events_changed (self);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->spans->len);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  mark_modified (self);
}

void
chrono_timeline_remove (ChronoTimeline *self,
                        guint           position)
{
  ChronoEvent *event;
  guint32 uid;

  g_return_if_fail (CHRONO_IS_TIMELINE (self));
  g_return_if_fail (position < self->spans->len);

  uid = g_array_index (self->spans, ChronoSpan, position).uid;

  /* A held event stays valid as an unbound copy. */
  event = g_hash_table_lookup (self->cache, GUINT_TO_POINTER (uid));
  if (event != NULL)
    {
      _chrono_event_unbind (event);
      g_hash_table_remove (self->cache, GUINT_TO_POINTER (uid));
    }

  index_remove (self, uid);
  record_clear (&self->records[uid]);
  g_array_remove_index (self->spans, position);
  events_changed (self);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  mark_modified (self);
}

ChronoEvent *
chrono_timeline_lookup_event (ChronoTimeline *self,
                              const char     *id)
{
  ChronoTime lo;
  guint32 uid;
  guint position;

  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!index_lookup (self, id, &uid))
    return NULL;

  record_get_lo (&self->records[uid], &lo);
  if (!span_find (self, lo, uid, &position))
    g_return_val_if_reached (NULL);

  return get_event (self, position);
}

gboolean
chrono_timeline_find_event (ChronoTimeline *self,
                            ChronoEvent    *event,
                            guint          *position)
{
  ChronoTime lo;
  guint pos;

  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (CHRONO_IS_EVENT (event), FALSE);

  if (_chrono_event_get_timeline (event) != self)
    return FALSE;

  /* A bound event and its record always agree, so its span locates it. */
  chrono_event_get_span (event, &lo, NULL);
  if (!span_find (self, lo, _chrono_event_get_uid (event), &pos))
    return FALSE;

  if (position != NULL)
    *position = pos;
  return TRUE;
}

guint
chrono_timeline_get_n_events (ChronoTimeline *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), 0);

  return self->spans->len;
}

const ChronoSpan *
chrono_timeline_get_spans (ChronoTimeline *self,
                           guint          *n_spans)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);

  if (n_spans != NULL)
    *n_spans = self->spans->len;

  return (const ChronoSpan *)(gpointer)self->spans->data;
}

const char *
chrono_timeline_get_event_title (ChronoTimeline *self,
                                 guint           position)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (position < self->spans->len, NULL);

  return text_block_get (self->records[g_array_index (self->spans, ChronoSpan, position).uid].text,
                         TEXT_TITLE);
}

const char *
chrono_timeline_get_event_id (ChronoTimeline *self,
                              guint           position)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (position < self->spans->len, NULL);

  return text_block_get (self->records[g_array_index (self->spans, ChronoSpan, position).uid].text,
                         TEXT_ID);
}

/* NULL for CHRONO_NO_INDEX or an index out of range. */
const char *
chrono_timeline_get_group_name (ChronoTimeline *self,
                                guint16         group)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);

  if (group >= self->group_names->len)
    return NULL;

  return g_ptr_array_index (self->group_names, group);
}

/* Groups are indexed in order of first appearance and kept for the life of
 * the document (a group emptied by removals keeps its index). */
guint
chrono_timeline_get_n_groups (ChronoTimeline *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), 0);

  return self->group_names->len;
}

guint
chrono_timeline_lower_bound (ChronoTimeline *self,
                             ChronoTime      time)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), 0);

  /* uid 0 is the smallest: the first position with lo >= time. */
  return span_search (self, time, 0);
}

gboolean
chrono_timeline_get_extent (ChronoTimeline *self,
                            ChronoTime     *lo,
                            ChronoTime     *hi)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), FALSE);

  if (!self->extent_valid)
    compute_extent (self);

  if (lo != NULL)
    *lo = self->extent_lo;
  if (hi != NULL)
    *hi = self->extent_hi;

  return !self->extent_empty;
}

static inline const EventRecord *
record_at (ChronoTimeline *self,
           guint           position)
{
  return &self->records[g_array_index (self->spans, ChronoSpan, position).uid];
}

const char *
chrono_timeline_get_event_first_actor (ChronoTimeline *self,
                                       guint           position)
{
  const char *const *actors;

  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (position < self->spans->len, NULL);

  actors = record_at (self, position)->lists[CHRONO_EVENT_ACTORS];
  return actors != NULL ? actors[0] : NULL;
}

const char *const *
chrono_timeline_get_event_actors (ChronoTimeline *self,
                                  guint           position)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (position < self->spans->len, NULL);

  return record_at (self, position)->lists[CHRONO_EVENT_ACTORS];
}

const char *const *
chrono_timeline_get_event_tags (ChronoTimeline *self,
                                guint           position)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (position < self->spans->len, NULL);

  return record_at (self, position)->lists[CHRONO_EVENT_TAGS];
}

ChronoEventQuery *
chrono_event_query_new (const char *search)
{
  ChronoEventQuery *query = g_new0 (ChronoEventQuery, 1);

  for (guint f = 0; f < CHRONO_QUERY_N_FIELDS; f++)
    query->values[f] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  query_init_caches (query);

  if (search != NULL)
    {
      g_autofree char *folded = g_utf8_casefold (search, -1);
      g_auto(GStrv) parts = g_strsplit_set (folded, " \t\n\r", -1);
      g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; parts[i] != NULL; i++)
        if (parts[i][0] != '\0')
          g_ptr_array_add (words, g_strdup (parts[i]));

      query->n_words = words->len;
      if (words->len > 0)
        {
          g_ptr_array_add (words, NULL);
          query->words = (char **) g_ptr_array_free (g_steal_pointer (&words), FALSE);
          query->word_lens = g_new (gsize, query->n_words);
          query->word_ascii = g_new (gboolean, query->n_words);
          for (guint i = 0; i < query->n_words; i++)
            {
              query->word_lens[i] = strlen (query->words[i]);
              query->word_ascii[i] = is_ascii (query->words[i]);
            }
        }
    }

  if (query->n_words <= MAX_CACHED_WORDS)
    query->all_words = ((guint64) 1 << query->n_words) - 1;

  return query;
}

void
chrono_event_query_free (ChronoEventQuery *query)
{
  if (query == NULL)
    return;

  if (!query->borrowed)
    {
      g_strfreev (query->words);
      g_free (query->word_lens);
      g_free (query->word_ascii);
      for (guint f = 0; f < CHRONO_QUERY_N_FIELDS; f++)
        g_hash_table_unref (query->values[f]);
    }
  for (guint f = 0; f < CHRONO_QUERY_N_FIELDS; f++)
    g_hash_table_unref (query->value_cache[f]);
  g_hash_table_unref (query->word_cache);
  g_free (query);
}

void
chrono_event_query_add_value (ChronoEventQuery *query,
                              ChronoQueryField  field,
                              const char       *value)
{
  g_return_if_fail (query != NULL);
  g_return_if_fail (field < CHRONO_QUERY_N_FIELDS);
  g_return_if_fail (value != NULL);

  g_hash_table_add (query->values[field], g_strdup (value));
  query->cache_serial = 0;
}

gboolean
chrono_event_query_is_empty (ChronoEventQuery *query)
{
  g_return_val_if_fail (query != NULL, TRUE);

  for (guint f = 0; f < CHRONO_QUERY_N_FIELDS; f++)
    if (query_has_values (query, f))
      return FALSE;

  return query->n_words == 0;
}

gboolean
chrono_event_query_match_event (ChronoEventQuery *query,
                                ChronoEvent      *event)
{
  QueryFields fields = { 0 };

  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (CHRONO_IS_EVENT (event), FALSE);

  fields.title = chrono_event_get_title (event);
  fields.description = chrono_event_get_description (event);
  fields.text_ascii = (fields.title == NULL || is_ascii (fields.title)) &&
                      (fields.description == NULL || is_ascii (fields.description));
  fields.category = chrono_event_get_category (event);
  fields.lists[CHRONO_EVENT_ACTORS] = chrono_event_get_actors (event);
  fields.lists[CHRONO_EVENT_TARGETS] = chrono_event_get_targets (event);
  fields.lists[CHRONO_EVENT_PLACES] = chrono_event_get_places (event);
  fields.lists[CHRONO_EVENT_TAGS] = chrono_event_get_tags (event);

  return query_match_uncached (query, &fields);
}

gboolean
chrono_timeline_event_matches (ChronoTimeline   *self,
                               guint             position,
                               ChronoEventQuery *query)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (position < self->spans->len, FALSE);
  g_return_val_if_fail (query != NULL, FALSE);

  return record_matches (self, record_at (self, position), query);
}

guint
chrono_timeline_match_events (ChronoTimeline   *self,
                              ChronoEventQuery *query,
                              guint             first,
                              guint             n,
                              guint8           *mask,
                              guint8            which)
{
  const ChronoSpan *spans;
  g_autofree guint64 *uids = NULL;
  guint n_matches = 0;

  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), 0);
  g_return_val_if_fail (query != NULL, 0);
  g_return_val_if_fail (first <= self->spans->len && n <= self->spans->len - first, 0);
  g_return_val_if_fail (mask != NULL || n == 0, 0);

  spans = (const ChronoSpan *) (gpointer) self->spans->data + first;

  if (n < UID_ORDER_MIN)
    {
      for (guint i = 0; i < n; i++)
        if (mask[i] == which)
          {
            mask[i] = record_matches (self, &self->records[spans[i].uid], query) ? 1 : 0;
            n_matches += mask[i];
          }
      return n_matches;
    }

  /* Mark the candidates by uid, evaluate them in uid order, write back. */
  uids = g_new0 (guint64, (self->n_records + 63) / 64);
  for (guint i = 0; i < n; i++)
    if (mask[i] == which)
      uids[spans[i].uid / 64] |= (guint64) 1 << (spans[i].uid % 64);

  {
    guint n_words = (self->n_records + 63) / 64;
    guint n_jobs = n < THREADS_MIN ? 1 : CLAMP (g_get_num_processors (), 1, MAX_THREADS);
    MatchJob jobs[MAX_THREADS];
    GThread *threads[MAX_THREADS] = { NULL };

    /* Each job its own words of the bit set, and its own query caches. */
    for (guint j = 0; j < n_jobs; j++)
      {
        jobs[j].timeline = self;
        jobs[j].query = j == 0 ? query : query_new_worker (query);
        jobs[j].uids = uids;
        jobs[j].w0 = (guint) ((guint64) n_words * j / n_jobs);
        jobs[j].w1 = (guint) ((guint64) n_words * (j + 1) / n_jobs);
      }
    for (guint j = 1; j < n_jobs; j++)
      threads[j] = g_thread_try_new ("chrono-match", match_job_run, &jobs[j], NULL);
    match_job_run (&jobs[0]);
    for (guint j = 1; j < n_jobs; j++)
      {
        /* Without a thread, do its share here. */
        if (threads[j] != NULL)
          g_thread_join (threads[j]);
        else
          match_job_run (&jobs[j]);
        chrono_event_query_free (jobs[j].query);
      }
  }

  for (guint i = 0; i < n; i++)
    if (mask[i] == which)
      {
        mask[i] = (uids[spans[i].uid / 64] >> (spans[i].uid % 64)) & 1;
        n_matches += mask[i];
      }

  return n_matches;
}

guint *
_chrono_timeline_get_live_positions (ChronoTimeline *self,
                                     guint          *n_positions)
{
  g_autofree guint *positions = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (n_positions != NULL, NULL);

  positions = g_new (guint, g_hash_table_size (self->cache) + 1);
  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint position;

      if (chrono_timeline_find_event (self, value, &position))
        positions[n++] = position;
    }

  qsort (positions, n, sizeof (guint), compare_positions);
  *n_positions = n;
  return g_steal_pointer (&positions);
}
