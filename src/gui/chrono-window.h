/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "chrono-application.h"
#include "chrono-timeline.h"

G_BEGIN_DECLS

#define CHRONO_TYPE_WINDOW (chrono_window_get_type ())
G_DECLARE_FINAL_TYPE (ChronoWindow, chrono_window, CHRONO, WINDOW, AdwApplicationWindow)

/* One timeline: header bar, the canvas over the overview strip, and the
 * sidebar event list. Property: "timeline" (construct-only). */
ChronoWindow   *chrono_window_new          (ChronoApplication *application,
                                            ChronoTimeline    *timeline);
ChronoTimeline *chrono_window_get_timeline (ChronoWindow      *self);
/* A modal message dialog over the window; @body is plain text. */
void            chrono_window_show_error   (ChronoWindow      *self,
                                            const char        *heading,
                                            const char        *body);
/* Opens @file into this window: asks first when the timeline has unsaved
 * changes, then loads it in a worker thread. A file that fails to load
 * leaves the open timeline as it was and shows an error. */
void            chrono_window_open_file    (ChronoWindow      *self,
                                            GFile             *file);
void            chrono_window_add_toast    (ChronoWindow      *self,
                                            AdwToast          *toast);

G_END_DECLS
