/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "export-driver"

#include "config.h"

#include <stdlib.h>

#include "chrono-export.h"
#include "render-test-util.h"

/* Exports the sample timeline (or a random one) through the library, so the
 * independent-tool check runs without the GUI build. */
int
main (int    argc,
      char **argv)
{
  int width = 0, height = 0, random_events = 0, seed = 1;
  double scale = 0.0;
  gboolean dark = FALSE, transparent = FALSE, no_title = FALSE, no_legend = FALSE;
  char *range = NULL, *lanes = NULL;
  const GOptionEntry entries[] = {
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Width", NULL },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Height", NULL },
    { "scale", 0, 0, G_OPTION_ARG_DOUBLE, &scale, "PNG scale", NULL },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, "Dark theme", NULL },
    { "transparent", 0, 0, G_OPTION_ARG_NONE, &transparent, "Transparent", NULL },
    { "no-title", 0, 0, G_OPTION_ARG_NONE, &no_title, "No title", NULL },
    { "no-legend", 0, 0, G_OPTION_ARG_NONE, &no_legend, "No legend", NULL },
    { "range", 0, 0, G_OPTION_ARG_STRING, &range, "EDTF interval", NULL },
    { "lanes", 0, 0, G_OPTION_ARG_STRING, &lanes, "group, category or actor", NULL },
    { "random", 0, 0, G_OPTION_ARG_INT, &random_events, "Random timeline of N events", NULL },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Random seed", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("OUT");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoTimeline) timeline = NULL;
  g_autoptr(GFile) out = NULL;
  ChronoExportOptions options;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "usage: export-driver [OPTION…] OUT");
      return 2;
    }

  if (random_events > 0)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed ((guint32) seed);

      timeline = render_test_random_timeline (rand, (guint) random_events, 1990, 2020);
    }
  else
    timeline = render_test_sample_timeline ();

  chrono_export_options_init (&options);
  options.format = chrono_export_format_for_name (argv[1]);
  if (width)
    options.width = width;
  if (height)
    options.height = height;
  if (scale != 0.0)
    options.scale = scale;
  options.dark = dark;
  options.transparent = transparent;
  options.show_title = !no_title;
  options.show_legend = !no_legend;
  if (g_strcmp0 (lanes, "group") == 0)
    options.lanes = CHRONO_LANES_GROUP;
  else if (g_strcmp0 (lanes, "category") == 0)
    options.lanes = CHRONO_LANES_CATEGORY;
  else if (g_strcmp0 (lanes, "actor") == 0)
    options.lanes = CHRONO_LANES_ACTOR;
  if (range != NULL)
    {
      ChronoInterval interval;

      if (!chrono_interval_parse (range, &interval, &error))
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }
      chrono_interval_get_span (&interval, &options.lo, &options.hi);
      options.has_range = TRUE;
    }

  out = g_file_new_for_commandline_arg (argv[1]);
  if (!chrono_export_to_file (timeline, &options, out, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_free (range);
  g_free (lanes);
  return 0;
}
