/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-io"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "chrono-format.h"
#include "chrono-json-util.h"

/* One parser serves three jobs: building nodes (chrono_json_parse), reading
 * a document piece by piece (ChronoJsonReader, over memory or a stream) and,
 * on the error path only, finding where a JSON Pointer's value starts
 * (chrono_json_locate). Positions are byte offsets into a window of the
 * input (all of it for memory); lines and columns are counted only when a
 * message needs them. */

#define DEFAULT_CHUNK_SIZE ((gsize) 256 * 1024)

static gsize default_chunk_size = DEFAULT_CHUNK_SIZE;

typedef struct {
  const char       *data;    /* the window; its bytes up to length are valid UTF-8 */
  gsize             length;
  gsize             pos;
  const char       *display_name;
  gboolean          build;
  guint             depth;   /* containers a reader has open around this value */
  ChronoJsonReader *reader;  /* NULL when data is all there is */
} Scanner;

typedef struct {
  guint32 hash;          /* compared first */
  gsize   offset;        /* of the name in NameSet.names */
} NameEntry;

/* The member names of one object so far, to reject a name seen twice. */
typedef struct {
  GString    *names;     /* each NUL-terminated */
  GArray     *entries;   /* NameEntry: one per name */
  GHashTable *name_set;  /* the same, once there are many */
} NameSet;

typedef struct {
  gboolean    is_object;
  guint       count;     /* members or elements read so far */
  NameSet     names;     /* objects */
} ReaderFrame;

struct _ChronoJsonReader {
  Scanner       s;
  char         *display_name;
  gboolean      started;
  GArray       *frames;   /* ReaderFrame, reused: only the first depth are open */
  guint         depth;
  GString      *key;

  /* Streams only: s.data is buf, which holds the input from offset base on. */
  GInputStream *stream;
  GCancellable *cancellable;
  char         *buf;
  gsize         capacity;
  gsize         raw_length; /* bytes in buf; past s.length they are not validated yet */
  gsize         base;
  guint         base_line;  /* the position of buf[0] */
  guint         base_column;
  gsize         chunk_size;
  gsize         total;
  gboolean      eof;
  GError       *io_error;
  gboolean      too_large;
  gboolean      bad_text;   /* invalid UTF-8 or a NUL byte at bad_offset */
  gboolean      bad_nul;
  gsize         bad_offset; /* absolute */

  /* Memory only: the last position asked for (line 0: none yet). */
  gsize         memo_offset;
  guint         memo_line;
  guint         memo_column;
};

typedef struct {
  gboolean is_integer;  /* written without fraction or exponent, fits in gint64 */
  gint64   integer;
  double   real;
} Number;

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

static gboolean scanner_fill (Scanner *s,
                              gsize    n);

/* TRUE when @n more bytes can be read at s->pos (reading on if needed). */
#define AVAIL(s, n) ((s)->pos + (n) <= (s)->length || scanner_fill ((s), (n)))

/* As g_utf8_validate_len() (which also stops at a NUL byte), faster on the
 * ASCII that makes up most JSON: eight bytes at a time. */
static gboolean
validate_utf8 (const char  *data,
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
static void
scanner_position (Scanner *s,
                  gsize    offset,
                  guint   *line,
                  guint   *column)
{
  ChronoJsonReader *r = s->reader;

  if (r == NULL)
    {
      offset_to_position (s->data, s->length, offset, line, column);
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
                      r->memo_offset == 0 ? MIN (bom_length (s->data, s->length), offset) : r->memo_offset,
                      offset, &r->memo_line, &r->memo_column);
      r->memo_offset = offset;
      *line = r->memo_line;
      *column = r->memo_column;
      return;
    }

  *line = r->base_line;
  *column = r->base_column;
  count_position (r->buf, r->base == 0 ? bom_length (r->buf, r->raw_length) : 0,
                  MIN (offset, r->raw_length), line, column);
}

static void
set_positioned_error (GError      **error,
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

static void
set_too_large_error (GError    **error,
                     const char *display_name)
{
  g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_TOO_LARGE,
               _("%s: the data is larger than %u MiB"),
               display_name ? display_name : "-",
               (guint) (CHRONO_FORMAT_MAX_INPUT >> 20));
}

/* Stream input */

/* Drops buf[0, drop), keeping the position of what follows. */
static void
reader_discard (ChronoJsonReader *r,
                gsize             drop)
{
  if (drop == 0)
    return;

  count_position (r->buf, r->base == 0 ? MIN (bom_length (r->buf, r->raw_length), drop) : 0,
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

  if (validate_utf8 (r->buf + r->s.length, r->raw_length - r->s.length, &end))
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

static gboolean
scanner_fill (Scanner *s,
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
      reader_discard (r, r->s.length);
      reader_read_chunk (r);
    }
}

/* Sets @error to a problem with the input as a whole, if there is one. */
static gboolean
reader_input_error (ChronoJsonReader *r,
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
      set_too_large_error (error, r->display_name);
      return TRUE;
    }
  if (r->bad_text)
    {
      guint line, column;

      /* Still in the buffer: nothing after it was validated, so nothing
       * after it was read as data, and discarding stops before it. */
      scanner_position (&r->s, r->bad_offset - r->base, &line, &column);
      set_positioned_error (error, r->display_name, line, column, CHRONO_ERROR_SYNTAX,
                            r->bad_nul ? _("the data contains a NUL byte")
                                       : _("the data is not valid UTF-8 text"));
      return TRUE;
    }
  return FALSE;
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
  g_autofree char *message = NULL;
  va_list args;
  guint line, column;

  if (error == NULL)
    return FALSE;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  scanner_position (s, offset, &line, &column);
  if (s->reader != NULL && s->reader->stream != NULL)
    {
      reader_drain (s->reader);
      if (reader_input_error (s->reader, error))
        return FALSE;
    }
  set_positioned_error (error, s->display_name, line, column, code, message);
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
  while (AVAIL (s, 1))
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

  if (!AVAIL (s, 1))
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
      int v = AVAIL (s, i + 1) ? hex_value (s->data[s->pos + i]) : -1;

      if (v < 0)
        return scanner_error (s, error, s->pos - 1, CHRONO_ERROR_SYNTAX,
                              _("invalid escape: “\\u” needs four hexadecimal digits"));
      value = value * 16 + (gunichar) v;
    }
  s->pos += 5;
  *out = value;
  return TRUE;
}

/* g_string_append_len() without its checks while there is room. */
static inline void
append_bytes (GString    *out,
              const char *bytes,
              gsize       length)
{
  if (out->len + length < out->allocated_len)
    {
      memcpy (out->str + out->len, bytes, length);
      out->len += length;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, bytes, length);
}

/* Whether any of the eight bytes in @v is '"', '\\' or a control character
 * (< 0x20): the bytes a string scan must stop at. Borrows can only flag
 * bytes above one that really matches, so "any" is exact. */
static inline gboolean
has_special_byte (guint64 v)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 quote = v ^ (ones * '"');
  guint64 backslash = v ^ (ones * '\\');

  return ((((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | ((v - ones * 0x20) & ~v)) & high) != 0;
}

/* Reads the string starting at the opening quote at s->pos, appending its
 * text to @out (unless NULL). */
static gboolean
parse_string (Scanner  *s,
              GString  *out,
              GError  **error)
{
  gsize start = ++s->pos;

  for (;;)
    {
      guchar c;

      /* The common case: a run of plain characters, eight at a time. */
      while (s->pos + 8 <= s->length)
        {
          guint64 v;

          memcpy (&v, s->data + s->pos, 8);
          if (has_special_byte (v))
            break;
          s->pos += 8;
        }
      while (s->pos < s->length)
        {
          c = (guchar) s->data[s->pos];
          if (c == '"' || c == '\\' || c < 0x20)
            break;
          s->pos++;
        }

      if (!AVAIL (s, 1))
        return scanner_error (s, error, s->pos, CHRONO_ERROR_SYNTAX,
                              _("unexpected end of the data inside a string"));

      c = (guchar) s->data[s->pos];
      if (c == '"')
        {
          if (out != NULL)
            append_bytes (out, s->data + start, s->pos - start);
          s->pos++;
          return TRUE;
        }
      else if (c < 0x20)
        {
          return scanner_error (s, error, s->pos, CHRONO_ERROR_SYNTAX,
                                _("control character U+%04X inside a string (write it as an escape such as \\n)"),
                                (guint) c);
        }
      else if (c == '\\')
        {
          gsize escape = s->pos;
          gunichar ch = 0;
          char e;

          if (out != NULL)
            g_string_append_len (out, s->data + start, s->pos - start);

          s->pos++;
          e = AVAIL (s, 1) ? s->data[s->pos] : '\0';
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
                return FALSE;
              if (ch >= 0xD800 && ch <= 0xDBFF)
                {
                  gunichar low = 0;

                  if (AVAIL (s, 2) && s->data[s->pos] == '\\' && s->data[s->pos + 1] == 'u')
                    {
                      s->pos++;
                      if (!read_hex4 (s, &low, error))
                        return FALSE;
                    }
                  if (low < 0xDC00 || low > 0xDFFF)
                    return scanner_error (s, error, escape, CHRONO_ERROR_SYNTAX,
                                          _("invalid escape: unpaired surrogate “\\u%04X”"), ch);
                  ch = 0x10000 + ((ch - 0xD800) << 10) + (low - 0xDC00);
                }
              else if (ch >= 0xDC00 && ch <= 0xDFFF)
                return scanner_error (s, error, escape, CHRONO_ERROR_SYNTAX,
                                      _("invalid escape: unpaired surrogate “\\u%04X”"), ch);
              else if (ch == 0)
                return scanner_error (s, error, escape, CHRONO_ERROR_SYNTAX,
                                      _("a string must not contain the NUL character (\\u0000)"));
              /* read_hex4 already moved past the digits. */
              if (out != NULL)
                g_string_append_unichar (out, ch);
              start = s->pos;
              continue;
            default:
              return scanner_error (s, error, escape, CHRONO_ERROR_SYNTAX,
                                    _("invalid escape sequence in a string"));
            }
          if (out != NULL)
            g_string_append_c (out, (char) ch);
          s->pos++;
          start = s->pos;
        }
    }
}

static gboolean
parse_number (Scanner   *s,
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
    return unexpected (s, error, _("a digit"));

  if (AVAIL (s, 1) && s->data[s->pos] == '.')
    {
      integral = FALSE;
      s->pos++;
      if (!DIGIT (0))
        return unexpected (s, error, _("a digit"));
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
        return unexpected (s, error, _("a digit"));
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
    return scanner_error (s, error, start, CHRONO_ERROR_SYNTAX,
                          _("the number %s is too large"), text);
  return TRUE;
}

static JsonNode *
number_to_node (const Number *number)
{
  if (number->is_integer)
    return json_node_init_int (json_node_alloc (), number->integer);
  return json_node_init_double (json_node_alloc (), number->real);
}

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

static void
name_set_reset (NameSet *f)
{
  if (f->names != NULL)
    {
      g_string_truncate (f->names, 0);
      g_array_set_size (f->entries, 0);
    }
  g_clear_pointer (&f->name_set, g_hash_table_unref);
}

static void
name_set_clear (gpointer data)
{
  NameSet *f = data;

  if (f->names != NULL)
    g_string_free (f->names, TRUE);
  f->names = NULL;
  g_clear_pointer (&f->entries, g_array_unref);
  g_clear_pointer (&f->name_set, g_hash_table_unref);
}

/* Names are few in most objects: a list is faster than hashing until a
 * malicious one makes it quadratic. */
#define NAME_LIST_MAX 32

static gboolean
name_set_add (NameSet    *f,
              const char *name,
              gsize       length)
{
  if (f->name_set == NULL)
    {
      NameEntry entry = { 2166136261u, 0 };

      /* FNV-1a */
      for (gsize i = 0; i < length; i++)
        entry.hash = (entry.hash ^ (guchar) name[i]) * 16777619u;

      if (f->names == NULL)
        {
          f->names = g_string_new (NULL);
          f->entries = g_array_new (FALSE, FALSE, sizeof (NameEntry));
        }
      for (guint i = 0; i < f->entries->len; i++)
        {
          const NameEntry *e = &g_array_index (f->entries, NameEntry, i);

          if (e->hash == entry.hash && strcmp (f->names->str + e->offset, name) == 0)
            return FALSE;
        }

      entry.offset = f->names->len;
      g_string_append_len (f->names, name, length + 1);
      g_array_append_val (f->entries, entry);
      if (f->entries->len < NAME_LIST_MAX)
        return TRUE;

      f->name_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < f->entries->len; i++)
        g_hash_table_add (f->name_set,
                          g_strdup (f->names->str + g_array_index (f->entries, NameEntry, i).offset));
      return TRUE;
    }

  if (g_hash_table_contains (f->name_set, name))
    return FALSE;
  g_hash_table_add (f->name_set, g_strndup (name, length));
  return TRUE;
}

/* The parser: iterative, so depth costs heap, not stack. Builds nodes
 * (s->build), finds a pointer (@loc) or only checks the syntax, duplicate
 * names included, at a cost that does not grow with the number of values.
 * Returns FALSE on a syntax error; the node in *@out when building. */
static gboolean
run (Scanner   *s,
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
      g_array_set_clear_func (name_sets, name_set_clear);
    }

  if (whole)
    {
      skip_ws (s);
      if (!AVAIL (s, 1))
        return scanner_error (s, error, s->pos, CHRONO_ERROR_SYNTAX, _("the data is empty"));
    }

parse_value:
  skip_ws (s);
  offset = s->pos;
  if (loc != NULL &&
      locator_enter (loc, stack, offset,
                     AVAIL (s, 1) && s->data[s->pos] != '{' && s->data[s->pos] != '['))
    return TRUE;
  if (!AVAIL (s, 1))
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

        if (stack->len + s->depth >= CHRONO_JSON_MAX_DEPTH)
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
        if (name_sets != NULL && frame.is_object)
          {
            if (name_sets->len < stack->len)
              g_array_set_size (name_sets, stack->len);
            name_set_reset (&g_array_index (name_sets, NameSet, stack->len - 1));
          }
        s->pos++;
        skip_ws (s);
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
      if (!parse_string (s, s->build ? text : NULL, error))
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

        if (!parse_number (s, s->build ? &number : NULL, error))
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
  skip_ws (s);
  top = &g_array_index (stack, Frame, stack->len - 1);
  offset = s->pos;
  if (!AVAIL (s, 1) || s->data[s->pos] != '"')
    {
      unexpected (s, error, _("a member name in double quotes"));
      goto fail;
    }
  g_clear_pointer (&top->key, g_free);
  g_string_truncate (text, 0);
  if (!parse_string (s, text, error))
    goto fail;
  if (name_sets != NULL ?
      !name_set_add (&g_array_index (name_sets, NameSet, stack->len - 1), text->str, text->len) :
      s->build && json_object_has_member (json_node_get_object (top->node), text->str))
    {
      scanner_error (s, error, offset, CHRONO_ERROR_DUPLICATE,
                     _("the member “%s” appears twice in the same object"), text->str);
      goto fail;
    }
  if (name_sets == NULL)
    top->key = g_strndup (text->str, text->len);
  skip_ws (s);
  if (!AVAIL (s, 1) || s->data[s->pos] != ':')
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
          skip_ws (s);
          if (AVAIL (s, 1))
            {
              unexpected (s, error, _("the end of the data"));
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
      skip_ws (s);
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
      unexpected (s, error, _("“,” or “}”"));
      goto fail;
    }
  else
    {
      if (s->build)
        json_array_add_element (json_node_get_array (top->node), g_steal_pointer (&value));
      top->index++;
      skip_ws (s);
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
      unexpected (s, error, _("“,” or “]”"));
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
      scanner_error (&s, error, 0, CHRONO_ERROR_SYNTAX, _("the data is empty"));
      return NULL;
    }

  /* Validating once up front lets the parser trust every byte it reads. */
  if (!validate_utf8 (data, length, &end))
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
  if (!run (&s, NULL, TRUE, &root, error))
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

  s.pos = bom_length (data, length);
  if (length > 0 && length <= CHRONO_FORMAT_MAX_INPUT && validate_utf8 (data, length, NULL))
    run (&s, &loc, TRUE, NULL, NULL);
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
chrono_json_append_string (GString    *out,
                           const char *text)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (text != NULL);

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
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

/* Reading piece by piece */

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

      name_set_clear (&f->names);
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
        s->pos = bom_length (s->data, s->length);
      return TRUE;
    }

  if (s->length > CHRONO_FORMAT_MAX_INPUT)
    {
      set_too_large_error (error, r->display_name);
      return FALSE;
    }
  /* Memory is validated once up front, as by chrono_json_parse(). */
  if (s->length > 0)
    {
      const char *end = NULL;

      if (!validate_utf8 (s->data, s->length, &end))
        {
          gsize bad = end - s->data;

          if (s->data[bad] == '\0')
            return scanner_error (s, error, bad, CHRONO_ERROR_SYNTAX,
                                  _("the data contains a NUL byte"));
          return scanner_error (s, error, bad, CHRONO_ERROR_SYNTAX,
                                _("the data is not valid UTF-8 text"));
        }
    }
  s->pos = bom_length (s->data, s->length);
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

  skip_ws (s);
  if (!AVAIL (s, 1))
    {
      if (r->depth == 0)
        return scanner_error (s, error, s->pos, CHRONO_ERROR_SYNTAX, _("the data is empty"));
      return unexpected (s, error, _("a value"));
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
      return unexpected (s, error, _("a value"));
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
    return scanner_error (s, error, s->pos, CHRONO_ERROR_TOO_LARGE,
                          _("nesting deeper than %d levels"), CHRONO_JSON_MAX_DEPTH);

  if (r->frames->len <= r->depth)
    g_array_set_size (r->frames, r->depth + 1);
  f = &g_array_index (r->frames, ReaderFrame, r->depth);
  f->is_object = s->data[s->pos] == '{';
  f->count = 0;
  name_set_reset (&f->names);

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
  skip_ws (s);
  if (AVAIL (s, 1) && s->data[s->pos] == '}')
    {
      reader_leave (r);
      return TRUE;
    }
  if (f->count > 0)
    {
      if (!AVAIL (s, 1) || s->data[s->pos] != ',')
        return unexpected (s, error, _("“,” or “}”"));
      s->pos++;
      skip_ws (s);
    }

  offset = s->pos;
  if (!AVAIL (s, 1) || s->data[s->pos] != '"')
    return unexpected (s, error, _("a member name in double quotes"));
  g_string_truncate (r->key, 0);
  if (!parse_string (s, r->key, error))
    return FALSE;
  if (!name_set_add (&f->names, r->key->str, r->key->len))
    return scanner_error (s, error, offset, CHRONO_ERROR_DUPLICATE,
                          _("the member “%s” appears twice in the same object"), r->key->str);
  skip_ws (s);
  if (!AVAIL (s, 1) || s->data[s->pos] != ':')
    return unexpected (s, error, _("“:”"));
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
  skip_ws (s);
  if (AVAIL (s, 1) && s->data[s->pos] == ']')
    {
      reader_leave (r);
      return TRUE;
    }
  if (f->count > 0)
    {
      if (!AVAIL (s, 1) || s->data[s->pos] != ',')
        return unexpected (s, error, _("“,” or “]”"));
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

  return parse_string (&r->s, out, error);
}

gboolean
chrono_json_reader_read_integer (ChronoJsonReader *r,
                                 gboolean         *is_integer,
                                 gint64           *value,
                                 GError          **error)
{
  Number number;

  g_return_val_if_fail (r != NULL, FALSE);

  if (!parse_number (&r->s, &number, error))
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
  if (!run (&r->s, NULL, FALSE, &node, error))
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
  skip_ws (s);
  if (AVAIL (s, 1) && s->data[s->pos] == '"')
    return parse_string (s, NULL, error);

  /* Checked, not built: a hostile value costs no memory per node. */
  s->build = FALSE;
  s->depth = r->depth;
  ok = run (s, NULL, FALSE, NULL, error);
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

  skip_ws (s);
  if (AVAIL (s, 1))
    return unexpected (s, error, _("the end of the data"));
  return !reader_input_error (r, error);
}

void
chrono_json_reader_release (ChronoJsonReader *r)
{
  g_return_if_fail (r != NULL);

  /* Moving the rest down costs little once a chunk has been passed. */
  if (r->stream != NULL && r->s.pos >= r->chunk_size)
    reader_discard (r, r->s.pos);
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
    scanner_position (&r->s, offset - r->base, &l, &c);
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
  set_positioned_error (error, r->display_name, line, column, code, message);
}

const char *
chrono_json_kind_name (ChronoJsonKind kind)
{
  switch (kind)
    {
    case CHRONO_JSON_KIND_OBJECT:
      return _("an object");
    case CHRONO_JSON_KIND_ARRAY:
      return _("an array");
    case CHRONO_JSON_KIND_STRING:
      return _("a string");
    case CHRONO_JSON_KIND_NUMBER:
      return _("a number");
    case CHRONO_JSON_KIND_BOOLEAN:
      return _("true or false");
    case CHRONO_JSON_KIND_NULL:
      return _("null");
    default:
      return _("an unknown value");
    }
}
