/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-viewport"

#include "config.h"

#include <math.h>

#include "chrono-viewport.h"

/* Keep the view inside ±(a little more than the widest span) so that every
 * visible time still fits a ChronoTime without overflow. */
#define TIME_LIMIT (1.2 * CHRONO_VIEWPORT_MAX_SPAN)

double
chrono_viewport_time_to_x (const ChronoViewport *vp,
                           double                time)
{
  g_return_val_if_fail (vp != NULL, 0.0);

  if (!(vp->end > vp->start))
    return 0.0;
  return (time - vp->start) / (vp->end - vp->start) * vp->width;
}

double
chrono_viewport_x_to_time (const ChronoViewport *vp,
                           double                x)
{
  g_return_val_if_fail (vp != NULL, 0.0);

  if (!(vp->width > 0.0))
    return vp->start;
  return vp->start + x / vp->width * (vp->end - vp->start);
}

void
chrono_viewport_zoom (ChronoViewport *vp,
                      double          factor,
                      double          anchor_x)
{
  double anchor_time;
  double span;
  double fraction;

  g_return_if_fail (vp != NULL);
  g_return_if_fail (factor > 0.0);

  anchor_time = chrono_viewport_x_to_time (vp, anchor_x);
  fraction = vp->width > 0.0 ? anchor_x / vp->width : 0.5;
  span = (vp->end - vp->start) / factor;
  span = CLAMP (span, CHRONO_VIEWPORT_MIN_SPAN, CHRONO_VIEWPORT_MAX_SPAN);

  vp->start = anchor_time - fraction * span;
  vp->end = vp->start + span;
  chrono_viewport_clamp (vp);
}

void
chrono_viewport_pan (ChronoViewport *vp,
                     double          dx)
{
  double shift;

  g_return_if_fail (vp != NULL);

  if (!(vp->width > 0.0))
    return;
  shift = dx / vp->width * (vp->end - vp->start);
  vp->start += shift;
  vp->end += shift;
  chrono_viewport_clamp (vp);
}

/* The pads, smaller on a narrow view so they never take more than a
 * quarter of it. */
static void
fit_pads (double  width,
          double *start,
          double *end)
{
  double total = CHRONO_VIEWPORT_FIT_PAD_START + CHRONO_VIEWPORT_FIT_PAD_END;
  double scale = width > 0.0 ? MIN (1.0, width / 4.0 / total) : 0.0;

  *start = CHRONO_VIEWPORT_FIT_PAD_START * scale;
  *end = CHRONO_VIEWPORT_FIT_PAD_END * scale;
}

void
chrono_viewport_fit (ChronoViewport *vp,
                     ChronoTime      lo,
                     ChronoTime      hi,
                     double          margin)
{
  double a = (double) lo;
  double b = (double) hi;
  double span;
  double pad_start, pad_end, frac, total;

  g_return_if_fail (vp != NULL);

  if (b < a)
    {
      double t = a;
      a = b;
      b = t;
    }
  margin = CLAMP (margin, 0.0, 1.0);
  span = b - a;
  if (span < CHRONO_VIEWPORT_MIN_SPAN)
    {
      double mid = a + span / 2.0;

      span = CHRONO_VIEWPORT_MIN_SPAN;
      a = mid - span / 2.0;
      b = mid + span / 2.0;
    }
  fit_pads (vp->width, &pad_start, &pad_end);
  frac = span * margin;
  total = span + 2 * frac;
  if (vp->width > 0.0)
    {
      double ps = pad_start / vp->width, pe = pad_end / vp->width;

      /* Each margin is the larger of the fraction and its pad, a share of
       * the total T = span + before + after: T is the largest of the fixed
       * points of the four ways to combine them. */
      total = MAX (total, (span + frac) / (1.0 - ps));
      total = MAX (total, (span + frac) / (1.0 - pe));
      total = MAX (total, span / (1.0 - ps - pe));
    }
  vp->start = a - MAX (frac, pad_start * total / MAX (vp->width, 1.0));
  vp->end = b + MAX (frac, pad_end * total / MAX (vp->width, 1.0));
  chrono_viewport_clamp (vp);
}

void
chrono_viewport_clamp (ChronoViewport *vp)
{
  double span;
  double mid;

  g_return_if_fail (vp != NULL);

  if (!isfinite (vp->start) || !isfinite (vp->end))
    {
      vp->start = 0.0;
      vp->end = 365.2425 * 86400.0;
    }

  span = vp->end - vp->start;
  mid = vp->start + span / 2.0;
  if (!(span >= CHRONO_VIEWPORT_MIN_SPAN))
    span = CHRONO_VIEWPORT_MIN_SPAN;
  else if (span > CHRONO_VIEWPORT_MAX_SPAN)
    span = CHRONO_VIEWPORT_MAX_SPAN;

  if (mid - span / 2.0 < -TIME_LIMIT)
    mid = -TIME_LIMIT + span / 2.0;
  if (mid + span / 2.0 > TIME_LIMIT)
    mid = TIME_LIMIT - span / 2.0;

  vp->start = mid - span / 2.0;
  vp->end = mid + span / 2.0;
  /* Half-span rounding can shrink a minimal span by an ulp; keep end > start. */
  if (!(vp->end > vp->start))
    vp->end = vp->start + CHRONO_VIEWPORT_MIN_SPAN;
}
