/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-event-filter"

#include "config.h"

#include <gtk/gtk.h>

#include "chrono-event-filter.h"
#include "chrono-model.h"

static ChronoEvent *
make_event (const char        *id,
            const char        *title,
            const char        *description,
            const char        *category,
            const char *const *actors,
            const char *const *tags)
{
  ChronoDate date;
  ChronoEvent *event;

  g_assert_true (chrono_date_parse ("2021-07-19", &date, NULL));
  event = chrono_event_new (id, title, &date);
  chrono_event_set_description (event, description);
  chrono_event_set_category (event, category);
  chrono_event_set_actors (event, actors);
  chrono_event_set_tags (event, tags);
  return event;
}

typedef struct {
  ChronoEvent *events[4];
  ChronoEventFilter *filter;
  GtkFilterChange last_change;
  guint n_changes;
} Fixture;

static void
on_changed (GtkFilter       *filter,
            GtkFilterChange  change,
            Fixture         *fixture)
{
  fixture->last_change = change;
  fixture->n_changes++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *apt31[] = { "APT31", "Ministry of State Security", NULL };
  const char *apt40[] = { "APT40", NULL };
  const char *election[] = { "elections", "email", NULL };
  const char *network[] = { "networks", NULL };

  fixture->events[0] = make_event ("a", "Campaign staff targeted",
                                   "Phishing against personal Gmail accounts",
                                   "intrusion", apt31, election);
  fixture->events[1] = make_event ("b", "GCSB names APT40", "New Zealand attribution",
                                   "attribution", apt40, NULL);
  fixture->events[2] = make_event ("c", "Électoral Commission breach",
                                   "Registers of millions of voters accessed",
                                   "intrusion", NULL, election);
  fixture->events[3] = make_event ("d", "Routers taken over", "A botnet of small office devices",
                                   NULL, apt31, network);
  fixture->filter = chrono_event_filter_new ();
  g_signal_connect (fixture->filter, "changed", G_CALLBACK (on_changed), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixture->events); i++)
    g_clear_object (&fixture->events[i]);
  g_clear_object (&fixture->filter);
}

/* Which of the fixture's events match, as a string like "ac". */
static char *
matching (Fixture *fixture)
{
  GString *result = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixture->events); i++)
    if (gtk_filter_match (GTK_FILTER (fixture->filter), fixture->events[i]))
      g_string_append (result, chrono_event_get_id (fixture->events[i]));

  return g_string_free (result, FALSE);
}

#define assert_matching(fixture, expected) \
  G_STMT_START { \
    g_autofree char *got = matching (fixture); \
    g_assert_cmpstr (got, ==, expected); \
  } G_STMT_END

static void
test_inactive (Fixture       *fixture,
               gconstpointer  data)
{
  g_assert_false (chrono_event_filter_get_active (fixture->filter));
  g_assert_cmpint (gtk_filter_get_strictness (GTK_FILTER (fixture->filter)), ==,
                   GTK_FILTER_MATCH_ALL);
  assert_matching (fixture, "abcd");

  /* Blank search is no search. */
  chrono_event_filter_set_search (fixture->filter, "   ");
  g_assert_false (chrono_event_filter_get_active (fixture->filter));
  assert_matching (fixture, "abcd");
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  static const struct {
    const char *search;
    const char *expected;
  } cases[] = {
    { "apt40", "b" },                 /* actor and title, any case */
    { "GMAIL", "a" },                 /* description */
    { "elections", "ac" },            /* tag */
    { "électoral", "c" },             /* non-ASCII, case folded */
    { "ÉLECTORAL", "c" },
    { "apt31 routers", "d" },         /* every word must occur */
    { "ministry  campaign", "a" },
    { "nothing-like-this", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("search “%s”", cases[i].search);
      chrono_event_filter_set_search (fixture->filter, cases[i].search);
      g_assert_true (chrono_event_filter_get_active (fixture->filter));
      g_assert_cmpint (gtk_filter_get_strictness (GTK_FILTER (fixture->filter)), ==,
                       GTK_FILTER_MATCH_SOME);
      assert_matching (fixture, cases[i].expected);
    }
}

static void
test_search_changes (Fixture       *fixture,
                     gconstpointer  data)
{
  chrono_event_filter_set_search (fixture->filter, "ap");
  g_assert_cmpint (fixture->last_change, ==, GTK_FILTER_CHANGE_MORE_STRICT);
  chrono_event_filter_set_search (fixture->filter, "apt");
  g_assert_cmpint (fixture->last_change, ==, GTK_FILTER_CHANGE_MORE_STRICT);
  chrono_event_filter_set_search (fixture->filter, "apt4");
  g_assert_cmpint (fixture->last_change, ==, GTK_FILTER_CHANGE_MORE_STRICT);
  chrono_event_filter_set_search (fixture->filter, "apt");
  g_assert_cmpint (fixture->last_change, ==, GTK_FILTER_CHANGE_LESS_STRICT);
  chrono_event_filter_set_search (fixture->filter, "xyz");
  g_assert_cmpint (fixture->last_change, ==, GTK_FILTER_CHANGE_DIFFERENT);
  chrono_event_filter_set_search (fixture->filter, NULL);
  g_assert_cmpint (fixture->last_change, ==, GTK_FILTER_CHANGE_LESS_STRICT);
  g_assert_cmpuint (fixture->n_changes, ==, 6);

  /* Setting the same text again is no change. */
  chrono_event_filter_set_search (fixture->filter, "");
  g_assert_cmpuint (fixture->n_changes, ==, 6);
}

static void
test_values (Fixture       *fixture,
             gconstpointer  data)
{
  ChronoEventFilter *filter = fixture->filter;

  chrono_event_filter_set_value (filter, CHRONO_FILTER_FIELD_CATEGORY, "intrusion", TRUE);
  g_assert_cmpint (fixture->last_change, ==, GTK_FILTER_CHANGE_MORE_STRICT);
  assert_matching (fixture, "ac");

  /* Any of the checked values of one field. */
  chrono_event_filter_set_value (filter, CHRONO_FILTER_FIELD_CATEGORY, "attribution", TRUE);
  g_assert_cmpint (fixture->last_change, ==, GTK_FILTER_CHANGE_LESS_STRICT);
  assert_matching (fixture, "abc");

  /* All of the fields. */
  chrono_event_filter_set_value (filter, CHRONO_FILTER_FIELD_ACTOR, "APT31", TRUE);
  assert_matching (fixture, "a");
  chrono_event_filter_set_value (filter, CHRONO_FILTER_FIELD_TAG, "networks", TRUE);
  assert_matching (fixture, "");
  g_assert_cmpuint (chrono_event_filter_get_n_values (filter), ==, 4);
  g_assert_true (chrono_event_filter_get_value (filter, CHRONO_FILTER_FIELD_TAG, "networks"));
  g_assert_false (chrono_event_filter_get_value (filter, CHRONO_FILTER_FIELD_TAG, "email"));

  chrono_event_filter_set_value (filter, CHRONO_FILTER_FIELD_TAG, "networks", FALSE);
  g_assert_cmpint (fixture->last_change, ==, GTK_FILTER_CHANGE_LESS_STRICT);
  assert_matching (fixture, "a");

  /* Values and search together. */
  chrono_event_filter_set_search (filter, "routers");
  assert_matching (fixture, "");
  chrono_event_filter_clear_values (filter);
  g_assert_cmpuint (chrono_event_filter_get_n_values (filter), ==, 0);
  g_assert_true (chrono_event_filter_get_active (filter));
  assert_matching (fixture, "d");
  chrono_event_filter_set_search (filter, NULL);
  g_assert_false (chrono_event_filter_get_active (filter));
}

static void
test_list_model (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GListStore) store = g_list_store_new (CHRONO_TYPE_EVENT);
  g_autoptr(GtkFilterListModel) model = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (fixture->events); i++)
    g_list_store_append (store, fixture->events[i]);

  model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (store)),
                                     g_object_ref (GTK_FILTER (fixture->filter)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 4);
  chrono_event_filter_set_search (fixture->filter, "apt");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  chrono_event_filter_set_search (fixture->filter, "apt4");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  chrono_event_filter_set_search (fixture->filter, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/event-filter/inactive", test_inactive);
  ADD ("/event-filter/search", test_search);
  ADD ("/event-filter/search-changes", test_search_changes);
  ADD ("/event-filter/values", test_values);
  ADD ("/event-filter/list-model", test_list_model);
#undef ADD

  return g_test_run ();
}
