/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-timelinejs"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "chrono-format-private.h"
#include "chrono-json-util.h"
#include "chrono-model.h"
#include "chrono-timelinejs.h"

typedef ChronoFormatJson TljsContext;

/* An optional object member. */
static gboolean
get_object (TljsContext  *ctx,
            JsonObject   *object,
            const char   *name,
            const char   *pointer,
            JsonObject  **out)
{
  JsonNode *node = _chrono_format_json_member (object, name);
  g_autofree char *where = NULL;

  *out = NULL;
  if (node == NULL)
    return TRUE;
  *out = chrono_json_node_get_object (node);
  if (*out != NULL)
    return TRUE;

  where = g_strconcat (pointer, "/", name, NULL);
  _chrono_format_json_error (ctx, CHRONO_ERROR_INVALID_VALUE, where,
                             _("“%s” must be an object, not %s"),
                             name, chrono_json_node_type_name (node));
  return FALSE;
}

/* A date part: a whole number, or a string holding one ("-500", "07");
 * TimelineJS's spreadsheet converter writes strings. Absent or "" is 0. */
static gboolean
get_date_part (TljsContext *ctx,
               JsonObject  *date,
               const char  *name,
               const char  *pointer,
               gboolean    *present,
               gint64      *out)
{
  JsonNode *node = _chrono_format_json_member (date, name);
  const char *text;
  g_autofree char *where = NULL;

  *present = FALSE;
  *out = 0;
  if (node == NULL)
    return TRUE;

  text = chrono_json_node_get_string (node);
  if (text != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (text));

      if (trimmed[0] == '\0')
        return TRUE;
      if (_chrono_format_parse_int (trimmed, out))
        {
          *present = TRUE;
          return TRUE;
        }
    }
  else if (chrono_json_node_get_integer (node, out))
    {
      *present = TRUE;
      return TRUE;
    }

  where = g_strconcat (pointer, "/", name, NULL);
  _chrono_format_json_error (ctx, CHRONO_ERROR_INVALID_VALUE, where,
                             _("“%s” must be a whole number, not %s"), name,
                             text != NULL ? text : chrono_json_node_type_name (node));
  return FALSE;
}

/* A TimelineJS date object. TimelineJS writes 500 BC as -500 (there is no
 * year 0): it is stored astronomically as -499. */
static gboolean
read_date (TljsContext  *ctx,
           JsonObject   *object,
           const char   *name,
           const char   *pointer,
           ChronoDate   *out,
           const char  **display_date)
{
  static const char * const part_names[] = { "month", "day", "hour", "minute", "second" };
  static const gint64 part_max[] = { 12, 31, 23, 59, 59 };
  g_autofree char *where = g_strconcat (pointer, "/", name, NULL);
  g_autoptr(GError) local_error = NULL;
  JsonObject *date;
  gint64 year, parts[G_N_ELEMENTS (part_names)];
  gboolean present, has[G_N_ELEMENTS (part_names)];
  ChronoPrecision precision = CHRONO_PRECISION_HOUR;

  if (!get_object (ctx, object, name, pointer, &date))
    return FALSE;
  if (date == NULL)
    {
      _chrono_format_json_error (ctx, CHRONO_ERROR_MISSING, pointer, _("“%s” is missing"), name);
      return FALSE;
    }

  if (!get_date_part (ctx, date, "year", where, &present, &year))
    return FALSE;
  if (!present)
    {
      _chrono_format_json_error (ctx, CHRONO_ERROR_MISSING, where, _("the date has no “year”"));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (part_names); i++)
    {
      if (!get_date_part (ctx, date, part_names[i], where, &has[i], &parts[i]))
        return FALSE;
      if (has[i] && (parts[i] < (i < 2 ? 1 : 0) || parts[i] > part_max[i]))
        {
          g_autofree char *part_where = g_strconcat (where, "/", part_names[i], NULL);
          /* formatted first: xgettext cannot read G_GINT64_FORMAT */
          g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, parts[i]);

          _chrono_format_json_error (ctx, CHRONO_ERROR_INVALID_DATE, part_where,
                                     _("“%s” is out of range: %s"), part_names[i], value);
          return FALSE;
        }
    }
  /* milliseconds are below our precision; still they must be numbers */
  {
    gint64 ms;

    if (!get_date_part (ctx, date, "millisecond", where, &present, &ms))
      return FALSE;
  }

  if (has[4])
    precision = CHRONO_PRECISION_SECOND;
  else if (has[3])
    precision = CHRONO_PRECISION_MINUTE;

  if (year < 0)
    year += 1;

  /* absent parts are 0 */
  if (!_chrono_format_date_from_parts (year, (guint) parts[0], (guint) parts[1],
                                       (guint) parts[2], (guint) parts[3], (guint) parts[4],
                                       (has[2] || has[3] || has[4]) ? precision
                                                                    : CHRONO_PRECISION_YEAR,
                                       out, &local_error))
    {
      _chrono_format_json_error (ctx, CHRONO_ERROR_INVALID_DATE, where, _("invalid date: %s"),
                                 local_error->message);
      return FALSE;
    }

  return _chrono_format_json_get_string (ctx, date, "display_date", where, display_date);
}

/* text.headline and text.text as plain text. */
static gboolean
read_text (TljsContext  *ctx,
           JsonObject   *object,
           const char   *pointer,
           char        **headline,
           char        **text)
{
  g_autofree char *where = g_strconcat (pointer, "/text", NULL);
  JsonObject *slide_text;
  const char *h = NULL, *t = NULL;

  if (!get_object (ctx, object, "text", pointer, &slide_text))
    return FALSE;
  if (slide_text != NULL &&
      (!_chrono_format_json_get_string (ctx, slide_text, "headline", where, &h) ||
       !_chrono_format_json_get_string (ctx, slide_text, "text", where, &t)))
    return FALSE;

  *headline = _chrono_format_html_to_text (h != NULL ? h : "");
  *text = _chrono_format_html_to_text (t != NULL ? t : "");
  return TRUE;
}

static gboolean
read_event (TljsContext  *ctx,
            JsonObject   *object,
            const char   *pointer,
            GHashTable   *ids,
            ChronoEvent **out)
{
  g_autoptr(ChronoEvent) event = NULL;
  g_autofree char *headline = NULL;
  g_autofree char *text = NULL;
  ChronoDate start, end;
  const char *start_display = NULL, *end_display = NULL, *display = NULL;
  const char *group = NULL, *unique_id = NULL;
  JsonObject *media;
  gboolean has_end = _chrono_format_json_member (object, "end_date") != NULL;

  if (!read_date (ctx, object, "start_date", pointer, &start, &start_display))
    return FALSE;
  if (has_end && !read_date (ctx, object, "end_date", pointer, &end, &end_display))
    return FALSE;
  if (has_end)
    {
      ChronoTime start_lo, start_hi, end_lo, end_hi;

      chrono_date_get_span (&start, &start_lo, &start_hi);
      chrono_date_get_span (&end, &end_lo, &end_hi);
      if (end_hi <= start_lo)
        {
          g_autofree char *where = g_strconcat (pointer, "/end_date", NULL);

          _chrono_format_json_error (ctx, CHRONO_ERROR_INVALID_VALUE, where,
                                     _("the end comes before the start"));
          return FALSE;
        }
    }
  if (!read_text (ctx, object, pointer, &headline, &text) ||
      !_chrono_format_json_get_string (ctx, object, "group", pointer, &group) ||
      !_chrono_format_json_get_string (ctx, object, "display_date", pointer, &display) ||
      !_chrono_format_json_get_string (ctx, object, "unique_id", pointer, &unique_id) ||
      !get_object (ctx, object, "media", pointer, &media))
    return FALSE;

  if (unique_id != NULL && unique_id[0] != '\0')
    {
      if (g_hash_table_contains (ids, unique_id))
        {
          g_autofree char *where = g_strconcat (pointer, "/unique_id", NULL);

          _chrono_format_json_error (ctx, CHRONO_ERROR_DUPLICATE, where,
                                     _("the id “%s” is used twice"), unique_id);
          return FALSE;
        }
      g_hash_table_add (ids, g_strdup (unique_id));
    }

  event = chrono_event_new (unique_id != NULL ? unique_id : "", headline, &start);
  if (has_end)
    chrono_event_set_end (event, &end);
  if (text[0] != '\0')
    chrono_event_set_description (event, text);
  if (group != NULL && group[0] != '\0')
    chrono_event_set_group (event, group);

  if (display != NULL && display[0] != '\0')
    chrono_event_set_display_date (event, display);
  else if (start_display != NULL && start_display[0] != '\0')
    {
      g_autofree char *both = NULL;

      if (end_display != NULL && end_display[0] != '\0')
        both = g_strdup_printf ("%s – %s", start_display, end_display);
      chrono_event_set_display_date (event, both != NULL ? both : start_display);
    }

  if (media != NULL)
    {
      g_autofree char *where = g_strconcat (pointer, "/media", NULL);
      const char *url = NULL, *caption = NULL, *credit = NULL;

      if (!_chrono_format_json_get_string (ctx, media, "url", where, &url) ||
          !_chrono_format_json_get_string (ctx, media, "caption", where, &caption) ||
          !_chrono_format_json_get_string (ctx, media, "credit", where, &credit))
        return FALSE;

      /* only web links are kept: media may also be embed code */
      if (url != NULL && _chrono_format_is_web_url (url))
        {
          g_autofree char *caption_text = _chrono_format_html_to_text (caption ? caption : "");
          g_autofree char *credit_text = _chrono_format_html_to_text (credit ? credit : "");
          g_autoptr(ChronoSource) source =
            chrono_source_new (caption_text[0] ? caption_text : NULL, url,
                               credit_text[0] ? credit_text : NULL, NULL);

          chrono_event_add_source (event, source);
        }
    }

  *out = g_steal_pointer (&event);
  return TRUE;
}

static gboolean
read_era (TljsContext     *ctx,
          JsonObject      *object,
          const char      *pointer,
          ChronoTimeline  *timeline)
{
  g_autoptr(ChronoEra) era = NULL;
  g_autofree char *headline = NULL;
  g_autofree char *text = NULL;
  ChronoDate start, end;
  const char *ignored;

  if (!read_date (ctx, object, "start_date", pointer, &start, &ignored) ||
      !read_date (ctx, object, "end_date", pointer, &end, &ignored) ||
      !read_text (ctx, object, pointer, &headline, &text))
    return FALSE;

  era = chrono_era_new (headline, &start, &end);
  if (text[0] != '\0')
    chrono_era_set_description (era, text);
  chrono_timeline_add_era (timeline, era);
  return TRUE;
}

/* An array member whose elements must be objects; absent gives NULL. */
static gboolean
get_object_array (TljsContext  *ctx,
                  JsonObject   *root,
                  const char   *name,
                  JsonArray   **out)
{
  JsonNode *node = _chrono_format_json_member (root, name);
  g_autofree char *where = g_strconcat ("/", name, NULL);

  *out = NULL;
  if (node == NULL)
    return TRUE;
  *out = chrono_json_node_get_array (node);
  if (*out == NULL)
    {
      _chrono_format_json_error (ctx, CHRONO_ERROR_INVALID_VALUE, where,
                                 _("“%s” must be an array, not %s"),
                                 name, chrono_json_node_type_name (node));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (*out); i++)
    {
      JsonNode *element = json_array_get_element (*out, i);

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_autofree char *element_where = g_strdup_printf ("/%s/%u", name, i);

          _chrono_format_json_error (ctx, CHRONO_ERROR_INVALID_VALUE, element_where,
                                     _("each of “%s” must be an object, not %s"), name,
                                     chrono_json_node_type_name (element));
          return FALSE;
        }
    }
  return TRUE;
}

ChronoTimeline *
chrono_timelinejs_load_data (const char  *data,
                             gsize        length,
                             const char  *display_name,
                             GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ChronoTimeline) timeline = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(GArray) pending = NULL;
  TljsContext ctx = { { data, length, display_name }, error };
  JsonObject *object;
  JsonObject *title;
  JsonArray *event_array, *era_array;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (display_name == NULL)
    ctx.input.display_name = display_name = "-";
  if (data == NULL)
    ctx.input.data = data = "";

  root = chrono_json_parse (data, length, display_name, error);
  if (root == NULL)
    return NULL;

  object = chrono_json_node_get_object (root);
  if (object == NULL)
    {
      _chrono_format_json_error (&ctx, CHRONO_ERROR_INVALID_VALUE, "",
                                 _("a TimelineJS file is an object, not %s"),
                                 chrono_json_node_type_name (root));
      return NULL;
    }

  if (!get_object_array (&ctx, object, "events", &event_array) ||
      !get_object_array (&ctx, object, "eras", &era_array) ||
      !get_object (&ctx, object, "title", "", &title))
    return NULL;
  if (event_array == NULL)
    {
      _chrono_format_json_error (&ctx, CHRONO_ERROR_MISSING, "", _("“events” is missing"));
      return NULL;
    }

  timeline = chrono_timeline_new ();
  events = g_ptr_array_new_with_free_func (g_object_unref);
  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pending = g_array_new (FALSE, FALSE, sizeof (guint));

  if (title != NULL)
    {
      g_autofree char *headline = NULL;
      g_autofree char *text = NULL;

      if (!read_text (&ctx, title, "/title", &headline, &text))
        return NULL;
      if (headline[0] != '\0')
        chrono_timeline_set_title (timeline, headline);
      if (text[0] != '\0')
        chrono_timeline_set_description (timeline, text);
    }

  for (guint i = 0; i < json_array_get_length (event_array); i++)
    {
      g_autofree char *pointer = g_strdup_printf ("/events/%u", i);
      ChronoEvent *event = NULL;

      if (!read_event (&ctx, json_array_get_object_element (event_array, i), pointer, ids,
                       &event))
        return NULL;
      if (chrono_event_get_id (event)[0] == '\0')
        g_array_append_val (pending, i);
      g_ptr_array_add (events, event);
    }

  /* Events without unique_id get "tljs-<index>", stable across loads and
   * never equal to an id the file gives. */
  for (guint k = 0; k < pending->len; k++)
    {
      guint i = g_array_index (pending, guint, k);
      g_autofree char *id = g_strdup_printf ("tljs-%u", i);

      for (guint n = 2; g_hash_table_contains (ids, id); n++)
        {
          g_free (id);
          id = g_strdup_printf ("tljs-%u-%u", i, n);
        }
      chrono_event_set_id (g_ptr_array_index (events, i), id);
      g_hash_table_add (ids, g_steal_pointer (&id));
    }

  for (guint i = 0; era_array != NULL && i < json_array_get_length (era_array); i++)
    {
      g_autofree char *pointer = g_strdup_printf ("/eras/%u", i);

      if (!read_era (&ctx, json_array_get_object_element (era_array, i), pointer, timeline))
        return NULL;
    }

  chrono_timeline_add_events (timeline, (ChronoEvent **) events->pdata, events->len);
  chrono_timeline_set_modified (timeline, FALSE);
  return g_steal_pointer (&timeline);
}
