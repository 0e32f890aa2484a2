/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <math.h>

#include "chrono-render-private.h"

G_BEGIN_DECLS

/* Painting, shared by chrono-renderer.c (palettes, text, the frame) and its
 * parts: chrono-renderer-axis.c (axis, grid, eras, lanes, today),
 * chrono-renderer-items.c (events, badges, histograms) and
 * chrono-renderer-chrome.c (an export's title and legend). */
typedef struct {
  double r, g, b, a;
} Rgba;

typedef struct {
  Rgba background;
  Rgba axis_background;
  Rgba text;
  Rgba muted;
  Rgba grid;
  Rgba grid_strong;
  Rgba axis_line;
  Rgba accent;
  Rgba today;
  Rgba cluster_fill;
  Rgba cluster_border;
  Rgba lane_tint;
  Rgba default_event;
  double bar_alpha;
  double era_alpha;
} Palette;

extern const Palette _chrono_renderer_light_palette;
extern const Palette _chrono_renderer_dark_palette;

typedef struct {
  cairo_t *cr;
  const Palette *pal;
  const ChronoRenderStyle *style;
  ChronoLayout *layout;
  ChronoTimeline *timeline;
  const ChronoViewport *vp;
  PangoContext *context;
  PangoLayout *text;   /* the layout of the last font used */
  /* One layout per font for the whole frame: changing a layout's font
   * throws away its caches. */
  const char *fonts[8];
  PangoLayout *font_layouts[8];
  double font_heights[8];
  Rgba *category_colors;
  guint n_categories;
  double device_scale;
  GString *scratch;
  GString *display;    /* text mapped for display */
  /* Raster targets take cached glyphs (image and recording surfaces) and
   * marker sprites (image surfaces with an axis-aligned transform); vector
   * exports keep Pango's text, which stays selectable in a PDF. */
  ChronoRenderCache *cache;
  ChronoTextBatch *batch;
  gboolean sprites;
} Painter;

static inline void
_chrono_renderer_set_rgba (cairo_t    *cr,
                           const Rgba *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

static inline void
_chrono_renderer_set_rgba_alpha (cairo_t    *cr,
                                 const Rgba *c,
                                 double      alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

/* Brightens a colour for the dark palette so it keeps its contrast. */
static inline Rgba
_chrono_renderer_adapt_color (const Palette *pal,
                              Rgba           c)
{
  if (pal == &_chrono_renderer_dark_palette)
    {
      c.r = c.r + (1.0 - c.r) * 0.25;
      c.g = c.g + (1.0 - c.g) * 0.25;
      c.b = c.b + (1.0 - c.b) * 0.25;
    }
  return c;
}

/* Coordinates of hairlines snapped to the device pixel grid. */
static inline double
_chrono_renderer_snap (Painter *p,
                       double   v)
{
  double s = p->device_scale;

  return (floor (v * s) + 0.5) / s;
}

/* Rounded to the device pixel grid. */
static inline double
_chrono_renderer_grid (Painter *p,
                       double   v)
{
  return round (v * p->device_scale) / p->device_scale;
}

static inline double
_chrono_renderer_clamp_x (const ChronoViewport *vp,
                          double                x)
{
  /* Cairo's fixed-point coordinates overflow far outside the surface. */
  return CLAMP (x, -64.0, vp->width + 64.0);
}

static inline void
_chrono_renderer_rounded_rect (cairo_t *cr,
                               double   x,
                               double   y,
                               double   w,
                               double   h,
                               double   r)
{
  r = MIN (r, MIN (w, h) / 2.0);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

PangoLayout *_chrono_renderer_use_font    (Painter    *p,
                                           const char *font);
void         _chrono_renderer_queue_text  (Painter    *p,
                                           const char *font,
                                           const char *text,
                                           double      x,
                                           double      y,
                                           double      max_width,
                                           const Rgba *color);
void         _chrono_renderer_flush_text  (Painter    *p);
void         _chrono_renderer_show_text   (Painter    *p,
                                           const char *font,
                                           const char *text,
                                           double      x,
                                           double      y,
                                           double      max_width,
                                           const Rgba *color);
double       _chrono_renderer_text_height (Painter    *p,
                                           const char *font);

void         _chrono_renderer_draw_eras     (Painter *p);
void         _chrono_renderer_draw_grid     (Painter *p);
void         _chrono_renderer_draw_lanes    (Painter *p);
void         _chrono_renderer_draw_today    (Painter *p);
void         _chrono_renderer_draw_axis     (Painter *p);
void         _chrono_renderer_draw_density  (Painter *p);
void         _chrono_renderer_draw_items    (Painter *p);
void         _chrono_renderer_draw_clusters (Painter *p);
void         _chrono_renderer_draw_title    (Painter *p,
                                             double   height);
void         _chrono_renderer_draw_legend   (Painter *p,
                                             double   top);

G_END_DECLS
