/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "chrono-csv.h"
#include "chrono-error.h"
#include "chrono-format.h"
#include "chrono-format-private.h"
#include "chrono-model.h"

/* Columns we read. Header names are compared after normalize_header(), so
 * "Source URL", "source_url" and " SOURCE-url " are one. */
typedef enum {
  COL_ID,
  COL_START,
  COL_END,
  COL_TITLE,
  COL_DESCRIPTION,
  COL_CATEGORY,
  COL_GROUP,
  COL_STATUS,
  COL_IMPORTANCE,
  COL_ACTORS,
  COL_TARGETS,
  COL_PLACES,
  COL_TAGS,
  COL_SOURCE_TITLE,
  COL_SOURCE_URL,
  COL_SOURCE_PUBLISHER,
  COL_SOURCE_DATE,
  COL_DISPLAY_DATE,
  COL_SOURCE,           /* a link or a source's name: which, the cell says */
  /* TimelineJS spreadsheet template */
  COL_YEAR,
  COL_MONTH,
  COL_DAY,
  COL_TIME,
  COL_END_YEAR,
  COL_END_MONTH,
  COL_END_DAY,
  COL_END_TIME,
  COL_HEADLINE,
  COL_TEXT,
  COL_MEDIA,
  COL_MEDIA_CREDIT,
  COL_MEDIA_CAPTION,
  COL_MEDIA_THUMBNAIL,
  COL_TYPE,
  COL_BACKGROUND,
  N_COLS
} Column;

static const char * const column_names[N_COLS] = {
  "id", "start", "end", "title", "description", "category", "group", "status",
  "importance", "actors", "targets", "places", "tags", "source title", "source url",
  "source publisher", "source date", "display date", "source",
  "year", "month", "day", "time", "end year", "end month", "end day", "end time",
  "headline", "text", "media", "media credit", "media caption", "media thumbnail",
  "type", "background",
};

/* Other names for Chronoscope's columns, as people name them in their own
 * spreadsheets (normalised). A column's own name wins over these, then the
 * leftmost column. "type" is TimelineJS's too: a header with "Year" and no
 * "start" is read as TimelineJS before any of these are tried. */
static const struct {
  const char *name;
  Column      column;
} column_synonyms[] = {
  { "date", COL_START }, { "start date", COL_START }, { "from", COL_START },
  { "begin", COL_START }, { "when", COL_START },
  { "end date", COL_END }, { "to", COL_END }, { "until", COL_END },
  { "event", COL_TITLE }, { "headline", COL_TITLE }, { "name", COL_TITLE },
  { "what", COL_TITLE }, { "summary", COL_TITLE },
  { "details", COL_DESCRIPTION }, { "text", COL_DESCRIPTION }, { "notes", COL_DESCRIPTION },
  { "body", COL_DESCRIPTION },
  { "who", COL_ACTORS }, { "actor", COL_ACTORS }, { "perpetrator", COL_ACTORS },
  { "perpetrators", COL_ACTORS },
  { "target", COL_TARGETS }, { "victim", COL_TARGETS }, { "victims", COL_TARGETS },
  { "place", COL_PLACES }, { "location", COL_PLACES }, { "locations", COL_PLACES },
  { "country", COL_PLACES }, { "countries", COL_PLACES }, { "where", COL_PLACES },
  { "tag", COL_TAGS }, { "keywords", COL_TAGS }, { "keyword", COL_TAGS },
  { "type", COL_CATEGORY },
  { "lane", COL_GROUP }, { "track", COL_GROUP },
  { "url", COL_SOURCE }, { "link", COL_SOURCE }, { "sources", COL_SOURCE },
  { "source name", COL_SOURCE_TITLE }, { "publisher", COL_SOURCE_PUBLISHER },
};

/* The members of a native event: an unknown column must not be kept under
 * one of these names, or saving would drop it (or misread it on loading). */
static const char * const native_event_fields[] = {
  "id", "title", "start", "end", "description", "category", "group", "status",
  "display_date", "importance", "actors", "targets", "places", "tags", "sources",
};

/* What chrono_csv_to_data writes, in order (Chronoscope's columns). */
static const char * const export_columns[] = {
  "id", "start", "end", "title", "description", "category", "group", "status",
  "importance", "actors", "targets", "places", "tags", "source_title", "source_url",
  "source_publisher", "source_date",
};

typedef struct {
  char  *text;
  gsize  offset; /* byte offset of the cell's first character, for errors */
} CsvCell;

typedef struct {
  const char *data;     /* after the BOM */
  const char *end;
  const char *p;
  const char *display_name;
  GArray     *cells;    /* CsvCell of the current row */
  gsize       row_offset;
} CsvReader;

typedef struct {
  ChronoEvent *event;
  guint        number;  /* the data row number, for a generated id */
} PendingId;

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

static void csv_error_at (const CsvReader *reader,
                          GError         **error,
                          ChronoError      code,
                          gsize            offset,
                          const char      *format,
                          ...) G_GNUC_PRINTF (5, 6);

static void
csv_error_at (const CsvReader *reader,
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
                  csv_error_at (reader, error, CHRONO_ERROR_SYNTAX, open_offset,
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
              csv_error_at (reader, error, CHRONO_ERROR_SYNTAX, p - reader->data,
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
static gboolean
is_formula_start (char c)
{
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

static void
unguard_cell (CsvCell *cell)
{
  const char *q = cell->text;

  if (*q != '\'')
    return;
  while (*q == '\'')
    q++;
  if (is_formula_start (*q))
    memmove (cell->text, cell->text + 1, strlen (cell->text));
}

/* "  Start_Date " and "start-date" read "start date": ASCII case folded,
 * "_" and "-" read as spaces, runs of white space as one, trimmed. */
static char *
normalize_header (const char *text,
                  gsize       length)
{
  GString *name = g_string_sized_new (length);
  gboolean space = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '_' || c == '-' || g_ascii_isspace (c))
        {
          space = name->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (name, ' ');
      space = FALSE;
      g_string_append_c (name, g_ascii_tolower (c));
    }
  return g_string_free (name, FALSE);
}

/* Whether a row of this kind reads @column (a header's other columns are
 * kept in the event's "extra"). */
static gboolean
column_in_mode (Column   column,
                gboolean tljs)
{
  if (!tljs)
    return column <= COL_SOURCE;
  /* a TimelineJS sheet without Headline or Text may still have plain
   * "title" and "description" columns (or their synonyms) */
  return (column >= COL_YEAR && column != COL_MEDIA_THUMBNAIL && column != COL_BACKGROUND) ||
         column == COL_GROUP || column == COL_DISPLAY_DATE || column == COL_TITLE ||
         column == COL_DESCRIPTION;
}

static Column
lookup_column (const char *name,
               gboolean    synonyms)
{
  if (!synonyms)
    {
      for (guint c = 0; c < N_COLS; c++)
        if (strcmp (name, column_names[c]) == 0)
          return (Column) c;
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (column_synonyms); i++)
        if (strcmp (name, column_synonyms[i].name) == 0)
          return column_synonyms[i].column;
    }
  return N_COLS;
}

ChronoCsvHeader
_chrono_csv_header_kind (const char *text,
                         gsize       length)
{
  g_autofree char *name = NULL;
  Column column;

  /* no name of ours is this long: spare detection a copy of a huge cell */
  if (length > 64)
    return CHRONO_CSV_HEADER_UNKNOWN;
  name = normalize_header (text, length);
  column = lookup_column (name, FALSE);
  if (column == N_COLS)
    column = lookup_column (name, TRUE);
  if (column == N_COLS)
    return CHRONO_CSV_HEADER_UNKNOWN;
  return column == COL_START || column == COL_YEAR ? CHRONO_CSV_HEADER_DATE
                                                   : CHRONO_CSV_HEADER_KNOWN;
}

/* A header that probably holds a date or time rather than a title. */
static gboolean
is_date_like_header (const char *name)
{
  static const char * const words[] = { "date", "time", "year", "month", "day" };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (name, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* The name under which an unused column is kept in "extra": its header as
 * written, unless that is empty, a native event field or taken. */
static char *
make_extra_key (const char *header,
                guint       index,
                GHashTable *taken)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (header));
  char *key;
  gboolean clash = g_hash_table_contains (taken, trimmed);

  for (guint i = 0; i < G_N_ELEMENTS (native_event_fields); i++)
    clash |= strcmp (trimmed, native_event_fields[i]) == 0;

  if (trimmed[0] == '\0')
    key = g_strdup_printf ("column %u", index + 1);
  else if (clash)
    key = g_strdup_printf ("%s (column %u)", trimmed, index + 1);
  else
    key = g_steal_pointer (&trimmed);

  while (g_hash_table_contains (taken, key))
    {
      char *longer = g_strdup_printf ("%s (column %u)", key, index + 1);

      g_free (key);
      key = longer;
    }
  g_hash_table_add (taken, key);
  return g_strdup (key);
}

typedef struct {
  CsvReader  reader;
  int        columns[N_COLS]; /* cell index, or -1 */
  ChronoTimeline *timeline;
  GPtrArray *events;          /* ChronoEvent */
  GArray    *pending_ids;     /* PendingId */
  GHashTable *ids;            /* explicit ids, for duplicates */
  GHashTable *categories;     /* category ids already added */
  GPtrArray *extra_keys;      /* per header cell: its "extra" name, or NULL if read */
  char      *source_key;      /* "extra" name of the COL_SOURCE cell it cannot place */
  guint      data_row;
  gboolean   have_title;
  gboolean   title_from_description; /* no title column: the first line then */
} CsvLoad;

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

/* "“start”, “date”, …": the names a start column may have, for errors. */
static char *
start_column_names (void)
{
  GString *names = g_string_new ("“start”");

  for (guint i = 0; i < G_N_ELEMENTS (column_synonyms); i++)
    if (column_synonyms[i].column == COL_START)
      g_string_append_printf (names, ", “%s”", column_synonyms[i].name);
  return g_string_free (names, FALSE);
}

/* Reads the header row: which kind of sheet it is (@tljs), which cell holds
 * each column, and the "extra" names of the others. */
static gboolean
read_header (CsvLoad   *load,
             gboolean  *tljs,
             GError   **error)
{
  GArray *cells = load->reader.cells;
  g_autoptr(GPtrArray) names = g_ptr_array_new_full (cells->len, g_free);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree gboolean *used = g_new0 (gboolean, cells->len + 1);
  gboolean has_start = FALSE, has_year = FALSE, has_start_synonym = FALSE;

  for (guint i = 0; i < cells->len; i++)
    {
      const char *text = g_array_index (cells, CsvCell, i).text;
      char *name = normalize_header (text, strlen (text));

      has_start |= strcmp (name, "start") == 0;
      has_year |= strcmp (name, "year") == 0;
      has_start_synonym |= lookup_column (name, TRUE) == COL_START;
      g_ptr_array_add (names, name);
    }

  /* TimelineJS's template is recognised by its own names only */
  if (has_start || (!has_year && has_start_synonym))
    *tljs = FALSE;
  else if (has_year)
    *tljs = TRUE;
  else
    {
      g_autofree char *accepted = start_column_names ();

      csv_error_at (&load->reader, error, CHRONO_ERROR_MISSING, load->reader.row_offset,
                    _("no date column: the first line must name the column of start dates, "
                      "as one of %s, or have TimelineJS’s “Year” column"),
                    accepted);
      return FALSE;
    }

  for (guint c = 0; c < N_COLS; c++)
    load->columns[c] = -1;

  /* own names first, then other names; the leftmost column wins */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < cells->len; i++)
      {
        Column c = lookup_column (g_ptr_array_index (names, i), pass == 1);

        if (used[i] || c == N_COLS || !column_in_mode (c, *tljs) || load->columns[c] >= 0)
          continue;
        /* in TimelineJS, a plain title or description only stands in for
         * Headline and Text */
        if (*tljs && ((c == COL_TITLE && load->columns[COL_HEADLINE] >= 0) ||
                      (c == COL_DESCRIPTION && load->columns[COL_TEXT] >= 0)))
          continue;
        load->columns[c] = (int) i;
        used[i] = TRUE;
      }
  /* Headline and Text win over a stand-in that comes before them */
  if (*tljs && load->columns[COL_HEADLINE] >= 0 && load->columns[COL_TITLE] >= 0)
    {
      used[load->columns[COL_TITLE]] = FALSE;
      load->columns[COL_TITLE] = -1;
    }
  if (*tljs && load->columns[COL_TEXT] >= 0 && load->columns[COL_DESCRIPTION] >= 0)
    {
      used[load->columns[COL_DESCRIPTION]] = FALSE;
      load->columns[COL_DESCRIPTION] = -1;
    }

  /* No title column: the first column of text we do not read is one; if
   * there is none, the first line of the description */
  if (load->columns[COL_TITLE] < 0 && load->columns[COL_HEADLINE] < 0)
    {
      for (guint i = 0; i < cells->len && load->columns[COL_TITLE] < 0; i++)
        {
          const char *name = g_ptr_array_index (names, i);

          /* a known name of a column this kind of sheet does not read
           * (say TimelineJS's "Background") is no title either */
          if (!used[i] && name[0] != '\0' && !is_date_like_header (name) &&
              lookup_column (name, FALSE) == N_COLS && lookup_column (name, TRUE) == N_COLS)
            {
              load->columns[COL_TITLE] = (int) i;
              used[i] = TRUE;
            }
        }
      load->title_from_description = load->columns[COL_TITLE] < 0;
    }

  load->extra_keys = g_ptr_array_new_full (cells->len, g_free);
  for (guint i = 0; i < cells->len; i++)
    {
      const char *header = g_array_index (cells, CsvCell, i).text;

      g_ptr_array_add (load->extra_keys, used[i] ? NULL : make_extra_key (header, i, taken));
      if (!used[i])
        g_debug ("%s: column %u (“%s”) is not one we read: kept in each event’s extra fields",
                 load->reader.display_name, i + 1, header);
    }
  if (load->columns[COL_SOURCE] >= 0)
    load->source_key = make_extra_key (g_array_index (cells, CsvCell,
                                                      load->columns[COL_SOURCE]).text,
                                       (guint) load->columns[COL_SOURCE], taken);
  return TRUE;
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
      csv_error_at (&load->reader, error, CHRONO_ERROR_INVALID_DATE, cell_offset (load, column),
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
      csv_error_at (&load->reader, error, CHRONO_ERROR_INVALID_VALUE,
                    cell_offset (load, end_column), _("the end comes before the start"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_native_row (CsvLoad  *load,
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
      csv_error_at (&load->reader, error, CHRONO_ERROR_MISSING, cell_offset (load, COL_START),
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
          csv_error_at (&load->reader, error, CHRONO_ERROR_DUPLICATE,
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
          csv_error_at (&load->reader, error, CHRONO_ERROR_INVALID_VALUE,
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
      csv_error_at (&load->reader, error, CHRONO_ERROR_INVALID_DATE, cell_offset (load, column),
                    _("“%s” is not a valid %s"), text, column_names[column]);
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
      csv_error_at (&load->reader, error, CHRONO_ERROR_INVALID_DATE, cell_offset (load, time_col),
                    _("“%s” is not a time of day (use 10:15 or 10:15:30)"), time_text);
      return FALSE;
    }

  if (year < 0)
    year += 1;

  if (!_chrono_format_date_from_parts (year, (guint) month, (guint) day, hour, minute, second,
                                       precision, out, &local_error))
    {
      /* the day, if any, is what makes a valid year and month invalid */
      csv_error_at (&load->reader, error, CHRONO_ERROR_INVALID_DATE,
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

static gboolean
read_tljs_row (CsvLoad  *load,
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
      csv_error_at (&load->reader, error, CHRONO_ERROR_MISSING, cell_offset (load, COL_YEAR),
                    _("the row has no Year"));
      return FALSE;
    }
  if (has_end && end_year[0] == '\0')
    {
      csv_error_at (&load->reader, error, CHRONO_ERROR_MISSING, cell_offset (load, COL_END_YEAR),
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
          csv_error_at (&load->reader, error, CHRONO_ERROR_MISSING,
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
      csv_error_at (&load.reader, error, CHRONO_ERROR_SYNTAX, invalid - load.reader.data,
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

  if (!read_header (&load, &tljs, error))
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

      if (tljs ? !read_tljs_row (&load, error) : !read_native_row (&load, error))
        return NULL;
    }

  assign_pending_ids (&load, tljs ? "tljs" : "csv");

  chrono_timeline_add_events (load.timeline, (ChronoEvent **) load.events->pdata,
                              load.events->len);
  chrono_timeline_set_modified (load.timeline, FALSE);
  return g_steal_pointer (&load.timeline);
}

/* Writing */

static void
append_cell (GString    *out,
             const char *text)
{
  const char *q;
  gboolean quote;

  if (text == NULL)
    text = "";

  /* A spreadsheet runs a cell starting with = + - @ TAB or CR as a formula:
   * a leading "'" makes it text. Cells already starting with "'"s before
   * such a character get one more, so that reading strips exactly one. */
  q = text;
  while (*q == '\'')
    q++;
  if (is_formula_start (*q))
    {
      g_string_append (out, "\"'");
      quote = TRUE;
    }
  else
    {
      quote = strpbrk (text, ",\"\r\n") != NULL || g_ascii_isspace (text[0]) ||
              (text[0] != '\0' && g_ascii_isspace (text[strlen (text) - 1]));
      if (quote)
        g_string_append_c (out, '"');
    }

  if (quote)
    {
      for (const char *p = text; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    {
      g_string_append (out, text);
    }
}

static void
append_list (GString           *out,
             const char * const *items)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (joined, ';');
      for (const char *p = items[i]; *p; p++)
        {
          if (*p == ';' || *p == '\\')
            g_string_append_c (joined, '\\');
          g_string_append_c (joined, *p);
        }
    }
  append_cell (out, joined->str);
}

static void
append_date (GString          *out,
             const ChronoDate *date)
{
  g_autofree char *text = date != NULL ? chrono_date_to_string (date) : NULL;

  append_cell (out, text);
}

char *
chrono_csv_to_data (ChronoTimeline *timeline,
                    gsize          *length)
{
  GString *out;
  guint n;

  g_return_val_if_fail (CHRONO_IS_TIMELINE (timeline), NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (export_columns); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, export_columns[i]);
    }
  g_string_append (out, "\r\n");

  n = g_list_model_get_n_items (G_LIST_MODEL (timeline));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronoEvent) event = g_list_model_get_item (G_LIST_MODEL (timeline), i);
      g_autoptr(ChronoSource) source = NULL;
      GListModel *sources = chrono_event_get_sources (event);
      g_autofree char *importance = g_strdup_printf ("%u", chrono_event_get_importance (event));

      if (sources != NULL && g_list_model_get_n_items (sources) > 0)
        source = g_list_model_get_item (sources, 0);

      append_cell (out, chrono_event_get_id (event));
      g_string_append_c (out, ',');
      append_date (out, chrono_event_get_start (event));
      g_string_append_c (out, ',');
      append_date (out, chrono_event_get_end (event));
      g_string_append_c (out, ',');
      append_cell (out, chrono_event_get_title (event));
      g_string_append_c (out, ',');
      append_cell (out, chrono_event_get_description (event));
      g_string_append_c (out, ',');
      append_cell (out, chrono_event_get_category (event));
      g_string_append_c (out, ',');
      append_cell (out, chrono_event_get_group (event));
      g_string_append_c (out, ',');
      append_cell (out, chrono_event_get_status (event));
      g_string_append_c (out, ',');
      append_cell (out, importance);
      g_string_append_c (out, ',');
      append_list (out, chrono_event_get_actors (event));
      g_string_append_c (out, ',');
      append_list (out, chrono_event_get_targets (event));
      g_string_append_c (out, ',');
      append_list (out, chrono_event_get_places (event));
      g_string_append_c (out, ',');
      append_list (out, chrono_event_get_tags (event));
      g_string_append_c (out, ',');
      append_cell (out, source != NULL ? chrono_source_get_title (source) : NULL);
      g_string_append_c (out, ',');
      append_cell (out, source != NULL ? chrono_source_get_url (source) : NULL);
      g_string_append_c (out, ',');
      append_cell (out, source != NULL ? chrono_source_get_publisher (source) : NULL);
      g_string_append_c (out, ',');
      append_cell (out, source != NULL ? chrono_source_get_date (source) : NULL);
      g_string_append (out, "\r\n");
    }

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
