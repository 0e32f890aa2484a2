/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "chrono-timeline.h"

G_BEGIN_DECLS

/* The built-in timeline (data/timelines/cyber-espionage.chrono.json, compiled
 * in as a GResource): what the app opens when no file is given. */
ChronoTimeline *chrono_builtin_load (GError **error);

G_END_DECLS
