/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "chrono-date.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_ERA (chrono_era_get_type ())
G_DECLARE_FINAL_TYPE (ChronoEra, chrono_era, CHRONO, ERA, GObject)

/* A named background period. Properties: "id", "title", "start", "end"
 * (ChronoDate boxed), "color", "description", "extra" (the unknown fields
 * of a file, as JSON object text, kept for saving). */
ChronoEra        *chrono_era_new             (const char       *title,
                                              const ChronoDate *start,
                                              const ChronoDate *end);
const char       *chrono_era_get_id          (ChronoEra        *self);
void              chrono_era_set_id          (ChronoEra        *self,
                                              const char       *id);
const char       *chrono_era_get_title       (ChronoEra        *self);
void              chrono_era_set_title       (ChronoEra        *self,
                                              const char       *title);
const ChronoDate *chrono_era_get_start       (ChronoEra        *self);
void              chrono_era_set_start       (ChronoEra        *self,
                                              const ChronoDate *start);
const ChronoDate *chrono_era_get_end         (ChronoEra        *self);
void              chrono_era_set_end         (ChronoEra        *self,
                                              const ChronoDate *end);
const char       *chrono_era_get_color       (ChronoEra        *self);
void              chrono_era_set_color       (ChronoEra        *self,
                                              const char       *color);
const char       *chrono_era_get_description (ChronoEra        *self);
void              chrono_era_set_description (ChronoEra        *self,
                                              const char       *description);
const char       *chrono_era_get_extra       (ChronoEra        *self);
void              chrono_era_set_extra       (ChronoEra        *self,
                                              const char       *extra_json);
void              chrono_era_get_span        (ChronoEra        *self,
                                              ChronoTime       *lo,
                                              ChronoTime       *hi);

G_END_DECLS
