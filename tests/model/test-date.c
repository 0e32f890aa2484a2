/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include <glib.h>

#include "chrono-date.h"
#include "chrono-error.h"

/* Reference calendar, written differently from the library: whole 400-year
 * cycles, then year by year and month by month. */

static gboolean
ref_leap (gint64 y)
{
  if (y % 400 == 0)
    return TRUE;
  if (y % 100 == 0)
    return FALSE;
  return y % 4 == 0;
}

static guint
ref_month_len (gint64 y,
               guint  m)
{
  switch (m)
    {
    case 2:
      return ref_leap (y) ? 29 : 28;
    case 4: case 6: case 9: case 11:
      return 30;
    default:
      return 31;
    }
}

/* Days from 0000-01-01 to 1970-01-01, checked in test_reference. */
#define REF_DAYS_YEAR0 G_GINT64_CONSTANT (719528)

static gint64
ref_days (gint64 y,
          guint  m,
          guint  d)
{
  gint64 cycles = y / 400;
  gint64 days;

  if (y % 400 < 0)
    cycles--;
  y -= cycles * 400; /* now 0..399 */
  days = cycles * 146097;
  for (gint64 i = 0; i < y; i++)
    days += ref_leap (i) ? 366 : 365;
  for (guint i = 1; i < m; i++)
    days += ref_month_len (y, i);
  return days + d - 1 - REF_DAYS_YEAR0;
}

static ChronoTime
ref_time (gint64 y,
          guint  m,
          guint  d,
          gint64 seconds)
{
  return ref_days (y, m, d) * 86400 + seconds;
}

static void
test_reference (void)
{
  gint64 days = 0;

  /* The reference itself against a plain count and known epoch values. */
  for (gint64 y = 0; y < 1970; y++)
    days += ref_leap (y) ? 366 : 365;
  g_assert_cmpint (days, ==, REF_DAYS_YEAR0);

  g_assert_cmpint (ref_time (1970, 1, 1, 0), ==, 0);
  g_assert_cmpint (ref_time (2021, 1, 1, 0), ==, 1609459200);
  g_assert_cmpint (ref_time (2000, 3, 1, 0), ==, 951868800);
  g_assert_cmpint (ref_time (2000, 2, 29, 0), ==, 951782400);
  g_assert_cmpint (ref_time (2100, 3, 1, 0), ==, 4107542400);
  g_assert_cmpint (ref_time (1900, 1, 1, 0), ==, -2208988800);
  g_assert_cmpint (ref_time (1, 1, 1, 0), ==, G_GINT64_CONSTANT (-62135596800));
  g_assert_cmpint (ref_time (0, 1, 1, 0), ==, G_GINT64_CONSTANT (-62167219200));
  /* -0043-03-15: the 43 years -43 .. -1, 10 of them leap (-40, -36 ... -4),
   * before 0000-01-01, then 31 + 28 + 14 days into year -43. */
  g_assert_cmpint (ref_time (-43, 3, 15, 0), ==,
                   G_GINT64_CONSTANT (-62167219200) - (43 * 365 + 10) * 86400 + 73 * 86400);
  /* Y-13800000000 is exactly 34,500,000 cycles of 400 years before year 0. */
  g_assert_cmpint (ref_days (G_GINT64_CONSTANT (-13800000000), 1, 1), ==,
                   -REF_DAYS_YEAR0 - G_GINT64_CONSTANT (34500000) * 146097);
}

/* Valid dates */

typedef struct {
  gint64 y;
  guint m, d;
  gint64 s;
} Civil;

typedef struct {
  const char *text;
  gint64 year;
  guint month, day, hour, minute, second;
  ChronoPrecision precision;
  guint qualifier;
  guint year_x, month_x, day_x;
  ChronoTzKind tz;
  int tz_offset;
  gboolean long_year;
  Civil lo, hi;
} ValidCase;

#define P(x) CHRONO_PRECISION_##x
#define Q_NONE 0
#define Q_UNC CHRONO_QUALIFIER_UNCERTAIN
#define Q_APX CHRONO_QUALIFIER_APPROXIMATE
#define Q_BOTH (CHRONO_QUALIFIER_UNCERTAIN | CHRONO_QUALIFIER_APPROXIMATE)
#define TZ(x) CHRONO_TZ_##x
#define G64(x) G_GINT64_CONSTANT (x)

static const ValidCase valid_cases[] = {
  /* text, year, mon, day, h, m, s, precision, qualifier, X y/m/d, tz, offset, long, lo, hi */
  { "2021", 2021, 0, 0, 0, 0, 0, P (YEAR), Q_NONE, 0, 0, 0, TZ (NONE), 0, FALSE,
    { 2021, 1, 1, 0 }, { 2022, 1, 1, 0 } },
  { "2021-07", 2021, 7, 0, 0, 0, 0, P (MONTH), Q_NONE, 0, 0, 0, TZ (NONE), 0, FALSE,
    { 2021, 7, 1, 0 }, { 2021, 8, 1, 0 } },
  { "2021-12", 2021, 12, 0, 0, 0, 0, P (MONTH), Q_NONE, 0, 0, 0, TZ (NONE), 0, FALSE,
    { 2021, 12, 1, 0 }, { 2022, 1, 1, 0 } },
  { "2021-07-19", 2021, 7, 19, 0, 0, 0, P (DAY), Q_NONE, 0, 0, 0, TZ (NONE), 0, FALSE,
    { 2021, 7, 19, 0 }, { 2021, 7, 20, 0 } },
  { "2021-07-19T10:15:00", 2021, 7, 19, 10, 15, 0, P (SECOND), Q_NONE, 0, 0, 0, TZ (NONE), 0,
    FALSE, { 2021, 7, 19, 36900 }, { 2021, 7, 19, 36901 } },
  { "2021-07-19T10:15:00Z", 2021, 7, 19, 10, 15, 0, P (SECOND), Q_NONE, 0, 0, 0, TZ (UTC), 0,
    FALSE, { 2021, 7, 19, 36900 }, { 2021, 7, 19, 36901 } },
  { "2021-07-19T10:15:00+05:30", 2021, 7, 19, 10, 15, 0, P (SECOND), Q_NONE, 0, 0, 0,
    TZ (OFFSET), 330, FALSE, { 2021, 7, 19, 36900 - 19800 }, { 2021, 7, 19, 36901 - 19800 } },
  { "2021-07-19T10:15:00-08:00", 2021, 7, 19, 10, 15, 0, P (SECOND), Q_NONE, 0, 0, 0,
    TZ (OFFSET), -480, FALSE, { 2021, 7, 19, 36900 + 28800 }, { 2021, 7, 19, 36901 + 28800 } },
  { "2021-07-19T02:00:00+05:30", 2021, 7, 19, 2, 0, 0, P (SECOND), Q_NONE, 0, 0, 0,
    TZ (OFFSET), 330, FALSE, { 2021, 7, 18, 86400 + 7200 - 19800 },
    { 2021, 7, 18, 86401 + 7200 - 19800 } },
  { "2021-12-31T23:59:59-08:00", 2021, 12, 31, 23, 59, 59, P (SECOND), Q_NONE, 0, 0, 0,
    TZ (OFFSET), -480, FALSE, { 2022, 1, 1, 7 * 3600 + 3599 }, { 2022, 1, 1, 8 * 3600 } },
  { "2021-07-19T00:00:00+00:00", 2021, 7, 19, 0, 0, 0, P (SECOND), Q_NONE, 0, 0, 0,
    TZ (OFFSET), 0, FALSE, { 2021, 7, 19, 0 }, { 2021, 7, 19, 1 } },
  { "1969-12-31T23:59:59Z", 1969, 12, 31, 23, 59, 59, P (SECOND), Q_NONE, 0, 0, 0, TZ (UTC), 0,
    FALSE, { 1969, 12, 31, 86399 }, { 1970, 1, 1, 0 } },
  { "1970-01-01T00:00:00Z", 1970, 1, 1, 0, 0, 0, P (SECOND), Q_NONE, 0, 0, 0, TZ (UTC), 0,
    FALSE, { 1970, 1, 1, 0 }, { 1970, 1, 1, 1 } },
  { "2020?", 2020, 0, 0, 0, 0, 0, P (YEAR), Q_UNC, 0, 0, 0, TZ (NONE), 0, FALSE,
    { 2020, 1, 1, 0 }, { 2021, 1, 1, 0 } },
  { "2020~", 2020, 0, 0, 0, 0, 0, P (YEAR), Q_APX, 0, 0, 0, TZ (NONE), 0, FALSE,
    { 2020, 1, 1, 0 }, { 2021, 1, 1, 0 } },
  { "2020%", 2020, 0, 0, 0, 0, 0, P (YEAR), Q_BOTH, 0, 0, 0, TZ (NONE), 0, FALSE,
    { 2020, 1, 1, 0 }, { 2021, 1, 1, 0 } },
  { "2021-07?", 2021, 7, 0, 0, 0, 0, P (MONTH), Q_UNC, 0, 0, 0, TZ (NONE), 0, FALSE,
    { 2021, 7, 1, 0 }, { 2021, 8, 1, 0 } },
  { "2021-07-19~", 2021, 7, 19, 0, 0, 0, P (DAY), Q_APX, 0, 0, 0, TZ (NONE), 0, FALSE,
    { 2021, 7, 19, 0 }, { 2021, 7, 20, 0 } },
  { "201X", 2010, 0, 0, 0, 0, 0, P (YEAR), Q_NONE, 1, 0, 0, TZ (NONE), 0, FALSE,
    { 2010, 1, 1, 0 }, { 2020, 1, 1, 0 } },
  { "20XX", 2000, 0, 0, 0, 0, 0, P (YEAR), Q_NONE, 2, 0, 0, TZ (NONE), 0, FALSE,
    { 2000, 1, 1, 0 }, { 2100, 1, 1, 0 } },
  { "199X~", 1990, 0, 0, 0, 0, 0, P (YEAR), Q_APX, 1, 0, 0, TZ (NONE), 0, FALSE,
    { 1990, 1, 1, 0 }, { 2000, 1, 1, 0 } },
  { "2004-XX", 2004, 0, 0, 0, 0, 0, P (MONTH), Q_NONE, 0, 1, 0, TZ (NONE), 0, FALSE,
    { 2004, 1, 1, 0 }, { 2005, 1, 1, 0 } },
  { "2004-XX?", 2004, 0, 0, 0, 0, 0, P (MONTH), Q_UNC, 0, 1, 0, TZ (NONE), 0, FALSE,
    { 2004, 1, 1, 0 }, { 2005, 1, 1, 0 } },
  { "2004-06-XX", 2004, 6, 0, 0, 0, 0, P (DAY), Q_NONE, 0, 0, 1, TZ (NONE), 0, FALSE,
    { 2004, 6, 1, 0 }, { 2004, 7, 1, 0 } },
  { "2004-XX-XX", 2004, 0, 0, 0, 0, 0, P (DAY), Q_NONE, 0, 1, 1, TZ (NONE), 0, FALSE,
    { 2004, 1, 1, 0 }, { 2005, 1, 1, 0 } },
  { "2001-21", 2001, 21, 0, 0, 0, 0, P (SEASON), Q_NONE, 0, 0, 0, TZ (NONE), 0, FALSE,
    { 2001, 3, 1, 0 }, { 2001, 6, 1, 0 } },
  { "2001-22", 2001, 22, 0, 0, 0, 0, P (SEASON), Q_NONE, 0, 0, 0, TZ (NONE), 0, FALSE,
    { 2001, 6, 1, 0 }, { 2001, 9, 1, 0 } },
  { "2001-23", 2001, 23, 0, 0, 0, 0, P (SEASON), Q_NONE, 0, 0, 0, TZ (NONE), 0, FALSE,
    { 2001, 9, 1, 0 }, { 2001, 12, 1, 0 } },
  { "2001-24", 2001, 24, 0, 0, 0, 0, P (SEASON), Q_NONE, 0, 0, 0, TZ (NONE), 0, FALSE,
    { 2001, 12, 1, 0 }, { 2002, 3, 1, 0 } },
  { "2001-21~", 2001, 21, 0, 0, 0, 0, P (SEASON), Q_APX, 0, 0, 0, TZ (NONE), 0, FALSE,
    { 2001, 3, 1, 0 }, { 2001, 6, 1, 0 } },
  { "2000-02-29", 2000, 2, 29, 0, 0, 0, P (DAY), Q_NONE, 0, 0, 0, TZ (NONE), 0, FALSE,
    { 2000, 2, 29, 0 }, { 2000, 3, 1, 0 } },
  { "2024-02-29", 2024, 2, 29, 0, 0, 0, P (DAY), Q_NONE, 0, 0, 0, TZ (NONE), 0, FALSE,
    { 2024, 2, 29, 0 }, { 2024, 3, 1, 0 } },
  { "1900-02", 1900, 2, 0, 0, 0, 0, P (MONTH), Q_NONE, 0, 0, 0, TZ (NONE), 0, FALSE,
    { 1900, 2, 1, 0 }, { 1900, 2, 28, 86400 } },
  { "2100-02-28", 2100, 2, 28, 0, 0, 0, P (DAY), Q_NONE, 0, 0, 0, TZ (NONE), 0, FALSE,
    { 2100, 2, 28, 0 }, { 2100, 3, 1, 0 } },
  { "0000", 0, 0, 0, 0, 0, 0, P (YEAR), Q_NONE, 0, 0, 0, TZ (NONE), 0, FALSE,
    { 0, 1, 1, 0 }, { 1, 1, 1, 0 } },
  { "0000-02-29", 0, 2, 29, 0, 0, 0, P (DAY), Q_NONE, 0, 0, 0, TZ (NONE), 0, FALSE,
    { 0, 2, 29, 0 }, { 0, 3, 1, 0 } },
  { "-0001", -1, 0, 0, 0, 0, 0, P (YEAR), Q_NONE, 0, 0, 0, TZ (NONE), 0, FALSE,
    { -1, 1, 1, 0 }, { 0, 1, 1, 0 } },
  { "-0001-02", -1, 2, 0, 0, 0, 0, P (MONTH), Q_NONE, 0, 0, 0, TZ (NONE), 0, FALSE,
    { -1, 2, 1, 0 }, { -1, 2, 28, 86400 } },
  { "-0004-02-29", -4, 2, 29, 0, 0, 0, P (DAY), Q_NONE, 0, 0, 0, TZ (NONE), 0, FALSE,
    { -4, 2, 29, 0 }, { -4, 3, 1, 0 } },
  { "-0400-02-29", -400, 2, 29, 0, 0, 0, P (DAY), Q_NONE, 0, 0, 0, TZ (NONE), 0, FALSE,
    { -400, 2, 29, 0 }, { -400, 3, 1, 0 } },
  { "-0043", -43, 0, 0, 0, 0, 0, P (YEAR), Q_NONE, 0, 0, 0, TZ (NONE), 0, FALSE,
    { -43, 1, 1, 0 }, { -42, 1, 1, 0 } },
  { "-0043-03-15", -43, 3, 15, 0, 0, 0, P (DAY), Q_NONE, 0, 0, 0, TZ (NONE), 0, FALSE,
    { -43, 3, 15, 0 }, { -43, 3, 16, 0 } },
  { "-0043-03-15T12:00:00Z", -43, 3, 15, 12, 0, 0, P (SECOND), Q_NONE, 0, 0, 0, TZ (UTC), 0,
    FALSE, { -43, 3, 15, 43200 }, { -43, 3, 15, 43201 } },
  { "-9999", -9999, 0, 0, 0, 0, 0, P (YEAR), Q_NONE, 0, 0, 0, TZ (NONE), 0, FALSE,
    { -9999, 1, 1, 0 }, { -9998, 1, 1, 0 } },
  { "9999-12-31", 9999, 12, 31, 0, 0, 0, P (DAY), Q_NONE, 0, 0, 0, TZ (NONE), 0, FALSE,
    { 9999, 12, 31, 0 }, { 10000, 1, 1, 0 } },
  { "Y10000", 10000, 0, 0, 0, 0, 0, P (YEAR), Q_NONE, 0, 0, 0, TZ (NONE), 0, TRUE,
    { 10000, 1, 1, 0 }, { 10001, 1, 1, 0 } },
  { "Y-10000", -10000, 0, 0, 0, 0, 0, P (YEAR), Q_NONE, 0, 0, 0, TZ (NONE), 0, TRUE,
    { -10000, 1, 1, 0 }, { -9999, 1, 1, 0 } },
  { "Y170000002", 170000002, 0, 0, 0, 0, 0, P (YEAR), Q_NONE, 0, 0, 0, TZ (NONE), 0, TRUE,
    { 170000002, 1, 1, 0 }, { 170000003, 1, 1, 0 } },
  { "Y-13800000000", G64 (-13800000000), 0, 0, 0, 0, 0, P (YEAR), Q_NONE, 0, 0, 0, TZ (NONE), 0,
    TRUE, { G64 (-13800000000), 1, 1, 0 }, { G64 (-13799999999), 1, 1, 0 } },
  { "Y-250000000~", -250000000, 0, 0, 0, 0, 0, P (YEAR), Q_APX, 0, 0, 0, TZ (NONE), 0, TRUE,
    { -250000000, 1, 1, 0 }, { -249999999, 1, 1, 0 } },
  /* The bounds: CHRONO_DATE_MAX_YEAR, 20 billion years either way. */
  { "Y20000000000", G64 (20000000000), 0, 0, 0, 0, 0, P (YEAR), Q_NONE, 0, 0, 0, TZ (NONE), 0,
    TRUE, { G64 (20000000000), 1, 1, 0 }, { G64 (20000000001), 1, 1, 0 } },
  { "Y-20000000000", G64 (-20000000000), 0, 0, 0, 0, 0, P (YEAR), Q_NONE, 0, 0, 0, TZ (NONE), 0,
    TRUE, { G64 (-20000000000), 1, 1, 0 }, { G64 (-19999999999), 1, 1, 0 } },
};

static void
test_parse_valid (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (valid_cases); i++)
    {
      const ValidCase *c = &valid_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      ChronoDate date;
      ChronoTime lo, hi;

      g_test_message ("valid: %s", c->text);
      g_assert_true (chrono_date_parse (c->text, &date, &error));
      g_assert_no_error (error);

      g_assert_cmpint (date.kind, ==, CHRONO_DATE_KIND_DATE);
      g_assert_true (chrono_date_is_date (&date));
      g_assert_cmpint (date.year, ==, c->year);
      g_assert_cmpuint (date.month, ==, c->month);
      g_assert_cmpuint (date.day, ==, c->day);
      g_assert_cmpuint (date.hour, ==, c->hour);
      g_assert_cmpuint (date.minute, ==, c->minute);
      g_assert_cmpuint (date.second, ==, c->second);
      g_assert_cmpint (date.precision, ==, c->precision);
      g_assert_cmpuint (date.qualifier, ==, c->qualifier);
      g_assert_cmpuint (date.year_unspecified, ==, c->year_x);
      g_assert_cmpuint (date.month_unspecified, ==, c->month_x);
      g_assert_cmpuint (date.day_unspecified, ==, c->day_x);
      g_assert_cmpint (date.tz, ==, c->tz);
      g_assert_cmpint (date.tz_offset, ==, c->tz_offset);
      g_assert_cmpint (date.long_year, ==, c->long_year);

      text = chrono_date_to_string (&date);
      g_assert_cmpstr (text, ==, c->text);

      chrono_date_get_span (&date, &lo, &hi);
      g_assert_cmpint (lo, ==, ref_time (c->lo.y, c->lo.m, c->lo.d, c->lo.s));
      g_assert_cmpint (hi, ==, ref_time (c->hi.y, c->hi.m, c->hi.d, c->hi.s));
      g_assert_cmpint (lo, <, hi);
    }
}

static void
test_parse_open_unknown (void)
{
  ChronoDate date;
  ChronoTime lo, hi;
  g_autofree char *open = NULL;
  g_autofree char *unknown = NULL;

  g_assert_true (chrono_date_parse ("..", &date, NULL));
  g_assert_cmpint (date.kind, ==, CHRONO_DATE_KIND_OPEN);
  g_assert_false (chrono_date_is_date (&date));
  open = chrono_date_to_string (&date);
  g_assert_cmpstr (open, ==, "..");
  chrono_date_get_span (&date, &lo, &hi);
  g_assert_cmpint (lo, ==, CHRONO_TIME_MIN);
  g_assert_cmpint (hi, ==, CHRONO_TIME_MAX);

  g_assert_true (chrono_date_parse ("", &date, NULL));
  g_assert_cmpint (date.kind, ==, CHRONO_DATE_KIND_UNKNOWN);
  g_assert_false (chrono_date_is_date (&date));
  unknown = chrono_date_to_string (&date);
  g_assert_cmpstr (unknown, ==, "");
}

static void
test_known_epochs (void)
{
  static const struct {
    const char *text;
    ChronoTime lo;
  } cases[] = {
    { "1970", 0 },
    { "2021", 1609459200 },
    { "2000-03-01", 951868800 },
    { "2000-02-29", 951782400 },
    { "2100-03-01", 4107542400 },
    { "1900", -2208988800 },
    { "0001", G64 (-62135596800) },
    { "0000", G64 (-62167219200) },
    { "-0043-03-15", G64 (-63517824000) },
    { "1969-12-31T23:59:59Z", -1 },
    { "1970-01-01T05:30:00+05:30", 0 },
    { "Y-13800000000", (-REF_DAYS_YEAR0 - G64 (34500000) * 146097) * 86400 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ChronoDate date;
      ChronoTime lo;

      g_assert_true (chrono_date_parse (cases[i].text, &date, NULL));
      chrono_date_get_span (&date, &lo, NULL);
      g_assert_cmpint (lo, ==, cases[i].lo);
    }
}

/* Invalid dates */

static const struct {
  const char *text;
  const char *message; /* a part of the message, or the whole when it starts with “ */
} invalid_cases[] = {
  { "2021-13-45", "no month 13" },
  { "2023-02-29", "“2023-02-29”: February 2023 has only 28 days" },
  { "2024-02-30", "“2024-02-30”: February 2024 has only 29 days" },
  { "1900-02-29", "February 1900 has only 28 days" },
  { "2100-02-29", "February 2100 has only 28 days" },
  { "-0001-02-29", "February 2 BC has only 28 days" },
  { "2021-04-31", "April 2021 has only 30 days" },
  { "2021-07-32", "July 2021 has only 31 days" },
  { "garbage", "not a date" },
  { "2021-00", "no month 00" },
  { "2021-07-00", "no day 00" },
  { "2021-07-19T25:00:00Z", "25:00:00 is not a valid time of day" },
  { "2021-07-19T24:00:00Z", "24:00:00 is not a valid time of day" },
  { "2021-07-19T10:60:00", "10:60:00 is not a valid time of day" },
  { "2021-07-19T10:15:60", "10:15:60 is not a valid time of day" },
  { "2021-07-19T10:15", "hh:mm:ss" },
  { "2021-07-19T10", "hh:mm:ss" },
  { "2021-07-19T", "hh:mm:ss" },
  { "2021-07-19T1:15:00", "hh:mm:ss" },
  { "2021-07-19T10:15:00+5:30", "+hh:mm" },
  { "2021-07-19T10:15:00+05:60", "+hh:mm" },
  { "2021-07-19T10:15:00+0530", "+hh:mm" },
  { "2021-07-19T10:15:00+05", "+hh:mm" },
  { "2021-07-19T10:15:00Z?", "cannot follow a time of day" },
  { "2021-07-19T10:15:00~", "cannot follow a time of day" },
  { "2021x", "unexpected “x” after the date" },
  { "2021-07-19 ", "unexpected “ ” after the date" },
  { "2021??", "unexpected “?” after the date" },
  { "2021?~", "unexpected “~” after the date" },
  { "2021-07-19T10:15:00Zjunk", "unexpected “junk” after the date" },
  { "2021/2022", "unexpected “/2022” after the date" },
  { "2021-", "a month needs two digits" },
  { "2021-7", "a month needs two digits" },
  { "2021-07-", "a day needs two digits" },
  { "2021-07-1", "a day needs two digits" },
  { "21", "a year needs four digits" },
  { "-", "a year needs four digits" },
  { "-43", "a year needs four digits" },
  { "-0000", "-0000 is not a valid year" },
  { "20211", "written with “Y”" },
  { "Y", "must be followed by the digits" },
  { "Y-", "must be followed by the digits" },
  { "Yx", "must be followed by the digits" },
  { "Y2021", "written without “Y”" },
  { "Y-2021", "written without “Y”" },
  { "Y012345", "cannot start with 0" },
  { "Y20000000001", "too far from the present (at most 20 billion years)" },
  { "Y-20000000001", "too far from the present (at most 20 billion years)" },
  { "Y100000000000", "too far from the present" },
  { "Y-100000000000", "too far from the present" },
  { "Y-1000000000000", "too far from the present" },
  { "Y-99999999999999999999999999999999999", "too far from the present" },
  { "Y12345-01", "cannot have a month or day" },
  { "Y12345Z", "unexpected “Z” after the date" },
  { "2XXX", "only the last one or two digits" },
  { "XXXX", "only the last one or two digits" },
  { "20X1", "must be the last digits" },
  { "X", "a year needs four digits" },
  { "-004X", "negative year cannot have unspecified digits" },
  { "201X-05", "cannot have a month" },
  { "2004-XX-11", "cannot be given when the month is unspecified" },
  { "2004-X1", "a month needs two digits" },
  { "2001-21-05", "a season cannot have a day" },
  { "2001-25", "no month 25" },
  { "2001-20", "no month 20" },
  { "2004-06-XXT10:00:00", "a time cannot follow an unspecified day" },
  { "...", "not a date" },
  { "/", "not a date" },
  { " 2021", "not a date" },
  { "+2021", "not a date" },
};

static void
check_invalid (const char *text,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  ChronoDate date;
  ChronoDate before;

  memset (&date, 0x5a, sizeof date);
  before = date;

  {
    g_autofree char *escaped = g_strescape (text, NULL);

    g_test_message ("invalid: %s", escaped);
  }
  g_assert_false (chrono_date_parse (text, &date, &error));
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_DATE);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpmem (&date, sizeof date, &before, sizeof before);
  if (expected != NULL)
    {
      if (g_str_has_prefix (expected, "“"))
        g_assert_cmpstr (error->message, ==, expected);
      else
        g_assert_nonnull (strstr (error->message, expected));
    }
  if (g_utf8_validate (text, -1, NULL) && strlen (text) <= 64 && strchr (text, '\n') == NULL)
    {
      g_autofree char *quoted = g_strdup_printf ("“%s”", text);

      g_assert_true (g_str_has_prefix (error->message, quoted));
    }
}

static void
test_parse_invalid (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    check_invalid (invalid_cases[i].text, invalid_cases[i].message);
}

static void
test_parse_hostile (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = NULL;
  ChronoDate date;

  /* Bytes that are not UTF-8 and control characters are quoted safely. */
  check_invalid ("2021-07-19\xff", "after the date");
  check_invalid ("\xff\xfe", "not a date");
  check_invalid ("20\xc3", "a year needs four digits");
  check_invalid ("2021\n", "unexpected “\xef\xbf\xbd” after the date");

  /* A huge input costs one pass and is quoted only in part. */
  huge = g_strnfill (1000000, '7');
  g_assert_false (chrono_date_parse (huge, &date, &error));
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_DATE);
  g_assert_nonnull (strstr (error->message, "…"));
  g_assert_cmpuint (strlen (error->message), <, 400);
  g_clear_error (&error);

  huge[0] = 'Y';
  g_assert_false (chrono_date_parse (huge, &date, &error));
  g_assert_nonnull (strstr (error->message, "too far from the present"));
}

/* Random strings over the EDTF alphabet: never crash, and whatever parses
 * prints to a string that parses to the same date. */
static void
test_parse_random (void)
{
  static const char alphabet[] = "0123456789-XYZT:+?~%./ \xff";

  for (guint i = 0; i < 200000; i++)
    {
      char text[24];
      guint len = (guint) g_test_rand_int_range (0, sizeof text);
      ChronoDate date, again;
      GError *error = NULL;

      /* Start most strings with a plausible date so that the deep paths run. */
      if (len >= 10 && g_test_rand_bit ())
        {
          memcpy (text, "2021-07-19T10:15:00Z", MIN (len, 20));
          for (guint k = 0; k < 2; k++)
            text[g_test_rand_int_range (0, (gint32) len)] =
              alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
          for (guint k = 20; k < len; k++)
            text[k] = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
        }
      else
        for (guint k = 0; k < len; k++)
          text[k] = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
      text[len] = '\0';

      if (chrono_date_parse (text, &date, &error))
        {
          g_autofree char *printed = chrono_date_to_string (&date);

          g_assert_no_error (error);
          g_assert_true (chrono_date_parse (printed, &again, NULL));
          g_assert_true (chrono_date_equal (&date, &again));
        }
      else
        {
          g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_DATE);
          g_error_free (error);
        }
    }
}

/* Calendar and axis */

static void
test_leap_years (void)
{
  g_assert_true (chrono_is_leap_year (2000));
  g_assert_true (chrono_is_leap_year (2024));
  g_assert_false (chrono_is_leap_year (1900));
  g_assert_false (chrono_is_leap_year (2100));
  g_assert_false (chrono_is_leap_year (2023));
  g_assert_true (chrono_is_leap_year (0));
  g_assert_false (chrono_is_leap_year (-1));
  g_assert_true (chrono_is_leap_year (-4));
  g_assert_false (chrono_is_leap_year (-100));
  g_assert_true (chrono_is_leap_year (-400));
  g_assert_false (chrono_is_leap_year (-43));
  g_assert_true (chrono_is_leap_year (-44));

  g_assert_cmpuint (chrono_days_in_month (2023, 2), ==, 28);
  g_assert_cmpuint (chrono_days_in_month (2024, 2), ==, 29);
  g_assert_cmpuint (chrono_days_in_month (0, 2), ==, 29);
  g_assert_cmpuint (chrono_days_in_month (2024, 4), ==, 30);
  g_assert_cmpuint (chrono_days_in_month (2024, 12), ==, 31);
}

/* Every day from -0401 to 2400, counted one by one, against both
 * directions of the library; years 1..2400 also against GDate. */
static void
test_civil_walk (void)
{
  gint64 y = -401;
  guint m = 1, d = 1;
  gint64 n = ref_days (-401, 1, 1);
  gint64 g_offset = -ref_days (1, 1, 1) + 1; /* GDate's Julian day 1 is 0001-01-01 */

  for (; y <= 2400; n++)
    {
      gint64 yy;
      guint mm, dd;

      g_assert_cmpint (chrono_days_from_civil (y, m, d), ==, n);
      chrono_civil_from_days (n, &yy, &mm, &dd);
      if (yy != y || mm != m || dd != d)
        g_error ("day %" G_GINT64_FORMAT ": got %" G_GINT64_FORMAT "-%u-%u", n, yy, mm, dd);

      if (y >= 1 && d == 1)
        {
          GDate gdate;

          g_date_clear (&gdate, 1);
          g_date_set_dmy (&gdate, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
          g_assert_cmpint ((gint64) g_date_get_julian (&gdate), ==, n + g_offset);
        }

      if (++d > ref_month_len (y, m))
        {
          d = 1;
          if (++m > 12)
            {
              m = 1;
              y++;
            }
        }
    }
}

static void
check_from_time (ChronoTime      time,
                 ChronoPrecision precision,
                 const char     *expected)
{
  ChronoDate date, parsed;
  g_autofree char *text = NULL;

  chrono_date_from_time (time, precision, &date);
  text = chrono_date_to_string (&date);
  g_assert_cmpstr (text, ==, expected);
  if (precision != CHRONO_PRECISION_HOUR && precision != CHRONO_PRECISION_MINUTE)
    {
      g_assert_true (chrono_date_parse (expected, &parsed, NULL));
      g_assert_true (chrono_date_equal (&date, &parsed));
    }
}

static void
test_from_time_edges (void)
{
  check_from_time (-1, P (SECOND), "1969-12-31T23:59:59Z");
  check_from_time (-1, P (MINUTE), "1969-12-31T23:59:00Z");
  check_from_time (-1, P (HOUR), "1969-12-31T23:00:00Z");
  check_from_time (-1, P (DAY), "1969-12-31");
  check_from_time (-1, P (MONTH), "1969-12");
  check_from_time (-1, P (SEASON), "1969-24");
  check_from_time (-1, P (YEAR), "1969");
  check_from_time (0, P (SECOND), "1970-01-01T00:00:00Z");
  check_from_time (0, P (SEASON), "1969-24");
  check_from_time (ref_time (1970, 3, 1, 0), P (SEASON), "1970-21");
  check_from_time (ref_time (1970, 8, 31, 86399), P (SEASON), "1970-22");
  check_from_time (ref_time (1970, 11, 30, 0), P (SEASON), "1970-23");
  check_from_time (ref_time (1970, 12, 1, 0), P (SEASON), "1970-24");

  check_from_time (951868800 - 1, P (DAY), "2000-02-29");
  check_from_time (951782400, P (DAY), "2000-02-29");
  check_from_time (ref_time (1900, 3, 1, -1), P (DAY), "1900-02-28");
  check_from_time (ref_time (2100, 3, 1, -1), P (DAY), "2100-02-28");
  check_from_time (ref_time (0, 3, 1, -1), P (DAY), "0000-02-29");
  check_from_time (ref_time (1, 1, 1, -1), P (SECOND), "0000-12-31T23:59:59Z");
  check_from_time (ref_time (0, 1, 1, -1), P (DAY), "-0001-12-31");
  check_from_time (ref_time (-1, 3, 1, -1), P (DAY), "-0001-02-28");
  check_from_time (ref_time (-43, 1, 1, -1), P (DAY), "-0044-12-31");
  check_from_time (G64 (-63517824000), P (DAY), "-0043-03-15");
  check_from_time (ref_time (-9999, 1, 1, 0), P (YEAR), "-9999");
  check_from_time (ref_time (-10000, 12, 31, 0), P (YEAR), "Y-10000");
  check_from_time (ref_time (10000, 1, 1, 0), P (YEAR), "Y10000");
  check_from_time (ref_time (G64 (-13800000000), 6, 1, 0), P (YEAR), "Y-13800000000");
  check_from_time (ref_time (170000002, 12, 31, 86399), P (YEAR), "Y170000002");
}

/* The span of from_time (t, p) holds t, and its start maps back to the same
 * date; over random times across the whole axis. */
static void
test_from_time_random (void)
{
  static const ChronoPrecision precisions[] = {
    P (YEAR), P (SEASON), P (MONTH), P (DAY), P (HOUR), P (MINUTE), P (SECOND),
  };
  static const ChronoTime extremes[] = { CHRONO_TIME_MIN, CHRONO_TIME_MIN + 1, CHRONO_TIME_MAX };

  for (guint i = 0; i < 20000; i++)
    {
      guint64 bits = ((guint64) g_test_rand_int () << 32) | (guint32) g_test_rand_int ();
      ChronoTime t = (ChronoTime) bits;

      /* Half of the draws near the present, where dates are common. */
      if (i % 2 == 0)
        t = (t % (G64 (20000) * 365 * 86400));

      for (gsize k = 0; k < G_N_ELEMENTS (precisions); k++)
        {
          ChronoDate date, back;
          ChronoTime lo, hi;

          chrono_date_from_time (t, precisions[k], &date);
          chrono_date_get_span (&date, &lo, &hi);
          g_assert_cmpint (lo, <=, t);
          g_assert_true (t < hi || hi == CHRONO_TIME_MAX);
          chrono_date_from_time (lo, precisions[k], &back);
          g_assert_true (chrono_date_equal (&date, &back));

          if (precisions[k] == P (SECOND))
            g_assert_cmpint (lo, ==, t);

          /* Four-digit years and long years at year precision print and
           * parse back exactly. */
          if ((!date.long_year && precisions[k] != P (HOUR) && precisions[k] != P (MINUTE)) ||
              (date.long_year && precisions[k] == P (YEAR) &&
               ABS (date.year) <= CHRONO_DATE_MAX_YEAR))
            {
              g_autofree char *text = chrono_date_to_string (&date);
              ChronoDate parsed;

              g_assert_true (chrono_date_parse (text, &parsed, NULL));
              g_assert_true (chrono_date_equal (&date, &parsed));
            }
        }
    }

  for (gsize i = 0; i < G_N_ELEMENTS (extremes); i++)
    {
      ChronoDate date;
      ChronoTime lo, hi;

      chrono_date_from_time (extremes[i], P (SECOND), &date);
      chrono_date_get_span (&date, &lo, &hi);
      g_assert_cmpint (lo, ==, extremes[i]);
      g_assert_cmpint (hi, >=, lo);
    }
}

/* Made-up values out of the parser's range must not overflow. */
static void
test_span_saturates (void)
{
  ChronoDate date = { 0 };
  ChronoTime lo, hi;

  date.kind = CHRONO_DATE_KIND_DATE;
  date.precision = CHRONO_PRECISION_YEAR;
  date.year = G_MAXINT64;
  chrono_date_get_span (&date, &lo, &hi);
  g_assert_cmpint (lo, ==, CHRONO_TIME_MAX);
  g_assert_cmpint (hi, ==, CHRONO_TIME_MAX);

  date.year = G_MININT64;
  chrono_date_get_span (&date, &lo, &hi);
  g_assert_cmpint (lo, ==, CHRONO_TIME_MIN);
  g_assert_cmpint (hi, ==, CHRONO_TIME_MIN);

  /* A month out of range falls back to the whole year. */
  date.year = 2021;
  date.precision = CHRONO_PRECISION_DAY;
  date.month = 13;
  date.day = 40;
  chrono_date_get_span (&date, &lo, &hi);
  g_assert_cmpint (lo, ==, 1609459200);
  g_assert_cmpint (hi, ==, ref_time (2022, 1, 1, 0));
}

/* Comparison */

static void
test_compare (void)
{
  /* In ascending order. */
  static const char *const ordered[] = {
    "..", "",
    "Y-20000000000", "Y-13800000000", "-9999", "-0043", "-0043-03-15",
    "0000", "0000-02-29", "19XX", "1969-12-31T23:59:59Z",
    "1970-01-01T00:00:00Z", "1970-01-01", "1970-01", "1970", "197X",
    "2000-02-29", "2001-21", "2001-06", "2001-22", "2001-12", "2001-24",
    "2004", "2004-XX", "2004-XX-XX", "2004-06", "2004-06-XX",
    "2021", "2021?", "2021~", "2021%",
    "2021-07", "2021-07-19", "2021-07-19T10:15:00+05:30", "2021-07-19T10:15:00Z",
    "Y170000002",
  };
  ChronoDate dates[G_N_ELEMENTS (ordered)];
  ChronoDate utc, zero_offset;

  for (gsize i = 0; i < G_N_ELEMENTS (ordered); i++)
    g_assert_true (chrono_date_parse (ordered[i], &dates[i], NULL));

  for (gsize i = 0; i < G_N_ELEMENTS (ordered); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (ordered); j++)
      {
        int c = chrono_date_compare (&dates[i], &dates[j]);
        int expected = i < j ? -1 : i > j ? 1 : 0;

        if ((c > 0) - (c < 0) != expected)
          g_error ("compare (%s, %s) = %d", ordered[i], ordered[j], c);
        g_assert_cmpint (chrono_date_equal (&dates[i], &dates[j]), ==, i == j);
      }

  /* Same instant, written two ways: they sort together but are not equal. */
  g_assert_true (chrono_date_parse ("2021-07-19T10:15:00Z", &utc, NULL));
  g_assert_true (chrono_date_parse ("2021-07-19T10:15:00+00:00", &zero_offset, NULL));
  g_assert_cmpint (chrono_date_compare (&utc, &zero_offset), ==, 0);
  g_assert_false (chrono_date_equal (&utc, &zero_offset));
}

static void
test_boxed (void)
{
  ChronoDate date;
  g_autoptr(ChronoDate) copy = NULL;
  ChronoDate *boxed;

  g_assert_true (G_TYPE_IS_BOXED (CHRONO_TYPE_DATE));
  g_assert_true (chrono_date_parse ("2021-07-19T10:15:00+05:30", &date, NULL));
  copy = chrono_date_copy (&date);
  g_assert_true (chrono_date_equal (copy, &date));
  boxed = g_boxed_copy (CHRONO_TYPE_DATE, &date);
  g_assert_true (chrono_date_equal (boxed, &date));
  g_boxed_free (CHRONO_TYPE_DATE, boxed);
}

/* Formatting */

static const struct {
  const char *text;
  const char *expected;
} format_cases[] = {
  { "2021-07-19", "19 July 2021" },
  { "2021-07", "July 2021" },
  { "2021", "2021" },
  { "2001-21", "Spring 2001" },
  { "2001-22", "Summer 2001" },
  { "2001-23", "Autumn 2001" },
  { "2001-24", "Winter 2001" },
  { "201X", "2010s" },
  { "19XX", "1900s" },
  { "201X~", "c. 2010s" },
  { "2020~", "c. 2020" },
  { "2020?", "2020?" },
  { "2020%", "c. 2020?" },
  { "2021-07~", "c. July 2021" },
  { "2021-07-19?", "19 July 2021?" },
  { "2004-XX", "2004" },
  { "2004-06-XX", "June 2004" },
  { "2004-XX-XX", "2004" },
  { "-0043", "44 BC" },
  { "-0043-03-15", "15 March 44 BC" },
  { "0000", "1 BC" },
  { "-9999", "10000 BC" },
  { "Y-13800000000", "13.8 billion years ago" },
  { "Y-250000000", "250 million years ago" },
  { "Y-65500000", "65.5 million years ago" },
  { "Y-2580000", "2.58 million years ago" },
  { "Y-1000000", "1 million years ago" },
  { "Y-999999999", "1 billion years ago" },
  { "Y-10000", "12,000 years ago" },
  { "Y-250000000~", "c. 250 million years ago" },
  { "Y170000002", "170,000,002" },
  { "2021-07-19T10:15:00Z", "19 July 2021, 10:15:00 UTC" },
  { "2021-07-19T10:15:00+05:30", "19 July 2021, 10:15:00 +05:30" },
  { "2021-07-19T10:15:00-08:00", "19 July 2021, 10:15:00 -08:00" },
  { "2021-07-19T10:15:00", "19 July 2021, 10:15:00" },
  { "..", "open" },
  { "", "unknown" },
};

static void
test_format (void)
{
  ChronoDate date;

  for (gsize i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      g_autofree char *text = NULL;

      g_assert_true (chrono_date_parse (format_cases[i].text, &date, NULL));
      text = chrono_date_format (&date);
      g_assert_cmpstr (text, ==, format_cases[i].expected);
    }

  /* Coarser times from the axis. */
  {
    g_autofree char *hour = NULL;
    g_autofree char *minute = NULL;

    chrono_date_from_time (ref_time (2021, 7, 19, 36900), P (HOUR), &date);
    hour = chrono_date_format (&date);
    g_assert_cmpstr (hour, ==, "19 July 2021, 10:00 UTC");
    chrono_date_from_time (ref_time (2021, 7, 19, 36900), P (MINUTE), &date);
    minute = chrono_date_format (&date);
    g_assert_cmpstr (minute, ==, "19 July 2021, 10:15 UTC");
  }

  /* Every valid form formats to something. */
  for (gsize i = 0; i < G_N_ELEMENTS (valid_cases); i++)
    {
      g_autofree char *text = NULL;

      g_assert_true (chrono_date_parse (valid_cases[i].text, &date, NULL));
      text = chrono_date_format (&date);
      g_assert_true (g_utf8_validate (text, -1, NULL));
      g_assert_cmpuint (strlen (text), >, 0);
    }
}

/* Intervals */

static const struct {
  const char *text;
  Civil lo, hi;       /* lo.m == 0: CHRONO_TIME_MIN; hi.m == 0: CHRONO_TIME_MAX */
  const char *format;
} interval_cases[] = {
  { "2021/2022", { 2021, 1, 1, 0 }, { 2023, 1, 1, 0 }, "2021 – 2022" },
  { "2024-03/2024-05", { 2024, 3, 1, 0 }, { 2024, 6, 1, 0 }, "March – May 2024" },
  { "2024-03-19/2024-03-25", { 2024, 3, 19, 0 }, { 2024, 3, 26, 0 }, "19–25 March 2024" },
  { "2024-03-19/2024-04-02", { 2024, 3, 19, 0 }, { 2024, 4, 3, 0 }, "19 March – 2 April 2024" },
  { "2021-08/2022-10", { 2021, 8, 1, 0 }, { 2022, 11, 1, 0 }, "August 2021 – October 2022" },
  { "2021/..", { 2021, 1, 1, 0 }, { 0, 0, 0, 0 }, "2021 – ongoing" },
  { "../2022", { 0, 0, 0, 0 }, { 2023, 1, 1, 0 }, "… – 2022" },
  { "/2022", { 2022, 1, 1, 0 }, { 2023, 1, 1, 0 }, "? – 2022" },
  { "2021/", { 2021, 1, 1, 0 }, { 2022, 1, 1, 0 }, "2021 – ?" },
  { "2021/2021", { 2021, 1, 1, 0 }, { 2022, 1, 1, 0 }, "2021" },
  { "2021/2021-06", { 2021, 1, 1, 0 }, { 2021, 7, 1, 0 }, "2021 – June 2021" },
  { "2020~/2021?", { 2020, 1, 1, 0 }, { 2022, 1, 1, 0 }, "c. 2020 – 2021?" },
  { "-0043/2021", { -43, 1, 1, 0 }, { 2022, 1, 1, 0 }, "44 BC – 2021" },
  { "Y-13800000000/..", { G64 (-13800000000), 1, 1, 0 }, { 0, 0, 0, 0 },
    "13.8 billion years ago – ongoing" },
  { "2021-07-19T10:00:00+05:00/2021-07-19T05:00:00Z", { 2021, 7, 19, 5 * 3600 },
    { 2021, 7, 19, 5 * 3600 + 1 }, "19 July 2021, 10:00:00 +05:00 – 19 July 2021, 05:00:00 UTC" },
};

static void
test_interval_valid (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (interval_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autofree char *format = NULL;
      ChronoInterval interval;
      ChronoTime lo, hi;
      const Civil *want_lo = &interval_cases[i].lo;
      const Civil *want_hi = &interval_cases[i].hi;

      g_test_message ("interval: %s", interval_cases[i].text);
      g_assert_true (chrono_interval_parse (interval_cases[i].text, &interval, &error));
      g_assert_no_error (error);
      text = chrono_interval_to_string (&interval);
      g_assert_cmpstr (text, ==, interval_cases[i].text);

      chrono_interval_get_span (&interval, &lo, &hi);
      g_assert_cmpint (lo, ==, want_lo->m == 0 ? CHRONO_TIME_MIN
                                                : ref_time (want_lo->y, want_lo->m, want_lo->d, want_lo->s));
      g_assert_cmpint (hi, ==, want_hi->m == 0 ? CHRONO_TIME_MAX
                                                : ref_time (want_hi->y, want_hi->m, want_hi->d, want_hi->s));

      format = chrono_interval_format (&interval);
      g_assert_cmpstr (format, ==, interval_cases[i].format);
    }
}

static void
test_interval_invalid (void)
{
  static const struct {
    const char *text;
    const char *message;
  } cases[] = {
    { "/", "at least one known date" },
    { "../..", "at least one known date" },
    { "../", "at least one known date" },
    { "2022/2021", "ends before it starts" },
    { "2021-07-20/2021-07-19", "ends before it starts" },
    { "2021-07-19T10:00:00+05:00/2021-07-19T04:59:59Z", "ends before it starts" },
    { "2021", "START/END" },
    { "", "START/END" },
    { "2021/2022/2023", "START/END" },
    { "2021/2023-02-29", "February 2023 has only 28 days" },
    { "garbage/2021", "not a date" },
    { "2021/\xff", "not a date" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      ChronoInterval interval;

      g_test_message ("invalid interval: %s", cases[i].text);
      g_assert_false (chrono_interval_parse (cases[i].text, &interval, &error));
      g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_DATE);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_assert_nonnull (strstr (error->message, cases[i].message));
    }
}

int
main (int    argc,
      char **argv)
{
  /* The expected strings are the English source strings. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  if (setlocale (LC_ALL, "C.UTF-8") == NULL)
    setlocale (LC_ALL, "C");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/reference", test_reference);
  g_test_add_func ("/date/parse/valid", test_parse_valid);
  g_test_add_func ("/date/parse/open-unknown", test_parse_open_unknown);
  g_test_add_func ("/date/parse/known-epochs", test_known_epochs);
  g_test_add_func ("/date/parse/invalid", test_parse_invalid);
  g_test_add_func ("/date/parse/hostile", test_parse_hostile);
  g_test_add_func ("/date/parse/random", test_parse_random);
  g_test_add_func ("/date/calendar/leap-years", test_leap_years);
  g_test_add_func ("/date/calendar/walk", test_civil_walk);
  g_test_add_func ("/date/axis/from-time-edges", test_from_time_edges);
  g_test_add_func ("/date/axis/from-time-random", test_from_time_random);
  g_test_add_func ("/date/axis/saturates", test_span_saturates);
  g_test_add_func ("/date/compare", test_compare);
  g_test_add_func ("/date/boxed", test_boxed);
  g_test_add_func ("/date/format", test_format);
  g_test_add_func ("/date/interval/valid", test_interval_valid);
  g_test_add_func ("/date/interval/invalid", test_interval_invalid);

  return g_test_run ();
}
