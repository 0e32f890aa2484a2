/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-event"

#include "config.h"

#include <string.h>

#include "chrono-event-private.h"
#include "chrono-timeline-private.h"

/* The ChronoEvent class: its fields and properties, the setters that notify
 * only on a real change and write a bound event through to its timeline,
 * the lists, sources and "extra", and the private API the timeline binds
 * events with. What its dates mean on the axis is in chrono-event-span.c. */

struct _ChronoEvent
{
  GObject parent_instance;

  char *id;
  char *title;
  char *description;
  char *category;
  char *group;
  char *status;
  char *display_date;
  char *extra;
  char **lists[CHRONO_EVENT_N_LISTS]; /* NULL when empty */
  GListStore *sources;                /* made on first use: loading makes many events */

  ChronoDate start;
  ChronoDate end;
  guint has_end : 1;
  guint importance : 8;

  /* Not a reference: the timeline unbinds its cached events when it goes. */
  ChronoTimeline *timeline;
  guint32 uid;
};

G_DEFINE_FINAL_TYPE (ChronoEvent, chrono_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_START,
  PROP_END,
  PROP_CATEGORY,
  PROP_GROUP,
  PROP_STATUS,
  PROP_IMPORTANCE,
  PROP_DISPLAY_DATE,
  PROP_ACTORS,
  PROP_TARGETS,
  PROP_PLACES,
  PROP_TAGS,
  PROP_SOURCES,
  PROP_EXTRA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const empty_strv[] = { NULL };

static const guint list_props[CHRONO_EVENT_N_LISTS] = {
  PROP_ACTORS, PROP_TARGETS, PROP_PLACES, PROP_TAGS,
};

#define DEFAULT_IMPORTANCE 50

static void
changed (ChronoEvent *self,
         guint        prop)
{
  /* Store first, so that notify handlers already see the new order. */
  if (self->timeline != NULL)
    _chrono_timeline_sync_event (self->timeline, self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_string (ChronoEvent  *self,
            char        **field,
            const char   *value,
            guint         prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  changed (self, prop);
}

static gboolean
strv_same (const char *const *a,
           const char *const *b)
{
  if (a == NULL)
    a = empty_strv;
  if (b == NULL)
    b = empty_strv;

  for (; *a != NULL && *b != NULL; a++, b++)
    if (strcmp (*a, *b) != 0)
      return FALSE;

  return *a == NULL && *b == NULL;
}

static void
set_list (ChronoEvent       *self,
          guint              which,
          const char *const *value)
{
  if (strv_same ((const char *const *)self->lists[which], value))
    return;

  g_strfreev (self->lists[which]);
  self->lists[which] = (value != NULL && value[0] != NULL) ? g_strdupv ((char **)value) : NULL;
  changed (self, list_props[which]);
}

static void
on_sources_items_changed_cb (ChronoEvent *self,
                             guint        position,
                             guint        removed,
                             guint        added,
                             GListModel  *sources)
{
  if (self->timeline != NULL)
    _chrono_timeline_sync_event (self->timeline, self);
}

static GListStore *
ensure_sources (ChronoEvent *self)
{
  if (self->sources == NULL)
    {
      self->sources = g_list_store_new (CHRONO_TYPE_SOURCE);
      g_signal_connect_object (self->sources, "items-changed",
                               G_CALLBACK (on_sources_items_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  return self->sources;
}

static void
chrono_event_dispose (GObject *object)
{
  ChronoEvent *self = (ChronoEvent *)object;

  if (self->timeline != NULL)
    {
      _chrono_timeline_forget_event (self->timeline, self);
      self->timeline = NULL;
    }

  G_OBJECT_CLASS (chrono_event_parent_class)->dispose (object);
}

static void
chrono_event_finalize (GObject *object)
{
  ChronoEvent *self = (ChronoEvent *)object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->description);
  g_free (self->category);
  g_free (self->group);
  g_free (self->status);
  g_free (self->display_date);
  g_free (self->extra);
  for (guint i = 0; i < CHRONO_EVENT_N_LISTS; i++)
    g_strfreev (self->lists[i]);
  g_clear_object (&self->sources);

  G_OBJECT_CLASS (chrono_event_parent_class)->finalize (object);
}

static void
chrono_event_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ChronoEvent *self = CHRONO_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_START:
      g_value_set_boxed (value, &self->start);
      break;

    case PROP_END:
      g_value_set_boxed (value, chrono_event_get_end (self));
      break;

    case PROP_CATEGORY:
      g_value_set_string (value, self->category);
      break;

    case PROP_GROUP:
      g_value_set_string (value, self->group);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_IMPORTANCE:
      g_value_set_uint (value, self->importance);
      break;

    case PROP_DISPLAY_DATE:
      g_value_set_string (value, self->display_date);
      break;

    case PROP_ACTORS:
      g_value_set_boxed (value, chrono_event_get_actors (self));
      break;

    case PROP_TARGETS:
      g_value_set_boxed (value, chrono_event_get_targets (self));
      break;

    case PROP_PLACES:
      g_value_set_boxed (value, chrono_event_get_places (self));
      break;

    case PROP_TAGS:
      g_value_set_boxed (value, chrono_event_get_tags (self));
      break;

    case PROP_SOURCES:
      g_value_set_object (value, ensure_sources (self));
      break;

    case PROP_EXTRA:
      g_value_set_string (value, self->extra);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_event_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  ChronoEvent *self = CHRONO_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      chrono_event_set_id (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      chrono_event_set_title (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      chrono_event_set_description (self, g_value_get_string (value));
      break;

    case PROP_START:
      if (g_value_get_boxed (value) != NULL)
        chrono_event_set_start (self, g_value_get_boxed (value));
      break;

    case PROP_END:
      chrono_event_set_end (self, g_value_get_boxed (value));
      break;

    case PROP_CATEGORY:
      chrono_event_set_category (self, g_value_get_string (value));
      break;

    case PROP_GROUP:
      chrono_event_set_group (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      chrono_event_set_status (self, g_value_get_string (value));
      break;

    case PROP_IMPORTANCE:
      chrono_event_set_importance (self, g_value_get_uint (value));
      break;

    case PROP_DISPLAY_DATE:
      chrono_event_set_display_date (self, g_value_get_string (value));
      break;

    case PROP_ACTORS:
      chrono_event_set_actors (self, g_value_get_boxed (value));
      break;

    case PROP_TARGETS:
      chrono_event_set_targets (self, g_value_get_boxed (value));
      break;

    case PROP_PLACES:
      chrono_event_set_places (self, g_value_get_boxed (value));
      break;

    case PROP_TAGS:
      chrono_event_set_tags (self, g_value_get_boxed (value));
      break;

    case PROP_EXTRA:
      chrono_event_set_extra (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_event_class_init (ChronoEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = chrono_event_dispose;
  object_class->finalize = chrono_event_finalize;
  object_class->get_property = chrono_event_get_property;
  object_class->set_property = chrono_event_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_START] = g_param_spec_boxed ("start", NULL, NULL, CHRONO_TYPE_DATE, flags);
  properties[PROP_END] = g_param_spec_boxed ("end", NULL, NULL, CHRONO_TYPE_DATE, flags);
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, NULL, flags);
  properties[PROP_GROUP] = g_param_spec_string ("group", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_IMPORTANCE] =
    g_param_spec_uint ("importance", NULL, NULL, 0, 100, DEFAULT_IMPORTANCE, flags);
  properties[PROP_DISPLAY_DATE] = g_param_spec_string ("display-date", NULL, NULL, NULL, flags);
  properties[PROP_ACTORS] = g_param_spec_boxed ("actors", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_TARGETS] = g_param_spec_boxed ("targets", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_PLACES] = g_param_spec_boxed ("places", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_SOURCES] =
    g_param_spec_object ("sources", NULL, NULL, G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_EXTRA] = g_param_spec_string ("extra", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chrono_event_init (ChronoEvent *self)
{
  self->importance = DEFAULT_IMPORTANCE;
  self->start.kind = CHRONO_DATE_KIND_UNKNOWN;
}

/* Private API */

void
_chrono_event_bind (ChronoEvent    *self,
                    ChronoTimeline *timeline,
                    guint32         uid)
{
  g_assert (CHRONO_IS_EVENT (self));
  g_assert (self->timeline == NULL);

  self->timeline = timeline;
  self->uid = uid;
}

void
_chrono_event_unbind (ChronoEvent *self)
{
  g_assert (CHRONO_IS_EVENT (self));

  self->timeline = NULL;
  self->uid = 0;
}

ChronoTimeline *
_chrono_event_get_timeline (ChronoEvent *self)
{
  g_assert (CHRONO_IS_EVENT (self));

  return self->timeline;
}

guint32
_chrono_event_get_uid (ChronoEvent *self)
{
  g_assert (CHRONO_IS_EVENT (self));

  return self->uid;
}

const char *const *
_chrono_event_peek_strv (ChronoEvent *self,
                         guint        which)
{
  g_assert (CHRONO_IS_EVENT (self));
  g_assert (which < CHRONO_EVENT_N_LISTS);

  return (const char *const *)self->lists[which];
}

GListModel *
_chrono_event_peek_sources (ChronoEvent *self)
{
  g_assert (CHRONO_IS_EVENT (self));

  return (GListModel *)self->sources;
}

/* Public API */

/**
 * chrono_event_new:
 * @id: (nullable): the event's id
 * @title: (nullable): the title
 * @start: (nullable): the start date; an unknown date when %NULL
 */
ChronoEvent *
chrono_event_new (const char       *id,
                  const char       *title,
                  const ChronoDate *start)
{
  ChronoEvent *self = g_object_new (CHRONO_TYPE_EVENT, NULL);

  /* Direct writes: a new event has nobody to notify. */
  self->id = g_strdup (id);
  self->title = g_strdup (title);
  if (start != NULL)
    self->start = *start;

  return self;
}

/* A deep copy that is not bound to any timeline. */
ChronoEvent *
chrono_event_copy (ChronoEvent *self)
{
  ChronoEvent *copy;
  guint n;

  g_return_val_if_fail (CHRONO_IS_EVENT (self), NULL);

  copy = chrono_event_new (self->id, self->title, &self->start);
  copy->description = g_strdup (self->description);
  copy->category = g_strdup (self->category);
  copy->group = g_strdup (self->group);
  copy->status = g_strdup (self->status);
  copy->display_date = g_strdup (self->display_date);
  copy->extra = g_strdup (self->extra);
  copy->end = self->end;
  copy->has_end = self->has_end;
  copy->importance = self->importance;
  for (guint i = 0; i < CHRONO_EVENT_N_LISTS; i++)
    copy->lists[i] = g_strdupv (self->lists[i]);

  n = self->sources != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->sources)) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronoSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), i);
      g_autoptr(ChronoSource) source_copy =
        chrono_source_new (chrono_source_get_title (source),
                           chrono_source_get_url (source),
                           chrono_source_get_publisher (source),
                           chrono_source_get_date (source));

      g_list_store_append (ensure_sources (copy), source_copy);
    }

  return copy;
}

const char *
chrono_event_get_id (ChronoEvent *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), NULL);

  return self->id;
}

void
chrono_event_set_id (ChronoEvent *self,
                     const char  *id)
{
  g_return_if_fail (CHRONO_IS_EVENT (self));

  set_string (self, &self->id, id, PROP_ID);
}

const char *
chrono_event_get_title (ChronoEvent *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), NULL);

  return self->title;
}

void
chrono_event_set_title (ChronoEvent *self,
                        const char  *title)
{
  g_return_if_fail (CHRONO_IS_EVENT (self));

  set_string (self, &self->title, title, PROP_TITLE);
}

const char *
chrono_event_get_description (ChronoEvent *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), NULL);

  return self->description;
}

void
chrono_event_set_description (ChronoEvent *self,
                              const char  *description)
{
  g_return_if_fail (CHRONO_IS_EVENT (self));

  set_string (self, &self->description, description, PROP_DESCRIPTION);
}

/* Never NULL: an event made without a start has an unknown one. */
const ChronoDate *
chrono_event_get_start (ChronoEvent *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), NULL);

  return &self->start;
}

void
chrono_event_set_start (ChronoEvent      *self,
                        const ChronoDate *start)
{
  g_return_if_fail (CHRONO_IS_EVENT (self));
  g_return_if_fail (start != NULL);

  if (_chrono_date_identical (&self->start, start))
    return;

  self->start = *start;
  changed (self, PROP_START);
}

const ChronoDate *
chrono_event_get_end (ChronoEvent *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), NULL);

  return self->has_end ? &self->end : NULL;
}

/* %NULL makes the event a point event. */
void
chrono_event_set_end (ChronoEvent      *self,
                      const ChronoDate *end)
{
  g_return_if_fail (CHRONO_IS_EVENT (self));

  if (_chrono_date_identical (chrono_event_get_end (self), end))
    return;

  if (end != NULL)
    self->end = *end;
  else
    memset (&self->end, 0, sizeof self->end);
  self->has_end = end != NULL;
  changed (self, PROP_END);
}

const char *
chrono_event_get_category (ChronoEvent *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), NULL);

  return self->category;
}

void
chrono_event_set_category (ChronoEvent *self,
                           const char  *category)
{
  g_return_if_fail (CHRONO_IS_EVENT (self));

  set_string (self, &self->category, category, PROP_CATEGORY);
}

const char *
chrono_event_get_group (ChronoEvent *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), NULL);

  return self->group;
}

void
chrono_event_set_group (ChronoEvent *self,
                        const char  *group)
{
  g_return_if_fail (CHRONO_IS_EVENT (self));

  set_string (self, &self->group, group, PROP_GROUP);
}

const char *
chrono_event_get_status (ChronoEvent *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), NULL);

  return self->status;
}

void
chrono_event_set_status (ChronoEvent *self,
                         const char  *status)
{
  g_return_if_fail (CHRONO_IS_EVENT (self));

  set_string (self, &self->status, status, PROP_STATUS);
}

guint
chrono_event_get_importance (ChronoEvent *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), DEFAULT_IMPORTANCE);

  return self->importance;
}

/* Values above 100 are clamped to 100. */
void
chrono_event_set_importance (ChronoEvent *self,
                             guint        importance)
{
  g_return_if_fail (CHRONO_IS_EVENT (self));

  importance = MIN (importance, 100);
  if (self->importance == importance)
    return;

  self->importance = importance;
  changed (self, PROP_IMPORTANCE);
}

const char *
chrono_event_get_display_date (ChronoEvent *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), NULL);

  return self->display_date;
}

void
chrono_event_set_display_date (ChronoEvent *self,
                               const char  *display_date)
{
  g_return_if_fail (CHRONO_IS_EVENT (self));

  set_string (self, &self->display_date, display_date, PROP_DISPLAY_DATE);
}

/* The list getters never return NULL: no entries is an empty array. */
const char *const *
chrono_event_get_actors (ChronoEvent *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), empty_strv);

  return self->lists[CHRONO_EVENT_ACTORS] ? (const char *const *)self->lists[CHRONO_EVENT_ACTORS] : empty_strv;
}

void
chrono_event_set_actors (ChronoEvent       *self,
                         const char *const *actors)
{
  g_return_if_fail (CHRONO_IS_EVENT (self));

  set_list (self, CHRONO_EVENT_ACTORS, actors);
}

const char *const *
chrono_event_get_targets (ChronoEvent *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), empty_strv);

  return self->lists[CHRONO_EVENT_TARGETS] ? (const char *const *)self->lists[CHRONO_EVENT_TARGETS] : empty_strv;
}

void
chrono_event_set_targets (ChronoEvent       *self,
                          const char *const *targets)
{
  g_return_if_fail (CHRONO_IS_EVENT (self));

  set_list (self, CHRONO_EVENT_TARGETS, targets);
}

const char *const *
chrono_event_get_places (ChronoEvent *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), empty_strv);

  return self->lists[CHRONO_EVENT_PLACES] ? (const char *const *)self->lists[CHRONO_EVENT_PLACES] : empty_strv;
}

void
chrono_event_set_places (ChronoEvent       *self,
                         const char *const *places)
{
  g_return_if_fail (CHRONO_IS_EVENT (self));

  set_list (self, CHRONO_EVENT_PLACES, places);
}

const char *const *
chrono_event_get_tags (ChronoEvent *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), empty_strv);

  return self->lists[CHRONO_EVENT_TAGS] ? (const char *const *)self->lists[CHRONO_EVENT_TAGS] : empty_strv;
}

void
chrono_event_set_tags (ChronoEvent       *self,
                       const char *const *tags)
{
  g_return_if_fail (CHRONO_IS_EVENT (self));

  set_list (self, CHRONO_EVENT_TAGS, tags);
}

GListModel *
chrono_event_get_sources (ChronoEvent *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), NULL);

  return G_LIST_MODEL (ensure_sources (self));
}

/* Later changes to @source itself are not written through to a timeline:
 * to edit a source of a bound event, clear and add the sources again. */
void
chrono_event_add_source (ChronoEvent  *self,
                         ChronoSource *source)
{
  g_return_if_fail (CHRONO_IS_EVENT (self));
  g_return_if_fail (CHRONO_IS_SOURCE (source));

  g_list_store_append (ensure_sources (self), source);
}

void
chrono_event_clear_sources (ChronoEvent *self)
{
  g_return_if_fail (CHRONO_IS_EVENT (self));

  if (self->sources != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->sources)) > 0)
    g_list_store_remove_all (self->sources);
}

const char *
chrono_event_get_extra (ChronoEvent *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), NULL);

  return self->extra;
}

void
chrono_event_set_extra (ChronoEvent *self,
                        const char  *extra_json)
{
  g_return_if_fail (CHRONO_IS_EVENT (self));

  set_string (self, &self->extra, extra_json, PROP_EXTRA);
}

void
chrono_event_get_span (ChronoEvent *self,
                       ChronoTime  *lo,
                       ChronoTime  *hi)
{
  g_return_if_fail (CHRONO_IS_EVENT (self));

  _chrono_event_compute_span (&self->start, chrono_event_get_end (self), lo, hi, NULL);
}

/* TRUE when the end is a date or open (".."); an unknown end is not a range. */
gboolean
chrono_event_is_range (ChronoEvent *self)
{
  guint8 flags;

  g_return_val_if_fail (CHRONO_IS_EVENT (self), FALSE);

  _chrono_event_compute_span (&self->start, chrono_event_get_end (self), NULL, NULL, &flags);

  return (flags & CHRONO_SPAN_RANGE) != 0;
}

char *
chrono_event_format_date (ChronoEvent *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT (self), NULL);

  if (self->display_date != NULL && self->display_date[0] != '\0')
    return g_strdup (self->display_date);

  if (chrono_event_is_range (self))
    {
      ChronoInterval interval = { self->start, self->end };

      return chrono_interval_format (&interval);
    }

  return chrono_date_format (&self->start);
}
