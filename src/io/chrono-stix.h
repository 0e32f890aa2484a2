/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "chrono-timeline.h"

G_BEGIN_DECLS

/* STIX 2.1 bundles: campaigns and intrusion sets become ranges (first_seen /
 * last_seen), reports points (published); attributed-to relationships name
 * actors; external references become sources. */
ChronoTimeline *chrono_stix_load_data (const char  *data,
                                       gsize        length,
                                       const char  *display_name,
                                       GError     **error);

G_END_DECLS
