/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-date"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdarg.h>
#include <string.h>

#include "chrono-date.h"
#include "chrono-error.h"

#define SECONDS_PER_DAY 86400
/* Years beyond this are clamped in the calendar arithmetic so that it
 * cannot overflow; the axis saturates long before (about 2.9e11 years). */
#define CALENDAR_YEAR_LIMIT G_GINT64_CONSTANT (1000000000000000)
/* How many bytes of a bad input an error message quotes. */
#define QUOTE_MAX_BYTES 64

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

static gint64
clamp_year (gint64 year)
{
  return CLAMP (year, -CALENDAR_YEAR_LIMIT, CALENDAR_YEAR_LIMIT);
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

/* Helpers: text */

/* The bad input as it is safe to show: valid UTF-8, no control characters,
 * cut after QUOTE_MAX_BYTES. */
static gsize
bounded_length (const char *text,
                gsize       max)
{
  gsize len = 0;

  while (len < max && text[len] != '\0')
    len++;
  return len;
}

static char *
quote_text (const char *text)
{
  gsize len = bounded_length (text, QUOTE_MAX_BYTES + 1);
  gboolean cut = len > QUOTE_MAX_BYTES;
  g_autofree char *valid = g_utf8_make_valid (text, cut ? QUOTE_MAX_BYTES : (gssize) len);
  GString *out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_unichar (out, 0xFFFD);
      else
        g_string_append_unichar (out, c);
    }
  if (cut)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

static void set_error (GError    **error,
                       const char *shown,
                       const char *format,
                       ...) G_GNUC_PRINTF (3, 4);

/* Every message quotes the text it is about: “2023-02-29”: … */
static void
set_error (GError    **error,
           const char *shown,
           const char *format,
           ...)
{
  va_list args;
  g_autofree char *reason = NULL;
  /* Made only here: quoting every valid date cost ~5 % of a large load. */
  g_autofree char *quoted = quote_text (shown);

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: an invalid date: the text as written, then why it is
   * invalid, e.g. “2023-02-29”: February 2023 has only 28 days */
  g_set_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_DATE, C_("invalid date", "“%s”: %s"),
               quoted, reason);
}

static const char *
thousands_separator (void)
{
  const struct lconv *lc = localeconv ();

  /* The C locale has none; a bare "12000" reads worse than "12,000". */
  if (lc->thousands_sep != NULL && lc->thousands_sep[0] != '\0')
    return lc->thousands_sep;
  return ",";
}

static const char *
decimal_point (void)
{
  const struct lconv *lc = localeconv ();

  if (lc->decimal_point != NULL && lc->decimal_point[0] != '\0')
    return lc->decimal_point;
  return ".";
}

static char *
format_grouped (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, n);
  const char *sep = thousands_separator ();
  gsize len = strlen (digits);
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, sep);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

/* Month names from the C library so they follow the locale. The standalone
 * form ("%OB") is for "July 2021"; some languages decline it in a full date. */
static char *
month_name (guint    month,
            gboolean standalone)
{
  g_autoptr(GDateTime) dt = NULL;

  if (month < 1 || month > 12)
    return g_strdup ("?");
  dt = g_date_time_new_utc (2000, (int) month, 1, 0, 0, 0);
  return g_date_time_format (dt, standalone ? "%OB" : "%B");
}

/* "12,000 years ago", "250 million years ago", "13.8 billion years ago":
 * three significant digits, counted before present (1950, the usual
 * reference for such ages). */
static char *
format_years_ago (gint64 year)
{
  guint64 ago = (guint64) (1950 - clamp_year (year));
  guint64 scale = 1;
  guint64 rounded;
  gulong plural_n;

  while (ago / scale >= 1000)
    scale *= 10;
  rounded = (ago + scale / 2) / scale * scale;
  plural_n = (gulong) MIN (rounded, (guint64) G_MAXULONG);

  if (rounded < G_GUINT64_CONSTANT (1000000))
    {
      g_autofree char *number = format_grouped (rounded);

      /* Translators: an age in years before present, e.g. "12,000 years ago" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s year ago", "%s years ago",
                                           plural_n),
                              number);
    }
  else
    {
      gboolean billions = rounded >= G_GUINT64_CONSTANT (1000000000);
      guint64 unit = billions ? G_GUINT64_CONSTANT (1000000000) : G_GUINT64_CONSTANT (1000000);
      guint64 whole = rounded / unit;
      guint64 frac = (rounded % unit) / (unit / 1000);
      g_autofree char *whole_text = format_grouped (whole);
      g_autofree char *number = NULL;

      if (frac != 0)
        {
          char frac_text[4];

          g_snprintf (frac_text, sizeof frac_text, "%03u", (guint) frac);
          for (int i = 2; i > 0 && frac_text[i] == '0'; i--)
            frac_text[i] = '\0';
          number = g_strconcat (whole_text, decimal_point (), frac_text, NULL);
        }
      else
        number = g_strdup (whole_text);

      if (billions)
        /* Translators: an age, e.g. "13.8 billion years ago" */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s billion year ago",
                                             "%s billion years ago", plural_n),
                                number);
      /* Translators: an age, e.g. "250 million years ago" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s million year ago",
                                           "%s million years ago", plural_n),
                              number);
    }
}

/* A year as people write it: "2021", "44 BC", "170,000,002". */
static char *
format_year (gint64 year)
{
  if (year >= 1 && year <= 9999)
    return g_strdup_printf ("%" G_GINT64_FORMAT, year);
  if (year > 9999)
    return format_grouped ((guint64) year);
  if (year > -10000)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, 1 - year);

      /* Translators: a year before the common era, e.g. "44 BC" */
      return g_strdup_printf (_("%s BC"), number);
    }
  return format_years_ago (year);
}

static char *
format_month_year (gint64 year,
                   guint  month)
{
  g_autofree char *name = month_name (month, TRUE);
  g_autofree char *year_text = format_year (year);

  /* Translators: month name and year, e.g. "July 2021" */
  return g_strdup_printf (C_("month and year", "%s %s"), name, year_text);
}

static char *
format_day_month_year (gint64 year,
                       guint  month,
                       guint  day)
{
  g_autofree char *name = month_name (month, FALSE);
  g_autofree char *year_text = format_year (year);

  /* Translators: day, month name and year, e.g. "19 July 2021"; reorder
   * with %1$u, %2$s, %3$s if needed */
  return g_strdup_printf (C_("day, month and year", "%u %s %s"), day, name, year_text);
}

static char *
format_season (gint64 year,
               guint  season)
{
  g_autofree char *year_text = format_year (year);

  /* Seasons of the northern hemisphere, as EDTF defines 21..24. */
  switch (season)
    {
    case 21:
      /* Translators: a season and its year, e.g. "Spring 2001" */
      return g_strdup_printf (C_("season", "Spring %s"), year_text);
    case 22:
      /* Translators: a season and its year, e.g. "Summer 2001" */
      return g_strdup_printf (C_("season", "Summer %s"), year_text);
    case 23:
      /* Translators: a season and its year, e.g. "Autumn 2001" */
      return g_strdup_printf (C_("season", "Autumn %s"), year_text);
    case 24:
      /* Translators: a season and its year, e.g. "Winter 2001" (December
       * 2001 to February 2002) */
      return g_strdup_printf (C_("season", "Winter %s"), year_text);
    default:
      return g_steal_pointer (&year_text);
    }
}

static char *
format_time_of_day (const ChronoDate *date)
{
  g_autofree char *clock = NULL;

  if (date->precision == CHRONO_PRECISION_SECOND)
    clock = g_strdup_printf ("%02u:%02u:%02u", date->hour, date->minute, date->second);
  else
    clock = g_strdup_printf ("%02u:%02u", date->hour,
                             date->precision == CHRONO_PRECISION_MINUTE ? date->minute : 0);

  switch ((ChronoTzKind) date->tz)
    {
    case CHRONO_TZ_UTC:
      /* Translators: a time of day in UTC, e.g. "10:15:00 UTC" */
      return g_strdup_printf (C_("time of day", "%s UTC"), clock);
    case CHRONO_TZ_OFFSET:
      {
        guint minutes = (guint) ABS ((int) date->tz_offset);

        return g_strdup_printf ("%s %c%02u:%02u", clock, date->tz_offset < 0 ? '-' : '+',
                                minutes / 60, minutes % 60);
      }
    case CHRONO_TZ_NONE:
    default:
      return g_steal_pointer (&clock);
    }
}

/* The date without its qualifiers. */
static char *
format_plain (const ChronoDate *date)
{
  if (date->year <= -10000 && date->year_unspecified == 0)
    return format_years_ago (date->year);

  switch ((ChronoPrecision) date->precision)
    {
    case CHRONO_PRECISION_SEASON:
      return format_season (date->year, date->month);

    case CHRONO_PRECISION_MONTH:
      if (date->month_unspecified || date->month < 1 || date->month > 12)
        return format_year (date->year);
      return format_month_year (date->year, date->month);

    case CHRONO_PRECISION_DAY:
      if (date->month_unspecified || date->month < 1 || date->month > 12)
        return format_year (date->year);
      if (date->day_unspecified || date->day == 0)
        return format_month_year (date->year, date->month);
      return format_day_month_year (date->year, date->month, date->day);

    case CHRONO_PRECISION_HOUR:
    case CHRONO_PRECISION_MINUTE:
    case CHRONO_PRECISION_SECOND:
      {
        g_autofree char *day = format_day_month_year (date->year, date->month, date->day);
        g_autofree char *time = format_time_of_day (date);

        /* Translators: a date and a time of day, e.g. "19 July 2021, 10:15:00 UTC" */
        return g_strdup_printf (C_("date and time", "%s, %s"), day, time);
      }

    case CHRONO_PRECISION_YEAR:
    default:
      if (date->year_unspecified > 0 && date->year >= 0)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, date->year);

          /* Translators: a decade or century from a year with unspecified
           * digits, e.g. "2010s" for 201X, "1900s" for 19XX */
          return g_strdup_printf (C_("decade", "%ss"), number);
        }
      return format_year (date->year);
    }
}

static char *
add_qualifiers (char  *text,
                guint8 qualifier)
{
  g_autofree char *owned = text;
  gboolean uncertain = (qualifier & CHRONO_QUALIFIER_UNCERTAIN) != 0;
  gboolean approximate = (qualifier & CHRONO_QUALIFIER_APPROXIMATE) != 0;

  if (uncertain && approximate)
    /* Translators: an approximate and uncertain date, e.g. "c. 2020?" */
    return g_strdup_printf (_("c. %s?"), owned);
  if (approximate)
    /* Translators: an approximate date (circa), e.g. "c. 2020" */
    return g_strdup_printf (_("c. %s"), owned);
  if (uncertain)
    /* Translators: an uncertain date, e.g. "2020?" */
    return g_strdup_printf (_("%s?"), owned);
  return g_steal_pointer (&owned);
}

/* Helpers: parsing */

static gboolean
is_digit (char c)
{
  return c >= '0' && c <= '9';
}

/* Two digits or "XX" at @p. Returns FALSE if neither. */
static gboolean
read_two (const char **p,
          guint       *value,
          gboolean    *unspecified)
{
  const char *s = *p;

  if (s[0] == 'X' && s[1] == 'X')
    {
      *value = 0;
      *unspecified = TRUE;
    }
  else if (is_digit (s[0]) && is_digit (s[1]))
    {
      *value = (guint) ((s[0] - '0') * 10 + (s[1] - '0'));
      *unspecified = FALSE;
    }
  else
    return FALSE;
  *p = s + 2;
  return TRUE;
}

static gboolean
read_two_digits (const char **p,
                 guint       *value)
{
  gboolean unspecified;
  const char *s = *p;

  if (!read_two (&s, value, &unspecified) || unspecified)
    return FALSE;
  *p = s;
  return TRUE;
}

static gboolean
parse_long_year (const char  *shown,
                 const char **pp,
                 ChronoDate  *date,
                 GError     **error)
{
  const char *p = *pp + 1; /* past "Y" */
  gboolean negative = FALSE;
  const char *digits;
  gsize n_digits = 0;
  gint64 value = 0;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  digits = p;
  while (is_digit (digits[n_digits]) && n_digits <= 12)
    n_digits++;

  if (n_digits == 0)
    {
      /* Translators: keep “Y”: it is date notation (EDTF), as in Y-13800000000 */
      set_error (error, shown, _("“Y” must be followed by the digits of a year"));
      return FALSE;
    }
  if (digits[0] == '0')
    {
      /* Translators: keep “Y”: it is date notation (EDTF) */
      set_error (error, shown, _("a year after “Y” cannot start with 0"));
      return FALSE;
    }
  if (n_digits <= 4)
    {
      /* Translators: keep “Y”: it is date notation (EDTF) */
      set_error (error, shown, _("years of up to four digits are written without “Y”"));
      return FALSE;
    }
  if (n_digits > 12)
    goto too_large;
  for (gsize i = 0; i < n_digits; i++)
    value = value * 10 + (digits[i] - '0');
  if (value > CHRONO_DATE_MAX_YEAR)
    goto too_large;

  date->year = negative ? -value : value;
  date->long_year = TRUE;
  date->precision = CHRONO_PRECISION_YEAR;
  *pp = digits + n_digits;
  if (**pp == '-')
    {
      /* Translators: keep “Y”: it is date notation (EDTF) */
      set_error (error, shown, _("a year written with “Y” cannot have a month or day"));
      return FALSE;
    }
  return TRUE;

too_large:
  set_error (error, shown,
             _("the year is too far from the present (at most 20 billion years)"));
  return FALSE;
}

/* "YYYY" with optional "-" and trailing X digits. */
static gboolean
parse_short_year (const char  *shown,
                  const char **pp,
                  ChronoDate  *date,
                  GError     **error)
{
  const char *p = *pp;
  gboolean negative = FALSE;
  gint64 value = 0;
  guint n_x = 0;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  for (int i = 0; i < 4; i++, p++)
    {
      if (is_digit (*p) && n_x == 0)
        value = value * 10 + (*p - '0');
      else if (*p == 'X')
        {
          value *= 10;
          n_x++;
        }
      else if (is_digit (*p))
        {
          set_error (error, shown,
                     /* Translators: keep “X”: it is date notation (EDTF), as in 201X */
                     _("unspecified digits (X) must be the last digits of the year"));
          return FALSE;
        }
      else if (i == 0 && !negative)
        {
          /* Translators: keep 2021-07-19 as is: it shows the date notation */
          set_error (error, shown, _("not a date; expected a date such as 2021-07-19"));
          return FALSE;
        }
      else
        {
          set_error (error, shown, _("a year needs four digits"));
          return FALSE;
        }
    }
  if (is_digit (*p) || *p == 'X')
    {
      set_error (error, shown,
                 /* Translators: keep “Y” and Y12345 as is: date notation (EDTF) */
                 _("a year of more than four digits is written with “Y”, as in Y12345"));
      return FALSE;
    }
  if (n_x > 2)
    {
      /* Translators: unspecified digits are written X, as in 201X */
      set_error (error, shown, _("only the last one or two digits of a year can be unspecified"));
      return FALSE;
    }
  if (negative && n_x > 0)
    {
      set_error (error, shown, _("a negative year cannot have unspecified digits"));
      return FALSE;
    }
  if (negative && value == 0)
    {
      /* Translators: keep -0000 and 0000 as is: date notation (EDTF) */
      set_error (error, shown, _("-0000 is not a valid year; year zero is written 0000"));
      return FALSE;
    }

  date->year = negative ? -value : value;
  date->year_unspecified = (guint8) n_x;
  date->precision = CHRONO_PRECISION_YEAR;
  *pp = p;
  return TRUE;
}

static gboolean
parse_time (const char  *shown,
            const char **pp,
            ChronoDate  *date,
            GError     **error)
{
  const char *p = *pp + 1; /* past "T" */
  guint hour, minute, second;

  if (!read_two_digits (&p, &hour) || *p++ != ':' ||
      !read_two_digits (&p, &minute) || *p++ != ':' ||
      !read_two_digits (&p, &second))
    {
      /* Translators: keep hh:mm:ss as is: it shows the notation */
      set_error (error, shown, _("a time needs hours, minutes and seconds (hh:mm:ss)"));
      return FALSE;
    }
  if (hour > 23 || minute > 59 || second > 59)
    {
      /* Translators: hours, minutes and seconds as written, e.g. "25:00:00" */
      set_error (error, shown, _("%02u:%02u:%02u is not a valid time of day"),
                 hour, minute, second);
      return FALSE;
    }
  date->hour = (guint8) hour;
  date->minute = (guint8) minute;
  date->second = (guint8) second;
  date->precision = CHRONO_PRECISION_SECOND;

  if (*p == 'Z')
    {
      date->tz = CHRONO_TZ_UTC;
      p++;
    }
  else if (*p == '+' || *p == '-')
    {
      int sign = *p == '-' ? -1 : 1;
      guint off_h, off_m;

      p++;
      if (!read_two_digits (&p, &off_h) || *p++ != ':' || !read_two_digits (&p, &off_m) ||
          off_h > 23 || off_m > 59)
        {
          /* Translators: keep +hh:mm and -hh:mm as is: they show the notation */
          set_error (error, shown, _("a time zone offset is written +hh:mm or -hh:mm"));
          return FALSE;
        }
      date->tz = CHRONO_TZ_OFFSET;
      date->tz_offset = (gint16) (sign * (int) (off_h * 60 + off_m));
    }
  *pp = p;
  return TRUE;
}

/* After "YYYY-": month or season, then day and time. */
static gboolean
parse_month_onwards (const char  *shown,
                     const char **pp,
                     ChronoDate  *date,
                     GError     **error)
{
  const char *p = *pp + 1; /* past "-" */
  guint month, day;
  gboolean month_x, day_x;

  if (date->year_unspecified > 0)
    {
      set_error (error, shown, _("a year with unspecified digits cannot have a month"));
      return FALSE;
    }
  if (!read_two (&p, &month, &month_x))
    {
      set_error (error, shown, _("a month needs two digits"));
      return FALSE;
    }
  if (!month_x && !((month >= 1 && month <= 12) || (month >= 21 && month <= 24)))
    {
      /* Translators: the month number as written, e.g. "there is no month 13" */
      set_error (error, shown, _("there is no month %02u"), month);
      return FALSE;
    }
  date->month = (guint8) month;
  date->month_unspecified = (guint8) month_x;
  date->precision = month >= 21 ? CHRONO_PRECISION_SEASON : CHRONO_PRECISION_MONTH;

  if (*p != '-')
    {
      *pp = p;
      return TRUE;
    }
  if (date->precision == CHRONO_PRECISION_SEASON)
    {
      set_error (error, shown, _("a season cannot have a day"));
      return FALSE;
    }
  p++;
  if (!read_two (&p, &day, &day_x))
    {
      set_error (error, shown, _("a day needs two digits"));
      return FALSE;
    }
  if (month_x && !day_x)
    {
      set_error (error, shown, _("a day cannot be given when the month is unspecified"));
      return FALSE;
    }
  if (!day_x)
    {
      guint days = chrono_days_in_month (date->year, month);

      if (day == 0)
        {
          set_error (error, shown, _("there is no day 00"));
          return FALSE;
        }
      if (day > days)
        {
          g_autofree char *month_text = format_month_year (date->year, month);

          set_error (error, shown,
                     /* Translators: %s is a month and year, e.g. "February 2023 has
                      * only 28 days" */
                     g_dngettext (GETTEXT_PACKAGE, "%s has only %u day", "%s has only %u days",
                                  days),
                     month_text, days);
          return FALSE;
        }
    }
  date->day = (guint8) day;
  date->day_unspecified = (guint8) day_x;
  date->precision = CHRONO_PRECISION_DAY;

  if (*p == 'T')
    {
      if (day_x)
        {
          set_error (error, shown, _("a time cannot follow an unspecified day"));
          return FALSE;
        }
      if (!parse_time (shown, &p, date, error))
        return FALSE;
    }
  *pp = p;
  return TRUE;
}

static gboolean
parse_date (const char *text,
            const char *shown,
            ChronoDate *date,
            GError    **error)
{
  const char *p = text;

  if (*p == 'Y')
    {
      if (!parse_long_year (shown, &p, date, error))
        return FALSE;
    }
  else
    {
      if (!parse_short_year (shown, &p, date, error))
        return FALSE;
      if (*p == '-' && !parse_month_onwards (shown, &p, date, error))
        return FALSE;
    }

  if (*p == '?' || *p == '~' || *p == '%')
    {
      if (date->precision >= CHRONO_PRECISION_HOUR)
        {
          /* Translators: keep ?, ~ and % as is: date notation (EDTF) */
          set_error (error, shown, _("a qualifier (?, ~ or %%) cannot follow a time of day"));
          return FALSE;
        }
      date->qualifier = *p == '?' ? CHRONO_QUALIFIER_UNCERTAIN
                      : *p == '~' ? CHRONO_QUALIFIER_APPROXIMATE
                      : CHRONO_QUALIFIER_UNCERTAIN | CHRONO_QUALIFIER_APPROXIMATE;
      p++;
    }
  if (*p != '\0')
    {
      g_autofree char *rest = quote_text (p);

      /* Translators: %s is the rest of the text after a valid date */
      set_error (error, shown, _("unexpected “%s” after the date"), rest);
      return FALSE;
    }
  return TRUE;
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

  y = clamp_year (year) - (month <= 2 ? 1 : 0);
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

gboolean
chrono_date_parse (const char *text,
                   ChronoDate *out,
                   GError    **error)
{
  ChronoDate date = { 0 };

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text[0] == '\0')
    {
      date.kind = CHRONO_DATE_KIND_UNKNOWN;
      *out = date;
      return TRUE;
    }
  if (strcmp (text, "..") == 0)
    {
      date.kind = CHRONO_DATE_KIND_OPEN;
      *out = date;
      return TRUE;
    }

  date.kind = CHRONO_DATE_KIND_DATE;
  if (!parse_date (text, text, &date, error))
    return FALSE;
  *out = date;
  return TRUE;
}

char *
chrono_date_to_string (const ChronoDate *date)
{
  GString *s;

  g_return_val_if_fail (date != NULL, NULL);

  if (date->kind == CHRONO_DATE_KIND_OPEN)
    return g_strdup ("..");
  if (date->kind != CHRONO_DATE_KIND_DATE)
    return g_strdup ("");

  s = g_string_new (NULL);
  if (date->long_year || date->year > 9999 || date->year < -9999)
    {
      /* EDTF has no months or days for "Y" years: only the year is written. */
      g_string_append_printf (s, "Y%" G_GINT64_FORMAT, date->year);
    }
  else
    {
      char digits[5];
      guint n_x = MIN (date->year_unspecified, 4);

      g_snprintf (digits, sizeof digits, "%04u", (guint) ABS (date->year));
      for (guint i = 0; i < n_x; i++)
        digits[3 - i] = 'X';
      if (date->year < 0)
        g_string_append_c (s, '-');
      g_string_append (s, digits);

      if (date->precision >= CHRONO_PRECISION_SEASON)
        {
          if (date->month_unspecified)
            g_string_append (s, "-XX");
          else
            g_string_append_printf (s, "-%02u", date->month);
        }
      if (date->precision >= CHRONO_PRECISION_DAY)
        {
          if (date->day_unspecified)
            g_string_append (s, "-XX");
          else
            g_string_append_printf (s, "-%02u", date->day);
        }
      if (date->precision >= CHRONO_PRECISION_HOUR)
        {
          g_string_append_printf (s, "T%02u:%02u:%02u", date->hour, date->minute, date->second);
          if (date->tz == CHRONO_TZ_UTC)
            g_string_append_c (s, 'Z');
          else if (date->tz == CHRONO_TZ_OFFSET)
            {
              guint minutes = (guint) ABS ((int) date->tz_offset);

              g_string_append_printf (s, "%c%02u:%02u", date->tz_offset < 0 ? '-' : '+',
                                      minutes / 60, minutes % 60);
            }
        }
    }

  if ((date->qualifier & CHRONO_QUALIFIER_UNCERTAIN) &&
      (date->qualifier & CHRONO_QUALIFIER_APPROXIMATE))
    g_string_append_c (s, '%');
  else if (date->qualifier & CHRONO_QUALIFIER_UNCERTAIN)
    g_string_append_c (s, '?');
  else if (date->qualifier & CHRONO_QUALIFIER_APPROXIMATE)
    g_string_append_c (s, '~');

  return g_string_free (s, FALSE);
}

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

  year = clamp_year (date->year);
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

char *
chrono_date_format (const ChronoDate *date)
{
  g_return_val_if_fail (date != NULL, NULL);

  if (date->kind == CHRONO_DATE_KIND_OPEN)
    /* Translators: an open end of a date range */
    return g_strdup (C_("date", "open"));
  if (date->kind != CHRONO_DATE_KIND_DATE)
    /* Translators: a date that is not known */
    return g_strdup (C_("date", "unknown"));

  return add_qualifiers (format_plain (date), date->qualifier);
}

/* Public API: intervals */

gboolean
chrono_interval_parse (const char     *text,
                       ChronoInterval *out,
                       GError        **error)
{
  ChronoInterval interval;
  const char *slash;
  g_autofree char *start_text = NULL;
  ChronoTime start_lo, end_hi;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  slash = strchr (text, '/');
  if (slash == NULL || strchr (slash + 1, '/') != NULL)
    {
      g_autofree char *shown = quote_text (text);

      /* Translators: START/END shows the notation, e.g. 2021/2022; keep “/” */
      set_error (error, shown, _("an interval is written START/END, with one “/”"));
      return FALSE;
    }

  start_text = g_strndup (text, (gsize) (slash - text));
  if (!chrono_date_parse (start_text, &interval.start, error) ||
      !chrono_date_parse (slash + 1, &interval.end, error))
    return FALSE;

  if (!chrono_date_is_date (&interval.start) && !chrono_date_is_date (&interval.end))
    {
      g_autofree char *shown = quote_text (text);

      set_error (error, shown, _("an interval needs at least one known date"));
      return FALSE;
    }

  if (chrono_date_is_date (&interval.start) && chrono_date_is_date (&interval.end))
    {
      chrono_date_get_span (&interval.start, &start_lo, NULL);
      chrono_date_get_span (&interval.end, NULL, &end_hi);
      if (end_hi <= start_lo)
        {
          g_autofree char *shown = quote_text (text);

          set_error (error, shown, _("the interval ends before it starts"));
          return FALSE;
        }
    }

  *out = interval;
  return TRUE;
}

char *
chrono_interval_to_string (const ChronoInterval *interval)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  g_return_val_if_fail (interval != NULL, NULL);

  start = chrono_date_to_string (&interval->start);
  end = chrono_date_to_string (&interval->end);
  return g_strconcat (start, "/", end, NULL);
}

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

static gboolean
is_plain_calendar_date (const ChronoDate *date)
{
  return date->kind == CHRONO_DATE_KIND_DATE &&
         date->qualifier == CHRONO_QUALIFIER_NONE &&
         date->year_unspecified == 0 &&
         !date->month_unspecified &&
         !date->day_unspecified &&
         date->year > -10000 &&
         date->month >= 1 && date->month <= 12;
}

char *
chrono_interval_format (const ChronoInterval *interval)
{
  const ChronoDate *start, *end;
  g_autofree char *start_text = NULL;
  g_autofree char *end_text = NULL;

  g_return_val_if_fail (interval != NULL, NULL);

  start = &interval->start;
  end = &interval->end;

  if (chrono_date_equal (start, end))
    return chrono_date_format (start);

  /* Shared parts are written once: "March – May 2024", "19–25 March 2024". */
  if (is_plain_calendar_date (start) && is_plain_calendar_date (end) &&
      start->year == end->year && start->precision == end->precision)
    {
      g_autofree char *year = format_year (start->year);

      if (start->precision == CHRONO_PRECISION_MONTH)
        {
          g_autofree char *from = month_name (start->month, TRUE);
          g_autofree char *to = month_name (end->month, TRUE);

          /* Translators: a range of months in one year, e.g. "March – May 2024" */
          return g_strdup_printf (C_("month range", "%s – %s %s"), from, to, year);
        }
      if (start->precision == CHRONO_PRECISION_DAY && start->month == end->month)
        {
          g_autofree char *name = month_name (start->month, FALSE);

          /* Translators: a range of days in one month, e.g. "19–25 March 2024";
           * reorder with %1$u, %2$u, %3$s, %4$s if needed */
          return g_strdup_printf (C_("day range", "%u–%u %s %s"),
                                  (guint) start->day, (guint) end->day, name, year);
        }
      if (start->precision == CHRONO_PRECISION_DAY)
        {
          g_autofree char *from = month_name (start->month, FALSE);
          g_autofree char *to = month_name (end->month, FALSE);

          /* Translators: a range of days in one year, e.g. "19 March – 2 April 2024" */
          return g_strdup_printf (C_("day range", "%u %s – %u %s %s"),
                                  (guint) start->day, from, (guint) end->day, to, year);
        }
    }

  start_text = chrono_date_format (start);
  end_text = chrono_date_format (end);

  if (end->kind == CHRONO_DATE_KIND_OPEN && start->kind == CHRONO_DATE_KIND_DATE)
    /* Translators: a range that has not ended, e.g. "2021 – ongoing" */
    return g_strdup_printf (_("%s – ongoing"), start_text);
  if (end->kind == CHRONO_DATE_KIND_UNKNOWN && start->kind == CHRONO_DATE_KIND_DATE)
    /* Translators: a range whose end is not known, e.g. "2021 – ?" */
    return g_strdup_printf (_("%s – ?"), start_text);
  if (start->kind == CHRONO_DATE_KIND_OPEN && end->kind == CHRONO_DATE_KIND_DATE)
    /* Translators: a range open at its start, e.g. "… – 2022" */
    return g_strdup_printf (_("… – %s"), end_text);
  if (start->kind == CHRONO_DATE_KIND_UNKNOWN && end->kind == CHRONO_DATE_KIND_DATE)
    /* Translators: a range whose start is not known, e.g. "? – 2022" */
    return g_strdup_printf (_("? – %s"), end_text);

  /* Translators: a range of two dates, e.g. "2021 – 2022" */
  return g_strdup_printf (C_("date range", "%s – %s"), start_text, end_text);
}
