/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-io"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "chrono-format.h"
#include "chrono-json-scanner.h"

/* The parser over the scanner: _chrono_json_run(), iterative rather than
 * recursive, builds json-glib nodes, only checks the syntax (the reader's
 * skip) or finds where a JSON Pointer's value starts; chrono_json_parse()
 * over a whole document, chrono_json_locate() and chrono_json_set_error(),
 * which positions an error at a pointer only when one is raised. */

typedef struct {
  JsonNode   *node;      /* the container being built; NULL when locating */
  char       *key;       /* member name of the value being parsed (objects) */
  guint       index;     /* index of the element being parsed (arrays) */
  gsize       offset;    /* where the container starts */
  gboolean    is_object;
} Frame;

struct _Locator {
  char  **segments;
  guint   n_segments;
  guint   matched;       /* leading segments matched by the current path */
  gboolean done;
  gboolean found;
  gsize   offset;        /* the value found, or its deepest ancestor */
};

static void
frame_clear (gpointer data)
{
  Frame *frame = data;

  g_clear_pointer (&frame->node, json_node_unref);
  g_clear_pointer (&frame->key, g_free);
}

static JsonNode *
number_to_node (const Number *number)
{
  if (number->is_integer)
    return json_node_init_int (json_node_alloc (), number->integer);
  return json_node_init_double (json_node_alloc (), number->real);
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

      if (AVAIL (s, len) && memcmp (s->data + s->pos, words[i], len) == 0)
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
  return _chrono_json_unexpected (s, error, _("a value"));
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

/* The parser: iterative, so depth costs heap, not stack. Builds nodes
 * (s->build), finds a pointer (@loc) or only checks the syntax, duplicate
 * names included, at a cost that does not grow with the number of values.
 * Returns FALSE on a syntax error; the node in *@out when building. */
gboolean
_chrono_json_run (Scanner   *s,
                  Locator   *loc,
                  gboolean   whole,
                  JsonNode **out,
                  GError   **error)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, TRUE, sizeof (Frame));
  g_autoptr(GArray) name_sets = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  JsonNode *value = NULL;
  Frame *top;
  gsize offset;

  g_array_set_clear_func (stack, frame_clear);
  if (!s->build && loc == NULL)
    {
      /* One set per open object, reused by its siblings. */
      name_sets = g_array_new (FALSE, TRUE, sizeof (NameSet));
      g_array_set_clear_func (name_sets, _chrono_json_name_set_clear);
    }

  if (whole)
    {
      _chrono_json_skip_ws (s);
      if (!AVAIL (s, 1))
        return _chrono_json_scanner_error (s, error, s->pos, CHRONO_ERROR_SYNTAX, _("the data is empty"));
    }

parse_value:
  _chrono_json_skip_ws (s);
  offset = s->pos;
  if (loc != NULL &&
      locator_enter (loc, stack, offset,
                     AVAIL (s, 1) && s->data[s->pos] != '{' && s->data[s->pos] != '['))
    return TRUE;
  if (!AVAIL (s, 1))
    {
      _chrono_json_unexpected (s, error, _("a value"));
      goto fail;
    }

  switch (s->data[s->pos])
    {
    case '{':
    case '[':
      {
        Frame frame = { NULL, NULL, 0, offset, s->data[s->pos] == '{' };

        if (stack->len + s->depth >= CHRONO_JSON_MAX_DEPTH)
          {
            _chrono_json_scanner_error (s, error, offset, CHRONO_ERROR_TOO_LARGE,
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
        if (name_sets != NULL && frame.is_object)
          {
            if (name_sets->len < stack->len)
              g_array_set_size (name_sets, stack->len);
            _chrono_json_name_set_reset (&g_array_index (name_sets, NameSet, stack->len - 1));
          }
        s->pos++;
        _chrono_json_skip_ws (s);
        if (AVAIL (s, 1) && s->data[s->pos] == (frame.is_object ? '}' : ']'))
          {
            s->pos++;
            goto close_container;
          }
        if (frame.is_object)
          goto parse_key;
        goto parse_value;
      }

    case '"':
      g_string_truncate (text, 0);
      if (!_chrono_json_parse_string (s, s->build ? text : NULL, error))
        goto fail;
      if (s->build)
        {
          value = json_node_new (JSON_NODE_VALUE);
          json_node_set_string (value, text->str);
        }
      break;

    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      {
        Number number;

        if (!_chrono_json_parse_number (s, s->build ? &number : NULL, error))
          goto fail;
        if (s->build)
          value = number_to_node (&number);
      }
      break;

    default:
      if (!parse_literal (s, &value, error))
        goto fail;
      break;
    }
  goto value_done;

parse_key:
  _chrono_json_skip_ws (s);
  top = &g_array_index (stack, Frame, stack->len - 1);
  offset = s->pos;
  if (!AVAIL (s, 1) || s->data[s->pos] != '"')
    {
      _chrono_json_unexpected (s, error, _("a member name in double quotes"));
      goto fail;
    }
  g_clear_pointer (&top->key, g_free);
  g_string_truncate (text, 0);
  if (!_chrono_json_parse_string (s, text, error))
    goto fail;
  if (name_sets != NULL ?
      !_chrono_json_name_set_add (&g_array_index (name_sets, NameSet, stack->len - 1), text->str, text->len) :
      s->build && json_object_has_member (json_node_get_object (top->node), text->str))
    {
      _chrono_json_scanner_error (s, error, offset, CHRONO_ERROR_DUPLICATE,
                                  _("the member “%s” appears twice in the same object"), text->str);
      goto fail;
    }
  if (name_sets == NULL)
    top->key = g_strndup (text->str, text->len);
  _chrono_json_skip_ws (s);
  if (!AVAIL (s, 1) || s->data[s->pos] != ':')
    {
      _chrono_json_unexpected (s, error, _("“:”"));
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
      return TRUE;
    }
  value = g_steal_pointer (&top->node);
  g_array_set_size (stack, stack->len - 1);
  goto value_done;

value_done:
  if (stack->len == 0)
    {
      if (whole)
        {
          _chrono_json_skip_ws (s);
          if (AVAIL (s, 1))
            {
              _chrono_json_unexpected (s, error, _("the end of the data"));
              goto fail;
            }
        }
      if (out != NULL)
        *out = g_steal_pointer (&value);
      g_clear_pointer (&value, json_node_unref);
      return TRUE;
    }

  top = &g_array_index (stack, Frame, stack->len - 1);
  if (top->is_object)
    {
      if (s->build)
        json_object_set_member (json_node_get_object (top->node), top->key, g_steal_pointer (&value));
      _chrono_json_skip_ws (s);
      if (AVAIL (s, 1) && s->data[s->pos] == ',')
        {
          s->pos++;
          goto parse_key;
        }
      if (AVAIL (s, 1) && s->data[s->pos] == '}')
        {
          s->pos++;
          goto close_container;
        }
      _chrono_json_unexpected (s, error, _("“,” or “}”"));
      goto fail;
    }
  else
    {
      if (s->build)
        json_array_add_element (json_node_get_array (top->node), g_steal_pointer (&value));
      top->index++;
      _chrono_json_skip_ws (s);
      if (AVAIL (s, 1) && s->data[s->pos] == ',')
        {
          s->pos++;
          goto parse_value;
        }
      if (AVAIL (s, 1) && s->data[s->pos] == ']')
        {
          s->pos++;
          goto close_container;
        }
      _chrono_json_unexpected (s, error, _("“,” or “]”"));
      goto fail;
    }

fail:
  g_clear_pointer (&value, json_node_unref);
  return FALSE;
}

JsonNode *
chrono_json_parse (const char  *data,
                   gsize        length,
                   const char  *display_name,
                   GError     **error)
{
  Scanner s = { data, length, 0, display_name, TRUE };
  const char *end = NULL;
  JsonNode *root = NULL;

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
      _chrono_json_scanner_error (&s, error, 0, CHRONO_ERROR_SYNTAX, _("the data is empty"));
      return NULL;
    }

  /* Validating once up front lets the parser trust every byte it reads. */
  if (!_chrono_json_validate_utf8 (data, length, &end))
    {
      gsize bad = end - data;

      if (data[bad] == '\0')
        _chrono_json_scanner_error (&s, error, bad, CHRONO_ERROR_SYNTAX,
                                    _("the data contains a NUL byte"));
      else
        _chrono_json_scanner_error (&s, error, bad, CHRONO_ERROR_SYNTAX,
                                    _("the data is not valid UTF-8 text"));
      return NULL;
    }

  s.pos = _chrono_json_bom_length (data, length);
  if (!_chrono_json_run (&s, NULL, TRUE, &root, error))
    return NULL;
  return root;
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

  s.pos = _chrono_json_bom_length (data, length);
  if (length > 0 && length <= CHRONO_FORMAT_MAX_INPUT && _chrono_json_validate_utf8 (data, length, NULL))
    _chrono_json_run (&s, &loc, TRUE, NULL, NULL);
  g_strfreev (loc.segments);

  /* Not done: the pointer went into a scalar (or the data is broken);
   * loc.offset is then the deepest value that matched. */
  _chrono_json_offset_to_position (data, length, loc.offset, &l, &c);
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
