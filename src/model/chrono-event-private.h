/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "chrono-event.h"

G_BEGIN_DECLS

typedef struct _ChronoTimeline ChronoTimeline;

/* Field-by-field identity (chrono_date_compare orders by span only). */
gboolean        _chrono_date_identical     (const ChronoDate *a,
                                            const ChronoDate *b);
/* The axis span and ChronoSpanFlags of a start and optional end, shared by
 * the event and the timeline's compact records so both agree. */
void            _chrono_event_compute_span (const ChronoDate *start,
                                            const ChronoDate *end,
                                            ChronoTime       *lo,
                                            ChronoTime       *hi,
                                            guint8           *flags);

/* A bound event writes every change through to @timeline (which does not
 * hold a reference on it: the timeline caches bound events weakly). */
void            _chrono_event_bind         (ChronoEvent      *self,
                                            ChronoTimeline   *timeline,
                                            guint32           uid);
void            _chrono_event_unbind       (ChronoEvent      *self);
ChronoTimeline *_chrono_event_get_timeline (ChronoEvent      *self);
guint32         _chrono_event_get_uid      (ChronoEvent      *self);
/* The raw lists: NULL when empty (the public getters never return NULL). */
const char *const *_chrono_event_peek_strv (ChronoEvent      *self,
                                            guint             which);
/* The sources, or NULL when the event never had any. */
GListModel        *_chrono_event_peek_sources (ChronoEvent   *self);

enum {
  CHRONO_EVENT_ACTORS,
  CHRONO_EVENT_TARGETS,
  CHRONO_EVENT_PLACES,
  CHRONO_EVENT_TAGS,
  CHRONO_EVENT_N_LISTS
};

G_END_DECLS
