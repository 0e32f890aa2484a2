/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "chrono-io"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "chrono-json-util.h"

/* Small helpers over json-glib nodes for every JSON reader and writer:
 * writing a JSON string, building a JSON Pointer, naming a node's or a
 * kind's type in messages, and reading nodes without criticals. The
 * parser, the streaming reader and the scanner under them are in
 * chrono-json-parse.c, chrono-json-reader.c and chrono-json-scanner.c. */

void
chrono_json_append_string (GString    *out,
                           const char *text)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (text != NULL);

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

void
chrono_json_pointer_append (GString    *pointer,
                            const char *segment)
{
  g_return_if_fail (pointer != NULL);
  g_return_if_fail (segment != NULL);

  g_string_append_c (pointer, '/');
  for (const char *p = segment; *p; p++)
    {
      if (*p == '~')
        g_string_append (pointer, "~0");
      else if (*p == '/')
        g_string_append (pointer, "~1");
      else
        g_string_append_c (pointer, *p);
    }
}

const char *
chrono_json_node_type_name (JsonNode *node)
{
  if (node == NULL)
    return _("nothing");

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          return _("a string");
        if (type == G_TYPE_BOOLEAN)
          return _("true or false");
        return _("a number");
      }
    default:
      return _("an unknown value");
    }
}

const char *
chrono_json_node_get_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
chrono_json_node_get_integer (JsonNode *node,
                              gint64   *out)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      if (out)
        *out = json_node_get_int (node);
      return TRUE;
    }
  if (type == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      /* 2^63 itself does not fit: the upper bound is exclusive. */
      if (!isfinite (d) || floor (d) != d ||
          d < -9223372036854775808.0 || d >= 9223372036854775808.0)
        return FALSE;
      if (out)
        *out = (gint64) d;
      return TRUE;
    }
  return FALSE;
}

JsonObject *
chrono_json_node_get_object (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_get_object (node);
}

JsonArray *
chrono_json_node_get_array (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

const char *
chrono_json_kind_name (ChronoJsonKind kind)
{
  switch (kind)
    {
    case CHRONO_JSON_KIND_OBJECT:
      return _("an object");
    case CHRONO_JSON_KIND_ARRAY:
      return _("an array");
    case CHRONO_JSON_KIND_STRING:
      return _("a string");
    case CHRONO_JSON_KIND_NUMBER:
      return _("a number");
    case CHRONO_JSON_KIND_BOOLEAN:
      return _("true or false");
    case CHRONO_JSON_KIND_NULL:
      return _("null");
    default:
      return _("an unknown value");
    }
}
