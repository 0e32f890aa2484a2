/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-timeline"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "chrono-timeline-internal.h"

/* The events of a timeline in and out of the store: adding one or many,
 * the append/commit path for loading, removing, looking up by id or
 * object, the ChronoEvent objects made on demand and the changes they write
 * back, and the compact read access that layout and drawing use (spans,
 * titles, groups, actors, tags, the extent). */

/* Changes */

static void
spans_note_size (ChronoTimeline *self)
{
  self->spans_peak = MAX (self->spans_peak, self->spans->len);
}

static void
events_changed (ChronoTimeline *self)
{
  self->extent_valid = FALSE;
  spans_note_size (self);
}

/* Reading */

ChronoEvent *
_chrono_timeline_get_event (ChronoTimeline *self,
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
  event = chrono_event_new (_chrono_timeline_text_block_get (rec->text, TEXT_ID),
                            _chrono_timeline_text_block_get (rec->text, TEXT_TITLE),
                            &rec->start);
  end = _chrono_timeline_record_get_end (rec);
  if (end != NULL)
    chrono_event_set_end (event, end);
  chrono_event_set_description (event,
                                _chrono_timeline_text_block_get (rec->text, TEXT_DESCRIPTION));
  chrono_event_set_display_date (event,
                                 _chrono_timeline_text_block_get (rec->text, TEXT_DISPLAY_DATE));
  chrono_event_set_extra (event, _chrono_timeline_text_block_get (rec->text, TEXT_EXTRA));
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

static int
compare_positions (gconstpointer a,
                   gconstpointer b)
{
  guint pa = *(const guint *) a;
  guint pb = *(const guint *) b;

  return pa < pb ? -1 : pa > pb;
}

/* Private API: bound events */

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
  _chrono_timeline_record_get_lo (rec, &old_lo);
  found = _chrono_timeline_span_find (self, old_lo, uid, &old_pos);
  g_assert (found);

  _chrono_timeline_index_remove (self, uid);
  _chrono_timeline_record_set_from_event (self, rec, event);
  _chrono_timeline_index_insert (self, uid);
  _chrono_timeline_span_from_record (self, rec, uid, chrono_event_get_importance (event), &span);

  if (span.lo == old_lo)
    {
      new_pos = old_pos;
      g_array_index (self->spans, ChronoSpan, old_pos) = span;
    }
  else
    {
      g_array_remove_index (self->spans, old_pos);
      new_pos = _chrono_timeline_span_search (self, span.lo, uid);
      g_array_insert_val (self->spans, new_pos, span);
    }
  events_changed (self);

  /* A move is one change over the positions it shifts, not a removal and
   * an addition: every handler finds the event (a view keeps its selection). */
  first = MIN (old_pos, new_pos);
  n_changed = MAX (old_pos, new_pos) - first + 1;
  g_list_model_items_changed (G_LIST_MODEL (self), first, n_changed, n_changed);

  _chrono_timeline_mark_modified (self);
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

/* Public API */

void
chrono_timeline_add_event (ChronoTimeline *self,
                           ChronoEvent    *event)
{
  ChronoSpan span;
  guint32 uid;
  guint position;

  g_return_if_fail (CHRONO_IS_TIMELINE (self));
  g_return_if_fail (CHRONO_IS_EVENT (event));

  uid = _chrono_timeline_record_alloc (self);
  _chrono_timeline_record_set_from_event (self, &self->records[uid], event);
  _chrono_timeline_index_insert (self, uid);
  _chrono_timeline_span_from_record (self, &self->records[uid], uid,
                                     chrono_event_get_importance (event), &span);

  /* The newest uid sorts after every equal start. */
  position = _chrono_timeline_span_search (self, span.lo, uid);
  g_array_insert_val (self->spans, position, span);
  events_changed (self);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
  _chrono_timeline_notify_n_items (self);
  _chrono_timeline_mark_modified (self);
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

  _chrono_timeline_records_reserve (self, self->n_records + n_events);
  _chrono_timeline_index_reserve (self, self->index_count + n_events);
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

  _chrono_timeline_span_from_record (self, &self->records[uid], uid, importance, &span);
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

  uid = _chrono_timeline_record_alloc (self);
  _chrono_timeline_record_set_from_event (self, &self->records[uid], event);
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

  uid = _chrono_timeline_record_alloc (self);
  _chrono_timeline_record_set_from_fields (self, &self->records[uid], fields);
  append_record (self, uid, fields->importance);
}

gboolean
_chrono_timeline_has_event_id (ChronoTimeline *self,
                               const char     *id)
{
  guint32 uid;

  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (_chrono_timeline_index_lookup (self, id, &uid))
    return TRUE;

  /* Appended ones are not indexed yet: look at each. */
  if (self->pending != NULL)
    for (guint i = 0; i < self->pending->len; i++)
      {
        guint32 other_uid = g_array_index (self->pending, ChronoSpan, i).uid;
        const char *other = _chrono_timeline_record_get_id (&self->records[other_uid]);

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

  _chrono_timeline_index_reserve (self, self->index_count + pending->len);
  for (guint i = 0; i < pending->len; i++)
    _chrono_timeline_index_insert (self, g_array_index (pending, ChronoSpan, i).uid);

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
  _chrono_timeline_spans_sort ((ChronoSpan *) (gpointer) self->spans->data, self->spans->len,
                               2 * g_bit_storage (self->spans->len));
  events_changed (self);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->spans->len);
  _chrono_timeline_notify_n_items (self);
  _chrono_timeline_mark_modified (self);
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

  _chrono_timeline_index_remove (self, uid);
  _chrono_timeline_record_clear (&self->records[uid]);
  g_array_remove_index (self->spans, position);
  events_changed (self);

  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  _chrono_timeline_notify_n_items (self);
  _chrono_timeline_mark_modified (self);
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

  if (!_chrono_timeline_index_lookup (self, id, &uid))
    return NULL;

  _chrono_timeline_record_get_lo (&self->records[uid], &lo);
  if (!_chrono_timeline_span_find (self, lo, uid, &position))
    g_return_val_if_reached (NULL);

  return _chrono_timeline_get_event (self, position);
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
  if (!_chrono_timeline_span_find (self, lo, _chrono_event_get_uid (event), &pos))
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

  return _chrono_timeline_text_block_get (
    self->records[g_array_index (self->spans, ChronoSpan, position).uid].text, TEXT_TITLE);
}

const char *
chrono_timeline_get_event_id (ChronoTimeline *self,
                              guint           position)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (position < self->spans->len, NULL);

  return _chrono_timeline_text_block_get (
    self->records[g_array_index (self->spans, ChronoSpan, position).uid].text, TEXT_ID);
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
  return _chrono_timeline_span_search (self, time, 0);
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

const char *
chrono_timeline_get_event_first_actor (ChronoTimeline *self,
                                       guint           position)
{
  const char *const *actors;

  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (position < self->spans->len, NULL);

  actors = _chrono_timeline_record_at (self, position)->lists[CHRONO_EVENT_ACTORS];
  return actors != NULL ? actors[0] : NULL;
}

const char *const *
chrono_timeline_get_event_actors (ChronoTimeline *self,
                                  guint           position)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (position < self->spans->len, NULL);

  return _chrono_timeline_record_at (self, position)->lists[CHRONO_EVENT_ACTORS];
}

const char *const *
chrono_timeline_get_event_tags (ChronoTimeline *self,
                                guint           position)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);
  g_return_val_if_fail (position < self->spans->len, NULL);

  return _chrono_timeline_record_at (self, position)->lists[CHRONO_EVENT_TAGS];
}

/* Private API: for list models */

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
