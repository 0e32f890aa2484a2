/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-filter-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "chrono-filter-popover.h"

/* Most actors and tags offered: beyond that a list of check boxes stops
 * helping, and search does the job. */
#define MAX_FILTER_VALUES 60

struct _ChronoFilterPopover
{
  GtkPopover parent_instance;

  ChronoTimeline *timeline;
  ChronoEventFilter *filter;
  gboolean dirty;

  GtkBox *values_box;
  GtkButton *clear_button;
};

G_DEFINE_FINAL_TYPE (ChronoFilterPopover, chrono_filter_popover, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_TIMELINE,
  PROP_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  char *value;
  guint count;
} ValueCount;

static void
value_count_clear (gpointer data)
{
  ValueCount *vc = data;

  g_free (vc->value);
}

static int
compare_value_counts (gconstpointer a,
                      gconstpointer b)
{
  const ValueCount *va = a;
  const ValueCount *vb = b;

  if (va->count != vb->count)
    return va->count > vb->count ? -1 : 1;

  return g_utf8_collate (va->value, vb->value);
}

/* Lists are interned by the timeline: count each list once per event by
 * its address, then its values. */
static void
count_list (GHashTable        *lists,
            const char *const *list)
{
  if (list != NULL)
    g_hash_table_replace (lists, (gpointer) list,
                          GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (lists, list)) + 1));
}

static void
count_values (GHashTable *counts,
              GHashTable *lists)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, lists);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *const *list = key;

      for (guint i = 0; list[i] != NULL; i++)
        {
          gpointer old = g_hash_table_lookup (counts, list[i]);

          g_hash_table_replace (counts, g_strdup (list[i]),
                                GUINT_TO_POINTER (GPOINTER_TO_UINT (old) + GPOINTER_TO_UINT (value)));
        }
    }
}

/* The most frequent values first, at most MAX_FILTER_VALUES of them. */
static GArray *
sorted_values (GHashTable *counts)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (ValueCount));
  GHashTableIter iter;
  gpointer key, value;

  g_array_set_clear_func (array, value_count_clear);
  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      ValueCount vc = { g_strdup (key), GPOINTER_TO_UINT (value) };

      g_array_append_val (array, vc);
    }

  g_array_sort (array, compare_value_counts);
  if (array->len > MAX_FILTER_VALUES)
    g_array_set_size (array, MAX_FILTER_VALUES);

  return array;
}

static void
on_value_toggled_cb (ChronoFilterPopover *self,
                     GtkCheckButton      *button)
{
  const char *value = g_object_get_data (G_OBJECT (button), "chrono-filter-value");
  ChronoFilterField field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button),
                                                                 "chrono-filter-field"));

  if (self->filter != NULL)
    chrono_event_filter_set_value (self->filter, field, value,
                                   gtk_check_button_get_active (button));
}

static void
add_heading (ChronoFilterPopover *self,
             const char          *heading)
{
  GtkWidget *label = gtk_label_new (heading);
  gboolean first = gtk_widget_get_first_child (GTK_WIDGET (self->values_box)) == NULL;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, first ? 0 : 12);
  gtk_widget_set_margin_bottom (label, 4);
  gtk_box_append (self->values_box, label);
}

static void
add_value (ChronoFilterPopover *self,
           ChronoFilterField    field,
           const char          *value,
           const char          *label)
{
  GtkWidget *button = gtk_check_button_new_with_label (label);

  if (self->filter != NULL)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (button),
                                 chrono_event_filter_get_value (self->filter, field, value));
  g_object_set_data_full (G_OBJECT (button), "chrono-filter-value", g_strdup (value), g_free);
  g_object_set_data (G_OBJECT (button), "chrono-filter-field", GUINT_TO_POINTER (field));
  g_signal_connect_object (button, "toggled", G_CALLBACK (on_value_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (self->values_box, button);
}

static void
add_values (ChronoFilterPopover *self,
            ChronoFilterField    field,
            const char          *heading,
            GHashTable          *counts)
{
  g_autoptr(GArray) values = NULL;

  if (g_hash_table_size (counts) == 0)
    return;

  values = sorted_values (counts);
  add_heading (self, heading);
  for (guint i = 0; i < values->len; i++)
    {
      const ValueCount *vc = &g_array_index (values, ValueCount, i);

      add_value (self, field, vc->value, vc->value);
    }
}

static void
chrono_filter_popover_rebuild (ChronoFilterPopover *self)
{
  g_autoptr(GHashTable) actors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->values_box))) != NULL)
    gtk_box_remove (self->values_box, child);
  self->dirty = FALSE;

  if (self->timeline != NULL)
    {
      GListModel *categories = chrono_timeline_get_categories (self->timeline);
      g_autoptr(GHashTable) actor_lists = g_hash_table_new (NULL, NULL);
      g_autoptr(GHashTable) tag_lists = g_hash_table_new (NULL, NULL);
      guint n = chrono_timeline_get_n_events (self->timeline);

      /* No event objects: a million of them would take seconds. */
      for (guint i = 0; i < n; i++)
        {
          count_list (actor_lists, chrono_timeline_get_event_actors (self->timeline, i));
          count_list (tag_lists, chrono_timeline_get_event_tags (self->timeline, i));
        }
      count_values (actors, actor_lists);
      count_values (tags, tag_lists);

      n = g_list_model_get_n_items (categories);
      if (n > 0)
        add_heading (self, _("Categories"));
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(ChronoCategory) category = g_list_model_get_item (categories, i);
          const char *id = chrono_category_get_id (category);
          const char *name = chrono_category_get_name (category);

          if (id != NULL)
            add_value (self, CHRONO_FILTER_FIELD_CATEGORY, id,
                       name != NULL && name[0] != '\0' ? name : id);
        }

      add_values (self, CHRONO_FILTER_FIELD_ACTOR, _("Actors"), actors);
      add_values (self, CHRONO_FILTER_FIELD_TAG, _("Tags"), tags);
    }

  if (gtk_widget_get_first_child (GTK_WIDGET (self->values_box)) == NULL)
    {
      GtkWidget *label = gtk_label_new (_("Nothing to filter by"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->values_box, label);
    }
}

static void
on_timeline_changed_cb (ChronoFilterPopover *self)
{
  self->dirty = TRUE;
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    chrono_filter_popover_rebuild (self);
}

static void
on_filter_changed_cb (ChronoFilterPopover *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button),
                            self->filter != NULL
                            && chrono_event_filter_get_n_values (self->filter) > 0);
}

static void
on_clear_clicked_cb (ChronoFilterPopover *self)
{
  GtkWidget *child;

  if (self->filter != NULL)
    chrono_event_filter_clear_values (self->filter);

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->values_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_CHECK_BUTTON (child))
      gtk_check_button_set_active (GTK_CHECK_BUTTON (child), FALSE);
}

static void
chrono_filter_popover_show (GtkWidget *widget)
{
  ChronoFilterPopover *self = CHRONO_FILTER_POPOVER (widget);

  if (self->dirty)
    chrono_filter_popover_rebuild (self);

  GTK_WIDGET_CLASS (chrono_filter_popover_parent_class)->show (widget);
}

static void
chrono_filter_popover_dispose (GObject *object)
{
  ChronoFilterPopover *self = CHRONO_FILTER_POPOVER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONO_TYPE_FILTER_POPOVER);
  g_clear_object (&self->timeline);
  g_clear_object (&self->filter);

  G_OBJECT_CLASS (chrono_filter_popover_parent_class)->dispose (object);
}

static void
chrono_filter_popover_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ChronoFilterPopover *self = CHRONO_FILTER_POPOVER (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;

    case PROP_FILTER:
      g_value_set_object (value, self->filter);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_filter_popover_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ChronoFilterPopover *self = CHRONO_FILTER_POPOVER (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      chrono_filter_popover_set_timeline (self, g_value_get_object (value));
      break;

    case PROP_FILTER:
      chrono_filter_popover_set_filter (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_filter_popover_class_init (ChronoFilterPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chrono_filter_popover_dispose;
  object_class->get_property = chrono_filter_popover_get_property;
  object_class->set_property = chrono_filter_popover_set_property;

  widget_class->show = chrono_filter_popover_show;

  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL, CHRONO_TYPE_TIMELINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL, CHRONO_TYPE_EVENT_FILTER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/chrono-filter-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronoFilterPopover, values_box);
  gtk_widget_class_bind_template_child (widget_class, ChronoFilterPopover, clear_button);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_clicked_cb);
}

static void
chrono_filter_popover_init (ChronoFilterPopover *self)
{
  self->dirty = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
chrono_filter_popover_new (void)
{
  return g_object_new (CHRONO_TYPE_FILTER_POPOVER, NULL);
}

ChronoTimeline *
chrono_filter_popover_get_timeline (ChronoFilterPopover *self)
{
  g_return_val_if_fail (CHRONO_IS_FILTER_POPOVER (self), NULL);

  return self->timeline;
}

void
chrono_filter_popover_set_timeline (ChronoFilterPopover *self,
                                    ChronoTimeline      *timeline)
{
  g_return_if_fail (CHRONO_IS_FILTER_POPOVER (self));
  g_return_if_fail (timeline == NULL || CHRONO_IS_TIMELINE (timeline));

  if (self->timeline == timeline)
    return;

  if (self->timeline != NULL)
    g_signal_handlers_disconnect_by_data (self->timeline, self);
  g_set_object (&self->timeline, timeline);
  if (timeline != NULL)
    {
      g_signal_connect_object (timeline, "items-changed", G_CALLBACK (on_timeline_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (timeline, "changed", G_CALLBACK (on_timeline_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  on_timeline_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);
}

ChronoEventFilter *
chrono_filter_popover_get_filter (ChronoFilterPopover *self)
{
  g_return_val_if_fail (CHRONO_IS_FILTER_POPOVER (self), NULL);

  return self->filter;
}

void
chrono_filter_popover_set_filter (ChronoFilterPopover *self,
                                  ChronoEventFilter   *filter)
{
  g_return_if_fail (CHRONO_IS_FILTER_POPOVER (self));
  g_return_if_fail (filter == NULL || CHRONO_IS_EVENT_FILTER (filter));

  if (self->filter == filter)
    return;

  if (self->filter != NULL)
    g_signal_handlers_disconnect_by_data (self->filter, self);
  g_set_object (&self->filter, filter);
  if (filter != NULL)
    g_signal_connect_object (filter, "changed", G_CALLBACK (on_filter_changed_cb), self,
                             G_CONNECT_SWAPPED);

  on_filter_changed_cb (self);
  on_timeline_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}
