/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "chrono-timeline.h"

G_BEGIN_DECLS

/* RFC 4180 CSV, UTF-8 with or without BOM. Reads Knight Lab's TimelineJS
 * spreadsheet columns (Year, Month, Day, …, Type "era") and Chronoscope's own
 * columns (start, end, title, description, category, group, actors, tags,
 * source_url …). Errors read "NAME:LINE:COL: message". */
ChronoTimeline *chrono_csv_load_data (const char      *data,
                                      gsize            length,
                                      const char      *display_name,
                                      GError         **error);
/* Chronoscope's columns; cells that a spreadsheet would run as a formula
 * (leading = + - @ TAB CR) are prefixed with "'". */
char           *chrono_csv_to_data   (ChronoTimeline  *timeline,
                                      gsize           *length);

G_END_DECLS
