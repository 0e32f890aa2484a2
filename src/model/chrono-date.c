/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-date"

#include "config.h"

#include "chrono-date-internal.h"

/* ChronoDate as a value: the boxed type, the proleptic Gregorian calendar
 * arithmetic, a date's span on the int64 axis and back, comparison and
 * equality, and an interval's span. Parsing EDTF text is in
 * chrono-date-parse.c; writing it, canonical or localized, in
 * chrono-date-format.c. */

#define SECONDS_PER_DAY 86400

G_DEFINE_BOXED_TYPE (ChronoDate, chrono_date, chrono_date_copy, chrono_date_free)

/* Helpers: arithmetic */

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

static ChronoTime
saturating_add (ChronoTime a,
                ChronoTime b)
{
  ChronoTime r;

  if (__builtin_add_overflow (a, b, &r))
    return b > 0 ? CHRONO_TIME_MAX : CHRONO_TIME_MIN;
  return r;
}

/* days * 86400 + seconds, saturating; seconds is 0..86399. Written so that
 * a result that fits never overflows on the way (from_time (G_MININT64)). */
static ChronoTime
time_from_days (gint64 days,
                gint64 seconds)
{
  ChronoTime r;

  if (days < 0 && seconds > 0)
    {
      days++;
      seconds -= SECONDS_PER_DAY;
    }
  if (__builtin_mul_overflow (days, (gint64) SECONDS_PER_DAY, &r))
    return days < 0 ? CHRONO_TIME_MIN : CHRONO_TIME_MAX;
  return saturating_add (r, seconds);
}

static ChronoTime
time_from_civil (gint64 year,
                 guint  month,
                 guint  day)
{
  return time_from_days (chrono_days_from_civil (year, month, day), 0);
}

/* Public API: boxed type */

ChronoDate *
chrono_date_copy (const ChronoDate *date)
{
  ChronoDate *copy;

  g_return_val_if_fail (date != NULL, NULL);

  copy = g_new (ChronoDate, 1);
  *copy = *date;
  return copy;
}

void
chrono_date_free (ChronoDate *date)
{
  g_free (date);
}

/* Public API: calendar */

gboolean
chrono_is_leap_year (gint64 year)
{
  /* C's % keeps the sign, but only "== 0" is tested, so negative years work. */
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

guint
chrono_days_in_month (gint64 year,
                      guint  month)
{
  static const guint8 days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  g_return_val_if_fail (month >= 1 && month <= 12, 0);

  if (month == 2 && chrono_is_leap_year (year))
    return 29;
  return days[month - 1];
}

/* Howard Hinnant's days_from_civil, with floor division so that negative
 * years work: eras of 400 years, each exactly 146097 days. */
gint64
chrono_days_from_civil (gint64 year,
                        guint  month,
                        guint  day)
{
  gint64 y, era, yoe, doy, doe;

  g_return_val_if_fail (month >= 1 && month <= 12, 0);

  y = _chrono_date_clamp_year (year) - (month <= 2 ? 1 : 0);
  era = floor_div (y, 400);
  yoe = y - era * 400;                                                  /* 0..399 */
  doy = (153 * (gint64) (month > 2 ? month - 3 : month + 9) + 2) / 5 + (gint64) day - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                          /* 0..146096 */
  return era * 146097 + doe - 719468;
}

void
chrono_civil_from_days (gint64  days,
                        gint64 *year,
                        guint  *month,
                        guint  *day)
{
  gint64 z, era, doe, yoe, doy, mp, y;
  guint m;

  z = CLAMP (days, -CALENDAR_YEAR_LIMIT * 366, CALENDAR_YEAR_LIMIT * 366) + 719468;
  era = floor_div (z, 146097);
  doe = z - era * 146097;                                               /* 0..146096 */
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;          /* 0..399 */
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                        /* 0..365 */
  mp = (5 * doy + 2) / 153;                                             /* 0..11 */
  m = (guint) (mp < 10 ? mp + 3 : mp - 9);

  if (year != NULL)
    *year = y + (m <= 2 ? 1 : 0);
  if (month != NULL)
    *month = m;
  if (day != NULL)
    *day = (guint) (doy - (153 * mp + 2) / 5 + 1);
}

/* Public API: dates */

void
chrono_date_get_span (const ChronoDate *date,
                      ChronoTime       *lo,
                      ChronoTime       *hi)
{
  gint64 year;
  guint month, day;
  ChronoTime l, h;

  g_return_if_fail (date != NULL);

  if (date->kind != CHRONO_DATE_KIND_DATE)
    {
      l = CHRONO_TIME_MIN;
      h = CHRONO_TIME_MAX;
      goto out;
    }

  year = _chrono_date_clamp_year (date->year);
  month = date->month;
  day = date->day;

  /* Fields made by hand may be out of range: fall back to the coarser span. */
  if (date->precision >= CHRONO_PRECISION_MONTH &&
      (date->month_unspecified || month < 1 || month > 12))
    goto whole_year;
  if (date->precision >= CHRONO_PRECISION_DAY &&
      (date->day_unspecified || day < 1 || day > chrono_days_in_month (year, month)))
    goto whole_month;

  switch ((ChronoPrecision) date->precision)
    {
    case CHRONO_PRECISION_SEASON:
      if (month < 21 || month > 24)
        goto whole_year;
      if (month == 24)
        {
          l = time_from_civil (year, 12, 1);
          h = time_from_civil (year + 1, 3, 1);
        }
      else
        {
          l = time_from_civil (year, 3 * (month - 21) + 3, 1);
          h = time_from_civil (year, 3 * (month - 21) + 6, 1);
        }
      goto out;

    case CHRONO_PRECISION_MONTH:
      goto whole_month;

    case CHRONO_PRECISION_DAY:
      l = time_from_civil (year, month, day);
      h = saturating_add (l, SECONDS_PER_DAY);
      goto out;

    case CHRONO_PRECISION_HOUR:
    case CHRONO_PRECISION_MINUTE:
    case CHRONO_PRECISION_SECOND:
      {
        gint64 seconds = MIN (date->hour, 23) * 3600;
        ChronoTime width = 3600;

        if (date->precision >= CHRONO_PRECISION_MINUTE)
          {
            seconds += MIN (date->minute, 59) * 60;
            width = 60;
          }
        if (date->precision >= CHRONO_PRECISION_SECOND)
          {
            seconds += MIN (date->second, 59);
            width = 1;
          }
        l = time_from_days (chrono_days_from_civil (year, month, day), seconds);
        if (date->tz == CHRONO_TZ_OFFSET)
          l = saturating_add (l, -(ChronoTime) date->tz_offset * 60);
        h = saturating_add (l, width);
        goto out;
      }

    case CHRONO_PRECISION_YEAR:
    default:
      goto whole_year;
    }

whole_month:
  l = time_from_civil (year, month, 1);
  h = month == 12 ? time_from_civil (year + 1, 1, 1) : time_from_civil (year, month + 1, 1);
  goto out;

whole_year:
  {
    gint64 width = 1;

    for (guint i = 0; i < MIN (date->year_unspecified, 4); i++)
      width *= 10;
    l = time_from_civil (year, 1, 1);
    h = time_from_civil (year + width, 1, 1);
  }

out:
  if (lo != NULL)
    *lo = l;
  if (hi != NULL)
    *hi = h;
}

void
chrono_date_from_time (ChronoTime      time,
                       ChronoPrecision precision,
                       ChronoDate     *out)
{
  ChronoDate date = { 0 };
  gint64 days, seconds, year;
  guint month, day;

  g_return_if_fail (out != NULL);
  g_return_if_fail (precision <= CHRONO_PRECISION_SECOND);

  days = floor_div (time, SECONDS_PER_DAY);
  seconds = time % SECONDS_PER_DAY; /* not time - days * 86400: overflows at G_MININT64 */
  if (seconds < 0)
    seconds += SECONDS_PER_DAY;
  chrono_civil_from_days (days, &year, &month, &day);

  date.kind = CHRONO_DATE_KIND_DATE;
  date.precision = (guint8) precision;
  date.year = year;
  date.long_year = year > 9999 || year < -9999;

  switch (precision)
    {
    case CHRONO_PRECISION_YEAR:
      break;
    case CHRONO_PRECISION_SEASON:
      /* January and February belong to the winter that began the year before. */
      if (month <= 2)
        {
          date.year = year - 1;
          date.month = 24;
        }
      else
        date.month = (guint8) (21 + (month - 3) / 3);
      date.long_year = date.year > 9999 || date.year < -9999;
      break;
    case CHRONO_PRECISION_MONTH:
      date.month = (guint8) month;
      break;
    case CHRONO_PRECISION_DAY:
      date.month = (guint8) month;
      date.day = (guint8) day;
      break;
    case CHRONO_PRECISION_HOUR:
    case CHRONO_PRECISION_MINUTE:
    case CHRONO_PRECISION_SECOND:
      date.month = (guint8) month;
      date.day = (guint8) day;
      date.tz = CHRONO_TZ_UTC;
      date.hour = (guint8) (seconds / 3600);
      if (precision >= CHRONO_PRECISION_MINUTE)
        date.minute = (guint8) (seconds / 60 % 60);
      if (precision >= CHRONO_PRECISION_SECOND)
        date.second = (guint8) (seconds % 60);
      break;
    default:
      g_assert_not_reached ();
    }
  *out = date;
}

int
chrono_date_compare (const ChronoDate *a,
                     const ChronoDate *b)
{
  ChronoTime a_lo, a_hi, b_lo, b_hi;

  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);

  chrono_date_get_span (a, &a_lo, &a_hi);
  chrono_date_get_span (b, &b_lo, &b_hi);
  if (a_lo != b_lo)
    return a_lo < b_lo ? -1 : 1;
  if (a_hi != b_hi)
    return a_hi < b_hi ? -1 : 1;
  if (a->precision != b->precision)
    return a->precision < b->precision ? -1 : 1;
  /* Not part of the contract, but keeps sorting deterministic. */
  if (a->kind != b->kind)
    return a->kind < b->kind ? -1 : 1;
  if (a->qualifier != b->qualifier)
    return a->qualifier < b->qualifier ? -1 : 1;
  return 0;
}

gboolean
chrono_date_equal (const ChronoDate *a,
                   const ChronoDate *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->year == b->year &&
         a->month == b->month &&
         a->day == b->day &&
         a->hour == b->hour &&
         a->minute == b->minute &&
         a->second == b->second &&
         a->kind == b->kind &&
         a->precision == b->precision &&
         a->qualifier == b->qualifier &&
         a->year_unspecified == b->year_unspecified &&
         a->month_unspecified == b->month_unspecified &&
         a->day_unspecified == b->day_unspecified &&
         a->tz == b->tz &&
         a->tz_offset == b->tz_offset &&
         a->long_year == b->long_year;
}

gboolean
chrono_date_is_date (const ChronoDate *date)
{
  g_return_val_if_fail (date != NULL, FALSE);

  return date->kind == CHRONO_DATE_KIND_DATE;
}

/* Public API: intervals */

void
chrono_interval_get_span (const ChronoInterval *interval,
                          ChronoTime           *lo,
                          ChronoTime           *hi)
{
  ChronoTime start_lo, start_hi, end_lo, end_hi;
  ChronoTime l, h;

  g_return_if_fail (interval != NULL);

  chrono_date_get_span (&interval->start, &start_lo, &start_hi);
  chrono_date_get_span (&interval->end, &end_lo, &end_hi);

  switch ((ChronoDateKind) interval->start.kind)
    {
    case CHRONO_DATE_KIND_DATE:
      l = start_lo;
      break;
    case CHRONO_DATE_KIND_UNKNOWN:
      l = interval->end.kind == CHRONO_DATE_KIND_DATE ? end_lo : CHRONO_TIME_MIN;
      break;
    case CHRONO_DATE_KIND_OPEN:
    default:
      l = CHRONO_TIME_MIN;
      break;
    }

  switch ((ChronoDateKind) interval->end.kind)
    {
    case CHRONO_DATE_KIND_DATE:
      h = end_hi;
      break;
    case CHRONO_DATE_KIND_UNKNOWN:
      h = interval->start.kind == CHRONO_DATE_KIND_DATE ? start_hi : CHRONO_TIME_MAX;
      break;
    case CHRONO_DATE_KIND_OPEN:
    default:
      h = CHRONO_TIME_MAX;
      break;
    }

  if (lo != NULL)
    *lo = l;
  if (hi != NULL)
    *hi = h;
}
