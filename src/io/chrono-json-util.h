/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "chrono-error.h"

G_BEGIN_DECLS

/* Safe JSON input for every JSON reader (native, TimelineJS, STIX).
 *
 * json-glib 1.6's own parser overflows the stack on deep nesting, accepts
 * comments and single quotes, truncates strings at "\u0000", wraps big
 * integers silently and cannot say where a node came from. So documents are
 * parsed here by a strict RFC 8259 parser (no recursion) into ordinary
 * json-glib nodes, and positions are found again only when an error needs
 * one (chrono_json_set_error), so a successful load pays nothing for them.
 *
 * Typical reader:
 *
 *   ChronoJsonInput in = { data, length, display_name };
 *   g_autoptr(JsonNode) root = chrono_json_parse (data, length, display_name, error);
 *   if (root == NULL)
 *     return NULL;                                   // message already positioned
 *   ...
 *   JsonNode *start = json_object_get_member (obj, "start");   // NULL if absent
 *   if (chrono_json_node_get_string (start) == NULL)
 *     {
 *       chrono_json_set_error (error, &in, CHRONO_ERROR_INVALID_VALUE, "/events/3/start",
 *                              _("event “%s”: “start” must be a string, not %s"),
 *                              id, chrono_json_node_type_name (start));
 *       return NULL;
 *     }
 *
 * Positions are 1-based; columns count characters (Unicode code points),
 * not bytes; a UTF-8 byte order mark at the start is skipped and not counted.
 */

/* Deeper nesting is rejected (CHRONO_ERROR_TOO_LARGE) before it costs memory. */
#define CHRONO_JSON_MAX_DEPTH 512

/* The input a document was parsed from, for positioned error messages.
 * Nothing is copied: @data must outlive the struct's use. */
typedef struct {
  const char *data;
  gsize       length;
  const char *display_name; /* the NAME in "NAME:LINE:COL: message" */
} ChronoJsonInput;

/* Parses @data (@length bytes, not NUL-terminated, may contain anything) into
 * a new root node (free with json_node_unref), strictly after RFC 8259:
 * - rejects empty input, invalid UTF-8, NUL bytes (raw or "\u0000"), unpaired
 *   surrogate escapes, control characters inside strings, comments, single
 *   quotes, trailing commas, content after the root value, input larger than
 *   CHRONO_FORMAT_MAX_INPUT and nesting deeper than CHRONO_JSON_MAX_DEPTH;
 * - rejects an object with the same member name twice (CHRONO_ERROR_DUPLICATE):
 *   which value would win is not defined by JSON, and a JSON Pointer must
 *   name one place;
 * - numbers written without fraction or exponent that fit in gint64 become
 *   G_TYPE_INT64 values; all others become G_TYPE_DOUBLE (a number beyond
 *   the double range, like 1e400, is an error). Read them with
 *   chrono_json_node_get_integer() to be safe either way.
 * Any root type is accepted: check it yourself (JSON_NODE_HOLDS_OBJECT).
 * Errors are CHRONO_ERROR_SYNTAX (or _TOO_LARGE, _DUPLICATE) and read
 * "NAME:LINE:COL: message" with the position of the offending character. */
JsonNode    *chrono_json_parse           (const char            *data,
                                          gsize                  length,
                                          const char            *display_name,
                                          GError               **error);

/* Finds the line and column where the value named by @pointer (a JSON
 * Pointer, RFC 6901: "" is the root, "/events/3/start" is member "start" of
 * the fourth element of "events"; "~1" stands for "/" and "~0" for "~" in
 * names) begins in @data. When @pointer names something absent (a missing
 * member, an index past the end), gives the position of its deepest existing
 * ancestor (the object that lacks the member) and returns FALSE. Also FALSE
 * (position 1:1) when @data does not parse. */
gboolean     chrono_json_locate          (const char            *data,
                                          gsize                  length,
                                          const char            *pointer,
                                          guint                 *line,
                                          guint                 *column);

/* Sets @error (domain CHRONO_ERROR, @code) to "NAME:LINE:COL: message", the
 * position being that of chrono_json_locate (@input, @pointer). @format is
 * the already translated message: pass _("…"). Does nothing if @error is NULL. */
void         chrono_json_set_error       (GError               **error,
                                          const ChronoJsonInput *input,
                                          ChronoError            code,
                                          const char            *pointer,
                                          const char            *format,
                                          ...) G_GNUC_PRINTF (5, 6);

/* Appends @text (valid UTF-8) to @out as a JSON string, quotes included. */
void         chrono_json_append_string   (GString               *out,
                                          const char            *text);

/* Appends "/" and @segment to @pointer, escaping "~" and "/" as RFC 6901
 * says, e.g. chrono_json_pointer_append (p, "a/b") appends "/a~1b". */
void         chrono_json_pointer_append  (GString               *pointer,
                                          const char            *segment);

/* Short translated name of @node's JSON type for messages: "an object",
 * "an array", "a string", "a number", "true or false", "null"; "nothing"
 * for a NULL node (missing member). */
const char  *chrono_json_node_type_name  (JsonNode              *node);

/* The string if @node is a JSON string, else NULL (also for a NULL node):
 * never logs a critical, whatever @node holds. */
const char  *chrono_json_node_get_string (JsonNode              *node);

/* TRUE and *@out when @node is a number with an integral value that fits in
 * gint64 (so 3 and 3.0 and 3e2 are integers, 3.5 and 1e30 are not). */
gboolean     chrono_json_node_get_integer (JsonNode             *node,
                                           gint64               *out);

/* The object if @node holds one, else NULL. Same for arrays. */
JsonObject  *chrono_json_node_get_object (JsonNode              *node);
JsonArray   *chrono_json_node_get_array  (JsonNode              *node);

/* Reading a document piece by piece, for inputs too large to hold as nodes
 * (the native loader reads a million events this way). The same strict
 * rules as chrono_json_parse() apply and errors read the same; a stream is
 * read in chunks and only a window of it is kept (see _release()).
 *
 *   ChronoJsonKind kind;
 *   const char *name;
 *   if (!chrono_json_reader_peek (r, &kind, &offset, error))       // root
 *     return FALSE;
 *   if (kind != CHRONO_JSON_KIND_OBJECT) ...
 *   chrono_json_reader_enter (r, error);
 *   while (chrono_json_reader_next_member (r, &name, error) && name != NULL)
 *     ... peek, then read_string / read_integer / read_node / skip / enter
 *   ... check *error
 *   chrono_json_reader_finish (r, error);                           // nothing after
 *
 * Offsets are absolute byte offsets into the input. Syntax errors come as
 * from chrono_json_parse(): a problem with the input as a whole (not UTF-8,
 * a NUL byte, too large; for streams also a read error, "NAME: message")
 * is reported before any other, wherever it is. */
typedef struct _ChronoJsonReader ChronoJsonReader;

typedef enum {
  CHRONO_JSON_KIND_OBJECT,
  CHRONO_JSON_KIND_ARRAY,
  CHRONO_JSON_KIND_STRING,
  CHRONO_JSON_KIND_NUMBER,
  CHRONO_JSON_KIND_BOOLEAN,
  CHRONO_JSON_KIND_NULL,
} ChronoJsonKind;

/* Over @length bytes at @data (not copied: keep them alive), which are
 * validated as a whole at the first call. */
ChronoJsonReader *chrono_json_reader_new          (const char        *data,
                                                   gsize              length,
                                                   const char        *display_name);
ChronoJsonReader *chrono_json_reader_new_for_stream (GInputStream    *stream,
                                                   GCancellable      *cancellable,
                                                   const char        *display_name);
void         chrono_json_reader_free          (ChronoJsonReader  *reader);

/* Skips white space to the next value: its kind (from its first character)
 * and where it starts. Then read it with exactly one of the calls below. */
gboolean     chrono_json_reader_peek          (ChronoJsonReader  *reader,
                                               ChronoJsonKind    *kind,
                                               gsize             *offset,
                                               GError           **error);
/* At an object or array: goes inside it. */
gboolean     chrono_json_reader_enter         (ChronoJsonReader  *reader,
                                               GError           **error);
/* Inside an object: the next member's name (valid until the next call), or
 * NULL once the object is closed (then the reader is after it). Rejects a
 * name seen before in the same object (CHRONO_ERROR_DUPLICATE). */
gboolean     chrono_json_reader_next_member   (ChronoJsonReader  *reader,
                                               const char       **name,
                                               GError           **error);
/* Inside an array: TRUE in *@has_element while there is one more. */
gboolean     chrono_json_reader_next_element  (ChronoJsonReader  *reader,
                                               gboolean          *has_element,
                                               GError           **error);
/* At a string: appends its text to @out (NULL: checks it only). */
gboolean     chrono_json_reader_read_string   (ChronoJsonReader  *reader,
                                               GString           *out,
                                               GError           **error);
/* At a number: *@is_integer and *@value as chrono_json_node_get_integer(). */
gboolean     chrono_json_reader_read_integer  (ChronoJsonReader  *reader,
                                               gboolean          *is_integer,
                                               gint64            *value,
                                               GError           **error);
/* Any value, as nodes (free with json_node_unref). */
JsonNode    *chrono_json_reader_read_node     (ChronoJsonReader  *reader,
                                               GError           **error);
/* Any value, checked and dropped. Nothing is built: memory does not grow
 * with the number of values (only with the member names of one object). */
gboolean     chrono_json_reader_skip          (ChronoJsonReader  *reader,
                                               GError           **error);
/* Any value, checked as by _skip(), and its JSON text appended to @out as
 * it is written in the input (white space inside included). */
gboolean     chrono_json_reader_read_raw      (ChronoJsonReader  *reader,
                                               GString           *out,
                                               GError           **error);
/* After the root value: only white space may follow. */
gboolean     chrono_json_reader_finish        (ChronoJsonReader  *reader,
                                               GError           **error);
/* Promises that no offset before the current one will be asked about
 * again, so that a stream's window can move on. */
void         chrono_json_reader_release       (ChronoJsonReader  *reader);
gsize        chrono_json_reader_get_offset    (ChronoJsonReader  *reader);
/* The input from @offset to the current offset (valid until the next call). */
const char  *chrono_json_reader_peek_text     (ChronoJsonReader  *reader,
                                               gsize              offset,
                                               gsize             *length);
void         chrono_json_reader_get_position  (ChronoJsonReader  *reader,
                                               gsize              offset,
                                               guint             *line,
                                               guint             *column);
/* "NAME:LINE:COL: message" at @offset, as chrono_json_set_error(). */
void         chrono_json_reader_set_error     (ChronoJsonReader  *reader,
                                               GError           **error,
                                               ChronoError        code,
                                               gsize              offset,
                                               const char        *format,
                                               ...) G_GNUC_PRINTF (5, 6);

/* As chrono_json_node_type_name(), for a kind. */
const char  *chrono_json_kind_name            (ChronoJsonKind     kind);

/* How many bytes a reader asks a stream for at a time (0: the default);
 * for tests that cut the input at every place. */
void         chrono_json_set_stream_chunk_size (gsize             size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChronoJsonReader, chrono_json_reader_free)

G_END_DECLS
