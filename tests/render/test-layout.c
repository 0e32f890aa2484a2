/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-layout"

#include "config.h"

#include <math.h>

#include "chrono-layout.h"
#include "chrono-render-private.h"
#include "chrono-renderer.h"
#include "render-test-util.h"

#define YEAR (365.2425 * 86400.0)

static PangoContext *context;

/* @layout's view holds @span: it starts there, or a range or band reaches
 * in from before (an ongoing range up to the layout's today). */
static gboolean
visible (ChronoLayout     *layout,
         const ChronoSpan *span)
{
  const ChronoViewport *vp = chrono_layout_get_viewport (layout);
  gboolean point = (span->flags & (CHRONO_SPAN_RANGE | CHRONO_SPAN_IMPRECISE)) == 0;
  double lo = (double) span->lo, hi = (double) span->hi;

  if (span->flags & CHRONO_SPAN_OPEN_END)
    hi = MAX (hi, _chrono_layout_get_open_end (layout));
  return lo < vp->end && (lo >= vp->start || (!point && hi > vp->start));
}

static gboolean
odd_only (ChronoTimeline *timeline,
          guint           position,
          gpointer        user_data)
{
  guint *calls = user_data;

  (*calls)++;
  return position % 2 == 1;
}

/* The invariants of one layout: labels never overlap, every shown visible
 * event is one item or counted in one cluster, hit-testing round trips. */
static void
check_layout (ChronoLayout *layout)
{
  ChronoTimeline *timeline = chrono_layout_get_timeline (layout);
  const ChronoViewport *vp = chrono_layout_get_viewport (layout);
  guint n_items, n_clusters, n_spans;
  const ChronoLayoutItem *items = chrono_layout_get_items (layout, &n_items);
  const ChronoLayoutCluster *clusters = chrono_layout_get_clusters (layout, &n_clusters);
  const ChronoSpan *spans = chrono_timeline_get_spans (timeline, &n_spans);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint expected = 0, clustered = 0;

  for (guint i = 0; i < n_spans; i++)
    if (chrono_layout_is_shown (layout, i) && visible (layout, &spans[i]))
      expected++;

  for (guint i = 0; i < n_items; i++)
    {
      const ChronoLayoutItem *item = &items[i];

      g_assert_cmpuint (item->position, <, n_spans);
      g_assert_true (chrono_layout_is_shown (layout, item->position));
      g_assert_true (visible (layout, &spans[item->position]));
      g_assert_false (g_hash_table_contains (seen, GUINT_TO_POINTER (item->position + 1)));
      g_hash_table_add (seen, GUINT_TO_POINTER (item->position + 1));
      g_assert_true (chrono_layout_find_item (layout, item->position) == item);
      g_assert_cmpfloat (item->label_width, >, 0.0);
      g_assert_cmpfloat (item->y + item->height, <=, vp->height + 1e-6);
      /* The label stays in view: it goes left of its marker or bar, or is
       * cut to the room (and drawn ellipsized). */
      if (item->label_x < -1e-6 || item->label_x + item->label_width > vp->width - CHRONO_LABEL_EDGE_PAD + 1e-6)
        g_error ("label of %u [%g, %g) leaves a view %g wide", item->position, item->label_x,
                 item->label_x + item->label_width, vp->width);
    }

  for (guint i = 0; i < n_clusters; i++)
    {
      g_assert_cmpuint (clusters[i].count, >, 0);
      g_assert_cmpint (clusters[i].lo, <=, clusters[i].hi);
      clustered += clusters[i].count;
      /* Badges of a lane do not overlap. */
      if (i > 0 && clusters[i - 1].lane == clusters[i].lane)
        g_assert_cmpfloat (clusters[i - 1].x + clusters[i - 1].width, <=, clusters[i].x + 1e-6);
    }
  g_assert_cmpuint (n_items + clustered, ==, expected);

  /* No two labels overlap (only items of one row share a y). */
  for (guint i = 0; i < n_items; i++)
    for (guint j = i + 1; j < n_items; j++)
      {
        if (items[i].y != items[j].y)
          continue;
        if (items[i].label_x < items[j].label_x + items[j].label_width
            && items[j].label_x < items[i].label_x + items[i].label_width)
          g_error ("labels of %u [%g, %g) and %u [%g, %g) overlap at y %g", items[i].position,
                   items[i].label_x, items[i].label_x + items[i].label_width, items[j].position,
                   items[j].label_x, items[j].label_x + items[j].label_width, items[i].y);
      }

  /* What is drawn at a point is what is hit there. */
  for (guint i = 0; i < n_items; i++)
    {
      const ChronoLayoutItem *item = &items[i];
      double cy = item->y + item->height / 2;
      double lx = item->label_x + item->label_width / 2;
      ChronoHit hit;

      if (lx >= 0 && lx < vp->width)
        {
          g_assert_true (chrono_layout_hit_test (layout, lx, cy, &hit));
          g_assert_cmpint (hit.kind, ==, CHRONO_HIT_EVENT);
          g_assert_cmpuint (hit.position, ==, item->position);
        }
      if (item->kind == CHRONO_ITEM_POINT && item->x0 >= 0 && item->x0 < vp->width)
        {
          g_assert_true (chrono_layout_hit_test (layout, item->x0, cy, &hit));
          g_assert_cmpint (hit.kind, ==, CHRONO_HIT_EVENT);
          g_assert_cmpuint (hit.position, ==, item->position);
        }
    }
  for (guint i = 0; i < n_clusters; i++)
    {
      double cx = clusters[i].x + clusters[i].width / 2;
      ChronoHit hit;

      if (cx >= vp->width)
        continue;
      g_assert_true (chrono_layout_hit_test (layout, cx, clusters[i].y + clusters[i].height / 2, &hit));
      g_assert_cmpint (hit.kind, ==, CHRONO_HIT_CLUSTER);
      g_assert_cmpuint (hit.index, ==, i);
      g_assert_cmpint (hit.lo, ==, clusters[i].lo);
    }
}

static void
random_viewport (GRand          *rand,
                 ChronoTimeline *timeline,
                 ChronoViewport *vp)
{
  ChronoTime lo = 0, hi = 1;
  double span, center;

  chrono_timeline_get_extent (timeline, &lo, &hi);
  vp->width = g_rand_double_range (rand, 200, 1920);
  vp->height = g_rand_double_range (rand, 60, 1080);
  /* Log-uniform zoom from a minute to the whole timeline and more. */
  span = exp (g_rand_double_range (rand, log (60.0), log (((double) hi - lo) * 2 + 60.0)));
  center = g_rand_double_range (rand, (double) lo, (double) hi);
  vp->start = center - span / 2;
  vp->end = center + span / 2;
}

static void
test_random (void)
{
  static const guint sizes[] = { 1, 10, 100, 1000, 10000, 100000 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(ChronoTimeline) timeline = render_test_random_timeline (rand, sizes[s], 1990, 2020);
      g_autoptr(ChronoLayout) layout = chrono_layout_new (timeline);
      guint rounds = sizes[s] >= 100000 ? 6 : 20;

      for (guint r = 0; r < rounds; r++)
        {
          ChronoViewport vp;

          chrono_layout_set_lanes (layout, g_rand_int_range (rand, CHRONO_LANES_NONE, CHRONO_LANES_ACTOR + 1));
          random_viewport (rand, timeline, &vp);
          chrono_layout_update (layout, &vp, context);
          check_layout (layout);
        }

      /* The whole timeline at once: the zoomed-out case. */
      {
        ChronoViewport vp = { 0, 1, 1920, 1080 };
        ChronoTime lo, hi;

        chrono_timeline_get_extent (timeline, &lo, &hi);
        chrono_layout_set_lanes (layout, CHRONO_LANES_NONE);
        chrono_viewport_fit (&vp, lo, hi, 0.02);
        chrono_layout_update (layout, &vp, context);
        check_layout (layout);
        if (sizes[s] >= 10000)
          {
            guint n_clusters;

            /* More events than room: some are folded, counted exactly. */
            chrono_layout_get_clusters (layout, &n_clusters);
            g_assert_cmpuint (n_clusters, >, 0);
          }
      }
    }
}

static void
test_filter (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(ChronoTimeline) timeline = render_test_random_timeline (rand, 5000, 2000, 2010);
  g_autoptr(ChronoLayout) layout = chrono_layout_new (timeline);
  ChronoViewport vp = { 0, 1, 1200, 800 };
  guint calls = 0, n_items;
  const ChronoLayoutItem *items;

  chrono_viewport_fit (&vp, (ChronoTime) ((2004 - 1970) * YEAR), (ChronoTime) ((2005 - 1970) * YEAR), 0);
  chrono_layout_set_filter (layout, odd_only, &calls, NULL);
  chrono_layout_update (layout, &vp, context);
  check_layout (layout);
  items = chrono_layout_get_items (layout, &n_items);
  g_assert_cmpuint (n_items, >, 0);
  for (guint i = 0; i < n_items; i++)
    g_assert_cmpuint (items[i].position % 2, ==, 1);

  /* The filter runs once per refilter, not once per frame. */
  g_assert_cmpuint (calls, ==, 5000);
  chrono_layout_update (layout, &vp, context);
  chrono_layout_update (layout, &vp, context);
  g_assert_cmpuint (calls, ==, 5000);
  chrono_layout_refilter (layout);
  chrono_layout_update (layout, &vp, context);
  g_assert_cmpuint (calls, ==, 10000);

  chrono_layout_set_filter (layout, NULL, NULL, NULL);
  chrono_layout_update (layout, &vp, context);
  check_layout (layout);
}

/* Zoomed out over many events, the most important ones keep their labels. */
static void
test_importance (void)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ChronoLayout) layout = NULL;
  ChronoViewport vp = { 0, 1, 1000, 300 };
  guint n_items;
  const ChronoLayoutItem *items;
  gboolean found = FALSE;

  for (guint i = 0; i < 20000; i++)
    {
      ChronoDate date;
      g_autofree char *text = g_strdup_printf ("2020-01-01T%02u:%02u:%02uZ", i / 3600 % 24, i / 60 % 60, i % 60);
      g_autofree char *id = g_strdup_printf ("p%u", i);
      ChronoEvent *event;

      g_assert_true (chrono_date_parse (text, &date, NULL));
      event = chrono_event_new (id, i == 12345 ? "The key event" : "Routine", &date);
      chrono_event_set_importance (event, i == 12345 ? 100 : 10);
      g_ptr_array_add (events, event);
    }
  chrono_timeline_add_events (timeline, (ChronoEvent **) events->pdata, events->len);
  layout = chrono_layout_new (timeline);
  chrono_viewport_fit (&vp, (ChronoTime) ((2020 - 1970) * YEAR - 86400), (ChronoTime) ((2020 - 1970) * YEAR + 86400 * 2), 0);
  chrono_layout_update (layout, &vp, context);
  check_layout (layout);

  items = chrono_layout_get_items (layout, &n_items);
  for (guint i = 0; i < n_items; i++)
    found |= g_strcmp0 (chrono_timeline_get_event_title (timeline, items[i].position), "The key event") == 0;
  g_assert_true (found);
}

/* An event with several actors sits in its first actor's lane. */
static void
test_actor_lanes (void)
{
  g_autoptr(ChronoTimeline) timeline = render_test_sample_timeline ();
  g_autoptr(ChronoLayout) layout = chrono_layout_new (timeline);
  ChronoViewport vp = { 0, 1, 1600, 2000 };
  ChronoTime lo, hi;
  guint n_items, n_lanes;
  const ChronoLayoutItem *items;
  const ChronoLayoutLane *lanes;

  chrono_timeline_get_extent (timeline, &lo, &hi);
  chrono_viewport_fit (&vp, lo, hi, 0.05);
  chrono_layout_set_lanes (layout, CHRONO_LANES_ACTOR);
  chrono_layout_update (layout, &vp, context);
  check_layout (layout);
  items = chrono_layout_get_items (layout, &n_items);
  lanes = chrono_layout_get_lanes_layout (layout, &n_lanes);
  g_assert_cmpuint (n_lanes, >, 1);
  g_assert_cmpuint (n_items, ==, chrono_timeline_get_n_events (timeline));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(ChronoEvent) event = g_list_model_get_item (G_LIST_MODEL (timeline), items[i].position);
      const char *const *actors = chrono_event_get_actors (event);

      g_assert_cmpuint (items[i].lane, <, n_lanes);
      g_assert_cmpstr (lanes[items[i].lane].name, ==, actors[0]);
      g_assert_cmpfloat (items[i].y, >=, lanes[items[i].lane].y0);
      g_assert_cmpfloat (items[i].y + items[i].height, <=, lanes[items[i].lane].y1);
    }
}

/* A layout follows changes to its timeline. */
static void
test_timeline_change (void)
{
  g_autoptr(ChronoTimeline) timeline = render_test_sample_timeline ();
  g_autoptr(ChronoLayout) layout = chrono_layout_new (timeline);
  ChronoViewport vp = { 0, 1, 1600, 900 };
  ChronoTime lo, hi;
  ChronoDate date;
  g_autoptr(ChronoEvent) event = NULL;
  guint n_before, n_after;

  chrono_timeline_get_extent (timeline, &lo, &hi);
  chrono_viewport_fit (&vp, lo, hi, 0.05);
  chrono_layout_update (layout, &vp, context);
  chrono_layout_get_items (layout, &n_before);

  g_assert_true (chrono_date_parse ("2022-05-01", &date, NULL));
  event = chrono_event_new ("new", "Added later", &date);
  chrono_timeline_add_event (timeline, event);
  chrono_layout_update (layout, &vp, context);
  check_layout (layout);
  chrono_layout_get_items (layout, &n_after);
  g_assert_cmpuint (n_after, ==, n_before + 1);
}


/* A million events at every zoom, lanes or not: every visible event is an
 * item or counted in exactly one badge (check_layout), the density
 * histogram counts every event starting in view, clicking a badge gives its
 * span, and zooming into a badge's span shows at least as many of its
 * events as it counted. */
static ChronoTimeline *
timeline_of (const char *const (*events)[2],
             guint               n)
{
  ChronoTimeline *timeline = chrono_timeline_new ();
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      ChronoDate start, end;
      g_autofree char *id = g_strdup_printf ("e%u", i);
      ChronoEvent *event;

      g_assert_true (chrono_date_parse (events[i][0], &start, NULL));
      event = chrono_event_new (id, id, &start);
      if (events[i][1] != NULL)
        {
          g_assert_true (chrono_date_parse (events[i][1], &end, NULL));
          chrono_event_set_end (event, &end);
        }
      g_ptr_array_add (array, event);
    }
  chrono_timeline_add_events (timeline, (ChronoEvent **) array->pdata, array->len);
  return timeline;
}

static ChronoTime
time_of (const char *text)
{
  ChronoDate date;
  ChronoTime lo, hi;

  g_assert_true (chrono_date_parse (text, &date, NULL));
  chrono_date_get_span (&date, &lo, &hi);
  return lo;
}

/* A date known to the day is not drawn at midnight: where the day is wide
 * on screen it is a band over the day, hit over exactly that; zoomed out it
 * is a marker. A date known to the second stays a marker. */
static void
test_coarse_band (void)
{
  static const char *const events[][2] = {
    { "2024-03-25", NULL },
    { "2024-03-27T10:00:00Z", NULL },
  };
  g_autoptr(ChronoTimeline) timeline = timeline_of (events, G_N_ELEMENTS (events));
  g_autoptr(ChronoLayout) layout = chrono_layout_new (timeline);
  ChronoTime day = time_of ("2024-03-25");
  ChronoViewport vp = { day - 2 * 86400.0, day + 3 * 86400.0, 1000, 400 };
  const ChronoLayoutItem *item;
  ChronoHit hit;
  double cy;

  chrono_layout_update (layout, &vp, context);
  check_layout (layout);
  item = chrono_layout_find_item (layout, 0);
  g_assert_nonnull (item);
  g_assert_cmpint (item->kind, ==, CHRONO_ITEM_BAND);
  g_assert_cmpfloat_with_epsilon (item->x0, 400.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (item->x1, 600.0, 1e-6);
  cy = item->y + item->height / 2;
  g_assert_true (chrono_layout_hit_test (layout, 599.0, cy, &hit));
  g_assert_cmpint (hit.kind, ==, CHRONO_HIT_EVENT);
  g_assert_cmpuint (hit.position, ==, 0);
  g_assert_true (chrono_layout_hit_test (layout, 401.0, cy, &hit));
  g_assert_cmpuint (hit.position, ==, 0);
  g_assert_false (chrono_layout_hit_test (layout, 399.0, cy, &hit) && hit.kind == CHRONO_HIT_EVENT);
  g_assert_false (chrono_layout_hit_test (layout, 600.0 + CHRONO_LABEL_GAP + 1.0, cy, &hit)
                  && hit.kind == CHRONO_HIT_EVENT);
  item = chrono_layout_find_item (layout, 1);
  g_assert_nonnull (item);
  g_assert_cmpint (item->kind, ==, CHRONO_ITEM_POINT);

  /* Just under the threshold it is a marker again. */
  vp.start = day - 50 * 86400.0;
  vp.end = vp.start + 1000 * 86400.0 / (CHRONO_BAND_MIN_PX - 0.5);
  chrono_layout_update (layout, &vp, context);
  check_layout (layout);
  item = chrono_layout_find_item (layout, 0);
  g_assert_nonnull (item);
  g_assert_cmpint (item->kind, ==, CHRONO_ITEM_POINT);

  vp.start = day - 15 * YEAR;
  vp.end = day + 15 * YEAR;
  chrono_layout_update (layout, &vp, context);
  check_layout (layout);
  item = chrono_layout_find_item (layout, 0);
  g_assert_nonnull (item);
  g_assert_cmpint (item->kind, ==, CHRONO_ITEM_POINT);
  g_assert_cmpfloat (item->x0, ==, item->x1);
}

/* An ongoing range runs from its start to today, is hit over that, and
 * reaches into a view that starts after its start; without a today it
 * runs to now, that is past this view's right edge. */
static void
test_open_end (void)
{
  static const char *const events[][2] = {
    { "2020-01-01", ".." },
  };
  g_autoptr(ChronoTimeline) timeline = timeline_of (events, G_N_ELEMENTS (events));
  g_autoptr(ChronoLayout) layout = chrono_layout_new (timeline);
  ChronoTime start = time_of ("2020-01-01"), today = time_of ("2022-01-01");
  ChronoViewport vp = { time_of ("2019-01-01"), time_of ("2025-01-01"), 1200, 300 };
  const ChronoLayoutItem *item;
  ChronoHit hit;
  double cy, xt;

  g_assert_cmpint (chrono_layout_get_today (layout), ==, CHRONO_TIME_MIN);
  chrono_layout_set_today (layout, today);
  g_assert_cmpint (chrono_layout_get_today (layout), ==, today);
  chrono_layout_update (layout, &vp, context);
  check_layout (layout);
  item = chrono_layout_find_item (layout, 0);
  g_assert_nonnull (item);
  g_assert_cmpint (item->kind, ==, CHRONO_ITEM_RANGE);
  xt = chrono_viewport_time_to_x (&vp, (double) today);
  g_assert_cmpfloat_with_epsilon (item->x0, chrono_viewport_time_to_x (&vp, (double) start), 1e-6);
  g_assert_cmpfloat_with_epsilon (item->x1, xt, 1e-6);
  cy = item->y + item->height / 2;
  g_assert_true (chrono_layout_hit_test (layout, xt - 2.0, cy, &hit));
  g_assert_cmpint (hit.kind, ==, CHRONO_HIT_EVENT);
  g_assert_cmpuint (hit.position, ==, 0);
  g_assert_false (chrono_layout_hit_test (layout, xt + CHRONO_LABEL_GAP + 1.0, cy, &hit)
                  && hit.kind == CHRONO_HIT_EVENT);

  /* From before the view. */
  vp.start = time_of ("2021-01-01");
  vp.end = time_of ("2023-01-01");
  chrono_layout_update (layout, &vp, context);
  check_layout (layout);
  item = chrono_layout_find_item (layout, 0);
  g_assert_nonnull (item);
  g_assert_cmpfloat (item->x0, <, 0.0);
  g_assert_cmpfloat_with_epsilon (item->x1, chrono_viewport_time_to_x (&vp, (double) today), 1e-6);

  /* After today it is gone. */
  vp.start = time_of ("2023-01-01");
  vp.end = time_of ("2024-01-01");
  chrono_layout_update (layout, &vp, context);
  check_layout (layout);
  g_assert_null (chrono_layout_find_item (layout, 0));

  chrono_layout_set_today (layout, CHRONO_TIME_MIN);
  vp.start = time_of ("2019-01-01");
  vp.end = time_of ("2021-06-01");
  chrono_layout_update (layout, &vp, context);
  check_layout (layout);
  item = chrono_layout_find_item (layout, 0);
  g_assert_nonnull (item);
  g_assert_cmpfloat_with_epsilon (item->x1, vp.width, 1e-6);
}

static void
test_million (void)
{
  static const double spans[] = { 0, 10 * YEAR, YEAR, 30 * 86400.0, 86400.0, 3600.0, 60.0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint n = 1000000;
  g_autoptr(ChronoTimeline) timeline = render_test_large_timeline (rand, n);
  g_autoptr(ChronoLayout) layout = chrono_layout_new (timeline);
  ChronoTime lo, hi;
  guint n_spans;
  const ChronoSpan *all = chrono_timeline_get_spans (timeline, &n_spans);

  g_assert_cmpuint (n_spans, ==, n);
  chrono_timeline_get_extent (timeline, &lo, &hi);
  for (guint lanes = CHRONO_LANES_NONE; lanes <= CHRONO_LANES_GROUP; lanes++)
    for (guint z = 0; z < G_N_ELEMENTS (spans); z++)
      {
        ChronoViewport vp = { 0, 1, 1920, 1080 };
        guint n_clusters, n_density, starting = 0, counted = 0;
        const ChronoLayoutCluster *clusters;
        const ChronoLayoutDensity *density;
        double centre = (double) lo + ((double) hi - lo) * g_rand_double_range (rand, 0.2, 0.8);

        chrono_layout_set_lanes (layout, lanes);
        if (spans[z] == 0)
          chrono_viewport_fit (&vp, lo, hi, 0.02);
        else
          {
            vp.start = centre - spans[z] / 2;
            vp.end = centre + spans[z] / 2;
          }
        chrono_layout_update (layout, &vp, context);
        g_test_message ("lanes %u, span %g s", lanes, vp.end - vp.start);
        check_layout (layout);

        /* The histogram (zoomed out) counts starts in view, per bin. */
        density = _chrono_layout_get_density (layout, &n_density);
        for (guint i = 0; i < n_spans; i++)
          starting += (double) all[i].lo >= vp.start && (double) all[i].lo < vp.end;
        for (guint d = 0; d < n_density; d++)
          for (guint b = 0; b < density[d].n_bins; b++)
            counted += density[d].counts[b];
        if (n_density > 0)
          g_assert_cmpuint (counted, ==, starting);
        if (spans[z] == 0)
          g_assert_cmpuint (n_density, >, 0);
        /* The histogram has its own strip: no label, marker or bar enters it. */
        for (guint d = 0; d < n_density; d++)
          {
            guint n_items;
            const ChronoLayoutItem *items = chrono_layout_get_items (layout, &n_items);

            g_assert_cmpfloat (density[d].y1 - density[d].y0, >, 0.0);
            for (guint i = 0; i < n_items; i++)
              if (items[i].y < density[d].y1 && items[i].y + items[i].height > density[d].y0)
                g_error ("item %u (y %g to %g) enters the density strip %g to %g", items[i].position,
                         items[i].y, items[i].y + items[i].height, density[d].y0, density[d].y1);
          }

        clusters = chrono_layout_get_clusters (layout, &n_clusters);
        if (spans[z] == 0 || spans[z] >= YEAR)
          g_assert_cmpuint (n_clusters, >, 0);
        for (guint i = 0; i < n_clusters; i++)
          {
            ChronoHit hit;
            guint in_span = 0;

            if (clusters[i].x + clusters[i].width / 2 >= vp.width)
              continue;
            g_assert_true (chrono_layout_hit_test (layout, clusters[i].x + clusters[i].width / 2,
                                                   clusters[i].y + clusters[i].height / 2, &hit));
            g_assert_cmpint (hit.kind, ==, CHRONO_HIT_CLUSTER);
            g_assert_cmpuint (hit.index, ==, i);
            g_assert_cmpint (hit.lo, ==, clusters[i].lo);
            g_assert_cmpint (hit.hi, ==, clusters[i].hi);
            /* The span a click zooms to holds the events it stands for. */
            for (guint k = chrono_timeline_lower_bound (timeline, hit.lo); k < n_spans && all[k].lo < hit.hi; k++)
              in_span++;
            if (i == 0 && clusters[i].lane == 0)
              continue; /* may also count ranges from before the view */
            g_assert_cmpuint (in_span, >=, clusters[i].count);
          }
      }
}

/* Label widths come from cached character advances: the text as shaped
 * must still fit them, or a label would run into its neighbour (the
 * renderer allows 2 px for other font options, and ellipsizes beyond). */
static void
test_label_widths (void)
{
  static const char *const titles[] = {
    "AVA Tower, Wa-Yo! 'quoted' fi fl ffi", "To, Te, Ta, Yo, Ya, Wa, We, Vo, Va, Av, AT, LY, P.",
    "Ärger über Öl — «Zürich» “quotes” …", "Россия и Украина", "Ελλάδα γράμματα",
    "Zero\u200bwidth and combining e\u0301", "中文标题 and Latin", "مرحبا بالعالم",
    "Line one\nline two", "Tab\there", "1111 7777 ...", "",
  };
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ChronoLayout) layout = NULL;
  ChronoViewport vp = { 0, 1, 1900, 900 };
  guint n_items;
  const ChronoLayoutItem *items;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      ChronoDate date;
      g_autofree char *start = g_strdup_printf ("2020-%02u-01%s", i + 1, i % 3 == 1 ? "~" : i % 3 == 2 ? "?" : "");
      g_autofree char *id = g_strdup_printf ("t%u", i);
      g_autofree char *title = g_strcompress (titles[i]);

      g_assert_true (chrono_date_parse (start, &date, NULL));
      g_ptr_array_add (events, chrono_event_new (id, title, &date));
    }
  chrono_timeline_add_events (timeline, (ChronoEvent **) events->pdata, events->len);
  layout = chrono_layout_new (timeline);
  chrono_viewport_fit (&vp, (ChronoTime) ((2019.9 - 1970) * YEAR), (ChronoTime) ((2021.2 - 1970) * YEAR), 0);
  chrono_layout_update (layout, &vp, context);
  check_layout (layout);
  items = chrono_layout_get_items (layout, &n_items);
  g_assert_cmpuint (n_items, ==, G_N_ELEMENTS (titles));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GString) label = g_string_new (NULL);
      double exact;

      _chrono_layout_append_label (layout, items[i].position, label);
      exact = MIN (_chrono_measure_text (context, CHRONO_FONT_LABEL, label->str), CHRONO_LABEL_MAX_WIDTH);
      g_test_message ("%s: %g for %g", label->str, items[i].label_width, exact);
      g_assert_cmpfloat (exact, <=, items[i].label_width + 2.0);
      /* Not much wider either: no gaps in a crowded row. */
      g_assert_cmpfloat (items[i].label_width, <=, exact + 4.0);
    }
}


/* Labels near the right edge: a marker's, a narrow band's and a wide bar's
 * go left of them when there is room, whole; else the roomier side takes
 * them, cut to the room. */
static void
test_edge_labels (void)
{
  static const struct {
    const char *start, *end;
    ChronoItemKind kind;
  } cases[] = {
    { "2020-12-20", NULL, CHRONO_ITEM_POINT },
    { "2020-12~", NULL, CHRONO_ITEM_BAND },            /* narrow band: label after it */
    { "2020-10-01", "2021-06-01", CHRONO_ITEM_RANGE }, /* wide bar: label inside */
    { "2019-06-01", "2021-06-01", CHRONO_ITEM_RANGE }, /* from before the view */
  };
  /* At 800 pixels there is room left of the late ones; at 300 there is
   * room nowhere, and the left is roomier for all but the bar from before
   * the view, which has no left. */
  static const double widths[] = { 800, 300 };
  const char *title = "A title long enough to need about three hundred pixels of room";

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
      {
        g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
        g_autoptr(ChronoLayout) layout = NULL;
        g_autoptr(ChronoEvent) event = NULL;
        g_autoptr(GString) label = g_string_new (NULL);
        ChronoDate start, end;
        ChronoViewport vp = { 0, 1, widths[w], 300 };
        const ChronoLayoutItem *items;
        guint n_items;
        double natural;
        gboolean from_before = c == 3;

        g_assert_true (chrono_date_parse (cases[c].start, &start, NULL));
        event = chrono_event_new ("e", title, &start);
        if (cases[c].end != NULL)
          {
            g_assert_true (chrono_date_parse (cases[c].end, &end, NULL));
            chrono_event_set_end (event, &end);
          }
        chrono_timeline_add_event (timeline, event);
        layout = chrono_layout_new (timeline);
        /* 2020 fills the view: December is at its right edge. */
        vp.start = (2020 - 1970) * YEAR;
        vp.end = (2021 - 1970) * YEAR;
        chrono_layout_update (layout, &vp, context);
        check_layout (layout);
        items = chrono_layout_get_items (layout, &n_items);
        g_assert_cmpuint (n_items, ==, 1);
        g_assert_cmpint (items[0].kind, ==, cases[c].kind);
        _chrono_layout_append_label (layout, items[0].position, label);
        natural = MIN (_chrono_measure_text (context, CHRONO_FONT_LABEL, label->str), CHRONO_LABEL_MAX_WIDTH);
        g_test_message ("%s at %g: label [%g, %g), x0 %g, natural %g", cases[c].start, widths[w],
                        items[0].label_x, items[0].label_x + items[0].label_width, items[0].x0, natural);
        if (from_before)
          g_assert_cmpfloat (items[0].label_x, >=, 0.0);
        else
          g_assert_cmpfloat (items[0].label_x + items[0].label_width, <=, items[0].x0);
        if (w == 0)
          g_assert_cmpfloat (fabs (items[0].label_width - natural), <, 2.5);
        else
          g_assert_cmpfloat (items[0].label_width, <, natural - 1.0);
      }
}

/* Events in view per lane key, the way lanes group them (keys with events
 * anywhere get a lane). */
static guint
count_lane_rows (ChronoLayout *layout,
                 ChronoLanes   lanes,
                 GArray       *per_key)
{
  ChronoTimeline *timeline = chrono_layout_get_timeline (layout);
  guint n_spans, n_keys = 0;
  const ChronoSpan *spans = chrono_timeline_get_spans (timeline, &n_spans);
  g_autoptr(GHashTable) index = g_hash_table_new (NULL, NULL);

  g_array_set_size (per_key, 0);
  for (guint i = 0; i < n_spans; i++)
    {
      guint key = lanes == CHRONO_LANES_CATEGORY ? spans[i].category
                  : lanes == CHRONO_LANES_GROUP ? spans[i].group : 0;
      gpointer slot;
      guint k;

      if (!g_hash_table_lookup_extended (index, GUINT_TO_POINTER (key + 1), NULL, &slot))
        {
          guint zero = 0;

          slot = GUINT_TO_POINTER (n_keys++);
          g_hash_table_insert (index, GUINT_TO_POINTER (key + 1), slot);
          g_array_append_val (per_key, zero);
        }
      k = GPOINTER_TO_UINT (slot);
      if (visible (layout, &spans[i]))
        g_array_index (per_key, guint, k)++;
    }
  return n_keys;
}

/* Events that fit get rows: when every lane has at least as many rows as it
 * has events in view (one each surely fits), no "+N" badge appears, however
 * unevenly the events fall into lanes. */
static void
test_lanes_fit (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());

  for (guint round = 0; round < 60; round++)
    {
      g_autoptr(ChronoTimeline) timeline = render_test_random_timeline (rand, g_rand_int_range (rand, 3, 40), 1990, 2020);
      g_autoptr(ChronoLayout) layout = chrono_layout_new (timeline);
      g_autoptr(GArray) per_key = g_array_new (FALSE, FALSE, sizeof (guint));
      ChronoLanes lanes = (ChronoLanes) g_rand_int_range (rand, CHRONO_LANES_NONE, CHRONO_LANES_GROUP + 1);
      ChronoViewport vp;
      double header = lanes == CHRONO_LANES_NONE ? 0.0 : CHRONO_LANE_HEADER;
      double needed;
      guint n_keys, n_clusters, n_lanes;

      random_viewport (rand, timeline, &vp);
      vp.width = MAX (vp.width, 400);
      chrono_layout_set_lanes (layout, lanes);
      chrono_layout_update (layout, &vp, context);
      n_keys = count_lane_rows (layout, lanes, per_key);
      if (lanes == CHRONO_LANES_NONE)
        {
          guint all = 0;

          for (guint k = 0; k < n_keys; k++)
            all += g_array_index (per_key, guint, k);
          g_array_set_size (per_key, 1);
          g_array_index (per_key, guint, 0) = all;
          n_keys = 1;
        }
      needed = _chrono_layout_get_events_top (layout);
      for (guint k = 0; k < n_keys; k++)
        needed += header + MAX (1, g_array_index (per_key, guint, k)) * CHRONO_ROW_HEIGHT;
      vp.height = needed + g_rand_double_range (rand, 0, CHRONO_ROW_HEIGHT);
      chrono_layout_update (layout, &vp, context);
      check_layout (layout);
      chrono_layout_get_clusters (layout, &n_clusters);
      chrono_layout_get_lanes_layout (layout, &n_lanes);
      g_test_message ("round %u: lanes %d, %u keys, height %g: %u badges", round, lanes, n_keys,
                      vp.height, n_clusters);
      g_assert_cmpuint (n_clusters, ==, 0);
      g_assert_cmpuint (n_lanes, ==, lanes == CHRONO_LANES_NONE ? 0 : n_keys);
    }
}

/* Lanes get height by need: one with many stacked events is taller than
 * one with a single event, and a crowded lane keeps its badges. */
static void
test_lanes_by_need (void)
{
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ChronoLayout) layout = NULL;
  g_autoptr(ChronoCategory) a = chrono_category_new ("a", "Crowded", "#c01c28");
  g_autoptr(ChronoCategory) b = chrono_category_new ("b", "Lonely", "#1c71d8");
  ChronoViewport vp = { 0, 1, 1000, 400 };
  const ChronoLayoutLane *lanes;
  guint n_lanes, n_clusters, n_items;

  chrono_timeline_add_category (timeline, a);
  chrono_timeline_add_category (timeline, b);
  /* Six events on one day (they stack), one elsewhere. */
  for (guint i = 0; i < 7; i++)
    {
      ChronoDate date;
      g_autofree char *id = g_strdup_printf ("e%u", i);
      ChronoEvent *event;

      g_assert_true (chrono_date_parse (i < 6 ? "2020-06-01" : "2020-02-01", &date, NULL));
      event = chrono_event_new (id, "Stacked on the same day", &date);
      chrono_event_set_category (event, i < 6 ? "a" : "b");
      g_ptr_array_add (events, event);
    }
  chrono_timeline_add_events (timeline, (ChronoEvent **) events->pdata, events->len);
  layout = chrono_layout_new (timeline);
  chrono_layout_set_lanes (layout, CHRONO_LANES_CATEGORY);
  vp.start = (2020 - 1970) * YEAR;
  vp.end = (2021 - 1970) * YEAR;
  /* Axis + two headers + seven rows: everything fits. */
  vp.height = CHRONO_AXIS_HEIGHT + 2 * CHRONO_LANE_HEADER + 7 * CHRONO_ROW_HEIGHT;
  chrono_layout_update (layout, &vp, context);
  check_layout (layout);
  lanes = chrono_layout_get_lanes_layout (layout, &n_lanes);
  chrono_layout_get_clusters (layout, &n_clusters);
  g_assert_cmpuint (n_lanes, ==, 2);
  g_assert_cmpuint (n_clusters, ==, 0);
  g_assert_cmpstr (lanes[0].name, ==, "Crowded");
  g_assert_cmpfloat (lanes[0].y1 - lanes[0].y0, >=, CHRONO_LANE_HEADER + 6 * CHRONO_ROW_HEIGHT);
  g_assert_cmpfloat (lanes[1].y1 - lanes[1].y0, >=, CHRONO_LANE_HEADER + CHRONO_ROW_HEIGHT);

  /* Three rows short: the crowded lane folds some into a badge, the lonely
   * one keeps its row and gives up the rest. */
  vp.height -= 3 * CHRONO_ROW_HEIGHT;
  chrono_layout_update (layout, &vp, context);
  check_layout (layout);
  lanes = chrono_layout_get_lanes_layout (layout, &n_lanes);
  chrono_layout_get_clusters (layout, &n_clusters);
  chrono_layout_get_items (layout, &n_items);
  g_assert_cmpuint (n_clusters, ==, 1);
  g_assert_cmpfloat (lanes[1].y1 - lanes[1].y0, <, CHRONO_LANE_HEADER + 2 * CHRONO_ROW_HEIGHT);
  g_assert_cmpfloat (lanes[0].y1 - lanes[0].y0, >, 2 * (lanes[1].y1 - lanes[1].y0));
  /* Four rows: three for the crowded lane (two events and the badge
   * strip), one for the other. */
  g_assert_cmpuint (n_items, ==, 3);
  g_assert_cmpuint (chrono_layout_get_clusters (layout, NULL)[0].count, ==, 4);
}

/* Both layouts show the same: lanes, items and badges, to the bit (items
 * in any order: they are drawn in rows that do not overlap). */
static void
assert_same_layout (ChronoLayout *a,
                    ChronoLayout *b)
{
  guint na, nb;
  const ChronoLayoutLane *la = chrono_layout_get_lanes_layout (a, &na);
  const ChronoLayoutLane *lb = chrono_layout_get_lanes_layout (b, &nb);
  const ChronoLayoutItem *ia, *ib;
  const ChronoLayoutCluster *ca, *cb;

  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    {
      g_assert_cmpstr (la[i].name, ==, lb[i].name);
      g_assert_cmpfloat (la[i].y0, ==, lb[i].y0);
      g_assert_cmpfloat (la[i].y1, ==, lb[i].y1);
    }
  ia = chrono_layout_get_items (a, &na);
  chrono_layout_get_items (b, &nb);
  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    {
      ib = chrono_layout_find_item (b, ia[i].position);
      g_assert_nonnull (ib);
      g_assert_cmpuint (ia[i].kind, ==, ib->kind);
      g_assert_cmpuint (ia[i].lane, ==, ib->lane);
      g_assert_cmpfloat (ia[i].x0, ==, ib->x0);
      g_assert_cmpfloat (ia[i].x1, ==, ib->x1);
      g_assert_cmpfloat (ia[i].y, ==, ib->y);
      g_assert_cmpfloat (ia[i].label_x, ==, ib->label_x);
      g_assert_cmpfloat (ia[i].label_width, ==, ib->label_width);
    }
  ca = chrono_layout_get_clusters (a, &na);
  cb = chrono_layout_get_clusters (b, &nb);
  g_assert_cmpuint (na, ==, nb);
  for (guint i = 0; i < na; i++)
    {
      g_assert_cmpuint (ca[i].lane, ==, cb[i].lane);
      g_assert_cmpuint (ca[i].count, ==, cb[i].count);
      g_assert_cmpfloat (ca[i].x, ==, cb[i].x);
      g_assert_cmpfloat (ca[i].y, ==, cb[i].y);
      g_assert_cmpfloat (ca[i].width, ==, cb[i].width);
      g_assert_cmpint (ca[i].lo, ==, cb[i].lo);
      g_assert_cmpint (ca[i].hi, ==, cb[i].hi);
    }
}

/* Lane names and heights of the last update, to compare with the next. */
static GArray *
copy_lanes (ChronoLayout *layout,
            GPtrArray    *names)
{
  guint n;
  const ChronoLayoutLane *lanes = chrono_layout_get_lanes_layout (layout, &n);
  GArray *ys = g_array_new (FALSE, FALSE, sizeof (double));

  g_ptr_array_set_size (names, 0);
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (names, g_strdup (lanes[i].name));
      g_array_append_val (ys, lanes[i].y0);
      g_array_append_val (ys, lanes[i].y1);
    }
  return ys;
}

static gboolean
same_lanes (ChronoLayout *layout,
            GPtrArray    *names,
            GArray       *ys)
{
  guint n;
  const ChronoLayoutLane *lanes = chrono_layout_get_lanes_layout (layout, &n);

  if (n != names->len)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (lanes[i].name, g_ptr_array_index (names, i)) != 0
        || lanes[i].y0 != g_array_index (ys, double, 2 * i)
        || lanes[i].y1 != g_array_index (ys, double, 2 * i + 1))
      return FALSE;
  return TRUE;
}

/* The re-plan rule, from what the layout shows: a lane folds events (it
 * has badges) while the lanes that do not fold leave two or more of their
 * event rows empty between them (a lane keeps one row at least), or a lane
 * with badges has no event row. A lane's event rows are what its height
 * holds under its header, its badge strip (zoomed out always, else when it
 * folds) and its histogram (zoomed out); the rows it uses go down to its
 * lowest item. */
static gboolean
lanes_hide_events (ChronoLayout *layout)
{
  const ChronoViewport *vp = chrono_layout_get_viewport (layout);
  guint n_lanes, n_items, n_clusters, n_density;
  const ChronoLayoutLane *lanes = chrono_layout_get_lanes_layout (layout, &n_lanes);
  const ChronoLayoutItem *items = chrono_layout_get_items (layout, &n_items);
  const ChronoLayoutCluster *clusters = chrono_layout_get_clusters (layout, &n_clusters);
  gboolean aggregated = (_chrono_layout_get_density (layout, &n_density), n_density > 0);
  double max_rows = floor ((vp->height - _chrono_layout_get_events_top (layout) - CHRONO_LANE_HEADER) / CHRONO_ROW_HEIGHT);
  g_autofree guint *folded = g_new0 (guint, n_lanes);
  g_autofree guint *used = g_new0 (guint, n_lanes);
  guint n_folding = 0, spare = 0;

  for (guint i = 0; i < n_clusters; i++)
    folded[clusters[i].lane] += clusters[i].count;
  for (guint i = 0; i < n_items; i++)
    {
      double row = (items[i].y - lanes[items[i].lane].y0 - CHRONO_LANE_HEADER) / CHRONO_ROW_HEIGHT;

      g_assert_cmpfloat (fabs (row - round (row)), <, 1e-6);
      used[items[i].lane] = MAX (used[items[i].lane], (guint) round (row) + 1);
    }
  for (guint l = 0; l < n_lanes; l++)
    n_folding += folded[l] > 0;
  for (guint l = 0; l < n_lanes; l++)
    {
      gboolean strip = aggregated || folded[l] > 0;
      double room = lanes[l].y1 - lanes[l].y0 - CHRONO_LANE_HEADER - (strip ? CHRONO_CLUSTER_STRIP : 0.0)
                    - (aggregated ? CHRONO_DENSITY_STRIP : 0.0);
      guint rows = room > 0 ? (guint) MIN (max_rows, floor (room / CHRONO_ROW_HEIGHT + 1e-9)) : 0;

      g_assert_cmpuint (used[l], <=, rows);
      if (folded[l] > 0 && rows == 0)
        return TRUE;
      if (folded[l] == 0 && rows > MAX (used[l], 1))
        spare += rows - MAX (used[l], 1);
    }
  return n_folding > 0 && spare >= 2;
}

static ChronoLayout *
fresh_layout (ChronoTimeline       *timeline,
              ChronoLanes           lanes,
              const ChronoViewport *vp,
              gboolean              keep)
{
  ChronoLayout *layout = chrono_layout_new (timeline);

  _chrono_layout_set_keep_lanes (layout, keep);
  chrono_layout_set_lanes (layout, lanes);
  chrono_layout_update (layout, vp, context);
  return layout;
}

/* Zoomed out (many events in view), the layout draws histograms. */
static gboolean
is_aggregated (ChronoLayout *layout)
{
  guint n_density;

  _chrono_layout_get_density (layout, &n_density);
  return n_density > 0;
}

static gboolean
below_threshold (ChronoTimeline *timeline,
                 guint           position,
                 gpointer        user_data)
{
  return position % 10 < *(guint *) user_data;
}

/* A point every three days of 2005 in one of three lanes, and a burst of
 * 40 over ten days of June in a fourth (category, group and actor). */
static ChronoTimeline *
burst_timeline (void)
{
  static const char *const keys[][3] = {
    { "a", "North", "Alpha" }, { "b", "South", "Bravo" }, { "c", "East", "Charlie" }, { "d", "West", "Delta" },
  };
  ChronoTimeline *timeline = chrono_timeline_new ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      g_autoptr(ChronoCategory) category = chrono_category_new (keys[k][0], keys[k][0], "#1c71d8");

      chrono_timeline_add_category (timeline, category);
    }
  for (guint i = 0; i < 160; i++)
    {
      gboolean burst = i >= 120;
      const char *const *key = keys[burst ? 0 : 1 + i % 3];
      const char *actors[] = { key[2], NULL };
      ChronoTime t = time_of ("2005-01-01") + (burst ? 151 * 86400 + (i - 120) * 21600 : i * 3 * 86400);
      ChronoDate date;
      g_autofree char *id = g_strdup_printf ("e%u", i);
      ChronoEvent *event;

      chrono_date_from_time (t, CHRONO_PRECISION_SECOND, &date);
      event = chrono_event_new (id, burst ? "One of a burst of events" : "An event", &date);
      chrono_event_set_category (event, key[0]);
      chrono_event_set_group (event, key[1]);
      chrono_event_set_actors (event, actors);
      g_ptr_array_add (events, event);
    }
  chrono_timeline_add_events (timeline, (ChronoEvent **) events->pdata, events->len);
  return timeline;
}

/* Panning at one zoom keeps the lanes' heights. At each step, a twin
 * layout that always keeps them shows what keeping them gives; the layout
 * under test must show exactly that while it hides no event needlessly
 * (the re-plan rule, computed here from what the twin shows), and exactly
 * what a new layout gives for the view when it does. A zoom, a lanes or
 * filter change plans afresh. */
static void
test_lanes_stable_pan (void)
{
  static const double spans[] = { 0, YEAR, 30 * 86400.0, 86400.0 };
  static const double heights[][3] = { { 760, 400, 210 }, { 760 }, { 1080, 400 }, { 760, 400, 210 } };
  /* A fixed seed: the bound on moves below is a count over random data,
   * which a rare seed could pass by one or two (3 to 14 moves in 260 steps
   * were seen over many seeds, 31 to 41 without keeping the lanes). */
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261125);
  ChronoTimeline *timelines[4];
  guint total_steps = 0, total_replans = 0, total_moves = 0;

  /* 150 events a year, some ranges of years: a year's view is crowded. */
  timelines[0] = render_test_random_timeline (rand, 1500, 2000, 2009);
  /* Zoomed out up to a year's view. */
  timelines[1] = render_test_large_timeline (rand, 80000);
  /* 67 events a year: lanes fold in a year's view, some more than others. */
  timelines[2] = render_test_large_timeline (rand, 2000);
  timelines[3] = burst_timeline ();
  for (guint t = 0; t < G_N_ELEMENTS (timelines); t++)
    for (ChronoLanes lanes = CHRONO_LANES_GROUP; lanes <= CHRONO_LANES_ACTOR; lanes++)
      for (guint z = 0; z < G_N_ELEMENTS (spans); z++)
        for (guint h = 0; h < G_N_ELEMENTS (heights[t]) && heights[t][h] > 0; h++)
          {
            ChronoTimeline *timeline = timelines[t];
            ChronoViewport vp = { 0, 1, 1400, heights[t][h] };
            g_autoptr(ChronoLayout) layout = NULL;
            g_autoptr(ChronoLayout) twin = NULL;
            g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
            g_autoptr(GArray) ys = NULL;
            guint n_steps = t != 1 ? 260 : 160, replans = 0, moves = 0, switches = 0;
            gboolean aggregated;
            ChronoTime lo, hi;

            chrono_timeline_get_extent (timeline, &lo, &hi);
            if (spans[z] == 0)
              chrono_viewport_fit (&vp, lo, hi, 0.02);
            else if (t == 3)
              {
                /* The long pan brings the burst into view. */
                vp.end = time_of ("2005-06-01");
                vp.start = vp.end - spans[z];
              }
            else
              {
                double centre = (double) lo + ((double) hi - lo) * g_rand_double_range (rand, 0.2, 0.6);

                vp.start = centre - spans[z] / 2;
                vp.end = centre + spans[z] / 2;
              }
            layout = fresh_layout (timeline, lanes, &vp, FALSE);
            twin = fresh_layout (timeline, lanes, &vp, TRUE);
            /* Kept at the view it was planned for, a plan shows the same
             * as a new layout (an export redraws a kept layout). */
            chrono_layout_update (layout, &vp, context);
            assert_same_layout (layout, twin);
            ys = copy_lanes (layout, names);
            aggregated = is_aggregated (layout);

            for (guint s = 0; s < n_steps; s++)
              {
                gboolean hides, switched;

                /* Small steps to and fro, then a long pan one way. */
                chrono_viewport_pan (&vp, s < 60 ? (g_rand_boolean (rand) ? 7.0 : -7.0) : 7.0);
                chrono_layout_update (twin, &vp, context);
                chrono_layout_update (layout, &vp, context);
                check_layout (layout);
                hides = lanes_hide_events (twin);
                /* Events come and go: zoomed out and detailed plan apart. */
                switched = is_aggregated (layout) != aggregated;
                aggregated = is_aggregated (layout);
                switches += switched;
                if (switched)
                  {
                    g_autoptr(ChronoLayout) fresh = fresh_layout (timeline, lanes, &vp, FALSE);

                    assert_same_layout (layout, fresh);
                    assert_same_layout (twin, fresh);
                  }
                else if (hides)
                  {
                    g_autoptr(ChronoLayout) fresh = fresh_layout (timeline, lanes, &vp, FALSE);

                    /* A re-plan is what a layout that never panned gives. */
                    assert_same_layout (layout, fresh);
                    g_clear_object (&twin);
                    twin = fresh_layout (timeline, lanes, &vp, TRUE);
                    /* Rows by need leave none empty beside a lane that
                     * folds: the next step does not re-plan at once. */
                    if (!aggregated)
                      g_assert_false (lanes_hide_events (twin));
                    replans++;
                  }
                else
                  {
                    /* Kept: no lane moved, nothing else changed (so the
                     * twin passed check_layout() too). */
                    assert_same_layout (layout, twin);
                    g_assert_true (same_lanes (layout, names, ys));
                  }
                if (!same_lanes (layout, names, ys))
                  {
                    moves++;
                    g_clear_pointer (&ys, g_array_unref);
                    ys = copy_lanes (layout, names);
                  }
              }
            g_test_message ("timeline %u, lanes %d, span %g s, height %g (%s): %u re-plans, %u mode switches, "
                            "%u moves in %u steps", t, lanes, vp.end - vp.start, vp.height,
                            aggregated ? "aggregated" : "detailed", replans, switches, moves, n_steps);
            total_steps += n_steps;
            total_replans += replans;
            total_moves += moves;
            /* Uniform random data: lanes move on a few steps of a long pan,
             * not on every eighth one or more as when each frame planned
             * anew. */
            if (t != 3)
              g_assert_cmpuint (moves, <=, switches + n_steps / 15);
            /* A burst in one lane while the others have room re-plans. */
            else if (spans[z] == 30 * 86400.0 && heights[t][h] > 300)
              g_assert_cmpuint (replans, >, 0);

            /* A zoom, a lanes change and a refilter plan afresh. */
            {
              g_autoptr(ChronoLayout) fresh = NULL;
              ChronoLanes other = lanes == CHRONO_LANES_ACTOR ? CHRONO_LANES_GROUP : lanes + 1;
              guint threshold = 7;

              chrono_viewport_zoom (&vp, 1.25, vp.width / 2);
              chrono_layout_update (layout, &vp, context);
              check_layout (layout);
              fresh = fresh_layout (timeline, lanes, &vp, FALSE);
              assert_same_layout (layout, fresh);
              g_clear_object (&fresh);

              chrono_viewport_pan (&vp, 7.0);
              chrono_layout_set_lanes (layout, other);
              chrono_layout_update (layout, &vp, context);
              fresh = fresh_layout (timeline, other, &vp, FALSE);
              assert_same_layout (layout, fresh);
              g_clear_object (&fresh);

              chrono_viewport_pan (&vp, 7.0);
              chrono_layout_set_filter (layout, below_threshold, &threshold, NULL);
              chrono_layout_update (layout, &vp, context);
              threshold = 3;
              chrono_layout_refilter (layout);
              chrono_viewport_pan (&vp, 7.0);
              chrono_layout_update (layout, &vp, context);
              check_layout (layout);
              fresh = chrono_layout_new (timeline);
              chrono_layout_set_lanes (fresh, other);
              chrono_layout_set_filter (fresh, below_threshold, &threshold, NULL);
              chrono_layout_update (fresh, &vp, context);
              assert_same_layout (layout, fresh);
            }
          }
  g_test_message ("%u steps: %u re-plans, %u moves", total_steps, total_replans, total_moves);
  for (guint t = 0; t < G_N_ELEMENTS (timelines); t++)
    g_object_unref (timelines[t]);
}

/* Fitting leaves room at the edges: the first marker is not cut, the last
 * is clear of the right edge; a larger fraction wins over the pads, and
 * nothing is wider than it needs to be. */
static void
test_fit_pads (void)
{
  static const double widths[] = { 100, 224, 400, 800, 1600, 3000 };
  static const double margins[] = { 0.0, 0.02, 0.04, 0.5 };
  ChronoTime lo = (ChronoTime) ((2019 - 1970) * YEAR), hi = (ChronoTime) ((2024.3 - 1970) * YEAR);

  for (guint w = 0; w < G_N_ELEMENTS (widths); w++)
    for (guint m = 0; m < G_N_ELEMENTS (margins); m++)
      {
        ChronoViewport vp = { 0, 1, widths[w], 500 };
        double s = MIN (1.0, widths[w] / 4.0 / (CHRONO_VIEWPORT_FIT_PAD_START + CHRONO_VIEWPORT_FIT_PAD_END));
        double x_lo, x_hi, frac_px;

        chrono_viewport_fit (&vp, lo, hi, margins[m]);
        x_lo = chrono_viewport_time_to_x (&vp, (double) lo);
        x_hi = chrono_viewport_time_to_x (&vp, (double) hi);
        frac_px = margins[m] * ((double) hi - lo) / (vp.end - vp.start) * vp.width;
        g_test_message ("width %g, margin %g: [%g, %g]", widths[w], margins[m], x_lo, x_hi);
        g_assert_cmpfloat (fabs (x_lo - MAX (frac_px, CHRONO_VIEWPORT_FIT_PAD_START * s)), <, 1e-6);
        g_assert_cmpfloat (fabs (vp.width - x_hi - MAX (frac_px, CHRONO_VIEWPORT_FIT_PAD_END * s)), <, 1e-6);
      }
}

/* A line break, tab or control character in a title is one line of text:
 * measured as the spaces and replacement characters it is drawn as. */
static void
test_control_chars (void)
{
  static const char *const pairs[][2] = {
    { "Alpha\nBravo", "Alpha Bravo" },
    { "Alpha\r\nBravo", "Alpha Bravo" },
    { "Tab\there", "Tab here" },
    { "Bell\aring", "Bell\357\277\275ring" },
    { "Esc\033[1mbold", "Esc\357\277\275[1mbold" },
    { "Next\302\205line\342\200\250sep", "Next line sep" },
  };
  g_autoptr(ChronoTimeline) timeline = chrono_timeline_new ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ChronoLayout) layout = NULL;
  ChronoViewport vp = { 0, 1, 1900, 900 };

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    for (guint j = 0; j < 2; j++)
      {
        ChronoDate date;
        g_autofree char *start = g_strdup_printf ("2020-%02u-%02u", i + 1, 1 + 14 * j);
        g_autofree char *id = g_strdup_printf ("c%u-%u", i, j);
        g_autofree char *title = g_strcompress (pairs[i][j]);

        g_assert_true (chrono_date_parse (start, &date, NULL));
        g_ptr_array_add (events, chrono_event_new (id, title, &date));
      }
  chrono_timeline_add_events (timeline, (ChronoEvent **) events->pdata, events->len);
  layout = chrono_layout_new (timeline);
  chrono_viewport_fit (&vp, (ChronoTime) ((2019.9 - 1970) * YEAR), (ChronoTime) ((2020.7 - 1970) * YEAR), 0);
  chrono_layout_update (layout, &vp, context);
  check_layout (layout);

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      g_autofree char *raw = g_strcompress (pairs[i][0]);
      g_autofree char *shown = g_strcompress (pairs[i][1]);
      const ChronoLayoutItem *a = NULL, *b = NULL;
      g_autoptr(GString) label = g_string_new (NULL);
      g_autoptr(PangoLayout) one = _chrono_layout_new_for_font (context, CHRONO_FONT_LABEL);
      guint position = G_MAXUINT;

      for (guint p = 0; p < chrono_timeline_get_n_events (timeline); p++)
        {
          const char *title = chrono_timeline_get_event_title (timeline, p);

          if (g_strcmp0 (title, raw) == 0)
            a = chrono_layout_find_item (layout, p);
          else if (g_strcmp0 (title, shown) == 0)
            b = chrono_layout_find_item (layout, p);
          if (g_strcmp0 (title, raw) == 0)
            position = p;
        }
      g_assert_nonnull (a);
      g_assert_nonnull (b);
      g_assert_cmpuint (position, <, G_MAXUINT);
      {
        g_autofree char *escaped = g_strescape (raw, NULL);

        g_test_message ("%s: %g, %s: %g", escaped, a->label_width, shown, b->label_width);
      }
      g_assert_cmpfloat (a->label_width, ==, b->label_width);
      g_assert_cmpfloat (_chrono_measure_text (context, CHRONO_FONT_LABEL, raw), ==,
                         _chrono_measure_text (context, CHRONO_FONT_LABEL, shown));

      /* The label text is what is drawn: one line, no controls. */
      _chrono_layout_append_label (layout, position, label);
      g_assert_cmpstr (label->str, ==, shown);
      /* And a layout for one-line text never breaks lines. */
      pango_layout_set_text (one, raw, -1);
      g_assert_cmpint (pango_layout_get_line_count (one), ==, 1);
    }
}

int
main (int    argc,
      char **argv)
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  context = chrono_renderer_create_pango_context ();

  g_test_add_func ("/layout/random", test_random);
  g_test_add_func ("/layout/filter", test_filter);
  g_test_add_func ("/layout/importance", test_importance);
  g_test_add_func ("/layout/actor-lanes", test_actor_lanes);
  g_test_add_func ("/layout/timeline-change", test_timeline_change);
  g_test_add_func ("/layout/coarse-band", test_coarse_band);
  g_test_add_func ("/layout/open-end", test_open_end);
  g_test_add_func ("/layout/million", test_million);
  g_test_add_func ("/layout/label-widths", test_label_widths);
  g_test_add_func ("/layout/edge-labels", test_edge_labels);
  g_test_add_func ("/layout/lanes-fit", test_lanes_fit);
  g_test_add_func ("/layout/lanes-by-need", test_lanes_by_need);
  g_test_add_func ("/layout/lanes-stable-pan", test_lanes_stable_pan);
  g_test_add_func ("/layout/fit-pads", test_fit_pads);
  g_test_add_func ("/layout/control-chars", test_control_chars);

  ret = g_test_run ();
  g_object_unref (context);
  return ret;
}
