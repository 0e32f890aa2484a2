/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-event-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "chrono-event-popover.h"

#define MAX_CONTENT_HEIGHT 480  /* px; longer details scroll */

struct _ChronoEventPopover
{
  GtkPopover parent_instance;

  ChronoTimeline *timeline;
  ChronoEvent *event;

  GtkScrolledWindow *scroller;
  GtkLabel *title_label;
  GtkLabel *date_label;
  GtkLabel *description_label;
  GtkWidget *category_caption;
  GtkWidget *category_box;
  GtkDrawingArea *category_swatch;
  GtkLabel *category_label;
  GtkWidget *status_caption;
  GtkLabel *status_label;
  GtkWidget *actors_caption;
  GtkLabel *actors_label;
  GtkWidget *targets_caption;
  GtkLabel *targets_label;
  GtkWidget *places_caption;
  GtkLabel *places_label;
  GtkWidget *tags_caption;
  GtkLabel *tags_label;
  GtkWidget *sources_caption;
  GtkLabel *sources_label;

  double swatch_rgb[3];
  gboolean swatch_known;
};

G_DEFINE_FINAL_TYPE (ChronoEventPopover, chrono_event_popover, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_TIMELINE,
  PROP_EVENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Labels take file text as-is (use-markup is off), but it may still carry
 * invalid UTF-8 or control characters: make it valid and printable. */
static char *
sanitize_text (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Keep line breaks and tabs in plain text; other controls (C0, DEL,
       * C1) become spaces. */
      if (c == '\n' || c == '\t')
        g_string_append_unichar (out, c);
      else if (c < 0x20 || (c >= 0x7f && c < 0xa0))
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static void
set_row (GtkWidget  *caption,
         GtkLabel   *label,
         const char *text)
{
  gboolean visible = text != NULL && *text != '\0';

  if (visible)
    {
      g_autofree char *clean = sanitize_text (text);
      gtk_label_set_text (label, clean);
    }
  else
    gtk_label_set_text (label, "");

  gtk_widget_set_visible (GTK_WIDGET (label), visible);
  if (caption != NULL)
    gtk_widget_set_visible (caption, visible);
}

static void
set_list_row (GtkWidget         *caption,
              GtkLabel          *label,
              const char *const *values)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (*values[i] == '\0')
        continue;
      if (joined->len > 0)
        /* Translators: separates list items such as actors or tags */
        g_string_append (joined, _(", "));
      g_string_append (joined, values[i]);
    }

  set_row (caption, label, joined->str);
}

static const char *
status_display_name (const char *status)
{
  static const struct {
    const char *id;
    const char *name;
  } known[] = {
    { "confirmed", N_("Confirmed") },
    { "alleged", N_("Alleged") },
    { "disputed", N_("Disputed") },
    { "reported", N_("Reported") },
    { "denied", N_("Denied") },
    { "unconfirmed", N_("Unconfirmed") },
  };

  if (status == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_ascii_strcasecmp (status, known[i].id) == 0)
      return _(known[i].name);

  return status;
}

static void
append_source_markup (GString      *markup,
                      ChronoSource *source)
{
  const char *title = chrono_source_get_title (source);
  const char *url = chrono_source_get_url (source);
  const char *publisher = chrono_source_get_publisher (source);
  const char *date = chrono_source_get_date (source);
  g_autofree char *title_markup = NULL;
  gboolean has_title = title != NULL && *title != '\0';
  gboolean has_url = url != NULL && *url != '\0';

  if (!has_title && !has_url)
    return;

  if (markup->len > 0)
    g_string_append_c (markup, '\n');

  title_markup = chrono_markup_escape_untrusted (has_title ? title : url);

  if (has_url && chrono_uri_is_web (url))
    {
      g_autofree char *href = chrono_markup_escape_untrusted (url);

      g_string_append_printf (markup, "<a href=\"%s\">%s</a>", href, title_markup);
    }
  else
    {
      g_string_append (markup, title_markup);
      /* Not a web link: show the address as plain text, never as a link. */
      if (has_url && has_title)
        {
          g_autofree char *url_markup = chrono_markup_escape_untrusted (url);

          g_string_append_printf (markup, " (%s)", url_markup);
        }
    }

  if ((publisher != NULL && *publisher != '\0') || (date != NULL && *date != '\0'))
    {
      g_autofree char *pub = chrono_markup_escape_untrusted (publisher != NULL ? publisher : "");
      g_autofree char *dat = chrono_markup_escape_untrusted (date != NULL ? date : "");

      g_string_append (markup, "\n<small>");
      g_string_append (markup, pub);
      if (*pub != '\0' && *dat != '\0')
        /* Translators: between a source's publisher and its date */
        g_string_append (markup, _(", "));
      g_string_append (markup, dat);
      g_string_append (markup, "</small>");
    }
}

static void
update_sources (ChronoEventPopover *self)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  GListModel *sources = self->event != NULL ? chrono_event_get_sources (self->event) : NULL;
  guint n = sources != NULL ? g_list_model_get_n_items (sources) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronoSource) source = g_list_model_get_item (sources, i);

      append_source_markup (markup, source);
    }

  gtk_label_set_markup (self->sources_label, markup->str);
  gtk_widget_set_visible (GTK_WIDGET (self->sources_label), markup->len > 0);
  gtk_widget_set_visible (self->sources_caption, markup->len > 0);
}

static void
update_category (ChronoEventPopover *self)
{
  const char *id = self->event != NULL ? chrono_event_get_category (self->event) : NULL;
  ChronoCategory *category = NULL;
  const char *name = id;

  self->swatch_known = FALSE;
  if (id != NULL && *id != '\0' && self->timeline != NULL)
    category = chrono_timeline_lookup_category (self->timeline, id);

  if (category != NULL)
    {
      const char *category_name = chrono_category_get_name (category);

      if (category_name != NULL && *category_name != '\0')
        name = category_name;
      self->swatch_known = chrono_category_get_rgb (category,
                                                    &self->swatch_rgb[0],
                                                    &self->swatch_rgb[1],
                                                    &self->swatch_rgb[2]);
    }

  set_row (self->category_caption, self->category_label, name);
  gtk_widget_set_visible (self->category_box,
                          gtk_widget_get_visible (GTK_WIDGET (self->category_label)));
  gtk_widget_set_visible (GTK_WIDGET (self->category_swatch), self->swatch_known);
  gtk_widget_queue_draw (GTK_WIDGET (self->category_swatch));
}

/* GtkScrolledWindow 4.8 asks its child for a height at width -1, which
 * wrapping labels answer for their narrowest width: measure at the real
 * width instead and size the scroller to it, scrolling only long texts. */
static void
update_height (ChronoEventPopover *self)
{
  GtkWidget *content = gtk_scrolled_window_get_child (self->scroller);
  int width = 0, height = 0;

  if (content == NULL)
    return;

  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  gtk_widget_measure (content, GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);
  height = MIN (height, MAX_CONTENT_HEIGHT);
  if (gtk_scrolled_window_get_min_content_height (self->scroller) == height
      && gtk_scrolled_window_get_max_content_height (self->scroller) == height)
    return;

  gtk_scrolled_window_set_max_content_height (self->scroller, -1);
  gtk_scrolled_window_set_min_content_height (self->scroller, height);
  gtk_scrolled_window_set_max_content_height (self->scroller, height);
}

static void
update (ChronoEventPopover *self)
{
  g_autofree char *date = NULL;

  if (self->event == NULL)
    {
      set_row (NULL, self->title_label, NULL);
      set_row (NULL, self->date_label, NULL);
      set_row (NULL, self->description_label, NULL);
      set_row (self->status_caption, self->status_label, NULL);
      set_list_row (self->actors_caption, self->actors_label, NULL);
      set_list_row (self->targets_caption, self->targets_label, NULL);
      set_list_row (self->places_caption, self->places_label, NULL);
      set_list_row (self->tags_caption, self->tags_label, NULL);
      update_category (self);
      update_sources (self);
      update_height (self);
      return;
    }

  date = chrono_event_format_date (self->event);
  set_row (NULL, self->title_label, chrono_event_get_title (self->event));
  set_row (NULL, self->date_label, date);
  set_row (NULL, self->description_label, chrono_event_get_description (self->event));
  set_row (self->status_caption, self->status_label,
           status_display_name (chrono_event_get_status (self->event)));
  set_list_row (self->actors_caption, self->actors_label, chrono_event_get_actors (self->event));
  set_list_row (self->targets_caption, self->targets_label, chrono_event_get_targets (self->event));
  set_list_row (self->places_caption, self->places_label, chrono_event_get_places (self->event));
  set_list_row (self->tags_caption, self->tags_label, chrono_event_get_tags (self->event));
  update_category (self);
  update_sources (self);
  update_height (self);

  /* Title first when the popover scrolls. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  ChronoEventPopover *self = user_data;
  double size = MIN (width, height);
  double r = size / 4.0;
  double x = (width - size) / 2.0, y = (height - size) / 2.0;

  if (!self->swatch_known)
    return;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + size - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + size - r, y + size - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + size - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, self->swatch_rgb[0], self->swatch_rgb[1], self->swatch_rgb[2]);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0, 0, 0, 0.25);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static gboolean
on_sources_label_activate_link_cb (ChronoEventPopover *self,
                                   const char         *uri,
                                   GtkLabel           *label)
{
  GtkRoot *root;

  /* Always handled here, so GTK never opens a link on its own. */
  if (!chrono_uri_is_web (uri))
    {
      g_debug ("Refusing to open a non-web link");
      return TRUE;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
  return TRUE;
}

static void
on_event_notify_cb (ChronoEventPopover *self,
                    GParamSpec         *pspec,
                    ChronoEvent        *event)
{
  update (self);
}

static void
on_timeline_changed_cb (ChronoEventPopover *self,
                        ChronoTimeline     *timeline)
{
  update_category (self);
}

static void
chrono_event_popover_map (GtkWidget *widget)
{
  ChronoEventPopover *self = CHRONO_EVENT_POPOVER (widget);

  /* Styles (fonts) are final now that the popover is in a window. */
  update_height (self);

  GTK_WIDGET_CLASS (chrono_event_popover_parent_class)->map (widget);

  /* Focus on the title, so screen readers start there, but without the
   * select-all that a focused selectable label gets. */
  gtk_widget_grab_focus (GTK_WIDGET (self->title_label));
  gtk_label_select_region (self->title_label, 0, 0);
}

static void
chrono_event_popover_dispose (GObject *object)
{
  ChronoEventPopover *self = CHRONO_EVENT_POPOVER (object);

  if (self->event != NULL)
    g_signal_handlers_disconnect_by_data (self->event, self);
  g_clear_object (&self->event);
  if (self->timeline != NULL)
    g_signal_handlers_disconnect_by_data (self->timeline, self);
  g_clear_object (&self->timeline);

  gtk_widget_dispose_template (GTK_WIDGET (self), CHRONO_TYPE_EVENT_POPOVER);

  G_OBJECT_CLASS (chrono_event_popover_parent_class)->dispose (object);
}

static void
chrono_event_popover_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  ChronoEventPopover *self = CHRONO_EVENT_POPOVER (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      g_value_set_object (value, self->timeline);
      break;
    case PROP_EVENT:
      g_value_set_object (value, self->event);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_event_popover_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  ChronoEventPopover *self = CHRONO_EVENT_POPOVER (object);

  switch (prop_id)
    {
    case PROP_TIMELINE:
      chrono_event_popover_set_timeline (self, g_value_get_object (value));
      break;
    case PROP_EVENT:
      chrono_event_popover_set_event (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_event_popover_class_init (ChronoEventPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chrono_event_popover_dispose;
  object_class->get_property = chrono_event_popover_get_property;
  object_class->set_property = chrono_event_popover_set_property;

  widget_class->map = chrono_event_popover_map;

  properties[PROP_TIMELINE] =
    g_param_spec_object ("timeline", NULL, NULL,
                         CHRONO_TYPE_TIMELINE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EVENT] =
    g_param_spec_object ("event", NULL, NULL,
                         CHRONO_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/chrono-event-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, ChronoEventPopover, scroller);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventPopover, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventPopover, date_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventPopover, description_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventPopover, category_caption);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventPopover, category_box);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventPopover, category_swatch);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventPopover, category_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventPopover, status_caption);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventPopover, status_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventPopover, actors_caption);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventPopover, actors_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventPopover, targets_caption);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventPopover, targets_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventPopover, places_caption);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventPopover, places_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventPopover, tags_caption);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventPopover, tags_label);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventPopover, sources_caption);
  gtk_widget_class_bind_template_child (widget_class, ChronoEventPopover, sources_label);
  gtk_widget_class_bind_template_callback (widget_class, on_sources_label_activate_link_cb);
}

static void
chrono_event_popover_init (ChronoEventPopover *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->category_swatch, draw_swatch, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Event details"),
                                  -1);
  update (self);
}

GtkWidget *
chrono_event_popover_new (void)
{
  return g_object_new (CHRONO_TYPE_EVENT_POPOVER, NULL);
}

ChronoTimeline *
chrono_event_popover_get_timeline (ChronoEventPopover *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_POPOVER (self), NULL);

  return self->timeline;
}

void
chrono_event_popover_set_timeline (ChronoEventPopover *self,
                                   ChronoTimeline     *timeline)
{
  g_return_if_fail (CHRONO_IS_EVENT_POPOVER (self));
  g_return_if_fail (timeline == NULL || CHRONO_IS_TIMELINE (timeline));

  if (self->timeline == timeline)
    return;

  if (self->timeline != NULL)
    g_signal_handlers_disconnect_by_data (self->timeline, self);
  g_set_object (&self->timeline, timeline);
  if (timeline != NULL)
    g_signal_connect_object (timeline, "changed",
                             G_CALLBACK (on_timeline_changed_cb), self,
                             G_CONNECT_SWAPPED);

  update_category (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMELINE]);
}

ChronoEvent *
chrono_event_popover_get_event (ChronoEventPopover *self)
{
  g_return_val_if_fail (CHRONO_IS_EVENT_POPOVER (self), NULL);

  return self->event;
}

void
chrono_event_popover_set_event (ChronoEventPopover *self,
                                ChronoEvent        *event)
{
  g_return_if_fail (CHRONO_IS_EVENT_POPOVER (self));
  g_return_if_fail (event == NULL || CHRONO_IS_EVENT (event));

  if (self->event == event)
    return;

  if (self->event != NULL)
    g_signal_handlers_disconnect_by_data (self->event, self);
  g_set_object (&self->event, event);
  if (event != NULL)
    g_signal_connect_object (event, "notify",
                             G_CALLBACK (on_event_notify_cb), self,
                             G_CONNECT_SWAPPED);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT]);
}

char *
chrono_markup_escape_untrusted (const char *text)
{
  g_autofree char *clean = NULL;

  /* g_markup_escape_text passes invalid UTF-8 through and writes controls
   * as character references that Pango rejects: clean up first. */
  clean = sanitize_text (text);
  for (char *p = clean; *p != '\0'; p++)
    if (*p == '\n' || *p == '\t')
      *p = ' ';

  return g_markup_escape_text (clean, -1);
}

gboolean
chrono_uri_is_web (const char *uri)
{
  const char *scheme;

  if (uri == NULL)
    return FALSE;

  scheme = g_uri_peek_scheme (uri);
  return g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0;
}
