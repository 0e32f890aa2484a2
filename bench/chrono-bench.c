/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Chronoscope's benchmark: generates synthetic timelines of 1k to 1M events
 * and prints load time, peak memory, layout and frame times at three zoom
 * levels, hit-test time and export times. Each size runs in a child process
 * so that peak RSS belongs to that size alone.
 *
 *   chrono-bench                 all sizes (1k, 10k, 100k, 1M)
 *   chrono-bench --sizes 1000,100000 --frames 30
 */
#define G_LOG_DOMAIN "chrono-bench"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "chrono-export.h"
#include "chrono-layout.h"
#include "chrono-native.h"
#include "chrono-renderer.h"

#define FRAME_WIDTH 1920
#define FRAME_HEIGHT 1080
/* One mouse-wheel notch in the canvas zooms by exp (0.18). */
#define WHEEL_STEP 0.18

static const char *categories[] = { "intrusion", "disclosure", "attribution", "legal", "sanctions", "diplomacy" };
static const char *groups[] = { "United States", "United Kingdom", "New Zealand", "Netherlands", "China", "Germany", "Australia", "Canada" };
static const char *actors[] = { "APT31", "APT40", "APT41", "Volt Typhoon", "Ministry of State Security", "Unknown" };

/* Peak resident set size of this process, in bytes. */
static gint64
peak_rss (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (gint64) usage.ru_maxrss * 1024;
}

static gint64
current_rss (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line != NULL ? g_ascii_strtoll (line + 6, NULL, 10) * 1024 : 0;
}

/* Writes a native file of @n events over ~30 years (1995–2025): 80 % points
 * at day or second precision, 10 % month precision, 10 % ranges. Returns the
 * number of bytes of event text (titles, ids, descriptions) in *text_bytes. */
static char *
generate (guint   n,
          gsize  *text_bytes)
{
  g_autoptr(GString) json = g_string_sized_new ((gsize) n * 200);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GRand *rand = g_rand_new_with_seed (n);
  const gint64 t0 = 788918400;     /* 1995-01-01 */
  const gint64 span = 946684800;   /* 30 years */
  gsize text = 0;
  int fd;

  g_string_append (json, "{\"chronoscope\":1,\"title\":\"Synthetic\",\"categories\":[");
  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    g_string_append_printf (json, "%s{\"id\":\"%s\",\"name\":\"%s\",\"color\":\"#%06x\"}",
                            i ? "," : "", categories[i], categories[i],
                            (guint) g_rand_int_range (rand, 0, 0xffffff));
  g_string_append (json, "],\"events\":[\n");

  for (guint i = 0; i < n; i++)
    {
      gint64 t = t0 + (gint64) (g_rand_double (rand) * span);
      GDateTime *dt = g_date_time_new_from_unix_utc (t);
      guint kind = g_rand_int_range (rand, 0, 10);
      g_autofree char *start = NULL;
      g_autofree char *end = NULL;
      g_autofree char *title = g_strdup_printf ("Event %u of the synthetic timeline", i);
      g_autofree char *desc = g_strdup_printf ("Description of event %u.", i);

      if (kind < 4)
        start = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
      else if (kind < 8)
        start = g_date_time_format (dt, "%Y-%m-%d");
      else if (kind < 9)
        start = g_date_time_format (dt, "%Y-%m");
      else
        {
          GDateTime *later = g_date_time_add_days (dt, g_rand_int_range (rand, 1, 400));

          start = g_date_time_format (dt, "%Y-%m-%d");
          end = g_date_time_format (later, "%Y-%m-%d");
          g_date_time_unref (later);
        }
      g_date_time_unref (dt);

      g_string_append_printf (json,
                              "%s{\"id\":\"e%u\",\"title\":\"%s\",\"start\":\"%s\"%s%s%s,"
                              "\"description\":\"%s\",\"category\":\"%s\",\"group\":\"%s\","
                              "\"actors\":[\"%s\"],\"importance\":%d}\n",
                              i ? "," : "", i, title, start,
                              end ? ",\"end\":\"" : "", end ? end : "", end ? "\"" : "",
                              desc,
                              categories[g_rand_int_range (rand, 0, G_N_ELEMENTS (categories))],
                              groups[g_rand_int_range (rand, 0, G_N_ELEMENTS (groups))],
                              actors[g_rand_int_range (rand, 0, G_N_ELEMENTS (actors))],
                              g_rand_int_range (rand, 0, 101));
      text += strlen (title) + strlen (desc) + 1 + (gsize) log10 (i + 1) + 1;
    }
  g_string_append (json, "]}\n");
  g_rand_free (rand);

  fd = g_file_open_tmp ("chrono-bench-XXXXXX.chrono.json", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, json->str, json->len, &error);
  g_assert_no_error (error);
  *text_bytes = text;
  return g_steal_pointer (&path);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

typedef struct {
  double median_ms;
  double worst_ms;
} Timing;

/* Lays out and draws @frames frames from @viewport, moving it before each:
 * panning by 3 px back and forth, so that no cache can answer without work,
 * or with @wheel one wheel notch in for the first half of the frames and
 * out for the second, as turning the mouse wheel does: every frame at a
 * new zoom level, the worst case for layout and label caches. */
static Timing
time_frames (ChronoLayout         *layout,
             const ChronoViewport *viewport,
             gboolean              wheel,
             PangoContext         *pango,
             cairo_t              *cr,
             guint                 frames)
{
  g_autofree double *times = g_new (double, frames);
  ChronoRenderStyle style;
  ChronoViewport vp = *viewport;
  Timing result;

  chrono_render_style_init (&style);
  for (guint i = 0; i < frames; i++)
    {
      gint64 begin = g_get_monotonic_time ();

      if (wheel)
        chrono_viewport_zoom (&vp, exp (i < frames / 2 ? WHEEL_STEP : -WHEEL_STEP), vp.width / 2.0);
      else
        chrono_viewport_pan (&vp, (i % 2) ? -3.0 : 3.0);
      chrono_layout_update (layout, &vp, pango);
      chrono_renderer_draw (cr, layout, &style);
      cairo_surface_flush (cairo_get_target (cr));
      times[i] = (g_get_monotonic_time () - begin) / 1000.0;
    }
  qsort (times, frames, sizeof (double), compare_double);
  result.median_ms = times[frames / 2];
  result.worst_ms = times[frames - 1];
  return result;
}

static double
time_export (ChronoTimeline     *timeline,
             ChronoExportFormat  format,
             const char         *suffix)
{
  g_autofree char *path = g_strdup_printf ("%s/chrono-bench-export.%s", g_get_tmp_dir (), suffix);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ChronoExportOptions options;
  gint64 begin;

  chrono_export_options_init (&options);
  options.format = format;
  begin = g_get_monotonic_time ();
  if (!chrono_export_to_file (timeline, &options, file, NULL, &error))
    g_error ("export failed: %s", error->message);
  g_unlink (path);
  return (g_get_monotonic_time () - begin) / 1000.0;
}

static int
run_one (guint n,
         guint frames)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(ChronoTimeline) timeline = NULL;
  g_autoptr(ChronoLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  PangoContext *pango;
  cairo_surface_t *surface;
  cairo_t *cr;
  ChronoViewport all = { 0, 1, FRAME_WIDTH, FRAME_HEIGHT };
  ChronoViewport middle, day, dense;
  ChronoTime lo, hi;
  Timing t_all, t_middle, t_day, t_dense, t_sweep, t_lanes;
  guint n_steps;
  gsize text_bytes = 0;
  gint64 rss_before, begin;
  double load_ms, layout_ms, first_draw_ms, hit_ms = 0.0, png_ms, svg_ms;
  double bytes_per_event;
  guint hits = 0;

  path = generate (n, &text_bytes);
  file = g_file_new_for_path (path);

  rss_before = current_rss ();
  begin = g_get_monotonic_time ();
  timeline = chrono_native_load_file (file, NULL, &error);
  load_ms = (g_get_monotonic_time () - begin) / 1000.0;
  if (timeline == NULL)
    g_error ("load failed: %s", error->message);
  g_unlink (path);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, n);
  /* What the loaded document costs beyond its text: the peak during loading
   * counts too, since that is what the machine must have. */
  bytes_per_event = ((double) (peak_rss () - rss_before) - (double) text_bytes) / n;

  pango = chrono_renderer_create_pango_context ();
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, FRAME_WIDTH, FRAME_HEIGHT);
  cr = cairo_create (surface);
  layout = chrono_layout_new (timeline);

  chrono_timeline_get_extent (timeline, &lo, &hi);
  chrono_viewport_fit (&all, lo, hi, 0.02);
  middle = all;
  chrono_viewport_zoom (&middle, (all.end - all.start) / (365.2425 * 86400.0), FRAME_WIDTH / 2.0);
  day = all;
  chrono_viewport_zoom (&day, (all.end - all.start) / 86400.0, FRAME_WIDTH / 2.0);
  /* The same visible density at every size: about 1000 events in view. */
  dense = all;
  chrono_viewport_zoom (&dense, MAX (1.0, n / 1000.0), FRAME_WIDTH / 2.0);

  begin = g_get_monotonic_time ();
  chrono_layout_update (layout, &all, pango);
  layout_ms = (g_get_monotonic_time () - begin) / 1000.0;

  /* The first draw also loads fonts and fills the glyph caches: a cost paid
   * once per run of the app, shown on its own. */
  {
    ChronoRenderStyle style;

    chrono_render_style_init (&style);
    begin = g_get_monotonic_time ();
    chrono_renderer_draw (cr, layout, &style);
    cairo_surface_flush (surface);
    first_draw_ms = (g_get_monotonic_time () - begin) / 1000.0;
  }

  t_all = time_frames (layout, &all, FALSE, pango, cr, frames);
  t_middle = time_frames (layout, &middle, FALSE, pango, cr, frames);
  t_day = time_frames (layout, &day, FALSE, pango, cr, frames);
  t_dense = time_frames (layout, &dense, FALSE, pango, cr, frames);
  /* In to one day and back out, one wheel notch per frame. */
  n_steps = (guint) ceil (log ((all.end - all.start) / 86400.0) / WHEEL_STEP);
  t_sweep = time_frames (layout, &all, TRUE, pango, cr, 2 * n_steps);
  /* Swimlanes by group at one year; switching them on (grouping the
   * events once) is left out, as the first layout is. */
  chrono_layout_set_lanes (layout, CHRONO_LANES_GROUP);
  chrono_layout_update (layout, &middle, pango);
  t_lanes = time_frames (layout, &middle, FALSE, pango, cr, frames);
  chrono_layout_set_lanes (layout, CHRONO_LANES_NONE);

  /* Hit tests where clusters are (all) and where single events are (year). */
  for (guint z = 0; z < 2; z++)
    {
      chrono_layout_update (layout, z == 0 ? &all : &middle, pango);
      begin = g_get_monotonic_time ();
      for (guint i = 0; i < 1000; i++)
        {
          ChronoHit hit;

          if (chrono_layout_hit_test (layout, (i * 7919) % FRAME_WIDTH, (i * 104729) % FRAME_HEIGHT, &hit))
            hits++;
        }
      hit_ms = MAX (hit_ms, (g_get_monotonic_time () - begin) / 1000.0);
    }

  png_ms = time_export (timeline, CHRONO_EXPORT_PNG, "png");
  svg_ms = time_export (timeline, CHRONO_EXPORT_SVG, "svg");

  g_print ("| %9u | %7.0f | %6.0f | %5.0f | %6.1f | %5.1f | %4.1f / %4.1f | %4.1f / %4.1f | %4.1f / %4.1f "
           "| %4.1f / %4.1f | %4.1f / %4.1f | %4.1f / %4.1f | %6.3f | %5.0f | %5.0f |\n",
           n, load_ms, peak_rss () / 1048576.0, bytes_per_event, layout_ms, first_draw_ms,
           t_all.median_ms, t_all.worst_ms, t_middle.median_ms, t_middle.worst_ms,
           t_day.median_ms, t_day.worst_ms, t_dense.median_ms, t_dense.worst_ms,
           t_sweep.median_ms, t_sweep.worst_ms, t_lanes.median_ms, t_lanes.worst_ms, hit_ms, png_ms, svg_ms);
  g_debug ("%u hits of 1000", hits);

  g_clear_object (&layout);
  g_object_unref (pango);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *sizes = NULL;
  int one = 0;
  int frames = 20;
  int generate_n = 0;
  g_autofree char *output = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;
  const GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes, "Comma-separated event counts", "N,N,…" },
    { "frames", 0, 0, G_OPTION_ARG_INT, &frames, "Frames per zoom level (default 20)", "N" },
    { "one", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &one, NULL, NULL },
    { "generate", 0, 0, G_OPTION_ARG_INT, &generate_n, "Only write a synthetic timeline of N events (to --output)", "N" },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, "Where --generate writes", "FILE" },
    { NULL }
  };

  context = g_option_context_new ("— Chronoscope benchmark");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (frames < 1)
    frames = 1;
  if (one > 0)
    return run_one ((guint) one, (guint) frames);
  if (generate_n > 0)
    {
      gsize text_bytes;
      g_autofree char *path = NULL;
      g_autoptr(GFile) from = NULL;
      g_autoptr(GFile) to = NULL;

      if (output == NULL)
        {
          g_printerr ("--generate needs --output FILE\n");
          return 1;
        }
      path = generate ((guint) generate_n, &text_bytes);
      from = g_file_new_for_path (path);
      to = g_file_new_for_commandline_arg (output);
      if (!g_file_move (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          g_unlink (path);
          return 1;
        }
      return 0;
    }

  parts = g_strsplit (sizes != NULL ? sizes : "1000,10000,100000,1000000", ",", -1);
  g_print ("Times in ms. layout, draw: the first layout after loading (builds the summaries,\n"
           "loads the label font) and the first draw (fills glyph caches), each paid once.\n"
           "Frames: %dx%d, median / worst of %d per view (\"~1000\": a window in which about\n"
           "1000 events start, at every size; \"wheel\": every frame at a new zoom, all -> one day\n"
           "-> all; \"lanes\": swimlanes by group at one year). hits: the slower of 1000 hit tests\n"
           "zoomed out and 1000 at one year.\n",
           FRAME_WIDTH, FRAME_HEIGHT, frames);
  g_print ("| events    | load ms | peak MB | B/evt | layout | draw  | frame all   | frame 1 year | frame 1 day "
           "| frame ~1000  | wheel zoom  | lanes       | 1000 hits | PNG ms | SVG ms |\n");
  g_print ("|-----------|---------|--------|-------|--------|-------|-------------|-------------|-------------"
           "|-------------|-------------|-------------|--------|-------|-------|\n");
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *frames_arg = g_strdup_printf ("--frames=%d", frames);
      g_autofree char *one_arg = g_strdup_printf ("--one=%s", parts[i]);
      const char *child_argv[] = { argv[0], one_arg, frames_arg, NULL };
      int status = 0;

      if (!g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN,
                         NULL, NULL, NULL, NULL, &status, &error)
          || !g_spawn_check_wait_status (status, &error))
        {
          g_printerr ("size %s: %s\n", parts[i], error->message);
          return 1;
        }
    }
  return 0;
}
