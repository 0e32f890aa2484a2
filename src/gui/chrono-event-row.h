/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "chrono-category.h"
#include "chrono-event.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_EVENT_ROW (chrono_event_row_get_type ())
G_DECLARE_FINAL_TYPE (ChronoEventRow, chrono_event_row, CHRONO, EVENT_ROW, GtkWidget)

/* A sidebar row: the event's category colour, title and formatted date.
 * Properties: "event" (ChronoEvent or NULL), "category" (ChronoCategory or NULL). */
GtkWidget      *chrono_event_row_new          (void);
ChronoEvent    *chrono_event_row_get_event    (ChronoEventRow *self);
ChronoCategory *chrono_event_row_get_category (ChronoEventRow *self);
void            chrono_event_row_set_event    (ChronoEventRow *self,
                                               ChronoEvent    *event,
                                               ChronoCategory *category);

G_END_DECLS
