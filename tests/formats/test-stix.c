/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "chrono-stix.h"
#include "formats-test-util.h"

#define CAMPAIGN "campaign--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"
#define ONGOING "campaign--0b1c2d3e-0000-4000-8000-000000000002"
#define REVOKED "campaign--0b1c2d3e-0000-4000-8000-000000000003"
#define PANDA "intrusion-set--aaaaaaaa-0000-4000-8000-000000000001"
#define UNDATED "intrusion-set--aaaaaaaa-0000-4000-8000-000000000002"
#define REPORT "report--12345678-0000-4000-8000-000000000001"

static void
test_sample (void)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoTimeline) timeline = NULL;
  g_autoptr(ChronoEvent) campaign = NULL;
  g_autoptr(ChronoEvent) ongoing = NULL;
  g_autoptr(ChronoEvent) panda = NULL;
  g_autoptr(ChronoEvent) report = NULL;
  g_autoptr(ChronoEvent) revoked = NULL;
  g_autoptr(ChronoEvent) undated = NULL;
  g_autoptr(ChronoSource) s0 = NULL;
  g_autoptr(ChronoSource) s1 = NULL;
  g_autoptr(ChronoSource) r0 = NULL;
  ChronoCategory *category;
  gsize length;

  data = formats_test_read ("stix-bundle.json", &length);
  timeline = chrono_stix_load_data (data, length, "stix-bundle.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chrono_timeline_get_n_events (timeline), ==, 4);

  campaign = formats_test_event (timeline, CAMPAIGN);
  g_assert_cmpstr (chrono_event_get_title (campaign), ==, "Operation Paper Lantern");
  g_assert_cmpstr (chrono_event_get_description (campaign), ==, "Phishing wave against legislators.");
  formats_assert_date (chrono_event_get_start (campaign), "2021-07-19T10:15:00Z");
  g_assert_cmpint (chrono_event_get_start (campaign)->precision, ==, CHRONO_PRECISION_SECOND);
  g_assert_cmpint (chrono_event_get_start (campaign)->tz, ==, CHRONO_TZ_UTC);
  formats_assert_date (chrono_event_get_end (campaign), "2022-03-01T00:00:00Z");
  g_assert_cmpstr (chrono_event_get_category (campaign), ==, "campaign");
  /* attributed-to twice: named once; the unknown target id is skipped */
  formats_assert_strv (chrono_event_get_actors (campaign), STRV ("Example Panda"));
  formats_assert_strv (chrono_event_get_targets (campaign), STRV ("Parliament of Exampleland"));
  formats_assert_strv (chrono_event_get_tags (campaign), STRV ("Spearphishing Link", "espionage"));
  g_assert_cmpuint (g_list_model_get_n_items (chrono_event_get_sources (campaign)), ==, 2);
  s0 = formats_test_source (campaign, 0);
  g_assert_cmpstr (chrono_source_get_title (s0), ==, "C0042");
  g_assert_cmpstr (chrono_source_get_url (s0), ==, "https://example.org/c0042");
  g_assert_cmpstr (chrono_source_get_publisher (s0), ==, "example-cti");
  s1 = formats_test_source (campaign, 1);
  g_assert_cmpstr (chrono_source_get_title (s1), ==, "Blog post on the wave");
  g_assert_null (chrono_source_get_url (s1));
  g_assert_cmpstr (chrono_source_get_publisher (s1), ==, "Example Blog");

  /* no last_seen: ongoing */
  ongoing = formats_test_event (timeline, ONGOING);
  formats_assert_date (chrono_event_get_start (ongoing), "2023-05-02T08:00:00Z");
  g_assert_nonnull (chrono_event_get_end (ongoing));
  g_assert_cmpint (chrono_event_get_end (ongoing)->kind, ==, CHRONO_DATE_KIND_OPEN);

  panda = formats_test_event (timeline, PANDA);
  g_assert_cmpstr (chrono_event_get_category (panda), ==, "intrusion-set");
  formats_assert_date (chrono_event_get_start (panda), "2010-01-01T00:00:00Z");
  formats_assert_date (chrono_event_get_end (panda), "2024-03-25T00:00:00Z");
  formats_assert_strv (chrono_event_get_actors (panda), STRV ("Ministry of Examples"));
  formats_assert_strv (chrono_event_get_tags (panda), STRV ("LanternRAT"));

  /* a report is a point; object_refs resolved by type */
  report = formats_test_event (timeline, REPORT);
  g_assert_cmpstr (chrono_event_get_category (report), ==, "report");
  formats_assert_date (chrono_event_get_start (report), "2024-03-25T09:30:00Z");
  g_assert_null (chrono_event_get_end (report));
  formats_assert_strv (chrono_event_get_actors (report), STRV ("Example Panda"));
  formats_assert_strv (chrono_event_get_targets (report), STRV ("Electoral Office"));
  formats_assert_strv (chrono_event_get_tags (report), STRV ("LanternRAT"));
  r0 = formats_test_source (report, 0);
  g_assert_null (chrono_source_get_title (r0));
  g_assert_cmpstr (chrono_source_get_url (r0), ==, "https://cert.example.org/advisory");
  g_assert_cmpstr (chrono_source_get_publisher (r0), ==, "Example CERT");

  /* revoked and never-seen objects are not events */
  revoked = chrono_timeline_lookup_event (timeline, REVOKED);
  undated = chrono_timeline_lookup_event (timeline, UNDATED);
  g_assert_null (revoked);
  g_assert_null (undated);

  /* one category per STIX type that has events */
  g_assert_cmpuint (g_list_model_get_n_items (chrono_timeline_get_categories (timeline)), ==, 3);
  category = chrono_timeline_lookup_category (timeline, "intrusion-set");
  g_assert_nonnull (category);
  g_assert_cmpstr (chrono_category_get_name (category), ==, "Intrusion set");
  /* each type keeps one colour-blind-safe colour, whatever the bundle's order */
  g_assert_cmpstr (chrono_category_get_color (category), ==, "#0072b2");
  g_assert_cmpstr (chrono_category_get_color (chrono_timeline_lookup_category (timeline, "campaign")),
                   ==, "#d55e00");
  g_assert_cmpstr (chrono_category_get_color (chrono_timeline_lookup_category (timeline, "report")),
                   ==, "#009e73");
}

static void
test_latest_version_wins (void)
{
  const char *json =
    "{\"type\": \"bundle\", \"objects\": ["
    "{\"type\": \"campaign\", \"id\": \"campaign--1\", \"name\": \"new\", "
    " \"modified\": \"2022-01-01T00:00:00Z\", \"first_seen\": \"2022-01-01T00:00:00Z\"},"
    "{\"type\": \"campaign\", \"id\": \"campaign--1\", \"name\": \"old\", "
    " \"modified\": \"2021-01-01T00:00:00Z\", \"first_seen\": \"2021-01-01T00:00:00Z\","
    " \"last_seen\": \"2020-01-01T00:00:00Z\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoTimeline) timeline = chrono_stix_load_data (json, strlen (json), "v.json", &error);
  g_autoptr(ChronoEvent) event = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (chrono_timeline_get_n_events (timeline), ==, 1);
  event = formats_test_event (timeline, "campaign--1");
  g_assert_cmpstr (chrono_event_get_title (event), ==, "new");
}

static void
test_last_seen_before_first_seen (void)
{
  const char *json =
    "{\"type\": \"bundle\", \"objects\": ["
    "{\"type\": \"campaign\", \"id\": \"campaign--1\", \"name\": \"odd\", "
    " \"first_seen\": \"2021-01-01T00:00:00Z\", \"last_seen\": \"2020-01-01T00:00:00Z\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoTimeline) timeline = chrono_stix_load_data (json, strlen (json), "v.json", &error);
  g_autoptr(ChronoEvent) event = NULL;

  /* kept as a point rather than refusing a whole bundle for one slip */
  g_assert_no_error (error);
  event = formats_test_event (timeline, "campaign--1");
  g_assert_null (chrono_event_get_end (event));
}

static void
test_errors (void)
{
  static const struct {
    const char *json;
    ChronoError code;
    const char *prefix;
  } cases[] = {
    { "{\"type\": \"bundle\", \"objects\": {}}",
      CHRONO_ERROR_INVALID_VALUE, "bad.json:1:31: " },
    { "{\"type\": \"bundle\", \"objects\": [1]}",
      CHRONO_ERROR_INVALID_VALUE, "bad.json:1:32: " },
    { "{\"type\": \"bundle\", \"objects\": [{\"id\": \"x--1\"}]}",
      CHRONO_ERROR_MISSING, "bad.json:1:32: " },
    { "{\"type\": \"bundle\", \"objects\": [{\"type\": 3, \"id\": \"x--1\"}]}",
      CHRONO_ERROR_INVALID_VALUE, "bad.json:1:41: " },
    { "{\"type\": \"bundle\", \"objects\": [\n  {\"type\": \"campaign\", \"id\": \"campaign--1\",\n   \"first_seen\": 20210719}\n]}",
      CHRONO_ERROR_INVALID_VALUE, "bad.json:3:18: " },
    { "{\"type\": \"bundle\", \"objects\": [\n  {\"type\": \"campaign\", \"id\": \"campaign--1\",\n   \"first_seen\": \"2021-07-19\"}\n]}",
      CHRONO_ERROR_INVALID_DATE, "bad.json:3:18: " },
    { "{\"type\": \"bundle\", \"objects\": [\n  {\"type\": \"campaign\", \"id\": \"campaign--1\",\n   \"first_seen\": \"2021-02-30T00:00:00Z\"}\n]}",
      CHRONO_ERROR_INVALID_DATE, "bad.json:3:18: " },
    { "{\"type\": \"bundle\", \"objects\": [{\"type\": \"report\", \"id\": \"report--1\", \"name\": \"r\"}]}",
      CHRONO_ERROR_MISSING, "bad.json:1:32: " },
    { "{\"type\": \"bundle\", \"objects\": [{\"type\": \"relationship\", \"id\": \"relationship--1\", \"source_ref\": \"a--1\"}]}",
      CHRONO_ERROR_MISSING, "bad.json:1:32: " },
    { "{\"type\": \"bundle\", \"objects\": [{\"type\": \"report\", \"id\": \"report--1\", \"published\": \"2020-01-01T00:00:00Z\", \"object_refs\": [\"a--1\", 5]}]}",
      CHRONO_ERROR_INVALID_VALUE, "bad.json:1:131: " },
    { "{\"type\": \"bundle\", \"objects\": [{\"type\": \"campaign\", \"id\": \"campaign--1\", \"first_seen\": \"2020-01-01T00:00:00Z\", \"external_references\": [{\"url\": 1}]}]}",
      CHRONO_ERROR_INVALID_VALUE, "bad.json:1:144: " },
    { "{\"type\": \"bundle\", \"objects\": [{\"type\": \"campaign\", \"id\": \"campaign--1\", \"first_seen\": \"2020-01-01T00:00:00Z\", \"external_references\": [\"x\"]}]}",
      CHRONO_ERROR_INVALID_VALUE, "bad.json:1:136: " },
    { "{\"type\": \"bundle\", \"objects\": [{\"type\": \"campaign\", \"id\": \"campaign--1\", \"name\": [\"n\"]}]}",
      CHRONO_ERROR_INVALID_VALUE, "bad.json:1:82: " },
    { "{\"type\": \"collection\", \"objects\": []}",
      CHRONO_ERROR_UNSUPPORTED, "bad.json:1:10: " },
    { "[\"bundle\"]",
      CHRONO_ERROR_INVALID_VALUE, "bad.json:1:1: " },
    { "{\"type\": \"bundle\", \"objects\": [",
      CHRONO_ERROR_SYNTAX, "bad.json:1:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ChronoTimeline) timeline =
        chrono_stix_load_data (cases[i].json, strlen (cases[i].json), "bad.json", &error);

      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(loaded)");
      g_assert_null (timeline);
      g_assert_error (error, CHRONO_ERROR, (int) cases[i].code);
      if (!g_str_has_prefix (error->message, cases[i].prefix))
        g_error ("“%s” does not start with “%s”", error->message, cases[i].prefix);
    }
}

/* A bundle shaped like ATT&CK, small enough for a unit test: every intrusion
 * set uses several techniques and is attributed to one actor. */
static void
test_generated_bundle (void)
{
  const guint n_sets = 300, n_patterns = 200, uses_per_set = 20;
  g_autoptr(GString) json = g_string_new ("{\"type\": \"bundle\", \"id\": \"bundle--0\", \"objects\": [");
  g_autoptr(GError) error = NULL;
  g_autoptr(ChronoTimeline) timeline = NULL;
  g_autoptr(ChronoEvent) set7 = NULL;
  guint rel = 0;

  g_string_append (json, "{\"type\": \"threat-actor\", \"id\": \"threat-actor--0\", \"name\": \"Actor Zero\"}");
  for (guint p = 0; p < n_patterns; p++)
    g_string_append_printf (json, ",{\"type\": \"attack-pattern\", \"id\": \"attack-pattern--%u\", "
                                  "\"name\": \"Technique %u\"}", p, p);
  for (guint s = 0; s < n_sets; s++)
    {
      g_string_append_printf (json, ",{\"type\": \"intrusion-set\", \"id\": \"intrusion-set--%u\", "
                                    "\"name\": \"Set %u\", \"first_seen\": \"%04u-01-01T00:00:00.000Z\"}",
                              s, s, 1990 + s % 30);
      g_string_append_printf (json, ",{\"type\": \"relationship\", \"id\": \"relationship--%u\", "
                                    "\"relationship_type\": \"attributed-to\", \"source_ref\": "
                                    "\"intrusion-set--%u\", \"target_ref\": \"threat-actor--0\"}",
                              rel++, s);
      for (guint u = 0; u < uses_per_set; u++)
        g_string_append_printf (json, ",{\"type\": \"relationship\", \"id\": \"relationship--%u\", "
                                      "\"relationship_type\": \"uses\", \"source_ref\": "
                                      "\"intrusion-set--%u\", \"target_ref\": \"attack-pattern--%u\"}",
                                rel++, s, (s + u) % n_patterns);
    }
  g_string_append (json, "]}");

  timeline = chrono_stix_load_data (json->str, json->len, "generated.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chrono_timeline_get_n_events (timeline), ==, n_sets);

  set7 = formats_test_event (timeline, "intrusion-set--7");
  formats_assert_strv (chrono_event_get_actors (set7), STRV ("Actor Zero"));
  g_assert_cmpuint (g_strv_length ((char **) chrono_event_get_tags (set7)), ==, uses_per_set);
  g_assert_cmpstr (chrono_event_get_tags (set7)[0], ==, "Technique 7");
  g_assert_cmpstr (chrono_event_get_tags (set7)[19], ==, "Technique 26");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stix/sample", test_sample);
  g_test_add_func ("/stix/latest-version-wins", test_latest_version_wins);
  g_test_add_func ("/stix/last-seen-before-first-seen", test_last_seen_before_first_seen);
  g_test_add_func ("/stix/errors", test_errors);
  g_test_add_func ("/stix/generated-bundle", test_generated_bundle);

  return g_test_run ();
}
