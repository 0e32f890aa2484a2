/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-builtin"

#include "config.h"

#include <string.h>

#include "chrono-builtin.h"
#include "chrono-native.h"

#define ARTICLE "US, UK accuse China over spy campaign that may have hit millions"

static ChronoTimeline *
load (void)
{
  g_autoptr(GError) error = NULL;
  ChronoTimeline *timeline = chrono_builtin_load (&error);

  g_assert_no_error (error);
  g_assert_nonnull (timeline);
  return timeline;
}

static gboolean
contains_word (ChronoEvent *event,
               const char  *word)
{
  const char *title = chrono_event_get_title (event);
  const char *description = chrono_event_get_description (event);

  return (title && strstr (title, word)) || (description && strstr (description, word));
}

/* The one event starting at @start (EDTF as written) that has @actor among
 * its actors (if given) and mentions @word (if given); fails if there is
 * not exactly one. */
static ChronoEvent *
find (ChronoTimeline *timeline,
      const char     *start,
      const char     *actor,
      const char     *category,
      const char     *word)
{
  ChronoEvent *found = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (timeline));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronoEvent) event = g_list_model_get_item (G_LIST_MODEL (timeline), i);
      g_autofree char *s = chrono_date_to_string (chrono_event_get_start (event));

      if (strcmp (s, start) != 0)
        continue;
      if (actor && !g_strv_contains (chrono_event_get_actors (event), actor))
        continue;
      if (category && g_strcmp0 (chrono_event_get_category (event), category) != 0)
        continue;
      if (word && !contains_word (event, word))
        continue;
      g_assert_null (found);
      found = g_steal_pointer (&event);
    }
  if (found == NULL)
    g_error ("no event starting %s with actor %s, category %s, mentioning %s",
             start, actor, category, word);
  return found;
}

static void
assert_end (ChronoEvent *event,
            const char  *expected)
{
  g_autofree char *end = NULL;

  if (expected == NULL)
    {
      g_assert_null (chrono_event_get_end (event));
      return;
    }
  g_assert_nonnull (chrono_event_get_end (event));
  end = chrono_date_to_string (chrono_event_get_end (event));
  g_assert_cmpstr (end, ==, expected);
}

static void
test_loads (void)
{
  g_autoptr(ChronoTimeline) timeline = load ();
  const ChronoSpan *spans;
  guint n;

  g_assert_nonnull (strstr (chrono_timeline_get_title (timeline), "APT31"));
  g_assert_null (chrono_timeline_get_file (timeline));
  g_assert_false (chrono_timeline_get_modified (timeline));

  /* Sorted by start. */
  spans = chrono_timeline_get_spans (timeline, &n);
  g_assert_cmpuint (n, >=, 14);
  for (guint i = 1; i < n; i++)
    g_assert_cmpint (spans[i - 1].lo, <=, spans[i].lo);
}

static void
test_design_events (void)
{
  g_autoptr(ChronoTimeline) timeline = load ();
  g_autoptr(ChronoEvent) biden = NULL;
  g_autoptr(ChronoEvent) mps = NULL;
  g_autoptr(ChronoEvent) nz = NULL;
  g_autoptr(ChronoEvent) breach = NULL;
  g_autoptr(ChronoEvent) disclosure = NULL;
  g_autoptr(ChronoEvent) operation = NULL;
  g_autoptr(ChronoEvent) dutch = NULL;
  g_autoptr(ChronoEvent) indictment = NULL;
  g_autoptr(ChronoEvent) us_sanctions = NULL;
  g_autoptr(ChronoEvent) uk_sanctions = NULL;
  g_autoptr(ChronoEvent) attribution = NULL;
  g_autoptr(ChronoEvent) commons = NULL;
  g_autoptr(ChronoEvent) ipac = NULL;
  g_autoptr(ChronoEvent) cameron = NULL;
  g_autoptr(ChronoEvent) denial = NULL;
  guint op_pos, dutch_pos;

  /* 2020: APT31 and the Biden campaign (year precision). */
  biden = find (timeline, "2020", "APT31", "intrusion", "Biden");
  g_assert_cmpint (chrono_event_get_start (biden)->precision, ==, CHRONO_PRECISION_YEAR);
  g_assert_true (contains_word (biden, "Google") && contains_word (biden, "Microsoft"));
  g_assert_true (g_strv_contains (chrono_event_get_places (biden), "United States"));
  assert_end (biden, NULL);

  /* 2021: APT31 tries UK parliamentarians' email. */
  mps = find (timeline, "2021", "APT31", "intrusion", "email");
  g_assert_cmpint (chrono_event_get_start (mps)->precision, ==, CHRONO_PRECISION_YEAR);
  g_assert_true (g_strv_contains (chrono_event_get_places (mps), "United Kingdom"));

  /* July 2021: New Zealand's GCSB minister links APT40. */
  nz = find (timeline, "2021-07", "APT40", NULL, "Andrew Little");
  g_assert_cmpint (chrono_event_get_start (nz)->precision, ==, CHRONO_PRECISION_MONTH);
  g_assert_cmpstr (chrono_event_get_group (nz), ==, "New Zealand");

  /* 2021–2022: the Electoral Commission compromise, a range of years. */
  breach = find (timeline, "2021", NULL, "intrusion", "Electoral Commission");
  assert_end (breach, "2022");
  g_assert_true (chrono_event_is_range (breach));
  g_assert_cmpint (chrono_event_get_end (breach)->precision, ==, CHRONO_PRECISION_YEAR);
  g_assert_true (contains_word (breach, "millions"));

  /* 2023: the hack is disclosed. */
  disclosure = find (timeline, "2023", NULL, "disclosure", "Electoral Commission");
  g_assert_cmpint (chrono_event_get_start (disclosure)->precision, ==, CHRONO_PRECISION_YEAR);

  /* About February 2024: the US operation, and days later the Dutch report. */
  operation = find (timeline, "2024-02~", NULL, NULL, "internet");
  g_assert_cmpint (chrono_event_get_start (operation)->qualifier, ==, CHRONO_QUALIFIER_APPROXIMATE);
  g_assert_true (contains_word (operation, "thousands"));
  dutch = find (timeline, "2024-02~", NULL, NULL, "military network");
  g_assert_true (g_strv_contains (chrono_event_get_places (dutch), "Netherlands"));
  g_assert_true (chrono_timeline_find_event (timeline, operation, &op_pos));
  g_assert_true (chrono_timeline_find_event (timeline, dutch, &dutch_pos));
  g_assert_cmpuint (op_pos, <, dutch_pos);

  /* 25 March 2024. */
  indictment = find (timeline, "2024-03-25", "APT31", "legal-action", "seven");
  g_assert_cmpint (chrono_event_get_start (indictment)->precision, ==, CHRONO_PRECISION_DAY);
  g_assert_true (g_strv_contains (chrono_event_get_actors (indictment), "Ministry of State Security"));
  g_assert_true (contains_word (indictment, "Lisa Monaco"));
  g_assert_cmpstr (chrono_event_get_status (indictment), ==, "alleged");

  /* The sanctioned firm is the target of the sanctions, not their actor. */
  us_sanctions = find (timeline, "2024-03-25", "US Treasury Department", "sanctions", "Treasury");
  g_assert_true (g_strv_contains (chrono_event_get_targets (us_sanctions),
                                  "Wuhan Xiaoruizhi Science and Technology"));
  g_assert_false (g_strv_contains (chrono_event_get_actors (us_sanctions),
                                   "Wuhan Xiaoruizhi Science and Technology"));
  g_assert_cmpstr (chrono_event_get_group (us_sanctions), ==, "United States");
  g_assert_true (contains_word (us_sanctions, "two Chinese nationals"));
  uk_sanctions = find (timeline, "2024-03-25", "Foreign Office", "sanctions", NULL);
  g_assert_true (g_strv_contains (chrono_event_get_targets (uk_sanctions),
                                  "Wuhan Xiaoruizhi Science and Technology"));
  g_assert_cmpstr (chrono_event_get_group (uk_sanctions), ==, "United Kingdom");
  g_assert_true (contains_word (uk_sanctions, "two individuals and one company"));

  attribution = find (timeline, "2024-03-25", NULL, "attribution", "Electoral Commission");
  g_assert_cmpstr (chrono_event_get_group (attribution), ==, "United Kingdom");
  commons = find (timeline, "2024-03-25", "Oliver Dowden", NULL, "House of Commons");
  ipac = find (timeline, "2024-03-25", "Inter-Parliamentary Alliance on China", NULL, "London");
  g_assert_true (g_strv_contains (chrono_event_get_actors (ipac), "Iain Duncan Smith"));
  cameron = find (timeline, "2024-03-25", "David Cameron", NULL, "completely unacceptable");
  denial = find (timeline, "2024-03-25", NULL, NULL, "embassy in London");
  g_assert_cmpstr (chrono_event_get_group (denial), ==, "China");
  g_assert_true (g_strv_contains (chrono_event_get_tags (denial), "denial"));
}

static void
test_eras (void)
{
  g_autoptr(ChronoTimeline) timeline = load ();
  GListModel *eras = chrono_timeline_get_eras (timeline);
  g_autoptr(ChronoEra) johnson = NULL;
  g_autoptr(ChronoEra) thaw = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (eras), ==, 2);
  johnson = g_list_model_get_item (eras, 0);
  g_assert_nonnull (strstr (chrono_era_get_title (johnson), "Johnson"));
  start = chrono_date_to_string (chrono_era_get_start (johnson));
  end = chrono_date_to_string (chrono_era_get_end (johnson));
  g_assert_cmpstr (start, ==, "2019-07");
  g_assert_cmpstr (end, ==, "2022-09");
  g_clear_pointer (&start, g_free);
  g_clear_pointer (&end, g_free);

  thaw = g_list_model_get_item (eras, 1);
  g_assert_cmpint (chrono_era_get_start (thaw)->year, ==, 2023);
  g_assert_cmpint (chrono_era_get_start (thaw)->qualifier, ==, CHRONO_QUALIFIER_APPROXIMATE);
  end = chrono_date_to_string (chrono_era_get_end (thaw));
  g_assert_cmpstr (end, ==, "2024-03");
  g_assert_nonnull (chrono_era_get_color (johnson));
  g_assert_nonnull (chrono_era_get_color (thaw));
}

static void
test_every_event (void)
{
  g_autoptr(ChronoTimeline) timeline = load ();
  g_autoptr(GHashTable) colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *categories = chrono_timeline_get_categories (timeline);
  const char *statuses[] = { "confirmed", "reported", "alleged", "disputed", NULL };
  guint n;

  /* Categories are told apart by colour. */
  n = g_list_model_get_n_items (categories);
  g_assert_cmpuint (n, >=, 6);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronoCategory) category = g_list_model_get_item (categories, i);
      double r, g, b;

      g_assert_true (chrono_category_get_rgb (category, &r, &g, &b));
      g_assert_true (g_hash_table_add (colors, g_ascii_strdown (chrono_category_get_color (category), -1)));
      g_assert_nonnull (chrono_category_get_name (category));
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (timeline));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronoEvent) event = g_list_model_get_item (G_LIST_MODEL (timeline), i);
      GListModel *sources = chrono_event_get_sources (event);
      g_autoptr(ChronoSource) source = NULL;

      g_test_message ("event %s", chrono_event_get_id (event));
      g_assert_nonnull (chrono_timeline_lookup_category (timeline, chrono_event_get_category (event)));
      g_assert_cmpuint (strlen (chrono_event_get_description (event)), >, 40);
      g_assert_true (g_strv_contains (statuses, chrono_event_get_status (event)));
      g_assert_nonnull (chrono_event_get_group (event));
      g_assert_cmpuint (g_strv_length ((char **) chrono_event_get_places (event)), >=, 1);

      g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 1);
      source = g_list_model_get_item (sources, 0);
      g_assert_cmpstr (chrono_source_get_title (source), ==, ARTICLE);
      g_assert_cmpstr (chrono_source_get_publisher (source), ==, "RNZ / Reuters");
      g_assert_cmpstr (chrono_source_get_date (source), ==, "2024-03-26");
      /* The article's address is not known: none is made up. */
      g_assert_null (chrono_source_get_url (source));
    }
}

static void
test_saved_form (void)
{
  g_autoptr(ChronoTimeline) timeline = load ();
  g_autoptr(ChronoTimeline) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize length;

  /* The built-in timeline goes through the native format unchanged. */
  first = chrono_native_to_data (timeline, &length);
  again = chrono_native_load_data (first, length, "copy.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (timeline)));
  second = chrono_native_to_data (again, NULL);
  g_assert_cmpstr (first, ==, second);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/builtin/loads", test_loads);
  g_test_add_func ("/builtin/design-events", test_design_events);
  g_test_add_func ("/builtin/eras", test_eras);
  g_test_add_func ("/builtin/every-event", test_every_event);
  g_test_add_func ("/builtin/saved-form", test_saved_form);

  return g_test_run ();
}
