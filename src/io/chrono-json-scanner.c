/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-io"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "chrono-format.h"
#include "chrono-json-scanner.h"

/* The JSON scanner below the parser and the reader: UTF-8 validation,
 * byte offsets to lines and columns, "NAME:LINE:COL: message" errors, the
 * stream input that refills the scanner's window, the tokens that are not
 * inlined (escapes, numbers) and freeing the duplicate-name sets. Strings,
 * white space and member names are in chrono-json-scanner.h. */

/* As g_utf8_validate_len() (which also stops at a NUL byte), faster on the
 * ASCII that makes up most JSON: eight bytes at a time. */
gboolean
_chrono_json_validate_utf8 (const char  *data,
                            gsize        length,
                            const char **end)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  gsize i = 0;

  for (;;)
    {
      const char *stop = NULL;
      gsize block;

      while (i + 8 <= length)
        {
          guint64 v;

          memcpy (&v, data + i, 8);
          /* Any byte >= 0x80, or any zero byte. */
          if ((v & high) != 0 || ((v - ones) & ~v & high) != 0)
            break;
          i += 8;
        }
      if (i == length)
        return TRUE;

      block = MIN (length - i, 64);
      if (g_utf8_validate_len (data + i, block, &stop))
        {
          i += block;
          continue;
        }
      /* A character cut by the end of the block: go on from it. */
      if (stop > data + i && i + block < length)
        {
          i = stop - data;
          continue;
        }
      if (end != NULL)
        *end = stop;
      return FALSE;
    }
}

gsize
_chrono_json_bom_length (const char *data,
                         gsize       length)
{
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    return 3;
  return 0;
}

void
_chrono_json_offset_to_position (const char *data,
                                 gsize       length,
                                 gsize       offset,
                                 guint      *line,
                                 guint      *column)
{
  gsize line_start = _chrono_json_bom_length (data, length);
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

/* Lines and columns over data[from, to), going on from @line and @column. */
static void
count_position (const char *data,
                gsize       from,
                gsize       to,
                guint      *line,
                guint      *column)
{
  const char *p = data + from;
  const char *end = data + to;
  const char *nl;

  while (p < end && (nl = memchr (p, '\n', end - p)) != NULL)
    {
      (*line)++;
      *column = 1;
      p = nl + 1;
    }
  /* Columns count characters: skip UTF-8 continuation bytes. */
  for (; p < end; p++)
    if (((guchar) *p & 0xC0) != 0x80)
      (*column)++;
}

/* The position of window offset @offset. */
void
_chrono_json_scanner_position (Scanner *s,
                               gsize    offset,
                               guint   *line,
                               guint   *column)
{
  ChronoJsonReader *r = s->reader;

  if (r == NULL)
    {
      _chrono_json_offset_to_position (s->data, s->length, offset, line, column);
      return;
    }
  if (r->stream == NULL)
    {
      /* Callers mostly ask in order: go on from the last answer. */
      offset = MIN (offset, s->length);
      if (offset < r->memo_offset || r->memo_line == 0)
        {
          r->memo_offset = 0;
          r->memo_line = 1;
          r->memo_column = 1;
        }
      count_position (s->data,
                      r->memo_offset == 0 ? MIN (_chrono_json_bom_length (s->data, s->length), offset)
                                          : r->memo_offset,
                      offset, &r->memo_line, &r->memo_column);
      r->memo_offset = offset;
      *line = r->memo_line;
      *column = r->memo_column;
      return;
    }

  *line = r->base_line;
  *column = r->base_column;
  count_position (r->buf, r->base == 0 ? _chrono_json_bom_length (r->buf, r->raw_length) : 0,
                  MIN (offset, r->raw_length), line, column);
}

void
_chrono_json_set_positioned_error (GError      **error,
                                   const char   *display_name,
                                   guint         line,
                                   guint         column,
                                   ChronoError   code,
                                   const char   *message)
{
  /* "NAME:LINE:COL: message" is the convention tools and editors parse,
   * not prose, so it is not translated. */
  g_set_error (error, CHRONO_ERROR, code, "%s:%u:%u: %s",
               display_name ? display_name : "-", line, column, message);
}

void
_chrono_json_set_too_large_error (GError    **error,
                                  const char *display_name)
{
  g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_TOO_LARGE,
               _("%s: the data is larger than %u MiB"),
               display_name ? display_name : "-",
               (guint) (CHRONO_FORMAT_MAX_INPUT >> 20));
}

/* Stream input */

/* Drops buf[0, drop), keeping the position of what follows. */
void
_chrono_json_reader_discard (ChronoJsonReader *r,
                             gsize             drop)
{
  if (drop == 0)
    return;

  count_position (r->buf, r->base == 0 ? MIN (_chrono_json_bom_length (r->buf, r->raw_length), drop) : 0,
                  drop, &r->base_line, &r->base_column);
  memmove (r->buf, r->buf + drop, r->raw_length - drop);
  r->base += drop;
  r->raw_length -= drop;
  r->s.length -= drop;
  r->s.pos = r->s.pos > drop ? r->s.pos - drop : 0;
}

static void
reader_mark_bad (ChronoJsonReader *r,
                 gsize             offset,
                 gboolean          nul)
{
  r->bad_text = TRUE;
  r->bad_nul = nul;
  r->bad_offset = r->base + offset;
}

/* Moves s.length over the new bytes that are valid UTF-8 without NULs,
 * leaving an incomplete character at the end for the next read. */
static void
reader_validate (ChronoJsonReader *r)
{
  const char *end = NULL;
  gsize good;

  if (_chrono_json_validate_utf8 (r->buf + r->s.length, r->raw_length - r->s.length, &end))
    {
      r->s.length = r->raw_length;
      return;
    }

  good = end - r->buf;
  r->s.length = good;
  if (*end != '\0' && g_utf8_get_char_validated (end, r->raw_length - good) == (gunichar) -2)
    return;
  reader_mark_bad (r, good, *end == '\0');
}

static void
reader_read_chunk (ChronoJsonReader *r)
{
  gssize n;

  if (r->capacity - r->raw_length < r->chunk_size)
    {
      r->capacity = MAX (r->capacity * 2, r->raw_length + r->chunk_size);
      r->buf = g_realloc (r->buf, r->capacity);
      r->s.data = r->buf;
    }

  n = g_input_stream_read (r->stream, r->buf + r->raw_length, r->chunk_size,
                           r->cancellable, &r->io_error);
  if (n < 0)
    return;
  if (n == 0)
    {
      r->eof = TRUE;
      /* A character cut off by the end. */
      if (r->s.length < r->raw_length)
        reader_mark_bad (r, r->s.length, FALSE);
      return;
    }

  r->total += n;
  if (r->total > CHRONO_FORMAT_MAX_INPUT)
    {
      r->too_large = TRUE;
      return;
    }
  r->raw_length += n;
  reader_validate (r);
}

gboolean
_chrono_json_scanner_fill (Scanner *s,
                           gsize    n)
{
  ChronoJsonReader *r = s->reader;

  if (r == NULL || r->stream == NULL)
    return FALSE;

  while (s->pos + n > s->length)
    {
      if (r->eof || r->io_error != NULL || r->too_large || r->bad_text)
        return FALSE;
      reader_read_chunk (r);
    }
  return TRUE;
}

/* After an error: reads the rest, since a problem with the input as a whole
 * (unreadable, too large, not UTF-8) is reported before any other, as when
 * the input is checked up front. */
static void
reader_drain (ChronoJsonReader *r)
{
  while (!r->eof && r->io_error == NULL && !r->too_large && !r->bad_text)
    {
      _chrono_json_reader_discard (r, r->s.length);
      reader_read_chunk (r);
    }
}

/* Sets @error to a problem with the input as a whole, if there is one. */
gboolean
_chrono_json_reader_input_error (ChronoJsonReader *r,
                                 GError          **error)
{
  if (r == NULL || r->stream == NULL)
    return FALSE;

  if (r->io_error != NULL)
    {
      g_set_error (error, r->io_error->domain, r->io_error->code, "%s: %s",
                   r->display_name ? r->display_name : "-", r->io_error->message);
      return TRUE;
    }
  if (r->too_large)
    {
      _chrono_json_set_too_large_error (error, r->display_name);
      return TRUE;
    }
  if (r->bad_text)
    {
      guint line, column;

      /* Still in the buffer: nothing after it was validated, so nothing
       * after it was read as data, and discarding stops before it. */
      _chrono_json_scanner_position (&r->s, r->bad_offset - r->base, &line, &column);
      _chrono_json_set_positioned_error (error, r->display_name, line, column, CHRONO_ERROR_SYNTAX,
                                         r->bad_nul ? _("the data contains a NUL byte")
                                                    : _("the data is not valid UTF-8 text"));
      return TRUE;
    }
  return FALSE;
}

gboolean
_chrono_json_scanner_error (Scanner     *s,
                            GError     **error,
                            gsize        offset,
                            ChronoError  code,
                            const char  *format,
                            ...)
{
  g_autofree char *message = NULL;
  va_list args;
  guint line, column;

  if (error == NULL)
    return FALSE;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  _chrono_json_scanner_position (s, offset, &line, &column);
  if (s->reader != NULL && s->reader->stream != NULL)
    {
      reader_drain (s->reader);
      if (_chrono_json_reader_input_error (s->reader, error))
        return FALSE;
    }
  _chrono_json_set_positioned_error (error, s->display_name, line, column, code, message);
  return FALSE;
}

gboolean
_chrono_json_unexpected (Scanner  *s,
                         GError  **error,
                         const char *expected)
{
  const char *p;
  g_autofree char *ch = NULL;

  if (!AVAIL (s, 1))
    return _chrono_json_scanner_error (s, error, s->pos, CHRONO_ERROR_SYNTAX,
                                       _("unexpected end of the data (expected %s)"), expected);

  p = s->data + s->pos;
  if (*p == '/')
    return _chrono_json_scanner_error (s, error, s->pos, CHRONO_ERROR_SYNTAX,
                                       _("comments are not allowed in JSON"));
  if (*p == '\'')
    return _chrono_json_scanner_error (s, error, s->pos, CHRONO_ERROR_SYNTAX,
                                       _("strings must be in double quotes"));

  /* The input was validated as UTF-8 before parsing. */
  ch = g_strndup (p, g_utf8_next_char (p) - p);
  if ((guchar) *p < 0x20)
    return _chrono_json_scanner_error (s, error, s->pos, CHRONO_ERROR_SYNTAX,
                                       _("unexpected control character U+%04X (expected %s)"),
                                       (guint) (guchar) *p, expected);
  return _chrono_json_scanner_error (s, error, s->pos, CHRONO_ERROR_SYNTAX,
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

gboolean
_chrono_json_read_hex4 (Scanner  *s,
                        gunichar *out,
                        GError  **error)
{
  gunichar value = 0;

  /* s->pos is on the 'u' of "\u". */
  for (guint i = 1; i <= 4; i++)
    {
      int v = AVAIL (s, i + 1) ? hex_value (s->data[s->pos + i]) : -1;

      if (v < 0)
        return _chrono_json_scanner_error (s, error, s->pos - 1, CHRONO_ERROR_SYNTAX,
                                           _("invalid escape: “\\u” needs four hexadecimal digits"));
      value = value * 16 + (gunichar) v;
    }
  s->pos += 5;
  *out = value;
  return TRUE;
}

gboolean
_chrono_json_parse_number (Scanner   *s,
                           Number    *out,
                           GError   **error)
{
  gsize start = s->pos;
  gboolean integral = TRUE;
  char buf[64];
  g_autofree char *heap = NULL;
  char *text;
  gsize len;

#define DIGIT(o) (AVAIL (s, (o) + 1) && g_ascii_isdigit (s->data[s->pos + (o)]))
  if (s->data[s->pos] == '-')
    s->pos++;
  if (AVAIL (s, 1) && s->data[s->pos] == '0')
    s->pos++;
  else if (DIGIT (0))
    while (DIGIT (0))
      s->pos++;
  else
    return _chrono_json_unexpected (s, error, _("a digit"));

  if (AVAIL (s, 1) && s->data[s->pos] == '.')
    {
      integral = FALSE;
      s->pos++;
      if (!DIGIT (0))
        return _chrono_json_unexpected (s, error, _("a digit"));
      while (DIGIT (0))
        s->pos++;
    }
  if (AVAIL (s, 1) && (s->data[s->pos] == 'e' || s->data[s->pos] == 'E'))
    {
      integral = FALSE;
      s->pos++;
      if (AVAIL (s, 1) && (s->data[s->pos] == '+' || s->data[s->pos] == '-'))
        s->pos++;
      if (!DIGIT (0))
        return _chrono_json_unexpected (s, error, _("a digit"));
      while (DIGIT (0))
        s->pos++;
    }
#undef DIGIT

  if (out == NULL)
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

  out->is_integer = FALSE;
  if (integral)
    {
      gint64 v;

      errno = 0;
      v = g_ascii_strtoll (text, NULL, 10);
      if (errno == 0)
        {
          out->is_integer = TRUE;
          out->integer = v;
          return TRUE;
        }
      /* Too big for gint64: keep it as a double rather than wrap. */
    }

  out->real = g_ascii_strtod (text, NULL);
  if (!isfinite (out->real))
    return _chrono_json_scanner_error (s, error, start, CHRONO_ERROR_SYNTAX,
                                       _("the number %s is too large"), text);
  return TRUE;
}

void
_chrono_json_name_set_clear (gpointer data)
{
  NameSet *f = data;

  if (f->names != NULL)
    g_string_free (f->names, TRUE);
  f->names = NULL;
  g_clear_pointer (&f->entries, g_array_unref);
  g_clear_pointer (&f->name_set, g_hash_table_unref);
}
