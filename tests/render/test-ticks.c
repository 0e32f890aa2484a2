/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-ticks"

#include "config.h"

#include <math.h>

#include "chrono-renderer.h"
#include "chrono-ticks.h"

#define DAY 86400.0
#define YEAR (365.2425 * DAY)

static PangoContext *context;

static double
time_of (gint64 year,
         guint  month,
         guint  day)
{
  return (double) chrono_days_from_civil (year, month, day) * DAY;
}

static void
civil (ChronoTime time,
       gint64    *year,
       guint     *month,
       guint     *day,
       gint64    *seconds)
{
  gint64 days = time >= 0 ? time / 86400 : -((-time + 86399) / 86400);

  chrono_civil_from_days (days, year, month, day);
  *seconds = time - days * 86400;
}

static void
check_row (const ChronoViewport *vp,
           GArray               *ticks,
           const char           *what)
{
  guint labelled = 0;

  for (guint i = 0; i < ticks->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks, ChronoTick, i);

      g_assert_nonnull (t->label);
      g_assert_cmpfloat (fabs (t->x - chrono_viewport_time_to_x (vp, (double) t->time)), <, 1e-6 * MAX (1.0, fabs (t->x)));
      if (i > 0)
        g_assert_cmpint (g_array_index (ticks, ChronoTick, i - 1).time, <, t->time);
      if (t->label[0] != '\0')
        {
          labelled++;
          g_assert_cmpfloat (t->label_width, >, 0.0);
        }
    }
  /* Labels in a row never overlap. */
  for (guint i = 0; i < ticks->len; i++)
    {
      const ChronoTick *a = &g_array_index (ticks, ChronoTick, i);

      if (a->label[0] == '\0')
        continue;
      for (guint j = i + 1; j < ticks->len; j++)
        {
          const ChronoTick *b = &g_array_index (ticks, ChronoTick, j);

          if (b->label[0] == '\0')
            continue;
          if (a->label_x + a->label_width > b->label_x)
            g_error ("%s: labels “%s” [%g, %g) and “%s” at %g overlap (span %g s)", what, a->label,
                     a->label_x, a->label_x + a->label_width, b->label, b->label_x, vp->end - vp->start);
          break;
        }
    }
  if (ticks->len > 0)
    {
      /* The ticks cover the view. */
      g_assert_cmpfloat ((double) g_array_index (ticks, ChronoTick, 0).time, <=, vp->start);
      g_assert_cmpfloat ((double) g_array_index (ticks, ChronoTick, ticks->len - 1).time, >=, vp->end);
      g_assert_cmpuint (labelled, >, 0);
    }
}

static void
check_boundary (ChronoTickUnit unit,
                gint64         step,
                ChronoTime     time)
{
  gint64 year, seconds;
  guint month, day;

  civil (time, &year, &month, &day, &seconds);
  switch (unit)
    {
    case CHRONO_TICK_SECOND:
      g_assert_cmpint (seconds % step, ==, 0);
      break;
    case CHRONO_TICK_MINUTE:
      g_assert_cmpint (seconds % (60 * step), ==, 0);
      break;
    case CHRONO_TICK_HOUR:
      g_assert_cmpint (seconds % (3600 * step), ==, 0);
      break;
    case CHRONO_TICK_DAY:
      g_assert_cmpint (seconds, ==, 0);
      break;
    case CHRONO_TICK_WEEK:
      {
        gint64 days = chrono_days_from_civil (year, month, day);

        g_assert_cmpint (seconds, ==, 0);
        /* 1970-01-05 was a Monday. */
        g_assert_cmpint ((((days - 4) % 7) + 7) % 7, ==, 0);
      }
      break;
    case CHRONO_TICK_MONTH:
      g_assert_cmpint (seconds, ==, 0);
      g_assert_cmpuint (day, ==, 1);
      break;
    case CHRONO_TICK_QUARTER:
      g_assert_cmpint (seconds, ==, 0);
      g_assert_cmpuint (day, ==, 1);
      g_assert_cmpuint ((month - 1) % (3 * step), ==, 0);
      break;
    case CHRONO_TICK_YEAR:
      g_assert_cmpint (seconds, ==, 0);
      g_assert_cmpuint (day, ==, 1);
      g_assert_cmpuint (month, ==, 1);
      /* AD years are multiples of the step, BC years count by it too. */
      if (step > 1)
        {
          if (year >= 1)
            g_assert_cmpint (year % step, ==, 0);
          else
            g_assert_cmpint ((1 - year) % step, ==, 0);
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

static ChronoTickSet *
compute (double start,
         double span,
         double width)
{
  ChronoViewport vp = { start, start + span, width, 600 };
  ChronoTickSet *set;

  chrono_viewport_clamp (&vp);
  set = chrono_tick_set_compute (&vp, context);

  check_row (&vp, set->ticks, "fine row");
  check_row (&vp, set->context, "context row");
  for (guint i = 0; i < set->ticks->len; i++)
    check_boundary (set->unit, set->step, g_array_index (set->ticks, ChronoTick, i).time);
  if (set->unit != CHRONO_TICK_YEAR)
    {
      /* A coarser context row with at least the pinned label. */
      g_assert_cmpuint (set->context->len, >, 0);
      g_assert_cmpint (set->context_unit, >, set->unit);
      for (guint i = 0; i < set->context->len; i++)
        check_boundary (set->context_unit, set->context_step,
                        g_array_index (set->context, ChronoTick, i).time);
      /* Some context label is on screen: the one pinned to the left edge,
       * or the next one that pushes it out. */
      {
        gboolean visible = FALSE;

        for (guint i = 0; i < set->context->len; i++)
          {
            const ChronoTick *t = &g_array_index (set->context, ChronoTick, i);

            visible |= t->label[0] != '\0' && t->label_x >= 0 && t->label_x < width;
          }
        g_assert_true (visible);
      }
    }
  return set;
}

static gboolean
has_label (GArray     *ticks,
           const char *label)
{
  for (guint i = 0; i < ticks->len; i++)
    if (g_strcmp0 (g_array_index (ticks, ChronoTick, i).label, label) == 0)
      return TRUE;
  return FALSE;
}

/* Every scale from seconds to billions of years, at several places in time
 * and widths: rows never overlap and ticks sit on boundaries. */
static void
test_every_scale (void)
{
  static const double centers_years[] = { 2021.5, 1970.0, 1.0, -43.5, -9999.0, -2.5e6, -4.5e9 };
  static const double widths[] = { 240.0, 800.0, 1920.0 };
  ChronoTickUnit last_unit = CHRONO_TICK_SECOND;
  gint64 last_step = 0;

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    for (guint c = 0; c < G_N_ELEMENTS (centers_years); c++)
      {
        last_unit = CHRONO_TICK_SECOND;
        last_step = 0;
        for (double span = CHRONO_VIEWPORT_MIN_SPAN; span <= CHRONO_VIEWPORT_MAX_SPAN; span *= 1.7)
          {
            double center = (centers_years[c] - 1970.0) * YEAR;
            g_autoptr(ChronoTickSet) set = NULL;

            /* Doubles cannot place seconds billions of years away. */
            if (span < fabs (center) * 1e-12)
              continue;

            /* Near 0 AD a billion-year view is clamped by the viewport. */
            set = compute (center - span / 2, span, widths[w]);
            /* Coarser as the span grows. */
            g_assert_cmpint (set->unit, >=, last_unit);
            if (set->unit == last_unit && set->unit == CHRONO_TICK_YEAR)
              g_assert_cmpint (set->step, >=, last_step);
            last_unit = set->unit;
            last_step = set->step;
          }
      }
}

static void
test_months (void)
{
  /* Two years at 1600 px: month ticks on the 1st, the year above. */
  g_autoptr(ChronoTickSet) set = compute (time_of (2021, 3, 10), 730 * DAY, 1600);

  g_assert_cmpint (set->unit, ==, CHRONO_TICK_MONTH);
  g_assert_cmpint (set->context_unit, ==, CHRONO_TICK_YEAR);
  g_assert_true (has_label (set->ticks, "April") || has_label (set->ticks, "Apr"));
  g_assert_true (has_label (set->context, "2021"));
}

static void
test_days_and_hours (void)
{
  g_autoptr(ChronoTickSet) days = compute (time_of (2024, 3, 10), 30 * DAY, 1600);
  g_autoptr(ChronoTickSet) hours = compute (time_of (2024, 3, 25), DAY, 1600);
  g_autoptr(ChronoTickSet) seconds = compute (time_of (2024, 3, 25) + 3600 * 10, 60, 1600);

  g_assert_cmpint (days->unit, ==, CHRONO_TICK_DAY);
  g_assert_true (has_label (days->ticks, "Mon 25") || has_label (days->ticks, "25"));
  g_assert_true (has_label (days->context, "March 2024") || has_label (days->context, "Mar 2024"));

  g_assert_cmpint (hours->unit, ==, CHRONO_TICK_HOUR);
  g_assert_cmpint (hours->context_unit, ==, CHRONO_TICK_DAY);
  g_assert_true (has_label (hours->ticks, "12:00"));
  g_assert_true (has_label (hours->context, "Monday 25 March 2024")
                 || has_label (hours->context, "25 Mar 2024"));

  g_assert_cmpint (seconds->unit, ==, CHRONO_TICK_SECOND);
  g_assert_true (has_label (seconds->ticks, "10:00:30"));
}

static void
test_bc_years (void)
{
  /* 60 BC .. 30 BC: "44 BC" is astronomical year −43. */
  g_autoptr(ChronoTickSet) set = compute (time_of (-59, 1, 1), 30 * YEAR, 1600);
  g_autoptr(ChronoTickSet) wide = compute (time_of (-30000, 1, 1), 40000 * YEAR, 1600);
  g_autoptr(ChronoTickSet) deep = compute (time_of (-5000000, 1, 1), 5e6 * YEAR, 1600);
  g_autoptr(ChronoTickSet) across = compute (time_of (-300, 1, 1), 600 * YEAR, 1600);
  gboolean found = FALSE;

  g_assert_cmpint (set->unit, ==, CHRONO_TICK_YEAR);
  g_assert_cmpint (set->step, ==, 1);
  for (guint i = 0; i < set->ticks->len; i++)
    {
      const ChronoTick *t = &g_array_index (set->ticks, ChronoTick, i);

      if (g_strcmp0 (t->label, "44 BC") == 0)
        {
          g_assert_cmpfloat ((double) t->time, ==, time_of (-43, 1, 1));
          found = TRUE;
        }
    }
  g_assert_true (found);

  g_assert_true (has_label (wide->ticks, "10,000 BC"));
  g_assert_true (has_label (deep->ticks, "2.5 million years ago")
                 || has_label (deep->ticks, "3 million years ago"));
  /* Across the era boundary: BC ticks count back from 1 BC, AD ones up. */
  g_assert_true (has_label (across->ticks, "100 BC"));
  g_assert_true (has_label (across->ticks, "100"));
  g_assert_false (has_label (across->ticks, "0"));
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  context = chrono_renderer_create_pango_context ();

  g_test_add_func ("/ticks/every-scale", test_every_scale);
  g_test_add_func ("/ticks/months", test_months);
  g_test_add_func ("/ticks/days-and-hours", test_days_and_hours);
  g_test_add_func ("/ticks/bc-years", test_bc_years);

  ret = g_test_run ();
  g_object_unref (context);
  return ret;
}
