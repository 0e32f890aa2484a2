/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-io"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "chrono-native-read-private.h"

/* The events of a native document, read straight from the tokens: each
 * element of "events" is scanned into the Loader's scratch fields (strings
 * into one buffer, unknown members kept as their text), then checked field
 * by field in a fixed order, with errors naming the event, and appended to
 * the timeline's compact storage. Ids are checked for duplicates by hash.
 * The scanning helpers here also serve categories, eras and sources. */

static const char *const field_names[N_FIELDS] = {
  "id", "title", "start", "end", "description", "category", "group", "status",
  "display_date", "importance", "actors", "targets", "places", "tags", "sources"
};

static const char *const source_field_names[N_SOURCE_FIELDS] = {
  "title", "url", "publisher", "date"
};

static guint64
id_hash (const char *id)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  /* FNV-1a, then MurmurHash3's finalizer for the low bits. */
  for (const guchar *p = (const guchar *) id; *p != '\0'; p++)
    h = (h ^ *p) * G_GUINT64_CONSTANT (0x100000001b3);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;
  return h != 0 ? h : 1;
}

static gboolean
id_set_contains (const IdSet *set,
                 guint64      hash)
{
  gsize mask = set->size - 1;

  if (set->size == 0)
    return FALSE;
  for (gsize i = hash & mask; set->slots[i] != 0; i = (i + 1) & mask)
    if (set->slots[i] == hash)
      return TRUE;
  return FALSE;
}

/* The slot is a cache miss in a large set: ask for it early, while the
 * rest of the event is read. */
static inline void
id_set_prefetch (const IdSet *set,
                 guint64      hash)
{
#if defined(__GNUC__)
  if (set->size > 0)
    __builtin_prefetch (&set->slots[hash & (set->size - 1)]);
#endif
}

static void
id_set_put (guint64 *slots,
            gsize    size,
            guint64  hash)
{
  gsize mask = size - 1;
  gsize i = hash & mask;

  while (slots[i] != 0 && slots[i] != hash)
    i = (i + 1) & mask;
  slots[i] = hash;
}

static void
id_set_add (IdSet   *set,
            guint64  hash)
{
  if ((set->count + 1) * 4 > set->size * 3)
    {
      gsize size = MAX (set->size * 2, 1024);
      guint64 *slots = g_new0 (guint64, size);

      for (gsize i = 0; i < set->size; i++)
        if (set->slots[i] != 0)
          id_set_put (slots, size, set->slots[i]);
      g_free (set->slots);
      set->slots = slots;
      set->size = size;
    }
  id_set_put (set->slots, set->size, hash);
  set->count++;
}

gboolean
_chrono_native_parse_date (const char  *text,
                           gboolean     allow_open,
                           const char  *member,
                           ChronoDate  *out,
                           char       **message)
{
  g_autoptr(GError) local_error = NULL;

  if (!chrono_date_parse (text, out, &local_error))
    {
      /* Translators: %s is the date's own message, which
       * quotes it: “2023-02-29”: February 2023 has only 28 days */
      *message = g_strdup_printf (_("invalid date %s"), local_error->message);
      return FALSE;
    }
  if (!allow_open && !chrono_date_is_date (out))
    {
      *message = g_strdup_printf (_("“%s” must be a date, not “%s”"), member, text);
      return FALSE;
    }
  return TRUE;
}

/* Scanning values into fields */

/* Appends a string value to @strings, NUL-terminated; its index in *at. */
static gboolean
scan_string (ChronoJsonReader  *r,
             GString           *strings,
             gsize             *at,
             GError           **error)
{
  *at = strings->len;
  if (!chrono_json_reader_read_string (r, strings, error))
    return FALSE;
  g_string_append_c (strings, '\0');
  return TRUE;
}

/* Reads a member value that should be a string (or a whole number for
 * importance); anything else is noted for the checks and skipped. */
static gboolean
scan_field (ChronoJsonReader  *r,
            GString           *strings,
            Field             *f,
            gboolean           number,
            GError           **error)
{
  if (!chrono_json_reader_peek (r, &f->kind, &f->offset, error))
    return FALSE;
  f->present = f->kind != CHRONO_JSON_KIND_NULL;

  if (f->kind == CHRONO_JSON_KIND_STRING && !number)
    return scan_string (r, strings, &f->text, error);
  if (f->kind == CHRONO_JSON_KIND_NUMBER && number)
    return chrono_json_reader_read_integer (r, &f->is_integer, &f->integer, error);
  return chrono_json_reader_skip (r, error);
}

/* Adds member @name with its value, as written, to the object text in
 * @extra (empty: none yet). Kept for a lossless round trip. */
gboolean
_chrono_native_scan_extra_member (ChronoJsonReader  *r,
                                  const char        *name,
                                  GString           *extra,
                                  GError           **error)
{
  g_string_append_c (extra, extra->len == 0 ? '{' : ',');
  chrono_json_append_string (extra, name);
  g_string_append_c (extra, ':');
  return chrono_json_reader_read_raw (r, extra, error);
}

/* Reads an object whose known members (@names) are all strings into
 * @fields, the others into @extra. Anything but an object is only noted
 * in *@kind and skipped. */
gboolean
_chrono_native_scan_object (ChronoJsonReader  *r,
                            const char *const *names,
                            guint              n_names,
                            Field             *fields,
                            GString           *strings,
                            GString           *extra,
                            ChronoJsonKind    *kind,
                            gsize             *offset,
                            GError           **error)
{
  const char *name;

  memset (fields, 0, n_names * sizeof *fields);
  if (!chrono_json_reader_peek (r, kind, offset, error))
    return FALSE;
  if (*kind != CHRONO_JSON_KIND_OBJECT)
    return chrono_json_reader_skip (r, error);

  if (!chrono_json_reader_enter (r, error))
    return FALSE;
  for (;;)
    {
      int i;

      if (!chrono_json_reader_next_member (r, &name, error))
        return FALSE;
      if (name == NULL)
        return TRUE;
      /* The name stays valid until the next member. */
      i = _chrono_native_field_index (name, names, n_names);
      if (i < 0 ? !_chrono_native_scan_extra_member (r, name, extra, error)
                : !scan_field (r, strings, &fields[i], FALSE, error))
        return FALSE;
    }
}

/* Events, from tokens */

/* At @offset of the input, which is still in the reader's window. */
static gboolean
fail_offset (Loader      *l,
             GError     **error,
             ChronoError  code,
             gsize        offset,
             const char  *context,
             const char  *format,
             ...) G_GNUC_PRINTF (6, 7);

static gboolean
fail_offset (Loader      *l,
             GError     **error,
             ChronoError  code,
             gsize        offset,
             const char  *context,
             const char  *format,
             ...)
{
  va_list args;
  guint line, column;

  chrono_json_reader_get_position (l->reader, offset, &line, &column);
  va_start (args, format);
  _chrono_native_fail_at_position (l, error, code, line, column, context, format, args);
  va_end (args);
  return FALSE;
}

static gboolean
scan_list (Loader  *l,
           Field   *f,
           GError **error)
{
  gboolean more;

  if (!chrono_json_reader_peek (l->reader, &f->kind, &f->offset, error))
    return FALSE;
  f->present = f->kind != CHRONO_JSON_KIND_NULL;
  if (f->kind != CHRONO_JSON_KIND_ARRAY)
    return chrono_json_reader_skip (l->reader, error);

  f->first = l->items->len;
  if (!chrono_json_reader_enter (l->reader, error))
    return FALSE;
  for (guint i = 0;; i++)
    {
      ChronoJsonKind kind;
      gsize offset, at;

      if (!chrono_json_reader_next_element (l->reader, &more, error))
        return FALSE;
      if (!more)
        break;
      if (!chrono_json_reader_peek (l->reader, &kind, &offset, error))
        return FALSE;
      if (kind == CHRONO_JSON_KIND_STRING)
        {
          if (!scan_string (l->reader, l->strings, &at, error))
            return FALSE;
          g_array_append_val (l->items, at);
          continue;
        }
      if (!f->bad_item)
        {
          f->bad_item = TRUE;
          f->bad_index = i;
          f->bad_offset = offset;
          f->bad_kind = kind;
        }
      if (!chrono_json_reader_skip (l->reader, error))
        return FALSE;
    }
  f->n = l->items->len - f->first;
  return TRUE;
}

static gboolean
scan_sources (Loader  *l,
              Field   *f,
              GError **error)
{
  gboolean more;

  if (!chrono_json_reader_peek (l->reader, &f->kind, &f->offset, error))
    return FALSE;
  f->present = f->kind != CHRONO_JSON_KIND_NULL;
  if (f->kind != CHRONO_JSON_KIND_ARRAY)
    return chrono_json_reader_skip (l->reader, error);

  if (!chrono_json_reader_enter (l->reader, error))
    return FALSE;
  for (;;)
    {
      SourceItem *item;

      if (!chrono_json_reader_next_element (l->reader, &more, error))
        return FALSE;
      if (!more)
        break;

      g_array_set_size (l->sources, l->sources->len + 1);
      item = &g_array_index (l->sources, SourceItem, l->sources->len - 1);
      memset (item, 0, sizeof *item);
      g_string_truncate (l->source_extra, 0);
      if (!_chrono_native_scan_object (l->reader, source_field_names, N_SOURCE_FIELDS, item->fields, l->strings,
                                       l->source_extra, &item->kind, &item->offset, error))
        return FALSE;
      if (_chrono_native_extra_finish (l->source_extra) != NULL)
        {
          item->has_extra = TRUE;
          item->extra = l->strings->len;
          g_string_append_len (l->strings, l->source_extra->str, l->source_extra->len + 1);
        }
    }
  return TRUE;
}

/* Reads one element of "events" into the scratch fields. */
static gboolean
scan_event (Loader  *l,
            GError **error)
{
  const char *name;

  memset (l->fields, 0, sizeof l->fields);
  g_string_truncate (l->strings, 0);
  g_array_set_size (l->items, 0);
  g_array_set_size (l->sources, 0);
  g_string_truncate (l->event_extra, 0);

  if (!chrono_json_reader_peek (l->reader, &l->event_kind, &l->event_offset, error))
    return FALSE;
  if (l->event_kind != CHRONO_JSON_KIND_OBJECT)
    return chrono_json_reader_skip (l->reader, error);

  if (!chrono_json_reader_enter (l->reader, error))
    return FALSE;
  for (;;)
    {
      int i;
      gboolean ok;

      if (!chrono_json_reader_next_member (l->reader, &name, error))
        return FALSE;
      if (name == NULL)
        break;
      i = _chrono_native_field_index (name, field_names, N_FIELDS);

      switch (i)
        {
        case -1:
          /* The name stays valid until the next member. */
          ok = _chrono_native_scan_extra_member (l->reader, name, l->event_extra, error);
          break;
        case F_IMPORTANCE:
          ok = scan_field (l->reader, l->strings, &l->fields[i], TRUE, error);
          break;
        case F_ACTORS:
        case F_TARGETS:
        case F_PLACES:
        case F_TAGS:
          ok = scan_list (l, &l->fields[i], error);
          break;
        case F_SOURCES:
          ok = scan_sources (l, &l->fields[i], error);
          break;
        default:
          ok = scan_field (l->reader, l->strings, &l->fields[i], FALSE, error);
          if (ok && i == F_ID && l->fields[i].kind == CHRONO_JSON_KIND_STRING)
            {
              l->id_hash = id_hash (l->strings->str + l->fields[i].text);
              id_set_prefetch (&l->ids, l->id_hash);
            }
          break;
        }
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static char *
event_context (Loader     *l,
               const char *id)
{
  if (id != NULL)
    return g_strdup_printf (_("event “%s”"), id);
  return g_strdup_printf (_("event %u"), l->n_events + 1);
}

/* A string field: missing (if @required) or not a string is an error. */
static gboolean
check_string (Loader      *l,
              guint        i,
              const char  *id,
              gboolean     required,
              GError     **error)
{
  const Field *f = &l->fields[i];
  g_autofree char *context = NULL;

  if (!f->present)
    {
      if (!required)
        return TRUE;
      context = event_context (l, id);
      return fail_offset (l, error, CHRONO_ERROR_MISSING, l->event_offset, context,
                          _("the required field “%s” is missing"), field_names[i]);
    }
  if (f->kind == CHRONO_JSON_KIND_STRING)
    return TRUE;
  context = event_context (l, id);
  return fail_offset (l, error, CHRONO_ERROR_INVALID_VALUE, f->offset, context,
                      _("“%s” must be a string, not %s"), field_names[i], chrono_json_kind_name (f->kind));
}

static gboolean
check_date (Loader      *l,
            guint        i,
            const char  *id,
            gboolean     required,
            gboolean     allow_open,
            ChronoDate  *out,
            GError     **error)
{
  g_autofree char *message = NULL;
  g_autofree char *context = NULL;

  if (!check_string (l, i, id, required, error))
    return FALSE;
  if (!l->fields[i].present)
    return TRUE;
  if (_chrono_native_parse_date (_chrono_native_field_string (l, &l->fields[i]), allow_open,
                                 field_names[i], out, &message))
    return TRUE;
  context = event_context (l, id);
  return fail_offset (l, error, CHRONO_ERROR_INVALID_DATE, l->fields[i].offset, context, "%s", message);
}

/* Checks the scanned event, field by field in a fixed order, and appends
 * it to the timeline. */
static gboolean
add_event (Loader  *l,
           GError **error)
{
  ChronoEventFields event = { 0 };
  g_autofree char *context = NULL;
  ChronoDate end;
  const Field *f;
  const char *id;
  guint64 hash;

  if (l->event_kind != CHRONO_JSON_KIND_OBJECT)
    {
      context = event_context (l, NULL);
      return fail_offset (l, error, CHRONO_ERROR_INVALID_VALUE, l->event_offset, context,
                          _("an event must be an object, not %s"), chrono_json_kind_name (l->event_kind));
    }

  if (!check_string (l, F_ID, NULL, TRUE, error))
    return FALSE;
  id = _chrono_native_field_string (l, &l->fields[F_ID]);
  if (id[0] == '\0')
    {
      context = event_context (l, NULL);
      return fail_offset (l, error, CHRONO_ERROR_INVALID_VALUE, l->fields[F_ID].offset, context,
                          _("the id must not be empty"));
    }
  hash = l->id_hash;
  if (id_set_contains (&l->ids, hash) && _chrono_timeline_has_event_id (l->timeline, id))
    {
      context = event_context (l, id);
      return fail_offset (l, error, CHRONO_ERROR_DUPLICATE, l->fields[F_ID].offset, context,
                          _("another event has the same id"));
    }

  if (!check_string (l, F_TITLE, id, TRUE, error) ||
      !check_date (l, F_START, id, TRUE, FALSE, &event.start, error) ||
      !check_date (l, F_END, id, FALSE, TRUE, &end, error) ||
      !check_string (l, F_DESCRIPTION, id, FALSE, error) ||
      !check_string (l, F_CATEGORY, id, FALSE, error) ||
      !check_string (l, F_GROUP, id, FALSE, error) ||
      !check_string (l, F_STATUS, id, FALSE, error) ||
      !check_string (l, F_DISPLAY_DATE, id, FALSE, error))
    return FALSE;

  if (l->fields[F_END].present)
    {
      event.end = &end;
      if (_chrono_native_ends_before_start (&event.start, &end))
        {
          g_autofree char *s = chrono_date_to_string (&event.start);
          g_autofree char *e = chrono_date_to_string (&end);

          context = event_context (l, id);
          return fail_offset (l, error, CHRONO_ERROR_INVALID_DATE, l->fields[F_END].offset, context,
                              _("it ends (%s) before it starts (%s)"), e, s);
        }
    }

  event.importance = 50;
  f = &l->fields[F_IMPORTANCE];
  if (f->present)
    {
      if (f->kind != CHRONO_JSON_KIND_NUMBER || !f->is_integer || f->integer < 0 || f->integer > 100)
        {
          context = event_context (l, id);
          if (f->kind == CHRONO_JSON_KIND_NUMBER)
            return fail_offset (l, error, CHRONO_ERROR_INVALID_VALUE, f->offset, context,
                                _("“importance” must be a whole number from 0 to 100"));
          return fail_offset (l, error, CHRONO_ERROR_INVALID_VALUE, f->offset, context,
                              _("“importance” must be a whole number from 0 to 100, not %s"),
                              chrono_json_kind_name (f->kind));
        }
      event.importance = (guint) f->integer;
    }

  for (guint i = 0; i < CHRONO_EVENT_N_LISTS; i++)
    {
      GPtrArray *vector = l->vectors[i];

      f = &l->fields[F_ACTORS + i];
      g_ptr_array_set_size (vector, 0);
      if (!f->present)
        continue;
      if (f->kind != CHRONO_JSON_KIND_ARRAY)
        {
          context = event_context (l, id);
          return fail_offset (l, error, CHRONO_ERROR_INVALID_VALUE, f->offset, context,
                              _("“%s” must be a list of strings, not %s"), field_names[F_ACTORS + i],
                              chrono_json_kind_name (f->kind));
        }
      if (f->bad_item)
        {
          context = event_context (l, id);
          return fail_offset (l, error, CHRONO_ERROR_INVALID_VALUE, f->bad_offset, context,
                              _("“%s” must be a list of strings, but item %u is %s"),
                              field_names[F_ACTORS + i], f->bad_index + 1,
                              chrono_json_kind_name (f->bad_kind));
        }
      for (guint j = 0; j < f->n; j++)
        g_ptr_array_add (vector, l->strings->str + g_array_index (l->items, gsize, f->first + j));
      g_ptr_array_add (vector, NULL);
      event.lists[i] = (const char *const *) vector->pdata;
    }

  f = &l->fields[F_SOURCES];
  g_ptr_array_set_size (l->source_strings, 0);
  g_ptr_array_set_size (l->source_extras, 0);
  if (f->present)
    {
      if (f->kind != CHRONO_JSON_KIND_ARRAY)
        {
          context = event_context (l, id);
          return fail_offset (l, error, CHRONO_ERROR_INVALID_VALUE, f->offset, context,
                              _("“sources” must be a list, not %s"), chrono_json_kind_name (f->kind));
        }
      for (guint i = 0; i < l->sources->len; i++)
        {
          const SourceItem *item = &g_array_index (l->sources, SourceItem, i);

          if (item->kind != CHRONO_JSON_KIND_OBJECT)
            {
              context = event_context (l, id);
              return fail_offset (l, error, CHRONO_ERROR_INVALID_VALUE, item->offset, context,
                                  _("source %u must be an object, not %s"), i + 1,
                                  chrono_json_kind_name (item->kind));
            }
          for (guint j = 0; j < N_SOURCE_FIELDS; j++)
            {
              const Field *sf = &item->fields[j];

              if (sf->present && sf->kind != CHRONO_JSON_KIND_STRING)
                {
                  context = event_context (l, id);
                  return fail_offset (l, error, CHRONO_ERROR_INVALID_VALUE, sf->offset, context,
                                      _("“%s” must be a string, not %s"), source_field_names[j],
                                      chrono_json_kind_name (sf->kind));
                }
              g_ptr_array_add (l->source_strings, (gpointer) _chrono_native_field_string (l, sf));
            }
          g_ptr_array_add (l->source_extras,
                           item->has_extra ? l->strings->str + item->extra : NULL);
        }
      event.n_sources = l->sources->len;
      event.sources = (const char *const *) l->source_strings->pdata;
      event.source_extras = (const char *const *) l->source_extras->pdata;
    }

  event.id = id;
  event.title = _chrono_native_field_string (l, &l->fields[F_TITLE]);
  event.description = _chrono_native_field_string (l, &l->fields[F_DESCRIPTION]);
  event.category = _chrono_native_field_string (l, &l->fields[F_CATEGORY]);
  event.group = _chrono_native_field_string (l, &l->fields[F_GROUP]);
  event.status = _chrono_native_field_string (l, &l->fields[F_STATUS]);
  event.display_date = _chrono_native_field_string (l, &l->fields[F_DISPLAY_DATE]);
  event.extra = _chrono_native_extra_finish (l->event_extra);
  _chrono_timeline_append_fields (l->timeline, &event);
  id_set_add (&l->ids, hash);
  return TRUE;
}

gboolean
_chrono_native_read_events (Loader  *l,
                            GError **error)
{
  gboolean more;

  _chrono_native_start_timeline (l);
  if (!chrono_json_reader_enter (l->reader, error))
    return FALSE;
  for (;;)
    {
      chrono_json_reader_release (l->reader);
      if (!chrono_json_reader_next_element (l->reader, &more, error))
        return FALSE;
      if (!more)
        break;

      /* After a bad event (or bad categories, which are reported before
       * any event), the rest are only checked for syntax errors, which
       * are reported first. */
      if (l->event_error != NULL || l->categories_error != NULL)
        {
          if (!chrono_json_reader_skip (l->reader, error))
            return FALSE;
        }
      else
        {
          if (!scan_event (l, error))
            return FALSE;
          add_event (l, &l->event_error);
        }
      l->n_events++;
    }
  return TRUE;
}
