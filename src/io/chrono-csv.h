/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "chrono-timeline.h"

G_BEGIN_DECLS

/* RFC 4180 CSV, UTF-8 with or without BOM. Reads Knight Lab's TimelineJS
 * spreadsheet columns (Year, Month, Day, …, Type "era") and Chronoscope's own
 * columns (start, end, title, description, category, group, actors, tags,
 * source_url …). Errors read "NAME:LINE:COL: message".
 *
 * Headers are matched case-insensitively, "_" read as " ". With a "start"
 * column the row is Chronoscope's (EDTF dates; lists separated by ";", where
 * "\;" is a literal ";" and "\\" a "\"); else with "Year" it is TimelineJS's
 * (its -500 is 500 BC, stored astronomically as -499; Text is HTML; Media an
 * http(s) link becomes a source). Rows without id get "csv-N" / "tljs-N"
 * (N: the data row). Short rows read missing cells as empty; extra cells are
 * ignored; blank lines are skipped.
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
