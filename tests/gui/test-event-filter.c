/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-event-filter"

#include "config.h"

#include <gtk/gtk.h>

#include <string.h>

#include "chrono-event-filter.h"
#include "chrono-event-list-model.h"
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

/* The compact path: mask and list model against the same answers. */

static void
test_mask (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  const guint8 *mask;
  guint n_matches;

  chrono_timeline_add_events (timeline, fixture->events, G_N_ELEMENTS (fixture->events));

  /* Inactive: no mask, everything matches. */
  g_assert_null (chrono_event_filter_get_mask (fixture->filter, timeline, &n_matches));
  g_assert_cmpuint (n_matches, ==, 4);

  chrono_event_filter_set_search (fixture->filter, "apt");
  mask = chrono_event_filter_get_mask (fixture->filter, timeline, &n_matches);
  g_assert_nonnull (mask);
  g_assert_cmpuint (n_matches, ==, 3);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(ChronoEvent) event = g_list_model_get_item (G_LIST_MODEL (timeline), i);

      g_assert_cmpint (mask[i], ==, gtk_filter_match (GTK_FILTER (fixture->filter), event));
      g_assert_cmpint (chrono_event_filter_match_position (fixture->filter, timeline, i), ==,
                       mask[i]);
    }

  /* Narrowing, then widening from the last result. */
  chrono_event_filter_set_search (fixture->filter, "apt4");
  mask = chrono_event_filter_get_mask (fixture->filter, timeline, &n_matches);
  g_assert_cmpuint (n_matches, ==, 1);
  chrono_event_filter_set_value (fixture->filter, CHRONO_FILTER_FIELD_CATEGORY, "attribution", TRUE);
  chrono_event_filter_set_search (fixture->filter, "");
  mask = chrono_event_filter_get_mask (fixture->filter, timeline, &n_matches);
  g_assert_cmpuint (n_matches, ==, 1);

  /* Kept up to date with the timeline. */
  {
    g_autoptr(ChronoEvent) extra = NULL;
    ChronoDate date;

    g_assert_true (chrono_date_parse ("2000", &date, NULL));
    extra = chrono_event_new ("e", "Early", &date);
    chrono_event_set_category (extra, "attribution");
    chrono_timeline_add_event (timeline, extra);
  }
  mask = chrono_event_filter_get_mask (fixture->filter, timeline, &n_matches);
  g_assert_cmpuint (n_matches, ==, 2);
  g_assert_cmpint (mask[0], ==, 1);
  chrono_timeline_remove (timeline, 0);
  mask = chrono_event_filter_get_mask (fixture->filter, timeline, &n_matches);
  g_assert_cmpuint (n_matches, ==, 1);
}

/* Random timelines and queries against a plain reimplementation of the
 * documented semantics (casefolded text joined by newlines, every word a
 * substring; any value within a field, all fields). */

static const char *const vocabulary[] = {
  "Alpha", "beta", "GAMMA", "Delta", "épée", "Straße", "naïve", "ÉLAN",
  "\xe2\x84\xaa" "elvin", /* KELVIN SIGN folds to k */
  "\xef\xac\x81" "le",    /* the fi ligature folds to fi */
  "apt31", "APT40", "Ministry", "State", "Security", "Ünit", "x",
};
static const char *const actor_names[] = { "APT31", "APT40", "Ministry of State Security", "Ünit 61398" };
static const char *const tag_names[] = { "email", "elections", "Networks", "Ωmega" };
static const char *const categories[] = { "intrusion", "attribution", "legal" };

static char *
random_words (GRand *rand,
              guint  max)
{
  GString *text = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 0, max + 1);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (text, g_rand_boolean (rand) ? ' ' : '\n');
      if (g_rand_int_range (rand, 0, 4) == 0)
        g_string_append_printf (text, "%u", g_rand_int_range (rand, 0, 1000));
      else
        g_string_append (text, vocabulary[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocabulary))]);
    }

  return g_string_free (text, text->len == 0);
}

static const char **
random_subset (GRand             *rand,
               const char *const *names,
               guint              n_names)
{
  const char **subset = g_new0 (const char *, n_names + 1);
  guint n = 0;

  for (guint i = 0; i < n_names; i++)
    if (g_rand_int_range (rand, 0, 3) == 0)
      subset[n++] = names[i];

  return subset;
}

static ChronoEvent *
random_event (GRand *rand,
              guint  i)
{
  g_autofree char *id = g_strdup_printf ("r%u", i);
  g_autofree char *title = random_words (rand, 3);
  g_autofree char *description = random_words (rand, 4);
  g_autofree char *start = g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 1990, 2030),
                                            g_rand_int_range (rand, 1, 13),
                                            g_rand_int_range (rand, 1, 29));
  g_autofree const char **actors = random_subset (rand, actor_names, G_N_ELEMENTS (actor_names));
  g_autofree const char **tags = random_subset (rand, tag_names, G_N_ELEMENTS (tag_names));
  g_autofree const char **places = random_subset (rand, vocabulary, 4);
  ChronoDate date;
  ChronoEvent *event;

  g_assert_true (chrono_date_parse (start, &date, NULL));
  event = chrono_event_new (id, title, &date);
  chrono_event_set_description (event, description);
  if (g_rand_int_range (rand, 0, 4) > 0)
    chrono_event_set_category (event, categories[g_rand_int_range (rand, 0, G_N_ELEMENTS (categories))]);
  chrono_event_set_actors (event, actors);
  chrono_event_set_tags (event, tags);
  chrono_event_set_places (event, places);
  return event;
}

typedef struct {
  char *search;
  GPtrArray *values[CHRONO_FILTER_N_FIELDS];
} Query;

static void
append_lines (GString           *haystack,
              const char *const *strv)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    g_string_append_printf (haystack, "%s\n", strv[i]);
}

static gboolean
any_in (GPtrArray         *values,
        const char *const *strv)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    for (guint j = 0; j < values->len; j++)
      if (g_str_equal (strv[i], g_ptr_array_index (values, j)))
        return TRUE;
  return FALSE;
}

static gboolean
reference_match (const Query *query,
                 ChronoEvent *event)
{
  g_autoptr(GString) haystack = g_string_new (NULL);
  g_autofree char *folded = NULL;
  g_autofree char *folded_search = NULL;
  g_auto(GStrv) words = NULL;
  const char *category = chrono_event_get_category (event);

  if (query->values[0]->len > 0)
    {
      const char *one[] = { category, NULL };

      if (category == NULL || !any_in (query->values[0], one))
        return FALSE;
    }
  if (query->values[1]->len > 0 && !any_in (query->values[1], chrono_event_get_actors (event)))
    return FALSE;
  if (query->values[2]->len > 0 && !any_in (query->values[2], chrono_event_get_tags (event)))
    return FALSE;

  g_string_append_printf (haystack, "%s\n%s\n",
                          chrono_event_get_title (event) ? chrono_event_get_title (event) : "",
                          chrono_event_get_description (event) ? chrono_event_get_description (event) : "");
  append_lines (haystack, chrono_event_get_actors (event));
  append_lines (haystack, chrono_event_get_targets (event));
  append_lines (haystack, chrono_event_get_places (event));
  append_lines (haystack, chrono_event_get_tags (event));
  folded = g_utf8_casefold (haystack->str, -1);
  folded_search = g_utf8_casefold (query->search != NULL ? query->search : "", -1);
  words = g_strsplit_set (folded_search, " \t\n\r", -1);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && strstr (folded, words[i]) == NULL)
      return FALSE;

  return TRUE;
}

/* A search word: part of a vocabulary word or a number, in any case. */
static char *
random_search_word (GRand *rand)
{
  const char *word;
  glong len, from, n;
  g_autofree char *part = NULL;

  if (g_rand_int_range (rand, 0, 5) == 0)
    return g_strdup_printf ("%u", g_rand_int_range (rand, 0, 100));

  if (g_rand_int_range (rand, 0, 6) == 0)
    word = actor_names[g_rand_int_range (rand, 0, G_N_ELEMENTS (actor_names))];
  else
    word = vocabulary[g_rand_int_range (rand, 0, G_N_ELEMENTS (vocabulary))];
  len = g_utf8_strlen (word, -1);
  from = g_rand_int_range (rand, 0, len);
  n = g_rand_int_range (rand, 1, len - from + 1);
  part = g_utf8_substring (word, from, from + n);
  /* Whitespace inside an actor's name splits the word, as a person would. */
  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0:
      return g_utf8_strup (part, -1);
    case 1:
      return g_utf8_strdown (part, -1);
    default:
      return g_steal_pointer (&part);
    }
}

typedef struct {
  ChronoEventListModel *model;
  GArray *shadow;   /* timeline positions, as told by items-changed */
  GHashTable *kept; /* timeline positions of held events that still match */
  guint n_signals;
} Watch;

static void
on_model_items_changed (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        Watch      *watch)
{
  ChronoEventListModel *self = CHRONO_EVENT_LIST_MODEL (model);

  g_assert_cmpuint (position + removed, <=, watch->shadow->len);
  for (guint i = position; i < position + removed; i++)
    {
      /* A live event that stays is never inside a reported range. */
      guint timeline_position = g_array_index (watch->shadow, guint, i);

      g_assert_false (g_hash_table_contains (watch->kept, GUINT_TO_POINTER (timeline_position + 1)));
    }
  g_array_remove_range (watch->shadow, position, removed);
  for (guint k = 0; k < added; k++)
    {
      guint timeline_position = chrono_event_list_model_get_timeline_position (self, position + k);

      g_assert_cmpuint (timeline_position, !=, G_MAXUINT);
      g_array_insert_val (watch->shadow, position + k, timeline_position);
    }
  /* Lookups are right at each step too (the window syncs its selection). */
  for (guint k = 0; k < added; k++)
    {
      guint found;

      g_assert_true (chrono_event_list_model_find (self, g_array_index (watch->shadow, guint, position + k), &found));
      g_assert_cmpuint (found, ==, position + k);
    }
  g_assert_cmpuint (watch->shadow->len, ==, g_list_model_get_n_items (model));
  watch->n_signals++;
}

/* Timeline positions move with edits; the model reports only the items
 * that change. Connected before the model's handler. */
static void
on_timeline_items_changed (GListModel *timeline,
                           guint       position,
                           guint       removed,
                           guint       added,
                           Watch      *watch)
{
  for (guint i = 0; i < watch->shadow->len; i++)
    if (g_array_index (watch->shadow, guint, i) >= position + removed)
      g_array_index (watch->shadow, guint, i) += added - removed;
}

static void
check_model (ChronoTimeline       *timeline,
             ChronoEventListModel *model,
             const Query          *query,
             Watch                *watch)
{
  guint n = chrono_timeline_get_n_events (timeline);
  guint expected = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronoEvent) event = g_list_model_get_item (G_LIST_MODEL (timeline), i);
      guint found;

      if (reference_match (query, event))
        {
          g_assert_true (chrono_event_list_model_find (model, i, &found));
          g_assert_cmpuint (found, ==, expected);
          g_assert_cmpuint (g_array_index (watch->shadow, guint, expected), ==, i);
          expected++;
        }
      else
        g_assert_false (chrono_event_list_model_find (model, i, NULL));
    }

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, expected);
  g_assert_cmpuint (watch->shadow->len, ==, expected);
}

/* The values of @query, with the search left as it is. */
static void
apply_values (ChronoEventFilter *filter,
              const Query       *query)
{
  chrono_event_filter_clear_values (filter);
  for (guint f = 0; f < CHRONO_FILTER_N_FIELDS; f++)
    for (guint i = 0; i < query->values[f]->len; i++)
      chrono_event_filter_set_value (filter, f, g_ptr_array_index (query->values[f], i), TRUE);
}

/* Holds the events of a few items, as rows on screen and a selection do,
 * and notes which of them will still match @query. */
static GPtrArray *
hold_items (ChronoEventListModel *model,
            ChronoTimeline       *timeline,
            GRand                *rand,
            const Query          *query,
            GHashTable           *kept)
{
  GPtrArray *held = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  g_hash_table_remove_all (kept);
  for (guint k = 0; k < 8 && n > 0; k++)
    {
      guint position = g_rand_int_range (rand, 0, n);
      ChronoEvent *event = g_list_model_get_item (G_LIST_MODEL (model), position);

      g_ptr_array_add (held, event);
      if (reference_match (query, event))
        g_hash_table_add (kept, GUINT_TO_POINTER (chrono_event_list_model_get_timeline_position (model, position) + 1));
    }

  return held;
}

static void
query_clear (Query *query)
{
  g_clear_pointer (&query->search, g_free);
  for (guint f = 0; f < CHRONO_FILTER_N_FIELDS; f++)
    g_ptr_array_set_size (query->values[f], 0);
}

static void
test_brute_force (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240325);
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autoptr(ChronoEventFilter) filter = chrono_event_filter_new ();
  g_autoptr(ChronoEventListModel) model = chrono_event_list_model_new (filter);
  g_autoptr(GArray) shadow = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) kept = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  Watch watch = { model, shadow, kept, 0 };
  Query query = { NULL, { g_ptr_array_new (), g_ptr_array_new (), g_ptr_array_new () } };
  guint n_events = g_test_slow () ? 100000 : 10000;

  for (guint i = 0; i < n_events; i++)
    g_ptr_array_add (events, random_event (rand, i));
  chrono_timeline_add_events (timeline, (ChronoEvent **) events->pdata, events->len);
  g_ptr_array_set_size (events, 0);

  g_signal_connect (model, "items-changed", G_CALLBACK (on_model_items_changed), &watch);
  g_signal_connect (timeline, "items-changed", G_CALLBACK (on_timeline_items_changed), &watch);
  chrono_event_list_model_set_timeline (model, timeline);
  check_model (timeline, model, &query, &watch);

  for (guint round = 0; round < 40; round++)
    {
      g_autoptr(GPtrArray) held = NULL;
      g_autoptr(GString) search = g_string_new (NULL);
      guint n_words = g_rand_int_range (rand, 0, 4);

      query_clear (&query);
      for (guint w = 0; w < n_words; w++)
        {
          g_autofree char *word = random_search_word (rand);

          g_string_append_printf (search, "%s%s", w > 0 ? "  " : "", word);
        }
      query.search = g_strdup (search->str);
      for (guint f = 0; f < CHRONO_FILTER_N_FIELDS; f++)
        if (g_rand_int_range (rand, 0, 3) == 0)
          {
            const char *const *names = f == 0 ? categories : f == 1 ? actor_names : tag_names;
            guint n_names = f == 0 ? G_N_ELEMENTS (categories)
                            : f == 1 ? G_N_ELEMENTS (actor_names) : G_N_ELEMENTS (tag_names);

            g_ptr_array_add (query.values[f], (gpointer) names[g_rand_int_range (rand, 0, n_names)]);
            if (g_rand_boolean (rand))
              g_ptr_array_add (query.values[f], (gpointer) names[g_rand_int_range (rand, 0, n_names)]);
          }

      g_test_message ("round %u: “%s”", round, query.search);
      /* Events held across the last change only: the ones before it go
       * through other filters. */
      g_hash_table_remove_all (kept);
      apply_values (filter, &query);
      held = hold_items (model, timeline, rand, &query, kept);
      chrono_event_filter_set_search (filter, query.search);
      check_model (timeline, model, &query, &watch);

      /* Typing the search on, one character at a time, narrows. */
      if (round % 4 == 0 && query.search[0] != '\0')
        {
          g_autofree char *full = g_strdup (query.search);

          for (const char *end = g_utf8_next_char (full); ; end = g_utf8_next_char (end))
            {
              g_free (query.search);
              query.search = g_strndup (full, end - full);
              g_clear_pointer (&held, g_ptr_array_unref);
              held = hold_items (model, timeline, rand, &query, kept);
              chrono_event_filter_set_search (filter, query.search);
              check_model (timeline, model, &query, &watch);
              if (*end == '\0')
                break;
            }
        }

      /* Edits while filtered: the model follows the timeline. */
      if (round % 5 == 0)
        {
          g_autoptr(ChronoEvent) added = random_event (rand, n_events + round);

          g_hash_table_remove_all (kept);
          chrono_timeline_add_event (timeline, added);
          check_model (timeline, model, &query, &watch);
          chrono_timeline_remove (timeline, g_rand_int_range (rand, 0, chrono_timeline_get_n_events (timeline)));
          check_model (timeline, model, &query, &watch);
        }
    }

  g_assert_cmpuint (watch.n_signals, >, 0);
  query_clear (&query);
  for (guint f = 0; f < CHRONO_FILTER_N_FIELDS; f++)
    g_ptr_array_unref (query.values[f]);
}

/* A selected item that still matches keeps its selection without the
 * selection model looking through the list. */
static void
test_selection_kept (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autoptr(ChronoEventFilter) filter = chrono_event_filter_new ();
  g_autoptr(ChronoEventListModel) model = chrono_event_list_model_new (filter);
  g_autoptr(GtkSingleSelection) selection = NULL;
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  ChronoEvent *selected;
  guint timeline_position, position;

  for (guint i = 0; i < 2000; i++)
    g_ptr_array_add (events, random_event (rand, i));
  chrono_timeline_add_events (timeline, (ChronoEvent **) events->pdata, events->len);
  chrono_event_list_model_set_timeline (model, timeline);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (model)));
  gtk_single_selection_set_autoselect (selection, FALSE);

  /* An event with "alpha" somewhere, near the end. */
  chrono_event_filter_set_search (filter, "alpha");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 10);
  position = g_list_model_get_n_items (G_LIST_MODEL (model)) - 3;
  gtk_single_selection_set_selected (selection, position);
  selected = gtk_single_selection_get_selected_item (selection);
  g_assert_nonnull (selected);
  timeline_position = chrono_event_list_model_get_timeline_position (model, position);

  /* Widen: the selection follows its event. */
  chrono_event_filter_set_search (filter, "alph");
  g_assert_true (gtk_single_selection_get_selected_item (selection) == selected);
  g_assert_true (chrono_event_list_model_find (model, timeline_position, &position));
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, position);

  chrono_event_filter_set_search (filter, NULL);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == selected);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, timeline_position);

  /* Filtered out: no selection. */
  chrono_event_filter_set_search (filter, "no-such-text");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_null (gtk_single_selection_get_selected_item (selection));
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
  ADD ("/event-filter/mask", test_mask);
#undef ADD
  g_test_add_func ("/event-filter/brute-force", test_brute_force);
  g_test_add_func ("/event-filter/selection-kept", test_selection_kept);

  return g_test_run ();
}
