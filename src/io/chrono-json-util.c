/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-io"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "chrono-format.h"
#include "chrono-json-util.h"

/* One parser serves two jobs: building nodes (chrono_json_parse) and, on the
 * error path only, finding where a JSON Pointer's value starts
 * (chrono_json_locate). Positions are byte offsets; lines and columns are
 * counted from the start only when a message needs them. */

typedef struct {
  const char *data;
  gsize       length;
  gsize       pos;
  const char *display_name;
  gboolean    build;
} Scanner;

typedef struct {
  JsonNode   *node;      /* the container being built; NULL when locating */
  char       *key;       /* member name of the value being parsed (objects) */
  guint       index;     /* index of the element being parsed (arrays) */
  gsize       offset;    /* where the container starts */
  gboolean    is_object;
} Frame;

typedef struct {
  char  **segments;
  guint   n_segments;
  guint   matched;       /* leading segments matched by the current path */
  gboolean done;
  gboolean found;
  gsize   offset;        /* the value found, or its deepest ancestor */
} Locator;

static gsize
bom_length (const char *data,
            gsize       length)
{
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    return 3;
  return 0;
}

static void
offset_to_position (const char *data,
                    gsize       length,
                    gsize       offset,
                    guint      *line,
                    guint      *column)
{
  gsize line_start = bom_length (data, length);
  guint l = 1;
  guint c = 1;

  offset = MIN (offset, length);
  for (gsize i = line_start; i < offset; i++)
    if (data[i] == '\n')
      {
        l++;
        line_start = i + 1;
      }
  /* Columns count characters: skip UTF-8 continuation bytes. */
  for (gsize i = line_start; i < offset; i++)
    if (((guchar) data[i] & 0xC0) != 0x80)
      c++;

  *line = l;
  *column = c;
}

static void
set_error_va (GError     **error,
              const char  *data,
              gsize        length,
              const char  *display_name,
              gsize        offset,
              ChronoError  code,
              const char  *format,
              va_list      args) G_GNUC_PRINTF (7, 0);

static void
set_error_va (GError     **error,
              const char  *data,
              gsize        length,
              const char  *display_name,
              gsize        offset,
              ChronoError  code,
              const char  *format,
              va_list      args)
{
  g_autofree char *message = NULL;
  guint line, column;

  if (error == NULL)
    return;

  message = g_strdup_vprintf (format, args);
  offset_to_position (data, length, offset, &line, &column);
  /* "NAME:LINE:COL: message" is the convention tools and editors parse,
   * not prose, so it is not translated. */
  g_set_error (error, CHRONO_ERROR, code, "%s:%u:%u: %s",
               display_name ? display_name : "-", line, column, message);
}

static gboolean
scanner_error (Scanner     *s,
               GError     **error,
               gsize        offset,
               ChronoError  code,
               const char  *format,
               ...) G_GNUC_PRINTF (5, 6);

static gboolean
scanner_error (Scanner     *s,
               GError     **error,
               gsize        offset,
               ChronoError  code,
               const char  *format,
               ...)
{
  va_list args;

  va_start (args, format);
  set_error_va (error, s->data, s->length, s->display_name, offset, code, format, args);
  va_end (args);
  return FALSE;
}

static void
frame_clear (gpointer data)
{
  Frame *frame = data;

  g_clear_pointer (&frame->node, json_node_unref);
  g_clear_pointer (&frame->key, g_free);
}

static inline void
skip_ws (Scanner *s)
{
  while (s->pos < s->length)
    {
      char c = s->data[s->pos];

      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      s->pos++;
    }
}

static gboolean
unexpected (Scanner  *s,
            GError  **error,
            const char *expected)
{
  const char *p;
  g_autofree char *ch = NULL;

  if (s->pos >= s->length)
    return scanner_error (s, error, s->pos, CHRONO_ERROR_SYNTAX,
                          _("unexpected end of the data (expected %s)"), expected);

  p = s->data + s->pos;
  if (*p == '/')
    return scanner_error (s, error, s->pos, CHRONO_ERROR_SYNTAX,
                          _("comments are not allowed in JSON"));
  if (*p == '\'')
    return scanner_error (s, error, s->pos, CHRONO_ERROR_SYNTAX,
                          _("strings must be in double quotes"));

  /* The input was validated as UTF-8 before parsing. */
  ch = g_strndup (p, g_utf8_next_char (p) - p);
  if ((guchar) *p < 0x20)
    return scanner_error (s, error, s->pos, CHRONO_ERROR_SYNTAX,
                          _("unexpected control character U+%04X (expected %s)"),
                          (guint) (guchar) *p, expected);
  return scanner_error (s, error, s->pos, CHRONO_ERROR_SYNTAX,
                        _("unexpected “%s” (expected %s)"), ch, expected);
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Scanner  *s,
           gunichar *out,
           GError  **error)
{
  gunichar value = 0;

  /* s->pos is on the 'u' of "\u". */
  for (guint i = 1; i <= 4; i++)
    {
      int v = s->pos + i < s->length ? hex_value (s->data[s->pos + i]) : -1;

      if (v < 0)
        return scanner_error (s, error, s->pos - 1, CHRONO_ERROR_SYNTAX,
                              _("invalid escape: “\\u” needs four hexadecimal digits"));
      value = value * 16 + (gunichar) v;
    }
  s->pos += 5;
  *out = value;
  return TRUE;
}

/* Reads the string starting at the opening quote at s->pos. */
static gboolean
parse_string (Scanner  *s,
              char    **out,
              GError  **error)
{
  gsize start = ++s->pos;
  GString *str = NULL;

  for (;;)
    {
      guchar c;

      if (s->pos >= s->length)
        {
          if (str)
            g_string_free (str, TRUE);
          return scanner_error (s, error, s->pos, CHRONO_ERROR_SYNTAX,
                                _("unexpected end of the data inside a string"));
        }

      c = (guchar) s->data[s->pos];
      if (c == '"')
        {
          if (str == NULL)
            *out = g_strndup (s->data + start, s->pos - start);
          else
            {
              g_string_append_len (str, s->data + start, s->pos - start);
              *out = g_string_free (str, FALSE);
            }
          s->pos++;
          return TRUE;
        }
      else if (c < 0x20)
        {
          if (str)
            g_string_free (str, TRUE);
          return scanner_error (s, error, s->pos, CHRONO_ERROR_SYNTAX,
                                _("control character U+%04X inside a string (write it as an escape such as \\n)"),
                                (guint) c);
        }
      else if (c == '\\')
        {
          gsize escape = s->pos;
          gunichar ch = 0;
          char e;

          if (str == NULL)
            str = g_string_sized_new (s->pos - start + 16);
          g_string_append_len (str, s->data + start, s->pos - start);

          s->pos++;
          e = s->pos < s->length ? s->data[s->pos] : '\0';
          switch (e)
            {
            case '"': ch = '"'; break;
            case '\\': ch = '\\'; break;
            case '/': ch = '/'; break;
            case 'b': ch = '\b'; break;
            case 'f': ch = '\f'; break;
            case 'n': ch = '\n'; break;
            case 'r': ch = '\r'; break;
            case 't': ch = '\t'; break;
            case 'u':
              if (!read_hex4 (s, &ch, error))
                goto fail;
              if (ch >= 0xD800 && ch <= 0xDBFF)
                {
                  gunichar low = 0;

                  if (s->pos + 1 < s->length && s->data[s->pos] == '\\' && s->data[s->pos + 1] == 'u')
                    {
                      s->pos++;
                      if (!read_hex4 (s, &low, error))
                        goto fail;
                    }
                  if (low < 0xDC00 || low > 0xDFFF)
                    {
                      scanner_error (s, error, escape, CHRONO_ERROR_SYNTAX,
                                     _("invalid escape: unpaired surrogate “\\u%04X”"), ch);
                      goto fail;
                    }
                  ch = 0x10000 + ((ch - 0xD800) << 10) + (low - 0xDC00);
                }
              else if (ch >= 0xDC00 && ch <= 0xDFFF)
                {
                  scanner_error (s, error, escape, CHRONO_ERROR_SYNTAX,
                                 _("invalid escape: unpaired surrogate “\\u%04X”"), ch);
                  goto fail;
                }
              else if (ch == 0)
                {
                  scanner_error (s, error, escape, CHRONO_ERROR_SYNTAX,
                                 _("a string must not contain the NUL character (\\u0000)"));
                  goto fail;
                }
              /* read_hex4 already moved past the digits. */
              g_string_append_unichar (str, ch);
              start = s->pos;
              continue;
            default:
              scanner_error (s, error, escape, CHRONO_ERROR_SYNTAX,
                             _("invalid escape sequence in a string"));
              goto fail;
            }
          g_string_append_c (str, (char) ch);
          s->pos++;
          start = s->pos;
        }
      else
        s->pos++;
    }

fail:
  g_string_free (str, TRUE);
  return FALSE;
}

static gboolean
parse_number (Scanner   *s,
              JsonNode **out,
              GError   **error)
{
  gsize start = s->pos;
  gboolean integral = TRUE;
  char buf[64];
  g_autofree char *heap = NULL;
  char *text;
  gsize len;

#define DIGIT(o) (s->pos + (o) < s->length && g_ascii_isdigit (s->data[s->pos + (o)]))
  if (s->data[s->pos] == '-')
    s->pos++;
  if (s->pos < s->length && s->data[s->pos] == '0')
    s->pos++;
  else if (DIGIT (0))
    while (DIGIT (0))
      s->pos++;
  else
    return unexpected (s, error, _("a digit"));

  if (s->pos < s->length && s->data[s->pos] == '.')
    {
      integral = FALSE;
      s->pos++;
      if (!DIGIT (0))
        return unexpected (s, error, _("a digit"));
      while (DIGIT (0))
        s->pos++;
    }
  if (s->pos < s->length && (s->data[s->pos] == 'e' || s->data[s->pos] == 'E'))
    {
      integral = FALSE;
      s->pos++;
      if (s->pos < s->length && (s->data[s->pos] == '+' || s->data[s->pos] == '-'))
        s->pos++;
      if (!DIGIT (0))
        return unexpected (s, error, _("a digit"));
      while (DIGIT (0))
        s->pos++;
    }
#undef DIGIT

  if (!s->build)
    return TRUE;

  len = s->pos - start;
  if (len < sizeof buf)
    {
      memcpy (buf, s->data + start, len);
      buf[len] = '\0';
      text = buf;
    }
  else
    text = heap = g_strndup (s->data + start, len);

  if (integral)
    {
      gint64 v;

      errno = 0;
      v = g_ascii_strtoll (text, NULL, 10);
      if (errno == 0)
        {
          *out = json_node_init_int (json_node_alloc (), v);
          return TRUE;
        }
      /* Too big for gint64: keep it as a double rather than wrap. */
    }

  {
    double d = g_ascii_strtod (text, NULL);

    if (!isfinite (d))
      return scanner_error (s, error, start, CHRONO_ERROR_SYNTAX,
                            _("the number %s is too large"), text);
    *out = json_node_init_double (json_node_alloc (), d);
  }
  return TRUE;
}

static gboolean
parse_literal (Scanner   *s,
               JsonNode **out,
               GError   **error)
{
  static const char *const words[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize len = strlen (words[i]);

      if (s->length - s->pos >= len && memcmp (s->data + s->pos, words[i], len) == 0)
        {
          s->pos += len;
          if (s->build)
            {
              if (i == 2)
                *out = json_node_init_null (json_node_alloc ());
              else
                *out = json_node_init_boolean (json_node_alloc (), i == 0);
            }
          return TRUE;
        }
    }
  return unexpected (s, error, _("a value"));
}

static gboolean
segment_is_index (const char *segment,
                  guint       index)
{
  guint64 v;

  if (segment[0] == '0' && segment[1] != '\0')
    return FALSE;
  if (!g_ascii_string_to_unsigned (segment, 10, 0, G_MAXUINT, &v, NULL))
    return FALSE;
  return v == index;
}

/* In place: "~1" is "/" and "~0" is "~" (RFC 6901). */
static void
unescape_segment (char *segment)
{
  char *w = segment;

  for (const char *r = segment; *r; r++)
    {
      if (r[0] == '~' && r[1] == '1')
        {
          *w++ = '/';
          r++;
        }
      else if (r[0] == '~' && r[1] == '0')
        {
          *w++ = '~';
          r++;
        }
      else
        *w++ = *r;
    }
  *w = '\0';
}

/* Called where each value starts; TRUE when the pointer's value is found. */
static gboolean
locator_enter (Locator *loc,
               GArray  *stack,
               gsize    offset,
               gboolean at_scalar)
{
  guint depth = stack->len;

  if (depth == 0)
    {
      loc->matched = 0;
      loc->offset = offset;
    }
  else if (loc->matched == depth - 1 && depth <= loc->n_segments)
    {
      Frame *top = &g_array_index (stack, Frame, depth - 1);
      const char *segment = loc->segments[depth - 1];
      gboolean same = top->is_object ? g_strcmp0 (top->key, segment) == 0
                                     : segment_is_index (segment, top->index);

      if (!same)
        return FALSE;
      loc->matched = depth;
      loc->offset = offset;
    }
  else
    return FALSE;

  if (loc->matched == loc->n_segments)
    {
      loc->found = TRUE;
      loc->done = TRUE;
    }
  else if (at_scalar)
    {
      /* The pointer goes on into a string or number: nothing to find. */
      loc->done = TRUE;
    }
  return loc->done;
}

/* The parser: iterative, so depth costs heap, not stack. */
static JsonNode *
run (Scanner *s,
     Locator *loc,
     GError **error)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, TRUE, sizeof (Frame));
  JsonNode *value = NULL;
  Frame *top;
  gsize offset;

  g_array_set_clear_func (stack, frame_clear);

  skip_ws (s);
  if (s->pos >= s->length)
    {
      scanner_error (s, error, s->pos, CHRONO_ERROR_SYNTAX, _("the data is empty"));
      return NULL;
    }

parse_value:
  skip_ws (s);
  offset = s->pos;
  if (loc != NULL &&
      locator_enter (loc, stack, offset,
                     s->pos < s->length && s->data[s->pos] != '{' && s->data[s->pos] != '['))
    return NULL;
  if (s->pos >= s->length)
    {
      unexpected (s, error, _("a value"));
      goto fail;
    }

  switch (s->data[s->pos])
    {
    case '{':
    case '[':
      {
        Frame frame = { NULL, NULL, 0, offset, s->data[s->pos] == '{' };

        if (stack->len >= CHRONO_JSON_MAX_DEPTH)
          {
            scanner_error (s, error, offset, CHRONO_ERROR_TOO_LARGE,
                           _("nesting deeper than %d levels"), CHRONO_JSON_MAX_DEPTH);
            goto fail;
          }
        if (s->build)
          {
            if (frame.is_object)
              {
                frame.node = json_node_new (JSON_NODE_OBJECT);
                json_node_take_object (frame.node, json_object_new ());
              }
            else
              {
                frame.node = json_node_new (JSON_NODE_ARRAY);
                json_node_take_array (frame.node, json_array_new ());
              }
          }
        g_array_append_val (stack, frame);
        s->pos++;
        skip_ws (s);
        if (s->pos < s->length && s->data[s->pos] == (frame.is_object ? '}' : ']'))
          {
            s->pos++;
            goto close_container;
          }
        if (frame.is_object)
          goto parse_key;
        goto parse_value;
      }

    case '"':
      {
        char *str = NULL;

        if (!parse_string (s, &str, error))
          goto fail;
        if (s->build)
          {
            value = json_node_new (JSON_NODE_VALUE);
            json_node_set_string (value, str);
          }
        g_free (str);
      }
      break;

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      if (!parse_number (s, &value, error))
        goto fail;
      break;

    default:
      if (!parse_literal (s, &value, error))
        goto fail;
      break;
    }
  goto value_done;

parse_key:
  skip_ws (s);
  top = &g_array_index (stack, Frame, stack->len - 1);
  offset = s->pos;
  if (s->pos >= s->length || s->data[s->pos] != '"')
    {
      unexpected (s, error, _("a member name in double quotes"));
      goto fail;
    }
  g_clear_pointer (&top->key, g_free);
  if (!parse_string (s, &top->key, error))
    goto fail;
  if (s->build && json_object_has_member (json_node_get_object (top->node), top->key))
    {
      scanner_error (s, error, offset, CHRONO_ERROR_DUPLICATE,
                     _("the member “%s” appears twice in the same object"), top->key);
      goto fail;
    }
  skip_ws (s);
  if (s->pos >= s->length || s->data[s->pos] != ':')
    {
      unexpected (s, error, _("“:”"));
      goto fail;
    }
  s->pos++;
  goto parse_value;

close_container:
  top = &g_array_index (stack, Frame, stack->len - 1);
  if (loc != NULL && loc->matched == stack->len - 1 && loc->n_segments > loc->matched)
    {
      /* The pointer goes into this container but names nothing in it. */
      loc->offset = top->offset;
      loc->done = TRUE;
      return NULL;
    }
  value = g_steal_pointer (&top->node);
  g_array_set_size (stack, stack->len - 1);
  goto value_done;

value_done:
  if (stack->len == 0)
    {
      skip_ws (s);
      if (s->pos < s->length)
        {
          unexpected (s, error, _("the end of the data"));
          goto fail;
        }
      return value;
    }

  top = &g_array_index (stack, Frame, stack->len - 1);
  if (top->is_object)
    {
      if (s->build)
        json_object_set_member (json_node_get_object (top->node), top->key, g_steal_pointer (&value));
      skip_ws (s);
      if (s->pos < s->length && s->data[s->pos] == ',')
        {
          s->pos++;
          goto parse_key;
        }
      if (s->pos < s->length && s->data[s->pos] == '}')
        {
          s->pos++;
          goto close_container;
        }
      unexpected (s, error, _("“,” or “}”"));
      goto fail;
    }
  else
    {
      if (s->build)
        json_array_add_element (json_node_get_array (top->node), g_steal_pointer (&value));
      top->index++;
      skip_ws (s);
      if (s->pos < s->length && s->data[s->pos] == ',')
        {
          s->pos++;
          goto parse_value;
        }
      if (s->pos < s->length && s->data[s->pos] == ']')
        {
          s->pos++;
          goto close_container;
        }
      unexpected (s, error, _("“,” or “]”"));
      goto fail;
    }

fail:
  g_clear_pointer (&value, json_node_unref);
  return NULL;
}

JsonNode *
chrono_json_parse (const char  *data,
                   gsize        length,
                   const char  *display_name,
                   GError     **error)
{
  Scanner s = { data, length, 0, display_name, TRUE };
  const char *end = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > CHRONO_FORMAT_MAX_INPUT)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_TOO_LARGE,
                   _("%s: the data is larger than %u MiB"),
                   display_name ? display_name : "-",
                   (guint) (CHRONO_FORMAT_MAX_INPUT >> 20));
      return NULL;
    }
  if (length == 0)
    {
      scanner_error (&s, error, 0, CHRONO_ERROR_SYNTAX, _("the data is empty"));
      return NULL;
    }

  /* Validating once up front lets the parser trust every byte it reads. */
  if (!g_utf8_validate_len (data, length, &end))
    {
      gsize bad = end - data;

      if (data[bad] == '\0')
        scanner_error (&s, error, bad, CHRONO_ERROR_SYNTAX,
                       _("the data contains a NUL byte"));
      else
        scanner_error (&s, error, bad, CHRONO_ERROR_SYNTAX,
                       _("the data is not valid UTF-8 text"));
      return NULL;
    }

  s.pos = bom_length (data, length);
  return run (&s, NULL, error);
}

gboolean
chrono_json_locate (const char *data,
                    gsize       length,
                    const char *pointer,
                    guint      *line,
                    guint      *column)
{
  Scanner s = { data, length, 0, NULL, FALSE };
  Locator loc = { NULL, 0, 0, FALSE, FALSE, 0 };
  guint l, c;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (pointer != NULL, FALSE);

  if (pointer[0] != '\0')
    {
      /* "/a~1b/0" → ["a/b", "0"] */
      if (pointer[0] != '/')
        return FALSE;
      loc.segments = g_strsplit (pointer + 1, "/", -1);
      loc.n_segments = g_strv_length (loc.segments);
      for (guint i = 0; i < loc.n_segments; i++)
        unescape_segment (loc.segments[i]);
    }

  s.pos = bom_length (data, length);
  if (length > 0 && length <= CHRONO_FORMAT_MAX_INPUT && g_utf8_validate_len (data, length, NULL))
    run (&s, &loc, NULL);
  g_strfreev (loc.segments);

  /* Not done: the pointer went into a scalar (or the data is broken);
   * loc.offset is then the deepest value that matched. */
  offset_to_position (data, length, loc.offset, &l, &c);
  if (line)
    *line = l;
  if (column)
    *column = c;
  return loc.found;
}

void
chrono_json_set_error (GError               **error,
                       const ChronoJsonInput *input,
                       ChronoError            code,
                       const char            *pointer,
                       const char            *format,
                       ...)
{
  g_autofree char *message = NULL;
  va_list args;
  guint line, column;

  g_return_if_fail (input != NULL);
  g_return_if_fail (format != NULL);

  if (error == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  chrono_json_locate (input->data, input->length, pointer ? pointer : "", &line, &column);
  g_set_error (error, CHRONO_ERROR, code, "%s:%u:%u: %s",
               input->display_name ? input->display_name : "-", line, column, message);
}

void
chrono_json_pointer_append (GString    *pointer,
                            const char *segment)
{
  g_return_if_fail (pointer != NULL);
  g_return_if_fail (segment != NULL);

  g_string_append_c (pointer, '/');
  for (const char *p = segment; *p; p++)
    {
      if (*p == '~')
        g_string_append (pointer, "~0");
      else if (*p == '/')
        g_string_append (pointer, "~1");
      else
        g_string_append_c (pointer, *p);
    }
}

const char *
chrono_json_node_type_name (JsonNode *node)
{
  if (node == NULL)
    return _("nothing");

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          return _("a string");
        if (type == G_TYPE_BOOLEAN)
          return _("true or false");
        return _("a number");
      }
    default:
      return _("an unknown value");
    }
}

const char *
chrono_json_node_get_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
chrono_json_node_get_integer (JsonNode *node,
                              gint64   *out)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      if (out)
        *out = json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      /* 2^63 itself does not fit: the upper bound is exclusive. */
      if (!isfinite (d) || floor (d) != d ||
          d < -9223372036854775808.0 || d >= 9223372036854775808.0)
        return FALSE;
      if (out)
        *out = (gint64) d;
      return TRUE;
    }
  return FALSE;
}

JsonObject *
chrono_json_node_get_object (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

JsonArray *
chrono_json_node_get_array (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}
