/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-io"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "chrono-error.h"
#include "chrono-format.h"
#include "chrono-io-util.h"
#include "chrono-json-util.h"
#include "chrono-native.h"
#include "chrono-timeline-private.h"

/* The version this code reads and writes; files from a newer Chronoscope
 * carry a higher number and are refused rather than misread. */
#define NATIVE_VERSION 1

/* Reading streams the document: the top-level members other than "events"
 * become json-glib nodes (they are small), while each event is read straight
 * from the tokens into a scratch record and appended to the timeline, so
 * that a million events cost their compact storage plus one event, not a
 * tree of nodes. Errors keep the order of checks and the positions of a
 * whole-document reader: a syntax error anywhere first, then the top-level
 * fields in order, then the first bad event. */

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
  JsonNode       *node;    /* all but "events" */
  guint           line;    /* where the value starts */
  guint           column;
  char           *text;    /* the value's JSON text (categories and eras):
                              nested positions are found in it on error */
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
} SourceItem;

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
  GString          *pointer;    /* scratch: a JSON Pointer */

  guint             root_line;
  guint             root_column;
  TopMember         top[N_TOP];
  JsonObject       *extra;      /* unknown top-level members, in order */

  ChronoTimeline   *timeline;
  GPtrArray        *categories; /* read when the events start */
  GError           *categories_error;
  GError           *event_error; /* the first bad event; later ones are only parsed */
  guint             n_events;
  IdSet             ids;

  /* Scratch for one event, kept from one to the next. */
  Field             fields[N_FIELDS];
  guint64           id_hash;    /* of a string "id", once read */
  gsize             event_offset;
  ChronoJsonKind    event_kind;
  GString          *strings;    /* the event's strings, NUL-separated */
  GArray           *items;      /* gsize: list items, indexes into strings */
  GArray           *sources;    /* SourceItem */
  JsonObject       *event_extra;
  GPtrArray        *vectors[CHRONO_EVENT_N_LISTS];
  GPtrArray        *source_strings;
} Loader;

static void
loader_clear (Loader *l)
{
  for (guint i = 0; i < N_TOP; i++)
    {
      g_clear_pointer (&l->top[i].node, json_node_unref);
      g_clear_pointer (&l->top[i].text, g_free);
    }
  g_clear_pointer (&l->extra, json_object_unref);
  g_clear_object (&l->timeline);
  g_clear_pointer (&l->categories, g_ptr_array_unref);
  g_clear_error (&l->categories_error);
  g_clear_error (&l->event_error);
  g_clear_pointer (&l->ids.slots, g_free);
  g_string_free (l->strings, TRUE);
  g_array_unref (l->items);
  g_array_unref (l->sources);
  g_clear_pointer (&l->event_extra, json_object_unref);
  for (guint i = 0; i < CHRONO_EVENT_N_LISTS; i++)
    g_ptr_array_unref (l->vectors[i]);
  g_ptr_array_unref (l->source_strings);
  g_string_free (l->pointer, TRUE);
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

/* At @pointer inside the value of top-level member @m. */
static gboolean
fail_in (Loader          *l,
         GError         **error,
         ChronoError      code,
         const TopMember *m,
         const char      *pointer,
         const char      *context,
         const char      *format,
         ...) G_GNUC_PRINTF (7, 8);

static gboolean
fail_in (Loader          *l,
         GError         **error,
         ChronoError      code,
         const TopMember *m,
         const char      *pointer,
         const char      *context,
         const char      *format,
         ...)
{
  va_list args;
  guint line, column;

  /* The text starts at (m->line, m->column): its first line is shifted. */
  chrono_json_locate (m->text, m->length, pointer, &line, &column);
  if (line == 1)
    column += m->column - 1;
  line += m->line - 1;

  va_start (args, format);
  fail_at_position (l, error, code, line, column, context, format, args);
  va_end (args);
  return FALSE;
}

static const char *
member_pointer (Loader     *l,
                const char *base,
                const char *member)
{
  g_string_assign (l->pointer, base);
  if (member != NULL)
    chrono_json_pointer_append (l->pointer, member);
  return l->pointer->str;
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

/* Categories and eras, from nodes */

/* An optional string member: absent and null leave *out NULL. */
static gboolean
read_string (Loader          *l,
             const TopMember *m,
             JsonObject      *object,
             const char      *base,
             const char      *context,
             const char      *member,
             gboolean         required,
             const char     **out,
             GError         **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return fail_in (l, error, CHRONO_ERROR_MISSING, m, base, context,
                        _("the required field “%s” is missing"), member);
      return TRUE;
    }

  *out = chrono_json_node_get_string (node);
  if (*out == NULL)
    return fail_in (l, error, CHRONO_ERROR_INVALID_VALUE, m, member_pointer (l, base, member), context,
                    _("“%s” must be a string, not %s"), member, chrono_json_node_type_name (node));
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

static gboolean
read_date (Loader          *l,
           const TopMember *m,
           JsonObject      *object,
           const char      *base,
           const char      *context,
           const char      *member,
           gboolean         allow_open,
           ChronoDate      *out,
           GError         **error)
{
  g_autofree char *message = NULL;
  const char *text;

  if (!read_string (l, m, object, base, context, member, TRUE, &text, error))
    return FALSE;
  if (!parse_date (text, allow_open, member, out, &message))
    return fail_in (l, error, CHRONO_ERROR_INVALID_DATE, m, member_pointer (l, base, member), context,
                    "%s", message);
  return TRUE;
}

static gboolean
read_categories (Loader     *l,
                 GPtrArray  *categories,
                 GError    **error)
{
  const TopMember *m = &l->top[TOP_CATEGORIES];
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;
  guint n;

  if (!m->present)
    return TRUE;
  array = chrono_json_node_get_array (m->node);
  if (array == NULL)
    return fail_at (l, error, CHRONO_ERROR_INVALID_VALUE, m->line, m->column, NULL,
                    _("“categories” must be a list, not %s"), chrono_json_node_type_name (m->node));

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *object = chrono_json_node_get_object (item);
      g_autofree char *base = g_strdup_printf ("/%u", i);
      g_autofree char *context = g_strdup_printf (_("category %u"), i + 1);
      const char *id, *name, *color, *description;
      ChronoCategory *category;

      if (object == NULL)
        return fail_in (l, error, CHRONO_ERROR_INVALID_VALUE, m, base, context,
                        _("a category must be an object, not %s"), chrono_json_node_type_name (item));
      if (!read_string (l, m, object, base, context, "id", TRUE, &id, error))
        return FALSE;
      if (id[0] == '\0')
        return fail_in (l, error, CHRONO_ERROR_INVALID_VALUE, m, member_pointer (l, base, "id"), context,
                        _("the id must not be empty"));
      g_free (context);
      context = g_strdup_printf (_("category “%s”"), id);
      if (g_hash_table_contains (ids, id))
        return fail_in (l, error, CHRONO_ERROR_DUPLICATE, m, member_pointer (l, base, "id"), context,
                        _("another category has the same id"));
      g_hash_table_add (ids, (gpointer) id);

      if (!read_string (l, m, object, base, context, "name", FALSE, &name, error) ||
          !read_string (l, m, object, base, context, "color", FALSE, &color, error) ||
          !read_string (l, m, object, base, context, "description", FALSE, &description, error))
        return FALSE;
      if (color != NULL && !is_color (color))
        return fail_in (l, error, CHRONO_ERROR_INVALID_VALUE, m, member_pointer (l, base, "color"), context,
                        _("invalid colour “%s” (expected #rrggbb)"), color);

      category = chrono_category_new (id, name, color);
      if (description != NULL)
        chrono_category_set_description (category, description);
      g_ptr_array_add (categories, category);
    }
  return TRUE;
}

static gboolean
read_eras (Loader     *l,
           GPtrArray  *eras,
           GError    **error)
{
  const TopMember *m = &l->top[TOP_ERAS];
  JsonArray *array;
  guint n;

  if (!m->present)
    return TRUE;
  array = chrono_json_node_get_array (m->node);
  if (array == NULL)
    return fail_at (l, error, CHRONO_ERROR_INVALID_VALUE, m->line, m->column, NULL,
                    _("“eras” must be a list, not %s"), chrono_json_node_type_name (m->node));

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *object = chrono_json_node_get_object (item);
      g_autofree char *base = g_strdup_printf ("/%u", i);
      g_autofree char *context = g_strdup_printf (_("era %u"), i + 1);
      const char *id, *title, *color, *description;
      ChronoDate start, end;
      ChronoEra *era;

      if (object == NULL)
        return fail_in (l, error, CHRONO_ERROR_INVALID_VALUE, m, base, context,
                        _("an era must be an object, not %s"), chrono_json_node_type_name (item));
      if (!read_string (l, m, object, base, context, "id", FALSE, &id, error) ||
          !read_string (l, m, object, base, context, "title", TRUE, &title, error))
        return FALSE;
      g_free (context);
      context = g_strdup_printf (_("era “%s”"), title);
      if (!read_date (l, m, object, base, context, "start", FALSE, &start, error) ||
          !read_date (l, m, object, base, context, "end", TRUE, &end, error) ||
          !read_string (l, m, object, base, context, "color", FALSE, &color, error) ||
          !read_string (l, m, object, base, context, "description", FALSE, &description, error))
        return FALSE;
      if (color != NULL && !is_color (color))
        return fail_in (l, error, CHRONO_ERROR_INVALID_VALUE, m, member_pointer (l, base, "color"), context,
                        _("invalid colour “%s” (expected #rrggbb)"), color);

      era = chrono_era_new (title, &start, &end);
      if (id != NULL)
        chrono_era_set_id (era, id);
      if (color != NULL)
        chrono_era_set_color (era, color);
      if (description != NULL)
        chrono_era_set_description (era, description);
      g_ptr_array_add (eras, era);
    }
  return TRUE;
}

/* Events, from tokens */

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

/* Appends a string value to l->strings, NUL-terminated; its index in *at. */
static gboolean
scan_string (Loader  *l,
             gsize   *at,
             GError **error)
{
  *at = l->strings->len;
  if (!chrono_json_reader_read_string (l->reader, l->strings, error))
    return FALSE;
  g_string_append_c (l->strings, '\0');
  return TRUE;
}

/* Reads a member value that should be a string (or a whole number for
 * importance); anything else is noted for the checks and skipped. */
static gboolean
scan_field (Loader  *l,
            Field   *f,
            gboolean number,
            GError **error)
{
  if (!chrono_json_reader_peek (l->reader, &f->kind, &f->offset, error))
    return FALSE;
  f->present = f->kind != CHRONO_JSON_KIND_NULL;

  if (f->kind == CHRONO_JSON_KIND_STRING && !number)
    return scan_string (l, &f->text, error);
  if (f->kind == CHRONO_JSON_KIND_NUMBER && number)
    return chrono_json_reader_read_integer (l->reader, &f->is_integer, &f->integer, error);
  return chrono_json_reader_skip (l->reader, error);
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
          if (!scan_string (l, &at, error))
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
      const char *name;

      if (!chrono_json_reader_next_element (l->reader, &more, error))
        return FALSE;
      if (!more)
        break;

      g_array_set_size (l->sources, l->sources->len + 1);
      item = &g_array_index (l->sources, SourceItem, l->sources->len - 1);
      memset (item, 0, sizeof *item);
      if (!chrono_json_reader_peek (l->reader, &item->kind, &item->offset, error))
        return FALSE;
      if (item->kind != CHRONO_JSON_KIND_OBJECT)
        {
          if (!chrono_json_reader_skip (l->reader, error))
            return FALSE;
          continue;
        }

      if (!chrono_json_reader_enter (l->reader, error))
        return FALSE;
      for (;;)
        {
          int i;

          if (!chrono_json_reader_next_member (l->reader, &name, error))
            return FALSE;
          if (name == NULL)
            break;
          i = field_index (name, source_field_names, N_SOURCE_FIELDS);
          if (i < 0)
            {
              /* Sources keep only the fields they know. */
              if (!chrono_json_reader_skip (l->reader, error))
                return FALSE;
              continue;
            }
          if (!scan_field (l, &g_array_index (l->sources, SourceItem, l->sources->len - 1).fields[i],
                           FALSE, error))
            return FALSE;
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
  g_clear_pointer (&l->event_extra, json_object_unref);

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
          {
            /* Kept as it is for a lossless round trip. The name stays
             * valid until the next member. */
            JsonNode *node = chrono_json_reader_read_node (l->reader, error);

            if (node == NULL)
              return FALSE;
            if (l->event_extra == NULL)
              l->event_extra = json_object_new ();
            json_object_set_member (l->event_extra, name, node);
            ok = TRUE;
          }
          break;
        case F_IMPORTANCE:
          ok = scan_field (l, &l->fields[i], TRUE, error);
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
          ok = scan_field (l, &l->fields[i], FALSE, error);
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

static inline const char *
field_string (Loader      *l,
              const Field *f)
{
  return f->present ? l->strings->str + f->text : NULL;
}

/* A string field, as read_string() for nodes. */
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

/* Checks the scanned event as read_event() did for nodes, in the same order,
 * and appends it to the timeline. */
static gboolean
add_event (Loader  *l,
           GError **error)
{
  ChronoEventFields event = { 0 };
  g_autofree char *extra = NULL;
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
      if (chrono_date_is_date (&end))
        {
          ChronoTime start_lo, start_hi, end_lo, end_hi;

          chrono_date_get_span (&event.start, &start_lo, &start_hi);
          chrono_date_get_span (&end, &end_lo, &end_hi);
          if (end_hi <= start_lo)
            {
              g_autofree char *s = chrono_date_to_string (&event.start);
              g_autofree char *e = chrono_date_to_string (&end);

              context = event_context (l, id);
              return fail_offset (l, error, CHRONO_ERROR_INVALID_DATE, l->fields[F_END].offset, context,
                                  _("it ends (%s) before it starts (%s)"), e, s);
            }
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
        }
      event.n_sources = l->sources->len;
      event.sources = (const char *const *) l->source_strings->pdata;
    }

  if (l->event_extra != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (node, g_steal_pointer (&l->event_extra));
      extra = json_to_string (node, FALSE);
    }

  event.id = id;
  event.title = field_string (l, &l->fields[F_TITLE]);
  event.description = field_string (l, &l->fields[F_DESCRIPTION]);
  event.category = field_string (l, &l->fields[F_CATEGORY]);
  event.group = field_string (l, &l->fields[F_GROUP]);
  event.status = field_string (l, &l->fields[F_STATUS]);
  event.display_date = field_string (l, &l->fields[F_DISPLAY_DATE]);
  event.extra = extra;
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
      if (read_categories (l, l->categories, &l->categories_error))
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
    {
      JsonNode *node = chrono_json_reader_read_node (l->reader, error);

      if (node == NULL)
        return FALSE;
      if (l->extra == NULL)
        l->extra = json_object_new ();
      json_object_set_member (l->extra, name, node);
      return TRUE;
    }

  m = &l->top[i];
  if (!chrono_json_reader_peek (l->reader, &kind, &offset, error))
    return FALSE;
  m->present = TRUE;
  m->kind = kind;
  chrono_json_reader_get_position (l->reader, offset, &m->line, &m->column);

  if (i == TOP_EVENTS)
    {
      if (kind == CHRONO_JSON_KIND_ARRAY)
        return read_events (l, error);
      return chrono_json_reader_skip (l->reader, error);
    }

  m->node = chrono_json_reader_read_node (l->reader, error);
  if (m->node == NULL)
    return FALSE;
  if (i == TOP_CATEGORIES || i == TOP_ERAS)
    {
      const char *text = chrono_json_reader_peek_text (l->reader, offset, &m->length);

      m->text = g_strndup (text, m->length);
    }
  return TRUE;
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
  const char *title = NULL, *description = NULL;
  gint64 v;

  /* The version comes first: a newer file may mean anything below. */
  if (!version->present)
    {
      fail_at (l, error, CHRONO_ERROR_MISSING, l->root_line, l->root_column, NULL,
               _("not a Chronoscope timeline: the “chronoscope” version field is missing"));
      return NULL;
    }
  if (!chrono_json_node_get_integer (version->node, &v) || v < 1)
    {
      fail_at (l, error, CHRONO_ERROR_INVALID_VALUE, version->line, version->column, NULL,
               _("“chronoscope” must be a format version number (1)"));
      return NULL;
    }
  if (v > NATIVE_VERSION)
    {
      fail_at (l, error, CHRONO_ERROR_UNSUPPORTED, version->line, version->column, NULL,
               _("written by a newer Chronoscope (format version %" G_GINT64_FORMAT "); this version reads version %d"),
               v, NATIVE_VERSION);
      return NULL;
    }

  for (guint i = TOP_TITLE; i <= TOP_DESCRIPTION; i++)
    {
      const TopMember *m = &l->top[i];
      const char *text = chrono_json_node_get_string (m->node);

      if (m->present && text == NULL && !JSON_NODE_HOLDS_NULL (m->node))
        {
          fail_at (l, error, CHRONO_ERROR_INVALID_VALUE, m->line, m->column, NULL,
                   _("“%s” must be a string, not %s"), top_names[i], chrono_json_node_type_name (m->node));
          return NULL;
        }
      if (i == TOP_TITLE)
        title = text;
      else
        description = text;
    }

  if (l->categories == NULL && l->categories_error == NULL)
    {
      /* Not read with the events: they came later, or there were none. */
      l->categories = g_ptr_array_new_with_free_func (g_object_unref);
      read_categories (l, l->categories, &l->categories_error);
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
  if (!read_eras (l, eras, error))
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
  if (title != NULL)
    chrono_timeline_set_title (l->timeline, title);
  if (description != NULL)
    chrono_timeline_set_description (l->timeline, description);
  for (guint i = 0; i < eras->len; i++)
    chrono_timeline_add_era (l->timeline, g_ptr_array_index (eras, i));

  if (l->extra != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *extra = NULL;

      json_node_take_object (node, g_steal_pointer (&l->extra));
      extra = json_to_string (node, FALSE);
      chrono_timeline_set_extra (l->timeline, extra);
    }
  chrono_timeline_set_modified (l->timeline, FALSE);

  return g_steal_pointer (&l->timeline);
}

static ChronoTimeline *
load (ChronoJsonReader *reader,
      const char       *display_name,
      GError          **error)
{
  Loader l = { 0 };
  ChronoTimeline *timeline = NULL;

  l.reader = reader;
  l.display_name = display_name;
  l.pointer = g_string_new (NULL);
  l.strings = g_string_new (NULL);
  l.items = g_array_new (FALSE, FALSE, sizeof (gsize));
  l.sources = g_array_new (FALSE, FALSE, sizeof (SourceItem));
  for (guint i = 0; i < CHRONO_EVENT_N_LISTS; i++)
    l.vectors[i] = g_ptr_array_new ();
  l.source_strings = g_ptr_array_new ();

  /* Nothing is half-loaded: on error the partly built timeline goes. */
  if (read_document (&l, error))
    timeline = finish_timeline (&l, error);

  loader_clear (&l);
  return timeline;
}

ChronoTimeline *
chrono_native_load_data (const char  *data,
                         gsize        length,
                         const char  *display_name,
                         GError     **error)
{
  g_autoptr(ChronoJsonReader) reader = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  reader = chrono_json_reader_new (data, length, display_name);
  return load (reader, display_name, error);
}

ChronoTimeline *
chrono_native_load_file (GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(ChronoJsonReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  ChronoTimeline *timeline;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = chrono_io_display_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, NULL);
  if (info != NULL && g_file_info_get_size (info) > (goffset) CHRONO_FORMAT_MAX_INPUT)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_TOO_LARGE,
                   _("%s: the file is larger than %u MiB"), name,
                   (guint) (CHRONO_FORMAT_MAX_INPUT >> 20));
      return NULL;
    }

  /* Read in chunks, not whole: the text of a million events would cost
   * more than their store. */
  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", name, local_error->message);
      return NULL;
    }

  reader = chrono_json_reader_new_for_stream (G_INPUT_STREAM (stream), cancellable, name);
  timeline = load (reader, name, error);
  if (timeline != NULL)
    {
      chrono_timeline_set_file (timeline, file);
      chrono_timeline_set_modified (timeline, FALSE);
    }
  return timeline;
}

/* Writing */

static void
set_string (JsonObject *object,
            const char *member,
            const char *value)
{
  if (value != NULL && value[0] != '\0')
    json_object_set_string_member (object, member, value);
}

static void
set_date (JsonObject       *object,
          const char       *member,
          const ChronoDate *date)
{
  g_autofree char *text = chrono_date_to_string (date);

  json_object_set_string_member (object, member, text);
}

static void
set_list (JsonObject        *object,
          const char        *member,
          const char *const *values)
{
  JsonArray *array;

  if (values == NULL || values[0] == NULL)
    return;
  array = json_array_sized_new (g_strv_length ((char **) values));
  for (guint i = 0; values[i] != NULL; i++)
    json_array_add_string_element (array, values[i]);
  json_object_set_array_member (object, member, array);
}

/* Adds the kept unknown fields; a known field of the same name wins. */
static void
add_extra (JsonObject *object,
           const char *extra)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *fields;

  if (extra == NULL || extra[0] == '\0')
    return;
  node = chrono_json_parse (extra, strlen (extra), "extra", NULL);
  fields = chrono_json_node_get_object (node);
  if (fields == NULL)
    {
      g_warning ("Dropping extra fields that are not a JSON object: %s", extra);
      return;
    }

  members = json_object_get_members (fields);
  for (GList *m = members; m != NULL; m = m->next)
    if (!json_object_has_member (object, m->data))
      json_object_set_member (object, m->data, json_node_copy (json_object_get_member (fields, m->data)));
}

static JsonNode *
event_to_node (ChronoEvent *event)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  GListModel *sources = chrono_event_get_sources (event);
  guint n_sources = g_list_model_get_n_items (sources);

  json_object_set_string_member (object, "id", chrono_event_get_id (event));
  json_object_set_string_member (object, "title", chrono_event_get_title (event) ? chrono_event_get_title (event) : "");
  set_date (object, "start", chrono_event_get_start (event));
  if (chrono_event_get_end (event) != NULL)
    set_date (object, "end", chrono_event_get_end (event));
  set_string (object, "display_date", chrono_event_get_display_date (event));
  set_string (object, "description", chrono_event_get_description (event));
  set_string (object, "category", chrono_event_get_category (event));
  set_string (object, "group", chrono_event_get_group (event));
  set_string (object, "status", chrono_event_get_status (event));
  json_object_set_int_member (object, "importance", chrono_event_get_importance (event));
  set_list (object, "actors", chrono_event_get_actors (event));
  set_list (object, "targets", chrono_event_get_targets (event));
  set_list (object, "places", chrono_event_get_places (event));
  set_list (object, "tags", chrono_event_get_tags (event));

  if (n_sources > 0)
    {
      JsonArray *array = json_array_sized_new (n_sources);

      for (guint i = 0; i < n_sources; i++)
        {
          g_autoptr(ChronoSource) source = g_list_model_get_item (sources, i);
          JsonObject *s = json_object_new ();

          set_string (s, "title", chrono_source_get_title (source));
          set_string (s, "url", chrono_source_get_url (source));
          set_string (s, "publisher", chrono_source_get_publisher (source));
          set_string (s, "date", chrono_source_get_date (source));
          json_array_add_object_element (array, s);
        }
      json_object_set_array_member (object, "sources", array);
    }

  add_extra (object, chrono_event_get_extra (event));
  json_node_take_object (node, object);
  return node;
}

char *
chrono_native_to_data (ChronoTimeline *timeline,
                       gsize          *length)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root_node = NULL;
  GString *text;
  JsonObject *root;
  JsonArray *array;
  GListModel *list;
  guint n;

  g_return_val_if_fail (CHRONO_IS_TIMELINE (timeline), NULL);

  root = json_object_new ();
  json_object_set_int_member (root, "chronoscope", NATIVE_VERSION);
  set_string (root, "title", chrono_timeline_get_title (timeline));
  set_string (root, "description", chrono_timeline_get_description (timeline));

  list = chrono_timeline_get_categories (timeline);
  n = g_list_model_get_n_items (list);
  if (n > 0)
    {
      array = json_array_sized_new (n);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ChronoCategory) category = g_list_model_get_item (list, i);
          JsonObject *object = json_object_new ();

          json_object_set_string_member (object, "id", chrono_category_get_id (category));
          set_string (object, "name", chrono_category_get_name (category));
          set_string (object, "color", chrono_category_get_color (category));
          set_string (object, "description", chrono_category_get_description (category));
          json_array_add_object_element (array, object);
        }
      json_object_set_array_member (root, "categories", array);
    }

  list = chrono_timeline_get_eras (timeline);
  n = g_list_model_get_n_items (list);
  if (n > 0)
    {
      array = json_array_sized_new (n);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ChronoEra) era = g_list_model_get_item (list, i);
          JsonObject *object = json_object_new ();

          set_string (object, "id", chrono_era_get_id (era));
          json_object_set_string_member (object, "title", chrono_era_get_title (era) ? chrono_era_get_title (era) : "");
          set_date (object, "start", chrono_era_get_start (era));
          set_date (object, "end", chrono_era_get_end (era));
          set_string (object, "color", chrono_era_get_color (era));
          set_string (object, "description", chrono_era_get_description (era));
          json_array_add_object_element (array, object);
        }
      json_object_set_array_member (root, "eras", array);
    }

  /* Timeline order (sorted by start), as the model hands them out. */
  n = g_list_model_get_n_items (G_LIST_MODEL (timeline));
  array = json_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronoEvent) event = g_list_model_get_item (G_LIST_MODEL (timeline), i);

      json_array_add_element (array, event_to_node (event));
    }
  json_object_set_array_member (root, "events", array);

  add_extra (root, chrono_timeline_get_extra (timeline));

  root_node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (root_node, root);

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root_node);
  text = json_generator_to_gstring (generator, g_string_new (NULL));
  /* A text file ends with a newline. */
  g_string_append_c (text, '\n');
  if (length != NULL)
    *length = text->len;
  return g_string_free (text, FALSE);
}

gboolean
chrono_native_save_file (ChronoTimeline  *timeline,
                         GFile           *file,
                         GCancellable    *cancellable,
                         GError         **error)
{
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (CHRONO_IS_TIMELINE (timeline), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = chrono_native_to_data (timeline, &length);
  if (!chrono_io_replace_file (file, data, length, TRUE, cancellable, error))
    return FALSE;

  chrono_timeline_set_file (timeline, file);
  chrono_timeline_set_modified (timeline, FALSE);
  return TRUE;
}
