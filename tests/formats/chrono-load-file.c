/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "chrono-format.h"

/* chrono-load-file FILE…: loads each file as the app would and prints the
 * number of events and the time it took, or the error. */
int
main (int   argc,
      char *argv[])
{
  int status = 0;

  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FILE…\n", argv[0]);
      return 2;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronoTimeline) timeline = NULL;
      gint64 begin = g_get_monotonic_time ();

      timeline = chrono_format_load_file (file, NULL, &error);
      if (timeline == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          status = 1;
          continue;
        }
      printf ("%s: %u events, %u categories in %.3f s\n", argv[i],
              chrono_timeline_get_n_events (timeline),
              g_list_model_get_n_items (chrono_timeline_get_categories (timeline)),
              (g_get_monotonic_time () - begin) / 1e6);
    }
  return status;
}
