/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* json-glib 1.6 overflows the stack on deep nesting: every JSON reader
 * parses through this, which rejects input nested deeper than this first. */
#define CHRONO_JSON_MAX_DEPTH 512

/* Parses @data (not NUL-terminated, may contain anything) into a root node.
 * Rejects invalid UTF-8, empty input, too deep nesting and syntax errors
 * with "NAME:LINE:COL: message". */
JsonNode *chrono_json_parse (const char  *data,
                             gsize        length,
                             const char  *display_name,
                             GError     **error);

G_END_DECLS
