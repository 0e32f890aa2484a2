/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-event"

#include "config.h"

#include "chrono-event-private.h"
#include "chrono-timeline.h"

/* What an event's dates mean on the axis, from a start and an optional end
 * alone (no ChronoEvent involved): the span and ChronoSpanFlags that events,
 * eras and the timeline's compact records all compute the same way, and the
 * field-by-field date identity their setters use to notify only on change. */

gboolean
_chrono_date_identical (const ChronoDate *a,
                        const ChronoDate *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return chrono_date_equal (a, b);
}

void
_chrono_event_compute_span (const ChronoDate *start,
                            const ChronoDate *end,
                            ChronoTime       *lo,
                            ChronoTime       *hi,
                            guint8           *flags)
{
  ChronoTime slo = 0;
  ChronoTime shi = 0;
  guint8 f = 0;
  gboolean start_known;

  g_assert (start != NULL);

  start_known = start->kind == CHRONO_DATE_KIND_DATE;
  if (start_known)
    {
      chrono_date_get_span (start, &slo, &shi);

      if (start->precision < CHRONO_PRECISION_DAY ||
          start->year_unspecified || start->month_unspecified || start->day_unspecified)
        f |= CHRONO_SPAN_IMPRECISE;
    }

  if (end != NULL && end->kind == CHRONO_DATE_KIND_DATE)
    {
      ChronoTime elo, ehi;

      chrono_date_get_span (end, &elo, &ehi);
      if (start_known)
        {
          f |= CHRONO_SPAN_RANGE;
          /* An end before the start is bad data; never make hi < lo. */
          shi = MAX (shi, ehi);
        }
      else
        {
          /* "../2021" or "/2021": all we can place is the end. */
          slo = elo;
          shi = ehi;
        }
    }
  else if (end != NULL && end->kind == CHRONO_DATE_KIND_OPEN && start_known)
    {
      /* Ongoing: keep the start's extent, the renderer draws an arrow. */
      f |= CHRONO_SPAN_RANGE | CHRONO_SPAN_OPEN_END;
    }

  if ((start->qualifier & CHRONO_QUALIFIER_UNCERTAIN) ||
      (end != NULL && (end->qualifier & CHRONO_QUALIFIER_UNCERTAIN)))
    f |= CHRONO_SPAN_UNCERTAIN;
  if ((start->qualifier & CHRONO_QUALIFIER_APPROXIMATE) ||
      (end != NULL && (end->qualifier & CHRONO_QUALIFIER_APPROXIMATE)))
    f |= CHRONO_SPAN_APPROXIMATE;

  if (lo != NULL)
    *lo = slo;
  if (hi != NULL)
    *hi = shi;
  if (flags != NULL)
    *flags = f;
}
