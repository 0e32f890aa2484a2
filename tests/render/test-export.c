/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <unistd.h>

#include "chrono-builtin.h"
#include "chrono-error.h"
#include "chrono-export.h"
#include "chrono-render-private.h"
#include "chrono-renderer.h"
#include "render-test-util.h"

#define YEAR (365.2425 * 86400.0)

typedef struct {
  const guint8 *data;
  gsize size;
  gsize offset;
} Reader;

static cairo_status_t
read_bytes (void          *closure,
            unsigned char *data,
            unsigned int   length)
{
  Reader *reader = closure;

  if (reader->offset + length > reader->size)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *
decode_png (GBytes *bytes)
{
  Reader reader = { g_bytes_get_data (bytes, &reader.size), 0, 0 };
  cairo_surface_t *surface;

  reader.size = g_bytes_get_size (bytes);
  surface = cairo_image_surface_create_from_png_stream (read_bytes, &reader);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  return surface;
}

static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);

  return *(const guint32 *) (data + y * cairo_image_surface_get_stride (surface) + x * 4);
}

static double
mean_luminance (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  double sum = 0;

  cairo_surface_flush (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 p = pixel (surface, x, y);

        sum += (0.2126 * ((p >> 16) & 0xff) + 0.7152 * ((p >> 8) & 0xff) + 0.0722 * (p & 0xff)) / 255.0;
      }
  return sum / ((double) w * h);
}

static GBytes *
export_bytes (ChronoTimeline            *timeline,
              const ChronoExportOptions *options)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = chrono_export_to_bytes (timeline, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static void
test_formats (void)
{
  g_assert_cmpint (chrono_export_format_for_name ("a.png"), ==, CHRONO_EXPORT_PNG);
  g_assert_cmpint (chrono_export_format_for_name ("/x/B.SVG"), ==, CHRONO_EXPORT_SVG);
  g_assert_cmpint (chrono_export_format_for_name ("c.Pdf"), ==, CHRONO_EXPORT_PDF);
  g_assert_cmpint (chrono_export_format_for_name ("d.jpeg"), ==, CHRONO_EXPORT_UNKNOWN);
  g_assert_cmpint (chrono_export_format_for_name ("png"), ==, CHRONO_EXPORT_UNKNOWN);
}

static void
test_png_size (void)
{
  static const struct { int w, h; double scale; } cases[] = {
    { 640, 360, 1.0 }, { 640, 360, 2.0 }, { 333, 217, 1.5 }, { 1600, 900, 0.5 }, { 16, 16, 1.0 },
  };
  g_autoptr(ChronoTimeline) timeline = render_test_sample_timeline ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ChronoExportOptions options;
      g_autoptr(GBytes) bytes = NULL;
      cairo_surface_t *surface;

      chrono_export_options_init (&options);
      options.width = cases[i].w;
      options.height = cases[i].h;
      options.scale = cases[i].scale;
      bytes = export_bytes (timeline, &options);
      surface = decode_png (bytes);
      g_assert_cmpint (cairo_image_surface_get_width (surface), ==, (int) round (cases[i].w * cases[i].scale));
      g_assert_cmpint (cairo_image_surface_get_height (surface), ==, (int) round (cases[i].h * cases[i].scale));
      cairo_surface_destroy (surface);
    }
}

static void
test_themes (void)
{
  g_autoptr(ChronoTimeline) timeline = render_test_sample_timeline ();
  ChronoExportOptions options;
  g_autoptr(GBytes) light = NULL;
  g_autoptr(GBytes) dark = NULL;
  cairo_surface_t *surface;
  double lum;

  chrono_export_options_init (&options);
  options.width = 800;
  options.height = 450;
  light = export_bytes (timeline, &options);
  options.dark = TRUE;
  dark = export_bytes (timeline, &options);

  surface = decode_png (light);
  lum = mean_luminance (surface);
  g_test_message ("light mean luminance %.3f", lum);
  g_assert_cmpfloat (lum, >, 0.75);
  cairo_surface_destroy (surface);

  surface = decode_png (dark);
  lum = mean_luminance (surface);
  g_test_message ("dark mean luminance %.3f", lum);
  g_assert_cmpfloat (lum, <, 0.25);
  cairo_surface_destroy (surface);
}

static void
test_transparent (void)
{
  g_autoptr(ChronoTimeline) timeline = render_test_sample_timeline ();
  ChronoExportOptions options;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;
  int w, h, clear = 0;

  chrono_export_options_init (&options);
  options.width = 800;
  options.height = 450;
  options.transparent = TRUE;
  bytes = export_bytes (timeline, &options);
  surface = decode_png (bytes);
  w = cairo_image_surface_get_width (surface);
  h = cairo_image_surface_get_height (surface);
  cairo_surface_flush (surface);
  g_assert_cmpuint (pixel (surface, w - 2, 2) >> 24, ==, 0);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      clear += (pixel (surface, x, y) >> 24) == 0;
  g_test_message ("%d of %d pixels transparent", clear, w * h);
  g_assert_cmpint (clear, >, w * h / 3);
  cairo_surface_destroy (surface);

  /* The same, opaque: no transparent pixel at all. */
  g_clear_pointer (&bytes, g_bytes_unref);
  options.transparent = FALSE;
  bytes = export_bytes (timeline, &options);
  surface = decode_png (bytes);
  cairo_surface_flush (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      g_assert_cmpuint (pixel (surface, x, y) >> 24, ==, 0xff);
  cairo_surface_destroy (surface);
}

static gboolean
has_color (cairo_surface_t *surface,
           guint32          rgb)
{
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);

  cairo_surface_flush (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if ((pixel (surface, x, y) & 0xffffff) == rgb)
        return TRUE;
  return FALSE;
}

/* Only the range is drawn: a marker outside it never appears. */
static void
test_range (void)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autoptr(ChronoCategory) red = chrono_category_new ("red", "Red", "#ff0000");
  g_autoptr(ChronoCategory) blue = chrono_category_new ("blue", "Blue", "#0000ff");
  ChronoEvent *events[2];
  ChronoDate a, b;
  ChronoInterval interval;
  ChronoExportOptions options;
  ChronoViewport vp;
  g_autoptr(GBytes) bytes = NULL;
  cairo_surface_t *surface;

  chrono_timeline_add_category (timeline, red);
  chrono_timeline_add_category (timeline, blue);
  g_assert_true (chrono_date_parse ("2010-03-01", &a, NULL));
  g_assert_true (chrono_date_parse ("2020-06-01", &b, NULL));
  events[0] = chrono_event_new ("a", "Outside", &a);
  chrono_event_set_category (events[0], "red");
  events[1] = chrono_event_new ("b", "Inside", &b);
  chrono_event_set_category (events[1], "blue");
  chrono_timeline_add_events (timeline, events, 2);
  g_object_unref (events[0]);
  g_object_unref (events[1]);

  chrono_export_options_init (&options);
  options.width = 600;
  options.height = 300;
  options.show_legend = FALSE;
  g_assert_true (chrono_interval_parse ("2020/2020", &interval, NULL));
  chrono_interval_get_span (&interval, &options.lo, &options.hi);
  options.has_range = TRUE;

  chrono_export_get_viewport (timeline, &options, &vp);
  g_assert_cmpfloat (vp.start, ==, (double) options.lo);
  g_assert_cmpfloat (vp.end, ==, (double) options.hi);

  bytes = export_bytes (timeline, &options);
  surface = decode_png (bytes);
  g_assert_true (has_color (surface, 0x0000ff));
  g_assert_false (has_color (surface, 0xff0000));
  cairo_surface_destroy (surface);

  /* The whole timeline shows both. */
  g_clear_pointer (&bytes, g_bytes_unref);
  options.has_range = FALSE;
  chrono_export_get_viewport (timeline, &options, &vp);
  g_assert_cmpfloat (vp.start, <, (double) options.lo - 9 * 365 * 86400.0);
  g_assert_cmpfloat (vp.end, >, (double) options.lo);
  bytes = export_bytes (timeline, &options);
  surface = decode_png (bytes);
  g_assert_true (has_color (surface, 0x0000ff));
  g_assert_true (has_color (surface, 0xff0000));
  cairo_surface_destroy (surface);
}

static void
test_bad_options (void)
{
  g_autoptr(ChronoTimeline) timeline = render_test_sample_timeline ();
  g_autoptr(GFile) file = g_file_new_for_path ("unused.png");
  ChronoExportOptions options;
  g_autoptr(GError) error = NULL;

  chrono_export_options_init (&options);
  options.width = 0;
  g_assert_false (chrono_export_to_file (timeline, &options, file, NULL, &error));
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  chrono_export_options_init (&options);
  options.height = 40000;
  g_assert_false (chrono_export_to_file (timeline, &options, file, NULL, &error));
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  chrono_export_options_init (&options);
  options.scale = 30;
  g_assert_false (chrono_export_to_file (timeline, &options, file, NULL, &error));
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  chrono_export_options_init (&options);
  options.format = CHRONO_EXPORT_UNKNOWN;
  g_assert_false (chrono_export_to_file (timeline, &options, file, NULL, &error));
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  chrono_export_options_init (&options);
  options.has_range = TRUE;
  options.lo = 100;
  options.hi = 100;
  g_assert_false (chrono_export_to_file (timeline, &options, file, NULL, &error));
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_ARGUMENT);
  g_assert_false (g_file_query_exists (file, NULL));
}

static void
assert_dir_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  g_assert_nonnull (dir);
  g_assert_null (g_dir_read_name (dir));
}

static void
test_files (void)
{
  g_autoptr(ChronoTimeline) timeline = render_test_sample_timeline ();
  g_autofree char *tmp = g_dir_make_tmp ("chrono-export-XXXXXX", NULL);
  static const char *const names[] = { "out.png", "out.svg", "out.pdf" };
  static const char *const magic[] = { "\x89PNG", "<?xml", "%PDF" };

  g_assert_nonnull (tmp);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (tmp, names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize length;
      ChronoExportOptions options;

      chrono_export_options_init (&options);
      options.format = chrono_export_format_for_name (names[i]);
      options.width = 800;
      options.height = 450;
      g_assert_true (chrono_export_to_file (timeline, &options, file, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_assert_true (g_str_has_prefix (contents, magic[i]));
      g_assert_cmpint (g_unlink (path), ==, 0);
    }

  /* A folder that does not exist: an error naming the file, and no file. */
  {
    g_autofree char *path = g_build_filename (tmp, "missing", "out.png", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;
    ChronoExportOptions options;

    chrono_export_options_init (&options);
    g_assert_false (chrono_export_to_file (timeline, &options, file, NULL, &error));
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "out.png"));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  assert_dir_empty (tmp);

  /* A read-only folder (root may write anyway: then there is nothing to test). */
  if (geteuid () != 0)
    {
      g_autofree char *ro = g_build_filename (tmp, "ro", NULL);
      g_autofree char *path = g_build_filename (ro, "out.svg", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      ChronoExportOptions options;

      g_assert_cmpint (g_mkdir (ro, 0500), ==, 0);
      chrono_export_options_init (&options);
      options.format = CHRONO_EXPORT_SVG;
      g_assert_false (chrono_export_to_file (timeline, &options, file, NULL, &error));
      g_assert_nonnull (error);
      assert_dir_empty (ro);
      g_assert_cmpint (g_rmdir (ro), ==, 0);
    }
  g_assert_cmpint (g_rmdir (tmp), ==, 0);
}


static cairo_surface_t *
draw_frame (ChronoLayout *layout,
            int           width,
            int           height,
            gboolean      recorded)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  ChronoRenderStyle style;
  cairo_t *cr;

  chrono_render_style_init (&style);
  cr = cairo_create (image);
  if (recorded)
    {
      /* As the canvas draws: into a recording, replayed later. */
      cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *rec = cairo_create (recording);

      chrono_renderer_draw (rec, layout, &style);
      cairo_destroy (rec);
      cairo_set_source_surface (cr, recording, 0, 0);
      cairo_paint (cr);
      cairo_surface_destroy (recording);
    }
  else
    chrono_renderer_draw (cr, layout, &style);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  return image;
}

/* Mean absolute difference per channel (0..255), and the fraction of
 * pixels differing by more than 64 in some channel. */
static void
compare_images (cairo_surface_t *a,
                cairo_surface_t *b,
                double          *mean,
                double          *strong)
{
  int w = cairo_image_surface_get_width (a), h = cairo_image_surface_get_height (a);
  double sum = 0;
  guint bad = 0;

  g_assert_cmpint (w, ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (h, ==, cairo_image_surface_get_height (b));
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 p = pixel (a, x, y), q = pixel (b, x, y);
        int worst = 0;

        for (int c = 0; c < 32; c += 8)
          {
            int d = ABS ((int) ((p >> c) & 0xff) - (int) ((q >> c) & 0xff));

            sum += d;
            worst = MAX (worst, d);
          }
        bad += worst > 64;
      }
  *mean = sum / (4.0 * w * h);
  *strong = (double) bad / ((double) w * h);
}

/* Frames on an image surface draw labels and markers from caches (glyph
 * masks, sprites); through a recording they take the plain path. Both
 * paint the same picture, and a frame drawn again from warm caches is the
 * same as the first. */
static void
test_cached_drawing (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(ChronoTimeline) timeline = render_test_random_timeline (rand, 20000, 1995, 2020);
  g_autoptr(ChronoLayout) layout = chrono_layout_new (timeline);
  PangoContext *context = chrono_renderer_create_pango_context ();
  const double zooms[] = { 0.0, 3.0, 300.0, 20000.0 };
  ChronoTime lo, hi;

  chrono_timeline_get_extent (timeline, &lo, &hi);
  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      ChronoViewport vp = { 0, 1, 900, 600 };
      cairo_surface_t *first, *again, *recorded;
      double mean, strong;
      guint n_items, n_clusters;

      chrono_viewport_fit (&vp, lo, hi, 0.02);
      if (zooms[z] > 0)
        chrono_viewport_zoom (&vp, zooms[z], vp.width / 3);
      chrono_layout_update (layout, &vp, context);
      chrono_layout_get_items (layout, &n_items);
      chrono_layout_get_clusters (layout, &n_clusters);
      g_assert_cmpuint (n_items, >, 0);

      first = draw_frame (layout, 900, 600, FALSE);
      again = draw_frame (layout, 900, 600, FALSE);
      recorded = draw_frame (layout, 900, 600, TRUE);

      compare_images (first, again, &mean, &strong);
      g_assert_cmpfloat (mean, ==, 0.0);
      compare_images (first, recorded, &mean, &strong);
      g_test_message ("zoom %g: %u items, %u badges; mean difference %.3f, %.3f%% strong",
                      zooms[z], n_items, n_clusters, mean, strong * 100);
      g_assert_cmpfloat (mean, <, 1.0);
      g_assert_cmpfloat (strong, <, 0.002);
      /* Not a blank picture: text and markers were drawn. */
      g_assert_cmpfloat (mean_luminance (first), <, 0.99);

      cairo_surface_destroy (first);
      cairo_surface_destroy (again);
      cairo_surface_destroy (recorded);
    }
  g_object_unref (context);
}


static ChronoTimeline *
load_builtin (void)
{
  g_autoptr(GError) error = NULL;
  ChronoTimeline *timeline = chrono_builtin_load (&error);

  g_assert_no_error (error);
  g_assert_nonnull (timeline);
  return timeline;
}

/* Lays out and draws @options with @layout onto an image; returns it. */
static cairo_surface_t *
draw_export_image (ChronoLayout              *layout,
                   const ChronoExportOptions *options)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, options->width, options->height);
  cairo_t *cr = cairo_create (image);

  chrono_export_draw_with_layout (layout, options, cr);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  return image;
}

/* The built-in timeline as `chronoscope --export` shows it, whole and with
 * each kind of lanes, at a few sizes: every label inside the picture and
 * whole where there is room (the approximate February 2024 bands near the
 * right edge put theirs left), the last marker clear of the right edge, and
 * with lanes no event folded into a badge while its lane has rows. */
static void
test_builtin_edges (void)
{
  static const int widths[] = { 1600, 1200, 800 };
  g_autoptr(ChronoTimeline) timeline = load_builtin ();
  g_autoptr(ChronoLayout) layout = chrono_layout_new (timeline);
  PangoContext *context = _chrono_layout_get_export_context (layout);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    for (ChronoLanes lanes = CHRONO_LANES_NONE; lanes <= CHRONO_LANES_ACTOR; lanes++)
      {
        ChronoExportOptions options;
        cairo_surface_t *image;
        const ChronoLayoutItem *items;
        const ChronoViewport *vp;
        guint n_items, n_clusters;
        double last_marker = 0.0;
        double pad = CHRONO_VIEWPORT_FIT_PAD_END;

        chrono_export_options_init (&options);
        options.width = widths[w];
        options.height = 900;
        options.lanes = lanes;
        image = draw_export_image (layout, &options);
        cairo_surface_destroy (image);
        vp = chrono_layout_get_viewport (layout);
        items = chrono_layout_get_items (layout, &n_items);
        chrono_layout_get_clusters (layout, &n_clusters);
        g_test_message ("%d wide, lanes %d: %u items, %u badges", widths[w], lanes, n_items, n_clusters);
        for (guint i = 0; i < n_items; i++)
          {
            g_autoptr(GString) label = g_string_new (NULL);
            double natural;

            _chrono_layout_append_label (layout, items[i].position, label);
            natural = MIN (_chrono_measure_text (context, CHRONO_FONT_LABEL, label->str), CHRONO_LABEL_MAX_WIDTH);
            g_assert_cmpfloat (items[i].label_x, >=, 0.0);
            g_assert_cmpfloat (items[i].label_x + items[i].label_width, <=, vp->width - CHRONO_LABEL_EDGE_PAD);
            /* Whole: at these sizes every label has room on one side. */
            if (fabs (items[i].label_width - natural) > 2.5)
              g_error ("label \"%s\" cut to %g of %g", label->str, items[i].label_width, natural);
            if (items[i].kind == CHRONO_ITEM_POINT)
              last_marker = MAX (last_marker, items[i].x0);
          }
        g_assert_cmpfloat (last_marker, >, 0.0);
        g_assert_cmpfloat (last_marker, <=, vp->width - pad);
        /* 900 pixels hold every lane of the built-in timeline with a row
         * per event. */
        if (lanes != CHRONO_LANES_NONE)
          g_assert_cmpuint (n_clusters, ==, 0);
        if (lanes == CHRONO_LANES_NONE || widths[w] == 1600)
          g_assert_cmpuint (n_items, ==, chrono_timeline_get_n_events (timeline));
      }
}

/* Mean luminance of the dark pixels (text) in columns [x0, x1) of rows
 * [y0, y1); the rightmost column with such a pixel, or -1. */
static int
last_dark_column (cairo_surface_t *image,
                  int              x0,
                  int              x1,
                  int              y0,
                  int              y1)
{
  int last = -1;

  for (int y = MAX (y0, 0); y < MIN (y1, cairo_image_surface_get_height (image)); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, cairo_image_surface_get_width (image)); x++)
      {
        guint32 p = pixel (image, x, y);
        double lum = (0.2126 * ((p >> 16) & 0xff) + 0.7152 * ((p >> 8) & 0xff) + 0.0722 * (p & 0xff)) / 255.0;

        if (lum < 0.5)
          last = MAX (last, x);
      }
  return last;
}

/* A label cut to the room is drawn ellipsized within it: text ink ends at
 * the label's box (with the ellipsis near its end), never at the edge. */
static void
test_clamped_ellipsis (void)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autoptr(ChronoLayout) layout = NULL;
  g_autoptr(ChronoEvent) event = NULL;
  ChronoExportOptions options;
  ChronoDate start, end;
  cairo_surface_t *image;
  const ChronoLayoutItem *items;
  guint n_items;
  int last;

  g_assert_true (chrono_date_parse ("2019-06-01", &start, NULL));
  g_assert_true (chrono_date_parse ("2021-06-01", &end, NULL));
  event = chrono_event_new ("bar", "Moving against a hacking operation on thousands of devices", &start);
  chrono_event_set_end (event, &end);
  chrono_timeline_add_event (timeline, event);
  layout = chrono_layout_new (timeline);

  chrono_export_options_init (&options);
  options.width = 240;
  options.height = 120;
  options.show_title = FALSE;
  options.show_legend = FALSE;
  options.has_range = TRUE;
  options.lo = (ChronoTime) ((2020 - 1970) * YEAR);
  options.hi = (ChronoTime) ((2020.5 - 1970) * YEAR);
  image = draw_export_image (layout, &options);
  items = chrono_layout_get_items (layout, &n_items);
  g_assert_cmpuint (n_items, ==, 1);
  g_assert_cmpfloat (items[0].label_x + items[0].label_width, <=, options.width - CHRONO_LABEL_EDGE_PAD);

  last = last_dark_column (image, 0, options.width, (int) items[0].y, (int) (items[0].y + items[0].height));
  g_test_message ("label [%g, %g), text ink up to column %d", items[0].label_x,
                  items[0].label_x + items[0].label_width, last);
  /* The renderer allows 2 px of slack for other font options. */
  g_assert_cmpint (last, <=, (int) ceil (items[0].label_x + items[0].label_width + 2.0));
  g_assert_cmpint (last, >=, (int) (items[0].label_x + items[0].label_width - 12.0));
  g_assert_cmpint (last, <, options.width - 2);
  cairo_surface_destroy (image);
}

static void
assert_bytes_equal (GBytes *a,
                    GBytes *b)
{
  g_assert_cmpuint (g_bytes_get_size (a), ==, g_bytes_get_size (b));
  g_assert_true (g_bytes_equal (a, b));
}

/* A line break, tab or control character draws as the space or U+FFFD it
 * is measured as: the PNG is the same as with those characters in its
 * place, for event titles and the document title alike. */
static void
test_control_chars (void)
{
  static const char *const pairs[][2] = {
    { "Alpha\nBravo", "Alpha Bravo" },
    { "Bell\aring\r\nand\ttab", "Bell\357\277\275ring and tab" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autoptr(GBytes) raw = NULL;
      g_autoptr(GBytes) shown = NULL;
      ChronoExportOptions options;

      chrono_export_options_init (&options);
      options.width = 640;
      options.height = 360;
      for (guint j = 0; j < 2; j++)
        {
          g_autoptr(ChronoTimeline) timeline = render_test_sample_timeline ();
          g_autoptr(ChronoEvent) event = NULL;
          ChronoDate date;

          g_assert_true (chrono_date_parse ("2021-03-01", &date, NULL));
          event = chrono_event_new ("ctl", pairs[i][j], &date);
          chrono_timeline_add_event (timeline, event);
          chrono_timeline_set_title (timeline, pairs[i][j]);
          if (j == 0)
            raw = export_bytes (timeline, &options);
          else
            shown = export_bytes (timeline, &options);
        }
      assert_bytes_equal (raw, shown);
    }
}

/* The same file, but for what differs between any two runs: a PDF holds
 * its creation time (the same size will do there), an SVG names the
 * recording it replays by cairo's serial number of a snapshot of it. */
static void
assert_same_export (ChronoExportFormat format,
                    GBytes            *a,
                    GBytes            *b)
{
  if (format == CHRONO_EXPORT_PDF)
    g_assert_cmpuint (g_bytes_get_size (a), ==, g_bytes_get_size (b));
  else if (format == CHRONO_EXPORT_SVG)
    {
      g_autoptr(GRegex) serial = g_regex_new ("surface[0-9]+", G_REGEX_RAW, 0, NULL);
      g_autofree char *sa = g_regex_replace_literal (serial, g_bytes_get_data (a, NULL),
                                                     (gssize) g_bytes_get_size (a), 0, "surface", 0, NULL);
      g_autofree char *sb = g_regex_replace_literal (serial, g_bytes_get_data (b, NULL),
                                                     (gssize) g_bytes_get_size (b), 0, "surface", 0, NULL);

      g_assert_nonnull (sa);
      g_assert_cmpstr (sa, ==, sb);
    }
  else
    assert_bytes_equal (a, b);
}

typedef struct {
  cairo_surface_t *recordings[3];
  ChronoExportOptions options[3];
  GBytes *bytes[3];
  GError *errors[3];
} EncodeJob;

static gpointer
encode_thread (gpointer data)
{
  EncodeJob *job = data;

  for (guint i = 0; i < 3; i++)
    job->bytes[i] = chrono_export_encode (job->recordings[i], &job->options[i], &job->errors[i]);
  return NULL;
}

/* Record on the main thread, encode in another while the main thread goes
 * on changing the timeline (and drawing it), then drops it: the worker
 * touches nothing but the recordings, and encodes the pictures as they
 * were, the same as encoded before on the main thread. */
static void
test_encode_thread (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  ChronoTimeline *timeline = render_test_random_timeline (rand, 3000, 2000, 2020);
  static const ChronoExportFormat formats[] = { CHRONO_EXPORT_PNG, CHRONO_EXPORT_SVG, CHRONO_EXPORT_PDF };
  EncodeJob job = { 0 };
  GBytes *expected[3];
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  GThread *thread;
  guint n_before = chrono_timeline_get_n_events (timeline);

  for (guint i = 0; i < 3; i++)
    {
      chrono_export_options_init (&job.options[i]);
      job.options[i].format = formats[i];
      job.options[i].width = 900;
      job.options[i].height = 500;
      job.options[i].scale = 2.0;
      job.options[i].lanes = CHRONO_LANES_CATEGORY;
      job.recordings[i] = chrono_export_record (timeline, &job.options[i], &error);
      g_assert_no_error (error);
      expected[i] = chrono_export_encode (job.recordings[i], &job.options[i], &error);
      g_assert_no_error (error);
    }

  thread = g_thread_new ("encode", encode_thread, &job);
  for (guint round = 0; round < 20; round++)
    {
      g_autoptr(GPtrArray) events = g_ptr_array_new ();
      cairo_surface_t *other;
      ChronoExportOptions options = job.options[round % 3];

      for (guint i = 0; i < 100; i++)
        {
          ChronoDate date;
          g_autofree char *text = g_strdup_printf ("2010-%02u-%02u", 1 + g_rand_int_range (rand, 0, 12),
                                                   1 + g_rand_int_range (rand, 0, 28));
          g_autofree char *id = g_strdup_printf ("added-%u-%u", round, i);
          ChronoEvent *event;

          g_assert_true (chrono_date_parse (text, &date, NULL));
          event = chrono_event_new (id, "Added while encoding", &date);
          g_ptr_array_add (events, event);
          g_ptr_array_add (added, event);
        }
      chrono_timeline_add_events (timeline, (ChronoEvent **) events->pdata, events->len);
      /* The main thread draws meanwhile, sharing fonts with the worker. */
      other = chrono_export_record (timeline, &options, &error);
      g_assert_no_error (error);
      cairo_surface_destroy (other);
    }
  g_assert_cmpuint (chrono_timeline_get_n_events (timeline), ==, n_before + 2000);
  g_object_unref (timeline);
  g_thread_join (thread);

  for (guint i = 0; i < 3; i++)
    {
      g_assert_no_error (job.errors[i]);
      g_assert_nonnull (job.bytes[i]);
      assert_same_export (formats[i], job.bytes[i], expected[i]);
      /* Encoding keeps no reference to the recording. */
      g_assert_cmpuint (cairo_surface_get_reference_count (job.recordings[i]), ==, 1);
      g_bytes_unref (job.bytes[i]);
      g_bytes_unref (expected[i]);
      cairo_surface_destroy (job.recordings[i]);
    }
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize size, n = strlen (needle);
  const char *data = g_bytes_get_data (bytes, &size);

  /* Binary data: NUL bytes do not end it. */
  for (gsize i = 0; i + n <= size; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Every export is a recording encoded: the same bytes as the two steps by
 * hand; a recording is encoded only with the options it was made for; a
 * PNG matches drawing straight onto an image, at scale 1 and 2; SVG and PDF
 * keep text as glyphs and fonts, not pixels. */
static void
test_record_encode (void)
{
  g_autoptr(ChronoTimeline) timeline = render_test_sample_timeline ();
  static const ChronoExportFormat formats[] = { CHRONO_EXPORT_PNG, CHRONO_EXPORT_SVG, CHRONO_EXPORT_PDF };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      ChronoExportOptions options, other;
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) direct = NULL;
      g_autoptr(GBytes) encoded = NULL;
      g_autoptr(GBytes) wrong = NULL;
      cairo_surface_t *recording;

      chrono_export_options_init (&options);
      options.format = formats[f];
      options.width = 800;
      options.height = 450;
      recording = chrono_export_record (timeline, &options, &error);
      g_assert_no_error (error);
      g_assert_nonnull (recording);
      g_assert_cmpint (cairo_surface_get_type (recording), ==, CAIRO_SURFACE_TYPE_RECORDING);
      encoded = chrono_export_encode (recording, &options, &error);
      g_assert_no_error (error);
      direct = export_bytes (timeline, &options);
      assert_same_export (formats[f], direct, encoded);

      other = options;
      other.width = 801;
      wrong = chrono_export_encode (recording, &other, &error);
      g_assert_null (wrong);
      g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
      other = options;
      other.format = formats[(f + 1) % 3];
      wrong = chrono_export_encode (recording, &other, &error);
      g_assert_null (wrong);
      g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_ARGUMENT);
      g_clear_error (&error);
      other = options;
      other.scale = 2.0;
      wrong = chrono_export_encode (recording, &other, &error);
      if (formats[f] == CHRONO_EXPORT_PNG)
        {
          /* Recorded in the pixels of scale 1. */
          g_assert_null (wrong);
          g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_ARGUMENT);
          g_clear_error (&error);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_nonnull (wrong);
          g_clear_pointer (&wrong, g_bytes_unref);
        }

      if (formats[f] == CHRONO_EXPORT_SVG)
        {
          g_assert_true (bytes_contain (encoded, "<symbol"));
          g_assert_false (bytes_contain (encoded, "<image"));
        }
      else if (formats[f] == CHRONO_EXPORT_PDF)
        {
          g_assert_true (bytes_contain (encoded, "/FontFile"));
          g_assert_true (bytes_contain (encoded, "/ToUnicode"));
          g_assert_false (bytes_contain (encoded, "/Subtype /Image"));
        }
      cairo_surface_destroy (recording);
    }

  /* A recording not made by the exporter is refused. */
  {
    cairo_surface_t *plain = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
    ChronoExportOptions options;
    g_autoptr(GError) error = NULL;

    chrono_export_options_init (&options);
    g_assert_null (chrono_export_encode (plain, &options, &error));
    g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_ARGUMENT);
    cairo_surface_destroy (plain);
  }

  /* The replayed PNG is the picture drawn straight onto an image. */
  for (double scale = 1.0; scale <= 2.0; scale += 1.0)
    {
      ChronoExportOptions options;
      g_autoptr(GBytes) bytes = NULL;
      cairo_surface_t *image, *decoded;
      cairo_t *cr;
      double mean, strong;

      chrono_export_options_init (&options);
      options.width = 800;
      options.height = 450;
      options.scale = scale;
      bytes = export_bytes (timeline, &options);
      decoded = decode_png (bytes);
      image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (800 * scale), (int) (450 * scale));
      cr = cairo_create (image);
      cairo_scale (cr, scale, scale);
      chrono_export_draw (timeline, &options, cr);
      cairo_destroy (cr);
      cairo_surface_flush (image);
      compare_images (image, decoded, &mean, &strong);
      g_test_message ("scale %g: mean difference %.3f, %.3f%% strong", scale, mean, strong * 100);
      g_assert_cmpfloat (mean, <, 1.0);
      g_assert_cmpfloat (strong, <, 0.002);
      cairo_surface_destroy (image);
      cairo_surface_destroy (decoded);
    }
}

static gboolean
count_calls (ChronoTimeline *timeline,
             guint           position,
             gpointer        user_data)
{
  (*(guint *) user_data)++;
  return TRUE;
}

/* A preview keeps one layout: drawing with it is the same picture as a
 * fresh export; it does not go over the timeline's events again on the
 * next draw (its filter, run once per event when the index is built, is
 * not called again), and it follows changes to the timeline and options. */
static void
test_draw_with_layout (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(ChronoTimeline) timeline = render_test_random_timeline (rand, 5000, 2000, 2020);
  g_autoptr(ChronoLayout) layout = chrono_layout_new (timeline);
  g_autoptr(ChronoEvent) event = NULL;
  ChronoExportOptions options;
  cairo_surface_t *kept, *fresh;
  double mean, strong;
  guint calls = 0;
  ChronoDate date;

  chrono_layout_set_filter (layout, count_calls, &calls, NULL);
  chrono_export_options_init (&options);
  options.width = 700;
  options.height = 400;

  kept = draw_export_image (layout, &options);
  g_assert_cmpuint (calls, ==, 5000);
  cairo_surface_destroy (kept);
  kept = draw_export_image (layout, &options);
  g_assert_cmpuint (calls, ==, 5000);
  fresh = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 700, 400);
  {
    cairo_t *cr = cairo_create (fresh);

    chrono_export_draw (timeline, &options, cr);
    cairo_destroy (cr);
    cairo_surface_flush (fresh);
  }
  compare_images (kept, fresh, &mean, &strong);
  g_assert_cmpfloat (mean, ==, 0.0);
  cairo_surface_destroy (kept);
  cairo_surface_destroy (fresh);

  /* Another lane setting, then a new event: both show. */
  options.lanes = CHRONO_LANES_GROUP;
  cairo_surface_destroy (draw_export_image (layout, &options));
  g_assert_cmpuint (chrono_layout_get_lanes (layout), ==, CHRONO_LANES_GROUP);
  {
    guint n_lanes;

    chrono_layout_get_lanes_layout (layout, &n_lanes);
    g_assert_cmpuint (n_lanes, >, 1);
  }
  calls = 0;
  cairo_surface_destroy (draw_export_image (layout, &options));
  g_assert_cmpuint (calls, ==, 0);
  g_assert_true (chrono_date_parse ("2031-01-01", &date, NULL));
  event = chrono_event_new ("late", "A late event", &date);
  chrono_timeline_add_event (timeline, event);
  cairo_surface_destroy (draw_export_image (layout, &options));
  /* Indexed again, once, and the whole timeline now reaches 2031. */
  g_assert_cmpuint (calls, ==, 5001);
  g_assert_cmpfloat (chrono_layout_get_viewport (layout)->end, >, (2031 - 1970) * YEAR);
}

/* A layout kept across exports (the dialog's preview) draws each range as a
 * new layout would: lanes keep their heights while a canvas pans, but an
 * export's picture depends only on its options. Ranges of one length that
 * overlap are what a pan looks like to the layout. */
static void
test_kept_layout_ranges (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(ChronoTimeline) timeline = render_test_random_timeline (rand, 150, 2000, 2020);
  g_autoptr(ChronoLayout) layout = chrono_layout_new (timeline);
  ChronoExportOptions options;
  guint differing = 0;

  chrono_export_options_init (&options);
  options.width = 900;
  options.height = 500;
  options.lanes = CHRONO_LANES_GROUP;
  options.has_range = TRUE;
  for (guint i = 0; i < 24; i++)
    {
      g_autoptr(ChronoLayout) fresh_layout = chrono_layout_new (timeline);
      cairo_surface_t *kept, *fresh;
      double mean, strong;

      /* Two years wide, a month later each time. */
      options.lo = (ChronoTime) ((2004 - 1970) * YEAR + i * YEAR / 12);
      options.hi = options.lo + (ChronoTime) (2 * YEAR);
      kept = draw_export_image (layout, &options);
      fresh = draw_export_image (fresh_layout, &options);
      compare_images (kept, fresh, &mean, &strong);
      g_assert_cmpfloat (mean, ==, 0.0);
      cairo_surface_destroy (kept);
      cairo_surface_destroy (fresh);

      /* The ranges do move lanes: each export's plan is its own. */
      if (i > 0)
        {
          g_autoptr(ChronoLayout) previous = chrono_layout_new (timeline);
          const ChronoLayoutLane *a, *b;
          guint n_a, n_b;
          ChronoExportOptions before = options;

          before.lo -= (ChronoTime) (YEAR / 12);
          before.hi -= (ChronoTime) (YEAR / 12);
          cairo_surface_destroy (draw_export_image (previous, &before));
          a = chrono_layout_get_lanes_layout (previous, &n_a);
          b = chrono_layout_get_lanes_layout (fresh_layout, &n_b);
          for (guint l = 0; l < MIN (n_a, n_b); l++)
            differing += a[l].y1 != b[l].y1;
        }
    }
  g_assert_cmpuint (differing, >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/formats", test_formats);
  g_test_add_func ("/export/png-size", test_png_size);
  g_test_add_func ("/export/themes", test_themes);
  g_test_add_func ("/export/transparent", test_transparent);
  g_test_add_func ("/export/range", test_range);
  g_test_add_func ("/export/bad-options", test_bad_options);
  g_test_add_func ("/export/files", test_files);
  g_test_add_func ("/export/cached-drawing", test_cached_drawing);
  g_test_add_func ("/export/builtin-edges", test_builtin_edges);
  g_test_add_func ("/export/clamped-ellipsis", test_clamped_ellipsis);
  g_test_add_func ("/export/control-chars", test_control_chars);
  g_test_add_func ("/export/record-encode", test_record_encode);
  g_test_add_func ("/export/encode-thread", test_encode_thread);
  g_test_add_func ("/export/draw-with-layout", test_draw_with_layout);
  g_test_add_func ("/export/kept-layout-ranges", test_kept_layout_ranges);

  return g_test_run ();
}
