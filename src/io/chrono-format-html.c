/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-format"

#include "config.h"

#include <string.h>

#include "chrono-format-private.h"

/* HTML to plain text, for the rich text that TimelineJS files and
 * TimelineJS-style spreadsheets hold: a single pass over the markup without
 * a parser, that drops tags (and script and style bodies), turns block tags
 * and <br> into line breaks, decodes named and numeric entities and
 * collapses white space. */

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
