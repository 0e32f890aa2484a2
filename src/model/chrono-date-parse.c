/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-date"

#include "config.h"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <string.h>

#include "chrono-date-internal.h"
#include "chrono-error.h"

/* Reading EDTF level 0/1 text into a ChronoDate or a ChronoInterval: the
 * parsers of years, months or seasons, days, times and time zones, and the
 * translatable messages that say why a text is not a date, quoting it. */

/* How many bytes of a bad input an error message quotes. */
#define QUOTE_MAX_BYTES 64

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
          g_autofree char *month_text = _chrono_date_format_month_year (date->year, month);

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
