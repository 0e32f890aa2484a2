/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "chrono-format.h"
#include "formats-test-util.h"

static void
test_detect (void)
{
  static const struct {
    const char *data;
    const char *name;
    ChronoFormat format;
  } cases[] = {
    { "{\"chronoscope\": 1, \"events\": []}", "x", CHRONO_FORMAT_NATIVE },
    { "\xEF\xBB\xBF \r\n\t{\"title\": \"t\", \"chronoscope\": 1}", "x", CHRONO_FORMAT_NATIVE },
    { "{\"type\": \"bundle\", \"objects\": []}", "x.json", CHRONO_FORMAT_STIX },
    { "{\"id\": \"bundle--1\", \"objects\": [{\"type\": \"campaign\"}], \"type\": \"bundle\"}", "x",
      CHRONO_FORMAT_STIX },
    { "{\"events\": [{\"start_date\": {\"year\": 1}}]}", "x", CHRONO_FORMAT_TIMELINEJS },
    { "{\"title\": {\"text\": {}}, \"events\": [{\"text\": {}, \"start_date\": {}}]}", "x",
      CHRONO_FORMAT_TIMELINEJS },
    /* the name breaks a tie only when the content cannot */
    { "{\"events\": []}", "a.chrono.json", CHRONO_FORMAT_NATIVE },
    { "{\"events\": []}", "a.json", CHRONO_FORMAT_TIMELINEJS },
    { "{\"events\": []}", "a", CHRONO_FORMAT_UNKNOWN },
    { "{\"chronoscope\": 1}", "a.csv", CHRONO_FORMAT_NATIVE },
    /* keys only count at the top level, never inside strings */
    { "{\"x\": {\"chronoscope\": 1}}", "x.json", CHRONO_FORMAT_UNKNOWN },
    { "{\"title\": \"\\\"chronoscope\\\": 1\"}", "x.json", CHRONO_FORMAT_UNKNOWN },
    { "{\"x\": {\"type\": \"bundle\"}}", "x.json", CHRONO_FORMAT_UNKNOWN },
    { "{\"type\": \"Bundle\"}", "x.json", CHRONO_FORMAT_UNKNOWN },
    { "[{\"chronoscope\": 1}]", "x.json", CHRONO_FORMAT_UNKNOWN },
    { "{\"foo\": 1}", "x.json", CHRONO_FORMAT_UNKNOWN },
    /* CSV by its header */
    { "id,start,title\n", "x.txt", CHRONO_FORMAT_CSV },
    { "\xEF\xBB\xBFYear,Month,Day,Headline\r\n", "x", CHRONO_FORMAT_CSV },
    { "\"Title\",\"Description\"\n", "x", CHRONO_FORMAT_CSV },
    { "Start\n2021\n", "x", CHRONO_FORMAT_CSV },
    { "name,when\n", "x.CSV", CHRONO_FORMAT_CSV },
    { "name,when\n", "x", CHRONO_FORMAT_CSV },
    { "Date,End date,Event,Details,Category,Who,Source\r\n", "x", CHRONO_FORMAT_CSV },
    { "\"Source_Title\",Source-URL\n", "x", CHRONO_FORMAT_CSV },
    { "Date\n", "x", CHRONO_FORMAT_CSV },
    { "name,colour\n", "x", CHRONO_FORMAT_UNKNOWN },
    { "Dates and names\n", "x", CHRONO_FORMAT_UNKNOWN },
    { "title only\n", "x", CHRONO_FORMAT_UNKNOWN },
    { "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "x.csv", CHRONO_FORMAT_UNKNOWN },
    { "", "x.csv", CHRONO_FORMAT_UNKNOWN },
    { " \n ", "x.json", CHRONO_FORMAT_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      /* the PNG case has NUL bytes: its length is written out */
      gsize length = cases[i].data[0] == '\x89' ? 16 : strlen (cases[i].data);

      g_test_message ("case %u", i);
      g_assert_cmpint (chrono_format_detect (cases[i].data, length, cases[i].name), ==,
                       cases[i].format);
    }
}

static void
test_load_samples (void)
{
  static const struct {
    const char *name;
    guint n_events;
  } samples[] = {
    { "timelinejs-template.csv", 4 },
    { "chronoscope.csv", 5 },
    { "timelinejs.json", 4 },
    { "stix-bundle.json", 4 },
    { "roundtrip.chrono.json", 5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = formats_test_path (samples[i].name);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronoTimeline) timeline = chrono_format_load_file (file, NULL, &error);
      gboolean native = g_str_has_suffix (samples[i].name, ".chrono.json");

      g_test_message ("%s", samples[i].name);
      g_assert_no_error (error);
      g_assert_cmpuint (chrono_timeline_get_n_events (timeline), ==, samples[i].n_events);
      g_assert_false (chrono_timeline_get_modified (timeline));
      /* only a native file may be saved back over itself */
      if (native)
        g_assert_true (g_file_equal (chrono_timeline_get_file (timeline), file));
      else
        g_assert_null (chrono_timeline_get_file (timeline));
    }
}

/* @length -1: up to the NUL */
static void
assert_error (const char  *data,
              gssize       length,
              ChronoError  code,
              const char  *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoTimeline) timeline = NULL;

  timeline = chrono_format_load_data (data, length < 0 ? strlen (data) : (gsize) length,
                                      "in.dat", &error);
  g_assert_null (timeline);
  g_assert_error (error, CHRONO_ERROR, (int) code);
  g_test_message ("%s", error->message);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("“%s” does not start with “%s”", error->message, prefix);
}

static void
test_bad_input (void)
{
  static const char binary[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0";
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) deep_object = g_string_new ("{\"chronoscope\": 1, \"x\": ");

  assert_error ("", 0, CHRONO_ERROR_SYNTAX, "in.dat: ");
  assert_error ("\xEF\xBB\xBF  \n\n", -1, CHRONO_ERROR_SYNTAX, "in.dat: ");
  assert_error (binary, sizeof binary - 1, CHRONO_ERROR_UNSUPPORTED, "in.dat: ");
  assert_error ("hello world\n", -1, CHRONO_ERROR_UNSUPPORTED, "in.dat: ");
  assert_error ("\xFF\xFEs\0t\0a\0r\0t\0", 12, CHRONO_ERROR_UNSUPPORTED,
                "in.dat: the file is UTF-16 encoded");
  assert_error ("{\"foo\": [1, 2]}", -1, CHRONO_ERROR_UNSUPPORTED, "in.dat: unrecognised JSON");
  assert_error ("[]", -1, CHRONO_ERROR_UNSUPPORTED, "in.dat: unrecognised JSON");
  /* unrecognised but malformed: the syntax error, with its place */
  assert_error ("{\"foo\": [1,\n 2,]}", -1, CHRONO_ERROR_SYNTAX, "in.dat:2:4: ");
  assert_error ("{\"foo\": \"\xFF\"}", -1, CHRONO_ERROR_SYNTAX, "in.dat:1:10: ");
  /* truncated native and STIX files */
  assert_error ("{\"chronoscope\": 1, \"events\": [", -1, CHRONO_ERROR_SYNTAX, "in.dat:1:");
  assert_error ("{\"type\": \"bundle\", \"objects\": [{\"type\"", -1, CHRONO_ERROR_SYNTAX, "in.dat:1:");

  /* hundreds of thousands of levels: refused, no stack overflow */
  for (guint i = 0; i < 300000; i++)
    g_string_append_c (deep, '[');
  assert_error (deep->str, deep->len, CHRONO_ERROR_TOO_LARGE, "in.dat:1:");
  for (guint i = 0; i < 300000; i++)
    g_string_append (deep_object, "{\"a\":");
  assert_error (deep_object->str, deep_object->len, CHRONO_ERROR_TOO_LARGE, "in.dat:1:");
}

static void
test_too_large_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GFile) file = g_file_new_tmp ("chrono-huge-XXXXXX.csv", &stream, &error);
  g_autoptr(ChronoTimeline) timeline = NULL;
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_file_get_path (file);
  /* a sparse file one byte over the bound: refused before it is read */
  g_assert_cmpint (truncate (path, (off_t) CHRONO_FORMAT_MAX_INPUT + 1), ==, 0);

  timeline = chrono_format_load_file (file, NULL, &error);
  g_assert_null (timeline);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_file_delete (file, NULL, NULL);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/dir/timeline.csv");
  g_autoptr(ChronoTimeline) timeline = chrono_format_load_file (file, NULL, &error);

  g_assert_null (timeline);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  /* The path once, the reason from the error code. */
  g_assert_cmpstr (error->message, ==, "/nonexistent/dir/timeline.csv: No such file or directory");
}

static void
test_errors_name_the_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GFile) file = g_file_new_tmp ("chrono-bad-XXXXXX.csv", &stream, &error);
  g_autoptr(ChronoTimeline) timeline = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  const char *content = "start,title\n2021,ok\n2022,\"open\n";

  g_assert_no_error (error);
  path = g_file_get_path (file);
  g_assert_true (g_file_set_contents (path, content, -1, &error));

  timeline = chrono_format_load_file (file, NULL, &error);
  g_assert_null (timeline);
  expected = g_strdup_printf ("%s:3:6: ", path);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_file_delete (file, NULL, NULL);
}

/* Writes @content to a new temporary native file. */
static GFile *
write_native (const char *content,
              gsize       length,
              char      **path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileIOStream) stream = NULL;
  GFile *file = g_file_new_tmp ("chrono-large-XXXXXX.chrono.json", &stream, &error);

  g_assert_no_error (error);
  *path = g_file_get_path (file);
  g_assert_true (g_file_set_contents (*path, content, length, &error));
  return file;
}

/* A native file is read as a stream once its first bytes show it is one:
 * what it gives, errors included, must be what reading it whole gives,
 * also past the bytes that were probed, and also when the key that says
 * "native" only comes after them. */
static void
test_native_streamed (void)
{
  g_autoptr(GString) text = g_string_new ("{\"chronoscope\": 1, \"events\": [\n");
  g_autoptr(GString) late = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) whole_error = NULL;
  const guint n = 4000;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s{\"id\": \"e%u\", \"title\": \"Event %u\", \"start\": \"2020-01-%02u\"}\n",
                            i ? "," : " ", i, i, 1 + i % 28);
  g_string_append (text, "]}\n");
  g_assert_cmpuint (text->len, >, 3 * 65536);

  /* The same timeline either way, with its file, unmodified. */
  {
    g_autofree char *path = NULL;
    g_autoptr(GFile) file = write_native (text->str, text->len, &path);
    g_autoptr(ChronoTimeline) streamed = chrono_format_load_file (file, NULL, &error);
    g_autoptr(ChronoTimeline) whole = chrono_format_load_data (text->str, text->len, path, &whole_error);
    g_autoptr(ChronoEvent) last = NULL;

    g_assert_no_error (error);
    g_assert_no_error (whole_error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (streamed)), ==, n);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (whole)), ==, n);
    last = chrono_timeline_lookup_event (streamed, "e3999");
    g_assert_nonnull (last);
    g_assert_cmpstr (chrono_event_get_title (last), ==, "Event 3999");
    g_assert_true (g_file_equal (chrono_timeline_get_file (streamed), file));
    g_assert_false (chrono_timeline_get_modified (streamed));
    g_file_delete (file, NULL, NULL);
  }

  /* An error far past the probe: the same message and position. */
  {
    g_autoptr(GString) bad = g_string_new (text->str);
    g_autofree char *path = NULL;
    g_autoptr(GFile) file = NULL;
    g_autoptr(ChronoTimeline) streamed = NULL;
    g_autoptr(ChronoTimeline) whole = NULL;
    char *at = strstr (bad->str, "\"e2500\"");

    g_assert_nonnull (at);
    memcpy (strstr (at, "2020-"), "2020-13", 7);
    file = write_native (bad->str, bad->len, &path);
    g_clear_error (&error);
    g_clear_error (&whole_error);
    streamed = chrono_format_load_file (file, NULL, &error);
    whole = chrono_format_load_data (bad->str, bad->len, path, &whole_error);
    g_assert_null (streamed);
    g_assert_null (whole);
    g_assert_error (error, CHRONO_ERROR, whole_error->code);
    g_assert_cmpstr (error->message, ==, whole_error->message);
    g_assert_nonnull (strstr (error->message, ":2502:"));
    g_file_delete (file, NULL, NULL);
  }

  /* "chronoscope" after a long first member: detected on the whole text. */
  late = g_string_new ("{\"title\": \"");
  for (guint i = 0; i < 70000; i++)
    g_string_append_c (late, 'a' + i % 26);
  g_string_append (late, "\", \"chronoscope\": 1, \"events\": [{\"id\": \"x\", \"title\": \"X\", \"start\": \"2021\"}]}");
  {
    g_autofree char *path = NULL;
    g_autoptr(GFile) file = write_native (late->str, late->len, &path);
    g_autoptr(ChronoTimeline) timeline = NULL;

    g_clear_error (&error);
    timeline = chrono_format_load_file (file, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 1);
    g_assert_cmpuint (strlen (chrono_timeline_get_title (timeline)), ==, 70000);
    g_file_delete (file, NULL, NULL);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/detect", test_detect);
  g_test_add_func ("/format/load-samples", test_load_samples);
  g_test_add_func ("/format/bad-input", test_bad_input);
  g_test_add_func ("/format/too-large-file", test_too_large_file);
  g_test_add_func ("/format/missing-file", test_missing_file);
  g_test_add_func ("/format/errors-name-the-file", test_errors_name_the_file);
  g_test_add_func ("/format/native-streamed", test_native_streamed);

  return g_test_run ();
}
