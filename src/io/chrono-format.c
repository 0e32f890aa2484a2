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
#include "chrono-native-private.h"
#include "chrono-stix.h"
#include "chrono-timelinejs.h"

/* Which format a file is in, from a cheap scan of its content (the name
 * only breaks ties), and loading: reading a file with a bound on its size,
 * checks every format shares (empty, too large, UTF-16), and dispatch to
 * the native, CSV, TimelineJS and STIX readers. The helpers those readers
 * share live in chrono-format-util.c and chrono-format-html.c. */

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


/* Enough of a file to find the top-level "chronoscope" key, which comes
 * first in the files we write. */
#define NATIVE_PROBE_SIZE 65536

/* Reads @stream on into @buffer, after its first *filled bytes, until the
 * stream ends (*at_end) or *filled reaches @until. Files are read up to
 * CHRONO_FORMAT_MAX_INPUT bytes only, so that a huge file or an endless
 * stream fails early instead of filling memory. */
static gboolean
read_until (GFileInputStream  *stream,
            GByteArray        *buffer,
            gsize             *filled,
            gsize              until,
            gboolean          *at_end,
            const char        *display_name,
            GCancellable      *cancellable,
            GError           **error)
{
  *at_end = FALSE;
  while (*filled < until)
    {
      gsize want;
      gsize got = 0;

      if (buffer->len - *filled < 65536)
        g_byte_array_set_size (buffer, MIN (MAX ((gsize) buffer->len * 2, *filled + 65536),
                                            CHRONO_FORMAT_MAX_INPUT + 1));
      want = MIN ((gsize) buffer->len, until) - *filled;
      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer->data + *filled, want,
                                    &got, cancellable, error))
        {
          g_prefix_error (error, "%s: ", display_name);
          return FALSE;
        }
      *filled += got;
      if (got < want)
        {
          *at_end = TRUE;
          break;
        }
    }
  return TRUE;
}

/* Whether a file starting with these bytes is native: a top-level
 * "chronoscope" key among them. */
static gboolean
starts_native (const char *data,
               gsize       length)
{
  const char *p = skip_bom_and_space (data, data + length);
  JsonHints hints;

  if (p == data + length || *p != '{')
    return FALSE;
  scan_json_hints (p, data + length, &hints);
  return hints.native;
}

ChronoTimeline *
chrono_format_load_file (GFile         *file,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *display_name = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(ChronoTimeline) timeline = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  ChronoFormat format;
  goffset size_hint = 0;
  gsize filled = 0;
  gboolean at_end;
  const char *data;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = chrono_io_display_name (file);
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

  /* The first bytes tell a native file, which is read from the start again
   * as a stream, not whole: the text of a million events (220 MB) would
   * cost more than the timeline it becomes. A file whose key comes later
   * is read whole and detected as a whole. */
  buffer = g_byte_array_sized_new (size_hint > 0 ? (guint) size_hint + 1 : 65536);
  if (!read_until (stream, buffer, &filled, NATIVE_PROBE_SIZE, &at_end, display_name, cancellable, error))
    return NULL;
  if (starts_native ((const char *) buffer->data, filled)
      && g_seekable_can_seek (G_SEEKABLE (stream))
      && g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, NULL))
    {
      g_autoptr(ChronoJsonReader) reader = NULL;

      g_clear_pointer (&buffer, g_byte_array_unref);
      reader = chrono_json_reader_new_for_stream (G_INPUT_STREAM (stream), cancellable, display_name);
      timeline = _chrono_native_read (reader, display_name, error);
      if (timeline == NULL)
        return NULL;
      chrono_timeline_set_file (timeline, file);
      chrono_timeline_set_modified (timeline, FALSE);
      return g_steal_pointer (&timeline);
    }

  if (!at_end && !read_until (stream, buffer, &filled, CHRONO_FORMAT_MAX_INPUT + 1, &at_end,
                              display_name, cancellable, error))
    return NULL;
  if (!at_end)
    {
      g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_TOO_LARGE,
                   _("%s: the file is too large (more than %zu bytes)"),
                   display_name, (size_t) CHRONO_FORMAT_MAX_INPUT);
      return NULL;
    }
  g_byte_array_set_size (buffer, filled);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&buffer));

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
