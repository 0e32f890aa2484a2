/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-io"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "chrono-native-read-private.h"

/* Reading streams the document: each event is read straight from the
 * tokens into a scratch record and appended to the timeline, so that a
 * million events cost their compact storage plus one event, not a tree of
 * nodes. "categories" and "eras" are kept as text and read again item by
 * item once the document is known to be well-formed. Unknown fields are
 * kept as the text they were written as (checked, never built into nodes),
 * so that a hostile value costs its size, not a node per value. Errors keep
 * the order of checks and the positions of a whole-document reader: a
 * syntax error anywhere first, then the top-level fields in order, then
 * the first bad event. This file reads the document and its top level,
 * categories and eras, positions errors and finishes the timeline; the
 * events are scanned and checked in chrono-native-read-event.c. */

static const char *const top_names[N_TOP] = {
  "chronoscope", "title", "description", "categories", "eras", "events"
};

enum {
  C_ID,
  C_NAME,
  C_COLOR,
  C_DESCRIPTION,
  N_CATEGORY_FIELDS
};

static const char *const category_field_names[N_CATEGORY_FIELDS] = {
  "id", "name", "color", "description"
};

enum {
  E_ID,
  E_TITLE,
  E_START,
  E_END,
  E_COLOR,
  E_DESCRIPTION,
  N_ERA_FIELDS
};

static const char *const era_field_names[N_ERA_FIELDS] = {
  "id", "title", "start", "end", "color", "description"
};

static void
loader_clear (Loader *l)
{
  for (guint i = 0; i < N_TOP; i++)
    {
      g_clear_pointer (&l->top[i].string, g_free);
      g_clear_pointer (&l->top[i].text, g_free);
    }
  g_string_free (l->extra, TRUE);
  g_clear_object (&l->timeline);
  g_clear_pointer (&l->categories, g_ptr_array_unref);
  g_clear_error (&l->categories_error);
  g_clear_error (&l->event_error);
  g_clear_pointer (&l->ids.slots, g_free);
  g_string_free (l->strings, TRUE);
  g_array_unref (l->items);
  g_array_unref (l->sources);
  g_string_free (l->event_extra, TRUE);
  g_string_free (l->source_extra, TRUE);
  for (guint i = 0; i < CHRONO_EVENT_N_LISTS; i++)
    g_ptr_array_unref (l->vectors[i]);
  g_ptr_array_unref (l->source_strings);
  g_ptr_array_unref (l->source_extras);
}

/* Errors */

void
_chrono_native_fail_at_position (Loader      *l,
                                 GError     **error,
                                 ChronoError  code,
                                 guint        line,
                                 guint        column,
                                 const char  *context,
                                 const char  *format,
                                 va_list      args)
{
  g_autofree char *message = NULL;
  g_autofree char *full = NULL;

  if (error == NULL)
    return;

  message = g_strdup_vprintf (format, args);
  if (context != NULL)
    /* Translators: "event “e3”: <what is wrong>" */
    full = g_strdup_printf (_("%s: %s"), context, message);
  /* "NAME:LINE:COL: message" is the convention tools and editors parse. */
  g_set_error (error, CHRONO_ERROR, code, "%s:%u:%u: %s",
               l->display_name ? l->display_name : "-", line, column,
               full != NULL ? full : message);
}

/* At a top-level place whose position was taken while reading. */
static gboolean
fail_at (Loader      *l,
         GError     **error,
         ChronoError  code,
         guint        line,
         guint        column,
         const char  *context,
         const char  *format,
         ...) G_GNUC_PRINTF (7, 8);

static gboolean
fail_at (Loader      *l,
         GError     **error,
         ChronoError  code,
         guint        line,
         guint        column,
         const char  *context,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  _chrono_native_fail_at_position (l, error, code, line, column, context, format, args);
  va_end (args);
  return FALSE;
}


/* At @offset of @r, a reader over the text of top-level member @m. */
static gboolean
fail_in (Loader          *l,
         GError         **error,
         ChronoError      code,
         const TopMember *m,
         ChronoJsonReader *r,
         gsize            offset,
         const char      *context,
         const char      *format,
         ...) G_GNUC_PRINTF (8, 9);

static gboolean
fail_in (Loader          *l,
         GError         **error,
         ChronoError      code,
         const TopMember *m,
         ChronoJsonReader *r,
         gsize            offset,
         const char      *context,
         const char      *format,
         ...)
{
  va_list args;
  guint line, column;

  /* The text starts at (m->line, m->column): its first line is shifted. */
  chrono_json_reader_get_position (r, offset, &line, &column);
  if (line == 1)
    column += m->column - 1;
  line += m->line - 1;

  va_start (args, format);
  _chrono_native_fail_at_position (l, error, code, line, column, context, format, args);
  va_end (args);
  return FALSE;
}

static gboolean
is_color (const char *s)
{
  if (s[0] != '#' || strlen (s) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* Categories and eras, from their text */

/* One item of a top-level list: @index, read by @r from the member's text. */
typedef gboolean (*ItemReader) (Loader           *l,
                                const TopMember  *m,
                                ChronoJsonReader *r,
                                guint             index,
                                gpointer          data,
                                GError          **error);

/* Calls @read_item on each element of top-level list @which. */
static gboolean
read_list (Loader      *l,
           guint        which,
           ItemReader   read_item,
           gpointer     data,
           GError     **error)
{
  const TopMember *m = &l->top[which];
  g_autoptr(ChronoJsonReader) r = NULL;
  ChronoJsonKind kind;
  gboolean more;

  if (!m->present)
    return TRUE;
  if (m->kind != CHRONO_JSON_KIND_ARRAY)
    return fail_at (l, error, CHRONO_ERROR_INVALID_VALUE, m->line, m->column, NULL,
                    _("“%s” must be a list, not %s"), top_names[which], chrono_json_kind_name (m->kind));

  /* The text passed every syntax check already. */
  r = chrono_json_reader_new (m->text, m->length, l->display_name);
  if (!chrono_json_reader_peek (r, &kind, NULL, error) ||
      !chrono_json_reader_enter (r, error))
    return FALSE;
  for (guint i = 0;; i++)
    {
      if (!chrono_json_reader_next_element (r, &more, error))
        return FALSE;
      if (!more)
        return TRUE;
      g_string_truncate (l->strings, 0);
      g_string_truncate (l->event_extra, 0);
      if (!read_item (l, m, r, i, data, error))
        return FALSE;
    }
}

/* A string field of a category or era, as check_string() for events. */
static gboolean
check_item_string (Loader           *l,
                   const TopMember  *m,
                   ChronoJsonReader *r,
                   gsize             item_offset,
                   const char       *context,
                   const char       *name,
                   const Field      *f,
                   gboolean          required,
                   GError          **error)
{
  if (!f->present)
    {
      if (required)
        return fail_in (l, error, CHRONO_ERROR_MISSING, m, r, item_offset, context,
                        _("the required field “%s” is missing"), name);
      return TRUE;
    }
  if (f->kind != CHRONO_JSON_KIND_STRING)
    return fail_in (l, error, CHRONO_ERROR_INVALID_VALUE, m, r, f->offset, context,
                    _("“%s” must be a string, not %s"), name, chrono_json_kind_name (f->kind));
  return TRUE;
}

static gboolean
check_item_color (Loader           *l,
                  const TopMember  *m,
                  ChronoJsonReader *r,
                  const char       *context,
                  const Field      *f,
                  GError          **error)
{
  const char *color = _chrono_native_field_string (l, f);

  if (color != NULL && !is_color (color))
    return fail_in (l, error, CHRONO_ERROR_INVALID_VALUE, m, r, f->offset, context,
                    _("invalid colour “%s” (expected #rrggbb)"), color);
  return TRUE;
}

/* @data: a GHashTable of the ids so far. */
static gboolean
read_category (Loader           *l,
               const TopMember  *m,
               ChronoJsonReader *r,
               guint             index,
               gpointer          data,
               GError          **error)
{
  GHashTable *ids = data;
  Field fields[N_CATEGORY_FIELDS];
  g_autofree char *context = g_strdup_printf (_("category %u"), index + 1);
  ChronoJsonKind kind;
  gsize offset;
  const char *id;
  ChronoCategory *category;

  if (!_chrono_native_scan_object (r, category_field_names, N_CATEGORY_FIELDS, fields, l->strings,
                                   l->event_extra, &kind, &offset, error))
    return FALSE;
  if (kind != CHRONO_JSON_KIND_OBJECT)
    return fail_in (l, error, CHRONO_ERROR_INVALID_VALUE, m, r, offset, context,
                    _("a category must be an object, not %s"), chrono_json_kind_name (kind));
  if (!check_item_string (l, m, r, offset, context, "id", &fields[C_ID], TRUE, error))
    return FALSE;
  id = _chrono_native_field_string (l, &fields[C_ID]);
  if (id[0] == '\0')
    return fail_in (l, error, CHRONO_ERROR_INVALID_VALUE, m, r, fields[C_ID].offset, context,
                    _("the id must not be empty"));
  g_free (context);
  context = g_strdup_printf (_("category “%s”"), id);
  if (g_hash_table_contains (ids, id))
    return fail_in (l, error, CHRONO_ERROR_DUPLICATE, m, r, fields[C_ID].offset, context,
                    _("another category has the same id"));
  g_hash_table_add (ids, g_strdup (id));

  for (guint i = C_NAME; i < N_CATEGORY_FIELDS; i++)
    if (!check_item_string (l, m, r, offset, context, category_field_names[i], &fields[i], FALSE, error))
      return FALSE;
  if (!check_item_color (l, m, r, context, &fields[C_COLOR], error))
    return FALSE;

  category = chrono_category_new (id, _chrono_native_field_string (l, &fields[C_NAME]),
                                  _chrono_native_field_string (l, &fields[C_COLOR]));
  chrono_category_set_description (category, _chrono_native_field_string (l, &fields[C_DESCRIPTION]));
  chrono_category_set_extra (category, _chrono_native_extra_finish (l->event_extra));
  g_ptr_array_add (l->categories, category);
  return TRUE;
}

static gboolean
read_categories (Loader  *l,
                 GError **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return read_list (l, TOP_CATEGORIES, read_category, ids, error);
}

/* A date field of an era, as check_date() for events. */
static gboolean
check_item_date (Loader           *l,
                 const TopMember  *m,
                 ChronoJsonReader *r,
                 gsize             item_offset,
                 const char       *context,
                 guint             which,
                 const Field      *fields,
                 gboolean          allow_open,
                 ChronoDate       *out,
                 GError          **error)
{
  g_autofree char *message = NULL;

  if (!check_item_string (l, m, r, item_offset, context, era_field_names[which], &fields[which],
                          TRUE, error))
    return FALSE;
  if (!_chrono_native_parse_date (_chrono_native_field_string (l, &fields[which]), allow_open,
                                  era_field_names[which], out, &message))
    return fail_in (l, error, CHRONO_ERROR_INVALID_DATE, m, r, fields[which].offset, context,
                    "%s", message);
  return TRUE;
}

/* @data: the GPtrArray of eras. */
static gboolean
read_era (Loader           *l,
          const TopMember  *m,
          ChronoJsonReader *r,
          guint             index,
          gpointer          data,
          GError          **error)
{
  GPtrArray *eras = data;
  Field fields[N_ERA_FIELDS];
  g_autofree char *context = g_strdup_printf (_("era %u"), index + 1);
  ChronoJsonKind kind;
  gsize offset;
  ChronoDate start, end;
  ChronoEra *era;

  if (!_chrono_native_scan_object (r, era_field_names, N_ERA_FIELDS, fields, l->strings,
                                   l->event_extra, &kind, &offset, error))
    return FALSE;
  if (kind != CHRONO_JSON_KIND_OBJECT)
    return fail_in (l, error, CHRONO_ERROR_INVALID_VALUE, m, r, offset, context,
                    _("an era must be an object, not %s"), chrono_json_kind_name (kind));
  if (!check_item_string (l, m, r, offset, context, "id", &fields[E_ID], FALSE, error) ||
      !check_item_string (l, m, r, offset, context, "title", &fields[E_TITLE], TRUE, error))
    return FALSE;
  g_free (context);
  context = g_strdup_printf (_("era “%s”"), _chrono_native_field_string (l, &fields[E_TITLE]));
  if (!check_item_date (l, m, r, offset, context, E_START, fields, FALSE, &start, error) ||
      !check_item_date (l, m, r, offset, context, E_END, fields, TRUE, &end, error) ||
      !check_item_string (l, m, r, offset, context, "color", &fields[E_COLOR], FALSE, error) ||
      !check_item_string (l, m, r, offset, context, "description", &fields[E_DESCRIPTION], FALSE, error))
    return FALSE;
  /* As for events: an end before the start is a mistake, not a period. */
  if (_chrono_native_ends_before_start (&start, &end))
    {
      g_autofree char *s = chrono_date_to_string (&start);
      g_autofree char *e = chrono_date_to_string (&end);

      return fail_in (l, error, CHRONO_ERROR_INVALID_DATE, m, r, fields[E_END].offset, context,
                      _("it ends (%s) before it starts (%s)"), e, s);
    }
  if (!check_item_color (l, m, r, context, &fields[E_COLOR], error))
    return FALSE;

  era = chrono_era_new (_chrono_native_field_string (l, &fields[E_TITLE]), &start, &end);
  chrono_era_set_id (era, _chrono_native_field_string (l, &fields[E_ID]));
  chrono_era_set_color (era, _chrono_native_field_string (l, &fields[E_COLOR]));
  chrono_era_set_description (era, _chrono_native_field_string (l, &fields[E_DESCRIPTION]));
  chrono_era_set_extra (era, _chrono_native_extra_finish (l->event_extra));
  g_ptr_array_add (eras, era);
  return TRUE;
}

/* The top level */

/* Categories are added before the events when they come first, so that the
 * events' compact records point at them at once. */
void
_chrono_native_start_timeline (Loader *l)
{
  if (l->timeline != NULL)
    return;

  l->timeline = chrono_timeline_new ();
  if (l->top[TOP_CATEGORIES].present && l->categories == NULL && l->categories_error == NULL)
    {
      l->categories = g_ptr_array_new_with_free_func (g_object_unref);
      if (read_categories (l, &l->categories_error))
        for (guint i = 0; i < l->categories->len; i++)
          chrono_timeline_add_category (l->timeline, g_ptr_array_index (l->categories, i));
    }
}

static gboolean
read_top_member (Loader     *l,
                 const char *name,
                 GError    **error)
{
  TopMember *m = NULL;
  ChronoJsonKind kind;
  gsize offset;
  int i = _chrono_native_field_index (name, top_names, N_TOP);

  if (i < 0)
    return _chrono_native_scan_extra_member (l->reader, name, l->extra, error);

  m = &l->top[i];
  if (!chrono_json_reader_peek (l->reader, &kind, &offset, error))
    return FALSE;
  m->present = TRUE;
  m->kind = kind;
  chrono_json_reader_get_position (l->reader, offset, &m->line, &m->column);

  switch (i)
    {
    case TOP_EVENTS:
      if (kind == CHRONO_JSON_KIND_ARRAY)
        return _chrono_native_read_events (l, error);
      break;
    case TOP_VERSION:
      if (kind == CHRONO_JSON_KIND_NUMBER)
        return chrono_json_reader_read_integer (l->reader, &m->is_integer, &m->integer, error);
      break;
    case TOP_TITLE:
    case TOP_DESCRIPTION:
      if (kind == CHRONO_JSON_KIND_STRING)
        {
          g_autoptr(GString) text = g_string_new (NULL);

          if (!chrono_json_reader_read_string (l->reader, text, error))
            return FALSE;
          m->string = g_string_free (g_steal_pointer (&text), FALSE);
          return TRUE;
        }
      break;
    case TOP_CATEGORIES:
    case TOP_ERAS:
      {
        const char *text;

        /* Read again item by item at the end, when the syntax is known good. */
        if (!chrono_json_reader_skip (l->reader, error))
          return FALSE;
        text = chrono_json_reader_peek_text (l->reader, offset, &m->length);
        m->text = g_strndup (text, m->length);
        return TRUE;
      }
    default:
      g_assert_not_reached ();
    }
  return chrono_json_reader_skip (l->reader, error);
}

/* Syntax: everything is read, and syntax errors come first. */
static gboolean
read_document (Loader  *l,
               GError **error)
{
  ChronoJsonKind kind;
  gsize offset;
  const char *name;

  if (!chrono_json_reader_peek (l->reader, &kind, &offset, error))
    return FALSE;
  chrono_json_reader_get_position (l->reader, offset, &l->root_line, &l->root_column);

  if (kind != CHRONO_JSON_KIND_OBJECT)
    {
      if (!chrono_json_reader_skip (l->reader, error) ||
          !chrono_json_reader_finish (l->reader, error))
        return FALSE;
      return fail_at (l, error, CHRONO_ERROR_INVALID_VALUE, l->root_line, l->root_column, NULL,
                      _("not a Chronoscope timeline: the top level is %s, not an object"),
                      chrono_json_kind_name (kind));
    }

  if (!chrono_json_reader_enter (l->reader, error))
    return FALSE;
  for (;;)
    {
      if (!chrono_json_reader_next_member (l->reader, &name, error))
        return FALSE;
      if (name == NULL)
        break;
      if (!read_top_member (l, name, error))
        return FALSE;
    }
  return chrono_json_reader_finish (l->reader, error);
}

/* The checks of the top level, in their order, then the first bad event. */
static ChronoTimeline *
finish_timeline (Loader  *l,
                 GError **error)
{
  g_autoptr(GPtrArray) eras = g_ptr_array_new_with_free_func (g_object_unref);
  const TopMember *version = &l->top[TOP_VERSION];
  const TopMember *events = &l->top[TOP_EVENTS];
  const char *extra;
  gint64 v;

  /* The version comes first: a newer file may mean anything below. */
  if (!version->present)
    {
      fail_at (l, error, CHRONO_ERROR_MISSING, l->root_line, l->root_column, NULL,
               _("not a Chronoscope timeline: the “chronoscope” version field is missing"));
      return NULL;
    }
  v = version->integer;
  if (!version->is_integer || v < 1)
    {
      fail_at (l, error, CHRONO_ERROR_INVALID_VALUE, version->line, version->column, NULL,
               _("“chronoscope” must be a format version number (1)"));
      return NULL;
    }
  if (v > CHRONO_NATIVE_VERSION)
    {
      /* formatted first: xgettext cannot read G_GINT64_FORMAT */
      g_autofree char *version_text = g_strdup_printf ("%" G_GINT64_FORMAT, v);

      fail_at (l, error, CHRONO_ERROR_UNSUPPORTED, version->line, version->column, NULL,
               _("written by a newer Chronoscope (format version %s); this version reads "
                 "version %d"),
               version_text, CHRONO_NATIVE_VERSION);
      return NULL;
    }

  for (guint i = TOP_TITLE; i <= TOP_DESCRIPTION; i++)
    {
      const TopMember *m = &l->top[i];

      if (m->present && m->kind != CHRONO_JSON_KIND_STRING && m->kind != CHRONO_JSON_KIND_NULL)
        {
          fail_at (l, error, CHRONO_ERROR_INVALID_VALUE, m->line, m->column, NULL,
                   _("“%s” must be a string, not %s"), top_names[i], chrono_json_kind_name (m->kind));
          return NULL;
        }
    }

  if (l->categories == NULL && l->categories_error == NULL)
    {
      /* Not read with the events: they came later, or there were none. */
      l->categories = g_ptr_array_new_with_free_func (g_object_unref);
      read_categories (l, &l->categories_error);
    }
  else if (l->categories != NULL && l->timeline != NULL &&
           g_list_model_get_n_items (chrono_timeline_get_categories (l->timeline)) > 0)
    {
      /* Already in the timeline. */
      g_ptr_array_set_size (l->categories, 0);
    }
  if (l->categories_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&l->categories_error));
      return NULL;
    }
  if (!read_list (l, TOP_ERAS, read_era, eras, error))
    return NULL;

  if (!events->present)
    {
      fail_at (l, error, CHRONO_ERROR_MISSING, l->root_line, l->root_column, NULL,
               _("the required field “events” is missing"));
      return NULL;
    }
  if (events->kind != CHRONO_JSON_KIND_ARRAY)
    {
      fail_at (l, error, CHRONO_ERROR_INVALID_VALUE, events->line, events->column, NULL,
               _("“events” must be a list, not %s"), chrono_json_kind_name (events->kind));
      return NULL;
    }
  if (l->event_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&l->event_error));
      return NULL;
    }

  chrono_timeline_commit_appended (l->timeline);
  /* Categories that came after the events: adding them updates the records. */
  for (guint i = 0; i < l->categories->len; i++)
    chrono_timeline_add_category (l->timeline, g_ptr_array_index (l->categories, i));
  if (l->top[TOP_TITLE].string != NULL)
    chrono_timeline_set_title (l->timeline, l->top[TOP_TITLE].string);
  if (l->top[TOP_DESCRIPTION].string != NULL)
    chrono_timeline_set_description (l->timeline, l->top[TOP_DESCRIPTION].string);
  for (guint i = 0; i < eras->len; i++)
    chrono_timeline_add_era (l->timeline, g_ptr_array_index (eras, i));

  extra = _chrono_native_extra_finish (l->extra);
  if (extra != NULL)
    chrono_timeline_set_extra (l->timeline, extra);
  chrono_timeline_set_modified (l->timeline, FALSE);

  return g_steal_pointer (&l->timeline);
}

ChronoTimeline *
_chrono_native_read (ChronoJsonReader  *reader,
                     const char        *display_name,
                     GError           **error)
{
  Loader l = { 0 };
  ChronoTimeline *timeline = NULL;

  l.reader = reader;
  l.display_name = display_name;
  l.extra = g_string_new (NULL);
  l.strings = g_string_new (NULL);
  l.items = g_array_new (FALSE, FALSE, sizeof (gsize));
  l.sources = g_array_new (FALSE, FALSE, sizeof (SourceItem));
  l.event_extra = g_string_new (NULL);
  l.source_extra = g_string_new (NULL);
  for (guint i = 0; i < CHRONO_EVENT_N_LISTS; i++)
    l.vectors[i] = g_ptr_array_new ();
  l.source_strings = g_ptr_array_new ();
  l.source_extras = g_ptr_array_new ();

  /* Nothing is half-loaded: on error the partly built timeline goes. */
  if (read_document (&l, error))
    timeline = finish_timeline (&l, error);

  loader_clear (&l);
  return timeline;
}
