/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-event-row"

#include "config.h"

#include <glib/gi18n.h>

#include "chrono-event-row.h"

struct _ChronoEventRow
{
  GtkWidget parent_instance;

  ChronoEvent *event;
  ChronoCategory *category;

  GtkDrawingArea *swatch;
  GtkLabel *title_label;
  GtkLabel *date_label;
};

G_DEFINE_FINAL_TYPE (ChronoEventRow, chrono_event_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_EVENT,
  PROP_CATEGORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  ChronoEventRow *self = user_data;
  double red = 0.6, green = 0.6, blue = 0.6;
  double radius = MIN (width, height) / 2.0;

  if (self->category != NULL)
    chrono_category_get_rgb (self->category, &red, &green, &blue);

  cairo_arc (cr, width / 2.0, height / 2.0, radius, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, red, green, blue);
  cairo_fill (cr);
}

/* The category's name, asked for when the pointer rests on the swatch:
 * setting a tooltip text asks the X server where the pointer is (GTK 4.8),
 * a round trip per row on every rebind of the list. */
static gboolean
on_swatch_query_tooltip_cb (ChronoEventRow *self,
                            int             x,
                            int             y,
                            gboolean        keyboard_mode,
                            GtkTooltip     *tooltip)
{
  const char *name = self->category != NULL ? chrono_category_get_name (self->category) : NULL;

  if (name == NULL || name[0] == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, name);
  return TRUE;
}

static void
chrono_event_row_update (ChronoEventRow *self)
{
  g_autofree char *date = NULL;
  g_autofree char *label = NULL;
  const char *title = NULL;
  const char *category_name = NULL;

  if (self->event != NULL)
    {
      title = chrono_event_get_title (self->event);
      date = chrono_event_format_date (self->event);
    }
  if (self->category != NULL)
    category_name = chrono_category_get_name (self->category);

  gtk_label_set_text (self->title_label, title != NULL ? title : "");
  gtk_label_set_text (self->date_label, date != NULL ? date : "");
  gtk_widget_queue_draw (GTK_WIDGET (self->swatch));

  /* GTK 4.8 does not name list items after their children: say it here. */
  if (category_name != NULL && category_name[0] != '\0')
    /* Translators: an event in the sidebar list: title, date, category */
    label = g_strdup_printf (_("%s, %s, %s"), title != NULL ? title : "",
                             date != NULL ? date : "", category_name);
  else
    /* Translators: an event in the sidebar list: title, date */
    label = g_strdup_printf (_("%s, %s"), title != NULL ? title : "", date != NULL ? date : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
chrono_event_row_dispose (GObject *object)
{
  ChronoEventRow *self = CHRONO_EVENT_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONO_TYPE_EVENT_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->event);
  g_clear_object (&self->category);

  G_OBJECT_CLASS (chrono_event_row_parent_class)->dispose (object);
}

static void
chrono_event_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ChronoEventRow *self = CHRONO_EVENT_ROW (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      g_value_set_object (value, self->event);
      break;

    case PROP_CATEGORY:
      g_value_set_object (value, self->category);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_event_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ChronoEventRow *self = CHRONO_EVENT_ROW (object);

  switch (prop_id)
    {
    case PROP_EVENT:
      chrono_event_row_set_event (self, g_value_get_object (value), self->category);
      break;

    case PROP_CATEGORY:
      chrono_event_row_set_event (self, self->event, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_event_row_class_init (ChronoEventRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chrono_event_row_dispose;
  object_class->get_property = chrono_event_row_get_property;
  object_class->set_property = chrono_event_row_set_property;

  properties[PROP_EVENT] =
    g_param_spec_object ("event", NULL, NULL, CHRONO_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATEGORY] =
    g_param_spec_object ("category", NULL, NULL, CHRONO_TYPE_CATEGORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/chrono-event-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronoEventRow, swatch);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventRow, date_label);
  gtk_widget_class_set_css_name (widget_class, "eventrow");
}

static void
chrono_event_row_init (ChronoEventRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->swatch, draw_swatch, self, NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->swatch), TRUE);
  g_signal_connect_object (self->swatch, "query-tooltip",
                           G_CALLBACK (on_swatch_query_tooltip_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
chrono_event_row_new (void)
{
  return g_object_new (CHRONO_TYPE_EVENT_ROW, NULL);
}

ChronoEvent *
chrono_event_row_get_event (ChronoEventRow *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_ROW (self), NULL);

  return self->event;
}

ChronoCategory *
chrono_event_row_get_category (ChronoEventRow *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_ROW (self), NULL);

  return self->category;
}

void
chrono_event_row_set_event (ChronoEventRow *self,
                            ChronoEvent    *event,
                            ChronoCategory *category)
{
  gboolean event_changed;
  gboolean category_changed;

  g_return_if_fail (CHRONO_IS_EVENT_ROW (self));
  g_return_if_fail (event == NULL || CHRONO_IS_EVENT (event));
  g_return_if_fail (category == NULL || CHRONO_IS_CATEGORY (category));

  event_changed = g_set_object (&self->event, event);
  category_changed = g_set_object (&self->category, category);
  if (!event_changed && !category_changed)
    return;

  chrono_event_row_update (self);

  if (event_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
  if (category_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY]);
}
