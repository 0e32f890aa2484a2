/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-ticks"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>

#include "chrono-render-private.h"
#include "chrono-ticks.h"

#define SECONDS_PER_DAY 86400
#define SECONDS_PER_YEAR (365.2425 * SECONDS_PER_DAY)
#define MIN_TICK_SPACING 14.0 /* no row is worth measuring below this */
#define LABEL_GAP 10.0        /* free pixels between two labels of a row */
#define MAX_YEAR_STEP G_GINT64_CONSTANT (10000000000)
#define MEASURE_CACHE_LIMIT 8192

typedef struct {
  ChronoTickUnit unit;
  gint64 step;
} Candidate;

/* Finest first; years continue 1, 2, 5, 10 … up to MAX_YEAR_STEP. */
static const Candidate fixed_candidates[] = {
  { CHRONO_TICK_SECOND, 1 }, { CHRONO_TICK_SECOND, 2 }, { CHRONO_TICK_SECOND, 5 },
  { CHRONO_TICK_SECOND, 10 }, { CHRONO_TICK_SECOND, 15 }, { CHRONO_TICK_SECOND, 30 },
  { CHRONO_TICK_MINUTE, 1 }, { CHRONO_TICK_MINUTE, 2 }, { CHRONO_TICK_MINUTE, 5 },
  { CHRONO_TICK_MINUTE, 10 }, { CHRONO_TICK_MINUTE, 15 }, { CHRONO_TICK_MINUTE, 30 },
  { CHRONO_TICK_HOUR, 1 }, { CHRONO_TICK_HOUR, 2 }, { CHRONO_TICK_HOUR, 3 },
  { CHRONO_TICK_HOUR, 6 }, { CHRONO_TICK_HOUR, 12 },
  { CHRONO_TICK_DAY, 1 },
  { CHRONO_TICK_WEEK, 1 },
  { CHRONO_TICK_MONTH, 1 },
  { CHRONO_TICK_QUARTER, 1 }, { CHRONO_TICK_QUARTER, 2 },
};

/* Text measuring ----------------------------------------------------------- */

typedef struct {
  guint serial;
  GHashTable *widths; /* "font\ntext" → double* */
} MeasureCache;

static void
measure_cache_free (gpointer data)
{
  MeasureCache *cache = data;

  g_hash_table_unref (cache->widths);
  g_free (cache);
}

PangoFontDescription *
_chrono_font (const char *description)
{
  return pango_font_description_from_string (description);
}

PangoLayout *
_chrono_layout_new_for_font (PangoContext *context,
                             const char   *font)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *desc = _chrono_font (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  /* Everything drawn here is one line: a stray break must not stack lines
   * over the rows below. */
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

/* Line and paragraph breaks and tabs read as spaces; other C0 and C1
 * controls would show as hex boxes or vanish. */
static inline gunichar
display_char (gunichar c)
{
  if (c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == 0x85
      || c == 0x2028 || c == 0x2029)
    return ' ';
  if (c < 0x20 || (c >= 0x7f && c < 0xa0))
    return 0xfffd;
  return c;
}

gboolean
_chrono_is_display_text (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      /* C0 and DEL; C1 (U+0080..U+009F is C2 80..C2 9F); U+2028/9 (E2 80 A8/A9). */
      if (*p < 0x20 || *p == 0x7f)
        return FALSE;
      if (*p == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0)
        return FALSE;
      if (*p == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9))
        return FALSE;
    }
  return g_utf8_validate (text, -1, NULL);
}

void
_chrono_append_display_text (GString    *out,
                             const char *text)
{
  const char *p = text;

  if (_chrono_is_display_text (text))
    {
      g_string_append (out, text);
      return;
    }
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* A byte that starts no valid character. */
          g_string_append_unichar (out, 0xfffd);
          p++;
          continue;
        }
      /* CR LF is one break: one space. */
      if (c == '\r' && p[1] == '\n')
        p++;
      g_string_append_unichar (out, display_char (c));
      p = g_utf8_next_char (p);
    }
}

double
_chrono_measure_text (PangoContext *context,
                      const char   *font,
                      const char   *text)
{
  static GQuark quark;
  MeasureCache *cache;
  g_autofree char *key = NULL;
  double *cached;
  g_autoptr(PangoLayout) layout = NULL;
  int width = 0;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("chrono-measure-cache");

  cache = g_object_get_qdata (G_OBJECT (context), quark);
  if (cache == NULL)
    {
      cache = g_new0 (MeasureCache, 1);
      cache->widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      cache->serial = pango_context_get_serial (context);
      g_object_set_qdata_full (G_OBJECT (context), quark, cache, measure_cache_free);
    }
  if (cache->serial != pango_context_get_serial (context)
      || g_hash_table_size (cache->widths) > MEASURE_CACHE_LIMIT)
    {
      g_hash_table_remove_all (cache->widths);
      cache->serial = pango_context_get_serial (context);
    }

  key = g_strconcat (font, "\n", text, NULL);
  cached = g_hash_table_lookup (cache->widths, key);
  if (cached != NULL)
    return *cached;

  layout = _chrono_layout_new_for_font (context, font);
  if (_chrono_is_display_text (text))
    pango_layout_set_text (layout, text, -1);
  else
    {
      g_autoptr(GString) shown = g_string_new (NULL);

      _chrono_append_display_text (shown, text);
      pango_layout_set_text (layout, shown->str, -1);
    }
  pango_layout_get_size (layout, &width, NULL);

  cached = g_new (double, 1);
  *cached = (double) width / PANGO_SCALE;
  g_hash_table_insert (cache->widths, g_steal_pointer (&key), cached);
  return *cached;
}

/* Calendar helpers --------------------------------------------------------- */

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
time_to_days (double time)
{
  return (gint64) floor (time / SECONDS_PER_DAY);
}

static gint64
year_of_time (double time)
{
  gint64 year;
  guint month, day;

  chrono_civil_from_days (time_to_days (time), &year, &month, &day);
  return year;
}

static ChronoTime
year_start (gint64 year)
{
  return chrono_days_from_civil (year, 1, 1) * SECONDS_PER_DAY;
}

static ChronoTime
month_start (gint64 year,
             guint  month)
{
  return chrono_days_from_civil (year, month, 1) * SECONDS_PER_DAY;
}

/* Month and weekday names through GDateTime, which only spans years
 * 1..9999: take them from 2001 (which starts on a Monday). */
static char *
month_name (guint    month,
            gboolean full)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2001, (int) month, 15, 0, 0, 0);

  return g_date_time_format (dt, full ? "%OB" : "%Ob");
}

static char *
weekday_name (guint    weekday, /* 0 = Monday */
              gboolean full)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2001, 1, 1 + (int) weekday, 0, 0, 0);

  return g_date_time_format (dt, full ? "%A" : "%a");
}

static char *
format_grouped (guint64 value)
{
  const char *sep = localeconv ()->thousands_sep;
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT, value);
  GString *out = g_string_new (NULL);
  gsize len = strlen (digits);

  if (sep == NULL || *sep == '\0')
    sep = ",";
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, sep);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

/* "2021", "12,000", "44 BC", "10,000 BC", "2.5 million years ago". Years
 * before 1 million BC are told as "years ago": at that scale the 2,000 years
 * between year 0 and today are below the precision shown. */
static char *
format_year (gint64 year)
{
  if (year >= 1)
    {
      g_autofree char *num = NULL;

      if (year < 10000)
        return g_strdup_printf ("%" G_GINT64_FORMAT, year);
      num = format_grouped ((guint64) year);
      return g_strdup (num);
    }
  else
    {
      guint64 bc = (guint64) (1 - year);
      g_autofree char *num = NULL;

      if (bc >= 1000000000)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          g_snprintf (buf, sizeof buf, "%.3g", (double) bc / 1e9);
          /* TRANSLATORS: an axis label, %s is a number such as 2.5 */
          return g_strdup_printf (_("%s billion years ago"), buf);
        }
      if (bc >= 1000000)
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          g_snprintf (buf, sizeof buf, "%.3g", (double) bc / 1e6);
          /* TRANSLATORS: an axis label, %s is a number such as 2.5 */
          return g_strdup_printf (_("%s million years ago"), buf);
        }
      if (bc < 10000)
        num = g_strdup_printf ("%" G_GUINT64_FORMAT, bc);
      else
        num = format_grouped (bc);
      /* TRANSLATORS: a year before the common era, e.g. "44 BC" */
      return g_strdup_printf (_("%s BC"), num);
    }
}

/* Tick generation ---------------------------------------------------------- */

static double
candidate_seconds (ChronoTickUnit unit,
                   gint64         step)
{
  switch (unit)
    {
    case CHRONO_TICK_SECOND:
      return (double) step;
    case CHRONO_TICK_MINUTE:
      return 60.0 * step;
    case CHRONO_TICK_HOUR:
      return 3600.0 * step;
    case CHRONO_TICK_DAY:
      return (double) SECONDS_PER_DAY * step;
    case CHRONO_TICK_WEEK:
      return 7.0 * SECONDS_PER_DAY * step;
    case CHRONO_TICK_MONTH:
      return SECONDS_PER_YEAR / 12.0 * step;
    case CHRONO_TICK_QUARTER:
      return SECONDS_PER_YEAR / 4.0 * step;
    case CHRONO_TICK_YEAR:
      return SECONDS_PER_YEAR * step;
    default:
      g_assert_not_reached ();
    }
  return 0.0;
}

/* Year boundaries of a step: AD years k·step and BC years numbered k·step
 * (astronomical 1 − k·step), so labels read "500", "500 BC", "1,000 BC". */
static gint64
year_boundary_at_or_before (gint64 year,
                            gint64 step)
{
  if (step == 1)
    return year;
  if (year >= step)
    return floor_div (year, step) * step;
  else
    {
      gint64 bc = 1 - year; /* BC number, >= 1 - (step - 1) */
      gint64 k = MAX (1, (bc + step - 1) / step);

      if (bc <= 0)
        k = 1;
      return 1 - k * step;
    }
}

static gint64
year_boundary_next (gint64 year,
                    gint64 step)
{
  if (step == 1)
    return year + 1;
  if (year >= step)
    return year + step;
  if (1 - year > step)
    return year + step;
  return step;
}

/* Every boundary from the last one at or before @start to the first one at or
 * after @end. */
static GArray *
generate_times (ChronoTickUnit unit,
                gint64         step,
                double         start,
                double         end)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (ChronoTime));

  switch (unit)
    {
    case CHRONO_TICK_SECOND:
    case CHRONO_TICK_MINUTE:
    case CHRONO_TICK_HOUR:
      {
        gint64 seconds = (gint64) candidate_seconds (unit, step);
        ChronoTime t = floor_div ((gint64) floor (start), seconds) * seconds;

        for (;;)
          {
            g_array_append_val (times, t);
            if (t >= end)
              break;
            t += seconds;
          }
      }
      break;

    case CHRONO_TICK_DAY:
    case CHRONO_TICK_WEEK:
      {
        gint64 days = time_to_days (start);
        gint64 stride = unit == CHRONO_TICK_WEEK ? 7 * step : step;

        if (unit == CHRONO_TICK_WEEK)
          days -= ((days + 3) % 7 + 7) % 7; /* back to Monday; 1970-01-01 is a Thursday */
        for (;;)
          {
            ChronoTime t = days * SECONDS_PER_DAY;

            g_array_append_val (times, t);
            if (t >= end)
              break;
            days += stride;
          }
      }
      break;

    case CHRONO_TICK_MONTH:
    case CHRONO_TICK_QUARTER:
      {
        gint64 year;
        guint month, day;
        guint months = unit == CHRONO_TICK_QUARTER ? 3 * (guint) step : (guint) step;

        chrono_civil_from_days (time_to_days (start), &year, &month, &day);
        month = ((month - 1) / months) * months + 1;
        for (;;)
          {
            ChronoTime t = month_start (year, month);

            g_array_append_val (times, t);
            if (t >= end)
              break;
            month += months;
            if (month > 12)
              {
                month -= 12;
                year++;
              }
          }
      }
      break;

    case CHRONO_TICK_YEAR:
      {
        gint64 year = year_boundary_at_or_before (year_of_time (start), step);

        for (;;)
          {
            ChronoTime t = year_start (year);

            g_array_append_val (times, t);
            if (t >= end)
              break;
            year = year_boundary_next (year, step);
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }

  return times;
}

/* Labels ------------------------------------------------------------------- */

/* Label of a fine tick; @variant 0 is the longest form, higher ones shorter.
 * Returns NULL when there is no such variant. */
static char *
format_fine (ChronoTickUnit unit,
             gint64         step,
             ChronoTime     time,
             guint          variant)
{
  gint64 days = floor_div (time, SECONDS_PER_DAY);
  gint64 secs = time - days * SECONDS_PER_DAY;
  gint64 year;
  guint month, day;

  chrono_civil_from_days (days, &year, &month, &day);

  switch (unit)
    {
    case CHRONO_TICK_SECOND:
      if (variant > 0)
        return NULL;
      /* TRANSLATORS: axis time of day with seconds */
      return g_strdup_printf (C_("axis", "%02d:%02d:%02d"),
                              (int) (secs / 3600), (int) (secs / 60 % 60), (int) (secs % 60));
    case CHRONO_TICK_MINUTE:
    case CHRONO_TICK_HOUR:
      if (variant > 0)
        return NULL;
      /* TRANSLATORS: axis time of day, hours and minutes */
      return g_strdup_printf (C_("axis", "%02d:%02d"), (int) (secs / 3600), (int) (secs / 60 % 60));
    case CHRONO_TICK_DAY:
      if (variant == 0)
        {
          g_autofree char *wd = weekday_name ((guint) (((days + 3) % 7 + 7) % 7), FALSE);

          /* TRANSLATORS: axis day label: abbreviated weekday, day of month ("Mon 19") */
          return g_strdup_printf (C_("axis", "%1$s %2$u"), wd, day);
        }
      if (variant == 1)
        return g_strdup_printf ("%u", day);
      return NULL;
    case CHRONO_TICK_WEEK:
      if (variant == 0)
        {
          g_autofree char *mon = month_name (month, FALSE);

          /* TRANSLATORS: axis week label: day of month, abbreviated month ("19 Jul") */
          return g_strdup_printf (C_("axis", "%1$u %2$s"), day, mon);
        }
      if (variant == 1)
        return g_strdup_printf ("%u", day);
      return NULL;
    case CHRONO_TICK_MONTH:
      if (variant > 1)
        return NULL;
      return month_name (month, variant == 0);
    case CHRONO_TICK_QUARTER:
      if (variant > 0)
        return NULL;
      if (step == 1)
        /* TRANSLATORS: axis label of a quarter of a year, "Q1" … "Q4" */
        return g_strdup_printf (C_("axis", "Q%u"), (month - 1) / 3 + 1);
      return month_name (month, FALSE);
    case CHRONO_TICK_YEAR:
      if (variant > 0)
        return NULL;
      return format_year (year);
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

static char *
format_context (ChronoTickUnit unit,
                ChronoTime     time,
                guint          variant)
{
  gint64 days = floor_div (time, SECONDS_PER_DAY);
  gint64 year;
  guint month, day;
  g_autofree char *year_text = NULL;

  chrono_civil_from_days (days, &year, &month, &day);
  year_text = format_year (year);

  switch (unit)
    {
    case CHRONO_TICK_DAY:
      if (variant == 0)
        {
          g_autofree char *wd = weekday_name ((guint) (((days + 3) % 7 + 7) % 7), TRUE);
          g_autofree char *mon = month_name (month, TRUE);

          /* TRANSLATORS: axis date: weekday, day, month, year ("Monday 19 July 2021") */
          return g_strdup_printf (C_("axis", "%1$s %2$u %3$s %4$s"), wd, day, mon, year_text);
        }
      if (variant == 1)
        {
          g_autofree char *mon = month_name (month, FALSE);

          /* TRANSLATORS: short axis date: day, month, year ("19 Jul 2021") */
          return g_strdup_printf (C_("axis", "%1$u %2$s %3$s"), day, mon, year_text);
        }
      return NULL;
    case CHRONO_TICK_MONTH:
      if (variant <= 1)
        {
          g_autofree char *mon = month_name (month, variant == 0);

          /* TRANSLATORS: axis month and year ("July 2021") */
          return g_strdup_printf (C_("axis", "%1$s %2$s"), mon, year_text);
        }
      return NULL;
    case CHRONO_TICK_YEAR:
      if (variant > 0)
        return NULL;
      return g_steal_pointer (&year_text);
    case CHRONO_TICK_SECOND:
    case CHRONO_TICK_MINUTE:
    case CHRONO_TICK_HOUR:
    case CHRONO_TICK_WEEK:
    case CHRONO_TICK_QUARTER:
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

static void
clear_tick (gpointer data)
{
  ChronoTick *tick = data;

  g_clear_pointer (&tick->label, g_free);
}

static GArray *
new_tick_array (void)
{
  GArray *ticks = g_array_new (FALSE, TRUE, sizeof (ChronoTick));

  g_array_set_clear_func (ticks, clear_tick);
  return ticks;
}

/* Sets labels of @variant; FALSE (and the array left partially labelled)
 * when the variant does not exist. */
static gboolean
label_ticks (GArray               *ticks,
             gboolean              context_row,
             ChronoTickUnit        unit,
             gint64                step,
             guint                 variant,
             PangoContext         *context)
{
  const char *font = context_row ? CHRONO_FONT_CONTEXT : CHRONO_FONT_TICK;

  for (guint i = 0; i < ticks->len; i++)
    {
      ChronoTick *tick = &g_array_index (ticks, ChronoTick, i);
      char *label = context_row ? format_context (unit, tick->time, variant)
                                : format_fine (unit, step, tick->time, variant);

      if (label == NULL)
        return FALSE;
      g_free (tick->label);
      tick->label = label;
      tick->label_width = _chrono_measure_text (context, font, label);
      tick->label_x = tick->x + CHRONO_TICK_LABEL_PAD;
    }
  return TRUE;
}

static gboolean
labels_fit (GArray *ticks)
{
  for (guint i = 0; i + 1 < ticks->len; i++)
    {
      const ChronoTick *a = &g_array_index (ticks, ChronoTick, i);
      const ChronoTick *b = &g_array_index (ticks, ChronoTick, i + 1);

      if (a->label_x + a->label_width + LABEL_GAP > b->label_x)
        return FALSE;
    }
  return TRUE;
}

/* Drops labels (keeps the ticks) until the rest no longer overlap. */
static void
thin_labels (GArray *ticks)
{
  double free_x = -G_MAXDOUBLE;

  for (guint i = 0; i < ticks->len; i++)
    {
      ChronoTick *tick = &g_array_index (ticks, ChronoTick, i);

      if (tick->label[0] == '\0')
        continue;
      if (tick->label_x < free_x)
        {
          g_free (tick->label);
          tick->label = g_strdup ("");
          tick->label_width = 0.0;
          continue;
        }
      free_x = tick->label_x + tick->label_width + LABEL_GAP;
    }
}

static GArray *
build_ticks (const ChronoViewport *vp,
             ChronoTickUnit        unit,
             gint64                step)
{
  g_autoptr(GArray) times = generate_times (unit, step, vp->start, vp->end);
  GArray *ticks = new_tick_array ();

  for (guint i = 0; i < times->len; i++)
    {
      ChronoTick tick = { 0 };

      tick.time = g_array_index (times, ChronoTime, i);
      tick.x = chrono_viewport_time_to_x (vp, (double) tick.time);
      g_array_append_val (ticks, tick);
    }
  return ticks;
}

/* Labels a row with the longest variant that fits, else thins the shortest. */
static void
label_row (GArray         *ticks,
           gboolean        context_row,
           ChronoTickUnit  unit,
           gint64          step,
           PangoContext   *context)
{
  guint variant = 0;

  while (label_ticks (ticks, context_row, unit, step, variant, context))
    {
      if (labels_fit (ticks))
        return;
      variant++;
    }
  /* The variant before the missing one is the shortest. */
  g_assert (variant > 0);
  label_ticks (ticks, context_row, unit, step, variant - 1, context);
  thin_labels (ticks);
}

/* Keeps the context label of the interval under the left edge visible,
 * pushed out by the next one like a sticky header. */
static void
pin_first_context_label (GArray *ticks)
{
  ChronoTick *first;

  if (ticks->len == 0)
    return;
  first = &g_array_index (ticks, ChronoTick, 0);
  if (first->x >= 0.0 || first->label[0] == '\0')
    return;
  first->label_x = CHRONO_TICK_LABEL_PAD;
  for (guint i = 1; i < ticks->len; i++)
    {
      const ChronoTick *next = &g_array_index (ticks, ChronoTick, i);

      if (next->label[0] == '\0')
        continue;
      first->label_x = MIN (first->label_x, next->label_x - first->label_width - LABEL_GAP);
      break;
    }
}

static gboolean
context_unit_for (ChronoTickUnit  unit,
                  ChronoTickUnit *context_unit)
{
  switch (unit)
    {
    case CHRONO_TICK_SECOND:
    case CHRONO_TICK_MINUTE:
    case CHRONO_TICK_HOUR:
      *context_unit = CHRONO_TICK_DAY;
      return TRUE;
    case CHRONO_TICK_DAY:
    case CHRONO_TICK_WEEK:
      *context_unit = CHRONO_TICK_MONTH;
      return TRUE;
    case CHRONO_TICK_MONTH:
    case CHRONO_TICK_QUARTER:
      *context_unit = CHRONO_TICK_YEAR;
      return TRUE;
    case CHRONO_TICK_YEAR:
    default:
      return FALSE;
    }
}

static gboolean
next_candidate (guint     *index,
                Candidate *out)
{
  guint n_fixed = G_N_ELEMENTS (fixed_candidates);

  if (*index < n_fixed)
    {
      *out = fixed_candidates[*index];
      (*index)++;
      return TRUE;
    }
  else
    {
      /* 1, 2, 5 × 10^k years */
      guint k = *index - n_fixed;
      static const gint64 mantissa[] = { 1, 2, 5 };
      gint64 step = mantissa[k % 3];

      for (guint e = 0; e < k / 3; e++)
        step *= 10;
      if (step > MAX_YEAR_STEP)
        return FALSE;
      out->unit = CHRONO_TICK_YEAR;
      out->step = step;
      (*index)++;
      return TRUE;
    }
}

ChronoTickSet *
chrono_tick_set_compute (const ChronoViewport *viewport,
                         PangoContext         *context)
{
  ChronoTickSet *set;
  ChronoViewport vp;
  double span;
  guint index = 0;
  Candidate candidate, chosen = { CHRONO_TICK_YEAR, MAX_YEAR_STEP };
  GArray *ticks = NULL;
  ChronoTickUnit context_unit;

  g_return_val_if_fail (viewport != NULL, NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), NULL);

  vp = *viewport;
  chrono_viewport_clamp (&vp);
  span = vp.end - vp.start;

  set = g_new0 (ChronoTickSet, 1);

  while (next_candidate (&index, &candidate))
    {
      double spacing = candidate_seconds (candidate.unit, candidate.step) / span * vp.width;

      if (spacing < MIN_TICK_SPACING)
        continue;
      ticks = build_ticks (&vp, candidate.unit, candidate.step);
      if (label_ticks (ticks, FALSE, candidate.unit, candidate.step, 0, context)
          && labels_fit (ticks))
        {
          chosen = candidate;
          break;
        }
      /* A shorter form may fit (e.g. "19" for "Mon 19"). */
      if (label_ticks (ticks, FALSE, candidate.unit, candidate.step, 1, context)
          && labels_fit (ticks))
        {
          chosen = candidate;
          break;
        }
      g_clear_pointer (&ticks, g_array_unref);
    }

  if (ticks == NULL)
    {
      /* Too narrow for any row: the coarsest, thinned. */
      ticks = build_ticks (&vp, chosen.unit, chosen.step);
      label_row (ticks, FALSE, chosen.unit, chosen.step, context);
    }

  set->unit = chosen.unit;
  set->step = chosen.step;
  set->ticks = ticks;

  if (context_unit_for (chosen.unit, &context_unit))
    {
      set->context_unit = context_unit;
      set->context_step = 1;
      set->context = build_ticks (&vp, context_unit, 1);
      label_row (set->context, TRUE, context_unit, 1, context);
      pin_first_context_label (set->context);
    }
  else
    {
      set->context_unit = chosen.unit;
      set->context_step = 0;
      set->context = new_tick_array ();
    }

  return set;
}

void
chrono_tick_set_free (ChronoTickSet *set)
{
  if (set == NULL)
    return;
  g_clear_pointer (&set->ticks, g_array_unref);
  g_clear_pointer (&set->context, g_array_unref);
  g_free (set);
}
