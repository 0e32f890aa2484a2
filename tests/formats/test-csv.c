/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "chrono-csv.h"
#include "chrono-native.h"
#include "formats-test-util.h"

static ChronoTimeline *
load_string (const char *text)
{
  g_autoptr(GError) error = NULL;
  ChronoTimeline *timeline = chrono_csv_load_data (text, strlen (text), "test.csv", &error);

  g_assert_no_error (error);
  g_assert_nonnull (timeline);
  return timeline;
}

/* Loading @text fails with exactly @message (the whole "NAME:LINE:COL: …"
 * prefix is checked, the wording only from its start). */
static void
assert_load_error (const char *text,
                   gsize       length,
                   ChronoError code,
                   const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoTimeline) timeline = chrono_csv_load_data (text, length, "bad.csv", &error);

  g_assert_null (timeline);
  g_assert_error (error, CHRONO_ERROR, (int) code);
  g_test_message ("%s", error->message);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("“%s” does not start with “%s”", error->message, prefix);
}

static void
test_timelinejs_template (void)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoTimeline) timeline = NULL;
  g_autoptr(ChronoEvent) founding = NULL;
  g_autoptr(ChronoEvent) train = NULL;
  g_autoptr(ChronoEvent) century = NULL;
  g_autoptr(ChronoEvent) rebuilt = NULL;
  g_autoptr(ChronoSource) source = NULL;
  g_autoptr(ChronoEra) era0 = NULL;
  g_autoptr(ChronoEra) era1 = NULL;
  GListModel *eras;
  gsize length;

  data = formats_test_read ("timelinejs-template.csv", &length);
  timeline = chrono_csv_load_data (data, length, "timelinejs-template.csv", &error);
  g_assert_no_error (error);

  /* the "title" row */
  g_assert_cmpstr (chrono_timeline_get_title (timeline), ==, "Harbour History");
  g_assert_cmpstr (chrono_timeline_get_description (timeline), ==,
                   "A made-up chronology of a small port town, written for tests.");

  /* "era" rows; TimelineJS's -500 is 500 BC, astronomical -499 */
  eras = chrono_timeline_get_eras (timeline);
  g_assert_cmpuint (g_list_model_get_n_items (eras), ==, 2);
  era0 = g_list_model_get_item (eras, 0);
  era1 = g_list_model_get_item (eras, 1);
  g_assert_cmpstr (chrono_era_get_title (era0), ==, "Founding era");
  formats_assert_date (chrono_era_get_start (era0), "-0499");
  formats_assert_date (chrono_era_get_end (era0), "-0299");
  g_assert_cmpstr (chrono_era_get_title (era1), ==, "Railway age");
  formats_assert_date (chrono_era_get_start (era1), "1850-03");
  formats_assert_date (chrono_era_get_end (era1), "1901");
  g_assert_cmpstr (chrono_era_get_description (era1), ==, "Trains arrive");

  g_assert_cmpuint (chrono_timeline_get_n_events (timeline), ==, 4);

  /* ids are "tljs-<data row>": title and era rows are rows 1..3 */
  founding = formats_test_event (timeline, "tljs-4");
  g_assert_cmpstr (chrono_event_get_title (founding), ==, "Legendary founding");
  formats_assert_date (chrono_event_get_start (founding), "-0752-04-21");
  g_assert_cmpint (chrono_event_get_start (founding)->precision, ==, CHRONO_PRECISION_DAY);
  g_assert_null (chrono_event_get_end (founding));
  g_assert_cmpstr (chrono_event_get_display_date (founding), ==, "21 April 753 BC");
  g_assert_cmpstr (chrono_event_get_group (founding), ==, "Legends");
  g_assert_cmpstr (chrono_event_get_description (founding), ==,
                   "Settlers land on the shore.\n\nSecond paragraph & more");

  train = formats_test_event (timeline, "tljs-5");
  g_assert_cmpstr (chrono_event_get_title (train), ==, "First train, arrives");
  g_assert_cmpint (chrono_event_get_start (train)->year, ==, 1851);
  g_assert_cmpint (chrono_event_get_start (train)->month, ==, 6);
  g_assert_cmpint (chrono_event_get_start (train)->day, ==, 2);
  g_assert_cmpint (chrono_event_get_start (train)->hour, ==, 10);
  g_assert_cmpint (chrono_event_get_start (train)->minute, ==, 15);
  g_assert_cmpint (chrono_event_get_start (train)->precision, ==, CHRONO_PRECISION_MINUTE);
  g_assert_cmpstr (chrono_event_get_description (train), ==, "Line one\nLine two \u2013 A");
  g_assert_cmpstr (chrono_event_get_group (train), ==, "Transport");
  g_assert_cmpuint (g_list_model_get_n_items (chrono_event_get_sources (train)), ==, 1);
  source = formats_test_source (train, 0);
  g_assert_cmpstr (chrono_source_get_url (source), ==, "https://example.org/train.jpg");
  g_assert_cmpstr (chrono_source_get_title (source), ==, "The first train");
  g_assert_cmpstr (chrono_source_get_publisher (source), ==, "Town Archive");

  century = formats_test_event (timeline, "tljs-6");
  formats_assert_date (chrono_event_get_start (century), "1901-12-31T23:59:30");
  g_assert_cmpint (chrono_event_get_start (century)->precision, ==, CHRONO_PRECISION_SECOND);
  formats_assert_date (chrono_event_get_end (century), "1902-01-01T00:00:05");
  g_assert_cmpstr (chrono_event_get_description (century), ==, "Bells, \"rung\" at midnight");
  /* an ftp media link is not kept */
  g_assert_cmpuint (g_list_model_get_n_items (chrono_event_get_sources (century)), ==, 0);

  rebuilt = formats_test_event (timeline, "tljs-7");
  g_assert_cmpstr (chrono_event_get_title (rebuilt), ==, "Harbour, rebuilt");
  formats_assert_date (chrono_event_get_start (rebuilt), "2020");
  formats_assert_date (chrono_event_get_end (rebuilt), "2021");
  /* Text is HTML: its line break is white space */
  g_assert_cmpstr (chrono_event_get_description (rebuilt), ==, "Multi-line text in a cell");
  g_assert_cmpstr (chrono_event_get_group (rebuilt), ==, "Works");

  g_assert_false (chrono_timeline_get_modified (timeline));
}

static void
test_chronoscope_columns (void)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoTimeline) timeline = NULL;
  g_autoptr(ChronoEvent) ev1 = NULL;
  g_autoptr(ChronoEvent) ev2 = NULL;
  g_autoptr(ChronoEvent) ev3 = NULL;
  g_autoptr(ChronoEvent) no_id = NULL;
  g_autoptr(ChronoEvent) ev5 = NULL;
  g_autoptr(ChronoSource) source = NULL;
  gsize length;

  data = formats_test_read ("chronoscope.csv", &length);
  timeline = chrono_csv_load_data (data, length, "chronoscope.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chrono_timeline_get_n_events (timeline), ==, 5);

  ev1 = formats_test_event (timeline, "ev-1");
  formats_assert_date (chrono_event_get_start (ev1), "2021-07-19T10:15:00Z");
  g_assert_null (chrono_event_get_end (ev1));
  g_assert_cmpstr (chrono_event_get_title (ev1), ==, "Minister links group to \"malicious\" activity");
  g_assert_cmpstr (chrono_event_get_description (ev1), ==, "Said in a statement,\nthen repeated.");
  g_assert_cmpstr (chrono_event_get_category (ev1), ==, "attribution");
  g_assert_cmpstr (chrono_event_get_group (ev1), ==, "Government");
  g_assert_cmpstr (chrono_event_get_status (ev1), ==, "confirmed");
  g_assert_cmpuint (chrono_event_get_importance (ev1), ==, 80);
  formats_assert_strv (chrono_event_get_actors (ev1), STRV ("Minister", "Agency"));
  formats_assert_strv (chrono_event_get_targets (ev1), STRV ("Parliament"));
  formats_assert_strv (chrono_event_get_places (ev1), STRV ("Wellington", "New Zealand"));
  formats_assert_strv (chrono_event_get_tags (ev1), STRV ("cyber", "attribution"));
  source = formats_test_source (ev1, 0);
  g_assert_cmpstr (chrono_source_get_title (source), ==, "Statement");
  g_assert_cmpstr (chrono_source_get_url (source), ==, "https://example.org/statement");
  g_assert_cmpstr (chrono_source_get_publisher (source), ==, "Example News");
  g_assert_cmpstr (chrono_source_get_date (source), ==, "2021-07-19");

  /* BC year and an open end */
  ev2 = formats_test_event (timeline, "ev-2");
  g_assert_cmpint (chrono_event_get_start (ev2)->year, ==, -43);
  g_assert_nonnull (chrono_event_get_end (ev2));
  g_assert_cmpint (chrono_event_get_end (ev2)->kind, ==, CHRONO_DATE_KIND_OPEN);
  g_assert_cmpuint (g_list_model_get_n_items (chrono_event_get_sources (ev2)), ==, 0);

  /* a formula-guarded cell and an escaped ";" in a list */
  ev3 = formats_test_event (timeline, "ev-3");
  formats_assert_strv (chrono_event_get_actors (ev3), STRV ("=Evil Corp", "Actor;with semicolon"));
  g_assert_cmpuint (chrono_event_get_importance (ev3), ==, 50);
  formats_assert_date (chrono_event_get_end (ev3), "2022-10");

  /* a short row without id */
  no_id = formats_test_event (timeline, "csv-4");
  g_assert_cmpstr (chrono_event_get_title (no_id), ==, "No id here");
  formats_assert_date (chrono_event_get_start (no_id), "2023");

  /* a long row: extra cells are ignored */
  ev5 = formats_test_event (timeline, "ev-5");
  g_assert_cmpint (chrono_event_get_start (ev5)->qualifier, ==, CHRONO_QUALIFIER_APPROXIMATE);
  g_assert_cmpuint (chrono_event_get_importance (ev5), ==, 10);
  g_assert_cmpstr (chrono_event_get_group (ev5), ==, "Lane A");

  /* categories named in the file exist in the timeline */
  g_assert_nonnull (chrono_timeline_lookup_category (timeline, "attribution"));
  g_assert_nonnull (chrono_timeline_lookup_category (timeline, "intrusion"));
  g_assert_cmpuint (g_list_model_get_n_items (chrono_timeline_get_categories (timeline)), ==, 2);
}

static const char *
only_title (ChronoTimeline *timeline)
{
  g_assert_cmpuint (chrono_timeline_get_n_events (timeline), ==, 1);
  return chrono_timeline_get_event_title (timeline, 0);
}

static void
test_quoting (void)
{
  static const struct {
    const char *csv;
    const char *title;
  } cases[] = {
    { "start,title\n2021,\"a \"\"b\"\" c\"\n", "a \"b\" c" },
    { "start,title\r\n2021,\"x, y\"\r\n", "x, y" },
    { "start,title\r2021,cr only\r", "cr only" },
    { "start,title\n2021,no final newline", "no final newline" },
    { "start,title\n2021,\"\"\n", "" },
    { "start,title\n2021,\"line\r\nbreak\"\n", "line\r\nbreak" },
    { "start,title\n2021,\"line\nbreak\"", "line\nbreak" },
    { "\n\nstart,title\n\n2021,after blank lines\n\n", "after blank lines" },
    { "\xEF\xBB\xBFSTART,Title\n2021,bom and upper case\n", "bom and upper case" },
    { "start,title\n2021,trailing comma,\n", "trailing comma" },
    { "start,title\n2021,a\"quote inside\n", "a\"quote inside" },
    { "start,title\n2021,  spaces kept  \n", "  spaces kept  " },
    { "\"start\",\"title\"\n\"2021\",quoted header\n", "quoted header" },
    { "start,title\n2021,caf\xC3\xA9 \xE2\x9C\x93\n", "caf\xC3\xA9 \xE2\x9C\x93" },
    { "start,title\n2021,'=1+2\n", "=1+2" },
    { "start,title\n2021,''@x\n", "'@x" },
    { "start,title\n2021,'plain quote\n", "'plain quote" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ChronoTimeline) timeline = load_string (cases[i].csv);

      g_test_message ("case %u", i);
      g_assert_cmpstr (only_title (timeline), ==, cases[i].title);
    }
}

static void
test_errors (void)
{
  static const struct {
    const char *csv;
    ChronoError code;
    const char *prefix;
  } cases[] = {
    { "start,title\n2021,ok\n2022,\"never closed\n", CHRONO_ERROR_SYNTAX, "bad.csv:3:6: " },
    { "start,title\n2021,\"ab\"x\n", CHRONO_ERROR_SYNTAX, "bad.csv:2:10: " },
    { "start,title\n2021,caf\xE9 ok\n", CHRONO_ERROR_SYNTAX, "bad.csv:2:9: " },
    { "start,title\n2021,\xC3\xA9\xFF\n", CHRONO_ERROR_SYNTAX, "bad.csv:2:7: " },
    { "start,title\n\"multi\nline\",x\xC0\n", CHRONO_ERROR_SYNTAX, "bad.csv:3:8: " },
    { "start,title\n2021-13,bad month\n", CHRONO_ERROR_INVALID_DATE, "bad.csv:2:1: " },
    { "title,start\nx,  yesterday\n", CHRONO_ERROR_INVALID_DATE, "bad.csv:2:3: " },
    { "start,end,title\n2022,2021,backwards\n", CHRONO_ERROR_INVALID_VALUE, "bad.csv:2:6: " },
    { "start,title\n,no start\n", CHRONO_ERROR_MISSING, "bad.csv:2:1: " },
    { "start,title,importance\n2021,x,101\n", CHRONO_ERROR_INVALID_VALUE, "bad.csv:2:8: " },
    { "start,title,importance\n2021,x,high\n", CHRONO_ERROR_INVALID_VALUE, "bad.csv:2:8: " },
    { "id,start\na,2021\nb,2022\na,2023\n", CHRONO_ERROR_DUPLICATE, "bad.csv:4:1: " },
    { "name,when\nx,2021\n", CHRONO_ERROR_MISSING, "bad.csv:1:1: " },
    { "", CHRONO_ERROR_SYNTAX, "bad.csv: " },
    { "\n\r\n  \n", CHRONO_ERROR_SYNTAX, "bad.csv: " },
    /* TimelineJS columns */
    { "Year,Month,Headline\n2021,13,x\n", CHRONO_ERROR_INVALID_DATE, "bad.csv:2:6: " },
    { "Year,Month,Day,Headline\n2021,2,30,x\n", CHRONO_ERROR_INVALID_DATE, "bad.csv:2:8: " },
    { "Year,Month,Day,Time,Headline\n2021,2,3,25:00,x\n", CHRONO_ERROR_INVALID_DATE, "bad.csv:2:10: " },
    { "Year,Month,Day,Time,Headline\n2021,2,3,10h15,x\n", CHRONO_ERROR_INVALID_DATE, "bad.csv:2:10: " },
    { "Year,Headline\nMMXXI,x\n", CHRONO_ERROR_INVALID_DATE, "bad.csv:2:1: " },
    { "Year,Headline,Type\n,x,\n", CHRONO_ERROR_MISSING, "bad.csv:2:1: " },
    { "Year,End Year,Headline,Type\n1900,,x,era\n", CHRONO_ERROR_MISSING, "bad.csv:2:6: " },
    { "Year,End Year,End Month,Headline\n1900,,5,x\n", CHRONO_ERROR_MISSING, "bad.csv:2:6: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u", i);
      assert_load_error (cases[i].csv, strlen (cases[i].csv), cases[i].code, cases[i].prefix);
    }

  /* a NUL byte: the data is binary */
  assert_load_error ("start,title\n20\0" "21,x\n", 20, CHRONO_ERROR_SYNTAX, "bad.csv:2:3: ");
}

static void
test_generated_ids_avoid_clashes (void)
{
  g_autoptr(ChronoTimeline) timeline =
    load_string ("id,start,title\n,2021,first\ncsv-1,2022,explicit\n");
  g_autoptr(ChronoEvent) explicit_event = formats_test_event (timeline, "csv-1");
  g_autoptr(ChronoEvent) generated = formats_test_event (timeline, "csv-1-2");

  g_assert_cmpstr (chrono_event_get_title (explicit_event), ==, "explicit");
  g_assert_cmpstr (chrono_event_get_title (generated), ==, "first");
}

static void
test_writer_guards_formulas (void)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autoptr(ChronoTimeline) back = NULL;
  g_autoptr(ChronoEvent) event = NULL;
  g_autoptr(ChronoEvent) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  const char *const cells[] = { "=1+1", "+1", "-1", "@SUM(A1)", "\tTAB", "\rCR", "'=x", "''-y",
                                "'plain", NULL };
  ChronoDate start;
  gsize length;

  g_assert_true (chrono_date_parse ("2021", &start, NULL));
  event = chrono_event_new ("=id", "=HYPERLINK(\"http://x\")", &start);
  chrono_event_set_tags (event, cells);
  chrono_event_set_description (event, "@me");
  chrono_timeline_add_event (timeline, event);

  csv = chrono_csv_to_data (timeline, &length);
  g_assert_cmpuint (strlen (csv), ==, length);
  g_assert_true (g_str_has_prefix (csv, "id,start,end,title,description,category,group,status,"
                                        "importance,actors,targets,places,tags,source_title,"
                                        "source_url,source_publisher,source_date\r\n"));
  /* no cell starts with a formula character once unquoted */
  g_assert_nonnull (strstr (csv, "\r\n\"'=id\",2021,,\"'=HYPERLINK(\"\"http://x\"\")\",\"'@me\","));
  g_assert_nonnull (strstr (csv, ",\"'=1+1;+1;-1;@SUM(A1);\tTAB;\rCR;'=x;''-y;'plain\","));

  back = chrono_csv_load_data (csv, length, "export.csv", &error);
  g_assert_no_error (error);
  read = formats_test_event (back, "=id");
  g_assert_cmpstr (chrono_event_get_title (read), ==, "=HYPERLINK(\"http://x\")");
  g_assert_cmpstr (chrono_event_get_description (read), ==, "@me");
  /* list items are trimmed, so TAB and CR lose their leading white space */
  formats_assert_strv (chrono_event_get_tags (read),
                       STRV ("=1+1", "+1", "-1", "@SUM(A1)", "TAB", "CR", "'=x", "''-y", "'plain"));
}

static void
assert_same_dates (const ChronoDate *a,
                   const ChronoDate *b)
{
  g_autofree char *sa = formats_test_date (a);
  g_autofree char *sb = formats_test_date (b);

  g_assert_cmpstr (sa, ==, sb);
}

static void
test_round_trip_native (void)
{
  g_autofree char *path = formats_test_path ("roundtrip.chrono.json");
  g_autofree char *data = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoTimeline) native = NULL;
  g_autoptr(ChronoTimeline) back = NULL;
  gsize length, csv_length;
  guint n;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  native = chrono_native_load_data (data, length, "roundtrip.chrono.json", &error);
  g_assert_no_error (error);

  csv = chrono_csv_to_data (native, &csv_length);
  back = chrono_csv_load_data (csv, csv_length, "roundtrip.csv", &error);
  g_assert_no_error (error);

  n = chrono_timeline_get_n_events (native);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpuint (chrono_timeline_get_n_events (back), ==, n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronoEvent) a = g_list_model_get_item (G_LIST_MODEL (native), i);
      g_autoptr(ChronoEvent) b = formats_test_event (back, chrono_event_get_id (a));
      GListModel *sa = chrono_event_get_sources (a);
      GListModel *sb = chrono_event_get_sources (b);

      g_test_message ("event %s", chrono_event_get_id (a));
      g_assert_cmpstr (chrono_event_get_title (a), ==, chrono_event_get_title (b));
      g_assert_cmpstr (chrono_event_get_description (a), ==, chrono_event_get_description (b));
      assert_same_dates (chrono_event_get_start (a), chrono_event_get_start (b));
      assert_same_dates (chrono_event_get_end (a), chrono_event_get_end (b));
      g_assert_cmpstr (chrono_event_get_category (a), ==, chrono_event_get_category (b));
      g_assert_cmpstr (chrono_event_get_group (a), ==, chrono_event_get_group (b));
      g_assert_cmpstr (chrono_event_get_status (a), ==, chrono_event_get_status (b));
      g_assert_cmpuint (chrono_event_get_importance (a), ==, chrono_event_get_importance (b));
      formats_assert_strv (chrono_event_get_actors (b), chrono_event_get_actors (a) ?: NO_STRV);
      formats_assert_strv (chrono_event_get_targets (b), chrono_event_get_targets (a) ?: NO_STRV);
      formats_assert_strv (chrono_event_get_places (b), chrono_event_get_places (a) ?: NO_STRV);
      formats_assert_strv (chrono_event_get_tags (b), chrono_event_get_tags (a) ?: NO_STRV);

      /* CSV carries the first source */
      g_assert_cmpuint (g_list_model_get_n_items (sb), ==, MIN (g_list_model_get_n_items (sa), 1));
      if (g_list_model_get_n_items (sa) > 0)
        {
          g_autoptr(ChronoSource) x = g_list_model_get_item (sa, 0);
          g_autoptr(ChronoSource) y = g_list_model_get_item (sb, 0);

          g_assert_cmpstr (chrono_source_get_title (x), ==, chrono_source_get_title (y));
          g_assert_cmpstr (chrono_source_get_url (x), ==, chrono_source_get_url (y));
          g_assert_cmpstr (chrono_source_get_publisher (x), ==, chrono_source_get_publisher (y));
          g_assert_cmpstr (chrono_source_get_date (x), ==, chrono_source_get_date (y));
        }
    }

  /* the dangerous cells were guarded in the file itself */
  g_assert_nonnull (strstr (csv, "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\""));
  g_assert_nonnull (strstr (csv, "\"'-0043-03-15\""));
  g_assert_nonnull (strstr (csv, "\"'-dash-id\""));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/timelinejs-template", test_timelinejs_template);
  g_test_add_func ("/csv/chronoscope-columns", test_chronoscope_columns);
  g_test_add_func ("/csv/quoting", test_quoting);
  g_test_add_func ("/csv/errors", test_errors);
  g_test_add_func ("/csv/generated-ids", test_generated_ids_avoid_clashes);
  g_test_add_func ("/csv/writer-guards-formulas", test_writer_guards_formulas);
  g_test_add_func ("/csv/round-trip-native", test_round_trip_native);

  return g_test_run ();
}
