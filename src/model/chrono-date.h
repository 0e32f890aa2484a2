/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Seconds on the continuous axis: seconds since 1970-01-01T00:00:00Z in the
 * proleptic Gregorian calendar. int64 covers the age of the universe. */
typedef gint64 ChronoTime;

#define CHRONO_TIME_MIN G_MININT64
#define CHRONO_TIME_MAX G_MAXINT64

/* The largest |year| chrono_date_parse() accepts (20 billion): beyond the
 * age of the universe, the longest meaningful timeline, and within the
 * span a viewport can show (CHRONO_VIEWPORT_MAX_SPAN). */
#define CHRONO_DATE_MAX_YEAR G_GINT64_CONSTANT (20000000000)

typedef enum {
  CHRONO_DATE_KIND_DATE = 0, /* a calendar date */
  CHRONO_DATE_KIND_OPEN,     /* ".." : an open interval end (ongoing / open start) */
  CHRONO_DATE_KIND_UNKNOWN,  /* ""   : an interval end that is not known */
} ChronoDateKind;

/* Ordered coarse to fine. Unspecified digits (201X, 2021-XX) keep the
 * precision of the written form; see year_unspecified and friends. */
typedef enum {
  CHRONO_PRECISION_YEAR = 0,
  CHRONO_PRECISION_SEASON, /* EDTF level 1: month 21..24 */
  CHRONO_PRECISION_MONTH,
  CHRONO_PRECISION_DAY,
  CHRONO_PRECISION_HOUR,
  CHRONO_PRECISION_MINUTE,
  CHRONO_PRECISION_SECOND,
} ChronoPrecision;

typedef enum /*< flags >*/ {
  CHRONO_QUALIFIER_NONE = 0,
  CHRONO_QUALIFIER_UNCERTAIN = 1 << 0,   /* "?" */
  CHRONO_QUALIFIER_APPROXIMATE = 1 << 1, /* "~" ; both together are written "%" */
} ChronoQualifier;

typedef enum {
  CHRONO_TZ_NONE = 0, /* no zone given: read as UTC on the axis */
  CHRONO_TZ_UTC,      /* "Z" */
  CHRONO_TZ_OFFSET,   /* "+05:30" / "-08:00" */
} ChronoTzKind;

/* A plain value type (copy it with "="). Fields are public so the render
 * and io layers can read them without calls; use the functions below to
 * create valid values. */
typedef struct {
  gint64 year;              /* astronomical: 0 is 1 BC, -43 is 44 BC; for 201X the
                               lowest year (2010) */
  guint8 month;             /* 1..12, 21..24 for seasons, 0 when not given or XX */
  guint8 day;               /* 1..31, 0 when not given or XX */
  guint8 hour;
  guint8 minute;
  guint8 second;
  guint8 kind;              /* ChronoDateKind */
  guint8 precision;         /* ChronoPrecision */
  guint8 qualifier;         /* ChronoQualifier */
  guint8 year_unspecified;  /* number of trailing X digits in the year (201X: 1) */
  guint8 month_unspecified; /* TRUE for 2021-XX */
  guint8 day_unspecified;   /* TRUE for 2021-07-XX */
  guint8 tz;                /* ChronoTzKind */
  gint16 tz_offset;         /* minutes east of UTC when tz == CHRONO_TZ_OFFSET */
  guint8 long_year;         /* written with the "Y" prefix */
} ChronoDate;

#define CHRONO_TYPE_DATE (chrono_date_get_type ())
GType chrono_date_get_type (void) G_GNUC_CONST;

ChronoDate  *chrono_date_copy            (const ChronoDate *date);
void         chrono_date_free            (ChronoDate       *date);

/* Parses one EDTF level 0/1 date ("2021", "2021-07-19T10:15:00Z", "2020~",
 * "201X", "-0043", "Y-13800000000", "2001-21"), also ".." (open) and ""
 * (unknown), which are only meaningful as interval ends. On failure @out is
 * untouched and @error (CHRONO_ERROR_INVALID_DATE) says why, quoting @text. */
gboolean     chrono_date_parse           (const char       *text,
                                          ChronoDate       *out,
                                          GError          **error);
/* Canonical EDTF: chrono_date_to_string (parse (s)) == s for canonical s.
 * Years outside -9999..9999 are written "Y..." with the year only (EDTF has
 * no months or days for them); times always as hh:mm:ss. */
char        *chrono_date_to_string       (const ChronoDate *date);

/* The date as the half-open span [lo, hi) of seconds it covers: "2021" is
 * all of 2021, "201X" 2010..2019, a time in a time zone is shifted to UTC.
 * Open and unknown dates give [CHRONO_TIME_MIN, CHRONO_TIME_MAX); spans
 * beyond the axis saturate. @lo and @hi may be NULL. */
void         chrono_date_get_span        (const ChronoDate *date,
                                          ChronoTime       *lo,
                                          ChronoTime       *hi);
/* The UTC calendar date at @time, truncated to @precision: the date whose
 * span starts at or before @time and contains it. Times of day get tz UTC;
 * for SEASON, January and February fall in the previous year's winter. */
void         chrono_date_from_time       (ChronoTime        time,
                                          ChronoPrecision   precision,
                                          ChronoDate       *out);
/* Orders by span start, then span end, then precision (then kind and
 * qualifier, so that sorting is deterministic). */
int          chrono_date_compare         (const ChronoDate *a,
                                          const ChronoDate *b);
gboolean     chrono_date_equal           (const ChronoDate *a,
                                          const ChronoDate *b);
gboolean     chrono_date_is_date         (const ChronoDate *date);

/* Localized and precision-aware: "19 July 2021", "July 2021", "2021",
 * "c. 2020", "2020?", "44 BC", "13.8 billion years ago" (years up to -10000
 * as ages before present), "Spring 2001", "2010s"; ".." is "open", "" is
 * "unknown". */
char        *chrono_date_format          (const ChronoDate *date);

/* Calendar helpers shared with the axis code. */
gboolean     chrono_is_leap_year         (gint64            year);
guint        chrono_days_in_month        (gint64            year,
                                          guint             month);
/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
gint64       chrono_days_from_civil      (gint64            year,
                                          guint             month,
                                          guint             day);
void         chrono_civil_from_days      (gint64            days,
                                          gint64           *year,
                                          guint            *month,
                                          guint            *day);

/* An EDTF interval "START/END"; either end may be open ("..") or unknown (""),
 * not both; chrono_interval_parse() rejects an end before the start. */
typedef struct {
  ChronoDate start;
  ChronoDate end;
} ChronoInterval;

gboolean     chrono_interval_parse       (const char           *text,
                                          ChronoInterval       *out,
                                          GError              **error);
char        *chrono_interval_to_string   (const ChronoInterval *interval);
/* [lo, hi) over both ends: an open end reaches CHRONO_TIME_MIN/MAX, an
 * unknown end is taken as the other end's span. */
void         chrono_interval_get_span    (const ChronoInterval *interval,
                                          ChronoTime           *lo,
                                          ChronoTime           *hi);
/* "2021 – 2022", "March – May 2024", "19–25 March 2024", "2021 – ongoing",
 * "… – 2022" (open start), "? – 2022" (unknown start). */
char        *chrono_interval_format      (const ChronoInterval *interval);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoDate, chrono_date_free)

G_END_DECLS
