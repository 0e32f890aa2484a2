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
#include "chrono-native-private.h"

/* The native format's public API and its writer; the reader is in
 * chrono-native-read.c. */

/* Loading */

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
  return _chrono_native_read (reader, display_name, error);
}

ChronoTimeline *
chrono_native_load_file (GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(ChronoJsonReader) reader = NULL;
  ChronoTimeline *timeline;
  goffset size;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = chrono_io_display_name (file);
  stream = chrono_io_open_file (file, name, &size, cancellable, error);
  if (stream == NULL)
    return NULL;
  if (size > (goffset) CHRONO_FORMAT_MAX_INPUT)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_TOO_LARGE,
                   _("%s: the file is larger than %u MiB"), name,
                   (guint) (CHRONO_FORMAT_MAX_INPUT >> 20));
      return NULL;
    }

  /* Read in chunks, not whole: the text of a million events would cost
   * more than their store. */
  reader = chrono_json_reader_new_for_stream (G_INPUT_STREAM (stream), cancellable, name);
  timeline = _chrono_native_read (reader, name, error);
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
          add_extra (s, chrono_source_get_extra (source));
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
  json_object_set_int_member (root, "chronoscope", CHRONO_NATIVE_VERSION);
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
          add_extra (object, chrono_category_get_extra (category));
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
          add_extra (object, chrono_era_get_extra (era));
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
