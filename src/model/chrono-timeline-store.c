/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-timeline"

#include "config.h"

#include "chrono-timeline-internal.h"

/* The compact store of a timeline's events (see the top of
 * chrono-timeline-internal.h): the per-event text blocks, the group and
 * category indices of the spans, the open-addressing id index, the records
 * and their spans, the in-place sort and binary search of the span array,
 * and the memory accounting of it all. */

#define INDEX_EMPTY G_MAXUINT32
#define INDEX_MIN_SIZE 64

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

/* Group and category indices of the spans */

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
        index_insert_slot (slots, size,
                           index_hash (_chrono_timeline_record_get_id (&self->records[uid])), uid);
    }

  g_free (self->index_slots);
  self->index_slots = slots;
  self->index_size = size;
}

/* Keeps the load at most 3/4: after growing it is at least 3/8. */
void
_chrono_timeline_index_reserve (ChronoTimeline *self,
                                guint           count)
{
  guint size = MAX (self->index_size, INDEX_MIN_SIZE);

  while ((guint64)count * 4 > (guint64)size * 3)
    size *= 2;

  if (size != self->index_size)
    index_resize (self, size);
}

void
_chrono_timeline_index_insert (ChronoTimeline *self,
                               guint32         uid)
{
  const char *id = _chrono_timeline_record_get_id (&self->records[uid]);

  if (id == NULL)
    return;

  _chrono_timeline_index_reserve (self, self->index_count + 1);
  index_insert_slot (self->index_slots, self->index_size, index_hash (id), uid);
  self->index_count++;
}

void
_chrono_timeline_index_remove (ChronoTimeline *self,
                               guint32         uid)
{
  const char *id = _chrono_timeline_record_get_id (&self->records[uid]);
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

      k = index_hash (_chrono_timeline_record_get_id (&self->records[self->index_slots[j]])) & mask;
      if (i <= j ? (i < k && k <= j) : (i < k || k <= j))
        continue;

      self->index_slots[i] = self->index_slots[j];
      i = j;
    }

  self->index_slots[i] = INDEX_EMPTY;
  self->index_count--;
}

gboolean
_chrono_timeline_index_lookup (ChronoTimeline *self,
                               const char     *id,
                               guint32        *uid)
{
  guint mask = self->index_size - 1;

  if (self->index_size == 0)
    return FALSE;

  for (guint i = index_hash (id) & mask; self->index_slots[i] != INDEX_EMPTY; i = (i + 1) & mask)
    {
      if (strcmp (_chrono_timeline_record_get_id (&self->records[self->index_slots[i]]), id) == 0)
        {
          *uid = self->index_slots[i];
          return TRUE;
        }
    }

  return FALSE;
}

/* Records */

void
_chrono_timeline_record_clear (EventRecord *rec)
{
  g_clear_pointer (&rec->text, g_free);

  if (rec->sources != NULL)
    {
      for (guint i = 0; i < rec->sources->n_sources * SOURCE_STORED_FIELDS; i++)
        g_free (rec->sources->fields[i]);
      g_clear_pointer (&rec->sources, g_free);
    }
}

void
_chrono_timeline_record_set_from_fields (ChronoTimeline          *self,
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

  _chrono_timeline_record_clear (rec);

  rec->text = text_block_new (text);
  rec->category = _chrono_timeline_intern (self, fields->category);
  rec->group = _chrono_timeline_intern (self, fields->group);
  rec->status = _chrono_timeline_intern (self, fields->status);
  for (guint i = 0; i < CHRONO_EVENT_N_LISTS; i++)
    rec->lists[i] = _chrono_timeline_intern_vector (self, fields->lists[i]);

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

void
_chrono_timeline_record_set_from_event (ChronoTimeline *self,
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

  _chrono_timeline_record_set_from_fields (self, rec, &fields);
}

void
_chrono_timeline_record_get_lo (const EventRecord *rec,
                                ChronoTime        *lo)
{
  _chrono_event_compute_span (&rec->start, _chrono_timeline_record_get_end (rec), lo, NULL, NULL);
}

void
_chrono_timeline_span_from_record (ChronoTimeline    *self,
                                   const EventRecord *rec,
                                   guint32            uid,
                                   guint              importance,
                                   ChronoSpan        *span)
{
  memset (span, 0, sizeof *span);
  _chrono_event_compute_span (&rec->start, _chrono_timeline_record_get_end (rec),
                              &span->lo, &span->hi, &span->flags);
  span->uid = uid;
  span->category = resolve_category (self, rec->category);
  span->group = resolve_group (self, rec->group);
  span->importance = MIN (importance, 100);
  span->start_precision = rec->start.precision;
}

guint32
_chrono_timeline_record_alloc (ChronoTimeline *self)
{
  EventRecord *rec;

  /* uids are never reused (see chrono-timeline-internal.h). */
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

void
_chrono_timeline_records_reserve (ChronoTimeline *self,
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
void
_chrono_timeline_spans_sort (ChronoSpan *v,
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
          _chrono_timeline_spans_sort (v, hi - v, depth);
          n -= (hi - v) + 1;
          v = hi + 1;
        }
      else
        {
          _chrono_timeline_spans_sort (hi + 1, n - (hi - v) - 1, depth);
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
guint
_chrono_timeline_span_search (ChronoTimeline *self,
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

gboolean
_chrono_timeline_span_find (ChronoTimeline *self,
                            ChronoTime      lo,
                            guint32         uid,
                            guint          *position)
{
  guint pos = _chrono_timeline_span_search (self, lo, uid);

  if (pos >= self->spans->len ||
      span_key_compare (&g_array_index (self->spans, ChronoSpan, pos), lo, uid) != 0)
    return FALSE;

  *position = pos;
  return TRUE;
}

/* Memory accounting */

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
