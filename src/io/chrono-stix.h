/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "chrono-timeline.h"

G_BEGIN_DECLS

/* STIX 2.1 bundles: campaigns and intrusion sets become ranges (first_seen /
 * last_seen), reports points (published); attributed-to relationships name
 * actors; external references become sources. More precisely:
 * - no last_seen: an open (ongoing) end; no first_seen: not an event;
 *   revoked objects and older versions of an id are skipped;
 * - attributed-to → actors, targets → targets, uses → tags (by the target's
 *   name); a report's object_refs: intrusion sets and threat actors →
 *   actors, identities, locations and vulnerabilities → targets, others →
 *   tags; labels → tags; references outside the bundle are ignored;
 * - external_references → sources (external_id or description as title,
 *   url, source_name as publisher);
 * - one category per STIX type: "campaign", "intrusion-set", "report". */
ChronoTimeline *chrono_stix_load_data (const char  *data,
                                       gsize        length,
                                       const char  *display_name,
                                       GError     **error);

G_END_DECLS
