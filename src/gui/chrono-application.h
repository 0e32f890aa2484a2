/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CHRONO_TYPE_APPLICATION (chrono_application_get_type ())
G_DECLARE_FINAL_TYPE (ChronoApplication, chrono_application, CHRONO, APPLICATION, AdwApplication)

ChronoApplication *chrono_application_new          (void);
/* The application's settings, or NULL when the schema is not installed
 * (an uninstalled build run without GSETTINGS_SCHEMA_DIR): then nothing
 * is remembered. */
GSettings         *chrono_application_get_settings (ChronoApplication *self);

G_END_DECLS
