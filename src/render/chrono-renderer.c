/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-renderer"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "chrono-renderer-internal.h"
#include "chrono-renderer.h"

/* Drawing a ChronoLayout with Cairo: the light and dark palettes, the text
 * helpers every part draws with (one Pango layout per font for the frame,
 * or the render cache's shaped glyphs, queued and drawn in batches), the
 * public API and draw_full(), which sets up a frame and paints the parts
 * in order; the parts are listed in chrono-render-private.h. */

/* Light and dark palettes after the GNOME palette; text contrast is above
 * 7:1 on both backgrounds. */
const Palette _chrono_renderer_light_palette = {
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

const Palette _chrono_renderer_dark_palette = {
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

/* Helpers ------------------------------------------------------------------ */

static void
set_font (PangoLayout *layout,
          const char  *font)
{
  PangoFontDescription *desc = _chrono_font (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
}

PangoLayout *
_chrono_renderer_use_font (Painter    *p,
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
 * is only queued: _chrono_renderer_flush_text() draws everything queued so far. */
void
_chrono_renderer_queue_text (Painter    *p,
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

  _chrono_renderer_use_font (p, font);
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
  _chrono_renderer_set_rgba (p->cr, color);
  cairo_move_to (p->cr, x, y);
  pango_cairo_show_layout (p->cr, p->text);
  /* Leave no current point behind, or the next arc would start with a line. */
  cairo_new_path (p->cr);
}

void
_chrono_renderer_flush_text (Painter *p)
{
  if (p->batch != NULL)
    _chrono_text_batch_flush (p->batch, p->cr, p->cache, p->sprites ? p->device_scale : 0.0);
}

void
_chrono_renderer_show_text (Painter    *p,
                            const char *font,
                            const char *text,
                            double      x,
                            double      y,
                            double      max_width,
                            const Rgba *color)
{
  _chrono_renderer_queue_text (p, font, text, x, y, max_width, color);
  _chrono_renderer_flush_text (p);
}

double
_chrono_renderer_text_height (Painter    *p,
                              const char *font)
{
  /* Fonts of a new context load slowly: ask the cache's context. */
  if (p->cache != NULL)
    return _chrono_shaped_text_get_pixel_height (_chrono_render_cache_shape (p->cache, font, "Ag", 0));
  _chrono_renderer_use_font (p, font);
  for (guint i = 0; i < G_N_ELEMENTS (p->fonts); i++)
    if (p->font_layouts[i] == p->text)
      return p->font_heights[i];
  g_assert_not_reached ();
  return 0.0;
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
      p->category_colors[i] = _chrono_renderer_adapt_color (p->pal, c);
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
  p.pal = style->dark ? &_chrono_renderer_dark_palette : &_chrono_renderer_light_palette;
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
      _chrono_renderer_set_rgba (cr, &p.pal->background);
      cairo_rectangle (cr, 0, 0, vp->width, top + vp->height + bottom);
      cairo_fill (cr);
    }
  if (top > 0)
    _chrono_renderer_draw_title (&p, top);

  cairo_save (cr);
  cairo_translate (cr, 0, top);
  cairo_rectangle (cr, 0, 0, vp->width, vp->height);
  cairo_clip (cr);

  _chrono_renderer_draw_eras (&p);
  _chrono_renderer_draw_lanes (&p);
  _chrono_renderer_draw_grid (&p);
  _chrono_renderer_draw_density (&p);

  _chrono_renderer_draw_items (&p);
  _chrono_renderer_draw_clusters (&p);
  _chrono_renderer_draw_today (&p);
  _chrono_renderer_draw_axis (&p);
  cairo_restore (cr);

  if (bottom > 0)
    {
      /* A hairline between the picture and its legend. */
      _chrono_renderer_set_rgba (cr, &p.pal->grid_strong);
      cairo_set_line_width (cr, 1.0 / p.device_scale);
      cairo_move_to (cr, 0, _chrono_renderer_snap (&p, top + vp->height));
      cairo_line_to (cr, vp->width, _chrono_renderer_snap (&p, top + vp->height));
      cairo_stroke (cr);
      _chrono_renderer_draw_legend (&p, top + vp->height);
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
