/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-format"

#include "config.h"

#include <glib/gi18n.h>

#include "chrono-error.h"
#include "chrono-format-private.h"
#include "chrono-json-util.h"

/* What the readers share: errors that name the file, line and column,
 * JSON member access for the TimelineJS and STIX readers, dates built from
 * spreadsheet-like parts, time and integer parsing for CSV and TimelineJS
 * cells, the web URL check, and the Okabe–Ito palette that colours the
 * categories a reader creates. */

void
_chrono_format_set_error (GError      **error,
                          ChronoError   code,
                          const char   *display_name,
                          guint         line,
                          guint         column,
                          const char   *format,
                          ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (error == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (line > 0)
    g_set_error (error, CHRONO_ERROR, code, "%s:%u:%u: %s",
                 display_name, line, column, message);
  else
    g_set_error (error, CHRONO_ERROR, code, "%s: %s", display_name, message);
}

void
_chrono_format_json_error (ChronoFormatJson *json,
                           ChronoError       code,
                           const char       *pointer,
                           const char       *format,
                           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (json->error == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  chrono_json_set_error (json->error, &json->input, code, pointer, "%s", message);
}

JsonNode *
_chrono_format_json_member (JsonObject *object,
                            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    return NULL;
  return node;
}

gboolean
_chrono_format_json_get_string (ChronoFormatJson  *json,
                                JsonObject        *object,
                                const char        *name,
                                const char        *pointer,
                                const char       **out)
{
  JsonNode *node = _chrono_format_json_member (object, name);
  g_autofree char *where = NULL;

  *out = NULL;
  if (node == NULL)
    return TRUE;
  *out = chrono_json_node_get_string (node);
  if (*out != NULL)
    return TRUE;

  where = g_strconcat (pointer, "/", name, NULL);
  _chrono_format_json_error (json, CHRONO_ERROR_INVALID_VALUE, where,
                             _("“%s” must be a string, not %s"),
                             name, chrono_json_node_type_name (node));
  return FALSE;
}

/* Okabe & Ito's palette ("Color Universal Design", 2008): told apart by
 * people with any common colour vision deficiency. */
static const guint8 category_palette[][3] = {
  { 0xE6, 0x9F, 0x00 }, /* orange */
  { 0x56, 0xB4, 0xE9 }, /* sky blue */
  { 0x00, 0x9E, 0x73 }, /* bluish green */
  { 0xF0, 0xE4, 0x42 }, /* yellow */
  { 0x00, 0x72, 0xB2 }, /* blue */
  { 0xD5, 0x5E, 0x00 }, /* vermillion */
  { 0xCC, 0x79, 0xA7 }, /* reddish purple */
  { 0x99, 0x99, 0x99 }, /* grey */
};

char *
_chrono_format_category_color (guint index)
{
  /* each later round shades the palette: darker, lighter, darker still,
   * lighter still; by then a legend is needed to tell colours apart anyway */
  static const double shades[] = { 0.0, -0.35, 0.4, -0.6, 0.65 };
  guint n = G_N_ELEMENTS (category_palette);
  const guint8 *base = category_palette[index % n];
  double shade = shades[(index / n) % G_N_ELEMENTS (shades)];
  guint rgb[3];

  for (guint i = 0; i < 3; i++)
    {
      double c = base[i];

      c = shade < 0 ? c * (1.0 + shade) : c + (255.0 - c) * shade;
      rgb[i] = (guint) CLAMP (c + 0.5, 0.0, 255.0);
    }
  return g_strdup_printf ("#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
}

gboolean
_chrono_format_date_from_parts (gint64           year,
                                guint            month,
                                guint            day,
                                guint            hour,
                                guint            minute,
                                guint            second,
                                ChronoPrecision  precision,
                                ChronoDate      *out,
                                GError         **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean long_year = year > 9999 || year < -9999;
  ChronoDate date;

  if (month > 12)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_DATE,
                   _("month %u is not between 1 and 12"), month);
      return FALSE;
    }
  if (day > 0 && month == 0)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_DATE,
                   _("a day needs a month"));
      return FALSE;
    }
  if (day > 0 && day > chrono_days_in_month (year, month))
    {
      /* the year is formatted first: xgettext cannot read G_GINT64_FORMAT */
      g_autofree char *year_text = g_strdup_printf ("%" G_GINT64_FORMAT, year);

      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_DATE,
                   _("day %u does not exist in %s-%02u"), day, year_text, month);
      return FALSE;
    }
  if (precision >= CHRONO_PRECISION_HOUR && day == 0)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_DATE,
                   _("a time needs a day"));
      return FALSE;
    }
  if (hour > 23 || minute > 59 || second > 59)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_DATE,
                   _("%02u:%02u:%02u is not a time of day"), hour, minute, second);
      return FALSE;
    }

  /* EDTF writes years beyond four digits only as "Y…" without month, day
   * or time: at that distance they are below what the axis can show. */
  if (long_year)
    g_string_append_printf (text, "Y%" G_GINT64_FORMAT, year);
  else if (year < 0)
    g_string_append_printf (text, "-%04" G_GINT64_FORMAT, -year);
  else
    g_string_append_printf (text, "%04" G_GINT64_FORMAT, year);

  if (!long_year && month > 0)
    g_string_append_printf (text, "-%02u", month);
  if (!long_year && day > 0)
    g_string_append_printf (text, "-%02u", day);
  /* EDTF writes a time of day only as hh:mm:ss, so a time known to the
   * hour or minute becomes a second-precision date here: otherwise it would
   * change meaning (and could end before its start) once saved and read back. */
  if (!long_year && precision >= CHRONO_PRECISION_HOUR)
    g_string_append_printf (text, "T%02u:%02u:%02u", hour,
                            precision >= CHRONO_PRECISION_MINUTE ? minute : 0,
                            precision >= CHRONO_PRECISION_SECOND ? second : 0);

  if (!chrono_date_parse (text->str, &date, error))
    return FALSE;

  *out = date;
  return TRUE;
}

static gboolean
parse_uint_run (const char **p,
                guint        max_digits,
                guint       *out)
{
  guint value = 0;
  guint n = 0;

  while (g_ascii_isdigit (**p) && n < max_digits)
    {
      value = value * 10 + (guint) (**p - '0');
      (*p)++;
      n++;
    }
  *out = value;
  return n > 0 && !g_ascii_isdigit (**p);
}

gboolean
_chrono_format_parse_time (const char      *text,
                           guint           *hour,
                           guint           *minute,
                           guint           *second,
                           ChronoPrecision *precision)
{
  const char *p = text;
  guint h, m, s = 0;
  ChronoPrecision prec = CHRONO_PRECISION_MINUTE;

  while (g_ascii_isspace (*p))
    p++;
  if (!parse_uint_run (&p, 2, &h) || *p++ != ':')
    return FALSE;
  if (!parse_uint_run (&p, 2, &m))
    return FALSE;
  if (*p == ':')
    {
      p++;
      if (!parse_uint_run (&p, 2, &s))
        return FALSE;
      prec = CHRONO_PRECISION_SECOND;
      if (*p == '.')
        {
          /* fractions of a second are below our precision */
          p++;
          if (!g_ascii_isdigit (*p))
            return FALSE;
          while (g_ascii_isdigit (*p))
            p++;
        }
    }
  while (g_ascii_isspace (*p))
    p++;
  if (g_ascii_strncasecmp (p, "am", 2) == 0 || g_ascii_strncasecmp (p, "pm", 2) == 0)
    {
      gboolean pm = g_ascii_tolower (*p) == 'p';

      if (h < 1 || h > 12)
        return FALSE;
      h = (h % 12) + (pm ? 12 : 0);
      p += 2;
      while (g_ascii_isspace (*p))
        p++;
    }
  if (*p != '\0' || h > 23 || m > 59 || s > 59)
    return FALSE;

  *hour = h;
  *minute = m;
  *second = s;
  *precision = prec;
  return TRUE;
}

gboolean
_chrono_format_parse_int (const char *text,
                          gint64     *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  const char *digits = copy;
  guint64 value;

  if (*digits == '-' || *digits == '+')
    digits++;
  if (*digits == '\0')
    return FALSE;
  for (const char *d = digits; *d; d++)
    if (!g_ascii_isdigit (*d))
      return FALSE;

  /* string_to_unsigned rejects values beyond gint64 without overflow */
  if (!g_ascii_string_to_unsigned (digits, 10, 0, G_MAXINT64, &value, NULL))
    return FALSE;
  *out = copy[0] == '-' ? -(gint64) value : (gint64) value;
  return TRUE;
}

gboolean
_chrono_format_is_web_url (const char *url)
{
  const char *scheme;

  if (url == NULL)
    return FALSE;
  scheme = g_uri_peek_scheme (url);
  if (scheme == NULL)
    return FALSE;
  if (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0)
    return FALSE;
  return g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL);
}
