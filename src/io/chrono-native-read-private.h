/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <string.h>

#include "chrono-error.h"
#include "chrono-native-private.h"
#include "chrono-timeline-private.h"

G_BEGIN_DECLS

/* What the two halves of the native reader share: chrono-native-read.c
 * reads the document, its top level, categories and eras and finishes the
 * timeline; chrono-native-read-event.c scans each event into the scratch
 * fields of the Loader and checks it. The helpers every object needs per
 * member are static inline here, so that the event loop keeps them inline. */

enum {
  TOP_VERSION,
  TOP_TITLE,
  TOP_DESCRIPTION,
  TOP_CATEGORIES,
  TOP_ERAS,
  TOP_EVENTS,
  N_TOP
};

/* A known top-level member. */
typedef struct {
  gboolean        present;
  ChronoJsonKind  kind;
  guint           line;    /* where the value starts */
  guint           column;
  /* "chronoscope" */
  gboolean        is_integer;
  gint64          integer;
  /* "title", "description" */
  char           *string;
  /* "categories", "eras": the value's JSON text */
  char           *text;
  gsize           length;
} TopMember;

/* The fields of an event, in the order they are checked. */
enum {
  F_ID,
  F_TITLE,
  F_START,
  F_END,
  F_DESCRIPTION,
  F_CATEGORY,
  F_GROUP,
  F_STATUS,
  F_DISPLAY_DATE,
  F_IMPORTANCE,
  F_ACTORS,
  F_TARGETS,
  F_PLACES,
  F_TAGS,
  F_SOURCES,
  N_FIELDS
};

#define N_SOURCE_FIELDS 4

typedef struct {
  gboolean       present;  /* there and not null */
  ChronoJsonKind kind;
  gsize          offset;   /* where the value starts */
  gsize          text;     /* strings: index into Loader.strings */
  /* importance */
  gboolean       is_integer;
  gint64         integer;
  /* lists: their strings are items[first, first + n) */
  guint          first;
  guint          n;
  gboolean       bad_item; /* the first item that is not a string: */
  guint          bad_index;
  gsize          bad_offset;
  ChronoJsonKind bad_kind;
} Field;

typedef struct {
  gsize          offset;
  ChronoJsonKind kind;
  Field          fields[N_SOURCE_FIELDS];
  gboolean       has_extra;
  gsize          extra;    /* index into Loader.strings */
} SourceItem;

/* The ids seen so far, as 64-bit hashes (0 marks an empty slot): a match
 * is confirmed against the timeline, which is slow but happens only for a
 * real duplicate (or once in billions of loads). Open addressing, at most
 * 3/4 full. */
typedef struct {
  guint64 *slots;
  gsize    size;  /* 0 or a power of two */
  gsize    count;
} IdSet;

typedef struct {
  ChronoJsonReader *reader;
  const char       *display_name;

  guint             root_line;
  guint             root_column;
  TopMember         top[N_TOP];
  GString          *extra;      /* unknown top-level members, as object text */

  ChronoTimeline   *timeline;
  GPtrArray        *categories; /* read when the events start */
  GError           *categories_error;
  GError           *event_error; /* the first bad event; later ones are only parsed */
  guint             n_events;
  IdSet             ids;

  /* Scratch for one event (or category, era), kept from one to the next. */
  Field             fields[N_FIELDS];
  guint64           id_hash;    /* of a string "id", once read */
  gsize             event_offset;
  ChronoJsonKind    event_kind;
  GString          *strings;    /* the event's strings, NUL-separated */
  GArray           *items;      /* gsize: list items, indexes into strings */
  GArray           *sources;    /* SourceItem */
  GString          *event_extra;
  GString          *source_extra;
  GPtrArray        *vectors[CHRONO_EVENT_N_LISTS];
  GPtrArray        *source_strings;
  GPtrArray        *source_extras;
} Loader;

/* Sets "NAME:LINE:COL: CONTEXT: message" (chrono-native-read.c). */
void        _chrono_native_fail_at_position  (Loader            *l,
                                              GError           **error,
                                              ChronoError        code,
                                              guint              line,
                                              guint              column,
                                              const char        *context,
                                              const char        *format,
                                              va_list            args) G_GNUC_PRINTF (7, 0);
/* Called when "events" starts: the timeline, with the categories in it
 * when they came before (chrono-native-read.c). */
void        _chrono_native_start_timeline    (Loader            *l);

/* The rest are in chrono-native-read-event.c. */

/* A date or, with @allow_open, also an open end; else FALSE and *@message. */
gboolean    _chrono_native_parse_date        (const char        *text,
                                              gboolean           allow_open,
                                              const char        *member,
                                              ChronoDate        *out,
                                              char             **message);
gboolean    _chrono_native_scan_extra_member (ChronoJsonReader  *r,
                                              const char        *name,
                                              GString           *extra,
                                              GError           **error);
gboolean    _chrono_native_scan_object       (ChronoJsonReader  *r,
                                              const char *const *names,
                                              guint              n_names,
                                              Field             *fields,
                                              GString           *strings,
                                              GString           *extra,
                                              ChronoJsonKind    *kind,
                                              gsize             *offset,
                                              GError           **error);
/* At the "events" array: reads, checks and appends every event. */
gboolean    _chrono_native_read_events       (Loader            *l,
                                              GError           **error);

/* Whether a range from @start to @end (a date or open) ends before it starts. */
static inline gboolean
_chrono_native_ends_before_start (const ChronoDate *start,
                                  const ChronoDate *end)
{
  ChronoTime start_lo, start_hi, end_lo, end_hi;

  if (!chrono_date_is_date (end))
    return FALSE;
  chrono_date_get_span (start, &start_lo, &start_hi);
  chrono_date_get_span (end, &end_lo, &end_hi);
  return end_hi <= start_lo;
}

static inline int
_chrono_native_field_index (const char        *name,
                            const char *const *names,
                            guint              n)
{
  for (guint i = 0; i < n; i++)
    if (name[0] == names[i][0] && strcmp (name, names[i]) == 0)
      return (int) i;
  return -1;
}

/* The object text of the unknown members, or NULL when there were none. */
static inline const char *
_chrono_native_extra_finish (GString *extra)
{
  if (extra->len == 0)
    return NULL;
  g_string_append_c (extra, '}');
  return extra->str;
}

static inline const char *
_chrono_native_field_string (Loader      *l,
                             const Field *f)
{
  return f->present ? l->strings->str + f->text : NULL;
}

G_END_DECLS
