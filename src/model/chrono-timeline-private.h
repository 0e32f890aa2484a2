/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "chrono-timeline.h"

G_BEGIN_DECLS

/* Called by a bound ChronoEvent after one of its fields changed: copies the
 * event back into the store, moves it if its start changed, emits
 * items-changed and marks the document modified. */
void   _chrono_timeline_sync_event          (ChronoTimeline *self,
                                             ChronoEvent    *event);
/* Called by a bound ChronoEvent on dispose: drops it from the weak cache. */
void   _chrono_timeline_forget_event        (ChronoTimeline *self,
                                             ChronoEvent    *event);

/* Memory accounting for the scale budget (DESIGN.md: ≤ 300 bytes per event
 * beyond its text). */
gsize  _chrono_timeline_get_record_size     (void);
/* Worst-case bytes per event of the compact storage, from sizeof()s and the
 * growth policies of the arrays and the id index. */
gsize  _chrono_timeline_get_max_bytes_per_event (void);
/* Bytes currently allocated by the per-event arrays and the id index
 * (not the text, not the interned strings). */
gsize  _chrono_timeline_get_storage_bytes   (ChronoTimeline *self);

G_END_DECLS
