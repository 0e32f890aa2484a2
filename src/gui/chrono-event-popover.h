/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "chrono-timeline.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_EVENT_POPOVER (chrono_event_popover_get_type ())
G_DECLARE_FINAL_TYPE (ChronoEventPopover, chrono_event_popover, CHRONO, EVENT_POPOVER, GtkPopover)

/* The details of one event: title, date, category, status, description,
 * actors, targets, places, tags and sources (links open only for http and
 * https). Text from files is never read as markup.
 *
 * Value labels carry stable widget names for tests: "popover-title",
 * "popover-date", "popover-description", "popover-category",
 * "popover-status", "popover-actors", "popover-targets", "popover-places",
 * "popover-tags", "popover-source".
 *
 * Properties: "timeline" (to resolve category names and colours), "event". */
GtkWidget      *chrono_event_popover_new          (void);
ChronoTimeline *chrono_event_popover_get_timeline (ChronoEventPopover *self);
void            chrono_event_popover_set_timeline (ChronoEventPopover *self,
                                                   ChronoTimeline     *timeline);
ChronoEvent    *chrono_event_popover_get_event    (ChronoEventPopover *self);
void            chrono_event_popover_set_event    (ChronoEventPopover *self,
                                                   ChronoEvent        *event);

/* @text made safe to embed in Pango markup: valid UTF-8, control characters
 * replaced by spaces, then escaped. */
char           *chrono_markup_escape_untrusted    (const char         *text);
/* Whether a link may be opened: http and https only. */
gboolean        chrono_uri_is_web                 (const char         *uri);

G_END_DECLS
