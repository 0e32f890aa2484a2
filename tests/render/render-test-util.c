/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "render-test"

#include "config.h"

#include "chrono-timeline-private.h"
#include "render-test-util.h"

static ChronoDate
parse (const char *text)
{
  ChronoDate date;
  g_autoptr(GError) error = NULL;

  if (!chrono_date_parse (text, &date, &error))
    g_error ("bad test date %s: %s", text, error->message);
  return date;
}

static void
add (GPtrArray  *events,
     const char *id,
     const char *start,
     const char *end,
     const char *category,
     const char *group,
     const char *actor,
     guint       importance,
     const char *title)
{
  ChronoDate s = parse (start);
  ChronoEvent *event = chrono_event_new (id, title, &s);
  const char *actors[] = { actor, NULL };

  if (end != NULL)
    {
      ChronoDate e = parse (end);

      chrono_event_set_end (event, &e);
    }
  chrono_event_set_category (event, category);
  chrono_event_set_group (event, group);
  if (actor != NULL)
    chrono_event_set_actors (event, actors);
  chrono_event_set_importance (event, importance);
  g_ptr_array_add (events, event);
}

static void
add_era (ChronoTimeline *timeline,
         const char     *title,
         const char     *start,
         const char     *end,
         const char     *color)
{
  ChronoDate s = parse (start), e = parse (end);
  g_autoptr(ChronoEra) era = chrono_era_new (title, &s, &e);

  chrono_era_set_color (era, color);
  chrono_timeline_add_era (timeline, era);
}

static void
add_category (ChronoTimeline *timeline,
              const char     *id,
              const char     *name,
              const char     *color)
{
  g_autoptr(ChronoCategory) category = chrono_category_new (id, name, color);

  chrono_timeline_add_category (timeline, category);
}

ChronoTimeline *
render_test_sample_timeline (void)
{
  ChronoTimeline *timeline = chrono_timeline_new ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);

  chrono_timeline_set_title (timeline, "State-linked cyber espionage, 2019–2024");
  chrono_timeline_set_description (timeline, "Campaigns attributed to APT31 and APT40 and the response of governments");
  add_category (timeline, "intrusion", "Intrusion", "#c01c28");
  add_category (timeline, "disclosure", "Disclosure", "#1c71d8");
  add_category (timeline, "response", "Government response", "#26a269");
  add_era (timeline, "Johnson premiership", "2019-07-24", "2022-09-06", "#9141ac");
  add_era (timeline, "Effort to improve UK–China ties", "2023", "2024", "#e5a50a");

  add (events, "e1", "2020", NULL, "intrusion", "APT31", "APT31", 70,
       "APT31 targets personal email of Biden campaign staff");
  add (events, "e2", "2021", NULL, "intrusion", "APT31", "APT31", 60,
       "APT31 tries to break into UK parliamentarians' email");
  add (events, "e3", "2021-07-19", NULL, "response", "APT40", "GCSB", 60,
       "New Zealand's GCSB minister links APT40 to malicious activity");
  add (events, "e4", "2021-08", "2022-10", "intrusion", "APT31", "APT31", 90,
       "Electoral Commission systems compromised");
  add (events, "e5", "2023-08-08", NULL, "disclosure", "UK", "Electoral Commission", 80,
       "Electoral Commission discloses the hack");
  add (events, "e6", "2024-02~", NULL, "response", "US", "FBI", 60,
       "US operation against a Chinese hacking operation");
  add (events, "e7", "2024-02-06?", NULL, "disclosure", "NL", "MIVD", 50,
       "Dutch intelligence reports access to a military network");
  add (events, "e8", "2024-03-25", NULL, "response", "US", "US Department of Justice", 100,
       "US indictment of seven alleged APT31 hackers");
  add (events, "e9", "2024-03-25", NULL, "response", "UK", "UK Government", 90,
       "UK attributes the Electoral Commission hack");
  add (events, "e10", "2024-03-25", NULL, "response", "US", "US Treasury", 70,
       "Sanctions on Wuhan Xiaoruizhi Science and Technology");
  add (events, "e11", "2024-03-25", NULL, "response", "UK", "IPAC", 40,
       "IPAC press conference in London");
  add (events, "e12", "2024-03-26", NULL, "disclosure", "CN", "Chinese embassy", 50,
       "China's embassy rejects the accusations");
  add (events, "e13", "2019-07-24", "2022-09-06", NULL, "UK", "UK Government", 30,
       "Low point of UK–China relations");

  chrono_timeline_add_events (timeline, (ChronoEvent **) events->pdata, events->len);
  return timeline;
}

ChronoTimeline *
render_test_random_timeline (GRand *rand,
                             guint  n,
                             int    lo_year,
                             int    hi_year)
{
  static const char *const categories[] = { "a", "b", "c", "d" };
  static const char *const colors[] = { "#c01c28", "#1c71d8", "#26a269", "#e5a50a" };
  static const char *const groups[] = { "North", "South", "East", NULL };
  static const char *const actors[] = { "Alpha", "Bravo", "Charlie", "Delta", "Echo" };
  ChronoTimeline *timeline = chrono_timeline_new ();
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint c = 0; c < G_N_ELEMENTS (categories); c++)
    add_category (timeline, categories[c], categories[c], colors[c]);

  for (guint i = 0; i < n; i++)
    {
      int year = g_rand_int_range (rand, lo_year, hi_year + 1);
      int month = g_rand_int_range (rand, 1, 13);
      int day = g_rand_int_range (rand, 1, 29);
      int kind = g_rand_int_range (rand, 0, 10);
      g_autofree char *id = g_strdup_printf ("ev%u", i);
      g_autofree char *title = g_strdup_printf ("Event %u %.*s", i, g_rand_int_range (rand, 0, 30),
                                                "with a longer title than most of them");
      g_autofree char *start = NULL;
      g_autofree char *end = NULL;
      const char *qualifier = "";

      switch (g_rand_int_range (rand, 0, 8))
        {
        case 0: qualifier = "?"; break;
        case 1: qualifier = "~"; break;
        default: break;
        }

      if (kind == 0)
        start = g_strdup_printf ("%04d%s", year, qualifier);
      else if (kind == 1)
        start = g_strdup_printf ("%04d-%02d%s", year, month, qualifier);
      else if (kind <= 3)
        start = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day,
                                 g_rand_int_range (rand, 0, 24), g_rand_int_range (rand, 0, 60),
                                 g_rand_int_range (rand, 0, 60));
      else
        start = g_strdup_printf ("%04d-%02d-%02d%s", year, month, day, qualifier);

      if (g_rand_int_range (rand, 0, 4) == 0)
        {
          int len_kind = g_rand_int_range (rand, 0, 3);

          int end_day = day + g_rand_int_range (rand, 0, 3);

          if (len_kind == 0 && kind >= 2)
            end = g_strdup_printf ("%04d-%02d-%02d", year, month, MIN (28, end_day));
          else if (len_kind == 1)
            end = g_strdup_printf ("%04d-%02d", year + g_rand_int_range (rand, 0, 2), month);
          else
            end = g_strdup_printf ("%04d", year + g_rand_int_range (rand, 0, 12));
        }

      add (events, id, start, end, categories[g_rand_int_range (rand, 0, 4)],
           groups[g_rand_int_range (rand, 0, 4)], actors[g_rand_int_range (rand, 0, 5)],
           (guint) g_rand_int_range (rand, 0, 101), title);
    }
  chrono_timeline_add_events (timeline, (ChronoEvent **) events->pdata, events->len);
  return timeline;
}

ChronoTimeline *
render_test_large_timeline (GRand *rand,
                            guint  n)
{
  static const char *const categories[] = { "a", "b", "c", "d", "e", "f" };
  static const char *const colors[] = { "#c01c28", "#1c71d8", "#26a269", "#e5a50a", "#9141ac", "#63452c" };
  static const char *const groups[] = { "North", "South", "East", "West", "Centre", NULL };
  const gint64 t0 = 631152000;    /* 1990-01-01 */
  const gint64 span = 946684800;  /* 30 years */
  ChronoTimeline *timeline = chrono_timeline_new ();
  char id[32], title[64];

  for (guint c = 0; c < G_N_ELEMENTS (categories); c++)
    add_category (timeline, categories[c], categories[c], colors[c]);

  for (guint i = 0; i < n; i++)
    {
      ChronoEventFields fields = { 0 };
      ChronoDate end;
      gint64 t = t0 + (gint64) (g_rand_double (rand) * span);
      guint kind = g_rand_int_range (rand, 0, 20);

      g_snprintf (id, sizeof id, "m%u", i);
      g_snprintf (title, sizeof title, "Event %u of a large timeline", i);
      fields.id = id;
      fields.title = title;
      fields.category = categories[g_rand_int_range (rand, 0, G_N_ELEMENTS (categories))];
      fields.group = groups[g_rand_int_range (rand, 0, G_N_ELEMENTS (groups))];
      fields.importance = (guint) g_rand_int_range (rand, 0, 101);
      if (kind < 8)
        chrono_date_from_time (t, CHRONO_PRECISION_SECOND, &fields.start);
      else if (kind < 14)
        chrono_date_from_time (t, CHRONO_PRECISION_DAY, &fields.start);
      else if (kind < 16)
        chrono_date_from_time (t, CHRONO_PRECISION_MONTH, &fields.start);
      else if (kind < 17)
        chrono_date_from_time (t, CHRONO_PRECISION_YEAR, &fields.start);
      else
        {
          chrono_date_from_time (t, CHRONO_PRECISION_DAY, &fields.start);
          chrono_date_from_time (t + 86400 * (gint64) g_rand_int_range (rand, 1, kind == 19 ? 2000 : 60),
                                 CHRONO_PRECISION_DAY, &end);
          fields.end = &end;
        }
      if (g_rand_int_range (rand, 0, 10) == 0)
        fields.start.qualifier = g_rand_boolean (rand) ? CHRONO_QUALIFIER_APPROXIMATE : CHRONO_QUALIFIER_UNCERTAIN;
      _chrono_timeline_append_fields (timeline, &fields);
    }
  chrono_timeline_commit_appended (timeline);
  return timeline;
}
