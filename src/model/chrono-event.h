/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "chrono-date.h"
#include "chrono-source.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_EVENT (chrono_event_get_type ())
G_DECLARE_FINAL_TYPE (ChronoEvent, chrono_event, CHRONO, EVENT, GObject)

/* One dated event. Every field is a property with notify:
 *   "id", "title", "description" (plain text, never markup),
 *   "start", "end" (ChronoDate boxed; "end" NULL for a point event),
 *   "category" (a category id), "group" (swimlane), "status" ("confirmed",
 *   "alleged", "disputed", "reported" … free text), "importance" (0..100,
 *   default 50: what stays labelled when zoomed out), "display-date" (a
 *   caption that replaces the formatted date, from TimelineJS),
 *   "actors", "targets", "places", "tags" (GStrv), "sources" (GListModel of
 *   ChronoSource, read-only list; change it with the functions below),
 *   "extra" (JSON object text with fields this version does not know, kept
 *   for lossless round trips; NULL when none).
 *
 * An event handed out by a ChronoTimeline is bound to it: changing a
 * property updates the timeline (and its sort order) at once. */
ChronoEvent      *chrono_event_new                (const char       *id,
                                                   const char       *title,
                                                   const ChronoDate *start);
ChronoEvent      *chrono_event_copy               (ChronoEvent      *self);

const char       *chrono_event_get_id             (ChronoEvent      *self);
void              chrono_event_set_id             (ChronoEvent      *self,
                                                   const char       *id);
const char       *chrono_event_get_title          (ChronoEvent      *self);
void              chrono_event_set_title          (ChronoEvent      *self,
                                                   const char       *title);
const char       *chrono_event_get_description    (ChronoEvent      *self);
void              chrono_event_set_description    (ChronoEvent      *self,
                                                   const char       *description);
const ChronoDate *chrono_event_get_start          (ChronoEvent      *self);
void              chrono_event_set_start          (ChronoEvent      *self,
                                                   const ChronoDate *start);
/* NULL for a point event. */
const ChronoDate *chrono_event_get_end            (ChronoEvent      *self);
void              chrono_event_set_end            (ChronoEvent      *self,
                                                   const ChronoDate *end);
const char       *chrono_event_get_category       (ChronoEvent      *self);
void              chrono_event_set_category       (ChronoEvent      *self,
                                                   const char       *category);
const char       *chrono_event_get_group          (ChronoEvent      *self);
void              chrono_event_set_group          (ChronoEvent      *self,
                                                   const char       *group);
const char       *chrono_event_get_status         (ChronoEvent      *self);
void              chrono_event_set_status         (ChronoEvent      *self,
                                                   const char       *status);
guint             chrono_event_get_importance     (ChronoEvent      *self);
void              chrono_event_set_importance     (ChronoEvent      *self,
                                                   guint             importance);
const char       *chrono_event_get_display_date   (ChronoEvent      *self);
void              chrono_event_set_display_date   (ChronoEvent      *self,
                                                   const char       *display_date);
const char *const*chrono_event_get_actors         (ChronoEvent      *self);
void              chrono_event_set_actors         (ChronoEvent      *self,
                                                   const char *const*actors);
const char *const*chrono_event_get_targets        (ChronoEvent      *self);
void              chrono_event_set_targets        (ChronoEvent      *self,
                                                   const char *const*targets);
const char *const*chrono_event_get_places         (ChronoEvent      *self);
void              chrono_event_set_places         (ChronoEvent      *self,
                                                   const char *const*places);
const char *const*chrono_event_get_tags           (ChronoEvent      *self);
void              chrono_event_set_tags           (ChronoEvent      *self,
                                                   const char *const*tags);
/* A GListModel of ChronoSource; owned by the event. */
GListModel       *chrono_event_get_sources        (ChronoEvent      *self);
void              chrono_event_add_source         (ChronoEvent      *self,
                                                   ChronoSource     *source);
void              chrono_event_clear_sources      (ChronoEvent      *self);
const char       *chrono_event_get_extra          (ChronoEvent      *self);
void              chrono_event_set_extra          (ChronoEvent      *self,
                                                   const char       *extra_json);

/* The span on the axis: start's span, through the end's span for ranges. */
void              chrono_event_get_span           (ChronoEvent      *self,
                                                   ChronoTime       *lo,
                                                   ChronoTime       *hi);
gboolean          chrono_event_is_range           (ChronoEvent      *self);
/* The display date if set, else the precision-aware formatted date or range. */
char             *chrono_event_format_date        (ChronoEvent      *self);

G_END_DECLS
