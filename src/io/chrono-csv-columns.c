/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "chrono-csv-private.h"
#include "chrono-format-private.h"

/* The header row of a CSV file: names normalised ("Start_Date" is "start
 * date"), Chronoscope's columns and their synonyms, TimelineJS's template,
 * which kind of sheet it is, which cell holds each column, and the names
 * under which the other columns are kept in each event's "extra". */

const char * const _chrono_csv_column_names[N_COLS] = {
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
        if (strcmp (name, _chrono_csv_column_names[c]) == 0)
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
gboolean
_chrono_csv_read_header (CsvLoad   *load,
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

      _chrono_csv_error_at (&load->reader, error, CHRONO_ERROR_MISSING, load->reader.row_offset,
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
