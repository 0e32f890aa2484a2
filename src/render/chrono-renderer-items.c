/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-renderer"

#include "config.h"

#include <math.h>

#include "chrono-renderer-internal.h"
#include "chrono-renderer.h"

/* The events as drawn: the density histograms of zoomed-out views, hover
 * and selection highlights, bars (flat fills grouped by colour, faded ends,
 * start caps, dashed outlines of doubtful dates), point markers (fills or
 * cached sprites), labels, and the "+N" badges of folded events. */

static Rgba
event_color (Painter  *p,
             guint16   category)
{
  if (category < p->n_categories)
    return p->category_colors[category];
  return p->pal->default_event;
}

void
_chrono_renderer_draw_density (Painter *p)
{
  guint n;
  const ChronoLayoutDensity *density = _chrono_layout_get_density (p->layout, &n);

  for (guint i = 0; i < n; i++)
    {
      const ChronoLayoutDensity *d = &density[i];
      double h = d->y1 - d->y0;

      if (d->max_count == 0 || h <= 0)
        continue;
      _chrono_renderer_set_rgba_alpha (p->cr, &p->pal->accent, 0.22);
      for (guint b = 0; b < d->n_bins; b++)
        {
          double bh, x;

          if (d->counts[b] == 0)
            continue;
          /* At least a pixel, so that a lone event is not invisible; on the
           * pixel grid, so that cairo fills boxes instead of polygons. */
          bh = MAX (1.0, round (h * d->counts[b] / d->max_count * p->device_scale) / p->device_scale);
          x = _chrono_renderer_grid (p, d->x0 + b * d->bin_width);
          cairo_rectangle (p->cr, x, _chrono_renderer_grid (p, d->y1) - bh,
                           MAX (1.0 / p->device_scale,
                                _chrono_renderer_grid (p, d->x0 + (b + 1) * d->bin_width) - x
                                  - 1.0 / p->device_scale), bh);
        }
      cairo_fill (p->cr);
    }
}

static void
item_box (const ChronoLayoutItem *item,
          double                 *x0,
          double                 *x1)
{
  if (item->kind == CHRONO_ITEM_POINT)
    {
      /* The label may sit left of the marker near the right edge. */
      *x0 = MIN (item->label_x, item->x0 - CHRONO_POINT_RADIUS) - 3.0;
      *x1 = MAX (item->label_x + item->label_width, item->x0 + CHRONO_POINT_RADIUS) + 4.0;
    }
  else
    {
      *x0 = MIN (item->label_x, item->x0) - 3.0;
      *x1 = MAX (item->label_x + item->label_width, item->x1) + 4.0;
    }
}

static void
draw_highlight (Painter                *p,
                const ChronoLayoutItem *item,
                gboolean                selected)
{
  double x0, x1;

  item_box (item, &x0, &x1);
  x0 = _chrono_renderer_clamp_x (p->vp, x0);
  x1 = _chrono_renderer_clamp_x (p->vp, x1);
  _chrono_renderer_rounded_rect (p->cr, x0, item->y + 1.0, x1 - x0, item->height - 2.0, 5.0);
  if (selected)
    _chrono_renderer_set_rgba_alpha (p->cr, &p->pal->accent, 0.18);
  else
    _chrono_renderer_set_rgba_alpha (p->cr, &p->pal->text, 0.07);
  cairo_fill_preserve (p->cr);
  if (selected && p->style->focused)
    {
      _chrono_renderer_set_rgba (p->cr, &p->pal->accent);
      cairo_set_line_width (p->cr, 2.0);
      cairo_stroke (p->cr);
    }
  cairo_new_path (p->cr);
}

/* Items and their colour, grouped so that each colour is one fill. */
typedef struct {
  const ChronoLayoutItem *item;
  const ChronoSpan *span;
  guint colour;   /* category index, or n_categories for the default */
} Drawn;

static int
compare_drawn_colour (gconstpointer a,
                      gconstpointer b)
{
  const Drawn *da = a, *db = b;

  return (da->colour > db->colour) - (da->colour < db->colour);
}

static gboolean
is_doubtful (const ChronoLayoutItem *item)
{
  return (item->flags & (CHRONO_SPAN_UNCERTAIN | CHRONO_SPAN_APPROXIMATE)) != 0;
}

static void
bar_geometry (Painter                *p,
              const ChronoLayoutItem *item,
              double                 *x0,
              double                 *x1,
              double                 *y0,
              double                 *h)
{
  *x0 = _chrono_renderer_clamp_x (p->vp, item->x0);
  *x1 = _chrono_renderer_clamp_x (p->vp, MAX (item->x1, item->x0 + 2.0));
  *y0 = item->y + 3.0;
  *h = item->height - 6.0;
}

static double
bar_alpha (Painter                *p,
           const ChronoLayoutItem *item)
{
  return item->kind == CHRONO_ITEM_BAND ? p->pal->bar_alpha * 0.9 : p->pal->bar_alpha;
}

/* A soft end fades over a quarter of the bar, up to 24 px; below 3 px of
 * fade it would hardly show, and the bar is filled flat. */
static gboolean
bar_is_faded (const ChronoLayoutItem *item,
              const ChronoSpan       *span,
              double                  width)
{
  gboolean soft_start = item->kind == CHRONO_ITEM_BAND || (span->flags & CHRONO_SPAN_IMPRECISE);
  gboolean soft_end = soft_start || (span->flags & CHRONO_SPAN_OPEN_END);

  return (soft_start || soft_end) && width >= 12.0;
}

static void
draw_faded_bar (Painter                *p,
                const ChronoLayoutItem *item,
                const ChronoSpan       *span)
{
  Rgba c = event_color (p, span->category);
  gboolean soft_start = item->kind == CHRONO_ITEM_BAND || (span->flags & CHRONO_SPAN_IMPRECISE);
  gboolean soft_end = soft_start || (span->flags & CHRONO_SPAN_OPEN_END);
  double x0, x1, y0, h, w, fade, alpha = bar_alpha (p, item);
  cairo_pattern_t *pat;

  bar_geometry (p, item, &x0, &x1, &y0, &h);
  w = x1 - x0;
  fade = MIN (24.0, w / 4.0);
  pat = cairo_pattern_create_linear (x0, 0, x1, 0);
  cairo_pattern_add_color_stop_rgba (pat, 0, c.r, c.g, c.b, soft_start ? 0 : alpha);
  cairo_pattern_add_color_stop_rgba (pat, fade / w, c.r, c.g, c.b, alpha);
  cairo_pattern_add_color_stop_rgba (pat, 1 - fade / w, c.r, c.g, c.b, alpha);
  cairo_pattern_add_color_stop_rgba (pat, 1, c.r, c.g, c.b, soft_end ? 0 : alpha);
  cairo_set_source (p->cr, pat);
  _chrono_renderer_rounded_rect (p->cr, x0, y0, w, h, 3.0);
  cairo_fill (p->cr);
  cairo_pattern_destroy (pat);
}

/* Bars: flat ones one fill per colour and alpha, faded ones each with its
 * gradient; then the start caps of precise ranges, then dashed outlines of
 * doubtful ones. Bars never overlap (each sits in its own label box), so
 * the order between them does not show. */
static void
draw_bars (Painter     *p,
           const Drawn *drawn,
           guint        n)
{
  cairo_t *cr = p->cr;

  for (guint i = 0; i < n; i++)
    {
      double x0, x1, y0, h;

      bar_geometry (p, drawn[i].item, &x0, &x1, &y0, &h);
      if (bar_is_faded (drawn[i].item, drawn[i].span, x1 - x0))
        draw_faded_bar (p, drawn[i].item, drawn[i].span);
    }

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n;)
      {
        guint colour = drawn[i].colour;
        Rgba c = event_color (p, drawn[i].span->category);
        gboolean any = FALSE;
        double alpha = 0.0;

        for (; i < n && drawn[i].colour == colour; i++)
          {
            const ChronoLayoutItem *item = drawn[i].item;
            double x0, x1, y0, h;

            /* Pass 0 fills ranges, pass 1 bands: two alphas. */
            if ((item->kind == CHRONO_ITEM_BAND) != (pass == 1))
              continue;
            bar_geometry (p, item, &x0, &x1, &y0, &h);
            if (bar_is_faded (item, drawn[i].span, x1 - x0))
              continue;
            _chrono_renderer_rounded_rect (cr, x0, y0, x1 - x0, h, 3.0);
            alpha = bar_alpha (p, item);
            any = TRUE;
          }
        if (any)
          {
            _chrono_renderer_set_rgba_alpha (cr, &c, alpha);
            cairo_fill (cr);
          }
      }

  /* A solid start cap marks a precise start. */
  for (guint i = 0; i < n;)
    {
      guint colour = drawn[i].colour;
      Rgba c = event_color (p, drawn[i].span->category);
      gboolean any = FALSE;

      for (; i < n && drawn[i].colour == colour; i++)
        {
          const ChronoLayoutItem *item = drawn[i].item;
          double x0, x1, y0, h;

          if (item->kind != CHRONO_ITEM_RANGE || (drawn[i].span->flags & CHRONO_SPAN_IMPRECISE)
              || item->x0 < -4.0)
            continue;
          bar_geometry (p, item, &x0, &x1, &y0, &h);
          _chrono_renderer_rounded_rect (cr, x0, y0, MIN (3.0, x1 - x0), h, 1.0);
          any = TRUE;
        }
      if (any)
        {
          _chrono_renderer_set_rgba (cr, &c);
          cairo_fill (cr);
        }
    }

  for (guint i = 0; i < n; i++)
    {
      static const double dash[] = { 3.0, 2.0 };
      Rgba c = event_color (p, drawn[i].span->category);
      double x0, x1, y0, h;

      bar_geometry (p, drawn[i].item, &x0, &x1, &y0, &h);
      if (!is_doubtful (drawn[i].item) || x1 - x0 <= 12.0)
        continue;
      _chrono_renderer_set_rgba (cr, &c);
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      _chrono_renderer_rounded_rect (cr, x0 + 0.5, y0 + 0.5, x1 - x0 - 1.0, h - 1.0, 3.0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

static void
add_discs (cairo_t     *cr,
           const Drawn *drawn,
           guint        n,
           int          hollow,
           double       radius)
{
  for (guint i = 0; i < n; i++)
    {
      const ChronoLayoutItem *item = drawn[i].item;

      if (hollow >= 0 && is_doubtful (item) != (hollow != 0))
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, item->x0, item->y + item->height / 2.0, radius, 0, 2 * G_PI);
    }
}

/* Point markers: a dot ringed with the background, or a hollow ring for an
 * uncertain or approximate date. As fills (a stroke costs far more) by
 * colour, or as cached sprites on an image surface. */
static void
draw_markers (Painter     *p,
              const Drawn *drawn,
              guint        n)
{
  cairo_t *cr = p->cr;

  if (n == 0)
    return;

  if (p->sprites)
    {
      const double bg[4] = { p->pal->background.r, p->pal->background.g, p->pal->background.b,
                             p->pal->background.a };
      g_autofree double *device = g_new (double, 2 * (gsize) n);

      for (guint i = 0; i < n; i++)
        {
          device[2 * i] = drawn[i].item->x0;
          device[2 * i + 1] = drawn[i].item->y + drawn[i].item->height / 2.0;
          cairo_user_to_device (cr, &device[2 * i], &device[2 * i + 1]);
        }
      cairo_save (cr);
      cairo_identity_matrix (cr);
      for (guint i = 0; i < n; i++)
        {
          Rgba c = event_color (p, drawn[i].span->category);
          const double rgba[4] = { c.r, c.g, c.b, c.a };
          cairo_surface_t *sprite;
          int ox, oy;

          /* Markers start in view; far outside, device pixels overflow int. */
          if (fabs (device[2 * i]) > 1e6 || fabs (device[2 * i + 1]) > 1e6)
            continue;
          sprite = _chrono_render_cache_get_marker (p->cache, rgba, bg, is_doubtful (drawn[i].item),
                                                    p->device_scale, device[2 * i], device[2 * i + 1],
                                                    &ox, &oy);
          cairo_set_source_surface (cr, sprite, ox, oy);
          cairo_rectangle (cr, ox, oy, cairo_image_surface_get_width (sprite),
                           cairo_image_surface_get_height (sprite));
          cairo_fill (cr);
        }
      cairo_restore (cr);
      return;
    }

  /* Halos first, then the coloured discs, then the holes of hollow ones:
   * markers never overlap, so this paints what one at a time would. */
  add_discs (cr, drawn, n, 0, CHRONO_POINT_RADIUS + 0.75);
  _chrono_renderer_set_rgba (cr, &p->pal->background);
  cairo_fill (cr);
  for (guint i = 0; i < n;)
    {
      guint j = i;
      Rgba c = event_color (p, drawn[i].span->category);

      while (j < n && drawn[j].colour == drawn[i].colour)
        j++;
      add_discs (cr, drawn + i, j - i, 0, CHRONO_POINT_RADIUS - 0.75);
      add_discs (cr, drawn + i, j - i, 1, CHRONO_POINT_RADIUS + 0.9);
      _chrono_renderer_set_rgba (cr, &c);
      cairo_fill (cr);
      i = j;
    }
  add_discs (cr, drawn, n, 1, CHRONO_POINT_RADIUS - 0.9);
  _chrono_renderer_set_rgba (cr, &p->pal->background);
  cairo_fill (cr);
}

void
_chrono_renderer_draw_items (Painter *p)
{
  guint n_items = 0, n_spans = 0;
  const ChronoLayoutItem *items = chrono_layout_get_items (p->layout, &n_items);
  const ChronoSpan *spans = chrono_timeline_get_spans (p->timeline, &n_spans);
  g_autoptr(GArray) bars = g_array_new (FALSE, FALSE, sizeof (Drawn));
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (Drawn));
  double text_h = _chrono_renderer_text_height (p, CHRONO_FONT_LABEL);

  for (guint i = 0; i < n_items; i++)
    {
      Drawn d = { &items[i], NULL, 0 };

      if (items[i].position >= n_spans)
        continue;
      d.span = &spans[items[i].position];
      d.colour = MIN (d.span->category, p->n_categories);
      if (p->style->selected == items[i].position)
        draw_highlight (p, &items[i], TRUE);
      else if (p->style->hovered == items[i].position)
        draw_highlight (p, &items[i], FALSE);
      g_array_append_val (items[i].kind == CHRONO_ITEM_POINT ? points : bars, d);
    }
  g_array_sort (bars, compare_drawn_colour);
  g_array_sort (points, compare_drawn_colour);

  cairo_new_path (p->cr);
  draw_bars (p, (const Drawn *) bars->data, bars->len);
  draw_markers (p, (const Drawn *) points->data, points->len);

  for (guint i = 0; i < n_items; i++)
    {
      const ChronoLayoutItem *item = &items[i];

      if (item->position >= n_spans)
        continue;
      g_string_truncate (p->scratch, 0);
      _chrono_layout_append_label (p->layout, item->position, p->scratch);
      /* A little slack: the widget may measure with other font options. */
      _chrono_renderer_queue_text (p, CHRONO_FONT_LABEL, p->scratch->str, item->label_x,
                                   item->y + item->height / 2.0 - text_h / 2.0,
                                   item->label_width + 2.0, &p->pal->text);
    }
  _chrono_renderer_flush_text (p);
}

void
_chrono_renderer_draw_clusters (Painter *p)
{
  guint n;
  const ChronoLayoutCluster *clusters = chrono_layout_get_clusters (p->layout, &n);
  double text_h = _chrono_renderer_text_height (p, CHRONO_FONT_SMALL);

  if (n == 0)
    return;

  if (p->sprites)
    {
      const Rgba *f = &p->pal->cluster_fill, *b = &p->pal->cluster_border;
      const double fill[4] = { f->r, f->g, f->b, f->a }, border[4] = { b->r, b->g, b->b, b->a };
      g_autofree double *device = g_new (double, 2 * (gsize) n);

      for (guint i = 0; i < n; i++)
        {
          device[2 * i] = clusters[i].x;
          device[2 * i + 1] = clusters[i].y;
          cairo_user_to_device (p->cr, &device[2 * i], &device[2 * i + 1]);
        }
      cairo_save (p->cr);
      cairo_identity_matrix (p->cr);
      for (guint i = 0; i < n; i++)
        {
          cairo_surface_t *sprite;
          int ox, oy;

          if (fabs (device[2 * i]) > 1e6 || fabs (device[2 * i + 1]) > 1e6)
            continue;
          sprite = _chrono_render_cache_get_badge (p->cache, fill, border, clusters[i].width,
                                                   clusters[i].height, p->device_scale,
                                                   device[2 * i], device[2 * i + 1], &ox, &oy);
          cairo_set_source_surface (p->cr, sprite, ox, oy);
          cairo_rectangle (p->cr, ox, oy, cairo_image_surface_get_width (sprite),
                           cairo_image_surface_get_height (sprite));
          cairo_fill (p->cr);
        }
      cairo_restore (p->cr);
    }
  else
    {
      /* One fill and one stroke for all badges. */
      cairo_new_path (p->cr);
      for (guint i = 0; i < n; i++)
        {
          const ChronoLayoutCluster *c = &clusters[i];

          _chrono_renderer_rounded_rect (p->cr, c->x + 0.5, c->y + 0.5, c->width - 1.0,
                                         c->height - 1.0, c->height / 2.0);
        }
      _chrono_renderer_set_rgba (p->cr, &p->pal->cluster_fill);
      cairo_fill_preserve (p->cr);
      _chrono_renderer_set_rgba (p->cr, &p->pal->cluster_border);
      cairo_set_line_width (p->cr, 1.0);
      cairo_stroke (p->cr);
    }

  for (guint i = 0; i < n; i++)
    {
      const ChronoLayoutCluster *c = &clusters[i];
      char text[32];

      g_snprintf (text, sizeof text, "+%u", c->count);
      _chrono_renderer_queue_text (p, CHRONO_FONT_SMALL, text, c->x + 8.0,
                                   c->y + (c->height - text_h) / 2.0, 0, &p->pal->muted);
    }
  _chrono_renderer_flush_text (p);
}
