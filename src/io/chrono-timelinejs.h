/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "chrono-timeline.h"

G_BEGIN_DECLS

/* TimelineJS3 JSON: title, events, eras with start_date/end_date objects;
 * HTML in text reduced to plain text. Years may be numbers or strings; -500
 * is 500 BC (stored astronomically as -499); milliseconds are dropped.
 * Events without unique_id get "tljs-<index in events>"; media.url becomes
 * a source when it is an http(s) link. */
ChronoTimeline *chrono_timelinejs_load_data (const char  *data,
                                             gsize        length,
                                             const char  *display_name,
                                             GError     **error);

G_END_DECLS
