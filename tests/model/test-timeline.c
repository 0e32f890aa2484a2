/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-timeline"

#include <string.h>

#include "chrono-model.h"
#include "chrono-timeline-private.h"

/* Helpers */

static ChronoDate
date (const char *edtf)
{
  ChronoDate d;
  g_autoptr(GError) error = NULL;

  memset (&d, 0, sizeof d);
  if (!chrono_date_parse (edtf, &d, &error))
    g_error ("bad test date %s: %s", edtf, error->message);

  return d;
}

static ChronoEvent *
event_new (const char *id,
           const char *start)
{
  ChronoDate d = date (start);
  g_autofree char *title = g_strdup_printf ("Title %s", id);

  return chrono_event_new (id, title, &d);
}

static void
add (ChronoTimeline *timeline,
     const char     *id,
     const char     *start)
{
  g_autoptr(ChronoEvent) event = event_new (id, start);

  chrono_timeline_add_event (timeline, event);
}

static ChronoTime
lo_of (const char *edtf)
{
  ChronoDate d = date (edtf);
  ChronoTime lo;

  chrono_date_get_span (&d, &lo, NULL);
  return lo;
}

static ChronoTime
hi_of (const char *edtf)
{
  ChronoDate d = date (edtf);
  ChronoTime hi;

  chrono_date_get_span (&d, NULL, &hi);
  return hi;
}

/* The ids in model order, joined by spaces. */
static char *
order_of (ChronoTimeline *timeline)
{
  GString *s = g_string_new (NULL);
  guint n = chrono_timeline_get_n_events (timeline);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, chrono_timeline_get_event_id (timeline, i));
    }

  return g_string_free (s, FALSE);
}

typedef struct {
  guint position;
  guint removed;
  guint added;
} Change;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     GArray     *log)
{
  Change c = { position, removed, added };

  g_array_append_val (log, c);
}

static void
assert_changes (GArray       *log,
                const Change *expected,
                guint         n_expected)
{
  for (guint i = 0; i < MIN (log->len, n_expected); i++)
    {
      Change *c = &g_array_index (log, Change, i);

      if (c->position != expected[i].position || c->removed != expected[i].removed ||
          c->added != expected[i].added)
        g_test_message ("change %u: (%u,%u,%u) expected (%u,%u,%u)", i,
                        c->position, c->removed, c->added,
                        expected[i].position, expected[i].removed, expected[i].added);
      g_assert_cmpuint (c->position, ==, expected[i].position);
      g_assert_cmpuint (c->removed, ==, expected[i].removed);
      g_assert_cmpuint (c->added, ==, expected[i].added);
    }
  g_assert_cmpuint (log->len, ==, n_expected);
  g_array_set_size (log, 0);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
count_signal_cb (GObject *object,
                 guint   *count)
{
  (*count)++;
}

/* Checks the sorted invariant and that the GListModel agrees with the spans. */
static void
assert_sorted (ChronoTimeline *timeline)
{
  guint n;
  const ChronoSpan *spans = chrono_timeline_get_spans (timeline, &n);

  g_assert_cmpuint (n, ==, g_list_model_get_n_items (G_LIST_MODEL (timeline)));
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (spans[i - 1].lo, <=, spans[i].lo);
}

/* Category, era, source */

static void
test_category (void)
{
  g_autoptr(ChronoCategory) category = chrono_category_new ("intrusion", "Intrusion", "#ff8000");
  guint name_count = 0;
  guint color_count = 0;
  double r, g, b;

  g_assert_cmpstr (chrono_category_get_id (category), ==, "intrusion");
  g_assert_cmpstr (chrono_category_get_name (category), ==, "Intrusion");
  g_assert_null (chrono_category_get_description (category));

  g_signal_connect (category, "notify::name", G_CALLBACK (count_cb), &name_count);
  g_signal_connect (category, "notify::color", G_CALLBACK (count_cb), &color_count);
  chrono_category_set_name (category, "Intrusion");
  g_assert_cmpuint (name_count, ==, 0);
  chrono_category_set_name (category, "Break-in");
  g_assert_cmpuint (name_count, ==, 1);
  g_object_set (category, "name", "Break-in", NULL);
  g_assert_cmpuint (name_count, ==, 1);
  chrono_category_set_description (category, "Unauthorized access");
  g_assert_cmpstr (chrono_category_get_description (category), ==, "Unauthorized access");

  g_assert_true (chrono_category_get_rgb (category, &r, &g, &b));
  g_assert_cmpfloat_with_epsilon (r, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (g, 128 / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (b, 0.0, 1e-9);

  chrono_category_set_color (category, "#0F0");
  g_assert_cmpuint (color_count, ==, 1);
  g_assert_true (chrono_category_get_rgb (category, &r, &g, &b));
  g_assert_cmpfloat_with_epsilon (r, 0.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (g, 1.0, 1e-9);

  chrono_category_set_color (category, "#12345g");
  g_assert_false (chrono_category_get_rgb (category, &r, &g, &b));
  g_assert_cmpfloat_with_epsilon (r, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (g, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (b, 0.5, 1e-9);
  chrono_category_set_color (category, NULL);
  g_assert_false (chrono_category_get_rgb (category, &r, &g, &b));
  g_assert_cmpuint (color_count, ==, 3);
}

static void
test_source (void)
{
  static const struct {
    const char *url;
    gboolean web;
  } cases[] = {
    { "https://www.rnz.co.nz/news/world/513113", TRUE },
    { "http://example.org/", TRUE },
    { "HTTPS://EXAMPLE.ORG/a?b=c", TRUE },
    { "ftp://example.org/file", FALSE },
    { "javascript:alert(1)", FALSE },
    { "file:///etc/passwd", FALSE },
    { "http:no-host", FALSE },
    { "www.example.org", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };
  g_autoptr(ChronoSource) source = chrono_source_new ("RNZ / Reuters", NULL, "RNZ", "2024-03-26");
  guint count = 0;

  g_assert_cmpstr (chrono_source_get_title (source), ==, "RNZ / Reuters");
  g_assert_cmpstr (chrono_source_get_publisher (source), ==, "RNZ");
  g_assert_cmpstr (chrono_source_get_date (source), ==, "2024-03-26");

  g_signal_connect (source, "notify::url", G_CALLBACK (count_cb), &count);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      chrono_source_set_url (source, cases[i].url);
      g_assert_cmpstr (chrono_source_get_url (source), ==, cases[i].url);
      if (chrono_source_has_web_url (source) != cases[i].web)
        g_error ("has_web_url (%s) should be %d", cases[i].url, cases[i].web);
    }
  /* Every case differs from the one before it. */
  g_assert_cmpuint (count, ==, G_N_ELEMENTS (cases));
  chrono_source_set_url (source, NULL);
  g_assert_cmpuint (count, ==, G_N_ELEMENTS (cases));
}

static void
test_era (void)
{
  ChronoDate start = date ("2019-07");
  ChronoDate end = date ("2022-09");
  g_autoptr(ChronoEra) era = chrono_era_new ("Johnson premiership", &start, &end);
  ChronoTime lo, hi;
  guint count = 0;

  g_assert_cmpstr (chrono_era_get_title (era), ==, "Johnson premiership");
  chrono_era_get_span (era, &lo, &hi);
  g_assert_cmpint (lo, ==, lo_of ("2019-07"));
  g_assert_cmpint (hi, ==, hi_of ("2022-09"));

  g_signal_connect (era, "notify::end", G_CALLBACK (count_cb), &count);
  chrono_era_set_end (era, &end);
  g_assert_cmpuint (count, ==, 0);
  chrono_era_set_end (era, NULL);
  g_assert_cmpuint (count, ==, 1);
  g_assert_null (chrono_era_get_end (era));
  chrono_era_get_span (era, &lo, &hi);
  g_assert_cmpint (hi, ==, hi_of ("2019-07"));

  chrono_era_set_id (era, "johnson");
  chrono_era_set_color (era, "#888888");
  chrono_era_set_description (era, "Low point of UK-China relations");
  g_assert_cmpstr (chrono_era_get_id (era), ==, "johnson");
  g_assert_cmpstr (chrono_era_get_color (era), ==, "#888888");
  g_assert_cmpstr (chrono_era_get_description (era), ==, "Low point of UK-China relations");
}

/* Events */

static void
test_event_properties (void)
{
  static const struct {
    const char *name;
    const char *value;
  } strings[] = {
    { "id", "ev-1" },
    { "title", "Indictment" },
    { "description", "Seven alleged APT31 hackers charged" },
    { "category", "legal" },
    { "group", "United States" },
    { "status", "confirmed" },
    { "display-date", "late March 2024" },
    { "extra", "{\"x\":1}" },
  };
  static const char *const lists[] = { "actors", "targets", "places", "tags" };
  const char *const names[] = { "APT31", "Ministry of State Security", NULL };
  const char *const empty[] = { NULL };
  g_autoptr(ChronoEvent) event = chrono_event_new (NULL, NULL, NULL);
  ChronoDate start = date ("2024-03-25");
  ChronoDate end = date ("2024-03-26");
  guint count = 0;
  guint total = 0;

  g_assert_cmpuint (chrono_event_get_importance (event), ==, 50);
  g_assert_null (chrono_event_get_end (event));
  g_assert_nonnull (chrono_event_get_actors (event));
  g_assert_null (chrono_event_get_actors (event)[0]);
  g_assert_cmpuint (g_list_model_get_n_items (chrono_event_get_sources (event)), ==, 0);

  g_signal_connect (event, "notify", G_CALLBACK (count_cb), &total);

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      g_autofree char *detailed = g_strconcat ("notify::", strings[i].name, NULL);
      g_autofree char *got = NULL;
      gulong id;

      count = 0;
      id = g_signal_connect (event, detailed, G_CALLBACK (count_cb), &count);
      g_object_set (event, strings[i].name, strings[i].value, NULL);
      g_assert_cmpuint (count, ==, 1);
      g_object_set (event, strings[i].name, strings[i].value, NULL);
      g_assert_cmpuint (count, ==, 1);
      g_object_get (event, strings[i].name, &got, NULL);
      g_assert_cmpstr (got, ==, strings[i].value);
      g_signal_handler_disconnect (event, id);
    }
  g_assert_cmpstr (chrono_event_get_title (event), ==, "Indictment");
  g_assert_cmpstr (chrono_event_get_group (event), ==, "United States");
  g_assert_cmpstr (chrono_event_get_display_date (event), ==, "late March 2024");

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autofree char *detailed = g_strconcat ("notify::", lists[i], NULL);
      g_auto(GStrv) got = NULL;
      gulong id;

      count = 0;
      id = g_signal_connect (event, detailed, G_CALLBACK (count_cb), &count);
      /* NULL and empty both mean none: no change. */
      g_object_set (event, lists[i], empty, NULL);
      g_assert_cmpuint (count, ==, 0);
      g_object_set (event, lists[i], names, NULL);
      g_assert_cmpuint (count, ==, 1);
      g_object_set (event, lists[i], names, NULL);
      g_assert_cmpuint (count, ==, 1);
      g_object_get (event, lists[i], &got, NULL);
      g_assert_true (g_strv_equal ((const char *const *)got, names));
      g_signal_handler_disconnect (event, id);
    }
  g_assert_cmpstr (chrono_event_get_tags (event)[1], ==, "Ministry of State Security");
  chrono_event_set_places (event, NULL);
  g_assert_null (chrono_event_get_places (event)[0]);

  count = 0;
  g_signal_connect (event, "notify::start", G_CALLBACK (count_cb), &count);
  chrono_event_set_start (event, &start);
  chrono_event_set_start (event, &start);
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (chrono_date_equal (chrono_event_get_start (event), &start));

  count = 0;
  g_signal_connect (event, "notify::end", G_CALLBACK (count_cb), &count);
  chrono_event_set_end (event, NULL);
  g_assert_cmpuint (count, ==, 0);
  chrono_event_set_end (event, &end);
  chrono_event_set_end (event, &end);
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (chrono_event_is_range (event));
  chrono_event_set_end (event, NULL);
  g_assert_cmpuint (count, ==, 2);
  g_assert_false (chrono_event_is_range (event));

  count = 0;
  g_signal_connect (event, "notify::importance", G_CALLBACK (count_cb), &count);
  chrono_event_set_importance (event, 50);
  g_assert_cmpuint (count, ==, 0);
  chrono_event_set_importance (event, 250);
  g_assert_cmpuint (chrono_event_get_importance (event), ==, 100);
  chrono_event_set_importance (event, 100);
  g_assert_cmpuint (count, ==, 1);

  count = 0;
  g_signal_connect (event, "notify::sources", G_CALLBACK (count_cb), &count);
  {
    g_autoptr(ChronoSource) source = chrono_source_new ("RNZ", "https://rnz.co.nz", NULL, NULL);

    chrono_event_add_source (event, source);
  }
  g_assert_cmpuint (g_list_model_get_n_items (chrono_event_get_sources (event)), ==, 1);
  chrono_event_clear_sources (event);
  g_assert_cmpuint (g_list_model_get_n_items (chrono_event_get_sources (event)), ==, 0);
  /* The list is the same object throughout: no notify. */
  g_assert_cmpuint (count, ==, 0);

  /* 8 strings + 4 lists + start + end twice + importance. */
  g_assert_cmpuint (total, ==, 8 + 4 + 1 + 2 + 1 + 1);
}

static void
test_event_copy (void)
{
  g_autoptr(ChronoEvent) event = event_new ("a", "2021");
  g_autoptr(ChronoEvent) copy = NULL;
  g_autoptr(ChronoSource) source = chrono_source_new ("Article", "https://example.org", "Pub", "2024");
  g_autoptr(ChronoSource) copied_source = NULL;
  const char *const actors[] = { "APT40", NULL };
  ChronoDate end = date ("2022");

  chrono_event_set_actors (event, actors);
  chrono_event_set_end (event, &end);
  chrono_event_add_source (event, source);
  chrono_event_set_importance (event, 80);

  copy = chrono_event_copy (event);
  g_assert_true (copy != event);
  g_assert_cmpstr (chrono_event_get_id (copy), ==, "a");
  g_assert_true (chrono_date_equal (chrono_event_get_end (copy), &end));
  g_assert_cmpuint (chrono_event_get_importance (copy), ==, 80);
  g_assert_true (g_strv_equal (chrono_event_get_actors (copy), actors));
  g_assert_true (chrono_event_get_actors (copy) != chrono_event_get_actors (event));

  copied_source = g_list_model_get_item (chrono_event_get_sources (copy), 0);
  g_assert_true (copied_source != source);
  g_assert_cmpstr (chrono_source_get_url (copied_source), ==, "https://example.org");

  chrono_event_set_title (copy, "Changed");
  g_assert_cmpstr (chrono_event_get_title (event), ==, "Title a");
}

static void
test_event_span_flags (void)
{
  static const struct {
    const char *start;
    const char *end; /* NULL: point event */
    guint8 flags;
  } cases[] = {
    { "2021-07-19", NULL, 0 },
    { "2021-07-19T10:15:00Z", NULL, 0 },
    { "2021", NULL, CHRONO_SPAN_IMPRECISE },
    { "2021-07", NULL, CHRONO_SPAN_IMPRECISE },
    { "2021-XX", NULL, CHRONO_SPAN_IMPRECISE },
    { "2021-07-XX", NULL, CHRONO_SPAN_IMPRECISE },
    { "2024-02~", NULL, CHRONO_SPAN_IMPRECISE | CHRONO_SPAN_APPROXIMATE },
    { "2021-07-19?", NULL, CHRONO_SPAN_UNCERTAIN },
    { "2021-07-19%", NULL, CHRONO_SPAN_UNCERTAIN | CHRONO_SPAN_APPROXIMATE },
    { "2021-08-01", "2022-10-31", CHRONO_SPAN_RANGE },
    { "2021-08-01", "2022-10~", CHRONO_SPAN_RANGE | CHRONO_SPAN_APPROXIMATE },
    { "2021-08-01", "2022?", CHRONO_SPAN_RANGE | CHRONO_SPAN_UNCERTAIN },
    { "2021", "..", CHRONO_SPAN_RANGE | CHRONO_SPAN_OPEN_END | CHRONO_SPAN_IMPRECISE },
    { "2021-08-01", "", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
      g_autoptr(ChronoEvent) event = event_new ("e", cases[i].start);
      ChronoDate start = date (cases[i].start);
      const ChronoSpan *span;
      ChronoTime lo, hi;

      g_test_message ("%s/%s", cases[i].start, cases[i].end ? cases[i].end : "(none)");
      if (cases[i].end != NULL)
        {
          ChronoDate end = date (cases[i].end);

          chrono_event_set_end (event, &end);
        }

      chrono_timeline_add_event (timeline, event);
      span = chrono_timeline_get_spans (timeline, NULL);
      g_assert_cmpuint (span->flags, ==, cases[i].flags);
      g_assert_cmpuint (span->start_precision, ==, start.precision);
      g_assert_cmpuint (span->importance, ==, 50);
      g_assert_cmpint (span->lo, ==, lo_of (cases[i].start));

      chrono_event_get_span (event, &lo, &hi);
      g_assert_cmpint (lo, ==, span->lo);
      g_assert_cmpint (hi, ==, span->hi);
      g_assert_cmpint (chrono_event_is_range (event), ==, (cases[i].flags & CHRONO_SPAN_RANGE) != 0);

      if (cases[i].end != NULL && cases[i].end[0] != '\0' && strcmp (cases[i].end, "..") != 0)
        g_assert_cmpint (span->hi, ==, hi_of (cases[i].end));
      else
        /* Points, unknown and open ends keep the start's extent. */
        g_assert_cmpint (span->hi, ==, hi_of (cases[i].start));
    }
}

static void
test_event_format_date (void)
{
  g_autoptr(ChronoEvent) event = event_new ("e", "2021-07-19");
  g_autofree char *point = NULL;
  g_autofree char *expected_point = NULL;
  g_autofree char *range = NULL;
  g_autofree char *expected_range = NULL;
  g_autofree char *display = NULL;
  ChronoInterval interval = { date ("2021-08"), date ("2022-10") };

  point = chrono_event_format_date (event);
  expected_point = chrono_date_format (chrono_event_get_start (event));
  g_assert_cmpstr (point, ==, expected_point);

  chrono_event_set_start (event, &interval.start);
  chrono_event_set_end (event, &interval.end);
  range = chrono_event_format_date (event);
  expected_range = chrono_interval_format (&interval);
  g_assert_cmpstr (range, ==, expected_range);
  g_assert_cmpstr (range, !=, expected_point);

  chrono_event_set_display_date (event, "Summer 2021 to autumn 2022");
  display = chrono_event_format_date (event);
  g_assert_cmpstr (display, ==, "Summer 2021 to autumn 2022");
}

/* Timeline */

static void
test_timeline_list_model (void)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autoptr(ChronoEvent) first = NULL;
  guint n_items = 0;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (timeline)) == CHRONO_TYPE_EVENT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (timeline), 0));

  add (timeline, "b", "2021");
  add (timeline, "a", "2020");
  g_object_get (timeline, "n-items", &n_items, NULL);
  g_assert_cmpuint (n_items, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 2);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (timeline), 2));
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (timeline), G_MAXUINT));

  first = g_list_model_get_item (G_LIST_MODEL (timeline), 0);
  g_assert_true (CHRONO_IS_EVENT (first));
  g_assert_cmpstr (chrono_event_get_id (first), ==, "a");
  g_assert_cmpstr (chrono_event_get_title (first), ==, "Title a");
}

static void
test_timeline_identity (void)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  ChronoEvent *a;
  ChronoEvent *b;
  ChronoEvent *weak;

  add (timeline, "x", "2020");
  add (timeline, "y", "2021");

  a = g_list_model_get_item (G_LIST_MODEL (timeline), 0);
  b = g_list_model_get_item (G_LIST_MODEL (timeline), 0);
  g_assert_true (a == b);
  g_object_unref (b);

  b = chrono_timeline_lookup_event (timeline, "x");
  g_assert_true (a == b);
  g_object_unref (b);

  /* The timeline holds no reference: the last unref destroys the event. */
  weak = a;
  g_object_add_weak_pointer (G_OBJECT (a), (gpointer *)&weak);
  g_object_unref (a);
  g_assert_null (weak);

  /* And a new one is made on demand with the same data. */
  a = g_list_model_get_item (G_LIST_MODEL (timeline), 0);
  g_assert_cmpstr (chrono_event_get_id (a), ==, "x");
  g_object_unref (a);

  /* Events outlive their timeline as unbound copies. */
  a = g_list_model_get_item (G_LIST_MODEL (timeline), 1);
  g_clear_object (&timeline);
  chrono_event_set_title (a, "after the timeline");
  g_assert_cmpstr (chrono_event_get_title (a), ==, "after the timeline");
  g_object_unref (a);
}

static void
test_timeline_sorted_random (void)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (Change));
  guint n = 500;

  g_signal_connect (timeline, "items-changed", G_CALLBACK (on_items_changed_cb), log);

  for (guint i = 0; i < n; i++)
    {
      /* A narrow range of days so that ties happen. */
      ChronoTime t = (ChronoTime)g_test_rand_int_range (0, 200) * 86400;
      ChronoDate d;
      g_autofree char *id = g_strdup_printf ("%05u", i);
      g_autoptr(ChronoEvent) event = NULL;
      guint expected;

      chrono_date_from_time (t, CHRONO_PRECISION_DAY, &d);
      event = chrono_event_new (id, id, &d);
      expected = chrono_timeline_lower_bound (timeline, t + 1);
      chrono_timeline_add_event (timeline, event);

      /* Inserted after every equal start. */
      g_assert_cmpuint (log->len, ==, 1);
      g_assert_cmpuint (g_array_index (log, Change, 0).position, ==, expected);
      g_assert_cmpuint (g_array_index (log, Change, 0).removed, ==, 0);
      g_assert_cmpuint (g_array_index (log, Change, 0).added, ==, 1);
      g_assert_cmpstr (chrono_timeline_get_event_id (timeline, expected), ==, id);
      g_array_set_size (log, 0);
    }

  assert_sorted (timeline);
  {
    const ChronoSpan *spans = chrono_timeline_get_spans (timeline, NULL);

    /* Ties keep insertion order: ids were numbered in insertion order. */
    for (guint i = 1; i < n; i++)
      if (spans[i - 1].lo == spans[i].lo)
        g_assert_cmpstr (chrono_timeline_get_event_id (timeline, i - 1), <,
                         chrono_timeline_get_event_id (timeline, i));
  }

  /* Random removals keep the invariant and report their position. */
  for (guint i = 0; i < n / 2; i++)
    {
      guint pos = g_test_rand_int_range (0, chrono_timeline_get_n_events (timeline));
      Change expected = { pos, 1, 0 };

      chrono_timeline_remove (timeline, pos);
      assert_changes (log, &expected, 1);
    }
  assert_sorted (timeline);
  g_assert_cmpuint (chrono_timeline_get_n_events (timeline), ==, n - n / 2);
}

static void
test_timeline_stable_ties (void)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autofree char *order = NULL;
  ChronoEvent *bulk[3];

  add (timeline, "a", "2024-03-25");
  add (timeline, "b", "2024-03-25");
  add (timeline, "early", "2024-03-24");
  add (timeline, "c", "2024-03-25");
  add (timeline, "late", "2024-03-26");

  bulk[0] = event_new ("d", "2024-03-25");
  bulk[1] = event_new ("e", "2024-03-25");
  bulk[2] = event_new ("first", "2024");
  chrono_timeline_add_events (timeline, bulk, 3);
  for (guint i = 0; i < 3; i++)
    g_object_unref (bulk[i]);

  order = order_of (timeline);
  g_assert_cmpstr (order, ==, "first early a b c d e late");
}

/* Whatever changes, a bound event that is still in the timeline is found
 * by every items-changed handler, inside the changed range if it moved. */
static void
on_items_changed_find_cb (GListModel  *model,
                          guint        position,
                          guint        removed,
                          guint        added,
                          ChronoEvent *event)
{
  g_autoptr(ChronoEvent) at = NULL;
  guint found;

  if (_chrono_event_get_timeline (event) == NULL)
    return;
  g_assert_true (chrono_timeline_find_event (CHRONO_TIMELINE (model), event, &found));
  g_assert_cmpuint (found, <, g_list_model_get_n_items (model));
  at = g_list_model_get_item (model, found);
  g_assert_true (at == event);
}

static void
test_timeline_items_changed (void)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(ChronoEvent) event = NULL;
  g_autofree char *order = NULL;
  ChronoEvent *bulk[3];
  ChronoDate d;

  g_signal_connect (timeline, "items-changed", G_CALLBACK (on_items_changed_cb), log);

  /* Bulk into an empty timeline: one (0, 0, n). */
  bulk[0] = event_new ("2022", "2022");
  bulk[1] = event_new ("2020", "2020");
  bulk[2] = event_new ("2024", "2024");
  chrono_timeline_add_events (timeline, bulk, 3);
  for (guint i = 0; i < 3; i++)
    g_object_unref (bulk[i]);
  assert_changes (log, (Change[]) { { 0, 0, 3 } }, 1);
  order = order_of (timeline);
  g_assert_cmpstr (order, ==, "2020 2022 2024");

  add (timeline, "2019", "2019");
  assert_changes (log, (Change[]) { { 0, 0, 1 } }, 1);
  add (timeline, "2021", "2021");
  assert_changes (log, (Change[]) { { 2, 0, 1 } }, 1);
  add (timeline, "2025", "2025");
  assert_changes (log, (Change[]) { { 5, 0, 1 } }, 1);
  /* 2019 2020 2021 2022 2024 2025 */

  /* Bulk into a non-empty timeline: everything may move. */
  bulk[0] = event_new ("2023", "2023");
  chrono_timeline_add_events (timeline, bulk, 1);
  g_object_unref (bulk[0]);
  assert_changes (log, (Change[]) { { 0, 6, 7 } }, 1);
  g_clear_pointer (&order, g_free);
  order = order_of (timeline);
  g_assert_cmpstr (order, ==, "2019 2020 2021 2022 2023 2024 2025");

  chrono_timeline_remove (timeline, 3);
  assert_changes (log, (Change[]) { { 3, 1, 0 } }, 1);
  /* 2019 2020 2021 2023 2024 2025 */

  /* Moving a bound event later: one change over the positions between
   * the old and the new one (1..4), during which it can be found. */
  event = chrono_timeline_lookup_event (timeline, "2020");
  g_signal_connect (timeline, "items-changed", G_CALLBACK (on_items_changed_find_cb), event);
  d = date ("2024-06");
  chrono_event_set_start (event, &d);
  assert_changes (log, (Change[]) { { 1, 4, 4 } }, 1);
  g_clear_pointer (&order, g_free);
  order = order_of (timeline);
  g_assert_cmpstr (order, ==, "2019 2021 2023 2024 2020 2025");

  /* And earlier: 4 to 0. */
  d = date ("1999");
  chrono_event_set_start (event, &d);
  assert_changes (log, (Change[]) { { 0, 5, 5 } }, 1);

  /* A new start that keeps the position is a change in place. */
  d = date ("2000");
  chrono_event_set_start (event, &d);
  assert_changes (log, (Change[]) { { 0, 1, 1 } }, 1);

  /* Any other field: in place. */
  chrono_event_set_title (event, "Moved");
  assert_changes (log, (Change[]) { { 0, 1, 1 } }, 1);
  g_assert_cmpstr (chrono_timeline_get_event_title (timeline, 0), ==, "Moved");

  /* A range end changes the span, not the start: in place. */
  d = date ("2001");
  chrono_event_set_end (event, &d);
  assert_changes (log, (Change[]) { { 0, 1, 1 } }, 1);
  g_assert_cmpuint (chrono_timeline_get_spans (timeline, NULL)[0].flags & CHRONO_SPAN_RANGE, !=, 0);

  /* Same value: no signal at all. */
  chrono_event_set_title (event, "Moved");
  d = date ("2000");
  chrono_event_set_start (event, &d);
  assert_changes (log, NULL, 0);

  chrono_timeline_remove (timeline, 0);
  assert_changes (log, (Change[]) { { 0, 1, 0 } }, 1);
}

static void
test_timeline_append_commit (void)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(ChronoEvent) scratch = chrono_event_new (NULL, NULL, NULL);
  g_autoptr(ChronoEvent) found = NULL;
  g_autofree char *order = NULL;
  static const char *const starts[] = { "2023", "2021", "2022", "2021" };
  const char *const actors[] = { "APT40", NULL };

  add (timeline, "old", "2021");
  g_signal_connect (timeline, "items-changed", G_CALLBACK (on_items_changed_cb), log);

  /* One object reused for every event, as a loader does. */
  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      g_autofree char *id = g_strdup_printf ("n%u", i);
      ChronoDate d = date (starts[i]);

      chrono_event_set_id (scratch, id);
      chrono_event_set_start (scratch, &d);
      chrono_event_set_actors (scratch, i == 2 ? actors : NULL);
      chrono_timeline_append_event (timeline, scratch);
    }

  /* Not in the model until committed. */
  assert_changes (log, NULL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (timeline)), ==, 1);
  g_assert_null (chrono_timeline_lookup_event (timeline, "n0"));

  chrono_timeline_commit_appended (timeline);
  assert_changes (log, (Change[]) { { 0, 1, 5 } }, 1);
  order = order_of (timeline);
  g_assert_cmpstr (order, ==, "old n1 n3 n2 n0");

  found = chrono_timeline_lookup_event (timeline, "n2");
  g_assert_true (g_strv_equal (chrono_event_get_actors (found), actors));
  g_assert_false (chrono_timeline_find_event (timeline, scratch, NULL));

  /* Nothing pending: no signal. */
  chrono_timeline_commit_appended (timeline);
  assert_changes (log, NULL, 0);
}

static void
test_timeline_bound_edits (void)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(ChronoEvent) event = NULL;
  g_autoptr(ChronoEvent) again = NULL;
  g_autoptr(ChronoCategory) category = chrono_category_new ("legal", "Legal", "#0000ff");
  g_autoptr(ChronoSource) source = chrono_source_new ("RNZ", "https://www.rnz.co.nz", "RNZ", "2024-03-26");
  const char *const actors[] = { "APT31", "Wuhan Xiaoruizhi", NULL };
  const char *const tags[] = { "indictment", NULL };
  ChronoEvent *weak;
  ChronoDate d;
  guint pos;
  guint modified_count = 0;
  const ChronoSpan *span;

  chrono_timeline_add_category (timeline, category);
  add (timeline, "a", "2020");
  add (timeline, "b", "2021");
  add (timeline, "c", "2022");
  chrono_timeline_set_modified (timeline, FALSE);
  g_signal_connect (timeline, "notify::modified", G_CALLBACK (count_cb), &modified_count);
  g_signal_connect (timeline, "items-changed", G_CALLBACK (on_items_changed_cb), log);

  event = g_list_model_get_item (G_LIST_MODEL (timeline), 1);
  g_assert_true (chrono_timeline_find_event (timeline, event, &pos));
  g_assert_cmpuint (pos, ==, 1);

  chrono_event_set_category (event, "legal");
  g_assert_true (chrono_timeline_get_modified (timeline));
  g_assert_cmpuint (modified_count, ==, 1);
  span = &chrono_timeline_get_spans (timeline, NULL)[1];
  g_assert_cmpuint (span->category, ==, 0);
  chrono_event_set_group (event, "United Kingdom");
  span = &chrono_timeline_get_spans (timeline, NULL)[1];
  g_assert_cmpuint (span->group, ==, 0);
  g_assert_cmpstr (chrono_timeline_get_group_name (timeline, span->group), ==, "United Kingdom");
  chrono_event_set_importance (event, 90);
  g_assert_cmpuint (chrono_timeline_get_spans (timeline, NULL)[1].importance, ==, 90);
  chrono_event_set_actors (event, actors);
  chrono_event_set_tags (event, tags);
  chrono_event_set_status (event, "alleged");
  chrono_event_set_description (event, "Charges unsealed");
  chrono_event_set_display_date (event, "2021 or so");
  chrono_event_set_extra (event, "{\"k\":true}");
  chrono_event_set_id (event, "b2");
  chrono_event_add_source (event, source);
  assert_changes (log, (Change[]) {
    { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 },
    { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 },
  }, 11);
  g_assert_cmpuint (modified_count, ==, 1);
  g_assert_cmpstr (chrono_timeline_get_event_id (timeline, 1), ==, "b2");

  /* Move it to the end through the store. */
  d = date ("2023-05-01");
  chrono_event_set_start (event, &d);
  g_assert_true (chrono_timeline_find_event (timeline, event, &pos));
  g_assert_cmpuint (pos, ==, 2);
  g_assert_cmpstr (chrono_timeline_get_event_id (timeline, 2), ==, "b2");
  span = &chrono_timeline_get_spans (timeline, NULL)[2];
  g_assert_cmpint (span->lo, ==, lo_of ("2023-05-01"));
  g_assert_cmpuint (span->flags, ==, 0);
  g_assert_cmpuint (span->category, ==, 0);
  g_assert_cmpuint (span->importance, ==, 90);
  g_array_set_size (log, 0);

  /* Drop the object: everything must come back from the store. */
  weak = event;
  g_object_add_weak_pointer (G_OBJECT (event), (gpointer *)&weak);
  g_clear_object (&event);
  g_assert_null (weak);
  g_assert_null (chrono_timeline_lookup_event (timeline, "b"));
  again = chrono_timeline_lookup_event (timeline, "b2");
  g_assert_nonnull (again);
  g_assert_cmpstr (chrono_event_get_title (again), ==, "Title b");
  g_assert_cmpstr (chrono_event_get_description (again), ==, "Charges unsealed");
  g_assert_cmpstr (chrono_event_get_category (again), ==, "legal");
  g_assert_cmpstr (chrono_event_get_group (again), ==, "United Kingdom");
  g_assert_cmpstr (chrono_event_get_status (again), ==, "alleged");
  g_assert_cmpstr (chrono_event_get_display_date (again), ==, "2021 or so");
  g_assert_cmpstr (chrono_event_get_extra (again), ==, "{\"k\":true}");
  g_assert_cmpuint (chrono_event_get_importance (again), ==, 90);
  g_assert_true (g_strv_equal (chrono_event_get_actors (again), actors));
  g_assert_true (g_strv_equal (chrono_event_get_tags (again), tags));
  g_assert_null (chrono_event_get_targets (again)[0]);
  g_assert_true (chrono_date_equal (chrono_event_get_start (again), &d));
  g_assert_null (chrono_event_get_end (again));
  g_assert_cmpuint (g_list_model_get_n_items (chrono_event_get_sources (again)), ==, 1);
  {
    g_autoptr(ChronoSource) got = g_list_model_get_item (chrono_event_get_sources (again), 0);

    g_assert_cmpstr (chrono_source_get_title (got), ==, "RNZ");
    g_assert_cmpstr (chrono_source_get_url (got), ==, "https://www.rnz.co.nz");
    g_assert_cmpstr (chrono_source_get_publisher (got), ==, "RNZ");
    g_assert_cmpstr (chrono_source_get_date (got), ==, "2024-03-26");
  }
  /* Making the object is not an edit. */
  assert_changes (log, NULL, 0);

  chrono_event_clear_sources (again);
  assert_changes (log, (Change[]) { { 2, 1, 1 } }, 1);

  /* A removed event is unbound: edits no longer reach the timeline. */
  g_assert_true (chrono_timeline_find_event (timeline, again, &pos));
  chrono_timeline_remove (timeline, pos);
  assert_changes (log, (Change[]) { { 2, 1, 0 } }, 1);
  g_assert_false (chrono_timeline_find_event (timeline, again, &pos));
  d = date ("1900");
  chrono_event_set_start (again, &d);
  chrono_event_set_title (again, "Gone");
  assert_changes (log, NULL, 0);
  g_assert_cmpuint (chrono_timeline_get_n_events (timeline), ==, 2);
  g_assert_null (chrono_timeline_lookup_event (timeline, "b2"));
}

static void
test_timeline_lookup (void)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autoptr(GHashTable) removed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = 2000;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("event-%u", i);
      ChronoTime t = (ChronoTime)g_test_rand_int_range (0, 10000) * 86400;
      ChronoDate d;
      g_autoptr(ChronoEvent) event = NULL;

      chrono_date_from_time (t, CHRONO_PRECISION_DAY, &d);
      event = chrono_event_new (id, NULL, &d);
      chrono_timeline_add_event (timeline, event);
    }

  g_assert_null (chrono_timeline_lookup_event (timeline, "nope"));

  /* Remove a random half, exercising deletion from the id index. */
  for (guint i = 0; i < n / 2; i++)
    {
      guint pos = g_test_rand_int_range (0, chrono_timeline_get_n_events (timeline));

      g_hash_table_add (removed, g_strdup (chrono_timeline_get_event_id (timeline, pos)));
      chrono_timeline_remove (timeline, pos);
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("event-%u", i);
      g_autoptr(ChronoEvent) event = chrono_timeline_lookup_event (timeline, id);
      guint pos;

      if (g_hash_table_contains (removed, id))
        {
          g_assert_null (event);
          continue;
        }

      g_assert_nonnull (event);
      g_assert_cmpstr (chrono_event_get_id (event), ==, id);
      g_assert_true (chrono_timeline_find_event (timeline, event, &pos));
      g_assert_cmpstr (chrono_timeline_get_event_id (timeline, pos), ==, id);
    }
}

static void
test_timeline_find_event (void)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autoptr(ChronoTimeline) other = chrono_timeline_new ();
  g_autoptr(ChronoEvent) unbound = event_new ("a", "2020");
  g_autoptr(ChronoEvent) bound = NULL;
  g_autoptr(ChronoEvent) elsewhere = NULL;
  g_autoptr(ChronoEvent) copy = NULL;
  guint pos = 77;

  chrono_timeline_add_event (timeline, unbound);
  chrono_timeline_add_event (other, unbound);
  add (timeline, "b", "2020");
  add (timeline, "c", "2019");

  /* The object passed to add is not kept or bound. */
  g_assert_false (chrono_timeline_find_event (timeline, unbound, &pos));
  g_assert_cmpuint (pos, ==, 77);

  bound = chrono_timeline_lookup_event (timeline, "b");
  g_assert_true (chrono_timeline_find_event (timeline, bound, &pos));
  g_assert_cmpuint (pos, ==, 2);

  elsewhere = chrono_timeline_lookup_event (other, "a");
  g_assert_false (chrono_timeline_find_event (timeline, elsewhere, &pos));

  copy = chrono_event_copy (bound);
  g_assert_false (chrono_timeline_find_event (timeline, copy, &pos));
}

static void
test_timeline_lower_bound (void)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();

  g_assert_cmpuint (chrono_timeline_lower_bound (timeline, 0), ==, 0);

  add (timeline, "a", "2020-01-01");
  add (timeline, "b", "2021-01-01");
  add (timeline, "c", "2021-01-01");
  add (timeline, "d", "2022-01-01");

  g_assert_cmpuint (chrono_timeline_lower_bound (timeline, CHRONO_TIME_MIN), ==, 0);
  g_assert_cmpuint (chrono_timeline_lower_bound (timeline, lo_of ("2020-01-01")), ==, 0);
  g_assert_cmpuint (chrono_timeline_lower_bound (timeline, lo_of ("2020-01-01") + 1), ==, 1);
  g_assert_cmpuint (chrono_timeline_lower_bound (timeline, lo_of ("2021-01-01")), ==, 1);
  g_assert_cmpuint (chrono_timeline_lower_bound (timeline, lo_of ("2021-06-01")), ==, 3);
  g_assert_cmpuint (chrono_timeline_lower_bound (timeline, lo_of ("2022-01-01")), ==, 3);
  g_assert_cmpuint (chrono_timeline_lower_bound (timeline, lo_of ("2022-01-02")), ==, 4);
  g_assert_cmpuint (chrono_timeline_lower_bound (timeline, CHRONO_TIME_MAX), ==, 4);
}

static void
test_timeline_extent (void)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autoptr(ChronoEvent) open = event_new ("open", "2023-05");
  g_autoptr(ChronoEvent) bound = NULL;
  g_autoptr(ChronoEra) era = NULL;
  ChronoDate era_start = date ("2019-07");
  ChronoDate era_end = date ("2022-09");
  ChronoDate d;
  ChronoTime lo = 1, hi = 1;

  g_assert_false (chrono_timeline_get_extent (timeline, &lo, &hi));

  add (timeline, "a", "2020-03-01");
  add (timeline, "b", "2021");
  g_assert_true (chrono_timeline_get_extent (timeline, &lo, &hi));
  g_assert_cmpint (lo, ==, lo_of ("2020-03-01"));
  g_assert_cmpint (hi, ==, hi_of ("2021"));

  /* An open end counts as the start's span. */
  d = date ("..");
  chrono_event_set_end (open, &d);
  chrono_timeline_add_event (timeline, open);
  g_assert_true (chrono_timeline_get_extent (timeline, &lo, &hi));
  g_assert_cmpint (hi, ==, hi_of ("2023-05"));

  era = chrono_era_new ("Johnson", &era_start, &era_end);
  chrono_timeline_add_era (timeline, era);
  g_assert_true (chrono_timeline_get_extent (timeline, &lo, &hi));
  g_assert_cmpint (lo, ==, lo_of ("2019-07"));
  g_assert_cmpint (hi, ==, hi_of ("2023-05"));

  /* Edits of eras and events invalidate the cached extent. */
  era_start = date ("2018");
  chrono_era_set_start (era, &era_start);
  g_assert_true (chrono_timeline_get_extent (timeline, &lo, NULL));
  g_assert_cmpint (lo, ==, lo_of ("2018"));

  bound = chrono_timeline_lookup_event (timeline, "b");
  d = date ("2030-12-31");
  chrono_event_set_end (bound, &d);
  g_assert_true (chrono_timeline_get_extent (timeline, NULL, &hi));
  g_assert_cmpint (hi, ==, hi_of ("2030-12-31"));

  while (chrono_timeline_get_n_events (timeline) > 0)
    chrono_timeline_remove (timeline, 0);
  g_assert_true (chrono_timeline_get_extent (timeline, &lo, &hi));
  g_assert_cmpint (lo, ==, lo_of ("2018"));
  g_assert_cmpint (hi, ==, hi_of ("2022-09"));
}

static void
test_timeline_groups_categories (void)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autoptr(ChronoCategory) cyber = chrono_category_new ("cyber", "Cyber attack", "#cc0000");
  g_autoptr(ChronoCategory) legal = chrono_category_new ("legal", "Legal action", "#0000cc");
  g_autoptr(ChronoCategory) dup = chrono_category_new ("legal", "Duplicate", "#000000");
  static const struct {
    const char *id, *start, *category, *group;
  } events[] = {
    { "a", "2020", "cyber", "APT31" },
    { "b", "2021", "legal", NULL },
    { "c", "2022", "unknown", "APT40" },
    { "d", "2023", NULL, "APT31" },
  };
  const ChronoSpan *spans;
  guint changed = 0;

  g_signal_connect (timeline, "changed", G_CALLBACK (count_signal_cb), &changed);

  chrono_timeline_add_category (timeline, cyber);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (chrono_timeline_get_modified (timeline));

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_autoptr(ChronoEvent) event = event_new (events[i].id, events[i].start);

      chrono_event_set_category (event, events[i].category);
      chrono_event_set_group (event, events[i].group);
      chrono_timeline_add_event (timeline, event);
    }

  spans = chrono_timeline_get_spans (timeline, NULL);
  g_assert_cmpuint (spans[0].category, ==, 0);
  g_assert_cmpuint (spans[1].category, ==, CHRONO_NO_INDEX);
  g_assert_cmpuint (spans[2].category, ==, CHRONO_NO_INDEX);
  g_assert_cmpuint (spans[3].category, ==, CHRONO_NO_INDEX);

  /* Groups are numbered in order of first appearance. */
  g_assert_cmpuint (chrono_timeline_get_n_groups (timeline), ==, 2);
  g_assert_cmpstr (chrono_timeline_get_group_name (timeline, 0), ==, "APT31");
  g_assert_cmpstr (chrono_timeline_get_group_name (timeline, 1), ==, "APT40");
  g_assert_null (chrono_timeline_get_group_name (timeline, 2));
  g_assert_null (chrono_timeline_get_group_name (timeline, CHRONO_NO_INDEX));
  g_assert_cmpuint (spans[0].group, ==, 0);
  g_assert_cmpuint (spans[1].group, ==, CHRONO_NO_INDEX);
  g_assert_cmpuint (spans[2].group, ==, 1);
  g_assert_cmpuint (spans[3].group, ==, 0);

  /* A category added later resolves the events that name it. */
  chrono_timeline_add_category (timeline, legal);
  spans = chrono_timeline_get_spans (timeline, NULL);
  g_assert_cmpuint (spans[1].category, ==, 1);
  g_assert_cmpuint (spans[0].category, ==, 0);
  g_assert_cmpuint (spans[2].category, ==, CHRONO_NO_INDEX);

  /* The first category of an id wins. */
  chrono_timeline_add_category (timeline, dup);
  g_assert_cmpuint (g_list_model_get_n_items (chrono_timeline_get_categories (timeline)), ==, 3);
  g_assert_true (chrono_timeline_lookup_category (timeline, "legal") == legal);
  g_assert_cmpuint (chrono_timeline_get_spans (timeline, NULL)[1].category, ==, 1);
  g_assert_null (chrono_timeline_lookup_category (timeline, "unknown"));
  g_assert_cmpuint (changed, ==, 3);

  /* Category edits are document changes. */
  chrono_timeline_set_modified (timeline, FALSE);
  chrono_category_set_color (cyber, "#ee0000");
  g_assert_cmpuint (changed, ==, 4);
  g_assert_true (chrono_timeline_get_modified (timeline));
}

static void
test_timeline_metadata (void)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/timeline.json");
  g_autoptr(GFile) same = g_file_new_for_path ("/tmp/timeline.json");
  g_autoptr(ChronoEra) era = chrono_era_new ("Thaw", NULL, NULL);
  guint changed = 0;
  guint title = 0;
  guint modified = 0;
  guint file_count = 0;

  g_signal_connect (timeline, "changed", G_CALLBACK (count_signal_cb), &changed);
  g_signal_connect (timeline, "notify::title", G_CALLBACK (count_cb), &title);
  g_signal_connect (timeline, "notify::modified", G_CALLBACK (count_cb), &modified);
  g_signal_connect (timeline, "notify::file", G_CALLBACK (count_cb), &file_count);

  g_assert_false (chrono_timeline_get_modified (timeline));
  chrono_timeline_set_title (timeline, "APT31");
  chrono_timeline_set_title (timeline, "APT31");
  g_assert_cmpstr (chrono_timeline_get_title (timeline), ==, "APT31");
  g_assert_cmpuint (title, ==, 1);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (modified, ==, 1);
  g_assert_true (chrono_timeline_get_modified (timeline));

  chrono_timeline_set_modified (timeline, FALSE);
  g_assert_cmpuint (modified, ==, 2);

  /* Where the file lives is not a change of the document. */
  chrono_timeline_set_file (timeline, file);
  chrono_timeline_set_file (timeline, same);
  g_assert_cmpuint (file_count, ==, 1);
  g_assert_true (chrono_timeline_get_file (timeline) == file);
  g_assert_false (chrono_timeline_get_modified (timeline));

  chrono_timeline_set_description (timeline, "State-linked campaigns");
  g_assert_cmpstr (chrono_timeline_get_description (timeline), ==, "State-linked campaigns");
  g_assert_cmpuint (changed, ==, 2);
  chrono_timeline_set_extra (timeline, "{\"license\":\"CC-BY\"}");
  g_assert_cmpstr (chrono_timeline_get_extra (timeline), ==, "{\"license\":\"CC-BY\"}");
  g_assert_cmpuint (changed, ==, 3);
  g_assert_true (chrono_timeline_get_modified (timeline));

  chrono_timeline_add_era (timeline, era);
  g_assert_cmpuint (changed, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (chrono_timeline_get_eras (timeline)), ==, 1);
  chrono_era_set_title (era, "The thaw");
  g_assert_cmpuint (changed, ==, 5);
  /* An era without dates does not give an extent. */
  g_assert_false (chrono_timeline_get_extent (timeline, NULL, NULL));

  chrono_timeline_set_modified (timeline, FALSE);
  add (timeline, "x", "2020");
  g_assert_true (chrono_timeline_get_modified (timeline));
  /* Events are reported by items-changed, not "changed". */
  g_assert_cmpuint (changed, ==, 5);
}

/* The scale budget (DESIGN.md): at most 300 bytes per event beyond its text.
 *
 * Per event the store keeps one ChronoSpan (32 bytes), one EventRecord
 * (pointers to the text block, interned strings and vectors, the sources,
 * and the two ChronoDates) and one 4-byte slot of the id index. Worst case
 * growth slack: the record array grows by half (x 3/2), the GArray of spans
 * allocates powers of two (x 2) and the index is at least 3/8 full (x 8/3):
 *   record * 3/2 + 32 * 2 + 4 * 8/3.
 * Repeated strings are interned (their cost is per distinct value) and no
 * GObject exists per event unless a view holds one. */
static void
test_timeline_memory_bound (void)
{
  gsize record = _chrono_timeline_get_record_size ();
  gsize exact = record + sizeof (ChronoSpan) + sizeof (guint32) * 2;
  gsize max = _chrono_timeline_get_max_bytes_per_event ();
  guint n = 20000;
  g_autoptr(ChronoTimeline) bulk = chrono_timeline_new ();
  g_autoptr(ChronoTimeline) one_by_one = chrono_timeline_new ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  const char *const actors[] = { "APT31", "Ministry of State Security", NULL };
  gsize bytes;

  g_assert_cmpuint (sizeof (ChronoSpan), ==, 32);
  g_assert_cmpuint (max, ==, record * 3 / 2 + sizeof (ChronoSpan) * 2 + 11);
  g_test_message ("record %zu + span %zu + index ~8 = %zu bytes per event; worst case %zu",
                  record, sizeof (ChronoSpan), exact, max);
  g_assert_cmpuint (exact, <=, 200);
  g_assert_cmpuint (max, <, 300);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", i);
      ChronoDate d;
      ChronoEvent *event;

      chrono_date_from_time ((ChronoTime)i * 3600, CHRONO_PRECISION_HOUR, &d);
      event = chrono_event_new (id, id, &d);
      chrono_event_set_actors (event, actors);
      chrono_event_set_category (event, "cyber");
      chrono_event_set_group (event, i % 2 ? "APT31" : "APT40");
      g_ptr_array_add (events, event);
      chrono_timeline_add_event (one_by_one, event);
    }
  chrono_timeline_add_events (bulk, (ChronoEvent **)events->pdata, n);

  /* Measured: what the per-event arrays and the index really allocated. */
  bytes = _chrono_timeline_get_storage_bytes (bulk);
  g_test_message ("bulk: %zu bytes per event", bytes / n);
  g_assert_cmpuint (bytes / n, <=, max);
  g_assert_cmpuint (bytes, >=, (gsize)n * (record + sizeof (ChronoSpan)));

  bytes = _chrono_timeline_get_storage_bytes (one_by_one);
  g_test_message ("one by one: %zu bytes per event", bytes / n);
  g_assert_cmpuint (bytes / n, <=, max);
}

static void
test_timeline_bulk_100k (void)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autoptr(GArray) log = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GTimer) timer = NULL;
  const ChronoSpan *spans;
  guint n = 100000;
  guint n_spans;

  for (guint i = 0; i < n; i++)
    {
      /* Around 30 years of days: many ties. */
      ChronoTime t = (ChronoTime)g_test_rand_int_range (-5000, 6000) * 86400;
      g_autofree char *id = g_strdup_printf ("%06u", i);
      ChronoDate d;

      chrono_date_from_time (t, CHRONO_PRECISION_DAY, &d);
      g_ptr_array_add (events, chrono_event_new (id, id, &d));
    }

  g_signal_connect (timeline, "items-changed", G_CALLBACK (on_items_changed_cb), log);
  timer = g_timer_new ();
  chrono_timeline_add_events (timeline, (ChronoEvent **)events->pdata, n);
  g_test_message ("add_events: %u events in %.3f s", n, g_timer_elapsed (timer, NULL));

  assert_changes (log, (Change[]) { { 0, 0, n } }, 1);
  spans = chrono_timeline_get_spans (timeline, &n_spans);
  g_assert_cmpuint (n_spans, ==, n);
  for (guint i = 1; i < n; i++)
    {
      g_assert_cmpint (spans[i - 1].lo, <=, spans[i].lo);
      if (spans[i - 1].lo == spans[i].lo)
        g_assert_cmpstr (chrono_timeline_get_event_id (timeline, i - 1), <,
                         chrono_timeline_get_event_id (timeline, i));
    }

  /* Each position holds the event whose start it claims. */
  for (guint i = 0; i < n; i += 997)
    {
      g_autoptr(ChronoEvent) event = g_list_model_get_item (G_LIST_MODEL (timeline), i);
      ChronoTime lo;

      chrono_event_get_span (event, &lo, NULL);
      g_assert_cmpint (lo, ==, spans[i].lo);
      g_assert_cmpstr (chrono_event_get_id (event), ==, chrono_timeline_get_event_id (timeline, i));
    }
}

/* Categories, eras and sources keep a file's unknown fields ("extra"),
 * notify only when they change, and a source's extra lives in the
 * timeline's compact store like its other fields. */
static void
test_extra_properties (void)
{
  ChronoDate start = date ("2021"), end = date ("2022");
  g_autoptr(ChronoCategory) category = chrono_category_new ("c", "C", NULL);
  g_autoptr(ChronoEra) era = chrono_era_new ("E", &start, &end);
  g_autoptr(ChronoSource) source = chrono_source_new ("S", NULL, NULL, NULL);
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autoptr(ChronoEvent) event = event_new ("e", "2021");
  g_autoptr(ChronoEvent) again = NULL;
  g_autoptr(ChronoSource) stored = NULL;
  GObject *objects[] = { G_OBJECT (category), G_OBJECT (era), G_OBJECT (source) };
  const char *extra = "{\"x\":{\"deep\":[1,[2]]}}";
  guint counts[G_N_ELEMENTS (objects)] = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      g_autofree char *value = NULL;

      g_signal_connect (objects[i], "notify::extra", G_CALLBACK (count_cb), &counts[i]);
      g_object_set (objects[i], "extra", extra, NULL);
      g_object_set (objects[i], "extra", extra, NULL);
      g_assert_cmpuint (counts[i], ==, 1);
      g_object_get (objects[i], "extra", &value, NULL);
      g_assert_cmpstr (value, ==, extra);
    }
  g_assert_cmpstr (chrono_category_get_extra (category), ==, extra);
  g_assert_cmpstr (chrono_era_get_extra (era), ==, extra);
  g_assert_cmpstr (chrono_source_get_extra (source), ==, extra);
  chrono_category_set_extra (category, NULL);
  chrono_era_set_extra (era, NULL);
  chrono_source_set_extra (source, NULL);
  g_assert_null (chrono_category_get_extra (category));
  g_assert_null (chrono_era_get_extra (era));
  g_assert_null (chrono_source_get_extra (source));
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    g_assert_cmpuint (counts[i], ==, 2);

  chrono_source_set_extra (source, extra);
  chrono_event_add_source (event, source);
  chrono_timeline_add_event (timeline, event);
  g_clear_object (&event);
  /* Made again from the store, not the cached object. */
  again = g_list_model_get_item (G_LIST_MODEL (timeline), 0);
  stored = g_list_model_get_item (chrono_event_get_sources (again), 0);
  g_assert_true (stored != source);
  g_assert_cmpstr (chrono_source_get_title (stored), ==, "S");
  g_assert_cmpstr (chrono_source_get_extra (stored), ==, extra);
}

static ChronoEvent *
query_event (const char        *id,
             const char        *start,
             const char        *title,
             const char        *description,
             const char        *category,
             const char *const *actors,
             const char *const *tags,
             const char *const *places)
{
  ChronoDate d = date (start);
  ChronoEvent *event = chrono_event_new (id, title, &d);

  chrono_event_set_description (event, description);
  chrono_event_set_category (event, category);
  chrono_event_set_actors (event, actors);
  chrono_event_set_tags (event, tags);
  chrono_event_set_places (event, places);
  return event;
}

static void
test_timeline_event_accessors (void)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  const char *apt31[] = { "APT31", "MSS", NULL };
  const char *apt31_again[] = { "APT31", "MSS", NULL };
  const char *tags[] = { "email", NULL };
  ChronoEvent *events[3];

  events[0] = query_event ("a", "2020", "A", NULL, NULL, apt31, tags, NULL);
  events[1] = query_event ("b", "2021", "B", NULL, NULL, apt31_again, NULL, NULL);
  events[2] = query_event ("c", "2022", "C", NULL, NULL, NULL, NULL, NULL);
  chrono_timeline_add_events (timeline, events, 3);

  g_assert_cmpstr (chrono_timeline_get_event_first_actor (timeline, 0), ==, "APT31");
  /* Interned: one address for equal names and equal lists. */
  g_assert_true (chrono_timeline_get_event_first_actor (timeline, 0) ==
                 chrono_timeline_get_event_first_actor (timeline, 1));
  g_assert_true (chrono_timeline_get_event_actors (timeline, 0) ==
                 chrono_timeline_get_event_actors (timeline, 1));
  g_assert_cmpstrv (chrono_timeline_get_event_actors (timeline, 0), apt31);
  g_assert_cmpstrv (chrono_timeline_get_event_tags (timeline, 0), tags);
  g_assert_null (chrono_timeline_get_event_tags (timeline, 1));
  g_assert_null (chrono_timeline_get_event_first_actor (timeline, 2));
  g_assert_null (chrono_timeline_get_event_actors (timeline, 2));

  for (guint i = 0; i < 3; i++)
    g_object_unref (events[i]);
}

static void
test_timeline_query (void)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  const char *apt31[] = { "APT31", "Ministry of State Security", NULL };
  const char *apt40[] = { "APT40", NULL };
  const char *election[] = { "elections", "email", NULL };
  const char *places[] = { "Straße", NULL };
  static const struct {
    const char *search;
    const char *category;
    const char *actor;
    const char *tag;
    const char *expected;
  } cases[] = {
    { NULL, NULL, NULL, NULL, "abcd" },
    { "apt40", NULL, NULL, NULL, "b" },          /* actor and title, any case */
    { "GMAIL", NULL, NULL, NULL, "a" },          /* description */
    { "elections", NULL, NULL, NULL, "ac" },     /* tag */
    { "électoral", NULL, NULL, NULL, "c" },      /* non-ASCII, case folded */
    { "ÉLECTORAL", NULL, NULL, NULL, "c" },
    { "strasse", NULL, NULL, NULL, "d" },        /* ß folds to ss */
    { "\xe2\x84\xaa" "elvin", NULL, NULL, NULL, "d" }, /* KELVIN SIGN folds to k */
    { "kelvin", NULL, NULL, NULL, "d" },
    { "apt31 routers", NULL, NULL, NULL, "d" },  /* every word */
    { "ministry\tcampaign", NULL, NULL, NULL, "a" },
    { "é", NULL, NULL, NULL, "c" },
    { NULL, "intrusion", NULL, NULL, "ac" },
    { NULL, "intrusion", "APT31", NULL, "a" },
    { NULL, NULL, "APT31", "networks", "d" },
    { "phishing", "attribution", NULL, NULL, "" },
    { "nothing-like-this", NULL, NULL, NULL, "" },
  };
  ChronoEvent *events[4];

  events[0] = query_event ("a", "2020", "Campaign staff targeted",
                           "Phishing against personal Gmail accounts", "intrusion",
                           apt31, election, NULL);
  events[1] = query_event ("b", "2021", "GCSB names APT40", "New Zealand attribution",
                           "attribution", apt40, NULL, NULL);
  events[2] = query_event ("c", "2022", "Électoral Commission breach",
                           "Registers of millions of voters accessed", "intrusion", NULL,
                           election, NULL);
  {
    const char *network[] = { "networks", NULL };

    events[3] = query_event ("d", "2023", "Routers taken over",
                             "A botnet of \xe2\x84\xaa" "elvin devices", NULL, apt31, network,
                             places);
  }
  chrono_timeline_add_events (timeline, events, 4);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(ChronoEventQuery) query = chrono_event_query_new (cases[c].search);
      g_autoptr(GString) got = g_string_new (NULL);
      g_autoptr(GString) got_objects = g_string_new (NULL);

      if (cases[c].category != NULL)
        chrono_event_query_add_value (query, CHRONO_QUERY_CATEGORY, cases[c].category);
      if (cases[c].actor != NULL)
        chrono_event_query_add_value (query, CHRONO_QUERY_ACTOR, cases[c].actor);
      if (cases[c].tag != NULL)
        chrono_event_query_add_value (query, CHRONO_QUERY_TAG, cases[c].tag);
      g_assert_cmpint (chrono_event_query_is_empty (query), ==,
                       cases[c].search == NULL && cases[c].category == NULL &&
                       cases[c].actor == NULL && cases[c].tag == NULL);

      /* Twice: the second time from the query's caches. */
      for (guint round = 0; round < 2; round++)
        {
          g_string_truncate (got, 0);
          for (guint i = 0; i < 4; i++)
            if (chrono_timeline_event_matches (timeline, i, query))
              g_string_append (got, chrono_timeline_get_event_id (timeline, i));
          g_assert_cmpstr (got->str, ==, cases[c].expected);
        }

      for (guint i = 0; i < 4; i++)
        if (chrono_event_query_match_event (query, events[i]))
          g_string_append (got_objects, chrono_event_get_id (events[i]));
      g_assert_cmpstr (got_objects->str, ==, cases[c].expected);
    }

  for (guint i = 0; i < 4; i++)
    g_object_unref (events[i]);
}

/* Enough events for the uid-order and threaded paths, added out of order so
 * that uid order is not position order. */
static void
test_timeline_match_events (void)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  const char *const searches[] = { "7", "71", "title 1", "x", "tit", "ti" };
  const guint n = 70000;
  g_autofree guint8 *mask = g_malloc (n);
  g_autofree guint8 *expected = g_malloc (n);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%u", g_rand_int_range (rand, 0, 1000000));
      g_autofree char *unique = g_strdup_printf ("%s-%u", id, i);
      g_autofree char *start = g_strdup_printf ("%04d", g_rand_int_range (rand, 1900, 2100));

      g_ptr_array_add (events, event_new (unique, start));
    }
  chrono_timeline_add_events (timeline, (ChronoEvent **) events->pdata, n);

  for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
    {
      g_autoptr(ChronoEventQuery) query = chrono_event_query_new (searches[s]);
      guint n_expected = 0, n_got;
      guint narrowed = 0;

      for (guint i = 0; i < n; i++)
        {
          expected[i] = chrono_timeline_event_matches (timeline, i, query);
          n_expected += expected[i];
        }

      memset (mask, 1, n);
      n_got = chrono_timeline_match_events (timeline, query, 0, n, mask, 1);
      g_assert_cmpuint (n_got, ==, n_expected);
      g_assert_cmpmem (mask, n, expected, n);

      /* Widening from nothing: every event is a candidate. */
      memset (mask, 0, n);
      n_got = chrono_timeline_match_events (timeline, query, 0, n, mask, 0);
      g_assert_cmpuint (n_got, ==, n_expected);
      g_assert_cmpmem (mask, n, expected, n);

      /* Narrowing from a coarser result leaves the rest alone. */
      for (guint i = 0; i < n; i++)
        mask[i] = i % 3 == 0 ? 1 : 2;
      n_got = chrono_timeline_match_events (timeline, query, 0, n, mask, 1);
      for (guint i = 0; i < n; i++)
        {
          if (i % 3 != 0)
            g_assert_cmpint (mask[i], ==, 2);
          else
            {
              g_assert_cmpint (mask[i], ==, expected[i]);
              narrowed += expected[i];
            }
        }
      g_assert_cmpuint (n_got, ==, narrowed);

      /* A range. */
      memset (mask, 1, n);
      n_got = chrono_timeline_match_events (timeline, query, 100, 50, mask, 1);
      g_assert_cmpmem (mask, 50, expected + 100, 50);
    }
}

static void
test_timeline_live_positions (void)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autoptr(ChronoEvent) third = NULL;
  g_autoptr(ChronoEvent) first = NULL;
  g_autofree guint *live = NULL;
  guint n_live;

  add (timeline, "c", "2022");
  add (timeline, "a", "2020");
  add (timeline, "b", "2021");
  add (timeline, "d", "2023");

  live = _chrono_timeline_get_live_positions (timeline, &n_live);
  g_assert_cmpuint (n_live, ==, 0);
  g_clear_pointer (&live, g_free);

  third = g_list_model_get_item (G_LIST_MODEL (timeline), 3);
  first = g_list_model_get_item (G_LIST_MODEL (timeline), 0);
  /* Dropped at once: not alive. */
  g_object_unref (g_list_model_get_item (G_LIST_MODEL (timeline), 1));
  live = _chrono_timeline_get_live_positions (timeline, &n_live);
  g_assert_cmpuint (n_live, ==, 2);
  g_assert_cmpuint (live[0], ==, 0);
  g_assert_cmpuint (live[1], ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/category/properties", test_category);
  g_test_add_func ("/model/source/web-url", test_source);
  g_test_add_func ("/model/era/properties", test_era);
  g_test_add_func ("/model/event/properties", test_event_properties);
  g_test_add_func ("/model/event/copy", test_event_copy);
  g_test_add_func ("/model/event/span-flags", test_event_span_flags);
  g_test_add_func ("/model/event/format-date", test_event_format_date);
  g_test_add_func ("/model/timeline/list-model", test_timeline_list_model);
  g_test_add_func ("/model/timeline/identity", test_timeline_identity);
  g_test_add_func ("/model/timeline/sorted-random", test_timeline_sorted_random);
  g_test_add_func ("/model/timeline/stable-ties", test_timeline_stable_ties);
  g_test_add_func ("/model/timeline/items-changed", test_timeline_items_changed);
  g_test_add_func ("/model/timeline/append-commit", test_timeline_append_commit);
  g_test_add_func ("/model/timeline/bound-edits", test_timeline_bound_edits);
  g_test_add_func ("/model/timeline/lookup", test_timeline_lookup);
  g_test_add_func ("/model/timeline/find-event", test_timeline_find_event);
  g_test_add_func ("/model/timeline/lower-bound", test_timeline_lower_bound);
  g_test_add_func ("/model/timeline/extent", test_timeline_extent);
  g_test_add_func ("/model/timeline/groups-categories", test_timeline_groups_categories);
  g_test_add_func ("/model/timeline/metadata", test_timeline_metadata);
  g_test_add_func ("/model/timeline/memory-bound", test_timeline_memory_bound);
  g_test_add_func ("/model/timeline/bulk-100k", test_timeline_bulk_100k);
  g_test_add_func ("/model/timeline/event-accessors", test_timeline_event_accessors);
  g_test_add_func ("/model/timeline/query", test_timeline_query);
  g_test_add_func ("/model/timeline/match-events", test_timeline_match_events);
  g_test_add_func ("/model/timeline/live-positions", test_timeline_live_positions);
  g_test_add_func ("/model/extra-properties", test_extra_properties);

  return g_test_run ();
}
