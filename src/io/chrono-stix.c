/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-stix"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "chrono-format-private.h"
#include "chrono-json-util.h"
#include "chrono-model.h"
#include "chrono-stix.h"

/* The STIX types that become events, each its own category. Each type keeps
 * one colour of the shared palette (_chrono_format_category_color), whatever
 * the order in a bundle, so that bundles compare at a glance. */
static const struct {
  const char *type;
  const char *name;
  guint       color;    /* palette index */
} event_types[] = {
  { "campaign", N_("Campaign"), 5 },           /* vermillion */
  { "intrusion-set", N_("Intrusion set"), 4 }, /* blue */
  { "report", N_("Report"), 2 },               /* bluish green */
};

typedef struct {
  JsonObject *object;
  const char *type;
  const char *id;
  const char *name;     /* NULL when the object has none */
  guint       index;    /* position in "objects", for error pointers */
  int         event;    /* index into the event list, or -1 */
} StixObject;

/* Names in first-seen order without repeats; the set is made only for long
 * lists, so that a hostile bundle cannot make deduplication quadratic. */
typedef struct {
  GPtrArray  *list;     /* borrowed names */
  GHashTable *set;
} StixNames;

typedef struct {
  StixObject *object;
  ChronoDate  start;
  ChronoDate  end;
  gboolean    has_end;
  StixNames   actors;
  StixNames   targets;
  StixNames   tags;
} StixEvent;

typedef struct {
  ChronoFormatJson json;
  GArray         *objects;  /* StixObject */
  GHashTable     *by_id;    /* id → index into objects */
  GArray         *events;   /* StixEvent */
} StixLoad;

static void
stix_names_clear (StixNames *names)
{
  g_clear_pointer (&names->list, g_ptr_array_unref);
  g_clear_pointer (&names->set, g_hash_table_unref);
}

static void
stix_event_clear (StixEvent *event)
{
  stix_names_clear (&event->actors);
  stix_names_clear (&event->targets);
  stix_names_clear (&event->tags);
}

static void
stix_load_clear (StixLoad *load)
{
  g_clear_pointer (&load->objects, g_array_unref);
  g_clear_pointer (&load->by_id, g_hash_table_unref);
  g_clear_pointer (&load->events, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (StixLoad, stix_load_clear)

static gboolean
get_array (StixLoad    *load,
           JsonObject  *object,
           const char  *name,
           const char  *pointer,
           JsonArray  **out)
{
  JsonNode *node = _chrono_format_json_member (object, name);
  g_autofree char *where = NULL;

  *out = NULL;
  if (node == NULL)
    return TRUE;
  *out = chrono_json_node_get_array (node);
  if (*out != NULL)
    return TRUE;

  where = g_strconcat (pointer, "/", name, NULL);
  _chrono_format_json_error (&load->json, CHRONO_ERROR_INVALID_VALUE, where,
                             _("“%s” must be an array, not %s"),
                             name, chrono_json_node_type_name (node));
  return FALSE;
}

static char *
object_pointer (const StixObject *object)
{
  return g_strdup_printf ("/objects/%u", object->index);
}

static gboolean
is_digits (const char *p,
           guint       n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return TRUE;
}

/* A STIX timestamp, "2021-07-19T10:15:00.000Z" (always UTC): read to the
 * second, as fractions are below what the axis shows. */
static gboolean
parse_timestamp (const char *text,
                 ChronoDate *out)
{
  char buffer[21];
  const char *p;

  if (strlen (text) < 20 ||
      !is_digits (text, 4) || text[4] != '-' || !is_digits (text + 5, 2) || text[7] != '-' ||
      !is_digits (text + 8, 2) || text[10] != 'T' || !is_digits (text + 11, 2) ||
      text[13] != ':' || !is_digits (text + 14, 2) || text[16] != ':' ||
      !is_digits (text + 17, 2))
    return FALSE;

  p = text + 19;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }
  if (strcmp (p, "Z") != 0)
    return FALSE;

  memcpy (buffer, text, 19);
  buffer[19] = 'Z';
  buffer[20] = '\0';
  return chrono_date_parse (buffer, out, NULL);
}

static gboolean
get_timestamp (StixLoad         *load,
               const StixObject *object,
               const char       *name,
               ChronoDate       *out,
               gboolean         *present)
{
  g_autofree char *pointer = object_pointer (object);
  const char *text;

  *present = FALSE;
  if (!_chrono_format_json_get_string (&load->json, object->object, name, pointer, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!parse_timestamp (text, out))
    {
      g_autofree char *where = g_strconcat (pointer, "/", name, NULL);

      _chrono_format_json_error (&load->json, CHRONO_ERROR_INVALID_DATE, where,
                                 _("“%s” is not a STIX timestamp like 2021-07-19T10:15:00.000Z"),
                                 text);
      return FALSE;
    }
  *present = TRUE;
  return TRUE;
}

static void
add_name (StixNames  *names,
          const char *name)
{
  if (name == NULL || name[0] == '\0')
    return;

  if (names->list == NULL)
    names->list = g_ptr_array_new ();

  if (names->set != NULL)
    {
      if (!g_hash_table_add (names->set, (gpointer) name))
        return;
    }
  else
    {
      for (guint i = 0; i < names->list->len; i++)
        if (strcmp (g_ptr_array_index (names->list, i), name) == 0)
          return;
      if (names->list->len >= 16)
        {
          names->set = g_hash_table_new (g_str_hash, g_str_equal);
          for (guint i = 0; i < names->list->len; i++)
            g_hash_table_add (names->set, g_ptr_array_index (names->list, i));
          g_hash_table_add (names->set, (gpointer) name);
        }
    }
  g_ptr_array_add (names->list, (gpointer) name);
}

static StixObject *
lookup (StixLoad   *load,
        const char *id)
{
  gpointer index;

  if (id == NULL || !g_hash_table_lookup_extended (load->by_id, id, NULL, &index))
    return NULL;
  return &g_array_index (load->objects, StixObject, GPOINTER_TO_UINT (index));
}

static gboolean
is_actor_type (const char *type)
{
  return strcmp (type, "intrusion-set") == 0 || strcmp (type, "threat-actor") == 0;
}

static gboolean
is_target_type (const char *type)
{
  return strcmp (type, "identity") == 0 || strcmp (type, "location") == 0 ||
         strcmp (type, "vulnerability") == 0;
}

/* Pass 1: every object is an object with a string "type" and "id". */
static gboolean
index_objects (StixLoad  *load,
               JsonArray *array)
{
  guint n = json_array_get_length (array);

  g_array_set_size (load->objects, 0);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *pointer = g_strdup_printf ("/objects/%u", i);
      StixObject object = { NULL, NULL, NULL, NULL, i, -1 };
      gpointer previous;

      object.object = chrono_json_node_get_object (node);
      if (object.object == NULL)
        {
          _chrono_format_json_error (&load->json, CHRONO_ERROR_INVALID_VALUE, pointer,
                                     _("a STIX object must be an object, not %s"),
                                     chrono_json_node_type_name (node));
          return FALSE;
        }
      if (!_chrono_format_json_get_string (&load->json, object.object, "type", pointer, &object.type) ||
          !_chrono_format_json_get_string (&load->json, object.object, "id", pointer, &object.id) ||
          !_chrono_format_json_get_string (&load->json, object.object, "name", pointer, &object.name))
        return FALSE;
      if (object.type == NULL || object.id == NULL)
        {
          _chrono_format_json_error (&load->json, CHRONO_ERROR_MISSING, pointer,
                                     _("a STIX object needs a “type” and an “id”"));
          return FALSE;
        }

      g_array_append_val (load->objects, object);

      /* several versions of one object: the latest "modified" wins */
      if (g_hash_table_lookup_extended (load->by_id, object.id, NULL, &previous))
        {
          StixObject *old = &g_array_index (load->objects, StixObject, GPOINTER_TO_UINT (previous));
          const char *old_modified, *new_modified;

          if (!_chrono_format_json_get_string (&load->json, old->object, "modified", pointer, &old_modified) ||
              !_chrono_format_json_get_string (&load->json, object.object, "modified", pointer, &new_modified))
            return FALSE;
          if (g_strcmp0 (new_modified, old_modified) < 0)
            continue;
        }
      g_hash_table_insert (load->by_id, (gpointer) object.id,
                           GUINT_TO_POINTER (load->objects->len - 1));
    }
  return TRUE;
}

static gboolean
is_latest_version (StixLoad   *load,
                   StixObject *object)
{
  return lookup (load, object->id) == object;
}

/* Pass 2: which objects are events, with their dates. */
static gboolean
collect_events (StixLoad *load)
{
  for (guint i = 0; i < load->objects->len; i++)
    {
      StixObject *object = &g_array_index (load->objects, StixObject, i);
      StixEvent event = { object };
      JsonNode *revoked;
      gboolean present = FALSE;
      gboolean known = FALSE;

      for (guint t = 0; t < G_N_ELEMENTS (event_types); t++)
        known |= strcmp (object->type, event_types[t].type) == 0;
      if (!known || !is_latest_version (load, object))
        continue;

      /* a revoked object was replaced by another one in the bundle */
      revoked = _chrono_format_json_member (object->object, "revoked");
      if (revoked != NULL && JSON_NODE_HOLDS_VALUE (revoked) &&
          json_node_get_value_type (revoked) == G_TYPE_BOOLEAN && json_node_get_boolean (revoked))
        continue;

      if (strcmp (object->type, "report") == 0)
        {
          if (!get_timestamp (load, object, "published", &event.start, &present))
            return FALSE;
          if (!present)
            {
              g_autofree char *pointer = object_pointer (object);

              _chrono_format_json_error (&load->json, CHRONO_ERROR_MISSING, pointer,
                                         _("the report has no “published” date"));
              return FALSE;
            }
        }
      else
        {
          gboolean has_last = FALSE;
          ChronoDate last;

          if (!get_timestamp (load, object, "first_seen", &event.start, &present) ||
              !get_timestamp (load, object, "last_seen", &last, &has_last))
            return FALSE;
          /* never seen: nothing to place on a timeline */
          if (!present)
            continue;

          if (!has_last)
            {
              /* still active as far as the bundle knows */
              chrono_date_parse ("..", &event.end, NULL);
              event.has_end = TRUE;
            }
          else if (chrono_date_compare (&last, &event.start) > 0)
            {
              event.end = last;
              event.has_end = TRUE;
            }
        }

      object->event = (int) load->events->len;
      g_array_append_val (load->events, event);
    }
  return TRUE;
}

/* Pass 3: relationships name actors, targets and what an event used. */
static gboolean
resolve_relationships (StixLoad *load)
{
  for (guint i = 0; i < load->objects->len; i++)
    {
      StixObject *object = &g_array_index (load->objects, StixObject, i);
      g_autofree char *pointer = NULL;
      const char *kind, *source_ref, *target_ref;
      StixObject *source, *target;
      StixEvent *event;

      if (strcmp (object->type, "relationship") != 0)
        continue;

      pointer = object_pointer (object);
      if (!_chrono_format_json_get_string (&load->json, object->object, "relationship_type", pointer, &kind) ||
          !_chrono_format_json_get_string (&load->json, object->object, "source_ref", pointer, &source_ref) ||
          !_chrono_format_json_get_string (&load->json, object->object, "target_ref", pointer, &target_ref))
        return FALSE;
      if (kind == NULL || source_ref == NULL || target_ref == NULL)
        {
          _chrono_format_json_error (&load->json, CHRONO_ERROR_MISSING, pointer,
                                     _("a relationship needs “relationship_type”, “source_ref” and "
                                     "“target_ref”"));
          return FALSE;
        }

      /* references outside the bundle are allowed by STIX: skip them */
      source = lookup (load, source_ref);
      target = lookup (load, target_ref);
      if (source == NULL || target == NULL || source->event < 0 || target->name == NULL)
        continue;

      event = &g_array_index (load->events, StixEvent, source->event);
      if (strcmp (kind, "attributed-to") == 0)
        add_name (&event->actors, target->name);
      else if (strcmp (kind, "targets") == 0)
        add_name (&event->targets, target->name);
      else if (strcmp (kind, "uses") == 0)
        add_name (&event->tags, target->name);
    }
  return TRUE;
}

/* A report's object_refs: actors, targets, and the rest as tags. */
static gboolean
resolve_report_refs (StixLoad  *load,
                     StixEvent *event)
{
  g_autofree char *pointer = object_pointer (event->object);
  JsonArray *refs;

  if (!get_array (load, event->object->object, "object_refs", pointer, &refs))
    return FALSE;
  for (guint k = 0; refs != NULL && k < json_array_get_length (refs); k++)
    {
      JsonNode *node = json_array_get_element (refs, k);
      const char *ref = chrono_json_node_get_string (node);
      StixObject *target;

      if (ref == NULL)
        {
          g_autofree char *where = g_strdup_printf ("%s/object_refs/%u", pointer, k);

          _chrono_format_json_error (&load->json, CHRONO_ERROR_INVALID_VALUE, where,
                                     _("an object reference must be a string, not %s"),
                                     chrono_json_node_type_name (node));
          return FALSE;
        }
      target = lookup (load, ref);
      if (target == NULL || target->name == NULL)
        continue;
      if (is_actor_type (target->type))
        add_name (&event->actors, target->name);
      else if (is_target_type (target->type))
        add_name (&event->targets, target->name);
      else if (strcmp (target->type, "relationship") != 0)
        add_name (&event->tags, target->name);
    }
  return TRUE;
}

static gboolean
add_sources (StixLoad    *load,
             StixEvent   *event,
             ChronoEvent *chrono_event)
{
  g_autofree char *pointer = object_pointer (event->object);
  g_autofree char *refs_pointer = g_strconcat (pointer, "/external_references", NULL);
  JsonArray *refs;

  if (!get_array (load, event->object->object, "external_references", pointer, &refs))
    return FALSE;
  for (guint k = 0; refs != NULL && k < json_array_get_length (refs); k++)
    {
      JsonNode *node = json_array_get_element (refs, k);
      JsonObject *ref = chrono_json_node_get_object (node);
      g_autofree char *where = g_strdup_printf ("%s/%u", refs_pointer, k);
      g_autoptr(ChronoSource) source = NULL;
      const char *url, *source_name, *external_id, *description;

      if (ref == NULL)
        {
          _chrono_format_json_error (&load->json, CHRONO_ERROR_INVALID_VALUE, where,
                                     _("an external reference must be an object, not %s"),
                                     chrono_json_node_type_name (node));
          return FALSE;
        }
      if (!_chrono_format_json_get_string (&load->json, ref, "url", where, &url) ||
          !_chrono_format_json_get_string (&load->json, ref, "source_name", where, &source_name) ||
          !_chrono_format_json_get_string (&load->json, ref, "external_id", where, &external_id) ||
          !_chrono_format_json_get_string (&load->json, ref, "description", where, &description))
        return FALSE;

      source = chrono_source_new (external_id != NULL ? external_id : description, url,
                                  source_name, NULL);
      chrono_event_add_source (chrono_event, source);
    }
  return TRUE;
}

/* Sets the names on the event through @setter; nothing when there are none. */
static void
set_names (ChronoEvent      *event,
           const StixNames  *names,
           void            (*setter) (ChronoEvent *, const char * const *))
{
  g_autofree const char **strv = NULL;

  if (names->list == NULL || names->list->len == 0)
    return;
  strv = g_new (const char *, names->list->len + 1);
  for (guint i = 0; i < names->list->len; i++)
    strv[i] = g_ptr_array_index (names->list, i);
  strv[names->list->len] = NULL;
  setter (event, strv);
}

static gboolean
add_labels (StixLoad  *load,
            StixEvent *event)
{
  g_autofree char *pointer = object_pointer (event->object);
  JsonArray *labels;

  if (!get_array (load, event->object->object, "labels", pointer, &labels))
    return FALSE;
  for (guint k = 0; labels != NULL && k < json_array_get_length (labels); k++)
    {
      JsonNode *node = json_array_get_element (labels, k);
      const char *label = chrono_json_node_get_string (node);

      if (label == NULL)
        {
          g_autofree char *where = g_strdup_printf ("%s/labels/%u", pointer, k);

          _chrono_format_json_error (&load->json, CHRONO_ERROR_INVALID_VALUE, where,
                                     _("a label must be a string, not %s"),
                                     chrono_json_node_type_name (node));
          return FALSE;
        }
      add_name (&event->tags, label);
    }
  return TRUE;
}

ChronoTimeline *
chrono_stix_load_data (const char  *data,
                       gsize        length,
                       const char  *display_name,
                       GError     **error)
{
  g_auto(StixLoad) load = { { { data, length, display_name }, error } };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ChronoTimeline) timeline = NULL;
  g_autoptr(GPtrArray) chrono_events = NULL;
  gboolean used[G_N_ELEMENTS (event_types)] = { FALSE };
  JsonObject *bundle;
  JsonArray *objects;
  const char *type;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (display_name == NULL)
    load.json.input.display_name = display_name = "-";
  if (data == NULL)
    load.json.input.data = data = "";

  root = chrono_json_parse (data, length, display_name, error);
  if (root == NULL)
    return NULL;

  bundle = chrono_json_node_get_object (root);
  if (bundle == NULL)
    {
      _chrono_format_json_error (&load.json, CHRONO_ERROR_INVALID_VALUE, "",
                                 _("a STIX bundle is an object, not %s"),
                                 chrono_json_node_type_name (root));
      return NULL;
    }
  if (!_chrono_format_json_get_string (&load.json, bundle, "type", "", &type) || !get_array (&load, bundle, "objects", "", &objects))
    return NULL;
  if (g_strcmp0 (type, "bundle") != 0)
    {
      _chrono_format_json_error (&load.json, CHRONO_ERROR_UNSUPPORTED, type != NULL ? "/type" : "",
                                 _("not a STIX bundle: “type” must be “bundle”"));
      return NULL;
    }

  load.objects = g_array_new (FALSE, FALSE, sizeof (StixObject));
  load.by_id = g_hash_table_new (g_str_hash, g_str_equal);
  load.events = g_array_new (FALSE, FALSE, sizeof (StixEvent));
  g_array_set_clear_func (load.events, (GDestroyNotify) stix_event_clear);

  if (objects != NULL &&
      (!index_objects (&load, objects) || !collect_events (&load) ||
       !resolve_relationships (&load)))
    return NULL;

  timeline = chrono_timeline_new ();
  chrono_events = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < load.events->len; i++)
    {
      StixEvent *event = &g_array_index (load.events, StixEvent, i);
      StixObject *object = event->object;
      g_autoptr(ChronoEvent) chrono_event = NULL;
      g_autofree char *pointer = object_pointer (object);
      const char *description;

      if (strcmp (object->type, "report") == 0 && !resolve_report_refs (&load, event))
        return NULL;
      if (!add_labels (&load, event) ||
          !_chrono_format_json_get_string (&load.json, object->object, "description", pointer, &description))
        return NULL;

      chrono_event = chrono_event_new (object->id,
                                       object->name != NULL ? object->name : object->id,
                                       &event->start);
      if (event->has_end)
        chrono_event_set_end (chrono_event, &event->end);
      if (description != NULL && description[0] != '\0')
        chrono_event_set_description (chrono_event, description);
      chrono_event_set_category (chrono_event, object->type);

      for (guint t = 0; t < G_N_ELEMENTS (event_types); t++)
        used[t] |= strcmp (object->type, event_types[t].type) == 0;

      set_names (chrono_event, &event->actors, chrono_event_set_actors);
      set_names (chrono_event, &event->targets, chrono_event_set_targets);
      set_names (chrono_event, &event->tags, chrono_event_set_tags);
      if (!add_sources (&load, event, chrono_event))
        return NULL;

      g_ptr_array_add (chrono_events, g_steal_pointer (&chrono_event));
    }

  for (guint t = 0; t < G_N_ELEMENTS (event_types); t++)
    {
      g_autoptr(ChronoCategory) category = NULL;
      g_autofree char *color = NULL;

      if (!used[t])
        continue;
      color = _chrono_format_category_color (event_types[t].color);
      category = chrono_category_new (event_types[t].type, _(event_types[t].name), color);
      chrono_timeline_add_category (timeline, category);
    }

  chrono_timeline_add_events (timeline, (ChronoEvent **) chrono_events->pdata,
                              chrono_events->len);
  chrono_timeline_set_modified (timeline, FALSE);
  return g_steal_pointer (&timeline);
}
