/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chrono-csv.h"
#include "chrono-model.h"

/* libFuzzer entry points (declared here for -Wmissing-prototypes). */
int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* a critical or warning is a bug the fuzzer should stop on */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("TZ", "UTC", TRUE);
  return 0;
}

/* A reader either loads or fails with one error naming the input; what it
 * loads survives a CSV export and re-import. Anything else aborts, which
 * libFuzzer reports as a crash. */
static inline void
fuzz_check_result (ChronoTimeline *timeline,
                   GError         *error)
{
  if ((timeline == NULL) == (error == NULL))
    abort ();
  if (error != NULL)
    {
      if (!g_str_has_prefix (error->message, "fuzz:") ||
          !g_utf8_validate (error->message, -1, NULL))
        abort ();
      return;
    }

  {
    g_autofree char *csv = NULL;
    g_autoptr(ChronoTimeline) back = NULL;
    g_autoptr(GError) csv_error = NULL;
    gsize length;

    csv = chrono_csv_to_data (timeline, &length);
    back = chrono_csv_load_data (csv, length, "export.csv", &csv_error);
    if (back == NULL ||
        chrono_timeline_get_n_events (back) != chrono_timeline_get_n_events (timeline))
      abort ();
  }
}
