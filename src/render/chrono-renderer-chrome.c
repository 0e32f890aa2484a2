/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-renderer"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "chrono-renderer-internal.h"
#include "chrono-renderer.h"

/* The chrome of an export: the timeline's title and the first line of its
 * description above the picture, and a legend below it (categories and
 * their colours, then the symbols the timeline uses); their heights for a
 * width come from chrono_renderer_get_chrome(). */

#define TITLE_PAD_X 24.0
#define LEGEND_LINE 22.0
#define LEGEND_PAD 12.0

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
      e.color = _chrono_renderer_adapt_color (pal, e.color);
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
          g_autoptr(GArray) entries = legend_entries (timeline, &_chrono_renderer_light_palette,
                                                      context);
          guint lines = legend_lines (entries, width);

          if (lines > 0)
            *bottom = 2 * LEGEND_PAD + lines * LEGEND_LINE;
        }
    }
}

void
_chrono_renderer_draw_title (Painter *p,
                             double   height)
{
  const char *title = chrono_timeline_get_title (p->timeline);
  const char *description = chrono_timeline_get_description (p->timeline);
  g_autofree char *first_line = NULL;

  if (title == NULL || *title == '\0')
    title = _("Untitled timeline");
  _chrono_renderer_show_text (p, CHRONO_FONT_TITLE, title, TITLE_PAD_X, 12.0,
                              p->vp->width - 2 * TITLE_PAD_X, &p->pal->text);
  if (description != NULL && *description != '\0')
    {
      first_line = g_strndup (description, strcspn (description, "\r\n"));
      _chrono_renderer_show_text (p, CHRONO_FONT_LABEL, first_line, TITLE_PAD_X, 42.0,
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
      _chrono_renderer_set_rgba (cr, &e->color);
      cairo_fill (cr);
      break;
    case 1:
      cairo_arc (cr, x + 7.0, cy, CHRONO_POINT_RADIUS, 0, 2 * G_PI);
      _chrono_renderer_set_rgba (cr, &e->color);
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
      _chrono_renderer_set_rgba_alpha (cr, &e->color, 0.35);
      _chrono_renderer_rounded_rect (cr, x, cy - 6.0, 26.0, 12.0, 3.0);
      cairo_fill (cr);
      _chrono_renderer_set_rgba (cr, &e->color);
      _chrono_renderer_rounded_rect (cr, x, cy - 6.0, 3.0, 12.0, 1.0);
      cairo_fill (cr);
      break;
    }
}

void
_chrono_renderer_draw_legend (Painter *p,
                              double   top)
{
  g_autoptr(GArray) entries = legend_entries (p->timeline, p->pal, p->context);
  double x = TITLE_PAD_X;
  double cy = top + LEGEND_PAD + LEGEND_LINE / 2.0;
  double text_h = _chrono_renderer_text_height (p, CHRONO_FONT_LEGEND);

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
      _chrono_renderer_show_text (p, CHRONO_FONT_LEGEND, e->name, x + symbol_w + 6.0,
                                  cy - text_h / 2.0,
                                  p->vp->width - TITLE_PAD_X - x - symbol_w - 6.0, &p->pal->text);
      x += e->width + 20.0;
    }
}
