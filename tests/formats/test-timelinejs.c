/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "chrono-format-private.h"
#include "chrono-timelinejs.h"
#include "formats-test-util.h"

static void
test_sample (void)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoTimeline) timeline = NULL;
  g_autoptr(ChronoEvent) battle = NULL;
  g_autoptr(ChronoEvent) bridge = NULL;
  g_autoptr(ChronoEvent) gauge = NULL;
  g_autoptr(ChronoEvent) point = NULL;
  g_autoptr(ChronoSource) source = NULL;
  g_autoptr(ChronoEra) era = NULL;
  gsize length;

  data = formats_test_read ("timelinejs.json", &length);
  timeline = chrono_timelinejs_load_data (data, length, "timelinejs.json", &error);
  g_assert_no_error (error);

  g_assert_cmpstr (chrono_timeline_get_title (timeline), ==, "River Towns & Bridges");
  g_assert_cmpstr (chrono_timeline_get_description (timeline), ==, "A made-up timeline for tests.");
  g_assert_cmpuint (chrono_timeline_get_n_events (timeline), ==, 4);

  /* no unique_id: "tljs-<index>"; year given as a string, BC */
  battle = formats_test_event (timeline, "tljs-0");
  g_assert_cmpstr (chrono_event_get_title (battle), ==, "Battle by the strait");
  formats_assert_date (chrono_event_get_start (battle), "-0479-09");
  g_assert_cmpint (chrono_event_get_start (battle)->precision, ==, CHRONO_PRECISION_MONTH);
  g_assert_cmpstr (chrono_event_get_description (battle), ==, "Ships, many of them\nand oars");
  g_assert_cmpstr (chrono_event_get_group (battle), ==, "Antiquity");
  g_assert_null (chrono_event_get_end (battle));

  bridge = formats_test_event (timeline, "bridge-opens");
  g_assert_cmpint (chrono_event_get_start (bridge)->year, ==, 1894);
  g_assert_cmpint (chrono_event_get_start (bridge)->hour, ==, 14);
  g_assert_cmpint (chrono_event_get_start (bridge)->minute, ==, 5);
  /* EDTF writes times as hh:mm:ss: a time read to the minute is stored to the
   * second so that it saves and loads back unchanged. */
  g_assert_cmpint (chrono_event_get_start (bridge)->precision, ==, CHRONO_PRECISION_SECOND);
  g_assert_cmpint (chrono_event_get_start (bridge)->second, ==, 0);
  formats_assert_date (chrono_event_get_end (bridge), "1894-07-02");
  g_assert_cmpstr (chrono_event_get_display_date (bridge), ==, "Summer 1894");
  g_assert_cmpstr (chrono_event_get_description (bridge), ==, "Crowds gather.\n\nBands play\u2026");
  g_assert_cmpstr (chrono_event_get_group (bridge), ==, "Engineering");
  source = formats_test_source (bridge, 0);
  g_assert_cmpstr (chrono_source_get_url (source), ==, "https://example.org/bridge.png");
  g_assert_cmpstr (chrono_source_get_title (source), ==, "The bridge");
  g_assert_cmpstr (chrono_source_get_publisher (source), ==, "City Library");

  /* seconds (milliseconds dropped), display_date inside start_date, a
   * javascript: media URL that must not become a link */
  gauge = formats_test_event (timeline, "tljs-2");
  formats_assert_date (chrono_event_get_start (gauge), "2001-02-03T04:05:06");
  g_assert_cmpint (chrono_event_get_start (gauge)->precision, ==, CHRONO_PRECISION_SECOND);
  g_assert_cmpstr (chrono_event_get_display_date (gauge), ==, "Early on 3 Feb");
  g_assert_cmpuint (g_list_model_get_n_items (chrono_event_get_sources (gauge)), ==, 0);
  g_assert_null (chrono_event_get_description (gauge));

  /* null members are absent */
  point = formats_test_event (timeline, "tljs-3");
  formats_assert_date (chrono_event_get_start (point), "2019");
  g_assert_null (chrono_event_get_end (point));
  g_assert_cmpuint (g_list_model_get_n_items (chrono_event_get_sources (point)), ==, 0);

  g_assert_cmpuint (g_list_model_get_n_items (chrono_timeline_get_eras (timeline)), ==, 1);
  era = g_list_model_get_item (chrono_timeline_get_eras (timeline), 0);
  g_assert_cmpstr (chrono_era_get_title (era), ==, "Age of iron");
  formats_assert_date (chrono_era_get_start (era), "1880");
  formats_assert_date (chrono_era_get_end (era), "1914-07");
}

static void
test_html_to_text (void)
{
  static const struct {
    const char *html;
    const char *text;
  } cases[] = {
    { "plain", "plain" },
    { "  lots   of\n\tspace  ", "lots of space" },
    { "<b>bold</b> and <a href=\"x>y\">link</a>", "bold and link" },
    { "one<br>two<br/>three<BR />four", "one\ntwo\nthree\nfour" },
    { "<p>a</p><p>b</p>", "a\n\nb" },
    { "<div>a</div><div>b</div>", "a\nb" },
    { "<ul><li>x</li><li>y</li></ul>", "x\ny" },
    { "a<br><br><br><br>b", "a\n\nb" },
    { "&lt;b&gt; &amp; &quot;q&quot; &apos;s&#39;", "<b> & \"q\" 's'" },
    { "&#8211;&#x2014;&#X41;", "\u2013\u2014A" },
    { "bad &#0; &#xD800; &#x110000; &#99999999999;", "bad \uFFFD \uFFFD \uFFFD \uFFFD" },
    { "&unknown; &amp &#; &#x;", "&unknown; &amp &#; &#x;" },
    { "caf&eacute; na&iuml;ve &euro;5", "caf\u00e9 na\u00efve \u20ac5" },
    { "a&nbsp;&nbsp;b", "a  b" },
    { "soft&shy;hyphen", "softhyphen" },
    { "x<script>alert('<b>')</script>y", "xy" },
    { "x<style type=\"text/css\">p{}</style>y", "xy" },
    { "a<!-- hidden <b> -->b", "ab" },
    { "1 < 2 and 3 > 2", "1 < 2 and 3 > 2" },
    { "unterminated <b", "unterminated" },
    { "<script>never closed", "" },
    { "ctrl\x01\x7f chars", "ctrl chars" },
    { "&#1;&#9;x", "\tx" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = _chrono_format_html_to_text (cases[i].html);

      g_test_message ("case %u: %s", i, cases[i].html);
      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_true (g_utf8_validate (text, -1, NULL));
    }
}

static void
test_parse_time (void)
{
  static const struct {
    const char *text;
    gboolean ok;
    guint hour, minute, second;
    ChronoPrecision precision;
  } cases[] = {
    { "10:15", TRUE, 10, 15, 0, CHRONO_PRECISION_MINUTE },
    { " 9:05:30 ", TRUE, 9, 5, 30, CHRONO_PRECISION_SECOND },
    { "23:59:59.999", TRUE, 23, 59, 59, CHRONO_PRECISION_SECOND },
    { "12:00 AM", TRUE, 0, 0, 0, CHRONO_PRECISION_MINUTE },
    { "12:30 pm", TRUE, 12, 30, 0, CHRONO_PRECISION_MINUTE },
    { "1:15:02 PM", TRUE, 13, 15, 2, CHRONO_PRECISION_SECOND },
    { "24:00", FALSE }, { "10:60", FALSE }, { "10:15:60", FALSE }, { "13:00 PM", FALSE },
    { "10", FALSE }, { "10:", FALSE }, { ":15", FALSE }, { "10:15:", FALSE },
    { "10:15.5", FALSE }, { "10:15:30.", FALSE }, { "100:15", FALSE }, { "10:15 XM", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint hour = 99, minute = 99, second = 99;
      ChronoPrecision precision = CHRONO_PRECISION_YEAR;
      gboolean ok = _chrono_format_parse_time (cases[i].text, &hour, &minute, &second, &precision);

      g_test_message ("case %u: “%s”", i, cases[i].text);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        continue;
      g_assert_cmpuint (hour, ==, cases[i].hour);
      g_assert_cmpuint (minute, ==, cases[i].minute);
      g_assert_cmpuint (second, ==, cases[i].second);
      g_assert_cmpint (precision, ==, cases[i].precision);
    }
}

static void
test_errors (void)
{
  static const struct {
    const char *json;
    ChronoError code;
    const char *prefix;
  } cases[] = {
    { "{\"events\": 5}",
      CHRONO_ERROR_INVALID_VALUE, "bad.json:1:12: " },
    { "{\"events\": [1]}",
      CHRONO_ERROR_INVALID_VALUE, "bad.json:1:13: " },
    { "{\"events\": [{\"text\": {}}]}",
      CHRONO_ERROR_MISSING, "bad.json:1:13: " },
    { "{\"events\": [\n  {\"start_date\": {\"month\": 3}}\n]}",
      CHRONO_ERROR_MISSING, "bad.json:2:18: " },
    { "{\"events\": [\n  {\"start_date\": {\"year\": \"abc\"}}\n]}",
      CHRONO_ERROR_INVALID_VALUE, "bad.json:2:27: " },
    { "{\"events\": [\n  {\"start_date\": {\"year\": 2021, \"month\": 13}}\n]}",
      CHRONO_ERROR_INVALID_DATE, "bad.json:2:42: " },
    { "{\"events\": [{\"start_date\": {\"year\": 2021, \"month\": 2, \"day\": 30}}]}",
      CHRONO_ERROR_INVALID_DATE, "bad.json:1:28: " },
    { "{\"events\": [{\"start_date\": {\"year\": 2021.5}}]}",
      CHRONO_ERROR_INVALID_VALUE, "bad.json:1:37: " },
    { "{\"events\": [{\"start_date\": {\"year\": 200000000000}}]}",
      CHRONO_ERROR_INVALID_DATE, "bad.json:1:28: " },
    { "{\"events\": [{\"start_date\": {\"year\": 2021, \"hour\": 3}}]}",
      CHRONO_ERROR_INVALID_DATE, "bad.json:1:28: " },
    { "{\"events\": [\n {\"start_date\": {\"year\": 2022},\n  \"end_date\": {\"year\": 2021}}]}",
      CHRONO_ERROR_INVALID_VALUE, "bad.json:3:15: " },
    { "{\"events\": [\n {\"unique_id\": \"a\", \"start_date\": {\"year\": 1}},\n {\"unique_id\": \"a\", \"start_date\": {\"year\": 2}}\n]}",
      CHRONO_ERROR_DUPLICATE, "bad.json:3:16: " },
    { "{\"events\": [{\"start_date\": {\"year\": 1}, \"text\": {\"headline\": 7}}]}",
      CHRONO_ERROR_INVALID_VALUE, "bad.json:1:62: " },
    { "{\"events\": [{\"start_date\": {\"year\": 1}, \"media\": \"https://x\"}]}",
      CHRONO_ERROR_INVALID_VALUE, "bad.json:1:50: " },
    { "{\"events\": [{\"start_date\": {\"year\": 1}, \"group\": [\"a\"]}]}",
      CHRONO_ERROR_INVALID_VALUE, "bad.json:1:50: " },
    { "{\"events\": [{\"start_date\": {\"year\": 1}, \"text\": \"plain\"}]}",
      CHRONO_ERROR_INVALID_VALUE, "bad.json:1:49: " },
    { "{\"events\": [{\"start_date\": 2021}]}",
      CHRONO_ERROR_INVALID_VALUE, "bad.json:1:28: " },
    { "[1, 2]",
      CHRONO_ERROR_INVALID_VALUE, "bad.json:1:1: " },
    { "{\"title\": {\"text\": {\"headline\": \"x\"}}}",
      CHRONO_ERROR_MISSING, "bad.json:1:1: " },
    { "{\"events\": [], \"eras\": [{\"start_date\": {\"year\": 1}}]}",
      CHRONO_ERROR_MISSING, "bad.json:1:25: " },
    { "{\"events\": [], \"eras\": {}}",
      CHRONO_ERROR_INVALID_VALUE, "bad.json:1:24: " },
    { "{\"events\": [}",
      CHRONO_ERROR_SYNTAX, "bad.json:1:13: " },
    { "{\"events\": [{\"start_date\": {\"year\": 20",
      CHRONO_ERROR_SYNTAX, "bad.json:1:39: " },
    { "{\"events\": [{\"start_date\": {\"year\": 2021}, \"x\": \"caf\xE9\"}]}",
      CHRONO_ERROR_SYNTAX, "bad.json:1:53: " },
    { "",
      CHRONO_ERROR_SYNTAX, "bad.json:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronoTimeline) timeline =
        chrono_timelinejs_load_data (cases[i].json, strlen (cases[i].json), "bad.json", &error);

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(loaded)");
      g_assert_null (timeline);
      g_assert_error (error, CHRONO_ERROR, (int) cases[i].code);
      if (!g_str_has_prefix (error->message, cases[i].prefix))
        g_error ("“%s” does not start with “%s”", error->message, cases[i].prefix);
    }
}

static void
test_deep_nesting (void)
{
  const gsize depth = 300000;
  g_autoptr(GString) json = g_string_new ("{\"events\": [{\"start_date\": {\"year\": ");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoTimeline) timeline = NULL;

  for (gsize i = 0; i < depth; i++)
    g_string_append_c (json, '[');
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (json, ']');
  g_string_append (json, "}}]}");

  timeline = chrono_timelinejs_load_data (json->str, json->len, "deep.json", &error);
  g_assert_null (timeline);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "deep.json:1:"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timelinejs/sample", test_sample);
  g_test_add_func ("/timelinejs/html-to-text", test_html_to_text);
  g_test_add_func ("/timelinejs/parse-time", test_parse_time);
  g_test_add_func ("/timelinejs/errors", test_errors);
  g_test_add_func ("/timelinejs/deep-nesting", test_deep_nesting);

  return g_test_run ();
}
