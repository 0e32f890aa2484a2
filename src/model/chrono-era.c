/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-era"

#include "config.h"

#include <string.h>

#include "chrono-era.h"
#include "chrono-event-private.h"

struct _ChronoEra
{
  GObject parent_instance;

  char *id;
  char *title;
  char *color;
  char *description;
  char *extra;
  ChronoDate start;
  ChronoDate end;
  guint has_start : 1;
  guint has_end : 1;
};

G_DEFINE_FINAL_TYPE (ChronoEra, chrono_era, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_START,
  PROP_END,
  PROP_COLOR,
  PROP_DESCRIPTION,
  PROP_EXTRA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_string (ChronoEra  *self,
            char      **field,
            const char *value,
            guint       prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_date (ChronoEra        *self,
          ChronoDate       *field,
          guint            *has_field,
          const ChronoDate *value,
          guint             prop)
{
  if (_chrono_date_identical (*has_field ? field : NULL, value))
    return;

  if (value != NULL)
    *field = *value;
  else
    memset (field, 0, sizeof *field);
  *has_field = value != NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
chrono_era_finalize (GObject *object)
{
  ChronoEra *self = (ChronoEra *)object;

  g_free (self->id);
  g_free (self->title);
  g_free (self->color);
  g_free (self->description);
  g_free (self->extra);

  G_OBJECT_CLASS (chrono_era_parent_class)->finalize (object);
}

static void
chrono_era_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ChronoEra *self = CHRONO_ERA (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_START:
      g_value_set_boxed (value, chrono_era_get_start (self));
      break;

    case PROP_END:
      g_value_set_boxed (value, chrono_era_get_end (self));
      break;

    case PROP_COLOR:
      g_value_set_string (value, self->color);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_EXTRA:
      g_value_set_string (value, self->extra);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_era_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  ChronoEra *self = CHRONO_ERA (object);

  switch (prop_id)
    {
    case PROP_ID:
      chrono_era_set_id (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      chrono_era_set_title (self, g_value_get_string (value));
      break;

    case PROP_START:
      chrono_era_set_start (self, g_value_get_boxed (value));
      break;

    case PROP_END:
      chrono_era_set_end (self, g_value_get_boxed (value));
      break;

    case PROP_COLOR:
      chrono_era_set_color (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      chrono_era_set_description (self, g_value_get_string (value));
      break;

    case PROP_EXTRA:
      chrono_era_set_extra (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_era_class_init (ChronoEraClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = chrono_era_finalize;
  object_class->get_property = chrono_era_get_property;
  object_class->set_property = chrono_era_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_START] = g_param_spec_boxed ("start", NULL, NULL, CHRONO_TYPE_DATE, flags);
  properties[PROP_END] = g_param_spec_boxed ("end", NULL, NULL, CHRONO_TYPE_DATE, flags);
  properties[PROP_COLOR] = g_param_spec_string ("color", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_EXTRA] = g_param_spec_string ("extra", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chrono_era_init (ChronoEra *self)
{
}

ChronoEra *
chrono_era_new (const char       *title,
                const ChronoDate *start,
                const ChronoDate *end)
{
  return g_object_new (CHRONO_TYPE_ERA,
                       "title", title,
                       "start", start,
                       "end", end,
                       NULL);
}

const char *
chrono_era_get_id (ChronoEra *self)
{
  g_return_val_if_fail (CHRONO_IS_ERA (self), NULL);

  return self->id;
}

void
chrono_era_set_id (ChronoEra  *self,
                   const char *id)
{
  g_return_if_fail (CHRONO_IS_ERA (self));

  set_string (self, &self->id, id, PROP_ID);
}

const char *
chrono_era_get_title (ChronoEra *self)
{
  g_return_val_if_fail (CHRONO_IS_ERA (self), NULL);

  return self->title;
}

void
chrono_era_set_title (ChronoEra  *self,
                      const char *title)
{
  g_return_if_fail (CHRONO_IS_ERA (self));

  set_string (self, &self->title, title, PROP_TITLE);
}

/* NULL when the era has no start. */
const ChronoDate *
chrono_era_get_start (ChronoEra *self)
{
  g_return_val_if_fail (CHRONO_IS_ERA (self), NULL);

  return self->has_start ? &self->start : NULL;
}

void
chrono_era_set_start (ChronoEra        *self,
                      const ChronoDate *start)
{
  guint has_start;

  g_return_if_fail (CHRONO_IS_ERA (self));

  has_start = self->has_start;
  set_date (self, &self->start, &has_start, start, PROP_START);
  self->has_start = has_start;
}

/* NULL when the era has no end (it covers its start's span). */
const ChronoDate *
chrono_era_get_end (ChronoEra *self)
{
  g_return_val_if_fail (CHRONO_IS_ERA (self), NULL);

  return self->has_end ? &self->end : NULL;
}

void
chrono_era_set_end (ChronoEra        *self,
                    const ChronoDate *end)
{
  guint has_end;

  g_return_if_fail (CHRONO_IS_ERA (self));

  has_end = self->has_end;
  set_date (self, &self->end, &has_end, end, PROP_END);
  self->has_end = has_end;
}

const char *
chrono_era_get_color (ChronoEra *self)
{
  g_return_val_if_fail (CHRONO_IS_ERA (self), NULL);

  return self->color;
}

void
chrono_era_set_color (ChronoEra  *self,
                      const char *color)
{
  g_return_if_fail (CHRONO_IS_ERA (self));

  set_string (self, &self->color, color, PROP_COLOR);
}

const char *
chrono_era_get_description (ChronoEra *self)
{
  g_return_val_if_fail (CHRONO_IS_ERA (self), NULL);

  return self->description;
}

void
chrono_era_set_description (ChronoEra  *self,
                            const char *description)
{
  g_return_if_fail (CHRONO_IS_ERA (self));

  set_string (self, &self->description, description, PROP_DESCRIPTION);
}

/* From the start's span start to the end's span end; an open or missing end
 * gives the start's extent, like an event's. An era without a dated start
 * or end has the empty span [0, 0). */
const char *
chrono_era_get_extra (ChronoEra *self)
{
  g_return_val_if_fail (CHRONO_IS_ERA (self), NULL);

  return self->extra;
}

void
chrono_era_set_extra (ChronoEra  *self,
                      const char *extra_json)
{
  g_return_if_fail (CHRONO_IS_ERA (self));

  set_string (self, &self->extra, extra_json, PROP_EXTRA);
}

void
chrono_era_get_span (ChronoEra  *self,
                     ChronoTime *lo,
                     ChronoTime *hi)
{
  g_return_if_fail (CHRONO_IS_ERA (self));

  if (!self->has_start)
    {
      if (lo != NULL)
        *lo = 0;
      if (hi != NULL)
        *hi = 0;
      return;
    }

  _chrono_event_compute_span (&self->start, self->has_end ? &self->end : NULL, lo, hi, NULL);
}
