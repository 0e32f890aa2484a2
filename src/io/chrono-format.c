/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-format"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "chrono-csv.h"
#include "chrono-error.h"
#include "chrono-format.h"
#include "chrono-format-private.h"
#include "chrono-io-util.h"
#include "chrono-json-util.h"
#include "chrono-native.h"
#include "chrono-stix.h"
#include "chrono-timelinejs.h"

/* What a cheap scan of a JSON text's keys tells about its dialect. */
typedef struct {
  guint native : 1;     /* top-level "chronoscope" */
  guint bundle : 1;     /* top-level "type": "bundle" */
  guint events : 1;     /* top-level "events" */
  guint start_date : 1; /* a nested "start_date" key */
} JsonHints;

static const char *
skip_bom_and_space (const char *p,
                    const char *end)
{
  if (end - p >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
    p++;
  return p;
}

static gboolean
has_suffix_ci (const char *name,
               const char *suffix)
{
  gsize n, s;

  if (name == NULL)
    return FALSE;
  n = strlen (name);
  s = strlen (suffix);
  return n >= s && g_ascii_strcasecmp (name + n - s, suffix) == 0;
}

/* Returns the end of the string starting at the quote @p (past the closing
 * quote), or @end if it is unterminated. */
static const char *
skip_json_string (const char *p,
                  const char *end)
{
  for (p++; p < end; p++)
    {
      if (*p == '\\')
        p++;
      else if (*p == '"')
        return p + 1;
    }
  return end;
}

static gboolean
token_is (const char *start,
          const char *stop,
          const char *word)
{
  gsize n = strlen (word);

  /* start/stop include the quotes */
  return (gsize) (stop - start) == n + 2 && memcmp (start + 1, word, n) == 0;
}

/* A linear scan without recursion or allocation, safe on any input: it only
 * looks at object keys, so that detecting a 40 MB bundle does not parse it. */
static void
scan_json_hints (const char *p,
                 const char *end,
                 JsonHints  *hints)
{
  gsize depth = 0;
  gboolean in_object_at_depth1 = FALSE;

  memset (hints, 0, sizeof *hints);

  while (p < end)
    {
      char c = *p;

      if (c == '{' || c == '[')
        {
          depth++;
          if (depth == 1)
            in_object_at_depth1 = (c == '{');
          p++;
        }
      else if (c == '}' || c == ']')
        {
          if (depth == 0)
            return;
          depth--;
          if (depth == 0)
            return; /* the top-level value is complete */
          p++;
        }
      else if (c == '"')
        {
          const char *start = p;
          const char *stop = skip_json_string (p, end);
          const char *q = stop;

          while (q < end && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n'))
            q++;
          if (q < end && *q == ':')
            {
              if (depth == 1 && in_object_at_depth1)
                {
                  if (token_is (start, stop, "chronoscope"))
                    hints->native = TRUE;
                  else if (token_is (start, stop, "events"))
                    hints->events = TRUE;
                  else if (token_is (start, stop, "type"))
                    {
                      const char *v = q + 1;
                      const char *vend;

                      while (v < end && (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n'))
                        v++;
                      if (v < end && *v == '"')
                        {
                          vend = skip_json_string (v, end);
                          if (token_is (v, vend, "bundle"))
                            hints->bundle = TRUE;
                        }
                    }
                }
              else if (depth >= 2 && token_is (start, stop, "start_date"))
                {
                  hints->start_date = TRUE;
                }
              p = q + 1;
            }
          else
            {
              p = stop;
            }

          if (hints->native || hints->bundle || (hints->events && hints->start_date))
            return;
        }
      else
        {
          p++;
        }
    }
}

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

typedef struct {
  const char *name;
  gunichar    ch;
} HtmlEntity;

/* The named entities that occur in hand-written text; others stay as written. */
static const HtmlEntity html_entities[] = {
  { "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' }, { "apos", '\'' },
  { "nbsp", 0x00A0 }, { "ndash", 0x2013 }, { "mdash", 0x2014 }, { "hellip", 0x2026 },
  { "lsquo", 0x2018 }, { "rsquo", 0x2019 }, { "ldquo", 0x201C }, { "rdquo", 0x201D },
  { "laquo", 0x00AB }, { "raquo", 0x00BB }, { "copy", 0x00A9 }, { "reg", 0x00AE },
  { "trade", 0x2122 }, { "deg", 0x00B0 }, { "middot", 0x00B7 }, { "bull", 0x2022 },
  { "times", 0x00D7 }, { "euro", 0x20AC }, { "pound", 0x00A3 }, { "yen", 0x00A5 },
  { "sect", 0x00A7 }, { "para", 0x00B6 }, { "shy", 0x00AD },
  { "aacute", 0x00E1 }, { "agrave", 0x00E0 }, { "acirc", 0x00E2 }, { "auml", 0x00E4 },
  { "aring", 0x00E5 }, { "ccedil", 0x00E7 }, { "eacute", 0x00E9 }, { "egrave", 0x00E8 },
  { "ecirc", 0x00EA }, { "euml", 0x00EB }, { "iacute", 0x00ED }, { "iuml", 0x00EF },
  { "ntilde", 0x00F1 }, { "oacute", 0x00F3 }, { "ocirc", 0x00F4 }, { "ouml", 0x00F6 },
  { "oslash", 0x00F8 }, { "uacute", 0x00FA }, { "uuml", 0x00FC }, { "szlig", 0x00DF },
  { "Aacute", 0x00C1 }, { "Auml", 0x00C4 }, { "Eacute", 0x00C9 }, { "Ouml", 0x00D6 },
  { "Uuml", 0x00DC }, { "Ccedil", 0x00C7 }, { "Ntilde", 0x00D1 },
};

/* Decodes the entity at @p ("&…;"); returns the number of bytes used, or 0
 * when it is not one (the "&" is then kept as written). */
static gsize
decode_entity (const char *p,
               gunichar   *out)
{
  const char *q = p + 1;

  if (*q == '#')
    {
      guint64 value = 0;
      gboolean hex = FALSE;
      guint digits = 0;

      q++;
      if (*q == 'x' || *q == 'X')
        {
          hex = TRUE;
          q++;
        }
      while (hex ? g_ascii_isxdigit (*q) : g_ascii_isdigit (*q))
        {
          if (value <= 0x10FFFF)
            value = value * (hex ? 16 : 10) +
                    (guint64) (hex ? g_ascii_xdigit_value (*q) : g_ascii_digit_value (*q));
          q++;
          digits++;
        }
      if (digits == 0 || *q != ';')
        return 0;
      /* NUL, surrogates and out of range code points are not text */
      if (value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        *out = 0xFFFD;
      else
        *out = (gunichar) value;
      return (gsize) (q + 1 - p);
    }

  for (guint i = 0; i < G_N_ELEMENTS (html_entities); i++)
    {
      gsize n = strlen (html_entities[i].name);

      if (strncmp (q, html_entities[i].name, n) == 0 && q[n] == ';')
        {
          *out = html_entities[i].ch;
          return n + 2;
        }
    }
  return 0;
}

static gboolean
html_tag_is (const char *name,
             gsize       len,
             const char *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (strlen (names[i]) == len && g_ascii_strncasecmp (name, names[i], len) == 0)
      return TRUE;
  return FALSE;
}

static const char *const html_block_tags[] = {
  "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
  "blockquote", "section", "article", "header", "footer", "pre", "dd", "dt", "hr", NULL
};
static const char *const html_skip_tags[] = { "script", "style", NULL };

/* Returns the end of the tag starting at @p ('<'), past '>', honouring quoted
 * attribute values; NULL if it never ends. */
static const char *
html_tag_end (const char *p)
{
  char quote = 0;

  for (p++; *p; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
        }
      else if (*p == '"' || *p == '\'')
        quote = *p;
      else if (*p == '>')
        return p + 1;
    }
  return NULL;
}

char *
_chrono_format_html_to_text (const char *html)
{
  GString *out = g_string_new (NULL);
  const char *p = html;
  guint pending_breaks = 0;
  gboolean pending_space = FALSE;

  g_return_val_if_fail (html != NULL, NULL);

#define FLUSH_SEPARATORS()                                              \
  G_STMT_START {                                                        \
    if (out->len > 0 && pending_breaks > 0)                             \
      for (guint b_ = 0; b_ < MIN (pending_breaks, 2u); b_++)           \
        g_string_append_c (out, '\n');                                  \
    else if (out->len > 0 && pending_space && out->str[out->len - 1] != '\n') \
      g_string_append_c (out, ' ');                                     \
    pending_breaks = 0;                                                 \
    pending_space = FALSE;                                              \
  } G_STMT_END

  while (*p)
    {
      if (*p == '<' && strncmp (p, "<!--", 4) == 0)
        {
          const char *close = strstr (p + 4, "-->");

          p = close != NULL ? close + 3 : p + strlen (p);
        }
      else if (*p == '<' && (g_ascii_isalpha (p[1]) || p[1] == '/' || p[1] == '!'))
        {
          const char *end = html_tag_end (p);
          const char *name = p + 1;
          gboolean closing = FALSE;
          gsize len = 0;

          if (end == NULL)
            break; /* an unterminated tag: the rest is not text */

          if (*name == '/')
            {
              closing = TRUE;
              name++;
            }
          while (g_ascii_isalnum (name[len]))
            len++;

          if (len == 2 && g_ascii_strncasecmp (name, "br", 2) == 0)
            {
              pending_breaks++;
              pending_space = FALSE;
            }
          else if (html_tag_is (name, len, html_block_tags))
            {
              guint want = (len == 1 && g_ascii_tolower (*name) == 'p') ? 2 : 1;

              pending_breaks = MAX (pending_breaks, want);
            }
          else if (!closing && html_tag_is (name, len, html_skip_tags))
            {
              g_autofree char *close = g_strdup_printf ("</%.*s", (int) len, name);
              const char *q = end;

              /* skip a script or style body up to its closing tag */
              while (*q && g_ascii_strncasecmp (q, close, len + 2) != 0)
                q++;
              end = *q ? html_tag_end (q) : q;
              if (end == NULL)
                end = q + strlen (q);
            }
          p = end;
        }
      else if (*p == '&')
        {
          gunichar ch;
          gsize used = decode_entity (p, &ch);

          if (used == 0)
            {
              ch = '&';
              used = 1;
            }
          p += used;

          if (ch == 0x00AD)
            continue; /* soft hyphen: invisible */
          if (ch < 0x20 && ch != '\n' && ch != '\t')
            continue;
          FLUSH_SEPARATORS ();
          if (ch == 0x00A0)
            g_string_append_c (out, ' ');
          else
            g_string_append_unichar (out, ch);
        }
      else if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
        {
          pending_space = TRUE;
          p++;
        }
      else if ((guchar) *p < 0x20 || *p == 0x7F)
        {
          p++; /* other control characters are not text */
        }
      else
        {
          FLUSH_SEPARATORS ();
          g_string_append_c (out, *p);
          p++;
        }
    }

#undef FLUSH_SEPARATORS

  return g_string_free (out, FALSE);
}

/* The first line names at least one date column ("year", "start", "date",
 * …) or two columns the CSV reader knows. Quoted header cells are accepted. */
static gboolean
looks_like_csv_header (const char *p,
                       const char *end)
{
  guint known = 0;
  gboolean date_column = FALSE;

  while (p < end && *p != '\n' && *p != '\r')
    {
      const char *cell;
      gsize len;

      if (*p == '"')
        {
          cell = ++p;
          while (p < end && *p != '"' && *p != '\n')
            p++;
          len = p - cell;
          if (p < end && *p == '"')
            p++;
          while (p < end && *p != ',' && *p != '\n' && *p != '\r')
            p++;
        }
      else
        {
          cell = p;
          while (p < end && *p != ',' && *p != '\n' && *p != '\r')
            p++;
          len = p - cell;
        }

      switch (_chrono_csv_header_kind (cell, len))
        {
        case CHRONO_CSV_HEADER_DATE:
          date_column = TRUE;
          G_GNUC_FALLTHROUGH;
        case CHRONO_CSV_HEADER_KNOWN:
          known++;
          break;
        case CHRONO_CSV_HEADER_UNKNOWN:
        default:
          break;
        }

      if (p < end && *p == ',')
        p++;
    }

  return date_column || known >= 2;
}

static gboolean
looks_binary (const char *p,
              const char *end)
{
  gsize n = MIN ((gsize) (end - p), 4096);

  return memchr (p, '\0', n) != NULL;
}

ChronoFormat
chrono_format_detect (const char *data,
                      gsize       length,
                      const char *name)
{
  const char *end;
  const char *p;

  g_return_val_if_fail (data != NULL || length == 0, CHRONO_FORMAT_UNKNOWN);

  if (length == 0)
    return CHRONO_FORMAT_UNKNOWN;

  end = data + length;
  p = skip_bom_and_space (data, end);
  if (p == end)
    return CHRONO_FORMAT_UNKNOWN;

  if (*p == '{')
    {
      JsonHints hints;

      scan_json_hints (p, end, &hints);
      if (hints.native)
        return CHRONO_FORMAT_NATIVE;
      if (hints.bundle)
        return CHRONO_FORMAT_STIX;
      if (hints.events && hints.start_date)
        return CHRONO_FORMAT_TIMELINEJS;
      /* "events" without any dated event: the name decides */
      if (hints.events && has_suffix_ci (name, ".chrono.json"))
        return CHRONO_FORMAT_NATIVE;
      if (hints.events && has_suffix_ci (name, ".json"))
        return CHRONO_FORMAT_TIMELINEJS;
      return CHRONO_FORMAT_UNKNOWN;
    }

  if (*p == '[' || looks_binary (data, end))
    return CHRONO_FORMAT_UNKNOWN;

  if (looks_like_csv_header (p, end))
    return CHRONO_FORMAT_CSV;

  /* A header we do not know: the CSV reader says which column it misses. */
  if (has_suffix_ci (name, ".csv") || has_suffix_ci (name, ".tsv"))
    return CHRONO_FORMAT_CSV;

  return CHRONO_FORMAT_UNKNOWN;
}

static ChronoTimeline *
load_data_detected (const char    *data,
                    gsize          length,
                    const char    *display_name,
                    ChronoFormat  *out_format,
                    GError       **error)
{
  ChronoFormat format;
  const char *p;

  *out_format = CHRONO_FORMAT_UNKNOWN;
  if (display_name == NULL)
    display_name = "-";

  if (length > CHRONO_FORMAT_MAX_INPUT)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_TOO_LARGE,
                   _("%s: the file is too large (%zu bytes; at most %zu are read)"),
                   display_name, (size_t) length, (size_t) CHRONO_FORMAT_MAX_INPUT);
      return NULL;
    }

  p = length > 0 ? skip_bom_and_space (data, data + length) : data;
  if (length == 0 || p == data + length)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_SYNTAX,
                   _("%s: the file is empty"), display_name);
      return NULL;
    }

  /* spreadsheets' "Unicode text" is UTF-16: say so rather than "unknown" */
  if (length >= 2 && (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE) ||
                      ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)))
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_UNSUPPORTED,
                   _("%s: the file is UTF-16 encoded; save it as UTF-8"), display_name);
      return NULL;
    }

  format = chrono_format_detect (data, length, display_name);
  *out_format = format;
  switch (format)
    {
    case CHRONO_FORMAT_NATIVE:
      return chrono_native_load_data (data, length, display_name, error);
    case CHRONO_FORMAT_CSV:
      return chrono_csv_load_data (data, length, display_name, error);
    case CHRONO_FORMAT_TIMELINEJS:
      return chrono_timelinejs_load_data (data, length, display_name, error);
    case CHRONO_FORMAT_STIX:
      return chrono_stix_load_data (data, length, display_name, error);
    case CHRONO_FORMAT_UNKNOWN:
    default:
      break;
    }

  if (*p == '{' || *p == '[')
    {
      g_autoptr(JsonNode) root = NULL;

      /* Malformed JSON gets its syntax error with line and column. */
      root = chrono_json_parse (data, length, display_name, error);
      if (root == NULL)
        return NULL;

      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_UNSUPPORTED,
                   _("%s: unrecognised JSON: not a Chronoscope, TimelineJS or STIX 2.1 file"),
                   display_name);
      return NULL;
    }

  g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_UNSUPPORTED,
               _("%s: unrecognised file format (expected Chronoscope JSON, CSV, "
                 "TimelineJS JSON or a STIX 2.1 bundle)"),
               display_name);
  return NULL;
}

ChronoTimeline *
chrono_format_load_data (const char  *data,
                         gsize        length,
                         const char  *display_name,
                         GError     **error)
{
  ChronoFormat format;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_data_detected (data, length, display_name, &format, error);
}

/* Reads at most CHRONO_FORMAT_MAX_INPUT bytes, so that a huge file or an
 * endless stream fails early instead of filling memory. */
static GBytes *
read_bounded (GFile         *file,
              const char    *display_name,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  goffset size_hint = 0;
  gsize filled = 0;

  stream = chrono_io_open_file (file, display_name, &size_hint, cancellable, error);
  if (stream == NULL)
    return NULL;

  if (size_hint > (goffset) CHRONO_FORMAT_MAX_INPUT)
    {
      g_autofree char *size_text = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) size_hint);

      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_TOO_LARGE,
                   _("%s: the file is too large (%s bytes; at most %zu are read)"),
                   display_name, size_text, (size_t) CHRONO_FORMAT_MAX_INPUT);
      return NULL;
    }

  buffer = g_byte_array_sized_new (size_hint > 0 ? (guint) size_hint + 1 : 65536);

  for (;;)
    {
      gsize want;
      gsize got = 0;

      if (buffer->len - filled < 65536)
        g_byte_array_set_size (buffer, MIN (MAX ((gsize) buffer->len * 2, filled + 65536),
                                            CHRONO_FORMAT_MAX_INPUT + 1));
      want = buffer->len - filled;
      if (want == 0)
        {
          g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_TOO_LARGE,
                       _("%s: the file is too large (more than %zu bytes)"),
                       display_name, (size_t) CHRONO_FORMAT_MAX_INPUT);
          return NULL;
        }

      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer->data + filled, want,
                                    &got, cancellable, error))
        {
          g_prefix_error (error, "%s: ", display_name);
          return NULL;
        }
      filled += got;
      if (got < want)
        break;
    }

  g_byte_array_set_size (buffer, filled);
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

ChronoTimeline *
chrono_format_load_file (GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *display_name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ChronoTimeline) timeline = NULL;
  ChronoFormat format;
  const char *data;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = chrono_io_display_name (file);
  bytes = read_bounded (file, display_name, cancellable, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  if (data == NULL)
    data = "";

  timeline = load_data_detected (data, length, display_name, &format, error);
  if (timeline == NULL)
    return NULL;

  /* Only a native file can be saved back where it came from; an imported
   * CSV, TimelineJS or STIX file has no file, so Save asks for a name. */
  if (format == CHRONO_FORMAT_NATIVE)
    chrono_timeline_set_file (timeline, file);
  chrono_timeline_set_modified (timeline, FALSE);

  return g_steal_pointer (&timeline);
}
