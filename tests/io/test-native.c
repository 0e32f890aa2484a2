/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-native"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "chrono-error.h"
#include "chrono-format.h"
#include "chrono-json-util.h"
#include "chrono-native.h"

static ChronoTimeline *
load_sample (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "native", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  ChronoTimeline *timeline;

  timeline = chrono_native_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (timeline);
  g_assert_true (g_file_equal (chrono_timeline_get_file (timeline), file));
  g_assert_false (chrono_timeline_get_modified (timeline));
  return timeline;
}

static ChronoEvent *
event_at (ChronoTimeline *timeline,
          guint           position)
{
  return g_list_model_get_item (G_LIST_MODEL (timeline), position);
}

static char *
date_string (const ChronoDate *date)
{
  return date ? chrono_date_to_string (date) : NULL;
}

static void
assert_strv (const char *const *values,
             const char        *expected)
{
  g_autofree char *joined = g_strjoinv ("|", (char **) values);

  g_assert_cmpstr (joined, ==, expected);
}

/* The member @name of the JSON object text @json (which must have it). */
static JsonNode *
member_of (const char *json,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = chrono_json_parse (json, strlen (json), "extra", &error);
  JsonObject *object;

  g_assert_no_error (error);
  object = chrono_json_node_get_object (root);
  g_assert_nonnull (object);
  g_assert_true (json_object_has_member (object, name));
  return json_node_copy (json_object_get_member (object, name));
}

static void
test_load_full (void)
{
  g_autoptr(ChronoTimeline) timeline = load_sample ("full.chrono.json");
  const char *order[] = { "uncertain-ancient", "open", "range", "same-start-b", "late" };
  g_autoptr(ChronoCategory) category = NULL;
  g_autoptr(ChronoEra) era = NULL;
  g_autoptr(ChronoEvent) event = NULL;
  g_autoptr(ChronoSource) source = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;
  GListModel *sources;

  g_assert_cmpstr (chrono_timeline_get_title (timeline), ==, "Sample: every field");
  g_assert_true (g_str_has_prefix (chrono_timeline_get_description (timeline), "Test data"));

  /* Unknown top-level fields are kept, nested values and all. */
  node = member_of (chrono_timeline_get_extra (timeline), "x-editor");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_assert_cmpuint (json_object_get_size (json_node_get_object (node)), ==, 3);
  g_clear_pointer (&node, json_node_unref);

  g_assert_cmpuint (g_list_model_get_n_items (chrono_timeline_get_categories (timeline)), ==, 2);
  category = g_list_model_get_item (chrono_timeline_get_categories (timeline), 0);
  g_assert_cmpstr (chrono_category_get_id (category), ==, "intrusion");
  g_assert_cmpstr (chrono_category_get_name (category), ==, "Intrusion");
  g_assert_cmpstr (chrono_category_get_color (category), ==, "#D55E00");
  g_assert_cmpstr (chrono_category_get_description (category), ==, "Hacking.");
  g_assert_true (chrono_timeline_lookup_category (timeline, "legal") != NULL);

  g_assert_cmpuint (g_list_model_get_n_items (chrono_timeline_get_eras (timeline)), ==, 2);
  era = g_list_model_get_item (chrono_timeline_get_eras (timeline), 0);
  g_assert_cmpstr (chrono_era_get_id (era), ==, "era-a");
  g_assert_cmpstr (chrono_era_get_title (era), ==, "First period");
  text = date_string (chrono_era_get_start (era));
  g_assert_cmpstr (text, ==, "2019-07");
  g_clear_pointer (&text, g_free);
  text = date_string (chrono_era_get_end (era));
  g_assert_cmpstr (text, ==, "2022-09");
  g_clear_pointer (&text, g_free);
  g_assert_cmpstr (chrono_era_get_color (era), ==, "#9A9A9A");
  g_clear_object (&era);
  era = g_list_model_get_item (chrono_timeline_get_eras (timeline), 1);
  g_assert_cmpint (chrono_era_get_end (era)->kind, ==, CHRONO_DATE_KIND_OPEN);
  g_assert_cmpint (chrono_era_get_start (era)->qualifier, ==, CHRONO_QUALIFIER_APPROXIMATE);

  /* Events come out sorted by start, ties in file order. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    g_assert_cmpstr (chrono_timeline_get_event_id (timeline, i), ==, order[i]);

  event = event_at (timeline, 4);
  g_assert_cmpstr (chrono_event_get_id (event), ==, "late");
  g_assert_cmpstr (chrono_event_get_title (event), ==, "A precise moment");
  text = date_string (chrono_event_get_start (event));
  g_assert_cmpstr (text, ==, "2024-03-25T10:15:00Z");
  g_clear_pointer (&text, g_free);
  g_assert_null (chrono_event_get_end (event));
  g_assert_cmpstr (chrono_event_get_description (event), ==, "Listed first but starts last.");
  g_assert_cmpstr (chrono_event_get_category (event), ==, "legal");
  g_assert_cmpstr (chrono_event_get_group (event), ==, "United States");
  g_assert_cmpstr (chrono_event_get_status (event), ==, "alleged");
  g_assert_cmpuint (chrono_event_get_importance (event), ==, 100);
  assert_strv (chrono_event_get_actors (event), "APT31|Ministry of State Security");
  assert_strv (chrono_event_get_targets (event), "Millions of people");
  assert_strv (chrono_event_get_places (event), "United States");
  assert_strv (chrono_event_get_tags (event), "indictment");
  sources = chrono_event_get_sources (event);
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 2);
  source = g_list_model_get_item (sources, 0);
  g_assert_cmpstr (chrono_source_get_title (source), ==, "A report");
  g_assert_cmpstr (chrono_source_get_url (source), ==, "https://example.org/report");
  g_assert_cmpstr (chrono_source_get_publisher (source), ==, "Example News");
  g_assert_cmpstr (chrono_source_get_date (source), ==, "2024-03-26");
  g_clear_object (&source);
  source = g_list_model_get_item (sources, 1);
  g_assert_cmpstr (chrono_source_get_title (source), ==, "Second source");
  g_assert_null (chrono_source_get_url (source));
  node = member_of (chrono_event_get_extra (event), "x-count");
  g_assert_cmpint (json_node_get_int (node), ==, G_GINT64_CONSTANT (12345678901234));
  g_clear_pointer (&node, json_node_unref);
  node = member_of (chrono_event_get_extra (event), "x-review");
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_clear_pointer (&node, json_node_unref);
  g_clear_object (&event);

  event = event_at (timeline, 2);
  g_assert_cmpstr (chrono_event_get_id (event), ==, "range");
  text = date_string (chrono_event_get_end (event));
  g_assert_cmpstr (text, ==, "2022");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (chrono_event_get_start (event)->precision, ==, CHRONO_PRECISION_YEAR);
  g_assert_cmpuint (chrono_event_get_importance (event), ==, 0);
  g_assert_null (chrono_event_get_extra (event));
  g_clear_object (&event);

  event = event_at (timeline, 1);
  g_assert_cmpstr (chrono_event_get_id (event), ==, "open");
  g_assert_cmpint (chrono_event_get_end (event)->kind, ==, CHRONO_DATE_KIND_OPEN);
  g_assert_cmpstr (chrono_event_get_display_date (event), ==, "early 2020 onwards");
  /* Not given: the documented default. */
  g_assert_cmpuint (chrono_event_get_importance (event), ==, 50);
  g_clear_object (&event);

  event = event_at (timeline, 0);
  g_assert_cmpint (chrono_event_get_start (event)->year, ==, -43);
  g_assert_cmpint (chrono_event_get_start (event)->precision, ==, CHRONO_PRECISION_DAY);
  g_assert_cmpint (chrono_event_get_start (event)->qualifier, ==, CHRONO_QUALIFIER_UNCERTAIN);
}

static void assert_json_equal (const char *a,
                               const char *b);

static void
assert_sources_equal (GListModel *a,
                      GListModel *b)
{
  guint n = g_list_model_get_n_items (a);

  g_assert_cmpuint (g_list_model_get_n_items (b), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronoSource) x = g_list_model_get_item (a, i);
      g_autoptr(ChronoSource) y = g_list_model_get_item (b, i);

      g_assert_cmpstr (chrono_source_get_title (x), ==, chrono_source_get_title (y));
      g_assert_cmpstr (chrono_source_get_url (x), ==, chrono_source_get_url (y));
      g_assert_cmpstr (chrono_source_get_publisher (x), ==, chrono_source_get_publisher (y));
      g_assert_cmpstr (chrono_source_get_date (x), ==, chrono_source_get_date (y));
      assert_json_equal (chrono_source_get_extra (x), chrono_source_get_extra (y));
    }
}

static void
assert_dates_equal (const ChronoDate *a,
                    const ChronoDate *b)
{
  g_autofree char *x = date_string (a);
  g_autofree char *y = date_string (b);

  g_assert_cmpstr (x, ==, y);
  if (a != NULL)
    g_assert_true (chrono_date_equal (a, b));
}

static void
assert_strv_equal (const char *const *a,
                   const char *const *b)
{
  g_assert_true (g_strv_equal (a, b));
}

/* Extra fields compare as JSON values, not as text. */
static void
assert_json_equal (const char *a,
                   const char *b)
{
  g_autoptr(JsonNode) x = NULL;
  g_autoptr(JsonNode) y = NULL;

  if (a == NULL || b == NULL)
    {
      g_assert_cmpstr (a, ==, b);
      return;
    }
  x = chrono_json_parse (a, strlen (a), "a", NULL);
  y = chrono_json_parse (b, strlen (b), "b", NULL);
  g_assert_nonnull (x);
  g_assert_nonnull (y);
  g_assert_true (json_node_equal (x, y));
}

static void
assert_timelines_equal (ChronoTimeline *a,
                        ChronoTimeline *b)
{
  GListModel *la, *lb;
  guint n;

  g_assert_cmpstr (chrono_timeline_get_title (a), ==, chrono_timeline_get_title (b));
  g_assert_cmpstr (chrono_timeline_get_description (a), ==, chrono_timeline_get_description (b));
  assert_json_equal (chrono_timeline_get_extra (a), chrono_timeline_get_extra (b));

  la = chrono_timeline_get_categories (a);
  lb = chrono_timeline_get_categories (b);
  n = g_list_model_get_n_items (la);
  g_assert_cmpuint (g_list_model_get_n_items (lb), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronoCategory) x = g_list_model_get_item (la, i);
      g_autoptr(ChronoCategory) y = g_list_model_get_item (lb, i);

      g_assert_cmpstr (chrono_category_get_id (x), ==, chrono_category_get_id (y));
      g_assert_cmpstr (chrono_category_get_name (x), ==, chrono_category_get_name (y));
      g_assert_cmpstr (chrono_category_get_color (x), ==, chrono_category_get_color (y));
      g_assert_cmpstr (chrono_category_get_description (x), ==, chrono_category_get_description (y));
      assert_json_equal (chrono_category_get_extra (x), chrono_category_get_extra (y));
    }

  la = chrono_timeline_get_eras (a);
  lb = chrono_timeline_get_eras (b);
  n = g_list_model_get_n_items (la);
  g_assert_cmpuint (g_list_model_get_n_items (lb), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronoEra) x = g_list_model_get_item (la, i);
      g_autoptr(ChronoEra) y = g_list_model_get_item (lb, i);

      g_assert_cmpstr (chrono_era_get_id (x), ==, chrono_era_get_id (y));
      g_assert_cmpstr (chrono_era_get_title (x), ==, chrono_era_get_title (y));
      assert_dates_equal (chrono_era_get_start (x), chrono_era_get_start (y));
      assert_dates_equal (chrono_era_get_end (x), chrono_era_get_end (y));
      g_assert_cmpstr (chrono_era_get_color (x), ==, chrono_era_get_color (y));
      g_assert_cmpstr (chrono_era_get_description (x), ==, chrono_era_get_description (y));
      assert_json_equal (chrono_era_get_extra (x), chrono_era_get_extra (y));
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (a));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (b)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronoEvent) x = event_at (a, i);
      g_autoptr(ChronoEvent) y = event_at (b, i);

      g_assert_cmpstr (chrono_event_get_id (x), ==, chrono_event_get_id (y));
      g_assert_cmpstr (chrono_event_get_title (x), ==, chrono_event_get_title (y));
      assert_dates_equal (chrono_event_get_start (x), chrono_event_get_start (y));
      assert_dates_equal (chrono_event_get_end (x), chrono_event_get_end (y));
      g_assert_cmpstr (chrono_event_get_description (x), ==, chrono_event_get_description (y));
      g_assert_cmpstr (chrono_event_get_category (x), ==, chrono_event_get_category (y));
      g_assert_cmpstr (chrono_event_get_group (x), ==, chrono_event_get_group (y));
      g_assert_cmpstr (chrono_event_get_status (x), ==, chrono_event_get_status (y));
      g_assert_cmpuint (chrono_event_get_importance (x), ==, chrono_event_get_importance (y));
      g_assert_cmpstr (chrono_event_get_display_date (x), ==, chrono_event_get_display_date (y));
      assert_strv_equal (chrono_event_get_actors (x), chrono_event_get_actors (y));
      assert_strv_equal (chrono_event_get_targets (x), chrono_event_get_targets (y));
      assert_strv_equal (chrono_event_get_places (x), chrono_event_get_places (y));
      assert_strv_equal (chrono_event_get_tags (x), chrono_event_get_tags (y));
      assert_sources_equal (chrono_event_get_sources (x), chrono_event_get_sources (y));
      assert_json_equal (chrono_event_get_extra (x), chrono_event_get_extra (y));
    }
}

/* The unknown value at @pointer-like path (member names) of a document. */
static JsonNode *
dig (JsonNode   *root,
     const char *first,
     ...)
{
  JsonNode *node = root;
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    {
      if (JSON_NODE_HOLDS_ARRAY (node))
        node = json_array_get_element (json_node_get_array (node), (guint) g_ascii_strtoull (name, NULL, 10));
      else
        node = json_object_get_member (json_node_get_object (node), name);
      g_assert_nonnull (node);
    }
  va_end (args);
  return node;
}

static void
test_round_trip (void)
{
  g_autoptr(ChronoTimeline) original = load_sample ("full.chrono.json");
  g_autoptr(ChronoTimeline) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) source_doc = NULL;
  g_autoptr(JsonNode) saved_doc = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "native", "full.chrono.json", NULL);
  g_autofree char *source_text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize source_length, first_length, second_length;
  const char *late, *open;

  first = chrono_native_to_data (original, &first_length);
  g_assert_cmpuint (strlen (first), ==, first_length);
  g_assert_true (g_utf8_validate (first, first_length, NULL));
  g_assert_true (first[first_length - 1] == '\n');

  again = chrono_native_load_data (first, first_length, "saved.json", &error);
  g_assert_no_error (error);
  assert_timelines_equal (original, again);

  second = chrono_native_to_data (again, &second_length);
  g_assert_cmpstr (first, ==, second);

  /* Saved in timeline order. */
  late = strstr (first, "\"late\"");
  open = strstr (first, "\"open\"");
  g_assert_nonnull (late);
  g_assert_nonnull (open);
  g_assert_true (open < late);
  g_assert_true (strstr (first, "\"uncertain-ancient\"") < open);

  /* Unknown values come back exactly, however deeply nested. */
  g_assert_true (g_file_get_contents (path, &source_text, &source_length, NULL));
  source_doc = chrono_json_parse (source_text, source_length, "source", &error);
  g_assert_no_error (error);
  saved_doc = chrono_json_parse (first, first_length, "saved", &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (dig (source_doc, "x-editor", NULL),
                                  dig (saved_doc, "x-editor", NULL)));
  g_assert_true (json_node_equal (dig (source_doc, "events", "0", "x-review", NULL),
                                  dig (saved_doc, "events", "4", "x-review", NULL)));
  g_assert_cmpint (json_node_get_int (dig (saved_doc, "events", "4", "x-count", NULL)), ==,
                   G_GINT64_CONSTANT (12345678901234));
  g_assert_true (json_node_get_boolean (dig (saved_doc, "x-editor", "flags", "pinned", NULL)));
  g_assert_cmpstr (json_node_get_string (dig (saved_doc, "x-editor", "flags", "layers", "1", "a", NULL)), ==, "b");
  /* Dates as written. */
  g_assert_cmpstr (json_node_get_string (dig (saved_doc, "events", "0", "start", NULL)), ==, "-0043-03-15?");
  g_assert_cmpstr (json_node_get_string (dig (saved_doc, "events", "1", "start", NULL)), ==, "2020-02~");
  g_assert_cmpstr (json_node_get_string (dig (saved_doc, "events", "1", "end", NULL)), ==, "..");
  g_assert_cmpstr (json_node_get_string (dig (saved_doc, "eras", "1", "start", NULL)), ==, "2023~");
}

static void
test_edit_and_save (void)
{
  g_autoptr(ChronoTimeline) timeline = load_sample ("minimal.chrono.json");
  g_autoptr(ChronoTimeline) loaded = NULL;
  g_autoptr(ChronoEvent) event = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("chrono-native-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  ChronoDate start;

  g_assert_no_error (error);
  path = g_build_filename (dir, "out.chrono.json", NULL);
  file = g_file_new_for_path (path);

  /* An event added later but starting earlier is saved first. */
  g_assert_true (chrono_date_parse ("1957-10-04", &start, NULL));
  event = chrono_event_new ("sputnik", "Sputnik 1", &start);
  chrono_timeline_add_event (timeline, event);
  chrono_timeline_set_extra (timeline, "{\"x-kept\": [1, {\"deep\": null}]}");
  chrono_timeline_set_modified (timeline, TRUE);

  g_assert_true (chrono_native_save_file (timeline, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (chrono_timeline_get_modified (timeline));
  g_assert_true (g_file_equal (chrono_timeline_get_file (timeline), file));

  loaded = chrono_native_load_file (file, NULL, &error);
  g_assert_no_error (error);
  assert_timelines_equal (timeline, loaded);
  g_assert_cmpstr (chrono_timeline_get_event_id (loaded, 0), ==, "sputnik");
  g_assert_cmpstr (chrono_timeline_get_event_id (loaded, 1), ==, "one");

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_save_failure (void)
{
  g_autoptr(ChronoTimeline) timeline = load_sample ("minimal.chrono.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent-folder/sub/out.chrono.json");

  chrono_timeline_set_modified (timeline, TRUE);
  g_assert_false (chrono_native_save_file (timeline, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent-folder/sub/out.chrono.json"));
  /* Still unsaved, still the old file. */
  g_assert_true (chrono_timeline_get_modified (timeline));
  g_assert_false (g_file_equal (chrono_timeline_get_file (timeline), file));
}

typedef struct {
  const char *input;
  gsize length;     /* 0: strlen */
  ChronoError code;
  const char *message;
} ErrorCase;

#define HEAD "{\"chronoscope\": 1, \"events\": [\n"
#define EV(body) HEAD "  {\"id\": \"e1\", \"title\": \"T\", \"start\": \"2021\"" body "}\n]}"

static void
test_errors (void)
{
  static const ErrorCase cases[] = {
    { "", 0, CHRONO_ERROR_SYNTAX, "t.json:1:1: the data is empty" },
    { "not json", 0, CHRONO_ERROR_SYNTAX, "t.json:1:1: unexpected “n” (expected a value)" },
    { HEAD "  {\"id\": \"a\"", 0, CHRONO_ERROR_SYNTAX,
      "t.json:2:13: unexpected end of the data (expected “,” or “}”)" },
    { "[1, 2]", 0, CHRONO_ERROR_INVALID_VALUE,
      "t.json:1:1: not a Chronoscope timeline: the top level is an array, not an object" },
    { "\"text\"", 0, CHRONO_ERROR_INVALID_VALUE,
      "t.json:1:1: not a Chronoscope timeline: the top level is a string, not an object" },
    { "{\"events\": []}", 0, CHRONO_ERROR_MISSING,
      "t.json:1:1: not a Chronoscope timeline: the “chronoscope” version field is missing" },
    { "{\"chronoscope\": 2, \"events\": []}", 0, CHRONO_ERROR_UNSUPPORTED,
      "t.json:1:17: written by a newer Chronoscope (format version 2); this version reads version 1" },
    { "{\"chronoscope\": \"1\", \"events\": []}", 0, CHRONO_ERROR_INVALID_VALUE,
      "t.json:1:17: “chronoscope” must be a format version number (1)" },
    { "{\"chronoscope\": 1}", 0, CHRONO_ERROR_MISSING,
      "t.json:1:1: the required field “events” is missing" },
    { "{\"chronoscope\": 1, \"events\": {}}", 0, CHRONO_ERROR_INVALID_VALUE,
      "t.json:1:30: “events” must be a list, not an object" },
    { "{\"chronoscope\": 1, \"title\": 5, \"events\": []}", 0, CHRONO_ERROR_INVALID_VALUE,
      "t.json:1:29: “title” must be a string, not a number" },
    { HEAD "  3\n]}", 0, CHRONO_ERROR_INVALID_VALUE,
      "t.json:2:3: event 1: an event must be an object, not a number" },
    { HEAD "  {\"title\": \"T\", \"start\": \"2021\"}\n]}", 0, CHRONO_ERROR_MISSING,
      "t.json:2:3: event 1: the required field “id” is missing" },
    { HEAD "  {\"id\": \"\", \"title\": \"T\", \"start\": \"2021\"}\n]}", 0, CHRONO_ERROR_INVALID_VALUE,
      "t.json:2:10: event 1: the id must not be empty" },
    { HEAD "  {\"id\": 7, \"title\": \"T\", \"start\": \"2021\"}\n]}", 0, CHRONO_ERROR_INVALID_VALUE,
      "t.json:2:10: event 1: “id” must be a string, not a number" },
    { HEAD "  {\"id\": \"e1\", \"start\": \"2021\"}\n]}", 0, CHRONO_ERROR_MISSING,
      "t.json:2:3: event “e1”: the required field “title” is missing" },
    { HEAD "  {\"id\": \"e1\", \"title\": \"T\"}\n]}", 0, CHRONO_ERROR_MISSING,
      "t.json:2:3: event “e1”: the required field “start” is missing" },
    { HEAD "  {\"id\": \"e1\", \"title\": \"T\", \"start\": \"2021\"},\n"
           "  {\"id\": \"e1\", \"title\": \"U\", \"start\": \"2022\"}\n]}", 0, CHRONO_ERROR_DUPLICATE,
      "t.json:3:10: event “e1”: another event has the same id" },
    { HEAD "  {\"id\": \"e3\", \"title\": \"T\", \"start\": \"2023-02-29\"}\n]}", 0, CHRONO_ERROR_INVALID_DATE,
      "t.json:2:39: event “e3”: invalid date “2023-02-29”: February 2023 has only 28 days" },
    { HEAD "  {\"id\": \"e3\", \"title\": \"T\", \"start\": \"..\"}\n]}", 0, CHRONO_ERROR_INVALID_DATE,
      "t.json:2:39: event “e3”: “start” must be a date, not “..”" },
    { HEAD "  {\"id\": \"e3\", \"title\": \"T\", \"start\": 2021}\n]}", 0, CHRONO_ERROR_INVALID_VALUE,
      "t.json:2:39: event “e3”: “start” must be a string, not a number" },
    { EV (", \"end\": \"2021-13\""), 0, CHRONO_ERROR_INVALID_DATE,
      "t.json:2:54: event “e1”: invalid date “2021-13”: there is no month 13" },
    { EV (", \"end\": \"2020\""), 0, CHRONO_ERROR_INVALID_DATE,
      "t.json:2:54: event “e1”: it ends (2020) before it starts (2021)" },
    { HEAD "  {\"id\": \"e6\", \"title\": [\"T\"], \"start\": \"2021\"}\n]}", 0, CHRONO_ERROR_INVALID_VALUE,
      "t.json:2:25: event “e6”: “title” must be a string, not an array" },
    { EV (", \"actors\": \"APT31\""), 0, CHRONO_ERROR_INVALID_VALUE,
      "t.json:2:57: event “e1”: “actors” must be a list of strings, not a string" },
    { EV (", \"actors\": [\"a\", 3]"), 0, CHRONO_ERROR_INVALID_VALUE,
      "t.json:2:63: event “e1”: “actors” must be a list of strings, but item 2 is a number" },
    { EV (", \"importance\": \"high\""), 0, CHRONO_ERROR_INVALID_VALUE,
      "t.json:2:61: event “e1”: “importance” must be a whole number from 0 to 100, not a string" },
    { EV (", \"importance\": 101"), 0, CHRONO_ERROR_INVALID_VALUE,
      "t.json:2:61: event “e1”: “importance” must be a whole number from 0 to 100" },
    { EV (", \"importance\": -1"), 0, CHRONO_ERROR_INVALID_VALUE,
      "t.json:2:61: event “e1”: “importance” must be a whole number from 0 to 100" },
    { EV (", \"importance\": 2.5"), 0, CHRONO_ERROR_INVALID_VALUE,
      "t.json:2:61: event “e1”: “importance” must be a whole number from 0 to 100" },
    /* json-glib alone would wrap these to -1 and INT64_MIN. */
    { EV (", \"importance\": 1e23"), 0, CHRONO_ERROR_INVALID_VALUE,
      "t.json:2:61: event “e1”: “importance” must be a whole number from 0 to 100" },
    { EV (", \"importance\": 9223372036854775808"), 0, CHRONO_ERROR_INVALID_VALUE,
      "t.json:2:61: event “e1”: “importance” must be a whole number from 0 to 100" },
    { EV (", \"status\": true"), 0, CHRONO_ERROR_INVALID_VALUE,
      "t.json:2:57: event “e1”: “status” must be a string, not true or false" },
    { EV (", \"sources\": {}"), 0, CHRONO_ERROR_INVALID_VALUE,
      "t.json:2:58: event “e1”: “sources” must be a list, not an object" },
    { EV (", \"sources\": [\"x\"]"), 0, CHRONO_ERROR_INVALID_VALUE,
      "t.json:2:59: event “e1”: source 1 must be an object, not a string" },
    { EV (", \"sources\": [{\"url\": 1}]"), 0, CHRONO_ERROR_INVALID_VALUE,
      "t.json:2:67: event “e1”: “url” must be a string, not a number" },
    { EV (", \"x\": 1, \"x\": 2"), 0, CHRONO_ERROR_DUPLICATE,
      "t.json:2:55: the member “x” appears twice in the same object" },
    /* Unknown values are checked as thoroughly, though never built. */
    { "{\"chronoscope\": 1, \"categories\": [{\"id\": \"c\", \"x\": {\"a\": 1, \"a\": 2}}], \"events\": []}", 0,
      CHRONO_ERROR_DUPLICATE, "t.json:1:61: the member “a” appears twice in the same object" },
    { HEAD "  {\"id\": \"e9\", \"title\": \"\xFF\", \"start\": \"2021\"}\n]}", 0, CHRONO_ERROR_SYNTAX,
      "t.json:2:26: the data is not valid UTF-8 text" },
    { "{\"chronoscope\": 1, \0\"events\": []}", 33, CHRONO_ERROR_SYNTAX,
      "t.json:1:20: the data contains a NUL byte" },
    { "{\"chronoscope\": 1, \"categories\": [{\"id\": \"a\"}, {\"id\": \"a\"}], \"events\": []}", 0,
      CHRONO_ERROR_DUPLICATE, "t.json:1:55: category “a”: another category has the same id" },
    { "{\"chronoscope\": 1, \"categories\": [{\"id\": \"a\", \"color\": \"red\"}], \"events\": []}", 0,
      CHRONO_ERROR_INVALID_VALUE, "t.json:1:56: category “a”: invalid colour “red” (expected #rrggbb)" },
    { "{\"chronoscope\": 1, \"categories\": 1, \"events\": []}", 0,
      CHRONO_ERROR_INVALID_VALUE, "t.json:1:34: “categories” must be a list, not a number" },
    { "{\"chronoscope\": 1, \"eras\": [{\"start\": \"2021\", \"end\": \"2022\"}], \"events\": []}", 0,
      CHRONO_ERROR_MISSING, "t.json:1:29: era 1: the required field “title” is missing" },
    { "{\"chronoscope\": 1, \"eras\": [{\"title\": \"E\", \"start\": \"21\", \"end\": \"2022\"}], \"events\": []}", 0,
      CHRONO_ERROR_INVALID_DATE, "t.json:1:53: era “E”: invalid date “21”: a year needs four digits" },
    /* Eras are checked as events are: no end before the start. */
    { "{\"chronoscope\": 1, \"eras\": [{\"title\": \"E\", \"start\": \"2022\", \"end\": \"2021\"}], \"events\": []}", 0,
      CHRONO_ERROR_INVALID_DATE, "t.json:1:68: era “E”: it ends (2021) before it starts (2022)" },
    { "{\"chronoscope\": 1,\n \"eras\": [\n  {\"title\": \"Ok\", \"start\": \"2021\", \"end\": \"2021\"},\n"
      "  {\"title\": \"Backwards\", \"start\": \"2022-05-02\", \"end\": \"2022-05-01\"}\n], \"events\": []}", 0,
      CHRONO_ERROR_INVALID_DATE,
      "t.json:4:56: era “Backwards”: it ends (2022-05-01) before it starts (2022-05-02)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronoTimeline) timeline = NULL;
      gsize length = cases[i].length ? cases[i].length : strlen (cases[i].input);

      g_test_message ("case %u: %s", i, cases[i].message);
      timeline = chrono_native_load_data (cases[i].input, length, "t.json", &error);
      g_assert_null (timeline);
      g_assert_error (error, CHRONO_ERROR, (int) cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) text = g_string_new (HEAD "  {\"id\": \"e1\", \"title\": \"T\", \"start\": \"2021\", \"x\": ");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoTimeline) timeline = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, ']');
  g_string_append (text, "}\n]}");

  timeline = chrono_native_load_data (text->str, text->len, "t.json", &error);
  g_assert_null (timeline);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "t.json:2:"));
}

static void
test_load_file_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/t.chrono.json");
  g_autoptr(ChronoTimeline) timeline = chrono_native_load_file (file, NULL, &error);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  g_assert_null (timeline);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  /* The path once, the reason from the error code. */
  g_assert_cmpstr (error->message, ==, "/nonexistent/t.chrono.json: No such file or directory");
  g_clear_error (&error);
  g_clear_object (&file);

  /* Errors in a file name the file by its path. */
  dir = g_dir_make_tmp ("chrono-native-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bad.chrono.json", NULL);
  g_assert_true (g_file_set_contents (path, "{\"chronoscope\": 1,\n \"events\": [}", -1, NULL));
  file = g_file_new_for_path (path);
  timeline = chrono_native_load_file (file, NULL, &error);
  g_assert_null (timeline);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_SYNTAX);
  {
    g_autofree char *expected = g_strdup_printf ("%s:2:13: unexpected “}” (expected a value)", path);

    g_assert_cmpstr (error->message, ==, expected);
  }
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A file is read in chunks; whatever the chunk size, loading it must give
 * what loading the same bytes from memory gives: the same timeline, or the
 * same error at the same line and column. */
static void
assert_file_loads_as_data (const char *dir,
                           const char *data,
                           gsize       length)
{
  static const gsize chunk_sizes[] = { 1, 2, 3, 7, 64, 0 };
  g_autofree char *path = g_build_filename (dir, "stream.chrono.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) data_error = NULL;
  g_autoptr(ChronoTimeline) from_data = NULL;
  g_autofree char *expected = NULL;

  g_assert_true (g_file_set_contents (path, data, length, NULL));
  from_data = chrono_native_load_data (data, length, path, &data_error);
  if (from_data != NULL)
    expected = chrono_native_to_data (from_data, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (chunk_sizes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronoTimeline) from_file = NULL;

      chrono_json_set_stream_chunk_size (chunk_sizes[i]);
      from_file = chrono_native_load_file (file, NULL, &error);
      if (from_data == NULL)
        {
          g_assert_null (from_file);
          g_assert_error (error, data_error->domain, data_error->code);
          g_assert_cmpstr (error->message, ==, data_error->message);
        }
      else
        {
          g_autofree char *text = NULL;
          const ChronoSpan *a, *b;
          guint n_a, n_b;

          g_assert_no_error (error);
          text = chrono_native_to_data (from_file, NULL);
          g_assert_cmpstr (text, ==, expected);
          assert_timelines_equal (from_data, from_file);
          a = chrono_timeline_get_spans (from_data, &n_a);
          b = chrono_timeline_get_spans (from_file, &n_b);
          g_assert_cmpuint (n_a, ==, n_b);
          g_assert_cmpmem (a, n_a * sizeof *a, b, n_b * sizeof *b);
        }
    }
  chrono_json_set_stream_chunk_size (0);
  g_assert_cmpint (g_remove (path), ==, 0);
}

static void
test_load_stream (void)
{
  static const struct {
    const char *data;
    gsize length; /* 0: strlen */
  } cases[] = {
    { "", 0 },
    { "  \n ", 0 },
    { "[1, 2]", 0 },
    { "\xEF\xBB\xBF{\"chronoscope\": 1,\r\n \"title\": \"\xC3\x9Cn\xC3\xAF \xE2\x80\x94 \xE6\x97\xA5\xE6\x9C\xAC\",\r\n"
      " \"events\": [\r\n  {\"id\": \"\xC3\xA9\", \"title\": \"\xF0\x9F\x98\x80\", \"start\": \"2021\","
      " \"x\": {\"a\": [1, 2.5, \"\\u00e9\\ud83d\\ude00\", null, true]}}]}\r\n", 0 },
    /* Columns count characters on a line full of multi-byte ones. */
    { "{\"chronoscope\": 1, \"events\": [{\"id\": \"\xE6\x97\xA5\xE6\x9C\xAC\xE6\x97\xA5\xE6\x9C\xAC\", \"title\": \"\xE6\x97\xA5\", \"start\": 2021}]}", 0 },
    /* Categories after the events still reach the events' records. */
    { "{\"chronoscope\": 1, \"events\": [{\"id\": \"a\", \"title\": \"T\", \"start\": \"2021\", \"category\": \"c2\"}],"
      " \"categories\": [{\"id\": \"c1\"}, {\"id\": \"c2\", \"color\": \"#00ff00\"}], \"x-late\": {\"k\": [[]]}}", 0 },
    /* A syntax error after a bad event wins, as with a whole-document parse. */
    { HEAD "  {\"id\": \"e1\", \"title\": \"T\", \"start\": \"2021-13\"},\n  {\"id\": \"e2\" \"title\": 1}\n]}", 0 },
    /* So does a bad version written after the events. */
    { "{\"events\": [{\"id\": \"a\"}], \"chronoscope\": 2}", 0 },
    { "{\"events\": [{\"id\": \"a\"}], \"categories\": 3, \"chronoscope\": 1}", 0 },
    /* Bad text anywhere comes before any other error. */
    { "{\"chronoscope\": 1, \"events\": [}  \"\xFF\"", 0 },
    { "{\"chronoscope\": 1, \"events\": []} \0 ", 34 },
    { "{\"chronoscope\": 1, \"events\": []}\xC3", 0 },
    { HEAD "  {\"id\": \"a\", \"title\": \"T\", \"start\": \"2021\"},\n  {\"id\": \"b\", \"title\": \"T\", \"start\": \"2021\"},\n"
      "  {\"id\": \"a\", \"title\": \"T\", \"start\": \"2021\"}\n]}", 0 },
    { "{\"chronoscope\": 1, \"events\": [], \"events\": []}", 0 },
    { HEAD "  {\"id\": \"a\", \"title\": \"T\", \"start\": \"2021\", \"x\": [[[[\"\\u12\"]]]]}\n]}", 0 },
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("chrono-native-XXXXXX", &error);
  g_autofree char *sample_path = g_test_build_filename (G_TEST_DIST, "data", "native", "full.chrono.json", NULL);
  g_autofree char *sample = NULL;
  g_autoptr(GString) many = g_string_new (HEAD);
  gsize sample_length;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("case %u", i);
      assert_file_loads_as_data (dir, cases[i].data,
                                 cases[i].length ? cases[i].length : strlen (cases[i].data));
    }

  g_assert_true (g_file_get_contents (sample_path, &sample, &sample_length, NULL));
  assert_file_loads_as_data (dir, sample, sample_length);

  /* Many events, so that the window moves on many times; then an error in
   * the last one, whose line must still be right. */
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (many, "  {\"id\": \"e%u\", \"title\": \"\xC3\xA9v\xC3\xA9nement %u\", \"start\": \"%04u-%02u-%02u\"},\n",
                            i, i, 1900 + i % 200, 1 + i % 12, 1 + i % 28);
  g_string_append (many, "  {\"id\": \"last\", \"title\": \"T\", \"start\": \"2021-02-30\"}\n]}");
  assert_file_loads_as_data (dir, many->str, many->len);
  g_string_truncate (many, many->len - strlen ("  {\"id\": \"last\", \"title\": \"T\", \"start\": \"2021-02-30\"}\n]}"));
  g_string_append (many, "  {\"id\": \"last\", \"title\": \"T\", \"start\": \"2021-02-28\"}\n]}");
  assert_file_loads_as_data (dir, many->str, many->len);

  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Categories, eras and sources keep their unknown fields, however nested,
 * through a load and a save, as events and the top level do. */
static void
test_round_trip_extra (void)
{
  static const char doc[] =
    "{\"chronoscope\": 1,\n"
    " \"categories\": [{\"id\": \"c\", \"x-cat\": {\"a\": [1, {\"b\": [true, null]}], \"s\": \"\\u00e9\"}}],\n"
    " \"eras\": [{\"title\": \"E\", \"start\": \"2020\", \"end\": \"2021\",\n"
    "           \"x-era\": [[[\"deep\"]], {\"k\": 2.5}], \"x-\\\"q\\\"\": \"quoted name\"}],\n"
    " \"events\": [{\"id\": \"e\", \"title\": \"T\", \"start\": \"2020\",\n"
    "   \"sources\": [{\"title\": \"S\", \"x-src\": {\"n\": [1, [2, [3]]]}}, {\"title\": \"plain\"}]}]}\n";
  static const char *const expected[][2] = {
    { "category", "{\"x-cat\": {\"a\": [1, {\"b\": [true, null]}], \"s\": \"\u00e9\"}}" },
    { "era", "{\"x-era\": [[[\"deep\"]], {\"k\": 2.5}], \"x-\\\"q\\\"\": \"quoted name\"}" },
    { "source", "{\"x-src\": {\"n\": [1, [2, [3]]]}}" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoTimeline) timeline = chrono_native_load_data (doc, strlen (doc), "x.json", &error);
  g_autoptr(ChronoTimeline) again = NULL;
  g_autoptr(ChronoCategory) category = NULL;
  g_autoptr(ChronoEra) era = NULL;
  g_autoptr(ChronoEvent) event = NULL;
  g_autoptr(ChronoSource) source = NULL;
  g_autoptr(ChronoSource) plain = NULL;
  g_autoptr(JsonNode) saved_doc = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  gsize length;

  g_assert_no_error (error);
  category = g_list_model_get_item (chrono_timeline_get_categories (timeline), 0);
  era = g_list_model_get_item (chrono_timeline_get_eras (timeline), 0);
  event = g_list_model_get_item (G_LIST_MODEL (timeline), 0);
  source = g_list_model_get_item (chrono_event_get_sources (event), 0);
  plain = g_list_model_get_item (chrono_event_get_sources (event), 1);
  assert_json_equal (chrono_category_get_extra (category), expected[0][1]);
  assert_json_equal (chrono_era_get_extra (era), expected[1][1]);
  assert_json_equal (chrono_source_get_extra (source), expected[2][1]);
  g_assert_null (chrono_source_get_extra (plain));
  g_assert_null (chrono_event_get_extra (event));
  g_assert_null (chrono_timeline_get_extra (timeline));

  saved = chrono_native_to_data (timeline, &length);
  saved_doc = chrono_json_parse (saved, length, "saved", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (dig (saved_doc, "categories", "0", "x-cat", "s", NULL)), ==, "\u00e9");
  g_assert_true (json_node_get_boolean (dig (saved_doc, "categories", "0", "x-cat", "a", "1", "b", "0", NULL)));
  g_assert_cmpstr (json_node_get_string (dig (saved_doc, "eras", "0", "x-era", "0", "0", "0", NULL)), ==, "deep");
  g_assert_cmpstr (json_node_get_string (dig (saved_doc, "eras", "0", "x-\"q\"", NULL)), ==, "quoted name");
  g_assert_cmpint (json_node_get_int (dig (saved_doc, "events", "0", "sources", "0", "x-src", "n", "1", "1", "0", NULL)), ==, 3);
  g_assert_false (json_object_has_member (json_node_get_object (dig (saved_doc, "events", "0", "sources", "1", NULL)), "x-src"));

  again = chrono_native_load_data (saved, length, "saved.json", &error);
  g_assert_no_error (error);
  assert_timelines_equal (timeline, again);
  saved_again = chrono_native_to_data (again, NULL);
  g_assert_cmpstr (saved, ==, saved_again);
}

#define HOSTILE_PAIRS 10000000

static long
max_rss_kib (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return usage.ru_maxrss;
}

/* An unknown field of 10 million empty arrays (30 MB) costs its text, not
 * a node per array (which was 1.25 GB): run in a child, whose peak resident
 * size says what loading it took. @where: "event", "category" or "top". */
static void
hostile_extra_child (const char *where)
{
  g_autoptr(GString) doc = g_string_sized_new (3 * HOSTILE_PAIRS + 256);
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoTimeline) timeline = NULL;
  const char *extra;
  long before, after;

  g_string_append (doc, "{\"chronoscope\": 1, \"events\": [{\"id\": \"e\", \"title\": \"T\", \"start\": \"2021\"");
  if (g_str_equal (where, "event"))
    g_string_append (doc, ", \"x\": [");
  else if (g_str_equal (where, "category"))
    g_string_append (doc, "}], \"categories\": [{\"id\": \"c\", \"x\": [");
  else
    g_string_append (doc, "}], \"x\": [");
  for (guint i = 0; i < HOSTILE_PAIRS; i++)
    g_string_append (doc, i > 0 ? ",[]" : "[]");
  g_string_append (doc, g_str_equal (where, "top") ? "]}" : "]}]}");

  /* Touch the whole buffer now so that it counts before, not after. */
  before = max_rss_kib ();
  timeline = chrono_native_load_data (doc->str, doc->len, "hostile.json", &error);
  after = max_rss_kib ();
  g_assert_no_error (error);

  if (g_str_equal (where, "event"))
    {
      g_autoptr(ChronoEvent) event = g_list_model_get_item (G_LIST_MODEL (timeline), 0);

      extra = chrono_event_get_extra (event);
      g_assert_nonnull (extra);
      g_assert_cmpuint (strlen (extra), >=, 3 * HOSTILE_PAIRS);
    }
  else if (g_str_equal (where, "category"))
    {
      g_autoptr(ChronoCategory) category = g_list_model_get_item (chrono_timeline_get_categories (timeline), 0);

      extra = chrono_category_get_extra (category);
      g_assert_nonnull (extra);
      g_assert_cmpuint (strlen (extra), >=, 3 * HOSTILE_PAIRS);
    }
  else
    {
      extra = chrono_timeline_get_extra (timeline);
      g_assert_nonnull (extra);
      g_assert_cmpuint (strlen (extra), >=, 3 * HOSTILE_PAIRS);
    }

  g_test_message ("%s: %zu bytes of input, peak grew by %ld KiB", where, doc->len, after - before);
  /* The kept text, a copy in the timeline and growing buffers: a few times
   * the input, with room for the sanitizers' own bookkeeping. */
  g_assert_cmpint ((gint64) (after - before) * 1024, <, (gint64) doc->len * 6);
}

static void
test_hostile_extra_memory (gconstpointer data)
{
  const char *where = data;

  if (g_test_subprocess ())
    {
      hostile_extra_child (where);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

typedef ChronoTimeline *(*LoadFileFunc) (GFile         *file,
                                         GCancellable  *cancellable,
                                         GError       **error);

/* A FIFO would block open() until a writer comes, for ever; a folder
 * cannot be read. Both are refused at once, naming the file once, by the
 * native loader and by the one that detects the format. */
static void
test_load_not_regular (void)
{
  static const LoadFileFunc loaders[] = { chrono_native_load_file, chrono_format_load_file };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *fifo = NULL;
  g_autofree char *expected_fifo = NULL;
  g_autofree char *expected_dir = NULL;

  if (!g_test_subprocess ())
    {
      /* Before the check, the child hung: the timeout makes that a failure. */
      g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  dir = g_dir_make_tmp ("chrono-native-XXXXXX", &error);
  g_assert_no_error (error);
  fifo = g_build_filename (dir, "pipe.chrono.json", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  expected_fifo = g_strdup_printf ("%s: not a regular file", fifo);
  expected_dir = g_strdup_printf ("%s: Is a directory", dir);

  for (guint i = 0; i < G_N_ELEMENTS (loaders); i++)
    {
      g_autoptr(GFile) pipe = g_file_new_for_path (fifo);
      g_autoptr(GFile) folder = g_file_new_for_path (dir);
      g_autoptr(ChronoTimeline) from_pipe = loaders[i] (pipe, NULL, &error);

      g_assert_null (from_pipe);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
      g_assert_true (g_str_has_prefix (error->message, expected_fifo));
      g_assert_null (strstr (error->message + strlen (fifo), fifo));
      g_clear_error (&error);

      g_assert_null (loaders[i] (folder, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
      g_assert_cmpstr (error->message, ==, expected_dir);
      g_clear_error (&error);
    }

  g_assert_cmpint (g_remove (fifo), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A file name that is not UTF-8 still gives a UTF-8 message. */
static void
test_load_file_name_not_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/caf\xe9.chrono.json");
  g_autoptr(ChronoTimeline) timeline = chrono_native_load_file (file, NULL, &error);

  g_assert_null (timeline);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpstr (error->message, ==, "/nonexistent/caf\xef\xbf\xbd.chrono.json: No such file or directory");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/native/load/full", test_load_full);
  g_test_add_func ("/native/load/errors", test_errors);
  g_test_add_func ("/native/load/deep-nesting", test_deep_nesting);
  g_test_add_func ("/native/load/file-errors", test_load_file_errors);
  g_test_add_func ("/native/load/stream", test_load_stream);
  g_test_add_func ("/native/load/not-regular", test_load_not_regular);
  g_test_add_func ("/native/load/name-not-utf8", test_load_file_name_not_utf8);
  g_test_add_data_func ("/native/load/hostile-extra/event", "event", test_hostile_extra_memory);
  g_test_add_data_func ("/native/load/hostile-extra/category", "category", test_hostile_extra_memory);
  g_test_add_data_func ("/native/load/hostile-extra/top", "top", test_hostile_extra_memory);
  g_test_add_func ("/native/round-trip/extra", test_round_trip_extra);
  g_test_add_func ("/native/round-trip", test_round_trip);
  g_test_add_func ("/native/save/edit", test_edit_and_save);
  g_test_add_func ("/native/save/failure", test_save_failure);

  return g_test_run ();
}
