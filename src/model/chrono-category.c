/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-category"

#include "config.h"

#include <string.h>

#include "chrono-category.h"

struct _ChronoCategory
{
  GObject parent_instance;

  char *id;
  char *name;
  char *color;
  char *description;
  char *extra;
};

G_DEFINE_FINAL_TYPE (ChronoCategory, chrono_category, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COLOR,
  PROP_DESCRIPTION,
  PROP_EXTRA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static int
hex_digit (char c)
{
  return g_ascii_xdigit_value (c);
}

static void
chrono_category_finalize (GObject *object)
{
  ChronoCategory *self = (ChronoCategory *)object;

  g_free (self->id);
  g_free (self->name);
  g_free (self->color);
  g_free (self->description);
  g_free (self->extra);

  G_OBJECT_CLASS (chrono_category_parent_class)->finalize (object);
}

static void
chrono_category_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ChronoCategory *self = CHRONO_CATEGORY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
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
chrono_category_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ChronoCategory *self = CHRONO_CATEGORY (object);

  switch (prop_id)
    {
    case PROP_ID:
      /* Construct-only: the timeline indexes categories by id. */
      g_free (self->id);
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      chrono_category_set_name (self, g_value_get_string (value));
      break;

    case PROP_COLOR:
      chrono_category_set_color (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      chrono_category_set_description (self, g_value_get_string (value));
      break;

    case PROP_EXTRA:
      chrono_category_set_extra (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chrono_category_class_init (ChronoCategoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chrono_category_finalize;
  object_class->get_property = chrono_category_get_property;
  object_class->set_property = chrono_category_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_COLOR] =
    g_param_spec_string ("color", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_EXTRA] =
    g_param_spec_string ("extra", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chrono_category_init (ChronoCategory *self)
{
}

ChronoCategory *
chrono_category_new (const char *id,
                     const char *name,
                     const char *color)
{
  return g_object_new (CHRONO_TYPE_CATEGORY,
                       "id", id,
                       "name", name,
                       "color", color,
                       NULL);
}

const char *
chrono_category_get_id (ChronoCategory *self)
{
  g_return_val_if_fail (CHRONO_IS_CATEGORY (self), NULL);

  return self->id;
}

const char *
chrono_category_get_name (ChronoCategory *self)
{
  g_return_val_if_fail (CHRONO_IS_CATEGORY (self), NULL);

  return self->name;
}

void
chrono_category_set_name (ChronoCategory *self,
                          const char     *name)
{
  g_return_if_fail (CHRONO_IS_CATEGORY (self));

  if (replace_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
chrono_category_get_color (ChronoCategory *self)
{
  g_return_val_if_fail (CHRONO_IS_CATEGORY (self), NULL);

  return self->color;
}

void
chrono_category_set_color (ChronoCategory *self,
                           const char     *color)
{
  g_return_if_fail (CHRONO_IS_CATEGORY (self));

  if (replace_string (&self->color, color))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COLOR]);
}

const char *
chrono_category_get_description (ChronoCategory *self)
{
  g_return_val_if_fail (CHRONO_IS_CATEGORY (self), NULL);

  return self->description;
}

void
chrono_category_set_description (ChronoCategory *self,
                                 const char     *description)
{
  g_return_if_fail (CHRONO_IS_CATEGORY (self));

  if (replace_string (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

const char *
chrono_category_get_extra (ChronoCategory *self)
{
  g_return_val_if_fail (CHRONO_IS_CATEGORY (self), NULL);

  return self->extra;
}

void
chrono_category_set_extra (ChronoCategory *self,
                           const char     *extra_json)
{
  g_return_if_fail (CHRONO_IS_CATEGORY (self));

  if (replace_string (&self->extra, extra_json))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTRA]);
}

gboolean
chrono_category_get_rgb (ChronoCategory *self,
                         double         *red,
                         double         *green,
                         double         *blue)
{
  int digits[6];
  double rgb[3] = { 0.5, 0.5, 0.5 };
  gboolean ok = FALSE;
  gsize len;

  g_return_val_if_fail (CHRONO_IS_CATEGORY (self), FALSE);

  len = self->color != NULL ? strlen (self->color) : 0;

  /* "#rrggbb", and the CSS shorthand "#rgb". */
  if ((len == 7 || len == 4) && self->color[0] == '#')
    {
      ok = TRUE;
      for (gsize i = 1; i < len; i++)
        {
          digits[i - 1] = hex_digit (self->color[i]);
          if (digits[i - 1] < 0)
            ok = FALSE;
        }

      if (ok)
        {
          for (guint i = 0; i < 3; i++)
            {
              int v = len == 7 ? digits[2 * i] * 16 + digits[2 * i + 1]
                               : digits[i] * 17;
              rgb[i] = v / 255.0;
            }
        }
    }

  if (red != NULL)
    *red = rgb[0];
  if (green != NULL)
    *green = rgb[1];
  if (blue != NULL)
    *blue = rgb[2];

  return ok;
}
