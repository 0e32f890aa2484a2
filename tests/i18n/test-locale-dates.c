/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-locale-dates"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "chrono-date.h"
#include "chrono-renderer.h"
#include "chrono-ticks.h"

/* Dates and axis labels in German and French, read from the translations
 * this build compiled (build/po/<lang>/LC_MESSAGES) and the C library's
 * locale data (month names). */

typedef struct {
  const char *text;      /* EDTF, or an interval when it contains '/' */
  const char *expected;
} DateCase;

typedef struct {
  const char *locale;     /* a real locale: gettext reads LC_MESSAGES */
  const DateCase *dates;
  const char *invalid;    /* the message for 2023-02-29 */
  const char *month_tick; /* the axis over a year: a tick named July */
  const char *week_tick;  /* the axis over weeks: 19 July, short */
  const char *context;    /* above the week ticks: July 2021 */
} Language;

/* U+00A0 and U+202F: French puts no-break spaces inside « » and before : ? */
#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"

static const DateCase german_dates[] = {
  { "2021-07-19", "19. Juli 2021" },
  { "2021-07", "Juli 2021" },
  { "2021-03", "März 2021" },
  { "2020~", "ca. 2020" },
  { "2020%", "ca. 2020?" },
  { "-0043", "44 v. Chr." },
  { "2021-21", "Frühling 2021" },
  { "201X", "2010er" },
  { "2021-07-19T10:15:00Z", "19. Juli 2021, 10:15:00 UTC" },
  { "2024-03-19/2024-03-25", "19.–25. März 2024" },
  { "2024-03-19/2024-04-02", "19. März – 2. April 2024" },
  { "2021/..", "2021 – laufend" },
  { NULL, NULL }
};

static const DateCase french_dates[] = {
  { "2021-07-19", "19 juillet 2021" },
  { "2021-07", "juillet 2021" },
  { "2021-02", "février 2021" },
  { "2020~", "v. 2020" },
  { "2020%", "v. 2020" NNBSP "?" },
  { "-0043", "44 av. J.-C." },
  { "2021-21", "printemps 2021" },
  { "201X", "années 2010" },
  { "2021-07-19T10:15:00Z", "19 juillet 2021 à 10:15:00 UTC" },
  { "2024-03-19/2024-03-25", "19–25 mars 2024" },
  { "2021/..", "2021 – en cours" },
  { NULL, NULL }
};

static const DateCase english_dates[] = {
  { "2021-07-19", "19 July 2021" },
  { "2020~", "c. 2020" },
  { "-0043", "44 BC" },
  { NULL, NULL }
};

static const Language german = {
  "de_DE.UTF-8", german_dates,
  "„2023-02-29“: Februar 2023 hat nur 28 Tage", "Juli", "19. Jul", "Juli 2021"
};

static const Language french = {
  "fr_FR.UTF-8", french_dates,
  "«" NBSP "2023-02-29" NBSP "»" NBSP ": février 2023 n’a que 28 jours",
  "juillet", "19 juil.", "juillet 2021"
};

static const Language english = {
  "C.UTF-8", english_dates,
  "“2023-02-29”: February 2023 has only 28 days", "July", "19 Jul", "July 2021"
};

/* Switches the process to @lang; FALSE (test skipped) when the system lacks
 * the locale. LANGUAGE is unset in main(), so gettext follows the locale. */
static gboolean
use_language (const Language *lang)
{
  if (setlocale (LC_ALL, lang->locale) == NULL)
    {
      g_autofree char *why = g_strdup_printf ("locale %s is not installed "
                                              "(build-aux/install-deps.sh test generates it)",
                                              lang->locale);

      g_test_skip (why);
      return FALSE;
    }
  return TRUE;
}

static void
restore_locale (void)
{
  setlocale (LC_ALL, "C.UTF-8");
}

static char *
format_text (const char *text)
{
  g_autoptr(GError) error = NULL;

  if (strchr (text, '/') != NULL)
    {
      ChronoInterval interval;

      g_assert_true (chrono_interval_parse (text, &interval, &error));
      g_assert_no_error (error);
      return chrono_interval_format (&interval);
    }
  else
    {
      ChronoDate date;

      g_assert_true (chrono_date_parse (text, &date, &error));
      g_assert_no_error (error);
      return chrono_date_format (&date);
    }
}

static void
test_dates (gconstpointer data)
{
  const Language *lang = data;
  g_autoptr(GError) error = NULL;
  ChronoDate date;

  if (!use_language (lang))
    return;

  for (const DateCase *c = lang->dates; c->text != NULL; c++)
    {
      g_autofree char *shown = format_text (c->text);

      g_test_message ("%s → %s", c->text, shown);
      g_assert_cmpstr (shown, ==, c->expected);
    }

  /* Error messages too: a context string, a plural and a month name. */
  g_assert_false (chrono_date_parse ("2023-02-29", &date, &error));
  g_assert_nonnull (error);
  g_assert_cmpstr (error->message, ==, lang->invalid);

  restore_locale ();
}

/* Collects the labels of both axis rows, separated by '|'. */
static char *
axis_labels (double start,
             double end,
             double width)
{
  PangoContext *context = chrono_renderer_create_pango_context ();
  ChronoViewport vp = { start, end, width, 400 };
  g_autoptr(ChronoTickSet) set = chrono_tick_set_compute (&vp, context);
  GString *all = g_string_new ("|");

  g_object_unref (context);

  for (guint row = 0; row < 2; row++)
    {
      GArray *ticks = row == 0 ? set->ticks : set->context;

      for (guint i = 0; i < ticks->len; i++)
        {
          const ChronoTick *t = &g_array_index (ticks, ChronoTick, i);

          if (t->label[0] != '\0')
            g_string_append_printf (all, "%s|", t->label);
        }
    }
  return g_string_free (all, FALSE);
}

static double
seconds_of (gint64 year,
            guint  month,
            guint  day)
{
  return (double) chrono_days_from_civil (year, month, day) * 86400.0;
}

/* Whether @labels ("|a|b|") has the label @label. */
static gboolean
has_label (const char *labels,
           const char *label)
{
  g_autofree char *needle = g_strdup_printf ("|%s|", label);

  return strstr (labels, needle) != NULL;
}

static void
test_axis (gconstpointer data)
{
  const Language *lang = data;
  g_autofree char *months = NULL;
  g_autofree char *weeks = NULL;

  if (!use_language (lang))
    return;

  /* A year: a tick per month, each named. */
  months = axis_labels (seconds_of (2021, 1, 1), seconds_of (2022, 1, 1), 900);
  g_test_message ("months: %s", months);
  g_assert_true (has_label (months, lang->month_tick));

  /* Two months: weekly ticks with short month names, the month above. */
  weeks = axis_labels (seconds_of (2021, 7, 1), seconds_of (2021, 8, 31), 900);
  g_test_message ("weeks: %s", weeks);
  g_assert_true (has_label (weeks, lang->week_tick));
  g_assert_true (has_label (weeks, lang->context));

  if (lang != &english)
    {
      g_assert_null (strstr (months, "July"));
      g_assert_null (strstr (weeks, "July"));
    }

  restore_locale ();
}

int
main (int   argc,
      char *argv[])
{
  /* Languages are chosen by locale alone: a LANGUAGE from the caller's
   * environment would override them. */
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);

  /* The translations of this build, not of an installed Chronoscope. */
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_data_func ("/i18n/dates/de", &german, test_dates);
  g_test_add_data_func ("/i18n/dates/fr", &french, test_dates);
  g_test_add_data_func ("/i18n/dates/en", &english, test_dates);
  g_test_add_data_func ("/i18n/axis/de", &german, test_axis);
  g_test_add_data_func ("/i18n/axis/fr", &french, test_axis);
  g_test_add_data_func ("/i18n/axis/en", &english, test_axis);

  return g_test_run ();
}
