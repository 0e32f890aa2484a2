/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "chrono-timeline.h"

G_BEGIN_DECLS

typedef enum {
  CHRONO_FORMAT_UNKNOWN = 0,
  CHRONO_FORMAT_NATIVE,     /* .chrono.json / .json with "chronoscope" */
  CHRONO_FORMAT_CSV,
  CHRONO_FORMAT_TIMELINEJS, /* TimelineJS3 JSON */
  CHRONO_FORMAT_STIX,       /* STIX 2.1 bundle */
} ChronoFormat;

/* Largest input any reader accepts, so that a hostile file cannot exhaust memory. */
#define CHRONO_FORMAT_MAX_INPUT ((gsize) 1 << 30)

/* Detects the format from the content (and the name only as a tie-breaker). */
ChronoFormat    chrono_format_detect     (const char    *data,
                                          gsize          length,
                                          const char    *name);
/* Loads any supported format; errors read "NAME:LINE:COL: message". */
ChronoTimeline *chrono_format_load_data  (const char    *data,
                                          gsize          length,
                                          const char    *display_name,
                                          GError       **error);
/* Reads at most CHRONO_FORMAT_MAX_INPUT bytes. Only a native file becomes the
 * timeline's "file" (Save writes there); imports have none, so Save asks. */
ChronoTimeline *chrono_format_load_file  (GFile         *file,
                                          GCancellable  *cancellable,
                                          GError       **error);

G_END_DECLS
