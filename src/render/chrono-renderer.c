/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-renderer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "chrono-render-private.h"
#include "chrono-renderer.h"

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

/* Light and dark palettes after the GNOME palette; text contrast is above
 * 7:1 on both backgrounds. */
static const Palette light_palette = {
  .background = { 1.0, 1.0, 1.0, 1.0 },
  .axis_background = { 0.965, 0.965, 0.972, 1.0 },
  .text = { 0.114, 0.122, 0.141, 1.0 },
  .muted = { 0.36, 0.38, 0.42, 1.0 },
  .grid = { 0.0, 0.0, 0.0, 0.07 },
  .grid_strong = { 0.0, 0.0, 0.0, 0.17 },
  .axis_line = { 0.0, 0.0, 0.0, 0.28 },
  .accent = { 0.110, 0.443, 0.847, 1.0 },
  .today = { 0.753, 0.110, 0.157, 1.0 },
  .cluster_fill = { 0.0, 0.0, 0.0, 0.06 },
  .cluster_border = { 0.0, 0.0, 0.0, 0.25 },
  .lane_tint = { 0.0, 0.0, 0.0, 0.022 },
  .default_event = { 0.42, 0.49, 0.60, 1.0 },
  .bar_alpha = 0.20,
  .era_alpha = 0.08,
};

static const Palette dark_palette = {
  .background = { 0.118, 0.118, 0.133, 1.0 },
  .axis_background = { 0.155, 0.157, 0.176, 1.0 },
  .text = { 0.925, 0.933, 0.949, 1.0 },
  .muted = { 0.66, 0.68, 0.72, 1.0 },
  .grid = { 1.0, 1.0, 1.0, 0.07 },
  .grid_strong = { 1.0, 1.0, 1.0, 0.17 },
  .axis_line = { 1.0, 1.0, 1.0, 0.28 },
  .accent = { 0.471, 0.682, 0.929, 1.0 },
  .today = { 1.0, 0.482, 0.388, 1.0 },
  .cluster_fill = { 1.0, 1.0, 1.0, 0.08 },
  .cluster_border = { 1.0, 1.0, 1.0, 0.28 },
  .lane_tint = { 1.0, 1.0, 1.0, 0.03 },
  .default_event = { 0.60, 0.66, 0.75, 1.0 },
  .bar_alpha = 0.30,
  .era_alpha = 0.12,
};

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

#define TITLE_PAD_X 24.0
#define LEGEND_LINE 22.0
#define LEGEND_PAD 12.0

/* Helpers ------------------------------------------------------------------ */

static void
set_rgba (cairo_t    *cr,
          const Rgba *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

static void
set_rgba_alpha (cairo_t    *cr,
                const Rgba *c,
                double      alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

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

/* Brightens a colour for the dark palette so it keeps its contrast. */
static Rgba
adapt_color (const Palette *pal,
             Rgba           c)
{
  if (pal == &dark_palette)
    {
      c.r = c.r + (1.0 - c.r) * 0.25;
      c.g = c.g + (1.0 - c.g) * 0.25;
      c.b = c.b + (1.0 - c.b) * 0.25;
    }
  return c;
}

/* Coordinates of hairlines snapped to the device pixel grid. */
static double
snap (Painter *p,
      double   v)
{
  double s = p->device_scale;

  return (floor (v * s) + 0.5) / s;
}

/* Rounded to the device pixel grid. */
static double
grid (Painter *p,
      double   v)
{
  return round (v * p->device_scale) / p->device_scale;
}

static double
clamp_x (const ChronoViewport *vp,
         double                x)
{
  /* Cairo's fixed-point coordinates overflow far outside the surface. */
  return CLAMP (x, -64.0, vp->width + 64.0);
}

static void
rounded_rect (cairo_t *cr,
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

static void
set_font (PangoLayout *layout,
          const char  *font)
{
  PangoFontDescription *desc = _chrono_font (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
}

static PangoLayout *
use_font (Painter    *p,
          const char *font)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (p->fonts) && p->fonts[i] != NULL; i++)
    if (p->fonts[i] == font || strcmp (p->fonts[i], font) == 0)
      break;
  g_assert (i < G_N_ELEMENTS (p->fonts));
  if (p->fonts[i] == NULL)
    {
      int h = 0;

      p->fonts[i] = font;
      p->font_layouts[i] = pango_layout_new (p->context);
      set_font (p->font_layouts[i], font);
      pango_layout_set_single_paragraph_mode (p->font_layouts[i], TRUE);
      pango_layout_set_text (p->font_layouts[i], "Ag", -1);
      pango_layout_get_pixel_size (p->font_layouts[i], NULL, &h);
      p->font_heights[i] = h;
    }
  p->text = p->font_layouts[i];
  return p->text;
}

/* Plain text, never markup: titles come from files. With a batch the text
 * is only queued: flush_text() draws everything queued so far. */
static void
queue_text (Painter    *p,
            const char *font,
            const char *text,
            double      x,
            double      y,
            double      max_width,
            const Rgba *color)
{
  /* On one line, as it was measured. */
  if (!_chrono_is_display_text (text))
    {
      g_string_truncate (p->display, 0);
      _chrono_append_display_text (p->display, text);
      text = p->display->str;
    }

  if (p->batch != NULL)
    {
      const ChronoShapedText *shaped = _chrono_render_cache_shape (p->cache, font, text, max_width);
      const double rgba[4] = { color->r, color->g, color->b, color->a };

      _chrono_text_batch_add (p->batch, shaped, x, y, rgba);
      return;
    }

  use_font (p, font);
  pango_layout_set_text (p->text, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (p->text, (int) ceil (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (p->text, PANGO_ELLIPSIZE_END);
    }
  else
    {
      pango_layout_set_width (p->text, -1);
      pango_layout_set_ellipsize (p->text, PANGO_ELLIPSIZE_NONE);
    }
  set_rgba (p->cr, color);
  cairo_move_to (p->cr, x, y);
  pango_cairo_show_layout (p->cr, p->text);
  /* Leave no current point behind, or the next arc would start with a line. */
  cairo_new_path (p->cr);
}

static void
flush_text (Painter *p)
{
  if (p->batch != NULL)
    _chrono_text_batch_flush (p->batch, p->cr, p->cache, p->sprites ? p->device_scale : 0.0);
}

static void
show_text (Painter    *p,
           const char *font,
           const char *text,
           double      x,
           double      y,
           double      max_width,
           const Rgba *color)
{
  queue_text (p, font, text, x, y, max_width, color);
  flush_text (p);
}

static double
text_height (Painter    *p,
             const char *font)
{
  /* Fonts of a new context load slowly: ask the cache's context. */
  if (p->cache != NULL)
    return _chrono_shaped_text_get_pixel_height (_chrono_render_cache_shape (p->cache, font, "Ag", 0));
  use_font (p, font);
  for (guint i = 0; i < G_N_ELEMENTS (p->fonts); i++)
    if (p->font_layouts[i] == p->text)
      return p->font_heights[i];
  g_assert_not_reached ();
  return 0.0;
}

static Rgba
event_color (Painter  *p,
             guint16   category)
{
  if (category < p->n_categories)
    return p->category_colors[category];
  return p->pal->default_event;
}

static void
load_category_colors (Painter *p)
{
  GListModel *categories = chrono_timeline_get_categories (p->timeline);

  p->n_categories = g_list_model_get_n_items (categories);
  p->category_colors = g_new (Rgba, MAX (p->n_categories, 1));
  for (guint i = 0; i < p->n_categories; i++)
    {
      g_autoptr(ChronoCategory) category = g_list_model_get_item (categories, i);
      Rgba c = p->pal->default_event;

      if (category != NULL && chrono_category_get_rgb (category, &c.r, &c.g, &c.b))
        c.a = 1.0;
      else
        c = p->pal->default_event;
      p->category_colors[i] = adapt_color (p->pal, c);
    }
}

/* Parts -------------------------------------------------------------------- */

static void
draw_eras (Painter *p)
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
      double x0 = clamp_x (p->vp, eras[i].x0);
      double x1 = clamp_x (p->vp, eras[i].x1);
      const char *title;
      double label_x;

      if (era == NULL)
        continue;
      parse_hex_color (chrono_era_get_color (era), &c);
      c = adapt_color (p->pal, c);

      set_rgba_alpha (p->cr, &c, p->pal->era_alpha);
      cairo_rectangle (p->cr, x0, top, x1 - x0, bottom - top);
      cairo_fill (p->cr);

      set_rgba_alpha (p->cr, &c, 0.45);
      cairo_set_line_width (p->cr, 1.0 / p->device_scale);
      if (eras[i].x0 >= 0)
        {
          cairo_move_to (p->cr, snap (p, x0), top);
          cairo_line_to (p->cr, snap (p, x0), bottom);
        }
      if (eras[i].x1 <= p->vp->width)
        {
          cairo_move_to (p->cr, snap (p, x1), top);
          cairo_line_to (p->cr, snap (p, x1), bottom);
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
          show_text (p, CHRONO_FONT_SMALL, title, label_x, top + 3.0, x1 - label_x - 6.0, &tc);
        }
    }
}

static void
draw_grid (Painter *p)
{
  const ChronoTickSet *ticks = chrono_layout_get_ticks (p->layout);
  double top = CHRONO_AXIS_HEIGHT;

  cairo_set_line_width (p->cr, 1.0 / p->device_scale);
  set_rgba (p->cr, &p->pal->grid);
  for (guint i = 0; i < ticks->ticks->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->ticks, ChronoTick, i);

      if (t->x < 0 || t->x > p->vp->width)
        continue;
      cairo_move_to (p->cr, snap (p, t->x), top);
      cairo_line_to (p->cr, snap (p, t->x), p->vp->height);
    }
  cairo_stroke (p->cr);

  set_rgba (p->cr, &p->pal->grid_strong);
  for (guint i = 0; i < ticks->context->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->context, ChronoTick, i);

      if (t->x < 0 || t->x > p->vp->width)
        continue;
      cairo_move_to (p->cr, snap (p, t->x), top);
      cairo_line_to (p->cr, snap (p, t->x), p->vp->height);
    }
  cairo_stroke (p->cr);
}

static void
draw_lanes (Painter *p)
{
  guint n_lanes;
  const ChronoLayoutLane *lanes = chrono_layout_get_lanes_layout (p->layout, &n_lanes);

  for (guint i = 0; i < n_lanes; i++)
    {
      if (i % 2 == 1)
        {
          set_rgba (p->cr, &p->pal->lane_tint);
          cairo_rectangle (p->cr, 0, lanes[i].y0, p->vp->width, lanes[i].y1 - lanes[i].y0);
          cairo_fill (p->cr);
        }
      if (i > 0)
        {
          set_rgba (p->cr, &p->pal->grid_strong);
          cairo_set_line_width (p->cr, 1.0 / p->device_scale);
          cairo_move_to (p->cr, 0, snap (p, lanes[i].y0));
          cairo_line_to (p->cr, p->vp->width, snap (p, lanes[i].y0));
          cairo_stroke (p->cr);
        }
      show_text (p, CHRONO_FONT_SMALL, lanes[i].name, 8.0, lanes[i].y0 + 4.0,
                 p->vp->width - 16.0, &p->pal->muted);
    }
}

static void
draw_density (Painter *p)
{
  guint n;
  const ChronoLayoutDensity *density = _chrono_layout_get_density (p->layout, &n);

  for (guint i = 0; i < n; i++)
    {
      const ChronoLayoutDensity *d = &density[i];
      double h = d->y1 - d->y0;

      if (d->max_count == 0 || h <= 0)
        continue;
      set_rgba_alpha (p->cr, &p->pal->accent, 0.22);
      for (guint b = 0; b < d->n_bins; b++)
        {
          double bh, x;

          if (d->counts[b] == 0)
            continue;
          /* At least a pixel, so that a lone event is not invisible; on the
           * pixel grid, so that cairo fills boxes instead of polygons. */
          bh = MAX (1.0, round (h * d->counts[b] / d->max_count * p->device_scale) / p->device_scale);
          x = grid (p, d->x0 + b * d->bin_width);
          cairo_rectangle (p->cr, x, grid (p, d->y1) - bh,
                           MAX (1.0 / p->device_scale,
                                grid (p, d->x0 + (b + 1) * d->bin_width) - x - 1.0 / p->device_scale), bh);
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
  x0 = clamp_x (p->vp, x0);
  x1 = clamp_x (p->vp, x1);
  rounded_rect (p->cr, x0, item->y + 1.0, x1 - x0, item->height - 2.0, 5.0);
  if (selected)
    set_rgba_alpha (p->cr, &p->pal->accent, 0.18);
  else
    set_rgba_alpha (p->cr, &p->pal->text, 0.07);
  cairo_fill_preserve (p->cr);
  if (selected && p->style->focused)
    {
      set_rgba (p->cr, &p->pal->accent);
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
  *x0 = clamp_x (p->vp, item->x0);
  *x1 = clamp_x (p->vp, MAX (item->x1, item->x0 + 2.0));
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
  rounded_rect (p->cr, x0, y0, w, h, 3.0);
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
            rounded_rect (cr, x0, y0, x1 - x0, h, 3.0);
            alpha = bar_alpha (p, item);
            any = TRUE;
          }
        if (any)
          {
            set_rgba_alpha (cr, &c, alpha);
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
          rounded_rect (cr, x0, y0, MIN (3.0, x1 - x0), h, 1.0);
          any = TRUE;
        }
      if (any)
        {
          set_rgba (cr, &c);
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
      set_rgba (cr, &c);
      cairo_set_line_width (cr, 1.0);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      rounded_rect (cr, x0 + 0.5, y0 + 0.5, x1 - x0 - 1.0, h - 1.0, 3.0);
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
  set_rgba (cr, &p->pal->background);
  cairo_fill (cr);
  for (guint i = 0; i < n;)
    {
      guint j = i;
      Rgba c = event_color (p, drawn[i].span->category);

      while (j < n && drawn[j].colour == drawn[i].colour)
        j++;
      add_discs (cr, drawn + i, j - i, 0, CHRONO_POINT_RADIUS - 0.75);
      add_discs (cr, drawn + i, j - i, 1, CHRONO_POINT_RADIUS + 0.9);
      set_rgba (cr, &c);
      cairo_fill (cr);
      i = j;
    }
  add_discs (cr, drawn, n, 1, CHRONO_POINT_RADIUS - 0.9);
  set_rgba (cr, &p->pal->background);
  cairo_fill (cr);
}

static void
draw_items (Painter *p)
{
  guint n_items = 0, n_spans = 0;
  const ChronoLayoutItem *items = chrono_layout_get_items (p->layout, &n_items);
  const ChronoSpan *spans = chrono_timeline_get_spans (p->timeline, &n_spans);
  g_autoptr(GArray) bars = g_array_new (FALSE, FALSE, sizeof (Drawn));
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (Drawn));
  double text_h = text_height (p, CHRONO_FONT_LABEL);

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
      queue_text (p, CHRONO_FONT_LABEL, p->scratch->str, item->label_x,
                  item->y + item->height / 2.0 - text_h / 2.0, item->label_width + 2.0, &p->pal->text);
    }
  flush_text (p);
}

static void
draw_clusters (Painter *p)
{
  guint n;
  const ChronoLayoutCluster *clusters = chrono_layout_get_clusters (p->layout, &n);
  double text_h = text_height (p, CHRONO_FONT_SMALL);

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

          rounded_rect (p->cr, c->x + 0.5, c->y + 0.5, c->width - 1.0, c->height - 1.0, c->height / 2.0);
        }
      set_rgba (p->cr, &p->pal->cluster_fill);
      cairo_fill_preserve (p->cr);
      set_rgba (p->cr, &p->pal->cluster_border);
      cairo_set_line_width (p->cr, 1.0);
      cairo_stroke (p->cr);
    }

  for (guint i = 0; i < n; i++)
    {
      const ChronoLayoutCluster *c = &clusters[i];
      char text[32];

      g_snprintf (text, sizeof text, "+%u", c->count);
      queue_text (p, CHRONO_FONT_SMALL, text, c->x + 8.0, c->y + (c->height - text_h) / 2.0, 0,
                  &p->pal->muted);
    }
  flush_text (p);
}

static void
draw_today (Painter *p)
{
  double x;
  double w;

  if (p->style->today == CHRONO_TIME_MIN)
    return;
  x = chrono_viewport_time_to_x (p->vp, (double) p->style->today);
  if (x < 0 || x > p->vp->width)
    return;

  set_rgba (p->cr, &p->pal->today);
  cairo_set_line_width (p->cr, 1.5);
  cairo_move_to (p->cr, x, CHRONO_AXIS_HEIGHT);
  cairo_line_to (p->cr, x, p->vp->height);
  cairo_stroke (p->cr);

  /* A small tab on the axis: "Today". */
  use_font (p, CHRONO_FONT_SMALL);
  pango_layout_set_width (p->text, -1);
  pango_layout_set_ellipsize (p->text, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_text (p->text, _("Today"), -1);
  {
    int tw, th;

    pango_layout_get_pixel_size (p->text, &tw, &th);
    w = tw + 10.0;
    rounded_rect (p->cr, x - w / 2, CHRONO_AXIS_HEIGHT - th - 4.0, w, th + 4.0, 3.0);
    set_rgba (p->cr, &p->pal->today);
    cairo_fill (p->cr);
    set_rgba (p->cr, &p->pal->background);
    cairo_move_to (p->cr, x - tw / 2.0, CHRONO_AXIS_HEIGHT - th - 2.0);
    pango_cairo_show_layout (p->cr, p->text);
    cairo_new_path (p->cr);
  }
}

static void
draw_axis (Painter *p)
{
  const ChronoTickSet *ticks = chrono_layout_get_ticks (p->layout);
  double base = CHRONO_AXIS_HEIGHT;

  if (!p->style->transparent)
    {
      set_rgba (p->cr, &p->pal->axis_background);
      cairo_rectangle (p->cr, 0, 0, p->vp->width, base);
      cairo_fill (p->cr);
    }

  cairo_set_line_width (p->cr, 1.0 / p->device_scale);
  set_rgba (p->cr, &p->pal->axis_line);
  cairo_move_to (p->cr, 0, snap (p, base));
  cairo_line_to (p->cr, p->vp->width, snap (p, base));
  for (guint i = 0; i < ticks->ticks->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->ticks, ChronoTick, i);

      cairo_move_to (p->cr, snap (p, t->x), base - 6.0);
      cairo_line_to (p->cr, snap (p, t->x), base);
    }
  for (guint i = 0; i < ticks->context->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->context, ChronoTick, i);

      cairo_move_to (p->cr, snap (p, t->x), 0);
      cairo_line_to (p->cr, snap (p, t->x), base);
    }
  cairo_stroke (p->cr);

  for (guint i = 0; i < ticks->context->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->context, ChronoTick, i);

      if (t->label[0] == '\0' || t->label_x > p->vp->width || t->label_x + t->label_width < 0)
        continue;
      queue_text (p, CHRONO_FONT_CONTEXT, t->label, t->label_x, CHRONO_AXIS_CONTEXT_Y, 0, &p->pal->text);
    }
  for (guint i = 0; i < ticks->ticks->len; i++)
    {
      const ChronoTick *t = &g_array_index (ticks->ticks, ChronoTick, i);

      /* A label cut by the left edge reads as a different one. */
      if (t->label[0] == '\0' || t->label_x < 0 || t->label_x > p->vp->width)
        continue;
      queue_text (p, CHRONO_FONT_TICK, t->label, t->label_x, CHRONO_AXIS_TICK_Y, 0, &p->pal->muted);
    }
  flush_text (p);
}

/* Title and legend (exports) ----------------------------------------------- */

typedef struct {
  Rgba color;
  char *name;
  int symbol; /* 0 dot, 1 hollow, 2 soft band, 3 bar */
  double width;
} LegendEntry;

static void
legend_entry_clear (gpointer data)
{
  LegendEntry *e = data;

  g_free (e->name);
}

static GArray *
legend_entries (ChronoTimeline *timeline,
                const Palette  *pal,
                PangoContext   *context)
{
  GArray *entries = g_array_new (FALSE, TRUE, sizeof (LegendEntry));
  GListModel *categories = chrono_timeline_get_categories (timeline);
  guint n_categories = g_list_model_get_n_items (categories);
  guint n_spans = 0;
  const ChronoSpan *spans = chrono_timeline_get_spans (timeline, &n_spans);
  gboolean has_doubtful = FALSE, has_band = FALSE, has_range = FALSE;

  g_array_set_clear_func (entries, legend_entry_clear);
  for (guint i = 0; i < n_categories; i++)
    {
      g_autoptr(ChronoCategory) category = g_list_model_get_item (categories, i);
      LegendEntry e = { { 0 } };
      const char *name = chrono_category_get_name (category);

      if (!chrono_category_get_rgb (category, &e.color.r, &e.color.g, &e.color.b))
        e.color = pal->default_event;
      e.color.a = 1.0;
      e.color = adapt_color (pal, e.color);
      e.name = g_strdup (name != NULL && *name != '\0' ? name : chrono_category_get_id (category));
      g_array_append_val (entries, e);
    }
  for (guint i = 0; i < n_spans && !(has_doubtful && has_band && has_range); i++)
    {
      has_doubtful |= (spans[i].flags & (CHRONO_SPAN_UNCERTAIN | CHRONO_SPAN_APPROXIMATE)) != 0;
      has_band |= (spans[i].flags & CHRONO_SPAN_IMPRECISE) != 0;
      has_range |= (spans[i].flags & CHRONO_SPAN_RANGE) != 0;
    }
  if (has_range)
    {
      LegendEntry e = { pal->muted, g_strdup (_("Period")), 3, 0 };

      g_array_append_val (entries, e);
    }
  if (has_band)
    {
      LegendEntry e = { pal->muted, g_strdup (_("Known to the year or month")), 2, 0 };

      g_array_append_val (entries, e);
    }
  if (has_doubtful)
    {
      LegendEntry e = { pal->muted, g_strdup (_("Uncertain or approximate date")), 1, 0 };

      g_array_append_val (entries, e);
    }
  for (guint i = 0; i < entries->len; i++)
    {
      LegendEntry *e = &g_array_index (entries, LegendEntry, i);

      e->width = (e->symbol >= 2 ? 26.0 : 14.0) + 6.0
                 + _chrono_measure_text (context, CHRONO_FONT_LEGEND, e->name);
    }
  return entries;
}

static guint
legend_lines (GArray *entries,
              double  width)
{
  double x = TITLE_PAD_X;
  guint lines = entries->len > 0 ? 1 : 0;

  for (guint i = 0; i < entries->len; i++)
    {
      const LegendEntry *e = &g_array_index (entries, LegendEntry, i);

      if (x > TITLE_PAD_X && x + e->width > width - TITLE_PAD_X)
        {
          lines++;
          x = TITLE_PAD_X;
        }
      x += e->width + 20.0;
    }
  return lines;
}

static double
title_height (ChronoTimeline *timeline)
{
  const char *description = chrono_timeline_get_description (timeline);

  return description != NULL && *description != '\0' ? 70.0 : 50.0;
}

void
chrono_renderer_get_chrome (ChronoTimeline          *timeline,
                            const ChronoRenderStyle *style,
                            PangoContext            *context,
                            double                   width,
                            double                  *top,
                            double                  *bottom)
{
  g_return_if_fail (CHRONO_IS_TIMELINE (timeline));
  g_return_if_fail (style != NULL);
  g_return_if_fail (PANGO_IS_CONTEXT (context));

  if (top != NULL)
    *top = style->show_title ? title_height (timeline) : 0.0;
  if (bottom != NULL)
    {
      *bottom = 0.0;
      if (style->show_legend)
        {
          g_autoptr(GArray) entries = legend_entries (timeline, &light_palette, context);
          guint lines = legend_lines (entries, width);

          if (lines > 0)
            *bottom = 2 * LEGEND_PAD + lines * LEGEND_LINE;
        }
    }
}

static void
draw_title (Painter *p,
            double   height)
{
  const char *title = chrono_timeline_get_title (p->timeline);
  const char *description = chrono_timeline_get_description (p->timeline);
  g_autofree char *first_line = NULL;

  if (title == NULL || *title == '\0')
    title = _("Untitled timeline");
  show_text (p, CHRONO_FONT_TITLE, title, TITLE_PAD_X, 12.0, p->vp->width - 2 * TITLE_PAD_X,
             &p->pal->text);
  if (description != NULL && *description != '\0')
    {
      first_line = g_strndup (description, strcspn (description, "\r\n"));
      show_text (p, CHRONO_FONT_LABEL, first_line, TITLE_PAD_X, 42.0,
                 p->vp->width - 2 * TITLE_PAD_X, &p->pal->muted);
    }
}

static void
draw_legend_symbol (Painter           *p,
                    const LegendEntry *e,
                    double             x,
                    double             cy)
{
  cairo_t *cr = p->cr;

  cairo_new_path (cr);
  switch (e->symbol)
    {
    case 0:
      cairo_arc (cr, x + 7.0, cy, CHRONO_POINT_RADIUS + 0.5, 0, 2 * G_PI);
      set_rgba (cr, &e->color);
      cairo_fill (cr);
      break;
    case 1:
      cairo_arc (cr, x + 7.0, cy, CHRONO_POINT_RADIUS, 0, 2 * G_PI);
      set_rgba (cr, &e->color);
      cairo_set_line_width (cr, 1.8);
      cairo_stroke (cr);
      break;
    case 2:
      {
        cairo_pattern_t *pat = cairo_pattern_create_linear (x, 0, x + 26.0, 0);

        cairo_pattern_add_color_stop_rgba (pat, 0, e->color.r, e->color.g, e->color.b, 0);
        cairo_pattern_add_color_stop_rgba (pat, 0.35, e->color.r, e->color.g, e->color.b, 0.45);
        cairo_pattern_add_color_stop_rgba (pat, 0.65, e->color.r, e->color.g, e->color.b, 0.45);
        cairo_pattern_add_color_stop_rgba (pat, 1, e->color.r, e->color.g, e->color.b, 0);
        cairo_set_source (cr, pat);
        cairo_rectangle (cr, x, cy - 6.0, 26.0, 12.0);
        cairo_fill (cr);
        cairo_pattern_destroy (pat);
      }
      break;
    case 3:
    default:
      set_rgba_alpha (cr, &e->color, 0.35);
      rounded_rect (cr, x, cy - 6.0, 26.0, 12.0, 3.0);
      cairo_fill (cr);
      set_rgba (cr, &e->color);
      rounded_rect (cr, x, cy - 6.0, 3.0, 12.0, 1.0);
      cairo_fill (cr);
      break;
    }
}

static void
draw_legend (Painter *p,
             double   top)
{
  g_autoptr(GArray) entries = legend_entries (p->timeline, p->pal, p->context);
  double x = TITLE_PAD_X;
  double cy = top + LEGEND_PAD + LEGEND_LINE / 2.0;
  double text_h = text_height (p, CHRONO_FONT_LEGEND);

  for (guint i = 0; i < entries->len; i++)
    {
      const LegendEntry *e = &g_array_index (entries, LegendEntry, i);
      double symbol_w = e->symbol >= 2 ? 26.0 : 14.0;

      if (x > TITLE_PAD_X && x + e->width > p->vp->width - TITLE_PAD_X)
        {
          x = TITLE_PAD_X;
          cy += LEGEND_LINE;
        }
      draw_legend_symbol (p, e, x, cy);
      show_text (p, CHRONO_FONT_LEGEND, e->name, x + symbol_w + 6.0, cy - text_h / 2.0,
                 p->vp->width - TITLE_PAD_X - x - symbol_w - 6.0, &p->pal->text);
      x += e->width + 20.0;
    }
}

/* Public API --------------------------------------------------------------- */

void
chrono_render_style_init (ChronoRenderStyle *style)
{
  g_return_if_fail (style != NULL);

  style->dark = FALSE;
  style->transparent = FALSE;
  style->selected = CHRONO_NO_SELECTION;
  style->hovered = CHRONO_NO_SELECTION;
  style->focused = FALSE;
  style->show_title = FALSE;
  style->show_legend = FALSE;
  style->today = CHRONO_TIME_MIN;
}

static void
set_measuring_options (PangoContext *context)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics: text measures the same at every scale and in every
   * format, so an export lays out exactly like the screen. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
}

PangoContext *
chrono_renderer_create_pango_context (void)
{
  PangoFontMap *map = pango_cairo_font_map_get_default ();
  PangoContext *context = pango_font_map_create_context (map);

  pango_cairo_context_set_resolution (context, 96.0);
  set_measuring_options (context);
  return context;
}

static void
draw_full (cairo_t                 *cr,
           ChronoLayout            *layout,
           const ChronoRenderStyle *style,
           double                   top,
           double                   bottom,
           gboolean                 pango_text)
{
  Painter p = { 0 };
  const ChronoViewport *vp;
  double xx = 1.0, yx = 0.0;
  cairo_surface_type_t target;
  cairo_matrix_t m;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (CHRONO_IS_LAYOUT (layout));
  g_return_if_fail (style != NULL);

  p.cr = cr;
  p.style = style;
  p.pal = style->dark ? &dark_palette : &light_palette;
  p.layout = layout;
  p.timeline = chrono_layout_get_timeline (layout);
  p.vp = vp = chrono_layout_get_viewport (layout);
  p.context = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (p.context, 96.0);
  set_measuring_options (p.context);
  p.scratch = g_string_new (NULL);
  p.display = g_string_new (NULL);
  cairo_user_to_device_distance (cr, &xx, &yx);
  p.device_scale = MAX (1.0, hypot (xx, yx));
  load_category_colors (&p);
  target = cairo_surface_get_type (cairo_get_target (cr));
  if (!pango_text && (target == CAIRO_SURFACE_TYPE_IMAGE || target == CAIRO_SURFACE_TYPE_RECORDING))
    {
      p.cache = _chrono_layout_get_render_cache (layout);
      p.batch = _chrono_text_batch_new ();
      cairo_get_matrix (cr, &m);
      p.sprites = target == CAIRO_SURFACE_TYPE_IMAGE && m.xy == 0.0 && m.yx == 0.0
                  && m.xx == m.yy && m.xx >= 1.0 && m.xx <= 8.0;
    }

  cairo_save (cr);
  if (!style->transparent)
    {
      set_rgba (cr, &p.pal->background);
      cairo_rectangle (cr, 0, 0, vp->width, top + vp->height + bottom);
      cairo_fill (cr);
    }
  if (top > 0)
    draw_title (&p, top);

  cairo_save (cr);
  cairo_translate (cr, 0, top);
  cairo_rectangle (cr, 0, 0, vp->width, vp->height);
  cairo_clip (cr);

  draw_eras (&p);
  draw_lanes (&p);
  draw_grid (&p);
  draw_density (&p);

  draw_items (&p);
  draw_clusters (&p);
  draw_today (&p);
  draw_axis (&p);
  cairo_restore (cr);

  if (bottom > 0)
    {
      /* A hairline between the picture and its legend. */
      set_rgba (cr, &p.pal->grid_strong);
      cairo_set_line_width (cr, 1.0 / p.device_scale);
      cairo_move_to (cr, 0, snap (&p, top + vp->height));
      cairo_line_to (cr, vp->width, snap (&p, top + vp->height));
      cairo_stroke (cr);
      draw_legend (&p, top + vp->height);
    }
  cairo_restore (cr);

  g_free (p.category_colors);
  g_string_free (p.scratch, TRUE);
  g_string_free (p.display, TRUE);
  _chrono_text_batch_free (p.batch);
  for (guint i = 0; i < G_N_ELEMENTS (p.fonts); i++)
    g_clear_object (&p.font_layouts[i]);
  g_object_unref (p.context);
}

void
_chrono_renderer_draw_full (cairo_t                 *cr,
                            ChronoLayout            *layout,
                            const ChronoRenderStyle *style,
                            double                   top,
                            double                   bottom)
{
  draw_full (cr, layout, style, top, bottom, FALSE);
}

void
_chrono_renderer_draw_with_pango_text (cairo_t                 *cr,
                                       ChronoLayout            *layout,
                                       const ChronoRenderStyle *style,
                                       double                   top,
                                       double                   bottom)
{
  draw_full (cr, layout, style, top, bottom, TRUE);
}

void
chrono_renderer_draw (cairo_t                 *cr,
                      ChronoLayout            *layout,
                      const ChronoRenderStyle *style)
{
  double top = 0.0, bottom = 0.0;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (CHRONO_IS_LAYOUT (layout));
  g_return_if_fail (style != NULL);

  if (style->show_title || style->show_legend)
    {
      PangoContext *context = chrono_renderer_create_pango_context ();

      chrono_renderer_get_chrome (chrono_layout_get_timeline (layout), style, context,
                                  chrono_layout_get_viewport (layout)->width, &top, &bottom);
      g_object_unref (context);
    }
  _chrono_renderer_draw_full (cr, layout, style, top, bottom);
}
