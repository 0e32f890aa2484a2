/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-renderer"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "chrono-renderer-internal.h"
#include "chrono-renderer.h"

/* What the renderer draws around the events: era bands and their names,
 * the grid of tick lines, lane stripes and names, the today marker and the
 * time axis with its two rows of tick labels. */

static gboolean
parse_hex_color (const char *text,
                 Rgba       *out)
{
  guint v = 0;

  if (text == NULL || text[0] != '#' || strlen (text) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    {
      int d = g_ascii_xdigit_value (text[i]);

      if (d < 0)
        return FALSE;
      v = v * 16 + (guint) d;
    }
  out->r = ((v >> 16) & 0xff) / 255.0;
  out->g = ((v >> 8) & 0xff) / 255.0;
  out->b = (v & 0xff) / 255.0;
  out->a = 1.0;
  return TRUE;
}

void
_chrono_renderer_draw_eras (Painter *p)
{
  guint n_eras;
  const ChronoLayoutEra *eras = chrono_layout_get_eras (p->layout, &n_eras);
  GListModel *model = chrono_timeline_get_eras (p->timeline);
  double top = CHRONO_AXIS_HEIGHT;
  double bottom = p->vp->height;

  for (guint i = 0; i < n_eras; i++)
    {
      g_autoptr(ChronoEra) era = g_list_model_get_item (model, eras[i].index);
      Rgba c = p->pal->muted;
      double x0 = _chrono_renderer_clamp_x (p->vp, eras[i].x0);
      double x1 = _chrono_renderer_clamp_x (p->vp, eras[i].x1);
      const char *title;
      double label_x;

      if (era == NULL)
        continue;
      parse_hex_color (chrono_era_get_color (era), &c);
      c = _chrono_renderer_adapt_color (p->pal, c);

      _chrono_renderer_set_rgba_alpha (p->cr, &c, p->pal->era_alpha);
      cairo_rectangle (p->cr, x0, top, x1 - x0, bottom - top);
      cairo_fill (p->cr);

      _chrono_renderer_set_rgba_alpha (p->cr, &c, 0.45);
      cairo_set_line_width (p->cr, 1.0 / p->device_scale);
      if (eras[i].x0 >= 0)
        {
          cairo_move_to (p->cr, _chrono_renderer_snap (p, x0), top);
          cairo_line_to (p->cr, _chrono_renderer_snap (p, x0), bottom);
        }
      if (eras[i].x1 <= p->vp->width)
        {
          cairo_move_to (p->cr, _chrono_renderer_snap (p, x1), top);
          cairo_line_to (p->cr, _chrono_renderer_snap (p, x1), bottom);
        }
      cairo_stroke (p->cr);

      title = chrono_era_get_title (era);
      if (title == NULL || !_chrono_layout_has_era_strip (p->layout))
        continue;
      label_x = MAX (x0, 0.0) + 6.0;
      if (x1 - label_x - 6.0 > 24.0)
        {
          Rgba tc = p->pal->text;

          /* Era names in their own hue, mixed toward the text for contrast. */
          tc.r = (tc.r + c.r) / 2, tc.g = (tc.g + c.g) / 2, tc.b = (tc.b + c.b) / 2;
          _chrono_renderer_show_text (p, CHRONO_FONT_SMALL, title, label_x, top + 3.0,
                                      x1 - label_x - 6.0, &tc);
        }
    }
}

void
_chrono_renderer_draw_grid (Painter *p)
{
  const ChronoTickSet *ticks = chrono_layout_get_ticks (p->layout);
  double top = CHRONO_AXIS_HEIGHT;

  cairo_set_line_width (p->cr, 1.0 / p->device_scale);
  _chrono_renderer_set_rgba (p->cr, &p->pal->grid);
  for (guint i = 0; i < ticks->ticks->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->ticks, ChronoTick, i);

      if (t->x < 0 || t->x > p->vp->width)
        continue;
      cairo_move_to (p->cr, _chrono_renderer_snap (p, t->x), top);
      cairo_line_to (p->cr, _chrono_renderer_snap (p, t->x), p->vp->height);
    }
  cairo_stroke (p->cr);

  _chrono_renderer_set_rgba (p->cr, &p->pal->grid_strong);
  for (guint i = 0; i < ticks->context->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->context, ChronoTick, i);

      if (t->x < 0 || t->x > p->vp->width)
        continue;
      cairo_move_to (p->cr, _chrono_renderer_snap (p, t->x), top);
      cairo_line_to (p->cr, _chrono_renderer_snap (p, t->x), p->vp->height);
    }
  cairo_stroke (p->cr);
}

void
_chrono_renderer_draw_lanes (Painter *p)
{
  guint n_lanes;
  const ChronoLayoutLane *lanes = chrono_layout_get_lanes_layout (p->layout, &n_lanes);

  for (guint i = 0; i < n_lanes; i++)
    {
      if (i % 2 == 1)
        {
          _chrono_renderer_set_rgba (p->cr, &p->pal->lane_tint);
          cairo_rectangle (p->cr, 0, lanes[i].y0, p->vp->width, lanes[i].y1 - lanes[i].y0);
          cairo_fill (p->cr);
        }
      if (i > 0)
        {
          _chrono_renderer_set_rgba (p->cr, &p->pal->grid_strong);
          cairo_set_line_width (p->cr, 1.0 / p->device_scale);
          cairo_move_to (p->cr, 0, _chrono_renderer_snap (p, lanes[i].y0));
          cairo_line_to (p->cr, p->vp->width, _chrono_renderer_snap (p, lanes[i].y0));
          cairo_stroke (p->cr);
        }
      _chrono_renderer_show_text (p, CHRONO_FONT_SMALL, lanes[i].name, 8.0, lanes[i].y0 + 4.0,
                                  p->vp->width - 16.0, &p->pal->muted);
    }
}

void
_chrono_renderer_draw_today (Painter *p)
{
  double x;
  double w;

  if (p->style->today == CHRONO_TIME_MIN)
    return;
  x = chrono_viewport_time_to_x (p->vp, (double) p->style->today);
  if (x < 0 || x > p->vp->width)
    return;

  _chrono_renderer_set_rgba (p->cr, &p->pal->today);
  cairo_set_line_width (p->cr, 1.5);
  cairo_move_to (p->cr, x, CHRONO_AXIS_HEIGHT);
  cairo_line_to (p->cr, x, p->vp->height);
  cairo_stroke (p->cr);

  /* A small tab on the axis: "Today". */
  _chrono_renderer_use_font (p, CHRONO_FONT_SMALL);
  pango_layout_set_width (p->text, -1);
  pango_layout_set_ellipsize (p->text, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_text (p->text, _("Today"), -1);
  {
    int tw, th;

    pango_layout_get_pixel_size (p->text, &tw, &th);
    w = tw + 10.0;
    _chrono_renderer_rounded_rect (p->cr, x - w / 2, CHRONO_AXIS_HEIGHT - th - 4.0, w, th + 4.0,
                                   3.0);
    _chrono_renderer_set_rgba (p->cr, &p->pal->today);
    cairo_fill (p->cr);
    _chrono_renderer_set_rgba (p->cr, &p->pal->background);
    cairo_move_to (p->cr, x - tw / 2.0, CHRONO_AXIS_HEIGHT - th - 2.0);
    pango_cairo_show_layout (p->cr, p->text);
    cairo_new_path (p->cr);
  }
}

void
_chrono_renderer_draw_axis (Painter *p)
{
  const ChronoTickSet *ticks = chrono_layout_get_ticks (p->layout);
  double base = CHRONO_AXIS_HEIGHT;

  if (!p->style->transparent)
    {
      _chrono_renderer_set_rgba (p->cr, &p->pal->axis_background);
      cairo_rectangle (p->cr, 0, 0, p->vp->width, base);
      cairo_fill (p->cr);
    }

  cairo_set_line_width (p->cr, 1.0 / p->device_scale);
  _chrono_renderer_set_rgba (p->cr, &p->pal->axis_line);
  cairo_move_to (p->cr, 0, _chrono_renderer_snap (p, base));
  cairo_line_to (p->cr, p->vp->width, _chrono_renderer_snap (p, base));
  for (guint i = 0; i < ticks->ticks->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->ticks, ChronoTick, i);

      cairo_move_to (p->cr, _chrono_renderer_snap (p, t->x), base - 6.0);
      cairo_line_to (p->cr, _chrono_renderer_snap (p, t->x), base);
    }
  for (guint i = 0; i < ticks->context->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->context, ChronoTick, i);

      cairo_move_to (p->cr, _chrono_renderer_snap (p, t->x), 0);
      cairo_line_to (p->cr, _chrono_renderer_snap (p, t->x), base);
    }
  cairo_stroke (p->cr);

  for (guint i = 0; i < ticks->context->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->context, ChronoTick, i);

      if (t->label[0] == '\0' || t->label_x > p->vp->width || t->label_x + t->label_width < 0)
        continue;
      _chrono_renderer_queue_text (p, CHRONO_FONT_CONTEXT, t->label, t->label_x,
                                   CHRONO_AXIS_CONTEXT_Y, 0, &p->pal->text);
    }
  for (guint i = 0; i < ticks->ticks->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->ticks, ChronoTick, i);

      /* A label cut by the left edge reads as a different one. */
      if (t->label[0] == '\0' || t->label_x < 0 || t->label_x > p->vp->width)
        continue;
      _chrono_renderer_queue_text (p, CHRONO_FONT_TICK, t->label, t->label_x, CHRONO_AXIS_TICK_Y, 0,
                                   &p->pal->muted);
    }
  _chrono_renderer_flush_text (p);
}
