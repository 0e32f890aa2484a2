/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <string.h>

#include "chrono-model.h"

G_BEGIN_DECLS

/* Path of a sample under tests/data/formats/. */
static inline char *
formats_test_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "formats", name, NULL);
}

static inline char *
formats_test_read (const char *name,
                   gsize      *length)
{
  g_autofree char *path = formats_test_path (name);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, length, &error);
  g_assert_no_error (error);
  return data;
}

/* The event with @id, or a failed test. */
static inline ChronoEvent *
formats_test_event (ChronoTimeline *timeline,
                    const char     *id)
{
  ChronoEvent *event = chrono_timeline_lookup_event (timeline, id);

  if (event == NULL)
    g_error ("no event with id “%s”", id);
  return event;
}

static inline char *
formats_test_date (const ChronoDate *date)
{
  return date != NULL ? chrono_date_to_string (date) : g_strdup ("(none)");
}

#define formats_assert_date(date, expected)                    \
  G_STMT_START {                                                \
    g_autofree char *s_ = formats_test_date (date);             \
    g_assert_cmpstr (s_, ==, expected);                         \
  } G_STMT_END

/* Compares a GStrv with a NULL-terminated list written inline. */
static inline void
formats_assert_strv (const char *const *actual,
                     const char *const *expected)
{
  guint n_actual = actual != NULL ? g_strv_length ((char **) actual) : 0;
  guint n_expected = g_strv_length ((char **) expected);

  for (guint i = 0; i < MIN (n_actual, n_expected); i++)
    g_assert_cmpstr (actual[i], ==, expected[i]);
  g_assert_cmpuint (n_actual, ==, n_expected);
}

#define STRV(...) ((const char *const[]) { __VA_ARGS__, NULL })
#define NO_STRV ((const char *const[]) { NULL })

static inline ChronoSource *
formats_test_source (ChronoEvent *event,
                     guint        index)
{
  GListModel *sources = chrono_event_get_sources (event);

  g_assert_cmpuint (g_list_model_get_n_items (sources), >, index);
  return g_list_model_get_item (sources, index);
}

G_END_DECLS
