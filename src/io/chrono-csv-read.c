/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "chrono-csv.h"
#include "chrono-csv-private.h"
#include "chrono-format.h"
#include "chrono-format-private.h"

/* Reading CSV: the input checked (size, UTF-8, a BOM skipped), split into
 * records after RFC 4180 with byte offsets for "NAME:LINE:COL" errors, the
 * formula guard undone cell by cell, and chrono_csv_load_data(), which
 * reads the header row (chrono-csv-columns.c), then each row into an event
 * (chrono-csv-rows.c), and gives rows without an id one. */

static void
csv_cell_clear (CsvCell *cell)
{
  g_clear_pointer (&cell->text, g_free);
}

/* Line and column (1-based, columns in characters) of byte @offset. Computed
 * only when an error needs it, so reading pays nothing for positions. */
static void
csv_position (const CsvReader *reader,
              gsize            offset,
              guint           *line,
              guint           *column)
{
  const char *p = reader->data;
  const char *stop = reader->data + MIN (offset, (gsize) (reader->end - reader->data));
  guint l = 1, c = 1;

  for (; p < stop; p++)
    {
      if (*p == '\n')
        l++, c = 1;
      else if (*p == '\r')
        {
          if (p + 1 < reader->end && p[1] == '\n')
            continue;
          l++, c = 1;
        }
      else if (((guchar) *p & 0xC0) != 0x80)
        c++;
    }
  *line = l;
  *column = c;
}

void
_chrono_csv_error_at (const CsvReader *reader,
                      GError         **error,
                      ChronoError      code,
                      gsize            offset,
                      const char      *format,
                      ...)
{
  g_autofree char *message = NULL;
  va_list args;
  guint line, column;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  csv_position (reader, offset, &line, &column);
  _chrono_format_set_error (error, code, reader->display_name, line, column, "%s", message);
}

/* Reads one record (RFC 4180; CRLF, LF or CR line ends). Returns FALSE at
 * the end of input or on error (@error set). */
static gboolean
csv_next_row (CsvReader  *reader,
              gboolean   *have_row,
              GError    **error)
{
  const char *p = reader->p;
  const char *end = reader->end;

  g_array_set_size (reader->cells, 0);
  *have_row = FALSE;

  if (p >= end)
    return TRUE;

  reader->row_offset = p - reader->data;
  *have_row = TRUE;

  for (;;)
    {
      CsvCell cell = { NULL, p - reader->data };

      if (p < end && *p == '"')
        {
          GString *text = g_string_new (NULL);
          gsize open_offset = p - reader->data;

          p++;
          for (;;)
            {
              const char *quote = memchr (p, '"', end - p);

              if (quote == NULL)
                {
                  g_string_free (text, TRUE);
                  _chrono_csv_error_at (reader, error, CHRONO_ERROR_SYNTAX, open_offset,
                                        _("this quoted field is never closed"));
                  return FALSE;
                }
              g_string_append_len (text, p, quote - p);
              p = quote + 1;
              if (p < end && *p == '"')
                {
                  g_string_append_c (text, '"');
                  p++;
                }
              else
                break;
            }
          if (p < end && *p != ',' && *p != '\r' && *p != '\n')
            {
              g_string_free (text, TRUE);
              _chrono_csv_error_at (reader, error, CHRONO_ERROR_SYNTAX, p - reader->data,
                                    _("unexpected text after a closing quote (quotes inside a "
                                      "quoted field are written twice)"));
              return FALSE;
            }
          cell.text = g_string_free (text, FALSE);
        }
      else
        {
          const char *start = p;

          /* a quote inside an unquoted field is kept as written */
          while (p < end && *p != ',' && *p != '\r' && *p != '\n')
            p++;
          cell.text = g_strndup (start, p - start);
        }

      g_array_append_val (reader->cells, cell);

      if (p < end && *p == ',')
        {
          p++;
          continue;
        }
      if (p < end && *p == '\r')
        {
          p++;
          if (p < end && *p == '\n')
            p++;
        }
      else if (p < end && *p == '\n')
        {
          p++;
        }
      break;
    }

  reader->p = p;
  return TRUE;
}

static gboolean
row_is_blank (const CsvReader *reader)
{
  for (guint i = 0; i < reader->cells->len; i++)
    {
      const char *text = g_array_index (reader->cells, CsvCell, i).text;

      for (; *text; text++)
        if (!g_ascii_isspace (*text))
          return FALSE;
    }
  return TRUE;
}

/* A cell starting with "'" then = + - @ TAB or CR was guarded against formula
 * injection (by us or by a careful spreadsheet user): drop that one "'".
 * Cells with several quotes before such a character lose exactly one, so
 * that whatever chrono_csv_to_data wrote reads back as it was. */
static void
unguard_cell (CsvCell *cell)
{
  const char *q = cell->text;

  if (*q != '\'')
    return;
  while (*q == '\'')
    q++;
  if (_chrono_csv_is_formula_start (*q))
    memmove (cell->text, cell->text + 1, strlen (cell->text));
}

static void
csv_load_clear (CsvLoad *load)
{
  g_clear_pointer (&load->reader.cells, g_array_unref);
  g_clear_object (&load->timeline);
  g_clear_pointer (&load->events, g_ptr_array_unref);
  g_clear_pointer (&load->pending_ids, g_array_unref);
  g_clear_pointer (&load->ids, g_hash_table_unref);
  g_clear_pointer (&load->categories, g_hash_table_unref);
  g_clear_pointer (&load->extra_keys, g_ptr_array_unref);
  g_clear_pointer (&load->source_key, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CsvLoad, csv_load_clear)

/* Rows without an id get "<prefix>-<row>", never clashing with an id the
 * file gives explicitly (even further down). */
static void
assign_pending_ids (CsvLoad    *load,
                    const char *prefix)
{
  for (guint i = 0; i < load->pending_ids->len; i++)
    {
      PendingId *pending = &g_array_index (load->pending_ids, PendingId, i);
      g_autofree char *id = g_strdup_printf ("%s-%u", prefix, pending->number);

      for (guint n = 2; g_hash_table_contains (load->ids, id); n++)
        {
          g_free (id);
          id = g_strdup_printf ("%s-%u-%u", prefix, pending->number, n);
        }
      chrono_event_set_id (pending->event, id);
      g_hash_table_add (load->ids, g_steal_pointer (&id));
    }
}

ChronoTimeline *
chrono_csv_load_data (const char  *data,
                      gsize        length,
                      const char  *display_name,
                      GError     **error)
{
  g_auto(CsvLoad) load = { { 0 } };
  const char *invalid = NULL;
  gboolean have_row = FALSE;
  gboolean tljs;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (display_name == NULL)
    display_name = "-";
  if (data == NULL)
    data = "";

  load.reader.display_name = display_name;
  load.reader.data = data;
  load.reader.end = data + length;
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    load.reader.data += 3;
  load.reader.p = load.reader.data;
  load.reader.cells = g_array_new (FALSE, FALSE, sizeof (CsvCell));
  g_array_set_clear_func (load.reader.cells, (GDestroyNotify) csv_cell_clear);

  if (length > CHRONO_FORMAT_MAX_INPUT)
    {
      _chrono_format_set_error (error, CHRONO_ERROR_TOO_LARGE, display_name, 0, 0,
                                _("the file is too large"));
      return NULL;
    }

  /* Everything after this reads valid UTF-8 without NUL bytes. */
  if (!g_utf8_validate_len (load.reader.data, load.reader.end - load.reader.data, &invalid))
    {
      _chrono_csv_error_at (&load.reader, error, CHRONO_ERROR_SYNTAX, invalid - load.reader.data,
                            *invalid == '\0' ? _("unexpected NUL byte: this is not a text file")
                                             : _("invalid UTF-8 (CSV files must be UTF-8 encoded)"));
      return NULL;
    }

  /* the header: the first row that is not blank */
  do
    {
      if (!csv_next_row (&load.reader, &have_row, error))
        return NULL;
    }
  while (have_row && row_is_blank (&load.reader));

  if (!have_row)
    {
      _chrono_format_set_error (error, CHRONO_ERROR_SYNTAX, display_name, 0, 0,
                                _("the file is empty"));
      return NULL;
    }

  if (!_chrono_csv_read_header (&load, &tljs, error))
    return NULL;

  load.timeline = chrono_timeline_new ();
  load.events = g_ptr_array_new_with_free_func (g_object_unref);
  load.pending_ids = g_array_new (FALSE, FALSE, sizeof (PendingId));
  load.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  load.categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (;;)
    {
      if (!csv_next_row (&load.reader, &have_row, error))
        return NULL;
      if (!have_row)
        break;
      if (row_is_blank (&load.reader))
        continue;

      load.data_row++;
      for (guint i = 0; i < load.reader.cells->len; i++)
        unguard_cell (&g_array_index (load.reader.cells, CsvCell, i));

      if (tljs ? !_chrono_csv_read_tljs_row (&load, error) : !_chrono_csv_read_native_row (&load, error))
        return NULL;
    }

  assign_pending_ids (&load, tljs ? "tljs" : "csv");

  chrono_timeline_add_events (load.timeline, (ChronoEvent **) load.events->pdata,
                              load.events->len);
  chrono_timeline_set_modified (load.timeline, FALSE);
  return g_steal_pointer (&load.timeline);
}
