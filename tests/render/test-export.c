/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-export"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <unistd.h>

#include "chrono-error.h"
#include "chrono-export.h"
#include "chrono-renderer.h"
#include "render-test-util.h"

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

  return g_test_run ();
}
