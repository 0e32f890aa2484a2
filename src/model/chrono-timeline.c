/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-timeline"

#include "config.h"

#include "chrono-timeline-internal.h"

/* The ChronoTimeline GObject and the document around its events: the type,
 * its properties and "changed" signal, the GListModel interface, the
 * metadata (title, description, file, modified, extra), the categories and
 * the eras. Events are put in and taken out in chrono-timeline-events.c,
 * stored in chrono-timeline-store.c and matched in chrono-timeline-query.c. */

static void chrono_timeline_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ChronoTimeline, chrono_timeline, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      chrono_timeline_list_model_init))

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_FILE,
  PROP_MODIFIED,
  PROP_N_ITEMS,
  PROP_EXTRA,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
/* Timelines are made on the main thread. */
static guint64 next_serial = 1;

/* Changes */

void
_chrono_timeline_mark_modified (ChronoTimeline *self)
{
  chrono_timeline_set_modified (self, TRUE);
}

static void
emit_changed (ChronoTimeline *self)
{
  self->extent_valid = FALSE;
  _chrono_timeline_mark_modified (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
_chrono_timeline_notify_n_items (ChronoTimeline *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Callbacks */

static void
on_metadata_notify_cb (ChronoTimeline *self,
                       GParamSpec     *pspec,
                       GObject        *object)
{
  emit_changed (self);
}

/* GListModel */

static GType
chrono_timeline_get_item_type (GListModel *model)
{
  return CHRONO_TYPE_EVENT;
}

static guint
chrono_timeline_get_n_items (GListModel *model)
{
  ChronoTimeline *self = CHRONO_TIMELINE (model);

  return self->spans->len;
}

static gpointer
chrono_timeline_get_item (GListModel *model,
                          guint       position)
{
  ChronoTimeline *self = CHRONO_TIMELINE (model);

  if (position >= self->spans->len)
    return NULL;

  return _chrono_timeline_get_event (self, position);
}

static void
chrono_timeline_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = chrono_timeline_get_item_type;
  iface->get_n_items = chrono_timeline_get_n_items;
  iface->get_item = chrono_timeline_get_item;
}

/* GObject */

static void
chrono_timeline_dispose (GObject *object)
{
  ChronoTimeline *self = (ChronoTimeline *)object;

  if (self->cache != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      /* Events outlive the document as plain unbound copies. */
      g_hash_table_iter_init (&iter, self->cache);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        _chrono_event_unbind (value);
      g_hash_table_remove_all (self->cache);
    }

  g_clear_object (&self->file);

  G_OBJECT_CLASS (chrono_timeline_parent_class)->dispose (object);
}

static void
chrono_timeline_finalize (GObject *object)
{
  ChronoTimeline *self = (ChronoTimeline *)object;

  for (guint i = 0; i < self->n_records; i++)
    _chrono_timeline_record_clear (&self->records[i]);
  g_free (self->records);
  g_free (self->index_slots);
  g_clear_pointer (&self->spans, g_array_unref);
  g_clear_pointer (&self->pending, g_array_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);

  g_clear_object (&self->categories);
  g_clear_pointer (&self->category_index, g_hash_table_unref);
  g_clear_object (&self->eras);

  g_clear_pointer (&self->group_index, g_hash_table_unref);
  g_clear_pointer (&self->group_names, g_ptr_array_unref);
  g_clear_pointer (&self->pool, _chrono_string_pool_free);

  g_free (self->title);
  g_free (self->description);
  g_free (self->extra);

  G_OBJECT_CLASS (chrono_timeline_parent_class)->finalize (object);
}

static void
chrono_timeline_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ChronoTimeline *self = CHRONO_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->spans->len);
      break;

    case PROP_EXTRA:
      g_value_set_string (value, self->extra);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_timeline_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ChronoTimeline *self = CHRONO_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      chrono_timeline_set_title (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      chrono_timeline_set_description (self, g_value_get_string (value));
      break;

    case PROP_FILE:
      chrono_timeline_set_file (self, g_value_get_object (value));
      break;

    case PROP_MODIFIED:
      chrono_timeline_set_modified (self, g_value_get_boolean (value));
      break;

    case PROP_EXTRA:
      chrono_timeline_set_extra (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_timeline_class_init (ChronoTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = chrono_timeline_dispose;
  object_class->finalize = chrono_timeline_finalize;
  object_class->get_property = chrono_timeline_get_property;
  object_class->set_property = chrono_timeline_set_property;

  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_FILE] = g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE, flags);
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE, flags);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_EXTRA] = g_param_spec_string ("extra", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ChronoTimeline::changed:
   *
   * Metadata, a category or an era changed: views redraw. Event changes are
   * reported by GListModel::items-changed instead.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
chrono_timeline_init (ChronoTimeline *self)
{
  self->categories = g_list_store_new (CHRONO_TYPE_CATEGORY);
  self->category_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->eras = g_list_store_new (CHRONO_TYPE_ERA);
  self->spans = g_array_new (FALSE, FALSE, sizeof (ChronoSpan));
  self->cache = g_hash_table_new (NULL, NULL);
  self->pool = _chrono_string_pool_new ();
  self->group_names = g_ptr_array_new ();
  self->group_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->serial = next_serial++;
}

/* Public API */

ChronoTimeline *
chrono_timeline_new (void)
{
  return g_object_new (CHRONO_TYPE_TIMELINE, NULL);
}

const char *
chrono_timeline_get_title (ChronoTimeline *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);

  return self->title;
}

void
chrono_timeline_set_title (ChronoTimeline *self,
                           const char     *title)
{
  g_return_if_fail (CHRONO_IS_TIMELINE (self));

  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  emit_changed (self);
}

const char *
chrono_timeline_get_description (ChronoTimeline *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);

  return self->description;
}

void
chrono_timeline_set_description (ChronoTimeline *self,
                                 const char     *description)
{
  g_return_if_fail (CHRONO_IS_TIMELINE (self));

  if (g_strcmp0 (self->description, description) == 0)
    return;

  g_free (self->description);
  self->description = g_strdup (description);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
  emit_changed (self);
}

/* (transfer none) (nullable) */
GFile *
chrono_timeline_get_file (ChronoTimeline *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);

  return self->file;
}

/* Where the document lives; not a change to the document itself. */
void
chrono_timeline_set_file (ChronoTimeline *self,
                          GFile          *file)
{
  g_return_if_fail (CHRONO_IS_TIMELINE (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  if (self->file == file || (self->file != NULL && file != NULL && g_file_equal (self->file, file)))
    return;

  g_set_object (&self->file, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

gboolean
chrono_timeline_get_modified (ChronoTimeline *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), FALSE);

  return self->modified;
}

void
chrono_timeline_set_modified (ChronoTimeline *self,
                              gboolean        modified)
{
  g_return_if_fail (CHRONO_IS_TIMELINE (self));

  modified = !!modified;
  if (self->modified == (guint)modified)
    return;

  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

const char *
chrono_timeline_get_extra (ChronoTimeline *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);

  return self->extra;
}

void
chrono_timeline_set_extra (ChronoTimeline *self,
                           const char     *extra_json)
{
  g_return_if_fail (CHRONO_IS_TIMELINE (self));

  if (g_strcmp0 (self->extra, extra_json) == 0)
    return;

  g_free (self->extra);
  self->extra = g_strdup (extra_json);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTRA]);
  emit_changed (self);
}

GListModel *
chrono_timeline_get_categories (ChronoTimeline *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);

  return G_LIST_MODEL (self->categories);
}

void
chrono_timeline_add_category (ChronoTimeline *self,
                              ChronoCategory *category)
{
  const char *id;
  guint position;

  g_return_if_fail (CHRONO_IS_TIMELINE (self));
  g_return_if_fail (CHRONO_IS_CATEGORY (category));

  position = g_list_model_get_n_items (G_LIST_MODEL (self->categories));
  g_list_store_append (self->categories, category);
  g_signal_connect_object (category, "notify", G_CALLBACK (on_metadata_notify_cb), self,
                           G_CONNECT_SWAPPED);

  /* The first category of an id wins, as in lookup_category(). */
  id = _chrono_timeline_intern (self, chrono_category_get_id (category));
  if (id != NULL && !g_hash_table_contains (self->category_index, id))
    {
      ChronoSpan *spans = (ChronoSpan *)(gpointer)self->spans->data;

      g_hash_table_insert (self->category_index, (gpointer)id, GUINT_TO_POINTER (position + 1));

      if (position < CHRONO_NO_INDEX)
        {
          for (guint i = 0; i < self->spans->len; i++)
            if (self->records[spans[i].uid].category == id)
              spans[i].category = position;
        }
    }

  emit_changed (self);
}

/* (transfer none) (nullable): the first category with @id. */
ChronoCategory *
chrono_timeline_lookup_category (ChronoTimeline *self,
                                 const char     *id)
{
  ChronoCategory *category;
  gpointer value;

  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);

  if (id == NULL)
    return NULL;

  value = g_hash_table_lookup (self->category_index, id);
  if (value == NULL)
    return NULL;

  /* The store keeps its own reference, so a borrowed pointer stays valid. */
  category = g_list_model_get_item (G_LIST_MODEL (self->categories), GPOINTER_TO_UINT (value) - 1);
  g_object_unref (category);

  return category;
}

GListModel *
chrono_timeline_get_eras (ChronoTimeline *self)
{
  g_return_val_if_fail (CHRONO_IS_TIMELINE (self), NULL);

  return G_LIST_MODEL (self->eras);
}

void
chrono_timeline_add_era (ChronoTimeline *self,
                         ChronoEra      *era)
{
  g_return_if_fail (CHRONO_IS_TIMELINE (self));
  g_return_if_fail (CHRONO_IS_ERA (era));

  g_list_store_append (self->eras, era);
  g_signal_connect_object (era, "notify", G_CALLBACK (on_metadata_notify_cb), self,
                           G_CONNECT_SWAPPED);
  emit_changed (self);
}
