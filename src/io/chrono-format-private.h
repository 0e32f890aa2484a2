/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "chrono-date.h"
#include "chrono-error.h"
#include "chrono-json-util.h"

G_BEGIN_DECLS

/* Helpers shared by the CSV, TimelineJS and STIX readers. */

/* A JSON document being read (TimelineJS, STIX) and where its error goes. */
typedef struct {
  ChronoJsonInput input;
  GError        **error;
} ChronoFormatJson;

/* Sets json->error as chrono_json_set_error() does: "NAME:LINE:COL: message"
 * at the value that @pointer names. */
void      _chrono_format_json_error    (ChronoFormatJson *json,
                                        ChronoError       code,
                                        const char       *pointer,
                                        const char       *format,
                                        ...) G_GNUC_PRINTF (4, 5);

/* A member of @object, with JSON null read as absent (exports write nulls). */
JsonNode *_chrono_format_json_member   (JsonObject       *object,
                                        const char       *name);
/* An optional string member: *out NULL when absent; FALSE with the error
 * set at @pointer/@name when present but not a string. */
gboolean  _chrono_format_json_get_string (ChronoFormatJson *json,
                                          JsonObject       *object,
                                          const char       *name,
                                          const char       *pointer,
                                          const char      **out);

/* Sets "NAME:LINE:COL: message", or "NAME: message" when @line is 0. */
void      _chrono_format_set_error     (GError          **error,
                                        ChronoError       code,
                                        const char       *display_name,
                                        guint             line,
                                        guint             column,
                                        const char       *format,
                                        ...) G_GNUC_PRINTF (6, 7);

/* A date from spreadsheet-like parts: @month and @day 0 when not given;
 * @precision HOUR..SECOND adds the time of day. Checks ranges ("2021-02-30"
 * fails) and returns CHRONO_ERROR_INVALID_DATE with a message without
 * position. */
gboolean  _chrono_format_date_from_parts (gint64           year,
                                          guint            month,
                                          guint            day,
                                          guint            hour,
                                          guint            minute,
                                          guint            second,
                                          ChronoPrecision  precision,
                                          ChronoDate      *out,
                                          GError         **error);

/* Parses "10:15", "10:15:30", "10:15:30.250" and "10:15 PM"; FALSE if invalid.
 * @precision is MINUTE or SECOND. */
gboolean  _chrono_format_parse_time    (const char       *text,
                                        guint            *hour,
                                        guint            *minute,
                                        guint            *second,
                                        ChronoPrecision  *precision);

/* Parses a whole integer ("-500", " 2021 ", "+12"); FALSE if not one. */
gboolean  _chrono_format_parse_int     (const char       *text,
                                        gint64           *out);

/* HTML (as found in TimelineJS text) to plain text: tags dropped, <br>, <p>
 * and other blocks become line breaks, entities decoded (named and numeric),
 * white space collapsed. @html must be valid UTF-8; the result is too. */
char     *_chrono_format_html_to_text  (const char       *html);

/* The colour ("#rrggbb") for the @index-th category a reader creates: the
 * eight colours of the Okabe–Ito colour-blind-safe palette (#E69F00 #56B4E9
 * #009E73 #F0E442 #0072B2 #D55E00 #CC79A7 #999999), then the same eight
 * darker, lighter, darker still and lighter still; after 40 it repeats. */
char     *_chrono_format_category_color (guint          index);

typedef enum {
  CHRONO_CSV_HEADER_UNKNOWN,
  CHRONO_CSV_HEADER_KNOWN,
  CHRONO_CSV_HEADER_DATE,   /* "start", "year" or another name for the start */
} ChronoCsvHeader;

/* How the CSV reader (chrono-csv.c) reads a header cell of @length bytes,
 * for format detection. */
ChronoCsvHeader _chrono_csv_header_kind (const char *text,
                                         gsize       length);

/* TRUE for an absolute http or https URL. */
gboolean  _chrono_format_is_web_url    (const char       *url);

G_END_DECLS
