/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Chronoscope's side of bench/compare-vis.sh: what a person waits for when
 * opening a file (load, layout and draw of the first frame at 1920×1080
 * fitted to the whole timeline) and for one zoom (layout and draw of a
 * one-year window centred in the data). Prints one JSON line per file:
 *
 *   chrono-first-frame [--runs N] [--png-dir DIR] FILE…
 *   {"events":N,"status":"ok","load_ms":[…],"first_ms":[…],"zoom_ms":[…],…}
 *
 * first_ms includes load_ms. Each run loads the file anew. --png-dir writes
 * the first run's two frames (chrono-N-all.png, chrono-N-year.png) to check
 * what was drawn. */
#define G_LOG_DOMAIN "chrono-first-frame"

#include "config.h"

#include <pango/pangocairo.h>
#include <stdlib.h>

#include "chrono-layout.h"
#include "chrono-native.h"
#include "chrono-renderer.h"

#define FRAME_WIDTH 1920
#define FRAME_HEIGHT 1080
#define YEAR_SECONDS (365.2425 * 86400.0)

typedef struct {
  double load_ms;
  double first_ms;
  double zoom_ms;
  guint events;
  guint items_all, clusters_all;
  guint items_year, clusters_year;
} Run;

static double
ms_since (gint64 begin)
{
  return (g_get_monotonic_time () - begin) / 1000.0;
}

static void
draw (ChronoLayout         *layout,
      const ChronoViewport *viewport,
      PangoContext         *pango,
      cairo_t              *cr)
{
  ChronoRenderStyle style;

  chrono_render_style_init (&style);
  chrono_layout_update (layout, viewport, pango);
  chrono_renderer_draw (cr, layout, &style);
  cairo_surface_flush (cairo_get_target (cr));
}

/* Outside the timing: only the first run of a file writes its frames. */
static void
save_frame (cairo_t    *cr,
            const char *png_dir,
            guint       events,
            const char *what)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  cairo_status_t status;

  if (png_dir == NULL)
    return;
  name = g_strdup_printf ("chrono-%u-%s.png", events, what);
  path = g_build_filename (png_dir, name, NULL);
  status = cairo_surface_write_to_png (cairo_get_target (cr), path);
  if (status != CAIRO_STATUS_SUCCESS)
    g_printerr ("%s: %s\n", path, cairo_status_to_string (status));
}

static gboolean
run_once (GFile         *file,
          PangoContext  *pango,
          cairo_t       *cr,
          const char    *png_dir,
          Run           *run,
          GError       **error)
{
  g_autoptr(ChronoTimeline) timeline = NULL;
  g_autoptr(ChronoLayout) layout = NULL;
  ChronoViewport all = { 0, 1, FRAME_WIDTH, FRAME_HEIGHT };
  ChronoViewport year;
  ChronoTime lo, hi;
  gint64 begin, zoom_begin;

  begin = g_get_monotonic_time ();
  timeline = chrono_native_load_file (file, NULL, error);
  if (timeline == NULL)
    return FALSE;
  run->load_ms = ms_since (begin);

  layout = chrono_layout_new (timeline);
  chrono_timeline_get_extent (timeline, &lo, &hi);
  chrono_viewport_fit (&all, lo, hi, 0.02);
  draw (layout, &all, pango, cr);
  run->first_ms = ms_since (begin);
  chrono_layout_get_items (layout, &run->items_all);
  chrono_layout_get_clusters (layout, &run->clusters_all);
  run->events = g_list_model_get_n_items (G_LIST_MODEL (timeline));
  save_frame (cr, png_dir, run->events, "all");

  /* The same window bench-vis.mjs gives setWindow: one year around the
   * centre of the fitted view. */
  year = all;
  chrono_viewport_zoom (&year, (all.end - all.start) / YEAR_SECONDS, FRAME_WIDTH / 2.0);
  zoom_begin = g_get_monotonic_time ();
  draw (layout, &year, pango, cr);
  run->zoom_ms = ms_since (zoom_begin);
  chrono_layout_get_items (layout, &run->items_year);
  chrono_layout_get_clusters (layout, &run->clusters_year);
  save_frame (cr, png_dir, run->events, "year");
  return TRUE;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
append_times (GString    *out,
              const char *name,
              const Run  *runs,
              guint       n,
              gsize       offset)
{
  g_autofree double *sorted = g_new (double, n);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out, ",\"%s\":[", name);
  for (guint i = 0; i < n; i++)
    {
      sorted[i] = G_STRUCT_MEMBER (double, &runs[i], offset);
      g_string_append_printf (out, "%s%s", i ? "," : "",
                              g_ascii_formatd (buf, sizeof buf, "%.3f", sorted[i]));
    }
  qsort (sorted, n, sizeof (double), compare_double);
  g_string_append_printf (out, "],\"%s_median\":%s", name,
                          g_ascii_formatd (buf, sizeof buf, "%.3f", sorted[n / 2]));
}

int
main (int   argc,
      char *argv[])
{
  int n_runs = 5;
  g_autofree char *png_dir = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  PangoContext *pango;
  PangoLayout *warm;
  cairo_surface_t *surface;
  cairo_t *cr;
  int status = 0;
  const GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Runs per file (default 5)", "N" },
    { "png-dir", 0, 0, G_OPTION_ARG_FILENAME, &png_dir, "Write the first run's frames here", "DIR" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, "FILE…" },
    { NULL }
  };

  context = g_option_context_new ("FILE… — time to first frame and to redraw after a zoom");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (files == NULL || n_runs < 1)
    {
      g_printerr ("usage: chrono-first-frame [--runs N] [--png-dir DIR] FILE…\n");
      return 2;
    }

  /* The app has its fonts loaded before a file is opened, as the browser
   * has on the other side: load them outside the timing. */
  pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  warm = pango_layout_new (pango);
  pango_layout_set_text (warm, "Warm up 2001", -1);
  pango_layout_get_pixel_size (warm, NULL, NULL);
  g_object_unref (warm);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, FRAME_WIDTH, FRAME_HEIGHT);
  cr = cairo_create (surface);

  for (guint f = 0; files[f] != NULL; f++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (files[f]);
      g_autofree Run *runs = g_new0 (Run, n_runs);
      g_autoptr(GString) out = g_string_new (NULL);

      for (int i = 0; i < n_runs; i++)
        if (!run_once (file, pango, cr, i == 0 ? png_dir : NULL, &runs[i], &error))
          {
            g_printerr ("%s: %s\n", files[f], error->message);
            g_clear_error (&error);
            status = 1;
            break;
          }
      if (status != 0)
        break;

      g_string_append_printf (out, "{\"events\":%u,\"status\":\"ok\",\"runs\":%d",
                              runs[0].events, n_runs);
      append_times (out, "load_ms", runs, n_runs, G_STRUCT_OFFSET (Run, load_ms));
      append_times (out, "first_ms", runs, n_runs, G_STRUCT_OFFSET (Run, first_ms));
      append_times (out, "zoom_ms", runs, n_runs, G_STRUCT_OFFSET (Run, zoom_ms));
      g_string_append_printf (out, ",\"items_all\":%u,\"clusters_all\":%u,"
                              "\"items_year\":%u,\"clusters_year\":%u}\n",
                              runs[0].items_all, runs[0].clusters_all,
                              runs[0].items_year, runs[0].clusters_year);
      g_print ("%s", out->str);
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_object_unref (pango);
  return status;
}
