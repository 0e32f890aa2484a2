/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "chrono-format.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *names[] = { "fuzz", "fuzz.csv", "fuzz.json", "fuzz.chrono.json", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoTimeline) timeline = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      ChronoFormat format = chrono_format_detect ((const char *) data, size, names[i]);

      if (format > CHRONO_FORMAT_STIX)
        abort ();
    }

  timeline = chrono_format_load_data ((const char *) data, size, "fuzz", &error);
  fuzz_check_result (timeline, error);
  return 0;
}
