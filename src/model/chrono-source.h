/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CHRONO_TYPE_SOURCE (chrono_source_get_type ())
G_DECLARE_FINAL_TYPE (ChronoSource, chrono_source, CHRONO, SOURCE, GObject)

/* Where a fact comes from. Properties: "title", "url", "publisher",
 * "date" (EDTF text as written), "extra" (the unknown fields of a file,
 * as JSON object text, kept for saving). */
ChronoSource *chrono_source_new           (const char   *title,
                                           const char   *url,
                                           const char   *publisher,
                                           const char   *date);
const char   *chrono_source_get_title     (ChronoSource *self);
void          chrono_source_set_title     (ChronoSource *self,
                                           const char   *title);
const char   *chrono_source_get_url       (ChronoSource *self);
void          chrono_source_set_url       (ChronoSource *self,
                                           const char   *url);
const char   *chrono_source_get_publisher (ChronoSource *self);
void          chrono_source_set_publisher (ChronoSource *self,
                                           const char   *publisher);
const char   *chrono_source_get_date      (ChronoSource *self);
void          chrono_source_set_date      (ChronoSource *self,
                                           const char   *date);
const char   *chrono_source_get_extra     (ChronoSource *self);
void          chrono_source_set_extra     (ChronoSource *self,
                                           const char   *extra_json);
/* TRUE only for http and https URLs: the only ones the app opens. */
gboolean      chrono_source_has_web_url   (ChronoSource *self);

G_END_DECLS
