/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "chrono-timeline.h"

G_BEGIN_DECLS

/* A timeline like the built-in one (cyber-espionage campaigns 2019–2024):
 * categories, eras, points, ranges, year/month-precision and uncertain dates. */
ChronoTimeline *render_test_sample_timeline (void);

/* @n random events between @lo_year and @hi_year: points at second to year
 * precision, ranges of seconds to decades, random categories, groups,
 * importance and qualifiers, from @rand. */
ChronoTimeline *render_test_random_timeline (GRand *rand,
                                             guint  n,
                                             int    lo_year,
                                             int    hi_year);

/* @n events over 1990–2020 built without a ChronoEvent each (fast enough
 * for a million): points at second, day and month precision, some
 * approximate or uncertain, ranges of a day to a few years, random
 * categories, groups and importance. */
ChronoTimeline *render_test_large_timeline  (GRand *rand,
                                             guint  n);

G_END_DECLS
