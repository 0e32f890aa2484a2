/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "chrono-csv-private.h"
#include "chrono-format-private.h"

/* One data row of a CSV file into an event: for Chronoscope's sheets
 * (dates, importance, ";"-separated lists, a source from its columns or a
 * "Source" link) and TimelineJS's (dates from Year, Month, Day and Time,
 * HTML text, media as a source, the "title" row), with the cells of the
 * columns not read kept in the event's "extra". */

static const char *
cell_text (CsvLoad *load,
           Column   column)
{
  int index = load->columns[column];

  if (index < 0 || (guint) index >= load->reader.cells->len)
    return "";
  return g_array_index (load->reader.cells, CsvCell, index).text;
}

/* Where to point an error about @column: the cell, or the row's start when
 * the row is too short to have it. */
static gsize
cell_offset (CsvLoad *load,
             Column   column)
{
  int index = load->columns[column];

  if (index < 0 || (guint) index >= load->reader.cells->len)
    return load->reader.row_offset;
  return g_array_index (load->reader.cells, CsvCell, index).offset;
}

/* The unread cells of the row as a JSON object ("extra"), or NULL when all
 * are empty. @leftover is a COL_SOURCE cell with no place, if any. */
static char *
row_extra (CsvLoad    *load,
           const char *leftover)
{
  GArray *cells = load->reader.cells;
  g_autoptr(GString) json = NULL;
  guint n = MIN (cells->len, load->extra_keys->len);

  for (guint i = 0; i <= n; i++)
    {
      const char *key = i < n ? g_ptr_array_index (load->extra_keys, i) : load->source_key;
      const char *text = i < n ? g_array_index (cells, CsvCell, i).text : leftover;
      const char *p;

      if (key == NULL || text == NULL)
        continue;
      for (p = text; g_ascii_isspace (*p); p++)
        ;
      if (*p == '\0')
        continue;

      if (json == NULL)
        json = g_string_new ("{");
      else
        g_string_append_c (json, ',');
      chrono_json_append_string (json, key);
      g_string_append_c (json, ':');
      chrono_json_append_string (json, text);
    }
  if (json == NULL)
    return NULL;
  g_string_append_c (json, '}');
  return g_string_free (g_steal_pointer (&json), FALSE);
}

/* A title from a description: its first line, cut near 80 characters. */
static char *
title_from_text (const char *text)
{
  const char *start = text + strspn (text, " \t\r\n");
  g_autofree char *line = g_strstrip (g_strndup (start, strcspn (start, "\r\n")));
  g_autofree char *head = NULL;
  const char *cut, *space;

  if (g_utf8_strlen (line, -1) <= 80)
    return g_steal_pointer (&line);

  cut = g_utf8_offset_to_pointer (line, 79);
  space = g_strrstr_len (line, cut - line, " ");
  if (space != NULL && g_utf8_strlen (line, space - line) >= 40)
    cut = space;
  head = g_strndup (line, cut - line);
  return g_strconcat (g_strchomp (head), "…", NULL);
}

static char *
cell_stripped (CsvLoad *load,
               Column   column)
{
  return g_strstrip (g_strdup (cell_text (load, column)));
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* Splits a ";"-separated list; "\;" is a literal ";" and "\\" a "\". */
static GStrv
split_list (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) item = g_string_new (NULL);

  for (const char *p = text;; p++)
    {
      if (*p == '\\' && (p[1] == ';' || p[1] == '\\'))
        {
          g_string_append_c (item, p[1]);
          p++;
        }
      else if (*p == ';' || *p == '\0')
        {
          g_autofree char *trimmed = g_strstrip (g_strdup (item->str));

          if (*trimmed != '\0')
            g_strv_builder_add (builder, trimmed);
          g_string_truncate (item, 0);
          if (*p == '\0')
            break;
        }
      else
        {
          g_string_append_c (item, *p);
        }
    }
  return g_strv_builder_end (builder);
}

static gboolean
parse_date_cell (CsvLoad     *load,
                 Column       column,
                 const char  *what,
                 ChronoDate  *out,
                 GError     **error)
{
  g_autofree char *text = cell_stripped (load, column);
  g_autoptr(GError) local_error = NULL;

  if (!chrono_date_parse (text, out, &local_error))
    {
      _chrono_csv_error_at (&load->reader, error, CHRONO_ERROR_INVALID_DATE, cell_offset (load, column),
                            _("invalid %s: %s"), what, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Categories get the shared palette's colours in order of first use. */
static void
ensure_category (CsvLoad    *load,
                 const char *category)
{
  g_autoptr(ChronoCategory) cat = NULL;
  g_autofree char *color = NULL;

  if (g_hash_table_contains (load->categories, category))
    return;
  color = _chrono_format_category_color (g_hash_table_size (load->categories));
  cat = chrono_category_new (category, category, color);
  chrono_timeline_add_category (load->timeline, cat);
  g_hash_table_add (load->categories, g_strdup (category));
}

static gboolean
check_order (CsvLoad          *load,
             const ChronoDate *start,
             const ChronoDate *end,
             Column            end_column,
             GError          **error)
{
  ChronoTime start_lo, start_hi, end_lo, end_hi;

  if (!chrono_date_is_date (start) || !chrono_date_is_date (end))
    return TRUE;
  chrono_date_get_span (start, &start_lo, &start_hi);
  chrono_date_get_span (end, &end_lo, &end_hi);
  if (end_hi <= start_lo)
    {
      _chrono_csv_error_at (&load->reader, error, CHRONO_ERROR_INVALID_VALUE,
                            cell_offset (load, end_column), _("the end comes before the start"));
      return FALSE;
    }
  return TRUE;
}

gboolean
_chrono_csv_read_native_row (CsvLoad  *load,
                             GError  **error)
{
  g_autoptr(ChronoEvent) event = NULL;
  /* ids and categories are taken exactly as written: " b" and "b" are two
   * ids in a native file, and an export must read back as it was */
  g_autofree char *id = g_strdup (cell_text (load, COL_ID));
  g_autofree char *start_text = cell_stripped (load, COL_START);
  g_autofree char *end_text = cell_stripped (load, COL_END);
  g_autofree char *importance_text = cell_stripped (load, COL_IMPORTANCE);
  g_autofree char *category = g_strdup (cell_text (load, COL_CATEGORY));
  ChronoDate start, end;
  gboolean has_end = end_text[0] != '\0';
  const Column list_columns[] = { COL_ACTORS, COL_TARGETS, COL_PLACES, COL_TAGS };
  void (*const list_setters[]) (ChronoEvent *, const char * const *) = {
    chrono_event_set_actors, chrono_event_set_targets,
    chrono_event_set_places, chrono_event_set_tags,
  };
  const char *source_title, *source_url, *source_publisher, *source_date;
  const char *source_leftover = NULL;
  g_autofree char *source_any = cell_stripped (load, COL_SOURCE);
  g_autofree char *title = NULL;
  g_autofree char *extra = NULL;

  if (start_text[0] == '\0')
    {
      _chrono_csv_error_at (&load->reader, error, CHRONO_ERROR_MISSING, cell_offset (load, COL_START),
                            _("the event has no start date"));
      return FALSE;
    }
  if (!parse_date_cell (load, COL_START, _("start date"), &start, error))
    return FALSE;
  if (has_end && !parse_date_cell (load, COL_END, _("end date"), &end, error))
    return FALSE;
  if (has_end && !check_order (load, &start, &end, COL_END, error))
    return FALSE;

  if (id[0] != '\0')
    {
      if (g_hash_table_contains (load->ids, id))
        {
          _chrono_csv_error_at (&load->reader, error, CHRONO_ERROR_DUPLICATE,
                                cell_offset (load, COL_ID), _("the id “%s” is used twice"), id);
          return FALSE;
        }
      g_hash_table_add (load->ids, g_strdup (id));
    }

  if (load->title_from_description)
    title = title_from_text (cell_text (load, COL_DESCRIPTION));
  event = chrono_event_new (id, title != NULL ? title : cell_text (load, COL_TITLE), &start);
  if (has_end)
    chrono_event_set_end (event, &end);
  if (nonempty (cell_text (load, COL_DESCRIPTION)))
    chrono_event_set_description (event, cell_text (load, COL_DESCRIPTION));
  if (category[0] != '\0')
    {
      ensure_category (load, category);
      chrono_event_set_category (event, category);
    }
  if (nonempty (cell_text (load, COL_GROUP)))
    chrono_event_set_group (event, cell_text (load, COL_GROUP));
  if (nonempty (cell_text (load, COL_STATUS)))
    chrono_event_set_status (event, cell_text (load, COL_STATUS));
  if (nonempty (cell_text (load, COL_DISPLAY_DATE)))
    chrono_event_set_display_date (event, cell_text (load, COL_DISPLAY_DATE));

  if (importance_text[0] != '\0')
    {
      gint64 importance;

      if (!_chrono_format_parse_int (importance_text, &importance) ||
          importance < 0 || importance > 100)
        {
          _chrono_csv_error_at (&load->reader, error, CHRONO_ERROR_INVALID_VALUE,
                                cell_offset (load, COL_IMPORTANCE),
                                _("importance “%s” is not a whole number from 0 to 100"),
                                importance_text);
          return FALSE;
        }
      chrono_event_set_importance (event, (guint) importance);
    }

  for (guint i = 0; i < G_N_ELEMENTS (list_columns); i++)
    {
      g_auto(GStrv) items = NULL;

      if (load->columns[list_columns[i]] < 0)
        continue;
      items = split_list (cell_text (load, list_columns[i]));
      if (items[0] == NULL)
        continue;
      list_setters[i] (event, (const char * const *) items);
    }

  source_title = nonempty (cell_text (load, COL_SOURCE_TITLE));
  source_url = nonempty (cell_text (load, COL_SOURCE_URL));
  source_publisher = nonempty (cell_text (load, COL_SOURCE_PUBLISHER));
  source_date = nonempty (cell_text (load, COL_SOURCE_DATE));
  /* a "Source" column: a web link is the source's URL, other text its title;
   * what the file also gives explicitly is not overwritten, only kept */
  if (source_any[0] != '\0')
    {
      gboolean is_url = _chrono_format_is_web_url (source_any);

      if (is_url && source_url == NULL)
        source_url = source_any;
      else if (!is_url && source_title == NULL)
        source_title = cell_text (load, COL_SOURCE);
      else
        source_leftover = cell_text (load, COL_SOURCE);
    }
  if (source_title || source_url || source_publisher || source_date)
    {
      g_autoptr(ChronoSource) source =
        chrono_source_new (source_title, source_url, source_publisher, source_date);

      chrono_event_add_source (event, source);
    }

  extra = row_extra (load, source_leftover);
  if (extra != NULL)
    chrono_event_set_extra (event, extra);

  if (id[0] == '\0')
    {
      PendingId pending = { event, load->data_row };

      g_array_append_val (load->pending_ids, pending);
    }
  g_ptr_array_add (load->events, g_steal_pointer (&event));
  return TRUE;
}

/* Whole-number cell of a TimelineJS date part; 0 and TRUE when empty. */
static gboolean
read_number_cell (CsvLoad  *load,
                  Column    column,
                  gint64   *out,
                  GError  **error)
{
  g_autofree char *text = cell_stripped (load, column);

  *out = 0;
  if (text[0] == '\0')
    return TRUE;
  if (!_chrono_format_parse_int (text, out) ||
      ((column == COL_MONTH || column == COL_END_MONTH) && (*out < 1 || *out > 12)) ||
      ((column == COL_DAY || column == COL_END_DAY) && (*out < 1 || *out > 31)))
    {
      _chrono_csv_error_at (&load->reader, error, CHRONO_ERROR_INVALID_DATE, cell_offset (load, column),
                            _("“%s” is not a valid %s"), text, _chrono_csv_column_names[column]);
      return FALSE;
    }
  return TRUE;
}

/* A TimelineJS date from Year, Month, Day, Time (or their End twins).
 * TimelineJS writes 500 BC as -500 (there is no year 0): stored
 * astronomically as -499. */
static gboolean
read_tljs_date (CsvLoad     *load,
                gboolean     is_end,
                ChronoDate  *out,
                GError     **error)
{
  Column year_col = is_end ? COL_END_YEAR : COL_YEAR;
  Column month_col = is_end ? COL_END_MONTH : COL_MONTH;
  Column day_col = is_end ? COL_END_DAY : COL_DAY;
  Column time_col = is_end ? COL_END_TIME : COL_TIME;
  g_autofree char *time_text = cell_stripped (load, time_col);
  g_autoptr(GError) local_error = NULL;
  gint64 year, month, day;
  guint hour = 0, minute = 0, second = 0;
  ChronoPrecision precision = CHRONO_PRECISION_YEAR;

  if (!read_number_cell (load, year_col, &year, error) ||
      !read_number_cell (load, month_col, &month, error) ||
      !read_number_cell (load, day_col, &day, error))
    return FALSE;

  if (time_text[0] != '\0' &&
      !_chrono_format_parse_time (time_text, &hour, &minute, &second, &precision))
    {
      _chrono_csv_error_at (&load->reader, error, CHRONO_ERROR_INVALID_DATE, cell_offset (load, time_col),
                            _("“%s” is not a time of day (use 10:15 or 10:15:30)"), time_text);
      return FALSE;
    }

  if (year < 0)
    year += 1;

  if (!_chrono_format_date_from_parts (year, (guint) month, (guint) day, hour, minute, second,
                                       precision, out, &local_error))
    {
      /* the day, if any, is what makes a valid year and month invalid */
      _chrono_csv_error_at (&load->reader, error, CHRONO_ERROR_INVALID_DATE,
                            cell_offset (load, day > 0 ? day_col : year_col),
                            _("invalid date: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
has_any_end_part (CsvLoad *load)
{
  const Column cols[] = { COL_END_YEAR, COL_END_MONTH, COL_END_DAY, COL_END_TIME };

  for (guint i = 0; i < G_N_ELEMENTS (cols); i++)
    {
      g_autofree char *text = cell_stripped (load, cols[i]);

      if (text[0] != '\0')
        return TRUE;
    }
  return FALSE;
}

static char *
html_cell (CsvLoad *load,
           Column   column)
{
  return _chrono_format_html_to_text (cell_text (load, column));
}

/* Headline or Text (HTML), else the plain column standing in for it. */
static char *
tljs_text_cell (CsvLoad *load,
                Column   html_column,
                Column   plain_column)
{
  if (load->columns[html_column] >= 0)
    return html_cell (load, html_column);
  return g_strdup (cell_text (load, plain_column));
}

gboolean
_chrono_csv_read_tljs_row (CsvLoad  *load,
                           GError  **error)
{
  g_autofree char *type = cell_stripped (load, COL_TYPE);
  g_autofree char *year = cell_stripped (load, COL_YEAR);
  g_autofree char *end_year = cell_stripped (load, COL_END_YEAR);
  g_autofree char *headline = tljs_text_cell (load, COL_HEADLINE, COL_TITLE);
  g_autofree char *text = tljs_text_cell (load, COL_TEXT, COL_DESCRIPTION);
  g_autofree char *extra = row_extra (load, NULL);
  g_autoptr(ChronoEvent) event = NULL;
  ChronoDate start, end;
  gboolean has_end = has_any_end_part (load);
  const char *media;

  if (load->title_from_description)
    {
      g_free (headline);
      headline = title_from_text (text);
    }

  if (g_ascii_strcasecmp (type, "title") == 0)
    {
      if (!load->have_title)
        {
          chrono_timeline_set_title (load->timeline, headline);
          if (text[0] != '\0')
            chrono_timeline_set_description (load->timeline, text);
          load->have_title = TRUE;
        }
      return TRUE;
    }

  if (year[0] == '\0')
    {
      _chrono_csv_error_at (&load->reader, error, CHRONO_ERROR_MISSING, cell_offset (load, COL_YEAR),
                            _("the row has no Year"));
      return FALSE;
    }
  if (has_end && end_year[0] == '\0')
    {
      _chrono_csv_error_at (&load->reader, error, CHRONO_ERROR_MISSING, cell_offset (load, COL_END_YEAR),
                            _("an end date needs an End Year"));
      return FALSE;
    }
  if (!read_tljs_date (load, FALSE, &start, error))
    return FALSE;
  if (has_end && !read_tljs_date (load, TRUE, &end, error))
    return FALSE;
  if (has_end && !check_order (load, &start, &end, COL_END_YEAR, error))
    return FALSE;

  if (g_ascii_strcasecmp (type, "era") == 0)
    {
      g_autoptr(ChronoEra) era = NULL;

      if (!has_end)
        {
          _chrono_csv_error_at (&load->reader, error, CHRONO_ERROR_MISSING,
                                cell_offset (load, COL_END_YEAR), _("an era needs an End Year"));
          return FALSE;
        }
      era = chrono_era_new (headline, &start, &end);
      if (text[0] != '\0')
        chrono_era_set_description (era, text);
      if (extra != NULL)
        chrono_era_set_extra (era, extra);
      chrono_timeline_add_era (load->timeline, era);
      return TRUE;
    }

  event = chrono_event_new ("", headline, &start);
  if (has_end)
    chrono_event_set_end (event, &end);
  if (text[0] != '\0')
    chrono_event_set_description (event, text);
  if (extra != NULL)
    chrono_event_set_extra (event, extra);
  if (nonempty (cell_text (load, COL_GROUP)))
    chrono_event_set_group (event, cell_text (load, COL_GROUP));
  if (nonempty (cell_text (load, COL_DISPLAY_DATE)))
    chrono_event_set_display_date (event, cell_text (load, COL_DISPLAY_DATE));

  media = cell_text (load, COL_MEDIA);
  {
    g_autofree char *url = g_strstrip (g_strdup (media));

    if (_chrono_format_is_web_url (url))
      {
        g_autofree char *caption = html_cell (load, COL_MEDIA_CAPTION);
        g_autofree char *credit = html_cell (load, COL_MEDIA_CREDIT);
        g_autoptr(ChronoSource) source =
          chrono_source_new (nonempty (caption), url, nonempty (credit), NULL);

        chrono_event_add_source (event, source);
      }
  }

  {
    PendingId pending = { event, load->data_row };

    g_array_append_val (load->pending_ids, pending);
  }
  g_ptr_array_add (load->events, g_steal_pointer (&event));
  return TRUE;
}

