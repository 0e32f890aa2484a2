/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-csv"

#include "config.h"

#include <string.h>

#include "chrono-csv.h"
#include "chrono-csv-private.h"

/* Writing CSV: Chronoscope's columns, one event a row (its first source
 * only), lists joined with ";", and every cell that a spreadsheet would run
 * as a formula guarded with a leading "'" (formula injection). */

/* What chrono_csv_to_data writes, in order (Chronoscope's columns). */
static const char * const export_columns[] = {
  "id", "start", "end", "title", "description", "category", "group", "status",
  "importance", "actors", "targets", "places", "tags", "source_title", "source_url",
  "source_publisher", "source_date",
};

static void
append_cell (GString    *out,
             const char *text)
{
  const char *q;
  gboolean quote;

  if (text == NULL)
    text = "";

  /* A spreadsheet runs a cell starting with = + - @ TAB or CR as a formula:
   * a leading "'" makes it text. Cells already starting with "'"s before
   * such a character get one more, so that reading strips exactly one. */
  q = text;
  while (*q == '\'')
    q++;
  if (_chrono_csv_is_formula_start (*q))
    {
      g_string_append (out, "\"'");
      quote = TRUE;
    }
  else
    {
      quote = strpbrk (text, ",\"\r\n") != NULL || g_ascii_isspace (text[0]) ||
              (text[0] != '\0' && g_ascii_isspace (text[strlen (text) - 1]));
      if (quote)
        g_string_append_c (out, '"');
    }

  if (quote)
    {
      for (const char *p = text; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    {
      g_string_append (out, text);
    }
}

static void
append_list (GString           *out,
             const char * const *items)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (joined, ';');
      for (const char *p = items[i]; *p; p++)
        {
          if (*p == ';' || *p == '\\')
            g_string_append_c (joined, '\\');
          g_string_append_c (joined, *p);
        }
    }
  append_cell (out, joined->str);
}

static void
append_date (GString          *out,
             const ChronoDate *date)
{
  g_autofree char *text = date != NULL ? chrono_date_to_string (date) : NULL;

  append_cell (out, text);
}

char *
chrono_csv_to_data (ChronoTimeline *timeline,
                    gsize          *length)
{
  GString *out;
  guint n;

  g_return_val_if_fail (CHRONO_IS_TIMELINE (timeline), NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (export_columns); i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, export_columns[i]);
    }
  g_string_append (out, "\r\n");

  n = g_list_model_get_n_items (G_LIST_MODEL (timeline));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChronoEvent) event = g_list_model_get_item (G_LIST_MODEL (timeline), i);
      g_autoptr(ChronoSource) source = NULL;
      GListModel *sources = chrono_event_get_sources (event);
      g_autofree char *importance = g_strdup_printf ("%u", chrono_event_get_importance (event));

      if (sources != NULL && g_list_model_get_n_items (sources) > 0)
        source = g_list_model_get_item (sources, 0);

      append_cell (out, chrono_event_get_id (event));
      g_string_append_c (out, ',');
      append_date (out, chrono_event_get_start (event));
      g_string_append_c (out, ',');
      append_date (out, chrono_event_get_end (event));
      g_string_append_c (out, ',');
      append_cell (out, chrono_event_get_title (event));
      g_string_append_c (out, ',');
      append_cell (out, chrono_event_get_description (event));
      g_string_append_c (out, ',');
      append_cell (out, chrono_event_get_category (event));
      g_string_append_c (out, ',');
      append_cell (out, chrono_event_get_group (event));
      g_string_append_c (out, ',');
      append_cell (out, chrono_event_get_status (event));
      g_string_append_c (out, ',');
      append_cell (out, importance);
      g_string_append_c (out, ',');
      append_list (out, chrono_event_get_actors (event));
      g_string_append_c (out, ',');
      append_list (out, chrono_event_get_targets (event));
      g_string_append_c (out, ',');
      append_list (out, chrono_event_get_places (event));
      g_string_append_c (out, ',');
      append_list (out, chrono_event_get_tags (event));
      g_string_append_c (out, ',');
      append_cell (out, source != NULL ? chrono_source_get_title (source) : NULL);
      g_string_append_c (out, ',');
      append_cell (out, source != NULL ? chrono_source_get_url (source) : NULL);
      g_string_append_c (out, ',');
      append_cell (out, source != NULL ? chrono_source_get_publisher (source) : NULL);
      g_string_append_c (out, ',');
      append_cell (out, source != NULL ? chrono_source_get_date (source) : NULL);
      g_string_append (out, "\r\n");
    }

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
