/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-io"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "chrono-error.h"
#include "chrono-native-private.h"
#include "chrono-timeline-private.h"

/* Reading streams the document: each event is read straight from the
 * tokens into a scratch record and appended to the timeline, so that a
 * million events cost their compact storage plus one event, not a tree of
 * nodes. "categories" and "eras" are kept as text and read again item by
 * item once the document is known to be well-formed. Unknown fields are
 * kept as the text they were written as (checked, never built into nodes),
 * so that a hostile value costs its size, not a node per value. Errors keep
 * the order of checks and the positions of a whole-document reader: a
 * syntax error anywhere first, then the top-level fields in order, then
 * the first bad event. */

enum {
  TOP_VERSION,
  TOP_TITLE,
  TOP_DESCRIPTION,
  TOP_CATEGORIES,
  TOP_ERAS,
  TOP_EVENTS,
  N_TOP
};

static const char *const top_names[N_TOP] = {
  "chronoscope", "title", "description", "categories", "eras", "events"
};

/* A known top-level member. */
typedef struct {
  gboolean        present;
  ChronoJsonKind  kind;
  guint           line;    /* where the value starts */
  guint           column;
  /* "chronoscope" */
  gboolean        is_integer;
  gint64          integer;
  /* "title", "description" */
  char           *string;
  /* "categories", "eras": the value's JSON text */
  char           *text;
  gsize           length;
} TopMember;

/* The fields of an event, in the order they are checked. */
enum {
  F_ID,
  F_TITLE,
  F_START,
  F_END,
  F_DESCRIPTION,
  F_CATEGORY,
  F_GROUP,
  F_STATUS,
  F_DISPLAY_DATE,
  F_IMPORTANCE,
  F_ACTORS,
  F_TARGETS,
  F_PLACES,
  F_TAGS,
  F_SOURCES,
  N_FIELDS
};

static const char *const field_names[N_FIELDS] = {
  "id", "title", "start", "end", "description", "category", "group", "status",
  "display_date", "importance", "actors", "targets", "places", "tags", "sources"
};

#define N_SOURCE_FIELDS 4
static const char *const source_field_names[N_SOURCE_FIELDS] = {
  "title", "url", "publisher", "date"
};

typedef struct {
  gboolean       present;  /* there and not null */
  ChronoJsonKind kind;
  gsize          offset;   /* where the value starts */
  gsize          text;     /* strings: index into Loader.strings */
  /* importance */
  gboolean       is_integer;
  gint64         integer;
  /* lists: their strings are items[first, first + n) */
  guint          first;
  guint          n;
  gboolean       bad_item; /* the first item that is not a string: */
  guint          bad_index;
  gsize          bad_offset;
  ChronoJsonKind bad_kind;
} Field;

typedef struct {
  gsize          offset;
  ChronoJsonKind kind;
  Field          fields[N_SOURCE_FIELDS];
  gboolean       has_extra;
  gsize          extra;    /* index into Loader.strings */
} SourceItem;

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

/* The ids seen so far, as 64-bit hashes (0 marks an empty slot): a match
 * is confirmed against the timeline, which is slow but happens only for a
 * real duplicate (or once in billions of loads). Open addressing, at most
 * 3/4 full. */
typedef struct {
  guint64 *slots;
  gsize    size;  /* 0 or a power of two */
  gsize    count;
} IdSet;

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

typedef struct {
  ChronoJsonReader *reader;
  const char       *display_name;

  guint             root_line;
  guint             root_column;
  TopMember         top[N_TOP];
  GString          *extra;      /* unknown top-level members, as object text */

  ChronoTimeline   *timeline;
  GPtrArray        *categories; /* read when the events start */
  GError           *categories_error;
  GError           *event_error; /* the first bad event; later ones are only parsed */
  guint             n_events;
  IdSet             ids;

  /* Scratch for one event (or category, era), kept from one to the next. */
  Field             fields[N_FIELDS];
  guint64           id_hash;    /* of a string "id", once read */
  gsize             event_offset;
  ChronoJsonKind    event_kind;
  GString          *strings;    /* the event's strings, NUL-separated */
  GArray           *items;      /* gsize: list items, indexes into strings */
  GArray           *sources;    /* SourceItem */
  GString          *event_extra;
  GString          *source_extra;
  GPtrArray        *vectors[CHRONO_EVENT_N_LISTS];
  GPtrArray        *source_strings;
  GPtrArray        *source_extras;
} Loader;

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

static void
fail_at_position (Loader      *l,
                  GError     **error,
                  ChronoError  code,
                  guint        line,
                  guint        column,
                  const char  *context,
                  const char  *format,
                  va_list      args) G_GNUC_PRINTF (7, 0);

static void
fail_at_position (Loader      *l,
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
  fail_at_position (l, error, code, line, column, context, format, args);
  va_end (args);
  return FALSE;
}

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
  fail_at_position (l, error, code, line, column, context, format, args);
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
  fail_at_position (l, error, code, line, column, context, format, args);
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

static gboolean
parse_date (const char  *text,
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

/* Whether a range from @start to @end (a date or open) ends before it starts. */
static gboolean
ends_before_start (const ChronoDate *start,
                   const ChronoDate *end)
{
  ChronoTime start_lo, start_hi, end_lo, end_hi;

  if (!chrono_date_is_date (end))
    return FALSE;
  chrono_date_get_span (start, &start_lo, &start_hi);
  chrono_date_get_span (end, &end_lo, &end_hi);
  return end_hi <= start_lo;
}

/* Scanning values into fields */

static int
field_index (const char        *name,
             const char *const *names,
             guint              n)
{
  for (guint i = 0; i < n; i++)
    if (name[0] == names[i][0] && strcmp (name, names[i]) == 0)
      return (int) i;
  return -1;
}

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
static gboolean
scan_extra_member (ChronoJsonReader  *r,
                   const char        *name,
                   GString           *extra,
                   GError           **error)
{
  g_string_append_c (extra, extra->len == 0 ? '{' : ',');
  chrono_json_append_string (extra, name);
  g_string_append_c (extra, ':');
  return chrono_json_reader_read_raw (r, extra, error);
}

/* The object text of the unknown members, or NULL when there were none. */
static const char *
extra_finish (GString *extra)
{
  if (extra->len == 0)
    return NULL;
  g_string_append_c (extra, '}');
  return extra->str;
}

/* Reads an object whose known members (@names) are all strings into
 * @fields, the others into @extra. Anything but an object is only noted
 * in *@kind and skipped. */
static gboolean
scan_object (ChronoJsonReader  *r,
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
      i = field_index (name, names, n_names);
      if (i < 0 ? !scan_extra_member (r, name, extra, error)
                : !scan_field (r, strings, &fields[i], FALSE, error))
        return FALSE;
    }
}

static inline const char *
field_string (Loader      *l,
              const Field *f)
{
  return f->present ? l->strings->str + f->text : NULL;
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
  const char *color = field_string (l, f);

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

  if (!scan_object (r, category_field_names, N_CATEGORY_FIELDS, fields, l->strings,
                    l->event_extra, &kind, &offset, error))
    return FALSE;
  if (kind != CHRONO_JSON_KIND_OBJECT)
    return fail_in (l, error, CHRONO_ERROR_INVALID_VALUE, m, r, offset, context,
                    _("a category must be an object, not %s"), chrono_json_kind_name (kind));
  if (!check_item_string (l, m, r, offset, context, "id", &fields[C_ID], TRUE, error))
    return FALSE;
  id = field_string (l, &fields[C_ID]);
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

  category = chrono_category_new (id, field_string (l, &fields[C_NAME]), field_string (l, &fields[C_COLOR]));
  chrono_category_set_description (category, field_string (l, &fields[C_DESCRIPTION]));
  chrono_category_set_extra (category, extra_finish (l->event_extra));
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
  if (!parse_date (field_string (l, &fields[which]), allow_open, era_field_names[which], out, &message))
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

  if (!scan_object (r, era_field_names, N_ERA_FIELDS, fields, l->strings,
                    l->event_extra, &kind, &offset, error))
    return FALSE;
  if (kind != CHRONO_JSON_KIND_OBJECT)
    return fail_in (l, error, CHRONO_ERROR_INVALID_VALUE, m, r, offset, context,
                    _("an era must be an object, not %s"), chrono_json_kind_name (kind));
  if (!check_item_string (l, m, r, offset, context, "id", &fields[E_ID], FALSE, error) ||
      !check_item_string (l, m, r, offset, context, "title", &fields[E_TITLE], TRUE, error))
    return FALSE;
  g_free (context);
  context = g_strdup_printf (_("era “%s”"), field_string (l, &fields[E_TITLE]));
  if (!check_item_date (l, m, r, offset, context, E_START, fields, FALSE, &start, error) ||
      !check_item_date (l, m, r, offset, context, E_END, fields, TRUE, &end, error) ||
      !check_item_string (l, m, r, offset, context, "color", &fields[E_COLOR], FALSE, error) ||
      !check_item_string (l, m, r, offset, context, "description", &fields[E_DESCRIPTION], FALSE, error))
    return FALSE;
  /* As for events: an end before the start is a mistake, not a period. */
  if (ends_before_start (&start, &end))
    {
      g_autofree char *s = chrono_date_to_string (&start);
      g_autofree char *e = chrono_date_to_string (&end);

      return fail_in (l, error, CHRONO_ERROR_INVALID_DATE, m, r, fields[E_END].offset, context,
                      _("it ends (%s) before it starts (%s)"), e, s);
    }
  if (!check_item_color (l, m, r, context, &fields[E_COLOR], error))
    return FALSE;

  era = chrono_era_new (field_string (l, &fields[E_TITLE]), &start, &end);
  chrono_era_set_id (era, field_string (l, &fields[E_ID]));
  chrono_era_set_color (era, field_string (l, &fields[E_COLOR]));
  chrono_era_set_description (era, field_string (l, &fields[E_DESCRIPTION]));
  chrono_era_set_extra (era, extra_finish (l->event_extra));
  g_ptr_array_add (eras, era);
  return TRUE;
}

/* Events, from tokens */

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
      if (!scan_object (l->reader, source_field_names, N_SOURCE_FIELDS, item->fields, l->strings,
                        l->source_extra, &item->kind, &item->offset, error))
        return FALSE;
      if (extra_finish (l->source_extra) != NULL)
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
      i = field_index (name, field_names, N_FIELDS);

      switch (i)
        {
        case -1:
          /* The name stays valid until the next member. */
          ok = scan_extra_member (l->reader, name, l->event_extra, error);
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
  if (parse_date (field_string (l, &l->fields[i]), allow_open, field_names[i], out, &message))
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
  id = field_string (l, &l->fields[F_ID]);
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
      if (ends_before_start (&event.start, &end))
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
              g_ptr_array_add (l->source_strings, (gpointer) field_string (l, sf));
            }
          g_ptr_array_add (l->source_extras,
                           item->has_extra ? l->strings->str + item->extra : NULL);
        }
      event.n_sources = l->sources->len;
      event.sources = (const char *const *) l->source_strings->pdata;
      event.source_extras = (const char *const *) l->source_extras->pdata;
    }

  event.id = id;
  event.title = field_string (l, &l->fields[F_TITLE]);
  event.description = field_string (l, &l->fields[F_DESCRIPTION]);
  event.category = field_string (l, &l->fields[F_CATEGORY]);
  event.group = field_string (l, &l->fields[F_GROUP]);
  event.status = field_string (l, &l->fields[F_STATUS]);
  event.display_date = field_string (l, &l->fields[F_DISPLAY_DATE]);
  event.extra = extra_finish (l->event_extra);
  _chrono_timeline_append_fields (l->timeline, &event);
  id_set_add (&l->ids, hash);
  return TRUE;
}

/* The top level */

/* Categories are added before the events when they come first, so that the
 * events' compact records point at them at once. */
static void
start_timeline (Loader *l)
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
read_events (Loader  *l,
             GError **error)
{
  gboolean more;

  start_timeline (l);
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

static gboolean
read_top_member (Loader     *l,
                 const char *name,
                 GError    **error)
{
  TopMember *m = NULL;
  ChronoJsonKind kind;
  gsize offset;
  int i = field_index (name, top_names, N_TOP);

  if (i < 0)
    return scan_extra_member (l->reader, name, l->extra, error);

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
        return read_events (l, error);
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

  extra = extra_finish (l->extra);
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
