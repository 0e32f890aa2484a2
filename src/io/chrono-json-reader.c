/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-io"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "chrono-format.h"
#include "chrono-json-scanner.h"

/* ChronoJsonReader, the streaming reader the loaders use for inputs too
 * large to hold as nodes: over memory or a GInputStream read in chunks,
 * it peeks at the next value, enters objects and arrays (names checked for
 * duplicates), reads strings and numbers, skips or copies whole values and
 * lets a stream's window move on (_release). Its tokens come from the
 * scanner (chrono-json-scanner.h), whole values from the parser
 * (_chrono_json_run() in chrono-json-parse.c). */

#define DEFAULT_CHUNK_SIZE ((gsize) 256 * 1024)

static gsize default_chunk_size = DEFAULT_CHUNK_SIZE;

/* TRUE and *@out when @number has an integral value that fits in gint64. */
static gboolean
number_get_integer (const Number *number,
                    gint64       *out)
{
  double d = number->real;

  if (number->is_integer)
    {
      *out = number->integer;
      return TRUE;
    }
  /* 2^63 itself does not fit: the upper bound is exclusive. */
  if (!isfinite (d) || floor (d) != d ||
      d < -9223372036854775808.0 || d >= 9223372036854775808.0)
    return FALSE;
  *out = (gint64) d;
  return TRUE;
}

void
chrono_json_set_stream_chunk_size (gsize size)
{
  default_chunk_size = size > 0 ? size : DEFAULT_CHUNK_SIZE;
}

ChronoJsonReader *
chrono_json_reader_new (const char *data,
                        gsize       length,
                        const char *display_name)
{
  ChronoJsonReader *r;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  r = g_new0 (ChronoJsonReader, 1);
  r->display_name = g_strdup (display_name);
  r->s.data = data;
  r->s.length = length;
  r->s.display_name = r->display_name;
  r->s.build = TRUE;
  r->s.reader = r;
  r->frames = g_array_new (FALSE, TRUE, sizeof (ReaderFrame));
  r->key = g_string_new (NULL);
  return r;
}

ChronoJsonReader *
chrono_json_reader_new_for_stream (GInputStream *stream,
                                   GCancellable *cancellable,
                                   const char   *display_name)
{
  ChronoJsonReader *r;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  r = chrono_json_reader_new (NULL, 0, display_name);
  r->stream = g_object_ref (stream);
  r->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  r->chunk_size = default_chunk_size;
  r->base_line = 1;
  r->base_column = 1;
  return r;
}

void
chrono_json_reader_free (ChronoJsonReader *r)
{
  if (r == NULL)
    return;

  for (guint i = 0; i < r->frames->len; i++)
    {
      ReaderFrame *f = &g_array_index (r->frames, ReaderFrame, i);

      _chrono_json_name_set_clear (&f->names);
    }
  g_array_unref (r->frames);
  g_string_free (r->key, TRUE);
  g_clear_object (&r->stream);
  g_clear_object (&r->cancellable);
  g_clear_error (&r->io_error);
  g_free (r->buf);
  g_free (r->display_name);
  g_free (r);
}

static gboolean
reader_start (ChronoJsonReader *r,
              GError          **error)
{
  Scanner *s = &r->s;

  if (r->started)
    return TRUE;
  r->started = TRUE;

  if (r->stream != NULL)
    {
      /* A failure shows at the first read of a value. */
      if (AVAIL (s, 3))
        s->pos = _chrono_json_bom_length (s->data, s->length);
      return TRUE;
    }

  if (s->length > CHRONO_FORMAT_MAX_INPUT)
    {
      _chrono_json_set_too_large_error (error, r->display_name);
      return FALSE;
    }
  /* Memory is validated once up front, as by chrono_json_parse(). */
  if (s->length > 0)
    {
      const char *end = NULL;

      if (!_chrono_json_validate_utf8 (s->data, s->length, &end))
        {
          gsize bad = end - s->data;

          if (s->data[bad] == '\0')
            return _chrono_json_scanner_error (s, error, bad, CHRONO_ERROR_SYNTAX,
                                               _("the data contains a NUL byte"));
          return _chrono_json_scanner_error (s, error, bad, CHRONO_ERROR_SYNTAX,
                                             _("the data is not valid UTF-8 text"));
        }
    }
  s->pos = _chrono_json_bom_length (s->data, s->length);
  return TRUE;
}

gboolean
chrono_json_reader_peek (ChronoJsonReader *r,
                         ChronoJsonKind   *kind,
                         gsize            *offset,
                         GError          **error)
{
  Scanner *s = &r->s;

  g_return_val_if_fail (r != NULL, FALSE);

  if (!reader_start (r, error))
    return FALSE;

  _chrono_json_skip_ws (s);
  if (!AVAIL (s, 1))
    {
      if (r->depth == 0)
        return _chrono_json_scanner_error (s, error, s->pos, CHRONO_ERROR_SYNTAX, _("the data is empty"));
      return _chrono_json_unexpected (s, error, _("a value"));
    }

  switch (s->data[s->pos])
    {
    case '{': *kind = CHRONO_JSON_KIND_OBJECT; break;
    case '[': *kind = CHRONO_JSON_KIND_ARRAY; break;
    case '"': *kind = CHRONO_JSON_KIND_STRING; break;
    case 't': case 'f': *kind = CHRONO_JSON_KIND_BOOLEAN; break;
    case 'n': *kind = CHRONO_JSON_KIND_NULL; break;
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      *kind = CHRONO_JSON_KIND_NUMBER;
      break;
    default:
      return _chrono_json_unexpected (s, error, _("a value"));
    }
  if (offset != NULL)
    *offset = r->base + s->pos;
  return TRUE;
}

gboolean
chrono_json_reader_enter (ChronoJsonReader *r,
                          GError          **error)
{
  Scanner *s = &r->s;
  ReaderFrame *f;

  g_return_val_if_fail (r != NULL, FALSE);
  g_return_val_if_fail (s->pos < s->length &&
                        (s->data[s->pos] == '{' || s->data[s->pos] == '['), FALSE);

  if (r->depth >= CHRONO_JSON_MAX_DEPTH)
    return _chrono_json_scanner_error (s, error, s->pos, CHRONO_ERROR_TOO_LARGE,
                                       _("nesting deeper than %d levels"), CHRONO_JSON_MAX_DEPTH);

  if (r->frames->len <= r->depth)
    g_array_set_size (r->frames, r->depth + 1);
  f = &g_array_index (r->frames, ReaderFrame, r->depth);
  f->is_object = s->data[s->pos] == '{';
  f->count = 0;
  _chrono_json_name_set_reset (&f->names);

  r->depth++;
  s->depth = r->depth;
  s->pos++;
  return TRUE;
}

static void
reader_leave (ChronoJsonReader *r)
{
  r->depth--;
  r->s.depth = r->depth;
  r->s.pos++;
}

gboolean
chrono_json_reader_next_member (ChronoJsonReader *r,
                                const char      **name,
                                GError          **error)
{
  Scanner *s = &r->s;
  ReaderFrame *f;
  gsize offset;

  g_return_val_if_fail (r != NULL && r->depth > 0, FALSE);
  f = &g_array_index (r->frames, ReaderFrame, r->depth - 1);
  g_return_val_if_fail (f->is_object, FALSE);

  *name = NULL;
  _chrono_json_skip_ws (s);
  if (AVAIL (s, 1) && s->data[s->pos] == '}')
    {
      reader_leave (r);
      return TRUE;
    }
  if (f->count > 0)
    {
      if (!AVAIL (s, 1) || s->data[s->pos] != ',')
        return _chrono_json_unexpected (s, error, _("“,” or “}”"));
      s->pos++;
      _chrono_json_skip_ws (s);
    }

  offset = s->pos;
  if (!AVAIL (s, 1) || s->data[s->pos] != '"')
    return _chrono_json_unexpected (s, error, _("a member name in double quotes"));
  g_string_truncate (r->key, 0);
  if (!_chrono_json_parse_string (s, r->key, error))
    return FALSE;
  if (!_chrono_json_name_set_add (&f->names, r->key->str, r->key->len))
    return _chrono_json_scanner_error (s, error, offset, CHRONO_ERROR_DUPLICATE,
                                       _("the member “%s” appears twice in the same object"), r->key->str);
  _chrono_json_skip_ws (s);
  if (!AVAIL (s, 1) || s->data[s->pos] != ':')
    return _chrono_json_unexpected (s, error, _("“:”"));
  s->pos++;
  f->count++;
  *name = r->key->str;
  return TRUE;
}

gboolean
chrono_json_reader_next_element (ChronoJsonReader *r,
                                 gboolean         *has_element,
                                 GError          **error)
{
  Scanner *s = &r->s;
  ReaderFrame *f;

  g_return_val_if_fail (r != NULL && r->depth > 0, FALSE);
  f = &g_array_index (r->frames, ReaderFrame, r->depth - 1);
  g_return_val_if_fail (!f->is_object, FALSE);

  *has_element = FALSE;
  _chrono_json_skip_ws (s);
  if (AVAIL (s, 1) && s->data[s->pos] == ']')
    {
      reader_leave (r);
      return TRUE;
    }
  if (f->count > 0)
    {
      if (!AVAIL (s, 1) || s->data[s->pos] != ',')
        return _chrono_json_unexpected (s, error, _("“,” or “]”"));
      s->pos++;
    }
  f->count++;
  *has_element = TRUE;
  return TRUE;
}

gboolean
chrono_json_reader_read_string (ChronoJsonReader *r,
                                GString          *out,
                                GError          **error)
{
  g_return_val_if_fail (r != NULL, FALSE);
  g_return_val_if_fail (r->s.pos < r->s.length && r->s.data[r->s.pos] == '"', FALSE);

  return _chrono_json_parse_string (&r->s, out, error);
}

gboolean
chrono_json_reader_read_integer (ChronoJsonReader *r,
                                 gboolean         *is_integer,
                                 gint64           *value,
                                 GError          **error)
{
  Number number;

  g_return_val_if_fail (r != NULL, FALSE);

  if (!_chrono_json_parse_number (&r->s, &number, error))
    return FALSE;
  *is_integer = number_get_integer (&number, value);
  return TRUE;
}

JsonNode *
chrono_json_reader_read_node (ChronoJsonReader *r,
                              GError          **error)
{
  JsonNode *node = NULL;

  g_return_val_if_fail (r != NULL, NULL);

  if (!reader_start (r, error))
    return NULL;
  r->s.build = TRUE;
  r->s.depth = r->depth;
  if (!_chrono_json_run (&r->s, NULL, FALSE, &node, error))
    return NULL;
  return node;
}

gboolean
chrono_json_reader_skip (ChronoJsonReader *r,
                         GError          **error)
{
  Scanner *s = &r->s;
  gboolean ok;

  g_return_val_if_fail (r != NULL, FALSE);

  if (!reader_start (r, error))
    return FALSE;
  _chrono_json_skip_ws (s);
  if (AVAIL (s, 1) && s->data[s->pos] == '"')
    return _chrono_json_parse_string (s, NULL, error);

  /* Checked, not built: a hostile value costs no memory per node. */
  s->build = FALSE;
  s->depth = r->depth;
  ok = _chrono_json_run (s, NULL, FALSE, NULL, error);
  s->build = TRUE;
  return ok;
}

gboolean
chrono_json_reader_read_raw (ChronoJsonReader *r,
                             GString          *out,
                             GError          **error)
{
  ChronoJsonKind kind;
  const char *text;
  gsize offset, length;

  g_return_val_if_fail (r != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!chrono_json_reader_peek (r, &kind, &offset, error) ||
      !chrono_json_reader_skip (r, error))
    return FALSE;
  /* Nothing was released in between: the text is all in the window. */
  text = chrono_json_reader_peek_text (r, offset, &length);
  g_string_append_len (out, text, length);
  return TRUE;
}

gboolean
chrono_json_reader_finish (ChronoJsonReader *r,
                           GError          **error)
{
  Scanner *s = &r->s;

  g_return_val_if_fail (r != NULL && r->depth == 0, FALSE);

  _chrono_json_skip_ws (s);
  if (AVAIL (s, 1))
    return _chrono_json_unexpected (s, error, _("the end of the data"));
  return !_chrono_json_reader_input_error (r, error);
}

void
chrono_json_reader_release (ChronoJsonReader *r)
{
  g_return_if_fail (r != NULL);

  /* Moving the rest down costs little once a chunk has been passed. */
  if (r->stream != NULL && r->s.pos >= r->chunk_size)
    _chrono_json_reader_discard (r, r->s.pos);
}

gsize
chrono_json_reader_get_offset (ChronoJsonReader *r)
{
  g_return_val_if_fail (r != NULL, 0);

  return r->base + r->s.pos;
}

const char *
chrono_json_reader_peek_text (ChronoJsonReader *r,
                              gsize             offset,
                              gsize            *length)
{
  g_return_val_if_fail (r != NULL, NULL);
  g_return_val_if_fail (offset >= r->base && offset <= r->base + r->s.pos, NULL);

  *length = r->base + r->s.pos - offset;
  return r->s.data + (offset - r->base);
}

void
chrono_json_reader_get_position (ChronoJsonReader *r,
                                 gsize             offset,
                                 guint            *line,
                                 guint            *column)
{
  guint l = 1, c = 1;

  g_return_if_fail (r != NULL);

  if (offset >= r->base)
    _chrono_json_scanner_position (&r->s, offset - r->base, &l, &c);
  else
    g_critical ("%s: offset %" G_GSIZE_FORMAT " was released", G_STRFUNC, offset);
  if (line != NULL)
    *line = l;
  if (column != NULL)
    *column = c;
}

void
chrono_json_reader_set_error (ChronoJsonReader *r,
                              GError          **error,
                              ChronoError       code,
                              gsize             offset,
                              const char       *format,
                              ...)
{
  g_autofree char *message = NULL;
  va_list args;
  guint line, column;

  g_return_if_fail (r != NULL);

  if (error == NULL)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  chrono_json_reader_get_position (r, offset, &line, &column);
  _chrono_json_set_positioned_error (error, r->display_name, line, column, code, message);
}
