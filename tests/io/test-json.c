/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-json"

#include "config.h"

#include <string.h>

#include "chrono-error.h"
#include "chrono-json-scanner.h"
#include "chrono-json-util.h"

static JsonNode *
parse (const char *text,
       GError    **error)
{
  return chrono_json_parse (text, strlen (text), "t.json", error);
}

static void
test_parse_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonArray *array;
  gint64 v;

  root = parse ("\xEF\xBB\xBF {\"s\": \"a\\\"b\\\\c\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\xC3\xA4\","
                " \"i\": -42, \"big\": 9223372036854775808, \"d\": 2.5e1, \"z\": 0,"
                " \"t\": true, \"f\": false, \"n\": null, \"a\": [[], {}, [1]]}\r\n", &error);
  g_assert_no_error (error);
  object = chrono_json_node_get_object (root);
  g_assert_nonnull (object);

  g_assert_cmpstr (chrono_json_node_get_string (json_object_get_member (object, "s")), ==,
                   "a\"b\\c/\b\f\n\r\t\xC3\xA9\xF0\x9F\x98\x80\xC3\xA4");
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (object, "i")), ==, G_TYPE_INT64);
  g_assert_true (chrono_json_node_get_integer (json_object_get_member (object, "i"), &v));
  g_assert_cmpint (v, ==, -42);
  /* Beyond gint64: kept as a double instead of wrapping around. */
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (object, "big")), ==, G_TYPE_DOUBLE);
  g_assert_false (chrono_json_node_get_integer (json_object_get_member (object, "big"), &v));
  g_assert_cmpfloat (json_node_get_double (json_object_get_member (object, "d")), ==, 25.0);
  g_assert_true (chrono_json_node_get_integer (json_object_get_member (object, "d"), &v));
  g_assert_cmpint (v, ==, 25);
  g_assert_true (json_node_get_boolean (json_object_get_member (object, "t")));
  g_assert_false (json_node_get_boolean (json_object_get_member (object, "f")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "n")));
  array = chrono_json_node_get_array (json_object_get_member (object, "a"));
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  g_assert_nonnull (chrono_json_node_get_object (json_array_get_element (array, 1)));

  /* Member order is kept (round trips depend on it). */
  {
    g_autoptr(GList) members = json_object_get_members (object);
    const char *expected[] = { "s", "i", "big", "d", "z", "t", "f", "n", "a" };
    guint i = 0;

    for (GList *m = members; m; m = m->next, i++)
      g_assert_cmpstr (m->data, ==, expected[i]);
    g_assert_cmpuint (i, ==, G_N_ELEMENTS (expected));
  }

  /* Not NUL-terminated input is fine: only @length bytes are read. */
  {
    g_autoptr(JsonNode) part = chrono_json_parse ("[1]garbage", 3, "t.json", &error);

    g_assert_no_error (error);
    g_assert_nonnull (chrono_json_node_get_array (part));
  }
}

/* The eight-byte test itself, exhaustively: every byte value at every
 * position, among fillers that sit next to the stopping bytes (space, DEL,
 * and high bytes whose low seven bits are a quote, a backslash or a
 * control character). */
static void
test_special_byte (void)
{
  static const guchar fillers[] = { 'a', 0x20, 0x21, 0x7f, 0x80, 0x9f, 0xa2, 0xdc, 0xff };

  for (guint f = 0; f < G_N_ELEMENTS (fillers); f++)
    for (guint b = 0; b < 256; b++)
      for (guint k = 0; k < 8; k++)
        {
          guchar bytes[8];
          guint64 v;
          gboolean expected = b == '"' || b == '\\' || b < 0x20;

          memset (bytes, fillers[f], sizeof bytes);
          bytes[k] = (guchar) b;
          memcpy (&v, bytes, sizeof v);
          if (_chrono_json_has_special_byte (v) != expected)
            g_error ("byte 0x%02x at %u among 0x%02x: %s", b, k, fillers[f], expected ? "missed" : "false stop");
        }
}

/* Strings are scanned eight bytes at a time: a quote, backslash or control
 * character must stop the scan at any offset and with any length. */
static void
test_parse_string_offsets (void)
{
  static const char *const stops[] = { "\\\"", "\\\\", "\\n", "\\u00e9", "\n", "\x1f", "\xc3\xa9" };
  static const char *const decoded[] = { "\"", "\\", "\n", "\xc3\xa9", NULL, NULL, "\xc3\xa9" };

  for (guint k = 0; k < G_N_ELEMENTS (stops); k++)
    for (guint before = 0; before < 20; before++)
      for (guint after = 0; after < 20; after++)
        {
          g_autoptr(GString) json = g_string_new ("[\"");
          g_autoptr(GString) expected = g_string_new (NULL);
          g_autoptr(GError) error = NULL;
          g_autoptr(JsonNode) root = NULL;

          for (guint i = 0; i < before; i++)
            g_string_append_c (json, 'a' + i % 26);
          g_string_append (expected, json->str + 2);
          g_string_append (json, stops[k]);
          for (guint i = 0; i < after; i++)
            g_string_append_c (json, 'A' + i % 26);
          g_string_append (json, "\"]");

          root = parse (json->str, &error);
          if (decoded[k] == NULL)
            {
              /* A raw control character: an error at its own column. */
              g_autofree char *prefix = g_strdup_printf ("t.json:1:%u: control character U+00", 3 + before);

              g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_SYNTAX);
              g_assert_true (g_str_has_prefix (error->message, prefix));
              continue;
            }
          g_assert_no_error (error);
          g_string_append (expected, decoded[k]);
          for (guint i = 0; i < after; i++)
            g_string_append_c (expected, 'A' + i % 26);
          g_assert_cmpstr (chrono_json_node_get_string (json_array_get_element (json_node_get_array (root), 0)),
                           ==, expected->str);
        }
}

/* A name seen twice is found among few names (a list) and many (a set). */
static void
test_duplicate_names (void)
{
  /* Around 32 names the list becomes a hash set. */
  static const guint sizes[] = { 2, 3, 9, 16, 31, 32, 33, 34, 35, 51, 79 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint n = sizes[s], dup = 0; dup < n - 1; dup++)
      {
        g_autoptr(GString) json = g_string_new ("{");
        g_autoptr(GError) error = NULL;
        g_autoptr(JsonNode) root = NULL;

        for (guint i = 0; i < n - 1; i++)
          g_string_append_printf (json, "\"name%u\": %u, ", i, i);
        g_string_append_printf (json, "\"name%u\": 0}", dup);
        root = parse (json->str, &error);
        g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_DUPLICATE);
        g_assert_null (root);

        /* The same with a new last name is fine. */
        g_clear_error (&error);
        g_string_truncate (json, json->len - strlen ("\"name\": 0}") - (dup >= 10 ? 2 : 1));
        g_string_append_printf (json, "\"other%u\": 0}", dup);
        root = parse (json->str, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (json_object_get_size (chrono_json_node_get_object (root)), ==, n);
      }
}

typedef struct {
  const char *input;
  gsize length;     /* 0: strlen */
  ChronoError code;
  const char *message;
} ErrorCase;

static void
test_parse_errors (void)
{
  static const ErrorCase cases[] = {
    { "", 0, CHRONO_ERROR_SYNTAX, "t.json:1:1: the data is empty" },
    { "  \n   ", 0, CHRONO_ERROR_SYNTAX, "t.json:2:4: the data is empty" },
    { "{", 0, CHRONO_ERROR_SYNTAX, "t.json:1:2: unexpected end of the data (expected a member name in double quotes)" },
    { "{\"a\": [1, 2", 0, CHRONO_ERROR_SYNTAX, "t.json:1:12: unexpected end of the data (expected “,” or “]”)" },
    { "{\"a\": \"tru", 0, CHRONO_ERROR_SYNTAX, "t.json:1:11: unexpected end of the data inside a string" },
    { "{\"a\": 1,}", 0, CHRONO_ERROR_SYNTAX, "t.json:1:9: unexpected “}” (expected a member name in double quotes)" },
    { "[1,]", 0, CHRONO_ERROR_SYNTAX, "t.json:1:4: unexpected “]” (expected a value)" },
    { "{'a': 1}", 0, CHRONO_ERROR_SYNTAX, "t.json:1:2: strings must be in double quotes" },
    { "// note\n{}", 0, CHRONO_ERROR_SYNTAX, "t.json:1:1: comments are not allowed in JSON" },
    { "{\"a\": tru}", 0, CHRONO_ERROR_SYNTAX, "t.json:1:7: unexpected “t” (expected a value)" },
    { "{\"a\" 1}", 0, CHRONO_ERROR_SYNTAX, "t.json:1:6: unexpected “1” (expected “:”)" },
    { "[\"a\0b\"]", 7, CHRONO_ERROR_SYNTAX, "t.json:1:4: the data contains a NUL byte" },
    { "[1]\n\0", 5, CHRONO_ERROR_SYNTAX, "t.json:2:1: the data contains a NUL byte" },
    { "[\"\\u0000\"]", 0, CHRONO_ERROR_SYNTAX, "t.json:1:3: a string must not contain the NUL character (\\u0000)" },
    { "[\n \"caf\xC3\xA9\", \"\xFF\"]", 0, CHRONO_ERROR_SYNTAX, "t.json:2:11: the data is not valid UTF-8 text" },
    { "[\"\\ud800x\"]", 0, CHRONO_ERROR_SYNTAX, "t.json:1:3: invalid escape: unpaired surrogate “\\uD800”" },
    { "[\"\\udc00\"]", 0, CHRONO_ERROR_SYNTAX, "t.json:1:3: invalid escape: unpaired surrogate “\\uDC00”" },
    { "[\"\\u12\"]", 0, CHRONO_ERROR_SYNTAX, "t.json:1:3: invalid escape: “\\u” needs four hexadecimal digits" },
    { "[\"\\x\"]", 0, CHRONO_ERROR_SYNTAX, "t.json:1:3: invalid escape sequence in a string" },
    { "[\"a\nb\"]", 0, CHRONO_ERROR_SYNTAX, "t.json:1:4: control character U+000A inside a string (write it as an escape such as \\n)" },
    { "{\"a\": 1,\n \"a\": 2}", 0, CHRONO_ERROR_DUPLICATE, "t.json:2:2: the member “a” appears twice in the same object" },
    { "[1e400]", 0, CHRONO_ERROR_SYNTAX, "t.json:1:2: the number 1e400 is too large" },
    { "[01]", 0, CHRONO_ERROR_SYNTAX, "t.json:1:3: unexpected “1” (expected “,” or “]”)" },
    { "[-]", 0, CHRONO_ERROR_SYNTAX, "t.json:1:3: unexpected “]” (expected a digit)" },
    { "[1.]", 0, CHRONO_ERROR_SYNTAX, "t.json:1:4: unexpected “]” (expected a digit)" },
    { "[1e]", 0, CHRONO_ERROR_SYNTAX, "t.json:1:4: unexpected “]” (expected a digit)" },
    { "{} x", 0, CHRONO_ERROR_SYNTAX, "t.json:1:4: unexpected “x” (expected the end of the data)" },
    { "[NaN]", 0, CHRONO_ERROR_SYNTAX, "t.json:1:2: unexpected “N” (expected a value)" },
    /* Columns count characters, not bytes; a byte order mark is not counted. */
    { "[\"\xC3\xA4\xC3\xB6\", x]", 0, CHRONO_ERROR_SYNTAX, "t.json:1:8: unexpected “x” (expected a value)" },
    { "\xEF\xBB\xBF{\"a\" 1}", 0, CHRONO_ERROR_SYNTAX, "t.json:1:6: unexpected “1” (expected “:”)" },
    { "\t[\x01]", 0, CHRONO_ERROR_SYNTAX, "t.json:1:3: unexpected control character U+0001 (expected a value)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = NULL;
      gsize length = cases[i].length ? cases[i].length : strlen (cases[i].input);

      g_test_message ("case %u: %s", i, cases[i].message);
      root = chrono_json_parse (cases[i].input, length, "t.json", &error);
      g_assert_null (root);
      g_assert_error (error, CHRONO_ERROR, (int) cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_parse_deep (void)
{
  const guint depth = 100000;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint line, column;

  for (guint i = 0; i < depth; i++)
    g_string_append (text, i % 2 ? "{\"k\":" : "[");
  root = chrono_json_parse (text->str, text->len, "deep.json", &error);
  g_assert_null (root);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "deep.json:1:"));
  g_clear_error (&error);

  /* Exactly at the limit parses; one more level does not. */
  g_string_truncate (text, 0);
  for (guint i = 0; i < CHRONO_JSON_MAX_DEPTH; i++)
    g_string_append_c (text, '[');
  for (guint i = 0; i < CHRONO_JSON_MAX_DEPTH; i++)
    g_string_append_c (text, ']');
  root = chrono_json_parse (text->str, text->len, "deep.json", &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  g_clear_pointer (&root, json_node_unref);

  g_string_prepend_c (text, '[');
  g_string_append_c (text, ']');
  root = chrono_json_parse (text->str, text->len, "deep.json", &error);
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "deep.json:1:513: nesting deeper than 512 levels");

  /* Locating in a hostile document does not recurse either. */
  chrono_json_locate (text->str, text->len, "/0/0/0", &line, &column);
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpuint (column, ==, 4);
}

static const char doc[] =
  "{\n"                                   /* 1 */
  "  \"title\": \"T\",\n"                 /* 2 */
  "  \"events\": [\n"                     /* 3 */
  "    {\"id\": \"a\", \"start\": \"2021\"},\n" /* 4 */
  "    {\n"                               /* 5 */
  "      \"id\": \"b\",\n"                /* 6 */
  "      \"a/b\": {\"~x\": [10, 20]},\n"  /* 7 */
  "      \"start\": \"2023-02-29\"\n"     /* 8 */
  "    }\n"                               /* 9 */
  "  ]\n"                                 /* 10 */
  "}\n";

typedef struct {
  const char *pointer;
  gboolean found;
  guint line;
  guint column;
} LocateCase;

static void
test_locate (void)
{
  static const LocateCase cases[] = {
    { "", TRUE, 1, 1 },
    { "/title", TRUE, 2, 12 },
    { "/events", TRUE, 3, 13 },
    { "/events/0", TRUE, 4, 5 },
    { "/events/0/start", TRUE, 4, 26 },
    { "/events/1", TRUE, 5, 5 },
    { "/events/1/start", TRUE, 8, 16 },
    { "/events/1/a~1b", TRUE, 7, 14 },
    { "/events/1/a~1b/~0x/1", TRUE, 7, 26 },
    /* Absent: the deepest existing ancestor. */
    { "/events/1/title", FALSE, 5, 5 },
    { "/events/2", FALSE, 3, 13 },
    { "/events/01", FALSE, 3, 13 },
    { "/nothing/here", FALSE, 1, 1 },
    { "/title/0", FALSE, 2, 12 },
    /* Not fooled by a later sibling that would match the rest. */
    { "/title/0/id", FALSE, 2, 12 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint line = 0, column = 0;
      gboolean found;

      g_test_message ("pointer “%s”", cases[i].pointer);
      found = chrono_json_locate (doc, strlen (doc), cases[i].pointer, &line, &column);
      g_assert_cmpint (found, ==, cases[i].found);
      g_assert_cmpuint (line, ==, cases[i].line);
      g_assert_cmpuint (column, ==, cases[i].column);
    }
}

static void
test_set_error (void)
{
  ChronoJsonInput in = { doc, strlen (doc), "t.json" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) pointer = g_string_new ("/events/1");

  chrono_json_pointer_append (pointer, "start");
  chrono_json_set_error (&error, &in, CHRONO_ERROR_INVALID_DATE, pointer->str,
                         "event “%s”: bad date", "b");
  g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_INVALID_DATE);
  g_assert_cmpstr (error->message, ==, "t.json:8:16: event “b”: bad date");

  /* NULL error: nothing happens, nothing crashes. */
  chrono_json_set_error (NULL, &in, CHRONO_ERROR_FAILED, "", "x");

  g_string_truncate (pointer, 0);
  chrono_json_pointer_append (pointer, "a/b~c");
  chrono_json_pointer_append (pointer, "");
  g_assert_cmpstr (pointer->str, ==, "/a~1b~0c/");
}

static void
test_node_helpers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = parse ("[3, 3.0, 3.5, 1e30, -9223372036854775808, 9223372036854775807,"
                                    " \"s\", true, null, {}, []]", &error);
  JsonArray *a;
  gint64 v = 0;

  g_assert_no_error (error);
  a = chrono_json_node_get_array (root);

  g_assert_true (chrono_json_node_get_integer (json_array_get_element (a, 0), &v));
  g_assert_cmpint (v, ==, 3);
  g_assert_true (chrono_json_node_get_integer (json_array_get_element (a, 1), &v));
  g_assert_cmpint (v, ==, 3);
  g_assert_false (chrono_json_node_get_integer (json_array_get_element (a, 2), &v));
  g_assert_false (chrono_json_node_get_integer (json_array_get_element (a, 3), &v));
  g_assert_true (chrono_json_node_get_integer (json_array_get_element (a, 4), &v));
  g_assert_cmpint (v, ==, G_MININT64);
  g_assert_true (chrono_json_node_get_integer (json_array_get_element (a, 5), &v));
  g_assert_cmpint (v, ==, G_MAXINT64);
  g_assert_false (chrono_json_node_get_integer (json_array_get_element (a, 6), &v));
  g_assert_false (chrono_json_node_get_integer (NULL, &v));

  g_assert_cmpstr (chrono_json_node_get_string (json_array_get_element (a, 6)), ==, "s");
  g_assert_null (chrono_json_node_get_string (json_array_get_element (a, 0)));
  g_assert_null (chrono_json_node_get_string (json_array_get_element (a, 8)));
  g_assert_null (chrono_json_node_get_string (NULL));
  g_assert_null (chrono_json_node_get_object (json_array_get_element (a, 10)));
  g_assert_null (chrono_json_node_get_array (json_array_get_element (a, 9)));
  g_assert_null (chrono_json_node_get_array (NULL));

  g_assert_cmpstr (chrono_json_node_type_name (json_array_get_element (a, 0)), ==, "a number");
  g_assert_cmpstr (chrono_json_node_type_name (json_array_get_element (a, 6)), ==, "a string");
  g_assert_cmpstr (chrono_json_node_type_name (json_array_get_element (a, 7)), ==, "true or false");
  g_assert_cmpstr (chrono_json_node_type_name (json_array_get_element (a, 8)), ==, "null");
  g_assert_cmpstr (chrono_json_node_type_name (json_array_get_element (a, 9)), ==, "an object");
  g_assert_cmpstr (chrono_json_node_type_name (json_array_get_element (a, 10)), ==, "an array");
  g_assert_cmpstr (chrono_json_node_type_name (NULL), ==, "nothing");
}

/* Skipping checks a value as parsing does, duplicate names included (in
 * short objects and in long ones, which keep their names in a hash set),
 * without building it; read_raw() hands back its text as written. */
static void
test_reader_skip_and_raw (void)
{
  static const struct {
    const char *value;
    const char *message; /* NULL: valid */
  } cases[] = {
    { "[ [], {\"a\": [1, 2.5e3, \"\\u00e9\"], \"b\": null}, true ]", NULL },
    { "{\"a\": {\"b\": 1, \"c\": 2}, \"c\": {\"b\": 3}}", NULL },
    { "[{\"a\": 1}, {\"a\": 2}]", NULL },
    { "{\"o\": {\"a\": 1, \"b\": 2, \"a\": 3}}", "t.json:1:30: the member “a” appears twice in the same object" },
    { "[1, 2,]", "t.json:1:13: unexpected “]” (expected a value)" },
    { "[\"\\u0000\"]", "t.json:1:9: a string must not contain the NUL character (\\u0000)" },
  };
  g_autoptr(GString) many = g_string_new ("{");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"x\": %s}", cases[i].value);
      g_autoptr(ChronoJsonReader) r = chrono_json_reader_new (text, strlen (text), "t.json");
      g_autoptr(GString) raw = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      ChronoJsonKind kind;
      const char *name;
      gboolean ok;

      g_test_message ("case %u: %s", i, cases[i].value);
      g_assert_true (chrono_json_reader_peek (r, &kind, NULL, &error));
      g_assert_true (chrono_json_reader_enter (r, &error));
      g_assert_true (chrono_json_reader_next_member (r, &name, &error));
      g_assert_cmpstr (name, ==, "x");
      ok = chrono_json_reader_read_raw (r, raw, &error);
      if (cases[i].message == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpstr (raw->str, ==, cases[i].value);
          g_assert_true (chrono_json_reader_next_member (r, &name, &error));
          g_assert_null (name);
          g_assert_true (chrono_json_reader_finish (r, &error));
        }
      else
        {
          g_assert_false (ok);
          g_assert_nonnull (error);
          g_assert_cmpstr (error->message, ==, cases[i].message);
        }
    }

  /* Past the short list of names: 100 different ones, then a repeat. */
  for (guint i = 0; i < 100; i++)
    g_string_append_printf (many, "%s\"k%u\": %u", i > 0 ? ", " : "", i, i);
  for (guint pass = 0; pass < 2; pass++)
    {
      g_autoptr(ChronoJsonReader) r = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = g_strdup_printf ("%s%s}", many->str, pass == 0 ? "" : ", \"k57\": 0");
      gboolean ok;

      r = chrono_json_reader_new (text, strlen (text), "t.json");
      ok = chrono_json_reader_skip (r, &error);
      if (pass == 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, CHRONO_ERROR, CHRONO_ERROR_DUPLICATE);
          g_assert_nonnull (strstr (error->message, "the member “k57” appears twice"));
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/parse/values", test_parse_values);
  g_test_add_func ("/json/parse/errors", test_parse_errors);
  g_test_add_func ("/json/parse/special-byte", test_special_byte);
  g_test_add_func ("/json/parse/string-offsets", test_parse_string_offsets);
  g_test_add_func ("/json/parse/duplicate-names", test_duplicate_names);
  g_test_add_func ("/json/parse/deep", test_parse_deep);
  g_test_add_func ("/json/locate", test_locate);
  g_test_add_func ("/json/set-error", test_set_error);
  g_test_add_func ("/json/node-helpers", test_node_helpers);
  g_test_add_func ("/json/reader/skip-and-raw", test_reader_skip_and_raw);

  return g_test_run ();
}
