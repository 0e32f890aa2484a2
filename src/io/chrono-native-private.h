/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "chrono-json-util.h"
#include "chrono-timeline.h"

G_BEGIN_DECLS

/* The version this code reads and writes; files from a newer Chronoscope
 * carry a higher number and are refused rather than misread. */
#define CHRONO_NATIVE_VERSION 1

/* Reads a whole native document from @reader (chrono-native-read.c):
 * the timeline, or NULL and "NAME:LINE:COL: message" in @error. */
ChronoTimeline *_chrono_native_read (ChronoJsonReader  *reader,
                                     const char        *display_name,
                                     GError           **error);

G_END_DECLS
