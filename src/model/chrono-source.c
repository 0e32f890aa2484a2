/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-source"

#include "config.h"

#include "chrono-source.h"

struct _ChronoSource
{
  GObject parent_instance;

  char *title;
  char *url;
  char *publisher;
  char *date;
  char *extra;
};

G_DEFINE_FINAL_TYPE (ChronoSource, chrono_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_URL,
  PROP_PUBLISHER,
  PROP_DATE,
  PROP_EXTRA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_field (ChronoSource  *self,
           char         **field,
           const char    *value,
           guint          prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
chrono_source_finalize (GObject *object)
{
  ChronoSource *self = (ChronoSource *)object;

  g_free (self->title);
  g_free (self->url);
  g_free (self->publisher);
  g_free (self->date);
  g_free (self->extra);

  G_OBJECT_CLASS (chrono_source_parent_class)->finalize (object);
}

static void
chrono_source_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ChronoSource *self = CHRONO_SOURCE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_PUBLISHER:
      g_value_set_string (value, self->publisher);
      break;

    case PROP_DATE:
      g_value_set_string (value, self->date);
      break;

    case PROP_EXTRA:
      g_value_set_string (value, self->extra);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_source_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ChronoSource *self = CHRONO_SOURCE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      chrono_source_set_title (self, g_value_get_string (value));
      break;

    case PROP_URL:
      chrono_source_set_url (self, g_value_get_string (value));
      break;

    case PROP_PUBLISHER:
      chrono_source_set_publisher (self, g_value_get_string (value));
      break;

    case PROP_DATE:
      chrono_source_set_date (self, g_value_get_string (value));
      break;

    case PROP_EXTRA:
      chrono_source_set_extra (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_source_class_init (ChronoSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chrono_source_finalize;
  object_class->get_property = chrono_source_get_property;
  object_class->set_property = chrono_source_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PUBLISHER] =
    g_param_spec_string ("publisher", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DATE] =
    g_param_spec_string ("date", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_EXTRA] =
    g_param_spec_string ("extra", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chrono_source_init (ChronoSource *self)
{
}

ChronoSource *
chrono_source_new (const char *title,
                   const char *url,
                   const char *publisher,
                   const char *date)
{
  return g_object_new (CHRONO_TYPE_SOURCE,
                       "title", title,
                       "url", url,
                       "publisher", publisher,
                       "date", date,
                       NULL);
}

const char *
chrono_source_get_title (ChronoSource *self)
{
  g_return_val_if_fail (CHRONO_IS_SOURCE (self), NULL);

  return self->title;
}

void
chrono_source_set_title (ChronoSource *self,
                         const char   *title)
{
  g_return_if_fail (CHRONO_IS_SOURCE (self));

  set_field (self, &self->title, title, PROP_TITLE);
}

const char *
chrono_source_get_url (ChronoSource *self)
{
  g_return_val_if_fail (CHRONO_IS_SOURCE (self), NULL);

  return self->url;
}

void
chrono_source_set_url (ChronoSource *self,
                       const char   *url)
{
  g_return_if_fail (CHRONO_IS_SOURCE (self));

  set_field (self, &self->url, url, PROP_URL);
}

const char *
chrono_source_get_publisher (ChronoSource *self)
{
  g_return_val_if_fail (CHRONO_IS_SOURCE (self), NULL);

  return self->publisher;
}

void
chrono_source_set_publisher (ChronoSource *self,
                             const char   *publisher)
{
  g_return_if_fail (CHRONO_IS_SOURCE (self));

  set_field (self, &self->publisher, publisher, PROP_PUBLISHER);
}

const char *
chrono_source_get_date (ChronoSource *self)
{
  g_return_val_if_fail (CHRONO_IS_SOURCE (self), NULL);

  return self->date;
}

void
chrono_source_set_date (ChronoSource *self,
                        const char   *date)
{
  g_return_if_fail (CHRONO_IS_SOURCE (self));

  set_field (self, &self->date, date, PROP_DATE);
}

const char *
chrono_source_get_extra (ChronoSource *self)
{
  g_return_val_if_fail (CHRONO_IS_SOURCE (self), NULL);

  return self->extra;
}

void
chrono_source_set_extra (ChronoSource *self,
                         const char   *extra_json)
{
  g_return_if_fail (CHRONO_IS_SOURCE (self));

  set_field (self, &self->extra, extra_json, PROP_EXTRA);
}

gboolean
chrono_source_has_web_url (ChronoSource *self)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (CHRONO_IS_SOURCE (self), FALSE);

  if (self->url == NULL)
    return FALSE;

  /* g_uri_peek_scheme() lower-cases the scheme and rejects non-URIs. */
  scheme = g_uri_peek_scheme (self->url);

  if (scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    return FALSE;

  /* "http:foo" has the scheme but nowhere to go. */
  uri = g_uri_parse (self->url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0';
}
