/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fuzz-common.h"

/* EDTF dates and intervals: parsing never crashes, and whatever parses is
 * written back in a form that parses to the same value. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  ChronoDate date, again;
  ChronoInterval interval, interval_again;
  ChronoTime lo, hi;

  if (size > 4096)
    return 0;
  text = g_strndup ((const char *) data, size);

  if (chrono_date_parse (text, &date, NULL))
    {
      g_autofree char *canonical = chrono_date_to_string (&date);

      g_free (chrono_date_format (&date));
      if (!chrono_date_parse (canonical, &again, NULL) || !chrono_date_equal (&date, &again))
        abort ();
      chrono_date_get_span (&date, &lo, &hi);
      if (chrono_date_is_date (&date) && lo > hi)
        abort ();
    }

  if (chrono_interval_parse (text, &interval, NULL))
    {
      g_autofree char *canonical = chrono_interval_to_string (&interval);

      g_free (chrono_interval_format (&interval));
      if (!chrono_interval_parse (canonical, &interval_again, NULL))
        abort ();
      chrono_interval_get_span (&interval, &lo, &hi);
    }
  return 0;
}
