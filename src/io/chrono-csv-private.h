/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "chrono-error.h"
#include "chrono-model.h"

G_BEGIN_DECLS

/* What the parts of the CSV reader and writer share: chrono-csv-read.c
 * splits the input into records and drives a load, chrono-csv-columns.c
 * reads the header row into columns, chrono-csv-rows.c turns each row into
 * an event and chrono-csv-write.c writes a timeline out. */

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

/* The normalised name of each column (chrono-csv-columns.c). */
extern const char * const _chrono_csv_column_names[N_COLS];

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

/* A spreadsheet runs a cell starting with one of these as a formula. */
static inline gboolean
_chrono_csv_is_formula_start (char c)
{
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* Sets "NAME:LINE:COL: message" at byte @offset (chrono-csv-read.c). */
void         _chrono_csv_error_at        (const CsvReader *reader,
                                          GError         **error,
                                          ChronoError      code,
                                          gsize            offset,
                                          const char      *format,
                                          ...) G_GNUC_PRINTF (5, 6);
/* The header row, in reader.cells (chrono-csv-columns.c). */
gboolean     _chrono_csv_read_header     (CsvLoad         *load,
                                          gboolean        *tljs,
                                          GError         **error);
/* The row in reader.cells, into load->events (chrono-csv-rows.c). */
gboolean     _chrono_csv_read_native_row (CsvLoad         *load,
                                          GError         **error);
gboolean     _chrono_csv_read_tljs_row   (CsvLoad         *load,
                                          GError         **error);

G_END_DECLS
