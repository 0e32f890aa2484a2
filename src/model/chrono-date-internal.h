/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "chrono-date.h"

G_BEGIN_DECLS

/* What the parts of ChronoDate share: chrono-date.c (calendar, axis,
 * comparison), chrono-date-parse.c (EDTF parsing) and chrono-date-format.c
 * (canonical and localized text). Internal to src/model, not installed. */

/* Years beyond this are clamped in the calendar arithmetic so that it
 * cannot overflow; the axis saturates long before (about 2.9e11 years). */
#define CALENDAR_YEAR_LIMIT G_GINT64_CONSTANT (1000000000000000)

static inline gint64
_chrono_date_clamp_year (gint64 year)
{
  return CLAMP (year, -CALENDAR_YEAR_LIMIT, CALENDAR_YEAR_LIMIT);
}

/* "July 2021": the standalone month name and the year (chrono-date-format.c);
 * also quoted by parse errors ("February 2023 has only 28 days"). */
char   *_chrono_date_format_month_year (gint64 year,
                                        guint  month);

G_END_DECLS
