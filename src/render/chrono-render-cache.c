/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-render-cache"

#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "chrono-render-private.h"

/* What a frame would otherwise redo for every label and marker: shaping text
 * with Pango and rasterizing small circles. Panning redraws mostly the same
 * labels, so shaped glyphs are kept (two generations, the older dropped when
 * the newer fills up) and drawn in one cairo_show_glyphs() per font and
 * colour instead of one PangoLayout per label. */

#define GENERATION_SIZE 1024
#define N_FONTS 8
#define SPRITE_PHASES 4
#define MAX_SPRITES 512
#define MASK_BUDGET (24 << 20) /* bytes of label masks before old ones go */
#define MAX_MASKS 2

typedef struct {
  cairo_scaled_font_t *font;
  guint first, n;
} GlyphRun;

typedef struct {
  double scale;
  guint8 phase_x, phase_y;
  int dx, dy;             /* device offset of the mask from the quantized origin */
  cairo_surface_t *surface;
} Mask;

struct _ChronoShapedText {
  grefcount ref_count;
  double width, height;
  int pixel_height;      /* as pango_layout_get_pixel_size() rounds it */
  double ink_x0, ink_y0, ink_x1, ink_y1; /* ink and logical boxes together */
  guint n_runs;
  GlyphRun *runs;
  cairo_glyph_t *glyphs;
  PangoLayout *fallback; /* hex boxes and the like: drawn by Pango */
  Mask masks[MAX_MASKS];
  guint n_masks;
  gboolean counted;      /* in the cache, its masks count against the budget */
};

typedef enum {
  SPRITE_MARKER,
  SPRITE_PILL,
} SpriteKind;

typedef struct {
  SpriteKind kind;
  double params[10];
  double scale;
  guint8 phase_x, phase_y;
} SpriteKey;

struct _ChronoRenderCache {
  PangoContext *context;
  const char *fonts[N_FONTS];
  PangoLayout *layouts[N_FONTS];
  GHashTable *current;  /* key → ChronoShapedText */
  GHashTable *previous;
  GString *key;
  gsize mask_bytes;
  GArray *sprite_keys;  /* SpriteKey */
  GPtrArray *sprites;   /* cairo_surface_t, parallel to sprite_keys */
};

typedef struct {
  ChronoShapedText *shaped;
  double x, y;
  double rgba[4];
} Entry;

struct _ChronoTextBatch {
  GArray *entries;      /* Entry */
  GArray *scratch;      /* cairo_glyph_t */
};

/* Shaped text ---------------------------------------------------------------- */

static ChronoShapedText *
shaped_text_ref (ChronoShapedText *shaped)
{
  g_ref_count_inc (&shaped->ref_count);
  return shaped;
}

static void
shaped_text_unref (gpointer data)
{
  ChronoShapedText *shaped = data;

  if (!g_ref_count_dec (&shaped->ref_count))
    return;
  for (guint i = 0; i < shaped->n_runs; i++)
    cairo_scaled_font_destroy (shaped->runs[i].font);
  for (guint i = 0; i < shaped->n_masks; i++)
    cairo_surface_destroy (shaped->masks[i].surface);
  g_free (shaped->runs);
  g_free (shaped->glyphs);
  g_clear_object (&shaped->fallback);
  g_free (shaped);
}

static PangoLayout *
layout_for_font (ChronoRenderCache *cache,
                 const char        *font)
{
  guint i;

  for (i = 0; i < N_FONTS && cache->fonts[i] != NULL; i++)
    if (cache->fonts[i] == font || strcmp (cache->fonts[i], font) == 0)
      return cache->layouts[i];
  g_assert (i < N_FONTS);
  cache->fonts[i] = font;
  cache->layouts[i] = _chrono_layout_new_for_font (cache->context, font);
  return cache->layouts[i];
}

/* The glyphs exactly where pango_cairo_show_layout() would put them, with the
 * layout's top left at the origin. */
static ChronoShapedText *
shape (ChronoRenderCache *cache,
       const char        *font,
       const char        *text,
       double             max_width)
{
  PangoLayout *layout = layout_for_font (cache, font);
  ChronoShapedText *shaped = g_new0 (ChronoShapedText, 1);
  PangoRectangle ink, logical_box;
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (GlyphRun));
  g_autoptr(GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  PangoLayoutIter *iter;
  gboolean fallback = FALSE;
  int width = 0, height = 0;

  pango_layout_set_text (layout, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) ceil (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  else
    {
      pango_layout_set_width (layout, -1);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
    }
  pango_layout_get_size (layout, &width, &height);
  shaped->width = (double) width / PANGO_SCALE;
  shaped->height = (double) height / PANGO_SCALE;
  g_ref_count_init (&shaped->ref_count);
  pango_layout_get_pixel_size (layout, NULL, &shaped->pixel_height);
  pango_layout_get_extents (layout, &ink, &logical_box);
  shaped->ink_x0 = (double) MIN (ink.x, logical_box.x) / PANGO_SCALE;
  shaped->ink_y0 = (double) MIN (ink.y, logical_box.y) / PANGO_SCALE;
  shaped->ink_x1 = (double) MAX (ink.x + ink.width, logical_box.x + logical_box.width) / PANGO_SCALE;
  shaped->ink_y1 = (double) MAX (ink.y + ink.height, logical_box.y + logical_box.height) / PANGO_SCALE;

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      int baseline, x_off = 0;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      baseline = pango_layout_iter_get_baseline (iter);
      for (GSList *l = line->runs; l != NULL && !fallback; l = l->next)
        {
          PangoGlyphItem *item = l->data;
          PangoGlyphString *string = item->glyphs;
          cairo_scaled_font_t *scaled = NULL;
          GlyphRun run = { NULL, glyphs->len, 0 };
          int x = logical.x + x_off;

          if (PANGO_IS_CAIRO_FONT (item->item->analysis.font))
            scaled = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (item->item->analysis.font));
          if (scaled == NULL || item->y_offset != 0)
            {
              fallback = TRUE;
              break;
            }
          for (int i = 0; i < string->num_glyphs; i++)
            {
              const PangoGlyphInfo *gi = &string->glyphs[i];

              if (gi->glyph == PANGO_GLYPH_EMPTY)
                {
                  x += gi->geometry.width;
                  continue;
                }
              if ((gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG) || gi->glyph == PANGO_GLYPH_INVALID_INPUT)
                {
                  fallback = TRUE;
                  break;
                }
              {
                cairo_glyph_t g = {
                  gi->glyph,
                  (double) (x + gi->geometry.x_offset) / PANGO_SCALE,
                  (double) (baseline + gi->geometry.y_offset) / PANGO_SCALE,
                };

                g_array_append_val (glyphs, g);
              }
              x += gi->geometry.width;
            }
          run.n = glyphs->len - run.first;
          run.font = cairo_scaled_font_reference (scaled);
          g_array_append_val (runs, run);
          x_off += pango_glyph_string_get_width (string);
        }
    }
  while (!fallback && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  if (fallback)
    {
      for (guint i = 0; i < runs->len; i++)
        cairo_scaled_font_destroy (g_array_index (runs, GlyphRun, i).font);
      shaped->fallback = pango_layout_copy (layout);
      return shaped;
    }
  shaped->n_runs = runs->len;
  shaped->runs = (GlyphRun *) g_array_free (g_steal_pointer (&runs), FALSE);
  shaped->glyphs = (cairo_glyph_t *) g_array_free (g_steal_pointer (&glyphs), FALSE);
  return shaped;
}

/* Sprites and masks ---------------------------------------------------------- */

/* A device coordinate as a whole pixel and a phase in 1 / SPRITE_PHASES of
 * one: a quarter pixel is as close as anything drawn here needs (glyphs are
 * placed on whole pixels anyway). */
static void
quantize (double  v,
          int    *whole,
          guint8 *phase)
{
  double q = floor (v * SPRITE_PHASES + 0.5);
  double w = floor (q / SPRITE_PHASES);

  *whole = (int) w;
  *phase = (guint8) (q - w * SPRITE_PHASES);
}

static void
pill_path (cairo_t *cr,
           double   x,
           double   y,
           double   w,
           double   h)
{
  double r = MIN (h / 2.0, w / 2.0);

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, G_PI / 2);
  cairo_arc (cr, x + r, y + r, r, G_PI / 2, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* Paints the sprite with its anchor (the marker centre, the badge's top
 * left) at the origin, in logical units. */
static void
paint_sprite (cairo_t         *cr,
              const SpriteKey *key)
{
  const double *v = key->params;

  if (key->kind == SPRITE_MARKER)
    {
      /* A dot with a background halo, or a ring for an uncertain or
       * approximate date: what a fill and a stroke of the circle paint. */
      gboolean hollow = v[8] != 0.0;
      double outer = hollow ? CHRONO_POINT_RADIUS + 0.9 : CHRONO_POINT_RADIUS + 0.75;
      double inner = hollow ? CHRONO_POINT_RADIUS - 0.9 : CHRONO_POINT_RADIUS - 0.75;
      const double *first = hollow ? v : v + 4, *second = hollow ? v + 4 : v;

      cairo_arc (cr, 0, 0, outer, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, first[0], first[1], first[2], first[3]);
      cairo_fill (cr);
      cairo_arc (cr, 0, 0, inner, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, second[0], second[1], second[2], second[3]);
      cairo_fill (cr);
    }
  else
    {
      /* A cluster badge: v[8] × v[9], filled and outlined. */
      pill_path (cr, 0.5, 0.5, v[8] - 1.0, v[9] - 1.0);
      cairo_set_source_rgba (cr, v[0], v[1], v[2], v[3]);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, v[4], v[5], v[6], v[7]);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);
    }
}

static cairo_surface_t *
lookup_sprite (ChronoRenderCache *cache,
               SpriteKey         *key,
               double             device_x,
               double             device_y,
               int               *origin_x,
               int               *origin_y)
{
  /* Room around the anchor, in logical units: left/top and right/bottom. */
  double before = key->kind == SPRITE_MARKER ? CHRONO_POINT_RADIUS + 1.5 : 1.0;
  double after_x = key->kind == SPRITE_MARKER ? CHRONO_POINT_RADIUS + 1.5 : key->params[8] + 1.0;
  double after_y = key->kind == SPRITE_MARKER ? CHRONO_POINT_RADIUS + 1.5 : key->params[9] + 1.0;
  int pad = (int) ceil (before * key->scale) + 1;
  cairo_surface_t *sprite;
  cairo_t *cr;

  quantize (device_x, origin_x, &key->phase_x);
  quantize (device_y, origin_y, &key->phase_y);
  *origin_x -= pad;
  *origin_y -= pad;

  for (guint i = 0; i < cache->sprite_keys->len; i++)
    if (memcmp (&g_array_index (cache->sprite_keys, SpriteKey, i), key, sizeof *key) == 0)
      return g_ptr_array_index (cache->sprites, i);

  if (cache->sprites->len >= MAX_SPRITES)
    {
      g_array_set_size (cache->sprite_keys, 0);
      g_ptr_array_set_size (cache->sprites, 0);
    }
  sprite = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                       pad + (int) ceil (after_x * key->scale) + 2,
                                       pad + (int) ceil (after_y * key->scale) + 2);
  cr = cairo_create (sprite);
  cairo_translate (cr, pad + (double) key->phase_x / SPRITE_PHASES,
                   pad + (double) key->phase_y / SPRITE_PHASES);
  cairo_scale (cr, key->scale, key->scale);
  paint_sprite (cr, key);
  cairo_destroy (cr);
  g_array_append_val (cache->sprite_keys, *key);
  g_ptr_array_add (cache->sprites, sprite);
  return sprite;
}

static void
set_color_params (double       *params,
                  const double  rgba[4])
{
  params[0] = rgba[0], params[1] = rgba[1], params[2] = rgba[2], params[3] = rgba[3];
}

static gsize
mask_bytes (const Mask *mask)
{
  return (gsize) cairo_image_surface_get_stride (mask->surface)
         * cairo_image_surface_get_height (mask->surface);
}

/* The label as an A8 mask for one device scale and quarter-pixel phase:
 * what cairo_show_glyphs() would paint there, made once and then composited
 * with one call instead of one per glyph. */
static const Mask *
get_mask (ChronoRenderCache *cache,
          ChronoShapedText  *shaped,
          double             scale,
          guint8             phase_x,
          guint8             phase_y)
{
  Mask *mask;
  cairo_t *cr;
  int x0, y0, w, h;

  for (guint i = 0; i < shaped->n_masks; i++)
    if (shaped->masks[i].scale == scale && shaped->masks[i].phase_x == phase_x
        && shaped->masks[i].phase_y == phase_y)
      return &shaped->masks[i];

  x0 = (int) floor (shaped->ink_x0 * scale) - 2;
  y0 = (int) floor (shaped->ink_y0 * scale) - 2;
  w = (int) ceil (shaped->ink_x1 * scale) + 3 - x0;
  h = (int) ceil (shaped->ink_y1 * scale) + 3 - y0;
  if (shaped->n_masks == MAX_MASKS)
    {
      shaped->n_masks--;
      if (shaped->counted)
        cache->mask_bytes -= mask_bytes (&shaped->masks[MAX_MASKS - 1]);
      cairo_surface_destroy (shaped->masks[MAX_MASKS - 1].surface);
    }
  memmove (&shaped->masks[1], &shaped->masks[0], shaped->n_masks * sizeof (Mask));
  shaped->n_masks++;
  mask = &shaped->masks[0];
  mask->scale = scale;
  mask->phase_x = phase_x;
  mask->phase_y = phase_y;
  mask->dx = x0;
  mask->dy = y0;
  mask->surface = cairo_image_surface_create (CAIRO_FORMAT_A8, MAX (w, 1), MAX (h, 1));
  if (shaped->counted)
    cache->mask_bytes += mask_bytes (mask);

  cr = cairo_create (mask->surface);
  cairo_translate (cr, -x0 + (double) phase_x / SPRITE_PHASES, -y0 + (double) phase_y / SPRITE_PHASES);
  cairo_scale (cr, scale, scale);
  for (guint r = 0; r < shaped->n_runs; r++)
    {
      cairo_set_scaled_font (cr, shaped->runs[r].font);
      cairo_show_glyphs (cr, shaped->glyphs + shaped->runs[r].first, (int) shaped->runs[r].n);
    }
  cairo_destroy (cr);
  return mask;
}

static void
rotate_generations (ChronoRenderCache *cache)
{
  GHashTable *old = cache->previous;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, old);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      ChronoShapedText *shaped = value;

      /* A batch may still hold it, and then make masks no longer counted. */
      for (guint i = 0; i < shaped->n_masks; i++)
        cache->mask_bytes -= mask_bytes (&shaped->masks[i]);
      shaped->counted = FALSE;
    }
  g_hash_table_remove_all (old);
  cache->previous = cache->current;
  cache->current = old;
}

/* Public ------------------------------------------------------------------- */

ChronoRenderCache *
_chrono_render_cache_new (void)
{
  ChronoRenderCache *cache = g_new0 (ChronoRenderCache, 1);

  cache->context = chrono_renderer_create_pango_context ();
  cache->current = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, shaped_text_unref);
  cache->previous = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, shaped_text_unref);
  cache->key = g_string_new (NULL);
  cache->sprite_keys = g_array_new (FALSE, FALSE, sizeof (SpriteKey));
  cache->sprites = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  return cache;
}

void
_chrono_render_cache_free (ChronoRenderCache *cache)
{
  if (cache == NULL)
    return;
  for (guint i = 0; i < N_FONTS; i++)
    g_clear_object (&cache->layouts[i]);
  g_object_unref (cache->context);
  g_hash_table_unref (cache->current);
  g_hash_table_unref (cache->previous);
  g_string_free (cache->key, TRUE);
  g_array_unref (cache->sprite_keys);
  g_ptr_array_unref (cache->sprites);
  g_free (cache);
}

const ChronoShapedText *
_chrono_render_cache_shape (ChronoRenderCache *cache,
                            const char        *font,
                            const char        *text,
                            double             max_width)
{
  ChronoShapedText *shaped;
  gpointer key = NULL, value = NULL;

  g_string_printf (cache->key, "%s\x1f%.3f\x1f%s", font, MAX (max_width, 0.0), text);
  shaped = g_hash_table_lookup (cache->current, cache->key->str);
  if (shaped != NULL)
    return shaped;
  if (g_hash_table_steal_extended (cache->previous, cache->key->str, &key, &value))
    {
      g_hash_table_insert (cache->current, key, value);
      return value;
    }

  if (g_hash_table_size (cache->current) >= GENERATION_SIZE || cache->mask_bytes > MASK_BUDGET)
    rotate_generations (cache);
  shaped = shape (cache, font, text, max_width);
  shaped->counted = TRUE;
  g_hash_table_insert (cache->current, g_strdup (cache->key->str), shaped);
  return shaped;
}

double
_chrono_shaped_text_get_width (const ChronoShapedText *shaped)
{
  return shaped->width;
}

double
_chrono_shaped_text_get_height (const ChronoShapedText *shaped)
{
  return shaped->height;
}

int
_chrono_shaped_text_get_pixel_height (const ChronoShapedText *shaped)
{
  return shaped->pixel_height;
}

cairo_surface_t *
_chrono_render_cache_get_marker (ChronoRenderCache *cache,
                                 const double       rgba[4],
                                 const double       background[4],
                                 gboolean           hollow,
                                 double             scale,
                                 double             device_x,
                                 double             device_y,
                                 int               *origin_x,
                                 int               *origin_y)
{
  SpriteKey key;

  /* Zeroed padding too: keys are compared with memcmp(). */
  memset (&key, 0, sizeof key);
  key.kind = SPRITE_MARKER;
  set_color_params (key.params, rgba);
  set_color_params (key.params + 4, background);
  key.params[8] = hollow ? 1.0 : 0.0;
  key.scale = scale;
  return lookup_sprite (cache, &key, device_x, device_y, origin_x, origin_y);
}

cairo_surface_t *
_chrono_render_cache_get_badge (ChronoRenderCache *cache,
                                const double       fill[4],
                                const double       border[4],
                                double             width,
                                double             height,
                                double             scale,
                                double             device_x,
                                double             device_y,
                                int               *origin_x,
                                int               *origin_y)
{
  SpriteKey key;

  memset (&key, 0, sizeof key);
  key.kind = SPRITE_PILL;
  set_color_params (key.params, fill);
  set_color_params (key.params + 4, border);
  key.params[8] = width;
  key.params[9] = height;
  key.scale = scale;
  return lookup_sprite (cache, &key, device_x, device_y, origin_x, origin_y);
}

/* Batches ------------------------------------------------------------------- */

static void
entry_clear (gpointer data)
{
  Entry *e = data;

  shaped_text_unref (e->shaped);
}

ChronoTextBatch *
_chrono_text_batch_new (void)
{
  ChronoTextBatch *batch = g_new0 (ChronoTextBatch, 1);

  batch->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_array_set_clear_func (batch->entries, entry_clear);
  batch->scratch = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  return batch;
}

void
_chrono_text_batch_free (ChronoTextBatch *batch)
{
  if (batch == NULL)
    return;
  g_array_unref (batch->entries);
  g_array_unref (batch->scratch);
  g_free (batch);
}

void
_chrono_text_batch_add (ChronoTextBatch        *batch,
                        const ChronoShapedText *shaped,
                        double                  x,
                        double                  y,
                        const double            rgba[4])
{
  Entry e = { shaped_text_ref ((ChronoShapedText *) shaped), x, y, { rgba[0], rgba[1], rgba[2], rgba[3] } };

  g_array_append_val (batch->entries, e);
}

static void
set_source (cairo_t      *cr,
            const double  rgba[4],
            const double **current)
{
  if (*current != NULL && memcmp (*current, rgba, 4 * sizeof (double)) == 0)
    return;
  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3]);
  *current = rgba;
}

void
_chrono_text_batch_flush (ChronoTextBatch   *batch,
                          cairo_t           *cr,
                          ChronoRenderCache *cache,
                          double             mask_scale)
{
  const double *current = NULL;

  if (mask_scale > 0)
    {
      g_autofree double *device = g_new (double, 2 * (gsize) MAX (batch->entries->len, 1));

      for (guint i = 0; i < batch->entries->len; i++)
        {
          Entry *e = &g_array_index (batch->entries, Entry, i);

          device[2 * i] = e->x;
          device[2 * i + 1] = e->y;
          cairo_user_to_device (cr, &device[2 * i], &device[2 * i + 1]);
        }
      cairo_save (cr);
      cairo_identity_matrix (cr);
      for (guint i = 0; i < batch->entries->len; i++)
        {
          Entry *e = &g_array_index (batch->entries, Entry, i);
          const Mask *mask;
          int ox, oy;
          guint8 px, py;

          if (e->shaped->fallback != NULL || fabs (device[2 * i]) > 1e6 || fabs (device[2 * i + 1]) > 1e6)
            continue;
          /* Pango puts glyphs on whole pixels, and cairo rounds each glyph
           * to one: the label's x rounded the same way paints what cairo
           * would. Baselines may fall between pixels: y keeps a phase. */
          ox = (int) floor (device[2 * i] + 0.5);
          px = 0;
          quantize (device[2 * i + 1], &oy, &py);
          mask = get_mask (cache, e->shaped, mask_scale, px, py);
          set_source (cr, e->rgba, &current);
          cairo_mask_surface (cr, mask->surface, ox + mask->dx, oy + mask->dy);
        }
      cairo_restore (cr);
      current = NULL;
    }

  for (guint i = 0; i < batch->entries->len; i++)
    {
      Entry *e = &g_array_index (batch->entries, Entry, i);
      const ChronoShapedText *shaped = e->shaped;

      if (shaped->fallback != NULL)
        {
          set_source (cr, e->rgba, &current);
          cairo_move_to (cr, e->x, e->y);
          pango_cairo_show_layout (cr, shaped->fallback);
          cairo_new_path (cr);
          continue;
        }
      if (mask_scale > 0)
        continue;
      set_source (cr, e->rgba, &current);
      for (guint r = 0; r < shaped->n_runs; r++)
        {
          const GlyphRun *run = &shaped->runs[r];

          g_array_set_size (batch->scratch, run->n);
          for (guint k = 0; k < run->n; k++)
            {
              cairo_glyph_t *g = &g_array_index (batch->scratch, cairo_glyph_t, k);

              *g = shaped->glyphs[run->first + k];
              g->x += e->x;
              g->y += e->y;
            }
          /* One call per label: a mask for glyphs of the whole screen would
           * cost more than the glyphs. */
          cairo_set_scaled_font (cr, run->font);
          cairo_show_glyphs (cr, (cairo_glyph_t *) batch->scratch->data, (int) run->n);
        }
    }
  g_array_set_size (batch->entries, 0);
}
