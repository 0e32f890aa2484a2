/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CHRONO_TYPE_CATEGORY (chrono_category_get_type ())
G_DECLARE_FINAL_TYPE (ChronoCategory, chrono_category, CHRONO, CATEGORY, GObject)

/* Properties: "id", "name", "color" ("#rrggbb"), "description", "extra"
 * (the unknown fields of a file, as JSON object text, kept for saving). */
ChronoCategory *chrono_category_new             (const char     *id,
                                                 const char     *name,
                                                 const char     *color);
const char     *chrono_category_get_id          (ChronoCategory *self);
const char     *chrono_category_get_name        (ChronoCategory *self);
void            chrono_category_set_name        (ChronoCategory *self,
                                                 const char     *name);
const char     *chrono_category_get_color       (ChronoCategory *self);
void            chrono_category_set_color       (ChronoCategory *self,
                                                 const char     *color);
const char     *chrono_category_get_description (ChronoCategory *self);
void            chrono_category_set_description (ChronoCategory *self,
                                                 const char     *description);
const char     *chrono_category_get_extra       (ChronoCategory *self);
void            chrono_category_set_extra       (ChronoCategory *self,
                                                 const char     *extra_json);
/* Parses the colour into 0..1 components; FALSE (and grey) when unset or invalid. */
gboolean        chrono_category_get_rgb         (ChronoCategory *self,
                                                 double         *red,
                                                 double         *green,
                                                 double         *blue);

G_END_DECLS
