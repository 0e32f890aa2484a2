/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-date"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "chrono-date-internal.h"

/* Writing a ChronoDate or a ChronoInterval as text: canonical EDTF
 * (chrono_date_to_string, the inverse of chrono_date_parse) and the
 * localized, precision-aware forms for people ("19 July 2021", "44 BC",
 * "13.8 billion years ago", "March – May 2024"). */

/* Helpers: localized text */

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
  guint64 ago = (guint64) (1950 - _chrono_date_clamp_year (year));
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

char *
_chrono_date_format_month_year (gint64 year,
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
      return _chrono_date_format_month_year (date->year, date->month);

    case CHRONO_PRECISION_DAY:
      if (date->month_unspecified || date->month < 1 || date->month > 12)
        return format_year (date->year);
      if (date->day_unspecified || date->day == 0)
        return _chrono_date_format_month_year (date->year, date->month);
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

/* Public API: dates */

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
