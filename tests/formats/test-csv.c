/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "chrono-csv.h"
#include "chrono-format-private.h"
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
  /* EDTF writes times as hh:mm:ss: a time read to the minute is stored to the
   * second so that it saves and loads back unchanged. */
  g_assert_cmpint (chrono_event_get_start (train)->precision, ==, CHRONO_PRECISION_SECOND);
  g_assert_cmpint (chrono_event_get_start (train)->second, ==, 0);
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
    /* ("name,when" is a title and a start now: see test_header_synonyms) */
    { "name,colour\nx,2021\n", CHRONO_ERROR_MISSING, "bad.csv:1:1: " },
    { "end date,event\n2021,x\n", CHRONO_ERROR_MISSING, "bad.csv:1:1: " },
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

/* The spreadsheet of the bug report: a journalist's own column names, CRLF,
 * ISO dates, quoted commas, a "Source" column of links and names. */
static void
test_journalist_sheet (void)
{
  static const struct {
    const char *id;
    const char *title;
    const char *category;
  } expected[] = {
    { "csv-1", "Campaign staff emails targeted", "Phishing" },
    { "csv-2", "New Zealand names APT40", "Attribution" },
    { "csv-3", "Electoral Commission systems compromised", "Intrusion" },
    { "csv-4", "The Electoral Commission discloses the hack", "Disclosure" },
    { "csv-5", "US indictment of seven alleged APT31 hackers", "Attribution" },
    { "csv-6", "China's embassy rejects the accusations", "Response" },
  };
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoTimeline) timeline = NULL;
  g_autoptr(ChronoEvent) staff = NULL;
  g_autoptr(ChronoEvent) nz = NULL;
  g_autoptr(ChronoEvent) commission = NULL;
  g_autoptr(ChronoEvent) disclosure = NULL;
  g_autoptr(ChronoEvent) indictment = NULL;
  g_autoptr(ChronoEvent) embassy = NULL;
  g_autoptr(ChronoSource) source = NULL;
  gsize length;

  data = formats_test_read ("journalist.csv", &length);
  timeline = chrono_csv_load_data (data, length, "journalist.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chrono_timeline_get_n_events (timeline), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(ChronoEvent) event = formats_test_event (timeline, expected[i].id);

      g_assert_cmpstr (chrono_event_get_title (event), ==, expected[i].title);
      g_assert_cmpstr (chrono_event_get_category (event), ==, expected[i].category);
      g_assert_nonnull (chrono_event_get_description (event));
      /* every column was read: nothing left over */
      g_assert_null (chrono_event_get_extra (event));
    }

  staff = formats_test_event (timeline, "csv-1");
  formats_assert_date (chrono_event_get_start (staff), "2020-06-04");
  g_assert_null (chrono_event_get_end (staff));
  g_assert_cmpstr (chrono_event_get_description (staff), ==,
                   "Google and Microsoft warn staff of the Biden campaign that APT31, a group "
                   "linked to China, went after their personal email.");
  formats_assert_strv (chrono_event_get_actors (staff), STRV ("APT31"));
  source = formats_test_source (staff, 0);
  g_assert_cmpstr (chrono_source_get_url (source), ==, "https://example.org/2020-campaign");
  g_assert_null (chrono_source_get_title (source));
  g_clear_object (&source);

  /* a source that is not a link is the source's name */
  nz = formats_test_event (timeline, "csv-2");
  formats_assert_strv (chrono_event_get_actors (nz), STRV ("APT40", "Ministry of State Security"));
  source = formats_test_source (nz, 0);
  g_assert_cmpstr (chrono_source_get_title (source), ==, "GCSB statement");
  g_assert_null (chrono_source_get_url (source));
  g_clear_object (&source);

  commission = formats_test_event (timeline, "csv-3");
  formats_assert_date (chrono_event_get_start (commission), "2021-08");
  formats_assert_date (chrono_event_get_end (commission), "2022-10");
  g_assert_cmpstr (chrono_event_get_description (commission), ==,
                   "Hostile actors reach the Commission's servers;\r\n"
                   "registers with the data of millions are exposed.");
  formats_assert_strv (chrono_event_get_actors (commission), NO_STRV);

  disclosure = formats_test_event (timeline, "csv-4");
  g_assert_cmpuint (g_list_model_get_n_items (chrono_event_get_sources (disclosure)), ==, 0);

  indictment = formats_test_event (timeline, "csv-5");
  source = formats_test_source (indictment, 0);
  g_assert_cmpstr (chrono_source_get_title (source), ==, "US Department of Justice, press release");
  g_clear_object (&source);

  embassy = formats_test_event (timeline, "csv-6");
  g_assert_cmpstr (chrono_event_get_description (embassy), ==,
                   "\"Groundless\", the embassy says, calling them smears.");

  /* five categories, coloured in order of first appearance */
  g_assert_cmpuint (g_list_model_get_n_items (chrono_timeline_get_categories (timeline)), ==, 5);
  g_assert_cmpstr (chrono_category_get_color (chrono_timeline_lookup_category (timeline, "Phishing")),
                   ==, "#e69f00");
  g_assert_cmpstr (chrono_category_get_color (chrono_timeline_lookup_category (timeline, "Attribution")),
                   ==, "#56b4e9");
  g_assert_cmpstr (chrono_category_get_color (chrono_timeline_lookup_category (timeline, "Intrusion")),
                   ==, "#009e73");
  g_assert_cmpstr (chrono_category_get_color (chrono_timeline_lookup_category (timeline, "Disclosure")),
                   ==, "#f0e442");
  g_assert_cmpstr (chrono_category_get_color (chrono_timeline_lookup_category (timeline, "Response")),
                   ==, "#0072b2");
}

/* Which event field a header's single value lands in. */
typedef enum {
  F_TITLE,
  F_DESCRIPTION,
  F_END,
  F_ACTORS,
  F_TARGETS,
  F_PLACES,
  F_TAGS,
  F_CATEGORY,
  F_GROUP,
  F_SOURCE_TITLE,
  F_SOURCE_URL,
  F_SOURCE_PUBLISHER,
  F_STATUS,
} Field;

static char *
event_field (ChronoEvent *event,
             Field        field)
{
  GListModel *sources = chrono_event_get_sources (event);
  g_autoptr(ChronoSource) source = NULL;
  const char * const *list = NULL;

  if (g_list_model_get_n_items (sources) > 0)
    source = g_list_model_get_item (sources, 0);

  switch (field)
    {
    case F_TITLE: return g_strdup (chrono_event_get_title (event));
    case F_DESCRIPTION: return g_strdup (chrono_event_get_description (event));
    case F_END: return chrono_event_get_end (event) ? chrono_date_to_string (chrono_event_get_end (event)) : NULL;
    case F_ACTORS: list = chrono_event_get_actors (event); break;
    case F_TARGETS: list = chrono_event_get_targets (event); break;
    case F_PLACES: list = chrono_event_get_places (event); break;
    case F_TAGS: list = chrono_event_get_tags (event); break;
    case F_CATEGORY: return g_strdup (chrono_event_get_category (event));
    case F_GROUP: return g_strdup (chrono_event_get_group (event));
    case F_SOURCE_TITLE: return source ? g_strdup (chrono_source_get_title (source)) : NULL;
    case F_SOURCE_URL: return source ? g_strdup (chrono_source_get_url (source)) : NULL;
    case F_SOURCE_PUBLISHER: return source ? g_strdup (chrono_source_get_publisher (source)) : NULL;
    case F_STATUS: return g_strdup (chrono_event_get_status (event));
    default: g_assert_not_reached ();
    }
  return list != NULL ? g_strjoinv ("|", (char **) list) : NULL;
}

static void
test_header_synonyms (void)
{
  static const struct {
    const char *start_header;
    const char *header;
    const char *value;
    Field field;
    const char *expected;
  } cases[] = {
    { "date", "event", "x", F_TITLE, "x" },
    { " Start Date ", "HEADLINE", "x", F_TITLE, "x" },
    { "start_date", "name", "x", F_TITLE, "x" },
    { "Start-Date", "What", "x", F_TITLE, "x" },
    { "from", "summary", "x", F_TITLE, "x" },
    { "begin", "details", "x", F_DESCRIPTION, "x" },
    { "when", "Text", "a <b>", F_DESCRIPTION, "a <b>" },
    { "date", "notes", "x", F_DESCRIPTION, "x" },
    { "date", "body", "x", F_DESCRIPTION, "x" },
    { "date", "end date", "2024", F_END, "2024" },
    { "date", "End_Date", "2024", F_END, "2024" },
    { "from", "to", "2024-05", F_END, "2024-05" },
    { "date", "until", "2024", F_END, "2024" },
    { "date", "who", "A; B", F_ACTORS, "A|B" },
    { "date", "Actor", "A", F_ACTORS, "A" },
    { "date", "perpetrator", "A", F_ACTORS, "A" },
    { "date", "target", "T", F_TARGETS, "T" },
    { "date", "Victim", "T", F_TARGETS, "T" },
    { "date", "place", "P", F_PLACES, "P" },
    { "date", "location", "P", F_PLACES, "P" },
    { "date", "Country", "UK;NZ", F_PLACES, "UK|NZ" },
    { "date", "where", "P", F_PLACES, "P" },
    { "date", "tag", "t", F_TAGS, "t" },
    { "date", "Keywords", "t;u", F_TAGS, "t|u" },
    { "date", "type", "c", F_CATEGORY, "c" },
    { "date", "lane", "g", F_GROUP, "g" },
    { "date", "Track", "g", F_GROUP, "g" },
    { "date", "source", "https://example.org/a", F_SOURCE_URL, "https://example.org/a" },
    { "date", "URL", "http://example.org/b", F_SOURCE_URL, "http://example.org/b" },
    { "date", "link", "Archive copy", F_SOURCE_TITLE, "Archive copy" },
    { "date", "source", "ftp://example.org/c", F_SOURCE_TITLE, "ftp://example.org/c" },
    { "date", "Source Title", "S", F_SOURCE_TITLE, "S" },
    { "date", "source name", "S", F_SOURCE_TITLE, "S" },
    { "date", "publisher", "P", F_SOURCE_PUBLISHER, "P" },
    { "date", "Status", "alleged", F_STATUS, "alleged" },
    /* the own names still work beside a synonym for the start */
    { "date", "title", "x", F_TITLE, "x" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *csv = g_strdup_printf ("%s,%s\n2021,\"%s\"\n", cases[i].start_header,
                                              cases[i].header, cases[i].value);
      g_autoptr(ChronoTimeline) timeline = NULL;
      g_autoptr(ChronoEvent) event = NULL;
      g_autofree char *value = NULL;

      g_test_message ("case %u: %s", i, csv);
      timeline = load_string (csv);
      g_assert_cmpuint (chrono_timeline_get_n_events (timeline), ==, 1);
      event = g_list_model_get_item (G_LIST_MODEL (timeline), 0);
      formats_assert_date (chrono_event_get_start (event), "2021");
      value = event_field (event, cases[i].field);
      g_assert_cmpstr (value, ==, cases[i].expected);
      /* the value was read, not kept aside */
      g_assert_null (chrono_event_get_extra (event));
    }
}

/* A column's own name wins over a synonym, then the leftmost column; the
 * loser is kept, not dropped. TimelineJS's sheet is still recognised by
 * "Year" before any synonym. */
static void
test_synonym_precedence (void)
{
  g_autoptr(ChronoTimeline) own = load_string ("Date,Start,Event,Title,Details,Notes\n"
                                               "1999,2021,e,t,d,n\n");
  g_autoptr(ChronoEvent) own_event = g_list_model_get_item (G_LIST_MODEL (own), 0);
  g_autoptr(ChronoTimeline) tljs = load_string ("Year,Date,Headline,Type\n2021,1999,h,\n");
  g_autoptr(ChronoEvent) tljs_event = g_list_model_get_item (G_LIST_MODEL (tljs), 0);

  formats_assert_date (chrono_event_get_start (own_event), "2021");
  g_assert_cmpstr (chrono_event_get_title (own_event), ==, "t");
  g_assert_cmpstr (chrono_event_get_description (own_event), ==, "d");
  g_assert_cmpstr (chrono_event_get_extra (own_event), ==,
                   "{\"Date\":\"1999\",\"Event\":\"e\",\"Notes\":\"n\"}");

  g_assert_cmpstr (chrono_event_get_id (tljs_event), ==, "tljs-1");
  formats_assert_date (chrono_event_get_start (tljs_event), "2021");
  g_assert_cmpstr (chrono_event_get_title (tljs_event), ==, "h");
  g_assert_null (chrono_event_get_category (tljs_event));
  g_assert_cmpstr (chrono_event_get_extra (tljs_event), ==, "{\"Date\":\"1999\"}");
}

/* Columns we do not read are kept per event and survive a native save. */
static void
test_unknown_columns_kept (void)
{
  g_autoptr(ChronoTimeline) timeline =
    load_string ("date,title,Reviewed by,,title,Verified?,Reviewed by\n"
                 "2021,one,Ana,blank header,second title,\"yes, twice\",Bo\n"
                 "2022,two,,,,,\n"
                 "2023,three,\"quote \"\" and \\ and \xC3\xA9\"\n");
  g_autoptr(ChronoEvent) one = formats_test_event (timeline, "csv-1");
  g_autoptr(ChronoEvent) two = formats_test_event (timeline, "csv-2");
  g_autoptr(ChronoEvent) three = formats_test_event (timeline, "csv-3");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoTimeline) back = NULL;
  g_autofree char *native = NULL;
  gsize length;

  /* an empty header, a native field's name and a repeated header get names
   * that cannot clash */
  g_assert_cmpstr (chrono_event_get_extra (one), ==,
                   "{\"Reviewed by\":\"Ana\",\"column 4\":\"blank header\","
                   "\"title (column 5)\":\"second title\",\"Verified?\":\"yes, twice\","
                   "\"Reviewed by (column 7)\":\"Bo\"}");
  g_assert_cmpstr (chrono_event_get_title (one), ==, "one");
  /* empty cells are not kept */
  g_assert_null (chrono_event_get_extra (two));
  g_assert_cmpstr (chrono_event_get_extra (three), ==,
                   "{\"Reviewed by\":\"quote \\\" and \\\\ and \xC3\xA9\"}");

  native = chrono_native_to_data (timeline, &length);
  back = chrono_native_load_data (native, length, "back.chrono.json", &error);
  g_assert_no_error (error);
  g_clear_object (&one);
  one = formats_test_event (back, "csv-1");
  g_assert_cmpstr (chrono_event_get_title (one), ==, "one");
  g_assert_nonnull (chrono_event_get_extra (one));
  g_assert_nonnull (strstr (chrono_event_get_extra (one), "\"title (column 5)\":\"second title\""));
  g_assert_nonnull (strstr (chrono_event_get_extra (one), "\"Verified?\":\"yes, twice\""));
  g_assert_nonnull (strstr (chrono_event_get_extra (one), "\"column 4\":\"blank header\""));
  g_clear_object (&three);
  three = formats_test_event (back, "csv-3");
  g_assert_nonnull (strstr (chrono_event_get_extra (three), "\"quote \\\" and \\\\ and \xC3\xA9\""));
}

static void
test_title_fallback (void)
{
  g_autoptr(ChronoTimeline) column = load_string ("Date,Time,Happening,Who\n"
                                                  "2021-07-19,10:15,Minister speaks,A\n");
  g_autoptr(ChronoEvent) from_column = g_list_model_get_item (G_LIST_MODEL (column), 0);
  g_autoptr(ChronoTimeline) description =
    load_string ("date,time,details\n"
                 "2021,noon,\"\n  First line here  \nsecond line\"\n"
                 "2022,,\"" "Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod "
                 "tempor incididunt ut labore\"\n"
                 "2023,,\n");
  g_autoptr(ChronoEvent) first = formats_test_event (description, "csv-1");
  g_autoptr(ChronoEvent) cut = formats_test_event (description, "csv-2");
  g_autoptr(ChronoEvent) empty = formats_test_event (description, "csv-3");

  /* the first column of text we do not know is the title ("Time" is a
   * date's part and kept aside) */
  g_assert_cmpstr (chrono_event_get_title (from_column), ==, "Minister speaks");
  formats_assert_strv (chrono_event_get_actors (from_column), STRV ("A"));
  g_assert_cmpstr (chrono_event_get_extra (from_column), ==, "{\"Time\":\"10:15\"}");

  /* none: the first line of the description, cut near 80 characters */
  g_assert_cmpstr (chrono_event_get_title (first), ==, "First line here");
  g_assert_cmpstr (chrono_event_get_description (first), ==,
                   "\n  First line here  \nsecond line");
  g_assert_cmpstr (chrono_event_get_title (cut), ==,
                   "Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor…");
  g_assert_cmpstr (chrono_event_get_title (empty), ==, "");
}

/* A "Source" column never overwrites what a file gives explicitly. */
static void
test_source_column (void)
{
  g_autoptr(ChronoTimeline) timeline =
    load_string ("date,title,source title,source url,source\n"
                 "2021,a,Named,,https://example.org/a\n"
                 "2022,b,,https://example.org/b,Named\n"
                 "2023,c,,https://example.org/c,https://example.org/other\n"
                 "2024,d,Named,,Other name\n");
  g_autoptr(ChronoEvent) a = formats_test_event (timeline, "csv-1");
  g_autoptr(ChronoEvent) b = formats_test_event (timeline, "csv-2");
  g_autoptr(ChronoEvent) c = formats_test_event (timeline, "csv-3");
  g_autoptr(ChronoEvent) d = formats_test_event (timeline, "csv-4");
  g_autoptr(ChronoSource) sa = formats_test_source (a, 0);
  g_autoptr(ChronoSource) sb = formats_test_source (b, 0);
  g_autoptr(ChronoSource) sc = formats_test_source (c, 0);
  g_autoptr(ChronoSource) sd = formats_test_source (d, 0);

  g_assert_cmpstr (chrono_source_get_title (sa), ==, "Named");
  g_assert_cmpstr (chrono_source_get_url (sa), ==, "https://example.org/a");
  g_assert_null (chrono_event_get_extra (a));
  g_assert_cmpstr (chrono_source_get_title (sb), ==, "Named");
  g_assert_cmpstr (chrono_source_get_url (sb), ==, "https://example.org/b");
  g_assert_null (chrono_event_get_extra (b));
  g_assert_cmpstr (chrono_source_get_url (sc), ==, "https://example.org/c");
  g_assert_cmpstr (chrono_event_get_extra (c), ==, "{\"source\":\"https://example.org/other\"}");
  g_assert_cmpstr (chrono_source_get_title (sd), ==, "Named");
  g_assert_cmpstr (chrono_event_get_extra (d), ==, "{\"source\":\"Other name\"}");
}

/* A TimelineJS sheet without Headline and Text reads plain title and
 * description columns; its other columns are kept. */
static void
test_timelinejs_plain_columns (void)
{
  g_autoptr(ChronoTimeline) plain =
    load_string ("Year,Month,Event,Details,Background\n2021,7,A <b> & c,Line &amp; more,#fff\n");
  g_autoptr(ChronoEvent) event = g_list_model_get_item (G_LIST_MODEL (plain), 0);
  g_autoptr(ChronoTimeline) both = load_string ("Year,Title,Headline\n2021,plain,<i>html</i>\n");
  g_autoptr(ChronoEvent) both_event = g_list_model_get_item (G_LIST_MODEL (both), 0);

  formats_assert_date (chrono_event_get_start (event), "2021-07");
  g_assert_cmpstr (chrono_event_get_title (event), ==, "A <b> & c");
  g_assert_cmpstr (chrono_event_get_description (event), ==, "Line &amp; more");
  g_assert_cmpstr (chrono_event_get_extra (event), ==, "{\"Background\":\"#fff\"}");

  /* Headline wins even when a plain title comes first */
  g_assert_cmpstr (chrono_event_get_title (both_event), ==, "html");
  g_assert_cmpstr (chrono_event_get_extra (both_event), ==, "{\"Title\":\"plain\"}");
}

static void
test_no_date_column_message (void)
{
  const char *csv = "Event,Details\nx,y\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoTimeline) timeline = chrono_csv_load_data (csv, strlen (csv), "x.csv", &error);

  g_assert_null (timeline);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_MISSING);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "x.csv:1:1: no date column"));
  /* it names what would have been accepted */
  g_assert_nonnull (strstr (error->message, "“start”, “date”, “start date”, “from”, “begin”, “when”"));
  g_assert_nonnull (strstr (error->message, "“Year”"));
}

static void
test_category_palette (void)
{
  static const char * const okabe_ito[] = {
    "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#999999",
  };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoTimeline) timeline = NULL;
  g_autoptr(GString) many = g_string_new ("start,category\n");
  g_autoptr(ChronoTimeline) many_timeline = NULL;
  GListModel *categories;
  gsize length;

  for (guint i = 0; i < G_N_ELEMENTS (okabe_ito); i++)
    {
      g_autofree char *color = _chrono_format_category_color (i);

      g_assert_cmpstr (color, ==, okabe_ito[i]);
    }
  /* then shades of them: 40 distinct, valid colours before any repeats */
  for (guint i = 0; i < 40; i++)
    {
      char *color = _chrono_format_category_color (i);
      g_autoptr(ChronoCategory) category = chrono_category_new ("c", "c", color);
      double r, g, b;

      g_assert_true (chrono_category_get_rgb (category, &r, &g, &b));
      g_assert_false (g_hash_table_contains (seen, color));
      g_hash_table_add (seen, color);
    }
  {
    g_autofree char *again = _chrono_format_category_color (40);

    g_assert_cmpstr (again, ==, okabe_ito[0]);
  }

  /* the CSV reader's categories, by first appearance */
  data = formats_test_read ("chronoscope.csv", &length);
  timeline = chrono_csv_load_data (data, length, "chronoscope.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (chrono_category_get_color (chrono_timeline_lookup_category (timeline, "attribution")),
                   ==, "#e69f00");
  g_assert_cmpstr (chrono_category_get_color (chrono_timeline_lookup_category (timeline, "intrusion")),
                   ==, "#56b4e9");

  for (guint i = 0; i < 12; i++)
    g_string_append_printf (many, "2021,cat %u\n2022,cat %u\n", 11 - i, 11 - i);
  many_timeline = load_string (many->str);
  categories = chrono_timeline_get_categories (many_timeline);
  g_assert_cmpuint (g_list_model_get_n_items (categories), ==, 12);
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *id = g_strdup_printf ("cat %u", 11 - i);
      g_autofree char *color = _chrono_format_category_color (i);

      g_assert_cmpstr (chrono_category_get_color (chrono_timeline_lookup_category (many_timeline, id)),
                       ==, color);
    }
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
  g_test_add_func ("/csv/journalist-sheet", test_journalist_sheet);
  g_test_add_func ("/csv/header-synonyms", test_header_synonyms);
  g_test_add_func ("/csv/synonym-precedence", test_synonym_precedence);
  g_test_add_func ("/csv/unknown-columns-kept", test_unknown_columns_kept);
  g_test_add_func ("/csv/title-fallback", test_title_fallback);
  g_test_add_func ("/csv/source-column", test_source_column);
  g_test_add_func ("/csv/timelinejs-plain-columns", test_timelinejs_plain_columns);
  g_test_add_func ("/csv/no-date-column-message", test_no_date_column_message);
  g_test_add_func ("/csv/category-palette", test_category_palette);

  return g_test_run ();
}
