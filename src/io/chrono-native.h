/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "chrono-timeline.h"

G_BEGIN_DECLS

/* The native format: JSON as in DESIGN.md, data/chronoscope.schema.json.
 * @display_name names the input in errors: "NAME:LINE:COL: message".
 * Nothing is half-loaded: on error NULL is returned. */
ChronoTimeline *chrono_native_load_data  (const char      *data,
                                          gsize            length,
                                          const char      *display_name,
                                          GError         **error);
ChronoTimeline *chrono_native_load_file  (GFile           *file,
                                          GCancellable    *cancellable,
                                          GError         **error);
/* Pretty-printed UTF-8 JSON, events in timeline order, unknown fields kept. */
char           *chrono_native_to_data    (ChronoTimeline  *timeline,
                                          gsize           *length);
/* Atomic: the old file survives any failure (see chrono_io_replace_file). */
gboolean        chrono_native_save_file  (ChronoTimeline  *timeline,
                                          GFile           *file,
                                          GCancellable    *cancellable,
                                          GError         **error);

G_END_DECLS
