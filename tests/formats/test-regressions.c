/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "chrono-csv.h"
#include "chrono-format.h"
#include "chrono-native.h"
#include "chrono-stix.h"
#include "chrono-timelinejs.h"
#include "formats-test-util.h"

/* Every input a fuzzer ever crashed on (tests/data/formats/regressions/) and
 * every seed of the fuzz corpora goes through every reader: each call must
 * either load or fail with one error that names the input, under ASan and
 * UBSan without a report. */

typedef ChronoTimeline *(*LoadFunc) (const char *, gsize, const char *, GError **);

static const struct {
  const char *name;
  LoadFunc    load;
} readers[] = {
  { "format", chrono_format_load_data },
  { "native", chrono_native_load_data },
  { "csv", chrono_csv_load_data },
  { "timelinejs", chrono_timelinejs_load_data },
  { "stix", chrono_stix_load_data },
};

static void
check_input (const char *path)
{
  g_autofree char *data = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  prefix = g_strconcat ("input", ":", NULL);

  for (guint r = 0; r < G_N_ELEMENTS (readers); r++)
    {
      g_autoptr(ChronoTimeline) timeline = NULL;
      g_autoptr(GError) load_error = NULL;

      timeline = readers[r].load (data, length, "input", &load_error);
      g_assert_true ((timeline == NULL) != (load_error == NULL));
      if (load_error != NULL)
        {
          g_assert_true (g_str_has_prefix (load_error->message, prefix));
          g_assert_true (g_utf8_validate (load_error->message, -1, NULL));
        }
      else
        {
          /* what loaded can be written as CSV and read back */
          g_autofree char *csv = NULL;
          g_autoptr(ChronoTimeline) back = NULL;
          g_autoptr(GError) csv_error = NULL;
          gsize csv_length;

          csv = chrono_csv_to_data (timeline, &csv_length);
          back = chrono_csv_load_data (csv, csv_length, "export.csv", &csv_error);
          g_assert_no_error (csv_error);
          g_assert_cmpuint (chrono_timeline_get_n_events (back), ==,
                            chrono_timeline_get_n_events (timeline));
        }
    }

  /* the date parser sees the first line */
  {
    g_autofree char *line = g_strndup (data, strcspn (data, "\n"));
    ChronoDate date;
    ChronoInterval interval;

    if (chrono_date_parse (line, &date, NULL))
      g_free (chrono_date_format (&date));
    if (chrono_interval_parse (line, &interval, NULL))
      g_free (chrono_interval_format (&interval));
  }
}

static void
test_directory (gconstpointer user_data)
{
  const char *dir_path = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  const char *name;
  guint n = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) || g_str_has_prefix (name, "README"))
        continue;
      g_test_message ("%s", path);
      check_input (path);
      n++;
    }
  g_assert_cmpuint (n, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  const char *const corpora[] = { "fuzz-date", "fuzz-native", "fuzz-csv", "fuzz-timelinejs",
                                  "fuzz-stix", "fuzz-detect" };
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_ptr_array_add (paths, g_test_build_filename (G_TEST_DIST, "data", "formats", "regressions", NULL));
  g_test_add_data_func ("/regressions/crashes", paths->pdata[0], test_directory);
  for (guint i = 0; i < G_N_ELEMENTS (corpora); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/regressions/corpus/%s", corpora[i]);
      char *dir = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", corpora[i], NULL);

      g_ptr_array_add (paths, dir);
      g_test_add_data_func (test_path, dir, test_directory);
    }

  return g_test_run ();
}
