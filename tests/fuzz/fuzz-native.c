/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "chrono-native.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoTimeline) timeline = NULL;

  timeline = chrono_native_load_data ((const char *) data, size, "fuzz", &error);
  fuzz_check_result (timeline, error);

  /* what loads saves, and what saves loads again */
  if (timeline != NULL)
    {
      g_autofree char *saved = NULL;
      g_autoptr(ChronoTimeline) again = NULL;
      g_autoptr(GError) again_error = NULL;
      gsize length;

      saved = chrono_native_to_data (timeline, &length);
      again = chrono_native_load_data (saved, length, "saved", &again_error);
      if (again == NULL ||
          chrono_timeline_get_n_events (again) != chrono_timeline_get_n_events (timeline))
        abort ();
    }
  return 0;
}
