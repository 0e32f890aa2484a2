/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "chrono-timeline.h"

G_BEGIN_DECLS

/* RFC 4180 CSV, UTF-8 with or without BOM, CRLF, LF or CR line ends.
 * Errors read "NAME:LINE:COL: message".
 *
 * The first line names the columns. Names are compared case-insensitively
 * after trimming, with "_" and "-" read as spaces and runs of spaces as one
 * ("Start_Date", "start-date" and " START  DATE " are one name).
 *
 * Which sheet it is: a "start" column makes it Chronoscope's; else a "Year"
 * column makes it TimelineJS's; else a synonym of "start" (below) makes it
 * Chronoscope's; else it is an error that lists the accepted names.
 *
 * Chronoscope's columns, with the other names accepted for them:
 *   id
 *   start         date, start date, from, begin, when   (EDTF: 2021-07-19, 2021, 2020~)
 *   end           end date, to, until                   (EDTF; ".." open)
 *   title         event, headline, name, what, summary
 *   description   details, text, notes, body
 *   category      type
 *   group         lane, track
 *   status, importance (0..100), display date
 *   actors        who, actor, perpetrator(s)
 *   targets       target, victim(s)
 *   places        place, location(s), country, countries, where
 *   tags          tag, keywords, keyword
 *   source title  source name
 *   source url, source publisher (publisher), source date
 *   source        url, link, sources: an http(s) link is the source's URL,
 *                 other text its title (never overwriting those columns)
 * A column's own name wins over a synonym, then the leftmost column. Lists
 * (actors, targets, places, tags) are separated by ";", where "\;" is a
 * literal ";" and "\\" a "\". Without a title column, the first column whose
 * name is not one we know and not a date's ("date", "time", "year", "month",
 * "day") is the title; without one either, the description's first line
 * (cut near 80 characters).
 *
 * TimelineJS's spreadsheet template: Year, Month, Day, Time, End Year,
 * End Month, End Day, End Time, Display Date, Headline, Text (HTML), Media,
 * Media Credit, Media Caption, Type ("title", "era" or empty), Group. Its -500
 * is 500 BC, stored astronomically as -499; Media as an http(s) link becomes a
 * source. Without Headline or Text, plain title and description columns (own
 * names or synonyms) stand in for them. No other synonyms are read here, so
 * its "Type" stays TimelineJS's.
 *
 * Nothing is dropped silently: every other column (Media Thumbnail and
 * Background too) is kept per event (and era) in its "extra" JSON object
 * under the column's name, which a native save writes out; empty cells are
 * not kept. An empty name becomes "column N", a repeated name or a native
 * event field's "NAME (column N)".
 *
 * Categories get colours of the Okabe–Ito palette in order of first use
 * (_chrono_format_category_color). Rows without id get "csv-N" / "tljs-N"
 * (N: the data row). Short rows read missing cells as empty; cells beyond
 * the header are ignored; blank lines are skipped.
 *
 * Formula guard round trip: a cell that is "'" followed by = + - @ TAB or CR
 * (after any further "'"s) loses that first "'" when read, which undoes what
 * chrono_csv_to_data adds; a cell like "'hello" stays as it is. */
ChronoTimeline *chrono_csv_load_data (const char      *data,
                                      gsize            length,
                                      const char      *display_name,
                                      GError         **error);
/* Chronoscope's columns (id, start, end, title, description, category,
 * group, status, importance, actors, targets, places, tags, source_title,
 * source_url, source_publisher, source_date: the first source only), CRLF
 * line ends; cells that a spreadsheet would run as a formula (leading = + - @
 * TAB CR, after any "'"s) are prefixed with "'". */
char           *chrono_csv_to_data   (ChronoTimeline  *timeline,
                                      gsize           *length);

G_END_DECLS
