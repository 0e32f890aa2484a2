/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "chrono-stix.h"
#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoTimeline) timeline = NULL;

  timeline = chrono_stix_load_data ((const char *) data, size, "fuzz", &error);
  fuzz_check_result (timeline, error);
  return 0;
}
