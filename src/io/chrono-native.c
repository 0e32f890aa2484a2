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

/* The version this code reads and writes; files from a newer Chronoscope
 * carry a higher number and are refused rather than misread. */
#define NATIVE_VERSION 1

static const char *const top_fields[] = {
  "chronoscope", "title", "description", "categories", "eras", "events", NULL
};
static const char *const event_fields[] = {
  "id", "title", "start", "end", "display_date", "description", "category",
  "group", "status", "importance", "actors", "targets", "places", "tags",
  "sources", NULL
};

typedef struct {
  ChronoJsonInput in;
  GString        *pointer; /* scratch: the JSON Pointer of what is being read */
} Loader;

/* Sets an error at @pointer, prefixed with @context ("event “e3”") when given. */
static gboolean
fail (Loader      *l,
      GError     **error,
      ChronoError  code,
      const char  *pointer,
      const char  *context,
      const char  *format,
      ...) G_GNUC_PRINTF (6, 7);

static gboolean
fail (Loader      *l,
      GError     **error,
      ChronoError  code,
      const char  *pointer,
      const char  *context,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (context != NULL)
    /* Translators: "event “e3”: <what is wrong>" */
    chrono_json_set_error (error, &l->in, code, pointer, _("%s: %s"), context, message);
  else
    chrono_json_set_error (error, &l->in, code, pointer, "%s", message);
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

/* An optional string member: absent and null leave *out NULL. */
static gboolean
read_string (Loader      *l,
             JsonObject  *object,
             const char  *base,
             const char  *context,
             const char  *member,
             gboolean     required,
             const char **out,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return fail (l, error, CHRONO_ERROR_MISSING, base, context,
                     _("the required field “%s” is missing"), member);
      return TRUE;
    }

  *out = chrono_json_node_get_string (node);
  if (*out == NULL)
    return fail (l, error, CHRONO_ERROR_INVALID_VALUE, member_pointer (l, base, member), context,
                 _("“%s” must be a string, not %s"), member, chrono_json_node_type_name (node));
  return TRUE;
}

/* A date member: *present tells whether it was there at all. */
static gboolean
read_date (Loader      *l,
           JsonObject  *object,
           const char  *base,
           const char  *context,
           const char  *member,
           gboolean     required,
           gboolean     allow_open,
           ChronoDate  *out,
           gboolean    *present,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *text;

  *present = FALSE;
  if (!read_string (l, object, base, context, member, required, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;

  if (!chrono_date_parse (text, out, &local_error))
    return fail (l, error, CHRONO_ERROR_INVALID_DATE, member_pointer (l, base, member), context,
                 /* Translators: %s is the date's own message, which
                  * quotes it: “2023-02-29”: February 2023 has only 28 days */
                 _("invalid date %s"), local_error->message);
  if (!allow_open && !chrono_date_is_date (out))
    return fail (l, error, CHRONO_ERROR_INVALID_DATE, member_pointer (l, base, member), context,
                 _("“%s” must be a date, not “%s”"), member, text);
  *present = TRUE;
  return TRUE;
}

static gboolean
read_string_list (Loader      *l,
                  JsonObject  *object,
                  const char  *base,
                  const char  *context,
                  const char  *member,
                  GStrv       *out,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autoptr(GStrvBuilder) builder = NULL;
  JsonArray *array;
  guint n;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  array = chrono_json_node_get_array (node);
  if (array == NULL)
    return fail (l, error, CHRONO_ERROR_INVALID_VALUE, member_pointer (l, base, member), context,
                 _("“%s” must be a list of strings, not %s"), member,
                 chrono_json_node_type_name (node));

  builder = g_strv_builder_new ();
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      const char *s = chrono_json_node_get_string (item);

      if (s == NULL)
        {
          member_pointer (l, base, member);
          g_string_append_printf (l->pointer, "/%u", i);
          return fail (l, error, CHRONO_ERROR_INVALID_VALUE, l->pointer->str, context,
                       _("“%s” must be a list of strings, but item %u is %s"), member, i + 1,
                       chrono_json_node_type_name (item));
        }
      g_strv_builder_add (builder, s);
    }
  *out = g_strv_builder_end (builder);
  return TRUE;
}

/* Fields this version does not know, as JSON object text (NULL if none). */
static char *
collect_extra (JsonObject         *object,
               const char *const  *known)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GList) members = json_object_get_members (object);
  JsonObject *extra = NULL;

  for (GList *m = members; m != NULL; m = m->next)
    {
      if (g_strv_contains (known, m->data))
        continue;
      if (extra == NULL)
        extra = json_object_new ();
      json_object_set_member (extra, m->data, json_node_copy (json_object_get_member (object, m->data)));
    }
  if (extra == NULL)
    return NULL;

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, extra);
  return json_to_string (node, FALSE);
}

static gboolean
read_categories (Loader          *l,
                 JsonObject      *root,
                 GPtrArray       *categories,
                 GError         **error)
{
  JsonNode *node = json_object_get_member (root, "categories");
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;
  guint n;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  array = chrono_json_node_get_array (node);
  if (array == NULL)
    return fail (l, error, CHRONO_ERROR_INVALID_VALUE, "/categories", NULL,
                 _("“categories” must be a list, not %s"), chrono_json_node_type_name (node));

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *object = chrono_json_node_get_object (item);
      g_autofree char *base = g_strdup_printf ("/categories/%u", i);
      g_autofree char *context = g_strdup_printf (_("category %u"), i + 1);
      const char *id, *name, *color, *description;
      ChronoCategory *category;

      if (object == NULL)
        return fail (l, error, CHRONO_ERROR_INVALID_VALUE, base, context,
                     _("a category must be an object, not %s"), chrono_json_node_type_name (item));
      if (!read_string (l, object, base, context, "id", TRUE, &id, error))
        return FALSE;
      if (id[0] == '\0')
        return fail (l, error, CHRONO_ERROR_INVALID_VALUE, member_pointer (l, base, "id"), context,
                     _("the id must not be empty"));
      g_free (context);
      context = g_strdup_printf (_("category “%s”"), id);
      if (g_hash_table_contains (ids, id))
        return fail (l, error, CHRONO_ERROR_DUPLICATE, member_pointer (l, base, "id"), context,
                     _("another category has the same id"));
      g_hash_table_add (ids, (gpointer) id);

      if (!read_string (l, object, base, context, "name", FALSE, &name, error) ||
          !read_string (l, object, base, context, "color", FALSE, &color, error) ||
          !read_string (l, object, base, context, "description", FALSE, &description, error))
        return FALSE;
      if (color != NULL && !is_color (color))
        return fail (l, error, CHRONO_ERROR_INVALID_VALUE, member_pointer (l, base, "color"), context,
                     _("invalid colour “%s” (expected #rrggbb)"), color);

      category = chrono_category_new (id, name, color);
      if (description != NULL)
        chrono_category_set_description (category, description);
      g_ptr_array_add (categories, category);
    }
  return TRUE;
}

static gboolean
read_eras (Loader      *l,
           JsonObject  *root,
           GPtrArray   *eras,
           GError     **error)
{
  JsonNode *node = json_object_get_member (root, "eras");
  JsonArray *array;
  guint n;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  array = chrono_json_node_get_array (node);
  if (array == NULL)
    return fail (l, error, CHRONO_ERROR_INVALID_VALUE, "/eras", NULL,
                 _("“eras” must be a list, not %s"), chrono_json_node_type_name (node));

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *object = chrono_json_node_get_object (item);
      g_autofree char *base = g_strdup_printf ("/eras/%u", i);
      g_autofree char *context = g_strdup_printf (_("era %u"), i + 1);
      const char *id, *title, *color, *description;
      ChronoDate start, end;
      gboolean has_start, has_end;
      ChronoEra *era;

      if (object == NULL)
        return fail (l, error, CHRONO_ERROR_INVALID_VALUE, base, context,
                     _("an era must be an object, not %s"), chrono_json_node_type_name (item));
      if (!read_string (l, object, base, context, "id", FALSE, &id, error) ||
          !read_string (l, object, base, context, "title", TRUE, &title, error))
        return FALSE;
      g_free (context);
      context = g_strdup_printf (_("era “%s”"), title);
      if (!read_date (l, object, base, context, "start", TRUE, FALSE, &start, &has_start, error) ||
          !read_date (l, object, base, context, "end", TRUE, TRUE, &end, &has_end, error) ||
          !read_string (l, object, base, context, "color", FALSE, &color, error) ||
          !read_string (l, object, base, context, "description", FALSE, &description, error))
        return FALSE;
      if (color != NULL && !is_color (color))
        return fail (l, error, CHRONO_ERROR_INVALID_VALUE, member_pointer (l, base, "color"), context,
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

static gboolean
read_sources (Loader       *l,
              JsonObject   *object,
              const char   *base,
              const char   *context,
              ChronoEvent  *event,
              GError      **error)
{
  JsonNode *node = json_object_get_member (object, "sources");
  g_autofree char *list_base = NULL;
  JsonArray *array;
  guint n;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  list_base = g_strconcat (base, "/sources", NULL);
  array = chrono_json_node_get_array (node);
  if (array == NULL)
    return fail (l, error, CHRONO_ERROR_INVALID_VALUE, list_base, context,
                 _("“sources” must be a list, not %s"), chrono_json_node_type_name (node));

  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *source = chrono_json_node_get_object (item);
      g_autofree char *item_base = g_strdup_printf ("%s/%u", list_base, i);
      g_autoptr(ChronoSource) s = NULL;
      const char *title, *url, *publisher, *date;

      if (source == NULL)
        return fail (l, error, CHRONO_ERROR_INVALID_VALUE, item_base, context,
                     _("source %u must be an object, not %s"), i + 1,
                     chrono_json_node_type_name (item));
      if (!read_string (l, source, item_base, context, "title", FALSE, &title, error) ||
          !read_string (l, source, item_base, context, "url", FALSE, &url, error) ||
          !read_string (l, source, item_base, context, "publisher", FALSE, &publisher, error) ||
          !read_string (l, source, item_base, context, "date", FALSE, &date, error))
        return FALSE;

      s = chrono_source_new (title, url, publisher, date);
      chrono_event_add_source (event, s);
    }
  return TRUE;
}

static ChronoEvent *
read_event (Loader      *l,
            JsonNode    *item,
            guint        index,
            GHashTable  *ids,
            GError     **error)
{
  JsonObject *object = chrono_json_node_get_object (item);
  g_autofree char *base = g_strdup_printf ("/events/%u", index);
  g_autofree char *context = g_strdup_printf (_("event %u"), index + 1);
  g_autoptr(ChronoEvent) event = NULL;
  g_autofree char *extra = NULL;
  const char *id, *title, *description, *category, *group, *status, *display_date;
  ChronoDate start, end;
  gboolean has_start, has_end;
  JsonNode *importance;
  static const char *const lists[] = { "actors", "targets", "places", "tags" };

  if (object == NULL)
    {
      fail (l, error, CHRONO_ERROR_INVALID_VALUE, base, context,
            _("an event must be an object, not %s"), chrono_json_node_type_name (item));
      return NULL;
    }

  if (!read_string (l, object, base, context, "id", TRUE, &id, error))
    return NULL;
  if (id[0] == '\0')
    {
      fail (l, error, CHRONO_ERROR_INVALID_VALUE, member_pointer (l, base, "id"), context,
            _("the id must not be empty"));
      return NULL;
    }
  g_free (context);
  context = g_strdup_printf (_("event “%s”"), id);
  if (g_hash_table_contains (ids, id))
    {
      fail (l, error, CHRONO_ERROR_DUPLICATE, member_pointer (l, base, "id"), context,
            _("another event has the same id"));
      return NULL;
    }
  g_hash_table_add (ids, (gpointer) id);

  if (!read_string (l, object, base, context, "title", TRUE, &title, error) ||
      !read_date (l, object, base, context, "start", TRUE, FALSE, &start, &has_start, error) ||
      !read_date (l, object, base, context, "end", FALSE, TRUE, &end, &has_end, error) ||
      !read_string (l, object, base, context, "description", FALSE, &description, error) ||
      !read_string (l, object, base, context, "category", FALSE, &category, error) ||
      !read_string (l, object, base, context, "group", FALSE, &group, error) ||
      !read_string (l, object, base, context, "status", FALSE, &status, error) ||
      !read_string (l, object, base, context, "display_date", FALSE, &display_date, error))
    return NULL;

  if (has_end && chrono_date_is_date (&end))
    {
      ChronoTime start_lo, start_hi, end_lo, end_hi;

      chrono_date_get_span (&start, &start_lo, &start_hi);
      chrono_date_get_span (&end, &end_lo, &end_hi);
      if (end_hi <= start_lo)
        {
          g_autofree char *s = chrono_date_to_string (&start);
          g_autofree char *e = chrono_date_to_string (&end);

          fail (l, error, CHRONO_ERROR_INVALID_DATE, member_pointer (l, base, "end"), context,
                _("it ends (%s) before it starts (%s)"), e, s);
          return NULL;
        }
    }

  event = chrono_event_new (id, title, &start);
  if (has_end)
    chrono_event_set_end (event, &end);
  if (description != NULL)
    chrono_event_set_description (event, description);
  if (category != NULL)
    chrono_event_set_category (event, category);
  if (group != NULL)
    chrono_event_set_group (event, group);
  if (status != NULL)
    chrono_event_set_status (event, status);
  if (display_date != NULL)
    chrono_event_set_display_date (event, display_date);

  importance = json_object_get_member (object, "importance");
  if (importance != NULL && !JSON_NODE_HOLDS_NULL (importance))
    {
      gint64 value;

      if (!chrono_json_node_get_integer (importance, &value) || value < 0 || value > 100)
        {
          gboolean is_number = JSON_NODE_HOLDS_VALUE (importance) &&
                               (json_node_get_value_type (importance) == G_TYPE_INT64 ||
                                json_node_get_value_type (importance) == G_TYPE_DOUBLE);

          if (is_number)
            fail (l, error, CHRONO_ERROR_INVALID_VALUE, member_pointer (l, base, "importance"), context,
                  _("“importance” must be a whole number from 0 to 100"));
          else
            fail (l, error, CHRONO_ERROR_INVALID_VALUE, member_pointer (l, base, "importance"), context,
                  _("“importance” must be a whole number from 0 to 100, not %s"),
                  chrono_json_node_type_name (importance));
          return NULL;
        }
      chrono_event_set_importance (event, (guint) value);
    }

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_auto(GStrv) values = NULL;

      if (!read_string_list (l, object, base, context, lists[i], &values, error))
        return NULL;
      if (values == NULL)
        continue;
      switch (i)
        {
        case 0: chrono_event_set_actors (event, (const char *const *) values); break;
        case 1: chrono_event_set_targets (event, (const char *const *) values); break;
        case 2: chrono_event_set_places (event, (const char *const *) values); break;
        default: chrono_event_set_tags (event, (const char *const *) values); break;
        }
    }

  if (!read_sources (l, object, base, context, event, error))
    return NULL;

  extra = collect_extra (object, event_fields);
  if (extra != NULL)
    chrono_event_set_extra (event, extra);

  return g_steal_pointer (&event);
}

static ChronoTimeline *
load_root (Loader      *l,
           JsonNode    *root_node,
           GError     **error)
{
  JsonObject *root = chrono_json_node_get_object (root_node);
  g_autoptr(GPtrArray) categories = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) eras = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(ChronoTimeline) timeline = NULL;
  g_autofree char *extra = NULL;
  const char *title, *description;
  JsonNode *version, *events_node;
  JsonArray *event_array;
  gint64 v;
  guint n;

  if (root == NULL)
    {
      fail (l, error, CHRONO_ERROR_INVALID_VALUE, "", NULL,
            _("not a Chronoscope timeline: the top level is %s, not an object"),
            chrono_json_node_type_name (root_node));
      return NULL;
    }

  /* The version comes first: a newer file may mean anything below. */
  version = json_object_get_member (root, "chronoscope");
  if (version == NULL)
    {
      fail (l, error, CHRONO_ERROR_MISSING, "", NULL,
            _("not a Chronoscope timeline: the “chronoscope” version field is missing"));
      return NULL;
    }
  if (!chrono_json_node_get_integer (version, &v) || v < 1)
    {
      fail (l, error, CHRONO_ERROR_INVALID_VALUE, "/chronoscope", NULL,
            _("“chronoscope” must be a format version number (1)"));
      return NULL;
    }
  if (v > NATIVE_VERSION)
    {
      fail (l, error, CHRONO_ERROR_UNSUPPORTED, "/chronoscope", NULL,
            _("written by a newer Chronoscope (format version %" G_GINT64_FORMAT "); this version reads version %d"),
            v, NATIVE_VERSION);
      return NULL;
    }

  if (!read_string (l, root, "", NULL, "title", FALSE, &title, error) ||
      !read_string (l, root, "", NULL, "description", FALSE, &description, error) ||
      !read_categories (l, root, categories, error) ||
      !read_eras (l, root, eras, error))
    return NULL;

  events_node = json_object_get_member (root, "events");
  if (events_node == NULL)
    {
      fail (l, error, CHRONO_ERROR_MISSING, "", NULL,
            _("the required field “events” is missing"));
      return NULL;
    }
  event_array = chrono_json_node_get_array (events_node);
  if (event_array == NULL)
    {
      fail (l, error, CHRONO_ERROR_INVALID_VALUE, "/events", NULL,
            _("“events” must be a list, not %s"), chrono_json_node_type_name (events_node));
      return NULL;
    }

  n = json_array_get_length (event_array);
  ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      ChronoEvent *event = read_event (l, json_array_get_element (event_array, i), i, ids, error);

      if (event == NULL)
        return NULL;
      g_ptr_array_add (events, event);
    }

  timeline = chrono_timeline_new ();
  if (title != NULL)
    chrono_timeline_set_title (timeline, title);
  if (description != NULL)
    chrono_timeline_set_description (timeline, description);
  for (guint i = 0; i < categories->len; i++)
    chrono_timeline_add_category (timeline, g_ptr_array_index (categories, i));
  for (guint i = 0; i < eras->len; i++)
    chrono_timeline_add_era (timeline, g_ptr_array_index (eras, i));
  chrono_timeline_add_events (timeline, (ChronoEvent **) events->pdata, events->len);

  extra = collect_extra (root, top_fields);
  if (extra != NULL)
    chrono_timeline_set_extra (timeline, extra);
  chrono_timeline_set_modified (timeline, FALSE);

  return g_steal_pointer (&timeline);
}

ChronoTimeline *
chrono_native_load_data (const char  *data,
                         gsize        length,
                         const char  *display_name,
                         GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) pointer = g_string_new (NULL);
  Loader l = { { data, length, display_name }, pointer };

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = chrono_json_parse (data, length, display_name, error);
  if (root == NULL)
    return NULL;
  return load_root (&l, root, error);
}

ChronoTimeline *
chrono_native_load_file (GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  ChronoTimeline *timeline;
  gsize length = 0;

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

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", name, local_error->message);
      return NULL;
    }

  timeline = chrono_native_load_data (contents, length, name, error);
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
