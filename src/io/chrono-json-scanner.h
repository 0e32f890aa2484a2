/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib/gi18n.h>
#include <string.h>

#include "chrono-json-util.h"

G_BEGIN_DECLS

/* The strict JSON scanner shared by the parser (chrono-json-parse.c) and
 * the streaming reader (chrono-json-reader.c); chrono-json-scanner.c holds
 * the rest of it. One parser serves three jobs: building nodes
 * (chrono_json_parse), reading a document piece by piece (ChronoJsonReader,
 * over memory or a stream) and, on the error path only, finding where a
 * JSON Pointer's value starts (chrono_json_locate). Positions are byte
 * offsets into a window of the input (all of it for memory); lines and
 * columns are counted only when a message needs them.
 *
 * What runs per byte or per member (white space, strings, member names)
 * is static inline here, so that the parser and the reader each compile it
 * into their loops rather than call across files. */

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

/* Reads on from a stream until @n more bytes are in the window. */
gboolean     _chrono_json_scanner_fill        (Scanner           *s,
                                               gsize              n);

/* TRUE when @n more bytes can be read at s->pos (reading on if needed). */
#define AVAIL(s, n) ((s)->pos + (n) <= (s)->length || _chrono_json_scanner_fill ((s), (n)))

/* As g_utf8_validate_len(): *@end at the first bad byte (or NUL). */
gboolean     _chrono_json_validate_utf8       (const char        *data,
                                               gsize              length,
                                               const char       **end);
/* 3 when @data starts with a UTF-8 byte order mark, else 0. */
gsize        _chrono_json_bom_length          (const char        *data,
                                               gsize              length);
/* Line and column of @offset in @data, counted from the start. */
void         _chrono_json_offset_to_position  (const char        *data,
                                               gsize              length,
                                               gsize              offset,
                                               guint             *line,
                                               guint             *column);
/* Line and column of window offset @offset. */
void         _chrono_json_scanner_position    (Scanner           *s,
                                               gsize              offset,
                                               guint             *line,
                                               guint             *column);
/* "NAME:LINE:COL: message" */
void         _chrono_json_set_positioned_error (GError          **error,
                                                const char       *display_name,
                                                guint             line,
                                                guint             column,
                                                ChronoError       code,
                                                const char       *message);
void         _chrono_json_set_too_large_error (GError           **error,
                                               const char        *display_name);
/* Sets @error at window offset @offset and returns FALSE; for a stream, a
 * problem with the input as a whole wins. */
gboolean     _chrono_json_scanner_error       (Scanner           *s,
                                               GError           **error,
                                               gsize              offset,
                                               ChronoError        code,
                                               const char        *format,
                                               ...) G_GNUC_PRINTF (5, 6);
/* "unexpected …" at s->pos, saying what was @expected; returns FALSE. */
gboolean     _chrono_json_unexpected          (Scanner           *s,
                                               GError           **error,
                                               const char        *expected);
/* At the 'u' of "\u": its four hexadecimal digits. */
gboolean     _chrono_json_read_hex4           (Scanner           *s,
                                               gunichar          *out,
                                               GError           **error);
/* A number at s->pos; @out NULL: checks it only. */
gboolean     _chrono_json_parse_number        (Scanner           *s,
                                               Number            *out,
                                               GError           **error);
void         _chrono_json_name_set_clear      (gpointer           data);

/* Stream input: drops buf[0, @drop), keeping the position of what follows. */
void         _chrono_json_reader_discard      (ChronoJsonReader  *r,
                                               gsize              drop);
/* Sets @error to a problem with the input as a whole, if there is one. */
gboolean     _chrono_json_reader_input_error  (ChronoJsonReader  *r,
                                               GError           **error);

/* The parser (chrono-json-parse.c): one value at s->pos (@whole: the whole
 * input, nothing before or after), built into *@out when s->build. */
typedef struct _Locator Locator;
gboolean     _chrono_json_run                 (Scanner           *s,
                                               Locator           *loc,
                                               gboolean           whole,
                                               JsonNode         **out,
                                               GError           **error);

static inline void
_chrono_json_skip_ws (Scanner *s)
{
  while (AVAIL (s, 1))
    {
      char c = s->data[s->pos];

      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      s->pos++;
    }
}

/* g_string_append_len() without its checks while there is room. */
static inline void
_chrono_json_append_bytes (GString    *out,
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
_chrono_json_has_special_byte (guint64 v)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 quote = v ^ (ones * '"');
  guint64 backslash = v ^ (ones * '\\');

  return ((((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | ((v - ones * 0x20) & ~v)) & high) != 0;
}

/* Reads the string starting at the opening quote at s->pos, appending its
 * text to @out (unless NULL). */
static inline gboolean
_chrono_json_parse_string (Scanner  *s,
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
          if (_chrono_json_has_special_byte (v))
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
        return _chrono_json_scanner_error (s, error, s->pos, CHRONO_ERROR_SYNTAX,
                                           _("unexpected end of the data inside a string"));

      c = (guchar) s->data[s->pos];
      if (c == '"')
        {
          if (out != NULL)
            _chrono_json_append_bytes (out, s->data + start, s->pos - start);
          s->pos++;
          return TRUE;
        }
      else if (c < 0x20)
        {
          return _chrono_json_scanner_error (s, error, s->pos, CHRONO_ERROR_SYNTAX,
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
              if (!_chrono_json_read_hex4 (s, &ch, error))
                return FALSE;
              if (ch >= 0xD800 && ch <= 0xDBFF)
                {
                  gunichar low = 0;

                  if (AVAIL (s, 2) && s->data[s->pos] == '\\' && s->data[s->pos + 1] == 'u')
                    {
                      s->pos++;
                      if (!_chrono_json_read_hex4 (s, &low, error))
                        return FALSE;
                    }
                  if (low < 0xDC00 || low > 0xDFFF)
                    return _chrono_json_scanner_error (s, error, escape, CHRONO_ERROR_SYNTAX,
                                                       _("invalid escape: unpaired surrogate “\\u%04X”"), ch);
                  ch = 0x10000 + ((ch - 0xD800) << 10) + (low - 0xDC00);
                }
              else if (ch >= 0xDC00 && ch <= 0xDFFF)
                return _chrono_json_scanner_error (s, error, escape, CHRONO_ERROR_SYNTAX,
                                                   _("invalid escape: unpaired surrogate “\\u%04X”"), ch);
              else if (ch == 0)
                return _chrono_json_scanner_error (s, error, escape, CHRONO_ERROR_SYNTAX,
                                                   _("a string must not contain the NUL character (\\u0000)"));
              /* _chrono_json_read_hex4 already moved past the digits. */
              if (out != NULL)
                g_string_append_unichar (out, ch);
              start = s->pos;
              continue;
            default:
              return _chrono_json_scanner_error (s, error, escape, CHRONO_ERROR_SYNTAX,
                                                 _("invalid escape sequence in a string"));
            }
          if (out != NULL)
            g_string_append_c (out, (char) ch);
          s->pos++;
          start = s->pos;
        }
    }
}

static inline void
_chrono_json_name_set_reset (NameSet *f)
{
  if (f->names != NULL)
    {
      g_string_truncate (f->names, 0);
      g_array_set_size (f->entries, 0);
    }
  g_clear_pointer (&f->name_set, g_hash_table_unref);
}

/* Names are few in most objects: a list is faster than hashing until a
 * malicious one makes it quadratic. */
#define NAME_LIST_MAX 32

static inline gboolean
_chrono_json_name_set_add (NameSet    *f,
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

G_END_DECLS
